/*
 * helpers.c - shared test helpers; see helpers.h.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"

void
diag_log_add(void *ctx, const struct cl_diag *d)
{
	static const char *const severity[] = { "note", "warning", "error" };
	struct diag_log *log = ctx;
	char *line = test_asprintf("%s:%ld: %s: %s\n",
	    d->file != NULL ? d->file : "-", d->line, severity[d->severity],
	    d->message);

	cl_buf_append(&log->text, line, strlen(line));
	free(line);
	log->count[d->severity]++;
}

const char *
diag_log_text(const struct diag_log *log)
{
	return log->text.data != NULL ? log->text.data : "";
}

size_t
diag_log_total(const struct diag_log *log)
{
	return log->count[CL_NOTE] + log->count[CL_WARNING] +
	    log->count[CL_ERROR];
}

void
diag_log_free(struct diag_log *log)
{
	cl_buf_free(&log->text);
	log->count[0] = log->count[1] = log->count[2] = 0;
}

struct cl_engine *
test_engine_new(struct diag_log *log)
{
	struct cl_targets t;

	cl_targets_default(&t);
	return cl_engine_new(&t, diag_log_add, log);
}

char *
test_asprintf(const char *fmt, ...)
{
	va_list ap;
	int n;
	char *s;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		abort();
	s = cl_xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return s;
}

uint64_t
test_random(uint64_t *state)
{
	uint64_t z = (*state += 0x9e3779b97f4a7c15u);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
	return z ^ (z >> 31);
}

size_t
test_random_between(uint64_t *state, size_t lo, size_t hi)
{
	return lo + (size_t)(test_random(state) % (hi - lo + 1));
}
