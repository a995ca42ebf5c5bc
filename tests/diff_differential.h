/*
 * diff_differential.h - compares caseload diff's two ways of reading OLD
 * and NEW: the general way (both sides row by row, every pair kept) and
 * the fast way (diff_fast.c: both counted with every core, only the pairs
 * that differ kept).  When the fast way takes both sides, the diff must
 * render byte for byte the same, in JSON and as CSV case changes, and both
 * ways must have said the same things (a title, total rows) in the same
 * order, with the same status.  The unit tests (check_diff_fast.c)
 * and the fuzz target fuzz_diff.c share it.
 */
#ifndef CL_TEST_DIFF_DIFFERENTIAL_H
#define CL_TEST_DIFF_DIFFERENTIAL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "internal.h"

enum { DIFF_WAYS_SAME, DIFF_WAYS_DECLINED, DIFF_WAYS_DIFFER };

/* What a way said, as the command line would print it, in order. */
static inline void
diff_ways_say(void *ctx, const struct cl_diag *d)
{
	static const char *const level[] = { "note: ", "warning: ", "" };
	FILE *out = ctx;

	fprintf(out, "%s:%ld: %s%s\n", d->file ? d->file : "-", d->line,
	    level[d->severity], d->message);
}

static inline int
diff_ways_memfd(const void *bytes, size_t len)
{
	int fd = memfd_create("side", 0);

	if (fd < 0 || (len > 0 && write(fd, bytes, len) != (ssize_t)len) ||
	    lseek(fd, 0, SEEK_SET) != 0)
		abort();
	return fd;
}

static inline struct cl_engine *
diff_ways_engine(int roster, FILE *said)
{
	struct cl_targets targets;
	struct cl_engine *e;

	cl_targets_default(&targets);
	e = cl_engine_new(&targets, diff_ways_say, said);
	if (roster) {
		struct cl_roster_entry bo = { "Bo", CL_DEC(1), "A", 0, NULL,
			"roster.csv", 2, NULL };

		cl_engine_add_roster(e, &bo);
	}
	return e;
}

/* The diff in JSON (every worker, every case) and as CSV case changes,
 * into *text (malloc'd). */
static inline void
diff_ways_render(const struct cl_diff_side *sides, char **text)
{
	struct cl_diff *d = cl_diff_new(&sides[0], &sides[1]);
	size_t size = 0;
	FILE *out = open_memstream(text, &size);

	for (int k = 0; k < 2; k++) {
		struct cl_render_options opt;
		struct cl_result *r;

		cl_render_options_default(&opt);
		opt.only = CL_ONLY_ALL;
		opt.all_cases = k == 1;
		r = cl_result_diff(d, &opt);
		if (out == NULL || cl_render(r, k == 0 ? "json" : "csv", &opt,
		    out) != 0)
			abort();
		cl_result_free(r);
	}
	fclose(out);
	cl_diff_free(d);
}

/*
 * Diffs OLD and NEW both ways, the fast way with `threads` threads and
 * chunks of at least `min_chunk` bytes; with `roster`, both engines know
 * Bo (team "A").  Returns DIFF_WAYS_SAME, DIFF_WAYS_DECLINED (the fast way
 * did not take them), or DIFF_WAYS_DIFFER, with both texts on stderr.
 * What each way said (a title, total rows), in order, and the status a
 * side's source finished with must be the same too.
 */
static inline int
diff_ways(const char *old, size_t nold, const char *now, size_t nnew,
    int roster, unsigned threads, uint64_t min_chunk)
{
	const char *bytes[2] = { old, now }, *names[2] = { "old.csv",
		"new.csv" };
	size_t len[2] = { nold, nnew };
	struct cl_reader_options ropt = { 0 };
	struct cl_fast_tuning tune = { threads, min_chunk };
	struct cl_engine *general[2], *quick[2];
	struct cl_pair *pairs[2] = { NULL, NULL };
	struct cl_diff_side sides[2];
	struct cl_diff_pairs fast;
	char *text[2] = { NULL, NULL }, *said[2] = { NULL, NULL };
	size_t nsaid[2] = { 0, 0 };
	FILE *out[2];
	int fds[2], status[2], fatal = 0, rc;

	for (int w = 0; w < 2; w++)
		if ((out[w] = open_memstream(&said[w], &nsaid[w])) == NULL)
			abort();
	for (int s = 0; s < 2; s++) {
		struct cl_source *src;
		int f;

		general[s] = diff_ways_engine(roster, out[0]);
		quick[s] = diff_ways_engine(roster, out[1]);
		fds[s] = diff_ways_memfd(bytes[s], len[s]);
		src = cl_source_cases(general[s], names[s], &ropt,
		    diff_ways_say, out[0]);
		status[s] = cl_source_read_fd(src, fds[s], &f);
		fatal |= f;
		sides[s].has_case_ids = cl_source_has_column(src, "case_id");
		cl_source_free(src);
		if (lseek(fds[s], 0, SEEK_SET) != 0)
			abort();
	}
	if (!cl_diff_count_fast(quick, names, fds, &ropt, &tune, diff_ways_say,
	    out[1], &fast)) {
		rc = DIFF_WAYS_DECLINED;
		goto done;
	}
	rc = DIFF_WAYS_DIFFER;
	fflush(out[0]);
	fflush(out[1]);
	if (fatal || status[0] != fast.status[0] || status[1] !=
	    fast.status[1] || strcmp(said[0], said[1]) != 0) {
		fprintf(stderr, "the general way said (fatal %d, status %d %d):"
		    "\n%sthe fast way took both sides (status %d %d) and "
		    "said:\n%s", fatal, status[0], status[1], said[0],
		    fast.status[0], fast.status[1], said[1]);
		goto done;
	}
	for (int s = 0; s < 2; s++) {
		sides[s].report = cl_engine_report(general[s], CL_SORT_STATUS);
		sides[s].npairs = sides[s].has_case_ids ? cl_engine_pairs(
		    general[s], &pairs[s]) : 0;
		sides[s].pairs = pairs[s];
	}
	diff_ways_render(sides, &text[0]);
	for (int s = 0; s < 2; s++) {
		sides[s].report = cl_engine_report(quick[s], CL_SORT_STATUS);
		sides[s].has_case_ids = fast.has_case_ids[s];
		sides[s].npairs = fast.npairs[s];
		sides[s].pairs = fast.pairs[s];
	}
	diff_ways_render(sides, &text[1]);
	if (strcmp(text[0], text[1]) == 0)
		rc = DIFF_WAYS_SAME;
	else
		fprintf(stderr, "general:\n%s\nfast:\n%s\n", text[0], text[1]);
done:
	cl_diff_pairs_free(&fast);
	for (int s = 0; s < 2; s++) {
		free(text[s]);
		free(pairs[s]);
		close(fds[s]);
		cl_engine_free(general[s]);
		cl_engine_free(quick[s]);
	}
	for (int w = 0; w < 2; w++) {
		fclose(out[w]);
		free(said[w]);
	}
	return rc;
}

#endif
