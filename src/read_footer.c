/*
 * read_footer.c - lines below the table: "Udskrevet 01-12-2026 af XY",
 * "Kilde: fagsystemet".  Exports put them under the rows as they put a
 * title above.  Such a line is held back: one cell of words that is not a
 * total word, in any column but the points column (in the worker column
 * only with a digit: words alone there are a name, and a roster's row may
 * be just that).  When only blank lines and more such lines follow it to
 * the end of the file, each is left out with a note; when a row follows,
 * the held lines are read as the rows they are, with the messages they
 * always had, before it.
 *
 * In a case list, other lone cells that may be a title are held too
 * (words in the worker column, "Sagsliste Team Syd"; one word without a
 * digit, "Sagsoversigt"), but only as the title of a next export: when
 * the header repeats below them they are left out with a note, and the
 * end of the file, like a row, reads them as the row they are.
 *
 * What the reader says meanwhile (a note that the text is Windows-1252,
 * found in a line below a held one) is kept and said in line order with
 * the held lines, as the fast way, which sorts by line, says it.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "source.h"

/* The only cell of f that is not blank, or -1 (none, or several). */
static int
only_cell(const struct cl_field *f, size_t n)
{
	int found = -1;

	for (size_t i = 0; i < n; i++) {
		if (all_blank(&f[i], 1))
			continue;
		if (found >= 0)
			return -1;
		found = (int)i;
	}
	return found;
}

/* Whether the bytes, trimmed, hold words: a space between two others. */
static int
has_words(const char *p, size_t len)
{
	while (len > 0 && (p[len - 1] == ' ' || p[len - 1] == '\t'))
		len--;
	while (len > 0 && (*p == ' ' || *p == '\t')) {
		p++;
		len--;
	}
	return len > 2 && memchr(p + 1, ' ', len - 2) != NULL;
}

int
cl_footer_cell(struct cl_reader *r, int worker, int points,
    const struct cl_field *f, size_t n, const char **text, size_t *len)
{
	int c = only_cell(f, n);
	const char *why, *t;

	if (c < 0 || c == points ||
	    (t = cl_reader_text(r, f[c], len, &why)) == NULL ||
	    !has_words(t, *len))
		return -1;
	/* in the worker column, words alone are a name (a roster's row may
	 * be just that); "Udskrevet af XY 01-12-2026" has a digit too */
	if (c == worker && strpbrk(t, "0123456789") == NULL)
		return -1;
	*text = t;
	return c;
}

void
cl_footer_note(struct cl_msg *m, const char *text, size_t len)
{
	struct cl_buf q = { 0 };

	cl_msg_printf(m, _("a line below the table left out: %s (a footer, "
	    "not a row)"), quoted_field(&q, text, len));
	cl_buf_free(&q);
}

/* The footer's cell, or -1 when the row is not a footer line. */
static int
footer_cell(struct cl_source *s, const struct cl_field *f, size_t n)
{
	const char *t;
	size_t len;
	int c = cl_footer_cell(s->reader, s->col[COL_WORKER],
	    s->col[COL_POINTS], f, n, &t, &len);

	if (c < 0)
		return -1;
	/* "I alt" in the case id column is a total row (read_totals.c) */
	t = cl_source_name_form(s, t, len);
	return cl_total_word(t, strlen(t)) ? -1 : c;
}

/* A case list's one cell that may be a title: words, or one word without
 * a digit ("Sagsoversigt"; "S-7" is a case id), in any column but the
 * points column; or -1. */
static int
title_cell(struct cl_source *s, const struct cl_field *f, size_t n)
{
	int c = only_cell(f, n);
	const char *why, *t;
	size_t len;

	if (s->kind != CASES || c < 0 || c == s->col[COL_POINTS] ||
	    (t = cl_reader_text(s->reader, f[c], &len, &why)) == NULL ||
	    (!has_words(t, len) && strpbrk(t, "0123456789") != NULL))
		return -1;
	t = cl_source_name_form(s, t, len);
	return cl_total_word(t, strlen(t)) ? -1 : c;
}

int
cl_source_footer_hold(struct cl_source *s, long line,
    const struct cl_field *f, size_t n)
{
	struct cl_held *h;
	int c, title_only = 0;

	if (s->replaying)
		return 0;
	if ((c = footer_cell(s, f, n)) < 0) {
		if ((c = title_cell(s, f, n)) < 0)
			return 0;
		title_only = 1;
	}
	if (s->nheld == s->held_cap) {
		s->held_cap = s->held_cap ? 2 * s->held_cap : 4;
		s->held = cl_xrealloc(s->held, s->held_cap * sizeof *s->held);
	}
	h = &s->held[s->nheld++];
	h->line = line;
	h->cell = (size_t)c;
	h->title_only = title_only;
	h->n = n;
	h->spans = cl_xcalloc(n, sizeof *h->spans);
	h->len = 0;
	for (size_t i = 0; i < n; i++)
		h->len += f[i].len;
	h->bytes = cl_xmalloc(h->len + 1);
	for (size_t i = 0, at = 0; i < n; at += f[i].len, i++) {
		memcpy(h->bytes + at, f[i].ptr, f[i].len);
		h->spans[i] = at;
	}
	return 1;
}

