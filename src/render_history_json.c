/*
 * render_history_json.c - trends and snapshot lists as JSON, built with
 * cJSON; numbers go in as exact text, a week without a load is null.
 */
#include <cJSON.h>
#include <stdlib.h>

#include "render_history.h"

static void
add_dec(cJSON *obj, const char *key, int known, cl_dec v, int decimals)
{
	if (known) {
		char buf[CL_DEC_BUFSIZE];

		cJSON_AddRawToObject(obj, key, cl_dec_format(v, decimals, '.',
		    buf));
	} else {
		cJSON_AddNullToObject(obj, key);
	}
}

static void
add_text(cJSON *obj, const char *key, const char *text)
{
	if (text != NULL)
		cJSON_AddStringToObject(obj, key, text);
	else
		cJSON_AddNullToObject(obj, key);
}

static cJSON *
loads_json(const cl_dec *v, const unsigned char *known, size_t n)
{
	cJSON *a = cJSON_CreateArray();

	for (size_t i = 0; i < n; i++) {
		char buf[CL_DEC_BUFSIZE];

		cJSON_AddItemToArray(a, known[i] ? cJSON_CreateRaw(
		    cl_dec_format(v[i], 2, '.', buf)) : cJSON_CreateNull());
	}
	return a;
}

static int
print(cJSON *root, FILE *out)
{
	char *text = cJSON_Print(root);
	int rc = fputs(text, out) < 0 || putc('\n', out) == EOF ? -1 : 0;

	free(text);
	cJSON_Delete(root);
	return rc || ferror(out) ? -1 : 0;
}

int
cl_render_trend_json(const struct cl_trend *t,
    const struct cl_render_options *o, FILE *out)
{
	static cJSON_Hooks hooks = { cl_xmalloc, free };
	cJSON *root, *list;

	cJSON_InitHooks(&hooks);
	root = cJSON_CreateObject();
	list = cJSON_AddArrayToObject(root, "snapshots");
	for (size_t i = 0; i < t->nsnapshots; i++)
		cJSON_AddItemToArray(list, cJSON_CreateString(t->dates[i]));
	list = cJSON_AddArrayToObject(root, "workers");
	for (size_t i = 0; i < t->nworkers; i++) {
		const struct cl_trend_worker *w = &t->workers[i];
		cJSON *obj;
		char streak[24];

		if (!cl_trend_shows(w, o->only))
			continue;
		obj = cJSON_CreateObject();
		add_text(obj, "worker", w->worker);
		add_text(obj, "team", w->team);
		cJSON_AddItemToObject(obj, "loads", loads_json(w->loads,
		    w->known, t->nsnapshots));
		add_text(obj, "status", w->present ?
		    cl_load_status_name(w->status) : NULL);
		snprintf(streak, sizeof streak, "%ld", w->streak);
		cJSON_AddRawToObject(obj, "streak", streak);
		add_dec(obj, "average_load_pct", w->has_average,
		    w->average_load, 2);
		add_dec(obj, "change_pct", w->has_change, w->change, 2);
		cJSON_AddItemToArray(list, obj);
	}
	list = cJSON_AddArrayToObject(root, "teams");
	for (size_t i = 0; i < t->nteams; i++) {
		const struct cl_trend_team *team = &t->teams[i];
		cJSON *obj = cJSON_CreateObject();

		add_text(obj, "team", team->team);
		cJSON_AddItemToObject(obj, "loads", loads_json(team->loads,
		    team->known, t->nsnapshots));
		add_dec(obj, "average_load_pct", team->has_average,
		    team->average_load, 2);
		cJSON_AddItemToArray(list, obj);
	}
	return print(root, out);
}

int
cl_render_list_json(const struct cl_snapshot_list *l,
    const struct cl_render_options *o, FILE *out)
{
	static cJSON_Hooks hooks = { cl_xmalloc, free };
	cJSON *root, *list;

	(void)o;
	cJSON_InitHooks(&hooks);
	root = cJSON_CreateObject();
	list = cJSON_AddArrayToObject(root, "snapshots");
	for (size_t i = 0; i < l->n; i++) {
		const struct cl_snapshot_info *s = &l->snapshots[i];
		cJSON *obj = cJSON_CreateObject(), *files;
		char num[24];

		add_text(obj, "date", s->date);
		files = cJSON_AddArrayToObject(obj, "files");
		for (size_t k = 0; k < s->nfiles; k++) {
			cJSON *f = cJSON_CreateObject();

			add_text(f, "name", s->files[k]);
			add_text(f, "sha256", s->sha256[k]);
			cJSON_AddItemToArray(files, f);
		}
		snprintf(num, sizeof num, "%ld", s->workers);
		cJSON_AddRawToObject(obj, "workers", num);
		snprintf(num, sizeof num, "%ld", s->cases);
		cJSON_AddRawToObject(obj, "cases", num);
		add_dec(obj, "points", 1, s->points, CL_DEC_DIGITS);
		cJSON_AddItemToArray(list, obj);
	}
	return print(root, out);
}
