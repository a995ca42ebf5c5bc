/*
 * plan.c - which cases to move so that nobody is over.
 *
 * Choosing the fewest whole cases to move into workers' spare room is bin
 * packing, so this is a heuristic.  What it optimises, in order:
 *
 *   1. nobody over afterwards, where the room exists;
 *   2. few moves: a giver over on cases by two or more must move that
 *      many anyway, so it moves its smallest cases that fit, as long as
 *      its largest others can still clear the points excess; otherwise it
 *      tries the one smallest case that clears the excess in a single
 *      move, else sheds its largest cases first (fewest for the points);
 *   3. room kept for later: each case goes to the receiver it fits most
 *      tightly (best fit), so large rooms stay free for large cases.
 *
 * That greedy pass runs four ways: with those rules or always shedding the
 * smallest case first, and with givers served most over first or least
 * over first.  The first way's plan stands unless another makes everyone
 * fit where it does not (then the one with the fewest moves).
 *
 * Givers are served most over first.  Only workers who were not over
 * take cases; a receiver never goes over, nor above its fill cap, nor
 * takes a case it already has a share of.  Pinned
 * cases never move.  Ties are broken by worker rank (name order) and case
 * order, so the plan is the same on every run.  tests/unit/check_plan.c
 * compares it with a brute-force search on small random teams.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

__extension__ typedef __int128 wide;

int
cl_pl_over(const struct cl_pl_worker *w)
{
	return w->points > w->points_target || w->cases > w->cases_cap;
}

struct solver {
	struct cl_pl_worker *w;
	size_t nw;
	unsigned char *gives;   /* over at the start: gives, never takes */
	int smallest_first;     /* strategy: shed the smallest cases first */
	const struct cl_pl_item *items;
	size_t ni;
	uint32_t *to;
	uint32_t *by_case;      /* item indexes sorted by case_key */
};

static const struct cl_pl_item *sort_items;

static int
by_case_key(const void *pa, const void *pb)
{
	uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;
	uint32_t ka = sort_items[a].case_key, kb = sort_items[b].case_key;

	return ka != kb ? (ka > kb) - (ka < kb) : (a > b) - (a < b);
}

/* Whether worker r holds a share of item i's case now. */
static int
holds_case(const struct solver *s, uint32_t r, size_t i)
{
	uint32_t key = s->items[i].case_key;
	size_t lo = 0, hi = s->ni;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (s->items[s->by_case[mid]].case_key < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < s->ni && s->items[s->by_case[lo]].case_key == key; lo++)
		if (s->to[s->by_case[lo]] == r)
			return 1;
	return 0;
}

/* The receiver item i fits most tightly, or -1 if none can take it. */
static long
receiver(const struct solver *s, size_t i)
{
	const struct cl_pl_item *it = &s->items[i];
	uint32_t giver = s->to[i];
	long best = -1;
	cl_dec best_room = 0;

	for (uint32_t r = 0; r < s->nw; r++) {
		const struct cl_pl_worker *w = &s->w[r];
		cl_dec room;

		if (r == giver || w->group != s->w[giver].group ||
		    s->gives[r] || cl_pl_over(w) || w->cases + 1 > w->cases_cap ||
		    w->points + it->points > w->fill_cap ||
		    holds_case(s, r, i))
			continue;
		room = w->fill_cap - w->points - it->points;
		if (best < 0 || room < best_room || (room == best_room &&
		    w->rank < s->w[best].rank)) {
			best = (long)r;
			best_room = room;
		}
	}
	return best;
}

static void
move(struct solver *s, size_t i, uint32_t r)
{
	struct cl_pl_worker *from = &s->w[s->to[i]], *to = &s->w[r];

	from->points -= s->items[i].points;
	from->cases--;
	to->points += s->items[i].points;
	to->cases++;
	s->to[i] = r;
}

