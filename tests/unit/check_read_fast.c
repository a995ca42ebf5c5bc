/*
 * check_read_fast.c - read_fast.c and fingerprints.c: counting a whole
 * file with several threads gives what the general path gives.
 *
 * Every test reads a case list both ways (tests/differential.h) with one
 * to four threads and chunks as small as a line, so that chunk ends fall
 * on every row; the messages, status and JSON report must be the same.
 * Clean files must be counted by read_fast.c; anything that makes the
 * general path say something must make it decline.
 */
#include <check.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../differential.h"
#include "helpers.h"
#include "suites.h"

static struct cl_config *config;

static void
setup(void)
{
	static const char json[] = "{\"categories\": {\"simple\": 2, "
	    "\"complex\": 7.5}, \"teams\": {\"A\": {\"points\": 100}}}";
	struct diag_log log = { 0 };

	config = cl_config_new();
	if (cl_config_read(config, "c.json", json, sizeof json - 1,
	    diag_log_add, &log) != CL_OK)
		abort();
	diag_log_free(&log);
}

static void
teardown(void)
{
	cl_config_free(config);
}

/* Both ways agree for 1..4 threads; returns how many runs were fast. */
static int
agree(const char *text, int roster)
{
	struct cl_reader_options ropt = { 0 };
	int fast_runs = 0;

	for (unsigned threads = 1; threads <= 4; threads++) {
		int fast;
		const char *why = ways_differ(text, strlen(text), config, &ropt,
		    roster, threads, &fast);

		ck_assert_msg(why == NULL, "%s with %u threads for:\n%s", why,
		    threads, text);
		fast_runs += fast;
	}
	return fast_runs;
}

static void
counted_fast(const char *text)
{
	ck_assert_msg(agree(text, 0) == 4, "not counted fast:\n%s", text);
}

static void
declined(const char *text, int roster)
{
	ck_assert_msg(agree(text, roster) == 0, "counted fast:\n%s", text);
}

START_TEST(test_plain_files_are_counted_fast)
{
	counted_fast("case_id,worker,team,points\n"
	    "S1,Bo,A,7.5\nS2,Ib,B,2\nS3,Bo,A,1\nS4,Mette Holm,B,0.25\n");
	/* CRLF, blank and delimiter-only lines */
	counted_fast("case_id,worker,team,points\r\nS1,Bo,A,7\r\n\r\n"
	    "S2,Ib,,2\r\n,,,\r\n,,,,,,,,\r\n   \r\nS3,Bo,A,1\r\n");
	/* no line break at the end: a note the general way says */
	declined("case_id,worker,team,points\r\nS1,Bo,A,7\r\nS3,Bo,A,1", 0);
	declined("case_id,worker,team,points\nS1,Bo,A,7\n,,,", 0);
	/* Danish: BOM, ';', decimal commas, names in UTF-8 */
	counted_fast("\xef\xbb\xbfSag;Sagsbehandler;Team;Point\n"
	    "S1;\xc3\x85se;B\xc3\xb8rn Syd;7,5\nS2;S\xc3\xb8ren;;2,25\n"
	    "S3;\xc3\x85se;B\xc3\xb8rn Syd;1\n");
	/* TAB, quoted names with delimiters, doubled quotes, line breaks */
	counted_fast("case_id\tworker\tteam\tpoints\n"
	    "S1\t\"Holm, Ib \"\"Mulle\"\"\"\tA\t3\n"
	    "S2\t\"Bo\"\t\"A\nnord\"\t2\nS3\tBo\t\"A\nnord\"\t1\n");
	/* a chunk cut inside quoted lines that look like rows: the task
	 * that started there is read again from the right place */
	counted_fast("case_id,worker,team,points\nS1,Bo,\"A\nS9,Ib,B,5\n"
	    "S10,Ib,B,5\nS11,Ib,B,5\nS12,Ib,B,5\",1\nS2,Ib,B,2\nS3,Bo,\"A\n"
	    "S9,Ib,B,5\nS10,Ib,B,5\nS11,Ib,B,5\nS12,Ib,B,5\",4\n");
	/* rows without a case id, spaces around cells, categories */
	counted_fast("case_id,worker,category,points\n"
	    ",Bo,simple,\n , Bo ,complex, \nS1,Ib,, 4 \nS2,Ib,simple,1.5\n");
	counted_fast("worker,points\nBo,1\nBo,2\n");
	/* the largest sums that fit: each case is more than a full-time
	 * target, which the general way warns about */
	declined("case,worker,points\n"
	    "1,Bo,4611686018427\n2,Ib,4611686018427\n", 0);
}
END_TEST

START_TEST(test_shared_case_ids_are_counted_fast)
{
	/* two workers of one team: the team and the summary count it once */
	counted_fast("case_id,worker,team,points\n"
	    "S1,Bo,A,1\nS2,Ib,A,2\nS1,Ib,A,3\nS3,Bo,A,1\n");
	/* of two teams: once in each team, once in the summary */
	counted_fast("case_id,worker,team,points\n"
	    "S1,Bo,A,1\nS1,Ib,B,2\nS2,Ib,B,1\n");
	/* no teams, three workers, and ids repeated far apart */
	counted_fast("case_id,worker,points\nS1,Bo,1\nS2,Ib,1\nS3,Ib,1\n"
	    "S1,Ib,2\nS4,Mette,1\nS1,Mette,1\nS2,Mette,1\nS2,Bo,1\n");
	/* a team from the roster, the other from the rows */
	ck_assert_int_ge(agree("case_id,worker,team,points\n"
	    "S1,Bo,,1\nS1,\xc3\x85se,A,2\n", 1), 1);
	/* the same id for one worker is a repeat, said the general way */
	declined("case_id,worker,team,points\nS1,Bo,A,1\nS2,Ib,A,1\n"
	    "S1,Ib,A,1\nS1,Bo,A,2\n", 0);
}
END_TEST

START_TEST(test_too_many_shared_ids_are_read_the_general_way)
{
	struct cl_reader_options ropt = { 0 };
	struct cl_buf b = { 0 };
	int fast;

	cl_buf_append(&b, "case_id,worker,points\n", 22);
	for (long i = 0; i < (1L << 18) + 10; i++) {
		char row[64];
		int n = snprintf(row, sizeof row, "S%ld,Bo,1\nS%ld,Ib,1\n", i, i);

		cl_buf_append(&b, row, (size_t)n);
	}
	ck_assert_ptr_null(ways_differ(b.data, b.len, config, &ropt, 0, 2,
	    &fast));
	ck_assert_int_eq(fast, 0);
	cl_buf_free(&b);
}
END_TEST

START_TEST(test_anything_said_is_said_the_general_way)
{
	static const char head[] = "case_id,worker,team,points\n";
	static const char *const rows[] = {
		"S1,Bo,A,1\nS1,Bo,A,2\n",               /* repeated case */
		"S1,Bo,A,1\nS1,Ib,B,2\n",               /* shared: silent */
		"S1,Bo,A,1\nS2,Bo,B,2\n",               /* two teams */
		"S1,Bo,A,x\n",                          /* bad points */
		"S1,Bo,A,-1\n",
		"S1,Bo,A,1.1234567\n",
		"S1,,A,1\n",                            /* no worker */
		"S1,Bo,A\n",                            /* too few fields */
		"S1,Bo,A,1,\n",                         /* too many */
		"S1,Bo,A,1\rS2,Ib,B,2\n",               /* a lone CR */
		"S1,Bo,A,1\r",
		"S1,S\xc3\xb8ren,A,1\nS2,B\xe6k,A,1\n",    /* UTF-8, then not */
		"S1,Bo,\"A\"x,1\n",                     /* after a quote */
		"S1,\"Bo,A,1\n",                        /* never closed */
		"S1,A\xcc\x8ase,A,1\nS2,\xc3\x85se,A,1\n",  /* NFD and NFC */
		"S1,Bo,A,9223372036854\nS2,Bo,A,1\n",   /* sum overflows */
	};

	for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
		char *text = test_asprintf("%s%s", head, rows[i]);

		if (i == 1)
			agree(text, 0);	/* may be either, but the same */
		else
			declined(text, 0);
		free(text);
	}
	/* only CRs: the first line read holds rows too, which must not be
	 * counted before they are read again */
	declined("case_id,worker,team,points\rS1,Bo,A,1\rS2,Ib,B,2\r", 0);
	{
		static const char nul[] = "case_id,worker,points\nS\0001,Bo,1\n";
		struct cl_reader_options ropt = { 0 };
		int fast;

		ck_assert_ptr_null(ways_differ(nul, sizeof nul - 1, config,
		    &ropt, 0, 2, &fast));
		ck_assert_int_eq(fast, 0);
	}
}
END_TEST

/* The shared list (src/decline.h): each rule of kind SAYS has a sample,
 * and each sample makes the fast way decline with its rule. */
START_TEST(test_every_rule_of_the_list_declines)
{
	enum cl_decline missing = decline_rule_unsampled();

	ck_assert_msg(missing == CL_DECLINE_NONE, "no sample for rule %s",
	    cl_decline_rule(missing)->name);
	for (size_t i = 0; i < sizeof decline_samples /
	    sizeof *decline_samples; i++) {
		const struct decline_sample *d = &decline_samples[i];
		enum cl_decline got;
		const char *why = decline_sample_fails(d, config, &got);

		ck_assert_msg(why == NULL, "rule %s (%s): %s (declined: %s)",
		    cl_decline_rule(d->rule)->name, cl_decline_rule(d->rule)->says,
		    why, cl_decline_rule(got)->name);
	}
}
END_TEST

/* A rule whose check is gone fails the test above: here, by a sample
 * given the wrong rule. */
START_TEST(test_a_sample_of_another_rule_fails)
{
	struct decline_sample d = decline_samples[0];
	enum cl_decline got;

	d.rule = CL_DECLINE_BAD_POINTS;
	ck_assert_str_eq(decline_sample_fails(&d, config, &got),
	    "the fast way declined for another rule");
	ck_assert_int_eq(got, decline_samples[0].rule);
	d.sample = "case_id,worker,team,points\nS1,Bo,A,1\n";
	ck_assert_str_eq(decline_sample_fails(&d, config, &got),
	    "the fast way counted it");
	ck_assert_int_eq(got, CL_DECLINE_NONE);
	ck_assert_str_eq(cl_decline_rule(CL_DECLINE_BAD_POINTS)->name,
	    "BAD_POINTS");
	ck_assert_str_eq(cl_decline_rule(CL_DECLINE_END)->name, "NONE");
}
END_TEST

