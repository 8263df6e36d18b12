/*
 * inspect: what an administrator runs first when a file "doesn't work"
 * (SPEC §9). For each file: encoding and BOM, line endings, records and
 * columns, the kind of file it looks like, the role each header takes, the
 * roles each command would miss, and the first problems with their lines.
 * It reads every field of every record, so every invalid byte is found.
 */
#include <stdlib.h>
#include <string.h>

#include "flow.h"

#define MAX_PROBLEMS	10

/* The roles a command needs, per kind of file (SPEC §6-8). */
static const char *const emp_roles[] = {
	"last_name", "first_name", "last_name_kana", "first_name_kana", "email",
};
static const char *const sdept_roles[] = { "department_code" };
static const char *const mdept_roles[] = {
	"department_code", "department_name", "parent_department_code",
};
static const char *const memp_roles[] = {
	"last_name", "first_name", "last_name_kana", "first_name_kana", "email",
};
static const char *const res_roles[] = { "taken_on", "type16", "result_link" };

static int
has(struct flow *f, struct input *in, const char *section, const char *role)
{
	size_t	 i;

	for (i = 0; i < in->nh; i++)
		if (profile_claims(f->prof, section, role, in->nhdr[i],
		    strlen(in->nhdr[i])))
			return 1;
	return 0;
}

static int
has_all(struct flow *f, struct input *in, const char *section,
    const char *const *roles, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (!has(f, in, section, roles[i]))
			return 0;
	return 1;
}

static void
missing(struct flow *f, struct input *in, const char *what,
    const char *section, const char *const *roles, size_t n, FILE *fp)
{
	size_t	 i;
	int	 any = 0;

	fprintf(fp, "  missing for %s:", what);
	for (i = 0; i < n; i++)
		if (!has(f, in, section, roles[i])) {
			fprintf(fp, "%s %s", any ? "," : "", roles[i]);
			any = 1;
		}
	fprintf(fp, "%s\n", any ? "" : " nothing");
}

/* The kind of file, and the profile section its headers are read with. */
static const char *
kind(struct flow *f, struct input *in, const char **section)
{
	*section = "smarthr_column";
	if (has_all(f, in, "smarthr_column", emp_roles, ARRAY_LEN(emp_roles)))
		return "SmartHR employees";
	if (has(f, in, "smarthr_column", "department_code") &&
	    has(f, in, "smarthr_column", "department_level"))
		return "SmartHR departments (staircase)";
	if (has_all(f, in, "mikiwame_column", mdept_roles,
	    ARRAY_LEN(mdept_roles))) {
		*section = "mikiwame_column";
		return "ミキワメAI departments, or SmartHR departments (flat)";
	}
	if (has(f, in, "smarthr_column", "department_code") &&
	    has(f, in, "smarthr_column", "department_name") &&
	    (has(f, in, "smarthr_column", "parent_department_code") ||
	    has(f, in, "smarthr_column", "parent_department")))
		return "SmartHR departments (flat)";
	*section = "mikiwame_column";
	if (has_all(f, in, "mikiwame_column", memp_roles,
	    ARRAY_LEN(memp_roles)))
		return "ミキワメAI employees";
	if (has_all(f, in, "mikiwame_column", res_roles, ARRAY_LEN(res_roles)))
		return "ミキワメAI results";
	*section = "smarthr_column";
	return "unknown";
}

/* The first role of section that claims header i, or NULL. */
static const char *
role_of(struct flow *f, const char *section, const char *hdr)
{
	size_t		 i;
	const char	*s, *k, *v;

	for (i = 0; i < profile_count(f->prof); i++) {
		profile_row(f->prof, i, &s, &k, &v);
		if (strcmp(s, section) == 0 &&
		    profile_claims(f->prof, section, k, hdr, strlen(hdr)))
			return k;
	}
	return NULL;
}

