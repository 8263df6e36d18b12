/*
 * re: PCRE2 patterns on UTF-8 text. A thin layer so that no other module
 * includes pcre2.h.
 */
#ifndef RE_H
#define RE_H

#include <stddef.h>

struct re;

/* Returns NULL and fills err (with the offset) when the pattern is bad. */
struct re	*re_compile(const char *pattern, char *err, size_t errlen);
int		 re_match(struct re *, const char *s, size_t len);
void		 re_free(struct re *);

#endif
