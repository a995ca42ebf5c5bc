/*
 * render.c - what all renderers share: the format table and the filters.
 */
#include <string.h>

#include "internal.h"

static const struct format {
	const char *name;
	cl_render_fn render;
} formats[] = {
	{ "table", cl_render_table },
	{ "csv", cl_render_csv },
	{ "tsv", cl_render_tsv },
	{ "json", cl_render_json },
};

static const struct plan_format {
	const char *name;
	cl_render_plan_fn plan;
	cl_render_ranking_fn ranking;
} plan_formats[] = {
	{ "table", cl_render_plan_table, cl_render_ranking_table },
	{ "csv", cl_render_plan_csv, cl_render_ranking_csv },
	{ "tsv", cl_render_plan_tsv, cl_render_ranking_tsv },
	{ "json", cl_render_plan_json, cl_render_ranking_json },
};

cl_render_fn
cl_render_lookup(const char *name)
{
	for (size_t i = 0; i < sizeof formats / sizeof *formats; i++)
		if (strcmp(formats[i].name, name) == 0)
			return formats[i].render;
	return NULL;
}

cl_render_plan_fn
cl_render_plan_lookup(const char *name)
{
	for (size_t i = 0; i < sizeof plan_formats / sizeof *plan_formats; i++)
		if (strcmp(plan_formats[i].name, name) == 0)
			return plan_formats[i].plan;
	return NULL;
}

cl_render_ranking_fn
cl_render_ranking_lookup(const char *name)
{
	for (size_t i = 0; i < sizeof plan_formats / sizeof *plan_formats; i++)
		if (strcmp(plan_formats[i].name, name) == 0)
			return plan_formats[i].ranking;
	return NULL;
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
	[CL_ONLY_OK] = "ok",
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
