/*
 * employees: a SmartHR employee export to the ミキワメAI employee import
 * (SPEC §7, manual 手順4), with every record left out reported.
 *
 * The input is parsed once, into a spool of the columns the roles use
 * (input_spool), and the spool is read twice. The first pass keeps only
 * keys: the address and, in employee-number mode, the 社員番号 of every
 * record that is not opted out, grouped with the number of records that
 * share them and the first few lines, so that memory follows the keys and
 * a duplicate message costs the same whether two records or 200,000 share
 * an address. The second pass decides each record in line order: its
 * report rows, its plan row and its output row.
 *
 * The reference files (--mikiwame-departments, --smarthr-departments,
 * --mikiwame-employees) are read whole before the first pass. A problem in
 * one of them — a missing column, invalid bytes, a wrong field count — is
 * an input error (exit 2): a half-read reference would quietly turn into
 * wrong exclusions or, worse, into employees created a second time.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dept.h"
#include "dtree.h"
#include "emp.h"
#include "flow.h"
#include "key.h"
#include "norm.h"
#include "smaster.h"
#include "table.h"

#define DUP_SHOW	10		/* other lines a duplicate message names */
#define NOVAL		((size_t)-1)	/* roster: the file has no such column */

/*
 * Records that share a key: how many, the first line, and for keys of two
 * or more records the first DUP_SHOW + 1 lines (one of them may be the
 * record the message is about).
 */
struct dups {
	struct table	*t;		/* key -> group (later: shared ones) */
	size_t		*n, *first, *more;	/* more: 1 + index into ln */
	unsigned char	*retired;	/* a record of the group is 退職 */
	size_t		(*ln)[DUP_SHOW + 1];
	size_t		 ng, capg, nm, capm;
};

/* The current ミキワメAI employees (--mikiwame-employees). */
struct roster {
	struct table	*byemail, *bynum;	/* key -> employee */
	struct table	*bynumz;	/* key_number_zeros -> employee */
	size_t		*off;		/* EC_N offsets into text, or NOVAL */
	size_t		*line;		/* the employee's line in the file */
	unsigned char	*seen;		/* a SmartHR record has their key */
	size_t		 n, cap;
	struct buf	 text;
	int		 has[EC_N];	/* the file has the column */
};

/* What becomes of a record (the plan's 操作). */
enum act {
	A_SYNC, A_NEW, A_UPDATE, A_SAME, A_UNKNOWN, A_EXCLUDE, A_OPTOUT,
	A_ABSENT
};

static const char *const act_name[] = {
	[A_SYNC] = ACT_SYNC, [A_NEW] = ACT_NEW, [A_UPDATE] = ACT_UPDATE,
	[A_SAME] = ACT_SAME, [A_UNKNOWN] = ACT_UNKNOWN,
	[A_EXCLUDE] = ACT_EXCLUDE, [A_OPTOUT] = ACT_OPTOUT,
	[A_ABSENT] = ACT_ABSENT,
};


struct ecmd {
	struct flow	 f;
	struct opts	*o;
	int		 numode;		/* --match employee-number */
	int		 col[ER_N];		/* input column of each role */
	int		 out[EC_N];		/* output column written */
	const char	*ohdr[EC_N];		/* output headers */
	struct emp_rules ru;
	struct dtree	*mk;			/* ミキワメAI departments */
	struct smaster	*sh;			/* --smarthr-departments */
	struct roster	*ro;			/* --mikiwame-employees */
	struct dups	 demail, dnum;
	struct table	*other;			/* types sent as その他 -> count */
	size_t		 nnew;
	size_t		 refline;		/* ref_next's record */
	struct emp_widths widths;		/* the export's 社員番号 */
	size_t		 padw;			/* the padded width, or 0 */
	/* One record's scratch space, reused. */
	struct buf	 fb[ER_N], key, name, k1, k2, hdrs, codes, chg;
	struct buf	 ek, nk;		/* the address and 社員番号 keys */
	struct buf	 zk;			/* nk without leading zeros */
	struct emp_in	 in;
	struct emp_out	 eo;
};

/* ---- key groups ------------------------------------------------------ */

static void
dups_init(struct dups *d)
{
	memset(d, 0, sizeof(*d));
	d->t = table_new();
}

static void
dups_free(struct dups *d)
{
	table_free(d->t);
	free(d->n);
	free(d->first);
	free(d->more);
	free(d->retired);
	free(d->ln);
}

/* Adds a record to its key's group; *found when the key had one. */
static size_t
dups_add(struct dups *d, const char *key, size_t len, size_t line,
    int *found)
{
	size_t	*v, g, m;

	v = table_put(d->t, key, len, found);
	if (!*found) {
		if (d->ng == d->capg) {
			d->capg = d->capg ? d->capg * 2 : 256;
			d->n = xreallocarray(d->n, d->capg, sizeof(*d->n));
			d->first = xreallocarray(d->first, d->capg,
			    sizeof(*d->first));
			d->more = xreallocarray(d->more, d->capg,
			    sizeof(*d->more));
			d->retired = xreallocarray(d->retired, d->capg,
			    sizeof(*d->retired));
		}
		*v = g = d->ng++;
		d->n[g] = 1;
		d->first[g] = line;
		d->more[g] = 0;
		d->retired[g] = 0;
		return g;
	}
	g = *v;
	if (d->more[g] == 0) {
		if (d->nm == d->capm) {
			d->capm = d->capm ? d->capm * 2 : 16;
			d->ln = xreallocarray(d->ln, d->capm, sizeof(*d->ln));
		}
		d->ln[d->nm][0] = d->first[g];
		d->more[g] = ++d->nm;
	}
	m = d->more[g] - 1;
	if (d->n[g] < DUP_SHOW + 1)
		d->ln[m][d->n[g]] = line;
	d->n[g]++;
	return g;
}

/*
 * After the first pass: the table keeps only the keys of two or more
 * records (each still naming its group), so that the second pass, which
 * looks up every record's key, searches a table that stays in the cache
 * instead of one entry per employee.
 */
static void
dups_shared(struct dups *d)
{
	struct table	*s;
	const char	*key;
	size_t		 g, len;
	int		 found;

	s = table_new();
	for (g = 0; g < d->ng; g++)
		if (d->n[g] >= 2) {
			/* Groups are numbered in the order keys were added. */
			key = table_key(d->t, g, &len);
			*table_put(s, key, len, &found) = g;
		}
	table_free(d->t);
	d->t = s;
}

/*
 * When key is shared, appends "3, 4 行目" or "3, 4, … 12 行目ほか N 件"
 * (the other records of the group) to out, and returns the group's size;
 * else returns 0. *retired says whether a record of the group is 退職: the
 * first pass marked the group's later records, and the second, in line
 * order, marks the first record (self_retired) before the others come.
 * Constant time: at most DUP_SHOW + 1 lines are looked at.
 */
static size_t
dups_others(struct dups *d, const char *key, size_t len, size_t self,
    struct buf *out, int self_retired, int *retired)
{
	const size_t	*v;
	const size_t	*ln;
	size_t		 g, i, have, shown = 0;

