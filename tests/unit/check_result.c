/*
 * check_result.c - results as data: a result kind the formats have never
 * seen (every type, a change, views, audiences, figures, lines) written
 * by every format, and the report, plan, ranking and follow-ups
 * descriptions.
 */
#include <cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "suites.h"

enum { K_NAME, K_VISITS, K_POINTS, K_LOAD, K_STATUS, K_DUE, K_LATE, K_WHO,
	K_TREND, K_SECRET, K_COLUMNS };

static const struct cl_column columns[K_COLUMNS] = {
	[K_NAME] = { "name", "Name", CL_TYPE_TEXT, 0, 0, "(none)" },
	[K_VISITS] = { "visits", "Visits", CL_TYPE_INTEGER, 0, 0, NULL },
	[K_POINTS] = { "points", "Points", CL_TYPE_DECIMAL, 2, 0, NULL },
	[K_LOAD] = { "load", "Load", CL_TYPE_PERCENT, 1, CL_COL_CHANGE, NULL },
	[K_STATUS] = { "status", "Status", CL_TYPE_STATUS, 0, 0, NULL },
	[K_DUE] = { "due", "Due", CL_TYPE_DATE, 0, 0, NULL },
	[K_LATE] = { "late", "Late", CL_TYPE_BOOL, 0, 0, NULL },
	[K_WHO] = { "who", "Who", CL_TYPE_TEXTS, 0, 0, NULL },
	[K_TREND] = { "trend", "Trend", CL_TYPE_NUMBERS, 0, 0, NULL },
	[K_SECRET] = { "secret", "Secret", CL_TYPE_TEXT, 0, 0, NULL },
};

/* Everything but the secret, which only JSON shows. */
static const int shown[] = { K_NAME, K_VISITS, K_POINTS, K_LOAD, K_STATUS,
	K_DUE, K_LATE, K_WHO, K_TREND, -1 };

static const char *const who[] = { "Bo", "Åse, K" };
static const cl_dec trend[] = { CL_DEC(1), CL_DEC(5), CL_DEC(9) };

/* Row 0 has a value in every column, row 1 none. */
static void
cell(const struct cl_table *t, size_t row, size_t col, struct cl_value *v)
{
	ck_assert_ptr_eq(t->rows, columns);
	v[0].null = v[1].null = row == 1;
	switch (col) {
	case K_NAME:
		v->text = "=Anne";
		break;
	case K_VISITS:
		v->integer = 12;
		break;
	case K_POINTS:
		v->dec = 7500000;
		break;
	case K_LOAD:
		v[0].dec = 98750000;
		v[1].dec = CL_DEC(105);
		break;
	case K_STATUS:
		v[0].text = "over";
		v[0].note = "pushed over";
		v[0].tone = CL_TONE_BAD;
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
	case K_TREND:
		v->list.numbers = trend;
		v->list.n = 3;
		break;
	default:
		v->text = "s";
	}
}

static struct cl_result *
made_up(void)
{
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
	t->views[CL_FOR_PEOPLE] = shown;
	t->views[CL_FOR_SHEET] = shown;
	t->nrows = 2;
	t->cell = cell;
	t->rows = columns;
	hidden->columns = columns;
	hidden->ncolumns = 1;
	hidden->cell = cell;
	hidden->rows = columns;
	hidden->empty = "Nothing hidden.";
	cl_result_add_line(r, 1, "Lead %d.", 1);
	cl_result_add_line(r, 0, "Done \x1b.");
	return r;
}

/* What `format` writes for res; the caller frees. */
static char *
render(const struct cl_result *res, const char *format,
    const struct cl_render_options *opt)
{
	char *text = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&text, &size);

	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(cl_render(res, format, opt, f), 0);
	ck_assert_int_eq(fclose(f), 0);
	return text;
}

