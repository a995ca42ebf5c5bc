/*
 * check_diff.c - diffs with no I/O: workers' changes from reports made by
 * hand, case changes from the pairs of two engines.
 */
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "suites.h"

/* ---- workers ---- */

static struct cl_worker
w(const char *name, long cases, long points, enum cl_load_status status)
{
	struct cl_worker x;

	memset(&x, 0, sizeof x);
	x.name = name;
	x.cases = cases;
	x.points = CL_DEC(points);
	x.points_target = CL_DEC(120);
	x.has_load = 1;
	x.load_pct = cl_dec_ratio(x.points, x.points_target, 1);
	x.status = status;
	return x;
}

static struct cl_report
report(struct cl_worker *workers, size_t n)
{
	struct cl_report r;

	memset(&r, 0, sizeof r);
	r.workers = workers;
	r.nworkers = n;
	for (size_t i = 0; i < n; i++)
		r.summary.points += workers[i].points;
	return r;
}

static struct cl_diff *
diff_reports(const struct cl_report *b, const struct cl_report *a)
{
	struct cl_diff_side sb = { b, NULL, 0, 0 }, sa = { a, NULL, 0, 0 };

	return cl_diff_new(&sb, &sa);
}

static const struct cl_worker_diff *
find(const struct cl_diff *d, const char *name)
{
	for (size_t i = 0; i < d->nworkers; i++)
		if (strcmp(d->workers[i].worker, name) == 0)
			return &d->workers[i];
	ck_abort_msg("no worker %s in the diff", name);
	return NULL;
}

/* The change of one worker between two rows (NULL: absent). */
static enum cl_change_kind
change_of(const struct cl_worker *b, const struct cl_worker *a)
{
	struct cl_worker wb = b ? *b : w("x", 0, 0, CL_UNDER);
	struct cl_worker wa = a ? *a : w("x", 0, 0, CL_UNDER);
	struct cl_report rb = report(&wb, b != NULL);
	struct cl_report ra = report(&wa, a != NULL);
	struct cl_diff *d;
	enum cl_change_kind k;

	wb.name = wa.name = "X";
	d = diff_reports(&rb, &ra);
	ck_assert_uint_eq(d->nworkers, 1);
	k = d->workers[0].change;
	ck_assert_ptr_eq(d->workers[0].before, b ? &rb.workers[0] : NULL);
	ck_assert_ptr_eq(d->workers[0].after, a ? &ra.workers[0] : NULL);
	cl_diff_free(d);
	return k;
}

#define CHANGE(b, a, kind) \
	ck_assert_str_eq(cl_change_kind_name(change_of(b, a)), kind)

START_TEST(each_change_kind)
{
	struct cl_worker ok = w("X", 20, 100, CL_OK_LOAD);
	struct cl_worker ok2 = w("X", 21, 105, CL_OK_LOAD);
	struct cl_worker over = w("X", 27, 130, CL_OVER);
	struct cl_worker under = w("X", 5, 20, CL_UNDER);
	struct cl_worker none = w("X", 0, 0, CL_UNDER);

	CHANGE(&ok, &over, "newly_over");
	CHANGE(&over, &ok, "no_longer_over");
	CHANGE(&ok, &under, "newly_under");
	CHANGE(&under, &ok, "no_longer_under");
	CHANGE(&none, &ok, "joined");
	CHANGE(&ok, &none, "left");
	CHANGE(&ok, &ok2, "changed");
	CHANGE(&ok, &ok, "same");
	CHANGE(&none, &none, "same");
	CHANGE(&under, &under, "same");
}
END_TEST

START_TEST(precedence)
{
	struct cl_worker ok = w("X", 20, 100, CL_OK_LOAD);
	struct cl_worker over = w("X", 27, 130, CL_OVER);
	struct cl_worker under = w("X", 5, 20, CL_UNDER);
	struct cl_worker none = w("X", 0, 0, CL_UNDER);
	struct cl_worker over_no_cases = w("X", 0, 0, CL_OVER);
	struct cl_worker under2 = w("X", 6, 25, CL_UNDER);

	/* over -> under is no longer over, not newly under */
	CHANGE(&over, &under, "no_longer_over");
	CHANGE(&under, &over, "newly_over");
	/* absent before and over now: newly over, not joined */
	CHANGE(NULL, &over, "newly_over");
	CHANGE(&over, NULL, "no_longer_over");
	/* no cases before (under) and some now (ok): joined */
	CHANGE(&none, &ok, "joined");
	CHANGE(&none, &under, "joined");
	CHANGE(NULL, &ok, "joined");
	CHANGE(NULL, &under, "joined");
	/* some before and none now (under): left, not newly under */
	CHANGE(&ok, &none, "left");
	CHANGE(&ok, NULL, "left");
	CHANGE(&under, NULL, "left");
	/* over before and after, with no cases now (a 0 target): left */
	CHANGE(&over, &over_no_cases, "left");
	CHANGE(&ok, &over_no_cases, "newly_over");
	/* a null side is neither over nor under */
	CHANGE(NULL, &none, "newly_under");
	CHANGE(&none, NULL, "no_longer_under");
	CHANGE(&under, &under2, "changed");
}
END_TEST

