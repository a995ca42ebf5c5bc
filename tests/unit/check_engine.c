/*
 * check_engine.c - sums and classification, with no I/O: rows go in
 * through cl_engine_add_case, diagnostics are collected as text.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "suites.h"

static struct diag_log log_;
static struct cl_engine *engine;

static void
setup(void)
{
	engine = test_engine_new(&log_);
}

static void
teardown(void)
{
	cl_engine_free(engine);
	engine = NULL;
	diag_log_free(&log_);
}

static cl_dec
dec(const char *s)
{
	cl_dec v = 0;

	ck_assert_msg(cl_dec_parse(s, strlen(s), &v) == NULL, "bad %s", s);
	return v;
}

static int
add_row(const char *worker, const char *case_id, const char *team,
    const char *points, const char *file, long line)
{
	struct cl_case c = { .worker = worker, .case_id = case_id,
		.team = team, .points = dec(points), .file = file,
		.line = line };

	return cl_engine_add_case(engine, &c);
}

static int
add(const char *worker, const char *case_id, const char *points, long line)
{
	return add_row(worker, case_id, NULL, points, "cases.csv", line);
}

static int
roster(const char *worker, const char *fte, const char *team, long line)
{
	return cl_engine_add_worker(engine, worker, dec(fte), team,
	    "roster.csv", line);
}

static const struct cl_worker *
find(const struct cl_report *r, const char *name)
{
	for (size_t i = 0; i < r->nworkers; i++)
		if (strcmp(r->workers[i].name, name) == 0)
			return &r->workers[i];
	ck_abort_msg("no worker %s in the report", name);
	return NULL;
}

/* The workers' names in report order, comma-separated; caller frees. */
static char *
order(const struct cl_report *r)
{
	struct cl_buf b = { 0 };

	cl_buf_append(&b, "", 0);
	for (size_t i = 0; i < r->nworkers; i++) {
		if (i > 0)
			cl_buf_putc(&b, ',');
		cl_buf_append(&b, r->workers[i].name,
		    strlen(r->workers[i].name));
	}
	return b.data;
}

static void
assert_order(enum cl_sort sort, const char *expected)
{
	char *got = order(cl_engine_report(engine, sort));

	ck_assert_str_eq(got, expected);
	free(got);
}

START_TEST(sums_are_exact)
{
	const struct cl_report *r;

	for (int i = 0; i < 10; i++)
		ck_assert_int_eq(add("Anne", NULL, "0.1", i + 2), CL_OK);
	ck_assert_int_eq(add("Bo", "B1", "100", 20), CL_OK);
	ck_assert_int_eq(add("Bo", "B2", "18,5", 21), CL_OK);
	r = cl_engine_report(engine, CL_SORT_NAME);
	ck_assert(find(r, "Anne")->points == CL_DEC(1));
	ck_assert(find(r, "Bo")->points == 118500000);
	ck_assert(find(r, "Bo")->load_pct == 98750000);
	ck_assert(r->summary.points == 119500000);
	ck_assert_str_eq(diag_log_text(&log_), "");
}
END_TEST

START_TEST(cases_are_distinct_ids_plus_rows_without_id)
{
	const struct cl_report *r;

	add("Anne", "1", "2", 2);
	add("Anne", "2", "3", 3);
	add("Anne", NULL, "4", 4);
	add("Anne", NULL, "5", 5);
	add("Anne", "2", "3", 6);	/* repeats line 3 */
	r = cl_engine_report(engine, CL_SORT_NAME);
	ck_assert_int_eq(find(r, "Anne")->cases, 4);
	ck_assert(find(r, "Anne")->points == CL_DEC(14));
	ck_assert_int_eq(r->summary.cases, 4);
	ck_assert_uint_eq(r->summary.workers, 1);
}
END_TEST

START_TEST(repeated_pair_is_counted_once_with_a_warning)
{
	const struct cl_report *r;

	ck_assert_int_eq(add("Anne", "C1", "3", 2), CL_OK);
	ck_assert_int_eq(add("Anne", "C1", "3", 7), CL_OK);
	r = cl_engine_report(engine, CL_SORT_NAME);
	ck_assert_int_eq(find(r, "Anne")->cases, 1);
	ck_assert(find(r, "Anne")->points == CL_DEC(3));
	ck_assert_str_eq(diag_log_text(&log_), "cases.csv:7: warning: case "
	    "\"C1\" of \"Anne\" repeats line 2; counted once\n");
}
END_TEST

