/*
 * check_render.c - the renderers, writing into open_memstream (and into
 * /dev/full, to see a write failure reported).
 */
#include <cJSON.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "suites.h"

static struct cl_engine *engine;
static struct cl_render_options opt;
static const struct cl_diag *diags;	/* the run's, for JSON */
static size_t ndiags;

static void
setup(void)
{
	struct cl_targets t;

	cl_targets_default(&t);
	engine = cl_engine_new(&t, NULL, NULL);
	cl_render_options_default(&opt);
	diags = NULL;
	ndiags = 0;
}

static void
teardown(void)
{
	cl_engine_free(engine);
	engine = NULL;
}

static void
add(const char *worker, const char *team, const char *case_id, cl_dec points)
{
	struct cl_case c = { .worker = worker, .case_id = case_id,
		.team = team, .points = points, .file = "cases.csv", .line = 2 };

	ck_assert_int_eq(cl_engine_add_case(engine, &c), CL_OK);
}

/* Søren Ærø over (108.33 %), Bo under (10 %), Anne ok (98.75 %). */
static const struct cl_report *
three_workers(void)
{
	char id[16];

	for (int i = 0; i < 16; i++) {
		snprintf(id, sizeof id, "A%d", i);
		add("Anne", "North", id, CL_DEC(7));
	}
	add("Anne", "North", "A16", 6500000);
	add("S\xc3\xb8ren \xc3\x86r\xc3\xb8", NULL, "S1", CL_DEC(130));
	add("Bo", "South", "B1", CL_DEC(12));
	return cl_engine_report(engine, CL_SORT_STATUS);
}

/* One worker per name, 100 points and one case each, in name order. */
static const struct cl_report *
named(const char *const *names, const char *const *teams, size_t n)
{
	for (size_t i = 0; i < n; i++)
		add(names[i], teams != NULL ? teams[i] : NULL, NULL,
		    CL_DEC(100));
	return cl_engine_report(engine, CL_SORT_NAME);
}

/* What `format` writes for report r; the caller frees. */
static char *
render(const char *format, const struct cl_report *r)
{
	char *text = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&text, &size);
	struct cl_result *res = cl_result_report(r, &opt);

	res->diags = diags;
	res->ndiags = ndiags;
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(cl_render(res, format, &opt, f), 0);
	cl_result_free(res);
	ck_assert_int_eq(fclose(f), 0);
	ck_assert_uint_eq(strlen(text), size);
	return text;
}

static void
assert_render(const char *format, const struct cl_report *r,
    const char *expected)
{
	char *got = render(format, r);

	ck_assert_str_eq(got, expected);
	free(got);
}

#define CSV_HEADER "worker,team,fte,cases,points,points_target,cases_target," \
	"load_pct,status,reduction"

START_TEST(csv_header_and_rows)
{
	assert_render("csv", three_workers(), CSV_HEADER "\n"
	    "S\xc3\xb8ren \xc3\x86r\xc3\xb8,,1,1,130,120,25,108.33,over,0\n"
	    "Bo,South,1,1,12,120,25,10,under,0\n"
	    "Anne,North,1,17,118.5,120,25,98.75,ok,0\n");
}
END_TEST

START_TEST(csv_quotes_as_rfc_4180)
{
	static const char *const names[] = { "Multi\nLine", "Smith, \"Jo\"",
		"plain" };
	static const char *const teams[] = { "a\r\nb", "x;y", "q\"" };

	assert_render("csv", named(names, teams, 3), CSV_HEADER "\n"
	    "\"Multi\nLine\",\"a\r\nb\",1,1,100,120,25,83.33,ok,0\n"
	    "\"Smith, \"\"Jo\"\"\",x;y,1,1,100,120,25,83.33,ok,0\n"
	    "plain,\"q\"\"\",1,1,100,120,25,83.33,ok,0\n");
}
END_TEST

