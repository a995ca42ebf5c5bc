/*
 * result_ranking.c - who should take a new case, as a result.
 */
#include "internal.h"

enum { C_WORKER, C_TEAM, C_CASES, C_POINTS, C_POINTS_TARGET,
	C_CASES_TARGET, C_LOAD, C_STATUS, C_ROOM_AFTER, C_PUSHED_OVER,
	C_STATUS_AFTER, C_COLUMNS };

static const struct cl_column columns[C_COLUMNS] = {
	[C_WORKER] = { "worker", N_("Worker"), CL_TYPE_TEXT, 0, 0, NULL },
	[C_TEAM] = { "team", N_("Team"), CL_TYPE_TEXT, 0, 0, NULL },
	[C_CASES] = { "cases", N_("Cases"), CL_TYPE_INTEGER, 0, CL_COL_CHANGE,
	    NULL },
	[C_POINTS] = { "points", N_("Points"), CL_TYPE_DECIMAL, CL_DEC_DIGITS,
	    CL_COL_CHANGE, NULL },
	[C_POINTS_TARGET] = { "points_target", N_("Max"), CL_TYPE_DECIMAL,
	    CL_DEC_DIGITS, CL_COL_ROUNDED,
	    NULL },
	[C_CASES_TARGET] = { "cases_target", N_("Max"), CL_TYPE_DECIMAL,
	    CL_DEC_DIGITS, CL_COL_ROUNDED,
	    NULL },
	[C_LOAD] = { "load_pct", N_("Load"), CL_TYPE_PERCENT, 2, CL_COL_CHANGE,
	    NULL },
	[C_STATUS] = { "status", N_("Status"), CL_TYPE_STATUS, 0, CL_COL_CHANGE,
	    NULL },
	[C_ROOM_AFTER] = { "room_after", N_("Room after"), CL_TYPE_DECIMAL,
	    CL_DEC_DIGITS, CL_COL_ROUNDED, NULL },
	[C_PUSHED_OVER] = { "pushed_over", N_("Pushed over"), CL_TYPE_BOOL, 0, 0,
	    NULL },
	/* people see the status after, and whether the case pushes over */
	[C_STATUS_AFTER] = { "status_after", N_("Status"), CL_TYPE_STATUS, 0, 0,
	    NULL },
};

static const int people_view[] = { C_WORKER, C_TEAM, C_CASES,
	C_CASES_TARGET, C_POINTS, C_POINTS_TARGET, C_ROOM_AFTER, C_LOAD,
	C_STATUS_AFTER, -1 };
static const int sheet_view[] = { C_WORKER, C_TEAM, C_POINTS,
	C_POINTS_TARGET, C_ROOM_AFTER, C_LOAD, C_CASES, C_CASES_TARGET,
	C_STATUS, C_PUSHED_OVER, -1 };
static const int tree_view[] = { C_WORKER, C_TEAM, C_CASES, C_POINTS,
	C_POINTS_TARGET, C_CASES_TARGET, C_LOAD, C_STATUS, C_ROOM_AFTER,
	C_PUSHED_OVER, -1 };

/* The formats that draw: each candidate's load before and after taking
 * the case, the cases after against their target as a mark. */
static const int details[] = { C_POINTS, C_POINTS_TARGET, C_CASES,
	C_CASES_TARGET, -1 };
/* TRANSLATORS: a chart's title (HTML, the workbook's chart sheet) */
static const struct cl_chart chart = { N_("Load with the new case"),
	C_WORKER, C_LOAD, C_STATUS_AFTER, C_CASES, C_CASES_TARGET,
	N_("cases against the cases target, after"), -1, details };

static void
candidate_cell(const struct cl_table *t, size_t row, size_t col,
    struct cl_value *v)
{
	const struct cl_change *candidates = t->rows;
	const struct cl_change *c = &candidates[row];

