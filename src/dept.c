/*
 * dept: linking, checking, ordering and deciding the departments of a
 * SmartHR master (SPEC §6). The steps of dept_resolve, in order:
 *
 *  1. codes: DEPT_NO_CODE, DEPT_DUPLICATE_CODE (every record of a code),
 *     DEPT_NAME_MISSING;
 *  2. parents: staircase rows by their full path minus the last level,
 *     flat rows by code, then by full path "本部/部" from the top, then by
 *     unique name. Paths are resolved level by level during a
 *     breadth-first walk from the top departments (a path of k segments
 *     once level k is complete), which also gives every reachable flat
 *     record its depth;
 *  3. cycles (flat): records with a parent that the walk never reached
 *     are followed parent by parent with a walk mark; coming back to the
 *     current mark is a cycle;
 *  4. DEPT_TOO_DEEP from the depth;
 *  5. the processing order: Kahn's algorithm from the top departments with
 *     a min-heap on the line;
 *  6. the decisions, in that order: parent excluded -> DEPT_PARENT_UNLINKED,
 *     else name taken -> DEPT_NAME_CONFLICT, else accepted. A name held in
 *     ミキワメAI by another code is free only if that code's record is
 *     accepted under a new name, which may come later in the order; such a
 *     dependency is followed on an explicit stack. A chain of renames that
 *     comes back to itself (A takes B's name, B takes A's) is broken by
 *     refusing the rename at the top of the stack: safe, because a name is
 *     given only once the rename that frees it is accepted.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dept.h"
#include "enc.h"
#include "norm.h"
#include "table.h"
#include "util.h"

#define AMBIG	((size_t)-2)		/* a table value: several records */

struct dept_set *
dept_new(enum dept_shape shape)
{
	struct dept_set	*s;

	s = xcalloc(1, sizeof(*s));
	s->shape = shape;
	s->mcode = table_new();
	return s;
}

static void	 free_index(struct dept_set *);

void
dept_free(struct dept_set *s)
{
	size_t	 i, j;

	if (s == NULL)
		return;
	for (i = 0; i < s->n; i++) {
		struct dept *d = &s->d[i];

		free(d->code);
		free(d->name);
		for (j = 0; j < d->nlvl; j++)
			free(d->lvl[j]);
		free(d->lvl);
		free(d->pref);
		free(d->kcode);
		free(d->kname);
	}
	free_index(s);
	free(s->d);
	for (i = 0; i < s->nm; i++) {
		free(s->m[i].code);
		free(s->m[i].name);
		free(s->m[i].parent);
		free(s->m[i].kcode);
		free(s->m[i].kname);
		free(s->m[i].kparent);
	}
	free(s->m);
	table_free(s->mcode);
	free(s->order);
	free(s);
}

struct dept *
dept_add(struct dept_set *s, size_t line)
{
	struct dept	*d;

	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 256;
		s->d = xreallocarray(s->d, s->cap, sizeof(*s->d));
	}
	d = &s->d[s->n++];
	memset(d, 0, sizeof(*d));
	d->line = line;
	return d;
}

static char *
fold(const char *s)
{
	struct buf	 b = {0};

	enc_fold(s, strlen(s), &b);
	return b.p;
}

int
dept_same(const char *a, const char *b)
{
	char	*x, *y;
	int	 r;

	x = fold(a);
	y = fold(b);
	r = strcmp(x, y) == 0;
	free(x);
	free(y);
	return r;
}

void
dept_miki_put(struct dept_set *s, const char *code, const char *name,
    const char *parent)
{
	struct dept_miki *m;
	char		*k;
	size_t		*v;
	int		 found;

	k = fold(code);
	v = table_put(s->mcode, k, strlen(k), &found);
	if (found) {
		m = &s->m[*v];
		free(k);
		free(m->name);
		free(m->parent);
		free(m->kname);
		free(m->kparent);
	} else {
		if (s->nm == s->capm) {
			s->capm = s->capm ? s->capm * 2 : 64;
			s->m = xreallocarray(s->m, s->capm, sizeof(*s->m));
		}
		*v = s->nm;
		m = &s->m[s->nm++];
		m->code = xstrdup(code);
		m->kcode = k;
	}
	m->name = xstrdup(name);
	m->parent = xstrdup(parent);
	m->kname = fold(name);
	m->kparent = fold(parent);
	m->next_holder = DEPT_NONE;
}

const struct dept_miki *
dept_miki_get(const struct dept_set *s, const char *code)
{
	char	*k;
	size_t	*v;

	k = fold(code);
	v = table_get(s->mcode, k, strlen(k));
	free(k);
	return v != NULL ? &s->m[*v] : NULL;
}

