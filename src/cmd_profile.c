/*
 * profile: prints the profile in use (the built-in one, with --profile's
 * rows applied) as the CSV that --profile reads (SPEC §5).
 */
#include <string.h>

#include "flow.h"

int
cmd_profile(const struct cmd *c, struct opts *o)
{
	static const char *const hdr[] = { "section", "key", "value" };
	static const char *const names[] = { "section", "key", "value" };
	struct flow	 f;
	const char	*row[3];
	size_t		 i, len[3];
	int		 rc;

	if ((rc = flow_init(&f, c, o)) != 0)
		goto out;
	if (o->nargs > 0) {
		rc = usage_error(c, "no operands expected");
		goto out;
	}
	if ((rc = flow_outputs(&f, hdr, 3)) != 0)
		goto out;
	for (i = 0; i < profile_count(f.prof); i++) {
		profile_row(f.prof, i, &row[0], &row[1], &row[2]);
		len[0] = strlen(row[0]);
		len[1] = strlen(row[1]);
		len[2] = strlen(row[2]);
		if (flow_write(&f, row, len, 3, i + 2, names, row[1],
		    NULL) == -1) {
			rc = flow_fail(&f, "%s", f.err.p);
			goto out;
		}
	}
	o->quiet = 1;
	rc = flow_finish(&f, 0);
out:
	flow_free(&f);
	return rc;
}
