/*
 * flow: inputs, outputs and the end of a run, shared by every command.
 *
 * An input is opened one of two ways. flow_input scans the whole file for
 * its encoding first (enc_detect), then reads the header: for reference
 * files, small masters and the commands that read every column.
 * flow_input_once is for a large primary input read by input_spool: the
 * header's own bytes decide how to decode the header, the detection runs
 * on the buffers csvin reads anyway, and the verdict on the whole file
 * (UTF-16, mixed, the encoding of the fields) comes at the end of that
 * single pass, still before any output exists. Whenever that order could
 * let another error speak first (the header cannot be read, or its bytes
 * do not settle the encoding, or the run fails before the spool), the
 * whole file is scanned as flow_input would have, so every message is the
 * one flow_input gives.
 *
 * The spool holds, per record, what the command can still ask about: the
 * line, the field count, whether the count is right, whether the row is
 * all empty, and the raw bytes of the wanted columns. Lengths are varints
 * and every field is followed by a NUL so that it can be handed out in
 * place, as csvin hands out its fields.
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "flow.h"
#include "norm.h"
#include "ofile.h"

#define SP_OK		0x01	/* spool flags: input_count_ok holds */
#define SP_EMPTY	0x02	/* a row of empty cells */

/* The records of an input after input_spool. */
struct spool {
	FILE		*fp;		/* unlinked temporary file */
	size_t		*col;		/* wanted columns, ascending */
	size_t		 ncol;
	struct buf	 b;		/* one record, as written or read */
	const char	**f;		/* the record handed out */
	size_t		*len;
	size_t		 cap;		/* of f and len */
	struct rec	 rec;
	int		 ok;		/* rec's SP_OK */
	char		*err;		/* the pass's error, given last */
};

static void	in_free_header(struct input *);

/* A file name and what it is, for the same-file check. */
struct named {
	const char	*opt;		/* "--errors", or NULL for INPUT */
	const char	*path;
	int		 out;
};

/*
 * Is path written directly (standard output, a descriptor name, an
 * existing FIFO or device): then several outputs may name it.
 */
static int
direct(const char *path)
{
	struct stat	 st;

	return ofile_fd_alias(path) != -1 ||
	    (stat(path, &st) == 0 && !S_ISREG(st.st_mode));
}

/*
 * Standard input can be read once: two inputs named "-" (or one and the
 * primary input left out, which means standard input) are a usage error,
 * said as such rather than as the second reader's "missing column". The
 * profile is read twice (checked, then applied), so it cannot be "-".
 */
static int
stdin_twice(struct flow *f)
{
	struct opts	*o = f->o;
	const char	*who[2] = { NULL, NULL };
	size_t		 i, n = 0;
	int		 k, primary;

#define STDIN(O, P) do {						\
	if ((P) != NULL && strcmp((P), "-") == 0 && n++ < 2)		\
		who[n - 1] = (O);					\
} while (0)
	if (o->profile != NULL && strcmp(o->profile, "-") == 0) {
		usage_error(f->cmd, "--profile -: the profile is read twice "
		    "(checked, then applied), so it cannot come from standard "
		    "input; name a file");
		return -1;
	}
	primary = strcmp(f->cmd->name, "inspect") != 0 &&
	    strcmp(f->cmd->name, "profile") != 0;
	/* Reading a terminal would wait in silence for a CSV typed in. */
	if (primary && o->nargs == 0 && isatty(STDIN_FILENO)) {
		usage_error(f->cmd, "no INPUT given, and standard input is a "
		    "terminal: name the file to read (or - to read standard "
		    "input)");
		return -1;
	}
	if (primary && o->nargs == 0 && n++ < 2)
		who[n - 1] = "no INPUT (standard input)";
	for (k = 0; k < o->nargs; k++)
		STDIN("INPUT -", o->args[k]);
	for (i = 0; i < o->nmdepts; i++)
		STDIN("--mikiwame-departments -", o->mdepts[i]);
	STDIN("--smarthr-departments -", o->sdepts);
	STDIN("--mikiwame-employees -", o->memps);
	STDIN("--smarthr-employees -", o->semps);
#undef STDIN
	if (n < 2)
		return 0;
	usage_error(f->cmd, "standard input is named twice (%s and %s): it "
	    "can be read only once; name the files", who[0], who[1]);
	return -1;
}

/*
 * An output that is an input (--errors staff.csv staff.csv) or another
 * output (-o x.csv --errors x.csv) would destroy it: exit 2 before
 * anything is read or written. A non-existent name is compared as text,
 * so ./x.csv and x.csv are caught once the first run made the file.
 */
static int
same_files(struct flow *f)
{
	struct opts	*o = f->o;
	struct named	 n[16 + 8];
	size_t		 nn = 0, i, j;
	int		 k;

#define NAMED(O, P, OUT) do {						\
	if ((P) != NULL && strcmp((P), "-") != 0 && nn < ARRAY_LEN(n)) {	\
		n[nn].opt = (O);					\
		n[nn].path = (P);					\
		n[nn++].out = (OUT);					\
	}								\
} while (0)
	NAMED("-o", o->output, 1);
	NAMED("--errors", o->errors, 1);
	NAMED("--plan", o->plan, 1);
	NAMED("--json-summary", o->json, 1);
	NAMED("--profile", o->profile, 0);
	NAMED("--smarthr-departments", o->sdepts, 0);
	NAMED("--mikiwame-employees", o->memps, 0);
	NAMED("--smarthr-employees", o->semps, 0);
	for (i = 0; i < o->nmdepts && i < 8; i++)
		NAMED("--mikiwame-departments", o->mdepts[i], 0);
	for (k = 0; k < o->nargs && k < 8; k++)
		NAMED(NULL, o->args[k], 0);
