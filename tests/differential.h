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
	/* messages the fast way does not give, and the header lines
	 * ("the header is on line N"), by file: way_rows_said */
	struct way_line {
		char file[32];
		long line;
	} *maybe_rows, *headers;
	size_t nmaybe_rows, nheaders;
};

/* Messages the fast way gives too: about the header below a title and
 * its encoding (read the general way before the fast way starts), total
 * rows (fast_file.c says them as read_totals.c does), footer lines (as
 * read_footer.c does) and ="..." cells (as read_csv.c does). */
static inline int
way_fast_says(const char *message)
{
	static const char *const said[] = { "the header is on line ",
		"no case id column", "total row \"", "sum row without a label",
		"not valid UTF-8; reading the file as Windows-1252",
		"a line below the table left out: ",
		"a cell written =\"...\" (a spreadsheet's way" };

	for (size_t i = 0; i < sizeof said / sizeof *said; i++)
		if (strncmp(message, said[i], strlen(said[i])) == 0)
			return 1;
	return 0;
}

static inline void
way_line_add(struct way_line **v, size_t *n, const char *file, long line)
{
	*v = cl_xrealloc(*v, (*n + 1) * sizeof **v);
	snprintf((*v)[*n].file, sizeof (*v)[*n].file, "%s",
	    file != NULL ? file : "-");
	(*v)[(*n)++].line = line;
}

/*
 * How many messages the fast way does not give are about rows: the
 * header (line 1, or the line a note says it is on, below a title) and
 * the title above it are read the general way first, so what is said
 * about them (a line of the title in another encoding) is said both
 * ways.  A message without a line (0) counts.
 */
static inline size_t
way_rows_said(const struct way *w)
{
	size_t n = 0;

	for (size_t i = 0; i < w->nmaybe_rows; i++) {
		long header = 1;

		for (size_t k = 0; k < w->nheaders; k++)
			if (strcmp(w->headers[k].file, w->maybe_rows[i].file) == 0)
				header = w->headers[k].line;
		n += w->maybe_rows[i].line > header ||
		    w->maybe_rows[i].line < 1;
	}
	return n;
}