size_t
dept_path_split(const char *s, char **buf, char ***seg)
{
	size_t	 n = 1, i, len, start, tl;
	char	*p, *q;

	for (p = strchr(s, '/'); p != NULL; p = strchr(p + 1, '/'))
		n++;
	*buf = xstrdup(s);
	*seg = xcalloc(n, sizeof(**seg));
	p = *buf;
	for (i = 0; i < n; i++) {
		if ((q = strchr(p, '/')) != NULL)
			*q = '\0';
		len = strlen(p);
		tl = norm_trim(p, len, &start);
		p[start + tl] = '\0';
		(*seg)[i] = p + start;
		if (tl == 0) {
			free(*seg);
			free(*buf);
			*seg = NULL;
			*buf = NULL;
			return 0;
		}
		if (q != NULL)
			p = q + 1;
	}
	return n;
}

/* The key of a staircase path: folded levels 1..n joined by NUL. */
static void
path_key(const struct dept *d, size_t n, struct buf *k)
{
	size_t	 i;

	buf_reset(k);
	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_addc(k, '\0');
		enc_fold(d->lvl[i], strlen(d->lvl[i]), k);
	}
}

static int
readable_path(const struct dept *d, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (d->lvl[i] == NULL)
			return 0;
	return 1;
}

/* Step 1: codes and names. */
static void
check_codes(struct dept_set *s)
{
	struct table	*t;
	size_t		*v, *tail, *count, i;
	int		 found;

	t = table_new();
	tail = xcalloc(s->n, sizeof(*tail));
	count = xcalloc(s->n, sizeof(*count));
	for (i = 0; i < s->n; i++) {
		struct dept *d = &s->d[i];

		d->same_code = DEPT_NONE;
		d->first_code = DEPT_NONE;
		d->kname = fold(d->name != NULL ? d->name : "");
		d->kcode = fold(d->code != NULL ? d->code : "");
		if (d->code == NULL)
			continue;
		if (d->code[0] == '\0') {
			d->problems |= DP_NO_CODE;
			continue;
		}
		if (d->name != NULL && d->name[0] == '\0')
			d->problems |= DP_NAME_MISSING;
		v = table_put(t, d->kcode, strlen(d->kcode), &found);
		if (!found) {
			*v = i;
			tail[i] = i;
		} else {
			s->d[tail[*v]].same_code = i;
			tail[*v] = i;
		}
		d->first_code = *v;
		count[*v]++;
	}
	for (i = 0; i < s->n; i++)
		if (s->d[i].first_code != DEPT_NONE) {
			s->d[i].ncode = count[s->d[i].first_code];
			if (s->d[i].ncode > 1)
				s->d[i].problems |= DP_DUP_CODE;
		}
	free(tail);
	free(count);
	table_free(t);
}

static void
add_child(struct dept_set *s, size_t parent, size_t child)
{
	s->d[child].parent = parent;
	s->d[child].next_sib = s->d[parent].first_child;
	s->d[parent].first_child = child;
}

static void
missing(struct dept *d, enum dept_miss why)
{
	d->problems |= DP_PARENT_MISSING;
	d->miss = why;
}

/* Step 2, staircase: the parent is the record whose path is ours minus one. */
static void
link_staircase(struct dept_set *s)
{
	struct table	*t;
	struct buf	 k = {0};
	size_t		*v, *second, i, j;
	int		 found;

	t = table_new();
	second = xcalloc(s->n, sizeof(*second));
	for (i = 0; i < s->n; i++) {
		struct dept *d = &s->d[i];

		second[i] = DEPT_NONE;
		d->depth = d->nlvl;
		if (d->nlvl == 0 || !readable_path(d, d->nlvl))
			continue;
		path_key(d, d->nlvl, &k);
		v = table_put(t, k.p, k.len, &found);
		if (!found)
			*v = i;
		else if (second[*v] == DEPT_NONE)
			second[*v] = i;
	}
	for (i = 0; i < s->n; i++) {
		struct dept *d = &s->d[i];

		if (d->nlvl < 2 || !readable_path(d, d->nlvl))
			continue;
		for (j = 0; j + 1 < d->nlvl; j++)
			if (d->lvl[j][0] == '\0')
				break;
		if (j + 1 < d->nlvl) {
			d->gap = j + 1;
			missing(d, MISS_GAP);
			continue;
		}
		path_key(d, d->nlvl - 1, &k);
		if ((v = table_get(t, k.p, k.len)) == NULL)
			missing(d, MISS_LEVEL);
		else if (second[*v] != DEPT_NONE) {
			d->other = *v;
			d->other2 = second[*v];
			missing(d, MISS_AMBIGUOUS);
		} else
			add_child(s, *v, i);
	}
	buf_free(&k);
	free(second);
	table_free(t);
}

