/*
 * results: ミキワメAI test results -> SmartHR bulk-update CSV (SPEC §8),
 * the latest result of each SmartHR employee, keyed by the 社員番号 that
 * SmartHR holds for that employee.
 *
 * The SmartHR employee export is parsed once (input_spool, its five
 * columns) into two key indexes (by メールアドレス and by 社員番号); of
 * each employee only its line, 社員番号, name and opt-out are kept, so
 * memory follows the employees, not the width of the export. The result
 * file is parsed once into a spool of the columns used, and the spool is
 * read twice. The first pass matches every result to its employee and
 * finds each employee's latest result (res_pick). The second pass applies
 * the rules, writes the latest results in input order and gives every
 * record its plan row. Every input error that ends the run (exit 2) is
 * found before the outputs are opened.
 *
 * Which records are checked: an opted-out employee's results are 対象外
 * and an older result is 古い結果, neither checked any further (nothing of
 * them is sent, so nothing in them needs fixing); every other record gets
 * every rule that applies. When one of an employee's results has a 受検日
 * that is not a date, no result of that employee can be called the latest,
 * so none is written (an older result is never sent in place of a newer
 * one) and the others get a plan note saying why.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "emp.h"
#include "flow.h"
#include "key.h"
#include "norm.h"
#include "res.h"
#include "table.h"

#define MAX_LINES	10	/* lines named in a message, then "ほか N 人" */
#define MAX_TRAITS	999	/* a sane upper bound for option trait_count */
#define LIST_MAX	40	/* columns named in one message, then "and N more" */
#define NIL		((size_t)-1)

/* Result-file roles, in profile_map's order of precedence. */
enum { R_NUMBER, R_EMAIL, R_TAKEN, R_TYPE, R_LINK, R_NAME, R_NROLES };
static const char *const rroles[R_NROLES] = {
	"employee_number", "email", "taken_on", "type16", "result_link", "name",
};

/* The output's fixed columns, before the traits. */
static const char *const outroles[4] = {
	"employee_number", "taken_on", "type16", "result_link",
};

/* SmartHR employee-export roles. */
enum { S_NUMBER, S_EMAIL, S_LAST, S_FIRST, S_OPTOUT, S_NROLES };
static const char *const sroles[S_NROLES] = {
	"employee_number", "email", "last_name", "first_name", "opt_out",
};

/* The two keys; the value of --match picks one. */
enum { BY_EMAIL, BY_NUMBER };

/*
 * One SmartHR employee record. There may be half a million of them, so
 * lines, indexes and offsets are 32-bit (36 bytes a record instead of 56,
 * and the records of a key are counted in its first record, not in an
 * array of their own): the export is refused past MAX_EMP records or
 * lines, or 4 GiB of numbers and names, and the result file past
 * UINT32_MAX lines.
 */
struct semp {
	uint32_t	 line;
	uint32_t	 num;		/* 社員番号 as read: arena offset */
	uint32_t	 name;		/* "姓 名": arena offset */
	uint32_t	 next[2];	/* next record with the same key */
	uint32_t	 pick;		/* index in picks + 1; 0 = no result */
	uint32_t	 n[2];		/* first of a key: records with it */
	unsigned char	 optout;
	unsigned char	 numdup;	/* another record has its 社員番号 */
};

#define ENONE		UINT32_MAX	/* no next record */
#define MAX_EMP		(UINT32_MAX - 1)

struct skey {			/* what index_get found for a key */
	size_t		 head;		/* its first record; next[] links
					   the first MAX_LINES */
	size_t		 n;		/* records with this key */
};

struct sindex {
	struct table	*t;		/* key -> its first record */
	struct skey	 got;		/* index_get's answer */
};

/* What a result's key found among the SmartHR employees. */
enum match { M_BADKEY, M_EMPTY, M_NONE, M_AMBIG, M_ONE };

struct results {
	struct flow	 f;
	int		 by;		/* BY_EMAIL or BY_NUMBER */
	const char	*word;		/* the key's name, for messages */
	int		 col[R_NROLES];
	int		 scol[S_NROLES];
	int		*trait;		/* trait columns, in input order */
	size_t		 ntrait;
	const char	**hdr;		/* output header: 4 + ntrait */
	char		**thdr;		/* trait headers as written (trimmed) */
	const char	*datefmt;
	const char	*optval;
	char		*sname;		/* the SmartHR file, for messages */
	char		*snumhdr;	/* its 社員番号 header, for 項目 */
	struct semp	*emp;
	size_t		 nemp, capemp;
	struct buf	 arena;		/* the employees' numbers and names */
	struct sindex	 idx[2];
	struct table	*numz;		/* 社員番号 without zeros -> first */
	struct emp_widths widths;	/* the export's 社員番号 */
	size_t		 padw;		/* the export's padded width, or 0 */
	struct res_pick	*picks;
	size_t		 npicks, cappicks;
	struct buf	 key, k2, nm, alt, date, type, link, msg, note, codes;
	struct buf	 fld;
	struct buf	*tv;		/* trait values as written */
	const char	**out;
	size_t		*outlen;
};

