/*
 * check_decimal.c - exact decimals: parsing, formatting and arithmetic.
 */
#include <string.h>

#include "helpers.h"
#include "suites.h"

/* Parses s; returns the phrase (NULL on success) and stores the value. */
static const char *
parse(const char *s, cl_dec *out)
{
	*out = -42;
	return cl_dec_parse(s, strlen(s), out);
}

static void
assert_parses(const char *s, cl_dec expected)
{
	cl_dec v;
	const char *why = parse(s, &v);

	ck_assert_msg(why == NULL, "\"%s\" rejected: %s", s, why);
	ck_assert_msg(v == expected, "\"%s\" gave %lld, expected %lld", s,
	    (long long)v, (long long)expected);
}

static void
assert_rejects(const char *s, const char *phrase)
{
	cl_dec v;
	const char *why = parse(s, &v);

	ck_assert_msg(why != NULL, "\"%s\" accepted as %lld", s,
	    (long long)v);
	ck_assert_msg(strcmp(why, phrase) == 0,
	    "\"%s\": got \"%s\", expected \"%s\"", s, why, phrase);
	ck_assert_msg(v == -42, "\"%s\": *out changed on failure", s);
}

START_TEST(parse_accepts_plain_decimals)
{
	assert_parses("7", CL_DEC(7));
	assert_parses("7.5", 7500000);
	assert_parses("7,5", 7500000);
	assert_parses(" 7 ", CL_DEC(7));
	assert_parses("\t7.25\t", 7250000);
	assert_parses("0.000001", 1);
	assert_parses("007", CL_DEC(7));
	assert_parses("0", 0);
	assert_parses("118.123456", 118123456);
	assert_parses("9223372036854.775807", INT64_MAX);
}
END_TEST

START_TEST(parse_uses_only_len_bytes)
{
	cl_dec v = 0;

	ck_assert_ptr_null(cl_dec_parse("12345", 2, &v));
	ck_assert(v == CL_DEC(12));
	ck_assert_ptr_null(cl_dec_parse("7\0" "9", 1, &v));
	ck_assert(v == CL_DEC(7));
	ck_assert_str_eq(cl_dec_parse("7\0" "9", 3, &v), "is not a number");
}
END_TEST

START_TEST(parse_rejects_signs_and_emptiness)
{
	assert_rejects("", "is empty");
	assert_rejects("  \t ", "is empty");
	assert_rejects("-3", "is negative");
	assert_rejects(" -0.5", "is negative");
	assert_rejects("+3", "has a sign");
	assert_rejects("\xe2\x88\x92" "3", "is negative");	/* U+2212 */
}
END_TEST

START_TEST(parse_rejects_what_is_not_a_plain_number)
{
	assert_rejects("nan", "is not a number");
	assert_rejects("NaN", "is not a number");
	assert_rejects("inf", "is not a number");
	assert_rejects("infinity", "is not a number");
	assert_rejects("1e3", "has an exponent");
	assert_rejects("1.5E2", "has an exponent");
	assert_rejects("0x1A", "is not a number");
	assert_rejects("7abc", "has text after the number");
	assert_rejects("abc", "is not a number");
}
END_TEST

START_TEST(parse_reads_thousands_with_both_separators)
{
	/* the last separator is the decimal one: Danish, then English */
	assert_parses("1.234,5", 1234500000);
	assert_parses("1,234.5", 1234500000);
	assert_parses("1.234.567,25", 1234567250000);
	assert_parses("12,345,678.000001", 12345678000001);
	assert_parses(" 999.999,5 ", 999999500000);
	/* one separator alone stays a decimal separator */
	assert_parses("1.234", 1234000);
	assert_parses("1,234", 1234000);
}
END_TEST

