/*
 * schedule.c - follow-up schedules: which phase is in force on a day,
 * when the next follow-up is due, and how many a month it asks for.
 *
 * The first periodic phase starts at the placement and each next one
 * where the one before it ends (placement + until_months).  A periodic
 * phase's due dates are start + N, start + 2N, ... up to and including
 * its end; months are counted from the start each time, so a placement
 * on 31 January is due on the last day of February, then 31 March.
 * One-off phases are due N days after the placement and move no start.
 */
#include "internal.h"

const struct cl_schedule *
cl_schedule_find(const struct cl_config *c, const char *placement)
{
	for (size_t i = 0; i < c->nschedules; i++) {
		const struct cl_schedule *s = &c->schedules[i];

		if (cl_same_name(s->name, placement))
			return s;
		for (size_t k = 0; k < s->naliases; k++)
			if (cl_same_name(s->aliases[k], placement))
				return s;
	}
	return NULL;
}

/* The span [start, end) of periodic phase p; *bounded 0 for the last. */
static void
span(const struct cl_schedule *s, const struct cl_phase *p, cl_date placed,
    cl_date *start, cl_date *end, int *bounded)
{
	long from = 0;

	for (const struct cl_phase *q = s->phases; q != p; q++)
		if (q->kind != CL_PHASE_ONCE)
			from = q->until_months;
	*start = cl_date_add_months(placed, from);
	*bounded = p->until_months > 0;
	*end = *bounded ? cl_date_add_months(placed, p->until_months) : 0;
}

/* The k-th due date (k >= 1) of a periodic phase from `start`. */
static cl_date
kth(const struct cl_phase *p, cl_date start, long k)
{
	switch (p->kind) {
	case CL_PHASE_DAYS:
		return (cl_date)(start + k * p->n);
	case CL_PHASE_WEEKS:
		return (cl_date)(start + 7 * k * p->n);
	default:
		return cl_date_add_months(start, k * p->n);
	}
}

/* One interval of periodic phase p after day d. */
static cl_date
step(const struct cl_phase *p, cl_date d)
{
	return kth(p, d, 1);
}

/*
 * The first due date after day x of periodic phase p, if it falls within
 * the phase (*found); due dates grow with k, so k is estimated from the
 * distance and then moved to the first one past x.
 */
static cl_date
first_after(const struct cl_schedule *s, const struct cl_phase *p,
    cl_date placed, cl_date x, int *found)
{
	cl_date start, end, due;
	int bounded;
	long k = 1;

	span(s, p, placed, &start, &end, &bounded);
	if (x > start) {
		long per = p->kind == CL_PHASE_DAYS ? p->n
		    : p->kind == CL_PHASE_WEEKS ? 7 * p->n : 31 * p->n;

		k = (x - start) / per;
		if (k < 1)
			k = 1;
	}
	while ((due = kth(p, start, k)) <= x)
		k++;
	*found = !bounded || due <= end;
	return due;
}

/* The first due date after x of all periodic phases. */
static cl_date
first_periodic_after(const struct cl_schedule *s, cl_date placed, cl_date x)
{
	cl_date best = 0;
	int have = 0;

	for (size_t i = 0; i < s->nphases; i++) {
		const struct cl_phase *p = &s->phases[i];
		int found;
		cl_date due;

		if (p->kind == CL_PHASE_ONCE)
			continue;
		due = first_after(s, p, placed, x, &found);
		if (found && (!have || due < best)) {
			best = due;
			have = 1;
		}
	}
	return best;	/* the last phase never ends: some date is found */
}

const struct cl_phase *
cl_schedule_phase_on(const struct cl_schedule *s, cl_date placed, cl_date d)
{
	const struct cl_phase *once = NULL, *periodic = NULL;

	if (d < placed)
		return NULL;
	for (size_t i = 0; i < s->nphases; i++) {
		const struct cl_phase *p = &s->phases[i];

		if (p->kind == CL_PHASE_ONCE) {
			if (d <= placed + p->n && (once == NULL ||
			    p->n < once->n))
				once = p;
		} else if (periodic == NULL) {
			cl_date start, end;
			int bounded;

			span(s, p, placed, &start, &end, &bounded);
			if (d >= start && (!bounded || d < end))
				periodic = p;
		}
	}
	return once != NULL ? once : periodic;
}

cl_date
cl_schedule_first_due(const struct cl_schedule *s, cl_date placed)
{
	cl_date first = first_periodic_after(s, placed, placed);

	for (size_t i = 0; i < s->nphases; i++)
		if (s->phases[i].kind == CL_PHASE_ONCE &&
		    placed + s->phases[i].n < first)
			first = (cl_date)(placed + s->phases[i].n);
	return first;
}

void
cl_phase_rate(const struct cl_phase *p, int64_t *num, int64_t *den)
{
	/* 365.25 / 12 days a month is 1461 / 48 */
	switch (p->kind) {
	case CL_PHASE_ONCE:
		*num = 1;
		*den = 1;
		break;
	case CL_PHASE_DAYS:
		*num = 1461;
		*den = 48 * (int64_t)p->n;
		break;
	case CL_PHASE_WEEKS:
		*num = 1461;
		*den = (int64_t)48 * 7 * p->n;
		break;
	default:
		*num = 1;
		*den = p->n;
		break;
	}
}

void
cl_schedule_eval(const struct cl_schedule *s, cl_date placed,
    const cl_date *last, cl_date as_of, long window, struct cl_followup *out)
{
	const struct cl_phase *now = cl_schedule_phase_on(s, placed, as_of);

	out->schedule = s;
	out->placed = placed;
	out->has_last = last != NULL;
	out->last = last != NULL ? *last : 0;
	if (last == NULL) {
		out->next_due = cl_schedule_first_due(s, placed);
	} else {
		const struct cl_phase *then = cl_schedule_phase_on(s, placed,
		    *last);

		/* a follow-up that met a one-off phase: on to the periodic */
		out->next_due = then->kind == CL_PHASE_ONCE
		    ? first_periodic_after(s, placed, *last) : step(then, *last);
	}
	out->overdue = out->next_due < as_of;
	out->days_overdue = out->overdue ? (long)as_of - out->next_due : 0;
	out->due = !out->overdue && (long)out->next_due - as_of < window;
	cl_phase_rate(now, &out->rate_num, &out->rate_den);
}
