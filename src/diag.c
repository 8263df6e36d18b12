/*
 * diag: the code table, the report and plan rows, the summary.
 *
 * Report rows are kept until the end of the run, sorted by line number and
 * then code, and written in one go: a run that ends with exit 2 must not
 * have printed any of them. Plan rows are written as the command emits
 * them (commands emit them in line order), into a file that only becomes
 * visible when the run succeeds.
 *
 * Memory: a report row's text (key, name, field, message) is spooled to an
 * unlinked temporary file (ofile_spool) as soon as the next record's rows
 * begin; memory keeps only its line, code and place in the spool (24
 * bytes), which is what the sort needs. The rows of the record in
 * progress stay in memory, whole, because a second problem of the same
 * record and code joins its row (diag_vadd), and a record's rows always
 * arrive together. Stored text is gathered in a buffer of SPOOL_CHUNK
 * bytes and written to the spool with write(2), beneath stdio, so that a
 * spool that cannot be made or written (a full TMPDIR) is known while the
 * text is still at hand: from then on the text is kept in memory instead,
 * costlier but never lost.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "ofile.h"

static const struct {
	const char	*name;
	enum diag_sev	 sev;
	const char	*text;
} codes[DIAG_NCODES] = {
	[CSV_FIELD_COUNT] = { "CSV_FIELD_COUNT", SEV_EXCLUDE,
	    "項目数がヘッダーと一致しません" },
	[ENCODING_INVALID] = { "ENCODING_INVALID", SEV_EXCLUDE,
	    "文字コードとして不正なバイト列があります" },
	[ENCODING_UNREPRESENTABLE] = { "ENCODING_UNREPRESENTABLE", SEV_EXCLUDE,
	    "出力の文字コードで表せない文字があります" },
	[DEPT_NO_CODE] = { "DEPT_NO_CODE", SEV_EXCLUDE,
	    "部署コードが入力されていない部署情報は連携されません" },
	[DEPT_DUPLICATE_CODE] = { "DEPT_DUPLICATE_CODE", SEV_EXCLUDE,
	    "同じ部署コードが複数の部署に登録されています" },
	[DEPT_NAME_MISSING] = { "DEPT_NAME_MISSING", SEV_EXCLUDE,
	    "部署名が入力されていません" },
	[DEPT_TOO_DEEP] = { "DEPT_TOO_DEEP", SEV_EXCLUDE,
	    "部署の階層は10階層まで連携できます（11階層以上は連携できません）" },
	[DEPT_PARENT_MISSING] = { "DEPT_PARENT_MISSING", SEV_EXCLUDE,
	    "親部署が見つかりません" },
	[DEPT_CYCLE] = { "DEPT_CYCLE", SEV_EXCLUDE,
	    "親部署をたどると自分自身に戻ります（循環しています）" },
	[DEPT_PARENT_UNLINKED] = { "DEPT_PARENT_UNLINKED", SEV_EXCLUDE,
	    "親部署が連携されないため、この部署も連携できません" },
	[DEPT_NAME_CONFLICT] = { "DEPT_NAME_CONFLICT", SEV_EXCLUDE,
	    "同じ部署名が別の部署コードで使われています（部署名重複エラー）" },
	[EMP_NAME_MISSING] = { "EMP_NAME_MISSING", SEV_EXCLUDE,
	    "氏名が入力されていません" },
	[EMP_KANA_MISSING] = { "EMP_KANA_MISSING", SEV_EXCLUDE,
	    "氏名カナが入力されていません" },
	[EMP_EMAIL_MISSING] = { "EMP_EMAIL_MISSING", SEV_EXCLUDE,
	    "メールアドレスが入力されていません" },
	[EMP_EMAIL_INVALID] = { "EMP_EMAIL_INVALID", SEV_EXCLUDE,
	    "メールアドレスの形式が正しくありません" },
	[EMP_EMAIL_DUPLICATE] = { "EMP_EMAIL_DUPLICATE", SEV_EXCLUDE,
	    "同じメールアドレスが複数の社員に登録されています" },
	[EMP_DEPARTMENT_UNREGISTERED] = { "EMP_DEPARTMENT_UNREGISTERED",
	    SEV_EXCLUDE, "ミキワメAIに登録のない部署です" },
	[EMP_NUMBER_MISSING] = { "EMP_NUMBER_MISSING", SEV_EXCLUDE,
	    "社員番号が入力されていません" },
	[EMP_NUMBER_DUPLICATE] = { "EMP_NUMBER_DUPLICATE", SEV_EXCLUDE,
	    "同じ社員番号が複数の社員に登録されています" },
	[EMP_EMAIL_CHANGED] = { "EMP_EMAIL_CHANGED", SEV_EXCLUDE,
	    "社員番号はミキワメAIに別のメールアドレスで登録されています" },
	[EMP_DATE_INVALID] = { "EMP_DATE_INVALID", SEV_EXCLUDE,
	    "日付として正しくありません" },
	[EMP_NUMBER_SUSPICIOUS] = { "EMP_NUMBER_SUSPICIOUS", SEV_WARN,
	    "社員番号が表計算ソフトで変換された形に見えます" },
	[EMP_NUMBER_ZEROS_LOST] = { "EMP_NUMBER_ZEROS_LOST", SEV_EXCLUDE,
	    "社員番号の先頭の0が失われています（表計算ソフトで数値に"
	    "変換された形です）" },
	[EMP_NUMBER_BLANKED] = { "EMP_NUMBER_BLANKED", SEV_EXCLUDE,
	    "ミキワメAIにある社員番号がSmartHRでは空です" },
	[EMP_FIELD_BLANKED] = { "EMP_FIELD_BLANKED", SEV_WARN,
	    "ミキワメAIにある値が空で上書きされます" },
	[EMP_RETIRED_CLEARED] = { "EMP_RETIRED_CLEARED", SEV_WARN,
	    "ミキワメAIの退職者フラグが外れます" },
	[RES_NO_MATCH] = { "RES_NO_MATCH", SEV_EXCLUDE,
	    "一致するSmartHRの従業員がいないため連携できません" },
	[RES_AMBIGUOUS_MATCH] = { "RES_AMBIGUOUS_MATCH", SEV_EXCLUDE,
	    "一致するSmartHRの従業員が複数います" },
	[RES_NO_EMPLOYEE_NUMBER] = { "RES_NO_EMPLOYEE_NUMBER", SEV_EXCLUDE,
	    "一致したSmartHRの従業員に社員番号がありません" },
	[RES_DATE_INVALID] = { "RES_DATE_INVALID", SEV_EXCLUDE,
	    "受検日が日付として正しくありません" },
	[RES_SCORE_INVALID] = { "RES_SCORE_INVALID", SEV_EXCLUDE,
	    "性格特性の偏差値が数値ではありません" },
	[RES_NUMBER_ZEROS_LOST] = { "RES_NUMBER_ZEROS_LOST", SEV_EXCLUDE,
	    "社員番号が先頭の0の有無だけ違います（表計算ソフトで失われた"
	    "形です）" },
};

#define SPOOL_CHUNK	65536

/* Set in a row's off when its text is in diag's mem, not the spool. */
#define IN_MEM		((size_t)1 << (sizeof(size_t) * 8 - 1))

