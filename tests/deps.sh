#!/usr/bin/env bash
# Makes sure what mikibridge needs to build and test is installed.
#
#   tests/deps.sh build   what `make` needs: a C compiler, make, pkg-config,
#                         libcsv (csv.h) and PCRE2 (libpcre2-8)
#   tests/deps.sh check   all that, plus what `make check` and `make lint`
#                         need: mandoc, valgrind, cppcheck, and iconv(1)
#                         with CP932 (the default)
#
# When everything is there it prints nothing and exits 0 without touching
# the package manager. Otherwise, on Debian and Ubuntu it installs the
# missing packages with apt-get (through sudo when not root); elsewhere it
# prints the command that would install them and exits 1.
#
# Environment: CC (default cc) and CPPFLAGS, as make would use them.

set -u -o pipefail

prog=tests/deps.sh

mode=${1:-check}
case $mode in
build) items=(cc make pkg-config libcsv pcre2) ;;
check) items=(cc make pkg-config libcsv pcre2 mandoc valgrind cppcheck iconv cp932) ;;
*)
	echo "usage: tests/deps.sh [build | check]" >&2
	exit 2
	;;
esac

# CC and CPPFLAGS may hold several words ("ccache gcc", "-I/opt/local/include").
read -r -a cc <<<"${CC:-cc}"
read -r -a cppflags <<<"${CPPFLAGS:-}"

have() {
	command -v "$1" >/dev/null 2>&1
}

# present ITEM succeeds when ITEM is installed and usable.
present() {
	local list
	case $1 in
	cc) have "${cc[0]}" ;;
	libcsv)
		echo '#include <csv.h>' |
			"${cc[@]}" ${cppflags[@]+"${cppflags[@]}"} -E -x c - >/dev/null 2>&1
		;;
	pcre2) have pkg-config && pkg-config --exists libpcre2-8 ;;
	# The list is read whole first: grep -q stopping early would kill iconv
	# with SIGPIPE and fail the pipeline.
	cp932) list=$(iconv -l 2>/dev/null) && grep -qiw CP932 <<<"$list" ;;
	*) have "$1" ;;
	esac
}

# missing_items prints the items not present, one per line.
missing_items() {
	local item
	for item in "${items[@]}"; do
		present "$item" || echo "$item"
	done
}

# pkg SYSTEM ITEM names the package that provides ITEM on SYSTEM (deb, rpm
# or brew), or prints nothing when there is none.
pkg() {
	case $1:$2 in
	*:cc)
		if [[ $1 == brew ]]; then
			:
		elif [[ ${cc[0]##*/} == clang* ]]; then
			echo clang
		else
			echo gcc
		fi
		;;
	deb:libcsv) echo libcsv-dev ;;
	deb:pcre2) echo libpcre2-dev ;;
	deb:iconv | deb:cp932) echo libc-bin ;;
	rpm:pkg-config) echo pkgconf-pkg-config ;;
	rpm:libcsv) echo libcsv-devel ;;
	rpm:pcre2) echo pcre2-devel ;;
	rpm:iconv) echo glibc-common ;;
	rpm:cp932) echo glibc-gconv-extra ;;
	brew:make | brew:valgrind) ;;
	brew:iconv | brew:cp932) echo libiconv ;;
	*) echo "$2" ;;
	esac
}

# packages SYSTEM ITEM... prints each item's package once, space-separated.
packages() {
	local sys=$1 item p out=" "
	shift
	for item in "$@"; do
		p=$(pkg "$sys" "$item")
		[[ -z $p || $out == *" $p "* ]] || out+="$p "
	done
	out=${out# }
	echo "${out% }"
}

read -r -d '' -a missing < <(missing_items)
((${#missing[@]} == 0)) && exit 0

echo "$prog: missing: ${missing[*]}" >&2
all=" ${missing[*]} "

if [[ -f /etc/debian_version ]] && have apt-get; then
	read -r -a pkgs <<<"$(packages deb "${missing[@]}")"
	if [[ ${EUID:-$(id -u)} == 0 ]]; then
		sudo=()
	elif have sudo; then
		sudo=(sudo)
	else
		echo "$prog: not root and no sudo; as root, run:" >&2
		echo "  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${pkgs[*]}" >&2
		exit 1
	fi
	echo "$prog: installing ${pkgs[*]}" >&2
	# sudo resets the environment, so DEBIAN_FRONTEND goes through env.
	if ! ${sudo[@]+"${sudo[@]}"} apt-get update -qq ||
		! ${sudo[@]+"${sudo[@]}"} env DEBIAN_FRONTEND=noninteractive \
			apt-get install -y -qq --no-install-recommends "${pkgs[@]}"; then
		echo "$prog: apt-get failed" >&2
		exit 1
	fi
	read -r -d '' -a missing < <(missing_items)
	if ((${#missing[@]} > 0)); then
		echo "$prog: still missing after installing: ${missing[*]}" >&2
		exit 1
	fi
	exit 0
elif [[ -f /etc/redhat-release || -f /etc/fedora-release ]] || have dnf; then
	echo "$prog: install them with:" >&2
	echo "  sudo dnf install $(packages rpm "${missing[@]}")" >&2
	[[ $all == *" libcsv "* || $all == *" mandoc "* ]] &&
		echo "(on RHEL and its rebuilds, libcsv-devel and mandoc are in EPEL:" \
			"sudo dnf install epel-release)" >&2
elif [[ $(uname -s 2>/dev/null) == Darwin ]]; then
	echo "$prog: install them with:" >&2
	echo "  brew install $(packages brew "${missing[@]}")" >&2
	[[ $all == *" cc "* || $all == *" make "* ]] &&
		echo "(the compiler and make come with: xcode-select --install)" >&2
	[[ $all == *" valgrind "* ]] &&
		echo "(valgrind does not run on current macOS: run the valgrind" \
			"checks on Linux)" >&2
	[[ $all == *" libcsv "* || $all == *" pcre2 "* ]] &&
		echo "(the compiler finds Homebrew's headers with" \
			"CPPFLAGS=-I\$(brew --prefix)/include)" >&2
else
	echo "$prog: install these with your package manager" \
		"(Debian names): $(packages deb "${missing[@]}")" >&2
fi
exit 1
