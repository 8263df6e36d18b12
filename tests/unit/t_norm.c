/*
 * t_norm: trimming of used fields (ASCII space, TAB and U+3000 at both
 * ends, SPEC §2), full-width ASCII folding, and the normalized form of a
 * header that the profile's patterns are matched against.
 */
#include <stdio.h>
#include <string.h>

#include "norm.h"
#include "util.h"
#include "tap.h"

#define B(s)	s, sizeof(s) - 1

/* U+3000 IDEOGRAPHIC SPACE. */
#define IS	"\xE3\x80\x80"

struct norm_case {
	const char	*in;
	size_t		 inlen;
	const char	*want;
	size_t		 wantlen;
};

static void
test_trim(void)
{
	static const struct norm_case t[] = {
		{ B(""), B("") },
		{ B("abc"), B("abc") },
		{ B(" abc "), B("abc") },
		{ B("\t\tabc\t"), B("abc") },
		{ B(IS "abc" IS), B("abc") },
		{ B(" \t" IS " a" IS "b c\t" IS " " IS), B("a" IS "b c") },
		{ B("a  b"), B("a  b") },
		{ B("山田" IS "太郎"), B("山田" IS "太郎") },
		{ B(" "), B("") },
		{ B("\t \t"), B("") },
		{ B(IS), B("") },
		{ B(IS " " IS "\t"), B("") },
		/* Only those three: line ends and NBSP stay. */
		{ B("\na\r"), B("\na\r") },
		{ B("\xC2\xA0" "a\xC2\xA0"), B("\xC2\xA0" "a\xC2\xA0") },
		{ B("\xEF\xBD\xA0" "a"), B("\xEF\xBD\xA0" "a") },
		/* A character ending in 80 80 is not U+3000. */
		{ B("a\xE4\x80\x80"), B("a\xE4\x80\x80") },
	};
	size_t	 i, start, n;

	for (i = 0; i < ARRAY_LEN(t); i++) {
		start = 999;
		n = norm_trim(t[i].in, t[i].inlen, &start);
		if (!CHECK(start <= t[i].inlen && start + n <= t[i].inlen) ||
		    !CHECK_MEM(t[i].in + start, n, t[i].want, t[i].wantlen))
			fprintf(stderr, "  trim case %zu: start %zu len %zu\n",
			    i, start, n);
	}
}

static void
test_ascii(void)
{
	static const struct norm_case t[] = {
		{ B(""), B("") },
		{ B("abc"), B("abc") },
		{ B("ＡＢＣＸＹＺ"), B("ABCXYZ") },
		{ B("ａｂｃｘｙｚ"), B("abcxyz") },
		{ B("０１２３４５６７８９"), B("0123456789") },
		{ B("ｔａｒｏ＠ｅｘａｍｐｌｅ．ｃｏｍ"), B("taro@example.com") },
		{ B("（）＿－"), B("()_-") },
		{ B("！"), B("!") },			/* U+FF01, the first */
		{ B("～"), B("~") },			/* U+FF5E, the last */
		/* Not full-width ASCII: untouched. */
		{ B("山田" IS "太郎"), B("山田" IS "太郎") },
		{ B("ｱｲｳ"), B("ｱｲｳ") },		/* U+FF71.. */
		{ B("\xEF\xBD\x9F"), B("\xEF\xBD\x9F") },	/* U+FF5F */
		{ B("\xEF\xBC\x80"), B("\xEF\xBC\x80") },	/* U+FF00 */
		{ B("￥￣"), B("￥￣") },		/* U+FFE5, U+FFE3 */
		{ B("①髙"), B("①髙") },
		{ B("社員Ｎｏ．１"), B("社員No.1") },
	};
	struct buf	 out = {0};
	size_t		 i;

	for (i = 0; i < ARRAY_LEN(t); i++) {
		buf_reset(&out);
		buf_add(&out, "", 0);
		norm_ascii(t[i].in, t[i].inlen, &out);
		if (!CHECK_MEM(out.p, out.len, t[i].want, t[i].wantlen))
			fprintf(stderr, "  ascii case %zu\n", i);
	}
	/* It appends. */
	buf_reset(&out);
	buf_adds(&out, "x");
	norm_ascii(B("Ａ"), &out);
	CHECK_STR(out.p, "xA");
	buf_free(&out);
}

static void
test_header(void)
{
	static const struct norm_case t[] = {
		{ B("姓（カタカナ）"), B("姓(カタカナ)") },
		{ B("姓(カタカナ)"), B("姓(カタカナ)") },
		{ B("姓 （ヨミガナ）"), B("姓(ヨミガナ)") },
		{ B("姓" IS "(フリガナ)"), B("姓(フリガナ)") },
		{ B(IS "メールアドレス" IS), B("メールアドレス") },
		{ B("\xEF\xBB\xBF社員番号"), B("社員番号") },
		{ B("\xEF\xBB\xBF" " 社員番号"), B("社員番号") },
		{ B(" 入社 年月日\t"), B("入社年月日") },
		{ B("部署１"), B("部署1") },
		{ B("ビジネスネーム（姓）"), B("ビジネスネーム(姓)") },
		{ B("ミキワメＡＩ連携"), B("ミキワメAI連携") },
		{ B("Ｃｏｄｅ"), B("Code") },
		/* Today's SmartHR export and the spellings of other tools. */
		{ B("部署1 部署"), B("部署1部署") },
		{ B("部署１" IS "部署"), B("部署1部署") },
		{ B("部署10 部署"), B("部署10部署") },
		{ B("役職1 役職"), B("役職1役職") },
		{ B("ビジネスネーム：姓"), B("ビジネスネーム:姓") },
		{ B("ビジネスネーム : 姓"), B("ビジネスネーム:姓") },
		{ B("ビジネスネーム／名"), B("ビジネスネーム/名") },
		{ B("ビジネスネーム：姓（ヨミガナ）"), B("ビジネスネーム:姓(ヨミガナ)") },
		{ B("姓（ﾖﾐｶﾞﾅ）"), B("姓(ヨミガナ)") },
		{ B("ｾｲ"), B("セイ") },
		{ B("退職･解雇･死亡年月日"), B("退職・解雇・死亡年月日") },
		{ B("ミキワメAIカテゴリー ミキワメAI連携"),
		    B("ミキワメAIカテゴリーミキワメAI連携") },
		{ B(" ミキワメＡＩカテゴリー：ミキワメＡＩ連携 "),
		    B("ミキワメAIカテゴリー:ミキワメAI連携") },
		{ B(""), B("") },
		{ B(" " IS "\t"), B("") },
	};
	struct buf	 out = {0};
	size_t		 i;

	for (i = 0; i < ARRAY_LEN(t); i++) {
		buf_free(&out);
		norm_header(t[i].in, t[i].inlen, &out);
		/* The result is a C string even when it is empty. */
		if (!CHECK(out.p != NULL && out.p[out.len] == '\0') ||
		    !CHECK_MEM(out.p, out.len, t[i].want, t[i].wantlen))
			fprintf(stderr, "  header case %zu\n", i);
	}
	buf_free(&out);
}

int
main(void)
{
	test_trim();
	test_ascii();
	test_header();
	return tap_done();
}
