/*
 * fast_file.c - counts a whole case-list file with every core (see
 * fast.h): cuts it into chunks, runs a task on each, finds the case ids
 * that occur more than once, and adds the tasks' tallies to the engine.
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fast.h"

/* ---- chunks ---- */

/* Where the first line after offset `at` starts, or `to` if none does. */
static uint64_t
line_after(int fd, uint64_t at, uint64_t to)
{
	char window[65536];

	while (at < to) {
		size_t want = sizeof window;
		ssize_t got;
		const char *nl;

		if (want > to - at)
			want = (size_t)(to - at);
		got = pread(fd, window, want, (off_t)at);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			return to;
		if ((nl = memchr(window, '\n', (size_t)got)) != NULL)
			return at + (uint64_t)(nl - window) + 1;
		at += (uint64_t)got;
	}
	return to;
}

/* Whether the byte before `to` is a line break. */
static int
ends_with_line_break(int fd, uint64_t to)
{
	char last;
	ssize_t got;

	do
		got = pread(fd, &last, 1, (off_t)(to - 1));
	while (got < 0 && errno == EINTR);
	return got == 1 && (last == '\n' || last == '\r');
}

struct check {
	struct cl_prints **sets;
	size_t nsets, from, to;
	uint64_t *repeats;
	size_t nrepeats;
};

static void *
run_check(void *arg)
{
	struct check *c = arg;

	c->nrepeats = cl_prints_repeats(c->sets, c->nsets, c->from, c->to,
	    &c->repeats, MAX_SHARED_ROWS);
	return NULL;
}

/*
 * The set of fingerprints that occur more than once across the tasks,
 * found with a thread per task.  Returns 0, or -1 when there are too many
 * for the second pass.
 */
static int
find_repeats(struct task *tasks, size_t ntasks, struct fpset *set)
{
	struct cl_prints *sets[MAX_THREADS];
	struct check checks[MAX_THREADS];
	pthread_t threads[MAX_THREADS];
	size_t nbuckets = (size_t)1 << tasks[0].prints.bits, total = 0;
	size_t n = ntasks < nbuckets ? ntasks : nbuckets;
	int started[MAX_THREADS] = { 0 }, rc = 0;

	memset(set, 0, sizeof *set);
	for (size_t i = 0; i < ntasks; i++)
		sets[i] = &tasks[i].prints;
	for (size_t i = 0; i < n; i++) {
		checks[i] = (struct check){ sets, ntasks, nbuckets * i / n,
			nbuckets * (i + 1) / n, NULL, 0 };
		if (i > 0)
			started[i] = pthread_create(&threads[i], NULL,
			    run_check, &checks[i]) == 0;
		if (i == 0 || !started[i])
			run_check(&checks[i]);
	}
	for (size_t i = 0; i < n; i++) {
		if (started[i])
			pthread_join(threads[i], NULL);
		if (checks[i].nrepeats == (size_t)-1)
			rc = -1;
		else
			total += checks[i].nrepeats;
	}
	if (rc == 0 && total > MAX_SHARED_ROWS)
		rc = -1;
	if (rc == 0 && total > 0) {
		set->mask = 1;
		while (set->mask + 1 < 2 * total)
			set->mask = set->mask * 2 + 1;
		set->v = cl_xcalloc(set->mask + 1, sizeof *set->v);
		for (size_t i = 0; i < n; i++)
			for (size_t k = 0; k < checks[i].nrepeats; k++) {
				uint64_t v = checks[i].repeats[k];
				size_t j = (size_t)v & set->mask;

				while (set->v[j] != 0 && set->v[j] != v)
					j = (j + 1) & set->mask;
				set->v[j] = v;
			}
	}
	for (size_t i = 0; i < n; i++)
		free(checks[i].repeats);
	return rc;
}

/*
 * The tasks' tallies, merged in order of first row; NULL to decline.
 * `seen` gets the workers' names, each with its index in the result.
 */