struct row {
	size_t		 line;
	size_t		 off;		/* text in the spool or (IN_MEM) mem;
					   also keeps equal keys in insertion
					   order */
	uint32_t	 len;		/* text bytes: key\0name\0field\0msg\0 */
	enum diag_code	 code;
};

/* The text of a row not yet stored: the record in progress. */
struct pend {
	char		*key, *name, *field, *msg;
};

struct count {
	char		*what;
	size_t		 n;
};

struct diag {
	const char	*command;
	const char	*input, *enc;
	struct csvout	*report, *plan;
	struct row	*rows;
	size_t		 nrows, caprows;
	struct pend	*pend;		/* rows[stored..nrows) */
	size_t		 stored, cappend;
	FILE		*spool;		/* the row texts */
	int		 nospool;	/* no spool, or it failed: use mem */
	struct buf	 mem;		/* row texts when not spooled */
	struct buf	 wbuf;		/* row texts on their way to the spool */
	size_t		 wfirst;	/* the first row in wbuf */
	size_t		 end;		/* bytes in the spool and wbuf */
	int		 ioerr;		/* errno of a failed spool read */
	size_t		 records;
	size_t		 ncode[DIAG_NCODES];
	struct count	*acts;		/* per plan action, in first-seen order */
	size_t		 nacts, capacts;
	char		**notes, **dests;
	size_t		 nnotes, ndests, capnotes, capdests;
};

