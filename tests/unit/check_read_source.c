/*
 * check_read_source.c - case lists and rosters, bytes to engine: columns
 * found by header name, and every row counted or reported.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "suites.h"

#define S(literal) literal, sizeof literal - 1

static struct diag_log log_;
static struct cl_engine *engine;

static void
setup(void)
{
	engine = test_engine_new(&log_);
}

static void
teardown(void)
{
	cl_engine_free(engine);
	engine = NULL;
	diag_log_free(&log_);
}

enum kind { CASES, ROSTER };

/* Reads in (in chunks of `chunk` bytes, 0 for all at once) into the
 * engine; returns the status of cl_source_finish. */
static int
read_chunked(enum kind kind, const char *name, const char *in, size_t len,
    size_t chunk, int *fatal)
{
	struct cl_source *src = kind == CASES
	    ? cl_source_cases(engine, name, NULL, diag_log_add, &log_)
	    : cl_source_roster(engine, name, NULL, diag_log_add, &log_);
	int rc;

	for (size_t at = 0; at < len; at += chunk ? chunk : len)
		cl_source_feed(src, in + at,
		    chunk && chunk < len - at ? chunk : len - at);
	*fatal = -1;
	rc = cl_source_finish(src, fatal);
	cl_source_free(src);
	return rc;
}

static int
read_cases(const char *in, size_t len, int *fatal)
{
	return read_chunked(CASES, "cases.csv", in, len, 0, fatal);
}

static int
read_roster(const char *in, size_t len, int *fatal)
{
	return read_chunked(ROSTER, "roster.csv", in, len, 0, fatal);
}

/* The report as "NAME cases=N points=P fte=F team=T" lines, by name;
 * the caller frees. */
static char *
workers_text(void)
{
	const struct cl_report *r = cl_engine_report(engine, CL_SORT_NAME);
	struct cl_buf b = { 0 };

	cl_buf_append(&b, "", 0);
	for (size_t i = 0; i < r->nworkers; i++) {
		const struct cl_worker *w = &r->workers[i];
		char points[CL_DEC_BUFSIZE], fte[CL_DEC_BUFSIZE];
		char *line = test_asprintf("%s cases=%ld points=%s fte=%s "
		    "team=%s\n", w->name, w->cases,
		    cl_dec_format(w->points, 6, '.', points),
		    cl_dec_format(w->fte, 6, '.', fte),
		    w->team != NULL ? w->team : "(none)");

		cl_buf_append(&b, line, strlen(line));
		free(line);
	}
	return b.data;
}

/* The note of a case list without a case id column. */
#define NOID "cases.csv:1: note: no case id column: each row counts as one " \
	"case, and repeated rows cannot be found\n"
#define WORKER_ALIASES "(a worker column is called worker, caseworker, " \
	"sagsbehandler, socialr\xc3\xa5" "dgiver, r\xc3\xa5" "dgiver, " \
	"handl\xc3\xa4ggare, handlaggare, ansvarlig, ansvarlig " \
	"sagsbehandler, sagsbeh, medarbejder, ansvarig, ansvarig " \
	"handl\xc3\xa4ggare, socialsekreterare, case worker, assigned to)"
/* The note of a roster without an FTE or hours column. */
#define NOFTE "roster.csv:1: note: no FTE or hours column: everyone on the " \
	"roster counts as full time (1 FTE)\n"
/* The hint of a case list without a worker column. */
#define NAME_WORKER "; if the worker column has another header, name it " \
	"with --column worker=HEADER"
/* A roster's worker column may also be called so. */
#define ROSTER_WORKER_ALIASES "(a worker column is called worker, " \
	"caseworker, sagsbehandler, socialr\xc3\xa5" "dgiver, r\xc3\xa5" \
	"dgiver, handl\xc3\xa4ggare, handlaggare, ansvarlig, ansvarlig " \
	"sagsbehandler, sagsbeh, medarbejder, ansvarig, ansvarig " \
	"handl\xc3\xa4ggare, socialsekreterare, case worker, assigned to, " \
	"navn, namn)"

static void
assert_workers(const char *expected)
{
	char *got = workers_text();

	ck_assert_str_eq(got, expected);
	free(got);
}

static void
assert_cases(const char *in, size_t len, int status, int fatal,
    const char *workers, const char *diags)
{
	int got_fatal;

	ck_assert_int_eq(read_cases(in, len, &got_fatal), status);
	ck_assert_int_eq(got_fatal, fatal);
	assert_workers(workers);
	ck_assert_str_eq(diag_log_text(&log_), diags);
}

static void
assert_roster(const char *in, size_t len, int status, int fatal,
    const char *workers, const char *diags)
{
	int got_fatal;

	ck_assert_int_eq(read_roster(in, len, &got_fatal), status);
	ck_assert_int_eq(got_fatal, fatal);
	assert_workers(workers);
	ck_assert_str_eq(diag_log_text(&log_), diags);
}

/* More distinct non-ASCII names than the NFC cache holds (4096): every
 * name, composed or not, is still counted under its NFC form. */
START_TEST(more_names_than_the_nfc_cache_holds)
{
	struct cl_buf in = { 0 };
	const struct cl_report *r;
	int fatal;

	cl_buf_append(&in, "worker,team,points\n", 19);
	for (int i = 0; i < 5000; i++) {
		char *row = test_asprintf("\xc3\x86r\xc3\xb8 %d,Sj\xc3\xb8,1\n"
		    "A\xcc\x8ase %d,Sj\xc3\xb8,2\n\xc3\x85se %d,Sj\xc3\xb8,3\n",
		    i, i, i);

		cl_buf_append(&in, row, strlen(row));
		free(row);
	}
	ck_assert_int_eq(read_cases(in.data, in.len, &fatal), CL_OK);
	r = cl_engine_report(engine, CL_SORT_NAME);
	ck_assert_uint_eq(r->nworkers, 10000);
	ck_assert_uint_eq(r->nteams, 1);
	ck_assert_str_eq(r->teams[0].name, "Sj\xc3\xb8");
	/* "Åse N" spelled decomposed then composed: one worker, 5 points */
	for (size_t i = 0; i < r->nworkers; i++)
		if (strncmp(r->workers[i].name, "\xc3\x85se ", 5) == 0)
			ck_assert_int_eq(r->workers[i].points, CL_DEC(5));
		else
			ck_assert_int_eq(r->workers[i].points, CL_DEC(1));
	cl_buf_free(&in);
}
END_TEST

/* Lines of words below the table are a footer, left out with a note;
 * the same line with rows after it is the row error it always was. */
START_TEST(footer_lines_are_left_out)
{
	assert_cases(S("Sagsnr;Sagsbehandler;Point\n1;AB;3\n\n"
	    "Udskrevet 01-12-2026 af XY;;\nKilde: fagsystemet\n"), CL_OK, 0,
	    "AB cases=1 points=3 fte=1 team=(none)\n",
	    "cases.csv:4: note: a line below the table left out: \"Udskrevet "
	    "01-12-2026 af XY\" (a footer, not a row)\n"
	    "cases.csv:5: note: a line below the table left out: \"Kilde: "
	    "fagsystemet\" (a footer, not a row)\n");
	teardown();
	setup();
	assert_cases(S("Sagsnr;Sagsbehandler;Point\n1;AB;3\n"
	    "Udskrevet 01-12-2026 af XY;;\n2;CD;2\n"), CL_EDATA, 0,
	    "AB cases=1 points=3 fte=1 team=(none)\n"
	    "CD cases=1 points=2 fte=1 team=(none)\n",
	    "cases.csv:3: error: worker is empty\n");
}
END_TEST

/* A row that repeats the header (after the trimming and folding the
 * header gets) is skipped with a note, counted as neither case nor
 * error; a row that differs in one cell is the row it is. */
