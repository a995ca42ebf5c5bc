/*
 * result_diff.c - what changed between two case lists, as a result: the
 * workers (before and after, as one cell each for people, two columns in
 * sheets, two objects in JSON), the case changes, the summary.
 */
#include <string.h>

#include "internal.h"

/* Lines of each case list people see without --cases. */
#define CASES_SHOWN 20

enum { W_WORKER, W_TEAM, W_CHANGE, W_CHANGE_WORDS, W_CASES, W_POINTS,
	W_LOAD, W_STATUS, W_BEFORE_CASES, W_BEFORE_POINTS, W_BEFORE_LOAD,
	W_BEFORE_STATUS, W_AFTER_CASES, W_AFTER_POINTS, W_AFTER_LOAD,
	W_AFTER_STATUS, W_COLUMNS };

static const struct cl_column worker_columns[W_COLUMNS] = {
	[W_WORKER] = { "worker", N_("Worker"), CL_TYPE_TEXT, 0, 0, NULL },
	[W_TEAM] = { "team", N_("Team"), CL_TYPE_TEXT, 0, 0, NULL },
	[W_CHANGE] = { "change", N_("Change"), CL_TYPE_TEXT, 0, 0, NULL },
	[W_CHANGE_WORDS] = { "change", N_("Change"), CL_TYPE_TEXT, 0, 0, NULL },
	[W_CASES] = { "cases", N_("Cases"), CL_TYPE_INTEGER, 0, CL_COL_CHANGE,
	    NULL },
	[W_POINTS] = { "points", N_("Points"), CL_TYPE_DECIMAL, CL_DEC_DIGITS,
	    CL_COL_CHANGE, NULL },
	[W_LOAD] = { "load_pct", N_("Load"), CL_TYPE_PERCENT, 2, CL_COL_CHANGE,
	    NULL },
	[W_STATUS] = { "status", N_("Status"), CL_TYPE_STATUS, 0, CL_COL_CHANGE,
	    NULL },
	[W_BEFORE_CASES] = { "before.cases", N_("Cases before"), CL_TYPE_INTEGER,
	    0, 0, NULL },
	[W_BEFORE_POINTS] = { "before.points", N_("Points before"),
	    CL_TYPE_DECIMAL, CL_DEC_DIGITS, 0, NULL },
	[W_BEFORE_LOAD] = { "before.load_pct", N_("Load before"),
	    CL_TYPE_PERCENT, 2, 0, NULL },
	[W_BEFORE_STATUS] = { "before.status", N_("Status before"),
	    CL_TYPE_STATUS, 0, 0, NULL },
	[W_AFTER_CASES] = { "after.cases", N_("Cases after"), CL_TYPE_INTEGER, 0,
	    0, NULL },
	[W_AFTER_POINTS] = { "after.points", N_("Points after"), CL_TYPE_DECIMAL,
	    CL_DEC_DIGITS, 0, NULL },
	[W_AFTER_LOAD] = { "after.load_pct", N_("Load after"), CL_TYPE_PERCENT,
	    2, 0, NULL },
	[W_AFTER_STATUS] = { "after.status", N_("Status after"), CL_TYPE_STATUS,
	    0, 0, NULL },
};

static const int worker_people[] = { W_WORKER, W_TEAM, W_CHANGE_WORDS,
	W_CASES, W_POINTS, W_LOAD, W_STATUS, -1 };
static const int worker_sheet[] = { W_WORKER, W_TEAM, W_CHANGE, W_CASES,
	W_POINTS, W_LOAD, W_STATUS, -1 };
static const int worker_tree[] = { W_WORKER, W_TEAM, W_CHANGE,
	W_BEFORE_CASES, W_BEFORE_POINTS, W_BEFORE_LOAD, W_BEFORE_STATUS,
	W_AFTER_CASES, W_AFTER_POINTS, W_AFTER_LOAD, W_AFTER_STATUS, -1 };

/* The formats that draw: each worker's load before and now. */
static const int worker_details[] = { W_POINTS, -1, W_CASES, -1, -1 };
/* TRANSLATORS: the title of a chart (HTML, the workbook's chart sheet) */
static const struct cl_chart worker_chart = { N_("Load before and now"),
	W_WORKER, W_LOAD, W_STATUS, -1, -1, NULL, -1, worker_details };

/* "newly over" for people, "newly_over" for machines. */
static const char *const change_words[CL_NCHANGE_KINDS] = {
	/* TRANSLATORS: how a worker's load changed between two lists */
	N_("newly over"), N_("no longer over"), N_("newly under"),
	N_("no longer under"), N_("joined"), N_("left"), N_("changed"),
	N_("same") };

