/*
 * departments: the SmartHR department master as a ミキワメAI department
 * import (SPEC §6, the manual's 手順3). The shape (staircase or flat) is
 * told from the header; every record is read and kept (department masters
 * are small), dept_resolve links, checks, orders and decides them, and
 * then the report rows, the output in processing order (parents first)
 * and the plan in line order are written.
 *
 * The Japanese messages say what to fix and name the other line or code
 * involved; the man page lists the codes and what each means.
 */
#include <stdlib.h>
#include <string.h>

#include "dept.h"
#include "flow.h"
#include "norm.h"
#include "table.h"

#define MAX_LINES	10		/* other lines named in one message */

/* An empty value in 変更内容: a top department has no 親部署コード. */
#define NONE_IF_EMPTY(v)	((v)[0] != '\0' ? (v) : "（なし）")

enum { C_CODE, C_NAME, C_PCODE, C_PREF, NROLES };

static const char *const roles[NROLES] = {
	"department_code", "department_name", "parent_department_code",
	"parent_department",
};

static const char *const mroles[3] = {
	"department_code", "department_name", "parent_department_code",
};

struct dstate {
	struct flow	 f;
	struct dept_set	*set;
	int		 col[NROLES];
	int		*lvcol;		/* staircase: level columns, in order */
	size_t		 nlv;
	unsigned long	*codes;		/* per record: read-time diag codes */
	size_t		 capcodes;	/* room in codes */
	struct buf	 b, m, t;	/* a field, a message, a part of one */
};

static const char *
hdr(struct dstate *st, int col)
{
	return col >= 0 && (size_t)col < st->f.in->nh ? st->f.in->hdr[col] : "";
}

/* The trailing number of a normalized header ("level12" -> 12), or -1. */
static long
level_number(const char *h)
{
	size_t	 n = strlen(h), i = n;
	long	 v = 0;

	while (i > 0 && h[i - 1] >= '0' && h[i - 1] <= '9')
		i--;
	if (i == n || n - i > 6)
		return -1;
	for (; i < n; i++)
		v = v * 10 + (h[i] - '0');
	return v;
}

/*
 * Finds the level columns (several columns share the role, so
 * profile_map cannot place them) and orders them by their number when
 * every one has a number, else left to right.
 */
static int
map_levels(struct dstate *st)
{
	struct input	*in = st->f.in;
	long		*num;
	size_t		 i, j, r;
	int		 numbered = 1, t;
	long		 tn;

	st->lvcol = xcalloc(in->nh + 1, sizeof(*st->lvcol));
	num = xcalloc(in->nh + 1, sizeof(*num));
	for (i = 0; i < in->nh; i++) {
		for (r = 0; r < NROLES; r++)
			if (st->col[r] == (int)i)
				break;
		if (r < NROLES || !profile_claims(st->f.prof, "smarthr_column",
		    "department_level", in->nhdr[i], strlen(in->nhdr[i])))
			continue;
		num[st->nlv] = level_number(in->nhdr[i]);
		if (num[st->nlv] < 0)
			numbered = 0;
		st->lvcol[st->nlv++] = (int)i;
	}
	if (numbered) {
		/* Insertion sort: a handful of columns. */
		for (i = 1; i < st->nlv; i++) {
			t = st->lvcol[i];
			tn = num[i];
			for (j = i; j > 0 && num[j - 1] > tn; j--) {
				st->lvcol[j] = st->lvcol[j - 1];
				num[j] = num[j - 1];
			}
			st->lvcol[j] = t;
			num[j] = tn;
		}
		for (i = 1; i < st->nlv; i++)
			if (num[i] == num[i - 1]) {
				buf_printf(&st->f.err, "%s:%zu: ambiguous "
				    "column: both \"%s\" (column %d) and \"%s\" "
				    "(column %d) are level %ld; remove or rename "
				    "one", in->name, in->hdr_line,
				    in->hdr[st->lvcol[i - 1]],
				    st->lvcol[i - 1] + 1, in->hdr[st->lvcol[i]],
				    st->lvcol[i] + 1, num[i]);
				free(num);
				return -1;
			}
	}
	free(num);
	return 0;
}