START_TEST(csv_guards_against_formulas)
{
	static const char *const names[] = { "\tTab", "\rCR",
		"+45 12 34 56 78", "-x", "=SUM(A1)", "@cmd", "a=b" };
	static const char *const teams[] = { NULL, NULL, NULL, "=1+1", NULL,
		NULL, "-" };

	assert_render("csv", named(names, teams, 7), CSV_HEADER "\n"
	    "'\tTab,,1,1,100,120,25,83.33,ok,0\n"
	    "\"'\rCR\",,1,1,100,120,25,83.33,ok,0\n"
	    "'+45 12 34 56 78,,1,1,100,120,25,83.33,ok,0\n"
	    "'-x,'=1+1,1,1,100,120,25,83.33,ok,0\n"
	    "'=SUM(A1),,1,1,100,120,25,83.33,ok,0\n"
	    "'@cmd,,1,1,100,120,25,83.33,ok,0\n"
	    "a=b,'-,1,1,100,120,25,83.33,ok,0\n");
}
END_TEST

START_TEST(csv_for_excel)
{
	opt.bom = 1;
	opt.delimiter = ';';
	opt.decimal_sep = ',';
	opt.newline = "\r\n";
	assert_render("csv", three_workers(), "\xef\xbb\xbf"
	    "worker;team;fte;cases;points;points_target;cases_target;"
	    "load_pct;status;reduction\r\n"
	    "S\xc3\xb8ren \xc3\x86r\xc3\xb8;;1;1;130;120;25;108,33;over;0\r\n"
	    "Bo;South;1;1;12;120;25;10;under;0\r\n"
	    "Anne;North;1;17;118,5;120;25;98,75;ok;0\r\n");
}
END_TEST

/* --excel: digits Excel would turn into another number stay as written */
START_TEST(csv_for_excel_keeps_digits_as_written)
{
	static const char *const names[] = { "00125", "0", "125",
		"1234567890123456", "123456789012345", "0012a" };
	static const char *const teams[] = { "007", NULL, NULL, NULL, NULL,
		"=007" };

	opt.delimiter = ';';
	opt.excel_text = 1;
	assert_render("csv", named(names, teams, 6), "worker;team;fte;cases;"
	    "points;points_target;cases_target;load_pct;status;reduction\n"
	    "0;;1;1;100;120;25;83.33;ok;0\n"
	    "\"=\"\"00125\"\"\";\"=\"\"007\"\"\";1;1;100;120;25;83.33;ok;0\n"
	    "0012a;'=007;1;1;100;120;25;83.33;ok;0\n"
	    "123456789012345;;1;1;100;120;25;83.33;ok;0\n"
	    "\"=\"\"1234567890123456\"\"\";;1;1;100;120;25;83.33;ok;0\n"
	    "125;;1;1;100;120;25;83.33;ok;0\n");
	/* without --excel, as they are */
	teardown();
	setup();
	opt.delimiter = ';';
	assert_render("csv", named(names, teams, 1), "worker;team;fte;cases;"
	    "points;points_target;cases_target;load_pct;status;reduction\n"
	    "00125;007;1;1;100;120;25;83.33;ok;0\n");
}
END_TEST

START_TEST(csv_decimal_comma_with_comma_delimiter)
{
	char *csv;

	opt.decimal_sep = ',';
	csv = render("csv", three_workers());
	ck_assert_ptr_nonnull(strstr(csv,
	    "\nAnne,North,1,17,\"118,5\",120,25,\"98,75\",ok,0\n"));
	free(csv);
}
END_TEST

START_TEST(tsv)
{
	static const char *const names[] = { "\tTab", "a\tb", "c;d" };

	opt.delimiter = ';';	/* TSV is always TAB-separated */
	assert_render("tsv", named(names, NULL, 3),
	    "worker\tteam\tfte\tcases\tpoints\tpoints_target\tcases_target\t"
	    "load_pct\tstatus\treduction\n"
	    "\"'\tTab\"\t\t1\t1\t100\t120\t25\t83.33\tok\t0\n"
	    "\"a\tb\"\t\t1\t1\t100\t120\t25\t83.33\tok\t0\n"
	    "c;d\t\t1\t1\t100\t120\t25\t83.33\tok\t0\n");
}
END_TEST

static const cJSON *
member(const cJSON *o, const char *key)
{
	const cJSON *item = cJSON_GetObjectItemCaseSensitive(o, key);

	ck_assert_msg(item != NULL, "no key \"%s\"", key);
	return item;
}