/* Whether the m largest of mine[] other than mine[skip] add up to need. */
static int
covers(const struct solver *s, const uint32_t *mine, size_t n, size_t skip,
    cl_dec need, long m)
{
	for (size_t k = 0; k < n && m > 0 && need > 0; k++)
		if (k != skip) {
			need -= s->items[mine[k]].points;
			m--;
		}
	return need <= 0;
}

/* The giver's next case to move, or -1: see the comment at the top. */
static long
pick(const struct solver *s, const uint32_t *mine, size_t n)
{
	const struct cl_pl_worker *g = &s->w[s->to[mine[0]]];
	cl_dec need = g->points - g->points_target;
	long need_cases = g->cases - g->cases_cap;

	/* mine[] is sorted by points, largest first */
	if (s->smallest_first) {
		for (size_t k = n; k-- > 0;)
			if (receiver(s, mine[k]) >= 0)
				return (long)k;
		return -1;
	}
	if (need_cases >= 2)
		/* several cases must go anyway: the smallest that fits, as
		 * long as the largest others can still clear the points */
		for (size_t k = n; k-- > 0;)
			if (covers(s, mine, n, k, need -
			    s->items[mine[k]].points, need_cases - 1) &&
			    receiver(s, mine[k]) >= 0)
				return (long)k;
	if (need > 0 && need_cases <= 1)
		for (size_t k = n; k-- > 0;)
			if (s->items[mine[k]].points >= need &&
			    receiver(s, mine[k]) >= 0)
				return (long)k;
	if (need > 0) {
		for (size_t k = 0; k < n; k++)
			if (receiver(s, mine[k]) >= 0)
				return (long)k;
	} else {
		for (size_t k = n; k-- > 0;)
			if (receiver(s, mine[k]) >= 0)
				return (long)k;
	}
	return -1;
}

static int
by_points_desc(const void *pa, const void *pb)
{
	uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;
	cl_dec pa_ = sort_items[a].points, pb_ = sort_items[b].points;

	if (pa_ != pb_)
		return pa_ < pb_ ? 1 : -1;
	return sort_items[a].case_key != sort_items[b].case_key
	    ? (sort_items[a].case_key > sort_items[b].case_key) -
	      (sort_items[a].case_key < sort_items[b].case_key)
	    : (a > b) - (a < b);
}

static const struct cl_pl_worker *sort_workers;

/* Most over first: by points / target, then by name. */
static int
by_load_desc(const void *pa, const void *pb)
{
	const struct cl_pl_worker *a = &sort_workers[*(const uint32_t *)pa];
	const struct cl_pl_worker *b = &sort_workers[*(const uint32_t *)pb];
	wide l = (wide)a->points * (b->points_target ? b->points_target : 1);
	wide r = (wide)b->points * (a->points_target ? a->points_target : 1);

	if (l != r)
		return l < r ? 1 : -1;
	return (a->rank > b->rank) - (a->rank < b->rank);
}

/* Moves cases away from giver g while it is over and something fits. */
static size_t
relieve(struct solver *s, uint32_t g, uint32_t *moved, size_t nmoved)
{
	uint32_t *mine = cl_xmalloc((s->ni + 1) * sizeof *mine);
	size_t n = 0;
	long k;

	for (size_t i = 0; i < s->ni; i++)
		if (s->to[i] == g && s->items[i].owner == g &&
		    !s->items[i].pinned)
			mine[n++] = (uint32_t)i;
	sort_items = s->items;
	qsort(mine, n, sizeof *mine, by_points_desc);
	while (n > 0 && cl_pl_over(&s->w[g]) && (k = pick(s, mine, n)) >= 0) {
		uint32_t i = mine[k];

		move(s, i, (uint32_t)receiver(s, i));
		moved[nmoved++] = i;
		memmove(&mine[k], &mine[k + 1], (n - (size_t)k - 1) *
		    sizeof *mine);
		n--;
	}
	free(mine);
	return nmoved;
}

/* One greedy pass with a strategy: how givers shed, and in which order
 * they are served (most over first, or with `reverse` least). */