START_TEST(repeated_pair_with_other_points_names_both)
{
	const struct cl_report *r;

	ck_assert_int_eq(add("Anne", "C1", "3", 2), CL_OK);
	ck_assert_int_eq(add("Anne", "C1", "5.25", 9), CL_OK);
	r = cl_engine_report(engine, CL_SORT_NAME);
	ck_assert(find(r, "Anne")->points == CL_DEC(3));
	ck_assert_str_eq(diag_log_text(&log_), "cases.csv:9: warning: case "
	    "\"C1\" of \"Anne\" repeats line 2 with other points (5.25 here, "
	    "3 there); the first is counted\n");
}
END_TEST

START_TEST(repeated_pair_in_another_file_names_the_file)
{
	ck_assert_int_eq(add_row("Anne", "C1", NULL, "3", "a.csv", 2), CL_OK);
	ck_assert_int_eq(add_row("Anne", "C1", NULL, "3", "b.csv", 3), CL_OK);
	ck_assert_str_eq(diag_log_text(&log_), "b.csv:3: warning: case "
	    "\"C1\" of \"Anne\" repeats a.csv:2; counted once\n");
}
END_TEST

/* One file named twice is two inputs (cl_engine_begin_input): a row of
 * the first is named by file and line in the second, not "line N"; in
 * one input it stays "line N", and without the call a name is one input
 * (rows added with no source). */
START_TEST(repeated_pair_in_the_same_file_named_twice_names_the_file)
{
	cl_engine_begin_input(engine);
	ck_assert_int_eq(add_row("Anne", "C1", NULL, "3", "a.csv", 2), CL_OK);
	ck_assert_int_eq(add_row("Anne", "C2", NULL, "1", "a.csv", 3), CL_OK);
	ck_assert_int_eq(add_row("Anne", "C2", NULL, "1", "a.csv", 4), CL_OK);
	cl_engine_begin_input(engine);
	ck_assert_int_eq(add_row("Anne", "C1", NULL, "3", "a.csv", 2), CL_OK);
	ck_assert_int_eq(add_row("anne", "C1", NULL, "3", "a.csv", 5), CL_OK);
	ck_assert_int_eq(add_row("Anne", "C3", NULL, "3", "a.csv", 6), CL_OK);
	ck_assert_int_eq(add_row("Anne", "C3", NULL, "3", "a.csv", 7), CL_OK);
	ck_assert_str_eq(diag_log_text(&log_),
	    "a.csv:4: warning: case \"C2\" of \"Anne\" repeats line 3; "
	    "counted once\n"
	    "a.csv:2: warning: case \"C1\" of \"Anne\" repeats a.csv:2; "
	    "counted once\n"
	    "a.csv:5: warning: workers \"Anne\" (a.csv:2) and \"anne\" differ "
	    "only in letter case; counted as two workers\n"
	    "a.csv:7: warning: case \"C3\" of \"Anne\" repeats line 6; "
	    "counted once\n");
}
END_TEST

START_TEST(shared_case_counts_for_each_worker)
{
	const struct cl_report *r;

	add("Anne", "S1", "10", 2);
	add("Bo", "S1", "20", 3);
	add("Bo", "S2", "1", 4);
	r = cl_engine_report(engine, CL_SORT_NAME);
	ck_assert_int_eq(find(r, "Anne")->cases, 1);
	ck_assert_int_eq(find(r, "Bo")->cases, 2);
	ck_assert(find(r, "Bo")->points == CL_DEC(21));
	ck_assert_int_eq(r->summary.cases, 2);
	ck_assert(r->summary.points == CL_DEC(31));
	ck_assert_str_eq(diag_log_text(&log_), "");
}
END_TEST

/* A worker with `n` rows without an id, `points` each. */
static void
add_rows(const char *worker, int n, const char *points)
{
	for (int i = 0; i < n; i++)
		ck_assert_int_eq(add(worker, NULL, points, i + 2), CL_OK);
}

static enum cl_load_status
status_of(const char *worker)
{
	return find(cl_engine_report(engine, CL_SORT_NAME), worker)->status;
}