START_TEST(repeated_header_is_skipped)
{
	assert_cases(S("Sagsnr;Sagsbehandler;Point (v\xc3\xa6gtet)\nS1;AB;3\n"
	    " SAGSNR ;sagsbehandler;Point (v\xc3\xa6gtet) \nS2;AB;2\n"
	    "Sagsnr;Sagsbehandler;Points\n"), CL_EDATA, 0,
	    "AB cases=2 points=5 fte=1 team=(none)\n",
	    "cases.csv:3: note: repeats the header; skipped\n"
	    "cases.csv:5: error: points \"Points\" is not a number\n");
	teardown();
	setup();
	/* two exports one after the other, each with its title */
	assert_cases(S("Sager uge 49\nSagsnr;Sagsbehandler;Point\nS1;AB;3\n"
	    "Sager uge 50;;\nSagsnr;Sagsbehandler;Point\nS2;AB;2\n"), CL_OK,
	    0, "AB cases=2 points=5 fte=1 team=(none)\n",
	    "cases.csv:2: note: the header is on line 2; line 1 (a title) was "
	    "skipped\n"
	    "cases.csv:4: note: a line above the repeated header left out: "
	    "\"Sager uge 50\" (a title or a page footer, not a row)\n"
	    "cases.csv:5: note: repeats the header; skipped\n");
	teardown();
	setup();
	assert_roster(S("Sagsbehandler,Team\nAB,Nord\nsagsbehandler,team\n"
	    "CD,Syd\n"), CL_OK, 0,
	    "AB cases=0 points=0 fte=1 team=Nord\n"
	    "CD cases=0 points=0 fte=1 team=Syd\n",
	    NOFTE "roster.csv:3: note: repeats the header; skipped\n");
}
END_TEST

/* In a case list, words alone in the worker column are the title of a
 * next export when the header repeats below them; else the row they are
 * (a row with one field), and so are the footer lines above them. */
START_TEST(worker_column_title)
{
	assert_cases(S("Sagsbehandler;Sag;Point\nAB;1;2\n\nSager Team Syd\n"
	    "Sagsbehandler;Sag;Point\nCD;2;3\n"), CL_OK, 0,
	    "AB cases=1 points=2 fte=1 team=(none)\n"
	    "CD cases=1 points=3 fte=1 team=(none)\n",
	    "cases.csv:4: note: a line above the repeated header left out: "
	    "\"Sager Team Syd\" (a title or a page footer, not a row)\n"
	    "cases.csv:5: note: repeats the header; skipped\n");
	teardown();
	setup();
	assert_cases(S("Sagsbehandler;Sag;Point\nAB;1;2\nAnne Berg\n"), CL_EDATA,
	    0, "AB cases=1 points=2 fte=1 team=(none)\n",
	    "cases.csv:3: error: row has 1 field, the header has 3\n");
	teardown();
	setup();
	assert_cases(S("Sagsbehandler;Sag;Point\nAB;1;2\n"
	    "Udskrevet 01-12-2026 af XY\nAnne Berg\nSide 1 af 1\n"),
	    CL_EDATA, 0, "AB cases=1 points=2 fte=1 team=(none)\n",
	    "cases.csv:3: error: row has 1 field, the header has 3\n"
	    "cases.csv:4: error: row has 1 field, the header has 3\n"
	    "cases.csv:5: note: a line below the table left out: "
	    "\"Side 1 af 1\" (a footer, not a row)\n");
	teardown();
	setup();
	/* a page break: a page number, a printed-by line and a one-word
	 * title above the header; a lone case id is no title */
	assert_cases(S("Sagsnr;Sagsbehandler;Point\nS1;AB;2\nSide 1 af 2;;\n"
	    "Sagsoversigt;;\nSagsnr;Sagsbehandler;Point\nS7;;\n"
	    "\xef\xbb\xbfSagsnr;Sagsbehandler;Point\nS2;CD;3\n"), CL_EDATA, 0,
	    "AB cases=1 points=2 fte=1 team=(none)\n"
	    "CD cases=1 points=3 fte=1 team=(none)\n",
	    "cases.csv:3: note: a line above the repeated header left out: "
	    "\"Side 1 af 2\" (a title or a page footer, not a row)\n"
	    "cases.csv:4: note: a line above the repeated header left out: "
	    "\"Sagsoversigt\" (a title or a page footer, not a row)\n"
	    "cases.csv:5: note: repeats the header; skipped\n"
	    "cases.csv:6: error: worker is empty\n"
	    "cases.csv:7: note: repeats the header; skipped\n");
	teardown();
	setup();
	/* a roster's row may be a name alone */
	assert_roster(S("Sagsbehandler\nAnne Berg\n"), CL_OK, 0,
	    "Anne Berg cases=0 points=0 fte=1 team=(none)\n", NOFTE);
}
END_TEST

/* "Navn"/"Namn" is a roster's worker column, unless another
 * is; in a case list it may be the child's name, so it is not. */
/* Swedish "Årsarbetare" is FTE, Danish "Ugentlig arbejdstid" hours, and a
 * header's trailing '%' is its unit: "Reduktion %" is the reduction. */
START_TEST(roster_fte_hours_and_reduction_headers)
{
	assert_roster(S("Handl\xc3\xa4ggare;\xc3\x85rsarbetare\n"
	    "\xc3\x85sa;0,5\n"), CL_OK, 0,
	    "\xc3\x85sa cases=0 points=0 fte=0.5 team=(none)\n", "");
	teardown();
	setup();
	assert_roster(S("Sagsbehandler;Ugentlig arbejdstid;Reduktion %\n"
	    "Bo;29,6;20\n"), CL_OK, 0,
	    "Bo cases=0 points=0 fte=0.8 team=(none)\n", "");
	/* the 20 % reduction is read */
	ck_assert_int_eq(cl_engine_report(engine, CL_SORT_NAME)->workers[0]
	    .reduction, CL_DEC(20));
}
END_TEST

START_TEST(roster_name_column)
{
	assert_roster(S("Navn;\xc3\x85rsv\xc3\xa6rk\nBo;0,5\n"), CL_OK, 0,
	    "Bo cases=0 points=0 fte=0.5 team=(none)\n", "");
	teardown();
	setup();
	assert_roster(S("Namn,Sagsbehandler\nBo Lund,Bo\n"), CL_OK, 0,
	    "Bo cases=0 points=0 fte=1 team=(none)\n", NOFTE);
	teardown();
	setup();
	assert_cases(S("Sagsnr;Navn;Point\n1;Ida;2\n"), CL_EDATA, 1, "",
	    "cases.csv:1: error: no worker column; the header has \"Sagsnr\", "
	    "\"Navn\", \"Point\" " WORKER_ALIASES "; looked for the header in "
	    "lines 1-2" NAME_WORKER "\n");
}
END_TEST

/* "Journalnr." names the case id column: a repeated id is found. */
START_TEST(journalnr_is_a_case_id)
{
	assert_cases(S("Journalnr.;Sagsbehandler;Point\nJ1;Bo;2\nJ1;Bo;2\n"),
	    CL_OK, 0, "Bo cases=1 points=2 fte=1 team=(none)\n",
	    "cases.csv:3: warning: case \"J1\" of \"Bo\" repeats line 2; "
	    "counted once\n");
}
END_TEST

START_TEST(danish_headers)
{
	assert_cases(S("Sagsbehandler;Point;Sagsnr;Enhed\r\nAnne;7,5;S1;Nord\r\n"
	    "Bo;2;S2;Syd\r\n"), CL_OK, 0,
	    "Anne cases=1 points=7.5 fte=1 team=Nord\n"
	    "Bo cases=1 points=2 fte=1 team=Syd\n", "");
}
END_TEST

START_TEST(swedish_headers)
{
	assert_cases(S("Handl\xc3\xa4ggare\tPo\xc3\xa4ng\t\xc3\x84rende\tEnhet\n"
	    "Anne\t1.5\t\xc3\x84" "1\tV\xc3\xa4st\n"), CL_OK, 0,
	    "Anne cases=1 points=1.5 fte=1 team=V\xc3\xa4st\n", "");
}
END_TEST

