/*
 * caseload.h - the one public header of the caseload library.
 *
 * The library turns exported case lists into a per-caseworker load report:
 *
 *   bytes --cl_reader--> records --cl_source--> cases --cl_engine--> cl_report
 *   cl_report (or a plan, a ranking) --cl_result_*--> cl_result
 *   cl_result --cl_format.render--> table, CSV, TSV, JSON, HTML or xlsx
 *
 * The library never prints to the terminal and never exits.  Problems in the
 * input are handed, one at a time, to a diagnostic callback (struct cl_diag)
 * that the caller owns; functions return a cl_status.  Allocation failure
 * aborts the process in one place (cl_xmalloc), so no function returns
 * "out of memory".
 *
 * Ownership: whoever calls a _new function calls the matching _free, and
 * _free(NULL) does nothing.  Strings passed in are borrowed; anything the
 * library keeps, it copies.
 */
#ifndef CASELOAD_H
#define CASELOAD_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define CL_VERSION "1.0.0"

/*
 * Status codes.  They are the process exit codes of the command-line tool
 * (BSD sysexits), so a status can travel from the library to exit()
 * unchanged.  When several apply, the numerically highest one wins.
 */
enum cl_status {
	CL_OK = 0,
	CL_FLAGGED = 1,     /* --fail-on matched a worker */
	CL_EUSAGE = 64,     /* bad command line */
	CL_EDATA = 65,      /* input data is wrong */
	CL_ENOINPUT = 66,   /* an input file cannot be opened or read */
	CL_EIO = 74,        /* an output cannot be written */
	CL_ECONFIG = 78     /* the configuration file is wrong */
};

/* ---------------------------------------------------------------------- */
/* Exact decimals                                                           */

/*
 * A decimal number in millionths: 7.5 is 7500000.  Points, FTE and targets
 * are all cl_dec, so sums are exact (ten times 0.1 is exactly 1).
 */
typedef int64_t cl_dec;
#define CL_DEC_SCALE 1000000
#define CL_DEC_DIGITS 6
#define CL_DEC(units) ((cl_dec)(units) * CL_DEC_SCALE)

/* Longest text cl_dec_format writes, with its terminating NUL. */
#define CL_DEC_BUFSIZE 32

/*
 * Parses a non-negative decimal: digits, optionally one '.' or ',' and one
 * to six more digits ("7", "7.5", "7,5").  With both '.' and ',' the last
 * one is the decimal separator and the others must group the whole part
 * in threes ("1.234,5" and "1,234.5" are 1234.5).  Surrounding ASCII spaces and tabs
 * are ignored.  On success stores the value in *out and returns NULL; on
 * failure returns a static English phrase saying what is wrong ("is empty",
 * "is negative", "has more than 6 decimals", ...) and leaves *out alone.
 */
const char *cl_dec_parse(const char *s, size_t len, cl_dec *out);

/*
 * Writes v into buf (CL_DEC_BUFSIZE bytes) with at most `decimals` decimals
 * (0..6, rounded half away from zero), trailing zeros dropped, and `sep` as
 * the decimal separator.  Returns buf.
 */
char *cl_dec_format(cl_dec v, int decimals, char sep, char *buf);

/* a + b into *sum; returns 0, or -1 (and leaves *sum alone) on overflow. */
int cl_dec_add(cl_dec a, cl_dec b, cl_dec *sum);

/* a * b, rounded half away from zero to millionths; -1 on overflow. */
int cl_dec_mul(cl_dec a, cl_dec b, cl_dec *product);

/*
 * a / b rounded half away from zero to hundredths, as a cl_dec; with
 * `percent` it is 100 * a / b (98.75 for a percentage).  b must be
 * positive; results past the range of cl_dec are clamped.
 */
cl_dec cl_dec_ratio(cl_dec a, cl_dec b, int percent);

/* ---------------------------------------------------------------------- */
/* Dates                                                                    */

/*
 * A day of the proleptic Gregorian calendar, as days since 1970-01-01
 * (negative before it).  Dates are plain days: no time, no time zone.
 */
typedef int32_t cl_date;

/* Longest text cl_date_format writes, with its terminating NUL. */
#define CL_DATE_BUFSIZE 16

/* The day y-m-d into *out; -1 (and *out left alone) when there is no
 * such day or the year is outside 1..9999. */
int cl_date_from_ymd(int y, int m, int d, cl_date *out);

/* The year, month (1..12) and day of month of d. */
void cl_date_to_ymd(cl_date date, int *y, int *m, int *d);

/*
 * Parses a date in one of the forms case systems and Danish or Swedish
 * Excel write: YYYY-MM-DD, or day first DD-MM-YYYY, DD.MM.YYYY or
 * DD/MM/YYYY (one or two digits for day and month).  Surrounding spaces
 * and tabs are ignored.  With `iso_only`, only YYYY-MM-DD is taken.  On
 * success stores the day in *out and returns NULL; else returns a static
 * English phrase ("is not a date ...", "is not a day of the calendar")
 * and leaves *out alone.
 */
const char *cl_date_parse(const char *s, size_t len, int iso_only,
    cl_date *out);

/* Whether s is exactly a date YYYY-MM-DD that cl_date_parse takes. */
int cl_date_valid(const char *s);

/* Writes d as YYYY-MM-DD into buf (CL_DATE_BUFSIZE bytes); returns buf. */
char *cl_date_format(cl_date d, char *buf);

/*
 * d plus n calendar months: the same day of the month, or the last day
 * of the month when it is shorter (31 January + 1 month is the last day
 * of February).  To step k times by n months from a start, call it once
 * with k * n from the start, not k times.
 */
cl_date cl_date_add_months(cl_date d, long n);

/* ---------------------------------------------------------------------- */
/* Diagnostics                                                              */

enum cl_severity { CL_NOTE, CL_WARNING, CL_ERROR };

/*
 * One message about the input.  `line` is the physical line (1-based,
 * counting line breaks inside quoted fields) where the record starts, or 0
 * when the message is about the whole file.  `file` is NULL for messages
 * about no file in particular.  Both strings are borrowed for the call.
 */
struct cl_diag {
	const char *file;
	long line;
	enum cl_severity severity;
	const char *message;
};

typedef void (*cl_diag_fn)(void *ctx, const struct cl_diag *diag);

/* ---------------------------------------------------------------------- */
/* Reader: bytes -> records                                                 */

enum cl_encoding {
	CL_ENC_AUTO,         /* BOM, else UTF-8, else Windows-1252 */
	CL_ENC_UTF8,
	CL_ENC_WINDOWS_1252,
	CL_ENC_UTF16LE,
	CL_ENC_UTF16BE
};

/* Parses an --encoding name ("utf-8", "cp1252", ...); -1 if unknown. */
int cl_encoding_parse(const char *name);

/* Default limits; both can be raised through struct cl_reader_options. */
#define CL_MAX_RECORD_BYTES ((size_t)1 << 20)
#define CL_MAX_FIELDS ((size_t)16384)