START_TEST(status_at_the_boundaries)
{
	add_rows("p120", 1, "120");
	add_rows("p120+", 1, "120.000001");
	add_rows("c25", 25, "4");
	add_rows("c26", 26, "4");
	add_rows("p96", 1, "96");
	add_rows("p96-", 1, "95.999999");
	add_rows("zero", 1, "0");
	ck_assert_int_eq(status_of("p120"), CL_OK_LOAD);
	ck_assert_int_eq(status_of("p120+"), CL_OVER);
	ck_assert_int_eq(status_of("c25"), CL_OK_LOAD);
	ck_assert_int_eq(status_of("c26"), CL_OVER);
	ck_assert_int_eq(status_of("p96"), CL_OK_LOAD);
	ck_assert_int_eq(status_of("p96-"), CL_UNDER);
	ck_assert_int_eq(status_of("zero"), CL_UNDER);
	ck_assert(find(cl_engine_report(engine, CL_SORT_NAME),
	    "p120")->load_pct == CL_DEC(100));
	ck_assert_str_eq(cl_load_status_name(CL_OVER), "over");
	ck_assert_str_eq(cl_load_status_name(CL_UNDER), "under");
	ck_assert_str_eq(cl_load_status_name(CL_OK_LOAD), "ok");
}
END_TEST

START_TEST(status_with_other_targets)
{
	struct cl_targets t = { CL_DEC(100), CL_DEC(10), CL_DEC(50), 0,
	    CL_DEC(37) };
	const struct cl_report *r;

	cl_engine_free(engine);
	engine = cl_engine_new(&t, diag_log_add, &log_);
	add_rows("p50-", 1, "49.999999");
	add_rows("p50", 1, "50");
	add_rows("p100", 1, "100");
	add_rows("p100+", 1, "100.000001");
	add_rows("c11", 11, "5");
	r = cl_engine_report(engine, CL_SORT_NAME);
	ck_assert_int_eq(find(r, "p50-")->status, CL_UNDER);
	ck_assert_int_eq(find(r, "p50")->status, CL_OK_LOAD);
	ck_assert_int_eq(find(r, "p100")->status, CL_OK_LOAD);
	ck_assert_int_eq(find(r, "p100+")->status, CL_OVER);
	ck_assert_int_eq(find(r, "c11")->status, CL_OVER);
	ck_assert(find(r, "p50")->points_target == CL_DEC(100));
	ck_assert(find(r, "p50")->cases_target == CL_DEC(10));
	ck_assert(r->targets.under_pct == CL_DEC(50));
}
END_TEST

START_TEST(roster_fte_scales_targets)
{
	const struct cl_report *r;
	const struct cl_worker *half, *idle;

	ck_assert_int_eq(roster("Half", "0.5", "North", 2), CL_OK);
	ck_assert_int_eq(roster("Idle", "1", NULL, 3), CL_OK);
	add_rows("Half", 12, "4");
	r = cl_engine_report(engine, CL_SORT_NAME);
	half = find(r, "Half");
	ck_assert(half->points_target == CL_DEC(60));
	ck_assert(half->cases_target == 12500000);
	ck_assert(half->fte == 500000);
	ck_assert(half->load_pct == CL_DEC(80));
	ck_assert_int_eq(half->status, CL_OK_LOAD);	/* 48 of 60 */
	ck_assert_str_eq(half->team, "North");
	ck_assert_int_eq(half->on_roster, 1);
	idle = find(r, "Idle");
	ck_assert_int_eq(idle->cases, 0);
	ck_assert(idle->points == 0);
	ck_assert_int_eq(idle->status, CL_UNDER);
	ck_assert_ptr_null(idle->team);
	ck_assert_int_eq(idle->on_roster, 1);
	ck_assert(r->summary.fte == 1500000);
	ck_assert_str_eq(diag_log_text(&log_), "");
	add("Half", NULL, "1", 20);	/* 13 cases > 12.5 */
	ck_assert_int_eq(status_of("Half"), CL_OVER);
}
END_TEST

