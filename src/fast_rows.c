/*
 * fast_rows.c - what the fast way keeps of each row for caseload diff
 * (fast.h): a task keeps a small record of every row with a case id as it
 * counts (cl_fast_row_key, cl_fast_keep_row) into bins by the top bits
 * of the id's hash, sorts each bin into buckets by the next bits when it
 * ends (cl_fast_sort_rows), and hands them over with the number of each of
 * its workers in both sides' table (cl_fast_take_rows).  diff_fast.c
 * matches the two sides' buckets.
 */
#include <stdlib.h>
#include <string.h>

#include "fast.h"

/*
 * The key of a case id: up to 15 bytes are the key itself (byte i of the
 * id is byte i % 8 of k0 or k1, counted from the least significant), its
 * length in k1's top byte; a longer id is its fingerprint, LONG_ID in
 * k1's top byte.
 */
void
cl_fast_row_key(struct task *t, const char *text, size_t len, uint64_t fp)
{
	const unsigned char *p = (const unsigned char *)text;
	uint64_t k0 = 0, k1 = 0;

	if (len > 15) {
		t->key[0] = fp;
		t->key[1] = (uint64_t)LONG_ID << 56;
		return;
	}
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	if (len >= 8) {
		memcpy(&k0, p, 8);
		if (len > 8) {
			memcpy(&k1, p + len - 8, 8);
			k1 >>= 8 * (16 - len);
		}
	} else {
		for (size_t i = 0; i < len; i++)
			k0 |= (uint64_t)p[i] << 8 * i;
	}
#else
	for (size_t i = 0; i < len; i++)
		if (i < 8)
			k0 |= (uint64_t)p[i] << 8 * i;
		else
			k1 |= (uint64_t)p[i] << 8 * (i - 8);
#endif
	t->key[0] = k0;
	t->key[1] = k1 | (uint64_t)len << 56;
}

/*
 * The bins a task keeps its records in, each bin_cap records, sized for
 * the chunk's rows (about 32 bytes each at the least, and an eighth more
 * for the bins' differences: ids are hashed); pages of a bin that stays
 * short are never touched.  When a bin is full, every bin doubles.
 */
static void
grow_bins(struct task *t)
{
	size_t nbins, cap;
	struct cl_row_key *v;

	if (t->bin_n == NULL) {
		unsigned bits = t->layout->rows->bits;

		t->top = bits < TOP_BITS ? bits : TOP_BITS;
		nbins = (size_t)1 << t->top;
		cap = (size_t)((t->to - t->from) / 32 + 1024) / nbins;
		t->bin_cap = cap + cap / 8 + 16;
		t->bin_n = cl_xcalloc(nbins, sizeof *t->bin_n);
		t->recs = cl_xmalloc(nbins * t->bin_cap * sizeof *t->recs);
		return;
	}
	nbins = (size_t)1 << t->top;
	cap = 2 * t->bin_cap;
	v = cl_xmalloc(nbins * cap * sizeof *v);
	for (size_t b = 0; b < nbins; b++)
		if (t->bin_n[b] > 0)
			memcpy(v + b * cap, t->recs + b * t->bin_cap,
			    t->bin_n[b] * sizeof *v);
	free(t->recs);
	t->recs = v;
	t->bin_cap = cap;
}

int
cl_fast_keep_row(struct task *t, const char *rec, size_t worker,
    cl_dec points)
{
	uint64_t at = t->pos + (uint64_t)(rec - t->base);
	struct cl_row_key *r;
	size_t b;

	if (worker > WORKER_MASK || at > OFFSET_MASK)
		return -1;
	if (t->bin_n == NULL)
		grow_bins(t);
	b = t->top ? (size_t)(key_hash_of(t->key[0], t->key[1]) >>
	    (64 - t->top)) : 0;
	if (t->bin_n[b] == t->bin_cap)
		grow_bins(t);
	r = &t->recs[b * t->bin_cap + t->bin_n[b]++];
	r->k0 = t->key[0];
	r->k1 = t->key[1];
	r->points = points;
	r->at = at << WORKER_BITS | worker;
	t->nrecs++;
	return 0;
}

/*
 * Each bin, by the hash's bits below the bin's, out of place through a
 * scratch array as large as the largest bin, which stays in cache, and
 * back: the bins were filled as the rows were kept, so no pass goes over
 * all of a task's records out of cache (an in-place sort of them all took
 * a sixth of the diff's time, chasing one row after another).
 */
