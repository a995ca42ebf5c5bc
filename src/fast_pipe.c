/*
 * fast_pipe.c - counts a case list on a pipe (standard input, zcat ... |)
 * with every core, as fast_file.c does a file (see fast.h).
 *
 * A pipe is read once, in blocks.  This thread reads them and cuts each
 * after its last line break outside quotes (read_csv.c frames records by
 * quote parity, so a block then holds whole records); the worker threads
 * take the blocks from a queue and count them with the scanner of
 * fast_chunk.c.  Memory holds the blocks in flight and the case ids'
 * fingerprints, not the input.
 *
 * What cannot be done on a pipe is reading it again: for the general way
 * when a row needs a message, and for the second pass that tells shared
 * case ids apart.  So the first bytes (32 MiB, read_source.c) are kept as
 * they are read.
 * An input that ends within them is exact in every case: a decline reads
 * the kept bytes the general way, then the rest of the pipe; repeated
 * fingerprints get their second pass over the kept bytes.  When the input
 * goes on past them, the rows so far are checked first (a decline or
 * a repeat then still goes the general way, from the kept bytes) and the
 * kept bytes are let go.  Past that point a row that needs a message, or a
 * case id that occurs twice, cannot be counted exactly any more: the
 * caller says so, and counts nothing.  A case list that large is an
 * export, and is better given as a file.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fast.h"

#define QUEUE_BLOCKS 8

struct block {
	char *data;             /* cap + BUF_SLACK bytes */
	size_t len, cap;
};

struct pipe_run {
	pthread_mutex_t lock;
	pthread_cond_t more, room, idle;
	struct block *queue[QUEUE_BLOCKS];
	size_t head, n;
	struct block *spare[QUEUE_BLOCKS + MAX_THREADS + 1];
	size_t nspare, nblocks;
	unsigned busy;          /* workers counting a block */
	int done;               /* no more blocks will come */
	atomic_int stop;        /* a worker declined */

	struct task tasks[MAX_THREADS];
	struct cl_prints prints[MAX_THREADS];
	unsigned nthreads;
	size_t block, keep;
};

struct pipe_worker {
	struct pipe_run *run;
	unsigned index;
};

static void *
count_blocks(void *arg)
{
	struct pipe_worker *w = arg;
	struct pipe_run *r = w->run;
	struct task *t = &r->tasks[w->index];

	pthread_mutex_lock(&r->lock);
	for (;;) {
		struct block *b;

		while (r->n == 0 && !r->done)
			pthread_cond_wait(&r->more, &r->lock);
		if (r->n == 0)
			break;
		b = r->queue[r->head];
		r->head = (r->head + 1) % QUEUE_BLOCKS;
		r->n--;
		r->busy++;
		pthread_cond_signal(&r->room);
		pthread_mutex_unlock(&r->lock);

		if (!atomic_load_explicit(&r->stop, memory_order_relaxed) &&
		    cl_fast_count_records(t, b->data, b->len, b->len, 1) !=
		    (long)b->len) {
			t->declined = 1;
			atomic_store(&r->stop, 1);
		}

		pthread_mutex_lock(&r->lock);
		r->spare[r->nspare++] = b;
		r->busy--;
		pthread_cond_signal(&r->room);
		if (r->n == 0 && r->busy == 0)
			pthread_cond_broadcast(&r->idle);
	}
	pthread_mutex_unlock(&r->lock);
	return NULL;
}

/* A block to fill: a spare one, a new one while there are few, or the
 * next one a worker gives back. */
static struct block *
take_block(struct pipe_run *r)
{
	struct block *b = NULL;

	pthread_mutex_lock(&r->lock);
	while (r->nspare == 0 &&
	    r->nblocks >= QUEUE_BLOCKS + r->nthreads + 1)
		pthread_cond_wait(&r->room, &r->lock);
	if (r->nspare > 0) {
		b = r->spare[--r->nspare];
	} else {
		r->nblocks++;
		b = cl_xcalloc(1, sizeof *b);
		b->cap = r->block;
		b->data = cl_xmalloc(b->cap + BUF_SLACK);
	}
	pthread_mutex_unlock(&r->lock);
	b->len = 0;
	return b;
}