static void
assert_renders(const struct cl_result *res, const char *format,
    const struct cl_render_options *opt, const char *expected)
{
	char *got = render(res, format, opt);

	ck_assert_str_eq(got, expected);
	free(got);
}

START_TEST(table_writes_every_type_for_people)
{
	struct cl_result *r = made_up();
	struct cl_render_options opt;

	cl_render_options_default(&opt);
	opt.decimal_sep = ',';
	assert_renders(r, "table", &opt,
	    "Lead 1.\n"
	    "\n"
	    "Visits: 12\n"
	    "\n"
	    "Name    Visits  Points          Load  Status              "
	    "Due         Late  Who         Trend\n"
	    "=Anne       12     7,5  98,8% \xe2\x86\x92 105%  "
	    "over (pushed over)  2026-12-06  yes   Bo; \xc3\x85se, K  "
	    "\xe2\x96\x81\xe2\x96\x85\xe2\x96\x88\n"
	    "(none)       -       -         - \xe2\x86\x92 -  -              "
	    "     -           -     -           -\n"
	    "\n"
	    "Done \\x1b.\n");
	cl_result_free(r);
}
END_TEST

START_TEST(sheets_write_every_type_by_name)
{
	struct cl_result *r = made_up();
	struct cl_render_options opt;

	cl_render_options_default(&opt);
	assert_renders(r, "csv", &opt,
	    "visits\n12\n\n"
	    "name,visits,points,load_before,load_after,status,due,late,who,"
	    "trend\n"
	    "'=Anne,12,7.5,98.8,105,over,2026-12-06,yes,\"Bo; \xc3\x85se, K\","
	    "1; 5; 9\n"
	    ",,,,,,,,,\n");
	opt.bom = 1;
	opt.delimiter = ';';
	opt.decimal_sep = ',';
	opt.newline = "\r\n";
	assert_renders(r, "tsv", &opt,
	    "\xef\xbb\xbfvisits\r\n12\r\n\r\n"
	    "name\tvisits\tpoints\tload_before\tload_after\tstatus\tdue\tlate\t"
	    "who\ttrend\r\n"
	    "'=Anne\t12\t7,5\t98,8\t105\tover\t2026-12-06\tyes\t"
	    "Bo; \xc3\x85se, K\t1; 5; 9\r\n"
	    "\t\t\t\t\t\t\t\t\t\r\n");
	cl_result_free(r);
}
END_TEST

START_TEST(json_writes_every_section)
{
	struct cl_result *r = made_up();
	struct cl_render_options opt;
	static const struct cl_diag diag = { "a.csv", 3, CL_WARNING, "w" };

	cl_render_options_default(&opt);
	opt.decimal_sep = ',';	/* JSON numbers keep their point */
	r->diags = &diag;
	r->ndiags = 1;
	assert_renders(r, "json", &opt,
	    "{\n"
	    "\t\"totals\":\t{\n"
	    "\t\t\"visits\":\t12\n"
	    "\t},\n"
	    "\t\"rows\":\t[{\n"
	    "\t\t\t\"name\":\t\"=Anne\",\n"
	    "\t\t\t\"visits\":\t12,\n"
	    "\t\t\t\"points\":\t7.5,\n"
	    "\t\t\t\"load_before\":\t98.8,\n"
	    "\t\t\t\"load_after\":\t105,\n"
	    "\t\t\t\"status\":\t\"over\",\n"
	    "\t\t\t\"due\":\t\"2026-12-06\",\n"
	    "\t\t\t\"late\":\ttrue,\n"
	    "\t\t\t\"who\":\t[\"Bo\", \"\xc3\x85se, K\"],\n"
	    "\t\t\t\"trend\":\t[1, 5, 9],\n"
	    "\t\t\t\"secret\":\t\"s\"\n"
	    "\t\t}, {\n"
	    "\t\t\t\"name\":\tnull,\n"
	    "\t\t\t\"visits\":\tnull,\n"
	    "\t\t\t\"points\":\tnull,\n"
	    "\t\t\t\"load_before\":\tnull,\n"
	    "\t\t\t\"load_after\":\tnull,\n"
	    "\t\t\t\"status\":\tnull,\n"
	    "\t\t\t\"due\":\tnull,\n"
	    "\t\t\t\"late\":\tnull,\n"
	    "\t\t\t\"who\":\tnull,\n"
	    "\t\t\t\"trend\":\tnull,\n"
	    "\t\t\t\"secret\":\tnull\n"
	    "\t\t}],\n"
	    "\t\"hidden\":\t[],\n"
	    "\t\"diagnostics\":\t[{\n"
	    "\t\t\t\"file\":\t\"a.csv\",\n"
	    "\t\t\t\"line\":\t3,\n"
	    "\t\t\t\"severity\":\t\"warning\",\n"
	    "\t\t\t\"message\":\t\"w\"\n"
	    "\t\t}]\n"
	    "}\n");
	cl_result_free(r);
}
END_TEST

