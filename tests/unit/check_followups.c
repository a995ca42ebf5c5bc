/*
 * check_followups.c - follow-ups as load: exact sums of rates, a case
 * list read for follow-ups (errors, warnings, notes, shared cases), the
 * worker order and targets, and that the fast way declines such files
 * but still takes the others.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "helpers.h"
#include "suites.h"

Suite *followups_suite(void);

static struct cl_config *config;
static struct cl_engine *engine;
static struct diag_log log_;

static cl_date
day(const char *s)
{
	cl_date d = 0;

	ck_assert(cl_date_parse(s, strlen(s), 1, &d) == NULL);
	return d;
}

static void
setup(void)
{
	config = cl_config_new();
	memset(&log_, 0, sizeof log_);
	engine = cl_engine_new(&config->targets, diag_log_add, &log_);
	cl_engine_use_config(engine, config);
	cl_engine_use_followups(engine, day("2026-03-02"), 28);
}

static void
teardown(void)
{
	cl_engine_free(engine);
	cl_config_free(config);
	diag_log_free(&log_);
}

/* Feeds text through a source, `step` bytes at a time; its status. */
static int
feed(const char *text, int followups, size_t step)
{
	struct cl_source *src = (followups ? cl_source_followups
	    : cl_source_cases)(engine, "c.csv", NULL, diag_log_add, &log_);
	size_t len = strlen(text);
	int fatal, status;

	for (size_t i = 0; i < len; i += step)
		cl_source_feed(src, text + i, len - i < step ? len - i : step);
	status = cl_source_finish(src, &fatal);
	cl_source_free(src);
	return status;
}

START_TEST(fractions_are_exact)
{
	struct cl_frac f = { 0, 0 };

	cl_frac_add(&f, 1, 3);
	cl_frac_add(&f, 1, 3);
	ck_assert_int_eq(cl_frac_cmp_dec(&f, 666667), -1);
	ck_assert_int_eq(cl_frac_cmp_dec(&f, 666666), 1);
	ck_assert(cl_frac_hundredths(&f) == 670000);
	cl_frac_add(&f, 1, 3);
	ck_assert_int_eq(cl_frac_cmp_dec(&f, CL_DEC(1)), 0);
	ck_assert(cl_frac_hundredths(&f) == CL_DEC(1));
	f = (struct cl_frac){ 0, 0 };
	cl_frac_add(&f, 1461, 2016);
	ck_assert(cl_frac_hundredths(&f) == 720000);
	/* half away from zero: 1/200 is 0.01 */
	f = (struct cl_frac){ 0, 0 };
	cl_frac_add(&f, 1, 200);
	ck_assert(cl_frac_hundredths(&f) == 10000);
	ck_assert(cl_frac_hundredths(&(struct cl_frac){ 0, 0 }) == 0);
}
END_TEST

START_TEST(fractions_past_64_bits_stay_close)
{
	/* many coprime intervals: the exact denominator would not fit */
	static const int64_t primes[] = { 9973, 9967, 9949, 9941, 9931, 9929,
		9923, 9907 };
	struct cl_frac f = { 0, 0 };
	long double expected = 0;

	for (size_t i = 0; i < 8; i++) {
		cl_frac_add(&f, 1461, 48 * primes[i]);
		expected += 1461.0L / (48.0L * (long double)primes[i]);
	}
	ck_assert(f.den > 0);
	ck_assert((long double)f.num / f.den - expected < 1e-8L);
	ck_assert(expected - (long double)f.num / f.den < 1e-8L);
}
END_TEST