static size_t
solve_once(struct solver *s, const uint32_t *givers, size_t ngivers,
    int reverse, uint32_t *moved)
{
	size_t nmoved = 0;

	for (size_t i = 0; i < s->ni; i++)
		s->to[i] = s->items[i].owner;
	for (size_t g = 0; g < ngivers; g++)
		nmoved = relieve(s, givers[reverse ? ngivers - 1 - g : g],
		    moved, nmoved);
	return nmoved;
}

/*
 * Whether result a (over: workers still over) beats b.  Only a plan where
 * everyone fits beats the first strategy's, and among those the fewest
 * moves win; when nobody can fit, the first strategy's plan stands, as
 * its rules are the ones documented.
 */
static int
better(size_t a_over, size_t a_moves, size_t b_over, size_t b_moves)
{
	if ((a_over == 0) != (b_over == 0))
		return a_over == 0;
	return a_over == 0 && a_moves < b_moves;
}

static size_t
count_over(const struct cl_pl_worker *w, size_t n)
{
	size_t over = 0;

	for (size_t i = 0; i < n; i++)
		over += cl_pl_over(&w[i]) != 0;
	return over;
}

/*
 * Runs the greedy pass with four strategies (the rules above, or always the
 * smallest case first; givers most over first, or least) and keeps the
 * best result by better(); ties keep the earlier strategy, so the plan is
 * deterministic.  Brute force showed that no single order wins every time.
 */
size_t
cl_pl_solve(struct cl_pl_worker *workers, size_t nworkers,
    const struct cl_pl_item *items, size_t nitems, uint32_t *to,
    uint32_t *moved)
{
	struct cl_pl_worker *trial = cl_xmalloc((nworkers + 1) * sizeof *trial);
	uint32_t *trial_to = cl_xmalloc((nitems + 1) * sizeof *trial_to);
	uint32_t *trial_moved = cl_xmalloc((nitems + 1) * sizeof *trial_moved);
	uint32_t *givers = cl_xmalloc((nworkers + 1) * sizeof *givers);
	struct solver s = { NULL, nworkers, NULL, 0, items, nitems, trial_to,
		NULL };
	struct cl_pl_worker *best = cl_xmalloc((nworkers + 1) * sizeof *best);
	size_t ngivers = 0, nbest = 0, best_over = 0;

	s.w = trial;
	s.by_case = cl_xmalloc((nitems + 1) * sizeof *s.by_case);
	for (size_t i = 0; i < nitems; i++)
		s.by_case[i] = (uint32_t)i;
	sort_items = items;
	qsort(s.by_case, nitems, sizeof *s.by_case, by_case_key);
	s.gives = cl_xcalloc(nworkers + 1, 1);
	for (size_t w = 0; w < nworkers; w++)
		if (cl_pl_over(&workers[w])) {
			givers[ngivers++] = (uint32_t)w;
			s.gives[w] = 1;
		}
	sort_workers = workers;
	qsort(givers, ngivers, sizeof *givers, by_load_desc);
	for (int strategy = 0; strategy < 4; strategy++) {
		size_t n, over;

		memcpy(trial, workers, nworkers * sizeof *trial);
		s.smallest_first = strategy & 1;
		n = solve_once(&s, givers, ngivers, strategy >> 1, trial_moved);
		over = count_over(trial, nworkers);
		if (strategy == 0 || better(over, n, best_over, nbest)) {
			best_over = over;
			nbest = n;
			memcpy(best, trial, nworkers * sizeof *best);
			memcpy(to, trial_to, nitems * sizeof *to);
			memcpy(moved, trial_moved, n * sizeof *moved);
		}
	}
	memcpy(workers, best, nworkers * sizeof *workers);
	free(trial);
	free(trial_to);
	free(trial_moved);
	free(givers);
	free(best);
	free(s.gives);
	free(s.by_case);
	return nbest;
}
