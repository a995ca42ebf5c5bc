/*
 * xlsx_book.h - a workbook as the xlsx format writes it, over
 * libxlsxwriter: sheets with a bold, frozen, filtered header row, cells by
 * type (text is always a string, never a formula), fitted column widths,
 * status cells coloured by conditional formatting, and a bar chart on its
 * own sheet.  Not installed; only xlsx_book.c includes <xlsxwriter.h>.
 */
#ifndef CL_XLSX_BOOK_H
#define CL_XLSX_BOOK_H

#include <stdio.h>

#include "internal.h"

struct book;

/* What a column holds; it decides the cell type and number format. */
enum book_type {
	BOOK_TEXT,          /* a string cell, whatever it looks like */
	BOOK_INTEGER,       /* a number, format 0 */
	BOOK_DECIMAL,       /* a number, format General */
	BOOK_PERCENT,       /* percent points (98.75) stored as 0.9875, 0.00% */
	BOOK_STATUS,        /* a word ("over"), coloured by rule */
	BOOK_DATE,          /* a date, format yyyy-mm-dd */
	BOOK_BOOL           /* TRUE or FALSE */
};

struct book_column {
	const char *label;
	enum book_type type;
};

/*
 * A workbook built in a file in memory (or a temporary file under $TMPDIR
 * or /tmp where there is none).  `title` and `comments` go into the
 * document properties, and `made` (seconds since 1970 UTC, 0 for now) is
 * when it says it was created.  Returns NULL, with errno set, when the
 * file cannot be made.
 */
struct book *book_new(const char *title, const char *comments,
    long long made);

/*
 * Starts sheet `name` with a header row of `columns` (borrowed until the
 * next book_sheet or book_close).  Rows are then written from row 1 with
 * the book_* cell functions, column by column.
 */
void book_sheet(struct book *b, const char *name,
    const struct book_column *columns, size_t ncolumns);

/* The next cell of the current row; book_row_end ends the row. */
void book_text(struct book *b, const char *s);
void book_number(struct book *b, cl_dec v);    /* INTEGER or DECIMAL */
void book_percent(struct book *b, cl_dec pct);
void book_date(struct book *b, long days);     /* since 1970-01-01 */
void book_bool(struct book *b, int yes);
/* The status `word` (with " (note)" after it when note is not NULL);
 * every cell of the column that starts with the word gets the colour of
 * its tone by conditional formatting. */
void book_status(struct book *b, const char *word, enum cl_tone tone,
    const char *note);
void book_empty(struct book *b);
void book_row_end(struct book *b);

/*
 * A bar chart on its own sheet `name`: one bar per data row of the sheet
 * `data` (which must come before), labelled by column `label_col` and as
 * long as the percent column `value_col`; each bar coloured and patterned
 * by the tone `tones[i]` (tones NULL: all neutral), and a bold line at
 * 100 %.
 */
void book_chart(struct book *b, const char *name, const char *title,
    const char *data, size_t nrows, size_t label_col, size_t value_col,
    const enum cl_tone *tones);

/*
 * Writes the workbook, copies it to `out` and removes the temporary file;
 * frees b.  Returns 0, or -1 with errno set.
 */
int book_close(struct book *b, FILE *out);

#endif