void
cl_fast_sort_rows(struct task *t)
{
	unsigned bits = t->layout->rows->bits, low;
	size_t nb = (size_t)1 << bits, nbins, nsub, most = 0, *at, *count;
	struct cl_row_key *scratch;
	unsigned char *digits;

	if (t->bin_n == NULL)
		grow_bins(t);	/* a task that kept nothing */
	low = bits - t->top;
	nbins = (size_t)1 << t->top;
	nsub = (size_t)1 << low;
	t->rec_start = cl_xcalloc(2 * nb, sizeof *t->rec_start);
	for (size_t b = 0; b < nbins; b++) {
		t->rec_start[b << low] = b * t->bin_cap;
		t->rec_start[nb + (b << low)] = b * t->bin_cap + t->bin_n[b];
		if (t->bin_n[b] > most)
			most = t->bin_n[b];
	}
	if (low == 0)
		return;	/* a bin is a bucket */
	scratch = cl_xmalloc((most + 1) * sizeof *scratch);
	digits = cl_xmalloc(most + 1);
	at = cl_xcalloc(nsub, sizeof *at);
	count = cl_xcalloc(nsub, sizeof *count);
	for (size_t b = 0; b < nbins; b++) {
		struct cl_row_key *v = t->recs + b * t->bin_cap;
		size_t n = t->bin_n[b], base = b * t->bin_cap;

		memset(count, 0, nsub * sizeof *count);
		for (size_t i = 0; i < n; i++) {
			digits[i] = (unsigned char)(key_hash(&v[i]) >> (64 - bits) &
			    (nsub - 1));
			count[digits[i]]++;
		}
		for (size_t d = 0, sum = 0; d < nsub; d++) {
			at[d] = sum;
			t->rec_start[b << low | d] = base + sum;
			t->rec_start[nb + (b << low | d)] = base + sum + count[d];
			sum += count[d];
		}
		for (size_t i = 0; i < n; i++)
			scratch[at[digits[i]]++] = v[i];
		memcpy(v, scratch, n * sizeof *v);
	}
	free(count);
	free(at);
	free(digits);
	free(scratch);
}

/*
 * Asks for records [from, to) to be brought into the cache: the passes
 * over the buckets read them from memory, a bucket from each task, and
 * while one bucket is worked on, the next one's rows arrive (they follow
 * it in each task's bins).
 */
void
cl_fast_prefetch_rows(const struct cl_row_key *v, size_t from, size_t to)
{
	for (size_t i = from; i < to; i += 2)
		__builtin_prefetch(&v[i]);
}

/* The fingerprint of a record's case id, as cl_fingerprint gives it. */
static uint64_t
key_print(const struct cl_row_key *r)
{
	char text[16];
	size_t len = key_length(r);

	if (len > 15)
		return r->k0;	/* LONG_ID: the fingerprint itself */
	for (size_t i = 0; i < len; i++)
		text[i] = (char)((i < 8 ? r->k0 >> 8 * i : r->k1 >> 8 *
		    (i - 8)) & 0xff);
	return cl_fingerprint(text, len);
}

/*
 * Appends to *out (*n entries) the fingerprint of each case id that
 * bucket b of the tasks' records holds more than once, as often as it
 * repeats (cl_prints_repeats's contract).  `table` is scratch.  -1 past
 * `most` entries.
 */
/* A case id seen in a bucket; k1 is never 0 for an id (its length is in
 * the top byte), so 0 marks an empty slot. */
struct seen {
	uint64_t k0, k1;
};

static int
bucket_repeats(const struct task *tasks, size_t ntasks, size_t b,
    struct cl_buf *table, uint64_t **out, size_t *n, size_t most)
{
	size_t count = 0, mask = 15;
	struct seen *slot;

