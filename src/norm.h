/*
 * norm: normalizations of decoded UTF-8 text that every command shares —
 * trimming, full-width ASCII folding, header normalization. The kana, date
 * and value rules of the flows live with the flows.
 */
#ifndef NORM_H
#define NORM_H

#include <stddef.h>

#include "util.h"

/* Trims ASCII spaces, TABs and U+3000 at both ends; returns the new length. */
size_t	norm_trim(const char *s, size_t len, size_t *start);

/* Appends s with full-width ASCII (U+FF01-U+FF5E) folded to ASCII. */
void	norm_ascii(const char *s, size_t len, struct buf *out);

/*
 * Appends the normalized form of a header, the text the profile's column
 * patterns are matched against (mikibridge(1), HEADERS): full-width ASCII
 * folded to ASCII (letters, digits, parentheses, the colon ： and the
 * slash ／), half-width katakana made full-width (ﾖﾐｶﾞﾅ -> ヨミガナ),
 * every space, TAB and U+3000 removed (so 部署1 部署 is 部署1部署 and
 * ビジネスネーム：姓 is ビジネスネーム:姓), a BOM (U+FEFF) removed.
 */
void	norm_header(const char *s, size_t len, struct buf *out);

#endif
