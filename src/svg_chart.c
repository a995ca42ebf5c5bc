/*
 * svg_chart.c - horizontal bar charts as inline SVG, for the HTML page.
 *
 * A chart must read on a black-and-white printout and for a reader who
 * cannot tell red from green, so status is said three ways: colour (the
 * Okabe-Ito palette, made for colour-blind readers), pattern (stripes,
 * dots, solid) and the word after the bar.
 */
#include <stdlib.h>
#include <string.h>

#include "html.h"

/* Geometry in pixels of the viewBox; the page scales it to fit. */
#define WIDTH 1040L
#define LABEL_RIGHT 202L         /* labels end here */
#define PLOT_LEFT 210L
#define PLOT_WIDTH 400L
#define PLOT_RIGHT (PLOT_LEFT + PLOT_WIDTH)
#define DETAIL_LEFT (PLOT_RIGHT + 14)
#define TOP 30L
#define ROW 24L
#define ROW_BEFORE 32L
#define BAR 14L
#define THIN 6L
#define LABEL_CHARS 30

/* A tone's pattern; a value without a tone is drawn as good. */
static const char *const tone_name[] = {
	[CL_TONE_NONE] = "good", [CL_TONE_GOOD] = "good",
	[CL_TONE_WARNING] = "warning", [CL_TONE_BAD] = "bad",
};

/* The scale's end in whole percent: room for 120 % at least, then steps
 * of 20 up to 200 %; longer bars are cut. */
static long
scale_end(const struct chart *c, const struct chart_bar *bars, size_t n)
{
	cl_dec most = CL_DEC(120);
	long end;

	if (c->under_pct > most)
		most = c->under_pct;
	for (size_t i = 0; i < n; i++) {
		if (bars[i].has_value && bars[i].value > most)
			most = bars[i].value;
		if (bars[i].has_marker && bars[i].marker > most)
			most = bars[i].marker;
		if (bars[i].has_before && bars[i].before > most)
			most = bars[i].before;
	}
	end = (long)((most + CL_DEC(20) - 1) / CL_DEC(20)) * 20;
	return end > 200 ? 200 : end;
}

/* Tenths of a pixel from the plot's left edge for pct, at most the
 * plot's width. */
static long
x_of(cl_dec pct, long end)
{
	if (pct <= 0)
		return 0;
	if (pct >= (cl_dec)end * CL_DEC_SCALE)
		return PLOT_WIDTH * 10;
	return (long)(pct * PLOT_WIDTH * 10 / ((cl_dec)end * CL_DEC_SCALE));
}

/* Pixels in tenths, as SVG wants them: "215.5". */
static void
px(FILE *out, long tenths)
{
	fprintf(out, "%ld.%ld", tenths / 10, tenths % 10);
}

static void
pct(FILE *out, cl_dec v, char sep)
{
	char buf[CL_DEC_BUFSIZE];

	fprintf(out, "%s %%", cl_dec_format(v, 2, sep, buf));
}

static void
patterns(FILE *out, int id)
{
	fprintf(out, "<defs>\n"
	    "<pattern id=\"c%d-bad\" width=\"6\" height=\"6\" "
	    "patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
	    "<rect width=\"6\" height=\"6\" fill=\"#D55E00\"/>"
	    "<rect width=\"2\" height=\"6\" fill=\"#fff\"/></pattern>\n"
	    "<pattern id=\"c%d-warning\" width=\"5\" height=\"5\" "
	    "patternUnits=\"userSpaceOnUse\">"
	    "<rect width=\"5\" height=\"5\" fill=\"#0072B2\"/>"
	    "<circle cx=\"2.5\" cy=\"2.5\" r=\"1.3\" fill=\"#fff\"/></pattern>\n"
	    "<pattern id=\"c%d-good\" width=\"4\" height=\"4\" "
	    "patternUnits=\"userSpaceOnUse\">"
	    "<rect width=\"4\" height=\"4\" fill=\"#009E73\"/></pattern>\n"
	    "</defs>\n", id, id, id);
}

/* The label, cut to LABEL_CHARS characters with an ellipsis (the
 * bar's <title> has it whole). */
static void
short_label(FILE *out, const char *s)
{
	size_t len = strlen(s), i = 0, chars = 0;

	while (i < len && chars < LABEL_CHARS - 1) {
		uint32_t cp;

		i += cl_utf8_decode(s + i, len - i, &cp);
		chars++;
	}
	if (i >= len || len - i <= 3) {	/* one more character fits */
		html_text(out, s);
		return;
	}
	{
		char *cut = cl_xstrndup(s, i);

		html_text(out, cut);
		free(cut);
	}
	fputs("\xe2\x80\xa6", out);
}

static void
diamond(FILE *out, long x, long y)
{
	fputs("<path class=\"marker\" d=\"M", out);
	px(out, x);
	fprintf(out, " %ld l5 5 l-5 5 l-5 -5 z\" fill=\"#111\" "
	    "stroke=\"#fff\" stroke-width=\"1\"/>", y - 5);
}