START_TEST(headers_ignore_case_spaces_and_bom)
{
	assert_cases(S("\xef\xbb\xbf  WORKER , Points \t, Case ID,TEAM\n"
	    "Anne,1,X,T\nAnne,1,X,T\n"), CL_OK, 0,
	    "Anne cases=1 points=1 fte=1 team=T\n",
	    "cases.csv:3: warning: case \"X\" of \"Anne\" repeats line 2; "
	    "counted once\n");
}
END_TEST

START_TEST(windows_1252_headers_and_names)
{
	assert_cases(S("Sagsbehandler;V\xe6gt;Sagsnummer\r\n"
	    "S\xf8ren;3;1\r\n\xc6gir;1,5;2\r\n"), CL_OK, 0,
	    "S\xc3\xb8ren cases=1 points=3 fte=1 team=(none)\n"
	    "\xc3\x86gir cases=1 points=1.5 fte=1 team=(none)\n",
	    "cases.csv:1: note: not valid UTF-8; reading the file as "
	    "Windows-1252 (say --encoding windows-1252 to skip this note)\n");
}
END_TEST

START_TEST(extra_columns_any_order)
{
	assert_cases(S("note,points,extra,worker,fte\nx,2,y,Anne,0.5\n"), CL_OK,
	    0, "Anne cases=1 points=2 fte=1 team=(none)\n", NOID);
}
END_TEST

static int
has_alias(const char *column, const char *alias)
{
	const char *const *a = cl_column_aliases(column);

	ck_assert_ptr_nonnull(a);
	for (; *a != NULL; a++)
		if (strcmp(*a, alias) == 0)
			return 1;
	return 0;
}

START_TEST(documented_aliases)
{
	static const char *const issue[][8] = {
		{ "worker", "caseworker", "sagsbehandler",
		  "socialr\xc3\xa5" "dgiver", "r\xc3\xa5" "dgiver",
		  "handl\xc3\xa4ggare", "handlaggare", NULL },
		{ "points", "point", "po\xc3\xa4ng", "poang", "score",
		  "severity", "weight", "v\xc3\xa6gt" },
		{ "case_id", "case", "sag", "sagsnr", "sagsnummer",
		  "\xc3\xa4rende", "\xc3\xa4rendenr", "\xc3\xa4rendenummer" },
		{ "team", "gruppe", "enhed", "enhet", NULL },
	};

	for (size_t c = 0; c < sizeof issue / sizeof *issue; c++) {
		ck_assert_str_eq(cl_column_aliases(issue[c][0])[0], issue[c][0]);
		for (size_t i = 1; i < 8 && issue[c][i] != NULL; i++)
			ck_assert_msg(has_alias(issue[c][0], issue[c][i]),
			    "%s lacks %s", issue[c][0], issue[c][i]);
	}
	ck_assert_ptr_nonnull(cl_column_aliases("fte"));
	ck_assert_ptr_null(cl_column_aliases("nope"));
}
END_TEST

/* A header naming role `column` by `alias` (ASCII letters in upper case
 * if asked) is recognised: read into a fresh engine, the row shows it. */
static void
assert_alias_works(const char *column, const char *alias, int upper)
{
	char name[64], *in;
	const char *expected = "A cases=1 points=1 fte=1 team=(none)\n";
	int fatal;

	snprintf(name, sizeof name, "%s", alias);
	for (char *p = name; upper && *p != '\0'; p++)
		*p = (char)toupper((unsigned char)*p);
	if (strcmp(column, "worker") == 0) {
		in = test_asprintf("%s,points\nA,1\n", name);
	} else if (strcmp(column, "points") == 0) {
		in = test_asprintf("worker,%s\nA,1\n", name);
	} else if (strcmp(column, "case_id") == 0) {
		in = test_asprintf("worker,points,%s\nA,1,X\nA,1,X\n", name);
	} else {
		in = test_asprintf("worker,points,%s\nA,1,X\n", name);
		expected = "A cases=1 points=1 fte=1 team=X\n";
	}
	teardown();
	setup();
	ck_assert_msg(read_cases(in, strlen(in), &fatal) == CL_OK,
	    "header %s: %s", name, diag_log_text(&log_));
	free(in);
	assert_workers(expected);
}

START_TEST(every_alias_is_recognised)
{
	static const char *const columns[] = { "worker", "points", "case_id",
		"team" };

	for (size_t c = 0; c < 4; c++)
		for (const char *const *a = cl_column_aliases(columns[c]);
		    *a != NULL; a++) {
			assert_alias_works(columns[c], *a, 0);
			assert_alias_works(columns[c], *a, 1);
		}
}
END_TEST

START_TEST(missing_required_column_lists_the_headers)
{
	assert_cases(S("name,points\nA,1\n"), CL_EDATA, 1, "",
	    "cases.csv:1: error: no worker column; the header has \"name\", "
	    "\"points\" " WORKER_ALIASES "; looked for the header in lines 1-2"
	    NAME_WORKER "\n");
}
END_TEST

/* Below a title, the row with a worker column is the header that lacks
 * something: the error says what, on its line, and not that the title
 * has no worker column. */
START_TEST(missing_column_below_a_title_is_said_of_the_header)
{
	assert_cases(S("Sagsliste uge 49\n\nSagsnr;Sagsbehandler;Team\n"
	    "S1;Bo;Syd\n"), CL_EDATA, 1, "",
	    "cases.csv:3: error: no points or category column; the header has "
	    "\"Sagsnr\", \"Sagsbehandler\", \"Team\" (a points column is "
	    "called points, point, po\xc3\xa4ng, poang, score, severity, "
	    "weight, v\xc3\xa6gt, sagsv\xc3\xa6gt, tyngd, vikt) (a category "
	    "column is called category, kategori, sagstype, type, "
	    "\xc3\xa4rendetyp, foranstaltning, indsats, insats, insatstyp); "
	    "looked for the header in lines 1-4; if the points column has "
	    "another header, name it with --column points=HEADER\n");
	teardown();
	setup();
	/* with no worker column anywhere, the first row is still the one */
	assert_cases(S("Sagsliste\n\nSagsnr;Navn;Point\nS1;Bo;2\n"),
	    CL_EDATA, 1, "",
	    "cases.csv:1: error: no worker column; the header has "
	    "\"Sagsliste\" " WORKER_ALIASES "; looked for the header in "
	    "lines 1-4" NAME_WORKER "\n");
}
END_TEST

/* Reads a case list without points and returns the one message. */
static const char *
missing_points_message(void)
{
	int fatal;

	ck_assert_int_eq(read_cases(S("Worker;Score2;Sag\nA;1;2\n"), &fatal),
	    CL_EDATA);
	ck_assert_int_eq(fatal, 1);
	ck_assert_uint_eq(diag_log_total(&log_), 1);
	return diag_log_text(&log_);
}

START_TEST(missing_points_column)
{
	static const char start[] = "cases.csv:1: error: no points or "
	    "category column; the header has \"Worker\", \"Score2\", \"Sag\" ("
	    "a points column is called points, point, po\xc3\xa4ng, poang, "
	    "score, severity, weight, v\xc3\xa6gt";
	const char *message = missing_points_message();

	ck_assert_msg(strncmp(message, start, sizeof start - 1) == 0,
	    "got %s", message);
	assert_workers("");
}
END_TEST

START_TEST(missing_points_column_names_the_category_aliases)
{
	const char *message = missing_points_message();

	ck_assert_msg(strstr(message, "category, kategori, sagstype, type, "
	    "\xc3\xa4rendetyp") != NULL, "got %s", message);
}
END_TEST

START_TEST(two_columns_for_one_role_is_fatal)
{
	assert_cases(S("worker,points,Sagsbehandler\nA,1,B\n"), CL_EDATA, 1, "",
	    "cases.csv:1: error: columns \"worker\" and \"Sagsbehandler\" "
	    "both name the worker column; say which with --column "
	    "worker=HEADER\n");
}
END_TEST

/* A row with fields missing at its end (Excel leaves out empty cells
 * there) is read with them empty when it has its worker and points, and
 * one with more, all empty, without them: each said once.  A row with a
 * cell too many, or without its points, is an error. */
