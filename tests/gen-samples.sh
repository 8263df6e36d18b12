#!/bin/sh
# gen-samples.sh — regenerate the sample CSV files in samples/.
#
# Every file is written from the UTF-8 here-documents below, with CRLF line
# endings (a line break inside a quoted field becomes CRLF too, as Excel and
# SmartHR write it).  CP932 variants are made with glibc's CP932 converter
# (`iconv -f UTF-8 -t CP932`; never SHIFT_JIS, which lacks ①, 髙, 﨑 …).
# UTF-8-with-BOM files start with EF BB BF.  The output is deterministic.
#
# All people, addresses, phone and account numbers are fictional; mail
# addresses use example.co.jp / example.com only.
#
# Usage: sh tests/gen-samples.sh        (from anywhere)

set -eu

LC_ALL=C            # sed and awk work on bytes; the text is UTF-8
export LC_ALL

top=$(cd "$(dirname "$0")/.." && pwd)
out=$top/samples
mkdir -p "$out"

# LF -> CRLF on every line.
crlf() {
    awk '{ printf "%s\r\n", $0 }'
}

# write_utf8bom NAME  — stdin (UTF-8, LF) -> samples/NAME (UTF-8 + BOM, CRLF)
write_utf8bom() {
    tmp=$out/.$1.tmp
    { printf '\357\273\277'; crlf; } > "$tmp"
    mv "$tmp" "$out/$1"
}

# write_cp932 NAME  — stdin (UTF-8, LF) -> samples/NAME (CP932, CRLF)
write_cp932() {
    tmp=$out/.$1.tmp
    crlf | iconv -f UTF-8 -t CP932 > "$tmp"
    mv "$tmp" "$out/$1"
}

