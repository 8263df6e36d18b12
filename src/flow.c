/*
 * flow: inputs, outputs and the end of a run, shared by every command.
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "flow.h"
#include "norm.h"

int
flow_init(struct flow *f, const struct cmd *c, struct opts *o)
{
	memset(f, 0, sizeof(*f));
	f->cmd = c;
	f->o = o;
	f->prof = profile_builtin();
	f->codec = codec_new();
	f->diag = diag_new(c->name);
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
	struct ofile	 tmp;

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
	if (ofile_open(&tmp, NULL, err) == -1)
		goto fail;
	sp = tmp.fp;
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
		    "is empty");
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

struct input *
flow_input(struct flow *f, const char *path)
{
	struct input	*in;

	in = xcalloc(1, sizeof(*in));
	in->name = xstrdup(path);
	in->codec = f->codec;
	if ((in->fp = flow_open_seekable(path, &f->err)) == NULL)
		goto fail;
	if (enc_detect(in->fp, &in->det) == -1 ||
	    fseek(in->fp, 0, SEEK_SET) == -1) {
		buf_printf(&f->err, "%s: read error: %s", path, strerror(errno));
		goto fail;
	}
	if (in->det.utf16) {
		buf_printf(&f->err, "%s: UTF-16 is not supported; save the file "
		    "as UTF-8 or CP932 (Excel: \"CSV UTF-8\")", path);
		goto fail;
	}
	if (f->o->in_enc != ENC_AUTO)
		in->enc = f->o->in_enc;
	else if (in->det.mixed) {
		buf_printf(&f->err, "%s: mixed encodings: line %zu is UTF-8 but "
		    "line %zu is not; give --input-encoding utf-8 or cp932 "
		    "after checking the file", path, in->det.utf8_line,
		    in->det.cp932_line);
		goto fail;
	} else
		in->enc = in->det.enc;
	in->csv = csvin_open(in->fp, in->name);
	if (read_header(f, in) == -1)
		goto fail;
	return in;
fail:
	input_close(in);
	return NULL;
}

void
input_close(struct input *in)
{
	size_t	 i;

	if (in == NULL)
		return;
	csvin_close(in->csv);
	if (in->fp != NULL && in->fp != stdin)
		fclose(in->fp);
	for (i = 0; i < in->nh; i++) {
		free(in->hdr[i]);
		free(in->nhdr[i]);
	}
	free(in->hdr);
	free(in->nhdr);
	free(in->name);
	free(in);
}

int
input_rewind(struct input *in, struct buf *err)
{
	struct rec	*r;

	if (fseek(in->fp, 0, SEEK_SET) == -1) {
		buf_printf(err, "%s: cannot seek: %s", in->name, strerror(errno));
		return -1;
	}
	csvin_close(in->csv);
	in->csv = csvin_open(in->fp, in->name);
	if (csvin_next(in->csv, &r) != 1) {
		buf_printf(err, "%s: changed while being read", in->name);
		return -1;
	}
	return 0;
}

int
input_next(struct input *in, struct rec **rp, struct buf *err)
{
	struct rec	*r;
	int		 k;

	for (;;) {
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
	if (trim) {
		len = norm_trim(out->p, out->len, &start);
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

int
input_map(struct flow *f, struct input *in, const char *section,
    const char *const *role, const int *req, size_t nr, int *col)
{
	struct buf	 e = {0};

	if (profile_map(f->prof, section, role, req, nr,
	    (const char *const *)in->nhdr, in->nh, col, &e) == -1) {
		buf_printf(&f->err, "%s:%zu: %s", in->name, in->hdr_line, e.p);
		buf_free(&e);
		return -1;
	}
	buf_free(&e);
	return 0;
}

int
flow_fail(struct flow *f, const char *fmt, ...)
{
	va_list	 ap;

	fprintf(stderr, "%s: ", progname);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
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
	if (ofile_is_open(&f->rep)) {
		csvout_init(&f->rw, f->rep.fp, f->out_enc, o->crlf, 1, 1,
		    f->codec);
		diag_set_report(f->diag, &f->rw);
		if (csvout_rowv(&f->rw, rep_hdr, 7, &badf, &badcp) == -1)
			return flow_fail(f, "%s: write error: %s", o->errors,
			    strerror(errno));
	}
	if (ofile_is_open(&f->plan)) {
		csvout_init(&f->pw, f->plan.fp, f->out_enc, o->crlf, 1, 1,
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

	struct ofile	*all[] = { &f->out, &f->rep, &f->plan, &f->json };
	size_t		 i;
	int		 pass;

	rc = limit ? 3 : diag_status(f->diag);
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
		return flow_fail(f, "%s: write error", f->o->json);
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