/* A table's empty line, and a section people do not see. */
START_TEST(table_without_rows)
{
	struct cl_result *r = cl_result_new("visits", "Visits");
	struct cl_table *t = cl_result_add_table(r, "a", "A",
	    CL_SHOW(CL_FOR_PEOPLE));
	struct cl_table *header_only = cl_result_add_table(r, "b", "B",
	    CL_SHOW(CL_FOR_PEOPLE) | CL_SHOW(CL_FOR_SHEET));
	struct cl_render_options opt;

	cl_render_options_default(&opt);
	t->columns = header_only->columns = columns;
	t->ncolumns = header_only->ncolumns = 2;
	t->cell = header_only->cell = cell;
	t->empty = "Nobody.";
	cl_result_add_figures(r, "c", "C", CL_SHOW(CL_FOR_TREE), 0);
	assert_renders(r, "table", &opt, "Nobody.\n\nName  Visits\n\n");
	assert_renders(r, "csv", &opt, "name,visits\n");
	cl_result_free(r);
}
END_TEST

/* "a.b" names nest in JSON: a group of nothing but nulls is null. */
enum { N_WHO, N_BEFORE, N_AFTER, N_COLUMNS };

static const struct cl_column nested_columns[N_COLUMNS] = {
	[N_WHO] = { "who", "Who", CL_TYPE_TEXT, 0, 0, NULL },
	[N_BEFORE] = { "side.before", "Before", CL_TYPE_INTEGER, 0, 0, NULL },
	[N_AFTER] = { "side.after", "After", CL_TYPE_INTEGER, 0, 0, NULL },
};

static void
nested_cell(const struct cl_table *t, size_t row, size_t col,
    struct cl_value *v)
{
	(void)t;
	if (col == N_WHO)
		v->text = row == 0 ? "Bo" : "Cy";
	else
		v->integer = (long)col;
	v->null = col != N_WHO && row == 1;
}

START_TEST(json_nests_dotted_names)
{
	struct cl_result *r = cl_result_new("nested", "Nested");
	struct cl_table *t = cl_result_add_table(r, "group.rows", "Rows",
	    CL_SHOW_ALL);
	struct cl_render_options opt;

	cl_render_options_default(&opt);
	t->columns = nested_columns;
	t->ncolumns = N_COLUMNS;
	t->nrows = 2;
	t->cell = nested_cell;
	assert_renders(r, "json", &opt,
	    "{\n"
	    "\t\"group\":\t{\n"
	    "\t\t\"rows\":\t[{\n"
	    "\t\t\t\t\"who\":\t\"Bo\",\n"
	    "\t\t\t\t\"side\":\t{\n"
	    "\t\t\t\t\t\"before\":\t1,\n"
	    "\t\t\t\t\t\"after\":\t2\n"
	    "\t\t\t\t}\n"
	    "\t\t\t}, {\n"
	    "\t\t\t\t\"who\":\t\"Cy\",\n"
	    "\t\t\t\t\"side\":\tnull\n"
	    "\t\t\t}]\n"
	    "\t},\n"
	    "\t\"diagnostics\":\t[]\n"
	    "}\n");
	/* other formats keep the names as they are */
	assert_renders(r, "csv", &opt,
	    "who,side.before,side.after\nBo,1,2\nCy,,\n");
	cl_result_free(r);
}
END_TEST

