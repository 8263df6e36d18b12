/*
 * t_res: which of an employee's results is the latest (dates, times, equal
 * date-times, a 受検日 that is not a date, any order of arrival) and which
 * trait values are numbers and how they are written.
 */
#include <string.h>

#include "tap.h"
#include "res.h"

static struct date
dt(const char *s)
{
	struct date	 d;

	if (!CHECK(date_parse(s, strlen(s), 1, &d) == 0))
		fprintf(stderr, "  refused: %s\n", s);
	return d;
}

/* Feeds dates (NULL = not a date) on lines 2, 3, ... and returns latest. */
static size_t
latest(const char *const *dates, size_t n)
{
	struct res_pick	 p;
	struct date	 d;
	size_t		 i;

	memset(&p, 0, sizeof(p));
	for (i = 0; i < n; i++) {
		if (dates[i] != NULL)
			d = dt(dates[i]);
		res_pick_add(&p, dates[i] != NULL ? &d : NULL, i + 2);
	}
	CHECK(p.n == n);
	return res_pick_latest(&p);
}

static void
score_ok(const char *in, const char *want)
{
	struct buf	 b = {0};

	if (CHECK(res_score(in, strlen(in), &b) == 0))
		CHECK_STR(b.p, want);
	else
		fprintf(stderr, "  refused: %s\n", in);
	buf_free(&b);
}

static void
score_bad(const char *in)
{
	struct buf	 b = {0};

	if (!CHECK(res_score(in, strlen(in), &b) == -1))
		fprintf(stderr, "  accepted: %s\n", in);
	buf_free(&b);
}

int
main(void)
{
	static const char *const older_first[] = {
		"2023/04/03", "2025/04/02" };
	static const char *const newer_first[] = {
		"2025/04/02", "2023/04/03" };
	static const char *const times[] = {
		"2025/04/02 14:00", "2025/04/02 09:15" };
	static const char *const times2[] = {
		"2025/04/02 09:15", "2025/04/02 14:00", "2024/12/31 23:59" };
	static const char *const same[] = {
		"2025/04/02 14:00", "2025-04-02 14:00", "2025/4/2 14:00" };
	static const char *const same_day[] = { "2025/04/02", "2025/04/02" };
	static const char *const no_time[] = {
		"2025/04/02 00:01", "2025/04/02" };
	static const char *const seconds[] = {
		"2025/04/02 14:00:30", "2025/04/02 14:00" };
	static const char *const bad_old[] = { "2025/04/02", NULL };
	static const char *const bad_new[] = { NULL, "2025/04/02" };
	static const char *const one[] = { "令和7年4月2日" };
	static const char *const none[] = { NULL };
	struct date	 a, b;

	/* The latest 受検日 wins, in whichever order the results come. */
	CHECK(latest(older_first, 2) == 3);
	CHECK(latest(newer_first, 2) == 2);
	/* Equal dates: the time decides; equal date-times: the later line. */
	CHECK(latest(times, 2) == 2);
	CHECK(latest(times2, 3) == 3);
	CHECK(latest(same, 3) == 4);
	CHECK(latest(same_day, 2) == 3);
	/* No time is 00:00 of the day; seconds count. */
	CHECK(latest(no_time, 2) == 2);
	CHECK(latest(seconds, 2) == 2);
	/* A 受検日 that is not a date leaves no result the latest. */
	CHECK(latest(bad_old, 2) == 0);
	CHECK(latest(bad_new, 2) == 0);
	CHECK(latest(none, 1) == 0);
	CHECK(latest(one, 1) == 2);
	{
		struct res_pick p;

		memset(&p, 0, sizeof(p));
		CHECK(res_pick_latest(&p) == 0);
		res_pick_add(&p, NULL, 7);
		res_pick_add(&p, NULL, 9);
		CHECK(p.bad_line == 7);
	}
	{
		/* The packed 受検日 comes back whole, with or without a time. */
		static const char *const when[] = {
			"2025/04/02 10:07:59", "9999/12/31 23:59:59",
			"1000/01/01", "2024/02/29 00:00",
		};
		struct res_pick p;
		struct date	 d;
		size_t		 i;

		for (i = 0; i < sizeof(when) / sizeof(when[0]); i++) {
			memset(&p, 0, sizeof(p));
			a = dt(when[i]);
			res_pick_add(&p, &a, 3);
			memset(&d, 0xff, sizeof(d));
			res_pick_date(&p, &d);
			CHECK(d.y == a.y && d.m == a.m && d.d == a.d &&
			    d.hh == a.hh && d.mi == a.mi && d.ss == a.ss &&
			    d.has_time == a.has_time);
		}
		/* 00:00 and no time tie on the date: the later line wins. */
		memset(&p, 0, sizeof(p));
		a = dt("2024/02/29 00:00");
		b = dt("2024/02/29");
		res_pick_add(&p, &a, 3);
		res_pick_add(&p, &b, 4);
		CHECK(res_pick_latest(&p) == 4);
		res_pick_date(&p, &d);
		CHECK(!d.has_time);
	}
	a = dt("2025/04/02 10:00");
	b = dt("2025/04/02 10:00");
	CHECK(res_newer(&a, 5, &b, 4));
	CHECK(!res_newer(&a, 4, &b, 5));
	b = dt("2025/04/03");
	CHECK(!res_newer(&a, 9, &b, 2));
	CHECK(res_newer(&b, 2, &a, 9));

	/* Numbers are written as read. */
	score_ok("", "");
	score_ok("57", "57");
	score_ok("57.0", "57.0");
	score_ok("36.10", "36.10");
	score_ok("007", "007");
	score_ok("0", "0");
	score_ok("-1.5", "-1.5");
	score_ok("１２３．４", "123.4");	/* full-width */
	score_ok("－５", "-5");
	/* Not numbers. */
	score_bad("abc");
	score_bad("57点");
	score_bad("5 7");
	score_bad("57.");
	score_bad(".5");
	score_bad("5..7");
	score_bad("5.7.1");
	score_bad("-");
	score_bad("+57");
	score_bad("1.23E+05");
	score_bad("1,234");
	score_bad("--5");
	score_bad("=57");
	score_bad("57%");
	return tap_done();
}
