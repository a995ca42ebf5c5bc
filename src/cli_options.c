/*
 * cli_options.c - the command line: options, their values, help.
 */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* The report's usage; %s is the formats.  The subcommands' follow. */
/* TRANSLATORS: translate "usage:" only, and keep the following lines
 * lined up under "caseload"; the options are the same in every language. */
static const char usage_text[] = N_(
"usage: caseload [-f %s] [-o FILE] [--roster FILE]\n"
"                [--config FILE] [--print-config] [--by worker|team]\n"
"                [--max-points N] [--max-cases N] [--under PCT]\n"
"                [--only over|under|flagged|ok|all] [--sort status|load|name]\n"
"                [--fail-on over|under|flagged] [-d DELIM] [--encoding ENC]\n"
"                [--excel] [--output-delimiter C] [--decimal-comma]\n"
"                [--max-record-size BYTES] [--max-fields N]\n"
"                [--column ROLE=HEADER] [--lang da|sv|en] [-q]\n"
"                [--as-of DATE] [--record DB [--record-partial]] [FILE...]\n");

/* TRANSLATORS: before each subcommand's usage; as wide as "usage:" */
static const char usage_more[] = N_("       caseload %s");

/*
 * The help up to the subcommands' sections, in paragraphs a translator
 * can take one at a time; the last one's %s is the formats.
 */
static const char *const help_text[] = {
N_("Sums each caseworker's cases and points from exported case lists and\n"
"reports who is over or under their targets.  No FILE, or -, reads stdin.\n"
"\n"),
N_("A subcommand comes first, or after only -f, -o, -q, --lang, --excel,\n"
"--output-delimiter and --decimal-comma: caseload --lang sv diff OLD NEW.\n"
"A case list named like a subcommand is written ./diff.\n"
"\n"),
N_("Input:\n"
"  --roster FILE          workers with fte, team and reduction; all appear\n"
"  --config FILE          JSON targets, categories, teams, reductions\n"
"                         (default: $CASELOAD_CONFIG)\n"
"  --print-config         print the configuration in effect and exit\n"
"  -d, --delimiter C      ',', ';', 'tab' or '|' (default: sniffed)\n"
"  --encoding ENC         auto, utf-8, windows-1252, utf-16le, utf-16be\n"
"  --max-record-size N    longest record in bytes (default 1048576)\n"
"  --max-fields N         most fields in a record (default 16384)\n"
"  --column ROLE=HEADER   read ROLE (worker, case_id, points, category,\n"
"                         team) from the column HEADER; repeatable\n"
"  -q, --quiet            no notes on stderr (warnings and errors stay)\n"),
/* xgettext:no-c-format */
N_("Targets (per full-time worker):\n"
"  --max-points N         points target (default 120)\n"
"  --max-cases N          cases target (default 25)\n"
"  --under PCT            under when points < PCT % of target (default 80)\n"),
};

/* TRANSLATORS: %s is the formats: "table (default), csv, tsv or json" */
static const char help_report[] = N_("Report:\n"
"  -f, --format FMT       %s\n"
"  --only WHICH           over, under, flagged, ok or all (default)\n"
"  --sort ORDER           status (default), load or name\n"
"  --by worker|team       a row per worker (default) or per team\n"
"  -o, --output FILE      write the report to FILE instead of stdout\n"
"  --excel                CSV for Danish/Swedish Excel: BOM, ';', ',' decimals, CRLF\n"
"  --output-delimiter C   CSV delimiter: ',', ';', 'tab' or '|'\n"
"  --decimal-comma        write decimals with ','\n"
"  --fail-on WHICH        exit 1 when a worker is over, under or flagged\n"
"  --lang da|sv|en        Danish, Swedish or English (default: LANGUAGE,\n"
"                         LC_ALL, LC_MESSAGES, LANG); CSV, TSV and JSON\n"
"                         are the same in every language\n"
"  --record DB            also record the report in the SQLite history DB\n"
"  --record-partial       record it even when some rows could not be counted\n"
"  --as-of DATE           the day, YYYY-MM-DD (default: today): F/month is\n"
"                         counted on it and --record records under it\n");