START_TEST(sections_have_headings_and_footers)
{
	struct cl_result *r = cl_result_new("visits", "Visits");
	struct cl_table *t = cl_result_add_table(r, "a", "A", CL_SHOW_ALL);
	struct cl_section *s = cl_result_last_section(r);
	struct cl_render_options opt;

	cl_render_options_default(&opt);
	t->columns = nested_columns;
	t->ncolumns = 1;
	t->nrows = 1;
	t->cell = nested_cell;
	s->heading = cl_result_printf(r, "Rows (%d):", 1);
	s->footer = "and 0 more";
	cl_result_add_line(r, 0, "End.");
	assert_renders(r, "table", &opt,
	    "Rows (1):\nWho\nBo\nand 0 more\n\nEnd.\n");
	/* for people only */
	assert_renders(r, "csv", &opt, "who\nBo\n");
	cl_result_free(r);
}
END_TEST

START_TEST(dates)
{
	char buf[CL_DATE_BUFSIZE];

	ck_assert_str_eq(cl_date_format(0, buf), "1970-01-01");
	ck_assert_str_eq(cl_date_format(-1, buf), "1969-12-31");
	ck_assert_str_eq(cl_date_format(11017, buf), "2000-03-01");
	ck_assert_str_eq(cl_date_format(19782, buf), "2024-02-29");
	ck_assert_str_eq(cl_date_format(20793, buf), "2026-12-06");
}
END_TEST

START_TEST(load_status_values)
{
	struct cl_value v = cl_value_status(CL_OVER);

	ck_assert_str_eq(v.text, "over");
	ck_assert_int_eq(v.tone, CL_TONE_BAD);
	ck_assert(!v.null && v.note == NULL);
	v = cl_value_status(CL_UNDER);
	ck_assert_str_eq(v.text, "under");
	ck_assert_int_eq(v.tone, CL_TONE_WARNING);
	v = cl_value_status(CL_OK_LOAD);
	ck_assert_str_eq(v.text, "ok");
	ck_assert_int_eq(v.tone, CL_TONE_GOOD);
}
END_TEST

/* Every column a view names exists, and no two share a machine name. */
static void
assert_well_described(const struct cl_result *r)
{
	ck_assert_ptr_nonnull(r->kind);
	ck_assert_ptr_nonnull(r->title);
	for (size_t i = 0; i < r->nsections; i++) {
		const struct cl_section *s = &r->sections[i];
		const struct cl_table *t = s->table;

		ck_assert(s->audiences != 0 && (s->audiences & ~CL_SHOW_ALL) == 0);
		for (size_t k = 0; k < s->nfigures; k++)
			ck_assert(s->figures[k].name != NULL &&
			    s->figures[k].label != NULL);
		if (t == NULL)
			continue;
		ck_assert_ptr_nonnull(s->name);
		for (int a = 0; a < CL_AUDIENCES; a++) {
			size_t *cols = cl_xcalloc(t->ncolumns, sizeof *cols);
			size_t n = cl_table_view(t, (enum cl_audience)a, cols);

			for (size_t k = 0; k < n; k++) {
				const struct cl_column *c = &t->columns[cols[k]];

				ck_assert_uint_lt(cols[k], t->ncolumns);
				ck_assert(c->name != NULL && c->label != NULL);
				for (size_t j = 0; j < k && a != CL_FOR_PEOPLE; j++)
					ck_assert_msg(strcmp(c->name,
					    t->columns[cols[j]].name) != 0 ||
					    (c->flags ^ t->columns[cols[j]].flags)
					    & CL_COL_CHANGE, "%s: %s twice",
					    s->name, c->name);
			}
			free(cols);
		}
	}
}

