/*
 * check_plan.c - the rebalancing heuristic (plan.c) on hand-made
 * instances and against a brute-force search for the fewest moves on small
 * random teams; then plans and rankings through the engine (rebalance.c).
 *
 * Every result of cl_pl_solve goes through one validity check, so each
 * test also says that the plan breaks no rule of the contract.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "suites.h"

/* ---- instances on plain arrays ---- */

#define MAX_WORKERS 8
#define MAX_ITEMS 48
#define HALF (CL_DEC_SCALE / 2)

struct instance {
	struct cl_pl_worker w[MAX_WORKERS];
	size_t nw;
	struct cl_pl_item it[MAX_ITEMS];
	size_t ni;
};

struct outcome {
	struct cl_pl_worker after[MAX_WORKERS];
	uint32_t to[MAX_ITEMS], moved[MAX_ITEMS];
	size_t nmoved;
};

/* A worker with no load yet; fill cap at 100 % of its target. */
static uint32_t
worker(struct instance *in, long points_target, long cases_cap,
    uint32_t group)
{
	struct cl_pl_worker *w = &in->w[in->nw];

	ck_assert_uint_lt(in->nw, MAX_WORKERS);
	memset(w, 0, sizeof *w);
	w->points_target = w->fill_cap = CL_DEC(points_target);
	w->cases_cap = cases_cap;
	w->group = group;
	w->rank = (uint32_t)in->nw;
	return (uint32_t)in->nw++;
}

/* Load that is no item: rows without a case id. */
static void
base(struct instance *in, uint32_t w, cl_dec points, long cases)
{
	in->w[w].points += points;
	in->w[w].cases += cases;
}

/* A share of case `key` held by `owner`; returns its index. */
static size_t
item(struct instance *in, uint32_t owner, uint32_t key, cl_dec points,
    int pinned)
{
	struct cl_pl_item *it = &in->it[in->ni];

	ck_assert_uint_lt(in->ni, MAX_ITEMS);
	it->owner = owner;
	it->case_key = key;
	it->points = points;
	it->pinned = pinned;
	base(in, owner, points, 1);
	return in->ni++;
}

static int
holds_before(const struct instance *in, uint32_t w, uint32_t key)
{
	for (size_t j = 0; j < in->ni; j++)
		if (in->it[j].owner == w && in->it[j].case_key == key)
			return 1;
	return 0;
}

/*
 * Whether a result keeps every rule; NULL if so, else what is wrong
 * (a static buffer).  The rules: only items of workers over at the start
 * move, pinned ones never; an item goes to another worker of its group
 * who was not over, did not hold the case and does not get two shares of
 * it; receivers end neither over nor above their fill cap; every worker's
 * totals are its totals before, minus what left, plus what came.
 */
static const char *
invalid(const struct instance *in, const struct outcome *o)
{
	static char why[200];
	cl_dec points[MAX_WORKERS];
	long cases[MAX_WORKERS];
	int took[MAX_WORKERS] = { 0 }, listed[MAX_ITEMS] = { 0 };
	size_t nchanged = 0;

	if (o->nmoved > in->ni)
		return "more moves than items";
	for (size_t k = 0; k < o->nmoved; k++) {
		if (o->moved[k] >= in->ni || listed[o->moved[k]])
			return "moved[] names an item twice or out of range";
		listed[o->moved[k]] = 1;
	}
	for (size_t w = 0; w < in->nw; w++) {
		points[w] = in->w[w].points;
		cases[w] = in->w[w].cases;
	}
	for (size_t i = 0; i < in->ni; i++) {
		const struct cl_pl_item *it = &in->it[i];
		uint32_t r = o->to[i];

		if (r >= in->nw)
			return "to[] out of range";
		if (r == it->owner) {
			if (listed[i])
				return "moved[] lists an item that stayed";
			continue;
		}
		nchanged++;
		snprintf(why, sizeof why, "item %zu (case %u, %u -> %u): ", i,
		    (unsigned)it->case_key, (unsigned)it->owner, (unsigned)r);
		if (!listed[i])
			strcat(why, "moved but not in moved[]");
		else if (it->pinned)
			strcat(why, "pinned but moved");
		else if (!cl_pl_over(&in->w[it->owner]))
			strcat(why, "its owner was not over");
		else if (in->w[r].group != in->w[it->owner].group)
			strcat(why, "moved out of its group");
		else if (cl_pl_over(&in->w[r]))
			strcat(why, "went to a worker who was over");
		else if (holds_before(in, r, it->case_key))
			strcat(why, "went to a worker who had the case");
		else
			why[0] = '\0';
		if (why[0] != '\0')
			return why;
		for (size_t j = 0; j < i; j++)
			if (o->to[j] == r && in->it[j].owner != r &&
			    in->it[j].case_key == it->case_key)
				return "a worker took two shares of one case";
		points[it->owner] -= it->points;
		cases[it->owner]--;
		points[r] += it->points;
		cases[r]++;
		took[r] = 1;
	}
	if (nchanged != o->nmoved)
		return "the count of moves is not the count of moved items";
	for (size_t w = 0; w < in->nw; w++) {
		const struct cl_pl_worker *a = &o->after[w], *b = &in->w[w];

		snprintf(why, sizeof why, "worker %zu: ", w);
		if (a->points != points[w] || a->cases != cases[w])
			strcat(why, "totals after are not before +/- moves");
		else if (a->points_target != b->points_target ||
		    a->fill_cap != b->fill_cap || a->cases_cap != b->cases_cap ||
		    a->group != b->group || a->rank != b->rank)
			strcat(why, "targets changed");
		else if (took[w] && cl_pl_over(a))
			strcat(why, "a receiver ends over");
		else if (took[w] && a->points > a->fill_cap)
			strcat(why, "a receiver ends above its fill cap");
		else
			why[0] = '\0';
		if (why[0] != '\0')
			return why;
	}
	return NULL;
}

static void
solve(const struct instance *in, struct outcome *o)
{
	const char *why;

	memset(o, 0, sizeof *o);
	memcpy(o->after, in->w, in->nw * sizeof *in->w);
	o->nmoved = cl_pl_solve(o->after, in->nw, in->it, in->ni, o->to,
	    o->moved);
	why = invalid(in, o);
	ck_assert_msg(why == NULL, "invalid plan: %s", why);
}

static int
anyone_over(const struct outcome *o, size_t nw)
{
	for (size_t w = 0; w < nw; w++)
		if (cl_pl_over(&o->after[w]))
			return 1;
	return 0;
}

/* ---- hand-made instances ---- */

