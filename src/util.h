/*
 * util: what every module needs and nothing more — allocation that cannot
 * fail (an allocation failure ends the program with a message), a growable
 * byte buffer, and the program's name for messages.
 */
#ifndef UTIL_H
#define UTIL_H

#include <stdarg.h>
#include <stdio.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

extern const char *progname;	/* "mikibridge", for every message */

/*
 * The one way out of the program below the command layer: prints
 * "mikibridge: message" and exits with status 2, after running the
 * clean-up hook (ofile sets it to remove its temporary files, which hold
 * personal data).
 */
void	 fatal(const char *fmt, ...)
	    __attribute__((format(printf, 1, 2), noreturn));
extern void (*fatal_hook)(void);

void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xrealloc(void *, size_t);
void	*xreallocarray(void *, size_t, size_t);
void	*xgrow(void *, size_t *cap, size_t need, size_t size);
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

void	 buf_grow_slow(struct buf *, size_t extra);
void	 buf_adds(struct buf *, const char *);
void	 buf_printf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	 buf_vprintf(struct buf *, const char *, va_list)
	    __attribute__((format(printf, 2, 0)));
void	 buf_reset(struct buf *);
void	 buf_free(struct buf *);

/*
 * Room for extra more bytes and the NUL. Inline, as are the two appends
 * below: they run for every field, and the call was most of their cost.
 */
static inline void
buf_grow(struct buf *b, size_t extra)
{
	if (extra >= b->cap - b->len)	/* cap 0 (len 0) always grows */
		buf_grow_slow(b, extra);
}

static inline void
buf_add(struct buf *b, const void *s, size_t n)
{
	buf_grow(b, n);
	if (n > 0)
		memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static inline void
buf_addc(struct buf *b, char c)
{
	buf_grow(b, 1);
	b->p[b->len++] = c;
	b->p[b->len] = '\0';
}

/* UTF-8 helpers for text already known to be valid. */
size_t	 utf8_put(char *out, uint32_t cp);	/* returns 1..4 */

/*
 * Appends s for a terminal, standard error or (json set) a JSON string:
 * C0 controls but the line feed, and DEL, as \x1B (JSON: every C0 control,
 * as \u001B), C1 controls as \u009B, a
 * byte that is not UTF-8 (a CP932 file name) as the text \xFF (JSON:
 * \\xFF), and in JSON '"' and '\' escaped. Valid UTF-8 text is unchanged,
 * so an escape sequence from the data never reaches a terminal, and the
 * JSON summary is always valid UTF-8.
 */
void	 buf_add_safe(struct buf *, const char *s, size_t len, int json);
void	 fputs_safe(const char *s, FILE *fp);	/* buf_add_safe, to fp */
/* Appends s with only its bytes that are not UTF-8 written as \xFF. */
void	 buf_add_text(struct buf *, const char *s, size_t len);
uint32_t utf8_get(const char *s, size_t len, size_t *adv);

#endif