/* The key of a child in the flat walk: parent index, then folded name. */
static void
child_key(size_t parent, const char *kname, struct buf *k)
{
	buf_reset(k);
	buf_add(k, &parent, sizeof(parent));
	buf_adds(k, kname);
}

struct pending {
	size_t	 rec;
	size_t	 nseg;
	char	*buf;
	char	**seg;
};

static int
cmp_pending(const void *a, const void *b)
{
	const struct pending *x = a, *y = b;

	if (x->nseg != y->nseg)
		return x->nseg < y->nseg ? -1 : 1;
	return x->rec < y->rec ? -1 : x->rec > y->rec;
}

/*
 * Resolves one pending path through the child table; the walk is complete
 * up to the path's length, so a miss is final.
 */
static void
resolve_path(struct dept_set *s, struct table *ct, const size_t *second,
    const struct pending *p, struct buf *k)
{
	struct dept	*d = &s->d[p->rec];
	size_t		 cur = DEPT_NONE, i, *v;
	char		*seg;

	for (i = 0; i < p->nseg; i++) {
		seg = fold(p->seg[i]);
		child_key(cur, seg, k);
		free(seg);
		if ((v = table_get(ct, k->p, k->len)) == NULL) {
			missing(d, MISS_PATH);
			return;
		}
		if (second[*v] != DEPT_NONE) {
			d->other = *v;
			d->other2 = second[*v];
			missing(d, MISS_AMBIGUOUS);
			return;
		}
		cur = *v;
	}
	add_child(s, cur, p->rec);
}

/* Step 2, flat: code, then path from the top, then unique name. */
static void
link_flat(struct dept_set *s)
{
	struct table	*codes, *names, *ct;
	struct pending	*pend = NULL;
	struct buf	 k = {0};
	size_t		*v, *nsecond, *second, *queue, npend = 0, cappend = 0, pi = 0;
	size_t		 i, qlen = 0, lstart, lend, depth, c;
	int		 found;
	char		*kref;

	codes = table_new();
	names = table_new();
	nsecond = xcalloc(s->n, sizeof(*nsecond));
	for (i = 0; i < s->n; i++) {
		struct dept *d = &s->d[i];

		nsecond[i] = DEPT_NONE;
		if (d->code != NULL && d->code[0] != '\0') {
			v = table_put(codes, d->kcode, strlen(d->kcode), &found);
			if (!found)
				*v = i;
		}
		if (d->name != NULL && d->name[0] != '\0') {
			v = table_put(names, d->kname, strlen(d->kname), &found);
			if (!found)
				*v = i;
			else if (nsecond[*v] == DEPT_NONE)
				nsecond[*v] = i;
		}
	}
	for (i = 0; i < s->n; i++) {
		struct dept *d = &s->d[i];
		struct pending p;

		if (d->pref == NULL || d->pref[0] == '\0')
			continue;
		kref = fold(d->pref);
		v = table_get(codes, kref, strlen(kref));
		if (v != NULL) {
			if (s->d[*v].problems & DP_DUP_CODE)
				d->dup_parent = *v;
			else
				add_child(s, *v, i);
		} else if (d->pref_code)
			missing(d, MISS_CODE);
		else if (strchr(d->pref, '/') != NULL) {
			p.rec = i;
			if ((p.nseg = dept_path_split(d->pref, &p.buf,
			    &p.seg)) == 0)
				missing(d, MISS_BAD_PATH);
			else {
				pend = xgrow(pend, &cappend, npend + 1,
				    sizeof(*pend));
				pend[npend++] = p;
			}
		} else if ((v = table_get(names, kref, strlen(kref))) == NULL)
			missing(d, MISS_NAME);
		else if (nsecond[*v] != DEPT_NONE) {
			d->other = *v;
			d->other2 = nsecond[*v];
			missing(d, MISS_AMBIGUOUS);
		} else
			add_child(s, *v, i);
		free(kref);
	}
	if (npend > 1)
		qsort(pend, npend, sizeof(*pend), cmp_pending);

	/* The walk, level by level. */
	ct = table_new();
	second = xcalloc(s->n, sizeof(*second));
	queue = xcalloc(s->n, sizeof(*queue));
	for (i = 0; i < s->n; i++) {
		second[i] = DEPT_NONE;
		if (s->d[i].pref != NULL && s->d[i].pref[0] == '\0')
			queue[qlen++] = i;
	}
	lstart = 0;
	for (depth = 1; lstart < qlen; depth++) {
		lend = qlen;
		for (i = lstart; i < lend; i++) {
			struct dept *d = &s->d[queue[i]];

			d->depth = depth;
			if (d->name == NULL || d->name[0] == '\0')
				continue;
			child_key(d->parent, d->kname, &k);
			/* Keep the two first lines, for the message. */
			v = table_put(ct, k.p, k.len, &found);
			if (!found)
				*v = queue[i];
			else if (queue[i] < *v) {
				second[queue[i]] = *v;
				*v = queue[i];
			} else if (queue[i] < second[*v])
				second[*v] = queue[i];
		}
		for (; pi < npend && pend[pi].nseg <= depth; pi++)
			resolve_path(s, ct, second, &pend[pi], &k);
		for (i = lstart; i < lend; i++)
			for (c = s->d[queue[i]].first_child; c != DEPT_NONE;
			    c = s->d[c].next_sib)
				queue[qlen++] = c;
		lstart = lend;
	}
	/* Paths longer than the tree is deep. */
	for (; pi < npend; pi++)
		missing(&s->d[pend[pi].rec], MISS_PATH);
	for (i = 0; i < s->n; i++) {
		struct dept *d = &s->d[i];

		if (d->miss == MISS_PATH && (d->problems & DP_PARENT_MISSING)) {
			kref = fold(d->pref);
			if ((v = table_get(names, kref, strlen(kref))) != NULL) {
				d->miss = MISS_SLASH;
				d->other = *v;
			}
			free(kref);
		}
	}
	for (i = 0; i < npend; i++) {
		free(pend[i].buf);
		free(pend[i].seg);
	}
	free(pend);
	free(queue);
	free(second);
	free(nsecond);
	buf_free(&k);
	table_free(ct);
	table_free(codes);
	table_free(names);
}

