/*
 * res: the pure rules of the results flow (SPEC §8), kept apart from the
 * reading and writing so that they can be tested alone: which of an
 * employee's results is the latest, and whether a trait value is a number.
 */
#ifndef RES_H
#define RES_H

#include <stddef.h>
#include <stdint.h>

#include "date.h"
#include "util.h"

/*
 * The results of one employee, fed in line order. The latest 受検日 wins;
 * a 受検日 without a time counts as 00:00 of its day; on an equal date and
 * time the later record (the larger line) wins. A result whose 受検日 is
 * not a date cannot be ordered, and then none of the employee's results
 * may be called the latest.
 *
 * results keeps one per employee, so it is 24 bytes instead of 56: the
 * 受検日 is packed (res_pick_date gives it back) and lines are 32-bit
 * (results refuses a file of more lines; so n cannot overflow either).
 */
struct res_pick {
	long long	 best;		/* latest 受検日: date_cmp order, and
					   whether it had a time (low bit) */
	uint32_t	 best_line;	/* its line; 0 = none yet */
	uint32_t	 bad_line;	/* first line without a date, or 0 */
	uint32_t	 n;		/* results seen */
};

/*
 * Adds the result on line (lines increase, at most UINT32_MAX); d NULL:
 * not a date.
 */
void	res_pick_add(struct res_pick *, const struct date *d, size_t line);

/* The 受検日 of the latest result so far (best_line != 0). */
void	res_pick_date(const struct res_pick *, struct date *);

/* The line of the latest result, or 0 when there is none or no order. */
size_t	res_pick_latest(const struct res_pick *);

/* Does the result (a, line la) win over (b, lb)? */
int	res_newer(const struct date *a, size_t la, const struct date *b,
	    size_t lb);

/*
 * Is s (UTF-8, trimmed) a trait value: empty, or digits with at most one
 * '.' between digits and an optional leading '-'? Full-width digits, '.'
 * and '-' count as their ASCII forms. On success out (reset first) holds
 * the value to write: the same characters, full-width folded to ASCII,
 * nothing else changed (57.0 stays 57.0, 007 stays 007). 0 or -1.
 */
int	res_score(const char *s, size_t len, struct buf *out);

#endif
