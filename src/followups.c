/*
 * followups.c - follow-ups as load: a row's follow-up cells to a duty,
 * and the result made of the sums the engine kept (followup_sums.c):
 * each worker's rates against its target, and the due and overdue cases.
 *
 * Rates are fractions (fraction.c), so a worker's sum is compared with
 * the target exactly; it is rounded only to be shown.
 */
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "internal.h"

__extension__ typedef __int128 wide;

/* ---- a row's cells ---- */

static void
msg_text(struct cl_buf *msg, const char *text)
{
	cl_buf_append(msg, text, strlen(text));
}

static void
msg_quoted(struct cl_buf *msg, const char *value)
{
	cl_buf_putc(msg, '"');
	cl_text_for_message(msg, value, strlen(value));
	cl_buf_putc(msg, '"');
}

/* A date cell: 0 and *out, 1 when empty, -1 with msg when wrong. */
static int
date_cell(const char *column, const char *text, cl_date *out,
    struct cl_buf *msg)
{
	const char *why;
	struct cl_buf q = { 0 };

	if (*text == '\0')
		return 1;
	if ((why = cl_date_parse(text, strlen(text), 0, out)) == NULL)
		return 0;
	cl_buf_printf(msg, _("%s %s %s"), column, cl_quoted(&q, text),
	    _(why));
	cl_buf_free(&q);
	return -1;
}

static int
after_as_of(const char *column, cl_date d, cl_date as_of, struct cl_buf *msg)
{
	char day[CL_DATE_BUFSIZE], today[CL_DATE_BUFSIZE];

	cl_buf_printf(msg, _("%s %s is after the as-of date %s"), column,
	    cl_date_format(d, day), cl_date_format(as_of, today));
	return -1;
}

int
cl_followup_read(const struct cl_engine *e, const char *placement,
    const char *placed_text, const char *last_text, struct cl_followup *out,
    struct cl_buf *msg)
{
	const struct cl_schedule *s = NULL;
	cl_date placed = 0, last = 0;
	int no_placed, no_last;

	memset(out, 0, sizeof *out);
	if ((no_placed = date_cell("placed", placed_text, &placed, msg)) < 0 ||
	    (no_last = date_cell("last_followup", last_text, &last, msg)) < 0)
		return -1;
	if (!no_placed && placed > e->as_of)
		return after_as_of("placed", placed, e->as_of, msg);
	if (!no_last && last > e->as_of)
		return after_as_of("last_followup", last, e->as_of, msg);
	if (!no_placed && !no_last && last < placed) {
		char a[CL_DATE_BUFSIZE], b[CL_DATE_BUFSIZE];

		cl_buf_printf(msg, _("last_followup %s is before placed %s"),
		    cl_date_format(last, a), cl_date_format(placed, b));
		return -1;
	}
	if (*placement == '\0' || e->config == NULL ||
	    (s = cl_schedule_find(e->config, placement)) == NULL)
		return 0;	/* no schedule: nothing is due */
	if (no_placed) {
		struct cl_buf q = { 0 };

		cl_buf_printf(msg, _("placed is empty, but placement %s has a "
		    "follow-up schedule"), cl_quoted(&q, placement));
		cl_buf_free(&q);
		return -1;
	}
	cl_schedule_eval(s, placed, no_last ? NULL : &last, e->as_of,
	    e->window, out);
	return 0;
}

/* ---- the engine's sums ---- */

void
cl_engine_use_followups(struct cl_engine *e, cl_date as_of, long window)
{
	e->fu_on = 1;
	e->as_of = as_of;
	e->window = window;
}

int
cl_engine_followups_day(const struct cl_engine *e, cl_date *as_of,
    long *window)
{
	*as_of = e->as_of;
	*window = e->window;
	return e->fu_on;
}

void
cl_engine_saw_followups(struct cl_engine *e)
{
	e->fu_seen = 1;
}

/* ---- the result ---- */

struct ranked {
	struct cl_fu_worker w;
	struct cl_frac rate;
};

static int
by_rank(const void *pa, const void *pb)
{
	const struct ranked *a = pa, *b = pb;
	int c = b->w.over - a->w.over;

	if (c == 0)
		c = cl_frac_cmp(&b->rate, &a->rate);
	return c != 0 ? c : strcmp(a->w.worker, b->w.worker);
}

static int
by_next_due(const void *pa, const void *pb)
{
	const struct cl_fu_case *a = pa, *b = pb;
	int c = (a->next_due > b->next_due) - (a->next_due < b->next_due);

	if (c == 0)
		c = strcmp(a->worker, b->worker);
	if (c == 0)
		c = strcmp(a->case_id != NULL ? a->case_id : "",
		    b->case_id != NULL ? b->case_id : "");
	return c;
}

/* The worker's target: followups_per_month x fte x (1 - reduction). */
static void
target_of(const struct cl_engine *e, const struct cl_worker *cw,
    struct cl_fu_worker *w)
{
	struct cl_targets t = cl_engine_targets_of(e, cw->team);
	const cl_dec hundred = CL_DEC(100);
	wide n, d;

	w->has_target = t.followups > 0;
	if (!w->has_target)
		return;
	n = (wide)t.followups * cw->fte * (hundred - cw->reduction);
	d = (wide)CL_DEC_SCALE * hundred;
	w->target = (cl_dec)((n + d / 2) / d);
}

