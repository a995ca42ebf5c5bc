/*
 * render_html.c - any result as one self-contained HTML page for people:
 * a heading with the facts of the run, the lead lines, each section for
 * people (a table with its chart when it has one, or figures), the
 * closing lines and the diagnostics.
 *
 * Tables have the rows, order and labels of the table format; every text
 * goes through html_text.
 */
#include <stdlib.h>
#include <string.h>

#include "html.h"

static int
numeric(enum cl_type t)
{
	return t == CL_TYPE_INTEGER || t == CL_TYPE_DECIMAL ||
	    t == CL_TYPE_PERCENT;
}

/* A trend as a small line, lowest to highest. */
static void
sparkline(FILE *out, const cl_dec *v, size_t n)
{
	cl_dec lo = 0, hi = 0;

	for (size_t i = 0; i < n; i++) {
		if (i == 0 || v[i] < lo)
			lo = v[i];
		if (i == 0 || v[i] > hi)
			hi = v[i];
	}
	fprintf(out, "<svg class=\"spark\" xmlns=\"http://www.w3.org/2000/svg\" "
	    "width=\"%zu\" height=\"16\" viewBox=\"0 0 %zu 16\" aria-hidden="
	    "\"true\"><polyline fill=\"none\" stroke=\"#111\" "
	    "stroke-width=\"1.5\" points=\"", n * 8 + 2, n * 8 + 2);
	for (size_t i = 0; i < n; i++) {
		/* in doubles: the span of two cl_dec may not fit one */
		double share = hi > lo ? ((double)v[i] - (double)lo) /
		    ((double)hi - (double)lo) : 0.5;

		fprintf(out, "%s%zu,%d", i > 0 ? " " : "", i * 8 + 1,
		    15 - (int)(share * 14 + 0.5));
	}
	fputs("\"/></svg>", out);
}

/* One value as people read it. */
static void
value(FILE *out, const struct cl_column *col, const struct cl_value *v,
    char sep)
{
	char buf[CL_DEC_BUFSIZE + CL_DATE_BUFSIZE];

	if (v->null) {
		html_text(out, col->none != NULL ? col->none : "-");
		return;
	}
	switch (col->type) {
	case CL_TYPE_TEXT:
		html_text(out, v->text != NULL ? v->text : "");
		break;
	case CL_TYPE_STATUS:
		html_text(out, v->text != NULL ? cl_status_label(v->text) : "");
		break;
	case CL_TYPE_INTEGER:
		fprintf(out, "%ld", v->integer);
		break;
	case CL_TYPE_DECIMAL:
	case CL_TYPE_PERCENT:
		fputs(cl_dec_format(v->dec, cl_column_people_decimals(col), sep,
		    buf), out);
		if (col->type == CL_TYPE_PERCENT)
			fputs("\xc2\xa0%", out);
		break;
	case CL_TYPE_DATE:
		fputs(cl_date_format(v->date, buf), out);
		break;
	case CL_TYPE_BOOL:
		fputs(v->yes ? _("yes") : _("no"), out);
		break;
	case CL_TYPE_TEXTS:
		for (size_t i = 0; i < v->list.n; i++) {
			fputs(i > 0 ? "; " : "", out);
			html_text(out, v->list.texts[i]);
		}
		break;
	case CL_TYPE_NUMBERS:
		sparkline(out, v->list.numbers, v->list.n);
		break;
	}
	if (v->note != NULL) {
		fputs(" (", out);
		html_text(out, v->note);
		fputs(")", out);
	}
}

static const char *const tone_class[] = {
	[CL_TONE_NONE] = "", [CL_TONE_GOOD] = " class=\"tone-good\"",
	[CL_TONE_WARNING] = " class=\"tone-warning\"",
	[CL_TONE_BAD] = " class=\"tone-bad\"",
};

