# mikibridge — offline SmartHR x ミキワメAI bridge.
#
#   make            build ./mikibridge (needs libcsv, PCRE2, pkg-config)
#   make check      install missing test tools (Debian), then the unit tests,
#                   the golden cases, and the golden cases again under
#                   ASan+UBSan, all but the large hostile/1NN ones: about
#                   a minute on 2 cores (48 s to 1 min 14 s measured)
#   make check-all  make check, then the large cases (native and ASan),
#                   valgrind over VALGRIND_CASES, make lint, and make fuzz
#                   (FUZZ_SECONDS a target): what CI runs (.ci/run); 20 to
#                   23 minutes on 2 cores
#   make demo       run the main jobs on samples/
#   make help       all targets

PREFIX	?= /usr/local
BINDIR	 = $(PREFIX)/bin
MANDIR	 = $(PREFIX)/share/man/man1
MANDIR_JA = $(PREFIX)/share/man/ja/man1
VERSION	 = 0.1.0

CC	?= cc
CFLAGS	?= -O2 -g
WARN	 = -std=c11 -Wall -Wextra -Wpedantic -Wshadow -Wconversion \
	   -Wno-sign-conversion -Wmissing-prototypes -Wstrict-prototypes
PCRE2_CFLAGS != pkg-config --cflags libpcre2-8 2>/dev/null || true
PCRE2_LIBS   != pkg-config --libs libpcre2-8 2>/dev/null || echo -lpcre2-8
UNAME	    != uname -s
ICONV_LIBS_Darwin = -liconv
ICONV_LIBS_FreeBSD = -liconv
ICONV_LIBS = $(ICONV_LIBS_$(UNAME))
CPPFLAGS += -D_POSIX_C_SOURCE=200809L -DVERSION=\"$(VERSION)\" $(PCRE2_CFLAGS)
LDLIBS	 += -lcsv $(PCRE2_LIBS) $(ICONV_LIBS)

SRCS = \
	src/cli.c \
	src/cmd_convert.c \
	src/cmd_inspect.c \
	src/cmd_profile.c \
	src/cmd_departments.c \
	src/cmd_employees.c \
	src/cmd_results.c \
	src/csvin.c \
	src/csvout.c \
	src/date.c \
	src/dept.c \
	src/diag.c \
	src/dtree.c \
	src/emp.c \
	src/enc.c \
	src/flow.c \
	src/kana.c \
	src/key.c \
	src/norm.c \
	src/ofile.c \
	src/profile.c \
	src/re.c \
	src/res.c \
	src/smaster.c \
	src/table.c \
	src/util.c
MAIN = src/main.c

UNITS = \
	tests/unit/t_csvin \
	tests/unit/t_csvin_limit \
	tests/unit/t_csvout \
	tests/unit/t_date \
	tests/unit/t_dept \
	tests/unit/t_dtree \
	tests/unit/t_emp \
	tests/unit/t_enc \
	tests/unit/t_kana \
	tests/unit/t_norm \
	tests/unit/t_profile \
	tests/unit/t_res \
	tests/unit/t_table

OBJS	  = $(SRCS:src/%.c=build/%.o)
ASAN_OBJS = $(SRCS:src/%.c=build/asan/%.o)
SANITIZE  = -fsanitize=address,undefined -fno-omit-frame-pointer \
	    -fno-sanitize-recover=all

# Golden cases that also run under valgrind (the whole suite would be slow):
# every command, and the small hostile inputs (hostile/1NN are tens of MB).
VALGRIND_CASES = convert/ inspect/0 profile/001 departments/0 employees/ \
	results/0 hostile/0

all: mikibridge

mikibridge: $(OBJS) build/main.o
	$(CC) $(LDFLAGS) -o $@ $(OBJS) build/main.o $(LDLIBS)

mikibridge-asan: $(ASAN_OBJS) build/asan/main.o
	$(CC) $(LDFLAGS) $(SANITIZE) -o $@ $(ASAN_OBJS) build/asan/main.o $(LDLIBS)