static const char help_tail[] = N_(
"  -h, --help             this help;  -V, --version  the version\n"
"\n"
"Exit status: 0 success, 1 --fail-on matched, 64 usage, 65 data error,\n"
"66 input not readable, 74 output not writable, 78 configuration error.\n"
"See caseload(1).\n");

/*
 * The names of the formats with `flags` (all: 0), joined by `sep` and the
 * last by `last`; with `mark` the first says "(default)".  Into b.
 */
static void
format_names(struct cl_buf *b, unsigned flags, const char *sep,
    const char *last, int mark)
{
	size_t n, k = 0, count = 0;
	const struct cl_format *f = cl_formats(&n);

	for (size_t i = 0; i < n; i++)
		count += (f[i].flags & flags) == flags;
	cl_buf_append(b, "", 0);
	for (size_t i = 0; i < n; i++) {
		if ((f[i].flags & flags) != flags)
			continue;
		if (k > 0) {
			const char *s = k + 1 == count ? last : sep;

			cl_buf_append(b, s, strlen(s));
		}
		cl_buf_append(b, f[i].name, strlen(f[i].name));
		if (mark && k == 0) {
			/* TRANSLATORS: after the default format's name */
			const char *d = _(" (default)");

			cl_buf_append(b, d, strlen(d));
		}
		k++;
	}
}

/* Names in `takes` (TAKES_* bits), joined "--a, --b and --c"; into b. */
static void
option_names(struct cl_buf *b, unsigned takes)
{
	static const char *const names[] = { "--fill", "--across-teams",
		"--keep", "--points", "--category", "--team", "--cases",
		"--as-of", "--days", "--list", "--by", "--only", "--sort",
		"--record", "--record-partial", "--weeks", "--forget", "--ascii" };
	size_t count = 0, k = 0;

	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		count += (takes >> i) & 1;
	cl_buf_append(b, "", 0);
	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		if (!((takes >> i) & 1))
			continue;
		if (k > 0) {
			/* TRANSLATORS: between the last two of a list */
			const char *sep = k + 1 == count ? _(" and ") : ", ";

			cl_buf_append(b, sep, strlen(sep));
		}
		cl_buf_append(b, names[i], strlen(names[i]));
		k++;
	}
}

static int
print_help(void)
{
	struct cl_buf usage = { 0 }, help = { 0 };
	size_t n;
	const struct subcommand *cmd = cli_subcommands(&n);

	format_names(&usage, 0, "|", "|", 0);
	format_names(&help, 0, ", ", _(" or "), 1);
	printf(_(usage_text), usage.data);
	for (size_t i = 0; i < n; i++)
		if (cmd[i].usage != NULL)
			printf(_(usage_more), _(cmd[i].usage));
	for (size_t i = 0; i < sizeof help_text / sizeof *help_text; i++)
		fputs(_(help_text[i]), stdout);
	printf(_(help_report), help.data);
	for (size_t i = 0; i < n; i++)
		fputs(*cmd[i].help != '\0' ? _(cmd[i].help) : "", stdout);
	fputs(_(help_tail), stdout);
	cl_buf_free(&usage);
	cl_buf_free(&help);
	return fflush(stdout) == 0 ? CL_OK : CL_EIO;
}

int
cli_usage_error(const char *fmt, ...)
{
	va_list ap;

	fputs("caseload: ", stderr);
	va_start(ap, fmt);
	/* clang-analyzer 14 misreads glibc's va_start as leaving ap unset */
	vfprintf(stderr, fmt, ap); /* NOLINT(clang-analyzer-valist.Uninitialized) */
	va_end(ap);
	fprintf(stderr, "\n%s\n", _("Try 'caseload --help'."));
	return CL_EUSAGE;
}

int
cli_bad_value(const char *option, const char *expected, const char *got)
{
	fputs("caseload: ", stderr);
	/* TRANSLATORS: "--sort: expected status, load or name, got "x"" */
	fprintf(stderr, _("%s: expected %s, got \"%s\""), option, expected,
	    got);
	fprintf(stderr, "\n%s\n", _("Try 'caseload --help'."));
	return CL_EUSAGE;
}

