#!/bin/bash
# run.sh: mikibridge's benchmark (issue 6), what `make bench` runs.
#
#   bash bench/run.sh        with, from the environment (make passes them):
#     BENCH_RECORDS  records in the SmartHR export (100000)
#     BENCH_RUNS     paired runs per flow (3)
#     BENCH_DIR      inputs and outputs (bench/data; git-ignored)
#     BENCH_SEED     generator seed (1)
#     MB             the mikibridge binary (./mikibridge)
#
# The inputs are made by bench/gen once per (records, seed, gen.c) and kept
# in BENCH_DIR/n<N>-s<SEED>/; a 10,000-record set is made as well for the
# small-export flow. Each flow then runs once to warm up (and to find out
# whether the command exists yet), then BENCH_RUNS times paired with the
# baseline, `iconv -f CP932 -t UTF-8` over the same SmartHR file: baseline,
# flow, baseline, flow … The table gives medians; the ratio is the flow's
# median over the median of its own paired baseline runs, so that a
# machine shared with others slows both sides alike. Flows on the 10k files
# and `departments` take under a second, so they get three times as many
# runs. Wall time is taken from bash's EPOCHREALTIME around
# `/usr/bin/time -f '%e %M'` (whose %e has only 10 ms steps); peak RSS is
# time's %M.
#
# A flow that exits 2 with "not implemented" shows n/a. Nothing here fails
# the build: the exit status is 0 unless the generator fails. Outputs go to
# BENCH_DIR/out/, and their sha256 sums are printed so that an optimization
# can be checked to give the same bytes.

set -u
LC_ALL=C
export LC_ALL

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1

N=${BENCH_RECORDS:-100000}
RUNS=${BENCH_RUNS:-3}
DIR=${BENCH_DIR:-bench/data}
SEED=${BENCH_SEED:-1}
MB=${MB:-./mikibridge}
GEN=bench/gen
PARSE=bench/parse-only
SMALL=10000

# number NAME VALUE: exits unless VALUE is a decimal number.
number() {
	case $2 in
	'' | *[!0-9]*)
		echo "bench: $1=$2: not a number" >&2
		exit 2
		;;
	esac
}
number BENCH_RECORDS "$N"
number BENCH_RUNS "$RUNS"
number BENCH_SEED "$SEED"
[ "$N" -ge 1 ] && [ "$RUNS" -ge 1 ] || {
	echo "bench: BENCH_RECORDS and BENCH_RUNS must be at least 1" >&2
	exit 2
}
if [ -z "${EPOCHREALTIME:-}" ]; then
	echo "bench: needs bash 5 (EPOCHREALTIME)" >&2
	exit 2
fi

# ------------------------------------------------------------------
# Inputs, generated once per (N, seed, generator source).

# gen_data N: makes $DIR/n<N>-s<SEED>/ unless it is already there.
gen_data() {
	local n=$1 d=$DIR/n$1-s$SEED stamp
	stamp="$(sha256sum bench/gen.c | cut -c1-16) records=$n seed=$SEED"
	if [ -f "$d/.stamp" ] && [ "$(cat "$d/.stamp")" = "$stamp" ]; then
		return 0
	fi
	echo "bench: generating $n records (seed $SEED) in $d" >&2
	rm -rf "$d" "$d.tmp"
	mkdir -p "$DIR"
	"$GEN" --records "$n" --seed "$SEED" --out "$d.tmp" || {
		echo "bench: $GEN failed" >&2
		rm -rf "$d.tmp"
		exit 1
	}
	mv "$d.tmp" "$d" && echo "$stamp" >"$d/.stamp" || exit 1
	# Let the new files reach the disk now, not during a measured run.
	sync
}

gen_data "$N"
[ "$N" -eq "$SMALL" ] || gen_data "$SMALL"
D=$DIR/n$N-s$SEED
S=$DIR/n$SMALL-s$SEED
O=$DIR/out
mkdir -p "$O"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mikibridge-bench.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT

# records FILE: data records of a generated file, from its manifest.
records() {
	awk -v f="$(basename "$1")" '$1 == f { print $2 }' \
	    "$(dirname "$1")/manifest.txt"
}

size() {
	wc -c <"$1" | tr -d ' '
}

# ------------------------------------------------------------------
# Measuring.