/*
 * Step 3 (flat): a record with a parent but no depth was not reached from
 * the top: follow parents with a walk mark until a record with no parent,
 * one reached, one finished by an earlier walk, or one with the current
 * mark (a cycle: mark its members).
 */
static void
find_cycles(struct dept_set *s)
{
	size_t	*mark, i, j, k, n, walk;

	mark = xcalloc(s->n, sizeof(*mark));
	for (i = 0; i < s->n; i++) {
		walk = i + 1;
		for (j = i; j != DEPT_NONE && s->d[j].depth == 0 &&
		    mark[j] == 0; j = s->d[j].parent)
			mark[j] = walk;
		if (j == DEPT_NONE || mark[j] != walk)
			continue;
		/* j is on a cycle: go round it to count, then to mark. */
		n = 0;
		k = j;
		do {
			n++;
			k = s->d[k].parent;
		} while (k != j);
		do {
			s->d[j].problems |= DP_CYCLE;
			s->d[j].cycle = n;
			j = s->d[j].parent;
		} while (!(s->d[j].problems & DP_CYCLE));
	}
	free(mark);
}

/* A binary min-heap of record indices. */
struct heap {
	size_t	*a;
	size_t	 n;
};

static void
heap_push(struct heap *h, size_t x)
{
	size_t	 i = h->n++, p;

	while (i > 0 && h->a[p = (i - 1) / 2] > x) {
		h->a[i] = h->a[p];
		i = p;
	}
	h->a[i] = x;
}

static size_t
heap_pop(struct heap *h)
{
	size_t	 top = h->a[0], x = h->a[--h->n], i = 0, c;

	while ((c = 2 * i + 1) < h->n) {
		if (c + 1 < h->n && h->a[c + 1] < h->a[c])
			c++;
		if (h->a[c] >= x)
			break;
		h->a[i] = h->a[c];
		i = c;
	}
	h->a[i] = x;
	return top;
}

/* Step 5: parents first, then the smaller line. */
static void
order(struct dept_set *s)
{
	struct heap	 h;
	size_t		 i, r, c;

	h.a = xcalloc(s->n, sizeof(*h.a));
	h.n = 0;
	s->order = xcalloc(s->n, sizeof(*s->order));
	s->norder = 0;
	for (i = 0; i < s->n; i++) {
		struct dept *d = &s->d[i];
		int top;

		if (s->shape == DEPT_STAIRCASE)
			top = d->nlvl == 1;
		else
			top = d->pref != NULL && d->pref[0] == '\0';
		if (top)
			heap_push(&h, i);
	}
	while (h.n > 0) {
		r = heap_pop(&h);
		s->d[r].pos = s->norder;
		s->order[s->norder++] = r;
		for (c = s->d[r].first_child; c != DEPT_NONE;
		    c = s->d[c].next_sib)
			heap_push(&h, c);
	}
	free(h.a);
}

