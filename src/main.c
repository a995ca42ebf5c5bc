/*
 * main.c - the caseload command: options, inputs, report, exit status.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"
#include "output.h"

static const char usage_text[] =
"usage: caseload [-f table|csv|tsv|json] [-o FILE] [--roster FILE]\n"
"                [--config FILE] [--print-config] [--by worker|team]\n"
"                [--max-points N] [--max-cases N] [--under PCT]\n"
"                [--only over|under|flagged|ok|all] [--sort status|load|name]\n"
"                [--fail-on over|under|flagged] [-d DELIM] [--encoding ENC]\n"
"                [--excel] [--output-delimiter C] [--decimal-comma]\n"
"                [--max-record-size BYTES] [--max-fields N] [FILE...]\n";

static const char help_text[] =
"Sums each caseworker's cases and points from exported case lists and\n"
"reports who is over or under their targets.  No FILE, or -, reads stdin.\n"
"\n"
"Input:\n"
"  --roster FILE          workers with fte, team and reduction; all appear\n"
"  --config FILE          JSON targets, categories, teams, reductions\n"
"                         (default: $CASELOAD_CONFIG)\n"
"  --print-config         print the configuration in effect and exit\n"
"  -d, --delimiter C      ',', ';', 'tab' or '|' (default: sniffed)\n"
"  --encoding ENC         auto, utf-8, windows-1252, utf-16le, utf-16be\n"
"  --max-record-size N    longest record in bytes (default 1048576)\n"
"  --max-fields N         most fields in a record (default 16384)\n"
"Targets (per full-time worker):\n"
"  --max-points N         points target (default 120)\n"
"  --max-cases N          cases target (default 25)\n"
"  --under PCT            under when points < PCT % of target (default 80)\n"
"Report:\n"
"  -f, --format FMT       table (default), csv, tsv or json\n"
"  --only WHICH           over, under, flagged, ok or all (default)\n"
"  --sort ORDER           status (default), load or name\n"
"  --by worker|team       a row per worker (default) or per team\n"
"  -o, --output FILE      write the report to FILE instead of stdout\n"
"  --excel                CSV for Danish/Swedish Excel: BOM, ';', ',' decimals, CRLF\n"
"  --output-delimiter C   CSV delimiter: ',', ';', 'tab' or '|'\n"
"  --decimal-comma        write decimals with ','\n"
"  --fail-on WHICH        exit 1 when a worker is over, under or flagged\n"
"  -h, --help             this help;  -V, --version  the version\n"
"\n"
"Exit status: 0 success, 1 --fail-on matched, 64 usage, 65 data error,\n"
"66 input not readable, 74 output not writable, 78 configuration error.\n"
"See caseload(1).\n";

struct options {
	cl_render_fn render;
	int format_given;
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
};

/* What the run has said, for the exit status and the JSON report. */
struct run {
	int errors;
	int keep_diags;
	struct cl_diag *diags;
	size_t ndiags, cap;
};

static void
print_diag(void *ctx, const struct cl_diag *d)
{
	static const char *const level[] = { "note: ", "warning: ", "" };
	struct run *run = ctx;

	if (d->file == NULL)
		fprintf(stderr, "caseload: %s%s\n", level[d->severity],
		    d->message);
	else if (d->line > 0)
		fprintf(stderr, "caseload: %s:%ld: %s%s\n", d->file, d->line,
		    level[d->severity], d->message);
	else
		fprintf(stderr, "caseload: %s: %s%s\n", d->file,
		    level[d->severity], d->message);
	if (d->severity == CL_ERROR)
		run->errors++;
	if (!run->keep_diags)
		return;
	if (run->ndiags == run->cap) {
		run->cap = run->cap ? 2 * run->cap : 16;
		run->diags = cl_xrealloc(run->diags,
		    run->cap * sizeof *run->diags);
	}
	run->diags[run->ndiags].file = d->file ? cl_xstrdup(d->file) : NULL;
	run->diags[run->ndiags].line = d->line;
	run->diags[run->ndiags].severity = d->severity;
	run->diags[run->ndiags].message = cl_xstrdup(d->message);
	run->ndiags++;
}

static void
free_diags(struct run *run)
{
	for (size_t i = 0; i < run->ndiags; i++) {
		free((char *)run->diags[i].file);
		free((char *)run->diags[i].message);
	}
	free(run->diags);
}

static int usage_error(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));

static int
usage_error(const char *fmt, ...)
{
	va_list ap;

	fputs("caseload: ", stderr);
	va_start(ap, fmt);
	/* clang-analyzer 14 misreads glibc's va_start as leaving ap unset */
	vfprintf(stderr, fmt, ap); /* NOLINT(clang-analyzer-valist.Uninitialized) */
	va_end(ap);
	fputs("\nTry 'caseload --help'.\n", stderr);
	return CL_EUSAGE;
}

