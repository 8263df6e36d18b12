/*
 * csvin: libcsv underneath, physical line numbers on top.
 *
 * The input is cut into physical lines (CRLF, LF or CR, each one line end)
 * and each line is handed to csv_parse on its own. A record therefore
 * begins on the line that was being fed when its first byte went in, and
 * ends, at most once per line, at a line end. A line end inside a quoted
 * field is still a physical line: it is counted, and the field keeps it.
 *
 * Most lines of an export hold no quote, and libcsv's byte-by-byte state
 * machine (with a call to the space function per byte) was most of the
 * time of a run. A whole line that begins a record is therefore split on
 * its commas here when it holds no quote, and when it does, the fields
 * before the one holding the first quote are; libcsv parses the rest of
 * that line and every line a quoted field continues. Such bytes have one
 * reading under RFC 4180, the one libcsv gives, and t_csvin and
 * fuzz_csvin read every input with buffers too small for a whole line
 * (libcsv alone) and with the default one, and compare.
 *
 * libcsv options: CSV_STRICT makes a stray quote an error instead of data,
 * CSV_STRICT_FINI makes an unterminated quote at end of input an error, and
 * a space function that accepts nothing keeps spaces (the tool trims per
 * role, and convert trims nothing). libcsv grows its field buffer by a fixed
 * block; the block is raised to the current buffer size before every line,
 * which makes the growth geometric and a 50 MB field linear.
 *
 * Line ends are found with memchr, once for LF and once for CR per stretch
 * of the buffer: the position of the next of each is kept until the line
 * reaches it, so a file with CR or LF only is not scanned again per line.
 * The record size limit counts the fields a column mask leaves out, so
 * the same files are refused with or without one.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "csvin.h"
#include "enc.h"
#include "util.h"

#define CSVIN_BUFSIZE	65536

struct csvin {
	FILE		 *fp;
	const char	 *name;
	struct csv_parser p;
	char		 *buf;		/* raw input */
	size_t		  bufsize, pos, n;
	int		  eof;
	int		  pending_cr;	/* the last line ended with CR at a read boundary */
	int		  first;	/* nothing read yet: look for a BOM */
	size_t		  line;		/* physical line being fed (1-based) */
	size_t		  rec_line;	/* first line of the record in progress */
	size_t		  quote_line;	/* line of the last field's opening quote */
	int		  in_rec;	/* bytes of a record have been fed */
	int		  done;		/* a record is complete */
	int		  toobig;
	int		  toomany;	/* more than CSVIN_MAX_FIELDS fields */
	size_t		  next_lf, next_cr;	/* in buf, or n: none */
	size_t		  total;	/* the record's bytes, kept or not */
	unsigned char	 *mask;		/* csvin_set_columns */
	size_t		  nmask;
	unsigned char	 *keep;		/* per field slot: bytes kept (fcap) */
	size_t		 *kept, nkept;	/* with a mask: the kept fields */
	struct detector	 *det;
	struct buf	  data;		/* the record's fields, NUL-separated */
	size_t		 *off, *lens;	/* field offsets and lengths */
	const char	**ptr;
	size_t		  nf, fcap;
	struct rec	  rec;
	char		  err[256];
};

static int
no_space(unsigned char c)
{
	(void)c;
	return 0;
}

/* Does field i keep its bytes? */
static int
kept(const struct csvin *in, size_t i)
{
	return in->mask == NULL || (i < in->nmask && in->mask[i]);
}

/*
 * Room for twice the fields. A field left out reads as "" for good: its
 * pointer is set once here (or by csvin_set_columns), not per record.
 */
static void
grow_fields(struct csvin *in)
{
	size_t	 i, old = in->fcap;

	in->fcap = in->fcap ? in->fcap * 2 : 64;
	in->off = xreallocarray(in->off, in->fcap, sizeof(*in->off));
	in->lens = xreallocarray(in->lens, in->fcap, sizeof(*in->lens));
	in->ptr = xreallocarray(in->ptr, in->fcap, sizeof(*in->ptr));
	in->keep = xreallocarray(in->keep, in->fcap, sizeof(*in->keep));
	for (i = old; i < in->fcap; i++) {
		in->ptr[i] = "";
		in->keep[i] = (unsigned char)kept(in, i);
	}
}

