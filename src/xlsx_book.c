/*
 * xlsx_book.c - the workbook helpers of the xlsx format, over
 * libxlsxwriter (the only file that includes it).
 *
 * libxlsxwriter 1.1 writes to a named file only, so the workbook is built
 * in a temporary file and copied to the output stream: the caller's -o
 * handling (a temporary file renamed into place) stays the same for every
 * format.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#if defined(__linux__) && !defined(__EMSCRIPTEN__)
#include <sys/mman.h>
#endif
#include <unistd.h>

#include <xlsxwriter.h>

#include "xlsx_book.h"

/* Excel's longest text in a cell, in characters; we cut in bytes, less. */
#define MAX_CELL_BYTES 32000
#define MAX_WIDTH 60

struct book {
	lxw_workbook *wb;
	char path[64];
	int memfd;                      /* the file in memory, or -1 */
	lxw_error failed;
	lxw_format *header, *integer, *decimal, *percent, *text, *date;
	lxw_format *tone[4];            /* by enum cl_tone; NONE unused */
	/* the sheet being written */
	lxw_worksheet *ws;
	const struct book_column *columns;
	size_t ncolumns;
	size_t *widths;
	lxw_row_t row;
	lxw_col_t col;
	struct rule {               /* a status word seen in a column */
		lxw_col_t col;
		char *word;
		enum cl_tone tone;
	} *rules;
	size_t nrules;
};

static void
note(struct book *b, lxw_error e)
{
	if (e != LXW_NO_ERROR && b->failed == LXW_NO_ERROR)
		b->failed = e;
}

static lxw_format *
status_format(lxw_workbook *wb, lxw_color_t fill, int bold, int italic)
{
	lxw_format *f = workbook_add_format(wb);

	format_set_bg_color(f, fill);
	format_set_pattern(f, LXW_PATTERN_SOLID);
	if (bold)
		format_set_bold(f);
	if (italic)
		format_set_italic(f);
	return f;
}

/*
 * The workbook is written to a file before it is copied to the output
 * (libxlsxwriter writes a zip to a named file).  On Linux that file is
 * in memory only (memfd_create, opened by its /proc name), so the
 * workers' names never reach a disk and nothing is left when the run is
 * killed; elsewhere, or when /proc is not there, a file in TMPDIR,
 * removed once copied.  0, or -1 with errno set.
 */
static int
open_in_memory(struct book *b)
{
#if defined(__linux__) && !defined(__EMSCRIPTEN__)
	if ((b->memfd = memfd_create("caseload-xlsx", MFD_CLOEXEC)) < 0)
		return -1;
	snprintf(b->path, sizeof b->path, "/proc/self/fd/%d", b->memfd);
	if ((b->wb = workbook_new(b->path)) != NULL)
		return 0;
	close(b->memfd);
	b->memfd = -1;
#else
	(void)b;
#endif
	return -1;
}

static int
open_in_tmpdir(struct book *b)
{
	const char *dir = getenv("TMPDIR");
	int fd;

	if (dir == NULL || *dir == '\0' || strlen(dir) > 40)
		dir = "/tmp";
	snprintf(b->path, sizeof b->path, "%s/caseload-xlsx-XXXXXX", dir);
	if ((fd = mkstemp(b->path)) < 0)
		return -1;
	close(fd);
	if ((b->wb = workbook_new(b->path)) == NULL) {
		unlink(b->path);
		errno = EIO;
		return -1;
	}
	return 0;
}

struct book *
book_new(const char *title, const char *comments, long long made)
{
	struct book *b = cl_xcalloc(1, sizeof *b);
	lxw_doc_properties props;

	b->memfd = -1;
	if (open_in_memory(b) != 0 && open_in_tmpdir(b) != 0) {
		free(b);
		return NULL;
	}
	memset(&props, 0, sizeof props);
	props.title = (char *)title;
	props.comments = (char *)comments;
	props.author = (char *)"caseload " CL_VERSION;
	props.created = (time_t)made;	/* 0: libxlsxwriter's now */
	note(b, workbook_set_properties(b->wb, &props));
	b->header = workbook_add_format(b->wb);
	format_set_bold(b->header);
	format_set_bottom(b->header, LXW_BORDER_THIN);
	format_set_text_wrap(b->header);
	b->integer = workbook_add_format(b->wb);
	format_set_num_format(b->integer, "0");
	b->decimal = workbook_add_format(b->wb);
	format_set_num_format(b->decimal, "General");
	b->percent = workbook_add_format(b->wb);
	format_set_num_format(b->percent, "0.00%");
	b->text = workbook_add_format(b->wb);
	format_set_num_format(b->text, "@");
	b->date = workbook_add_format(b->wb);
	format_set_num_format(b->date, "yyyy-mm-dd");
	/* the Okabe-Ito colours of the HTML charts, lightened for text on
	 * them; bold and italic tell them apart in black and white */
	b->tone[CL_TONE_BAD] = status_format(b->wb, 0xF6C6A8, 1, 0);
	b->tone[CL_TONE_WARNING] = status_format(b->wb, 0xB9D9EE, 0, 1);
	b->tone[CL_TONE_GOOD] = status_format(b->wb, 0xBFE6D8, 0, 0);
	return b;
}