START_TEST(feasible_one_giver_one_receiver)
{
	struct instance in = { 0 };
	struct outcome o;
	uint32_t a = worker(&in, 120, 25, 0), b = worker(&in, 120, 25, 0);
	size_t big;

	item(&in, a, 1, CL_DEC(60), 0);
	item(&in, a, 2, CL_DEC(40), 0);
	big = item(&in, a, 3, CL_DEC(25), 0);
	item(&in, a, 4, CL_DEC(10), 0);     /* 135: 15 over */
	base(&in, b, CL_DEC(50), 5);
	solve(&in, &o);
	ck_assert_uint_eq(o.nmoved, 1);
	ck_assert_uint_eq(o.moved[0], big);
	ck_assert_uint_eq(o.to[big], b);
	ck_assert(o.after[a].points == CL_DEC(110));
	ck_assert(o.after[b].points == CL_DEC(75));
	ck_assert_int_eq(o.after[b].cases, 6);
	ck_assert(!anyone_over(&o, in.nw));
}
END_TEST

START_TEST(over_on_cases_only_moves_the_smallest_cases)
{
	struct instance in = { 0 };
	struct outcome o;
	uint32_t a = worker(&in, 120, 3, 0), b = worker(&in, 120, 10, 0);

	item(&in, a, 1, CL_DEC(4), 0);
	item(&in, a, 2, CL_DEC(1), 0);
	item(&in, a, 3, CL_DEC(5), 0);
	item(&in, a, 4, CL_DEC(2), 0);
	item(&in, a, 5, CL_DEC(3), 0);      /* 5 cases, 2 too many */
	solve(&in, &o);
	ck_assert_uint_eq(o.nmoved, 2);
	ck_assert(in.it[o.moved[0]].points == CL_DEC(1));
	ck_assert(in.it[o.moved[1]].points == CL_DEC(2));
	ck_assert_int_eq(o.after[a].cases, 3);
	ck_assert(o.after[a].points == CL_DEC(12));
	ck_assert_int_eq(o.after[b].cases, 2);
}
END_TEST

START_TEST(one_smallest_case_that_clears_the_excess)
{
	struct instance in = { 0 };
	struct outcome o;
	uint32_t a = worker(&in, 120, 25, 0), b = worker(&in, 120, 25, 0);
	size_t eleven;

	item(&in, a, 1, CL_DEC(20), 0);
	item(&in, a, 2, CL_DEC(12), 0);
	eleven = item(&in, a, 3, CL_DEC(11), 0);
	item(&in, a, 4, CL_DEC(9), 0);
	item(&in, a, 5, CL_DEC(5), 0);
	base(&in, a, CL_DEC(73), 0);        /* 130: 10 over */
	solve(&in, &o);
	ck_assert_uint_eq(o.nmoved, 1);
	ck_assert_uint_eq(o.moved[0], eleven);
	ck_assert_uint_eq(o.to[eleven], b);
	ck_assert(o.after[a].points == CL_DEC(119));
}
END_TEST

START_TEST(clearing_case_that_fits_nowhere_is_passed_over)
{
	struct instance in = { 0 };
	struct outcome o;
	uint32_t a = worker(&in, 120, 25, 0), b = worker(&in, 120, 25, 0);

	item(&in, a, 1, CL_DEC(30), 0);     /* clears alone, fits nowhere */
	item(&in, a, 2, CL_DEC(6), 0);
	item(&in, a, 3, CL_DEC(5), 0);
	base(&in, a, CL_DEC(89), 0);        /* 130: 10 over */
	base(&in, b, CL_DEC(100), 0);       /* room 20 */
	solve(&in, &o);
	ck_assert_uint_eq(o.nmoved, 2);
	ck_assert(o.after[a].points == CL_DEC(119));
	ck_assert(o.after[b].points == CL_DEC(111));
	ck_assert(!anyone_over(&o, in.nw));
}
END_TEST

START_TEST(infeasible_team_still_gets_the_moves_that_help)
{
	struct instance in = { 0 };
	struct outcome o;
	uint32_t a = worker(&in, 120, 25, 0), b = worker(&in, 120, 25, 0);

	item(&in, a, 1, CL_DEC(15), 0);
	item(&in, a, 2, CL_DEC(15), 0);
	base(&in, a, CL_DEC(120), 4);       /* 150: 30 over */
	base(&in, b, CL_DEC(100), 4);       /* the team is 10 short */
	solve(&in, &o);
	ck_assert_uint_eq(o.nmoved, 1);
	ck_assert(o.after[a].points == CL_DEC(135));
	ck_assert(o.after[b].points == CL_DEC(115));
	ck_assert(cl_pl_over(&o.after[a]));
	ck_assert(!cl_pl_over(&o.after[b]));
}
END_TEST

START_TEST(nobody_over_no_moves)
{
	struct instance in = { 0 };
	struct outcome o;
	uint32_t a = worker(&in, 120, 25, 0), b = worker(&in, 120, 25, 0);

	item(&in, a, 1, CL_DEC(120), 0);    /* exactly at target: ok */
	item(&in, b, 2, CL_DEC(1), 0);
	base(&in, b, 0, 24);                /* exactly 25 cases: ok */
	solve(&in, &o);
	ck_assert_uint_eq(o.nmoved, 0);
	ck_assert_uint_eq(o.to[0], a);
	ck_assert_uint_eq(o.to[1], b);
}
END_TEST

START_TEST(pinned_items_never_move)
{
	struct instance in = { 0 };
	struct outcome o;
	uint32_t a = worker(&in, 120, 25, 0);
	size_t pinned;

	worker(&in, 120, 25, 0);
	pinned = item(&in, a, 1, CL_DEC(12), 1);    /* would clear alone */
	item(&in, a, 2, CL_DEC(6), 0);
	item(&in, a, 3, CL_DEC(6), 0);
	base(&in, a, CL_DEC(108), 0);               /* 132: 12 over */
	solve(&in, &o);
	ck_assert_uint_eq(o.to[pinned], a);
	ck_assert_uint_eq(o.nmoved, 2);
	ck_assert(o.after[a].points == CL_DEC(120));
}
END_TEST

START_TEST(all_pinned_giver_stays_over)
{
	struct instance in = { 0 };
	struct outcome o;
	uint32_t a = worker(&in, 120, 25, 0);

	worker(&in, 120, 25, 0);
	item(&in, a, 1, CL_DEC(70), 1);
	item(&in, a, 2, CL_DEC(70), 1);
	solve(&in, &o);
	ck_assert_uint_eq(o.nmoved, 0);
	ck_assert(cl_pl_over(&o.after[a]));
}
END_TEST

