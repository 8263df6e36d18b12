/*
 * t_enc: encoding names (SPEC §1), strict validation of UTF-8 and CP932
 * (§2), decoding CP932 with the Microsoft fix-ups, encoding for CP932
 * output (§3), and the detection of a file's encoding (§2). Expected bytes
 * come from the CP932 table (Microsoft's cp932.txt), not from iconv.
 * test_tables then checks the codec's tables against one iconv call per
 * field (codec_reference) for every CP932 code and every BMP code point.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "enc.h"
#include "util.h"
#include "tap.h"

#define B(s)	s, sizeof(s) - 1

static struct codec *codec;

/* Names. */

static void
test_names(void)
{
	static const struct {
		const char	*name;
		int		 rc;
		enum enc	 in;		/* enc_parse_input */
		int		 orc;
		enum enc	 out;		/* enc_parse_output */
	} t[] = {
		{ "auto", 0, ENC_AUTO, -1, ENC_AUTO },
		{ "AUTO", 0, ENC_AUTO, -1, ENC_AUTO },
		{ "utf-8", 0, ENC_UTF8, 0, ENC_UTF8 },
		{ "UTF-8", 0, ENC_UTF8, 0, ENC_UTF8 },
		{ "utf8", 0, ENC_UTF8, 0, ENC_UTF8 },
		{ "Utf8", 0, ENC_UTF8, 0, ENC_UTF8 },
		{ "cp932", 0, ENC_CP932, 0, ENC_CP932 },
		{ "CP932", 0, ENC_CP932, 0, ENC_CP932 },
		{ "sjis", 0, ENC_CP932, 0, ENC_CP932 },
		{ "SJIS", 0, ENC_CP932, 0, ENC_CP932 },
		{ "shift_jis", 0, ENC_CP932, 0, ENC_CP932 },
		{ "Shift_JIS", 0, ENC_CP932, 0, ENC_CP932 },
		{ "shift-jis", 0, ENC_CP932, 0, ENC_CP932 },
		{ "SHIFT-JIS", 0, ENC_CP932, 0, ENC_CP932 },
		{ "windows-31j", 0, ENC_CP932, 0, ENC_CP932 },
		{ "Windows-31J", 0, ENC_CP932, 0, ENC_CP932 },
		{ "ms932", 0, ENC_CP932, 0, ENC_CP932 },
		{ "MS932", 0, ENC_CP932, 0, ENC_CP932 },
		{ "utf-8-bom", -1, ENC_AUTO, 0, ENC_UTF8_BOM },
		{ "UTF-8-BOM", -1, ENC_AUTO, 0, ENC_UTF8_BOM },
		{ "", -1, ENC_AUTO, -1, ENC_AUTO },
		{ "latin1", -1, ENC_AUTO, -1, ENC_AUTO },
		{ "euc-jp", -1, ENC_AUTO, -1, ENC_AUTO },
		{ "shiftjis", -1, ENC_AUTO, -1, ENC_AUTO },
		{ "utf-16", -1, ENC_AUTO, -1, ENC_AUTO },
		{ "cp932 ", -1, ENC_AUTO, -1, ENC_AUTO },
		{ "utf-8x", -1, ENC_AUTO, -1, ENC_AUTO },
	};
	size_t		 i;
	enum enc	 e;

	for (i = 0; i < ARRAY_LEN(t); i++) {
		e = (enum enc)99;
		if (!CHECK(enc_parse_input(t[i].name, &e) == t[i].rc) ||
		    (t[i].rc == 0 && !CHECK(e == t[i].in)))
			fprintf(stderr, "  input name \"%s\"\n", t[i].name);
		e = (enum enc)99;
		if (!CHECK(enc_parse_output(t[i].name, &e) == t[i].orc) ||
		    (t[i].orc == 0 && !CHECK(e == t[i].out)))
			fprintf(stderr, "  output name \"%s\"\n", t[i].name);
	}
	CHECK_STR(enc_name(ENC_UTF8), "utf-8");
	CHECK_STR(enc_name(ENC_UTF8_BOM), "utf-8-bom");
	CHECK_STR(enc_name(ENC_CP932), "cp932");
}

/* Validation: the offset of the first invalid byte, or the length. */

struct check_case {
	const char	*s;
	size_t		 len;
	size_t		 bad;		/* expected result */
};

#define OK	((size_t)-1)		/* all valid: result is len */

