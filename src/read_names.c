/*
 * read_names.c - the readers' cache of names in their normal form: raw
 * text -> NFC with spaces made plain (cl_name_normal), made once per
 * distinct text, for read_source.c and read_totals.c.
 */
#include <stdlib.h>
#include <string.h>

#include "source.h"

void
cl_nfc_cache_clear(struct nfc_cache *c)
{
	for (size_t i = 0; i < c->n; i++) {
		free(c->entries[i].raw);
		free(c->entries[i].nfc);
	}
	free(c->entries);
	cl_hashtab_free(&c->index);
	memset(c, 0, sizeof *c);
}

static int
same_raw(const void *ctx, size_t entry, const void *key)
{
	const struct nfc_entry *entries = ctx;

	return strcmp(entries[entry].raw, key) == 0;
}

const struct nfc_entry *
cl_nfc_cache_get(struct nfc_cache *c, const char *t, size_t len,
    struct cl_buf *tmp, struct cl_buf *spaced)
{
	uint64_t h = cl_hash(t, len);
	size_t slot = cl_hashtab_find(&c->index, h, same_raw, c->entries, t);
	long found = cl_hashtab_entry(&c->index, slot);
	struct nfc_entry *e;

	if (found >= 0)
		return &c->entries[found];
	if (c->n == c->cap) {
		c->cap = c->cap ? 2 * c->cap : 64;
		c->entries = cl_xrealloc(c->entries, c->cap * sizeof *c->entries);
	}
	e = &c->entries[c->n];
	e->raw = cl_xstrndup(t, len);
	e->respelled = cl_name_normal(tmp, spaced, t, len);
	e->nfc = cl_xstrndup(tmp->data, tmp->len);
	cl_hashtab_put(&c->index, slot, h, c->n++);
	return e;
}

const char *
cl_source_name_form(struct cl_source *s, const char *t, size_t len)
{
	return cl_nfc_cache_get(&s->nfc, t, len, &s->worker, &s->spaced)->nfc;
}
