/*
 * render_table.c - the aligned table for people.
 *
 * Columns are aligned by display width, not bytes, so "Søren Ærø" lines up
 * with "Bo"; every cell and line is escaped so that no control character
 * or escape sequence in the data reaches the terminal.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

struct cell {
	char *text;
	size_t width;
};

static void
put_str(struct cl_buf *b, const char *s)
{
	cl_buf_append(b, s, strlen(s));
}

/*
 * Eight heights, lowest to highest, from the smallest value to the largest
 * (or over the list's own scale, the same for every row); a gap where a
 * value is missing.  ascii: ".:-=+*#@" for terminals without the blocks.
 */
static void
put_sparkline(struct cl_buf *b, const struct cl_value *v, int ascii)
{
	static const char *const bars[] = { "\u2581", "\u2582", "\u2583",
		"\u2584", "\u2585", "\u2586", "\u2587", "\u2588" };
	static const char marks[] = ".:-=+*#@";
	const cl_dec *n = v->list.numbers;
	const unsigned char *known = v->list.known;
	cl_dec lo = 0, hi = 0;
	int first = 1;

	for (size_t i = 0; i < v->list.n; i++) {
		if (known != NULL && !known[i])
			continue;
		if (first || n[i] < lo)
			lo = n[i];
		if (first || n[i] > hi)
			hi = n[i];
		first = 0;
	}
	if (v->list.scale != NULL) {
		lo = v->list.scale[0];
		hi = v->list.scale[1];
	}
	for (size_t i = 0; i < v->list.n; i++) {
		/* in doubles: the span of two cl_dec may not fit one */
		double share = hi > lo ? ((double)n[i] - (double)lo) /
		    ((double)hi - (double)lo) : 0.5;
		int level = (int)(share * 7 + 0.5);

		if (known != NULL && !known[i]) {
			put_str(b, " ");
			continue;
		}
		level = level < 0 ? 0 : level > 7 ? 7 : level;
		if (ascii)
			cl_buf_putc(b, marks[level]);
		else
			put_str(b, bars[level]);
	}
}

/* One value as people read it, unescaped. */
static void
put_value(struct cl_buf *b, const struct cl_column *col,
    const struct cl_value *v, const struct cl_render_options *opt)
{
	char sep = opt->decimal_sep;
	char buf[CL_DEC_BUFSIZE + CL_DATE_BUFSIZE];

	if (v->null) {
		put_str(b, col->none != NULL ? col->none : "-");
		return;
	}
	switch (col->type) {
	case CL_TYPE_TEXT:
		put_str(b, v->text != NULL ? v->text : "");
		break;
	case CL_TYPE_STATUS:
		put_str(b, v->text != NULL ? cl_status_label(v->text) : "");
		break;
	case CL_TYPE_INTEGER:
		snprintf(buf, sizeof buf, "%ld", v->integer);
		put_str(b, buf);
		break;
	case CL_TYPE_DECIMAL:
	case CL_TYPE_PERCENT:
		if ((col->flags & CL_COL_SIGNED) && v->dec > 0)
			put_str(b, "+");
		put_str(b, cl_dec_format(v->dec, cl_column_people_decimals(col),
		    sep, buf));
		if (col->type == CL_TYPE_PERCENT)
			put_str(b, opt->percent != NULL ? opt->percent : "%");
		break;
	case CL_TYPE_DATE:
		put_str(b, cl_date_format(v->date, buf));
		break;
	case CL_TYPE_BOOL:
		put_str(b, v->yes ? _("yes") : _("no"));
		break;
	case CL_TYPE_TEXTS:
		for (size_t i = 0; i < v->list.n; i++) {
			if (i > 0)
				put_str(b, "; ");
			put_str(b, v->list.texts[i]);
		}
		break;
	case CL_TYPE_NUMBERS:
		put_sparkline(b, v, opt->ascii);
		break;
	}
	if (v->note != NULL) {
		put_str(b, " (");
		put_str(b, v->note);
		put_str(b, ")");
	}
}

static int
left_aligned(enum cl_type t)
{
	return t != CL_TYPE_INTEGER && t != CL_TYPE_DECIMAL &&
	    t != CL_TYPE_PERCENT;
}

static void
fill(struct cell *c, const char *text)
{
	struct cl_buf b = { 0 };

	cl_buf_append(&b, "", 0);
	c->width = cl_text_for_terminal(&b, text);
	c->text = b.data;
}

