/*
 * fast_rows.c - what the fast way keeps of each row for caseload diff
 * (fast.h): a task keeps a small record of every row with a case id as it
 * counts (cl_fast_row_key, cl_fast_keep_row), sorts its records into
 * buckets when it ends (cl_fast_sort_rows), and hands them over with its
 * workers numbered in both sides' table (cl_fast_take_rows).  diff_fast.c
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

int
cl_fast_keep_row(struct task *t, const char *rec, size_t worker,
    cl_dec points)
{
	uint64_t at = t->pos + (uint64_t)(rec - t->base);
	struct cl_row_key *r;

	if (worker > WORKER_MASK || at > OFFSET_MASK)
		return -1;
	if (t->nrecs == t->cap_recs) {
		/* at first for the chunk's rows, about 40 bytes each */
		t->cap_recs = t->cap_recs ? 2 * t->cap_recs : 1024 +
		    (size_t)((t->to - t->from) / 40);
		t->recs = cl_xrealloc(t->recs, t->cap_recs * sizeof *t->recs);
	}
	r = &t->recs[t->nrecs++];
	r->k0 = t->key[0];
	r->k1 = t->key[1];
	r->points = points;
	r->at = at << WORKER_BITS | worker;
	return 0;
}

/* Bits of a key's hash that one pass sorts by: 64 buckets keep their
 * write positions in a few cache lines. */
#define PASS_BITS 6

/* The digit of r that a pass sorts by: `mask` of the hash's bits from
 * `shift`. */
static size_t
digit(const struct cl_row_key *r, unsigned shift, size_t mask)
{
	return (size_t)(key_hash(r) >> shift) & mask;
}

/* One pass of American flag sort, in place: v[start[0] .. start[nb]) by
 * digit, whose counted bounds (absolute) are start[0 .. nb]; next has
 * room for nb. */
static void
flag_pass(struct cl_row_key *v, const size_t *start, size_t nb,
    unsigned shift, size_t *next)
{
	memcpy(next, start, nb * sizeof *next);
	for (size_t b = 0; b < nb; b++)
		while (next[b] < start[b + 1]) {
			struct cl_row_key r = v[next[b]];
			size_t d;

			/* r goes to its bucket, taking the row there along */
			while ((d = digit(&r, shift, nb - 1)) != b) {
				struct cl_row_key there = v[next[d]];

				v[next[d]++] = r;
				r = there;
			}
			v[next[b]++] = r;
		}
}

/*
 * In place (American flag sort): a copy would double the memory the rows
 * take, and every page of it is a page fault; at 10 M rows the faults
 * took a tenth of the time.  By the hash's top bits in two passes of at
 * most PASS_BITS each, not one of 4096 buckets, whose scattered writes
 * missed the cache on nearly every row.
 */
void
cl_fast_sort_rows(struct task *t)
{
	unsigned bits = t->layout->rows->bits;
	unsigned low = bits > PASS_BITS ? bits - PASS_BITS : 0;
	size_t nb = (size_t)1 << bits, ntop = nb >> low, *next, *top;
	struct cl_row_key *v = t->recs;

	t->rec_start = cl_xcalloc(nb + 1, sizeof *t->rec_start);
	t->rec_start[nb] = t->nrecs;
	if (t->nrecs == 0 || bits == 0)
		return;
	for (size_t i = 0; i < t->nrecs; i++)
		t->rec_start[bucket_of(&v[i], bits)]++;
	for (size_t b = 0, sum = 0; b <= nb; b++) {
		size_t c = t->rec_start[b];

		t->rec_start[b] = sum;
		sum += c;
	}
	t->rec_start[nb] = t->nrecs;
	next = cl_xcalloc(nb, sizeof *next);
	top = cl_xcalloc(ntop + 1, sizeof *top);
	for (size_t k = 0; k <= ntop; k++)
		top[k] = t->rec_start[k << low];
	flag_pass(v, top, ntop, 64 - bits + low, next);
	if (low > 0)
		for (size_t k = 0; k < ntop; k++)
			flag_pass(v, &t->rec_start[k << low], (size_t)1 << low,
			    64 - bits, next);
	free(top);
	free(next);
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
		size_t *number;

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
		number = cl_xcalloc(t->ntallies + 1, sizeof *number);
		for (size_t i = 0; i < t->ntallies; i++)
			number[i] = name_number(rows->names, t->tallies[i].name);
		if (rows->names->t.n > WORKER_MASK)
			rows->declined = 1;
		for (size_t i = 0; i < t->nrecs; i++) {
			struct cl_row_key *r = &t->recs[i];

			r->at = (r->at & ~WORKER_MASK) | number[r->at &
			    WORKER_MASK];
		}
		free(number);
		if (rows->nparts == rows->cap_parts) {
			rows->cap_parts = rows->cap_parts ? 2 * rows->cap_parts
			    : 16;
			rows->parts = cl_xrealloc(rows->parts, rows->cap_parts *
			    sizeof *rows->parts);
		}
		rows->parts[rows->nparts].v = t->recs;
		rows->parts[rows->nparts++].start = t->rec_start;
		t->recs = NULL;
		t->rec_start = NULL;
		t->nrecs = t->cap_recs = 0;
	}
}

