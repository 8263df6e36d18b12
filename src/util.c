/*
 * util: allocation that cannot fail, the growable buffer, UTF-8 helpers.
 * An allocation failure is not an input error the user can fix, so it ends
 * the program at once with exit status 2.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

const char *progname = "mikibridge";

void (*fatal_hook)(void);

void
fatal(const char *fmt, ...)
{
	va_list	 ap;

	struct buf	 m = {0};

	if (fatal_hook != NULL)
		fatal_hook();
	buf_printf(&m, "%s: ", progname);
	va_start(ap, fmt);
	buf_vprintf(&m, fmt, ap);
	va_end(ap);
	buf_addc(&m, '\n');
	fputs_safe(m.p, stderr);
	exit(2);
}

static void
nomem(void)
{
	fatal("out of memory");
}

void *
xmalloc(size_t n)
{
	void	*p;

	if ((p = malloc(n ? n : 1)) == NULL)
		nomem();
	return p;
}

void *
xcalloc(size_t n, size_t sz)
{
	void	*p;

	if ((p = calloc(n ? n : 1, sz ? sz : 1)) == NULL)
		nomem();
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	if ((p = realloc(p, n ? n : 1)) == NULL)
		nomem();
	return p;
}

void *
xreallocarray(void *p, size_t n, size_t sz)
{
	if (sz != 0 && n > SIZE_MAX / sz)
		nomem();
	return xrealloc(p, n * sz);
}

/*
 * Makes room for need elements of size bytes in p, whose room is *cap:
 * the room doubles (from 8), so that n calls that each add one element
 * cost O(n) copying whatever realloc does (ASan's and the Windows heap's
 * copy on every call, even to an unchanged size).
 */
void *
xgrow(void *p, size_t *cap, size_t need, size_t size)
{
	size_t	 c = *cap;

	if (need <= c)
		return p;
	if (c < 8)
		c = 8;
	while (c < need) {
		if (c > SIZE_MAX / 2)
			nomem();
		c *= 2;
	}
	p = xreallocarray(p, c, size);
	*cap = c;
	return p;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char	*p;

	p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
xasprintf(const char *fmt, ...)
{
	struct buf	 b = {0};
	va_list		 ap;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	return b.p;
}

void
buf_grow_slow(struct buf *b, size_t extra)
{
	size_t	 need;

	if (extra > SIZE_MAX - b->len - 1)
		nomem();
	need = b->len + extra + 1;
	if (need <= b->cap)
		return;
	/* Geometric growth keeps appends linear however large a field is. */
	if (b->cap < 64)
		b->cap = 64;
	while (b->cap < need)
		b->cap = b->cap > SIZE_MAX / 2 ? need : b->cap * 2;
	b->p = xrealloc(b->p, b->cap);
}

void
buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

/* Sized first, so a message quoting a long input value is never cut. */
void
buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	va_list	 aq;
	int	 n;

	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n < 0)
		nomem();
	buf_grow(b, (size_t)n);
	vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void
buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->cap > 0)
		b->p[0] = '\0';
}

void
buf_free(struct buf *b)
{
	free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
}

size_t
utf8_put(char *o, uint32_t cp)
{
	if (cp < 0x80) {
		o[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (char)(0xC0 | (cp >> 6));
		o[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (char)(0xE0 | (cp >> 12));
		o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (char)(0xF0 | (cp >> 18));
	o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* Decodes one character of valid UTF-8; *adv gets its length (at least 1). */
uint32_t
utf8_get(const char *s, size_t len, size_t *adv)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 n, i;
	uint32_t		 cp;

	if (len == 0) {
		*adv = 0;
		return 0;
	}
	if (u[0] < 0x80) {
		*adv = 1;
		return u[0];
	}
	if (u[0] >= 0xF0) {
		n = 4;
		cp = u[0] & 0x07;
	} else if (u[0] >= 0xE0) {
		n = 3;
		cp = u[0] & 0x0F;
	} else {
		n = 2;
		cp = u[0] & 0x1F;
	}
	if (n > len)
		n = len;
	for (i = 1; i < n; i++)
		cp = (cp << 6) | (u[i] & 0x3F);
	*adv = n;
	return cp;
}

/* The length of the valid UTF-8 character at u, or 0. */
static size_t
utf8_valid(const unsigned char *u, size_t len)
{
	size_t		 n, i;
	unsigned char	 lo = 0x80, hi = 0xBF;

	if (u[0] >= 0xC2 && u[0] <= 0xDF)
		n = 2;
	else if (u[0] >= 0xE0 && u[0] <= 0xEF) {
		n = 3;
		if (u[0] == 0xE0)
			lo = 0xA0;
		else if (u[0] == 0xED)
			hi = 0x9F;
	} else if (u[0] >= 0xF0 && u[0] <= 0xF4) {
		n = 4;
		if (u[0] == 0xF0)
			lo = 0x90;
		else if (u[0] == 0xF4)
			hi = 0x8F;
	} else
		return 0;
	if (n > len)
		return 0;
	for (i = 1; i < n; i++, lo = 0x80, hi = 0xBF)
		if (u[i] < lo || u[i] > hi)
			return 0;
	return n;
}

void
buf_add_safe(struct buf *out, const char *s, size_t len, int json)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 i = 0, n;

	while (i < len) {
		if ((u[i] >= 0x20 && u[i] < 0x7F) || (u[i] == '\n' && !json)) {
			if (json && (u[i] == '"' || u[i] == '\\'))
				buf_addc(out, '\\');
			buf_addc(out, (char)u[i++]);
		} else if (u[i] < 0x80) {
			/* C0 controls and DEL: ESC would reach the terminal. */
			buf_printf(out, json ? "\\u%04X" : "\\x%02X", u[i++]);
		} else if ((n = utf8_valid(u + i, len - i)) == 0) {
			/* Not UTF-8 (a CP932 file name): the byte as text. */
			buf_printf(out, json ? "\\\\x%02X" : "\\x%02X", u[i++]);
		} else if (n == 2 && u[i] == 0xC2 && u[i + 1] < 0xA0) {
			/* C1 controls, U+0080..U+009F (CSI is U+009B). */
			buf_printf(out, "\\u%04X", u[i + 1]);
			i += 2;
		} else {
			buf_add(out, s + i, n);
			i += n;
		}
	}
	if (out->cap == 0)
		buf_add(out, "", 0);
}

void
buf_add_text(struct buf *out, const char *s, size_t len)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 i = 0, n;

	while (i < len)
		if (u[i] < 0x80)
			buf_addc(out, (char)u[i++]);
		else if ((n = utf8_valid(u + i, len - i)) == 0)
			buf_printf(out, "\\x%02X", u[i++]);
		else {
			buf_add(out, s + i, n);
			i += n;
		}
	if (out->cap == 0)
		buf_add(out, "", 0);
}

void
fputs_safe(const char *s, FILE *fp)
{
	struct buf	 b = {0};

	buf_add_safe(&b, s, strlen(s), 0);
	fputs(b.p, fp);
	buf_free(&b);
}
