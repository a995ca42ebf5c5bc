/*
 * fuzz_diff.c - bytes -> two case lists -> two engines -> diff -> every
 * diff renderer.
 *
 * The first byte chooses a chunk size and a roster; the rest is cut at
 * its first 0xff byte into OLD and NEW (NEW empty when there is none).
 * Nothing may crash, leak or hang, and the diff must account for every
 * pair: each pair of OLD is closed, moved away, or on both sides, and each
 * pair of NEW added, moved in, or on both sides.  Then both sides are
 * diffed both ways, as files (tests/diff_differential.h): when the fast
 * way takes them, its diff must be the general way's, byte for byte.  The
 * input's size chooses how many buckets the fast way cuts the rows into
 * (1 to 4096, as for files up to gigabytes).
 */
#include "fuzz.h"
#include "../diff_differential.h"

static void
ignore(void *ctx, const struct cl_diag *d)
{
	(void)ctx;
	(void)d;
}

static struct cl_engine *
side(const uint8_t *data, size_t size, size_t chunk, int roster, int *ids)
{
	struct cl_reader_options ropt = { 0 };
	struct cl_targets targets;
	struct cl_engine *e;
	struct cl_source *src;
	int fatal;

	cl_targets_default(&targets);
	e = cl_engine_new(&targets, ignore, NULL);
	if (roster)
		cl_engine_add_worker(e, "Bo", CL_DEC(1) / 2, "A", "roster", 2);
	ropt.max_record_bytes = 8192;
	ropt.max_fields = 128;
	src = cl_source_cases(e, "fuzz", &ropt, ignore, NULL);
	for (size_t i = 0; i < size; i += chunk)
		cl_source_feed(src, data + i, size - i < chunk ? size - i : chunk);
	cl_source_finish(src, &fatal);
	*ids = cl_source_has_column(src, "case_id");
	cl_source_free(src);
	return e;
}

static void
render_all(const struct cl_diff *d)
{
	static const char *const formats[] = { "table", "csv", "tsv", "json" };
	static const enum cl_only only[] = { CL_ONLY_CHANGED, CL_ONLY_ALL,
		CL_ONLY_FLAGGED };

	for (size_t k = 0; k < 3; k++) {
		struct cl_render_options opt;

		cl_render_options_default(&opt);
		opt.only = only[k];
		opt.all_cases = k == 1;
		opt.decimal_sep = k == 2 ? ',' : '.';
		for (size_t f = 0; f < 4; f++) {
			char *buf = NULL;
			size_t len = 0;
			FILE *out = open_memstream(&buf, &len);

			struct cl_result *r = cl_result_diff(d, &opt);

			if (cl_render(r, formats[f], &opt, out) != 0)
				abort();
			cl_result_free(r);
			fclose(out);
			free(buf);
		}
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cl_engine *e[2];
	struct cl_pair *pairs[2];
	struct cl_diff_side sides[2];
	struct cl_diff *d;
	const uint8_t *cut;
	size_t chunk, workers = 0, both_old, both_new;
	int ids[2];

	if (size < 1)
		return 0;
	chunk = 1 + data[0] % 97;
	cut = memchr(data + 1, 0xff, size - 1);
	if (cut == NULL)
		cut = data + size;
	e[0] = side(data + 1, (size_t)(cut - data - 1), chunk, data[0] & 0x80,
	    &ids[0]);
	e[1] = side(cut + (cut < data + size), (size_t)(data + size - cut) -
	    (cut < data + size), chunk, data[0] & 0x80, &ids[1]);
	for (int s = 0; s < 2; s++) {
		sides[s].report = cl_engine_report(e[s], CL_SORT_STATUS);
		sides[s].npairs = cl_engine_pairs(e[s], &pairs[s]);
		sides[s].pairs = pairs[s];
		sides[s].has_case_ids = ids[s];
	}
	d = cl_diff_new(&sides[0], &sides[1]);
	for (int k = 0; k < CL_NCHANGE_KINDS; k++)
		workers += d->summary.changes[k];
	if (workers != d->nworkers || d->nworkers < sides[1].report->nworkers)
		abort();
	if (d->has_cases) {
		both_old = sides[0].npairs - d->ncases[CL_CASES_CLOSED] -
		    d->ncases[CL_CASES_MOVED];
		both_new = sides[1].npairs - d->ncases[CL_CASES_ADDED] -
		    d->ncases[CL_CASES_MOVED];
		if (both_old != both_new ||
		    d->ncases[CL_CASES_REPOINTED] > both_old)
			abort();
	}
	render_all(d);
	cl_diff_free(d);
	/* as many buckets as a file of up to 4096 times the size would get */
	cl_fast_stages.diff_bits = (unsigned)(size % 13);
	if (diff_ways((const char *)data + 1, (size_t)(cut - data - 1),
	    (const char *)cut + (cut < data + size), (size_t)(data + size -
	    cut) - (cut < data + size), data[0] & 0x80, 1 + data[0] % 3,
	    1 + data[0] % 61) == DIFF_WAYS_DIFFER)
		abort();
	for (int s = 0; s < 2; s++) {
		free(pairs[s]);
		cl_engine_free(e[s]);
	}
	return 0;
}