TIME=/usr/bin/time
if [ ! -x "$TIME" ] && command -v apt-get >/dev/null 2>&1 &&
    [ "$(id -u)" = 0 ]; then
	echo "bench: installing GNU time (Debian package time)" >&2
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time \
	    >/dev/null 2>&1 ||
	    { apt-get update -qq >/dev/null 2>&1 &&
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time \
		    >/dev/null 2>&1; }
fi
if [ ! -x "$TIME" ]; then
	echo "bench: no /usr/bin/time: peak RSS will not be shown" >&2
	TIME=
fi

# measure OUT CMD…: runs CMD with standard output to OUT and standard
# error to $tmp/stderr; sets T (wall seconds), K (peak RSS KiB) and RC.
measure() {
	local out=$1 t0 t1 e
	shift
	K=
	t0=$EPOCHREALTIME
	if [ -n "$TIME" ]; then
		"$TIME" -f '%e %M' -o "$tmp/time" "$@" >"$out" 2>"$tmp/stderr"
		RC=$?
	else
		"$@" >"$out" 2>"$tmp/stderr"
		RC=$?
	fi
	t1=$EPOCHREALTIME
	[ -n "$TIME" ] && read -r e K < <(tail -n 1 "$tmp/time")
	T=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", b - a }')
}

# The flows. Each writes BENCH_DIR/out/<flow>.csv (parse: .txt).
OUT_OF=
flow_cmd() {
	local f=$1 d=$D
	case $f in
	*-10k) d=$S ;;
	esac
	OUT_OF=$O/$f.csv
	[ "$f" = parse ] && OUT_OF=$O/$f.txt
	rm -f "$OUT_OF"		# a stale output must not pass for a new one
	case $f in
	iconv | iconv-10k)
		measure "$OUT_OF" iconv -f CP932 -t UTF-8 "$d/smarthr-employees.csv"
		;;
	parse)
		measure "$OUT_OF" "$PARSE" "$d/smarthr-employees.csv"
		;;
	emp-utf8 | emp-cp932 | empmw-utf8 | empmw-cp932 | export-10k)
		local enc=${f##*-} mw=()
		[ "$enc" = 10k ] && enc=utf8
		[ "$enc" = utf8 ] && enc=utf-8
		case $f in
		empmw-*) mw=(--mikiwame-employees "$d/mikiwame-employees.csv") ;;
		esac
		measure /dev/null "$MB" employees --match email \
		    --mikiwame-departments "$d/mikiwame-departments.csv" \
		    "${mw[@]}" --output-encoding "$enc" -q \
		    --errors "$O/$f.errors.csv" -o "$OUT_OF" \
		    "$d/smarthr-employees.csv"
		;;
	results)
		measure /dev/null "$MB" results --match email \
		    --smarthr-employees "$d/smarthr-employees.csv" -q \
		    --errors "$O/$f.errors.csv" -o "$OUT_OF" \
		    "$d/mikiwame-results.csv"
		;;
	departments)
		measure /dev/null "$MB" departments -q \
		    --errors "$O/$f.errors.csv" -o "$OUT_OF" \
		    "$d/smarthr-departments.csv"
		;;
	convert)
		measure /dev/null "$MB" convert --output-encoding utf-8 -q \
		    --errors "$O/$f.errors.csv" -o "$OUT_OF" \
		    "$d/smarthr-employees.csv"
		;;
	esac
}

# What each flow reads (records of the first file, bytes of all) and its
# label, baseline and targets (issue 6): ratio to iconv, peak RSS MiB,
# wall seconds. Empty means none.
flows="parse emp-utf8 emp-cp932 empmw-utf8 empmw-cp932 results departments
convert export-10k"
declare -A LABEL INPUTS BASE RATIO_T RSS_T WALL_T
LABEL[iconv]="iconv -f CP932 -t UTF-8"
LABEL[iconv-10k]="iconv, 10k records"
LABEL[parse]="libcsv parse only (ref)"
LABEL[emp-utf8]="employees email, UTF-8"
LABEL[emp-cp932]="employees email, CP932"
LABEL[empmw-utf8]="employees +mw-emp, UTF-8"
LABEL[empmw-cp932]="employees +mw-emp, CP932"
LABEL[results]="results email"
LABEL[departments]="departments 10k x 10"
LABEL[convert]="convert to UTF-8"
LABEL[export-10k]="employees, 10k export"
smarthr="$D/smarthr-employees.csv $D/mikiwame-departments.csv"
for f in iconv parse; do INPUTS[$f]="$D/smarthr-employees.csv"; done
for f in emp-utf8 emp-cp932; do INPUTS[$f]=$smarthr; done
for f in empmw-utf8 empmw-cp932; do
	INPUTS[$f]="$smarthr $D/mikiwame-employees.csv"
