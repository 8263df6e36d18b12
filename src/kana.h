/*
 * kana: width and script normalization of Japanese text (SPEC §7).
 * Half-width katakana and punctuation become full-width with voiced marks
 * composed (ｶﾞ -> ガ, ﾊﾟ -> パ, ｳﾞ -> ヴ); optionally hiragana becomes
 * katakana, as ミキワメAI's カナ fields are katakana.
 */
#ifndef KANA_H
#define KANA_H

#include <stddef.h>

#include "util.h"

#define KANA_HIRAGANA	0x01	/* also hiragana -> katakana */

void	kana_normalize(const char *s, size_t len, int flags, struct buf *out);

#endif
