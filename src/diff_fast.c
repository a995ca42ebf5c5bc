/*
 * diff_fast.c - caseload diff of two regular files with every core: each
 * side is counted by the fast way (fast.h), both at once (NEW on a thread
 * of its own, what it says held until OLD is done), and the tasks also
 * keep a small record of every row with a case id: the id (its bytes
 * when it has at most 15, else its 64-bit fingerprint), the worker, the
 * points and the row's file offset.  The two sides' records are cut into buckets by id
 * and matched bucket by bucket in a table that stays in cache; a pair on
 * both sides with the same points says nothing in a diff, so only the
 * others (usually few) become cl_pairs, in file order, with their case
 * ids read again from the file when only a fingerprint was kept.
 * cl_diff_new then gives from them exactly the diff it gives from every
 * pair.
 *
 * Exact, not probable: a short id is its own key.  A long id matched by
 * fingerprint on both sides is read again on both and compared, up to
 * MAX_VERIFY of them; past that, or when two of one side's long ids share
 * a fingerprint and a worker, it declines and the caller reads both files
 * the general way.
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fast.h"

#define MATCHED ((uint64_t)1 << 63)     /* found on the other side */
#define BUCKET_ROWS 2048                /* about, so a table fits in cache */
#define MAX_VERIFY ((size_t)1 << 16)
#define MAX_BITS 12                     /* 4096 buckets, a task sorts into */

/* Appends the id of a key of at most 15 bytes, NUL-ended. */
static void
key_text(const struct cl_row_key *r, struct cl_buf *out)
{
	size_t len = key_length(r);

	for (size_t i = 0; i < len; i++)
		cl_buf_putc(out, (char)((i < 8 ? r->k0 >> 8 * i :
		    r->k1 >> 8 * (i - 8)) & 0xff));
	cl_buf_putc(out, '\0');
}

static void
rows_free(struct cl_fast_rows *rows)
{
	for (size_t i = 0; i < rows->nparts; i++) {
		free(rows->parts[i].v);
		free(rows->parts[i].start);
		free(rows->parts[i].number);
	}
	free(rows->parts);
	free(rows->differ);
}

/*
 * The rows' records, a few hundred MiB at 10 M rows, are given back by a
 * thread of their own once matched, while this one reads the pairs that
 * differ and the caller writes the diff: giving back that many pages
 * took a twentieth of the diff's time.
 */
struct cl_reaper {
	pthread_t id;
	int started;
	struct part *parts[2];
	size_t nparts[2];
};

static void *
reap(void *arg)
{
	struct cl_reaper *r = arg;

	for (int s = 0; s < 2; s++) {
		for (size_t i = 0; i < r->nparts[s]; i++) {
			free(r->parts[s][i].v);
			free(r->parts[s][i].start);
			free(r->parts[s][i].number);
		}
		free(r->parts[s]);
	}
	return NULL;
}

/* Hands the sides' records to a reaper (the pairs' to wait for). */
static void
reap_rows(struct cl_fast_rows *rows, struct cl_diff_pairs *out)
{
	struct cl_reaper *r = cl_xcalloc(1, sizeof *r);

	for (int s = 0; s < 2; s++) {
		r->parts[s] = rows[s].parts;
		r->nparts[s] = rows[s].nparts;
		rows[s].parts = NULL;
		rows[s].nparts = rows[s].cap_parts = 0;
	}
	r->started = pthread_create(&r->id, NULL, reap, r) == 0;
	if (!r->started)
		reap(r);
	out->reaper = r;
}

/*
 * A task's record carries its tally's number; the threads that match the
 * buckets number it in both sides' table as they read it, rather than one
 * thread going over every record before.
 */
static void
renumber(struct cl_row_key *r, const size_t *number)
{
	r->at = (r->at & ~WORKER_MASK) | number[r->at & WORKER_MASK];
}

/* Rows that differ, gathered by a thread. */
struct gathered {
	struct cl_row_key *v;
	size_t n, cap;
};

static void
gather(struct gathered *g, const struct cl_row_key *r)
{
	if (g->n == g->cap) {
		g->cap = g->cap ? 2 * g->cap : 256;
		g->v = cl_xrealloc(g->v, g->cap * sizeof *g->v);
	}
	g->v[g->n] = *r;
	g->v[g->n++].at &= ~MATCHED;
}

