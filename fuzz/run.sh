#!/bin/sh
# Runs each libFuzzer target named on the command line for FUZZ_SECONDS
# (default 60) seconds, one after the other, and prints its executions per
# second and the corpus it reached. Called by `make fuzz` after the build.
#
# The committed seeds in fuzz/corpus/TARGET are only read; what the fuzzer
# finds goes to fuzz/build/corpus/TARGET, so the committed corpora stay
# small. A crash, leak, timeout or failed check leaves its input in
# fuzz/build/TARGET-crash-* (or -leak-, -timeout-, -oom-), the log in
# fuzz/build/TARGET.log, and makes the exit status 1. Reproduce with
#   fuzz/build/TARGET fuzz/build/TARGET-crash-...
#
# Environment: FUZZ_SECONDS, FUZZ_MAXLEN (default 65536: multi-line CSV),
# FUZZ_TIMEOUT (seconds for one input, default 25: a hang is a bug too).

secs=${FUZZ_SECONDS:-60}
maxlen=${FUZZ_MAXLEN:-65536}
timeout=${FUZZ_TIMEOUT:-25}
status=0
seeded=

for t in "$@"; do
	work=fuzz/build/corpus/$t
	log=fuzz/build/$t.log
	mkdir -p "$work"
	mkdir -p "fuzz/corpus/$t"
	# The paths are the tree's own, without spaces: one string will do.
	opts="-max_total_time=$secs -max_len=$maxlen -timeout=$timeout"
	opts="$opts -rss_limit_mb=2048 -print_final_stats=1"
	opts="$opts -artifact_prefix=fuzz/build/$t-"
	[ -f "fuzz/$t.dict" ] && opts="$opts -dict=fuzz/$t.dict"
	# The whole-command targets also start from the samples and the
	# golden cases (fuzz/cmdseeds.sh, made once per run), and print a
	# command's messages on standard error for most inputs: those are
	# hidden, sanitizer reports and check failures still reach the log.
	seeds=
	case $t in
	fuzz_convert | fuzz_inspect | fuzz_departments | fuzz_employees | \
	    fuzz_results)
		if [ -z "$seeded" ]; then
			sh fuzz/cmdseeds.sh || status=1
			seeded=1
		fi
		seeds=fuzz/build/seeds/$t
		opts="$opts -close_fd_mask=2" ;;
	esac
	printf '%-17s %ss ... ' "$t" "$secs"
	# shellcheck disable=SC2086
	if "fuzz/build/$t" $opts "$work" "fuzz/corpus/$t" $seeds >"$log" 2>&1; then
		res=ok
	else
		res="FAILED: see $log and fuzz/build/$t-*"
		status=1
	fi
	# "#N DONE cov: C ft: F corp: U/SIZE exec/s: E rss: R"
	execs=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
	corp=$(grep -ao 'corp: [0-9]*/[0-9]*[a-zA-Z]*' "$log" | tail -n 1)
	echo "$res (${execs:-?} exec/s, ${corp:-corp: ?})"
done
exit $status
