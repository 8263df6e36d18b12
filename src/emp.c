/*
 * emp: the per-record rules of SPEC §7.
 *
 * Problems emp_map reports (one entry per code, with every role it
 * concerns, so that 姓 and 名 both empty make one report row):
 *   EMP_NAME_MISSING	氏名（姓）/氏名（名） empty after the business-name rule
 *			(roles: the legal name columns, which are the ones to fill)
 *   EMP_KANA_MISSING	a kana empty after normalization
 *   EMP_EMAIL_MISSING, EMP_EMAIL_INVALID
 *   EMP_NUMBER_MISSING	employee-number mode only
 *   EMP_DATE_INVALID	every date that is not a real date
 *   EMP_NUMBER_SUSPICIOUS (a warning)
 * A role whose bytes were invalid is judged by no rule: the record is
 * excluded with ENCODING_INVALID already, and "missing" would be wrong.
 */
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "emp.h"
#include "kana.h"
#include "key.h"
#include "norm.h"
#include "re.h"

const char *const emp_role_name[ER_N] = {
	[ER_NUMBER] = "employee_number",
	[ER_LAST] = "last_name",
	[ER_FIRST] = "first_name",
	[ER_LAST_KANA] = "last_name_kana",
	[ER_FIRST_KANA] = "first_name_kana",
	[ER_BLAST] = "business_last_name",
	[ER_BFIRST] = "business_first_name",
	[ER_BLAST_KANA] = "business_last_name_kana",
	[ER_BFIRST_KANA] = "business_first_name_kana",
	[ER_GENDER] = "gender",
	[ER_BIRTH] = "birth_date",
	[ER_DEPT] = "department",
	[ER_POSITION] = "position",
	[ER_JOINED] = "joined_on",
	[ER_RETIRED] = "retired_on",
	[ER_EMPTYPE] = "employment_type",
	[ER_EMAIL] = "email",
	[ER_STATUS] = "status",
	[ER_OPTOUT] = "opt_out",
};

const char *const emp_col_role[EC_N] = {
	[EC_NUMBER] = "employee_number",
	[EC_LAST] = "last_name",
	[EC_FIRST] = "first_name",
	[EC_LAST_KANA] = "last_name_kana",
	[EC_FIRST_KANA] = "first_name_kana",
	[EC_GENDER] = "gender",
	[EC_BIRTH] = "birth_date",
	[EC_DEPT] = "department",
	[EC_POSITION] = "position",
	[EC_JOINED] = "joined_on",
	[EC_RETIRED] = "retired_on",
	[EC_EMPTYPE] = "employment_type",
	[EC_EMAIL] = "email",
	[EC_RFLAG] = "retired_flag",
};

const enum emp_role emp_col_src[EC_N] = {
	[EC_NUMBER] = ER_NUMBER,
	[EC_LAST] = ER_LAST,
	[EC_FIRST] = ER_FIRST,
	[EC_LAST_KANA] = ER_LAST_KANA,
	[EC_FIRST_KANA] = ER_FIRST_KANA,
	[EC_GENDER] = ER_GENDER,
	[EC_BIRTH] = ER_BIRTH,
	[EC_DEPT] = ER_DEPT,
	[EC_POSITION] = ER_POSITION,
	[EC_JOINED] = ER_JOINED,
	[EC_RETIRED] = ER_RETIRED,
	[EC_EMPTYPE] = ER_EMPTYPE,
	[EC_EMAIL] = ER_EMAIL,
	[EC_RFLAG] = ER_STATUS,
};

/*
 * local@domain.tld with no spaces: the local part in RFC 5322's atom
 * characters (dots anywhere, as some Japanese carriers' old addresses
 * have them), a domain of one or more dotted labels of letters, digits and
 * inner hyphens. Anything outside ASCII — a full-width character left
 * after folding, U+3000 — is refused.
 */
static const char email_pattern[] =
    "^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+"
    "@(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\\.)+"
    "[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$";

/* Gender values compare with full-width ASCII folded and ASCII lower case. */
static void
gender_key(const char *s, size_t len, struct buf *out)
{
	size_t	 i;

	buf_reset(out);
	norm_ascii(s, len, out);
	for (i = 0; i < out->len; i++)
		if (out->p[i] >= 'A' && out->p[i] <= 'Z')
			out->p[i] = (char)(out->p[i] - 'A' + 'a');
}

/* Employment types compare trimmed, half-width kana made full-width. */
static void
etype_key(const char *s, size_t len, struct buf *out)
{
	size_t	 start;

	buf_reset(out);
	len = norm_trim(s, len, &start);
	kana_normalize(s + start, len, 0, out);
	buf_add(out, "", 0);
}

