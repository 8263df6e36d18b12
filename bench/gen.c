/*
 * gen.c: deterministic generator of realistic benchmark inputs for
 * mikibridge (issue 6).
 *
 *	bench/gen --records N --seed S --out DIR [--encoding cp932|utf-8]
 *
 * Writes into DIR:
 *
 *	smarthr-employees.csv	 N records, 100 columns in SmartHR's wording
 *	smarthr-departments.csv	 SmartHR staircase master, 10,000 departments
 *				 over 10 levels (code,level1..level10)
 *	mikiwame-departments.csv the ミキワメAI departments the employees use
 *	mikiwame-employees.csv	 ミキワメAI employee export, ~90 % of them
 *	mikiwame-results.csv	 ミキワメAI result export, ~N results
 *	manifest.txt		 data records per file (for bench/run.sh)
 *
 * The SmartHR files are CP932 (default) or UTF-8 with a BOM; the ミキワメAI
 * files are UTF-8 with a BOM, as ミキワメAI writes them. Every line ends in
 * CRLF, line breaks inside quoted fields too.
 *
 * Every value is a pure function of (seed, record index, stream): each
 * record draws from its own splitmix64 streams, so any file can regenerate
 * any employee without the others. Files are written record by record, so
 * memory does not grow with N, and the same N and S give the same bytes.
 * Records are assembled in UTF-8 and converted to CP932 one record at a
 * time with iconv. The vocabulary holds NEC and IBM extensions (髙, 﨑, 德,
 * ①, ㈱) but none of the characters converters disagree on (〜, －, ∥ …),
 * so the CP932 bytes are the same with glibc and GNU libiconv. Everyone
 * and everything here is fictional; mail uses example.co.jp and example.com.
 */
#include <errno.h>
#include <iconv.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

static const char *progname = "gen";

