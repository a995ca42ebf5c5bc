/*
 * check_config.c - the JSON configuration: every error of cl_config_read
 * with its line and text, the names it looks up, what cl_config_print
 * writes, and the engine's target arithmetic under a configuration.
 */
#include <cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "suites.h"

Suite *config_suite(void);

/* What the library said: "FILE:LINE: severity: message\n" each, so that
 * a test pins the line numbers and the texts at once. */
struct said {
	struct cl_buf text;
	size_t errors, total;
};

static struct said log_;
static struct cl_config *config;

static void
said_add(void *ctx, const struct cl_diag *d)
{
	static const char *const severity[] = { "note", "warning", "error" };
	struct said *said = ctx;
	char *line = test_asprintf("%s:%ld: %s: %s\n", d->file != NULL ? d->file :
	    "-", d->line, severity[d->severity], d->message);

	cl_buf_append(&said->text, line, strlen(line));
	free(line);
	said->errors += d->severity == CL_ERROR;
	said->total++;
}

static const char *
said_text(const struct said *said)
{
	return said->text.data != NULL ? said->text.data : "";
}

static void
said_clear(struct said *said)
{
	cl_buf_free(&said->text);
	said->errors = said->total = 0;
}

static void
setup(void)
{
	config = cl_config_new();
}

static void
teardown(void)
{
	cl_config_free(config);
	config = NULL;
	said_clear(&log_);
}

/* Reads `text` as the file team.json into the fixture's config. */
static int
read_text(const char *text)
{
	return cl_config_read(config, "team.json", text, strlen(text),
	    said_add, &log_);
}

/* A read that must fail with exactly `diags` said about it. */
static void
assert_error(const char *text, const char *diags)
{
	ck_assert_int_eq(read_text(text), CL_ECONFIG);
	ck_assert_str_eq(said_text(&log_), diags);
	ck_assert_uint_eq(log_.errors, log_.total);
}

static cl_dec
dec(const char *s)
{
	cl_dec v = 0;

	ck_assert_msg(cl_dec_parse(s, strlen(s), &v) == NULL, "bad %s", s);
	return v;
}

/* cl_config_print into a new string; caller frees. */
static char *
print_config(const struct cl_config *c)
{
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);

	ck_assert_ptr_nonnull(out);
	ck_assert_int_eq(cl_config_print(c, out), 0);
	ck_assert_int_eq(fclose(out), 0);
	return text;
}

/* ---- broken JSON: the line of the error and what was expected ---- */

/* The example of the issue: a comma missing after line 6's "}". */
static const char missing_comma[] =
    "{\n"
    "  \"targets\": {\"points\": 120, \"cases\": 25, \"under_pct\": 80},\n"
    "  \"categories\": {\"simple\": 4, \"complex\": 8},\n"
    "  \"teams\": {\n"
    "    \"Voksen\": {\"points\": 150, \"cases\": 50, \"under_pct\": 70}\n"
    "  }\n"
    "  \"reductions\": {\"union rep\": 20}\n"
    "}\n";

START_TEST(syntax_missing_comma)
{
	assert_error(missing_comma, "team.json:7: error: expected ',' or '}'\n");
}
END_TEST

/* Notepad's UTF-8 starts with a byte-order mark: skipped, and lines are
 * still counted from the first. */
START_TEST(byte_order_mark_is_skipped)
{
	ck_assert_int_eq(read_text("\xef\xbb\xbf{\"targets\": {\"points\": "
	    "100}}"), CL_OK);
	ck_assert(config->targets.points == dec("100"));
	assert_error("\xef\xbb\xbf{\n\"targets\": {\"points\": 100}\n",
	    "team.json:3: error: expected ',' or '}'\n");
}
END_TEST

START_TEST(syntax_missing_comma_in_array)
{
	assert_error("{\"comment\": [1,\n 2\n 3]}",
	    "team.json:3: error: expected ',' or ']'\n");
}
END_TEST

START_TEST(syntax_missing_colon)
{
	assert_error("{\n  \"targets\": {\"points\": 120},\n"
	    "  \"categories\" {\"simple\": 4}\n}\n",
	    "team.json:3: error: expected ':'\n");
}
END_TEST

START_TEST(syntax_unterminated_string_at_line_end)
{
	assert_error("{\n  \"targets\": {\"points\": 120},\n"
	    "  \"categories\": {\"simple: 4},\n  \"teams\": {}\n}\n",
	    "team.json:3: error: expected '\"' to close the string\n");
}
END_TEST

START_TEST(syntax_unterminated_string_at_end_of_file)
{
	assert_error("{\n\"targets\": {\"points\": 120},\n\"comment\": \"abc",
	    "team.json:3: error: expected '\"' to close the string\n");
}
END_TEST

START_TEST(syntax_trailing_garbage)
{
	/* cJSON_ParseWithLength stops after the first value; the rest of
	 * the file must not be ignored. */
	assert_error("{\n  \"targets\": {\"points\": 100}\n}\n}\n",
	    "team.json:4: error: expected the end of the file\n");
}
END_TEST

START_TEST(syntax_second_object)
{
	assert_error("{\"targets\": {\"points\": 100}}\n"
	    "{\"teams\": {\"Voksen\": {\"points\": 150}}}\n",
	    "team.json:2: error: expected the end of the file\n");
}
END_TEST

START_TEST(syntax_empty_file)
{
	assert_error("", "team.json:1: error: expected a value\n");
}
END_TEST

START_TEST(syntax_only_blank_lines)
{
	assert_error("\n  \n", "team.json:3: error: expected a value\n");
}
END_TEST

START_TEST(syntax_trailing_comma)
{
	assert_error("{\"targets\": {\"points\": 120},\n}",
	    "team.json:2: error: expected a key in double quotes\n");
}
END_TEST

START_TEST(syntax_bad_escape)
{
	assert_error("{\"comment\": \"a\\qb\"}",
	    "team.json:1: error: expected an escape such as \\n or \\\"\n");
}
END_TEST

START_TEST(syntax_bad_word)
{
	assert_error("{\n\"comment\": tru\n}",
	    "team.json:2: error: expected a value\n");
}
END_TEST