START_TEST(team_alone_is_same)
{
	struct cl_worker b = w("X", 20, 100, CL_OK_LOAD);
	struct cl_worker a = b;

	b.team = "North";
	a.team = "South";
	CHANGE(&b, &a, "same");
	{
		struct cl_report rb = report(&b, 1), ra = report(&a, 1);
		struct cl_diff *d = diff_reports(&rb, &ra);

		ck_assert_str_eq(d->workers[0].team, "South");
		cl_diff_free(d);
		/* NEW without a team: OLD's */
		a.team = NULL;
		d = diff_reports(&rb, &ra);
		ck_assert_str_eq(d->workers[0].team, "North");
		cl_diff_free(d);
	}
}
END_TEST

START_TEST(load_alone_is_changed)
{
	struct cl_worker b = w("X", 20, 100, CL_OK_LOAD);
	struct cl_worker a = b;

	a.load_pct += 1;
	CHANGE(&b, &a, "changed");
	a = b;
	a.has_load = 0;
	CHANGE(&b, &a, "changed");
}
END_TEST

START_TEST(order_and_summary)
{
	/* OLD's report order: Ann, Bo, Cy, Di, Ed; NEW's: Ed, Cy, Ann, Fay */
	struct cl_worker old[] = {
		w("Ann", 20, 100, CL_OK_LOAD), w("Bo", 3, 10, CL_UNDER),
		w("Cy", 20, 100, CL_OK_LOAD), w("Di", 30, 150, CL_OVER),
		w("Ed", 20, 100, CL_OK_LOAD),
	};
	struct cl_worker now[] = {
		w("Ed", 30, 150, CL_OVER), w("Cy", 30, 150, CL_OVER),
		w("Ann", 20, 100, CL_OK_LOAD), w("Fay", 2, 8, CL_UNDER),
	};
	struct cl_report rb = report(old, 5), ra = report(now, 4);
	struct cl_diff *d = diff_reports(&rb, &ra);
	static const char *const want[] = { "Ed", "Cy", "Di", "Fay", "Bo",
		"Ann" };

	ck_assert_uint_eq(d->nworkers, 6);
	for (size_t i = 0; i < 6; i++)
		ck_assert_str_eq(d->workers[i].worker, want[i]);
	ck_assert_int_eq(find(d, "Di")->change, CL_CHANGE_NO_LONGER_OVER);
	ck_assert_ptr_null(find(d, "Di")->after);
	ck_assert_int_eq(find(d, "Fay")->change, CL_CHANGE_JOINED);
	ck_assert_int_eq(find(d, "Bo")->change, CL_CHANGE_LEFT);
	ck_assert_int_eq(find(d, "Ann")->change, CL_CHANGE_SAME);
	ck_assert_uint_eq(d->summary.changes[CL_CHANGE_NEWLY_OVER], 2);
	ck_assert_uint_eq(d->summary.changes[CL_CHANGE_NO_LONGER_OVER], 1);
	ck_assert_uint_eq(d->summary.changes[CL_CHANGE_JOINED], 1);
	ck_assert_uint_eq(d->summary.changes[CL_CHANGE_LEFT], 1);
	ck_assert_uint_eq(d->summary.changes[CL_CHANGE_SAME], 1);
	ck_assert_uint_eq(d->summary.changes[CL_CHANGE_CHANGED], 0);
	ck_assert_int_eq(d->summary.points_before, CL_DEC(460));
	ck_assert_int_eq(d->summary.points_after, CL_DEC(408));
	ck_assert_int_eq(d->has_cases, 0);
	/* --only: changed, all, and the statuses after */
	ck_assert(cl_diff_matches(CL_ONLY_CHANGED, find(d, "Di")));
	ck_assert(!cl_diff_matches(CL_ONLY_CHANGED, find(d, "Ann")));
	ck_assert(cl_diff_matches(CL_ONLY_ALL, find(d, "Ann")));
	ck_assert(cl_diff_matches(CL_ONLY_OVER, find(d, "Ed")));
	ck_assert(!cl_diff_matches(CL_ONLY_OVER, find(d, "Di")));
	ck_assert(!cl_diff_matches(CL_ONLY_FLAGGED, find(d, "Bo")));
	ck_assert(cl_diff_matches(CL_ONLY_UNDER, find(d, "Fay")));
	ck_assert(cl_diff_matches(CL_ONLY_OK, find(d, "Ann")));
	cl_diff_free(d);
}
END_TEST

