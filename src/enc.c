/*
 * enc: validation, decoding and encoding of CP932 and UTF-8.
 *
 * CP932 is decoded and encoded with iconv's "CP932" converter, never
 * "SHIFT_JIS" (which maps 0x5C to U+00A5 and rejects the NEC and IBM
 * extensions). Before iconv sees a field, enc_cp932_check applies the
 * structural rules of SPEC §2 on the raw bytes, so the same bytes are
 * refused whichever iconv is underneath; iconv then refuses the unassigned
 * cells of otherwise valid rows (0x85xx, 0xEBxx, 0xEAA5 ...).
 *
 * glibc's CP932 already writes the IBM rows 0xFA-0xFC for characters CP932
 * holds twice and decodes 0x8160 as U+FF5E; GNU libiconv decodes it as
 * U+301C, so decoded text and text to encode both go through enc_fold and
 * every platform gives the same bytes.
 */
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "enc.h"

struct codec {
	iconv_t	 dec;		/* CP932 -> UTF-8, opened on first use */
	iconv_t	 encd;		/* UTF-8 -> CP932, opened on first use */
	struct buf tmp;		/* folded text before encoding */
};

static const struct {
	const char	*name;
	enum enc	 enc;
} in_names[] = {
	{ "auto", ENC_AUTO },
	{ "utf-8", ENC_UTF8 }, { "utf8", ENC_UTF8 },
	{ "cp932", ENC_CP932 }, { "sjis", ENC_CP932 },
	{ "shift_jis", ENC_CP932 }, { "shift-jis", ENC_CP932 },
	{ "windows-31j", ENC_CP932 }, { "ms932", ENC_CP932 },
};

int
enc_parse_input(const char *s, enum enc *e)
{
	size_t	 i;

	for (i = 0; i < ARRAY_LEN(in_names); i++)
		if (strcasecmp(s, in_names[i].name) == 0) {
			*e = in_names[i].enc;
			return 0;
		}
	return -1;
}

int
enc_parse_output(const char *s, enum enc *e)
{
	if (strcasecmp(s, "utf-8-bom") == 0 || strcasecmp(s, "utf8-bom") == 0) {
		*e = ENC_UTF8_BOM;
		return 0;
	}
	if (enc_parse_input(s, e) == -1 || *e == ENC_AUTO)
		return -1;
	return 0;
}

const char *
enc_name(enum enc e)
{
	switch (e) {
	case ENC_AUTO:
		return "auto";
	case ENC_UTF8:
		return "utf-8";
	case ENC_UTF8_BOM:
		return "utf-8-bom";
	case ENC_CP932:
		return "cp932";
	}
	return "?";
}

/* Length of the valid UTF-8 character at s, or 0 when it is invalid. */
static size_t
utf8_char(const unsigned char *s, size_t len)
{
	unsigned char	 c = s[0];

	if (c >= 0x01 && c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF) {
		if (len >= 2 && (s[1] & 0xC0) == 0x80)
			return 2;
		return 0;
	}
	if (c >= 0xE0 && c <= 0xEF) {
		if (len < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
			return 0;
		if (c == 0xE0 && s[1] < 0xA0)		/* overlong */
			return 0;
		if (c == 0xED && s[1] >= 0xA0)		/* surrogate */
			return 0;
		return 3;
	}
	if (c >= 0xF0 && c <= 0xF4) {
		if (len < 4 || (s[1] & 0xC0) != 0x80 ||
		    (s[2] & 0xC0) != 0x80 || (s[3] & 0xC0) != 0x80)
			return 0;
		if (c == 0xF0 && s[1] < 0x90)		/* overlong */
			return 0;
		if (c == 0xF4 && s[1] >= 0x90)		/* past U+10FFFF */
			return 0;
		return 4;
	}
	return 0;		/* NUL, 0x80-0xC1, 0xF5-0xFF */
}

size_t
enc_utf8_check(const char *s, size_t len)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 i = 0, n;

	while (i < len) {
		if (u[i] >= 0x01 && u[i] < 0x80) {
			i++;
			continue;
		}
		if ((n = utf8_char(u + i, len - i)) == 0)
			return i;
		i += n;
	}
	return len;
}

