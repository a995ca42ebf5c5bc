/*
 * followup_sums.h - what the engine keeps of follow-ups while it counts
 * rows: each worker's sums and the due and overdue cases.  engine.c adds
 * to them, followups.c makes the result from them; not installed.
 */
#ifndef CL_FOLLOWUP_SUMS_H
#define CL_FOLLOWUP_SUMS_H

#include "internal.h"

/* One worker's follow-ups. */
struct fu_sum {
	long cases, overdue, due;
	struct cl_frac rate;    /* the sum of its cases' rates */
};

/* A due or overdue case, for cl_engine_followups. */
struct due_case {
	char *case_id;          /* NULL: none */
	size_t worker;
	struct cl_followup fu;
};

struct due_list {
	struct due_case *v;
	size_t n, cap;
};

/* Counts case c's follow-up (c->followup not NULL) in the sums of worker
 * `worker`, and in `due` when it is due or overdue (copying its id). */
void cl_fu_sum_add(struct fu_sum *sum, struct due_list *due, size_t worker,
    const struct cl_case *c);

/* Frees what `due` holds. */
void cl_due_list_free(struct due_list *due);

#endif