static void
test_utf8_check(void)
{
	static const struct check_case t[] = {
		{ B(""), OK },
		{ B("abc"), OK },
		{ B("\xC2\x80"), OK },			/* U+0080 */
		{ B("\xDF\xBF"), OK },			/* U+07FF */
		{ B("\xE3\x81\x82"), OK },		/* あ */
		{ B("\xEF\xBF\xBD"), OK },		/* U+FFFD */
		{ B("\xED\x9F\xBF"), OK },		/* U+D7FF */
		{ B("\xEE\x80\x80"), OK },		/* U+E000 */
		{ B("\xF0\x90\x80\x80"), OK },		/* U+10000 */
		{ B("\xF0\xA0\xAE\xB7"), OK },		/* 𠮷 */
		{ B("\xF4\x8F\xBF\xBF"), OK },		/* U+10FFFF */
		/* Overlong forms. */
		{ B("\xC0\x80"), 0 },
		{ B("\xC1\xBF"), 0 },
		{ B("a\xE0\x80\x80"), 1 },
		{ B("\xE0\x9F\xBF"), 0 },
		{ B("\xF0\x80\x80\x80"), 0 },
		{ B("\xF0\x8F\xBF\xBF"), 0 },
		/* Surrogates. */
		{ B("\xED\xA0\x80"), 0 },
		{ B("ab\xED\xBF\xBF"), 2 },
		/* Past U+10FFFF. */
		{ B("\xF4\x90\x80\x80"), 0 },
		{ B("\xF5\x80\x80\x80"), 0 },
		{ B("\xF7\xBF\xBF\xBF"), 0 },
		{ B("\xF8\x88\x80\x80\x80"), 0 },
		{ B("\xFE"), 0 },
		{ B("\xFF"), 0 },
		/* Truncated and broken sequences. */
		{ B("\xC3"), 0 },
		{ B("x\xE3\x81"), 1 },
		{ B("\xE3\x81" "a"), 0 },
		{ B("\xF0\x9F\x98"), 0 },
		{ B("\xE3\x81\x82\xE3"), 3 },
		{ B("\x80"), 0 },
		{ B("a\xBF" "b"), 1 },
		{ B("\xC3\xC3\xA9"), 0 },
		/* NUL is invalid. */
		{ B("\0"), 0 },
		{ B("ab\0c"), 2 },
		{ B("\xE3\x81\x82\0"), 3 },
	};
	size_t	 i, want;

	for (i = 0; i < ARRAY_LEN(t); i++) {
		want = t[i].bad == OK ? t[i].len : t[i].bad;
		if (!CHECK(enc_utf8_check(t[i].s, t[i].len) == want))
			fprintf(stderr, "  utf-8 case %zu: got %zu, want %zu\n",
			    i, enc_utf8_check(t[i].s, t[i].len), want);
	}
}

static void
test_cp932_check(void)
{
	static const struct check_case t[] = {
		{ B(""), OK },
		{ B("abc\x7F"), OK },
		{ B("\x95\x5C"), OK },			/* 表 */
		{ B("\x87\x40"), OK },			/* ① */
		{ B("\xB1\xDF\xA1"), OK },		/* ｱﾟ｡ */
		{ B("\xC3\xBD"), OK },			/* ﾃｽ */
		{ B("\x81\x40\x9F\xFC\xE0\x40"), OK },
		{ B("\xED\x40"), OK },			/* NEC-selected IBM */
		{ B("\xEE\xEF\xEE\xFC"), OK },
		{ B("\xF0\x40\xF9\xFC"), OK },		/* user area */
		{ B("\xFA\x40\xFB\xFC\xFC\x4B"), OK },	/* IBM */
		/* Single bytes never valid. */
		{ B("\x80"), 0 },
		{ B("a\xA0"), 1 },
		{ B("\xFD"), 0 },
		{ B("ab\xFE"), 2 },
		{ B("\xFF\x40"), 0 },
		/* A lead byte at the end or before a byte no trail can be. */
		{ B("\x81"), 0 },
		{ B("ab\x95"), 2 },
		{ B("\x95\x5C\x95"), 2 },
		{ B("\x81\x3F"), 0 },
		{ B("\x81\x7F"), 0 },
		{ B("\x81\xFD"), 0 },
		{ B("\x81\x22"), 0 },
		{ B("\x81,"), 0 },
		{ B("\x81\n"), 0 },
		{ B("\x81\0"), 0 },
		/* Rows no converter assigns. */
		{ B("\x85\x40"), 0 },
		{ B("x\x85\x9F"), 1 },
		{ B("\x86\x40"), 0 },
		{ B("\x86\x9F"), 0 },
		{ B("\xEB\x40"), 0 },
		{ B("\xEC\x9F"), 0 },
		{ B("\xEF\x40"), 0 },
		{ B("\xEF\xFC"), 0 },
		/* NUL. */
		{ B("\0"), 0 },
		{ B("a\0"), 1 },
	};
	size_t	 i, want;

	for (i = 0; i < ARRAY_LEN(t); i++) {
		want = t[i].bad == OK ? t[i].len : t[i].bad;
		if (!CHECK(enc_cp932_check(t[i].s, t[i].len) == want))
			fprintf(stderr, "  cp932 case %zu: got %zu, want %zu\n",
			    i, enc_cp932_check(t[i].s, t[i].len), want);
	}
}

