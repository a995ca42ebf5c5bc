/*
 * render_history.c - what the renderers of trends and snapshot lists
 * share: their format table, the --only filter and the sparkline scale.
 */
#include <string.h>

#include "render_history.h"

static const struct history_format {
	const char *name;
	cl_render_trend_fn trend;
	cl_render_list_fn list;
} formats[] = {
	{ "table", cl_render_trend_table, cl_render_list_table },
	{ "csv", cl_render_trend_csv, cl_render_list_csv },
	{ "tsv", cl_render_trend_tsv, cl_render_list_tsv },
	{ "json", cl_render_trend_json, cl_render_list_json },
};

static const struct history_format *
find(const char *name)
{
	for (size_t i = 0; i < sizeof formats / sizeof *formats; i++)
		if (strcmp(formats[i].name, name) == 0)
			return &formats[i];
	return NULL;
}

cl_render_trend_fn
cl_render_trend_lookup(const char *name)
{
	const struct history_format *f = find(name);

	return f != NULL ? f->trend : NULL;
}

cl_render_list_fn
cl_render_list_lookup(const char *name)
{
	const struct history_format *f = find(name);

	return f != NULL ? f->list : NULL;
}

int
cl_trend_shows(const struct cl_trend_worker *w, enum cl_only only)
{
	if (!w->present)
		return only == CL_ONLY_ALL;
	return cl_only_matches(only, w->status);
}

cl_dec
cl_trend_top(const struct cl_trend *t)
{
	cl_dec top = 0;

	for (size_t i = 0; i < t->nworkers; i++)
		for (size_t j = 0; j < t->nsnapshots; j++)
			if (t->workers[i].known[j] && t->workers[i].loads[j] > top)
				top = t->workers[i].loads[j];
	for (size_t i = 0; i < t->nteams; i++)
		for (size_t j = 0; j < t->nsnapshots; j++)
			if (t->teams[i].known[j] && t->teams[i].loads[j] > top)
				top = t->teams[i].loads[j];
	return top;
}

int
cl_spark_level(cl_dec load, cl_dec top)
{
	__extension__ typedef __int128 wide;

	if (top <= 0 || load <= 0)
		return 0;
	if (load >= top)
		return 7;
	return (int)((wide)load * 8 / top);
}
