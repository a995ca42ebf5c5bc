/*
 * differential.h - reads one case list both ways, the general path
 * (read_csv.c -> read_source.c -> engine.c) and fast_file.c, and says
 * where they differ.  The unit tests (check_read_fast.c) and the fuzz
 * target fuzz_fast.c share it: both ways must give the same messages,
 * status and report for every input.
 */
#ifndef CL_TEST_DIFFERENTIAL_H
#define CL_TEST_DIFFERENTIAL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "internal.h"

/* What one way said and counted. */
struct way {
	struct cl_buf said;     /* "FILE:LINE severity message\n" each */
	char *report;           /* the JSON report, NULL when fatal */
	int status, fatal, fast;
	int rows_said;          /* messages about lines after the header */
};

static inline void
way_diag(void *ctx, const struct cl_diag *d)
{
	struct way *w = ctx;
	char head[64];

	/* the header (line 1 in a file the fast way takes) is read the
	 * general way first, so what is said about it is said both ways */
	w->rows_said += d->line != 1;
	snprintf(head, sizeof head, ":%ld %d ", d->line, (int)d->severity);
	cl_buf_append(&w->said, d->file ? d->file : "-",
	    strlen(d->file ? d->file : "-"));
	cl_buf_append(&w->said, head, strlen(head));
	cl_buf_append(&w->said, d->message, strlen(d->message));
	cl_buf_putc(&w->said, '\n');
}

/*
 * Reads `bytes` as the case list "cases.csv" with `threads` for
 * fast_file.c (0: the general way only) and chunks of any size.  With
 * `roster`, the engine first has a roster: Bo (team "A") and Åse.
 */
static inline void
way_run(const void *bytes, size_t len, const struct cl_config *config,
    const struct cl_reader_options *ropt, int roster, unsigned threads,
    struct way *w)
{
	int fd = memfd_create("cases", 0);
	struct cl_engine *e;
	struct cl_source *src;

	memset(w, 0, sizeof *w);
	if (fd < 0 || (len > 0 && write(fd, bytes, len) != (ssize_t)len) ||
	    lseek(fd, 0, SEEK_SET) != 0)
		abort();
	e = cl_engine_new(&config->targets, way_diag, w);
	cl_engine_use_config(e, config);
	if (roster) {
		struct cl_roster_entry bo = { "Bo", CL_DEC(1), "A", 0, NULL,
			"roster.csv", 2, "BO" };
		struct cl_roster_entry ase = { "\xc3\x85se", CL_DEC(1) / 2,
			NULL, CL_DEC(20), "new", "roster.csv", 3, NULL };

		cl_engine_add_roster(e, &bo);
		cl_engine_add_roster(e, &ase);
	}
	src = cl_source_cases(e, "cases.csv", ropt, way_diag, w);
	w->status = cl_source_read_fd_with(src, fd, threads, 1, &w->fast,
	    &w->fatal);
	cl_source_free(src);
	if (!w->fatal) {
		const struct cl_report *r = cl_engine_report(e, CL_SORT_NAME);
		struct cl_render_options opt;
		size_t size = 0;
		FILE *out = open_memstream(&w->report, &size);

		struct cl_result *res;

		cl_render_options_default(&opt);
		res = cl_result_report(r, &opt);
		if (out == NULL || cl_render(res, "json", &opt, out) != 0)
			abort();
		cl_result_free(res);
		fclose(out);
	}
	cl_buf_putc(&w->said, '\0');
	cl_engine_free(e);
	close(fd);
}

static inline void
way_free(struct way *w)
{
	cl_buf_free(&w->said);
	free(w->report);
}

/*
 * Reads bytes both ways; returns NULL when they agree, else a static
 * phrase saying what differs.  *fast tells whether fast_file.c counted.
 */
static inline const char *
ways_differ(const void *bytes, size_t len, const struct cl_config *config,
    const struct cl_reader_options *ropt, int roster, unsigned threads,
    int *fast)
{
	struct way general, quick;
	const char *why = NULL;

	way_run(bytes, len, config, ropt, roster, 0, &general);
	way_run(bytes, len, config, ropt, roster, threads, &quick);
	*fast = quick.fast;
	if (general.fast)
		why = "the general way used fast_file.c";
	else if (strcmp(general.said.data, quick.said.data) != 0)
		why = "messages differ";
	else if (general.status != quick.status)
		why = "status differs";
	else if (general.fatal != quick.fatal)
		why = "fatal differs";
	else if ((general.report == NULL) != (quick.report == NULL) ||
	    (general.report != NULL &&
	    strcmp(general.report, quick.report) != 0))
		why = "reports differ";
	else if (quick.fast && general.rows_said > 0)
		why = "fast_file.c counted a file that has messages";
	way_free(&general);
	way_free(&quick);
	return why;
}