const char *
diag_code_name(enum diag_code c)
{
	return codes[c].name;
}

enum diag_sev
diag_code_sev(enum diag_code c)
{
	return codes[c].sev;
}

const char *
diag_code_text(enum diag_code c)
{
	return codes[c].text;
}

struct diag *
diag_new(const char *command)
{
	struct diag	*d;

	d = xcalloc(1, sizeof(*d));
	d->command = command;
	d->input = "-";
	d->enc = "";
	return d;
}

static void
free_list(char **l, size_t n)
{
	while (n-- > 0)
		free(l[n]);
	free(l);
}

void
diag_free(struct diag *d)
{
	size_t	 i;

	if (d == NULL)
		return;
	for (i = d->stored; i < d->nrows; i++) {
		free(d->pend[i - d->stored].key);
		free(d->pend[i - d->stored].name);
		free(d->pend[i - d->stored].field);
		free(d->pend[i - d->stored].msg);
	}
	free(d->pend);
	free(d->rows);
	if (d->spool != NULL)
		fclose(d->spool);
	buf_free(&d->mem);
	buf_free(&d->wbuf);
	for (i = 0; i < d->nacts; i++)
		free(d->acts[i].what);
	free(d->acts);
	free_list(d->notes, d->nnotes);
	free_list(d->dests, d->ndests);
	free(d);
}

void
diag_set_report(struct diag *d, struct csvout *w)
{
	d->report = w;
}

void
diag_set_plan(struct diag *d, struct csvout *w)
{
	d->plan = w;
}

void
diag_set_input(struct diag *d, const char *name, const char *enc)
{
	d->input = name;
	d->enc = enc;
}

void
diag_add(struct diag *d, size_t line, enum diag_code code, const char *key,
    const char *name, const char *field, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	diag_vadd(d, line, code, key, name, field, fmt, ap);
	va_end(ap);
}

/*
 * Writes wbuf to the spool; if that fails, moves its rows' text to memory
 * for good (what reached the spool of it is never read).
 */
static void
drain(struct diag *d)
{
	size_t	 i, done = 0, base;
	ssize_t	 k;

	if (d->wbuf.len == 0)
		return;
	base = d->end - d->wbuf.len;
	while (!d->nospool && done < d->wbuf.len) {
		k = write(fileno(d->spool), d->wbuf.p + done,
		    d->wbuf.len - done);
		if (k == -1 && errno == EINTR)
			continue;
		if (k <= 0)
			d->nospool = 1;
		else
			done += (size_t)k;
	}
	if (d->nospool) {
		for (i = d->wfirst; i < d->stored; i++)
			if (!(d->rows[i].off & IN_MEM))
				d->rows[i].off = IN_MEM |
				    (d->mem.len + d->rows[i].off - base);
		buf_add(&d->mem, d->wbuf.p, d->wbuf.len);
		d->end = base;
	}
	buf_reset(&d->wbuf);
	d->wfirst = d->stored;
}

/*
 * Moves the rows of the record in progress to the spool (through wbuf),
 * made on first use, or to memory when it cannot be made or written.
 */
