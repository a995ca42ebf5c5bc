/*
 * render_csv.c - CSV and TSV for spreadsheets.
 *
 * RFC 4180 quoting, and a guard against formula injection: a text cell that
 * a spreadsheet would run as a formula gets a leading apostrophe.  Numbers
 * that caseload computed are written plain, so they stay numbers.
 */
#include <string.h>

#include "internal.h"

struct sheet {
	FILE *out;
	const struct cl_render_options *opt;
	char delim;
	int first;
};

static void
separate(struct sheet *s)
{
	if (!s->first)
		putc(s->delim, s->out);
	s->first = 0;
}

static void
text_cell(struct sheet *s, const char *text)
{
	int quote = strchr(text, s->delim) != NULL || strpbrk(text, "\"\r\n");

	separate(s);
	if (quote)
		putc('"', s->out);
	if (strchr("=+-@\t\r\n", text[0]) != NULL && text[0] != '\0')
		putc('\'', s->out);
	for (const char *p = text; *p != '\0'; p++) {
		if (*p == '"')
			putc('"', s->out);
		putc(*p, s->out);
	}
	if (quote)
		putc('"', s->out);
}

static void
number_cell(struct sheet *s, cl_dec v, int decimals)
{
	char buf[CL_DEC_BUFSIZE];

	cl_dec_format(v, decimals, s->opt->decimal_sep, buf);
	separate(s);
	/* a decimal comma in a comma-separated file needs quotes */
	if (strchr(buf, s->delim) != NULL)
		fprintf(s->out, "\"%s\"", buf);
	else
		fputs(buf, s->out);
}

static void
count_cell(struct sheet *s, long n)
{
	separate(s);
	fprintf(s->out, "%ld", n);
}

/* A load without a target (a 100 % reduction) is an empty cell. */
static void
load_cell(struct sheet *s, int has_load, cl_dec load)
{
	if (has_load)
		number_cell(s, load, 2);
	else
		separate(s);
}

static void
end_row(struct sheet *s)
{
	fputs(s->opt->newline, s->out);
	s->first = 1;
}

static void
header(struct sheet *s, const char *const *columns)
{
	for (; *columns != NULL; columns++)
		text_cell(s, *columns);
	end_row(s);
}

static void
worker_rows(struct sheet *s, const struct cl_report *r)
{
	static const char *const columns[] = { "worker", "team", "fte",
		"cases", "points", "points_target", "cases_target",
		"load_pct", "status", "reduction", "followups_per_month", NULL };

	/* followups_per_month only when a case list had follow-ups */
	if (!r->has_followups) {
		static const char *const without[] = { "worker", "team", "fte",
			"cases", "points", "points_target", "cases_target",
			"load_pct", "status", "reduction", NULL };

		header(s, without);
	} else {
		header(s, columns);
	}
	for (size_t i = 0; i < r->nworkers; i++) {
		const struct cl_worker *w = &r->workers[i];

		if (!cl_only_matches(s->opt->only, w->status))
			continue;
		text_cell(s, w->name);
		text_cell(s, w->team != NULL ? w->team : "");
		number_cell(s, w->fte, CL_DEC_DIGITS);
		count_cell(s, w->cases);
		number_cell(s, w->points, CL_DEC_DIGITS);
		number_cell(s, w->points_target, CL_DEC_DIGITS);
		number_cell(s, w->cases_target, CL_DEC_DIGITS);
		load_cell(s, w->has_load, w->load_pct);
		text_cell(s, cl_load_status_name(w->status));
		number_cell(s, w->reduction, CL_DEC_DIGITS);
		if (r->has_followups)
			number_cell(s, w->followups_per_month, 2);
		end_row(s);
	}
}

static void
team_rows(struct sheet *s, const struct cl_report *r)
{
	static const char *const columns[] = { "team", "workers", "fte",
		"cases", "points", "points_target", "load_pct", "over",
		"under", "ok", "fte_needed", NULL };

	header(s, columns);
	for (size_t i = 0; i < r->nteams; i++) {
		const struct cl_team *t = &r->teams[i];

		text_cell(s, t->name != NULL ? t->name : "");
		count_cell(s, (long)t->workers);
		number_cell(s, t->fte, CL_DEC_DIGITS);
		count_cell(s, t->cases);
		number_cell(s, t->points, CL_DEC_DIGITS);
		number_cell(s, t->points_target, CL_DEC_DIGITS);
		load_cell(s, t->has_load, t->load_pct);
		count_cell(s, (long)t->over);
		count_cell(s, (long)t->under);
		count_cell(s, (long)t->ok);
		number_cell(s, t->fte_needed, 2);
		end_row(s);
	}
}

static int
render(const struct cl_report *r, const struct cl_render_options *opt,
    FILE *out, char delim)
{
	struct sheet s = { out, opt, delim, 1 };

	if (opt->bom)
		fputs("\xef\xbb\xbf", out);
	if (opt->by_team)
		team_rows(&s, r);
	else
		worker_rows(&s, r);
	return ferror(out) ? -1 : 0;
}

/* The CSV delimiter: ',' unless one was set. */
static char
csv_delimiter(const struct cl_render_options *opt)
{
	if (opt->delimiter == '\0')
		return ',';
	return opt->delimiter;
}

int
cl_render_csv(const struct cl_report *r, const struct cl_render_options *opt,
    FILE *out)
{
	return render(r, opt, out, csv_delimiter(opt));
}

int
cl_render_tsv(const struct cl_report *r, const struct cl_render_options *opt,
    FILE *out)
{
	return render(r, opt, out, '\t');
}

/* ---- plans and rankings ---- */

static void
empty_cells(struct sheet *s, int n)
{
	while (n-- > 0)
		separate(s);
}

