/*
 * helpers.h - what several unit-test files share: a diagnostic log,
 * printf to a new string and a deterministic random number generator.
 */
#ifndef CL_TEST_HELPERS_H
#define CL_TEST_HELPERS_H

#include <stdint.h>

#include "internal.h"

/* Generous per-test time limit for the tests that do a lot of work. */
#define SLOW_TEST_SECONDS 120

/*
 * Collects diagnostics as text, one "FILE:LINE: severity: message\n" per
 * diagnostic ("-" for no file), and counts them by severity.
 */
struct diag_log {
	struct cl_buf text;
	size_t count[3];        /* by enum cl_severity */
};

/* A cl_diag_fn; ctx is a struct diag_log (zero-initialised is empty). */
void diag_log_add(void *ctx, const struct cl_diag *d);

/* The collected text, "" when nothing was said. */
const char *diag_log_text(const struct diag_log *log);

size_t diag_log_total(const struct diag_log *log);
void diag_log_free(struct diag_log *log);

/* An engine with the default targets whose diagnostics go to log. */
struct cl_engine *test_engine_new(struct diag_log *log);

/* printf into a new string the caller frees (aborts when out of memory). */
char *test_asprintf(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));

/* splitmix64: the same sequence for the same seed on every platform. */
uint64_t test_random(uint64_t *state);

/* A number from lo to hi inclusive. */
size_t test_random_between(uint64_t *state, size_t lo, size_t hi);

#endif