struct cl_reader_options {
	int delimiter;              /* 0: sniff from the header record */
	enum cl_encoding encoding;
	size_t max_record_bytes;    /* 0: CL_MAX_RECORD_BYTES */
	size_t max_fields;          /* 0: CL_MAX_FIELDS */
	int encoding_given;         /* the user chose the encoding: Windows-1252
	                               is read as that even in a cell that is
	                               valid UTF-8 (else that cell is read as
	                               UTF-8, with a warning) */
};

/* A field: bytes in the file's encoding, not NUL-terminated, may hold NUL. */
struct cl_field {
	const char *ptr;
	size_t len;
};

struct cl_reader;

/*
 * Receives one record: its fields and the physical line it starts on.
 * Blank lines are skipped and never reach it.  The fields are valid only
 * during the call.  Returns 0 to go on, anything else to stop reading.
 */
typedef int (*cl_record_fn)(void *ctx, struct cl_reader *reader, long line,
    const struct cl_field *fields, size_t nfields);

/*
 * A reader for one input stream called `name` (used in diagnostics; copied).
 * Handles the byte-order mark, UTF-16, line ends (CRLF, LF, CR) and RFC 4180
 * quoting, and sniffs the delimiter (',', ';', TAB or '|') from the first
 * record unless options->delimiter is set.
 */
struct cl_reader *cl_reader_new(const char *name,
    const struct cl_reader_options *options,
    cl_record_fn on_record, cl_diag_fn on_diag, void *ctx);
void cl_reader_free(struct cl_reader *reader);

/*
 * Feeds the next `len` bytes; any split of the input into calls gives the
 * same records.  Returns CL_OK, or CL_EDATA after reporting a structural
 * error (unterminated quote, text after a closing quote, a record over the
 * limits, an input that is not text) through on_diag; after an error, or
 * after on_record asked to stop, further calls do nothing and return the
 * same status.
 */
int cl_reader_feed(struct cl_reader *reader, const void *bytes, size_t len);

/* Ends the input: delivers a last record without a line break. */
int cl_reader_finish(struct cl_reader *reader);

/* The delimiter in use (0 until the first record is seen). */
int cl_reader_delimiter(const struct cl_reader *reader);

/* The file name given to cl_reader_new. */
const char *cl_reader_name(const struct cl_reader *reader);

/*
 * A field as UTF-8 text, with surrounding spaces and tabs trimmed.  The
 * first field with non-ASCII bytes decides the file's encoding when it is
 * CL_ENC_AUTO: valid UTF-8 means UTF-8, anything else Windows-1252 (with a
 * note through on_diag).  Returns NULL, with *why set to a phrase, when the
 * text is invalid (bad UTF-8 in a UTF-8 file, a NUL byte).  The text is
 * NUL-terminated and valid until the record callback returns.
 */
const char *cl_reader_text(struct cl_reader *reader, struct cl_field field,
    size_t *len, const char **why);

/* ---------------------------------------------------------------------- */
/* Targets, engine and report                                               */

struct cl_targets {
	cl_dec points;      /* per full-time worker, default 120 */
	cl_dec cases;       /* per full-time worker, default 25 */
	cl_dec under_pct;   /* under when points < under_pct % of target; 80 */
	cl_dec followups;   /* follow-ups per month, per full-time worker;
	                       0 (the default): no target */
	cl_dec full_time_hours;  /* a roster's hours per week for 1 FTE; 37 */
};

/* Fills *t with the defaults 120 points, 25 cases, under 80 %, no
 * follow-up target and a full-time week of 37 hours. */
void cl_targets_default(struct cl_targets *t);

/* ---------------------------------------------------------------------- */
/* Configuration                                                            */

/* A name with a number: a case category's points, a reduction's percent. */
struct cl_named {
	char *name;
	cl_dec value;
};

/* Bits of cl_team_config.set: which targets a team entry overrides. */
#define CL_SET_POINTS 1u
#define CL_SET_CASES 2u
#define CL_SET_UNDER 4u
#define CL_SET_HOURS 8u
#define CL_SET_FOLLOWUPS 16u

struct cl_team_config {
	char *name;
	struct cl_targets targets;  /* only the members named in `set` */
	unsigned set;
};

/*
 * A follow-up schedule's phase: a one-off follow-up due `n` days after the
 * placement (CL_PHASE_ONCE), or one every `n` days, weeks or months.  A
 * periodic phase runs until `until_months` months after the placement
 * (0: for good; only the last periodic phase has 0).
 */
enum cl_phase_kind { CL_PHASE_ONCE, CL_PHASE_DAYS, CL_PHASE_WEEKS,
	CL_PHASE_MONTHS };

struct cl_phase {
	enum cl_phase_kind kind;
	long n;                     /* 1..CL_PHASE_MAX */
	long until_months;          /* 0, or 1..CL_PHASE_MAX */
};

/* The largest number a phase takes (days, weeks, months). */
#define CL_PHASE_MAX 9999

/*
 * A follow-up schedule: the placements called `name` or one of `aliases`
 * (compared as category names) are followed up by its phases.  Among the
 * phases at least one is periodic; the periodic ones come in the order
 * they take over, their until_months increasing, the last without one.
 */
struct cl_schedule {
	char *name;
	char **aliases;
	size_t naliases;
	struct cl_phase *phases;
	size_t nphases;
};
/* A column named by the user (--column ROLE=HEADER, "columns"). */
struct cl_column_name {
	char *role;                 /* one of cl_column_roles */
	char *header;
};

/* "worker", "case_id", "points", "category", "team", NULL. */
extern const char *const cl_column_roles[];

struct cl_config {
	char *file;                 /* where it was read from, or NULL */
	struct cl_targets targets;  /* the global targets */
	struct cl_named *categories;
	size_t ncategories;
	struct cl_team_config *teams;
	size_t nteams;
	struct cl_named *reductions;
	size_t nreductions;
	struct cl_schedule *schedules;  /* Borås's unless the file has some */
	size_t nschedules;
	struct cl_column_name *columns;  /* case lists' columns named by the
	                                   user */
	size_t ncolumns;
};

/*
 * Names the case lists' column for `role` (one of cl_column_roles):
 * the column whose header is `header`, ignoring case, spaces and a
 * trailing '.', ':' or remark in parentheses, as aliases are compared.
 * It replaces an earlier mapping of the role.  Returns 0, or -1 when
 * role is not a known role.
 */
int cl_config_set_column(struct cl_config *config, const char *role,
    const char *header);

/* A configuration holding the defaults and nothing else: the default
 * targets and Borås's follow-up schedules for foster families and
 * institutions. */
struct cl_config *cl_config_new(void);
void cl_config_free(struct cl_config *config);

/*
 * Reads a JSON configuration (`len` bytes of `text`) from the file `name`
 * into *config, over what it holds.  Every key is optional.  Returns CL_OK,
 * or CL_ECONFIG after reporting through on_diag where the file is wrong:
 * broken JSON (with its line and what was expected), a wrong value (with
 * its path, e.g. targets.points), or an unknown key (with the nearest
 * known one).  Nothing is changed when it fails.
 */
