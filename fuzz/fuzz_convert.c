/*
 * fuzz_convert: `mikibridge convert` on a fuzzer-made file, with -o,
 * --errors, --plan and --json-summary, the options picked by the first
 * byte (fuzz_cmd.h), and the outcome checked against SPEC §1.
 */
#include "fuzz_cmd.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct opts	 o;
	unsigned	 with = OPT_OUTPUT | OPT_ERRORS;

	if (size < 1)
		return 0;
	fc_setup();
	fc_opts(&o, data[0], with);
	(void)fc_run(cli_find("convert"), &o, with, data + 1, size - 1);
	return 0;
}
