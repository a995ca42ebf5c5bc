/*
 * render_diff_json.c - a diff as JSON, built with cJSON.
 *
 * Kept apart from render_json.c (with its own few cell helpers) until the
 * renderers walk one description of every result; then a diff is tables
 * like any other and this file goes.
 */
#include <cJSON.h>
#include <stdlib.h>

#include "internal.h"

static void
add_dec(cJSON *obj, const char *key, cl_dec v, int decimals)
{
	char buf[CL_DEC_BUFSIZE];

	cJSON_AddRawToObject(obj, key, cl_dec_format(v, decimals, '.', buf));
}

static void
add_count(cJSON *obj, const char *key, long n)
{
	char buf[24];

	snprintf(buf, sizeof buf, "%ld", n);
	cJSON_AddRawToObject(obj, key, buf);
}

static void
add_text(cJSON *obj, const char *key, const char *text)
{
	if (text != NULL)
		cJSON_AddStringToObject(obj, key, text);
	else
		cJSON_AddNullToObject(obj, key);
}

/* One side of a worker: null when it has no row there. */
static void
add_side(cJSON *obj, const char *key, const struct cl_worker *w)
{
	cJSON *o;

	if (w == NULL) {
		cJSON_AddNullToObject(obj, key);
		return;
	}
	o = cJSON_AddObjectToObject(obj, key);
	add_count(o, "cases", w->cases);
	add_dec(o, "points", w->points, CL_DEC_DIGITS);
	if (w->has_load)
		add_dec(o, "load_pct", w->load_pct, 2);
	else
		cJSON_AddNullToObject(o, "load_pct");
	add_text(o, "status", cl_load_status_name(w->status));
}

static cJSON *
worker_json(const struct cl_worker_diff *w)
{
	cJSON *o = cJSON_CreateObject();

	add_text(o, "worker", w->worker);
	add_text(o, "team", w->team);
	add_text(o, "change", cl_change_kind_name(w->change));
	add_side(o, "before", w->before);
	add_side(o, "after", w->after);
	return o;
}

static cJSON *
case_json(enum cl_case_list l, const struct cl_case_change *c)
{
	cJSON *o = cJSON_CreateObject();

	add_text(o, "case_id", c->case_id);
	switch (l) {
	case CL_CASES_MOVED:
		add_text(o, "from", c->from);
		add_text(o, "to", c->to);
		add_dec(o, "points_before", c->points_before, CL_DEC_DIGITS);
		add_dec(o, "points_after", c->points_after, CL_DEC_DIGITS);
		break;
	case CL_CASES_REPOINTED:
		add_text(o, "worker", c->worker);
		add_dec(o, "before", c->points_before, CL_DEC_DIGITS);
		add_dec(o, "after", c->points_after, CL_DEC_DIGITS);
		break;
	default:
		add_text(o, "worker", c->worker);
		add_dec(o, "points", l == CL_CASES_ADDED ? c->points_after
		    : c->points_before, CL_DEC_DIGITS);
	}
	return o;
}

static cJSON *
summary_json(const struct cl_diff *d)
{
	static const enum cl_change_kind kinds[] = { CL_CHANGE_NEWLY_OVER,
		CL_CHANGE_NO_LONGER_OVER, CL_CHANGE_NEWLY_UNDER,
		CL_CHANGE_NO_LONGER_UNDER, CL_CHANGE_JOINED, CL_CHANGE_LEFT };
	cJSON *o = cJSON_CreateObject();

	for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++)
		add_count(o, cl_change_kind_name(kinds[i]),
		    (long)d->summary.changes[kinds[i]]);
	/* null, not 0, when the case ids could not be compared */
	for (int l = 0; l < CL_NCASE_LISTS; l++)
		if (d->has_cases)
			add_count(o, cl_case_list_name((enum cl_case_list)l),
			    (long)d->summary.cases[l]);
		else
			cJSON_AddNullToObject(o,
			    cl_case_list_name((enum cl_case_list)l));
	add_dec(o, "points_before", d->summary.points_before, CL_DEC_DIGITS);
	add_dec(o, "points_after", d->summary.points_after, CL_DEC_DIGITS);
	return o;
}

static cJSON *
diag_json(const struct cl_diag *d)
{
	static const char *const severity[] = { "note", "warning", "error" };
	cJSON *o = cJSON_CreateObject();

	add_text(o, "file", d->file);
	if (d->line > 0)
		add_count(o, "line", d->line);
	else
		cJSON_AddNullToObject(o, "line");
	add_text(o, "severity", severity[d->severity]);
	add_text(o, "message", d->message);
	return o;
}

int
cl_render_diff_json(const struct cl_diff *d,
    const struct cl_render_options *opt, FILE *out)
{
	static cJSON_Hooks hooks = { cl_xmalloc, free };
	cJSON *root, *list;
	char *text;
	int rc;

	cJSON_InitHooks(&hooks);	/* so cJSON never returns NULL */
	root = cJSON_CreateObject();
	list = cJSON_AddArrayToObject(root, "workers");
	for (size_t i = 0; i < d->nworkers; i++)
		if (cl_diff_matches(opt->only, &d->workers[i]))
			cJSON_AddItemToArray(list, worker_json(&d->workers[i]));
	if (d->has_cases) {
		cJSON *cases = cJSON_AddObjectToObject(root, "cases");

		for (int l = 0; l < CL_NCASE_LISTS; l++) {
			list = cJSON_AddArrayToObject(cases,
			    cl_case_list_name((enum cl_case_list)l));
			for (size_t i = 0; i < d->ncases[l]; i++)
				cJSON_AddItemToArray(list, case_json(
				    (enum cl_case_list)l, &d->cases[l][i]));
		}
	}
	cJSON_AddItemToObject(root, "summary", summary_json(d));
	list = cJSON_AddArrayToObject(root, "diagnostics");
	for (size_t i = 0; i < opt->ndiags; i++)
		cJSON_AddItemToArray(list, diag_json(&opt->diags[i]));
	text = cJSON_Print(root);
	rc = fputs(text, out) < 0 || putc('\n', out) == EOF ? -1 : 0;
	free(text);
	cJSON_Delete(root);
	return rc || ferror(out) ? -1 : 0;
}