#undef NAMED
	if (stdin_twice(f) == -1)
		return -1;
	for (i = 0; i < nn; i++) {
		if (!n[i].out || direct(n[i].path))
			continue;
		for (j = 0; j < nn; j++) {
			if (j == i || (j < i && n[j].out) ||
			    !ofile_same_file(n[i].path, n[j].path))
				continue;
			usage_error(f->cmd, "%s %s is %s%s%s %s: writing it would "
			    "destroy %s; name another file", n[i].opt,
			    n[i].path, n[j].out ? "also " : "the ",
			    n[j].opt != NULL ? n[j].opt : "input",
			    n[j].opt != NULL && !n[j].out ? " file" : "",
			    n[j].path, n[j].out ? "one of the two outputs" :
			    "that file");
			return -1;
		}
	}
	return 0;
}

int
flow_init(struct flow *f, const struct cmd *c, struct opts *o)
{
	memset(f, 0, sizeof(*f));
	f->cmd = c;
	f->o = o;
	f->prof = profile_builtin();
	f->codec = codec_new();
	f->diag = diag_new(c->name);
	if (same_files(f) == -1)
		return 2;
	if (o->profile != NULL && profile_load(f->prof, o->profile,
	    &f->err) == -1) {
		fprintf(stderr, "%s: %s\n", progname, f->err.p);
		return 2;
	}
	return 0;
}

void
flow_free(struct flow *f)
{
	input_close(f->in);
	csvout_free(&f->w);
	csvout_free(&f->rw);
	csvout_free(&f->pw);
	ofile_abort(&f->out);
	ofile_abort(&f->rep);
	ofile_abort(&f->plan);
	ofile_abort(&f->json);
	profile_free(f->prof);
	codec_free(f->codec);
	diag_free(f->diag);
	buf_free(&f->err);
	buf_free(&f->tmp);
}

FILE *
flow_open_seekable(const char *path, struct buf *err)
{
	struct stat	 st;
	FILE		*fp, *sp;
	char		 b[65536];
	size_t		 n;

	if (strcmp(path, "-") == 0)
		fp = stdin;
	else if ((fp = fopen(path, "rb")) == NULL) {
		buf_printf(err, "%s: %s", path, strerror(errno));
		return NULL;
	}
	if (fstat(fileno(fp), &st) == -1) {
		buf_printf(err, "%s: %s", path, strerror(errno));
		goto fail;
	}
	if (S_ISDIR(st.st_mode)) {
		buf_printf(err, "%s: is a directory", path);
		goto fail;
	}
	if (S_ISREG(st.st_mode))
		return fp;
	/* A pipe is spooled so that it can be read more than once. */
	if ((sp = ofile_spool(err)) == NULL)
		goto fail;
	while ((n = fread(b, 1, sizeof(b), fp)) > 0)
		if (fwrite(b, 1, n, sp) != n) {
			buf_printf(err, "temporary file: %s", strerror(errno));
			fclose(sp);
			goto fail;
		}
	if (ferror(fp) || fflush(sp) == EOF || fseek(sp, 0, SEEK_SET) == -1) {
		buf_printf(err, "%s: read error", path);
		fclose(sp);
		goto fail;
	}
	if (fp != stdin)
		fclose(fp);
	return sp;
fail:
	if (fp != stdin)
		fclose(fp);
	return NULL;
}

static int
all_empty(const struct rec *r)
{
	size_t	 i;

	for (i = 0; i < r->nf; i++)
		if (r->len[i] > 0)
			return 0;
	return 1;
}

/*
 * flow_input_once: the encoding of the header from its own bytes, or -1
 * when they do not settle it. With a BOM the file is UTF-8. A header with
 * a byte invalid in UTF-8 makes the file CP932 (or mixed, found at the end
 * of the pass). A header of valid UTF-8 holding a character of three or
 * four bytes is a line of UTF-8 text, so the file is UTF-8 (or mixed). An
 * ASCII header reads the same in either encoding; the fields get the
 * encoding found by the pass. So when the file is not mixed, a non-ASCII
 * header's encoding is the file's. The one case left is a header whose
 * only non-ASCII bytes form two-byte UTF-8 characters, which may as well
 * be CP932 half-width katakana: only the whole file can tell.
 */
static int
header_enc(const struct input *in, const struct rec *r, enum enc *e)
{
	const unsigned char	*u;
	size_t			 i, j;
	int			 high = 0, wide = 0;

	*e = ENC_UTF8;
	if (in->dt->d.bom)
		return 0;
	for (i = 0; i < r->nf; i++) {
		if (enc_utf8_check(r->f[i], r->len[i]) != r->len[i]) {
			*e = ENC_CP932;
			return 0;
		}
		u = (const unsigned char *)r->f[i];
		for (j = 0; j < r->len[i]; j++) {
			high |= u[j] >= 0x80;
			wide |= u[j] >= 0xE0;
		}
	}
	return high && !wide ? -1 : 0;
}