/*
 * The list of what the fast way cannot say: every message the general
 * way gives about the rows of a case list (or about a whole file after
 * its header), where the fast way declines for it, and a smallest case
 * list that makes the general way say it (with `roster`, after the roster
 * of way_run).  check_read_fast.c and fuzz_fast.c run each: the fast way
 * must decline, and both ways must then agree.  src/fast.h says how to
 * add a rule.  The configuration is the tests': categories "simple" and
 * "complex", team A's points target 100.
 */
static const struct decline_rule {
	const char *says;       /* what the general way says */
	const char *where;      /* where the fast way declines */
	const char *sample;
	int roster;
} decline_rules[] = {
	{ "the file ends without a line break (note)", "fast_file.c",
	    "case_id,worker,team,points\nS1,Bo,A,7\nS3,Bo,A,1", 0 },
	{ "row has N fields, the header has M", "count_row",
	    "case_id,worker,team,points\nS1,Bo,A\n", 0 },
	{ "worker is empty", "count_row",
	    "case_id,worker,team,points\nS1,,A,1\n", 0 },
	{ "not valid UTF-8; reading the file as Windows-1252 (note)",
	    "count_row", "case_id,worker,team,points\nS1,B\xe6k,A,1\n", 0 },
	{ "points \"x\" is not a number", "count_row",
	    "case_id,worker,team,points\nS1,Bo,A,x\n", 0 },
	{ "thousands grouped in points (1.234,5)", "count_row",
	    "worker;case_id;points\nBo;S1;1.234,5\n", 0 },
	{ "a case worth more than a full-time target (warning)", "count_row",
	    "case_id,worker,points\nS1,Bo,500\n", 0 },
	{ "category is not in the configuration", "count_row",
	    "case_id,worker,category\nS1,Bo,unknown\n", 0 },
	{ "total row left out (note) or not matching (warning)", "count_row",
	    "case_id,worker,team,points\nS1,Bo,A,1\n,I alt,,1\n", 0 },
	{ "worker in team X here but Y on an earlier row (warning)",
	    "count_row", "case_id,worker,team,points\nS1,Bo,A,1\nS2,Bo,B,2\n",
	    0 },
	{ "worker spelled in two Unicode forms (warning)", "count_row",
	    "case_id,worker,team,points\nS1,A\xcc\x8ase,A,1\n"
	    "S2,\xc3\x85se,A,1\n", 0 },
	{ "text after a closing quote", "fast_chunk.c framing",
	    "case_id,worker,team,points\nS1,Bo,\"A\"x,1\n", 0 },
	{ "a lone CR ends a line", "fast_chunk.c framing",
	    "case_id,worker,team,points\nS1,Bo,A,1\rS2,Ib,B,2\n", 0 },
	{ "case repeats line N (warning)", "fast_file.c find_repeats",
	    "case_id,worker,team,points\nS1,Bo,A,1\nS1,Bo,A,2\n", 0 },
	{ "workers differ only in letter case (warning)",
	    "cl_engine_bulk_is_quiet",
	    "case_id,worker,points\nS1,Bo,1\nS2,bo,1\n", 0 },
	{ "worker is not on the roster (warning)", "cl_engine_bulk_is_quiet",
	    "case_id,worker,team,points\nS1,Ib,A,1\n", 1 },
	{ "worker in another team than the roster's (warning)",
	    "cl_engine_bulk_is_quiet",
	    "case_id,worker,team,points\nS1,Bo,B,1\n", 1 },
	{ "the sum of points overflows", "fast_file.c merge",
	    "case_id,worker,team,points\nS1,Bo,A,9223372036854\n"
	    "S2,Bo,A,1\n", 0 },
	{ "the header is on line N; a title was skipped (note)",
	    "read_source.c fast_layout",
	    "Sager uge 49,,,\n,,,\ncase_id,worker,team,points\nS1,Bo,A,1\n",
	    0 },
};

#endif
