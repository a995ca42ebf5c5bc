/*
 * fuzz_fast.c - the differential fuzz target for fast_file.c and
 * fast_pipe.c: every input is read as a case list both ways
 * (tests/differential.h): as a file, as a pipe written in small pieces
 * (counted fast exactly when the file is), and split over several files,
 * the last of them once a pipe; the messages, status and report must be
 * the same.
 *
 * The first byte chooses the threads (1 to 4), Windows-1252 (as
 * --encoding says), a roster (with initials),
 * small reader limits, and a configuration that names columns and has a
 * low points target (cases above it are warned about), a title above
 * the input and total rows and a footer line after it (which the fast
 * way checks and says as the general way does); chunks are as small as
 * a line, so they end everywhere.
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
		/* the list of what the fast way cannot say (src/decline.h),
		 * once */
		if (decline_rule_unsampled() != CL_DECLINE_NONE) {
			fprintf(stderr, "fuzz_fast: no sample for rule %s\n",
			    cl_decline_rule(decline_rule_unsampled())->name);
			abort();
		}
		for (size_t i = 0; i < sizeof decline_samples /
		    sizeof *decline_samples; i++) {
			const struct decline_sample *d = &decline_samples[i];
			enum cl_decline got;

			why = decline_sample_fails(d, config, &got);
			if (why != NULL) {
				fprintf(stderr, "fuzz_fast: rule %s: %s (%s)\n",
				    cl_decline_rule(d->rule)->name, why,
				    cl_decline_rule(got)->name);
				abort();
			}
		}
	}
	if (data[0] & 0x04)
		ropt.encoding = CL_ENC_WINDOWS_1252;
	if (data[0] & 0x10) {
		ropt.max_record_bytes = 64;
		ropt.max_fields = 8;
	}
	{
		struct cl_buf in = { 0 };

		if (data[0] & 0x80)
			cl_buf_append(&in, "Sager uge 49\n\n;;\n", 17);
		cl_buf_append(&in, data + 1, size - 1);
		if (data[0] & 0x40)
			cl_buf_append(&in, ",I alt,,7,\n;Summa;;7\n,,,7\n"
			    "Udskrevet 01-12-2026 af XY;;\n", 55);
		why = ways_differ(in.data != NULL ? in.data : "", in.len,
		    data[0] & 0x20 ? named : config, &ropt, data[0] & 0x08,
		    1u + (data[0] & 3u), &fast);
		cl_buf_free(&in);
	}
	if (why != NULL) {
		fprintf(stderr, "fuzz_fast: %s\n", why);
		abort();
	}
	return 0;
}
