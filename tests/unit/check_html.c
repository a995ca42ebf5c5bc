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
	static const struct cl_fact facts[] = {
		{ "Case lists", "a<b>.csv, c.csv" }, { "Targets", "120,5 & so" },
	};
	struct cl_diag d = { "a<b>.csv", 7, CL_WARNING, "name \"<i>\"" };
	FILE *f = open_buf();
	char *s;

	html_page_begin(f, "Caseload <report>", facts, 2);
	html_diagnostics(f, &d, 1);
	html_page_end(f);
	s = close_buf(f);
	ck_assert(strncmp(s, "<!DOCTYPE html>\n<html lang=\"en\">", 32) == 0);
	ck_assert_ptr_nonnull(strstr(s, "<meta charset=\"utf-8\">"));
	ck_assert_ptr_nonnull(strstr(s, "@page{size:A4"));
	ck_assert_ptr_nonnull(strstr(s, "<title>Caseload &lt;report&gt;: "
	    "a&lt;b&gt;.csv, c.csv</title>"));
	ck_assert_ptr_nonnull(strstr(s, "<dt>Case lists</dt><dd>a&lt;b&gt;.csv, "
	    "c.csv</dd>"));
	ck_assert_ptr_nonnull(strstr(s, "<dd>120,5 &amp; so</dd>"));
	ck_assert_ptr_nonnull(strstr(s, "<li>a&lt;b&gt;.csv:7: warning: name "
	    "&quot;&lt;i&gt;&quot;</li>"));
	ck_assert_ptr_null(strstr(s, "<script"));
	ck_assert_ptr_null(strstr(s, "src="));
	ck_assert_ptr_null(strstr(s, "href="));
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
		  .word = "over", .tone = CL_TONE_BAD, .has_marker = 1,
		  .marker = CL_DEC(40) },
		{ .label = "Under", .value = CL_DEC(50), .has_value = 1,
		  .word = "under", .tone = CL_TONE_WARNING,
		  .detail = "1 &amp; 2" },
		{ .label = "No target", .has_value = 0, .word = "ok",
		  .tone = CL_TONE_GOOD },
	};
	char *s = chart(bars, 3, CL_DEC(80));

	ck_assert(strncmp(s, "<svg class=\"chart\"", 18) == 0);
	ck_assert_uint_eq(count(s, "<g class=\"bar\""), 3);
	ck_assert_ptr_nonnull(strstr(s, "<title id=\"c7-title\">Load &lt;per&gt; "
	    "worker</title>"));
	ck_assert_ptr_nonnull(strstr(s, "data-status=\"over\""));
	ck_assert_ptr_nonnull(strstr(s, ">Over &lt;b&gt;</text>"));
	/* colour and pattern for each status, used by the bars */
	ck_assert_ptr_nonnull(strstr(s, "<pattern id=\"c7-bad\""));
	ck_assert_ptr_nonnull(strstr(s, "fill=\"url(#c7-bad)\""));
	ck_assert_ptr_nonnull(strstr(s, "fill=\"url(#c7-warning)\""));
	/* the legend names each status once, with its pattern */
	ck_assert_uint_eq(count(s, "fill=\"url(#c7-good)\""), 1);
	ck_assert_uint_eq(count(s, ">ok</text>"), 1);
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
		  .value = CL_DEC(1000000), .has_value = 1, .word = "over",
		  .tone = CL_TONE_BAD },
		{ .label = "\xc3\x86\xc3\x86\xc3\x86\xc3\x86\xc3\x86\xc3\x86"
		  "\xc3\x86\xc3\x86\xc3\x86\xc3\x86\xc3\x86\xc3\x86\xc3\x86"
		  "\xc3\x86\xc3\x86\xc3\x86\xc3\x86\xc3\x86\xc3\x86\xc3\x86"
		  "\xc3\x86\xc3\x86\xc3\x86\xc3\x86\xc3\x86\xc3\x86\xc3\x86"
		  "\xc3\x86\xc3\x86\xc3\x86\xc3\x86\xc3\x86",
		  .value = CL_DEC(1), .has_value = 1, .word = "under",
		  .tone = CL_TONE_WARNING },
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
		  .word = "ok", .tone = CL_TONE_GOOD, .has_before = 1,
		  .before = CL_DEC(120) },
		{ .label = "Team", .value = CL_DEC(90), .has_value = 1 },
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
	const struct cl_format *html = cl_format_find("html");
	const struct cl_format *xlsx = cl_format_find("xlsx");

	ck_assert_ptr_nonnull(html);
	ck_assert_ptr_nonnull(xlsx);
	ck_assert(html->render == cl_render_html);
	ck_assert(xlsx->render == cl_render_xlsx);
	ck_assert_int_eq(html->audience, CL_FOR_PEOPLE);
	ck_assert_int_eq(xlsx->audience, CL_FOR_PEOPLE);
	ck_assert(html->flags & CL_FORMAT_DIAGNOSTICS);
	ck_assert(html->flags & CL_FORMAT_DECIMAL_COMMA);
	ck_assert(xlsx->flags & CL_FORMAT_DIAGNOSTICS);
	ck_assert(xlsx->flags & CL_FORMAT_NEEDS_FILE);
	ck_assert(!(xlsx->flags & CL_FORMAT_EXCEL));
}
END_TEST

