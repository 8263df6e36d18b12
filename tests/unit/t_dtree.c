/*
 * t_dtree: finding an employee's 部署1 in a department tree — by its whole
 * path only, a bare name by being the only department of that name; the
 * departments a miss may have meant and their paths; later codes replacing
 * earlier ones; codes and names after the fold; cycles.
 */
#include <string.h>

#include "tap.h"
#include "dtree.h"

/* The name dtree_find gives for path, "?" when ambiguous, "" when none. */
static const char *
find(struct dtree *t, const char *path)
{
	size_t	 id;

	switch (dtree_find(t, path, strlen(path), &id)) {
	case DT_FOUND:
		return dtree_name(t, id);
	case DT_AMBIGUOUS:
		return "?";
	default:
		return "";
	}
}

/*
 * What dtree_like gives for path: the paths of up to two departments,
 * ','-joined, and "+" when there are more.
 */
static const char *
like(struct dtree *t, const char *path)
{
	static struct buf out;
	struct buf	 p = {0};
	size_t		 ids[2], n, i;

	buf_reset(&out);
	buf_add(&out, "", 0);
	n = dtree_like(t, path, strlen(path), ids, 2);
	for (i = 0; i < n && i < 2; i++) {
		dtree_path(t, ids[i], &p);
		buf_printf(&out, "%s%s", i ? "," : "", p.p);
	}
	if (n > 2)
		buf_adds(&out, "+");
	buf_free(&p);
	return out.p;
}

static const char *
code(struct dtree *t, const char *path)
{
	size_t	 id;

	return dtree_find(t, path, strlen(path), &id) == DT_FOUND ?
	    dtree_code(t, id) : "";
}