/* The shape from the header (SPEC §6); -1 and f.err when there is none. */
static int
shape(struct dstate *st, enum dept_shape *sh)
{
	struct input	*in = st->f.in;
	int		 flat;
	size_t		 i;

	flat = st->col[C_NAME] >= 0 && (st->col[C_PCODE] >= 0 ||
	    st->col[C_PREF] >= 0);
	if (st->nlv > 0 && (st->col[C_NAME] >= 0 || st->col[C_PCODE] >= 0 ||
	    st->col[C_PREF] >= 0)) {
		buf_printf(&st->f.err, "%s:%zu: the header has the columns of "
		    "both shapes, staircase (\"%s\") and flat (\"%s\"); keep "
		    "the columns of one shape", in->name, in->hdr_line,
		    in->hdr[st->lvcol[0]], hdr(st, st->col[C_NAME] >= 0 ?
		    st->col[C_NAME] : st->col[C_PCODE] >= 0 ? st->col[C_PCODE] :
		    st->col[C_PREF]));
		return -1;
	}
	if (st->nlv > 0) {
		*sh = DEPT_STAIRCASE;
		return 0;
	}
	if (flat) {
		*sh = DEPT_FLAT;
		return 0;
	}
	buf_printf(&st->f.err, "%s:%zu: not a SmartHR department master: a "
	    "staircase file has the columns ", in->name, in->hdr_line);
	profile_accepted(st->f.prof, "smarthr_column", "department_level",
	    &st->f.err);
	buf_adds(&st->f.err, ", a flat file ");
	profile_accepted(st->f.prof, "smarthr_column", "department_name",
	    &st->f.err);
	buf_adds(&st->f.err, " and ");
	profile_accepted(st->f.prof, "smarthr_column", "parent_department_code",
	    &st->f.err);
	buf_adds(&st->f.err, " or ");
	profile_accepted(st->f.prof, "smarthr_column", "parent_department",
	    &st->f.err);
	buf_adds(&st->f.err, "; headers found: ");
	for (i = 0; i < in->nh; i++)
		buf_printf(&st->f.err, "%s%s", i ? ", " : "",
		    in->hdr[i][0] != '\0' ? in->hdr[i] : "(empty)");
	return -1;
}

/* Decodes and trims a field of another input; -1 names the line. */
static int
miki_field(struct flow *f, struct input *in, const struct rec *r, int col,
    struct buf *out)
{
	size_t	 bad;

	if (input_peek(in, r, col, 1, out, &bad) == -1) {
		buf_printf(&f->err, "%s:%zu: column \"%s\" has bytes that are "
		    "invalid in %s (byte 0x%02X); fix the file or give "
		    "--input-encoding", in->name, r->line, in->hdr[col],
		    enc_name(in->enc), (unsigned char)r->f[col][bad]);
		return -1;
	}
	return 0;
}

/* One --mikiwame-departments file; a later row for a code replaces it. */
static int
read_miki(struct dstate *st, const char *path, size_t *count)
{
	static const int req[3] = { 1, 1, 1 };
	struct flow	*f = &st->f;
	struct input	*in;
	struct rec	*r;
	struct buf	 v[3] = {{0}};
	int		 col[3], k, rc = -1;
	size_t		 i;

	if ((in = flow_input(f, path)) == NULL)
		return -1;
	if (input_map(f, in, "mikiwame_column", mroles, req, 3, col) == -1)
		goto out;
	while ((k = input_next(in, &r, &f->err)) == 1) {
		if (!input_count_ok(in, r)) {
			buf_printf(&f->err, "%s:%zu: %zu fields, the header has "
			    "%zu; fix the file (it should be a ミキワメAI "
			    "department export)", in->name, r->line, r->nf,
			    in->nh);
			goto out;
		}
		for (i = 0; i < 3; i++)
			if (miki_field(f, in, r, col[i], &v[i]) == -1)
				goto out;
		if (v[0].len == 0)
			continue;
		dept_miki_put(st->set, v[0].p, v[1].p, v[2].p);
		(*count)++;
	}
	if (k == 0)
		rc = 0;
out:
	for (i = 0; i < 3; i++)
		buf_free(&v[i]);
	input_close(in);
	return rc;
}