static void
add_rule(struct book *b, lxw_row_t last, lxw_col_t c, uint8_t type,
    uint8_t criteria, char *value, enum cl_tone tone)
{
	lxw_conditional_format cf;

	memset(&cf, 0, sizeof cf);
	cf.type = type;
	cf.criteria = criteria;
	cf.value_string = value;
	cf.format = b->tone[tone];
	note(b, worksheet_conditional_format_range(b->ws, 1, c, last, c, &cf));
}

/*
 * Colours the status cells by their text, so the colour follows an edit:
 * a cell that is the word, or starts with the word and a note ("over
 * (pushed over)"), gets the colour of the word's tone.
 */
static void
status_rules(struct book *b)
{
	lxw_row_t last = b->row > 1 ? b->row - 1 : 1;

	for (size_t i = 0; i < b->nrules; i++) {
		const struct rule *r = &b->rules[i];
		struct cl_buf v = { 0 };

		if (r->tone != CL_TONE_NONE) {
			cl_buf_putc(&v, '"');
			cl_buf_append(&v, r->word, strlen(r->word));
			cl_buf_append(&v, "\"", 2);
			add_rule(b, last, r->col, LXW_CONDITIONAL_TYPE_CELL,
			    LXW_CONDITIONAL_CRITERIA_EQUAL_TO, v.data, r->tone);
			v.len = 0;
			cl_buf_append(&v, r->word, strlen(r->word));
			cl_buf_append(&v, " (", 3);
			add_rule(b, last, r->col, LXW_CONDITIONAL_TYPE_TEXT,
			    LXW_CONDITIONAL_CRITERIA_TEXT_BEGINS_WITH, v.data,
			    r->tone);
		}
		cl_buf_free(&v);
		free(r->word);
	}
	free(b->rules);
	b->rules = NULL;
	b->nrules = 0;
}

static void
end_sheet(struct book *b)
{
	if (b->ws == NULL)
		return;
	worksheet_freeze_panes(b->ws, 1, 0);
	note(b, worksheet_autofilter(b->ws, 0, 0, b->row > 1 ? b->row - 1 : 0,
	    (lxw_col_t)(b->ncolumns - 1)));
	for (size_t c = 0; c < b->ncolumns; c++) {
		double w = (double)b->widths[c] + 2;

		note(b, worksheet_set_column(b->ws, (lxw_col_t)c, (lxw_col_t)c,
		    w > MAX_WIDTH ? MAX_WIDTH : w, NULL));
	}
	status_rules(b);
	free(b->widths);
	b->widths = NULL;
	b->ws = NULL;
}

/* Display width of s in a spreadsheet's character units, about. */
static size_t
width_of(const char *s)
{
	size_t len = strlen(s), i = 0, w = 0;

	while (i < len) {
		uint32_t cp;

		i += cl_utf8_decode(s + i, len - i, &cp);
		w += (size_t)(cp < 0x20 ? 4 : cl_codepoint_width(cp));
	}
	return w;
}

static void
widen(struct book *b, size_t w)
{
	if (b->col < b->ncolumns && w > b->widths[b->col])
		b->widths[b->col] = w;
}

void
book_sheet(struct book *b, const char *name,
    const struct book_column *columns, size_t ncolumns)
{
	end_sheet(b);
	b->ws = workbook_add_worksheet(b->wb, name);
	if (b->ws == NULL) {
		note(b, LXW_ERROR_MEMORY_MALLOC_FAILED);
		return;
	}
	b->columns = columns;
	b->ncolumns = ncolumns;
	b->widths = cl_xcalloc(ncolumns, sizeof *b->widths);
	b->row = 0;
	b->col = 0;
	for (size_t c = 0; c < ncolumns; c++) {
		widen(b, width_of(columns[c].label) + 2);   /* the filter button */
		note(b, worksheet_write_string(b->ws, 0, b->col, columns[c].label,
		    b->header));
		b->col++;
	}
	book_row_end(b);
}

