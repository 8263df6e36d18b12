/*
 * t_date: every accepted form, every era boundary, leap years, and the
 * shapes that must be refused.
 */
#include <string.h>

#include "tap.h"
#include "date.h"

static void
ok(const char *in, const char *want)
{
	struct date	 d;
	struct buf	 b = {0};

	if (!CHECK(date_parse(in, strlen(in), 0, &d) == 0)) {
		fprintf(stderr, "  refused: %s\n", in);
		return;
	}
	date_format(&d, "YYYY/MM/DD", &b);
	CHECK_STR(b.p, want);
	buf_free(&b);
}

static void
bad(const char *in)
{
	struct date	 d;

	if (!CHECK(date_parse(in, strlen(in), 0, &d) == -1))
		fprintf(stderr, "  accepted: %s\n", in);
}

int
main(void)
{
	struct date	 a, b;
	struct buf	 o = {0};

	/* Gregorian forms. */
	ok("1985/4/1", "1985/04/01");
	ok("1985/04/01", "1985/04/01");
	ok("1985-4-1", "1985/04/01");
	ok("1985.4.1", "1985/04/01");
	ok("19850401", "1985/04/01");
	ok("1985年4月1日", "1985/04/01");
	ok("１９８５／０４／０１", "1985/04/01");	/* full-width */
	/* Spaces between the parts, as some Japanese screens print them. */
	ok("2015 / 4 / 1", "2015/04/01");
	ok("2015 - 04 - 01", "2015/04/01");
	ok("2015年 4月 1日", "2015/04/01");
	ok("2015 年 4 月 1 日", "2015/04/01");
	ok("平成 27 年 4 月 1 日", "2015/04/01");
	ok("平成\xE3\x80\x80２７年\xE3\x80\x80４月\xE3\x80\x80１日", "2015/04/01");
	ok("H 27.4.1", "2015/04/01");
	ok("令和 元年 5月 1日", "2019/05/01");
	bad("2015 4 1");		/* no separator: not read as a date */
	bad("2015 0401");
	bad("20150 401");
	bad("2015/4/1 日");
	bad("2015/ /4/1");
	/* Japanese eras, names and abbreviations, 元年. */
	ok("昭和60年4月1日", "1985/04/01");
	ok("S60.4.1", "1985/04/01");
	ok("s60.4.1", "1985/04/01");
	ok("H2/3/4", "1990/03/04");
	ok("H2.3.4", "1990/03/04");
	ok("令和元年5月1日", "2019/05/01");
	ok("R1.5.1", "2019/05/01");
	ok("平成元年1月8日", "1989/01/08");
	ok("大正元年7月30日", "1912/07/30");
	ok("明治6年1月1日", "1873/01/01");
	/* Every era's last and first day, and the day outside each. */
	ok("明治45年7月29日", "1912/07/29");
	bad("明治45年7月30日");
	bad("明治5年12月31日");		/* before 1873: lunar calendar */
	bad("大正元年7月29日");
	ok("大正15年12月24日", "1926/12/24");
	bad("大正15年12月25日");
	bad("昭和元年12月24日");
	ok("昭和元年12月25日", "1926/12/25");
	ok("昭和64年1月7日", "1989/01/07");
	bad("昭和64年1月8日");
	bad("平成元年1月7日");
	ok("平成31年4月30日", "2019/04/30");
	bad("平成31年5月1日");
	bad("令和元年4月30日");
	/* 2/29 in leap and common years, and century rules. */
	ok("2024/2/29", "2024/02/29");
	bad("2023/2/29");
	ok("2000/2/29", "2000/02/29");
	bad("1900/2/29");
	ok("平成12年2月29日", "2000/02/29");
	bad("令和5年2月29日");
	/* Impossible shapes. */
	bad("");
	bad("2023/13/01");
	bad("2023/04/31");
	bad("2023/00/10");
	bad("2023/4/0");
	bad("2023/4");
	bad("85/4/1");
	bad("1985/4/1x");
	bad("1985年4月1");
	bad("1985/4-1x");
	bad("X2.3.4");
	bad("昭和年4月1日");
	bad("2023-04-01 10:30");	/* no time unless asked */
	bad("198504011");
	/* Times, for 受検日. */
	CHECK(date_parse("2025/04/01 10:30", 16, 1, &a) == 0 && a.has_time &&
	    a.hh == 10 && a.mi == 30);
	CHECK(date_parse("2025/04/01 09:05:07", 19, 1, &b) == 0 &&
	    b.ss == 7);
	CHECK(date_cmp(&a, &b) > 0);
	CHECK(date_parse("2025/04/01 24:00", 16, 1, &a) == -1);
	CHECK(date_parse("2025 / 4 / 1 10:30", 18, 1, &a) == 0 && a.has_time &&
	    a.d == 1 && a.hh == 10 && a.mi == 30);
	CHECK(date_parse("2025/04/01 10:3", 15, 1, &a) == -1);
	CHECK(date_parse("2025-04-01T10:30:00", 19, 1, &a) == 0);
	CHECK(date_parse("2025/04/01", 10, 1, &a) == 0 && !a.has_time);
	/* The other output format. */
	date_parse("H2.3.4", 6, 0, &a);
	date_format(&a, "YYYY-MM-DD", &o);
	CHECK_STR(o.p, "1990-03-04");
	CHECK(date_format_ok("YYYY/MM/DD") && date_format_ok("YYYY-MM-DD") &&
	    !date_format_ok("DD/MM/YYYY"));
	buf_free(&o);
	return tap_done();
}
