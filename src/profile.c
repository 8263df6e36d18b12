/*
 * profile: the built-in mapping data and its overrides.
 *
 * Header patterns are PCRE2 patterns matched against the normalized header
 * (norm_header: full-width ASCII folded, spaces removed), so `姓（カタカナ）`
 * and `姓 (カタカナ)` are both `姓(カタカナ)` when the patterns run. One row
 * per accepted spelling keeps the patterns readable and lets messages list
 * the accepted names. Patterns are compiled on first use.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "csvin.h"
#include "date.h"
#include "enc.h"
#include "kana.h"
#include "norm.h"
#include "profile.h"
#include "re.h"

struct prow {
	char		*section, *key, *value;
	struct re	*re;		/* compiled value of a *_column row */
};

/*
 * Look-alikes (mikibridge(1), HEADERS): a header that no role claims but
 * that carries the words of a role that found no column is most likely
 * that role under a spelling the profile does not know, so a command that
 * uses the role stops rather than leave the column out in silence. A
 * header resembles a role when it matches `has` and not `hasnot`.
 */
#define KANA_WORDS	"(?:ヨミガナ|フリガナ|カタカナ|カナ)"
/*
 * Columns about someone or something else than the employee's own record
 * (家族1（生年月日）, 前職（在籍期間）, 口座名義（カナ）, as a full SmartHR
 * export has them) never resemble a role, whatever words they carry.
 */
#define OTHERS	"家族|緊急連絡先|前職|口座|配偶者|扶養|住民票|通勤|学歴|資格"
#define LEVEL1		"(?=.*(?<![0-9])1(?![0-9]))(?!.*(?:[02-9]|1[0-9]))"
static const struct like {
	const char	*role;
	const char	*has, *hasnot;	/* PCRE2, on the normalized header */
	const char	*words;		/* what it carries, for messages */
} likes[] = {
	{ "employee_number", "社員番号", NULL, "社員番号" },
	{ "last_name_kana", "^(?=.*姓)(?=.*" KANA_WORDS ")", "ビジネスネーム",
	    "姓 and ヨミガナ/カナ/フリガナ/カタカナ" },
	{ "first_name_kana", "^(?=.*(?<!氏)名(?!義))(?=.*" KANA_WORDS ")",
	    "ビジネスネーム", "名 and ヨミガナ/カナ/フリガナ/カタカナ" },
	{ "business_last_name", "^(?=.*ビジネスネーム)(?=.*姓)", KANA_WORDS,
	    "ビジネスネーム and 姓" },
	{ "business_first_name", "^(?=.*ビジネスネーム)(?=.*名)", KANA_WORDS,
	    "ビジネスネーム and 名" },
	{ "business_last_name_kana", "^(?=.*ビジネスネーム)(?=.*姓)(?=.*"
	    KANA_WORDS ")", NULL, "ビジネスネーム, 姓 and ヨミガナ/カナ" },
	{ "business_first_name_kana", "^(?=.*ビジネスネーム)(?=.*名)(?=.*"
	    KANA_WORDS ")", NULL, "ビジネスネーム, 名 and ヨミガナ/カナ" },
	{ "department", "^(?=.*部署)" LEVEL1, NULL, "部署 with level 1" },
	{ "position", "^(?=.*役職)" LEVEL1, NULL, "役職 with level 1" },
	{ "retired_on", "^(?=.*退職)(?=.*日)", NULL, "退職 and 日" },
	{ "status", "在籍(?!期間)", NULL, "在籍" },
	{ "employment_type", "雇用形態", NULL, "雇用形態" },
	{ "gender", "性別", NULL, "性別" },
	{ "birth_date", "生年月日", NULL, "生年月日" },
	{ "joined_on", "入社", NULL, "入社" },
	{ "opt_out", "ミキワメ|連携", NULL, "ミキワメ or 連携" },
	{ "email", "メール", NULL, "メール" },
};