/* A result of a kind the formats do not know, with a chart hint: every
 * type, a change, a status with a note, a row without values. */
enum { K_NAME, K_VISITS, K_DONE, K_GOAL, K_LOAD, K_STATUS, K_DUE, K_LATE,
	K_WHO, K_TREND, K_COLUMNS };

static const struct cl_column columns[K_COLUMNS] = {
	[K_NAME] = { "name", "Name", CL_TYPE_TEXT, 0, 0, "(none)" },
	[K_VISITS] = { "visits", "Visits", CL_TYPE_INTEGER, 0, CL_COL_CHANGE,
	    NULL },
	[K_DONE] = { "done", "Done", CL_TYPE_DECIMAL, 2, 0, NULL },
	[K_GOAL] = { "goal", "Goal", CL_TYPE_DECIMAL, 2, 0, NULL },
	[K_LOAD] = { "load", "Load", CL_TYPE_PERCENT, 1, CL_COL_CHANGE, NULL },
	[K_STATUS] = { "status", "Status", CL_TYPE_STATUS, 0, 0, NULL },
	[K_DUE] = { "due", "Due", CL_TYPE_DATE, 0, 0, NULL },
	[K_LATE] = { "late", "Late", CL_TYPE_BOOL, 0, 0, NULL },
	[K_WHO] = { "who", "Who", CL_TYPE_TEXTS, 0, 0, NULL },
	[K_TREND] = { "trend", "Trend", CL_TYPE_NUMBERS, 0, 0, NULL },
};
static const char *const who[] = { "Bo", "<Åse>" };
static const cl_dec trend[] = { CL_DEC(1), CL_DEC(5), CL_DEC(9) };
static const int details[] = { K_DONE, K_GOAL, K_VISITS, -1, -1 };
static const struct cl_chart visits_chart = { "Visits <done>", K_NAME,
	K_LOAD, K_STATUS, K_VISITS, K_GOAL, "visits of the goal", CL_DEC(50),
	details };

static void
made_up_cell(const struct cl_table *t, size_t row, size_t col,
    struct cl_value *v)
{
	(void)t;
	v[0].null = v[1].null = row == 1;
	switch (col) {
	case K_NAME:
		v->text = "=HYPERLINK(\"x\")";
		break;
	case K_VISITS:
		v[0].integer = 3;
		v[1].integer = 4;
		break;
	case K_DONE:
		v->dec = 7500000;
		break;
	case K_GOAL:
		v->dec = CL_DEC(8);
		break;
	case K_LOAD:
		v[0].dec = 98750000;
		v[1].dec = CL_DEC(105);
		break;
	case K_STATUS:
		v->text = "late";
		v->note = "2 days";
		v->tone = CL_TONE_BAD;
		break;
	case K_DUE:
		v->date = 20793;	/* 2026-12-06 */
		break;
	case K_LATE:
		v->yes = 1;
		break;
	case K_WHO:
		v->list.texts = who;
		v->list.n = 2;
		break;
	default:
		v->list.numbers = trend;
		v->list.n = 3;
	}
}