static void
give_block(struct pipe_run *r, struct block *b)
{
	/* what the scanner reads past the data: defined, and no special */
	memset(b->data + b->len, 0, BUF_SLACK);
	pthread_mutex_lock(&r->lock);
	while (r->n == QUEUE_BLOCKS)
		pthread_cond_wait(&r->room, &r->lock);
	r->queue[(r->head + r->n) % QUEUE_BLOCKS] = b;
	r->n++;
	pthread_cond_signal(&r->more);
	pthread_mutex_unlock(&r->lock);
}

/* Waits until the workers have counted every block given them. */
static void
wait_idle(struct pipe_run *r)
{
	pthread_mutex_lock(&r->lock);
	while (r->n > 0 || r->busy > 0)
		pthread_cond_wait(&r->idle, &r->lock);
	pthread_mutex_unlock(&r->lock);
}

/*
 * Where the records in p[0, len) end: after the last line break outside
 * quotes, given whether p[0] is inside quotes (*quoted, updated to the
 * end).  0 when no record ends.
 */
static size_t
records_end(const char *p, size_t len, int *quoted)
{
	size_t cut = 0;
	int in = *quoted;

	for (size_t i = 0; i < len; i++) {
		const char *q = memchr(p + i, '"', len - i);
		size_t upto = q != NULL ? (size_t)(q - p) : len;

		if (!in) {
			/* the last line break before the next quote */
			const char *nl = memrchr(p + i, '\n', upto - i);

			if (nl != NULL)
				cut = (size_t)(nl - p) + 1;
		}
		if (q == NULL)
			break;
		in = !in;
		i = upto;
	}
	*quoted = in;
	return cut;
}

/* Keeps bytes read, while they are kept at all. */
static void
keep(struct cl_buf *kept, const char *p, size_t len)
{
	if (kept->data == NULL)
		return;
	cl_buf_reserve(kept, len + BUF_SLACK);
	memcpy(kept->data + kept->len, p, len);
	kept->len += len;
}

/* Stops reading: the block being filled, from `from`, and what is left
 * of the bytes read with the header are kept for the general way. */
static int
stop_reading(struct pipe_run *r, struct block *b, size_t from,
    const char *head, size_t head_len, struct cl_buf *kept, int rc)
{
	keep(kept, b->data + from, b->len - from);
	keep(kept, head, head_len);
	pthread_mutex_lock(&r->lock);
	r->spare[r->nspare++] = b;
	pthread_mutex_unlock(&r->lock);
	return rc;
}

/* Whether what the workers counted so far needs the general way: a
 * decline, a case id that occurs twice, or tallies that do not add up
 * silently (a worker in two teams, not on the roster, ...). */
static int
must_decline(struct pipe_run *r, struct cl_engine *engine)
{
	struct cl_prints *sets[MAX_THREADS] = { NULL };
	struct fpset repeats;
	int rc;

	if (atomic_load(&r->stop))
		return 1;
	for (unsigned i = 0; i < r->nthreads; i++)
		sets[i] = &r->prints[i];
	rc = cl_fast_find_repeats(sets, r->nthreads, &repeats) != 0 ||
	    repeats.v != NULL || !cl_fast_add_tallies(engine, r->tasks,
	    r->nthreads, 0, 1);
	free(repeats.v);
	return rc;
}

/*
 * Reads the rest of fd, after `head` (bytes already read past the
 * header), into blocks for the workers.  Returns 0 at the end of the
 * input, 1 when the workers declined (they stop at once), -1 on a read
 * error.  Keeps the bytes in *kept while *kept->data is not NULL.
 */
