/*
 * t_profile: the built-in profile's header patterns against real SmartHR
 * headers (after norm_header), today's export spellings and the ignored
 * levels 2..10, look-alikes (profile.c's likes table) and their error, the
 * errors of profile_map (ambiguous and missing columns), and --profile
 * files (SPEC §5): overrides that replace a role's list or a row, and
 * malformed files, which must fail with "FILE:LINE:" and change nothing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "emp.h"
#include "norm.h"
#include "profile.h"
#include "util.h"
#include "tap.h"

#define SMARTHR	"smarthr_column"

/* Normalized copies of raw headers, as the flows make them. */
struct hdrs {
	char		*h[128];
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

struct spelling {
	const char	*raw;
	enum emp_role	 role;
};

/*
 * Maps one raw header alone with the employee roles: returns the role that
 * took it (ER_N: none) and checks that no other role took a column and
 * that profile_map did not fail.
 */
static size_t
map_alone(struct profile *p, const char *raw)
{
	struct hdrs	 hs = {0};
	struct buf	 err = {0};
	int		 col[ER_N];
	size_t		 r, got = ER_N;
	int		 more = 0;

	hdrs_set(&hs, &raw, 1);
	if (!CHECK(profile_map(p, SMARTHR, emp_role_name, NULL, ER_N,
	    (const char *const *)hs.h, hs.n, col, &err) == 0))
		fprintf(stderr, "  header \"%s\": %s\n", raw, err.p);
	for (r = 0; r < ER_N; r++)
		if (col[r] == 0 && got == ER_N)
			got = r;
		else if (col[r] != -1)
			more = 1;
	if (!CHECK(!more))
		fprintf(stderr, "  header \"%s\" took two roles\n", raw);
	hdrs_free(&hs);
	buf_free(&err);
	return got;
}

/* Today's export (issue 11) and the older ones, spelling by spelling. */
static void
test_todays_headers(void)
{
	static const struct spelling t[] = {
		{ "部署1 部署", ER_DEPT },
		{ "部署１　部署", ER_DEPT },
		{ "部署1", ER_DEPT },
		{ "役職1 役職", ER_POSITION },
		{ "役職1", ER_POSITION },
		{ "ビジネスネーム：姓", ER_BLAST },
		{ "ビジネスネーム:姓", ER_BLAST },
		{ "ビジネスネーム/姓", ER_BLAST },
		{ "ビジネスネーム／姓", ER_BLAST },
		{ "ビジネスネーム 姓", ER_BLAST },
		{ "ビジネスネーム（姓）", ER_BLAST },
		{ "ビジネスネーム：名", ER_BFIRST },
		{ "ビジネスネーム:名", ER_BFIRST },
		{ "ビジネスネーム/名", ER_BFIRST },
		{ "ビジネスネーム／名", ER_BFIRST },
		{ "ビジネスネーム 名", ER_BFIRST },
		{ "ビジネスネーム（名）", ER_BFIRST },
		{ "ビジネスネーム：姓（ヨミガナ）", ER_BLAST_KANA },
		{ "ビジネスネーム（姓）（ヨミガナ）", ER_BLAST_KANA },
		{ "ビジネスネーム（姓カタカナ）", ER_BLAST_KANA },
		{ "ビジネスネーム:姓(フリガナ)", ER_BLAST_KANA },
		{ "ビジネスネーム：名（ヨミガナ）", ER_BFIRST_KANA },
		{ "ビジネスネーム（名）（ヨミガナ）", ER_BFIRST_KANA },
		{ "ビジネスネーム（名カタカナ）", ER_BFIRST_KANA },
		{ "ビジネスネーム:名(フリガナ)", ER_BFIRST_KANA },
		{ "姓(ヨミガナ)", ER_LAST_KANA },
		{ "姓（ﾖﾐｶﾞﾅ）", ER_LAST_KANA },
		{ "退職・解雇・死亡年月日", ER_RETIRED },
		{ "退職･解雇･死亡年月日", ER_RETIRED },	/* half-width ･ */
		{ "ミキワメAI連携", ER_OPTOUT },
		{ "ミキワメAIカテゴリー ミキワメAI連携", ER_OPTOUT },
		{ "ミキワメＡＩカテゴリー：ミキワメＡＩ連携", ER_OPTOUT },
	};
	struct profile	*p;
	size_t		 i, got;

	p = profile_builtin();
	for (i = 0; i < ARRAY_LEN(t); i++) {
		got = map_alone(p, t[i].raw);
		if (!CHECK(got == t[i].role))
			fprintf(stderr, "  header \"%s\": role %s, want %s\n",
			    t[i].raw, got < ER_N ? emp_role_name[got] : "none",
			    emp_role_name[t[i].role]);
	}
	profile_free(p);
}

/* SmartHR links only level 1: levels 2..10 are ignored, 11 is unknown. */
static void
test_levels(void)
{
	static const char *const ign[] = {
		"部署2 部署", "部署10 部署", "部署2", "役職3 役職", "役職10",
		"役職２　役職",
	};
	static const char *const kept[] = {
		"部署11 部署", "部署11", "役職11 役職", "部署1 部署", "部署1",
		"役職1",
	};
	struct profile	*p;
	struct hdrs	 hs = {0};
	size_t		 i;

	p = profile_builtin();
	for (i = 0; i < ARRAY_LEN(ign); i++) {
		hdrs_set(&hs, ign + i, 1);
		if (!CHECK(profile_claims(p, SMARTHR, "ignore", hs.h[0],
		    strlen(hs.h[0])) == 1))
			fprintf(stderr, "  header \"%s\"\n", ign[i]);
		hdrs_free(&hs);
		/* And no employee role takes it. */
		if (!CHECK(map_alone(p, ign[i]) == ER_N))
			fprintf(stderr, "  header \"%s\"\n", ign[i]);
	}
	for (i = 0; i < ARRAY_LEN(kept); i++) {
		hdrs_set(&hs, kept + i, 1);
		if (!CHECK(profile_claims(p, SMARTHR, "ignore", hs.h[0],
		    strlen(hs.h[0])) == 0))
			fprintf(stderr, "  header \"%s\"\n", kept[i]);
		hdrs_free(&hs);
	}
	CHECK(map_alone(p, "部署11 部署") == ER_N);
	CHECK(map_alone(p, "役職11 役職") == ER_N);
	profile_free(p);
}

/* A built-in header of each employee role. */
static const char *const std_hdr[ER_N] = {
	[ER_NUMBER] = "社員番号",
	[ER_LAST] = "姓",
	[ER_FIRST] = "名",
	[ER_LAST_KANA] = "姓（ヨミガナ）",
	[ER_FIRST_KANA] = "名（ヨミガナ）",
	[ER_BLAST] = "ビジネスネーム：姓",
	[ER_BFIRST] = "ビジネスネーム：名",
	[ER_BLAST_KANA] = "ビジネスネーム：姓（ヨミガナ）",
	[ER_BFIRST_KANA] = "ビジネスネーム：名（ヨミガナ）",
	[ER_GENDER] = "戸籍上の性別",
	[ER_BIRTH] = "生年月日",
	[ER_DEPT] = "部署1 部署",
	[ER_POSITION] = "役職1 役職",
	[ER_JOINED] = "入社年月日",
	[ER_RETIRED] = "退職・解雇・死亡年月日",
	[ER_EMPTYPE] = "雇用形態",
	[ER_EMAIL] = "メールアドレス",
	[ER_STATUS] = "在籍状況",
	[ER_OPTOUT] = "ミキワメAI連携",
};

/*
 * Sets hs to std_hdr without the headers of roles a and b (ER_N: none),
 * then extra (NULL: none) last.
 */
static void
std_set(struct hdrs *hs, size_t a, size_t b, const char *extra)
{
	const char	*raw[ER_N + 1];
	size_t		 n = 0, r;

	for (r = 0; r < ER_N; r++)
		if (r != a && r != b)
			raw[n++] = std_hdr[r];
	if (extra != NULL)
		raw[n++] = extra;
	hdrs_set(hs, raw, n);
}

/*
 * The look-alikes among std_hdr without role `without`, and extra last:
 * col[] is what profile_map gives the headers before extra, as extra is
 * what it would stop at.
 */
static size_t
lookalikes(struct profile *p, size_t without, const char *extra,
    struct profile_lookalike *out, size_t max)
{
	struct hdrs	 hs = {0};
	struct buf	 err = {0};
	int		 col[ER_N];
	size_t		 n;

