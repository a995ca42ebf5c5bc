/*
 * diff.c - what changed between two case lists: per worker, the change of
 * its figures and status; per case, the (case id, worker) pairs added,
 * closed, moved and repointed.
 *
 * No I/O: both sides come in as reports and pairs, the diff goes out as
 * data for the renderers.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static const char *const change_names[CL_NCHANGE_KINDS] = {
	[CL_CHANGE_NEWLY_OVER] = "newly_over",
	[CL_CHANGE_NO_LONGER_OVER] = "no_longer_over",
	[CL_CHANGE_NEWLY_UNDER] = "newly_under",
	[CL_CHANGE_NO_LONGER_UNDER] = "no_longer_under",
	[CL_CHANGE_JOINED] = "joined",
	[CL_CHANGE_LEFT] = "left",
	[CL_CHANGE_CHANGED] = "changed",
	[CL_CHANGE_SAME] = "same",
};

static const char *const list_names[CL_NCASE_LISTS] = {
	[CL_CASES_ADDED] = "added", [CL_CASES_CLOSED] = "closed",
	[CL_CASES_MOVED] = "moved", [CL_CASES_REPOINTED] = "repointed",
};

const char *
cl_change_kind_name(enum cl_change_kind kind)
{
	return (unsigned)kind < CL_NCHANGE_KINDS ? change_names[kind] : "?";
}

const char *
cl_case_list_name(enum cl_case_list list)
{
	return (unsigned)list < CL_NCASE_LISTS ? list_names[list] : "?";
}

int
cl_diff_matches(enum cl_only only, const struct cl_worker_diff *w)
{
	if (only == CL_ONLY_CHANGED)
		return w->change != CL_CHANGE_SAME;
	if (only == CL_ONLY_ALL)
		return 1;
	return w->after != NULL && cl_only_matches(only, w->after->status);
}

/* ---- workers ---- */

static int
has_status(const struct cl_worker *w, enum cl_load_status s)
{
	return w != NULL && w->status == s;
}

static long
cases_of(const struct cl_worker *w)
{
	return w != NULL ? w->cases : 0;
}

static int
same_figures(const struct cl_worker *b, const struct cl_worker *a)
{
	return b != NULL && a != NULL && b->cases == a->cases &&
	    b->points == a->points && b->has_load == a->has_load &&
	    b->load_pct == a->load_pct && b->status == a->status;
}

/* The first change that applies, in the order of precedence. */
static enum cl_change_kind
classify(const struct cl_worker *b, const struct cl_worker *a)
{
	int over_b = has_status(b, CL_OVER), over_a = has_status(a, CL_OVER);
	int under_b = has_status(b, CL_UNDER), under_a = has_status(a,
	    CL_UNDER);

	if (!over_b && over_a)
		return CL_CHANGE_NEWLY_OVER;
	if (over_b && !over_a)
		return CL_CHANGE_NO_LONGER_OVER;
	if (cases_of(b) == 0 && cases_of(a) > 0)
		return CL_CHANGE_JOINED;
	if (cases_of(b) > 0 && cases_of(a) == 0)
		return CL_CHANGE_LEFT;
	if (!under_b && under_a)
		return CL_CHANGE_NEWLY_UNDER;
	if (under_b && !under_a)
		return CL_CHANGE_NO_LONGER_UNDER;
	return same_figures(b, a) ? CL_CHANGE_SAME : CL_CHANGE_CHANGED;
}

/* OLD's workers by name, to find a worker of NEW there. */
struct named {
	const char *name;
	size_t index;
};

static int
by_name(const void *pa, const void *pb)
{
	const struct named *a = pa, *b = pb;

	return strcmp(a->name, b->name);
}

/* Kind first; within a kind, the order the workers were added in. */
struct ranked {
	struct cl_worker_diff w;
	size_t seq;
};

static int
by_kind(const void *pa, const void *pb)
{
	const struct ranked *a = pa, *b = pb;

	if (a->w.change != b->w.change)
		return a->w.change < b->w.change ? -1 : 1;
	return (a->seq > b->seq) - (a->seq < b->seq);
}