static void
status_cell(struct sheet *s, enum cl_load_status st)
{
	text_cell(s, cl_load_status_name(st));
}

/*
 * A plan is one table a spreadsheet can filter: the `record` column says
 * whether a row is a move, a worker before and after, or a team shortfall,
 * and the columns that do not apply to it are empty.
 */
static const char *const plan_columns[] = { "record", "case_id", "points",
	"from", "to", "team", "worker", "cases_before", "cases_after",
	"points_before", "points_after", "points_target", "load_pct_before",
	"load_pct_after", "status_before", "status_after", "unmovable",
	"points_short", "fte_short", "still_over", NULL };

static void
plan_move_row(struct sheet *s, const struct cl_move *m)
{
	text_cell(s, "move");
	text_cell(s, m->case_id);
	number_cell(s, m->points, CL_DEC_DIGITS);
	text_cell(s, m->from);
	text_cell(s, m->to);
	text_cell(s, m->team != NULL ? m->team : "");
	empty_cells(s, 14);
	end_row(s);
}

static void
plan_worker_row(struct sheet *s, const struct cl_change *w)
{
	text_cell(s, "worker");
	empty_cells(s, 4);
	text_cell(s, w->team != NULL ? w->team : "");
	text_cell(s, w->worker);
	count_cell(s, w->cases_before);
	count_cell(s, w->cases_after);
	number_cell(s, w->points_before, CL_DEC_DIGITS);
	number_cell(s, w->points_after, CL_DEC_DIGITS);
	number_cell(s, w->points_target, CL_DEC_DIGITS);
	load_cell(s, w->has_load, w->load_before);
	load_cell(s, w->has_load, w->load_after);
	status_cell(s, w->status_before);
	status_cell(s, w->status_after);
	count_cell(s, w->unmovable);
	empty_cells(s, 3);
	end_row(s);
}

static void
plan_shortfall_row(struct sheet *s, const struct cl_shortfall *f)
{
	struct cl_buf names = { 0 };

	for (size_t i = 0; i < f->nstill_over; i++) {
		if (i > 0)
			cl_buf_append(&names, "; ", 2);
		cl_buf_append(&names, f->still_over[i],
		    strlen(f->still_over[i]));
	}
	cl_buf_append(&names, "", 0);
	text_cell(s, "shortfall");
	empty_cells(s, 4);
	text_cell(s, f->all_teams ? "(all teams)" : f->team != NULL ? f->team
	    : "");
	empty_cells(s, 11);
	number_cell(s, f->points_short, CL_DEC_DIGITS);
	number_cell(s, f->fte_short, 2);
	text_cell(s, names.data);
	end_row(s);
	cl_buf_free(&names);
}

static int
render_plan(const struct cl_plan *p, const struct cl_render_options *opt,
    FILE *out, char delim)
{
	struct sheet s = { out, opt, delim, 1 };

	if (opt->bom)
		fputs("\xef\xbb\xbf", out);
	header(&s, plan_columns);
	for (size_t i = 0; i < p->nmoves; i++)
		plan_move_row(&s, &p->moves[i]);
	for (size_t i = 0; i < p->nworkers; i++)
		plan_worker_row(&s, &p->workers[i]);
	for (size_t i = 0; i < p->nshortfalls; i++)
		plan_shortfall_row(&s, &p->shortfalls[i]);
	return ferror(out) ? -1 : 0;
}

int
cl_render_plan_csv(const struct cl_plan *p,
    const struct cl_render_options *opt, FILE *out)
{
	return render_plan(p, opt, out, csv_delimiter(opt));
}

int
cl_render_plan_tsv(const struct cl_plan *p,
    const struct cl_render_options *opt, FILE *out)
{
	return render_plan(p, opt, out, '\t');
}

static int
render_ranking(const struct cl_ranking *r,
    const struct cl_render_options *opt, FILE *out, char delim)
{
	static const char *const columns[] = { "worker", "team",
		"points_before", "points_after", "points_target", "room_after",
		"load_pct_before", "load_pct_after", "cases_before",
		"cases_after", "cases_target", "status_before", "status_after",
		"pushed_over", NULL };
	struct sheet s = { out, opt, delim, 1 };

	if (opt->bom)
		fputs("\xef\xbb\xbf", out);
	header(&s, columns);
	for (size_t i = 0; i < r->ncandidates; i++) {
		const struct cl_change *c = &r->candidates[i];

		text_cell(&s, c->worker);
		text_cell(&s, c->team != NULL ? c->team : "");
		number_cell(&s, c->points_before, CL_DEC_DIGITS);
		number_cell(&s, c->points_after, CL_DEC_DIGITS);
		number_cell(&s, c->points_target, CL_DEC_DIGITS);
		number_cell(&s, c->room_after, CL_DEC_DIGITS);
		load_cell(&s, c->has_load, c->load_before);
		load_cell(&s, c->has_load, c->load_after);
		count_cell(&s, c->cases_before);
		count_cell(&s, c->cases_after);
		number_cell(&s, c->cases_target, CL_DEC_DIGITS);
		status_cell(&s, c->status_before);
		status_cell(&s, c->status_after);
		text_cell(&s, c->pushed_over ? "yes" : "no");
		end_row(&s);
	}
	return ferror(out) ? -1 : 0;
}

int
cl_render_ranking_csv(const struct cl_ranking *r,
    const struct cl_render_options *opt, FILE *out)
{
	return render_ranking(r, opt, out, csv_delimiter(opt));
}

int
cl_render_ranking_tsv(const struct cl_ranking *r,
    const struct cl_render_options *opt, FILE *out)
{
	return render_ranking(r, opt, out, '\t');
}
