#!/usr/bin/env bash
# tests/readme.sh — runs the commands of README.md's Walk-through and checks
# that each prints what the README shows, so that the README cannot drift
# from the program.
#
#   tests/readme.sh [--readme FILE] [COMMAND ...]
#
# COMMAND runs the binary under test (default: mikibridge at the top of the
# repository); it may be several words, such as a valgrind command line.
# The golden case tests/cases/common/031-readme-walkthrough runs this script.
#
# The convention, in the section "## Walk-through" of the README (up to the
# next "## " heading):
#
#   * A fenced block opened by a bare ``` whose first line starts with "$ "
#     is a transcript. Each "$ " line is a command (a line ending in "\"
#     goes on on the next line); the lines after it, up to the next "$ "
#     line or the end of the block, are what it prints, standard output and
#     standard error together, as a terminal shows them.
#   * A line that is only "..." or "…" (indenting aside) stands for lines
#     left out. The shown lines must appear in the output in the same order,
#     those between two such lines one after another; the first and last
#     shown lines must be the output's first and last unless such a line
#     comes before or after them.
#   * A ```sh block is commands that print nothing: it runs as one command,
#     and any output fails it.
#   * Any other fenced block in the section is an error: show output below
#     the command that prints it.
#
# The commands run in order, in one bash process, from the top of a scratch
# directory that holds a copy of samples/ and a ./mikibridge that runs
# COMMAND: later commands read the files earlier ones wrote, `echo $?` gives
# the status of the command before it, and nothing is written into the
# repository. Output is compared as a terminal shows it: a CR at the end of
# a line and a UTF-8 byte-order mark at its start are not compared (the
# program writes CRLF, and a BOM at the start of UTF-8 reports and plans),
# and a last line without a newline counts as a line.
#
# Prints "README walk-through: N commands, outputs as shown" and exits 0;
# or, for each command whose output differs, the README line and the
# command, and a diff of what it shows (-) against what the command printed
# (+), then "README walk-through: N commands, M not as shown", and exits 1.
# Exit status 2: a usage error, or a README this script cannot read.

set -u -o pipefail

prog=tests/readme.sh
top=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)
readme=$top/README.md

usage() {
	echo "usage: $prog [--readme FILE] [COMMAND ...]" >&2
	exit 2
}

while (($# > 0)); do
	case $1 in
	--readme)
		(($# > 1)) || usage
		readme=$2
		shift 2
		;;
	-h | --help) usage ;;
	--)
		shift
		break
		;;
	-*)
		echo "$prog: unknown option: $1" >&2
		usage
		;;
	*) break ;;
	esac