START_TEST(top_level_not_an_object)
{
	static const struct {
		const char *text, *diag;
	} cases[] = {
		{ "[1, 2]", "team.json:0: error: expected a JSON object at "
		    "the top, got [1,2]\n" },
		{ "\"targets\"", "team.json:0: error: expected a JSON object "
		    "at the top, got \"targets\"\n" },
		{ "120", "team.json:0: error: expected a JSON object at the "
		    "top, got 120\n" },
		{ "null", "team.json:0: error: expected a JSON object at the "
		    "top, got null\n" },
	};

	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		said_clear(&log_);
		assert_error(cases[i].text, cases[i].diag);
	}
}
END_TEST

/* ---- wrong values: the path, what was expected, what was there ---- */

static const struct {
	const char *text, *message;
} wrong_values[] = {
	{ "{\"targets\": {\"points\": \"abc\"}}",
	    "targets.points: expected a positive number, got \"abc\"" },
	{ "{\"targets\": {\"points\": 0}}",
	    "targets.points: expected a positive number, got 0" },
	{ "{\"targets\": {\"points\": -120}}",
	    "targets.points: expected a positive number, got -120" },
	{ "{\"targets\": {\"points\": 120.0000001}}",
	    "targets.points: expected a positive number, got 120.0000001" },
	{ "{\"targets\": {\"points\": true}}",
	    "targets.points: expected a positive number, got true" },
	{ "{\"targets\": {\"cases\": 0}}",
	    "targets.cases: expected a positive number, got 0" },
	{ "{\"targets\": {\"cases\": [25]}}",
	    "targets.cases: expected a positive number, got [25]" },
	{ "{\"targets\": {\"under_pct\": 101}}",
	    "targets.under_pct: expected a number from 0 to 100, got 101" },
	{ "{\"targets\": {\"under_pct\": -1}}",
	    "targets.under_pct: expected a number from 0 to 100, got -1" },
	{ "{\"targets\": {\"under_pct\": null}}",
	    "targets.under_pct: expected a number from 0 to 100, got null" },
	{ "{\"categories\": {\"simple\": 4, \"complex\": -1}}",
	    "categories.complex: expected a number from 0, got -1" },
	{ "{\"categories\": {\"simple\": \"4\"}}",
	    "categories.simple: expected a number from 0, got \"4\"" },
	{ "{\"categories\": {\"simple\": 4.1234567}}",
	    "categories.simple: expected a number from 0, got 4.1234567" },
	{ "{\"reductions\": {\"sabbatical\": 120}}",
	    "reductions.sabbatical: expected a percentage from 0 to 100, "
	    "got 120" },
	{ "{\"reductions\": {\"trainee\": -40}}",
	    "reductions.trainee: expected a percentage from 0 to 100, "
	    "got -40" },
	{ "{\"teams\": {\"Voksen\": {\"points\": 150, \"cases\": 0}}}",
	    "teams.Voksen.cases: expected a positive number, got 0" },
	{ "{\"teams\": {\"Voksen\": {\"points\": \"many\"}}}",
	    "teams.Voksen.points: expected a positive number, got \"many\"" },
	{ "{\"teams\": {\"Voksen\": {\"under_pct\": 100.5}}}",
	    "teams.Voksen.under_pct: expected a number from 0 to 100, "
	    "got 100.5" },
	{ "{\"teams\": {\"Voksen\": 150}}",
	    "teams.Voksen: expected an object, got 150" },
	{ "{\"teams\": [\"Voksen\"]}",
	    "teams: expected an object, got [\"Voksen\"]" },
	{ "{\"targets\": 120}",
	    "targets: expected an object, got 120" },
	{ "{\"categories\": [\"simple\", \"complex\"]}",
	    "categories: expected an object, got [\"simple\",\"complex\"]" },
	{ "{\"reductions\": \"union rep\"}",
	    "reductions: expected an object, got \"union rep\"" },
};

START_TEST(wrong_value)
{
	char *diag = test_asprintf("team.json:0: error: %s\n",
	    wrong_values[_i].message);

	assert_error(wrong_values[_i].text, diag);
	free(diag);
}
END_TEST

START_TEST(long_value_is_shortened)
{
	assert_error("{\"targets\": {\"points\": "
	    "\"abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz\"}}",
	    "team.json:0: error: targets.points: expected a positive number, "
	    "got \"abcdefghijklmnopqrstuvwxyzabcdefghijklmn...\"\n");
}
END_TEST

/* ---- unknown keys and keys given twice ---- */

static const struct {
	const char *text, *message;
} bad_keys[] = {
	{ "{\"categoreis\": {\"simple\": 4}}",
	    "categoreis: unknown key; did you mean categories?" },
	{ "{\"tems\": {}}", "tems: unknown key; did you mean teams?" },
	{ "{\"Targets\": {}}", "Targets: unknown key; did you mean targets?" },
	{ "{\"targets\": {\"pionts\": 100}}",
	    "targets.pionts: unknown key; did you mean points?" },
	{ "{\"targets\": {\"under\": 70}}",
	    "targets.under: unknown key; known keys: points, cases, "
	    "under_pct, full_time_hours, followups_per_month, comment" },
	{ "{\"teams\": {\"Voksen\": {\"points\": 150, \"casse\": 50}}}",
	    "teams.Voksen.casse: unknown key; did you mean cases?" },
	{ "{\"budget\": 5}",
	    "budget: unknown key; known keys: targets, categories, teams, "
	    "reductions, schedules, columns, comment" },
	{ "{\"columns\": {\"wroker\": \"Ansvarlig\"}}",
	    "columns.wroker: unknown key; did you mean worker?" },
	{ "{\"targets\": {\"points\": 100}, \"categories\": {}, "
	    "\"targets\": {\"cases\": 20}}", "targets: given twice" },
	{ "{\"targets\": {\"points\": 100, \"points\": 90}}",
	    "targets.points: given twice" },
	{ "{\"categories\": {\"simple\": 4, \"Simple\": 5}}",
	    "categories.Simple: given twice" },
	{ "{\"teams\": {\"Voksen\": {}, \"voksen\": {}}}",
	    "teams.voksen: given twice" },
	{ "{\"reductions\": {\"union rep\": 20, \"Union Rep \": 25}}",
	    "reductions.Union Rep : given twice" },
};