static char *
field(struct dstate *st, const struct rec *r, int col, size_t i,
    const char *key, int *bad)
{
	if (input_field(&st->f, st->f.in, r, col, 1, &st->b, key, NULL) == -1) {
		st->codes[i] |= 1UL << ENCODING_INVALID;
		*bad = 1;
		return NULL;
	}
	return xstrndup(st->b.p != NULL ? st->b.p : "", st->b.len);
}

/* Reads one SmartHR record into the set. */
static void
read_record(struct dstate *st, const struct rec *r)
{
	struct dept	*d;
	size_t		 i = st->set->n, j, last = 0;
	int		 bad = 0;
	const char	*fl[2], *names[2];
	size_t		 len[2];

	d = dept_add(st->set, r->line);
	st->codes = xgrow(st->codes, &st->capcodes, i + 1, sizeof(*st->codes));
	st->codes[i] = 0;
	d->code = field(st, r, st->col[C_CODE], i, NULL, &bad);
	if (st->set->shape == DEPT_STAIRCASE) {
		d->lvl = xcalloc(st->nlv + 1, sizeof(*d->lvl));
		for (j = 0; j < st->nlv; j++) {
			d->lvl[j] = field(st, r, st->lvcol[j], i, d->code, &bad);
			if (d->lvl[j] == NULL || d->lvl[j][0] != '\0')
				last = j + 1;
		}
		for (j = last; j < st->nlv; j++) {
			free(d->lvl[j]);
			d->lvl[j] = NULL;
		}
		d->nlvl = last;
		d->name = last == 0 ? xstrdup("") : d->lvl[last - 1] != NULL ?
		    xstrdup(d->lvl[last - 1]) : NULL;
	} else {
		d->name = field(st, r, st->col[C_NAME], i, d->code, &bad);
		if (st->col[C_PCODE] >= 0) {
			d->pref = field(st, r, st->col[C_PCODE], i, d->code,
			    &bad);
			d->pref_code = 1;
		}
		/* An empty 親部署コード falls back on 親部署 when both exist. */
		if (st->col[C_PREF] >= 0 && (d->pref == NULL ||
		    d->pref[0] == '\0')) {
			char *p = field(st, r, st->col[C_PREF], i, d->code, &bad);

			if (d->pref == NULL || p == NULL || p[0] != '\0') {
				free(d->pref);
				d->pref = p;
				d->pref_code = 0;
			} else
				free(p);
		}
	}
	if (!input_count_ok(st->f.in, r)) {
		diag_add(st->f.diag, r->line, CSV_FIELD_COUNT, d->code, d->name,
		    NULL, "項目数が%zu個で、ヘッダーの%zu個と一致しません。"
		    "区切りのカンマや引用符を確認してください", r->nf,
		    st->f.in->nh);
		st->codes[i] |= 1UL << CSV_FIELD_COUNT;
		bad = 1;
	}
	d->broken = bad;
	if (bad || d->code == NULL || d->name == NULL)
		return;
	/* Refused now, not when written: its children depend on it. */
	fl[0] = d->code;
	fl[1] = d->name;
	len[0] = strlen(d->code);
	len[1] = strlen(d->name);
	names[0] = hdr(st, st->col[C_CODE]);
	names[1] = st->set->shape == DEPT_FLAT ? hdr(st, st->col[C_NAME]) :
	    d->nlvl > 0 ? hdr(st, st->lvcol[d->nlvl - 1]) : "";
	if (flow_encodable(&st->f, fl, len, 2, r->line, names, d->code,
	    d->name) == 1) {
		st->codes[i] |= 1UL << ENCODING_UNREPRESENTABLE;
		d->broken = 1;
	}
}

/*
 * "5行目・9行目" for the records of a code list, up to MAX_LINES, but skip
 * (a record of the list, or DEPT_NONE). The walk stops at MAX_LINES and
 * the rest is counted from ncode: every record of 200,000 sharing one code
 * gets a message, and walking the whole list for each would be quadratic.
 */
static void
other_lines(struct dept_set *s, size_t first, size_t skip, struct buf *out)
{
	size_t	 i, n = 0, others;

	others = s->d[first].ncode - (skip != DEPT_NONE);
	for (i = first; i != DEPT_NONE && n < MAX_LINES;
	    i = s->d[i].same_code) {
		if (i == skip)
			continue;
		buf_printf(out, "%s%zu行目", n ? "・" : "", s->d[i].line);
		n++;
	}
	if (others > MAX_LINES)
		buf_printf(out, "ほか%zu行", others - MAX_LINES);
}

