/*
 * fuzz_pipeline.c - bytes -> case list -> engine -> every renderer.
 *
 * The first byte chooses a chunk size and a roster; nothing may crash,
 * leak or hang, and every renderer must write its report.
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
	static const char *const formats[] = { "table", "csv", "tsv", "json",
		"html", "xlsx" };
	struct cl_reader_options ropt = { 0 };
	struct cl_targets targets;
	struct cl_engine *e;
	struct cl_source *src;
	size_t chunk;
	int fatal;

	if (size < 1)
		return 0;
	chunk = 1 + data[0] % 97;
	cl_targets_default(&targets);
	e = cl_engine_new(&targets, ignore, NULL);
	if (data[0] & 0x80)
		cl_engine_add_worker(e, "Bo", CL_DEC(1) / 2, "A", "roster", 2);
	ropt.max_record_bytes = 8192;
	ropt.max_fields = 128;
	src = cl_source_cases(e, "fuzz", &ropt, ignore, NULL);
	for (size_t i = 1; i < size; i += chunk)
		cl_source_feed(src, data + i, size - i < chunk ? size - i : chunk);
	cl_source_finish(src, &fatal);
	cl_source_free(src);
	for (int sort = CL_SORT_STATUS; sort <= CL_SORT_NAME; sort++) {
		const struct cl_report *r = cl_engine_report(e,
		    (enum cl_sort)sort);
		struct cl_render_options opt;
		/* a workbook goes through a temporary file, which is slow:
		 * only for some inputs, once */
		size_t nformats = sort == CL_SORT_NAME && (data[0] & 0x40) ? 6
		    : 5;

		cl_render_options_default(&opt);
		opt.decimal_sep = sort == CL_SORT_NAME ? ',' : '.';

		for (size_t f = 0; f < nformats; f++) {
			char *buf = NULL;
			size_t len = 0;
			FILE *out = open_memstream(&buf, &len);

			if (cl_render_lookup(formats[f])(r, &opt, out) != 0)
				abort();
			fclose(out);
			free(buf);
		}
	}
	cl_engine_free(e);
	return 0;
}
