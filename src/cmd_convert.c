/*
 * convert: the same CSV in another encoding (SPEC §9b). Every field is
 * decoded and re-encoded; nothing is trimmed, field counts are kept as
 * they are. A record that cannot be read or written whole is left out and
 * reported, never written with a '?' or a dropped byte.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "flow.h"

int
cmd_convert(const struct cmd *c, struct opts *o)
{
	struct flow	 f;
	struct rec	*r;
	struct buf	*fb = NULL, key = {0};
	const char	**fld = NULL, **names = NULL;
	size_t		*len = NULL, cap = 0, i, mark;
	int		 rc, k, bad;

	if ((rc = flow_init(&f, c, o)) != 0)
		goto out;
	if (o->nargs > 1) {
		rc = usage_error(c, "one INPUT at most");
		goto out;
	}
	if ((f.in = flow_input(&f, o->nargs ? o->args[0] : "-")) == NULL) {
		rc = flow_fail(&f, "%s", f.err.p);
		goto out;
	}
	f.in->keep_empty = 1;	/* convert keeps every record */
	if ((rc = flow_outputs(&f, (const char *const *)f.in->hdr,
	    f.in->nh)) != 0)
		goto out;
	while ((k = input_next(f.in, &r, &f.err)) == 1) {
		diag_record(f.diag);
		if (r->nf > cap) {
			fb = xreallocarray(fb, r->nf, sizeof(*fb));
			memset(fb + cap, 0, (r->nf - cap) * sizeof(*fb));
			fld = xreallocarray(fld, r->nf, sizeof(*fld));
			len = xreallocarray(len, r->nf, sizeof(*len));
			names = xreallocarray(names, r->nf, sizeof(*names));
			cap = r->nf;
		}
		mark = diag_mark(f.diag);
		bad = 0;
		for (i = 0; i < r->nf; i++) {
			if (input_field(&f, f.in, r, (int)i, 0, &fb[i], NULL,
			    NULL) == -1)
				bad = 1;
			fld[i] = fb[i].p ? fb[i].p : "";
			len[i] = fb[i].len;
			names[i] = i < f.in->nh ? f.in->hdr[i] : "";
		}
		if (!bad && flow_write(&f, fld, len, r->nf, r->line, names,
		    NULL, NULL) == -1) {
			rc = flow_fail(&f, "%s", f.err.p);
			goto out;
		}
		buf_reset(&key);
		diag_codes_since(f.diag, mark, &key);
		if (diag_plan(f.diag, r->line, NULL, NULL,
		    diag_excluded_since(f.diag, mark) ? ACT_EXCLUDE : ACT_SYNC,
		    key.p, NULL) == -1) {
			rc = flow_fail(&f, "%s: write error: %s", o->plan,
			    strerror(errno));
			goto out;
		}
	}
	if (k == -1) {
		rc = flow_fail(&f, "%s", f.err.p);
		goto out;
	}
	rc = flow_finish(&f, 0);
out:
	for (i = 0; i < cap; i++)
		buf_free(&fb[i]);
	free(fb);
	free(fld);
	free(len);
	free(names);
	buf_free(&key);
	flow_free(&f);
	return rc;
}
