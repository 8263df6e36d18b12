/*
 * fuzz_csvin: the reader as a flow uses it — enc_detect over the whole
 * file, then csvin records, then every field decoded as UTF-8 and as CP932.
 *
 * The first input byte picks the reader's buffer size (1 to 65536 bytes),
 * so that a CRLF, a BOM, a quote or a CP932 character falls across a read
 * boundary; the rest is the file. The file is read twice, with that size
 * and with the default one, and the two readings must give the same
 * records, lines and error (STYLE: results cannot depend on buffer
 * boundaries). Decoded text must be valid UTF-8, and a file that detection
 * calls UTF-8 (no BOM) must have every field without a NUL decode as
 * UTF-8.
 */
#include <string.h>

#include "csvin.h"
#include "enc.h"
#include "fuzz.h"
#include "util.h"

/* 1..16, 2..97, then powers of two up to 65536. */
static size_t
pick_bufsize(uint8_t b)
{
	if (b < 128)
		return 1 + b % 16;
	if (b < 224)
		return (size_t)b - 126;
	return (size_t)1 << ((b - 224) % 17);
}

static void
check_field(struct codec *c, const struct detect *d, const char *f,
    size_t len)
{
	struct buf	 out = {0};
	size_t		 bad = 0;
	int		 k;

	k = codec_decode(c, ENC_UTF8, f, len, &out, &bad);
	if (k == 0)
		FUZZ_CHECK(enc_utf8_check(out.p, out.len) == out.len);
	else
		FUZZ_CHECK(bad < len);
	/* NUL is evidence of neither encoding, and invalid in both. */
	if (d->enc == ENC_UTF8 && !d->bom && !d->utf16 &&
	    memchr(f, '\0', len) == NULL)
		FUZZ_CHECK(k == 0);
	buf_reset(&out);
	if (codec_decode(c, ENC_CP932, f, len, &out, &bad) == 0)
		FUZZ_CHECK(enc_utf8_check(out.p, out.len) == out.len);
	else
		FUZZ_CHECK(bad < len);
	buf_free(&out);
}

/*
 * Reads the whole file with the given buffer size (0: the default) and
 * writes what was read to log; the fields are decoded when c is set.
 */
static void
read_all(const uint8_t *data, size_t size, size_t bufsize,
    const struct detect *d, struct codec *c, struct buf *log)
{
	FILE		*fp;
	struct csvin	*in;
	struct rec	*r;
	size_t		 i;
	int		 k;

	if ((fp = fmemopen((void *)(uintptr_t)data, size, "rb")) == NULL)
		abort();
	in = csvin_open(fp, "t.csv");
	if (bufsize > 0)
		csvin_set_bufsize(in, bufsize);
	while ((k = csvin_next(in, &r)) == 1) {
		FUZZ_CHECK(r->line >= 1 && r->line <= csvin_lines(in) + 1);
		buf_printf(log, "%zu|%zu|", r->line, r->nf);
		for (i = 0; i < r->nf; i++) {
			FUZZ_CHECK(r->f[i][r->len[i]] == '\0');
			buf_printf(log, "%zu:", r->len[i]);
			buf_add(log, r->f[i], r->len[i]);
			if (c != NULL)
				check_field(c, d, r->f[i], r->len[i]);
		}
		buf_addc(log, '\n');
	}
	if (k == -1)
		buf_printf(log, "error %s\n", csvin_error(in));
	else
		buf_printf(log, "end %zu\n", csvin_lines(in));
	csvin_close(in);
	fclose(fp);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct codec *c;
	struct detect	 d;
	struct buf	 a = {0}, b = {0};
	size_t		 bufsize;
	FILE		*fp;

	if (size < 1)
		return 0;
	if (c == NULL)
		c = codec_new();
	bufsize = pick_bufsize(data[0]);
	data++;
	size--;
	/* glibc's fmemopen refuses a size of 0; an empty file is a seed. */
	if (size == 0)
		return 0;

	if ((fp = fmemopen((void *)(uintptr_t)data, size, "rb")) == NULL)
		abort();
	FUZZ_CHECK(enc_detect(fp, &d) == 0);
	fclose(fp);
	FUZZ_CHECK(d.utf16 || d.enc == ENC_UTF8 || d.enc == ENC_CP932);
	FUZZ_CHECK(!d.mixed || (d.utf8_line > 0 && d.cp932_line > 0));

	read_all(data, size, bufsize, &d, c, &a);
	read_all(data, size, 0, &d, NULL, &b);
	if (a.len != b.len || memcmp(a.p, b.p, a.len) != 0) {
		fprintf(stderr, "buffer size %zu:\n%.*s\ndefault:\n%.*s\n",
		    bufsize, (int)a.len, a.p, (int)b.len, b.p);
		FUZZ_FAIL("same records whatever the buffer size");
	}
	buf_free(&a);
	buf_free(&b);
	return 0;
}
