/*
 * norm: shared text normalizations on valid UTF-8.
 */
#include <string.h>

#include "kana.h"
#include "norm.h"

/* U+3000 IDEOGRAPHIC SPACE is E3 80 80. */
static int
space_at(const char *s, size_t len, size_t i, size_t *w)
{
	if (s[i] == ' ' || s[i] == '\t') {
		*w = 1;
		return 1;
	}
	if (i + 3 <= len && memcmp(s + i, "\xE3\x80\x80", 3) == 0) {
		*w = 3;
		return 1;
	}
	return 0;
}

size_t
norm_trim(const char *s, size_t len, size_t *start)
{
	size_t	 b = 0, e = len, w;

	while (b < e && space_at(s, e, b, &w))
		b += w;
	for (;;) {
		if (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t'))
			e--;
		else if (e >= b + 3 && memcmp(s + e - 3, "\xE3\x80\x80", 3) == 0)
			e -= 3;
		else
			break;
	}
	*start = b;
	return e - b;
}

void
norm_ascii(const char *s, size_t len, struct buf *out)
{
	size_t		 i = 0, start = 0, adv;
	uint32_t	 cp;
	const char	*q;

	buf_grow(out, len);
	while (i < len) {
		/* U+FF01..U+FF5E are EF BC 81..EF BD 9E. */
		if ((q = memchr(s + i, 0xEF, len - i)) == NULL)
			break;
		i = (size_t)(q - s);
		cp = utf8_get(s + i, len - i, &adv);
		if (cp >= 0xFF01 && cp <= 0xFF5E) {
			buf_add(out, s + start, i - start);
			buf_addc(out, (char)(cp - 0xFF01 + 0x21));
			start = i + adv;
		}
		i += adv;
	}
	buf_add(out, s + start, len - start);
}

void
norm_header(const char *s, size_t len, struct buf *out)
{
	struct buf	 a = {0}, t = {0};
	size_t		 i, w;

	norm_ascii(s, len, &a);
	kana_normalize(a.p != NULL ? a.p : "", a.len, 0, &t);
	buf_free(&a);
	for (i = 0; i < t.len; ) {
		if (space_at(t.p, t.len, i, &w)) {
			i += w;
			continue;
		}
		if (i + 3 <= t.len && memcmp(t.p + i, "\xEF\xBB\xBF", 3) == 0) {
			i += 3;
			continue;
		}
		buf_addc(out, t.p[i]);
		i++;
	}
	if (out->cap == 0)
		buf_add(out, "", 0);
	buf_free(&t);
}