int cl_config_read(struct cl_config *config, const char *name,
    const char *text, size_t len, cl_diag_fn on_diag, void *ctx);

/* Writes the configuration as JSON, teams with their effective targets. */
int cl_config_print(const struct cl_config *config, FILE *out);

/*
 * The targets for a worker of `team` (NULL for none): the global ones,
 * overridden by the team's own entry.  Team names compare ignoring case.
 */
struct cl_targets cl_config_team_targets(const struct cl_config *config,
    const char *team);

/* The entry in `list` called `name` (ignoring case and surrounding
 * spaces), or NULL. */
const struct cl_named *cl_named_find(const struct cl_named *list, size_t n,
    const char *name);

/* Of `names`, the one nearest to `word` by edit distance, if near enough
 * to be a likely typo; else NULL. */
const char *cl_nearest(const char *word, const char *const *names, size_t n);

/* ---------------------------------------------------------------------- */
/* Follow-up schedules                                                      */

/*
 * The schedule of `config` whose name or one of whose aliases is
 * `placement` (ignoring case and surrounding spaces), or NULL.
 */
const struct cl_schedule *cl_schedule_find(const struct cl_config *config,
    const char *placement);

/*
 * The phase of schedule s in force on day d for a placement on `placed`:
 * a one-off phase from `placed` up to and including its due date (of
 * several, the one due first), else the periodic phase whose span holds
 * d.  NULL when d is before `placed`.
 */
const struct cl_phase *cl_schedule_phase_on(const struct cl_schedule *s,
    cl_date placed, cl_date d);

/* The earliest due date of all of s's phases for a placement on
 * `placed`. */
cl_date cl_schedule_first_due(const struct cl_schedule *s, cl_date placed);

/* A phase's rate, follow-ups per month, as the fraction num / den:
 * 1/N for every N months, 365.25/12/(7N) for every N weeks, 365.25/12/N
 * for every N days, 1 for a one-off phase. */
void cl_phase_rate(const struct cl_phase *p, int64_t *num, int64_t *den);

/* One case's follow-up duty on a day. */
struct cl_followup {
	const struct cl_schedule *schedule;
	cl_date placed;
	cl_date last;               /* the latest follow-up, if has_last */
	int has_last;
	cl_date next_due;
	int overdue;                /* next_due is before the day */
	long days_overdue;          /* the day minus next_due, or 0 */
	int due;                    /* next_due is in [day, day + window) */
	int64_t rate_num, rate_den; /* the rate of the phase in force */
};

/*
 * Fills *out for a case of schedule s placed on `placed`, last followed
 * up on *last (NULL: not yet), on day `as_of`, with due meaning within
 * `window` days.  The caller has checked placed <= as_of and, with a
 * last follow-up, placed <= *last <= as_of.  See cl_schedule_phase_on
 * and the man page's FOLLOW-UPS for the rules.
 */
void cl_schedule_eval(const struct cl_schedule *s, cl_date placed,
    const cl_date *last, cl_date as_of, long window, struct cl_followup *out);

enum cl_load_status { CL_UNDER, CL_OK_LOAD, CL_OVER };

/* "under", "ok" or "over". */
const char *cl_load_status_name(enum cl_load_status s);

struct cl_worker {
	const char *name;
	const char *team;       /* NULL when unknown */
	cl_dec fte;
	cl_dec reduction;       /* percent taken off the targets, 0..100 */
	const char *reason;     /* why, from the roster; NULL if not given */
	long cases;             /* distinct case ids + rows without an id */
	cl_dec points;
	cl_dec points_target;
	cl_dec cases_target;
	cl_dec load_pct;        /* rounded to hundredths; 0 if no target */
	int has_load;           /* 0 when points_target is 0 */
	enum cl_load_status status;
	int on_roster;
	cl_dec followups_per_month; /* the sum of its cases' follow-up rates,
	                               to hundredths (see cl_report) */
};

/* A team's rollup; workers without a team form the team NULL. */
struct cl_team {
	const char *name;
	size_t workers;
	cl_dec fte;
	long cases;             /* distinct cases among the team's workers */
	cl_dec points;
	cl_dec points_target;   /* the sum of the workers' targets */
	cl_dec load_pct;
	int has_load;
	size_t over, under, ok;
	cl_dec fte_needed;      /* points / the team's per-FTE points target */
};

struct cl_summary {
	size_t workers;
	long cases;             /* distinct case ids + rows without an id */
	cl_dec points;
	cl_dec fte;
	cl_dec fte_needed;      /* points / targets.points, to hundredths */
	size_t over, under, ok;
};

enum cl_sort { CL_SORT_STATUS, CL_SORT_LOAD, CL_SORT_NAME };

struct cl_report {
	struct cl_targets targets;
	struct cl_worker *workers;  /* in report order */
	size_t nworkers;
	struct cl_team *teams;      /* by name, the team NULL last */
	size_t nteams;
	struct cl_summary summary;
	int has_followups;          /* a case list had placed and placement
	                               columns: workers' followups_per_month
	                               is shown */
};

struct cl_engine;

/* An engine that sums cases against `targets` (copied). */
struct cl_engine *cl_engine_new(const struct cl_targets *targets,
    cl_diag_fn on_diag, void *ctx);
void cl_engine_free(struct cl_engine *engine);

/*
 * Makes the engine take its targets, team targets, categories and
 * reductions from `config` (borrowed: it must outlive the engine).
 */
void cl_engine_use_config(struct cl_engine *engine,
    const struct cl_config *config);

/* Whether some counted row has case id `id`. */
int cl_engine_has_case(const struct cl_engine *engine, const char *id);

/* The configuration in use, or NULL. */
const struct cl_config *cl_engine_config(const struct cl_engine *engine);

/* A roster entry; team, reason and initials may be NULL, reduction is
 * 0..100. */
struct cl_roster_entry {
	const char *worker;
	cl_dec fte;
	const char *team;
	cl_dec reduction;
	const char *reason;
	const char *file;
	long line;
	const char *initials;
};

/*
 * Adds a roster entry (before any case).  A case row whose worker is the
 * entry's initials counts for the entry's worker.  Returns CL_OK, or
 * CL_EDATA after reporting a worker listed twice or initials that another
 * entry has.  A name equal to another worker's but for letter case is
 * warned about (they stay two workers).
 */
int cl_engine_add_roster(struct cl_engine *engine,
    const struct cl_roster_entry *entry);

/*
 * Says a roster is given, even an empty one: workers met only in case rows
 * are then warned about.  cl_source_roster calls it.
 */
void cl_engine_use_roster(struct cl_engine *engine);

/* cl_engine_add_roster for a worker without reduction; `team` may be NULL. */
int cl_engine_add_worker(struct cl_engine *engine, const char *worker,
    cl_dec fte, const char *team, const char *file, long line);