int
main(void)
{
	struct dtree	*t;
	size_t		 id;

	/* A ミキワメAI tree, children before parents. */
	t = dtree_new();
	dtree_add(t, "A002", "第一営業部", "A001");
	dtree_add(t, "A001", "営業本部", "");
	dtree_add(t, "A003", "営業二部", "A001");
	dtree_add(t, "B001", "開発本部", "");
	dtree_add(t, "B002", "開発部", "B001");
	dtree_add(t, "B003", "第一課", "B002");
	dtree_add(t, "C001", "管理本部", "");
	dtree_add(t, "C003", "第一課", "C001");
	dtree_add(t, "", "コードなし部", "A001");
	dtree_build(t);
	CHECK(dtree_count(t) == 9);
	CHECK_STR(find(t, "営業本部/第一営業部"), "第一営業部");
	CHECK_STR(find(t, " 営業本部 / 第一営業部 "), "第一営業部");
	CHECK_STR(find(t, "営業本部//第一営業部/"), "第一営業部");
	CHECK_STR(find(t, "営業本部"), "営業本部");
	CHECK_STR(find(t, "第一営業部"), "第一営業部");	/* unique name */
	CHECK_STR(find(t, " 第一営業部 /"), "第一営業部");	/* one level */
	/* Two levels: the whole path or nothing, never the last name. */
	CHECK_STR(find(t, "旧本部/第一営業部"), "");
	CHECK_STR(like(t, "旧本部/第一営業部"), "営業本部/第一営業部");
	CHECK_STR(find(t, "開発本部/第一営業部"), "");
	CHECK_STR(find(t, "営業本部/第二営業部"), "");
	CHECK_STR(like(t, "営業本部/第二営業部"), "");
	CHECK_STR(find(t, "開発本部/第一課"), "");
	CHECK_STR(like(t, "開発本部/第一課"),
	    "開発本部/開発部/第一課,管理本部/第一課");
	CHECK_STR(find(t, "開発本部/開発部/第一課"), "第一課");
	CHECK_STR(code(t, "開発本部/開発部/第一課"), "B003");
	CHECK_STR(code(t, "管理本部/第一課"), "C003");
	CHECK_STR(find(t, "第一課"), "?");		/* two of that name */
	CHECK_STR(like(t, "第一課"), "開発本部/開発部/第一課,管理本部/第一課");
	CHECK_STR(like(t, "営業本部/第一営業部"), "営業本部/第一営業部");
	CHECK_STR(find(t, "営業本部/コードなし部"), "コードなし部");
	CHECK_STR(find(t, ""), "");
	CHECK_STR(find(t, "/"), "");
	CHECK(dtree_by_code(t, "A003", &id) && strcmp(dtree_name(t, id),
	    "営業二部") == 0);
	CHECK(!dtree_by_code(t, "Z999", &id));
	CHECK(!dtree_by_code(t, "", &id));

	/* A later file: the same code takes the new name and parent. */
	dtree_add(t, "A003", "第二営業部", "A001");
	dtree_add(t, "C003", "総務課", "C001");
	dtree_build(t);
	CHECK(dtree_count(t) == 9);
	CHECK_STR(find(t, "営業本部/第二営業部"), "第二営業部");
	CHECK_STR(find(t, "営業二部"), "");
	CHECK_STR(find(t, "第一課"), "第一課");		/* unique again */
	CHECK_STR(like(t, "総務課"), "管理本部/総務課");
	dtree_free(t);

	/*
	 * A top department's path comes before a name: 営業部 is the top
	 * one, though another 営業部 sits under 本社. Three of a name are
	 * two and "+"; two with one path are ambiguous, and both are named.
	 */
	t = dtree_new();
	dtree_add(t, "T1", "営業部", "");
	dtree_add(t, "T2", "本社", "");
	dtree_add(t, "T3", "営業部", "T2");
	dtree_add(t, "T4", "課", "T1");
	dtree_add(t, "T5", "課", "T3");
	dtree_add(t, "T6", "課", "T2");
	dtree_add(t, "T7", "課", "T2");
	dtree_build(t);
	CHECK_STR(code(t, "営業部"), "T1");
	CHECK_STR(code(t, "本社/営業部"), "T3");
	CHECK_STR(find(t, "課"), "?");
	CHECK_STR(like(t, "課"), "営業部/課,本社/営業部/課+");
	CHECK_STR(like(t, "支社/課"), "営業部/課,本社/営業部/課+");
	CHECK_STR(find(t, "本社/課"), "?");
	CHECK_STR(like(t, "本社/課"), "本社/課,本社/課");
	dtree_free(t);

	/* Names compare after the CP932 converter fold. */
	t = dtree_new();
	dtree_add(t, "X1", "営業〜企画", "");		/* U+301C */
	dtree_add(t, "X2", "ＩＴ−推進", "X1");		/* U+2212 */
	dtree_build(t);
	CHECK_STR(code(t, "営業～企画/ＩＴ－推進"), "X2");	/* U+FF5E, U+FF0D */
	dtree_free(t);

	/* Codes compare after the fold too, as in `departments`. */
	t = dtree_new();
	dtree_add(t, "A〜1", "本部", "");			/* U+301C */
	dtree_add(t, "A〜2", "部", "A～1");		/* U+FF5E */
	dtree_add(t, "A～2", "新しい部", "A〜1");		/* replaces A〜2 */
	dtree_build(t);
	CHECK(dtree_count(t) == 2);
	CHECK_STR(code(t, "本部/新しい部"), "A～2");	/* the later one */
	CHECK(dtree_by_code(t, "A～1", &id) && strcmp(dtree_name(t, id),
	    "本部") == 0);
	CHECK(dtree_by_code(t, "A〜2", &id) && strcmp(dtree_parent(t, id),
	    "A〜1") == 0);
	dtree_free(t);

	/* A cycle is cut, not followed forever; paths end where it is cut. */
	t = dtree_new();
	dtree_add(t, "P", "親", "Q");
	dtree_add(t, "Q", "子", "P");
	dtree_add(t, "S", "自分", "S");
	dtree_build(t);
	CHECK_STR(code(t, "子/親"), "P");
	CHECK_STR(code(t, "子"), "Q");
	CHECK_STR(code(t, "自分"), "S");
	CHECK_STR(like(t, "親"), "子/親");
	CHECK_STR(like(t, "x/自分"), "自分");
	dtree_free(t);

	/* An empty tree finds nothing. */
	t = dtree_new();
	dtree_build(t);
	CHECK_STR(find(t, "営業本部"), "");
	dtree_free(t);
	return tap_done();
}