/* A positive decimal at most `max`; 0 also when zero_ok. */
/*
 * $SOURCE_DATE_EPOCH as seconds since 1970, from 0 to the end of the year
 * 9999 (a date a heading can write); 0 when it is not set or not such a
 * number.  Its own 0 is one second on, as libxlsxwriter takes 0 for now.
 */
static long long
source_date_epoch(void)
{
	const char *epoch = getenv("SOURCE_DATE_EPOCH");
	char *end;
	long long v;

	if (epoch == NULL || *epoch == '\0')
		return 0;
	v = strtoll(epoch, &end, 10);
	if (*end != '\0' || v < 0 || v > 253402300799LL)
		return 0;
	return v > 0 ? v : 1;
}

static int
decimal_arg(const char *option, const char *arg, cl_dec max, int zero_ok,
    cl_dec *out)
{
	cl_dec v;
	const char *expected = !zero_ok ? _("a positive number")
	    : max == CL_DEC(100) ? _("a number from 0 to 100") : _("a number");

	if (cl_dec_parse(arg, strlen(arg), &v) == NULL && v > max &&
	    max != CL_DEC(100)) {
		char most[CL_DEC_BUFSIZE], what[128];

		/* TRANSLATORS: what an option takes: "a number up to
		 * 1000000000" */
		snprintf(what, sizeof what, _("a number up to %s"),
		    cl_dec_format(max, 0, '.', most));
		return cli_bad_value(option, what, arg);
	}
	if (cl_dec_parse(arg, strlen(arg), &v) != NULL || v > max ||
	    (v == 0 && !zero_ok))
		return cli_bad_value(option, expected, arg);
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
		return cli_bad_value(option, _("a positive whole number"), arg);
	*out = (size_t)v;
	return 0;
}

/* A whole number from 1 to max, quietly: 0, or -1 when it is not. */
static int
whole_number(const char *arg, size_t max, size_t *out)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(arg, &end, 10);
	if (errno != 0 || *end != '\0' || end == arg || v == 0 ||
	    arg[0] < '0' || arg[0] > '9' || v > max)
		return -1;
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
		return cli_bad_value(option, _("',', ';', 'tab' or '|'"), arg);
	return 0;
}

/* --fail-on takes the words of the subcommand's row. */
static int
fail_on_arg(struct options *o, const char *arg)
{
	const struct fail_on_word *w = o->cmd->fail_on;
	struct cl_buf expected = { 0 };
	size_t n = 0;
	int rc;

	if (o->cmd->run_history != NULL) {
		size_t k;

		if (strncmp(arg, "streak:", 7) != 0 ||
		    whole_number(arg + 7, 1000000, &k) != 0)
			return cli_bad_value("--fail-on", _("streak:N, N a "
			    "positive whole number"), arg);
		o->fail_streak = (long)k;
		return 0;
	}
	for (size_t i = 0; w[i].word != NULL; i++)
		if (strcmp(w[i].word, arg) == 0) {
			o->fail_on = w[i].value;
			o->fail_diff = FAIL_NONE;
			if (w[i].value == FAIL_ON_NEWLY_OVER ||
			    w[i].value == FAIL_ON_CHANGED) {
				o->fail_diff = w[i].value == FAIL_ON_CHANGED
				    ? FAIL_CHANGED : FAIL_NEWLY_OVER;
				o->fail_on = -1;
			}
			return 0;
		}
	while (w[n].word != NULL)
		n++;
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			cl_buf_printf(&expected, "%s", i + 1 == n ? _(" or ")
			    : ", ");
		cl_buf_append(&expected, w[i].word, strlen(w[i].word));
	}
	cl_buf_append(&expected, "", 0);
	rc = cli_bad_value("--fail-on", expected.data, arg);
	cl_buf_free(&expected);
	return rc;
}