static void
add_pair(struct emp_pair **l, size_t *n, size_t *cap, const char *key,
    const char *value)
{
	*l = xgrow(*l, cap, *n + 1, sizeof(**l));
	(*l)[*n].key = xstrdup(key);
	(*l)[*n].value = value;
	(*n)++;
}

int
emp_rules_init(struct emp_rules *ru, const struct profile *p, int number_mode,
    struct buf *err)
{
	const char	*s, *k, *v, *pat;
	struct buf	 b = {0};
	char		 rerr[256];
	size_t		 i;

	memset(ru, 0, sizeof(*ru));
	ru->number_mode = number_mode;
	ru->date_format = profile_get(p, "option", "date_format");
	ru->retired_flag = profile_get(p, "option", "retired_flag");
	ru->opt_out = profile_get(p, "option", "opt_out_value");
	if (ru->date_format == NULL || !date_format_ok(ru->date_format)) {
		buf_printf(err, "profile option date_format \"%s\": use "
		    "YYYY/MM/DD or YYYY-MM-DD", ru->date_format ?
		    ru->date_format : "");
		return -1;
	}
	if (ru->retired_flag == NULL)
		ru->retired_flag = "1";
	if (ru->opt_out == NULL)
		ru->opt_out = "連携しない";
	pat = profile_get(p, "option", "retired_status");
	if ((ru->retired = re_compile(pat ? pat : "^退職(済み?)?$", rerr,
	    sizeof(rerr))) == NULL) {
		buf_printf(err, "profile option retired_status: %s", rerr);
		return -1;
	}
	if ((ru->email = re_compile(email_pattern, rerr, sizeof(rerr))) ==
	    NULL) {
		buf_printf(err, "email pattern: %s", rerr);
		emp_rules_free(ru);
		return -1;
	}
	ru->etype_other = "その他";
	for (i = 0; i < profile_count(p); i++) {
		profile_row(p, i, &s, &k, &v);
		if (strcmp(s, "employment_type") == 0) {
			if (strcmp(k, "*") == 0) {
				ru->etype_other = v;
				continue;
			}
			etype_key(k, strlen(k), &b);
			add_pair(&ru->etype, &ru->netype, &ru->capetype, b.p, v);
		} else if (strcmp(s, "gender") == 0) {
			gender_key(k, strlen(k), &b);
			add_pair(&ru->gender, &ru->ngender, &ru->capgender, b.p,
			    v);
		}
	}
	buf_free(&b);
	return 0;
}

void
emp_rules_free(struct emp_rules *ru)
{
	size_t	 i;

	for (i = 0; i < ru->netype; i++)
		free(ru->etype[i].key);
	for (i = 0; i < ru->ngender; i++)
		free(ru->gender[i].key);
	free(ru->etype);
	free(ru->gender);
	re_free(ru->retired);
	re_free(ru->email);
	memset(ru, 0, sizeof(*ru));
}

int
emp_opted_out(const struct emp_rules *ru, const char *s, size_t len)
{
	return strlen(ru->opt_out) == len && memcmp(ru->opt_out, s, len) == 0;
}

static const char *
lookup(const struct emp_pair *l, size_t n, const char *key)
{
	size_t	 i;

	/* A handful of rows: a hash map would not pay for itself. */
	for (i = 0; i < n; i++)
		if (strcmp(l[i].key, key) == 0)
			return l[i].value;
	return NULL;
}

static int
digits(const char **p, const char *e)
{
	const char	*s = *p;

	while (*p < e && **p >= '0' && **p <= '9')
		(*p)++;
	return *p > s;
}

int
emp_number_suspicious(const char *s, size_t len)
{
	const char	*p = s, *e = s + len;

	if (!digits(&p, e))
		return 0;
	if (p < e && *p == '.') {
		const char *frac = ++p;

		if (!digits(&p, e))
			return 0;
		if (p == e) {
			/* 123.0: a trailing fraction of zeros. */
			while (frac < e && *frac == '0')
				frac++;
			return frac == e;
		}
	}
	/* 1.23E+05, 1E5: the exponent form. */
	if (p == e || (*p != 'E' && *p != 'e'))
		return 0;
	p++;
	if (p < e && (*p == '+' || *p == '-'))
		p++;
	return digits(&p, e) && p == e;
}