/* Decoding. */

struct dec_case {
	enum enc	 enc;
	const char	*s;
	size_t		 len;
	const char	*want;		/* NULL: refused at bad */
	size_t		 wantlen;
	size_t		 bad;
};

static void
test_decode(void)
{
	static const struct dec_case t[] = {
		{ ENC_CP932, B("abc"), B("abc"), 0 },
		{ ENC_CP932, B(""), B(""), 0 },
		{ ENC_CP932, B("\x95\x5C\x8E\xA6"), B("表示"), 0 },
		{ ENC_CP932, B("\x87\x40"), B("①"), 0 },
		{ ENC_CP932, B("\xB1"), B("\xEF\xBD\xB1"), 0 },	/* U+FF71 */
		{ ENC_CP932, B("\xC3\xBD"), B("ﾃｽ"), 0 },
		{ ENC_CP932, B("\x5C\x7E"), B("\\~"), 0 },
		/* User area: U+E000 and U+E757. */
		{ ENC_CP932, B("\xF0\x40"), B("\xEE\x80\x80"), 0 },
		{ ENC_CP932, B("\xF9\xFC"), B("\xEE\x9D\x97"), 0 },
		/* NEC-selected IBM and IBM rows decode to the same text. */
		{ ENC_CP932, B("\xEE\xE0"), B("髙"), 0 },
		{ ENC_CP932, B("\xFB\xFC"), B("髙"), 0 },
		{ ENC_CP932, B("\xFA\x40"), B("ⅰ"), 0 },
		{ ENC_CP932, B("\xEE\xEF"), B("ⅰ"), 0 },
		{ ENC_CP932, B("\xFC\x4B"), B("黑"), 0 },
		/* The Microsoft code points, whatever the iconv. */
		{ ENC_CP932, B("\x81\x60"), B("\xEF\xBD\x9E"), 0 },	/* U+FF5E */
		{ ENC_CP932, B("\x81\x61"), B("\xE2\x88\xA5"), 0 },	/* U+2225 */
		{ ENC_CP932, B("\x81\x7C"), B("\xEF\xBC\x8D"), 0 },	/* U+FF0D */
		{ ENC_CP932, B("\x81\x91"), B("\xEF\xBF\xA0"), 0 },	/* U+FFE0 */
		{ ENC_CP932, B("\x81\x92"), B("\xEF\xBF\xA1"), 0 },	/* U+FFE1 */
		{ ENC_CP932, B("\x81\xCA"), B("\xEF\xBF\xA2"), 0 },	/* U+FFE2 */
		{ ENC_CP932, B("\x81\x5C"), B("\xE2\x80\x95"), 0 },	/* U+2015 */
		/* Refused by the structural check. */
		{ ENC_CP932, B("\x80"), NULL, 0, 0 },
		{ ENC_CP932, B("ab\xA0"), NULL, 0, 2 },
		{ ENC_CP932, B("\x95\x5C\xFD"), NULL, 0, 2 },
		{ ENC_CP932, B("\xFE"), NULL, 0, 0 },
		{ ENC_CP932, B("\xFF"), NULL, 0, 0 },
		{ ENC_CP932, B("\x95"), NULL, 0, 0 },
		{ ENC_CP932, B("a\x95 "), NULL, 0, 1 },
		{ ENC_CP932, B("\x85\x40"), NULL, 0, 0 },
		{ ENC_CP932, B("\x86\x9F"), NULL, 0, 0 },
		{ ENC_CP932, B("\xEB\x40"), NULL, 0, 0 },
		{ ENC_CP932, B("\xEC\x40"), NULL, 0, 0 },
		{ ENC_CP932, B("\xEF\x40"), NULL, 0, 0 },
		{ ENC_CP932, B("a\0b"), NULL, 0, 1 },
		/* Unassigned cells of assigned rows: iconv refuses them. */
		{ ENC_CP932, B("\xEA\xA5"), NULL, 0, 0 },
		{ ENC_CP932, B("\x95\x5C\xEA\xA5"), NULL, 0, 2 },
		{ ENC_CP932, B("\xFC\x4C"), NULL, 0, 0 },
		{ ENC_CP932, B("\xEE\xED"), NULL, 0, 0 },
		{ ENC_CP932, B("\x87\x9F"), NULL, 0, 0 },
		{ ENC_CP932, B("a\x81\xAD"), NULL, 0, 1 },
		{ ENC_CP932, B("\xED\x40"), B("纊"), 0 },
		/* UTF-8 passes through, checked. */
		{ ENC_UTF8, B("本社"), B("本社"), 0 },
		{ ENC_UTF8, B("\xE3\x80\x9C"), B("\xE3\x80\x9C"), 0 },
		{ ENC_UTF8, B("a\xC0\x80"), NULL, 0, 1 },
		{ ENC_UTF8, B("\xED\xA0\x80"), NULL, 0, 0 },
		{ ENC_UTF8, B("\x96\x7B"), NULL, 0, 0 },
		{ ENC_UTF8, B("a\0"), NULL, 0, 1 },
	};
	struct buf	 out = {0};
	size_t		 i, bad;
	int		 rc;

	for (i = 0; i < ARRAY_LEN(t); i++) {
		buf_reset(&out);
		buf_add(&out, "", 0);
		bad = 12345;
		rc = codec_decode(codec, t[i].enc, t[i].s, t[i].len, &out, &bad);
		if (t[i].want != NULL) {
			if (!CHECK(rc == 0) ||
			    !CHECK_MEM(out.p, out.len, t[i].want, t[i].wantlen))
				fprintf(stderr, "  decode case %zu\n", i);
		} else if (!CHECK(rc == -1) || !CHECK(bad == t[i].bad))
			fprintf(stderr, "  decode case %zu: rc %d, bad %zu\n",
			    i, rc, bad);
	}
	/* Decoding appends. */
	buf_reset(&out);
	buf_adds(&out, "x");
	CHECK(codec_decode(codec, ENC_CP932, B("\x95\x5C"), &out, &bad) == 0);
	CHECK_STR(out.p, "x表");
	buf_free(&out);
}

