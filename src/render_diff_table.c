/*
 * render_diff_table.c - a diff for people: the workers that changed, with
 * before → after, then the case changes, then one summary line.
 *
 * Kept apart from render_table.c (with its own small grid) until the
 * renderers walk one description of every result; then a diff is tables
 * like any other and this file goes.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* Lines of each case list shown without --cases. */
#define CASES_SHOWN 20

/* A grid of cells, filled row by row, printed with aligned columns. */
struct grid {
	size_t ncols, ncells, cap;
	const int *left;        /* per column: left-aligned text */
	struct cell {
		char *text;
		size_t width;
	} *cells;
	char sep;               /* decimal separator */
};

/* Every cell is measured in columns and escaped for the terminal. */
static void
put_text(struct grid *g, const char *text)
{
	struct cl_buf b = { 0 };
	struct cell *c;

	if (g->ncells == g->cap) {
		g->cap = g->cap ? 2 * g->cap : 64;
		g->cells = cl_xrealloc(g->cells, g->cap * sizeof *g->cells);
	}
	c = &g->cells[g->ncells++];
	cl_buf_append(&b, "", 0);
	c->width = cl_text_for_terminal(&b, text);
	c->text = b.data;
}

static void
free_grid(struct grid *g)
{
	for (size_t i = 0; i < g->ncells; i++)
		free(g->cells[i].text);
	free(g->cells);
	g->cells = NULL;
	g->ncells = g->cap = 0;
}

static void
pad(FILE *out, size_t n)
{
	while (n--)
		putc(' ', out);
}

