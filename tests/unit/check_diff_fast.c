/*
 * check_diff_fast.c - caseload diff's fast way (diff_fast.c) against its
 * general way: both sides counted with every core, only the pairs that
 * differ kept, must give byte for byte the diff that every pair gives
 * (tests/diff_differential.h).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../diff_differential.h"
#include "fast.h"
#include "helpers.h"
#include "suites.h"

static int
ways(const char *old, const char *now, int roster)
{
	return diff_ways(old, strlen(old), now, strlen(now), roster, 2, 1);
}

START_TEST(test_every_kind_of_case_change)
{
	/* C1 moves A -> C and is closed for B (file order); C2 repointed;
	 * C3 closed; C4 added; C5 on both sides the same; a long id
	 * repointed and one moved */
	const char *old = "case_id,worker,points\n"
	    "C1,A,1\nC1,B,2\nC2,A,3\nC3,B,1\nC5,A,1\n"
	    "a-case-id-longer-than-fifteen,A,2\n"
	    "another-long-case-id-0001,B,1\n";
	const char *now = "case_id,worker,points\n"
	    "C5,A,1\nC1,C,1\nC2,A,4.5\nC4,B,2\n"
	    "a-case-id-longer-than-fifteen,A,3\n"
	    "another-long-case-id-0001,C,1\n";

	ck_assert_int_eq(ways(old, now, 0), DIFF_WAYS_SAME);
	ck_assert_int_eq(ways(now, old, 0), DIFF_WAYS_SAME);
}
END_TEST

START_TEST(test_a_shared_case_moves_among_several_workers)
{
	const char *old = "case_id,worker,points\n"
	    "K,A,1\nK,B,1\nK,C,1\nL,A,2\n";
	const char *now = "case_id,worker,points\n"
	    "K,D,1\nK,B,1\nK,E,2\nL,A,2\nK,F,1\n";

	ck_assert_int_eq(ways(old, now, 0), DIFF_WAYS_SAME);
	ck_assert_int_eq(ways(now, old, 0), DIFF_WAYS_SAME);
}
END_TEST

START_TEST(test_with_a_roster)
{
	const char *old = "case_id,worker,team,points\nC1,Bo,A,1\nC2,Bo,A,2\n";
	const char *now = "case_id,worker,team,points\nC2,Bo,A,3\nC3,Bo,A,1\n";

	ck_assert_int_eq(ways(old, now, 1), DIFF_WAYS_SAME);
	/* a worker the roster does not know is said: the general way */
	ck_assert_int_eq(ways(old, "case_id,worker,team,points\nC1,X,A,1\n",
	    1), DIFF_WAYS_DECLINED);
}
END_TEST

START_TEST(test_without_a_case_id_column)
{
	const char *with = "case_id,worker,points\nC1,A,1\nC2,B,2\n";
	const char *without = "worker,points\nA,1\nB,3\n";

	/* a list without case ids is noted, so the general way reads it;
	 * whichever way, the same diff */
	ck_assert_int_ne(ways(with, without, 0), DIFF_WAYS_DIFFER);
	ck_assert_int_ne(ways(without, with, 0), DIFF_WAYS_DIFFER);
	ck_assert_int_ne(ways(without, without, 0), DIFF_WAYS_DIFFER);
}
END_TEST

START_TEST(test_ids_the_general_way_reads_anew)
{
	/* quoted, trimmed, not ASCII, and rows without an id */
	const char *old = "case_id,worker,points\n"
	    "\"C,1\",A,1\n \xc3\x85-1 ,B,2\n,A,1\n\"C\"\"2\",B,1\n";
	const char *now = "case_id,worker,points\n"
	    "\"C,1\",B,1\n\xc3\x85-1,B,3\n,B,1\n\"C\"\"2\",B,1\n";

	ck_assert_int_eq(ways(old, now, 0), DIFF_WAYS_SAME);
}
END_TEST

START_TEST(test_a_case_repeated_for_one_worker_goes_the_general_way)
{
	const char *old = "case_id,worker,points\nC1,A,1\nC1,A,2\n";
	const char *now = "case_id,worker,points\nC1,A,1\n";

	ck_assert_int_eq(ways(old, now, 0), DIFF_WAYS_DECLINED);
	ck_assert_int_eq(ways(now, old, 0), DIFF_WAYS_DECLINED);
}
END_TEST