START_TEST(wrong_field_count_is_a_row_error)
{
	assert_cases(S("worker,points,case,team\nA,1,x\nB,2,y,T\n"
	    "C,3,z,T,extra\nD\nE,4,w,T,,\nF,5\nG,6,v,T, \n"), CL_EDATA, 0,
	    "A cases=1 points=1 fte=1 team=(none)\n"
	    "B cases=1 points=2 fte=1 team=T\n"
	    "E cases=1 points=4 fte=1 team=T\n"
	    "F cases=1 points=5 fte=1 team=(none)\n"
	    "G cases=1 points=6 fte=1 team=T\n",
	    "cases.csv:2: note: row has 3 fields, the header has 4: the cells "
	    "missing at its end are read as empty (said for the first such row "
	    "of the file only)\n"
	    "cases.csv:4: error: row has 5 fields, the header has 4\n"
	    "cases.csv:5: error: row has 1 field, the header has 4\n"
	    "cases.csv:6: note: row has 6 fields, the header has 4: the empty "
	    "cells at its end are left out (said for the first such row of the "
	    "file only)\n");
}
END_TEST

START_TEST(empty_worker_is_a_row_error)
{
	assert_cases(S("worker,points\n  ,5\nB,1\n\"\",2\n"), CL_EDATA, 0,
	    "B cases=1 points=1 fte=1 team=(none)\n",
	    NOID "cases.csv:2: error: worker is empty\n"
	    "cases.csv:4: error: worker is empty\n");
}
END_TEST

START_TEST(bad_points_are_row_errors)
{
	assert_cases(S("worker;points\nA;abc\nA;-3\nA;\nA;1e3\nA;7,1234567\n"
	    "A;1 234\nA;1.23,5\nA;+2\nA;4\nA;1.2.3\n"), CL_EDATA, 0,
	    "A cases=1 points=4 fte=1 team=(none)\n",
	    NOID "cases.csv:2: error: points \"abc\" is not a number\n"
	    "cases.csv:3: error: points \"-3\" is negative\n"
	    "cases.csv:4: error: points \"\" is empty\n"
	    "cases.csv:5: error: points \"1e3\" has an exponent\n"
	    "cases.csv:6: error: points \"7,1234567\" has more than 6 decimals\n"
	    "cases.csv:7: error: points \"1 234\" has a space inside "
	    "(thousands separators are not allowed)\n"
	    "cases.csv:8: error: points \"1.23,5\" has a thousands separator "
	    "that does not group digits in threes\n"
	    "cases.csv:9: error: points \"+2\" has a sign\n"
	    "cases.csv:11: error: points \"1.2.3\" has more than one decimal "
	    "separator\n");
}
END_TEST

START_TEST(source_says_which_columns_it_has)
{
	struct cl_source *src = cl_source_cases(engine, "c.csv", NULL,
	    diag_log_add, &log_);
	int fatal;

	ck_assert(!cl_source_has_column(src, "case_id"));
	cl_source_feed(src, S("Sagsnr;Sagsbehandler;Point\n"));
	ck_assert(cl_source_has_column(src, "case_id"));
	ck_assert(cl_source_has_column(src, "worker"));
	ck_assert(!cl_source_has_column(src, "team"));
	ck_assert(!cl_source_has_column(src, "no such column"));
	cl_source_finish(src, &fatal);
	cl_source_free(src);
	src = cl_source_cases(engine, "d.csv", NULL, diag_log_add, &log_);
	cl_source_feed(src, S("worker,points\nBo,1\n"));
	ck_assert(!cl_source_has_column(src, "case_id"));
	ck_assert(cl_source_has_column(src, "points"));
	cl_source_finish(src, &fatal);
	cl_source_free(src);
}
END_TEST

START_TEST(empty_file_has_no_header)
{
	static const char *const empties[] = { "", "\n\r\n", "\xef\xbb\xbf" };

	for (size_t i = 0; i < 3; i++) {
		teardown();
		setup();
		assert_cases(empties[i], strlen(empties[i]), CL_EDATA, 1, "",
		    "cases.csv:0: error: no header row: the file is empty\n");
	}
}
END_TEST

START_TEST(header_only_is_an_empty_report)
{
	assert_cases(S("worker,points\r\n"), CL_OK, 0, "", NOID);
	ck_assert_uint_eq(cl_engine_report(engine, CL_SORT_STATUS)->nworkers,
	    0);
}
END_TEST

START_TEST(blank_rows_are_skipped)
{
	assert_cases(S("worker,points\n,\n  ,\t\n\nA,1\n"), CL_OK, 0,
	    "A cases=1 points=1 fte=1 team=(none)\n", NOID);
}
END_TEST

START_TEST(lines_count_breaks_inside_quotes)
{
	/* (a line break in a name is a space: one worker, "Multi Line") */
	assert_cases(S("worker,points\n\"Multi\nLine\",1\r\nB,x\n"), CL_EDATA, 0,
	    "Multi Line cases=1 points=1 fte=1 team=(none)\n",
	    NOID "cases.csv:4: error: points \"x\" is not a number\n");
}
END_TEST

START_TEST(invalid_text_is_a_row_error)
{
	assert_cases(S("worker,points\nS\xc3\xb8ren,1\nS\xf8ren,2\n"), CL_EDATA,
	    0, "S\xc3\xb8ren cases=1 points=1 fte=1 team=(none)\n",
	    NOID "cases.csv:3: error: worker \"S\\xf8ren\" is not valid "
	    "UTF-8\n");
}
END_TEST

/* A bad number in a Windows-1252 file is quoted as the file's text, as
 * the names are; the file's encoding may be learnt from that very cell. */
START_TEST(bad_points_are_quoted_in_the_files_encoding)
{
	assert_cases(S("worker;points\nA;f\xe6m\nS\xf8ren;2\n"), CL_EDATA, 0,
	    "S\xc3\xb8ren cases=1 points=2 fte=1 team=(none)\n",
	    NOID "cases.csv:2: note: not valid UTF-8; reading the file as "
	    "Windows-1252 (say --encoding windows-1252 to skip this note)\n"
	    "cases.csv:2: error: points \"f\xc3\xa6m\" is not a number\n");
}
END_TEST

/* In a UTF-8 file, bytes that are no UTF-8 stay escapes. */
START_TEST(bad_points_keep_invalid_bytes_escaped)
{
	assert_cases(S("worker;points\nS\xc3\xb8ren;2\nA;f\xe6m\nB;5\xc2\xbd\n"),
	    CL_EDATA, 0,
	    "S\xc3\xb8ren cases=1 points=2 fte=1 team=(none)\n",
	    NOID "cases.csv:3: error: points \"f\\xe6m\" is not a number\n"
	    "cases.csv:4: error: points \"5\xc2\xbd\" has text after the number\n");
}
END_TEST

START_TEST(broken_structure_is_fatal)
{
	assert_cases(S("worker,points\nA,1\nB,\"2\nC,3\n"), CL_EDATA, 1,
	    "A cases=1 points=1 fte=1 team=(none)\n",
	    NOID "cases.csv:3: error: quoted field is never closed\n");
}
END_TEST

START_TEST(names_are_compared_in_nfc)
{
	assert_cases(S("worker,points\n\xc3\x85se,1\n A\xcc\x8ase ,2\n"
	    "A\xcc\x8ase,3\n"), CL_OK, 0,
	    "\xc3\x85se cases=3 points=6 fte=1 team=(none)\n",
	    NOID "cases.csv:3: warning: worker \"\xc3\x85se\" is spelled in two "
	    "Unicode forms (composed and decomposed letters); counted as one "
	    "worker\n");
}
END_TEST

START_TEST(each_file_has_its_own_header)
{
	int fatal;

	ck_assert_int_eq(read_chunked(CASES, "a.csv",
	    S("worker,points,case\nA,1,C1\n"), 0, &fatal), CL_OK);
	ck_assert_int_eq(read_chunked(CASES, "b.csv",
	    S("Sag;Point;Sagsbehandler\nC1;1;A\nC2;2,5;A\n"), 0, &fatal), CL_OK);
	assert_workers("A cases=2 points=3.5 fte=1 team=(none)\n");
	ck_assert_str_eq(diag_log_text(&log_), "b.csv:2: warning: case \"C1\" "
	    "of \"A\" repeats a.csv:2; counted once\n");
}
END_TEST