START_TEST(shared_case_moves_only_the_givers_share_elsewhere)
{
	struct instance in = { 0 };
	struct outcome o;
	uint32_t a = worker(&in, 120, 25, 0), b = worker(&in, 120, 25, 0);
	uint32_t c = worker(&in, 120, 25, 0);
	size_t mine, theirs;

	mine = item(&in, a, 7, CL_DEC(10), 0);
	item(&in, a, 1, CL_DEC(5), 0);
	base(&in, a, CL_DEC(114), 0);       /* 129: 9 over */
	theirs = item(&in, b, 7, CL_DEC(4), 0);
	base(&in, b, CL_DEC(96), 0);        /* the tightest fit, but has it */
	base(&in, c, CL_DEC(50), 0);
	solve(&in, &o);
	ck_assert_uint_eq(o.nmoved, 1);
	ck_assert_uint_eq(o.moved[0], mine);
	ck_assert_uint_eq(o.to[mine], c);
	ck_assert_uint_eq(o.to[theirs], b);
	ck_assert(o.after[c].points == CL_DEC(60));     /* the share, not 14 */
	ck_assert(o.after[b].points == CL_DEC(100));
}
END_TEST

START_TEST(shared_case_never_goes_to_its_other_holder)
{
	struct instance in = { 0 };
	struct outcome o;
	uint32_t a = worker(&in, 120, 25, 0), b = worker(&in, 120, 25, 0);
	size_t mine, other;

	mine = item(&in, a, 7, CL_DEC(10), 0);
	other = item(&in, a, 1, CL_DEC(5), 0);
	base(&in, a, CL_DEC(114), 0);       /* 129 */
	item(&in, b, 7, CL_DEC(4), 0);
	base(&in, b, CL_DEC(50), 0);        /* room for all, but has case 7 */
	solve(&in, &o);
	ck_assert_uint_eq(o.to[mine], a);
	ck_assert_uint_eq(o.nmoved, 1);
	ck_assert_uint_eq(o.to[other], b);
	ck_assert(cl_pl_over(&o.after[a]));
}
END_TEST

START_TEST(two_shares_of_a_case_never_meet_at_one_receiver)
{
	struct instance in = { 0 };
	struct outcome o;
	uint32_t a = worker(&in, 120, 25, 0), d = worker(&in, 120, 25, 0);
	uint32_t e = worker(&in, 120, 25, 0);
	size_t sa, sd;

	sa = item(&in, a, 9, CL_DEC(10), 0);
	base(&in, a, CL_DEC(116), 0);       /* 126 */
	sd = item(&in, d, 9, CL_DEC(10), 0);  /* would clear d alone */
	item(&in, d, 2, CL_DEC(11), 0);
	base(&in, d, CL_DEC(104), 0);       /* 125 */
	solve(&in, &o);
	ck_assert_uint_eq(o.to[sa], e);
	ck_assert_uint_eq(o.to[sd], d);
	ck_assert_uint_eq(o.nmoved, 2);
	ck_assert(o.after[e].points == CL_DEC(21));
	ck_assert(!anyone_over(&o, in.nw));
}
END_TEST

START_TEST(moves_stay_inside_a_group)
{
	struct instance in = { 0 };
	struct outcome o;
	uint32_t a = worker(&in, 120, 25, 0), b = worker(&in, 120, 25, 1);
	uint32_t c = worker(&in, 120, 25, 0);

	item(&in, a, 1, CL_DEC(10), 0);
	base(&in, a, CL_DEC(115), 0);       /* 125 */
	base(&in, b, 0, 0);                 /* room, other group */
	base(&in, c, CL_DEC(120), 0);       /* own group, full */
	solve(&in, &o);
	ck_assert_uint_eq(o.nmoved, 0);
	ck_assert(cl_pl_over(&o.after[a]));
	/* one group: the same case crosses */
	in.w[b].group = 0;
	solve(&in, &o);
	ck_assert_uint_eq(o.nmoved, 1);
	ck_assert_uint_eq(o.to[0], b);
}
END_TEST

START_TEST(receiver_stays_at_or_below_its_fill_cap)
{
	struct instance in = { 0 };
	struct outcome o;
	uint32_t a = worker(&in, 120, 25, 0), b = worker(&in, 120, 25, 0);
	uint32_t c = worker(&in, 120, 25, 0);

	in.w[b].fill_cap = in.w[c].fill_cap = CL_DEC(108);  /* 90 % */
	item(&in, a, 1, CL_DEC(5), 0);
	base(&in, a, CL_DEC(120), 0);
	base(&in, b, CL_DEC(103), 0);       /* 108 after: exactly the cap */
	base(&in, c, CL_DEC(60), 0);
	solve(&in, &o);
	ck_assert_uint_eq(o.to[0], b);
	ck_assert(o.after[b].points == CL_DEC(108));
	/* a hair more and it goes to the roomier one */
	in.w[b].points += 1;
	solve(&in, &o);
	ck_assert_uint_eq(o.to[0], c);
	/* under the cap of nobody: it stays */
	in.w[c].points = CL_DEC(104);
	solve(&in, &o);
	ck_assert_uint_eq(o.nmoved, 0);
}
END_TEST

START_TEST(receivers_never_become_over_on_points_or_cases)
{
	struct instance in = { 0 };
	struct outcome o;
	uint32_t a = worker(&in, 120, 3, 0), b = worker(&in, 120, 25, 0);
	uint32_t c = worker(&in, 120, 25, 0), d = worker(&in, 120, 10, 0);

	for (uint32_t k = 1; k <= 5; k++)
		item(&in, a, k, CL_DEC(k), 0);     /* 2 cases too many */
	base(&in, b, 0, 25);                /* points room, no case room */
	base(&in, c, CL_DEC(120), 1);       /* case room, no points room */
	base(&in, d, CL_DEC(100), 9);       /* room for one case */
	solve(&in, &o);
	ck_assert_uint_eq(o.nmoved, 1);
	ck_assert_uint_eq(o.to[o.moved[0]], d);
	ck_assert_int_eq(o.after[d].cases, 10);
	ck_assert(cl_pl_over(&o.after[a]));
	ck_assert(!cl_pl_over(&o.after[b]) && !cl_pl_over(&o.after[c]) &&
	    !cl_pl_over(&o.after[d]));
}
END_TEST