done
INPUTS[results]="$D/mikiwame-results.csv $D/smarthr-employees.csv"
INPUTS[departments]="$D/smarthr-departments.csv"
INPUTS[convert]="$D/smarthr-employees.csv"
INPUTS[iconv-10k]="$S/smarthr-employees.csv"
INPUTS[export-10k]="$S/smarthr-employees.csv $S/mikiwame-departments.csv"
for f in $flows; do BASE[$f]=iconv; done
BASE[departments]=
BASE[export-10k]=iconv-10k
RATIO_T[emp-utf8]=1.0
RATIO_T[emp-cp932]=0.9
RATIO_T[empmw-utf8]=1.6
RATIO_T[empmw-cp932]=1.6
RATIO_T[results]=2.0
RATIO_T[export-10k]=1.2
WALL_T[departments]=0.1
# Memory follows the keys: ≤ 96 MiB up to 500k records, ≤ 16 MiB at 10k.
if [ "$N" -le 500000 ]; then
	for f in emp-utf8 emp-cp932 results; do RSS_T[$f]=96; done
fi
RSS_T[export-10k]=16

median() {
	printf '%s\n' "$@" | sort -g |
	    awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2];
		else printf "%.4f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}

max() {
	printf '%s\n' "$@" | sort -g | tail -n 1
}

# ------------------------------------------------------------------
# Running.

declare -A STATE WALL RSS SUM NOTE BASEWALL
all_base=()	# every run of the big baseline, for the iconv row
small_base=()

echo "bench: $N records, seed $SEED, $RUNS paired runs, $(nproc) cores," \
    "load $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)" >&2
flow_cmd iconv		# warm the page cache
flow_cmd iconv-10k
[ -x "$MB" ] || echo "bench: no $MB: every mikibridge flow is n/a" >&2