/* 0, -1 with f->err set, or 1: flow_input_once cannot tell the encoding. */
static int
read_header(struct flow *f, struct input *in)
{
	struct rec	*r;
	struct buf	 d = {0}, n = {0};
	size_t		 i, bad;
	int		 k;

	/* The header is the first record that is not a row of empty cells. */
	while ((k = csvin_next(in->csv, &r)) == 1 && all_empty(r))
		continue;
	if (k == -1) {
		buf_adds(&f->err, csvin_error(in->csv));
		return -1;
	}
	if (k == 0) {
		buf_printf(&f->err, "%s: no header: the file %s", in->name,
		    csvin_lines(in->csv) > 0 ? "holds only blank lines" :
		    (in->dt != NULL ? in->dt->d.bom : in->det.bom) ?
		    "holds only a UTF-8 byte order mark" : "is empty");
		return -1;
	}
	if (in->dt != NULL && f->o->in_enc == ENC_AUTO &&
	    header_enc(in, r, &in->enc) == -1)
		return 1;
	/* A header of one field holding tabs: tab-separated, not CSV. */
	if (r->nf == 1 && memchr(r->f[0], '\t', r->len[0]) != NULL &&
	    strcmp(f->cmd->name, "convert") != 0) {
		buf_printf(&f->err, "%s:%zu: the header has tabs and no comma: "
		    "this looks like tab-separated text (TSV), not CSV; save "
		    "it as CSV (comma-separated)", in->name, r->line);
		return -1;
	}
	in->hdr_line = r->line;
	in->nh = r->nf;
	in->hdr = xcalloc(r->nf, sizeof(*in->hdr));
	in->nhdr = xcalloc(r->nf, sizeof(*in->nhdr));
	for (i = 0; i < r->nf; i++) {
		buf_reset(&d);
		if (codec_decode(in->codec, in->enc, r->f[i], r->len[i], &d,
		    &bad) == -1) {
			buf_printf(&f->err, "%s:%zu: the header's column %zu "
			    "has bytes that are invalid in %s (byte 0x%02X); "
			    "try --input-encoding", in->name, r->line, i + 1,
			    enc_name(in->enc), (unsigned char)r->f[i][bad]);
			buf_free(&d);
			buf_free(&n);
			return -1;
		}
		in->hdr[i] = xstrndup(d.p, d.len);
		buf_reset(&n);
		norm_header(d.p, d.len, &n);
		in->nhdr[i] = xstrndup(n.p, n.len);
	}
	buf_free(&d);
	buf_free(&n);
	return 0;
}

/* The error for what detection found, if it makes the file unusable. */
static int
detect_verdict(struct flow *f, struct input *in)
{
	if (in->det.utf16) {
		buf_printf(&f->err, "%s: UTF-16 is not supported; save the "
		    "file as UTF-8 or CP932 (Excel: \"CSV UTF-8\")", in->name);
		return -1;
	}
	/*
	 * Told CP932, a file that is UTF-8 Japanese text would be decoded
	 * into plausible garbage (本社 -> 譛ｬ遉ｾ) that no later check catches.
	 */
	if (f->o->in_enc == ENC_CP932 && (in->det.bom ||
	    (in->det.enc == ENC_UTF8 && in->det.utf8_line != 0))) {
		if (in->det.bom)
			buf_printf(&f->err, "%s: --input-encoding cp932, but the "
			    "file starts with a UTF-8 byte order mark: it is "
			    "UTF-8; give --input-encoding utf-8 or auto",
			    in->name);
		else
			buf_printf(&f->err, "%s: --input-encoding cp932, but the "
			    "file is valid UTF-8 and line %zu is UTF-8 Japanese "
			    "text: it looks like UTF-8; give --input-encoding "
			    "utf-8 or auto", in->name, in->det.utf8_line);
		return -1;
	}
	if (f->o->in_enc != ENC_AUTO)
		in->enc = f->o->in_enc;
	else if (in->det.mixed) {
		buf_printf(&f->err, "%s: mixed encodings: line %zu is UTF-8 "
		    "but line %zu is not; give --input-encoding utf-8 or cp932 "
		    "after checking the file", in->name, in->det.utf8_line,
		    in->det.cp932_line);
		return -1;
	} else
		in->enc = in->det.enc;
	return 0;
}

/*
 * An input opened by flow_input_once and not spooled yet has had no
 * verdict on the whole file, which flow_input gives before anything else,
 * so an error found now gives way to it: the file is scanned, and -1 means
 * that the verdict refuses it (its message appended to f->err).
 */
static int
early_verdict(struct flow *f, struct input *in)
{
	if (in == NULL || in->dt == NULL || in->sp != NULL ||
	    fseek(in->fp, 0, SEEK_SET) == -1 ||
	    enc_detect(in->fp, &in->det) == -1)
		return 0;
	return detect_verdict(f, in);
}

/* The way of flow_input: the whole file scanned, then the header. */
static int
open_scanned(struct flow *f, struct input *in)
{
	if (enc_detect(in->fp, &in->det) == -1 ||
	    fseek(in->fp, 0, SEEK_SET) == -1) {
		buf_printf(&f->err, "%s: read error: %s", in->name,
		    strerror(errno));
		return -1;
	}
	if (detect_verdict(f, in) == -1)
		return -1;
	in->csv = csvin_open(in->fp, in->name);
	return read_header(f, in) == 0 ? 0 : -1;
}

/*
 * A workbook saved by Excel is not CSV: a parse would end in a "stray
 * quote" somewhere in its binary. Its first bytes say what it is: ZIP's
 * PK 03 04 (.xlsx, and .ods) or OLE's D0 CF 11 E0 (.xls).
 */
static int
not_csv(struct flow *f, struct input *in)
{
	unsigned char	 b[4];
	size_t		 n;

	n = fread(b, 1, sizeof(b), in->fp);
	if (ferror(in->fp) || fseek(in->fp, 0, SEEK_SET) == -1) {
		buf_printf(&f->err, "%s: read error: %s", in->name,
		    strerror(errno));
		return -1;
	}
	if (n == 4 && memcmp(b, "PK\3\4", 4) == 0)
		buf_printf(&f->err, "%s: this is a spreadsheet workbook (.xlsx "
		    "or .ods: a ZIP file), not CSV; open it and save it as CSV "
		    "(Excel: \"CSV UTF-8\" or \"CSV\"), then give that file",
		    in->name);
	else if (n == 4 && memcmp(b, "\xD0\xCF\x11\xE0", 4) == 0)
		buf_printf(&f->err, "%s: this is an Excel 97-2003 workbook "
		    "(.xls), not CSV; open it and save it as CSV (Excel: \"CSV "
		    "UTF-8\" or \"CSV\"), then give that file", in->name);
	else
		return 0;
	return -1;
}

