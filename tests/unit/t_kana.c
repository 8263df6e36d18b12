/*
 * t_kana: half-width to full-width with voiced marks composed, hiragana to
 * katakana on request, and the key forms of emails and numbers.
 */
#include <string.h>

#include "tap.h"
#include "kana.h"
#include "key.h"

static void
kn(const char *in, int flags, const char *want)
{
	struct buf	 b = {0};

	kana_normalize(in, strlen(in), flags, &b);
	CHECK_STR(b.p, want);
	buf_free(&b);
}

int
main(void)
{
	struct buf	 b = {0};

	kn("ﾀｶﾊｼ", 0, "タカハシ");
	kn("ｹﾝｼﾞ", 0, "ケンジ");
	kn("ﾊﾟｰﾄ", 0, "パート");
	kn("ｳﾞｨｸﾄﾙ", 0, "ヴィクトル");
	kn("ﾎﾟﾝﾎﾞ", 0, "ポンボ");
	kn("ｱﾙﾊﾞｲﾄ･ﾊﾟｰﾄ", 0, "アルバイト・パート");
	kn("｢ｱ｣､｡", 0, "「ア」、。");
	kn("ｱﾞ", 0, "ア゛");		/* no composed form: kept as a mark */
	kn("ﾟ", 0, "゜");
	kn("ﾀｶﾊｼ ｹﾝｼﾞ", 0, "タカハシ ケンジ");
	kn("たかはし", 0, "たかはし");
	kn("たかはし", KANA_HIRAGANA, "タカハシ");
	kn("ゔぁ", KANA_HIRAGANA, "ヴァ");
	kn("やまだ ﾀﾛｳ", KANA_HIRAGANA, "ヤマダ タロウ");
	kn("ヤマダ", KANA_HIRAGANA, "ヤマダ");
	kn("ABC 123", KANA_HIRAGANA, "ABC 123");
	key_email("Ｔａｒｏ＠Ｅｘａｍｐｌｅ．ｃｏ．ｊｐ", strlen("Ｔａｒｏ＠Ｅｘａｍｐｌｅ．ｃｏ．ｊｐ"), &b);
	CHECK_STR(b.p, "taro@example.co.jp");
	/* Every spelling of the wave dash and the minus keys the same. */
	key_email("a〜b@x.jp", strlen("a〜b@x.jp"), &b);	/* U+301C */
	CHECK_STR(b.p, "a~b@x.jp");
	key_email("a～b@x.jp", strlen("a～b@x.jp"), &b);	/* U+FF5E */
	CHECK_STR(b.p, "a~b@x.jp");
	key_email("a−b@x.jp", strlen("a−b@x.jp"), &b);	/* U+2212 */
	CHECK_STR(b.p, "a-b@x.jp");
	key_email("a－b@x.jp", strlen("a－b@x.jp"), &b);	/* U+FF0D */
	CHECK_STR(b.p, "a-b@x.jp");
	key_number("００１２３", strlen("００１２３"), &b);
	CHECK_STR(b.p, "00123");
	key_number("A−001", strlen("A−001"), &b);		/* U+2212 */
	CHECK_STR(b.p, "A-001");
	key_number("A－001", strlen("A－001"), &b);		/* U+FF0D */
	CHECK_STR(b.p, "A-001");
	key_name("営業−部", strlen("営業−部"), &b);
	CHECK_STR(b.p, "営業－部");			/* U+2212 -> U+FF0D */
	buf_free(&b);
	return tap_done();
}