START_TEST(empty_sides)
{
	struct cl_report rb = report(NULL, 0), ra = report(NULL, 0);
	struct cl_pair none[1];
	struct cl_diff_side sb = { &rb, none, 0, 1 }, sa = { &ra, none, 0, 1 };
	struct cl_diff *d = cl_diff_new(&sb, &sa);

	ck_assert_uint_eq(d->nworkers, 0);
	ck_assert_int_eq(d->has_cases, 1);
	for (int l = 0; l < CL_NCASE_LISTS; l++)
		ck_assert_uint_eq(d->ncases[l], 0);
	cl_diff_free(d);
	cl_diff_free(NULL);
}
END_TEST

START_TEST(names)
{
	ck_assert_str_eq(cl_change_kind_name(CL_CHANGE_NO_LONGER_UNDER),
	    "no_longer_under");
	ck_assert_str_eq(cl_case_list_name(CL_CASES_REPOINTED), "repointed");
	ck_assert_int_eq(cl_only_parse("changed"), CL_ONLY_CHANGED);
}
END_TEST

/* ---- cases, through two engines ---- */

static struct diag_log log_old, log_new;
static struct cl_engine *old_e, *new_e;
static struct cl_pair *old_pairs, *new_pairs;
static struct cl_diff *diff;

static void
setup(void)
{
	old_e = test_engine_new(&log_old);
	new_e = test_engine_new(&log_new);
}

static void
teardown(void)
{
	cl_diff_free(diff);
	diff = NULL;
	free(old_pairs);
	free(new_pairs);
	old_pairs = new_pairs = NULL;
	cl_engine_free(old_e);
	cl_engine_free(new_e);
	diag_log_free(&log_old);
	diag_log_free(&log_new);
}

static void
row(struct cl_engine *e, const char *id, const char *worker, long points,
    long line)
{
	struct cl_case c = { .worker = worker, .case_id = id,
		.points = CL_DEC(points), .file = "f.csv", .line = line };

	ck_assert_int_eq(cl_engine_add_case(e, &c), CL_OK);
}

static void
run(void)
{
	struct cl_diff_side sb = { cl_engine_report(old_e, CL_SORT_STATUS),
		NULL, 0, 1 };
	struct cl_diff_side sa = { cl_engine_report(new_e, CL_SORT_STATUS),
		NULL, 0, 1 };

	sb.npairs = cl_engine_pairs(old_e, &old_pairs);
	sb.pairs = old_pairs;
	sa.npairs = cl_engine_pairs(new_e, &new_pairs);
	sa.pairs = new_pairs;
	diff = cl_diff_new(&sb, &sa);
}

/* A list as text: "C1 A->B 2->3; ..." for moves, "C1 A 2->3" for
 * repointed, "C1 A 2" for added and closed. */
static char *
list(enum cl_case_list l)
{
	struct cl_buf b = { 0 };

	cl_buf_append(&b, "", 0);
	for (size_t i = 0; i < diff->ncases[l]; i++) {
		const struct cl_case_change *c = &diff->cases[l][i];
		char *s;

		if (l == CL_CASES_MOVED)
			s = test_asprintf("%s %s->%s %ld->%ld", c->case_id,
			    c->from, c->to, (long)(c->points_before /
			    CL_DEC_SCALE), (long)(c->points_after /
			    CL_DEC_SCALE));
		else if (l == CL_CASES_REPOINTED)
			s = test_asprintf("%s %s %ld->%ld", c->case_id,
			    c->worker, (long)(c->points_before / CL_DEC_SCALE),
			    (long)(c->points_after / CL_DEC_SCALE));
		else
			s = test_asprintf("%s %s %ld", c->case_id, c->worker,
			    (long)((l == CL_CASES_ADDED ? c->points_after
			    : c->points_before) / CL_DEC_SCALE));
		if (i > 0)
			cl_buf_append(&b, "; ", 2);
		cl_buf_append(&b, s, strlen(s));
		free(s);
	}
	return b.data;
}

#define LIST(l, want) do { \
	char *got_ = list(l); \
	ck_assert_str_eq(got_, want); \
	free(got_); \
} while (0)

START_TEST(pairs_in_file_order)
{
	struct cl_pair *p;
	size_t n;

	row(old_e, "C9", "B", 1, 2);
	row(old_e, "C1", "A", 2, 3);
	row(old_e, NULL, "A", 4, 4);
	row(old_e, "C1", "B", 3, 5);
	row(old_e, "C1", "B", 7, 6);	/* repeated: the first counts */
	n = cl_engine_pairs(old_e, &p);
	ck_assert_uint_eq(n, 3);
	ck_assert_str_eq(p[0].case_id, "C9");
	ck_assert_str_eq(p[1].case_id, "C1");
	ck_assert_str_eq(p[1].worker, "A");
	ck_assert_str_eq(p[2].worker, "B");
	ck_assert_int_eq(p[2].points, CL_DEC(3));
	ck_assert_int_eq(p[2].line, 5);
	free(p);
	ck_assert_uint_eq(cl_engine_pairs(new_e, &p), 0);
	ck_assert_ptr_null(p);
}
END_TEST