	switch (col) {
	case C_WORKER:
		v->text = c->worker;
		break;
	case C_TEAM:
		v->text = c->team;
		v->null = c->team == NULL;
		break;
	case C_CASES:
		v[0].integer = c->cases_before;
		v[1].integer = c->cases_after;
		break;
	case C_POINTS:
		v[0].dec = c->points_before;
		v[1].dec = c->points_after;
		break;
	case C_POINTS_TARGET:
		v->dec = c->points_target;
		break;
	case C_CASES_TARGET:
		v->dec = c->cases_target;
		break;
	case C_LOAD:
		v[0].dec = c->load_before;
		v[1].dec = c->load_after;
		v[0].null = v[1].null = !c->has_load;
		break;
	case C_STATUS:
		v[0] = cl_value_status(c->status_before);
		v[1] = cl_value_status(c->status_after);
		break;
	case C_ROOM_AFTER:
		v->dec = c->room_after;
		break;
	case C_PUSHED_OVER:
		v->yes = c->pushed_over;
		break;
	default:
		*v = cl_value_status(c->status_after);
		/* TRANSLATORS: after a status: "over (already)" */
		v->note = !c->pushed_over ? NULL : c->status_before == CL_OVER
		    ? _("already") : _("pushed over");
	}
}

struct cl_result *
cl_result_ranking(const struct cl_ranking *r,
    const struct cl_render_options *opt)
{
	struct cl_result *res = cl_result_new("ranking", N_("Who takes a new case"));
	const struct cl_change *first = r->ncandidates > 0 ? &r->candidates[0]
	    : NULL;
	char pts[CL_DEC_BUFSIZE];
	struct cl_figure *f;
	struct cl_table *t;

	/* only exactly 1 is "1 point"; 0.5 and 1.5 are "points" */
	cl_result_add_line(res, 1, P_("A new case of %s point:",
	    "A new case of %s points:", r->points == CL_DEC(1) ? 1 : 2),
	    cl_dec_format(r->points, CL_DEC_DIGITS, opt->decimal_sep, pts));
	f = cl_result_add_figures(res, NULL, NULL, CL_SHOW(CL_FOR_TREE), 1);
	f[0] = (struct cl_figure){ "points", _("Points"), CL_TYPE_DECIMAL,
		CL_DEC_DIGITS, { .dec = r->points } };
	t = cl_result_add_table(res, "candidates", N_("Candidates"),
	    CL_SHOW(CL_FOR_TREE) | CL_SHOW(CL_FOR_SHEET) |
	    (first != NULL ? CL_SHOW(CL_FOR_PEOPLE) : 0));
	t->columns = cl_result_columns(res, columns, C_COLUMNS);
	t->ncolumns = C_COLUMNS;
	t->views[CL_FOR_PEOPLE] = people_view;
	t->views[CL_FOR_SHEET] = sheet_view;
	t->views[CL_FOR_TREE] = tree_view;
	t->chart = &chart;
	t->nrows = r->ncandidates;
	t->cell = candidate_cell;
	t->rows = r->candidates;
	/* the first is the suggestion, even when it would go over */
	f = cl_result_add_figures(res, NULL, NULL, CL_SHOW(CL_FOR_TREE), 2);
	f[0] = (struct cl_figure){ "suggestion", _("Suggestion"), CL_TYPE_TEXT,
		0, { .null = first == NULL, .text = first != NULL
		? first->worker : NULL } };
	f[1] = (struct cl_figure){ "fits", _("Fits"), CL_TYPE_BOOL, 0,
		{ .yes = first != NULL && !first->pushed_over } };
	if (first == NULL)
		cl_result_add_line(res, 0, "%s", _("No worker to take it."));
	else if (first->pushed_over)
		cl_result_add_line(res, 0, _("Suggestion: %s (nobody can take it "
		    "without going over; this one goes over least)."),
		    first->worker);
	else
		cl_result_add_line(res, 0, _("Suggestion: %s."), first->worker);
	return res;
}