static inline void
way_diag(void *ctx, const struct cl_diag *d)
{
	struct way *w = ctx;
	char head[64];

	if (strncmp(d->message, "the header is on line ", 22) == 0)
		way_line_add(&w->headers, &w->nheaders, d->file, d->line);
	else if (!way_fast_says(d->message))
		way_line_add(&w->maybe_rows, &w->nmaybe_rows, d->file, d->line);
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

static inline void
way_quiet(void *ctx, const struct cl_diag *d)
{
	(void)ctx;
	(void)d;
}

/* The bytes up to the end of the line that holds the header, as a
 * source finds it (below a title, maybe), or the first line when it
 * finds none. */
static inline size_t
way_head(const char *bytes, size_t len, const struct cl_config *config,
    const struct cl_reader_options *ropt)
{
	const struct cl_targets targets = { 0 };
	struct cl_engine *e = cl_engine_new(&targets, way_quiet, NULL);
	struct cl_source *src;
	const char *nl = memchr(bytes, '\n', len);
	size_t first = nl != NULL ? (size_t)(nl - bytes) + 1 : len, at = 0;

	if (config != NULL)
		cl_engine_use_config(e, config);
	src = cl_source_cases(e, "head.csv", ropt, way_quiet, NULL);
	while (at < len && cl_source_wants_header(src)) {
		nl = memchr(bytes + at, '\n', len - at);
		if (nl == NULL)
			break;
		cl_source_feed(src, bytes + at, (size_t)(nl - bytes) + 1 - at);
		at = (size_t)(nl - bytes) + 1;
	}
	if (!cl_source_has_column(src, "worker"))
		at = first;	/* no header found, or an error */
	cl_source_free(src);
	cl_engine_free(e);
	return at > 0 ? at : first;
}

/* Case lists "casesK.csv" that hold the header (and the title above it)
 * and part K of the rows (cut at line breaks, maybe inside quotes: both
 * ways get the same); head is where the header line ends. */
static inline size_t
way_split(const char *bytes, size_t len, size_t head, unsigned parts,
    struct cl_buf *out)
{
	size_t at = head;
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
	size_t n = way_split(bytes, len, way_head(bytes, len,
	    cl_engine_config(e), ropt), plan->parts > 4 ? 4 : plan->parts,
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
		/* a pipe is counted as it comes, even when the writer was
		 * quicker (tests/unit/check_read_fast.c has pipes that come
		 * slowly) */
		cl_fast_stages.stream_always = plan->how == WAY_PIPE;
		w->status = cl_source_read_fd_with(src, fd, &tune, &w->fast,
		    &w->fatal);
		cl_fast_stages.stream_always = 0;
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
	free(w->maybe_rows);
	free(w->headers);
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
	if (quick->fast && way_rows_said(general) > 0)
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
 * A smallest case list for each rule of src/decline.h: it makes the
 * fast way decline with that rule, and (for a rule of kind SAYS) the
 * general way say something; with `roster`, after the roster of way_run;
 * with max_record or max_fields, under those reader limits; with
 * `config`, under that configuration; with `repeat`, with `row` that
 * many times after it.
 * check_read_fast.c and fuzz_fast.c run each (decline_sample_fails), and
 * check that every rule of kind SAYS has one (decline_rule_unsampled).
 * The configuration is the tests': categories "simple" and "complex",
 * team A's points target 100.
 */
static const struct decline_sample {
	enum cl_decline rule;
	const char *sample;
	int roster;
	size_t max_record, max_fields;
	const char *config;     /* JSON, or NULL for the caller's */
	const char *row;
	unsigned repeat;
} decline_samples[] = {
	{ .rule = CL_DECLINE_NO_FINAL_LINE_BREAK,
	    .sample = "case_id,worker,team,points\nS1,Bo,A,7\nS3,Bo,A,1" },
	/* the header below a title is found (a note), but not in 20 lines */
	{ .rule = CL_DECLINE_HEADER_SAYS,
	    .sample = "Sager uge 49\n1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n"
	    "12\n13\n14\n15\n16\n17\n18\n19\n20\n"
	    "case_id,worker,team,points\nS1,Bo,A,1\n" },
	{ .rule = CL_DECLINE_HEADER_SAYS,
	    .sample = "case_id,worker,worker,points\nS1,Bo,Ib,1\n" },
	{ .rule = CL_DECLINE_FIELD_COUNT,
	    .sample = "case_id,worker,team,points\nS1,Bo,A\n" },
	{ .rule = CL_DECLINE_FIELD_COUNT,
	    .sample = "case_id,worker,team,points\nS1,Bo,A,1,2\n" },
	{ .rule = CL_DECLINE_RECORD_TOO_LONG,
	    .sample = "case_id,worker,team,points\n"
	    "S1,Bo,Team Nord with a name longer than the reader allows,1\n",
	    .max_record = 48 },
	{ .rule = CL_DECLINE_TOO_MANY_FIELDS,
	    .sample = "case_id,worker,team,points\nS1,Bo,A,1,x,x,x,x,x,x\n",
	    .max_fields = 8 },
	{ .rule = CL_DECLINE_BAD_QUOTES,
	    .sample = "case_id,worker,team,points\nS1,Bo,\"A\"x,1\n" },
	{ .rule = CL_DECLINE_BAD_QUOTES,
	    .sample = "case_id,worker,team,points\nS1,Bo,\"A,1\n" },
	{ .rule = CL_DECLINE_FORMULA_TEXT,
	    .sample = "=\"Sagsliste uge 49\"\ncase_id,worker,team,points\n"
	    "S1,Bo,A,1\n" },
	{ .rule = CL_DECLINE_FORMULA_TEXT,
	    .sample = "case_id,worker,team,points\nS1,Bo,A,1\n"
	    "=\"Kilde: fagsystemet\",,,,,\n" },
	{ .rule = CL_DECLINE_LONE_CR,
	    .sample = "case_id,worker,team,points\nS1,Bo,A,1\rS2,Ib,B,2\n" },
	/* UTF-8 first, then not: an error (Windows-1252 from the first cell
	 * that is not ASCII is counted, with the note) */
	{ .rule = CL_DECLINE_BAD_TEXT,
	    .sample = "case_id,worker,team,points\nS1,S\xc3\xb8ren,A,1\n"
	    "S2,B\xe6k,A,1\n" },
	/* Windows-1252 first, then a name that is valid UTF-8: read as
	 * UTF-8, with a warning */
	{ .rule = CL_DECLINE_MIXED_TEXT,
	    .sample = "case_id,worker,team,points\nS1,S\xf8ren,A,1\n"
	    "S2,S\xc3\xb8ren,A,1\n" },
	{ .rule = CL_DECLINE_EMPTY_WORKER,
	    .sample = "case_id,worker,team,points\nS1,,A,1\n" },
	{ .rule = CL_DECLINE_SHORTENED_ID,
	    .sample = "case_id;worker;team;points\nS1;Bo;A;1\n"
	    "2,02612E+11;Bo;A;2\n" },
	{ .rule = CL_DECLINE_NO_ID_BELOW_BLANK,
	    .sample = "case_id,worker,team,points\nS1,Bo,A,1\n\n,Bo,A,1\n" },
	{ .rule = CL_DECLINE_NO_ID_BELOW_BLANK,
	    .sample = "case_id,worker,team,points\nS1,Bo,A,1\n,,,\n,Bo,A,1\n" },
	/* rows that look like total rows and are not: no sum row matches,
	 * no points to be one, a total word in a short row's case id */
	{ .rule = CL_DECLINE_EMPTY_WORKER,
	    .sample = "case_id,worker,team,points\nS1,Bo,A,1\n,,,2\n" },
	{ .rule = CL_DECLINE_EMPTY_WORKER,
	    .sample = "case_id,worker,team,points\nS1,Bo,A,1\n,,,x\n" },
	{ .rule = CL_DECLINE_FIELD_COUNT,
	    .sample = "case_id,worker,team,points\nS1,Bo,A,1\nI alt,,\n" },
	/* a footer line with a row below it: a row, "worker is empty" */
	{ .rule = CL_DECLINE_FOOTER_ABOVE_ROW,
	    .sample = "case_id;worker;team;points\nS1;Bo;A;1\n"
	    "Udskrevet 01-12-2026 af XY;;;\nS2;Ib;B;2\n" },
	{ .rule = CL_DECLINE_BAD_POINTS,
	    .sample = "case_id,worker,team,points\nS1,Bo,A,x\n" },
	/* a page break printed the header again */
	{ .rule = CL_DECLINE_REPEATED_HEADER,
	    .sample = "case_id,worker,team,points\nS1,Bo,A,1\n"
	    "Case ID, Worker ,team,Points.\nS2,Ib,A,2\n" },
	/* thousands grouped are read silently: 1234.5 is a big case */
	{ .rule = CL_DECLINE_BIG_CASE,
	    .sample = "worker;case_id;points\nBo;S1;1.234,5\n" },
	{ .rule = CL_DECLINE_BAD_POINTS,
	    .sample = "case_id,worker,points\nS1,Bo,1.2.3\n" },
	{ .rule = CL_DECLINE_UNKNOWN_CATEGORY,
	    .sample = "case_id,worker,category\nS1,Bo,unknown\n" },
	{ .rule = CL_DECLINE_BIG_CASE,
	    .sample = "case_id,worker,points\nS1,Bo,500\n" },
	{ .rule = CL_DECLINE_TWO_FORMS,
	    .sample = "case_id,worker,team,points\nS1,A\xcc\x8ase,A,1\n"
	    "S2,\xc3\x85se,A,1\n" },
	{ .rule = CL_DECLINE_TEAM_CHANGES,
	    .sample = "case_id,worker,team,points\nS1,Bo,A,1\nS2,Bo,B,2\n" },
	{ .rule = CL_DECLINE_CASE_REPEATS,
	    .sample = "case_id,worker,team,points\nS1,Bo,A,1\nS1,Bo,A,2\n" },
	/* a repeated row is in the figure of the totals below it, as the
	 * case system printed it: both ways say these match */
	{ .rule = CL_DECLINE_CASE_REPEATS,
	    .sample = "case_id,worker,team,points\nS1,Bo,A,1\nS1,Bo,A,2\n"
	    "S2,Ib,A,1\n,Subtotal,,4\nS2,Ib,A,1\n,Subtotal,,1\n,I alt,,5\n" },
	{ .rule = CL_DECLINE_LETTER_CASE,
	    .sample = "case_id,worker,points\nS1,Bo,1\nS2,bo,1\n" },
	{ .rule = CL_DECLINE_NOT_ON_ROSTER,
	    .sample = "case_id,worker,team,points\nS1,Ib,A,1\n", .roster = 1 },
	{ .rule = CL_DECLINE_ROSTER_INITIALS,
	    .sample = "case_id,worker,team,points\nS1,BO,A,1\n", .roster = 1 },
	{ .rule = CL_DECLINE_ROSTER_TEAM,
	    .sample = "case_id,worker,team,points\nS1,Bo,B,1\n", .roster = 1 },
	/* a target that large, or a case above it is warned about first */
	{ .rule = CL_DECLINE_OVERFLOW, .sample = "worker,team,points\n",
	    .config = "{\"targets\": {\"points\": 1000000000}}",
	    .row = "Bo,A,1000000000\n", .repeat = 9300 },
	{ .rule = CL_DECLINE_NO_ROWS,
	    .sample = "case_id,worker,team,points\n,,,\n  ,\n" },
};

/* The first rule of kind SAYS with no sample, or CL_DECLINE_NONE. */
static inline enum cl_decline
decline_rule_unsampled(void)
{
	for (int id = CL_DECLINE_NONE + 1; id < CL_DECLINE_END; id++) {
		int found = 0;

		for (size_t i = 0; i < sizeof decline_samples /
		    sizeof *decline_samples; i++)
			found |= decline_samples[i].rule == (enum cl_decline)id;
		if (!found &&
		    cl_decline_rule((enum cl_decline)id)->kind == CL_DECLINE_SAYS)
			return (enum cl_decline)id;
	}
	return CL_DECLINE_NONE;
}

/*
 * Runs a sample: the general way must say something (for a rule of kind
 * SAYS), the fast way (a file, 2 threads, chunks as small as a line) must
 * decline with the sample's rule, and every way must agree (ways_differ).
 * Returns NULL, or a static phrase saying what went wrong; *got is the
 * rule the fast way declined for.
 */
static inline const char *
decline_sample_fails(const struct decline_sample *d,
    const struct cl_config *config, enum cl_decline *got)
{
	struct cl_reader_options ropt = { 0 };
	struct cl_config *own = NULL;
	struct cl_buf text = { 0 };
	struct way general, quick;
	const char *why = NULL;
	int said, fast;

	ropt.max_record_bytes = d->max_record;
	ropt.max_fields = d->max_fields;
	if (d->config != NULL) {
		own = cl_config_new();
		if (cl_config_read(own, "sample.json", d->config,
		    strlen(d->config), NULL, NULL) != CL_OK)
			abort();
		config = own;
	}
	cl_buf_append(&text, d->sample, strlen(d->sample));
	for (unsigned i = 0; i < d->repeat; i++)
		cl_buf_append(&text, d->row, strlen(d->row));
	way_run(text.data, text.len, config, &ropt, d->roster,
	    &(struct way_plan){ WAY_FILE, 0, 1, 0 }, &general);
	said = general.said.len > 1;    /* more than the '\0' way_run adds */
	way_free(&general);
	way_run(text.data, text.len, config, &ropt, d->roster,
	    &(struct way_plan){ WAY_FILE, 2, 1, 0 }, &quick);
	*got = cl_fast_stages.declined;
	if (quick.fast)
		why = "the fast way counted it";
	way_free(&quick);
	if (why == NULL && !said &&
	    cl_decline_rule(d->rule)->kind == CL_DECLINE_SAYS)
		why = "the general way says nothing";
	if (why == NULL && *got != d->rule)
		why = "the fast way declined for another rule";
	if (why == NULL)
		why = ways_differ(text.data, text.len, config, &ropt, d->roster,
		    2, &fast);
	cl_buf_free(&text);
	cl_config_free(own);
	return why;
}

#endif
