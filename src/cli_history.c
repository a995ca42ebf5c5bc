/*
 * cli_history.c - caseload history: the trend of recorded snapshots, the
 * list of them, or forgetting one.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

/* Whether a worker has been over for at least `n` snapshots in a row. */
static int
over_streak(const struct cl_trend *t, long n)
{
	for (size_t i = 0; i < t->nworkers; i++)
		if (t->workers[i].present && t->workers[i].status == CL_OVER &&
		    t->workers[i].streak >= n)
			return 1;
	return 0;
}

const char *
cli_check_history(const struct options *o)
{
	if (o->case_option != NULL) {
		static char message[256];

		snprintf(message, sizeof message,
		    _("--%s does not go with caseload history"), o->case_option);
		return message;
	}
	if (o->fail_on >= 0)
		return _("caseload history takes --fail-on streak:N");
	if (o->list && o->forget != NULL)
		return _("--list and --forget do not go together");
	if ((o->list || o->forget != NULL) && ((o->given & (TAKES_WEEKS |
	    TAKES_ASCII)) || o->fail_streak > 0))
		return _("--weeks, --fail-on and --ascii go with "
		    "the trend, not with --list or --forget");
	return NULL;
}

int
cli_run_history(const struct options *o, const char *db)
{
	struct run run = { 0 };
	struct cl_history *h;
	int status;

	status = cl_history_open(db, o->forget != NULL ? CL_HISTORY_CHANGE :
	    CL_HISTORY_READ, cli_print_diag, &run, &h);
	if (status != CL_OK)
		return status;
	if (o->forget != NULL) {
		status = cl_history_forget(h, o->forget);
	} else if (o->list) {
		struct cl_snapshot_list *l;

		if ((status = cl_history_list(h, &l)) == CL_OK) {
			status = cli_write_result(o, &run,
			    cl_result_snapshots(l, &o->render_opt));
			cl_snapshot_list_free(l);
		}
	} else {
		struct cl_trend *t;

		if ((status = cl_history_trend(h, o->weeks, o->sort, &t)) ==
		    CL_OK) {
			status = cli_write_result(o, &run,
			    cl_result_trend(t, &o->render_opt));
			if (o->fail_streak > 0 && over_streak(t, o->fail_streak))
				status = cli_max_status(status, CL_FLAGGED);
			cl_trend_free(t);
		}
	}
	cl_history_close(h);
	return status;
}