START_TEST(bad_key)
{
	char *diag = test_asprintf("team.json:0: error: %s\n",
	    bad_keys[_i].message);

	assert_error(bad_keys[_i].text, diag);
	free(diag);
}
END_TEST

START_TEST(every_value_error_is_reported)
{
	assert_error("{\n"
	    "  \"targets\": {\"points\": \"abc\", \"cases\": 25},\n"
	    "  \"categories\": {\"simple\": -4},\n"
	    "  \"teem\": {}\n"
	    "}\n",
	    "team.json:0: error: targets.points: expected a positive number, "
	    "got \"abc\"\n"
	    "team.json:0: error: categories.simple: expected a number from "
	    "0, got -4\n"
	    "team.json:0: error: teem: unknown key; known keys: targets, "
	    "categories, teams, reductions, schedules, columns, comment\n");
	ck_assert_uint_eq(log_.errors, 3);
}
END_TEST

START_TEST(no_callback_still_fails)
{
	ck_assert_int_eq(cl_config_read(config, "team.json", "{\"x\": 1}", 8,
	    NULL, NULL), CL_ECONFIG);
}
END_TEST

/* ---- what is accepted ---- */

START_TEST(empty_object_keeps_the_defaults)
{
	ck_assert_int_eq(read_text("{}"), CL_OK);
	ck_assert(config->targets.points == CL_DEC(120));
	ck_assert(config->targets.cases == CL_DEC(25));
	ck_assert(config->targets.under_pct == CL_DEC(80));
	ck_assert_uint_eq(config->ncategories, 0);
	ck_assert_uint_eq(config->nteams, 0);
	ck_assert_uint_eq(config->nreductions, 0);
	ck_assert_str_eq(config->file, "team.json");
	ck_assert_str_eq(said_text(&log_), "");
}
END_TEST

START_TEST(full_file_is_read)
{
	static const char text[] =
	    "{\n"
	    "  \"comment\": \"made-up numbers\",\n"
	    "  \"targets\": {\"points\": 110.5, \"cases\": 22, "
	    "\"under_pct\": 75, \"comment\": \"ours\"},\n"
	    "  \"categories\": {\"simple\": 4, \"complex\": 8, "
	    "\"very complex\": 12.25},\n"
	    "  \"teams\": {\"Voksen\": {\"points\": 150, \"under_pct\": 70, "
	    "\"comment\": \"adults\"}, \"Børn\": {}},\n"
	    "  \"reductions\": {\"union rep\": 20, \"none\": 0, "
	    "\"leave\": 100}\n"
	    "}\n";

	ck_assert_int_eq(read_text(text), CL_OK);
	ck_assert_str_eq(said_text(&log_), "");
	ck_assert(config->targets.points == 110500000);
	ck_assert(config->targets.cases == CL_DEC(22));
	ck_assert(config->targets.under_pct == CL_DEC(75));
	ck_assert_uint_eq(config->ncategories, 3);
	ck_assert_str_eq(config->categories[2].name, "very complex");
	ck_assert(config->categories[2].value == 12250000);
	ck_assert_uint_eq(config->nteams, 2);
	ck_assert_str_eq(config->teams[0].name, "Voksen");
	ck_assert_uint_eq(config->teams[0].set, CL_SET_POINTS | CL_SET_UNDER);
	ck_assert(config->teams[0].targets.points == CL_DEC(150));
	ck_assert(config->teams[0].targets.under_pct == CL_DEC(70));
	ck_assert_str_eq(config->teams[1].name, "Børn");
	ck_assert_uint_eq(config->teams[1].set, 0);
	ck_assert_uint_eq(config->nreductions, 3);
	ck_assert(config->reductions[1].value == 0);
	ck_assert(config->reductions[2].value == CL_DEC(100));
}
END_TEST

START_TEST(edges_of_the_ranges_are_accepted)
{
	ck_assert_int_eq(read_text("{\"targets\": {\"points\": 0.000001, "
	    "\"cases\": 1000000000, \"under_pct\": 0}, "
	    "\"categories\": {\"none\": 0}, "
	    "\"reductions\": {\"all\": 100, \"nothing\": 0}}"), CL_OK);
	ck_assert(config->targets.points == 1);
	ck_assert(config->targets.cases == CL_DEC(1000000000));
	ck_assert(config->targets.under_pct == 0);
	ck_assert_str_eq(said_text(&log_), "");
}
END_TEST

START_TEST(decimals_are_exact)
{
	static const struct {
		const char *json;
		cl_dec value;
	} cases[] = {
		{ "0.1", 100000 },
		{ "0.000001", 1 },
		{ "7.5", 7500000 },
		{ "12.25", 12250000 },
		{ "0.3", 300000 },
		{ "2.675", 2675000 },
		{ "123456.123456", 123456123456 },
		{ "999999999.999999", 999999999999999 },
		{ "1e2", 100000000 },
		{ "120.000000", 120000000 },
	};

	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *text = test_asprintf("{\"categories\": {\"c\": %s}}",
		    cases[i].json);
		struct cl_config *c = cl_config_new();

		ck_assert_int_eq(cl_config_read(c, "team.json", text,
		    strlen(text), said_add, &log_), CL_OK);
		ck_assert_uint_eq(c->ncategories, 1);
		ck_assert_msg(c->categories[0].value == cases[i].value,
		    "%s read as %lld", cases[i].json,
		    (long long)c->categories[0].value);
		cl_config_free(c);
		free(text);
	}
	ck_assert_str_eq(said_text(&log_), "");
}
END_TEST

/* ---- a failed read changes nothing ---- */

static const char good[] =
    "{\"targets\": {\"points\": 100, \"cases\": 20, \"under_pct\": 60},"
    " \"categories\": {\"simple\": 4},"
    " \"teams\": {\"Voksen\": {\"points\": 150}},"
    " \"reductions\": {\"union rep\": 20}}";