static void
fill_value(struct cell *c, const struct cl_column *col,
    const struct cl_value v[2], const struct cl_render_options *opt)
{
	struct cl_buf text = { 0 };

	put_value(&text, col, &v[0], opt);
	if (col->flags & CL_COL_CHANGE) {
		put_str(&text, " \u2192 ");
		put_value(&text, col, &v[1], opt);
	}
	cl_buf_append(&text, "", 0);
	fill(c, text.data);
	cl_buf_free(&text);
}

static void
pad(FILE *out, size_t n)
{
	while (n--)
		putc(' ', out);
}

/* Prints rows x ncols cells (the first row the titles), aligned. */
static void
print_grid(FILE *out, const struct cell *cells, size_t rows, size_t ncols,
    const int *left)
{
	size_t *widths = cl_xcalloc(ncols, sizeof *widths);

	for (size_t i = 0; i < rows * ncols; i++)
		if (cells[i].width > widths[i % ncols])
			widths[i % ncols] = cells[i].width;
	for (size_t r = 0; r < rows; r++) {
		for (size_t c = 0; c < ncols; c++) {
			const struct cell *cell = &cells[r * ncols + c];
			size_t gap = widths[c] - cell->width;

			if (c > 0)
				fputs("  ", out);
			if (!left[c])
				pad(out, gap);
			fputs(cell->text, out);
			if (c < ncols - 1 && left[c]) /* no trailing spaces */
				pad(out, gap);
		}
		putc('\n', out);
	}
	free(widths);
}

static void
print_table(FILE *out, const struct cl_table *t,
    const struct cl_render_options *opt)
{
	size_t *cols = cl_xcalloc(t->ncolumns ? t->ncolumns : 1, sizeof *cols);
	size_t ncols = cl_table_view(t, CL_FOR_PEOPLE, cols);
	size_t rows = t->nrows + 1;
	struct cell *cells = cl_xcalloc(rows * ncols + 1, sizeof *cells);
	int *left = cl_xcalloc(ncols + 1, sizeof *left);

	for (size_t c = 0; c < ncols; c++) {
		const struct cl_column *col = &t->columns[cols[c]];

		left[c] = left_aligned(col->type);
		fill(&cells[c], col->label);
	}
	for (size_t r = 0; r < t->nrows; r++)
		for (size_t c = 0; c < ncols; c++) {
			struct cl_value v[2];

			memset(v, 0, sizeof v);
			t->cell(t, r, cols[c], v);
			fill_value(&cells[(r + 1) * ncols + c],
			    &t->columns[cols[c]], v, opt);
		}
	print_grid(out, cells, rows, ncols, left);
	for (size_t i = 0; i < rows * ncols; i++)
		free(cells[i].text);
	free(cells);
	free(left);
	free(cols);
}

static void
print_line(FILE *out, const char *line)
{
	struct cl_buf b = { 0 };

	cl_text_for_terminal(&b, line);
	cl_buf_putc(&b, '\n');
	fwrite(b.data, 1, b.len, out);
	cl_buf_free(&b);
}

/* Figures for people: "Label: value", one a line. */
static void
print_figures(FILE *out, const struct cl_section *s,
    const struct cl_render_options *opt)
{
	for (size_t i = 0; i < s->nfigures; i++) {
		const struct cl_figure *f = &s->figures[i];
		struct cl_column col = { f->name, f->label, f->type, f->decimals,
			0, NULL };
		struct cl_buf b = { 0 };

		put_str(&b, f->label);
		put_str(&b, ": ");
		put_value(&b, &col, &f->value, opt);
		cl_buf_append(&b, "", 0);
		print_line(out, b.data);
		cl_buf_free(&b);
	}
}

/*
 * The lead lines and a blank line, each section for people (its heading,
 * the table, or its `empty` line when it has no rows, its footer) followed
 * by a blank line, then the closing lines.
 */
int
cl_render_table(const struct cl_result *res,
    const struct cl_render_options *opt, FILE *out)
{
	for (size_t i = 0; i < res->nlead; i++)
		print_line(out, res->lead[i]);
	if (res->nlead > 0)
		putc('\n', out);
	for (size_t i = 0; i < res->nsections; i++) {
		const struct cl_section *s = &res->sections[i];

		if (!(s->audiences & CL_SHOW(CL_FOR_PEOPLE)))
			continue;
		if (s->heading != NULL)
			print_line(out, s->heading);
		if (s->table == NULL) {
			print_figures(out, s, opt);
		} else if (s->table->nrows == 0 && s->table->empty != NULL) {
			print_line(out, s->table->empty);
		} else {
			print_table(out, s->table, opt);
		}
		if (s->footer != NULL)
			print_line(out, s->footer);
		putc('\n', out);
	}
	for (size_t i = 0; i < res->nlines; i++)
		print_line(out, res->lines[i]);
	return ferror(out) ? -1 : 0;
}