static struct input *
new_input(struct flow *f, const char *path)
{
	struct input	*in;

	in = xcalloc(1, sizeof(*in));
	in->name = xstrdup(path);
	in->codec = f->codec;
	if ((in->fp = flow_open_seekable(path, &f->err)) == NULL ||
	    not_csv(f, in) == -1) {
		input_close(in);
		return NULL;
	}
	return in;
}

struct input *
flow_input(struct flow *f, const char *path)
{
	struct input	*in;

	if ((in = new_input(f, path)) == NULL)
		return NULL;
	if (open_scanned(f, in) == -1) {
		input_close(in);
		return NULL;
	}
	return in;
}

struct input *
flow_input_once(struct flow *f, const char *path)
{
	struct input	*in;
	char		 b[2];
	size_t		 n;
	int		 k;

	if ((in = new_input(f, path)) == NULL)
		return NULL;
	/* UTF-16 is refused before its header is misread as bytes. */
	n = fread(b, 1, sizeof(b), in->fp);
	if (ferror(in->fp) || fseek(in->fp, 0, SEEK_SET) == -1) {
		buf_printf(&f->err, "%s: read error: %s", path,
		    strerror(errno));
		goto fail;
	}
	if (enc_utf16_bom(b, n)) {
		in->det.utf16 = 1;
		(void)detect_verdict(f, in);
		goto fail;
	}
	in->dt = xmalloc(sizeof(*in->dt));
	enc_detect_init(in->dt);
	in->dt->verdict_only = 1;	/* the flows show no line counts */
	in->enc = f->o->in_enc != ENC_AUTO ? f->o->in_enc : ENC_UTF8;
	in->csv = csvin_open(in->fp, in->name);
	csvin_set_detector(in->csv, in->dt);
	if ((k = read_header(f, in)) == 0) {
		in->det.bom = in->dt->d.bom;	/* final: the first bytes */
		return in;
	}
	/* Start again the way flow_input goes, for its verdict and errors. */
	csvin_close(in->csv);
	in->csv = NULL;
	free(in->dt);
	in->dt = NULL;
	in_free_header(in);
	buf_reset(&f->err);
	if (fseek(in->fp, 0, SEEK_SET) == -1) {
		buf_printf(&f->err, "%s: read error: %s", path,
		    strerror(errno));
		goto fail;
	}
	if (open_scanned(f, in) == 0)
		return in;
fail:
	input_close(in);
	return NULL;
}

static void
in_free_header(struct input *in)
{
	size_t	 i;

	for (i = 0; in->hdr != NULL && i < in->nh; i++) {
		free(in->hdr[i]);
		free(in->nhdr[i]);
	}
	free(in->hdr);
	free(in->nhdr);
	in->hdr = in->nhdr = NULL;
	in->nh = 0;
}

static void
spool_free(struct spool *sp)
{
	if (sp == NULL)
		return;
	if (sp->fp != NULL)
		fclose(sp->fp);
	free(sp->col);
	free(sp->f);
	free(sp->len);
	buf_free(&sp->b);
	free(sp->err);
	free(sp);
}

void
input_close(struct input *in)
{
	if (in == NULL)
		return;
	csvin_close(in->csv);
	if (in->fp != NULL && in->fp != stdin)
		fclose(in->fp);
	in_free_header(in);
	free(in->dt);
	spool_free(in->sp);
	free(in->name);
	free(in);
}

static void
put_varint(struct buf *b, size_t v)
{
	while (v >= 0x80) {
		buf_addc(b, (char)((v & 0x7F) | 0x80));
		v >>= 7;
	}
	buf_addc(b, (char)v);
}

/* Reads a varint at *p (below end); -1 when the spool is damaged. */
static int
get_varint(const unsigned char **p, const unsigned char *end, size_t *v)
{
	unsigned	 shift = 0;

	*v = 0;
	while (*p < end && shift < 64) {
		*v |= (size_t)(**p & 0x7F) << shift;
		if (*(*p)++ < 0x80)
			return 0;
		shift += 7;
	}
	return -1;
}

/* Drains the rest of the file through the detector and finishes it. */
static int
detect_rest(struct input *in)
{
	char	 b[65536];
	size_t	 n;

	while ((n = fread(b, 1, sizeof(b), in->fp)) > 0)
		enc_detect_feed(in->dt, b, n);
	enc_detect_finish(in->dt);
	return ferror(in->fp) ? -1 : 0;
}