START_TEST(roster_worker_listed_twice)
{
	ck_assert_int_eq(roster("Anne", "1", NULL, 2), CL_OK);
	ck_assert_int_eq(roster("Bo", "1", NULL, 3), CL_OK);
	ck_assert_int_eq(roster("Anne", "0.5", NULL, 5), CL_EDATA);
	ck_assert_str_eq(diag_log_text(&log_), "roster.csv:5: error: worker "
	    "\"Anne\" is listed twice\n");
	ck_assert(find(cl_engine_report(engine, CL_SORT_NAME), "Anne")->fte ==
	    CL_DEC(1));
	ck_assert_uint_eq(cl_engine_report(engine, CL_SORT_NAME)->nworkers, 2);
}
END_TEST

START_TEST(worker_not_on_roster_is_reported_with_a_warning)
{
	const struct cl_report *r;

	roster("Anne", "1", NULL, 2);
	ck_assert_int_eq(add("Zoe", "Z1", "10", 4), CL_OK);
	ck_assert_int_eq(add("Zoe", "Z2", "10", 5), CL_OK);
	ck_assert_int_eq(add("Anne", "A1", "10", 6), CL_OK);
	r = cl_engine_report(engine, CL_SORT_NAME);
	ck_assert_int_eq(find(r, "Zoe")->cases, 2);
	ck_assert_int_eq(find(r, "Zoe")->on_roster, 0);
	ck_assert(find(r, "Zoe")->fte == CL_DEC(1));
	ck_assert_str_eq(diag_log_text(&log_), "cases.csv:4: warning: worker "
	    "\"Zoe\" is not on the roster; counted with the targets of 1 FTE\n");
}
END_TEST

START_TEST(no_roster_no_roster_warnings)
{
	add("Zoe", "Z1", "10", 4);
	ck_assert_int_eq(find(cl_engine_report(engine, CL_SORT_NAME),
	    "Zoe")->on_roster, 0);
	ck_assert_str_eq(diag_log_text(&log_), "");
}
END_TEST

START_TEST(first_team_is_kept_with_one_warning)
{
	const struct cl_report *r;

	add_row("Anne", NULL, "T1", "1", "cases.csv", 2);
	add_row("Anne", NULL, "T1", "1", "cases.csv", 3);
	add_row("Anne", NULL, "T2", "1", "cases.csv", 4);
	add_row("Anne", NULL, "T3", "1", "cases.csv", 5);
	add_row("Bo", NULL, NULL, "1", "cases.csv", 6);
	add_row("Bo", NULL, "T9", "1", "cases.csv", 7);
	r = cl_engine_report(engine, CL_SORT_NAME);
	ck_assert_str_eq(find(r, "Anne")->team, "T1");
	ck_assert_int_eq(find(r, "Anne")->cases, 4);
	ck_assert_str_eq(find(r, "Bo")->team, "T9");
	ck_assert_str_eq(diag_log_text(&log_), "cases.csv:4: warning: worker "
	    "\"Anne\" is in team \"T2\" here but \"T1\" on an earlier row; "
	    "using \"T1\"\n");
}
END_TEST

START_TEST(roster_team_wins_over_rows)
{
	const struct cl_report *r;

	roster("Anne", "1", "North", 2);
	roster("Bo", "1", NULL, 3);
	add_row("Anne", NULL, "South", "1", "cases.csv", 2);
	add_row("Bo", NULL, "East", "1", "cases.csv", 3);
	r = cl_engine_report(engine, CL_SORT_NAME);
	ck_assert_str_eq(find(r, "Anne")->team, "North");
	ck_assert_str_eq(find(r, "Bo")->team, "East");
	ck_assert_str_eq(diag_log_text(&log_), "cases.csv:2: warning: worker "
	    "\"Anne\" is in team \"South\" here but \"North\" on the roster; "
	    "using \"North\"\n");
}
END_TEST

START_TEST(team_taken_from_a_row_is_not_called_the_roster_team)
{
	roster("Bo", "1", NULL, 3);	/* on the roster, without a team */
	add_row("Bo", NULL, "T1", "1", "cases.csv", 2);
	add_row("Bo", NULL, "T2", "1", "cases.csv", 3);
	ck_assert_str_eq(find(cl_engine_report(engine, CL_SORT_NAME),
	    "Bo")->team, "T1");
	ck_assert_str_eq(diag_log_text(&log_), "cases.csv:3: warning: worker "
	    "\"Bo\" is in team \"T2\" here but \"T1\" on an earlier row; "
	    "using \"T1\"\n");
}
END_TEST

