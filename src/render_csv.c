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
		"load_pct", "status", "reduction", NULL };

	header(s, columns);
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

int
cl_render_csv(const struct cl_report *r, const struct cl_render_options *opt,
    FILE *out)
{
	char delim = opt->delimiter;

	if (delim == '\0')
		delim = ',';
	return render(r, opt, out, delim);
}

int
cl_render_tsv(const struct cl_report *r, const struct cl_render_options *opt,
    FILE *out)
{
	return render(r, opt, out, '\t');
}
