/*
 * fuzz_header: header matching as the employees flow does it — each
 * header normalized with norm_header, then profile_map against the
 * built-in profile with the flow's own roles (emp_role_name) and required
 * set (SPEC §7).
 *
 * The first input byte picks the section (smarthr_column or
 * mikiwame_column) and whether employee_number is required (--match
 * employee-number); the rest is the header row, one header per line, each
 * cut to its longest valid UTF-8 prefix (headers are decoded text).
 *
 * Promises checked: no crash either way; a normalized header is valid
 * UTF-8 without spaces, TABs, U+3000, BOM or full-width ASCII, and
 * normalizing it again changes nothing; a success maps every required role
 * to a column, no column to two roles; a failure says why.
 */
#include <string.h>

#include "emp.h"
#include "enc.h"
#include "fuzz.h"
#include "norm.h"
#include "profile.h"
#include "util.h"

static void
check_header(const struct buf *h)
{
	struct buf	 again = {0};
	size_t		 i, adv;
	uint32_t	 cp;

	FUZZ_CHECK(enc_utf8_check(h->p, h->len) == h->len);
	for (i = 0; i < h->len; i += adv) {
		cp = utf8_get(h->p + i, h->len - i, &adv);
		FUZZ_CHECK(cp != ' ' && cp != '\t' && cp != 0x3000 &&
		    cp != 0xFEFF && (cp < 0xFF01 || cp > 0xFF5E));
	}
	norm_header(h->p, h->len, &again);
	FUZZ_CHECK(again.len == h->len && memcmp(again.p, h->p, h->len) == 0);
	buf_free(&again);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct profile *prof;
	const char	*s = (const char *)data, *e, *nl, *section;
	char		**hdr = NULL;
	struct buf	 h = {0}, err = {0};
	int		 req[ER_N] = {0}, col[ER_N];
	size_t		 nh = 0, cap = 0, i, j;

	if (size < 1)
		return 0;
	if (prof == NULL)
		prof = profile_builtin();	/* patterns compile once */
	section = data[0] & 1 ? "mikiwame_column" : "smarthr_column";
	req[ER_LAST] = req[ER_FIRST] = 1;
	req[ER_LAST_KANA] = req[ER_FIRST_KANA] = req[ER_EMAIL] = 1;
	req[ER_NUMBER] = (data[0] & 2) != 0;
	s++;
	e = (const char *)data + size;
	while (s < e) {
		if ((nl = memchr(s, '\n', (size_t)(e - s))) == NULL)
			nl = e;
		buf_reset(&h);
		norm_header(s, enc_utf8_check(s, (size_t)(nl - s)), &h);
		check_header(&h);
		if (nh == cap) {
			cap = cap ? cap * 2 : 64;
			hdr = xreallocarray(hdr, cap, sizeof(*hdr));
		}
		hdr[nh++] = xstrndup(h.p, h.len);
		s = nl + 1;
	}

	if (profile_map(prof, section, emp_role_name, req, ER_N,
	    (const char *const *)hdr, nh, col, &err) == 0) {
		for (i = 0; i < ER_N; i++) {
			FUZZ_CHECK(col[i] >= -1 && col[i] < (int)nh);
			FUZZ_CHECK(!req[i] || col[i] != -1);
			for (j = 0; j < i; j++)
				FUZZ_CHECK(col[i] == -1 || col[i] != col[j]);
		}
	} else
		FUZZ_CHECK(err.len > 0);
	for (i = 0; i < nh; i++)
		free(hdr[i]);
	free(hdr);
	buf_free(&h);
	buf_free(&err);
	return 0;
}
