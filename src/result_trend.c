/*
 * result_trend.c - caseload history as results: the trend (the dates
 * shown, workers and teams with their loads) and the list of snapshots.
 */
#include <string.h>

#include "internal.h"

enum { W_NAME, W_TEAM, W_LOADS, W_LOAD, W_CHANGE, W_AVERAGE, W_STATUS,
	W_STREAK, W_COLUMNS };

static const struct cl_column worker_columns[W_COLUMNS] = {
	[W_NAME] = { "worker", N_("Worker"), CL_TYPE_TEXT, 0, 0, NULL },
	[W_TEAM] = { "team", N_("Team"), CL_TYPE_TEXT, 0, 0, NULL },
	[W_LOADS] = { "loads", N_("Loads"), CL_TYPE_NUMBERS, 2, 0, NULL },
	[W_LOAD] = { "load_pct", N_("Load"), CL_TYPE_PERCENT, 2, 0, NULL },
	[W_CHANGE] = { "change_pct", N_("Change"), CL_TYPE_DECIMAL, 2,
	    CL_COL_SIGNED, NULL },
	[W_AVERAGE] = { "average_load_pct", N_("Average"), CL_TYPE_PERCENT, 2, 0,
	    NULL },
	[W_STATUS] = { "status", N_("Status"), CL_TYPE_STATUS, 0, 0, NULL },
	[W_STREAK] = { "streak", N_("Streak"), CL_TYPE_INTEGER, 0, 0, NULL },
};

/* People also see the latest load; machines find it last in `loads`. */
static const int worker_people[] = { W_NAME, W_TEAM, W_LOADS, W_LOAD,
	W_CHANGE, W_AVERAGE, W_STATUS, W_STREAK, -1 };
static const int worker_machines[] = { W_NAME, W_TEAM, W_LOADS, W_STATUS,
	W_STREAK, W_AVERAGE, W_CHANGE, -1 };

/* What the cells read: the shown workers, the trend and the scale. */
struct trend_rows {
	const struct cl_trend *trend;
	const struct cl_trend_worker **workers;
	cl_dec scale[2];
};

static void
loads_value(struct cl_value *v, const cl_dec *loads,
    const unsigned char *known, const struct trend_rows *rows)
{
	v->list.numbers = loads;
	v->list.known = known;
	v->list.n = rows->trend->nsnapshots;
	v->list.scale = rows->scale;
}

static void
worker_cell(const struct cl_table *t, size_t row, size_t col,
    struct cl_value *v)
{
	const struct trend_rows *rows = t->rows;
	const struct cl_trend_worker *w = rows->workers[row];
	size_t last = rows->trend->nsnapshots - 1;

	switch (col) {
	case W_NAME:
		v->text = w->worker;
		break;
	case W_TEAM:
		v->text = w->team;
		v->null = w->team == NULL;
		break;
	case W_LOADS:
		loads_value(v, w->loads, w->known, rows);
		break;
	case W_LOAD:
		v->dec = w->loads[last];
		v->null = !w->present || !w->known[last];
		break;
	case W_CHANGE:
		v->dec = w->change;
		v->null = !w->has_change;
		break;
	case W_AVERAGE:
		v->dec = w->average_load;
		v->null = !w->has_average;
		break;
	case W_STATUS:
		*v = cl_value_status(w->status);
		v->null = !w->present;
		break;
	default:
		v->integer = w->streak;
	}
}

enum { T_NAME, T_LOADS, T_LOAD, T_AVERAGE, T_COLUMNS };

static const struct cl_column team_columns[T_COLUMNS] = {
	[T_NAME] = { "team", N_("Team"), CL_TYPE_TEXT, 0, 0, N_("(no team)") },
	[T_LOADS] = { "loads", N_("Loads"), CL_TYPE_NUMBERS, 2, 0, NULL },
	[T_LOAD] = { "load_pct", N_("Load"), CL_TYPE_PERCENT, 2, 0, NULL },
	[T_AVERAGE] = { "average_load_pct", N_("Average"), CL_TYPE_PERCENT, 2, 0,
	    NULL },
};

static const int team_machines[] = { T_NAME, T_LOADS, T_AVERAGE, -1 };

static void
team_cell(const struct cl_table *t, size_t row, size_t col,
    struct cl_value *v)
{
	const struct trend_rows *rows = t->rows;
	const struct cl_trend_team *team = &rows->trend->teams[row];
	size_t last = rows->trend->nsnapshots - 1;

	switch (col) {
	case T_NAME:
		v->text = team->team;
		v->null = team->team == NULL;
		break;
	case T_LOADS:
		loads_value(v, team->loads, team->known, rows);
		break;
	case T_LOAD:
		v->dec = team->loads[last];
		v->null = !team->known[last];
		break;
	default:
		v->dec = team->average_load;
		v->null = !team->has_average;
	}
}

/* Whether --only shows the worker: by its latest status; one not in the
 * latest snapshot only with all. */
static int
shows(const struct cl_trend_worker *w, enum cl_only only)
{
	if (!w->present)
		return only == CL_ONLY_ALL;
	return cl_only_matches(only, w->status);
}

/* The highest load of any row: the top of everyone's sparkline. */
static cl_dec
top_load(const struct cl_trend *t)
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