for f in $flows; do
	# Warm-up, and does the command exist yet?
	if [ "$f" = parse ] || [ -x "$MB" ]; then
		flow_cmd "$f"
	else
		RC=127
		: >"$tmp/stderr"
	fi
	case $RC in
	0 | 1) ;;
	*)
		if [ "$RC" = 127 ] || { [ "$RC" = 2 ] &&
		    grep -q 'not implemented' "$tmp/stderr"; }; then
			STATE[$f]=n/a
		else
			STATE[$f]=ERR
			NOTE[$f]="exit $RC: $(head -n 1 "$tmp/stderr")"
		fi
		echo "bench: $f: ${STATE[$f]}" >&2
		continue
		;;
	esac
	n=$RUNS
	case $f in departments | *-10k) n=$((RUNS * 3)) ;; esac
	walls=() rsss=() bases=()
	for ((r = 1; r <= n; r++)); do
		echo "bench: $f run $r/$n" >&2
		if [ -n "${BASE[$f]}" ]; then
			flow_cmd "${BASE[$f]}"
			bases+=("$T")
			if [ "${BASE[$f]}" = iconv ]; then
				all_base+=("$T")
				RSS[iconv]=$K
			else
				small_base+=("$T")
				RSS[iconv-10k]=$K
			fi
		fi
		flow_cmd "$f"
		if [ "$RC" != 0 ] && [ "$RC" != 1 ]; then
			STATE[$f]=ERR
			NOTE[$f]="exit $RC in run $r: $(head -n 1 "$tmp/stderr")"
			break
		fi
		walls+=("$T")
		rsss+=("${K:-0}")
	done
	[ "${STATE[$f]:-}" = ERR ] && continue
	if [ ! -f "$OUT_OF" ]; then
		STATE[$f]=ERR
		NOTE[$f]="exit $RC but no output in $OUT_OF"
		continue
	fi
	STATE[$f]=ok
	WALL[$f]=$(median "${walls[@]}")
	RSS[$f]=$(max "${rsss[@]}")
	[ ${#bases[@]} -gt 0 ] && BASEWALL[$f]=$(median "${bases[@]}")
	SUM[$f]=$(sha256sum <"$OUT_OF" | cut -d' ' -f1)
done

# The baseline rows: the median of all their paired runs (or of the
# warm-up run, when no flow needed them).
[ ${#all_base[@]} -eq 0 ] && flow_cmd iconv && all_base=("$T") &&
    RSS[iconv]=$K
[ ${#small_base[@]} -eq 0 ] && flow_cmd iconv-10k && small_base=("$T") &&
    RSS[iconv-10k]=$K
for f in iconv iconv-10k; do
	STATE[$f]=ok
	SUM[$f]=$(sha256sum <"$O/$f.csv" | cut -d' ' -f1)
done
WALL[iconv]=$(median "${all_base[@]}")
WALL[iconv-10k]=$(median "${small_base[@]}")
BASEWALL[iconv]=${WALL[iconv]}
BASEWALL[iconv-10k]=${WALL[iconv-10k]}
BASE[iconv]=iconv
BASE[iconv-10k]=iconv-10k

# ------------------------------------------------------------------
# The table.

# row FLOW: one line of the table.
row() {
	local f=$1 recs=0 bytes=0 x ratio=- verdict= target= miss=0 rss=-
	if [ "${STATE[$f]:-n/a}" != ok ]; then
		printf '%-27s %7s  %s\n' "${LABEL[$f]}" "${STATE[$f]:-n/a}" \
		    "${NOTE[$f]:-}"
		return
	fi
	recs=$(records ${INPUTS[$f]%% *})
	for x in ${INPUTS[$f]}; do bytes=$((bytes + $(size "$x"))); done
	if [ -n "${BASEWALL[$f]:-}" ]; then
		ratio=$(awk -v a="${WALL[$f]}" -v b="${BASEWALL[$f]}" \
		    'BEGIN { printf "%.2f", a / b }')
	fi
	[ -n "${RSS[$f]:-}" ] && [ "${RSS[$f]}" != 0 ] &&
	    rss=$(awk -v k="${RSS[$f]}" 'BEGIN { printf "%.1f", k / 1024 }')
	if [ -n "${RATIO_T[$f]:-}" ]; then
		target="≤${RATIO_T[$f]}×"
		[ "$f" = emp-cp932 ] && target="$target (never >1.2×)"
		awk -v a="$ratio" -v b="${RATIO_T[$f]}" \
		    'BEGIN { exit !(a > b) }' && miss=1
	fi
	if [ -n "${WALL_T[$f]:-}" ]; then
		target="${target:+$target, }<${WALL_T[$f]} s"
		awk -v a="${WALL[$f]}" -v b="${WALL_T[$f]}" \
		    'BEGIN { exit !(a >= b) }' && miss=1
	fi
	if [ -n "${RSS_T[$f]:-}" ]; then
		target="${target:+$target, }RSS ≤${RSS_T[$f]} MiB"
		if [ "$rss" = - ]; then
			target="$target (not measured)"
		else
			awk -v a="$rss" -v b="${RSS_T[$f]}" \
			    'BEGIN { exit !(a > b) }' && miss=1
		fi
	fi
	case $f in
	iconv | iconv-10k) verdict=base ;;
	parse) verdict=ref target="issue 6 measured ~0.66×" ;;
	*)
		if [ -z "$target" ]; then
			target="(no target)"
		else
			verdict=ok
			[ $miss = 1 ] && verdict=MISS
		fi
		;;
	esac
	printf '%-27s %7.3f %10s %7.1f %8s %6s  %-4s %s\n' "${LABEL[$f]}" \
	    "${WALL[$f]}" \
	    "$(awk -v n="$recs" -v t="${WALL[$f]}" 'BEGIN { printf "%.0f", n / t }')" \
	    "$(awk -v n="$bytes" -v t="${WALL[$f]}" 'BEGIN { printf "%.1f", n / t / 1e6 }')" \
	    "$rss" "$ratio" "$verdict" "$target"
}

mbver=$("$MB" --version 2>/dev/null | head -n 1)
echo
echo "mikibridge bench: $N records (seed $SEED), $(size "$D/smarthr-employees.csv")" \
    "bytes CP932, $RUNS paired runs (x3 for the sub-second flows)"
echo "${mbver:-no $MB}; $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)"
echo "median wall s; MB/s = all inputs read (10^6 B/s); ratio = flow / its paired iconv runs"
echo
printf '%-27s %7s %10s %7s %8s %6s  %-4s %s\n' flow 'wall s' records/s MB/s \
    'RSS MiB' ratio '' target
for f in iconv parse emp-utf8 emp-cp932 empmw-utf8 empmw-cp932 results \
    departments convert iconv-10k export-10k; do
	row "$f"
done

# Time per record should not grow with the file (within 20 %).
if [ "${STATE[emp-utf8]:-}" = ok ] && [ "${STATE[export-10k]:-}" = ok ] &&
    [ "$N" -ne "$SMALL" ]; then
	awk -v a="${WALL[export-10k]}" -v b="${WALL[emp-utf8]}" -v n="$N" \
	    -v s="$SMALL" 'BEGIN {
		x = a / s * 1e6; y = b / n * 1e6; d = (y - x) / x * 100
		printf "\ntime per record, employees UTF-8: %.2f µs at %d, " \
		    "%.2f µs at %d (%+.0f %%): %s (target: within 20 %%)\n",
		    x, s, y, n, d, (d <= 20 && d >= -20) ? "ok" : "MISS" }'
fi

# One key shared by every record (one address, one 部署コード) must cost
# about what distinct keys cost. The shared key costs more (every record
# gets a report row naming ten others), not orders more: a quadratic rule
# shows here as a ratio in the hundreds. (make check runs the same shapes as hostile/104, whose only
# clock is the test runner's per-case limit.)
K=$DIR/samekey
mkdir -p "$K"
if [ ! -s "$K/emp-same.csv" ]; then
	for kind in same distinct; do
		LC_ALL=C awk -v u="$kind" 'BEGIN {
		    print "社員番号,姓,名,姓（カタカナ）,名（カタカナ）,メールアドレス,部署1"
		    for (i = 1; i <= 200000; i++)
			printf "%d,山田,太郎,ヤマダ,タロウ,%s@example.com,営業部\r\n",
			    i, u == "same" ? "same" : "u" i }' >"$K/emp-$kind.csv"
		LC_ALL=C awk -v u="$kind" 'BEGIN {
		    print "部署コード,部署名,親部署コード"
		    for (i = 1; i <= 200000; i++)
			printf "%s,部署%d,\r\n", u == "same" ? "D" : "D" i, i }' \
		    >"$K/dept-$kind.csv"
	done
	printf '部署コード,部署名,親部署コード\r\nA001,営業部,\r\n' >"$K/md.csv"