START_TEST(test_a_roster_is_respected)
{
	/* on the roster, same team: fast */
	ck_assert_int_eq(agree("case_id,worker,team,points\n"
	    "S1,Bo,A,1\nS2,\xc3\x85se,B,2\n", 1), 4);
	/* not on the roster, or another team than the roster's */
	declined("case_id,worker,team,points\nS1,Ib,A,1\n", 1);
	declined("case_id,worker,team,points\nS1,Bo,B,1\n", 1);
}
END_TEST

/* Reads fd from where it stands with `threads`; the JSON report. */
static char *
report_from(int fd, off_t at, unsigned threads, int *fast)
{
	struct way w;
	struct cl_engine *e;
	struct cl_source *src;
	struct cl_render_options opt;
	struct cl_result *res;
	size_t size = 0;
	FILE *out;

	memset(&w, 0, sizeof w);
	ck_assert_int_eq(lseek(fd, at, SEEK_SET), at);
	e = cl_engine_new(&config->targets, way_diag, &w);
	src = cl_source_cases(e, "cases.csv", NULL, way_diag, &w);
	ck_assert_int_eq(cl_source_read_fd_with(src, fd,
	    &(struct cl_fast_tuning){ threads, 1 }, fast, &w.fatal),
	    CL_OK);
	cl_source_free(src);
	out = open_memstream(&w.report, &size);
	cl_render_options_default(&opt);
	res = cl_result_report(cl_engine_report(e, CL_SORT_NAME), &opt);
	ck_assert_int_eq(cl_render(res, "json", &opt, out), 0);
	cl_result_free(res);
	fclose(out);
	cl_engine_free(e);
	cl_buf_free(&w.said);
	return w.report;
}

START_TEST(test_a_file_is_read_from_where_it_stands)
{
	/* `(read skip; caseload -) < file`: stdin is a regular file whose
	 * offset is past the start */
	static const char text[] = "skip this line\ncase_id,worker,points\n"
	    "S1,Bo,1\nS2,Ib,2\nS3,Bo,4\n";
	int fd = memfd_create("cases", 0), fast;
	char *general, *quick;

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, text, sizeof text - 1), sizeof text - 1);
	general = report_from(fd, 15, 0, &fast);
	quick = report_from(fd, 15, 2, &fast);
	ck_assert_int_eq(fast, 1);
	ck_assert_str_eq(quick, general);
	ck_assert_ptr_nonnull(strstr(general, "\"points\":\t7"));
	free(general);
	free(quick);
	close(fd);
}
END_TEST

START_TEST(test_limits_are_the_readers)
{
	struct cl_reader_options ropt = { 0 };
	char *text = test_asprintf("case_id,worker,points\nS1,%0300d,1\n"
	    "S2,Bo,1\n,,,,,,,,,,,,,,,,,,,,,\n", 7);
	int fast;

	ropt.max_record_bytes = 200;
	ck_assert_ptr_null(ways_differ(text, strlen(text), config, &ropt, 0,
	    2, &fast));
	ck_assert_int_eq(fast, 0);
	ropt.max_record_bytes = 0;
	ropt.max_fields = 8;
	ck_assert_ptr_null(ways_differ(text, strlen(text), config, &ropt, 0,
	    2, &fast));
	ck_assert_int_eq(fast, 0);
	free(text);
}
END_TEST

/* A pipe written in small pieces, for a report (two threads allowed). */
static void
read_pipe_way(const char *text, int roster, struct way *w)
{
	struct cl_reader_options ropt = { 0 };
	struct way_plan plan = { WAY_PIPE, 2, 1, 0 };

	way_run(text, strlen(text), config, &ropt, roster, &plan, w);
}

/* A case list of `rows` rows of Bo, then `last`. */
static char *
long_list(long rows, const char *last)
{
	struct cl_buf b = { 0 };

	cl_buf_append(&b, "case_id,worker,points\n", 22);
	for (long i = 1; i <= rows; i++) {
		char row[32];
		int n = snprintf(row, sizeof row, "S%ld,Bo,1\n", i);

		cl_buf_append(&b, row, (size_t)n);
	}
	cl_buf_append(&b, last, strlen(last));
	return b.data;
}

START_TEST(test_a_long_pipe_is_counted_in_full)
{
	struct way general, file, quick;
	struct way_plan plan = { WAY_FILE, 0, 1, 0 };
	struct cl_reader_options ropt = { 0 };
	/* a bad row, a case of two workers, a repeat, or nothing, far into
	 * a pipe: the pipe is counted fast when the file is, and else read
	 * the general way from its start, which counts or says each exactly
	 * (an earlier attempt refused past the bytes it kept) */
	static const struct {
		const char *last;
		int fast, fast_with_roster;
	} lasts[] = {
		{ "S1,Ib,x\n", 0, 0 },
		{ "S1,Ib,1\n", 1, 0 },         /* Ib is not on the roster */
		{ "S2,Bo,1\n", 0, 0 },
		{ "\"S0\",\"Bo\",\"2\"\n", 1, 1 },
		{ "", 1, 1 },
	};

	for (size_t i = 0; i < sizeof lasts / sizeof *lasts; i++) {
		char *text = long_list(20000, lasts[i].last);

		for (int roster = 0; roster <= 1; roster++) {
			plan.threads = 0;
			way_run(text, strlen(text), config, &ropt, roster,
			    &plan, &general);
			plan.threads = 2;
			way_run(text, strlen(text), config, &ropt, roster,
			    &plan, &file);
			read_pipe_way(text, roster, &quick);
			ck_assert_msg(way_compare(&general, &quick) == NULL,
			    "%zu: %s", i, quick.said.data);
			ck_assert_int_eq(quick.fast, file.fast);
			ck_assert_msg(quick.fast == (roster ?
			    lasts[i].fast_with_roster : lasts[i].fast),
			    "%zu, roster %d", i, roster);
			way_free(&general);
			way_free(&file);
			way_free(&quick);
		}
		free(text);
	}
}
END_TEST

START_TEST(test_a_pipe_among_files_is_counted_fast)
{
	struct way general, quick;
	struct way_plan plan = { WAY_FILES, 0, 3, 0 };
	struct cl_reader_options ropt = { 0 };
	/* a case of two workers in different parts, a bad row in the pipe,
	 * a case repeated for Bo across a file and the pipe, or nothing */
	static const struct {
		const char *last;
		int fast;
	} lasts[] = {
		{ "S1,Ib,1\n", 1 },
		{ "S1,Ib,x\n", 0 },
		{ "S1,Bo,1\n", 0 },
		{ "", 1 },
	};

	for (size_t i = 0; i < sizeof lasts / sizeof *lasts; i++) {
		char *text = long_list(3000, lasts[i].last);

		for (unsigned pipe_part = 1; pipe_part <= 3; pipe_part++) {
			plan.pipe_part = pipe_part;
			plan.threads = 0;
			way_run(text, strlen(text), config, &ropt, 0, &plan,
			    &general);
			plan.threads = 2;
			way_run(text, strlen(text), config, &ropt, 0, &plan,
			    &quick);
			ck_assert_msg(way_compare(&general, &quick) == NULL,
			    "%zu, part %u: %s", i, pipe_part, quick.said.data);
			ck_assert_msg(quick.fast == lasts[i].fast,
			    "%zu, part %u", i, pipe_part);
			way_free(&general);
			way_free(&quick);
		}
		free(text);
	}
}
END_TEST

/* ---- a pipe counted as it comes ---- */

struct slow_writer {
	int fd;
	const char *bytes;
	size_t len;
};

/* Writes in pieces of up to 64 KiB, of sizes that do not divide a block. */
static void *
write_slowly(void *arg)
{
	struct slow_writer *w = arg;

	for (size_t at = 0, i = 0; at < w->len; i++) {
		size_t piece = 1 + (i * 40503 % 65536);
		ssize_t n;

		if (piece > w->len - at)
			piece = w->len - at;
		n = write(w->fd, w->bytes + at, piece);
		if (n <= 0)
			break;
		at += (size_t)n;
	}
	close(w->fd);
	return NULL;
}

/* The spool keeps every byte in place across its 4 MiB blocks, while it
 * fills and after, and says where the pipe ends. */
START_TEST(test_a_spool_keeps_what_came)
{
	size_t len = ((size_t)9 << 20) + 123;
	char *bytes = cl_xmalloc(len), *copy = cl_xmalloc(len);
	static const uint64_t at[] = { 0, 1, ((uint64_t)4 << 20) - 3,
		((uint64_t)4 << 20), ((uint64_t)8 << 20) - 1,
		((uint64_t)9 << 20) + 100 };
	struct slow_writer w;
	struct cl_spool *sp;
	pthread_t writer;
	int ends[2], error = -1;
	const char *p;

	for (size_t i = 0; i < len; i++)
		bytes[i] = (char)(i * 2654435761u >> 13);
	ck_assert_int_eq(pipe(ends), 0);
	w = (struct slow_writer){ ends[1], bytes, len };
	ck_assert_int_eq(pthread_create(&writer, NULL, write_slowly, &w), 0);
	sp = cl_spool_new(ends[0]);
	cl_spool_fill_behind(sp);
	/* what is asked for is waited for, wherever it lies */
	for (size_t i = 0; i < sizeof at / sizeof *at; i++) {
		size_t want = len - at[i] < 4096 ? len - at[i] : 4096;

		ck_assert_uint_eq(cl_spool_copy(sp, copy, want, at[i]), want);
		ck_assert(memcmp(copy, bytes + at[i], want) == 0);
	}
	/* a span stops at its block's end */
	ck_assert_uint_eq(cl_spool_span(sp, ((uint64_t)4 << 20) - 3, 100, &p),
	    3);
	ck_assert(memcmp(p, bytes + ((size_t)4 << 20) - 3, 3) == 0);
	ck_assert_uint_eq(cl_spool_length(sp, &error), len);
	ck_assert_int_eq(error, 0);
	ck_assert_uint_eq(cl_spool_until(sp, 1), len);
	ck_assert_uint_eq(cl_spool_copy(sp, copy, len, 0), len);
	ck_assert(memcmp(copy, bytes, len) == 0);
	/* past the end: nothing, and no waiting */
	ck_assert_uint_eq(cl_spool_copy(sp, copy, 10, len - 4), 4);
	ck_assert_uint_eq(cl_spool_span(sp, len, 10, &p), 0);
	/* what is forgotten goes back in whole blocks; the rest stays */
	cl_spool_forget(sp, ((uint64_t)4 << 20) + 10);
	ck_assert_uint_eq(cl_spool_copy(sp, copy, 100, (uint64_t)5 << 20),
	    100);
	ck_assert(memcmp(copy, bytes + ((size_t)5 << 20), 100) == 0);
	pthread_join(writer, NULL);
	cl_spool_free(sp);
	close(ends[0]);
	free(bytes);
	free(copy);
}
END_TEST