/* A cell; a change is "before → after", coloured as the after. */
static void
cell(FILE *out, const struct cl_column *col, const struct cl_value v[2],
    int first, char sep)
{
	const struct cl_value *now = col->flags & CL_COL_CHANGE ? &v[1] : &v[0];

	if (first)
		fputs("<th scope=\"row\">", out);
	else if (numeric(col->type))
		fputs("<td class=\"num\">", out);
	else
		fprintf(out, "<td%s>", col->type == CL_TYPE_STATUS &&
		    !now->null ? tone_class[now->tone] : "");
	value(out, col, &v[0], sep);
	if (col->flags & CL_COL_CHANGE) {
		fputs(" \xe2\x86\x92 ", out);
		value(out, col, &v[1], sep);
	}
	fputs(first ? "</th>" : "</td>", out);
}

static void
table(FILE *out, const struct cl_table *t, char sep)
{
	size_t *cols = cl_xcalloc(t->ncolumns + 1, sizeof *cols);
	size_t ncols = cl_table_view(t, CL_FOR_PEOPLE, cols);

	fputs("<table>\n<thead><tr>", out);
	for (size_t c = 0; c < ncols; c++) {
		const struct cl_column *col = &t->columns[cols[c]];

		fprintf(out, "<th scope=\"col\"%s>", numeric(col->type) ?
		    " class=\"num\"" : "");
		html_text(out, col->label);
		fputs("</th>", out);
	}
	fputs("</tr></thead>\n<tbody>\n", out);
	for (size_t r = 0; r < t->nrows; r++) {
		fputs("<tr>", out);
		for (size_t c = 0; c < ncols; c++) {
			struct cl_value v[2];

			memset(v, 0, sizeof v);
			t->cell(t, r, cols[c], v);
			cell(out, &t->columns[cols[c]], v, c == 0, sep);
		}
		fputs("</tr>\n", out);
	}
	fputs("</tbody>\n</table>\n", out);
	free(cols);
}

/* ---- charts ---- */

/* Column `c` of row r: its value, or the "after" of a change. */
static struct cl_value
read_cell(const struct cl_table *t, size_t r, int c, struct cl_value *before)
{
	struct cl_value v[2];

	memset(v, 0, sizeof v);
	t->cell(t, r, (size_t)c, v);
	if (before != NULL)
		*before = v[0];
	return t->columns[c].flags & CL_COL_CHANGE ? v[1] : v[0];
}

static cl_dec
as_dec(const struct cl_column *col, const struct cl_value *v)
{
	return col->type == CL_TYPE_INTEGER ? CL_DEC(v->integer) : v->dec;
}

/* "Points 131.5 of 120, Cases 22 of 25" from the chart's pairs, as
 * HTML. */
static char *
detail(const struct cl_table *t, const struct cl_chart *ch, size_t r,
    char sep)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	if (f == NULL)
		cl_out_of_memory();
	for (size_t i = 0; ch->details[i] >= 0; i += 2) {
		const struct cl_column *col = &t->columns[ch->details[i]];
		struct cl_value v[2];

		memset(v, 0, sizeof v);
		t->cell(t, r, (size_t)ch->details[i], v);
		fputs(i > 0 ? ", " : "", f);
		html_text(f, col->label);
		putc(' ', f);
		/* of a change, the after: the bar shows the before */
		value(f, col, col->flags & CL_COL_CHANGE ? &v[1] : &v[0], sep);
		if (ch->details[i + 1] >= 0) {
			struct cl_value target = read_cell(t, r,
			    ch->details[i + 1], NULL);

			/* TRANSLATORS: in a chart's detail, "Points 131.5
			 * of 120": a value of its target */
			fprintf(f, " %s ", C_("chart", "of"));
			value(f, &t->columns[ch->details[i + 1]], &target, sep);
		}
	}
	if (fclose(f) != 0)
		cl_out_of_memory();
	return text;
}