START_TEST(test_a_row_to_report_goes_the_general_way)
{
	const char *old = "case_id,worker,points\nC1,A,1\nC2,B,x\n";
	const char *now = "case_id,worker,points\nC1,A,1\n";

	ck_assert_int_eq(ways(old, now, 0), DIFF_WAYS_DECLINED);
}
END_TEST

/*
 * A random list: each id of a pool, with probability 3/4, for one to three
 * distinct workers of a small pool (so cases are shared, and move between
 * lists), some ids long; a few rows without an id; in random order.  With
 * `repeat`, one row is there twice (the fast way declines).
 */
static void
random_list(struct cl_buf *b, unsigned *seed, unsigned ids, int with_ids,
    int repeat)
{
	static const char *const workers[] = { "A", "B", "Bo", "\xc3\x85se",
		"Dan Holm", "E" };
	static const char *const points[] = { "1", "2.5", "0.5", "3", "1,5" };
	char **lines = calloc(3 * ids + 2, sizeof *lines);
	size_t n = 0;

	for (unsigned id = 0; id < ids; id++) {
		unsigned first = (unsigned)rand_r(seed) % 6;
		unsigned many = 1 + (unsigned)rand_r(seed) % 3;

		if (rand_r(seed) % 4 == 0)
			continue;
		for (unsigned k = 0; k < many; k++) {
			char line[128];
			int len = 0;

			if (with_ids && rand_r(seed) % 29 != 0)
				len = snprintf(line, sizeof line, id % 5 == 0 ?
				    "long-case-number-%06u;" : "K%u;", id);
			else if (with_ids)
				len = snprintf(line, sizeof line, ";");
			snprintf(line + len, sizeof line - (size_t)len,
			    "%s;\"%s\"\n", workers[(first + 2 * k) % 6],
			    points[rand_r(seed) % 5]);
			lines[n++] = strdup(line);
		}
	}
	if (repeat && n > 0) {
		char *again = strdup(lines[(size_t)rand_r(seed) % n]);

		lines[n++] = again;
	}
	for (size_t i = n; i > 1; i--) {
		size_t j = (size_t)rand_r(seed) % i;
		char *t = lines[i - 1];

		lines[i - 1] = lines[j];
		lines[j] = t;
	}
	cl_buf_append(b, with_ids ? "case_id;worker;points\n" :
	    "worker;points\n", with_ids ? 22 : 14);
	for (size_t i = 0; i < n; i++) {
		cl_buf_append(b, lines[i], strlen(lines[i]));
		free(lines[i]);
	}
	free(lines);
}

START_TEST(test_random_lists_agree)
{
	unsigned seed = 12;
	int same = 0;

	for (int round = 0; round < 120; round++) {
		struct cl_buf old = { 0 }, now = { 0 };
		unsigned ids = 1 + (unsigned)rand_r(&seed) % 300;
		int with_old = round % 9 != 0, with_new = round % 11 != 0, rc;

		random_list(&old, &seed, ids, with_old, round % 10 == 3);
		random_list(&now, &seed, ids, with_new, round % 10 == 7);
		rc = diff_ways(old.data, old.len, now.data, now.len, round % 8 == 1,
		    1 + (unsigned)round % 3, 1 + (uint64_t)(rand_r(&seed) %
		    2000));
		ck_assert_msg(rc != DIFF_WAYS_DIFFER, "round %d", round);
		same += rc == DIFF_WAYS_SAME;
		cl_buf_free(&old);
		cl_buf_free(&now);
	}
	/* a repeated row, a side without case ids (a note) or a worker the
	 * roster does not know (a warning) declines */
	ck_assert_int_gt(same, 50);
}
END_TEST

/* A week's change of a longer list: the same rows with a few moved,
 * repointed, closed and added, cut into many chunks. */