/* A case list of `rows` rows of Bo (ids from S`first`), with `head`
 * after the header and `tail` at the end. */
static char *
framed_list(long rows, const char *head, const char *tail)
{
	struct cl_buf b = { 0 };

	cl_buf_append(&b, "case_id,worker,points\n", 22);
	cl_buf_append(&b, head, strlen(head));
	for (long i = 1; i <= rows; i++) {
		char row[32];
		int n = snprintf(row, sizeof row, "S%ld,Bo,1\n", i);

		cl_buf_append(&b, row, (size_t)n);
	}
	cl_buf_append(&b, tail, strlen(tail));
	cl_buf_putc(&b, '\0');
	return b.data;
}

/*
 * A pipe counted while it comes gives the file's report and messages,
 * whether what needs the general way is in its first chunk, in a late
 * one, or is a case id shared across chunks and the spool's blocks (the
 * second pass reads the kept bytes); and a quoted line break across a
 * block's end.
 */
START_TEST(test_a_pipe_is_counted_as_it_comes)
{
	struct way general, file, quick;
	struct way_plan plan = { WAY_FILE, 0, 1, 0 };
	struct cl_reader_options ropt = { 0 };
	static const struct {
		long rows;
		const char *head, *tail;
		int fast;
	} lists[] = {
		{ 30000, "", "", 1 },
		{ 30000, "X1,Ib,x\n", "", 0 },            /* first chunk */
		{ 30000, "", "X1,Ib,x\n", 0 },            /* the last */
		{ 30000, "X1,Ib,1\n", "X1,Bo,2\n", 1 },   /* a shared case */
		{ 30000, "X1,Bo,1\n", "X1,Bo,2\n", 0 },   /* a repeat */
		{ 30000, "", "X1,Ib,1\nX2,Ib,1", 0 },     /* no line break */
		/* past the first 4 MiB block */
		{ 420000, "X1,Ib,1\n", "X1,Bo,2\n\"X2\",\"Ib\n2\",3\n", 1 },
		{ 420000, "X1,Bo,1\n", "X1,Bo,2\n", 0 },
	};
	int streamed = 0;

	for (size_t i = 0; i < sizeof lists / sizeof *lists; i++) {
		char *text = framed_list(lists[i].rows, lists[i].head,
		    lists[i].tail);

		plan.how = WAY_FILE;
		plan.threads = 0;
		way_run(text, strlen(text), config, &ropt, 0, &plan, &general);
		plan.threads = 2;
		way_run(text, strlen(text), config, &ropt, 0, &plan, &file);
		plan.how = WAY_PIPE;
		way_run(text, strlen(text), config, &ropt, 0, &plan, &quick);
		streamed += cl_fast_stages.streamed;
		ck_assert_msg(way_compare(&general, &quick) == NULL,
		    "%zu: %s", i, quick.said.data);
		ck_assert_msg(way_compare(&general, &file) == NULL, "%zu", i);
		ck_assert_int_eq(quick.fast, file.fast);
		ck_assert_msg(quick.fast == lists[i].fast, "%zu", i);
		way_free(&general);
		way_free(&file);
		way_free(&quick);
		free(text);
	}
	/* the writer writes in small pieces: the count starts long before
	 * the pipe ends (a machine too busy to show it would have to stall
	 * this thread for every list) */
	ck_assert_int_gt(streamed, 0);
}
END_TEST

/* ---- random files ---- */

static const char *const names[] = {
	"Bo", "Ib", "\xc3\x85se", "Mette Holm", "S\xc3\xb8ren \xc3\x86r\xc3\xb8",
	"Kasper Nygaard 150", "Birgitte J\xc3\xb8rgensen 187",
};

/* How a random file is made. */
struct shape {
	char delim;
	int odd_rate;           /* 1 in odd_rate rows is odd; 0 for none */
	int multiline_team;     /* a team spelled "A<LF>nord", quoted */
	size_t worker_of[64];   /* each row's worker, by row number */
	long id_of[64];         /* and its case id's number */
};

/* Whether an earlier row gave case `id` to worker w. */
static int
has_case(const struct shape *sh, long before, long id, size_t w)
{
	for (long r = 1; r < before; r++)
		if (sh->id_of[r] == id && sh->worker_of[r] == w)
			return 1;
	return 0;
}

/* One row; `odd` asks for something the general path would say. */
static void
random_row(struct cl_buf *b, uint64_t *rng, struct shape *sh, long row,
    int odd)
{
	char delim = sh->delim;
	size_t w = test_random_between(rng, 0, 6);
	long id = row;
	const char *worker = names[w];
	char cell[64];

	if (odd) {
		static const char *const odd_rows[] = {
			"S1,Bo,A,1", "S%ld,Bo,Z,1", "S%ld,Bo,A,x", "S%ld,,A,1",
			"S%ld,Bo,A", "S%ld,A\xcc\x8ase,A,1", "S%ld,Bo\xe6,A,1",
			"S%ld,Bo,A,1\r", "S%ld,\"Bo\"x,A,1", ",,,", "",
			"S%ld,Bo,A,1,", "S%ld,\"B\"\"o\",A,1", "S%ld, Bo ,A,1",
			"S%ld,I alt,,30", ",,,%ld", "S%ld,Total A,A,1",
			"S%ld,bo,A,1", "S%ld,BO,A,1", "S%ld,Bo,A,500",
			"S%ld,Bo\xc2\xa0,A,1", "S%ld,Bo  Bo,A,1", "Sum,,,%ld",
		};
		const char *pick = odd_rows[test_random_between(rng, 0,
		    sizeof odd_rows / sizeof *odd_rows - 1)];
		char *text = test_asprintf(pick, row);

		for (char *c = text; *c; c++)
			if (*c == ',')
				*c = delim;
		cl_buf_append(b, text, strlen(text));
		cl_buf_putc(b, '\n');
		free(text);
		return;
	}
	/* now and then an earlier row's id, of another worker: shared */
	if (test_random_between(rng, 0, 7) == 0) {
		id = (long)test_random_between(rng, 1, (size_t)row);
		if (has_case(sh, row, id, w))
			id = row;
	}
	sh->worker_of[row] = w;
	sh->id_of[row] = id;
	snprintf(cell, sizeof cell, "S%ld", id);
	cl_buf_append(b, cell, strlen(cell));
	cl_buf_putc(b, delim);
	if (test_random_between(rng, 0, 9) == 0) {
		/* quoted, with the delimiter, a quote or a line break */
		cl_buf_putc(b, '"');
		cl_buf_append(b, worker, strlen(worker));
		if (test_random_between(rng, 0, 1))
			cl_buf_append(b, "\"\"", 2);
		else
			cl_buf_putc(b, delim);
		cl_buf_putc(b, '"');
	} else {
		cl_buf_append(b, worker, strlen(worker));
	}
	cl_buf_putc(b, delim);
	if (w % 3 == 0 && sh->multiline_team)
		cl_buf_append(b, "\"A\nnord\"", 8);
	else if (w % 3 == 0)
		cl_buf_putc(b, 'A');
	else
		cl_buf_append(b, w % 3 == 1 ? "B" : "", w % 3 == 1);
	cl_buf_putc(b, delim);
	snprintf(cell, sizeof cell, "%zu%c%zu", test_random_between(rng, 0,
	    30), delim == ';' ? ',' : '.', test_random_between(rng, 0, 99));
	cl_buf_append(b, cell, strlen(cell));
	if (test_random_between(rng, 0, 3))
		cl_buf_putc(b, '\n');
	else
		cl_buf_append(b, "\r\n", 2);
}

