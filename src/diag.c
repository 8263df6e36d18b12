/*
 * diag: the code table, the report and plan rows, the summary.
 *
 * Report rows are kept until the end of the run, sorted by line number and
 * then code, and written in one go: a run that ends with exit 2 must not
 * have printed any of them. Plan rows are written as the command emits
 * them (commands emit them in line order), into a file that only becomes
 * visible when the run succeeds.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"

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
};

struct row {
	size_t		 line;
	size_t		 seq;		/* keeps equal keys in insertion order */
	enum diag_code	 code;
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
	size_t		 records;
	size_t		 ncode[DIAG_NCODES];
	struct count	*acts;		/* per plan action, in first-seen order */
	size_t		 nacts;
	char		**notes, **dests;
	size_t		 nnotes, ndests;
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
	for (i = 0; i < d->nrows; i++) {
		free(d->rows[i].key);
		free(d->rows[i].name);
		free(d->rows[i].field);
		free(d->rows[i].msg);
	}
	free(d->rows);
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

void
diag_vadd(struct diag *d, size_t line, enum diag_code code, const char *key,
    const char *name, const char *field, const char *fmt, va_list ap)
{
	struct row	*r;
	struct buf	 m = {0};
	size_t		 i;
	char		*t;

	if (fmt == NULL)
		buf_adds(&m, codes[code].text);
	else
		buf_vprintf(&m, fmt, ap);
	/*
	 * One row per record and code (SPEC §4): a second field with the same
	 * problem joins the row already there, its header added to 項目 with
	 * '・' and its message to 内容. A record's rows are the latest ones.
	 */
	for (i = d->nrows; i-- > 0 && d->rows[i].line == line; )
		if (d->rows[i].code == code) {
			r = &d->rows[i];
			if (field != NULL && *field != '\0') {
				t = xasprintf("%s%s%s", r->field,
				    *r->field != '\0' ? "・" : "", field);
				free(r->field);
				r->field = t;
			}
			if (strcmp(r->msg, m.p) != 0) {
				t = xasprintf("%s %s", r->msg, m.p);
				free(r->msg);
				r->msg = t;
			}
			buf_free(&m);
			return;
		}
	if (d->nrows == d->caprows) {
		d->caprows = d->caprows ? d->caprows * 2 : 64;
		d->rows = xreallocarray(d->rows, d->caprows, sizeof(*d->rows));
	}
	r = &d->rows[d->nrows];
	r->line = line;
	r->seq = d->nrows++;
	r->code = code;
	r->key = xstrdup(key ? key : "");
	r->name = xstrdup(name ? name : "");
	r->field = xstrdup(field ? field : "");
	r->msg = m.p;
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
		d->acts = xreallocarray(d->acts, d->nacts + 1, sizeof(*d->acts));
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
push(char ***l, size_t *n, char *s)
{
	*l = xreallocarray(*l, *n + 1, sizeof(**l));
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
	push(&d->notes, &d->nnotes, b.p);
}

void
diag_destination(struct diag *d, const char *what, const char *where)
{
	push(&d->dests, &d->ndests, xasprintf("%s: %s", what, where));
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
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

int
diag_write_report(struct diag *d)
{
	size_t		 i, badf;
	uint32_t	 badcp;
	char		 ln[32];
	const char	*f[7];

	/* qsort must not be given the NULL of an empty report. */
	if (d->nrows > 1)
		qsort(d->rows, d->nrows, sizeof(*d->rows), cmp_row);
	for (i = 0; i < d->nrows; i++) {
		struct row *r = &d->rows[i];

		if (d->report == NULL) {
			fprintf(stderr, "%s:%zu: %s: %s\n", d->input, r->line,
			    codes[r->code].name, r->msg);
			continue;
		}
		snprintf(ln, sizeof(ln), "%zu", r->line);
		f[0] = ln;
		f[1] = codes[r->code].sev == SEV_EXCLUDE ? "除外" : "警告";
		f[2] = codes[r->code].name;
		f[3] = r->key;
		f[4] = r->name;
		f[5] = r->field;
		f[6] = r->msg;
		if (csvout_rowv(d->report, f, 7, &badf, &badcp) == -1)
			return -1;
	}
	return 0;
}

void
diag_summary(const struct diag *d, FILE *fp)
{
	size_t	 i;

	fprintf(fp, "%s %s: %s (%s): %zu records\n", progname, d->command,
	    d->input, d->enc, d->records);
	for (i = 0; i < d->nacts; i++)
		fprintf(fp, "  %s: %zu\n", d->acts[i].what, d->acts[i].n);
	for (i = 0; i < DIAG_NCODES; i++)
		if (d->ncode[i] > 0)
			fprintf(fp, "  %s: %zu\n", codes[i].name, d->ncode[i]);
	for (i = 0; i < d->nnotes; i++)
		fprintf(fp, "  %s\n", d->notes[i]);
	for (i = 0; i < d->ndests; i++)
		fprintf(fp, "  %s\n", d->dests[i]);
}

static void
json_str(FILE *fp, const char *s)
{
	fputc('"', fp);
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			fprintf(fp, "\\%c", c);
		else if (c < 0x20)
			fprintf(fp, "\\u%04x", c);
		else
			fputc(c, fp);
	}
	fputc('"', fp);
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
