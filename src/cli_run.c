/*
 * cli_run.c - one run: read the inputs into an engine, then run the
 * subcommand: it writes the report, the plan (rebalance), the ranking
 * (assign) or the follow-ups as a result.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "cli.h"
#include "output.h"

void
cli_print_diag(void *ctx, const struct cl_diag *d)
{
	/* TRANSLATORS: before a message, as in "caseload: a.csv:3: note:
	 * ..."; keep the space */
	const char *const level[] = { _("note: "), _("warning: "), "" };
	struct run *run = ctx;

	if (run->holding) {
		if (run->nheld == run->cap_held) {
			run->cap_held = run->cap_held ? 2 * run->cap_held : 16;
			run->held = cl_xrealloc(run->held,
			    run->cap_held * sizeof *run->held);
		}
		run->held[run->nheld] = *d;
		run->held[run->nheld].file = d->file ? cl_xstrdup(d->file) :
		    NULL;
		run->held[run->nheld++].message = cl_xstrdup(d->message);
		return;
	}
	if (d->severity == CL_NOTE && run->quiet)
		;	/* -q */
	else if (d->file == NULL)
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

void
cli_hold_diags(struct run *run)
{
	run->holding = 1;
}

void
cli_release_diags(struct run *run, int say)
{
	run->holding = 0;
	for (size_t i = 0; i < run->nheld; i++) {
		if (say)
			cli_print_diag(run, &run->held[i]);
		free((char *)run->held[i].file);
		free((char *)run->held[i].message);
	}
	free(run->held);
	run->held = NULL;
	run->nheld = run->cap_held = 0;
}

void
cli_free_diags(struct run *run)
{
	for (size_t i = 0; i < run->ndiags; i++) {
		free((char *)run->diags[i].file);
		free((char *)run->diags[i].message);
	}
	free(run->diags);
	for (size_t i = 0; i < run->nfacts; i++)
		free(run->fact_text[i]);
}

int
cli_max_status(int a, int b)
{
	return a > b ? a : b;
}

/* A team entry that no worker's team matches is most likely a typo, and
 * its targets would silently not apply. */
static int
has_team(const struct cl_report *report, const char *name)
{
	for (size_t k = 0; k < report->nteams; k++)
		if (report->teams[k].name != NULL &&
		    cl_same_name(report->teams[k].name, name))
			return 1;
	return 0;
}

void
cli_warn_unused_teams(const struct cl_config *config,
    const struct cl_report *const *reports, size_t nreports,
    struct run *run)
{
	struct cl_msg msg = { cli_print_diag, run, { 0 } };

	for (size_t i = 0; i < config->nteams; i++) {
		const char *name = config->teams[i].name;
		size_t k = 0;
		struct cl_buf escaped = { 0 };

		while (k < nreports && !has_team(reports[k], name))
			k++;
		if (k < nreports)
			continue;
		cl_text_for_message(&escaped, name, strlen(name));
		cl_buf_append(&escaped, "", 0);
		/* TRANSLATORS: "teams.North: no worker is in this team" */
		cl_msg_printf(&msg, _("teams.%s: no worker is in this team"),
		    escaped.data);
		cl_msg_send(&msg, config->file, 0, CL_WARNING);
		cl_buf_free(&escaped);
	}
	cl_msg_free(&msg);
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

/* What goes to -o or stdout: a result rendered, or the configuration. */
struct writing {
	const struct options *o;
	const struct cl_result *result;         /* or NULL */
	const struct cl_config *config;
};

static int
write_it(const struct writing *w, FILE *fp)
{
	return w->result != NULL ? w->o->format->render(w->result,
	    &w->o->render_opt, fp) : cl_config_print(w->config, fp);
}

/* Opens -o (or stdout), writes w and puts the file in place: CL_OK, or
 * CL_EIO with the message printed. */
static int
write_output(const struct writing *w)
{
	const struct options *o = w->o;
	struct output out;
	int failed;

	if (output_open(&out, o->output) != 0) {
		fprintf(stderr, "caseload: %s: %s\n", o->output,
		    strerror(errno));
		return CL_EIO;
	}
	failed = write_it(w, out.fp) != 0;
	if (output_close(&out, !failed) != 0 || failed) {
		/* a reader that went away (| head) is no error to report */
		if (errno != EPIPE)
			fprintf(stderr, "caseload: %s: %s\n",
			    o->output != NULL ? o->output : "<stdout>",
			    strerror(errno ? errno : EIO));
		return CL_EIO;
	}
	return CL_OK;
}

int
cli_write_result(const struct options *o, struct run *run,
    struct cl_result *result)
{
	struct writing w = { o, result, NULL };
	int status;