START_TEST(test_exports_as_case_systems_write_them)
{
	/* a title above the header: both ways say where it is */
	counted_fast("Sager uge 49,,,\n,,,\ncase_id,worker,team,points\n"
	    "S1,Bo,A,1\n");
	/* total rows, labelled or not, at the end or in the middle: both
	 * ways check them and say so */
	counted_fast("case_id,worker,team,points\nS1,Bo,A,1\nS2,Ib,B,2\n"
	    ",I alt,,3\n");
	counted_fast("worker;case_id;team;points\nBo;S1;A;1\nSubtotal A;;;1\n"
	    "Ib;S2;B;2\nSumma:;;;3\n");
	counted_fast("case_id,worker,team,points\nS1,Bo,A,1\nS2,Ib,B,2\n"
	    ",,,3\n");
	counted_fast("case_id,worker,team,points\nS1,Bo,A,1\nI alt,,,1\n");
	/* a row without worker or case id that matches no sum: an error */
	declined("case_id,worker,team,points\nS1,Bo,A,1\n,,,9\n", 0);
	/* Excel's Subtotal, in Danish and Swedish: "<name> I alt" and the
	 * grand total; words with a total word and a case id are a case */
	counted_fast("Sagsnr;Sagsbehandler;Point\nS-1;Mette Hansen;4\n"
	    "S-2;Mette Hansen;5,5\n;Mette Hansen I alt;9,5\nS-3;Bo Ek;2\n"
	    ";Bo Ek I alt;2\n;Hovedtotal;11,5\n");
	counted_fast("\xc3\x84rendenr;Handl\xc3\xa4ggare;Po\xc3\xa4ng\n"
	    "\xc3\x84-1;\xc3\x85sa Lind;4\n;\xc3\x85sa Lind Summa;4\n"
	    ";Totalsumma;4\n");
	counted_fast("case_id,worker,team,points\nS1,Bo,A,1\nS4,Sum Li,A,2\n"
	    "S5,Ib Total,A,1\n,Sum Li,,4\n");
	/* a total with its digits grouped by spaces, as Swedish Excel
	 * writes it (points of at most team A's target, 100, a case) */
	counted_fast("case;worker;points\nC1;A;100\nC2;A;100\nC3;B;100\n"
	    "C4;B;100\nC5;B;100\nC6;C;100\nC7;C;100\nC8;C;100\nC9;D;100\n"
	    "C10;D;100\nSumma;;1\xc2\xa0" "000\n");
	/* a total as Danish Excel shows a sum, "1.000": 1000 when that is
	 * what the rows add up to, else 1.000 (a sum row too) */
	counted_fast("case;worker;points\nC1;A;100\nC2;A;100\nC3;B;100\n"
	    "C4;B;100\nC5;B;100\nC6;C;100\nC7;C;100\nC8;C;100\nC9;D;100\n"
	    "C10;D;100\nI alt;;1.000\n;;1.000\nTotal;;1,000\n");
	counted_fast("case;worker;points\nC1;A;1\nI alt;;1.000\n"
	    "C2;A;100\nC3;A;100\nC4;B;100\nC5;B;100\nC6;B;100\nC7;C;100\n"
	    "C8;C;100\nC9;C;100\nC10;D;100\nC11;D;100\nI alt;;1.000\n"
	    "I alt;;1.001\nI alt;;1.002\n");
	declined("case;worker;points\nC1;A;100\n;;1.100\n", 0);
	/* millions grouped by dots or commas, a Windows-1252 no-break
	 * space, and a total that is no number (a warning: not checked) */
	counted_fast("case;worker;points\nC1;A;100\nC2;B;100\nI alt;;1.000.200\n"
	    ";;0.000.200\nTotal;;1,000,200\nSumma;;ca. 200\n");
	counted_fast("case;worker;points\nC1;B\xf8;100\nC2;B;100\n"
	    "Summa;;1\xa0" "000,5\nTotal;;2\xa0" "00\n");
	/* Excel's Subtotal at each change of team: the label in the team
	 * column, the worker and case id empty; matching or not */
	counted_fast("Sagsnr;Sagsbehandler;Team;Point\nS-1;Bo;Syd;4\n"
	    "S-2;Ib;Syd;5\n;;Syd I alt;9\nS-3;Al;Nord;2\n;;Nord I alt;3\n"
	    ";;Hovedtotal;11\n");
	counted_fast("Sagsnr;Sagsbehandler;Team;Point\nS-1;Bo;S\xf8r;4\n"
	    ";;S\xf8r I alt;4\n;;Total;\n");
	counted_fast("Sagsnr;Sagsbehandler;Team;Point\nS-1;Bo;S\xc3\xb8r;4\n"
	    ";;S\xc3\xb8r Summa;5\n");
	declined("Sagsnr;Sagsbehandler;Team;Point\nS-1;Bo;Syd;4\n;;Syd;4\n"
	    ";;Nord;1\n", 0);
	/* a case system's subtotal per worker: the label alone in the case
	 * id column, the worker's name beside it; matching, not matching,
	 * with a trailing colon, and a grand total */
	counted_fast("Sagsnr;Sagsbehandler;Point\nS1;Anna;2,5\nS2;Anna;4\n"
	    "I alt;Anna;6,5\nS3;Bo;3\nI alt;Bo;3\nI alt;;9,5\n");
	counted_fast("Sagsnr;Sagsbehandler;Point\nS1;Anna;2,5\nS2;Anna;4\n"
	    "Total:;Anna;7\nS3;Bo;3\n");
	counted_fast("case_id,worker,team,points\nS1,Bo,A,1\n\"Sum\",Bo,A,1\n"
	    "S2,Ib,A,2\n");
	/* a blank line, and rows without a case id above it, or with one
	 * below it, are counted fast; one without below it is warned about
	 * the general way, also when the chunk it is in has no blank line */
	counted_fast("case_id;worker;points\nS1;Bo;1\n;Bo;2\n\nS2;Ib;1\n"
	    ";;\nS3;Ib;2\n");
	declined("case_id;worker;points\nS1;Bo;1\n\nS2;Ib;1\nS3;Ib;1\n"
	    "S4;Ib;1\n;Bo;2\n", 0);
	declined("case_id;worker;points\nS1;Bo;1\n ; ; \n;Bo;2\n", 0);
	/* Danish and Swedish subtotal words, and Excel's Subtotal with Count
	 * or Average (left out unchecked) */
	counted_fast("Sagsnr;Sagsbehandler;Point\nS-1;Mette;10\nS-2;Jens;5\n"
	    ";Delsum;15\n;Hovedsum;15\n");
	counted_fast("case_id,worker,points\nC1,Mette,10\nC2,Mette,5\n"
	    ",Mette Count,2\nC3,Bo,1\n,Bo Average,1\n,Grand Count,3\n"
	    "Antal,,3\n");
	/* ... but an id that only starts or ends with such a word is a case */
	counted_fast("case_id,worker,points\nSum 12,Bo,1\nTotal5,Bo,2\n"
	    "Summer,Bo,1\nI alt 2,Bo,1\nSAG-1 I alt,Bo,1\n");
	/* a total word elsewhere, or inside a name, says nothing */
	counted_fast("case_id,worker,team,points\nS1,Totalsen,Total,1\n"
	    "S2,Summer Lind,I alt,2\nS3,Bo,Grand total,1\n");
	/* the headers real systems write, and no case id column */
	counted_fast("Sagsnr.;Sagsbehandler (initialer);Enhed:;Point (v\xc3\xa6"
	    "gtet)\nS1;MH;Syd;4\nS2;BL;Syd;2\n");
	counted_fast("Ansvarlig;Sagsv\xc3\xa6gt\nMH;4\nMH;4\nBL;2\n");
	/* names: a line break typed in the cell is a space too */
	counted_fast("case_id,worker,team,points\nS1,Mette Hansen,A,1\n"
	    "S2,\"Mette\r\nHansen\",A,2\nS3,\"Mette\nHansen\",A,1\n");
	/* names: Unicode spaces and runs of spaces are one space */
	counted_fast("case_id,worker,team,points\n"
	    "S1,Mette Hansen\xc2\xa0,B\xc3\xb8rn\xc2\xa0Syd,1\n"
	    "S2,Mette  Hansen,B\xc3\xb8rn Syd,2\n"
	    "S3,\"Hansen,  Mette\",B\xc3\xb8rn  Syd,1\n"
	    "S4,Mette\xe2\x80\x89Hansen,B\xc3\xb8rn Syd,1\n"
	    "S5,\"Hansen, Mette\",B\xc3\xb8rn Syd,1\n");
	/* ... but letter case is two workers, with a warning */
	declined("case_id,worker,points\nS1,Bo,1\nS2,bo,1\n", 0);
	declined("case_id,worker,points\nS1,\xc3\x85se,1\nS2,\xc3\xa5se,1\n",
	    0);
	declined("case_id,worker,points\nS1,bo,1\n", 1);	/* roster's Bo */
	/* initials on the roster: Bo's are BO */
	declined("case_id,worker,team,points\nS1,BO,A,1\n", 1);
	/* numbers: thousands, and a case above a full-time target */
	declined("worker;case_id;points\nBo;S1;1.234,5\n", 0);
	declined("worker;case_id;points\nBo;S1;1.23,5\n", 0);
	declined("worker;case_id;team;points\nBo;S1;A;100,5\n", 0);
	declined("worker;case_id;team;points\nBo;S1;B;120,5\n", 0);
	counted_fast("worker;case_id;team;points\nBo;S1;A;100\nIb;S2;B;100\n");
	/* case ids in NFC: one case of two workers, or a repeat */
	counted_fast("case_id,worker,points\n\xc3\x85-1,Bo,1\n"
	    "A\xcc\x8a-1,Ib,2\n");
	declined("case_id,worker,points\n\xc3\x85-1,Bo,1\n"
	    "A\xcc\x8a-1,Bo,2\n", 0);
}
END_TEST

/* A case list of `rows` rows of three teams, below `title` lines of a
 * title, with a total row after each team's rows (wrong by `off` points
 * for team B) and a grand total at the end, spelled `grand`. */
static void
subtotalled(struct cl_buf *b, int title, int rows, int off,
    const char *grand)
{
	static const char *const teams[] = { "A", "B", "C" };
	char line[128];
	long all = 0;

	b->len = 0;
	for (int i = 0; i < title; i++) {
		snprintf(line, sizeof line, i % 3 == 2 ? ",,,\n" :
		    "\"Sager, uge %d\"\n", 40 + i);
		cl_buf_append(b, line, strlen(line));
	}
	cl_buf_append(b, "case_id,worker,team,points\n", 27);
	for (int k = 0; k < 3; k++) {
		long sum = 0;

		for (int i = 0; i < rows; i++) {
			int n = snprintf(line, sizeof line, "S%d-%d,W%d%s,%s,%d\n",
			    k, i, i % 4, teams[k], teams[k], 1 + i % 5);

			cl_buf_append(b, line, (size_t)n);
			sum += 1 + i % 5;
		}
		all += sum;
		snprintf(line, sizeof line, ",Total Team %s,,%ld\n", teams[k],
		    sum + (k == 1 ? off : 0));
		cl_buf_append(b, line, strlen(line));
	}
	snprintf(line, sizeof line, grand, all);
	cl_buf_append(b, line, strlen(line));
	cl_buf_putc(b, '\0');
}