static int
read_blocks(struct pipe_run *r, struct cl_engine *engine, int fd,
    const char *head, size_t head_len, size_t max_record,
    struct cl_buf *kept, int *let_go)
{
	struct block *b = take_block(r);
	int quoted = 0, eof = 0;
	size_t scanned = 0;

	while (!eof) {
		size_t cut;
		struct block *next;

		while (b->len < b->cap) {
			ssize_t got;

			if (head_len > 0) {
				/* what was read with the header comes first */
				got = (ssize_t)(head_len < b->cap - b->len ?
				    head_len : b->cap - b->len);
				memcpy(b->data + b->len, head, (size_t)got);
				head += got;
				head_len -= (size_t)got;
			} else {
				got = read(fd, b->data + b->len,
				    b->cap - b->len);
			}

			if (got < 0 && errno == EINTR)
				continue;
			if (got < 0)
				return stop_reading(r, b, 0, head, head_len,
				    kept, -1);
			if (got == 0) {
				eof = 1;
				break;
			}
			b->len += (size_t)got;
		}
		if (atomic_load_explicit(&r->stop, memory_order_relaxed))
			return stop_reading(r, b, 0, head, head_len, kept,
			    1);
		/* the bytes before `scanned` hold no record end */
		cut = records_end(b->data + scanned, b->len - scanned,
		    &quoted);
		cut = cut > 0 ? scanned + cut : 0;
		scanned = b->len;
		if (eof) {
			cut = b->len;
		} else if (cut == 0) {
			/* a record longer than a block: room for it, up to
			 * the reader's limit, which the general way reports */
			if (b->cap > max_record)
				return stop_reading(r, b, 0, head, head_len, kept,
			    1);
			b->cap *= 2;
			b->data = cl_xrealloc(b->data, b->cap + BUF_SLACK);
			continue;
		}
		keep(kept, b->data, cut);
		if (kept->data != NULL && kept->len > r->keep) {
			wait_idle(r);
			if (must_decline(r, engine))
				return stop_reading(r, b, cut, head, head_len,
				    kept, 1);
			cl_buf_free(kept);
			memset(kept, 0, sizeof *kept);
			*let_go = 1;
		}
		if (eof) {
			give_block(r, b);
			return 0;
		}
		/* what follows the cut starts the next block */
		next = take_block(r);
		if (b->len - cut > next->cap) {
			next->cap = b->len - cut;
			next->data = cl_xrealloc(next->data,
			    next->cap + BUF_SLACK);
		}
		memcpy(next->data, b->data + cut, b->len - cut);
		next->len = scanned = b->len - cut;
		b->len = cut;
		give_block(r, b);
		b = next;
	}
	return 0;
}

/* The second pass, over the kept bytes, on this thread. */
static int
collect_kept(struct pipe_run *r, const struct fpset *repeats,
    struct cl_buf *kept)
{
	struct task *t = &r->tasks[0];
	long ids = 0;

	for (unsigned i = 0; i < r->nthreads; i++)
		ids += r->tasks[i].ids;
	t->wanted = repeats;
	cl_buf_reserve(kept, BUF_SLACK);
	memset(kept->data + kept->len, 0, BUF_SLACK);
	if (cl_fast_count_records(t, kept->data, kept->len, kept->len, 1) !=
	    (long)kept->len)
		return -1;
	return t->seen_ids == ids ? 0 : -1;
}

