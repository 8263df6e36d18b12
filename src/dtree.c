/*
 * dtree: departments in an array, three tables over it (folded code, path
 * key, name key). A path key is the keys of the names from the top
 * (dept_path_key) joined by '/'. The path and name tables give the first
 * department of a key, in insertion order; the others follow it through
 * next_path and next_name, so that a message can name the departments a
 * 部署1 may have meant.
 */
#include <stdlib.h>
#include <string.h>

#include "dept.h"
#include "dtree.h"
#include "enc.h"
#include "table.h"
#include "util.h"

#define NONE	((size_t)-1)
#define AMBIG	((size_t)-2)

struct dnode {
	char	*code, *name;
	char	*parent;	/* the parent's code, as given */
	size_t	 up;		/* resolved parent, or NONE */
	int	 joined;	/* pkey is up's pkey, '/', nkey */
	char	*nkey, *pkey;	/* name and path keys, set by dtree_build */
	size_t	 next_path;	/* next department with this pkey, or NONE */
	size_t	 next_name;	/* next department with this nkey, or NONE */
};

struct dtree {
	struct dnode	*d;
	size_t		 n, cap;
	struct table	*bycode, *bypath, *byname;
	struct table	*seen;		/* dtree_find: path as given -> answer */
};

struct dtree *
dtree_new(void)
{
	struct dtree	*t;

	t = xcalloc(1, sizeof(*t));
	t->bycode = table_new();
	return t;
}

static void
clear(struct dnode *d)
{
	free(d->code);
	free(d->name);
	free(d->parent);
	free(d->nkey);
	free(d->pkey);
}

void
dtree_free(struct dtree *t)
{
	size_t	 i;

	if (t == NULL)
		return;
	for (i = 0; i < t->n; i++)
		clear(&t->d[i]);
	free(t->d);
	table_free(t->bycode);
	table_free(t->bypath);
	table_free(t->byname);
	table_free(t->seen);
	free(t);
}

/* The folded code, the key of bycode. */
static void
code_key(const char *code, struct buf *k)
{
	buf_reset(k);
	buf_add(k, "", 0);
	enc_fold(code, strlen(code), k);
}

/* The slot for code: the department with that code, replaced, or a new one. */
static struct dnode *
slot(struct dtree *t, const char *code)
{
	struct buf	 k = {0};
	size_t		*v = NULL;
	int		 found = 0;

	if (code[0] != '\0') {
		code_key(code, &k);
		v = table_put(t->bycode, k.p, k.len, &found);
		buf_free(&k);
	}
	if (found) {
		clear(&t->d[*v]);
		memset(&t->d[*v], 0, sizeof(t->d[*v]));
		return &t->d[*v];
	}
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 64;
		t->d = xreallocarray(t->d, t->cap, sizeof(*t->d));
	}
	if (v != NULL)
		*v = t->n;
	memset(&t->d[t->n], 0, sizeof(t->d[t->n]));
	return &t->d[t->n++];
}

void
dtree_add(struct dtree *t, const char *code, const char *name,
    const char *parent)
{
	struct dnode	*d = slot(t, code);

	d->code = xstrdup(code);
	d->name = xstrdup(name);
	d->parent = xstrdup(parent != NULL ? parent : "");
}

/*
 * Makes id the first department of key, before the one that was (*next);
 * called in reverse insertion order, it leaves each chain in insertion
 * order.
 */
static void
index_key(struct table *t, const char *key, size_t id, size_t *next)
{
	size_t	*v;
	int	 found;

	*next = NONE;
	if (key[0] == '\0')
		return;
	v = table_put(t, key, strlen(key), &found);
	if (found)
		*next = *v;
	*v = id;
}

/* The only department of key in t, AMBIG when there are two, or NONE. */
static size_t
unique(const struct dtree *t, const struct table *tab, const char *key,
    size_t len, int by_path)
{
	const size_t	*v;
	size_t		 next;

	if (len == 0 || (v = table_get(tab, key, len)) == NULL)
		return NONE;
	next = by_path ? t->d[*v].next_path : t->d[*v].next_name;
	return next == NONE ? *v : AMBIG;
}

static size_t
resolve_parent(const struct dtree *t, size_t i, struct buf *k)
{
	const struct dnode *d = &t->d[i];
	const size_t	*v;

	if (d->parent[0] == '\0')
		return NONE;
	code_key(d->parent, k);
	if ((v = table_get(t->bycode, k->p, k->len)) != NULL)
		return *v == i ? NONE : *v;
	return NONE;
}