/* Name classes: the placed records of one folded name, in order. */
struct cls {
	size_t	 first, n;	/* members[first .. first + n) */
	size_t	 cursor;	/* members before it are decided */
	size_t	 owner;		/* the accepted one, or DEPT_NONE */
};

struct eval {
	struct dept_set	*s;
	struct cls	*cls;
	size_t		*members;
	size_t		*hold_head;	/* per class: first ミキワメAI holder */
	struct table	*mrec;		/* folded code -> first record */
};

enum edge { E_NONE, E_PARENT, E_CLASS, E_HOLDER };

struct frame {
	size_t		 rec;
	enum edge	 edge;		/* what it waits on */
	size_t		 dep;
};

static void
conflict(struct dept *d, enum dept_clash why, size_t other, size_t miki)
{
	d->problems |= DP_NAME_CONFLICT;
	d->clash = why;
	d->other = other;
	d->miki = miki;
	d->state = DS_EXCLUDED;
}

/*
 * One step of record r's decision. Returns 1 when r is decided, else 0
 * with the record it waits on in *dep and the kind of wait in *edge.
 */
static int
step(struct eval *e, size_t r, size_t *dep, enum edge *edge)
{
	struct dept	*d = &e->s->d[r];
	struct cls	*c;
	size_t		 m, h, *v;

	if (d->step == 0) {
		if (d->parent != DEPT_NONE) {
			switch (e->s->d[d->parent].state) {
			case DS_EXCLUDED:
				d->problems |= DP_UNLINKED;
				d->state = DS_EXCLUDED;
				return 1;
			case DS_ACCEPTED:
				break;
			default:
				*dep = d->parent;
				*edge = E_PARENT;
				return 0;
			}
		}
		d->step = 1;
	}
	c = &e->cls[d->cls];
	if (d->step == 1) {
		while (c->cursor < d->cidx) {
			m = e->members[c->first + c->cursor];
			if (e->s->d[m].state == DS_ACCEPTED) {
				if (c->owner == DEPT_NONE)
					c->owner = m;
			} else if (e->s->d[m].state != DS_EXCLUDED) {
				*dep = m;
				*edge = E_CLASS;
				return 0;
			}
			c->cursor++;
		}
		if (c->owner != DEPT_NONE) {
			conflict(d, CLASH_EARLIER, c->owner, DEPT_NONE);
			return 1;
		}
		d->step = 2;
		d->hold = e->hold_head[d->cls];
	}
	for (; d->hold != DEPT_NONE; d->hold = e->s->m[d->hold].next_holder) {
		const struct dept_miki *mk = &e->s->m[d->hold];

		if (strcmp(mk->kcode, d->kcode) == 0)
			continue;
		v = table_get(e->mrec, mk->kcode, strlen(mk->kcode));
		if (v == NULL) {
			conflict(d, CLASH_ABSENT, DEPT_NONE, d->hold);
			return 1;
		}
		h = *v;
		if (e->s->d[h].problems & DP_DUP_CODE) {
			conflict(d, CLASH_EXCLUDED, h, d->hold);
			return 1;
		}
		if (e->s->d[h].name != NULL &&
		    strcmp(e->s->d[h].kname, d->kname) == 0) {
			conflict(d, CLASH_KEPT, h, d->hold);
			return 1;
		}
		switch (e->s->d[h].state) {
		case DS_ACCEPTED:
			continue;
		case DS_EXCLUDED:
			conflict(d, CLASH_EXCLUDED, h, d->hold);
			return 1;
		default:
			*dep = h;
			*edge = E_HOLDER;
			return 0;
		}
	}
	d->state = DS_ACCEPTED;
	if (c->owner == DEPT_NONE)
		c->owner = r;
	return 1;
}

static void
evaluate(struct eval *e, size_t start, struct frame *stack, size_t *at)
{
	struct dept_set	*s = e->s;
	size_t		 sp = 0, dep, j, k;
	enum edge	 edge;

	stack[sp].rec = start;
	stack[sp].edge = E_NONE;
	at[start] = sp++;
	s->d[start].state = DS_BUSY;
	while (sp > 0) {
		struct frame *top = &stack[sp - 1];

		if (step(e, top->rec, &dep, &edge)) {
			sp--;
			continue;
		}
		top->edge = edge;
		top->dep = dep;
		if (s->d[dep].state == DS_UNDECIDED) {
			stack[sp].rec = dep;
			stack[sp].edge = E_NONE;
			at[dep] = sp++;
			s->d[dep].state = DS_BUSY;
			continue;
		}
		/*
		 * A cycle: dep is further down the stack. Parents and earlier
		 * records of a name come before in the order, so the cycle
		 * has a wait on a rename; refuse the topmost one.
		 */
		for (j = sp - 1; j > at[dep] && stack[j].edge != E_HOLDER; j--)
			continue;
		conflict(&s->d[stack[j].rec], CLASH_SWAP, stack[j].dep,
		    s->d[stack[j].rec].hold);
		for (k = j + 1; k < sp; k++)
			s->d[stack[k].rec].state = DS_UNDECIDED;
		sp = j;
	}
}