/* --column ROLE=HEADER, kept as given for cli_load_config. */
static int
column_arg(struct options *o, char *arg)
{
	const char *eq = strchr(arg, '=');
	size_t i = 0;

	while (eq != NULL && cl_column_roles[i] != NULL &&
	    (strlen(cl_column_roles[i]) != (size_t)(eq - arg) ||
	    strncmp(cl_column_roles[i], arg, (size_t)(eq - arg)) != 0))
		i++;
	if (eq == NULL || cl_column_roles[i] == NULL || eq[1] == '\0')
		return cli_bad_value("--column", _("ROLE=HEADER with ROLE worker, "
		    "case_id, points, category or team"), arg);
	o->columns = cl_xrealloc(o->columns, (o->ncolumns + 1) *
	    sizeof *o->columns);
	o->columns[o->ncolumns++] = arg;
	return 0;
}

enum {
	OPT_ONLY = 256, OPT_SORT, OPT_ROSTER, OPT_MAX_POINTS, OPT_MAX_CASES,
	OPT_UNDER, OPT_FAIL_ON, OPT_ENCODING, OPT_EXCEL, OPT_OUT_DELIM,
	OPT_DEC_COMMA, OPT_MAX_RECORD, OPT_MAX_FIELDS, OPT_CONFIG,
	OPT_PRINT_CONFIG, OPT_BY, OPT_FILL, OPT_ACROSS, OPT_KEEP, OPT_POINTS,
	OPT_CATEGORY, OPT_TEAM, OPT_AS_OF, OPT_DAYS, OPT_LIST, OPT_COLUMN,
	OPT_CASES, OPT_LANG, OPT_RECORD, OPT_RECORD_PARTIAL, OPT_WEEKS,
	OPT_FORGET, OPT_ASCII
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
	{ "fill", required_argument, NULL, OPT_FILL },
	{ "across-teams", no_argument, NULL, OPT_ACROSS },
	{ "keep", required_argument, NULL, OPT_KEEP },
	{ "points", required_argument, NULL, OPT_POINTS },
	{ "category", required_argument, NULL, OPT_CATEGORY },
	{ "team", required_argument, NULL, OPT_TEAM },
	{ "days", required_argument, NULL, OPT_DAYS },
	{ "list", no_argument, NULL, OPT_LIST },
	{ "column", required_argument, NULL, OPT_COLUMN },
	{ "quiet", no_argument, NULL, 'q' },
	{ "cases", no_argument, NULL, OPT_CASES },
	{ "lang", required_argument, NULL, OPT_LANG },
	{ "record", required_argument, NULL, OPT_RECORD },
	{ "record-partial", no_argument, NULL, OPT_RECORD_PARTIAL },
	{ "as-of", required_argument, NULL, OPT_AS_OF },
	{ "weeks", required_argument, NULL, OPT_WEEKS },
	{ "list", no_argument, NULL, OPT_LIST },
	{ "forget", required_argument, NULL, OPT_FORGET },
	{ "ascii", no_argument, NULL, OPT_ASCII },
	{ NULL, 0, NULL, 0 }
};

static int
known_language(const char *lang)
{
	return strcmp(lang, "da") == 0 || strcmp(lang, "sv") == 0 ||
	    strcmp(lang, "en") == 0;
}

/* Whether argv[i], an option, takes the next argument as its value. */
static int
takes_value(const char *arg)
{
	if (arg[0] == '-' && arg[1] != '-')	/* -f FMT, but -fcsv */
		return arg[1] != '\0' && arg[2] == '\0' &&
		    strchr("fod", arg[1]) != NULL;
	for (size_t i = 0; long_options[i].name != NULL; i++)
		if (strcmp(arg + 2, long_options[i].name) == 0)
			return long_options[i].has_arg == required_argument;
	return 0;
}

const char *
cli_lang_option(int argc, char **argv)
{
	const char *lang = NULL;

	for (int i = 1; i < argc && strcmp(argv[i], "--") != 0; i++) {
		if (strncmp(argv[i], "--lang=", 7) == 0)
			lang = argv[i] + 7;
		else if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc)
			lang = argv[++i];
		else if (argv[i][0] == '-' && takes_value(argv[i]))
			i++;
	}
	/* a wrong value is reported by cli_parse_options */
	return lang != NULL && known_language(lang) ? lang : NULL;
}