/* How a record is named in another record's message. */
static void
label(struct dept_set *s, size_t i, struct buf *out)
{
	const struct dept *d = &s->d[i];

	if (d->code != NULL && d->code[0] != '\0')
		buf_printf(out, "部署コード「%s」", d->code);
	else
		buf_printf(out, "部署名「%s」（部署コードなし）",
		    d->name != NULL ? d->name : "");
}

/* The column that holds the parent of record d. */
static const char *
parent_col(struct dstate *st, const struct dept *d)
{
	if (st->set->shape == DEPT_FLAT)
		return hdr(st, d->pref_code ? st->col[C_PCODE] :
		    st->col[C_PREF]);
	return d->nlvl >= 2 ? hdr(st, st->lvcol[d->nlvl - 2]) : "";
}

static const char *
name_col(struct dstate *st, const struct dept *d)
{
	if (st->set->shape == DEPT_FLAT)
		return hdr(st, st->col[C_NAME]);
	return d->nlvl >= 1 ? hdr(st, st->lvcol[d->nlvl - 1]) : "";
}

/* The staircase path of levels 1..n, for messages: 営業本部/第一営業部. */
static void
path_text(const struct dept *d, size_t n, struct buf *out)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		buf_printf(out, "%s%s", i ? "/" : "", d->lvl[i]);
}

static void
report_missing(struct dstate *st, size_t i, const char *key,
    const char *name)
{
	struct dept_set	*s = st->set;
	struct dept	*d = &s->d[i];
	struct buf	*m = &st->m, *t = &st->t;
	const char	*col = parent_col(st, d);

	buf_reset(m);
	buf_reset(t);
	switch (d->miss) {
	case MISS_CODE:
		buf_printf(m, "親部署コード「%s」の部署がこのファイルにありません。"
		    "親部署の行を追加するか、親部署コードを直してください",
		    d->pref);
		break;
	case MISS_NAME:
		buf_printf(m, "親部署「%s」に当たる部署（部署コードまたは部署名）"
		    "がこのファイルにありません。親部署の行を追加するか、"
		    "親部署を直してください", d->pref);
		break;
	case MISS_PATH:
		buf_printf(m, "親部署「%s」に当たる部署（最上位の部署からの"
		    "パス）がこのファイルにありません。親部署の行を追加するか、"
		    "親部署を部署コードで指定してください", d->pref);
		break;
	case MISS_SLASH:
		label(s, d->other, t);
		buf_printf(m, "親部署「%s」は「/」区切りのパスとして探したため見つかり"
		    "ません。部署名に「/」を含む部署（%zu行目、%s）は、親部署を"
		    "部署コードで指定してください", d->pref, s->d[d->other].line,
		    t->p);
		break;
	case MISS_BAD_PATH:
		buf_printf(m, "親部署「%s」のパスに空の階層があります。"
		    "「本部/部」のように入力するか、部署コードで指定してください",
		    d->pref);
		break;
	case MISS_AMBIGUOUS:
		label(s, d->other, t);
		buf_printf(t, "（%zu行目）と", s->d[d->other].line);
		label(s, d->other2, t);
		buf_printf(t, "（%zu行目）", s->d[d->other2].line);
		if (s->shape == DEPT_FLAT)
			buf_printf(m, "親部署「%s」に当たる部署が複数あります："
			    "%s。親部署を部署コードで指定してください", d->pref,
			    t->p);
		else {
			buf_adds(m, "上位の部署「");
			path_text(d, d->nlvl - 1, m);
			buf_printf(m, "」が複数の行にあります：%s。"
			    "どちらかの行を直してください", t->p);
		}
		break;
	case MISS_GAP:
		col = hdr(st, st->lvcol[d->gap - 1]);
		buf_printf(m, "「%s」が空のため、上位の部署がたどれません。"
		    "部署のパスは「%s」から順に、途中を空にせず入力してください",
		    col, hdr(st, st->lvcol[0]));
		break;
	case MISS_LEVEL:
		buf_adds(m, "上位の部署「");
		path_text(d, d->nlvl - 1, m);
		buf_adds(m, "」の行がこのファイルにありません。その部署の行を"
		    "部署コードとともに追加してください");
		break;
	}
	diag_add(st->f.diag, d->line, DEPT_PARENT_MISSING, key, name, col,
	    "%s", m->p);
}