static struct cl_result *
made_up(void)
{
	static const struct cl_fact facts[] = { { "Source", "x.csv" } };
	static const struct cl_diag diag = { "x.csv", 3, CL_ERROR, "bad <b>" };
	struct cl_result *r = cl_result_new("visits", "Visits");
	struct cl_figure *f = cl_result_add_figures(r, "totals", "Totals",
	    CL_SHOW_ALL, 1);
	struct cl_table *t = cl_result_add_table(r, "rows", "Rows",
	    CL_SHOW_ALL);
	struct cl_table *hidden = cl_result_add_table(r, "hidden", "Hidden",
	    CL_SHOW(CL_FOR_TREE));

	f[0] = (struct cl_figure){ "visits", "Visits", CL_TYPE_INTEGER, 0,
		{ .integer = 12 } };
	t->columns = columns;
	t->ncolumns = K_COLUMNS;
	t->nrows = 2;
	t->cell = made_up_cell;
	t->chart = &visits_chart;
	hidden->columns = columns;
	hidden->ncolumns = 1;
	hidden->cell = made_up_cell;
	cl_result_add_line(r, 1, "Lead <%d>.", 1);
	cl_result_add_line(r, 0, "Done \x1b.");
	r->facts = facts;
	r->nfacts = 1;
	r->diags = &diag;
	r->ndiags = 1;
	return r;
}

START_TEST(html_walks_any_result)
{
	struct cl_result *r = made_up();
	struct cl_render_options o;
	FILE *f;
	char *s;

	cl_render_options_default(&o);
	o.decimal_sep = ',';
	f = open_buf();
	ck_assert_int_eq(cl_render(r, "html", &o, f), 0);
	s = close_buf(f);
	ck_assert_ptr_nonnull(strstr(s, "<title>Visits: x.csv</title>"));
	ck_assert_ptr_nonnull(strstr(s, "<p>Lead &lt;1&gt;.</p>"));
	ck_assert_ptr_nonnull(strstr(s, "<dt>Visits</dt><dd>12</dd>"));
	ck_assert_ptr_nonnull(strstr(s, "<section id=\"rows\">\n<h2>Rows</h2>"));
	ck_assert_ptr_null(strstr(s, "Hidden"));
	/* the chart: one bar per row, before and after, the mark, the
	 * details as pairs, the word and its tone */
	ck_assert_uint_eq(count(s, "<g class=\"bar\""), 2);
	ck_assert_ptr_nonnull(strstr(s, "<title id=\"c1-title\">Visits &lt;done"
	    "&gt;</title>"));
	ck_assert_ptr_nonnull(strstr(s, ">98,75 % \xe2\x86\x92 105 % late \xc2\xb7 "
	    "Done 7,5 of 8, Visits 4</text>"));
	ck_assert_ptr_nonnull(strstr(s, "<path class=\"marker\""));
	ck_assert_ptr_nonnull(strstr(s, ">under 50 %</text>"));
	ck_assert_ptr_nonnull(strstr(s, ">(none)</text>"));
	ck_assert_ptr_nonnull(strstr(s, ">no target \xc2\xb7 Done - of -, "
	    "Visits -</text>"));
	/* the table: every type for people */
	ck_assert_ptr_nonnull(strstr(s, "<th scope=\"row\">=HYPERLINK(&quot;x"
	    "&quot;)</th><td class=\"num\">3 \xe2\x86\x92 4</td>"
	    "<td class=\"num\">7,5</td><td class=\"num\">8</td>"
	    "<td class=\"num\">98,8\xc2\xa0% \xe2\x86\x92 105\xc2\xa0%</td>"
	    "<td class=\"tone-bad\">late (2 days)</td><td>2026-12-06</td>"
	    "<td>yes</td><td>Bo; &lt;\xc3\x85se&gt;</td><td><svg class=\"spark\""));
	ck_assert_ptr_nonnull(strstr(s, "<th scope=\"row\">(none)</th>"
	    "<td class=\"num\">- \xe2\x86\x92 -</td>"));
	ck_assert_ptr_nonnull(strstr(s, "<p>Done \\x1b.</p>"));
	ck_assert_ptr_nonnull(strstr(s, "<li>x.csv:3: bad &lt;b&gt;</li>"));
	ck_assert_ptr_null(strstr(s, "<script"));
	free(s);
	cl_result_free(r);
}
END_TEST

