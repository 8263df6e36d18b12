/*
 * tap.h: the whole unit-test helper, header only, for programs of one .c
 * file each (tests/unit/t_<concept>.c with its own main). A failed check
 * prints its file, line and what was compared on standard error and the
 * program goes on, so one run shows every failure; tap_done() prints
 * "t_NAME: N checks, N failed" and returns the exit status for main.
 *
 *	CHECK(cond)                 cond is true (the value of CHECK is cond)
 *	CHECK_STR(a, b)             NUL-terminated strings are equal (NULL == NULL)
 *	CHECK_MEM(a, alen, b, blen) byte ranges are equal
 *
 * Bytes are shown as C-escaped text (\n, \r, \t, \", \\, and \xHH for any
 * other byte outside printable ASCII), so an invalid CP932 byte or a stray
 * CR is as visible as a wrong letter. NAME is the test file's base name,
 * unless TAP_NAME is defined before the header is included.
 */
#ifndef TAP_H
#define TAP_H

#include <stddef.h>
#include <stdio.h>
#include <string.h>

static int tap_checks;         /* checks made so far */
static int tap_failed;         /* checks that failed */
static const char *tap_file;   /* __FILE__ of the last check, for the name */

/* tap_check_ counts one check and reports it when it failed. */
static inline int
tap_check_(int ok, const char *file, int line, const char *what)
{
	tap_checks++;
	tap_file = file;
	if (!ok) {
		tap_failed++;
		fprintf(stderr, "%s:%d: check failed: %s\n", file, line, what);
	}
	return ok;
}

/* tap_show_ prints "label: "bytes" (len bytes)" with the bytes escaped. */
static inline void
tap_show_(const char *label, const void *p, size_t len)
{
	const unsigned char *s = p;
	size_t i;

	if (p == NULL) {
		fprintf(stderr, "  %s: NULL\n", label);
		return;
	}
	fprintf(stderr, "  %s: \"", label);
	for (i = 0; i < len; i++) {
		switch (s[i]) {
		case '\n': fputs("\\n", stderr); break;
		case '\r': fputs("\\r", stderr); break;
		case '\t': fputs("\\t", stderr); break;
		case '"':  fputs("\\\"", stderr); break;
		case '\\': fputs("\\\\", stderr); break;
		default:
			if (s[i] >= 0x20 && s[i] < 0x7f)
				fputc(s[i], stderr);
			else
				fprintf(stderr, "\\x%02X", (unsigned)s[i]);
		}
	}
	fprintf(stderr, "\" (%zu bytes)\n", len);
}

/*
 * tap_mem_ compares two byte ranges; on a mismatch it shows both and the
 * offset of the first byte that differs.
 */
static inline int
tap_mem_(const void *a, size_t alen, const void *b, size_t blen,
    const char *file, int line, const char *what)
{
	const unsigned char *x = a, *y = b;
	size_t i, n;
	int ok;

	if (a == NULL || b == NULL)
		ok = a == b;
	else
		ok = alen == blen && (alen == 0 || memcmp(a, b, alen) == 0);
	if (!tap_check_(ok, file, line, what)) {
		tap_show_("got ", a, alen);
		tap_show_("want", b, blen);
		if (a != NULL && b != NULL) {
			n = alen < blen ? alen : blen;
			for (i = 0; i < n && x[i] == y[i]; i++)
				continue;
			fprintf(stderr, "  first difference at byte %zu\n", i);
		}
	}
	return ok;
}

/* tap_str_ compares two NUL-terminated strings, either of which may be NULL. */
static inline int
tap_str_(const char *a, const char *b, const char *file, int line,
    const char *what)
{
	return tap_mem_(a, a == NULL ? 0 : strlen(a), b,
	    b == NULL ? 0 : strlen(b), file, line, what);
}

#define CHECK(cond) \
	tap_check_((cond) ? 1 : 0, __FILE__, __LINE__, #cond)
#define CHECK_STR(a, b) \
	tap_str_((a), (b), __FILE__, __LINE__, "CHECK_STR(" #a ", " #b ")")
#define CHECK_MEM(a, alen, b, blen) \
	tap_mem_((a), (size_t)(alen), (b), (size_t)(blen), __FILE__, __LINE__, \
	    "CHECK_MEM(" #a ", " #alen ", " #b ", " #blen ")")

/*
 * tap_done prints the summary line on standard output and returns the exit
 * status for main: 0 when every check passed, 1 otherwise.
 */
static inline int
tap_done(void)
{
	const char *name, *end;

#ifdef TAP_NAME
	name = TAP_NAME;
#elif defined(__BASE_FILE__)
	name = tap_file != NULL ? tap_file : __BASE_FILE__;
#else
	name = tap_file != NULL ? tap_file : "t_unknown";
#endif
	if (strrchr(name, '/') != NULL)
		name = strrchr(name, '/') + 1;
	end = strrchr(name, '.');
	if (end == NULL)
		end = name + strlen(name);
	printf("%.*s: %d checks, %d failed\n", (int)(end - name), name,
	    tap_checks, tap_failed);
	if (fflush(stdout) != 0)
		return 1;
	return tap_failed == 0 ? 0 : 1;
}

#endif /* TAP_H */