START_TEST(test_a_week_of_changes_agrees)
{
	struct cl_buf old = { 0 }, now = { 0 };
	const char *head = "case_id,worker,team,points\n";

	cl_buf_append(&old, head, strlen(head));
	cl_buf_append(&now, head, strlen(head));
	for (unsigned i = 0; i < 20000; i++) {
		char line[96];
		int n = snprintf(line, sizeof line, "SAG%09u,W%u,T%u,%u\n", i *
		    2654435761u % 1000000000u, i % 97, i % 97 % 5, 1 + i % 7);

		cl_buf_append(&old, line, (size_t)n);
		if (i % 101 == 0)
			continue;	/* closed */
		if (i % 103 == 0)	/* moved */
			n = snprintf(line, sizeof line, "SAG%09u,W%u,T%u,%u\n",
			    i * 2654435761u % 1000000000u, (i + 1) % 97,
			    (i + 1) % 97 % 5, 1 + i % 7);
		else if (i % 107 == 0)	/* repointed */
			n = snprintf(line, sizeof line, "SAG%09u,W%u,T%u,%u.5\n",
			    i * 2654435761u % 1000000000u, i % 97, i % 97 % 5,
			    1 + i % 7);
		cl_buf_append(&now, line, (size_t)n);
		if (i % 109 == 0) {	/* added */
			n = snprintf(line, sizeof line, "NY%u,W%u,T%u,2\n", i,
			    i % 97, i % 97 % 5);
			cl_buf_append(&now, line, (size_t)n);
		}
	}
	ck_assert_int_eq(diff_ways(old.data, old.len, now.data, now.len, 0, 2,
	    4096), DIFF_WAYS_SAME);
	ck_assert_int_eq(diff_ways(old.data, old.len, now.data, now.len, 0, 3,
	    1), DIFF_WAYS_SAME);
	cl_buf_free(&old);
	cl_buf_free(&now);
}
END_TEST

/*
 * A task's kept rows, sorted (fast_rows.c): bucket B holds exactly the
 * rows whose id hashes to B, every row once, for every number of bucket
 * bits, also when the bins grow past what the chunk's size promised.  (A
 * row in a wrong bucket would not change a diff, only make it slower: a
 * pair on both sides would be kept as two that differ.)
 */
START_TEST(test_kept_rows_sort_into_their_buckets)
{
	static const unsigned bits[] = { 0, 3, 6, 7, 12 };
	static const char base[64];

	for (size_t k = 0; k < sizeof bits / sizeof bits[0]; k++)
		for (int small = 0; small < 2; small++) {
			struct cl_fast_rows rows = { 0 };
			struct cl_layout layout = { 0 };
			struct task t = { 0 };
			size_t nb = (size_t)1 << bits[k], seen = 0;
			uint64_t sum = 0, want = 0;

			rows.bits = bits[k];
			layout.rows = &rows;
			t.layout = &layout;
			t.base = base;
			t.to = small ? 100 : 4000000;
			for (unsigned i = 0; i < 40000; i++) {
				char id[32];
				int len = snprintf(id, sizeof id, i % 7 ? "C%u" :
				    "long-case-number-%08u", i * 7919u % 100003u);

				cl_fast_row_key(&t, id, (size_t)len, cl_fingerprint(id,
				    (size_t)len));
				t.pos = i;
				ck_assert_int_eq(cl_fast_keep_row(&t, base, i % 300,
				    (cl_dec)i), 0);
				want += i;
			}
			cl_fast_sort_rows(&t);
			for (size_t b = 0; b < nb; b++)
				for (size_t i = t.rec_start[b]; i < t.rec_start[nb +
				    b]; i++) {
					const struct cl_row_key *r = &t.recs[i];

					ck_assert_uint_eq(bucket_of(r, bits[k]), b);
					ck_assert_uint_eq(worker_of(r), (size_t)
					    r->points % 300);
					ck_assert_uint_eq(offset_of(r), (uint64_t)
					    r->points);
					sum += (uint64_t)r->points;
					seen++;
				}
			ck_assert_uint_eq(seen, 40000);
			ck_assert_uint_eq(sum, want);
			free(t.recs);
			free(t.bin_n);
			free(t.rec_start);
		}
}
END_TEST

/* Short rows: more than the fast way's bins were sized for. */
static void
short_rows(struct cl_buf *b, unsigned n, unsigned shift)
{
	cl_buf_append(b, "case_id,worker,points\n", 22);
	for (unsigned i = 0; i < n; i++) {
		char line[64];
		int len = snprintf(line, sizeof line, "%u,W%u,%u\n", i,
		    (i + shift * (i % 3 == 0)) % 11, 1 + (i + shift * (i % 5 ==
		    0)) % 4);

		cl_buf_append(b, line, (size_t)len);
	}
}

/*
 * Lists cut into as many buckets as files of up to gigabytes: the rows
 * kept in bins by the top bits of their ids' hash, and each bin sorted by
 * the next ones (fast_rows.c), with ids shared by several workers found
 * in those buckets, must give the general way's diff.
 */