int
input_spool(struct flow *f, struct input *in, const int *cols, size_t ncols)
{
	struct spool	*sp;
	struct rec	*r;
	unsigned char	*mask;
	size_t		 i, j, c, nf;
	int		 k;

	sp = in->sp = xcalloc(1, sizeof(*sp));
	mask = xcalloc(in->nh + 1, 1);
	for (i = 0; i < ncols; i++)
		if (cols[i] >= 0 && (size_t)cols[i] < in->nh)
			mask[cols[i]] = 1;
	sp->col = xcalloc(in->nh + 1, sizeof(*sp->col));
	for (c = 0; c < in->nh; c++)
		if (mask[c])
			sp->col[sp->ncol++] = c;
	csvin_set_columns(in->csv, mask, in->nh);
	free(mask);
	if ((sp->fp = ofile_spool(&f->err)) == NULL)
		return -1;
	while ((k = csvin_next(in->csv, &r)) == 1) {
		nf = r->nf;
		buf_reset(&sp->b);
		put_varint(&sp->b, r->line);
		put_varint(&sp->b, nf);
		buf_addc(&sp->b, (char)((input_count_ok(in, r) ? SP_OK : 0) |
		    (all_empty(r) ? SP_EMPTY : 0)));
		for (j = 0; j < sp->ncol && (c = sp->col[j]) < nf; j++) {
			put_varint(&sp->b, r->len[c]);
			buf_add(&sp->b, r->f[c], r->len[c] + 1);
		}
		if (nf > sp->cap)
			sp->cap = nf;
		/* The record's size first, so that it is read back at once. */
		buf_reset(&f->tmp);
		put_varint(&f->tmp, sp->b.len);
		if (fwrite(f->tmp.p, 1, f->tmp.len, sp->fp) != f->tmp.len ||
		    fwrite(sp->b.p, 1, sp->b.len, sp->fp) != sp->b.len) {
			buf_printf(&f->err, "temporary file: %s",
			    strerror(errno));
			return -1;
		}
	}
	/*
	 * An error in the CSV is reported where the record would have been
	 * read, as before, so that the errors of files read in between come
	 * first; but what detection finds about the whole file comes first.
	 */
	if (k == -1)
		sp->err = xstrdup(csvin_error(in->csv));
	if (in->dt != NULL) {
		if (k == -1 && detect_rest(in) == -1) {
			buf_printf(&f->err, "%s: read error: %s", in->name,
			    strerror(errno));
			return -1;
		}
		enc_detect_finish(in->dt);
		in->det = in->dt->d;
		if (detect_verdict(f, in) == -1)
			return -1;
	}
	csvin_close(in->csv);
	in->csv = NULL;
	sp->f = xcalloc(sp->cap + 1, sizeof(*sp->f));
	sp->len = xcalloc(sp->cap + 1, sizeof(*sp->len));
	for (i = 0; i <= sp->cap; i++)
		sp->f[i] = "";
	if (fflush(sp->fp) == EOF || fseek(sp->fp, 0, SEEK_SET) == -1) {
		buf_printf(&f->err, "temporary file: %s", strerror(errno));
		return -1;
	}
	return 0;
}

/* The next spooled record: 1, 0 at the end, -1 with err set. */
static int
spool_next(struct input *in, struct rec **rp, int *flags, struct buf *err)
{
	struct spool		*sp = in->sp;
	const unsigned char	*p, *end;
	size_t			 n = 0, j, c, len;
	unsigned		 shift = 0;
	int			 ch;

	/*
	 * The wanted fields are set below, up to the record's count; past
	 * it nothing is read (col >= nf reads as ""), and the others stay ""
	 * of length 0 from input_spool.
	 */
	while ((ch = getc(sp->fp)) != EOF) {
		if (shift >= 64)
			goto damaged;
		n |= (size_t)(ch & 0x7F) << shift;
		if (ch < 0x80)
			break;
		shift += 7;
	}
	if (ch == EOF) {
		if (ferror(sp->fp))
			goto damaged;
		if (sp->err == NULL)
			return 0;
		buf_adds(err, sp->err);
		return -1;
	}
	buf_reset(&sp->b);
	buf_grow(&sp->b, n);
	if (fread(sp->b.p, 1, n, sp->fp) != n)
		goto damaged;
	p = (const unsigned char *)sp->b.p;
	end = p + n;
	if (get_varint(&p, end, &sp->rec.line) == -1 ||
	    get_varint(&p, end, &sp->rec.nf) == -1 || p == end ||
	    sp->rec.nf > sp->cap)
		goto damaged;
	*flags = *p++;
	for (j = 0; j < sp->ncol && (c = sp->col[j]) < sp->rec.nf; j++) {
		if (get_varint(&p, end, &len) == -1 ||
		    len >= (size_t)(end - p))
			goto damaged;
		sp->f[c] = (const char *)p;
		sp->len[c] = len;
		p += len + 1;
	}
	sp->ok = (*flags & SP_OK) != 0;
	sp->rec.f = sp->f;
	sp->rec.len = sp->len;
	*rp = &sp->rec;
	return 1;
damaged:
	buf_printf(err, "%s: the temporary copy of the file cannot be read "
	    "back", in->name);
	return -1;
}

int
input_rewind(struct input *in, struct buf *err)
{
	if (in->sp == NULL || fseek(in->sp->fp, 0, SEEK_SET) == -1) {
		buf_printf(err, "temporary file: %s", in->sp == NULL ?
		    "not spooled" : strerror(errno));
		return -1;
	}
	return 0;
}

int
input_next(struct input *in, struct rec **rp, struct buf *err)
{
	struct rec	*r;
	int		 k, flags;

	for (;;) {
		if (in->sp != NULL) {
			if ((k = spool_next(in, &r, &flags, err)) != 1)
				return k;
			if (in->keep_empty || !(flags & SP_EMPTY)) {
				*rp = r;
				return 1;
			}
			continue;
		}
		if ((k = csvin_next(in->csv, &r)) != 1) {
			if (k == -1)
				buf_adds(err, csvin_error(in->csv));
			return k;
		}
		/* A row of empty cells (",,,," from Excel) is a blank line. */
		if (in->keep_empty || !all_empty(r)) {
			*rp = r;
			return 1;
		}
	}
}

int
input_count_ok(const struct input *in, const struct rec *r)
{
	size_t	 i;

	/* A spooled record keeps the answer, not the fields it came from. */
	if (in->sp != NULL && r == &in->sp->rec)
		return in->sp->ok;
	if (r->nf < in->nh)
		return 0;
	for (i = in->nh; i < r->nf; i++)
		if (r->len[i] > 0)
			return 0;
	return 1;
}

