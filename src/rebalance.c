/*
 * rebalance.c - from diagnosis to action: the moves that bring workers
 * under their targets (cl_engine_rebalance), and who should take a new
 * case (cl_engine_assign).
 *
 * This file turns the engine's tables into the plain arrays plan.c works
 * on, and its answer back into names and before/after figures.
 */
#include <stdlib.h>
#include <string.h>

#include "engine.h"

__extension__ typedef __int128 wide;

void
cl_plan_options_default(struct cl_plan_options *o)
{
	memset(o, 0, sizeof *o);
	o->fill_pct = CL_DEC(100);
}

void
cl_plan_free(struct cl_plan *p)
{
	if (p == NULL)
		return;
	for (size_t i = 0; i < p->nshortfalls; i++)
		free(p->shortfalls[i].still_over);
	free(p->shortfalls);
	free(p->moves);
	free(p->workers);
	free(p);
}

void
cl_ranking_free(struct cl_ranking *r)
{
	if (r == NULL)
		return;
	free(r->candidates);
	free(r);
}

/* A case id of the engine, by its index. */
static const char **
case_ids(const struct cl_engine *e)
{
	const char **ids = cl_xcalloc(e->ncases + 1, sizeof *ids);

	for (size_t i = 0; i < e->ncases; i++)
		ids[i] = e->cases[i].id;
	return ids;
}

static int
kept(const struct cl_plan_options *o, const char *id)
{
	for (size_t i = 0; i < o->nkeep; i++)
		if (strcmp(o->keep[i], id) == 0)
			return 1;
	return 0;
}

/* Team index of each worker: equal teams, equal index (all 0 across). */
static uint32_t *
groups(const struct cl_engine *e, int across)
{
	uint32_t *g = cl_xcalloc(e->nworkers + 1, sizeof *g);

	for (size_t i = 0; i < e->nworkers && !across; i++) {
		const char *t = e->workers[i].team;

		g[i] = (uint32_t)i;
		for (size_t k = 0; k < i; k++) {
			const char *u = e->workers[k].team;

			if (t == u || (t != NULL && u != NULL &&
			    strcmp(t, u) == 0)) {
				g[i] = g[k];
				break;
			}
		}
	}
	return g;
}

static const struct worker_acc *rank_workers;

static int
by_worker_name(const void *pa, const void *pb)
{
	return strcmp(rank_workers[*(const uint32_t *)pa].name,
	    rank_workers[*(const uint32_t *)pb].name);
}

/* The rank of each worker in name order, for ties and for output. */
static uint32_t *
name_order(const struct cl_engine *e)
{
	uint32_t *order = cl_xmalloc((e->nworkers + 1) * sizeof *order);

	for (size_t i = 0; i < e->nworkers; i++)
		order[i] = (uint32_t)i;
	rank_workers = e->workers;
	qsort(order, e->nworkers, sizeof *order, by_worker_name);
	return order;
}

/* The planner's view of a worker, from its report row. */
static void
pl_worker(const struct cl_worker *w, cl_dec fill_pct, uint32_t group,
    uint32_t rank, struct cl_pl_worker *out)
{
	const cl_dec hundred = CL_DEC(100);
	wide cap = (wide)w->points_target * fill_pct / hundred;

	out->points = w->points;
	out->points_target = w->points_target;
	out->fill_cap = (cl_dec)cap;
	out->cases = w->cases;
	out->cases_cap = (long)(w->cases_target / CL_DEC_SCALE);
	out->group = group;
	out->rank = rank;
}

/* The planner's items: every (case, worker) share, movable or not. */
static struct cl_pl_item *
pl_items(const struct cl_engine *e, const char **ids,
    const struct cl_plan_options *o, size_t *n, long *pinned)
{
	struct cl_pl_item *items = cl_xmalloc((e->npairs + 1) *
	    sizeof *items);

	*n = 0;
	for (size_t i = 0; i <= e->pair_mask; i++) {
		const struct pair_slot *p = &e->pairs[i];
		struct cl_pl_item *it;

		if (p->line == 0)
			continue;
		it = &items[(*n)++];
		it->owner = (uint32_t)(p->key & 0xffffffffu);
		it->case_key = (uint32_t)(p->key >> 32);
		it->points = p->points;
		it->pinned = kept(o, ids[it->case_key]);
		pinned[it->owner] += it->pinned;
	}
	return items;
}