static int
apply_option(struct options *o, int c, char *arg)
{
	int v;

	switch (c) {
	case 'f':
		if ((o->format = cl_format_find(arg)) == NULL) {
			struct cl_buf names = { 0 };

			format_names(&names, 0, ", ", _(" or "), 0);
			v = cli_bad_value("--format", names.data, arg);
			cl_buf_free(&names);
			return v;
		}
		o->format_given = 1;
		return 0;
	case 'o':
		o->output = arg;
		return 0;
	case 'q':
		o->quiet = 1;
		return 0;
	case OPT_COLUMN:
		return column_arg(o, arg);
	case OPT_LANG:
		if (!known_language(arg))
			return cli_bad_value("--lang", _("da, sv or en"), arg);
		/* cli_lang_option chose it already, unless abbreviated */
		cli_language_set(arg);
		return 0;
	case 'd':
		return delimiter_arg("--delimiter", arg,
		    &o->reader_opt.delimiter);
	case OPT_ONLY:
		if ((v = cl_only_parse(arg)) < 0 || (v == CL_ONLY_CHANGED &&
		    !o->cmd->compares))
			return cli_bad_value("--only", o->cmd->compares
			    ? _("changed, all, over, under, flagged or ok")
			    : _("over, under, flagged, ok or all"), arg);
		o->render_opt.only = (enum cl_only)v;
		o->given |= TAKES_ONLY;
		o->only_given = 1;
		return 0;
	case OPT_CASES:
		o->given |= TAKES_CASES;
		o->render_opt.all_cases = 1;
		return 0;
	case OPT_SORT:
		if (strcmp(arg, "status") == 0)
			o->sort = CL_SORT_STATUS;
		else if (strcmp(arg, "load") == 0)
			o->sort = CL_SORT_LOAD;
		else if (strcmp(arg, "name") == 0)
			o->sort = CL_SORT_NAME;
		else
			return cli_bad_value("--sort", _("status, load or name"), arg);
		o->given |= TAKES_SORT;
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
			return cli_bad_value("--config", _("a file (stdin is for "
			    "case lists)"), arg);
		o->config = arg;
		return 0;
	case OPT_PRINT_CONFIG:
		o->print_config = 1;
		return 0;
	case OPT_BY:
		if (strcmp(arg, "worker") != 0 && strcmp(arg, "team") != 0)
			return cli_bad_value("--by", _("worker or team"), arg);
		o->render_opt.by_team = strcmp(arg, "team") == 0;
		o->given |= TAKES_BY;
		return 0;
	case OPT_FILL:
		o->given |= TAKES_FILL;
		if (cl_dec_parse(arg, strlen(arg), &o->plan.fill_pct) != NULL ||
		    o->plan.fill_pct == 0 || o->plan.fill_pct > CL_DEC(100))
			return cli_bad_value("--fill", _("a percentage above 0 and at "
			    "most 100"), arg);
		return 0;
	case OPT_ACROSS:
		o->given |= TAKES_ACROSS_TEAMS;
		o->plan.across_teams = 1;
		return 0;
	case OPT_KEEP:
		if (strcmp(arg, "-") == 0)
			return cli_bad_value("--keep", _("a file (stdin is for "
			    "case lists)"), arg);
		o->given |= TAKES_KEEP;
		o->keep_file = arg;
		return 0;
	case OPT_POINTS:
		o->given |= TAKES_POINTS;
		o->new_points_arg = arg;
		return decimal_arg("--points", arg, CL_DEC(1000000000), 1,
		    &o->new_points);
	case OPT_CATEGORY:
		o->given |= TAKES_CATEGORY;
		o->new_category = arg;
		return 0;
	case OPT_TEAM:
		o->given |= TAKES_TEAM;
		o->new_team = arg;
		return 0;
	case OPT_AS_OF:
		o->given |= TAKES_AS_OF;
		if (cl_date_parse(arg, strlen(arg), 1, &o->as_of) != NULL)
			return cli_bad_value("--as-of", _("a date YYYY-MM-DD"),
			    arg);
		return 0;
	case OPT_DAYS: {
		size_t days;

		o->given |= TAKES_DAYS;
		if (size_arg("--days", arg, &days) != 0)
			return CL_EUSAGE;
		if (days > 36525)
			return cli_bad_value("--days", _("a whole number from 1 "
			    "to 36525"), arg);
		o->days = (long)days;
		return 0;
	}
	case OPT_LIST:
		o->given |= TAKES_LIST;
		o->render_opt.list = 1;
		o->list = 1;
		return 0;
	case OPT_FAIL_ON:
		return fail_on_arg(o, arg);
	case OPT_ENCODING:
		if ((v = cl_encoding_parse(arg)) < 0)
			return cli_bad_value("--encoding", _("auto, utf-8, "
			    "windows-1252, utf-16le or utf-16be"), arg);
		o->reader_opt.encoding = (enum cl_encoding)v;
		o->reader_opt.encoding_given = v != CL_ENC_AUTO;
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
	case OPT_RECORD:
		o->given |= TAKES_RECORD;
		if (strcmp(arg, "-") == 0)
			return cli_bad_value("--record", _("a database file"), arg);
		o->record = arg;
		return 0;
	case OPT_RECORD_PARTIAL:
		o->given |= TAKES_RECORD_PARTIAL;
		o->record_partial = 1;
		return 0;
	case OPT_WEEKS:
		o->given |= TAKES_WEEKS;
		if (whole_number(arg, 1000000, &o->weeks) != 0)
			return cli_bad_value("--weeks", _("a positive whole number"),
			    arg);
		return 0;
	case OPT_FORGET:
		o->given |= TAKES_FORGET;
		if (!cl_date_valid(arg))
			return cli_bad_value("--forget", _("a date YYYY-MM-DD"), arg);
		o->forget = arg;
		return 0;
	case OPT_ASCII:
		o->given |= TAKES_ASCII;
		o->render_opt.ascii = 1;
		return 0;
	}
	return CL_EUSAGE;
}

