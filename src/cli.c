/*
 * cli: the command table and the usage messages every command shares, kept
 * out of main.c so that the commands, their unit tests and the fuzz targets
 * use the same table (and so the same accepted options) as the program.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "util.h"

#define COMMON "[-q] [-o FILE] [--errors FILE] [--plan FILE] " \
	"[--json-summary FILE]\n\t[--input-encoding ENC] [--output-encoding ENC] " \
	"[--eol crlf|lf] [--excel-safe]\n\t[--profile FILE]"

/* The commands, in the order --help lists them. */
const struct cmd cli_cmds[] = {
	{ "departments", cmd_departments,
	    "[--mikiwame-departments FILE] [--changed-only]\n\t" COMMON
	    " [SMARTHR_DEPARTMENTS]",
	    OPT_COMMON | OPT_MDEPTS | OPT_CHANGED_ONLY },
	{ "employees", cmd_employees,
	    "--match email|employee-number\n\t--mikiwame-departments FILE "
	    "[--mikiwame-departments FILE ...]\n\t[--smarthr-departments FILE] "
	    "[--mikiwame-employees FILE] [--changed-only]\n\t[--max-new N] "
	    COMMON " [SMARTHR_EMPLOYEES]",
	    OPT_COMMON | OPT_MATCH | OPT_MDEPTS | OPT_SDEPTS | OPT_MEMPS |
	    OPT_CHANGED_ONLY | OPT_MAX_NEW },
	{ "results", cmd_results,
	    "--match email|employee-number --smarthr-employees FILE\n\t" COMMON
	    " [MIKIWAME_RESULTS]",
	    OPT_COMMON | OPT_MATCH | OPT_SEMPS },
	{ "inspect", cmd_inspect,
	    "[-o FILE] [--input-encoding ENC] [--profile FILE] FILE ...",
	    OPT_OUTPUT | OPT_IENC | OPT_PROFILE },
	{ "convert", cmd_convert, COMMON " [INPUT]", OPT_COMMON },
	{ "profile", cmd_profile,
	    "[-o FILE] [--output-encoding ENC] [--eol crlf|lf] "
	    "[--profile FILE]", OPT_OUTPUT | OPT_OENC | OPT_EOL | OPT_PROFILE },
};

const size_t cli_ncmds = ARRAY_LEN(cli_cmds);

const struct cmd *
cli_find(const char *name)
{
	size_t	 i;

	for (i = 0; i < cli_ncmds; i++)
		if (strcmp(name, cli_cmds[i].name) == 0)
			return &cli_cmds[i];
	return NULL;
}

void
cmd_usage(const struct cmd *c, FILE *fp)
{
	fprintf(fp, "usage: %s %s %s\n", progname, c->name, c->synopsis);
}

int
usage_error(const struct cmd *c, const char *fmt, ...)
{
	struct buf	 m = {0};
	va_list		 ap;

	buf_printf(&m, "%s: %s: ", progname, c->name);
	va_start(ap, fmt);
	buf_vprintf(&m, fmt, ap);
	va_end(ap);
	buf_addc(&m, '\n');
	fputs_safe(m.p, stderr);
	buf_free(&m);
	cmd_usage(c, stderr);
	return 2;
}

