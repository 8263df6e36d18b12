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
 *
 * One iconv call per field was most of the cost of a large export (glibc's
 * gconv layers cost far more than the conversion itself), so iconv is asked
 * about each character once and its answers are kept in tables: decoding
 * builds a row of 188 trail bytes the first time a lead byte is seen (the
 * folded UTF-8 of each cell, or "refused"), encoding keeps the bytes of each
 * code point the first time it is written. The tables are iconv's own
 * answers, so the output is the same bytes as iconv's, character for
 * character; anything the tables do not settle (an invalid byte, text that
 * is not UTF-8) goes the old way, through the check and one iconv call,
 * which also finds the offset or code point to report.
 */
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "enc.h"

#define TRAILS		188	/* 0x40-0x7E and 0x80-0xFC */
#define CELL_MAX	3	/* folded UTF-8 bytes a table cell can hold */
#define ETAB_NONE	0xFFFF	/* etab: CP932 cannot hold the code point */

/* One CP932 character decoded: its folded UTF-8, len 0 when refused. */
struct cell {
	unsigned char	 len;
	char		 b[CELL_MAX];
};

struct codec {
	iconv_t	 dec;		/* CP932 -> UTF-8, opened on first use */
	iconv_t	 encd;		/* UTF-8 -> CP932, opened on first use */
	struct buf tmp;		/* folded text before encoding */
	int	 reference;	/* tests: iconv for every field, no tables */
	struct cell *row[256];	/* lead byte -> its TRAILS cells, built once */
	unsigned char tix[256];	/* trail byte -> cell index; 0xFF: none */
	struct cell *single;	/* bytes 0x80-0xFF alone (half-width kana) */
	uint16_t *etab;		/* BMP code point -> CP932 bytes; 0 unknown */
};

static size_t	trail_index(unsigned char);

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

	unsigned	 t;

	c = xcalloc(1, sizeof(*c));
	c->dec = c->encd = (iconv_t)-1;
	for (t = 0; t < 256; t++)
		c->tix[t] = cp932_trail((unsigned char)t) ?
		    (unsigned char)trail_index((unsigned char)t) : 0xFF;
	return c;
}

void
codec_free(struct codec *c)
{
	size_t	 i;

	if (c == NULL)
		return;
	if (c->dec != (iconv_t)-1)
		iconv_close(c->dec);
	if (c->encd != (iconv_t)-1)
		iconv_close(c->encd);
	buf_free(&c->tmp);
	for (i = 0; i < ARRAY_LEN(c->row); i++)
		free(c->row[i]);
	free(c->single);
	free(c->etab);
	free(c);
}

void
codec_reference(struct codec *c)
{
	c->reference = 1;
}

