#!/usr/bin/env bash
# Checks that the diagnostic codes of src/diag.c's code table and the codes
# listed in the DIAGNOSTICS section of each manual page (man/mikibridge.1,
# man/ja/mikibridge.1) are the same set: every code of the table is listed in
# both manuals, no manual lists a code the table does not have, and none
# lists a code twice. Prints the differences and exits 1 on any, else prints
# one line and exits 0.
#
# A code in the table is a string literal such as "DEPT_NO_CODE" between
# the line that opens the array `codes[DIAG_NCODES] = {` and the `};` that
# closes it. A code in a manual is one named on an .It line of its
# DIAGNOSTICS section (from `.Sh DIAGNOSTICS` to the next `.Sh`), as in
# `.It Li DEPT_NO_CODE Pq 除外`.
#
# Usage: bash tests/man-codes.sh   (from anywhere; it finds the repository
# from its own path)

set -eu

top=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)
table=src/diag.c
manuals="man/mikibridge.1 man/ja/mikibridge.1"
code_re='[A-Z][A-Z0-9]*_[A-Z0-9_]*'

tmp=$(mktemp -d "${TMPDIR:-/tmp}/man-codes.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

fail=0

# table_codes prints the codes of the table, one a line, in table order.
table_codes() {
	sed -n '/codes\[DIAG_NCODES\][[:space:]]*=[[:space:]]*{/,/^};/p' \
		"$top/$table" |
		grep -o "\"$code_re\"" | tr -d '"' || true
}

# manual_codes FILE prints the codes on the .It lines of FILE's DIAGNOSTICS
# section, one a line, in the manual's order.
manual_codes() {
	sed -n '/^\.Sh DIAGNOSTICS/,/^\.Sh /p' "$1" |
		grep '^\.It' | grep -o "$code_re" || true
}

table_codes | LC_ALL=C sort >"$tmp/table"
if [ ! -s "$tmp/table" ]; then
	echo "man-codes: no codes found in $table (has the table moved?)" >&2
	exit 1
fi
dups=$(LC_ALL=C uniq -d "$tmp/table")
if [ -n "$dups" ]; then
	echo "$table: codes named twice in the table:" $dups
	fail=1
fi
LC_ALL=C sort -u "$tmp/table" -o "$tmp/table"
n=$(wc -l <"$tmp/table")

for m in $manuals; do
	if [ ! -f "$top/$m" ]; then
		echo "$m: missing"
		fail=1
		continue
	fi
	manual_codes "$top/$m" | LC_ALL=C sort >"$tmp/man"
	if [ ! -s "$tmp/man" ]; then
		echo "$m: no codes found in its DIAGNOSTICS section"
		fail=1
		continue
	fi
	dups=$(LC_ALL=C uniq -d "$tmp/man")
	if [ -n "$dups" ]; then
		echo "$m: DIAGNOSTICS lists these codes twice:" $dups
		fail=1
	fi
	LC_ALL=C sort -u "$tmp/man" -o "$tmp/man"
	missing=$(LC_ALL=C comm -23 "$tmp/table" "$tmp/man")
	extra=$(LC_ALL=C comm -13 "$tmp/table" "$tmp/man")
	if [ -n "$missing" ]; then
		echo "$m: DIAGNOSTICS lacks these codes of $table:" $missing
		fail=1
	fi
	if [ -n "$extra" ]; then
		echo "$m: DIAGNOSTICS lists codes that $table does not have:" $extra
		fail=1
	fi
done

if [ "$fail" -ne 0 ]; then
	exit 1
fi
echo "codes: $n in the code table of $table, all in the DIAGNOSTICS of both manuals"