START_TEST(parse_rejects_bad_separators)
{
	assert_rejects("1 234", "has a space inside (thousands separators "
	    "are not allowed)");
	assert_rejects("12.5.1", "has more than one decimal separator");
	/* one separator grouping in threes is named for what it is */
	assert_rejects("1.234.567", "has thousands separators, which are not "
	    "allowed");
	assert_rejects("1,234,567", "has thousands separators, which are not "
	    "allowed");
	assert_rejects(" 12.345.678 ", "has thousands separators, which are "
	    "not allowed");
	assert_rejects("1.234.56", "has more than one decimal separator");
	assert_rejects("1234.567.891", "has more than one decimal separator");
	/* text after the number: a unit, a percent sign */
	assert_rejects("5,5 %", "has text after the number");
	assert_rejects("12 kr", "has text after the number");
	assert_rejects("3pt", "has text after the number");
	assert_rejects("1.234,5 kr", "has text after the number");
	assert_rejects("1 2x", "has a space inside (thousands separators "
	    "are not allowed)");
	assert_rejects("1x2", "is not a number");
	/* with both separators, the others group thousands in threes */
	assert_rejects("1.23,5", "has a thousands separator that does not "
	    "group digits in threes");
	assert_rejects("1234.567,5", "has a thousands separator that does "
	    "not group digits in threes");
	assert_rejects("1.2345,5", "has a thousands separator that does not "
	    "group digits in threes");
	assert_rejects(".234,5", "has a thousands separator that does not "
	    "group digits in threes");
	assert_rejects("1,234,5.5", "has a thousands separator that does not "
	    "group digits in threes");
	assert_rejects("1,234.567.5", "has more than one decimal separator");
	assert_rejects("1.234,5,6", "has more than one decimal separator");
	assert_rejects("1.234,", "ends in a decimal separator");
	assert_rejects("7.", "ends in a decimal separator");
	assert_rejects("7,", "ends in a decimal separator");
	assert_rejects("12,5.", "ends in a decimal separator");
	assert_rejects("1.234,5.", "ends in a decimal separator");
	assert_rejects("1.234.567 kr", "has thousands separators, which are "
	    "not allowed");
	assert_rejects("1\xc2\xa0" "234", "has a space inside (thousands "
	    "separators are not allowed)");
	assert_rejects(".5", "is not a number");
	assert_rejects(",", "is not a number");
	assert_rejects("7.1234567", "has more than 6 decimals");
}
END_TEST

START_TEST(parse_rejects_values_too_large)
{
	assert_rejects("9223372036854.775808", "is too large");
	assert_rejects("9223372036855", "is too large");
	assert_rejects("99999999999999999999999999", "is too large");
	assert_rejects("18446744073709551616", "is too large");
}
END_TEST

static void
assert_format(cl_dec v, int decimals, char sep, const char *expected)
{
	char buf[CL_DEC_BUFSIZE];

	ck_assert_ptr_eq(cl_dec_format(v, decimals, sep, buf), buf);
	ck_assert_msg(strcmp(buf, expected) == 0,
	    "format(%lld, %d, '%c') = \"%s\", expected \"%s\"",
	    (long long)v, decimals, sep, buf, expected);
}

START_TEST(format_drops_trailing_zeros)
{
	assert_format(CL_DEC(120), 6, '.', "120");
	assert_format(7500000, 6, '.', "7.5");
	assert_format(118500000, 2, '.', "118.5");
	assert_format(1, 6, '.', "0.000001");
	assert_format(0, 6, '.', "0");
	assert_format(0, 0, '.', "0");
	assert_format(CL_DEC(1000000), 6, '.', "1000000");
}
END_TEST

START_TEST(format_rounds_half_away_from_zero)
{
	assert_format(98745000, 2, '.', "98.75");
	assert_format(98744999, 2, '.', "98.74");
	assert_format(1234567, 2, '.', "1.23");
	assert_format(995000, 2, '.', "1");
	assert_format(2500000, 0, '.', "3");
	assert_format(2499999, 0, '.', "2");
	assert_format(-2500000, 0, '.', "-3");
	assert_format(-5000, 2, '.', "-0.01");
	assert_format(-4999, 2, '.', "0");
	assert_format(1234567, 6, '.', "1.234567");
}
END_TEST

START_TEST(format_decimal_comma_and_negatives)
{
	assert_format(7500000, 6, ',', "7,5");
	assert_format(98750000, 2, ',', "98,75");
	assert_format(-7500000, 6, '.', "-7.5");
	assert_format(-CL_DEC(3), 6, ',', "-3");
	assert_format(INT64_MAX, 6, '.', "9223372036854.775807");
	assert_format(INT64_MIN, 6, '.', "-9223372036854.775808");
	assert_format(INT64_MIN, 0, '.', "-9223372036855");
}
END_TEST

START_TEST(add_detects_overflow)
{
	cl_dec sum = 17;

	ck_assert_int_eq(cl_dec_add(CL_DEC(2), 500000, &sum), 0);
	ck_assert(sum == 2500000);
	sum = 17;
	ck_assert_int_eq(cl_dec_add(INT64_MAX, 1, &sum), -1);
	ck_assert(sum == 17);
	ck_assert_int_eq(cl_dec_add(INT64_MIN, -1, &sum), -1);
	ck_assert(sum == 17);
	ck_assert_int_eq(cl_dec_add(INT64_MAX - 1, 1, &sum), 0);
	ck_assert(sum == INT64_MAX);
}
END_TEST