static void
die(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", progname);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

static void *
xrealloc(void *p, size_t n)
{
	if ((p = realloc(p, n)) == NULL)
		die("out of memory");
	return p;
}

/* ------------------------------------------------------------------ */
/* Random streams: splitmix64, one stream per (seed, stream, index). */

enum stream {
	S_NAME = 1,	/* names, kana, business name */
	S_MAIL,		/* mail address */
	S_CORE,		/* number, dates, status, type, department, … */
	S_REST,		/* the SmartHR columns no command uses */
	S_MW,		/* the ミキワメAI employee export */
	S_RES,		/* how many results */
	S_RES1,		/* the first result */
	S_RES2,		/* the retake */
	S_RESDAY,	/* the first result's day */
	S_DEPT,		/* the extra departments of the SmartHR master */
	S_SHARE		/* which employees share a mail address */
};

struct rng {
	uint64_t s;
};

static uint64_t
mix64(uint64_t z)
{
	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

static uint64_t seed;		/* --seed */

static void
rng_init(struct rng *r, enum stream st, uint64_t idx)
{
	r->s = mix64(seed + mix64(((uint64_t)st << 56) ^ (idx + 1)));
}

static uint64_t
rng_next(struct rng *r)
{
	r->s += UINT64_C(0x9e3779b97f4a7c15);
	return mix64(r->s);
}

/* A number in [0, n). */
static unsigned
below(struct rng *r, unsigned n)
{
	return (unsigned)(((rng_next(r) >> 32) * n) >> 32);
}

/* A number in [lo, hi]. */
static long
between(struct rng *r, long lo, long hi)
{
	return lo + (long)((rng_next(r) >> 11) % (uint64_t)(hi - lo + 1));
}

/* True with a probability of p / 10,000. */
static int
chance(struct rng *r, unsigned p)
{
	return below(r, 10000) < p;
}

/* An index drawn from weights that add up to 10,000. */
static unsigned
weighted(struct rng *r, const unsigned *w, size_t n)
{
	unsigned x = below(r, 10000), i;

	for (i = 0; i + 1 < n; i++) {
		if (x < w[i])
			return i;
		x -= w[i];
	}
	return i;
}

#define PICK(r, a)	((a)[below((r), (unsigned)NELEM(a))])

/* ------------------------------------------------------------------ */
/* Growable byte buffers. */

struct buf {
	char	*p;
	size_t	 len, cap;
};

static void
b_need(struct buf *b, size_t n)
{
	if (b->len + n <= b->cap)
		return;
	while (b->len + n > b->cap)
		b->cap = b->cap ? b->cap * 2 : 256;
	b->p = xrealloc(b->p, b->cap);
}

static void
b_mem(struct buf *b, const char *s, size_t n)
{
	b_need(b, n);
	memcpy(b->p + b->len, s, n);
	b->len += n;
}

static void
b_str(struct buf *b, const char *s)
{
	b_mem(b, s, strlen(s));
}

static void
b_ch(struct buf *b, char c)
{
	b_need(b, 1);
	b->p[b->len++] = c;
}

/* Decimal v, zero-padded to width digits. */
static void
b_num(struct buf *b, unsigned long v, int width)
{
	char t[24];
	int n = 0;

	do {
		t[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v > 0 && n < (int)sizeof(t));
	while (n < width && n < (int)sizeof(t))
		t[n++] = '0';
	b_need(b, (size_t)n);
	while (n > 0)
		b->p[b->len++] = t[--n];
}

static void
b_hex(struct buf *b, uint64_t v, int digits)
{
	static const char hex[] = "0123456789abcdef";

	while (digits-- > 0)
		b_ch(b, hex[(v >> (4 * digits)) & 0xf]);
}

/* ------------------------------------------------------------------ */
/* UTF-8 and kana. */

static size_t
u8_decode(const char *s, unsigned long *cp)
{
	const unsigned char *u = (const unsigned char *)s;

	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	if (u[0] < 0xe0) {
		*cp = (unsigned long)(u[0] & 0x1f) << 6 | (u[1] & 0x3f);
		return 2;
	}
	if (u[0] < 0xf0) {
		*cp = (unsigned long)(u[0] & 0x0f) << 12 |
		    (unsigned long)(u[1] & 0x3f) << 6 | (u[2] & 0x3f);
		return 3;
	}
	*cp = (unsigned long)(u[0] & 0x07) << 18 |
	    (unsigned long)(u[1] & 0x3f) << 12 |
	    (unsigned long)(u[2] & 0x3f) << 6 | (u[3] & 0x3f);
	return 4;
}

static void
b_u8(struct buf *b, unsigned long cp)
{
	if (cp < 0x80) {
		b_ch(b, (char)cp);
	} else if (cp < 0x800) {
		b_ch(b, (char)(0xc0 | cp >> 6));
		b_ch(b, (char)(0x80 | (cp & 0x3f)));
	} else if (cp < 0x10000) {
		b_ch(b, (char)(0xe0 | cp >> 12));
		b_ch(b, (char)(0x80 | (cp >> 6 & 0x3f)));
		b_ch(b, (char)(0x80 | (cp & 0x3f)));
	} else {
		b_ch(b, (char)(0xf0 | cp >> 18));
		b_ch(b, (char)(0x80 | (cp >> 12 & 0x3f)));
		b_ch(b, (char)(0x80 | (cp >> 6 & 0x3f)));
		b_ch(b, (char)(0x80 | (cp & 0x3f)));
	}
}

/* Half-width forms of U+30A1 ァ … U+30F6 ヶ, in code point order. */
static const char *const hankaku[] = {
	"ｧ", "ｱ", "ｨ", "ｲ", "ｩ", "ｳ", "ｪ", "ｴ", "ｫ", "ｵ",
	"ｶ", "ｶﾞ", "ｷ", "ｷﾞ", "ｸ", "ｸﾞ", "ｹ", "ｹﾞ", "ｺ", "ｺﾞ",
	"ｻ", "ｻﾞ", "ｼ", "ｼﾞ", "ｽ", "ｽﾞ", "ｾ", "ｾﾞ", "ｿ", "ｿﾞ",
	"ﾀ", "ﾀﾞ", "ﾁ", "ﾁﾞ", "ｯ", "ﾂ", "ﾂﾞ", "ﾃ", "ﾃﾞ", "ﾄ", "ﾄﾞ",
	"ﾅ", "ﾆ", "ﾇ", "ﾈ", "ﾉ",
	"ﾊ", "ﾊﾞ", "ﾊﾟ", "ﾋ", "ﾋﾞ", "ﾋﾟ", "ﾌ", "ﾌﾞ", "ﾌﾟ",
	"ﾍ", "ﾍﾞ", "ﾍﾟ", "ﾎ", "ﾎﾞ", "ﾎﾟ",
	"ﾏ", "ﾐ", "ﾑ", "ﾒ", "ﾓ", "ｬ", "ﾔ", "ｭ", "ﾕ", "ｮ", "ﾖ",
	"ﾗ", "ﾘ", "ﾙ", "ﾚ", "ﾛ", "ﾜ", "ﾜ", "ｲ", "ｴ", "ｦ", "ﾝ",
	"ｳﾞ", "ｶ", "ｹ"
};

/* The static assertion keeps the table aligned with the code points. */
typedef char hankaku_covers_30a1_30f6[NELEM(hankaku) == 0x30f6 - 0x30a1 + 1 ? 1 : -1];

enum kana_form { K_FULL, K_HALF, K_HIRA };

/* Katakana text s in full-width, half-width or hiragana form. */
static void
b_kana(struct buf *b, const char *s, enum kana_form form)
{
	unsigned long cp;

	if (form == K_FULL) {
		b_str(b, s);
		return;
	}
	while (*s != '\0') {
		s += u8_decode(s, &cp);
		if (cp >= 0x30a1 && cp <= 0x30f6) {
			if (form == K_HALF)
				b_str(b, hankaku[cp - 0x30a1]);
			else
				b_u8(b, cp - 0x60);
		} else if (cp == 0x30fc && form == K_HALF) {
			b_str(b, "ｰ");
		} else if (cp == 0x3000 && form == K_HALF) {
			b_ch(b, ' ');
		} else {
			b_u8(b, cp);
		}
	}
}

/* ------------------------------------------------------------------ */
/* Dates, as day numbers (days since 1970-01-01, proleptic Gregorian). */

static long
days_from_civil(long y, unsigned m, unsigned d)
{
	long era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long)doe - 719468;
}

static void
civil_from_days(long z, long *y, unsigned *m, unsigned *d)
{
	long era;
	unsigned doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = (unsigned)(z - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = (long)yoe + era * 400 + (*m <= 2);
}

static const struct era {
	const char	*name, *abbr;
	long		 y, m, d;	/* first day */
} eras[] = {
	{ "令和", "R", 2019, 5, 1 },
	{ "平成", "H", 1989, 1, 8 },
	{ "昭和", "S", 1926, 12, 25 },
	{ "大正", "T", 1912, 7, 30 },
	{ "明治", "M", 1873, 1, 1 }	/* the spec's start: solar calendar */
};

enum date_form {
	D_SLASH,	/* 1985/04/01 */
	D_DASH,		/* 1985-04-01 */
	D_SHORT,	/* 1985/4/1 */
	D_ERA,		/* 昭和60年4月1日, 令和元年5月1日 */
	D_ERA_ABBR,	/* S60.4.1 */
	D_COMPACT,	/* 19850401 */
	D_KANJI		/* 1985年4月1日 */
};

/* Mostly one form, as one system writes, with the others SmartHR users type. */
static const unsigned date_weights[] = { 8000, 600, 400, 400, 300, 200, 100 };

static void
b_date(struct buf *b, long day, enum date_form form)
{
	long y;
	unsigned m, d;
	size_t i;

	civil_from_days(day, &y, &m, &d);
	switch (form) {
	case D_SLASH:
	case D_DASH:
		b_num(b, (unsigned long)y, 4);
		b_ch(b, form == D_SLASH ? '/' : '-');
		b_num(b, m, 2);
		b_ch(b, form == D_SLASH ? '/' : '-');
		b_num(b, d, 2);
		break;
	case D_SHORT:
		b_num(b, (unsigned long)y, 4);
		b_ch(b, '/');
		b_num(b, m, 1);
		b_ch(b, '/');
		b_num(b, d, 1);
		break;
	case D_COMPACT:
		b_num(b, (unsigned long)y, 4);
		b_num(b, m, 2);
		b_num(b, d, 2);
		break;
	case D_KANJI:
		b_num(b, (unsigned long)y, 4);
		b_str(b, "年");
		b_num(b, m, 1);
		b_str(b, "月");
		b_num(b, d, 1);
		b_str(b, "日");
		break;
	case D_ERA:
	case D_ERA_ABBR:
		for (i = 0; i + 1 < NELEM(eras); i++)
			if (day >= days_from_civil(eras[i].y,
			    (unsigned)eras[i].m, (unsigned)eras[i].d))
				break;
		if (form == D_ERA) {
			b_str(b, eras[i].name);
			if (y == eras[i].y)
				b_str(b, "元");
			else
				b_num(b, (unsigned long)(y - eras[i].y + 1), 1);
			b_str(b, "年");
			b_num(b, m, 1);
			b_str(b, "月");
			b_num(b, d, 1);
			b_str(b, "日");
		} else {
			b_str(b, eras[i].abbr);
			b_num(b, (unsigned long)(y - eras[i].y + 1), 1);
			b_ch(b, '.');
			b_num(b, m, 1);
			b_ch(b, '.');
			b_num(b, d, 1);
		}
		break;
	}
}

/* ------------------------------------------------------------------ */
/* CSV writers: a record is built in UTF-8, then converted and written. */

struct csvw {
	FILE		*fp;
	char		*path, *tmp;
	iconv_t		 cd;		/* UTF-8 → CP932, or (iconv_t)-1 */
	struct buf	 rec;		/* the record being built, UTF-8 */
	struct buf	 fld;		/* the field being built */
	struct buf	 enc;		/* the record in CP932 */
	size_t		 nf;		/* fields in the record so far */
	size_t		 ncol;		/* fields every record must have */
	unsigned long	 nrec;		/* data records written */
};

static void
w_open(struct csvw *w, const char *dir, const char *name, int to_cp932)
{
	size_t n = strlen(dir) + strlen(name) + 8;

	memset(w, 0, sizeof(*w));
	w->path = xrealloc(NULL, n);
	w->tmp = xrealloc(NULL, n);
	snprintf(w->path, n, "%s/%s", dir, name);
	snprintf(w->tmp, n, "%s/.%s~", dir, name);
	if ((w->fp = fopen(w->tmp, "wb")) == NULL)
		die("%s: %s", w->tmp, strerror(errno));
	setvbuf(w->fp, NULL, _IOFBF, 1 << 20);
	w->cd = (iconv_t)-1;
	if (to_cp932) {
		if ((w->cd = iconv_open("CP932", "UTF-8")) == (iconv_t)-1)
			die("iconv_open CP932: %s", strerror(errno));
	} else {
		fwrite("\xef\xbb\xbf", 1, 3, w->fp);
	}
}

/* The field under construction, to be finished by w_end. */
static struct buf *
w_fld(struct csvw *w)
{
	w->fld.len = 0;
	return &w->fld;
}

/* Appends the field built in w->fld, quoted when it must be. */
static void
w_end(struct csvw *w)
{
	const char *s = w->fld.p, *e = s + w->fld.len, *q;
	int quote = 0;

	if (w->nf++ > 0)
		b_ch(&w->rec, ',');
	for (q = s; q < e; q++)
		if (*q == ',' || *q == '"' || *q == '\r' || *q == '\n') {
			quote = 1;
			break;
		}
	if (!quote) {
		b_mem(&w->rec, s, w->fld.len);
		return;
	}
	b_ch(&w->rec, '"');
	for (q = s; q < e; q++) {
		if (*q == '"')
			b_ch(&w->rec, '"');
		b_ch(&w->rec, *q);
	}
	b_ch(&w->rec, '"');
}

static void
w_put(struct csvw *w, const char *s)
{
	b_str(w_fld(w), s);
	w_end(w);
}

static void
w_num(struct csvw *w, unsigned long v, int width)
{
	b_num(w_fld(w), v, width);
	w_end(w);
}

static void
w_row(struct csvw *w)
{
	char *in, *out;
	size_t inleft, outleft;

	if (w->ncol == 0)
		w->ncol = w->nf;
	else if (w->nf != w->ncol)
		die("%s: record %lu has %zu fields, not %zu (a bug)",
		    w->path, w->nrec, w->nf, w->ncol);
	b_mem(&w->rec, "\r\n", 2);
	if (w->cd == (iconv_t)-1) {
		fwrite(w->rec.p, 1, w->rec.len, w->fp);
	} else {
		w->enc.len = 0;
		b_need(&w->enc, w->rec.len);	/* CP932 is never longer */
		in = w->rec.p;
		inleft = w->rec.len;
		out = w->enc.p;
		outleft = w->enc.cap;
		if (iconv(w->cd, &in, &inleft, &out, &outleft) == (size_t)-1)
			die("%s: record %lu: cannot encode \"%.*s\" in CP932: %s",
			    w->path, w->nrec, (int)(inleft < 12 ? inleft : 12),
			    in, strerror(errno));
		fwrite(w->enc.p, 1, w->enc.cap - outleft, w->fp);
	}
	w->rec.len = 0;
	w->nf = 0;
	w->nrec++;
}

static void
w_header(struct csvw *w, const char *const *cols, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		w_put(w, cols[i]);
	w_row(w);
	w->nrec = 0;
}

static void
w_close(struct csvw *w)
{
	if (fflush(w->fp) != 0 || ferror(w->fp) || fclose(w->fp) != 0)
		die("%s: %s", w->tmp, strerror(errno));
	if (rename(w->tmp, w->path) != 0)
		die("%s: %s", w->path, strerror(errno));
	if (w->cd != (iconv_t)-1)
		iconv_close(w->cd);
	free(w->rec.p);
	free(w->fld.p);
	free(w->enc.p);
	free(w->path);
	free(w->tmp);
}

/* ------------------------------------------------------------------ */
/* Vocabulary. */

static const struct surname {
	const char *kanji, *kana, *roma;
} surnames[] = {
	{ "髙橋", "タカハシ", "takahashi" }, { "山﨑", "ヤマサキ", "yamasaki" },
	{ "德永", "トクナガ", "tokunaga" }, { "宮﨑", "ミヤザキ", "miyazaki" },
	{ "髙田", "タカダ", "takada" }, { "濵田", "ハマダ", "hamada" },
	{ "髙木", "タカギ", "takagi" }, { "﨑山", "サキヤマ", "sakiyama" },
	{ "佐藤", "サトウ", "sato" }, { "鈴木", "スズキ", "suzuki" },
	{ "田中", "タナカ", "tanaka" }, { "伊藤", "イトウ", "ito" },
	{ "渡辺", "ワタナベ", "watanabe" }, { "山本", "ヤマモト", "yamamoto" },
	{ "中村", "ナカムラ", "nakamura" }, { "小林", "コバヤシ", "kobayashi" },
	{ "加藤", "カトウ", "kato" }, { "吉田", "ヨシダ", "yoshida" },
	{ "山田", "ヤマダ", "yamada" }, { "佐々木", "ササキ", "sasaki" },
	{ "山口", "ヤマグチ", "yamaguchi" }, { "松本", "マツモト", "matsumoto" },
	{ "井上", "イノウエ", "inoue" }, { "木村", "キムラ", "kimura" },
	{ "林", "ハヤシ", "hayashi" }, { "斎藤", "サイトウ", "saito" },
	{ "清水", "シミズ", "shimizu" }, { "山崎", "ヤマザキ", "yamazaki" },
	{ "森", "モリ", "mori" }, { "池田", "イケダ", "ikeda" },
	{ "橋本", "ハシモト", "hashimoto" }, { "阿部", "アベ", "abe" },
	{ "石川", "イシカワ", "ishikawa" }, { "山下", "ヤマシタ", "yamashita" },
	{ "中島", "ナカジマ", "nakajima" }, { "石井", "イシイ", "ishii" },
	{ "小川", "オガワ", "ogawa" }, { "前田", "マエダ", "maeda" },
	{ "岡田", "オカダ", "okada" }, { "長谷川", "ハセガワ", "hasegawa" },
	{ "藤田", "フジタ", "fujita" }, { "後藤", "ゴトウ", "goto" },
	{ "近藤", "コンドウ", "kondo" }, { "村上", "ムラカミ", "murakami" },
	{ "遠藤", "エンドウ", "endo" }, { "青木", "アオキ", "aoki" },
	{ "坂本", "サカモト", "sakamoto" }, { "齊藤", "サイトウ", "saito" },
	{ "福田", "フクダ", "fukuda" }, { "太田", "オオタ", "ota" },
	{ "西村", "ニシムラ", "nishimura" }, { "藤井", "フジイ", "fujii" },
	{ "金子", "カネコ", "kaneko" }, { "岡本", "オカモト", "okamoto" },
	{ "藤原", "フジワラ", "fujiwara" }, { "中野", "ナカノ", "nakano" },
	{ "三浦", "ミウラ", "miura" }, { "原田", "ハラダ", "harada" },
	{ "松田", "マツダ", "matsuda" }, { "竹内", "タケウチ", "takeuchi" },
	{ "小野", "オノ", "ono" }, { "田村", "タムラ", "tamura" },
	{ "中山", "ナカヤマ", "nakayama" }, { "德田", "トクダ", "tokuda" }
};

static const struct given {
	const char *kanji, *kana, *roma;
	int female;
} givens[] = {
	{ "健司", "ケンジ", "kenji", 0 }, { "誠", "マコト", "makoto", 0 },
	{ "翔太", "ショウタ", "shota", 0 }, { "大輔", "ダイスケ", "daisuke", 0 },
	{ "正樹", "マサキ", "masaki", 0 }, { "茂", "シゲル", "shigeru", 0 },
	{ "浩二", "コウジ", "koji", 0 }, { "隆", "タカシ", "takashi", 0 },
	{ "一郎", "イチロウ", "ichiro", 0 }, { "拓也", "タクヤ", "takuya", 0 },
	{ "直樹", "ナオキ", "naoki", 0 }, { "健太", "ケンタ", "kenta", 0 },
	{ "亮", "リョウ", "ryo", 0 }, { "蓮", "レン", "ren", 0 },
	{ "悠斗", "ユウト", "yuto", 0 }, { "大翔", "ヒロト", "hiroto", 0 },
	{ "和也", "カズヤ", "kazuya", 0 }, { "修", "オサム", "osamu", 0 },
	{ "聡", "サトシ", "satoshi", 0 }, { "德三", "トクゾウ", "tokuzo", 0 },
	{ "美咲", "ミサキ", "misaki", 1 }, { "花子", "ハナコ", "hanako", 1 },
	{ "由美", "ユミ", "yumi", 1 }, { "陽菜", "ヒナ", "hina", 1 },
	{ "さくら", "サクラ", "sakura", 1 }, { "彩", "アヤ", "aya", 1 },
	{ "恵子", "ケイコ", "keiko", 1 }, { "真理", "マリ", "mari", 1 },
	{ "洋子", "ヨウコ", "yoko", 1 }, { "和子", "カズコ", "kazuko", 1 },
	{ "結衣", "ユイ", "yui", 1 }, { "葵", "アオイ", "aoi", 1 },
	{ "美穂", "ミホ", "miho", 1 }, { "千尋", "チヒロ", "chihiro", 1 },
	{ "愛", "アイ", "ai", 1 }, { "舞", "マイ", "mai", 1 },
	{ "優子", "ユウコ", "yuko", 1 }, { "香織", "カオリ", "kaori", 1 },
	{ "奈々", "ナナ", "nana", 1 }, { "凜", "リン", "rin", 1 }
};

static const struct place {
	const char *pref, *pref_kana, *city, *city_kana, *town, *town_kana, *zip;
} places[] = {
	{ "東京都", "トウキョウト", "千代田区", "チヨダク", "丸の内", "マルノウチ", "100-0005" },
	{ "東京都", "トウキョウト", "渋谷区", "シブヤク", "神宮前", "ジングウマエ", "150-0001" },
	{ "東京都", "トウキョウト", "新宿区", "シンジュクク", "西新宿", "ニシシンジュク", "160-0023" },
	{ "東京都", "トウキョウト", "江東区", "コウトウク", "豊洲", "トヨス", "135-0061" },
	{ "東京都", "トウキョウト", "豊島区", "トシマク", "南池袋", "ミナミイケブクロ", "171-0022" },
	{ "東京都", "トウキョウト", "世田谷区", "セタガヤク", "三軒茶屋", "サンゲンヂャヤ", "154-0024" },
	{ "東京都", "トウキョウト", "武蔵野市", "ムサシノシ", "吉祥寺本町", "キチジョウジホンチョウ", "180-0004" },
	{ "神奈川県", "カナガワケン", "横浜市西区", "ヨコハマシニシク", "みなとみらい", "ミナトミライ", "220-0012" },
	{ "神奈川県", "カナガワケン", "川崎市高津区", "カワサキシタカツク", "溝口", "ミゾノクチ", "213-0001" },
	{ "埼玉県", "サイタマケン", "さいたま市浦和区", "サイタマシウラワク", "高砂", "タカサゴ", "330-0063" },
	{ "千葉県", "チバケン", "千葉市中央区", "チバシチュウオウク", "中央", "チュウオウ", "260-0013" },
	{ "大阪府", "オオサカフ", "大阪市北区", "オオサカシキタク", "梅田", "ウメダ", "530-0001" },
	{ "大阪府", "オオサカフ", "吹田市", "スイタシ", "江坂町", "エサカチョウ", "564-0063" },
	{ "愛知県", "アイチケン", "名古屋市中村区", "ナゴヤシナカムラク", "名駅", "メイエキ", "450-0002" },
	{ "福岡県", "フクオカケン", "福岡市博多区", "フクオカシハカタク", "博多駅前", "ハカタエキマエ", "812-0011" },
	{ "北海道", "ホッカイドウ", "札幌市中央区", "サッポロシチュウオウク", "北一条西", "キタイチジョウニシ", "060-0001" },
	{ "宮城県", "ミヤギケン", "仙台市青葉区", "センダイシアオバク", "中央", "チュウオウ", "980-0021" },
	{ "広島県", "ヒロシマケン", "広島市中区", "ヒロシマシナカク", "紙屋町", "カミヤチョウ", "730-0031" },
	{ "京都府", "キョウトフ", "京都市下京区", "キョウトシシモギョウク", "四条通", "シジョウドオリ", "600-8001" },
	{ "兵庫県", "ヒョウゴケン", "神戸市中央区", "コウベシチュウオウク", "三宮町", "サンノミヤチョウ", "650-0021" }
};

static const char *const buildings[] = {
	"サンプルハイツ①号棟", "サンプルコート", "サンプルタワー", "サンプル荘",
	"サンプルヒルズ", "サンプルメゾン", "サンプルアパート", "サンプルプレイス",
	"テストレジデンス②", "サンプルハウス"
};

static const char *const routes[] = {
	"JR山手線 品川→東京", "東京メトロ銀座線 表参道→銀座",
	"都営新宿線 新宿三丁目→神保町", "東京メトロ有楽町線 豊洲→有楽町",
	"JR京浜東北線 浦和→東京", "東京メトロ丸ノ内線 池袋→東京",
	"東急田園都市線 溝の口→大手町", "JR中央線 中野→東京",
	"みなとみらい線 みなとみらい→横浜", "御堂筋線 江坂→梅田",
	"名鉄名古屋本線 金山→名鉄名古屋", "西鉄天神大牟田線 大橋→西鉄福岡（天神）",
	"市営バス 三軒茶屋→渋谷駅", "京王線 調布→新宿", "小田急線 町田→新宿"
};

static const char *const qualifications[] = {
	"普通自動車第一種運転免許", "日商簿記検定2級", "基本情報技術者",
	"応用情報技術者", "TOEIC 800点", "衛生管理者（第一種）", "社会保険労務士",
	"宅地建物取引士", "中小企業診断士", "危険物取扱者（乙種第4類）",
	"ITパスポート", "秘書検定2級"
};

static const char *const companies[] = {
	"㈱サンプル商事", "サンプル工業㈱", "㈲テスト製作所", "㈱サンプル, 大阪支店",
	"サンプル物産株式会社", "株式会社テストシステムズ", "㈱サンプル電機"
};

static const char *const banks[][2] = {
	{ "9901", "サンプル銀行" }, { "9902", "テスト銀行" },
	{ "9903", "サンプル信託銀行" }, { "9904", "テスト信用金庫" },
	{ "9905", "サンプル労働金庫" }
};

static const char *const branches[] = {
	"本店営業部", "新宿支店", "渋谷支店", "横浜支店", "梅田支店", "名古屋支店",
	"博多支店", "札幌支店"
};

static const char *const jobs[] = {
	"営業", "営業事務", "エンジニア", "デザイナー", "人事", "経理", "総務",
	"企画", "製造", "品質管理", "物流", "マーケティング"
};

static const char *const sites[] = {
	"本社", "大阪支社", "名古屋支社", "福岡営業所", "札幌営業所", "在宅", "横浜工場"
};

static const char *const relations[] = {
	"配偶者", "父", "母", "兄", "姉", "子"
};

static const char *const memos[] = {
	"育休明け, 時短勤務", "\"在宅\"勤務中", "2024年度 評価面談済み",
	"健康診断 要再検査", "海外赴任予定（2026年）", "社内表彰①, 社長賞"
};

static const char *const types16[] = {
	"チャレンジャー", "サポーター", "アナリスト", "ストラテジスト",
	"クリエイター", "リーダー", "エキスパート", "コーディネーター",
	"イノベーター", "メディエーター", "プランナー", "パフォーマー",
	"ガーディアン", "エンターテイナー", "アドバイザー", "スペシャリスト"
};

static const char *const traits[] = {
	"外向性", "協調性", "誠実性", "情緒安定性", "開放性", "挑戦性", "自律性",
	"論理性", "慎重性", "社交性", "共感性", "責任感", "柔軟性", "計画性",
	"主体性", "忍耐力", "競争心", "支配性", "感受性", "楽観性", "独創性",
	"規律性", "内省性", "達成意欲"
};

/* SmartHR's six default employment types, two own types, a half-width
 * spelling and empty, with their shares. */
static const char *const emptypes[] = {
	"正社員", "契約社員", "派遣社員", "アルバイト・パート", "業務委託", "役員",
	"嘱託", "顧問", "ｱﾙﾊﾞｲﾄ･ﾊﾟｰﾄ", ""
};
static const unsigned emptype_weights[] = {
	7000, 1000, 400, 800, 300, 100, 200, 100, 50, 50
};
/* What `employees` writes for each of them (the manual's table). */
static const char *const emptypes_mw[] = {
	"正社員", "契約社員", "派遣社員", "パート・アルバイト", "業務委託",
	"役員（任用契約）", "その他", "その他", "パート・アルバイト", ""
};

static const char *const positions[] = {
	"", "本部長", "部長", "課長", "係長", "主任", "リーダー", "取締役"
};
static const unsigned position_weights[] = {
	6300, 100, 300, 700, 800, 1200, 550, 50
};

static const char *const statuses[] = { "在職中", "休職中", "退職済み" };
static const unsigned status_weights[] = { 8800, 300, 900 };

/* ------------------------------------------------------------------ */
/* The department tree: 10 本部 × 6 部 × 4 課 × 3 チーム = 1,030 departments
 * that employees belong to, and, in the SmartHR master only, more below
 * them down to level 10, 10,000 in all. */

#define DEPT_BASE	(10 + 10 * 6 + 10 * 6 * 4 + 10 * 6 * 4 * 3)
#define DEPT_MASTER	10000
#define DEPT_LEVELS	10

static const char *const div_stems[] = {
	"営業", "開発", "管理", "製造", "経営企画", "人事", "品質保証", "物流",
	"マーケティング", "海外事業"
};
static const char *const regions[] = {
	"東日本", "西日本", "中部", "九州", "北海道", "関西"
};
static const char *const ordinals[] = { "第一", "第二", "第三", "第四" };
static const char *const teams[] = { "A", "B", "C" };
static const char *const units[] = {
	"プロジェクト室", "グループ", "チーム", "ユニット", "分室", "推進室"
};
static const char *const unit_stems[] = {
	"企画", "推進", "品質保証", "業務改善", "情報システム", "研究", "技術",
	"顧客支援", "購買", "法務"
};

static struct dept {
	char	 code[16];
	char	*name;
	int	 parent;	/* index, -1 at level 1 */
	int	 level;		/* 1 = top */
} depts[DEPT_MASTER];
static int ndepts;
static int level_first[5], level_count[5];	/* base tree, levels 1..4 */

static int
dept_add(int parent, const char *name)
{
	struct dept *d = &depts[ndepts];

	snprintf(d->code, sizeof(d->code), "D%05d", ndepts + 1);
	d->name = strdup(name);
	if (d->name == NULL)
		die("out of memory");
	d->parent = parent;
	d->level = parent < 0 ? 1 : depts[parent].level + 1;
	return ndepts++;
}

static void
dept_build(void)
{
	struct buf n = { 0 };
	struct rng r;
	size_t s, g, o, t;
	int i, p, k;

	/* Level by level, so that codes follow the levels. */
	level_first[1] = ndepts;
	for (s = 0; s < NELEM(div_stems); s++) {
		n.len = 0;
		b_str(&n, div_stems[s]);
		b_mem(&n, "本部", strlen("本部") + 1);
		dept_add(-1, n.p);
	}
	level_first[2] = ndepts;
	for (s = 0; s < NELEM(div_stems); s++)
		for (g = 0; g < NELEM(regions); g++) {
			n.len = 0;
			b_str(&n, regions[g]);
			b_str(&n, div_stems[s]);
			b_mem(&n, "部", strlen("部") + 1);
			dept_add(level_first[1] + (int)s, n.p);
		}
	level_first[3] = ndepts;
	for (p = level_first[2]; p < level_first[3]; p++)
		for (o = 0; o < NELEM(ordinals); o++) {
			n.len = 0;
			b_mem(&n, depts[p].name, strlen(depts[p].name) -
			    strlen("部"));
			b_str(&n, ordinals[o]);
			b_mem(&n, "課", strlen("課") + 1);
			dept_add(p, n.p);
		}
	level_first[4] = ndepts;
	for (p = level_first[3]; p < level_first[4]; p++)
		for (t = 0; t < NELEM(teams); t++) {
			n.len = 0;
			b_str(&n, depts[p].name);
			b_str(&n, teams[t]);
			b_mem(&n, "チーム", strlen("チーム") + 1);
			dept_add(p, n.p);
		}
	for (i = 1; i <= 4; i++)
		level_count[i] = (i < 4 ? level_first[i + 1] : ndepts) -
		    level_first[i];
	if (ndepts != DEPT_BASE)
		die("department tree has %d departments (a bug)", ndepts);

	/* Deeper units: often below the one just made, to reach level 10. */
	while (ndepts < DEPT_MASTER) {
		k = ndepts;
		rng_init(&r, S_DEPT, (uint64_t)k);
		p = k - 1;
		if (k == DEPT_BASE || depts[p].level >= DEPT_LEVELS ||
		    chance(&r, 4000))
			do
				p = (int)below(&r, (unsigned)k);
			while (depts[p].level >= DEPT_LEVELS ||
			    depts[p].level < 3);
		n.len = 0;
		b_str(&n, PICK(&r, unit_stems));
		b_str(&n, "第");
		b_num(&n, (unsigned long)(k - DEPT_BASE + 1), 1);
		b_str(&n, PICK(&r, units));
		b_ch(&n, '\0');
		dept_add(p, n.p);
	}
	free(n.p);
}

/* The department's path, 本部/部/課/チーム, as SmartHR writes 部署1. */
static void
b_dept_path(struct buf *b, int d)
{
	int chain[DEPT_LEVELS], n = 0;

	for (; d >= 0 && n < DEPT_LEVELS; d = depts[d].parent)
		chain[n++] = d;
	while (n-- > 0) {
		b_str(b, depts[chain[n]].name);
		if (n > 0)
			b_ch(b, '/');
	}
}

/* A department of the base tree: deeper levels hold more people. */
static int
dept_pick(struct rng *r)
{
	static const unsigned w[] = { 300, 1700, 3500, 4500 };
	int level = (int)weighted(r, w, NELEM(w)) + 1;

	return level_first[level] + (int)below(r, (unsigned)level_count[level]);
}

/* ------------------------------------------------------------------ */
/* Employees. */

#define NO_DAY		LONG_MIN	/* a date left empty */
#define DEPT_NONE	(-1)	/* 部署1 empty */
#define DEPT_UNKNOWN	(-2)	/* a department ミキワメAI does not know */

static unsigned long nrecords;	/* --records */
static int cp932;		/* --encoding */
static int number_width;	/* digits of 社員番号 */

/* What the commands look at; everything else is drawn while writing. */
struct person {
	unsigned long	 idx;
	const struct surname *sur, *bn_sur;	/* bn_sur: business name, or NULL */
	const struct given *given;
	enum kana_form	 kana;
	int		 kana_missing;	/* 1 姓, 2 名, 3 both */
	int		 gender;	/* 0 男性, 1 女性, 2 empty */
	char		 number[16];
	char		 email[96];
	int		 email_bad;	/* missing or invalid */
	long		 birth, joined, retired;	/* day numbers; retired NO_DAY */
	enum date_form	 birth_form, joined_form, retired_form;
	int		 bad_date;	/* 0, or which date is not a real one */
	unsigned	 status, emptype, pos[3];
	int		 dept[3];
	int		 opt_out;	/* 0 連携する, 1 連携しない, 2 empty */
};

/* Names come first and alone in their stream: mail addresses need them. */
static void
person_names(struct person *p, unsigned long i)
{
	struct rng r;
	unsigned x;

	rng_init(&r, S_NAME, i);
	p->idx = i;
	p->sur = &PICK(&r, surnames);
	p->given = &PICK(&r, givens);
	p->bn_sur = NULL;
	if (chance(&r, 500)) {
		do
			p->bn_sur = &PICK(&r, surnames);
		while (p->bn_sur == p->sur);
	}
	x = below(&r, 10000);
	p->kana = x < 300 ? K_HALF : x < 600 ? K_HIRA : K_FULL;
	p->kana_missing = 0;
	if (chance(&r, 100))
		p->kana_missing = (int)below(&r, 3) + 1;
	p->gender = chance(&r, 100) ? 2 : p->given->female;
}

/* Employee i's own address, before any sharing. */
static void
base_email(char *out, size_t size, unsigned long i)
{
	struct person p;
	struct rng r;
	struct buf b = { 0 };
	unsigned form;

	person_names(&p, i);
	rng_init(&r, S_MAIL, i);
	form = below(&r, 10);
	if (form < 7) {
		b_str(&b, p.sur->roma);
		b_ch(&b, '.');
		b_str(&b, p.given->roma);
	} else if (form < 9) {
		b_ch(&b, p.given->roma[0]);
		b_ch(&b, '.');
		b_str(&b, p.sur->roma);
	} else {
		b_str(&b, p.given->roma);
		b_ch(&b, '_');
		b_str(&b, p.sur->roma);
	}
	b_num(&b, i + 1, 1);
	b_str(&b, chance(&r, 1500) ? "@example.com" : "@example.co.jp");
	if (chance(&r, 100))	/* typed with a capital */
		b.p[0] = (char)(b.p[0] - 'a' + 'A');
	b_ch(&b, '\0');
	snprintf(out, size, "%s", b.p);
	free(b.p);
}

/* About 1 % of the employees are in pairs that share one address: i takes
 * i-1's address when i is drawn and i-1 is not. */
static int
shares_email(unsigned long i)
{
	struct rng r;

	if (i == 0)
		return 0;
	rng_init(&r, S_SHARE, i);
	if (!chance(&r, 50))
		return 0;
	rng_init(&r, S_SHARE, i - 1);
	return !chance(&r, 50);
}

static long day_lo, day_hi, day_today;

static void
person_make(struct person *p, unsigned long i)
{
	struct rng r;
	long lo;
	int k;

	person_names(p, i);
	rng_init(&r, S_CORE, i);

	/* 社員番号 keeps its leading zeros; a few are empty or spreadsheet-mangled. */
	if (chance(&r, 10))
		p->number[0] = '\0';
	else if (chance(&r, 3))
		snprintf(p->number, sizeof(p->number), "%lu.0", i + 1);
	else
		snprintf(p->number, sizeof(p->number), "%0*lu",
		    number_width, i + 1);

	if (shares_email(i))
		base_email(p->email, sizeof(p->email), i - 1);
	else
		base_email(p->email, sizeof(p->email), i);
	p->email_bad = 0;
	if (chance(&r, 20)) {
		p->email[0] = '\0';
		p->email_bad = 1;
	} else if (chance(&r, 10)) {
		/* no top-level domain */
		char *at = strchr(p->email, '@');
		if (at != NULL)
			snprintf(at, sizeof(p->email) - (size_t)(at - p->email),
			    "@example");
		p->email_bad = 1;
	}

	p->birth = between(&r, day_lo, day_hi);
	lo = p->birth + 18 * 365 + 100;
	if (lo < days_from_civil(1975, 4, 1))
		lo = days_from_civil(1975, 4, 1);
	p->joined = between(&r, lo, day_today - 30);
	p->status = weighted(&r, status_weights, NELEM(status_weights));
	p->retired = NO_DAY;
	if (p->status == 2)
		p->retired = between(&r, p->joined + 30, day_today);
	p->birth_form = (enum date_form)weighted(&r, date_weights,
	    NELEM(date_weights));
	p->joined_form = (enum date_form)weighted(&r, date_weights,
	    NELEM(date_weights));
	p->retired_form = (enum date_form)weighted(&r, date_weights,
	    NELEM(date_weights));
	p->bad_date = chance(&r, 5) ? (int)below(&r, 2) + 1 : 0;

	p->emptype = weighted(&r, emptype_weights, NELEM(emptype_weights));
	for (k = 0; k < 3; k++)
		p->pos[k] = 0;
	p->pos[0] = weighted(&r, position_weights, NELEM(position_weights));
	if (chance(&r, 500))
		p->pos[1] = 1 + below(&r, (unsigned)NELEM(positions) - 1);
	if (chance(&r, 100))
		p->pos[2] = 1 + below(&r, (unsigned)NELEM(positions) - 1);

	p->dept[0] = dept_pick(&r);
	if (chance(&r, 50))
		p->dept[0] = DEPT_NONE;
	else if (chance(&r, 20))
		p->dept[0] = DEPT_UNKNOWN;
	p->dept[1] = chance(&r, 800) ? dept_pick(&r) : DEPT_NONE;
	p->dept[2] = chance(&r, 100) ? dept_pick(&r) : DEPT_NONE;

	k = (int)below(&r, 10000);
	p->opt_out = k < 100 ? 1 : k < 8100 ? 0 : 2;
}

static void
b_dept(struct buf *b, int d)
{
	if (d == DEPT_UNKNOWN)
		b_str(b, "新規事業本部/新設準備室");
	else if (d >= 0)
		b_dept_path(b, d);
}

/* A date field of the SmartHR export; bad != 0 writes a day that does not exist. */
static void
b_sdate(struct buf *b, long day, enum date_form form, int bad)
{
	long y;
	unsigned m, d;

	if (day == NO_DAY)
		return;
	if (bad) {
		civil_from_days(day, &y, &m, &d);
		b_num(b, (unsigned long)y, 4);
		b_str(b, bad == 1 ? "/02/30" : "/13/01");
		return;
	}
	b_date(b, day, form);
}

static const char *const smarthr_cols[] = {
	"社員番号", "姓", "名", "姓（ヨミガナ）", "名（ヨミガナ）",
	"ビジネスネーム（姓）", "ビジネスネーム（名）",
	"ビジネスネーム（姓）（ヨミガナ）", "ビジネスネーム（名）（ヨミガナ）",
	"戸籍上の性別", "生年月日", "入社年月日", "退職年月日", "退職事由",
	"在籍状況", "雇用形態", "メールアドレス",
	"部署1", "部署2", "部署3", "役職1", "役職2", "役職3",
	"職種", "等級", "勤務地", "電話番号",
	"住民票住所（郵便番号）", "住民票住所（都道府県）", "住民票住所（市区町村）",
	"住民票住所（丁目・番地）", "住民票住所（建物名・部屋番号）",
	"住民票住所（カナ）",
	"郵便番号", "都道府県", "市区町村", "丁目・番地", "建物名・部屋番号",
	"住所（カナ）",
	"緊急連絡先（氏名）", "緊急連絡先（氏名ヨミガナ）", "緊急連絡先（続柄）",
	"緊急連絡先（電話番号）", "緊急連絡先（郵便番号）", "緊急連絡先（住所）",
	"銀行コード", "銀行名", "支店コード", "支店名", "口座種別", "口座番号",
	"口座名義（カナ）",
	"通勤手段", "通勤経路1（区間）", "通勤経路1（運賃）",
	"通勤経路2（区間）", "通勤経路2（運賃）", "通勤経路3（区間）",
	"通勤経路3（運賃）", "通勤手当（月額）",
	"基本給", "給与形態", "基礎年金番号", "雇用保険被保険者番号",
	"健康保険被保険者整理番号", "厚生年金保険被保険者整理番号",
	"配偶者の有無",
	"家族1（続柄）", "家族1（姓）", "家族1（名）", "家族1（姓ヨミガナ）",
	"家族1（名ヨミガナ）", "家族1（生年月日）", "家族1（同居・別居）",
	"家族1（扶養区分）",
	"家族2（続柄）", "家族2（姓）", "家族2（名）", "家族2（姓ヨミガナ）",
	"家族2（名ヨミガナ）", "家族2（生年月日）", "家族2（同居・別居）",
	"家族2（扶養区分）",
	"資格1（名称）", "資格1（取得日）", "資格2（名称）", "資格2（取得日）",
	"資格3（名称）", "資格3（取得日）",
	"最終学歴（学校名）", "最終学歴（卒業年月）",
	"前職（会社名）", "前職（在籍期間）", "在留資格", "在留期間満了日",
	"障害者区分", "メモ", "ミキワメAI連携", "更新日時", "従業員ID"
};

/* An address: 丁目・番地, building and its kana, from one place. */
static void
w_address(struct csvw *w, struct rng *r, const struct place *pl, int home)
{
	struct buf *b;
	unsigned a = 1 + below(r, 9), c = 1 + below(r, 30), d = 1 + below(r, 20);

	w_put(w, pl->zip);
	w_put(w, pl->pref);
	w_put(w, pl->city);
	b = w_fld(w);
	b_str(b, pl->town);
	b_num(b, a, 1);
	b_ch(b, '-');
	b_num(b, c, 1);
	b_ch(b, '-');
	b_num(b, d, 1);
	w_end(w);
	b = w_fld(w);
	if (chance(r, home ? 5000 : 3000)) {
		b_str(b, PICK(r, buildings));
		b_ch(b, ' ');
		b_num(b, 100 * (1 + below(r, 15)) + 1 + below(r, 12), 1);
	}
	w_end(w);
	b = w_fld(w);
	b_str(b, pl->pref_kana);
	b_ch(b, ' ');
	b_str(b, pl->city_kana);
	b_ch(b, ' ');
	b_str(b, pl->town_kana);
	b_ch(b, ' ');
	b_num(b, a, 1);
	b_ch(b, '-');
	b_num(b, c, 1);
	b_ch(b, '-');
	b_num(b, d, 1);
	w_end(w);
}

static void
w_phone(struct csvw *w, struct rng *r)
{
	struct buf *b = w_fld(w);

	b_str(b, chance(r, 5000) ? "090-" : "080-");
	b_num(b, below(r, 10000), 4);
	b_ch(b, '-');
	b_num(b, below(r, 10000), 4);
	w_end(w);
}

static void
w_family(struct csvw *w, struct rng *r, const struct person *p, int n)
{
	const struct given *g;
	struct buf *b;
	int spouse = n == 0 && chance(r, 6000);
	const char *rel;
	long day;

	if (n > 0 && !chance(r, 4000)) {
		for (n = 0; n < 8; n++)
			w_put(w, "");
		return;
	}
	g = &PICK(r, givens);
	rel = spouse ? "配偶者" : "子";
	day = spouse ? p->birth + between(r, -1500, 1500) :
	    p->birth + between(r, 22 * 365, 40 * 365);
	if (day > day_today - 30) {	/* too young for children */
		rel = g->female ? "母" : "父";
		day = p->birth - between(r, 22 * 365, 40 * 365);
	}
	w_put(w, rel);
	w_put(w, p->sur->kanji);
	w_put(w, g->kanji);
	w_put(w, p->sur->kana);
	w_put(w, g->kana);
	b = w_fld(w);
	b_date(b, day, D_SLASH);
	w_end(w);
	w_put(w, chance(r, 9000) ? "同居" : "別居");
	w_put(w, PICK(r, ((const char *const[]){ "税扶養", "社保扶養",
	    "税・社保扶養", "なし" })));
}

static void
w_smarthr_employee(struct csvw *w, const struct person *p)
{
	const struct place *home, *cur;
	struct rng r;
	struct buf *b;
	unsigned k, nroutes, fare, total;
	long y;
	unsigned m, d;

	rng_init(&r, S_REST, p->idx);

	w_put(w, p->number);
	w_put(w, p->sur->kanji);
	w_put(w, p->given->kanji);
	b = w_fld(w);
	if (!(p->kana_missing & 1))
		b_kana(b, p->sur->kana, p->kana);
	w_end(w);
	b = w_fld(w);
	if (!(p->kana_missing & 2))
		b_kana(b, p->given->kana, p->kana);
	w_end(w);
	w_put(w, p->bn_sur ? p->bn_sur->kanji : "");
	w_put(w, p->bn_sur ? p->given->kanji : "");
	w_put(w, p->bn_sur ? p->bn_sur->kana : "");
	w_put(w, p->bn_sur ? p->given->kana : "");
	w_put(w, p->gender == 2 ? "" : p->gender ? "女性" : "男性");
	b_sdate(w_fld(w), p->birth, p->birth_form, p->bad_date == 1);
	w_end(w);
	b_sdate(w_fld(w), p->joined, p->joined_form, p->bad_date == 2);
	w_end(w);
	b_sdate(w_fld(w), p->retired, p->retired_form, 0);
	w_end(w);
	w_put(w, p->retired == NO_DAY ? "" : PICK(&r, ((const char *const[]){
	    "自己都合", "会社都合", "定年", "契約期間満了" })));
	w_put(w, statuses[p->status]);
	w_put(w, emptypes[p->emptype]);
	w_put(w, p->email);
	for (k = 0; k < 3; k++) {
		b_dept(w_fld(w), p->dept[k]);
		w_end(w);
	}
	for (k = 0; k < 3; k++)
		w_put(w, positions[p->pos[k]]);
	w_put(w, PICK(&r, jobs));
	b = w_fld(w);
	b_ch(b, "SMLE"[below(&r, 4)]);
	b_num(b, 1 + below(&r, 5), 1);
	w_end(w);
	w_put(w, PICK(&r, sites));
	w_phone(w, &r);

	home = &PICK(&r, places);
	cur = chance(&r, 8500) ? home : &PICK(&r, places);
	w_address(w, &r, home, 1);
	w_address(w, &r, cur, 1);

	/* Emergency contact; its address sometimes quoted over two lines. */
	if (chance(&r, 7000)) {
		const struct given *g = &PICK(&r, givens);

		b = w_fld(w);
		b_str(b, p->sur->kanji);
		b_str(b, "　");
		b_str(b, g->kanji);
		w_end(w);
		b = w_fld(w);
		b_str(b, p->sur->kana);
		b_str(b, "　");
		b_str(b, g->kana);
		w_end(w);
		w_put(w, PICK(&r, relations));
		w_phone(w, &r);
		w_put(w, home->zip);
		b = w_fld(w);
		k = below(&r, 100);
		if (k < 60) {
			b_str(b, home->pref);
			b_str(b, home->city);
			b_str(b, home->town);
			b_num(b, 1 + below(&r, 9), 1);
			b_str(b, "-1-1");
		} else if (k < 63) {
			b_str(b, home->pref);
			b_str(b, home->city);
			b_str(b, home->town);
			b_str(b, "1-1-1\r\n");
			b_str(b, PICK(&r, buildings));
			b_str(b, " 3F, 受付");
		}
		w_end(w);
	} else {
		for (k = 0; k < 6; k++)
			w_put(w, "");
	}

	/* Salary account. */
	k = below(&r, (unsigned)NELEM(banks));
	w_put(w, banks[k][0]);
	w_put(w, banks[k][1]);
	w_num(w, 100 + below(&r, 800), 3);
	w_put(w, PICK(&r, branches));
	w_put(w, chance(&r, 9500) ? "普通" : "当座");
	w_num(w, below(&r, 10000000), 7);
	b = w_fld(w);
	b_kana(b, p->sur->kana, K_HALF);
	b_ch(b, ' ');
	b_kana(b, p->given->kana, K_HALF);
	w_end(w);

	/* Commute: up to three legs with their monthly fares. */
	k = below(&r, 100);
	nroutes = k < 10 ? 0 : k < 65 ? 1 : k < 92 ? 2 : 3;
	w_put(w, nroutes == 0 ? PICK(&r, ((const char *const[]){ "徒歩",
	    "自転車", "自動車" })) : "電車");
	total = 0;
	for (k = 0; k < 3; k++) {
		if (k < nroutes) {
			fare = 3000 + 10 * below(&r, 2500);
			total += fare;
			w_put(w, PICK(&r, routes));
			w_num(w, fare, 1);
		} else {
			w_put(w, "");
			w_put(w, "");
		}
	}
	w_num(w, total, 1);

	w_num(w, 1000 * (unsigned long)between(&r, 180, 1200), 1);
	w_put(w, p->emptype == 3 ? "時給" : "月給");
	b = w_fld(w);
	b_num(b, below(&r, 10000), 4);
	b_ch(b, '-');
	b_num(b, below(&r, 1000000), 6);
	w_end(w);
	b = w_fld(w);
	b_num(b, below(&r, 10000), 4);
	b_ch(b, '-');
	b_num(b, below(&r, 1000000), 6);
	b_ch(b, '-');
	b_num(b, below(&r, 10), 1);
	w_end(w);
	w_num(w, 1 + below(&r, 5000), 1);
	w_num(w, 1 + below(&r, 5000), 1);
	w_put(w, chance(&r, 5500) ? "有" : "無");

	w_family(w, &r, p, 0);
	w_family(w, &r, p, 1);

	for (k = 0; k < 3; k++) {
		if (chance(&r, k == 0 ? 4500 : 1500)) {
			w_put(w, PICK(&r, qualifications));
			b = w_fld(w);
			b_date(b, between(&r, p->birth + 18 * 365, day_today),
			    D_SLASH);
			w_end(w);
		} else {
			w_put(w, "");
			w_put(w, "");
		}
	}

	b = w_fld(w);
	b_str(b, "サンプル");
	b_str(b, PICK(&r, ((const char *const[]){ "大学 経済学部",
	    "大学 工学部", "大学 文学部", "高等学校", "専門学校" })));
	w_end(w);
	civil_from_days(p->birth + 22 * 365 + 30, &y, &m, &d);
	b = w_fld(w);
	b_num(b, (unsigned long)y, 4);
	b_str(b, "/03");
	w_end(w);
	if (chance(&r, 4000)) {
		w_put(w, PICK(&r, companies));
		b = w_fld(w);
		civil_from_days(p->joined - between(&r, 400, 3000), &y, &m, &d);
		b_num(b, (unsigned long)y, 4);
		b_ch(b, '/');
		b_num(b, m, 2);
		b_ch(b, '-');
		civil_from_days(p->joined - 30, &y, &m, &d);
		b_num(b, (unsigned long)y, 4);
		b_ch(b, '/');
		b_num(b, m, 2);
		w_end(w);
	} else {
		w_put(w, "");
		w_put(w, "");
	}
	if (chance(&r, 100)) {
		w_put(w, "技術・人文知識・国際業務");
		b = w_fld(w);
		b_date(b, day_today + between(&r, 30, 1500), D_SLASH);
		w_end(w);
	} else {
		w_put(w, "");
		w_put(w, "");
	}
	w_put(w, chance(&r, 150) ? "身体障害者（3級）" : "");
	w_put(w, chance(&r, 600) ? PICK(&r, memos) : "");
	w_put(w, p->opt_out == 1 ? "連携しない" :
	    p->opt_out == 0 ? "連携する" : "");
	b = w_fld(w);
	b_date(b, day_today - between(&r, 0, 700), D_SLASH);
	b_ch(b, ' ');
	b_num(b, below(&r, 24), 2);
	b_ch(b, ':');
	b_num(b, below(&r, 60), 2);
	b_ch(b, ':');
	b_num(b, below(&r, 60), 2);
	w_end(w);
	b = w_fld(w);
	b_hex(b, rng_next(&r), 8);
	b_ch(b, '-');
	b_hex(b, rng_next(&r), 4);
	b_str(b, "-4");
	b_hex(b, rng_next(&r), 3);
	b_ch(b, '-');
	b_hex(b, 8 | (rng_next(&r) & 3), 1);
	b_hex(b, rng_next(&r), 3);
	b_ch(b, '-');
	b_hex(b, rng_next(&r), 12);
	w_end(w);
	w_row(w);
}

/* ------------------------------------------------------------------ */
/* The files. */

static void
gen_smarthr_employees(const char *dir)
{
	struct csvw w;
	struct person p;
	unsigned long i;

	w_open(&w, dir, "smarthr-employees.csv", cp932);
	w_header(&w, smarthr_cols, NELEM(smarthr_cols));
	for (i = 0; i < nrecords; i++) {
		person_make(&p, i);
		w_smarthr_employee(&w, &p);
	}
	printf("smarthr-employees.csv %lu\n", w.nrec);
	w_close(&w);
}

static void
gen_smarthr_departments(const char *dir)
{
	static const char *const cols[] = {
		"code", "level1", "level2", "level3", "level4", "level5",
		"level6", "level7", "level8", "level9", "level10"
	};
	struct csvw w;
	int chain[DEPT_LEVELS], n, i, k, d;

	w_open(&w, dir, "smarthr-departments.csv", cp932);
	w_header(&w, cols, NELEM(cols));
	for (i = 0; i < ndepts; i++) {
		n = 0;
		for (d = i; d >= 0 && n < DEPT_LEVELS; d = depts[d].parent)
			chain[n++] = d;
		w_put(&w, depts[i].code);
		for (k = 0; k < DEPT_LEVELS; k++)
			w_put(&w, k < n ? depts[chain[n - 1 - k]].name : "");
		w_row(&w);
	}
	printf("smarthr-departments.csv %lu\n", w.nrec);
	w_close(&w);
}

static void
gen_mikiwame_departments(const char *dir)
{
	static const char *const cols[] = { "部署コード", "部署名", "親部署コード" };
	struct csvw w;
	int i;

	w_open(&w, dir, "mikiwame-departments.csv", 0);
	w_header(&w, cols, NELEM(cols));
	for (i = 0; i < DEPT_BASE; i++) {
		w_put(&w, depts[i].code);
		w_put(&w, depts[i].name);
		w_put(&w, depts[i].parent < 0 ? "" : depts[depts[i].parent].code);
		w_row(&w);
	}
	printf("mikiwame-departments.csv %lu\n", w.nrec);
	w_close(&w);
}

static const char *const mw_employee_cols[] = {
	"社員番号", "氏名（姓）", "氏名（名）", "姓（カナ）", "名（カナ）", "性別",
	"生年月日", "所属部署", "役職", "入社日", "退職日", "雇用形態",
	"メールアドレス", "退職者フラグ"
};

/*
 * ミキワメAI's current employees: about 90 % of the SmartHR ones as an
 * earlier import wrote them, a few changed since (department, position,
 * retirement, a lower-case address), a few with another address under the
 * same 社員番号, and about 1 % that SmartHR does not have.
 */
static void
gen_mikiwame_employees(const char *dir)
{
	struct csvw w;
	struct person p;
	struct rng r;
	struct buf *b;
	unsigned long i;
	const struct surname *sur;
	int dept, retired;
	unsigned pos;
	char *c;

	w_open(&w, dir, "mikiwame-employees.csv", 0);
	w_header(&w, mw_employee_cols, NELEM(mw_employee_cols));
	for (i = 0; i < nrecords; i++) {
		rng_init(&r, S_MW, i);
		if (chance(&r, 100)) {
			/* someone SmartHR does not have (any more) */
			b = w_fld(&w);
			b_ch(b, 'M');
			b_num(b, i + 1, number_width);
			w_end(&w);
			w_put(&w, "山田");
			w_put(&w, "太郎");
			w_put(&w, "ヤマダ");
			w_put(&w, "タロウ");
			w_put(&w, "男性");
			w_put(&w, "1980/01/01");
			w_put(&w, "");
			w_put(&w, "");
			w_put(&w, "2015/04/01");
			w_put(&w, "");
			w_put(&w, "正社員");
			b = w_fld(&w);
			b_str(b, "former");
			b_num(b, i + 1, 1);
			b_str(b, "@example.co.jp");
			w_end(&w);
			w_put(&w, "");
			w_row(&w);
		}
		if (chance(&r, 1000) || shares_email(i))
			continue;
		person_make(&p, i);
		if (p.email_bad)
			continue;
		sur = p.bn_sur ? p.bn_sur : p.sur;
		w_put(&w, p.number);
		w_put(&w, sur->kanji);
		w_put(&w, p.given->kanji);
		w_put(&w, p.sur->kana);
		w_put(&w, p.given->kana);
		w_put(&w, p.gender == 2 ? "" : p.gender ? "女性" : "男性");
		b_date(w_fld(&w), p.birth, D_SLASH);
		w_end(&w);
		dept = p.dept[0] == DEPT_UNKNOWN ? DEPT_NONE : p.dept[0];
		if (chance(&r, 300))
			dept = dept_pick(&r);
		w_put(&w, dept >= 0 ? depts[dept].name : "");
		pos = p.pos[0];
		if (chance(&r, 300))
			pos = below(&r, (unsigned)NELEM(positions));
		w_put(&w, positions[pos]);
		b_date(w_fld(&w), p.joined, D_SLASH);
		w_end(&w);
		b = w_fld(&w);
		retired = p.retired != NO_DAY && !chance(&r, 3000);
		if (retired)	/* else the retirement is news to ミキワメAI */
			b_date(b, p.retired, D_SLASH);
		w_end(&w);
		w_put(&w, emptypes_mw[p.emptype]);
		b = w_fld(&w);
		if (chance(&r, 20))
			b_str(b, "old.");
		b_str(b, p.email);
		for (c = b->p; c < b->p + b->len; c++)
			if (*c >= 'A' && *c <= 'Z')
				*c = (char)(*c - 'A' + 'a');
		w_end(&w);
		w_put(&w, retired ? "1" : "");
		w_row(&w);
	}
	printf("mikiwame-employees.csv %lu\n", w.nrec);
	w_close(&w);
}

/* The day of employee p's first result. */
static long
result_day(const struct person *p)
{
	struct rng r;
	long lo = days_from_civil(2021, 1, 1), hi = day_today - 20;

	if (p->joined > lo)
		lo = p->joined;
	if (lo > hi)
		lo = hi;
	rng_init(&r, S_RESDAY, p->idx);
	return between(&r, lo, hi);
}

/* One result of employee p: the first, or the retake. */
static void
w_result(struct csvw *w, const struct person *p, int retake)
{
	struct rng r;
	struct buf *b;
	const struct surname *sur = p->bn_sur ? p->bn_sur : p->sur;
	long day, first;
	size_t k;
	unsigned v;

	rng_init(&r, retake ? S_RES2 : S_RES1, p->idx);
	b = w_fld(w);
	b_num(b, 100000 + p->idx + 1, 1);
	w_end(w);
	b = w_fld(w);
	b_str(b, sur->kanji);
	b_ch(b, ' ');
	b_str(b, p->given->kanji);
	w_end(w);
	b = w_fld(w);
	if (chance(&r, 30)) {	/* someone SmartHR does not have */
		b_str(b, "former");
		b_num(b, p->idx + 1, 1);
		b_str(b, "@example.co.jp");
	} else {
		b_str(b, p->email);
	}
	w_end(w);
	w_put(w, chance(&r, 500) ? "" : p->number);
	first = result_day(p);
	day = first;
	if (retake && chance(&r, 1000))	/* an older result listed later */
		day = between(&r, first - 400, first);
	else if (retake)
		day = between(&r, first + 1, day_today);
	b = w_fld(w);
	if (chance(&r, 3)) {
		b_str(b, "2025/02/29");
	} else {
		b_date(b, day, D_SLASH);
		b_ch(b, ' ');
		b_num(b, 9 + below(&r, 10), 2);
		b_ch(b, ':');
		b_num(b, below(&r, 60), 2);
	}
	w_end(w);
	w_put(w, PICK(&r, types16));
	b = w_fld(w);
	b_str(b, "https://mikiwame.example/results/");
	b_hex(b, rng_next(&r), 16);
	w_end(w);
	for (k = 0; k < NELEM(traits); k++) {
		b = w_fld(w);
		if (chance(&r, 2)) {
			b_str(b, "N/A");
		} else if (!chance(&r, 50)) {
			v = 200 + below(&r, 601);
			b_num(b, v / 10, 1);
			if (v % 10 != 0 || chance(&r, 5000)) {
				b_ch(b, '.');
				b_num(b, v % 10, 1);
			}
		}
		w_end(w);
	}
	w_row(w);
}

/*
 * Results: about 8 % of the employees have none, 10 % two. First results
 * in employee order, then the retakes, as an export sorted by 受検者ID and
 * then by date would show them.
 */
static void
gen_mikiwame_results(const char *dir)
{
	static const char *const head[] = {
		"受検者ID", "氏名", "メールアドレス", "社員番号", "受検日",
		"16タイプ", "検査結果リンク"
	};
	const char *cols[NELEM(head) + NELEM(traits)];
	struct csvw w;
	struct person p;
	struct rng r;
	unsigned long i;
	unsigned takes, pass, x;
	size_t k;

	for (k = 0; k < NELEM(head); k++)
		cols[k] = head[k];
	for (k = 0; k < NELEM(traits); k++)
		cols[NELEM(head) + k] = traits[k];
	w_open(&w, dir, "mikiwame-results.csv", 0);
	w_header(&w, cols, NELEM(cols));
	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < nrecords; i++) {
			rng_init(&r, S_RES, i);
			x = below(&r, 100);
			takes = x < 8 ? 0 : x < 18 ? 2 : 1;
			if (takes <= pass)
				continue;
			person_make(&p, i);
			w_result(&w, &p, pass == 1);
		}
	printf("mikiwame-results.csv %lu\n", w.nrec);
	w_close(&w);
}

/* ------------------------------------------------------------------ */

static void
usage(void)
{
	fprintf(stderr, "usage: gen --records N --seed S --out DIR "
	    "[--encoding cp932|utf-8]\n");
	exit(2);
}

static unsigned long long
number_arg(const char *opt, const char *s)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(s, &end, 10);
	if (*s < '0' || *s > '9' || *end != '\0' || errno != 0)
		die("%s: not a number: %s", opt, s);
	return v;
}

int
main(int argc, char **argv)
{
	const char *dir = NULL;
	unsigned long long n = 0;
	int i, have_n = 0, have_seed = 0;
	unsigned long v;
	FILE *mf;
	char path[4096];

	cp932 = 1;
	for (i = 1; i < argc; i += 2) {
		if (i + 1 >= argc)
			usage();
		if (strcmp(argv[i], "--records") == 0) {
			n = number_arg(argv[i], argv[i + 1]);
			have_n = 1;
		} else if (strcmp(argv[i], "--seed") == 0) {
			seed = number_arg(argv[i], argv[i + 1]);
			have_seed = 1;
		} else if (strcmp(argv[i], "--out") == 0) {
			dir = argv[i + 1];
		} else if (strcmp(argv[i], "--encoding") == 0) {
			if (strcmp(argv[i + 1], "cp932") == 0)
				cp932 = 1;
			else if (strcmp(argv[i + 1], "utf-8") == 0)
				cp932 = 0;
			else
				die("--encoding: cp932 or utf-8, not %s",
				    argv[i + 1]);
		} else {
			usage();
		}
	}
	if (!have_n || !have_seed || dir == NULL)
		usage();
	if (n > 100000000ULL)
		die("--records: at most 100000000");
	nrecords = (unsigned long)n;
	if (mkdir(dir, 0777) != 0 && errno != EEXIST)
		die("%s: %s", dir, strerror(errno));

	number_width = 5;
	for (v = nrecords; v >= 100000; v /= 10)
		number_width++;
	day_lo = days_from_civil(1950, 4, 2);
	day_hi = days_from_civil(2006, 4, 1);
	day_today = days_from_civil(2025, 10, 1);
	dept_build();

	snprintf(path, sizeof(path), "%s/manifest.txt", dir);
	if ((mf = freopen(path, "w", stdout)) == NULL)
		die("%s: %s", path, strerror(errno));
	gen_smarthr_employees(dir);
	gen_smarthr_departments(dir);
	gen_mikiwame_departments(dir);
	gen_mikiwame_employees(dir);
	gen_mikiwame_results(dir);
	if (fflush(mf) != 0 || ferror(mf))
		die("%s: %s", path, strerror(errno));
	for (i = 0; i < ndepts; i++)
		free(depts[i].name);
	return 0;
}
