/*
 * result_plan.c - a rebalancing plan as a result: the moves, the workers
 * before and after, the shortfalls; for sheets all three in one table.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

enum { M_CASE, M_POINTS, M_FROM, M_TO, M_TEAM, M_COLUMNS };

static const struct cl_column move_columns[M_COLUMNS] = {
	[M_CASE] = { "case_id", N_("Case"), CL_TYPE_TEXT, 0, 0, NULL },
	[M_POINTS] = { "points", N_("Points"), CL_TYPE_DECIMAL, CL_DEC_DIGITS, 0,
	    NULL },
	[M_FROM] = { "from", N_("From"), CL_TYPE_TEXT, 0, 0, NULL },
	[M_TO] = { "to", N_("To"), CL_TYPE_TEXT, 0, 0, NULL },
	[M_TEAM] = { "team", N_("Team"), CL_TYPE_TEXT, 0, 0, NULL },
};

static void
move_value(const struct cl_move *m, size_t col, struct cl_value *v)
{
	switch (col) {
	case M_CASE:
		v->text = m->case_id;
		break;
	case M_POINTS:
		v->dec = m->points;
		break;
	case M_FROM:
		v->text = m->from;
		break;
	case M_TO:
		v->text = m->to;
		break;
	default:
		v->text = m->team;
		v->null = m->team == NULL;
	}
}

static void
move_cell(const struct cl_table *t, size_t row, size_t col,
    struct cl_value *v)
{
	const struct cl_move *moves = t->rows;

	move_value(&moves[row], col, v);
}

enum { P_WORKER, P_TEAM, P_CASES, P_POINTS, P_POINTS_TARGET,
	P_CASES_TARGET, P_LOAD, P_STATUS, P_UNMOVABLE, P_COLUMNS };

static const struct cl_column worker_columns[P_COLUMNS] = {
	[P_WORKER] = { "worker", N_("Worker"), CL_TYPE_TEXT, 0, 0, NULL },
	[P_TEAM] = { "team", N_("Team"), CL_TYPE_TEXT, 0, 0, NULL },
	[P_CASES] = { "cases", N_("Cases"), CL_TYPE_INTEGER, 0, CL_COL_CHANGE,
	    NULL },
	[P_POINTS] = { "points", N_("Points"), CL_TYPE_DECIMAL, CL_DEC_DIGITS,
	    CL_COL_CHANGE, NULL },
	[P_POINTS_TARGET] = { "points_target", N_("Max"), CL_TYPE_DECIMAL,
	    CL_DEC_DIGITS, CL_COL_ROUNDED,
	    NULL },
	[P_CASES_TARGET] = { "cases_target", N_("Max"), CL_TYPE_DECIMAL,
	    CL_DEC_DIGITS, CL_COL_ROUNDED,
	    NULL },
	[P_LOAD] = { "load_pct", N_("Load"), CL_TYPE_PERCENT, 2, CL_COL_CHANGE,
	    NULL },
	[P_STATUS] = { "status", N_("Status"), CL_TYPE_STATUS, 0, CL_COL_CHANGE,
	    NULL },
	[P_UNMOVABLE] = { "unmovable", N_("Unmovable"), CL_TYPE_INTEGER, 0, 0,
	    NULL },
};

static const int worker_people_view[] = { P_WORKER, P_TEAM, P_CASES,
	P_POINTS, P_POINTS_TARGET, P_LOAD, P_STATUS, -1 };

/* The formats that draw: each worker's load before and after the moves,
 * the cases after against their target as a mark. */
static const int worker_details[] = { P_POINTS, P_POINTS_TARGET, P_CASES,
	P_CASES_TARGET, -1 };
/* TRANSLATORS: a chart's title, and the legend of its diamond marks */
static const struct cl_chart worker_chart = { N_("Load before and after "
	"the moves"), P_WORKER, P_LOAD, P_STATUS, P_CASES, P_CASES_TARGET,
	N_("cases against the cases target, after"), -1, worker_details };

