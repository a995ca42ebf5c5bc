/*
 * check_schedule.c - follow-up schedules: Borås's defaults worked through
 * by hand (phases, due dates, rates, due and overdue), phase boundaries,
 * and every error of the configuration's `schedules` with its path.
 */
#include <string.h>

#include "helpers.h"
#include "suites.h"

static struct cl_config *config;
static struct diag_log log_;

static void
setup(void)
{
	config = cl_config_new();
	memset(&log_, 0, sizeof log_);
}

static void
teardown(void)
{
	cl_config_free(config);
	diag_log_free(&log_);
}

static cl_date
day(const char *s)
{
	cl_date d = 0;

	ck_assert_msg(cl_date_parse(s, strlen(s), 1, &d) == NULL, "%s", s);
	return d;
}

static const char *
text(cl_date d)
{
	static char buf[4][CL_DATE_BUFSIZE];
	static int i;

	i = (i + 1) % 4;
	return cl_date_format(d, buf[i]);
}

static const struct cl_schedule *
find(const char *name)
{
	const struct cl_schedule *s = cl_schedule_find(config, name);

	ck_assert_msg(s != NULL, "no schedule %s", name);
	return s;
}

/* Evaluates a case; last may be NULL. */
static struct cl_followup
eval(const char *schedule, const char *placed, const char *last,
    const char *as_of, long window)
{
	struct cl_followup f;
	cl_date l = last != NULL ? day(last) : 0;

	cl_schedule_eval(find(schedule), day(placed), last != NULL ? &l : NULL,
	    day(as_of), window, &f);
	return f;
}

static void
assert_next(const char *schedule, const char *placed, const char *last,
    const char *expected)
{
	struct cl_followup f = eval(schedule, placed, last, placed, 28);

	/* as_of does not change the next due date */
	ck_assert_msg(strcmp(text(f.next_due), expected) == 0,
	    "%s placed %s last %s: next due %s, expected %s", schedule,
	    placed, last != NULL ? last : "-", text(f.next_due), expected);
}

static void
assert_rate(const char *schedule, const char *placed, const char *as_of,
    int64_t num, int64_t den)
{
	struct cl_followup f = eval(schedule, placed, NULL, as_of, 28);

	ck_assert_msg(f.rate_num == num && f.rate_den == den,
	    "%s placed %s on %s: rate %lld/%lld, expected %lld/%lld", schedule,
	    placed, as_of, (long long)f.rate_num, (long long)f.rate_den,
	    (long long)num, (long long)den);
}

START_TEST(defaults_are_boras)
{
	const struct cl_schedule *foster = find("foster family");
	const struct cl_schedule *inst = find("institution");

	ck_assert_uint_eq(config->nschedules, 2);
	ck_assert_ptr_eq(find("Plejefamilie"), foster);
	ck_assert_ptr_eq(find(" familiehem "), foster);
	ck_assert_ptr_eq(find("JOURHEM"), foster);
	ck_assert_ptr_eq(find("netværksplejefamilie"), foster);
	ck_assert_ptr_eq(find("HVB-hem"), inst);
	ck_assert_ptr_eq(find("døgninstitution"), inst);
	ck_assert_ptr_eq(find("opholdssted"), inst);
	ck_assert_ptr_null(cl_schedule_find(config, "kinship care"));
	ck_assert_ptr_null(cl_schedule_find(config, ""));
	ck_assert_uint_eq(foster->nphases, 3);
	ck_assert_int_eq(foster->phases[0].kind, CL_PHASE_ONCE);
	ck_assert_int_eq(foster->phases[0].n, 14);
	ck_assert_int_eq(foster->phases[1].until_months, 6);
	ck_assert_int_eq(inst->phases[1].kind, CL_PHASE_WEEKS);
	ck_assert_int_eq(inst->phases[1].n, 6);
}
END_TEST

START_TEST(foster_first_due_is_14_days)
{
	assert_next("foster family", "2024-01-31", NULL, "2024-02-14");
	assert_next("foster family", "2024-12-25", NULL, "2025-01-08");
}
END_TEST

START_TEST(institution_first_due_is_a_month)
{
	assert_next("institution", "2024-03-15", NULL, "2024-04-15");
	assert_next("institution", "2024-01-31", NULL, "2024-02-29");
	assert_next("institution", "2023-01-31", NULL, "2023-02-28");
}
END_TEST

