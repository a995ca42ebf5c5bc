/*
 * trend.c - from snapshots to a trend: each worker's loads, latest status,
 * streak, average and change; each team's loads and average.  No I/O.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static int
by_string(const void *pa, const void *pb)
{
	const char *const *a = pa, *const *b = pb;

	return strcmp(*a, *b);
}

/* Team names: NULL (no team) sorts last. */
static int
by_team(const void *pa, const void *pb)
{
	const char *const *a = pa, *const *b = pb;

	if (*a == NULL || *b == NULL)
		return (*a == NULL) - (*b == NULL);
	return strcmp(*a, *b);
}

/* The distinct names in names[0..n), sorted by cmp; returns how many. */
static size_t
distinct(const char **names, size_t n,
    int (*cmp)(const void *, const void *))
{
	size_t k = 0;

	qsort(names, n, sizeof *names, cmp);
	for (size_t i = 0; i < n; i++)
		if (k == 0 || cmp(&names[k - 1], &names[i]) != 0)
			names[k++] = names[i];
	return k;
}

static size_t
find(const char **names, size_t n, const char *name,
    int (*cmp)(const void *, const void *))
{
	const char **hit = bsearch(&name, names, n, sizeof *names, cmp);

	return hit != NULL ? (size_t)(hit - names) : n;
}

/* The mean of the known loads, to hundredths. */
static void
average(const cl_dec *loads, const unsigned char *known, size_t n,
    cl_dec *avg, int *has)
{
	cl_dec sum = 0;
	long count = 0;

	for (size_t i = 0; i < n; i++) {
		if (!known[i])
			continue;
		if (cl_dec_add(sum, loads[i], &sum) != 0)
			sum = INT64_MAX;
		count++;
	}
	*has = count > 0;
	*avg = count > 0 ? cl_dec_ratio(sum, CL_DEC(count), 0) : 0;
}

/* For every worker of the union, its index in snapshot s, or SIZE_MAX. */
static void
map_snapshot(const struct cl_snapshot *s, const char **names, size_t n,
    size_t *at)
{
	for (size_t u = 0; u < n; u++)
		at[u] = SIZE_MAX;
	for (size_t i = 0; i < s->nworkers; i++) {
		size_t u = find(names, n, s->workers[i].name, by_string);

		if (u < n && at[u] == SIZE_MAX)
			at[u] = i;
	}
}

/* The sort key of a latest load: a load with no target is endless when
 * over, else below every load. */
static cl_dec
load_key(const struct cl_trend_worker *w, size_t latest)
{
	if (latest == SIZE_MAX || !w->present)
		return -2;
	if (w->known[latest])
		return w->loads[latest];
	return w->status == CL_OVER ? INT64_MAX : -1;
}

static size_t sort_latest;	/* the latest snapshot, for the comparators */

static int
cmp_dec(cl_dec a, cl_dec b)
{
	return (a > b) - (a < b);
}

static int
trend_by_name(const void *pa, const void *pb)
{
	const struct cl_trend_worker *a = pa, *b = pb;

	return strcmp(a->worker, b->worker);
}

static int
trend_by_load(const void *pa, const void *pb)
{
	const struct cl_trend_worker *a = pa, *b = pb;
	int c = -cmp_dec(load_key(a, sort_latest), load_key(b, sort_latest));

	return c != 0 ? c : trend_by_name(a, b);
}

static int
rank(const struct cl_trend_worker *w)
{
	if (!w->present)
		return 3;
	return w->status == CL_OVER ? 0 : w->status == CL_UNDER ? 1 : 2;
}

/* As the report: over (highest first), under (lowest first), ok
 * (highest first), then those not in the latest snapshot. */
static int
trend_by_status(const void *pa, const void *pb)
{
	const struct cl_trend_worker *a = pa, *b = pb;
	int c = rank(a) - rank(b);

	if (c == 0 && a->present) {
		c = cmp_dec(load_key(a, sort_latest), load_key(b,
		    sort_latest));
		if (a->status != CL_UNDER)
			c = -c;
	}
	return c != 0 ? c : trend_by_name(a, b);
}

static int (*const trend_comparators[])(const void *, const void *) = {
	[CL_SORT_STATUS] = trend_by_status,
	[CL_SORT_LOAD] = trend_by_load,
	[CL_SORT_NAME] = trend_by_name,
};

/* Streaks: back from the latest snapshot while the status holds. */
static void
streaks(struct cl_trend *t, const struct cl_snapshot *s, size_t n,
    const char **names)
{
	size_t *at = cl_xmalloc((t->nworkers + 1) * sizeof *at);
	size_t counting = 0;

	for (size_t u = 0; u < t->nworkers; u++) {
		t->workers[u].streak = t->workers[u].present;
		counting += (size_t)t->workers[u].present;
	}
	for (size_t i = n - 1; counting > 0 && i-- > 0;) {
		map_snapshot(&s[i], names, t->nworkers, at);
		for (size_t u = 0; u < t->nworkers; u++) {
			struct cl_trend_worker *w = &t->workers[u];

			if (w->streak != (long)(n - 1 - i))
				continue;       /* not counting any more */
			if (at[u] != SIZE_MAX &&
			    s[i].workers[at[u]].status == w->status)
				w->streak++;
			else
				counting--;
		}
	}
	free(at);
}