static int
all_digits(const char *s, size_t len)
{
	size_t	 i;

	for (i = 0; i < len; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return len > 0;
}

void
emp_widths_add(struct emp_widths *w, const char *s, size_t len)
{
	if (len > EMP_MAXW || !all_digits(s, len))
		return;
	w->n[len]++;
	w->zero[len] += s[0] == '0';
	w->total++;
}

size_t
emp_widths_padded(const struct emp_widths *w)
{
	size_t	 i;

	for (i = 1; i <= EMP_MAXW; i++)
		if (w->n[i] * 2 > w->total && w->zero[i] > 0)
			return i;
	return 0;
}

int
emp_number_short(size_t padded, const char *s, size_t len)
{
	return padded > 0 && len < padded && all_digits(s, len);
}

static void
problem(struct emp_out *o, enum diag_code code, unsigned roles)
{
	if (o->nprob < EMP_MAXPROB) {
		o->prob[o->nprob].code = code;
		o->prob[o->nprob].roles = roles;
		o->nprob++;
	}
}

/* Business name first, per field; returns whether the name is missing. */
static int
name(const struct emp_in *in, enum emp_role biz, enum emp_role legal,
    struct emp_out *o, enum emp_col c)
{
	if (in->bad & ER_BIT(biz))
		return 0;
	if (in->len[biz] > 0) {
		buf_add(&o->v[c], in->v[biz], in->len[biz]);
		o->src[c] = biz;
		return 0;
	}
	buf_add(&o->v[c], in->v[legal], in->len[legal]);
	o->src[c] = legal;
	return !(in->bad & ER_BIT(legal)) && in->len[legal] == 0;
}

/*
 * The kana of a name field: the business name's reading when the business
 * name is used (biz non-empty) and its reading bkana is non-empty, so that
 * ミキワメAI never gets 鈴木 with サトウ; else the legal reading. Returns 1
 * when the legal reading is used and empty.
 */
static int
kana(const struct emp_in *in, enum emp_role biz, enum emp_role bkana,
    enum emp_role legal, struct emp_out *o, enum emp_col c)
{
	enum emp_role	 r = legal;

	if (in->len[biz] > 0 && !(in->bad & ER_BIT(biz)) &&
	    (in->len[bkana] > 0 || (in->bad & ER_BIT(bkana))))
		r = bkana;
	o->src[c] = r;
	kana_normalize(in->v[r], in->len[r], KANA_HIRAGANA, &o->v[c]);
	return r == legal && !(in->bad & ER_BIT(r)) && o->v[c].len == 0;
}

static int
date(const struct emp_rules *ru, const struct emp_in *in, enum emp_role r,
    struct emp_out *o, enum emp_col c)
{
	struct date	 d;

	if (in->len[r] == 0 || (in->bad & ER_BIT(r)))
		return 0;
	if (date_parse(in->v[r], in->len[r], 0, &d) == -1)
		return 1;
	date_format(&d, ru->date_format, &o->v[c]);
	return 0;
}

void
emp_map(const struct emp_rules *ru, const struct emp_in *in,
    struct emp_out *o)
{
	struct buf	 k = {0};
	const char	*v;
	unsigned	 miss;
	size_t		 c;

	for (c = 0; c < EC_N; c++) {
		buf_reset(&o->v[c]);
		buf_add(&o->v[c], "", 0);	/* never a NULL p */
		o->src[c] = emp_col_src[c];
	}
	o->nprob = 0;
	o->other = 0;

	key_ascii(in->v[ER_NUMBER], in->len[ER_NUMBER], &o->v[EC_NUMBER]);
	if (!(in->bad & ER_BIT(ER_NUMBER))) {
		if (ru->number_mode && o->v[EC_NUMBER].len == 0)
			problem(o, EMP_NUMBER_MISSING, ER_BIT(ER_NUMBER));
		if (emp_number_suspicious(o->v[EC_NUMBER].p,
		    o->v[EC_NUMBER].len))
			problem(o, EMP_NUMBER_SUSPICIOUS, ER_BIT(ER_NUMBER));
	}

	miss = 0;
	if (name(in, ER_BLAST, ER_LAST, o, EC_LAST))
		miss |= ER_BIT(ER_LAST);
	if (name(in, ER_BFIRST, ER_FIRST, o, EC_FIRST))
		miss |= ER_BIT(ER_FIRST);
	if (miss)
		problem(o, EMP_NAME_MISSING, miss);

	miss = 0;
	if (kana(in, ER_BLAST, ER_BLAST_KANA, ER_LAST_KANA, o, EC_LAST_KANA))
		miss |= ER_BIT(ER_LAST_KANA);
	if (kana(in, ER_BFIRST, ER_BFIRST_KANA, ER_FIRST_KANA, o,
	    EC_FIRST_KANA))
		miss |= ER_BIT(ER_FIRST_KANA);
	if (miss)
		problem(o, EMP_KANA_MISSING, miss);

	if (in->len[ER_GENDER] > 0) {
		gender_key(in->v[ER_GENDER], in->len[ER_GENDER], &k);
		if ((v = lookup(ru->gender, ru->ngender, k.p)) != NULL)
			buf_adds(&o->v[EC_GENDER], v);
		else
			buf_add(&o->v[EC_GENDER], in->v[ER_GENDER],
			    in->len[ER_GENDER]);
	}

	miss = 0;
	if (date(ru, in, ER_BIRTH, o, EC_BIRTH))
		miss |= ER_BIT(ER_BIRTH);
	if (date(ru, in, ER_JOINED, o, EC_JOINED))
		miss |= ER_BIT(ER_JOINED);
	if (date(ru, in, ER_RETIRED, o, EC_RETIRED))
		miss |= ER_BIT(ER_RETIRED);
	if (miss)
		problem(o, EMP_DATE_INVALID, miss);

	buf_add(&o->v[EC_POSITION], in->v[ER_POSITION], in->len[ER_POSITION]);

	if (in->len[ER_EMPTYPE] > 0) {
		etype_key(in->v[ER_EMPTYPE], in->len[ER_EMPTYPE], &k);
		if ((v = lookup(ru->etype, ru->netype, k.p)) == NULL) {
			v = ru->etype_other;
			o->other = 1;
		}
		buf_adds(&o->v[EC_EMPTYPE], v);
	}

	/* Checked and written in the form that keys compare (SPEC §7). */
	key_ascii(in->v[ER_EMAIL], in->len[ER_EMAIL], &o->v[EC_EMAIL]);
	if (!(in->bad & ER_BIT(ER_EMAIL))) {
		if (o->v[EC_EMAIL].len == 0)
			problem(o, EMP_EMAIL_MISSING, ER_BIT(ER_EMAIL));
		else if (!re_match(ru->email, o->v[EC_EMAIL].p,
		    o->v[EC_EMAIL].len))
			problem(o, EMP_EMAIL_INVALID, ER_BIT(ER_EMAIL));
	}

	if (!(in->bad & ER_BIT(ER_STATUS)) &&
	    emp_retired(ru, in->v[ER_STATUS], in->len[ER_STATUS]))
		buf_adds(&o->v[EC_RFLAG], ru->retired_flag);
	buf_free(&k);
}

int
emp_retired(const struct emp_rules *ru, const char *s, size_t len)
{
	return len > 0 && re_match(ru->retired, s, len);
}

void
emp_out_free(struct emp_out *o)
{
	size_t	 c;

	for (c = 0; c < EC_N; c++)
		buf_free(&o->v[c]);
}

/* The form in which a column's old and new values are compared. */
static void
cmp_form(enum emp_col c, const char *s, size_t len, const char *date_fmt,
    struct buf *out)
{
	struct buf	 t = {0};
	struct date	 d;

	buf_reset(out);
	switch (c) {
	case EC_NUMBER:
		key_number(s, len, out);
		break;
	case EC_EMAIL:
		key_email(s, len, out);
		break;
	case EC_LAST_KANA:
	case EC_FIRST_KANA:
		kana_normalize(s, len, KANA_HIRAGANA, &t);
		key_name(t.p ? t.p : "", t.len, out);
		break;
	case EC_BIRTH:
	case EC_JOINED:
	case EC_RETIRED:
		if (len > 0 && date_parse(s, len, 0, &d) == 0)
			date_format(&d, date_fmt, out);
		else
			key_name(s, len, out);
		break;
	default:
		key_name(s, len, out);
		break;
	}
	buf_add(out, "", 0);
	buf_free(&t);
}

size_t
emp_diff(const struct emp_rules *ru, const struct emp_out *o,
    const int *written, const char *const *old, const char *const *hdr,
    struct buf *out)
{
	struct buf	 a = {0}, b = {0};
	size_t		 c, n = 0, start, len;

	for (c = 0; c < EC_N; c++) {
		const char *ov = old[c] != NULL ? old[c] : "";

		if (!written[c])
			continue;
		len = norm_trim(ov, strlen(ov), &start);
		/* The same bytes have the same form: the common case, at once. */
		if (len == o->v[c].len && (len == 0 ||
		    memcmp(ov + start, o->v[c].p, len) == 0))
			continue;
		cmp_form((enum emp_col)c, ov + start, len, ru->date_format, &a);
		cmp_form((enum emp_col)c, o->v[c].p, o->v[c].len,
		    ru->date_format, &b);
		if (a.len == b.len && memcmp(a.p, b.p, a.len) == 0)
			continue;
		if (n++ > 0)
			buf_adds(out, "; ");
		buf_printf(out, "%s: %.*s → %s", hdr[c], (int)len, ov + start,
		    o->v[c].p);
	}
	buf_free(&a);
	buf_free(&b);
	return n;
}
