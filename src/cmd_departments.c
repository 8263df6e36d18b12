/*
 * departments: the SmartHR department master as a ミキワメAI department
 * import (SPEC §6, the manual's 手順3). smaster reads the master (the
 * shape told from the header, every record kept: department masters are
 * small), dept_resolve links, checks, orders and decides the records, and
 * then the report rows, the output in processing order (parents first)
 * and the plan in line order are written.
 *
 * The Japanese messages say what to fix and name the other line or code
 * involved; the man page lists the codes and what each means.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "flow.h"
#include "norm.h"
#include "smaster.h"
#include "table.h"

#define MAX_LINES	10		/* other lines named in one message */

/* An empty value in 変更内容: a top department has no 親部署コード. */
#define NONE_IF_EMPTY(v)	((v)[0] != '\0' ? (v) : "（なし）")

static const char *const mroles[3] = {
	"department_code", "department_name", "parent_department_code",
};

struct dstate {
	struct flow	 f;
	struct smaster	*sm;		/* the master and its records */
	struct dept_set	*set;		/* sm->set */
	struct buf	 m, t;		/* a message, a part of one */
};

static const char *
hdr(struct dstate *st, int col)
{
	return smaster_hdr(st->sm, col);
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
		return hdr(st, d->pref_code ? st->sm->col[SM_PCODE] :
		    st->sm->col[SM_PREF]);
	return d->nlvl >= 2 ? hdr(st, st->sm->lvcol[d->nlvl - 2]) : "";
}

static const char *
name_col(struct dstate *st, const struct dept *d)
{
	if (st->set->shape == DEPT_FLAT)
		return hdr(st, st->sm->col[SM_NAME]);
	return d->nlvl >= 1 ? hdr(st, st->sm->lvcol[d->nlvl - 1]) : "";
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
		col = hdr(st, st->sm->lvcol[d->gap - 1]);
		buf_printf(m, "「%s」が空のため、上位の部署がたどれません。"
		    "部署のパスは「%s」から順に、途中を空にせず入力してください",
		    col, hdr(st, st->sm->lvcol[0]));
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
		    hdr(st, st->sm->col[SM_CODE]), "部署コードが入力されていない"
		    "部署情報は連携されません。SmartHRでこの部署に部署コードを"
		    "入力してください");
	if (d->problems & DP_DUP_CODE) {
		buf_reset(t);
		other_lines(s, d->first_code, i, t);
		diag_add(st->f.diag, d->line, DEPT_DUPLICATE_CODE, key, name,
		    hdr(st, st->sm->col[SM_CODE]), "部署コード「%s」がほかの行（%s）"
		    "にもあります。同じ部署コードの部署はどれも連携されない"
		    "ため、部署ごとに別の部署コードにしてください", d->code, t->p);
	}
	if (d->problems & DP_NAME_MISSING) {
		if (s->shape == DEPT_FLAT)
			diag_add(st->f.diag, d->line, DEPT_NAME_MISSING, key,
			    name, hdr(st, st->sm->col[SM_NAME]), "部署名が入力されて"
			    "いません。SmartHRで部署コード「%s」の部署名を入力して"
			    "ください", d->code);
		else {
			buf_reset(t);
			for (j = 0; j < st->sm->nlv; j++)
				buf_printf(t, "%s%s", j ? "・" : "",
				    hdr(st, st->sm->lvcol[j]));
			diag_add(st->f.diag, d->line, DEPT_NAME_MISSING, key,
			    name, t->p, "部署の階層（%s〜%s）がすべて空で、"
			    "部署名がありません。SmartHRで部署コード「%s」の部署名"
			    "を入力してください", hdr(st, st->sm->lvcol[0]),
			    hdr(st, st->sm->lvcol[st->sm->nlv - 1]), d->code);
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
	unsigned long	 bits = st->sm->codes[i];
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
	struct dstate	 st;
	struct flow	*f = &st.f;
	struct smaster	*sm;
	struct dept_set	*s;
	struct buf	 chg = {0}, cl = {0};
	const char	*ohdr[3], *fl[3], *act;
	size_t		 len[3], i, j, nmiki = 0, only = 0;
	int		 rc, k;

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
	if ((f->in = flow_input(f, o->nargs ? o->args[0] : "-")) == NULL ||
	    (st.sm = smaster_new(f, f->in, 0)) == NULL) {
		rc = flow_fail(f, "%s", f->err.p);
		goto out;
	}
	sm = st.sm;
	st.set = s = sm->set;
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
	if (smaster_read(sm) == -1) {
		rc = flow_fail(f, "%s", f->err.p);
		goto out;
	}
	dept_resolve(s);

	if (s->shape == DEPT_STAIRCASE)
		diag_notice(f->diag, "shape: staircase, %zu levels (%s … %s)",
		    sm->nlv, hdr(&st, sm->lvcol[0]),
		    hdr(&st, sm->lvcol[sm->nlv - 1]));
	else
		diag_notice(f->diag, "shape: flat, parent by %s",
		    sm->col[SM_PCODE] >= 0 && sm->col[SM_PREF] >= 0 ?
		    "親部署コード (親部署 when empty)" :
		    sm->col[SM_PCODE] >= 0 ? "親部署コード" :
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
			sm->codes[i] |= 1UL << ENCODING_UNREPRESENTABLE;
	}

	/* The plan, in line order. */
	for (i = 0; i < s->n; i++) {
		struct dept *d = &s->d[i];

		plan_codes(&st, i, &cl);
		if (d->state == DS_ACCEPTED &&
		    !(sm->codes[i] & (1UL << ENCODING_UNREPRESENTABLE)))
			act = action(&st, i, &chg);
		else {
			act = ACT_EXCLUDE;
			buf_reset(&chg);
		}
		if (diag_plan(f->diag, d->line, d->code, d->name, act, cl.p,
		    chg.p) == -1) {
			rc = flow_fail(f, "%s: write error: %s", o->plan,
			    strerror(errno));
			goto out;
		}
	}
	rc = flow_finish(f, 0);
out:
	buf_free(&chg);
	buf_free(&cl);
	buf_free(&st.m);
	buf_free(&st.t);
	smaster_free(st.sm);
	flow_free(f);
	return rc;
}
