/*
 * dept: the department tree of SPEC §6 as pure logic, apart from files and
 * reports, so that it can be tested on its own. The command reads the
 * SmartHR master into a dept_set (one struct dept per record, strings
 * trimmed and in UTF-8) and the current ミキワメAI departments with
 * dept_miki_put; dept_resolve then links every record to its parent, finds
 * the structural problems, orders the records parents first and decides
 * which are accepted. It reports nothing itself: the results are fields of
 * each record, which the command turns into report rows, plan rows and
 * output.
 *
 * Nothing here recurses: depth, cycles and the order are found with
 * queues, a heap and explicit stacks, so a 5,000-level or cyclic master
 * cannot exhaust the C stack. Every step is linear in the records (the
 * order is n log n).
 *
 * Names, codes and path segments are compared after the fold of SPEC §2
 * (enc_fold); the caller trims them.
 *
 * After dept_resolve, dept_index gives every record its full path, so that
 * `employees --smarthr-departments` can find the record an employee's 部署1
 * names (dept_find) and tell from the record's fields whether
 * `departments` accepts it: the one answer for both commands.
 */
#ifndef DEPT_H
#define DEPT_H

#include <stddef.h>
#include <stdint.h>

#include "util.h"

struct table;

#define DEPT_MAX_LEVEL	10		/* the integration syncs 10 levels */
#define DEPT_NONE	((size_t)-1)

enum dept_shape {
	DEPT_STAIRCASE,			/* code, level1 … levelN */
	DEPT_FLAT			/* 部署コード, 部署名, 親部署(コード) */
};

/* Problems of a record (bits of struct dept's problems). */
#define DP_NO_CODE		0x01u
#define DP_DUP_CODE		0x02u
#define DP_NAME_MISSING		0x04u
#define DP_TOO_DEEP		0x08u
#define DP_PARENT_MISSING	0x10u
#define DP_CYCLE		0x20u
#define DP_STRUCTURAL		0x3Fu	/* all of the above */
#define DP_UNLINKED		0x40u
#define DP_NAME_CONFLICT	0x80u

/* Why the parent of a DP_PARENT_MISSING record was not found. */
enum dept_miss {
	MISS_CODE,		/* no record has the code (親部署コード) */
	MISS_NAME,		/* no record has that code or name (親部署) */
	MISS_PATH,		/* no department has that full path (親部署) */
	MISS_SLASH,		/* not a path, but the name of `other` (a '/') */
	MISS_BAD_PATH,		/* a path with an empty segment ("本部//部") */
	MISS_AMBIGUOUS,		/* two or more departments: other, other2 */
	MISS_GAP,		/* staircase: level `gap` (1-based) is empty */
	MISS_LEVEL		/* staircase: no record has the path above */
};

/* Why a name was refused (DP_NAME_CONFLICT). */
enum dept_clash {
	CLASH_EARLIER,		/* `other`, accepted earlier, took the name */
	CLASH_ABSENT,		/* ミキワメAI `miki` has it; not in the file */
	CLASH_KEPT,		/* ミキワメAI `miki` has it; its record `other`
				   keeps the name */
	CLASH_EXCLUDED,		/* ミキワメAI `miki` has it; its record `other`
				   renames it but is excluded */
	CLASH_SWAP		/* ミキワメAI `miki` has it; its record `other`
				   renames it, but that rename waits (through
				   a chain of renames) on this one */
};

enum dept_found {
	DF_NONE,			/* no such path (nor, for one level, name) */
	DF_FOUND,
	DF_AMBIGUOUS			/* two or more records */
};

enum dept_state {
	DS_UNDECIDED,
	DS_BUSY,			/* on the evaluation stack */
	DS_ACCEPTED,
	DS_EXCLUDED
};

struct dept {
	/* Filled by the caller; strings are owned by the set (freed). */
	size_t		 line;
	char		*code;		/* "" when empty, NULL when unreadable */
	char		*name;		/* own name; NULL when unreadable */
	char		**lvl;		/* staircase: levels 1..nlvl, NULL = bad */
	size_t		 nlvl;		/* staircase: last non-empty level */
	char		*pref;		/* flat: parent reference, NULL = bad */
	int		 pref_code;	/* flat: pref is a code, never a name */
	int		 broken;	/* excluded by the caller (bytes, count) */

