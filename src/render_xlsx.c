/*
 * render_xlsx.c - any result as an Excel workbook for people: a sheet per
 * table shown to people (its labels, a change as two columns), a sheet of
 * diagnostics, a sheet about the run, and a chart sheet per table that has
 * a chart.
 *
 * A spreadsheet in a Danish or Swedish locale reads "131.5" in a CSV as
 * text; a workbook holds numbers, whatever the locale.
 */
#include <stdlib.h>
#include <string.h>

#include "xlsx_book.h"

/* Excel's limits on sheet names: 31 characters, none of []:*?/\ . */
static void
sheet_name(char *buf, size_t size, const char *label)
{
	size_t n = 0, chars = 0;

	for (const char *p = label; *p != '\0' && n + 1 < size; p++) {
		if ((*p & 0xc0) != 0x80 && chars++ == 31)
			break;
		if (strchr("[]:*?/\\", *p) != NULL)
			buf[n++] = '-';
		else
			buf[n++] = *p;
	}
	buf[n] = '\0';
}

static enum book_type
book_type_of(enum cl_type t)
{
	switch (t) {
	case CL_TYPE_INTEGER:
		return BOOK_INTEGER;
	case CL_TYPE_DECIMAL:
		return BOOK_DECIMAL;
	case CL_TYPE_PERCENT:
		return BOOK_PERCENT;
	case CL_TYPE_STATUS:
		return BOOK_STATUS;
	case CL_TYPE_DATE:
		return BOOK_DATE;
	case CL_TYPE_BOOL:
		return BOOK_BOOL;
	default:
		return BOOK_TEXT;
	}
}

/* Lists as one text: "a; b" or "1; 2.5". */
static void
list_text(struct book *b, const struct cl_column *col,
    const struct cl_value *v)
{
	struct cl_buf t = { 0 };
	char num[CL_DEC_BUFSIZE];

	for (size_t i = 0; i < v->list.n; i++) {
		const char *s = col->type == CL_TYPE_TEXTS ? v->list.texts[i]
		    : cl_dec_format(v->list.numbers[i], col->decimals, '.', num);

		if (i > 0)
			cl_buf_append(&t, "; ", 2);
		cl_buf_append(&t, s, strlen(s));
	}
	cl_buf_append(&t, "", 1);
	book_text(b, t.data);
	cl_buf_free(&t);
}

static void
write_value(struct book *b, const struct cl_column *col,
    const struct cl_value *v)
{
	if (v->null) {
		if (col->type == CL_TYPE_TEXT && col->none != NULL)
			book_text(b, col->none);
		else
			book_empty(b);
		return;
	}
	switch (col->type) {
	case CL_TYPE_INTEGER:
		book_number(b, CL_DEC(v->integer));
		break;
	case CL_TYPE_DECIMAL:
		book_number(b, v->dec);
		break;
	case CL_TYPE_PERCENT:
		book_percent(b, v->dec);
		break;
	case CL_TYPE_STATUS:
		/* the people's word: colour rules follow the text */
		book_status(b, cl_status_label(v->text), v->tone, v->note);
		break;
	case CL_TYPE_DATE:
		book_date(b, v->date);
		break;
	case CL_TYPE_BOOL:
		book_bool(b, v->yes);
		break;
	case CL_TYPE_TEXTS:
	case CL_TYPE_NUMBERS:
		list_text(b, col, v);
		break;
	default:
		book_text(b, v->text != NULL ? v->text : "");
	}
}

/* The sheet's columns: the people's view, a change as two columns. */
struct layout {
	size_t *cols;               /* the table's columns shown */
	size_t ncols;
	struct book_column *sheet;  /* the sheet's columns */
	size_t nsheet;
	char **labels;              /* owned labels of before/after */
	size_t nlabels;
	size_t *at;                 /* per table column: its (last) sheet
	                               column, or (size_t)-1 */
};

static char *
joined(const char *a, const char *b)
{
	struct cl_buf s = { 0 };

	cl_buf_append(&s, a, strlen(a));
	cl_buf_append(&s, b, strlen(b) + 1);
	return s.data;
}

/*
 * A filter list or a formula names a column by its header, so two
 * columns called "Max" (of cases, of points) become "Max (Cases)" and
 * "Max (Points)", after the column before each.
 */