	std_set(&hs, without, ER_N, extra);
	if (!CHECK(profile_map(p, SMARTHR, emp_role_name, NULL, ER_N,
	    (const char *const *)hs.h, hs.n - 1, col, &err) == 0))
		fprintf(stderr, "  %s\n", err.p);
	n = profile_lookalikes(p, SMARTHR, emp_role_name, ER_N, col,
	    (const char *const *)hs.h, hs.n, out, max);
	hdrs_free(&hs);
	buf_free(&err);
	return n;
}

static void
test_lookalikes(void)
{
	/* One per rule of the likes table, its role without a column. */
	static const struct spelling yes[] = {
		{ "社員番号（旧）", ER_NUMBER },
		{ "姓カナ", ER_LAST_KANA },
		{ "フリガナ名", ER_FIRST_KANA },
		{ "ビジネスネーム_姓", ER_BLAST },
		{ "ビジネスネーム_名", ER_BFIRST },
		{ "ビジネスネーム_姓カナ", ER_BLAST_KANA },
		{ "ビジネスネーム_名フリガナ", ER_BFIRST_KANA },
		{ "部署1（部署名）", ER_DEPT },
		{ "役職１（名称）", ER_POSITION },
		{ "退職予定日", ER_RETIRED },
		{ "在籍区分", ER_STATUS },
		{ "雇用形態区分", ER_EMPTYPE },
		{ "性別（自認）", ER_GENDER },
		{ "生年月日（西暦）", ER_BIRTH },
		{ "入社日付", ER_JOINED },
		{ "ミキワメ連携フラグ", ER_OPTOUT },
		{ "メール", ER_EMAIL },
	};
	/* Each with its role (or the one named) without a column: none. */
	static const struct spelling no[] = {
		{ "部署2（部署名）", ER_DEPT },		/* wrong level */
		{ "部署10（部署名）", ER_DEPT },
		{ "部署11", ER_DEPT },
		{ "部署10", ER_DEPT },			/* and ignored */
		{ "役職2（名称）", ER_POSITION },
		{ "緊急連絡先（氏名カタカナ）", ER_FIRST_KANA },	/* 氏名 */
		{ "氏名カナ", ER_FIRST_KANA },
		/* A business name's reading is not the name, nor legal. */
		{ "ビジネスネーム_姓カナ", ER_BLAST },
		{ "ビジネスネーム_名フリガナ", ER_BFIRST },
		{ "ビジネスネーム_姓カナ", ER_LAST_KANA },
		{ "ビジネスネーム_名フリガナ", ER_FIRST_KANA },
		{ "退職事由", ER_RETIRED },		/* no 日 */
		{ "旧姓", ER_LAST },			/* no rule */
	};
	static const char *const two[] = { "部署1（部署名）", "メール" };
	static const char *const mail_role[] = { "email" };
	static const int none[] = { -1 };
	static const char ign[] =
	    "section,key,value\nsmarthr_column,ignore,^メール$\n";
	struct profile_lookalike out[4];
	struct profile	*p;
	struct hdrs	 hs = {0};
	struct buf	 err = {0};
	int		 col[ER_N];
	char		*path;
	size_t		 i, n;

	p = profile_builtin();
	for (i = 0; i < ARRAY_LEN(yes); i++) {
		memset(out, 0, sizeof(out));
		n = lookalikes(p, yes[i].role, yes[i].raw, out, 4);
		if (!CHECK(n == 1) || !CHECK(out[0].col == ER_N - 1) ||
		    !CHECK(out[0].role == yes[i].role) ||
		    !CHECK(out[0].words != NULL && out[0].words[0] != '\0'))
			fprintf(stderr, "  header \"%s\": %zu look-alikes, "
			    "column %zu, role %s\n", yes[i].raw, n, out[0].col,
			    emp_role_name[out[0].role]);
		/* Its role has a column: the header is only unused. */
		if (!CHECK(lookalikes(p, ER_N, yes[i].raw, out, 4) == 0))
			fprintf(stderr, "  header \"%s\" with every role\n",
			    yes[i].raw);
		std_set(&hs, ER_N, ER_N, yes[i].raw);
		buf_reset(&err);
		if (!CHECK(profile_map(p, SMARTHR, emp_role_name, NULL, ER_N,
		    (const char *const *)hs.h, hs.n, col, &err) == 0))
			fprintf(stderr, "  %s\n", err.p);
		hdrs_free(&hs);
	}
	for (i = 0; i < ARRAY_LEN(no); i++)
		if (!CHECK(lookalikes(p, no[i].role, no[i].raw, out, 4) == 0))
			fprintf(stderr, "  header \"%s\" resembles %s\n",
			    no[i].raw, emp_role_name[out[0].role]);

	/* Every role without a column: each header once, in column order. */
	hdrs_set(&hs, two, ARRAY_LEN(two));
	for (i = 0; i < ER_N; i++)
		col[i] = -1;
	CHECK(profile_lookalikes(p, SMARTHR, emp_role_name, ER_N, col,
	    (const char *const *)hs.h, hs.n, out, 4) == 2);
	CHECK(out[0].col == 0 && out[0].role == ER_DEPT);
	CHECK(out[1].col == 1 && out[1].role == ER_EMAIL);
	/* No more than max. */
	CHECK(profile_lookalikes(p, SMARTHR, emp_role_name, ER_N, col,
	    (const char *const *)hs.h, hs.n, out, 1) == 1);
	CHECK(out[0].col == 0);
	/* Only smarthr_column has rules. */
	CHECK(profile_lookalikes(p, "mikiwame_column", mail_role, 1, none,
	    (const char *const *)hs.h + 1, 1, out, 4) == 0);
	hdrs_free(&hs);
	profile_free(p);

	/* What an ignore row claims is never a look-alike. */
	p = profile_builtin();
	path = write_file(ign, sizeof(ign) - 1);
	if (!CHECK(profile_load(p, path, &err) == 0))
		fprintf(stderr, "  %s\n", err.p);
	CHECK(lookalikes(p, ER_EMAIL, "メール", out, 4) == 0);
	CHECK(lookalikes(p, ER_DEPT, "部署1（部署名）", out, 4) == 1);
	unlink(path);
	free(path);
	profile_free(p);
	buf_free(&err);
}

/* bench/gen.c's 100 columns, a full SmartHR export of today. */
static void
test_full_export(void)
{
	static const char *const smarthr_cols[] = {
		"社員番号", "姓", "名", "姓（ヨミガナ）", "名（ヨミガナ）",
		"ビジネスネーム（姓）", "ビジネスネーム（名）",
		"ビジネスネーム（姓）（ヨミガナ）",
		"ビジネスネーム（名）（ヨミガナ）",
		"戸籍上の性別", "生年月日", "入社年月日", "退職年月日",
		"退職事由", "在籍状況", "雇用形態", "メールアドレス",
		"部署1", "部署2", "部署3", "役職1", "役職2", "役職3",
		"職種", "等級", "勤務地", "電話番号",
		"住民票住所（郵便番号）", "住民票住所（都道府県）",
		"住民票住所（市区町村）", "住民票住所（丁目・番地）",
		"住民票住所（建物名・部屋番号）", "住民票住所（カナ）",
		"郵便番号", "都道府県", "市区町村", "丁目・番地",
		"建物名・部屋番号", "住所（カナ）",
		"緊急連絡先（氏名）", "緊急連絡先（氏名ヨミガナ）",
		"緊急連絡先（続柄）", "緊急連絡先（電話番号）",
		"緊急連絡先（郵便番号）", "緊急連絡先（住所）",
		"銀行コード", "銀行名", "支店コード", "支店名", "口座種別",
		"口座番号", "口座名義（カナ）",
		"通勤手段", "通勤経路1（区間）", "通勤経路1（運賃）",
		"通勤経路2（区間）", "通勤経路2（運賃）", "通勤経路3（区間）",
		"通勤経路3（運賃）", "通勤手当（月額）",
		"基本給", "給与形態", "基礎年金番号", "雇用保険被保険者番号",
		"健康保険被保険者整理番号", "厚生年金保険被保険者整理番号",
		"配偶者の有無",
		"家族1（続柄）", "家族1（姓）", "家族1（名）",
		"家族1（姓ヨミガナ）", "家族1（名ヨミガナ）",
		"家族1（生年月日）", "家族1（同居・別居）", "家族1（扶養区分）",
		"家族2（続柄）", "家族2（姓）", "家族2（名）",
		"家族2（姓ヨミガナ）", "家族2（名ヨミガナ）",
		"家族2（生年月日）", "家族2（同居・別居）", "家族2（扶養区分）",
		"資格1（名称）", "資格1（取得日）", "資格2（名称）",
		"資格2（取得日）", "資格3（名称）", "資格3（取得日）",
		"最終学歴（学校名）", "最終学歴（卒業年月）",
		"前職（会社名）", "前職（在籍期間）", "在留資格",
		"在留期間満了日", "障害者区分", "メモ", "ミキワメAI連携",
		"更新日時", "従業員ID"
	};
	static const int want[ER_N] = {
		[ER_NUMBER] = 0, [ER_LAST] = 1, [ER_FIRST] = 2,
		[ER_LAST_KANA] = 3, [ER_FIRST_KANA] = 4, [ER_BLAST] = 5,
		[ER_BFIRST] = 6, [ER_BLAST_KANA] = 7, [ER_BFIRST_KANA] = 8,
		[ER_GENDER] = 9, [ER_BIRTH] = 10, [ER_JOINED] = 11,
		[ER_RETIRED] = 12, [ER_STATUS] = 14, [ER_EMPTYPE] = 15,
		[ER_EMAIL] = 16, [ER_DEPT] = 17, [ER_POSITION] = 20,
		[ER_OPTOUT] = 97,
	};
	struct profile_lookalike out[4];
	struct profile	*p;
	struct hdrs	 hs = {0};
	struct buf	 err = {0};
	int		 col[ER_N], req[ER_N] = {0};
	size_t		 r;

	CHECK(ARRAY_LEN(smarthr_cols) == 100);
	req[ER_LAST] = req[ER_FIRST] = req[ER_LAST_KANA] =
	    req[ER_FIRST_KANA] = req[ER_EMAIL] = 1;
	p = profile_builtin();
	hdrs_set(&hs, smarthr_cols, ARRAY_LEN(smarthr_cols));
	if (!CHECK(profile_map(p, SMARTHR, emp_role_name, req, ER_N,
	    (const char *const *)hs.h, hs.n, col, &err) == 0))
		fprintf(stderr, "  %s\n", err.p);
	for (r = 0; r < ER_N; r++)
		if (!CHECK(col[r] == want[r]))
			fprintf(stderr, "  role %s: column %d, want %d\n",
			    emp_role_name[r], col[r], want[r]);
	CHECK(profile_lookalikes(p, SMARTHR, emp_role_name, ER_N, col,
	    (const char *const *)hs.h, hs.n, out, 4) == 0);
	hdrs_free(&hs);
	/*
	 * An export may leave any column out (SmartHR lets the administrator
	 * choose). Without a role's own column, the columns about someone or
	 * something else (家族1（生年月日）, 前職（在籍期間）, 口座名義（カナ）,
	 * 家族1（姓ヨミガナ）) must not stand in for it as look-alikes.
	 */
	for (r = 0; r < ER_N; r++) {
		const char	*less[ARRAY_LEN(smarthr_cols)];
		size_t		 i, n;

		if (want[r] <= 0 && r != ER_NUMBER)
			continue;
		for (i = 0; i < ARRAY_LEN(smarthr_cols); i++)
			less[i] = (int)i == want[r] ? "メモ2" : smarthr_cols[i];
		hdrs_set(&hs, less, ARRAY_LEN(less));
		buf_reset(&err);
		(void)profile_map(p, SMARTHR, emp_role_name, NULL, ER_N,
		    (const char *const *)hs.h, hs.n, col, &err);
		n = profile_lookalikes(p, SMARTHR, emp_role_name, ER_N, col,
		    (const char *const *)hs.h, hs.n, out, 4);
		if (!CHECK(n == 0))
			fprintf(stderr, "  without %s: column %zu (%s) looks "
			    "like %s\n", emp_role_name[r], out[0].col + 1,
			    hs.h[out[0].col], emp_role_name[out[0].role]);
		hdrs_free(&hs);
	}
	buf_free(&err);
	profile_free(p);
}

/* A look-alike stops profile_map with the rows that would settle it. */
static void
test_lookalike_error(void)
{
	struct profile	*p;
	struct hdrs	 hs = {0};
	struct buf	 err = {0};
	int		 col[ER_N], req[ER_N] = {0};
	char		 at[64];

	req[ER_LAST] = req[ER_FIRST] = req[ER_LAST_KANA] =
	    req[ER_FIRST_KANA] = req[ER_EMAIL] = 1;
	p = profile_builtin();
	std_set(&hs, ER_DEPT, ER_N, "部署1（部署名）");
	CHECK(profile_map(p, SMARTHR, emp_role_name, req, ER_N,
	    (const char *const *)hs.h, hs.n, col, &err) == -1);
	/* The column is the last, ER_N - 1 headers and the look-alike. */
	snprintf(at, sizeof(at), "column %d \"部署1(部署名)\"", ER_N);
	CHECK(contains(err.p, at));
	CHECK(contains(err.p, "looks like role department"));
	CHECK(contains(err.p, "部署 with level 1"));
	CHECK(contains(err.p, "部署1：部署, 部署1, 部署, 所属部署"));
	CHECK(contains(err.p,
	    "smarthr_column,department,^部署1\\(部署名\\)$"));
	if (!CHECK(contains(err.p,
	    "smarthr_column,ignore,^部署1\\(部署名\\)$")))
		fprintf(stderr, "  %s\n", err.p);
	hdrs_free(&hs);

	/* Email is required and missing too: the look-alike comes first. */
	buf_reset(&err);
	std_set(&hs, ER_DEPT, ER_EMAIL, "部署1（部署名）");
	CHECK(profile_map(p, SMARTHR, emp_role_name, req, ER_N,
	    (const char *const *)hs.h, hs.n, col, &err) == -1);
	snprintf(at, sizeof(at), "column %d \"部署1(部署名)\"", ER_N - 1);
	CHECK(contains(err.p, at));
	CHECK(contains(err.p, "looks like role department"));
	if (!CHECK(!contains(err.p, "missing column")))
		fprintf(stderr, "  %s\n", err.p);
	hdrs_free(&hs);

	/* Without the look-alike, the missing role is the error. */
	buf_reset(&err);
	std_set(&hs, ER_DEPT, ER_EMAIL, NULL);
	CHECK(profile_map(p, SMARTHR, emp_role_name, req, ER_N,
	    (const char *const *)hs.h, hs.n, col, &err) == -1);
	CHECK(contains(err.p, "missing column for role email"));
	hdrs_free(&hs);

	buf_free(&err);
	profile_free(p);
}

/* Profile rows built from a header by quoting it match that header. */
static void
test_regex_quote(void)
{
	static const char raw[] = "a.b(c)[d]{e}|f*+?^$\\";
	struct profile	*p;
	struct buf	 q = {0}, text = {0}, err = {0};
	char		*path;

	profile_regex_quote(raw, &q);
	CHECK_STR(q.p, "a\\.b\\(c\\)\\[d\\]\\{e\\}\\|f\\*\\+\\?\\^\\$\\\\");
	buf_reset(&q);
	profile_regex_quote("部署1 部署", &q);
	CHECK_STR(q.p, "部署1 部署");

	buf_reset(&q);
	profile_regex_quote(raw, &q);
	buf_printf(&text, "section,key,value\nsmarthr_column,email,^%s$\n",
	    q.p);
	p = profile_builtin();
	path = write_file(text.p, text.len);
	if (!CHECK(profile_load(p, path, &err) == 0))
		fprintf(stderr, "  %s\n", err.p);
	CHECK(profile_claims(p, SMARTHR, "email", raw, strlen(raw)) == 1);
	/* Each metacharacter is itself: . is no longer any byte. */
	CHECK(profile_claims(p, SMARTHR, "email", "aXb(c)[d]{e}|f*+?^$\\",
	    strlen(raw)) == 0);
	CHECK(profile_claims(p, SMARTHR, "email", "a.b(c)[d]{e}|f*+?^$",
	    strlen(raw) - 1) == 0);
	unlink(path);
	free(path);
	profile_free(p);
	buf_free(&q);
	buf_free(&text);
	buf_free(&err);
}

/* A pattern in half-width katakana meets headers made full-width. */
static void
test_halfwidth_pattern(void)
{
	static const char text[] =
	    "section,key,value\nsmarthr_column,last_name_kana,^ﾌﾘｶﾞﾅ姓$\n";
	static const char *const raw[] = { "ﾌﾘｶﾞﾅ姓", "フリガナ姓" };
	struct profile	*p;
	struct hdrs	 hs = {0};
	struct buf	 err = {0};
	int		 col[ER_N];
	char		*path;
	size_t		 i;

	p = profile_builtin();
	path = write_file(text, sizeof(text) - 1);
	if (!CHECK(profile_load(p, path, &err) == 0))
		fprintf(stderr, "  %s\n", err.p);
	for (i = 0; i < ARRAY_LEN(raw); i++) {
		hdrs_set(&hs, raw + i, 1);
		CHECK_STR(hs.h[0], "フリガナ姓");
		CHECK(profile_claims(p, SMARTHR, "last_name_kana", hs.h[0],
		    strlen(hs.h[0])) == 1);
		buf_reset(&err);
		CHECK(profile_map(p, SMARTHR, emp_role_name, NULL, ER_N,
		    (const char *const *)hs.h, hs.n, col, &err) == 0);
		CHECK(col[ER_LAST_KANA] == 0);
		hdrs_free(&hs);
	}
	/* The row replaced the role's list. */
	CHECK(profile_claims(p, SMARTHR, "last_name_kana", "姓(ヨミガナ)",
	    strlen("姓(ヨミガナ)")) == 0);
	unlink(path);
	free(path);
	profile_free(p);
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
	test_todays_headers();
	test_levels();
	test_lookalikes();
	test_full_export();
	test_lookalike_error();
	test_regex_quote();
	test_halfwidth_pattern();
	return tap_done();
}