/* Step 6. */
static void
decide(struct dept_set *s)
{
	struct eval	 e;
	struct table	*ct;
	struct frame	*stack;
	size_t		*v, *at, *count, *tail, ncls = 0, i, r, off;
	int		 found;

	memset(&e, 0, sizeof(e));
	e.s = s;
	for (i = 0; i < s->n; i++) {
		struct dept *d = &s->d[i];

		if (d->broken || (d->problems & DP_STRUCTURAL))
			d->state = DS_EXCLUDED;
		else if (d->pos == DEPT_NONE) {
			/* Below an excluded, duplicated or cyclic parent. */
			d->problems |= DP_UNLINKED;
			d->state = DS_EXCLUDED;
		} else
			d->state = DS_UNDECIDED;
	}
	/* Classes of the undecided records, members in processing order. */
	ct = table_new();
	count = xcalloc(s->n + 1, sizeof(*count));
	for (i = 0; i < s->norder; i++) {
		struct dept *d = &s->d[s->order[i]];

		if (d->state != DS_UNDECIDED)
			continue;
		v = table_put(ct, d->kname, strlen(d->kname), &found);
		if (!found)
			*v = ncls++;
		d->cls = *v;
		d->cidx = count[*v]++;
	}
	e.cls = xcalloc(ncls + 1, sizeof(*e.cls));
	e.members = xcalloc(s->n + 1, sizeof(*e.members));
	for (i = 0, off = 0; i < ncls; i++) {
		e.cls[i].first = off;
		e.cls[i].owner = DEPT_NONE;
		off += count[i];
	}
	for (i = 0; i < s->norder; i++) {
		struct dept *d = &s->d[s->order[i]];

		if (d->state == DS_UNDECIDED)
			e.members[e.cls[d->cls].first + d->cidx] = s->order[i];
	}
	/* The ミキワメAI holders of each class's name, in entry order. */
	e.hold_head = xcalloc(ncls + 1, sizeof(*e.hold_head));
	tail = xcalloc(ncls + 1, sizeof(*tail));
	for (i = 0; i < ncls; i++)
		e.hold_head[i] = tail[i] = DEPT_NONE;
	for (i = 0; i < s->nm; i++) {
		s->m[i].next_holder = DEPT_NONE;
		if ((v = table_get(ct, s->m[i].kname,
		    strlen(s->m[i].kname))) == NULL)
			continue;
		if (tail[*v] == DEPT_NONE)
			e.hold_head[*v] = i;
		else
			s->m[tail[*v]].next_holder = i;
		tail[*v] = i;
	}
	e.mrec = table_new();
	for (i = 0; i < s->n; i++)
		if (s->d[i].code != NULL && s->d[i].code[0] != '\0') {
			v = table_put(e.mrec, s->d[i].kcode,
			    strlen(s->d[i].kcode), &found);
			if (!found)
				*v = i;
		}
	stack = xcalloc(s->n + 1, sizeof(*stack));
	at = xcalloc(s->n + 1, sizeof(*at));
	for (i = 0; i < s->norder; i++) {
		r = s->order[i];
		if (s->d[r].state == DS_UNDECIDED)
			evaluate(&e, r, stack, at);
	}
	free(stack);
	free(at);
	free(tail);
	free(count);
	free(e.cls);
	free(e.members);
	free(e.hold_head);
	table_free(e.mrec);
	table_free(ct);
}

void
dept_resolve(struct dept_set *s)
{
	size_t	 i;

	for (i = 0; i < s->n; i++) {
		struct dept *d = &s->d[i];

		d->problems = 0;
		d->parent = DEPT_NONE;
		d->dup_parent = DEPT_NONE;
		d->first_child = DEPT_NONE;
		d->next_sib = DEPT_NONE;
		d->pos = DEPT_NONE;
		d->other = d->other2 = d->miki = DEPT_NONE;
		d->depth = 0;
		d->step = 0;
		free(d->kcode);
		free(d->kname);
	}
	free(s->order);
	s->order = NULL;
	check_codes(s);
	if (s->shape == DEPT_STAIRCASE)
		link_staircase(s);
	else {
		link_flat(s);
		find_cycles(s);
	}
	for (i = 0; i < s->n; i++)
		if (s->d[i].depth > DEPT_MAX_LEVEL)
			s->d[i].problems |= DP_TOO_DEEP;
	order(s);
	decide(s);
}