static double
number(const cJSON *o, const char *key)
{
	const cJSON *item = member(o, key);

	ck_assert_msg(cJSON_IsNumber(item), "\"%s\" is not a number", key);
	return item->valuedouble;
}

static const char *
string(const cJSON *o, const char *key)
{
	const cJSON *item = member(o, key);

	ck_assert_msg(cJSON_IsString(item), "\"%s\" is not a string", key);
	return item->valuestring;
}

/* The JSON for r, parsed back; the caller deletes it. */
static cJSON *
json_of(const struct cl_report *r)
{
	char *text = render("json", r);
	cJSON *root = cJSON_Parse(text);

	ck_assert_msg(root != NULL, "not JSON: %s", text);
	free(text);
	return root;
}

START_TEST(json_keys_and_exact_numbers)
{
	cJSON *root = json_of(three_workers());
	const cJSON *targets = member(root, "targets");
	const cJSON *workers = member(root, "workers");
	const cJSON *anne, *soren, *summary = member(root, "summary");

	ck_assert(number(targets, "points") == 120);
	ck_assert(number(targets, "cases") == 25);
	ck_assert(number(targets, "under_pct") == 80);
	ck_assert_int_eq(cJSON_GetArraySize(workers), 3);
	soren = cJSON_GetArrayItem(workers, 0);
	anne = cJSON_GetArrayItem(workers, 2);
	ck_assert_str_eq(string(soren, "worker"),
	    "S\xc3\xb8ren \xc3\x86r\xc3\xb8");
	ck_assert(cJSON_IsNull(member(soren, "team")));
	ck_assert(number(soren, "load_pct") == 108.33);
	ck_assert_str_eq(string(soren, "status"), "over");
	ck_assert_str_eq(string(cJSON_GetArrayItem(workers, 1), "worker"),
	    "Bo");
	ck_assert_str_eq(string(anne, "worker"), "Anne");
	ck_assert_str_eq(string(anne, "team"), "North");
	ck_assert(number(anne, "fte") == 1);
	ck_assert(number(anne, "cases") == 17);
	ck_assert(number(anne, "points") == 118.5);
	ck_assert(number(anne, "points_target") == 120);
	ck_assert(number(anne, "cases_target") == 25);
	ck_assert(number(anne, "load_pct") == 98.75);
	ck_assert_str_eq(string(anne, "status"), "ok");
	ck_assert(number(summary, "workers") == 3);
	ck_assert(number(summary, "cases") == 19);
	ck_assert(number(summary, "points") == 260.5);
	ck_assert(number(summary, "over") == 1);
	ck_assert(number(summary, "under") == 1);
	ck_assert(number(summary, "ok") == 1);
	ck_assert_int_eq(cJSON_GetArraySize(member(root, "diagnostics")), 0);
	cJSON_Delete(root);
}
END_TEST

START_TEST(json_numbers_are_written_exactly)
{
	char *text;

	add("Big", NULL, NULL, 1234567890123456);	/* 1234567890.123456 */
	add("Tenth", NULL, NULL, 100000);
	text = render("json", cl_engine_report(engine, CL_SORT_NAME));
	ck_assert_ptr_nonnull(strstr(text, "\t1234567890.123456,\n"));
	ck_assert_ptr_nonnull(strstr(text, "\t1234567890.223456,\n"));
	ck_assert_ptr_null(strstr(text, "e+"));
	ck_assert_ptr_nonnull(strstr(text, "\t0.1,\n"));
	free(text);
}
END_TEST