START_TEST(worker_who_gave_does_not_take)
{
	struct instance in = { 0 };
	struct outcome o;
	uint32_t g1 = worker(&in, 120, 25, 0), g2 = worker(&in, 120, 25, 0);
	uint32_t r = worker(&in, 120, 25, 0);

	item(&in, g1, 1, CL_DEC(30), 0);
	base(&in, g1, CL_DEC(100), 0);      /* 130; 100 after giving */
	item(&in, g2, 2, CL_DEC(5), 0);
	base(&in, g2, CL_DEC(120), 0);      /* 125 */
	base(&in, r, CL_DEC(40), 0);
	solve(&in, &o);
	ck_assert_uint_eq(o.nmoved, 2);
	ck_assert_uint_eq(o.to[0], r);
	ck_assert_uint_eq(o.to[1], r);
	ck_assert(o.after[g1].points == CL_DEC(100));
}
END_TEST

START_TEST(givers_most_over_first)
{
	struct instance in = { 0 };
	struct outcome o;
	uint32_t a = worker(&in, 120, 25, 0), b = worker(&in, 60, 25, 0);
	uint32_t r = worker(&in, 120, 25, 0);
	size_t ia, ib;

	ia = item(&in, a, 1, CL_DEC(10), 0);
	base(&in, a, CL_DEC(120), 0);       /* 130/120: 108 % */
	ib = item(&in, b, 2, CL_DEC(10), 0);
	base(&in, b, CL_DEC(60), 0);        /* 70/60: 117 %, served first */
	base(&in, r, CL_DEC(110), 0);       /* room for one of them */
	solve(&in, &o);
	ck_assert_uint_eq(o.nmoved, 1);
	ck_assert_uint_eq(o.to[ib], r);
	ck_assert_uint_eq(o.to[ia], a);
}
END_TEST

/* ---- random instances and brute force ---- */

/*
 * A random small team: 2 to 5 workers, sometimes in two groups, with
 * targets, case caps, fill caps, items (some pinned, some shares of one
 * case) and load that is no item; at most 8 movable items in all.
 */
static void
random_team(uint64_t *rng, struct instance *in)
{
	size_t nw = test_random_between(rng, 2, 5), movable = 0;
	int two_groups = test_random_between(rng, 0, 3) == 0;
	uint32_t next_key = 1;

	memset(in, 0, sizeof *in);
	for (size_t w = 0; w < nw; w++) {
		uint32_t id = worker(in, (long)test_random_between(rng, 10, 30),
		    (long)test_random_between(rng, 2, 6),
		    two_groups ? (uint32_t)test_random_between(rng, 0, 1) : 0);

		if (test_random_between(rng, 0, 3) == 0)
			in->w[id].fill_cap = in->w[id].points_target / 10 *
			    (cl_dec)test_random_between(rng, 7, 9);
		if (test_random_between(rng, 0, 3) == 0)
			base(in, id, HALF * (cl_dec)test_random_between(rng,
			    1, 16), (long)test_random_between(rng, 0, 1));
	}
	for (size_t w = 0; w < nw; w++) {
		uint32_t j = (uint32_t)test_random_between(rng, 0, w), t;

		t = in->w[w].rank;
		in->w[w].rank = in->w[j].rank;
		in->w[j].rank = t;
	}
	for (uint32_t w = 0; w < nw; w++) {
		size_t n = test_random_between(rng, 0, 4);

		for (size_t k = 0; k < n; k++) {
			uint32_t key = next_key;
			size_t other;

			/* a share of a case another worker has */
			if (in->ni > 0 && test_random_between(rng, 0, 5) == 0) {
				other = test_random_between(rng, 0, in->ni - 1);
				if (in->it[other].owner != w &&
				    !holds_before(in, w, in->it[other].case_key))
					key = in->it[other].case_key;
			}
			if (key == next_key)
				next_key++;
			item(in, w, key, HALF * (cl_dec)test_random_between(rng,
			    1, 24), test_random_between(rng, 0, 7) == 0);
		}
	}
	for (size_t i = 0; i < in->ni; i++) {
		if (in->it[i].pinned || !cl_pl_over(&in->w[in->it[i].owner]))
			continue;
		if (movable == 8)
			in->it[i].pinned = 1;
		else
			movable++;
	}
}

/* A random small team in which someone is over. */
static void
random_instance(uint64_t *rng, struct instance *in)
{
	for (;;) {
		random_team(rng, in);
		for (size_t w = 0; w < in->nw; w++)
			if (cl_pl_over(&in->w[w]))
				return;
	}
}

/* The search: each movable item stays or goes to one eligible worker. */
struct brute {
	const struct instance *in;
	size_t item[8], nitems;
	uint32_t option[8][MAX_WORKERS];
	size_t noptions[8];
	uint32_t to[8];
	cl_dec points[MAX_WORKERS];
	long cases[MAX_WORKERS];
	long best;                  /* fewest moves found, -1 none yet */
};

static int
over_now(const struct brute *b, size_t w)
{
	struct cl_pl_worker x = b->in->w[w];

	x.points = b->points[w];
	x.cases = b->cases[w];
	return cl_pl_over(&x);
}

static void
search(struct brute *b, size_t k, long moves)
{
	const struct cl_pl_item *it;

	if (b->best >= 0 && moves >= b->best)
		return;
	if (k == b->nitems) {
		for (size_t w = 0; w < b->in->nw; w++)
			if (over_now(b, w))
				return;
		b->best = moves;
		return;
	}
	it = &b->in->it[b->item[k]];
	b->to[k] = it->owner;
	search(b, k + 1, moves);
	for (size_t o = 0; o < b->noptions[k]; o++) {
		uint32_t r = b->option[k][o];
		const struct cl_pl_worker *w = &b->in->w[r];
		int clash = 0;

		if (b->points[r] + it->points > w->fill_cap ||
		    b->cases[r] + 1 > w->cases_cap)
			continue;
		for (size_t j = 0; j < k && !clash; j++)
			clash = b->to[j] == r &&
			    b->in->it[b->item[j]].case_key == it->case_key;
		if (clash)
			continue;
		b->to[k] = r;
		b->points[it->owner] -= it->points;
		b->cases[it->owner]--;
		b->points[r] += it->points;
		b->cases[r]++;
		search(b, k + 1, moves + 1);
		b->points[it->owner] += it->points;
		b->cases[it->owner]++;
		b->points[r] -= it->points;
		b->cases[r]--;
	}
	b->to[k] = it->owner;
}

