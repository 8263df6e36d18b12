/*
 * kana: half-width katakana U+FF61..U+FF9F to their full-width forms.
 * A following ﾞ (U+FF9E) or ﾟ (U+FF9F) is composed with the kana before it
 * when the composed character exists; otherwise it becomes the spacing
 * mark ゛ or ゜, so nothing is dropped.
 */
#include <string.h>

#include "kana.h"

/* U+FF61 .. U+FF9F, in order. */
static const uint16_t full[] = {
	0x3002, 0x300C, 0x300D, 0x3001, 0x30FB, 0x30F2,		/* ｡｢｣､･ｦ */
	0x30A1, 0x30A3, 0x30A5, 0x30A7, 0x30A9,			/* ｧｨｩｪｫ */
	0x30E3, 0x30E5, 0x30E7, 0x30C3, 0x30FC,			/* ｬｭｮｯｰ */
	0x30A2, 0x30A4, 0x30A6, 0x30A8, 0x30AA,			/* ｱｲｳｴｵ */
	0x30AB, 0x30AD, 0x30AF, 0x30B1, 0x30B3,			/* ｶｷｸｹｺ */
	0x30B5, 0x30B7, 0x30B9, 0x30BB, 0x30BD,			/* ｻｼｽｾｿ */
	0x30BF, 0x30C1, 0x30C4, 0x30C6, 0x30C8,			/* ﾀﾁﾂﾃﾄ */
	0x30CA, 0x30CB, 0x30CC, 0x30CD, 0x30CE,			/* ﾅﾆﾇﾈﾉ */
	0x30CF, 0x30D2, 0x30D5, 0x30D8, 0x30DB,			/* ﾊﾋﾌﾍﾎ */
	0x30DE, 0x30DF, 0x30E0, 0x30E1, 0x30E2,			/* ﾏﾐﾑﾒﾓ */
	0x30E4, 0x30E6, 0x30E8,					/* ﾔﾕﾖ */
	0x30E9, 0x30EA, 0x30EB, 0x30EC, 0x30ED,			/* ﾗﾘﾙﾚﾛ */
	0x30EF, 0x30F3, 0x309B, 0x309C,				/* ﾜﾝﾞﾟ */
};

static uint32_t
voiced(uint32_t k)
{
	if (k == 0x30A6)			/* ウ -> ヴ */
		return 0x30F4;
	if (k == 0x30EF)			/* ワ -> ヷ */
		return 0x30F7;
	if (k == 0x30F2)			/* ヲ -> ヺ */
		return 0x30FA;
	if ((k >= 0x30AB && k <= 0x30C2 && (k - 0x30AB) % 2 == 0) ||
	    (k >= 0x30C4 && k <= 0x30C8 && (k - 0x30C4) % 2 == 0) ||
	    (k >= 0x30CF && k <= 0x30DB && (k - 0x30CF) % 3 == 0))
		return k + 1;			/* カ -> ガ ... ホ -> ボ */
	return 0;
}

static uint32_t
semivoiced(uint32_t k)
{
	if (k >= 0x30CF && k <= 0x30DB && (k - 0x30CF) % 3 == 0)
		return k + 2;			/* ハ -> パ */
	return 0;
}

void
kana_normalize(const char *s, size_t len, int flags, struct buf *out)
{
	size_t		 i = 0, adv, nadv;
	uint32_t	 cp, next, c;
	char		 tmp[4];

	buf_grow(out, len);
	while (i < len) {
		if ((unsigned char)s[i] < 0x80) {
			buf_addc(out, s[i++]);
			continue;
		}
		cp = utf8_get(s + i, len - i, &adv);
		i += adv;
		if (cp >= 0xFF61 && cp <= 0xFF9F) {
			cp = full[cp - 0xFF61];
			if (i < len) {
				next = utf8_get(s + i, len - i, &nadv);
				c = next == 0xFF9E ? voiced(cp) :
				    next == 0xFF9F ? semivoiced(cp) : 0;
				if (c != 0) {
					cp = c;
					i += nadv;
				}
			}
		} else if ((flags & KANA_HIRAGANA) && cp >= 0x3041 &&
		    cp <= 0x3096)
			cp += 0x60;
		buf_add(out, tmp, utf8_put(tmp, cp));
	}
}
