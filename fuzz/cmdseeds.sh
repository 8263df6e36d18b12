#!/bin/sh
# Writes the seeds of the whole-command targets (fuzz_convert,
# fuzz_inspect, fuzz_departments, fuzz_employees, fuzz_results) into
# fuzz/build/seeds/TARGET: the samples and every CSV of the golden cases,
# each up to 16 KB with a control byte (fuzz_cmd.h) taken from its
# checksum, so that the options vary. They are made at run time by
# fuzz/run.sh, not committed: they would only copy tests/cases. Crashes
# found stay in fuzz/corpus/TARGET as regression inputs. Run from the top
# of the tree.

set -eu
c=fuzz/build/seeds

# cmdseed TARGET FILE
cmdseed() {
	sum=$(cksum <"$2" | cut -d' ' -f1)
	ctl=$(printf '%03o' $((sum % 256)))
	name=$(printf '%s' "$2" | cksum | cut -d' ' -f1)
	{ printf "\\$ctl"; head -c 16384 "$2"; } >"$c/$1/seed-$name"
}

for t in convert inspect departments employees results; do
	rm -rf "${c:?}/fuzz_$t"
	mkdir -p "$c/fuzz_$t"
	# convert and inspect read any CSV; the others their own cases'.
	case $t in
	convert | inspect) dirs=tests/cases ;;
	*) dirs=tests/cases/$t ;;
	esac
	find "$dirs" -name '*.csv' ! -name 'exp.*' -size -65k | LC_ALL=C sort |
	    while IFS= read -r f; do
		cmdseed "fuzz_$t" "$f"
	done
	for s in samples/*.csv; do
		cmdseed "fuzz_$t" "$s"
	done
done
# The samples with each match mode and with and without the ミキワメAI
# files (bits 0x20 and 0x80).
for m in 000 040 200 240; do
	{ printf "\\$m"; cat samples/smarthr-employees-utf8.csv; } \
	    >"$c/fuzz_employees/seed-utf8-$m"
	{ printf "\\$m"; cat samples/smarthr-employees.csv; } \
	    >"$c/fuzz_employees/seed-cp932-$m"
	{ printf "\\$m"; cat samples/mikiwame-results.csv; } \
	    >"$c/fuzz_results/seed-results-$m"
done
