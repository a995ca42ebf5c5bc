/*
 * fuzz_config.c - bytes -> configuration reader -> printer, and the
 * targets it gives a team; no crash, leak or hang.
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
	struct cl_config *c = cl_config_new();
	FILE *out = fopen("/dev/null", "w");

	if (cl_config_read(c, "fuzz.json", (const char *)data, size, ignore,
	    NULL) == CL_OK) {
		if (cl_config_print(c, out) != 0)
			abort();
		for (size_t i = 0; i < c->nteams; i++)
			cl_config_team_targets(c, c->teams[i].name);
	}
	fclose(out);
	cl_config_free(c);
	return 0;
}
