/*
 * cli_diff.c - caseload diff OLD NEW: each side read into its own engine,
 * exactly as the report reads a case list, with the same roster and
 * configuration; then the diff written and --fail-on applied.  Two
 * regular files go the fast way (diff_fast.c) when it can count both;
 * anything else, and a pipe, goes the general way, with the same output.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

enum { OLD, NEW, NSIDES };

/* The roster is read once from its descriptor (it may be stdin) and fed
 * to both engines from memory. */
static int
slurp_fd(struct input *in, struct cl_buf *b)
{
	char chunk[65536];
	ssize_t n;

	while ((n = read(in->fd, chunk, sizeof chunk)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			fprintf(stderr, "caseload: %s: %s\n", in->name,
			    strerror(errno));
			return CL_ENOINPUT;
		}
		cl_buf_append(b, chunk, (size_t)n);
	}
	return CL_OK;
}

/* Feeds the roster's text to both engines; its messages are said once,
 * for OLD's, when `say` (the second reading is the same bytes with the
 * same results).  Returns the status; *fatal when it could not be read. */
static int
feed_roster(const struct options *o, struct cl_engine **engines,
    const struct input *roster, const struct cl_buf *text, int say,
    struct run *run, int *fatal)
{
	int status = CL_OK;

	*fatal = 0;
	for (int side = OLD; side < NSIDES && !*fatal; side++) {
		struct cl_source *src = cl_source_roster(engines[side],
		    roster->name, &o->reader_opt,
		    say && side == OLD ? cli_print_diag : NULL, run);

		cl_source_feed(src, text->data, text->len);
		status = cli_max_status(status, cl_source_finish(src, fatal));
		cl_source_free(src);
	}
	return status;
}

/* Both sides' engines, with the configuration and the roster (when one
 * was read). */
static int
new_engines(const struct options *o, const struct cl_config *config,
    struct cl_engine **engines, const struct input *roster,
    const struct cl_buf *roster_text, int say, struct run *run, int *fatal)
{
	*fatal = 0;
	for (int side = OLD; side < NSIDES; side++) {
		engines[side] = cl_engine_new(&config->targets, cli_print_diag,
		    run);
		cl_engine_use_config(engines[side], config);
	}
	if (roster->fd < 0)
		return CL_OK;
	return feed_roster(o, engines, roster, roster_text, say, run, fatal);
}

/*
 * Both sides with every core, when both are regular files and the fast
 * way can count them (diff_fast.c); then *pairs holds the pairs the diff
 * needs.  Else 0, with the engines made anew and the files where they
 * stood, for the general way.
 */
static int
count_fast(const struct options *o, const struct cl_config *config,
    struct cl_engine **engines, struct input *inputs,
    const struct input *roster, const struct cl_buf *roster_text,
    struct run *run, struct cl_diff_pairs *pairs)
{
	struct cl_fast_tuning tune = cl_fast_tuning_for_report();
	const char *names[NSIDES];
	int fds[NSIDES], fatal;
	off_t at[NSIDES];

	for (int side = OLD; side < NSIDES; side++) {
		struct stat st;

		if (fstat(inputs[side].fd, &st) != 0 || !S_ISREG(st.st_mode) ||
		    (at[side] = lseek(inputs[side].fd, 0, SEEK_CUR)) < 0)
			return 0;	/* a pipe goes the general way */
		names[side] = inputs[side].name;
		fds[side] = inputs[side].fd;
	}
	/* what the sides say (a title, total rows) waits until both are
	 * counted: the general way says it all again when either declines */
	cli_hold_diags(run);
	if (cl_diff_count_fast(engines, names, fds, &o->reader_opt, &tune,
	    cli_print_diag, run, pairs)) {
		cli_release_diags(run, 1);
		return 1;
	}
	cli_release_diags(run, 0);
	for (int side = OLD; side < NSIDES; side++) {
		cl_engine_free(engines[side]);
		if (lseek(inputs[side].fd, at[side], SEEK_SET) != at[side])
			abort();	/* a regular file that was just read */
	}
	(void)new_engines(o, config, engines, roster, roster_text, 0, run,
	    &fatal);
	return 0;
}

/* For CASELOAD_STAGES: which way the sides were read, and when the fast
 * way declined a side, the rule. */
static void
say_way(int fast)
{
	if (fast)
		fprintf(stderr, "caseload: stages: diff: both sides counted the "
		    "fast way\n");
	else if (cl_fast_stages.declined)
		fprintf(stderr, "caseload: stages: diff: read the general way; "
		    "the fast way declined: %s\n",
		    cl_decline_rule(cl_fast_stages.declined)->name);
	else
		fprintf(stderr, "caseload: stages: diff: read the general "
		    "way\n");
}

/* A side without a case-id column: the case lists cannot be compared. */
static void
note_no_case_ids(const char *name, struct run *run)
{
	struct cl_diag d = { name, 0, CL_NOTE, _("no case-id column: case "
		"changes (added, closed, moved, repointed) are not listed") };

	cli_print_diag(run, &d);
}

