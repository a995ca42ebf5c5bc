/*
 * render_diff_csv.c - a diff as CSV or TSV: a row per worker, or with
 * --cases a row per case change.
 *
 * Kept apart from render_csv.c (with its own few cell helpers, the same
 * quoting and formula guard) until the renderers walk one description of
 * every result; then a diff is tables like any other and this file goes.
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

/* RFC 4180 quoting; a cell a spreadsheet would run as a formula gets a
 * leading apostrophe. */
static void
text_cell(struct sheet *s, const char *text)
{
	int quote;

	separate(s);
	if (text == NULL)
		return;
	quote = strchr(text, s->delim) != NULL || strpbrk(text, "\"\r\n");
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
	if (strchr(buf, s->delim) != NULL)
		fprintf(s->out, "\"%s\"", buf);
	else
		fputs(buf, s->out);
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

/* A side's cell, empty where the side is null. */
static void
side_count(struct sheet *s, const struct cl_worker *w)
{
	if (w == NULL)
		separate(s);
	else
		number_cell(s, CL_DEC(w->cases), 0);
}

static void
side_points(struct sheet *s, const struct cl_worker *w)
{
	if (w == NULL)
		separate(s);
	else
		number_cell(s, w->points, CL_DEC_DIGITS);
}

static void
side_load(struct sheet *s, const struct cl_worker *w)
{
	if (w == NULL || !w->has_load)
		separate(s);
	else
		number_cell(s, w->load_pct, 2);
}

static void
worker_rows(struct sheet *s, const struct cl_diff *d)
{
	static const char *const columns[] = { "worker", "team", "change",
		"cases_before", "cases_after", "points_before", "points_after",
		"load_pct_before", "load_pct_after", "status_before",
		"status_after", NULL };

	header(s, columns);
	for (size_t i = 0; i < d->nworkers; i++) {
		const struct cl_worker_diff *w = &d->workers[i];

		if (!cl_diff_matches(s->opt->only, w))
			continue;
		text_cell(s, w->worker);
		text_cell(s, w->team);
		text_cell(s, cl_change_kind_name(w->change));
		side_count(s, w->before);
		side_count(s, w->after);
		side_points(s, w->before);
		side_points(s, w->after);
		side_load(s, w->before);
		side_load(s, w->after);
		text_cell(s, w->before != NULL ?
		    cl_load_status_name(w->before->status) : NULL);
		text_cell(s, w->after != NULL ?
		    cl_load_status_name(w->after->status) : NULL);
		end_row(s);
	}
}

/* added: worker, points_after; closed: worker, points_before; moved:
 * from, to, both; repointed: worker, both. */
static void
case_rows(struct sheet *s, const struct cl_diff *d)
{
	static const char *const columns[] = { "change", "case_id", "worker",
		"from", "to", "points_before", "points_after", NULL };

	header(s, columns);
	for (int l = 0; l < CL_NCASE_LISTS; l++) {
		for (size_t i = 0; i < d->ncases[l]; i++) {
			const struct cl_case_change *c = &d->cases[l][i];

			text_cell(s, cl_case_list_name((enum cl_case_list)l));
			text_cell(s, c->case_id);
			text_cell(s, c->worker);
			text_cell(s, c->from);
			text_cell(s, c->to);
			if (l == CL_CASES_ADDED)
				separate(s);
			else
				number_cell(s, c->points_before, CL_DEC_DIGITS);
			if (l == CL_CASES_CLOSED)
				separate(s);
			else
				number_cell(s, c->points_after, CL_DEC_DIGITS);
			end_row(s);
		}
	}
}

static int
render(const struct cl_diff *d, const struct cl_render_options *opt,
    FILE *out, char delim)
{
	struct sheet s = { out, opt, delim, 1 };

	if (opt->bom)
		fputs("\xef\xbb\xbf", out);
	if (opt->all_cases)
		case_rows(&s, d);
	else
		worker_rows(&s, d);
	return ferror(out) ? -1 : 0;
}

int
cl_render_diff_csv(const struct cl_diff *d,
    const struct cl_render_options *opt, FILE *out)
{
	char delim = ',';

	if (opt->delimiter != '\0')
		delim = opt->delimiter;
	return render(d, opt, out, delim);
}

int
cl_render_diff_tsv(const struct cl_diff *d,
    const struct cl_render_options *opt, FILE *out)
{
	return render(d, opt, out, '\t');
}