/* A field's bytes and length: kept, or only counted. */
static inline void
add_field(struct csvin *in, const char *s, size_t len)
{
	if (in->nf == CSVIN_MAX_FIELDS) {
		in->toomany = 1;
		return;
	}
	if (in->nf == in->fcap)
		grow_fields(in);
	if (in->total + len > CSVIN_MAX_RECORD) {
		in->toobig = 1;
		len = 0;
	}
	in->total += len + 1;
	in->lens[in->nf] = len;
	if (!in->keep[in->nf]) {
		in->nf++;
		return;
	}
	in->off[in->nf++] = in->data.len;
	buf_grow(&in->data, len + 1);
	memcpy(in->data.p + in->data.len, s, len);
	in->data.len += len;
	in->data.p[in->data.len++] = '\0';
}

static void
on_field(void *s, size_t len, void *arg)
{
	add_field(arg, s, len);
}

static void
on_row(int c, void *arg)
{
	struct csvin	*in = arg;

	(void)c;
	in->done = 1;
}

struct csvin *
csvin_open(FILE *fp, const char *name)
{
	struct csvin	*in;

	in = xcalloc(1, sizeof(*in));
	in->fp = fp;
	in->name = name;
	in->bufsize = CSVIN_BUFSIZE;
	in->first = 1;
	in->line = 1;
	if (csv_init(&in->p, CSV_STRICT | CSV_STRICT_FINI) != 0)
		fatal("out of memory");
	csv_set_space_func(&in->p, no_space);
	csv_set_blk_size(&in->p, CSVIN_BUFSIZE);
	return in;
}

void
csvin_set_bufsize(struct csvin *in, size_t n)
{
	in->bufsize = n > 0 ? n : 1;
}

void
csvin_set_columns(struct csvin *in, const unsigned char *mask, size_t n)
{
	size_t	 i;

	free(in->mask);
	free(in->kept);
	in->mask = NULL;
	in->kept = NULL;
	in->nmask = in->nkept = 0;
	if (mask != NULL) {
		in->mask = xmalloc(n > 0 ? n : 1);
		if (n > 0)
			memcpy(in->mask, mask, n);
		in->nmask = n;
		in->kept = xcalloc(n > 0 ? n : 1, sizeof(*in->kept));
		for (i = 0; i < n; i++)
			if (mask[i])
				in->kept[in->nkept++] = i;
	}
	for (i = 0; i < in->fcap; i++) {
		in->keep[i] = (unsigned char)kept(in, i);
		in->ptr[i] = "";
	}
}

void
csvin_set_detector(struct csvin *in, struct detector *d)
{
	in->det = d;
}

void
csvin_close(struct csvin *in)
{
	if (in == NULL)
		return;
	csv_free(&in->p);
	free(in->buf);
	buf_free(&in->data);
	free(in->off);
	free(in->lens);
	free(in->ptr);
	free(in->mask);
	free(in->keep);
	free(in->kept);
	free(in);
}

const char *
csvin_error(const struct csvin *in)
{
	return in->err;
}

size_t
csvin_lines(const struct csvin *in)
{
	return in->line - 1;
}

static int
fill(struct csvin *in)
{
	size_t	 r;

	if (in->buf == NULL)
		in->buf = xmalloc(in->bufsize < 3 ? 3 : in->bufsize);
	in->n = fread(in->buf, 1, in->bufsize, in->fp);
	/* The first read must hold three bytes to see a BOM whole. */
	while (in->first && in->n < 3 && in->n > 0 &&
	    (r = fread(in->buf + in->n, 1, 3 - in->n, in->fp)) > 0)
		in->n += r;
	in->pos = 0;
	in->next_lf = in->next_cr = 0;
	if (in->det != NULL && in->n > 0)
		enc_detect_feed(in->det, in->buf, in->n);
	if (in->n == 0) {
		if (ferror(in->fp)) {
			snprintf(in->err, sizeof(in->err), "%s: read error: %s",
			    in->name, strerror(errno));
			return -1;
		}
		in->eof = 1;
	}
	return 0;
}