static int
bad_value(const char *option, const char *expected, const char *got)
{
	fprintf(stderr, "caseload: %s: expected %s, got \"%s\"\n"
	    "Try 'caseload --help'.\n", option, expected, got);
	return CL_EUSAGE;
}

/* A positive decimal at most `max`; 0 also when zero_ok. */
static int
decimal_arg(const char *option, const char *arg, cl_dec max, int zero_ok,
    cl_dec *out)
{
	cl_dec v;
	const char *expected = zero_ok ? "a number from 0 to 100"
	    : "a positive number";

	if (cl_dec_parse(arg, strlen(arg), &v) != NULL || v > max ||
	    (v == 0 && !zero_ok))
		return bad_value(option, expected, arg);
	*out = v;
	return 0;
}

static int
size_arg(const char *option, const char *arg, size_t *out)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(arg, &end, 10);
	if (errno != 0 || *end != '\0' || v == 0 || arg[0] == '-' ||
	    v > (unsigned long long)SIZE_MAX / 4)
		return bad_value(option, "a positive whole number", arg);
	*out = (size_t)v;
	return 0;
}

static int
delimiter_arg(const char *option, const char *arg, int *out)
{
	if (strcmp(arg, "tab") == 0 || strcmp(arg, "\\t") == 0 ||
	    strcmp(arg, "\t") == 0)
		*out = '\t';
	else if (strlen(arg) == 1 && strchr(",;|", arg[0]) != NULL)
		*out = (unsigned char)arg[0];
	else
		return bad_value(option, "',', ';', 'tab' or '|'", arg);
	return 0;
}

enum {
	OPT_ONLY = 256, OPT_SORT, OPT_ROSTER, OPT_MAX_POINTS, OPT_MAX_CASES,
	OPT_UNDER, OPT_FAIL_ON, OPT_ENCODING, OPT_EXCEL, OPT_OUT_DELIM,
	OPT_DEC_COMMA, OPT_MAX_RECORD, OPT_MAX_FIELDS, OPT_CONFIG,
	OPT_PRINT_CONFIG, OPT_BY
};

static const struct option long_options[] = {
	{ "format", required_argument, NULL, 'f' },
	{ "output", required_argument, NULL, 'o' },
	{ "delimiter", required_argument, NULL, 'd' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ "only", required_argument, NULL, OPT_ONLY },
	{ "sort", required_argument, NULL, OPT_SORT },
	{ "roster", required_argument, NULL, OPT_ROSTER },
	{ "max-points", required_argument, NULL, OPT_MAX_POINTS },
	{ "max-cases", required_argument, NULL, OPT_MAX_CASES },
	{ "under", required_argument, NULL, OPT_UNDER },
	{ "fail-on", required_argument, NULL, OPT_FAIL_ON },
	{ "encoding", required_argument, NULL, OPT_ENCODING },
	{ "excel", no_argument, NULL, OPT_EXCEL },
	{ "output-delimiter", required_argument, NULL, OPT_OUT_DELIM },
	{ "decimal-comma", no_argument, NULL, OPT_DEC_COMMA },
	{ "max-record-size", required_argument, NULL, OPT_MAX_RECORD },
	{ "max-fields", required_argument, NULL, OPT_MAX_FIELDS },
	{ "config", required_argument, NULL, OPT_CONFIG },
	{ "print-config", no_argument, NULL, OPT_PRINT_CONFIG },
	{ "by", required_argument, NULL, OPT_BY },
	{ NULL, 0, NULL, 0 }
};

