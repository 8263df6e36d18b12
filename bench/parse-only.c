/*
 * parse-only.c: the floor for bench/run.sh, a plain libcsv parse with no
 * decoding, no line counting and no output, used the simplest way: read
 * 64 KiB blocks, hand each to csv_parse, count fields and records in the
 * callbacks. Strict mode, as mikibridge parses, so that a stray quote is an
 * error here too. Prints "RECORDS FIELDS" for the header and data records.
 *
 *	bench/parse-only FILE
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <csv.h>

#define BLOCK	65536

struct counts {
	unsigned long	 fields, records;
};

static void
on_field(void *s, size_t len, void *arg)
{
	(void)s;
	(void)len;
	((struct counts *)arg)->fields++;
}

static void
on_record(int c, void *arg)
{
	(void)c;
	((struct counts *)arg)->records++;
}

int
main(int argc, char **argv)
{
	static char block[BLOCK];
	struct csv_parser p;
	struct counts n = { 0, 0 };
	FILE *fp;
	size_t got;
	int rc = 1;

	if (argc != 2) {
		fprintf(stderr, "usage: parse-only FILE\n");
		return 2;
	}
	if ((fp = fopen(argv[1], "rb")) == NULL) {
		fprintf(stderr, "parse-only: %s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0) {
		fprintf(stderr, "parse-only: csv_init failed\n");
		fclose(fp);
		return 1;
	}
	while ((got = fread(block, 1, sizeof(block), fp)) > 0)
		if (csv_parse(&p, block, got, on_field, on_record, &n) != got)
			goto out;
	if (ferror(fp)) {
		fprintf(stderr, "parse-only: %s: %s\n", argv[1], strerror(errno));
		goto done;
	}
	if (csv_fini(&p, on_field, on_record, &n) != 0)
		goto out;
	printf("%lu %lu\n", n.records, n.fields);
	rc = 0;
	goto done;
out:
	fprintf(stderr, "parse-only: %s: %s\n", argv[1],
	    csv_strerror(csv_error(&p)));
done:
	csv_free(&p);
	fclose(fp);
	return rc;
}