START_TEST(foster_phases_in_force)
{
	const struct cl_schedule *s = find("foster family");
	cl_date placed = day("2024-01-31");

	ck_assert_ptr_null(cl_schedule_phase_on(s, placed, day("2024-01-30")));
	ck_assert_ptr_eq(cl_schedule_phase_on(s, placed, placed),
	    &s->phases[0]);
	/* the one-off phase up to and including its due date */
	ck_assert_ptr_eq(cl_schedule_phase_on(s, placed, day("2024-02-14")),
	    &s->phases[0]);
	ck_assert_ptr_eq(cl_schedule_phase_on(s, placed, day("2024-02-15")),
	    &s->phases[1]);
	/* the monthly phase up to, not including, 6 months */
	ck_assert_ptr_eq(cl_schedule_phase_on(s, placed, day("2024-07-30")),
	    &s->phases[1]);
	ck_assert_ptr_eq(cl_schedule_phase_on(s, placed, day("2024-07-31")),
	    &s->phases[2]);
	ck_assert_ptr_eq(cl_schedule_phase_on(s, placed, day("2030-01-01")),
	    &s->phases[2]);
}
END_TEST

START_TEST(foster_next_due_after_a_followup)
{
	/* met the one-off: the first monthly due date after it */
	assert_next("foster family", "2024-01-31", "2024-02-10", "2024-02-29");
	assert_next("foster family", "2024-01-31", "2024-01-31", "2024-02-29");
	assert_next("foster family", "2024-01-31", "2024-02-14", "2024-02-29");
	assert_next("foster family", "2024-01-10", "2024-01-12", "2024-02-10");
	/* monthly: a month after the follow-up */
	assert_next("foster family", "2024-01-31", "2024-02-15", "2024-03-15");
	assert_next("foster family", "2024-01-31", "2024-03-31", "2024-04-30");
	assert_next("foster family", "2024-01-31", "2024-07-30", "2024-08-30");
	/* from 6 months on, quarterly */
	assert_next("foster family", "2024-01-31", "2024-07-31", "2024-10-31");
	assert_next("foster family", "2024-01-31", "2024-11-30", "2025-02-28");
}
END_TEST

START_TEST(institution_next_due_after_a_followup)
{
	assert_next("institution", "2024-03-15", "2024-03-20", "2024-04-20");
	assert_next("institution", "2024-03-15", "2025-03-14", "2025-04-14");
	/* from 12 months on, every 6 weeks */
	assert_next("institution", "2024-03-15", "2025-03-15", "2025-04-26");
	assert_next("institution", "2024-02-29", "2025-02-28", "2025-04-11");
}
END_TEST

START_TEST(rates_of_the_phase_in_force)
{
	assert_rate("foster family", "2024-01-31", "2024-01-31", 1, 1);
	assert_rate("foster family", "2024-01-31", "2024-02-14", 1, 1);
	assert_rate("foster family", "2024-01-31", "2024-02-15", 1, 1);
	assert_rate("foster family", "2024-01-31", "2024-07-31", 1, 3);
	assert_rate("institution", "2024-03-15", "2025-03-14", 1, 1);
	/* 365.25 / 12 / 42 */
	assert_rate("institution", "2024-03-15", "2025-03-15", 1461, 2016);
	{
		struct cl_phase days = { CL_PHASE_DAYS, 10, 0 };
		int64_t num, den;

		cl_phase_rate(&days, &num, &den);
		ck_assert_int_eq(num, 1461);
		ck_assert_int_eq(den, 480);
	}
}
END_TEST