START_TEST(followups_of_a_case_list)
{
	struct cl_followups *f;

	ck_assert_int_eq(feed("case_id,worker,placement,placed,last_followup\n"
	    "C1,Ann,plejefamilie,2026-02-20,\n"
	    "C2,Ann,institution,2026-01-30,\n"
	    "C3,Bo,Familiehem,01.12.2025,20.01.2026\n"
	    "C3,Cy,familiehem,01.12.2025,20.01.2026\n"
	    "C4,Bo,kinship,2026-01-01,\n"
	    "C5,Bo,,,\n", 1, 7), CL_OK);
	ck_assert_str_eq(diag_log_text(&log_), "c.csv:0: note: placements "
	    "without a follow-up schedule (their cases have no follow-ups): "
	    "\"kinship\" (1)\n");
	f = cl_engine_followups(engine);
	ck_assert_uint_eq(f->nworkers, 3);
	/* over (overdue) first, then the highest rate */
	ck_assert_str_eq(f->workers[0].worker, "Ann");
	ck_assert_int_eq(f->workers[0].cases, 2);
	ck_assert_int_eq(f->workers[0].overdue, 1);
	ck_assert_int_eq(f->workers[0].due, 1);
	ck_assert(f->workers[0].per_month == CL_DEC(2));
	ck_assert(f->workers[0].over);
	ck_assert(!f->workers[0].has_target);
	ck_assert_str_eq(f->workers[1].worker, "Bo");
	ck_assert_str_eq(f->workers[2].worker, "Cy");
	ck_assert_int_eq(f->workers[2].cases, 1);
	ck_assert_int_eq(f->cases_total, 4);
	ck_assert_int_eq(f->overdue, 3);
	ck_assert_int_eq(f->due, 1);
	ck_assert_uint_eq(f->ncases, 4);
	/* by next due: C3's next due is 2026-02-20 for both workers */
	ck_assert_str_eq(f->cases[0].case_id, "C3");
	ck_assert_str_eq(f->cases[0].worker, "Bo");
	ck_assert_int_eq(f->cases[0].days_overdue, 10);
	ck_assert_str_eq(f->cases[1].worker, "Cy");
	ck_assert_str_eq(f->cases[2].case_id, "C2");
	ck_assert_str_eq(f->cases[2].placement, "institution");
	ck_assert_int_eq(f->cases[2].next_due, day("2026-02-28"));
	ck_assert_str_eq(f->cases[3].case_id, "C1");
	ck_assert_int_eq(f->cases[3].days_overdue, 0);
	cl_followups_free(f);
}
END_TEST

START_TEST(followups_row_errors)
{
	ck_assert_int_eq(feed("worker,placement,placed,last_followup,points\n"
	    "Ann,hvb,2026-02-30,,x\n"
	    "Ann,hvb,,,x\n"
	    "Ann,hvb,2026-01-10,2026-01-09,x\n"
	    "Ann,hvb,2026-01-10,2026-03-03,x\n"
	    "Ann,hvb,2026-01-10,2026-03-02,x\n", 1, 1), CL_EDATA);
	ck_assert_str_eq(diag_log_text(&log_),
	    "c.csv:1: note: no case id column: each row counts as one case, "
	    "and repeated rows cannot be found\n"
	    "c.csv:2: error: placed \"2026-02-30\" is not a day of the "
	    "calendar\n"
	    "c.csv:3: error: placed is empty, but placement \"hvb\" has a "
	    "follow-up schedule\n"
	    "c.csv:4: error: last_followup 2026-01-09 is before placed "
	    "2026-01-10\n"
	    "c.csv:5: error: last_followup 2026-03-03 is after the as-of date "
	    "2026-03-02\n");
}
END_TEST

/* A row whose follow-up date is wrong is an error under followups, but
 * the export printed it, so its points count for the total row, as the
 * report's check counts them: no "filtered or cut?" warning. */
START_TEST(followups_row_errors_count_for_the_total_row)
{
	ck_assert_int_eq(feed("case_id,worker,points,placement,placed\n"
	    "C1,Ann,3,hvb,2026-02-30\n"
	    "C2,Ann,4,hvb,2026-01-10\n"
	    "I alt,,7,,\n", 1, 5), CL_EDATA);
	ck_assert_str_eq(diag_log_text(&log_),
	    "c.csv:2: error: placed \"2026-02-30\" is not a day of the "
	    "calendar\n"
	    "c.csv:4: note: total row \"I alt\" (7 points) left out; it "
	    "matches the rows above it\n");
}
END_TEST

START_TEST(report_warns_and_counts_the_points)
{
	const struct cl_report *r;

	ck_assert_int_eq(feed("worker,points,placement,placed\n"
	    "Ann,3,hvb,2026-02-30\n"
	    "Ann,4,hvb,2026-01-10\n", 0, 1000), CL_OK);
	ck_assert_str_eq(diag_log_text(&log_),
	    "c.csv:1: note: no case id column: each row counts as one case, "
	    "and repeated rows cannot be found\n"
	    "c.csv:2: warning: placed \"2026-02-30\" is not a day of the "
	    "calendar; its follow-ups are not counted\n");
	r = cl_engine_report(engine, CL_SORT_NAME);
	ck_assert(r->has_followups);
	ck_assert(r->workers[0].points == CL_DEC(7));
	ck_assert(r->workers[0].followups_per_month == CL_DEC(1));
}
END_TEST

