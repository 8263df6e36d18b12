/*
 * date: the dates of SmartHR and ミキワメAI files (SPEC §7). Gregorian
 * YYYY/M/D, YYYY-M-D, YYYY.M.D, YYYYMMDD, YYYY年M月D日, and the Japanese
 * eras 明治 大正 昭和 平成 令和 (or M T S H R, 元年 for year 1), each checked
 * against the calendar and the era's first and last day.
 */
#ifndef DATE_H
#define DATE_H

#include <stddef.h>

#include "util.h"

struct date {
	int	 y, m, d;
	int	 hh, mi, ss;	/* 0 when no time was given */
	int	 has_time;
};

/*
 * Parses s (UTF-8, trimmed; full-width digits allowed). With allow_time a
 * time H:MM or H:MM:SS may follow after a space or 'T'. 0 or -1.
 */
int	date_parse(const char *s, size_t len, int allow_time, struct date *);

/* Appends the date as fmt: "YYYY/MM/DD" or "YYYY-MM-DD". */
void	date_format(const struct date *, const char *fmt, struct buf *out);

/* Is fmt a date_format the writer knows? */
int	date_format_ok(const char *fmt);

/*
 * The date and time as one number, YYYYMMDDhhmmss (no time: 000000), in
 * the order date_cmp gives.
 */
long long	date_key(const struct date *);

/* Orders by date, then time. */
int	date_cmp(const struct date *, const struct date *);

#endif
