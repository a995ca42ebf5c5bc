/*
 * cli.h - the command line's pieces, shared by main.c and the cli_*.c
 * files; not installed.
 */
#ifndef CL_CLI_H
#define CL_CLI_H

#include "internal.h"

struct subcommand;

/*
 * Options that only some subcommands take: bits of options.given and
 * subcommand.takes, in the order cli_options.c names them.
 */
enum {
	TAKES_FILL = 1u << 0, TAKES_ACROSS_TEAMS = 1u << 1,
	TAKES_KEEP = 1u << 2, TAKES_POINTS = 1u << 3,
	TAKES_CATEGORY = 1u << 4, TAKES_TEAM = 1u << 5,
	TAKES_CASES = 1u << 6, TAKES_AS_OF = 1u << 7, TAKES_DAYS = 1u << 8,
	TAKES_LIST = 1u << 9, TAKES_BY = 1u << 10, TAKES_ONLY = 1u << 11,
	TAKES_SORT = 1u << 12, TAKES_RECORD = 1u << 13,
	TAKES_RECORD_PARTIAL = 1u << 14, TAKES_WEEKS = 1u << 15,
	TAKES_FORGET = 1u << 16, TAKES_ASCII = 1u << 17
};

/* --fail-on overdue (caseload followups), newly-over and changed (diff),
 * beside the enum cl_only values */
#define FAIL_ON_OVERDUE 100
#define FAIL_ON_NEWLY_OVER 101
#define FAIL_ON_CHANGED 102

/* A word --fail-on takes and what it stands for. */
struct fail_on_word {
	const char *word;
	int value;              /* an enum cl_only, or a FAIL_ON_* */
};

/* --fail-on for diffs, besides the statuses of NEW. */
enum fail_diff { FAIL_NONE, FAIL_NEWLY_OVER, FAIL_CHANGED };

struct options {
	const struct subcommand *cmd;
	const struct cl_format *format;
	int format_given;
	unsigned given;             /* TAKES_* bits of the options given */
	struct cl_plan_options plan;
	const char *keep_file;
	cl_dec new_points;
	const char *new_points_arg, *new_category, *new_team;
	struct cl_render_options render_opt;
	struct cl_reader_options reader_opt;
	struct cl_targets targets;
	enum cl_sort sort;
	int fail_on;            /* -1 none, else an enum cl_only */
	enum fail_diff fail_diff;
	int only_given;
	int nfiles;             /* the case lists named */
	const char *output;
	const char *roster;
	const char *config;
	int print_config;
	unsigned flags_set;         /* CL_SET_* given as --max-... flags */
	int excel, decimal_comma, output_delimiter;
	cl_date as_of;              /* --as-of; today unless TAKES_AS_OF given */
	long days;                  /* --days, 28 unless given */
	int quiet;                  /* -q: no notes on stderr */
	char **columns;             /* --column ROLE=HEADER, as given */
	size_t ncolumns;
	/* --record: the report's snapshot goes into this history */
	const char *record;
	int record_partial;
	/* caseload history */
	size_t weeks;
	int list;
	const char *forget;
	long fail_streak;               /* --fail-on streak:N, else 0 */
	const char *case_option;        /* the first option about reading
	                                   case lists, for history's check */
};

/* What the run has said, for the exit status and the JSON report. */
struct run {
	int errors;
	int quiet;              /* notes are kept for JSON, not printed */
	int keep_diags;
	struct cl_diag *diags;
	size_t ndiags, cap;
	/* while `holding`, cli_print_diag keeps what it is told here, for
	 * cli_release_diags to say or forget */
	int holding;
	struct cl_diag *held;
	size_t nheld, cap_held;
	struct cl_fact facts[5];    /* the files, the date, the targets: for
	                               the heading of html and xlsx */
	size_t nfacts;
	char *fact_text[5];         /* what facts[] point to, owned */
	/* --record: where the report goes, and the case lists' hashes */
	struct cl_history *history;
	const struct input *inputs;
	char (*sha256)[CL_SHA256_HEX];
	size_t ninputs;
};