/* A record in a list of codes: its code, or its name when it has none. */
static void
short_label(struct dept_set *s, size_t i, struct buf *out)
{
	const struct dept *d = &s->d[i];

	if (d->code != NULL && d->code[0] != '\0')
		buf_adds(out, d->code);
	else
		buf_printf(out, "「%s」", d->name != NULL ? d->name : "");
}

/* The cycle through record i: "A → B → C → A", long ones shortened. */
static void
cycle_text(struct dept_set *s, size_t i, struct buf *out)
{
	size_t	 j = i, n;

	buf_adds(out, "部署コード ");
	for (n = 0; n < s->d[i].cycle && n < MAX_LINES; n++) {
		short_label(s, j, out);
		buf_adds(out, " → ");
		j = s->d[j].parent;
	}
	if (s->d[i].cycle > MAX_LINES)
		buf_adds(out, "… → ");
	short_label(s, i, out);
	if (s->d[i].cycle > MAX_LINES)
		buf_printf(out, "、%zu部署", s->d[i].cycle);
}

static void
report_conflict(struct dstate *st, size_t i, const char *key,
    const char *name)
{
	struct dept_set	*s = st->set;
	struct dept	*d = &s->d[i];
	struct buf	*m = &st->m;
	const struct dept_miki *mk = d->miki != DEPT_NONE ? &s->m[d->miki] :
	    NULL;
	size_t		 ol = d->other != DEPT_NONE ? s->d[d->other].line : 0;
	enum dept_clash	 why;

	/* The other half of a swap is told it is a swap, too. */
	why = d->clash;
	if (why == CLASH_EXCLUDED && (s->d[d->other].problems &
	    DP_NAME_CONFLICT) && s->d[d->other].clash == CLASH_SWAP &&
	    s->d[d->other].other == i)
		why = CLASH_SWAP;
	buf_reset(m);
	switch (why) {
	case CLASH_EARLIER:
		buf_printf(m, "部署名「%s」は%zu行目の", d->name, ol);
		label(s, d->other, m);
		buf_adds(m, "の部署が先に使っています。ミキワメAIでは部署名が"
		    "重複できない（部署名重複エラー）ため、どちらかの部署名を"
		    "変えてください");
		break;
	case CLASH_ABSENT:
		buf_printf(m, "部署名「%s」はミキワメAIで部署コード「%s」の部署が"
		    "使っています（部署名重複エラー）。部署コード「%s」は"
		    "SmartHRのファイルにないため、部署コードが変更された可能性が"
		    "あります。部署コードが一致しないと別の部署として新規登録"
		    "されるため、SmartHRの部署コードを確認してください", d->name,
		    mk->code, mk->code);
		break;
	case CLASH_KEPT:
		buf_printf(m, "部署名「%s」はミキワメAIで部署コード「%s」の部署"
		    "（%zu行目）が使っていて、この連携でも変わりません"
		    "（部署名重複エラー）。部署コードを確認するか、どちらかの"
		    "部署名を変えてください", d->name, mk->code, ol);
		break;
	case CLASH_EXCLUDED:
		buf_printf(m, "部署名「%s」はミキワメAIで部署コード「%s」の部署が"
		    "使っています。%zu行目でその部署名は変わりますが、その行が"
		    "連携されないため部署名が空きません（部署名重複エラー）。"
		    "先に%zu行目のエラーを直してください", d->name, mk->code,
		    ol, ol);
		break;
	case CLASH_SWAP:
		buf_printf(m, "部署名「%s」はミキワメAIで部署コード「%s」の部署が"
		    "使っています。%zu行目でその部署名も変わりますが、部署名を"
		    "互いに入れ替える変更は一度に連携できません（部署名重複"
		    "エラー）。いったん別の部署名にして連携してから、もう一度"
		    "部署名を変えてください", d->name, mk->code, ol);
		break;
	}
	diag_add(st->f.diag, d->line, DEPT_NAME_CONFLICT, key, name,
	    name_col(st, d), "%s", m->p);
}

