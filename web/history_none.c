/*
 * history_none.c - the history for the WebAssembly build (make web), which
 * has no SQLite: every way into a history says so, as an error on the
 * file, and nothing else changes.  The page offers no history; a command
 * line typed into it that asks for one gets this message and exit 66.
 */
#include <stdlib.h>

#include "caseload.h"

int
cl_history_open(const char *path, enum cl_history_mode mode,
    cl_diag_fn on_diag, void *ctx, struct cl_history **out)
{
	struct cl_diag d = { path, 0, CL_ERROR,
	    "this build of caseload has no history (it was built without "
	    "SQLite)" };

	(void)mode;
	*out = NULL;
	if (on_diag != NULL)
		on_diag(ctx, &d);
	return CL_ENOINPUT;
}

void
cl_history_close(struct cl_history *h)
{
	(void)h;
}

int
cl_history_record(struct cl_history *h, const char *as_of,
    const struct cl_report *report, const struct cl_history_input *inputs,
    size_t ninputs)
{
	(void)h, (void)as_of, (void)report, (void)inputs, (void)ninputs;
	return CL_ENOINPUT;
}

int
cl_history_forget(struct cl_history *h, const char *as_of)
{
	(void)h, (void)as_of;
	return CL_ENOINPUT;
}

int
cl_history_list(struct cl_history *h, struct cl_snapshot_list **out)
{
	(void)h;
	*out = NULL;
	return CL_ENOINPUT;
}

void
cl_snapshot_list_free(struct cl_snapshot_list *list)
{
	(void)list;
}

int
cl_history_trend(struct cl_history *h, size_t weeks, enum cl_sort sort,
    struct cl_trend **out)
{
	(void)h, (void)weeks, (void)sort;
	*out = NULL;
	return CL_ENOINPUT;
}
