/*
 * decline.h - the one list of why the fast way (fast.h) gives a case list
 * back to the general way; not installed.
 *
 * A rule of kind SAYS is a message the general way gives (read_csv.c,
 * read_source.c, read_header.c, read_totals.c, engine.c) that the fast
 * way cannot give: where the fast way meets such a row it declines with
 * that rule, and the general way reads the list again and says it.  A
 * rule of kind LIMIT is something the fast way does not do although the
 * general way says nothing (follow-ups, a second pass too large, a read
 * error).  Every place in the code that declines names its rule, as in
 * `return decline(t, CL_DECLINE_BAD_POINTS)`; src/fast.h says how to add
 * one, and tests/differential.h holds a smallest case list for each rule
 * of kind SAYS, which the unit test and fuzz_fast run.
 *
 * X(id, kind, what the general way says, or why the fast way cannot)
 */
#ifndef CL_DECLINE_H
#define CL_DECLINE_H

#define CL_DECLINE_RULES(X) \
	X(NO_FINAL_LINE_BREAK, SAYS, \
	    "the file ends without a line break (note)") \
	X(HEADER_NOT_FIRST, LIMIT, \
	    "the header is not found in the first block read (1 MiB): a " \
	    "title longer than that above it") \
	X(HEADER_SAYS, SAYS, \
	    "an error that ends the reading of the header") \
	X(FIELD_COUNT, SAYS, "row has N fields, the header has M (an error, " \
	    "or a note when cells at its end are missing or empty)") \
	X(RECORD_TOO_LONG, SAYS, "a record longer than the reader's limit") \
	X(TOO_MANY_FIELDS, SAYS, "more fields than the reader's limit") \
	X(BAD_QUOTES, SAYS, \
	    "text after a closing quote, a quote inside an unquoted field, " \
	    "or a quote never closed") \
	X(LONE_CR, LIMIT, \
	    "a lone CR ends a line: the general way reads it so, silently") \
	X(BAD_TEXT, SAYS, \
	    "not valid UTF-8 after text that was, or a NUL byte") \
	X(MIXED_TEXT, SAYS, \
	    "text that is UTF-8 in a file read as Windows-1252 (warning)") \
	X(FORMULA_TEXT, SAYS, \
	    "a cell written =\"...\" read as the text in its quotes (note)") \
	X(EMPTY_WORKER, SAYS, "worker is empty") \
	X(SHORTENED_ID, SAYS, \
	    "a case id Excel shortened, 2,02612E+11 (warning)") \
	X(NO_ID_BELOW_BLANK, SAYS, \
	    "a row without a case id below a blank line (warning)") \
	X(FOOTER_ABOVE_ROW, LIMIT, \
	    "a line like a footer with a row below it: the general way reads " \
	    "it as the row it is, which most likely says worker is empty") \
	X(REPEATED_HEADER, SAYS, \
	    "repeats the header; skipped (note), or a worker named as the " \
	    "worker column is") \
	X(BAD_POINTS, SAYS, "points \"x\" is not a number") \
	X(UNKNOWN_CATEGORY, SAYS, "category is not in the configuration") \
	X(BIG_CASE, SAYS, \
	    "a case worth more than a full-time target (warning)") \
	X(TWO_FORMS, SAYS, "worker spelled in two Unicode forms (warning)") \
	X(TEAM_CHANGES, SAYS, \
	    "worker in team X here but Y on an earlier row (warning)") \
	X(CASE_REPEATS, SAYS, "case repeats line N (warning)") \
	X(LETTER_CASE, SAYS, "workers differ only in letter case (warning)") \
	X(NOT_ON_ROSTER, SAYS, "worker is not on the roster (warning)") \
	X(ROSTER_INITIALS, LIMIT, \
	    "worker named by a roster's initials: the general way counts the " \
	    "rows as that worker's, silently") \
	X(ROSTER_TEAM, SAYS, \
	    "worker in another team than the roster's (warning)") \
	X(OVERFLOW, SAYS, "the sum of points overflows") \
	X(FOLLOWUPS, LIMIT, "follow-up columns: the fast way counts points only") \
	X(FIRST_LINE, LIMIT, \
	    "the first read is not one plain header line (quotes, UTF-16 " \
	    "that is not decoded first, rows after it, or rows with " \
	    "errors)") \
	X(ROWS_BEFORE, LIMIT, "the engine has counted rows already") \
	X(NO_ROWS, LIMIT, "no rows after the header but blank ones") \
	X(SHARED_IDS, LIMIT, \
	    "too many case ids occur more than once for a second pass") \
	X(READ, LIMIT, "a read error, or the file changed while it was read") \
	X(DIFF_ROWS, LIMIT, \
	    "caseload diff: a row past 256 GiB into the file, or more than " \
	    "16777215 workers, which its row records cannot hold") \
	X(STOPPED, LIMIT, "another task of the same count declined first")

enum cl_decline {
	CL_DECLINE_NONE,        /* counted: no rule */
#define CL_DECLINE_ID(id, kind, says) CL_DECLINE_##id,
	CL_DECLINE_RULES(CL_DECLINE_ID)
#undef CL_DECLINE_ID
	CL_DECLINE_END
};

enum cl_decline_kind { CL_DECLINE_SAYS, CL_DECLINE_LIMIT };

struct cl_decline_rule {
	const char *name;       /* the id without CL_DECLINE_, as "BAD_POINTS" */
	enum cl_decline_kind kind;
	const char *says;
};

/* The row of rule `id` (CL_DECLINE_NONE up to CL_DECLINE_END, exclusive;
 * NONE is named "NONE"). */
const struct cl_decline_rule *cl_decline_rule(enum cl_decline id);

#endif