/* The same file named twice is two inputs: its repeats name the file. */
START_TEST(same_file_twice_names_the_file)
{
	int fatal;

	ck_assert_int_eq(read_chunked(CASES, "a.csv",
	    S("worker,points,case\nA,1,C1\n"), 0, &fatal), CL_OK);
	ck_assert_int_eq(read_chunked(CASES, "a.csv",
	    S("worker,points,case\nA,1,C1\n"), 0, &fatal), CL_OK);
	assert_workers("A cases=1 points=1 fte=1 team=(none)\n");
	ck_assert_str_eq(diag_log_text(&log_), "a.csv:2: warning: case \"C1\" "
	    "of \"A\" repeats a.csv:2; counted once\n");
}
END_TEST

/* A total row sums the rows as the export prints them, a repeated row
 * too (the case system's I alt has it, though the report counts it
 * once): that figure matches, the sum without the repeat does not. */
START_TEST(total_rows_count_repeated_rows_as_printed)
{
	assert_cases(S("case,worker,points\nC1,A,2\nC1,A,2\nI alt,,4\n"),
	    CL_OK, 0, "A cases=1 points=2 fte=1 team=(none)\n",
	    "cases.csv:3: warning: case \"C1\" of \"A\" repeats line 2; "
	    "counted once\n"
	    "cases.csv:4: note: total row \"I alt\" (4 points) left out; it "
	    "matches the rows above it\n");
	teardown();
	setup();
	assert_cases(S("case,worker,points\nC1,A,2\nC1,A,2\nI alt,,2\n"),
	    CL_OK, 0, "A cases=1 points=2 fte=1 team=(none)\n",
	    "cases.csv:3: warning: case \"C1\" of \"A\" repeats line 2; "
	    "counted once\n"
	    "cases.csv:4: warning: total row \"I alt\" says 2 points, but the "
	    "rows above it add up to 4; left out (is the export filtered or "
	    "cut?)\n");
}
END_TEST

/* Excel's Subtotal writes "<name> I alt" (Swedish "<name> Summa") under
 * each worker's rows and "Hovedtotal" ("Totalsumma") at the end: total
 * rows.  A name with a total word in it, on a row with a case id, is a
 * worker ("Sum Li"); without one it is a total row. */
START_TEST(excel_subtotal_rows)
{
	assert_cases(S("Sagsnr;Sagsbehandler;Point\nS-1;Mette Hansen;4\n"
	    "S-2;Mette Hansen;5,5\n;Mette Hansen I alt;9,5\nS-3;Bo Ek;2\n"
	    ";Bo Ek I alt;2\n;Hovedtotal;11,5\n"), CL_OK, 0,
	    "Bo Ek cases=1 points=2 fte=1 team=(none)\n"
	    "Mette Hansen cases=2 points=9.5 fte=1 team=(none)\n",
	    "cases.csv:4: note: total row \"Mette Hansen I alt\" (9.5 points) "
	    "left out; it matches the rows above it\n"
	    "cases.csv:6: note: total row \"Bo Ek I alt\" (2 points) left out; "
	    "it matches the rows since the total on line 4\n"
	    "cases.csv:7: note: total row \"Hovedtotal\" (11.5 points) left "
	    "out; it matches all rows above it (a grand total)\n");
	teardown();
	setup();
	assert_cases(S("Sagsnr;Sagsbehandler;Point\nS-1;Sum Li;2\n"
	    ";Sum Li;2\nS-2;Anna Total;1\n"), CL_OK, 0,
	    "Anna Total cases=1 points=1 fte=1 team=(none)\n"
	    "Sum Li cases=1 points=2 fte=1 team=(none)\n",
	    "cases.csv:3: note: total row \"Sum Li\" (2 points) left out; it "
	    "matches the rows above it\n");
}
END_TEST

/* A total written with spaces between groups of three digits ("1 000",
 * a no-break space, Swedish "1 209,5") is read as that number; spaces
 * that group nothing leave it without points to check. */
START_TEST(total_row_with_grouped_digits)
{
	assert_cases(S("case;worker;points\nC1;A;100\nC2;A;100\nC3;B;100\n"
	    "C4;B;100\nC5;B;100\nC6;C;100\nC7;C;100\nC8;C;100\nC9;D;100\n"
	    "C10;D;100,5\nSumma;;1\xc2\xa0" "000,5\nI alt;;1 000,5\n"
	    "Total;;1 00 0\n"), CL_OK, 0,
	    "A cases=2 points=200 fte=1 team=(none)\n"
	    "B cases=3 points=300 fte=1 team=(none)\n"
	    "C cases=3 points=300 fte=1 team=(none)\n"
	    "D cases=2 points=200.5 fte=1 team=(none)\n",
	    "cases.csv:12: note: total row \"Summa\" (1000.5 points) left out; "
	    "it matches the rows above it\n"
	    "cases.csv:13: note: total row \"I alt\" (1000.5 points) left out; "
	    "it matches all rows above it (a grand total)\n"
	    "cases.csv:14: warning: total row \"Total\" left out, not checked: "
	    "its points \"1 00 0\" are no number\n");
}
END_TEST

START_TEST(total_row_as_excel_shows_thousands)
{
	/* "1.000" is 1000 where only that matches, 1.000 where that does
	 * or neither does; a sum row without a label likewise */
	assert_cases(S("case;worker;points\nC1;A;500\nC2;B;500,5\n"
	    "I alt;;1.000\n;;1.000,5\nC3;A;1\nTotal;;1,000\n"
	    "C4;B;1\nSum;;1.001\n;;1.002,5\n"), CL_OK, 0,
	    "A cases=2 points=501 fte=1 team=(none)\n"
	    "B cases=2 points=501.5 fte=1 team=(none)\n",
	    "cases.csv:2: warning: \"A\" has 500 points in one case, more than "
	    "a full-time target for one case: a total, or a mistyped number? "
	    "(counted; the target is 120)\n"
	    "cases.csv:3: warning: \"B\" has 500.5 points in one case, more "
	    "than a full-time target for one case: a total, or a mistyped "
	    "number? (counted; the target is 120)\n"
	    "cases.csv:4: warning: total row \"I alt\" says 1 point, but the "
	    "rows above it add up to 1000.5; left out (is the export filtered "
	    "or cut?)\n"
	    "cases.csv:5: note: sum row without a label (1000.5 points) left "
	    "out; it matches all rows above it (a grand total)\n"
	    "cases.csv:7: note: total row \"Total\" (1 point) left out; it "
	    "matches the rows since the total on line 5\n"
	    "cases.csv:9: warning: total row \"Sum\" says 1.001 points, but the "
	    "rows since the total on line 7 add up to 1 and all rows above it "
	    "to 1002.5; left out (is the export filtered or cut?)\n"
	    "cases.csv:10: note: sum row without a label (1002.5 points) left "
	    "out; it matches all rows above it (a grand total)\n");
}
END_TEST

START_TEST(total_row_labelled_in_the_team_column)
{
	/* Excel's Subtotal at each change of team; a team name that is no
	 * total word leaves the row a sum row, or the error it was */
	assert_cases(S("case;worker;team;points\nC1;A;Syd;4\nC2;B;Syd;5\n"
	    ";;Syd I alt;9\nC3;C;Nord;2\n;;Nord I alt;3\n;;Hovedtotal;11\n"
	    ";;Nord;11\n;;Vest;1\n"), CL_EDATA, 0,
	    "A cases=1 points=4 fte=1 team=Syd\n"
	    "B cases=1 points=5 fte=1 team=Syd\n"
	    "C cases=1 points=2 fte=1 team=Nord\n",
	    "cases.csv:4: note: total row \"Syd I alt\" (9 points) left out; it "
	    "matches the rows above it\n"
	    "cases.csv:6: warning: total row \"Nord I alt\" says 3 points, but "
	    "the rows since the total on line 4 add up to 2 and all rows above "
	    "it to 11; left out (is the export filtered or cut?)\n"
	    "cases.csv:7: note: total row \"Hovedtotal\" (11 points) left out; "
	    "it matches all rows above it (a grand total)\n"
	    "cases.csv:8: note: sum row without a label (11 points) left out; "
	    "it matches all rows above it (a grand total)\n"
	    "cases.csv:9: error: worker is empty\n");
}
END_TEST

