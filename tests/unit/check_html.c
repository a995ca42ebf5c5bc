/*
 * check_html.c - html.h (escaping, the page, the SVG chart) and the html
 * and xlsx renderers through the format table.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "html.h"
#include "suites.h"

static char *buf;
static size_t size;

static FILE *
open_buf(void)
{
	FILE *f = open_memstream(&buf, &size);

	ck_assert_ptr_nonnull(f);
	return f;
}

static char *
close_buf(FILE *f)
{
	ck_assert_int_eq(fclose(f), 0);
	return buf;
}

/* How often needle occurs in haystack. */
static size_t
count(const char *haystack, const char *needle)
{
	size_t n = 0;

	for (const char *p = haystack; (p = strstr(p, needle)) != NULL; p++)
		n++;
	return n;
}

static char *
escaped(const char *s)
{
	FILE *f = open_buf();

	html_text(f, s);
	return close_buf(f);
}

START_TEST(html_text_escapes_markup_and_quotes)
{
	char *s = escaped("<script>alert('x')</script> & \"y\"");

	ck_assert_str_eq(s, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; "
	    "&amp; &quot;y&quot;");
	free(s);
}
END_TEST

START_TEST(html_text_shows_controls_and_bidi_as_the_table_does)
{
	char *s = escaped("a\x1b[31mb\xe2\x80\xae" "c");

	ck_assert_str_eq(s, "a\\x1b[31mb\\u202ec");
	free(s);
	s = escaped("\xc3\x85se =HYPERLINK(\"x\")");
	ck_assert_str_eq(s, "\xc3\x85se =HYPERLINK(&quot;x&quot;)");
	free(s);
	s = escaped(NULL);
	ck_assert_str_eq(s, "");
	free(s);
}
END_TEST

START_TEST(page_is_html5_with_lang_and_no_script)
{
	static const char *const inputs[] = { "a<b>.csv", "c.csv" };
	struct cl_targets t;
	struct html_head h = { "Caseload report", inputs, 2, "r.csv", NULL,
		"2026-12-07", &t, ',' };
	struct cl_diag d = { "a<b>.csv", 7, CL_WARNING, "name \"<i>\"" };
	FILE *f = open_buf();
	char *s;

	cl_targets_default(&t);
	t.points = 1205 * (CL_DEC_SCALE / 10);
	html_page_begin(f, &h);
	html_diagnostics(f, &d, 1);
	html_page_end(f);
	s = close_buf(f);
	ck_assert(strncmp(s, "<!DOCTYPE html>\n<html lang=\"en\">", 32) == 0);
	ck_assert_ptr_nonnull(strstr(s, "<meta charset=\"utf-8\">"));
	ck_assert_ptr_nonnull(strstr(s, "@page{size:A4"));
	ck_assert_ptr_nonnull(strstr(s, "<dd>a&lt;b&gt;.csv, c.csv</dd>"));
	ck_assert_ptr_nonnull(strstr(s, "<dd>120,5 points and 25 cases"));
	ck_assert_ptr_nonnull(strstr(s, "<li>a&lt;b&gt;.csv:7: warning: name "
	    "&quot;&lt;i&gt;&quot;</li>"));
	ck_assert_ptr_null(strstr(s, "<script"));
	ck_assert_ptr_null(strstr(s, "http://www.w3.org/1999"));  /* no links */
	ck_assert_ptr_null(strstr(s, "src="));
	ck_assert(strcmp(s + strlen(s) - 8, "</html>\n") == 0);
	free(s);
}
END_TEST

static char *
chart(const struct chart_bar *bars, size_t n, cl_dec under)
{
	struct chart c = { "Load <per> worker", "load", "cases", "before",
		under, '.', 7 };
	FILE *f = open_buf();

	svg_bar_chart(f, &c, bars, n);
	return close_buf(f);
}

