/*
 * t_table: the hash map every flow keeps its keys in. Keys are byte
 * strings (NUL and the empty key included), values stay with their keys
 * while the table grows, and iteration gives the keys in the order they
 * were first put.
 */
#include <stdio.h>
#include <string.h>

#include "tap.h"
#include "table.h"

#define MANY	200000		/* several doublings of the slots */

int
main(void)
{
	struct table	*t;
	size_t		*v, i, len, bad;
	const char	*k;
	char		 key[32];
	int		 found, n;

	t = table_new();
	CHECK(table_count(t) == 0);
	CHECK(table_get(t, "a", 1) == NULL);

	/* A new key: not found, value 0; the same key again: found. */
	v = table_put(t, "a", 1, &found);
	CHECK(v != NULL && !found && *v == 0);
	*v = 7;
	v = table_put(t, "a", 1, &found);
	CHECK(found && *v == 7);
	CHECK(table_count(t) == 1);

	/* Keys are bytes: a NUL inside, a prefix and the empty key differ. */
	*table_put(t, "a\0b", 3, &found) = 8;
	CHECK(!found);
	*table_put(t, "", 0, &found) = 9;
	CHECK(!found);
	*table_put(t, "ab", 2, &found) = 10;
	CHECK(!found);
	CHECK(table_count(t) == 4);
	CHECK((v = table_get(t, "a\0b", 3)) != NULL && *v == 8);
	CHECK((v = table_get(t, "", 0)) != NULL && *v == 9);
	CHECK((v = table_get(t, "a", 1)) != NULL && *v == 7);
	CHECK(table_get(t, "a\0c", 3) == NULL);
	CHECK(table_get(t, "b", 1) == NULL);

	/* Insertion order, with each key's length. */
	k = table_key(t, 0, &len);
	CHECK_MEM(k, len, "a", 1);
	k = table_key(t, 1, &len);
	CHECK_MEM(k, len, "a\0b", 3);
	k = table_key(t, 2, &len);
	CHECK(len == 0 && k[0] == '\0');
	k = table_key(t, 3, &len);
	CHECK_MEM(k, len, "ab", 2);
	table_free(t);

	/*
	 * Many keys: every value is still there after the slots have been
	 * rebuilt many times, absent keys stay absent, and the order holds.
	 */
	t = table_new();
	for (i = 0; i < MANY; i++) {
		n = snprintf(key, sizeof(key), "user%zu@example.jp", i);
		*table_put(t, key, (size_t)n, &found) = i * 3;
		if (found)
			break;
	}
	CHECK(i == MANY);
	CHECK(table_count(t) == MANY);
	for (bad = 0, i = 0; i < MANY; i++) {
		n = snprintf(key, sizeof(key), "user%zu@example.jp", i);
		v = table_get(t, key, (size_t)n);
		if (v == NULL || *v != i * 3)
			bad++;
		k = table_key(t, i, &len);
		if (len != (size_t)n || memcmp(k, key, len) != 0)
			bad++;
		n = snprintf(key, sizeof(key), "user%zu@example.com", i);
		if (table_get(t, key, (size_t)n) != NULL)
			bad++;
	}
	CHECK(bad == 0);
	/* A put of an existing key neither adds nor moves it. */
	*table_put(t, "user5@example.jp", 16, &found) += 1;
	CHECK(found && table_count(t) == MANY);
	CHECK((v = table_get(t, "user5@example.jp", 16)) != NULL && *v == 16);
	table_free(t);
	table_free(NULL);
	return tap_done();
}
