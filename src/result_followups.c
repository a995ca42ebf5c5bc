/*
 * result_followups.c - the follow-ups (caseload followups) as a result:
 * the as-of day, the workers' follow-up load, the due and overdue cases
 * and the summary.
 */
#include "internal.h"

enum { W_NAME, W_TEAM, W_CASES, W_OVERDUE, W_DUE, W_RATE, W_TARGET,
	W_STATUS, W_COLUMNS };

static const struct cl_column worker_columns[W_COLUMNS] = {
	[W_NAME] = { "worker", N_("Worker"), CL_TYPE_TEXT, 0, 0, NULL },
	[W_TEAM] = { "team", N_("Team"), CL_TYPE_TEXT, 0, 0, NULL },
	[W_CASES] = { "cases", N_("Cases"), CL_TYPE_INTEGER, 0, 0, NULL },
	[W_OVERDUE] = { "overdue", N_("Overdue"), CL_TYPE_INTEGER, 0, 0, NULL },
	[W_DUE] = { "due", N_("Due"), CL_TYPE_INTEGER, 0, 0, NULL },
	[W_RATE] = { "followups_per_month", N_("F/month"), CL_TYPE_DECIMAL, 2, 0,
	    NULL },
	[W_TARGET] = { "followups_target", N_("Max"), CL_TYPE_DECIMAL,
	    CL_DEC_DIGITS, CL_COL_ROUNDED, NULL },
	[W_STATUS] = { "status", N_("Status"), CL_TYPE_STATUS, 0, 0, NULL },
};

static void
worker_cell(const struct cl_table *t, size_t row, size_t col,
    struct cl_value *v)
{
	const struct cl_fu_worker *workers = t->rows;
	const struct cl_fu_worker *w = &workers[row];

	switch (col) {
	case W_NAME:
		v->text = w->worker;
		break;
	case W_TEAM:
		v->text = w->team;
		v->null = w->team == NULL;
		break;
	case W_CASES:
		v->integer = w->cases;
		break;
	case W_OVERDUE:
		v->integer = w->overdue;
		break;
	case W_DUE:
		v->integer = w->due;
		break;
	case W_RATE:
		v->dec = w->per_month;
		break;
	case W_TARGET:
		v->dec = w->target;
		v->null = !w->has_target;
		break;
	default:
		*v = cl_value_status(w->over ? CL_OVER : CL_OK_LOAD);
	}
}

enum { C_ID, C_WORKER, C_PLACEMENT, C_PLACEMENT_WORDS, C_PLACED, C_LAST,
	C_NEXT_DUE, C_DAYS_OVERDUE, C_COLUMNS };

static const struct cl_column case_columns[C_COLUMNS] = {
	[C_ID] = { "case_id", N_("Case"), CL_TYPE_TEXT, 0, 0, NULL },
	[C_WORKER] = { "worker", N_("Worker"), CL_TYPE_TEXT, 0, 0, NULL },
	[C_PLACEMENT] = { "placement", N_("Placement"), CL_TYPE_TEXT, 0, 0,
	    NULL },
	[C_PLACEMENT_WORDS] = { "placement", N_("Placement"), CL_TYPE_TEXT, 0,
	    0, NULL },
	[C_PLACED] = { "placed", N_("Placed"), CL_TYPE_DATE, 0, 0, NULL },
	[C_LAST] = { "last_followup", N_("Last follow-up"), CL_TYPE_DATE, 0, 0,
	    NULL },
	[C_NEXT_DUE] = { "next_due", N_("Next due"), CL_TYPE_DATE, 0, 0, NULL },
	[C_DAYS_OVERDUE] = { "days_overdue", N_("Days overdue"), CL_TYPE_INTEGER,
	    0, 0, NULL },
};

/* People read a built-in schedule's name in their language; scripts
 * (CSV, JSON) get the name the configuration has. */
static const int case_people[] = { C_ID, C_WORKER, C_PLACEMENT_WORDS,
	C_PLACED, C_LAST, C_NEXT_DUE, C_DAYS_OVERDUE, -1 };
static const int case_machine[] = { C_ID, C_WORKER, C_PLACEMENT, C_PLACED,
	C_LAST, C_NEXT_DUE, C_DAYS_OVERDUE, -1 };

static void
case_cell(const struct cl_table *t, size_t row, size_t col,
    struct cl_value *v)
{
	const struct cl_fu_case *cases = t->rows;
	const struct cl_fu_case *c = &cases[row];