void
book_text(struct book *b, const char *s)
{
	struct cl_buf v = { 0 };

	if (b->ws == NULL)
		return;
	/* the text the table and HTML formats show: control characters
	 * and bidirectional overrides made visible */
	cl_text_for_terminal(&v, s);
	cl_buf_append(&v, "", 1);
	if (v.len > MAX_CELL_BYTES) {
		size_t cut = MAX_CELL_BYTES;

		while (cut > 0 && ((unsigned char)v.data[cut] & 0xc0) == 0x80)
			cut--;
		memcpy(v.data + cut, "\xe2\x80\xa6", 4);
	}
	widen(b, width_of(v.data));
	/* worksheet_write_string always writes a string cell: "=1+1" or
	 * "=HYPERLINK(...)" in a name stays text */
	note(b, worksheet_write_string(b->ws, b->row, b->col, v.data,
	    b->text));
	cl_buf_free(&v);
	b->col++;
}

void
book_number(struct book *b, cl_dec v)
{
	char buf[CL_DEC_BUFSIZE];
	int integer = b->col < b->ncolumns &&
	    b->columns[b->col].type == BOOK_INTEGER;

	if (b->ws == NULL)
		return;
	widen(b, strlen(cl_dec_format(v, CL_DEC_DIGITS, '.', buf)));
	note(b, worksheet_write_number(b->ws, b->row, b->col,
	    (double)v / CL_DEC_SCALE, integer ? b->integer : b->decimal));
	b->col++;
}

void
book_percent(struct book *b, cl_dec pct)
{
	char buf[CL_DEC_BUFSIZE];

	if (b->ws == NULL)
		return;
	widen(b, strlen(cl_dec_format(pct, 2, '.', buf)) + 1);
	note(b, worksheet_write_number(b->ws, b->row, b->col,
	    (double)pct / CL_DEC_SCALE / 100, b->percent));
	b->col++;
}

void
book_date(struct book *b, long days)
{
	if (b->ws == NULL)
		return;
	widen(b, 10);
	/* Excel counts days from 1899-12-30 */
	note(b, worksheet_write_number(b->ws, b->row, b->col,
	    (double)days + 25569, b->date));
	b->col++;
}

void
book_bool(struct book *b, int yes)
{
	if (b->ws == NULL)
		return;
	widen(b, 5);
	note(b, worksheet_write_boolean(b->ws, b->row, b->col, yes, NULL));
	b->col++;
}

void
book_status(struct book *b, const char *word, enum cl_tone tone,
    const char *note_text)
{
	size_t i = 0;

	if (b->ws == NULL)
		return;
	while (i < b->nrules && (b->rules[i].col != b->col ||
	    strcmp(b->rules[i].word, word) != 0))
		i++;
	if (i == b->nrules) {
		b->rules = cl_xrealloc(b->rules, (b->nrules + 1) *
		    sizeof *b->rules);
		b->rules[b->nrules].col = b->col;
		b->rules[b->nrules].word = cl_xstrdup(word);
		b->rules[b->nrules].tone = tone;
		b->nrules++;
	}
	if (note_text == NULL) {
		book_text(b, word);
	} else {
		struct cl_buf v = { 0 };

		cl_buf_append(&v, word, strlen(word));
		cl_buf_append(&v, " (", 2);
		cl_buf_append(&v, note_text, strlen(note_text));
		cl_buf_append(&v, ")", 2);
		book_text(b, v.data);
		cl_buf_free(&v);
	}
}

void
book_empty(struct book *b)
{
	b->col++;
}

void
book_row_end(struct book *b)
{
	b->row++;
	b->col = 0;
}

