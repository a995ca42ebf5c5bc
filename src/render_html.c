/*
 * render_html.c - one self-contained HTML page for people: a heading, the
 * charts, the tables and the diagnostics.
 *
 * Tables hold the same rows in the same order as the table format, with
 * its column titles; every name and message goes through html_text.
 */
#include <stdlib.h>
#include <string.h>

#include "html.h"

static void
head_from(struct html_head *h, const char *title,
    const struct cl_render_options *opt, const struct cl_targets *targets)
{
	memset(h, 0, sizeof *h);
	h->title = title;
	h->inputs = opt->inputs;
	h->ninputs = opt->ninputs;
	h->roster = opt->roster;
	h->config = opt->config;
	h->as_of = opt->as_of;
	h->targets = targets;
	h->decimal_sep = opt->decimal_sep;
}

/* ---- cells ---- */

static void
header_row(FILE *out, const char *const *labels, const int *num, size_t n)
{
	fputs("<thead><tr>", out);
	for (size_t i = 0; i < n; i++)
		fprintf(out, "<th scope=\"col\"%s>%s</th>", num[i] ?
		    " class=\"num\"" : "", labels[i]);
	fputs("</tr></thead>\n<tbody>\n", out);
}

static void
td_text(FILE *out, const char *s)
{
	fputs("<td>", out);
	html_text(out, s != NULL ? s : "-");
	fputs("</td>", out);
}

/* A row's first cell names it, for screen readers. */
static void
th_name(FILE *out, const char *s)
{
	fputs("<tr><th scope=\"row\">", out);
	html_text(out, s);
	fputs("</th>", out);
}

static void
td_dec(FILE *out, cl_dec v, int decimals, const char *suffix, char sep)
{
	char buf[CL_DEC_BUFSIZE];

	fprintf(out, "<td class=\"num\">%s%s</td>", cl_dec_format(v, decimals,
	    sep, buf), suffix);
}

static void
td_count(FILE *out, long n)
{
	fprintf(out, "<td class=\"num\">%ld</td>", n);
}

static void
td_load(FILE *out, int has_load, cl_dec load, char sep)
{
	if (has_load)
		td_dec(out, load, 2, "\xc2\xa0%", sep);
	else
		fputs("<td class=\"num\">-</td>", out);
}

static void
td_status(FILE *out, enum cl_load_status s, const char *extra)
{
	const char *name = cl_load_status_name(s);

	fprintf(out, "<td class=\"st-%s\">%s%s</td>", name, name, extra);
}

/* "before → after" in one cell, as the table format writes it. */
static void
td_change(FILE *out, cl_dec before, cl_dec after, int decimals,
    const char *suffix, char sep)
{
	char b[CL_DEC_BUFSIZE], a[CL_DEC_BUFSIZE];

	fprintf(out, "<td class=\"num\">%s%s \xe2\x86\x92 %s%s</td>",
	    cl_dec_format(before, decimals, sep, b), suffix,
	    cl_dec_format(after, decimals, sep, a), suffix);
}

/* ---- charts ---- */

static char *
detail_text(const char *fmt_points, cl_dec points, cl_dec target,
    long cases, cl_dec cases_target, int with_cases, char sep)
{
	char p[CL_DEC_BUFSIZE], t[CL_DEC_BUFSIZE], ct[CL_DEC_BUFSIZE];
	char buf[4 * CL_DEC_BUFSIZE + 64];

	cl_dec_format(points, CL_DEC_DIGITS, sep, p);
	cl_dec_format(target, CL_DEC_DIGITS, sep, t);
	cl_dec_format(cases_target, CL_DEC_DIGITS, sep, ct);
	if (with_cases)
		snprintf(buf, sizeof buf, "%s of %s %s, %ld of %s cases", p, t,
		    fmt_points, cases, ct);
	else
		snprintf(buf, sizeof buf, "%s of %s %s, %ld cases", p, t,
		    fmt_points, cases);
	return cl_xstrdup(buf);
}

static void
free_details(struct chart_bar *bars, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free((char *)bars[i].detail);
	free(bars);
}

