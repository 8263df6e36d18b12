/*
 * t_csvout: the writer of SPEC §3 — minimal quoting, line ends, the BOM of
 * utf-8-bom, --excel-safe, and a record CP932 cannot hold, which must leave
 * nothing behind in the file (or be escaped, for reports). Every check reads
 * back the bytes that reached the FILE.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvout.h"
#include "util.h"
#include "tap.h"

#define B(s)	s, sizeof(s) - 1

static struct codec *codec;

/* The whole contents of fp, in out. */
static void
contents(FILE *fp, struct buf *out)
{
	char	 b[4096];
	size_t	 n;

	fflush(fp);
	rewind(fp);
	buf_reset(out);
	buf_add(out, "", 0);
	while ((n = fread(b, 1, sizeof(b), fp)) > 0)
		buf_add(out, b, n);
	fseek(fp, 0, SEEK_END);
}

static FILE *
xtmpfile(void)
{
	FILE	*fp;

	if ((fp = tmpfile()) == NULL) {
		perror("tmpfile");
		exit(1);
	}
	return fp;
}

/* One field written alone, with the given options. */
struct field_case {
	const char	*in;
	size_t		 inlen;
	int		 excel_safe;
	const char	*want;		/* the line, without its end */
	size_t		 wantlen;
};

static void
test_fields(void)
{
	static const struct field_case t[] = {
		/* Quoted only for , " CR LF and a space at either end. */
		{ B("abc"), 0, B("abc") },
		{ B(""), 0, B("") },
		{ B("a,b"), 0, B("\"a,b\"") },
		{ B("a\"b"), 0, B("\"a\"\"b\"") },
		{ B("\""), 0, B("\"\"\"\"") },
		{ B("\"\"x\""), 0, B("\"\"\"\"\"x\"\"\"") },
		{ B("a\rb"), 0, B("\"a\rb\"") },
		{ B("a\nb"), 0, B("\"a\nb\"") },
		{ B("a\r\nb"), 0, B("\"a\r\nb\"") },
		{ B(" a"), 0, B("\" a\"") },
		{ B("a "), 0, B("\"a \"") },
		{ B(" "), 0, B("\" \"") },
		{ B("a b"), 0, B("a b") },
		{ B("\ta"), 0, B("\ta") },
		{ B("a\t"), 0, B("a\t") },
		{ B("'a"), 0, B("'a") },
		{ B("a;b|c\\d"), 0, B("a;b|c\\d") },
		{ B("\xE3\x80\x80" "a"), 0, B("\xE3\x80\x80" "a") },
		{ B("表,示"), 0, B("\"表,示\"") },
		{ B("a\0b"), 0, B("a\0b") },
		{ B("=1+2"), 0, B("=1+2") },
		{ B("-1"), 0, B("-1") },
		/* --excel-safe: ' before = + - @ TAB CR, nothing else. */
		{ B("=SUM(A1:A9)"), 1, B("'=SUM(A1:A9)") },
		{ B("+81"), 1, B("'+81") },
		{ B("-1"), 1, B("'-1") },
		{ B("@x"), 1, B("'@x") },
		{ B("\tx"), 1, B("'\tx") },
		{ B("\rx"), 1, B("\"'\rx\"") },
		{ B("=a,b"), 1, B("\"'=a,b\"") },
		{ B("=\"x\""), 1, B("\"'=\"\"x\"\"\"") },
		{ B("\nx"), 1, B("\"\nx\"") },
		{ B(" =x"), 1, B("\" =x\"") },
		{ B("a=b"), 1, B("a=b") },
		{ B("1-2"), 1, B("1-2") },
		{ B("'x"), 1, B("'x") },
		{ B("!x"), 1, B("!x") },
		{ B("#x"), 1, B("#x") },
		{ B("%x"), 1, B("%x") },
		{ B("\xEF\xBC\x9D" "x"), 1, B("\xEF\xBC\x9D" "x") },	/* ＝x */
		{ B(""), 1, B("") },
	};
	struct csvout	 w;
	struct buf	 got = {0}, want = {0};
	FILE		*fp;
	size_t		 i, badf;
	uint32_t	 badcp;
	const char	*f[1];
	size_t		 len[1];

	for (i = 0; i < ARRAY_LEN(t); i++) {
		fp = xtmpfile();
		csvout_init(&w, fp, ENC_UTF8, 1, t[i].excel_safe, 0, codec);
		f[0] = t[i].in;
		len[0] = t[i].inlen;
		CHECK(csvout_row(&w, f, len, 1, &badf, &badcp) == 0);
		contents(fp, &got);
		buf_reset(&want);
		buf_add(&want, t[i].want, t[i].wantlen);
		buf_adds(&want, "\r\n");
		if (!CHECK_MEM(got.p, got.len, want.p, want.len))
			fprintf(stderr, "  field case %zu\n", i);
		csvout_free(&w);
		fclose(fp);
	}
	buf_free(&got);
	buf_free(&want);
}

