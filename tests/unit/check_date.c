/*
 * check_date.c - calendar days: every accepted form, invalid dates, leap
 * years, month ends and month arithmetic counted from the start.
 */
#include <string.h>

#include "helpers.h"
#include "suites.h"

static cl_date
ymd(int y, int m, int d)
{
	cl_date out = 0;

	ck_assert_msg(cl_date_from_ymd(y, m, d, &out) == 0,
	    "%04d-%02d-%02d rejected", y, m, d);
	return out;
}

static void
assert_parses(const char *s, int y, int m, int d)
{
	cl_date out = -1;
	const char *why = cl_date_parse(s, strlen(s), 0, &out);

	ck_assert_msg(why == NULL, "\"%s\" rejected: %s", s, why);
	ck_assert_msg(out == ymd(y, m, d), "\"%s\" read as another day", s);
}

static void
assert_rejects(const char *s, int iso_only, const char *phrase)
{
	cl_date out = -42;
	const char *why = cl_date_parse(s, strlen(s), iso_only, &out);

	ck_assert_msg(why != NULL, "\"%s\" accepted", s);
	ck_assert_msg(strcmp(why, phrase) == 0, "\"%s\": got \"%s\"", s, why);
	ck_assert_msg(out == -42, "\"%s\": *out changed on failure", s);
}

static void
assert_format(cl_date d, const char *expected)
{
	char buf[CL_DATE_BUFSIZE];

	ck_assert_str_eq(cl_date_format(d, buf), expected);
}

static const char bad[] = "is not a date (YYYY-MM-DD, DD-MM-YYYY, "
    "DD.MM.YYYY or DD/MM/YYYY)";
static const char bad_iso[] = "is not a date in the form YYYY-MM-DD";
static const char no_day[] = "is not a day of the calendar";

START_TEST(days_count_from_1970)
{
	ck_assert_int_eq(ymd(1970, 1, 1), 0);
	ck_assert_int_eq(ymd(1970, 1, 2), 1);
	ck_assert_int_eq(ymd(1969, 12, 31), -1);
	ck_assert_int_eq(ymd(2000, 3, 1) - ymd(2000, 2, 28), 2);
	ck_assert_int_eq(ymd(1900, 3, 1) - ymd(1900, 2, 28), 1);
	ck_assert_int_eq(ymd(2025, 1, 1) - ymd(2024, 1, 1), 366);
	ck_assert_int_eq(ymd(2026, 1, 1) - ymd(2025, 1, 1), 365);
	ck_assert_int_eq(ymd(2024, 12, 31) - ymd(2024, 1, 1), 365);
}
END_TEST

START_TEST(days_round_trip)
{
	/* every day from 1600 to 2400 converts back to itself */
	cl_date first = ymd(1600, 1, 1), last = ymd(2400, 12, 31);

	for (cl_date d = first; d <= last; d++) {
		int y, m, day;
		cl_date back;

		cl_date_to_ymd(d, &y, &m, &day);
		ck_assert_msg(cl_date_from_ymd(y, m, day, &back) == 0 &&
		    back == d, "day %d", (int)d);
	}
	assert_format(ymd(1, 1, 1), "0001-01-01");
	assert_format(ymd(9999, 12, 31), "9999-12-31");
	assert_format(ymd(2024, 2, 29), "2024-02-29");
}
END_TEST

START_TEST(leap_years)
{
	cl_date d;

	ck_assert_int_eq(cl_date_from_ymd(2024, 2, 29, &d), 0);
	ck_assert_int_eq(cl_date_from_ymd(2000, 2, 29, &d), 0);
	ck_assert_int_eq(cl_date_from_ymd(2023, 2, 29, &d), -1);
	ck_assert_int_eq(cl_date_from_ymd(1900, 2, 29, &d), -1);
	ck_assert_int_eq(cl_date_from_ymd(2100, 2, 29, &d), -1);
	ck_assert_int_eq(cl_date_from_ymd(2024, 4, 31, &d), -1);
	ck_assert_int_eq(cl_date_from_ymd(2024, 13, 1, &d), -1);
	ck_assert_int_eq(cl_date_from_ymd(2024, 0, 1, &d), -1);
	ck_assert_int_eq(cl_date_from_ymd(2024, 1, 0, &d), -1);
	ck_assert_int_eq(cl_date_from_ymd(0, 1, 1, &d), -1);
	ck_assert_int_eq(cl_date_from_ymd(10000, 1, 1, &d), -1);
}
END_TEST

START_TEST(parse_every_form)
{
	assert_parses("2024-03-05", 2024, 3, 5);
	assert_parses("05-03-2024", 2024, 3, 5);
	assert_parses("05.03.2024", 2024, 3, 5);
	assert_parses("05/03/2024", 2024, 3, 5);
	assert_parses("5-3-2024", 2024, 3, 5);
	assert_parses("5.3.2024", 2024, 3, 5);
	assert_parses("5/3/2024", 2024, 3, 5);
	assert_parses("5.03.2024", 2024, 3, 5);
	assert_parses("05.3.2024", 2024, 3, 5);
	assert_parses(" 2024-03-05\t", 2024, 3, 5);
	assert_parses("29.02.2024", 2024, 2, 29);
	assert_parses("31/12/1999", 1999, 12, 31);
	assert_parses("0001-01-01", 1, 1, 1);
}
END_TEST