/* The fewest moves that leave nobody over, or -1 when none do. */
static long
fewest_moves(const struct instance *in)
{
	struct brute b;

	memset(&b, 0, sizeof b);
	b.in = in;
	b.best = -1;
	for (size_t w = 0; w < in->nw; w++) {
		b.points[w] = in->w[w].points;
		b.cases[w] = in->w[w].cases;
	}
	for (size_t i = 0; i < in->ni; i++) {
		const struct cl_pl_item *it = &in->it[i];
		size_t k;

		if (it->pinned || !cl_pl_over(&in->w[it->owner]))
			continue;
		ck_assert_uint_lt(b.nitems, 8);
		k = b.nitems++;
		b.item[k] = i;
		for (uint32_t r = 0; r < in->nw; r++)
			if (r != it->owner && !cl_pl_over(&in->w[r]) &&
			    in->w[r].group == in->w[it->owner].group &&
			    !holds_before(in, r, it->case_key))
				b.option[k][b.noptions[k]++] = r;
	}
	search(&b, 0, 0);
	return b.best;
}

#define RANDOM_INSTANCES 5000

START_TEST(heuristic_against_brute_force)
{
	uint64_t rng = 20240611;
	size_t optimal = 0, one_more = 0, more = 0, missed = 0, neither = 0;

	for (size_t n = 0; n < RANDOM_INSTANCES; n++) {
		struct instance in;
		struct outcome o;
		uint64_t seed = rng;
		const char *why;
		long best;

		random_instance(&rng, &in);
		memset(&o, 0, sizeof o);
		memcpy(o.after, in.w, in.nw * sizeof *in.w);
		o.nmoved = cl_pl_solve(o.after, in.nw, in.it, in.ni, o.to,
		    o.moved);
		why = invalid(&in, &o);
		ck_assert_msg(why == NULL, "instance %zu (state %llu): invalid "
		    "plan: %s", n, (unsigned long long)seed, why);
		best = fewest_moves(&in);
		if (anyone_over(&o, in.nw)) {
			if (best >= 0)
				missed++;
			else
				neither++;
			continue;
		}
		ck_assert_msg(best >= 0, "instance %zu (state %llu): the "
		    "heuristic fits everyone, brute force found no plan", n,
		    (unsigned long long)seed);
		ck_assert_msg((long)o.nmoved >= best, "instance %zu: the "
		    "heuristic beat the brute force", n);
		if ((long)o.nmoved == best)
			optimal++;
		else if ((long)o.nmoved == best + 1)
			one_more++;
		else
			more++;
	}
	printf("plan vs brute force: %d instances, heuristic optimal in %zu, "
	    "+1 move in %zu, +2 or more in %zu, missed a feasible plan in %zu "
	    "(no plan exists in %zu)\n", RANDOM_INSTANCES, optimal, one_more,
	    more, missed, neither);
	fflush(stdout);
}
END_TEST

START_TEST(same_input_same_moves)
{
	uint64_t rng = 77;

	for (int n = 0; n < 200; n++) {
		struct instance in;
		struct outcome first, again;

		random_instance(&rng, &in);
		solve(&in, &first);
		solve(&in, &again);
		ck_assert_uint_eq(first.nmoved, again.nmoved);
		ck_assert(memcmp(first.moved, again.moved,
		    first.nmoved * sizeof *first.moved) == 0);
		ck_assert(memcmp(first.to, again.to,
		    in.ni * sizeof *first.to) == 0);
	}
}
END_TEST

/* ---- through the engine ---- */

static struct diag_log log_;
static struct cl_engine *engine;
static struct cl_config *config;

static void
setup(void)
{
	engine = test_engine_new(&log_);
}

static void
teardown(void)
{
	cl_engine_free(engine);
	engine = NULL;
	cl_config_free(config);
	config = NULL;
	diag_log_free(&log_);
}

/* Starts again with the configuration `json`. */
static void
use_config(const char *json)
{
	cl_engine_free(engine);
	config = cl_config_new();
	ck_assert_int_eq(cl_config_read(config, "team.json", json,
	    strlen(json), diag_log_add, &log_), CL_OK);
	engine = cl_engine_new(&config->targets, diag_log_add, &log_);
	cl_engine_use_config(engine, config);
}

static cl_dec
dec(const char *s)
{
	cl_dec v = 0;

	ck_assert_msg(cl_dec_parse(s, strlen(s), &v) == NULL, "bad %s", s);
	return v;
}

static void
roster(const char *worker_name, const char *fte, const char *team)
{
	static long line = 1;

	ck_assert_int_eq(cl_engine_add_worker(engine, worker_name, dec(fte),
	    team, "roster.csv", ++line), CL_OK);
}

/* The rows given, to check that moves name real cases of the giver. */
static struct row {
	const char *worker, *case_id;
	cl_dec points;
} rows[64];
static size_t nrows;

static void
add(const char *worker_name, const char *case_id, const char *points)
{
	struct cl_case c = { .worker = worker_name, .case_id = case_id,
		.points = dec(points), .file = "cases.csv",
		.line = (long)nrows + 2 };

	ck_assert_uint_lt(nrows, 64);
	rows[nrows].worker = worker_name;
	rows[nrows].case_id = case_id;
	rows[nrows++].points = c.points;
	ck_assert_int_eq(cl_engine_add_case(engine, &c), CL_OK);
}

static void
rows_reset(void)
{
	nrows = 0;
}

/* `n` rows without a case id, `points` each. */
static void
add_without_id(const char *worker_name, int n, const char *points)
{
	for (int i = 0; i < n; i++)
		add(worker_name, NULL, points);
}

/* Each move is a row the giver has, with the giver's points for it. */
static void
assert_moves_are_real(const struct cl_plan *p)
{
	for (size_t m = 0; m < p->nmoves; m++) {
		const struct cl_move *mv = &p->moves[m];
		size_t k = 0;

		ck_assert_ptr_nonnull(mv->case_id);
		while (k < nrows && (rows[k].case_id == NULL ||
		    strcmp(rows[k].case_id, mv->case_id) != 0 ||
		    strcmp(rows[k].worker, mv->from) != 0))
			k++;
		ck_assert_msg(k < nrows, "move %zu: %s is no case of %s", m,
		    mv->case_id, mv->from);
		ck_assert_msg(rows[k].points == mv->points, "move %zu: not the "
		    "giver's share", m);
		ck_assert_str_ne(mv->from, mv->to);
		for (size_t j = 0; j < nrows; j++)
			ck_assert_msg(rows[j].case_id == NULL ||
			    strcmp(rows[j].case_id, mv->case_id) != 0 ||
			    strcmp(rows[j].worker, mv->to) != 0,
			    "move %zu: %s already has %s", m, mv->to,
			    mv->case_id);
	}
}

static const struct cl_change *
plan_worker(const struct cl_plan *p, const char *name)
{
	for (size_t i = 0; i < p->nworkers; i++)
		if (strcmp(p->workers[i].worker, name) == 0)
			return &p->workers[i];
	ck_abort_msg("no %s among the plan's workers", name);
	return NULL;
}