struct profile {
	struct prow	*rows;
	size_t		 n, cap;
	struct re	*like[ARRAY_LEN(likes)][2];	/* has, hasnot */
	struct re	*others;			/* OTHERS */
};

/* The built-in profile (SPEC §5-8): order is the order `profile` prints. */
static const char *const builtin[][3] = {
	/* SmartHR employee export (§7). */
	{ "smarthr_column", "employee_number", "^社員番号$" },
	{ "smarthr_column", "last_name", "^姓$" },
	{ "smarthr_column", "first_name", "^名$" },
	{ "smarthr_column", "last_name_kana", "^姓\\(カタカナ\\)$" },
	{ "smarthr_column", "last_name_kana", "^姓\\(ヨミガナ\\)$" },
	{ "smarthr_column", "last_name_kana", "^姓\\(フリガナ\\)$" },
	{ "smarthr_column", "last_name_kana", "^姓\\(カナ\\)$" },
	{ "smarthr_column", "last_name_kana", "^セイ$" },
	{ "smarthr_column", "first_name_kana", "^名\\(カタカナ\\)$" },
	{ "smarthr_column", "first_name_kana", "^名\\(ヨミガナ\\)$" },
	{ "smarthr_column", "first_name_kana", "^名\\(フリガナ\\)$" },
	{ "smarthr_column", "first_name_kana", "^名\\(カナ\\)$" },
	{ "smarthr_column", "first_name_kana", "^メイ$" },
	{ "smarthr_column", "business_last_name", "^ビジネスネーム\\(姓\\)$" },
	{ "smarthr_column", "business_last_name", "^ビジネスネーム[:/]?姓$" },
	{ "smarthr_column", "business_first_name", "^ビジネスネーム\\(名\\)$" },
	{ "smarthr_column", "business_first_name", "^ビジネスネーム[:/]?名$" },
	{ "smarthr_column", "business_last_name_kana",
	    "^ビジネスネーム[:/]?姓\\((カタカナ|ヨミガナ|フリガナ|カナ)\\)$" },
	{ "smarthr_column", "business_last_name_kana",
	    "^ビジネスネーム\\(姓\\)\\((カタカナ|ヨミガナ|フリガナ|カナ)\\)$" },
	{ "smarthr_column", "business_last_name_kana",
	    "^ビジネスネーム\\(姓(カタカナ|ヨミガナ|フリガナ|カナ)\\)$" },
	{ "smarthr_column", "business_first_name_kana",
	    "^ビジネスネーム[:/]?名\\((カタカナ|ヨミガナ|フリガナ|カナ)\\)$" },
	{ "smarthr_column", "business_first_name_kana",
	    "^ビジネスネーム\\(名\\)\\((カタカナ|ヨミガナ|フリガナ|カナ)\\)$" },
	{ "smarthr_column", "business_first_name_kana",
	    "^ビジネスネーム\\(名(カタカナ|ヨミガナ|フリガナ|カナ)\\)$" },
	{ "smarthr_column", "gender", "^戸籍上の性別$" },
	{ "smarthr_column", "gender", "^性別$" },
	{ "smarthr_column", "birth_date", "^生年月日$" },
	{ "smarthr_column", "department", "^部署1[:/]?部署$" },
	{ "smarthr_column", "department", "^部署1$" },
	{ "smarthr_column", "department", "^部署$" },
	{ "smarthr_column", "department", "^所属部署$" },
	{ "smarthr_column", "position", "^役職1[:/]?役職$" },
	{ "smarthr_column", "position", "^役職1$" },
	{ "smarthr_column", "position", "^役職$" },
	{ "smarthr_column", "joined_on", "^入社年月日$" },
	{ "smarthr_column", "joined_on", "^入社日$" },
	{ "smarthr_column", "retired_on", "^退職年月日$" },
	{ "smarthr_column", "retired_on", "^退職日$" },
	{ "smarthr_column", "retired_on", "^退職・解雇・死亡年月日$" },
	{ "smarthr_column", "employment_type", "^雇用形態$" },
	{ "smarthr_column", "email", "^メールアドレス$" },
	{ "smarthr_column", "status", "^在籍状況$" },
	{ "smarthr_column", "opt_out", "^ミキワメAI連携$" },
	{ "smarthr_column", "opt_out", "^ミキワメAIカテゴリー[:/]?ミキワメAI連携$" },
	/*
	 * Known columns that no role takes: SmartHR links only the first of
	 * its ten 部署 and 役職 levels (the integration's manual).
	 */
	{ "smarthr_column", "ignore", "^部署([2-9]|10)([:/]?部署)?$" },
	{ "smarthr_column", "ignore", "^役職([2-9]|10)([:/]?役職)?$" },
	/* SmartHR department master (§6), staircase and flat. */
	{ "smarthr_column", "department_code", "^(?i:code)$" },
	{ "smarthr_column", "department_code", "^部署コード$" },
	{ "smarthr_column", "department_level", "^(?i:level)[0-9]+$" },
	{ "smarthr_column", "department_name", "^部署名$" },
	{ "smarthr_column", "parent_department_code", "^親部署コード$" },
	{ "smarthr_column", "parent_department", "^親部署$" },
	/* ミキワメAI department and employee files (§6, §7). */
	{ "mikiwame_column", "department_code", "^部署コード$" },
	{ "mikiwame_column", "department_name", "^部署名$" },
	{ "mikiwame_column", "parent_department_code", "^親部署コード$" },
	{ "mikiwame_column", "employee_number", "^社員番号$" },
	{ "mikiwame_column", "last_name", "^氏名\\(姓\\)$" },
	{ "mikiwame_column", "first_name", "^氏名\\(名\\)$" },
	{ "mikiwame_column", "last_name_kana", "^姓\\(カナ\\)$" },
	{ "mikiwame_column", "first_name_kana", "^名\\(カナ\\)$" },
	{ "mikiwame_column", "gender", "^性別$" },
	{ "mikiwame_column", "birth_date", "^生年月日$" },
	{ "mikiwame_column", "department", "^所属部署$" },
	{ "mikiwame_column", "position", "^役職$" },
	{ "mikiwame_column", "joined_on", "^入社日$" },
	{ "mikiwame_column", "retired_on", "^退職日$" },
	{ "mikiwame_column", "employment_type", "^雇用形態$" },
	{ "mikiwame_column", "email", "^メールアドレス$" },
	{ "mikiwame_column", "retired_flag", "^退職者フラグ$" },
	/* ミキワメAI result export (§8). */
	{ "mikiwame_column", "taken_on", "^受検日$" },
	{ "mikiwame_column", "taken_on", "^受検日時$" },
	{ "mikiwame_column", "type16", "^16タイプ$" },
	{ "mikiwame_column", "result_link", "^検査結果リンク$" },
	{ "mikiwame_column", "name", "^氏名$" },
	{ "mikiwame_column", "ignore", "^氏名$" },
	{ "mikiwame_column", "ignore", "^姓$" },
	{ "mikiwame_column", "ignore", "^名$" },
	{ "mikiwame_column", "ignore", "^セイ$" },
	{ "mikiwame_column", "ignore", "^メイ$" },
	{ "mikiwame_column", "ignore", "カナ" },
	{ "mikiwame_column", "ignore", "フリガナ" },
	{ "mikiwame_column", "ignore", "ヨミガナ" },
	{ "mikiwame_column", "ignore", "^部署" },
	{ "mikiwame_column", "ignore", "^役職" },
	{ "mikiwame_column", "ignore", "^雇用形態$" },
	{ "mikiwame_column", "ignore", "^受検ID$" },
	{ "mikiwame_column", "ignore", "^受検者ID$" },
	/* Headers written (§6-8). */
	{ "output_column", "employee_number", "社員番号" },
	{ "output_column", "last_name", "氏名（姓）" },
	{ "output_column", "first_name", "氏名（名）" },
	{ "output_column", "last_name_kana", "姓（カナ）" },
	{ "output_column", "first_name_kana", "名（カナ）" },
	{ "output_column", "gender", "性別" },
	{ "output_column", "birth_date", "生年月日" },
	{ "output_column", "department", "所属部署" },
	{ "output_column", "position", "役職" },
	{ "output_column", "joined_on", "入社日" },
	{ "output_column", "retired_on", "退職日" },
	{ "output_column", "employment_type", "雇用形態" },
	{ "output_column", "email", "メールアドレス" },
	{ "output_column", "retired_flag", "退職者フラグ" },
	{ "output_column", "department_code", "部署コード" },
	{ "output_column", "department_name", "部署名" },
	{ "output_column", "parent_department_code", "親部署コード" },
	{ "output_column", "taken_on", "受検日" },
	{ "output_column", "type16", "16タイプ" },
	{ "output_column", "result_link", "検査結果リンク" },
	/* The manual's employment-type table (§7). */
	{ "employment_type", "正社員", "正社員" },
	{ "employment_type", "契約社員", "契約社員" },
	{ "employment_type", "派遣社員", "派遣社員" },
	{ "employment_type", "アルバイト・パート", "パート・アルバイト" },
	{ "employment_type", "業務委託", "業務委託" },
	{ "employment_type", "役員", "役員（任用契約）" },
	{ "employment_type", "*", "その他" },
	{ "gender", "男性", "男性" },
	{ "gender", "男", "男性" },
	{ "gender", "male", "男性" },
	{ "gender", "M", "男性" },
	{ "gender", "女性", "女性" },
	{ "gender", "女", "女性" },
	{ "gender", "female", "女性" },
	{ "gender", "F", "女性" },
	{ "option", "date_format", "YYYY/MM/DD" },
	{ "option", "retired_flag", "1" },
	{ "option", "retired_status", "^退職(済み?)?$" },
	{ "option", "opt_out_value", "連携しない" },
	{ "option", "trait_count", "24" },
};