static void
worker_chart(FILE *out, const struct cl_report *r,
    const struct cl_render_options *opt)
{
	struct chart_bar *bars = cl_xcalloc(r->nworkers + 1, sizeof *bars);
	struct chart c = { "Load per worker", "load",
		"cases against the cases target", NULL, r->targets.under_pct,
		opt->decimal_sep, 1 };
	size_t n = 0;

	for (size_t i = 0; i < r->nworkers; i++) {
		const struct cl_worker *w = &r->workers[i];
		struct chart_bar *b = &bars[n];

		if (!cl_only_matches(opt->only, w->status))
			continue;
		b->label = w->name;
		b->value = w->load_pct;
		b->has_value = w->has_load;
		b->status = w->status;
		b->has_marker = w->cases_target > 0;
		if (b->has_marker)
			b->marker = cl_dec_ratio(CL_DEC(w->cases),
			    w->cases_target, 1);
		b->detail = detail_text("points", w->points, w->points_target,
		    w->cases, w->cases_target, 1, opt->decimal_sep);
		n++;
	}
	if (n > 0) {
		fputs("<section id=\"worker-chart\">\n<h2>Load per worker</h2>\n",
		    out);
		svg_bar_chart(out, &c, bars, n);
		fputs("</section>\n", out);
	}
	free_details(bars, n);
}

static void
team_chart(FILE *out, const struct cl_report *r,
    const struct cl_render_options *opt)
{
	struct chart_bar *bars = cl_xcalloc(r->nteams + 1, sizeof *bars);
	struct chart c = { "Load per team", "load", NULL, NULL,
		r->targets.under_pct, opt->decimal_sep, 2 };

	for (size_t i = 0; i < r->nteams; i++) {
		const struct cl_team *t = &r->teams[i];

		bars[i].label = t->name != NULL ? t->name : "(no team)";
		bars[i].value = t->load_pct;
		bars[i].has_value = t->has_load;
		/* a team has no status of its own (its workers' are in
		 * the table): its bar is neutral against the lines */
		bars[i].no_status = 1;
		bars[i].detail = detail_text("points", t->points,
		    t->points_target, t->cases, 0, 0, opt->decimal_sep);
	}
	fputs("<section id=\"team-chart\">\n<h2>Load per team</h2>\n", out);
	svg_bar_chart(out, &c, bars, r->nteams);
	fputs("</section>\n", out);
	free_details(bars, r->nteams);
}

/* ---- tables ---- */

static int
any_reduction(const struct cl_report *r)
{
	for (size_t i = 0; i < r->nworkers; i++)
		if (r->workers[i].reduction != 0)
			return 1;
	return 0;
}

static size_t
worker_table(FILE *out, const struct cl_report *r,
    const struct cl_render_options *opt)
{
	static const char *const labels[] = { "Worker", "Team", "FTE",
		"Reduction", "Cases", "Max", "Points", "Max", "Load", "Status" };
	static const int num[] = { 0, 0, 1, 1, 1, 1, 1, 1, 1, 0 };
	static const char *const short_labels[] = { "Worker", "Team", "FTE",
		"Cases", "Max", "Points", "Max", "Load", "Status" };
	static const int short_num[] = { 0, 0, 1, 1, 1, 1, 1, 1, 0 };
	int reduction = any_reduction(r);
	char sep = opt->decimal_sep;
	size_t shown = 0;

	fputs("<section id=\"workers\">\n<h2>Workers</h2>\n", out);
	for (size_t i = 0; i < r->nworkers; i++)
		shown += cl_only_matches(opt->only, r->workers[i].status);
	if (shown == 0) {
		fputs(r->nworkers > 0 ? "<p>No worker matches --only.</p>\n"
		    : "<p>No workers.</p>\n", out);
		fputs("</section>\n", out);
		return 0;
	}
	fputs("<table class=\"workers\">\n", out);
	if (reduction)
		header_row(out, labels, num, 10);
	else
		header_row(out, short_labels, short_num, 9);
	for (size_t i = 0; i < r->nworkers; i++) {
		const struct cl_worker *w = &r->workers[i];

		if (!cl_only_matches(opt->only, w->status))
			continue;
		th_name(out, w->name);
		td_text(out, w->team);
		td_dec(out, w->fte, CL_DEC_DIGITS, "", sep);
		if (reduction)
			td_dec(out, w->reduction, CL_DEC_DIGITS, "\xc2\xa0%", sep);
		td_count(out, w->cases);
		td_dec(out, w->cases_target, CL_DEC_DIGITS, "", sep);
		td_dec(out, w->points, CL_DEC_DIGITS, "", sep);
		td_dec(out, w->points_target, CL_DEC_DIGITS, "", sep);
		td_load(out, w->has_load, w->load_pct, sep);
		td_status(out, w->status, "");
		fputs("</tr>\n", out);
	}
	fputs("</tbody>\n</table>\n</section>\n", out);
	return shown;
}

