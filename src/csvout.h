/*
 * csvout: RFC 4180 records of UTF-8 fields, encoded once at the edge.
 * A record is encoded whole before a byte of it is written, so a record
 * holding a character the output encoding cannot represent is refused
 * (and reported by the caller) without leaving half a line behind.
 */
#ifndef CSVOUT_H
#define CSVOUT_H

#include <stdint.h>
#include <stdio.h>

#include "enc.h"

struct csvout {
	FILE		*fp;
	enum enc	 enc;		/* ENC_UTF8, ENC_UTF8_BOM or ENC_CP932 */
	int		 crlf;
	int		 excel_safe;	/* prefix =, +, -, @, TAB, CR with ' */
	int		 escape;	/* unencodable -> <U+XXXX> (reports) */
	int		 started;	/* the BOM, if any, has been written */
	struct codec	*codec;
	struct buf	 line, fld;
	size_t		*prefixed;	/* excel_safe: cells prefixed, per field */
	size_t		 nprefixed;	/* fields counted in prefixed */
	size_t		*rowpre;	/* the fields of the row in progress */
	size_t		 caprowpre;
};

void	csvout_init(struct csvout *, FILE *, enum enc, int crlf,
	    int excel_safe, int escape, struct codec *);
void	csvout_free(struct csvout *);

/*
 * Writes one record. Returns 0; 1 when field *badf holds the character
 * *badcp that the encoding cannot represent (nothing written); -1 on a
 * write error (errno set).
 */
int	csvout_row(struct csvout *, const char *const *f, const size_t *len,
	    size_t n, size_t *badf, uint32_t *badcp);

/* The same for NUL-terminated fields. */
int	csvout_rowv(struct csvout *, const char *const *f, size_t n,
	    size_t *badf, uint32_t *badcp);

#endif
