/*
 * hashtab.c - the one hash table of the library: entry numbers by hash.
 *
 * Open addressing with linear probing over a power of two of slots, each
 * an entry number beside its 64-bit hash, so that a probe asks the
 * caller's `same` only when the hash matches.  The entries themselves
 * stay in the caller's array (which may move as it grows); the table only
 * finds them.  It doubles when half full.
 */
#include <stdlib.h>

#include "internal.h"

size_t
cl_hashtab_find(struct cl_hashtab *t, uint64_t hash, cl_hashtab_same_fn same,
    const void *ctx, const void *key)
{
	size_t i;

	if (t->slots == NULL) {
		t->mask = 63;
		t->slots = cl_xcalloc(t->mask + 1, sizeof *t->slots);
		t->hashes = cl_xcalloc(t->mask + 1, sizeof *t->hashes);
	}
	for (i = (size_t)hash & t->mask; t->slots[i] != 0;
	    i = (i + 1) & t->mask)
		if (t->hashes[i] == hash && same(ctx, t->slots[i] - 1, key))
			break;
	return i;
}

long
cl_hashtab_lookup(const struct cl_hashtab *t, uint64_t hash,
    cl_hashtab_same_fn same, const void *ctx, const void *key)
{
	if (t->slots == NULL)
		return -1;
	for (size_t i = (size_t)hash & t->mask; t->slots[i] != 0;
	    i = (i + 1) & t->mask)
		if (t->hashes[i] == hash && same(ctx, t->slots[i] - 1, key))
			return (long)t->slots[i] - 1;
	return -1;
}

long
cl_hashtab_entry(const struct cl_hashtab *t, size_t slot)
{
	return t->slots == NULL ? -1 : (long)t->slots[slot] - 1;
}

void
cl_hashtab_put(struct cl_hashtab *t, size_t slot, uint64_t hash,
    size_t entry)
{
	size_t mask = t->mask * 2 + 1;
	uint32_t *slots;
	uint64_t *hashes;

	if (entry >= UINT32_MAX)
		cl_out_of_memory();
	t->slots[slot] = (uint32_t)entry + 1;
	t->hashes[slot] = hash;
	if (++t->n * 2 <= t->mask)
		return;
	slots = cl_xcalloc(mask + 1, sizeof *slots);
	hashes = cl_xcalloc(mask + 1, sizeof *hashes);
	for (size_t i = 0; i <= t->mask; i++) {
		size_t j;

		if (t->slots[i] == 0)
			continue;
		for (j = (size_t)t->hashes[i] & mask; slots[j] != 0;
		    j = (j + 1) & mask)
			;
		slots[j] = t->slots[i];
		hashes[j] = t->hashes[i];
	}
	free(t->slots);
	free(t->hashes);
	t->slots = slots;
	t->hashes = hashes;
	t->mask = mask;
}

void
cl_hashtab_clear(struct cl_hashtab *t)
{
	free(t->slots);
	free(t->hashes);
	t->slots = NULL;
	t->hashes = NULL;
	t->mask = 0;
	t->n = 0;
}

void
cl_hashtab_free(struct cl_hashtab *t)
{
	cl_hashtab_clear(t);
}
