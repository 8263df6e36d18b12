/*
 * t_csvin: the reader, fed through every buffer size from 1 to the length
 * of each input, so that no result can depend on where a read ends (a CRLF,
 * a BOM, a CP932 character or a quote cut in two). Each case lists the
 * records it must give, as "LINE|[field][field]\n", and, for a bad file,
 * the "t.csv:LINE:" its error must begin with (SPEC §2).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "csvin.h"
#include "util.h"
#include "tap.h"

/* A byte string with its length, for inputs and results that hold NUL. */
#define B(s)	s, sizeof(s) - 1

struct csvin_case {
	const char	*name;
	const char	*in;
	size_t		 inlen;
	const char	*want;		/* the records, see show() */
	size_t		 wantlen;
	const char	*err;		/* NULL: ends with 0; else error prefix */
	size_t		 lines;		/* csvin_lines at the end, when err NULL */
};

/*
 * Whether a last line without a line end counts in csvin_lines is not
 * settled by the spec; those cases do not check it.
 */
#define ANY	((size_t)-1)

static const struct csvin_case cases[] = {
	/* Line endings. */
	{ "crlf", B("a,b\r\nc,d\r\n"), B("1|[a][b]\n2|[c][d]\n"), NULL, 2 },
	{ "lf", B("a,b\nc,d\n"), B("1|[a][b]\n2|[c][d]\n"), NULL, 2 },
	{ "cr", B("a,b\rc,d\r"), B("1|[a][b]\n2|[c][d]\n"), NULL, 2 },
	{ "mixed endings", B("a\r\nb\nc\rd\r\n"),
	    B("1|[a]\n2|[b]\n3|[c]\n4|[d]\n"), NULL, 4 },
	/* CR then CRLF is two line ends, LF then CR too. */
	{ "cr crlf lf cr", B("a\r\r\nb\n\rc\n"), B("1|[a]\n3|[b]\n5|[c]\n"),
	    NULL, 5 },
	{ "empty fields", B(",\na,,\n,,b\n"), B("1|[][]\n2|[a][][]\n3|[][][b]\n"),
	    NULL, 3 },
	/* Blank lines are skipped, but counted. */
	{ "blank lines", B("\n\r\n\ra,b\n\n\r\nc\r\r\n\n"),
	    B("4|[a][b]\n7|[c]\n"), NULL, 9 },
	{ "only blank lines", B("\r\n\n\r"), B(""), NULL, 3 },
	{ "empty file", B(""), B(""), NULL, 0 },
	/* Quoting. */
	{ "quoted comma, doubled quote", B("\"a,b\",\"c\"\"d\",\"\"\"\"\n"),
	    B("1|[a,b][c\"d][\"]\n"), NULL, 1 },
	{ "quoted empty", B("\"\",x\n"), B("1|[][x]\n"), NULL, 1 },
	{ "quoted cr", B("\"x\ry\",z\nnext\n"), B("1|[x\ry][z]\n3|[next]\n"),
	    NULL, 3 },
	{ "quoted lf", B("h\n\"x\ny\",z\nnext\n"),
	    B("1|[h]\n2|[x\ny][z]\n4|[next]\n"), NULL, 4 },
	{ "quoted crlf", B("\"x\r\ny\"\r\nn\r\n"), B("1|[x\r\ny]\n3|[n]\n"),
	    NULL, 3 },
	{ "quoted blank lines", B("\"a\n\nb\"\r\n\r\n\"c\r\rd\"\n"),
	    B("1|[a\n\nb]\n5|[c\r\rd]\n"), NULL, 7 },
	{ "quoted line end in a later field", B("a,\"b\r\nc\",\"d\ne\"\nf\n"),
	    B("1|[a][b\r\nc][d\ne]\n4|[f]\n"), NULL, 4 },
	/* The last record without a line end. */
	{ "no final line end", B("a,b\nc,d"), B("1|[a][b]\n2|[c][d]\n"), NULL,
	    ANY },
	{ "one field, no line end", B("x"), B("1|[x]\n"), NULL, ANY },
	{ "quoted, no final line end", B("a\n\"b\nc\""),
	    B("1|[a]\n2|[b\nc]\n"), NULL, ANY },
	{ "empty last field, no line end", B("a,"), B("1|[a][]\n"), NULL, ANY },
	/* A BOM at the start is dropped, and only there. */
	{ "bom", B("\xEF\xBB\xBF" "a,b\nc\n"), B("1|[a][b]\n2|[c]\n"), NULL, 2 },
	{ "bom, quoted header", B("\xEF\xBB\xBF\"a\"\n"), B("1|[a]\n"), NULL, 1 },
	{ "bom then blank line", B("\xEF\xBB\xBF\r\nh\n"), B("2|[h]\n"), NULL,
	    2 },
	{ "bom only", B("\xEF\xBB\xBF"), B(""), NULL, 0 },
	{ "bom not at start", B("a\n\xEF\xBB\xBF" "b\n"),
	    B("1|[a]\n2|[\xEF\xBB\xBF" "b]\n"), NULL, 2 },
	{ "half a bom", B("\xEF\xBBx\n"), B("1|[\xEF\xBBx]\n"), NULL, 1 },
	/* CP932: 表 = 95 5C, ① = 87 40, テ = 83 65; trail bytes stay. */
	{ "cp932", B("\x95\x5C,\x87\x40\n\"\x95\x5C\x87\x40\x83\x65\"\n"),
	    B("1|[\x95\x5C][\x87\x40]\n2|[\x95\x5C\x87\x40\x83\x65]\n"), NULL, 2 },
	/* NUL bytes are data. */
	{ "nul", B("a\0b,\"c\0\"\n\0\n"), B("1|[a\0b][c\0]\n2|[\0]\n"), NULL, 2 },
	/* Spaces and TABs are kept (no trimming). */
	{ "spaces", B(" a , b ,\tc\t\n\" q \",x\n  \n"),
	    B("1|[ a ][ b ][\tc\t]\n2|[ q ][x]\n3|[  ]\n"), NULL, 3 },
	/* Strict RFC 4180. */
	{ "stray quote", B("a,b\nc,d\"e\nf\n"), B("1|[a][b]\n"), "t.csv:2:",
	    0 },
	{ "stray quote after quoted lf", B("\"x\ny\",z\nab\"c\n"),
	    B("1|[x\ny][z]\n"), "t.csv:3:", 0 },
	{ "text after closing quote", B("h\n\r\n\"abc\"x,1\n"), B("1|[h]\n"),
	    "t.csv:3:", 0 },
	{ "space after closing quote", B("\"abc\" ,1\n"), B(""), "t.csv:1:",
	    0 },
	{ "text after quote closed on a later line", B("h\n\"a\nb\"c\n"),
	    B("1|[h]\n"), "t.csv:3:", 0 },
	{ "unterminated quote", B("h\n\n\"abc\ndef\n"), B("1|[h]\n"),
	    "t.csv:3:", 0 },
	{ "unterminated quote, one line", B("a,\"b"), B(""), "t.csv:1:", 0 },
	/* The record begins on line 2; the open quote is on line 3. */
	{ "unterminated quote opened on a later line",
	    B("h\n\"a\nb\",\"c\nd\n"), B("1|[h]\n"), "t.csv:3:", 0 },
	/*
	 * A whole line that begins a record and holds no quote is split on
	 * its commas without libcsv (csvin.c, split); every case runs at
	 * buffer sizes that hold the line and that do not, so both readings
	 * are compared. These mix such lines with libcsv's.
	 */
	{ "quote-free lines around a quoted one",
	    B("a,b\r\n\"c\",d\r\ne,f\r\n"),
	    B("1|[a][b]\n2|[c][d]\n3|[e][f]\n"), NULL, 3 },
	{ "quote-free line after a record's last line",
	    B("\"a\nb\",c\nd,e\n,\n"), B("1|[a\nb][c]\n3|[d][e]\n4|[][]\n"),
	    NULL, 4 },
	{ "quote-free line continues a quoted field", B("\"a\nb,c\nd\"\n"),
	    B("1|[a\nb,c\nd]\n"), NULL, 3 },
	{ "commas only", B(",,,\r\n,\r"), B("1|[][][][]\n2|[][]\n"), NULL, 2 },
	/* The fields before the first quote are split, libcsv does the rest. */
	{ "quote in a later field", B("a,b,\"c,d\",e\r\n,\"\"\r\n"),
	    B("1|[a][b][c,d][e]\n2|[][]\n"), NULL, 2 },
	{ "quoted field spans lines after split fields",
	    B("a,b,\"c\r\nd\",e\r\nf\r\n"), B("1|[a][b][c\r\nd][e]\n3|[f]\n"),
	    NULL, 3 },
	{ "space before a later quote", B("h\na, \"b\"\n"), B("1|[h]\n"),
	    "t.csv:2:", 0 },
	{ "stray quote in a later field", B("h\na,b\"c,d\n"), B("1|[h]\n"),
	    "t.csv:2:", 0 },
	{ "text after a later closing quote", B("a,\"b\"c\n"), B(""),
	    "t.csv:1:", 0 },
	{ "spaces and tabs kept", B("\t,  , a b \r\n \n"),
	    B("1|[\t][  ][ a b ]\n2|[ ]\n"), NULL, 2 },
};

