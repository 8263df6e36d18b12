/*
 * smaster: the SmartHR department master (SPEC §6), read one way for the
 * two commands that take it, so that they cannot disagree about it:
 * `departments` turns it into the ミキワメAI import, and `employees
 * --smarthr-departments` finds an employee's 部署1 in it. It maps the
 * header (the code, name and parent columns, the level columns in the
 * order of their numbers), tells the shape (staircase or flat) from it,
 * and reads every record into a dept_set: trimmed UTF-8 strings, the
 * staircase levels up to the last non-empty one, the flat 親部署コード or,
 * where it is empty, 親部署. dept_resolve then decides the records for
 * both commands alike.
 *
 * The master is the primary input of `departments`: a record with invalid
 * bytes or a wrong field count is reported and excluded, as is one whose
 * code or name the output encoding cannot hold. For `employees` it is a
 * reference file (strict): such a record is an input error, exit 2.
 */
#ifndef SMASTER_H
#define SMASTER_H

#include "dept.h"
#include "flow.h"

enum smaster_role {
	SM_CODE,			/* department_code */
	SM_NAME,			/* department_name (flat) */
	SM_PCODE,			/* parent_department_code (flat) */
	SM_PREF,			/* parent_department (flat) */
	SM_NROLES
};

struct smaster {
	struct flow	*f;
	struct input	*in;		/* the master; the caller closes it
					   (and may then set in to NULL) */
	int		 strict;	/* a reference file (see above) */
	struct dept_set	*set;		/* the records */
	int		 col[SM_NROLES];	/* column of each role, or -1 */
	int		*lvcol;		/* staircase: level columns, in order */
	size_t		 nlv;
	unsigned long	*codes;		/* per record: read-time diag codes */
	size_t		 capcodes;	/* room in codes */
	struct buf	 b;		/* a field */
};

/*
 * Maps in's header and tells the shape; a master with no records yet.
 * NULL with the reason in f->err (no shape, both shapes, two level
 * columns with one number, a missing code column).
 */
struct smaster	*smaster_new(struct flow *, struct input *in, int strict);
void		 smaster_free(struct smaster *);

/*
 * Reads every record of the master into the set. Not strict, each record
 * counts for the summary (diag_record), and flow_outputs must have been
 * called (a code or name the output cannot hold excludes the record).
 * 0, or -1 with f->err: a CSV error, or when strict, the first record
 * with invalid bytes or a wrong field count.
 */
int		 smaster_read(struct smaster *);

/* The header of column col, "" when there is none (-1, or in NULL). */
const char	*smaster_hdr(const struct smaster *, int col);

#endif