/*
 * Whether argv[i] is an option that every subcommand takes, and so may
 * come before the subcommand's name: -f, -o, -q, --lang, --excel,
 * --output-delimiter, --decimal-comma, written in full (--format=csv and
 * -qfcsv too).  *next is the index after it and its value.
 */
static int
global_option(int argc, char **argv, int i, int *next)
{
	static const char *const names[] = { "format", "output", "quiet",
		"lang", "excel", "output-delimiter", "decimal-comma" };
	const char *arg = argv[i], *eq;
	size_t len;

	if (arg[0] != '-' || arg[1] == '\0' || strcmp(arg, "--") == 0)
		return 0;
	if (arg[1] != '-') {	/* -q, -f FMT, -fFMT, -qf FMT */
		for (int j = 1; arg[j] != '\0'; j++) {
			if (arg[j] == 'q')
				continue;
			if ((arg[j] != 'f' && arg[j] != 'o') ||
			    (arg[j + 1] == '\0' && i + 1 >= argc))
				return 0;
			*next = arg[j + 1] != '\0' ? i + 1 : i + 2;
			return 1;
		}
		*next = i + 1;
		return 1;
	}
	eq = strchr(arg + 2, '=');
	len = eq != NULL ? (size_t)(eq - (arg + 2)) : strlen(arg + 2);
	for (size_t k = 0; k < sizeof names / sizeof *names; k++) {
		int value;

		if (strlen(names[k]) != len || strncmp(arg + 2, names[k], len) != 0)
			continue;
		value = strcmp(names[k], "format") == 0 ||
		    strcmp(names[k], "output") == 0 ||
		    strcmp(names[k], "lang") == 0 ||
		    strcmp(names[k], "output-delimiter") == 0;
		if (value && eq == NULL && i + 1 >= argc)
			return 0;
		*next = value && eq == NULL ? i + 2 : i + 1;
		return !value && eq != NULL ? 0 : 1;
	}
	return 0;
}

/*
 * The subcommand named first, or after global options only (then moved
 * to argv[1], before them, as getopt_long expects it); else the report
 * (the first row).  A case list named like a subcommand is ./diff.
 */
static const struct subcommand *
find_subcommand(int argc, char **argv)
{
	size_t n;
	const struct subcommand *cmd = cli_subcommands(&n);
	int at = 1, next;

	while (at < argc && global_option(argc, argv, at, &next))
		at = next;
	for (size_t i = 1; at < argc && i < n; i++)
		if (strcmp(argv[at], cmd[i].name) == 0) {
			char *name = argv[at];

			memmove(&argv[2], &argv[1], (size_t)(at - 1) *
			    sizeof *argv);
			argv[1] = name;
			return &cmd[i];
		}
	return &cmd[0];
}