/* The report rows of record i (diag sorts them by line and code). */
static void
report(struct dstate *st, size_t i)
{
	struct dept_set	*s = st->set;
	struct dept	*d = &s->d[i];
	struct buf	*m = &st->m, *t = &st->t;
	const char	*key = d->code != NULL ? d->code : "";
	const char	*name = d->name != NULL ? d->name : "";
	size_t		 j;

	if (d->problems & DP_NO_CODE)
		diag_add(st->f.diag, d->line, DEPT_NO_CODE, key, name,
		    hdr(st, st->col[C_CODE]), "部署コードが入力されていない"
		    "部署情報は連携されません。SmartHRでこの部署に部署コードを"
		    "入力してください");
	if (d->problems & DP_DUP_CODE) {
		buf_reset(t);
		other_lines(s, d->first_code, i, t);
		diag_add(st->f.diag, d->line, DEPT_DUPLICATE_CODE, key, name,
		    hdr(st, st->col[C_CODE]), "部署コード「%s」がほかの行（%s）"
		    "にもあります。同じ部署コードの部署はどれも連携されない"
		    "ため、部署ごとに別の部署コードにしてください", d->code, t->p);
	}
	if (d->problems & DP_NAME_MISSING) {
		if (s->shape == DEPT_FLAT)
			diag_add(st->f.diag, d->line, DEPT_NAME_MISSING, key,
			    name, hdr(st, st->col[C_NAME]), "部署名が入力されて"
			    "いません。SmartHRで部署コード「%s」の部署名を入力して"
			    "ください", d->code);
		else {
			buf_reset(t);
			for (j = 0; j < st->nlv; j++)
				buf_printf(t, "%s%s", j ? "・" : "",
				    hdr(st, st->lvcol[j]));
			diag_add(st->f.diag, d->line, DEPT_NAME_MISSING, key,
			    name, t->p, "部署の階層（%s〜%s）がすべて空で、"
			    "部署名がありません。SmartHRで部署コード「%s」の部署名"
			    "を入力してください", hdr(st, st->lvcol[0]),
			    hdr(st, st->lvcol[st->nlv - 1]), d->code);
		}
	}
	if (d->problems & DP_TOO_DEEP)
		diag_add(st->f.diag, d->line, DEPT_TOO_DEEP, key, name,
		    s->shape == DEPT_FLAT ? parent_col(st, d) : name_col(st, d),
		    "この部署は第%zu階層にあります。ミキワメAIへは部署の階層"
		    "を10階層まで連携でき、11階層以上は連携できません。SmartHRで"
		    "部署の階層を10階層以内にしてください", d->depth);
	if (d->problems & DP_PARENT_MISSING)
		report_missing(st, i, key, name);
	if (d->problems & DP_CYCLE) {
		buf_reset(t);
		cycle_text(s, i, t);
		diag_add(st->f.diag, d->line, DEPT_CYCLE, key, name,
		    parent_col(st, d), "親部署をたどると自分自身に戻ります"
		    "（%s）。SmartHRで親部署を直してください", t->p);
	}
	if (d->problems & DP_UNLINKED) {
		buf_reset(m);
		if (d->dup_parent != DEPT_NONE) {
			buf_reset(t);
			other_lines(s, d->dup_parent, DEPT_NONE, t);
			buf_printf(m, "親部署コード「%s」が複数の行（%s）にあって"
			    "親部署が決まらないため、この部署も連携できません。"
			    "先に部署コードの重複を直してください",
			    d->pref, t->p);
		} else {
			buf_adds(m, "親部署（");
			label(s, d->parent, m);
			buf_printf(m, "、%zu行目）が連携されないため、この部署も"
			    "連携できません。先に%zu行目のエラーを直してください",
			    s->d[d->parent].line, s->d[d->parent].line);
		}
		diag_add(st->f.diag, d->line, DEPT_PARENT_UNLINKED, key, name,
		    parent_col(st, d), "%s", m->p);
	}
	if (d->problems & DP_NAME_CONFLICT)
		report_conflict(st, i, key, name);
}

static int
cmp_name(const void *a, const void *b)
{
	const char *const *x = a, *const *y = b;

	return strcmp(*x, *y);
}