START_TEST(due_and_overdue)
{
	struct cl_followup f;

	f = eval("institution", "2024-03-15", NULL, "2024-04-20", 28);
	ck_assert(f.overdue);
	ck_assert(!f.due);
	ck_assert_int_eq(f.days_overdue, 5);
	f = eval("institution", "2024-03-15", NULL, "2024-04-16", 28);
	ck_assert(f.overdue);
	ck_assert_int_eq(f.days_overdue, 1);
	/* due on the as-of day itself */
	f = eval("institution", "2024-03-15", NULL, "2024-04-15", 28);
	ck_assert(!f.overdue);
	ck_assert(f.due);
	ck_assert_int_eq(f.days_overdue, 0);
	/* the window: 27 days ahead is in, 28 is out */
	f = eval("institution", "2024-03-15", NULL, "2024-03-19", 28);
	ck_assert(f.due);
	f = eval("institution", "2024-03-15", NULL, "2024-03-18", 28);
	ck_assert(!f.due && !f.overdue);
	f = eval("institution", "2024-03-15", NULL, "2024-03-18", 29);
	ck_assert(f.due);
	f = eval("institution", "2024-03-15", NULL, "2024-04-14", 1);
	ck_assert(!f.due);
	f = eval("institution", "2024-03-15", NULL, "2024-04-15", 1);
	ck_assert(f.due);
	/* a follow-up made moves the next due date on */
	f = eval("foster family", "2024-01-31", "2024-02-10", "2024-02-20", 28);
	ck_assert(f.has_last);
	ck_assert(f.due && !f.overdue);
	ck_assert_str_eq(text(f.next_due), "2024-02-29");
}
END_TEST

static void
read_config(const char *json)
{
	ck_assert_int_eq(cl_config_read(config, "c.json", json, strlen(json),
	    diag_log_add, &log_), CL_OK);
}

static void
assert_config_error(const char *json, const char *expected)
{
	ck_assert_int_eq(cl_config_read(config, "c.json", json, strlen(json),
	    diag_log_add, &log_), CL_ECONFIG);
	ck_assert_str_eq(diag_log_text(&log_), expected);
	diag_log_free(&log_);
	memset(&log_, 0, sizeof log_);
	/* nothing changed: the defaults are still there */
	ck_assert_uint_eq(config->nschedules, 2);
}

START_TEST(boundary_phase_without_a_due_date)
{
	/* every 5 months until 3: no due date inside it; the weekly phase
	 * from 3 months on has the first */
	read_config("{\"schedules\": {\"odd\": {\"phases\": ["
	    "{\"every_months\": 5, \"until_months\": 3},"
	    "{\"every_weeks\": 1}]}}}");
	assert_next("odd", "2024-01-31", NULL, "2024-05-07");
	/* a follow-up in the first phase steps by its interval */
	assert_next("odd", "2024-01-31", "2024-02-01", "2024-07-01");
	assert_rate("odd", "2024-01-31", "2024-04-29", 1, 5);
	assert_rate("odd", "2024-01-31", "2024-04-30", 1461, 336);
}
END_TEST

START_TEST(boundary_last_due_date_of_a_phase_is_its_end)
{
	/* every 2 months until 6: due at 2, 4 and 6 months; then yearly */
	read_config("{\"schedules\": {\"s\": {\"phases\": ["
	    "{\"every_months\": 2, \"until_months\": 6},"
	    "{\"every_months\": 12}]}}}");
	assert_next("s", "2024-01-31", NULL, "2024-03-31");
	/* a one-off in front of it */
	read_config("{\"schedules\": {\"s\": {\"phases\": ["
	    "{\"within_days\": 3}, {\"every_days\": 10}]}}}");
	assert_next("s", "2024-01-31", NULL, "2024-02-03");
	assert_next("s", "2024-01-31", "2024-02-02", "2024-02-10");
	assert_rate("s", "2024-01-31", "2024-02-03", 1, 1);
	assert_rate("s", "2024-01-31", "2024-02-04", 1461, 480);
}
END_TEST

START_TEST(config_schedules_replace_the_defaults)
{
	const struct cl_schedule *s;

	read_config("{\"schedules\": {\"Voksen\": {\"aliases\": "
	    "[\"adult\", \"voksen\"], \"comment\": \"x\", \"phases\": "
	    "[{\"every_months\": 3, \"comment\": \"quarterly\"}]}}}");
	ck_assert_uint_eq(config->nschedules, 1);
	ck_assert_ptr_null(cl_schedule_find(config, "plejefamilie"));
	s = find("ADULT");
	ck_assert_str_eq(s->name, "Voksen");
	ck_assert_uint_eq(s->naliases, 2);	/* its own name again is harmless */
	ck_assert_int_eq(s->phases[0].kind, CL_PHASE_MONTHS);
	ck_assert_int_eq(s->phases[0].n, 3);
	ck_assert_str_eq(diag_log_text(&log_), "");
	/* an empty object: no schedules at all */
	read_config("{\"schedules\": {}}");
	ck_assert_uint_eq(config->nschedules, 0);
}
END_TEST

