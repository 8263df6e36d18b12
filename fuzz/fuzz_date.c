/*
 * fuzz_date: date_parse on any bytes, with and without a time.
 *
 * Promises checked: an accepted date is a real calendar date in the
 * writer's range; a date accepted without a time is accepted with one
 * allowed, the same; a time is only accepted when allowed, and is a real
 * time; and what date_format writes, date_parse reads back as the same
 * date, in both formats (the output of one run is the input of the next).
 */
#include <string.h>

#include "date.h"
#include "fuzz.h"
#include "util.h"

static int
mdays(int y, int m)
{
	static const int n[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30,
	    31 };

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return n[m - 1];
}

static void
check_date(const struct date *dt, int allow_time)
{
	FUZZ_CHECK(dt->y >= 1000 && dt->y <= 9999);
	FUZZ_CHECK(dt->m >= 1 && dt->m <= 12);
	FUZZ_CHECK(dt->d >= 1 && dt->d <= mdays(dt->y, dt->m));
	if (dt->has_time) {
		FUZZ_CHECK(allow_time);
		FUZZ_CHECK(dt->hh >= 0 && dt->hh <= 23);
		FUZZ_CHECK(dt->mi >= 0 && dt->mi <= 59);
		FUZZ_CHECK(dt->ss >= 0 && dt->ss <= 59);
	} else
		FUZZ_CHECK(dt->hh == 0 && dt->mi == 0 && dt->ss == 0);
}

static void
check_format(const struct date *dt, const char *fmt)
{
	struct buf	 b = {0};
	struct date	 again;

	FUZZ_CHECK(date_format_ok(fmt));
	date_format(dt, fmt, &b);
	FUZZ_CHECK(b.len == 10);
	FUZZ_CHECK(date_parse(b.p, b.len, 0, &again) == 0);
	FUZZ_CHECK(again.y == dt->y && again.m == dt->m && again.d == dt->d);
	FUZZ_CHECK(!again.has_time);
	buf_free(&b);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char	*s = (const char *)data;
	struct date	 a, t;
	int		 ka, kt;

	ka = date_parse(s, size, 0, &a);
	kt = date_parse(s, size, 1, &t);
	FUZZ_CHECK(ka == 0 || ka == -1);
	FUZZ_CHECK(kt == 0 || kt == -1);
	if (ka == 0) {
		check_date(&a, 0);
		FUZZ_CHECK(kt == 0 && !t.has_time);
		FUZZ_CHECK(date_cmp(&a, &t) == 0);
		check_format(&a, "YYYY/MM/DD");
		check_format(&a, "YYYY-MM-DD");
	}
	if (kt == 0) {
		check_date(&t, 1);
		FUZZ_CHECK(t.has_time || ka == 0);
		FUZZ_CHECK(date_cmp(&t, &t) == 0);
		check_format(&t, "YYYY/MM/DD");
	}
	return 0;
}
