/*
 * res: latest-result picking and trait-value checks (SPEC §8).
 */
#include <string.h>

#include "norm.h"
#include "res.h"

int
res_newer(const struct date *a, size_t la, const struct date *b, size_t lb)
{
	int	 c = date_cmp(a, b);

	return c != 0 ? c > 0 : la > lb;
}

/*
 * A date as date_key times two plus whether it had a time; years have four
 * digits (date_parse), so it fits in 48 bits.
 */
static long long
pack(const struct date *d)
{
	return date_key(d) * 2 + (d->has_time != 0);
}

void
res_pick_date(const struct res_pick *p, struct date *d)
{
	long long	 k = p->best / 2;

	d->has_time = (int)(p->best % 2);
	d->ss = (int)(k % 100);
	d->mi = (int)(k / 100 % 100);
	d->hh = (int)(k / 10000 % 100);
	k /= 1000000;
	d->d = (int)(k % 100);
	d->m = (int)(k / 100 % 100);
	d->y = (int)(k / 10000);
}

void
res_pick_add(struct res_pick *p, const struct date *d, size_t line)
{
	struct date	 best;

	p->n++;
	if (d == NULL) {
		if (p->bad_line == 0)
			p->bad_line = (uint32_t)line;
		return;
	}
	if (p->best_line != 0) {
		res_pick_date(p, &best);
		if (!res_newer(d, line, &best, p->best_line))
			return;
	}
	p->best = pack(d);
	p->best_line = (uint32_t)line;
}

size_t
res_pick_latest(const struct res_pick *p)
{
	return p->bad_line != 0 ? 0 : p->best_line;
}

int
res_score(const char *s, size_t len, struct buf *out)
{
	size_t	 i = 0, digits = 0;
	int	 dot = 0;

	buf_reset(out);
	norm_ascii(s, len, out);
	if (out->len == 0)
		return 0;
	if (out->p[0] == '-')
		i++;
	for (; i < out->len; i++) {
		if (out->p[i] >= '0' && out->p[i] <= '9') {
			digits++;
			continue;
		}
		/* One '.', with a digit on each side. */
		if (out->p[i] != '.' || dot || digits == 0 ||
		    i + 1 == out->len)
			return -1;
		dot = 1;
		digits = 0;
	}
	return digits > 0 ? 0 : -1;
}
