/*
 * check_history.c - the history database against temporary files: create,
 * record, replace, forget, list; files that are not a history (left
 * byte-identical); and trends built from snapshots without a database.
 */
#include <fcntl.h>
#include <stdio.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "helpers.h"
#include "suites.h"

static char dir[64];
static char *db;
static struct diag_log log_;

static void
setup(void)
{
	strcpy(dir, "/tmp/caseload-history-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	db = test_asprintf("%s/history.db", dir);
	memset(&log_, 0, sizeof log_);
}

static void
teardown(void)
{
	char *cmd = test_asprintf("rm -rf '%s'", dir);

	ck_assert_int_eq(system(cmd), 0);
	free(cmd);
	free(db);
	diag_log_free(&log_);
}

/* A report of two workers; `extra` points more for Anna. */
static struct cl_engine *
report_engine(long extra)
{
	struct cl_engine *e = test_engine_new(&log_);
	struct cl_case anna = { .worker = "Anna", .team = "North",
		.case_id = "A1", .points = CL_DEC(100 + extra), .file = "c.csv",
		.line = 2 };
	struct cl_case bo = { .worker = "Bo", .case_id = "B1",
		.points = 7500000, .file = "c.csv", .line = 3 };

	ck_assert_int_eq(cl_engine_add_case(e, &anna), CL_OK);
	ck_assert_int_eq(cl_engine_add_case(e, &bo), CL_OK);
	return e;
}

static void
record(const char *date, long extra)
{
	struct cl_engine *e = report_engine(extra);
	struct cl_history *h;
	struct cl_history_input in = { "cases.csv", "e3b0c44298fc1c149afbf4c8"
		"996fb92427ae41e4649b934ca495991b7852b855" };

	ck_assert_int_eq(cl_history_open(db, CL_HISTORY_RECORD, diag_log_add,
	    &log_, &h), CL_OK);
	ck_assert_int_eq(cl_history_record(h, date, cl_engine_report(e,
	    CL_SORT_NAME), &in, 1), CL_OK);
	cl_history_close(h);
	cl_engine_free(e);
}

static struct cl_snapshot_list *
list(void)
{
	struct cl_history *h;
	struct cl_snapshot_list *l;

	ck_assert_int_eq(cl_history_open(db, CL_HISTORY_READ, diag_log_add,
	    &log_, &h), CL_OK);
	ck_assert_int_eq(cl_history_list(h, &l), CL_OK);
	cl_history_close(h);
	return l;
}

START_TEST(history_dates)
{
	ck_assert(cl_date_valid("2026-10-05"));
	ck_assert(cl_date_valid("2024-02-29"));
	ck_assert(cl_date_valid("2000-02-29"));
	ck_assert(!cl_date_valid("1900-02-29"));
	ck_assert(!cl_date_valid("2026-02-29"));
	ck_assert(!cl_date_valid("2026-13-01"));
	ck_assert(!cl_date_valid("2026-04-31"));
	ck_assert(!cl_date_valid("2026-4-3"));
	ck_assert(!cl_date_valid("2026-10-05x"));
	/* the years cl_date_parse takes (1..9999), exactly ten characters */
	ck_assert(cl_date_valid("0999-01-01"));
	ck_assert(!cl_date_valid("0000-01-01"));
	ck_assert(!cl_date_valid(" 2026-10-05"));
	ck_assert(!cl_date_valid("05-10-2026"));
	ck_assert(!cl_date_valid(""));
}
END_TEST

START_TEST(history_record_creates_and_lists)
{
	struct cl_snapshot_list *l;

	record("2026-10-05", 0);
	l = list();
	ck_assert_uint_eq(l->n, 1);
	ck_assert_str_eq(l->snapshots[0].date, "2026-10-05");
	ck_assert_uint_eq(l->snapshots[0].nfiles, 1);
	ck_assert_str_eq(l->snapshots[0].files[0], "cases.csv");
	ck_assert_str_eq(l->snapshots[0].sha256[0], "e3b0c44298fc1c149afbf4c8"
	    "996fb92427ae41e4649b934ca495991b7852b855");
	ck_assert_int_eq(l->snapshots[0].workers, 2);
	ck_assert_int_eq(l->snapshots[0].cases, 2);
	ck_assert_int_eq(l->snapshots[0].points, 107500000);
	cl_snapshot_list_free(l);
	ck_assert_str_eq(diag_log_text(&log_), "");
}
END_TEST

START_TEST(history_same_date_replaces)
{
	struct cl_snapshot_list *l;

	record("2026-10-12", 0);
	record("2026-10-05", 0);
	record("2026-10-12", 30);
	l = list();
	ck_assert_uint_eq(l->n, 2);
	ck_assert_str_eq(l->snapshots[0].date, "2026-10-05");
	ck_assert_str_eq(l->snapshots[1].date, "2026-10-12");
	ck_assert_int_eq(l->snapshots[1].points, 137500000);
	ck_assert_uint_eq(l->snapshots[1].nfiles, 1);
	cl_snapshot_list_free(l);
}
END_TEST

START_TEST(history_trend_from_database)
{
	struct cl_history *h;
	struct cl_trend *t;

	record("2026-10-05", 0);
	record("2026-10-12", 30);
	ck_assert_int_eq(cl_history_open(db, CL_HISTORY_READ, diag_log_add,
	    &log_, &h), CL_OK);
	ck_assert_int_eq(cl_history_trend(h, 8, CL_SORT_STATUS, &t), CL_OK);
	cl_history_close(h);
	ck_assert_uint_eq(t->nsnapshots, 2);
	ck_assert_uint_eq(t->nworkers, 2);
	ck_assert_str_eq(t->workers[0].worker, "Anna");
	ck_assert_int_eq(t->workers[0].status, CL_OVER);
	ck_assert_int_eq(t->workers[0].streak, 1);
	ck_assert_int_eq(t->workers[0].loads[0], 83330000);
	ck_assert_int_eq(t->workers[0].loads[1], 108330000);
	ck_assert(t->workers[0].has_change);
	ck_assert_int_eq(t->workers[0].change, CL_DEC(25));
	ck_assert_str_eq(t->workers[1].worker, "Bo");
	ck_assert_int_eq(t->workers[1].streak, 2);
	ck_assert_ptr_null(t->workers[1].team);
	ck_assert_uint_eq(t->nteams, 2);
	ck_assert_str_eq(t->teams[0].team, "North");
	ck_assert_ptr_null(t->teams[1].team);
	cl_trend_free(t);
}
END_TEST

START_TEST(history_forget)
{
	struct cl_history *h;
	struct cl_snapshot_list *l;

	record("2026-10-05", 0);
	record("2026-10-12", 0);
	ck_assert_int_eq(cl_history_open(db, CL_HISTORY_CHANGE, diag_log_add,
	    &log_, &h), CL_OK);
	ck_assert_int_eq(cl_history_forget(h, "2026-10-05"), CL_OK);
	ck_assert_str_eq(diag_log_text(&log_), "");
	ck_assert_int_eq(cl_history_forget(h, "2026-10-05"), CL_EDATA);
	cl_history_close(h);
	ck_assert_ptr_nonnull(strstr(diag_log_text(&log_), "history.db:0: "
	    "error: no snapshot of 2026-10-05\n"));
	l = list();
	ck_assert_uint_eq(l->n, 1);
	ck_assert_str_eq(l->snapshots[0].date, "2026-10-12");
	cl_snapshot_list_free(l);
}
END_TEST

/* Reads a whole file into a new buffer; *len its size. */
static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = cl_xmalloc(1 << 20);

	ck_assert_ptr_nonnull(f);
	*len = fread(buf, 1, 1 << 20, f);
	fclose(f);
	return buf;
}

