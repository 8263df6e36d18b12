#!/bin/sh
# Makes sure `make fuzz` can build: what `make` needs, with the fuzzing
# compiler (tests/deps.sh installs a missing clang on Debian and Ubuntu,
# or prints the command elsewhere), and clang's libFuzzer runtime, which
# some distributions package apart from the compiler.
#
# Usage: fuzz/deps.sh CC

cc=${1:-clang}
CC=$cc bash tests/deps.sh build || exit 1
mkdir -p fuzz/build
printf '%s\n' '#include <stddef.h>' '#include <stdint.h>' \
    'int LLVMFuzzerTestOneInput(const uint8_t *, size_t);' \
    'int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)' \
    '{ (void)d; (void)n; return 0; }' >fuzz/build/probe.c
if ! $cc -fsanitize=fuzzer,address,undefined -o fuzz/build/probe \
    fuzz/build/probe.c >fuzz/build/probe.log 2>&1; then
	echo "fuzz/deps.sh: $cc cannot link -fsanitize=fuzzer (see" \
	    "fuzz/build/probe.log); install libFuzzer: on Debian and Ubuntu" \
	    "the package libclang-rt-dev (or libclang-rt-NN-dev for clang-NN)" >&2
	exit 1
fi
rm -f fuzz/build/probe fuzz/build/probe.c fuzz/build/probe.log