START_TEST(test_lists_in_many_buckets_agree)
{
	static const unsigned bits[] = { 1, 5, 6, 7, 9, 12 };
	unsigned seed = 7;

	for (size_t k = 0; k < sizeof bits / sizeof bits[0]; k++) {
		struct cl_buf old = { 0 }, now = { 0 };

		cl_fast_stages.diff_bits = bits[k];
		short_rows(&old, 30000, 0);
		short_rows(&now, 30500, 1);
		ck_assert_msg(diff_ways(old.data, old.len, now.data, now.len, 0,
		    1, 1) == DIFF_WAYS_SAME, "%u bits", bits[k]);
		for (int round = 0; round < 6; round++) {
			old.len = now.len = 0;
			random_list(&old, &seed, 400, 1, 0);
			random_list(&now, &seed, 400, 1, 0);
			ck_assert_msg(diff_ways(old.data, old.len, now.data,
			    now.len, 0, 1 + (unsigned)round % 3, 1 + (uint64_t)
			    round * 300) == DIFF_WAYS_SAME, "%u bits, round %d",
			    bits[k], round);
		}
		cl_buf_free(&old);
		cl_buf_free(&now);
	}
	cl_fast_stages.diff_bits = 0;
}
END_TEST

/* As case systems export them: a title, Windows-1252 and `;` on one
 * side, a total row; long ids with letters beyond ASCII read again. */
START_TEST(test_exports_with_a_title_and_total_rows)
{
	const char *old = "Sagsliste uge 48\n\n"
	    "case_id;worker;points\n"
	    "sag-\xe6\xf8\xe5-0000000001;S\xf8ren;2\n"
	    "sag-\xe6\xf8\xe5-0000000002;Bo;3\n"
	    "K1;Bo;1\n"
	    "I alt;;6\n";
	const char *now = "case_id,worker,points\n"
	    "sag-\xc3\xa6\xc3\xb8\xc3\xa5-0000000001,Bo,2\n"
	    "sag-\xc3\xa6\xc3\xb8\xc3\xa5-0000000002,Bo,4\n"
	    "K2,S\xc3\xb8ren,1\n";
	/* Windows-1252 first met below the header: the fast way declines
	 * it, as for the report (BAD_TEXT) */
	ck_assert_int_eq(ways(old, now, 0), DIFF_WAYS_DECLINED);
	ck_assert_int_eq(ways(now, old, 0), DIFF_WAYS_DECLINED);
	/* met in the title: the Windows-1252 note, the title's and the
	 * total row's are said the same by the fast way, which takes both */
	old = "Sagsliste for \xc5rhus uge 48\n\n"
	    "case_id;worker;points\n"
	    "sag-\xe6\xf8\xe5-0000000001;S\xf8ren;2\n"
	    "sag-\xe6\xf8\xe5-0000000002;Bo;3\n"
	    "K1;Bo;1\n"
	    "I alt;;6\n";
	ck_assert_int_eq(ways(old, now, 0), DIFF_WAYS_SAME);
	ck_assert_int_eq(ways(now, old, 0), DIFF_WAYS_SAME);
	ck_assert_int_eq(ways(old, old, 0), DIFF_WAYS_SAME);
}
END_TEST

/*
 * An export as case systems write it: `title` lines, then per team its
 * rows and a subtotal (when `subtotals`), then `I alt`; the total that is
 * `off` by one point (a warning) on team `bad` (-1: none).  Chunks cut
 * anywhere must keep what is said, and its order, the general way's.
 */
static void
export_list(struct cl_buf *b, unsigned *seed, unsigned rows, int title,
    int subtotals, int bad)
{
	unsigned all = 0;
	char line[128];
	int n;

	if (title) {
		n = snprintf(line, sizeof line, "Sagsoversigt uge %u;;;\n"
		    "Udtrukket af fagsystemet;;;\n;;;\n", 40 + *seed % 10);
		cl_buf_append(b, line, (size_t)n);
	}
	cl_buf_append(b, "Sagsnr;Sagsbehandler;Team;Point\n", 32);
	for (int team = 0; team < 3; team++) {
		unsigned sum = 0;

		for (unsigned i = 0; i < rows; i++) {
			/* unique within the list: one side's may be gone,
			 * the other's added */
			unsigned id = i + (rand_r(seed) % 5 == 0 ? rows : 0);
			unsigned pts = 1 + (unsigned)rand_r(seed) % 4;

			if (i % 7 == 3)
				continue;
			n = snprintf(line, sizeof line, id % 9 == 0 ?
			    "sag-med-langt-nummer-%u-%d;W%u-%d;T%d;%u\n" :
			    "S%u-%d;W%u-%d;T%d;%u\n", id, team,
			    (unsigned)rand_r(seed) % 5, team, team, pts);
			cl_buf_append(b, line, (size_t)n);
			sum += pts;
		}
		all += sum;
		if (subtotals) {
			n = snprintf(line, sizeof line, "Subtotal T%d;;;%u\n",
			    team, sum + (team == bad));
			cl_buf_append(b, line, (size_t)n);
		}
	}
	n = snprintf(line, sizeof line, "I alt;;;%u\n", all);
	cl_buf_append(b, line, (size_t)n);
}