static void
store(struct diag *d)
{
	struct buf	 err = {0}, *t;
	struct pend	*p;
	size_t		 i, n;

	if (d->stored == d->nrows)
		return;
	if (d->spool == NULL && !d->nospool &&
	    (d->spool = ofile_spool(&err)) == NULL)
		d->nospool = 1;
	buf_free(&err);
	t = d->nospool ? &d->mem : &d->wbuf;
	for (i = d->stored; i < d->nrows; i++) {
		p = &d->pend[i - d->stored];
		n = t->len;
		buf_add(t, p->key, strlen(p->key) + 1);
		buf_add(t, p->name, strlen(p->name) + 1);
		buf_add(t, p->field, strlen(p->field) + 1);
		buf_add(t, p->msg, strlen(p->msg) + 1);
		/* Records are bounded (CSVIN_MAX_RECORD): never true. */
		if (t->len - n > UINT32_MAX)
			d->ioerr = EFBIG;
		d->rows[i].len = (uint32_t)(t->len - n);
		if (d->nospool)
			d->rows[i].off = IN_MEM | n;
		else {
			d->rows[i].off = d->end;
			d->end += t->len - n;
		}
		free(p->key);
		free(p->name);
		free(p->field);
		free(p->msg);
	}
	d->stored = d->nrows;
	if (d->wbuf.len >= SPOOL_CHUNK)
		drain(d);
}

void
diag_vadd(struct diag *d, size_t line, enum diag_code code, const char *key,
    const char *name, const char *field, const char *fmt, va_list ap)
{
	struct pend	*p;
	struct buf	 m = {0}, raw = {0};
	size_t		 i;
	char		*t;

	if (fmt == NULL)
		buf_adds(&raw, codes[code].text);
	else
		buf_vprintf(&raw, fmt, ap);
	/*
	 * Messages quote file names, whose bytes need not be UTF-8 (a CP932
	 * name): such a byte is written as the text \xFF, so that the report
	 * stays valid text. The data they quote is decoded, so valid.
	 */
	buf_add_text(&m, raw.p, raw.len);
	buf_free(&raw);
	/*
	 * One row per record and code (SPEC §4): a second field with the same
	 * problem joins the row already there, its header added to 項目 with
	 * '・' and its message to 内容. A record's rows are the latest ones,
	 * still in memory; another record's row stores them.
	 */
	if (d->stored < d->nrows && d->rows[d->nrows - 1].line != line)
		store(d);
	for (i = d->nrows; i-- > d->stored && d->rows[i].line == line; )
		if (d->rows[i].code == code) {
			p = &d->pend[i - d->stored];
			if (field != NULL && *field != '\0') {
				t = xasprintf("%s%s%s", p->field,
				    *p->field != '\0' ? "・" : "", field);
				free(p->field);
				p->field = t;
			}
			if (strcmp(p->msg, m.p) != 0) {
				t = xasprintf("%s %s", p->msg, m.p);
				free(p->msg);
				p->msg = t;
			}
			buf_free(&m);
			return;
		}
	if (d->nrows == d->caprows) {
		d->caprows = d->caprows ? d->caprows * 2 : 64;
		d->rows = xreallocarray(d->rows, d->caprows, sizeof(*d->rows));
	}
	if (d->nrows - d->stored == d->cappend) {
		d->cappend = d->cappend ? d->cappend * 2 : 8;
		d->pend = xreallocarray(d->pend, d->cappend, sizeof(*d->pend));
	}
	d->rows[d->nrows].line = line;
	d->rows[d->nrows].code = code;
	d->rows[d->nrows].off = 0;
	d->rows[d->nrows].len = 0;
	p = &d->pend[d->nrows - d->stored];
	p->key = xstrdup(key ? key : "");
	p->name = xstrdup(name ? name : "");
	p->field = xstrdup(field ? field : "");
	p->msg = m.p;
	d->nrows++;
	d->ncode[code]++;
}

size_t
diag_mark(const struct diag *d)
{
	return d->nrows;
}

int
diag_excluded_since(const struct diag *d, size_t mark)
{
	size_t	 i;

	for (i = mark; i < d->nrows; i++)
		if (codes[d->rows[i].code].sev == SEV_EXCLUDE)
			return 1;
	return 0;
}

static int
cmp_code(const void *a, const void *b)
{
	const enum diag_code *x = a, *y = b;

	return strcmp(codes[*x].name, codes[*y].name);
}

