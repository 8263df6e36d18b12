/*
 * profile: the mapping defaults of SPEC §5 as one table of
 * (section, key, value) rows — header patterns per role, output headers,
 * the employment-type table, the gender map and options — plus the
 * overrides a --profile file gives, and the matching of a file's headers
 * to roles.
 */
#ifndef PROFILE_H
#define PROFILE_H

#include <stddef.h>
#include <stdio.h>

#include "util.h"

struct profile;

struct profile	*profile_builtin(void);
/* Applies a --profile file; -1 with err filled ("FILE:LINE: ...") on error. */
int		 profile_load(struct profile *, const char *path, struct buf *err);
void		 profile_free(struct profile *);

/* Writes the profile as CSV rows of UTF-8 (section,key,value). */
size_t		 profile_count(const struct profile *);
void		 profile_row(const struct profile *, size_t i,
		    const char **section, const char **key, const char **value);

/* The value of a single-valued row, or NULL. */
const char	*profile_get(const struct profile *, const char *section,
		    const char *key);

/* Does the normalized header match one of role's patterns in section? */
int		 profile_claims(struct profile *, const char *section,
		    const char *role, const char *hdr, size_t len);

/* The accepted header names of a role, for messages: "姓, 氏" */
void		 profile_accepted(const struct profile *, const char *section,
		    const char *role, struct buf *out);

/*
 * A column that no role (and no `ignore` pattern) claims but that resembles
 * role[role], which took no column: it carries words.
 */
struct profile_lookalike {
	size_t		 col;
	size_t		 role;
	const char	*words;		/* "部署 with level 1" */
};

/*
 * Finds up to max look-alikes among the normalized headers hdr[0..nh),
 * given the roles role[0..nr) and the columns col[] that profile_map gave
 * them; only the smarthr_column section has look-alike rules. Returns how
 * many it found.
 */
size_t		 profile_lookalikes(struct profile *, const char *section,
		    const char *const *role, size_t nr, const int *col,
		    const char *const *hdr, size_t nh,
		    struct profile_lookalike *out, size_t max);

/* Appends s with PCRE2's metacharacters escaped. */
void		 profile_regex_quote(const char *s, struct buf *out);

/*
 * Maps the normalized headers hdr[0..nh) to the roles role[0..nr): col[r]
 * gets the column of role r or -1. A role claimed by two columns, or a
 * required role (req[r] set) without one, is an error: -1 and a message in
 * err that names the role, the accepted names and the headers found.
 * A column is claimed by the first role in role[] that matches it. A
 * look-alike (profile_lookalikes) is an error too, found before a missing
 * required role, with a message that names the profile rows that would
 * map it or ignore it.
 */
int		 profile_map(struct profile *, const char *section,
		    const char *const *role, const int *req, size_t nr,
		    const char *const *hdr, size_t nh, int *col,
		    struct buf *err);

#endif
