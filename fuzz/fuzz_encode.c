/*
 * fuzz_encode: the writer's encoders on any text. The input is cut to its
 * longest valid UTF-8 prefix (the writer only ever sees decoded text) and
 * encoded to CP932 and to UTF-8, with and without escaping.
 *
 * Promises checked (SPEC §3): no '?' appears that the text did not hold
 * (no //TRANSLIT); an escaping encoder never fails; a character refused is
 * one of the text's own; UTF-8 passes through unchanged; CP932 output is
 * valid CP932 that decodes back to the text after the converter fold, so
 * what the writer writes, the reader reads back the same.
 */
#include <string.h>

#include "enc.h"
#include "fuzz.h"
#include "util.h"

static int
has_qmark(const char *s, size_t len)
{
	return len > 0 && memchr(s, '?', len) != NULL;
}

static int
same(const char *a, size_t alen, const char *b, size_t blen)
{
	return alen == blen && (alen == 0 || memcmp(a, b, alen) == 0);
}

/* memmem is not POSIX. */
static int
contains(const char *s, size_t len, const char *w, size_t wlen)
{
	size_t	 i;

	for (i = 0; i + wlen <= len; i++)
		if (memcmp(s + i, w, wlen) == 0)
			return 1;
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct codec *c;
	const char	*s = (const char *)data;
	struct buf	 folded = {0}, raw = {0}, esc = {0}, back = {0};
	struct buf	 u8 = {0};
	size_t		 len, bad;
	uint32_t	 badcp = 0;
	char		 ch[4];
	int		 k, q;

	if (c == NULL)
		c = codec_new();
	len = enc_utf8_check(s, size);
	q = has_qmark(s, len);
	enc_fold(s, len, &folded);

	/* UTF-8 output is the text itself, escaping or not. */
	FUZZ_CHECK(codec_encode(c, ENC_UTF8, s, len, &u8, 0, &badcp) == 0);
	FUZZ_CHECK(same(u8.p, u8.len, s, len));
	buf_reset(&u8);
	FUZZ_CHECK(codec_encode(c, ENC_UTF8, s, len, &u8, 1, &badcp) == 0);
	FUZZ_CHECK(same(u8.p, u8.len, s, len));

	/* CP932 with escaping: never fails, never '?', always readable. */
	FUZZ_CHECK(codec_encode(c, ENC_CP932, s, len, &esc, 1, &badcp) == 0);
	FUZZ_CHECK(q || !has_qmark(esc.p, esc.len));
	FUZZ_CHECK(enc_cp932_check(esc.p, esc.len) == esc.len);
	FUZZ_CHECK(codec_decode(c, ENC_CP932, esc.p, esc.len, &back, &bad) ==
	    0);

	/* CP932 without: the folded text back, or a character of the text. */
	k = codec_encode(c, ENC_CP932, s, len, &raw, 0, &badcp);
	if (k == 0) {
		FUZZ_CHECK(q || !has_qmark(raw.p, raw.len));
		FUZZ_CHECK(same(raw.p, raw.len, esc.p, esc.len));
		FUZZ_CHECK(enc_cp932_check(raw.p, raw.len) == raw.len);
		buf_reset(&back);
		FUZZ_CHECK(codec_decode(c, ENC_CP932, raw.p, raw.len, &back,
		    &bad) == 0);
		if (!same(back.p, back.len, folded.p, folded.len)) {
			fprintf(stderr, "round trip: \"%.*s\" came back as "
			    "\"%.*s\"\n", (int)folded.len, folded.p,
			    (int)back.len, back.p);
			FUZZ_FAIL("CP932 output decodes to the folded text");
		}
	} else {
		FUZZ_CHECK(k == -1);
		FUZZ_CHECK(badcp >= 0x80 && badcp <= 0x10FFFF);
		FUZZ_CHECK(contains(folded.p, folded.len, ch, utf8_put(ch, badcp)));
	}
	buf_free(&folded);
	buf_free(&raw);
	buf_free(&esc);
	buf_free(&back);
	buf_free(&u8);
	return 0;
}