START_TEST(config_followups_target)
{
	read_config("{\"targets\": {\"followups_per_month\": 20},"
	    "\"teams\": {\"Voksen\": {\"followups_per_month\": 12.5}}}");
	ck_assert(config->targets.followups == CL_DEC(20));
	ck_assert(cl_config_team_targets(config, "voksen").followups ==
	    12500000);
	ck_assert(cl_config_team_targets(config, "Børn").followups ==
	    CL_DEC(20));
	assert_config_error("{\"targets\": {\"followups_per_month\": 0}}",
	    "c.json:0: error: targets.followups_per_month: expected a "
	    "positive number, got 0\n");
}
END_TEST

START_TEST(config_schedule_errors_name_their_path)
{
	assert_config_error("{\"schedules\": []}",
	    "c.json:0: error: schedules: expected an object, got []\n");
	assert_config_error("{\"schedules\": {\"a\": 3}}",
	    "c.json:0: error: schedules.a: expected an object, got 3\n");
	assert_config_error("{\"schedules\": {\"a\": {}}}",
	    "c.json:0: error: schedules.a: expected phases, an array of "
	    "phases\n");
	assert_config_error("{\"schedules\": {\"a\": {\"phases\": []}}}",
	    "c.json:0: error: schedules.a.phases: expected an array of "
	    "phases, got []\n");
	assert_config_error("{\"schedules\": {\"a\": {\"phase\": []}}}",
	    "c.json:0: error: schedules.a.phase: unknown key; did you mean "
	    "phases?\n"
	    "c.json:0: error: schedules.a: expected phases, an array of "
	    "phases\n");
	assert_config_error("{\"schedules\": {\"a\": {\"phases\": [{}]}}}",
	    "c.json:0: error: schedules.a.phases[0]: expected one of "
	    "within_days, every_days, every_weeks or every_months\n");
	assert_config_error("{\"schedules\": {\"a\": {\"phases\": "
	    "[{\"every_months\": 1.5}]}}}",
	    "c.json:0: error: schedules.a.phases[0].every_months: expected "
	    "a whole number from 1 to 9999, got 1.5\n");
	assert_config_error("{\"schedules\": {\"a\": {\"phases\": "
	    "[{\"every_weeks\": 0}]}}}",
	    "c.json:0: error: schedules.a.phases[0].every_weeks: expected "
	    "a whole number from 1 to 9999, got 0\n");
	assert_config_error("{\"schedules\": {\"a\": {\"phases\": "
	    "[{\"every_days\": 10000}]}}}",
	    "c.json:0: error: schedules.a.phases[0].every_days: expected "
	    "a whole number from 1 to 9999, got 10000\n");
	assert_config_error("{\"schedules\": {\"a\": {\"phases\": "
	    "[{\"within_days\": \"14\"}, {\"every_days\": 1}]}}}",
	    "c.json:0: error: schedules.a.phases[0].within_days: expected "
	    "a whole number from 1 to 9999, got \"14\"\n");
	assert_config_error("{\"schedules\": {\"a\": {\"phases\": "
	    "[{\"every_days\": 1, \"every_weeks\": 1}]}}}",
	    "c.json:0: error: schedules.a.phases[0]: every_days and "
	    "every_weeks both given; a phase is one of them\n");
	assert_config_error("{\"schedules\": {\"a\": {\"phases\": "
	    "[{\"within_days\": 14, \"until_months\": 2},"
	    " {\"every_days\": 1}]}}}",
	    "c.json:0: error: schedules.a.phases[0].until_months: goes with "
	    "every_days, every_weeks or every_months, not within_days\n");
	assert_config_error("{\"schedules\": {\"a\": {\"phases\": "
	    "[{\"within_days\": 14}]}}}",
	    "c.json:0: error: schedules.a.phases: expected at least one "
	    "periodic phase (every_days, every_weeks or every_months)\n");
	assert_config_error("{\"schedules\": {\"a\": {\"phases\": "
	    "[{\"every_months\": 1}, {\"every_months\": 3}]}}}",
	    "c.json:0: error: schedules.a.phases[0]: expected until_months: "
	    "only the last periodic phase runs for good\n");
	assert_config_error("{\"schedules\": {\"a\": {\"phases\": "
	    "[{\"every_months\": 1, \"until_months\": 6}]}}}",
	    "c.json:0: error: schedules.a.phases[0].until_months: the last "
	    "periodic phase runs for good and has no until_months\n");
	assert_config_error("{\"schedules\": {\"a\": {\"phases\": "
	    "[{\"every_months\": 1, \"until_months\": 6},"
	    " {\"within_days\": 3},"
	    " {\"every_months\": 2, \"until_months\": 6},"
	    " {\"every_months\": 3}]}}}",
	    "c.json:0: error: schedules.a.phases[2].until_months: expected "
	    "more than 6, the until_months of the phase before\n");
	assert_config_error("{\"schedules\": {\"a\": {\"phases\": "
	    "[{\"every_month\": 1}]}}}",
	    "c.json:0: error: schedules.a.phases[0].every_month: unknown "
	    "key; did you mean every_months?\n");
	assert_config_error("{\"schedules\": {\"a\": {\"aliases\": \"b\", "
	    "\"phases\": [{\"every_days\": 1}]}}}",
	    "c.json:0: error: schedules.a.aliases: expected an array of "
	    "names, got \"b\"\n");
	assert_config_error("{\"schedules\": {\"a\": {\"aliases\": [\"b\", 2],"
	    " \"phases\": [{\"every_days\": 1}]}}}",
	    "c.json:0: error: schedules.a.aliases[1]: expected a name, got "
	    "2\n");
	assert_config_error("{\"schedules\": {\"a\": {\"aliases\": [\"b\"],"
	    " \"phases\": [{\"every_days\": 1}]}, \"c\": {\"aliases\": "
	    "[\"B\"], \"phases\": [{\"every_days\": 1}]}}}",
	    "c.json:0: error: schedules.c.aliases[0]: \"B\" already names "
	    "the schedule \"a\"\n");
	assert_config_error("{\"schedules\": {\"a\": {\"aliases\": [\"b\"],"
	    " \"phases\": [{\"every_days\": 1}]}, \"B\": {"
	    "\"phases\": [{\"every_days\": 1}]}}}",
	    "c.json:0: error: schedules.B: \"B\" already names "
	    "the schedule \"a\"\n");
	assert_config_error("{\"schedules\": {\"a\": {\"phases\": "
	    "[{\"every_days\": 1}]}, \"A\": {}}}",
	    "c.json:0: error: schedules.A: given twice\n");
}
END_TEST