static void
team_table(FILE *out, const struct cl_report *r,
    const struct cl_render_options *opt)
{
	static const char *const labels[] = { "Team", "Workers", "FTE",
		"Cases", "Points", "Max", "Load", "Over", "Under", "OK",
		"FTE needed" };
	static const int num[] = { 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 };
	char sep = opt->decimal_sep;

	fputs("<section id=\"teams\">\n<h2>Teams</h2>\n"
	    "<table class=\"teams\">\n", out);
	header_row(out, labels, num, 11);
	for (size_t i = 0; i < r->nteams; i++) {
		const struct cl_team *t = &r->teams[i];

		th_name(out, t->name != NULL ? t->name : "(no team)");
		td_count(out, (long)t->workers);
		td_dec(out, t->fte, CL_DEC_DIGITS, "", sep);
		td_count(out, t->cases);
		td_dec(out, t->points, CL_DEC_DIGITS, "", sep);
		td_dec(out, t->points_target, CL_DEC_DIGITS, "", sep);
		td_load(out, t->has_load, t->load_pct, sep);
		td_count(out, (long)t->over);
		td_count(out, (long)t->under);
		td_count(out, (long)t->ok);
		td_dec(out, t->fte_needed, 2, "", sep);
		fputs("</tr>\n", out);
	}
	fputs("</tbody>\n</table>\n</section>\n", out);
}

static int
any_team(const struct cl_report *r)
{
	return r->nteams > 1 || (r->nteams == 1 && r->teams[0].name != NULL);
}

static void
summary(FILE *out, const struct cl_report *r, size_t shown, char sep)
{
	const struct cl_summary *s = &r->summary;
	char fte[CL_DEC_BUFSIZE], points[CL_DEC_BUFSIZE];
	char per[CL_DEC_BUFSIZE], needed[CL_DEC_BUFSIZE];

	fputs("<section id=\"summary\">\n<h2>Summary</h2>\n<p>", out);
	if (shown < s->workers)
		fprintf(out, "Showing %zu of %zu worker%s. ", shown,
		    s->workers, s->workers == 1 ? "" : "s");
	fprintf(out, "%zu worker%s, %s FTE: %zu over, %zu under, %zu ok.\n",
	    s->workers, s->workers == 1 ? "" : "s",
	    cl_dec_format(s->fte, CL_DEC_DIGITS, sep, fte),
	    s->over, s->under, s->ok);
	fprintf(out, "%ld case%s, %s point%s; at %s points per FTE that is "
	    "%s FTE of work.</p>\n</section>\n", s->cases,
	    s->cases == 1 ? "" : "s",
	    cl_dec_format(s->points, CL_DEC_DIGITS, sep, points),
	    s->points == CL_DEC(1) ? "" : "s",
	    cl_dec_format(r->targets.points, CL_DEC_DIGITS, sep, per),
	    cl_dec_format(s->fte_needed, 2, sep, needed));
}

int
cl_render_html(const struct cl_report *r, const struct cl_render_options *opt,
    FILE *out)
{
	struct html_head h;
	size_t shown = r->nworkers;

	head_from(&h, "Caseload report", opt, &r->targets);
	html_page_begin(out, &h);
	if (!opt->by_team) {
		worker_chart(out, r, opt);
		shown = worker_table(out, r, opt);
	}
	if (any_team(r) || opt->by_team) {
		team_chart(out, r, opt);
		team_table(out, r, opt);
	}
	summary(out, r, shown, opt->decimal_sep);
	html_diagnostics(out, opt->diags, opt->ndiags);
	html_page_end(out);
	return ferror(out) ? -1 : 0;
}

/* ---- plans ---- */

static void
moves_table(FILE *out, const struct cl_plan *p, char sep)
{
	static const char *const labels[] = { "Case", "Points", "From", "To",
		"Team" };
	static const int num[] = { 0, 1, 0, 0, 0 };

	fputs("<section id=\"moves\">\n<h2>Moves</h2>\n", out);
	if (p->nmoves == 0) {
		fputs("<p>No moves.</p>\n</section>\n", out);
		return;
	}
	fputs("<table class=\"moves\">\n", out);
	header_row(out, labels, num, 5);
	for (size_t i = 0; i < p->nmoves; i++) {
		const struct cl_move *m = &p->moves[i];

		th_name(out, m->case_id);
		td_dec(out, m->points, CL_DEC_DIGITS, "", sep);
		td_text(out, m->from);
		td_text(out, m->to);
		td_text(out, m->team);
		fputs("</tr>\n", out);
	}
	fputs("</tbody>\n</table>\n</section>\n", out);
}