/* The codes of record i, sorted and ';'-joined, as diag_codes_since. */
static void
plan_codes(struct dstate *st, size_t i, struct buf *out)
{
	static const struct { unsigned dp; enum diag_code code; } map[] = {
		{ DP_NO_CODE, DEPT_NO_CODE },
		{ DP_DUP_CODE, DEPT_DUPLICATE_CODE },
		{ DP_NAME_MISSING, DEPT_NAME_MISSING },
		{ DP_TOO_DEEP, DEPT_TOO_DEEP },
		{ DP_PARENT_MISSING, DEPT_PARENT_MISSING },
		{ DP_CYCLE, DEPT_CYCLE },
		{ DP_UNLINKED, DEPT_PARENT_UNLINKED },
		{ DP_NAME_CONFLICT, DEPT_NAME_CONFLICT },
	};
	const char	*names[DIAG_NCODES] = {0};
	unsigned long	 bits = st->codes[i];
	size_t		 n = 0, j;

	for (j = 0; j < ARRAY_LEN(map); j++)
		if (st->set->d[i].problems & map[j].dp)
			bits |= 1UL << map[j].code;
	for (j = 0; j < DIAG_NCODES; j++)
		if (bits & (1UL << j))
			names[n++] = diag_code_name((enum diag_code)j);
	qsort(names, n, sizeof(*names), cmp_name);
	buf_reset(out);
	for (j = 0; j < n; j++)
		buf_printf(out, "%s%s", j ? ";" : "", names[j]);
}

/* The plan action of accepted record i, and its changes. */
static const char *
action(struct dstate *st, size_t i, struct buf *chg)
{
	struct dept_set	*s = st->set;
	struct dept	*d = &s->d[i];
	const struct dept_miki *mk;
	const char	*pcode;

	buf_reset(chg);
	buf_addc(chg, '\0');
	buf_reset(chg);
	if (st->f.o->nmdepts == 0)
		return ACT_SYNC;
	if ((mk = dept_miki_get(s, d->code)) == NULL)
		return ACT_NEW;
	pcode = d->parent != DEPT_NONE ? s->d[d->parent].code : "";
	if (!dept_same(mk->name, d->name))
		buf_printf(chg, "%s: %s → %s", profile_get(st->f.prof,
		    "output_column", "department_name"), NONE_IF_EMPTY(mk->name),
		    d->name);
	if (!dept_same(mk->parent, pcode))
		buf_printf(chg, "%s%s: %s → %s", chg->len ? "; " : "",
		    profile_get(st->f.prof, "output_column",
		    "parent_department_code"), NONE_IF_EMPTY(mk->parent),
		    NONE_IF_EMPTY(pcode));
	return chg->len ? ACT_UPDATE : ACT_SAME;
}

