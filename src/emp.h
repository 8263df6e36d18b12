/*
 * emp: one SmartHR employee record in the ミキワメAI employee format
 * (SPEC §7) — the input roles and output columns, the per-field rules
 * (business name first, kana, 社員番号 and メールアドレス width, gender,
 * dates, employment types, the retired flag) and the checks that need no
 * other record. What needs other records or files (duplicates, the
 * department, matching) is the command's; so are the messages, which
 * name the input's own headers.
 *
 * Everything here is pure: text in, text and problem codes out, so that
 * tests/unit/t_emp.c can check every rule without a file.
 */
#ifndef EMP_H
#define EMP_H

#include <stddef.h>

#include "diag.h"
#include "profile.h"
#include "util.h"

/* SmartHR input roles (profile section smarthr_column). */
enum emp_role {
	ER_NUMBER, ER_LAST, ER_FIRST, ER_LAST_KANA, ER_FIRST_KANA,
	ER_BLAST, ER_BFIRST, ER_BLAST_KANA, ER_BFIRST_KANA, ER_GENDER, ER_BIRTH, ER_DEPT, ER_POSITION,
	ER_JOINED, ER_RETIRED, ER_EMPTYPE, ER_EMAIL, ER_STATUS, ER_OPTOUT,
	ER_N
};

/* Output columns, in the order they are written (output_column roles). */
enum emp_col {
	EC_NUMBER, EC_LAST, EC_FIRST, EC_LAST_KANA, EC_FIRST_KANA, EC_GENDER,
	EC_BIRTH, EC_DEPT, EC_POSITION, EC_JOINED, EC_RETIRED, EC_EMPTYPE,
	EC_EMAIL, EC_RFLAG, EC_N
};

#define ER_BIT(r)	(1u << (r))

extern const char *const	emp_role_name[ER_N];	/* smarthr_column */
extern const char *const	emp_col_role[EC_N];	/* output/mikiwame_column */
extern const enum emp_role	emp_col_src[EC_N];	/* role a column needs */

/* The profile's rules, prepared once. */
struct emp_pair {
	char		*key;		/* normalized SmartHR value */
	const char	*value;		/* ミキワメAI value (the profile's) */
};

struct emp_rules {
	const char	*date_format;	/* YYYY/MM/DD or YYYY-MM-DD */
	const char	*retired_flag;	/* "1" */
	const char	*opt_out;	/* 連携しない */
	const char	*etype_other;	/* the `*` row: その他 */
	struct re	*retired;	/* retired_status */
	struct re	*email;		/* local@domain.tld */
	struct emp_pair	*etype, *gender;
	size_t		 netype, ngender;
	size_t		 capetype, capgender;	/* room in etype, gender */
	int		 number_mode;	/* --match employee-number */
};

/* 0, or -1 with err set when an option of the profile is unusable. */
int	emp_rules_init(struct emp_rules *, const struct profile *,
	    int number_mode, struct buf *err);
void	emp_rules_free(struct emp_rules *);

/*
 * One record's input: v[r] is the trimmed UTF-8 value of role r ("" when
 * the column is absent or empty); a bit of bad marks a role whose bytes
 * were invalid, so that no rule judges a value it could not read.
 */
struct emp_in {
	const char	*v[ER_N];
	size_t		 len[ER_N];
	unsigned	 bad;		/* ER_BIT(role) */
};

/* A problem: its code and the input roles it concerns. */
struct emp_problem {
	enum diag_code	 code;
	unsigned	 roles;		/* ER_BIT(role) ... */
};

#define EMP_MAXPROB	8

struct emp_out {
	struct buf	 v[EC_N];	/* output values; EC_DEPT is left empty */
	enum emp_role	 src[EC_N];	/* the role each value came from */
	int		 other;		/* employment type sent as the fallback */
	struct emp_problem prob[EMP_MAXPROB];
	size_t		 nprob;
};

/* Does 在籍状況 say 退職 (retired_status)? */
int	emp_retired(const struct emp_rules *, const char *, size_t);

/* Is the opt-out value 連携しない? */
int	emp_opted_out(const struct emp_rules *, const char *, size_t);

/* Maps one record and lists its problems (see the codes in emp.c). */
void	emp_map(const struct emp_rules *, const struct emp_in *,
	    struct emp_out *);
void	emp_out_free(struct emp_out *);

/* Does a 社員番号 look mangled by a spreadsheet (1.23E+05, 123.0)? */
int	emp_number_suspicious(const char *, size_t);

/*
 * The zero-padding rule of EMP_NUMBER_SUSPICIOUS: the all-digit 社員番号
 * of a file counted by width (longer than EMP_MAXW: not counted), the
 * width that more than half of them share when some of those start with
 * 0 (emp_widths_padded: 5 for 00001, 00002 …; else 0), and whether a
 * number is all digits and shorter than that (emp_number_short: 1).
 */
#define EMP_MAXW	32
struct emp_widths {
	size_t		 n[EMP_MAXW + 1], zero[EMP_MAXW + 1], total;
};
void	emp_widths_add(struct emp_widths *, const char *, size_t);
size_t	emp_widths_padded(const struct emp_widths *);
int	emp_number_short(size_t padded, const char *, size_t);

/*
 * Compares the written columns (written[c] set) of o with a ミキワメAI
 * employee's current values old[c] (NULL: the ミキワメAI file has no such
 * column, read as empty), each after the normalization of its column:
 * dates parsed and written as date_format, kana normalized, 社員番号 and
 * メールアドレス in their key forms, everything else after key_name.
 * Appends "項目: 旧 → 新" for each difference, joined by "; ", with hdr[c]
 * as 項目; returns the number of differences.
 */
size_t	emp_diff(const struct emp_rules *, const struct emp_out *,
	    const int *written, const char *const *old,
	    const char *const *hdr, struct buf *out);

#endif