struct cl_followups *
cl_engine_followups(struct cl_engine *e)
{
	struct cl_followups *f = cl_xcalloc(1, sizeof *f);
	struct ranked *ranked = cl_xcalloc(e->nworkers + 1, sizeof *ranked);
	struct cl_frac total = { 0, 1 };

	f->as_of = e->as_of;
	f->window = e->window;
	for (size_t i = 0; i < e->nworkers; i++) {
		const struct worker_acc *a = &e->workers[i];
		struct ranked *r = &ranked[i];
		struct cl_worker cw;

		cl_engine_worker(e, i, &cw);
		r->rate = a->fu.rate;
		r->w.worker = a->name;
		r->w.team = a->team;
		r->w.cases = a->fu.cases;
		r->w.overdue = a->fu.overdue;
		r->w.due = a->fu.due;
		r->w.per_month = cl_frac_hundredths(&a->fu.rate);
		target_of(e, &cw, &r->w);
		r->w.over = a->fu.overdue > 0 || (r->w.has_target &&
		    cl_frac_cmp_dec(&a->fu.rate, r->w.target) > 0);
		f->cases_total += a->fu.cases;
		f->overdue += a->fu.overdue;
		f->due += a->fu.due;
		if (a->fu.rate.num != 0)
			cl_frac_add(&total, a->fu.rate.num, a->fu.rate.den);
	}
	qsort(ranked, e->nworkers, sizeof *ranked, by_rank);
	f->nworkers = e->nworkers;
	f->workers = cl_xcalloc(e->nworkers + 1, sizeof *f->workers);
	for (size_t i = 0; i < e->nworkers; i++)
		f->workers[i] = ranked[i].w;
	free(ranked);
	f->per_month = cl_frac_hundredths(&total);
	f->ncases = e->due.n;
	f->cases = cl_xcalloc(e->due.n + 1, sizeof *f->cases);
	for (size_t i = 0; i < e->due.n; i++) {
		const struct due_case *d = &e->due.v[i];
		struct cl_fu_case *c = &f->cases[i];

		c->case_id = d->case_id;
		c->worker = e->workers[d->worker].name;
		c->placement = d->fu.schedule->name;
		c->placed = d->fu.placed;
		c->last = d->fu.last;
		c->has_last = d->fu.has_last;
		c->next_due = d->fu.next_due;
		c->days_overdue = d->fu.days_overdue;
	}
	qsort(f->cases, f->ncases, sizeof *f->cases, by_next_due);
	return f;
}

void
cl_followups_free(struct cl_followups *f)
{
	if (f == NULL)
		return;
	free(f->workers);
	free(f->cases);
	free(f);
}

/* ---- placements without a schedule ---- */

struct cl_tally {
	struct tally_entry {
		char *name;
		long count;
	} *list;                /* in the order first seen */
	size_t n, cap;
	uint32_t *slots;        /* index + 1; 0 is empty */
	size_t mask;
};

static void
tally_grow(struct cl_tally *t)
{
	size_t mask = t->mask ? 2 * t->mask + 1 : 63;

	free(t->slots);
	t->slots = cl_xcalloc(mask + 1, sizeof *t->slots);
	t->mask = mask;
	for (size_t i = 0; i < t->n; i++) {
		size_t j = (size_t)cl_hash(t->list[i].name,
		    strlen(t->list[i].name)) & mask;

		while (t->slots[j] != 0)
			j = (j + 1) & mask;
		t->slots[j] = (uint32_t)i + 1;
	}
}

void
cl_tally_add(struct cl_tally **tp, const char *name)
{
	struct cl_tally *t = *tp;
	size_t len = strlen(name), j;

	if (t == NULL)
		t = *tp = cl_xcalloc(1, sizeof *t);
	if ((t->n + 1) * 2 > t->mask)
		tally_grow(t);
	for (j = (size_t)cl_hash(name, len) & t->mask; t->slots[j] != 0;
	    j = (j + 1) & t->mask)
		if (strcmp(t->list[t->slots[j] - 1].name, name) == 0) {
			t->list[t->slots[j] - 1].count++;
			return;
		}
	if (t->n == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 16;
		t->list = cl_xrealloc(t->list, t->cap * sizeof *t->list);
	}
	t->list[t->n].name = cl_xstrndup(name, len);
	t->list[t->n].count = 1;
	t->slots[j] = (uint32_t)++t->n;
}

#define TALLY_SHOWN 20

void
cl_tally_say(const struct cl_tally *t, struct cl_buf *msg)
{
	char count[48];

	msg_text(msg, _("placements without a follow-up schedule (their cases "
	    "have no follow-ups): "));
	for (size_t i = 0; i < t->n && i < TALLY_SHOWN; i++) {
		msg_text(msg, i ? ", " : "");
		msg_quoted(msg, t->list[i].name);
		snprintf(count, sizeof count, " (%ld)", t->list[i].count);
		msg_text(msg, count);
	}
	if (t->n > TALLY_SHOWN) {
		snprintf(count, sizeof count, _(", and %zu more"),
		    t->n - TALLY_SHOWN);
		msg_text(msg, count);
	}
}

void
cl_tally_free(struct cl_tally *t)
{
	if (t == NULL)
		return;
	for (size_t i = 0; i < t->n; i++)
		free(t->list[i].name);
	free(t->list);
	free(t->slots);
	free(t);
}