static const char *const bad[] = {
	/* valid keys before the wrong one must not slip through */
	"{\"targets\": {\"points\": 99, \"cases\": 9, \"under_pct\": 9},"
	" \"categories\": {\"other\": 1},"
	" \"teams\": {\"Børn\": {\"points\": 5}},"
	" \"reductions\": {\"trainee\": 140}}",
	"{\"targets\": {\"points\": 99}, \"categoreis\": {}}",
	"{\"targets\": {\"points\": 99}, \"teams\": {\"X\": 1}}",
	"{\"targets\": {\"points\": 99}\n \"teams\": {}}",
	"[]",
	"",
};

START_TEST(failed_read_leaves_config_unchanged)
{
	char *before, *after;

	ck_assert_int_eq(read_text(good), CL_OK);
	before = print_config(config);
	ck_assert_int_eq(cl_config_read(config, "other.json", bad[_i],
	    strlen(bad[_i]), said_add, &log_), CL_ECONFIG);
	after = print_config(config);
	ck_assert_str_eq(after, before);
	ck_assert_str_eq(config->file, "team.json");
	ck_assert(config->targets.points == CL_DEC(100));
	ck_assert_uint_eq(config->nteams, 1);
	ck_assert_uint_eq(config->ncategories, 1);
	ck_assert_uint_eq(config->nreductions, 1);
	free(before);
	free(after);
}
END_TEST

START_TEST(failed_read_leaves_defaults_unchanged)
{
	char *before = print_config(config), *after;

	ck_assert_int_eq(read_text(bad[0]), CL_ECONFIG);
	after = print_config(config);
	ck_assert_str_eq(after, before);
	ck_assert_ptr_null(config->file);
	free(before);
	free(after);
}
END_TEST

/* ---- team targets ---- */

START_TEST(team_targets_override_only_what_they_set)
{
	struct cl_targets t;

	ck_assert_int_eq(read_text("{\"targets\": {\"points\": 100, "
	    "\"cases\": 20, \"under_pct\": 60}, \"teams\": {"
	    "\"Voksen\": {\"points\": 150, \"cases\": 50, \"under_pct\": 70},"
	    "\"Børn\": {\"cases\": 15}, \"Tom\": {}}}"), CL_OK);

	t = cl_config_team_targets(config, "Voksen");
	ck_assert(t.points == CL_DEC(150));
	ck_assert(t.cases == CL_DEC(50));
	ck_assert(t.under_pct == CL_DEC(70));

	t = cl_config_team_targets(config, "Børn");
	ck_assert(t.points == CL_DEC(100));
	ck_assert(t.cases == CL_DEC(15));
	ck_assert(t.under_pct == CL_DEC(60));

	t = cl_config_team_targets(config, "Tom");
	ck_assert(t.points == CL_DEC(100));
	ck_assert(t.cases == CL_DEC(20));
	ck_assert(t.under_pct == CL_DEC(60));

	t = cl_config_team_targets(config, NULL);
	ck_assert(t.points == CL_DEC(100));
	t = cl_config_team_targets(config, "Nobody's team");
	ck_assert(t.points == CL_DEC(100));
	ck_assert(t.cases == CL_DEC(20));
}
END_TEST

START_TEST(team_names_ignore_case_and_spaces)
{
	static const char *const spellings[] = { "Voksen", "voksen",
		"VOKSEN", " Voksen ", "vOkSeN\t" };

	ck_assert_int_eq(read_text("{\"teams\": {\"Voksen\": "
	    "{\"points\": 150}, \"Børn\": {\"points\": 90}}}"), CL_OK);
	for (size_t i = 0; i < sizeof spellings / sizeof *spellings; i++)
		ck_assert_msg(cl_config_team_targets(config,
		    spellings[i]).points == CL_DEC(150), "%s", spellings[i]);
	ck_assert(cl_config_team_targets(config, "BØRN").points ==
	    CL_DEC(90));
	ck_assert(cl_config_team_targets(config, "Voksne").points ==
	    CL_DEC(120));
}
END_TEST

/* What main does: defaults, then the file, then the flags on the global
 * targets; a team entry still wins for its own workers. */
START_TEST(flags_over_file_team_over_flags)
{
	struct cl_targets t;

	ck_assert_int_eq(read_text("{\"targets\": {\"points\": 200, "
	    "\"cases\": 40}, \"teams\": {\"Voksen\": {\"points\": 150}}}"),
	    CL_OK);
	ck_assert(config->targets.under_pct == CL_DEC(80));
	config->targets.points = CL_DEC(100);     /* --max-points 100 */
	config->targets.under_pct = CL_DEC(50);   /* --under 50 */

	t = cl_config_team_targets(config, "Voksen");
	ck_assert(t.points == CL_DEC(150));
	ck_assert(t.cases == CL_DEC(40));
	ck_assert(t.under_pct == CL_DEC(50));
	t = cl_config_team_targets(config, "Børn");
	ck_assert(t.points == CL_DEC(100));
}
END_TEST

/* ---- names ---- */

START_TEST(nearest_finds_typos)
{
	static const char *const keys[] = { "targets", "categories", "teams",
		"reductions", "comment" };
	static const char *const targets[] = { "points", "cases",
		"under_pct", "comment" };
	static const char *const grades[] = { "simple", "complex",
		"very complex" };

	ck_assert_str_eq(cl_nearest("categoreis", keys, 5), "categories");
	ck_assert_str_eq(cl_nearest("categories", keys, 5), "categories");
	ck_assert_str_eq(cl_nearest("tems", keys, 5), "teams");
	ck_assert_str_eq(cl_nearest("team", keys, 5), "teams");
	ck_assert_str_eq(cl_nearest("reductoins", keys, 5), "reductions");
	ck_assert_str_eq(cl_nearest("reduction", keys, 5), "reductions");
	ck_assert_str_eq(cl_nearest("target", keys, 5), "targets");
	ck_assert_str_eq(cl_nearest("pionts", targets, 4), "points");
	ck_assert_str_eq(cl_nearest("casse", targets, 4), "cases");
	ck_assert_str_eq(cl_nearest("under-pct", targets, 4), "under_pct");
	ck_assert_str_eq(cl_nearest("komplex", grades, 3), "complex");
	ck_assert_str_eq(cl_nearest("simpel", grades, 3), "simple");
	ck_assert_str_eq(cl_nearest("very komplex", grades, 3),
	    "very complex");
}
END_TEST