static iconv_t
open_cd(iconv_t *cd, const char *to, const char *from)
{
	if (*cd == (iconv_t)-1 && (*cd = iconv_open(to, from)) == (iconv_t)-1)
		fatal("iconv cannot convert %s to %s on this system (install "
		    "GNU libiconv)", from, to);
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

/*
 * Asks iconv (CP932 -> UTF-8) about one character of n bytes and fills
 * *cl with its folded UTF-8, or len 0 when iconv refuses it. The few
 * characters whose folded form would not fit are left to iconv: len 0
 * here too, and the field then goes the old way.
 */
static void
ask_decode(struct codec *c, const char *s, size_t n, struct cell *cl)
{
	struct buf	 f = {0};
	size_t		 at;

	cl->len = 0;
	buf_reset(&c->tmp);
	if (run_iconv(open_cd(&c->dec, "UTF-8", "CP932"), s, n, &c->tmp,
	    &at) == 0) {
		enc_fold(c->tmp.p, c->tmp.len, &f);
		if (f.len > 0 && f.len <= CELL_MAX) {
			memcpy(cl->b, f.p, f.len);
			cl->len = (unsigned char)f.len;
		}
	}
	buf_free(&f);
}

static size_t
trail_index(unsigned char t)
{
	return t < 0x7F ? (size_t)(t - 0x40) : (size_t)(t - 0x41);
}

/* The cells of lead byte l, built on first use. */
static const struct cell *
cp932_row(struct codec *c, unsigned char l)
{
	char		 ch[2];
	unsigned	 t;

	if (c->row[l] != NULL)
		return c->row[l];
	c->row[l] = xcalloc(TRAILS, sizeof(*c->row[l]));
	ch[0] = (char)l;
	for (t = 0x40; t <= 0xFC; t++)
		if (cp932_trail((unsigned char)t)) {
			ch[1] = (char)t;
			ask_decode(c, ch, 2, &c->row[l][trail_index(
			    (unsigned char)t)]);
		}
	return c->row[l];
}

static const struct cell *
cp932_single(struct codec *c, unsigned char b)
{
	char		 ch;
	unsigned	 i;

	if (c->single == NULL) {
		c->single = xcalloc(0x80, sizeof(*c->single));
		for (i = 0xA1; i <= 0xDF; i++) {
			ch = (char)i;
			ask_decode(c, &ch, 1, &c->single[i - 0x80]);
		}
	}
	return &c->single[b - 0x80];
}

/*
 * Decodes CP932 through the tables, appending to out: 0, or -1 (out back
 * to its length on entry) when a byte is refused, for the old way to find
 * and report it. Accepts exactly what enc_cp932_check and then iconv
 * accept: ASCII but NUL, half-width kana, and a lead byte of an assigned
 * row followed by a trail byte that iconv decodes.
 */
static int
cp932_fast(struct codec *c, const char *s, size_t len, struct buf *out)
{
	const unsigned char	*u = (const unsigned char *)s;
	const struct cell	*cl;
	size_t			 i = 0, start = out->len;
	char			*o;
	unsigned char		 b;

	/*
	 * A byte gives at most 3 bytes of UTF-8 (half-width kana), and each
	 * cell is copied whole (3 bytes) for one or two bytes read.
	 */
	buf_grow(out, len * 3);
	o = out->p + out->len;
	while (i < len) {
		b = u[i];
		if (b >= 0x01 && b < 0x80) {
			*o++ = (char)b;
			i++;
			continue;
		}
		cl = NULL;
		if (b >= 0xA1 && b <= 0xDF) {
			cl = cp932_single(c, b);
			i++;
		} else if (i + 1 < len && c->tix[u[i + 1]] != 0xFF &&
		    (c->row[b] != NULL || (cp932_lead(b) && b != 0x85 &&
		    b != 0x86 && b != 0xEB && b != 0xEC && b != 0xEF))) {
			/* Only the rows of valid lead bytes are ever built. */
			cl = &cp932_row(c, b)[c->tix[u[i + 1]]];
			i += 2;
		}
		if (cl == NULL || cl->len == 0) {
			out->len = start;
			out->p[start] = '\0';
			return -1;
		}
		memcpy(o, cl->b, CELL_MAX);
		o += cl->len;
	}
	out->len = (size_t)(o - out->p);
	out->p[out->len] = '\0';
	return 0;
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
	if (!c->reference && cp932_fast(c, s, len, out) == 0)
		return 0;
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

/*
 * The CP932 bytes of code point cp (already folded), as iconv writes them:
 * 1 or 2 bytes in b, or 0 when iconv refuses it, writes nothing for it, or
 * it is refused() before iconv. The answer for a BMP code point is kept in
 * etab after the first call.
 */
static size_t
cp932_bytes(struct codec *c, uint32_t cp, unsigned char *b)
{
	char		 u[4];
	struct buf	 o = {0};
	size_t		 n = 0, at;
	uint16_t	 v;

	if (refused(cp))
		return 0;
	if (cp <= 0xFFFF && c->etab != NULL && (v = c->etab[cp]) != 0) {
		if (v == ETAB_NONE)
			return 0;
		b[0] = (unsigned char)(v >> 8);
		b[1] = (unsigned char)v;
		return b[0] == 0 ? (b[0] = b[1], 1) : 2;
	}
	if (run_iconv(open_cd(&c->encd, "CP932", "UTF-8"), u, utf8_put(u, cp),
	    &o, &at) == 0 && o.len >= 1 && o.len <= 2) {
		n = o.len;
		memcpy(b, o.p, n);
	}
	buf_free(&o);
	/* A single byte 0x00 never gets here: ASCII is copied as it is. */
	if (cp <= 0xFFFF) {
		if (c->etab == NULL)
			c->etab = xcalloc(0x10000, sizeof(*c->etab));
		c->etab[cp] = (uint16_t)(n == 0 ? ETAB_NONE : n == 1 ? b[0] :
		    b[0] << 8 | b[1]);
	}
	return n;
}

/*
 * Encodes UTF-8 for CP932 output through cp932_bytes, with the fold of
 * enc_fold done per character: 0, 1 with *badcp (or the escape written, as
 * codec_encode does), or -1 (out back to its length on entry) when the
 * text is not valid UTF-8 and must go the old way.
 */
static int
cp932_encode_fast(struct codec *c, const char *s, size_t len,
    struct buf *out, int escape, uint32_t *badcp)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 i = 0, start = out->len, n, adv;
	unsigned char		 b[2];
	uint32_t		 cp;

	while (i < len) {
		if (u[i] < 0x80) {
			for (n = i + 1; n < len && u[n] < 0x80; n++)
				continue;
			buf_add(out, s + i, n - i);
			i = n;
			continue;
		}
		if ((adv = utf8_char(u + i, len - i)) == 0) {
			out->len = start;
			out->p[start] = '\0';
			return -1;
		}
		/* Valid, so decoded here without utf8_get's checks. */
		cp = u[i] & (adv == 2 ? 0x1F : adv == 3 ? 0x0F : 0x07);
		for (n = 1; n < adv; n++)
			cp = cp << 6 | (u[i + n] & 0x3F);
		cp = enc_fold_cp(cp);
		i += adv;
		/* A code point already asked about: its bytes from etab. */
		if (cp <= 0xFFFF && c->etab != NULL && c->etab[cp] != 0 &&
		    c->etab[cp] != ETAB_NONE) {
			buf_grow(out, 2);
			if (c->etab[cp] > 0xFF)
				out->p[out->len++] = (char)(c->etab[cp] >> 8);
			out->p[out->len++] = (char)c->etab[cp];
			out->p[out->len] = '\0';
			continue;
		}
		if ((n = cp932_bytes(c, cp, b)) > 0) {
			buf_add(out, b, n);
			continue;
		}
		if (!escape) {
			*badcp = cp;
			return 1;
		}
		buf_printf(out, "<U+%04X>", (unsigned)cp);
	}
	return 0;
}

int
codec_encode(struct codec *c, enum enc e, const char *s, size_t len,
    struct buf *out, int escape, uint32_t *badcp)
{
	size_t	 at, adv, done, stop;
	uint32_t cp;
	int	 k;

	if (e != ENC_CP932 || all_ascii(s, len)) {
		buf_add(out, s, len);
		return 0;
	}
	if (!c->reference &&
	    (k = cp932_encode_fast(c, s, len, out, escape, badcp)) != -1)
		return -k;
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
 * character of three or four bytes that is plausible text is UTF-8 text; a
 * line with bytes invalid in UTF-8 is taken for CP932. Two-byte UTF-8
 * characters are not counted as evidence, because a pair of CP932
 * half-width katakana (0xC3 0xBD, "ﾃｽ") is also valid two-byte UTF-8, and
 * neither is a three-byte character outside the scripts and symbols of
 * Japanese text (plausible below): 瑤子 in CP932, EA A2 8E 71, is valid
 * UTF-8 for U+A88E "q", a Saurashtra letter, and 13 of 300 random CP932
 * exports were refused as "mixed" for such lines. Three-byte Japanese
 * UTF-8 text is almost never valid CP932 throughout a whole line.
 *
 * The scan is incremental (enc_detect_init, _feed, _finish) so that a
 * reader can run it on the buffers it reads anyway (csvin_set_detector);
 * enc_detect is the same scan over a whole file. UTF-8 is checked by a
 * small state machine that carries a character split between two buffers,
 * and once a line holds an invalid byte the rest of it is skipped: its
 * verdict can no longer change.
 */
int
enc_utf16_bom(const char *s, size_t len)
{
	return len >= 2 && (memcmp(s, "\xFF\xFE", 2) == 0 ||
	    memcmp(s, "\xFE\xFF", 2) == 0);
}

/*
 * Is cp, a character of three or four UTF-8 bytes, one that Japanese text
 * holds: punctuation, letterlike and number forms, arrows, mathematical
 * and technical symbols, enclosed alphanumerics (①), box drawing, shapes,
 * miscellaneous symbols (☆), CJK symbols and punctuation, kana, CJK
 * compatibility (㈱, ㍻), CJK ideographs (and extension A, compatibility
 * ideographs, the supplementary planes' extensions such as 𠮷), the
 * private use area CP932's user-defined characters map to, and the
 * half-width and full-width forms.
 */
static int
plausible(uint32_t cp)
{
	return (cp >= 0x2000 && cp <= 0x27BF) ||
	    (cp >= 0x3000 && cp <= 0x30FF) || (cp >= 0x3190 && cp <= 0x9FFF) ||
	    (cp >= 0xE000 && cp <= 0xF8FF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
	    (cp >= 0xFF00 && cp <= 0xFFEF) || (cp >= 0x20000 && cp <= 0x3FFFF);
}

void
enc_detect_init(struct detector *x)
{
	memset(x, 0, sizeof(*x));
	x->first = 1;
	x->line = 1;
}

static void
line_bad(struct detector *x)
{
	x->line_bad = x->any_bad = 1;
}

static void
line_end(struct detector *x, unsigned char c)
{
	struct detect	*d = &x->d;

	if (c == '\n' && x->prev_cr) {
		if (d->crlf < 1000000)
			d->crlf++;
		if (d->cr > 0)
			d->cr--;
	} else if (c == '\n') {
		if (d->lf < 1000000)
			d->lf++;
		x->line++;
	} else {
		if (d->cr < 1000000)
			d->cr++;
		x->line++;
	}
	x->prev_cr = c == '\r';
	if (x->line_u8 && !x->line_bad && d->utf8_line == 0)
		d->utf8_line = x->line - 1;
	if (x->line_bad && d->cp932_line == 0)
		d->cp932_line = x->line - 1;
	x->line_u8 = x->line_bad = 0;
}

/*
 * Offset of the first byte in u[i..n) that is not ASCII or is CR or LF, or
 * n: eight bytes at a time while they are plain ASCII (a byte of w is zero
 * after the XOR exactly when it equals CR or LF).
 */
static size_t
ascii_run(const unsigned char *u, size_t i, size_t n)
{
	const uint64_t	 ones = 0x0101010101010101ULL;
	const uint64_t	 high = 0x8080808080808080ULL;
	uint64_t	 w, lf, cr;

	for (; i + 8 <= n; i += 8) {
		memcpy(&w, u + i, 8);
		lf = w ^ (ones * '\n');
		cr = w ^ (ones * '\r');
		if ((w & high) != 0 || ((lf - ones) & ~lf & high) != 0 ||
		    ((cr - ones) & ~cr & high) != 0)
			break;
	}
	for (; i < n && u[i] < 0x80 && u[i] != '\n' && u[i] != '\r'; i++)
		continue;
	return i;
}

/* Offset of the first CR or LF in u[i..n), or n. */
static size_t
line_end_at(const unsigned char *u, size_t i, size_t n)
{
	const unsigned char	*q;

	if ((q = memchr(u + i, '\n', n - i)) != NULL)
		n = (size_t)(q - u);
	if ((q = memchr(u + i, '\r', n - i)) != NULL)
		n = (size_t)(q - u);
	return n;
}

void
enc_detect_feed(struct detector *x, const char *s, size_t n)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 i = 0;
	unsigned char		 c;

	if (x->done)
		return;
	if (x->first) {
		x->first = 0;
		if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
			x->d.bom = 1;
			i = 3;
			if (x->verdict_only) {
				x->d.enc = ENC_UTF8;
				x->done = 1;
				return;
			}
		} else if (enc_utf16_bom(s, n)) {
			x->d.utf16 = 1;
			x->done = 1;
			return;
		}
	}
	while (i < n) {
		c = u[i];
		if (x->need > 0) {
			if (c >= x->lo && c <= x->hi) {
				x->lo = 0x80;
				x->hi = 0xBF;
				x->cp = x->cp << 6 | (c & 0x3F);
				if (--x->need == 0 && x->clen >= 3 &&
				    plausible(x->cp))
					x->line_u8 = 1;
				i++;
				continue;
			}
			/* The character is cut short; c starts afresh. */
			x->need = 0;
			line_bad(x);
		}
		if (c == '\n' || c == '\r') {
			line_end(x, c);
			i++;
			continue;
		}
		x->prev_cr = 0;
		if (x->line_bad) {
			/* The line's verdict is set: on to its end. */
			i = line_end_at(u, i, n);
			continue;
		}
		/*
		 * NUL is invalid in both encodings, so it is evidence of
		 * neither: the decoders refuse it field by field.
		 */
		if (c < 0x80) {
			/* Most bytes are ASCII: skip a run at once. */
			i = ascii_run(u, i + 1, n);
			continue;
		}
		x->lo = 0x80;
		x->hi = 0xBF;
		x->cp = c & (c >= 0xF0 ? 0x07 : c >= 0xE0 ? 0x0F : 0x1F);
		if (c >= 0xC2 && c <= 0xDF)
			x->need = 1;
		else if (c >= 0xE0 && c <= 0xEF) {
			x->need = 2;
			if (c == 0xE0)
				x->lo = 0xA0;		/* not overlong */
			else if (c == 0xED)
				x->hi = 0x9F;		/* not a surrogate */
		} else if (c >= 0xF0 && c <= 0xF4) {
			x->need = 3;
			if (c == 0xF0)
				x->lo = 0x90;		/* not overlong */
			else if (c == 0xF4)
				x->hi = 0x8F;		/* not past U+10FFFF */
		} else
			line_bad(x);	/* 0x80-0xC1, 0xF5-0xFF */
		x->clen = x->need + 1;
		i++;
	}
}

void
enc_detect_finish(struct detector *x)
{
	struct detect	*d = &x->d;

	if (x->done)
		return;
	x->done = 1;
	if (x->need > 0)	/* a truncated character at end of file */
		line_bad(x);
	if (x->line_u8 && !x->line_bad && d->utf8_line == 0)
		d->utf8_line = x->line;
	if (x->line_bad && d->cp932_line == 0)
		d->cp932_line = x->line;
	if (d->bom || !x->any_bad)
		d->enc = ENC_UTF8;
	else {
		d->enc = ENC_CP932;
		d->mixed = d->utf8_line != 0;
	}
}

int
enc_detect(FILE *fp, struct detect *d)
{
	struct detector	 x;
	char		 buf[65536];
	size_t		 n;

	enc_detect_init(&x);
	/* fread fills the buffer unless at the end: the BOM is seen whole. */
	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0 && !x.done)
		enc_detect_feed(&x, buf, n);
	if (ferror(fp))
		return -1;
	enc_detect_finish(&x);
	*d = x.d;
	return 0;
}
