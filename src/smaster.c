/*
 * smaster: reading the SmartHR department master, for `departments` and
 * `employees --smarthr-departments` alike (see smaster.h). The header is
 * mapped through the profile's smarthr_column roles; the level columns
 * share one role, so they are found here and put in the order of their
 * numbers.
 */
#include <stdlib.h>
#include <string.h>

#include "smaster.h"

static const char *const roles[SM_NROLES] = {
	"department_code", "department_name", "parent_department_code",
	"parent_department",
};

const char *
smaster_hdr(const struct smaster *sm, int col)
{
	return sm->in != NULL && col >= 0 && (size_t)col < sm->in->nh ?
	    sm->in->hdr[col] : "";
}

/* The trailing number of a normalized header ("level12" -> 12), or -1. */
static long
level_number(const char *h)
{
	size_t	 n = strlen(h), i = n;
	long	 v = 0;

	while (i > 0 && h[i - 1] >= '0' && h[i - 1] <= '9')
		i--;
	if (i == n || n - i > 6)
		return -1;
	for (; i < n; i++)
		v = v * 10 + (h[i] - '0');
	return v;
}

/*
 * Finds the level columns (several columns share the role, so
 * profile_map cannot place them) and orders them by their number when
 * every one has a number, else left to right. Two with one number are an
 * error: which is the upper level would be a guess.
 */
static int
map_levels(struct smaster *sm)
{
	struct input	*in = sm->in;
	long		*num;
	size_t		 i, j, r;
	int		 numbered = 1, t;
	long		 tn;

	sm->lvcol = xcalloc(in->nh + 1, sizeof(*sm->lvcol));
	num = xcalloc(in->nh + 1, sizeof(*num));
	for (i = 0; i < in->nh; i++) {
		for (r = 0; r < SM_NROLES; r++)
			if (sm->col[r] == (int)i)
				break;
		if (r < SM_NROLES || !profile_claims(sm->f->prof,
		    "smarthr_column", "department_level", in->nhdr[i],
		    strlen(in->nhdr[i])))
			continue;
		num[sm->nlv] = level_number(in->nhdr[i]);
		if (num[sm->nlv] < 0)
			numbered = 0;
		sm->lvcol[sm->nlv++] = (int)i;
	}
	if (numbered) {
		/* Insertion sort: a handful of columns. */
		for (i = 1; i < sm->nlv; i++) {
			t = sm->lvcol[i];
			tn = num[i];
			for (j = i; j > 0 && num[j - 1] > tn; j--) {
				sm->lvcol[j] = sm->lvcol[j - 1];
				num[j] = num[j - 1];
			}
			sm->lvcol[j] = t;
			num[j] = tn;
		}
		for (i = 1; i < sm->nlv; i++)
			if (num[i] == num[i - 1]) {
				buf_printf(&sm->f->err, "%s:%zu: ambiguous "
				    "column: both \"%s\" (column %d) and \"%s\" "
				    "(column %d) are level %ld; remove or rename "
				    "one", in->name, in->hdr_line,
				    in->hdr[sm->lvcol[i - 1]],
				    sm->lvcol[i - 1] + 1, in->hdr[sm->lvcol[i]],
				    sm->lvcol[i] + 1, num[i]);
				free(num);
				return -1;
			}
	}
	free(num);
	return 0;
}