# ---------------------------------------------------------------------------
# SmartHR employee export (40 columns; the tool uses only a few of them).
# Points of interest:
#   00001 髙橋  half-width kana (ﾀｶﾊｼ ｹﾝｼﾞ), ① in the building name
#   00002 山﨑  date 昭和60年4月1日
#   00003 佐藤  kana in hiragana, date H2.3.4
#   00005 田中  business name 鈴木 由美
#   00007 伊藤  在籍状況 退職済み with 退職年月日
#   00008 渡辺  ミキワメAI連携 = 連携しない, アルバイト・パート
#   00009 小林  役員, 部署2/役職2 filled
#   00010 加藤  業務委託
#   00011 吉田  own employment type 嘱託
#   00012 中村  joined 2019-05-01 (first day of 令和)
#   00013 山本  休職中, joined 令和2年4月1日
#   00014 松本  緊急連絡先住所 quoted, with a CRLF and a comma inside
# ---------------------------------------------------------------------------
smarthr_employees() {
    cat <<'EOF'
社員番号,姓,名,姓（ヨミガナ）,名（ヨミガナ）,ビジネスネーム（姓）,ビジネスネーム（名）,戸籍上の性別,生年月日,入社年月日,退職年月日,在籍状況,雇用形態,メールアドレス,部署1,部署2,役職1,役職2,職種,勤務地,電話番号,郵便番号,都道府県,市区町村,丁目・番地,建物名・部屋番号,住所（カナ）,緊急連絡先氏名,緊急連絡先続柄,緊急連絡先電話番号,緊急連絡先住所,銀行コード,支店コード,口座種別,口座番号,口座名義（カナ）,通勤経路1,基本給,等級,ミキワメAI連携
00001,髙橋,健司,ﾀｶﾊｼ,ｹﾝｼﾞ,,,男性,1985/04/01,2010/04/01,,在職中,正社員,takahashi@example.co.jp,営業本部/第一営業部,,部長,,営業,本社,090-0000-0001,100-0005,東京都,千代田区,丸の内9-9-9,サンプルハイツ①号棟 1203,トウキョウト チヨダク マルノウチ 9-9-9,髙橋 良子,配偶者,090-0000-1001,東京都千代田区丸の内9-9-9,9901,101,普通,1234501,ﾀｶﾊｼ ｹﾝｼﾞ,JR山手線 品川→東京,520000,M2,連携する
00002,山﨑,美咲,ヤマサキ,ミサキ,,,女性,昭和60年4月1日,2012/04/01,,在職中,正社員,yamasaki@example.co.jp,営業本部/第二営業部,,課長,,営業,本社,090-0000-0002,150-0001,東京都,渋谷区,神宮前9-9-2,サンプルコート 402,トウキョウト シブヤク ジングウマエ 9-9-2,山﨑 浩二,父,090-0000-1002,神奈川県横浜市中区本町9-9-2,9901,102,普通,1234502,ﾔﾏｻｷ ﾐｻｷ,東京メトロ銀座線 表参道→銀座,430000,L3,連携する
00003,佐藤,花子,さとう,はなこ,,,女性,H2.3.4,2016/10/01,,在職中,契約社員,sato.hanako@example.co.jp,管理本部/人事部,,,,人事,本社,090-0000-0003,160-0022,東京都,新宿区,新宿9-9-3,,トウキョウト シンジュクク シンジュク 9-9-3,佐藤 一郎,父,090-0000-1003,東京都新宿区新宿9-9-3,9902,201,普通,1234503,ｻﾄｳ ﾊﾅｺ,都営新宿線 新宿三丁目→神保町,300000,S2,
00005,田中,由美,タナカ,ユミ,鈴木,由美,女性,1988/08/15,2014/04/01,,在職中,正社員,yumi.suzuki@example.co.jp,開発本部/開発部/第一開発課,,課長,,エンジニア,本社,090-0000-0005,135-0061,東京都,江東区,豊洲9-9-5,サンプルタワー 2805,トウキョウト コウトウク トヨス 9-9-5,田中 健太,配偶者,090-0000-1005,東京都江東区豊洲9-9-5,9903,301,普通,1234505,ﾀﾅｶ ﾕﾐ,東京メトロ有楽町線 豊洲→有楽町,480000,L3,連携する
00007,伊藤,誠,イトウ,マコト,,,男性,S53.12.1,2005/04/01,2024/03/31,退職済み,正社員,ito.makoto@example.co.jp,営業本部/営業企画部,,,,営業企画,本社,090-0000-0007,330-0063,埼玉県,さいたま市浦和区,高砂9-9-7,,サイタマケン サイタマシウラワク タカサゴ 9-9-7,伊藤 恵子,配偶者,090-0000-1007,埼玉県さいたま市浦和区高砂9-9-7,9901,103,普通,1234507,ｲﾄｳ ﾏｺﾄ,JR京浜東北線 浦和→東京,450000,L2,連携する
00008,渡辺,翔太,ワタナベ,ショウタ,,,男性,2001-06-20,2022/07/01,,在職中,アルバイト・パート,watanabe.shota@example.com,営業本部/第一営業部,,,,営業事務,本社,090-0000-0008,171-0022,東京都,豊島区,南池袋9-9-8,サンプル荘 102,トウキョウト トシマク ミナミイケブクロ 9-9-8,渡辺 洋子,母,090-0000-1008,千葉県千葉市中央区中央9-9-8,9904,401,普通,1234508,ﾜﾀﾅﾍﾞ ｼｮｳﾀ,東京メトロ丸ノ内線 池袋→東京,0,P1,連携しない
00009,小林,正樹,コバヤシ,マサキ,,,男性,1962/02/14,1998/04/01,,在職中,役員,kobayashi@example.co.jp,経営企画室,営業本部,取締役,営業本部長,経営,本社,090-0000-0009,106-0032,東京都,港区,六本木9-9-9,サンプルヒルズ 3001,トウキョウト ミナトク ロッポンギ 9-9-9,小林 真理,配偶者,090-0000-1009,東京都港区六本木9-9-9,9901,104,当座,1234509,ｺﾊﾞﾔｼ ﾏｻｷ,東京メトロ日比谷線 六本木→日比谷,1200000,E1,連携する
00010,加藤,さくら,カトウ,サクラ,,,女性,1993/03/30,2023/01/10,,在職中,業務委託,kato.sakura@example.com,開発本部/開発部/第二開発課,,,,デザイナー,在宅,090-0000-0010,180-0004,東京都,武蔵野市,吉祥寺本町9-9-10,サンプルメゾン 201,トウキョウト ムサシノシ キチジョウジホンチョウ 9-9-10,加藤 隆,父,090-0000-1010,静岡県静岡市葵区追手町9-9-10,9905,501,普通,1234510,ｶﾄｳ ｻｸﾗ,,0,,
00011,吉田,茂,ヨシダ,シゲル,,,男性,昭和33年9月1日,1981/04/01,,在職中,嘱託,yoshida.shigeru@example.co.jp,管理本部/総務部,,,,総務,本社,090-0000-0011,213-0001,神奈川県,川崎市高津区,溝口9-9-11,,カナガワケン カワサキシタカツク ミゾノクチ 9-9-11,吉田 和子,配偶者,090-0000-1011,神奈川県川崎市高津区溝口9-9-11,9902,202,普通,1234511,ﾖｼﾀﾞ ｼｹﾞﾙ,東急田園都市線 溝の口→大手町,280000,S1,連携する
00012,中村,陽菜,ナカムラ,ヒナ,,,女性,1997-01-31,2019-05-01,,在職中,正社員,nakamura.hina@example.co.jp,開発本部/開発部/第一開発課,,主任,,エンジニア,本社,090-0000-0012,164-0001,東京都,中野区,中野9-9-12,サンプルアパート 305,トウキョウト ナカノク ナカノ 9-9-12,中村 修,父,090-0000-1012,大阪府大阪市北区梅田9-9-12,9903,302,普通,1234512,ﾅｶﾑﾗ ﾋﾅ,JR中央線 中野→東京,350000,M1,連携する
00013,山本,大輔,ヤマモト,ダイスケ,,,男性,1990/12/05,令和2年4月1日,,休職中,正社員,yamamoto.daisuke@example.co.jp,開発本部/開発部/第二開発課,,,,エンジニア,本社,090-0000-0013,220-0012,神奈川県,横浜市西区,みなとみらい9-9-13,サンプルプレイス 1408,カナガワケン ヨコハマシニシク ミナトミライ 9-9-13,山本 千尋,配偶者,090-0000-1013,神奈川県横浜市西区みなとみらい9-9-13,9901,105,普通,1234513,ﾔﾏﾓﾄ ﾀﾞｲｽｹ,みなとみらい線 みなとみらい→東京,380000,M1,
00014,松本,彩,マツモト,アヤ,,,女性,H4.7.7,2018/04/01,,在職中,正社員,matsumoto.aya@example.co.jp,管理本部/人事部,,係長,,人事,本社,090-0000-0014,113-0033,東京都,文京区,本郷9-9-14,サンプルハウス 101,トウキョウト ブンキョウク ホンゴウ 9-9-14,松本 聡,配偶者,090-0000-1014,"東京都千代田区丸の内1-1-1
丸の内ビル 3F, 受付",9902,203,普通,1234514,ﾏﾂﾓﾄ ｱﾔ,東京メトロ丸ノ内線 本郷三丁目→東京,400000,M2,連携する
EOF
}