/*
 * The record's bounds (CSVIN_MAX_RECORD bytes, CSVIN_MAX_FIELDS fields):
 * -1 with the message when toobig is set or there are too many fields.
 */
static int
over_bounds(struct csvin *in, int toobig)
{
	if (toobig)
		snprintf(in->err, sizeof(in->err), "%s:%zu: record larger than "
		    "%zu MiB", in->name, in->rec_line, CSVIN_MAX_RECORD >> 20);
	else if (in->toomany)
		snprintf(in->err, sizeof(in->err), "%s:%zu: record of more "
		    "than %zu fields", in->name, in->rec_line,
		    (size_t)CSVIN_MAX_FIELDS);
	else
		return 0;
	return -1;
}

/* Hands bytes to libcsv; -1 on a strict-mode error (stray quote). */
static int
feed(struct csvin *in, const char *s, size_t len)
{
	size_t	 used, nf = in->nf;
	int	 quoted = in->p.quoted;

	if (in->p.entry_size > in->p.blk_size)
		csv_set_blk_size(&in->p, in->p.entry_size);
	used = csv_parse(&in->p, s, len, on_field, on_row, in);
	/* Checked as the field grows, so memory stays bounded by the limit. */
	if (over_bounds(in, in->p.entry_pos + in->total > CSVIN_MAX_RECORD))
		return -1;
	/*
	 * A quoted field that was not open before these bytes, or that
	 * follows a field they ended, opened on this line: an unterminated
	 * quote is reported there, which may be later than the record's line.
	 */
	if (in->p.quoted && (!quoted || in->nf != nf))
		in->quote_line = in->line;
	if (used != len) {
		if (csv_error(&in->p) == CSV_EPARSE)
			snprintf(in->err, sizeof(in->err), "%s:%zu: stray "
			    "quote or text after a closing quote (the file is "
			    "not RFC 4180 CSV; the record began on line %zu)",
			    in->name, in->line, in->rec_line);
		else
			snprintf(in->err, sizeof(in->err), "%s:%zu: %s",
			    in->name, in->line, csv_strerror(csv_error(&in->p)));
		return -1;
	}
	return 0;
}

/*
 * The first comma in [s, end), or end. Fields are short (a few bytes), too
 * short for memchr's start-up: eight bytes are tested at a time for a
 * comma (the "has a zero byte" test on the bytes XOR ','); on a
 * little-endian machine with gcc or clang the lowest marked byte is the
 * comma, elsewhere the word is looked at byte by byte.
 */
static const char *
comma(const char *s, const char *end)
{
	const uint64_t	 ones = 0x0101010101010101u;
	const uint64_t	 high = 0x8080808080808080u;
	uint64_t	 w;

	for (; end - s >= 8; s += 8) {
		memcpy(&w, s, 8);
		w ^= ones * ',';
		w = (w - ones) & ~w & high;
		if (w == 0)
			continue;
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
		/* A borrow marks only bytes after the first comma. */
		return s + (__builtin_ctzll(w) >> 3);
#else
		break;
#endif
	}
	while (s < end && *s != ',')
		s++;
	return s;
}

/*
 * The fields of s[0..len), split on its commas: what libcsv gives for a
 * line, or the start of a line, that begins a record and holds no quote —
 * under RFC 4180 such bytes have one reading (with the space function
 * that keeps spaces). The fields go through add_field as libcsv's do, so
 * the bounds and the column mask apply alike; libcsv's state is untouched
 * (it is between records).
 */
static void
split(struct csvin *in, const char *s, size_t len)
{
	const char	*end = s + len, *c;

	while ((c = comma(s, end)) != end) {
		add_field(in, s, (size_t)(c - s));
		s = c + 1;
	}
	add_field(in, s, (size_t)(end - s));
}