static const char *
str(const struct buf *b)
{
	return b->p != NULL ? b->p : "";
}

/*
 * Decodes and trims field col of r without reporting: for the first pass
 * (the second reports) and for fields that only name a record.
 */
static int
quiet_field(struct input *in, const struct rec *r,
    int col, struct buf *out)
{
	size_t	 bad;

	return input_peek(in, r, col, 1, out, &bad);
}

static void
key_form(int by, const char *s, size_t len, struct buf *out)
{
	if (by == BY_EMAIL)
		key_email(s, len, out);
	else
		key_number(s, len, out);
	buf_add(out, "", 0);
}

static void
index_add(struct results *s, int by, const char *v, size_t len, size_t e)
{
	size_t		*slot, h, t;
	int		 found;

	key_form(by, v, len, &s->k2);
	if (s->k2.len == 0)
		return;
	slot = table_put(s->idx[by].t, s->k2.p, s->k2.len, &found);
	if (!found) {
		*slot = e;
		s->emp[e].n[by] = 1;
		return;
	}
	h = *slot;
	if (by == BY_NUMBER)
		s->emp[h].numdup = s->emp[e].numdup = 1;
	/* The list stops at MAX_LINES records: at most that many steps. */
	if (s->emp[h].n[by]++ < MAX_LINES) {
		for (t = h; s->emp[t].next[by] != ENONE; t = s->emp[t].next[by])
			;
		s->emp[t].next[by] = (uint32_t)e;
	}
}

/* The key's records, valid until the next index_get of by; or NULL. */
static const struct skey *
index_get(struct results *s, int by, const char *v, size_t len)
{
	struct sindex	*x = &s->idx[by];
	size_t		*slot;

	if (x->t == NULL)
		return NULL;
	key_form(by, v, len, &s->k2);
	if (s->k2.len == 0 ||
	    (slot = table_get(x->t, s->k2.p, s->k2.len)) == NULL)
		return NULL;
	x->got.head = *slot;
	x->got.n = s->emp[*slot].n[by];
	return &x->got;
}

/* "12, 15 行目" (and "ほか N 人") for the records of k. */
static void
lines_of(struct results *s, int by, const struct skey *k, struct buf *out)
{
	size_t	 e, i;

	for (e = k->head, i = 0; e != ENONE && i < MAX_LINES;
	    e = s->emp[e].next[by], i++)
		buf_printf(out, "%s%zu", i ? ", " : "", (size_t)s->emp[e].line);
	buf_adds(out, " 行目");
	if (k->n > MAX_LINES)
		buf_printf(out, "ほか %zu 人", k->n - MAX_LINES);
}

static const char *
emp_num(const struct results *s, size_t e)
{
	return s->arena.p + s->emp[e].num;
}

static const char *
emp_name(const struct results *s, size_t e)
{
	return s->arena.p + s->emp[e].name;
}

/*
 * Indexes the SmartHR 社員番号 without its leading zeros (for a hint when
 * a result's number matches only so) and counts the widths of all-digit
 * numbers (for the zero-padding rule of EMP_NUMBER_SUSPICIOUS).
 */
static void
count_number(struct results *s, const char *v, size_t len)
{
	size_t	*slot;
	int	 found;

	key_number(v, len, &s->k2);
	emp_widths_add(&s->widths, s->k2.p, s->k2.len);
	key_number_zeros(v, len, &s->k2);
	if (s->k2.len == 0)
		return;
	slot = table_put(s->numz, s->k2.p, s->k2.len, &found);
	if (!found)
		*slot = s->nemp;
}

/*
 * Is the SmartHR employee's 社員番号 mangled by a spreadsheet, as
 * EMP_NUMBER_SUSPICIOUS says of employees: 1.23E+05, 123.0, or all digits
 * and shorter than the width most of the export pads its numbers to?
 */
static int
number_suspicious(const struct results *s, const char *v)
{
	return emp_number_suspicious(v, strlen(v)) ||
	    emp_number_short(s->padw, v, strlen(v));
}

/*
 * Reads the SmartHR employee export whole. It is what every result is
 * matched against, so a record of it that cannot be read is exit 2: left
 * out, it would turn a match into RES_NO_MATCH or hide an ambiguity.
 */