START_TEST(json_diagnostics)
{
	static const struct cl_diag run_diags[] = {
		{ "cases.csv", 14, CL_ERROR, "points \"x\" is not a number" },
		{ NULL, 0, CL_WARNING, "about \"nothing\"" },
		{ "b.csv", 0, CL_NOTE, "not valid UTF-8" },
	};
	cJSON *root;
	const cJSON *list, *d;

	diags = run_diags;
	ndiags = 3;
	root = json_of(three_workers());
	list = member(root, "diagnostics");
	ck_assert_int_eq(cJSON_GetArraySize(list), 3);
	d = cJSON_GetArrayItem(list, 0);
	ck_assert_str_eq(string(d, "file"), "cases.csv");
	ck_assert(number(d, "line") == 14);
	ck_assert_str_eq(string(d, "severity"), "error");
	ck_assert_str_eq(string(d, "message"), "points \"x\" is not a number");
	d = cJSON_GetArrayItem(list, 1);
	ck_assert(cJSON_IsNull(member(d, "file")));
	ck_assert(cJSON_IsNull(member(d, "line")));
	ck_assert_str_eq(string(d, "severity"), "warning");
	ck_assert_str_eq(string(d, "message"), "about \"nothing\"");
	ck_assert_str_eq(string(cJSON_GetArrayItem(list, 2), "severity"),
	    "note");
	cJSON_Delete(root);
}
END_TEST

START_TEST(json_escapes_names)
{
	static const char *const names[] = { "q\"b\\s\n\x1b" };
	cJSON *root = json_of(named(names, NULL, 1));

	ck_assert_str_eq(string(cJSON_GetArrayItem(member(root, "workers"), 0),
	    "worker"), names[0]);
	cJSON_Delete(root);
}
END_TEST

START_TEST(only_filters_rows_but_not_the_summary)
{
	const struct cl_report *r = three_workers();
	cJSON *root;
	const cJSON *summary;
	char *csv;

	opt.only = CL_ONLY_OVER;
	root = json_of(r);
	ck_assert_int_eq(cJSON_GetArraySize(member(root, "workers")), 1);
	summary = member(root, "summary");
	ck_assert(number(summary, "workers") == 3);
	ck_assert(number(summary, "cases") == 19);
	ck_assert(number(summary, "points") == 260.5);
	ck_assert(number(summary, "under") == 1);
	ck_assert(number(summary, "ok") == 1);
	cJSON_Delete(root);
	opt.only = CL_ONLY_UNDER;
	assert_render("csv", r, CSV_HEADER "\n"
	    "Bo,South,1,1,12,120,25,10,under,0\n");
	opt.only = CL_ONLY_FLAGGED;
	csv = render("tsv", r);
	ck_assert_ptr_nonnull(strstr(csv, "\nBo\t"));
	ck_assert_ptr_nonnull(strstr(csv, "\nS\xc3\xb8ren"));
	ck_assert_ptr_null(strstr(csv, "Anne"));
	free(csv);
	opt.only = CL_ONLY_OK;
	assert_render("csv", r, CSV_HEADER "\n"
	    "Anne,North,1,17,118.5,120,25,98.75,ok,0\n");
}
END_TEST

START_TEST(only_names)
{
	ck_assert_int_eq(cl_only_parse("all"), CL_ONLY_ALL);
	ck_assert_int_eq(cl_only_parse("over"), CL_ONLY_OVER);
	ck_assert_int_eq(cl_only_parse("under"), CL_ONLY_UNDER);
	ck_assert_int_eq(cl_only_parse("flagged"), CL_ONLY_FLAGGED);
	ck_assert_int_eq(cl_only_parse("ok"), CL_ONLY_OK);
	ck_assert_int_eq(cl_only_parse("some"), -1);
	ck_assert(cl_only_matches(CL_ONLY_ALL, CL_OK_LOAD));
	ck_assert(cl_only_matches(CL_ONLY_FLAGGED, CL_OVER));
	ck_assert(cl_only_matches(CL_ONLY_FLAGGED, CL_UNDER));
	ck_assert(!cl_only_matches(CL_ONLY_FLAGGED, CL_OK_LOAD));
	ck_assert(!cl_only_matches(CL_ONLY_OVER, CL_UNDER));
	ck_assert(cl_only_matches(CL_ONLY_OK, CL_OK_LOAD));
}
END_TEST

