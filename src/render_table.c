/*
 * render_table.c - the aligned table for people.
 *
 * Columns are aligned by display width, not bytes, so "Søren Ærø" lines up
 * with "Bo"; names are escaped so that no control character or escape
 * sequence in the data reaches the terminal.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* A grid of cells, filled row by row, printed with aligned columns. */
struct grid {
	size_t ncols, nrows, cap;
	const int *left;        /* per column: left-aligned text */
	struct cell {
		char *text;
		size_t width;
	} *cells;
	size_t col;             /* next column of the row being filled */
	char sep;               /* decimal separator */
};

static struct cell *
next_cell(struct grid *g)
{
	if (g->col == 0) {
		if (g->nrows == g->cap) {
			g->cap = g->cap ? 2 * g->cap : 16;
			g->cells = cl_xrealloc(g->cells,
			    g->cap * g->ncols * sizeof *g->cells);
		}
		g->nrows++;
	}
	{
		struct cell *c = &g->cells[(g->nrows - 1) * g->ncols + g->col];

		g->col = (g->col + 1) % g->ncols;
		return c;
	}
}

/* Every cell is measured in columns and escaped for the terminal. */
static void
put_text(struct grid *g, const char *text)
{
	struct cell *c = next_cell(g);
	struct cl_buf b = { 0 };

	cl_buf_append(&b, "", 0);
	c->width = cl_text_for_terminal(&b, text);
	c->text = b.data;
}

static void
put_number(struct grid *g, cl_dec v, int decimals, const char *suffix)
{
	char num[CL_DEC_BUFSIZE], buf[CL_DEC_BUFSIZE + 4];

	snprintf(buf, sizeof buf, "%s%s",
	    cl_dec_format(v, decimals, g->sep, num), suffix);
	put_text(g, buf);
}

static void
put_count(struct grid *g, long n)
{
	put_number(g, CL_DEC(n), 0, "");
}

static void
put_load(struct grid *g, int has_load, cl_dec load)
{
	if (has_load)
		put_number(g, load, 2, "%");
	else
		put_text(g, "-");
}

static void
pad(FILE *out, size_t n)
{
	while (n--)
		putc(' ', out);
}

static void
free_grid(struct grid *g)
{
	for (size_t i = 0; i < g->nrows * g->ncols; i++)
		free(g->cells[i].text);
	free(g->cells);
	g->cells = NULL;
	g->nrows = g->cap = 0;
}

/* Prints the grid (its first row the titles) and frees it. */
static void
print_grid(struct grid *g, FILE *out)
{
	size_t *widths = cl_xcalloc(g->ncols, sizeof *widths);

	for (size_t i = 0; i < g->nrows * g->ncols; i++)
		if (g->cells[i].width > widths[i % g->ncols])
			widths[i % g->ncols] = g->cells[i].width;
	for (size_t r = 0; r < g->nrows; r++) {
		for (size_t c = 0; c < g->ncols; c++) {
			const struct cell *cell = &g->cells[r * g->ncols + c];
			size_t gap = widths[c] - cell->width;

			if (c > 0)
				fputs("  ", out);
			if (!g->left[c])
				pad(out, gap);
			fputs(cell->text, out);
			if (c < g->ncols - 1 && g->left[c]) /* no trailing spaces */
				pad(out, gap);
		}
		putc('\n', out);
	}
	free_grid(g);
	free(widths);
}

static void
titles(struct grid *g, const char *const *names)
{
	for (size_t c = 0; c < g->ncols; c++)
		put_text(g, names[c]);
}

static int
any_reduction(const struct cl_report *r)
{
	for (size_t i = 0; i < r->nworkers; i++)
		if (r->workers[i].reduction != 0)
			return 1;
	return 0;
}

/* The worker table; the Reduction column only when someone has one,
 * F/month only when a case list had follow-up columns. */