/*
 * One case row as the readers hand it over; case_id and team may be NULL.
 * Names are compared byte for byte, so readers pass them in Unicode NFC;
 * `respelled` says the file spelled the worker in another form.
 */
struct cl_case {
	const char *worker;
	const char *case_id;
	const char *team;
	cl_dec points;
	const char *file;
	long line;
	int respelled;
	const struct cl_followup *followup;  /* its follow-up duty, or NULL */
};

/*
 * Counts a case row.  A repeated (case_id, worker) pair is counted once and
 * warned about, and so is a worker whose name is spelled in two Unicode
 * forms, a worker named as another but for letter case (two workers), and
 * a case worth more points than the full-time points target of its
 * worker's team.  A worker who is a roster entry's initials is that
 * entry's worker.  Returns CL_OK, or CL_EDATA after reporting a row that could
 * not be counted (a sum that would overflow).
 */
int cl_engine_add_case(struct cl_engine *engine, const struct cl_case *c);

/*
 * The report so far, sorted by `sort`.  Owned by the engine, valid until the
 * next call that changes the engine or cl_engine_free.
 */
const struct cl_report *cl_engine_report(struct cl_engine *engine,
    enum cl_sort sort);

/*
 * A (case id, worker) pair the engine counted: the first row of that case
 * for that worker.  Strings are the engine's.
 */
struct cl_pair {
	const char *case_id;
	const char *worker;
	cl_dec points;
	long line;              /* where its row starts */
};

/*
 * The engine's (case id, worker) pairs in the order their rows were read
 * (file by file, line by line), into *pairs (malloc'd, freed by the
 * caller; NULL when there are none).  Rows without a case id are no
 * pair.  Returns how many.  It needs the case ids: on an engine read with
 * cl_source_read_fd_for_report it aborts, as cl_engine_has_case does.
 */
size_t cl_engine_pairs(const struct cl_engine *engine, struct cl_pair **pairs);

/* ---------------------------------------------------------------------- */
/* Follow-ups as load                                                       */

/*
 * Makes the engine's sources read the follow-up columns (placed,
 * placement, last_followup) of case lists that have placed and placement
 * columns, and count each case's follow-up duty as on day `as_of`, due
 * meaning within `window` days (1 or more).
 */
void cl_engine_use_followups(struct cl_engine *engine, cl_date as_of,
    long window);

/* Whether cl_engine_use_followups was called, and with what. */
int cl_engine_followups_day(const struct cl_engine *engine, cl_date *as_of,
    long *window);

/* A worker's follow-up load. */
struct cl_fu_worker {
	const char *worker;
	const char *team;           /* NULL when unknown */
	long cases;                 /* cases with a schedule */
	long overdue, due;
	cl_dec per_month;           /* the sum of the rates, to hundredths */
	cl_dec target;              /* followups_per_month x FTE, reduced */
	int has_target;             /* 0: no target configured */
	int over;                   /* rate above the target (exactly), or
	                               a case overdue */
};

/* A case that is due or overdue. */
struct cl_fu_case {
	const char *case_id;        /* NULL when the row had none */
	const char *worker;
	const char *placement;      /* the schedule's name */
	cl_date placed;
	cl_date last;               /* if has_last */
	int has_last;
	cl_date next_due;
	long days_overdue;          /* 0 when not overdue */
};

struct cl_followups {
	cl_date as_of;
	long window;
	struct cl_fu_worker *workers;   /* over first, then highest rate */
	size_t nworkers;
	struct cl_fu_case *cases;       /* due and overdue, by next due */
	size_t ncases;
	long cases_total;               /* summary: the workers' sums */
	long overdue, due;
	cl_dec per_month;
};

/*
 * The follow-up load of every worker the engine knows (with a case, or
 * on the roster) and the due and overdue cases.  Owned by the caller
 * (cl_followups_free); its strings are the engine's and the
 * configuration's, valid while they live.
 */
struct cl_followups *cl_engine_followups(struct cl_engine *engine);
void cl_followups_free(struct cl_followups *followups);


/* ---------------------------------------------------------------------- */
/* Plans: which cases to move, who should take a new case                   */

struct cl_plan_options {
	cl_dec fill_pct;            /* receivers stay at or below this % of
	                               their points target; 1..100 */
	int across_teams;           /* moves may cross teams */
	const char *const *keep;    /* case ids that must not move */
	size_t nkeep;
};

/* Fills *o with the defaults: fill 100 %, inside teams, nothing kept. */
void cl_plan_options_default(struct cl_plan_options *o);

struct cl_move {
	const char *case_id;
	cl_dec points;              /* the giver's share of the case */
	const char *from, *to;
	const char *team;           /* the giver's team, NULL if none */
};

/*
 * A worker before and after a change: a plan's moves, or taking a new
 * case.  unmovable is for plans, room_after and pushed_over for rankings.
 */
struct cl_change {
	const char *worker;
	const char *team;
	long cases_before, cases_after;
	cl_dec points_before, points_after;
	cl_dec points_target, cases_target;
	cl_dec load_before, load_after;
	int has_load;
	enum cl_load_status status_before, status_after;
	long unmovable;             /* rows without a case id, or kept */
	cl_dec room_after;          /* points target minus points after */
	int pushed_over;            /* over after taking the new case */
};

/* A team (NULL: the workers without one), or with all_teams every team
 * together, whose load does not fit even after the moves. */
struct cl_shortfall {
	const char *team;
	int all_teams;              /* --across-teams: every team together */
	cl_dec points_short;        /* its points minus its capacity, or 0 */
	cl_dec fte_short;           /* points_short in FTE of the team */
	const char **still_over;    /* workers still over after the moves */
	size_t nstill_over;
};

struct cl_plan {
	struct cl_move *moves;      /* in the order they were chosen */
	size_t nmoves;
	struct cl_change *workers;  /* the givers and takers, by name */
	size_t nworkers;
	struct cl_shortfall *shortfalls;
	size_t nshortfalls;
	int fits;                   /* nobody is over after the moves */
};

/*
 * Proposes moves of whole cases (a shared case: the giver's share) from
 * workers who are over to workers with room, so that nobody is over, no
 * receiver goes over or above fill_pct of its points target, and as few
 * cases as the heuristic finds move.  The plan is owned by the caller
 * (cl_plan_free); its strings are the engine's, valid while it lives.
 */
struct cl_plan *cl_engine_rebalance(struct cl_engine *engine,
    const struct cl_plan_options *options);
void cl_plan_free(struct cl_plan *plan);

struct cl_ranking {
	cl_dec points;              /* of the new case */
	struct cl_change *candidates;  /* best first, pushed over last */
	size_t ncandidates;
};

/*
 * Ranks the workers (of `team`, or all when NULL) for a new case of
 * `points`: by room left after taking it, those it would push over last.
 * The first is the suggestion.  Owned by the caller (cl_ranking_free).
 */