/* Opening `db` in every mode fails with `status`; the file is unchanged. */
static void
assert_refused(int status, const char *message)
{
	static const enum cl_history_mode modes[] = { CL_HISTORY_READ,
		CL_HISTORY_CHANGE, CL_HISTORY_RECORD };
	size_t before_len, after_len;
	char *before = slurp(db, &before_len);

	for (size_t i = 0; i < 3; i++) {
		struct cl_history *h = (struct cl_history *)1;

		ck_assert_int_eq(cl_history_open(db, modes[i], diag_log_add,
		    &log_, &h), status);
		ck_assert_ptr_null(h);
	}
	ck_assert_msg(strstr(diag_log_text(&log_), message) != NULL,
	    "got %s", diag_log_text(&log_));
	{
		char *after = slurp(db, &after_len);

		ck_assert_uint_eq(before_len, after_len);
		ck_assert(memcmp(before, after, before_len) == 0);
		free(after);
	}
	free(before);
}

static void
write_file(const char *path, const char *text, size_t len)
{
	FILE *f = fopen(path, "wb");

	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(text, 1, len, f), len);
	ck_assert_int_eq(fclose(f), 0);
}

static void
sql(const char *path, const char *text)
{
	sqlite3 *s;

	ck_assert_int_eq(sqlite3_open(path, &s), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(s, text, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(s);
}

START_TEST(history_refuses_a_text_file)
{
	const char *text = "worker,points\nAnna,7\n";

	write_file(db, text, strlen(text));
	assert_refused(CL_EDATA, "not a caseload history: not an SQLite "
	    "database");
}
END_TEST

START_TEST(history_refuses_another_sqlite_database)
{
	sql(db, "CREATE TABLE recipes (name TEXT); INSERT INTO recipes "
	    "VALUES ('bread')");
	assert_refused(CL_EDATA, "an SQLite database of another program");
}
END_TEST

START_TEST(history_refuses_a_newer_schema)
{
	record("2026-10-05", 0);
	sql(db, "PRAGMA user_version = 7");
	assert_refused(CL_EDATA, "written by a newer caseload (schema version "
	    "7; this one knows up to 1)");
}
END_TEST

START_TEST(history_refuses_a_view_for_a_table)
{
	record("2026-10-05", 0);
	sql(db, "DROP TABLE worker; CREATE VIEW worker AS SELECT 1 AS as_of");
	assert_refused(CL_EDATA, "its tables are missing");
}
END_TEST

START_TEST(history_refuses_a_truncated_file)
{
	size_t len;
	char *bytes;

	for (int i = 0; i < 50; i++) {
		char date[16];

		snprintf(date, sizeof date, "2026-01-%02d", i % 28 + 1);
		record(date, i);
	}
	bytes = slurp(db, &len);
	ck_assert_uint_gt(len, 8192);
	write_file(db, bytes, len - 4096 - 100);
	free(bytes);
	assert_refused(CL_EDATA, "damaged");
}
END_TEST

START_TEST(history_refuses_bad_values)
{
	struct cl_history *h;
	struct cl_trend *t = NULL;

	record("2026-10-05", 0);
	sql(db, "UPDATE worker SET load_pct = 'high'");
	ck_assert_int_eq(cl_history_open(db, CL_HISTORY_READ, diag_log_add,
	    &log_, &h), CL_OK);
	ck_assert_int_eq(cl_history_trend(h, 8, CL_SORT_STATUS, &t), CL_EDATA);
	ck_assert_ptr_null(t);
	cl_history_close(h);
	ck_assert_msg(strstr(diag_log_text(&log_), "history: a number is "
	    "not a number") != NULL, "got %s", diag_log_text(&log_));
}
END_TEST

START_TEST(history_cannot_open)
{
	struct cl_history *h;

	ck_assert_int_eq(cl_history_open(db, CL_HISTORY_READ, diag_log_add,
	    &log_, &h), CL_ENOINPUT);
	ck_assert_int_eq(cl_history_open(dir, CL_HISTORY_RECORD, diag_log_add,
	    &log_, &h), CL_ENOINPUT);
	free(db);
	db = test_asprintf("%s/no/such/folder.db", dir);
	ck_assert_int_eq(cl_history_open(db, CL_HISTORY_RECORD, diag_log_add,
	    &log_, &h), CL_ENOINPUT);
	ck_assert_uint_eq(log_.count[CL_ERROR], 3);
	ck_assert_ptr_nonnull(strstr(diag_log_text(&log_), "is a directory"));
}
END_TEST

START_TEST(history_empty_file)
{
	struct cl_history *h;
	struct cl_snapshot_list *l;

	write_file(db, "", 0);
	ck_assert_int_eq(cl_history_open(db, CL_HISTORY_READ, diag_log_add,
	    &log_, &h), CL_EDATA);
	record("2026-10-05", 0);
	l = list();
	ck_assert_uint_eq(l->n, 1);
	cl_snapshot_list_free(l);
}
END_TEST

/* ---- trends without a database ---- */

static struct cl_snap_worker
W(const char *name, const char *team, double load, enum cl_load_status s)
{
	struct cl_snap_worker w = { name, team, (cl_dec)(load * 1e6 + 0.5),
		load >= 0, s };

	if (load < 0)
		w.load = 0;
	return w;
}

START_TEST(trend_streak_change_average)
{
	struct cl_snap_worker w1[] = { W("Anna", "N", 90, CL_OK_LOAD),
		W("Bo", "S", 110, CL_OVER) };
	struct cl_snap_worker w2[] = { W("Anna", "N", 105, CL_OVER),
		W("Bo", "S", 120, CL_OVER), W("Cy", NULL, 50, CL_UNDER) };
	struct cl_snap_worker w3[] = { W("Anna", "N", 106.5, CL_OVER),
		W("Bo", "S", 111, CL_OVER) };
	struct cl_snap_worker w4[] = { W("Anna", "N2", 107, CL_OVER),
		W("Bo", "S", 101, CL_OVER) };
	struct cl_snapshot s[] = {
		{ "2026-09-28", w1, 2, NULL, 0 },
		{ "2026-10-05", w2, 3, NULL, 0 },
		{ "2026-10-12", w3, 2, NULL, 0 },
		{ "2026-10-19", w4, 2, NULL, 0 },
	};
	struct cl_trend *t = cl_trend_build(s, 4, 3, CL_SORT_NAME);

	ck_assert_uint_eq(t->nsnapshots, 3);
	ck_assert_str_eq(t->dates[0], "2026-10-05");
	ck_assert_str_eq(t->dates[2], "2026-10-19");
	ck_assert_uint_eq(t->nworkers, 3);
	/* Anna: over for 3 (ok before that), from the latest team */
	ck_assert_str_eq(t->workers[0].worker, "Anna");
	ck_assert_str_eq(t->workers[0].team, "N2");
	ck_assert_int_eq(t->workers[0].streak, 3);
	ck_assert_int_eq(t->workers[0].change, 500000);
	ck_assert_int_eq(t->workers[0].average_load, 106170000);
	/* Bo: over for all 4, beyond the 3 shown */
	ck_assert_int_eq(t->workers[1].streak, 4);
	ck_assert_int_eq(t->workers[1].change, -CL_DEC(10));
	/* Cy: not in the latest: no status, streak 0, no change */
	ck_assert_str_eq(t->workers[2].worker, "Cy");
	ck_assert(!t->workers[2].present);
	ck_assert_int_eq(t->workers[2].streak, 0);
	ck_assert(!t->workers[2].has_change);
	ck_assert(t->workers[2].known[0]);
	ck_assert(!t->workers[2].known[1]);
	ck_assert_int_eq(t->workers[2].average_load, CL_DEC(50));
	cl_trend_free(t);
}
END_TEST

START_TEST(trend_gap_ends_a_streak)
{
	struct cl_snap_worker w1[] = { W("Anna", NULL, 130, CL_OVER) };
	struct cl_snap_worker w2[] = { W("Bo", NULL, 130, CL_OVER) };
	struct cl_snap_worker w3[] = { W("Anna", NULL, 130, CL_OVER),
		W("Bo", NULL, -1, CL_OVER) };
	struct cl_snapshot s[] = {
		{ "2026-01-01", w1, 1, NULL, 0 },
		{ "2026-01-08", w2, 1, NULL, 0 },
		{ "2026-01-15", w3, 2, NULL, 0 },
	};
	struct cl_trend *t = cl_trend_build(s, 3, 8, CL_SORT_STATUS);

	/* Bo's load is unknown (no target) but over: endless, so first */
	ck_assert_str_eq(t->workers[0].worker, "Bo");
	ck_assert_int_eq(t->workers[0].streak, 2);
	ck_assert(!t->workers[0].has_change);
	ck_assert_str_eq(t->workers[1].worker, "Anna");
	ck_assert_int_eq(t->workers[1].streak, 1);
	ck_assert(!t->workers[1].has_change);   /* not in the one before */
	cl_trend_free(t);
}
END_TEST

START_TEST(trend_sorts_like_the_report)
{
	struct cl_snap_worker w[] = { W("A", NULL, 85, CL_OK_LOAD),
		W("B", NULL, 70, CL_UNDER), W("C", NULL, 110, CL_OVER),
		W("D", NULL, 50, CL_UNDER), W("E", NULL, 120, CL_OVER),
		W("F", NULL, 95, CL_OK_LOAD) };
	struct cl_snap_worker old[] = { W("G", NULL, 99, CL_OK_LOAD) };
	struct cl_snapshot s[] = { { "2026-01-01", old, 1, NULL, 0 },
		{ "2026-01-08", w, 6, NULL, 0 } };
	struct cl_trend *t = cl_trend_build(s, 2, 8, CL_SORT_STATUS);
	const char *order = "ECDBFAG", *by_load = "ECFABDG";

	for (size_t i = 0; i < 7; i++)
		ck_assert_int_eq(t->workers[i].worker[0], order[i]);
	cl_trend_free(t);
	t = cl_trend_build(s, 2, 8, CL_SORT_LOAD);
	for (size_t i = 0; i < 7; i++)
		ck_assert_int_eq(t->workers[i].worker[0], by_load[i]);
	cl_trend_free(t);
}
END_TEST

START_TEST(trend_of_nothing)
{
	struct cl_trend *t = cl_trend_build(NULL, 0, 8, CL_SORT_STATUS);

	ck_assert_uint_eq(t->nsnapshots, 0);
	ck_assert_uint_eq(t->nworkers, 0);
	cl_trend_free(t);
}
END_TEST

/* ---- renderers ---- */

/* Renders t in `format` into a new string (the caller frees it). */
static char *
render(const struct cl_trend *t, const char *format, int ascii)
{
	struct cl_render_options o;
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);
	struct cl_result *res;

	cl_render_options_default(&o);
	o.ascii = ascii;
	res = cl_result_trend(t, &o);
	ck_assert_int_eq(cl_render(res, format, &o, out), 0);
	cl_result_free(res);
	fclose(out);
	return text;
}

static struct cl_trend *
two_weeks(void)
{
	static struct cl_snap_worker w1[2], w2[1];
	static struct cl_snap_team t1[] = { { "N", CL_DEC(80), 1 } };
	static struct cl_snapshot s[] = {
		{ "2026-01-01", w1, 2, t1, 1 },
		{ "2026-01-08", w2, 1, NULL, 0 },
	};

	w1[0] = W("Anna", "N", 100, CL_OK_LOAD);
	w1[1] = W("=Bo", "N", 50, CL_UNDER);
	w2[0] = W("Anna", "N", 25, CL_UNDER);
	return cl_trend_build(s, 2, 8, CL_SORT_NAME);
}

START_TEST(render_sparkline_one_scale)
{
	struct cl_trend *t = two_weeks();
	char *table = render(t, "table", 0), *ascii = render(t, "table", 1);

	/* one scale 0..100: Anna 100 then 25 (level 2), Bo 50 (level 4)
	 * then a gap */
	ck_assert_msg(strstr(table, "Anna    N     \xe2\x96\x88\xe2\x96\x83 ")
	    != NULL, "%s", table);
	ck_assert_msg(strstr(table, "=Bo     N     \xe2\x96\x85   ") != NULL,
	    "%s", table);
	ck_assert_msg(strstr(ascii, "Anna    N     @-") != NULL, "%s", ascii);
	ck_assert_msg(strstr(table, "-75") != NULL && strstr(table, "+") ==
	    NULL, "%s", table);
	ck_assert_msg(strstr(table, "the tallest bar is 100%") != NULL, "%s",
	    table);
	free(table);
	free(ascii);
	cl_trend_free(t);
}
END_TEST

START_TEST(render_missing_weeks)
{
	struct cl_trend *t = two_weeks();
	char *json = render(t, "json", 0), *csv = render(t, "csv", 0);

	ck_assert_msg(strstr(json, "\"loads\":\t[50, null]") != NULL, "%s",
	    json);
	ck_assert_msg(strstr(json, "\"status\":\tnull") != NULL, "%s", json);
	ck_assert_msg(strstr(json, "\"change_pct\":\t-75") != NULL, "%s",
	    json);
	ck_assert_str_eq(csv, "worker,team,loads,status,streak,"
	    "average_load_pct,change_pct\n"
	    "'=Bo,N,50; ,,0,50,\n"
	    "Anna,N,100; 25,under,1,62.5,-75\n");
	free(json);
	free(csv);
	cl_trend_free(t);
}
END_TEST

Suite *
history_suite(void)
{
	Suite *s = suite_create("history");
	TCase *db_case = tcase_create("database");
	TCase *trend = tcase_create("trend");

	tcase_add_checked_fixture(db_case, setup, teardown);
	tcase_set_timeout(db_case, SLOW_TEST_SECONDS);
	tcase_add_test(db_case, history_dates);
	tcase_add_test(db_case, history_record_creates_and_lists);
	tcase_add_test(db_case, history_same_date_replaces);
	tcase_add_test(db_case, history_trend_from_database);
	tcase_add_test(db_case, history_forget);
	tcase_add_test(db_case, history_refuses_a_text_file);
	tcase_add_test(db_case, history_refuses_another_sqlite_database);
	tcase_add_test(db_case, history_refuses_a_newer_schema);
	tcase_add_test(db_case, history_refuses_a_view_for_a_table);
	tcase_add_test(db_case, history_refuses_a_truncated_file);
	tcase_add_test(db_case, history_refuses_bad_values);
	tcase_add_test(db_case, history_cannot_open);
	tcase_add_test(db_case, history_empty_file);
	tcase_add_test(trend, trend_streak_change_average);
	tcase_add_test(trend, trend_gap_ends_a_streak);
	tcase_add_test(trend, trend_sorts_like_the_report);
	tcase_add_test(trend, trend_of_nothing);
	tcase_add_test(trend, render_sparkline_one_scale);
	tcase_add_test(trend, render_missing_weeks);
	suite_add_tcase(s, db_case);
	suite_add_tcase(s, trend);
	return s;
}
