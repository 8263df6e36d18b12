/*
 * t_dept: the department tree of SPEC §6 without files — path parsing,
 * parent links of both shapes, depth, cycles, the processing order and the
 * decisions (parent excluded, names taken, renames that free a name); the
 * full paths an employee's 部署1 is found by (SPEC §7). Deep and cyclic
 * masters of 5,000 records check that nothing recurses.
 */
#include <stdlib.h>
#include <string.h>

#include "dept.h"
#include "tap.h"
#include "util.h"

static struct dept_set *S;

static void
start(enum dept_shape sh)
{
	dept_free(S);
	S = dept_new(sh);
}

static char *
dup_or_null(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

/* A flat record on line n + 2 (the header is line 1). */
static size_t
flat(const char *code, const char *name, const char *pref)
{
	struct dept *d = dept_add(S, S->n + 2);

	d->code = dup_or_null(code);
	d->name = dup_or_null(name);
	d->pref = dup_or_null(pref);
	return S->n - 1;
}

/* A staircase record; levels are separated by '|' ("本部|部|"). */
static size_t
stair(const char *code, const char *levels)
{
	struct dept	*d = dept_add(S, S->n + 2);
	const char	*p = levels, *q;
	size_t		 n = 0, last = 0;

	d->code = dup_or_null(code);
	d->lvl = xcalloc(strlen(levels) + 2, sizeof(*d->lvl));
	for (;;) {
		q = strchr(p, '|');
		d->lvl[n] = xstrndup(p, q ? (size_t)(q - p) : strlen(p));
		if (d->lvl[n++][0] != '\0')
			last = n;
		if (q == NULL)
			break;
		p = q + 1;
	}
	while (n > last)
		free(d->lvl[--n]);
	d->nlvl = last;
	d->name = xstrdup(last ? d->lvl[last - 1] : "");
	return S->n - 1;
}

static int
has(size_t i, unsigned dp)
{
	return (S->d[i].problems & dp) == dp;
}

static int
only(size_t i, unsigned dp)
{
	return S->d[i].problems == dp;
}

static int
accepted(size_t i)
{
	return S->d[i].state == DS_ACCEPTED && S->d[i].problems == 0;
}

/* The codes of the accepted records in processing order, ','-joined. */
static struct buf out;

static const char *
output(void)
{
	size_t		 i;

	buf_reset(&out);
	buf_addc(&out, '\0');
	buf_reset(&out);
	for (i = 0; i < S->norder; i++)
		if (S->d[S->order[i]].state == DS_ACCEPTED)
			buf_printf(&out, "%s%s", out.len ? "," : "",
			    S->d[S->order[i]].code);
	return out.p;
}

static void
t_path_split(void)
{
	char	*buf, **seg;

	CHECK(dept_path_split("本部/部", &buf, &seg) == 2);
	CHECK_STR(seg[0], "本部");
	CHECK_STR(seg[1], "部");
	free(buf);
	free(seg);
	/* Segments are trimmed of spaces, TABs and U+3000. */
	CHECK(dept_path_split(" 本部 /\t部\u3000/ 課", &buf, &seg) == 3);
	CHECK_STR(seg[0], "本部");
	CHECK_STR(seg[1], "部");
	CHECK_STR(seg[2], "課");
	free(buf);
	free(seg);
	CHECK(dept_path_split("本部", &buf, &seg) == 1);
	CHECK_STR(seg[0], "本部");
	free(buf);
	free(seg);
	/* A full-width slash is part of a name, not a separator. */
	CHECK(dept_path_split("営業／企画部", &buf, &seg) == 1);
	CHECK_STR(seg[0], "営業／企画部");
	free(buf);
	free(seg);
	/* Empty segments make the whole path invalid. */
	CHECK(dept_path_split("本部//部", &buf, &seg) == 0);
	CHECK(buf == NULL && seg == NULL);
	CHECK(dept_path_split("/本部", &buf, &seg) == 0);
	CHECK(dept_path_split("本部/", &buf, &seg) == 0);
	CHECK(dept_path_split("本部/ /部", &buf, &seg) == 0);
	CHECK(dept_path_split("/", &buf, &seg) == 0);
}

static void
t_staircase(void)
{
	size_t	 a, b, c, d, e, g, h;

	start(DEPT_STAIRCASE);
	c = stair("C", "本部|部|課");		/* before its parents */
	b = stair("B", "本部|部|");
	a = stair("A", "本部||");
	d = stair("D", "本部|部|課2");
	dept_resolve(S);
	CHECK(S->d[c].parent == b && S->d[b].parent == a);
	CHECK(S->d[a].parent == DEPT_NONE);
	CHECK(S->d[c].depth == 3 && S->d[a].depth == 1);
	CHECK(accepted(a) && accepted(b) && accepted(c) && accepted(d));
	CHECK_STR(output(), "A,B,C,D");
	dept_resolve(S);			/* again: the same result */
	CHECK_STR(output(), "A,B,C,D");

	/* A name with '/' in a staircase file is never split. */
	start(DEPT_STAIRCASE);
	a = stair("A", "営業/企画本部|");
	b = stair("B", "営業/企画本部|第一課");
	dept_resolve(S);
	CHECK(S->d[b].parent == a && accepted(a) && accepted(b));

	/* A gap, a missing level, an ambiguous path. */
	start(DEPT_STAIRCASE);
	a = stair("A", "本部");
	b = stair("B", "本部||課");
	c = stair("C", "本部|部|課2");
	d = stair("D", "支社");
	e = stair("E", "支社");
	g = stair("G", "支社|部");
	h = stair("", "本部|無コード");
	dept_resolve(S);
	CHECK(only(b, DP_PARENT_MISSING) && S->d[b].miss == MISS_GAP &&
	    S->d[b].gap == 2);
	CHECK(only(c, DP_PARENT_MISSING) && S->d[c].miss == MISS_LEVEL);
	CHECK(only(g, DP_PARENT_MISSING) && S->d[g].miss == MISS_AMBIGUOUS &&
	    S->d[g].other == d && S->d[g].other2 == e);
	CHECK(accepted(d));
	CHECK(only(e, DP_NAME_CONFLICT) && S->d[e].clash == CLASH_EARLIER &&
	    S->d[e].other == d);
	CHECK(only(h, DP_NO_CODE));
	CHECK(accepted(a));
	CHECK_STR(output(), "A,D");
}

static void
t_depth(void)
{
	char	 path[512];
	size_t	 i, rec[13];

	/* Levels 1..12 in one line each; 11 and 12 are too deep. */
	start(DEPT_STAIRCASE);
	path[0] = '\0';
	for (i = 0; i < 12; i++) {
		char code[8];

		snprintf(code, sizeof(code), "L%zu", i + 1);
		snprintf(path + strlen(path), sizeof(path) - strlen(path),
		    "%s第%zu階層", i ? "|" : "", i + 1);
		rec[i] = stair(code, path);
	}
	dept_resolve(S);
	CHECK(accepted(rec[9]) && S->d[rec[9]].depth == 10);
	CHECK(only(rec[10], DP_TOO_DEEP) && S->d[rec[10]].depth == 11);
	/* The child of a too-deep department is too deep itself. */
	CHECK(only(rec[11], DP_TOO_DEEP) && S->d[rec[11]].depth == 12);

	/* Flat: depth from following parents, children listed first. */
	start(DEPT_FLAT);
	for (i = 12; i-- > 0; ) {
		char code[8], name[16], parent[8];

		snprintf(code, sizeof(code), "F%zu", i + 1);
		snprintf(name, sizeof(name), "階層%zu", i + 1);
		snprintf(parent, sizeof(parent), "F%zu", i);
		rec[i] = flat(code, name, i ? parent : "");
	}
	dept_resolve(S);
	for (i = 0; i < 12; i++)
		CHECK(S->d[rec[i]].depth == i + 1);
	CHECK(accepted(rec[9]));
	CHECK(only(rec[10], DP_TOO_DEEP) && only(rec[11], DP_TOO_DEEP));
	CHECK_STR(output(), "F1,F2,F3,F4,F5,F6,F7,F8,F9,F10");
}

static void
t_flat_links(void)
{
	size_t	 a, b, c, d, e, g, h, k, m, n;

	start(DEPT_FLAT);
	c = flat("C", "課", "本部/部");		/* a path, before its target */
	b = flat("B", "部", "本部");		/* a unique name */
	a = flat("A", "本部", "");
	d = flat("D", "係", "本部/部/課");	/* through a path-linked one */
	e = flat("E", "別課", "B");		/* a code */
	dept_resolve(S);
	CHECK(S->d[c].parent == b && S->d[b].parent == a);
	CHECK(S->d[d].parent == c && S->d[e].parent == b);
	CHECK(S->d[d].depth == 4);
	CHECK(accepted(a) && accepted(b) && accepted(c) && accepted(d) &&
	    accepted(e));
	CHECK_STR(output(), "A,B,C,D,E");

	/* A code wins over a name; 親部署コード takes codes only. */
	start(DEPT_FLAT);
	a = flat("X", "本部", "");
	b = flat("Y", "X", "");			/* named like A's code */
	c = flat("C", "部", "X");
	d = flat("D", "部2", "本部");
	S->d[d].pref_code = 1;
	dept_resolve(S);
	CHECK(S->d[c].parent == a);
	CHECK(only(d, DP_PARENT_MISSING) && S->d[d].miss == MISS_CODE);
	CHECK(accepted(b));

	/* Names with '/', empty segments, ambiguous names and paths. */
	start(DEPT_FLAT);
	a = flat("A", "営業/企画部", "");
	b = flat("B", "課", "営業/企画部");	/* only by code */
	c = flat("C", "課2", "A");
	d = flat("D", "課3", "本部//部");
	e = flat("E", "本部", "");
	g = flat("G", "部", "E");
	h = flat("H", "部", "E");		/* same path as G */
	k = flat("K", "係", "本部/部");
	m = flat("M", "係2", "部");
	n = flat("N", "係3", "どこにもない");
	dept_resolve(S);
	CHECK(only(b, DP_PARENT_MISSING) && S->d[b].miss == MISS_SLASH &&
	    S->d[b].other == a);
	CHECK(S->d[c].parent == a && accepted(c));
	CHECK(only(d, DP_PARENT_MISSING) && S->d[d].miss == MISS_BAD_PATH);
	CHECK(only(k, DP_PARENT_MISSING) && S->d[k].miss == MISS_AMBIGUOUS &&
	    S->d[k].other == g && S->d[k].other2 == h);
	CHECK(only(m, DP_PARENT_MISSING) && S->d[m].miss == MISS_AMBIGUOUS);
	CHECK(only(n, DP_PARENT_MISSING) && S->d[n].miss == MISS_NAME);
	CHECK(only(h, DP_NAME_CONFLICT) && S->d[h].other == g);

	/* Names and paths compare after the fold: 〜 (U+301C) is ～. */
	start(DEPT_FLAT);
	a = flat("A", "本部\u301C東", "");
	b = flat("B", "部", "本部\uFF5E東");
	c = flat("C", "部2", "本部\uFF5E東/部");
	dept_resolve(S);
	CHECK(S->d[b].parent == a && S->d[c].parent == b);
}

static void
t_cycles(void)
{
	size_t	 a, b, c, d, e, g;

	start(DEPT_FLAT);
	a = flat("A", "一", "C");
	b = flat("B", "二", "A");
	c = flat("C", "三", "B");
	d = flat("D", "四", "C");		/* hangs off the cycle */
	e = flat("E", "五", "E");		/* its own parent */
	g = flat("G", "六", "");
	dept_resolve(S);
	CHECK(only(a, DP_CYCLE) && only(b, DP_CYCLE) && only(c, DP_CYCLE));
	CHECK(only(d, DP_UNLINKED) && S->d[d].parent == c);
	CHECK(only(e, DP_CYCLE));
	CHECK(accepted(g));
	CHECK_STR(output(), "G");
}

static void
t_duplicates(void)
{
	size_t	 a1, a2, b, c, d;

	start(DEPT_FLAT);
	a1 = flat("A", "本部", "");
	b = flat("B", "部", "A");		/* child of a duplicated code */
	a2 = flat("A", "支社", "");
	c = flat("C", "課", "B");
	d = flat("", "", "");
	dept_resolve(S);
	CHECK(only(a1, DP_DUP_CODE) && only(a2, DP_DUP_CODE));
	CHECK(S->d[a1].same_code == a2 && S->d[a2].first_code == a1);
	CHECK(only(b, DP_UNLINKED) && S->d[b].dup_parent == a1);
	CHECK(only(c, DP_UNLINKED) && S->d[c].parent == b);
	CHECK(only(d, DP_NO_CODE));
	CHECK_STR(output(), "");

	/* Name missing: a code without a name, and in a staircase. */
	start(DEPT_FLAT);
	a1 = flat("A", "", "");
	b = flat("B", "部", "A");
	dept_resolve(S);
	CHECK(only(a1, DP_NAME_MISSING) && only(b, DP_UNLINKED));
	start(DEPT_STAIRCASE);
	a1 = stair("A", "||");
	dept_resolve(S);
	CHECK(only(a1, DP_NAME_MISSING));
}

static void
t_conflicts(void)
{
	size_t	 a, b, c, d, e;

	/*
	 * ミキワメAI has A=営業部; the file renames A to 営業一部 and a new
	 * B, on an earlier line, is 営業部: B is accepted.
	 */
	start(DEPT_FLAT);
	dept_miki_put(S, "A", "営業部", "");
	b = flat("B", "営業部", "");
	a = flat("A", "営業一部", "");
	dept_resolve(S);
	CHECK(accepted(a) && accepted(b));
	CHECK_STR(output(), "B,A");

	/* The same, but A's rename is excluded: 営業部 stays taken. */
	start(DEPT_FLAT);
	dept_miki_put(S, "A", "営業部", "");
	b = flat("B", "営業部", "");
	a = flat("A", "営業一部", "Z");
	dept_resolve(S);
	CHECK(only(a, DP_PARENT_MISSING));
	CHECK(only(b, DP_NAME_CONFLICT) && S->d[b].clash == CLASH_EXCLUDED &&
	    S->d[b].other == a);

	/* A code not in the file: probably a changed code. */
	start(DEPT_FLAT);
	dept_miki_put(S, "OLD", "営業部", "");
	b = flat("NEW", "営業部", "");
	dept_resolve(S);
	CHECK(only(b, DP_NAME_CONFLICT) && S->d[b].clash == CLASH_ABSENT &&
	    strcmp(S->m[S->d[b].miki].code, "OLD") == 0);

	/* The holder keeps its name, whatever the line order. */
	start(DEPT_FLAT);
	dept_miki_put(S, "A", "営業部", "");
	b = flat("B", "営業部", "");
	a = flat("A", "営業部", "");
	dept_resolve(S);
	CHECK(only(b, DP_NAME_CONFLICT) && S->d[b].clash == CLASH_KEPT &&
	    S->d[b].other == a);
	CHECK(accepted(a));

	/* A swap of two names waits on itself: both refused, safely. */
	start(DEPT_FLAT);
	dept_miki_put(S, "A", "営業部", "");
	dept_miki_put(S, "D", "開発部", "");
	a = flat("A", "開発部", "");
	d = flat("D", "営業部", "");
	dept_resolve(S);
	CHECK(has(a, DP_NAME_CONFLICT) && has(d, DP_NAME_CONFLICT));
	CHECK(S->d[d].clash == CLASH_SWAP && S->d[a].clash == CLASH_EXCLUDED);
	CHECK_STR(output(), "");

	/*
	 * A chain of renames resolved in any order: C takes B's old name,
	 * B takes A's, A takes a new one.
	 */
	start(DEPT_FLAT);
	dept_miki_put(S, "A", "一", "");
	dept_miki_put(S, "B", "二", "");
	c = flat("C", "二", "");
	b = flat("B", "一", "");
	a = flat("A", "〇", "");
	dept_resolve(S);
	CHECK(accepted(a) && accepted(b) && accepted(c));

	/* Among records of one name, the first in processing order wins. */
	start(DEPT_FLAT);
	c = flat("C", "課", "P");		/* line 2, but under P */
	d = flat("D", "課", "");		/* line 3, a top department */
	e = flat("P", "部", "");
	dept_resolve(S);
	CHECK(accepted(d) && only(c, DP_NAME_CONFLICT) && S->d[c].other == d);
	CHECK(accepted(e));
	CHECK_STR(output(), "D,P");

	/* A child waits for a parent whose name waits for a rename. */
	start(DEPT_FLAT);
	dept_miki_put(S, "A", "営業部", "");
	c = flat("C", "営業課", "B");
	b = flat("B", "営業部", "");
	a = flat("A", "営業一部", "");
	dept_resolve(S);
	CHECK(accepted(a) && accepted(b) && accepted(c));
	CHECK_STR(output(), "B,C,A");
}

/* 5,000 levels and a 5,000-record cycle: no recursion, linear. */
static void
t_big(void)
{
	enum { N = 5000 };
	char	 code[16], name[16], parent[16];
	size_t	 i, bad = 0;

	start(DEPT_FLAT);
	for (i = N; i-- > 0; ) {
		snprintf(code, sizeof(code), "D%zu", i);
		snprintf(name, sizeof(name), "部署%zu", i);
		snprintf(parent, sizeof(parent), "D%zu", i - 1);
		flat(code, name, i ? parent : "");
	}
	dept_resolve(S);
	for (i = 0; i < N; i++) {
		const struct dept *d = &S->d[N - 1 - i];

		if (d->depth != i + 1 || (i < 10) != (d->problems == 0))
			bad++;
	}
	CHECK(bad == 0);

	start(DEPT_FLAT);
	for (i = 0; i < N; i++) {
		snprintf(code, sizeof(code), "D%zu", i);
		snprintf(name, sizeof(name), "部署%zu", i);
		snprintf(parent, sizeof(parent), "D%zu", (i + 1) % N);
		flat(code, name, parent);
	}
	dept_resolve(S);
	for (i = 0, bad = 0; i < N; i++)
		if (!only(i, DP_CYCLE))
			bad++;
	CHECK(bad == 0 && S->norder == 0);

	/* 300 levels linked by ever longer paths from the top. */
	start(DEPT_FLAT);
	{
		struct buf p = {0};

		for (i = 0; i < 300; i++) {
			snprintf(code, sizeof(code), "P%zu", i);
			snprintf(name, sizeof(name), "n%zu", i);
			flat(code, name, p.len ? p.p : "");
			buf_printf(&p, "%sn%zu", i ? "/" : "", i);
		}
		buf_free(&p);
	}
	dept_resolve(S);
	CHECK(S->d[299].depth == 300 && S->d[299].parent == 298);

	/* Renames in a long chain, each freeing the next one's name. */
	start(DEPT_FLAT);
	for (i = 0; i < N; i++) {
		snprintf(code, sizeof(code), "R%zu", i);
		snprintf(name, sizeof(name), "名%zu", i);
		dept_miki_put(S, code, name, "");
	}
	for (i = 0; i < N; i++) {
		snprintf(code, sizeof(code), "R%zu", i);
		snprintf(name, sizeof(name), "名%zu", i + 1);
		flat(code, name, "");
	}
	dept_resolve(S);
	for (i = 0, bad = 0; i < N; i++)
		if (!accepted(i))
			bad++;
	CHECK(bad == 0);
}

/* A small deterministic generator, so a failure can be replayed. */
static unsigned long rnd_state = 1;

static unsigned
rnd(unsigned n)
{
	rnd_state = rnd_state * 6364136223846793005UL + 1442695040888963407UL;
	return (unsigned)((rnd_state >> 33) % n);
}

/* The stated reason of an exclusion is true of the final result. */
static int
reason_holds(size_t i)
{
	const struct dept	*d = &S->d[i], *o;
	size_t			 k;

	if (d->problems & DP_UNLINKED)
		return d->dup_parent != DEPT_NONE ||
		    (d->parent != DEPT_NONE &&
		    S->d[d->parent].state == DS_EXCLUDED);
	if (!(d->problems & DP_NAME_CONFLICT))
		return 1;
	o = d->other != DEPT_NONE ? &S->d[d->other] : NULL;
	switch (d->clash) {
	case CLASH_EARLIER:
		return o->state == DS_ACCEPTED && o->pos < d->pos &&
		    dept_same(o->name, d->name);
	case CLASH_ABSENT:
		for (k = 0; k < S->n; k++)
			if (dept_same(S->d[k].code, S->m[d->miki].code))
				return 0;
		return dept_same(S->m[d->miki].name, d->name);
	case CLASH_KEPT:
		return dept_same(o->name, d->name) &&
		    dept_same(o->code, S->m[d->miki].code);
	case CLASH_EXCLUDED:
		return o->state == DS_EXCLUDED;
	case CLASH_SWAP:
		return 1;	/* refused on purpose, see dept.c */
	}
	return 0;
}

/*
 * Random flat masters and ミキワメAI exports with few names, so that
 * names collide, renames chain and swap, and parents cycle. Whatever the
 * input, the result must be consistent: every record decided; an accepted
 * record's parent accepted and earlier; no two accepted records with one
 * name; no accepted name that ミキワメAI keeps under another code; every
 * exclusion explained by a problem.
 */
static void
t_random(void)
{
	static const char *const names[] = { "甲", "乙", "丙", "丁", "戊" };
	char	 code[8], pref[8];
	size_t	 iter, i, j, n, bad = 0;

	for (iter = 0; iter < 3000; iter++) {
		start(DEPT_FLAT);
		n = 1 + rnd(12);
		for (i = 0; i < n; i++) {
			snprintf(code, sizeof(code), "C%u", rnd((unsigned)n + 2));
			if (rnd(4) == 0)
				pref[0] = '\0';
			else
				snprintf(pref, sizeof(pref), "C%u",
				    rnd((unsigned)n + 2));
			flat(code, names[rnd(5)], pref);
		}
		for (i = rnd(6); i > 0; i--) {
			snprintf(code, sizeof(code), "C%u", rnd((unsigned)n + 2));
			dept_miki_put(S, code, names[rnd(5)], "");
		}
		dept_resolve(S);
		for (i = 0; i < S->n; i++) {
			const struct dept *d = &S->d[i];

			if (d->state != DS_ACCEPTED) {
				if (d->state != DS_EXCLUDED || d->problems == 0)
					bad++;
				if (!reason_holds(i))
					bad++;
				continue;
			}
			if (d->problems != 0)
				bad++;
			if (d->parent != DEPT_NONE &&
			    (S->d[d->parent].state != DS_ACCEPTED ||
			    S->d[d->parent].pos >= d->pos))
				bad++;
			for (j = 0; j < S->n; j++)
				if (j != i && S->d[j].state == DS_ACCEPTED &&
				    dept_same(S->d[j].name, d->name))
					bad++;
			for (j = 0; j < S->nm; j++) {
				const struct dept_miki *m = &S->m[j];
				size_t k;

				if (!dept_same(m->name, d->name) ||
				    dept_same(m->code, d->code))
					continue;
				/* m must be renamed by an accepted record. */
				for (k = 0; k < S->n; k++)
					if (S->d[k].state == DS_ACCEPTED &&
					    dept_same(S->d[k].code, m->code) &&
					    !dept_same(S->d[k].name, m->name))
						break;
				if (k == S->n)
					bad++;
			}
		}
		if (bad != 0) {
			fprintf(stderr, "t_random: iteration %zu\n", iter);
			break;
		}
	}
	CHECK(bad == 0);
}

/* What dept_find gives for path: the code, "?" when ambiguous, "-" none. */
static const char *
find(const char *path)
{
	size_t	 r;

	switch (dept_find(S, path, strlen(path), &r)) {
	case DF_FOUND:
		return S->d[r].code;
	case DF_AMBIGUOUS:
		return "?";
	default:
		return "-";
	}
}

/* dept_like: the full paths (or "line N") of two records, "+" for more. */
static const char *
like(const char *path)
{
	struct buf	 p = {0};
	size_t		 recs[2], n, i;

	buf_reset(&out);
	buf_add(&out, "", 0);
	n = dept_like(S, path, strlen(path), recs, 2);
	for (i = 0; i < n && i < 2; i++) {
		if (dept_path(S, recs[i], &p))
			buf_printf(&out, "%s%s", i ? "," : "", p.p);
		else
			buf_printf(&out, "%sline %zu", i ? "," : "",
			    S->d[recs[i]].line);
	}
	if (n > 2)
		buf_adds(&out, "+");
	buf_free(&p);
	return out.p;
}

static const char *
path_of(size_t i)
{
	buf_reset(&out);
	if (!dept_path(S, i, &out))
		return "(none)";
	return out.p;
}

static void
t_path_key(void)
{
	struct buf	 k = {0};
	size_t		 leaf;
	const char	*s = " 本部 / 部\u3000//課 /";

	CHECK(dept_path_key(s, strlen(s), &k, &leaf) == 3);
	CHECK_STR(k.p, "本部/部/課");
	CHECK_STR(k.p + leaf, "課");
	CHECK(dept_path_key("営業〜企画", strlen("営業〜企画"), &k, &leaf) == 1);
	CHECK_STR(k.p, "営業～企画");		/* U+301C folded to U+FF5E */
	CHECK(leaf == 0);
	CHECK(dept_path_key(" / ", 3, &k, &leaf) == 0);
	CHECK_STR(k.p, "");
	CHECK(dept_path_key("", 0, &k, NULL) == 0);
	buf_free(&k);
}

static void
t_index_staircase(void)
{
	size_t	 a, b, c, g, x;

	start(DEPT_STAIRCASE);
	a = stair("A", "本部");
	b = stair("B", "本部|営業部");
	c = stair("C", "本部|営業部|一課");
	(void)stair("D", "支社");
	(void)stair("E", "支社|一課");
	g = stair("G", "本部||二課");		/* a gap */
	(void)stair("H", "本部|営業／企画部");	/* a full-width slash */
	x = stair("X", "本部|営業部");		/* B's path again */
	(void)stair("Y", "本部|総務部");
	(void)stair("Z", "本部|総務部");
	dept_resolve(S);
	dept_index(S);
	CHECK_STR(find("本部"), "A");
	CHECK_STR(find(" 本部 / 営業部 / 一課 "), "C");
	CHECK_STR(find("本部/営業部"), "?");		/* B and X */
	CHECK_STR(like("本部/営業部"), "本部/営業部,本部/営業部");
	CHECK_STR(find("支社/一課"), "E");
	/* Two levels: never by the last name. */
	CHECK_STR(find("本社/営業部/一課"), "-");
	CHECK_STR(like("本社/営業部/一課"), "本部/営業部/一課,支社/一課");
	CHECK_STR(find("一課"), "?");			/* a bare name of two */
	CHECK_STR(find("二課"), "G");			/* of one */
	CHECK_STR(find("本部/二課"), "G");		/* the gap is dropped */
	CHECK_STR(path_of(g), "本部/二課");
	CHECK(only(g, DP_PARENT_MISSING));
	CHECK_STR(find("本部/営業／企画部"), "H");
	CHECK_STR(find("営業／企画部"), "H");
	CHECK_STR(find("本部/営業"), "-");
	CHECK_STR(like("本部/営業"), "");
	CHECK_STR(find("総務部"), "?");
	CHECK_STR(find(""), "-");
	CHECK_STR(find("/"), "-");
	CHECK_STR(path_of(c), "本部/営業部/一課");
	CHECK(accepted(a) && accepted(b) && only(x, DP_NAME_CONFLICT));
	CHECK_STR(find("本部/営業部"), "?");		/* from the cache */
	CHECK_STR(find("二課"), "G");

	/* A name with '/' in a level is found by its whole path. */
	start(DEPT_STAIRCASE);
	a = stair("A", "営業/企画本部");
	b = stair("B", "営業/企画本部|第一課");
	dept_resolve(S);
	dept_index(S);
	CHECK_STR(find("営業/企画本部/第一課"), "B");
	CHECK_STR(find("営業 / 企画本部"), "A");
	CHECK_STR(find("企画本部"), "-");
	CHECK_STR(path_of(b), "営業/企画本部/第一課");
}

static void
t_index_flat(void)
{
	size_t	 a, a1, a11, b, b1, b11, m, m1, q, r;

	/* The two-masters case of issue 12: 営業部/一課 under two 本部. */
	start(DEPT_FLAT);
	b11 = flat("B11", "一課", "本部B/営業部");	/* a path, from the top */
	a = flat("A", "本部A", "");
	a1 = flat("A1", "営業部", "A");
	a11 = flat("A11", "一課", "本部A/営業部");
	b = flat("B", "本部B", "");
	b1 = flat("B1", "営業部", "本部B");		/* a unique name */
	m = flat("M", "海外部", "Z9");			/* no such parent */
	m1 = flat("M1", "現地課", "M");
	q = flat("Q", "循環", "Q");			/* its own parent */
	r = flat("R", "営業／企画/販売", "A");		/* a name with '/' */
	dept_resolve(S);
	dept_index(S);
	CHECK(S->d[a1].parent == a && S->d[a11].parent == a1);
	CHECK(S->d[b1].parent == b && S->d[b11].parent == b1);
	CHECK_STR(find("本部A/営業部/一課"), "A11");
	CHECK_STR(find("本部B/営業部/一課"), "B11");
	CHECK_STR(find("本部B / 営業部"), "B1");
	CHECK_STR(path_of(b11), "本部B/営業部/一課");
	/* ミキワメAI names are unique: 本部B's 営業部 and its 一課 are out. */
	CHECK(accepted(a1) && accepted(a11));
	CHECK(only(b1, DP_NAME_CONFLICT) && only(b11, DP_UNLINKED));
	CHECK_STR(find("本部C/営業部/一課"), "-");
	CHECK_STR(like("本部C/営業部/一課"),
	    "本部B/営業部/一課,本部A/営業部/一課");
	CHECK_STR(find("営業部"), "?");
	/* No path without a parent; a bare name still finds them. */
	CHECK_STR(path_of(m), "(none)");
	CHECK_STR(path_of(m1), "(none)");
	CHECK_STR(path_of(q), "(none)");
	CHECK_STR(find("海外部"), "M");
	CHECK_STR(find("現地課"), "M1");
	CHECK_STR(find("循環"), "Q");
	CHECK_STR(find("Z9/海外部"), "-");
	CHECK_STR(like("Z9/海外部"), "line 8");
	/* A name holding '/' is part of the path as it is. */
	CHECK_STR(find("本部A/営業／企画/販売"), "R");
	CHECK_STR(path_of(r), "本部A/営業／企画/販売");
	CHECK_STR(find("本部A/営業／企画"), "-");
	CHECK_STR(find("販売"), "-");

	/* One key by two routes: a name with '/' and a chain of two. */
	start(DEPT_FLAT);
	a = flat("A", "本部", "");
	b = flat("B", "部/課", "A");
	(void)flat("C", "部", "A");
	(void)flat("D", "課", "C");
	dept_resolve(S);
	dept_index(S);
	CHECK_STR(find("本部/部/課"), "?");
	CHECK_STR(like("本部/部/課"), "本部/部/課,本部/部/課");
	CHECK_STR(find("本部/部"), "C");
	CHECK_STR(path_of(b), "本部/部/課");

	/* A bare name that is a top's path is that one. */
	start(DEPT_FLAT);
	(void)flat("T1", "営業部", "");
	(void)flat("T2", "本社", "");
	(void)flat("T3", "営業部", "T2");
	dept_resolve(S);
	dept_index(S);
	CHECK_STR(find("営業部"), "T1");
	CHECK_STR(find("本社/営業部"), "T3");
}

/* 5,000 levels: each found by its whole path, in linear time and memory. */
static void
t_index_deep(void)
{
	enum { N = 5000 };
	char	 code[16], name[16], parent[16];
	struct buf p = {0};
	size_t	 i, r, bad = 0;

	start(DEPT_FLAT);
	for (i = 0; i < N; i++) {
		snprintf(code, sizeof(code), "D%zu", i);
		snprintf(name, sizeof(name), "部署%zu", i);
		snprintf(parent, sizeof(parent), "D%zu", i - 1);
		flat(code, name, i ? parent : "");
	}
	dept_resolve(S);
	dept_index(S);
	for (i = 0; i < N; i++) {
		buf_printf(&p, "%s部署%zu", i ? "/" : "", i);
		if (i % 499 == 0 || i == N - 1)
			if (dept_find(S, p.p, p.len, &r) != DF_FOUND || r != i)
				bad++;
	}
	CHECK(bad == 0);
	CHECK(only(N - 1, DP_TOO_DEEP));
	CHECK(dept_path(S, N - 1, &out) && out.len == p.len);
	p.p[p.len - 1] = '8';			/* 部署4999 -> 部署4998 */
	CHECK(dept_find(S, p.p, p.len, &r) == DF_NONE);
	buf_free(&p);
}

int
main(void)
{
	t_path_split();
	t_path_key();
	t_index_staircase();
	t_index_flat();
	t_index_deep();
	t_staircase();
	t_depth();
	t_flat_links();
	t_cycles();
	t_duplicates();
	t_conflicts();
	t_big();
	t_random();
	dept_free(S);
	buf_free(&out);
	return tap_done();
}