START_TEST(move_matching_in_file_order)
{
	row(old_e, "C1", "A", 2, 2);
	row(old_e, "C1", "B", 3, 3);
	row(new_e, "C1", "C", 5, 2);
	run();
	LIST(CL_CASES_MOVED, "C1 A->C 2->5");
	LIST(CL_CASES_CLOSED, "C1 B 3");
	LIST(CL_CASES_ADDED, "");
	LIST(CL_CASES_REPOINTED, "");
}
END_TEST

START_TEST(moves_pair_up_one_to_one)
{
	row(old_e, "C1", "A", 1, 2);
	row(old_e, "C1", "B", 2, 3);
	row(new_e, "C1", "D", 3, 2);
	row(new_e, "C2", "A", 9, 3);
	row(new_e, "C1", "C", 4, 5);
	row(new_e, "C1", "E", 5, 6);
	run();
	LIST(CL_CASES_MOVED, "C1 A->D 1->3; C1 B->C 2->4");
	LIST(CL_CASES_ADDED, "C1 E 5; C2 A 9");
	LIST(CL_CASES_CLOSED, "");
}
END_TEST

START_TEST(shared_case_moves_from_one_worker)
{
	row(old_e, "C1", "A", 2, 2);
	row(old_e, "C1", "B", 2, 3);
	row(new_e, "C1", "A", 2, 2);
	row(new_e, "C1", "C", 2, 3);
	run();
	LIST(CL_CASES_MOVED, "C1 B->C 2->2");
	LIST(CL_CASES_CLOSED, "");
	LIST(CL_CASES_ADDED, "");
}
END_TEST

START_TEST(shared_case_one_worker_drops_it)
{
	row(old_e, "C1", "A", 2, 2);
	row(old_e, "C1", "B", 2, 3);
	row(new_e, "C1", "A", 2, 2);
	run();
	LIST(CL_CASES_CLOSED, "C1 B 2");
	LIST(CL_CASES_MOVED, "");
}
END_TEST

START_TEST(added_closed_repointed)
{
	row(old_e, "C3", "A", 2, 2);
	row(old_e, "C2", "A", 4, 3);
	row(old_e, "C1", "B", 1, 4);
	row(new_e, "C2", "A", 6, 2);
	row(new_e, "C1", "B", 1, 3);
	row(new_e, "C4", "B", 3, 4);
	run();
	LIST(CL_CASES_ADDED, "C4 B 3");
	LIST(CL_CASES_CLOSED, "C3 A 2");
	LIST(CL_CASES_REPOINTED, "C2 A 4->6");
	LIST(CL_CASES_MOVED, "");
	ck_assert_uint_eq(diff->summary.cases[CL_CASES_ADDED], 1);
	ck_assert_uint_eq(diff->summary.cases[CL_CASES_CLOSED], 1);
	ck_assert_uint_eq(diff->summary.cases[CL_CASES_REPOINTED], 1);
	ck_assert_uint_eq(diff->summary.cases[CL_CASES_MOVED], 0);
	ck_assert_int_eq(find(diff, "A")->change, CL_CHANGE_CHANGED);
	ck_assert_int_eq(find(diff, "B")->change, CL_CHANGE_CHANGED);
}
END_TEST

START_TEST(lists_sorted_by_code_point)
{
	row(new_e, "Ø2", "A", 1, 2);
	row(new_e, "C10", "A", 1, 3);
	row(new_e, "Z1", "A", 1, 4);
	row(new_e, "C2", "A", 1, 5);
	row(new_e, "Å1", "A", 1, 6);
	run();
	/* Å is U+00C5, Ø U+00D8: after Z */
	LIST(CL_CASES_ADDED, "C10 A 1; C2 A 1; Z1 A 1; Å1 A 1; Ø2 A 1");
}
END_TEST

START_TEST(repeated_id_within_a_side)
{
	/* the engine counts the first row of a repeated pair */
	row(old_e, "C1", "A", 2, 2);
	row(old_e, "C1", "A", 5, 3);
	row(new_e, "C1", "A", 2, 2);
	run();
	LIST(CL_CASES_REPOINTED, "");
	LIST(CL_CASES_ADDED, "");
	LIST(CL_CASES_CLOSED, "");
	ck_assert_int_eq(find(diff, "A")->change, CL_CHANGE_SAME);
}
END_TEST