struct cl_ranking *cl_engine_assign(struct cl_engine *engine, cl_dec points,
    const char *team);
void cl_ranking_free(struct cl_ranking *ranking);

/* ---------------------------------------------------------------------- */
/* Sources: records -> engine                                               */

/*
 * Reads one case list into an engine.  Columns are found by header name
 * (see cl_column_aliases, and the engine configuration's columns); the
 * header may be below a title, in the first 20 lines.  Total rows ("I
 * alt", "Summa", a sum without a label) are checked against the rows
 * above them and left out with a note, or a warning when they do not
 * match.  Rows that cannot be counted are reported and skipped.  Returns the worst status: CL_OK, or CL_EDATA when any row was
 * not counted or the file's structure is broken (then `*fatal` is set, and
 * no report should be printed).
 */
struct cl_source;
struct cl_source *cl_source_cases(struct cl_engine *engine,
    const char *name, const struct cl_reader_options *options,
    cl_diag_fn on_diag, void *ctx);

/*
 * A case list for follow-ups: it needs placed and placement columns (not
 * points or category), and a row whose follow-up cannot be worked out is
 * an error, not a warning.  The engine must use follow-ups.
 */
struct cl_source *cl_source_followups(struct cl_engine *engine,
    const char *name, const struct cl_reader_options *options,
    cl_diag_fn on_diag, void *ctx);

/* The same for a roster (worker, fte or hours, team, reduction, reason,
 * initials); every error is fatal. */
struct cl_source *cl_source_roster(struct cl_engine *engine,
    const char *name, const struct cl_reader_options *options,
    cl_diag_fn on_diag, void *ctx);

int cl_source_feed(struct cl_source *src, const void *bytes, size_t len);

/*
 * Whether the file's header has a column `column` (a canonical name of
 * cl_column_aliases, e.g. "case_id"); 0 until the header is read.
 */
int cl_source_has_column(const struct cl_source *src, const char *column);

/*
 * Ends the input and returns the source's status: CL_OK, or CL_EDATA with
 * *fatal set to 1 when the file could not be read as a whole (structure,
 * header, roster) or 0 when only some rows were skipped.
 */
int cl_source_finish(struct cl_source *src, int *fatal);
void cl_source_free(struct cl_source *src);

/*
 * Reads fd to its end through the source and finishes it: cl_source_feed
 * and cl_source_finish in one call, with the same result and messages.
 * Returns as cl_source_finish, or CL_ENOINPUT with errno set when reading
 * fails (the caller says so).
 */
int cl_source_read_fd(struct cl_source *src, int fd, int *fatal);

/*
 * The same for the one case list of an engine that is used only for its
 * report (cl_engine_report): a regular file may then be counted with
 * every core (see src/fast.h), which keeps each worker's totals but not
 * the case ids; so may a pipe or socket, which is first read to its end
 * into memory (as large as the input), so that the general way can still
 * read its bytes from the start.  It makes the engine report-only, whether or not the file
 * was counted that way: from then on cl_engine_rebalance,
 * cl_engine_assign and cl_engine_has_case, which need the case ids, abort
 * the program (a programming error), and so does a case row added after
 * a file was counted that way.  The same result and messages as
 * cl_source_read_fd.
 */
int cl_source_read_fd_for_report(struct cl_source *src, int fd,
    int *fatal);

/*
 * Counts several case lists, fds[i] named names[i] and each read from
 * where it stands, with every core, when they are all regular files or
 * pipes (a pipe is read to its end into memory) and
 * reading them one after another through cl_source_cases and
 * cl_source_read_fd would say nothing.  The engine then has their
 * totals but not their case ids.  Returns 1 when it counted them; else
 * 0, with the engine untouched and every file's fd back where it stood,
 * and the caller reads them one by one, which says what there is to say:
 * the bytes read ahead from a pipe are held, and cl_source_read_fd (or
 * _for_report) on that fd reads them first.  Like
 * cl_source_read_fd_for_report, it makes the engine report-only either
 * way (the same limits apply), so use it only for an engine that is used
 * for its report.
 */
int cl_sources_count_fast(struct cl_engine *engine, const char *const *names,
    const int *fds, size_t n, const struct cl_reader_options *options);

/*
 * The aliases of a column ("worker", "points", "case_id", "team", "fte",
 * "category", "reduction", "reason", "initials", "hours", "placed",
 * "placement", "last_followup"),
 * as a NULL-terminated list whose first entry is the canonical name.
 */
const char *const *cl_column_aliases(const char *column);

/* ---------------------------------------------------------------------- */
/* History: weekly snapshots in an SQLite database                          */

/*
 * A history is an SQLite database of report snapshots, one per as-of date
 * (see caseload(1), HISTORY, for its schema).  Every function reports what
 * is wrong through on_diag (file: the database's path, line 0) and returns
 * a status:
 *   CL_EDATA     the file is not a caseload history (another SQLite
 *                database, not a database, damaged, or written by a newer
 *                caseload); the file is left as it was;
 *   CL_ENOINPUT  the file cannot be opened (missing when it must exist,
 *                a directory, no permission);
 *   CL_EIO       a change cannot be written (read-only, disk full); the
 *                database is left as it was.
 */
struct cl_history;

enum cl_history_mode {
	CL_HISTORY_READ,        /* must exist; only a killed change is
	                           rolled back */
	CL_HISTORY_CHANGE,      /* must exist; snapshots may be forgotten */
	CL_HISTORY_RECORD       /* created by the first recording if missing */
};

/* The schema version this library writes (PRAGMA user_version). */
#define CL_HISTORY_VERSION 1

/* Length of an as-of date "YYYY-MM-DD" with its NUL. */
#define CL_DATE_SIZE 11


/*
 * Opens the history at `path` and checks it whole (its identity, schema
 * version, PRAGMA quick_check) before returning, so that a caller can
 * refuse a bad database before printing anything.  A history of an older
 * schema version is upgraded (in one transaction) by the first change;
 * reading it needs no upgrade.  On success stores a handle in *out (the
 * caller calls cl_history_close); on failure *out is NULL.
 */
int cl_history_open(const char *path, enum cl_history_mode mode,
    cl_diag_fn on_diag, void *ctx, struct cl_history **out);
void cl_history_close(struct cl_history *h);

/* A case list as recorded: its name and the SHA-256 of its bytes. */
struct cl_history_input {
	const char *name;
	const char *sha256;     /* 64 lowercase hex digits */
};

/*
 * Records `report` (all its workers and teams, whatever a renderer would
 * filter), its targets and inputs as the snapshot of `as_of`, replacing
 * any snapshot of that date, in one transaction that waits up to 30 s for
 * another writer.  The history must be open with CL_HISTORY_RECORD.
 */
int cl_history_record(struct cl_history *h, const char *as_of,
    const struct cl_report *report, const struct cl_history_input *inputs,
    size_t ninputs);

/* Deletes the snapshot of `as_of` in one transaction; CL_EDATA when
 * there is none.  Needs CL_HISTORY_CHANGE. */