/* enc_fold and enc_fold_cp. */

static void
test_fold(void)
{
	static const struct {
		uint32_t	 from, to;
	} t[] = {
		{ 0x301C, 0xFF5E }, { 0x2212, 0xFF0D }, { 0x2016, 0x2225 },
		{ 0x00A2, 0xFFE0 }, { 0x00A3, 0xFFE1 }, { 0x00AC, 0xFFE2 },
		{ 0x2014, 0x2015 },
		/* Already Microsoft's, or nothing to do with it. */
		{ 0xFF5E, 0xFF5E }, { 0x2015, 0x2015 }, { 0x00A5, 0x00A5 },
		{ 0x203E, 0x203E }, { 0x0041, 0x0041 }, { 0x3042, 0x3042 },
		{ 0x20BB7, 0x20BB7 },
	};
	struct buf	 out = {0};
	char		 a[8], b[8];
	size_t		 i, na, nb;

	for (i = 0; i < ARRAY_LEN(t); i++) {
		CHECK(enc_fold_cp(t[i].from) == t[i].to);
		/* The same in text, between ASCII neighbours. */
		a[0] = 'x';
		na = 1 + utf8_put(a + 1, t[i].from);
		a[na++] = 'y';
		b[0] = 'x';
		nb = 1 + utf8_put(b + 1, t[i].to);
		b[nb++] = 'y';
		buf_reset(&out);
		enc_fold(a, na, &out);
		if (!CHECK_MEM(out.p, out.len, b, nb))
			fprintf(stderr, "  fold U+%04X\n", (unsigned)t[i].from);
	}
	buf_reset(&out);
	enc_fold(B("\xE3\x80\x9C\xE2\x88\x92\xE2\x80\x96\xC2\xA2\xC2\xA3"
	    "\xC2\xAC\xE2\x80\x94" "髙"), &out);
	CHECK_STR(out.p, "\xEF\xBD\x9E\xEF\xBC\x8D\xE2\x88\xA5\xEF\xBF\xA0"
	    "\xEF\xBF\xA1\xEF\xBF\xA2\xE2\x80\x95" "髙");
	buf_free(&out);
}

/* Encoding for output. */

struct enc_case {
	enum enc	 enc;
	const char	*s;
	size_t		 len;
	int		 escape;
	int		 rc;
	const char	*want;		/* when rc is 0 */
	size_t		 wantlen;
	uint32_t	 badcp;		/* when rc is -1 */
};