/* One side's figure; null when the worker has no row there. */
static void
side_value(const struct cl_worker *w, size_t figure, struct cl_value *v)
{
	if (w == NULL) {
		v->null = 1;
		return;
	}
	switch (figure) {
	case W_CASES:
		v->integer = w->cases;
		break;
	case W_POINTS:
		v->dec = w->points;
		break;
	case W_LOAD:
		v->dec = w->load_pct;
		v->null = !w->has_load;
		break;
	default:
		*v = cl_value_status(w->status);
	}
}

/* A worker --only shows. */
struct shown {
	const struct cl_worker_diff *w;
};

static void
worker_cell(const struct cl_table *t, size_t row, size_t col,
    struct cl_value *v)
{
	const struct shown *shown = t->rows;
	const struct cl_worker_diff *w = shown[row].w;

	switch (col) {
	case W_WORKER:
		v->text = w->worker;
		break;
	case W_TEAM:
		v->text = w->team;
		v->null = w->team == NULL;
		break;
	case W_CHANGE:
		v->text = cl_change_kind_name(w->change);
		break;
	case W_CHANGE_WORDS:
		v->text = _(change_words[w->change]);
		break;
	case W_CASES:
	case W_POINTS:
	case W_LOAD:
	case W_STATUS:
		side_value(w->before, col, &v[0]);
		side_value(w->after, col, &v[1]);
		break;
	default:
		if (col < W_AFTER_CASES)
			side_value(w->before, col - W_BEFORE_CASES + W_CASES, v);
		else
			side_value(w->after, col - W_AFTER_CASES + W_CASES, v);
	}
}

static void
add_workers(struct cl_result *res, const struct cl_diff *d,
    const struct cl_render_options *opt)
{
	struct shown *shown = cl_result_alloc(res, d->nworkers, sizeof *shown);
	struct cl_table *t;
	size_t n = 0;

	for (size_t i = 0; i < d->nworkers; i++)
		if (cl_diff_matches(opt->only, &d->workers[i]))
			shown[n++].w = &d->workers[i];
	/* with --cases, sheets get the case changes instead */
	t = cl_result_add_table(res, "workers", N_("Workers"),
	    CL_SHOW(CL_FOR_PEOPLE) | CL_SHOW(CL_FOR_TREE) |
	    (opt->all_cases ? 0 : CL_SHOW(CL_FOR_SHEET)));
	t->columns = cl_result_columns(res, worker_columns, W_COLUMNS);
	t->ncolumns = W_COLUMNS;
	t->views[CL_FOR_PEOPLE] = worker_people;
	t->views[CL_FOR_SHEET] = worker_sheet;
	t->views[CL_FOR_TREE] = worker_tree;
	t->nrows = n;
	t->cell = worker_cell;
	t->rows = shown;
	t->chart = &worker_chart;
	t->empty = d->nworkers == 0 ? _("No workers.")
	    : opt->only == CL_ONLY_CHANGED ? _("No worker changed.")
	    : _("No worker matches --only.");
}

/* ---- case changes ---- */

enum { K_CHANGE, K_CASE, K_WORKER, K_FROM, K_TO, K_POINTS, K_POINTS_CHANGE,
	K_BEFORE, K_AFTER, K_COLUMNS };

static const struct cl_column case_columns[K_COLUMNS] = {
	[K_CHANGE] = { "change", N_("Change"), CL_TYPE_TEXT, 0, 0, NULL },
	[K_CASE] = { "case_id", N_("Case"), CL_TYPE_TEXT, 0, 0, NULL },
	[K_WORKER] = { "worker", N_("Worker"), CL_TYPE_TEXT, 0, 0, NULL },
	[K_FROM] = { "from", N_("From"), CL_TYPE_TEXT, 0, 0, NULL },
	[K_TO] = { "to", N_("To"), CL_TYPE_TEXT, 0, 0, NULL },
	[K_POINTS] = { "points", N_("Points"), CL_TYPE_DECIMAL, CL_DEC_DIGITS, 0,
	    NULL },
	[K_POINTS_CHANGE] = { "points", N_("Points"), CL_TYPE_DECIMAL,
	    CL_DEC_DIGITS, CL_COL_CHANGE, NULL },
	[K_BEFORE] = { "before", N_("Before"), CL_TYPE_DECIMAL, CL_DEC_DIGITS, 0,
	    NULL },
	[K_AFTER] = { "after", N_("After"), CL_TYPE_DECIMAL, CL_DEC_DIGITS, 0,
	    NULL },
};

/* Per list: the columns people and JSON see. */
static const int added_view[] = { K_CASE, K_WORKER, K_POINTS, -1 };
static const int moved_view[] = { K_CASE, K_FROM, K_TO, K_POINTS_CHANGE,
	-1 };
static const int repointed_people[] = { K_CASE, K_WORKER, K_POINTS_CHANGE,
	-1 };
