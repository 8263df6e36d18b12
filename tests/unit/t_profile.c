/*
 * t_profile: the built-in profile's header patterns against real SmartHR
 * headers (after norm_header), the errors of profile_map (ambiguous and
 * missing columns), and --profile files (SPEC §5): overrides that replace a
 * role's list or a row, and malformed files, which must fail with
 * "FILE:LINE:" and change nothing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "norm.h"
#include "profile.h"
#include "util.h"
#include "tap.h"

#define SMARTHR	"smarthr_column"

/* Normalized copies of raw headers, as the flows make them. */
struct hdrs {
	char		*h[32];
	size_t		 n;
};

static void
hdrs_set(struct hdrs *hs, const char *const *raw, size_t n)
{
	struct buf	 b = {0};
	size_t		 i;

	for (i = 0; i < n; i++) {
		buf_reset(&b);
		norm_header(raw[i], strlen(raw[i]), &b);
		hs->h[i] = xstrdup(b.p);
	}
	hs->n = n;
	buf_free(&b);
}

static void
hdrs_free(struct hdrs *hs)
{
	size_t	 i;

	for (i = 0; i < hs->n; i++)
		free(hs->h[i]);
	hs->n = 0;
}

/* Every row of the profile, one per line, to compare before and after. */
static void
dump(const struct profile *p, struct buf *out)
{
	const char	*s, *k, *v;
	size_t		 i;

	buf_reset(out);
	buf_add(out, "", 0);
	for (i = 0; i < profile_count(p); i++) {
		profile_row(p, i, &s, &k, &v);
		buf_printf(out, "%s,%s,%s\n", s, k, v);
	}
}

static int
contains(const char *s, const char *sub)
{
	return s != NULL && strstr(s, sub) != NULL;
}

static void
test_builtin_map(void)
{
	static const char *const raw[] = {
		"社員番号", "姓", "名", "姓（カタカナ）", "名（カタカナ）",
		"ビジネスネーム（姓）", "ビジネスネーム（名）", "戸籍上の性別",
		"生年月日", "電話番号", "部署１", "役職1", "入社年月日",
		"退職年月日", "雇用形態", "　メールアドレス　", "在籍状況",
		"ミキワメＡＩ連携", "\xEF\xBB\xBF" "備考",
	};
	static const char *const role[] = {
		"employee_number", "last_name", "first_name",
		"last_name_kana", "first_name_kana", "business_last_name",
		"business_first_name", "gender", "birth_date", "department",
		"position", "joined_on", "retired_on", "employment_type",
		"email", "status", "opt_out", "department_code",
	};
	static const int want[] = {
		0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12, 13, 14, 15, 16, 17, -1,
	};
	struct profile	*p;
	struct hdrs	 hs = {0};
	struct buf	 err = {0};
	int		 col[ARRAY_LEN(role)];
	size_t		 r;

	p = profile_builtin();
	hdrs_set(&hs, raw, ARRAY_LEN(raw));
	CHECK(profile_map(p, SMARTHR, role, NULL, ARRAY_LEN(role),
	    (const char *const *)hs.h, hs.n, col, &err) == 0);
	for (r = 0; r < ARRAY_LEN(role); r++)
		if (!CHECK(col[r] == want[r]))
			fprintf(stderr, "  role %s: column %d, want %d\n",
			    role[r], col[r], want[r]);
	CHECK(err.len == 0);
	hdrs_free(&hs);
	buf_free(&err);
	profile_free(p);
}

