/*
 * table: a hash map from byte-string keys (emails, 社員番号, 部署コード,
 * names) to a size_t value, usually an index into the caller's array.
 * Keys are copied into one arena, so memory follows the keys, not the
 * records they came from. Open addressing, linear probing, power-of-two
 * capacity kept under 50 % load.
 */
#ifndef TABLE_H
#define TABLE_H

#include <stddef.h>

struct table;

struct table	*table_new(void);
void		 table_free(struct table *);

/*
 * The value slot of key, created (value 0) when absent; *found tells which.
 * The pointer is valid until the next table_put.
 */
size_t		*table_put(struct table *, const char *key, size_t len,
		    int *found);

/* The value slot of key, or NULL. */
size_t		*table_get(const struct table *, const char *key, size_t len);

size_t		 table_count(const struct table *);

/* The i-th key (0 <= i < table_count) in insertion order. */
const char	*table_key(const struct table *, size_t i, size_t *len);

#endif
