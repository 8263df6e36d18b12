/*
 * key: the forms in which keys are compared across files (SPEC §2, §7):
 * an email after full-width -> ASCII, the converter-difference fold and
 * ASCII lower-casing; a 社員番号 after full-width -> ASCII (leading zeros
 * kept); a name after the fold.
 */
#ifndef KEY_H
#define KEY_H

#include <stddef.h>

#include "util.h"

/* The fold of §2, then full-width ASCII to ASCII: the written form too. */
void	key_ascii(const char *s, size_t len, struct buf *out);
void	key_email(const char *s, size_t len, struct buf *out);
void	key_number(const char *s, size_t len, struct buf *out);

/*
 * The 社員番号 key with its leading zeros stripped when it is all digits
 * (00012 -> 12, 0 and 000 -> 0, A001 unchanged): a spreadsheet that read the
 * number as a number dropped them, so two numbers equal in this form and
 * not in key_number's differ only by lost zeros.
 */
void	key_number_zeros(const char *s, size_t len, struct buf *out);

/* The same from a number already in key_number's form. */
void	key_zeros(const char *key, size_t len, struct buf *out);
void	key_name(const char *s, size_t len, struct buf *out);

#endif