START_TEST(lookup_and_defaults)
{
	size_t n;
	const struct cl_format *f = cl_formats(&n);
	struct cl_result *res = cl_result_report(three_workers(), &opt);
	FILE *null = fopen("/dev/null", "w");

	ck_assert_uint_eq(n, 6);
	ck_assert_str_eq(f[0].name, "table");	/* the default */
	ck_assert(cl_format_find("table") == &f[0]);
	ck_assert(cl_format_find("table")->render == cl_render_table);
	ck_assert(cl_format_find("csv")->render == cl_render_csv);
	ck_assert(cl_format_find("tsv")->render == cl_render_tsv);
	ck_assert(cl_format_find("json")->render == cl_render_json);
	ck_assert(cl_format_find("xml") == NULL);
	ck_assert_int_eq(cl_format_find("table")->audience, CL_FOR_PEOPLE);
	ck_assert_int_eq(cl_format_find("csv")->audience, CL_FOR_SHEET);
	ck_assert_int_eq(cl_format_find("json")->audience, CL_FOR_TREE);
	ck_assert(cl_format_find("csv")->flags & CL_FORMAT_EXCEL);
	ck_assert(cl_format_find("tsv")->flags & CL_FORMAT_EXCEL);
	ck_assert(!(cl_format_find("table")->flags & CL_FORMAT_EXCEL));
	ck_assert(!(cl_format_find("json")->flags & CL_FORMAT_DECIMAL_COMMA));
	ck_assert(cl_format_find("json")->flags & CL_FORMAT_DIAGNOSTICS);
	/* only a workbook needs a file */
	for (size_t i = 0; i < n; i++)
		ck_assert(!(f[i].flags & CL_FORMAT_NEEDS_FILE) ==
		    (strcmp(f[i].name, "xlsx") != 0));
	errno = 0;
	ck_assert_ptr_nonnull(null);
	ck_assert_int_eq(cl_render(res, "xml", &opt, null), -1);
	ck_assert_int_eq(errno, EINVAL);
	fclose(null);
	cl_result_free(res);
	cl_result_free(NULL);
	ck_assert_int_eq(opt.only, CL_ONLY_ALL);
	ck_assert_int_eq(opt.delimiter, ',');
	ck_assert_int_eq(opt.decimal_sep, '.');
	ck_assert_str_eq(opt.percent, "%");
	ck_assert_str_eq(opt.newline, "\n");
	ck_assert_int_eq(opt.bom, 0);
}
END_TEST

/* The display column where byte `at` of line starts (every character in
 * these tests is one column wide, or two for the CJK ones). */
static size_t
column_at(const char *line, size_t at)
{
	size_t col = 0;

	for (size_t i = 0; i < at; i++) {
		unsigned char c = (unsigned char)line[i];

		if ((c & 0xc0) == 0x80)
			continue;
		col += c >= 0xe4 && c <= 0xe9 ? 2 : 1;	/* U+4000..U+9FFF */
	}
	return col;
}

/* Line n (0-based) of text, without its line break; the caller frees. */
static char *
line_of(const char *text, int n)
{
	const char *end;

	while (n-- > 0) {
		text = strchr(text, '\n');
		ck_assert_ptr_nonnull(text);
		text++;
	}
	end = strchr(text, '\n');
	ck_assert_ptr_nonnull(end);
	return cl_xstrndup(text, (size_t)(end - text));
}

/* The display column at which `word` starts in line n. */
static size_t
column_of(const char *text, int n, const char *word)
{
	char *line = line_of(text, n);
	const char *at = strstr(line, word);
	size_t col;

	ck_assert_msg(at != NULL, "no \"%s\" in \"%s\"", word, line);
	col = column_at(line, (size_t)(at - line));
	free(line);
	return col;
}

START_TEST(table_aligns_by_display_width)
{
	char *table = render("table", three_workers());
	size_t team = column_of(table, 0, "Team");
	size_t load_end = column_of(table, 0, "Load") + 4;

	ck_assert_uint_eq(team, 11);	/* "Søren Ærø" is 9 columns wide */
	ck_assert_uint_eq(column_of(table, 1, " -") + 1, team);
	ck_assert_uint_eq(column_of(table, 2, "South"), team);
	ck_assert_uint_eq(column_of(table, 3, "North"), team);
	ck_assert_uint_eq(column_of(table, 1, "108.33%") + 7, load_end);
	ck_assert_uint_eq(column_of(table, 2, " 10%") + 4, load_end);
	ck_assert_uint_eq(column_of(table, 3, "98.75%") + 6, load_end);
	column_of(table, 1, "over");
	column_of(table, 2, "under");
	column_of(table, 3, "ok");
	free(table);
}
END_TEST