struct input {
	const char *name;       /* as the user wrote it; "<stdin>" for - */
	int fd;
};

/*
 * A subcommand is a row of cli_commands.c's table: what it is called, the
 * options it takes beyond the common ones, and how it runs.
 */
struct subcommand {
	const char *name;           /* argv[1]; NULL for the report */
	const char *called;         /* in messages: "caseload rebalance",
	                               "the report" */
	const char *usage;          /* its usage line(s), after "caseload " */
	const char *help;           /* its section of --help, or "" */
	unsigned takes;             /* TAKES_*: a command that takes --as-of
	                               counts follow-ups on that day */
	const struct fail_on_word *fail_on; /* the words --fail-on takes, in
	                               the order messages name them; NULL
	                               ends */
	/* The source a case list is read through. */
	struct cl_source *(*source)(struct cl_engine *engine, const char *name,
	    const struct cl_reader_options *options, cl_diag_fn on_diag,
	    void *ctx);
	int totals_only;            /* needs only the report: the one case
	                               list may be counted with every core */
	const char *(*check)(const struct options *o); /* more usage
	                               rules: the usage error, or NULL to go
	                               on; or NULL */
	int compares;               /* compares two case lists: takes --only
	                               changed (its default) and --fail-on
	                               newly-over|changed */
	/* Runs it from its inputs, when it needs more than one engine (diff);
	 * NULL: cli_run reads them into one engine and calls `run`. */
	int (*run_inputs)(const struct options *o,
	    const struct cl_config *config, struct input *inputs,
	    size_t ninputs, struct input *roster);
	/* Makes its result from the engine (the report in `report`), writes
	 * it with cli_write_result and returns the exit status. */
	int (*run)(const struct options *o, struct cl_engine *engine,
	    const struct cl_config *config, const struct cl_report *report,
	    struct run *run);
	/* Or, for a subcommand that reads a history instead of case lists:
	 * runs on the one database argument, returns the exit status. */
	int (*run_history)(const struct options *o, const char *db);
};

/* cli_commands.c */

/* The subcommands, the report first; stores their number in *n. */
const struct subcommand *cli_subcommands(size_t *n);

/* cli_options.c */

/* Parses argv; returns -1 to go on (files from argv[optind]), else the
 * exit status. */
int cli_parse_options(struct options *o, int argc, char **argv);

/* The value of the last --lang in argv (before any "--"), or NULL: the
 * language is chosen before options are parsed, so that their errors
 * speak it too. */
const char *cli_lang_option(int argc, char **argv);

/* Prints "caseload: OPTION: expected ..., got ..." and returns 64. */
int cli_bad_value(const char *option, const char *expected, const char *got);

/* Prints a usage error and returns 64. */
int cli_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* cli_language.c */

/*
 * Sets up gettext: the messages' locale from the environment (also when
 * it names a locale the system lacks), `lang` (--lang, or NULL) over it,
 * and the folder of the catalogues.  Call before anything is said.
 */
void cli_language_init(const char *lang);

/* Makes the messages speak `lang` ("da", "sv", "en") from now on. */
void cli_language_set(const char *lang);

/* Whether the language in use writes decimals with a comma and
 * percentages as "109,58 %" (Danish, Swedish). */
int cli_language_uses_comma(void);

/* cli_inputs.c */

int cli_open_input(struct input *in, const char *path);
void cli_close_input(struct input *in);

/* A usage error (its status, with the message printed) when -o names a
 * file that the run reads: one of the nlists case lists (standard input
 * when there are none and no `db`), the roster, the
 * configuration, the --keep file, the --record database or `db` (the
 * history subcommand's; NULL for none).  CL_OK otherwise. */
int cli_check_output(const struct options *o, const char *db,
    char *const *lists, size_t nlists);

