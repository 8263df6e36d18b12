/*
 * fuzz.h: what the libFuzzer targets share — the entry point's prototype
 * (the build warns about a global function without one) and a check that
 * stays on whatever NDEBUG says and names the property that failed, so a
 * crash file's log says which promise of the code was broken.
 */
#ifndef FUZZ_H
#define FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#define FUZZ_FAIL(what) do {						\
	fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__,	\
	    what);							\
	abort();							\
} while (0)

#define FUZZ_CHECK(cond) do {						\
	if (!(cond))							\
		FUZZ_FAIL(#cond);					\
} while (0)

#endif