static void
test_rows(void)
{
	static const char *const r1[] = { "a", "b c", "d,e" };
	static const char *const r2[] = { "", "", "" };
	static const char *const r3[] = { "x" };
	struct csvout	 w;
	struct buf	 got = {0};
	FILE		*fp;
	size_t		 badf;
	uint32_t	 badcp;

	/* CRLF. */
	fp = xtmpfile();
	csvout_init(&w, fp, ENC_UTF8, 1, 0, 0, codec);
	CHECK(csvout_rowv(&w, r1, 3, &badf, &badcp) == 0);
	CHECK(csvout_rowv(&w, r2, 3, &badf, &badcp) == 0);
	CHECK(csvout_rowv(&w, r3, 1, &badf, &badcp) == 0);
	contents(fp, &got);
	CHECK_STR(got.p, "a,b c,\"d,e\"\r\n,,\r\nx\r\n");
	csvout_free(&w);
	fclose(fp);

	/* LF. */
	fp = xtmpfile();
	csvout_init(&w, fp, ENC_UTF8, 0, 0, 0, codec);
	CHECK(csvout_rowv(&w, r1, 3, &badf, &badcp) == 0);
	CHECK(csvout_rowv(&w, r3, 1, &badf, &badcp) == 0);
	contents(fp, &got);
	CHECK_STR(got.p, "a,b c,\"d,e\"\nx\n");
	csvout_free(&w);
	fclose(fp);

	/* A record of no fields is an empty line. */
	fp = xtmpfile();
	csvout_init(&w, fp, ENC_UTF8, 0, 0, 0, codec);
	CHECK(csvout_rowv(&w, r1, 0, &badf, &badcp) == 0);
	contents(fp, &got);
	CHECK_STR(got.p, "\n");
	csvout_free(&w);
	fclose(fp);

	/* utf-8-bom: the BOM once, before the first row only. */
	fp = xtmpfile();
	csvout_init(&w, fp, ENC_UTF8_BOM, 1, 0, 0, codec);
	contents(fp, &got);
	CHECK(got.len == 0);
	CHECK(csvout_rowv(&w, r3, 1, &badf, &badcp) == 0);
	CHECK(csvout_rowv(&w, r3, 1, &badf, &badcp) == 0);
	CHECK(csvout_rowv(&w, r1, 3, &badf, &badcp) == 0);
	contents(fp, &got);
	CHECK_STR(got.p, "\xEF\xBB\xBFx\r\nx\r\na,b c,\"d,e\"\r\n");
	csvout_free(&w);
	fclose(fp);

	/* Plain UTF-8 and CP932 never write one. */
	fp = xtmpfile();
	csvout_init(&w, fp, ENC_CP932, 1, 0, 0, codec);
	CHECK(csvout_rowv(&w, r3, 1, &badf, &badcp) == 0);
	contents(fp, &got);
	CHECK_STR(got.p, "x\r\n");
	csvout_free(&w);
	fclose(fp);
	buf_free(&got);
}

