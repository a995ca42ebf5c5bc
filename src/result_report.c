/*
 * result_report.c - the report as a result: workers, teams, the targets
 * and the summary.
 */
#include "internal.h"

enum { W_NAME, W_TEAM, W_FTE, W_CASES, W_POINTS, W_POINTS_TARGET,
	W_CASES_TARGET, W_LOAD, W_STATUS, W_ON_ROSTER, W_REDUCTION,
	W_FOLLOWUPS, W_REASON, W_COLUMNS };

static const struct cl_column worker_columns[W_COLUMNS] = {
	[W_NAME] = { "worker", N_("Worker"), CL_TYPE_TEXT, 0, 0, NULL },
	[W_TEAM] = { "team", N_("Team"), CL_TYPE_TEXT, 0, 0, NULL },
	[W_FTE] = { "fte", N_("FTE"), CL_TYPE_DECIMAL, CL_DEC_DIGITS,
	    CL_COL_ROUNDED, NULL },
	[W_CASES] = { "cases", N_("Cases"), CL_TYPE_INTEGER, 0, 0, NULL },
	[W_POINTS] = { "points", N_("Points"), CL_TYPE_DECIMAL, CL_DEC_DIGITS, 0,
	    NULL },
	[W_POINTS_TARGET] = { "points_target", N_("Max"), CL_TYPE_DECIMAL,
	    CL_DEC_DIGITS, CL_COL_ROUNDED, NULL },
	[W_CASES_TARGET] = { "cases_target", N_("Max"), CL_TYPE_DECIMAL,
	    CL_DEC_DIGITS, CL_COL_ROUNDED, NULL },
	[W_LOAD] = { "load_pct", N_("Load"), CL_TYPE_PERCENT, 2, 0, NULL },
	[W_STATUS] = { "status", N_("Status"), CL_TYPE_STATUS, 0, 0, NULL },
	[W_ON_ROSTER] = { "on_roster", N_("On roster"), CL_TYPE_BOOL, 0, 0, NULL },
	[W_REDUCTION] = { "reduction", N_("Reduction"), CL_TYPE_PERCENT,
	    CL_DEC_DIGITS, 0, NULL },
	/* TRANSLATORS: follow-up visits per month */
	[W_FOLLOWUPS] = { "followups_per_month", N_("F/month"),
	    CL_TYPE_DECIMAL, 2, 0, NULL },
	[W_REASON] = { "reason", N_("Reason"), CL_TYPE_TEXT, 0, 0, NULL },
};

/* People see the cases next to their target.  The Reduction column
 * shows only when someone has one, and F/month (followups_per_month) in
 * every format only when a case list had follow-up columns (see
 * view_without). */
static const int people_view[] = { W_NAME, W_TEAM, W_FTE, W_REDUCTION,
	W_CASES, W_CASES_TARGET, W_POINTS, W_POINTS_TARGET, W_LOAD,
	W_FOLLOWUPS, W_STATUS, -1 };
static const int sheet_view[] = { W_NAME, W_TEAM, W_FTE, W_CASES, W_POINTS,
	W_POINTS_TARGET, W_CASES_TARGET, W_LOAD, W_STATUS, W_REDUCTION,
	W_FOLLOWUPS, -1 };
static const int tree_view[] = { W_NAME, W_TEAM, W_FTE, W_CASES, W_POINTS,
	W_POINTS_TARGET, W_CASES_TARGET, W_LOAD, W_STATUS, W_ON_ROSTER,
	W_REDUCTION, W_FOLLOWUPS, W_REASON, -1 };

/* `view` without the columns whose bit is set in `skip`, owned by res. */
static const int *
view_without(struct cl_result *res, const int *view, unsigned skip)
{
	int *out = cl_result_alloc(res, W_COLUMNS + 1, sizeof *out);
	size_t n = 0;

	for (; *view >= 0; view++)
		if (!(skip & (1u << *view)))
			out[n++] = *view;
	out[n] = -1;
	return out;
}

static void
worker_cell(const struct cl_table *t, size_t row, size_t col,
    struct cl_value *v)
{
	const struct cl_worker *const *rows = t->rows;
	const struct cl_worker *w = rows[row];

