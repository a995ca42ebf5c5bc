/*
 * render_xlsx.c - an Excel workbook for people: the same rows as the
 * table format, with numbers as numbers, on sheets with a chart sheet.
 *
 * A spreadsheet in a Danish or Swedish locale reads "131.5" in a CSV as
 * text; a workbook holds numbers, whatever the locale.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "xlsx_book.h"

static char *
comments(const struct cl_render_options *opt)
{
	struct cl_buf c = { 0 };

	cl_buf_append(&c, "Case lists: ", 12);
	for (size_t i = 0; i < opt->ninputs; i++) {
		if (i > 0)
			cl_buf_append(&c, ", ", 2);
		cl_buf_append(&c, opt->inputs[i], strlen(opt->inputs[i]));
	}
	if (opt->as_of != NULL) {
		cl_buf_append(&c, "; as of ", 8);
		cl_buf_append(&c, opt->as_of, strlen(opt->as_of));
	}
	cl_buf_append(&c, "", 1);
	return c.data;
}

static struct book *
open_book(const char *title, const struct cl_render_options *opt)
{
	char *text = comments(opt);
	struct book *b = book_new(title, text);

	free(text);
	return b;
}

static void
diagnostics(struct book *b, const struct cl_render_options *opt)
{
	static const struct book_column columns[] = {
		{ "File", BOOK_TEXT }, { "Line", BOOK_INTEGER },
		{ "Level", BOOK_TEXT }, { "Message", BOOK_TEXT },
	};
	static const char *const level[] = { "note", "warning", "error" };

	book_sheet(b, "Diagnostics", columns, 4);
	for (size_t i = 0; i < opt->ndiags; i++) {
		const struct cl_diag *d = &opt->diags[i];

		book_text(b, d->file != NULL ? d->file : "");
		if (d->line > 0)
			book_number(b, CL_DEC(d->line));
		else
			book_empty(b);
		book_text(b, level[d->severity]);
		book_text(b, d->message);
		book_row_end(b);
	}
}

static void
load_cell(struct book *b, int has_load, cl_dec load)
{
	if (has_load)
		book_percent(b, load);
	else
		book_empty(b);
}

static void
workers_sheet(struct book *b, const struct cl_report *r,
    const struct cl_render_options *opt, enum cl_load_status *status,
    size_t *shown)
{
	static const struct book_column columns[] = {
		{ "Worker", BOOK_TEXT }, { "Team", BOOK_TEXT },
		{ "FTE", BOOK_DECIMAL }, { "Reduction", BOOK_PERCENT },
		{ "Cases", BOOK_INTEGER }, { "Max cases", BOOK_DECIMAL },
		{ "Points", BOOK_DECIMAL }, { "Max points", BOOK_DECIMAL },
		{ "Load", BOOK_PERCENT }, { "Status", BOOK_STATUS },
	};

	*shown = 0;
	book_sheet(b, "Workers", columns, 10);
	for (size_t i = 0; i < r->nworkers; i++) {
		const struct cl_worker *w = &r->workers[i];

		if (!cl_only_matches(opt->only, w->status))
			continue;
		status[(*shown)++] = w->status;
		book_text(b, w->name);
		book_text(b, w->team != NULL ? w->team : "");
		book_number(b, w->fte);
		book_percent(b, w->reduction);
		book_number(b, CL_DEC(w->cases));
		book_number(b, w->cases_target);
		book_number(b, w->points);
		book_number(b, w->points_target);
		load_cell(b, w->has_load, w->load_pct);
		book_text(b, cl_load_status_name(w->status));
		book_row_end(b);
	}
}

static void
teams_sheet(struct book *b, const struct cl_report *r)
{
	static const struct book_column columns[] = {
		{ "Team", BOOK_TEXT }, { "Workers", BOOK_INTEGER },
		{ "FTE", BOOK_DECIMAL }, { "Cases", BOOK_INTEGER },
		{ "Points", BOOK_DECIMAL }, { "Max points", BOOK_DECIMAL },
		{ "Load", BOOK_PERCENT }, { "Over", BOOK_INTEGER },
		{ "Under", BOOK_INTEGER }, { "OK", BOOK_INTEGER },
		{ "FTE needed", BOOK_DECIMAL },
	};

	book_sheet(b, "Teams", columns, 11);
	for (size_t i = 0; i < r->nteams; i++) {
		const struct cl_team *t = &r->teams[i];

		book_text(b, t->name != NULL ? t->name : "(no team)");
		book_number(b, CL_DEC((long)t->workers));
		book_number(b, t->fte);
		book_number(b, CL_DEC(t->cases));
		book_number(b, t->points);
		book_number(b, t->points_target);
		load_cell(b, t->has_load, t->load_pct);
		book_number(b, CL_DEC((long)t->over));
		book_number(b, CL_DEC((long)t->under));
		book_number(b, CL_DEC((long)t->ok));
		book_number(b, t->fte_needed);
		book_row_end(b);
	}
}

int
cl_render_xlsx(const struct cl_report *r, const struct cl_render_options *opt,
    FILE *out)
{
	struct book *b = open_book("Caseload report", opt);
	enum cl_load_status *status;
	size_t shown = 0;

	if (b == NULL)
		return -1;
	status = cl_xcalloc(r->nworkers + 1, sizeof *status);
	if (!opt->by_team)
		workers_sheet(b, r, opt, status, &shown);
	teams_sheet(b, r);
	diagnostics(b, opt);
	if (!opt->by_team)
		book_chart(b, "Load chart", "Load per worker", "Workers", shown,
		    0, 8, status);
	free(status);
	return book_close(b, out);
}

/* ---- plans ---- */