static void
chart(FILE *out, const struct cl_table *t, const struct cl_chart *ch,
    char sep, int id)
{
	struct chart_bar *bars = cl_xcalloc(t->nrows + 1, sizeof *bars);
	/* TRANSLATORS: the legend of a chart's thin grey bars: the load
	 * before (the old list, before the moves) */
	struct chart c = { _(ch->title), t->columns[ch->value].label,
		ch->mark_label != NULL ? _(ch->mark_label) : NULL,
		C_("chart", "before"), ch->under_pct, sep, id };

	for (size_t r = 0; r < t->nrows; r++) {
		struct chart_bar *b = &bars[r];
		struct cl_value before, v = read_cell(t, r, ch->value, &before);
		struct cl_value name = read_cell(t, r, ch->label, NULL);

		b->label = !name.null ? name.text : t->columns[ch->label].none
		    != NULL ? t->columns[ch->label].none : "-";
		b->value = v.dec;
		b->has_value = !v.null;
		if (t->columns[ch->value].flags & CL_COL_CHANGE) {
			b->has_before = !before.null;
			b->before = before.dec;
		}
		if (ch->status >= 0) {
			struct cl_value s = read_cell(t, r, ch->status, NULL);

			b->word = s.null ? NULL : s.text;
			b->tone = s.tone;
		}
		if (ch->mark >= 0 && ch->mark_target >= 0) {
			struct cl_value m = read_cell(t, r, ch->mark, NULL);
			struct cl_value mt = read_cell(t, r, ch->mark_target,
			    NULL);
			cl_dec target = as_dec(&t->columns[ch->mark_target], &mt);

			b->has_marker = !m.null && !mt.null && target > 0;
			if (b->has_marker)
				b->marker = cl_dec_ratio(as_dec(
				    &t->columns[ch->mark], &m), target, 1);
		}
		if (ch->details != NULL)
			b->detail = detail(t, ch, r, sep);
	}
	svg_bar_chart(out, &c, bars, t->nrows);
	for (size_t r = 0; r < t->nrows; r++)
		free((char *)bars[r].detail);
	free(bars);
}

/* ---- sections ---- */

static void
figures(FILE *out, const struct cl_section *s, char sep)
{
	fputs("<dl class=\"figures\">\n", out);
	for (size_t i = 0; i < s->nfigures; i++) {
		const struct cl_figure *f = &s->figures[i];
		struct cl_column col = { f->name, f->label, f->type, f->decimals,
			0, NULL };

		fputs("<dt>", out);
		html_text(out, f->label);
		fputs("</dt><dd>", out);
		value(out, &col, &f->value, sep);
		fputs("</dd>\n", out);
	}
	fputs("</dl>\n", out);
}

static void
section(FILE *out, const struct cl_section *s, char sep, int *charts)
{
	const struct cl_table *t = s->table;

	fputs("<section", out);
	if (s->name != NULL) {
		fputs(" id=\"", out);
		html_text(out, s->name);
		putc('"', out);
	}
	fputs(">\n", out);
	if (s->label != NULL) {
		fputs("<h2>", out);
		html_text(out, s->label);
		fputs("</h2>\n", out);
	}
	if (t == NULL) {
		figures(out, s, sep);
	} else if (t->nrows == 0 && t->empty != NULL) {
		fputs("<p>", out);
		html_text(out, t->empty);
		fputs("</p>\n", out);
	} else {
		if (t->chart != NULL && t->nrows > 0)
			chart(out, t, t->chart, sep, ++*charts);
		table(out, t, sep);
	}
	fputs("</section>\n", out);
}

static void
paragraphs(FILE *out, const char *const *lines, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		fputs("<p>", out);
		html_text(out, lines[i]);
		fputs("</p>\n", out);
	}
}

int
cl_render_html(const struct cl_result *res,
    const struct cl_render_options *opt, FILE *out)
{
	int charts = 0;

	html_page_begin(out, res->title, res->facts, res->nfacts);
	paragraphs(out, res->lead, res->nlead);
	for (size_t i = 0; i < res->nsections; i++)
		if (res->sections[i].audiences & CL_SHOW(CL_FOR_PEOPLE))
			section(out, &res->sections[i], opt->decimal_sep,
			    &charts);
	if (res->nlines > 0) {
		fputs("<section id=\"summary\">\n", out);
		paragraphs(out, res->lines, res->nlines);
		fputs("</section>\n", out);
	}
	html_diagnostics(out, res->diags, res->ndiags);
	html_page_end(out);
	return ferror(out) ? -1 : 0;
}