static void
hexbytes(const char *s, size_t len, struct buf *out)
{
	size_t	 i;

	for (i = 0; i < len && i < 4; i++)
		buf_printf(out, "%s0x%02X", i ? " " : "", (unsigned char)s[i]);
}

int
input_peek(const struct input *in, const struct rec *r, int col, int trim,
    struct buf *out, size_t *bad)
{
	size_t	 start, len;

	/* out->p is a string even for an empty or absent field. */
	buf_reset(out);
	buf_add(out, "", 0);
	if (col < 0 || (size_t)col >= r->nf)
		return 0;
	if (codec_decode(in->codec, in->enc, r->f[col], r->len[col], out,
	    bad) == -1) {
		buf_reset(out);
		return -1;
	}
	if (trim && (len = norm_trim(out->p, out->len, &start)) != out->len) {
		memmove(out->p, out->p + start, len);
		out->len = len;
		out->p[len] = '\0';
	}
	return 0;
}

int
input_field(struct flow *f, struct input *in, const struct rec *r, int col,
    int trim, struct buf *out, const char *key, const char *name)
{
	size_t	 bad;

	if (input_peek(in, r, col, trim, out, &bad) == -1) {
		buf_reset(&f->tmp);
		hexbytes(r->f[col] + bad, r->len[col] - bad, &f->tmp);
		diag_add(f->diag, r->line, ENCODING_INVALID, key, name,
		    (size_t)col < in->nh ? in->hdr[col] : "",
		    "「%s」に %s として不正なバイト列 %s があります。"
		    "元のファイルの文字を確認してください",
		    (size_t)col < in->nh ? in->hdr[col] : "", enc_name(in->enc),
		    f->tmp.p);
		return -1;
	}
	return 0;
}

/* The roles that make each kind of file (mikibridge(1), inspect). */
static const char *const emp_roles[] = {
	"last_name", "first_name", "last_name_kana", "first_name_kana", "email",
};
static const char *const mdept_roles[] = {
	"department_code", "department_name", "parent_department_code",
};
static const char *const memp_roles[] = {
	"last_name", "first_name", "last_name_kana", "first_name_kana", "email",
};
static const char *const res_roles[] = { "taken_on", "type16", "result_link" };

int
input_has(struct flow *f, const struct input *in, const char *section,
    const char *role)
{
	size_t	 i;

	for (i = 0; i < in->nh; i++)
		if (profile_claims(f->prof, section, role, in->nhdr[i],
		    strlen(in->nhdr[i])))
			return 1;
	return 0;
}

static int
has_all(struct flow *f, const struct input *in, const char *section,
    const char *const *roles, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (!input_has(f, in, section, roles[i]))
			return 0;
	return 1;
}

/* The kind of file, and the profile section its headers are read with. */
const char *
input_kind(struct flow *f, const struct input *in, const char **section)
{
	*section = "smarthr_column";
	if (has_all(f, in, "smarthr_column", emp_roles, ARRAY_LEN(emp_roles)))
		return "SmartHR employees";
	if (input_has(f, in, "smarthr_column", "department_code") &&
	    input_has(f, in, "smarthr_column", "department_level"))
		return "SmartHR departments (staircase)";
	if (has_all(f, in, "mikiwame_column", mdept_roles,
	    ARRAY_LEN(mdept_roles))) {
		*section = "mikiwame_column";
		return "ミキワメAI departments, or SmartHR departments (flat)";
	}
	if (input_has(f, in, "smarthr_column", "department_code") &&
	    input_has(f, in, "smarthr_column", "department_name") &&
	    (input_has(f, in, "smarthr_column", "parent_department_code") ||
	    input_has(f, in, "smarthr_column", "parent_department")))
		return "SmartHR departments (flat)";
	*section = "mikiwame_column";
	if (has_all(f, in, "mikiwame_column", memp_roles,
	    ARRAY_LEN(memp_roles)))
		return "ミキワメAI employees";
	if (has_all(f, in, "mikiwame_column", res_roles, ARRAY_LEN(res_roles)))
		return "ミキワメAI results";
	*section = "smarthr_column";
	return "unknown";
}


/* What takes a file of kind k, for a "looks like" hint; NULL if unknown. */
static const char *
kind_use(const char *k)
{
	if (strcmp(k, "SmartHR employees") == 0)
		return "give it to mikibridge employees, or to results as "
		    "--smarthr-employees";
	if (strncmp(k, "SmartHR departments", 19) == 0)
		return "give it to mikibridge departments, or to employees as "
		    "--smarthr-departments";
	if (strncmp(k, "ミキワメAI departments", strlen("ミキワメAI departments"))
	    == 0)
		return "give it as --mikiwame-departments (or, if it is "
		    "SmartHR's flat master, to mikibridge departments)";
	if (strcmp(k, "ミキワメAI employees") == 0)
		return "give it as --mikiwame-employees";
	if (strcmp(k, "ミキワメAI results") == 0)
		return "give it to mikibridge results";
	return NULL;
}

/* The kind of file that the roles role[0..nr) of section are read from. */
static const char *
kind_wanted(const char *section, const char *const *role, size_t nr)
{
	int	 smarthr = strcmp(section, "smarthr_column") == 0;
	size_t	 r;

	for (r = 0; r < nr; r++)
		if (strcmp(role[r], "taken_on") == 0)
			return "ミキワメAI results";
	for (r = 0; r < nr; r++)
		if (strcmp(role[r], "email") == 0)
			return smarthr ? "SmartHR employees" :
			    "ミキワメAI employees";
	for (r = 0; r < nr; r++)
		if (strcmp(role[r], "department_code") == 0)
			return smarthr ? "SmartHR departments" :
			    "ミキワメAI departments";
	return "";
}

