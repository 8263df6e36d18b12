/*
 * t_emp: one SmartHR record mapped to the ミキワメAI employee format, rule
 * by rule (SPEC §7): business name first per field, kana (the business
 * name's own reading with it), 社員番号 and メールアドレス width, gender,
 * every date form, every employment type, the retired flag, the problems
 * with the roles they name, and the comparison with a ミキワメAI employee.
 */
#include <string.h>

#include "tap.h"
#include "emp.h"

static struct emp_rules	 ru;
static struct emp_out	 eo;

/* A record from "role=value" pairs; roles absent from the list are empty. */
static void
map(struct emp_in *in, const char *const *kv)
{
	size_t	 i, r, n;

	memset(in, 0, sizeof(*in));
	for (r = 0; r < ER_N; r++)
		in->v[r] = "";
	for (i = 0; kv[i] != NULL; i++)
		for (r = 0; r < ER_N; r++) {
			n = strlen(emp_role_name[r]);
			if (strncmp(kv[i], emp_role_name[r], n) == 0 &&
			    kv[i][n] == '=') {
				in->v[r] = kv[i] + n + 1;
				in->len[r] = strlen(in->v[r]);
			}
		}
	emp_map(&ru, in, &eo);
}

/* The roles of the problem with this code, or 0 when there is none. */
static unsigned
prob(enum diag_code c)
{
	size_t	 i;

	for (i = 0; i < eo.nprob; i++)
		if (eo.prob[i].code == c)
			return eo.prob[i].roles;
	return 0;
}

#define FULL "last_name=山田", "first_name=太郎", \
	"last_name_kana=ヤマダ", "first_name_kana=タロウ", \
	"email=taro@example.co.jp"

static void
etype(const char *in, const char *want, int other)
{
	struct emp_in	 r;
	char		 kv[128];
	const char	*l[] = { FULL, kv, NULL };

	snprintf(kv, sizeof(kv), "employment_type=%s", in);
	map(&r, l);
	CHECK_STR(eo.v[EC_EMPTYPE].p, want);
	CHECK(eo.other == other);
	CHECK(eo.nprob == 0);
}

static void
date(const char *in, const char *want)
{
	struct emp_in	 r;
	char		 kv[128];
	const char	*l[] = { FULL, kv, NULL };

	snprintf(kv, sizeof(kv), "birth_date=%s", in);
	map(&r, l);
	if (want != NULL) {
		CHECK_STR(eo.v[EC_BIRTH].p, want);
		CHECK(prob(EMP_DATE_INVALID) == 0);
	} else
		CHECK(prob(EMP_DATE_INVALID) == ER_BIT(ER_BIRTH));
}

static void
gender(const char *in, const char *want)
{
	struct emp_in	 r;
	char		 kv[128];
	const char	*l[] = { FULL, kv, NULL };

	snprintf(kv, sizeof(kv), "gender=%s", in);
	map(&r, l);
	CHECK_STR(eo.v[EC_GENDER].p, want);
}

static void
email(const char *in, enum diag_code want)
{
	struct emp_in	 r;
	char		 kv[128];
	const char	*l[] = { "last_name=山田", "first_name=太郎",
	    "last_name_kana=ヤマダ", "first_name_kana=タロウ", kv, NULL };

	snprintf(kv, sizeof(kv), "email=%s", in);
	map(&r, l);
	if (want == DIAG_NCODES)
		CHECK(prob(EMP_EMAIL_INVALID) == 0 &&
		    prob(EMP_EMAIL_MISSING) == 0);
	else if (!CHECK(prob(want) == ER_BIT(ER_EMAIL)))
		fprintf(stderr, "  email: %s\n", in);
}