int cl_history_forget(struct cl_history *h, const char *as_of);

/* One snapshot, as `caseload history --list` shows it. */
struct cl_snapshot_info {
	char date[CL_DATE_SIZE];
	char **files;           /* names of the case lists, in given order */
	char **sha256;
	size_t nfiles;
	long workers;
	long cases;
	cl_dec points;
};

struct cl_snapshot_list {
	struct cl_snapshot_info *snapshots;     /* oldest first */
	size_t n;
};

/* Every snapshot into *out (the caller frees it with
 * cl_snapshot_list_free); CL_EDATA when the contents are invalid. */
int cl_history_list(struct cl_history *h, struct cl_snapshot_list **out);
void cl_snapshot_list_free(struct cl_snapshot_list *list);

/*
 * A trend: the last `nsnapshots` snapshots (oldest first) and, per worker
 * in any of them, the load of each.  loads[i] means something only when
 * known[i]: the worker was in snapshot i and had a points target.
 */
struct cl_trend_worker {
	const char *worker;
	const char *team;       /* in the latest shown snapshot with the
	                           worker; NULL for none */
	cl_dec *loads;
	unsigned char *known;
	int present;            /* in the latest snapshot */
	enum cl_load_status status;     /* in the latest, when present */
	long streak;            /* snapshots in a row, back from the latest
	                           over the whole history, with that status;
	                           0 when not present */
	cl_dec average_load;    /* over the shown snapshots, to hundredths */
	int has_average;
	cl_dec change;          /* latest load minus the one before, in
	                           percentage points */
	int has_change;
};

struct cl_trend_team {
	const char *team;       /* NULL: the workers without a team */
	cl_dec *loads;
	unsigned char *known;
	cl_dec average_load;
	int has_average;
};

struct cl_trend {
	char (*dates)[CL_DATE_SIZE];
	size_t nsnapshots;
	struct cl_trend_worker *workers;        /* sorted as asked */
	size_t nworkers;
	struct cl_trend_team *teams;            /* by name, NULL last */
	size_t nteams;
};

/*
 * The trend of the last `weeks` snapshots (weeks > 0), workers sorted by
 * `sort` on their latest status and load (absent workers last), into
 * *out (the caller frees it with cl_trend_free).
 */
int cl_history_trend(struct cl_history *h, size_t weeks, enum cl_sort sort,
    struct cl_trend **out);
void cl_trend_free(struct cl_trend *trend);

/* One snapshot's figures as cl_history_trend reads them, for
 * cl_trend_build. */
struct cl_snap_worker {
	const char *name, *team;
	cl_dec load;
	int has_load;
	enum cl_load_status status;
};

struct cl_snap_team {
	const char *name;
	cl_dec load;
	int has_load;
};

struct cl_snapshot {
	char date[CL_DATE_SIZE];
	struct cl_snap_worker *workers;
	size_t nworkers;
	struct cl_snap_team *teams;
	size_t nteams;
};

/*
 * The trend of snapshots[0..n) (oldest first, dates distinct) as
 * cl_history_trend makes it; no I/O.  Strings are copied.
 */
struct cl_trend *cl_trend_build(const struct cl_snapshot *snapshots,
    size_t n, size_t weeks, enum cl_sort sort);

/* ---------------------------------------------------------------------- */
/* Results: what a run shows, described as data                             */

/*
 * Every result (a report, a plan, a ranking, ...) is described the same
 * way, and every output format renders any result from that description
 * alone: a format knows how to write each type, never which result it is
 * writing.  A result is
 *
 *   - sections, in order: tables and groups of figures, each shown to some
 *     audiences (enum cl_audience);
 *   - lines of prose for people, before the sections (`lead`) and after
 *     them (`lines`);
 *   - the run's diagnostics.
 *
 * A table has columns with a machine name (CSV header, JSON key), a label
 * for people (table, HTML and spreadsheet headers) and a type; its cells
 * are read through its `cell` function, one typed value at a time.
 */

/* Who a format writes for; a section or a table's view can differ. */
enum cl_audience {
	CL_FOR_PEOPLE,  /* table, HTML, xlsx: labels, prose, a change in a cell */
	CL_FOR_SHEET,   /* CSV, TSV: one flat table under machine names */
	CL_FOR_TREE,    /* JSON: every section, nested, under machine names */
	CL_AUDIENCES
};

/* Bits of cl_section.audiences. */
#define CL_SHOW(audience) (1u << (audience))
#define CL_SHOW_ALL (CL_SHOW(CL_FOR_PEOPLE) | CL_SHOW(CL_FOR_SHEET) | \
	CL_SHOW(CL_FOR_TREE))

/* What a cell or a figure holds, and so how each format writes it. */
enum cl_type {
	CL_TYPE_TEXT,       /* .text, UTF-8 */
	CL_TYPE_INTEGER,    /* .integer, a count */
	CL_TYPE_DECIMAL,    /* .dec, with at most `decimals` decimals */
	CL_TYPE_PERCENT,    /* .dec, a percentage (98.75); people see "98.75%" */
	CL_TYPE_STATUS,     /* .text, a word such as "over", with a tone */
	CL_TYPE_DATE,       /* .date, days since 1970-01-01, as YYYY-MM-DD */
	CL_TYPE_BOOL,       /* .yes: JSON true/false, elsewhere "yes"/"no" */
	CL_TYPE_TEXTS,      /* .list.texts: a JSON array, elsewhere joined
	                       by "; " */
	CL_TYPE_NUMBERS     /* .list.numbers, each with `decimals`: a JSON
	                       array, in sheets joined by "; ", for people a
	                       sparkline (a trend) */
};

/* How good a value is, for people's formats to colour; JSON and sheets
 * ignore it.  A load over its target is bad, under it a warning. */
enum cl_tone { CL_TONE_NONE, CL_TONE_GOOD, CL_TONE_WARNING, CL_TONE_BAD };

/* One typed value.  Strings and lists are borrowed from the result. */
struct cl_value {
	int null;               /* no value: people see the column's `none`,
	                           sheets an empty cell, JSON null */
	union {
		const char *text;
		long integer;
		cl_dec dec;
		cl_date date;
		int yes;
		struct {
			const char *const *texts;
			const cl_dec *numbers;
			size_t n;
			/* NUMBERS: known[i] says numbers[i] is there (JSON
			 * null, an empty item, a gap in the sparkline when
			 * not); NULL: all are */
			const unsigned char *known;
			/* NUMBERS: the sparkline's lowest and highest value,
			 * the same for every row so that bars compare; NULL:
			 * each row's own smallest and largest */
			const cl_dec *scale;
		} list;
	};
	const char *note;       /* people only: shown as " (note)" after the
	                           value; NULL for none */
	enum cl_tone tone;      /* people only: how a cell may be coloured */
};

/* A load status as a CL_TYPE_STATUS value: its name and its tone. */
struct cl_value cl_value_status(enum cl_load_status status);