/*
 * Full paths (dept_index). A path is looked up by a 64-bit hash of its key
 * and checked against the record, so that no record keeps the key of its
 * whole path: in a flat master 5,000 levels deep those keys would add up
 * to tens of millions of bytes. A staircase record keeps its key, which is
 * no longer than its row. A flat record's hash continues its parent's
 * (the hash is Horner's rule over the key's bytes), and it is checked by
 * climbing its parents, comparing names from the end of the key.
 */

#define HASH_MUL	0x100000001b3ULL	/* FNV's 64-bit prime */

static uint64_t
hash_add(uint64_t h, const char *p, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		h = h * HASH_MUL + (unsigned char)p[i];
	return h;
}

size_t
dept_path_key(const char *s, size_t len, struct buf *out, size_t *leaf)
{
	const char	*e = s + len, *slash;
	size_t		 start, n, parts = 0;

	buf_reset(out);
	buf_add(out, "", 0);
	if (leaf != NULL)
		*leaf = 0;
	while (s <= e) {
		if ((slash = memchr(s, '/', (size_t)(e - s))) == NULL)
			slash = e;
		n = norm_trim(s, (size_t)(slash - s), &start);
		if (n > 0) {
			if (parts++ > 0)
				buf_addc(out, '/');
			if (leaf != NULL)
				*leaf = out->len;
			enc_fold(s + start, n, out);
		}
		s = slash + 1;
	}
	return parts;
}

/* Does record r's full path have the key k? */
static int
path_is(const struct dept_set *s, size_t r, const char *k, size_t klen)
{
	const struct dept_path *x = &s->px[r];
	size_t		 end = klen;

	if (!x->has)
		return 0;
	if (s->shape == DEPT_STAIRCASE)
		return x->pklen == klen && memcmp(x->pkey, k, klen) == 0;
	for (;;) {
		if (x->nklen > end ||
		    memcmp(k + end - x->nklen, x->nkey, x->nklen) != 0)
			return 0;
		end -= x->nklen;
		if (s->d[r].parent == DEPT_NONE)
			return end == 0;
		if (end == 0 || k[end - 1] != '/')
			return 0;
		end--;
		r = s->d[r].parent;
		x = &s->px[r];
	}
}

static void
free_index(struct dept_set *s)
{
	size_t	 i;

	for (i = 0; s->px != NULL && i < s->n; i++) {
		free(s->px[i].nkey);
		free(s->px[i].pkey);
	}
	free(s->px);
	s->px = NULL;
	table_free(s->bypath);
	table_free(s->byname);
	table_free(s->seen);
	s->bypath = s->byname = s->seen = NULL;
}

/* Makes record i the first of key in t; *next gets the one that was. */
static void
chain(struct table *t, const void *key, size_t len, size_t i, size_t *next)
{
	size_t	*v;
	int	 found;

	v = table_put(t, key, len, &found);
	*next = found ? *v : DEPT_NONE;
	*v = i;
}