	for (size_t k = 0; k < ntasks; k++) {
		const struct task *t = &tasks[k];
		size_t nb = (size_t)1 << t->layout->rows->bits;

		count += t->rec_start[nb + b] - t->rec_start[b];
		if (b + 1 < nb)
			cl_fast_prefetch_rows(t->recs, t->rec_start[b + 1],
			    t->rec_start[nb + b + 1]);
	}
	if (count < 2)
		return 0;
	while (mask + 1 < 2 * count)
		mask = mask * 2 + 1;
	table->len = 0;
	cl_buf_reserve(table, (mask + 1) * sizeof *slot);
	slot = (struct seen *)(void *)table->data;
	memset(slot, 0, (mask + 1) * sizeof *slot);
	for (size_t k = 0; k < ntasks; k++) {
		const struct task *t = &tasks[k];
		size_t nb = (size_t)1 << t->layout->rows->bits;

		for (size_t i = t->rec_start[b]; i < t->rec_start[nb + b]; i++) {
			const struct cl_row_key *r = &t->recs[i];
			size_t j = (size_t)key_hash(r) & mask;

			while (slot[j].k1 != 0 && (slot[j].k0 != r->k0 ||
			    slot[j].k1 != r->k1))
				j = (j + 1) & mask;
			if (slot[j].k1 == 0) {
				slot[j].k0 = r->k0;
				slot[j].k1 = r->k1;
				continue;
			}
			if (*n == most)
				return -1;
			if ((*n & (*n - 1)) == 0)
				*out = cl_xrealloc(*out, (*n ? 2 * *n : 1) *
				    sizeof **out);
			(*out)[*n] = key_print(r);
			if ((*out)[*n] == 0)
				(*out)[*n] = 1;
			(*n)++;
		}
	}
	return 0;
}

size_t
cl_fast_row_repeats(const struct task *tasks, size_t ntasks, size_t from,
    size_t to, uint64_t **out, size_t most)
{
	struct cl_buf table = { 0 };
	size_t n = 0;
	int rc = 0;

	*out = NULL;
	for (size_t b = from; b < to && rc == 0; b++)
		rc = bucket_repeats(tasks, ntasks, b, &table, out, &n, most);
	cl_buf_free(&table);
	if (rc != 0) {
		free(*out);
		*out = NULL;
		return (size_t)-1;
	}
	return n;
}

/* The number of a worker's name in both sides' table. */
static size_t
name_number(struct cl_diff_names *names, const struct name *n)
{
	size_t slot = cl_fast_table_find(&names->t, n->hash,
	    cl_fast_same_name, n->text);
	struct name *hit = cl_fast_table_get(&names->t, slot);

	if (hit == NULL) {
		hit = cl_xmalloc(sizeof *hit);
		*hit = *n;
		hit->text = cl_xstrdup(n->text);
		hit->worker = (long)names->t.n;
		cl_fast_table_put(&names->t, slot, hit->hash, hit);
	}
	return (size_t)hit->worker;
}

void
cl_fast_take_rows(struct task *tasks, size_t ntasks)
{
	for (size_t k = 0; k < ntasks; k++) {
		struct task *t = &tasks[k];
		struct cl_fast_rows *rows = t->layout->rows;
		size_t *number, nb;

		if (rows == NULL)
			continue;
		if (!rows->taken) {
			rows->layout = *t->layout;
			rows->layout.rows = NULL;
			rows->fd = t->fd;
			rows->taken = 1;
		}
		if (t->rec_start == NULL)
			cl_fast_sort_rows(t);	/* a task with nothing to read */
		nb = (size_t)1 << rows->bits;
		number = cl_xcalloc(t->ntallies + 1, sizeof *number);
		pthread_mutex_lock(&rows->names->lock);
		for (size_t i = 0; i < t->ntallies; i++)
			number[i] = name_number(rows->names, t->tallies[i].name);
		if (rows->names->t.n > WORKER_MASK)
			rows->declined = 1;
		pthread_mutex_unlock(&rows->names->lock);
		if (rows->nparts == rows->cap_parts) {
			rows->cap_parts = rows->cap_parts ? 2 * rows->cap_parts
			    : 16;
			rows->parts = cl_xrealloc(rows->parts, rows->cap_parts *
			    sizeof *rows->parts);
		}
		rows->parts[rows->nparts].v = t->recs;
		rows->parts[rows->nparts].number = number;	/* see renumber */
		rows->parts[rows->nparts].start = t->rec_start;
		rows->parts[rows->nparts++].end = t->rec_start + nb;
		t->recs = NULL;
		t->rec_start = NULL;
		free(t->bin_n);
		t->bin_n = NULL;
		t->nrecs = t->bin_cap = 0;
	}
}