static void
diff_workers(struct cl_diff *d, const struct cl_report *before,
    const struct cl_report *after)
{
	size_t nb = before->nworkers, n = 0;
	struct named *names = cl_xmalloc((nb ? nb : 1) * sizeof *names);
	char *matched = cl_xcalloc(nb ? nb : 1, 1);
	struct ranked *r = cl_xmalloc((nb + after->nworkers + 1) * sizeof *r);

	for (size_t i = 0; i < nb; i++) {
		names[i].name = before->workers[i].name;
		names[i].index = i;
	}
	qsort(names, nb, sizeof *names, by_name);
	/* NEW's report order, then those only in OLD in OLD's */
	for (size_t i = 0; i < after->nworkers; i++) {
		struct named key = { after->workers[i].name, 0 };
		const struct named *hit = nb == 0 ? NULL : bsearch(&key, names,
		    nb, sizeof *names, by_name);

		r[n].w.worker = key.name;
		r[n].w.before = hit != NULL ? &before->workers[hit->index]
		    : NULL;
		r[n].w.after = &after->workers[i];
		if (hit != NULL)
			matched[hit->index] = 1;
		n++;
	}
	for (size_t i = 0; i < nb; i++) {
		if (matched[i])
			continue;
		r[n].w.worker = before->workers[i].name;
		r[n].w.before = &before->workers[i];
		r[n].w.after = NULL;
		n++;
	}
	for (size_t i = 0; i < n; i++) {
		const struct cl_worker *b = r[i].w.before, *a = r[i].w.after;

		r[i].seq = i;
		r[i].w.team = a != NULL && a->team != NULL ? a->team
		    : b != NULL ? b->team : NULL;
		r[i].w.change = classify(b, a);
		d->summary.changes[r[i].w.change]++;
	}
	qsort(r, n, sizeof *r, by_kind);
	d->workers = cl_xmalloc((n ? n : 1) * sizeof *d->workers);
	for (size_t i = 0; i < n; i++)
		d->workers[i] = r[i].w;
	d->nworkers = n;
	free(r);
	free(matched);
	free(names);
}

/* ---- cases ---- */

enum { OLD_SIDE, NEW_SIDE };

/* A pair of one side, and where it stands in that side's file order. */
struct entry {
	const struct cl_pair *pair;
	int side;
	size_t seq;
};

static int
by_pair(const void *pa, const void *pb)
{
	const struct entry *a = pa, *b = pb;
	int c = strcmp(a->pair->case_id, b->pair->case_id);

	if (c == 0)
		c = strcmp(a->pair->worker, b->pair->worker);
	if (c == 0)
		c = a->side - b->side;
	if (c == 0)
		c = (a->seq > b->seq) - (a->seq < b->seq);
	return c;
}

static int
by_case_in_order(const void *pa, const void *pb)
{
	const struct entry *a = pa, *b = pb;
	int c = strcmp(a->pair->case_id, b->pair->case_id);

	if (c == 0)
		c = a->side - b->side;
	if (c == 0)
		c = (a->seq > b->seq) - (a->seq < b->seq);
	return c;
}

/* `array` (of n elements of `size` bytes) with room for one more: it is
 * doubled at 16, 32, 64, ... so memory follows what is there. */
static void *
grow(void *array, size_t n, size_t size)
{
	if (n == 0)
		return cl_xmalloc(16 * size);
	if (n >= 16 && (n & (n - 1)) == 0)
		return cl_xrealloc(array, 2 * n * size);
	return array;
}

static struct cl_case_change *
push(struct cl_diff *d, enum cl_case_list list, const char *case_id)
{
	struct cl_case_change *c;

	d->cases[list] = grow(d->cases[list], d->ncases[list], sizeof *c);
	c = &d->cases[list][d->ncases[list]++];

	memset(c, 0, sizeof *c);
	c->case_id = case_id;
	return c;
}

static void
fill(struct entry *e, size_t *n, const struct cl_diff_side *s, int side)
{
	for (size_t i = 0; i < s->npairs; i++) {
		e[*n].pair = &s->pairs[i];
		e[*n].side = side;
		e[*n].seq = i;
		(*n)++;
	}
}

static int
same_pair(const struct entry *a, const struct entry *b)
{
	return strcmp(a->pair->case_id, b->pair->case_id) == 0 &&
	    strcmp(a->pair->worker, b->pair->worker) == 0;
}

/* A pair on both sides with other points: OLD's entry, NEW's pair. */
struct repoint {
	struct entry old;
	const struct cl_pair *now;
};

static int
by_old_place(const void *pa, const void *pb)
{
	const struct repoint *a = pa, *b = pb;

	return by_case_in_order(&a->old, &b->old);
}

/*
 * Sorts the entries by pair: a pair on both sides is repointed (*rep,
 * grown here) when its points differ; a pair on one side only is kept at
 * the front of e[], *nsingle of them.  A pair listed twice on one side
 * counts by its first entry.
 */