START_TEST(repeated_pair_given_twice)
{
	/* pairs from elsewhere may repeat: the first of a side counts */
	struct cl_worker a = w("A", 1, 2, CL_UNDER);
	struct cl_report r = report(&a, 1);
	struct cl_pair old[] = { { "C1", "A", CL_DEC(2), 2 },
		{ "C1", "A", CL_DEC(5), 3 }, { "C2", "A", CL_DEC(1), 4 },
		{ "C2", "A", CL_DEC(1), 5 } };
	struct cl_pair now[] = { { "C1", "A", CL_DEC(5), 2 },
		{ "C1", "A", CL_DEC(2), 3 }, { "C3", "A", CL_DEC(1), 4 },
		{ "C3", "A", CL_DEC(1), 5 } };
	struct cl_diff_side sb = { &r, old, 4, 1 }, sa = { &r, now, 4, 1 };

	diff = cl_diff_new(&sb, &sa);
	LIST(CL_CASES_REPOINTED, "C1 A 2->5");
	/* C2 only in OLD, C3 only in NEW: other ids, so no move */
	LIST(CL_CASES_MOVED, "");
	LIST(CL_CASES_CLOSED, "C2 A 1");
	LIST(CL_CASES_ADDED, "C3 A 1");
}
END_TEST

START_TEST(side_without_case_ids)
{
	struct cl_diff_side sb, sa;

	row(old_e, "C1", "A", 2, 2);
	row(new_e, "C2", "A", 2, 2);
	sb.report = cl_engine_report(old_e, CL_SORT_STATUS);
	sa.report = cl_engine_report(new_e, CL_SORT_STATUS);
	sb.npairs = cl_engine_pairs(old_e, &old_pairs);
	sb.pairs = old_pairs;
	sa.npairs = cl_engine_pairs(new_e, &new_pairs);
	sa.pairs = new_pairs;
	sb.has_case_ids = 1;
	sa.has_case_ids = 0;
	diff = cl_diff_new(&sb, &sa);
	ck_assert_int_eq(diff->has_cases, 0);
	for (int l = 0; l < CL_NCASE_LISTS; l++) {
		ck_assert_uint_eq(diff->ncases[l], 0);
		ck_assert_uint_eq(diff->summary.cases[l], 0);
	}
	ck_assert_int_eq(find(diff, "A")->change, CL_CHANGE_SAME);
	cl_diff_free(diff);
	sb.has_case_ids = 0;
	sa.has_case_ids = 1;
	diff = cl_diff_new(&sb, &sa);
	ck_assert_int_eq(diff->has_cases, 0);
}
END_TEST

START_TEST(rows_without_id_are_no_pair)
{
	row(old_e, NULL, "A", 2, 2);
	row(new_e, NULL, "B", 2, 2);
	run();
	for (int l = 0; l < CL_NCASE_LISTS; l++)
		ck_assert_uint_eq(diff->ncases[l], 0);
	ck_assert_int_eq(find(diff, "A")->change, CL_CHANGE_LEFT);
	ck_assert_int_eq(find(diff, "B")->change, CL_CHANGE_JOINED);
	ck_assert_ptr_null(find(diff, "A")->after);
	ck_assert_ptr_null(find(diff, "B")->before);
}
END_TEST

START_TEST(roster_worker_without_cases_is_same)
{
	ck_assert_int_eq(cl_engine_add_worker(old_e, "R", CL_DEC(1), NULL,
	    "roster.csv", 2), CL_OK);
	ck_assert_int_eq(cl_engine_add_worker(new_e, "R", CL_DEC(1), NULL,
	    "roster.csv", 2), CL_OK);
	row(old_e, "C1", "A", 2, 2);
	row(new_e, "C1", "A", 2, 2);
	run();
	ck_assert_int_eq(find(diff, "R")->change, CL_CHANGE_SAME);
	ck_assert_ptr_nonnull(find(diff, "R")->before);
	ck_assert_ptr_nonnull(find(diff, "R")->after);
	ck_assert_int_eq(find(diff, "R")->after->cases, 0);
}
END_TEST

/* ---- against a plain reference, on random sides ---- */

#define MAX_PAIRS 14

struct side_pairs {
	struct cl_pair p[MAX_PAIRS];
	size_t n;
};

/* Whether p[i] is the first of its (case id, worker) on its side. */
static int
first_of_pair(const struct side_pairs *s, size_t i)
{
	for (size_t k = 0; k < i; k++)
		if (strcmp(s->p[k].case_id, s->p[i].case_id) == 0 &&
		    strcmp(s->p[k].worker, s->p[i].worker) == 0)
			return 0;
	return 1;
}

/* The first pair of `other` with p's case id and worker, or NULL. */
static const struct cl_pair *
find_pair(const struct side_pairs *other, const struct cl_pair *p)
{
	for (size_t k = 0; k < other->n; k++)
		if (strcmp(other->p[k].case_id, p->case_id) == 0 &&
		    strcmp(other->p[k].worker, p->worker) == 0)
			return &other->p[k];
	return NULL;
}

