/*
 * inspect: what an administrator runs first when a file "doesn't work"
 * (SPEC §9). For each file: encoding and BOM, line endings, records and
 * columns, the kind of file it looks like, the role each header takes, the
 * roles each command would miss, and the first problems with their lines.
 * It reads every field of every record, so every invalid byte is found.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "emp.h"
#include "flow.h"

#define MAX_PROBLEMS	10
#define MAXW		16	/* code widths the zero-padding check counts */

/*
 * A column's all-digit values by width, for the zero-padding check: how
 * many, how many start with 0, and the first line of each width.
 */
struct widths {
	uint32_t	 n[MAXW + 1], zero[MAXW + 1], line[MAXW + 1];
	uint32_t	 total;
};

/* The roles a command needs, per kind of file (mikibridge(5)... flow.c). */
static const char *const emp_roles[] = {
	"last_name", "first_name", "last_name_kana", "first_name_kana", "email",
};
static const char *const res_roles[] = { "taken_on", "type16", "result_link" };
/* Every role the results command reads; its other columns are traits. */
static const char *const res_all_roles[] = {
	"employee_number", "email", "taken_on", "type16", "result_link", "name",
	"ignore",
};

static void
missing(struct flow *f, struct input *in, const char *what,
    const char *section, const char *const *roles, size_t n, FILE *fp)
{
	size_t	 i;
	int	 any = 0;

	fprintf(fp, "  missing for %s:", what);
	for (i = 0; i < n; i++)
		if (!input_has(f, in, section, roles[i])) {
			fprintf(fp, "%s %s", any ? "," : "", roles[i]);
			any = 1;
		}
	fprintf(fp, "%s\n", any ? "" : " nothing");
}

/*
 * departments needs a code and either levels (staircase) or a name (flat),
 * so a file with neither misses one of two roles.
 */
static void
missing_departments(struct flow *f, struct input *in, FILE *fp)
{
	int	 code, shape;

	code = input_has(f, in, "smarthr_column", "department_code");
	shape = input_has(f, in, "smarthr_column", "department_level") ||
	    input_has(f, in, "smarthr_column", "department_name");
	fprintf(fp, "  missing for departments:%s%s%s%s\n",
	    code ? "" : " department_code", !code && !shape ? "," : "",
	    shape ? "" : " department_level or department_name",
	    code && shape ? " nothing" : "");
}

/*
 * The first role of section that claims hdr, or NULL. With only set, just
 * those roles count: in a results file 部署名 is an ignored column, not
 * the department_name of a department file.
 */
static const char *
role_of(struct flow *f, const char *section, const char *const *only,
    size_t nonly, const char *hdr)
{
	size_t		 i, j;
	const char	*s, *k, *v;

	for (i = 0; i < profile_count(f->prof); i++) {
		profile_row(f->prof, i, &s, &k, &v);
		if (strcmp(s, section) != 0)
			continue;
		for (j = 0; j < nonly; j++)
			if (strcmp(k, only[j]) == 0)
				break;
		if (only != NULL && j == nonly)
			continue;
		if (profile_claims(f->prof, section, k, hdr, strlen(hdr)))
			return k;
	}
	return NULL;
}

/*
 * Two columns taking one role stop every command ("ambiguous column"), so
 * they are the first problem named. Roles that claim many columns by
 * design (department levels, ignored and trait columns) are left out. The
 * few distinct roles are kept in a short list, which keeps this linear in
 * the number of columns.
 */