/*
 * A SmartHR employee export where a ミキワメAI file is wanted, or the
 * reverse, by their header signatures (姓/名/姓（ヨミガナ） against
 * 氏名（姓）/氏名（名）/姓（カナ）): both have メールアドレス and 社員番号,
 * so the wrong one would be read, and the run would plan updates from
 * the wrong data. -1 with the message in f->err.
 */
static int
wrong_kind(struct flow *f, const struct input *in, const char *section,
    const char *const *role, size_t nr)
{
	const char	*sec, *k = input_kind(f, in, &sec);
	size_t		 r;
	int		 emp = 0;

	for (r = 0; r < nr; r++)
		emp |= strcmp(role[r], "email") == 0;
	if (strcmp(section, "mikiwame_column") == 0 &&
	    strcmp(k, "SmartHR employees") == 0 &&
	    !input_has(f, in, "mikiwame_column", "last_name"))
		buf_printf(&f->err, "%s:%zu: this looks like SmartHR's employee "
		    "export (姓, 名, 姓（ヨミガナ） …), not a ミキワメAI file "
		    "(氏名（姓）, 氏名（名）, 姓（カナ） …): %s", in->name,
		    in->hdr_line, kind_use(k));
	else if (strcmp(section, "smarthr_column") == 0 && emp &&
	    input_has(f, in, "mikiwame_column", "last_name") &&
	    !input_has(f, in, "smarthr_column", "last_name"))
		buf_printf(&f->err, "%s:%zu: this looks like ミキワメAI's "
		    "employee export (氏名（姓）, 氏名（名）, 姓（カナ） …), not "
		    "SmartHR's (姓, 名, 姓（ヨミガナ） …): give it as "
		    "--mikiwame-employees", in->name, in->hdr_line);
	else
		return 0;
	return -1;
}

int
input_map(struct flow *f, struct input *in, const char *section,
    const char *const *role, const int *req, size_t nr, int *col)
{
	struct buf	 e = {0};
	const char	*sec, *k, *use, *want;

	if (wrong_kind(f, in, section, role, nr) == -1)
		return -1;
	if (profile_map(f->prof, section, role, req, nr,
	    (const char *const *)in->nhdr, in->nh, col, &e) == -1) {
		if (early_verdict(f, in) == 0) {
			buf_printf(&f->err, "%s:%zu: %s", in->name,
			    in->hdr_line, e.p);
			/* A file of another kind: say what it is and what takes it. */
			k = input_kind(f, in, &sec);
			want = kind_wanted(section, role, nr);
			if (strncmp(e.p, "missing column", 14) == 0 &&
			    (use = kind_use(k)) != NULL &&
			    strncmp(k, want, strlen(want)) != 0)
				buf_printf(&f->err, "; this file looks like %s: "
				    "%s", k, use);
		}
		buf_free(&e);
		return -1;
	}
	buf_free(&e);
	return 0;
}

int
flow_fail(struct flow *f, const char *fmt, ...)
{
	size_t		 mark = f->err.len;
	struct buf	 m = {0};
	va_list		 ap;

	/* Messages name headers and values: escape their controls. */
	if (early_verdict(f, f->in) == -1) {
		buf_printf(&m, "%s: %s\n", progname, f->err.p + mark);
		fmt = NULL;
	}
	if (fmt != NULL) {
		buf_printf(&m, "%s: ", progname);
		va_start(ap, fmt);
		buf_vprintf(&m, fmt, ap);
		va_end(ap);
		buf_addc(&m, '\n');
	}
	if (m.len > 0)
		fputs_safe(m.p, stderr);
	buf_free(&m);
	ofile_abort(&f->out);
	ofile_abort(&f->rep);
	ofile_abort(&f->plan);
	ofile_abort(&f->json);
	return 2;
}

static int
open_one(struct flow *f, struct ofile *of, const char *path)
{
	if (ofile_open(of, path, &f->err) == -1)
		return -1;
	return 0;
}

int
flow_outputs(struct flow *f, const char *const *hdr, size_t nh)
{
	struct opts	*o = f->o;
	static const char *const rep_hdr[] = {
		"行番号", "区分", "コード", "キー", "名前", "項目", "内容"
	};
	static const char *const plan_hdr[] = {
		"行番号", "キー", "名前", "操作", "コード", "変更内容"
	};
	size_t		 badf;
	uint32_t	 badcp;
	enum enc	 side;

	if (o->out_enc_set)
		f->out_enc = o->out_enc;
	else if (f->in != NULL && f->in->enc == ENC_CP932)
		f->out_enc = ENC_CP932;
	else
		f->out_enc = f->in != NULL && f->in->det.bom ? ENC_UTF8_BOM :
		    ENC_UTF8;
	if (f->in != NULL)
		diag_set_input(f->diag, f->in->name, enc_name(f->in->enc));
	if (open_one(f, &f->out, o->output) == -1 ||
	    (o->errors != NULL && open_one(f, &f->rep, o->errors) == -1) ||
	    (o->plan != NULL && open_one(f, &f->plan, o->plan) == -1) ||
	    (o->json != NULL && open_one(f, &f->json, o->json) == -1))
		return flow_fail(f, "%s", f->err.p);
	csvout_init(&f->w, f->out.fp, f->out_enc, o->crlf, o->excel_safe, 0,
	    f->codec);
	f->ohdr = hdr;
	f->nohdr = nh;
	/*
	 * Japanese Excel reads a UTF-8 file without a BOM as CP932, so the
	 * report and the plan, which are read in Excel, get one.
	 */
	side = f->out_enc == ENC_UTF8 ? ENC_UTF8_BOM : f->out_enc;
	if (ofile_is_open(&f->rep)) {
		csvout_init(&f->rw, f->rep.fp, side, o->crlf, 1, 1,
		    f->codec);
		diag_set_report(f->diag, &f->rw);
		if (csvout_rowv(&f->rw, rep_hdr, 7, &badf, &badcp) == -1)
			return flow_fail(f, "%s: write error: %s", o->errors,
			    strerror(errno));
	}
	if (ofile_is_open(&f->plan)) {
		csvout_init(&f->pw, f->plan.fp, side, o->crlf, 1, 1,
		    f->codec);
		diag_set_plan(f->diag, &f->pw);
		if (csvout_rowv(&f->pw, plan_hdr, 6, &badf, &badcp) == -1)
			return flow_fail(f, "%s: write error: %s", o->plan,
			    strerror(errno));
	}
	if (hdr != NULL) {
		if (csvout_rowv(&f->w, hdr, nh, &badf, &badcp) == 1)
			return flow_fail(f, "output header \"%s\": U+%04X cannot "
			    "be written in %s", hdr[badf], (unsigned)badcp,
			    enc_name(f->out_enc));
	}
	return 0;
}