static lxw_chart_point *
tone_point(enum cl_tone t)
{
	static lxw_chart_line border = { 0x111111, 0, 0.75f, 0, 0 };
	static lxw_chart_pattern over = { 0xD55E00, 0xFFFFFF,
		LXW_CHART_PATTERN_WIDE_UPWARD_DIAGONAL };
	static lxw_chart_pattern under = { 0x0072B2, 0xFFFFFF,
		LXW_CHART_PATTERN_PERCENT_50 };
	static lxw_chart_fill ok = { 0x009E73, 0, 0 };
	static lxw_chart_fill none = { 0x999999, 0, 0 };
	static lxw_chart_point points[4] = {
		[CL_TONE_NONE] = { &border, &none, NULL },
		[CL_TONE_WARNING] = { &border, NULL, &under },
		[CL_TONE_GOOD] = { &border, &ok, NULL },
		[CL_TONE_BAD] = { &border, NULL, &over },
	};

	return &points[t];
}

void
book_chart(struct book *b, const char *name, const char *title,
    const char *data, size_t nrows, size_t label_col, size_t value_col,
    const enum cl_tone *tones)
{
	lxw_chart *chart;
	lxw_chart_series *series;
	lxw_chartsheet *sheet;
	lxw_chart_line hundred = { 0x000000, 0, 2.25f, 0, 0 };
	lxw_chart_line grid = { 0xD0D0D0, 0, 0.5f, 0, 0 };

	end_sheet(b);
	if (nrows == 0)
		return;
	chart = workbook_add_chart(b->wb, LXW_CHART_BAR);
	series = chart_add_series(chart, NULL, NULL);
	chart_series_set_categories(series, data, 1, (lxw_col_t)label_col,
	    (lxw_row_t)nrows, (lxw_col_t)label_col);
	chart_series_set_values(series, data, 1, (lxw_col_t)value_col,
	    (lxw_row_t)nrows, (lxw_col_t)value_col);
	chart_series_set_name(series, _("Load"));
	if (tones != NULL) {
		lxw_chart_point **points = cl_xcalloc(nrows + 1,
		    sizeof(lxw_chart_point *));

		for (size_t i = 0; i < nrows; i++)
			points[i] = tone_point(tones[i]);
		note(b, chart_series_set_points(series, points));
		free(points);
	}
	chart_series_set_labels(series);
	chart_series_set_labels_num_format(series, "0%");
	chart_title_set_name(chart, title);
	chart_legend_set_position(chart, LXW_CHART_LEGEND_NONE);
	/* in a bar chart y is the category axis: the first worker on top,
	 * as in the sheet */
	chart_axis_set_reverse(chart->y_axis);
	/* x is the value axis: a major gridline every 100 %, drawn bold,
	 * is the 100 % line; minor gridlines every 20 % */
	chart_axis_set_min(chart->x_axis, 0);
	chart_axis_set_major_unit(chart->x_axis, 1.0);
	chart_axis_set_minor_unit(chart->x_axis, 0.2);
	chart_axis_set_num_format(chart->x_axis, "0%");
	chart_axis_major_gridlines_set_visible(chart->x_axis, LXW_TRUE);
	chart_axis_major_gridlines_set_line(chart->x_axis, &hundred);
	chart_axis_minor_gridlines_set_visible(chart->x_axis, LXW_TRUE);
	chart_axis_minor_gridlines_set_line(chart->x_axis, &grid);
	/* TRANSLATORS: the value axis of the workbook's charts */
	/* xgettext:no-c-format */
	chart_axis_set_name(chart->x_axis, _("Load (bold line: 100 %)"));
	sheet = workbook_add_chartsheet(b->wb, name);
	if (sheet == NULL)
		note(b, LXW_ERROR_MEMORY_MALLOC_FAILED);
	else
		note(b, chartsheet_set_chart(sheet, chart));
}

static int
copy_file(const char *path, FILE *out)
{
	FILE *in = fopen(path, "rb");
	char chunk[65536];
	size_t n;
	int failed = 0;

	if (in == NULL)
		return -1;
	while ((n = fread(chunk, 1, sizeof chunk, in)) > 0)
		if (fwrite(chunk, 1, n, out) != n) {
			failed = 1;
			break;
		}
	if (ferror(in))
		failed = 1;
	fclose(in);
	return failed ? -1 : 0;
}

int
book_close(struct book *b, FILE *out)
{
	int rc = 0;
	lxw_error e;

	end_sheet(b);
	e = workbook_close(b->wb);
	if (e != LXW_NO_ERROR || b->failed != LXW_NO_ERROR) {
		errno = EIO;
		rc = -1;
	} else {
		rc = copy_file(b->path, out);
	}
	{
		int saved = errno;

		if (b->memfd >= 0)
			close(b->memfd);
		else
			unlink(b->path);
		free(b);
		errno = saved;
	}
	return rc;
}