START_TEST(total_row_labelled_in_the_case_id_column_beside_a_worker)
{
	/* a case system's subtotal per worker: "I alt" alone in the case id
	 * column is no case of the worker beside it, matching or not; an id
	 * that holds more than the word is a case */
	assert_cases(S("Sagsnr;Sagsbehandler;Point\nS1;A;2,5\nS2;A;4\n"
	    "I alt;A;6,5\nS3;B;3\nTotal:;B;4\nSum 12;B;1\nI alt;;10,5\n"),
	    CL_OK, 0,
	    "A cases=2 points=6.5 fte=1 team=(none)\n"
	    "B cases=2 points=4 fte=1 team=(none)\n",
	    "cases.csv:4: note: total row \"I alt\" (6.5 points) left out; it "
	    "matches the rows above it\n"
	    "cases.csv:6: warning: total row \"Total:\" says 4 points, but the "
	    "rows since the total on line 4 add up to 3 and all rows above it "
	    "to 9.5; left out (is the export filtered or cut?)\n"
	    "cases.csv:8: note: total row \"I alt\" (10.5 points) left out; it "
	    "matches all rows above it (a grand total)\n");
}
END_TEST

START_TEST(subtotal_words_and_counts)
{
	/* Danish and Swedish subtotal words are total rows; a count or an
	 * average (Excel's Subtotal with Count or Average) is left out
	 * unchecked, whatever its figure */
	assert_cases(S("Sagsnr;Sagsbehandler;Point\nS1;A;10\nS2;B;5\n"
	    ";Delsumma;15\nS3;A;1\n;A Count;2\n;Antal;3\n;Slutsumma;16\n"),
	    CL_OK, 0,
	    "A cases=2 points=11 fte=1 team=(none)\n"
	    "B cases=1 points=5 fte=1 team=(none)\n",
	    "cases.csv:4: note: total row \"Delsumma\" (15 points) left out; "
	    "it matches the rows above it\n"
	    "cases.csv:6: note: total row \"A Count\" left out: a count or an "
	    "average, not points (not checked)\n"
	    "cases.csv:7: note: total row \"Antal\" left out: a count or an "
	    "average, not points (not checked)\n"
	    "cases.csv:8: note: total row \"Slutsumma\" (16 points) left out; "
	    "it matches all rows above it (a grand total)\n");
}
END_TEST

START_TEST(row_without_case_id_below_a_blank_line)
{
	/* above a blank line a row without a case id is a case and says
	 * nothing; below one (empty, or only delimiters) it is most likely
	 * a second table: counted, with one warning for the file */
	assert_cases(S("case_id;worker;points\nS1;A;10\n;A;1\nS2;B;5\n\n"
	    ";A;10\n;B;5\n"), CL_OK, 0,
	    "A cases=3 points=21 fte=1 team=(none)\n"
	    "B cases=2 points=10 fte=1 team=(none)\n",
	    "cases.csv:6: warning: a row without a case id below a blank line: "
	    "a second table, such as a summary? counted as a case (said for "
	    "the first such row of the file only)\n");
	teardown();
	setup();
	assert_cases(S("case_id;worker;points\nS1;A;10\n;;\nS2;B;5\n;B;5\n"),
	    CL_OK, 0,
	    "A cases=1 points=10 fte=1 team=(none)\n"
	    "B cases=2 points=10 fte=1 team=(none)\n",
	    "cases.csv:5: warning: a row without a case id below a blank line: "
	    "a second table, such as a summary? counted as a case (said for "
	    "the first such row of the file only)\n");
	teardown();
	setup();
	/* a blank line above the header is the title's */
	assert_cases(S("Sager\n\ncase_id;worker;points\nS1;A;10\n;A;1\n"),
	    CL_OK, 0, "A cases=2 points=11 fte=1 team=(none)\n",
	    "cases.csv:3: note: the header is on line 3; lines 1-2 (a title) "
	    "were skipped\n");
}
END_TEST

START_TEST(case_id_excel_shortened)
{
	/* "2,02612E+11" stands for many case numbers: rows with it are cases
	 * without an id, not repeats of one case, with one warning */
	assert_cases(S("Sagsnr;Sagsbehandler;Point\n2,02612E+11;A;10\n"
	    "2,02612E+11;A;8\n2,02612E+11;B;5\nS4;B;1\n"), CL_OK, 0,
	    "A cases=2 points=18 fte=1 team=(none)\n"
	    "B cases=2 points=6 fte=1 team=(none)\n",
	    "cases.csv:2: warning: case id \"2,02612E+11\" is a number Excel "
	    "shortened, its digits lost: such rows count as cases without an "
	    "id (said for the first such row of the file only; keep the "
	    "column as text in Excel)\n");
}
END_TEST

START_TEST(total_row_in_millions_or_no_number)
{
	/* 1.234.567 is grouped; a Windows-1252 no-break space groups too; a
	 * value that is no number is a warning, an empty one a note */
	assert_cases(S("case;worker;points\nC1;A;100\nC2;B;100\n"
	    "I alt;;1.000.200\nTotal;;2,000,200\nSumma;;1\xa0" "000\n"
	    "Sum;;ca. 200\nI alt;;\n"), CL_OK, 0,
	    "A cases=1 points=100 fte=1 team=(none)\n"
	    "B cases=1 points=100 fte=1 team=(none)\n",
	    "cases.csv:4: warning: total row \"I alt\" says 1000200 points, "
	    "but the rows above it add up to 200; left out (is the export "
	    "filtered or cut?)\n"
	    "cases.csv:5: warning: total row \"Total\" says 2000200 points, "
	    "but the rows since the total on line 4 add up to 0 and all rows "
	    "above it to 200; left out (is the export filtered or cut?)\n"
	    "cases.csv:6: warning: total row \"Summa\" says 1000 points, but "
	    "the rows since the total on line 5 add up to 0 and all rows above "
	    "it to 200; left out (is the export filtered or cut?)\n"
	    "cases.csv:7: warning: total row \"Sum\" left out, not checked: "
	    "its points \"ca. 200\" are no number\n"
	    "cases.csv:8: note: total row \"I alt\" left out (it has no points "
	    "to check)\n");
}
END_TEST

START_TEST(total_row_as_excel_shows_a_team_sum)
{
	assert_cases(S("case;worker;points\nC1;A;600\nC2;B;609\n"
	    "I alt;;1.209\n"), CL_OK, 0,
	    "A cases=1 points=600 fte=1 team=(none)\n"
	    "B cases=1 points=609 fte=1 team=(none)\n",
	    "cases.csv:2: warning: \"A\" has 600 points in one case, more than "
	    "a full-time target for one case: a total, or a mistyped number? "
	    "(counted; the target is 120)\n"
	    "cases.csv:3: warning: \"B\" has 609 points in one case, more than "
	    "a full-time target for one case: a total, or a mistyped number? "
	    "(counted; the target is 120)\n"
	    "cases.csv:4: note: total row \"I alt\" (1209 points) left out; it "
	    "matches the rows above it\n");
}
END_TEST

/* A total row that does not match, below rows that could not be counted,
 * says those rows explain the gap rather than asking whether the export is
 * filtered or cut; a total row between them and it ends their say. */
