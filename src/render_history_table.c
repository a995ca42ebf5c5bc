/*
 * render_history_table.c - trends and snapshot lists as aligned tables,
 * with a sparkline of each row's loads.
 *
 * The grid is a small copy of render_table.c's, kept apart so that the
 * history renderers can move to the shared result description in one
 * piece.
 */
#include <stdlib.h>
#include <string.h>

#include "render_history.h"

struct grid {
	size_t ncols, nrows, cap;
	const int *left;        /* per column: left-aligned */
	struct cell {
		char *text;
		size_t width;
	} *cells;
	size_t next;            /* cells filled */
};

static void
put_text(struct grid *g, const char *text)
{
	struct cl_buf b = { 0 };
	struct cell *c;

	if (g->next == g->cap * g->ncols) {
		g->cap = g->cap ? 2 * g->cap : 16;
		g->cells = cl_xrealloc(g->cells, g->cap * g->ncols *
		    sizeof *g->cells);
	}
	c = &g->cells[g->next++];
	g->nrows = (g->next + g->ncols - 1) / g->ncols;
	cl_buf_append(&b, "", 0);
	c->width = cl_text_for_terminal(&b, text);
	c->text = b.data;
}

/* A cell already safe for the terminal (a sparkline), of `width`. */
static void
put_raw(struct grid *g, const char *text, size_t width)
{
	put_text(g, "");
	free(g->cells[g->next - 1].text);
	g->cells[g->next - 1].text = cl_xstrdup(text);
	g->cells[g->next - 1].width = width;
}

static void
put_dec(struct grid *g, cl_dec v, int decimals, const char *suffix,
    char sep)
{
	char num[CL_DEC_BUFSIZE], buf[CL_DEC_BUFSIZE + 8];

	snprintf(buf, sizeof buf, "%s%s", cl_dec_format(v, decimals, sep, num),
	    suffix);
	put_text(g, buf);
}

static void
put_load(struct grid *g, int known, cl_dec v, char sep)
{
	if (known)
		put_dec(g, v, 2, "%", sep);
	else
		put_text(g, "-");
}

static void
free_grid(struct grid *g)
{
	for (size_t i = 0; i < g->next; i++)
		free(g->cells[i].text);
	free(g->cells);
	g->cells = NULL;
	g->next = 0;
}

static void
put_count(struct grid *g, long n)
{
	char buf[24];

	snprintf(buf, sizeof buf, "%ld", n);
	put_text(g, buf);
}

static void
print_grid(struct grid *g, FILE *out)
{
	size_t *widths = cl_xcalloc(g->ncols, sizeof *widths);

	for (size_t i = 0; i < g->next; i++)
		if (g->cells[i].width > widths[i % g->ncols])
			widths[i % g->ncols] = g->cells[i].width;
	for (size_t i = 0; i < g->next; i++) {
		size_t c = i % g->ncols, gap = widths[c] - g->cells[i].width;

		if (c > 0)
			fputs("  ", out);
		if (!g->left[c])
			for (size_t k = 0; k < gap; k++)
				putc(' ', out);
		fputs(g->cells[i].text, out);
		if (c < g->ncols - 1 && g->left[c])
			for (size_t k = 0; k < gap; k++)
				putc(' ', out);
		if (c == g->ncols - 1)
			putc('\n', out);
	}
	free_grid(g);
	free(widths);
}

/* The loads as a sparkline: a bar per snapshot, a space where unknown. */
static void
put_spark(struct grid *g, const cl_dec *loads, const unsigned char *known,
    size_t n, cl_dec top, int ascii)
{
	static const char *const blocks[] = { "\xe2\x96\x81", "\xe2\x96\x82",
		"\xe2\x96\x83", "\xe2\x96\x84", "\xe2\x96\x85", "\xe2\x96\x86",
		"\xe2\x96\x87", "\xe2\x96\x88" };
	static const char marks[] = ".:-=+*#@";
	struct cl_buf b = { 0 };

	for (size_t i = 0; i < n; i++) {
		int level = cl_spark_level(loads[i], top);

		if (!known[i])
			cl_buf_putc(&b, ' ');
		else if (ascii)
			cl_buf_putc(&b, marks[level]);
		else
			cl_buf_append(&b, blocks[level], 3);
	}
	cl_buf_append(&b, "", 0);
	put_raw(g, b.data, n);
	cl_buf_free(&b);
}

static void
put_change(struct grid *g, const struct cl_trend_worker *w, char sep)
{
	char num[CL_DEC_BUFSIZE], buf[CL_DEC_BUFSIZE + 2];

	if (!w->has_change) {
		put_text(g, "-");
		return;
	}
	snprintf(buf, sizeof buf, "%s%s", w->change > 0 ? "+" : "",
	    cl_dec_format(w->change, 2, sep, num));
	put_text(g, buf);
}