static void
change_chart(FILE *out, const struct cl_change *w, size_t n,
    const struct cl_render_options *opt, const char *title, int id)
{
	struct chart_bar *bars = cl_xcalloc(n + 1, sizeof *bars);
	struct chart c = { title, "load", "cases against the cases target "
		"(after)", "before", opt->targets != NULL ?
		opt->targets->under_pct : -1, opt->decimal_sep, id };

	for (size_t i = 0; i < n; i++) {
		bars[i].label = w[i].worker;
		bars[i].value = w[i].load_after;
		bars[i].has_value = w[i].has_load;
		bars[i].status = w[i].status_after;
		bars[i].has_before = w[i].has_load;
		bars[i].before = w[i].load_before;
		bars[i].status_before = w[i].status_before;
		bars[i].has_marker = w[i].cases_target > 0;
		if (bars[i].has_marker)
			bars[i].marker = cl_dec_ratio(CL_DEC(w[i].cases_after),
			    w[i].cases_target, 1);
		bars[i].detail = detail_text("points", w[i].points_after,
		    w[i].points_target, w[i].cases_after, w[i].cases_target,
		    w[i].cases_target > 0, opt->decimal_sep);
	}
	svg_bar_chart(out, &c, bars, n);
	free_details(bars, n);
}

static void
plan_workers(FILE *out, const struct cl_plan *p,
    const struct cl_render_options *opt)
{
	static const char *const labels[] = { "Worker", "Team", "Cases",
		"Points", "Max", "Load", "Status" };
	static const int num[] = { 0, 0, 1, 1, 1, 1, 0 };
	char sep = opt->decimal_sep;

	if (p->nworkers == 0)
		return;
	fputs("<section id=\"plan-chart\">\n<h2>Load before and after the "
	    "moves</h2>\n", out);
	change_chart(out, p->workers, p->nworkers, opt,
	    "Load before and after the moves", 1);
	fputs("</section>\n<section id=\"plan-workers\">\n<h2>Workers "
	    "before and after</h2>\n<table class=\"plan\">\n", out);
	header_row(out, labels, num, 7);
	for (size_t i = 0; i < p->nworkers; i++) {
		const struct cl_change *w = &p->workers[i];

		th_name(out, w->worker);
		td_text(out, w->team);
		td_change(out, CL_DEC(w->cases_before), CL_DEC(w->cases_after),
		    0, "", sep);
		td_change(out, w->points_before, w->points_after,
		    CL_DEC_DIGITS, "", sep);
		td_dec(out, w->points_target, CL_DEC_DIGITS, "", sep);
		if (w->has_load)
			td_change(out, w->load_before, w->load_after, 2,
			    "\xc2\xa0%", sep);
		else
			fputs("<td class=\"num\">- \xe2\x86\x92 -</td>", out);
		fprintf(out, "<td class=\"st-%s\">%s \xe2\x86\x92 %s</td></tr>\n",
		    cl_load_status_name(w->status_after),
		    cl_load_status_name(w->status_before),
		    cl_load_status_name(w->status_after));
	}
	fputs("</tbody>\n</table>\n</section>\n", out);
}

static void
plan_summary(FILE *out, const struct cl_plan *p, char sep)
{
	char pts[CL_DEC_BUFSIZE], fte[CL_DEC_BUFSIZE];

	fputs("<section id=\"summary\">\n<h2>Summary</h2>\n<p>", out);
	if (p->nmoves == 0 && p->fits)
		fputs("Nobody is over: no moves needed.", out);
	else if (p->fits)
		fprintf(out, "%zu move%s; nobody is over after %s.",
		    p->nmoves, p->nmoves == 1 ? "" : "s",
		    p->nmoves == 1 ? "it" : "them");
	else
		fprintf(out, "%zu move%s; not everyone fits.", p->nmoves,
		    p->nmoves == 1 ? "" : "s");
	fputs("</p>\n", out);
	if (p->nshortfalls > 0)
		fputs("<ul class=\"shortfalls\">\n", out);
	for (size_t i = 0; i < p->nshortfalls; i++) {
		const struct cl_shortfall *s = &p->shortfalls[i];

		fputs("<li>", out);
		if (s->all_teams) {
			fputs("All teams together", out);
		} else if (s->team != NULL) {
			fputs("Team ", out);
			html_text(out, s->team);
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
			fputs(k > 0 ? "; " : "", out);
			html_text(out, s->still_over[k]);
		}
		fputs(".</li>\n", out);
	}
	if (p->nshortfalls > 0)
		fputs("</ul>\n", out);
	for (size_t i = 0; i < p->nworkers; i++) {
		const struct cl_change *w = &p->workers[i];

		if (w->status_after != CL_OVER || w->unmovable == 0)
			continue;
		fputs("<p>", out);
		html_text(out, w->worker);
		fprintf(out, " has %ld case%s that cannot move (no case id, "
		    "or kept with --keep).</p>\n", w->unmovable,
		    w->unmovable == 1 ? "" : "s");
	}
	fputs("</section>\n", out);
}