START_TEST(mul_rounds_to_millionths)
{
	cl_dec p = 17;

	ck_assert_int_eq(cl_dec_mul(CL_DEC(120), 500000, &p), 0);
	ck_assert(p == CL_DEC(60));
	ck_assert_int_eq(cl_dec_mul(CL_DEC(25), 500000, &p), 0);
	ck_assert(p == 12500000);
	ck_assert_int_eq(cl_dec_mul(1, 500000, &p), 0);	/* 0.0000005 */
	ck_assert(p == 1);
	ck_assert_int_eq(cl_dec_mul(1, 499999, &p), 0);
	ck_assert(p == 0);
	ck_assert_int_eq(cl_dec_mul(-1, 500000, &p), 0);
	ck_assert(p == -1);
	ck_assert_int_eq(cl_dec_mul(CL_DEC(120), 333333, &p), 0);
	ck_assert(p == 39999960);
	p = 17;
	ck_assert_int_eq(cl_dec_mul(INT64_MAX, CL_DEC(2), &p), -1);
	ck_assert(p == 17);
}
END_TEST

START_TEST(ratio_to_hundredths)
{
	ck_assert(cl_dec_ratio(118500000, CL_DEC(120), 1) == 98750000);
	ck_assert(cl_dec_ratio(CL_DEC(120), CL_DEC(120), 1) == CL_DEC(100));
	ck_assert(cl_dec_ratio(0, CL_DEC(120), 1) == 0);
	/* 100 * 1 / 32 = 3.125: half away from zero, not to even */
	ck_assert(cl_dec_ratio(CL_DEC(1), CL_DEC(32), 1) == 3130000);
	ck_assert(cl_dec_ratio(-CL_DEC(1), CL_DEC(32), 1) == -3130000);
	/* 100 * 1 / 3 = 33.333... */
	ck_assert(cl_dec_ratio(CL_DEC(1), CL_DEC(3), 1) == 33330000);
	ck_assert(cl_dec_ratio(CL_DEC(2), CL_DEC(3), 1) == 66670000);
	/* plain ratios: 1400.5 / 120 = 11.6708... */
	ck_assert(cl_dec_ratio(1400500000, CL_DEC(120), 0) == 11670000);
	ck_assert(cl_dec_ratio(CL_DEC(3), CL_DEC(8), 0) == 380000);
}
END_TEST

START_TEST(ten_times_a_tenth_is_one)
{
	cl_dec tenth, sum = 0;
	char buf[CL_DEC_BUFSIZE];

	ck_assert_ptr_null(cl_dec_parse("0.1", 3, &tenth));
	for (int i = 0; i < 10; i++)
		ck_assert_int_eq(cl_dec_add(sum, tenth, &sum), 0);
	ck_assert(sum == CL_DEC(1));
	ck_assert_str_eq(cl_dec_format(sum, 6, '.', buf), "1");
	ck_assert_ptr_null(cl_dec_parse("0,7", 3, &tenth));
	sum = 0;
	for (int i = 0; i < 3; i++)
		ck_assert_int_eq(cl_dec_add(sum, tenth, &sum), 0);
	ck_assert_str_eq(cl_dec_format(sum, 6, '.', buf), "2.1");
}
END_TEST

Suite *
decimal_suite(void)
{
	Suite *s = suite_create("decimal");
	TCase *parse_tc = tcase_create("parse");
	TCase *format_tc = tcase_create("format");
	TCase *arith_tc = tcase_create("arithmetic");

	tcase_add_test(parse_tc, parse_accepts_plain_decimals);
	tcase_add_test(parse_tc, parse_uses_only_len_bytes);
	tcase_add_test(parse_tc, parse_rejects_signs_and_emptiness);
	tcase_add_test(parse_tc, parse_rejects_what_is_not_a_plain_number);
	tcase_add_test(parse_tc, parse_rejects_bad_separators);
	tcase_add_test(parse_tc, parse_reads_thousands_with_both_separators);
	tcase_add_test(parse_tc, parse_rejects_values_too_large);
	tcase_add_test(format_tc, format_drops_trailing_zeros);
	tcase_add_test(format_tc, format_rounds_half_away_from_zero);
	tcase_add_test(format_tc, format_decimal_comma_and_negatives);
	tcase_add_test(arith_tc, add_detects_overflow);
	tcase_add_test(arith_tc, mul_rounds_to_millionths);
	tcase_add_test(arith_tc, ratio_to_hundredths);
	tcase_add_test(arith_tc, ten_times_a_tenth_is_one);
	suite_add_tcase(s, parse_tc);
	suite_add_tcase(s, format_tc);
	suite_add_tcase(s, arith_tc);
	return s;
}