/* The shape from the header (SPEC §6); -1 and f->err when there is none. */
static int
shape(struct smaster *sm, enum dept_shape *sh)
{
	struct input	*in = sm->in;
	struct buf	*err = &sm->f->err;
	const int	*col = sm->col;
	int		 flat;
	size_t		 i;

	flat = col[SM_NAME] >= 0 && (col[SM_PCODE] >= 0 || col[SM_PREF] >= 0);
	if (sm->nlv > 0 && (col[SM_NAME] >= 0 || col[SM_PCODE] >= 0 ||
	    col[SM_PREF] >= 0)) {
		buf_printf(err, "%s:%zu: the header has the columns of both "
		    "shapes, staircase (\"%s\") and flat (\"%s\"); keep the "
		    "columns of one shape", in->name, in->hdr_line,
		    in->hdr[sm->lvcol[0]], smaster_hdr(sm, col[SM_NAME] >= 0 ?
		    col[SM_NAME] : col[SM_PCODE] >= 0 ? col[SM_PCODE] :
		    col[SM_PREF]));
		return -1;
	}
	if (sm->nlv > 0) {
		*sh = DEPT_STAIRCASE;
		return 0;
	}
	if (flat) {
		*sh = DEPT_FLAT;
		return 0;
	}
	buf_printf(err, "%s:%zu: not a SmartHR department master: a "
	    "staircase file has the columns ", in->name, in->hdr_line);
	profile_accepted(sm->f->prof, "smarthr_column", "department_level",
	    err);
	buf_adds(err, ", a flat file ");
	profile_accepted(sm->f->prof, "smarthr_column", "department_name",
	    err);
	buf_adds(err, " and ");
	profile_accepted(sm->f->prof, "smarthr_column",
	    "parent_department_code", err);
	buf_adds(err, " or ");
	profile_accepted(sm->f->prof, "smarthr_column", "parent_department",
	    err);
	buf_adds(err, "; headers found: ");
	for (i = 0; i < in->nh; i++)
		buf_printf(err, "%s%s", i ? ", " : "",
		    in->hdr[i][0] != '\0' ? in->hdr[i] : "(empty)");
	return -1;
}

struct smaster *
smaster_new(struct flow *f, struct input *in, int strict)
{
	static const int req[SM_NROLES] = { 1, 0, 0, 0 };
	struct smaster	*sm;
	enum dept_shape	 sh;

	sm = xcalloc(1, sizeof(*sm));
	sm->f = f;
	sm->in = in;
	sm->strict = strict;
	if (input_map(f, in, "smarthr_column", roles, req, SM_NROLES,
	    sm->col) == -1 || map_levels(sm) == -1 || shape(sm, &sh) == -1) {
		smaster_free(sm);
		return NULL;
	}
	sm->set = dept_new(sh);
	return sm;
}

void
smaster_free(struct smaster *sm)
{
	if (sm == NULL)
		return;
	dept_free(sm->set);
	free(sm->lvcol);
	free(sm->codes);
	buf_free(&sm->b);
	free(sm);
}

/*
 * Field col of record i, decoded and trimmed, or NULL when its bytes are
 * invalid: then *bad is set, and the record is reported (not strict) or
 * f->err says why (strict).
 */
static char *
field(struct smaster *sm, const struct rec *r, int col, size_t i,
    const char *key, int *bad)
{
	struct input	*in = sm->in;
	size_t		 at;

	if (sm->strict) {
		if (*bad)
			return NULL;
		if (input_peek(in, r, col, 1, &sm->b, &at) == -1) {
			buf_printf(&sm->f->err, "%s:%zu: column \"%s\" has "
			    "bytes that are invalid in %s (byte 0x%02X); try "
			    "--input-encoding", in->name, r->line,
			    in->hdr[col], enc_name(in->enc),
			    (unsigned char)r->f[col][at]);
			*bad = 1;
			return NULL;
		}
	} else if (input_field(sm->f, in, r, col, 1, &sm->b, key, NULL) ==
	    -1) {
		sm->codes[i] |= 1UL << ENCODING_INVALID;
		*bad = 1;
		return NULL;
	}
	return xstrndup(sm->b.p != NULL ? sm->b.p : "", sm->b.len);
}