static int
by_text(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
append(struct cl_buf *b, const char *text)
{
	cl_buf_append(b, text, strlen(text));
	cl_buf_append(b, "\n", 1);
}

/*
 * What the issue says, the slow way: lists as lines "LIST ID ORDER ...",
 * sorted (ORDER, two digits, keeps a case id's entries in file order).
 */
static char *
reference(const struct side_pairs *o, const struct side_pairs *w)
{
	char *lines[4 * MAX_PAIRS];
	size_t n = 0;
	int used_o[MAX_PAIRS] = { 0 }, used_w[MAX_PAIRS] = { 0 };
	struct cl_buf out = { 0 };

	for (size_t i = 0; i < o->n; i++) {
		const struct cl_pair *hit = find_pair(w, &o->p[i]);

		if (!first_of_pair(o, i))
			used_o[i] = 1;
		else if (hit != NULL) {
			used_o[i] = 1;
			if (hit->points != o->p[i].points)
				lines[n++] = test_asprintf("repointed %s %02zu %s "
				    "%ld->%ld", o->p[i].case_id, i,
				    o->p[i].worker, (long)o->p[i].points,
				    (long)hit->points);
		}
	}
	for (size_t i = 0; i < w->n; i++)
		used_w[i] = !first_of_pair(w, i) || find_pair(o, &w->p[i]);
	/* the k-th pair only in OLD of a case id goes with its k-th only
	 * in NEW */
	for (size_t i = 0; i < o->n; i++) {
		if (used_o[i])
			continue;
		used_o[i] = 1;
		for (size_t j = 0; j < w->n; j++) {
			if (used_w[j] || strcmp(w->p[j].case_id,
			    o->p[i].case_id) != 0)
				continue;
			used_w[j] = 1;
			lines[n++] = test_asprintf("moved %s %02zu %s->%s %ld->%ld",
			    o->p[i].case_id, i, o->p[i].worker, w->p[j].worker,
			    (long)o->p[i].points, (long)w->p[j].points);
			goto next;
		}
		lines[n++] = test_asprintf("closed %s %02zu %s %ld",
		    o->p[i].case_id, i, o->p[i].worker, (long)o->p[i].points);
next:
		;
	}
	for (size_t j = 0; j < w->n; j++)
		if (!used_w[j])
			lines[n++] = test_asprintf("added %s %02zu %s %ld",
			    w->p[j].case_id, j, w->p[j].worker,
			    (long)w->p[j].points);
	qsort(lines, n, sizeof *lines, by_text);
	cl_buf_append(&out, "", 0);
	for (size_t i = 0; i < n; i++) {
		append(&out, lines[i]);
		free(lines[i]);
	}
	return out.data;
}

/* Where pair p stands on its side. */
static size_t
place(const struct side_pairs *s, const char *id, const char *worker)
{
	for (size_t k = 0; k < s->n; k++)
		if (s->p[k].case_id == id && s->p[k].worker == worker)
			return k;
	ck_abort_msg("no pair %s %s", id, worker);
	return 0;
}

/* The diff's lists in the reference's form. */
static char *
actual(const struct cl_diff *d, const struct side_pairs *o,
    const struct side_pairs *w)
{
	char *lines[4 * MAX_PAIRS];
	size_t n = 0;
	struct cl_buf out = { 0 };

	for (size_t i = 0; i < d->ncases[CL_CASES_REPOINTED]; i++) {
		const struct cl_case_change *c = &d->cases[CL_CASES_REPOINTED][i];

		lines[n++] = test_asprintf("repointed %s %02zu %s %ld->%ld",
		    c->case_id, place(o, c->case_id, c->worker), c->worker,
		    (long)c->points_before, (long)c->points_after);
	}
	for (size_t i = 0; i < d->ncases[CL_CASES_MOVED]; i++) {
		const struct cl_case_change *c = &d->cases[CL_CASES_MOVED][i];

		lines[n++] = test_asprintf("moved %s %02zu %s->%s %ld->%ld",
		    c->case_id, place(o, c->case_id, c->from), c->from, c->to,
		    (long)c->points_before, (long)c->points_after);
	}
	for (size_t i = 0; i < d->ncases[CL_CASES_CLOSED]; i++) {
		const struct cl_case_change *c = &d->cases[CL_CASES_CLOSED][i];

		lines[n++] = test_asprintf("closed %s %02zu %s %ld", c->case_id,
		    place(o, c->case_id, c->worker), c->worker,
		    (long)c->points_before);
	}
	for (size_t i = 0; i < d->ncases[CL_CASES_ADDED]; i++) {
		const struct cl_case_change *c = &d->cases[CL_CASES_ADDED][i];

		lines[n++] = test_asprintf("added %s %02zu %s %ld", c->case_id,
		    place(w, c->case_id, c->worker), c->worker,
		    (long)c->points_after);
	}
	/* each list is sorted by case id, then file order, by itself */
	for (int l = 0; l < CL_NCASE_LISTS; l++)
		for (size_t i = 1; i < d->ncases[l]; i++)
			ck_assert_int_le(strcmp(d->cases[l][i - 1].case_id,
			    d->cases[l][i].case_id), 0);
	qsort(lines, n, sizeof *lines, by_text);
	cl_buf_append(&out, "", 0);
	for (size_t i = 0; i < n; i++) {
		append(&out, lines[i]);
		free(lines[i]);
	}
	return out.data;
}

static void
random_side(struct side_pairs *s, uint64_t *rng)
{
	static const char *const ids[] = { "C1", "C2", "C3", "Å4", "C10" };
	static const char *const workers[] = { "A", "B", "C", "D" };

	s->n = test_random_between(rng, 0, MAX_PAIRS);
	for (size_t i = 0; i < s->n; i++) {
		s->p[i].case_id = ids[test_random_between(rng, 0, 4)];
		s->p[i].worker = workers[test_random_between(rng, 0, 3)];
		s->p[i].points = (cl_dec)test_random_between(rng, 1, 3);
		s->p[i].line = (long)i + 2;
	}
}

START_TEST(cases_match_a_plain_reference)
{
	uint64_t rng = 12;
	struct cl_report empty;

	memset(&empty, 0, sizeof empty);
	for (int round = 0; round < 3000; round++) {
		struct side_pairs o, w;
		struct cl_diff_side so = { &empty, o.p, 0, 1 };
		struct cl_diff_side sw = { &empty, w.p, 0, 1 };
		struct cl_diff *d;
		char *want, *got;

		random_side(&o, &rng);
		random_side(&w, &rng);
		so.npairs = o.n;
		sw.npairs = w.n;
		d = cl_diff_new(&so, &sw);
		want = reference(&o, &w);
		got = actual(d, &o, &w);
		ck_assert_msg(strcmp(want, got) == 0, "round %d:\nwant\n%sgot\n%s",
		    round, want, got);
		free(want);
		free(got);
		cl_diff_free(d);
	}
}
END_TEST

/* ---- the result, rendered into open_memstream ---- */

static char *
render(const char *format, const struct cl_render_options *opt)
{
	char *text = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&text, &size);

	struct cl_result *r = cl_result_diff(diff, opt);

	ck_assert_int_eq(cl_render(r, format, opt, f), 0);
	fclose(f);
	cl_result_free(r);
	return text;
}