static size_t
worker_table(FILE *out, const struct cl_report *r,
    const struct cl_render_options *opt)
{
	static const char *const all_names[] = { "Worker", "Team", "FTE",
		"Reduction", "Cases", "Max", "Points", "Max", "Load", "F/month",
		"Status" };
	static const int all_left[] = { 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1 };
	const char *names[11];
	int left[11];
	int reduction = any_reduction(r);
	struct grid g = { 0, 0, 0, left, NULL, 0, opt->decimal_sep };
	size_t shown = 0;

	for (size_t c = 0; c < 11; c++) {
		if ((c == 3 && !reduction) || (c == 9 && !r->has_followups))
			continue;
		names[g.ncols] = all_names[c];
		left[g.ncols++] = all_left[c];
	}
	titles(&g, names);
	for (size_t i = 0; i < r->nworkers; i++) {
		const struct cl_worker *w = &r->workers[i];

		if (!cl_only_matches(opt->only, w->status))
			continue;
		shown++;
		put_text(&g, w->name);
		put_text(&g, w->team != NULL ? w->team : "-");
		put_number(&g, w->fte, CL_DEC_DIGITS, "");
		if (reduction)
			put_number(&g, w->reduction, CL_DEC_DIGITS, "%");
		put_count(&g, w->cases);
		put_number(&g, w->cases_target, CL_DEC_DIGITS, "");
		put_number(&g, w->points, CL_DEC_DIGITS, "");
		put_number(&g, w->points_target, CL_DEC_DIGITS, "");
		put_load(&g, w->has_load, w->load_pct);
		if (r->has_followups)
			put_number(&g, w->followups_per_month, 2, "");
		put_text(&g, cl_load_status_name(w->status));
	}
	if (shown > 0) {
		print_grid(&g, out);
		putc('\n', out);
	} else {
		free_grid(&g);
		fputs(r->nworkers > 0 ? "No worker matches --only.\n\n"
		    : "No workers.\n\n", out);
	}
	return shown;
}

static void
team_table(FILE *out, const struct cl_report *r,
    const struct cl_render_options *opt)
{
	static const char *const names[] = { "Team", "Workers", "FTE",
		"Cases", "Points", "Max", "Load", "Over", "Under", "OK",
		"FTE needed" };
	static const int left[] = { 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 };
	struct grid g = { 11, 0, 0, left, NULL, 0, opt->decimal_sep };

	titles(&g, names);
	for (size_t i = 0; i < r->nteams; i++) {
		const struct cl_team *t = &r->teams[i];

		put_text(&g, t->name != NULL ? t->name : "(no team)");
		put_count(&g, (long)t->workers);
		put_number(&g, t->fte, CL_DEC_DIGITS, "");
		put_count(&g, t->cases);
		put_number(&g, t->points, CL_DEC_DIGITS, "");
		put_number(&g, t->points_target, CL_DEC_DIGITS, "");
		put_load(&g, t->has_load, t->load_pct);
		put_count(&g, (long)t->over);
		put_count(&g, (long)t->under);
		put_count(&g, (long)t->ok);
		put_number(&g, t->fte_needed, 2, "");
	}
	print_grid(&g, out);
	putc('\n', out);
}

/* Whether any worker has a team: else a team summary says nothing new. */
static int
any_team(const struct cl_report *r)
{
	return r->nteams > 1 || (r->nteams == 1 && r->teams[0].name != NULL);
}

static void
summarize(FILE *out, const struct cl_report *r, size_t shown,
    const struct cl_render_options *opt)
{
	const struct cl_summary *s = &r->summary;
	char fte[CL_DEC_BUFSIZE], points[CL_DEC_BUFSIZE];
	char per[CL_DEC_BUFSIZE], needed[CL_DEC_BUFSIZE];
	char sep = opt->decimal_sep;

	if (shown < s->workers)
		fprintf(out, "Showing %zu of %zu worker%s.\n", shown,
		    s->workers, s->workers == 1 ? "" : "s");
	fprintf(out, "%zu worker%s, %s FTE: %zu over, %zu under, %zu ok.\n",
	    s->workers, s->workers == 1 ? "" : "s",
	    cl_dec_format(s->fte, CL_DEC_DIGITS, sep, fte),
	    s->over, s->under, s->ok);
	fprintf(out, "%ld case%s, %s point%s; at %s points per FTE that is "
	    "%s FTE of work.\n", s->cases, s->cases == 1 ? "" : "s",
	    cl_dec_format(s->points, CL_DEC_DIGITS, sep, points),
	    s->points == CL_DEC(1) ? "" : "s",
	    cl_dec_format(r->targets.points, CL_DEC_DIGITS, sep, per),
	    cl_dec_format(s->fte_needed, 2, sep, needed));
}