static int
flagged(const struct options *o, const struct cl_diff *d)
{
	for (size_t i = 0; i < d->nworkers; i++) {
		const struct cl_worker_diff *w = &d->workers[i];

		if (o->fail_diff == FAIL_NEWLY_OVER &&
		    w->change == CL_CHANGE_NEWLY_OVER)
			return 1;
		if (o->fail_diff == FAIL_CHANGED && w->change != CL_CHANGE_SAME)
			return 1;
		if (o->fail_on >= 0 && w->after != NULL &&
		    cl_only_matches((enum cl_only)o->fail_on, w->after->status))
			return 1;
	}
	for (int l = 0; o->fail_diff == FAIL_CHANGED && l < CL_NCASE_LISTS; l++)
		if (d->ncases[l] > 0)
			return 1;
	return 0;
}

/* Compares the two engines and writes the diff; returns the status. */
static int
write_diff(const struct options *o, const struct cl_config *config,
    struct cl_engine **engines, const int *has_ids, struct input *inputs,
    const struct cl_diff_pairs *fast, struct run *run)
{
	struct cl_diff_side sides[NSIDES];
	struct cl_pair *pairs[NSIDES] = { NULL, NULL };
	const struct cl_report *reports[NSIDES];
	struct cl_diff *diff;
	int status = CL_OK;

	for (int side = OLD; side < NSIDES; side++) {
		reports[side] = cl_engine_report(engines[side], o->sort);
		sides[side].report = reports[side];
		sides[side].has_case_ids = has_ids[side];
		if (fast != NULL) {
			sides[side].npairs = fast->npairs[side];
			sides[side].pairs = fast->pairs[side];
			continue;
		}
		sides[side].npairs = has_ids[side] ? cl_engine_pairs(
		    engines[side], &pairs[side]) : 0;
		sides[side].pairs = pairs[side];
	}
	cli_warn_unused_teams(config, reports, NSIDES, run);
	for (int side = OLD; side < NSIDES; side++)
		if (!has_ids[side])
			note_no_case_ids(inputs[side].name, run);
	diff = cl_diff_new(&sides[OLD], &sides[NEW]);
	status = cli_write_result(o, run, cl_result_diff(diff, &o->render_opt));
	if (flagged(o, diff))
		status = cli_max_status(status, CL_FLAGGED);
	cl_diff_free(diff);
	free(pairs[OLD]);
	free(pairs[NEW]);
	return status;
}

int
cli_run_diff(const struct options *o, const struct cl_config *config,
    struct input *inputs, size_t ninputs, struct input *roster)
{
	struct run run = { 0 };
	struct cl_engine *engines[NSIDES];
	struct cl_buf roster_text = { 0 };
	struct cl_diff_pairs pairs = { 0 };
	int has_ids[NSIDES] = { 0, 0 };
	int status = CL_OK, fatal_any, roster_fatal = 0, fatal, fast = 0;
	const char *stages = getenv("CASELOAD_STAGES");

	(void)ninputs;	/* two: check_diff made sure */
	run.keep_diags = (o->format->flags & CL_FORMAT_DIAGNOSTICS) != 0;
	run.quiet = o->quiet;
	cli_describe_run(&run, o, config, inputs, NSIDES);
	/* the roster is read once from its descriptor (it may be stdin) and
	 * fed to both engines from memory */
	if (roster->fd >= 0 && (status = slurp_fd(roster, &roster_text)) !=
	    CL_OK)
		roster_fatal = 1;
	for (int side = OLD; side < NSIDES && roster_fatal; side++)
		engines[side] = cl_engine_new(&config->targets, cli_print_diag,
		    &run);
	if (!roster_fatal)
		status = new_engines(o, config, engines, roster, &roster_text, 1,
		    &run, &roster_fatal);
	fatal_any = roster_fatal;
	/* after a broken roster every worker would look unlisted; after a
	 * broken side the other is still read for its errors */
	if (!roster_fatal && count_fast(o, config, engines, inputs, roster,
	    &roster_text, &run, &pairs)) {
		fast = 1;
		for (int side = OLD; side < NSIDES; side++) {
			has_ids[side] = pairs.has_case_ids[side];
			status = cli_max_status(status, pairs.status[side]);
		}
	}
	if (stages != NULL && *stages != '\0')
		say_way(fast);
	for (int side = OLD; side < NSIDES && !roster_fatal && !fast;
	    side++) {
		struct cl_source *src;

		src = cl_source_cases(engines[side], inputs[side].name,
		    &o->reader_opt, cli_print_diag, &run);
		status = cli_max_status(status, cli_read_input(src,
		    &inputs[side], 0, &fatal));
		has_ids[side] = cl_source_has_column(src, "case_id");
		fatal_any |= fatal;
		cl_source_free(src);
	}
	if (!fatal_any)
		status = cli_max_status(status, write_diff(o, config, engines,
		    has_ids, inputs, fast ? &pairs : NULL, &run));
	if (run.errors > 0)
		status = cli_max_status(status, CL_EDATA);
	for (int side = OLD; side < NSIDES; side++)
		cl_engine_free(engines[side]);
	cl_diff_pairs_free(&pairs);
	cl_buf_free(&roster_text);
	cli_free_diags(&run);
	return status;
}
