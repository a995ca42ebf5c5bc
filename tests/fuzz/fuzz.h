/*
 * fuzz.h - what the fuzz targets share: a transcript of everything a
 * reader delivered (records with their lines, and diagnostics), to compare
 * two runs that must agree.
 */
#ifndef CL_FUZZ_H
#define CL_FUZZ_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

struct transcript {
	struct cl_buf text;
};

/* Appends a record as "line|len:bytes|len:bytes\n". */
static inline int
transcript_record(void *ctx, struct cl_reader *r, long line,
    const struct cl_field *f, size_t n)
{
	struct transcript *t = ctx;
	char head[32];

	(void)r;
	snprintf(head, sizeof head, "R%ld", line);
	cl_buf_append(&t->text, head, strlen(head));
	for (size_t i = 0; i < n; i++) {
		snprintf(head, sizeof head, "|%zu:", f[i].len);
		cl_buf_append(&t->text, head, strlen(head));
		cl_buf_append(&t->text, f[i].ptr, f[i].len);
	}
	cl_buf_putc(&t->text, '\n');
	return 0;
}

static inline void
transcript_diag(void *ctx, const struct cl_diag *d)
{
	struct transcript *t = ctx;
	char head[48];

	snprintf(head, sizeof head, "D%ld %d ", d->line, (int)d->severity);
	cl_buf_append(&t->text, head, strlen(head));
	cl_buf_append(&t->text, d->message, strlen(d->message));
	cl_buf_putc(&t->text, '\n');
}

static inline int
transcript_equal(const struct transcript *a, const struct transcript *b)
{
	return a->text.len == b->text.len &&
	    (a->text.len == 0 || memcmp(a->text.data, b->text.data,
	    a->text.len) == 0);
}

static inline void
transcript_free(struct transcript *t)
{
	cl_buf_free(&t->text);
}

#endif