static void
test_encode(void)
{
	static const struct enc_case t[] = {
		{ ENC_CP932, B("abc"), 0, 0, B("abc"), 0 },
		{ ENC_CP932, B(""), 0, 0, B(""), 0 },
		{ ENC_CP932, B("表示"), 0, 0, B("\x95\x5C\x8E\xA6"), 0 },
		{ ENC_CP932, B("\xEF\xBD\xB1"), 0, 0, B("\xB1"), 0 },
		/* The fix-ups of SPEC §3. */
		{ ENC_CP932, B("\xE3\x80\x9C"), 0, 0, B("\x81\x60"), 0 },
		{ ENC_CP932, B("\xEF\xBD\x9E"), 0, 0, B("\x81\x60"), 0 },
		{ ENC_CP932, B("\xE2\x80\x96"), 0, 0, B("\x81\x61"), 0 },
		{ ENC_CP932, B("\xE2\x88\x92"), 0, 0, B("\x81\x7C"), 0 },
		{ ENC_CP932, B("\xC2\xA2"), 0, 0, B("\x81\x91"), 0 },
		{ ENC_CP932, B("\xC2\xA3"), 0, 0, B("\x81\x92"), 0 },
		{ ENC_CP932, B("\xC2\xAC"), 0, 0, B("\x81\xCA"), 0 },
		{ ENC_CP932, B("\xE2\x80\x94"), 0, 0, B("\x81\x5C"), 0 },
		{ ENC_CP932, B("a\xE3\x80\x9C" "b\xC2\xA2"), 0, 0,
		    B("a\x81\x60" "b\x81\x91"), 0 },
		/* Characters CP932 holds twice: the IBM rows. */
		{ ENC_CP932, B("髙"), 0, 0, B("\xFB\xFC"), 0 },
		{ ENC_CP932, B("ⅰ"), 0, 0, B("\xFA\x40"), 0 },
		{ ENC_CP932, B("①"), 0, 0, B("\x87\x40"), 0 },
		{ ENC_CP932, B("\xEF\xBF\xA2"), 0, 0, B("\x81\xCA"), 0 },
		{ ENC_CP932, B("纊"), 0, 0, B("\xFA\x5C"), 0 },	/* not ED40 */
		{ ENC_CP932, B("＇＂"), 0, 0, B("\xFA\x56\xFA\x57"), 0 },
		/* JIS row 2 and NEC row 13 come before the IBM rows. */
		{ ENC_CP932, B("∵≒"), 0, 0, B("\x81\xE6\x81\xE0"), 0 },
		{ ENC_CP932, B("Ⅰ㈱№℡∑"), 0, 0,
		    B("\x87\x54\x87\x8A\x87\x82\x87\x84\x87\x94"), 0 },
		/* ¥ and ‾ would come back as \ and ~. */
		{ ENC_CP932, B("\xC2\xA5"), 0, -1, NULL, 0, 0xA5 },
		{ ENC_CP932, B("\xE2\x80\xBE"), 0, -1, NULL, 0, 0x203E },
		{ ENC_CP932, B("表\xC2\xA5" "1"), 0, -1, NULL, 0, 0xA5 },
		{ ENC_CP932, B("\xC2\xA5"), 1, 0, B("<U+00A5>"), 0 },
		{ ENC_CP932, B("a\xE2\x80\xBE" "b"), 1, 0, B("a<U+203E>b"), 0 },
		/* Outside CP932. */
		{ ENC_CP932, B("\xF0\xA0\xAE\xB7"), 0, -1, NULL, 0, 0x20BB7 },
		{ ENC_CP932, B("\xF0\xA0\xAE\xB7野家"), 0, -1, NULL, 0, 0x20BB7 },
		{ ENC_CP932, B("吉\xF0\xA0\xAE\xB7"), 0, -1, NULL, 0, 0x20BB7 },
		{ ENC_CP932, B("\xC3\xA9"), 0, -1, NULL, 0, 0xE9 },	/* é */
		{ ENC_CP932, B("\xF0\xA0\xAE\xB7野家"), 1, 0,
		    B("<U+20BB7>\x96\xEC\x89\xC6"), 0 },
		{ ENC_CP932, B("\xC2\xA5\xF0\xA0\xAE\xB7\xE2\x80\xBE" "a"), 1, 0,
		    B("<U+00A5><U+20BB7><U+203E>a"), 0 },
		/* UTF-8 output is the text as it is. */
		{ ENC_UTF8, B("\xE3\x80\x9C\xC2\xA5\xF0\xA0\xAE\xB7"), 0, 0,
		    B("\xE3\x80\x9C\xC2\xA5\xF0\xA0\xAE\xB7"), 0 },
		{ ENC_UTF8_BOM, B("表"), 0, 0, B("表"), 0 },
	};
	struct buf	 out = {0};
	size_t		 i;
	uint32_t	 badcp;
	int		 rc;

	for (i = 0; i < ARRAY_LEN(t); i++) {
		buf_reset(&out);
		buf_add(&out, "", 0);
		badcp = 0;
		rc = codec_encode(codec, t[i].enc, t[i].s, t[i].len, &out,
		    t[i].escape, &badcp);
		if (!CHECK(rc == t[i].rc))
			fprintf(stderr, "  encode case %zu: rc %d\n", i, rc);
		else if (rc == 0 &&
		    !CHECK_MEM(out.p, out.len, t[i].want, t[i].wantlen))
			fprintf(stderr, "  encode case %zu\n", i);
		else if (rc == -1 && !CHECK(badcp == t[i].badcp))
			fprintf(stderr, "  encode case %zu: badcp U+%04X\n", i,
			    (unsigned)badcp);
	}

	/* Decoding 0xEEE0 and encoding the result gives the IBM 0xFBFC. */
	{
		struct buf	 u = {0};
		size_t		 bad;

		CHECK(codec_decode(codec, ENC_CP932, B("\xEE\xE0\xEE\xEF"), &u,
		    &bad) == 0);
		buf_reset(&out);
		CHECK(codec_encode(codec, ENC_CP932, u.p, u.len, &out, 0,
		    &badcp) == 0);
		CHECK_MEM(out.p, out.len, "\xFB\xFC\xFA\x40", 4);
		buf_free(&u);
	}
	buf_free(&out);
}

