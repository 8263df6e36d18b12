/*
 * main: the command table, the one option parser, exit statuses.
 *
 * Exit statuses (SPEC §1): 0 done with an empty error report, 1 done with
 * report rows, 2 usage or input error (nothing written), 3 a safety limit
 * (--max-new) tripped.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "ofile.h"
#include "util.h"

#ifndef VERSION
#define VERSION "0.1.0"
#endif

enum {
	O_ERRORS = 256, O_PLAN, O_JSON, O_IENC, O_OENC, O_EOL, O_EXCEL,
	O_PROFILE, O_MATCH, O_MDEPTS, O_SDEPTS, O_MEMPS, O_SEMPS, O_CHANGED,
	O_MAXNEW, O_VERSION
};

static const struct option longopts[] = {
	{ "output", required_argument, NULL, 'o' },
	{ "errors", required_argument, NULL, O_ERRORS },
	{ "plan", required_argument, NULL, O_PLAN },
	{ "json-summary", required_argument, NULL, O_JSON },
	{ "input-encoding", required_argument, NULL, O_IENC },
	{ "output-encoding", required_argument, NULL, O_OENC },
	{ "eol", required_argument, NULL, O_EOL },
	{ "excel-safe", no_argument, NULL, O_EXCEL },
	{ "profile", required_argument, NULL, O_PROFILE },
	{ "quiet", no_argument, NULL, 'q' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, O_VERSION },
	{ "match", required_argument, NULL, O_MATCH },
	{ "mikiwame-departments", required_argument, NULL, O_MDEPTS },
	{ "smarthr-departments", required_argument, NULL, O_SDEPTS },
	{ "mikiwame-employees", required_argument, NULL, O_MEMPS },
	{ "smarthr-employees", required_argument, NULL, O_SEMPS },
	{ "changed-only", no_argument, NULL, O_CHANGED },
	{ "max-new", required_argument, NULL, O_MAXNEW },
	{ NULL, 0, NULL, 0 }
};

static void
usage(FILE *fp)
{
	size_t	 i;

	fprintf(fp, "usage:");
	for (i = 0; i < cli_ncmds; i++)
		fprintf(fp, "%s%s %s %s\n", i ? "       " : " ", progname,
		    cli_cmds[i].name, cli_cmds[i].synopsis);
	fprintf(fp, "       %s help [COMMAND]\n", progname);
	fprintf(fp, "       %s --help | --version\n", progname);
}

static const char *
optname(int ch)
{
	size_t	 i;

	for (i = 0; longopts[i].name != NULL; i++)
		if (longopts[i].val == ch)
			return longopts[i].name;
	return "?";
}

static int
parse(const struct cmd *c, int argc, char **argv, struct opts *o)
{
	static const struct { int ch; unsigned bit; } own[] = {
		{ O_MATCH, OPT_MATCH }, { O_MDEPTS, OPT_MDEPTS },
		{ O_SDEPTS, OPT_SDEPTS }, { O_MEMPS, OPT_MEMPS },
		{ O_SEMPS, OPT_SEMPS }, { O_CHANGED, OPT_CHANGED_ONLY },
		{ O_MAXNEW, OPT_MAX_NEW }, { 'o', OPT_OUTPUT },
		{ O_ERRORS, OPT_ERRORS }, { O_PLAN, OPT_PLAN },
		{ O_JSON, OPT_JSON }, { O_IENC, OPT_IENC }, { O_OENC, OPT_OENC },
		{ O_EOL, OPT_EOL }, { O_EXCEL, OPT_EXCEL },
		{ O_PROFILE, OPT_PROFILE }, { 'q', OPT_QUIET },
	};
	size_t	 i;
	int	 ch, li;
	char	*end;

	memset(o, 0, sizeof(*o));
	o->in_enc = ENC_AUTO;
	o->crlf = 1;
	o->max_new = -1;
	opterr = 0;
	optind = 1;
	for (;;) {
		li = -1;
		if ((ch = getopt_long(argc, argv, ":o:qh", longopts, &li)) == -1)
			break;
		/* Name the option as it was typed: -o or --output. */
		for (i = 0; i < ARRAY_LEN(own); i++)
			if (own[i].ch == ch && !(c->accepts & own[i].bit)) {
				if (li == -1)
					return usage_error(c, "unknown option "
					    "-%c", ch);
				return usage_error(c, "unknown option --%s",
				    optname(ch));
			}
		switch (ch) {
		case 'o':
			o->output = optarg;
			break;
		case 'q':
			o->quiet = 1;
			break;
		case 'h':
			cmd_help(c, stdout);
			return fflush(stdout) == EOF ? 2 : 0;
		case O_VERSION:
			printf("%s %s\n", progname, VERSION);
			return fflush(stdout) == EOF ? 2 : 0;
		case O_ERRORS:
			o->errors = optarg;
			break;
		case O_PLAN:
			o->plan = optarg;
			break;
		case O_JSON:
			o->json = optarg;
			break;
		case O_PROFILE:
			o->profile = optarg;
			break;
		case O_IENC:
			if (enc_parse_input(optarg, &o->in_enc) == -1)
				return usage_error(c, "unknown input encoding "
				    "\"%s\" (auto, utf-8, cp932)", optarg);
			break;
		case O_OENC:
			if (enc_parse_output(optarg, &o->out_enc) == -1)
				return usage_error(c, "unknown output encoding "
				    "\"%s\" (utf-8, utf-8-bom, cp932)", optarg);
			o->out_enc_set = 1;
			break;
		case O_EOL:
			if (strcmp(optarg, "crlf") == 0)
				o->crlf = 1;
			else if (strcmp(optarg, "lf") == 0)
				o->crlf = 0;
			else
				return usage_error(c, "--eol takes crlf or lf, "
				    "not \"%s\"", optarg);
			break;
		case O_EXCEL:
			o->excel_safe = 1;
			break;
		case O_MATCH:
			if (strcmp(optarg, "email") != 0 &&
			    strcmp(optarg, "employee-number") != 0)
				return usage_error(c, "--match takes email or "
				    "employee-number, not \"%s\"", optarg);
			o->match = optarg;
			o->given |= OPT_MATCH;
			break;
		case O_MDEPTS:
			o->mdepts = xgrow(o->mdepts, &o->capmdepts,
			    o->nmdepts + 1, sizeof(*o->mdepts));
			o->mdepts[o->nmdepts++] = optarg;
			o->given |= OPT_MDEPTS;
			break;
		case O_SDEPTS:
			o->sdepts = optarg;
			o->given |= OPT_SDEPTS;
			break;
		case O_MEMPS:
			o->memps = optarg;
			o->given |= OPT_MEMPS;
			break;
		case O_SEMPS:
			o->semps = optarg;
			o->given |= OPT_SEMPS;
			break;
		case O_CHANGED:
			o->changed_only = 1;
			o->given |= OPT_CHANGED_ONLY;
			break;
		case O_MAXNEW:
			errno = 0;
			o->max_new = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || o->max_new < 0 ||
			    errno != 0)
				return usage_error(c, "--max-new takes a "
				    "number of records, not \"%s\"", optarg);
			o->given |= OPT_MAX_NEW;
			break;
		case ':':
			return usage_error(c, "option %s needs a value",
			    argv[optind - 1]);
		default:
			if (optopt != 0)
				return usage_error(c, "unknown option -%c",
				    optopt);
			return usage_error(c, "unknown option %s",
			    argv[optind - 1]);
		}
	}
	o->args = argv + optind;
	o->nargs = argc - optind;
	return -1;
}