/* A worker's cell, shared with the sheet's table. */
static void
change_cell(const struct cl_change *w, size_t col, struct cl_value *v)
{
	switch (col) {
	case P_WORKER:
		v->text = w->worker;
		break;
	case P_TEAM:
		v->text = w->team;
		v->null = w->team == NULL;
		break;
	case P_CASES:
		v[0].integer = w->cases_before;
		v[1].integer = w->cases_after;
		break;
	case P_POINTS:
		v[0].dec = w->points_before;
		v[1].dec = w->points_after;
		break;
	case P_POINTS_TARGET:
		v->dec = w->points_target;
		break;
	case P_CASES_TARGET:
		v->dec = w->cases_target;
		break;
	case P_LOAD:
		v[0].dec = w->load_before;
		v[1].dec = w->load_after;
		v[0].null = v[1].null = !w->has_load;
		break;
	case P_STATUS:
		v[0] = cl_value_status(w->status_before);
		v[1] = cl_value_status(w->status_after);
		break;
	default:
		v->integer = w->unmovable;
	}
}

static void
worker_cell(const struct cl_table *t, size_t row, size_t col,
    struct cl_value *v)
{
	const struct cl_change *workers = t->rows;

	change_cell(&workers[row], col, v);
}

enum { S_TEAM, S_ALL_TEAMS, S_POINTS_SHORT, S_FTE_SHORT, S_STILL_OVER,
	S_COLUMNS };

static const struct cl_column shortfall_columns[S_COLUMNS] = {
	[S_TEAM] = { "team", N_("Team"), CL_TYPE_TEXT, 0, 0, NULL },
	[S_ALL_TEAMS] = { "all_teams", N_("All teams"), CL_TYPE_BOOL, 0, 0, NULL },
	[S_POINTS_SHORT] = { "points_short", N_("Points short"), CL_TYPE_DECIMAL,
	    CL_DEC_DIGITS, CL_COL_ROUNDED, NULL },
	[S_FTE_SHORT] = { "fte_short", N_("FTE short"), CL_TYPE_DECIMAL, 2, 0,
	    NULL },
	[S_STILL_OVER] = { "still_over", N_("Still over"), CL_TYPE_TEXTS, 0, 0,
	    NULL },
};

static void
shortfall_value(const struct cl_shortfall *s, size_t col, struct cl_value *v)
{
	switch (col) {
	case S_TEAM:
		v->text = s->team;
		v->null = s->team == NULL;
		break;
	case S_ALL_TEAMS:
		v->yes = s->all_teams;
		break;
	case S_POINTS_SHORT:
		v->dec = s->points_short;
		break;
	case S_FTE_SHORT:
		v->dec = s->fte_short;
		break;
	default:
		v->list.texts = s->still_over;
		v->list.n = s->nstill_over;
	}
}

static void
shortfall_cell(const struct cl_table *t, size_t row, size_t col,
    struct cl_value *v)
{
	const struct cl_shortfall *shortfalls = t->rows;

	shortfall_value(&shortfalls[row], col, v);
}

/*
 * For sheets a plan is one table a spreadsheet can filter: the `record`
 * column says whether a row is a move, a worker before and after, or a
 * team shortfall, and the columns that do not apply to it are empty.
 */
enum { R_RECORD, R_CASE, R_POINTS, R_FROM, R_TO, R_TEAM, R_WORKER,
	R_CASES, R_POINTS_CHANGE, R_POINTS_TARGET, R_LOAD, R_STATUS,
	R_UNMOVABLE, R_POINTS_SHORT, R_FTE_SHORT, R_STILL_OVER, R_COLUMNS };

static const struct cl_column record_columns[R_COLUMNS] = {
	[R_RECORD] = { "record", N_("Record"), CL_TYPE_TEXT, 0, 0, NULL },
	[R_CASE] = { "case_id", N_("Case"), CL_TYPE_TEXT, 0, 0, NULL },
	[R_POINTS] = { "points", N_("Points"), CL_TYPE_DECIMAL, CL_DEC_DIGITS, 0,
	    NULL },
	[R_FROM] = { "from", N_("From"), CL_TYPE_TEXT, 0, 0, NULL },
	[R_TO] = { "to", N_("To"), CL_TYPE_TEXT, 0, 0, NULL },
	[R_TEAM] = { "team", N_("Team"), CL_TYPE_TEXT, 0, 0, NULL },
	[R_WORKER] = { "worker", N_("Worker"), CL_TYPE_TEXT, 0, 0, NULL },
	[R_CASES] = { "cases", N_("Cases"), CL_TYPE_INTEGER, 0, CL_COL_CHANGE,
	    NULL },
	[R_POINTS_CHANGE] = { "points", N_("Points"), CL_TYPE_DECIMAL,
	    CL_DEC_DIGITS, CL_COL_CHANGE, NULL },
	[R_POINTS_TARGET] = { "points_target", N_("Max"), CL_TYPE_DECIMAL,
	    CL_DEC_DIGITS, CL_COL_ROUNDED,
	    NULL },
	[R_LOAD] = { "load_pct", N_("Load"), CL_TYPE_PERCENT, 2, CL_COL_CHANGE,
	    NULL },
	[R_STATUS] = { "status", N_("Status"), CL_TYPE_STATUS, 0, CL_COL_CHANGE,
	    NULL },
	[R_UNMOVABLE] = { "unmovable", N_("Unmovable"), CL_TYPE_INTEGER, 0, 0,
	    NULL },
	[R_POINTS_SHORT] = { "points_short", N_("Points short"), CL_TYPE_DECIMAL,
	    CL_DEC_DIGITS, CL_COL_ROUNDED, NULL },
	[R_FTE_SHORT] = { "fte_short", N_("FTE short"), CL_TYPE_DECIMAL, 2, 0,
	    NULL },
	[R_STILL_OVER] = { "still_over", N_("Still over"), CL_TYPE_TEXTS, 0, 0,
	    NULL },
};