void
diag_codes_since(const struct diag *d, size_t mark, struct buf *out)
{
	enum diag_code	 c[DIAG_NCODES] = { CSV_FIELD_COUNT };
	size_t		 n = 0, i, j;

	for (i = mark; i < d->nrows; i++) {
		for (j = 0; j < n; j++)
			if (c[j] == d->rows[i].code)
				break;
		if (j == n && n < DIAG_NCODES)
			c[n++] = d->rows[i].code;
	}
	qsort(c, n, sizeof(*c), cmp_code);
	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_addc(out, ';');
		buf_adds(out, codes[c[i]].name);
	}
}

int
diag_plan(struct diag *d, size_t line, const char *key, const char *name,
    const char *action, const char *codelist, const char *changes)
{
	char		 ln[32];
	const char	*f[6];
	size_t		 i, badf;
	uint32_t	 badcp;

	for (i = 0; i < d->nacts; i++)
		if (strcmp(d->acts[i].what, action) == 0)
			break;
	if (i == d->nacts) {
		d->acts = xgrow(d->acts, &d->capacts, d->nacts + 1,
		    sizeof(*d->acts));
		d->acts[d->nacts].what = xstrdup(action);
		d->acts[d->nacts++].n = 0;
	}
	d->acts[i].n++;
	if (d->plan == NULL)
		return 0;
	snprintf(ln, sizeof(ln), "%zu", line);
	f[0] = ln;
	f[1] = key ? key : "";
	f[2] = name ? name : "";
	f[3] = action;
	f[4] = codelist ? codelist : "";
	f[5] = changes ? changes : "";
	return csvout_rowv(d->plan, f, 6, &badf, &badcp) == -1 ? -1 : 0;
}

void
diag_record(struct diag *d)
{
	d->records++;
}

static void
push(char ***l, size_t *n, size_t *cap, char *s)
{
	*l = xgrow(*l, cap, *n + 1, sizeof(**l));
	(*l)[(*n)++] = s;
}

void
diag_notice(struct diag *d, const char *fmt, ...)
{
	struct buf	 b = {0};
	va_list		 ap;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	push(&d->notes, &d->nnotes, &d->capnotes, b.p);
}

void
diag_destination(struct diag *d, const char *what, const char *where)
{
	push(&d->dests, &d->ndests, &d->capdests, xasprintf("%s: %s", what, where));
}

int
diag_status(const struct diag *d)
{
	return d->nrows > 0;
}

static int
cmp_row(const void *a, const void *b)
{
	const struct row *x = a, *y = b;
	int		  c;

	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if ((c = strcmp(codes[x->code].name, codes[y->code].name)) != 0)
		return c;
	return x->off < y->off ? -1 : x->off > y->off;
}

/*
 * Reads row r's text into t; f[0..3] point into it. -1 on a read error.
 * The spool is read with pread(2), like it is written, beneath stdio.
 */
static int
load(struct diag *d, const struct row *r, struct buf *t, const char *f[4])
{
	size_t	 i, n;
	ssize_t	 k;

	buf_reset(t);
	if (r->off & IN_MEM)
		buf_add(t, d->mem.p + (r->off & ~IN_MEM), r->len);
	else {
		buf_grow(t, r->len);
		while (t->len < r->len) {
			k = pread(fileno(d->spool), t->p + t->len,
			    r->len - t->len, (off_t)(r->off + t->len));
			if (k == -1 && errno == EINTR)
				continue;
			if (k <= 0) {
				d->ioerr = k == -1 ? errno : EIO;
				return -1;
			}
			t->len += (size_t)k;
		}
		t->p[t->len] = '\0';
	}
	for (i = 0, n = 0; i < 4; i++) {
		f[i] = t->p + n;
		n += strlen(t->p + n) + 1;
	}
	return 0;
}