static struct cl_plan *
rebalance(int across, const char *const *keep, size_t nkeep)
{
	struct cl_plan_options o;
	struct cl_plan *p;

	cl_plan_options_default(&o);
	o.across_teams = across;
	o.keep = keep;
	o.nkeep = nkeep;
	(void)cl_engine_report(engine, CL_SORT_STATUS);
	p = cl_engine_rebalance(engine, &o);
	assert_moves_are_real(p);
	return p;
}

START_TEST(plan_moves_the_givers_share_and_shows_before_after)
{
	struct cl_plan *p;
	const struct cl_change *w;

	rows_reset();
	roster("Anne", "1", "North");
	roster("Bo", "1", "North");
	roster("Cy", "1", "North");
	add("Anne", "S1", "8");
	add("Anne", "A1", "60");
	add("Anne", "A2", "57");            /* 125 */
	add("Bo", "S1", "20");
	add("Bo", "B1", "80");              /* 100: tightest, but has S1 */
	add("Cy", "C1", "50");
	p = rebalance(0, NULL, 0);
	ck_assert_uint_eq(p->nmoves, 1);
	ck_assert_str_eq(p->moves[0].case_id, "S1");
	ck_assert(p->moves[0].points == CL_DEC(8));
	ck_assert_str_eq(p->moves[0].from, "Anne");
	ck_assert_str_eq(p->moves[0].to, "Cy");
	ck_assert_str_eq(p->moves[0].team, "North");
	ck_assert(p->fits);
	ck_assert_uint_eq(p->nshortfalls, 0);
	ck_assert_uint_eq(p->nworkers, 2);
	ck_assert_str_eq(p->workers[0].worker, "Anne");
	ck_assert_str_eq(p->workers[1].worker, "Cy");
	w = plan_worker(p, "Anne");
	ck_assert_int_eq(w->cases_before, 3);
	ck_assert_int_eq(w->cases_after, 2);
	ck_assert(w->points_before == CL_DEC(125));
	ck_assert(w->points_after == CL_DEC(117));
	ck_assert(w->points_target == CL_DEC(120));
	ck_assert(w->load_before == dec("104.17"));
	ck_assert(w->load_after == dec("97.5"));
	ck_assert_int_eq(w->status_before, CL_OVER);
	ck_assert_int_eq(w->status_after, CL_OK_LOAD);
	ck_assert_int_eq(w->unmovable, 0);
	w = plan_worker(p, "Cy");
	ck_assert_int_eq(w->cases_before, 1);
	ck_assert_int_eq(w->cases_after, 2);
	ck_assert(w->points_after == CL_DEC(58));
	ck_assert_int_eq(w->status_before, CL_UNDER);
	ck_assert_int_eq(w->status_after, CL_UNDER);
	cl_plan_free(p);
}
END_TEST

START_TEST(nobody_over_empty_plan)
{
	struct cl_plan *p;

	rows_reset();
	add("Anne", "A1", "120");
	add("Bo", "B1", "10");
	p = rebalance(0, NULL, 0);
	ck_assert_uint_eq(p->nmoves, 0);
	ck_assert_uint_eq(p->nworkers, 0);
	ck_assert_uint_eq(p->nshortfalls, 0);
	ck_assert(p->fits);
	cl_plan_free(p);
	cl_plan_free(NULL);
}
END_TEST

START_TEST(shortfall_is_points_minus_capacity_in_fte)
{
	struct cl_plan *p;
	const struct cl_shortfall *s;
	const struct cl_change *w;

	rows_reset();
	roster("Anne", "1", "North");
	roster("Bo", "0.5", "North");
	roster("Cy", "1", "South");
	add_without_id("Anne", 2, "75");     /* 150 against 120 */
	add("Bo", "B1", "50");               /* 50 against 60 */
	add("Cy", "C1", "100");
	p = rebalance(0, NULL, 0);
	ck_assert_uint_eq(p->nmoves, 0);
	ck_assert(!p->fits);
	ck_assert_uint_eq(p->nshortfalls, 1);
	s = &p->shortfalls[0];
	ck_assert_str_eq(s->team, "North");
	ck_assert(s->points_short == CL_DEC(20));   /* 200 - 180 */
	ck_assert(s->fte_short == dec("0.17"));     /* 20 / 120 */
	ck_assert_uint_eq(s->nstill_over, 1);
	ck_assert_str_eq(s->still_over[0], "Anne");
	ck_assert_uint_eq(p->nworkers, 1);
	w = plan_worker(p, "Anne");
	ck_assert_int_eq(w->unmovable, 2);
	ck_assert(w->points_after == w->points_before);
	ck_assert_int_eq(w->status_after, CL_OVER);
	cl_plan_free(p);
}
END_TEST

START_TEST(shortfall_in_fte_of_the_teams_own_target)
{
	struct cl_plan *p;
	const struct cl_shortfall *s;

	rows_reset();
	use_config("{\"teams\": {\"Voksen\": {\"points\": 150}}}");
	roster("Dee", "1", "Voksen");
	roster("Eve", "1", "Voksen");
	add_without_id("Dee", 4, "50");     /* 200 against 150 */
	add("Eve", "E1", "130");            /* no room for a 50 */
	p = rebalance(0, NULL, 0);
	ck_assert_uint_eq(p->nshortfalls, 1);
	s = &p->shortfalls[0];
	ck_assert_str_eq(s->team, "Voksen");
	ck_assert(s->points_short == CL_DEC(30));   /* 330 - 300 */
	ck_assert(s->fte_short == dec("0.2"));      /* 30 / 150 */
	cl_plan_free(p);
}
END_TEST

START_TEST(shortfall_with_room_left_is_zero_points)
{
	struct cl_plan *p;

	rows_reset();
	roster("Anne", "1", "North");
	roster("Bo", "1", "North");
	add_without_id("Anne", 3, "45");     /* 135, cannot move */
	p = rebalance(0, NULL, 0);
	ck_assert_uint_eq(p->nmoves, 0);
	ck_assert_uint_eq(p->nshortfalls, 1);
	ck_assert(p->shortfalls[0].points_short == 0);
	ck_assert(p->shortfalls[0].fte_short == 0);
	ck_assert_str_eq(p->shortfalls[0].still_over[0], "Anne");
	ck_assert_int_eq(plan_worker(p, "Anne")->unmovable, 3);
	cl_plan_free(p);
}
END_TEST

