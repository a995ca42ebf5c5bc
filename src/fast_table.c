/*
 * fast_table.c - the fast way's tables of names and spellings (fast.h):
 * entries in the order they came, found through a cl_hashtab.  Used by
 * fast_chunk.c (a task's names), fast_file.c (the workers of all tasks)
 * and fast_rows.c (both sides' workers in a diff).
 */
#include <stdlib.h>
#include <string.h>

#include "fast.h"

/* cl_hashtab's `same` for a table of pointers: the caller's `same` on
 * the entry's pointer. */
struct probe {
	const struct table *t;
	int (*same)(const void *, const void *);
};

static int
same_item(const void *ctx, size_t entry, const void *key)
{
	const struct probe *p = ctx;

	return p->same(p->t->items[entry], key);
}

size_t
cl_fast_table_find(struct table *t, uint64_t h, int (*same)(const void *,
    const void *), const void *key)
{
	struct probe p = { t, same };

	return cl_hashtab_find(&t->index, h, same_item, &p, key);
}

void *
cl_fast_table_get(const struct table *t, size_t slot)
{
	long entry = cl_hashtab_entry(&t->index, slot);

	return entry < 0 ? NULL : t->items[entry];
}

void
cl_fast_table_put(struct table *t, size_t slot, uint64_t h, void *entry)
{
	if (t->n == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 64;
		t->items = cl_xrealloc(t->items, t->cap * sizeof *t->items);
	}
	t->items[t->n] = entry;
	cl_hashtab_put(&t->index, slot, h, t->n++);
}

void
cl_fast_table_free(struct table *t, void (*free_entry)(void *))
{
	for (size_t i = 0; i < t->n; i++)
		free_entry(t->items[i]);
	free(t->items);
	cl_hashtab_free(&t->index);
}

int
cl_fast_same_name(const void *entry, const void *key)
{
	return strcmp(((const struct name *)entry)->text, key) == 0;
}

void
cl_fast_free_name(void *entry)
{
	free(((struct name *)entry)->text);
	free(entry);
}
