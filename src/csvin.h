/*
 * csvin: records of raw fields from a CSV file, with the physical line on
 * which each record begins. libcsv does the parsing in strict mode of every
 * line that holds a quote or continues a quoted field (quote-free bytes
 * that begin a record are split on their commas here, which is the one
 * reading libcsv gives them); this module feeds it one physical line at a
 * time so that it can count lines (libcsv counts none), skips blank lines,
 * drops a leading UTF-8 BOM, and turns libcsv's strict-mode errors into
 * messages that name the line.
 *
 * Fields are raw bytes in the file's encoding (CP932 trail bytes never equal
 * '"', ',', CR or LF, so the structure can be parsed before decoding). A
 * record returned by csvin_next stays valid until the next call.
 *
 * For a reader that needs a few columns of a wide file, csvin_set_columns
 * names them: the other fields are still parsed and counted, with their
 * lengths, but their bytes are not kept (they read as ""). A detector
 * (enc.h) given to csvin_set_detector sees every byte read, so a file's
 * encoding is found in the same pass as its records.
 */
#ifndef CSVIN_H
#define CSVIN_H

#include <stddef.h>
#include <stdio.h>

/*
 * A record is refused past this size or this many fields: a clear error,
 * not an allocation failure. The field count bounds the memory a record of
 * empty fields takes (each costs its offset, length and pointer, 24 bytes,
 * besides its one byte of text): 512 MiB of commas would otherwise need
 * some 13 GB. tests/unit/t_csvin_limit builds the reader with lower
 * limits to test the messages.
 */
#ifndef CSVIN_MAX_RECORD
#define CSVIN_MAX_RECORD	((size_t)512 << 20)	/* bytes of text */
#endif
#ifndef CSVIN_MAX_FIELDS
#define CSVIN_MAX_FIELDS	((size_t)1 << 20)	/* 1,048,576 */
#endif

struct rec {
	size_t		  line;		/* physical line of its first byte */
	size_t		  nf;		/* number of fields */
	const char	**f;		/* field bytes, each NUL-terminated */
	const size_t	 *len;		/* field lengths */
};

struct csvin;
struct detector;

struct csvin	*csvin_open(FILE *, const char *name);
void		 csvin_close(struct csvin *);
void		 csvin_set_bufsize(struct csvin *, size_t);	/* for tests */
/* Keep the bytes of field i only when i < n and mask[i]; NULL keeps all. */
void		 csvin_set_columns(struct csvin *, const unsigned char *mask,
		    size_t n);
void		 csvin_set_detector(struct csvin *, struct detector *);

/* 1: *r is the next record; 0: end of input; -1: error, see csvin_error. */
int		 csvin_next(struct csvin *, struct rec **r);
const char	*csvin_error(const struct csvin *);
size_t		 csvin_lines(const struct csvin *);	/* physical lines read */

#endif