struct match {
	const struct cl_fast_rows *old, *now;
	size_t from, to;                /* buckets */
	struct gathered differ[2];      /* OLD's, NEW's */
	uint64_t *verify;               /* OLD, NEW offset of long ids */
	size_t nverify;
	int declined;
	struct cl_row_key *o;           /* a bucket of OLD, gathered */
	size_t no, cap_o;
	uint32_t *table;
	size_t cap;
};

static int
same_key(const struct cl_row_key *a, const struct cl_row_key *b)
{
	return a->k0 == b->k0 && a->k1 == b->k1 &&
	    worker_of(a) == worker_of(b);
}

static size_t
slot_hash(const struct cl_row_key *r)
{
	return (size_t)(key_hash(r) ^ (uint64_t)worker_of(r) *
	    0x9e3779b97f4a7c15u);
}

/* OLD's rows of bucket b into m->o, and a table of them; -1 when two
 * are the same pair (two long ids with one fingerprint). */
static int
table_of_old(struct match *m, size_t b, size_t *mask_out)
{
	size_t mask = 15, no = 0;

	for (size_t k = 0; k < m->old->nparts; k++)
		no += m->old->parts[k].end[b] - m->old->parts[k].start[b];
	/* the next bucket's rows, both sides', on their way to the cache */
	for (int s = 0; s < 2 && b + 1 < m->to; s++) {
		const struct cl_fast_rows *r = s == 0 ? m->old : m->now;

		for (size_t k = 0; k < r->nparts; k++)
			cl_fast_prefetch_rows(r->parts[k].v, r->parts[k].start[b +
			    1], r->parts[k].end[b + 1]);
	}
	if (m->o == NULL || no > m->cap_o) {
		free(m->o);
		m->cap_o = 2 * no + 16;
		m->o = cl_xmalloc(m->cap_o * sizeof *m->o);
	}
	m->no = 0;
	for (size_t k = 0; k < m->old->nparts; k++) {
		const struct part *x = &m->old->parts[k];
		size_t n = x->end[b] - x->start[b];

		if (n > 0)
			memcpy(m->o + m->no, x->v + x->start[b], n * sizeof *x->v);
		for (size_t i = 0; i < n; i++)
			renumber(&m->o[m->no + i], x->number);
		m->no += n;
	}
	while (mask + 1 < 2 * no)
		mask = mask * 2 + 1;
	if (m->cap < mask + 1) {
		free(m->table);
		m->cap = mask + 1;
		m->table = cl_xmalloc(m->cap * sizeof *m->table);
	}
	memset(m->table, 0, (mask + 1) * sizeof *m->table);
	for (size_t i = 0; i < no; i++) {
		size_t j = slot_hash(&m->o[i]) & mask;

		for (; m->table[j] != 0; j = (j + 1) & mask)
			if (same_key(&m->o[m->table[j] - 1], &m->o[i]))
				return -1;
		m->table[j] = (uint32_t)i + 1;
	}
	*mask_out = mask;
	return 0;
}

/* Matches NEW's row w with OLD's; 0, or -1 to decline. */
static int
match_row(struct match *m, const struct cl_row_key *w, size_t mask)
{
	size_t j = slot_hash(w) & mask;
	struct cl_row_key *hit = NULL;

	for (; m->table[j] != 0; j = (j + 1) & mask)
		if (same_key(&m->o[m->table[j] - 1], w)) {
			hit = &m->o[m->table[j] - 1];
			break;
		}
	if (hit == NULL) {
		gather(&m->differ[1], w);
		return 0;
	}
	if (hit->at & MATCHED)
		return -1;	/* two of NEW's long ids with one fingerprint */
	hit->at |= MATCHED;
	if (hit->points != w->points) {
		gather(&m->differ[0], hit);
		gather(&m->differ[1], w);
	}
	if (key_length(w) == LONG_ID) {
		if (m->nverify == MAX_VERIFY)
			return -1;
		if ((m->nverify & (m->nverify - 1)) == 0)
			m->verify = cl_xrealloc(m->verify, 2 * (m->nverify ?
			    2 * m->nverify : 1) * sizeof *m->verify);
		m->verify[2 * m->nverify] = offset_of(hit);
		m->verify[2 * m->nverify + 1] = offset_of(w);
		m->nverify++;
	}
	return 0;
}