START_TEST(test_titles_and_total_rows_are_counted_fast)
{
	struct cl_buf b = { 0 };

	/* titles of 1 to 19 lines (the header is looked for in the first
	 * 20), with subtotals and a grand total to say on the right lines */
	for (int title = 0; title < 20; title++) {
		subtotalled(&b, title, 5, 0, ",I alt,,%ld\n");
		counted_fast(b.data);
	}
	/* no header in the first 20 lines: an error, the general way */
	subtotalled(&b, 20, 5, 0, ",I alt,,%ld\n");
	declined(b.data, 0);
	/* a subtotal that does not match: a warning with both figures, and
	 * the grand total after it; unlabelled; in the case id column */
	subtotalled(&b, 2, 7, 3, ",I alt,,%ld\n");
	counted_fast(b.data);
	subtotalled(&b, 0, 7, -2, ",,,%ld\n");
	counted_fast(b.data);
	subtotalled(&b, 1, 3, 0, "Summa,,,%ld\n");
	counted_fast(b.data);
	subtotalled(&b, 0, 9, 0, "I alt:,,,%ld.00\n");
	counted_fast(b.data);
	/* a grand total that matches nothing, an unlabelled one that matches
	 * nothing (a row without a worker), one without points */
	subtotalled(&b, 0, 4, 0, ",I alt,,%ld1\n");
	counted_fast(b.data);
	subtotalled(&b, 0, 4, 0, ",,,%ld1\n");
	declined(b.data, 0);
	subtotalled(&b, 0, 4, 0, ",I alt,,%ld x\n");
	counted_fast(b.data);
	b.len = 0;

	/* chunks cut right before and after total rows: the rows around
	 * them move over the cuts */
	for (int before = 0; before < 24; before++) {
		cl_buf_append(&b, "case_id;worker;points\n", 22);
		for (int i = 0; i < 24; i++) {
			char line[64];
			int n = snprintf(line, sizeof line, "S%d;W%d;%d\n", i, i % 3,
			    1 + i % 2);

			cl_buf_append(&b, line, (size_t)n);
			if (i + 1 == before)
				cl_buf_append(&b, ";Subtotal;3\n", 12);
		}
		cl_buf_append(&b, ";I alt;36\n", 11);
		cl_buf_putc(&b, '\0');
		counted_fast(b.data);
		b.len = 0;
	}
	cl_buf_free(&b);

	/* total words in odd places: the first row, twice in a row, short
	 * and long rows, quoted, with line breaks in quotes before them,
	 * other spellings (NFC, spaces), no points column */
	counted_fast("case_id,worker,team,points\n,I alt,,0\nS1,Bo,A,1\n");
	counted_fast("case_id,worker,team,points\nS1,Bo,A,1\n,Total,,1\n"
	    ",Total,,1\n,,,1\n");
	counted_fast("case_id,worker,team,points\nS1,Bo,A,2\n,I alt,,2\n"
	    "S2,Ib,B,3\n,I alt\n,Summa,,5\n");
	counted_fast("case_id,worker,team,points\nS1,Bo,A,2\n,I alt,,2,\n");
	counted_fast("case_id,worker,team,points\nS1,\"Bo\",\"A\nnord\",2\n"
	    "S2,Ib,\"B\r\nsyd\",1\n\"\",\"I  alt\",\"\",\"3\"\n"
	    "S3,Ib,\"B\r\nsyd\",4\r\n,\"Total\nSyd\",,4\r\n");
	counted_fast("case_id;worker;team;points\nS1;Bo;A;2,5\n"
	    ";\xc2\xa0Grand\xc2\xa0total:;;2,5\n");
	counted_fast("case_id,worker,category\nS1,Bo,simple\n,I alt,,\n");
	counted_fast("case_id,worker,team,points\nS1,Bo,A,1\n"
	    "S1,Total,A,1\nS2,Ib,A,3\nS1,Ib,A,2\nS2,I alt,,9\n");
	/* a total that matches nothing after one without points: its one
	 * figure (the rows since it are all rows above it) */
	counted_fast("case_id,worker,team,points\n,I alt,,\nS1,Bo,A,1\n"
	    ",I alt,,5\n");
	/* shared case ids read again in the second pass, with totals */
	counted_fast("case_id,worker,team,points\nS1,Bo,A,1\nS2,Ib,A,2\n"
	    ",Subtotal,,3\nS1,Ib,A,3\nS1,Sum,A,3\n,I alt,,6\n");
	/* still the general way: a total row with more fields than the
	 * line can hold for the fast way, a sum row in a short row */
	declined("case_id,worker,team,points\nS1,Bo,A,1\n,I alt,,1,,,\n", 0);
	declined("case_id,worker,team,points\nS1,Bo,A,1\n,,1\n", 0);
}
END_TEST

static void
append_text(struct cl_buf *b, const char *text)
{
	cl_buf_append(b, text, strlen(text));
}

START_TEST(test_formula_cells_are_counted_fast)
{
	struct cl_buf b = { 0 };

	/* ="00123" is its text, noted once a list on its first line, before
	 * the Windows-1252 note of the same line or a later one, and before
	 * a total row's or a footer's note */
	counted_fast("case_id;worker;team;points\n=\"00123\";Bo;A;1\n"
	    "=\"00124\";Ib;B;2\n");
	counted_fast("case_id;worker;team;points\nS1;Bo;A;1\n"
	    "=\"0012\"\"4\";=\"Ib\";=\"B\";=\"2\"\n=\"\";Al;A;1\n");
	counted_fast("case_id;worker;team;points\n=\"00123\";S\xf8ren;A;1\n"
	    "=\"00124\";\xc6se;B;2\n;I alt;;3\nUdskrevet 01-12-2026 af XY;;;\n");
	counted_fast("case_id;worker;team;points\nS1;S\xf8ren;A;1\n"
	    "=\"00124\";Ib;B;2\n");
	counted_fast("case_id;worker;team;points\n=\"00123\";Bo;A;1\n"
	    "S2;\xc6se;B;2\n;I alt;;3\n");
	counted_fast("case_id;worker;team;points\nS1;Bo;A;1\n"
	    "=\"Udskrevet 01-12-2026 af XY\";;;\n");
	counted_fast("case_id,worker,team,points\n=\"7\",Bo,A,1\n"
	    "=\"7\",Ib,A,2\n");
	/* "=""00123""", as CSV libraries quote ="00123" */
	counted_fast("case_id;worker;team;points\nS1;Bo;A;1\n"
	    "\"=\"\"00124\"\"\";Ib;B;2\n=\"00125\";Al;A;1\n"
	    "\"=\"\"a\"\"b\"\"\";Al;A;1\n");
	counted_fast("case_id,worker,team,points\n=\"7\",Bo,A,1\n"
	    "\"=\"\"7\"\"\",Ib,A,1\n");
	/* one that is not all of the cell is the error it always was */
	declined("case_id;worker;team;points\n=\"00123\"x;Bo;A;1\n", 0);
	/* in every chunk, or in one, however cut */
	for (int at = -1; at < 12; at++) {
		b.len = 0;
		append_text(&b, "case_id;worker;points\n");
		for (int i = 0; i < 12; i++) {
			char line[64];

			snprintf(line, sizeof line, i == at || at < 0 ?
			    "=\"%05d\";W%d;%d\n" : "S%d;W%d;%d\n", i, i % 3,
			    1 + i % 2);
			append_text(&b, line);
		}
		cl_buf_putc(&b, '\0');
		counted_fast(b.data);
	}
	cl_buf_free(&b);
}
END_TEST

START_TEST(test_footer_lines_are_counted_fast)
{
	struct cl_buf b = { 0 };

	/* footer lines below the table, in each column but points, after
	 * total rows and blank lines, quoted, in a short or long row: each
	 * is left out with a note, on its line */
	counted_fast("case_id;worker;team;points\nS1;Bo;A;1\nS2;Ib;B;2\n"
	    "Udskrevet 01-12-2026 af XY;;;\n");
	counted_fast("case_id;worker;team;points\nS1;Bo;A;1\nS2;Ib;B;2\n"
	    ";I alt;;3\n;;;\n\nUdskrevet 01-12-2026 af XY;;;\n"
	    ";;Kilde: fagsystemet Sag;\n\n");
	counted_fast("case_id,worker,team,points\nS1,Bo,A,1\n"
	    ",Udskrevet af XY 01-12-2026,,\n");
	counted_fast("case_id,worker,team,points\nS1,Bo,A,1\n"
	    "\"Udskrevet 01-12-2026, af XY\"\nKilde: fagsystemet,,,,,\n");
	counted_fast("case_id,worker,category\nS1,Bo,simple\n"
	    ",,Kilde: fagsystemet\n");
	counted_fast("case_id;worker;team;points\nS1;Bo;A;1\n"
	    "Udskrevet 01-12-2026 af S\xc3\xb8ren \xc3\x86r\xc3\xb8;;;\n");
	/* the reader's note on a footer's text (not UTF-8: Windows-1252)
	 * comes in line order, after the footer held above it; so does a
	 * UTF-8 footer's warning in a Windows-1252 list (said the general
	 * way), and both when a row below makes the footers rows (found by
	 * fuzz_fast) */
	counted_fast("case_id;worker;team;points\nS1;Bo;A;1\n"
	    "Udskrevet 01-12-2026 af XY;;;\nKilde: fag\x86ystemet;;;;;;\n");
	declined("case_id;worker;team;points\nS1;B\xf8;A;1\n"
	    "Udskrevet 01-12-2026 af XY;;;\n"
	    "Kilde: S\xc3\xb8ren \xc3\x86r\xc3\xb8;;;\n", 0);
	declined("case_id;worker;team;points\nS1;Bo;A;1\n"
	    "Udskrevet 01-12-2026 af XY;;;\nKilde: fag\x86ystemet;;;;;;\n"
	    "S2;Ib;B;2\n", 0);
	declined("case_id;worker;team;points\nS1;B\xf8;A;1\n"
	    "Udskrevet 01-12-2026 af XY;;;\n"
	    "Kilde: S\xc3\xb8ren \xc3\x86r\xc3\xb8;;;\nS2;Ib;B;2\n", 0);
	/* shared case ids read again in the second pass, with a footer */
	counted_fast("case_id,worker,team,points\nS1,Bo,A,1\nS1,Ib,A,2\n"
	    "Udskrevet 01-12-2026 af XY,,,\n");
	counted_fast("case_id,worker,team,points\nS1,Bo,A,1\nS1,Ib,A,2\n"
	    "Kilde: fagsystemet uge 49,,,,,,\n\"Udskrevet af XY\",,\n");
	/* a footer with a row below it is that row: the general way says
	 * what is wrong with it; words alone in the worker column are a
	 * name, a total word is a total row, points are no footer */
	declined("case_id;worker;team;points\nS1;Bo;A;1\n"
	    "Udskrevet 01-12-2026 af XY;;;\nS2;Ib;B;2\n", 0);
	declined("case_id;worker;team;points\nS1;Bo;A;1\n"
	    "Udskrevet 01-12-2026 af XY;;;\n;I alt;;1\n", 0);
	declined("case_id;worker;team;points\nS1;Bo;A;1\n"
	    ";Udskrevet af XY;;\n", 0);
	declined("case_id;worker;team;points\nS1;Bo;A;1\n;;;1 2 3\n", 0);
	declined("case_id;worker;team;points\nS1;Bo;A;1\nUdskrevet;;;\n", 0);
	/* chunks cut anywhere around the footers: a row in a later chunk
	 * than a footer's makes it a row too */
	for (int at = 0; at < 12; at++) {
		b.len = 0;
		append_text(&b, "case_id;worker;points\n");
		for (int i = 0; i < 12; i++) {
			char line[64];

			if (i == at)
				append_text(&b, "Kilde: fagsystemet uge 49;;\n");
			snprintf(line, sizeof line, "S%d;W%d;%d\n", i, i % 3,
			    1 + i % 2);
			append_text(&b, line);
		}
		append_text(&b, "Udskrevet 01-12-2026 af XY;;\n");
		cl_buf_putc(&b, '\0');
		declined(b.data, 0);
	}
	/* footers and blank lines below the last row, however cut */
	b.len = 0;
	append_text(&b, "case_id;worker;points\n");
	for (int i = 0; i < 12; i++) {
		char line[64];

		snprintf(line, sizeof line, "S%d;W%d;%d\n", i, i % 3, 1 + i % 2);
		append_text(&b, line);
	}
	for (int i = 0; i < 6; i++)
		append_text(&b, i % 2 ? ";;\n" : "Udskrevet 01-12-2026 af XY;;\n");
	append_text(&b, "Kilde: fagsystemet,,,,,\n");
	cl_buf_putc(&b, '\0');
	counted_fast(b.data);
	cl_buf_free(&b);
}
END_TEST