static void
distinct_labels(struct layout *l)
{
	int *twice = cl_xcalloc(l->nsheet + 1, sizeof *twice);

	for (size_t c = 0; c < l->nsheet; c++)
		for (size_t k = 0; k < l->nsheet; k++)
			if (k != c && strcmp(l->sheet[k].label,
			    l->sheet[c].label) == 0)
				twice[c] = 1;
	for (size_t c = 1; c < l->nsheet; c++) {
		char *a, *b;

		if (!twice[c])
			continue;
		a = joined(l->sheet[c].label, " (");
		b = joined(a, l->sheet[c - 1].label);
		free(a);
		l->labels[l->nlabels++] = joined(b, ")");
		free(b);
		l->sheet[c].label = l->labels[l->nlabels - 1];
	}
	free(twice);
}

static void
lay_out(struct layout *l, const struct cl_table *t)
{
	memset(l, 0, sizeof *l);
	l->cols = cl_xcalloc(t->ncolumns + 1, sizeof *l->cols);
	l->ncols = cl_table_view(t, CL_FOR_PEOPLE, l->cols);
	l->sheet = cl_xcalloc(2 * l->ncols + 1, sizeof *l->sheet);
	l->labels = cl_xcalloc(3 * l->ncols + 1, sizeof *l->labels);
	l->at = cl_xcalloc(t->ncolumns + 1, sizeof *l->at);
	for (size_t c = 0; c < t->ncolumns; c++)
		l->at[c] = (size_t)-1;
	for (size_t c = 0; c < l->ncols; c++) {
		const struct cl_column *col = &t->columns[l->cols[c]];
		enum book_type type = book_type_of(col->type);

		if (col->flags & CL_COL_CHANGE) {
			l->labels[l->nlabels++] = joined(col->label, " before");
			l->sheet[l->nsheet++] = (struct book_column){
				l->labels[l->nlabels - 1], type };
			l->labels[l->nlabels++] = joined(col->label, " after");
			l->sheet[l->nsheet] = (struct book_column){
				l->labels[l->nlabels - 1], type };
		} else {
			l->sheet[l->nsheet] = (struct book_column){ col->label,
				type };
		}
		l->at[l->cols[c]] = l->nsheet++;
	}
	distinct_labels(l);
}

static void
free_layout(struct layout *l)
{
	for (size_t i = 0; i < l->nlabels; i++)
		free(l->labels[i]);
	free(l->labels);
	free(l->sheet);
	free(l->cols);
	free(l->at);
}

/* The table as a sheet; then its chart, when it has one and rows. */
static void
table_sheet(struct book *b, const struct cl_section *s, struct layout *l)
{
	const struct cl_table *t = s->table;
	char name[128];

	sheet_name(name, sizeof name, s->label != NULL ? s->label : s->name);
	book_sheet(b, name, l->sheet, l->nsheet);
	for (size_t r = 0; r < t->nrows; r++) {
		for (size_t c = 0; c < l->ncols; c++) {
			const struct cl_column *col = &t->columns[l->cols[c]];
			struct cl_value v[2];

			memset(v, 0, sizeof v);
			t->cell(t, r, l->cols[c], v);
			write_value(b, col, &v[0]);
			if (col->flags & CL_COL_CHANGE)
				write_value(b, col, &v[1]);
		}
		book_row_end(b);
	}
}

static void
chart_sheet(struct book *b, const struct cl_section *s,
    const struct layout *l)
{
	const struct cl_table *t = s->table;
	const struct cl_chart *ch = t->chart;
	enum cl_tone *tones = NULL;
	char name[128], data[128];

	if (ch == NULL || t->nrows == 0 || l->at[ch->label] == (size_t)-1 ||
	    l->at[ch->value] == (size_t)-1)
		return;
	if (ch->status >= 0) {
		tones = cl_xcalloc(t->nrows, sizeof *tones);
		for (size_t r = 0; r < t->nrows; r++) {
			struct cl_value v[2];

			memset(v, 0, sizeof v);
			t->cell(t, r, (size_t)ch->status, v);
			tones[r] = t->columns[ch->status].flags & CL_COL_CHANGE ?
			    v[1].tone : v[0].tone;
		}
	}
	sheet_name(data, sizeof data, s->label != NULL ? s->label : s->name);
	sheet_name(name, sizeof name, _(ch->title));
	book_chart(b, name, _(ch->title), data, t->nrows, l->at[ch->label],
	    l->at[ch->value], tones);
	free(tones);
}