START_TEST(chart_has_a_bar_per_entry_lines_and_patterns)
{
	struct chart_bar bars[3] = {
		{ .label = "Over <b>", .value = CL_DEC(110), .has_value = 1,
		  .status = CL_OVER, .has_marker = 1, .marker = CL_DEC(40) },
		{ .label = "Under", .value = CL_DEC(50), .has_value = 1,
		  .status = CL_UNDER, .detail = "1 & 2" },
		{ .label = "No target", .has_value = 0, .status = CL_OK_LOAD },
	};
	char *s = chart(bars, 3, CL_DEC(80));

	ck_assert(strncmp(s, "<svg class=\"chart\"", 18) == 0);
	ck_assert_uint_eq(count(s, "<g class=\"bar\""), 3);
	ck_assert_ptr_nonnull(strstr(s, "<title id=\"c7-title\">Load &lt;per&gt; "
	    "worker</title>"));
	ck_assert_ptr_nonnull(strstr(s, "data-status=\"over\""));
	ck_assert_ptr_nonnull(strstr(s, ">Over &lt;b&gt;</text>"));
	/* colour and pattern for each status, used by the bars */
	ck_assert_ptr_nonnull(strstr(s, "<pattern id=\"c7-over\""));
	ck_assert_ptr_nonnull(strstr(s, "fill=\"url(#c7-over)\""));
	ck_assert_ptr_nonnull(strstr(s, "fill=\"url(#c7-under)\""));
	/* the value and the status in words after the bar */
	ck_assert_ptr_nonnull(strstr(s, ">110 % over</text>"));
	ck_assert_ptr_nonnull(strstr(s, ">50 % under \xc2\xb7 1 &amp; 2</text>"));
	ck_assert_ptr_nonnull(strstr(s, ">no target ok</text>"));
	/* the lines at 100 % and under, the marker and its legend */
	ck_assert_uint_eq(count(s, "<line class=\"ref\""), 2);
	ck_assert_ptr_nonnull(strstr(s, ">under 80 %</text>"));
	ck_assert_ptr_nonnull(strstr(s, ">100 %</text>"));
	ck_assert_uint_eq(count(s, "<path class=\"marker\""), 2);
	ck_assert_ptr_null(strstr(s, "<path class=\"cut\""));
	free(s);
}
END_TEST

START_TEST(chart_cuts_long_bars_and_long_labels)
{
	struct chart_bar bars[2] = {
		{ .label = "A name far longer than thirty characters, surely",
		  .value = CL_DEC(1000000), .has_value = 1, .status = CL_OVER },
		{ .label = "\xc3\x86\xc3\x86\xc3\x86\xc3\x86\xc3\x86\xc3\x86"
		  "\xc3\x86\xc3\x86\xc3\x86\xc3\x86\xc3\x86\xc3\x86\xc3\x86"
		  "\xc3\x86\xc3\x86\xc3\x86\xc3\x86\xc3\x86\xc3\x86\xc3\x86"
		  "\xc3\x86\xc3\x86\xc3\x86\xc3\x86\xc3\x86\xc3\x86\xc3\x86"
		  "\xc3\x86\xc3\x86\xc3\x86\xc3\x86\xc3\x86",
		  .value = CL_DEC(1), .has_value = 1, .status = CL_UNDER },
	};
	char *s = chart(bars, 2, -1);

	ck_assert_uint_eq(count(s, "<path class=\"cut\""), 1);
	/* the scale ends at 200 % and the bar at the plot's edge */
	ck_assert_ptr_nonnull(strstr(s, ">200 %</text>"));
	ck_assert_ptr_nonnull(strstr(s, "width=\"400.0\""));
	ck_assert_ptr_nonnull(strstr(s, ">1000000 % over</text>"));
	ck_assert_ptr_nonnull(strstr(s, ">A name far longer than thirty\xe2\x80\xa6"
	    "</text>"));
	/* cut between characters, never inside one */
	ck_assert_ptr_nonnull(strstr(s, "\xc3\x86\xe2\x80\xa6</text>"));
	/* no under line when there is none */
	ck_assert_uint_eq(count(s, "<line class=\"ref\""), 1);
	free(s);
}
END_TEST

START_TEST(chart_before_after_and_neutral_bars)
{
	struct chart_bar bars[2] = {
		{ .label = "A", .value = CL_DEC(90), .has_value = 1,
		  .status = CL_OK_LOAD, .has_before = 1, .before = CL_DEC(120),
		  .status_before = CL_OVER },
		{ .label = "Team", .value = CL_DEC(90), .has_value = 1,
		  .no_status = 1 },
	};
	char *s = chart(bars, 2, CL_DEC(80));

	ck_assert_ptr_nonnull(strstr(s, ">120 % \xe2\x86\x92 90 % ok</text>"));
	ck_assert_ptr_nonnull(strstr(s, "fill=\"#bbbbbb\""));
	ck_assert_ptr_nonnull(strstr(s, "data-status=\"none\""));
	ck_assert_ptr_nonnull(strstr(s, "fill=\"#999999\""));
	ck_assert_ptr_nonnull(strstr(s, ">before</text>"));
	free(s);
}
END_TEST

