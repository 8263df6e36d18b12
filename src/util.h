/*
 * util: what every module needs and nothing more — allocation that cannot
 * fail (an allocation failure ends the program with a message), a growable
 * byte buffer, and the program's name for messages.
 */
#ifndef UTIL_H
#define UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

extern const char *progname;	/* "mikibridge", for every message */

void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xrealloc(void *, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
char	*xasprintf(const char *, ...)
	    __attribute__((format(printf, 1, 2)));

/* A growable byte buffer; p is always NUL-terminated when cap > 0. */
struct buf {
	char	*p;
	size_t	 len;
	size_t	 cap;
};

void	 buf_grow(struct buf *, size_t extra);
void	 buf_add(struct buf *, const void *, size_t);
void	 buf_adds(struct buf *, const char *);
void	 buf_addc(struct buf *, char);
void	 buf_printf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	 buf_vprintf(struct buf *, const char *, va_list)
	    __attribute__((format(printf, 2, 0)));
void	 buf_reset(struct buf *);
void	 buf_free(struct buf *);

/* UTF-8 helpers for text already known to be valid. */
size_t	 utf8_put(char *out, uint32_t cp);	/* returns 1..4 */
uint32_t utf8_get(const char *s, size_t len, size_t *adv);

#endif
