/*
 * key: comparison forms. Each appends to out after resetting it.
 */
#include <string.h>

#include "enc.h"
#include "key.h"
#include "norm.h"

/*
 * The fold comes first: it turns U+2212 and U+301C into the full-width
 * U+FF0D and U+FF5E, which norm_ascii then makes '-' and '~'. The other
 * order left "a−b" as "a－b" while "a－b" became "a-b", so one value spelled
 * two ways matched nothing (found by fuzzing).
 */
void
key_ascii(const char *s, size_t len, struct buf *out)
{
	struct buf	 t = {0};
	size_t		 i;

	buf_reset(out);
	for (i = 0; i < len && (unsigned char)s[i] < 0x80; i++)
		continue;
	/* Neither step changes ASCII, the usual value: no copy, no allocation. */
	if (i == len) {
		buf_add(out, s, len);
		return;
	}
	enc_fold(s, len, &t);
	norm_ascii(t.p, t.len, out);
	buf_free(&t);
}

void
key_email(const char *s, size_t len, struct buf *out)
{
	size_t	 i;

	key_ascii(s, len, out);
	for (i = 0; i < out->len; i++)
		if (out->p[i] >= 'A' && out->p[i] <= 'Z')
			out->p[i] = (char)(out->p[i] - 'A' + 'a');
}

void
key_number(const char *s, size_t len, struct buf *out)
{
	key_ascii(s, len, out);
}

/* In place, with no buffer of its own: it runs once a record. */
void
key_number_zeros(const char *s, size_t len, struct buf *out)
{
	size_t	 i, z = 0;

	key_number(s, len, out);
	for (i = 0; i < out->len; i++)
		if (out->p[i] < '0' || out->p[i] > '9')
			return;
	while (z + 1 < out->len && out->p[z] == '0')
		z++;
	if (z > 0) {
		memmove(out->p, out->p + z, out->len - z);
		out->len -= z;
		out->p[out->len] = '\0';
	}
}

void
key_zeros(const char *k, size_t len, struct buf *out)
{
	size_t	 i, z = 0;

	buf_reset(out);
	for (i = 0; i < len; i++)
		if (k[i] < '0' || k[i] > '9')
			break;
	if (i == len)
		while (z + 1 < len && k[z] == '0')
			z++;
	buf_add(out, k + z, len - z);
}

void
key_name(const char *s, size_t len, struct buf *out)
{
	buf_reset(out);
	enc_fold(s, len, out);
}