static const int repointed_tree[] = { K_CASE, K_WORKER, K_BEFORE, K_AFTER,
	-1 };
/* Sheets: every list in one table. */
static const int sheet_view[] = { K_CHANGE, K_CASE, K_WORKER, K_FROM, K_TO,
	K_POINTS_CHANGE, -1 };

static const char *const list_titles[CL_NCASE_LISTS] = {
	/* TRANSLATORS: the lists of cases that changed between two lists;
	 * repointed: the same case with other points */
	[CL_CASES_ADDED] = N_("Added"), [CL_CASES_CLOSED] = N_("Closed"),
	[CL_CASES_MOVED] = N_("Moved"), [CL_CASES_REPOINTED] = N_("Repointed"),
};

static const char *const tree_names[CL_NCASE_LISTS] = {
	[CL_CASES_ADDED] = "cases.added", [CL_CASES_CLOSED] = "cases.closed",
	[CL_CASES_MOVED] = "cases.moved",
	[CL_CASES_REPOINTED] = "cases.repointed",
};

/* A row of a case table: which list, and the entry. */
struct case_row {
	enum cl_case_list list;
	const struct cl_case_change *c;
};

static void
text_value(const char *text, struct cl_value *v)
{
	v->text = text;
	v->null = text == NULL;
}

static void
case_cell(const struct cl_table *t, size_t row, size_t col,
    struct cl_value *v)
{
	const struct case_row *rows = t->rows;
	const struct case_row *r = &rows[row];
	int added = r->list == CL_CASES_ADDED;
	int closed = r->list == CL_CASES_CLOSED;

	switch (col) {
	case K_CHANGE:
		v->text = cl_case_list_name(r->list);
		break;
	case K_CASE:
		v->text = r->c->case_id;
		break;
	case K_WORKER:
		text_value(r->c->worker, v);
		break;
	case K_FROM:
		text_value(r->c->from, v);
		break;
	case K_TO:
		text_value(r->c->to, v);
		break;
	case K_POINTS:
		v->dec = added ? r->c->points_after : r->c->points_before;
		break;
	case K_POINTS_CHANGE:
		v[0].dec = r->c->points_before;
		v[0].null = added;
		v[1].dec = r->c->points_after;
		v[1].null = closed;
		break;
	case K_BEFORE:
		v->dec = r->c->points_before;
		break;
	default:
		v->dec = r->c->points_after;
	}
}

static struct cl_table *
case_table(struct cl_result *res, const char *name, const char *label,
    unsigned audiences, const struct case_row *rows, size_t n)
{
	struct cl_table *t = cl_result_add_table(res, name, label, audiences);

	t->columns = cl_result_columns(res, case_columns, K_COLUMNS);
	t->ncolumns = K_COLUMNS;
	t->nrows = n;
	t->cell = case_cell;
	t->rows = rows;
	return t;
}

static void
add_cases(struct cl_result *res, const struct cl_diff *d,
    const struct cl_render_options *opt)
{
	size_t total = 0, k = 0;
	struct case_row *all;

	for (int l = 0; l < CL_NCASE_LISTS; l++)
		total += d->ncases[l];
	all = cl_result_alloc(res, total, sizeof *all);
	for (int l = 0; l < CL_NCASE_LISTS; l++)
		for (size_t i = 0; i < d->ncases[l]; i++) {
			all[k].list = (enum cl_case_list)l;
			all[k++].c = &d->cases[l][i];
		}
	/* people: each list that has entries, at most CASES_SHOWN lines */
	for (int l = 0, at = 0; l < CL_NCASE_LISTS; at += (int)d->ncases[l],
	    l++) {
		size_t n = d->ncases[l], shown = n;
		struct cl_section *s;
		struct cl_table *t;

		if (n == 0)
			continue;
		if (!opt->all_cases && shown > CASES_SHOWN)
			shown = CASES_SHOWN;
		t = case_table(res, cl_case_list_name((enum cl_case_list)l),
		    list_titles[l], CL_SHOW(CL_FOR_PEOPLE), &all[at], shown);
		t->views[CL_FOR_PEOPLE] = l == CL_CASES_MOVED ? moved_view
		    : l == CL_CASES_REPOINTED ? repointed_people : added_view;
		s = cl_result_last_section(res);
		s->heading = cl_result_printf(res, "%s (%zu):",
		    _(list_titles[l]), n);
		if (shown < n)
			s->footer = cl_result_printf(res, P_("and %zu more "
			    "(--cases lists them all)", "and %zu more (--cases "
			    "lists them all)", n - shown), n - shown);
	}
	/* JSON: every list, as "cases": {"added": [...], ...} */
	for (int l = 0, at = 0; l < CL_NCASE_LISTS; at += (int)d->ncases[l],
	    l++) {
		struct cl_table *t = case_table(res, tree_names[l],
		    list_titles[l], CL_SHOW(CL_FOR_TREE), &all[at],
		    d->ncases[l]);

		t->views[CL_FOR_TREE] = l == CL_CASES_MOVED ? moved_view
		    : l == CL_CASES_REPOINTED ? repointed_tree : added_view;
	}
	/* sheets with --cases: every list in one table */
	if (opt->all_cases)
		case_table(res, "cases", N_("Cases"), CL_SHOW(CL_FOR_SHEET), all,
		    total)->views[CL_FOR_SHEET] = sheet_view;
}