	switch (col) {
	case W_NAME:
		v->text = w->name;
		break;
	case W_TEAM:
		v->text = w->team;
		v->null = w->team == NULL;
		break;
	case W_FTE:
		v->dec = w->fte;
		break;
	case W_CASES:
		v->integer = w->cases;
		break;
	case W_POINTS:
		v->dec = w->points;
		break;
	case W_POINTS_TARGET:
		v->dec = w->points_target;
		break;
	case W_CASES_TARGET:
		v->dec = w->cases_target;
		break;
	case W_LOAD:
		v->dec = w->load_pct;
		v->null = !w->has_load;
		break;
	case W_STATUS:
		*v = cl_value_status(w->status);
		break;
	case W_ON_ROSTER:
		v->yes = w->on_roster;
		break;
	case W_REDUCTION:
		v->dec = w->reduction;
		break;
	case W_FOLLOWUPS:
		v->dec = w->followups_per_month;
		break;
	default:
		v->text = w->reason;
		v->null = w->reason == NULL;
	}
}

enum { T_NAME, T_WORKERS, T_FTE, T_CASES, T_POINTS, T_POINTS_TARGET,
	T_LOAD, T_OVER, T_UNDER, T_OK, T_FTE_NEEDED, T_COLUMNS };

static const struct cl_column team_columns[T_COLUMNS] = {
	[T_NAME] = { "team", N_("Team"), CL_TYPE_TEXT, 0, 0, N_("(no team)") },
	[T_WORKERS] = { "workers", N_("Workers"), CL_TYPE_INTEGER, 0, 0, NULL },
	[T_FTE] = { "fte", N_("FTE"), CL_TYPE_DECIMAL, CL_DEC_DIGITS,
	    CL_COL_ROUNDED, NULL },
	[T_CASES] = { "cases", N_("Cases"), CL_TYPE_INTEGER, 0, 0, NULL },
	[T_POINTS] = { "points", N_("Points"), CL_TYPE_DECIMAL, CL_DEC_DIGITS, 0,
	    NULL },
	[T_POINTS_TARGET] = { "points_target", N_("Max"), CL_TYPE_DECIMAL,
	    CL_DEC_DIGITS, CL_COL_ROUNDED, NULL },
	[T_LOAD] = { "load_pct", N_("Load"), CL_TYPE_PERCENT, 2, 0, NULL },
	[T_OVER] = { "over", N_("Over"), CL_TYPE_INTEGER, 0, 0, NULL },
	[T_UNDER] = { "under", N_("Under"), CL_TYPE_INTEGER, 0, 0, NULL },
	[T_OK] = { "ok", N_("OK"), CL_TYPE_INTEGER, 0, 0, NULL },
	[T_FTE_NEEDED] = { "fte_needed", N_("FTE needed"), CL_TYPE_DECIMAL, 2, 0,
	    NULL },
};

/*
 * The formats that draw show the load per worker as bars, with the cases
 * against their target as a mark so that a worker over on cases alone
 * shows, and the teams' loads as neutral bars (a team has no status).
 */
static const int worker_details[] = { W_POINTS, W_POINTS_TARGET, W_CASES,
	W_CASES_TARGET, -1 };
static const int team_details[] = { T_POINTS, T_POINTS_TARGET, T_CASES,
	-1, -1 };

static void
team_cell(const struct cl_table *t, size_t row, size_t col,
    struct cl_value *v)
{
	const struct cl_team *teams = t->rows;
	const struct cl_team *team = &teams[row];

	switch (col) {
	case T_NAME:
		v->text = team->name;
		v->null = team->name == NULL;
		break;
	case T_WORKERS:
		v->integer = (long)team->workers;
		break;
	case T_FTE:
		v->dec = team->fte;
		break;
	case T_CASES:
		v->integer = team->cases;
		break;
	case T_POINTS:
		v->dec = team->points;
		break;
	case T_POINTS_TARGET:
		v->dec = team->points_target;
		break;
	case T_LOAD:
		v->dec = team->load_pct;
		v->null = !team->has_load;
		break;
	case T_OVER:
		v->integer = (long)team->over;
		break;
	case T_UNDER:
		v->integer = (long)team->under;
		break;
	case T_OK:
		v->integer = (long)team->ok;
		break;
	default:
		v->dec = team->fte_needed;
	}
}