START_TEST(total_row_below_row_errors)
{
	assert_cases(S("case,worker,points\nC1,A,2\nC2,A,x\nI alt,,5\n"),
	    CL_EDATA, 0, "A cases=1 points=2 fte=1 team=(none)\n",
	    "cases.csv:3: error: points \"x\" is not a number\n"
	    "cases.csv:4: warning: total row \"I alt\" says 5 points, but the "
	    "rows above it add up to 2; left out (rows with errors above it "
	    "are not counted)\n");
	teardown();
	setup();
	assert_cases(S("case,worker,points\nC1,A,1\nSum,,1\nC2,,2\nC3,A,2\n"
	    "I alt,,6\n"), CL_EDATA, 0, "A cases=2 points=3 fte=1 team=(none)\n",
	    "cases.csv:3: note: total row \"Sum\" (1 point) left out; it "
	    "matches the rows above it\n"
	    "cases.csv:4: error: worker is empty\n"
	    "cases.csv:6: warning: total row \"I alt\" says 6 points, but the "
	    "rows since the total on line 3 add up to 2 and all rows above it "
	    "to 3; left out (rows with errors since that total are not "
	    "counted)\n");
	teardown();
	setup();
	assert_cases(S("case,worker,points\nC1,A,x\nC2,A,2\nSum,,2\nC3,A,3\n"
	    "I alt,,9\n"), CL_EDATA, 0, "A cases=2 points=5 fte=1 team=(none)\n",
	    "cases.csv:2: error: points \"x\" is not a number\n"
	    "cases.csv:4: note: total row \"Sum\" (2 points) left out; it "
	    "matches the rows above it\n"
	    "cases.csv:6: warning: total row \"I alt\" says 9 points, but the "
	    "rows since the total on line 4 add up to 3 and all rows above it "
	    "to 5; left out (is the export filtered or cut?)\n");
}
END_TEST

/* A total row that matches nothing gives one figure when the rows since
 * the last total are all rows above it (nothing counted before it), two
 * when they differ. */
START_TEST(total_row_warning_gives_a_figure_once)
{
	assert_cases(S("case,worker,points\nI alt,,\nC1,A,2\nI alt,,5\n"),
	    CL_OK, 0, "A cases=1 points=2 fte=1 team=(none)\n",
	    "cases.csv:2: note: total row \"I alt\" left out (it has no points "
	    "to check)\n"
	    "cases.csv:4: warning: total row \"I alt\" says 5 points, but the "
	    "rows above it add up to 2; left out (is the export filtered or "
	    "cut?)\n");
	teardown();
	setup();
	assert_cases(S("case,worker,points\nC1,A,1\nSum,,1\nC2,A,2\nI alt,,5\n"),
	    CL_OK, 0, "A cases=2 points=3 fte=1 team=(none)\n",
	    "cases.csv:3: note: total row \"Sum\" (1 point) left out; it "
	    "matches the rows above it\n"
	    "cases.csv:5: warning: total row \"I alt\" says 5 points, but the "
	    "rows since the total on line 3 add up to 2 and all rows above it "
	    "to 3; left out (is the export filtered or cut?)\n");
	teardown();
	setup();
	assert_roster(S("worker,fte\nTotal,\nA,1\nTotal,2\n"), CL_OK, 0,
	    "A cases=0 points=0 fte=1 team=(none)\n",
	    "roster.csv:2: note: total row \"Total\" left out of the roster (it "
	    "has no FTE to check)\n"
	    "roster.csv:4: warning: total row \"Total\" says 2 FTE, but the "
	    "roster's rows above it add up to 1; left out\n");
}
END_TEST

static const char mixed_input[] =
    "\xef\xbb\xbfSagsbehandler;Point;Sag;Team\r\n"
    "Anne;7,5;S1;North\r\n\r\n"
    "\"Bo\r\nBach\";2;S2;\r\n"
    "Anne;7,5;S1;South\r\n"
    "Cy;x;S3;\r\n"
    "Cy;1;S3\r\n"
    "Anne;0,5;;North";

START_TEST(any_split_reads_the_same)
{
	int fatal;
	char *reference, *split_workers;
	struct cl_buf reference_log = { 0 };
	uint64_t rng = 77;

	read_chunked(CASES, "cases.csv", S(mixed_input), 0, &fatal);
	reference = workers_text();
	cl_buf_append(&reference_log, diag_log_text(&log_),
	    strlen(diag_log_text(&log_)));
	for (int trial = 0; trial < 100; trial++) {
		teardown();
		setup();
		read_chunked(CASES, "cases.csv", S(mixed_input),
		    trial == 0 ? 1 : test_random_between(&rng, 1, 12), &fatal);
		split_workers = workers_text();
		ck_assert_str_eq(split_workers, reference);
		ck_assert_str_eq(diag_log_text(&log_), reference_log.data);
		free(split_workers);
	}
	free(reference);
	cl_buf_free(&reference_log);
}
END_TEST

START_TEST(roster_reads_fte_and_team)
{
	assert_roster(S("worker,fte,team\nAnne,0.5,North\nBo,,South\n"
	    "Cy,2,\nDi,\" 1,5 \",\n"), CL_OK, 0,
	    "Anne cases=0 points=0 fte=0.5 team=North\n"
	    "Bo cases=0 points=0 fte=1 team=South\n"
	    "Cy cases=0 points=0 fte=2 team=(none)\n"
	    "Di cases=0 points=0 fte=1.5 team=(none)\n", "");
}
END_TEST

/* A roster's total rows are left out, never workers: checked against the
 * FTE above them (since the last total, or all), said as a note or, when
 * they match neither, a warning. */
START_TEST(roster_total_rows_are_left_out)
{
	assert_roster(S("worker,fte,team\nAnne,0.5,North\nBo,1,North\n"
	    "Subtotal North,1.5,\nCy,1,South\nI alt,3,\nSumma,,\n"), CL_OK, 0,
	    "Anne cases=0 points=0 fte=0.5 team=North\n"
	    "Bo cases=0 points=0 fte=1 team=North\n"
	    "Cy cases=0 points=0 fte=1 team=South\n",
	    "roster.csv:4: note: total row \"Subtotal North\" (1.5 FTE) left "
	    "out of the roster; it matches the rows above it\n"
	    "roster.csv:6: warning: total row \"I alt\" says 3 FTE, but the "
	    "roster's rows since the total on line 4 add up to 1 and all rows "
	    "above it to 2.5; left out\n"
	    "roster.csv:7: note: total row \"Summa\" left out of the roster "
	    "(it has no FTE to check)\n");
}
END_TEST

/* With hours a week instead of FTE, a roster's total rows are checked
 * against the hours of the rows above them. */
START_TEST(roster_total_rows_check_hours)
{
	assert_roster(S("Medarbejder;Timer;Team\nAnne;18,5;Nord\nBo;37;Nord\n"
	    "Subtotal Nord;55,5;\nCy;30;Syd\nI alt;80;\nSumma;;\n"), CL_OK, 0,
	    "Anne cases=0 points=0 fte=0.5 team=Nord\n"
	    "Bo cases=0 points=0 fte=1 team=Nord\n"
	    "Cy cases=0 points=0 fte=0.810811 team=Syd\n",
	    "roster.csv:4: note: total row \"Subtotal Nord\" (55.5 hours) left "
	    "out of the roster; it matches the rows above it\n"
	    "roster.csv:6: warning: total row \"I alt\" says 80 hours, but the "
	    "roster's rows since the total on line 4 add up to 30 and all rows "
	    "above it to 85.5; left out\n"
	    "roster.csv:7: note: total row \"Summa\" left out of the roster "
	    "(it has no hours to check)\n");
	teardown();
	setup();
	assert_roster(S("Medarbejder;Timer\nAnne;18,5\nBo;37\nI alt;55,5\n"),
	    CL_OK, 0, "Anne cases=0 points=0 fte=0.5 team=(none)\n"
	    "Bo cases=0 points=0 fte=1 team=(none)\n",
	    "roster.csv:4: note: total row \"I alt\" (55.5 hours) left out of "
	    "the roster; it matches the rows above it\n");
}
END_TEST

START_TEST(roster_without_fte_column)
{
	assert_roster(S("Sagsbehandler;Enhed;Points\nA;X;5\n"), CL_OK, 0,
	    "A cases=0 points=0 fte=1 team=X\n", NOFTE);
}
END_TEST

