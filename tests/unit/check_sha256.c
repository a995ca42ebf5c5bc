/*
 * check_sha256.c - SHA-256 against the FIPS 180-4 example vectors, fed
 * whole and in pieces of every size.
 */
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "suites.h"

static void
assert_digest(const void *data, size_t len, const char *expected)
{
	struct cl_sha256 s;
	char hex[CL_SHA256_HEX];

	cl_sha256_init(&s);
	cl_sha256_update(&s, data, len);
	cl_sha256_final(&s, hex);
	ck_assert_str_eq(hex, expected);
	/* the same bytes in pieces of every size give the same digest */
	for (size_t piece = 1; piece <= 130 && len > 0; piece += 7) {
		cl_sha256_init(&s);
		for (size_t at = 0; at < len; at += piece)
			cl_sha256_update(&s, (const char *)data + at,
			    len - at < piece ? len - at : piece);
		cl_sha256_final(&s, hex);
		ck_assert_msg(strcmp(hex, expected) == 0, "pieces of %zu",
		    piece);
	}
}

START_TEST(sha256_fips_180_4_one_block)
{
	assert_digest("abc", 3, "ba7816bf8f01cfea414140de5dae2223"
	    "b00361a396177a9cb410ff61f20015ad");
}
END_TEST

START_TEST(sha256_fips_180_4_two_blocks)
{
	const char *m = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnop"
	    "nopq";

	assert_digest(m, strlen(m), "248d6a61d20638b8e5c026930c3e6039"
	    "a33ce45964ff2167f6ecedd419db06c1");
}
END_TEST

START_TEST(sha256_fips_180_4_896_bits)
{
	const char *m = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmn"
	    "hijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu";

	assert_digest(m, strlen(m), "cf5b16a778af8380036ce59e7b049237"
	    "0b249b11e8f07a51afac45037afee9d1");
}
END_TEST

START_TEST(sha256_empty_and_million_a)
{
	char *a = cl_xmalloc(1000000);

	assert_digest("", 0, "e3b0c44298fc1c149afbf4c8996fb924"
	    "27ae41e4649b934ca495991b7852b855");
	memset(a, 'a', 1000000);
	assert_digest(a, 1000000, "cdc76e5c9914fb9281a1c7e284d73e67"
	    "f1809a48a497200e046d39ccc7112cd0");
	free(a);
}
END_TEST

/* Lengths around the padding boundary (55, 56, 63, 64 bytes) differ. */
START_TEST(sha256_padding_boundaries)
{
	static const char *const expected[] = {
		/* 55, 56, 63 and 64 times 'a' */
		"9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318",
		"b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a",
		"7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34",
		"ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb",
	};
	static const size_t lens[] = { 55, 56, 63, 64 };
	char a[64];

	memset(a, 'a', sizeof a);
	for (size_t i = 0; i < 4; i++)
		assert_digest(a, lens[i], expected[i]);
}
END_TEST

Suite *
sha256_suite(void)
{
	Suite *s = suite_create("sha256");
	TCase *tc = tcase_create("fips");

	tcase_add_test(tc, sha256_fips_180_4_one_block);
	tcase_add_test(tc, sha256_fips_180_4_two_blocks);
	tcase_add_test(tc, sha256_fips_180_4_896_bits);
	tcase_add_test(tc, sha256_empty_and_million_a);
	tcase_add_test(tc, sha256_padding_boundaries);
	suite_add_tcase(s, tc);
	return s;
}
