/*
 * html_page.c - the page around the HTML results: escaping, the style
 * sheet, the heading and the diagnostics.
 *
 * The page is one file that needs nothing else: the style is inline, the
 * charts are inline SVG, and there is no script, so it opens the same
 * from a mail attachment, a USB stick or a shared folder, offline.
 */
#include <string.h>

#include "html.h"

void
html_text(FILE *out, const char *s)
{
	struct cl_buf b = { 0 };

	if (s == NULL)
		return;
	/* the same visible text as the table format: no control character,
	 * no bidirectional override, no stray byte reaches the page */
	cl_text_for_terminal(&b, s);
	for (size_t i = 0; i < b.len; i++) {
		switch (b.data[i]) {
		case '&':
			fputs("&amp;", out);
			break;
		case '<':
			fputs("&lt;", out);
			break;
		case '>':
			fputs("&gt;", out);
			break;
		case '"':
			fputs("&quot;", out);
			break;
		case '\'':
			fputs("&#39;", out);
			break;
		default:
			putc(b.data[i], out);
		}
	}
	cl_buf_free(&b);
}

/*
 * Screen: a readable column.  Print: A4 portrait with 15 mm margins,
 * colours kept (the patterns carry the meaning when they are not),
 * tables not split inside a row, headings kept with what follows.
 */
static const char style[] =
"<style>\n"
":root{color-scheme:light}\n"
"body{font:14px/1.4 system-ui,-apple-system,\"Segoe UI\",Roboto,"
"\"Helvetica Neue\",Arial,sans-serif;color:#111;background:#fff;"
"margin:1.5em auto;max-width:62em;padding:0 1em}\n"
"h1{font-size:1.6em;margin:0 0 .3em}\n"
"h2{font-size:1.2em;margin:1.6em 0 .5em;break-after:avoid}\n"
"dl.meta{display:grid;grid-template-columns:max-content auto;"
"gap:.1em 1em;margin:0}\n"
"dl.meta dt{font-weight:600}dl.meta dd{margin:0}\n"
"table{border-collapse:collapse;margin:.4em 0;font-variant-numeric:"
"tabular-nums}\n"
"th,td{border:1px solid #999;padding:.2em .5em;text-align:left;"
"vertical-align:top}\n"
"th{background:#eee}\n"
"td.num,th.num{text-align:right;white-space:nowrap}\n"
"tr{break-inside:avoid}\n"
"td.tone-bad{font-weight:700;background:#fbe3d6}\n"
"td.tone-warning{font-style:italic;background:#dcebf5}\n"
"td.tone-good{background:#e3f3ec}\n"
"svg.chart{display:block;max-width:100%;height:auto;margin:.4em 0}\n"
"svg.chart text{font:12px system-ui,Arial,sans-serif;fill:#111}\n"
"p.note{color:#444}\n"
"svg.spark{vertical-align:middle}\n"
"dl.figures{display:grid;grid-template-columns:max-content auto;"
"gap:.1em 1em}dl.figures dd{margin:0}\n"
"ul.diag{padding-left:1.2em}ul.diag li{font-family:monospace}\n"
"@page{size:A4;margin:15mm}\n"
"@media print{body{margin:0;max-width:none;padding:0;font-size:10pt}"
"*{-webkit-print-color-adjust:exact;print-color-adjust:exact}"
"section{break-inside:auto}svg.chart{break-inside:avoid}}\n"
"</style>\n";

void
html_page_begin(FILE *out, const char *title, const struct cl_fact *facts,
    size_t nfacts)
{
	fprintf(out, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n",
	    cl_language_tag());
	fputs("<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\">\n"
	    "<meta name=\"generator\" content=\"caseload " CL_VERSION "\">\n"
	    "<title>", out);
	html_text(out, title);
	if (nfacts > 0) {
		/* the first fact says what the page is about: the files */
		fputs(": ", out);
		html_text(out, facts[0].text);
	}
	fputs("</title>\n", out);
	fputs(style, out);
	fputs("</head>\n<body>\n<header>\n<h1>", out);
	html_text(out, title);
	fputs("</h1>\n", out);
	if (nfacts > 0) {
		fputs("<dl class=\"meta\">\n", out);
		for (size_t i = 0; i < nfacts; i++) {
			fputs("<dt>", out);
			html_text(out, facts[i].label);
			fputs("</dt><dd>", out);
			html_text(out, facts[i].text);
			fputs("</dd>\n", out);
		}
		fputs("</dl>\n", out);
	}
	fputs("</header>\n<main>\n", out);
}

void
html_page_end(FILE *out)
{
	fputs("</main>\n<footer><p class=\"note\">", out);
	/* TRANSLATORS: the HTML report's footer; %s is the version */
	fprintf(out, _("Made by caseload %s."), CL_VERSION);
	fputs("</p></footer>\n</body>\n</html>\n", out);
}

void
html_diagnostics(FILE *out, const struct cl_diag *diags, size_t n)
{
	const char *const level[] = { _("note: "), _("warning: "), "" };

	fputs("<section id=\"diagnostics\">\n<h2>", out);
	/* TRANSLATORS: the heading of the report's messages (HTML) and
	 * the workbook's sheet of them */
	html_text(out, _("Diagnostics"));
	fputs("</h2>\n", out);
	if (n == 0) {
		fputs("<p>", out);
		/* TRANSLATORS: under "Diagnostics": there are none */
		html_text(out, _("None."));
		fputs("</p>\n</section>\n", out);
		return;
	}
	fputs("<ul class=\"diag\">\n", out);
	for (size_t i = 0; i < n; i++) {
		const struct cl_diag *d = &diags[i];

		fputs("<li>", out);
		if (d->file != NULL) {
			html_text(out, d->file);
			if (d->line > 0)
				fprintf(out, ":%ld", d->line);
			fputs(": ", out);
		}
		fputs(level[d->severity], out);
		html_text(out, d->message);
		fputs("</li>\n", out);
	}
	fputs("</ul>\n</section>\n", out);
}