int
main(int argc, char **argv)
{
	const struct cmd *c;
	struct opts	 o;
	int		 rc;

	ofile_signals();
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		usage(stdout);
		return fflush(stdout) == EOF || ferror(stdout) ? 2 : 0;
	}
	/* mikibridge help [COMMAND]: the same as --help and COMMAND --help. */
	if (strcmp(argv[1], "help") == 0) {
		if (argc == 2)
			usage(stdout);
		else if ((c = cli_find(argv[2])) != NULL && argc == 3)
			cmd_help(c, stdout);
		else {
			fprintf(stderr, "%s: help: %s\n", progname, argc > 3 ?
			    "one COMMAND at most" : "unknown command");
			usage(stderr);
			return 2;
		}
		return fflush(stdout) == EOF || ferror(stdout) ? 2 : 0;
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("%s %s\n", progname, VERSION);
		return fflush(stdout) == EOF || ferror(stdout) ? 2 : 0;
	}
	if ((c = cli_find(argv[1])) == NULL) {
		/* "mikibridge -q convert" is a common slip: say what is wrong. */
		if (argv[1][0] == '-')
			fprintf(stderr, "%s: unknown option %s (options come "
			    "after the command)\n", progname, argv[1]);
		else
			fprintf(stderr, "%s: unknown command \"%s\"\n",
			    progname, argv[1]);
		usage(stderr);
		return 2;
	}
	if ((rc = parse(c, argc - 1, argv + 1, &o)) == -1)
		rc = c->run(c, &o);
	free(o.mdepts);
	return rc;
}