/* Split over `parts` files (each with the title and header), with and
 * without one of them a pipe, both ways agree for 1..3 threads; returns
 * how many runs were fast. */
static int
files_agree(const char *text, unsigned parts)
{
	struct cl_reader_options ropt = { 0 };
	int fast_runs = 0;

	for (unsigned pipe_part = 0; pipe_part <= 1; pipe_part++)
		for (unsigned threads = 1; threads <= 3; threads++) {
			struct way_plan plan = { WAY_FILES, 0, parts,
				pipe_part ? parts : 0 };
			struct way general, quick;
			const char *why;

			way_run(text, strlen(text), config, &ropt, 0, &plan,
			    &general);
			plan.threads = threads;
			way_run(text, strlen(text), config, &ropt, 0, &plan,
			    &quick);
			why = way_compare(&general, &quick);
			ck_assert_msg(why == NULL, "%s, %u parts, %u threads:\n"
			    "%s\ngeneral:\n%s\nfast:\n%s", why, parts, threads,
			    text, general.said.data, quick.said.data);
			fast_runs += quick.fast;
			way_free(&general);
			way_free(&quick);
		}
	return fast_runs;
}

START_TEST(test_several_files_with_titles_and_totals_are_counted_fast)
{
	struct cl_buf b = { 0 };

	/* each file has the title, the header and total rows; what the
	 * headers and total rows say comes file by file, as the general
	 * way says it */
	for (int title = 0; title < 4; title++)
		for (unsigned parts = 2; parts <= 4; parts++) {
			subtotalled(&b, title, 6, title == 2 ? 3 : 0,
			    ",I alt,,%ld\n");
			ck_assert_int_eq(files_agree(b.data, parts), 6);
		}
	/* a Windows-1252 title: each file notes it, and is read so */
	ck_assert_int_eq(files_agree("Sager for B\xf8rn og Unge;;;\n"
	    "Sagsnr;Sagsbehandler;Team;Point\nS1;S\xf8ren;B\xf8rn Syd;7,5\n"
	    "S2;\xc5se;B\xf8rn Syd;2\nI alt;;;9,5\nS3;Bo;Nord;1\n"
	    "I alt;;;1\n", 2), 6);
	/* still the general way: a row that says something, in any file */
	subtotalled(&b, 1, 6, 0, ",,,%ld1\n");
	ck_assert_int_eq(files_agree(b.data, 3), 0);
	cl_buf_free(&b);
}
END_TEST

/* Both ways agree with reader options ropt for 1..3 threads; returns
 * how many runs were fast. */
static int
agree_with(const char *text, const struct cl_reader_options *ropt)
{
	int fast_runs = 0;

	for (unsigned threads = 1; threads <= 3; threads++) {
		int fast;
		const char *why = ways_differ(text, strlen(text), config, ropt, 0,
		    threads, &fast);

		ck_assert_msg(why == NULL, "%s with %u threads for:\n%s", why,
		    threads, text);
		fast_runs += fast;
	}
	return fast_runs;
}

START_TEST(test_windows_1252_is_counted_fast)
{
	struct cl_reader_options forced = { 0 };
	static const char title[] = "Sager for B\xf8rn og Unge;;;\n;;;\n"
	    "Sagsnr;Sagsbehandler;Team;Point\nS1;S\xf8ren;B\xf8rn Syd;7,5\n"
	    "S2;\xc5se;B\xf8rn Syd;2\nS3;\x93" "Bo\x94 Lund;;1\nI alt;;;10,5\n";
	static const char header[] = "Sagsnr;Sagsbehandler;Team;V\xe6gt\n"
	    "S1;S\xf8ren;B\xf8rn Syd;7,5\nS2;\xc5se;Nord;2\n";
	static const char late[] = "Sagsnr;Sagsbehandler;Team;Point\n"
	    "S1;Bo;A;1\nS2;S\xf8ren;B;2\n";
	static const char utf8[] = "Sagsnr;Sagsbehandler;Team;Point\n"
	    "S1;S\xc3\xb8ren;B;2\n";

	/* the title or the header says it is not UTF-8: the rest is read
	 * as Windows-1252 both ways */
	ck_assert_int_eq(agree_with(title, &forced), 3);
	ck_assert_int_eq(agree_with(header, &forced), 3);
	/* decided in a row: the fast way says the note there too */
	ck_assert_int_eq(agree_with(late, &forced), 3);
	/* a title line in UTF-8 below one in Windows-1252: its warning is
	 * said by the header's search, both ways, and the rows are counted
	 * fast (fuzz_fast once took it for a row's message) */
	counted_fast("Sager uge 49 \x96\nB\xc3\xb8rn og Unge Syd;;\n"
	    "case_id,worker,points\nC1,A,1\nC2,B,2\n");
	/* --encoding windows-1252: every file, UTF-8 bytes or not */
	forced.encoding = CL_ENC_WINDOWS_1252;
	forced.encoding_given = 1;
	ck_assert_int_eq(agree_with(late, &forced), 3);
	ck_assert_int_eq(agree_with(utf8, &forced), 3);
	ck_assert_int_eq(agree_with(title, &forced), 3);
	/* UTF-16 is decoded first: the general way */
	forced.encoding = CL_ENC_UTF16LE;
	ck_assert_int_eq(agree_with("w\0o\0r\0k\0e\0r\0,\0p\0o\0i\0n\0t\0"
	    "s\0\n\0B\0o\0,\0\x31\0\n\0", &forced), 0);
}
END_TEST

START_TEST(test_windows_1252_below_the_header_is_counted_fast)
{
	struct cl_buf b = { 0 };

	/* the first cell that is not ASCII decides, wherever the chunks
	 * are cut: not UTF-8, a note on its line and Windows-1252 for the
	 * rest; in a team, a case id, a total row's label, a footer */
	counted_fast("case_id;worker;team;points\nS1;Bo;A;1\n;Subtotal;;1\n"
	    "S2;S\xf8ren;B;2\nS3;\xc5se;B;1\n;I alt;;3\n");
	counted_fast("case_id;worker;team;points\nS1;Bo;B\xf8rn Syd;1\n"
	    "S2;Ib;B\xf8rn Syd;2\n");
	counted_fast("case_id;worker;team;points\nS1;Bo;A;1\n\xc6-2;Ib;A;2\n"
	    "\xc6-2;Bo;A;1\n");
	counted_fast("case_id;worker;team;points\nS1;Bo;A;1\n"
	    ";I alt (\xe6ldre);;1\n");
	counted_fast("case_id;worker;team;points\nS1;Bo;A;1\n"
	    "Udskrevet 01-12-2026 af S\xf8ren;;;\n");
	/* valid UTF-8 first decides UTF-8: later bytes that are not are an
	 * error, the general way */
	declined("case_id;worker;team;points\nS1;S\xc3\xb8ren;A;1\n"
	    "S2;\xc5se;B;1\n", 0);
	declined("case_id;worker;team;points\nS1;Bo;B\xc3\xb8rn;1\n"
	    "S2;Ib;A;1\nS3;\xc5se;B;1\n", 0);
	/* Windows-1252 first, then a row that is valid UTF-8 (\xc3\xb8 is
	 * "\xc3\x83\xc2\xb8" in Windows-1252): the general way reads it as
	 * UTF-8 with a warning, so the fast way, which reads the list again
	 * as Windows-1252 when a later chunk took it for UTF-8, declines
	 * wherever the chunks are cut */
	for (int at = 1; at < 10; at++) {
		b.len = 0;
		append_text(&b, "case_id;worker;points\n");
		for (int i = 0; i < 10; i++) {
			char line[64];

			snprintf(line, sizeof line, "S%d;%s;%d\n", i, i == 0 ?
			    "S\xf8ren" : i == at ? "S\xc3\xb8ren" : "Bo", 1 + i % 2);
			append_text(&b, line);
		}
		cl_buf_putc(&b, '\0');
		declined(b.data, 0);
	}
	cl_buf_free(&b);
}
END_TEST

/* text (UTF-8) as UTF-16, little-endian or not, after its byte-order
 * mark; a code point 0xd800 + k stands for an unpaired surrogate. */