	result->diags = run->diags;
	result->ndiags = run->ndiags;
	result->facts = run->facts;
	result->nfacts = run->nfacts;
	status = write_output(&w);
	cl_result_free(result);
	return status;
}

int
cli_print_config(const struct options *o, const struct cl_config *config)
{
	struct writing w = { o, NULL, config };

	return write_output(&w);
}

/* Says why nothing was recorded, as a note about the history. */
static void
not_recorded(const struct options *o, struct run *run, const char *why)
{
	struct cl_diag d = { o->record, 0, CL_NOTE, why };

	cli_print_diag(run, &d);
}

/* --as-of, else today in local time. */
static cl_date
as_of(const struct options *o)
{
	time_t now = time(NULL);
	struct tm tm;
	cl_date today = 0;

	if (o->given & TAKES_AS_OF)
		return o->as_of;
	if (localtime_r(&now, &tm) != NULL)
		cl_date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
		    &today);
	return today;
}

/* Records the report, unless row errors make it partial; CL_OK or the
 * history's status. */
static int
record(const struct options *o, const struct cl_report *report,
    struct run *run)
{
	struct cl_history_input *in;
	char day[CL_DATE_SIZE];
	int status;

	if (run->errors > 0 && !o->record_partial) {
		not_recorded(o, run, _("nothing recorded: some rows could not be "
		    "counted (--record-partial records the rest)"));
		return CL_OK;
	}
	in = cl_xcalloc(run->ninputs, sizeof *in);
	for (size_t i = 0; i < run->ninputs; i++) {
		in[i].name = run->inputs[i].name;
		in[i].sha256 = run->sha256[i];
	}
	status = cl_history_record(run->history, cl_date_format(as_of(o), day),
	    report, in,
	    run->ninputs);
	free(in);
	return status;
}

int
cli_run_report(const struct options *o, struct cl_engine *engine,
    const struct cl_config *config, const struct cl_report *report,
    struct run *run)
{
	int status = flagged(report, o->fail_on) ? CL_FLAGGED : CL_OK;

	(void)engine;
	(void)config;
	/* the report is written after it is recorded, and not when that
	 * failed: a cron job should not mail it as if all were well */
	if (run->history != NULL) {
		int recorded = record(o, report, run);

		if (recorded != CL_OK)
			return cli_max_status(status, recorded);
	}
	return cli_max_status(status, cli_write_result(o, run,
	    cl_result_report(report, &o->render_opt)));
}

int
cli_run_rebalance(const struct options *o, struct cl_engine *engine,
    const struct cl_config *config, const struct cl_report *report,
    struct run *run)
{
	struct cl_plan_options popt = o->plan;
	struct cl_plan *plan;
	char *keep_text = NULL;
	const char **keep = NULL;
	long *keep_lines = NULL;
	size_t under_after = report->summary.under;
	struct cl_msg msg = { cli_print_diag, run, { 0 } };
	int status;