static void *
run_match(void *arg)
{
	struct match *m = arg;

	for (size_t b = m->from; b < m->to && !m->declined; b++) {
		size_t mask = 0;

		if (table_of_old(m, b, &mask) != 0) {
			m->declined = 1;
			break;
		}
		for (size_t k = 0; k < m->now->nparts && !m->declined; k++) {
			const struct part *x = &m->now->parts[k];

			for (size_t i = x->start[b]; i < x->end[b] &&
			    !m->declined; i++) {
				struct cl_row_key w = x->v[i];

				renumber(&w, x->number);
				m->declined = match_row(m, &w, mask) != 0;
			}
		}
		for (size_t i = 0; i < m->no; i++)
			if (!(m->o[i].at & MATCHED))
				gather(&m->differ[0], &m->o[i]);
	}
	return NULL;
}

/* Runs fn on args[0..n) (each `size` bytes), a thread each, this one
 * among them. */
static void
run_all(void *(*fn)(void *), void *args, size_t size, size_t n)
{
	pthread_t ids[MAX_THREADS];
	int started[MAX_THREADS] = { 0 };

	for (size_t i = 1; i < n; i++)
		started[i] = pthread_create(&ids[i], NULL, fn,
		    (char *)args + i * size) == 0;
	for (size_t i = 0; i < n; i++)
		if (i == 0 || !started[i])
			fn((char *)args + i * size);
	for (size_t i = 1; i < n; i++)
		if (started[i])
			pthread_join(ids[i], NULL);
}

/* ---- case ids read again ---- */

/*
 * Appends, NUL-ended, to *out the case id of the record at `at` of the
 * side's file, as the fast way read it; 0, or -1 when it cannot.
 */
static int
read_case_id(const struct cl_fast_rows *r, struct task *t, uint64_t at,
    struct cl_buf *window, struct cl_buf *out)
{
	size_t want = 4096, have = 0, end = 0;
	const struct cl_field *f;
	const char *text;
	size_t n, len;
	int in_quotes = 0, found = 0;

	for (;;) {
		ssize_t got;

		cl_buf_reserve(window, want);
		got = pread(r->fd, window->data + have, want - have,
		    (off_t)(at + have));
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0)
			return -1;
		for (; end < have + (size_t)got; end++) {
			char c = window->data[end];

			if (c == '"')
				in_quotes = !in_quotes;
			else if (!in_quotes && (c == '\n' || c == '\r')) {
				found = 1;
				break;
			}
		}
		have += (size_t)got;
		if (found || got == 0)
			break;
		if (want > r->layout.max_record + 2)
			return -1;
		want *= 2;
	}
	if (cl_reader_split(t->reader, window->data, end, &f, &n) != 0 ||
	    r->layout.case_id < 0 || n <= (size_t)r->layout.case_id ||
	    cl_fast_case_text(t, f[r->layout.case_id], &text, &len) <= 0) {
		cl_reader_forget_texts(t->reader);
		return -1;
	}
	cl_buf_append(out, text, len);
	cl_buf_putc(out, '\0');
	cl_reader_forget_texts(t->reader);
	return 0;
}

/* Whether each long id matched on both sides is the same text on both. */
static int
verify_long(const struct cl_fast_rows *old, const struct cl_fast_rows *now,
    const struct match *m, size_t nm)
{
	struct task to, tn;
	struct cl_buf window = { 0 }, a = { 0 }, b = { 0 };
	int ok = 1;

	cl_fast_task_init(&to, &old->layout);
	cl_fast_task_init(&tn, &now->layout);
	for (size_t k = 0; k < nm && ok; k++)
		for (size_t i = 0; i < m[k].nverify && ok; i++) {
			a.len = b.len = 0;
			ok = read_case_id(old, &to, m[k].verify[2 * i], &window,
			    &a) == 0 && read_case_id(now, &tn, m[k].verify[2 * i +
			    1], &window, &b) == 0 && strcmp(a.data, b.data) == 0;
		}
	cl_buf_free(&window);
	cl_buf_free(&a);
	cl_buf_free(&b);
	cl_fast_task_free(&to);
	cl_fast_task_free(&tn);
	return ok;
}

/* ---- the pairs that differ ---- */

static int
by_offset(const void *pa, const void *pb)
{
	uint64_t a = offset_of(*(const struct cl_row_key *const *)pa);
	uint64_t b = offset_of(*(const struct cl_row_key *const *)pb);

	return (a > b) - (a < b);
}

/* The side's pairs that differ, in file order, into out (side s). */
static int
side_pairs(const struct cl_fast_rows *r, const struct cl_diff_names *names,
    struct cl_diff_pairs *out, int s)
{
	const struct cl_row_key **d;
	size_t n = r->ndiffer, *at;
	struct cl_buf window = { 0 };
	struct task t;
	int rc = 0;

