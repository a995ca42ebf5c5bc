/*
 * differential.h - reads one case list both ways, the general path
 * (read_csv.c -> read_source.c -> engine.c) and fast_file.c, and says
 * where they differ.  The unit tests (check_read_fast.c) and the fuzz
 * target fuzz_fast.c share it: both ways must give the same messages,
 * status and report for every input.
 */
#ifndef CL_TEST_DIFFERENTIAL_H
#define CL_TEST_DIFFERENTIAL_H

#include <pthread.h>
#include <signal.h>
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

/* How a way reads its case list. */
enum way_how {
	WAY_FILE,               /* one regular file */
	WAY_PIPE,               /* one pipe, written in small pieces */
	WAY_FILES               /* the rows split over `parts` files */
};

struct way_plan {
	enum way_how how;
	unsigned threads;       /* 0: the general way only */
	unsigned parts;         /* of WAY_FILES, 1 or more */
	unsigned pipe_part;     /* of WAY_FILES: part pipe_part - 1 is a
				 * pipe (0: none is) */
};

struct pipe_writer {
	int fd;
	const char *bytes;
	size_t len;
};

/* Writes a pipe in pieces of 1 to 97 bytes, so that reads end anywhere;
 * stops when the reader has gone (the fast way may stop reading). */
static inline void *
way_write_pipe(void *arg)
{
	struct pipe_writer *pw = arg;

	for (size_t at = 0, i = 0; at < pw->len; i++) {
		size_t piece = 1 + i * 7919 % 97;
		ssize_t n;

		if (piece > pw->len - at)
			piece = pw->len - at;
		n = write(pw->fd, pw->bytes + at, piece);
		if (n <= 0)
			break;
		at += (size_t)n;
	}
	close(pw->fd);
	return NULL;
}

static inline int
way_memfd(const void *bytes, size_t len)
{
	int fd = memfd_create("cases", 0);

	if (fd < 0 || (len > 0 && write(fd, bytes, len) != (ssize_t)len) ||
	    lseek(fd, 0, SEEK_SET) != 0)
		abort();
	return fd;
}

/* Case lists "casesK.csv" that hold the header and part K of the rows
 * (cut at line breaks, maybe inside quotes: both ways get the same). */
static inline size_t
way_split(const char *bytes, size_t len, unsigned parts, struct cl_buf *out)
{
	const char *nl = memchr(bytes, '\n', len);
	size_t head = nl != NULL ? (size_t)(nl - bytes) + 1 : len, at = head;
	size_t n = 0;

	for (unsigned k = 0; k < parts; k++) {
		size_t end = k + 1 == parts ? len : head + (len - head) *
		    (k + 1) / parts;
		const char *cut = end < len ? memchr(bytes + end, '\n',
		    len - end) : NULL;
		struct cl_buf *b = &out[n++];

		end = k + 1 == parts ? len : cut != NULL ?
		    (size_t)(cut - bytes) + 1 : len;
		if (end < at)
			end = at;
		memset(b, 0, sizeof *b);
		cl_buf_append(b, bytes, head);
		cl_buf_append(b, bytes + at, end - at);
		at = end;
	}
	return n;
}

/* A pipe that a thread writes `bytes` into, in small pieces; returns its
 * reading end. */
static inline int
way_pipe(struct pipe_writer *pw, pthread_t *writer, const char *bytes,
    size_t len)
{
	int ends[2];

	/* the reader may stop reading: no SIGPIPE then */
	signal(SIGPIPE, SIG_IGN);
	if (pipe(ends) != 0)
		abort();
	*pw = (struct pipe_writer){ ends[1], bytes, len };
	if (pthread_create(writer, NULL, way_write_pipe, pw) != 0)
		abort();
	return ends[0];
}

static inline void
way_read_files(struct cl_engine *e, const char *bytes, size_t len,
    const struct cl_reader_options *ropt, const struct way_plan *plan,
    struct way *w)
{
	static const char *const names[] = { "cases1.csv", "cases2.csv",
		"cases3.csv", "cases4.csv" };
	struct cl_fast_tuning tune = { 0, 1 };
	struct cl_buf parts[4];
	struct pipe_writer pw;
	pthread_t writer;
	int fds[4];
	size_t n = way_split(bytes, len, plan->parts > 4 ? 4 : plan->parts,
	    parts);

	for (size_t i = 0; i < n; i++)
		fds[i] = i + 1 == plan->pipe_part ? way_pipe(&pw, &writer,
		    parts[i].data, parts[i].len) : way_memfd(parts[i].data,
		    parts[i].len);
	tune.threads = plan->threads;
	w->status = CL_OK;
	/* as cli_run.c: all at once when that says nothing, else in turn */
	w->fast = plan->threads > 0 && cl_sources_count_fast_with(e, names,
	    fds, n, ropt, &tune);
	tune.threads = 0;
	for (size_t i = 0; i < n; i++) {
		if (!w->fast) {
			struct cl_source *src = cl_source_cases(e, names[i], ropt,
			    way_diag, w);
			int fatal, fast, status = cl_source_read_fd_with(src,
			    fds[i], &tune, &fast, &fatal);

			w->status = status > w->status ? status : w->status;
			w->fatal |= fatal;
			cl_source_free(src);
		}
		close(fds[i]);	/* first: a writer may wait for a reader */
		if (i + 1 == plan->pipe_part)
			pthread_join(writer, NULL);
	}
	for (size_t i = 0; i < n; i++)
		cl_buf_free(&parts[i]);
	cl_spools_drop();
}