static int
any_reduction(const struct cl_report *r)
{
	for (size_t i = 0; i < r->nworkers; i++)
		if (r->workers[i].reduction != 0)
			return 1;
	return 0;
}

/* Whether any worker has a team: else a team table says nothing new. */
static int
any_team(const struct cl_report *r)
{
	return r->nteams > 1 || (r->nteams == 1 && r->teams[0].name != NULL);
}

static void
add_targets(struct cl_result *res, const struct cl_targets *t)
{
	struct cl_figure *f = cl_result_add_figures(res, "targets", N_("Targets"),
	    CL_SHOW(CL_FOR_TREE), 3);

	f[0] = (struct cl_figure){ "points", _("Points per FTE"),
		CL_TYPE_DECIMAL, CL_DEC_DIGITS, { .dec = t->points } };
	f[1] = (struct cl_figure){ "cases", _("Cases per FTE"), CL_TYPE_DECIMAL,
		CL_DEC_DIGITS, { .dec = t->cases } };
	f[2] = (struct cl_figure){ "under_pct", _("Under below"),
		CL_TYPE_PERCENT, CL_DEC_DIGITS, { .dec = t->under_pct } };
}

static void
add_summary(struct cl_result *res, const struct cl_summary *s)
{
	struct cl_figure *f = cl_result_add_figures(res, "summary", N_("Summary"),
	    CL_SHOW(CL_FOR_TREE), 8);

	f[0] = (struct cl_figure){ "workers", _("Workers"), CL_TYPE_INTEGER, 0,
		{ .integer = (long)s->workers } };
	f[1] = (struct cl_figure){ "cases", _("Cases"), CL_TYPE_INTEGER, 0,
		{ .integer = s->cases } };
	f[2] = (struct cl_figure){ "points", _("Points"), CL_TYPE_DECIMAL,
		CL_DEC_DIGITS, { .dec = s->points } };
	f[3] = (struct cl_figure){ "fte", _("FTE"), CL_TYPE_DECIMAL,
		CL_DEC_DIGITS, { .dec = s->fte } };
	f[4] = (struct cl_figure){ "fte_needed", _("FTE needed"),
		CL_TYPE_DECIMAL, 2, { .dec = s->fte_needed } };
	f[5] = (struct cl_figure){ "over", _("Over"), CL_TYPE_INTEGER, 0,
		{ .integer = (long)s->over } };
	f[6] = (struct cl_figure){ "under", _("Under"), CL_TYPE_INTEGER, 0,
		{ .integer = (long)s->under } };
	f[7] = (struct cl_figure){ "ok", _("OK"), CL_TYPE_INTEGER, 0,
		{ .integer = (long)s->ok } };
}

/* "1 point", "7.5 points" into buf (room for CL_DEC_BUFSIZE + 32). */
static const char *
points_text(cl_dec v, char sep, char *buf)
{
	char num[CL_DEC_BUFSIZE];

	cl_dec_format(v, CL_DEC_DIGITS, sep, num);
	/* only exactly 1 is "1 point"; 0.5 and 1.5 are "points" */
	snprintf(buf, CL_DEC_BUFSIZE + 32, P_("%s point", "%s points",
	    v == CL_DEC(1) ? 1 : 2), num);
	return buf;
}