static void
build_workers(struct cl_trend *t, const struct cl_snapshot *s, size_t n,
    size_t first)
{
	size_t shown = t->nsnapshots, total = 0, *at;
	const char **names;

	for (size_t i = first; i < n; i++)
		total += s[i].nworkers;
	names = cl_xmalloc((total + 1) * sizeof *names);
	total = 0;
	for (size_t i = first; i < n; i++)
		for (size_t k = 0; k < s[i].nworkers; k++)
			names[total++] = s[i].workers[k].name;
	t->nworkers = distinct(names, total, by_string);
	t->workers = cl_xcalloc(t->nworkers + 1, sizeof *t->workers);
	at = cl_xmalloc((t->nworkers + 1) * sizeof *at);
	for (size_t u = 0; u < t->nworkers; u++) {
		t->workers[u].loads = cl_xcalloc(shown + 1, sizeof(cl_dec));
		t->workers[u].known = cl_xcalloc(shown + 1, 1);
	}
	for (size_t j = 0; j < shown; j++) {
		const struct cl_snapshot *snap = &s[first + j];

		map_snapshot(snap, names, t->nworkers, at);
		for (size_t u = 0; u < t->nworkers; u++) {
			struct cl_trend_worker *w = &t->workers[u];
			const struct cl_snap_worker *sw;

			if (at[u] == SIZE_MAX)
				continue;
			sw = &snap->workers[at[u]];
			w->loads[j] = sw->load;
			w->known[j] = (unsigned char)sw->has_load;
			w->team = sw->team;     /* the latest one wins */
			if (j == shown - 1) {
				w->present = 1;
				w->status = sw->status;
			}
		}
	}
	/* the change is from the snapshot before the latest, shown or not */
	if (n >= 2)
		map_snapshot(&s[n - 2], names, t->nworkers, at);
	for (size_t u = 0; u < t->nworkers; u++) {
		struct cl_trend_worker *w = &t->workers[u];
		const struct cl_snap_worker *prev = n >= 2 && at[u] != SIZE_MAX
		    ? &s[n - 2].workers[at[u]] : NULL;

		w->worker = cl_xstrdup(names[u]);
		w->team = w->team != NULL ? cl_xstrdup(w->team) : NULL;
		average(w->loads, w->known, shown, &w->average_load,
		    &w->has_average);
		if (w->present && w->known[shown - 1] && prev != NULL &&
		    prev->has_load) {
			w->has_change = 1;
			w->change = w->loads[shown - 1] - prev->load;
		}
	}
	streaks(t, s, n, names);
	free(at);
	free(names);
}

static void
build_teams(struct cl_trend *t, const struct cl_snapshot *s, size_t n,
    size_t first)
{
	size_t shown = t->nsnapshots, total = 0;
	const char **names;

	for (size_t i = first; i < n; i++)
		total += s[i].nteams;
	names = cl_xmalloc((total + 1) * sizeof *names);
	total = 0;
	for (size_t i = first; i < n; i++)
		for (size_t k = 0; k < s[i].nteams; k++)
			names[total++] = s[i].teams[k].name;
	t->nteams = distinct(names, total, by_team);
	t->teams = cl_xcalloc(t->nteams + 1, sizeof *t->teams);
	for (size_t u = 0; u < t->nteams; u++) {
		struct cl_trend_team *team = &t->teams[u];

		team->team = names[u] != NULL ? cl_xstrdup(names[u]) : NULL;
		team->loads = cl_xcalloc(shown + 1, sizeof(cl_dec));
		team->known = cl_xcalloc(shown + 1, 1);
	}
	for (size_t j = 0; j < shown; j++) {
		const struct cl_snapshot *snap = &s[first + j];

		for (size_t k = 0; k < snap->nteams; k++) {
			size_t u = find(names, t->nteams, snap->teams[k].name,
			    by_team);

			if (u == t->nteams)
				continue;
			t->teams[u].loads[j] = snap->teams[k].load;
			t->teams[u].known[j] = (unsigned char)
			    snap->teams[k].has_load;
		}
	}
	for (size_t u = 0; u < t->nteams; u++)
		average(t->teams[u].loads, t->teams[u].known, shown,
		    &t->teams[u].average_load, &t->teams[u].has_average);
	free(names);
}

struct cl_trend *
cl_trend_build(const struct cl_snapshot *s, size_t n, size_t weeks,
    enum cl_sort sort)
{
	struct cl_trend *t = cl_xcalloc(1, sizeof *t);
	size_t first;

	t->nsnapshots = weeks < n ? weeks : n;
	first = n - t->nsnapshots;
	t->dates = cl_xcalloc(t->nsnapshots + 1, sizeof *t->dates);
	for (size_t j = 0; j < t->nsnapshots; j++)
		memcpy(t->dates[j], s[first + j].date, CL_DATE_SIZE);
	if (t->nsnapshots == 0)
		return t;
	build_workers(t, s, n, first);
	build_teams(t, s, n, first);
	sort_latest = t->nsnapshots - 1;
	qsort(t->workers, t->nworkers, sizeof *t->workers,
	    trend_comparators[sort]);
	return t;
}

void
cl_trend_free(struct cl_trend *t)
{
	if (t == NULL)
		return;
	for (size_t i = 0; i < t->nworkers; i++) {
		free((char *)t->workers[i].worker);
		free((char *)t->workers[i].team);
		free(t->workers[i].loads);
		free(t->workers[i].known);
	}
	for (size_t i = 0; i < t->nteams; i++) {
		free((char *)t->teams[i].team);
		free(t->teams[i].loads);
		free(t->teams[i].known);
	}
	free(t->workers);
	free(t->teams);
	free(t->dates);
	free(t);
}
