/*
 * render.c - what all renderers share: the format table and the filters.
 */
#include <string.h>

#include "internal.h"

/* A format is a row here: its renderer for reports, plans, rankings and
 * diffs. */
static const struct format {
	const char *name;
	cl_render_fn report;
	cl_render_plan_fn plan;
	cl_render_ranking_fn ranking;
	cl_render_diff_fn diff;
} formats[] = {
	{ "table", cl_render_table, cl_render_plan_table,
	    cl_render_ranking_table, cl_render_diff_table },
	{ "csv", cl_render_csv, cl_render_plan_csv, cl_render_ranking_csv,
	    cl_render_diff_csv },
	{ "tsv", cl_render_tsv, cl_render_plan_tsv, cl_render_ranking_tsv,
	    cl_render_diff_tsv },
	{ "json", cl_render_json, cl_render_plan_json, cl_render_ranking_json,
	    cl_render_diff_json },
};

static const struct format *
find_format(const char *name)
{
	for (size_t i = 0; i < sizeof formats / sizeof *formats; i++)
		if (strcmp(formats[i].name, name) == 0)
			return &formats[i];
	return NULL;
}

cl_render_fn
cl_render_lookup(const char *name)
{
	const struct format *f = find_format(name);

	return f != NULL ? f->report : NULL;
}

cl_render_plan_fn
cl_render_plan_lookup(const char *name)
{
	const struct format *f = find_format(name);

	return f != NULL ? f->plan : NULL;
}

cl_render_ranking_fn
cl_render_ranking_lookup(const char *name)
{
	const struct format *f = find_format(name);

	return f != NULL ? f->ranking : NULL;
}

cl_render_diff_fn
cl_render_diff_lookup(const char *name)
{
	const struct format *f = find_format(name);

	return f != NULL ? f->diff : NULL;
}

void
cl_render_options_default(struct cl_render_options *o)
{
	memset(o, 0, sizeof *o);
	o->only = CL_ONLY_ALL;
	o->delimiter = ',';
	o->decimal_sep = '.';
	o->newline = "\n";
}

static const char *const only_names[] = {
	[CL_ONLY_ALL] = "all", [CL_ONLY_OVER] = "over",
	[CL_ONLY_UNDER] = "under", [CL_ONLY_FLAGGED] = "flagged",
	[CL_ONLY_OK] = "ok", [CL_ONLY_CHANGED] = "changed",
};

int
cl_only_parse(const char *name)
{
	for (size_t i = 0; i < sizeof only_names / sizeof *only_names; i++)
		if (strcmp(only_names[i], name) == 0)
			return (int)i;
	return -1;
}

int
cl_only_matches(enum cl_only only, enum cl_load_status s)
{
	switch (only) {
	case CL_ONLY_OVER:
		return s == CL_OVER;
	case CL_ONLY_UNDER:
		return s == CL_UNDER;
	case CL_ONLY_FLAGGED:
		return s != CL_OK_LOAD;
	case CL_ONLY_OK:
		return s == CL_OK_LOAD;
	default:
		return 1;
	}
}