/* Bits of cl_column.flags. */
#define CL_COL_CHANGE 1u    /* a before/after pair: machine formats write
                               NAME_before and NAME_after, people one cell
                               "before → after" */
#define CL_COL_SIGNED 2u    /* a difference: people see "+" before a
                               positive DECIMAL or PERCENT */
#define CL_COL_ROUNDED 4u   /* a figure worked out, not typed (FTE
                               from hours, a target scaled by it):
                               the table and HTML show it to 2
                               decimals, the rest to `decimals` */

struct cl_column {
	const char *name;       /* machine name: CSV header, JSON key; in
	                           JSON "a.b" is key b of an object a, which
	                           is null when all its members are */
	const char *label;      /* people's header */
	enum cl_type type;
	int decimals;           /* DECIMAL, PERCENT, NUMBERS: most shown, 0..6 */
	unsigned flags;         /* CL_COL_* */
	const char *none;       /* what people see for no value; NULL: "-" */
};

struct cl_table;

/*
 * A hint for the people's formats that draw (HTML, xlsx): the table is
 * also a bar chart, one bar per row, in the table's order.  The numbers
 * are indices into the table's columns, -1 for none.  A CL_COL_CHANGE
 * column gives its "after" value; the value column's "before" is drawn
 * as a thin bar above the "after" one.  Formats that do not draw ignore
 * it.
 */
struct cl_chart {
	const char *title;      /* "Load per worker", in English: the
	                           formats look it and mark_label up in
	                           the run's language */
	int label;              /* names the bar: a TEXT column */
	int value;              /* its length: a PERCENT column; a line is
	                           drawn at 100 % */
	int status;             /* its colour, pattern and word: a STATUS
	                           column; -1: a neutral bar */
	int mark, mark_target;  /* a second mark on the row at mark /
	                           mark_target (cases against the cases
	                           target), or -1 */
	const char *mark_label; /* the mark in the legend */
	cl_dec under_pct;       /* a dashed line there (the under
	                           threshold), or -1 */
	const int *details;     /* pairs of columns written after the bar
	                           as "Label value of target" (target -1:
	                           "Label value"), ending in -1; or NULL */
};

/*
 * Fills value[0] (and value[1], the "after", for a CL_COL_CHANGE column)
 * with the cell of `row` (0 .. nrows - 1) in column `column` (an index
 * into columns).  value[] comes zeroed.
 */
typedef void (*cl_cell_fn)(const struct cl_table *table, size_t row,
    size_t column, struct cl_value value[2]);

struct cl_table {
	const struct cl_column *columns;
	size_t ncolumns;
	/* Per audience, the columns shown and their order: indices into
	 * columns, ending in -1; NULL shows every column in order. */
	const int *views[CL_AUDIENCES];
	size_t nrows;
	cl_cell_fn cell;
	const void *rows;       /* what cell reads */
	const char *empty;      /* people: said instead of a table without
	                           rows; NULL: the header alone */
	const struct cl_chart *chart;   /* people: the table as a chart too,
	                                   or NULL */
};

/* A single named value, such as a total. */
struct cl_figure {
	const char *name;
	const char *label;
	enum cl_type type;
	int decimals;
	struct cl_value value;
};

/* A table, or (table NULL) a group of figures. */
struct cl_section {
	const char *name;       /* JSON key ("a.b": key b of an object a),
	                           sheet name; NULL for figures that belong
	                           at the top level */
	const char *label;      /* a heading for people */
	unsigned audiences;     /* CL_SHOW() bits: the formats that show it */
	const struct cl_table *table;
	const struct cl_figure *figures;
	size_t nfigures;
	const char *heading;    /* people: a line before the section, or NULL */
	const char *footer;     /* people: a line after it, or NULL */
};

struct cl_result_store;

/* A fact about the run for people's headings: "Case list",
 * "data/cases.csv". */
struct cl_fact {
	const char *label;
	const char *text;
};

/*
 * A result owns its sections, tables, figures and lines (cl_result_free
 * frees them); what its cells read (a report, a plan) is borrowed.  The
 * builders of src/result_*.c make them; formats only read them.
 */
struct cl_result {
	const char *kind;       /* "report", "plan", "ranking" */
	const char *title;      /* for people, e.g. "Caseload report" */
	const struct cl_section *sections;
	size_t nsections;
	const char *const *lead;    /* people: lines before the sections */
	size_t nlead;
	const char *const *lines;   /* people: lines after them */
	size_t nlines;
	const struct cl_diag *diags;    /* the run's (borrowed); the caller
	                                   sets them before rendering */
	size_t ndiags;
	const struct cl_fact *facts;    /* people: about the run (the files,
	                                   the date, the targets), for a
	                                   heading; set by the caller like
	                                   diags; HTML and xlsx show them */
	size_t nfacts;
	struct cl_result_store *store;  /* private: what the result owns */
};

enum cl_only { CL_ONLY_ALL, CL_ONLY_OVER, CL_ONLY_UNDER, CL_ONLY_FLAGGED,
	CL_ONLY_OK, CL_ONLY_CHANGED };

/* Parses "over", "under", "flagged", "ok", "all" or "changed" (which is
 * for diffs only, see cl_diff_matches); -1 if unknown. */
int cl_only_parse(const char *name);

/* Whether a worker with status s is shown under `only`. */
int cl_only_matches(enum cl_only only, enum cl_load_status s);

struct cl_render_options {
	enum cl_only only;          /* results: the report's worker rows */
	int by_team;                /* results: people and sheets get the
	                               report's teams instead of workers */
	int list;                   /* results: people and sheets get the
	                               follow-ups' due and overdue cases
	                               instead of its workers */
	char delimiter;             /* csv: ',' unless set; tsv: always TAB */
	char decimal_sep;           /* '.' or ','; also in people's lines */
	const char *percent;        /* people: a percentage's sign after the
	                               number: "%" (98.75%), or " %" as
	                               Danish and Swedish write it */
	const char *newline;        /* sheets: "\n" or "\r\n" */
	int bom;                    /* sheets: write a UTF-8 byte-order mark */
	int excel_text;             /* csv: write a text of digits that Excel
	                               would read as a number (00125, or more
	                               than 15 digits) as ="00125", which it
	                               shows as written */
	int ascii;                  /* people: sparklines without Unicode */
	int all_cases;              /* diffs: every case change for people,
	                               a row per case change in sheets */
	long long made;             /* xlsx: when the workbook says it was
	                               made, seconds since 1970 UTC, 0 for
	                               now (the command line dates the html
	                               heading by it too) */
};

/* Fills *o with the defaults: all, ',', '.', "%", LF, no BOM. */
void cl_render_options_default(struct cl_render_options *o);

/*
 * The result of a report, a plan, a ranking or follow-ups, which it
 * borrows: it must outlive the result.  `options` chooses rows (only,
 * by_team, list) and the decimal separator of the lines for people; it
 * is not kept.  The caller frees the result with cl_result_free.
 */