static int
apply_option(struct options *o, int c, const char *arg)
{
	int v;

	switch (c) {
	case 'f':
		if ((o->render = cl_render_lookup(arg)) == NULL)
			return bad_value("--format", "table, csv, tsv or json",
			    arg);
		o->format_given = 1;
		return 0;
	case 'o':
		o->output = arg;
		return 0;
	case 'd':
		return delimiter_arg("--delimiter", arg,
		    &o->reader_opt.delimiter);
	case OPT_ONLY:
		if ((v = cl_only_parse(arg)) < 0)
			return bad_value("--only",
			    "over, under, flagged, ok or all", arg);
		o->render_opt.only = (enum cl_only)v;
		return 0;
	case OPT_SORT:
		if (strcmp(arg, "status") == 0)
			o->sort = CL_SORT_STATUS;
		else if (strcmp(arg, "load") == 0)
			o->sort = CL_SORT_LOAD;
		else if (strcmp(arg, "name") == 0)
			o->sort = CL_SORT_NAME;
		else
			return bad_value("--sort", "status, load or name", arg);
		return 0;
	case OPT_ROSTER:
		o->roster = arg;
		return 0;
	case OPT_MAX_POINTS:
		o->flags_set |= CL_SET_POINTS;
		return decimal_arg("--max-points", arg, CL_DEC(1000000000), 0,
		    &o->targets.points);
	case OPT_MAX_CASES:
		o->flags_set |= CL_SET_CASES;
		return decimal_arg("--max-cases", arg, CL_DEC(1000000000), 0,
		    &o->targets.cases);
	case OPT_UNDER:
		o->flags_set |= CL_SET_UNDER;
		return decimal_arg("--under", arg, CL_DEC(100), 1,
		    &o->targets.under_pct);
	case OPT_CONFIG:
		if (strcmp(arg, "-") == 0)
			return bad_value("--config", "a file (stdin is for "
			    "case lists)", arg);
		o->config = arg;
		return 0;
	case OPT_PRINT_CONFIG:
		o->print_config = 1;
		return 0;
	case OPT_BY:
		if (strcmp(arg, "worker") != 0 && strcmp(arg, "team") != 0)
			return bad_value("--by", "worker or team", arg);
		o->render_opt.by_team = strcmp(arg, "team") == 0;
		return 0;
	case OPT_FAIL_ON:
		v = cl_only_parse(arg);
		if (v != CL_ONLY_OVER && v != CL_ONLY_UNDER &&
		    v != CL_ONLY_FLAGGED)
			return bad_value("--fail-on", "over, under or flagged",
			    arg);
		o->fail_on = v;
		return 0;
	case OPT_ENCODING:
		if ((v = cl_encoding_parse(arg)) < 0)
			return bad_value("--encoding", "auto, utf-8, "
			    "windows-1252, utf-16le or utf-16be", arg);
		o->reader_opt.encoding = (enum cl_encoding)v;
		return 0;
	case OPT_EXCEL:
		o->excel = 1;
		return 0;
	case OPT_OUT_DELIM:
		return delimiter_arg("--output-delimiter", arg,
		    &o->output_delimiter);
	case OPT_DEC_COMMA:
		o->decimal_comma = 1;
		return 0;
	case OPT_MAX_RECORD:
		return size_arg("--max-record-size", arg,
		    &o->reader_opt.max_record_bytes);
	case OPT_MAX_FIELDS:
		return size_arg("--max-fields", arg, &o->reader_opt.max_fields);
	}
	return CL_EUSAGE;
}

/* Parses argv; returns -1 to go on, else the exit status. */
static int
parse_options(struct options *o, int argc, char **argv)
{
	int c;

	memset(o, 0, sizeof *o);
	o->render = cl_render_table;
	cl_render_options_default(&o->render_opt);
	cl_targets_default(&o->targets);
	o->fail_on = -1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":f:o:d:hV", long_options,
	    NULL)) != -1) {
		int rc;

		switch (c) {
		case 'h':
			fputs(usage_text, stdout);
			fputs(help_text, stdout);
			return fflush(stdout) == 0 ? CL_OK : CL_EIO;
		case 'V':
			puts("caseload " CL_VERSION);
			return fflush(stdout) == 0 ? CL_OK : CL_EIO;
		case ':':
			return usage_error("%s: needs a value",
			    argv[optind - 1]);
		case '?':
			if (optopt != 0)
				return usage_error("unknown option -%c",
				    optopt);
			return usage_error("unknown option %s",
			    argv[optind - 1]);
		default:
			if ((rc = apply_option(o, c, optarg)) != 0)
				return rc;
		}
	}
	if (o->excel) {
		/* --excel is about a file for Excel: CSV unless told TSV */
		if (!o->format_given)
			o->render = cl_render_csv;
		if (o->render != cl_render_csv && o->render != cl_render_tsv)
			return usage_error("--excel goes with --format csv or "
			    "tsv");
		o->render_opt.bom = 1;
		o->render_opt.delimiter = ';';
		o->render_opt.decimal_sep = ',';
		o->render_opt.newline = "\r\n";
	}
	if (o->output_delimiter)
		o->render_opt.delimiter = (char)o->output_delimiter;
	if (o->decimal_comma)
		o->render_opt.decimal_sep = ',';
	return -1;
}

/* ---- inputs ---- */

struct input {
	const char *name;       /* as the user wrote it; "<stdin>" for - */
	int fd;
};

