/*
 * cli: the usage messages every command shares, kept out of main.c so that
 * the commands (and their unit tests) can use them without the table.
 */
#include <stdarg.h>
#include <stdio.h>

#include "cli.h"
#include "util.h"

void
cmd_usage(const struct cmd *c, FILE *fp)
{
	fprintf(fp, "usage: %s %s %s\n", progname, c->name, c->synopsis);
}

int
usage_error(const struct cmd *c, const char *fmt, ...)
{
	va_list	 ap;

	fprintf(stderr, "%s: %s: ", progname, c->name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	cmd_usage(c, stderr);
	return 2;
}