struct cl_result *
cl_result_trend(const struct cl_trend *t,
    const struct cl_render_options *opt)
{
	struct cl_result *res = cl_result_new("trend", N_("Caseload history"));
	struct trend_rows *rows = cl_result_alloc(res, 1, sizeof *rows);
	const char **dates = cl_result_alloc(res, t->nsnapshots + 1,
	    sizeof *dates);
	unsigned people = t->nsnapshots > 0 ? CL_SHOW(CL_FOR_PEOPLE) : 0;
	unsigned by_worker = opt->by_team ? 0 : people | CL_SHOW(CL_FOR_SHEET);
	unsigned by_team = !opt->by_team ? 0 : CL_SHOW(CL_FOR_SHEET);
	struct cl_figure *f;
	struct cl_table *table;
	char top[CL_DEC_BUFSIZE];
	size_t n = 0;

	rows->trend = t;
	rows->workers = cl_result_alloc(res, t->nworkers + 1,
	    sizeof *rows->workers); /* NOLINT(bugprone-sizeof-expression) */
	rows->scale[1] = top_load(t);
	for (size_t i = 0; i < t->nworkers; i++)
		if (shows(&t->workers[i], opt->only))
			rows->workers[n++] = &t->workers[i];
	for (size_t i = 0; i < t->nsnapshots; i++)
		dates[i] = t->dates[i];
	f = cl_result_add_figures(res, NULL, N_("Snapshots"), CL_SHOW(CL_FOR_TREE),
	    1);
	f[0] = (struct cl_figure){ "snapshots", _("Snapshots"), CL_TYPE_TEXTS, 0,
		{ .list = { dates, NULL, t->nsnapshots, NULL, NULL } } };
	table = cl_result_add_table(res, "workers", N_("Workers"),
	    CL_SHOW(CL_FOR_TREE) | by_worker);
	table->columns = cl_result_columns(res, worker_columns, W_COLUMNS);
	table->ncolumns = W_COLUMNS;
	table->views[CL_FOR_PEOPLE] = worker_people;
	table->views[CL_FOR_SHEET] = worker_machines;
	table->views[CL_FOR_TREE] = worker_machines;
	table->nrows = n;
	table->cell = worker_cell;
	table->rows = rows;
	table->empty = t->nworkers > 0 ? _("No worker matches --only.")
	    : _("No workers.");
	table = cl_result_add_table(res, "teams", N_("Teams"), CL_SHOW(CL_FOR_TREE)
	    | by_team | people);
	table->columns = cl_result_columns(res, team_columns, T_COLUMNS);
	table->ncolumns = T_COLUMNS;
	table->views[CL_FOR_SHEET] = team_machines;
	table->views[CL_FOR_TREE] = team_machines;
	table->nrows = t->nteams;
	table->cell = team_cell;
	table->rows = rows;
	cl_dec_format(rows->scale[1], 2, opt->decimal_sep, top);
	if (t->nsnapshots == 0)
		cl_result_add_line(res, 1, "%s", _("No snapshots yet: record one "
		    "with caseload --record."));
	else if (t->nsnapshots == 1)
		cl_result_add_line(res, 1, _("1 snapshot, %s; the tallest bar "
		    "is %s%%."), t->dates[0], top);
	else
		cl_result_add_line(res, 1, _("%zu snapshots, %s to %s; the "
		    "tallest bar is %s%%."), t->nsnapshots, t->dates[0],
		    t->dates[t->nsnapshots - 1], top);
	return res;
}

/* ---- the list of snapshots ---- */

enum { S_DATE, S_FILES, S_WORKERS, S_CASES, S_POINTS, S_SHA256,
	S_COLUMNS };

static const struct cl_column snapshot_columns[S_COLUMNS] = {
	[S_DATE] = { "date", N_("Date"), CL_TYPE_DATE, 0, 0, NULL },
	[S_FILES] = { "files", N_("Files"), CL_TYPE_TEXTS, 0, 0, NULL },
	[S_WORKERS] = { "workers", N_("Workers"), CL_TYPE_INTEGER, 0, 0, NULL },
	[S_CASES] = { "cases", N_("Cases"), CL_TYPE_INTEGER, 0, 0, NULL },
	[S_POINTS] = { "points", N_("Points"), CL_TYPE_DECIMAL, CL_DEC_DIGITS, 0,
	    NULL },
	[S_SHA256] = { "sha256", N_("SHA-256"), CL_TYPE_TEXTS, 0, 0, NULL },
};

static const int snapshot_people[] = { S_DATE, S_FILES, S_WORKERS, S_CASES,
	S_POINTS, -1 };

static void
snapshot_cell(const struct cl_table *t, size_t row, size_t col,
    struct cl_value *v)
{
	const struct cl_snapshot_list *l = t->rows;
	const struct cl_snapshot_info *s = &l->snapshots[row];

	switch (col) {
	case S_DATE:
		/* the history holds valid dates only (history_read.c) */
		if (cl_date_parse(s->date, strlen(s->date), 1, &v->date) != NULL)
			v->date = 0;
		break;
	case S_FILES:
		v->list.texts = (const char *const *)s->files;
		v->list.n = s->nfiles;
		break;
	case S_WORKERS:
		v->integer = s->workers;
		break;
	case S_CASES:
		v->integer = s->cases;
		break;
	case S_POINTS:
		v->dec = s->points;
		break;
	default:
		v->list.texts = (const char *const *)s->sha256;
		v->list.n = s->nfiles;
	}
}

struct cl_result *
cl_result_snapshots(const struct cl_snapshot_list *l,
    const struct cl_render_options *opt)
{
	struct cl_result *res = cl_result_new("snapshots",
	    N_("Caseload history: snapshots"));
	struct cl_table *table = cl_result_add_table(res, "snapshots",
	    N_("Snapshots"), CL_SHOW_ALL);

	(void)opt;
	table->columns = cl_result_columns(res, snapshot_columns, S_COLUMNS);
	table->ncolumns = S_COLUMNS;
	table->views[CL_FOR_PEOPLE] = snapshot_people;
	table->nrows = l->n;
	table->cell = snapshot_cell;
	table->rows = l;
	table->empty = _("No snapshots yet: record one with caseload "
	    "--record.");
	return res;
}