static void
bar_rect(FILE *out, long x_tenths, long y, int height, const char *fill)
{
	fputs("<rect x=\"" , out);
	px(out, PLOT_LEFT * 10);
	fprintf(out, "\" y=\"%ld\" width=\"", y);
	px(out, x_tenths);
	fprintf(out, "\" height=\"%d\" fill=\"%s\" stroke=\"#111\" "
	    "stroke-width=\"0.6\"/>", height, fill);
}

static void
one_bar(FILE *out, const struct chart *c, const struct chart_bar *b,
    long end, long y, int row)
{
	long mid = y + row / 2;
	long bar_top = mid - BAR / 2 + (b->has_before ? THIN / 2 + 1 : 0);
	char fill[32];

	/* the status in the run's language; data-status keeps its name */
	const char *word = b->word != NULL ? cl_status_label(b->word) : "";

	fputs("<g class=\"bar\" data-status=\"", out);
	html_text(out, b->word != NULL ? b->word : "none");
	fputs("\"><title>", out);
	html_text(out, b->label);
	/* "Anna Berg: Load 109.58 %, over": the figure's name before it,
	 * so that no language reads "109.58 % Load" */
	fprintf(out, ": %s ", c->value_name);
	if (b->has_before) {
		pct(out, b->before, c->decimal_sep);
		fputs(" \xe2\x86\x92 ", out);
	}
	if (b->has_value)
		pct(out, b->value, c->decimal_sep);
	else
		/* TRANSLATORS: a chart's bar of a worker without targets */
		html_text(out, _("no target"));
	fputs(*word ? ", " : "", out);
	html_text(out, word);
	if (b->detail != NULL)
		fprintf(out, "; %s", b->detail);
	fprintf(out, "</title>\n<text class=\"label\" x=\"%ld\" y=\"%ld\" "
	    "text-anchor=\"end\">", LABEL_RIGHT, mid + 4);
	short_label(out, b->label);
	fputs("</text>", out);
	if (b->has_before && b->before > 0) {
		bar_rect(out, x_of(b->before, end), bar_top - THIN - 2, THIN,
		    "#bbbbbb");
	}
	if (b->word == NULL)
		snprintf(fill, sizeof fill, "#999999");
	else
		snprintf(fill, sizeof fill, "url(#c%d-%s)", c->id,
		    tone_name[b->tone]);
	if (b->has_value && b->value > 0)
		bar_rect(out, x_of(b->value, end), bar_top, BAR, fill);
	if (b->has_value && x_of(b->value, end) >= PLOT_WIDTH * 10)
		fprintf(out, "<path class=\"cut\" d=\"M%ld %ld l8 %ld l-8 %ld z\" "
		    "fill=\"#111\"/>", PLOT_RIGHT + 2, bar_top, BAR / 2,
		    BAR / 2);
	if (b->has_marker)
		diamond(out, PLOT_LEFT * 10 + x_of(b->marker, end), mid +
		    (b->has_before ? THIN / 2 + 1 : 0));
	fprintf(out, "\n<text class=\"detail\" x=\"%ld\" y=\"%ld\">",
	    DETAIL_LEFT, mid + 4);
	if (b->has_before) {
		pct(out, b->before, c->decimal_sep);
		fputs(" \xe2\x86\x92 ", out);
	}
	if (b->has_value)
		pct(out, b->value, c->decimal_sep);
	else
		/* TRANSLATORS: a chart's bar of a worker without targets */
		html_text(out, _("no target"));
	fputs(*word ? " " : "", out);
	html_text(out, word);
	if (b->detail != NULL)
		fprintf(out, " \xc2\xb7 %s", b->detail);
	fputs("</text></g>\n", out);
}

/* A vertical line across the rows at pct, its label above. */
static void
ref_line(FILE *out, cl_dec at, long end, long bottom, const char *dash,
    const char *anchor, const char *label, char sep)
{
	long x = PLOT_LEFT * 10 + x_of(at, end);

	fputs("<line class=\"ref\" x1=\"", out);
	px(out, x);
	fprintf(out, "\" y1=\"%ld\" x2=\"", TOP - 6);
	px(out, x);
	fprintf(out, "\" y2=\"%ld\" stroke=\"#111\" stroke-width=\"1.5\"%s/>"
	    "<text x=\"", bottom, dash);
	px(out, x);
	fprintf(out, "\" y=\"%ld\" text-anchor=\"%s\">", TOP - 10, anchor);
	html_text(out, label);
	fputs(*label ? " " : "", out);
	pct(out, at, sep);
	fputs("</text>\n", out);
}

static void
swatch(FILE *out, int id, enum cl_tone tone, const char *word, long x,
    long y)
{
	fprintf(out, "<rect x=\"%ld\" y=\"%ld\" width=\"22\" height=\"12\" "
	    "fill=\"url(#c%d-%s)\" stroke=\"#111\" stroke-width=\"0.6\"/>"
	    "<text x=\"%ld\" y=\"%ld\">", x, y, id, tone_name[tone], x + 28,
	    y + 10);
	html_text(out, word);
	fputs("</text>\n", out);
}