# ---------------------------------------------------------------------------
# SmartHR department master.  12 departments, up to level 3.
#   A001 営業本部  A002 第一営業部  A003 第二営業部  A004 営業企画部
#   B001 開発本部  B002 開発部  B003 第一開発課  B004 第二開発課
#   C001 管理本部  C002 人事部  C003 総務部  D001 経営企画室
# ---------------------------------------------------------------------------

# Staircase shape (SmartHR bulk file): parents first, every row padded to
# the header's field count.
smarthr_departments_staircase() {
    cat <<'EOF'
code,level1,level2,level3,level4
A001,営業本部,,,
A002,営業本部,第一営業部,,
A003,営業本部,第二営業部,,
A004,営業本部,営業企画部,,
B001,開発本部,,,
B002,開発本部,開発部,,
B003,開発本部,開発部,第一開発課,
B004,開発本部,開発部,第二開発課,
C001,管理本部,,,
C002,管理本部,人事部,,
C003,管理本部,総務部,,
D001,経営企画室,,,
EOF
}

# Flat shape: the same departments, deliberately NOT parents first
# (children before their parents, a grandchild before its parent).
smarthr_departments_flat() {
    cat <<'EOF'
部署コード,部署名,親部署コード
B003,第一開発課,B002
A002,第一営業部,A001
C002,人事部,C001
B002,開発部,B001
D001,経営企画室,
A001,営業本部,
B004,第二開発課,B002
C003,総務部,C001
A004,営業企画部,A001
B001,開発本部,
A003,第二営業部,A001
C001,管理本部,
EOF
}

