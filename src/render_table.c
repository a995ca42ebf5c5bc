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

enum { WORKER, TEAM, FTE, CASES, CASES_MAX, POINTS, POINTS_MAX, LOAD,
	STATUS, NCOLS };

static const char *const titles[NCOLS] = { "Worker", "Team", "FTE",
	"Cases", "Max", "Points", "Max", "Load", "Status" };

/* Text columns are left-aligned, numbers right-aligned. */
static const int left[NCOLS] = { [WORKER] = 1, [TEAM] = 1, [STATUS] = 1 };

struct cellv {
	char *text;
	size_t width;
};

static void
set_cell(struct cellv *c, const char *text, int escape)
{
	struct cl_buf b = { 0 };

	if (escape) {
		c->width = cl_text_for_terminal(&b, text);
	} else {
		cl_buf_append(&b, text, strlen(text));
		c->width = b.len;
	}
	c->text = b.data;
}

static void
set_number(struct cellv *c, cl_dec v, int decimals, char sep,
    const char *suffix)
{
	char num[CL_DEC_BUFSIZE], buf[CL_DEC_BUFSIZE + 4];

	snprintf(buf, sizeof buf, "%s%s", cl_dec_format(v, decimals, sep, num),
	    suffix);
	set_cell(c, buf, 0);
}

static void
pad(FILE *out, size_t n)
{
	while (n--)
		putc(' ', out);
}

static void
print_row(FILE *out, const struct cellv *row, const size_t *widths)
{
	for (int c = 0; c < NCOLS; c++) {
		size_t gap = widths[c] - row[c].width;

		if (c > 0)
			fputs("  ", out);
		if (!left[c])
			pad(out, gap);
		fputs(row[c].text, out);
		if (c < NCOLS - 1 && left[c])	/* no trailing spaces */
			pad(out, gap);
	}
	putc('\n', out);
}

static void
fill_row(struct cellv *row, const struct cl_worker *w, char sep)
{
	set_cell(&row[WORKER], w->name, 1);
	set_cell(&row[TEAM], w->team != NULL ? w->team : "-", 1);
	set_number(&row[FTE], w->fte, CL_DEC_DIGITS, sep, "");
	set_number(&row[CASES], CL_DEC(w->cases), 0, sep, "");
	set_number(&row[CASES_MAX], w->cases_target, CL_DEC_DIGITS, sep, "");
	set_number(&row[POINTS], w->points, CL_DEC_DIGITS, sep, "");
	set_number(&row[POINTS_MAX], w->points_target, CL_DEC_DIGITS, sep, "");
	set_number(&row[LOAD], w->load_pct, 2, sep, "%");
	set_cell(&row[STATUS], cl_load_status_name(w->status), 0);
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
	struct cellv *cells = cl_xcalloc((r->nworkers + 1) * NCOLS,
	    sizeof *cells);
	size_t widths[NCOLS] = { 0 }, shown = 0;

	for (int c = 0; c < NCOLS; c++)
		set_cell(&cells[c], titles[c], 0);
	for (size_t i = 0; i < r->nworkers; i++) {
		if (!cl_only_matches(opt->only, r->workers[i].status))
			continue;
		shown++;
		fill_row(&cells[shown * NCOLS], &r->workers[i],
		    opt->decimal_sep);
	}
	for (size_t i = 0; i <= shown; i++)
		for (int c = 0; c < NCOLS; c++)
			if (cells[i * NCOLS + c].width > widths[c])
				widths[c] = cells[i * NCOLS + c].width;
	if (shown > 0) {
		for (size_t i = 0; i <= shown; i++)
			print_row(out, &cells[i * NCOLS], widths);
		putc('\n', out);
	} else {
		fputs(r->nworkers > 0 ? "No worker matches --only.\n\n"
		    : "No workers.\n\n", out);
	}
	summarize(out, r, shown, opt);
	for (size_t i = 0; i < (shown + 1) * NCOLS; i++)
		free(cells[i].text);
	free(cells);
	return ferror(out) ? -1 : 0;
}
