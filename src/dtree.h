/*
 * dtree: the ミキワメAI department tree, for finding the department an
 * employee's 部署1 (a path such as `営業本部/第一営業部`) names (SPEC §7).
 *
 * Departments are added with a code, a name and a parent code, as the
 * --mikiwame-departments files give them. A later department with the
 * same code replaces the earlier one, so that of several files the later
 * one wins. dtree_build then computes every path, and dtree_find looks a
 * path up by the whole path only; a path of one level may also be the
 * name of exactly one department anywhere. A path of two or more levels
 * is never found by its last name alone: 開発本部/企画課 is not the 企画課
 * under 営業本部. Paths compare as keys (dept_path_key: each component
 * trimmed and folded, empty components dropped), codes after the fold of
 * SPEC §2, as `departments` compares them.
 */
#ifndef DTREE_H
#define DTREE_H

#include <stddef.h>

#include "util.h"

enum dtree_found {
	DT_NONE,		/* no such path (nor, for one level, name) */
	DT_FOUND,
	DT_AMBIGUOUS		/* the path, or a one-level name, is not
				   unique */
};

struct dtree;

struct dtree	*dtree_new(void);
void		 dtree_free(struct dtree *);

/*
 * Adds the department code (an empty code is kept, but never found by
 * code) under the department whose code is parent ("" for a top one).
 */
void		 dtree_add(struct dtree *, const char *code, const char *name,
		    const char *parent);

/* Resolves parents (a cycle is cut) and indexes paths and names. */
void		 dtree_build(struct dtree *);

/* Finds a path's department; *id is set when DT_FOUND. */
enum dtree_found dtree_find(struct dtree *, const char *path, size_t len,
		    size_t *id);

/*
 * The departments a path may have meant, for a message: those with that
 * whole path when there is one (two or more when it is ambiguous), else
 * those whose name is the path's last level. The first max go into ids[],
 * in the order they were added; the count returned stops at max + 1, so
 * that "and more" can be told without walking a long list.
 */
size_t		 dtree_like(const struct dtree *, const char *path, size_t len,
		    size_t *ids, size_t max);

/* The department's path from the top as written, '/'-joined, into out. */
void		 dtree_path(const struct dtree *, size_t id, struct buf *out);

/* The department with this code: 1 and *id, or 0. */
int		 dtree_by_code(const struct dtree *, const char *code,
		    size_t *id);

const char	*dtree_code(const struct dtree *, size_t id);
const char	*dtree_name(const struct dtree *, size_t id);
const char	*dtree_parent(const struct dtree *, size_t id); /* as given */
size_t		 dtree_count(const struct dtree *);

#endif