static int
open_input(struct input *in, const char *path)
{
	struct stat st;

	if (strcmp(path, "-") == 0) {
		in->name = "<stdin>";
		in->fd = STDIN_FILENO;
		return 0;
	}
	in->name = path;
	in->fd = open(path, O_RDONLY);
	if (in->fd < 0) {
		fprintf(stderr, "caseload: %s: %s\n", path, strerror(errno));
		return -1;
	}
	if (fstat(in->fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		fprintf(stderr, "caseload: %s: is a directory\n", path);
		close(in->fd);
		in->fd = -1;
		return -1;
	}
	return 0;
}

static void
close_input(struct input *in)
{
	if (in->fd > STDIN_FILENO)
		close(in->fd);
	in->fd = -1;
}

/* Reads one input through a source; returns its status, or CL_ENOINPUT. */
static int
read_input(struct cl_source *src, struct input *in, int *fatal)
{
	static char buf[1 << 20];

	*fatal = 0;
	for (;;) {
		ssize_t n = read(in->fd, buf, sizeof buf);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			fprintf(stderr, "caseload: %s: %s\n", in->name,
			    strerror(errno));
			*fatal = 1;
			return CL_ENOINPUT;
		}
		if (n == 0)
			break;
		if (cl_source_feed(src, buf, (size_t)n) != CL_OK)
			break;	/* a structural error: the rest is not read */
	}
	return cl_source_finish(src, fatal);
}

static int
max_status(int a, int b)
{
	return a > b ? a : b;
}

static int
write_report(const struct options *o, const struct cl_report *report,
    struct run *run)
{
	struct cl_render_options ropt = o->render_opt;
	struct output out;
	int failed;

	ropt.diags = run->diags;
	ropt.ndiags = run->ndiags;
	if (output_open(&out, o->output) != 0) {
		fprintf(stderr, "caseload: %s: %s\n", o->output,
		    strerror(errno));
		return CL_EIO;
	}
	failed = o->render(report, &ropt, out.fp) != 0;
	if (output_close(&out, !failed) != 0 || failed) {
		fprintf(stderr, "caseload: %s: %s\n",
		    o->output != NULL ? o->output : "<stdout>",
		    strerror(errno ? errno : EIO));
		return CL_EIO;
	}
	return CL_OK;
}

#define MAX_CONFIG_BYTES ((size_t)16 << 20)

/* Reads a whole configuration file into *text; returns CL_OK, or
 * CL_ENOINPUT / CL_ECONFIG with the message printed. */
static int
slurp(const char *path, char **text, size_t *len)
{
	struct input in;
	struct cl_buf b = { 0 };
	char chunk[65536];
	ssize_t n;

	if (open_input(&in, path) != 0)
		return CL_ENOINPUT;
	while ((n = read(in.fd, chunk, sizeof chunk)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 || b.len + (size_t)n > MAX_CONFIG_BYTES) {
			fprintf(stderr, "caseload: %s: %s\n", in.name, n < 0
			    ? strerror(errno) : "larger than 16 MiB: not a "
			    "configuration file");
			close_input(&in);
			cl_buf_free(&b);
			return n < 0 ? CL_ENOINPUT : CL_ECONFIG;
		}
		cl_buf_append(&b, chunk, (size_t)n);
	}
	close_input(&in);
	cl_buf_append(&b, "", 0);
	*len = b.len;
	*text = b.data;
	return CL_OK;
}

/*
 * The configuration in effect: defaults, then the file (--config, else
 * $CASELOAD_CONFIG), then the target flags.  Returns CL_OK, CL_ENOINPUT
 * or CL_ECONFIG.
 */
static int
load_config(const struct options *o, struct cl_config *config)
{
	const char *path = o->config;
	struct run run = { 0 };
	char *text;
	size_t len;
	int status;

	if (path == NULL && getenv("CASELOAD_CONFIG") != NULL &&
	    *getenv("CASELOAD_CONFIG") != '\0')
		path = getenv("CASELOAD_CONFIG");
	if (path != NULL) {
		if ((status = slurp(path, &text, &len)) != CL_OK)
			return status;
		status = cl_config_read(config, path, text, len, print_diag,
		    &run);
		free(text);
		if (status != CL_OK)
			return status;
	}
	if (o->flags_set & CL_SET_POINTS)
		config->targets.points = o->targets.points;
	if (o->flags_set & CL_SET_CASES)
		config->targets.cases = o->targets.cases;
	if (o->flags_set & CL_SET_UNDER)
		config->targets.under_pct = o->targets.under_pct;
	return CL_OK;
}

/* A team entry that no worker's team matches is most likely a typo, and
 * its targets would silently not apply. */