static int
load_smarthr(struct results *s, const char *path)
{
	static const int req_email[S_NROLES] = { 1, 1, 0, 0, 0 };
	static const int req_number[S_NROLES] = { 1, 0, 0, 0, 0 };
	struct flow	*f = &s->f;
	struct input	*in;
	struct rec	*r;
	struct buf	 v[S_NROLES] = {{0}};
	struct semp	*e;
	size_t		 i, bad;
	int		 k, rc = -1;

	if ((in = flow_input_once(f, path)) == NULL)
		return -1;
	if (input_map(f, in, "smarthr_column", sroles,
	    s->by == BY_EMAIL ? req_email : req_number, S_NROLES,
	    s->scol) == -1 || input_spool(f, in, s->scol, S_NROLES) == -1)
		goto out;
	s->sname = xstrdup(in->name);
	s->snumhdr = xstrdup(in->hdr[s->scol[S_NUMBER]]);
	s->idx[BY_NUMBER].t = table_new();
	s->numz = table_new();
	if (s->scol[S_EMAIL] != -1)
		s->idx[BY_EMAIL].t = table_new();
	if (s->scol[S_OPTOUT] == -1)
		diag_notice(f->diag, "%s has no ミキワメAI連携 column: no "
		    "employee counts as opted out (%s)", in->name, s->optval);
	while ((k = input_next(in, &r, &f->err)) == 1) {
		if (!input_count_ok(in, r)) {
			buf_printf(&f->err, "%s:%zu: %zu fields, the header "
			    "has %zu; every result is matched against this "
			    "file, so it must be read whole", in->name,
			    r->line, r->nf, in->nh);
			goto out;
		}
		for (i = 0; i < S_NROLES; i++)
			if (input_peek(in, r, s->scol[i], 1, &v[i],
			    &bad) == -1) {
				buf_printf(&f->err, "%s:%zu: \"%s\" has bytes "
				    "that are invalid in %s (byte 0x%02X); "
				    "every result is matched against this "
				    "file, so it must be read whole (or give "
				    "--input-encoding)", in->name, r->line,
				    in->hdr[s->scol[i]], enc_name(in->enc),
				    (unsigned char)r->f[s->scol[i]][bad]);
				goto out;
			}
		if (s->nemp == MAX_EMP || r->line > MAX_EMP ||
		    s->arena.len + v[S_NUMBER].len + v[S_LAST].len +
		    v[S_FIRST].len + 3 > UINT32_MAX) {
			buf_printf(&f->err, "%s:%zu: more than %zu records or "
			    "lines, or more than 4 GiB of numbers and names: "
			    "the file is too large to be matched against",
			    in->name, r->line, (size_t)MAX_EMP);
			goto out;
		}
		if (s->nemp == s->capemp) {
			s->capemp = s->capemp ? s->capemp * 2 : 256;
			s->emp = xreallocarray(s->emp, s->capemp,
			    sizeof(*s->emp));
		}
		e = &s->emp[s->nemp];
		e->line = (uint32_t)r->line;
		e->next[0] = e->next[1] = ENONE;
		e->n[0] = e->n[1] = 0;
		e->pick = 0;
		e->numdup = 0;
		e->optout = s->scol[S_OPTOUT] != -1 &&
		    strcmp(v[S_OPTOUT].p, s->optval) == 0;
		e->num = (uint32_t)s->arena.len;
		buf_add(&s->arena, v[S_NUMBER].p, v[S_NUMBER].len + 1);
		e->name = (uint32_t)s->arena.len;
		buf_adds(&s->arena, v[S_LAST].p);
		if (v[S_LAST].len > 0 && v[S_FIRST].len > 0)
			buf_addc(&s->arena, ' ');
		buf_add(&s->arena, v[S_FIRST].p, v[S_FIRST].len + 1);
		index_add(s, BY_NUMBER, v[S_NUMBER].p, v[S_NUMBER].len,
		    s->nemp);
		count_number(s, v[S_NUMBER].p, v[S_NUMBER].len);
		if (s->idx[BY_EMAIL].t != NULL)
			index_add(s, BY_EMAIL, v[S_EMAIL].p, v[S_EMAIL].len,
			    s->nemp);
		s->nemp++;
	}
	if (k == -1)
		goto out;
	s->padw = emp_widths_padded(&s->widths);
	diag_notice(f->diag, "SmartHR employees: %s (%s): %zu records",
	    in->name, enc_name(in->enc), s->nemp);
	rc = 0;
out:
	for (i = 0; i < S_NROLES; i++)
		buf_free(&v[i]);
	input_close(in);
	return rc;
}

/*
 * The trait columns: every column that no role and no `ignore` pattern
 * claims, and whose header is not empty (a spreadsheet's trailing empty
 * column has no SmartHR field to go to). Exactly trait_count of them, with
 * distinct names, or exit 2 with what was found.
 */
/* Adds ", item" to a list of a message, or counts it past LIST_MAX. */
static void	list_add(struct buf *, size_t *, const char *, ...)
		    __attribute__((format(printf, 3, 4)));

