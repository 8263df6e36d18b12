/*
 * diag: every diagnostic of every command goes through here. One table of
 * codes with their severity and their Japanese meaning (the man page lists
 * the same), the rows of the error report, the rows of the plan, the
 * counts of the summary and of --json-summary, and the exit status they
 * imply. Lower layers never call diag; they return statuses that the
 * command turns into rows here.
 */
#ifndef DIAG_H
#define DIAG_H

#include <stddef.h>
#include <stdio.h>

#include "csvout.h"

enum diag_code {
	CSV_FIELD_COUNT,
	ENCODING_INVALID,
	ENCODING_UNREPRESENTABLE,
	DEPT_NO_CODE,
	DEPT_DUPLICATE_CODE,
	DEPT_NAME_MISSING,
	DEPT_TOO_DEEP,
	DEPT_PARENT_MISSING,
	DEPT_CYCLE,
	DEPT_PARENT_UNLINKED,
	DEPT_NAME_CONFLICT,
	EMP_NAME_MISSING,
	EMP_KANA_MISSING,
	EMP_EMAIL_MISSING,
	EMP_EMAIL_INVALID,
	EMP_EMAIL_DUPLICATE,
	EMP_DEPARTMENT_UNREGISTERED,
	EMP_NUMBER_MISSING,
	EMP_NUMBER_DUPLICATE,
	EMP_EMAIL_CHANGED,
	EMP_DATE_INVALID,
	EMP_NUMBER_SUSPICIOUS,
	EMP_NUMBER_ZEROS_LOST,
	EMP_NUMBER_BLANKED,
	EMP_FIELD_BLANKED,
	EMP_RETIRED_CLEARED,
	RES_NO_MATCH,
	RES_AMBIGUOUS_MATCH,
	RES_NO_EMPLOYEE_NUMBER,
	RES_DATE_INVALID,
	RES_SCORE_INVALID,
	RES_NUMBER_ZEROS_LOST,
	DIAG_NCODES
};

enum diag_sev {
	SEV_EXCLUDE,		/* 除外: the record is not written */
	SEV_WARN		/* 警告: written, but look at it */
};

const char	*diag_code_name(enum diag_code);
enum diag_sev	 diag_code_sev(enum diag_code);
const char	*diag_code_text(enum diag_code);	/* the default message */

/* Plan actions (SPEC §4). */
#define ACT_NEW		"新規"
#define ACT_UPDATE	"更新"
#define ACT_SAME	"変更なし"
#define ACT_EXCLUDE	"除外"
#define ACT_OPTOUT	"対象外"
#define ACT_UNKNOWN	"未登録"
#define ACT_OLDER	"古い結果"
#define ACT_SYNC	"連携"
#define ACT_ABSENT	"SmartHRになし"	/* in ミキワメAI only: never written */

struct diag;

struct diag	*diag_new(const char *command);
void		 diag_free(struct diag *);

/* Report rows go to the CSV report if set, else to stderr as INPUT:LINE:. */
void		 diag_set_report(struct diag *, struct csvout *);
void		 diag_set_plan(struct diag *, struct csvout *);
void		 diag_set_input(struct diag *, const char *name, const char *enc);

/*
 * Adds a report row. fmt (printf, UTF-8) is the message; NULL uses the
 * code's default text. key, name and field may be NULL. A second row of
 * the same line and code joins the first (項目 joined by '・').
 */
void		 diag_add(struct diag *, size_t line, enum diag_code,
		    const char *key, const char *name, const char *field,
		    const char *fmt, ...) __attribute__((format(printf, 7, 8)));

void		 diag_vadd(struct diag *, size_t line, enum diag_code,
		    const char *key, const char *name, const char *field,
		    const char *fmt, va_list) __attribute__((format(printf, 7, 0)));

/* The rows added since mark: has one excluded? their codes, ';'-joined. */
size_t		 diag_mark(const struct diag *);
int		 diag_excluded_since(const struct diag *, size_t mark);
void		 diag_codes_since(const struct diag *, size_t mark, struct buf *);

/* One plan row; counts the action. Returns -1 on a write error. */
int		 diag_plan(struct diag *, size_t line, const char *key,
		    const char *name, const char *action, const char *codes,
		    const char *changes);

void		 diag_record(struct diag *);	/* one input record read */
void		 diag_notice(struct diag *, const char *fmt, ...)
		    __attribute__((format(printf, 2, 3)));
void		 diag_destination(struct diag *, const char *what,
		    const char *where);

/* 1 when the report has rows, else 0. */
int		 diag_status(const struct diag *);

/* Sorts and writes the report (to the CSV or stderr); -1 on write error. */
int		 diag_write_report(struct diag *);
void		 diag_summary(const struct diag *, FILE *);
int		 diag_json(const struct diag *, FILE *, int exitcode);

#endif
