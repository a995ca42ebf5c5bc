/*
 * render_json.c - JSON for scripts, built with cJSON.
 *
 * Numbers go in as raw text from cl_dec_format, not as doubles, so a sum
 * like 1234567890.123456 prints exactly as it was added up.
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

/* load_pct, or null when there is no target to load against */
static void
add_load(cJSON *obj, int has_load, cl_dec load)
{
	if (has_load)
		add_dec(obj, "load_pct", load, 2);
	else
		cJSON_AddNullToObject(obj, "load_pct");
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
targets_json(const struct cl_targets *t)
{
	cJSON *o = cJSON_CreateObject();

	add_dec(o, "points", t->points, CL_DEC_DIGITS);
	add_dec(o, "cases", t->cases, CL_DEC_DIGITS);
	add_dec(o, "under_pct", t->under_pct, CL_DEC_DIGITS);
	return o;
}

static cJSON *
worker_json(const struct cl_worker *w, int followups)
{
	cJSON *o = cJSON_CreateObject();

	add_text(o, "worker", w->name);
	add_text(o, "team", w->team);
	add_dec(o, "fte", w->fte, CL_DEC_DIGITS);
	add_count(o, "cases", w->cases);
	add_dec(o, "points", w->points, CL_DEC_DIGITS);
	add_dec(o, "points_target", w->points_target, CL_DEC_DIGITS);
	add_dec(o, "cases_target", w->cases_target, CL_DEC_DIGITS);
	add_load(o, w->has_load, w->load_pct);
	add_text(o, "status", cl_load_status_name(w->status));
	cJSON_AddBoolToObject(o, "on_roster", w->on_roster);
	add_dec(o, "reduction", w->reduction, CL_DEC_DIGITS);
	if (followups)
		add_dec(o, "followups_per_month", w->followups_per_month, 2);
	add_text(o, "reason", w->reason);
	return o;
}

static cJSON *
team_json(const struct cl_team *t)
{
	cJSON *o = cJSON_CreateObject();

	add_text(o, "team", t->name);
	add_count(o, "workers", (long)t->workers);
	add_dec(o, "fte", t->fte, CL_DEC_DIGITS);
	add_count(o, "cases", t->cases);
	add_dec(o, "points", t->points, CL_DEC_DIGITS);
	add_dec(o, "points_target", t->points_target, CL_DEC_DIGITS);
	add_load(o, t->has_load, t->load_pct);
	add_count(o, "over", (long)t->over);
	add_count(o, "under", (long)t->under);
	add_count(o, "ok", (long)t->ok);
	add_dec(o, "fte_needed", t->fte_needed, 2);
	return o;
}

static cJSON *
summary_json(const struct cl_summary *s)
{
	cJSON *o = cJSON_CreateObject();

	add_count(o, "workers", (long)s->workers);
	add_count(o, "cases", s->cases);
	add_dec(o, "points", s->points, CL_DEC_DIGITS);
	add_dec(o, "fte", s->fte, CL_DEC_DIGITS);
	add_dec(o, "fte_needed", s->fte_needed, 2);
	add_count(o, "over", (long)s->over);
	add_count(o, "under", (long)s->under);
	add_count(o, "ok", (long)s->ok);
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

/* Adds the run's diagnostics and writes the document. */
static int
finish(cJSON *root, const struct cl_render_options *opt, FILE *out)
{
	cJSON *diags = cJSON_CreateArray();
	char *text;
	int rc;

	for (size_t i = 0; i < opt->ndiags; i++)
		cJSON_AddItemToArray(diags, diag_json(&opt->diags[i]));
	cJSON_AddItemToObject(root, "diagnostics", diags);
	text = cJSON_Print(root);
	rc = fputs(text, out) < 0 || putc('\n', out) == EOF ? -1 : 0;
	free(text);
	cJSON_Delete(root);
	return rc || ferror(out) ? -1 : 0;
}

int
cl_render_json(const struct cl_report *r,
    const struct cl_render_options *opt, FILE *out)
{
	static cJSON_Hooks hooks = { cl_xmalloc, free };
	cJSON *root, *workers, *teams;

	/* cJSON allocates through us, so it never returns NULL */
	cJSON_InitHooks(&hooks);
	root = cJSON_CreateObject();
	cJSON_AddItemToObject(root, "targets", targets_json(&r->targets));
	workers = cJSON_AddArrayToObject(root, "workers");
	for (size_t i = 0; i < r->nworkers; i++)
		if (cl_only_matches(opt->only, r->workers[i].status))
			cJSON_AddItemToArray(workers,
			    worker_json(&r->workers[i], r->has_followups));
	teams = cJSON_AddArrayToObject(root, "teams");
	for (size_t i = 0; i < r->nteams; i++)
		cJSON_AddItemToArray(teams, team_json(&r->teams[i]));
	cJSON_AddItemToObject(root, "summary", summary_json(&r->summary));
	return finish(root, opt, out);
}

/* ---- plans and rankings ---- */

static void
add_status(cJSON *o, const char *key, enum cl_load_status s)
{
	add_text(o, key, cl_load_status_name(s));
}

static cJSON *
move_json(const struct cl_move *m)
{
	cJSON *o = cJSON_CreateObject();

	add_text(o, "case_id", m->case_id);
	add_dec(o, "points", m->points, CL_DEC_DIGITS);
	add_text(o, "from", m->from);
	add_text(o, "to", m->to);
	add_text(o, "team", m->team);
	return o;
}

/* What a plan row and a ranking candidate share: before and after. */
static cJSON *
change_json(const struct cl_change *c)
{
	cJSON *o = cJSON_CreateObject();

	add_text(o, "worker", c->worker);
	add_text(o, "team", c->team);
	add_count(o, "cases_before", c->cases_before);
	add_count(o, "cases_after", c->cases_after);
	add_dec(o, "points_before", c->points_before, CL_DEC_DIGITS);
	add_dec(o, "points_after", c->points_after, CL_DEC_DIGITS);
	add_dec(o, "points_target", c->points_target, CL_DEC_DIGITS);
	add_dec(o, "cases_target", c->cases_target, CL_DEC_DIGITS);
	if (c->has_load) {
		add_dec(o, "load_pct_before", c->load_before, 2);
		add_dec(o, "load_pct_after", c->load_after, 2);
	} else {
		cJSON_AddNullToObject(o, "load_pct_before");
		cJSON_AddNullToObject(o, "load_pct_after");
	}
	add_status(o, "status_before", c->status_before);
	add_status(o, "status_after", c->status_after);
	return o;
}

static cJSON *
plan_worker_json(const struct cl_change *w)
{
	cJSON *o = change_json(w);

	add_count(o, "unmovable", w->unmovable);
	return o;
}

static cJSON *
shortfall_json(const struct cl_shortfall *s)
{
	cJSON *o = cJSON_CreateObject(), *names = cJSON_CreateArray();

	add_text(o, "team", s->team);
	cJSON_AddBoolToObject(o, "all_teams", s->all_teams);
	add_dec(o, "points_short", s->points_short, CL_DEC_DIGITS);
	add_dec(o, "fte_short", s->fte_short, 2);
	for (size_t i = 0; i < s->nstill_over; i++)
		cJSON_AddItemToArray(names, cJSON_CreateString(s->still_over[i]));
	cJSON_AddItemToObject(o, "still_over", names);
	return o;
}

int
cl_render_plan_json(const struct cl_plan *p,
    const struct cl_render_options *opt, FILE *out)
{
	static cJSON_Hooks hooks = { cl_xmalloc, free };
	cJSON *root, *list, *summary;

	cJSON_InitHooks(&hooks);
	root = cJSON_CreateObject();
	list = cJSON_AddArrayToObject(root, "moves");
	for (size_t i = 0; i < p->nmoves; i++)
		cJSON_AddItemToArray(list, move_json(&p->moves[i]));
	list = cJSON_AddArrayToObject(root, "workers");
	for (size_t i = 0; i < p->nworkers; i++)
		cJSON_AddItemToArray(list, plan_worker_json(&p->workers[i]));
	list = cJSON_AddArrayToObject(root, "shortfalls");
	for (size_t i = 0; i < p->nshortfalls; i++)
		cJSON_AddItemToArray(list, shortfall_json(&p->shortfalls[i]));
	summary = cJSON_AddObjectToObject(root, "summary");
	add_count(summary, "moves", (long)p->nmoves);
	cJSON_AddBoolToObject(summary, "fits", p->fits);
	return finish(root, opt, out);
}

static cJSON *
candidate_json(const struct cl_change *c)
{
	cJSON *o = change_json(c);

	add_dec(o, "room_after", c->room_after, CL_DEC_DIGITS);
	cJSON_AddBoolToObject(o, "pushed_over", c->pushed_over);
	return o;
}

int
cl_render_ranking_json(const struct cl_ranking *r,
    const struct cl_render_options *opt, FILE *out)
{
	static cJSON_Hooks hooks = { cl_xmalloc, free };
	cJSON *root, *list;

	cJSON_InitHooks(&hooks);
	root = cJSON_CreateObject();
	add_dec(root, "points", r->points, CL_DEC_DIGITS);
	list = cJSON_AddArrayToObject(root, "candidates");
	for (size_t i = 0; i < r->ncandidates; i++)
		cJSON_AddItemToArray(list, candidate_json(&r->candidates[i]));
	/* the first is the suggestion, even when it would go over */
	add_text(root, "suggestion", r->ncandidates > 0
	    ? r->candidates[0].worker : NULL);
	cJSON_AddBoolToObject(root, "fits", r->ncandidates > 0 &&
	    !r->candidates[0].pushed_over);
	return finish(root, opt, out);
}