static void
change_row(struct book *b, const struct cl_change *w)
{
	book_text(b, w->worker);
	book_text(b, w->team != NULL ? w->team : "");
	book_number(b, CL_DEC(w->cases_before));
	book_number(b, CL_DEC(w->cases_after));
	book_number(b, w->cases_target);
	book_number(b, w->points_before);
	book_number(b, w->points_after);
	book_number(b, w->points_target);
	load_cell(b, w->has_load, w->load_before);
	load_cell(b, w->has_load, w->load_after);
	book_text(b, cl_load_status_name(w->status_before));
	book_text(b, cl_load_status_name(w->status_after));
}

static const struct book_column change_columns[] = {
	{ "Worker", BOOK_TEXT }, { "Team", BOOK_TEXT },
	{ "Cases before", BOOK_INTEGER }, { "Cases after", BOOK_INTEGER },
	{ "Max cases", BOOK_DECIMAL },
	{ "Points before", BOOK_DECIMAL }, { "Points after", BOOK_DECIMAL },
	{ "Max points", BOOK_DECIMAL },
	{ "Load before", BOOK_PERCENT }, { "Load after", BOOK_PERCENT },
	{ "Status before", BOOK_STATUS }, { "Status after", BOOK_STATUS },
	{ "Room after", BOOK_DECIMAL }, { "Taking it", BOOK_TEXT },
};

int
cl_render_plan_xlsx(const struct cl_plan *p,
    const struct cl_render_options *opt, FILE *out)
{
	static const struct book_column moves[] = {
		{ "Case", BOOK_TEXT }, { "Points", BOOK_DECIMAL },
		{ "From", BOOK_TEXT }, { "To", BOOK_TEXT }, { "Team", BOOK_TEXT },
	};
	struct book *b = open_book("Caseload rebalance plan", opt);
	enum cl_load_status *status;

	if (b == NULL)
		return -1;
	book_sheet(b, "Moves", moves, 5);
	for (size_t i = 0; i < p->nmoves; i++) {
		const struct cl_move *m = &p->moves[i];

		book_text(b, m->case_id);
		book_number(b, m->points);
		book_text(b, m->from);
		book_text(b, m->to);
		book_text(b, m->team != NULL ? m->team : "");
		book_row_end(b);
	}
	status = cl_xcalloc(p->nworkers + 1, sizeof *status);
	book_sheet(b, "Workers", change_columns, 12);
	for (size_t i = 0; i < p->nworkers; i++) {
		status[i] = p->workers[i].status_after;
		change_row(b, &p->workers[i]);
		book_row_end(b);
	}
	diagnostics(b, opt);
	book_chart(b, "Load chart", "Load after the moves", "Workers",
	    p->nworkers, 0, 9, status);
	free(status);
	return book_close(b, out);
}

int
cl_render_ranking_xlsx(const struct cl_ranking *r,
    const struct cl_render_options *opt, FILE *out)
{
	struct book *b = open_book("Caseload: who takes a new case", opt);
	enum cl_load_status *status;

	if (b == NULL)
		return -1;
	status = cl_xcalloc(r->ncandidates + 1, sizeof *status);
	book_sheet(b, "Ranking", change_columns, 14);
	for (size_t i = 0; i < r->ncandidates; i++) {
		const struct cl_change *c = &r->candidates[i];

		status[i] = c->status_after;
		change_row(b, c);
		book_number(b, c->room_after);
		book_text(b, !c->pushed_over ? "fits" : c->status_before ==
		    CL_OVER ? "already over" : "pushed over");
		book_row_end(b);
	}
	diagnostics(b, opt);
	book_chart(b, "Load chart", "Load after taking the case", "Ranking",
	    r->ncandidates, 0, 9, status);
	free(status);
	return book_close(b, out);
}
