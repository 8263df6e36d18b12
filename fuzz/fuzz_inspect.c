/*
 * fuzz_inspect: `mikibridge inspect -o FILE` on a fuzzer-made file, the
 * input encoding picked by the first byte (fuzz_cmd.h), and the outcome
 * checked against SPEC §1, except that exit 2 writes the description too
 * (the man page: a file it cannot read is described as "error:").
 */
#include "fuzz_cmd.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct opts	 o;
	unsigned	 with = OPT_OUTPUT;

	if (size < 1)
		return 0;
	fc_setup();
	fc_opts(&o, data[0], with);
	(void)fc_run(cli_find("inspect"), &o, with | FC_OUT_ON_2, data + 1, size - 1);
	return 0;
}
