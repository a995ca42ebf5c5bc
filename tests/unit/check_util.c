/*
 * check_util.c - the shared helpers: the hash table (hashtab.c) and the
 * message builder (message.c).
 */
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "suites.h"

/* The table's entries: "w0", "w1", ... in an array that moves as it grows. */
struct words {
	char **v;
	size_t n;
};

static int
same_word(const void *ctx, size_t entry, const void *key)
{
	const struct words *w = ctx;

	return strcmp(w->v[entry], key) == 0;
}

/* The entry number of word, adding it when new. */
static size_t
intern(struct cl_hashtab *t, struct words *w, const char *word, uint64_t h)
{
	size_t slot = cl_hashtab_find(t, h, same_word, w, word);
	long e = cl_hashtab_entry(t, slot);

	if (e >= 0)
		return (size_t)e;
	w->v = cl_xrealloc(w->v, (w->n + 1) * sizeof *w->v);
	w->v[w->n] = cl_xstrdup(word);
	cl_hashtab_put(t, slot, h, w->n);
	return w->n++;
}

static void
run_words(uint64_t (*hash_of)(const char *))
{
	struct cl_hashtab t = { 0 };
	struct words w = { NULL, 0 };
	char word[32];

	ck_assert_int_eq(cl_hashtab_entry(&t, 0), -1);
	for (int i = 0; i < 20000; i++) {
		snprintf(word, sizeof word, "w%d", i);
		ck_assert_uint_eq(intern(&t, &w, word, hash_of(word)),
		    (size_t)i);
	}
	/* after every growth, each word is still found, none twice */
	for (int i = 19999; i >= 0; i--) {
		snprintf(word, sizeof word, "w%d", i);
		ck_assert_uint_eq(intern(&t, &w, word, hash_of(word)),
		    (size_t)i);
	}
	ck_assert_uint_eq(w.n, 20000);
	ck_assert_uint_eq(t.n, 20000);
	ck_assert_uint_ge(t.mask + 1, 2 * t.n);
	snprintf(word, sizeof word, "w%d", 20000);
	ck_assert_int_eq(cl_hashtab_entry(&t, cl_hashtab_find(&t,
	    hash_of(word), same_word, &w, word)), -1);
	cl_hashtab_clear(&t);
	ck_assert_uint_eq(t.n, 0);
	ck_assert_int_eq(cl_hashtab_entry(&t, cl_hashtab_find(&t,
	    hash_of("w1"), same_word, &w, "w1")), -1);
	cl_hashtab_free(&t);
	for (size_t i = 0; i < w.n; i++)
		free(w.v[i]);
	free(w.v);
}

static uint64_t
good_hash(const char *s)
{
	return cl_hash(s, strlen(s));
}

/* Every word in 4 buckets: only `same` tells them apart. */
static uint64_t
bad_hash(const char *s)
{
	return cl_hash(s, strlen(s)) & 3;
}

START_TEST(hashtab_finds_every_entry_after_growing)
{
	run_words(good_hash);
}
END_TEST

START_TEST(hashtab_tells_equal_hashes_apart)
{
	run_words(bad_hash);
}
END_TEST

START_TEST(message_builds_and_sends)
{
	struct diag_log log = { 0 };
	struct cl_msg m = { diag_log_add, &log, { 0 } };

	cl_msg_text(&m, "points ");
	cl_msg_quote(&m, "7.5.1");
	cl_msg_text(&m, " of ");
	cl_msg_quote_n(&m, "Bo\x1b[31mX", 7);
	cl_msg_text(&m, ", line ");
	cl_msg_long(&m, -12);
	cl_msg_text(&m, ", ");
	cl_msg_dec(&m, CL_DEC(7) + CL_DEC(1) / 2);
	cl_msg_send(&m, "a.csv", 3, CL_WARNING);
	/* the builder is empty again; a message of nothing is "" */
	cl_msg_send(&m, NULL, 0, CL_NOTE);
	cl_msg_unquoted(&m, "say \"010203-" "1234\"", 17);
	cl_msg_send(&m, "b.csv", 1, CL_ERROR);
	ck_assert_str_eq(diag_log_text(&log),
	    "a.csv:3: warning: points \"7.5.1\" of \"Bo\\x1b[31m\", "
	    "line -12, 7.5\n"
	    "-:0: note: \n"
	    "b.csv:1: error: say \"010203-XXXX\"\n");
	cl_msg_free(&m);
	diag_log_free(&log);
}
END_TEST

START_TEST(message_without_a_receiver_is_dropped)
{
	struct cl_msg m = { NULL, NULL, { 0 } };

	cl_msg_text(&m, "nobody hears this");
	cl_msg_send(&m, "a.csv", 1, CL_ERROR);
	ck_assert_uint_eq(m.text.len, 0);
	cl_msg_free(&m);
}
END_TEST

Suite *
util_suite(void)
{
	Suite *s = suite_create("util");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, hashtab_finds_every_entry_after_growing);
	tcase_add_test(tc, hashtab_tells_equal_hashes_apart);
	tcase_add_test(tc, message_builds_and_sends);
	tcase_add_test(tc, message_without_a_receiver_is_dropped);
	tcase_set_timeout(tc, SLOW_TEST_SECONDS);
	suite_add_tcase(s, tc);
	return s;
}