static const char *const options[] = {
	"date_format", "retired_flag", "retired_status", "opt_out_value",
	"trait_count",
};

/*
 * A column pattern is compiled with its half-width katakana made
 * full-width, as norm_header makes them in the headers it is matched
 * against: a row written ^ﾌﾘｶﾞﾅ姓$ still matches the header ﾌﾘｶﾞﾅ姓.
 */
static struct re *
compile_column(const char *pat, char *err, size_t len)
{
	struct buf	 b = {0};
	struct re	*re;

	kana_normalize(pat, strlen(pat), 0, &b);
	buf_add(&b, "", 0);
	re = re_compile(b.p, err, len);
	buf_free(&b);
	return re;
}

static int
is_list(const char *section)
{
	size_t	 n = strlen(section);

	return n > 7 && strcmp(section + n - 7, "_column") == 0;
}

static void
add(struct profile *p, const char *s, const char *k, const char *v)
{
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 128;
		p->rows = xreallocarray(p->rows, p->cap, sizeof(*p->rows));
	}
	p->rows[p->n].section = xstrdup(s);
	p->rows[p->n].key = xstrdup(k);
	p->rows[p->n].value = xstrdup(v);
	p->rows[p->n].re = NULL;
	p->n++;
}

struct profile *
profile_builtin(void)
{
	struct profile	*p;
	size_t		 i;

	p = xcalloc(1, sizeof(*p));
	for (i = 0; i < ARRAY_LEN(builtin); i++)
		add(p, builtin[i][0], builtin[i][1], builtin[i][2]);
	return p;
}