START_TEST(report_without_both_columns_has_no_followups)
{
	ck_assert_int_eq(feed("worker,points,placed\nAnn,3,garbage\n", 0, 5),
	    CL_OK);
	ck_assert_str_eq(diag_log_text(&log_),
	    "c.csv:1: note: no case id column: each row counts as one case, "
	    "and repeated rows cannot be found\n");
	ck_assert(!cl_engine_report(engine, CL_SORT_NAME)->has_followups);
}
END_TEST

/* A result rendered as `format` into a string the caller frees. */
static char *
render(struct cl_result *res, const char *format,
    const struct cl_render_options *opt)
{
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);

	ck_assert_int_eq(cl_render(res, format, opt, out), 0);
	ck_assert_int_eq(fclose(out), 0);
	cl_result_free(res);
	return text;
}

START_TEST(followups_result_walked_by_every_format)
{
	struct cl_render_options opt;
	struct cl_followups *f;
	char *text;

	ck_assert_int_eq(feed("worker,case_id,placement,placed,last_followup\n"
	    "Ann,C1,hvb,2026-01-10,\n"
	    "Bo,C2,plejefamilie,2026-02-20,\n", 1, 1000), CL_OK);
	f = cl_engine_followups(engine);
	cl_render_options_default(&opt);
	text = render(cl_result_followups(f, &opt), "csv", &opt);
	ck_assert_str_eq(text, "worker,team,cases,overdue,due,"
	    "followups_per_month,followups_target,status\n"
	    "Ann,,1,1,0,1,,over\n"
	    "Bo,,1,0,1,1,,ok\n");
	free(text);
	opt.list = 1;
	text = render(cl_result_followups(f, &opt), "csv", &opt);
	ck_assert_str_eq(text, "case_id,worker,placement,placed,"
	    "last_followup,next_due,days_overdue\n"
	    "C1,Ann,institution,2026-01-10,,2026-02-10,20\n"
	    "C2,Bo,foster family,2026-02-20,,2026-03-06,0\n");
	free(text);
	opt.decimal_sep = ',';
	text = render(cl_result_followups(f, &opt), "table", &opt);
	ck_assert_ptr_nonnull(strstr(text, "Case  Worker  Placement"));
	ck_assert_ptr_nonnull(strstr(text, "\n\nAs of 2026-03-02: 2 cases with "
	    "a follow-up schedule, 1 overdue, 1 due within 28 days; 2 "
	    "follow-ups a month.\n"));
	free(text);
	/* JSON has the workers and the cases, with --list or without */
	text = render(cl_result_followups(f, &opt), "json", &opt);
	ck_assert_ptr_nonnull(strstr(text, "{\n\t\"as_of\":\t\"2026-03-02\",\n"
	    "\t\"workers\":\t[{"));
	ck_assert_ptr_nonnull(strstr(text, "\"cases\":\t[{"));
	ck_assert_ptr_nonnull(strstr(text, "\"summary\":\t{\n\t\t\"cases\":\t2,"
	    "\n\t\t\"overdue\":\t1,\n\t\t\"due\":\t1,\n\t\t"
	    "\"followups_per_month\":\t2\n\t}"));
	free(text);
	cl_followups_free(f);
}
END_TEST

START_TEST(report_column_only_with_followups)
{
	struct cl_render_options opt;
	char *text;

	cl_render_options_default(&opt);
	ck_assert_int_eq(feed("worker,points,placement,placed\n"
	    "Ann,3,hvb,2026-01-10\n", 0, 1000), CL_OK);
	text = render(cl_result_report(cl_engine_report(engine,
	    CL_SORT_NAME), &opt), "csv", &opt);
	ck_assert_ptr_nonnull(strstr(text, ",reduction,followups_per_month\n"));
	ck_assert_ptr_nonnull(strstr(text, ",0,1\n"));
	free(text);
	text = render(cl_result_report(cl_engine_report(engine,
	    CL_SORT_NAME), &opt), "table", &opt);
	ck_assert_ptr_nonnull(strstr(text, "Load  F/month  Status\n"));
	free(text);
	text = render(cl_result_report(cl_engine_report(engine,
	    CL_SORT_NAME), &opt), "json", &opt);
	ck_assert_ptr_nonnull(strstr(text, "\"reduction\":\t0,\n\t\t\t"
	    "\"followups_per_month\":\t1,\n\t\t\t\"reason\""));
	free(text);
}
END_TEST

