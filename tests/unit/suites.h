/*
 * suites.h - the Check suites of the unit-test runner, one per module.
 */
#ifndef CL_TEST_SUITES_H
#define CL_TEST_SUITES_H

#include <check.h>

Suite *decimal_suite(void);
Suite *text_suite(void);
Suite *read_csv_suite(void);
Suite *engine_suite(void);
Suite *read_source_suite(void);
Suite *render_suite(void);
Suite *config_suite(void);
Suite *plan_suite(void);
Suite *read_fast_suite(void);
Suite *html_suite(void);
Suite *sha256_suite(void);
Suite *history_suite(void);
Suite *date_suite(void);
Suite *schedule_suite(void);
Suite *followups_suite(void);
Suite *diff_suite(void);
Suite *result_suite(void);
Suite *util_suite(void);

#endif