	/* Set by dept_resolve. */
	unsigned	 problems;	/* DP_* */
	size_t		 parent;	/* the parent record or DEPT_NONE */
	size_t		 dup_parent;	/* flat: pref is the code of this
					   duplicated record (and others) */
	size_t		 depth;		/* level, 1 = top; 0 when unknown */
	size_t		 cycle;		/* DP_CYCLE: records on the cycle */
	size_t		 pos;		/* processing order or DEPT_NONE */
	enum dept_state	 state;
	size_t		 same_code;	/* next record with this code, in line
					   order, or DEPT_NONE */
	size_t		 first_code;	/* first record with this code */
	size_t		 ncode;		/* records with this code */
	enum dept_miss	 miss;		/* DP_PARENT_MISSING: why */
	size_t		 gap;		/* MISS_GAP: the empty level */
	enum dept_clash	 clash;		/* DP_NAME_CONFLICT: why */
	size_t		 other, other2;	/* records named by miss or clash */
	size_t		 miki;		/* ミキワメAI entry named by clash */

	/* Internal. */
	char		*kcode, *kname;	/* folded code and name */
	size_t		 first_child, next_sib;
	size_t		 cls, cidx;	/* name class and index in it */
	size_t		 hold;		/* next ミキワメAI holder to check */
	int		 step;		/* evaluation step */
};

/* A record's full path (dept_index), kept apart: only employees needs it. */
struct dept_path {
	char		*nkey;		/* own name as a path key */
	size_t		 nklen;
	char		*pkey;		/* staircase: the full path key */
	size_t		 pklen;
	int		 has;		/* the record has a full path */
	uint64_t	 hash;		/* of the full path key */
	size_t		 next_path;	/* next record of this hash, in line
					   order, or DEPT_NONE */
	size_t		 next_name;	/* next record of this nkey, likewise */
};

struct dept_miki {
	char		*code, *name, *parent;
	char		*kcode, *kname, *kparent;
	size_t		 next_holder;	/* next entry with the same name */
};

struct dept_set {
	enum dept_shape	 shape;
	struct dept	*d;
	size_t		 n, cap;
	struct dept_miki *m;		/* ミキワメAI departments, later wins */
	size_t		 nm, capm;
	struct table	*mcode;		/* folded code -> m index */
	size_t		*order;		/* placed records, processing order */
	size_t		 norder;
	struct dept_path *px;		/* per record, after dept_index */
	struct table	*bypath;	/* full path hash -> first record */
	struct table	*byname;	/* nkey -> first record */
	struct table	*seen;		/* dept_find: path as given -> answer */
};

struct dept_set	*dept_new(enum dept_shape);
void		 dept_free(struct dept_set *);

/* A new zeroed record at the end (records are added in line order). */
struct dept	*dept_add(struct dept_set *, size_t line);

/* A ミキワメAI department; a later entry for the same code replaces it. */
void		 dept_miki_put(struct dept_set *, const char *code,
		    const char *name, const char *parent);
const struct dept_miki *dept_miki_get(const struct dept_set *,
		    const char *code);

/* Links, checks, orders and decides every record (see the file comment). */
void		 dept_resolve(struct dept_set *);

/*
 * Splits a flat 親部署 path "本部/部" on ASCII '/' into its segments,
 * each trimmed (SPEC §2 spaces). Returns the number of segments, or 0 when
 * one is empty ("本部//部", "/部", "本部/"). The segments point into
 * *buf, which the caller frees.
 */
size_t		 dept_path_split(const char *s, char **buf, char ***seg);

/* a and b are equal after the fold (names, codes). */
int		 dept_same(const char *a, const char *b);

/*
 * The key of a department path (部署1, or a name that may hold '/'): the
 * '/'-separated parts trimmed (SPEC §2 spaces), empty parts dropped, each
 * folded, joined by '/', into out (reset). Returns the number of parts;
 * *leaf (when not NULL) is the offset of the last one in out.
 */
size_t		 dept_path_key(const char *s, size_t len, struct buf *out,
		    size_t *leaf);

/*
 * Indexes the full paths, after dept_resolve. A staircase record's full
 * path is its non-empty levels, whatever is wrong with it; a flat record
 * has one when it is placed under a top department (not when its parent is
 * missing, duplicated or on a cycle): the names from the top down. The
 * index and the answers of dept_find are linear in the records and the
 * text of the master, however deep it is.
 */
void		 dept_index(struct dept_set *);

/*
 * The record whose full path is path (a 部署1 as written: compared as
 * keys, dept_path_key). A path of one part that is no top record's path
 * may also be the name of exactly one record, anywhere and whatever its
 * state. DF_FOUND sets *rec.
 */
enum dept_found	 dept_find(struct dept_set *, const char *path, size_t len,
		    size_t *rec);

/*
 * The records path may have meant, for a message: those with that full
 * path when there is one (two or more when it is ambiguous), else those
 * named like its last part. The first max go into recs[], in line order;
 * the count returned stops at max + 1.
 */
size_t		 dept_like(const struct dept_set *, const char *path,
		    size_t len, size_t *recs, size_t max);

/* Record i's full path as written, into out (reset): 1, or 0 (none). */
int		 dept_path(const struct dept_set *, size_t i, struct buf *out);

#endif