int
cl_render_table(const struct cl_report *r,
    const struct cl_render_options *opt, FILE *out)
{
	size_t shown;

	if (opt->by_team) {
		team_table(out, r, opt);
		shown = r->nworkers;
	} else {
		shown = worker_table(out, r, opt);
		if (any_team(r))
			team_table(out, r, opt);
	}
	summarize(out, r, shown, opt);
	return ferror(out) ? -1 : 0;
}

/* ---- plans and rankings ---- */

/* "before → after" in one cell. */
static void
put_change(struct grid *g, const char *before, const char *after)
{
	char buf[2 * CL_DEC_BUFSIZE + 16];

	snprintf(buf, sizeof buf, "%s → %s", before, after);
	put_text(g, buf);
}

static void
put_dec_change(struct grid *g, cl_dec before, cl_dec after, int decimals,
    const char *suffix)
{
	char a[CL_DEC_BUFSIZE + 4], b[CL_DEC_BUFSIZE + 4];
	char na[CL_DEC_BUFSIZE], nb[CL_DEC_BUFSIZE];

	snprintf(a, sizeof a, "%s%s", cl_dec_format(before, decimals, g->sep,
	    na), suffix);
	snprintf(b, sizeof b, "%s%s", cl_dec_format(after, decimals, g->sep,
	    nb), suffix);
	put_change(g, a, b);
}

static void
put_load_change(struct grid *g, int has_load, cl_dec before, cl_dec after)
{
	if (has_load)
		put_dec_change(g, before, after, 2, "%");
	else
		put_change(g, "-", "-");
}

static void
moves_table(FILE *out, const struct cl_plan *p, char sep)
{
	static const char *const names[] = { "Case", "Points", "From", "To",
		"Team" };
	static const int left[] = { 1, 0, 1, 1, 1 };
	struct grid g = { 5, 0, 0, left, NULL, 0, sep };

	titles(&g, names);
	for (size_t i = 0; i < p->nmoves; i++) {
		const struct cl_move *m = &p->moves[i];

		put_text(&g, m->case_id);
		put_number(&g, m->points, CL_DEC_DIGITS, "");
		put_text(&g, m->from);
		put_text(&g, m->to);
		put_text(&g, m->team != NULL ? m->team : "-");
	}
	print_grid(&g, out);
	putc('\n', out);
}

static void
plan_workers_table(FILE *out, const struct cl_plan *p, char sep)
{
	static const char *const names[] = { "Worker", "Team", "Cases",
		"Points", "Max", "Load", "Status" };
	static const int left[] = { 1, 1, 0, 0, 0, 0, 1 };
	struct grid g = { 7, 0, 0, left, NULL, 0, sep };

	titles(&g, names);
	for (size_t i = 0; i < p->nworkers; i++) {
		const struct cl_change *w = &p->workers[i];
		char cb[24], ca[24];

		put_text(&g, w->worker);
		put_text(&g, w->team != NULL ? w->team : "-");
		snprintf(cb, sizeof cb, "%ld", w->cases_before);
		snprintf(ca, sizeof ca, "%ld", w->cases_after);
		put_change(&g, cb, ca);
		put_dec_change(&g, w->points_before, w->points_after,
		    CL_DEC_DIGITS, "");
		put_number(&g, w->points_target, CL_DEC_DIGITS, "");
		put_load_change(&g, w->has_load, w->load_before, w->load_after);
		put_change(&g, cl_load_status_name(w->status_before),
		    cl_load_status_name(w->status_after));
	}
	print_grid(&g, out);
	putc('\n', out);
}

static void
print_name(FILE *out, const char *name)
{
	struct cl_buf b = { 0 };

	cl_text_for_terminal(&b, name);
	fputs(b.data != NULL ? b.data : "", out);
	cl_buf_free(&b);
}