static int
inspect_one(struct flow *f, const char *path, FILE *fp)
{
	struct input	*in;
	struct rec	*r;
	struct buf	 d = {0}, probs = {0};
	const char	*section, *k, *role;
	size_t		 records = 0, nprob = 0, i, bad, j;
	int		 rc = 0, n;

	buf_reset(&f->err);
	fprintf(fp, "%s\n", path);
	if ((in = flow_input(f, path)) == NULL) {
		fprintf(fp, "  error: %s\n", f->err.p);
		fprintf(stderr, "%s: %s\n", progname, f->err.p);
		return 2;
	}
	k = kind(f, in, &section);
	while ((n = input_next(in, &r, &f->err)) == 1) {
		records++;
		if (!input_count_ok(in, r) && ++nprob <= MAX_PROBLEMS)
			buf_printf(&probs, "    line %zu: CSV_FIELD_COUNT: %zu "
			    "fields, the header has %zu\n", r->line, r->nf,
			    in->nh);
		for (i = 0; i < r->nf; i++) {
			buf_reset(&d);
			if (codec_decode(in->codec, in->enc, r->f[i], r->len[i],
			    &d, &bad) == -1) {
				if (++nprob <= MAX_PROBLEMS) {
					buf_printf(&probs, "    line %zu: "
					    "ENCODING_INVALID: column %zu (%s): "
					    "invalid %s bytes", r->line, i + 1,
					    i < in->nh ? in->hdr[i] : "extra",
					    enc_name(in->enc));
					for (j = bad; j < r->len[i] &&
					    j < bad + 2; j++)
						buf_printf(&probs, " 0x%02X",
						    (unsigned char)r->f[i][j]);
					buf_addc(&probs, '\n');
				}
				break;
			}
		}
	}
	fprintf(fp, "  encoding: %s%s%s\n", enc_name(in->enc),
	    in->det.bom ? " with BOM" : "",
	    f->o->in_enc != ENC_AUTO ? " (as told by --input-encoding)" : "");
	fprintf(fp, "  line endings:%s%s%s%s\n", in->det.crlf ? " CRLF" : "",
	    in->det.lf ? " LF" : "", in->det.cr ? " CR" : "",
	    in->det.crlf + in->det.lf + in->det.cr == 0 ? " none" : "");
	fprintf(fp, "  records: %zu (header on line %zu, %zu columns)\n",
	    records, in->hdr_line, in->nh);
	fprintf(fp, "  kind: %s\n", k);
	fprintf(fp, "  columns:\n");
	for (i = 0; i < in->nh; i++) {
		role = role_of(f, section, in->nhdr[i]);
		if (role == NULL && strcmp(section, "mikiwame_column") == 0 &&
		    strcmp(k, "ミキワメAI results") == 0)
			role = "trait";
		fprintf(fp, "    %3zu %s: %s\n", i + 1, in->hdr[i],
		    role != NULL ? role : "-");
	}
	missing(f, in, "employees", "smarthr_column", emp_roles,
	    ARRAY_LEN(emp_roles), fp);
	missing(f, in, "departments", "smarthr_column", sdept_roles,
	    ARRAY_LEN(sdept_roles), fp);
	missing(f, in, "results", "mikiwame_column", res_roles,
	    ARRAY_LEN(res_roles), fp);
	if (n == -1) {
		buf_printf(&probs, "    %s\n", f->err.p);
		fprintf(stderr, "%s: %s\n", progname, f->err.p);
		rc = 2;
	}
	if (probs.len == 0)
		fprintf(fp, "  problems: none\n");
	else {
		fprintf(fp, "  problems:\n%s", probs.p);
		if (nprob > MAX_PROBLEMS)
			fprintf(fp, "    ... and %zu more\n",
			    nprob - MAX_PROBLEMS);
	}
	input_close(in);
	buf_free(&d);
	buf_free(&probs);
	return rc;
}

int
cmd_inspect(const struct cmd *c, struct opts *o)
{
	struct flow	 f;
	int		 i, rc, worst = 0;

	if ((rc = flow_init(&f, c, o)) != 0)
		goto out;
	if (o->nargs == 0) {
		rc = usage_error(c, "name at least one FILE");
		goto out;
	}
	if (ofile_open(&f.out, o->output, &f.err) == -1) {
		rc = flow_fail(&f, "%s", f.err.p);
		goto out;
	}
	for (i = 0; i < o->nargs; i++) {
		if (i > 0)
			fputc('\n', f.out.fp);
		if ((rc = inspect_one(&f, o->args[i], f.out.fp)) > worst)
			worst = rc;
	}
	buf_reset(&f.err);
	if (ofile_commit(&f.out, &f.err) == -1)
		rc = flow_fail(&f, "%s", f.err.p);
	else
		rc = worst;
out:
	flow_free(&f);
	return rc;
}
