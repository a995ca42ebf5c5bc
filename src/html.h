/*
 * html.h - what the HTML format is built from: escaping, the page around
 * the results, and horizontal bar charts as inline SVG.  Not installed.
 *
 * Everything here writes to a FILE and leaves checking for write errors
 * to the caller (ferror once at the end), as the other renderers do.
 */
#ifndef CL_HTML_H
#define CL_HTML_H

#include <stdio.h>

#include "internal.h"

/*
 * Writes s as HTML text that is safe between tags and inside quoted
 * attribute values: & < > " ' become character references, and what the
 * table format makes visible (control characters, bidirectional
 * overrides, bytes that are not UTF-8) is written as the same visible
 * escapes (\x1b, \u202e), so a name can neither run script nor reorder
 * the page.  NULL writes nothing.
 */
void html_text(FILE *out, const char *s);

/*
 * Starts the page: doctype, <html lang="en">, the inline style sheet
 * (screen and A4 print), and a heading: `title` and the facts about the
 * run.  html_page_end closes it.
 */
void html_page_begin(FILE *out, const char *title,
    const struct cl_fact *facts, size_t nfacts);
void html_page_end(FILE *out);

/* The run's diagnostics as a list of FILE:LINE: message (or a line
 * saying there were none). */
void html_diagnostics(FILE *out, const struct cl_diag *diags, size_t n);

/* One bar of a chart. */
struct chart_bar {
	const char *label;              /* the worker or team */
	const char *detail;             /* after the bar, as HTML (escaped by
	                                   the caller), or NULL */
	cl_dec value;                   /* percent; the bar's length */
	int has_value;                  /* 0: no bar, "no target" */
	const char *word;               /* the status, or NULL: a neutral
	                                   grey bar */
	enum cl_tone tone;              /* the status's colour and pattern */
	int has_marker;                 /* a second mark on the same row */
	cl_dec marker;                  /* percent, e.g. cases of target */
	int has_before;                 /* a thin "before" bar above */
	cl_dec before;
};

struct chart {
	const char *title;              /* read out by screen readers */
	const char *value_name;         /* "load", in the legend */
	const char *marker_name;        /* legend text of the marker, or NULL */
	const char *before_name;        /* legend text of "before", or NULL */
	cl_dec under_pct;               /* the under line; < 0 for none */
	char decimal_sep;
	int id;                         /* unique on the page: names the
	                                   chart's patterns */
};

/*
 * Writes an inline <svg> with one horizontal bar per entry of `bars`, in
 * order: a scale from 0 %, a solid line at 100 % and a dashed one at
 * under_pct, each bar filled by the tone of its status with a colour that
 * colour-blind readers tell apart and a pattern that reads in black and
 * white (bad: stripes, warning: dots, good: solid), and the value and the
 * status's word also as words after the bar.  Bars longer than the scale are cut with an
 * arrow; the words give the value.
 */
void svg_bar_chart(FILE *out, const struct chart *chart,
    const struct chart_bar *bars, size_t nbars);

#endif
