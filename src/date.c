/*
 * date: a small hand-written parser rather than a pattern, so that every
 * form gives a precise answer (not a date) instead of a partial match.
 *
 * Era ranges (SPEC §7): 明治 from 1873-01-01 (明治6年: earlier dates were
 * lunar), 大正 from 1912-07-30, 昭和 from 1926-12-25, 平成 from 1989-01-08,
 * 令和 from 2019-05-01; each era ends the day before the next begins.
 */
#include <string.h>

#include "date.h"
#include "norm.h"

static const struct era {
	const char	*name;		/* 明治 ... */
	char		 abbr;		/* M T S H R */
	int		 offset;	/* Gregorian year of era year 0 */
	int		 from;		/* first day, YYYYMMDD */
	int		 to;		/* last day, YYYYMMDD; 0 = open */
} eras[] = {
	{ "明治", 'M', 1867, 18730101, 19120729 },
	{ "大正", 'T', 1911, 19120730, 19261224 },
	{ "昭和", 'S', 1925, 19261225, 19890107 },
	{ "平成", 'H', 1988, 19890108, 20190430 },
	{ "令和", 'R', 2018, 20190501, 0 },
};

static int
leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
valid(int y, int m, int d)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };

	if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1)
		return 0;
	return d <= mdays[m - 1] + (m == 2 && leap(y));
}

/* Reads 1..max digits; -1 when there are none. */
static int
num(const char **p, const char *e, int max, int *ndig)
{
	int	 v = 0, n = 0;

	while (*p < e && **p >= '0' && **p <= '9' && n < max) {
		v = v * 10 + (**p - '0');
		(*p)++;
		n++;
	}
	if (ndig != NULL)
		*ndig = n;
	return n == 0 ? -1 : v;
}

static int
lit(const char **p, const char *e, const char *s)
{
	size_t	 n = strlen(s);

	if ((size_t)(e - *p) >= n && memcmp(*p, s, n) == 0) {
		*p += n;
		return 1;
	}
	return 0;
}

/*
 * Skips the spaces (ASCII or U+3000) that some Japanese screens print
 * between a date's parts: 平成 27 年 4 月 1 日, 2015 / 4 / 1.
 */
static void
skip_sp(const char **p, const char *e)
{
	for (;;) {
		if (*p < e && **p == ' ')
			++*p;
		else if (!lit(p, e, "\xE3\x80\x80"))
			return;
	}
}

/*
 * A separator between year, month and day: / - . (or 月 in the kanji
 * form), with the spaces around it.
 */
static int
sep(const char **p, const char *e, int kanji)
{
	const char	*q = *p;

	skip_sp(&q, e);
	if (kanji ? !lit(&q, e, "月") :
	    !(q < e && (*q == '/' || *q == '-' || *q == '.') && (++q, 1)))
		return 0;
	skip_sp(&q, e);
	*p = q;
	return 1;
}

/* 年 after the year, with the spaces around it; 0 (nothing read) without. */
static int
year_kanji(const char **p, const char *e)
{
	const char	*q = *p;

	skip_sp(&q, e);
	if (!lit(&q, e, "年"))
		return 0;
	skip_sp(&q, e);
	*p = q;
	return 1;
}

static int
parse_time(const char *p, const char *e, struct date *dt)
{
	int	 n;

	if (p == e)
		return 0;
	if (*p != ' ' && *p != 'T')
		return -1;
	while (p < e && (*p == ' ' || *p == 'T'))
		p++;
	if ((dt->hh = num(&p, e, 2, &n)) < 0 || !lit(&p, e, ":") ||
	    (dt->mi = num(&p, e, 2, &n)) < 0 || n != 2)
		return -1;
	if (lit(&p, e, ":") && ((dt->ss = num(&p, e, 2, &n)) < 0 || n != 2))
		return -1;
	if (p != e || dt->hh > 23 || dt->mi > 59 || dt->ss > 59)
		return -1;
	dt->has_time = 1;
	return 0;
}