/* Worker `index` as it is, and as it would be with `cases` and `points`. */
static void
fill_change(const struct cl_engine *e, size_t index, long cases,
    cl_dec points, struct cl_change *c)
{
	struct cl_worker w;

	cl_engine_worker(e, index, &w);
	c->worker = w.name;
	c->team = w.team;
	c->cases_before = w.cases;
	c->points_before = w.points;
	c->points_target = w.points_target;
	c->cases_target = w.cases_target;
	c->load_before = w.load_pct;
	c->has_load = w.has_load;
	c->status_before = w.status;
	w.cases = cases;
	w.points = points;
	cl_engine_classify(e, &w);
	c->cases_after = w.cases;
	c->points_after = w.points;
	c->load_after = w.load_pct;
	c->status_after = w.status;
	c->room_after = w.points_target - w.points;
}

/* A plan row: the worker before and after the moves. */
static void
plan_row(const struct cl_engine *e, size_t index,
    const struct cl_pl_worker *after, long pinned, struct cl_change *p)
{
	fill_change(e, index, after->cases, after->points, p);
	p->unmovable = e->workers[index].cases_without_id + pinned;
}

static int
group_over(const struct cl_pl_worker *pw, size_t n, uint32_t group)
{
	for (size_t i = 0; i < n; i++)
		if (pw[i].group == group && cl_pl_over(&pw[i]))
			return 1;
	return 0;
}

/* The shortfall of a group in which someone is still over. */
static void
add_shortfall(const struct cl_engine *e, struct cl_plan *plan,
    const struct cl_pl_worker *pw, const uint32_t *order, uint32_t group,
    int across)
{
	struct cl_shortfall *s;
	const char *team = NULL;
	cl_dec points = 0, capacity = 0, excess;

	plan->shortfalls = cl_xrealloc(plan->shortfalls,
	    (plan->nshortfalls + 1) * sizeof *plan->shortfalls);
	s = &plan->shortfalls[plan->nshortfalls++];
	memset(s, 0, sizeof *s);
	s->still_over = cl_xcalloc(e->nworkers + 1, sizeof *s->still_over);
	for (size_t k = 0; k < e->nworkers; k++) {
		uint32_t i = order[k];

		if (pw[i].group != group)
			continue;
		team = e->workers[i].team;
		points += pw[i].points;
		capacity += pw[i].fill_cap;	/* --fill lowers it */
		if (cl_pl_over(&pw[i]))
			s->still_over[s->nstill_over++] = e->workers[i].name;
	}
	s->team = across ? NULL : team;
	s->all_teams = across;
	excess = points - capacity;
	s->points_short = excess > 0 ? excess : 0;
	s->fte_short = cl_dec_ratio(s->points_short,
	    cl_engine_targets_of(e, s->team).points, 0);
}

static int
by_plan_name(const void *pa, const void *pb)
{
	return strcmp(((const struct cl_change *)pa)->worker,
	    ((const struct cl_change *)pb)->worker);
}