START_TEST(formats_html_and_xlsx_are_rows_of_the_table)
{
	ck_assert(cl_render_lookup("html") == cl_render_html);
	ck_assert(cl_render_lookup("xlsx") == cl_render_xlsx);
	ck_assert(cl_render_plan_lookup("html") == cl_render_plan_html);
	ck_assert(cl_render_plan_lookup("xlsx") == cl_render_plan_xlsx);
	ck_assert(cl_render_ranking_lookup("html") == cl_render_ranking_html);
	ck_assert(cl_render_ranking_lookup("xlsx") == cl_render_ranking_xlsx);
}
END_TEST

START_TEST(html_report_escapes_names_and_lists_diagnostics)
{
	struct diag_log log = { 0 };
	struct cl_engine *e = test_engine_new(&log);
	struct cl_case c = { .worker = "<script>alert(1)</script>",
		.case_id = "1", .points = CL_DEC(130), .file = "x.csv",
		.line = 2 };
	struct cl_diag d = { "x.csv", 3, CL_ERROR, "points \"<b>\" is bad" };
	struct cl_render_options o;
	FILE *f;
	char *s;

	cl_engine_add_case(e, &c);
	cl_render_options_default(&o);
	o.diags = &d;
	o.ndiags = 1;
	f = open_buf();
	ck_assert_int_eq(cl_render_html(cl_engine_report(e, CL_SORT_STATUS),
	    &o, f), 0);
	s = close_buf(f);
	ck_assert_ptr_null(strstr(s, "<script"));
	ck_assert_uint_eq(count(s, "&lt;script&gt;alert(1)&lt;/script&gt;"),
	    3);  /* bar title, table row; the label is cut */
	ck_assert_ptr_nonnull(strstr(s, "<li>x.csv:3: points &quot;&lt;b&gt;"
	    "&quot; is bad</li>"));
	free(s);
	cl_engine_free(e);
	diag_log_free(&log);
}
END_TEST

START_TEST(xlsx_report_is_a_zip_and_write_errors_count)
{
	struct diag_log log = { 0 };
	struct cl_engine *e = test_engine_new(&log);
	struct cl_case c = { .worker = "=1+1", .case_id = "1",
		.points = CL_DEC(10), .file = "x.csv", .line = 2 };
	struct cl_render_options o;
	FILE *f;
	char *s;

	cl_engine_add_case(e, &c);
	cl_render_options_default(&o);
	f = open_buf();
	ck_assert_int_eq(cl_render_xlsx(cl_engine_report(e, CL_SORT_STATUS),
	    &o, f), 0);
	ck_assert_int_eq(fflush(f), 0);
	ck_assert_uint_gt(size, 1000);
	ck_assert(memcmp(buf, "PK\x03\x04", 4) == 0);
	s = close_buf(f);
	free(s);
	f = fopen("/dev/full", "w");
	if (f != NULL) {
		int rc = cl_render_xlsx(cl_engine_report(e, CL_SORT_STATUS),
		    &o, f);

		ck_assert(rc != 0 || fflush(f) != 0);
		fclose(f);
	}
	cl_engine_free(e);
	diag_log_free(&log);
}
END_TEST

Suite *
html_suite(void)
{
	Suite *s = suite_create("html");
	TCase *tc = tcase_create("html");

	tcase_add_test(tc, html_text_escapes_markup_and_quotes);
	tcase_add_test(tc, html_text_shows_controls_and_bidi_as_the_table_does);
	tcase_add_test(tc, page_is_html5_with_lang_and_no_script);
	tcase_add_test(tc, chart_has_a_bar_per_entry_lines_and_patterns);
	tcase_add_test(tc, chart_cuts_long_bars_and_long_labels);
	tcase_add_test(tc, chart_before_after_and_neutral_bars);
	tcase_add_test(tc, formats_html_and_xlsx_are_rows_of_the_table);
	tcase_add_test(tc, html_report_escapes_names_and_lists_diagnostics);
	tcase_add_test(tc, xlsx_report_is_a_zip_and_write_errors_count);
	suite_add_tcase(s, tc);
	return s;
}