/* Reads one record into the set: 0, or -1 (strict) with f->err. */
static int
read_record(struct smaster *sm, const struct rec *r)
{
	struct dept_set	*s = sm->set;
	struct input	*in = sm->in;
	struct dept	*d;
	size_t		 i = s->n, j, last = 0;
	int		 bad = 0;
	const char	*fl[2], *names[2];
	size_t		 len[2];

	if (sm->strict && !input_count_ok(in, r)) {
		buf_printf(&sm->f->err, "%s:%zu: the record has %zu field%s, "
		    "the header %zu; a reference file must be read whole, so "
		    "fix the file or export it again", in->name, r->line,
		    r->nf, r->nf == 1 ? "" : "s", in->nh);
		return -1;
	}
	d = dept_add(s, r->line);
	sm->codes = xgrow(sm->codes, &sm->capcodes, i + 1, sizeof(*sm->codes));
	sm->codes[i] = 0;
	d->code = field(sm, r, sm->col[SM_CODE], i, NULL, &bad);
	if (s->shape == DEPT_STAIRCASE) {
		d->lvl = xcalloc(sm->nlv + 1, sizeof(*d->lvl));
		for (j = 0; j < sm->nlv; j++) {
			d->lvl[j] = field(sm, r, sm->lvcol[j], i, d->code, &bad);
			if (d->lvl[j] == NULL || d->lvl[j][0] != '\0')
				last = j + 1;
		}
		for (j = last; j < sm->nlv; j++) {
			free(d->lvl[j]);
			d->lvl[j] = NULL;
		}
		d->nlvl = last;
		d->name = last == 0 ? xstrdup("") : d->lvl[last - 1] != NULL ?
		    xstrdup(d->lvl[last - 1]) : NULL;
	} else {
		d->name = field(sm, r, sm->col[SM_NAME], i, d->code, &bad);
		if (sm->col[SM_PCODE] >= 0) {
			d->pref = field(sm, r, sm->col[SM_PCODE], i, d->code,
			    &bad);
			d->pref_code = 1;
		}
		/* An empty 親部署コード falls back on 親部署 when both exist. */
		if (sm->col[SM_PREF] >= 0 && (d->pref == NULL ||
		    d->pref[0] == '\0')) {
			char *p = field(sm, r, sm->col[SM_PREF], i, d->code,
			    &bad);

			if (d->pref == NULL || p == NULL || p[0] != '\0') {
				free(d->pref);
				d->pref = p;
				d->pref_code = 0;
			} else
				free(p);
		}
	}
	if (sm->strict)
		return bad ? -1 : 0;
	if (!input_count_ok(in, r)) {
		diag_add(sm->f->diag, r->line, CSV_FIELD_COUNT, d->code,
		    d->name, NULL, "項目数が%zu個で、ヘッダーの%zu個と一致しません。"
		    "区切りのカンマや引用符を確認してください", r->nf, in->nh);
		sm->codes[i] |= 1UL << CSV_FIELD_COUNT;
		bad = 1;
	}
	d->broken = bad;
	if (bad || d->code == NULL || d->name == NULL)
		return 0;
	/* Refused now, not when written: its children depend on it. */
	fl[0] = d->code;
	fl[1] = d->name;
	len[0] = strlen(d->code);
	len[1] = strlen(d->name);
	names[0] = smaster_hdr(sm, sm->col[SM_CODE]);
	names[1] = s->shape == DEPT_FLAT ? smaster_hdr(sm, sm->col[SM_NAME]) :
	    d->nlvl > 0 ? smaster_hdr(sm, sm->lvcol[d->nlvl - 1]) : "";
	if (flow_encodable(sm->f, fl, len, 2, r->line, names, d->code,
	    d->name) == 1) {
		sm->codes[i] |= 1UL << ENCODING_UNREPRESENTABLE;
		d->broken = 1;
	}
	return 0;
}

int
smaster_read(struct smaster *sm)
{
	struct rec	*r;
	int		 k;

	while ((k = input_next(sm->in, &r, &sm->f->err)) == 1) {
		if (!sm->strict)
			diag_record(sm->f->diag);
		if (read_record(sm, r) == -1)
			return -1;
	}
	return k;
}