static int
cp932_lead(unsigned char c)
{
	return (c >= 0x81 && c <= 0x9F) || (c >= 0xE0 && c <= 0xFC);
}

static int
cp932_trail(unsigned char c)
{
	return (c >= 0x40 && c <= 0x7E) || (c >= 0x80 && c <= 0xFC);
}

size_t
enc_cp932_check(const char *s, size_t len)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 i = 0;

	while (i < len) {
		unsigned char c = u[i];

		if (c >= 0x01 && c < 0x80) {
			i++;
		} else if (c >= 0xA1 && c <= 0xDF) {	/* half-width kana */
			i++;
		} else if (cp932_lead(c)) {
			if (i + 1 >= len || !cp932_trail(u[i + 1]))
				return i;
			/* Rows no CP932 converter assigns anything in. */
			if (c == 0x85 || c == 0x86 || c == 0xEB || c == 0xEC ||
			    c == 0xEF)
				return i;
			i += 2;
		} else
			return i;	/* NUL, 0x80, 0xA0, 0xFD-0xFF */
	}
	return len;
}

uint32_t
enc_fold_cp(uint32_t cp)
{
	switch (cp) {
	case 0x301C: return 0xFF5E;	/* WAVE DASH -> FULLWIDTH TILDE */
	case 0x2212: return 0xFF0D;	/* MINUS SIGN */
	case 0x2016: return 0x2225;	/* DOUBLE VERTICAL LINE */
	case 0x00A2: return 0xFFE0;	/* CENT SIGN */
	case 0x00A3: return 0xFFE1;	/* POUND SIGN */
	case 0x00AC: return 0xFFE2;	/* NOT SIGN */
	case 0x2014: return 0x2015;	/* EM DASH -> HORIZONTAL BAR */
	default: return cp;
	}
}

void
enc_fold(const char *s, size_t len, struct buf *out)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 i = 0, start = 0, adv;
	uint32_t		 cp, f;
	char			 tmp[4];

	buf_grow(out, len);
	while (i < len) {
		/* Only C2 and E2/E3 lead bytes can start a folded character. */
		if (u[i] != 0xC2 && u[i] != 0xE2 && u[i] != 0xE3) {
			i++;
			continue;
		}
		cp = utf8_get(s + i, len - i, &adv);
		if ((f = enc_fold_cp(cp)) != cp) {
			buf_add(out, s + start, i - start);
			buf_add(out, tmp, utf8_put(tmp, f));
			start = i + adv;
		}
		i += adv;
	}
	buf_add(out, s + start, len - start);
}

struct codec *
codec_new(void)
{
	struct codec	*c;

	c = xcalloc(1, sizeof(*c));
	c->dec = c->encd = (iconv_t)-1;
	return c;
}

void
codec_free(struct codec *c)
{
	if (c == NULL)
		return;
	if (c->dec != (iconv_t)-1)
		iconv_close(c->dec);
	if (c->encd != (iconv_t)-1)
		iconv_close(c->encd);
	buf_free(&c->tmp);
	free(c);
}

static iconv_t
open_cd(iconv_t *cd, const char *to, const char *from)
{
	if (*cd == (iconv_t)-1 && (*cd = iconv_open(to, from)) == (iconv_t)-1) {
		fprintf(stderr, "%s: iconv cannot convert %s to %s on this "
		    "system (install GNU libiconv)\n", progname, from, to);
		exit(2);
	}
	return *cd;
}

/*
 * Runs iconv over the whole input, growing out. Returns 0, or -1 with
 * *at set to the offset of the character iconv refused.
 */