static void
plan_summary(FILE *out, const struct cl_plan *p, char sep)
{
	char pts[CL_DEC_BUFSIZE], fte[CL_DEC_BUFSIZE];

	if (p->nmoves == 0 && p->fits)
		fputs("Nobody is over: no moves needed.\n", out);
	else if (p->fits)
		fprintf(out, "%zu move%s; nobody is over after %s.\n",
		    p->nmoves, p->nmoves == 1 ? "" : "s",
		    p->nmoves == 1 ? "it" : "them");
	else
		fprintf(out, "%zu move%s; not everyone fits.\n", p->nmoves,
		    p->nmoves == 1 ? "" : "s");
	for (size_t i = 0; i < p->nshortfalls; i++) {
		const struct cl_shortfall *s = &p->shortfalls[i];

		if (s->all_teams) {
			fputs("All teams together", out);
		} else if (s->team != NULL) {
			fputs("Team ", out);
			print_name(out, s->team);
		} else {
			fputs("Workers without a team", out);
		}
		if (s->points_short > 0)
			fprintf(out, ": %s points more than %s capacity "
			    "(%s FTE short).", cl_dec_format(s->points_short,
			    CL_DEC_DIGITS, sep, pts),
			    s->all_teams ? "their" : "its",
			    cl_dec_format(s->fte_short, 2, sep, fte));
		else
			fputs(": the room is there, but no case left fits "
			    "where it is.", out);
		fputs(" Still over: ", out);
		for (size_t k = 0; k < s->nstill_over; k++) {
			fputs(k > 0 ? "; " : "", out);	/* names hold commas */
			print_name(out, s->still_over[k]);
		}
		fputs(".\n", out);
	}
	for (size_t i = 0; i < p->nworkers; i++) {
		const struct cl_change *w = &p->workers[i];

		if (w->status_after != CL_OVER || w->unmovable == 0)
			continue;
		print_name(out, w->worker);
		fprintf(out, " has %ld case%s that cannot move (no case id, "
		    "or kept with --keep).\n", w->unmovable,
		    w->unmovable == 1 ? "" : "s");
	}
}

int
cl_render_plan_table(const struct cl_plan *p,
    const struct cl_render_options *opt, FILE *out)
{
	if (p->nmoves > 0)
		moves_table(out, p, opt->decimal_sep);
	if (p->nworkers > 0)
		plan_workers_table(out, p, opt->decimal_sep);
	plan_summary(out, p, opt->decimal_sep);
	return ferror(out) ? -1 : 0;
}

int
cl_render_ranking_table(const struct cl_ranking *r,
    const struct cl_render_options *opt, FILE *out)
{
	static const char *const names[] = { "Worker", "Team", "Cases", "Max",
		"Points", "Max", "Room after", "Load", "Status" };
	static const int left[] = { 1, 1, 0, 0, 0, 0, 0, 0, 1 };
	struct grid g = { 9, 0, 0, left, NULL, 0, opt->decimal_sep };
	char pts[CL_DEC_BUFSIZE];

	fprintf(out, "A new case of %s points:\n\n", cl_dec_format(r->points,
	    CL_DEC_DIGITS, opt->decimal_sep, pts));
	titles(&g, names);
	for (size_t i = 0; i < r->ncandidates; i++) {
		const struct cl_change *c = &r->candidates[i];
		char status[48];

		put_text(&g, c->worker);
		put_text(&g, c->team != NULL ? c->team : "-");
		put_dec_change(&g, CL_DEC(c->cases_before),
		    CL_DEC(c->cases_after), 0, "");
		put_number(&g, c->cases_target, CL_DEC_DIGITS, "");
		put_dec_change(&g, c->points_before, c->points_after,
		    CL_DEC_DIGITS, "");
		put_number(&g, c->points_target, CL_DEC_DIGITS, "");
		put_number(&g, c->room_after, CL_DEC_DIGITS, "");
		put_load_change(&g, c->has_load, c->load_before, c->load_after);
		snprintf(status, sizeof status, "%s%s",
		    cl_load_status_name(c->status_after), !c->pushed_over ? ""
		    : c->status_before == CL_OVER ? " (already)"
		    : " (pushed over)");
		put_text(&g, status);
	}
	if (r->ncandidates == 0) {
		free_grid(&g);
		fputs("No worker to take it.\n", out);
		return ferror(out) ? -1 : 0;
	}
	print_grid(&g, out);
	putc('\n', out);
	fputs("Suggestion: ", out);
	print_name(out, r->candidates[0].worker);
	fputs(r->candidates[0].pushed_over ? " (nobody can take it without "
	    "going over; this one goes over least).\n" : ".\n", out);
	return ferror(out) ? -1 : 0;
}
