/*
 * fast_file.c - counts whole case-list files with every core (see
 * fast.h): cuts them into chunks, has a thread per core take tasks from a
 * queue, finds the case ids that occur more than once, and adds the
 * tasks' tallies to the engine.
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "fast.h"

/* ---- chunks ---- */

/* Where the first line after offset `at` starts, or `to` if none does. */
static uint64_t
line_after(const struct cl_fast_input *in, uint64_t at, uint64_t to)
{
	char window[65536];

	while (at < to) {
		size_t want = sizeof window;
		ssize_t got;
		const char *nl;

		if (want > to - at)
			want = (size_t)(to - at);
		got = cl_fast_read_at(in->fd, in->spool, in->to, window, want,
		    at);
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
ends_with_line_break(const struct cl_fast_input *in, uint64_t to)
{
	char last;
	ssize_t got;

	do
		got = cl_fast_read_at(in->fd, in->spool, in->to, &last, 1,
		    to - 1);
	while (got < 0 && errno == EINTR);
	return got == 1 && (last == '\n' || last == '\r');
}

struct check {
	struct cl_prints *const *sets;
	const struct task *tasks;
	size_t nsets, ntasks, from, to;
	uint64_t *repeats;
	size_t nrepeats;
};

static void *
run_check(void *arg)
{
	struct check *c = arg;

	c->nrepeats = c->tasks != NULL ? cl_fast_row_repeats(c->tasks,
	    c->ntasks, c->from, c->to, &c->repeats, MAX_SHARED_ROWS) :
	    cl_prints_repeats(c->sets, c->nsets, c->from, c->to, &c->repeats,
	    MAX_SHARED_ROWS);
	return NULL;
}

int
cl_fast_find_repeats(struct cl_prints *const *sets, size_t nsets,
    const struct task *tasks, size_t ntasks, struct fpset *set)
{
	struct check checks[MAX_THREADS];
	pthread_t threads[MAX_THREADS];
	size_t nbuckets = (size_t)1 << (tasks != NULL ?
	    tasks[0].layout->rows->bits : sets[0]->bits), total = 0;
	size_t n = nsets < nbuckets ? nsets : nbuckets;
	int started[MAX_THREADS] = { 0 }, rc = 0;

	memset(set, 0, sizeof *set);
	if (n > MAX_THREADS)
		n = MAX_THREADS;
	for (size_t i = 0; i < n; i++) {
		checks[i] = (struct check){ sets, tasks, nsets, ntasks,
			nbuckets * i / n, nbuckets * (i + 1) / n, NULL, 0 };
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
 * The tasks' tallies, merged in order of first row; NULL to decline, with
 * *why the rule.  `seen` gets the workers' names, each with its index in
 * the result.
 */
static struct cl_bulk *
merge(struct task *tasks, size_t ntasks, struct table *seen_out,
    size_t *nout, enum cl_decline *why)
{
	struct table seen = { 0 };
	size_t n = 0, cap = 64;
	struct cl_bulk *out = cl_xmalloc(cap * sizeof *out);
	u128 total = 0;

	*why = CL_DECLINE_NONE;
	for (size_t k = 0; k < ntasks && !*why; k++)
		for (size_t i = 0; i < tasks[k].ntallies && !*why; i++) {
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
					*why = CL_DECLINE_TEAM_CHANGES;
			}
			b->spellings |= w->spellings;
			b->with_id += w->with_id;
			b->without_id += w->without_id;
			points = (u128)(uint64_t)b->points + w->points;
			total += w->points;
			if (points > INT64_MAX || total > INT64_MAX)
				*why = CL_DECLINE_OVERFLOW;
			else
				b->points = (cl_dec)points;
		}
	*seen_out = seen;
	if (!*why && n == 0)	/* no tallies: as before, the general way */
		*why = CL_DECLINE_NO_ROWS;
	if (*why) {
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
 * twice for one worker needs a message, so that declines.
 */
static enum cl_decline
resolve(struct cl_engine *e, struct task *tasks, size_t ntasks,
    struct cl_bulk *bulk, struct table *seen)
{
	struct shared_row *rows;
	size_t n = 0;
	enum cl_decline rc = CL_DECLINE_NONE;

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
				rc = CL_DECLINE_CASE_REPEATS;
			bulk[r->bulk].shared++;
			if (r->team == prev->team || (r->team != NULL &&
			    prev->team != NULL && strcmp(r->team, prev->team) == 0))
				bulk[r->bulk].team_shared++;
		}
	}
	free(rows);
	return rc;
}

enum cl_decline
cl_fast_add_tallies(struct cl_engine *engine, struct task *tasks,
    size_t ntasks, int repeats)
{
	struct table seen = { 0 };
	size_t nbulk = 0;
	enum cl_decline why;
	struct cl_bulk *bulk = merge(tasks, ntasks, &seen, &nbulk, &why);

	if (!why && repeats)
		why = resolve(engine, tasks, ntasks, bulk, &seen);
	if (!why)
		why = cl_engine_bulk_decline(engine, bulk, nbulk);
	if (!why)
		for (size_t i = 0; i < nbulk; i++)
			cl_engine_add_bulk(engine, &bulk[i]);
	cl_fast_table_free(&seen, cl_fast_free_name);
	free(bulk);
	return why;
}

/* ---- total rows ---- */

/* What a total row says, once the fast way has counted. */
struct said {
	char *text;
	long line;
	enum cl_severity severity;
	size_t input;
};

/* Adds points to sums that can only grow; -1 past what a cl_dec holds
 * (merge then declines: "would overflow the sum"). */
static int
add_sum(cl_dec *sum, u128 points)
{
	u128 v = (u128)(uint64_t)*sum + points;

	if (v > INT64_MAX)
		return -1;
	*sum = (cl_dec)v;
	return 0;
}

static int
add_rows(struct cl_totals *sums, u128 points, long rows)
{
	sums->rows_since += rows;
	sums->rows_all += rows;
	return add_sum(&sums->since_total, points) != 0 ||
	    add_sum(&sums->all_rows, points) != 0 ? -1 : 0;
}

/*
 * Meets the tasks' total rows in the order of the inputs, as read_totals.c
 * does, with the points of the rows between them, and writes in *out
 * (*nout of them) what each says, on which line, and after them the
 * notes on the footer lines below the table (read_footer.c).  Returns
 * CL_DECLINE_NONE, or the rule to decline for: a row that may be a sum
 * row but is not one ("worker is empty"), sums too large, a footer line
 * with rows below it.
 */
static enum cl_decline
check_totals(const struct task *tasks, size_t ntasks,
    const struct cl_fast_input *in, const size_t *file_of, struct said **out,
    size_t *nout)
{
	struct cl_totals sums = { 0 };
	struct cl_msg m = { NULL, NULL, { 0 } };
	long line = 0;
	size_t n = 0, cap = 0;
	enum cl_decline rc = CL_DECLINE_NONE;
	int footed = 0;         /* a task before in the file met a footer */

	*out = NULL;
	for (size_t i = 0; i < ntasks && !rc; i++) {
		const struct task *t = &tasks[i];
		const struct cl_fast_input *at = &in[file_of[i]];

		if (i == 0 || file_of[i] != file_of[i - 1]) {
			memset(&sums, 0, sizeof sums);
			line = at->line;
			footed = 0;
		}
		/* a footer line with a row below it is a row (read_footer.c) */
		if (footed && (t->ntallies > 0 || t->ntotals > 0)) {
			rc = CL_DECLINE_FOOTER_ABOVE_ROW;
			break;
		}
		for (size_t k = 0; k < t->ntotals && !rc; k++) {
			const struct total_row *r = &t->totals[k];
			long where = line + r->line;
			cl_dec value;

			if (add_rows(&sums, r->sum, r->rows) != 0) {
				rc = CL_DECLINE_OVERFLOW;
				break;
			}
			value = cl_totals_pick(&sums, r->value, r->alt);
			if (r->maybe_sum && !cl_totals_is_sum(&sums, value))
				rc = CL_DECLINE_EMPTY_WORKER;
			if (rc)
				break;
			if (n == cap) {
				cap = cap ? 2 * cap : 16;
				*out = cl_xrealloc(*out, cap * sizeof **out);
			}
			(*out)[n].severity = cl_totals_say(&sums, &m, where,
			    r->label, r->has_value ? &value : NULL, r->unread);
			(*out)[n].text = cl_xstrdup(m.text.data);
			(*out)[n].line = where;
			(*out)[n++].input = file_of[i];
			cl_msg_drop(&m);
		}
		if (!rc && add_rows(&sums, t->sum_since, t->rows_since) != 0)
			rc = CL_DECLINE_OVERFLOW;
		/* footers come last in the file: said after its total rows */
		for (size_t k = 0; k < t->nfooters && !rc; k++) {
			if (n == cap) {
				cap = cap ? 2 * cap : 16;
				*out = cl_xrealloc(*out, cap * sizeof **out);
			}
			cl_footer_note(&m, t->footers[k].text, t->footers[k].len);
			(*out)[n].severity = CL_NOTE;
			(*out)[n].text = cl_xstrdup(m.text.data);
			(*out)[n].line = line + t->footers[k].line;
			(*out)[n++].input = file_of[i];
			cl_msg_drop(&m);
		}
		footed |= t->nfooters > 0;
		line += t->lines;
	}
	cl_msg_free(&m);
	*nout = n;
	return rc;
}

/* A note the general way's reader gives, on its line. */
struct note {
	long line;
	const char *text;
};

/* Says, input by input, what its header said (in->before) and what
 * check_totals wrote of it (said, in the order of the inputs), and the
 * notes its reader would have given where it would have given them:
 * that its text is Windows-1252 (note_line[f], 0 for none) and that a
 * ="..." cell is read as its text (formula_line[f]), when the inputs
 * were counted; frees said. */
static void
say_totals(const struct cl_fast_input *in, size_t nin, struct said *said,
    size_t n, const long *note_line, const long *formula_line, int counted)
{
	size_t k = 0;

	for (size_t f = 0; f < nin; f++) {
		struct cl_msg *m = in[f].msg;
		/* the reader's notes, in the order it gives them: a line's
		 * ="..." cells are split before its text is read */
		struct note notes[2], text = { note_line[f],
			cl_reader_1252_note() };
		size_t nnotes = 0, next = 0;

		if (formula_line[f] != 0)
			notes[nnotes++] = (struct note){ formula_line[f],
				cl_reader_formula_note() };
		if (text.line != 0 && nnotes == 1 && text.line < notes[0].line) {
			notes[1] = notes[0];
			notes[0] = text;
			nnotes++;
		} else if (text.line != 0) {
			notes[nnotes++] = text;
		}
		for (size_t i = 0; counted && i < in[f].nbefore; i++)
			if (m->on_diag != NULL)
				m->on_diag(m->ctx, &in[f].before[i]);
		for (;; k++) {
			int last = k == n || said[k].input != f;

			for (; next < nnotes && (last ||
			    said[k].line >= notes[next].line); next++) {
				if (counted) {
					cl_msg_text(m, notes[next].text);
					cl_msg_send(m, in[f].name,
					    notes[next].line, CL_NOTE);
				}
			}
			if (last)
				break;
			if (counted) {
				cl_msg_text(m, said[k].text);
				cl_msg_send(m, in[f].name, said[k].line,
				    said[k].severity);
			}
		}
	}
	for (size_t i = 0; i < n; i++)
		free(said[i].text);
	free(said);
}

/* ---- text whose encoding the header did not show ---- */

/*
 * Meets, list by list, what the first cell that is not ASCII of each
 * chunk decided (task->decided), as the general way's reader meets the
 * first such cell of the list: valid UTF-8 makes it UTF-8, else it says
 * so (on note_line[f]) and reads the rest as Windows-1252.  Returns
 * CL_DECLINE_NONE, or BAD_TEXT for a chunk that is not valid UTF-8 after
 * one that was (the general way says where).  Sets in_1252[f] for a list
 * to be read again as Windows-1252 from its start: a later chunk read a
 * cell as UTF-8 that the general way reads as Windows-1252.
 */
static enum cl_decline
check_text(const struct task *tasks, size_t ntasks,
    const struct cl_fast_input *in, const size_t *file_of, long *note_line,
    int *in_1252, int *again)
{
	enum cl_encoding state = CL_ENC_AUTO;
	long line = 0;

	*again = 0;
	for (size_t i = 0; i < ntasks; i++) {
		const struct task *t = &tasks[i];
		size_t f = file_of[i];

		if (i == 0 || f != file_of[i - 1]) {
			state = in_1252[f] ? CL_ENC_WINDOWS_1252 :
			    in[f].layout->encoding;
			line = in[f].line;
		}
		if (t->decided == CL_ENC_AUTO || t->decided == state ||
		    in_1252[f]) {
			line += t->lines;
			continue;
		}
		if (state == CL_ENC_AUTO) {
			state = t->decided;
			if (state == CL_ENC_WINDOWS_1252)
				note_line[f] = line + t->decided_line;
		} else if (state == CL_ENC_UTF8) {
			return CL_DECLINE_BAD_TEXT;
		} else {
			in_1252[f] = 1;
			*again = 1;
		}
		line += t->lines;
	}
	return CL_DECLINE_NONE;
}

/* A chunk's row without a case id before any blank line in the chunk is
 * below one all the same when a chunk of its list before had one: the
 * general way warns about it (a task declines only for one in its own
 * chunk). */
static enum cl_decline
check_no_ids(const struct task *tasks, size_t ntasks, const size_t *file_of)
{
	int blank = 0;

	for (size_t i = 0; i < ntasks; i++) {
		if (i > 0 && file_of[i] != file_of[i - 1])
			blank = 0;
		if (blank && tasks[i].no_id_first)
			return CL_DECLINE_NO_ID_BELOW_BLANK;
		blank |= tasks[i].blank_seen;
	}
	return CL_DECLINE_NONE;
}

/* Sets formula_line[f] to the line of list f's first ="..." cell, which
 * the general way's reader notes (0: none). */
static void
find_formulas(const struct task *tasks, size_t ntasks,
    const struct cl_fast_input *in, const size_t *file_of, long *formula_line)
{
	long line = 0;

	for (size_t i = 0; i < ntasks; i++) {
		const struct task *t = &tasks[i];
		size_t f = file_of[i];

		if (i == 0 || f != file_of[i - 1])
			line = in[f].line;
		if (t->formula && formula_line[f] == 0)
			formula_line[f] = line + t->formula_line;
		line += t->lines;
	}
}

/* ---- whole files ---- */

/* a thread's own: a diff counts its two sides on two threads at once */
_Thread_local struct cl_fast_stages cl_fast_stages;

double
cl_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* A file gets up to this many chunks a thread, so that a thread that
 * finishes early (the other core was busy) takes more of them. */
#define CHUNKS_PER_THREAD 4
/* A diff's tasks also keep and sort their rows, and it counts two files
 * one after the other: smaller chunks leave a core idle for less time at
 * the end of each. */
#define DIFF_CHUNKS_PER_THREAD 8

/* The tasks and the threads that take them in turn. */
struct pool {
	struct task *tasks;
	size_t ntasks;
	atomic_size_t next;
	struct cl_prints prints[MAX_THREADS];   /* one set a thread */
	unsigned nthreads;
	int split_only;         /* the calling thread's cl_fast_stages' */
};

struct worker {
	struct pool *pool;
	unsigned index;
};

static void *
work(void *arg)
{
	struct worker *w = arg;
	struct pool *p = w->pool;
	size_t i;

	while ((i = atomic_fetch_add(&p->next, 1)) < p->ntasks) {
		p->tasks[i].prints = &p->prints[w->index];
		cl_fast_run_task(&p->tasks[i]);
	}
	return NULL;
}

/* Runs every task, with the pool's threads, this one among them. */
static void
run_tasks(struct pool *p)
{
	struct worker workers[MAX_THREADS];
	pthread_t ids[MAX_THREADS];
	int started[MAX_THREADS] = { 0 };

	atomic_store(&p->next, 0);
	for (unsigned i = 0; i < MAX_THREADS; i++)
		workers[i] = (struct worker){ p, i };
	for (unsigned i = 1; i < p->nthreads; i++)
		started[i] = pthread_create(&ids[i], NULL, work,
		    &workers[i]) == 0;
	work(&workers[0]);
	for (unsigned i = 1; i < p->nthreads; i++)
		if (started[i])
			pthread_join(ids[i], NULL);
}

static void
task_init(struct task *t, const struct cl_fast_input *in, atomic_int *stop,
    unsigned index, uint64_t from, uint64_t to, int in_1252)
{
	cl_fast_task_init(t, in->layout);
	if (in_1252)
		cl_fast_task_1252(t);
	t->fd = in->fd;
	t->spool = in->spool;
	t->from = from;
	t->to = to;
	t->eof = in->to;
	t->stop = stop;
	t->index = index;
	t->first = from == in->from;
}

/*
 * Why the count declined, task i being the first in order that did: its
 * rule, or when another task's decline stopped it, the rule of a task
 * that starts at its file's first record (only such a task stops the
 * others, and its rule holds whatever came before it).
 */
static enum cl_decline
first_reason(const struct pool *p, size_t i)
{
	if (p->tasks[i].declined != CL_DECLINE_STOPPED)
		return p->tasks[i].declined;
	for (size_t k = 0; k < p->ntasks; k++)
		if (p->tasks[k].first && p->tasks[k].declined &&
		    p->tasks[k].declined != CL_DECLINE_STOPPED)
			return p->tasks[k].declined;
	return CL_DECLINE_STOPPED;
}

/*
 * Chunks are cut at line breaks, and a line break may be inside quotes:
 * then the record that crosses a chunk's end runs on into the next chunk,
 * and the next task, which started inside it, read nonsense.  Each task
 * that did not start where the one before it in its file ended is read
 * again from there (on this thread).  Returns the rule a task declined
 * for, or CL_DECLINE_NONE.
 */
static enum cl_decline
align_tasks(struct pool *p, const struct cl_fast_input *in,
    const size_t *file_of, atomic_int *stop, const int *in_1252)
{
	for (size_t i = 0; i < p->ntasks; i++) {
		struct task *t = &p->tasks[i];

		if (!t->first && t->from != p->tasks[i - 1].end) {
			uint64_t from = p->tasks[i - 1].end, to = t->to;

			/* from >= to: the record before took it all, and the
			 * task has nothing to read, in either pass */
			cl_fast_task_free(t);
			task_init(t, &in[file_of[i]], stop, (unsigned)i, from,
			    from < to ? to : from, in_1252[file_of[i]]);
			t->first = 0;
			t->prints = &p->prints[0];
			cl_fast_run_task(t);
		}
		if (t->declined)
			return first_reason(p, i);
	}
	return CL_DECLINE_NONE;
}

/* Cuts the inputs into tasks; file_of[i] is task i's input. */
static void
plan_tasks(struct pool *p, const struct cl_fast_input *in, size_t nin,
    uint64_t min_chunk, atomic_int *stop, size_t **file_of,
    const int *in_1252)
{
	size_t cap = 16;
	uint64_t per_thread = in[0].layout->rows != NULL ?
	    DIFF_CHUNKS_PER_THREAD : CHUNKS_PER_THREAD;

	p->tasks = cl_xcalloc(cap, sizeof *p->tasks);
	p->ntasks = 0;
	*file_of = cl_xcalloc(cap, sizeof **file_of);
	for (size_t f = 0; f < nin; f++) {
		uint64_t size = in[f].to - in[f].from;
		uint64_t chunks = min_chunk > 0 ? size / min_chunk : size;

		if (chunks > (uint64_t)p->nthreads * per_thread)
			chunks = (uint64_t)p->nthreads * per_thread;
		if (chunks == 0)
			chunks = 1;
		for (uint64_t at = in[f].from, k = 0; at < in[f].to; k++) {
			uint64_t left = chunks - k, end = in[f].to;

			if (left > 1)
				end = line_after(&in[f], at + (in[f].to - at) /
				    left - 1, in[f].to);
			if (p->ntasks == cap) {
				cap *= 2;
				p->tasks = cl_xrealloc(p->tasks,
				    cap * sizeof *p->tasks);
				*file_of = cl_xrealloc(*file_of,
				    cap * sizeof **file_of);
			}
			(*file_of)[p->ntasks] = f;
			task_init(&p->tasks[p->ntasks], &in[f], stop,
			    (unsigned)p->ntasks, at, end, in_1252[f]);
			p->ntasks++;
			at = end;
		}
	}
}

/* ---- a pipe, counted as it comes ---- */

/* A pipe's chunks are cut as its bytes come, by the thread that will
 * count them: small at first, so that both cores start soon, twice as
 * large every STREAM_STEP chunks, up to STREAM_MOST. */
#define STREAM_STEP 4
#define STREAM_MOST ((uint64_t)8 << 20)

struct stream {
	pthread_mutex_t lock;
	struct pool *pool;
	struct cl_fast_input in;        /* to: UINT64_MAX */
	atomic_int *stop;
	uint64_t at;                    /* where the next chunk starts */
	uint64_t min_chunk;
	int done;
	struct task **tasks;            /* each its own, so that none moves */
	size_t ntasks, cap;
};

struct stream_worker {
	struct stream *stream;
	unsigned index;
};

/* The next chunk's task, or NULL when there is none (under s->lock). */
static struct task *
next_chunk(struct stream *s)
{
	unsigned k = (unsigned)(s->ntasks / STREAM_STEP);
	uint64_t most = s->min_chunk > STREAM_MOST ? s->min_chunk : STREAM_MOST;
	uint64_t chunk = k < 24 ? s->min_chunk << k : most;
	uint64_t margin, want, have, eof, end;
	struct task *t;

	if (chunk > most || chunk == 0)
		chunk = most;
	/* bytes past the chunk, so that its last record is there too */
	margin = chunk < BUF_BYTES ? chunk : BUF_BYTES;
	for (want = s->at + chunk + margin;; want = have + chunk) {
		if (s->done || atomic_load(s->stop)) {
			s->done = 1;
			return NULL;
		}
		have = cl_spool_wait(s->in.spool, want);
		if ((eof = cl_spool_until(s->in.spool, 0)) != UINT64_MAX)
			have = eof;
		if (have <= s->at) {
			s->done = 1;
			return NULL;
		}
		if (eof != UINT64_MAX && have - s->at <= chunk) {
			end = have;
			break;
		}
		if (have > s->at + chunk) {
			struct cl_fast_input in = s->in;

			in.to = have;
			end = line_after(&in, s->at + chunk - 1, have);
			if (end < have || eof != UINT64_MAX)
				break;
		}
	}
	if (s->ntasks == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 64;
		s->tasks = cl_xrealloc(s->tasks,
		    s->cap * sizeof(struct task *));
	}
	t = cl_xmalloc(sizeof *t);
	task_init(t, &s->in, s->stop, (unsigned)s->ntasks, s->at, end, 0);
	t->split_only = s->pool->split_only;	/* cl_fast_stages is a thread's */
	t->eof = eof;
	s->tasks[s->ntasks++] = t;
	s->at = end;
	return t;
}

static void *
stream_work(void *arg)
{
	struct stream_worker *w = arg;
	struct stream *s = w->stream;

	for (;;) {
		struct task *t;

		pthread_mutex_lock(&s->lock);
		t = next_chunk(s);
		pthread_mutex_unlock(&s->lock);
		if (t == NULL)
			return NULL;
		t->prints = &s->pool->prints[w->index];
		cl_fast_run_task(t);
	}
}

/*
 * Counts a pipe while it comes, with the pool's threads, this one among
 * them, and leaves the tasks in p as plan_tasks and run_tasks would.
 * Returns the pipe's length once it has ended, and in *error the errno
 * it ended with.
 */
static uint64_t
stream_tasks(struct pool *p, const struct cl_fast_input *in,
    uint64_t min_chunk, atomic_int *stop, size_t **file_of, int *error)
{
	struct stream s = { .pool = p, .in = *in, .stop = stop,
		.at = in->from, .min_chunk = min_chunk ? min_chunk : 1 };
	struct stream_worker workers[MAX_THREADS];
	pthread_t ids[MAX_THREADS];
	int started[MAX_THREADS] = { 0 };
	uint64_t len;

	pthread_mutex_init(&s.lock, NULL);
	for (unsigned i = 0; i < MAX_THREADS; i++)
		workers[i] = (struct stream_worker){ &s, i };
	for (unsigned i = 1; i < p->nthreads; i++)
		started[i] = pthread_create(&ids[i], NULL, stream_work,
		    &workers[i]) == 0;
	stream_work(&workers[0]);
	for (unsigned i = 1; i < p->nthreads; i++)
		if (started[i])
			pthread_join(ids[i], NULL);
	pthread_mutex_destroy(&s.lock);
	len = cl_spool_length(in->spool, error);
	p->ntasks = s.ntasks;
	p->tasks = cl_xcalloc(s.ntasks + 1, sizeof *p->tasks);
	for (size_t i = 0; i < s.ntasks; i++) {
		p->tasks[i] = *s.tasks[i];
		p->tasks[i].eof = len;
		free(s.tasks[i]);
	}
	free(s.tasks);
	*file_of = cl_xcalloc(s.ntasks + 1, sizeof **file_of);
	return len;
}

enum cl_decline
cl_fast_count(struct cl_engine *engine, const struct cl_fast_input *in,
    size_t nin, unsigned threads, uint64_t min_chunk)
{
	struct pool pool = { 0 };
	struct fpset repeats = { NULL, 0 };
	struct cl_prints *sets[MAX_THREADS] = { NULL };
	atomic_int stop = 0;
	size_t *file_of, nsaid = 0;
	struct said *said = NULL;
	struct cl_fast_input *inputs = cl_xcalloc(nin + 1, sizeof *inputs);
	uint64_t bytes = 0;
	enum cl_decline why = CL_DECLINE_NONE;
	int stream = 0, coming = 0, *in_1252, again;
	int rows = in[0].layout->rows != NULL;	/* every input's, or none's */
	long *note_line, *formula_line;

	cl_fast_stages.streamed = 0;
	pool.split_only = cl_fast_stages.split_only;
	pool.nthreads = threads > MAX_THREADS ? MAX_THREADS : threads ? threads
	    : 1;
	/* a pipe still coming is counted as it comes (alone, on threads);
	 * else its length is waited for, and it is read as a file */
	memcpy(inputs, in, nin * sizeof *in);
	for (size_t f = 0; f < nin; f++) {
		int error = 0;

		if (inputs[f].spool == NULL || inputs[f].to != UINT64_MAX)
			continue;
		coming = cl_spool_until(inputs[f].spool, 0) == UINT64_MAX;
		if (nin == 1 && pool.nthreads > 1 && (coming ||
		    cl_fast_stages.stream_always))
			stream = 1;
		else if ((inputs[f].to = cl_spool_length(inputs[f].spool,
		    &error)) < inputs[f].from || error != 0)
			why = CL_DECLINE_READ;
	}
	in = inputs;
	/*
	 * The input-wide checks that make the fast way decline before it
	 * starts (a pipe counted as it comes: once it has ended); rows that
	 * need a message make a task decline in fast_chunk.c (see fast.h,
	 * "How to add a rule").
	 */
	for (size_t f = 0; f < nin && !stream && !why; f++) {
		if (in[f].to == in[f].from)
			why = CL_DECLINE_NO_ROWS;
		else if (!ends_with_line_break(&in[f], in[f].to))
			why = CL_DECLINE_NO_FINAL_LINE_BREAK;
	}
	if (why) {
		free(inputs);
		return why;
	}
	for (size_t f = 0; f < nin; f++)
		bytes += stream ? (uint64_t)1 << 40 : in[f].to - in[f].from;
	for (unsigned i = 0; i < pool.nthreads; i++) {
		cl_prints_init(&pool.prints[i], bytes / 48);
		sets[i] = &pool.prints[i];
	}
	double t0 = cl_seconds(), t1, t2, t3;

	cl_fast_stages.streamed = stream && coming;
	in_1252 = cl_xcalloc(nin, sizeof *in_1252);
	note_line = cl_xcalloc(nin, sizeof *note_line);	/* 0: no note */
	formula_line = cl_xcalloc(nin, sizeof *formula_line);
	for (;;) {
		if (stream) {
			int error = 0;

			inputs[0].to = stream_tasks(&pool, &inputs[0], min_chunk,
			    &stop, &file_of, &error);
			if (error != 0 || inputs[0].to < inputs[0].from)
				why = CL_DECLINE_READ;
			else if (inputs[0].to == inputs[0].from)
				why = CL_DECLINE_NO_ROWS;
			else if (!ends_with_line_break(&inputs[0], inputs[0].to))
				why = CL_DECLINE_NO_FINAL_LINE_BREAK;
		} else {
			plan_tasks(&pool, in, nin, min_chunk, &stop, &file_of,
			    in_1252);
			run_tasks(&pool);
		}
		if (!why)
			why = align_tasks(&pool, in, file_of, &stop, in_1252);
		if (!why)
			why = check_text(pool.tasks, pool.ntasks, in, file_of,
			    note_line, in_1252, &again);
		if (why || !again)
			break;
		/* a list read again, as Windows-1252 from its start (rare:
		 * such text that reads as UTF-8 too); so are the others, and
		 * a pipe, which has ended, as a file */
		stream = 0;
		for (size_t i = 0; i < pool.ntasks; i++)
			cl_fast_task_free(&pool.tasks[i]);
		free(pool.tasks);
		free(file_of);
		for (unsigned i = 0; i < pool.nthreads; i++) {
			cl_prints_free(&pool.prints[i]);
			cl_prints_init(&pool.prints[i], bytes / 48);
		}
	}
	if (!why)
		why = check_no_ids(pool.tasks, pool.ntasks, file_of);
	t1 = cl_seconds();
	/* a diff's tasks kept every row's case id, and no fingerprints */
	for (size_t i = 0; rows && !why && i < pool.ntasks; i++)
		if (pool.tasks[i].rec_start == NULL)
			cl_fast_sort_rows(&pool.tasks[i]);	/* read nothing */
	if (!why && cl_fast_find_repeats(sets, pool.nthreads, rows ? pool.tasks
	    : NULL, pool.ntasks, &repeats) != 0)
		why = CL_DECLINE_SHARED_IDS;
	t2 = cl_seconds();
	if (!why && repeats.v != NULL) {
		/* the rows of those ids, read again: the files are in the
		 * page cache */
		for (size_t i = 0; i < pool.ntasks; i++) {
			pool.tasks[i].wanted = &repeats;
			pool.tasks[i].to = pool.tasks[i].end;
		}
		run_tasks(&pool);
		for (size_t i = 0; i < pool.ntasks && !why; i++)
			why = pool.tasks[i].declined ? first_reason(&pool, i) :
			    pool.tasks[i].seen_ids != pool.tasks[i].ids ?
			    CL_DECLINE_READ : CL_DECLINE_NONE;
	}
	t3 = cl_seconds();
	if (!why)
		why = check_totals(pool.tasks, pool.ntasks, in, file_of, &said,
		    &nsaid);
	if (!why)
		why = cl_fast_add_tallies(engine, pool.tasks, pool.ntasks,
		    repeats.v != NULL);
	if (!why)
		find_formulas(pool.tasks, pool.ntasks, in, file_of,
		    formula_line);
	say_totals(in, nin, said, nsaid, note_line, formula_line, !why);
	free(in_1252);
	free(note_line);
	free(formula_line);
	cl_fast_stages.count = t1 - t0;
	cl_fast_stages.repeats = t2 - t1;
	cl_fast_stages.second = t3 - t2;
	cl_fast_stages.merge = cl_seconds() - t3;
	if (!why)
		cl_fast_take_rows(pool.tasks, pool.ntasks);
	free(repeats.v);
	for (size_t i = 0; i < pool.ntasks; i++)
		cl_fast_task_free(&pool.tasks[i]);
	free(pool.tasks);
	free(file_of);
	free(inputs);
	for (unsigned i = 0; i < pool.nthreads; i++)
		cl_prints_free(&pool.prints[i]);
	return why;
}