/* Prints the grid (its first row the titles) and frees it. */
static void
print_grid(struct grid *g, FILE *out)
{
	size_t *widths = cl_xcalloc(g->ncols, sizeof *widths);

	for (size_t i = 0; i < g->ncells; i++)
		if (g->cells[i].width > widths[i % g->ncols])
			widths[i % g->ncols] = g->cells[i].width;
	for (size_t i = 0; i < g->ncells; i++) {
		size_t c = i % g->ncols, gap = widths[c] - g->cells[i].width;

		if (c > 0)
			fputs("  ", out);
		if (!g->left[c])
			pad(out, gap);
		fputs(g->cells[i].text, out);
		if (c < g->ncols - 1 && g->left[c])	/* no trailing spaces */
			pad(out, gap);
		if (c == g->ncols - 1)
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

/* A side's value as text: "-" when the side is null. */
static void
format_dec(char *buf, size_t size, int present, cl_dec v, int decimals,
    const char *suffix, char sep)
{
	if (!present) {
		snprintf(buf, size, "-");
	} else {
		char num[CL_DEC_BUFSIZE];

		snprintf(buf, size, "%s%s", cl_dec_format(v, decimals, sep, num),
		    suffix);
	}
}

/* "before → after" in one cell. */
static void
put_change(struct grid *g, const char *before, const char *after)
{
	char buf[2 * CL_DEC_BUFSIZE + 16];

	snprintf(buf, sizeof buf, "%s → %s", before, after);
	put_text(g, buf);
}

static void
put_dec_change(struct grid *g, int has_before, cl_dec before, int has_after,
    cl_dec after, int decimals, const char *suffix)
{
	char b[CL_DEC_BUFSIZE + 4], a[CL_DEC_BUFSIZE + 4];

	format_dec(b, sizeof b, has_before, before, decimals, suffix, g->sep);
	format_dec(a, sizeof a, has_after, after, decimals, suffix, g->sep);
	put_change(g, b, a);
}

static const char *
status_of(const struct cl_worker *w)
{
	return w != NULL ? cl_load_status_name(w->status) : "-";
}

/* "newly over" for newly_over. */
static void
put_kind(struct grid *g, enum cl_change_kind kind)
{
	char buf[32];
	char *p;

	snprintf(buf, sizeof buf, "%s", cl_change_kind_name(kind));
	while ((p = strchr(buf, '_')) != NULL)
		*p = ' ';
	put_text(g, buf);
}

static void
worker_table(FILE *out, const struct cl_diff *d,
    const struct cl_render_options *opt)
{
	static const char *const names[] = { "Worker", "Team", "Change",
		"Cases", "Points", "Load", "Status" };
	static const int left[] = { 1, 1, 1, 0, 0, 0, 1 };
	struct grid g = { 7, 0, 0, left, NULL, opt->decimal_sep };
	size_t shown = 0;

	titles(&g, names);
	for (size_t i = 0; i < d->nworkers; i++) {
		const struct cl_worker_diff *w = &d->workers[i];
		const struct cl_worker *b = w->before, *a = w->after;

		if (!cl_diff_matches(opt->only, w))
			continue;
		shown++;
		put_text(&g, w->worker);
		put_text(&g, w->team != NULL ? w->team : "-");
		put_kind(&g, w->change);
		put_dec_change(&g, b != NULL, b ? CL_DEC(b->cases) : 0,
		    a != NULL, a ? CL_DEC(a->cases) : 0, 0, "");
		put_dec_change(&g, b != NULL, b ? b->points : 0, a != NULL,
		    a ? a->points : 0, CL_DEC_DIGITS, "");
		put_dec_change(&g, b != NULL && b->has_load, b ? b->load_pct
		    : 0, a != NULL && a->has_load, a ? a->load_pct : 0, 2, "%");
		put_change(&g, status_of(b), status_of(a));
	}
	if (shown > 0) {
		print_grid(&g, out);
	} else {
		free_grid(&g);
		fputs(d->nworkers == 0 ? "No workers.\n"
		    : opt->only == CL_ONLY_CHANGED ? "No worker changed.\n"
		    : "No worker matches --only.\n", out);
	}
	putc('\n', out);
}

static const char *const list_titles[CL_NCASE_LISTS] = {
	[CL_CASES_ADDED] = "Added", [CL_CASES_CLOSED] = "Closed",
	[CL_CASES_MOVED] = "Moved", [CL_CASES_REPOINTED] = "Repointed",
};

static void
case_row(struct grid *g, enum cl_case_list l, const struct cl_case_change *c)
{
	char buf[CL_DEC_BUFSIZE];

	put_text(g, c->case_id);
	switch (l) {
	case CL_CASES_MOVED:
		put_text(g, c->from);
		put_text(g, c->to);
		put_dec_change(g, 1, c->points_before, 1, c->points_after,
		    CL_DEC_DIGITS, "");
		break;
	case CL_CASES_REPOINTED:
		put_text(g, c->worker);
		put_dec_change(g, 1, c->points_before, 1, c->points_after,
		    CL_DEC_DIGITS, "");
		break;
	default:
		put_text(g, c->worker);
		put_text(g, cl_dec_format(l == CL_CASES_ADDED ? c->points_after
		    : c->points_before, CL_DEC_DIGITS, g->sep, buf));
	}
}

static void
case_table(FILE *out, const struct cl_diff *d, enum cl_case_list l,
    const struct cl_render_options *opt)
{
	static const char *const moved[] = { "Case", "From", "To", "Points" };
	static const char *const other[] = { "Case", "Worker", "Points" };
	static const int left_moved[] = { 1, 1, 1, 0 };
	static const int left_other[] = { 1, 1, 0 };
	int is_moved = l == CL_CASES_MOVED;
	struct grid g = { is_moved ? 4 : 3, 0, 0, is_moved ? left_moved
		: left_other, NULL, opt->decimal_sep };
	size_t n = d->ncases[l], shown = n;

	if (n == 0)
		return;
	if (!opt->all_cases && shown > CASES_SHOWN)
		shown = CASES_SHOWN;
	fprintf(out, "%s (%zu):\n", list_titles[l], n);
	titles(&g, is_moved ? moved : other);
	for (size_t i = 0; i < shown; i++)
		case_row(&g, l, &d->cases[l][i]);
	print_grid(&g, out);
	if (shown < n)
		fprintf(out, "and %zu more (--cases lists them all)\n",
		    n - shown);
	putc('\n', out);
}

static void
summarize(FILE *out, const struct cl_diff *d, char sep)
{
	static const char *const words[CL_NCHANGE_KINDS] = {
		"newly over", "no longer over", "newly under",
		"no longer under", "joined", "left", "changed", "same" };
	const struct cl_diff_summary *s = &d->summary;
	char before[CL_DEC_BUFSIZE], after[CL_DEC_BUFSIZE];
	size_t workers = 0;
	int any = 0;

	for (int k = 0; k < CL_NCHANGE_KINDS; k++)
		workers += s->changes[k];
	fprintf(out, "%zu worker%s", workers, workers == 1 ? "" : "s");
	for (int k = 0; k < CL_NCHANGE_KINDS; k++) {
		if (s->changes[k] == 0)
			continue;
		fprintf(out, "%s%zu %s", any ? ", " : ": ", s->changes[k],
		    words[k]);
		any = 1;
	}
	if (d->has_cases)
		fprintf(out, "; cases: %zu added, %zu closed, %zu moved, "
		    "%zu repointed", s->cases[CL_CASES_ADDED],
		    s->cases[CL_CASES_CLOSED], s->cases[CL_CASES_MOVED],
		    s->cases[CL_CASES_REPOINTED]);
	fprintf(out, "; points %s → %s.\n",
	    cl_dec_format(s->points_before, CL_DEC_DIGITS, sep, before),
	    cl_dec_format(s->points_after, CL_DEC_DIGITS, sep, after));
}

int
cl_render_diff_table(const struct cl_diff *d,
    const struct cl_render_options *opt, FILE *out)
{
	worker_table(out, d, opt);
	for (int l = 0; l < CL_NCASE_LISTS; l++)
		case_table(out, d, (enum cl_case_list)l, opt);
	summarize(out, d, opt->decimal_sep);
	return ferror(out) ? -1 : 0;
}