/* Reads one input through a source; returns its status, or CL_ENOINPUT.
 * `report_only`: the source is the run's only case list, and the run
 * wants its report only (cl_source_read_fd_for_report). */
int cli_read_input(struct cl_source *src, struct input *in, int report_only,
    int *fatal);

/* The configuration in effect: defaults, then the file (--config, else
 * $CASELOAD_CONFIG), then the target flags.  Returns CL_OK, CL_ENOINPUT or
 * CL_ECONFIG. */
int cli_load_config(const struct options *o, struct cl_config *config);

/* The case ids of a --keep file, pointing into *text, and the line of
 * each (all freed by the caller). */
int cli_read_keep(const char *path, char **text, const char ***ids,
    long **lines, size_t *n);

/* cli_run.c */

/* Prints a diagnostic as caseload: FILE:LINE: message, counts errors, and
 * keeps a copy for JSON when run->keep_diags.  ctx is a struct run. */
void cli_print_diag(void *ctx, const struct cl_diag *d);

/* From now on cli_print_diag holds what it is told (run->holding), until
 * cli_release_diags says it all, in the order told, when `say`, or
 * forgets it. */
void cli_hold_diags(struct run *run);
void cli_release_diags(struct run *run, int say);

/* Reads the roster and inputs and writes the report, plan or ranking
 * (recording the report into `history` when not NULL); returns the exit
 * status. */
int cli_run(const struct options *o, const struct cl_config *config,
    struct input *inputs, size_t ninputs, struct input *roster,
    struct cl_history *history);

int cli_max_status(int a, int b);

/* --print-config: the configuration in effect, to -o or stdout. */
int cli_print_config(const struct options *o, const struct cl_config *config);

/* Writes a result (with the run's diagnostics) to -o or stdout and frees
 * it; returns CL_OK or CL_EIO. */
int cli_write_result(const struct options *o, struct run *run,
    struct cl_result *result);

/* Warns about each team of the configuration that no worker of the
 * reports is in. */
void cli_warn_unused_teams(const struct cl_config *config,
    const struct cl_report *const *reports, size_t nreports,
    struct run *run);

/* Frees what cli_print_diag and cli_describe_run kept. */
void cli_free_diags(struct run *run);

/* Sets run->facts, what html and xlsx say in their heading about the run:
 * the case lists, the roster, the configuration, the date, the targets. */
void cli_describe_run(struct run *run, const struct options *o,
    const struct cl_config *config, const struct input *inputs,
    size_t ninputs);

/* cli_history.c */

/* caseload history: the trend, the list, or forgetting a snapshot of the
 * history `db`; returns the exit status. */
int cli_run_history(const struct options *o, const char *db);

/* history's usage rules (a subcommand's check). */
const char *cli_check_history(const struct options *o);

/* The SHA-256 of a regular file from where fd stands to its end, read on
 * its own (pread: fd does not move); 0, or -1 with errno set. */
int cli_hash_file(int fd, char hex[CL_SHA256_HEX]);

/* The runners of the subcommands. */
int cli_run_report(const struct options *o, struct cl_engine *engine,
    const struct cl_config *config, const struct cl_report *report,
    struct run *run);
int cli_run_rebalance(const struct options *o, struct cl_engine *engine,
    const struct cl_config *config, const struct cl_report *report,
    struct run *run);
int cli_run_assign(const struct options *o, struct cl_engine *engine,
    const struct cl_config *config, const struct cl_report *report,
    struct run *run);
int cli_run_followups(const struct options *o, struct cl_engine *engine,
    const struct cl_config *config, const struct cl_report *report,
    struct run *run);


/* cli_diff.c */

/* caseload diff: reads inputs[0] (OLD) and inputs[1] (NEW) into an engine
 * each, with the same roster and configuration, and writes the diff;
 * returns the exit status. */
int cli_run_diff(const struct options *o, const struct cl_config *config,
    struct input *inputs, size_t ninputs, struct input *roster);

#endif