static void
diagnostics(struct book *b, const struct cl_result *res)
{
	/* the book borrows them until its next sheet: static, in the
	 * language of the run */
	static struct book_column columns[4];
	/* TRANSLATORS: a message's level on the workbook's Diagnostics sheet */
	const char *const level[] = { C_("level", "note"),
		C_("level", "warning"), C_("level", "error") };

	/* TRANSLATORS: the columns of the workbook's Diagnostics sheet */
	columns[0] = (struct book_column){ C_("sheet", "File"), BOOK_TEXT };
	columns[1] = (struct book_column){ C_("sheet", "Line"), BOOK_INTEGER };
	columns[2] = (struct book_column){ C_("sheet", "Level"), BOOK_TEXT };
	columns[3] = (struct book_column){ C_("sheet", "Message"), BOOK_TEXT };

	book_sheet(b, _("Diagnostics"), columns, 4);
	for (size_t i = 0; i < res->ndiags; i++) {
		const struct cl_diag *d = &res->diags[i];

		book_text(b, d->file != NULL ? d->file : "");
		if (d->line > 0)
			book_number(b, CL_DEC(d->line));
		else
			book_empty(b);
		book_text(b, level[d->severity]);
		book_text(b, d->message);
		book_row_end(b);
	}
}

/* The facts of the run, the figures and the lines for people. */
static void
about(struct book *b, const struct cl_result *res)
{
	static struct book_column columns[2];	/* borrowed, as above */

	/* TRANSLATORS: the workbook's sheet of the run's facts */
	columns[0] = (struct book_column){ C_("sheet", "About"), BOOK_TEXT };
	columns[1] = (struct book_column){ "", BOOK_TEXT };

	book_sheet(b, C_("sheet", "About"), columns, 2);
	for (size_t i = 0; i < res->nfacts; i++) {
		book_text(b, res->facts[i].label);
		book_text(b, res->facts[i].text);
		book_row_end(b);
	}
	for (size_t i = 0; i < res->nsections; i++) {
		const struct cl_section *s = &res->sections[i];

		if (s->table != NULL ||
		    !(s->audiences & CL_SHOW(CL_FOR_PEOPLE)))
			continue;
		for (size_t k = 0; k < s->nfigures; k++) {
			const struct cl_figure *f = &s->figures[k];
			struct cl_column col = { f->name, f->label, f->type,
				f->decimals, 0, NULL };

			book_text(b, f->label);
			write_value(b, &col, &f->value);
			book_row_end(b);
		}
	}
	for (size_t i = 0; i < res->nlead; i++) {
		book_text(b, res->lead[i]);
		book_row_end(b);
	}
	for (size_t i = 0; i < res->nlines; i++) {
		book_text(b, res->lines[i]);
		book_row_end(b);
	}
}

static char *
comments(const struct cl_result *res)
{
	struct cl_buf c = { 0 };

	for (size_t i = 0; i < res->nfacts; i++) {
		if (i > 0)
			cl_buf_append(&c, "; ", 2);
		cl_buf_append(&c, res->facts[i].label,
		    strlen(res->facts[i].label));
		cl_buf_append(&c, ": ", 2);
		cl_buf_append(&c, res->facts[i].text,
		    strlen(res->facts[i].text));
	}
	cl_buf_append(&c, "", 1);
	return c.data;
}

/*
 * The tables first, in order (Workers, Teams; Moves, ...), then
 * Diagnostics and About, then a chart sheet per chart: Excel wants the
 * data sheets of a chart written before it.
 */
int
cl_render_xlsx(const struct cl_result *res,
    const struct cl_render_options *opt, FILE *out)
{
	char *text = comments(res);
	struct book *b = book_new(res->title, text, opt->made);
	struct layout *layouts;

	free(text);
	if (b == NULL)
		return -1;
	layouts = cl_xcalloc(res->nsections + 1, sizeof *layouts);
	for (size_t i = 0; i < res->nsections; i++) {
		const struct cl_section *s = &res->sections[i];

		if (s->table == NULL ||
		    !(s->audiences & CL_SHOW(CL_FOR_PEOPLE)))
			continue;
		lay_out(&layouts[i], s->table);
		table_sheet(b, s, &layouts[i]);
	}
	diagnostics(b, res);
	about(b, res);
	for (size_t i = 0; i < res->nsections; i++) {
		const struct cl_section *s = &res->sections[i];

		if (s->table != NULL && (s->audiences & CL_SHOW(CL_FOR_PEOPLE)))
			chart_sheet(b, s, &layouts[i]);
	}
	for (size_t i = 0; i < res->nsections; i++)
		if (layouts[i].cols != NULL)
			free_layout(&layouts[i]);
	free(layouts);
	return book_close(b, out);
}