static void
ambiguous(const struct input *in, const char *const *roles, struct buf *probs,
    size_t *nprob)
{
	const char	*seen[128];
	size_t		 first[128], nseen = 0, i, j;

	for (i = 0; i < in->nh; i++) {
		if (roles[i] == NULL || strcmp(roles[i], "department_level") == 0 ||
		    strcmp(roles[i], "ignore") == 0 ||
		    strcmp(roles[i], "trait") == 0)
			continue;
		for (j = 0; j < nseen; j++)
			if (strcmp(seen[j], roles[i]) == 0)
				break;
		if (j == nseen) {
			if (nseen < ARRAY_LEN(seen)) {
				seen[nseen] = roles[i];
				first[nseen++] = i;
			}
			continue;
		}
		if (++*nprob <= MAX_PROBLEMS)
			buf_printf(probs, "    line %zu: ambiguous column: %zu "
			    "(%s) and %zu (%s) both take role %s\n",
			    in->hdr_line, first[j] + 1, in->hdr[first[j]], i + 1,
			    in->hdr[i], roles[i]);
	}
}

/*
 * Headers that employees would stop on (mikibridge(1), HEADERS): a column
 * no role takes that resembles an employee role that found no column.
 */
static void
lookalikes(struct flow *f, const struct input *in, const char *const *roles,
    struct buf *probs, size_t *nprob)
{
	struct profile_lookalike like[MAX_PROBLEMS];
	int		 col[ER_N];
	size_t		 r, i, n;

	for (r = 0; r < ER_N; r++) {
		col[r] = -1;
		for (i = 0; i < in->nh && col[r] == -1; i++)
			if (roles[i] != NULL &&
			    strcmp(roles[i], emp_role_name[r]) == 0)
				col[r] = (int)i;
	}
	n = profile_lookalikes(f->prof, "smarthr_column", emp_role_name, ER_N,
	    col, (const char *const *)in->nhdr, in->nh, like,
	    ARRAY_LEN(like));
	for (i = 0; i < n; i++)
		if (++*nprob <= MAX_PROBLEMS)
			buf_printf(probs, "    line %zu: look-alike: column %zu "
			    "(%s) looks like role %s (it carries %s) but is "
			    "none of its headers: employees stops on it; map "
			    "it with --profile (smarthr_column,%s,...) or "
			    "ignore it (smarthr_column,ignore,...)\n",
			    in->hdr_line, like[i].col + 1, in->hdr[like[i].col],
			    emp_role_name[like[i].role], like[i].words,
			    emp_role_name[like[i].role]);
}

/* 1 or 2 digits, their value in *v; 0 when there are none. */
static int
small(const char **p, const char *e, int *v)
{
	int	 n = 0;

	*v = 0;
	while (*p < e && **p >= '0' && **p <= '9' && n < 2) {
		*v = *v * 10 + (**p - '0');
		++*p;
		n++;
	}
	return n > 0;
}

/* Is s..e a month and day without a year, as 4月1日? */
static int
month_day(const char *s, const char *e)
{
	int	 m, d;

	if (!small(&s, e, &m) || (size_t)(e - s) < strlen("月") ||
	    memcmp(s, "月", strlen("月")) != 0)
		return 0;
	s += strlen("月");
	return small(&s, e, &d) && e - s == (ptrdiff_t)strlen("日") &&
	    memcmp(s, "日", strlen("日")) == 0 && m >= 1 && m <= 12 &&
	    d >= 1 && d <= 31;
}

/*
 * Signs that a spreadsheet rewrote a value: 1.23E+05 or 123.0 (a code read
 * as a number), 4月1日 (a date that lost its year). Counts an all-digit
 * value's width in w (allocated on first use) for the padding check.
 */
static void
damage(const struct input *in, const struct rec *r, size_t col,
    const struct buf *v, struct widths **w, struct buf *probs,
    size_t *nprob)
{
	size_t	 i, len = v->len;

	if (len == 0)
		return;
	for (i = 0; i < len && v->p[i] >= '0' && v->p[i] <= '9'; i++)
		continue;
	if (i == len) {
		if (len > MAXW || r->line > UINT32_MAX)
			return;
		if (*w == NULL)
			*w = xcalloc(1, sizeof(**w));
		if ((*w)->n[len]++ == 0)
			(*w)->line[len] = (uint32_t)r->line;
		(*w)->zero[len] += v->p[0] == '0';
		(*w)->total++;
		return;
	}
	if (emp_number_suspicious(v->p, len)) {
		if (++*nprob <= MAX_PROBLEMS)
			buf_printf(probs, "    line %zu: column %zu (%s): \"%s\" "
			    "looks like a code a spreadsheet turned into a "
			    "number (E+ notation or a trailing .0)\n", r->line,
			    col + 1, col < in->nh ? in->hdr[col] : "extra", v->p);
		return;
	}
	if (month_day(v->p, v->p + len) && ++*nprob <= MAX_PROBLEMS)
		buf_printf(probs, "    line %zu: column %zu (%s): \"%s\" is a "
		    "date without a year (a spreadsheet reformatted it?)\n",
		    r->line, col + 1, col < in->nh ? in->hdr[col] : "extra",
		    v->p);
}