/* --excel: a file for Danish/Swedish Excel, from a format that can be. */
static int
apply_excel(struct options *o)
{
	size_t n;
	const struct cl_format *f = cl_formats(&n);

	if (!o->format_given) {
		/* the first format that honours it: CSV */
		for (size_t i = 0; i < n; i++)
			if (f[i].flags & CL_FORMAT_EXCEL) {
				o->format = &f[i];
				break;
			}
	}
	if (!(o->format->flags & CL_FORMAT_EXCEL)) {
		struct cl_buf names = { 0 };
		int rc;

		format_names(&names, CL_FORMAT_EXCEL, ", ", _(" or "), 0);
		rc = cli_usage_error(_("--excel goes with --format %s"), names.data);
		cl_buf_free(&names);
		return rc;
	}
	o->render_opt.bom = 1;
	o->render_opt.delimiter = ';';
	o->render_opt.decimal_sep = ',';
	o->render_opt.newline = "\r\n";
	o->render_opt.excel_text = 1;
	return -1;
}

/*
 * The subcommand rules: a subcommand's name after the options is a
 * mistake; an option of another subcommand says which it goes with.
 */
static int
check_subcommand(const struct options *o, int argc, char **argv)
{
	size_t n;
	const struct subcommand *cmd = cli_subcommands(&n);
	unsigned foreign, takers = 0, others = ~0u, names_of;
	size_t count = 0, self = (size_t)(o->cmd - cmd);
	struct cl_buf names = { 0 }, called = { 0 };
	int rc;

	/* "caseload --roster r.csv assign ..." would read a file "assign" */
	for (int i = optind; o->cmd->name == NULL && i < argc; i++)
		for (size_t k = 1; k < n; k++)
			if (strcmp(argv[i], cmd[k].name) == 0)
				return cli_usage_error(_("%s must come first: "
				    "caseload %s [options] %s (for a file of that "
				    "name, write ./%s)"), argv[i], argv[i],
				    cmd[k].run_history != NULL ? "DB" : "[FILE...]",
				    argv[i]);
	foreign = o->given & ~o->cmd->takes;
	if (foreign == 0) {
		const char *error = o->cmd->check != NULL ? o->cmd->check(o) :
		    NULL;

		return error != NULL ? cli_usage_error("%s", error) : -1;
	}
	/* the first such option, and the commands that take it */
	foreign &= ~(foreign - 1);
	for (size_t k = 0; k < n; k++) {
		if (cmd[k].takes & foreign) {
			takers |= 1u << k;
			count++;
		}
		if (k != self)
			others &= cmd[k].takes;
	}
	if (takers == ((1u << n) - 1) - (1u << self)) {
		/* every other command takes it: this one refuses it */
		names_of = others & ~o->cmd->takes;
		option_names(&names, names_of);
		/* TRANSLATORS: "--fill and --keep do not go with caseload
		 * diff" */
		rc = cli_usage_error(P_("%s does not go with %s",
		    "%s do not go with %s", (names_of & (names_of - 1)) ? 2 : 1),
		    names.data, _(o->cmd->called));
		cl_buf_free(&names);
		return rc;
	}
	/* the options taken by just these commands, and these commands */
	names_of = ~o->cmd->takes;
	for (size_t k = 0; k < n; k++)
		names_of &= (takers >> k) & 1 ? cmd[k].takes : ~cmd[k].takes;
	option_names(&names, names_of);
	for (size_t k = 0, i = 0; k < n; k++) {
		if (!((takers >> k) & 1))
			continue;
		if (i++ > 0)
			cl_buf_printf(&called, "%s", i == count ? _(" and ")
			    : ", ");
		cl_buf_printf(&called, "%s", _(cmd[k].called));
	}
	cl_buf_append(&called, "", 0);
	/* TRANSLATORS: "--fill and --keep go with caseload rebalance" */
	rc = cli_usage_error(P_("%s goes with %s", "%s go with %s",
	    (names_of & (names_of - 1)) ? 2 : 1), names.data, called.data);
	cl_buf_free(&names);
	cl_buf_free(&called);
	return rc;
}