START_TEST(table_aligns_wide_characters)
{
	static const char *const names[] = { "Bo", "\xe4\xb8\xad\xe6\x96\x87" };
	char *table = render("table", named(names, NULL, 2));

	ck_assert_uint_eq(column_of(table, 0, "Team"), 8);
	ck_assert_uint_eq(column_of(table, 1, " -") + 1, 8);
	ck_assert_uint_eq(column_of(table, 2, " -") + 1, 8);
	free(table);
}
END_TEST

/* Whether text ends with suffix. */
static int
ends_with(const char *text, const char *suffix)
{
	size_t n = strlen(text), k = strlen(suffix);

	return n >= k && strcmp(text + n - k, suffix) == 0;
}

START_TEST(table_summary)
{
	char *table = render("table", three_workers());

	ck_assert_msg(ends_with(table, "\n\n3 workers, 3 FTE: 1 over, "
	    "1 under, 1 ok.\n19 cases, 260.5 points; at 120 points per FTE "
	    "that is 2.17 FTE of work.\n"), "summary missing in\n%s", table);
	free(table);
}
END_TEST

/* The percent sign as the options say (" %" in Danish and Swedish);
 * machine formats keep their own numbers. */
START_TEST(table_percent_sign_from_options)
{
	const struct cl_report *r = three_workers();
	char *table, *csv;

	opt.decimal_sep = ',';
	opt.percent = " %";
	table = render("table", r);
	ck_assert_ptr_nonnull(strstr(table, "108,33 %  over"));
	ck_assert_ptr_nonnull(strstr(table, "98,75 %  ok"));
	ck_assert_ptr_null(strstr(table, "108,33%"));
	free(table);
	opt.decimal_sep = '.';
	csv = render("csv", r);
	ck_assert_ptr_nonnull(strstr(csv, ",108.33,over,"));
	free(csv);
}
END_TEST

/* Without a catalogue (the unit tests set no locale) the library's words
 * are the English ones, and a status's people's word is its name. */
START_TEST(words_fall_back_to_english)
{
	ck_assert_str_eq(cl_status_label("over"), "over");
	ck_assert_str_eq(cl_status_label("under"), "under");
	ck_assert_str_eq(cl_status_label("ok"), "ok");
	ck_assert_str_eq(cl_status_label("move"), "move");
	ck_assert_ptr_null(cl_status_label(NULL));
	ck_assert_str_eq(cl_column_label("points"), "points");
	ck_assert_str_eq(cl_column_label("nonsense"), "nonsense");
	ck_assert_str_eq(C_("status", "over"), "over");
}
END_TEST

START_TEST(table_escapes_control_characters)
{
	static const char *const names[] = { "Evil\x1b[2J\x1b]0;pwned\a" };
	static const char *const teams[] = { "\xe2\x80\xaeX" };
	char *table = render("table", named(names, teams, 1));

	ck_assert_ptr_nonnull(strstr(table, "Evil\\x1b[2J\\x1b]0;pwned\\x07"));
	ck_assert_ptr_nonnull(strstr(table, "\\u202eX"));
	ck_assert_ptr_null(strchr(table, '\x1b'));
	ck_assert_ptr_null(strchr(table, '\a'));
	ck_assert_ptr_null(strstr(table, "\xe2\x80\xae"));
	free(table);
}
END_TEST

START_TEST(table_only_shows_matching_rows)
{
	char *table;

	opt.only = CL_ONLY_FLAGGED;
	table = render("table", three_workers());
	ck_assert_ptr_nonnull(strstr(table, "Bo"));
	ck_assert_ptr_null(strstr(table, "Anne"));
	ck_assert_ptr_nonnull(strstr(table, "\n\nShowing 2 of 3 workers.\n"
	    "3 workers, 3 FTE: 1 over, 1 under, 1 ok.\n"));
	free(table);
	teardown();
	setup();
	opt.only = CL_ONLY_OVER;
	add("Anne", NULL, NULL, CL_DEC(100));
	table = render("table", cl_engine_report(engine,
	    CL_SORT_STATUS));
	ck_assert_ptr_nonnull(strstr(table, "No worker matches --only.\n"));
	ck_assert_ptr_nonnull(strstr(table, "1 worker, 1 FTE: 0 over, 0 under, "
	    "1 ok.\n"));
	free(table);
}
END_TEST