START_TEST(roster_initials_count_for_their_worker)
{
	struct cl_roster_entry mette = { "Mette Hansen", CL_DEC(1), "Syd", 0,
		NULL, "roster.csv", 2, "MH" };
	struct cl_roster_entry mads = { "Mads Holm", CL_DEC(1), NULL, 0, NULL,
		"roster.csv", 3, "MH" };
	const struct cl_report *r;

	ck_assert_int_eq(cl_engine_add_roster(engine, &mette), CL_OK);
	ck_assert_int_eq(cl_engine_add_roster(engine, &mads), CL_EDATA);
	ck_assert_str_eq(diag_log_text(&log_), "roster.csv:3: error: initials "
	    "\"MH\" of \"Mads Holm\" are those of \"Mette Hansen\" too "
	    "(line 2); give each worker their own\n");
	ck_assert_int_eq(add("MH", "S1", "10", 2), CL_OK);
	ck_assert_int_eq(add("Mette Hansen", "S2", "5", 3), CL_OK);
	ck_assert_int_eq(add("MH", "S2", "5", 4), CL_OK);	/* a repeat */
	r = cl_engine_report(engine, CL_SORT_NAME);
	ck_assert_uint_eq(r->nworkers, 1);
	ck_assert_int_eq(find(r, "Mette Hansen")->cases, 2);
	ck_assert(find(r, "Mette Hansen")->points == CL_DEC(15));
	ck_assert_uint_eq(log_.count[CL_WARNING], 1);
}
END_TEST

START_TEST(names_differing_in_case_are_two_workers_with_a_warning)
{
	const struct cl_report *r;

	ck_assert_int_eq(roster("Hansen, Mette", "1", NULL, 2), CL_OK);
	ck_assert_int_eq(add_row("hansen, mette", "S1", NULL, "1", "a.csv", 5),
	    CL_OK);
	ck_assert_int_eq(add_row("HANSEN, METTE", "S2", NULL, "1", "a.csv", 9),
	    CL_OK);
	ck_assert_int_eq(add_row("hansen, mette", "S3", NULL, "1", "a.csv", 11),
	    CL_OK);
	r = cl_engine_report(engine, CL_SORT_NAME);
	ck_assert_uint_eq(r->nworkers, 3);
	ck_assert_str_eq(diag_log_text(&log_),
	    "a.csv:5: warning: workers \"Hansen, Mette\" (roster.csv:2) and "
	    "\"hansen, mette\" differ only in letter case; counted as two "
	    "workers\n"
	    "a.csv:5: warning: worker \"hansen, mette\" is not on the roster; "
	    "counted with the targets of 1 FTE\n"
	    "a.csv:9: warning: workers \"Hansen, Mette\" (roster.csv:2) and "
	    "\"HANSEN, METTE\" differ only in letter case; counted as two "
	    "workers\n"
	    "a.csv:9: warning: worker \"HANSEN, METTE\" is not on the roster; "
	    "counted with the targets of 1 FTE\n");
}
END_TEST

START_TEST(a_case_above_a_full_time_target_is_counted_with_a_warning)
{
	ck_assert_int_eq(add("Bo", "S1", "120", 2), CL_OK);
	ck_assert_uint_eq(log_.count[CL_WARNING], 0);
	ck_assert_int_eq(add("Bo", "S2", "120.000001", 3), CL_OK);
	ck_assert_str_eq(diag_log_text(&log_), "cases.csv:3: warning: \"Bo\" "
	    "has 120.000001 points in one case, more than a full-time target "
	    "for one case: a total, or a mistyped number? (counted; the target "
	    "is 120)\n");
	ck_assert(cl_engine_report(engine, CL_SORT_NAME)->summary.points ==
	    CL_DEC(240) + 1);
}
END_TEST

START_TEST(a_repeated_row_does_not_set_the_team)
{
	ck_assert_int_eq(add_row("Bo", "S1", NULL, "1", "cases.csv", 2), CL_OK);
	ck_assert_int_eq(add_row("Bo", "S1", "Nord", "1", "cases.csv", 3),
	    CL_OK);
	ck_assert_ptr_null(find(cl_engine_report(engine, CL_SORT_NAME),
	    "Bo")->team);
	ck_assert_int_eq(add_row("Bo", "S2", "Syd", "1", "cases.csv", 4),
	    CL_OK);
	ck_assert_str_eq(find(cl_engine_report(engine, CL_SORT_NAME),
	    "Bo")->team, "Syd");
}
END_TEST

