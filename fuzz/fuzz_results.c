/*
 * fuzz_results: `mikibridge results` on a fuzzer-made ミキワメAI result
 * file, against the sample SmartHR employees (UTF-8); the first byte picks
 * --match and the output options. Every output is written and the outcome
 * checked against SPEC §1 (fuzz_cmd.h).
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
	o.match = data[0] & FC_NUMBER ? "employee-number" : "email";
	o.given |= OPT_MATCH;
	o.semps = fc_path("se.csv");
	o.given |= OPT_SEMPS;
	(void)fc_run(cli_find("results"), &o, with, data + 1, size - 1);
	return 0;
}