static int
run_iconv(iconv_t cd, const char *s, size_t len, struct buf *out, size_t *at)
{
	char	*in = (char *)(uintptr_t)s, *o;
	size_t	 inleft = len, oleft, r;

	iconv(cd, NULL, NULL, NULL, NULL);
	while (inleft > 0) {
		buf_grow(out, inleft * 2 + 16);
		o = out->p + out->len;
		oleft = out->cap - out->len - 1;
		r = iconv(cd, &in, &inleft, &o, &oleft);
		out->len = (size_t)(o - out->p);
		out->p[out->len] = '\0';
		if (r == (size_t)-1 && errno != E2BIG) {
			*at = (size_t)(in - s);
			return -1;
		}
	}
	return 0;
}

static int
all_ascii(const char *s, size_t len)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 i;

	for (i = 0; i < len; i++)
		if (u[i] == 0 || u[i] >= 0x80)
			return 0;
	return 1;
}

int
codec_decode(struct codec *c, enum enc e, const char *s, size_t len,
    struct buf *out, size_t *badoff)
{
	size_t	 bad;

	if (all_ascii(s, len)) {
		buf_add(out, s, len);
		return 0;
	}
	if (e != ENC_CP932) {
		if ((bad = enc_utf8_check(s, len)) != len) {
			*badoff = bad;
			return -1;
		}
		buf_add(out, s, len);
		return 0;
	}
	if ((bad = enc_cp932_check(s, len)) != len) {
		*badoff = bad;
		return -1;
	}
	buf_reset(&c->tmp);
	if (run_iconv(open_cd(&c->dec, "UTF-8", "CP932"), s, len, &c->tmp,
	    &bad) == -1) {
		*badoff = bad;
		return -1;
	}
	enc_fold(c->tmp.p, c->tmp.len, out);
	return 0;
}

/*
 * Characters refused before iconv sees them. glibc's CP932 converter would
 * write U+00A5 and U+203E as 0x5C and 0x7E, which read back as '\\' and
 * '~', and it drops the tag characters U+E0000..U+E007F without an error
 * (GNU libiconv refuses them): either would lose a character silently.
 */
static int
refused(uint32_t cp)
{
	return cp == 0xA5 || cp == 0x203E || (cp >= 0xE0000 && cp <= 0xE007F);
}

/* Offset of the first refused character at or after from, or len. */
static size_t
next_refused(const char *s, size_t len, size_t from)
{
	size_t	 i, adv;

	for (i = from; i < len; i += adv) {
		/* Their lead bytes: C2 (U+00A5), E2 (U+203E), F3 (tags). */
		if ((unsigned char)s[i] != 0xC2 && (unsigned char)s[i] != 0xE2 &&
		    (unsigned char)s[i] != 0xF3) {
			adv = 1;
			continue;
		}
		if (refused(utf8_get(s + i, len - i, &adv)))
			return i;
	}
	return len;
}

int
codec_encode(struct codec *c, enum enc e, const char *s, size_t len,
    struct buf *out, int escape, uint32_t *badcp)
{
	size_t	 at, adv, done, stop;
	uint32_t cp;

	if (e != ENC_CP932 || all_ascii(s, len)) {
		buf_add(out, s, len);
		return 0;
	}
	buf_reset(&c->tmp);
	enc_fold(s, len, &c->tmp);
	s = c->tmp.p;
	len = c->tmp.len;
	/*
	 * iconv runs from done up to the next refused character (stop); each
	 * character iconv or this rule cannot write is refused, or escaped in
	 * a report. stop only moves forward, so the scan stays linear however
	 * many characters are escaped.
	 */
	done = 0;
	stop = next_refused(s, len, 0);
	while (done < len) {
		/* run_iconv sets at only where it stops early. */
		at = stop - done;
		if (done < stop)
			(void)run_iconv(open_cd(&c->encd, "CP932", "UTF-8"),
			    s + done, stop - done, out, &at);
		/* The character at done + at cannot be written. */
		if (done + at == len)
			break;
		cp = utf8_get(s + done + at, len - done - at, &adv);
		if (!escape) {
			*badcp = cp;
			return -1;
		}
		buf_printf(out, "<U+%04X>", (unsigned)cp);
		done += at + adv;
		if (done > stop)
			stop = next_refused(s, len, done);
	}
	return 0;
}

