/*
 * check_main.c - the unit-test runner: every module's suite in one SRunner.
 */
#include "suites.h"

int
main(void)
{
	SRunner *sr = srunner_create(decimal_suite());
	int failed;

	srunner_add_suite(sr, text_suite());
	srunner_add_suite(sr, read_csv_suite());
	srunner_add_suite(sr, engine_suite());
	srunner_add_suite(sr, read_source_suite());
	srunner_add_suite(sr, render_suite());
	srunner_add_suite(sr, config_suite());
	srunner_add_suite(sr, plan_suite());
	srunner_add_suite(sr, read_fast_suite());
	srunner_add_suite(sr, html_suite());
	srunner_add_suite(sr, sha256_suite());
	srunner_add_suite(sr, history_suite());
	srunner_add_suite(sr, date_suite());
	srunner_add_suite(sr, schedule_suite());
	srunner_add_suite(sr, followups_suite());
	srunner_add_suite(sr, diff_suite());
	srunner_add_suite(sr, result_suite());
	srunner_add_suite(sr, util_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