/* Adds the ENCODING_UNREPRESENTABLE row for character cp of field. */
static void
unrepresentable(struct flow *f, uint32_t cp, size_t line, const char *field,
    const char *key, const char *name)
{
	char		 ch[8];

	ch[utf8_put(ch, cp)] = '\0';
	if (cp == 0xA5 || cp == 0x203E)
		diag_add(f->diag, line, ENCODING_UNREPRESENTABLE, key, name,
		    field, "「%s」の文字 %s (U+%04X) は %s に正しく書けません"
		    "（%s として読まれます）。%s に直してください", field,
		    ch, (unsigned)cp, enc_name(f->out_enc),
		    cp == 0xA5 ? "\\" : "~",
		    cp == 0xA5 ? "全角の ￥ (U+FFE5)" : "全角の ￣ (U+FFE3)");
	else
		diag_add(f->diag, line, ENCODING_UNREPRESENTABLE, key, name,
		    field, "「%s」の文字 %s (U+%04X) は %s で表せません。"
		    "別の文字に直すか --output-encoding utf-8 を使ってください",
		    field, ch, (unsigned)cp, enc_name(f->out_enc));
}

int
flow_write(struct flow *f, const char *const *fld, const size_t *len,
    size_t n, size_t line, const char *const *names, const char *key,
    const char *name)
{
	size_t		 badf;
	uint32_t	 cp;
	int		 k;

	k = csvout_row(&f->w, fld, len, n, &badf, &cp);
	if (k == -1) {
		buf_printf(&f->err, "%s: write error: %s", ofile_name(&f->out),
		    strerror(errno));
		return -1;
	}
	if (k == 0)
		return 0;
	unrepresentable(f, cp, line, names[badf], key, name);
	return 1;
}

int
flow_encodable(struct flow *f, const char *const *fld, const size_t *len,
    size_t n, size_t line, const char *const *names, const char *key,
    const char *name)
{
	size_t		 i;
	uint32_t	 cp;

	for (i = 0; i < n; i++) {
		buf_reset(&f->tmp);
		if (codec_encode(f->codec, f->out_enc, fld[i], len[i], &f->tmp,
		    0, &cp) == -1) {
			unrepresentable(f, cp, line, names[i], key, name);
			return 1;
		}
	}
	return 0;
}

int
flow_finish(struct flow *f, int limit)
{
	int		 rc;

	/* The documented order: the output last, after what explains it. */
	struct ofile	*all[] = { &f->rep, &f->plan, &f->json, &f->out };
	size_t		 i;
	int		 pass;

	rc = limit ? 3 : diag_status(f->diag);
	for (i = 0; f->o->excel_safe && i < f->w.nprefixed; i++)
		if (f->w.prefixed[i] > 0)
			diag_notice(f->diag, "--excel-safe: %zu cell%s of %s "
			    "prefixed with '", f->w.prefixed[i],
			    f->w.prefixed[i] == 1 ? "" : "s",
			    f->ohdr != NULL && i < f->nohdr ? f->ohdr[i] :
			    "(a column past the header)");
	if (f->o->errors != NULL && diag_write_report(f->diag) == -1)
		return flow_fail(f, "%s: write error: %s", f->o->errors,
		    strerror(errno));
	if (limit)
		ofile_abort(&f->out);
	else
		diag_destination(f->diag, "output", ofile_name(&f->out));
	if (f->o->errors != NULL)
		diag_destination(f->diag, "error report", f->o->errors);
	if (f->o->plan != NULL)
		diag_destination(f->diag, "plan", f->o->plan);
	if (ofile_is_open(&f->json) &&
	    diag_json(f->diag, f->json.fp, rc) == -1)
		return flow_fail(f, "%s: write error: %s", f->o->json,
		    strerror(errno));
	/*
	 * Every temporary file is flushed first, so a full disk is found
	 * before anything becomes visible. Then the outputs that are copied
	 * (standard output, a FIFO, a device: the ones a write error can still
	 * hit) go before the renames, which do not fail for lack of space.
	 */
	for (i = 0; i < ARRAY_LEN(all); i++)
		if (ofile_flush(all[i], &f->err) == -1)
			return flow_fail(f, "%s", f->err.p);
	for (pass = 1; pass >= 0; pass--)
		for (i = 0; i < ARRAY_LEN(all); i++)
			if (all[i]->copy == pass &&
			    ofile_commit(all[i], &f->err) == -1)
				return flow_fail(f, "%s", f->err.p);
	/* Without --errors the rows go to stderr, once nothing can fail. */
	if (f->o->errors == NULL)
		(void)diag_write_report(f->diag);
	if (!f->o->quiet)
		diag_summary(f->diag, stderr);
	return rc;
}