/* Appends "LINE|[f1][f2]...\n" for r. */
static void
show(const struct rec *r, struct buf *out)
{
	size_t	 i;

	buf_printf(out, "%zu|", r->line);
	for (i = 0; i < r->nf; i++) {
		buf_addc(out, '[');
		buf_add(out, r->f[i], r->len[i]);
		buf_addc(out, ']');
		/* Every field is NUL-terminated, whatever it holds. */
		if (r->f[i][r->len[i]] != '\0')
			buf_adds(out, "<no NUL>");
	}
	buf_addc(out, '\n');
}

/*
 * Reads fp with buffer size k; returns csvin_next's last status (2 if it
 * did not stay at end of input) and fills got, err and lines.
 */
static int
read_all(FILE *fp, size_t k, struct buf *got, struct buf *err, size_t *lines)
{
	struct csvin	*in;
	struct rec	*r;
	int		 rc, n = 0;

	rewind(fp);
	buf_reset(got);
	buf_add(got, "", 0);
	buf_reset(err);
	in = csvin_open(fp, "t.csv");
	csvin_set_bufsize(in, k);
	while ((rc = csvin_next(in, &r)) == 1 && n++ < 100)
		show(r, got);
	if (rc == -1)
		buf_adds(err, csvin_error(in));
	else
		/* End of input stays the end. */
		rc = csvin_next(in, &r) == 0 ? rc : 2;
	*lines = csvin_lines(in);
	csvin_close(in);
	return rc;
}