/* Detection. */

struct det_case {
	const char	*name;
	const char	*s;
	size_t		 len;
	enum enc	 enc;
	int		 bom, utf16, mixed;
	size_t		 utf8_line, cp932_line;
	int		 crlf, lf, cr;
};

static int
same_detect(const struct detect *a, const struct detect *b)
{
	return a->enc == b->enc && a->bom == b->bom && a->utf16 == b->utf16 &&
	    a->mixed == b->mixed && a->utf8_line == b->utf8_line &&
	    a->cp932_line == b->cp932_line && a->crlf == b->crlf &&
	    a->lf == b->lf && a->cr == b->cr;
}

/*
 * The incremental scan, fed in pieces of every size up to 64 (the first
 * one holding three bytes, as its callers' first reads do), must find
 * what enc_detect found.
 */
static void
detect_chunks(const char *s, size_t len, const struct detect *want)
{
	struct detector	 x;
	size_t		 k, at, n, bad = 0;

	for (k = 1; k <= 64 && k <= len; k++) {
		enc_detect_init(&x);
		for (at = 0; at < len && !x.done; at += n) {
			n = at == 0 && k < 3 ? 3 : k;
			if (n > len - at)
				n = len - at;
			enc_detect_feed(&x, s + at, n);
		}
		enc_detect_finish(&x);
		if (!same_detect(&x.d, want) && bad++ == 0)
			fprintf(stderr, "  incremental scan differs, pieces "
			    "of %zu\n", k);
	}
	CHECK(bad == 0);
}

static void
detect_bytes(const char *s, size_t len, struct detect *d)
{
	FILE	*fp;

	if ((fp = tmpfile()) == NULL) {
		perror("tmpfile");
		exit(1);
	}
	if (len > 0 && fwrite(s, 1, len, fp) != len) {
		perror("fwrite");
		exit(1);
	}
	rewind(fp);
	memset(d, 0x55, sizeof(*d));
	CHECK(enc_detect(fp, d) == 0);
	fclose(fp);
	detect_chunks(s, len, d);
}