	if (o->keep_file != NULL && (status = cli_read_keep(o->keep_file,
	    &keep_text, &keep, &keep_lines, &popt.nkeep)) != CL_OK)
		return status;
	popt.keep = keep;
	for (size_t i = 0; keep != NULL && i < popt.nkeep; i++) {
		/* a typo here would let a child's case move: say so */
		struct cl_buf escaped = { 0 };

		if (cl_engine_has_case(engine, keep[i]))
			continue;
		cl_text_for_message(&escaped, keep[i], strlen(keep[i]));
		cl_buf_append(&escaped, "", 0);
		cl_msg_printf(&msg, _("case \"%s\" is in no case list"),
		    escaped.data);
		cl_msg_send(&msg, o->keep_file, keep_lines[i], CL_WARNING);
		cl_buf_free(&escaped);
	}
	cl_msg_free(&msg);
	plan = cl_engine_rebalance(engine, &popt);
	for (size_t i = 0; i < plan->nworkers; i++)
		under_after += (plan->workers[i].status_after == CL_UNDER) -
		    (plan->workers[i].status_before == CL_UNDER);
	(void)config;
	status = cli_write_result(o, run, cl_result_plan(plan, &o->render_opt));
	if ((!plan->fits && (o->fail_on == CL_ONLY_OVER ||
	    o->fail_on == CL_ONLY_FLAGGED)) || (under_after > 0 &&
	    (o->fail_on == CL_ONLY_UNDER || o->fail_on == CL_ONLY_FLAGGED)))
		status = cli_max_status(status, CL_FLAGGED);
	cl_plan_free(plan);
	free(keep);
	free(keep_lines);
	free(keep_text);
	return status;
}

int
cli_run_assign(const struct options *o, struct cl_engine *engine,
    const struct cl_config *config, const struct cl_report *report,
    struct run *run)
{
	struct cl_ranking *ranking;
	cl_dec points = o->new_points;
	int status;

	if (o->new_category != NULL) {
		const struct cl_named *hit = cl_named_find(config->categories,
		    config->ncategories, o->new_category);

		if (hit == NULL)
			return cli_bad_value("--category", config->ncategories
			    ? _("a category of the configuration")
			    : _("a category, but the configuration has none"),
			    o->new_category);
		points = hit->value;
	}
	ranking = cl_engine_assign(engine, points, o->new_team);
	if (ranking->ncandidates == 0 && o->new_team != NULL) {
		cl_ranking_free(ranking);
		return cli_bad_value("--team", _("a team with workers"),
			    o->new_team);
	}
	(void)report;
	status = cli_write_result(o, run, cl_result_ranking(ranking,
	    &o->render_opt));
	if (o->fail_on >= 0 && (ranking->ncandidates == 0 ||
	    cl_only_matches((enum cl_only)o->fail_on,
	    ranking->candidates[0].status_after)))
		status = cli_max_status(status, CL_FLAGGED);
	cl_ranking_free(ranking);
	return status;
}

/*
 * Several case lists with every core, when that says nothing.  With
 * --record each is hashed first, on its own (the count reads no byte
 * through a source that could hash it); a pipe, which can only be hashed
 * as it is read, has them all read one by one.
 */
static int
count_fast(struct cl_engine *engine, const struct input *inputs,
    size_t ninputs, const struct options *o, struct run *run)
{
	const char **names;
	int *fds;
	int counted;

	for (size_t i = 0; i < ninputs && run->history != NULL; i++)
		if (cl_fd_is_pipe(inputs[i].fd) ||
		    cli_hash_file(inputs[i].fd, run->sha256[i]) != 0)
			return 0;	/* read_case_list says what failed */
	names = cl_xcalloc(ninputs, sizeof *names);
	fds = cl_xcalloc(ninputs, sizeof *fds);

	for (size_t i = 0; i < ninputs; i++) {
		names[i] = inputs[i].name;
		fds[i] = inputs[i].fd;
	}
	counted = cl_sources_count_fast(engine, names, fds, ninputs,
	    &o->reader_opt);
	free(names);
	free(fds);
	return counted;
}

static void
add_fact(struct run *run, const char *label, char *text)
{
	run->fact_text[run->nfacts] = text;
	run->facts[run->nfacts].label = label;
	run->facts[run->nfacts].text = text;
	run->nfacts++;
}

/*
 * The date of the heading: --as-of when given; else $SOURCE_DATE_EPOCH
 * when set (render_opt.made: the same output on every run, as for
 * builds), else today, local time.
 */