static void
run_case(const struct csvin_case *c)
{
	FILE		*fp;
	struct buf	 got = {0}, err = {0};
	size_t		 k, kmax, lines;
	int		 rc, ok;

	if ((fp = tmpfile()) == NULL) {
		perror("tmpfile");
		exit(1);
	}
	if (c->inlen > 0 && fwrite(c->in, 1, c->inlen, fp) != c->inlen) {
		perror("fwrite");
		exit(1);
	}
	kmax = c->inlen > 0 ? c->inlen : 1;
	for (k = 1; k <= kmax; k++) {
		rc = read_all(fp, k, &got, &err, &lines);
		ok = CHECK_MEM(got.p, got.len, c->want, c->wantlen);
		if (c->err == NULL) {
			ok &= CHECK(rc == 0);
			if (c->lines != ANY)
				ok &= CHECK(lines == c->lines);
		} else {
			ok &= CHECK(rc == -1);
			ok &= CHECK(err.p != NULL &&
			    strncmp(err.p, c->err, strlen(c->err)) == 0);
		}
		if (!ok) {
			fprintf(stderr, "  case \"%s\", buffer size %zu: rc %d, "
			    "%zu lines, error \"%s\"\n", c->name, k, rc, lines,
			    err.p != NULL ? err.p : "");
			break;	/* one report per case is enough */
		}
	}
	buf_free(&got);
	buf_free(&err);
	fclose(fp);
}

