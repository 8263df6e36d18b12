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
	    OPT_COMMON | OPT_MDEPTS | OPT_CHANGED_ONLY,
	    "the SmartHR department master to the ミキワメAI department "
	    "import" },
	{ "employees", cmd_employees,
	    "--match email|employee-number\n\t--mikiwame-departments FILE "
	    "[--mikiwame-departments FILE ...]\n\t[--smarthr-departments FILE] "
	    "[--mikiwame-employees FILE] [--changed-only]\n\t[--max-new N] "
	    COMMON " [SMARTHR_EMPLOYEES]",
	    OPT_COMMON | OPT_MATCH | OPT_MDEPTS | OPT_SDEPTS | OPT_MEMPS |
	    OPT_CHANGED_ONLY | OPT_MAX_NEW,
	    "the SmartHR employee export to the ミキワメAI employee import" },
	{ "results", cmd_results,
	    "--match email|employee-number --smarthr-employees FILE\n\t" COMMON
	    " [MIKIWAME_RESULTS]",
	    OPT_COMMON | OPT_MATCH | OPT_SEMPS,
	    "each employee's latest ミキワメAI result to SmartHR's bulk "
	    "update" },
	{ "inspect", cmd_inspect,
	    "[-o FILE] [--input-encoding ENC] [--profile FILE] FILE ...",
	    OPT_OUTPUT | OPT_IENC | OPT_PROFILE,
	    "describe each FILE: encoding, kind, the role of each column, "
	    "problems" },
	{ "convert", cmd_convert, COMMON " [INPUT]", OPT_COMMON,
	    "re-encode any CSV, never dropping or replacing a character" },
	{ "profile", cmd_profile,
	    "[-o FILE] [--output-encoding ENC] [--eol crlf|lf] "
	    "[--profile FILE]", OPT_OUTPUT | OPT_OENC | OPT_EOL | OPT_PROFILE,
	    "print the header patterns and value maps as CSV" },
};

/* Every option, one line each, for COMMAND --help (the man page's words). */
static const struct {
	unsigned	 bit;
	const char	*spelling, *what;
} options[] = {
	{ OPT_MATCH, "--match email|employee-number",
	    "the key that finds a person: the address or the 社員番号; "
	    "required (manual, 手順4)" },
	{ OPT_MDEPTS, "--mikiwame-departments FILE",
	    "ミキワメAI's current department export (employees: required, may "
	    "be given again, e.g. with the departments import)" },
	{ OPT_SDEPTS, "--smarthr-departments FILE",
	    "the SmartHR department master: 部署1 is found in it, and its "
	    "部署コード in ミキワメAI" },
	{ OPT_MEMPS, "--mikiwame-employees FILE",
	    "ミキワメAI's current employee export: 新規, 更新 or 変更なし, and the "
	    "checks of addresses, numbers and blanked fields" },
	{ OPT_SEMPS, "--smarthr-employees FILE",
	    "the SmartHR employee export: the 社員番号 written and the opt-outs; "
	    "required" },
	{ OPT_CHANGED_ONLY, "--changed-only",
	    "leave out the records that would not change (needs the current "
	    "ミキワメAI export)" },
	{ OPT_MAX_NEW, "--max-new N",
	    "if more than N records would be 新規, write no output and exit 3 "
	    "(default: no limit)" },
	{ OPT_OUTPUT, "-o, --output FILE",
	    "where to write (default: standard output)" },
	{ OPT_ERRORS, "--errors FILE",
	    "the error report, one row per record and problem (default: the "
	    "rows on standard error)" },
	{ OPT_PLAN, "--plan FILE",
	    "the plan: one row per record and what becomes of it" },
	{ OPT_JSON, "--json-summary FILE", "the run's counts as JSON" },
	{ OPT_IENC, "--input-encoding ENC",
	    "auto, utf-8 or cp932 (sjis, shift_jis, windows-31j, ms932) "
	    "(default: auto)" },
	{ OPT_OENC, "--output-encoding ENC",
	    "utf-8, utf-8-bom or cp932 (default: the input's)" },
	{ OPT_EOL, "--eol crlf|lf", "line ends written (default: crlf)" },
	{ OPT_EXCEL, "--excel-safe",
	    "prefix output cells starting with = + - @ TAB CR with ' "
	    "(default: off; always on for the report and plan)" },
	{ OPT_PROFILE, "--profile FILE",
	    "mapping overrides, rows of mikibridge profile's CSV (default: "
	    "the built-in profile)" },
	{ OPT_QUIET, "-q, --quiet", "print no summary on standard error" },
};

void
cmd_help(const struct cmd *c, FILE *fp)
{
	size_t	 i;

	cmd_usage(c, fp);
	fprintf(fp, "\n%s %s: %s.\n\noptions:\n", progname, c->name,
	    c->what);
	for (i = 0; i < ARRAY_LEN(options); i++)
		if (c->accepts & options[i].bit)
			fprintf(fp, "  %-30s %s\n", options[i].spelling,
			    options[i].what);
	fprintf(fp, "  %-30s %s\n", "-h, --help", "print this help");
	fprintf(fp, "\nThe manual: man mikibridge (Japanese: man -L ja "
	    "mikibridge).\n");
}

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