done
mb=("$@")
((${#mb[@]} > 0)) || mb=("$top/mikibridge")
# The binary is run from the scratch directory: make a relative path absolute.
last=${mb[${#mb[@]} - 1]}
[[ $last == */* && $last != /* ]] && mb[${#mb[@]} - 1]=$PWD/$last
last=${mb[${#mb[@]} - 1]}
if [[ $last == */* && (! -f $last || ! -x $last) ]]; then
	echo "$prog: $last: no such executable (run make first)" >&2
	exit 2
fi
[[ -r $readme ]] || {
	echo "$prog: $readme: cannot read it" >&2
	exit 2
}

scratch=$(mktemp -d "${TMPDIR:-/tmp}/mikibridge-readme.XXXXXX") || {
	echo "$prog: cannot create a temporary directory" >&2
	exit 2
}
trap 'rm -rf -- "$scratch"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
work=$scratch/top      # the repository top, as the commands see it
exp=$scratch/expected  # exp/N: what the README shows for command N
out=$scratch/output    # out/N: what command N printed
mkdir "$work" "$exp" "$out"
cp -R -- "$top/samples" "$work/samples"
{
	echo '#!/usr/bin/env bash'
	printf 'exec'
	printf ' %q' "${mb[@]}"
	printf ' "$@"\n'
} >"$work/mikibridge"
chmod +x "$work/mikibridge"

# Read the Walk-through: each command goes into the script, its shown
# output into $exp/N, its README line into where[N] and its first line
# into what[N].
script=$scratch/script
printf 'cd %q || exit 2\n' "$work" >"$script"
n=0
where=()
what=()
section=0 # 1 inside the Walk-through
fence=""  # inside a fence: "transcript", "sh", or "new" before its first line
cont=0    # 1 while a command goes on on the next line
lineno=0
start=0   # the line of the open fence
found=0

# begin LINE TEXT starts command N+1.
begin() {
	n=$((n + 1))
	where[n]=$1
	what[n]=$2
	: >"$exp/$n"
	printf '{\n' >>"$script"
}

# finish ends the current command in the script.
finish() {
	((n > 0)) || return 0
	printf '\n} >%q 2>&1 </dev/null\n' "$out/$n" >>"$script"
}

while IFS= read -r line || [[ -n $line ]]; do
	lineno=$((lineno + 1))
	if [[ -z $fence ]]; then
		if [[ $line == '## Walk-through'* ]]; then
			section=1
			found=1
			continue
		fi
		[[ $line == '## '* ]] && section=0
		((section)) || continue
		case $line in
		'```') fence=new start=$lineno ;;
		'```sh')
			fence=sh start=$lineno
			begin "$lineno" '(```sh block)'
			;;
		'```'* | '~~~'*)
			echo "$prog: $readme:$lineno: a fenced block that is neither a transcript nor \`\`\`sh" >&2
			exit 2
			;;
		esac
		continue
	fi
	if [[ $line == '```' ]]; then
		if [[ $fence == new ]]; then
			echo "$prog: $readme:$start: an empty block" >&2
			exit 2
		fi
		((cont)) && {
			echo "$prog: $readme:$lineno: the block ends inside a command" >&2
			exit 2
		}
		finish
		fence=""
		continue
	fi
	case $fence in
	sh)
		printf '%s\n' "$line" >>"$script"
		;;
	new | transcript)
		if ((cont)); then
			printf '%s\n' "$line" >>"$script"
			[[ $line == *\\ ]] || cont=0
		elif [[ $line == '$ '* ]]; then
			[[ $fence == transcript ]] && finish
			fence=transcript
			begin "$lineno" "${line#'$ '}"
			printf '%s\n' "${line#'$ '}" >>"$script"
			[[ $line == *\\ ]] && cont=1
		elif [[ $fence == new ]]; then
			echo "$prog: $readme:$start: a block that does not start with a \"\$ \" command: show the command that prints it" >&2
			exit 2
		else
			printf '%s\n' "$line" >>"$exp/$n"
		fi
		;;
	esac
done <"$readme"
if ((!found)); then
	echo "$prog: $readme: no \"## Walk-through\" section" >&2
	exit 2
fi
if [[ -n $fence ]]; then
	echo "$prog: $readme:$start: the block is not closed" >&2
	exit 2
fi
if ((n == 0)); then
	echo "$prog: $readme: the Walk-through has no commands" >&2
	exit 2
fi

bash "$script" </dev/null >"$scratch/script.out" 2>&1
if [[ -s $scratch/script.out ]]; then
	# The commands' own output is redirected: this is the shell's.
	echo "$prog: the walk-through's shell said:" >&2
	cat "$scratch/script.out" >&2
	exit 2
fi

# terminal FILE prints FILE as a terminal shows it: no CR at the ends of
# lines, no BOM at their starts.
bom=$'\xef\xbb\xbf'
cr=$'\r'
terminal() {
	LC_ALL=C sed -e "s/^$bom//" -e "s/$cr\$//" -- "$1"
}

# shown EXPECTED ACTUAL succeeds when ACTUAL is EXPECTED, where a line
# "..." or "…" in EXPECTED stands for any lines (see the top).
shown() {
	LC_ALL=C awk '
	function elision(s) { return s ~ /^[ \t]*(\.\.\.|\342\200\246)[ \t]*$/ }
	FNR == NR { e[++ne] = $0; next }
	{ a[++na] = $0 }
	END {
		# Segments: runs of shown lines between elisions.
		k = 0; open = 1
		lead = ne > 0 && elision(e[1])
		trail = ne > 0 && elision(e[ne])
		for (i = 1; i <= ne; i++) {
			if (elision(e[i])) { open = 1; continue }
			if (open) { k++; first[k] = i; len[k] = 0; open = 0 }
			len[k]++
		}
		if (k == 0) exit (ne == 0 && na > 0)
		pos = 1
		for (s = 1; s <= k; s++) {
			if (s == 1 && !lead) {
				from = 1; to = 1
			} else if (s == k && !trail) {
				from = na - len[s] + 1; to = from
				if (from < pos) exit 1
			} else {
				from = pos; to = na - len[s] + 1
			}
			for (at = from; at <= to; at++) {
				ok = 1
				for (j = 0; j < len[s]; j++)
					if (at + j > na || a[at + j] != e[first[s] + j]) { ok = 0; break }
				if (ok) break
			}
			if (!ok || at > to) exit 1
			pos = at + len[s]
		}
		if (!trail && pos != na + 1) exit 1
		exit 0
	}' "$1" "$2"
}

bad=0
for ((i = 1; i <= n; i++)); do
	terminal "$out/$i" >"$out/$i.t"
	terminal "$exp/$i" >"$exp/$i.t"
	shown "$exp/$i.t" "$out/$i.t" && continue
	bad=$((bad + 1))
	echo "${readme##*/}:${where[i]}: \$ ${what[i]}"
	diff -u --label shown --label printed -- "$exp/$i.t" "$out/$i.t" |
		head -n 40 || true
done
if ((bad)); then
	echo "README walk-through: $n commands, $bad not as shown"
	exit 1
fi
echo "README walk-through: $n commands, outputs as shown"
