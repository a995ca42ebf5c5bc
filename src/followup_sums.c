/*
 * followup_sums.c - adds a row's follow-up to its worker's sums and, when
 * it is due or overdue, to the list of such cases.
 */
#include <stdlib.h>

#include "followup_sums.h"

void
cl_fu_sum_add(struct fu_sum *sum, struct due_list *due, size_t worker,
    const struct cl_case *c)
{
	const struct cl_followup *fu = c->followup;
	struct due_case *d;

	sum->cases++;
	sum->overdue += fu->overdue;
	sum->due += fu->due;
	cl_frac_add(&sum->rate, fu->rate_num, fu->rate_den);
	if (!fu->overdue && !fu->due)
		return;
	if (due->n == due->cap) {
		due->cap = due->cap ? 2 * due->cap : 64;
		due->v = cl_xrealloc(due->v, due->cap * sizeof *due->v);
	}
	d = &due->v[due->n++];
	d->case_id = c->case_id != NULL ? cl_xstrdup(c->case_id) : NULL;
	d->worker = worker;
	d->fu = *fu;
}

void
cl_due_list_free(struct due_list *due)
{
	for (size_t i = 0; i < due->n; i++)
		free(due->v[i].case_id);
	free(due->v);
}