START_TEST(overflowing_sum_is_not_counted)
{
	const struct cl_report *r;

	ck_assert_int_eq(add("Anne", NULL, "9000000000000", 2), CL_OK);
	ck_assert_int_eq(add("Anne", "X", "9000000000000", 3), CL_EDATA);
	r = cl_engine_report(engine, CL_SORT_NAME);
	ck_assert_int_eq(find(r, "Anne")->cases, 1);
	ck_assert(find(r, "Anne")->points == CL_DEC(9000000000000));
	ck_assert_int_eq(r->summary.cases, 1);
	ck_assert_str_eq(diag_log_text(&log_), "cases.csv:2: warning: "
	    "\"Anne\" has 9000000000000 points in one case, more than a "
	    "full-time target for one case: a total, or a mistyped number? "
	    "(counted; the target is 120)\n"
	    "cases.csv:3: error: points "
	    "9000000000000 would overflow the sum; row not counted\n");
	/* the total overflows, not Bo's own sum */
	ck_assert_int_eq(add("Bo", "Y", "9000000000000", 4), CL_EDATA);
	r = cl_engine_report(engine, CL_SORT_NAME);
	ck_assert(r->summary.points == CL_DEC(9000000000000));
	ck_assert_int_eq(r->summary.cases, 1);
	ck_assert_uint_eq(log_.count[CL_ERROR], 2);
	/* a row the overflow kept out is not a repeat later */
	ck_assert_int_eq(add("Anne", "X", "1", 5), CL_OK);
	r = cl_engine_report(engine, CL_SORT_NAME);
	ck_assert_int_eq(find(r, "Anne")->cases, 2);
	ck_assert_int_eq(r->summary.cases, 2);
	ck_assert_uint_eq(log_.count[CL_WARNING], 1);	/* line 2's size */
}
END_TEST

START_TEST(worker_spelled_two_ways_is_one_worker_with_a_warning)
{
	struct cl_case c = { .worker = "\xc3\x85se", .points = CL_DEC(1),
		.file = "cases.csv", .line = 2 };

	ck_assert_int_eq(cl_engine_add_case(engine, &c), CL_OK);
	c.respelled = 1;
	c.line = 3;
	ck_assert_int_eq(cl_engine_add_case(engine, &c), CL_OK);
	c.line = 4;
	ck_assert_int_eq(cl_engine_add_case(engine, &c), CL_OK);
	ck_assert_int_eq(find(cl_engine_report(engine, CL_SORT_NAME),
	    "\xc3\x85se")->cases, 3);
	ck_assert_str_eq(diag_log_text(&log_), "cases.csv:3: warning: worker "
	    "\"\xc3\x85se\" is spelled in two Unicode forms (composed and "
	    "decomposed letters); counted as one worker\n");
}
END_TEST

/* Workers over, under and ok, with ties in load (Hf: 0.5 FTE, 54 points
 * is 90 % like Aa, Ab and K1). */
static void
add_sort_fixture(void)
{
	roster("Hf", "0.5", NULL, 2);
	add_rows("O1", 1, "180");	/* 150 % */
	add_rows("O2", 1, "156");	/* 130 % */
	add_rows("OC", 26, "1");	/* 21.67 %, over by cases */
	add_rows("U1", 1, "12");	/* 10 % */
	add_rows("U3", 1, "12");
	add_rows("U2", 1, "60");	/* 50 % */
	add_rows("K2", 1, "120");	/* 100 % */
	add_rows("K1", 1, "108");	/* 90 % */
	add_rows("Ab", 1, "108");
	add_rows("Aa", 1, "108");
	add_rows("Hf", 1, "54");
}

START_TEST(sort_by_status)
{
	add_sort_fixture();
	assert_order(CL_SORT_STATUS, "O1,O2,OC,U1,U3,U2,K2,Aa,Ab,Hf,K1");
}
END_TEST