static void
utf16_of(struct cl_buf *b, const char *text, int le)
{
	const unsigned char *p = (const unsigned char *)text;

	b->len = 0;
	cl_buf_append(b, le ? "\xff\xfe" : "\xfe\xff", 2);
	while (*p != '\0') {
		unsigned u = *p, units[2];
		int n = *p < 0x80 ? 1 : *p < 0xe0 ? 2 : *p < 0xf0 ? 3 : 4, k = 1;

		if (n > 1)
			u &= 0xffu >> (n + 1);
		for (int i = 1; i < n; i++)
			u = u << 6 | (p[i] & 0x3fu);
		p += n;
		units[0] = u;
		if (u >= 0x10000) {
			units[0] = 0xd800 + ((u - 0x10000) >> 10);
			units[1] = 0xdc00 + ((u - 0x10000) & 0x3ff);
			k = 2;
		}
		for (int i = 0; i < k; i++) {
			char two[2] = { (char)(le ? units[i] & 0xff : units[i] >> 8),
				(char)(le ? units[i] >> 8 : units[i] & 0xff) };

			cl_buf_append(b, two, 2);
		}
	}
}

/* Both ways agree on text as UTF-16 (either byte order, extra bytes
 * after it), for 1..3 threads; returns how many runs were fast. */
static int
utf16_agree(const char *text, const char *extra, size_t nextra)
{
	struct cl_reader_options ropt = { 0 };
	struct cl_buf b = { 0 };
	int fast_runs = 0;

	for (int le = 0; le <= 1; le++)
		for (unsigned threads = 1; threads <= 3; threads++) {
			int fast;
			const char *why;

			utf16_of(&b, text, le);
			cl_buf_append(&b, extra, nextra);
			why = ways_differ(b.data, b.len, config, &ropt, 0, threads,
			    &fast);
			ck_assert_msg(why == NULL, "%s with %u threads for:\n%s",
			    why, threads, text);
			fast_runs += fast;
		}
	cl_buf_free(&b);
	return fast_runs;
}

START_TEST(test_utf16_is_counted_fast)
{
	/* "Unicode text" from Excel: tabs, CRLF, a title, a total row, a
	 * footer, names outside the BMP */
	ck_assert_int_eq(utf16_agree("case_id\tworker\tteam\tpoints\r\n"
	    "S1\tBo\tA\t1\r\nS2\tIb\tB\t2\r\n", "", 0), 6);
	ck_assert_int_eq(utf16_agree("\xc3\x84renden vecka 49\t\t\t\r\n"
	    "\t\t\t\r\nArendenr\tHandl\xc3\xa4ggare\tEnhet\tPo\xc3\xa4ng\r\n"
	    "S1\t\xc3\x85sa \xc3\x96" "berg\tNorr\t7,5\r\n"
	    "S2\tBo \xf0\x9f\x98\x80\tNorr\t2\r\n"
	    "S1\tBj\xc3\xb6rn\tS\xc3\xb6" "der\t1\r\nSumma\t\t\t10,5\r\n"
	    "Utskrivet 2026-12-01 av XY\t\t\t\r\n", "", 0), 6);
	/* a mark right after the mark is no text either */
	ck_assert_int_eq(utf16_agree("\xef\xbb\xbf" "case_id,worker,points\n"
	    "S1,Bo,1\n", "", 0), 6);
	/* what the general way says, it says of the UTF-16: a bad row, no
	 * line break at the end, an unpaired surrogate, an odd byte */
	ck_assert_int_eq(utf16_agree("case_id,worker,points\nS1,Bo,x\n",
	    "", 0), 0);
	ck_assert_int_eq(utf16_agree("case_id,worker,points\nS1,Bo,1", "",
	    0), 0);
	ck_assert_int_eq(utf16_agree("case_id,worker,points\nS1,B", "\x00\xd8"
	    "o\0,\0\x31\0\n\0", 10), 0);
	ck_assert_int_eq(utf16_agree("case_id,worker,points\nS1,Bo,1\n",
	    "\n", 1), 0);
}
END_TEST

/* A file is decoded a block (1 MiB) at a time: a character outside the
 * BMP whose two units straddle the end of the first block. */
START_TEST(test_utf16_blocks_keep_surrogate_pairs)
{
	struct cl_reader_options ropt = { 0 };
	struct cl_buf text = { 0 }, b = { 0 };
	/* the mark, then units: the high surrogate at byte 1 MiB - 2 */
	size_t before = ((size_t)1 << 19) - 2;
	int fast;
	long i;

	append_text(&text, "case_id,worker,points\n");
	for (i = 0; text.len + 20 < before; i++) {
		char line[32];

		snprintf(line, sizeof line, "S%ld,Bo,1\n", i);
		append_text(&text, line);
	}
	while (text.len + 8 < before)
		append_text(&text, "x");
	append_text(&text, ",Bo,1\nS,");	/* the 'x's: one long case id */
	ck_assert_uint_eq(text.len, before);
	append_text(&text, "\xf0\x9f\x98\x80 Ib,2\n");
	utf16_of(&b, text.data, 1);
	ck_assert_ptr_null(ways_differ(b.data, b.len, config, &ropt, 0, 2,
	    &fast));
	ck_assert_int_eq(fast, 1);
	cl_buf_free(&text);
	cl_buf_free(&b);
}
END_TEST

START_TEST(test_columns_named_by_the_user)
{
	static const char json[] = "{\"columns\": {\"worker\": \"Navn\", "
	    "\"case_id\": \"L\xc3\xb8" "benr\"}, \"targets\": {\"points\": 10}}";
	static const char *const files[] = {
		"L\xc3\xb8" "benr;Sagsbehandler;Navn;Point\n1;Bo;Ib;2\n2;Bo;Eva;3\n",
		"Navn;Point\nIb;2\n",         /* no Løbenr: an error */
		"L\xc3\xb8" "benr;Navn;Point\n1;Ib;11\n",   /* above the target */
	};
	struct cl_config *named = cl_config_new();
	struct cl_reader_options ropt = { 0 };

	ck_assert_int_eq(cl_config_read(named, "c.json", json, sizeof json - 1,
	    NULL, NULL), CL_OK);
	for (size_t i = 0; i < sizeof files / sizeof *files; i++)
		for (unsigned threads = 1; threads <= 3; threads++) {
			int fast;
			const char *why = ways_differ(files[i], strlen(files[i]),
			    named, &ropt, 0, threads, &fast);

			ck_assert_msg(why == NULL, "%s: %s", why, files[i]);
			ck_assert_int_eq(fast, i == 0);
		}
	cl_config_free(named);
}
END_TEST

START_TEST(test_random_files_agree)
{
	struct cl_reader_options ropt = { 0 };
	uint64_t rng = 20261123;
	int fast_files = 0, files = 400;

	for (int f = 0; f < files; f++) {
		struct cl_buf b = { 0 };
		struct shape sh = { 0 };
		long rows = (long)test_random_between(&rng, 0, 60);
		int roster = f % 4 == 0, fast;
		const char *why;

		sh.delim = test_random_between(&rng, 0, 1) ? ',' : ';';
		sh.odd_rate = f % 2 ? 0 : 20;
		sh.multiline_team = test_random_between(&rng, 0, 3) == 0;
		cl_buf_append(&b, sh.delim == ',' ? "case_id,worker,team,points\n"
		    : "case_id;worker;team;points\n", 27);
		for (long r = 1; r <= rows; r++)
			random_row(&b, &rng, &sh, r, sh.odd_rate > 0 &&
			    test_random_between(&rng, 1, (size_t)sh.odd_rate) == 1);
		why = ways_differ(b.data, b.len, config, &ropt, roster,
		    (unsigned)test_random_between(&rng, 1, 4), &fast);
		ck_assert_msg(why == NULL, "file %d: %s:\n%.*s", f, why,
		    (int)b.len, b.data);
		/* a clean file is counted fast, even when a chunk ends inside
		 * quotes, unless the roster lacks its workers */
		ck_assert_msg(fast || sh.odd_rate > 0 || roster || rows == 0,
		    "file %d, clean, was not counted fast:\n%.*s", f,
		    (int)b.len, b.data);
		fast_files += fast;
		cl_buf_free(&b);
	}
	ck_assert_int_ge(fast_files, files / 3);
}
END_TEST

/* ---- fingerprints ---- */

START_TEST(test_fingerprints_of_short_texts_differ)
{
	/* every text of up to 3 bytes from 16 letters, and lengths 0..40 */
	static const char letters[] = "abcdefghijklmnop";
	struct cl_prints p;
	struct cl_prints *set = &p;
	uint64_t *repeats;
	char text[48];

	cl_prints_init(&p, 5000);
	for (int n = 0; n <= 3; n++) {
		size_t total = 1;

		for (int k = 0; k < n; k++)
			total *= 16;
		for (size_t v = 0; v < total; v++) {
			size_t x = v;

			for (int k = 0; k < n; k++, x /= 16)
				text[k] = letters[x % 16];
			cl_prints_add(&p, cl_fingerprint(text, (size_t)n));
		}
	}
	memset(text, 'a', sizeof text);
	for (size_t n = 4; n <= 40; n++)
		cl_prints_add(&p, cl_fingerprint(text, n));
	ck_assert_uint_eq(cl_prints_repeats(&set, 1, 0, (size_t)1 << p.bits,
	    &repeats, 0), 0);
	cl_prints_free(&p);
}
END_TEST

