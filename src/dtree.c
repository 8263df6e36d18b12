/*
 * dtree: departments in an array, three tables over it (code, path key,
 * name key). A path key is the trimmed, key_name-folded names from the top
 * joined by '/'. A table value of AMBIG marks a path or name that belongs
 * to two departments.
 */
#include <stdlib.h>
#include <string.h>

#include "dtree.h"
#include "key.h"
#include "norm.h"
#include "table.h"
#include "util.h"

#define NONE	((size_t)-1)
#define AMBIG	((size_t)-2)

struct dept {
	char	*code, *name;
	char	*parent;	/* as given; NULL with an explicit path */
	char	*path;		/* the explicit path (staircase), or NULL */
	int	 by_ref;
	size_t	 up;		/* resolved parent, or NONE */
	char	*nkey, *pkey;	/* name and path keys, set by dtree_build */
};

struct dtree {
	struct dept	*d;
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
clear(struct dept *d)
{
	free(d->code);
	free(d->name);
	free(d->parent);
	free(d->path);
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

/* The slot for code: the department with that code, replaced, or a new one. */
static struct dept *
slot(struct dtree *t, const char *code)
{
	size_t	*v = NULL;
	int	 found = 0;

	if (code[0] != '\0')
		v = table_put(t->bycode, code, strlen(code), &found);
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
    const char *parent, int by_ref)
{
	struct dept	*d = slot(t, code);

	d->code = xstrdup(code);
	d->name = xstrdup(name);
	d->parent = xstrdup(parent != NULL ? parent : "");
	d->by_ref = by_ref;
}

void
dtree_add_path(struct dtree *t, const char *code, const char *path)
{
	struct dept	*d = slot(t, code);
	const char	*leaf = strrchr(path, '/');

	d->code = xstrdup(code);
	d->name = xstrdup(leaf != NULL ? leaf + 1 : path);
	d->path = xstrdup(path);
}

/*
 * The key of a path: components trimmed, empty ones dropped, each folded
 * by key_name, joined by '/'. leaf (if not NULL) gets the last component's
 * key.
 */
static void
path_key(const char *s, size_t len, struct buf *out, struct buf *leaf)
{
	struct buf	 k = {0};
	const char	*e = s + len, *slash;
	size_t		 start, n;

	buf_reset(out);
	buf_add(out, "", 0);
	if (leaf != NULL) {
		buf_reset(leaf);
		buf_add(leaf, "", 0);
	}
	while (s <= e) {
		if ((slash = memchr(s, '/', (size_t)(e - s))) == NULL)
			slash = e;
		n = norm_trim(s, (size_t)(slash - s), &start);
		if (n > 0) {
			key_name(s + start, n, &k);
			if (out->len > 0)
				buf_addc(out, '/');
			buf_add(out, k.p, k.len);
			if (leaf != NULL) {
				buf_reset(leaf);
				buf_add(leaf, k.p, k.len);
			}
		}
		s = slash + 1;
	}
	buf_free(&k);
}

/* Puts key -> id, or AMBIG when another department has it. */
static void
index_key(struct table *t, const char *key, size_t id)
{
	size_t	*v;
	int	 found;

	if (key[0] == '\0')
		return;
	v = table_put(t, key, strlen(key), &found);
	if (!found)
		*v = id;
	else if (*v != id)
		*v = AMBIG;
}

static size_t
unique(const struct table *t, const char *key, size_t len)
{
	const size_t	*v;

	if (len == 0 || (v = table_get(t, key, len)) == NULL)
		return NONE;
	return *v;
}

static size_t
resolve_parent(const struct dtree *t, size_t i, struct buf *k)
{
	const struct dept *d = &t->d[i];
	const size_t	*v;
	size_t		 id;

	if (d->parent[0] == '\0')
		return NONE;
	if ((v = table_get(t->bycode, d->parent, strlen(d->parent))) != NULL)
		return *v == i ? NONE : *v;
	if (!d->by_ref)
		return NONE;
	path_key(d->parent, strlen(d->parent), &k[0], &k[1]);
	id = unique(t->byname, k[1].p, k[1].len);
	return id == AMBIG || id == i ? NONE : id;
}

void
dtree_build(struct dtree *t)
{
	struct buf	 k[2] = {{0}};
	unsigned char	*state;		/* 0 new, 1 on the current chain, 2 done */
	size_t		*chain, nc, i, x;

	table_free(t->bypath);
	table_free(t->byname);
	table_free(t->seen);
	t->bypath = table_new();
	t->byname = table_new();
	t->seen = table_new();
	for (i = 0; i < t->n; i++) {
		struct dept *d = &t->d[i];

		/* A name holding '/' keeps it: its path then has one more part. */
		free(d->nkey);
		path_key(d->name, strlen(d->name), &k[0], NULL);
		d->nkey = xstrdup(k[0].p);
		index_key(t->byname, d->nkey, i);
	}
	for (i = 0; i < t->n; i++)
		t->d[i].up = t->d[i].path != NULL ? NONE :
		    resolve_parent(t, i, k);
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
			struct dept *d = &t->d[chain[nc]];

			buf_reset(&k[0]);
			if (d->path != NULL)
				path_key(d->path, strlen(d->path), &k[0], NULL);
			else {
				if (d->up != NONE && state[d->up] == 2 &&
				    t->d[d->up].pkey[0] != '\0') {
					buf_adds(&k[0], t->d[d->up].pkey);
					buf_addc(&k[0], '/');
				}
				buf_adds(&k[0], d->nkey);
			}
			free(d->pkey);
			d->pkey = xstrdup(k[0].p ? k[0].p : "");
			state[chain[nc]] = 2;
		}
	}
	for (i = 0; i < t->n; i++)
		index_key(t->bypath, t->d[i].pkey, i);
	free(state);
	free(chain);
	buf_free(&k[0]);
	buf_free(&k[1]);
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
	struct buf	 p = {0}, leaf = {0};
	size_t		 x, *v;
	int		 found;

	if (t->seen == NULL)
		t->seen = table_new();
	v = table_put(t->seen, path, len, &found);
	if (found)
		x = *v;
	else {
		path_key(path, len, &p, &leaf);
		if ((x = unique(t->bypath, p.p, p.len)) == NONE)
			x = unique(t->byname, leaf.p, leaf.len);
		buf_free(&p);
		buf_free(&leaf);
		*v = x;
	}
	if (x == NONE)
		return DT_NONE;
	if (x == AMBIG)
		return DT_AMBIGUOUS;
	*id = x;
	return DT_FOUND;
}

int
dtree_by_code(const struct dtree *t, const char *code, size_t *id)
{
	const size_t	*v;

	if (code[0] == '\0' ||
	    (v = table_get(t->bycode, code, strlen(code))) == NULL)
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

size_t
dtree_count(const struct dtree *t)
{
	return t->n;
}