# ---------------------------------------------------------------------------
# SmartHR department master (flat, 親部署 by code, path or name) with each
# rule of SPEC §6 broken once, for the error report and the manual's
# warnings (手順3):
#   line 4   DEPT_NO_CODE          第三営業部 has no 部署コード
#   line 6   DEPT_NAME_CONFLICT    A004 第一営業部: the name of A002 (line 3)
#   line 17  DEPT_TOO_DEEP         B107 is on level 11 (B003 … B106 above)
#   line 19, 20  DEPT_DUPLICATE_CODE  C002 twice
#   line 21  DEPT_NAME_MISSING     C003 has no 部署名
#   line 22  DEPT_PARENT_MISSING   E001's parent Z999 does not exist
#   line 23  DEPT_PARENT_UNLINKED  E002 is under E001
#   line 24-26  DEPT_CYCLE         F001 -> F003 -> F002 -> F001
#   line 27  D901 経営企画室: accepted alone, but against
#            mikiwame-departments.csv a changed code (ミキワメAI has D001)
# A003 is found by name (営業本部), B003 by path (開発本部/開発部).
# ---------------------------------------------------------------------------
smarthr_departments_broken() {
    cat <<'EOF'
部署コード,部署名,親部署
A001,営業本部,
A002,第一営業部,A001
,第三営業部,A001
A003,第二営業部,営業本部
A004,第一営業部,営業本部
B001,開発本部,
B002,開発部,開発本部
B003,第一開発課,開発本部/開発部
B100,基盤グループ,B003
B101,基盤チーム,B100
B102,ネットワーク班,B101
B103,回線係,B102
B104,東日本回線,B103
B105,東京回線,B104
B106,都心回線,B105
B107,丸の内回線,B106
C001,管理本部,
C002,人事部,C001
C002,総務部,C001
C003,,C001
E001,海外事業部,Z999
E002,海外営業課,E001
F001,品質保証部,F003
F002,品質管理課,F001
F003,品質監査課,F002
D901,経営企画室,
EOF
}

# ---------------------------------------------------------------------------
# ミキワメAI current departments: a subset of the SmartHR ones.
#   missing: A004 営業企画部, B004 第二開発課, C003 総務部
#   renamed: A003 is still called 営業二部 (SmartHR: 第二営業部)
# ---------------------------------------------------------------------------
mikiwame_departments() {
    cat <<'EOF'
部署コード,部署名,親部署コード
A001,営業本部,
A002,第一営業部,A001
A003,営業二部,A001
B001,開発本部,
B002,開発部,B001
B003,第一開発課,B002
C001,管理本部,
C002,人事部,C001
D001,経営企画室,
EOF
}