int
date_parse(const char *s0, size_t len0, int allow_time, struct date *dt)
{
	struct buf	 b = {0};
	const char	*p, *e, *rest;
	const struct era *era = NULL;
	size_t		 i;
	int		 y, m, d, n, kanji, rc = -1, ymd;

	memset(dt, 0, sizeof(*dt));
	/*
	 * norm_ascii changes only full-width forms (lead byte 0xEF): without
	 * one the text is read in place, with no copy and no allocation.
	 */
	if (len0 > 0 && memchr(s0, 0xEF, len0) == NULL) {
		p = s0;
		e = s0 + len0;
	} else {
		norm_ascii(s0, len0, &b);
		if (b.len == 0)
			goto out;
		p = b.p;
		e = b.p + b.len;
	}
	/* No era name or letter starts with a digit. */
	for (i = 0; (*p < '0' || *p > '9') && i < ARRAY_LEN(eras); i++)
		if (lit(&p, e, eras[i].name) || (*p == eras[i].abbr ||
		    *p == eras[i].abbr + ('a' - 'A') ? (p++, 1) : 0)) {
			era = &eras[i];
			break;
		}
	if (era != NULL) {
		skip_sp(&p, e);
		if (lit(&p, e, "元"))
			y = 1;
		else if ((y = num(&p, e, 2, NULL)) < 1)
			goto out;
		kanji = year_kanji(&p, e);
		if (!kanji && !sep(&p, e, 0))
			goto out;
		y += era->offset;
	} else {
		if ((y = num(&p, e, 8, &n)) < 0)
			goto out;
		if (n == 8) {			/* YYYYMMDD */
			d = y % 100;
			m = y / 100 % 100;
			y /= 10000;
			rest = p;
			goto check;
		}
		if (n != 4)
			goto out;
		kanji = year_kanji(&p, e);
		if (!kanji && !sep(&p, e, 0))
			goto out;
	}
	if ((m = num(&p, e, 2, NULL)) < 0 || !sep(&p, e, kanji) ||
	    (d = num(&p, e, 2, NULL)) < 0)
		goto out;
	if (kanji) {
		skip_sp(&p, e);
		if (!lit(&p, e, "日"))
			goto out;
	}
	rest = p;
check:
	if (!valid(y, m, d))
		goto out;
	ymd = y * 10000 + m * 100 + d;
	if (era != NULL && (ymd < era->from || (era->to != 0 && ymd > era->to)))
		goto out;
	dt->y = y;
	dt->m = m;
	dt->d = d;
	if (rest != e && (!allow_time || parse_time(rest, e, dt) == -1))
		goto out;
	rc = 0;
out:
	buf_free(&b);
	return rc;
}

int
date_format_ok(const char *fmt)
{
	return strcmp(fmt, "YYYY/MM/DD") == 0 || strcmp(fmt, "YYYY-MM-DD") == 0;
}

void
date_format(const struct date *dt, const char *fmt, struct buf *out)
{
	char	 sp = strcmp(fmt, "YYYY-MM-DD") == 0 ? '-' : '/';
	char	 b[10];

	/* Written by hand: printf was a tenth of a large export's time. */
	if (dt->y < 0 || dt->y > 9999 || dt->m < 0 || dt->m > 99 ||
	    dt->d < 0 || dt->d > 99) {
		buf_printf(out, "%04d%c%02d%c%02d", dt->y, sp, dt->m, sp,
		    dt->d);
		return;
	}
	b[0] = (char)('0' + dt->y / 1000);
	b[1] = (char)('0' + dt->y / 100 % 10);
	b[2] = (char)('0' + dt->y / 10 % 10);
	b[3] = (char)('0' + dt->y % 10);
	b[4] = sp;
	b[5] = (char)('0' + dt->m / 10);
	b[6] = (char)('0' + dt->m % 10);
	b[7] = sp;
	b[8] = (char)('0' + dt->d / 10);
	b[9] = (char)('0' + dt->d % 10);
	buf_add(out, b, sizeof(b));
}

long long
date_key(const struct date *d)
{
	return ((long long)d->y * 10000 + d->m * 100 + d->d) * 1000000 +
	    d->hh * 10000 + d->mi * 100 + d->ss;
}

int
date_cmp(const struct date *a, const struct date *b)
{
	long long	 x = date_key(a), y = date_key(b);

	return x < y ? -1 : x > y;
}