static void
drop(struct profile *p, size_t i)
{
	free(p->rows[i].section);
	free(p->rows[i].key);
	free(p->rows[i].value);
	re_free(p->rows[i].re);
	memmove(p->rows + i, p->rows + i + 1, (p->n - i - 1) * sizeof(*p->rows));
	p->n--;
}

void
profile_free(struct profile *p)
{
	size_t	 i;

	if (p == NULL)
		return;
	while (p->n > 0)
		drop(p, p->n - 1);
	for (i = 0; i < ARRAY_LEN(likes); i++) {
		re_free(p->like[i][0]);
		re_free(p->like[i][1]);
	}
	re_free(p->others);
	free(p->rows);
	free(p);
}

static int
known_role(const struct profile *p, const char *section, const char *role)
{
	size_t	 i;

	for (i = 0; i < ARRAY_LEN(builtin); i++)
		if (strcmp(builtin[i][0], section) == 0 &&
		    strcmp(builtin[i][1], role) == 0)
			return 1;
	(void)p;
	return 0;
}

/*
 * Checks an option's value now, so that a bad one is reported with its file
 * and line rather than later, by a flow that no longer knows either.
 */
static int
option_bad(const char *name, const char *value, char *msg, size_t len)
{
	struct re	*re;
	const char	*s;

	if (strcmp(name, "date_format") == 0 && !date_format_ok(value)) {
		snprintf(msg, len, "date_format is YYYY/MM/DD or YYYY-MM-DD, "
		    "not \"%s\"", value);
		return 1;
	}
	if (strcmp(name, "retired_status") == 0) {
		if ((re = re_compile(value, msg, len)) == NULL)
			return 1;
		re_free(re);
	}
	if (strcmp(name, "trait_count") == 0) {
		for (s = value; *s >= '0' && *s <= '9'; s++)
			continue;
		if (*s != '\0' || s == value || s - value > 4 ||
		    atoi(value) == 0) {
			snprintf(msg, len, "trait_count must be a positive "
			    "number, not \"%s\"", value);
			return 1;
		}
	}
	return 0;
}