START_TEST(table_with_decimal_comma)
{
	char *table;

	opt.decimal_sep = ',';
	table = render("table", three_workers());
	ck_assert_ptr_nonnull(strstr(table, "118,5"));
	ck_assert_ptr_nonnull(strstr(table, "98,75%"));
	ck_assert_ptr_nonnull(strstr(table, "260,5 points"));
	ck_assert_ptr_null(strstr(table, "118.5"));
	free(table);
}
END_TEST

START_TEST(empty_report)
{
	const struct cl_report *r = cl_engine_report(engine, CL_SORT_STATUS);
	cJSON *root;

	assert_render("table", r, "No workers.\n\n0 workers, 0 FTE: "
	    "0 over, 0 under, 0 ok.\n0 cases, 0 points; at 120 points per FTE "
	    "that is 0 FTE of work.\n");
	assert_render("csv", r, CSV_HEADER "\n");
	root = json_of(r);
	ck_assert_int_eq(cJSON_GetArraySize(member(root, "workers")), 0);
	ck_assert(number(member(root, "summary"), "workers") == 0);
	cJSON_Delete(root);
}
END_TEST

START_TEST(write_failure_is_reported)
{
	size_t n;
	const struct cl_format *formats = cl_formats(&n);
	struct cl_result *res = cl_result_report(three_workers(), &opt);

	for (size_t i = 0; i < n; i++) {
		FILE *full = fopen("/dev/full", "w");

		ck_assert_ptr_nonnull(full);
		ck_assert_int_eq(setvbuf(full, NULL, _IONBF, 0), 0);
		errno = 0;
		ck_assert_int_eq(formats[i].render(res, &opt, full), -1);
		ck_assert_int_eq(errno, ENOSPC);
		fclose(full);
	}
	cl_result_free(res);
}
END_TEST

Suite *
render_suite(void)
{
	Suite *s = suite_create("render");
	TCase *csv = tcase_create("csv");
	TCase *json = tcase_create("json");
	TCase *table = tcase_create("table");
	TCase *common = tcase_create("common");
	TCase *all[] = { csv, json, table, common };

	for (size_t i = 0; i < sizeof all / sizeof *all; i++) {
		tcase_add_checked_fixture(all[i], setup, teardown);
		suite_add_tcase(s, all[i]);
	}
	tcase_add_test(csv, csv_header_and_rows);
	tcase_add_test(csv, csv_quotes_as_rfc_4180);
	tcase_add_test(csv, csv_guards_against_formulas);
	tcase_add_test(csv, csv_for_excel);
	tcase_add_test(csv, csv_for_excel_keeps_digits_as_written);
	tcase_add_test(csv, csv_decimal_comma_with_comma_delimiter);
	tcase_add_test(csv, tsv);
	tcase_add_test(json, json_keys_and_exact_numbers);
	tcase_add_test(json, json_numbers_are_written_exactly);
	tcase_add_test(json, json_diagnostics);
	tcase_add_test(json, json_escapes_names);
	tcase_add_test(table, table_aligns_by_display_width);
	tcase_add_test(table, table_aligns_wide_characters);
	tcase_add_test(table, table_summary);
	tcase_add_test(table, table_escapes_control_characters);
	tcase_add_test(table, table_only_shows_matching_rows);
	tcase_add_test(table, table_with_decimal_comma);
	tcase_add_test(table, table_percent_sign_from_options);
	tcase_add_test(common, words_fall_back_to_english);
	tcase_add_test(common, only_filters_rows_but_not_the_summary);
	tcase_add_test(common, only_names);
	tcase_add_test(common, lookup_and_defaults);
	tcase_add_test(common, empty_report);
	tcase_add_test(common, write_failure_is_reported);
	return s;
}