START_TEST(nearest_ignores_far_words)
{
	static const char *const keys[] = { "targets", "categories", "teams",
		"reductions", "comment" };
	static const char *const grades[] = { "simple", "complex",
		"very complex" };

	ck_assert_ptr_null(cl_nearest("budget", keys, 5));
	ck_assert_ptr_null(cl_nearest("xyz", keys, 5));
	ck_assert_ptr_null(cl_nearest("weights", keys, 5));
	ck_assert_ptr_null(cl_nearest("sabbatical", grades, 3));
	ck_assert_ptr_null(cl_nearest("urgent", grades, 3));
	ck_assert_ptr_null(cl_nearest("simple", grades, 0));
}
END_TEST

START_TEST(named_find_ignores_case_and_spaces)
{
	struct cl_named list[] = {
		{ "simple", CL_DEC(4) },
		{ "complex", CL_DEC(8) },
		{ "very complex", CL_DEC(12) },
		{ "Børn", CL_DEC(1) },
	};

	ck_assert_ptr_eq(cl_named_find(list, 4, "simple"), &list[0]);
	ck_assert_ptr_eq(cl_named_find(list, 4, "SIMPLE"), &list[0]);
	ck_assert_ptr_eq(cl_named_find(list, 4, "  Complex\t"), &list[1]);
	ck_assert_ptr_eq(cl_named_find(list, 4, "Very Complex"), &list[2]);
	ck_assert_ptr_eq(cl_named_find(list, 4, " VERY COMPLEX "), &list[2]);
	ck_assert_ptr_eq(cl_named_find(list, 4, "BØRN"), &list[3]);
	ck_assert_ptr_null(cl_named_find(list, 4, "complexity"));
	ck_assert_ptr_null(cl_named_find(list, 4, "komplex"));
	ck_assert_ptr_null(cl_named_find(list, 4, ""));
	ck_assert_ptr_null(cl_named_find(list, 0, "simple"));
	ck_assert_ptr_null(cl_named_find(list, 2, "very complex"));
}
END_TEST

/* ---- printing ---- */

static double
number_at(const cJSON *root, const char *object, const char *key)
{
	const cJSON *o = cJSON_GetObjectItemCaseSensitive(root, object);
	const cJSON *n = cJSON_GetObjectItemCaseSensitive(o, key);

	ck_assert_msg(cJSON_IsNumber(n), "%s.%s is not a number", object,
	    key);
	return n->valuedouble;
}

static size_t
members(const cJSON *root, const char *object)
{
	const cJSON *o = cJSON_GetObjectItemCaseSensitive(root, object);

	ck_assert_msg(cJSON_IsObject(o), "%s is not an object", object);
	return (size_t)cJSON_GetArraySize(o);
}

START_TEST(print_defaults)
{
	char *text = print_config(config);
	cJSON *root = cJSON_Parse(text);

	ck_assert_ptr_nonnull(root);
	ck_assert(number_at(root, "targets", "points") == 120);
	ck_assert(number_at(root, "targets", "cases") == 25);
	ck_assert(number_at(root, "targets", "under_pct") == 80);
	ck_assert_uint_eq(members(root, "categories"), 0);
	ck_assert_uint_eq(members(root, "teams"), 0);
	ck_assert_uint_eq(members(root, "reductions"), 0);
	/* Borås's follow-up schedules */
	ck_assert_uint_eq(members(root, "schedules"), 2);
	ck_assert_uint_eq((size_t)cJSON_GetArraySize(root), 5);
	ck_assert_int_eq(text[strlen(text) - 1], '\n');
	cJSON_Delete(root);
	free(text);
}
END_TEST

START_TEST(print_parses_back)
{
	char *text;
	cJSON *root, *voksen, *tom;

	ck_assert_int_eq(read_text("{\"comment\": \"x\", \"targets\": "
	    "{\"points\": 110.5, \"cases\": 22}, \"categories\": "
	    "{\"simple\": 4, \"very complex\": 0.1}, \"teams\": "
	    "{\"Voksen\": {\"points\": 150, \"under_pct\": 70}, "
	    "\"Tom\": {}}, \"reductions\": {\"union rep\": 20, "
	    "\"trainee\": 37.5}}"), CL_OK);
	text = print_config(config);
	root = cJSON_Parse(text);
	ck_assert_ptr_nonnull(root);
	ck_assert(number_at(root, "targets", "points") == 110.5);
	ck_assert(number_at(root, "targets", "cases") == 22);
	ck_assert(number_at(root, "targets", "under_pct") == 80);
	ck_assert_uint_eq(members(root, "categories"), 2);
	ck_assert(number_at(root, "categories", "simple") == 4);
	ck_assert(number_at(root, "categories", "very complex") == 0.1);
	ck_assert_uint_eq(members(root, "reductions"), 2);
	ck_assert(number_at(root, "reductions", "union rep") == 20);
	ck_assert(number_at(root, "reductions", "trainee") == 37.5);
	ck_assert_uint_eq(members(root, "teams"), 2);
	/* teams with their effective targets */
	voksen = cJSON_GetObjectItemCaseSensitive(
	    cJSON_GetObjectItemCaseSensitive(root, "teams"), "Voksen");
	ck_assert(cJSON_GetObjectItemCaseSensitive(voksen,
	    "points")->valuedouble == 150);
	ck_assert(cJSON_GetObjectItemCaseSensitive(voksen,
	    "cases")->valuedouble == 22);
	ck_assert(cJSON_GetObjectItemCaseSensitive(voksen,
	    "under_pct")->valuedouble == 70);
	tom = cJSON_GetObjectItemCaseSensitive(
	    cJSON_GetObjectItemCaseSensitive(root, "teams"), "Tom");
	ck_assert(cJSON_GetObjectItemCaseSensitive(tom,
	    "points")->valuedouble == 110.5);
	/* exact decimals, not 0.10000000000000001 */
	ck_assert_ptr_nonnull(strstr(text, "\"very complex\":\t0.1\n"));
	ck_assert_ptr_null(strstr(text, "comment"));
	cJSON_Delete(root);
	free(text);
}
END_TEST

