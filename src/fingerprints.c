/*
 * fingerprints.c - 64-bit fingerprints of case ids, kept to find out
 * whether any id occurs twice in a file.
 *
 * The fast way (fast.h) counts a file without remembering its case ids.
 * It only has to know, at the end, which ids might repeat: every other row
 * is a case of its own.  Each thread appends the fingerprint of every id
 * it reads to one of up to 256 buckets (by the top bits), eight bytes a
 * row and no random memory access while reading.  The check then takes
 * one bucket at a time, from all threads, through a small table that
 * stays in cache.  Equal ids always have equal fingerprints; two ids that
 * only share one are told apart when their rows are read again.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define BLOCK_PRINTS 510        /* the largest block is 4 KiB */
#define FIRST_PRINTS 14         /* the first of a bucket, 128 bytes */
#define SMALL_CHUNK ((size_t)64 << 10)
#define LARGE_CHUNK ((size_t)2 << 20)

/*
 * Blocks are carved from chunks, 64 KiB at first and 2 MiB past a few
 * thousand fingerprints, rather than each its own malloc.  A bucket's
 * blocks grow from 128 bytes, so that a short list touches little
 * memory.  (Asking for huge pages, MADV_HUGEPAGE, saved page faults on a
 * quiet machine but cost more system time than it saved on a busy one, in
 * compaction.)
 */
struct cl_print_chunk {
	struct cl_print_chunk *next;
};

struct cl_print_block {
	struct cl_print_block *next;
	uint32_t n, cap;
	uint64_t v[];
};

static uint64_t
mum(uint64_t a, uint64_t b)
{
	__extension__ unsigned __int128 p = (unsigned __int128)a * b;

	return (uint64_t)(p >> 64) ^ (uint64_t)p;
}

static uint64_t
load8(const char *p)
{
	uint64_t v;

	memcpy(&v, p, 8);
	return v;
}

static uint64_t
load4(const char *p)
{
	uint32_t v;

	memcpy(&v, p, 4);
	return v;
}

/*
 * Built like wyhash: 16 bytes at a time through a 64x64->128-bit multiply.
 * Up to 16 bytes take two multiplies; the first and last bytes overlap so
 * that (a, b, len) always determine the text.
 */
uint64_t
cl_fingerprint(const char *s, size_t len)
{
	const uint64_t k0 = 0xa0761d6478bd642fu, k1 = 0xe7037ed1a0b428dbu;
	uint64_t a, b, h = 0x8ebc6af09c88c6e3u ^ len;

	if (len >= 4 && len <= 16) {
		size_t half = (len >> 3) << 2;

		a = load4(s) << 32 | load4(s + half);
		b = load4(s + len - 4) << 32 | load4(s + len - 4 - half);
	} else if (len > 16) {
		size_t i = len;

		for (; i > 16; s += 16, i -= 16)
			h = mum(load8(s) ^ k0, load8(s + 8) ^ h);
		a = load8(s + i - 16);
		b = load8(s + i - 8);
	} else if (len > 0) {
		a = (uint64_t)(unsigned char)s[0] << 16 |
		    (uint64_t)(unsigned char)s[len >> 1] << 8 |
		    (unsigned char)s[len - 1];
		b = 0;
	} else {
		a = b = 0;
	}
	return mum(k1 ^ len, mum(a ^ k1, b ^ h));
}

void
cl_prints_init(struct cl_prints *p, uint64_t expected)
{
	memset(p, 0, sizeof *p);
	/* about 2,000 fingerprints a bucket, 256 buckets at most */
	while (p->bits < 8 && ((uint64_t)2048 << p->bits) < expected)
		p->bits++;
	p->heads = cl_xcalloc((size_t)1 << p->bits,
	    sizeof(struct cl_bucket));
}

