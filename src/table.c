/*
 * table: open addressing over an array of entry indices; entries (key
 * offset, length, value) live in insertion order in their own array, so
 * iteration order is the order keys were first seen and is deterministic.
 *
 * Sized for half a million keys and more: a slot is a 32-bit entry index
 * and an entry 24 bytes (the hash kept in 32 bits, enough to skip most
 * unequal keys without touching them), so a key costs 32 to 40 bytes
 * besides its text. Past MAX_KEYS keys (some 50 GB of entries) the
 * program stops as it does when memory runs out.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "table.h"
#include "util.h"

#define MAX_KEYS	(((size_t)1 << 31) - 1)

struct entry {
	size_t	 off;		/* key offset in the arena */
	size_t	 value;
	uint32_t len;
	uint32_t hash;
};

struct table {
	uint32_t	*slot;		/* entry index + 1; 0 = empty */
	size_t		 nslot;		/* power of two */
	struct entry	*ent;
	size_t		 n, cap;
	struct buf	 keys;		/* the arena */
};

static uint64_t
hash(const char *s, size_t len)
{
	uint64_t	 h = 1469598103934665603ULL;	/* FNV-1a */
	size_t		 i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	return h ^ (h >> 29);
}

/*
 * What an entry keeps of a hash: its low 32 bits, which also give the
 * slot (nslot stays at most 2^32 as keys stay under 2^31).
 */
static uint32_t
tag(uint64_t h)
{
	return (uint32_t)h;
}

struct table *
table_new(void)
{
	struct table	*t;

	t = xcalloc(1, sizeof(*t));
	t->nslot = 64;
	t->slot = xcalloc(t->nslot, sizeof(*t->slot));
	return t;
}

void
table_free(struct table *t)
{
	if (t == NULL)
		return;
	free(t->slot);
	free(t->ent);
	buf_free(&t->keys);
	free(t);
}

static size_t *
find(const struct table *t, const char *key, size_t len, uint64_t h,
    size_t *at)
{
	uint32_t	 g = tag(h);
	size_t		 i = (size_t)g & (t->nslot - 1), e;

	while ((e = t->slot[i]) != 0) {
		const struct entry *x = &t->ent[e - 1];

		if (x->hash == g && x->len == len &&
		    memcmp(t->keys.p + x->off, key, len) == 0)
			return &t->ent[e - 1].value;
		i = (i + 1) & (t->nslot - 1);
	}
	*at = i;
	return NULL;
}

static void
grow(struct table *t)
{
	size_t	 i, j;

	free(t->slot);
	t->nslot *= 2;
	t->slot = xcalloc(t->nslot, sizeof(*t->slot));
	for (i = 0; i < t->n; i++) {
		j = (size_t)t->ent[i].hash & (t->nslot - 1);
		while (t->slot[j] != 0)
			j = (j + 1) & (t->nslot - 1);
		t->slot[j] = (uint32_t)(i + 1);
	}
}

size_t *
table_put(struct table *t, const char *key, size_t len, int *found)
{
	uint64_t	 h = hash(key, len);
	size_t		*v, at;

	if ((v = find(t, key, len, h, &at)) != NULL) {
		*found = 1;
		return v;
	}
	*found = 0;
	if (t->n == MAX_KEYS || len > UINT32_MAX)
		fatal("out of memory (more than %zu keys in one table, or a key "
		    "of 4 GiB)", MAX_KEYS);
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 64;
		t->ent = xreallocarray(t->ent, t->cap, sizeof(*t->ent));
	}
	t->ent[t->n].off = t->keys.len;
	t->ent[t->n].len = (uint32_t)len;
	t->ent[t->n].value = 0;
	t->ent[t->n].hash = tag(h);
	buf_add(&t->keys, key, len);
	buf_addc(&t->keys, '\0');
	t->slot[at] = (uint32_t)++t->n;
	if (t->n * 2 > t->nslot)
		grow(t);
	return &t->ent[t->n - 1].value;
}

size_t *
table_get(const struct table *t, const char *key, size_t len)
{
	size_t	 at;

	return find(t, key, len, hash(key, len), &at);
}

size_t
table_count(const struct table *t)
{
	return t->n;
}

const char *
table_key(const struct table *t, size_t i, size_t *len)
{
	*len = t->ent[i].len;
	return t->keys.p + t->ent[i].off;
}