# ---------------------------------------------------------------------------
# ミキワメAI current employees: 8 of the 12 SmartHR employees
# (not yet registered: 00009, 00010, 00011, 00014).  Differences from SmartHR:
#   00002 役職 主任 (SmartHR 課長), 所属部署 old name 営業二部
#   00007 not yet flagged as retired, no 退職日
#   00012 役職 empty (SmartHR 主任)
#   00013 所属部署 第一開発課 (SmartHR 第二開発課); mail address
#         d.yamamoto@example.com differs from SmartHR's
# ---------------------------------------------------------------------------
mikiwame_employees() {
    cat <<'EOF'
社員番号,氏名（姓）,氏名（名）,姓（カナ）,名（カナ）,性別,生年月日,所属部署,役職,入社日,退職日,雇用形態,メールアドレス,退職者フラグ
00001,髙橋,健司,タカハシ,ケンジ,男性,1985/04/01,第一営業部,部長,2010/04/01,,正社員,takahashi@example.co.jp,
00002,山﨑,美咲,ヤマサキ,ミサキ,女性,1985/04/01,営業二部,主任,2012/04/01,,正社員,yamasaki@example.co.jp,
00003,佐藤,花子,サトウ,ハナコ,女性,1990/03/04,人事部,,2016/10/01,,契約社員,sato.hanako@example.co.jp,
00005,鈴木,由美,タナカ,ユミ,女性,1988/08/15,第一開発課,課長,2014/04/01,,正社員,yumi.suzuki@example.co.jp,
00007,伊藤,誠,イトウ,マコト,男性,1978/12/01,第一営業部,,2005/04/01,,正社員,ito.makoto@example.co.jp,
00008,渡辺,翔太,ワタナベ,ショウタ,男性,2001/06/20,第一営業部,,2022/07/01,,パート・アルバイト,watanabe.shota@example.com,
00012,中村,陽菜,ナカムラ,ヒナ,女性,1997/01/31,第一開発課,,2019/05/01,,正社員,nakamura.hina@example.co.jp,
00013,山本,大輔,ヤマモト,ダイスケ,男性,1990/12/05,第一開発課,,2020/04/01,,正社員,d.yamamoto@example.com,
EOF
}

# ---------------------------------------------------------------------------
# ミキワメAI result export: 9 results of 8 people, 24 trait columns.
#   00001 髙橋 has two results (2023/04/03 older, 2025/04/02 newer)
#   00007 伊藤 is retired; 00008 渡辺 opted out (連携しない) in SmartHR
#   00013 山本 carries ミキワメAI's address d.yamamoto@example.com, so it
#         matches SmartHR by 社員番号 but not by メールアドレス
# ---------------------------------------------------------------------------
mikiwame_results() {
    cat <<'EOF'
受検者ID,氏名,メールアドレス,社員番号,受検日,16タイプ,検査結果リンク,外向性,協調性,誠実性,情緒安定性,開放性,挑戦性,自律性,論理性,慎重性,社交性,共感性,責任感,柔軟性,計画性,主体性,忍耐力,競争心,支配性,感受性,楽観性,独創性,規律性,内省性,達成意欲
10001,髙橋 健司,takahashi@example.co.jp,00001,2023/04/03 09:15,チャレンジャー,https://mikiwame.example/results/7f3a9c01,36.1,69.4,34.2,51.8,60.1,59.4,58,37.0,42.8,32,48,49.5,42.5,46.6,42.5,50,58.8,31.0,54.0,32.6,35.4,41.8,33.2,50
10002,山﨑 美咲,yamasaki@example.co.jp,00002,2025/04/01 10:30,サポーター,https://mikiwame.example/results/b21e4d77,55.9,58.2,43.1,35,54,44.7,60.6,58,30.2,53.7,47.6,33.2,38.3,39.6,36.4,59.4,46.0,65.8,51.4,54,68.7,61.4,51.4,59.4
10003,佐藤 花子,sato.hanako@example.co.jp,00003,2025/04/01 11:05,アナリスト,https://mikiwame.example/results/0c9d2e58,34.8,55.9,39.6,42.5,68.4,34.2,58.8,50.5,59.4,62.0,57.8,58.5,53.7,66.8,57,67.1,47.0,60.1,57.2,56.2,41.5,37.4,66.8,51.4
10001,髙橋 健司,takahashi@example.co.jp,00001,2025/04/02 14:00,ストラテジスト,https://mikiwame.example/results/e45f1a93,39.0,63.9,62.0,44.7,63.3,46,31.3,51.7,64.9,67,30.0,64.2,30.6,54.6,40.9,35,31.9,67,50.2,54.0,52,59.4,63.3,65.5
10005,鈴木 由美,yumi.suzuki@example.co.jp,00005,2025/04/03 09:00,クリエイター,https://mikiwame.example/results/5a6b7c8d,63.9,56.6,43.4,60.1,41,62.0,34.5,54.0,55.6,56.2,59.4,64.6,56.2,53.0,61.7,52.4,60.4,53.0,48.2,35.4,60,66,38.3,65
10007,伊藤 誠,ito.makoto@example.co.jp,00007,2023/10/10 13:20,ガーディアン,https://mikiwame.example/results/9e8d7c6b,69.7,62.6,63.0,59.1,61.0,63.6,66.5,47.0,69.0,63.9,36.7,58.5,37.7,49.2,60.4,34.8,56,39.3,58.2,69.7,39.0,45,38.6,37.7
10008,渡辺 翔太,watanabe.shota@example.com,00008,2025/04/07 16:45,パイオニア,https://mikiwame.example/results/3c4d5e6f,56.2,45.7,54.0,68.7,54,49.8,40,57.8,40.6,46.0,53.7,49.2,32.2,48.2,66.1,64.2,52.7,60,42.5,41.5,36.1,63.3,64,58.2
10012,中村 陽菜,nakamura.hina@example.co.jp,00012,2025/04/08 10:00,コーディネーター,https://mikiwame.example/results/a0b1c2d3,38,54,63.6,32.6,50.8,33.8,34.8,41.5,62,51.1,42.8,58,31.9,57,31.0,42.5,30.0,63.0,35.1,53.7,62.0,44.7,31,54.3
10013,山本 大輔,d.yamamoto@example.com,00013,2025/04/09 15:30,アナリスト,https://mikiwame.example/results/f9e8d7c6,36,62.0,39,51.8,46.0,59.8,30.0,32.9,63.3,39.6,42.2,31.9,57.8,42.5,68,39.3,38.0,53,54.6,55.9,42.2,59.4,65.5,63.9
EOF
}