/* What cl_config_print writes, cl_config_read reads to the same. */
START_TEST(print_reads_back_the_same)
{
	char *first, *second;
	struct cl_config *again = cl_config_new();

	ck_assert_int_eq(read_text(good), CL_OK);
	first = print_config(config);
	ck_assert_int_eq(cl_config_read(again, "printed.json", first,
	    strlen(first), said_add, &log_), CL_OK);
	second = print_config(again);
	ck_assert_str_eq(second, first);
	ck_assert_str_eq(said_text(&log_), "");
	cl_config_free(again);
	free(first);
	free(second);
}
END_TEST

START_TEST(print_escapes_names)
{
	char *text;
	cJSON *root;
	const cJSON *cats;

	ck_assert_int_eq(read_text("{\"categories\": "
	    "{\"say \\\"hi\\\"\\n\": 1}}"), CL_OK);
	text = print_config(config);
	root = cJSON_Parse(text);
	ck_assert_ptr_nonnull(root);
	cats = cJSON_GetObjectItemCaseSensitive(root, "categories");
	ck_assert_str_eq(cats->child->string, "say \"hi\"\n");
	cJSON_Delete(root);
	free(text);
}
END_TEST

/* ---- the engine's targets under a configuration ---- */

static struct cl_engine *engine;

static void
engine_setup(void)
{
	setup();
	engine = cl_engine_new(&config->targets, said_add, &log_);
}

static void
engine_teardown(void)
{
	cl_engine_free(engine);
	engine = NULL;
	teardown();
}

static void
use(const char *text)
{
	ck_assert_int_eq(read_text(text), CL_OK);
	cl_engine_use_config(engine, config);
	ck_assert_ptr_eq(cl_engine_config(engine), config);
}

static void
roster(const char *worker, const char *fte, const char *team,
    const char *reduction, long line)
{
	struct cl_roster_entry r = { worker, dec(fte), team, dec(reduction),
		NULL, "roster.csv", line, NULL };

	ck_assert_int_eq(cl_engine_add_roster(engine, &r), CL_OK);
}

static void
add(const char *worker, const char *case_id, const char *points, long line)
{
	struct cl_case c = { .worker = worker, .case_id = case_id,
		.points = dec(points), .file = "cases.csv", .line = line };

	ck_assert_int_eq(cl_engine_add_case(engine, &c), CL_OK);
}

static const struct cl_worker *
find(const struct cl_report *r, const char *name)
{
	for (size_t i = 0; i < r->nworkers; i++)
		if (strcmp(r->workers[i].name, name) == 0)
			return &r->workers[i];
	ck_abort_msg("no worker %s in the report", name);
	return NULL;
}

static const struct cl_team *
find_team(const struct cl_report *r, const char *name)
{
	for (size_t i = 0; i < r->nteams; i++)
		if (name == NULL ? r->teams[i].name == NULL :
		    r->teams[i].name != NULL &&
		    strcmp(r->teams[i].name, name) == 0)
			return &r->teams[i];
	ck_abort_msg("no team %s in the report", name ? name : "(null)");
	return NULL;
}

/* base x fte x (1 - reduction / 100), rounded to millionths */
static const struct {
	const char *points, *cases, *fte, *reduction;
	cl_dec points_target, cases_target;
} scaling[] = {
	{ "120", "25", "0.5", "20", 48000000, 10000000 },
	{ "120", "25", "0.8", "20", 76800000, 16000000 },
	{ "120", "25", "1", "12.5", 105000000, 21875000 },
	{ "110.5", "25", "0.75", "33.333333", 55250000, 12500000 },
	{ "120", "25", "0.3", "33.333333", 24000000, 5000000 },
	{ "120", "25", "1.5", "40", 108000000, 22500000 },
	{ "120", "25", "2", "0", 240000000, 50000000 },
	{ "150", "50", "0.5", "20", 60000000, 20000000 },
	{ "0.000001", "1", "0.5", "0", 1, 500000 },
	{ "1000000000", "1000000000", "2", "0.000001",
	    1999999980000000, 1999999980000000 },
};

START_TEST(targets_scale_with_fte_and_reduction)
{
	char *text = test_asprintf("{\"targets\": {\"points\": %s, "
	    "\"cases\": %s}}", scaling[_i].points, scaling[_i].cases);
	const struct cl_worker *w;

	use(text);
	roster("Karin Dyhr", scaling[_i].fte, NULL, scaling[_i].reduction, 2);
	w = find(cl_engine_report(engine, CL_SORT_NAME), "Karin Dyhr");
	ck_assert_msg(w->points_target == scaling[_i].points_target,
	    "points target %lld", (long long)w->points_target);
	ck_assert_msg(w->cases_target == scaling[_i].cases_target,
	    "cases target %lld", (long long)w->cases_target);
	ck_assert(w->reduction == dec(scaling[_i].reduction));
	ck_assert_int_eq(w->has_load, 1);
	free(text);
}
END_TEST

START_TEST(team_entry_overrides_then_scales)
{
	const struct cl_report *r;

	use("{\"targets\": {\"points\": 100, \"cases\": 20}, \"teams\": "
	    "{\"Voksen\": {\"points\": 150, \"cases\": 50, "
	    "\"under_pct\": 70}}}");
	roster("Karin Dyhr", "0.5", "voksen", "20", 2);
	roster("Lars Mørk", "0.5", "Børn", "20", 3);
	roster("Mona Juul", "1", NULL, "0", 4);
	add("Karin Dyhr", "K-1", "42", 2);      /* 70 % of 60: ok */
	add("Lars Mørk", "L-1", "31.99", 3);    /* under 80 % of 40 */
	add("Mona Juul", "M-1", "80", 4);       /* 80 % of 100: ok */
	r = cl_engine_report(engine, CL_SORT_NAME);
	ck_assert(find(r, "Karin Dyhr")->points_target == CL_DEC(60));
	ck_assert(find(r, "Karin Dyhr")->cases_target == CL_DEC(20));
	ck_assert_int_eq(find(r, "Karin Dyhr")->status, CL_OK_LOAD);
	ck_assert(find(r, "Lars Mørk")->points_target == CL_DEC(40));
	ck_assert(find(r, "Lars Mørk")->cases_target == CL_DEC(8));
	ck_assert_int_eq(find(r, "Lars Mørk")->status, CL_UNDER);
	ck_assert(find(r, "Mona Juul")->points_target == CL_DEC(100));
	ck_assert_int_eq(find(r, "Mona Juul")->status, CL_OK_LOAD);
	ck_assert(r->targets.points == CL_DEC(100));
}
END_TEST

