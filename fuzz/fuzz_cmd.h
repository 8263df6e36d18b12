/*
 * fuzz_cmd.h: what the per-command targets share. Each runs one whole
 * command in-process, through the same cmd_* function main calls, with a
 * struct opts built as main's parser builds it: the fuzzer's bytes are the
 * primary input, the auxiliary files are fixed copies of samples/ written
 * once to a temporary directory (run the targets from the top of the tree,
 * as fuzz/run.sh does).
 *
 * The first input byte picks options (the output encoding, --excel-safe,
 * --eol, a forced input encoding, --match, --changed-only, whether the
 * ミキワメAI files are given), so that one target covers the paths a
 * command takes with them; the rest is the file.
 *
 * After every run the promises of SPEC §1 are checked: the status is 0, 1,
 * 2 or 3; on 2 no output, report, plan or summary file exists (but see
 * FC_OUT_ON_2); on 0 and 1 all of them do; and no temporary file is left
 * in the output's directory.
 * A command that calls exit() is a failure too (libFuzzer reports it).
 * Messages on standard error are expected; run.sh hides them with
 * -close_fd_mask=2 (sanitizer reports and failed checks still show).
 */
#ifndef FUZZ_CMD_H
#define FUZZ_CMD_H

#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "fuzz.h"

/* Control bits of the first input byte. */
#define FC_CP932	0x01	/* --output-encoding cp932 */
#define FC_EXCEL	0x02	/* --excel-safe */
#define FC_LF		0x04	/* --eol lf */
#define FC_FORCE	0x08	/* --input-encoding, utf-8 or (FC_SJIS) cp932 */
#define FC_SJIS		0x10
#define FC_NUMBER	0x20	/* --match employee-number (else email) */
#define FC_CHANGED	0x40	/* --changed-only (with the ミキワメAI file) */
#define FC_MIKIWAME	0x80	/* the current ミキワメAI export is given */

/*
 * A bit of fc_run's with: exit 2 writes the output all the same. inspect
 * does (its man page): the description of a file it could not read is
 * what the user asked for.
 */
#define FC_OUT_ON_2	0x80000000u

static char	 fc_dir[PATH_MAX];

/*
 * fc_path("x.csv"): the file's name in the temporary directory; made once
 * per name and kept, because struct opts holds the pointers.
 */
static const char *
fc_path(const char *name)
{
	static struct { const char *name; char *path; } cache[16];
	size_t	 i;

	for (i = 0; i < 16 && cache[i].name != NULL; i++)
		if (strcmp(cache[i].name, name) == 0)
			return cache[i].path;
	if (i == 16)
		FUZZ_FAIL("fc_path: too many names");
	cache[i].name = name;
	if ((cache[i].path = malloc(strlen(fc_dir) + strlen(name) + 2)) == NULL)
		abort();
	sprintf(cache[i].path, "%s/%s", fc_dir, name);
	return cache[i].path;
}

static void
fc_write(const char *name, const void *data, size_t size)
{
	FILE	*fp;

	if ((fp = fopen(fc_path(name), "wb")) == NULL)
		FUZZ_FAIL("cannot write into the temporary directory");
	if (size > 0 && fwrite(data, 1, size, fp) != size)
		FUZZ_FAIL("short write");
	if (fclose(fp) != 0)
		FUZZ_FAIL("write error");
}

/* Copies samples/NAME into the temporary directory as AS. */
static void
fc_sample(const char *name, const char *as)
{
	char	 path[PATH_MAX], b[65536];
	FILE	*fp;
	size_t	 n;

	snprintf(path, sizeof(path), "samples/%s", name);
	if ((fp = fopen(path, "rb")) == NULL) {
		fprintf(stderr, "%s: %s (run from the top of the tree)\n",
		    path, strerror(errno));
		abort();
	}
	n = fread(b, 1, sizeof(b), fp);
	fclose(fp);
	fc_write(as, b, n);
}

/* Makes the temporary directory once and copies the auxiliary samples. */
static void
fc_setup(void)
{
	const char	*t = getenv("TMPDIR");

	if (fc_dir[0] != '\0')
		return;
	snprintf(fc_dir, sizeof(fc_dir), "%s/mikibridge-fuzz.XXXXXX",
	    t != NULL && *t != '\0' ? t : "/tmp");
	if (mkdtemp(fc_dir) == NULL)
		FUZZ_FAIL("mkdtemp");
	fc_sample("mikiwame-departments.csv", "md.csv");
	fc_sample("smarthr-departments.csv", "sd.csv");
	fc_sample("mikiwame-employees.csv", "me.csv");
	fc_sample("smarthr-employees-utf8.csv", "se.csv");
}