/*
 * A profile file is CSV (UTF-8 or CP932, detected) with the header
 * section,key,value. Every row is checked before any is applied, so a bad
 * file changes nothing. Rows of a *_column section replace that role's
 * whole list (the first such row clears it); other rows replace the row
 * with the same section and key, or add one.
 */
int
profile_load(struct profile *p, const char *path, struct buf *err)
{
	FILE		*fp;
	struct csvin	*in = NULL;
	struct codec	*codec = NULL;
	struct detect	 d;
	struct rec	*r;
	struct buf	 f[3] = {{0}}, h = {0};
	char		 rerr[256];
	char		**cleared = NULL;
	size_t		 ncleared = 0, capcleared = 0, i, j, bad;
	int		 rc = -1, k, header = 1;

	if ((fp = fopen(path, "rb")) == NULL) {
		buf_printf(err, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (enc_detect(fp, &d) == -1 || fseek(fp, 0, SEEK_SET) == -1) {
		buf_printf(err, "%s: read error", path);
		goto out;
	}
	if (d.utf16) {
		buf_printf(err, "%s: not UTF-8 or CP932", path);
		goto out;
	}
	/* Name both lines, as for any input, so the user can find them. */
	if (d.mixed) {
		buf_printf(err, "%s:%zu: mixed encodings: line %zu is UTF-8 "
		    "text, line %zu is not; save the file as UTF-8", path,
		    d.cp932_line, d.utf8_line, d.cp932_line);
		goto out;
	}
	in = csvin_open(fp, path);
	codec = codec_new();
	while ((k = csvin_next(in, &r)) == 1) {
		if (r->nf != 3) {
			buf_printf(err, "%s:%zu: %zu fields, a profile row has 3 "
			    "(section,key,value)", path, r->line, r->nf);
			goto out;
		}
		for (i = 0; i < 3; i++) {
			buf_reset(&f[i]);
			if (codec_decode(codec, d.enc, r->f[i], r->len[i], &f[i],
			    &bad) == -1) {
				buf_printf(err, "%s:%zu: invalid %s bytes",
				    path, r->line, enc_name(d.enc));
				goto out;
			}
		}
		if (header) {
			header = 0;
			buf_reset(&h);
			norm_header(f[0].p, f[0].len, &h);
			if (strcmp(h.p, "section") == 0)
				continue;
			buf_printf(err, "%s:%zu: the header must be "
			    "section,key,value", path, r->line);
			goto out;
		}
		if (is_list(f[0].p)) {
			struct re *re;

			if (strcmp(f[0].p, "smarthr_column") != 0 &&
			    strcmp(f[0].p, "mikiwame_column") != 0 &&
			    strcmp(f[0].p, "output_column") != 0) {
				buf_printf(err, "%s:%zu: unknown section \"%s\"",
				    path, r->line, f[0].p);
				goto out;
			}
			if (!known_role(p, f[0].p, f[1].p)) {
				buf_printf(err, "%s:%zu: unknown role \"%s\" in "
				    "section %s", path, r->line, f[1].p, f[0].p);
				goto out;
			}
			if (strcmp(f[0].p, "output_column") != 0) {
				if ((re = compile_column(f[2].p, rerr,
				    sizeof(rerr))) == NULL) {
					buf_printf(err, "%s:%zu: %s", path,
					    r->line, rerr);
					goto out;
				}
				re_free(re);
			}
		} else if (strcmp(f[0].p, "option") == 0) {
			for (i = 0; i < ARRAY_LEN(options); i++)
				if (strcmp(f[1].p, options[i]) == 0)
					break;
			if (i == ARRAY_LEN(options)) {
				buf_printf(err, "%s:%zu: unknown option \"%s\"",
				    path, r->line, f[1].p);
				goto out;
			}
			if (option_bad(f[1].p, f[2].p, rerr, sizeof(rerr))) {
				buf_printf(err, "%s:%zu: %s", path, r->line,
				    rerr);
				goto out;
			}
		} else if (strcmp(f[0].p, "employment_type") != 0 &&
		    strcmp(f[0].p, "gender") != 0) {
			buf_printf(err, "%s:%zu: unknown section \"%s\"", path,
			    r->line, f[0].p);
			goto out;
		}
	}
	if (k == -1) {
		buf_adds(err, csvin_error(in));
		goto out;
	}
	/* Everything is valid: apply, in a second pass. */
	if (fseek(fp, 0, SEEK_SET) == -1) {
		buf_printf(err, "%s: cannot seek", path);
		goto out;
	}
	csvin_close(in);
	in = csvin_open(fp, path);
	header = 1;
	while (csvin_next(in, &r) == 1) {
		for (i = 0; i < 3; i++) {
			buf_reset(&f[i]);
			(void)codec_decode(codec, d.enc, r->f[i], r->len[i],
			    &f[i], &bad);
		}
		if (header) {
			header = 0;
			continue;
		}
		if (is_list(f[0].p)) {
			char *id = xasprintf("%s\t%s", f[0].p, f[1].p);

			for (j = 0; j < ncleared; j++)
				if (strcmp(cleared[j], id) == 0)
					break;
			if (j == ncleared) {
				cleared = xgrow(cleared, &capcleared,
				    ncleared + 1, sizeof(*cleared));
				cleared[ncleared++] = id;
				for (j = p->n; j-- > 0; )
					if (strcmp(p->rows[j].section, f[0].p) == 0 &&
					    strcmp(p->rows[j].key, f[1].p) == 0)
						drop(p, j);
			} else
				free(id);
		} else {
			for (j = p->n; j-- > 0; )
				if (strcmp(p->rows[j].section, f[0].p) == 0 &&
				    strcmp(p->rows[j].key, f[1].p) == 0)
					drop(p, j);
		}
		add(p, f[0].p, f[1].p, f[2].p);
	}
	rc = 0;
out:
	for (j = 0; j < ncleared; j++)
		free(cleared[j]);
	free(cleared);
	for (i = 0; i < 3; i++)
		buf_free(&f[i]);
	buf_free(&h);
	csvin_close(in);
	codec_free(codec);
	fclose(fp);
	return rc;
}

size_t
profile_count(const struct profile *p)
{
	return p->n;
}

void
profile_row(const struct profile *p, size_t i, const char **s, const char **k,
    const char **v)
{
	*s = p->rows[i].section;
	*k = p->rows[i].key;
	*v = p->rows[i].value;
}

const char *
profile_get(const struct profile *p, const char *section, const char *key)
{
	size_t	 i;

	for (i = 0; i < p->n; i++)
		if (strcmp(p->rows[i].section, section) == 0 &&
		    strcmp(p->rows[i].key, key) == 0)
			return p->rows[i].value;
	return NULL;
}

int
profile_claims(struct profile *p, const char *section, const char *role,
    const char *hdr, size_t len)
{
	size_t	 i;
	char	 err[256];

	for (i = 0; i < p->n; i++) {
		struct prow *w = &p->rows[i];

		if (strcmp(w->section, section) != 0 ||
		    strcmp(w->key, role) != 0)
			continue;
		/* Built-in and loaded patterns were checked: this cannot fail. */
		if (w->re == NULL && (w->re = compile_column(w->value, err,
		    sizeof(err))) == NULL)
			continue;
		if (re_match(w->re, hdr, len))
			return 1;
	}
	return 0;
}

/*
 * "^姓\(カタカナ\)$" reads as 姓(カタカナ) in a message, "^(?i:code)$" as
 * code and "^(?i:level)[0-9]+$" as levelN.
 */
static void
readable(const char *pat, struct buf *out)
{
	const char	*s = pat;
	int		 group = 0;

	if (*s == '^')
		s++;
	for (; *s != '\0'; s++) {
		if (*s == '$' && s[1] == '\0')
			break;
		if (strncmp(s, "(?i:", 4) == 0) {
			group++;
			s += 3;
			continue;
		}
		if (*s == ')' && group > 0) {
			group--;
			continue;
		}
		if (strncmp(s, "[0-9]+", 6) == 0) {
			buf_addc(out, 'N');
			s += 5;
			continue;
		}
		if (strncmp(s, "[:/]?", 5) == 0) {	/* the export's ： */
			buf_adds(out, "：");
			s += 4;
			continue;
		}
		if (*s == '\\' && s[1] != '\0')
			s++;
		buf_addc(out, *s);
	}
}

void
profile_accepted(const struct profile *p, const char *section,
    const char *role, struct buf *out)
{
	size_t	 i;
	int	 first = 1;

	for (i = 0; i < p->n; i++)
		if (strcmp(p->rows[i].section, section) == 0 &&
		    strcmp(p->rows[i].key, role) == 0) {
			if (!first)
				buf_adds(out, ", ");
			first = 0;
			readable(p->rows[i].value, out);
		}
}

static void
headers_found(const char *const *hdr, size_t nh, struct buf *out)
{
	size_t	 i;

	for (i = 0; i < nh; i++) {
		if (i > 0)
			buf_adds(out, ", ");
		buf_adds(out, hdr[i][0] != '\0' ? hdr[i] : "(empty)");
	}
}

/* Does the normalized header h resemble the role of likes[i]? */
static int
resembles(struct profile *p, size_t i, const char *h)
{
	char	 err[256];
	int	 k;

	for (k = 0; k < 2; k++)
		if (p->like[i][k] == NULL && (k == 0 || likes[i].hasnot)) {
			/* Built in and tested: compiling cannot fail. */
			p->like[i][k] = re_compile(k == 0 ? likes[i].has :
			    likes[i].hasnot, err, sizeof(err));
			if (p->like[i][k] == NULL)
				return 0;
		}
	if (p->others == NULL &&
	    (p->others = re_compile(OTHERS, err, sizeof(err))) == NULL)
		return 0;
	return re_match(p->like[i][0], h, strlen(h)) &&
	    (p->like[i][1] == NULL || !re_match(p->like[i][1], h, strlen(h))) &&
	    !re_match(p->others, h, strlen(h));
}

size_t
profile_lookalikes(struct profile *p, const char *section,
    const char *const *role, size_t nr, const int *col,
    const char *const *hdr, size_t nh, struct profile_lookalike *out,
    size_t max)
{
	size_t	 n = 0, r, c, i;

	if (strcmp(section, "smarthr_column") != 0)
		return 0;
	for (c = 0; c < nh && n < max; c++) {
		/* profile_map gave every claimed column to its role. */
		for (r = 0; r < nr; r++)
			if (col[r] >= 0 && (size_t)col[r] == c)
				break;
		if (r < nr || profile_claims(p, section, "ignore", hdr[c],
		    strlen(hdr[c])))
			continue;
		for (r = 0; r < nr && n < max; r++) {
			if (col[r] != -1)
				continue;
			for (i = 0; i < ARRAY_LEN(likes); i++)
				if (strcmp(likes[i].role, role[r]) == 0)
					break;
			if (i == ARRAY_LEN(likes) || !resembles(p, i, hdr[c]))
				continue;
			out[n].col = c;
			out[n].role = r;
			out[n].words = likes[i].words;
			n++;
			break;
		}
	}
	return n;
}

void
profile_regex_quote(const char *s, struct buf *out)
{
	for (; *s != '\0'; s++) {
		if (strchr("\\^$.|?*+()[]{}", *s) != NULL)
			buf_addc(out, '\\');
		buf_addc(out, *s);
	}
}

int
profile_map(struct profile *p, const char *section, const char *const *role,
    const int *req, size_t nr, const char *const *hdr, size_t nh, int *col,
    struct buf *err)
{
	struct profile_lookalike like;
	size_t	 r, c;

	for (r = 0; r < nr; r++)
		col[r] = -1;
	for (c = 0; c < nh; c++)
		for (r = 0; r < nr; r++) {
			if (!profile_claims(p, section, role[r], hdr[c],
			    strlen(hdr[c])))
				continue;
			if (col[r] != -1) {
				buf_printf(err, "ambiguous column: both \"%s\" "
				    "(column %d) and \"%s\" (column %zu) are "
				    "role %s; remove or rename one, or set the "
				    "role's pattern with --profile",
				    hdr[col[r]], col[r] + 1, hdr[c], c + 1,
				    role[r]);
				return -1;
			}
			col[r] = (int)c;
			break;
		}
	if (profile_lookalikes(p, section, role, nr, col, hdr, nh, &like,
	    1) == 1) {
		buf_printf(err, "column %zu \"%s\" looks like role %s (it "
		    "carries %s), which no column takes, but it is none of "
		    "that role's headers (", like.col + 1, hdr[like.col],
		    role[like.role], like.words);
		profile_accepted(p, section, role[like.role], err);
		buf_printf(err, "); to use it as %s, give --profile a file "
		    "with the row %s,%s,^", role[like.role], section,
		    role[like.role]);
		profile_regex_quote(hdr[like.col], err);
		buf_printf(err, "$ — or, if it is something else, the row "
		    "%s,ignore,^", section);
		profile_regex_quote(hdr[like.col], err);
		buf_adds(err, "$");
		return -1;
	}
	for (r = 0; r < nr; r++)
		if (req != NULL && req[r] && col[r] == -1) {
			buf_printf(err, "missing column for role %s; accepted "
			    "headers: ", role[r]);
			profile_accepted(p, section, role[r], err);
			buf_adds(err, "; headers found: ");
			headers_found(hdr, nh, err);
			return -1;
		}
	return 0;
}