static void
split_pairs(struct entry *e, size_t n, size_t *nsingle,
    struct repoint **rep, size_t *nrep)
{
	qsort(e, n, sizeof *e, by_pair);
	for (size_t i = 0; i < n;) {
		size_t j = i + 1;

		while (j < n && same_pair(&e[i], &e[j]) && e[j].side == e[i].side)
			j++;	/* later entries of the pair on its side */
		if (j < n && same_pair(&e[i], &e[j])) {
			if (e[i].pair->points != e[j].pair->points) {
				*rep = grow(*rep, *nrep, sizeof **rep);
				(*rep)[*nrep].old = e[i];
				(*rep)[*nrep].now = e[j].pair;
				(*nrep)++;
			}
			while (j < n && same_pair(&e[i], &e[j]))
				j++;
		} else {
			e[(*nsingle)++] = e[i];	/* *nsingle <= i */
		}
		i = j;
	}
}

/* Pairs of one case id only in OLD, [o, o + nold), and only in NEW, [w,
 * w + nnew), both in file order: matched one to one, a move; the rest are
 * closed or added. */
static void
match_case(struct cl_diff *d, const struct entry *o, size_t nold,
    const struct entry *w, size_t nnew)
{
	size_t m = 0;

	for (; m < nold && m < nnew; m++) {
		struct cl_case_change *c = push(d, CL_CASES_MOVED,
		    o[m].pair->case_id);

		c->from = o[m].pair->worker;
		c->to = w[m].pair->worker;
		c->points_before = o[m].pair->points;
		c->points_after = w[m].pair->points;
	}
	for (size_t i = m; i < nold; i++) {
		struct cl_case_change *c = push(d, CL_CASES_CLOSED,
		    o[i].pair->case_id);

		c->worker = o[i].pair->worker;
		c->points_before = o[i].pair->points;
	}
	for (size_t i = m; i < nnew; i++) {
		struct cl_case_change *c = push(d, CL_CASES_ADDED,
		    w[i].pair->case_id);

		c->worker = w[i].pair->worker;
		c->points_after = w[i].pair->points;
	}
}

/* Every list comes out sorted by case id: the walks below go by case id,
 * a case id's entries in file order. */
static void
diff_cases(struct cl_diff *d, const struct cl_diff_side *before,
    const struct cl_diff_side *after)
{
	size_t n = 0, nsingle = 0, nrep = 0, total = before->npairs +
	    after->npairs + 1;
	struct entry *e = cl_xmalloc(total * sizeof *e), *single = e;
	struct repoint *rep = NULL;

	fill(e, &n, before, OLD_SIDE);
	fill(e, &n, after, NEW_SIDE);
	split_pairs(e, n, &nsingle, &rep, &nrep);

	if (nrep > 1)	/* rep is NULL when there are none */
		qsort(rep, nrep, sizeof *rep, by_old_place);
	for (size_t i = 0; i < nrep; i++) {
		const struct cl_pair *o = rep[i].old.pair;
		struct cl_case_change *c = push(d, CL_CASES_REPOINTED,
		    o->case_id);

		c->worker = o->worker;
		c->points_before = o->points;
		c->points_after = rep[i].now->points;
	}

	qsort(single, nsingle, sizeof *single, by_case_in_order);
	for (size_t i = 0; i < nsingle;) {
		const char *id = single[i].pair->case_id;
		size_t j = i, k;

		while (j < nsingle && single[j].side == OLD_SIDE &&
		    strcmp(single[j].pair->case_id, id) == 0)
			j++;
		for (k = j; k < nsingle &&
		    strcmp(single[k].pair->case_id, id) == 0; k++)
			;
		match_case(d, &single[i], j - i, &single[j], k - j);
		i = k;
	}
	free(rep);
	free(e);
}

struct cl_diff *
cl_diff_new(const struct cl_diff_side *before, const struct cl_diff_side *after)
{
	struct cl_diff *d = cl_xcalloc(1, sizeof *d);

	diff_workers(d, before->report, after->report);
	d->has_cases = before->has_case_ids && after->has_case_ids;
	if (d->has_cases)
		diff_cases(d, before, after);
	for (int l = 0; l < CL_NCASE_LISTS; l++)
		d->summary.cases[l] = d->ncases[l];
	d->summary.points_before = before->report->summary.points;
	d->summary.points_after = after->report->summary.points;
	return d;
}

void
cl_diff_free(struct cl_diff *d)
{
	if (d == NULL)
		return;
	free(d->workers);
	for (int l = 0; l < CL_NCASE_LISTS; l++)
		free(d->cases[l]);
	free(d);
}