	if (len == 0 || (v = table_get(d->t, key, len)) == NULL ||
	    d->n[*v] < 2)
		return 0;
	g = *v;
	if (self_retired)
		d->retired[g] = 1;
	*retired = d->retired[g];
	ln = d->ln[d->more[g] - 1];
	have = d->n[g] < DUP_SHOW + 1 ? d->n[g] : DUP_SHOW + 1;
	for (i = 0; i < have && shown < DUP_SHOW; i++)
		if (ln[i] != self)
			buf_printf(out, "%s%zu", shown++ ? ", " : "", ln[i]);
	buf_adds(out, " 行目");
	if (d->n[g] - 1 > shown)
		buf_printf(out, "ほか %zu 件", d->n[g] - 1 - shown);
	return d->n[g];
}

/* ---- reference files ------------------------------------------------- */

/* Opens a reference file and maps its roles; NULL with f->err set. */
static struct input *
ref_open(struct ecmd *e, const char *path, const char *section,
    const char *const *role, const int *req, size_t nr, int *col)
{
	struct input	*in;

	if ((in = flow_input(&e->f, path)) == NULL)
		return NULL;
	if (input_map(&e->f, in, section, role, req, nr, col) == -1) {
		input_close(in);
		return NULL;
	}
	return in;
}

/*
 * The next record of a reference file with the fields of col[0..nc)
 * decoded and trimmed into v[]: 1, 0 at the end, -1 with f->err set.
 */
static int
ref_next(struct ecmd *e, struct input *in, const int *col, size_t nc,
    struct buf *v)
{
	struct rec	*r;
	size_t		 i, bad;
	int		 k;

	if ((k = input_next(in, &r, &e->f.err)) != 1)
		return k;
	e->refline = r->line;
	if (!input_count_ok(in, r)) {
		buf_printf(&e->f.err, "%s:%zu: the record has %zu field%s, the "
		    "header %zu; a reference file must be read whole, so fix "
		    "the file or export it again", in->name, r->line, r->nf,
		    r->nf == 1 ? "" : "s", in->nh);
		return -1;
	}
	for (i = 0; i < nc; i++) {
		if (input_peek(in, r, col[i], 1, &v[i], &bad) == -1) {
			buf_printf(&e->f.err, "%s:%zu: column \"%s\" has bytes "
			    "that are invalid in %s (byte 0x%02X); try "
			    "--input-encoding", in->name, r->line,
			    in->hdr[col[i]], enc_name(in->enc),
			    (unsigned char)r->f[col[i]][bad]);
			return -1;
		}
		buf_add(&v[i], "", 0);
	}
	return 1;
}

/* --mikiwame-departments, in order: a later file's code replaces. */
static int
load_mdepts(struct ecmd *e)
{
	static const char *const role[] = {
		"department_code", "department_name", "parent_department_code"
	};
	static const int req[] = { 1, 1, 0 };
	struct input	*in;
	struct buf	 v[3] = {{0}};
	int		 col[3], k = 0;
	size_t		 i;

	e->mk = dtree_new();
	for (i = 0; i < e->o->nmdepts && k == 0; i++) {
		in = ref_open(e, e->o->mdepts[i], "mikiwame_column", role, req,
		    3, col);
		if (in == NULL)
			k = -1;
		while (in != NULL && (k = ref_next(e, in, col, 3, v)) == 1)
			dtree_add(e->mk, v[0].p, v[1].p, v[2].p);
		input_close(in);
	}
	for (i = 0; i < 3; i++)
		buf_free(&v[i]);
	dtree_build(e->mk);
	return k;
}

/*
 * --smarthr-departments: read by smaster as `departments` reads it, and
 * decided by dept_resolve as `departments` would decide it with the
 * --mikiwame-departments files as the current ミキワメAI departments (they
 * are read first), so that the departments an employee can be placed in
 * are those `departments` accepts. Then every record's full path is
 * indexed for department().
 */
static int
load_sdepts(struct ecmd *e)
{
	struct input	*in;
	struct dept_set	*s;
	size_t		 i;
	int		 k = -1;

	if ((in = flow_input(&e->f, e->o->sdepts)) == NULL)
		return -1;
	if ((e->sh = smaster_new(&e->f, in, 1)) != NULL &&
	    (k = smaster_read(e->sh)) == 0) {
		s = e->sh->set;
		for (i = 0; i < dtree_count(e->mk); i++)
			if (dtree_code(e->mk, i)[0] != '\0')
				dept_miki_put(s, dtree_code(e->mk, i),
				    dtree_name(e->mk, i), dtree_parent(e->mk, i));
		dept_resolve(s);
		dept_index(s);
	}
	if (e->sh != NULL)
		e->sh->in = NULL;
	input_close(in);
	return k;
}

static void
index_first(struct table *t, const struct buf *key, size_t id)
{
	size_t	*v;
	int	 found;

	/* Keys are unique in ミキワメAI; should a file repeat one, the first counts. */
	if (key->len == 0)
		return;
	v = table_put(t, key->p, key->len, &found);
	if (!found)
		*v = id;
}

/* --mikiwame-employees: every column of the output format that it has. */
static int
load_roster(struct ecmd *e)
{
	struct roster	*ro;
	struct input	*in;
	struct buf	 v[EC_N] = {{0}};
	int		 col[EC_N], req[EC_N] = {0}, k;
	size_t		 c, *off;

	req[EC_EMAIL] = !e->numode;
	req[EC_NUMBER] = e->numode;
	if ((in = ref_open(e, e->o->memps, "mikiwame_column", emp_col_role, req,
	    EC_N, col)) == NULL)
		return -1;
	ro = e->ro = xcalloc(1, sizeof(*ro));
	ro->byemail = table_new();
	ro->bynum = table_new();
	ro->bynumz = table_new();
	for (c = 0; c < EC_N; c++)
		ro->has[c] = col[c] != -1;
	while ((k = ref_next(e, in, col, EC_N, v)) == 1) {
		if (ro->n == ro->cap) {
			ro->cap = ro->cap ? ro->cap * 2 : 64;
			ro->off = xreallocarray(ro->off, ro->cap,
			    EC_N * sizeof(*ro->off));
			ro->line = xreallocarray(ro->line, ro->cap,
			    sizeof(*ro->line));
			ro->seen = xreallocarray(ro->seen, ro->cap,
			    sizeof(*ro->seen));
		}
		ro->line[ro->n] = e->refline;
		ro->seen[ro->n] = 0;
		off = ro->off + ro->n * EC_N;
		for (c = 0; c < EC_N; c++) {
			off[c] = ro->has[c] ? ro->text.len : NOVAL;
			if (ro->has[c])
				buf_add(&ro->text, v[c].p, v[c].len + 1);
		}
		key_email(v[EC_EMAIL].p, v[EC_EMAIL].len, &e->k1);
		index_first(ro->byemail, &e->k1, ro->n);
		key_number(v[EC_NUMBER].p, v[EC_NUMBER].len, &e->k1);
		index_first(ro->bynum, &e->k1, ro->n);
		key_number_zeros(v[EC_NUMBER].p, v[EC_NUMBER].len, &e->k1);
		index_first(ro->bynumz, &e->k1, ro->n);
		ro->n++;
	}
	for (c = 0; c < EC_N; c++) {
		buf_free(&v[c]);
		if (!ro->has[c] && e->out[c])
			diag_notice(e->f.diag, "%s has no %s column: its current "
			    "values count as empty when records are compared",
			    e->o->memps, e->ohdr[c]);
	}
	input_close(in);
	return k;
}

static const char *
roster_value(const struct roster *ro, size_t id, enum emp_col c)
{
	size_t	 o = ro->off[id * EC_N + c];

	return o == NOVAL ? NULL : ro->text.p + o;
}