static struct cl_plan *
rebalance(struct cl_engine *e, const struct cl_plan_options *o)
{
	struct cl_plan *plan = cl_xcalloc(1, sizeof *plan);
	const char **ids = case_ids(e);
	uint32_t *group = groups(e, o->across_teams), *order = name_order(e);
	struct cl_pl_worker *pw = cl_xcalloc(e->nworkers + 1, sizeof *pw);
	long *pinned = cl_xcalloc(e->nworkers + 1, sizeof *pinned);
	unsigned char *touched = cl_xcalloc(e->nworkers + 1, 1);
	struct cl_pl_item *items;
	uint32_t *to, *moved;
	size_t nitems;

	for (size_t k = 0; k < e->nworkers; k++) {
		struct cl_worker w;

		cl_engine_worker(e, order[k], &w);
		pl_worker(&w, o->fill_pct, group[order[k]], (uint32_t)k,
		    &pw[order[k]]);
	}
	items = pl_items(e, ids, o, &nitems, pinned);
	to = cl_xmalloc((nitems + 1) * sizeof *to);
	moved = cl_xmalloc((nitems + 1) * sizeof *moved);
	plan->nmoves = cl_pl_solve(pw, e->nworkers, items, nitems, to, moved);
	plan->moves = cl_xcalloc(plan->nmoves + 1, sizeof *plan->moves);
	for (size_t m = 0; m < plan->nmoves; m++) {
		const struct cl_pl_item *it = &items[moved[m]];
		struct cl_move *mv = &plan->moves[m];

		mv->case_id = ids[it->case_key];
		mv->points = it->points;
		mv->from = e->workers[it->owner].name;
		mv->to = e->workers[to[moved[m]]].name;
		mv->team = e->workers[it->owner].team;
		touched[it->owner] = touched[to[moved[m]]] = 1;
	}
	/* the givers and takers, and whoever is over and could not give */
	plan->workers = cl_xcalloc(e->nworkers + 1, sizeof *plan->workers);
	for (size_t k = 0; k < e->nworkers; k++) {
		uint32_t i = order[k];
		struct cl_worker w;

		cl_engine_worker(e, i, &w);
		if (touched[i] || w.status == CL_OVER)
			plan_row(e, i, &pw[i], pinned[i],
			    &plan->workers[plan->nworkers++]);
	}
	qsort(plan->workers, plan->nworkers, sizeof *plan->workers,
	    by_plan_name);
	/* group numbers are worker indexes, so touched[] can mark them */
	memset(touched, 0, e->nworkers + 1);
	for (size_t k = 0; k < e->nworkers; k++) {
		uint32_t g = pw[order[k]].group;

		if (touched[g])
			continue;
		touched[g] = 1;
		if (group_over(pw, e->nworkers, g))
			add_shortfall(e, plan, pw, order, g, o->across_teams);
	}
	plan->fits = plan->nshortfalls == 0;
	free(ids);
	free(group);
	free(order);
	free(pw);
	free(pinned);
	free(touched);
	free(items);
	free(to);
	free(moved);
	return plan;
}

struct cl_plan *
cl_engine_rebalance(struct cl_engine *e, const struct cl_plan_options *o)
{
	cl_engine_need_ids(e, "cl_engine_rebalance");
	return rebalance(e, o);
}

/* ---- assign ---- */

static int
by_room(const void *pa, const void *pb)
{
	const struct cl_change *a = pa, *b = pb;

	if (a->pushed_over != b->pushed_over)
		return a->pushed_over - b->pushed_over;
	if (a->room_after != b->room_after)
		return a->room_after < b->room_after ? 1 : -1;
	return strcmp(a->worker, b->worker);
}

struct cl_ranking *
cl_engine_assign(struct cl_engine *e, cl_dec points, const char *team)
{
	struct cl_ranking *r;

	cl_engine_need_ids(e, "cl_engine_assign");
	r = cl_xcalloc(1, sizeof *r);
	r->points = points;
	r->candidates = cl_xcalloc(e->nworkers + 1, sizeof *r->candidates);
	for (size_t i = 0; i < e->nworkers; i++) {
		const struct worker_acc *a = &e->workers[i];
		struct cl_change *c = &r->candidates[r->ncandidates];
		cl_dec after;

		if (team != NULL && (a->team == NULL ||
		    !cl_same_name(a->team, team)))
			continue;
		r->ncandidates++;
		if (cl_dec_add(a->points, points, &after) != 0)
			after = INT64_MAX;
		fill_change(e, i, a->cases + 1, after, c);
		c->pushed_over = c->status_after == CL_OVER;
	}
	qsort(r->candidates, r->ncandidates, sizeof *r->candidates, by_room);
	return r;
}