static struct cl_bulk *
merge(struct task *tasks, size_t ntasks, struct table *seen_out,
    size_t *nout)
{
	struct table seen = { 0 };
	size_t n = 0, cap = 64;
	struct cl_bulk *out = cl_xmalloc(cap * sizeof *out);
	u128 total = 0;
	int ok = 1;

	for (size_t k = 0; k < ntasks && ok; k++)
		for (size_t i = 0; i < tasks[k].ntallies && ok; i++) {
			const struct tally *w = &tasks[k].tallies[i];
			const char *team = w->team ? w->team->text : NULL;
			size_t slot = cl_fast_table_find(&seen, w->name->hash,
			    cl_fast_same_name, w->name->text);
			struct cl_bulk *b;
			u128 points;

			if (cl_fast_table_get(&seen, slot) == NULL) {
				struct name *key;

				if (n == cap) {
					cap *= 2;
					out = cl_xrealloc(out, cap * sizeof *out);
				}
				b = &out[n];
				memset(b, 0, sizeof *b);
				b->worker = w->name->text;
				b->team = team;
				key = cl_xmalloc(sizeof *key);
				*key = *w->name;
				key->text = cl_xstrdup(w->name->text);
				key->worker = (long)n++;
				cl_fast_table_put(&seen, slot, key->hash, key);
			} else {
				b = &out[((struct name *)cl_fast_table_get(&seen,
				    slot))->worker];
				if (b->team == NULL)
					b->team = team;
				else if (team != NULL && strcmp(b->team, team) != 0)
					ok = 0;	/* "is in team ... here" */
			}
			b->spellings |= w->spellings;
			b->with_id += w->with_id;
			b->without_id += w->without_id;
			points = (u128)(uint64_t)b->points + w->points;
			total += w->points;
			if (points > INT64_MAX || total > INT64_MAX)
				ok = 0;	/* "would overflow the sum" */
			else
				b->points = (cl_dec)points;
		}
	*seen_out = seen;
	if (!ok || n == 0) {	/* no tallies: as before, the general way */
		free(out);
		return NULL;
	}
	*nout = n;
	return out;
}

/* ---- case ids that occur more than once ---- */

static int
by_id(const void *pa, const void *pb)
{
	const struct shared_row *a = pa, *b = pb;
	int c = strcmp(a->id, b->id);

	return c != 0 ? c : (a->order > b->order) - (a->order < b->order);
}

static int
by_team(const void *pa, const void *pb)
{
	const struct shared_row *a = pa, *b = pb;
	int c;

	if (a->team == NULL || b->team == NULL)
		c = (a->team != NULL) - (b->team != NULL);
	else
		c = strcmp(a->team, b->team);
	if (c == 0)
		c = (a->bulk > b->bulk) - (a->bulk < b->bulk);
	return c != 0 ? c : (a->order > b->order) - (a->order < b->order);
}

/*
 * Works out, from the second pass's rows, what the totals must lose for
 * case ids that occur more than once: the summary counts such a case once,
 * and a team once however many of its workers have it.  A case listed
 * twice for one worker needs a message, so that declines (-1).
 */
static int
resolve(struct cl_engine *e, struct task *tasks, size_t ntasks,
    struct cl_bulk *bulk, struct table *seen)
{
	struct shared_row *rows;
	size_t n = 0;
	int rc = 0;

	for (size_t k = 0; k < ntasks; k++)
		n += tasks[k].nrows;
	rows = cl_xcalloc(n + 1, sizeof *rows);
	n = 0;
	for (size_t k = 0; k < ntasks; k++)
		for (size_t i = 0; i < tasks[k].nrows; i++) {
			struct shared_row *r = &rows[n++];
			size_t slot;
			const char *team;

			*r = tasks[k].rows[i];	/* the task still owns r->id */
			slot = cl_fast_table_find(seen, cl_fingerprint(r->worker,
			    strlen(r->worker)), cl_fast_same_name, r->worker);
			r->bulk = (size_t)((struct name *)cl_fast_table_get(seen,
			    slot))->worker;
			team = cl_engine_roster_team(e, r->worker);
			r->team = team != NULL ? team : bulk[r->bulk].team;
		}
	qsort(rows, n, sizeof *rows, by_id);
	for (size_t i = 0, j; i < n && rc == 0; i = j) {
		for (j = i + 1; j < n && strcmp(rows[j].id, rows[i].id) == 0;
		    j++)
			;
		if (j - i < 2)
			continue;	/* only its fingerprint is shared */
		qsort(rows + i, j - i, sizeof *rows, by_team);
		for (size_t k = i + 1; k < j && rc == 0; k++) {
			const struct shared_row *r = &rows[k], *prev = &rows[k - 1];

			if (r->bulk == prev->bulk)
				rc = -1;	/* "case ... repeats line ..." */
			bulk[r->bulk].shared++;
			if (r->team == prev->team || (r->team != NULL &&
			    prev->team != NULL && strcmp(r->team, prev->team) == 0))
				bulk[r->bulk].team_shared++;
		}
	}
	free(rows);
	return rc;
}

/* ---- the whole file ---- */

/* What every task of a file shares. */
struct plan {
	const struct cl_layout *layout;
	struct cl_reader_options ropt;
	int fd;
	uint64_t eof;
	uint64_t expected;      /* bytes of records, for the buckets' size */
	atomic_int *stop;
};

static void
task_init(struct task *t, const struct plan *p, unsigned index,
    uint64_t from, uint64_t to)
{
	memset(t, 0, sizeof *t);
	t->layout = p->layout;
	t->fd = p->fd;
	t->from = from;
	t->to = to;
	t->eof = p->eof;
	t->stop = p->stop;
	t->index = index;
	t->reader = cl_reader_new("", &p->ropt, NULL, NULL, NULL);
	t->cap = BUF_BYTES;
	t->buf = cl_xmalloc(t->cap + BUF_SLACK);
	t->fields = cl_xcalloc(p->layout->ncols + 1, sizeof *t->fields);
	cl_prints_init(&t->prints, p->expected / 48);
}

