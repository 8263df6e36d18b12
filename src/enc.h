/*
 * enc: character encodings. Names and aliases, strict validation of raw
 * bytes, decoding one field to UTF-8 and encoding UTF-8 for output, and the
 * detection of a file's encoding. Everything inside the program is UTF-8;
 * CP932 exists only at the two edges (the reader's raw bytes, the writer).
 *
 * This module never reports: it returns a status and the offending offset or
 * code point, and the caller (the flow of a command) decides what it means.
 */
#ifndef ENC_H
#define ENC_H

#include <stdint.h>
#include <stdio.h>

#include "util.h"

enum enc {
	ENC_AUTO,		/* input only: detect */
	ENC_UTF8,
	ENC_UTF8_BOM,		/* output only; an input with a BOM is ENC_UTF8 */
	ENC_CP932
};

int		 enc_parse_input(const char *, enum enc *);
int		 enc_parse_output(const char *, enum enc *);
const char	*enc_name(enum enc);

/* Offset of the first invalid byte, or len when all valid. NUL is invalid. */
size_t		 enc_utf8_check(const char *, size_t);
size_t		 enc_cp932_check(const char *, size_t);

/*
 * Maps the characters that differ between CP932 converters to the Microsoft
 * code points (U+301C -> U+FF5E, U+2212 -> U+FF0D, U+2016 -> U+2225,
 * U+00A2 -> U+FFE0, U+00A3 -> U+FFE1, U+00AC -> U+FFE2, U+2014 -> U+2015).
 * Used after decoding CP932, before encoding it, and on keys before
 * comparing them. Appends to out.
 */
void		 enc_fold(const char *, size_t, struct buf *out);
uint32_t	 enc_fold_cp(uint32_t);

struct codec;

struct codec	*codec_new(void);
void		 codec_free(struct codec *);
/* For tests: convert with one iconv call per field, bypassing the tables. */
void		 codec_reference(struct codec *);

/*
 * Decodes len raw bytes in encoding e (ENC_UTF8 or ENC_CP932) and appends
 * UTF-8 to out. Returns 0, or -1 with *badoff set to the first invalid byte
 * (out is then unspecified).
 */
int		 codec_decode(struct codec *, enum enc, const char *, size_t,
		    struct buf *out, size_t *badoff);

/*
 * Encodes UTF-8 text for output encoding e and appends it to out. Returns 0,
 * or -1 with *badcp set to the first character e cannot hold. With escape
 * set, such characters are written as "<U+XXXX>" instead and 0 is returned.
 */
int		 codec_encode(struct codec *, enum enc, const char *, size_t,
		    struct buf *out, int escape, uint32_t *badcp);

/* What enc_detect found in a whole file. */
struct detect {
	enum enc	 enc;		/* ENC_UTF8 or ENC_CP932 */
	int		 bom;		/* the file starts with a UTF-8 BOM */
	int		 utf16;		/* it starts with a UTF-16 BOM: unusable */
	int		 mixed;		/* UTF-8 and CP932 lines both present */
	size_t		 utf8_line;	/* first line that is UTF-8 text */
	size_t		 cp932_line;	/* first line that is not valid UTF-8 */
	int		 crlf, lf, cr;	/* line endings seen (counts capped) */
};

/* Scans fp from its current position to the end; returns -1 on read error. */
int		 enc_detect(FILE *, struct detect *);

/*
 * The same scan fed piece by piece, for a reader that reads the file
 * anyway: init, feed every byte in order (the first call holding the first
 * three bytes of the file, or all of it when shorter), finish; d is then
 * what enc_detect gives. A UTF-16 file is known after the first feed.
 * A reader that needs only the verdict (enc, bom, utf16, mixed and the two
 * lines of a mixed file) sets verdict_only after init: a file with a BOM
 * is UTF-8 whatever follows, so the scan ends there, without line counts.
 */
struct detector {
	struct detect	 d;		/* the result */
	int		 verdict_only;	/* set by the caller: stop at a BOM */
	size_t		 line;		/* physical line being scanned */
	int		 first, done, prev_cr, any_bad;
	int		 line_bad, line_u8;	/* the line's evidence */
	int		 need, clen;	/* UTF-8 character in progress */
	uint32_t	 cp;		/* its code point so far */
	unsigned char	 lo, hi;	/* range of its next byte */
};

void		 enc_detect_init(struct detector *);
void		 enc_detect_feed(struct detector *, const char *, size_t);
void		 enc_detect_finish(struct detector *);
int		 enc_utf16_bom(const char *, size_t);	/* FF FE or FE FF */

#endif