fi
# best_of CMD...: the fastest of RUNS wall times, in seconds.
best_of() {
	local i t0 t1 best=""
	for ((i = 0; i < RUNS; i++)); do
		t0=$EPOCHREALTIME
		"$@" >/dev/null 2>&1
		t1=$EPOCHREALTIME
		best=$(awk -v a="$t0" -v b="$t1" -v m="$best" 'BEGIN {
		    d = b - a; if (m == "" || d < m) m = d; printf "%.3f", m }')
	done
	echo "$best"
}
declare -A T
echo
for what in employees departments; do
	for kind in distinct same; do
		if [ $what = employees ]; then
			T[$kind]=$(best_of "$MB" employees -q --match email \
			    --mikiwame-departments "$K/md.csv" -o "$K/out.csv" \
			    --errors "$K/err.csv" "$K/emp-$kind.csv")
		else
			T[$kind]=$(best_of "$MB" departments -q -o "$K/out.csv" \
			    --errors "$K/err.csv" "$K/dept-$kind.csv")
		fi
	done
	awk -v w="$what" -v a="${T[distinct]}" -v b="${T[same]}" 'BEGIN {
	    r = b / a
	    printf "one key, 200000 %s: %.3f s distinct, %.3f s shared " \
		"(%.2fx): %s (target: at most 5x)\n", w, a, b, r,
		r <= 5 ? "ok" : "MISS" }'
done

# convert writes exactly what iconv writes for these files (minimal
# quoting, CRLF, no 〜-family characters), so the sums must agree.
if [ "${STATE[convert]:-}" = ok ]; then
	if [ "${SUM[convert]}" = "${SUM[iconv]}" ]; then
		echo "convert output is byte-identical to iconv's: ok"
	else
		echo "convert output differs from iconv's: MISS"
	fi
fi

echo
echo "sha256 of the outputs (in $O/):"
for f in iconv parse emp-utf8 emp-cp932 empmw-utf8 empmw-cp932 results \
    departments convert iconv-10k export-10k; do
	[ "${STATE[$f]:-}" = ok ] && printf '  %s  %s\n' "${SUM[$f]}" "$f"
done
exit 0