static void
add_lines(struct cl_result *res, const struct cl_report *r, size_t shown,
    char sep)
{
	const struct cl_summary *s = &r->summary;
	char fte[CL_DEC_BUFSIZE], points[CL_DEC_BUFSIZE + 32];
	char per[CL_DEC_BUFSIZE], needed[CL_DEC_BUFSIZE];

	if (shown < s->workers)
		cl_result_add_line(res, 0, P_("Showing %zu of %zu worker.",
		    "Showing %zu of %zu workers.", s->workers), shown,
		    s->workers);
	/* TRANSLATORS: "13 workers, 12.3 FTE: 3 over, 3 under, 7 ok." */
	cl_result_add_line(res, 0, P_("%zu worker, %s FTE: %zu over, %zu "
	    "under, %zu ok.", "%zu workers, %s FTE: %zu over, %zu under, %zu "
	    "ok.", s->workers), s->workers,
	    cl_dec_format(s->fte, 2, sep, fte),
	    s->over, s->under, s->ok);
	/* TRANSLATORS: "229 cases, 1209 points; at 120 points per FTE that
	 * is 10.08 FTE of work."  The points are a decimal number: the
	 * English plural is "point" for exactly 1 and "points" otherwise. */
	cl_result_add_line(res, 0, P_("%ld case, %s; at %s points per FTE "
	    "that is %s FTE of work.", "%ld cases, %s; at %s points per FTE "
	    "that is %s FTE of work.", s->cases), s->cases,
	    points_text(s->points, sep, points),
	    cl_dec_format(r->targets.points, CL_DEC_DIGITS, sep, per),
	    cl_dec_format(s->fte_needed, 2, sep, needed));
}

struct cl_result *
cl_result_report(const struct cl_report *r,
    const struct cl_render_options *opt)
{
	struct cl_result *res = cl_result_new("report", N_("Caseload report"));
	/* pointers to the shown workers (clang-tidy misreads this sizeof) */
	const struct cl_worker **shown = cl_result_alloc(res, r->nworkers,
	    sizeof *shown); /* NOLINT(bugprone-sizeof-expression) */
	unsigned by_worker = opt->by_team ? 0 : CL_SHOW(CL_FOR_PEOPLE) |
	    CL_SHOW(CL_FOR_SHEET);
	unsigned by_team = !opt->by_team ? 0 : CL_SHOW(CL_FOR_PEOPLE) |
	    CL_SHOW(CL_FOR_SHEET);
	struct cl_chart *charts = cl_result_alloc(res, 2, sizeof *charts);
	struct cl_table *t;
	size_t n = 0;
	unsigned skip = r->has_followups ? 0 : 1u << W_FOLLOWUPS;

	for (size_t i = 0; i < r->nworkers; i++)
		if (cl_only_matches(opt->only, r->workers[i].status))
			shown[n++] = &r->workers[i];
	add_targets(res, &r->targets);
	t = cl_result_add_table(res, "workers", N_("Workers"),
	    CL_SHOW(CL_FOR_TREE) | by_worker);
	t->columns = cl_result_columns(res, worker_columns, W_COLUMNS);
	t->ncolumns = W_COLUMNS;
	t->views[CL_FOR_PEOPLE] = view_without(res, people_view, skip |
	    (any_reduction(r) ? 0 : 1u << W_REDUCTION));
	t->views[CL_FOR_SHEET] = view_without(res, sheet_view, skip);
	t->views[CL_FOR_TREE] = view_without(res, tree_view, skip);
	t->nrows = n;
	t->cell = worker_cell;
	t->rows = shown;
	t->empty = r->nworkers > 0 ? _("No worker matches --only.")
	    : _("No workers.");
	/* TRANSLATORS: a chart's title (HTML, the workbook's chart sheet),
	 * and the legend of its diamond marks */
	charts[0] = (struct cl_chart){ N_("Load per worker"), W_NAME, W_LOAD,
		W_STATUS, W_CASES, W_CASES_TARGET,
		N_("cases against the cases target"), r->targets.under_pct,
		worker_details };
	t->chart = &charts[0];
	t = cl_result_add_table(res, "teams", N_("Teams"), CL_SHOW(CL_FOR_TREE) |
	    by_team | (any_team(r) ? CL_SHOW(CL_FOR_PEOPLE) : 0));
	t->columns = cl_result_columns(res, team_columns, T_COLUMNS);
	t->ncolumns = T_COLUMNS;
	t->nrows = r->nteams;
	t->cell = team_cell;
	t->rows = r->teams;
	/* TRANSLATORS: a chart's title */
	charts[1] = (struct cl_chart){ N_("Load per team"), T_NAME, T_LOAD, -1, -1,
		-1, NULL, r->targets.under_pct, team_details };
	t->chart = &charts[1];
	add_summary(res, &r->summary);
	add_lines(res, r, opt->by_team ? r->summary.workers : n,
	    opt->decimal_sep);
	return res;
}