START_TEST(test_exports_with_titles_subtotals_and_i_alt_agree)
{
	unsigned seed = 17;

	for (int round = 0; round < 24; round++) {
		struct cl_buf old = { 0 }, now = { 0 };
		unsigned rows = 1 + (unsigned)rand_r(&seed) % 400;

		export_list(&old, &seed, rows, round % 2 == 0, round % 3 != 0,
		    round % 4 == 1 ? round % 3 : -1);
		export_list(&now, &seed, rows, round % 5 != 0, round % 3 != 1,
		    round % 4 == 2 ? 1 : -1);
		ck_assert_msg(diff_ways(old.data, old.len, now.data, now.len, 0,
		    1 + (unsigned)round % 3, 1 + (uint64_t)(rand_r(&seed) %
		    3000)) == DIFF_WAYS_SAME, "round %d", round);
		cl_buf_free(&old);
		cl_buf_free(&now);
	}
}
END_TEST

START_TEST(test_an_export_the_general_way_reads_says_it_once)
{
	/* a title on one side, a row to report on the other: the general
	 * way reads both, and only the general way's messages count */
	const char *old = "Sagsliste\n\ncase_id;worker;points\nK1;Bo;1\n"
	    "I alt;;1\n";
	const char *now = "case_id;worker;points\nK1;Bo;x\n";

	ck_assert_int_eq(ways(old, now, 0), DIFF_WAYS_DECLINED);
	ck_assert_int_eq(ways(now, old, 0), DIFF_WAYS_DECLINED);
}
END_TEST

/* Long ids on both sides are read again and compared, up to 65536 of
 * them; past that the general way reads both. */
START_TEST(test_too_many_long_ids_to_compare_go_the_general_way)
{
	struct cl_buf list = { 0 };
	const char *head = "case_id,worker,points\n";

	cl_buf_append(&list, head, strlen(head));
	for (unsigned i = 0; i < 70000; i++) {
		char line[64];
		int n = snprintf(line, sizeof line,
		    "case-with-a-long-id-%07u,W%u,1\n", i, i % 7);

		cl_buf_append(&list, line, (size_t)n);
	}
	ck_assert_int_eq(diff_ways(list.data, list.len, list.data, list.len, 0,
	    2, 1 << 16), DIFF_WAYS_DECLINED);
	/* fewer of them: compared, the same (cut after a line) */
	{
		const char *half = strchr(list.data + list.len / 2, '\n') + 1;
		const char *third = strchr(list.data + list.len / 3, '\n') + 1;

		ck_assert_int_eq(diff_ways(list.data, (size_t)(half -
		    list.data), list.data, (size_t)(third - list.data), 0, 2,
		    1 << 16), DIFF_WAYS_SAME);
	}
	cl_buf_free(&list);
}
END_TEST

Suite *
diff_fast_suite(void)
{
	Suite *s = suite_create("diff_fast");
	TCase *tc = tcase_create("diff_fast");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_every_kind_of_case_change);
	tcase_add_test(tc, test_a_shared_case_moves_among_several_workers);
	tcase_add_test(tc, test_with_a_roster);
	tcase_add_test(tc, test_without_a_case_id_column);
	tcase_add_test(tc, test_ids_the_general_way_reads_anew);
	tcase_add_test(tc, test_a_case_repeated_for_one_worker_goes_the_general_way);
	tcase_add_test(tc, test_a_row_to_report_goes_the_general_way);
	tcase_add_test(tc, test_random_lists_agree);
	tcase_add_test(tc, test_a_week_of_changes_agrees);
	tcase_add_test(tc, test_kept_rows_sort_into_their_buckets);
	tcase_add_test(tc, test_lists_in_many_buckets_agree);
	tcase_add_test(tc, test_exports_with_a_title_and_total_rows);
	tcase_add_test(tc, test_exports_with_titles_subtotals_and_i_alt_agree);
	tcase_add_test(tc, test_an_export_the_general_way_reads_says_it_once);
	tcase_add_test(tc, test_too_many_long_ids_to_compare_go_the_general_way);
	suite_add_tcase(s, tc);
	return s;
}
