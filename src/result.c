/*
 * result.c - building a result: its sections, lines and what it owns.
 *
 * The builders (result_report.c, result_plan.c, result_ranking.c) describe
 * their tables with these; the formats only read struct cl_result.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

struct cl_result_store {
	struct cl_section *sections;
	size_t sections_cap;
	const char **lines[2];          /* lead, then the rest */
	size_t lines_cap[2];
	void **owned;
	size_t nowned, owned_cap;
};

struct cl_result *
cl_result_new(const char *kind, const char *title)
{
	struct cl_result *r = cl_xcalloc(1, sizeof *r);

	r->kind = kind;
	r->title = title != NULL ? _(title) : NULL;
	r->store = cl_xcalloc(1, sizeof *r->store);
	return r;
}

void
cl_result_free(struct cl_result *r)
{
	if (r == NULL)
		return;
	for (size_t i = 0; i < r->store->nowned; i++)
		free(r->store->owned[i]);
	free(r->store->owned);
	free(r->store->sections);
	free(r->store->lines[0]);
	free(r->store->lines[1]);
	free(r->store);
	free(r);
}

static void
own(struct cl_result *r, void *p)
{
	struct cl_result_store *s = r->store;

	if (s->nowned == s->owned_cap) {
		s->owned_cap = s->owned_cap ? 2 * s->owned_cap : 16;
		s->owned = cl_xrealloc(s->owned, s->owned_cap * sizeof *s->owned);
	}
	s->owned[s->nowned++] = p;
}

void *
cl_result_alloc(struct cl_result *r, size_t n, size_t size)
{
	void *p = cl_xcalloc(n ? n : 1, size);

	own(r, p);
	return p;
}

static struct cl_section *
add_section(struct cl_result *r, const char *name, const char *label,
    unsigned audiences)
{
	struct cl_result_store *s = r->store;
	struct cl_section *sec;

	if (r->nsections == s->sections_cap) {
		s->sections_cap = s->sections_cap ? 2 * s->sections_cap : 4;
		s->sections = cl_xrealloc(s->sections,
		    s->sections_cap * sizeof *s->sections);
	}
	sec = &s->sections[r->nsections++];
	memset(sec, 0, sizeof *sec);
	sec->name = name;
	sec->label = label != NULL ? _(label) : NULL;
	sec->audiences = audiences;
	r->sections = s->sections;
	return sec;
}

struct cl_table *
cl_result_add_table(struct cl_result *r, const char *name,
    const char *label, unsigned audiences)
{
	struct cl_table *t = cl_result_alloc(r, 1, sizeof *t);

	add_section(r, name, label, audiences)->table = t;
	return t;
}

struct cl_figure *
cl_result_add_figures(struct cl_result *r, const char *name,
    const char *label, unsigned audiences, size_t n)
{
	struct cl_figure *f = cl_result_alloc(r, n, sizeof *f);
	struct cl_section *sec = add_section(r, name, label, audiences);

	sec->figures = f;
	sec->nfigures = n;
	return f;
}

struct cl_section *
cl_result_last_section(struct cl_result *r)
{
	return &r->store->sections[r->nsections - 1];
}

char *
cl_result_printf(struct cl_result *r, const char *fmt, ...)
{
	va_list ap;
	char *text;

	va_start(ap, fmt);
	text = cl_xvasprintf(fmt, ap);
	va_end(ap);
	own(r, text);
	return text;
}

void
cl_result_add_line(struct cl_result *r, int lead, const char *fmt, ...)
{
	struct cl_result_store *s = r->store;
	size_t *n = lead ? &r->nlead : &r->nlines;
	va_list ap;
	char *line;
	int len;

	va_start(ap, fmt);
	/* clang-analyzer 14 misreads glibc's va_start as leaving ap unset */
	len = vasprintf(&line, fmt, ap); /* NOLINT(clang-analyzer-valist.Uninitialized) */
	va_end(ap);
	if (len < 0)
		cl_out_of_memory();
	own(r, line);
	if (*n == s->lines_cap[!lead]) {
		s->lines_cap[!lead] = s->lines_cap[!lead] ?
		    2 * s->lines_cap[!lead] : 8;
		s->lines[!lead] = cl_xrealloc(s->lines[!lead],
		    s->lines_cap[!lead] * sizeof **s->lines);
	}
	s->lines[!lead][(*n)++] = line;
	if (lead)
		r->lead = s->lines[0];
	else
		r->lines = s->lines[1];
}

const struct cl_column *
cl_result_columns(struct cl_result *r, const struct cl_column *columns,
    size_t n)
{
	struct cl_column *c = cl_result_alloc(r, n, sizeof *c);

	for (size_t i = 0; i < n; i++) {
		c[i] = columns[i];
		if (c[i].label != NULL)
			c[i].label = _(c[i].label);
		if (c[i].none != NULL)
			c[i].none = _(c[i].none);
	}
	return c;
}

int
cl_column_people_decimals(const struct cl_column *col)
{
	return (col->flags & CL_COL_ROUNDED) && col->decimals > 2 ? 2 :
	    col->decimals;
}

size_t
cl_table_view(const struct cl_table *t, enum cl_audience a, size_t *cols)
{
	const int *view = t->views[a];
	size_t n = 0;

	if (view == NULL) {
		for (n = 0; n < t->ncolumns; n++)
			cols[n] = n;
		return n;
	}
	for (; n < t->ncolumns && view[n] >= 0; n++)
		cols[n] = (size_t)view[n];
	return n;
}

struct cl_value
cl_value_status(enum cl_load_status status)
{
	static const enum cl_tone tones[] = { [CL_UNDER] = CL_TONE_WARNING,
		[CL_OK_LOAD] = CL_TONE_GOOD, [CL_OVER] = CL_TONE_BAD };

	return (struct cl_value){ .text = cl_load_status_name(status),
		.tone = tones[status] };
}
