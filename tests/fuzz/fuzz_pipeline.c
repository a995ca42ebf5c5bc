/*
 * fuzz_pipeline.c - bytes -> case list -> engine -> every format.
 *
 * The first byte chooses a chunk size, a roster and the report's rows;
 * nothing may crash, leak or hang, and every format must write the
 * report, a rebalancing plan and a ranking.
 */
#include "fuzz.h"

static void
ignore(void *ctx, const struct cl_diag *d)
{
	(void)ctx;
	(void)d;
}

/* Writes res in every format and frees it; a format that writes a file
 * (xlsx, slow: a temporary file) only with `files`. */
static void
render_all(struct cl_result *res, const struct cl_render_options *opt,
    int files)
{
	size_t nformats;
	const struct cl_format *formats = cl_formats(&nformats);

	for (size_t f = 0; f < nformats; f++) {
		char *buf = NULL;
		size_t len = 0;
		FILE *out;

		if ((formats[f].flags & CL_FORMAT_NEEDS_FILE) && !files)
			continue;
		out = open_memstream(&buf, &len);
		if (formats[f].render(res, opt, out) != 0)
			abort();
		fclose(out);
		free(buf);
	}
	cl_result_free(res);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cl_reader_options ropt = { 0 };
	struct cl_targets targets;
	struct cl_engine *e;
	struct cl_source *src;
	size_t chunk;
	int fatal, files;

	if (size < 1)
		return 0;
	chunk = 1 + data[0] % 97;
	/* a workbook takes milliseconds: one input in 32 */
	files = (data[0] & 0x7c) == 0x40;
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

		cl_render_options_default(&opt);
		opt.decimal_sep = sort == CL_SORT_NAME ? ',' : '.';
		opt.by_team = sort == CL_SORT_LOAD;
		opt.only = (enum cl_only)(data[0] % 5);
		render_all(cl_result_report(r, &opt), &opt, files);
	}
	{
		struct cl_plan_options popt;
		struct cl_render_options opt;
		struct cl_plan *plan;
		struct cl_ranking *ranking;

		cl_plan_options_default(&popt);
		popt.across_teams = data[0] & 1;
		cl_render_options_default(&opt);
		plan = cl_engine_rebalance(e, &popt);
		render_all(cl_result_plan(plan, &opt), &opt, files);
		cl_plan_free(plan);
		ranking = cl_engine_assign(e, CL_DEC(5), NULL);
		render_all(cl_result_ranking(ranking, &opt), &opt, files);
		cl_ranking_free(ranking);
	}
	cl_engine_free(e);
	return 0;
}