/*
 * Reads `bytes` as the case list "cases.csv" as `plan` says, chunks of a
 * file as small as a line.  With `roster`, the engine first has a
 * roster: Bo (team "A") and Åse.
 */
static inline void
way_run(const void *bytes, size_t len, const struct cl_config *config,
    const struct cl_reader_options *ropt, int roster,
    const struct way_plan *plan, struct way *w)
{
	struct cl_fast_tuning tune = { plan->threads, 1 };
	struct pipe_writer pw;
	pthread_t writer;
	struct cl_engine *e;
	struct cl_source *src;
	int fd = -1;

	memset(w, 0, sizeof *w);
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
	if (plan->how == WAY_FILES) {
		way_read_files(e, bytes, len, ropt, plan, w);
	} else {
		if (plan->how == WAY_FILE) {
			fd = way_memfd(bytes, len);
		} else {
			fd = way_pipe(&pw, &writer, bytes, len);
		}
		src = cl_source_cases(e, "cases.csv", ropt, way_diag, w);
		w->status = cl_source_read_fd_with(src, fd, &tune, &w->fast,
		    &w->fatal);
		cl_source_free(src);
		close(fd);
		if (plan->how == WAY_PIPE)
			pthread_join(writer, NULL);
	}
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
}

static inline void
way_free(struct way *w)
{
	cl_buf_free(&w->said);
	free(w->report);
}

/* NULL when two ways agree, else what differs. */
static inline const char *
way_compare(const struct way *general, const struct way *quick)
{
	if (general->fast)
		return "the general way counted fast";
	if (strcmp(general->said.data, quick->said.data) != 0)
		return "messages differ";
	if (general->status != quick->status)
		return "status differs";
	if (general->fatal != quick->fatal)
		return "fatal differs";
	if ((general->report == NULL) != (quick->report == NULL) ||
	    (general->report != NULL &&
	    strcmp(general->report, quick->report) != 0))
		return "reports differ";
	if (quick->fast && general->rows_said > 0)
		return "the fast way counted a list that has messages";
	return NULL;
}

/*
 * Reads bytes the general way and the fast way: as a file (*fast tells
 * whether that was counted fast), as a pipe written in small pieces
 * (read ahead, and counted fast exactly when the file is), and split
 * over several files, one of them maybe a pipe.  Returns NULL when every
 * way agrees with the general way, else a static phrase saying what
 * differs.
 */
static inline const char *
ways_differ(const void *bytes, size_t len, const struct cl_config *config,
    const struct cl_reader_options *ropt, int roster, unsigned threads,
    int *fast)
{
	struct way_plan plan = { WAY_FILE, 0, 1, 0 };
	struct way general, quick;
	const char *why;

	way_run(bytes, len, config, ropt, roster, &plan, &general);
	plan.threads = threads;
	way_run(bytes, len, config, ropt, roster, &plan, &quick);
	*fast = quick.fast;
	why = way_compare(&general, &quick);
	way_free(&quick);

	plan.how = WAY_PIPE;
	if (why == NULL) {
		way_run(bytes, len, config, ropt, roster, &plan, &quick);
		why = way_compare(&general, &quick);
		if (why != NULL)
			why = why[0] == 'm' ? "pipe: messages differ" :
			    "pipe: differs from the general way";
		else if (quick.fast != *fast)
			why = "a pipe was counted fast where the file was not, "
			    "or not where it was";
		way_free(&quick);
	}
	way_free(&general);

	plan.how = WAY_FILES;
	plan.parts = 1 + threads % 3;
	for (unsigned pipe_part = 0; pipe_part <= 1 && why == NULL;
	    pipe_part++) {
		/* the last part on a pipe, as `caseload a.csv - < b.csv` */
		plan.pipe_part = pipe_part ? plan.parts : 0;
		plan.threads = 0;
		way_run(bytes, len, config, ropt, roster, &plan, &general);
		plan.threads = threads;
		way_run(bytes, len, config, ropt, roster, &plan, &quick);
		if (way_compare(&general, &quick) != NULL)
			why = pipe_part ? "several files, one a pipe: differ" :
			    "several files: differ";
		way_free(&general);
		way_free(&quick);
	}
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
	    "read_source.c cl_source_layout",
	    "Sager uge 49,,,\n,,,\ncase_id,worker,team,points\nS1,Bo,A,1\n",
	    0 },
};

#endif
