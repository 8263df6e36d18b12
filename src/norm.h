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
 * Appends the normalized form of a header: full-width ASCII (and so
 * full-width parentheses) folded, every space, TAB and U+3000 removed, a
 * BOM (U+FEFF) removed.
 */
void	norm_header(const char *s, size_t len, struct buf *out);

#endif