/* Offset of the next CR or LF at or after pos, or n. */
static size_t
next_end(struct csvin *in)
{
	const char	*q;

	if (in->next_lf <= in->pos && in->next_lf < in->n) {
		q = memchr(in->buf + in->pos, '\n', in->n - in->pos);
		in->next_lf = q != NULL ? (size_t)(q - in->buf) : in->n;
	}
	if (in->next_cr <= in->pos && in->next_cr < in->n) {
		q = memchr(in->buf + in->pos, '\r', in->n - in->pos);
		in->next_cr = q != NULL ? (size_t)(q - in->buf) : in->n;
	}
	return in->next_lf < in->next_cr ? in->next_lf : in->next_cr;
}

static struct rec *
finish(struct csvin *in)
{
	size_t	 i, c;

	if (in->fcap == 0)
		grow_fields(in);	/* ptr must not be NULL */
	if (in->mask == NULL)
		for (i = 0; i < in->nf; i++)
			in->ptr[i] = in->data.p + in->off[i];
	else
		for (i = 0; i < in->nkept && in->kept[i] < in->nf; i++) {
			c = in->kept[i];
			in->ptr[c] = in->data.p + in->off[c];
		}
	in->rec.line = in->rec_line;
	in->rec.nf = in->nf;
	in->rec.f = in->ptr;
	in->rec.len = in->lens;
	in->done = 0;
	in->in_rec = 0;
	return &in->rec;
}

int
csvin_next(struct csvin *in, struct rec **r)
{
	const char	*s, *e, *q, *c;
	size_t		 len, body;
	int		 ended;

	in->nf = 0;
	in->total = 0;
	buf_reset(&in->data);
	for (;;) {
		if (in->pos == in->n) {
			if (in->eof)
				break;
			if (fill(in) == -1)
				return -1;
			if (in->eof)
				break;
			if (in->first) {
				in->first = 0;
				/* A BOM can only be whole if the read holds it. */
				if (in->n >= 3 &&
				    memcmp(in->buf, "\xEF\xBB\xBF", 3) == 0)
					in->pos = 3;
			}
			continue;
		}
		s = in->buf + in->pos;
		len = in->n - in->pos;
		/* The LF of a CRLF split across two reads ends no line. */
		if (in->pending_cr && s[0] == '\n') {
			in->pending_cr = 0;
			in->pos++;
			if (in->in_rec && feed(in, s, 1) == -1)
				return -1;
			continue;
		}
		in->pending_cr = 0;
		e = in->buf + next_end(in);
		ended = e < s + len;
		body = (size_t)(e - s);		/* the line without its end */
		if (ended) {
			if (*e == '\r' && e + 1 < s + len && e[1] == '\n')
				e++;
			else if (*e == '\r' && e + 1 == s + len)
				in->pending_cr = 1;
			e++;
		}
		len = (size_t)(e - s);
		in->pos += len;
		if (!in->in_rec && !(ended && (s[0] == '\r' || s[0] == '\n'))) {
			in->in_rec = 1;
			in->rec_line = in->line;
			if (ended && (q = memchr(s, '"', len)) == NULL) {
				in->line++;
				split(in, s, body);
				in->done = 1;
				goto got;
			}
			/*
			 * The fields before the one that holds the first
			 * quote are split here too; libcsv starts at that
			 * field, as it would after the comma before it.
			 */
			if (ended) {
				for (c = q; c > s && c[-1] != ','; c--)
					;
				if (c > s) {
					split(in, s, (size_t)(c - 1 - s));
					len -= (size_t)(c - s);
					s = c;
				}
			}
		}
		if (in->in_rec && feed(in, s, len) == -1)
			return -1;
		if (ended)
			in->line++;
		if (in->done)
			goto got;
	}
	if (in->in_rec) {
		if (csv_fini(&in->p, on_field, on_row, in) != 0) {
			snprintf(in->err, sizeof(in->err), "%s:%zu: unterminated "
			    "quoted field: the quote opened on line %zu is never "
			    "closed", in->name, in->quote_line, in->quote_line);
			return -1;
		}
		if (in->done)
			goto got;
	}
	return 0;
got:
	if (over_bounds(in, in->toobig))
		return -1;
	*r = finish(in);
	return 1;
}