	switch (col) {
	case C_ID:
		v->text = c->case_id;
		v->null = c->case_id == NULL;
		break;
	case C_WORKER:
		v->text = c->worker;
		break;
	case C_PLACEMENT:
		v->text = c->placement;
		break;
	case C_PLACEMENT_WORDS:
		v->text = cl_schedule_label(c->placement);
		break;
	case C_PLACED:
		v->date = c->placed;
		break;
	case C_LAST:
		v->date = c->last;
		v->null = !c->has_last;
		break;
	case C_NEXT_DUE:
		v->date = c->next_due;
		break;
	default:
		v->integer = c->days_overdue;
	}
}

static void
add_summary(struct cl_result *res, const struct cl_followups *f)
{
	struct cl_figure *fig = cl_result_add_figures(res, "summary",
	    N_("Summary"),
	    CL_SHOW(CL_FOR_TREE), 4);

	fig[0] = (struct cl_figure){ "cases", _("Cases"), CL_TYPE_INTEGER, 0,
		{ .integer = f->cases_total } };
	fig[1] = (struct cl_figure){ "overdue", _("Overdue"), CL_TYPE_INTEGER, 0,
		{ .integer = f->overdue } };
	fig[2] = (struct cl_figure){ "due", _("Due"), CL_TYPE_INTEGER, 0,
		{ .integer = f->due } };
	fig[3] = (struct cl_figure){ "followups_per_month", _("F/month"),
		CL_TYPE_DECIMAL, 2, { .dec = f->per_month } };
}

static void
add_line(struct cl_result *res, const struct cl_followups *f, char sep)
{
	char as_of[CL_DATE_BUFSIZE], rate[CL_DEC_BUFSIZE];

	char cases[128], window[128], month[128];

	/* TRANSLATORS: the parts of "As of 2026-12-01: 12 cases with a
	 * follow-up schedule, 2 overdue, 3 due within 28 days; 4.5
	 * follow-ups a month." */
	snprintf(cases, sizeof cases, P_("%ld case with a follow-up schedule",
	    "%ld cases with a follow-up schedule", f->cases_total),
	    f->cases_total);
	snprintf(window, sizeof window, P_("%ld due within %ld day",
	    "%ld due within %ld days", f->window), f->due, f->window);
	snprintf(month, sizeof month, P_("%s follow-up a month",
	    "%s follow-ups a month", f->per_month == CL_DEC(1) ? 1 : 2),
	    cl_dec_format(f->per_month, 2, sep, rate));
	cl_result_add_line(res, 0, _("As of %s: %s, %ld overdue, %s; %s."),
	    cl_date_format(f->as_of, as_of), cases, f->overdue, window,
	    month);
}

struct cl_result *
cl_result_followups(const struct cl_followups *f,
    const struct cl_render_options *opt)
{
	struct cl_result *res = cl_result_new("followups", N_("Follow-ups"));
	unsigned people = CL_SHOW(CL_FOR_PEOPLE) | CL_SHOW(CL_FOR_SHEET);
	struct cl_figure *as_of;
	struct cl_table *t;

	as_of = cl_result_add_figures(res, NULL, N_("As of"),
	    CL_SHOW(CL_FOR_TREE), 1);
	as_of[0] = (struct cl_figure){ "as_of", _("As of"), CL_TYPE_DATE, 0,
		{ .date = f->as_of } };
	t = cl_result_add_table(res, "workers", N_("Workers"),
	    CL_SHOW(CL_FOR_TREE) | (opt->list ? 0 : people));
	t->columns = cl_result_columns(res, worker_columns, W_COLUMNS);
	t->ncolumns = W_COLUMNS;
	t->nrows = f->nworkers;
	t->cell = worker_cell;
	t->rows = f->workers;
	t->empty = _("No workers.");
	/* JSON always has the due and overdue cases, --list or not */
	t = cl_result_add_table(res, "cases", N_("Due and overdue cases"),
	    CL_SHOW(CL_FOR_TREE) | (opt->list ? people : 0));
	t->columns = cl_result_columns(res, case_columns, C_COLUMNS);
	t->ncolumns = C_COLUMNS;
	t->nrows = f->ncases;
	t->cell = case_cell;
	t->views[CL_FOR_PEOPLE] = case_people;
	t->views[CL_FOR_SHEET] = case_machine;
	t->views[CL_FOR_TREE] = case_machine;
	t->rows = f->cases;
	t->empty = _("No case is due or overdue.");
	add_summary(res, f);
	add_line(res, f, opt->decimal_sep);
	return res;
}
