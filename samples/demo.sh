#!/bin/sh
# demo.sh — run mikibridge's main jobs on the files in samples/.
#
#   sh samples/demo.sh ./mikibridge        (what `make demo` runs)
#
# Every command is printed before it runs.  Results go to demo-out/ at the
# top of the repository, which is created when missing.  Exit status 1 from
# mikibridge only means that its error report has rows, so it does not stop
# the demo; any other failure does.

set -e

if [ $# -ne 1 ]; then
	echo "usage: sh samples/demo.sh ./mikibridge" >&2
	exit 2
fi

# The binary as given, made usable from the top of the repository.
# A name without a slash is looked up in PATH, as the shell would.
mb=$1
case $mb in
*/*)
	if [ ! -f "$mb" ] || [ ! -x "$mb" ]; then
		echo "demo.sh: $1: no such executable (run make first)" >&2
		exit 2
	fi
	mb=$(cd "$(dirname "$mb")" && pwd)/$(basename "$mb")
	;;
*)
	command -v "$mb" >/dev/null 2>&1 || {
		echo "demo.sh: $1: not found in PATH" >&2
		exit 2
	}
	;;
esac
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
case $mb in
"$top"/*) mb=./${mb#"$top"/} ;;
esac

out=demo-out
mkdir -p "$out"

# run CMD ARG... prints the command, then runs it; its status is the command's.
run() {
	echo
	echo "\$ $*"
	"$@"
}

# show FILE prints the first three lines of FILE, a CSV file the demo wrote.
# Many are in CP932, the encoding of their input, whose bytes would garble a
# UTF-8 terminal: each is read back with the tool, in UTF-8.
show() {
	echo
	echo "\$ $mb convert -q --output-encoding utf-8 $1 | head -3"
	"$mb" convert -q --output-encoding utf-8 "$1" | head -3
}

echo "== inspect: what each sample is"
run "$mb" inspect -o "$out/inspect.txt" \
	samples/smarthr-employees-current.csv \
	samples/smarthr-employees.csv \
	samples/smarthr-employees-utf8.csv \
	samples/smarthr-departments.csv \
	samples/smarthr-departments-flat.csv \
	samples/mikiwame-departments.csv \
	samples/mikiwame-employees.csv \
	samples/mikiwame-results.csv \
	samples/mikiwame-results-cp932.csv
echo
echo "\$ grep -E '^[^ ]|  (encoding|records|kind|problems):' $out/inspect.txt"
grep -E '^[^ ]|  (encoding|records|kind|problems):' "$out/inspect.txt"
echo
echo "\$ head -24 $out/inspect.txt"
head -24 "$out/inspect.txt"

echo
echo "== convert: an Excel CP932 SmartHR export to UTF-8, with report and plan"
run "$mb" convert --output-encoding utf-8 \
	--errors "$out/convert-errors.csv" --plan "$out/convert-plan.csv" \
	--json-summary "$out/convert-summary.json" \
	-o "$out/smarthr-employees-utf8.csv" samples/smarthr-employees.csv ||
	[ $? -eq 1 ]

echo
echo "== convert: a UTF-8 SmartHR export to CP932 for Excel"
run "$mb" convert --output-encoding cp932 --excel-safe \
	-o "$out/smarthr-employees-cp932.csv" samples/smarthr-employees-utf8.csv ||
	[ $? -eq 1 ]

echo
echo "== profile: the mapping defaults (the first lines)"
echo
echo "\$ $mb profile | head"
"$mb" profile | head

echo
echo "== departments: the SmartHR master (staircase, CP932) against ミキワメAI's"
run "$mb" departments --mikiwame-departments samples/mikiwame-departments.csv \
    -o "$out/departments.csv" --errors "$out/departments-errors.csv" \
    --plan "$out/departments-plan.csv" samples/smarthr-departments.csv ||
    [ $? -eq 1 ]
show "$out/departments-plan.csv"
run "$mb" departments -o "$out/departments-flat.csv" \
    samples/smarthr-departments-flat.csv || [ $? -eq 1 ]
echo
echo "== departments: one master with each rule broken once"
run "$mb" departments --mikiwame-departments samples/mikiwame-departments.csv \
    -o "$out/departments-broken.csv" \
    --errors "$out/departments-broken-errors.csv" \
    samples/smarthr-departments-broken.csv || [ $? -eq 1 ]
echo
echo "\$ cut -d, -f1-3 $out/departments-broken-errors.csv"
cut -d, -f1-3 "$out/departments-broken-errors.csv"

echo
echo "== employees: a dry run that stops if anyone would be created (exit 3)"
# Today's SmartHR spelling (部署1 部署, ビジネスネーム：姓 and its reading).
# The departments import from above counts as registered: it is what
# ミキワメAI will have once it is loaded.
run "$mb" employees --match email \
    --mikiwame-departments samples/mikiwame-departments.csv \
    --mikiwame-departments "$out/departments.csv" \
    --smarthr-departments samples/smarthr-departments.csv \
    --mikiwame-employees samples/mikiwame-employees.csv --max-new 0 \
    -o "$out/employees-import.csv" --errors "$out/employees-errors.csv" \
    --plan "$out/employees-plan.csv" samples/smarthr-employees-current.csv ||
    [ $? -eq 3 ]
show "$out/employees-plan.csv"
echo
echo "== employees: the real run, at most 10 new employees, changes only"
echo "   (the same people in the older spelling: 部署1, ビジネスネーム（姓）, CP932)"
run "$mb" employees --match email \
    --mikiwame-departments samples/mikiwame-departments.csv \
    --mikiwame-departments "$out/departments.csv" \
    --smarthr-departments samples/smarthr-departments.csv \
    --mikiwame-employees samples/mikiwame-employees.csv --max-new 10 \
    --changed-only -o "$out/employees-import.csv" \
    --errors "$out/employees-errors.csv" --plan "$out/employees-plan.csv" \
    samples/smarthr-employees.csv || [ $? -eq 1 ]
show "$out/employees-import.csv"
show "$out/employees-errors.csv"
echo
echo "== employees: by 社員番号, from the UTF-8 export"
run "$mb" employees --match employee-number \
    --mikiwame-departments samples/mikiwame-departments.csv \
    --mikiwame-departments "$out/departments.csv" \
    --mikiwame-employees samples/mikiwame-employees.csv \
    -o "$out/employees-by-number.csv" samples/smarthr-employees-utf8.csv ||
    [ $? -eq 1 ]

echo
echo "== results: each employee's latest ミキワメAI result, for SmartHR's bulk update"
run "$mb" results --match email \
    --smarthr-employees samples/smarthr-employees.csv \
    -o "$out/results-import.csv" --errors "$out/results-errors.csv" \
    --plan "$out/results-plan.csv" samples/mikiwame-results.csv ||
    [ $? -eq 1 ]
run "$mb" results --match employee-number \
    --smarthr-employees samples/smarthr-employees-utf8.csv \
    -o "$out/results-import-cp932.csv" \
    --errors "$out/results-errors-cp932.csv" \
    --plan "$out/results-plan-cp932.csv" samples/mikiwame-results-cp932.csv ||
    [ $? -eq 1 ]
show "$out/results-plan.csv"

echo
echo "== the files written"
show "$out/smarthr-employees-utf8.csv"
show "$out/convert-errors.csv"
show "$out/convert-plan.csv"
echo
echo "\$ cat $out/convert-summary.json"
cat "$out/convert-summary.json"
show "$out/smarthr-employees-cp932.csv"

echo
echo "Done: the files are in $out/."