/* The worker table's column for a record column, or -1. */
static const int record_to_worker[R_COLUMNS] = {
	[R_RECORD] = -1, [R_CASE] = -1, [R_POINTS] = -1, [R_FROM] = -1,
	[R_TO] = -1, [R_TEAM] = P_TEAM, [R_WORKER] = P_WORKER,
	[R_CASES] = P_CASES, [R_POINTS_CHANGE] = P_POINTS,
	[R_POINTS_TARGET] = P_POINTS_TARGET, [R_LOAD] = P_LOAD,
	[R_STATUS] = P_STATUS, [R_UNMOVABLE] = P_UNMOVABLE,
	[R_POINTS_SHORT] = -1, [R_FTE_SHORT] = -1, [R_STILL_OVER] = -1,
};

static void
record_cell(const struct cl_table *t, size_t row, size_t col,
    struct cl_value *v)
{
	const struct cl_plan *p = t->rows;

	v[0].null = v[1].null = 1;
	if (row < p->nmoves) {
		static const int to_move[] = { [R_CASE] = M_CASE,
			[R_POINTS] = M_POINTS, [R_FROM] = M_FROM, [R_TO] = M_TO,
			[R_TEAM] = M_TEAM };
		const struct cl_move *m = &p->moves[row];

		if (col == R_RECORD)
			*v = (struct cl_value){ .text = "move" };
		else if (col <= R_TEAM) {
			v[0].null = 0;
			move_value(m, (size_t)to_move[col], v);
		}
	} else if ((row -= p->nmoves) < p->nworkers) {
		if (col == R_RECORD)
			*v = (struct cl_value){ .text = "worker" };
		else if (record_to_worker[col] >= 0) {
			v[0].null = v[1].null = 0;
			change_cell(&p->workers[row],
			    (size_t)record_to_worker[col], v);
		}
	} else {
		const struct cl_shortfall *s = &p->shortfalls[row - p->nworkers];

		v[0].null = 0;
		if (col == R_RECORD)
			v->text = "shortfall";
		else if (col == R_TEAM)
			v->text = s->all_teams ? "(all teams)" : s->team != NULL
			    ? s->team : "";
		else if (col >= R_POINTS_SHORT)
			shortfall_value(s, col - R_POINTS_SHORT + S_POINTS_SHORT,
			    v);
		else
			v[0].null = 1;
	}
}

/* Who a shortfall is about, for a line (the caller frees it). */
static char *
shortfall_who(const struct cl_shortfall *s)
{
	char *who;
	int n;

	if (s->all_teams)
		n = asprintf(&who, "%s", _("All teams together"));
	else if (s->team == NULL)
		n = asprintf(&who, "%s", _("Workers without a team"));
	else
		/* TRANSLATORS: %s is a team's name */
		n = asprintf(&who, _("Team %s"), s->team);
	if (n < 0)
		cl_out_of_memory();
	return who;
}