static int
roster_find(const struct table *t, const struct buf *key, size_t *id)
{
	const size_t	*v;

	if (key->len == 0 || (v = table_get(t, key->p, key->len)) == NULL)
		return 0;
	*id = *v;
	return 1;
}

static void
roster_free(struct roster *ro)
{
	if (ro == NULL)
		return;
	table_free(ro->byemail);
	table_free(ro->bynum);
	table_free(ro->bynumz);
	free(ro->off);
	free(ro->line);
	free(ro->seen);
	buf_free(&ro->text);
	free(ro);
}

/* ---- the input's columns --------------------------------------------- */

static int
map_input(struct ecmd *e)
{
	int		 req[ER_N] = {0};
	size_t		 c;
	struct buf	 acc = {0};

	req[ER_LAST] = req[ER_FIRST] = 1;
	req[ER_LAST_KANA] = req[ER_FIRST_KANA] = req[ER_EMAIL] = 1;
	req[ER_NUMBER] = e->numode;
	if (input_map(&e->f, e->f.in, "smarthr_column", emp_role_name, req,
	    ER_N, e->col) == -1)
		return -1;
	for (c = 0; c < EC_N; c++) {
		e->ohdr[c] = profile_get(e->f.prof, "output_column",
		    emp_col_role[c]);
		if (e->ohdr[c] == NULL)
			e->ohdr[c] = emp_col_role[c];
		e->out[c] = e->col[emp_col_src[c]] != -1;
		if (e->out[c])
			continue;
		/* An absent column must not blank ミキワメAI's data: leave it out. */
		buf_reset(&acc);
		profile_accepted(e->f.prof, "smarthr_column",
		    emp_role_name[emp_col_src[c]], &acc);
		diag_notice(e->f.diag, "no %s column in the input (accepted "
		    "headers: %s): the output leaves %s out", e->ohdr[c],
		    acc.p ? acc.p : "", e->ohdr[c]);
	}
	if (e->col[ER_OPTOUT] == -1) {
		buf_reset(&acc);
		profile_accepted(e->f.prof, "smarthr_column", "opt_out", &acc);
		diag_notice(e->f.diag, "no opt-out column in the input "
		    "(accepted headers: %s): no record is treated as 対象外",
		    acc.p ? acc.p : "");
	}
	buf_free(&acc);
	return 0;
}

static const char *
hdr(const struct ecmd *e, enum emp_role r)
{
	return e->col[r] >= 0 ? e->f.in->hdr[e->col[r]] : emp_role_name[r];
}

/* ---- pass 1: keys ---------------------------------------------------- */

static int
opted_out(struct ecmd *e, const struct rec *r)
{
	size_t	 bad;

	return e->col[ER_OPTOUT] >= 0 && input_peek(e->f.in, r,
	    e->col[ER_OPTOUT], 1, &e->fb[ER_OPTOUT], &bad) == 0 &&
	    emp_opted_out(&e->ru, e->fb[ER_OPTOUT].p ? e->fb[ER_OPTOUT].p : "",
	    e->fb[ER_OPTOUT].len);
}

/* Marks the ミキワメAI employee found under key in t as in the export. */
static int
seen(struct roster *ro, const struct table *t, const struct buf *key)
{
	size_t	 id;

	if (!roster_find(t, key, &id))
		return 0;
	ro->seen[id] = 1;
	return 1;
}

/*
 * The first pass: the keys of every record that is not opted out, grouped
 * (duplicates), with whether a record of the group is 退職 (a re-hire);
 * the widths of the 社員番号; and, with --mikiwame-employees, which
 * ミキワメAI employees the export has at all (opted-out records count: they
 * are in the export).
 */
static int
pass_keys(struct ecmd *e)
{
	struct rec	*r;
	struct buf	*fb = e->fb;
	size_t		 bad, g;
	int		 k, out, em, num, found;

	while ((k = input_next(e->f.in, &r, &e->f.err)) == 1) {
		/* Fields of a record of the wrong length are not where they seem. */
		if (!input_count_ok(e->f.in, r))
			continue;
		out = opted_out(e, r);
		em = input_peek(e->f.in, r, e->col[ER_EMAIL], 1, &fb[ER_EMAIL],
		    &bad) == 0 && fb[ER_EMAIL].len > 0;
		if (em)
			key_email(fb[ER_EMAIL].p, fb[ER_EMAIL].len, &e->ek);
		num = e->col[ER_NUMBER] >= 0 && input_peek(e->f.in, r,
		    e->col[ER_NUMBER], 1, &fb[ER_NUMBER], &bad) == 0 &&
		    fb[ER_NUMBER].len > 0;
		if (num) {
			key_number(fb[ER_NUMBER].p, fb[ER_NUMBER].len, &e->nk);
			emp_widths_add(&e->widths, e->nk.p, e->nk.len);
		}
		if (e->ro != NULL) {
			if (em)
				(void)seen(e->ro, e->ro->byemail, &e->ek);
			/* The number without its zeros only if it is not found. */
			if (num && !seen(e->ro, e->ro->bynum, &e->nk)) {
				key_zeros(e->nk.p, e->nk.len, &e->zk);
				(void)seen(e->ro, e->ro->bynumz, &e->zk);
			}
		}
		if (out)
			continue;
		/*
		 * A re-hire shows as a shared address with a 退職 record. The
		 * status of a group's later records is read here, only when
		 * the address is already known; the second pass reads the
		 * first record's before any other of the group comes.
		 */
		if (em) {
			g = dups_add(&e->demail, e->ek.p, e->ek.len, r->line,
			    &found);
			if (found && e->col[ER_STATUS] >= 0 &&
			    input_peek(e->f.in, r, e->col[ER_STATUS], 1,
			    &fb[ER_STATUS], &bad) == 0 && emp_retired(&e->ru,
			    fb[ER_STATUS].p, fb[ER_STATUS].len))
				e->demail.retired[g] = 1;
		}
		if (e->numode && num)
			(void)dups_add(&e->dnum, e->nk.p, e->nk.len, r->line,
			    &found);
	}
	dups_shared(&e->demail);
	dups_shared(&e->dnum);
	e->padw = emp_widths_padded(&e->widths);
	return k;
}

/* ---- pass 2: records ------------------------------------------------- */

/*
 * Decodes role r into e->in. Reported (ENCODING_INVALID, with the key and
 * name known so far) unless quiet.
 */
static void
field(struct ecmd *e, const struct rec *r, enum emp_role role, int quiet)
{
	struct buf	*b = &e->fb[role];
	size_t		 bad;
	int		 k;

	if (quiet)
		k = input_peek(e->f.in, r, e->col[role], 1, b, &bad);
	else
		k = input_field(&e->f, e->f.in, r, e->col[role], 1, b,
		    e->key.p, e->name.p);
	if (k == -1)
		e->in.bad |= ER_BIT(role);
	buf_add(b, "", 0);
	e->in.v[role] = b->p;
	e->in.len[role] = b->len;
}

/* Leaves role unread and empty. */
static void
skip(struct ecmd *e, enum emp_role role, unsigned *done)
{
	e->in.v[role] = "";
	e->in.len[role] = 0;
	*done |= ER_BIT(role);
}

/*
 * Reads the record's fields: the key first, then the name (business name
 * first, as written), then the rest, so that each report row of an invalid
 * field carries as much of the key and name as could be read.
 */