int
cmd_departments(const struct cmd *c, struct opts *o)
{
	static const int req[NROLES] = { 1, 0, 0, 0 };
	struct dstate	 st;
	struct flow	*f = &st.f;
	struct dept_set	*s = NULL;
	struct rec	*r;
	struct buf	 chg = {0}, cl = {0};
	const char	*ohdr[3], *fl[3], *act;
	size_t		 len[3], i, j, nmiki = 0, only = 0;
	int		 rc, k;
	enum dept_shape	 sh;

	memset(&st, 0, sizeof(st));
	if ((rc = flow_init(f, c, o)) != 0)
		goto out;
	if (o->nargs > 1) {
		rc = usage_error(c, "one SMARTHR_DEPARTMENTS file at most");
		goto out;
	}
	if (o->changed_only && o->nmdepts == 0) {
		rc = usage_error(c, "--changed-only needs "
		    "--mikiwame-departments (the current ミキワメAI departments)");
		goto out;
	}
	for (i = 0; i < o->nmdepts; i++)
		if (strcmp(o->mdepts[i], "-") == 0 &&
		    (o->nargs == 0 || strcmp(o->args[0], "-") == 0)) {
			rc = usage_error(c, "standard input can be read only "
			    "once: name the files");
			goto out;
		}
	if ((f->in = flow_input(f, o->nargs ? o->args[0] : "-")) == NULL ||
	    input_map(f, f->in, "smarthr_column", roles, req, NROLES,
	    st.col) == -1 || map_levels(&st) == -1 || shape(&st, &sh) == -1) {
		rc = flow_fail(f, "%s", f->err.p);
		goto out;
	}
	st.set = s = dept_new(sh);
	ohdr[0] = profile_get(f->prof, "output_column", "department_code");
	ohdr[1] = profile_get(f->prof, "output_column", "department_name");
	ohdr[2] = profile_get(f->prof, "output_column",
	    "parent_department_code");
	if ((rc = flow_outputs(f, ohdr, 3)) != 0)
		goto out;
	for (i = 0; i < o->nmdepts; i++)
		if (read_miki(&st, o->mdepts[i], &nmiki) == -1) {
			rc = flow_fail(f, "%s", f->err.p);
			goto out;
		}
	while ((k = input_next(f->in, &r, &f->err)) == 1) {
		diag_record(f->diag);
		read_record(&st, r);
	}
	if (k == -1) {
		rc = flow_fail(f, "%s", f->err.p);
		goto out;
	}
	dept_resolve(s);

	if (sh == DEPT_STAIRCASE)
		diag_notice(f->diag, "shape: staircase, %zu levels (%s … %s)",
		    st.nlv, hdr(&st, st.lvcol[0]), hdr(&st, st.lvcol[st.nlv - 1]));
	else
		diag_notice(f->diag, "shape: flat, parent by %s",
		    st.col[C_PCODE] >= 0 && st.col[C_PREF] >= 0 ?
		    "親部署コード (親部署 when empty)" :
		    st.col[C_PCODE] >= 0 ? "親部署コード" :
		    "親部署 (code, path or unique name)");
	if (o->nmdepts > 0) {
		struct table *codes = table_new();

		for (i = 0; i < s->n; i++)
			(void)table_put(codes, s->d[i].kcode,
			    strlen(s->d[i].kcode), &k);
		for (i = 0; i < s->nm; i++)
			if (table_get(codes, s->m[i].kcode,
			    strlen(s->m[i].kcode)) == NULL)
				only++;
		table_free(codes);
		diag_notice(f->diag, "ミキワメAI departments: %zu from %zu rows, "
		    "%zu of them not in the SmartHR file (left as they are)",
		    s->nm, nmiki, only);
	}
	for (i = 0; i < s->n; i++)
		report(&st, i);

	/* The output, parents first. */
	for (j = 0; j < s->norder; j++) {
		struct dept *d = &s->d[i = s->order[j]];

		if (d->state != DS_ACCEPTED)
			continue;
		act = action(&st, i, &chg);
		if (o->changed_only && strcmp(act, ACT_SAME) == 0)
			continue;
		fl[0] = d->code;
		fl[1] = d->name;
		fl[2] = d->parent != DEPT_NONE ? s->d[d->parent].code : "";
		for (k = 0; k < 3; k++)
			len[k] = strlen(fl[k]);
		if ((k = flow_write(f, fl, len, 3, d->line, ohdr, d->code,
		    d->name)) == -1) {
			rc = flow_fail(f, "%s", f->err.p);
			goto out;
		}
		if (k == 1)	/* cannot happen: checked when read */
			st.codes[i] |= 1UL << ENCODING_UNREPRESENTABLE;
	}

	/* The plan, in line order. */
	for (i = 0; i < s->n; i++) {
		struct dept *d = &s->d[i];

		plan_codes(&st, i, &cl);
		if (d->state == DS_ACCEPTED &&
		    !(st.codes[i] & (1UL << ENCODING_UNREPRESENTABLE)))
			act = action(&st, i, &chg);
		else {
			act = ACT_EXCLUDE;
			buf_reset(&chg);
		}
		if (diag_plan(f->diag, d->line, d->code, d->name, act, cl.p,
		    chg.p) == -1) {
			rc = flow_fail(f, "%s: write error", o->plan);
			goto out;
		}
	}
	rc = flow_finish(f, 0);
out:
	buf_free(&chg);
	buf_free(&cl);
	buf_free(&st.b);
	buf_free(&st.m);
	buf_free(&st.t);
	free(st.lvcol);
	free(st.codes);
	dept_free(s);
	flow_free(f);
	return rc;
}