static void
list_add(struct buf *b, size_t *n, const char *fmt, ...)
{
	va_list	 ap;

	if ((*n)++ >= LIST_MAX)
		return;
	if (b->len > 0)
		buf_adds(b, ", ");
	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

/* Ends a list of list_add: " and N more" past LIST_MAX. */
static void
list_end(struct buf *b, size_t n)
{
	if (n == 0)
		buf_adds(b, "none");
	else if (n > LIST_MAX)
		buf_printf(b, " and %zu more", n - LIST_MAX);
}

static int
find_traits(struct results *s, long want)
{
	struct flow	*f = &s->f;
	struct input	*in = f->in;
	struct buf	 found = {0}, other = {0};
	size_t		 c, i, j, start, len, nother = 0;
	int		 r, rc = -1;

	s->trait = xcalloc(in->nh + 1, sizeof(*s->trait));
	for (c = 0; c < in->nh; c++) {
		for (r = 0; r < R_NROLES; r++)
			if (s->col[r] == (int)c)
				break;
		if (r < R_NROLES) {
			list_add(&other, &nother, "%s (%s)", in->hdr[c],
			    rroles[r]);
			continue;
		}
		if (in->nhdr[c][0] == '\0') {
			list_add(&other, &nother, "(column %zu, no header)",
			    c + 1);
			continue;
		}
		if (profile_claims(f->prof, "mikiwame_column", "ignore",
		    in->nhdr[c], strlen(in->nhdr[c]))) {
			list_add(&other, &nother, "%s (ignore)", in->hdr[c]);
			continue;
		}
		s->trait[s->ntrait++] = (int)c;
	}
	/*
	 * Names are compared pairwise only up to MAX_TRAITS columns (past
	 * that the count is wrong anyway), so that a header of 100,000
	 * columns takes no quadratic time; its message lists LIST_MAX.
	 */
	for (j = 1; j < s->ntrait && s->ntrait <= MAX_TRAITS; j++)
		for (i = 0; i < j; i++) {
			if (strcmp(in->nhdr[s->trait[i]],
			    in->nhdr[s->trait[j]]) != 0)
				continue;
			buf_printf(&f->err, "%s:%zu: trait columns %d (\"%s\") "
			    "and %d (\"%s\") have the same name; SmartHR could "
			    "not tell them apart: rename or remove one",
			    in->name, in->hdr_line, s->trait[i] + 1,
			    in->hdr[s->trait[i]], s->trait[j] + 1,
			    in->hdr[s->trait[j]]);
			goto out;
		}
	if ((long)s->ntrait != want) {
		for (i = 0, j = 0; i < s->ntrait; i++)
			list_add(&found, &j, "%s", in->hdr[s->trait[i]]);
		list_end(&found, j);
		list_end(&other, nother);
		buf_printf(&f->err, "%s:%zu: %zu trait columns, but the "
		    "profile's trait_count is %ld; trait columns found: %s; "
		    "other columns: %s. Add or remove columns, or adjust "
		    "option trait_count or the mikiwame_column role ignore "
		    "with --profile", in->name, in->hdr_line, s->ntrait, want,
		    found.p, other.p);
		goto out;
	}
	s->hdr = xcalloc(4 + s->ntrait, sizeof(*s->hdr));
	s->thdr = xcalloc(s->ntrait + 1, sizeof(*s->thdr));
	for (i = 0; i < 4; i++)
		if ((s->hdr[i] = profile_get(f->prof, "output_column",
		    outroles[i])) == NULL)
			s->hdr[i] = outroles[i];
	for (i = 0; i < s->ntrait; i++) {
		c = (size_t)s->trait[i];
		len = norm_trim(in->hdr[c], strlen(in->hdr[c]), &start);
		s->thdr[i] = xstrndup(in->hdr[c] + start, len);
		s->hdr[4 + i] = s->thdr[i];
	}
	s->tv = xcalloc(s->ntrait + 1, sizeof(*s->tv));
	s->out = xcalloc(4 + s->ntrait, sizeof(*s->out));
	s->outlen = xcalloc(4 + s->ntrait, sizeof(*s->outlen));
	rc = 0;
out:
	buf_free(&found);
	buf_free(&other);
	return rc;
}

/* The result file, parsed once: its roles' and traits' columns spooled. */
static int
spool(struct results *s)
{
	int	*want;
	size_t	 i;
	int	 k;

	want = xcalloc(R_NROLES + s->ntrait, sizeof(*want));
	memcpy(want, s->col, sizeof(s->col));
	for (i = 0; i < s->ntrait; i++)
		want[R_NROLES + i] = s->trait[i];
	k = input_spool(&s->f, s->f.in, want, R_NROLES + s->ntrait);
	free(want);
	return k;
}

/* Reads the options of the profile that results uses; -1 and f.err. */
static int
options(struct results *s, long *want)
{
	const char	*v;
	char		*end;

	s->datefmt = profile_get(s->f.prof, "option", "date_format");
	if (s->datefmt == NULL || !date_format_ok(s->datefmt)) {
		buf_printf(&s->f.err, "option date_format: \"%s\" is not "
		    "YYYY/MM/DD or YYYY-MM-DD", s->datefmt ? s->datefmt : "");
		return -1;
	}
	s->optval = profile_get(s->f.prof, "option", "opt_out_value");
	if (s->optval == NULL)
		s->optval = "連携しない";
	v = profile_get(s->f.prof, "option", "trait_count");
	*want = v != NULL ? strtol(v, &end, 10) : -1;
	if (v == NULL || *v < '0' || *v > '9' || *end != '\0' || *want < 0 ||
	    *want > MAX_TRAITS) {
		buf_printf(&s->f.err, "option trait_count: \"%s\" is not a "
		    "number of columns (0-%d)", v ? v : "", MAX_TRAITS);
		return -1;
	}
	return 0;
}

/* Matches the key value v of a result; *e gets the employee of M_ONE. */
static enum match
match(struct results *s, const struct buf *v, const struct skey **kp,
    size_t *e)
{
	const struct skey *k;

	*kp = NULL;
	if (v->len == 0)
		return M_EMPTY;
	if ((k = index_get(s, s->by, v->p, v->len)) == NULL)
		return M_NONE;
	*kp = k;
	if (k->n > 1)
		return M_AMBIG;
	*e = k->head;
	return M_ONE;
}

static struct res_pick *
pick_of(struct results *s, size_t e)
{
	if (s->emp[e].pick == 0) {
		if (s->npicks == s->cappicks) {
			s->cappicks = s->cappicks ? s->cappicks * 2 : 256;
			s->picks = xreallocarray(s->picks, s->cappicks,
			    sizeof(*s->picks));
		}
		memset(&s->picks[s->npicks], 0, sizeof(*s->picks));
		s->emp[e].pick = (uint32_t)++s->npicks;
	}
	return &s->picks[s->emp[e].pick - 1];
}

/*
 * First pass: each result of an employee who has not opted out is added
 * to that employee's pick, so that the second pass knows the latest.
 */
static int
pass1(struct results *s)
{
	struct flow	*f = &s->f;
	struct rec	*r;
	const struct skey *k;
	struct date	 d;
	size_t		 e = 0;
	int		 n, ok;

	while ((n = input_next(f->in, &r, &f->err)) == 1) {
		if (r->line > UINT32_MAX) {
			buf_printf(&f->err, "%s:%zu: more than %zu lines: the "
			    "file is too large to be read", f->in->name,
			    r->line, (size_t)UINT32_MAX);
			return -1;
		}
		if (quiet_field(f->in, r, s->col[s->by == BY_EMAIL ?
		    R_EMAIL : R_NUMBER], &s->key) == -1 ||
		    match(s, &s->key, &k, &e) != M_ONE || s->emp[e].optout)
			continue;
		ok = quiet_field(f->in, r, s->col[R_TAKEN], &s->date) == 0 &&
		    date_parse(s->date.p, s->date.len, 1, &d) == 0;
		res_pick_add(pick_of(s, e), ok ? &d : NULL, r->line);
	}
	return n;
}

static void
when(const struct date *d, const char *fmt, struct buf *out)
{
	date_format(d, fmt, out);
	if (d->has_time) {
		buf_printf(out, " %02d:%02d", d->hh, d->mi);
		if (d->ss != 0)
			buf_printf(out, ":%02d", d->ss);
	}
}

/* RES_NO_MATCH, with a hint when the other key finds the employee. */
static void
no_match(struct results *s, const struct rec *r, enum match m,
    const char *name)
{
	struct flow	*f = &s->f;
	const struct skey *k;
	const size_t	*z;
	int		 other = s->by == BY_EMAIL ? BY_NUMBER : BY_EMAIL;
	int		 ocol = s->col[other == BY_EMAIL ? R_EMAIL : R_NUMBER];
	const char	*hdr = f->in->hdr[s->col[s->by == BY_EMAIL ? R_EMAIL :
			    R_NUMBER]];

	buf_reset(&s->msg);
	if (m == M_EMPTY)
		buf_printf(&s->msg, "%sが空のため、SmartHRの従業員と照合できま"
		    "せん。手順書のとおり、%sが一致しない場合は連携できません",
		    hdr, s->word);
	else
		buf_printf(&s->msg, "%s「%s」に一致するSmartHRの従業員がいま"
		    "せん。手順書のとおり、%sが一致しない場合は連携できません。"
		    "連携前に%sを確認してください", hdr, s->key.p, s->word,
		    s->word);
	if (m == M_NONE && s->by == BY_NUMBER) {
		key_number_zeros(s->key.p, s->key.len, &s->k2);
		if ((z = table_get(s->numz, s->k2.p, s->k2.len)) != NULL)
			buf_printf(&s->msg, "。SmartHRの %zu 行目の従業員%s%s%sの"
			    "社員番号「%s」とは先頭の0だけが違います（表計算"
			    "ソフトで0が失われた形です。どちらかのファイルを"
			    "書き出し直してください）", (size_t)s->emp[*z].line,
			    emp_name(s, *z)[0] ? "（" : "", emp_name(s, *z),
			    emp_name(s, *z)[0] ? "）" : "", emp_num(s, *z));
	}
	if (ocol != -1 && quiet_field(f->in, r, ocol, &s->alt) == 0 &&
	    s->alt.len > 0 && (k = index_get(s, other, s->alt.p,
	    s->alt.len)) != NULL && k->n == 1)
		buf_printf(&s->msg, "。なお%s「%s」はSmartHRの %zu 行目の従業員"
		    "%s%s%sと一致します（--match %s で照合することもできます）",
		    f->in->hdr[ocol], s->alt.p, (size_t)s->emp[k->head].line,
		    emp_name(s, k->head)[0] ? "（" : "", emp_name(s, k->head),
		    emp_name(s, k->head)[0] ? "）" : "",
		    other == BY_EMAIL ? "email" : "employee-number");
	else if (other == BY_NUMBER && ocol != -1 && s->alt.len > 0) {
		/* The result's number lost (or has extra) leading zeros. */
		key_number_zeros(s->alt.p, s->alt.len, &s->k2);
		if ((z = table_get(s->numz, s->k2.p, s->k2.len)) != NULL)
			buf_printf(&s->msg, "。なお%s「%s」は、SmartHRの %zu 行目"
			    "の従業員%s%s%sの社員番号「%s」と先頭の0だけが違い"
			    "ます（表計算ソフトで0が失われた形です）",
			    f->in->hdr[ocol], s->alt.p,
			    (size_t)s->emp[*z].line, emp_name(s, *z)[0] ?
			    "（" : "", emp_name(s, *z), emp_name(s, *z)[0] ?
			    "）" : "", emp_num(s, *z));
	}
	diag_add(f->diag, r->line, RES_NO_MATCH, s->key.p, name, hdr, "%s",
	    s->msg.p);
}

/* Checks every trait value; one RES_SCORE_INVALID row names them all. */
static void
check_traits(struct results *s, const struct rec *r, const char *name)
{
	struct flow	*f = &s->f;
	struct buf	 fields = {0};
	size_t		 i;

	buf_reset(&s->msg);
	for (i = 0; i < s->ntrait; i++) {
		if (input_field(f, f->in, r, s->trait[i], 1, &s->fld,
		    s->key.p, name) == -1) {
			buf_reset(&s->tv[i]);
			continue;
		}
		if (res_score(str(&s->fld), s->fld.len, &s->tv[i]) == 0)
			continue;
		buf_printf(&fields, "%s%s", fields.len ? "・" : "",
		    f->in->hdr[s->trait[i]]);
		buf_printf(&s->msg, "%s「%s」の値「%s」",
		    s->msg.len ? "、" : "", f->in->hdr[s->trait[i]], s->fld.p);
	}
	if (fields.len > 0)
		diag_add(f->diag, r->line, RES_SCORE_INVALID, s->key.p, name,
		    fields.p, "性格特性の偏差値が数値ではありません: %s。"
		    "数値（例: 57.0）か空欄にしてください", s->msg.p);
	buf_free(&fields);
}

static int
plan(struct results *s, const struct rec *r, const char *name,
    const char *act, size_t mark, const char *note)
{
	buf_reset(&s->codes);
	if (mark != NIL)
		diag_codes_since(s->f.diag, mark, &s->codes);
	if (diag_plan(s->f.diag, r->line, s->key.p, name, act, str(&s->codes),
	    note) == -1) {
		buf_printf(&s->f.err, "%s: write error: %s", s->f.o->plan,
		    strerror(errno));
		return -1;
	}
	return 0;
}

/*
 * The matched employee's 社員番号, which the output is keyed by: a 警告
 * when it looks mangled by a spreadsheet, and RES_NUMBER_ZEROS_LOST when
 * the result's own 社員番号 differs from it only by leading zeros (one of
 * the files lost them, and the key written would be the wrong one).
 */
static void
number_checks(struct results *s, const struct rec *r, size_t e,
    const char *name)
{
	struct flow	*f = &s->f;
	const char	*num = emp_num(s, e);

	if (number_suspicious(s, num))
		diag_add(f->diag, r->line, EMP_NUMBER_SUSPICIOUS, s->key.p, name,
		    s->snumhdr, "一致したSmartHRの従業員（%s の %zu 行目）の"
		    "社員番号「%s」は表計算ソフトで変換された形（指数表記、"
		    "末尾の .0、先頭の0が失われた形）に見えます。SmartHRの"
		    "一括更新はこの社員番号で従業員を特定します。SmartHRの"
		    "社員番号を確認してください", s->sname,
		    (size_t)s->emp[e].line, num);
	if (s->by != BY_EMAIL || s->col[R_NUMBER] == -1 ||
	    quiet_field(f->in, r, s->col[R_NUMBER], &s->alt) == -1 ||
	    s->alt.len == 0)
		return;
	key_number(s->alt.p, s->alt.len, &s->k2);
	key_number(num, strlen(num), &s->msg);
	if (s->k2.len == s->msg.len &&
	    memcmp(s->k2.p, s->msg.p, s->k2.len) == 0)
		return;
	key_number_zeros(s->alt.p, s->alt.len, &s->k2);
	key_number_zeros(num, strlen(num), &s->msg);
	if (s->k2.len != s->msg.len ||
	    memcmp(s->k2.p, s->msg.p, s->k2.len) != 0)
		return;
	diag_add(f->diag, r->line, RES_NUMBER_ZEROS_LOST, s->key.p, name,
	    f->in->hdr[s->col[R_NUMBER]], "結果の社員番号「%s」と、一致した"
	    "SmartHRの従業員（%s の %zu 行目）の社員番号「%s」は先頭の0だけが"
	    "違います。表計算ソフトでどちらかの0が失われた形で、このまま"
	    "では違う社員番号で更新されるおそれがあります。ファイルを書き"
	    "出し直してください", s->alt.p, s->sname, (size_t)s->emp[e].line,
	    num);
}

/* Second pass: the rules, the output and the plan for one record. */
static int
record(struct results *s, const struct rec *r)
{
	struct flow	*f = &s->f;
	const struct skey *k = NULL, *nk;
	const struct res_pick *p = NULL;
	struct date	 d;
	enum match	 m;
	const char	*name;
	size_t		 mark, e = 0, latest = 0, i;
	int		 kcol = s->col[s->by == BY_EMAIL ? R_EMAIL : R_NUMBER];
	int		 w, countok;
	const char	*hdr = f->in->hdr[s->col[R_TAKEN]];

	diag_record(f->diag);
	mark = diag_mark(f->diag);
	/* 名前: the result's own 氏名, else the SmartHR name. */
	(void)quiet_field(f->in, r, s->col[R_NAME], &s->nm);
	name = s->nm.p;
	if (input_field(f, f->in, r, kcol, 1, &s->key, NULL, name) == -1) {
		buf_reset(&s->key);
		m = M_BADKEY;
	} else
		m = match(s, &s->key, &k, &e);
	buf_add(&s->key, "", 0);
	/* A record of the wrong length is reported whatever else it is. */
	countok = input_count_ok(f->in, r);
	if (m == M_ONE) {
		if (name[0] == '\0')
			name = emp_name(s, e);
	}
	if (m == M_ONE && countok) {
		if (s->emp[e].optout) {
			buf_reset(&s->note);
			buf_printf(&s->note, "SmartHRのミキワメAI連携が「%s」",
			    s->optval);
			return plan(s, r, name, ACT_OPTOUT, NIL, s->note.p);
		}
		if (s->emp[e].pick != 0) {
			p = &s->picks[s->emp[e].pick - 1];
			latest = res_pick_latest(p);
		}
		if (latest != 0 && latest != r->line) {
			buf_reset(&s->note);
			buf_printf(&s->note, "新しい結果: %zu 行目（受検日 ",
			    latest);
			res_pick_date(p, &d);
			when(&d, s->datefmt, &s->note);
			buf_adds(&s->note, "）");
			return plan(s, r, name, ACT_OLDER, NIL, s->note.p);
		}
	}

	if (!countok)
		diag_add(f->diag, r->line, CSV_FIELD_COUNT, s->key.p, name,
		    NULL, "項目数が %zu で、ヘッダーの %zu と一致しません",
		    r->nf, f->in->nh);
	if (m == M_EMPTY || m == M_NONE)
		no_match(s, r, m, name);
	else if (m == M_AMBIG) {
		buf_reset(&s->msg);
		lines_of(s, s->by, k, &s->msg);
		diag_add(f->diag, r->line, RES_AMBIGUOUS_MATCH, s->key.p, name,
		    f->in->hdr[kcol], "%s「%s」がSmartHRの %zu 人の従業員（%s）"
		    "に登録されているため、どの従業員の結果か決められません。"
		    "SmartHRで重複を解消してください", s->word, s->key.p, k->n,
		    s->msg.p);
	} else if (m == M_ONE && emp_num(s, e)[0] == '\0')
		diag_add(f->diag, r->line, RES_NO_EMPLOYEE_NUMBER, s->key.p,
		    name, s->snumhdr, "一致したSmartHRの従業員（%s の %zu "
		    "行目）に社員番号がありません。SmartHRの一括更新は社員"
		    "番号で従業員を特定するため連携できません。SmartHRで社員"
		    "番号を登録してください", s->sname, (size_t)s->emp[e].line);
	else if (m == M_ONE && s->emp[e].numdup) {
		nk = index_get(s, BY_NUMBER, emp_num(s, e),
		    strlen(emp_num(s, e)));
		buf_reset(&s->msg);
		lines_of(s, BY_NUMBER, nk, &s->msg);
		diag_add(f->diag, r->line, RES_AMBIGUOUS_MATCH, s->key.p, name,
		    s->snumhdr, "一致したSmartHRの従業員（%zu 行目）の社員"
		    "番号「%s」が、SmartHRの %zu 人の従業員（%s）に登録"
		    "されています。SmartHRの一括更新は社員番号で従業員を"
		    "特定するため、更新先が決まりません", (size_t)s->emp[e].line,
		    emp_num(s, e), nk->n, s->msg.p);
	}
	if (m == M_ONE && emp_num(s, e)[0] != '\0')
		number_checks(s, r, e, name);

	buf_reset(&s->date);
	if (input_field(f, f->in, r, s->col[R_TAKEN], 1, &s->fld, s->key.p,
	    name) == 0) {
		if (date_parse(str(&s->fld), s->fld.len, 1, &d) == 0)
			date_format(&d, s->datefmt, &s->date);
		else {
			buf_reset(&s->msg);
			if (p != NULL && p->n > 1)
				buf_printf(&s->msg, "。この従業員の他の %zu "
				    "件の結果も、どれが最新か決められないため"
				    "連携しません", (size_t)p->n - 1);
			if (s->fld.len == 0)
				diag_add(f->diag, r->line, RES_DATE_INVALID,
				    s->key.p, name, hdr, "%sが入力されていま"
				    "せん%s", hdr, str(&s->msg));
			else
				diag_add(f->diag, r->line, RES_DATE_INVALID,
				    s->key.p, name, hdr, "%s「%s」が日付として"
				    "正しくありません（例: 2025/04/01 または "
				    "2025/04/01 10:30）%s", hdr, s->fld.p,
				    str(&s->msg));
		}
	}
	(void)input_field(f, f->in, r, s->col[R_TYPE], 1, &s->type, s->key.p,
	    name);
	(void)input_field(f, f->in, r, s->col[R_LINK], 1, &s->link, s->key.p,
	    name);
	check_traits(s, r, name);

	/* Every record without an employee has a report row by now. */
	if (diag_excluded_since(f->diag, mark) || m != M_ONE)
		return plan(s, r, name, ACT_EXCLUDE, mark, NULL);
	if (p != NULL && latest == 0) {
		/* This result is fine, but another one cannot be ordered. */
		buf_reset(&s->note);
		buf_printf(&s->note, "%zu 行目の受検日が日付として読めない"
		    "ため、どの結果が最新か決められません", (size_t)p->bad_line);
		return plan(s, r, name, ACT_EXCLUDE, mark, s->note.p);
	}
	s->out[0] = emp_num(s, e);
	s->out[1] = str(&s->date);
	s->out[2] = str(&s->type);
	s->out[3] = str(&s->link);
	for (i = 0; i < s->ntrait; i++)
		s->out[4 + i] = str(&s->tv[i]);
	for (i = 0; i < 4 + s->ntrait; i++)
		s->outlen[i] = strlen(s->out[i]);
	if ((w = flow_write(f, s->out, s->outlen, 4 + s->ntrait, r->line,
	    s->hdr, s->key.p, name)) == -1)
		return -1;
	return plan(s, r, name, w == 0 ? ACT_SYNC : ACT_EXCLUDE, mark, NULL);
}

static void
results_free(struct results *s)
{
	size_t	 i;

	for (i = 0; i < s->ntrait; i++) {
		free(s->thdr != NULL ? s->thdr[i] : NULL);
		if (s->tv != NULL)
			buf_free(&s->tv[i]);
	}
	free(s->thdr);
	free(s->tv);
	free(s->hdr);
	free(s->out);
	free(s->outlen);
	free(s->trait);
	free(s->sname);
	free(s->snumhdr);
	free(s->emp);
	free(s->picks);
	for (i = 0; i < 2; i++)
		table_free(s->idx[i].t);
	table_free(s->numz);
	buf_free(&s->arena);
	buf_free(&s->key);
	buf_free(&s->k2);
	buf_free(&s->nm);
	buf_free(&s->alt);
	buf_free(&s->date);
	buf_free(&s->type);
	buf_free(&s->link);
	buf_free(&s->msg);
	buf_free(&s->note);
	buf_free(&s->codes);
	buf_free(&s->fld);
	flow_free(&s->f);
}

int
cmd_results(const struct cmd *c, struct opts *o)
{
	static const int req_email[R_NROLES] = { 0, 1, 1, 1, 1, 0 };
	static const int req_number[R_NROLES] = { 1, 0, 1, 1, 1, 0 };
	struct results	 s;
	struct flow	*f = &s.f;
	struct rec	*r;
	const char	*path;
	long		 want;
	int		 rc, k;

	memset(&s, 0, sizeof(s));
	if ((rc = flow_init(f, c, o)) != 0)
		goto out;
	path = o->nargs > 0 ? o->args[0] : "-";
	if (o->nargs > 1) {
		rc = usage_error(c, "one MIKIWAME_RESULTS at most");
		goto out;
	}
	if (!(o->given & OPT_MATCH)) {
		rc = usage_error(c, "--match is required: email or "
		    "employee-number (the key that finds each result's "
		    "SmartHR employee)");
		goto out;
	}
	if (!(o->given & OPT_SEMPS)) {
		rc = usage_error(c, "--smarthr-employees FILE is required: "
		    "SmartHR's bulk update is keyed by the 社員番号 SmartHR "
		    "holds, which only its employee export gives");
		goto out;
	}
	s.by = strcmp(o->match, "email") == 0 ? BY_EMAIL : BY_NUMBER;
	s.word = s.by == BY_EMAIL ? "メールアドレス" : "社員番号";
	if (options(&s, &want) == -1 ||
	    (f->in = flow_input_once(f, path)) == NULL ||
	    input_map(f, f->in, "mikiwame_column", rroles,
	    s.by == BY_EMAIL ? req_email : req_number, R_NROLES,
	    s.col) == -1 ||
	    find_traits(&s, want) == -1 ||
	    spool(&s) == -1 ||
	    load_smarthr(&s, o->semps) == -1 ||
	    pass1(&s) == -1 ||
	    input_rewind(f->in, &f->err) == -1) {
		rc = flow_fail(f, "%s", f->err.p);
		goto out;
	}
	if ((rc = flow_outputs(f, s.hdr, 4 + s.ntrait)) != 0)
		goto out;
	while ((k = input_next(f->in, &r, &f->err)) == 1)
		if (record(&s, r) == -1) {
			rc = flow_fail(f, "%s", f->err.p);
			goto out;
		}
	if (k == -1) {
		rc = flow_fail(f, "%s", f->err.p);
		goto out;
	}
	rc = flow_finish(f, 0);
out:
	results_free(&s);
	return rc;
}