#define RENDERS(format, opt, want) do { \
	char *got_ = render(format, opt); \
	ck_assert_str_eq(got_, want); \
	free(got_); \
} while (0)

/* OLD: Ann 4 (C1), Bo 130 (C2); NEW: Ann 4 (C1), Cy 7.5 (C2). */
static void
small_diff(void)
{
	row(old_e, "C1", "Ann", 4, 2);
	row(old_e, "C2", "Bo", 130, 3);
	row(new_e, "C1", "Ann", 4, 2);
	{
		struct cl_case c = { .worker = "=Cy, Jr", .case_id = "C2",
			.points = CL_DEC(15) / 2, .file = "f.csv", .line = 3 };

		ck_assert_int_eq(cl_engine_add_case(new_e, &c), CL_OK);
	}
	run();
}

START_TEST(csv_rows_and_null_sides)
{
	struct cl_render_options opt;

	small_diff();
	cl_render_options_default(&opt);
	opt.only = CL_ONLY_CHANGED;
	RENDERS("csv", &opt, "worker,team,change,cases_before,cases_after,"
	    "points_before,points_after,load_pct_before,load_pct_after,"
	    "status_before,status_after\n"
	    "Bo,,no_longer_over,1,,130,,108.33,,over,\n"
	    "\"'=Cy, Jr\",,joined,,1,,7.5,,6.25,,under\n");
	opt.all_cases = 1;
	opt.decimal_sep = ',';
	RENDERS("csv", &opt, "change,case_id,worker,from,to,points_before,"
	    "points_after\nmoved,C2,,Bo,\"'=Cy, Jr\",130,\"7,5\"\n");
	opt.only = CL_ONLY_ALL;
	opt.all_cases = 0;
	opt.decimal_sep = '.';
	RENDERS("tsv", &opt, "worker\tteam\tchange\tcases_before\t"
	    "cases_after\tpoints_before\tpoints_after\tload_pct_before\t"
	    "load_pct_after\tstatus_before\tstatus_after\n"
	    "Bo\t\tno_longer_over\t1\t\t130\t\t108.33\t\tover\t\n"
	    "'=Cy, Jr\t\tjoined\t\t1\t\t7.5\t\t6.25\t\tunder\n"
	    "Ann\t\tsame\t1\t1\t4\t4\t3.33\t3.33\tunder\tunder\n");
}
END_TEST