	d = cl_xmalloc((n + 1) * sizeof(const struct cl_row_key *));
	at = cl_xmalloc((n + 1) * sizeof *at);
	for (size_t i = 0; i < n; i++)
		d[i] = &r->differ[i];
	qsort(d, n, sizeof(const struct cl_row_key *), by_offset);
	cl_fast_task_init(&t, &r->layout);
	out->pairs[s] = cl_xcalloc(n + 1, sizeof *out->pairs[s]);
	for (size_t i = 0; i < n && rc == 0; i++) {
		struct cl_pair *p = &out->pairs[s][i];

		at[i] = out->text[s].len;
		if (key_length(d[i]) == LONG_ID) {
			rc = read_case_id(r, &t, offset_of(d[i]), &window,
			    &out->text[s]);
		} else {
			key_text(d[i], &out->text[s]);
		}
		p->worker = ((const struct name *)names->t.items[
		    worker_of(d[i])])->text;
		p->points = d[i]->points;
	}
	for (size_t i = 0; i < n && rc == 0; i++)
		out->pairs[s][i].case_id = out->text[s].data + at[i];
	out->npairs[s] = n;
	cl_fast_task_free(&t);
	cl_buf_free(&window);
	free(at);
	free(d);
	return rc;
}

/* ---- both sides ---- */

/* Matches the sides' rows and keeps the pairs that differ; 0 or -1. */
static int
compare(struct cl_fast_rows *rows, const struct cl_fast_tuning *tune,
    struct cl_diff_pairs *out)
{
	struct match m[MAX_THREADS];
	size_t nb = (size_t)1 << rows[0].bits, nm = tune->threads, verify = 0;
	int declined = 0;

	if (nm > MAX_THREADS)
		nm = MAX_THREADS;
	if (nm > nb)
		nm = nb;
	if (nm == 0)
		nm = 1;
	memset(m, 0, sizeof m);
	for (size_t i = 0; i < nm; i++) {
		m[i].old = &rows[0];
		m[i].now = &rows[1];
		m[i].from = nb * i / nm;
		m[i].to = nb * (i + 1) / nm;
	}
	run_all(run_match, m, sizeof *m, nm);
	reap_rows(rows, out);
	for (size_t i = 0; i < nm; i++) {
		declined |= m[i].declined;
		verify += m[i].nverify;
	}
	if (verify > MAX_VERIFY)
		declined = 1;	/* each thread stops at it; all together too */
	if (!declined && !verify_long(&rows[0], &rows[1], m, nm))
		declined = 1;
	for (int s = 0; s < 2; s++) {
		size_t n = 0;

		for (size_t i = 0; i < nm; i++)
			n += m[i].differ[s].n;
		rows[s].differ = cl_xmalloc((n + 1) * sizeof *rows[s].differ);
		for (size_t i = 0; i < nm; i++) {
			if (m[i].differ[s].n > 0)
				memcpy(rows[s].differ + rows[s].ndiffer,
				    m[i].differ[s].v, m[i].differ[s].n *
				    sizeof *m[i].differ[s].v);
			rows[s].ndiffer += m[i].differ[s].n;
		}
	}
	for (size_t i = 0; i < nm; i++) {
		free(m[i].differ[0].v);
		free(m[i].differ[1].v);
		free(m[i].verify);
		free(m[i].table);
		free(m[i].o);
	}
	for (int s = 0; s < 2 && !declined; s++)
		declined = side_pairs(&rows[s], rows[s].names, out, s) != 0;
	return declined ? -1 : 0;
}

/* ---- both sides at once ---- */

/*
 * OLD is counted on this thread and NEW on another at the same time, each
 * with every core: while one side reads its header, waits for its last
 * chunk or adds up, the other keeps the cores busy.  What NEW says (a
 * title, total rows) is held and said after OLD's, as before.
 */
struct held_diag {
	struct cl_diag d;
	char *file, *message;
};

struct held {
	struct held_diag *v;
	size_t n, cap;
};

static void
hold(void *ctx, const struct cl_diag *d)
{
	struct held *h = ctx;
	struct held_diag *c;

	if (h->n == h->cap) {
		h->cap = h->cap ? 2 * h->cap : 8;
		h->v = cl_xrealloc(h->v, h->cap * sizeof *h->v);
	}
	c = &h->v[h->n++];
	c->file = d->file != NULL ? cl_xstrdup(d->file) : NULL;
	c->message = d->message != NULL ? cl_xstrdup(d->message) : NULL;
	c->d = *d;
	c->d.file = c->file;
	c->d.message = c->message;
}