static void
test_detect(void)
{
	static const struct det_case t[] = {
		{ "ascii", B("a,b\r\nc,d\r\n"), ENC_UTF8, 0, 0, 0, 0, 0,
		    2, 0, 0 },
		{ "empty", B(""), ENC_UTF8, 0, 0, 0, 0, 0, 0, 0, 0 },
		{ "bom", B("\xEF\xBB\xBF" "a\nb\n"), ENC_UTF8, 1, 0, 0, 0, 0,
		    0, 2, 0 },
		{ "bom with cp932 bytes", B("\xEF\xBB\xBF\x96\x7B\n"), ENC_UTF8,
		    1, 0, 0, 0, 1, 0, 1, 0 },
		{ "utf-16le", B("\xFF\xFE" "a\0\r\0\n\0"), ENC_UTF8, 0, 1, 0, 0,
		    0, 0, 0, 0 },
		{ "utf-16be", B("\xFE\xFF\0a\0\n"), ENC_UTF8, 0, 1, 0, 0, 0,
		    0, 0, 0 },
		{ "utf-8 japanese", B("部署名\r\n本社\r\n"), ENC_UTF8, 0, 0, 0,
		    1, 0, 2, 0, 0 },
		{ "cp932", B("\x95\x94\x8F\x90\x96\xBC\r\n\x96\x7B\x8E\xD0\r\n"),
		    ENC_CP932, 0, 0, 0, 0, 1, 2, 0, 0 },
		{ "cp932 after ascii", B("code,name\n1,\x96\x7B\x8E\xD0\n"),
		    ENC_CP932, 0, 0, 0, 0, 2, 0, 2, 0 },
		/* ﾃｽ (C3 BD) is valid UTF-8 too, but not UTF-8 evidence. */
		{ "half-width kana pairs", B("\xC3\xBD\xC3\xBD\r\n"
		    "\x96\x7B\x8E\xD0\r\n"), ENC_CP932, 0, 0, 0, 0, 2, 2, 0, 0 },
		/*
		 * 瑤子 in CP932 (EA A2 8E 71) is valid UTF-8 for U+A88E
		 * "q", a Saurashtra letter: no Japanese text, no evidence.
		 */
		{ "cp932 that reads as utf-8", B("\x8E\x81\x96\xBC\r\n"
		    "\xEA\xA2\x8E\x71\r\n\x8E\x52\x93\x63\r\n"),
		    ENC_CP932, 0, 0, 0, 0, 1, 3, 0, 0 },
		/* U+2460 ①, U+3231 ㈱, U+20BB7 𠮷, U+E000 (user-defined). */
		{ "utf-8 symbols are evidence", B("\xE2\x91\xA0\n"
		    "\x96\x7B\n"), ENC_CP932, 0, 0, 1, 1, 2, 0, 2, 0 },
		{ "utf-8 kabushiki", B("\xE3\x88\xB1\n\x96\x7B\n"),
		    ENC_CP932, 0, 0, 1, 1, 2, 0, 2, 0 },
		{ "utf-8 supplementary ideograph", B("\xF0\xA0\xAE\xB7\n"
		    "\x96\x7B\n"), ENC_CP932, 0, 0, 1, 1, 2, 0, 2, 0 },
		{ "utf-8 user-defined", B("\xEE\x80\x80\n\x96\x7B\n"),
		    ENC_CP932, 0, 0, 1, 1, 2, 0, 2, 0 },
		{ "mixed", B("h\n本社\n\x96\x7B\x8E\xD0\n"), ENC_CP932, 0, 0, 1,
		    2, 3, 0, 3, 0 },
		{ "mixed, cp932 first, cr", B("h\r\x96\x7B\x8E\xD0\r\r本社\r"),
		    ENC_CP932, 0, 0, 1, 4, 2, 0, 0, 4 },
		{ "mixed, last line without end",
		    B("\x95\x5C\r\nx\r\n表"), ENC_CP932, 0, 0, 1, 3, 1, 2, 0, 0 },
		{ "one line both", B("本社\x96\x7B\n"), ENC_CP932, 0, 0, 0, 0, 1,
		    0, 1, 0 },
		{ "line ends", B("a\r\nb\nc\rd\r\n"), ENC_UTF8, 0, 0, 0, 0, 0,
		    2, 1, 1 },
		{ "cr then crlf", B("\r\r\n"), ENC_UTF8, 0, 0, 0, 0, 0, 1, 0, 1 },
		{ "lf cr", B("\n\r"), ENC_UTF8, 0, 0, 0, 0, 0, 0, 1, 1 },
		/* NUL is invalid in both encodings: evidence of neither. */
		{ "nul in ascii", B("a\0b\n"), ENC_UTF8, 0, 0, 0, 0, 0, 0, 1, 0 },
		{ "nul in utf-8", B("名前,x\r\n山田,a\0b\r\n"), ENC_UTF8, 0, 0,
		    0, 1, 0, 2, 0, 0 },
		{ "nul in cp932", B("\x96\xBC,x\r\n\x8ER\x93\x63,a\0b\r\n"),
		    ENC_CP932, 0, 0, 0, 0, 1, 2, 0, 0 },
		{ "truncated utf-8 at end", B("a\n\xE3\x81"), ENC_CP932, 0, 0, 0,
		    0, 2, 0, 1, 0 },
	};
	struct detect	 d;
	size_t		 i;
	int		 ok;

	for (i = 0; i < ARRAY_LEN(t); i++) {
		detect_bytes(t[i].s, t[i].len, &d);
		ok = CHECK(d.utf16 == t[i].utf16);
		if (!t[i].utf16) {
			ok &= CHECK(d.enc == t[i].enc);
			ok &= CHECK(d.bom == t[i].bom);
			ok &= CHECK(d.mixed == t[i].mixed);
			ok &= CHECK(d.crlf == t[i].crlf);
			ok &= CHECK(d.lf == t[i].lf);
			ok &= CHECK(d.cr == t[i].cr);
			ok &= CHECK(d.cp932_line == t[i].cp932_line);
			if (t[i].mixed)
				ok &= CHECK(d.utf8_line == t[i].utf8_line);
		}
		if (!ok)
			fprintf(stderr, "  detect \"%s\": enc %d bom %d utf16 %d "
			    "mixed %d utf8_line %zu cp932_line %zu crlf %d lf "
			    "%d cr %d\n", t[i].name, (int)d.enc, d.bom, d.utf16,
			    d.mixed, d.utf8_line, d.cp932_line, d.crlf, d.lf,
			    d.cr);
	}
}

/*
 * Detection reads 64 KiB at a time: a CRLF and a three-byte character cut
 * by a read boundary must count as if they were whole, wherever it falls.
 */