int
main(void)
{
	struct profile	*p = profile_builtin();
	struct emp_in	 r;
	struct buf	 b = {0};
	int		 written[EC_N];
	const char	*old[EC_N], *hdr[EC_N];
	size_t		 c;

	CHECK(emp_rules_init(&ru, p, 0, &b) == 0);

	/* A complete record, every column. */
	{
		const char *l[] = { "employee_number=００１２３",
		    "last_name=髙橋", "first_name=健司",
		    "last_name_kana=ﾀｶﾊｼ", "first_name_kana=けんじ",
		    "gender=男", "birth_date=昭和60年4月1日",
		    "department=営業本部/第一営業部", "position=部長",
		    "joined_on=2010/4/1", "retired_on=",
		    "employment_type=正社員",
		    "email=Ｔａｋａｈａｓｈｉ＠ｅｘａｍｐｌｅ．ｃｏ．ｊｐ",
		    "status=在職中", "opt_out=連携する", NULL };

		map(&r, l);
		CHECK(eo.nprob == 0);
		CHECK_STR(eo.v[EC_NUMBER].p, "00123");	/* zeros kept */
		CHECK_STR(eo.v[EC_LAST].p, "髙橋");
		CHECK_STR(eo.v[EC_FIRST].p, "健司");
		CHECK_STR(eo.v[EC_LAST_KANA].p, "タカハシ");
		CHECK_STR(eo.v[EC_FIRST_KANA].p, "ケンジ");
		CHECK_STR(eo.v[EC_GENDER].p, "男性");
		CHECK_STR(eo.v[EC_BIRTH].p, "1985/04/01");
		CHECK_STR(eo.v[EC_DEPT].p, "");	/* the command's */
		CHECK_STR(eo.v[EC_POSITION].p, "部長");
		CHECK_STR(eo.v[EC_JOINED].p, "2010/04/01");
		CHECK_STR(eo.v[EC_RETIRED].p, "");
		CHECK_STR(eo.v[EC_EMPTYPE].p, "正社員");
		CHECK_STR(eo.v[EC_EMAIL].p, "Takahashi@example.co.jp");
		CHECK_STR(eo.v[EC_RFLAG].p, "");
		CHECK(!emp_opted_out(&ru, "連携する", strlen("連携する")));
		CHECK(emp_opted_out(&ru, "連携しない", strlen("連携しない")));
		CHECK(!emp_opted_out(&ru, "", 0));
	}

	/* Business name first, per field. */
	{
		const char *l[] = { FULL, "business_last_name=鈴木",
		    "business_first_name=", NULL };

		map(&r, l);
		CHECK_STR(eo.v[EC_LAST].p, "鈴木");
		CHECK(eo.src[EC_LAST] == ER_BLAST);
		CHECK_STR(eo.v[EC_FIRST].p, "太郎");
		CHECK(eo.src[EC_FIRST] == ER_FIRST);
	}
	{
		/* A business name makes up for an empty legal name. */
		const char *l[] = { "first_name=太郎", "last_name_kana=ヤマダ",
		    "first_name_kana=タロウ", "email=a@b.jp",
		    "business_last_name=鈴木", NULL };

		map(&r, l);
		CHECK(eo.nprob == 0);
		CHECK_STR(eo.v[EC_LAST].p, "鈴木");
	}

	/*
	 * Business-name kana, per field: the business name's reading when
	 * that name is used and its reading is there, so that 鈴木 never
	 * goes with サトウ; else the legal reading.
	 */
	{
		const char *l[] = { "last_name=佐藤", "first_name=太郎",
		    "last_name_kana=サトウ", "first_name_kana=タロウ",
		    "email=a@b.jp", "business_last_name=鈴木",
		    "business_last_name_kana=スズキ",
		    "business_first_name_kana=ジロウ", NULL };

		map(&r, l);
		CHECK(eo.nprob == 0);
		CHECK_STR(eo.v[EC_LAST].p, "鈴木");
		CHECK_STR(eo.v[EC_LAST_KANA].p, "スズキ");
		CHECK(eo.src[EC_LAST_KANA] == ER_BLAST_KANA);
		/* No business first name: its reading alone is not used. */
		CHECK_STR(eo.v[EC_FIRST].p, "太郎");
		CHECK_STR(eo.v[EC_FIRST_KANA].p, "タロウ");
		CHECK(eo.src[EC_FIRST_KANA] == ER_FIRST_KANA);
	}
	{
		/* Business name used, its reading empty: the legal reading. */
		const char *l[] = { "last_name=佐藤", "first_name=太郎",
		    "last_name_kana=サトウ", "first_name_kana=タロウ",
		    "email=a@b.jp", "business_last_name=鈴木",
		    "business_first_name=次郎",
		    "business_first_name_kana=ジロウ", NULL };

		map(&r, l);
		CHECK(eo.nprob == 0);
		CHECK(prob(EMP_KANA_MISSING) == 0);
		CHECK_STR(eo.v[EC_LAST].p, "鈴木");
		CHECK_STR(eo.v[EC_LAST_KANA].p, "サトウ");
		CHECK(eo.src[EC_LAST_KANA] == ER_LAST_KANA);
		CHECK_STR(eo.v[EC_FIRST].p, "次郎");
		CHECK_STR(eo.v[EC_FIRST_KANA].p, "ジロウ");
		CHECK(eo.src[EC_FIRST_KANA] == ER_BFIRST_KANA);
	}
	{
		/* Business name empty, its reading filled: the legal one. */
		const char *l[] = { "last_name=佐藤", "first_name=太郎",
		    "last_name_kana=サトウ", "first_name_kana=タロウ",
		    "email=a@b.jp", "business_last_name_kana=スズキ",
		    "business_first_name_kana=ジロウ", NULL };

		map(&r, l);
		CHECK(eo.nprob == 0);
		CHECK_STR(eo.v[EC_LAST].p, "佐藤");
		CHECK_STR(eo.v[EC_LAST_KANA].p, "サトウ");
		CHECK(eo.src[EC_LAST_KANA] == ER_LAST_KANA);
		CHECK_STR(eo.v[EC_FIRST_KANA].p, "タロウ");
		CHECK(eo.src[EC_FIRST_KANA] == ER_FIRST_KANA);
	}
	{
		/* The business reading is normalized as the legal one is. */
		static const char *const kv[] = {
		    "business_last_name_kana=すずき",
		    "business_last_name_kana=ｽｽﾞｷ",
		    "business_last_name_kana=スズキ",
		};
		const char *l[] = { "last_name=佐藤", "first_name=太郎",
		    "last_name_kana=サトウ", "first_name_kana=タロウ",
		    "email=a@b.jp", "business_last_name=鈴木", NULL, NULL };
		size_t i;

		for (i = 0; i < ARRAY_LEN(kv); i++) {
			l[6] = kv[i];
			map(&r, l);
			if (!CHECK_STR(eo.v[EC_LAST_KANA].p, "スズキ"))
				fprintf(stderr, "  %s\n", kv[i]);
			CHECK(eo.src[EC_LAST_KANA] == ER_BLAST_KANA);
		}
	}
	{
		/*
		 * Business name used, no reading of either kind: the legal
		 * reading is what is missing, as the one a file should add.
		 */
		const char *l[] = { "last_name=佐藤", "first_name=太郎",
		    "first_name_kana=タロウ", "email=a@b.jp",
		    "business_last_name=鈴木", NULL };

		map(&r, l);
		CHECK(eo.nprob == 1);
		CHECK(prob(EMP_KANA_MISSING) == ER_BIT(ER_LAST_KANA));
		CHECK_STR(eo.v[EC_LAST_KANA].p, "");
	}
	{
		/* The business reading makes up for an empty legal one. */
		const char *l[] = { "last_name=佐藤", "first_name=太郎",
		    "first_name_kana=タロウ", "email=a@b.jp",
		    "business_last_name=鈴木",
		    "business_last_name_kana=スズキ", NULL };

		map(&r, l);
		CHECK(eo.nprob == 0);
		CHECK_STR(eo.v[EC_LAST_KANA].p, "スズキ");
	}
	{
		/* An unreadable business reading is not judged nor replaced. */
		const char *l[] = { "last_name=佐藤", "first_name=太郎",
		    "last_name_kana=サトウ", "first_name_kana=タロウ",
		    "email=a@b.jp", "business_last_name=鈴木", NULL };

		map(&r, l);
		r.bad = ER_BIT(ER_BLAST_KANA);
		emp_map(&ru, &r, &eo);
		CHECK(prob(EMP_KANA_MISSING) == 0);
		CHECK(eo.src[EC_LAST_KANA] == ER_BLAST_KANA);
		CHECK_STR(eo.v[EC_LAST_KANA].p, "");
	}

	/* 姓 and 名 both empty: one problem naming both. */
	{
		const char *l[] = { "last_name_kana=ヤマダ",
		    "first_name_kana=タロウ", "email=a@b.jp", NULL };

		map(&r, l);
		CHECK(eo.nprob == 1);
		CHECK(prob(EMP_NAME_MISSING) ==
		    (ER_BIT(ER_LAST) | ER_BIT(ER_FIRST)));
	}
	{
		const char *l[] = { "last_name=山田", "first_name=太郎",
		    "first_name_kana=ﾀﾛｳ", "email=a@b.jp", NULL };

		map(&r, l);
		CHECK(prob(EMP_KANA_MISSING) == ER_BIT(ER_LAST_KANA));
		CHECK_STR(eo.v[EC_FIRST_KANA].p, "タロウ");
	}
	{
		/* Every problem of one record at once. */
		const char *l[] = { "birth_date=2023/2/29",
		    "joined_on=平成31年5月1日", "retired_on=2024/3/31",
		    "employee_number=1.23E+05", NULL };

		map(&r, l);
		CHECK(prob(EMP_NAME_MISSING) ==
		    (ER_BIT(ER_LAST) | ER_BIT(ER_FIRST)));
		CHECK(prob(EMP_KANA_MISSING) ==
		    (ER_BIT(ER_LAST_KANA) | ER_BIT(ER_FIRST_KANA)));
		CHECK(prob(EMP_EMAIL_MISSING) == ER_BIT(ER_EMAIL));
		CHECK(prob(EMP_DATE_INVALID) ==
		    (ER_BIT(ER_BIRTH) | ER_BIT(ER_JOINED)));
		CHECK(prob(EMP_NUMBER_SUSPICIOUS) == ER_BIT(ER_NUMBER));
		CHECK(prob(EMP_NUMBER_MISSING) == 0);	/* email mode */
		CHECK_STR(eo.v[EC_RETIRED].p, "2024/03/31");
	}
	{
		/* Invalid bytes: no rule judges what could not be read. */
		const char *l[] = { "email=", "birth_date=xx", NULL };

		memset(&r, 0, sizeof(r));
		map(&r, l);
		r.bad = ER_BIT(ER_LAST) | ER_BIT(ER_FIRST) |
		    ER_BIT(ER_LAST_KANA) | ER_BIT(ER_EMAIL) | ER_BIT(ER_BIRTH);
		emp_map(&ru, &r, &eo);
		CHECK(prob(EMP_NAME_MISSING) == 0);
		CHECK(prob(EMP_KANA_MISSING) == ER_BIT(ER_FIRST_KANA));
		CHECK(prob(EMP_EMAIL_MISSING) == 0);
		CHECK(prob(EMP_DATE_INVALID) == 0);
	}

	/* Employment types: the manual's six, custom, empty, half-width. */
	etype("正社員", "正社員", 0);
	etype("契約社員", "契約社員", 0);
	etype("派遣社員", "派遣社員", 0);
	etype("アルバイト・パート", "パート・アルバイト", 0);
	etype("業務委託", "業務委託", 0);
	etype("役員", "役員（任用契約）", 0);
	etype("ｱﾙﾊﾞｲﾄ･ﾊﾟｰﾄ", "パート・アルバイト", 0);
	etype("ﾊｹﾝｼｬｲﾝ", "その他", 1);		/* kanji are not kana */
	etype("嘱託", "その他", 1);
	etype("パート・アルバイト", "その他", 1);	/* ミキワメAI's name */
	etype("正社員（地域限定）", "その他", 1);	/* a renamed default */
	etype("", "", 0);

	/* Dates, every form, written as date_format. */
	date("1985/4/1", "1985/04/01");
	date("1985-04-01", "1985/04/01");
	date("1985.4.1", "1985/04/01");
	date("19850401", "1985/04/01");
	date("1985年4月1日", "1985/04/01");
	date("昭和60年4月1日", "1985/04/01");
	date("S60.4.1", "1985/04/01");
	date("H2/3/4", "1990/03/04");
	date("令和元年5月1日", "2019/05/01");
	date("明治45年7月29日", "1912/07/29");
	date("大正元年7月30日", "1912/07/30");
	date("昭和64年1月7日", "1989/01/07");
	date("平成元年1月8日", "1989/01/08");
	date("2024/2/29", "2024/02/29");
	date("2023/2/29", NULL);
	date("平成31年5月1日", NULL);
	date("明治5年12月31日", NULL);
	date("1985/4/31", NULL);
	date("不明", NULL);
	date("", "");

	/* Gender. */
	gender("男性", "男性");
	gender("男", "男性");
	gender("male", "男性");
	gender("Male", "男性");
	gender("M", "男性");
	gender("ｍ", "男性");
	gender("女性", "女性");
	gender("女", "女性");
	gender("FEMALE", "女性");
	gender("F", "女性");
	gender("その他", "その他");
	gender("", "");

	/* Emails. */
	email("taro@example.co.jp", DIAG_NCODES);
	email("Taro.Yamada+hr@mail.example.com", DIAG_NCODES);
	email("ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ", DIAG_NCODES);
	email("taro..x.@docomo.ne.jp", DIAG_NCODES);
	email("", EMP_EMAIL_MISSING);
	email("taro@localhost", EMP_EMAIL_INVALID);
	email("taro example@x.jp", EMP_EMAIL_INVALID);
	email("taro@example.jp ", EMP_EMAIL_INVALID);	/* trimmed earlier */
	email("taro@@example.jp", EMP_EMAIL_INVALID);
	email("@example.jp", EMP_EMAIL_INVALID);
	email("taro@", EMP_EMAIL_INVALID);
	email("taro@.example.jp", EMP_EMAIL_INVALID);
	email("taro@example..jp", EMP_EMAIL_INVALID);
	email("taro@example.jp.", EMP_EMAIL_INVALID);
	email("taro@-x.jp", EMP_EMAIL_INVALID);
	email("山田@example.jp", EMP_EMAIL_INVALID);
	email("taro@例え.jp", EMP_EMAIL_INVALID);
	email("taro　x@example.jp", EMP_EMAIL_INVALID);

	/* The retired flag: 在籍状況 matching ^退職. */
	{
		const char *l[] = { FULL, "status=退職済み", NULL };
		const char *l2[] = { FULL, "status=退職", NULL };
		const char *l3[] = { FULL, "status=休職中", NULL };
		const char *l4[] = { FULL, "status=内定退職", NULL };

		map(&r, l);
		CHECK_STR(eo.v[EC_RFLAG].p, "1");
		map(&r, l2);
		CHECK_STR(eo.v[EC_RFLAG].p, "1");
		map(&r, l3);
		CHECK_STR(eo.v[EC_RFLAG].p, "");
		map(&r, l4);
		CHECK_STR(eo.v[EC_RFLAG].p, "");
	}

	/* Spreadsheet-mangled numbers. */
	CHECK(emp_number_suspicious("1.23E+05", 8));
	CHECK(emp_number_suspicious("1E5", 3));
	CHECK(emp_number_suspicious("1.2e-3", 6));
	CHECK(emp_number_suspicious("123.0", 5));
	CHECK(emp_number_suspicious("123.00", 6));
	CHECK(!emp_number_suspicious("123.5", 5));
	CHECK(!emp_number_suspicious("00123", 5));
	CHECK(!emp_number_suspicious("E123", 4));
	CHECK(!emp_number_suspicious("A-001", 5));
	CHECK(!emp_number_suspicious("123.", 4));
	CHECK(!emp_number_suspicious("1.23E", 5));
	CHECK(!emp_number_suspicious("", 0));

	/* Employee-number mode: an empty 社員番号 is a problem. */
	emp_rules_free(&ru);
	CHECK(emp_rules_init(&ru, p, 1, &b) == 0);
	{
		const char *l[] = { FULL, NULL };

		map(&r, l);
		CHECK(prob(EMP_NUMBER_MISSING) == ER_BIT(ER_NUMBER));
	}

	/* Comparison with a ミキワメAI employee. */
	{
		const char *l[] = { "employee_number=00002",
		    "last_name=山﨑", "first_name=美咲",
		    "last_name_kana=ﾔﾏｻｷ", "first_name_kana=ミサキ",
		    "birth_date=S60.4.1", "position=課長",
		    "email=Yamasaki@Example.co.jp", NULL };

		map(&r, l);
		for (c = 0; c < EC_N; c++) {
			written[c] = 1;
			old[c] = "";
			hdr[c] = emp_col_role[c];
		}
		written[EC_RFLAG] = 0;
		old[EC_NUMBER] = "００００２";
		old[EC_LAST] = "山﨑";
		old[EC_FIRST] = "美咲";
		old[EC_LAST_KANA] = "やまさき";
		old[EC_FIRST_KANA] = "ミサキ";
		old[EC_BIRTH] = "1985/4/1";
		old[EC_POSITION] = "主任";
		old[EC_EMAIL] = "yamasaki@example.co.jp";
		old[EC_GENDER] = NULL;	/* the file has no such column */
		old[EC_RFLAG] = "1";	/* not written: not compared */
		buf_reset(&b);
		CHECK(emp_diff(&ru, &eo, written, old, hdr, &b) == 1);
		CHECK_STR(b.p, "position: 主任 → 課長");
		old[EC_GENDER] = "女性";
		old[EC_POSITION] = " 課長 ";
		buf_reset(&b);
		CHECK(emp_diff(&ru, &eo, written, old, hdr, &b) == 1);
		CHECK_STR(b.p, "gender: 女性 → ");
		old[EC_GENDER] = "";
		old[EC_BIRTH] = "";
		old[EC_DEPT] = "営業二部";
		buf_reset(&b);
		CHECK(emp_diff(&ru, &eo, written, old, hdr, &b) == 2);
		CHECK_STR(b.p, "birth_date:  → 1985/04/01; "
		    "department: 営業二部 → ");
	}

	emp_rules_free(&ru);
	emp_out_free(&eo);
	profile_free(p);
	buf_free(&b);
	return tap_done();
}