/* Runs every task, the first on this thread. */
static void
run_tasks(struct task *tasks, size_t ntasks)
{
	pthread_t ids[MAX_THREADS];
	int started[MAX_THREADS] = { 0 };

	for (size_t i = 1; i < ntasks; i++)
		started[i] = pthread_create(&ids[i], NULL, cl_fast_run_task,
		    &tasks[i]) == 0;
	for (size_t i = 1; i < ntasks; i++)
		if (!started[i])
			cl_fast_run_task(&tasks[i]);
	if (ntasks > 0)
		cl_fast_run_task(&tasks[0]);
	for (size_t i = 0; i < ntasks; i++)
		if (started[i])
			pthread_join(ids[i], NULL);
}

/*
 * Chunks are cut at line breaks, and a line break may be inside quotes:
 * then the record that crosses a chunk's end runs on into the next chunk,
 * and the next task, which started inside it, read nonsense.  Each task
 * that did not start where the one before ended is read again from there
 * (on this thread).  Returns whether a task declined for a real reason.
 */
static int
align_tasks(struct task *tasks, size_t ntasks, const struct plan *p)
{
	for (size_t i = 0; i < ntasks; i++) {
		struct task *t = &tasks[i];

		if (i > 0 && t->from != tasks[i - 1].end) {
			uint64_t from = tasks[i - 1].end, to = t->to;

			cl_fast_task_free(t);
			task_init(t, p, (unsigned)i, from < to ? from : to, to);
			cl_fast_run_task(t);
			if (from >= to)
				t->end = from;	/* the record before took it all */
		}
		if (t->declined)
			return 1;
	}
	return 0;
}

int
cl_fast_count(struct cl_engine *engine, const struct cl_layout *layout,
    int fd, uint64_t from, uint64_t to, unsigned threads, uint64_t min_chunk)
{
	struct task tasks[MAX_THREADS];
	struct plan plan = { 0 };
	struct fpset repeats = { NULL, 0 };
	struct table seen = { 0 };
	atomic_int stop = 0;
	size_t ntasks = 0, nbulk = 0;
	struct cl_bulk *bulk = NULL;
	int counted = 0, declined;

	/*
	 * The file-wide checks that make the fast way decline before it
	 * starts.  Rows that need a message make a task decline in
	 * fast_chunk.c's count_row instead; a new rule that makes the
	 * general way say something adds its check to one of the two.
	 */
	if (to == from || !ends_with_line_break(fd, to))
		return 0;	/* "the file ends without a line break" */
	if (threads > MAX_THREADS)
		threads = MAX_THREADS;
	if (threads == 0)
		threads = 1;
	plan.layout = layout;
	plan.ropt.delimiter = layout->delimiter;
	plan.ropt.encoding = CL_ENC_UTF8;
	plan.ropt.max_record_bytes = layout->max_record;
	plan.ropt.max_fields = layout->max_fields;
	plan.fd = fd;
	plan.eof = to;
	plan.expected = to - from;
	plan.stop = &stop;
	for (uint64_t at = from; at < to && ntasks < threads; ntasks++) {
		uint64_t left = threads - ntasks, step = (to - at) / left;
		uint64_t end = to;

		if (left > 1 && step > 0 && step >= min_chunk)
			end = line_after(fd, at + step - 1, to);
		task_init(&tasks[ntasks], &plan, (unsigned)ntasks, at, end);
		at = end;
	}
	run_tasks(tasks, ntasks);
	declined = align_tasks(tasks, ntasks, &plan);
	if (!declined && ntasks > 0 && find_repeats(tasks, ntasks, &repeats) != 0)
		declined = 1;
	if (!declined && repeats.v != NULL) {
		/* the rows of those ids, read again: the file is in the cache */
		for (size_t i = 0; i < ntasks; i++) {
			tasks[i].wanted = &repeats;
			tasks[i].to = tasks[i].end;
		}
		run_tasks(tasks, ntasks);
		for (size_t i = 0; i < ntasks; i++)
			declined |= tasks[i].declined ||
			    tasks[i].seen_ids != tasks[i].ids;
	}
	if (!declined && (bulk = merge(tasks, ntasks, &seen, &nbulk)) != NULL &&
	    (repeats.v == NULL || resolve(engine, tasks, ntasks, bulk,
	    &seen) == 0)) {
		if (cl_engine_bulk_is_quiet(engine, bulk, nbulk)) {
			for (size_t i = 0; i < nbulk; i++)
				cl_engine_add_bulk(engine, &bulk[i]);
			counted = 1;
		}
	}
	cl_fast_table_free(&seen, cl_fast_free_name);
	free(repeats.v);
	free(bulk);
	for (size_t i = 0; i < ntasks; i++)
		cl_fast_task_free(&tasks[i]);
	return counted;
}
