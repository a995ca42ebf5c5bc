/*
 * render_csv.c - CSV and TSV for spreadsheets.
 *
 * RFC 4180 quoting, and a guard against formula injection: a text cell that
 * a spreadsheet would run as a formula gets a leading apostrophe.  Numbers
 * that caseload computed are written plain, so they stay numbers.  For
 * Excel (--excel), a text of digits that Excel would make a number of
 * (a case number 00125, or one of more than 15 digits) is written as the
 * formula ="00125", as case systems write it for Excel: a text of
 * digits only, so the formula can do nothing but show it.
 */
#include <stdlib.h>
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

/* Whether Excel would read text, all digits, as a number that is not
 * what it says: a leading zero dropped, or digits past its 15 lost. */
static int
digits_excel_changes(const char *text)
{
	size_t n = strspn(text, "0123456789");

	return text[n] == '\0' && n >= 2 && (text[0] == '0' || n > 15);
}

static void
text_cell(struct sheet *s, const char *text)
{
	int quote = strchr(text, s->delim) != NULL || strpbrk(text, "\"\r\n");

	if (s->opt->excel_text && digits_excel_changes(text)) {
		separate(s);
		fprintf(s->out, "\"=\"\"%s\"\"\"", text);
		return;
	}
	separate(s);
	if (quote)
		putc('"', s->out);
	if (strchr("=+-@\t\r\n", text[0]) != NULL && text[0] != '\0')
		putc('\'', s->out);
	/* a run without quotes at a time: a diff's case list can be long */
	for (const char *p = text; *p != '\0';) {
		size_t n = strcspn(p, "\"");

		fwrite(p, 1, n, s->out);
		p += n;
		if (*p == '"') {
			fputs("\"\"", s->out);
			p++;
		}
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

/* A list as one text cell, its items joined by "; ". */
static void
list_cell(struct sheet *s, const struct cl_value *v, enum cl_type type,
    int decimals)
{
	struct cl_buf b = { 0 };
	char buf[CL_DEC_BUFSIZE];

	for (size_t i = 0; i < v->list.n; i++) {
		/* a missing number is an empty item */
		const char *item = type == CL_TYPE_TEXTS ? v->list.texts[i]
		    : v->list.known != NULL && !v->list.known[i] ? ""
		    : cl_dec_format(v->list.numbers[i], decimals,
		    s->opt->decimal_sep, buf);

		if (i > 0)
			cl_buf_append(&b, "; ", 2);
		cl_buf_append(&b, item, strlen(item));
	}
	cl_buf_append(&b, "", 0);
	text_cell(s, b.data);
	cl_buf_free(&b);
}

static void
value_cell(struct sheet *s, enum cl_type type, int decimals,
    const struct cl_value *v)
{
	char buf[CL_DATE_BUFSIZE];

	if (v->null) {
		separate(s);
		return;
	}
	switch (type) {
	case CL_TYPE_TEXT:
	case CL_TYPE_STATUS:
		text_cell(s, v->text != NULL ? v->text : "");
		break;
	case CL_TYPE_INTEGER:
		separate(s);
		fprintf(s->out, "%ld", v->integer);
		break;
	case CL_TYPE_DECIMAL:
	case CL_TYPE_PERCENT:
		number_cell(s, v->dec, decimals);
		break;
	case CL_TYPE_DATE:
		text_cell(s, cl_date_format(v->date, buf));
		break;
	case CL_TYPE_BOOL:
		text_cell(s, v->yes ? "yes" : "no");
		break;
	case CL_TYPE_TEXTS:
	case CL_TYPE_NUMBERS:
		list_cell(s, v, type, decimals);
		break;
	}
}

static void
end_row(struct sheet *s)
{
	fputs(s->opt->newline, s->out);
	s->first = 1;
}

/* A column's header: a change is two columns, NAME_before, NAME_after. */
static void
header_cell(struct sheet *s, const struct cl_column *col)
{
	struct cl_buf b = { 0 };

	if (!(col->flags & CL_COL_CHANGE)) {
		text_cell(s, col->name);
		return;
	}
	for (int after = 0; after <= 1; after++) {
		b.len = 0;
		cl_buf_append(&b, col->name, strlen(col->name));
		cl_buf_append(&b, after ? "_after" : "_before", after ? 7 : 8);
		text_cell(s, b.data);
	}
	cl_buf_free(&b);
}

static void
write_table(struct sheet *s, const struct cl_table *t)
{
	size_t *cols = cl_xcalloc(t->ncolumns ? t->ncolumns : 1, sizeof *cols);
	size_t ncols = cl_table_view(t, CL_FOR_SHEET, cols);

	for (size_t c = 0; c < ncols; c++)
		header_cell(s, &t->columns[cols[c]]);
	end_row(s);
	for (size_t r = 0; r < t->nrows; r++) {
		for (size_t c = 0; c < ncols; c++) {
			const struct cl_column *col = &t->columns[cols[c]];
			struct cl_value v[2];

			memset(v, 0, sizeof v);
			t->cell(t, r, cols[c], v);
			value_cell(s, col->type, col->decimals, &v[0]);
			if (col->flags & CL_COL_CHANGE)
				value_cell(s, col->type, col->decimals, &v[1]);
		}
		end_row(s);
	}
	free(cols);
}

/* Figures for sheets: their names, then their values. */
static void
write_figures(struct sheet *s, const struct cl_section *sec)
{
	for (size_t i = 0; i < sec->nfigures; i++)
		text_cell(s, sec->figures[i].name);
	end_row(s);
	for (size_t i = 0; i < sec->nfigures; i++)
		value_cell(s, sec->figures[i].type, sec->figures[i].decimals,
		    &sec->figures[i].value);
	end_row(s);
}

/* Each section for sheets (results have one), a blank line between. */
static int
render(const struct cl_result *res, const struct cl_render_options *opt,
    FILE *out, char delim)
{
	struct sheet s = { out, opt, delim, 1 };
	int written = 0;

	if (opt->bom)
		fputs("\xef\xbb\xbf", out);
	for (size_t i = 0; i < res->nsections; i++) {
		const struct cl_section *sec = &res->sections[i];

		if (!(sec->audiences & CL_SHOW(CL_FOR_SHEET)))
			continue;
		if (written++)
			end_row(&s);
		if (sec->table != NULL)
			write_table(&s, sec->table);
		else
			write_figures(&s, sec);
	}
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
cl_render_csv(const struct cl_result *res,
    const struct cl_render_options *opt, FILE *out)
{
	return render(res, opt, out, csv_delimiter(opt));
}

int
cl_render_tsv(const struct cl_result *res,
    const struct cl_render_options *opt, FILE *out)
{
	return render(res, opt, out, '\t');
}
