/*
 * cli: the options of SPEC §1, parsed once for every command, and the
 * command table. Options that belong to one command are parsed by the same
 * parser; a command refuses those it does not take, with the same message.
 */
#ifndef CLI_H
#define CLI_H

#include <stddef.h>
#include <stdio.h>

#include "enc.h"

/* Command-specific options, as bits of struct cmd's accepts. */
#define OPT_MATCH		0x01
#define OPT_MDEPTS		0x02
#define OPT_SDEPTS		0x04
#define OPT_MEMPS		0x08
#define OPT_SEMPS		0x10
#define OPT_CHANGED_ONLY	0x20
#define OPT_MAX_NEW		0x40
/* Common options (SPEC §1), refused by a command whose synopsis lacks them. */
#define OPT_OUTPUT		0x0080
#define OPT_ERRORS		0x0100
#define OPT_PLAN		0x0200
#define OPT_JSON		0x0400
#define OPT_IENC		0x0800
#define OPT_OENC		0x1000
#define OPT_EOL			0x2000
#define OPT_EXCEL		0x4000
#define OPT_PROFILE		0x8000
#define OPT_QUIET		0x10000
#define OPT_COMMON		(OPT_OUTPUT | OPT_ERRORS | OPT_PLAN | OPT_JSON | \
				 OPT_IENC | OPT_OENC | OPT_EOL | OPT_EXCEL | \
				 OPT_PROFILE | OPT_QUIET)

struct opts {
	const char	 *output;	/* -o; NULL = standard output */
	const char	 *errors;	/* --errors */
	const char	 *plan;		/* --plan */
	const char	 *json;		/* --json-summary */
	const char	 *profile;	/* --profile */
	enum enc	  in_enc;	/* --input-encoding */
	enum enc	  out_enc;	/* --output-encoding, if out_enc_set */
	int		  out_enc_set;
	int		  crlf;		/* --eol */
	int		  excel_safe;
	int		  quiet;
	const char	 *match;	/* --match */
	const char	**mdepts;	/* --mikiwame-departments, in order */
	size_t		  nmdepts, capmdepts;
	const char	 *sdepts;	/* --smarthr-departments */
	const char	 *memps;	/* --mikiwame-employees */
	const char	 *semps;	/* --smarthr-employees */
	int		  changed_only;
	long		  max_new;	/* -1 when not given */
	unsigned	  given;	/* OPT_* bits seen */
	char		**args;		/* operands */
	int		  nargs;
};

struct cmd {
	const char	 *name;
	int		(*run)(const struct cmd *, struct opts *);
	const char	 *synopsis;	/* as in the man page, after the name */
	unsigned	  accepts;	/* OPT_* bits */
	const char	 *what;		/* one line: what the command does */
};

/*
 * COMMAND --help and mikibridge help COMMAND: the usage, what the command
 * does, and every option it accepts with one line on what it does and
 * its default.
 */
void	cmd_help(const struct cmd *, FILE *);

/* The command table (cli.c), shared by main and the fuzz targets. */
extern const struct cmd	 cli_cmds[];
extern const size_t	 cli_ncmds;
const struct cmd	*cli_find(const char *name);

int	cmd_convert(const struct cmd *, struct opts *);
int	cmd_inspect(const struct cmd *, struct opts *);
int	cmd_profile(const struct cmd *, struct opts *);
int	cmd_departments(const struct cmd *, struct opts *);
int	cmd_employees(const struct cmd *, struct opts *);
int	cmd_results(const struct cmd *, struct opts *);

/* Prints the command's synopsis as "usage: ...". */
void	cmd_usage(const struct cmd *, FILE *);

/* Prints "mikibridge: CMD: message" and returns 2, for usage errors. */
int	usage_error(const struct cmd *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));

#endif