Suite *schedule_suite(void);

Suite *
schedule_suite(void)
{
	Suite *s = suite_create("schedule");
	TCase *boras = tcase_create("boras");
	TCase *bounds = tcase_create("boundaries");
	TCase *cfg = tcase_create("config");

	tcase_add_checked_fixture(boras, setup, teardown);
	tcase_add_checked_fixture(bounds, setup, teardown);
	tcase_add_checked_fixture(cfg, setup, teardown);
	tcase_add_test(boras, defaults_are_boras);
	tcase_add_test(boras, foster_first_due_is_14_days);
	tcase_add_test(boras, institution_first_due_is_a_month);
	tcase_add_test(boras, foster_phases_in_force);
	tcase_add_test(boras, foster_next_due_after_a_followup);
	tcase_add_test(boras, institution_next_due_after_a_followup);
	tcase_add_test(boras, rates_of_the_phase_in_force);
	tcase_add_test(boras, due_and_overdue);
	tcase_add_test(bounds, boundary_phase_without_a_due_date);
	tcase_add_test(bounds, boundary_last_due_date_of_a_phase_is_its_end);
	tcase_add_test(cfg, config_schedules_replace_the_defaults);
	tcase_add_test(cfg, config_followups_target);
	tcase_add_test(cfg, config_schedule_errors_name_their_path);
	suite_add_tcase(s, boras);
	suite_add_tcase(s, bounds);
	suite_add_tcase(s, cfg);
	return s;
}