/* The spellings of SPEC §2 all claim last_name_kana, and only it. */
static void
test_kana_spellings(void)
{
	static const char *const raw[] = {
		"姓（カタカナ）", "姓(カタカナ)", "姓 （ヨミガナ）",
		"姓(ヨミガナ)", "姓 （フリガナ）", "姓（フリガナ）",
		"姓　(カナ)", "セイ",
	};
	static const char *const role[] = {
		"last_name", "first_name", "last_name_kana", "first_name_kana",
	};
	struct profile	*p;
	struct hdrs	 hs = {0};
	struct buf	 err = {0};
	const char	*two[2];
	int		 col[ARRAY_LEN(role)];
	size_t		 i;

	p = profile_builtin();
	for (i = 0; i < ARRAY_LEN(raw); i++) {
		hdrs_set(&hs, raw + i, 1);
		two[0] = "社員番号";
		two[1] = hs.h[0];
		buf_reset(&err);
		if (!CHECK(profile_map(p, SMARTHR, role, NULL, ARRAY_LEN(role),
		    two, 2, col, &err) == 0) ||
		    !CHECK(col[0] == -1 && col[1] == -1 && col[2] == 1 &&
		    col[3] == -1))
			fprintf(stderr, "  header \"%s\" (\"%s\")\n", raw[i],
			    hs.h[0]);
		hdrs_free(&hs);
	}
	/* The same for first_name_kana. */
	hdrs_set(&hs, (const char *const[]){ "名 （ヨミガナ）" }, 1);
	CHECK(profile_claims(p, SMARTHR, "first_name_kana", hs.h[0],
	    strlen(hs.h[0])) == 1);
	CHECK(profile_claims(p, SMARTHR, "last_name_kana", hs.h[0],
	    strlen(hs.h[0])) == 0);
	hdrs_free(&hs);
	/* Unnormalized, the full-width form matches nothing. */
	CHECK(profile_claims(p, SMARTHR, "last_name_kana", "姓（カタカナ）",
	    strlen("姓（カタカナ）")) == 0);
	buf_free(&err);
	profile_free(p);
}

static void
test_map_errors(void)
{
	static const char *const amb_raw[] = {
		"社員番号", "姓（カタカナ）", "メールアドレス", "姓 （ヨミガナ）",
	};
	static const char *const role[] = {
		"employee_number", "last_name_kana", "email",
	};
	static const int req[] = { 1, 1, 1 };
	static const char *const miss_raw[] = { "社員番号", "姓", "" };
	static const char *const kana_role[] = { "last_name_kana" };
	struct profile	*p;
	struct hdrs	 hs = {0};
	struct buf	 err = {0};
	int		 col[3];

	p = profile_builtin();

	/* Two columns claim one role. */
	hdrs_set(&hs, amb_raw, ARRAY_LEN(amb_raw));
	CHECK(profile_map(p, SMARTHR, role, req, 3,
	    (const char *const *)hs.h, hs.n, col, &err) == -1);
	CHECK(contains(err.p, "ambiguous"));
	CHECK(contains(err.p, "last_name_kana"));
	CHECK(contains(err.p, "姓(カタカナ)"));
	CHECK(contains(err.p, "姓(ヨミガナ)"));
	hdrs_free(&hs);

	/* A required role without a column. */
	buf_reset(&err);
	hdrs_set(&hs, miss_raw, ARRAY_LEN(miss_raw));
	CHECK(profile_map(p, SMARTHR, role, req, 3,
	    (const char *const *)hs.h, hs.n, col, &err) == -1);
	CHECK(contains(err.p, "last_name_kana"));
	CHECK(contains(err.p, "姓(カタカナ), 姓(ヨミガナ), 姓(フリガナ), "
	    "姓(カナ), セイ"));
	CHECK(contains(err.p, "社員番号, 姓, (empty)"));
	if (!CHECK(!contains(err.p, "ambiguous")))
		fprintf(stderr, "  %s\n", err.p);

	/* The same role, not required: no error, no column. */
	buf_reset(&err);
	CHECK(profile_map(p, SMARTHR, kana_role, NULL, 1,
	    (const char *const *)hs.h, hs.n, col, &err) == 0);
	CHECK(col[0] == -1);
	CHECK(err.len == 0);

	/* Email is missing too; the message names the role it is about. */
	buf_reset(&err);
	CHECK(profile_map(p, SMARTHR, role + 2, req, 1,
	    (const char *const *)hs.h, hs.n, col, &err) == -1);
	CHECK(contains(err.p, "email"));
	CHECK(contains(err.p, "メールアドレス"));
	hdrs_free(&hs);

	buf_free(&err);
	profile_free(p);
}

/* Writes s to a new file and returns its name (to free and unlink). */
static char *
write_file(const char *s, size_t len)
{
	char	*path;
	int	 fd;

	path = xasprintf("%s/t_profile.XXXXXX",
	    getenv("TMPDIR") != NULL ? getenv("TMPDIR") : "/tmp");
	if ((fd = mkstemp(path)) == -1) {
		perror("mkstemp");
		exit(1);
	}
	if (write(fd, s, len) != (ssize_t)len) {
		perror("write");
		exit(1);
	}
	close(fd);
	return path;
}

