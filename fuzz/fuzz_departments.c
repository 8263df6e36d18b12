/*
 * fuzz_departments: `mikibridge departments` on a fuzzer-made SmartHR
 * department master, with the sample ミキワメAI departments when the first
 * byte says so (and then --changed-only when it says so), every output
 * written, and the outcome checked against SPEC §1 (fuzz_cmd.h).
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
	if (data[0] & FC_MIKIWAME) {
		fc_mdepts(&o, "md.csv");
		if (data[0] & FC_CHANGED) {
			o.changed_only = 1;
			o.given |= OPT_CHANGED_ONLY;
		}
	}
	(void)fc_run(cli_find("departments"), &o, with, data + 1, size - 1);
	return 0;
}
