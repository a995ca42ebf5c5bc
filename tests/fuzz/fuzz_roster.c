/*
 * fuzz_roster.c - bytes -> roster -> engine; no crash, leak or hang.
 */
#include "fuzz.h"

static void
ignore(void *ctx, const struct cl_diag *d)
{
	(void)ctx;
	(void)d;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cl_reader_options ropt = { 0 };
	struct cl_targets targets;
	struct cl_engine *e;
	struct cl_source *src;
	struct cl_case c = { "Bo", "1", NULL, CL_DEC(7), "cases", 2 };
	int fatal;

	cl_targets_default(&targets);
	e = cl_engine_new(&targets, ignore, NULL);
	ropt.max_record_bytes = 8192;
	src = cl_source_roster(e, "roster", &ropt, ignore, NULL);
	cl_source_feed(src, data, size);
	cl_source_finish(src, &fatal);
	cl_source_free(src);
	cl_engine_add_case(e, &c);
	cl_engine_report(e, CL_SORT_STATUS);
	cl_engine_free(e);
	return 0;
}