void
cl_prints_free(struct cl_prints *p)
{
	struct cl_print_chunk *c, *next;

	for (c = p->chunks; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	p->chunks = NULL;
	free(p->heads);
	p->heads = NULL;
}

static struct cl_print_block *
new_block(struct cl_prints *p, uint32_t cap)
{
	struct cl_print_block *k;
	size_t bytes = sizeof *k + cap * sizeof k->v[0];

	if (p->left < bytes) {
		struct cl_print_chunk *c;
		size_t size = p->count < 65536 ? SMALL_CHUNK : LARGE_CHUNK;
		void *mem;

		if (posix_memalign(&mem, 64, size) != 0)
			mem = cl_xmalloc(size);	/* aborts if none */
		c = mem;
		c->next = p->chunks;
		p->chunks = c;
		p->next = (char *)mem + 64;	/* blocks stay 64-byte aligned */
		p->left = size - 64;
	}
	k = (struct cl_print_block *)(void *)p->next;
	p->next += bytes;
	p->left -= bytes;
	k->n = 0;
	k->cap = cap;
	return k;
}

void
cl_prints_add(struct cl_prints *p, uint64_t fp)
{
	size_t b = p->bits ? (size_t)(fp >> (64 - p->bits)) : 0;
	struct cl_print_block *k = p->heads[b].head;

	if (k == NULL || k->n == k->cap) {
		uint32_t cap = k == NULL ? FIRST_PRINTS : k->cap * 2 + 2 >
		    BLOCK_PRINTS ? BLOCK_PRINTS : k->cap * 2 + 2;
		struct cl_print_block *fresh = new_block(p, cap);

		fresh->next = k;
		p->heads[b].head = k = fresh;
	}
	k->v[k->n++] = fp;
	p->count++;
}

/*
 * Appends to *out (growing it, *n entries) each fingerprint that bucket b
 * of the sets holds more than once, as often as it repeats.  Stops with -1
 * past `most` entries.  `table` is scratch, `*cap` its size in entries.
 */
static int
bucket_repeats(struct cl_prints *const *sets, size_t nsets, size_t b,
    uint64_t **table, size_t *cap, uint64_t **out, size_t *n, size_t most)
{
	size_t count = 0, mask;

	for (size_t s = 0; s < nsets; s++)
		for (const struct cl_print_block *k = sets[s]->heads[b].head;
		    k != NULL; k = k->next)
			count += k->n;
	if (count < 2)
		return 0;
	if (*table == NULL || *cap < 2 * count) {
		while (*cap < 2 * count)
			*cap = *cap ? 2 * *cap : 1024;
		free(*table);
		*table = cl_xmalloc(*cap * sizeof **table);
	}
	mask = 1;
	while (mask + 1 < 2 * count)
		mask = mask * 2 + 1;
	/* 0 marks an empty slot, so the fingerprint 0 is kept as 1 */
	memset(*table, 0, (mask + 1) * sizeof **table);
	for (size_t s = 0; s < nsets; s++)
		for (const struct cl_print_block *k = sets[s]->heads[b].head;
		    k != NULL; k = k->next)
			for (size_t i = 0; i < k->n; i++) {
				uint64_t v = k->v[i] ? k->v[i] : 1;
				size_t j = (size_t)v & mask;

				while ((*table)[j] != 0 && (*table)[j] != v)
					j = (j + 1) & mask;
				if ((*table)[j] == 0) {
					(*table)[j] = v;
					continue;
				}
				if (*n == most)
					return -1;
				if ((*n & (*n - 1)) == 0)
					*out = cl_xrealloc(*out, (*n ? 2 * *n : 1) *
					    sizeof **out);
				(*out)[(*n)++] = v;
			}
	return 0;
}

size_t
cl_prints_repeats(struct cl_prints *const *sets, size_t nsets, size_t from,
    size_t to, uint64_t **out, size_t most)
{
	uint64_t *table = NULL;
	size_t cap = 0, n = 0;
	int rc = 0;

	*out = NULL;
	for (size_t b = from; b < to && rc == 0; b++)
		rc = bucket_repeats(sets, nsets, b, &table, &cap, out, &n, most);
	free(table);
	if (rc != 0) {
		free(*out);
		*out = NULL;
		return (size_t)-1;
	}
	return n;
}
