/*
 * fuzz_fast.c - the differential fuzz target for fast_file.c: every input
 * is read as a case list both ways (tests/differential.h), and the
 * messages, status and report must be the same.
 *
 * The first byte chooses the threads (1 to 4), a roster (with initials),
 * small reader limits, and a configuration that names columns and has a
 * low points target (cases above it are warned about); chunks are as
 * small as a line, so they end everywhere.
 */
#include "fuzz.h"
#include "../differential.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct cl_config *config, *named;
	struct cl_reader_options ropt = { 0 };
	const char *why;
	int fast;

	if (size < 1)
		return 0;
	if (config == NULL) {
		static const char json[] = "{\"categories\": {\"simple\": 2}}";

		static const char json2[] = "{\"categories\": {\"simple\": 2}, "
		    "\"columns\": {\"worker\": \"name\", \"team\": \"unit\"}, "
		    "\"targets\": {\"points\": 20}, "
		    "\"teams\": {\"A\": {\"points\": 5}}}";

		config = cl_config_new();
		named = cl_config_new();
		if (cl_config_read(config, "c.json", json, sizeof json - 1, NULL,
		    NULL) != CL_OK || cl_config_read(named, "n.json", json2,
		    sizeof json2 - 1, NULL, NULL) != CL_OK)
			abort();
		/* the list of what the fast way cannot say, once */
		for (size_t i = 0; i < sizeof decline_rules /
		    sizeof *decline_rules; i++) {
			const struct decline_rule *r = &decline_rules[i];

			why = ways_differ(r->sample, strlen(r->sample), config,
			    &ropt, r->roster, 2, &fast);
			if (why != NULL || fast) {
				fprintf(stderr, "fuzz_fast: rule \"%s\": %s\n",
				    r->says, why != NULL ? why : "counted fast");
				abort();
			}
		}
	}
	if (data[0] & 0x10) {
		ropt.max_record_bytes = 64;
		ropt.max_fields = 8;
	}
	why = ways_differ(data + 1, size - 1, data[0] & 0x20 ? named : config,
	    &ropt, data[0] & 0x08, 1u + (data[0] & 3u), &fast);
	if (why != NULL) {
		fprintf(stderr, "fuzz_fast: %s\n", why);
		abort();
	}
	return 0;
}
