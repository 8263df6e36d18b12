/*
 * employees: SPEC §7. Not built yet: it answers with a clear message and
 * exit status 2 rather than pretending to work.
 */
#include <stdio.h>

#include "cli.h"
#include "util.h"

int
cmd_employees(const struct cmd *c, struct opts *o)
{
	(void)o;
	fprintf(stderr, "%s: %s: not implemented yet in this version\n",
	    progname, c->name);
	return 2;
}