void
dtree_build(struct dtree *t)
{
	struct buf	 k = {0};
	unsigned char	*state;		/* 0 new, 1 on the current chain, 2 done */
	size_t		*chain, nc, i, x;

	table_free(t->bypath);
	table_free(t->byname);
	table_free(t->seen);
	t->bypath = table_new();
	t->byname = table_new();
	t->seen = table_new();
	for (i = 0; i < t->n; i++) {
		struct dnode *d = &t->d[i];

		/* A name holding '/' keeps it: its path then has one more part. */
		free(d->nkey);
		(void)dept_path_key(d->name, strlen(d->name), &k, NULL);
		d->nkey = xstrdup(k.p);
	}
	for (i = t->n; i-- > 0; )
		index_key(t->byname, t->d[i].nkey, i, &t->d[i].next_name);
	for (i = 0; i < t->n; i++)
		t->d[i].up = resolve_parent(t, i, &k);
	/*
	 * Paths from the top down, without recursion: climb to a department
	 * whose path is known (or the top, or back onto the chain — a cycle,
	 * cut where it closes), then set the paths on the way back.
	 */
	state = xcalloc(t->n ? t->n : 1, 1);
	chain = xcalloc(t->n ? t->n : 1, sizeof(*chain));
	for (i = 0; i < t->n; i++) {
		nc = 0;
		for (x = i; x != NONE && state[x] == 0; x = t->d[x].up) {
			state[x] = 1;
			chain[nc++] = x;
		}
		while (nc-- > 0) {
			struct dnode *d = &t->d[chain[nc]];

			buf_reset(&k);
			d->joined = 0;
			if (d->up != NONE && state[d->up] == 2 &&
			    t->d[d->up].pkey[0] != '\0') {
				buf_adds(&k, t->d[d->up].pkey);
				buf_addc(&k, '/');
				d->joined = 1;
			}
			buf_adds(&k, d->nkey);
			free(d->pkey);
			d->pkey = xstrdup(k.p ? k.p : "");
			state[chain[nc]] = 2;
		}
	}
	for (i = t->n; i-- > 0; )
		index_key(t->bypath, t->d[i].pkey, i, &t->d[i].next_path);
	free(state);
	free(chain);
	buf_free(&k);
}

/*
 * The answer for a path is kept under the path as given: an export names
 * the same few departments on every record, and building the key (trim,
 * fold, per component) was most of the lookup. The table grows with the
 * distinct paths asked about, not with the records.
 */
enum dtree_found
dtree_find(struct dtree *t, const char *path, size_t len, size_t *id)
{
	struct buf	 p = {0};
	size_t		 x, *v, parts;
	int		 found;

	if (t->seen == NULL)
		t->seen = table_new();
	v = table_put(t->seen, path, len, &found);
	if (found)
		x = *v;
	else {
		/*
		 * The whole path; a path of one level that is no top
		 * department's may also be the name of exactly one department
		 * anywhere. A longer path is never found by its last name.
		 */
		parts = dept_path_key(path, len, &p, NULL);
		x = unique(t, t->bypath, p.p, p.len, 1);
		if (x == NONE && parts == 1)
			x = unique(t, t->byname, p.p, p.len, 0);
		buf_free(&p);
		*v = x;
	}
	if (x == NONE)
		return DT_NONE;
	if (x == AMBIG)
		return DT_AMBIGUOUS;
	*id = x;
	return DT_FOUND;
}

size_t
dtree_like(const struct dtree *t, const char *path, size_t len, size_t *ids,
    size_t max)
{
	struct buf	 p = {0};
	const size_t	*v;
	size_t		 n = 0, x, leaf;
	int		 by_path;

	(void)dept_path_key(path, len, &p, &leaf);
	by_path = (v = table_get(t->bypath, p.p, p.len)) != NULL;
	if (!by_path && p.len > leaf)
		v = table_get(t->byname, p.p + leaf, p.len - leaf);
	for (x = v != NULL ? *v : NONE; x != NONE && n <= max;
	    x = by_path ? t->d[x].next_path : t->d[x].next_name) {
		if (n < max)
			ids[n] = x;
		n++;
	}
	buf_free(&p);
	return n;
}

void
dtree_path(const struct dtree *t, size_t id, struct buf *out)
{
	size_t	*up, n = 0, x;

	buf_reset(out);
	buf_add(out, "", 0);
	for (x = id; ; x = t->d[x].up) {
		n++;
		if (!t->d[x].joined)
			break;
	}
	up = xcalloc(n, sizeof(*up));
	for (n = 0, x = id; ; x = t->d[x].up) {
		up[n++] = x;
		if (!t->d[x].joined)
			break;
	}
	while (n-- > 0) {
		if (t->d[up[n]].nkey[0] == '\0')
			continue;
		if (out->len > 0)
			buf_addc(out, '/');
		buf_adds(out, t->d[up[n]].name);
	}
	free(up);
}

int
dtree_by_code(const struct dtree *t, const char *code, size_t *id)
{
	struct buf	 k = {0};
	const size_t	*v;

	if (code[0] == '\0')
		return 0;
	code_key(code, &k);
	v = table_get(t->bycode, k.p, k.len);
	buf_free(&k);
	if (v == NULL)
		return 0;
	*id = *v;
	return 1;
}

const char *
dtree_code(const struct dtree *t, size_t id)
{
	return t->d[id].code;
}

const char *
dtree_name(const struct dtree *t, size_t id)
{
	return t->d[id].name;
}

const char *
dtree_parent(const struct dtree *t, size_t id)
{
	return t->d[id].parent;
}

size_t
dtree_count(const struct dtree *t)
{
	return t->n;
}