static void
read_record(struct ecmd *e, const struct rec *r, int quiet)
{
	static const enum emp_role names[] = {
		ER_LAST, ER_FIRST, ER_BLAST, ER_BFIRST
	};
	enum emp_role	 kr = e->numode ? ER_NUMBER : ER_EMAIL;
	const struct emp_in *in = &e->in;
	enum emp_role	 l, f;
	unsigned	 done;
	size_t		 i;

	e->in.bad = 0;
	buf_reset(&e->key);
	buf_reset(&e->name);
	buf_add(&e->key, "", 0);
	buf_add(&e->name, "", 0);
	field(e, r, kr, quiet);
	norm_ascii(in->v[kr], in->len[kr], &e->key);
	done = ER_BIT(kr);
	for (i = 0; i < ARRAY_LEN(names); i++) {
		field(e, r, names[i], quiet);
		done |= ER_BIT(names[i]);
	}
	l = in->len[ER_BLAST] > 0 ? ER_BLAST : ER_LAST;
	f = in->len[ER_BFIRST] > 0 ? ER_BFIRST : ER_FIRST;
	buf_add(&e->name, in->v[l], in->len[l]);
	if (in->len[l] > 0 && in->len[f] > 0)
		buf_addc(&e->name, ' ');
	buf_add(&e->name, in->v[f], in->len[f]);
	if (quiet)
		return;
	/*
	 * A business name's reading is used only with the business name
	 * (emp.c): without it, it is not read, as no unused field is.
	 */
	if (in->len[ER_BLAST] == 0)
		skip(e, ER_BLAST_KANA, &done);
	if (in->len[ER_BFIRST] == 0)
		skip(e, ER_BFIRST_KANA, &done);
	for (i = 0; i < ER_N; i++)
		if (!(done & ER_BIT(i)))
			field(e, r, (enum emp_role)i, 0);
}

/*
 * The headers of roles: "姓・名" for the report's 項目, or quoted
 * "「姓」「名」" for a message.
 */
static void
fields_of(const struct ecmd *e, unsigned roles, int quoted, struct buf *out)
{
	size_t	 r;

	buf_reset(out);
	buf_add(out, "", 0);
	for (r = 0; r < ER_N; r++)
		if (roles & ER_BIT(r)) {
			if (out->len > 0 && !quoted)
				buf_adds(out, "・");
			buf_printf(out, quoted ? "「%s」" : "%s",
			    hdr(e, (enum emp_role)r));
		}
}

