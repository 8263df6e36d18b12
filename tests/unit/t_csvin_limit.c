/*
 * t_csvin_limit: the reader's resource bounds (csvin.h), built by the
 * Makefile from src/csvin.c with CSVIN_MAX_RECORD at 1 MiB and
 * CSVIN_MAX_FIELDS at 1,000 so that their messages can be tested without
 * 512 MiB inputs. A record at a bound is read; one byte or one field past
 * it is an error naming the line where the record began, in any buffer
 * size, quoted or not, with or without a final line end.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvin.h"
#include "util.h"
#include "tap.h"

_Static_assert(CSVIN_MAX_RECORD == ((size_t)1 << 20) &&
    CSVIN_MAX_FIELDS == 1000, "built without the Makefile's LIMIT_FLAGS");

/*
 * Reads text whole with buffer size bs (0: default); returns the number
 * of records, or -1 with the error in err.
 */
static long
read_all(const char *text, size_t len, size_t bs, char *err, size_t errlen)
{
	FILE		*fp;
	struct csvin	*in;
	struct rec	*r;
	long		 n = 0;
	int		 k;

	if ((fp = fmemopen((void *)(uintptr_t)text, len, "rb")) == NULL)
		abort();
	in = csvin_open(fp, "t.csv");
	if (bs > 0)
		csvin_set_bufsize(in, bs);
	while ((k = csvin_next(in, &r)) == 1)
		n++;
	if (k == -1) {
		snprintf(err, errlen, "%s", csvin_error(in));
		n = -1;
	}
	csvin_close(in);
	fclose(fp);
	return n;
}

/* "h\n" then, on line 2, a record of one field of n bytes ('x'). */
static char *
big(size_t n, int quoted, int eol, size_t *len)
{
	struct buf	 b = {0};
	size_t		 i;

	buf_adds(&b, "h\nok\n");
	if (quoted)
		buf_addc(&b, '"');
	for (i = 0; i < n; i++)
		buf_addc(&b, 'x');
	if (quoted)
		buf_addc(&b, '"');
	if (eol)
		buf_adds(&b, "\r\n");
	*len = b.len;
	return b.p;
}

/* "h\nok\n" then, on line 3, a record of n empty fields. */
static char *
wide(size_t n, int eol, size_t *len)
{
	struct buf	 b = {0};
	size_t		 i;

	buf_adds(&b, "h\nok\n");
	for (i = 1; i < n; i++)
		buf_addc(&b, ',');
	if (eol)
		buf_addc(&b, '\n');
	*len = b.len;
	return b.p;
}

int
main(void)
{
	static const size_t sizes[] = { 0, 1, 7, 4096 };
	char		 err[256], *t;
	size_t		 len, i;
	int		 q, eol;

	for (i = 0; i < ARRAY_LEN(sizes); i++)
		for (q = 0; q <= 1; q++)
			for (eol = 0; eol <= 1; eol++) {
				/* The record's text is its bytes and a NUL. */
				t = big(CSVIN_MAX_RECORD - 1, q, eol, &len);
				CHECK(read_all(t, len, sizes[i], err,
				    sizeof(err)) == 3);
				free(t);
				t = big(CSVIN_MAX_RECORD + 1, q, eol, &len);
				err[0] = '\0';
				CHECK(read_all(t, len, sizes[i], err,
				    sizeof(err)) == -1);
				CHECK_STR(err, "t.csv:3: record larger than "
				    "1 MiB");
				free(t);
			}
	for (i = 0; i < ARRAY_LEN(sizes); i++)
		for (eol = 0; eol <= 1; eol++) {
			t = wide(CSVIN_MAX_FIELDS, eol, &len);
			CHECK(read_all(t, len, sizes[i], err, sizeof(err)) ==
			    3);
			free(t);
			t = wide(CSVIN_MAX_FIELDS + 1, eol, &len);
			err[0] = '\0';
			CHECK(read_all(t, len, sizes[i], err, sizeof(err)) ==
			    -1);
			CHECK_STR(err, "t.csv:3: record of more than 1000 "
			    "fields");
			free(t);
		}
	return tap_done();
}