static void
warn_unused_teams(const struct cl_config *config,
    const struct cl_report *report, struct run *run)
{
	for (size_t i = 0; i < config->nteams; i++) {
		const char *name = config->teams[i].name;
		size_t k = 0;
		struct cl_diag d = { config->file, 0, CL_WARNING, NULL };
		struct cl_buf msg = { 0 };

		while (k < report->nteams && (report->teams[k].name == NULL ||
		    !cl_same_name(report->teams[k].name, name)))
			k++;
		if (k < report->nteams)
			continue;
		cl_buf_append(&msg, "teams.", 6);
		cl_text_for_message(&msg, name, strlen(name));
		cl_buf_append(&msg, ": no worker is in this team", 27);
		d.message = msg.data;
		print_diag(run, &d);
		cl_buf_free(&msg);
	}
}

static int
flagged(const struct cl_report *report, int fail_on)
{
	if (fail_on < 0)
		return 0;
	for (size_t i = 0; i < report->nworkers; i++)
		if (cl_only_matches((enum cl_only)fail_on,
		    report->workers[i].status))
			return 1;
	return 0;
}

static int
run_report(const struct options *o, const struct cl_config *config,
    struct input *inputs, size_t ninputs, struct input *roster)
{
	struct run run = { 0 };
	struct cl_engine *engine;
	int status = CL_OK, fatal_any = 0, fatal;

	run.keep_diags = o->render == cl_render_json;
	engine = cl_engine_new(&config->targets, print_diag, &run);
	cl_engine_use_config(engine, config);
	if (roster->fd >= 0) {
		struct cl_source *src = cl_source_roster(engine, roster->name,
		    &o->reader_opt, print_diag, &run);

		status = max_status(status, read_input(src, roster, &fatal));
		fatal_any |= fatal;
		cl_source_free(src);
	}
	/* After a broken roster every worker would look unlisted; after a
	 * broken case list the other lists are still read for their errors. */
	for (size_t i = 0; i < ninputs && !(fatal_any && roster->fd >= 0);
	    i++) {
		struct cl_source *src = cl_source_cases(engine, inputs[i].name,
		    &o->reader_opt, print_diag, &run);

		status = max_status(status, read_input(src, &inputs[i],
		    &fatal));
		fatal_any |= fatal;
		cl_source_free(src);
	}
	if (!fatal_any) {
		const struct cl_report *report = cl_engine_report(engine,
		    o->sort);

		warn_unused_teams(config, report, &run);
		if (flagged(report, o->fail_on))
			status = max_status(status, CL_FLAGGED);
		status = max_status(status, write_report(o, report, &run));
	}
	if (run.errors > 0)
		status = max_status(status, CL_EDATA);
	cl_engine_free(engine);
	free_diags(&run);
	return status;
}

int
main(int argc, char **argv)
{
	struct options o;
	struct input *inputs, roster = { NULL, -1 };
	struct cl_config *config;
	size_t ninputs;
	int status, stdin_used = 0;

	if ((status = parse_options(&o, argc, argv)) >= 0)
		return status;
	/* The configuration comes first: if it is wrong, read no input. */
	config = cl_config_new();
	if ((status = load_config(&o, config)) != CL_OK || o.print_config) {
		if (status == CL_OK && (cl_config_print(config, stdout) != 0 ||
		    fflush(stdout) != 0)) {
			fprintf(stderr, "caseload: <stdout>: %s\n",
			    strerror(errno));
			status = CL_EIO;
		}
		cl_config_free(config);
		return status;
	}
	ninputs = optind < argc ? (size_t)(argc - optind) : 1;
	inputs = cl_xcalloc(ninputs, sizeof *inputs);
	status = CL_OK;
	/* Open everything first: if one input is missing, report nothing. */
	if (o.roster != NULL && open_input(&roster, o.roster) != 0)
		status = CL_ENOINPUT;
	stdin_used = o.roster != NULL && strcmp(o.roster, "-") == 0;
	for (size_t i = 0; i < ninputs; i++) {
		const char *path = optind < argc ? argv[optind + (int)i] : "-";

		inputs[i].fd = -1;
		if (strcmp(path, "-") == 0 && stdin_used++) {
			status = max_status(status,
			    usage_error("stdin (-) is named twice"));
			continue;
		}
		if (open_input(&inputs[i], path) != 0)
			status = max_status(status, CL_ENOINPUT);
	}
	if (status == CL_OK)
		status = run_report(&o, config, inputs, ninputs, &roster);
	for (size_t i = 0; i < ninputs; i++)
		close_input(&inputs[i]);
	close_input(&roster);
	free(inputs);
	cl_config_free(config);
	return status;
}
