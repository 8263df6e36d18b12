/*
 * re: PCRE2 with UTF and UCP, JIT when the platform has it. Subjects are
 * always valid UTF-8 (decoded fields), so PCRE2's own UTF check is skipped.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "re.h"
#include "util.h"

/* PCRE2's JIT may read a few bytes past the subject's end. */
#define RE_PAD	64

struct re {
	pcre2_code		*code;
	pcre2_match_data	*md;
	char			*pat;	/* the pattern, for messages */
	struct buf		 subj;	/* the subject, then RE_PAD zero bytes */
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
	r->pat = xstrdup(pat);
	(void)pcre2_jit_compile(r->code, PCRE2_JIT_COMPLETE);
	r->md = pcre2_match_data_create_from_pattern(r->code, NULL);
	if (r->md == NULL)
		fatal("out of memory");
	return r;
}

/*
 * The subject is matched from a copy followed by zero bytes: the JIT's
 * look-ahead then reads defined memory, which keeps valgrind quiet without
 * giving up the JIT. Subjects are fields and headers, so the copy is short.
 */
int
re_match(struct re *r, const char *s, size_t len)
{
	PCRE2_UCHAR	 msg[256];
	size_t		 show = len;
	int		 rc;

	buf_reset(&r->subj);
	buf_grow(&r->subj, len + RE_PAD);
	memcpy(r->subj.p, s, len);
	memset(r->subj.p + len, 0, RE_PAD);
	rc = pcre2_match(r->code, (PCRE2_SPTR)r->subj.p, len, 0,
	    PCRE2_NO_UTF_CHECK, r->md, NULL);
	if (rc >= 0)
		return 1;
	if (rc == PCRE2_ERROR_NOMATCH)
		return 0;
	/*
	 * A limit (matching, depth, heap) or another error is no answer:
	 * taken for "no match", it would turn a header into a missing column
	 * or a retired employee into a working one, in silence.
	 */
	pcre2_get_error_message(rc, msg, sizeof(msg));
	if (show > 80)		/* at most 80 bytes, cut between characters */
		for (show = 80; show > 0 && (s[show] & 0xC0) == 0x80; show--)
			continue;
	fatal("the pattern \"%s\" could not be matched against \"%.*s\"%s: "
	    "%s (PCRE2 error %d); simplify the pattern in the profile", r->pat,
	    (int)show, s, show < len ? "..." : "", (char *)msg, rc);
}

void
re_free(struct re *r)
{
	if (r == NULL)
		return;
	pcre2_match_data_free(r->md);
	free(r->pat);
	buf_free(&r->subj);
	pcre2_code_free(r->code);
	free(r);
}