/* Whether option c is about reading case lists (history reads none). */
static int
about_case_lists(int c)
{
	static const int codes[] = { 'd', OPT_ROSTER, OPT_MAX_POINTS,
		OPT_MAX_CASES, OPT_UNDER, OPT_ENCODING, OPT_MAX_RECORD,
		OPT_MAX_FIELDS, OPT_CONFIG, OPT_PRINT_CONFIG, OPT_COLUMN };

	for (size_t i = 0; i < sizeof codes / sizeof *codes; i++)
		if (codes[i] == c)
			return 1;
	return 0;
}

static const char *
option_name(int c)
{
	for (size_t i = 0; long_options[i].name != NULL; i++)
		if (long_options[i].val == c)
			return long_options[i].name;
	return "?";
}

/* --record-partial needs --record. */
static int
check_record(const struct options *o)
{
	if (o->record == NULL && o->record_partial)
		return cli_usage_error(_("--record-partial goes with --record DB"));
	return -1;
}

/* Parses argv; returns -1 to go on, else the exit status. */
int
cli_parse_options(struct options *o, int argc, char **argv)
{
	int c, rc;

	memset(o, 0, sizeof *o);
	o->cmd = find_subcommand(argc, argv);
	o->format = cl_format_find("table");
	cl_plan_options_default(&o->plan);
	cl_render_options_default(&o->render_opt);
	o->render_opt.made = source_date_epoch();
	cl_targets_default(&o->targets);
	o->fail_on = -1;
	o->weeks = 8;
	o->days = 28;
	opterr = 0;
	optind = o->cmd->name == NULL ? 1 : 2;	/* after the subcommand */
	while ((c = getopt_long(argc, argv, ":f:o:d:qhV", long_options,
	    NULL)) != -1) {
		switch (c) {
		case 'h':
			return print_help();
		case 'V':
			puts("caseload " CL_VERSION);
			return fflush(stdout) == 0 ? CL_OK : CL_EIO;
		case ':':
			return cli_usage_error(_("%s: needs a value"),
			    argv[optind - 1]);
		case '?':
			if (optopt != 0)
				return cli_usage_error(_("unknown option -%c"),
				    optopt);
			return cli_usage_error(_("unknown option %s"),
			    argv[optind - 1]);
		default:
			if ((rc = apply_option(o, c, optarg)) != 0)
				return rc;
			if (o->case_option == NULL && about_case_lists(c))
				o->case_option = option_name(c);
		}
	}
	if (o->excel && (rc = apply_excel(o)) >= 0)
		return rc;
	if (o->output_delimiter)
		o->render_opt.delimiter = (char)o->output_delimiter;
	o->nfiles = argc - optind;
	if ((rc = check_subcommand(o, argc, argv)) >= 0 ||
	    (rc = check_record(o)) >= 0)
		return rc;
	if (o->cmd->compares && !o->only_given)
		o->render_opt.only = CL_ONLY_CHANGED;
	if ((o->format->flags & CL_FORMAT_NEEDS_FILE) && (o->output == NULL ||
	    strcmp(o->output, "-") == 0))
		return cli_usage_error(_("--format %s writes a file: give -o FILE"),
		    o->format->name);
	if (o->decimal_comma && (o->format->flags & CL_FORMAT_DECIMAL_COMMA))
		o->render_opt.decimal_sep = ',';
	/*
	 * JSON never changes with the language, its diagnostics' messages
	 * included: a JSON run speaks English, so its standard error is the
	 * same text as its "diagnostics" (what went before, the options, was
	 * said in the user's language).
	 */
	if (o->format->audience == CL_FOR_TREE)
		cli_language_set("en");
	/* Danish and Swedish people read 109,58 %; machines never do */
	if (o->format->audience == CL_FOR_PEOPLE && cli_language_uses_comma()) {
		o->render_opt.decimal_sep = ',';
		o->render_opt.percent = " %";
	}
	return -1;
}

/* ---- inputs ---- */