START_TEST(sort_by_load)
{
	add_sort_fixture();
	assert_order(CL_SORT_LOAD, "O1,O2,K2,Aa,Ab,Hf,K1,U2,OC,U1,U3");
}
END_TEST

START_TEST(sort_by_name)
{
	add_sort_fixture();
	assert_order(CL_SORT_NAME, "Aa,Ab,Hf,K1,K2,O1,O2,OC,U1,U2,U3");
	/* asking again, or in another order, changes nothing else */
	assert_order(CL_SORT_STATUS, "O1,O2,OC,U1,U3,U2,K2,Aa,Ab,Hf,K1");
	assert_order(CL_SORT_NAME, "Aa,Ab,Hf,K1,K2,O1,O2,OC,U1,U2,U3");
}
END_TEST

START_TEST(summary_covers_everyone)
{
	const struct cl_report *r;

	add_sort_fixture();
	r = cl_engine_report(engine, CL_SORT_STATUS);
	ck_assert_uint_eq(r->summary.workers, 11);
	ck_assert_uint_eq(r->summary.over, 3);
	ck_assert_uint_eq(r->summary.under, 3);
	ck_assert_uint_eq(r->summary.ok, 5);
	ck_assert(r->summary.fte == 10500000);
	ck_assert_int_eq(r->summary.cases, 36);
	ck_assert(r->summary.points == CL_DEC(944));
	ck_assert(r->summary.fte_needed == 7870000);	/* 944 / 120 */
	ck_assert(r->targets.points == CL_DEC(120));
}
END_TEST

START_TEST(teams_roll_up)
{
	const struct cl_report *r;
	const struct cl_team *north;

	add_row("Anne", "S1", "North", "10", "cases.csv", 2);
	add_row("Bo", "S1", "North", "20", "cases.csv", 3);
	add_row("Bo", "S2", "North", "2", "cases.csv", 4);
	add_row("Cy", NULL, NULL, "5", "cases.csv", 5);
	add_row("Cy", NULL, NULL, "5", "cases.csv", 6);
	add_row("Di", "D1", "South", "1", "cases.csv", 7);
	r = cl_engine_report(engine, CL_SORT_STATUS);
	ck_assert_uint_eq(r->nteams, 3);
	north = &r->teams[0];
	ck_assert_str_eq(north->name, "North");
	ck_assert_uint_eq(north->workers, 2);
	ck_assert(north->fte == CL_DEC(2));
	ck_assert_int_eq(north->cases, 2);	/* S1 is shared within it */
	ck_assert(north->points == CL_DEC(32));
	ck_assert(north->points_target == CL_DEC(240));
	ck_assert(north->load_pct == 13330000);
	ck_assert(north->fte_needed == 270000);
	ck_assert_uint_eq(north->under, 2);
	ck_assert_str_eq(r->teams[1].name, "South");
	ck_assert_int_eq(r->teams[1].cases, 1);
	ck_assert_ptr_null(r->teams[2].name);	/* no team: last */
	ck_assert_uint_eq(r->teams[2].workers, 1);
	ck_assert_int_eq(r->teams[2].cases, 2);
	ck_assert(r->teams[2].points == CL_DEC(10));
}
END_TEST

START_TEST(empty_report)
{
	const struct cl_report *r = cl_engine_report(engine, CL_SORT_STATUS);

	ck_assert_uint_eq(r->nworkers, 0);
	ck_assert_uint_eq(r->summary.workers, 0);
	ck_assert_int_eq(r->summary.cases, 0);
	ck_assert(r->summary.points == 0);
	ck_assert(r->summary.fte_needed == 0);
	cl_engine_free(NULL);
}
END_TEST

enum { MANY_WORKERS = 5000, CASES_EACH = 20, ON_ROSTER = 2500 };