static char *
made_on(const struct options *o)
{
	long long made = o->render_opt.made;
	time_t now = made > 0 ? (time_t)made : time(NULL);
	char buf[CL_DATE_BUFSIZE];
	struct tm tm;

	if (o->given & TAKES_AS_OF)
		return cl_xstrdup(cl_date_format(o->as_of, buf));
	/* a fixed time is UTC, so that the page is the same in every zone */
	if ((made > 0 ? gmtime_r(&now, &tm) : localtime_r(&now, &tm)) ==
	    NULL || strftime(buf, sizeof buf, "%Y-%m-%d", &tm) == 0)
		return NULL;
	return cl_xstrdup(buf);
}

void
cli_describe_run(struct run *run, const struct options *o,
    const struct cl_config *config, const struct input *inputs,
    size_t ninputs)
{
	const struct cl_targets *t = &config->targets;
	char sep = o->render_opt.decimal_sep;
	struct cl_buf b = { 0 };
	char *date = made_on(o);

	for (size_t i = 0; i < ninputs; i++) {
		if (i > 0)
			cl_buf_append(&b, ", ", 2);
		cl_buf_append(&b, inputs[i].name, strlen(inputs[i].name));
	}
	cl_buf_append(&b, "", 1);
	/* TRANSLATORS: the facts at the head of the HTML report and on the
	 * workbook's About sheet: a label, then the files or the date */
	add_fact(run, P_("Case list", "Case lists", ninputs), b.data);
	if (o->roster != NULL)
		add_fact(run, _("Roster"), cl_xstrdup(o->roster));
	if (config->file != NULL)
		add_fact(run, _("Configuration"), cl_xstrdup(config->file));
	if (date != NULL)
		add_fact(run, _("As of"), date);
	b.data = NULL;
	b.len = b.cap = 0;
	{
		char p[CL_DEC_BUFSIZE], c[CL_DEC_BUFSIZE], u[CL_DEC_BUFSIZE];
		char *text;

		/* TRANSLATORS: the targets fact of the HTML report: "120
		 * points and 25 cases per full-time worker; under below 80 %
		 * of the points target" */
		if (asprintf(&text, _("%s points and %s cases per full-time "
		    "worker; under below %s %% of the points target"),
		    cl_dec_format(t->points, CL_DEC_DIGITS, sep, p),
		    cl_dec_format(t->cases, CL_DEC_DIGITS, sep, c),
		    cl_dec_format(t->under_pct, CL_DEC_DIGITS, sep, u)) < 0)
			cl_out_of_memory();
		add_fact(run, _("Targets"), text);
	}
}

/*
 * Reads one case list; with a history, also its SHA-256 into hex: a
 * regular file on its own first (it may be counted by every core, its
 * bytes never passing one place), anything else as it is read (it cannot
 * be read twice).
 */
static int
read_case_list(const struct options *o, struct cl_engine *engine,
    struct input *in, int whole, char *hex, int *fatal, struct run *run)
{
	struct cl_source *src = o->cmd->source(engine, in->name,
	    &o->reader_opt, cli_print_diag, run);
	struct cl_sha256 sha;
	struct stat st;
	int status, on_read = 0;

	if (hex != NULL) {
		if (fstat(in->fd, &st) == 0 && S_ISREG(st.st_mode)) {
			if (cli_hash_file(in->fd, hex) != 0) {
				fprintf(stderr, "caseload: %s: %s\n", in->name,
				    strerror(errno));
				cl_source_free(src);
				*fatal = 1;
				return CL_ENOINPUT;
			}
		} else {
			cl_sha256_init(&sha);
			cl_source_hash_into(src, &sha);
			on_read = 1;
		}
	}
	status = cli_read_input(src, in, whole, fatal);
	if (on_read)
		cl_sha256_final(&sha, hex);
	cl_source_free(src);
	return status;
}

int
cli_run_followups(const struct options *o, struct cl_engine *engine,
    const struct cl_config *config, const struct cl_report *report,
    struct run *run)
{
	struct cl_followups *f = cl_engine_followups(engine);
	int status;

	(void)config;
	(void)report;
	status = cli_write_result(o, run, cl_result_followups(f,
	    &o->render_opt));
	for (size_t i = 0; i < f->nworkers; i++)
		if ((o->fail_on == FAIL_ON_OVERDUE && f->workers[i].overdue > 0) ||
		    (o->fail_on == CL_ONLY_OVER && f->workers[i].over))
			status = cli_max_status(status, CL_FLAGGED);
	cl_followups_free(f);
	return status;
}

