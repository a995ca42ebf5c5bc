/*
 * cli.h - the command line's pieces, shared by main.c and the cli_*.c
 * files; not installed.
 */
#ifndef CL_CLI_H
#define CL_CLI_H

#include "internal.h"

enum mode { MODE_REPORT, MODE_REBALANCE, MODE_ASSIGN, MODE_HISTORY };

struct options {
	enum mode mode;
	const char *format;
	int format_given;
	struct cl_plan_options plan;
	const char *keep_file;
	int fill_given;
	cl_dec new_points;
	const char *new_points_arg, *new_category, *new_team;
	struct cl_render_options render_opt;
	struct cl_reader_options reader_opt;
	struct cl_targets targets;
	enum cl_sort sort;
	int fail_on;            /* -1 none, else an enum cl_only */
	const char *output;
	const char *roster;
	const char *config;
	int print_config;
	unsigned flags_set;         /* CL_SET_* given as --max-... flags */
	int excel, decimal_comma, output_delimiter;
	/* --record: the report's snapshot goes into this history */
	const char *record;
	int record_partial;
	char as_of[CL_DATE_SIZE];       /* --as-of, else today */
	/* caseload history */
	size_t weeks;
	int list, weeks_given;
	const char *forget;
	long fail_streak;               /* --fail-on streak:N, else 0 */
	const char *not_for_history;    /* an option history does not take */
};

/* What the run has said, for the exit status and the JSON report. */
struct run {
	int errors;
	int keep_diags;
	struct cl_diag *diags;
	size_t ndiags, cap;
};

struct input {
	const char *name;       /* as the user wrote it; "<stdin>" for - */
	int fd;
};

/* cli_options.c */

/* Parses argv; returns -1 to go on (files from argv[optind]), else the
 * exit status. */
int cli_parse_options(struct options *o, int argc, char **argv);

/* Prints "caseload: OPTION: expected ..., got ..." and returns 64. */
int cli_bad_value(const char *option, const char *expected, const char *got);

/* Prints a usage error and returns 64. */
int cli_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* cli_inputs.c */

int cli_open_input(struct input *in, const char *path);
void cli_close_input(struct input *in);

/* Reads one input through a source; returns its status, or CL_ENOINPUT.
 * `whole`: the source is the run's only case list, and the run wants its
 * report only, so it may be counted with every core. */
int cli_read_input(struct cl_source *src, struct input *in, int whole,
    int *fatal);

/* The configuration in effect: defaults, then the file (--config, else
 * $CASELOAD_CONFIG), then the target flags.  Returns CL_OK, CL_ENOINPUT or
 * CL_ECONFIG. */
int cli_load_config(const struct options *o, struct cl_config *config);

/* The case ids of a --keep file, pointing into *text (both freed by the
 * caller). */
int cli_read_keep(const char *path, char **text, const char ***ids,
    size_t *n);

/* cli_run.c */

/* Prints a diagnostic as caseload: FILE:LINE: message, counts errors, and
 * keeps a copy for JSON when run->keep_diags.  ctx is a struct run. */
void cli_print_diag(void *ctx, const struct cl_diag *d);

/* Reads the roster and inputs and writes the report, plan or ranking
 * (and records the report into `history` when not NULL); returns the exit
 * status. */
int cli_run(const struct options *o, const struct cl_config *config,
    struct input *inputs, size_t ninputs, struct input *roster,
    struct cl_history *history);

/* What a run writes: one of these is set. */
struct result {
	const struct cl_report *report;
	const struct cl_plan *plan;
	const struct cl_ranking *ranking;
	const struct cl_trend *trend;
	const struct cl_snapshot_list *list;
};

/* Writes the result to -o or stdout; returns CL_OK or CL_EIO. */
int cli_write_output(const struct options *o, struct run *run,
    const struct result *r);

/* cli_history.c */

/* caseload history: the trend, the list, or forgetting a snapshot of
 * the history `db`; returns the exit status. */
int cli_history(const struct options *o, const char *db);

/* The SHA-256 of a regular file from where fd stands to its end, read on
 * its own (pread, so fd does not move); 0, or -1 with errno set. */
int cli_hash_file(int fd, char hex[CL_SHA256_HEX]);

int cli_max_status(int a, int b);

#endif