void
dept_index(struct dept_set *s)
{
	struct buf	 k = {0}, part = {0};
	size_t		 i, j;

	free_index(s);
	s->px = xcalloc(s->n + 1, sizeof(*s->px));
	s->bypath = table_new();
	s->byname = table_new();
	s->seen = table_new();
	for (i = 0; i < s->n; i++) {
		struct dept *d = &s->d[i];
		struct dept_path *x = &s->px[i];

		(void)dept_path_key(d->name != NULL ? d->name : "",
		    d->name != NULL ? strlen(d->name) : 0, &k, NULL);
		x->nkey = xstrndup(k.p, k.len);
		x->nklen = k.len;
		if (s->shape != DEPT_STAIRCASE || d->nlvl == 0 ||
		    !readable_path(d, d->nlvl))
			continue;
		buf_reset(&k);
		buf_add(&k, "", 0);
		for (j = 0; j < d->nlvl; j++) {
			if (dept_path_key(d->lvl[j], strlen(d->lvl[j]), &part,
			    NULL) == 0)
				continue;
			if (k.len > 0)
				buf_addc(&k, '/');
			buf_add(&k, part.p, part.len);
		}
		if (k.len == 0)
			continue;
		x->pkey = xstrndup(k.p, k.len);
		x->pklen = k.len;
		x->hash = hash_add(0, k.p, k.len);
		x->has = 1;
	}
	/* Flat: parents first, so a parent's hash is there before its own. */
	for (j = 0; s->shape == DEPT_FLAT && j < s->norder; j++) {
		size_t		 r = s->order[j], up = s->d[r].parent;
		struct dept_path *x = &s->px[r];

		if (x->nklen == 0)
			continue;
		if (up == DEPT_NONE)
			x->hash = hash_add(0, x->nkey, x->nklen);
		else if (s->px[up].has)
			x->hash = hash_add(hash_add(s->px[up].hash, "/", 1),
			    x->nkey, x->nklen);
		else
			continue;
		x->has = 1;
	}
	/* The chains, built backwards so that they run in line order. */
	for (i = s->n; i-- > 0; ) {
		struct dept_path *x = &s->px[i];

		x->next_path = x->next_name = DEPT_NONE;
		if (x->has)
			chain(s->bypath, &x->hash, sizeof(x->hash), i,
			    &x->next_path);
		if (x->nklen > 0)
			chain(s->byname, x->nkey, x->nklen, i, &x->next_name);
	}
	buf_free(&k);
	buf_free(&part);
}

/*
 * The records whose full path has the key k (by_path) or whose name is k:
 * up to max into recs, counting up to max + 1.
 */
static size_t
matches(const struct dept_set *s, const char *k, size_t klen, int by_path,
    size_t *recs, size_t max)
{
	const size_t	*v;
	uint64_t	 h;
	size_t		 n = 0, r;

	if (klen == 0)
		return 0;
	if (by_path) {
		h = hash_add(0, k, klen);
		v = table_get(s->bypath, (const char *)&h, sizeof(h));
	} else
		v = table_get(s->byname, k, klen);
	for (r = v != NULL ? *v : DEPT_NONE; r != DEPT_NONE && n <= max;
	    r = by_path ? s->px[r].next_path : s->px[r].next_name) {
		if (by_path && !path_is(s, r, k, klen))
			continue;
		if (n < max)
			recs[n] = r;
		n++;
	}
	return n;
}

/*
 * The answer for a path is kept under the path as given, as dtree_find
 * does: an export names the same few departments on every record.
 */
enum dept_found
dept_find(struct dept_set *s, const char *path, size_t len, size_t *rec)
{
	struct buf	 k = {0};
	size_t		*v, x, r, n, parts;
	int		 found;

	v = table_put(s->seen, path, len, &found);
	if (found)
		x = *v;
	else {
		/* A longer path is never found by its last name. */
		parts = dept_path_key(path, len, &k, NULL);
		if ((n = matches(s, k.p, k.len, 1, &r, 1)) == 0 && parts == 1)
			n = matches(s, k.p, k.len, 0, &r, 1);
		x = n == 0 ? DEPT_NONE : n == 1 ? r : AMBIG;
		buf_free(&k);
		*v = x;
	}
	if (x == DEPT_NONE)
		return DF_NONE;
	if (x == AMBIG)
		return DF_AMBIGUOUS;
	*rec = x;
	return DF_FOUND;
}

size_t
dept_like(const struct dept_set *s, const char *path, size_t len,
    size_t *recs, size_t max)
{
	struct buf	 k = {0};
	size_t		 n, leaf;

	(void)dept_path_key(path, len, &k, &leaf);
	if ((n = matches(s, k.p, k.len, 1, recs, max)) == 0)
		n = matches(s, k.p + leaf, k.len - leaf, 0, recs, max);
	buf_free(&k);
	return n;
}

int
dept_path(const struct dept_set *s, size_t i, struct buf *out)
{
	const struct dept *d = &s->d[i];
	size_t		*up, n = 0, j;

	buf_reset(out);
	buf_add(out, "", 0);
	if (s->px == NULL || !s->px[i].has)
		return 0;
	if (s->shape == DEPT_STAIRCASE) {
		for (j = 0; j < d->nlvl; j++)
			if (d->lvl[j][0] != '\0')
				buf_printf(out, "%s%s", out->len ? "/" : "",
				    d->lvl[j]);
		return 1;
	}
	for (j = i; j != DEPT_NONE; j = s->d[j].parent)
		n++;
	up = xcalloc(n, sizeof(*up));
	for (n = 0, j = i; j != DEPT_NONE; j = s->d[j].parent)
		up[n++] = j;
	while (n-- > 0)
		buf_printf(out, "%s%s", out->len ? "/" : "", s->d[up[n]].name);
	free(up);
	return 1;
}