int
cli_run(const struct options *o, const struct cl_config *config,
    struct input *inputs, size_t ninputs, struct input *roster,
    struct cl_history *history)
{
	struct run run = { 0 };
	struct cl_engine *engine;
	int status = CL_OK, fatal_any = 0, fatal;
	const char *stages = getenv("CASELOAD_STAGES");
	double report_time = 0;
	enum cl_decline together;

	if (o->cmd->run_inputs != NULL)
		return o->cmd->run_inputs(o, config, inputs, ninputs, roster);
	cl_fast_stages.split_only = stages != NULL &&
	    strcmp(stages, "split") == 0;
	run.keep_diags = (o->format->flags & CL_FORMAT_DIAGNOSTICS) != 0;
	run.quiet = o->quiet;
	cli_describe_run(&run, o, config, inputs, ninputs);
	if (history != NULL) {
		run.history = history;
		run.inputs = inputs;
		run.ninputs = ninputs;
		run.sha256 = cl_xcalloc(ninputs, sizeof *run.sha256);
	}
	engine = cl_engine_new(&config->targets, cli_print_diag, &run);
	cl_engine_use_config(engine, config);
	if (o->cmd->takes & TAKES_AS_OF)
		cl_engine_use_followups(engine, as_of(o), o->days);
	if (roster->fd >= 0) {
		struct cl_source *src = cl_source_roster(engine, roster->name,
		    &o->reader_opt, cli_print_diag, &run);

		status = cli_max_status(status, cli_read_input(src, roster, 0,
		    &fatal));
		fatal_any |= fatal;
		cl_source_free(src);
	}
	/* After a broken roster every worker would look unlisted; after a
	 * broken case list the other lists are still read for their errors. */
	if (o->cmd->totals_only && ninputs > 1 && !fatal_any &&
	    count_fast(engine, inputs, ninputs, o, &run))
		ninputs = 0;	/* counted, and what the lists' titles and
				 * total rows say said */
	/* why several lists were not counted together, for CASELOAD_STAGES:
	 * reading them one by one starts each file's own try anew */
	together = ninputs > 1 ? cl_fast_stages.declined : CL_DECLINE_NONE;
	for (size_t i = 0; i < ninputs && !(fatal_any && roster->fd >= 0);
	    i++) {
		status = cli_max_status(status, read_case_list(o, engine,
		    &inputs[i], o->cmd->totals_only && ninputs == 1,
		    history != NULL ? run.sha256[i] : NULL, &fatal, &run));
		fatal_any |= fatal;
	}
	if (together != CL_DECLINE_NONE)
		cl_fast_stages.declined = together;
	if (fatal_any && history != NULL)
		not_recorded(o, &run, _("nothing recorded: the case lists could "
		    "not be read"));
	if (!fatal_any) {
		const struct cl_report *report = cl_engine_report(engine,
		    o->sort);

		cli_warn_unused_teams(config, &report, 1, &run);
		report_time = cl_seconds();
		status = cli_max_status(status, o->cmd->run(o, engine, config,
		    report, &run));
		report_time = cl_seconds() - report_time;
	}
	if (run.errors > 0)
		status = cli_max_status(status, CL_EDATA);
	if (stages != NULL && *stages != '\0')
		fprintf(stderr, "caseload: stages: count %.4f s, repeats %.4f "
		    "s, second pass %.4f s, merge %.4f s, report %.4f s\n",
		    cl_fast_stages.count, cl_fast_stages.repeats,
		    cl_fast_stages.second, cl_fast_stages.merge, report_time);
	if (stages != NULL && *stages != '\0' && cl_fast_stages.declined)
		fprintf(stderr, "caseload: stages: the fast way declined: %s\n",
		    cl_decline_rule(cl_fast_stages.declined)->name);
	cl_engine_free(engine);
	cl_spools_drop();	/* pipes read ahead and then left unread */
	cli_free_diags(&run);
	free(run.sha256);
	return status;
}

