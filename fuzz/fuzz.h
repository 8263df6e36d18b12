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

/*
 * The message also goes to the sanitizers' report (as its SUMMARY line):
 * the whole-command targets run with standard error closed.
 */
void	__sanitizer_report_error_summary(const char *);

#define FUZZ_FAIL(what) do {						\
	char fuzz_msg_[512];						\
	snprintf(fuzz_msg_, sizeof(fuzz_msg_), "%s:%d: check failed: %s",	\
	    __FILE__, __LINE__, what);					\
	fprintf(stderr, "%s\n", fuzz_msg_);				\
	__sanitizer_report_error_summary(fuzz_msg_);			\
	abort();							\
} while (0)

#define FUZZ_CHECK(cond) do {						\
	if (!(cond))							\
		FUZZ_FAIL(#cond);					\
} while (0)

#endif