static void
held_free(struct cl_held *h)
{
	free(h->spans);
	free(h->bytes);
}

/* Reads held line h through `row`, as the row it is. */
static void
replay(struct cl_source *s, struct cl_held *h,
    void (*row)(struct cl_source *, long, const struct cl_field *, size_t))
{
	struct cl_field *f = cl_xcalloc(h->n ? h->n : 1, sizeof *f);

	for (size_t i = 0; i < h->n; i++) {
		size_t end = i + 1 < h->n ? h->spans[i + 1] : h->len;

		f[i].ptr = h->bytes + h->spans[i];
		f[i].len = end - h->spans[i];
	}
	s->replaying = 1;
	row(s, h->line, f, h->n);
	s->replaying = 0;
	free(f);
}

int
cl_source_footer_later(struct cl_source *s, const struct cl_diag *d)
{
	struct cl_diag *l;

	if (s->nheld == 0 || s->replaying)
		return 0;
	if (s->nlater == s->later_cap) {
		s->later_cap = s->later_cap ? 2 * s->later_cap : 4;
		s->later = cl_xrealloc(s->later, s->later_cap * sizeof *s->later);
	}
	l = &s->later[s->nlater++];
	*l = *d;
	l->message = cl_xstrdup(d->message);
	return 1;
}

/* Says the reader's messages kept for lines up to `line` (all with
 * LONG_MAX), in the order they came. */
static void
say_later(struct cl_source *s, long line)
{
	size_t k = 0, keep = 0;

	for (; k < s->nlater; k++) {
		if (s->later[k].line > line) {
			s->later[keep++] = s->later[k];
			continue;
		}
		if (s->on_diag != NULL)
			s->on_diag(s->ctx, &s->later[k]);
		free((char *)s->later[k].message);
	}
	s->nlater = keep;
}

void
cl_source_footer_release(struct cl_source *s,
    void (*row)(struct cl_source *, long, const struct cl_field *, size_t))
{
	for (size_t k = 0; k < s->nheld; k++) {
		say_later(s, s->held[k].line);
		replay(s, &s->held[k], row);
		held_free(&s->held[k]);
	}
	s->nheld = 0;
	say_later(s, LONG_MAX);
}

/* Says held line h as left out: a footer, or above_header a title. */
static void
say_held(struct cl_source *s, const struct cl_held *h, int above_header)
{
	size_t c = h->cell;
	size_t end = c + 1 < h->n ? h->spans[c + 1] : h->len;
	struct cl_field one = { h->bytes + h->spans[c], end - h->spans[c] };
	struct cl_buf q = { 0 };
	const char *why, *t;
	size_t len;

	if ((t = cl_reader_text(s->reader, one, &len, &why)) == NULL) {
		t = one.ptr;
		len = one.len;
	}
	/* a second export's byte-order mark, when two were joined */
	if (len >= 3 && memcmp(t, "\xef\xbb\xbf", 3) == 0) {
		t += 3;
		len -= 3;
	}
	if (above_header)
		msg_printf(s, _("a line above the repeated header left out: %s "
		    "(a title or a page footer, not a row)"),
		    quoted_field(&q, t, len));
	else
		cl_footer_note(&s->msg, t, len);
	say(s, h->line, CL_NOTE);
	cl_buf_free(&q);
}

void
cl_source_footer_say(struct cl_source *s, int above_header,
    void (*row)(struct cl_source *, long, const struct cl_field *, size_t))
{
	size_t rows = 0;

	/* at the end, a line held only as a title is no title of anything
	 * but a row, and the lines above it are rows above a row */
	for (size_t k = 0; k < s->nheld && !above_header; k++)
		if (s->held[k].title_only)
			rows = k + 1;
	for (size_t k = 0; k < s->nheld; k++) {
		say_later(s, s->held[k].line);
		if (k < rows)
			replay(s, &s->held[k], row);
		else
			say_held(s, &s->held[k], above_header);
		held_free(&s->held[k]);
	}
	s->nheld = 0;
	say_later(s, LONG_MAX);
}

void
cl_source_footer_free(struct cl_source *s)
{
	for (size_t k = 0; k < s->nheld; k++)
		held_free(&s->held[k]);
	for (size_t k = 0; k < s->nlater; k++)
		free((char *)s->later[k].message);
	free(s->later);
	free(s->held);
	s->held = NULL;
	s->nheld = s->held_cap = 0;
}