START_TEST(roster_danish_fte_column)
{
	assert_roster(S("Sagsbehandler;\xc3\x85rsv\xc3\xa6rk\nA;0,75\n"), CL_OK, 0,
	    "A cases=0 points=0 fte=0.75 team=(none)\n", "");
}
END_TEST

START_TEST(roster_fte_errors_are_fatal)
{
	assert_roster(S("worker,fte\nA,0\nB,2.5\nC,abc\nD,-1\nE,2\n"), CL_EDATA,
	    1, "E cases=0 points=0 fte=2 team=(none)\n",
	    "roster.csv:2: error: fte \"0\" must be above 0 and at most 2\n"
	    "roster.csv:3: error: fte \"2.5\" must be above 0 and at most 2\n"
	    "roster.csv:4: error: fte \"abc\" is not a number\n"
	    "roster.csv:5: error: fte \"-1\" is negative\n");
}
END_TEST

START_TEST(roster_worker_listed_twice_is_fatal)
{
	assert_roster(S("worker\nA\nB\n\nA\n"), CL_EDATA, 1,
	    "A cases=0 points=0 fte=1 team=(none)\n"
	    "B cases=0 points=0 fte=1 team=(none)\n",
	    NOFTE "roster.csv:5: error: worker \"A\" is listed twice\n");
}
END_TEST

START_TEST(roster_row_errors_are_fatal)
{
	assert_roster(S("worker,fte\nA,1,x\n ,1\n"), CL_EDATA, 1, "",
	    "roster.csv:2: error: row has 3 fields, the header has 2\n"
	    "roster.csv:3: error: worker is empty\n");
}
END_TEST

START_TEST(roster_needs_a_worker_column)
{
	assert_roster(S("name,fte\nA,1\n"), CL_EDATA, 1, "",
	    "roster.csv:1: error: no worker column; the header has \"name\", "
	    "\"fte\" " ROSTER_WORKER_ALIASES "; looked for the header in lines "
	    "1-2; if the worker column has another header, rename it worker\n");
}
END_TEST

START_TEST(roster_then_cases)
{
	int fatal;

	ck_assert_int_eq(read_roster(S("worker,fte\nAnne,0.5\nIdle,1\n"),
	    &fatal), CL_OK);
	ck_assert_int_eq(read_cases(S("worker,points\nAnne,30\nZoe,1\n"),
	    &fatal), CL_OK);
	assert_workers("Anne cases=1 points=30 fte=0.5 team=(none)\n"
	    "Idle cases=0 points=0 fte=1 team=(none)\n"
	    "Zoe cases=1 points=1 fte=1 team=(none)\n");
	ck_assert_str_eq(diag_log_text(&log_), NOID "cases.csv:3: warning: "
	    "worker \"Zoe\" is not on the roster; counted with the targets of 1 FTE\n");
	ck_assert(cl_engine_report(engine, CL_SORT_NAME)->workers[0].load_pct
	    == CL_DEC(50));
	cl_source_free(NULL);
}
END_TEST

START_TEST(empty_roster_still_warns_about_workers_not_on_it)
{
	int fatal;

	ck_assert_int_eq(read_roster(S("worker,fte\n"), &fatal), CL_OK);
	ck_assert_int_eq(read_cases(S("worker,points\nZoe,1\n"), &fatal),
	    CL_OK);
	assert_workers("Zoe cases=1 points=1 fte=1 team=(none)\n");
	ck_assert_str_eq(diag_log_text(&log_), NOID "cases.csv:2: warning: "
	    "worker \"Zoe\" is not on the roster; counted with the targets of 1 FTE\n");
}
END_TEST

Suite *
read_source_suite(void)
{
	Suite *s = suite_create("read_source");
	TCase *header = tcase_create("header");
	TCase *rows = tcase_create("rows");
	TCase *roster = tcase_create("roster");
	TCase *all[] = { header, rows, roster };

	for (size_t i = 0; i < sizeof all / sizeof *all; i++) {
		tcase_add_checked_fixture(all[i], setup, teardown);
		suite_add_tcase(s, all[i]);
	}
	tcase_add_test(header, danish_headers);
	tcase_add_test(header, roster_name_column);
	tcase_add_test(header, roster_fte_hours_and_reduction_headers);
	tcase_add_test(header, journalnr_is_a_case_id);
	tcase_add_test(header, more_names_than_the_nfc_cache_holds);
	tcase_add_test(header, swedish_headers);
	tcase_add_test(header, headers_ignore_case_spaces_and_bom);
	tcase_add_test(header, windows_1252_headers_and_names);
	tcase_add_test(header, extra_columns_any_order);
	tcase_add_test(header, documented_aliases);
	tcase_add_test(header, every_alias_is_recognised);
	tcase_add_test(header, missing_required_column_lists_the_headers);
	tcase_add_test(header,
	    missing_column_below_a_title_is_said_of_the_header);
	tcase_add_test(header, missing_points_column);
	tcase_add_test(header, missing_points_column_names_the_category_aliases);
	tcase_add_test(header, two_columns_for_one_role_is_fatal);
	tcase_add_test(header, source_says_which_columns_it_has);
	tcase_add_test(header, empty_file_has_no_header);
	tcase_add_test(header, header_only_is_an_empty_report);
	tcase_add_test(header, each_file_has_its_own_header);
	tcase_add_test(header, same_file_twice_names_the_file);
	tcase_add_test(rows, total_rows_count_repeated_rows_as_printed);
	tcase_add_test(rows, total_row_warning_gives_a_figure_once);
	tcase_add_test(rows, wrong_field_count_is_a_row_error);
	tcase_add_test(rows, empty_worker_is_a_row_error);
	tcase_add_test(rows, bad_points_are_row_errors);
	tcase_add_test(rows, blank_rows_are_skipped);
	tcase_add_test(rows, footer_lines_are_left_out);
	tcase_add_test(rows, repeated_header_is_skipped);
	tcase_add_test(rows, worker_column_title);
	tcase_add_test(rows, total_row_below_row_errors);
	tcase_add_test(rows, excel_subtotal_rows);
	tcase_add_test(rows, total_row_with_grouped_digits);
	tcase_add_test(rows, total_row_as_excel_shows_thousands);
	tcase_add_test(rows, total_row_as_excel_shows_a_team_sum);
	tcase_add_test(rows, total_row_in_millions_or_no_number);
	tcase_add_test(rows, total_row_labelled_in_the_team_column);
	tcase_add_test(rows,
	    total_row_labelled_in_the_case_id_column_beside_a_worker);
	tcase_add_test(rows, subtotal_words_and_counts);
	tcase_add_test(rows, row_without_case_id_below_a_blank_line);
	tcase_add_test(rows, case_id_excel_shortened);
	tcase_add_test(rows, lines_count_breaks_inside_quotes);
	tcase_add_test(rows, invalid_text_is_a_row_error);
	tcase_add_test(rows, bad_points_are_quoted_in_the_files_encoding);
	tcase_add_test(rows, bad_points_keep_invalid_bytes_escaped);
	tcase_add_test(rows, broken_structure_is_fatal);
	tcase_add_test(rows, names_are_compared_in_nfc);
	tcase_add_test(rows, any_split_reads_the_same);
	tcase_add_test(roster, roster_reads_fte_and_team);
	tcase_add_test(roster, roster_total_rows_are_left_out);
	tcase_add_test(roster, roster_without_fte_column);
	tcase_add_test(roster, roster_danish_fte_column);
	tcase_add_test(roster, roster_fte_errors_are_fatal);
	tcase_add_test(roster, roster_worker_listed_twice_is_fatal);
	tcase_add_test(roster, roster_row_errors_are_fatal);
	tcase_add_test(roster, roster_needs_a_worker_column);
	tcase_add_test(roster, roster_total_rows_check_hours);
	tcase_add_test(roster, roster_then_cases);
	tcase_add_test(roster, empty_roster_still_warns_about_workers_not_on_it);
	return s;
}