/*
 * Uneven zero padding: most of a column's all-digit values share a width
 * and some of those start with 0 (00012), yet others are shorter (12): a
 * spreadsheet dropped their zeros.
 */
static void
padding(const struct input *in, size_t col, const struct widths *w,
    struct buf *probs, size_t *nprob)
{
	size_t	 pw, i;

	for (pw = 2; pw <= MAXW; pw++)
		if ((size_t)w->n[pw] * 2 > w->total && w->zero[pw] > 0)
			break;
	if (pw > MAXW)
		return;
	for (i = 1; i < pw; i++)
		if (w->n[i] > 0 && ++*nprob <= MAX_PROBLEMS)
			buf_printf(probs, "    line %zu: column %zu (%s): %zu "
			    "value%s of %zu digit%s where most are %zu digits "
			    "padded with 0: a spreadsheet may have dropped "
			    "leading zeros\n", (size_t)w->line[i], col + 1,
			    in->hdr[col], (size_t)w->n[i], w->n[i] == 1 ? "" :
			    "s", i, i == 1 ? "" : "s", pw);
}

/* What a column is, for the list of columns. */
static const char *
column_role(const char *section, const char *role)
{
	if (role == NULL)
		return "unused";
	if (strcmp(role, "ignore") == 0)
		return strcmp(section, "smarthr_column") == 0 ?
		    "ignored (only level 1 is linked)" : "ignored";
	return role;
}