START_TEST(many_workers_and_cases)
{
	char worker[32], id[32], next[32];
	const struct cl_report *r;

	for (int w = 0; w < ON_ROSTER; w++) {
		snprintf(worker, sizeof worker, "w%d", w);
		ck_assert_int_eq(roster(worker, "1", NULL, w + 2), CL_OK);
	}
	for (int w = 0; w < MANY_WORKERS; w++) {
		snprintf(worker, sizeof worker, "w%d", w);
		for (int k = 0; k < CASES_EACH; k++) {
			snprintf(id, sizeof id, "c%d", w * CASES_EACH + k);
			ck_assert_int_eq(add(worker, id, "1.5", k + 2), CL_OK);
		}
	}
	for (int w = 0; w < MANY_WORKERS; w++) {
		snprintf(worker, sizeof worker, "w%d", w);
		snprintf(id, sizeof id, "c%d", w * CASES_EACH);
		snprintf(next, sizeof next, "c%d",
		    (w + 1) % MANY_WORKERS * CASES_EACH);
		ck_assert_int_eq(add(worker, id, "1.5", 100), CL_OK);
		ck_assert_int_eq(add(worker, next, "1.5", 101), CL_OK);
	}
	r = cl_engine_report(engine, CL_SORT_NAME);
	ck_assert_uint_eq(r->nworkers, MANY_WORKERS);
	for (size_t i = 0; i < r->nworkers; i++) {
		ck_assert_int_eq(r->workers[i].cases, CASES_EACH + 1);
		ck_assert(r->workers[i].points == 31500000);
		ck_assert_int_eq(r->workers[i].on_roster,
		    atoi(r->workers[i].name + 1) < ON_ROSTER);
	}
	ck_assert_int_eq(r->summary.cases, MANY_WORKERS * CASES_EACH);
	ck_assert(r->summary.points == CL_DEC(157500));
	ck_assert_uint_eq(log_.count[CL_WARNING],
	    MANY_WORKERS - ON_ROSTER + MANY_WORKERS);
	ck_assert_uint_eq(log_.count[CL_ERROR], 0);
}
END_TEST

Suite *
engine_suite(void)
{
	Suite *s = suite_create("engine");
	TCase *sums = tcase_create("sums");
	TCase *roster_tc = tcase_create("roster");
	TCase *report = tcase_create("report");
	TCase *scale = tcase_create("scale");
	TCase *all[] = { sums, roster_tc, report, scale };

	for (size_t i = 0; i < sizeof all / sizeof *all; i++) {
		tcase_add_checked_fixture(all[i], setup, teardown);
		suite_add_tcase(s, all[i]);
	}
	tcase_add_test(sums, sums_are_exact);
	tcase_add_test(sums, cases_are_distinct_ids_plus_rows_without_id);
	tcase_add_test(sums, repeated_pair_is_counted_once_with_a_warning);
	tcase_add_test(sums, repeated_pair_with_other_points_names_both);
	tcase_add_test(sums, repeated_pair_in_another_file_names_the_file);
	tcase_add_test(sums,
	    repeated_pair_in_the_same_file_named_twice_names_the_file);
	tcase_add_test(sums, shared_case_counts_for_each_worker);
	tcase_add_test(sums, status_at_the_boundaries);
	tcase_add_test(sums, status_with_other_targets);
	tcase_add_test(sums, overflowing_sum_is_not_counted);
	tcase_add_test(sums,
	    worker_spelled_two_ways_is_one_worker_with_a_warning);
	tcase_add_test(roster_tc, roster_fte_scales_targets);
	tcase_add_test(roster_tc, roster_worker_listed_twice);
	tcase_add_test(roster_tc,
	    worker_not_on_roster_is_reported_with_a_warning);
	tcase_add_test(roster_tc, no_roster_no_roster_warnings);
	tcase_add_test(roster_tc, first_team_is_kept_with_one_warning);
	tcase_add_test(roster_tc, roster_team_wins_over_rows);
	tcase_add_test(roster_tc,
	    team_taken_from_a_row_is_not_called_the_roster_team);
	tcase_add_test(report, sort_by_status);
	tcase_add_test(report, sort_by_load);
	tcase_add_test(report, sort_by_name);
	tcase_add_test(report, summary_covers_everyone);
	tcase_add_test(report, teams_roll_up);
	tcase_add_test(report, roster_initials_count_for_their_worker);
	tcase_add_test(report,
	    names_differing_in_case_are_two_workers_with_a_warning);
	tcase_add_test(report,
	    a_case_above_a_full_time_target_is_counted_with_a_warning);
	tcase_add_test(report, a_repeated_row_does_not_set_the_team);
	tcase_add_test(report, empty_report);
	tcase_set_timeout(scale, SLOW_TEST_SECONDS);
	tcase_add_test(scale, many_workers_and_cases);
	return s;
}