START_TEST(team_under_pct_is_the_teams)
{
	use("{\"teams\": {\"Voksen\": {\"under_pct\": 70}}}");
	roster("Karin Dyhr", "1", "Voksen", "0", 2);
	roster("Lars Mørk", "1", "Voksen", "0", 3);
	add("Karin Dyhr", "K-1", "84", 2);      /* exactly 70 % */
	add("Lars Mørk", "L-1", "83.999999", 3);
	ck_assert_int_eq(find(cl_engine_report(engine, CL_SORT_NAME),
	    "Karin Dyhr")->status, CL_OK_LOAD);
	ck_assert_int_eq(find(cl_engine_report(engine, CL_SORT_NAME),
	    "Lars Mørk")->status, CL_UNDER);
}
END_TEST

START_TEST(full_reduction_has_no_load)
{
	const struct cl_report *r;
	const struct cl_worker *w;

	use("{}");
	roster("Karin Dyhr", "1", "Nord", "100", 2);
	roster("Lars Mørk", "1", "Nord", "100", 3);
	add("Karin Dyhr", "K-1", "10", 2);
	r = cl_engine_report(engine, CL_SORT_NAME);
	w = find(r, "Karin Dyhr");
	ck_assert(w->points_target == 0);
	ck_assert(w->cases_target == 0);
	ck_assert_int_eq(w->has_load, 0);
	ck_assert(w->load_pct == 0);
	ck_assert_int_eq(w->status, CL_OVER);
	w = find(r, "Lars Mørk");
	ck_assert_int_eq(w->has_load, 0);
	ck_assert_int_eq(w->status, CL_OK_LOAD);
	ck_assert_int_eq(find_team(r, "Nord")->has_load, 0);
	ck_assert(find_team(r, "Nord")->fte_needed == 80000);   /* 10/120 */
}
END_TEST

/* The example of the golden case rollup-json-teams, worked by hand. */
START_TEST(team_rollup_numbers)
{
	const struct cl_report *r;
	const struct cl_team *t;

	use("{\"teams\": {\"Nord\": {\"points\": 100, \"cases\": 20}}}");
	roster("Alma Toft", "1", "Nord", "0", 2);
	roster("Bent Hald", "0.5", "Nord", "20", 3);
	roster("Cilla Ravn", "1", "Syd", "0", 4);
	roster("Dan Ebbe", "1", NULL, "0", 5);
	add("Alma Toft", "N-1", "30", 2);
	add("Alma Toft", "N-2", "30", 3);
	add("Alma Toft", "S-1", "10", 4);
	add("Bent Hald", "S-1", "10", 5);
	add("Bent Hald", "N-3", "35", 6);
	add("Cilla Ravn", "X-1", "50", 7);
	add("Cilla Ravn", NULL, "10", 8);
	add("Dan Ebbe", "X-1", "20", 9);
	add("Dan Ebbe", "D-1", "40", 10);
	r = cl_engine_report(engine, CL_SORT_STATUS);

	ck_assert_uint_eq(r->nteams, 3);
	ck_assert_str_eq(r->teams[0].name, "Nord");
	ck_assert_str_eq(r->teams[1].name, "Syd");
	ck_assert_ptr_null(r->teams[2].name);

	t = find_team(r, "Nord");
	ck_assert_uint_eq(t->workers, 2);
	ck_assert(t->fte == 1500000);
	ck_assert_int_eq(t->cases, 4);          /* S-1 once */
	ck_assert(t->points == CL_DEC(115));
	ck_assert(t->points_target == CL_DEC(140));
	ck_assert_int_eq(t->has_load, 1);
	ck_assert(t->load_pct == 82140000);
	ck_assert_uint_eq(t->over, 1);
	ck_assert_uint_eq(t->under, 1);
	ck_assert_uint_eq(t->ok, 0);
	ck_assert(t->fte_needed == 1150000);    /* 115 / 100 */

	t = find_team(r, "Syd");
	ck_assert_uint_eq(t->workers, 1);
	ck_assert_int_eq(t->cases, 2);          /* X-1 and a row without id */
	ck_assert(t->points == CL_DEC(60));
	ck_assert(t->points_target == CL_DEC(120));
	ck_assert(t->load_pct == CL_DEC(50));
	ck_assert(t->fte_needed == 500000);

	t = find_team(r, NULL);
	ck_assert_uint_eq(t->workers, 1);
	ck_assert_int_eq(t->cases, 2);
	ck_assert(t->points == CL_DEC(60));
	ck_assert_uint_eq(t->under, 1);

	ck_assert_int_eq(r->summary.cases, 7);
	ck_assert(r->summary.points == CL_DEC(235));
	ck_assert(r->summary.fte_needed == 1960000);
	ck_assert_str_eq(said_text(&log_), "");
}
END_TEST

START_TEST(columns_and_full_time_hours)
{
	struct cl_targets t;

	ck_assert(config->targets.full_time_hours == CL_DEC(37));
	ck_assert_int_eq(read_text("{\"targets\": {\"full_time_hours\": 40},"
	    " \"teams\": {\"Syd\": {\"full_time_hours\": 37.5}},"
	    " \"columns\": {\"worker\": \"Ansvarlig medarbejder\","
	    " \"case_id\": \"L\xc3\xb8" "benr\"}}"), CL_OK);
	t = cl_config_team_targets(config, "syd");
	ck_assert(t.full_time_hours == CL_DEC(37) + CL_DEC(1) / 2);
	ck_assert(cl_config_team_targets(config, "Nord").full_time_hours ==
	    CL_DEC(40));
	ck_assert_uint_eq(config->ncolumns, 2);
	ck_assert_str_eq(config->columns[0].role, "worker");
	ck_assert_str_eq(config->columns[0].header, "Ansvarlig medarbejder");
	/* a later mapping of a role replaces it; an unknown role is refused */
	ck_assert_int_eq(cl_config_set_column(config, "worker", "Navn"), 0);
	ck_assert_uint_eq(config->ncolumns, 2);
	ck_assert_str_eq(config->columns[0].header, "Navn");
	ck_assert_int_eq(cl_config_set_column(config, "boss", "Navn"), -1);
	ck_assert_int_eq(cl_config_set_column(config, "team", "Enhed"), 0);
	ck_assert_uint_eq(config->ncolumns, 3);
}
END_TEST