/*
 * Detection works on physical lines: a line that is valid UTF-8 and holds a
 * character of three or four bytes is UTF-8 text; a line with bytes invalid
 * in UTF-8 is taken for CP932. Two-byte UTF-8 characters are not counted as
 * evidence, because a pair of CP932 half-width katakana (0xC3 0xBD, "ﾃｽ") is
 * also valid two-byte UTF-8, while three-byte Japanese UTF-8 text is almost
 * never valid CP932 throughout a whole line.
 */
int
enc_detect(FILE *fp, struct detect *d)
{
	unsigned char	 buf[65536 + 4];
	size_t		 n, i, keep = 0, line = 1, clen;
	int		 line_bad = 0, line_u8 = 0, first = 1, prev_cr = 0;
	int		 any_bad = 0, more;

	memset(d, 0, sizeof(*d));
	for (;;) {
		n = fread(buf + keep, 1, sizeof(buf) - 4 - keep, fp);
		if (n == 0 && ferror(fp))
			return -1;
		n += keep;
		keep = 0;
		if (n == 0)
			break;
		more = !feof(fp);
		i = 0;
		if (first) {
			first = 0;
			if (n >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
				d->bom = 1;
				i = 3;
			} else if (n >= 2 && (memcmp(buf, "\xFF\xFE", 2) == 0 ||
			    memcmp(buf, "\xFE\xFF", 2) == 0)) {
				d->utf16 = 1;
				return 0;
			}
		}
		while (i < n) {
			unsigned char c = buf[i];

			if (c == '\n' || c == '\r') {
				if (c == '\n' && prev_cr) {
					if (d->crlf < 1000000)
						d->crlf++;
					if (d->cr > 0)
						d->cr--;
				} else if (c == '\n') {
					if (d->lf < 1000000)
						d->lf++;
					line++;
				} else {
					if (d->cr < 1000000)
						d->cr++;
					line++;
				}
				prev_cr = c == '\r';
				if (line_u8 && !line_bad && d->utf8_line == 0)
					d->utf8_line = line - 1;
				if (line_bad && d->cp932_line == 0)
					d->cp932_line = line - 1;
				line_u8 = line_bad = 0;
				i++;
				continue;
			}
			prev_cr = 0;
			/*
			 * NUL is invalid in both encodings, so it is evidence
			 * of neither: the decoders refuse it field by field.
			 */
			if (c < 0x80) {
				/* Most bytes are ASCII: skip a run at once. */
				for (i++; i < n && buf[i] < 0x80 && buf[i] != '\n' &&
				    buf[i] != '\r'; i++)
					continue;
				continue;
			}
			/* Keep an incomplete character for the next read. */
			if (c >= 0xC2 && c <= 0xF4 && more) {
				size_t want = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;

				if (n - i < want) {
					keep = n - i;
					memmove(buf, buf + i, keep);
					break;
				}
			}
			if ((clen = utf8_char(buf + i, n - i)) == 0) {
				line_bad = any_bad = 1;
				i++;
			} else {
				if (clen >= 3)
					line_u8 = 1;
				i += clen;
			}
		}
	}
	if (keep > 0)	/* a truncated character at end of file */
		line_bad = any_bad = 1;
	if (line_u8 && !line_bad && d->utf8_line == 0)
		d->utf8_line = line;
	if (line_bad && d->cp932_line == 0)
		d->cp932_line = line;
	if (d->bom || !any_bad)
		d->enc = ENC_UTF8;
	else {
		d->enc = ENC_CP932;
		d->mixed = d->utf8_line != 0;
	}
	return 0;
}