int
cl_fast_pipe(struct cl_engine *engine, const struct cl_layout *layout,
    int fd, const char *head, size_t head_len,
    const struct cl_fast_tuning *tune, struct cl_buf *kept)
{
	struct pipe_run *r = cl_xcalloc(1, sizeof *r);
	struct pipe_worker workers[MAX_THREADS];
	pthread_t ids[MAX_THREADS];
	int started[MAX_THREADS] = { 0 };
	struct cl_prints *sets[MAX_THREADS] = { NULL };
	struct fpset repeats = { NULL, 0 };
	int rc, let_go = 0;

	r->nthreads = tune->threads > MAX_THREADS ? MAX_THREADS :
	    tune->threads ? tune->threads : 1;
	r->block = tune->block > 0 ? tune->block : 1;
	r->keep = tune->keep;
	pthread_mutex_init(&r->lock, NULL);
	pthread_cond_init(&r->more, NULL);
	pthread_cond_init(&r->room, NULL);
	pthread_cond_init(&r->idle, NULL);
	/* room for what is kept, and the block that goes past it */
	kept->cap = (r->keep < (size_t)1 << 30 ? r->keep : (size_t)1 << 30) +
	    2 * r->block + BUF_SLACK;
	kept->data = cl_xmalloc(kept->cap);
	kept->len = 0;
	/* fewer, larger reads: a pipe holds 64 KiB unless told more */
	(void)fcntl(fd, F_SETPIPE_SZ, 1 << 20);
	for (unsigned i = 0; i < MAX_THREADS; i++)
		workers[i] = (struct pipe_worker){ r, i };
	for (unsigned i = 0; i < r->nthreads; i++) {
		/* the size is not known: as many buckets as for a large file */
		cl_prints_init(&r->prints[i], UINT64_MAX);
		sets[i] = &r->prints[i];
		cl_fast_task_init(&r->tasks[i], layout);
		r->tasks[i].prints = &r->prints[i];
		r->tasks[i].index = i;
		started[i] = pthread_create(&ids[i], NULL, count_blocks,
		    &workers[i]) == 0;
		if (!started[i])
			atomic_store(&r->stop, 1);	/* the general way */
	}
	double t0 = cl_seconds(), t1, t2, t3;

	rc = read_blocks(r, engine, fd, head, head_len, layout->max_record,
	    kept, &let_go);
	pthread_mutex_lock(&r->lock);
	r->done = 1;
	pthread_cond_broadcast(&r->more);
	pthread_mutex_unlock(&r->lock);
	for (unsigned i = 0; i < r->nthreads; i++)
		if (started[i])
			pthread_join(ids[i], NULL);
		else
			count_blocks(&workers[i]);
	t1 = cl_seconds();
	if (rc == 0 && atomic_load(&r->stop))
		rc = 1;
	if (rc == 0 && cl_fast_find_repeats(sets, r->nthreads, &repeats) != 0)
		rc = 1;
	t2 = cl_seconds();
	if (rc == 0 && repeats.v != NULL &&
	    (let_go || collect_kept(r, &repeats, kept) != 0))
		rc = 1;
	t3 = cl_seconds();
	if (rc == 0 && !cl_fast_add_tallies(engine, r->tasks, r->nthreads,
	    repeats.v != NULL, 0))
		rc = 1;
	cl_fast_stages.count = t1 - t0;
	cl_fast_stages.repeats = t2 - t1;
	cl_fast_stages.second = t3 - t2;
	cl_fast_stages.merge = cl_seconds() - t3;
	if (rc == 1 && let_go)
		rc = CL_FAST_PIPE_LOST;
	else if (rc == 0)
		rc = CL_FAST_PIPE_COUNTED;
	else if (rc == 1)
		rc = CL_FAST_PIPE_DECLINED;
	else
		rc = CL_FAST_PIPE_READ_ERROR;
	free(repeats.v);
	for (unsigned i = 0; i < r->nthreads; i++) {
		cl_fast_task_free(&r->tasks[i]);
		cl_prints_free(&r->prints[i]);
	}
	for (size_t i = 0; i < r->nspare; i++) {
		free(r->spare[i]->data);
		free(r->spare[i]);
	}
	pthread_mutex_destroy(&r->lock);
	pthread_cond_destroy(&r->more);
	pthread_cond_destroy(&r->room);
	pthread_cond_destroy(&r->idle);
	free(r);
	return rc;
}