/* Options as main's parse() leaves them before any option is read. */
static void
fc_opts(struct opts *o, unsigned ctl, unsigned with)
{
	memset(o, 0, sizeof(*o));
	o->in_enc = ENC_AUTO;
	o->crlf = 1;
	o->max_new = -1;
	o->quiet = 1;
	o->given = OPT_QUIET;
	if (with & OPT_OUTPUT) {
		o->output = fc_path("out.csv");
		o->given |= OPT_OUTPUT;
	}
	if (with & OPT_ERRORS) {
		o->errors = fc_path("err.csv");
		o->plan = fc_path("plan.csv");
		o->json = fc_path("sum.json");
		o->given |= OPT_ERRORS | OPT_PLAN | OPT_JSON;
		if (ctl & FC_CP932) {
			o->out_enc = ENC_CP932;
			o->out_enc_set = 1;
			o->given |= OPT_OENC;
		}
		if (ctl & FC_EXCEL) {
			o->excel_safe = 1;
			o->given |= OPT_EXCEL;
		}
		if (ctl & FC_LF) {
			o->crlf = 0;
			o->given |= OPT_EOL;
		}
	}
	if (ctl & FC_FORCE) {
		o->in_enc = ctl & FC_SJIS ? ENC_CP932 : ENC_UTF8;
		o->given |= OPT_IENC;
	}
}

/* Is name one of the files a run may leave? */
static int
fc_known(const char *name)
{
	static const char *const ok[] = {
		".", "..", "in.csv", "md.csv", "sd.csv", "me.csv", "se.csv",
		"out.csv", "err.csv", "plan.csv", "sum.json"
	};
	size_t	 i;

	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
		if (strcmp(name, ok[i]) == 0)
			return 1;
	return 0;
}

static int
fc_exists(const char *name)
{
	struct stat	 st;

	return stat(fc_path(name), &st) == 0;
}

/*
 * Writes the input, runs c on o (o->args[0] is set here), and checks the
 * outcome. with: the OPT_OUTPUT and OPT_ERRORS bits fc_opts was given.
 */
static int
fc_run(const struct cmd *c, struct opts *o, unsigned with,
    const uint8_t *data, size_t size)
{
	static const char *const outs[] = {
		"out.csv", "err.csv", "plan.csv", "sum.json"
	};
	char		*args[1], msg[PATH_MAX + 64];
	DIR		*dir;
	struct dirent	*de;
	size_t		 i;
	int		 rc;

	for (i = 0; i < sizeof(outs) / sizeof(outs[0]); i++)
		(void)unlink(fc_path(outs[i]));
	fc_write("in.csv", data, size);
	args[0] = (char *)(uintptr_t)fc_path("in.csv");
	o->args = args;
	o->nargs = 1;
	rc = c->run(c, o);
	free(o->mdepts);
	o->mdepts = NULL;
	if (rc < 0 || rc > 3) {
		snprintf(msg, sizeof(msg), "exit status %d, not 0 to 3", rc);
		FUZZ_FAIL(msg);
	}
	for (i = 0; i < sizeof(outs) / sizeof(outs[0]); i++) {
		if (i == 0 && !(with & OPT_OUTPUT))
			continue;
		if (i > 0 && !(with & OPT_ERRORS))
			break;
		if (rc == 2 && fc_exists(outs[i]) &&
		    !(i == 0 && (with & FC_OUT_ON_2))) {
			snprintf(msg, sizeof(msg), "no output file on exit 2, "
			    "but %s exists", outs[i]);
			FUZZ_FAIL(msg);
		}
		/* Exit 3 drops the output but keeps the report and plan. */
		if ((rc == 0 || rc == 1 || (rc == 3 && i > 0)) &&
		    !fc_exists(outs[i])) {
			snprintf(msg, sizeof(msg), "every output written on "
			    "exit %d, but %s is missing", rc, outs[i]);
			FUZZ_FAIL(msg);
		}
	}
	if ((dir = opendir(fc_dir)) == NULL)
		FUZZ_FAIL("opendir");
	while ((de = readdir(dir)) != NULL)
		if (!fc_known(de->d_name)) {
			snprintf(msg, sizeof(msg), "no temporary file left "
			    "behind, but %s is", de->d_name);
			FUZZ_FAIL(msg);
		}
	closedir(dir);
	return rc;
}

/* Adds one --mikiwame-departments FILE, as parse() does. */
static inline void
fc_mdepts(struct opts *o, const char *name)
{
	o->mdepts = realloc(o->mdepts, (o->nmdepts + 1) * sizeof(*o->mdepts));
	if (o->mdepts == NULL)
		abort();
	o->mdepts[o->nmdepts++] = fc_path(name);
	o->given |= OPT_MDEPTS;
}

#endif