/*
 * A 10 MB field, unquoted and quoted (with doubled quotes), read with the
 * normal buffer size: the right length, and in linear time.
 */
static void
big_field(int quoted)
{
	const size_t	 n = 10u << 20;
	FILE		*fp;
	struct csvin	*in;
	struct rec	*r;
	char		*s;
	size_t		 i;
	clock_t		 t0;
	double		 secs;

	s = xmalloc(n);
	for (i = 0; i < n; i++) {
		s[i] = (char)('a' + i % 26);
		/* In the quoted case, a doubled quote now and then. */
		if (quoted && i % 4096 == 4095)
			s[i] = '"';
	}
	if ((fp = tmpfile()) == NULL) {
		perror("tmpfile");
		exit(1);
	}
	fputs("a,", fp);
	if (quoted) {
		fputc('"', fp);
		for (i = 0; i < n; i++) {
			if (s[i] == '"')
				fputc('"', fp);
			fputc(s[i], fp);
		}
		fputc('"', fp);
	} else
		fwrite(s, 1, n, fp);
	fputs(",b\r\nc\r\n", fp);
	rewind(fp);

	t0 = clock();
	in = csvin_open(fp, "big.csv");
	csvin_set_bufsize(in, 65536);
	if (CHECK(csvin_next(in, &r) == 1) && CHECK(r->nf == 3)) {
		CHECK(r->line == 1);
		CHECK(r->len[1] == n);
		CHECK(memcmp(r->f[1], s, n) == 0);
		CHECK_MEM(r->f[2], r->len[2], "b", 1);
	}
	if (CHECK(csvin_next(in, &r) == 1))
		CHECK(r->line == 2 && r->nf == 1);
	CHECK(csvin_next(in, &r) == 0);
	csvin_close(in);
	secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	/* Linear is well under a second even under ASan; quadratic is minutes. */
	if (!CHECK(secs < 5.0))
		fprintf(stderr, "  10 MB field took %.1f s\n", secs);
	free(s);
	fclose(fp);
}

/*
 * A column mask: the fields left out read as "" but keep their lengths and
 * count, in every buffer size, and the kept ones are whole.
 */
static void
test_mask(void)
{
	static const char in[] = "a,bb,\"c,\r\nc\",ddd\r\n,x,,yy\rq\n";
	static const unsigned char mask[] = { 0, 1, 0 };
	struct csvin	*c;
	struct rec	*r;
	struct buf	 got = {0};
	FILE		*fp;
	size_t		 k, i;

	for (k = 1; k <= sizeof(in) - 1; k++) {
		if ((fp = fmemopen((void *)(uintptr_t)in, sizeof(in) - 1,
		    "rb")) == NULL) {
			perror("fmemopen");
			exit(1);
		}
		c = csvin_open(fp, "t.csv");
		csvin_set_bufsize(c, k);
		csvin_set_columns(c, mask, sizeof(mask));
		buf_reset(&got);
		while (csvin_next(c, &r) == 1) {
			buf_printf(&got, "%zu|", r->line);
			for (i = 0; i < r->nf; i++)
				buf_printf(&got, "[%s:%zu]", r->f[i], r->len[i]);
			buf_addc(&got, '\n');
		}
		if (!CHECK_STR(got.p, "1|[:1][bb:2][:5][:3]\n"
		    "3|[:0][x:1][:0][:2]\n4|[:1]\n"))
			fprintf(stderr, "  mask, buffer size %zu\n", k);
		csvin_close(c);
		fclose(fp);
	}
	buf_free(&got);
}

int
main(void)
{
	size_t	 i;

	for (i = 0; i < ARRAY_LEN(cases); i++)
		run_case(&cases[i]);
	big_field(0);
	big_field(1);
	test_mask();
	return tap_done();
}