static int
inspect_one(struct flow *f, const char *path, FILE *fp)
{
	struct input	*in;
	struct rec	*r;
	struct buf	 d = {0}, probs = {0};
	const char	*section, *k, **roles;
	struct widths	**w;
	size_t		 records = 0, nprob = 0, i, bad, j;
	int		 rc = 0, n, results;

	buf_reset(&f->err);
	fprintf(fp, "%s\n", path);
	if ((in = flow_input(f, path)) == NULL) {
		fprintf(fp, "  error: %s\n", f->err.p);
		fprintf(stderr, "%s: ", progname);
		fputs_safe(f->err.p, stderr);
		fputc('\n', stderr);
		return 2;
	}
	k = input_kind(f, in, &section);
	roles = xcalloc(in->nh ? in->nh : 1, sizeof(*roles));
	results = strcmp(k, "ミキワメAI results") == 0;
	for (i = 0; i < in->nh; i++) {
		roles[i] = role_of(f, section, results ? res_all_roles : NULL,
		    results ? ARRAY_LEN(res_all_roles) : 0, in->nhdr[i]);
		if (roles[i] == NULL && results)
			roles[i] = "trait";
	}
	w = xcalloc(in->nh ? in->nh : 1, sizeof(*w));
	ambiguous(in, roles, &probs, &nprob);
	if (strcmp(k, "SmartHR employees") == 0 || strcmp(k, "unknown") == 0)
		lookalikes(f, in, roles, &probs, &nprob);
	while ((n = input_next(in, &r, &f->err)) == 1) {
		records++;
		if (!input_count_ok(in, r) && ++nprob <= MAX_PROBLEMS)
			buf_printf(&probs, "    line %zu: CSV_FIELD_COUNT: %zu "
			    "field%s, the header has %zu\n", r->line, r->nf,
			    r->nf == 1 ? "" : "s", in->nh);
		for (i = 0; i < r->nf; i++) {
			buf_reset(&d);
			if (codec_decode(in->codec, in->enc, r->f[i], r->len[i],
			    &d, &bad) == -1) {
				if (++nprob <= MAX_PROBLEMS) {
					buf_printf(&probs, "    line %zu: "
					    "ENCODING_INVALID: column %zu (%s): "
					    "invalid %s bytes", r->line, i + 1,
					    i < in->nh ? in->hdr[i] : "extra",
					    enc_name(in->enc));
					for (j = bad; j < r->len[i] &&
					    j < bad + 2; j++)
						buf_printf(&probs, " 0x%02X",
						    (unsigned char)r->f[i][j]);
					buf_addc(&probs, '\n');
				}
				break;
			}
			if (i < in->nh && input_count_ok(in, r))
				damage(in, r, i, &d, &w[i], &probs, &nprob);
		}
	}
	for (i = 0; i < in->nh; i++)
		if (w[i] != NULL) {
			padding(in, i, w[i], &probs, &nprob);
			free(w[i]);
		}
	free(w);
	fprintf(fp, "  encoding: %s%s%s\n", enc_name(in->enc),
	    in->det.bom ? " with BOM" : "",
	    f->o->in_enc != ENC_AUTO ? " (as told by --input-encoding)" : "");
	fprintf(fp, "  line endings:%s%s%s%s\n", in->det.crlf ? " CRLF" : "",
	    in->det.lf ? " LF" : "", in->det.cr ? " CR" : "",
	    in->det.crlf + in->det.lf + in->det.cr == 0 ? " none" : "");
	fprintf(fp, "  records: %zu (header on line %zu, %zu column%s)\n",
	    records, in->hdr_line, in->nh, in->nh == 1 ? "" : "s");
	fprintf(fp, "  kind: %s\n", k);
	fprintf(fp, "  columns:\n");
	for (i = 0; i < in->nh; i++)
		fprintf(fp, "    %3zu %s: %s\n", i + 1, in->hdr[i],
		    column_role(section, roles[i]));
	missing(f, in, "employees", "smarthr_column", emp_roles,
	    ARRAY_LEN(emp_roles), fp);
	missing_departments(f, in, fp);
	missing(f, in, "results", "mikiwame_column", res_roles,
	    ARRAY_LEN(res_roles), fp);
	if (n == -1) {
		buf_printf(&probs, "    %s\n", f->err.p);
		fprintf(stderr, "%s: ", progname);
		fputs_safe(f->err.p, stderr);
		fputc('\n', stderr);
		rc = 2;
	}
	if (probs.len == 0)
		fprintf(fp, "  problems: none\n");
	else {
		fprintf(fp, "  problems:\n%s", probs.p);
		if (nprob > MAX_PROBLEMS)
			fprintf(fp, "    ... and %zu more\n",
			    nprob - MAX_PROBLEMS);
	}
	input_close(in);
	free(roles);
	buf_free(&d);
	buf_free(&probs);
	return rc;
}

int
cmd_inspect(const struct cmd *c, struct opts *o)
{
	struct flow	 f;
	int		 i, rc, worst = 0;

	if ((rc = flow_init(&f, c, o)) != 0)
		goto out;
	if (o->nargs == 0) {
		rc = usage_error(c, "name at least one FILE");
		goto out;
	}
	if (ofile_open(&f.out, o->output, &f.err) == -1) {
		rc = flow_fail(&f, "%s", f.err.p);
		goto out;
	}
	for (i = 0; i < o->nargs; i++) {
		if (i > 0)
			fputc('\n', f.out.fp);
		if ((rc = inspect_one(&f, o->args[i], f.out.fp)) > worst)
			worst = rc;
	}
	buf_reset(&f.err);
	if (ofile_commit(&f.out, &f.err) == -1)
		rc = flow_fail(&f, "%s", f.err.p);
	else
		rc = worst;
out:
	flow_free(&f);
	return rc;
}
