/*
 * fuzz_kana: the normalizations of names and keys on any valid UTF-8 (the
 * longest valid prefix of the input; decoded fields are never anything
 * else).
 *
 * Promises checked: every output is valid UTF-8; no half-width katakana
 * survives kana_normalize, nor hiragana with KANA_HIRAGANA; every form is
 * idempotent — a key computed from a key is the same key, since keys from
 * two files are compared, and a value written by one run is read by the
 * next; an email key has no capital letters, a name key is folded.
 */
#include <string.h>

#include "enc.h"
#include "fuzz.h"
#include "kana.h"
#include "key.h"
#include "util.h"

typedef void keyfn(const char *, size_t, struct buf *);

static void
check_utf8(const struct buf *b)
{
	FUZZ_CHECK(b->len == 0 || enc_utf8_check(b->p, b->len) == b->len);
}

static int
same(const struct buf *a, const struct buf *b)
{
	return a->len == b->len && (a->len == 0 ||
	    memcmp(a->p, b->p, a->len) == 0);
}

static void
check_kana(const char *s, size_t len, int flags)
{
	struct buf	 o = {0}, o2 = {0};
	size_t		 i, adv;
	uint32_t	 cp;

	kana_normalize(s, len, flags, &o);
	check_utf8(&o);
	for (i = 0; i < o.len; i += adv) {
		cp = utf8_get(o.p + i, o.len - i, &adv);
		FUZZ_CHECK(cp < 0xFF61 || cp > 0xFF9F);
		if (flags & KANA_HIRAGANA)
			FUZZ_CHECK(cp < 0x3041 || cp > 0x3096);
	}
	kana_normalize(o.p, o.len, flags, &o2);
	FUZZ_CHECK(same(&o, &o2));
	buf_free(&o);
	buf_free(&o2);
}

static void
check_key(keyfn *fn, const char *s, size_t len, struct buf *o)
{
	struct buf	 o2 = {0};

	fn(s, len, o);
	check_utf8(o);
	fn(o->p, o->len, &o2);
	if (!same(o, &o2)) {
		fprintf(stderr, "key \"%.*s\" gives \"%.*s\"\n", (int)o->len,
		    o->p, (int)o2.len, o2.p);
		FUZZ_FAIL("a key's key is the key itself");
	}
	buf_free(&o2);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char	*s = (const char *)data;
	struct buf	 o = {0}, f = {0};
	size_t		 len, i;

	len = enc_utf8_check(s, size);
	check_kana(s, len, 0);
	check_kana(s, len, KANA_HIRAGANA);

	check_key(key_email, s, len, &o);
	for (i = 0; i < o.len; i++)
		FUZZ_CHECK(o.p[i] < 'A' || o.p[i] > 'Z');
	check_key(key_number, s, len, &o);
	check_key(key_name, s, len, &o);
	enc_fold(o.p, o.len, &f);
	FUZZ_CHECK(same(&o, &f));
	buf_free(&o);
	buf_free(&f);
	return 0;
}