static void
test_load_good(void)
{
	static const char good[] =
	    "\xEF\xBB\xBF" "section,key,value\r\n"
	    "smarthr_column,email,^E-?mail$\r\n"
	    "\r\n"
	    "employment_type,役員,役員\r\n"
	    "smarthr_column,email,^連絡先メール$\r\n"
	    "employment_type,嘱託,契約社員\r\n"
	    "option,date_format,YYYY-MM-DD\r\n"
	    "option,retired_status,^(退職|休職)\r\n"
	    "option,trait_count,16\r\n"
	    "gender,男の人,男性\r\n"
	    "output_column,email,\"E-mail (login)\"\r\n";
	/* The header, then 嘱託,契約社員 and a kana pattern, in CP932. */
	static const char cp932[] =
	    "section,key,value\n"
	    "employment_type,\x8F\xFA\x91\xF5,\x8C\x5F\x96\xF1\x8E\xD0\x88\xF5\n"
	    "smarthr_column,last_name_kana,^\x83\x4A\x83\x69\x90\xA9$\n";
	struct profile	*p;
	struct buf	 err = {0}, acc = {0};
	char		*path;
	size_t		 n0;

	p = profile_builtin();
	n0 = profile_count(p);
	path = write_file(good, sizeof(good) - 1);
	if (!CHECK(profile_load(p, path, &err) == 0))
		fprintf(stderr, "  %s\n", err.p);
	/* The email list is replaced whole: one row out, two in. */
	CHECK(profile_claims(p, SMARTHR, "email", "メールアドレス",
	    strlen("メールアドレス")) == 0);
	CHECK(profile_claims(p, SMARTHR, "email", "Email", 5) == 1);
	CHECK(profile_claims(p, SMARTHR, "email", "E-mail", 6) == 1);
	CHECK(profile_claims(p, SMARTHR, "email", "連絡先メール",
	    strlen("連絡先メール")) == 1);
	profile_accepted(p, SMARTHR, "email", &acc);
	CHECK_STR(acc.p, "E-?mail, 連絡先メール");
	/* Other roles of the section keep their built-in lists. */
	CHECK(profile_claims(p, SMARTHR, "last_name", "姓", strlen("姓")) == 1);
	/* And the other sections' email role is untouched. */
	CHECK(profile_claims(p, "mikiwame_column", "email", "メールアドレス",
	    strlen("メールアドレス")) == 1);
	/* A row replaced, rows added. */
	CHECK_STR(profile_get(p, "employment_type", "役員"), "役員");
	CHECK_STR(profile_get(p, "employment_type", "嘱託"), "契約社員");
	CHECK_STR(profile_get(p, "employment_type", "正社員"), "正社員");
	CHECK_STR(profile_get(p, "employment_type", "*"), "その他");
	CHECK_STR(profile_get(p, "option", "date_format"), "YYYY-MM-DD");
	CHECK_STR(profile_get(p, "option", "trait_count"), "16");
	CHECK_STR(profile_get(p, "option", "retired_status"), "^(退職|休職)");
	CHECK_STR(profile_get(p, "option", "opt_out_value"), "連携しない");
	CHECK_STR(profile_get(p, "gender", "男の人"), "男性");
	CHECK_STR(profile_get(p, "output_column", "email"), "E-mail (login)");
	/*
	 * email -1 +2, 役員 ±0, 嘱託 +1, the three options ±0, gender +1,
	 * output_column email ±0.
	 */
	CHECK(profile_count(p) == n0 + 3);
	unlink(path);
	free(path);
	profile_free(p);

	/* A CP932 file. */
	p = profile_builtin();
	buf_reset(&err);
	path = write_file(cp932, sizeof(cp932) - 1);
	if (!CHECK(profile_load(p, path, &err) == 0))
		fprintf(stderr, "  %s\n", err.p);
	CHECK_STR(profile_get(p, "employment_type", "嘱託"), "契約社員");
	CHECK(profile_claims(p, SMARTHR, "last_name_kana", "カナ姓",
	    strlen("カナ姓")) == 1);
	CHECK(profile_claims(p, SMARTHR, "last_name_kana", "姓(カタカナ)",
	    strlen("姓(カタカナ)")) == 0);
	unlink(path);
	free(path);
	profile_free(p);

	/* A header alone changes nothing. */
	p = profile_builtin();
	buf_reset(&err);
	path = write_file("section,key,value\n", 18);
	CHECK(profile_load(p, path, &err) == 0);
	CHECK(profile_count(p) == n0);
	unlink(path);
	free(path);
	profile_free(p);

	buf_free(&acc);
	buf_free(&err);
}