static void
add(struct ecmd *e, size_t line, enum diag_code code, unsigned roles,
    const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* One report row for the record; fmt NULL takes the code's text. */
static void
add(struct ecmd *e, size_t line, enum diag_code code, unsigned roles,
    const char *fmt, ...)
{
	va_list	 ap;

	fields_of(e, roles, 0, &e->hdrs);
	va_start(ap, fmt);
	diag_vadd(e->f.diag, line, code, e->key.p, e->name.p, e->hdrs.p, fmt,
	    ap);
	va_end(ap);
}

/* The rows of emp_map's problems. */
static void
report_problems(struct ecmd *e, size_t line)
{
	const struct emp_out *o = &e->eo;
	size_t		 i, r;
	unsigned	 roles;

	for (i = 0; i < o->nprob; i++) {
		roles = o->prob[i].roles;
		switch (o->prob[i].code) {
		case EMP_NAME_MISSING:
			fields_of(e, roles, 1, &e->k2);
			add(e, line, EMP_NAME_MISSING, roles, "氏名の%sが入力"
			    "されていません%s", e->k2.p,
			    e->col[ER_BLAST] >= 0 || e->col[ER_BFIRST] >= 0 ?
			    "（ビジネスネームも空です）" : "");
			break;
		case EMP_KANA_MISSING:
			fields_of(e, roles, 1, &e->k2);
			add(e, line, EMP_KANA_MISSING, roles, "氏名カナの%sが"
			    "入力されていません", e->k2.p);
			break;
		case EMP_EMAIL_INVALID:
			add(e, line, EMP_EMAIL_INVALID, roles, "メールアドレス"
			    "「%s」の形式が正しくありません（taro@example.co.jp"
			    " のように、空白や全角文字を含まない形にしてください）",
			    o->v[EC_EMAIL].p);
			break;
		case EMP_NUMBER_MISSING:
			add(e, line, EMP_NUMBER_MISSING, roles, "社員番号が入力"
			    "されていません（社員番号で連携するため必要です）");
			break;
		case EMP_NUMBER_SUSPICIOUS:
			add(e, line, EMP_NUMBER_SUSPICIOUS, roles, "社員番号「%s」"
			    "は表計算ソフトで数値に変換された形（指数表記、"
			    "末尾の .0）に見えます。SmartHRの社員番号を確認"
			    "してください", o->v[EC_NUMBER].p);
			break;
		case EMP_DATE_INVALID:
			buf_reset(&e->k2);
			for (r = 0; r < ER_N; r++)
				if (roles & ER_BIT(r))
					buf_printf(&e->k2, "%s「%s」の「%s」",
					    e->k2.len ? "、" : "",
					    hdr(e, (enum emp_role)r),
					    e->in.v[r]);
			add(e, line, EMP_DATE_INVALID, roles, "%sは日付として"
			    "正しくありません（1985/4/1、昭和60年4月1日、"
			    "S60.4.1 などの形で、暦にある日付）", e->k2.p);
			break;
		default:
			add(e, line, o->prob[i].code, roles, NULL);
			break;
		}
	}
}

/* Departments a 部署1 message names, at most ("「A」・「B」ほか"). */
#define LIKE_SHOW	2

/*
 * The ミキワメAI departments that 部署1 v may have meant, as
 * 「営業本部/企画課」・「管理本部/企画課」 (with their codes when two have one
 * path: *same is set), into out; returns how many there are (dtree_like:
 * up to LIKE_SHOW + 1) and the first in *first.
 */
static size_t
miki_like(struct ecmd *e, const char *v, size_t len, struct buf *out,
    size_t *first, int *same)
{
	struct buf	 p[LIKE_SHOW] = {{0}};
	size_t		 ids[LIKE_SHOW], n, i;
	int		 codes;

	buf_reset(out);
	n = dtree_like(e->mk, v, len, ids, LIKE_SHOW);
	for (i = 0; i < n && i < LIKE_SHOW; i++)
		dtree_path(e->mk, ids[i], &p[i]);
	codes = n > 1 && strcmp(p[0].p, p[1].p) == 0;
	for (i = 0; i < n && i < LIKE_SHOW; i++) {
		buf_printf(out, "%s「%s」", i ? "・" : "", p[i].p);
		if (codes && dtree_code(e->mk, ids[i])[0] != '\0')
			buf_printf(out, "（部署コード %s）",
			    dtree_code(e->mk, ids[i]));
		buf_free(&p[i]);
	}
	if (n > LIKE_SHOW)
		buf_adds(out, "ほか");
	if (n > 0)
		*first = ids[0];
	*same = codes;
	return n;
}

/*
 * 部署1 in the ミキワメAI tree, by its whole path (a bare name: the one
 * department of that name). A miss names the departments of the same
 * name, so that 開発本部/企画課 does not quietly become 営業本部/企画課.
 */
static void
miki_department(struct ecmd *e, size_t line, const char *v, size_t len)
{
	struct buf	 like = {0};
	size_t		 id, n;
	unsigned	 roles = ER_BIT(ER_DEPT);
	int		 same;

	switch (dtree_find(e->mk, v, len, &id)) {
	case DT_FOUND:
		buf_adds(&e->eo.v[EC_DEPT], dtree_name(e->mk, id));
		break;
	case DT_AMBIGUOUS:
		(void)miki_like(e, v, len, &like, &id, &same);
		add(e, line, EMP_DEPARTMENT_UNREGISTERED, roles, "部署「%s」に"
		    "当たる部署がミキワメAIに複数あり（%s）、どれか決められません。"
		    "%s--smarthr-departments を使ってください", v, like.p,
		    same ? "部署コードで決めるには " : "部署1を階層つき（本部/部）"
		    "で入力するか ");
		break;
	default:
		if ((n = miki_like(e, v, len, &like, &id, &same)) == 0)
			add(e, line, EMP_DEPARTMENT_UNREGISTERED, roles,
			    "部署「%s」はミキワメAIに登録がありません。部署を"
			    "先に連携してください（mikibridge departments）", v);
		else
			add(e, line, EMP_DEPARTMENT_UNREGISTERED, roles,
			    "部署「%s」はミキワメAIにありません。同じ名前の部署"
			    "「%s」は%sにありますが、上位の部署が違います。部署1を"
			    "確かめるか、部署を先に連携してください"
			    "（mikibridge departments）", v,
			    dtree_name(e->mk, id), like.p);
		break;
	}
	buf_free(&like);
}

/*
 * Record r of the SmartHR master for a message: its full path (or, without
 * one, its name), line and code: 「営業本部/企画課」（5行目、部署コード A5）.
 */
static void
sm_label(const struct dept_set *s, size_t r, struct buf *out)
{
	const struct dept *d = &s->d[r];
	struct buf	 p = {0};

	if (!dept_path(s, r, &p))
		buf_adds(&p, d->name != NULL ? d->name : "");
	buf_printf(out, "「%s」（%zu行目、", p.p, d->line);
	if (d->code != NULL && d->code[0] != '\0')
		buf_printf(out, "部署コード %s）", d->code);
	else
		buf_adds(out, "部署コードなし）");
	buf_free(&p);
}

/*
 * The records that 部署1 v may have meant, labelled and joined by ・;
 * returns how many there are (dept_like: up to LIKE_SHOW + 1), with the
 * first in *first and whether the first two have one path in *same.
 */
static size_t
sm_like(struct ecmd *e, const char *v, size_t len, struct buf *out,
    size_t *first, int *same)
{
	const struct dept_set *s = e->sh->set;
	struct buf	 p[LIKE_SHOW] = {{0}};
	size_t		 recs[LIKE_SHOW], n, i;

	buf_reset(out);
	n = dept_like(s, v, len, recs, LIKE_SHOW);
	for (i = 0; i < n && i < LIKE_SHOW; i++) {
		if (i > 0)
			buf_adds(out, "・");
		sm_label(s, recs[i], out);
	}
	if (n > LIKE_SHOW)
		buf_adds(out, "ほか");
	*same = n > 1 && dept_path(s, recs[0], &p[0]) &&
	    dept_path(s, recs[1], &p[1]) && strcmp(p[0].p, p[1].p) == 0;
	if (n > 0)
		*first = recs[0];
	for (i = 0; i < LIKE_SHOW; i++)
		buf_free(&p[i]);
	return n;
}

/*
 * Why `departments` leaves record r out, as a phrase that "ため" follows;
 * returns the code that `departments` reports first for it.
 */
static enum diag_code
sm_why(const struct dept_set *s, size_t r, struct buf *out)
{
	const struct dept *d = &s->d[r], *o;
	size_t		 other;

	if (d->problems & DP_NO_CODE) {
		buf_adds(out, "部署コードが入力されていない");
		return DEPT_NO_CODE;
	}
	if (d->problems & DP_DUP_CODE) {
		other = d->first_code != r ? d->first_code : d->same_code;
		buf_printf(out, "部署コード %s がほかの行（%zu行目）にもある",
		    d->code, s->d[other].line);
		return DEPT_DUPLICATE_CODE;
	}
	if (d->problems & DP_NAME_MISSING) {
		buf_adds(out, "部署名が入力されていない");
		return DEPT_NAME_MISSING;
	}
	if (d->problems & DP_TOO_DEEP) {
		buf_printf(out, "第%zu階層にある（連携できるのは%d階層まで）",
		    d->depth, DEPT_MAX_LEVEL);
		return DEPT_TOO_DEEP;
	}
	if (d->problems & DP_PARENT_MISSING) {
		switch (d->miss) {
		case MISS_GAP:
			buf_printf(out, "第%zu階層が空で上位の部署がたどれない",
			    d->gap);
			break;
		case MISS_LEVEL:
			buf_adds(out, "上位の部署の行がない");
			break;
		case MISS_AMBIGUOUS:
			buf_printf(out, "上位の部署に当たる行が複数（%zu行目・"
			    "%zu行目）ある", s->d[d->other].line,
			    s->d[d->other2].line);
			break;
		default:
			buf_printf(out, "親部署「%s」が見つからない", d->pref);
			break;
		}
		return DEPT_PARENT_MISSING;
	}
	if (d->problems & DP_CYCLE) {
		buf_adds(out, "親部署をたどると自分自身に戻る");
		return DEPT_CYCLE;
	}
	if (d->problems & DP_UNLINKED) {
		if (d->dup_parent != DEPT_NONE)
			buf_printf(out, "親部署コード %s が複数の行にある",
			    d->pref);
		else if (d->parent == DEPT_NONE)
			buf_adds(out, "親部署が連携されない");
		else {
			o = &s->d[d->parent];
			buf_printf(out, "親部署（%zu行目", o->line);
			if (o->code != NULL && o->code[0] != '\0')
				buf_printf(out, "、部署コード %s", o->code);
			buf_adds(out, "）が連携されない");
		}
		return DEPT_PARENT_UNLINKED;
	}
	if (d->problems & DP_NAME_CONFLICT) {
		if (d->clash == CLASH_EARLIER)
			buf_printf(out, "部署名「%s」を%zu行目の部署（部署コード "
			    "%s）が先に使っている", d->name,
			    s->d[d->other].line, s->d[d->other].code);
		else
			buf_printf(out, "部署名「%s」をミキワメAIで部署コード %s "
			    "の部署が使っている", d->name, s->m[d->miki].code);
		return DEPT_NAME_CONFLICT;
	}
	/* Not reached: a reference file with unreadable records is exit 2. */
	buf_adds(out, "読めない値がある");
	return ENCODING_INVALID;
}

/*
 * 部署1 in the SmartHR master, by its whole path (a bare name: the one
 * record of that name), as `departments` decided it: a record it leaves
 * out places no employee, and the message says why. The record's code
 * must then be a ミキワメAI department.
 */
static void
sm_department(struct ecmd *e, size_t line, const char *v, size_t len)
{
	const struct dept_set *s = e->sh->set;
	const char	*file = e->o->sdepts;
	struct buf	 t = {0}, why = {0};
	size_t		 r, id;
	unsigned	 roles = ER_BIT(ER_DEPT);
	int		 same;
	enum diag_code	 code;

	switch (dept_find(e->sh->set, v, len, &r)) {
	case DF_NONE:
		if (sm_like(e, v, len, &t, &r, &same) == 0)
			add(e, line, EMP_DEPARTMENT_UNREGISTERED, roles,
			    "部署「%s」がSmartHRの部署マスター（%s）にありません",
			    v, file);
		else
			add(e, line, EMP_DEPARTMENT_UNREGISTERED, roles,
			    "部署「%s」はSmartHRの部署マスター（%s）にありません。"
			    "同じ名前の部署「%s」は%sにありますが、上位の部署が"
			    "違います", v, file, s->d[r].name, t.p);
		break;
	case DF_AMBIGUOUS:
		(void)sm_like(e, v, len, &t, &r, &same);
		add(e, line, EMP_DEPARTMENT_UNREGISTERED, roles, "部署「%s」に"
		    "当たる部署がSmartHRの部署マスター（%s）に複数あり（%s）、"
		    "どれか決められません。%s", v, file, t.p, same ?
		    "部署マスターで部署を一つにしてください" :
		    "部署1を階層つき（本部/部）で入力してください");
		break;
	default:
		if (s->d[r].state != DS_ACCEPTED || s->d[r].broken) {
			code = sm_why(s, r, &why);
			buf_add(&t, "", 0);
			if (s->d[r].code != NULL && s->d[r].code[0] != '\0')
				buf_printf(&t, "（部署コード %s）", s->d[r].code);
			add(e, line, EMP_DEPARTMENT_UNREGISTERED, roles,
			    "部署「%s」はSmartHRの部署マスター（%s）の%zu行目%s"
			    "にありますが、%sため、mikibridge departments が"
			    "連携しません（%s）", v, file, s->d[r].line, t.p,
			    why.p, diag_code_name(code));
		} else if (!dtree_by_code(e->mk, s->d[r].code, &id))
			add(e, line, EMP_DEPARTMENT_UNREGISTERED, roles,
			    "部署「%s」（部署コード %s）はミキワメAIに登録が"
			    "ありません。部署を先に連携してください"
			    "（mikibridge departments）", v, s->d[r].code);
		else
			buf_adds(&e->eo.v[EC_DEPT], dtree_name(e->mk, id));
		break;
	}
	buf_free(&t);
	buf_free(&why);
}

/* 部署1 -> the ミキワメAI 部署名 in eo.v[EC_DEPT], or a report row. */
static void
department(struct ecmd *e, size_t line)
{
	const char	*v = e->in.v[ER_DEPT];
	size_t		 len = e->in.len[ER_DEPT];

	if (len == 0 || (e->in.bad & ER_BIT(ER_DEPT)))
		return;			/* an empty 部署1 is fine (manual) */
	if (e->sh == NULL)
		miki_department(e, line, v, len);
	else
		sm_department(e, line, v, len);
}

/*
 * EMP_EMAIL_DUPLICATE or EMP_NUMBER_DUPLICATE when the record's key (empty
 * when the field is empty or unreadable) is shared; what names the key,
 * as "同じ%sが" and "この%sは全 N 件".
 */
static void
duplicate(struct ecmd *e, size_t line, struct dups *d,
    const struct buf *key, enum emp_role role, enum diag_code code,
    const char *what, const char *this)
{
	size_t	 n;
	int	 retired = 0;

	if (key->len == 0 || (e->in.bad & ER_BIT(role)))
		return;
	buf_reset(&e->k2);
	if ((n = dups_others(d, key->p, key->len, line, &e->k2,
	    e->eo.v[EC_RFLAG].len > 0, &retired)) > 0)
		add(e, line, code, ER_BIT(role), "同じ%sが %sの社員にも登録されて"
		    "います（この%sは全 %zu 件）。どれも連携されません%s", what,
		    e->k2.p, this, n, retired && code == EMP_EMAIL_DUPLICATE ?
		    "。退職した社員の再入社なら、退職時の記録のミキワメAI連携を"
		    "「連携しない」にしてください" : "");
}

/* The 社員番号 of a ミキワメAI employee, in key form, into e->k1. */
static const char *
roster_number(struct ecmd *e, size_t id)
{
	const char	*v = roster_value(e->ro, id, EC_NUMBER);

	key_number(v != NULL ? v : "", v != NULL ? strlen(v) : 0, &e->k1);
	return v != NULL ? v : "";
}

/*
 * EMP_NUMBER_ZEROS_LOST when the record's 社員番号 and the ミキワメAI
 * employee id's differ only by leading zeros: 1 for 00001 (a spreadsheet
 * read the number as a number), never a match.
 */
static int
zeros_lost(struct ecmd *e, size_t line, size_t id)
{
	const char	*v = roster_number(e, id);

	if (e->nk.len == 0 || (e->nk.len == e->k1.len &&
	    memcmp(e->nk.p, e->k1.p, e->nk.len) == 0))
		return 0;
	key_number_zeros(v, strlen(v), &e->k1);
	if (e->k1.len != e->zk.len || memcmp(e->k1.p, e->zk.p, e->zk.len) != 0)
		return 0;
	if (e->nk.len < strlen(v))
		add(e, line, EMP_NUMBER_ZEROS_LOST, ER_BIT(ER_NUMBER), "社員番号"
		    "「%s」はミキワメAIの社員番号「%s」と先頭の0だけが違います。"
		    "表計算ソフトで開いて保存したときに0が失われた形です。"
		    "SmartHRから書き出し直すか、社員番号の列を文字列として"
		    "読み込んでください", e->eo.v[EC_NUMBER].p, v);
	else
		add(e, line, EMP_NUMBER_ZEROS_LOST, ER_BIT(ER_NUMBER), "社員番号"
		    "「%s」はミキワメAIの社員番号「%s」と先頭の0だけが違います。"
		    "ミキワメAIの社員番号のほうが0を失った形です（以前の取り込み"
		    "で表計算ソフトを通ったなど）。ミキワメAIの社員番号を直して"
		    "から連携してください", e->eo.v[EC_NUMBER].p, v);
	return 1;
}

/*
 * The checks against --mikiwame-employees that exclude a record: lost
 * zeros, a blanked 社員番号, and an address ミキワメAI has otherwise for
 * the person (EMP_EMAIL_CHANGED: importing would create a second, billed
 * person in email mode, and cannot change the address in employee-number
 * mode; ミキワメAI's addresses change through its support, manual 手順4).
 */
static void
roster_checks(struct ecmd *e, size_t line)
{
	static const char support[] = "ミキワメAIのメールアドレスの変更は"
	    "ミキワメAIのサポートにお問い合わせください（SmartHRのアドレスを"
	    "合わせる方法もあります）";
	struct roster	*ro = e->ro;
	size_t		 id;
	const char	*other;
	int		 found;

	if (e->in.bad & (ER_BIT(ER_EMAIL) | ER_BIT(ER_NUMBER)))
		return;
	if (e->numode) {
		if (e->nk.len == 0)
			return;
		if (!roster_find(ro->bynum, &e->nk, &id)) {
			if (roster_find(ro->bynumz, &e->zk, &id))
				(void)zeros_lost(e, line, id);
			return;
		}
		other = roster_value(ro, id, EC_EMAIL);
		if (other == NULL || e->ek.len == 0)
			return;
		key_email(other, strlen(other), &e->k1);
		if (e->k1.len == e->ek.len &&
		    memcmp(e->k1.p, e->ek.p, e->ek.len) == 0)
			return;
		add(e, line, EMP_EMAIL_CHANGED, ER_BIT(ER_EMAIL), "社員番号 %s は"
		    "ミキワメAIにメールアドレス %s で登録されています。この連携"
		    "ではミキワメAIのメールアドレスは変更できません。%s",
		    e->eo.v[EC_NUMBER].p, other, support);
		return;
	}
	if (e->ek.len == 0)
		return;
	if (roster_find(ro->byemail, &e->ek, &id)) {
		if (e->nk.len > 0)
			(void)zeros_lost(e, line, id);
		else if (e->out[EC_NUMBER] && roster_number(e, id)[0] != '\0')
			add(e, line, EMP_NUMBER_BLANKED, ER_BIT(ER_NUMBER),
			    "ミキワメAIではこの社員の社員番号は「%s」ですが、"
			    "SmartHRの社員番号が空です。このまま連携すると"
			    "ミキワメAIの社員番号が消え、社員番号での照合が"
			    "できなくなります", roster_number(e, id));
		return;
	}
	/*
	 * An address ミキワメAI does not know, on a 社員番号 it knows under
	 * another address (also when only the zeros differ).
	 */
	if (e->nk.len == 0)
		return;
	found = roster_find(ro->bynum, &e->nk, &id);
	if (!found && (found = roster_find(ro->bynumz, &e->zk, &id)))
		(void)zeros_lost(e, line, id);
	if (!found || (other = roster_value(ro, id, EC_EMAIL)) == NULL ||
	    other[0] == '\0')
		return;
	add(e, line, EMP_EMAIL_CHANGED, ER_BIT(ER_EMAIL), "社員番号 %s は"
	    "ミキワメAIにメールアドレス %s で登録されています。このまま連携"
	    "すると別の社員として新規登録され、契約人数が増えることがあります。"
	    "%s", roster_number(e, id), other, support);
}

/*
 * EMP_NUMBER_SUSPICIOUS for an all-digit 社員番号 shorter than the
 * zero-padded width most of the file's numbers have (1 among 00001, 00002
 * …): its zeros were probably lost. Not when a ミキワメAI number already
 * said so.
 */
static void
short_number(struct ecmd *e, size_t line, size_t mark)
{
	if (!emp_number_short(e->padw, e->nk.p, e->nk.len) ||
	    (e->in.bad & ER_BIT(ER_NUMBER)))
		return;
	buf_reset(&e->k2);
	diag_codes_since(e->f.diag, mark, &e->k2);
	if (e->k2.p != NULL && strstr(e->k2.p, "EMP_NUMBER_ZEROS_LOST") != NULL)
		return;
	add(e, line, EMP_NUMBER_SUSPICIOUS, ER_BIT(ER_NUMBER), "社員番号「%s」は"
	    "このファイルの多くの社員番号（%zu 桁、先頭を0で埋めた形）より短く、"
	    "表計算ソフトで先頭の0が失われた可能性があります", e->nk.p, e->padw);
}

/* The rules that need other records or the ミキワメAI employees. */
static void
cross_checks(struct ecmd *e, size_t line, size_t mark)
{
	duplicate(e, line, &e->demail, &e->ek, ER_EMAIL, EMP_EMAIL_DUPLICATE,
	    "メールアドレス", "アドレス");
	if (e->numode)
		duplicate(e, line, &e->dnum, &e->nk, ER_NUMBER,
		    EMP_NUMBER_DUPLICATE, "社員番号", "社員番号");
	if (e->ro != NULL)
		roster_checks(e, line);
	short_number(e, line, mark);
}

static int
plan(struct ecmd *e, size_t line, size_t mark, enum act act)
{
	buf_reset(&e->codes);
	diag_codes_since(e->f.diag, mark, &e->codes);
	if (diag_plan(e->f.diag, line, e->key.p, e->name.p, act_name[act],
	    e->codes.p, e->chg.p) == -1) {
		buf_printf(&e->f.err, "%s: write error: %s", e->o->plan,
		    strerror(errno));
		return -1;
	}
	return 0;
}

/*
 * Warnings for what the import would take away from ミキワメAI: a written
 * field that ミキワメAI has a value for and SmartHR leaves empty
 * (EMP_FIELD_BLANKED: written, since SmartHR is the source, but named),
 * and a 退職者フラグ set in ミキワメAI that SmartHR's 在籍状況 clears
 * (EMP_RETIRED_CLEARED: the integration sets the flag only for 退職, so
 * the import clears it; it may have been set by hand, manual Q4).
 */
static void
blanked(struct ecmd *e, size_t line, const char *const *old)
{
	unsigned	 roles = 0;
	size_t		 c;

	for (c = 0; c < EC_N; c++)
		if (e->out[c] && c != EC_NUMBER && c != EC_EMAIL &&
		    c != EC_RFLAG && old[c] != NULL && old[c][0] != '\0' &&
		    e->eo.v[c].len == 0)
			roles |= ER_BIT(e->eo.src[c]);
	if (roles != 0) {
		fields_of(e, roles, 1, &e->k2);
		add(e, line, EMP_FIELD_BLANKED, roles, "ミキワメAIにある%sの値が"
		    "SmartHRでは空のため、空で上書きされます。消してよいか"
		    "確かめてください", e->k2.p);
	}
	if (e->out[EC_RFLAG] && old[EC_RFLAG] != NULL &&
	    strcmp(old[EC_RFLAG], e->ru.retired_flag) == 0 &&
	    e->eo.v[EC_RFLAG].len == 0)
		add(e, line, EMP_RETIRED_CLEARED, ER_BIT(ER_STATUS), "ミキワメAI"
		    "では退職者フラグが %s ですが、SmartHRの在籍状況「%s」は"
		    "退職ではないため、フラグが外れます。退職した社員なら"
		    "SmartHRの在籍状況を直してください", old[EC_RFLAG],
		    e->in.v[ER_STATUS]);
}

/* The ミキワメAI employee the record matches: 更新, 変更なし, 新規, 未登録. */
static enum act
match(struct ecmd *e, size_t line)
{
	const char	*old[EC_N];
	size_t		 id, c;

	if (e->ro == NULL)
		return A_SYNC;
	if (!roster_find(e->numode ? e->ro->bynum : e->ro->byemail,
	    e->numode ? &e->nk : &e->ek, &id))
		return e->numode ? A_UNKNOWN : A_NEW;
	for (c = 0; c < EC_N; c++)
		old[c] = roster_value(e->ro, id, (enum emp_col)c);
	blanked(e, line, old);
	return emp_diff(&e->ru, &e->eo, e->out, old, e->ohdr, &e->chg) > 0 ?
	    A_UPDATE : A_SAME;
}

/*
 * The ミキワメAI employees whose address and 社員番号 (zeros stripped or
 * not) no record of the export has: never written, one plan row each
 * after the export's rows, and a notice when they are many.
 */
static int
absent(struct ecmd *e)
{
	struct roster	*ro = e->ro;
	const char	*k, *l, *f;
	size_t		 id, n = 0;

	if (ro == NULL)
		return 0;
	for (id = 0; id < ro->n; id++) {
		if (ro->seen[id])
			continue;
		n++;
		k = roster_value(ro, id, e->numode ? EC_NUMBER : EC_EMAIL);
		l = roster_value(ro, id, EC_LAST);
		f = roster_value(ro, id, EC_FIRST);
		buf_reset(&e->name);
		buf_printf(&e->name, "%s%s%s", l ? l : "",
		    l && f && *l && *f ? " " : "", f ? f : "");
		if (diag_plan(e->f.diag, ro->line[id], k ? k : "", e->name.p,
		    act_name[A_ABSENT], "", "") == -1) {
			buf_printf(&e->f.err, "%s: write error: %s", e->o->plan,
		    strerror(errno));
			return -1;
		}
	}
	if (n > 0 && n * 5 >= ro->n)
		diag_notice(e->f.diag, "%zu of the %zu employees in %s %s not "
		    "in the SmartHR export (%s in the plan): the export may be "
		    "filtered or cut short", n, ro->n, e->o->memps,
		    n == 1 ? "is" : "are", ACT_ABSENT);
	return 0;
}

static void
count_other(struct ecmd *e)
{
	size_t	*v;
	int	 found;

	v = table_put(e->other, e->in.v[ER_EMPTYPE], e->in.len[ER_EMPTYPE],
	    &found);
	++*v;
}

static int
write_record(struct ecmd *e, size_t line)
{
	const char	*fld[EC_N], *names[EC_N];
	size_t		 len[EC_N], n = 0, c;

	for (c = 0; c < EC_N; c++)
		if (e->out[c]) {
			fld[n] = e->eo.v[c].p;
			len[n] = e->eo.v[c].len;
			names[n] = hdr(e, e->eo.src[c]);
			n++;
		}
	return flow_write(&e->f, fld, len, n, line, names, e->key.p,
	    e->name.p);
}

static int
record(struct ecmd *e, const struct rec *r)
{
	struct flow	*f = &e->f;
	size_t		 mark = diag_mark(f->diag);
	enum act	 act;
	int		 k;

	diag_record(f->diag);
	buf_reset(&e->chg);
	if (!input_count_ok(f->in, r)) {
		buf_reset(&e->key);
		buf_reset(&e->name);
		add(e, r->line, CSV_FIELD_COUNT, 0, "項目数が %zu で、ヘッダーの"
		    " %zu 項目と一致しません（この行の値は読み取りません）",
		    r->nf, f->in->nh);
		return plan(e, r->line, mark, A_EXCLUDE);
	}
	if (opted_out(e, r)) {
		read_record(e, r, 1);
		return plan(e, r->line, mark, A_OPTOUT);
	}
	read_record(e, r, 0);
	key_email(e->in.v[ER_EMAIL], e->in.len[ER_EMAIL], &e->ek);
	key_number(e->in.v[ER_NUMBER], e->in.len[ER_NUMBER], &e->nk);
	emp_map(&e->ru, &e->in, &e->eo);
	report_problems(e, r->line);
	department(e, r->line);
	if (e->ro != NULL)
		key_zeros(e->nk.p != NULL ? e->nk.p : "", e->nk.len, &e->zk);
	cross_checks(e, r->line, mark);
	if (diag_excluded_since(f->diag, mark))
		return plan(e, r->line, mark, A_EXCLUDE);
	act = match(e, r->line);
	if (act == A_UNKNOWN || (act == A_SAME && e->o->changed_only))
		return plan(e, r->line, mark, act);
	if ((k = write_record(e, r->line)) == -1)
		return -1;
	if (k == 1) {
		buf_reset(&e->chg);
		act = A_EXCLUDE;
	} else {
		if (act == A_NEW)
			e->nnew++;
		if (e->eo.other)
			count_other(e);
	}
	return plan(e, r->line, mark, act);
}

static int
pass_records(struct ecmd *e)
{
	struct rec	*r;
	int		 k;

	while ((k = input_next(e->f.in, &r, &e->f.err)) == 1)
		if (record(e, r) == -1)
			return -1;
	return k;
}

/* ---- the command ----------------------------------------------------- */

static int
run(struct ecmd *e)
{
	struct flow	*f = &e->f;
	struct opts	*o = e->o;
	const char	*hdrs[EC_N];
	size_t		 c, n, len;
	int		 limit;

	if (emp_rules_init(&e->ru, f->prof, e->numode, &f->err) == -1)
		return flow_fail(f, "%s%s%s", o->profile ? o->profile : "",
		    o->profile ? ": " : "", f->err.p);
	if ((f->in = flow_input_once(f, o->nargs ? o->args[0] : "-")) ==
	    NULL || map_input(e) == -1 ||
	    input_spool(f, f->in, e->col, ER_N) == -1 || load_mdepts(e) == -1 ||
	    (o->sdepts != NULL && load_sdepts(e) == -1) ||
	    (o->memps != NULL && load_roster(e) == -1) ||
	    pass_keys(e) == -1 || input_rewind(f->in, &f->err) == -1)
		return flow_fail(f, "%s", f->err.p);
	for (c = n = 0; c < EC_N; c++)
		if (e->out[c])
			hdrs[n++] = e->ohdr[c];
	if (flow_outputs(f, hdrs, n) != 0)
		return 2;
	if (pass_records(e) == -1 || absent(e) == -1)
		return flow_fail(f, "%s", f->err.p);
	for (c = 0; c < table_count(e->other); c++) {
		const char *k = table_key(e->other, c, &len);

		diag_notice(f->diag, "雇用形態 \"%.*s\" was sent as %s: %zu",
		    (int)len, k, e->ru.etype_other,
		    *table_get(e->other, k, len));
	}
	limit = o->max_new >= 0 && e->nnew > (size_t)o->max_new;
	return flow_finish(f, limit);
}

int
cmd_employees(const struct cmd *c, struct opts *o)
{
	struct ecmd	*e;
	size_t		 i;
	int		 rc;

	if (o->match == NULL)
		return usage_error(c, "--match email or --match "
		    "employee-number is required: the two behave differently "
		    "(manual, 手順4)");
	if (o->nmdepts == 0)
		return usage_error(c, "--mikiwame-departments FILE is required "
		    "(the current ミキワメAI departments, to find employees "
		    "whose department is not registered)");
	if (strcmp(o->match, "employee-number") == 0 && o->memps == NULL)
		return usage_error(c, "--match employee-number needs "
		    "--mikiwame-employees FILE: it only updates employees "
		    "ミキワメAI already has");
	if (o->changed_only && o->memps == NULL)
		return usage_error(c, "--changed-only needs "
		    "--mikiwame-employees FILE");
	if (o->max_new >= 0 && o->memps == NULL)
		return usage_error(c, "--max-new needs --mikiwame-employees "
		    "FILE to tell new employees from known ones");
	if (o->nargs > 1)
		return usage_error(c, "one SMARTHR_EMPLOYEES file at most");
	e = xcalloc(1, sizeof(*e));
	e->o = o;
	e->numode = strcmp(o->match, "employee-number") == 0;
	dups_init(&e->demail);
	dups_init(&e->dnum);
	e->other = table_new();
	if ((rc = flow_init(&e->f, c, o)) == 0)
		rc = run(e);
	if (rc == 3)
		fprintf(stderr, "%s: %s: %zu records would be created (%s), "
		    "more than --max-new %ld: the output was not written; see "
		    "the plan\n", progname, c->name, e->nnew, ACT_NEW,
		    o->max_new);
	flow_free(&e->f);
	emp_rules_free(&e->ru);
	emp_out_free(&e->eo);
	dtree_free(e->mk);
	smaster_free(e->sh);
	roster_free(e->ro);
	dups_free(&e->demail);
	dups_free(&e->dnum);
	table_free(e->other);
	for (i = 0; i < ER_N; i++)
		buf_free(&e->fb[i]);
	buf_free(&e->key);
	buf_free(&e->name);
	buf_free(&e->k1);
	buf_free(&e->k2);
	buf_free(&e->hdrs);
	buf_free(&e->codes);
	buf_free(&e->chg);
	buf_free(&e->ek);
	buf_free(&e->nk);
	buf_free(&e->zk);
	free(e);
	return rc;
}