START_TEST(test_a_repeat_is_found_across_sets)
{
	struct cl_prints a, b;
	struct cl_prints *sets[2] = { &a, &b };
	uint64_t *repeats, seven;
	size_t nb;

	cl_prints_init(&a, 100000);
	cl_prints_init(&b, 100000);
	nb = (size_t)1 << a.bits;
	ck_assert_uint_gt(nb, 1);
	for (uint64_t i = 0; i < 50000; i++) {
		cl_prints_add(&a, cl_fingerprint((const char *)&i, sizeof i));
		cl_prints_add(&b, cl_fingerprint((const char *)&i, 4) ^
		    0x5555);
	}
	ck_assert_uint_eq(cl_prints_repeats(sets, 2, 0, nb, &repeats, 0), 0);
	seven = cl_fingerprint("\x07\0\0\0\0\0\0\0", 8);
	cl_prints_add(&b, seven);
	/* over `most` repeats: -1; else each repeat once */
	ck_assert_uint_eq(cl_prints_repeats(sets, 2, 0, nb, &repeats, 0),
	    (size_t)-1);
	ck_assert_ptr_null(repeats);
	ck_assert_uint_eq(cl_prints_repeats(sets, 2, 0, nb, &repeats, 10), 1);
	ck_assert(repeats[0] == seven || (seven == 0 && repeats[0] == 1));
	free(repeats);
	/* 0 and 1 share a slot marker: counted as a repeat, never missed */
	cl_prints_add(&a, 0);
	cl_prints_add(&a, 0);
	ck_assert_uint_eq(cl_prints_repeats(sets, 1, 0, 1, &repeats, 10), 1);
	ck_assert(repeats[0] == 1);
	free(repeats);
	cl_prints_free(&a);
	cl_prints_free(&b);
}
END_TEST

/* ---- the fence: an engine that keeps no case ids ---- */

static const char fence_text[] = "case_id,worker,team,points\n"
    "C1,Bo,A,60\nC2,Bo,A,70\nC3,Ib,A,10\n";

/* A memfd holding fence_text, at its start. */
static int
fence_file(void)
{
	int fd = memfd_create("cases", 0);

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, fence_text, sizeof fence_text - 1),
	    (ssize_t)(sizeof fence_text - 1));
	ck_assert_int_eq(lseek(fd, 0, SEEK_SET), 0);
	return fd;
}

/* An engine that has read fence_text through fd, for its report only
 * (the public entry point) or the general way. */
static struct cl_engine *
fence_engine(int fd, int for_report)
{
	struct cl_targets t;
	struct cl_engine *e;
	struct cl_source *src;
	int fatal;

	cl_targets_default(&t);
	e = cl_engine_new(&t, NULL, NULL);
	src = cl_source_cases(e, "cases.csv", NULL, NULL, NULL);
	ck_assert_int_eq(for_report ?
	    cl_source_read_fd_for_report(src, fd, &fatal) :
	    cl_source_read_fd(src, fd, &fatal), CL_OK);
	cl_source_free(src);
	close(fd);
	return e;
}

START_TEST(test_the_general_way_keeps_case_ids)
{
	struct cl_engine *e = fence_engine(fence_file(), 0);
	struct cl_plan_options o;
	struct cl_plan *plan;

	ck_assert_int_eq(cl_engine_has_case(e, "C1"), 1);
	cl_plan_options_default(&o);
	plan = cl_engine_rebalance(e, &o);
	ck_assert_uint_eq(plan->nmoves, 1);	/* Bo is over: C2 or C1 to Ib */
	cl_plan_free(plan);
	cl_ranking_free(cl_engine_assign(e, CL_DEC(1), NULL));
	cl_engine_free(e);
}
END_TEST

/* Each of these must end in abort() (SIGABRT): without the fence they
 * would answer from an engine that has no case ids, silently wrong. */
START_TEST(test_rebalance_of_a_report_only_engine_aborts)
{
	struct cl_engine *e = fence_engine(fence_file(), 1);
	struct cl_plan_options o;

	cl_plan_options_default(&o);
	cl_plan_free(cl_engine_rebalance(e, &o));
	cl_engine_free(e);
}
END_TEST

START_TEST(test_assign_on_a_report_only_engine_aborts)
{
	struct cl_engine *e = fence_engine(fence_file(), 1);

	cl_ranking_free(cl_engine_assign(e, CL_DEC(1), NULL));
	cl_engine_free(e);
}
END_TEST

START_TEST(test_case_lookup_on_a_report_only_engine_aborts)
{
	struct cl_engine *e = fence_engine(fence_file(), 1);

	(void)cl_engine_has_case(e, "C1");
	cl_engine_free(e);
}
END_TEST

START_TEST(test_pairs_of_a_report_only_engine_abort)
{
	struct cl_engine *e = fence_engine(fence_file(), 1);
	struct cl_pair *pairs;

	(void)cl_engine_pairs(e, &pairs);
	free(pairs);
	cl_engine_free(e);
}
END_TEST

/* A pipe is read the general way, but the engine is still report-only:
 * misuse is caught whatever the input. */
START_TEST(test_the_fence_holds_when_the_fast_way_is_not_taken)
{
	int p[2];
	struct cl_engine *e;

	ck_assert_int_eq(pipe(p), 0);
	ck_assert_int_eq(write(p[1], fence_text, sizeof fence_text - 1),
	    (ssize_t)(sizeof fence_text - 1));
	close(p[1]);
	e = fence_engine(p[0], 1);
	(void)cl_engine_has_case(e, "C1");
	cl_engine_free(e);
}
END_TEST

START_TEST(test_a_row_after_a_fast_count_aborts)
{
	struct cl_targets t;
	struct cl_engine *e;
	struct cl_source *src;
	struct cl_case c = { "Bo", "C1", "A", CL_DEC(1), "more.csv", 2, 0,
		NULL };
	int fd = fence_file(), fast = 0, fatal;

	cl_targets_default(&t);
	e = cl_engine_new(&t, NULL, NULL);
	src = cl_source_cases(e, "cases.csv", NULL, NULL, NULL);
	ck_assert_int_eq(cl_source_read_fd_with(src, fd,
	    &(struct cl_fast_tuning){ 2, 1 }, &fast, &fatal), CL_OK);
	ck_assert_int_eq(fast, 1);
	cl_source_free(src);
	close(fd);
	/* a second case list: C1 of Bo again would go unnoticed */
	cl_engine_add_case(e, &c);
	cl_engine_free(e);
}
END_TEST

/* Several files counted together make the engine report-only too, and
 * case ids asked of it abort. */
START_TEST(test_several_files_make_the_engine_report_only)
{
	static const char *const lists[] = { "jan.csv", "feb.csv" };
	struct cl_targets t;
	struct cl_engine *e;
	int fds[2] = { fence_file(), fence_file() };

	cl_targets_default(&t);
	e = cl_engine_new(&t, NULL, NULL);
	(void)cl_sources_count_fast(e, lists, fds, 2, NULL);
	close(fds[0]);
	close(fds[1]);
	(void)cl_engine_has_case(e, "C1");
	cl_engine_free(e);
}
END_TEST

START_TEST(test_a_fast_count_into_an_engine_with_ids_aborts)
{
	struct cl_targets t;
	struct cl_engine *e;
	struct cl_bulk b = { "Bo", NULL, 1, 1, 0, 0, 0, CL_DEC(1) };

	cl_targets_default(&t);
	e = cl_engine_new(&t, NULL, NULL);
	cl_engine_add_bulk(e, &b);
	cl_engine_free(e);
}
END_TEST

Suite *
read_fast_suite(void)
{
	Suite *s = suite_create("read_fast");
	TCase *tc = tcase_create("both ways");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, SLOW_TEST_SECONDS);
	tcase_add_test(tc, test_plain_files_are_counted_fast);
	tcase_add_test(tc, test_shared_case_ids_are_counted_fast);
	tcase_add_test(tc, test_too_many_shared_ids_are_read_the_general_way);
	tcase_add_test(tc, test_anything_said_is_said_the_general_way);
	tcase_add_test(tc, test_a_roster_is_respected);
	tcase_add_test(tc, test_limits_are_the_readers);
	tcase_add_test(tc, test_a_file_is_read_from_where_it_stands);
	tcase_add_test(tc, test_a_long_pipe_is_counted_in_full);
	tcase_add_test(tc, test_a_pipe_among_files_is_counted_fast);
	tcase_add_test(tc, test_a_spool_keeps_what_came);
	tcase_add_test(tc, test_a_pipe_is_counted_as_it_comes);
	tcase_add_test(tc, test_random_files_agree);
	tcase_add_test(tc, test_exports_as_case_systems_write_them);
	tcase_add_test(tc, test_titles_and_total_rows_are_counted_fast);
	tcase_add_test(tc, test_windows_1252_is_counted_fast);
	tcase_add_test(tc, test_several_files_with_titles_and_totals_are_counted_fast);
	tcase_add_test(tc, test_footer_lines_are_counted_fast);
	tcase_add_test(tc, test_formula_cells_are_counted_fast);
	tcase_add_test(tc, test_windows_1252_below_the_header_is_counted_fast);
	tcase_add_test(tc, test_utf16_is_counted_fast);
	tcase_add_test(tc, test_utf16_blocks_keep_surrogate_pairs);
	tcase_add_test(tc, test_columns_named_by_the_user);
	suite_add_tcase(s, tc);
	tc = tcase_create("rules");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_every_rule_of_the_list_declines);
	tcase_add_test(tc, test_a_sample_of_another_rule_fails);
	suite_add_tcase(s, tc);

	tc = tcase_create("fence");
	tcase_add_test(tc, test_the_general_way_keeps_case_ids);
	tcase_add_test_raise_signal(tc,
	    test_rebalance_of_a_report_only_engine_aborts, SIGABRT);
	tcase_add_test_raise_signal(tc,
	    test_assign_on_a_report_only_engine_aborts, SIGABRT);
	tcase_add_test_raise_signal(tc,
	    test_case_lookup_on_a_report_only_engine_aborts, SIGABRT);
	tcase_add_test_raise_signal(tc,
	    test_pairs_of_a_report_only_engine_abort, SIGABRT);
	tcase_add_test_raise_signal(tc,
	    test_the_fence_holds_when_the_fast_way_is_not_taken, SIGABRT);
	tcase_add_test_raise_signal(tc, test_a_row_after_a_fast_count_aborts,
	    SIGABRT);
	tcase_add_test_raise_signal(tc,
	    test_a_fast_count_into_an_engine_with_ids_aborts, SIGABRT);
	tcase_add_test_raise_signal(tc,
	    test_several_files_make_the_engine_report_only, SIGABRT);
	suite_add_tcase(s, tc);

	tc = tcase_create("fingerprints");
	tcase_add_test(tc, test_fingerprints_of_short_texts_differ);
	tcase_add_test(tc, test_a_repeat_is_found_across_sets);
	suite_add_tcase(s, tc);
	return s;
}