/* Says what was held, in order, and frees it. */
static void
release(struct held *h, cl_diag_fn say, void *ctx)
{
	for (size_t i = 0; i < h->n; i++) {
		say(ctx, &h->v[i].d);
		free(h->v[i].file);
		free(h->v[i].message);
	}
	free(h->v);
}

struct side {
	struct cl_engine *engine;
	const char *name;
	int fd;
	const struct cl_reader_options *options;
	const struct cl_fast_tuning *tune;
	cl_diag_fn say;
	void *ctx;
	struct cl_fast_rows *rows;
	int ok, status;
	enum cl_decline declined;       /* its thread's cl_fast_stages' */
};

static void *
count_side(void *arg)
{
	struct side *s = arg;
	struct cl_source *src = cl_source_cases(s->engine, s->name,
	    s->options, s->say, s->ctx);
	int fatal = 0;

	s->ok = cl_source_count_fast_file(src, s->fd, s->tune, s->rows) &&
	    s->rows->taken && !s->rows->declined;
	s->declined = cl_fast_stages.declined;
	if (s->ok)
		s->status = cl_source_finish(src, &fatal);
	s->ok = s->ok && !fatal;
	cl_source_free(src);
	return NULL;
}

/* Buckets of about BUCKET_ROWS rows for the larger file (about 40 bytes
 * a row), the same for both. */
static unsigned
bucket_bits(const int *fds)
{
	uint64_t most = 0;
	unsigned bits = 0;

	for (int s = 0; s < 2; s++) {
		struct stat st;

		if (fstat(fds[s], &st) == 0 && (uint64_t)st.st_size > most)
			most = (uint64_t)st.st_size;
	}
	while (bits < MAX_BITS && (((uint64_t)BUCKET_ROWS * 40 << bits) < most ||
	    bits < cl_fast_stages.diff_bits))
		bits++;
	return bits;
}

int
cl_diff_count_fast(struct cl_engine *const *engines, const char *const *names,
    const int *fds, const struct cl_reader_options *options,
    const struct cl_fast_tuning *tune, cl_diag_fn say, void *ctx,
    struct cl_diff_pairs *out)
{
	struct cl_fast_rows rows[2];
	struct side sides[2];
	struct held held = { NULL, 0, 0 };
	pthread_t other;
	int ok, started;

	memset(out, 0, sizeof *out);
	memset(rows, 0, sizeof rows);
	out->names = cl_xcalloc(1, sizeof *out->names);
	pthread_mutex_init(&out->names->lock, NULL);
	rows[0].bits = rows[1].bits = bucket_bits(fds);
	for (int s = 0; s < 2; s++) {
		rows[s].names = out->names;
		sides[s] = (struct side){ engines[s], names[s], fds[s], options,
			tune, s == 0 ? say : hold, s == 0 ? ctx : (void *)&held,
			&rows[s], 0, 0, CL_DECLINE_NONE };
	}
	started = pthread_create(&other, NULL, count_side, &sides[1]) == 0;
	count_side(&sides[0]);
	if (started)
		pthread_join(other, NULL);
	else
		count_side(&sides[1]);
	release(&held, say, ctx);
	cl_fast_stages.declined = sides[0].declined ? sides[0].declined :
	    sides[1].declined;
	ok = sides[0].ok && sides[1].ok;
	for (int s = 0; s < 2; s++) {
		out->status[s] = sides[s].status;
		out->has_case_ids[s] = ok && rows[s].layout.case_id >= 0;
	}
	if (ok && out->has_case_ids[0] && out->has_case_ids[1])
		ok = compare(rows, tune, out) == 0;
	for (int s = 0; s < 2; s++)
		rows_free(&rows[s]);
	if (!ok) {
		cl_diff_pairs_free(out);
		memset(out, 0, sizeof *out);
	}
	return ok;
}

void
cl_diff_pairs_free(struct cl_diff_pairs *p)
{
	if (p == NULL)
		return;
	if (p->reaper != NULL && p->reaper->started)
		pthread_join(p->reaper->id, NULL);
	free(p->reaper);
	p->reaper = NULL;
	for (int s = 0; s < 2; s++) {
		free(p->pairs[s]);
		cl_buf_free(&p->text[s]);
	}
	if (p->names != NULL) {
		pthread_mutex_destroy(&p->names->lock);
		cl_fast_table_free(&p->names->t, cl_fast_free_name);
		free(p->names);
	}
	p->names = NULL;
}
