/*
 * fuzz_employees: `mikibridge employees` on a fuzzer-made SmartHR employee
 * file, against the sample ミキワメAI departments and SmartHR departments;
 * the first byte picks --match, and whether the sample ミキワメAI employees
 * are given (always with employee-number matching), with --changed-only
 * and --max-new 1. Every output is written and the outcome checked
 * against SPEC §1 (fuzz_cmd.h).
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
	fc_mdepts(&o, "md.csv");
	o.sdepts = fc_path("sd.csv");
	o.given |= OPT_SDEPTS;
	if (data[0] & (FC_MIKIWAME | FC_NUMBER)) {
		o.memps = fc_path("me.csv");
		o.given |= OPT_MEMPS;
		if (data[0] & FC_CHANGED) {
			o.changed_only = 1;
			o.given |= OPT_CHANGED_ONLY;
		}
		/* --max-new 1 trips (exit 3) on most inputs with two records. */
		if ((data[0] & (FC_MIKIWAME | FC_EXCEL)) ==
		    (FC_MIKIWAME | FC_EXCEL)) {
			o.max_new = 1;
			o.given |= OPT_MAX_NEW;
		}
	}
	(void)fc_run(cli_find("employees"), &o, with, data + 1, size - 1);
	return 0;
}
