/*
 * re: PCRE2 with UTF and UCP, JIT when the platform has it. Subjects are
 * always valid UTF-8 (decoded fields), so PCRE2's own UTF check is skipped.
 *
 * JIT code reads the subject a machine word at a time, a few bytes past its
 * end. That is harmless, but valgrind reports every such read of bytes
 * that were never written ("conditional jump depends on uninitialised
 * value", from frames it cannot name), so a subject is matched from a copy
 * followed by zero bytes.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "re.h"
#include "util.h"

#define RE_PAD	32		/* zero bytes after a subject's copy */

struct re {
	pcre2_code		*code;
	pcre2_match_data	*md;
	struct buf		*subj;	/* the subject's copy, zero-padded */
};

struct re *
re_compile(const char *pat, char *err, size_t errlen)
{
	struct re	*r;
	int		 ec;
	PCRE2_SIZE	 off;
	PCRE2_UCHAR	 msg[256];

	r = xcalloc(1, sizeof(*r));
	r->code = pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED,
	    PCRE2_UTF | PCRE2_UCP, &ec, &off, NULL);
	if (r->code == NULL) {
		pcre2_get_error_message(ec, msg, sizeof(msg));
		snprintf(err, errlen, "bad pattern \"%s\" at offset %zu: %s",
		    pat, (size_t)off, (char *)msg);
		free(r);
		return NULL;
	}
	(void)pcre2_jit_compile(r->code, PCRE2_JIT_COMPLETE);
	r->md = pcre2_match_data_create_from_pattern(r->code, NULL);
	r->subj = xcalloc(1, sizeof(*r->subj));
	if (r->md == NULL) {
		fprintf(stderr, "%s: out of memory\n", progname);
		exit(2);
	}
	return r;
}

int
re_match(const struct re *r, const char *s, size_t len)
{
	struct buf	*b = r->subj;

	buf_reset(b);
	buf_grow(b, len + RE_PAD);
	memcpy(b->p, s, len);
	memset(b->p + len, 0, RE_PAD + 1);
	return pcre2_match(r->code, (PCRE2_SPTR)b->p, len, 0,
	    PCRE2_NO_UTF_CHECK, r->md, NULL) >= 0;
}

void
re_free(struct re *r)
{
	if (r == NULL)
		return;
	pcre2_match_data_free(r->md);
	pcre2_code_free(r->code);
	if (r->subj != NULL)
		buf_free(r->subj);
	free(r->subj);
	free(r);
}