/* CP932 output: the fix-ups, and records it cannot hold. */
static void
test_cp932(void)
{
	static const char *const good[] = { "表\"示", "\xE3\x80\x9C", "①,髙" };
	static const char *const bad1[] = { "ok", "\xF0\xA0\xAE\xB7野家" };
	static const char *const bad2[] = { "a,b", "\"q\"", "x\xC2\xA5", "z" };
	static const char *const bad3[] = { "\"\xE2\x80\xBE\"" };
	static const char *const after[] = { "終" };
	struct csvout	 w;
	struct buf	 got = {0};
	FILE		*fp;
	size_t		 badf;
	uint32_t	 badcp;

	fp = xtmpfile();
	csvout_init(&w, fp, ENC_CP932, 1, 0, 0, codec);
	CHECK(csvout_rowv(&w, good, 3, &badf, &badcp) == 0);
	contents(fp, &got);
	/* 表 95 5C, 示 8E A6, 〜 81 60, ① 87 40, 髙 FB FC. */
	CHECK_STR(got.p, "\"\x95\x5C\"\"\x8E\xA6\",\x81\x60,"
	    "\"\x87\x40,\xFB\xFC\"\r\n");

	/* Nothing of a refused record reaches the file. */
	badf = 99;
	badcp = 0;
	CHECK(csvout_rowv(&w, bad1, 2, &badf, &badcp) == 1);
	CHECK(badf == 1);
	CHECK(badcp == 0x20BB7);
	badf = 99;
	badcp = 0;
	CHECK(csvout_rowv(&w, bad2, 4, &badf, &badcp) == 1);
	CHECK(badf == 2);
	CHECK(badcp == 0xA5);
	badf = 99;
	badcp = 0;
	CHECK(csvout_rowv(&w, bad3, 1, &badf, &badcp) == 1);
	CHECK(badf == 0);
	CHECK(badcp == 0x203E);
	contents(fp, &got);
	CHECK_STR(got.p, "\"\x95\x5C\"\"\x8E\xA6\",\x81\x60,"
	    "\"\x87\x40,\xFB\xFC\"\r\n");
	/* And the writer goes on. */
	CHECK(csvout_rowv(&w, after, 1, &badf, &badcp) == 0);
	contents(fp, &got);
	CHECK_STR(got.p, "\"\x95\x5C\"\"\x8E\xA6\",\x81\x60,"
	    "\"\x87\x40,\xFB\xFC\"\r\n\x8F\x49\r\n");
	csvout_free(&w);
	fclose(fp);

	/* A refused first row leaves an empty file. */
	fp = xtmpfile();
	csvout_init(&w, fp, ENC_CP932, 0, 0, 0, codec);
	CHECK(csvout_rowv(&w, bad1, 2, &badf, &badcp) == 1);
	contents(fp, &got);
	CHECK(got.len == 0);
	csvout_free(&w);
	fclose(fp);

	/* Escape mode (reports): <U+XXXX>, quoting kept, return 0. */
	fp = xtmpfile();
	csvout_init(&w, fp, ENC_CP932, 0, 1, 1, codec);
	CHECK(csvout_rowv(&w, bad1, 2, &badf, &badcp) == 0);
	CHECK(csvout_rowv(&w, bad2, 4, &badf, &badcp) == 0);
	CHECK(csvout_rowv(&w, bad3, 1, &badf, &badcp) == 0);
	contents(fp, &got);
	CHECK_STR(got.p, "ok,<U+20BB7>\x96\xEC\x89\xC6\n"
	    "\"a,b\",\"\"\"q\"\"\",x<U+00A5>,z\n"
	    "\"\"\"<U+203E>\"\"\"\n");
	csvout_free(&w);
	fclose(fp);

	/* Escape mode in UTF-8 has nothing to escape. */
	fp = xtmpfile();
	csvout_init(&w, fp, ENC_UTF8, 0, 1, 1, codec);
	CHECK(csvout_rowv(&w, bad1, 2, &badf, &badcp) == 0);
	contents(fp, &got);
	CHECK_STR(got.p, "ok,\xF0\xA0\xAE\xB7野家\n");
	csvout_free(&w);
	fclose(fp);
	buf_free(&got);
}

/* More fields than csvout_rowv keeps on its stack. */
static void
test_wide(void)
{
	const char	*f[100];
	struct csvout	 w;
	struct buf	 got = {0}, want = {0};
	FILE		*fp;
	size_t		 i, badf;
	uint32_t	 badcp;

	for (i = 0; i < ARRAY_LEN(f); i++) {
		f[i] = i % 2 ? "a" : "b,";
		buf_adds(&want, i % 2 ? "a" : "\"b,\"");
		buf_adds(&want, i + 1 < ARRAY_LEN(f) ? "," : "\n");
	}
	fp = xtmpfile();
	csvout_init(&w, fp, ENC_UTF8, 0, 0, 0, codec);
	CHECK(csvout_rowv(&w, f, ARRAY_LEN(f), &badf, &badcp) == 0);
	contents(fp, &got);
	CHECK_MEM(got.p, got.len, want.p, want.len);
	csvout_free(&w);
	fclose(fp);
	buf_free(&got);
	buf_free(&want);
}

/* A write error is -1, not a silent success. */
static void
test_write_error(void)
{
	static const char *const r[] = { "x" };
	struct csvout	 w;
	FILE		*fp;
	size_t		 badf;
	uint32_t	 badcp;

	if ((fp = fopen("/dev/full", "w")) == NULL)
		return;
	setvbuf(fp, NULL, _IONBF, 0);
	csvout_init(&w, fp, ENC_UTF8, 1, 0, 0, codec);
	CHECK(csvout_rowv(&w, r, 1, &badf, &badcp) == -1);
	csvout_free(&w);
	fclose(fp);
}

int
main(void)
{
	codec = codec_new();
	test_fields();
	test_rows();
	test_cp932();
	test_wide();
	test_write_error();
	codec_free(codec);
	return tap_done();
}
