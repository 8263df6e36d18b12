/*
 * key: comparison forms. Each appends to out after resetting it.
 */
#include "enc.h"
#include "key.h"
#include "norm.h"

void
key_email(const char *s, size_t len, struct buf *out)
{
	struct buf	 t = {0};
	size_t		 i;

	buf_reset(out);
	norm_ascii(s, len, &t);
	enc_fold(t.p, t.len, out);
	for (i = 0; i < out->len; i++)
		if (out->p[i] >= 'A' && out->p[i] <= 'Z')
			out->p[i] = (char)(out->p[i] - 'A' + 'a');
	buf_free(&t);
}

void
key_number(const char *s, size_t len, struct buf *out)
{
	buf_reset(out);
	norm_ascii(s, len, out);
}

void
key_name(const char *s, size_t len, struct buf *out)
{
	buf_reset(out);
	enc_fold(s, len, out);
}