START_TEST(parse_rejects_other_forms)
{
	assert_rejects("", 0, bad);
	assert_rejects("   ", 0, bad);
	assert_rejects("2024-3-5", 0, bad);
	assert_rejects("2024/03/05", 0, bad);
	assert_rejects("2024.03.05", 0, bad);
	assert_rejects("05-03-24", 0, bad);
	assert_rejects("05.03/2024", 0, bad);
	assert_rejects("005.03.2024", 0, bad);
	assert_rejects("05.003.2024", 0, bad);
	assert_rejects("05.03.20245", 0, bad);
	assert_rejects("2024-03-05T10:00", 0, bad);
	assert_rejects("2024-03-05 10:00", 0, bad);
	assert_rejects("5 March 2024", 0, bad);
	assert_rejects("-5.03.2024", 0, bad);
	assert_rejects("2024-03-", 0, bad);
	assert_rejects("05.03.", 0, bad);
	assert_rejects("20240305", 0, bad);
	assert_rejects("05.03.2024", 1, bad_iso);
	assert_rejects("5/3/2024", 1, bad_iso);
	{
		cl_date out;

		ck_assert_ptr_null(cl_date_parse("2024-03-05", 10, 1, &out));
		/* only len bytes count */
		ck_assert_ptr_null(cl_date_parse("2024-03-051", 10, 1, &out));
		ck_assert_int_eq(out, ymd(2024, 3, 5));
		ck_assert_ptr_nonnull(cl_date_parse("2024-03-05\0", 11, 0,
		    &out));
	}
}
END_TEST

START_TEST(parse_rejects_days_that_do_not_exist)
{
	assert_rejects("2023-02-29", 0, no_day);
	assert_rejects("29.02.2023", 0, no_day);
	assert_rejects("29/02/1900", 0, no_day);
	assert_rejects("31-04-2024", 0, no_day);
	assert_rejects("2024-13-01", 0, no_day);
	assert_rejects("2024-00-10", 0, no_day);
	assert_rejects("00.01.2024", 0, no_day);
	assert_rejects("32.01.2024", 0, no_day);
	assert_rejects("0000-01-01", 0, no_day);
	assert_rejects("2023-02-29", 1, no_day);
}
END_TEST

START_TEST(months_clamp_to_the_month_end)
{
	assert_format(cl_date_add_months(ymd(2025, 1, 31), 1), "2025-02-28");
	assert_format(cl_date_add_months(ymd(2024, 1, 31), 1), "2024-02-29");
	assert_format(cl_date_add_months(ymd(2024, 1, 31), 2), "2024-03-31");
	assert_format(cl_date_add_months(ymd(2024, 1, 31), 3), "2024-04-30");
	assert_format(cl_date_add_months(ymd(2024, 2, 29), 12), "2025-02-28");
	assert_format(cl_date_add_months(ymd(2024, 2, 29), 48), "2028-02-29");
	assert_format(cl_date_add_months(ymd(2024, 8, 31), 6), "2025-02-28");
	assert_format(cl_date_add_months(ymd(2024, 11, 15), 3), "2025-02-15");
	assert_format(cl_date_add_months(ymd(2024, 12, 31), 1), "2025-01-31");
	assert_format(cl_date_add_months(ymd(2024, 3, 31), -1), "2024-02-29");
	assert_format(cl_date_add_months(ymd(2024, 3, 15), 0), "2024-03-15");
	assert_format(cl_date_add_months(ymd(2024, 5, 10), 120), "2034-05-10");
}
END_TEST

START_TEST(months_count_from_the_start_each_time)
{
	/* step by step 31 Jan -> 28 Feb -> 28 Mar; from the start: 31 Mar */
	cl_date start = ymd(2025, 1, 31);
	cl_date stepped = cl_date_add_months(cl_date_add_months(start, 1), 1);

	assert_format(stepped, "2025-03-28");
	assert_format(cl_date_add_months(start, 2), "2025-03-31");
}
END_TEST

Suite *date_suite(void);

Suite *
date_suite(void)
{
	Suite *s = suite_create("date");
	TCase *tc = tcase_create("date");

	tcase_add_test(tc, days_count_from_1970);
	tcase_add_test(tc, days_round_trip);
	tcase_add_test(tc, leap_years);
	tcase_add_test(tc, parse_every_form);
	tcase_add_test(tc, parse_rejects_other_forms);
	tcase_add_test(tc, parse_rejects_days_that_do_not_exist);
	tcase_add_test(tc, months_clamp_to_the_month_end);
	tcase_add_test(tc, months_count_from_the_start_each_time);
	suite_add_tcase(s, tc);
	return s;
}