struct cl_result *cl_result_report(const struct cl_report *report,
    const struct cl_render_options *options);
struct cl_result *cl_result_plan(const struct cl_plan *plan,
    const struct cl_render_options *options);
struct cl_result *cl_result_ranking(const struct cl_ranking *ranking,
    const struct cl_render_options *options);
/*
 * The result of a trend (caseload history) and of a list of snapshots
 * (history --list), as for cl_result_report: `options` chooses the
 * workers (only) or the teams (by_team); the trend or list is borrowed.
 */
struct cl_result *cl_result_trend(const struct cl_trend *trend,
    const struct cl_render_options *options);
struct cl_result *cl_result_snapshots(const struct cl_snapshot_list *list,
    const struct cl_render_options *options);

/*
 * The follow-ups as a result: the as-of day; the workers and the due and
 * overdue cases (JSON has both, people and sheets the workers, or with
 * options->list the cases); the summary figures; and a line for people
 * that sums it up.
 */
struct cl_result *cl_result_followups(const struct cl_followups *followups,
    const struct cl_render_options *options);
void cl_result_free(struct cl_result *result);

/* ---------------------------------------------------------------------- */
/* Formats                                                                  */

/*
 * Each format writes a whole result to `out` and returns 0, or -1 when a
 * write failed (errno is kept).
 */
typedef int (*cl_render_fn)(const struct cl_result *result,
    const struct cl_render_options *options, FILE *out);

/* Bits of cl_format.flags. */
#define CL_FORMAT_EXCEL 1u          /* honours --excel (BOM, ';', decimal
                                       comma, CRLF) */
#define CL_FORMAT_DECIMAL_COMMA 2u  /* honours --decimal-comma */
#define CL_FORMAT_DIAGNOSTICS 4u    /* writes the result's diagnostics */
#define CL_FORMAT_NEEDS_FILE 8u     /* bytes for a file, not a terminal:
                                       needs -o FILE */

struct cl_format {
	const char *name;
	enum cl_audience audience;
	unsigned flags;             /* CL_FORMAT_* */
	cl_render_fn render;
};

/* Every format, in the order the help lists them; the first is the
 * default.  Stores their number in *n. */
const struct cl_format *cl_formats(size_t *n);

/* The format called `name` ("table", "csv", "tsv", "json", "html",
 * "xlsx"), or NULL. */
const struct cl_format *cl_format_find(const char *name);

/* Renders `result` as the format called `name`; returns as cl_render_fn,
 * or -1 with errno EINVAL when there is no such format. */
int cl_render(const struct cl_result *result, const char *name,
    const struct cl_render_options *options, FILE *out);

/* ---------------------------------------------------------------------- */
/* Diffs: what changed between two case lists                              */

/*
 * How a worker changed.  When several apply, the first of newly over, no
 * longer over, joined, left, newly under, no longer under, changed, same
 * is taken (see cl_diff_new).  The enum is in the order a diff is shown.
 */
enum cl_change_kind {
	CL_CHANGE_NEWLY_OVER,
	CL_CHANGE_NO_LONGER_OVER,
	CL_CHANGE_NEWLY_UNDER,
	CL_CHANGE_NO_LONGER_UNDER,
	CL_CHANGE_JOINED,       /* no cases before, some now */
	CL_CHANGE_LEFT,         /* some cases before, none now */
	CL_CHANGE_CHANGED,      /* cases, points or load differ */
	CL_CHANGE_SAME,
	CL_NCHANGE_KINDS
};

/* "newly_over", "no_longer_over", ..., "same". */
const char *cl_change_kind_name(enum cl_change_kind kind);

/* A worker on either side: before or after is NULL when the worker has
 * no row on that side (and is not on the roster). */
struct cl_worker_diff {
	const char *worker;
	const char *team;               /* NEW's, else OLD's; may be NULL */
	const struct cl_worker *before, *after;
	enum cl_change_kind change;
};

/* The lists of case changes, compared as (case id, worker) pairs. */
enum cl_case_list { CL_CASES_ADDED, CL_CASES_CLOSED, CL_CASES_MOVED,
	CL_CASES_REPOINTED, CL_NCASE_LISTS };

/* "added", "closed", "moved", "repointed". */
const char *cl_case_list_name(enum cl_case_list list);

/*
 * One case change.  added: worker, points_after; closed: worker,
 * points_before; moved: from, to, both points; repointed: worker, both
 * points.  Fields a kind does not use are NULL or 0.
 */
struct cl_case_change {
	const char *case_id;
	const char *worker;
	const char *from, *to;
	cl_dec points_before, points_after;
};

struct cl_diff_summary {
	size_t changes[CL_NCHANGE_KINDS];       /* workers of each kind */
	size_t cases[CL_NCASE_LISTS];           /* entries of each list */
	cl_dec points_before, points_after;     /* the reports' summaries */
};

struct cl_diff {
	struct cl_worker_diff *workers;         /* by kind (the enum's
	                                           order), then NEW's report
	                                           order, then OLD's */
	size_t nworkers;
	int has_cases;                          /* both sides had case ids */
	struct cl_case_change *cases[CL_NCASE_LISTS];   /* by case id */
	size_t ncases[CL_NCASE_LISTS];
	struct cl_diff_summary summary;
};

/* One side of a diff: a report and, when its file has a case-id column,
 * its pairs (cl_engine_pairs). */
struct cl_diff_side {
	const struct cl_report *report;
	const struct cl_pair *pairs;
	size_t npairs;
	int has_case_ids;
};

/*
 * Compares two sides.  Workers: everyone in either report, with its
 * change.  Cases (only when both sides have case ids): a pair only in OLD
 * and a pair only in NEW of one case id are matched one to one in file
 * order (pair order) and are a move; the pairs left are closed (OLD) or
 * added (NEW); pairs on both sides whose points differ are repointed.
 * Lists are sorted by case id (byte order, which is code-point order for
 * UTF-8), a case id's entries in OLD's order (added: NEW's).  The diff
 * borrows the sides' strings and workers: they must outlive it.  Owned
 * by the caller (cl_diff_free).
 */
struct cl_diff *cl_diff_new(const struct cl_diff_side *before,
    const struct cl_diff_side *after);
void cl_diff_free(struct cl_diff *diff);

/*
 * Whether a worker is shown under `only`: CL_ONLY_CHANGED is every kind
 * but same, CL_ONLY_ALL everyone, and the others look at the after side
 * (a worker with none is not shown).
 */
int cl_diff_matches(enum cl_only only, const struct cl_worker_diff *w);

/*
 * The result of a diff, which it borrows: it must outlive the result.
 * `options` chooses the workers (only: CL_ONLY_CHANGED is the default of
 * caseload diff), all_cases, and the decimal separator of the lines for
 * people.  The caller frees it with cl_result_free.
 */
struct cl_result *cl_result_diff(const struct cl_diff *diff,
    const struct cl_render_options *options);

#endif