static void
worker_table(const struct cl_trend *t, const struct cl_render_options *o,
    cl_dec top, FILE *out)
{
	static const int left[] = { 1, 1, 1, 0, 0, 0, 1, 0 };
	static const char *const titles[] = { "Worker", "Team", "Loads", "Load",
		"Change", "Average", "Status", "Streak" };
	struct grid g = { 8, 0, 0, left, NULL, 0 };
	size_t last = t->nsnapshots - 1, shown = 0;
	char sep = o->decimal_sep;

	for (size_t c = 0; c < 8; c++)
		put_text(&g, titles[c]);
	for (size_t i = 0; i < t->nworkers; i++) {
		const struct cl_trend_worker *w = &t->workers[i];

		if (!cl_trend_shows(w, o->only))
			continue;
		shown++;
		put_text(&g, w->worker);
		put_text(&g, w->team != NULL ? w->team : "-");
		put_spark(&g, w->loads, w->known, t->nsnapshots, top, o->ascii);
		put_load(&g, w->present && w->known[last], w->loads[last], sep);
		put_change(&g, w, sep);
		put_load(&g, w->has_average, w->average_load, sep);
		put_text(&g, w->present ? cl_load_status_name(w->status) : "-");
		put_count(&g, w->streak);
	}
	if (shown == 0) {
		free_grid(&g);
		fputs(t->nworkers > 0 ? "No worker matches --only.\n\n"
		    : "No workers.\n\n", out);
		return;
	}
	print_grid(&g, out);
	putc('\n', out);
}

static void
team_table(const struct cl_trend *t, const struct cl_render_options *o,
    cl_dec top, FILE *out)
{
	static const int left[] = { 1, 1, 0, 0 };
	static const char *const titles[] = { "Team", "Loads", "Load",
		"Average" };
	struct grid g = { 4, 0, 0, left, NULL, 0 };
	size_t last = t->nsnapshots - 1;

	for (size_t c = 0; c < 4; c++)
		put_text(&g, titles[c]);
	for (size_t i = 0; i < t->nteams; i++) {
		const struct cl_trend_team *team = &t->teams[i];

		put_text(&g, team->team != NULL ? team->team : "(no team)");
		put_spark(&g, team->loads, team->known, t->nsnapshots, top,
		    o->ascii);
		put_load(&g, team->known[last], team->loads[last],
		    o->decimal_sep);
		put_load(&g, team->has_average, team->average_load,
		    o->decimal_sep);
	}
	print_grid(&g, out);
	putc('\n', out);
}

int
cl_render_trend_table(const struct cl_trend *t,
    const struct cl_render_options *o, FILE *out)
{
	char num[CL_DEC_BUFSIZE];
	cl_dec top = cl_trend_top(t);

	if (t->nsnapshots == 0) {
		fputs("No snapshots yet: record one with caseload --record.\n",
		    out);
		return ferror(out) ? -1 : 0;
	}
	if (t->nsnapshots == 1)
		fprintf(out, "1 snapshot, %s", t->dates[0]);
	else
		fprintf(out, "%zu snapshots, %s to %s", t->nsnapshots,
		    t->dates[0], t->dates[t->nsnapshots - 1]);
	fprintf(out, "; the tallest bar is %s%%.\n\n", cl_dec_format(top, 2,
	    o->decimal_sep, num));
	if (!o->by_team)
		worker_table(t, o, top, out);
	team_table(t, o, top, out);
	return ferror(out) ? -1 : 0;
}

int
cl_render_list_table(const struct cl_snapshot_list *l,
    const struct cl_render_options *o, FILE *out)
{
	static const int left[] = { 1, 1, 0, 0, 0 };
	static const char *const titles[] = { "Date", "Files", "Workers",
		"Cases", "Points" };
	struct grid g = { 5, 0, 0, left, NULL, 0 };

	if (l->n == 0) {
		fputs("No snapshots yet: record one with caseload --record.\n",
		    out);
		return ferror(out) ? -1 : 0;
	}
	for (size_t c = 0; c < 5; c++)
		put_text(&g, titles[c]);
	for (size_t i = 0; i < l->n; i++) {
		const struct cl_snapshot_info *s = &l->snapshots[i];
		struct cl_buf files = { 0 };

		for (size_t k = 0; k < s->nfiles; k++) {
			if (k > 0)
				cl_buf_append(&files, ", ", 2);
			cl_buf_append(&files, s->files[k], strlen(s->files[k]));
		}
		cl_buf_append(&files, "", 0);
		put_text(&g, s->date);
		put_text(&g, files.data);
		put_count(&g, s->workers);
		put_count(&g, s->cases);
		put_dec(&g, s->points, CL_DEC_DIGITS, "", o->decimal_sep);
		cl_buf_free(&files);
	}
	print_grid(&g, out);
	return ferror(out) ? -1 : 0;
}