/* The statuses the bars have, one swatch each, bad first; then the
 * "before" bar and the mark. */
static void
legend(FILE *out, const struct chart *c, const struct chart_bar *bars,
    size_t n, int with_marker, int with_before, long y)
{
	static const enum cl_tone order[] = { CL_TONE_BAD, CL_TONE_GOOD,
		CL_TONE_NONE, CL_TONE_WARNING };
	long x = PLOT_LEFT;
	int any = 0;

	fputs("<g class=\"legend\">\n", out);
	for (size_t t = 0; t < sizeof order / sizeof *order; t++)
		for (size_t i = 0; i < n; i++) {
			size_t k = 0;

			if (bars[i].word == NULL || bars[i].tone != order[t])
				continue;
			/* each word once */
			while (k < i && (bars[k].word == NULL ||
			    strcmp(bars[k].word, bars[i].word) != 0))
				k++;
			if (k < i)
				continue;
			swatch(out, c->id, order[t],
			    cl_status_label(bars[i].word), x, y);
			x += 40 + 7 * (long)strlen(cl_status_label(
			    bars[i].word));
			any = 1;
		}
	if (with_before) {
		fprintf(out, "<rect x=\"%ld\" y=\"%ld\" width=\"22\" "
		    "height=\"%ld\" fill=\"#bbbbbb\" stroke=\"#111\" "
		    "stroke-width=\"0.6\"/><text x=\"%ld\" y=\"%ld\">",
		    x, y + 3, THIN, x + 28, y + 10);
		html_text(out, c->before_name);
		fputs("</text>\n", out);
		any = 1;
	}
	if (any)
		y += 22;
	if (with_marker) {
		diamond(out, (PLOT_LEFT + 11) * 10, y + 6);
		fprintf(out, "<text x=\"%ld\" y=\"%ld\">", PLOT_LEFT + 28,
		    y + 10);
		html_text(out, c->marker_name);
		fputs("</text>\n", out);
	}
	fputs("</g>\n", out);
}

void
svg_bar_chart(FILE *out, const struct chart *c, const struct chart_bar *bars,
    size_t n)
{
	long end = scale_end(c, bars, n), y = TOP, height;
	int with_marker = 0, with_before = 0, with_status = 0;

	for (size_t i = 0; i < n; i++) {
		with_status |= bars[i].word != NULL;
		with_marker |= bars[i].has_marker;
		with_before |= bars[i].has_before;
		y += bars[i].has_before ? ROW_BEFORE : ROW;
	}
	height = y + 24 + (with_status || with_before ? 22 : 0) +
	    (with_marker ? 22 : 0);
	fprintf(out, "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" "
	    "role=\"img\" viewBox=\"0 0 %ld %ld\" width=\"%ld\" height=\"%ld\" "
	    "aria-labelledby=\"c%d-title\">\n<title id=\"c%d-title\">",
	    WIDTH, height, WIDTH, height, c->id, c->id);
	html_text(out, c->title);
	fputs("</title>\n", out);
	patterns(out, c->id);
	for (long t = 20; t < end; t += 20) {
		long x = PLOT_LEFT * 10 + x_of(CL_DEC(t), end);

		fputs("<line class=\"grid\" x1=\"", out);
		px(out, x);
		fprintf(out, "\" y1=\"%ld\" x2=\"", TOP);
		px(out, x);
		fprintf(out, "\" y2=\"%ld\" stroke=\"#ddd\"/>\n", y);
	}
	fprintf(out, "<line x1=\"%ld\" y1=\"%ld\" x2=\"%ld\" y2=\"%ld\" "
	    "stroke=\"#111\"/>\n", PLOT_LEFT, TOP - 6, PLOT_LEFT, y);
	/* the scale under the bars; the lines are named above them */
	for (long t = 0; t <= end; t += end > 120 ? 40 : 20) {
		fputs("<text class=\"tick\" x=\"", out);
		px(out, PLOT_LEFT * 10 + x_of(CL_DEC(t), end));
		fprintf(out, "\" y=\"%ld\" text-anchor=\"middle\">%ld %%</text>\n",
		    y + 14, t);
	}
	y = TOP;
	for (size_t i = 0; i < n; i++) {
		int row = bars[i].has_before ? ROW_BEFORE : ROW;

		one_bar(out, c, &bars[i], end, y, row);
		y += row;
	}
	if (c->under_pct >= 0 && c->under_pct < CL_DEC(100))
		ref_line(out, c->under_pct, end, y, " stroke-dasharray=\"5 3\"",
		    "end", cl_status_label("under"), c->decimal_sep);
	ref_line(out, CL_DEC(100), end, y, "", "start", "", c->decimal_sep);
	legend(out, c, bars, n, with_marker, with_before, y + 26);
	fputs("</svg>\n", out);
}