START_TEST(json_follows_only_and_keeps_every_list)
{
	struct cl_render_options opt;
	char *text;

	small_diff();
	cl_render_options_default(&opt);
	opt.only = CL_ONLY_OVER;	/* nobody is over in NEW */
	text = render("json", &opt);
	ck_assert_ptr_nonnull(strstr(text, "\"workers\":\t[]"));
	ck_assert_ptr_nonnull(strstr(text, "\"from\":\t\"Bo\""));
	ck_assert_ptr_nonnull(strstr(text, "\"no_longer_over\":\t1"));
	ck_assert_ptr_nonnull(strstr(text, "\"moved\":\t1"));
	ck_assert_ptr_nonnull(strstr(text, "\"points_after\":\t11.5"));
	ck_assert_ptr_nonnull(strstr(text, "\"diagnostics\":\t[]"));
	free(text);
}
END_TEST

START_TEST(table_caps_lists_at_20)
{
	struct cl_render_options opt;
	char *text;

	for (int i = 0; i < 23; i++) {
		char id[16];

		snprintf(id, sizeof id, "N%02d", i);
		row(new_e, id, "Ann", 1, 2 + i);
	}
	run();
	cl_render_options_default(&opt);
	opt.only = CL_ONLY_CHANGED;
	text = render("table", &opt);
	ck_assert_ptr_nonnull(strstr(text, "Added (23):\n"));
	ck_assert_ptr_nonnull(strstr(text, "N19"));
	ck_assert_ptr_null(strstr(text, "N20"));
	ck_assert_ptr_nonnull(strstr(text, "and 3 more (--cases lists them "
	    "all)\n"));
	ck_assert_ptr_nonnull(strstr(text, "1 worker: 1 joined; cases: 23 "
	    "added, 0 closed, 0 moved, 0 repointed; points 0 → 23.\n"));
	free(text);
	opt.all_cases = 1;
	text = render("table", &opt);
	ck_assert_ptr_nonnull(strstr(text, "N22"));
	ck_assert_ptr_null(strstr(text, "more"));
	free(text);
}
END_TEST

START_TEST(table_says_when_nobody_changed)
{
	struct cl_render_options opt;

	row(old_e, "C1", "Ann", 4, 2);
	row(new_e, "C1", "Ann", 4, 2);
	run();
	cl_render_options_default(&opt);
	opt.only = CL_ONLY_CHANGED;
	RENDERS("table", &opt, "No worker changed.\n\n1 worker: 1 same; "
	    "cases: 0 added, 0 closed, 0 moved, 0 repointed; points 4 → 4.\n");
	opt.only = CL_ONLY_OVER;
	RENDERS("table", &opt, "No worker matches --only.\n\n1 worker: 1 same; "
	    "cases: 0 added, 0 closed, 0 moved, 0 repointed; points 4 → 4.\n");
}
END_TEST

Suite *
diff_suite(void)
{
	Suite *s = suite_create("diff");
	TCase *t = tcase_create("workers");
	TCase *c = tcase_create("cases");

	tcase_add_test(t, each_change_kind);
	tcase_add_test(t, precedence);
	tcase_add_test(t, team_alone_is_same);
	tcase_add_test(t, load_alone_is_changed);
	tcase_add_test(t, order_and_summary);
	tcase_add_test(t, empty_sides);
	tcase_add_test(t, names);
	tcase_add_test(t, cases_match_a_plain_reference);
	suite_add_tcase(s, t);
	tcase_add_checked_fixture(c, setup, teardown);
	tcase_add_test(c, pairs_in_file_order);
	tcase_add_test(c, move_matching_in_file_order);
	tcase_add_test(c, moves_pair_up_one_to_one);
	tcase_add_test(c, shared_case_moves_from_one_worker);
	tcase_add_test(c, shared_case_one_worker_drops_it);
	tcase_add_test(c, added_closed_repointed);
	tcase_add_test(c, lists_sorted_by_code_point);
	tcase_add_test(c, repeated_id_within_a_side);
	tcase_add_test(c, repeated_pair_given_twice);
	tcase_add_test(c, side_without_case_ids);
	tcase_add_test(c, rows_without_id_are_no_pair);
	tcase_add_test(c, roster_worker_without_cases_is_same);
	tcase_add_test(c, csv_rows_and_null_sides);
	tcase_add_test(c, json_follows_only_and_keeps_every_list);
	tcase_add_test(c, table_caps_lists_at_20);
	tcase_add_test(c, table_says_when_nobody_changed);
	suite_add_tcase(s, c);
	return s;
}