# ---------------------------------------------------------------------------

smarthr_employees | write_cp932 smarthr-employees.csv

# Same records, UTF-8 with BOM, kana headers spelled 姓(カタカナ)/名(カタカナ)
# with ASCII parentheses (header normalization).
smarthr_employees \
    | sed -e '1s/姓（ヨミガナ）/姓(カタカナ)/' -e '1s/名（ヨミガナ）/名(カタカナ)/' \
    | write_utf8bom smarthr-employees-utf8.csv

# The same people as SmartHR's export spells its columns today (since its
# 2020-11 format change): 部署1 部署 … 役職2 役職, ビジネスネーム：姓 and the
# business name's readings (ビジネスネーム：姓（ヨミガナ）, filled for 田中,
# whose business name 鈴木 reads スズキ), UTF-8 with a BOM as SmartHR offers
# it. The custom field's exact header is not documented publicly; this one
# carries its category in front (ミキワメAIカテゴリー ミキワメAI連携).
smarthr_employees \
    | sed -e '1s/ビジネスネーム（姓）,ビジネスネーム（名）/ビジネスネーム：姓,ビジネスネーム：名,ビジネスネーム：姓（ヨミガナ）,ビジネスネーム：名（ヨミガナ）/' \
          -e '1s/,部署1,部署2,役職1,役職2,/,部署1 部署,部署2 部署,役職1 役職,役職2 役職,/' \
          -e '1s/,ミキワメAI連携$/,ミキワメAIカテゴリー ミキワメAI連携/' \
          -e '/^00005,/s/^\(\([^,]*,\)\{7\}\)/\1スズキ,ユミ,/' \
          -e '/^000[0-9][0-9],/!b' -e '/^00005,/b' \
          -e 's/^\(\([^,]*,\)\{7\}\)/\1,,/' \
    | write_utf8bom smarthr-employees-current.csv

smarthr_departments_staircase | write_cp932 smarthr-departments.csv
smarthr_departments_flat      | write_utf8bom smarthr-departments-flat.csv
smarthr_departments_broken    | write_utf8bom smarthr-departments-broken.csv
mikiwame_departments          | write_utf8bom mikiwame-departments.csv
mikiwame_employees            | write_utf8bom mikiwame-employees.csv
mikiwame_results              | write_utf8bom mikiwame-results.csv
mikiwame_results              | write_cp932 mikiwame-results-cp932.csv