START_TEST(html_report_escapes_names_and_charts_workers_and_teams)
{
	struct diag_log log = { 0 };
	struct cl_engine *e = test_engine_new(&log);
	struct cl_case c = { .worker = "<script>alert(1)</script>",
		.case_id = "1", .team = "<b>", .points = CL_DEC(130),
		.file = "x.csv", .line = 2 };
	struct cl_case c2 = { .worker = "Bo", .case_id = "2", .team = "B",
		.points = CL_DEC(10), .file = "x.csv", .line = 3 };
	struct cl_render_options o;
	struct cl_result *r;
	FILE *f;
	char *s;

	cl_engine_add_case(e, &c);
	cl_engine_add_case(e, &c2);
	cl_render_options_default(&o);
	r = cl_result_report(cl_engine_report(e, CL_SORT_STATUS), &o);
	f = open_buf();
	ck_assert_int_eq(cl_render(r, "html", &o, f), 0);
	s = close_buf(f);
	ck_assert_ptr_null(strstr(s, "<script"));
	ck_assert_ptr_null(strstr(s, "<b>"));
	ck_assert_ptr_nonnull(strstr(s, "<th scope=\"row\">&lt;script&gt;alert(1)"
	    "&lt;/script&gt;</th>"));
	/* two charts, the workers' with statuses and marks, the teams'
	 * neutral */
	ck_assert_uint_eq(count(s, "<svg class=\"chart\""), 2);
	ck_assert_uint_eq(count(s, "<g class=\"bar\""), 4);
	ck_assert_uint_eq(count(s, "data-status=\"none\""), 2);
	ck_assert_ptr_nonnull(strstr(s, "108,33 %") == NULL ? strstr(s,
	    ">108.33 % over \xc2\xb7 Points 130 of 120, Cases 1 of 25</text>")
	    : NULL);
	ck_assert_ptr_nonnull(strstr(s, ">under 80 %</text>"));
	free(s);
	cl_result_free(r);
	cl_engine_free(e);
	diag_log_free(&log);
}
END_TEST

START_TEST(xlsx_is_a_zip_and_write_errors_count)
{
	struct cl_result *r = made_up();
	struct cl_render_options o;
	FILE *f;
	char *s;

	cl_render_options_default(&o);
	f = open_buf();
	ck_assert_int_eq(cl_render(r, "xlsx", &o, f), 0);
	ck_assert_int_eq(fflush(f), 0);
	ck_assert_uint_gt(size, 1000);
	ck_assert(memcmp(buf, "PK\x03\x04", 4) == 0);
	s = close_buf(f);
	free(s);
	f = fopen("/dev/full", "w");
	if (f != NULL) {
		int rc = cl_render(r, "xlsx", &o, f);

		ck_assert(rc != 0 || fflush(f) != 0);
		fclose(f);
	}
	cl_result_free(r);
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
	tcase_add_test(tc, html_walks_any_result);
	tcase_add_test(tc, html_report_escapes_names_and_charts_workers_and_teams);
	tcase_add_test(tc, xlsx_is_a_zip_and_write_errors_count);
	suite_add_tcase(s, tc);
	return s;
}