START_TEST(rows_without_case_id_do_not_move)
{
	struct cl_plan *p;

	rows_reset();
	roster("Anne", "1", "North");
	roster("Bo", "1", "North");
	add_without_id("Anne", 1, "12");     /* would clear alone */
	add("Anne", "A1", "6");
	add("Anne", "A2", "6");
	add_without_id("Anne", 1, "108");    /* 132 */
	p = rebalance(0, NULL, 0);
	ck_assert_uint_eq(p->nmoves, 2);
	ck_assert(p->fits);
	ck_assert(plan_worker(p, "Anne")->points_after == CL_DEC(120));
	ck_assert_int_eq(plan_worker(p, "Anne")->unmovable, 2);
	cl_plan_free(p);
}
END_TEST

START_TEST(kept_cases_do_not_move)
{
	static const char *const keep[] = { "K1", "nowhere" };
	struct cl_plan *p;

	rows_reset();
	roster("Anne", "1", "North");
	roster("Bo", "1", "North");
	add("Anne", "K1", "12");
	add("Anne", "A1", "6");
	add("Anne", "A2", "6");
	add_without_id("Anne", 1, "108");
	p = rebalance(0, NULL, 0);
	ck_assert_uint_eq(p->nmoves, 1);
	ck_assert_str_eq(p->moves[0].case_id, "K1");
	cl_plan_free(p);
	p = rebalance(0, keep, 2);
	ck_assert_uint_eq(p->nmoves, 2);
	for (size_t m = 0; m < p->nmoves; m++)
		ck_assert_str_ne(p->moves[m].case_id, "K1");
	ck_assert(p->fits);
	ck_assert_int_eq(plan_worker(p, "Anne")->unmovable, 2);
	cl_plan_free(p);
}
END_TEST

START_TEST(moves_cross_teams_only_when_asked)
{
	struct cl_plan *p;

	rows_reset();
	roster("Anne", "1", "North");
	roster("Bo", "1", "North");
	roster("Cy", "1", "South");
	add("Anne", "A1", "10");
	add_without_id("Anne", 1, "115");   /* 125 */
	add("Bo", "B1", "118");
	add("Cy", "C1", "30");
	p = rebalance(0, NULL, 0);
	ck_assert_uint_eq(p->nmoves, 0);
	ck_assert_uint_eq(p->nshortfalls, 1);
	ck_assert_str_eq(p->shortfalls[0].team, "North");
	ck_assert(p->shortfalls[0].points_short == CL_DEC(3));
	ck_assert(p->shortfalls[0].fte_short == dec("0.03"));
	cl_plan_free(p);
	p = rebalance(1, NULL, 0);
	ck_assert_uint_eq(p->nmoves, 1);
	ck_assert_str_eq(p->moves[0].to, "Cy");
	ck_assert_str_eq(p->moves[0].team, "North");    /* the giver's */
	ck_assert(p->fits);
	cl_plan_free(p);
}
END_TEST

START_TEST(across_teams_shortfall_is_everyone)
{
	struct cl_plan *p;

	rows_reset();
	roster("Anne", "1", "North");
	roster("Cy", "1", "South");
	add_without_id("Anne", 1, "200");
	add("Cy", "C1", "100");
	p = rebalance(1, NULL, 0);
	ck_assert_uint_eq(p->nshortfalls, 1);
	ck_assert_ptr_null(p->shortfalls[0].team);
	ck_assert(p->shortfalls[0].points_short == CL_DEC(60));
	ck_assert(p->shortfalls[0].fte_short == dec("0.5"));
	cl_plan_free(p);
}
END_TEST

START_TEST(engine_plans_are_always_valid)
{
	uint64_t rng = 4242;

	for (int n = 0; n < 150; n++) {
		static const char *const names[] = { "Ann", "Bo", "Cy", "Di",
			"Ed" };
		static const char *const teams[] = { "North", "South" };
		static char ids[40][8];
		size_t nw = test_random_between(&rng, 2, 5);
		struct cl_plan *p;
		struct cl_targets t;

		cl_engine_free(engine);
		cl_targets_default(&t);
		t.points = CL_DEC(30);
		t.cases = CL_DEC(5);
		engine = cl_engine_new(&t, diag_log_add, &log_);
		rows_reset();
		for (size_t w = 0; w < nw; w++)
			roster(names[w], test_random_between(&rng, 0, 1) ? "1" :
			    "0.5", teams[test_random_between(&rng, 0, 1)]);
		for (size_t k = 0; k < 30; k++) {
			const char *who = names[test_random_between(&rng, 0,
			    nw - 1)];
			char pts[8];

			snprintf(ids[k], sizeof ids[k], "C%zu",
			    test_random_between(&rng, 1, 25));
			snprintf(pts, sizeof pts, "%zu",
			    test_random_between(&rng, 1, 9));
			if (test_random_between(&rng, 0, 9) == 0)
				add(who, NULL, pts);
			else {
				size_t j = 0;

				while (j < nrows && (rows[j].case_id == NULL ||
				    strcmp(rows[j].case_id, ids[k]) != 0 ||
				    strcmp(rows[j].worker, who) != 0))
					j++;
				if (j == nrows)     /* no repeated pairs */
					add(who, ids[k], pts);
			}
		}
		p = rebalance((int)test_random_between(&rng, 0, 1), NULL, 0);
		for (size_t i = 0; i < p->nworkers; i++) {
			const struct cl_change *w = &p->workers[i];

			ck_assert_msg(w->status_after != CL_OVER ||
			    w->status_before == CL_OVER, "%s pushed over",
			    w->worker);
			ck_assert(w->points_after <= w->points_target ||
			    w->status_before == CL_OVER);
		}
		ck_assert_int_eq(p->fits, p->nshortfalls == 0);
		cl_plan_free(p);
	}
}
END_TEST

/* ---- assign ---- */

static const struct cl_change *
candidate(const struct cl_ranking *r, size_t i)
{
	ck_assert_uint_lt(i, r->ncandidates);
	return &r->candidates[i];
}