int
cl_render_plan_html(const struct cl_plan *p,
    const struct cl_render_options *opt, FILE *out)
{
	struct html_head h;

	head_from(&h, "Caseload rebalance plan", opt, opt->targets);
	html_page_begin(out, &h);
	moves_table(out, p, opt->decimal_sep);
	plan_workers(out, p, opt);
	plan_summary(out, p, opt->decimal_sep);
	html_diagnostics(out, opt->diags, opt->ndiags);
	html_page_end(out);
	return ferror(out) ? -1 : 0;
}

/* ---- rankings ---- */

int
cl_render_ranking_html(const struct cl_ranking *r,
    const struct cl_render_options *opt, FILE *out)
{
	static const char *const labels[] = { "Worker", "Team", "Cases", "Max",
		"Points", "Max", "Room after", "Load", "Status" };
	static const int num[] = { 0, 0, 1, 1, 1, 1, 1, 1, 0 };
	struct html_head h;
	char pts[CL_DEC_BUFSIZE], sep = opt->decimal_sep;

	head_from(&h, "Caseload: who takes a new case", opt, opt->targets);
	html_page_begin(out, &h);
	fprintf(out, "<p>A new case of %s points.</p>\n",
	    cl_dec_format(r->points, CL_DEC_DIGITS, sep, pts));
	if (r->ncandidates == 0) {
		fputs("<p>No worker to take it.</p>\n", out);
	} else {
		fputs("<section id=\"suggestion\">\n<h2>Suggestion</h2>\n<p>",
		    out);
		html_text(out, r->candidates[0].worker);
		fputs(r->candidates[0].pushed_over ? " (nobody can take it "
		    "without going over; this one goes over least).</p>\n"
		    : ".</p>\n", out);
		fputs("</section>\n<section id=\"ranking-chart\">\n<h2>Load "
		    "after taking the case</h2>\n", out);
		change_chart(out, r->candidates, r->ncandidates, opt,
		    "Load before and after taking the case", 1);
		fputs("</section>\n<section id=\"ranking\">\n<h2>Ranking</h2>\n"
		    "<table class=\"ranking\">\n", out);
		header_row(out, labels, num, 9);
	}
	for (size_t i = 0; i < r->ncandidates; i++) {
		const struct cl_change *c = &r->candidates[i];

		th_name(out, c->worker);
		td_text(out, c->team);
		td_change(out, CL_DEC(c->cases_before), CL_DEC(c->cases_after),
		    0, "", sep);
		td_dec(out, c->cases_target, CL_DEC_DIGITS, "", sep);
		td_change(out, c->points_before, c->points_after,
		    CL_DEC_DIGITS, "", sep);
		td_dec(out, c->points_target, CL_DEC_DIGITS, "", sep);
		td_dec(out, c->room_after, CL_DEC_DIGITS, "", sep);
		if (c->has_load)
			td_change(out, c->load_before, c->load_after, 2,
			    "\xc2\xa0%", sep);
		else
			fputs("<td class=\"num\">- \xe2\x86\x92 -</td>", out);
		td_status(out, c->status_after, !c->pushed_over ? ""
		    : c->status_before == CL_OVER ? " (already)"
		    : " (pushed over)");
		fputs("</tr>\n", out);
	}
	if (r->ncandidates > 0)
		fputs("</tbody>\n</table>\n</section>\n", out);
	html_diagnostics(out, opt->diags, opt->ndiags);
	html_page_end(out);
	return ferror(out) ? -1 : 0;
}