struct bad_case {
	const char	*name;
	const char	*text;
	int		 line;		/* the line the error names */
	const char	*what;		/* and a word of the message */
};

static void
test_load_bad(void)
{
	/* Each begins with valid overrides: a bad file must apply none. */
#define GOOD	"section,key,value\n" \
		"smarthr_column,email,^E-mail$\n" \
		"employment_type,嘱託,契約社員\n" \
		"option,date_format,YYYY-MM-DD\n"
	static const struct bad_case t[] = {
		{ "unknown section", GOOD "colour,red,1\n", 5,
		    "unknown section" },
		{ "unknown list section", GOOD "foo_column,email,^x$\n", 5,
		    "unknown section" },
		{ "unknown role", GOOD "smarthr_column,nickname,^x$\n", 5,
		    "unknown role" },
		{ "role of the other section", GOOD
		    "mikiwame_column,status,^x$\n", 5, "unknown role" },
		{ "bad pattern", GOOD "smarthr_column,email,^(abc$\n", 5,
		    "bad pattern" },
		{ "bad pattern, second of a list", GOOD
		    "smarthr_column,email,^x$\nsmarthr_column,email,[\n", 6,
		    "bad pattern" },
		{ "two columns", GOOD "option,date_format\n", 5, "fields" },
		{ "four columns", GOOD "gender,M,男性,x\n", 5, "fields" },
		{ "one column", GOOD "option\n", 5, "fields" },
		{ "unknown option", GOOD "option,colour,red\n", 5,
		    "unknown option" },
		{ "bad date_format", GOOD "option,date_format,DD.MM.YYYY\n", 5,
		    "date_format" },
		{ "bad retired_status", GOOD "option,retired_status,^(退職\n", 5,
		    "bad pattern" },
		{ "bad trait_count", GOOD "option,trait_count,24x\n", 5,
		    "trait_count" },
		{ "zero trait_count", GOOD "option,trait_count,0\n", 5,
		    "trait_count" },
		{ "bad header", "a,b,c\nemployment_type,嘱託,契約社員\n", 1,
		    "header" },
		{ "bad row after blank lines", GOOD "\n\r\noption,x,1\n", 7,
		    "unknown option" },
		{ "unterminated quote", GOOD "option,date_format,\"x\n\n", 5,
		    "unterminated" },
		{ "stray quote", GOOD "option,date\"format,x\n", 5, "quote" },
		/* A BOM says UTF-8, so CP932 bytes are invalid. */
		{ "invalid utf-8", "\xEF\xBB\xBF" GOOD "gender,\x96\x7B,x\n", 5,
		    "invalid" },
		/* Line 3 is UTF-8 text, line 5 is not. */
		{ "mixed encodings", GOOD "gender,\x96\x7B,x\n", 5, "line 3" },
	};
#undef GOOD
	struct profile	*p;
	struct buf	 before = {0}, after = {0}, err = {0};
	char		*path, *prefix;
	size_t		 i;

	p = profile_builtin();
	dump(p, &before);
	for (i = 0; i < ARRAY_LEN(t); i++) {
		path = write_file(t[i].text, strlen(t[i].text));
		prefix = xasprintf("%s:%d:", path, t[i].line);
		buf_reset(&err);
		buf_add(&err, "", 0);
		if (!CHECK(profile_load(p, path, &err) == -1) ||
		    !CHECK(strncmp(err.p, prefix, strlen(prefix)) == 0) ||
		    !CHECK(contains(err.p, t[i].what)))
			fprintf(stderr, "  case \"%s\": \"%s\"\n", t[i].name,
			    err.p);
		dump(p, &after);
		if (!CHECK_MEM(after.p, after.len, before.p, before.len))
			fprintf(stderr, "  case \"%s\" changed the profile\n",
			    t[i].name);
		unlink(path);
		free(path);
		free(prefix);
	}

	/* A file that cannot be opened names itself. */
	buf_reset(&err);
	CHECK(profile_load(p, "/nonexistent/t_profile.csv", &err) == -1);
	CHECK(contains(err.p, "/nonexistent/t_profile.csv"));
	dump(p, &after);
	CHECK_MEM(after.p, after.len, before.p, before.len);

	profile_free(p);
	buf_free(&before);
	buf_free(&after);
	buf_free(&err);
}

int
main(void)
{
	test_builtin_map();
	test_kana_spellings();
	test_map_errors();
	test_load_good();
	test_load_bad();
	return tap_done();
}