START_TEST(report_column_absent_without_followups)
{
	struct cl_render_options opt;
	const char *const formats[] = { "table", "csv", "tsv", "json" };

	cl_render_options_default(&opt);
	ck_assert_int_eq(feed("worker,points,placed\nAnn,3,2026-01-10\n", 0,
	    1000), CL_OK);
	for (size_t i = 0; i < 4; i++) {
		char *text = render(cl_result_report(cl_engine_report(engine,
		    CL_SORT_NAME), &opt), formats[i], &opt);

		ck_assert_ptr_null(strstr(text, "followups"));
		ck_assert_ptr_null(strstr(text, "F/month"));
		free(text);
	}
}
END_TEST

START_TEST(targets_scale_with_fte_and_reduction)
{
	struct cl_followups *f;
	struct cl_roster_entry half = { "Di", CL_DEC(1), NULL, CL_DEC(50),
		NULL, "r.csv", 2, NULL };

	config->targets.followups = CL_DEC(2);
	ck_assert_int_eq(cl_engine_add_roster(engine, &half), CL_OK);
	ck_assert_int_eq(cl_engine_add_worker(engine, "Ed", 1500000, NULL,
	    "r.csv", 3), CL_OK);
	cl_engine_use_config(engine, config);
	ck_assert_int_eq(feed("worker,placement,placed,last_followup\n"
	    "Di,hvb,2026-01-10,2026-02-20\n"
	    "Ed,hvb,2026-01-10,2026-02-20\n"
	    "Ed,hvb,2026-01-10,2026-02-20\n"
	    "Ed,hvb,2026-01-10,2026-02-20\n", 1, 3), CL_OK);
	f = cl_engine_followups(engine);
	ck_assert_str_eq(f->workers[0].worker, "Ed");   /* 3 above 3.0 no */
	ck_assert(f->workers[0].target == CL_DEC(3));
	ck_assert(!f->workers[0].over);
	ck_assert_str_eq(f->workers[1].worker, "Di");
	ck_assert(f->workers[1].target == CL_DEC(1));
	ck_assert(!f->workers[1].over);         /* 1 is not above 1 */
	cl_followups_free(f);
}
END_TEST

/* The fast way takes a plain file and declines one with follow-ups. */
static int
read_fast(const char *text, int *fast)
{
	int fd = memfd_create("cases", 0), fatal, status;
	struct cl_source *src = cl_source_cases(engine, "c.csv", NULL,
	    diag_log_add, &log_);

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	ck_assert_int_eq(lseek(fd, 0, SEEK_SET), 0);
	status = cl_source_read_fd_with(src, fd,
	    &(struct cl_fast_tuning){ 2, 1 }, fast, &fatal);
	cl_source_free(src);
	close(fd);
	return status;
}

START_TEST(fast_way_declines_followups_only)
{
	int fast;

	ck_assert_int_eq(read_fast("worker,points,placement,placed\n"
	    "Ann,3,hvb,2026-01-10\nBo,4,hvb,2026-01-10\n", &fast), CL_OK);
	ck_assert_int_eq(fast, 0);
	ck_assert(cl_engine_report(engine, CL_SORT_NAME)->workers[0]
	    .followups_per_month == CL_DEC(1));
}
END_TEST

START_TEST(fast_way_takes_a_plain_file)
{
	int fast;

	ck_assert_int_eq(read_fast("worker,points,placed\n"
	    "Ann,3,2026-01-10\nBo,4,2026-01-10\n", &fast), CL_OK);
	ck_assert_int_eq(fast, 1);
}
END_TEST

Suite *
followups_suite(void)
{
	Suite *s = suite_create("followups");
	TCase *tc = tcase_create("followups");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, fractions_are_exact);
	tcase_add_test(tc, fractions_past_64_bits_stay_close);
	tcase_add_test(tc, followups_of_a_case_list);
	tcase_add_test(tc, followups_row_errors);
	tcase_add_test(tc, followups_row_errors_count_for_the_total_row);
	tcase_add_test(tc, report_warns_and_counts_the_points);
	tcase_add_test(tc, report_without_both_columns_has_no_followups);
	tcase_add_test(tc, followups_result_walked_by_every_format);
	tcase_add_test(tc, report_column_only_with_followups);
	tcase_add_test(tc, report_column_absent_without_followups);
	tcase_add_test(tc, targets_scale_with_fte_and_reduction);
	tcase_add_test(tc, fast_way_declines_followups_only);
	tcase_add_test(tc, fast_way_takes_a_plain_file);
	suite_add_tcase(s, tc);
	return s;
}