START_TEST(every_result_is_well_described)
{
	struct diag_log log = { 0 };
	struct cl_engine *e = test_engine_new(&log);
	struct cl_render_options opt;
	struct cl_plan_options popt;
	struct cl_plan *plan;
	struct cl_ranking *ranking;
	struct cl_result *r;
	struct cl_case c = { "Anne", "A1", "North", CL_DEC(130), "c.csv", 2,
		0, NULL };

	cl_render_options_default(&opt);
	cl_plan_options_default(&popt);
	ck_assert_int_eq(cl_engine_add_case(e, &c), CL_OK);
	c = (struct cl_case){ "Anne", "A2", "North", CL_DEC(20), "c.csv", 3,
		0, NULL };
	ck_assert_int_eq(cl_engine_add_case(e, &c), CL_OK);
	c = (struct cl_case){ "Bo", "B1", "North", CL_DEC(10), "c.csv", 4, 0,
		NULL };
	ck_assert_int_eq(cl_engine_add_case(e, &c), CL_OK);
	r = cl_result_report(cl_engine_report(e, CL_SORT_NAME), &opt);
	ck_assert_str_eq(r->kind, "report");
	assert_well_described(r);
	cl_result_free(r);
	plan = cl_engine_rebalance(e, &popt);
	ck_assert_uint_eq(plan->nmoves, 1);
	r = cl_result_plan(plan, &opt);
	ck_assert_str_eq(r->kind, "plan");
	assert_well_described(r);
	cl_result_free(r);
	cl_plan_free(plan);
	ranking = cl_engine_assign(e, CL_DEC(5), NULL);
	r = cl_result_ranking(ranking, &opt);
	ck_assert_str_eq(r->kind, "ranking");
	assert_well_described(r);
	cl_result_free(r);
	cl_ranking_free(ranking);
	{
		struct cl_followups *f = cl_engine_followups(e);

		for (opt.list = 0; opt.list <= 1; opt.list++) {
			r = cl_result_followups(f, &opt);
			ck_assert_str_eq(r->kind, "followups");
			assert_well_described(r);
			cl_result_free(r);
		}
		cl_followups_free(f);
	}
	{
		struct cl_pair *pairs;
		size_t n = cl_engine_pairs(e, &pairs);
		struct cl_diff_side side = { cl_engine_report(e, CL_SORT_NAME),
			pairs, n, 1 };
		struct cl_diff *d = cl_diff_new(&side, &side);

		opt.all_cases = 1;
		r = cl_result_diff(d, &opt);
		ck_assert_str_eq(r->kind, "diff");
		assert_well_described(r);
		cl_result_free(r);
		opt.all_cases = 0;
		r = cl_result_diff(d, &opt);
		assert_well_described(r);
		cl_result_free(r);
		cl_diff_free(d);
		free(pairs);
	}
	cl_engine_free(e);
	diag_log_free(&log);
}
END_TEST

Suite *
result_suite(void)
{
	Suite *s = suite_create("result");
	TCase *formats = tcase_create("formats");

	suite_add_tcase(s, formats);
	tcase_add_test(formats, table_writes_every_type_for_people);
	tcase_add_test(formats, sheets_write_every_type_by_name);
	tcase_add_test(formats, json_writes_every_section);
	tcase_add_test(formats, table_without_rows);
	tcase_add_test(formats, json_nests_dotted_names);
	tcase_add_test(formats, sections_have_headings_and_footers);
	tcase_add_test(formats, dates);
	tcase_add_test(formats, load_status_values);
	tcase_add_test(formats, every_result_is_well_described);
	return s;
}