START_TEST(assign_ranks_by_room_pushed_over_last)
{
	static const char *const expected[] = { "Bo", "Cy", "Anne", "Fay",
		"Dee", "Eve" };
	struct cl_ranking *r;

	roster("Anne", "1", "North");
	roster("Bo", "1", "North");
	roster("Cy", "1", "South");
	roster("Dee", "1", "South");
	roster("Eve", "1", "North");
	roster("Fay", "1", "North");
	add("Anne", "A1", "100");           /* 115 after: room 5 */
	add("Cy", "C1", "50");              /* room 55, like Bo: by name */
	add("Bo", "B1", "50");
	add("Dee", "D1", "110");            /* 125: pushed over */
	add("Eve", "E1", "130");            /* over already */
	add_without_id("Fay", 25, "0");     /* room 105, but a 26th case */
	(void)cl_engine_report(engine, CL_SORT_STATUS);
	r = cl_engine_assign(engine, CL_DEC(15), NULL);
	ck_assert(r->points == CL_DEC(15));
	ck_assert_uint_eq(r->ncandidates, 6);
	for (size_t i = 0; i < 6; i++)
		ck_assert_str_eq(candidate(r, i)->worker, expected[i]);
	ck_assert(candidate(r, 0)->points_before == CL_DEC(50));
	ck_assert(candidate(r, 0)->points_after == CL_DEC(65));
	ck_assert(candidate(r, 0)->room_after == CL_DEC(55));
	ck_assert_int_eq(candidate(r, 0)->cases_before, 1);
	ck_assert_int_eq(candidate(r, 0)->status_before, CL_UNDER);
	ck_assert_int_eq(candidate(r, 0)->status_after, CL_UNDER);
	ck_assert(!candidate(r, 0)->pushed_over);
	ck_assert(candidate(r, 2)->room_after == CL_DEC(5));
	ck_assert_int_eq(candidate(r, 2)->status_after, CL_OK_LOAD);
	ck_assert(candidate(r, 3)->pushed_over);
	ck_assert(candidate(r, 3)->room_after == CL_DEC(105));
	ck_assert(candidate(r, 4)->pushed_over);
	ck_assert_int_eq(candidate(r, 4)->status_before, CL_OK_LOAD);
	ck_assert(candidate(r, 4)->room_after == -CL_DEC(5));
	ck_assert(candidate(r, 5)->pushed_over);
	ck_assert_int_eq(candidate(r, 5)->status_before, CL_OVER);
	cl_ranking_free(r);
	cl_ranking_free(NULL);
}
END_TEST

START_TEST(assign_exactly_at_target_is_not_pushed_over)
{
	struct cl_ranking *r;

	add("Anne", "A1", "105");
	r = cl_engine_assign(engine, CL_DEC(15), NULL);
	ck_assert_uint_eq(r->ncandidates, 1);
	ck_assert(candidate(r, 0)->room_after == 0);
	ck_assert(!candidate(r, 0)->pushed_over);
	cl_ranking_free(r);
}
END_TEST

START_TEST(assign_team_filter)
{
	struct cl_ranking *r;

	roster("Anne", "1", "North");
	roster("Bo", "1", "South");
	roster("Cy", "0.5", "north");
	add("Anne", "A1", "10");
	add("Bo", "B1", "10");
	add("Cy", "C1", "10");
	add("Nil", "N1", "10");             /* no team */
	r = cl_engine_assign(engine, CL_DEC(4), "North");
	ck_assert_uint_eq(r->ncandidates, 2);
	ck_assert_str_eq(candidate(r, 0)->worker, "Anne");
	ck_assert_str_eq(candidate(r, 1)->worker, "Cy");
	ck_assert(candidate(r, 1)->points_target == CL_DEC(60));
	cl_ranking_free(r);
	r = cl_engine_assign(engine, CL_DEC(4), " south ");
	ck_assert_uint_eq(r->ncandidates, 1);
	ck_assert_str_eq(candidate(r, 0)->worker, "Bo");
	cl_ranking_free(r);
	r = cl_engine_assign(engine, CL_DEC(4), "East");
	ck_assert_uint_eq(r->ncandidates, 0);
	cl_ranking_free(r);
	r = cl_engine_assign(engine, CL_DEC(4), NULL);
	ck_assert_uint_eq(r->ncandidates, 4);
	cl_ranking_free(r);
}
END_TEST

Suite *
plan_suite(void)
{
	Suite *s = suite_create("plan");
	TCase *solver = tcase_create("solver");
	TCase *brute = tcase_create("brute force");
	TCase *plans = tcase_create("rebalance");
	TCase *assign = tcase_create("assign");
	TCase *fixtured[] = { plans, assign };

	suite_add_tcase(s, solver);
	suite_add_tcase(s, brute);
	for (size_t i = 0; i < sizeof fixtured / sizeof *fixtured; i++) {
		tcase_add_checked_fixture(fixtured[i], setup, teardown);
		suite_add_tcase(s, fixtured[i]);
	}
	tcase_add_test(solver, feasible_one_giver_one_receiver);
	tcase_add_test(solver, over_on_cases_only_moves_the_smallest_cases);
	tcase_add_test(solver, one_smallest_case_that_clears_the_excess);
	tcase_add_test(solver, clearing_case_that_fits_nowhere_is_passed_over);
	tcase_add_test(solver, infeasible_team_still_gets_the_moves_that_help);
	tcase_add_test(solver, nobody_over_no_moves);
	tcase_add_test(solver, pinned_items_never_move);
	tcase_add_test(solver, all_pinned_giver_stays_over);
	tcase_add_test(solver, shared_case_moves_only_the_givers_share_elsewhere);
	tcase_add_test(solver, shared_case_never_goes_to_its_other_holder);
	tcase_add_test(solver, two_shares_of_a_case_never_meet_at_one_receiver);
	tcase_add_test(solver, moves_stay_inside_a_group);
	tcase_add_test(solver, receiver_stays_at_or_below_its_fill_cap);
	tcase_add_test(solver, receivers_never_become_over_on_points_or_cases);
	tcase_add_test(solver, worker_who_gave_does_not_take);
	tcase_add_test(solver, givers_most_over_first);
	tcase_set_timeout(brute, SLOW_TEST_SECONDS);
	tcase_add_test(brute, heuristic_against_brute_force);
	tcase_add_test(brute, same_input_same_moves);
	tcase_add_test(plans, plan_moves_the_givers_share_and_shows_before_after);
	tcase_add_test(plans, nobody_over_empty_plan);
	tcase_add_test(plans, shortfall_is_points_minus_capacity_in_fte);
	tcase_add_test(plans, shortfall_in_fte_of_the_teams_own_target);
	tcase_add_test(plans, shortfall_with_room_left_is_zero_points);
	tcase_add_test(plans, rows_without_case_id_do_not_move);
	tcase_add_test(plans, kept_cases_do_not_move);
	tcase_add_test(plans, moves_cross_teams_only_when_asked);
	tcase_add_test(plans, across_teams_shortfall_is_everyone);
	tcase_add_test(plans, engine_plans_are_always_valid);
	tcase_add_test(assign, assign_ranks_by_room_pushed_over_last);
	tcase_add_test(assign, assign_exactly_at_target_is_not_pushed_over);
	tcase_add_test(assign, assign_team_filter);
	return s;
}