static void
add_lines(struct cl_result *res, const struct cl_plan *p, char sep)
{
	char pts[CL_DEC_BUFSIZE], fte[CL_DEC_BUFSIZE];

	if (p->nmoves == 0 && p->fits)
		cl_result_add_line(res, 0, "%s",
		    _("Nobody is over: no moves needed."));
	else if (p->fits)
		cl_result_add_line(res, 0, P_("%zu move; nobody is over after it.",
		    "%zu moves; nobody is over after them.", p->nmoves),
		    p->nmoves);
	else
		cl_result_add_line(res, 0, P_("%zu move; not everyone fits.",
		    "%zu moves; not everyone fits.", p->nmoves), p->nmoves);
	for (size_t i = 0; i < p->nshortfalls; i++) {
		const struct cl_shortfall *s = &p->shortfalls[i];
		struct cl_buf names = { 0 };
		char *who;

		for (size_t k = 0; k < s->nstill_over; k++) {
			if (k > 0)	/* names hold commas */
				cl_buf_append(&names, "; ", 2);
			cl_buf_append(&names, s->still_over[k],
			    strlen(s->still_over[k]));
		}
		cl_buf_append(&names, "", 0);
		who = shortfall_who(s);
		if (s->points_short > 0)
			/* TRANSLATORS: the first %s is "Team East", "All teams
			 * together" or "Workers without a team" */
			cl_result_add_line(res, 0, s->all_teams ? _("%s: %s points "
			    "more than their capacity (%s FTE short). Still over: "
			    "%s.") : _("%s: %s points more than its capacity (%s FTE "
			    "short). Still over: %s."), who,
			    cl_dec_format(s->points_short, 2, sep, pts),
			    cl_dec_format(s->fte_short, 2, sep, fte), names.data);
		else
			cl_result_add_line(res, 0, _("%s: the room is there, but "
			    "no case left fits where it is. Still over: %s."),
			    who, names.data);
		cl_buf_free(&names);
		free(who);
	}
	for (size_t i = 0; i < p->nworkers; i++) {
		const struct cl_change *w = &p->workers[i];

		if (w->status_after == CL_OVER && w->unmovable != 0)
			cl_result_add_line(res, 0, P_("%s has %ld case that "
			    "cannot move (no case id, or kept with --keep).",
			    "%s has %ld cases that cannot move (no case id, or "
			    "kept with --keep).", w->unmovable), w->worker,
			    w->unmovable);
	}
}

struct cl_result *
cl_result_plan(const struct cl_plan *p, const struct cl_render_options *opt)
{
	struct cl_result *res = cl_result_new("plan", N_("Rebalancing plan"));
	struct cl_table *t;
	struct cl_figure *f;

	t = cl_result_add_table(res, "moves", N_("Moves"), CL_SHOW(CL_FOR_TREE) |
	    (p->nmoves > 0 ? CL_SHOW(CL_FOR_PEOPLE) : 0));
	t->columns = cl_result_columns(res, move_columns, M_COLUMNS);
	t->ncolumns = M_COLUMNS;
	t->nrows = p->nmoves;
	t->cell = move_cell;
	t->rows = p->moves;
	t = cl_result_add_table(res, "workers", N_("Workers before and after"),
	    CL_SHOW(CL_FOR_TREE) | (p->nworkers > 0 ? CL_SHOW(CL_FOR_PEOPLE)
	    : 0));
	t->columns = cl_result_columns(res, worker_columns, P_COLUMNS);
	t->ncolumns = P_COLUMNS;
	t->views[CL_FOR_PEOPLE] = worker_people_view;
	t->chart = &worker_chart;
	t->nrows = p->nworkers;
	t->cell = worker_cell;
	t->rows = p->workers;
	t = cl_result_add_table(res, "shortfalls", N_("Shortfalls"),
	    CL_SHOW(CL_FOR_TREE));
	t->columns = cl_result_columns(res, shortfall_columns, S_COLUMNS);
	t->ncolumns = S_COLUMNS;
	t->nrows = p->nshortfalls;
	t->cell = shortfall_cell;
	t->rows = p->shortfalls;
	t = cl_result_add_table(res, "plan", N_("Plan"), CL_SHOW(CL_FOR_SHEET));
	t->columns = cl_result_columns(res, record_columns, R_COLUMNS);
	t->ncolumns = R_COLUMNS;
	t->nrows = p->nmoves + p->nworkers + p->nshortfalls;
	t->cell = record_cell;
	t->rows = p;
	f = cl_result_add_figures(res, "summary", N_("Summary"),
	    CL_SHOW(CL_FOR_TREE), 2);
	f[0] = (struct cl_figure){ "moves", _("Moves"), CL_TYPE_INTEGER, 0,
		{ .integer = (long)p->nmoves } };
	f[1] = (struct cl_figure){ "fits", _("Everyone fits"), CL_TYPE_BOOL, 0,
		{ .yes = p->fits } };
	add_lines(res, p, opt->decimal_sep);
	return res;
}