/* ---- summary ---- */

static void
add_summary(struct cl_result *res, const struct cl_diff *d)
{
	static const enum cl_change_kind kinds[] = { CL_CHANGE_NEWLY_OVER,
		CL_CHANGE_NO_LONGER_OVER, CL_CHANGE_NEWLY_UNDER,
		CL_CHANGE_NO_LONGER_UNDER, CL_CHANGE_JOINED, CL_CHANGE_LEFT };
	const size_t nkinds = sizeof kinds / sizeof *kinds;
	struct cl_figure *f = cl_result_add_figures(res, "summary",
	    N_("Summary"),
	    CL_SHOW(CL_FOR_TREE), nkinds + CL_NCASE_LISTS + 2);
	size_t k = 0;

	for (size_t i = 0; i < nkinds; i++, k++)
		f[k] = (struct cl_figure){ cl_change_kind_name(kinds[i]),
			_(change_words[kinds[i]]), CL_TYPE_INTEGER, 0,
			{ .integer = (long)d->summary.changes[kinds[i]] } };
	/* null, not 0, when the case ids could not be compared */
	for (int l = 0; l < CL_NCASE_LISTS; l++, k++)
		f[k] = (struct cl_figure){ cl_case_list_name(
			(enum cl_case_list)l), _(list_titles[l]), CL_TYPE_INTEGER,
			0, { .null = !d->has_cases,
			.integer = (long)d->summary.cases[l] } };
	f[k++] = (struct cl_figure){ "points_before", _("Points before"),
		CL_TYPE_DECIMAL, CL_DEC_DIGITS,
		{ .dec = d->summary.points_before } };
	f[k] = (struct cl_figure){ "points_after", _("Points after"),
		CL_TYPE_DECIMAL, CL_DEC_DIGITS,
		{ .dec = d->summary.points_after } };
}

/* People: one line with every count. */
static void
add_summary_line(struct cl_result *res, const struct cl_diff *d, char sep)
{
	const struct cl_diff_summary *s = &d->summary;
	char before[CL_DEC_BUFSIZE], after[CL_DEC_BUFSIZE];
	char line[512], cases[160] = "";
	size_t workers = 0, len;

	for (int k = 0; k < CL_NCHANGE_KINDS; k++)
		workers += s->changes[k];
	len = (size_t)snprintf(line, sizeof line, P_("%zu worker",
	    "%zu workers", workers), workers);
	for (int k = 0, any = 0; k < CL_NCHANGE_KINDS; k++) {
		if (s->changes[k] == 0 || len >= sizeof line)
			continue;
		len += (size_t)snprintf(line + len, sizeof line - len,
		    "%s%zu %s", any ? ", " : ": ", s->changes[k],
		    _(change_words[k]));
		any = 1;
	}
	if (d->has_cases)
		snprintf(cases, sizeof cases, _("; cases: %zu added, %zu closed, "
		    "%zu moved, %zu repointed"), s->cases[CL_CASES_ADDED],
		    s->cases[CL_CASES_CLOSED], s->cases[CL_CASES_MOVED],
		    s->cases[CL_CASES_REPOINTED]);
	/* TRANSLATORS: "4 workers: 1 newly over; cases: ...; points 100 →
	 * 120." */
	cl_result_add_line(res, 0, _("%s%s; points %s \u2192 %s."), line,
	    cases,
	    cl_dec_format(s->points_before, CL_DEC_DIGITS, sep, before),
	    cl_dec_format(s->points_after, CL_DEC_DIGITS, sep, after));
}

struct cl_result *
cl_result_diff(const struct cl_diff *d, const struct cl_render_options *opt)
{
	struct cl_result *res = cl_result_new("diff", N_("What changed"));

	add_workers(res, d, opt);
	if (d->has_cases)
		add_cases(res, d, opt);
	else if (opt->all_cases)	/* sheets: the header alone */
		case_table(res, "cases", N_("Cases"), CL_SHOW(CL_FOR_SHEET), NULL,
		    0)->views[CL_FOR_SHEET] = sheet_view;
	add_summary(res, d);
	add_summary_line(res, d, opt->decimal_sep);
	return res;
}