static void
test_detect_boundary(void)
{
	const size_t	 n = 65536 + 8;
	struct detect	 d;
	char		*s;
	size_t		 at;

	s = xmalloc(n);
	for (at = 65536 - 3; at <= 65536 + 1; at++) {
		memset(s, 'a', n);
		memcpy(s + at - 3, "\xE6\x9C\xAC", 3);	/* 本 ends before at */
		s[at] = '\r';
		s[at + 1] = '\n';
		memcpy(s + at + 2, "\xE6\x9C\xAC\n", 4);
		detect_bytes(s, at + 6, &d);
		if (!CHECK(d.enc == ENC_UTF8 && d.crlf == 1 && d.cr == 0 &&
		    d.lf == 1 && d.cp932_line == 0 && !d.mixed))
			fprintf(stderr, "  boundary at %zu: enc %d crlf %d cr %d "
			    "lf %d\n", at, (int)d.enc, d.crlf, d.cr, d.lf);
	}
	/* The same with a CP932 line after the UTF-8 one: mixed, lines 1, 2. */
	for (at = 65536 - 3; at <= 65536 + 1; at++) {
		memset(s, 'a', n);
		memcpy(s + at - 3, "\xE6\x9C\xAC", 3);
		s[at] = '\r';
		s[at + 1] = '\n';
		memcpy(s + at + 2, "\x96\x7B\n", 3);
		detect_bytes(s, at + 5, &d);
		if (!CHECK(d.enc == ENC_CP932 && d.mixed && d.utf8_line == 1 &&
		    d.cp932_line == 2))
			fprintf(stderr, "  boundary at %zu: mixed %d lines %zu "
			    "%zu\n", at, d.mixed, d.utf8_line, d.cp932_line);
	}
	free(s);
}

/* verdict_only: after a BOM the scan stops, the verdict as enc_detect's. */
static void
test_verdict_only(void)
{
	static const char s[] = "\xEF\xBB\xBF" "a,\x96\x7B\r\n\xE6\x9C\xAC\n";
	struct detector	 x;
	struct detect	 d;

	detect_bytes(s, sizeof(s) - 1, &d);
	enc_detect_init(&x);
	x.verdict_only = 1;
	enc_detect_feed(&x, s, sizeof(s) - 1);
	enc_detect_finish(&x);
	CHECK(x.d.enc == d.enc && x.d.bom && d.bom && !x.d.mixed &&
	    !d.mixed && !x.d.utf16);
}

/*
 * The tables against iconv: every single byte and every lead byte with
 * every second byte, alone and between ASCII (so a refusal's offset is
 * checked too); every BMP code point and a few beyond, for output, with
 * and without escapes.
 */
static void
test_tables(void)
{
	struct codec	*ref = codec_new();
	struct buf	 a = {0}, b = {0};
	char		 s[8];
	size_t		 n, bada, badb, bad_dec = 0, bad_enc = 0;
	unsigned	 l, t, cp;
	uint32_t	 cpa, cpb;
	int		 ka, kb, esc, pre;

	codec_reference(ref);
	for (pre = 0; pre < 2; pre++)
		for (l = 0; l <= 0xFF; l++)
			for (t = 0; t <= 0xFF; t++) {
				n = 0;
				if (pre)
					s[n++] = 'a';
				s[n++] = (char)l;
				s[n++] = (char)t;
				if (pre)
					s[n++] = 'z';
				buf_reset(&a);
				buf_reset(&b);
				bada = badb = 0;
				ka = codec_decode(codec, ENC_CP932, s, n, &a, &bada);
				kb = codec_decode(ref, ENC_CP932, s, n, &b, &badb);
				if (ka != kb || (ka == 0 && (a.len != b.len ||
				    memcmp(a.p, b.p, a.len) != 0)) ||
				    (ka == -1 && bada != badb)) {
					if (bad_dec++ < 5)
						fprintf(stderr, "  decode %02X %02X: "
						    "%d/%d bad %zu/%zu\n", l, t, ka,
						    kb, bada, badb);
				}
			}
	CHECK(bad_dec == 0);
	for (esc = 0; esc < 2; esc++)
		for (cp = 0x80; cp <= 0x10FFFF; cp++) {
			if (cp >= 0xD800 && cp <= 0xDFFF)
				continue;
			if (cp > 0xFFFF && cp % 4093 != 0)
				continue;
			n = utf8_put(s, cp);
			s[n++] = 'x';
			buf_reset(&a);
			buf_reset(&b);
			cpa = cpb = 0;
			ka = codec_encode(codec, ENC_CP932, s, n, &a, esc, &cpa);
			kb = codec_encode(ref, ENC_CP932, s, n, &b, esc, &cpb);
			if (ka != kb || (ka == 0 && (a.len != b.len ||
			    memcmp(a.p, b.p, a.len) != 0)) ||
			    (ka == -1 && cpa != cpb)) {
				if (bad_enc++ < 5)
					fprintf(stderr, "  encode U+%04X esc %d: "
					    "%d/%d\n", cp, esc, ka, kb);
			}
		}
	CHECK(bad_enc == 0);
	buf_free(&a);
	buf_free(&b);
	codec_free(ref);
}

int
main(void)
{
	codec = codec_new();
	test_names();
	test_utf8_check();
	test_cp932_check();
	test_decode();
	test_fold();
	test_encode();
	test_detect();
	test_detect_boundary();
	test_verdict_only();
	test_tables();
	codec_free(codec);
	return tap_done();
}