START_TEST(bad_columns_and_hours)
{
	assert_error("{\"columns\": {\"points\": \"\", \"team\": [1]}}",
	    "team.json:0: error: columns.points: expected the header of a "
	    "column, got \"\"\n"
	    "team.json:0: error: columns.team: expected the header of a "
	    "column, got [1]\n");
	said_clear(&log_);
	assert_error("{\"targets\": {\"full_time_hours\": 200}}",
	    "team.json:0: error: targets.full_time_hours: expected a positive "
	    "number of hours, at most 168, got 200\n");
}
END_TEST

START_TEST(engine_without_config_uses_its_targets)
{
	struct cl_targets t = { CL_DEC(100), CL_DEC(10), CL_DEC(50), 0,
	    CL_DEC(37) };
	struct cl_engine *plain = cl_engine_new(&t, NULL, NULL);
	struct cl_case c = { .worker = "Karin Dyhr", .case_id = "K-1",
		.points = CL_DEC(50), .file = "cases.csv", .line = 2 };
	const struct cl_report *r;

	ck_assert_ptr_null(cl_engine_config(plain));
	ck_assert_int_eq(cl_engine_add_case(plain, &c), CL_OK);
	r = cl_engine_report(plain, CL_SORT_NAME);
	ck_assert(r->workers[0].points_target == CL_DEC(100));
	ck_assert(r->workers[0].cases_target == CL_DEC(10));
	ck_assert_int_eq(r->workers[0].status, CL_OK_LOAD);
	ck_assert(r->teams[0].fte_needed == 500000);
	cl_engine_free(plain);
}
END_TEST

Suite *
config_suite(void)
{
	Suite *s = suite_create("config");
	TCase *syntax = tcase_create("syntax");
	TCase *values = tcase_create("values");
	TCase *keep = tcase_create("unchanged");
	TCase *teams = tcase_create("teams");
	TCase *names = tcase_create("names");
	TCase *print = tcase_create("print");
	TCase *engine_tc = tcase_create("engine");
	TCase *all[] = { syntax, values, keep, teams, names, print };

	for (size_t i = 0; i < sizeof all / sizeof *all; i++) {
		tcase_add_checked_fixture(all[i], setup, teardown);
		suite_add_tcase(s, all[i]);
	}
	tcase_add_checked_fixture(engine_tc, engine_setup, engine_teardown);
	suite_add_tcase(s, engine_tc);

	tcase_add_test(syntax, syntax_missing_comma);
	tcase_add_test(syntax, byte_order_mark_is_skipped);
	tcase_add_test(syntax, syntax_missing_comma_in_array);
	tcase_add_test(syntax, syntax_missing_colon);
	tcase_add_test(syntax, syntax_unterminated_string_at_line_end);
	tcase_add_test(syntax, syntax_unterminated_string_at_end_of_file);
	tcase_add_test(syntax, syntax_trailing_garbage);
	tcase_add_test(syntax, syntax_second_object);
	tcase_add_test(syntax, syntax_empty_file);
	tcase_add_test(syntax, syntax_only_blank_lines);
	tcase_add_test(syntax, syntax_trailing_comma);
	tcase_add_test(syntax, syntax_bad_escape);
	tcase_add_test(syntax, syntax_bad_word);
	tcase_add_test(syntax, top_level_not_an_object);

	tcase_add_loop_test(values, wrong_value, 0,
	    (int)(sizeof wrong_values / sizeof *wrong_values));
	tcase_add_test(values, long_value_is_shortened);
	tcase_add_loop_test(values, bad_key, 0,
	    (int)(sizeof bad_keys / sizeof *bad_keys));
	tcase_add_test(values, every_value_error_is_reported);
	tcase_add_test(values, no_callback_still_fails);
	tcase_add_test(values, empty_object_keeps_the_defaults);
	tcase_add_test(values, full_file_is_read);
	tcase_add_test(values, edges_of_the_ranges_are_accepted);
	tcase_add_test(values, decimals_are_exact);

	tcase_add_loop_test(keep, failed_read_leaves_config_unchanged, 0,
	    (int)(sizeof bad / sizeof *bad));
	tcase_add_test(keep, failed_read_leaves_defaults_unchanged);

	tcase_add_test(teams, team_targets_override_only_what_they_set);
	tcase_add_test(teams, team_names_ignore_case_and_spaces);
	tcase_add_test(teams, flags_over_file_team_over_flags);

	tcase_add_test(names, nearest_finds_typos);
	tcase_add_test(names, nearest_ignores_far_words);
	tcase_add_test(names, named_find_ignores_case_and_spaces);

	tcase_add_test(print, print_defaults);
	tcase_add_test(print, print_parses_back);
	tcase_add_test(print, print_reads_back_the_same);
	tcase_add_test(print, print_escapes_names);

	tcase_add_loop_test(engine_tc, targets_scale_with_fte_and_reduction,
	    0, (int)(sizeof scaling / sizeof *scaling));
	tcase_add_test(engine_tc, team_entry_overrides_then_scales);
	tcase_add_test(engine_tc, team_under_pct_is_the_teams);
	tcase_add_test(engine_tc, full_reduction_has_no_load);
	tcase_add_test(engine_tc, team_rollup_numbers);
	tcase_add_test(engine_tc, engine_without_config_uses_its_targets);
	tcase_add_test(engine_tc, columns_and_full_time_hours);
	tcase_add_test(engine_tc, bad_columns_and_hours);
	return s;
}
