#!/bin/sh
# Writes the seed corpora fuzz/corpus/TARGET/ from samples/ and a handful
# of hand-written cases. Run from the top of the tree; it replaces only the
# seeds it writes (seed-*), never the regression inputs from crashes found
# (crash-*), which are kept as they were.
#
# fuzz_csvin and fuzz_header read their first byte as a control byte (the
# read size; the section and the match mode), so their seeds start with one.

set -eu
c=fuzz/corpus

mkdir -p $c/fuzz_csvin $c/fuzz_encode $c/fuzz_date $c/fuzz_kana $c/fuzz_header
rm -f $c/*/seed-*

# seed TARGET NAME BYTES: BYTES as printf(1) reads them.
seed() {
	printf "$3" >"$c/$1/seed-$2"
}

# csvin: the small samples, whole (UTF-8 with a BOM and CP932), each with a
# different read size, then the shapes SPEC §2 names.
for s in mikiwame-departments:'\001' smarthr-departments:'\002' \
    mikiwame-employees:'\007' smarthr-employees:'\202' \
    mikiwame-results-cp932:'\340'; do
	name=${s%%:*}
	{ printf "${s#*:}"; cat "samples/$name.csv"; } \
	    >"$c/fuzz_csvin/seed-$name"
done
seed fuzz_csvin quoted '\003h,"a,b"\r\n"x""y","line\r\nbreak"\r\n"",z\n'
seed fuzz_csvin cr-only '\001a,b\rc,d\r\re,f'
seed fuzz_csvin bom-blank '\002\357\273\277\r\n\r\nh1,h2\n,,\n1,2\n'
seed fuzz_csvin stray-quote '\004a,b\nc"d,e\n'
seed fuzz_csvin after-close '\004a,b\n"c"d,e\n'
seed fuzz_csvin unterminated '\005a,b\n"c,d\ne,f\n'
seed fuzz_csvin nul '\006a,b\n\000,x\n'
seed fuzz_csvin cp932-split '\001\225\134,\201\140,\207\100\n\212\224\216\256\n\202'
seed fuzz_csvin mixed '\010a\n\346\234\254\347\244\276\n\226\173\216\320\n'
seed fuzz_csvin utf16 '\011\377\376a\000,\000'
seed fuzz_csvin overlong '\012\300\257,\355\240\200,\364\220\200\200\n'
seed fuzz_csvin fields '\340,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,\n"""""""""""""""",\n'

# encode: text the writer must write, or refuse, or escape.
seed fuzz_encode names '山田 太郎,髙橋 健司,﨑山,ⅰⅱ,①㈱'
seed fuzz_encode fold '〜−‖¢£¬—～－∥￠￡￢―'
seed fuzz_encode unrepresentable '𠮷野家 ¥100 ‾ €'
seed fuzz_encode private '\356\200\200\356\235\227'
seed fuzz_encode kana 'ｶﾞｷﾞｸﾞ ｱﾙﾊﾞｲﾄ･ﾊﾟｰﾄ'
seed fuzz_encode qmark 'a?b〜'
seed fuzz_encode controls '\302\200\302\240\t\r\n'
head -c 1500 samples/smarthr-employees-utf8.csv >$c/fuzz_encode/seed-sample

# date: every form of SPEC §7, edges of eras and months, and times.
for d in 2024/4/1 2024-04-01 2024.4.1 20240401 2024年4月1日 \
    昭和60年4月1日 S60.4.1 s60/4/1 H2.3.4 平成31年4月30日 令和元年5月1日 \
    R1/5/1 明治6年1月1日 M45.7.29 大正元年7月30日 T15.12.24 S1.12.25 \
    S64.1.7 H1.1.8 ２０２４／０４／０１ ２０２４年４月１日 2000/2/29 \
    1900/2/29 2024/02/30 20241301 '2024-04-01T09:30' '2024/4/1 9:30:15' \
    '2024/4/1  23:59:59' '2024/4/1 24:00' 9999/12/31 1000/1/1; do
	printf '%s' "$d" >"$c/fuzz_date/seed-$(printf '%s' "$d" | cksum |
	    cut -d' ' -f1)"
done

# kana and keys.
seed fuzz_kana halfwidth 'ﾀｶﾊｼ ｹﾝｼﾞ ﾊﾟｰﾄ ｳﾞｨｸﾄﾙ ﾜﾞｦﾞ ﾞﾟｱﾟ｡｢｣､･'
seed fuzz_kana hiragana 'やまだ たろう ゔぁ ゕゖ'
seed fuzz_kana email 'Yamada.Taro@Example.CO.JP ｙａｍａｄａ＠ｅｘａｍｐｌｅ．ｃｏｍ'
seed fuzz_kana fold 'a〜b−c‖d¢£¬—'
seed fuzz_kana number '０００１２ 00012'

# header: the header rows of the samples, one header per line, and the
# spellings SPEC §2 says are the same.
for s in smarthr-employees-utf8:'\000' mikiwame-employees:'\001' \
    mikiwame-results:'\003'; do
	name=${s%%:*}
	{ printf "${s#*:}"; head -n 1 "samples/$name.csv" | tr -d '\r' |
	    tr ',' '\n'; } >"$c/fuzz_header/seed-$name"
done
seed fuzz_header spellings '\000\357\273\277社員番号\n姓\n名\n姓（カタカナ）\n名 (ヨミガナ)\nメールアドレス\n部署1\n部署2'
seed fuzz_header ambiguous '\002社員番号\n姓\n名\nセイ\n姓(カナ)\nメイ\nメールアドレス'
seed fuzz_header missing '\002姓\n名\n\n　メール　アドレス　\n'