int
diag_write_report(struct diag *d)
{
	size_t		 i, badf;
	uint32_t	 badcp;
	char		 ln[32];
	const char	*f[7], *t4[4];
	struct buf	 t = {0}, line = {0};
	int		 rc = -1;

	store(d);
	drain(d);
	if (d->ioerr != 0)
		goto out;
	/* qsort must not be given the NULL of an empty report. */
	if (d->nrows > 1)
		qsort(d->rows, d->nrows, sizeof(*d->rows), cmp_row);
	for (i = 0; i < d->nrows; i++) {
		struct row *r = &d->rows[i];

		if (load(d, r, &t, t4) == -1)
			goto out;
		if (d->report == NULL) {
			/* Data reaches a terminal here: escape its controls. */
			buf_reset(&line);
			buf_printf(&line, "%s:%zu: %s: %s\n", d->input, r->line,
			    codes[r->code].name, t4[3]);
			fputs_safe(line.p, stderr);
			continue;
		}
		snprintf(ln, sizeof(ln), "%zu", r->line);
		f[0] = ln;
		f[1] = codes[r->code].sev == SEV_EXCLUDE ? "除外" : "警告";
		f[2] = codes[r->code].name;
		f[3] = t4[0];
		f[4] = t4[1];
		f[5] = t4[2];
		f[6] = t4[3];
		if (csvout_rowv(d->report, f, 7, &badf, &badcp) == -1)
			goto out;
	}
	rc = 0;
out:
	/* Without --errors nobody else reports it: say so here. */
	if (d->ioerr != 0) {
		if (d->report == NULL)
			fprintf(stderr, "%s: error report: temporary file: "
			    "%s\n", progname, strerror(d->ioerr));
		errno = d->ioerr;
	}
	buf_free(&t);
	buf_free(&line);
	return rc;
}

/*
 * The summary, for a terminal: the input's name, the notices (雇用形態
 * values, headers) and the destinations come from the user and the data,
 * so their control characters are escaped.
 */
void
diag_summary(const struct diag *d, FILE *fp)
{
	struct buf	 b = {0};
	size_t		 i;

	buf_printf(&b, "%s %s: %s (%s): %zu records\n", progname, d->command,
	    d->input, d->enc, d->records);
	for (i = 0; i < d->nacts; i++)
		buf_printf(&b, "  %s: %zu\n", d->acts[i].what, d->acts[i].n);
	for (i = 0; i < DIAG_NCODES; i++)
		if (d->ncode[i] > 0)
			buf_printf(&b, "  %s: %zu\n", codes[i].name, d->ncode[i]);
	for (i = 0; i < d->nnotes; i++)
		buf_printf(&b, "  %s\n", d->notes[i]);
	for (i = 0; i < d->ndests; i++)
		buf_printf(&b, "  %s\n", d->dests[i]);
	fputs_safe(b.p, fp);
	buf_free(&b);
}

static void
json_str(FILE *fp, const char *s)
{
	struct buf	 b = {0};

	buf_add_safe(&b, s, strlen(s), 1);
	fprintf(fp, "\"%s\"", b.p);
	buf_free(&b);
}

int
diag_json(const struct diag *d, FILE *fp, int exitcode)
{
	size_t	 i;
	int	 first = 1;

	fputs("{\"command\":", fp);
	json_str(fp, d->command);
	fputs(",\"input\":", fp);
	json_str(fp, d->input);
	fputs(",\"encoding\":", fp);
	json_str(fp, d->enc);
	fprintf(fp, ",\"records\":%zu,\"actions\":{", d->records);
	for (i = 0; i < d->nacts; i++) {
		if (i > 0)
			fputc(',', fp);
		json_str(fp, d->acts[i].what);
		fprintf(fp, ":%zu", d->acts[i].n);
	}
	fputs("},\"codes\":{", fp);
	for (i = 0; i < DIAG_NCODES; i++)
		if (d->ncode[i] > 0) {
			if (!first)
				fputc(',', fp);
			first = 0;
			json_str(fp, codes[i].name);
			fprintf(fp, ":%zu", d->ncode[i]);
		}
	fprintf(fp, "},\"exit\":%d}\n", exitcode);
	return ferror(fp) ? -1 : 0;
}