build/%.o: src/%.c src/*.h
	@mkdir -p build
	$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) -c -o $@ $<

build/asan/%.o: src/%.c src/*.h
	@mkdir -p build/asan
	$(CC) $(CPPFLAGS) $(WARN) -O1 -g $(SANITIZE) -c -o $@ $<

tests/unit/t_%: tests/unit/t_%.c tests/unit/tap.h $(ASAN_OBJS)
	$(CC) $(CPPFLAGS) $(WARN) -O1 -g $(SANITIZE) -Isrc -o $@ $< \
	    $(ASAN_OBJS) $(LDLIBS)

# The reader with its bounds lowered (csvin.h), to test their messages.
LIMIT_FLAGS = -DCSVIN_MAX_RECORD='((size_t)1 << 20)' -DCSVIN_MAX_FIELDS=1000

tests/unit/t_csvin_limit: tests/unit/t_csvin_limit.c tests/unit/tap.h \
    src/csvin.c $(ASAN_OBJS)
	$(CC) $(CPPFLAGS) $(LIMIT_FLAGS) $(WARN) -O1 -g $(SANITIZE) -Isrc \
	    -o $@ tests/unit/t_csvin_limit.c src/csvin.c \
	    $(filter-out build/asan/csvin.o,$(ASAN_OBJS)) $(LDLIBS)

deps:
	@bash tests/deps.sh check

# The large golden cases (a tests/run pattern): hostile/1NN, inputs of tens
# of MB, 100,000 columns or 200,000 records made at run time; about 20 s
# natively and 50 s under ASan. make check skips them (SKIP); check-long,
# part of check-all, runs them both ways.
LONG_CASES = hostile/1

# What the test targets test, built with -Werror.
check-build: deps
	@$(MAKE) --no-print-directory CFLAGS="$(CFLAGS) -Werror" check-progs

check-progs: mikibridge mikibridge-asan $(UNITS)
	@:

check: check-build
	@echo "== unit tests and golden cases (skipping $(LONG_CASES))"
	@UNIT_TESTS="$(UNITS)" SKIP="$(LONG_CASES)" MB=./mikibridge tests/run
	@echo "== golden cases under AddressSanitizer and UBSan" \
	    "(skipping $(LONG_CASES))"
	@ASAN_OPTIONS=detect_leaks=1 SKIP="$(LONG_CASES)" \
	    MB=./mikibridge-asan tests/run

check-long: check-build
	@echo "== the large golden cases: $(LONG_CASES)"
	@SKIP= MB=./mikibridge tests/run $(LONG_CASES)
	@echo "== the large golden cases under AddressSanitizer and UBSan"
	@ASAN_OPTIONS=detect_leaks=1 SKIP= MB=./mikibridge-asan \
	    tests/run $(LONG_CASES)

check-valgrind: check-build
	@echo "== golden cases under valgrind: $(VALGRIND_CASES)"
	@SKIP= MB=./mikibridge tests/run --valgrind $(VALGRIND_CASES)

# check-all runs these in order, each even when one before it failed, so
# that one run shows every failure. After each it prints the part's exit
# status, time and test count; at the end all of them, then one line
# "N passed, N failed": the tests/run counts added up, where a part that
# failed without a failed test (a build, lint, fuzz) counts as one failure.
# It exits 0 only when every part did.
CHECK_ALL = check check-long check-valgrind lint fuzz

check-all: deps
	@d=$$(mktemp -d "$${TMPDIR:-/tmp}/mikibridge-check.XXXXXX") || exit 1; \
	trap 'rm -rf "$$d"' EXIT; \
	for t in $(CHECK_ALL); do \
		echo "==> make $$t"; \
		start=$$(date +%s); \
		{ $(MAKE) --no-print-directory $$t 2>&1; echo $$? >"$$d/rc"; } | \
		    tee "$$d/out"; \
		rc=$$(cat "$$d/rc"); \
		n=$$(sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$$/\1 \2/p' \
		    "$$d/out" | awk '{ p += $$1; f += $$2 } END { print p + 0, f + 0 }'); \
		echo "$$rc $$n" >>"$$d/counts"; \
		line=$$(printf '%-20s exit %d, %5ds' "make $$t" "$$rc" \
		    $$(($$(date +%s) - start))); \
		case $$n in "0 0") ;; \
		*) line="$$line, $${n% *} passed, $${n#* } failed" ;; esac; \
		echo "==> $$line"; \
		echo "$$line" >>"$$d/summary"; \
	done; \
	echo "==> make check-all"; \
	sed 's/^/    /' "$$d/summary"; \
	awk '{ p += $$2; f += $$3; if ($$1 != 0 && $$3 == 0) f++ } \
	    END { printf "%d passed, %d failed\n", p, f; exit !(f == 0 && p > 0) }' \
	    "$$d/counts"

demo:
	@bash tests/deps.sh build
	@$(MAKE) --no-print-directory mikibridge
	@sh samples/demo.sh ./mikibridge

lint:
	@bash tests/deps.sh check
	mandoc -Tlint -Wwarning man/mikibridge.1
	mandoc -Tlint -Wwarning man/ja/mikibridge.1
	cppcheck --quiet --error-exitcode=1 --enable=warning,portability \
	    --std=c11 --inline-suppr src

install: mikibridge
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR) $(DESTDIR)$(MANDIR_JA)
	cp mikibridge $(DESTDIR)$(BINDIR)/mikibridge
	chmod 755 $(DESTDIR)$(BINDIR)/mikibridge
	cp man/mikibridge.1 $(DESTDIR)$(MANDIR)/mikibridge.1
	chmod 644 $(DESTDIR)$(MANDIR)/mikibridge.1
	cp man/ja/mikibridge.1 $(DESTDIR)$(MANDIR_JA)/mikibridge.1
	chmod 644 $(DESTDIR)$(MANDIR_JA)/mikibridge.1

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/mikibridge $(DESTDIR)$(MANDIR)/mikibridge.1 \
	    $(DESTDIR)$(MANDIR_JA)/mikibridge.1

clean:
	rm -rf build mikibridge mikibridge-asan $(UNITS) demo-out

help:
	@echo "make           build ./mikibridge"
	@echo "make check     install missing test tools (Debian), run the unit"
	@echo "               tests, the golden cases, and the golden cases under"
	@echo "               ASan+UBSan, except the large $(LONG_CASES)NN ones"
	@echo "               (about 1 min on 2 cores)"
	@echo "make check-all check, then check-long, check-valgrind, lint and"
	@echo "               fuzz, each even if one before failed; CI runs it"
	@echo "               (.ci/run; 20 to 25 min on 2 cores)"
	@echo "make check-long     the large cases $(LONG_CASES)NN, native and ASan"
	@echo "make check-valgrind the golden cases VALGRIND_CASES under valgrind"
	@echo "make demo      run mikibridge on samples/ (output in demo-out/)"
	@echo "make lint      mandoc -Tlint and cppcheck"
	@echo "make install   install to PREFIX (/usr/local), DESTDIR honoured"
	@echo "make uninstall remove what install put there"
	@echo "make clean     remove build products"
	@echo "make fuzz      build the libFuzzer targets (clang) and run each"
	@echo "               for FUZZ_SECONDS (60) seconds; crashes in fuzz/build/"
	@echo "make bench     benchmark against iconv on BENCH_RECORDS (100000)"
	@echo "               generated records, BENCH_RUNS (3) paired runs; the"
	@echo "               inputs and outputs are kept in BENCH_DIR (bench/data)"

.PHONY: all check check-all check-build check-progs check-long check-valgrind \
	deps demo lint install uninstall clean help fuzz bench

# libFuzzer targets, built with clang from the same sources (all but
# main.c) with ASan and UBSan, in fuzz/build/ so that they never mix with
# the cc objects in build/. fuzz/run.sh runs them one after the other.
FUZZ_CC	     = clang
FUZZ_SECONDS = 60
FUZZ_MAXLEN  = 65536
FUZZ_TARGETS = \
	fuzz_csvin \
	fuzz_encode \
	fuzz_date \
	fuzz_kana \
	fuzz_header \
	fuzz_convert \
	fuzz_inspect \
	fuzz_departments \
	fuzz_employees \
	fuzz_results
FUZZ_OBJS     = $(SRCS:src/%.c=fuzz/build/obj/%.o)
FUZZ_SANITIZE = -fsanitize=address,undefined -fno-sanitize-recover=all \
		-fno-omit-frame-pointer

fuzz:
	@sh fuzz/deps.sh "$(FUZZ_CC)"
	@$(MAKE) --no-print-directory $(FUZZ_TARGETS:%=fuzz/build/%)
	@FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_MAXLEN=$(FUZZ_MAXLEN) \
	    sh fuzz/run.sh $(FUZZ_TARGETS)

fuzz/build/obj/%.o: src/%.c src/*.h
	@mkdir -p fuzz/build/obj
	$(FUZZ_CC) $(CPPFLAGS) $(WARN) -O1 -g $(FUZZ_SANITIZE) \
	    -fsanitize=fuzzer-no-link -c -o $@ $<

# Named here, not only in the pattern rule, so that make keeps the objects.
$(FUZZ_TARGETS:%=fuzz/build/%): $(FUZZ_OBJS)

fuzz/build/fuzz_%: fuzz/fuzz_%.c fuzz/fuzz.h fuzz/fuzz_cmd.h $(FUZZ_OBJS)
	$(FUZZ_CC) $(CPPFLAGS) $(WARN) -O1 -g $(FUZZ_SANITIZE) -fsanitize=fuzzer \
	    -Isrc -o $@ $< $(FUZZ_OBJS) $(LDLIBS)

# Benchmark (issue 6): bench/gen makes realistic inputs (cached per size
# and seed in BENCH_DIR), bench/run.sh times every flow against iconv and
# prints one table. A slow or unimplemented flow never fails the target;
# mikibridge is rebuilt first, and if that fails the binary at hand is used.
BENCH_RECORDS ?= 100000
BENCH_RUNS    ?= 3
BENCH_DIR     ?= bench/data
BENCH_SEED    ?= 1

bench: bench/gen bench/parse-only
	@$(MAKE) --no-print-directory mikibridge || \
	    echo "bench: mikibridge did not build; timing the binary at hand" >&2
	@BENCH_RECORDS=$(BENCH_RECORDS) BENCH_RUNS=$(BENCH_RUNS) \
	    BENCH_DIR=$(BENCH_DIR) BENCH_SEED=$(BENCH_SEED) MB=./mikibridge \
	    bash bench/run.sh

bench/gen: bench/gen.c
	$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) $(LDFLAGS) -o $@ bench/gen.c \
	    $(ICONV_LIBS)

bench/parse-only: bench/parse-only.c
	$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) $(LDFLAGS) -o $@ bench/parse-only.c \
	    -lcsv
