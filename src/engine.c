/*
 * engine.c - sums cases per worker and classifies each against targets.
 *
 * No I/O: rows come in through cl_engine_add_case, problems go out through
 * the diagnostic callback, and cl_engine_report builds the sorted report.
 *
 * Three open-addressing tables keep memory proportional to what is
 * distinct: workers by name, case ids (interned once), and the set of
 * (case, worker) pairs that catches a case listed twice for one worker.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "internal.h"

__extension__ typedef __int128 wide;

/* A programming error: says which and aborts, as cl_out_of_memory does. */
static _Noreturn void
misuse(const char *caller, const char *what)
{
	fprintf(stderr, "caseload: internal error: %s %s\n", caller, what);
	abort();
}

const char *
cl_load_status_name(enum cl_load_status s)
{
	switch (s) {
	case CL_OVER:
		return "over";
	case CL_UNDER:
		return "under";
	default:
		return "ok";
	}
}

/* ---- keys: case-folded names, initials ---- */

static void
key_table_free(struct key_table *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->entries[i].key);
	free(t->entries);
	cl_hashtab_free(&t->index);
}

static int
same_key(const void *ctx, size_t entry, const void *key)
{
	const struct key_entry *entries = ctx;

	return strcmp(entries[entry].key, key) == 0;
}

/* The worker of key (hashed h), or -1; *slot is for key_put. */
static long
key_find(struct key_table *t, const char *key, uint64_t h, size_t *slot)
{
	*slot = cl_hashtab_find(&t->index, h, same_key, t->entries, key);
	return cl_hashtab_entry(&t->index, *slot) < 0 ? -1 :
	    (long)t->entries[cl_hashtab_entry(&t->index, *slot)].worker;
}

static void
key_put(struct key_table *t, size_t slot, const char *key, uint64_t h,
    uint32_t worker)
{
	if (t->n == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 16;
		t->entries = cl_xrealloc(t->entries,
		    t->cap * sizeof *t->entries);
	}
	t->entries[t->n].key = cl_xstrdup(key);
	t->entries[t->n].worker = worker;
	cl_hashtab_put(&t->index, slot, h, t->n++);
}

struct cl_engine *
cl_engine_new(const struct cl_targets *targets, cl_diag_fn on_diag,
    void *ctx)
{
	struct cl_engine *e = cl_xcalloc(1, sizeof *e);

	e->defaults.targets = *targets;
	e->config = &e->defaults;
	e->msg.on_diag = on_diag;
	e->msg.ctx = ctx;
	e->pair_mask = 1023;
	e->pairs = cl_xcalloc(e->pair_mask + 1, sizeof *e->pairs);
	return e;
}

void
cl_engine_free(struct cl_engine *e)
{
	if (e == NULL)
		return;
	for (size_t i = 0; i < e->nworkers; i++) {
		free(e->workers[i].name);
		free(e->workers[i].team);
		free(e->workers[i].reason);
		free(e->workers[i].initials);
	}
	key_table_free(&e->folds);
	key_table_free(&e->initials);
	cl_buf_free(&e->fold);
	free(e->workers);
	cl_hashtab_free(&e->worker_index);
	free(e->cases);
	cl_hashtab_free(&e->case_index);
	cl_arena_free(&e->case_ids);
	free(e->pairs);
	for (size_t i = 0; i < e->nfiles; i++)
		free(e->files[i]);
	free(e->files);
	free(e->report.workers);
	free(e->report.teams);
	cl_msg_free(&e->msg);
	cl_due_list_free(&e->due);
	free(e);
}

void
cl_engine_use_config(struct cl_engine *e, const struct cl_config *config)
{
	e->config = config;
}

const struct cl_config *
cl_engine_config(const struct cl_engine *e)
{
	return e->config == &e->defaults ? NULL : e->config;
}

/* ---- messages ---- */

/* Sends the message built in e->msg. */
static void
say(struct cl_engine *e, enum cl_severity sev, const char *file, long line)
{
	cl_msg_send(&e->msg, file, line, sev);
}

/* Says a message made of fmt (translated) and its values. */
static void
say_fmt(struct cl_engine *e, enum cl_severity sev, const char *file,
    long line, const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void
say_fmt(struct cl_engine *e, enum cl_severity sev, const char *file,
    long line, const char *fmt, ...)
{
	va_list ap;

	cl_msg_drop(&e->msg);
	va_start(ap, fmt);
	cl_buf_vprintf(&e->msg.text, fmt, ap);
	va_end(ap);
	say(e, sev, file, line);
}

/* Quoted values for a message, freed by quotes_free. */
struct quotes {
	struct cl_buf b[4];
};

static const char *
quote(struct quotes *q, int i, const char *value)
{
	return cl_quoted(&q->b[i], value);
}

static void
quotes_free(struct quotes *q)
{
	for (size_t i = 0; i < sizeof q->b / sizeof *q->b; i++)
		cl_buf_free(&q->b[i]);
}

/* ---- workers ---- */

static int
same_worker(const void *ctx, size_t entry, const void *key)
{
	const struct worker_acc *workers = ctx;

	return strcmp(workers[entry].name, key) == 0;
}

/* The worker called `name`, or -1; *h and *slot are for add_worker. */
static long
find_worker(struct cl_engine *e, const char *name, uint64_t *h, size_t *slot)
{
	*h = cl_hash(name, strlen(name));
	*slot = cl_hashtab_find(&e->worker_index, *h, same_worker, e->workers,
	    name);
	return cl_hashtab_entry(&e->worker_index, *slot);
}

static uint32_t file_index(struct cl_engine *e, const char *file);

/* "FILE:LINE", or "line LINE" when the row was met in the input `here`
 * (file_index), into b (cleared).  The same file named twice is two
 * inputs, so a row of the first is FILE:LINE in the second. */
static const char *
where(struct cl_buf *b, const struct cl_engine *e, uint32_t file, long line,
    uint32_t here)
{
	b->len = 0;
	if (file != here)
		cl_buf_printf(b, "%s:%ld", e->files[file], line);
	else
		/* TRANSLATORS: where a row was met before, in the same file */
		cl_buf_printf(b, _("line %ld"), line);
	return b->data;
}

/* Warns when worker `index` is named as an earlier one but for letter
 * case: most likely one person, but the names differ, so two workers. */
static void
check_case(struct cl_engine *e, size_t index)
{
	const struct worker_acc *w = &e->workers[index];
	size_t slot;
	long found;
	uint64_t h;

	cl_casefold(&e->fold, w->name, strlen(w->name));
	h = cl_hash(e->fold.data, e->fold.len);
	found = key_find(&e->folds, e->fold.data, h, &slot);
	if (found < 0) {
		key_put(&e->folds, slot, e->fold.data, h, (uint32_t)index);
		return;
	}
	{
		const struct worker_acc *first = &e->workers[found];
		struct quotes q = { 0 };

		say_fmt(e, CL_WARNING, e->files[w->first_file], w->first_line,
		    _("workers %s (%s) and %s differ only in letter case; "
		    "counted as two workers"), quote(&q, 0, first->name),
		    where(&q.b[1], e, first->first_file, first->first_line,
		    w->first_file),
		    quote(&q, 2, w->name));
		quotes_free(&q);
	}
}

static size_t
add_worker(struct cl_engine *e, const char *name, uint64_t h, size_t slot,
    const char *team, cl_dec fte, const char *file, long line)
{
	struct worker_acc *w;
	size_t index = e->nworkers;

	if (e->nworkers == e->cap_workers) {
		e->cap_workers = e->cap_workers ? 2 * e->cap_workers : 64;
		e->workers = cl_xrealloc(e->workers,
		    e->cap_workers * sizeof *e->workers);
	}
	w = &e->workers[e->nworkers++];
	memset(w, 0, sizeof *w);
	w->name = cl_xstrdup(name);
	w->team = team != NULL ? cl_xstrdup(team) : NULL;
	w->fte = fte;
	w->first_file = file_index(e, file);
	w->first_line = line;
	cl_hashtab_put(&e->worker_index, slot, h, index);
	check_case(e, index);
	return index;
}

/* The worker whose roster initials are `name`, or -1. */
static long
find_initials(struct cl_engine *e, const char *name)
{
	size_t slot;

	if (e->initials.n == 0)
		return -1;
	return key_find(&e->initials, name, cl_hash(name, strlen(name)),
	    &slot);
}

void
cl_engine_use_roster(struct cl_engine *e)
{
	e->have_roster = 1;
}

int
cl_engine_add_roster(struct cl_engine *e, const struct cl_roster_entry *r)
{
	uint64_t h;
	size_t slot, index;
	long found = find_worker(e, r->worker, &h, &slot);
	struct worker_acc *w;

	e->have_roster = 1;
	if (found >= 0) {
		struct quotes q = { 0 };

		say_fmt(e, CL_ERROR, r->file, r->line,
		    _("worker %s is listed twice"), quote(&q, 0, r->worker));
		quotes_free(&q);
		return CL_EDATA;
	}
	if (r->initials != NULL && *r->initials != '\0') {
		uint64_t ih = cl_hash(r->initials, strlen(r->initials));
		size_t is;
		long owner = key_find(&e->initials, r->initials, ih, &is);

		if (owner >= 0) {
			const struct worker_acc *other = &e->workers[owner];
			struct quotes q = { 0 };

			say_fmt(e, CL_ERROR, r->file, r->line, _("initials %s of "
			    "%s are those of %s too (%s); give each worker their "
			    "own"), quote(&q, 0, r->initials),
			    quote(&q, 1, r->worker), quote(&q, 2, other->name),
			    where(&q.b[3], e, other->first_file,
			    other->first_line, file_index(e, r->file)));
			quotes_free(&q);
			return CL_EDATA;
		}
		key_put(&e->initials, is, r->initials, ih,
		    (uint32_t)e->nworkers);
	}
	/* add_worker may move e->workers: index it only after the call */
	index = add_worker(e, r->worker, h, slot, r->team, r->fte, r->file,
	    r->line);
	w = &e->workers[index];
	w->initials = r->initials != NULL && *r->initials != '\0'
	    ? cl_xstrdup(r->initials) : NULL;
	w->on_roster = 1;
	w->team_from_roster = r->team != NULL;
	w->reduction = r->reduction;
	w->reason = r->reason != NULL ? cl_xstrdup(r->reason) : NULL;
	return CL_OK;
}

int
cl_engine_add_worker(struct cl_engine *e, const char *name, cl_dec fte,
    const char *team, const char *file, long line)
{
	struct cl_roster_entry r = { name, fte, team, 0, NULL, file, line,
		NULL };

	return cl_engine_add_roster(e, &r);
}

/* ---- case ids and pairs ---- */

static int
same_case(const void *ctx, size_t entry, const void *key)
{
	const struct case_entry *cases = ctx;

	return strcmp(cases[entry].id, key) == 0;
}

int
cl_engine_has_case(const struct cl_engine *e, const char *id)
{
	uint64_t h = cl_hash(id, strlen(id));
	long found;

	cl_engine_need_ids(e, "cl_engine_has_case");
	found = cl_hashtab_lookup(&e->case_index, h, same_case, e->cases, id);
	return found >= 0 && e->cases[found].counted;
}

/* The number of case `id`, added if new. */
static uint32_t
intern_case(struct cl_engine *e, const char *id)
{
	size_t len = strlen(id);
	uint64_t h = cl_hash(id, len);
	size_t slot = cl_hashtab_find(&e->case_index, h, same_case, e->cases,
	    id);
	long found = cl_hashtab_entry(&e->case_index, slot);

	if (found >= 0)
		return (uint32_t)found;
	if (e->ncases == e->cap_cases) {
		e->cap_cases = e->cap_cases ? 2 * e->cap_cases : 1024;
		e->cases = cl_xrealloc(e->cases,
		    e->cap_cases * sizeof *e->cases);
	}
	e->cases[e->ncases].id = cl_arena_strndup(&e->case_ids, id, len);
	e->cases[e->ncases].counted = 0;
	cl_hashtab_put(&e->case_index, slot, h, e->ncases);
	return (uint32_t)e->ncases++;
}

uint64_t
cl_engine_mix(uint64_t k)
{
	k ^= k >> 31;
	k *= 0x9e3779b97f4a7c15u;
	k ^= k >> 29;
	return k;
}

static struct pair_slot *
pair_slot(struct pair_slot *pairs, size_t mask, uint64_t key)
{
	size_t i = (size_t)cl_engine_mix(key) & mask;

	while (pairs[i].line != 0 && pairs[i].key != key)
		i = (i + 1) & mask;
	return &pairs[i];
}

static void
grow_pairs(struct cl_engine *e)
{
	size_t mask = e->pair_mask * 2 + 1;
	struct pair_slot *pairs = cl_xcalloc(mask + 1, sizeof *pairs);

	for (size_t i = 0; i <= e->pair_mask; i++)
		if (e->pairs[i].line != 0)
			*pair_slot(pairs, mask, e->pairs[i].key) = e->pairs[i];
	free(e->pairs);
	e->pairs = pairs;
	e->pair_mask = mask;
}

void
cl_engine_begin_input(struct cl_engine *e)
{
	e->new_input = 1;
}

/* The index in e->files of the input named `file`: the one being read,
 * or a new one after cl_engine_begin_input; without that call (rows
 * added with no source), the first input of that name. */
static uint32_t
file_index(struct cl_engine *e, const char *file)
{
	const char *name = file != NULL ? file : "";

	if (!e->new_input) {
		if (e->nfiles > 0 && strcmp(e->files[e->input], name) == 0)
			return e->input;
		for (size_t i = 0; i < e->nfiles; i++)
			if (strcmp(e->files[i], name) == 0)
				return e->input = (uint32_t)i;
	}
	e->new_input = 0;
	e->files = cl_xrealloc(e->files, (e->nfiles + 1) * sizeof *e->files);
	e->files[e->nfiles] = cl_xstrdup(name);
	return e->input = (uint32_t)e->nfiles++;
}

static void
warn_repeat(struct cl_engine *e, const struct cl_case *c,
    const struct pair_slot *first)
{
	struct quotes q = { 0 };

	quote(&q, 0, c->case_id);
	quote(&q, 1, c->worker);
	where(&q.b[2], e, first->file, first->line, file_index(e, c->file));
	if (first->points != c->points) {
		char here[CL_DEC_BUFSIZE], there[CL_DEC_BUFSIZE];

		say_fmt(e, CL_WARNING, c->file, c->line, _("case %s of %s "
		    "repeats %s with other points (%s here, %s there); the "
		    "first is counted"), q.b[0].data, q.b[1].data, q.b[2].data,
		    cl_msg_figure(c->points, here),
		    cl_msg_figure(first->points, there));
	} else {
		say_fmt(e, CL_WARNING, c->file, c->line, _("case %s of %s "
		    "repeats %s; counted once"), q.b[0].data, q.b[1].data,
		    q.b[2].data);
	}
	quotes_free(&q);
}

/* ---- rows ---- */

static void
check_team(struct cl_engine *e, struct worker_acc *w, const struct cl_case *c)
{
	struct quotes q = { 0 };

	if (c->team == NULL || w->team_warned)
		return;
	if (w->team == NULL) {
		w->team = cl_xstrdup(c->team);
		return;
	}
	if (strcmp(w->team, c->team) == 0)
		return;
	w->team_warned = 1;
	quote(&q, 0, w->name);
	quote(&q, 1, c->team);
	quote(&q, 2, w->team);
	say_fmt(e, CL_WARNING, c->file, c->line, w->team_from_roster
	    ? _("worker %s is in team %s here but %s on the roster; using %s")
	    : _("worker %s is in team %s here but %s on an earlier row; using "
	    "%s"), q.b[0].data, q.b[1].data, q.b[2].data, q.b[2].data);
	quotes_free(&q);
}

static int
overflow(struct cl_engine *e, const struct cl_case *c)
{
	char points[CL_DEC_BUFSIZE];

	say_fmt(e, CL_ERROR, c->file, c->line, _("points %s would overflow "
	    "the sum; row not counted"),
	    cl_msg_figure(c->points, points));
	return CL_EDATA;
}

static void
check_spelling(struct cl_engine *e, struct worker_acc *w,
    const struct cl_case *c)
{
	unsigned before = w->spellings;
	struct quotes q = { 0 };

	w->spellings |= c->respelled ? 2u : 1u;
	if (w->spellings != 3 || before == 3)
		return;
	say_fmt(e, CL_WARNING, c->file, c->line, _("worker %s is spelled in "
	    "two Unicode forms (composed and decomposed letters); counted as "
	    "one worker"), quote(&q, 0, w->name));
	quotes_free(&q);
}

/* A case worth more than a full-time target is most likely a total row
 * or a number typed wrong (a personal number in the points column). */
static void
check_size(struct cl_engine *e, const struct worker_acc *w,
    const struct cl_case *c)
{
	cl_dec target = cl_engine_targets_of(e, w->team).points;
	char buf[CL_DEC_BUFSIZE];
	struct quotes q = { 0 };

	if (c->points <= target)
		return;
	cl_msg_figure(c->points, buf);
	cl_text_for_message(&q.b[1], buf, strlen(buf));
	cl_msg_figure(target, buf);
	say_fmt(e, CL_WARNING, c->file, c->line, _("%s has %s points in one "
	    "case, more than a full-time target for one case: a total, or a "
	    "mistyped number? (counted; the target is %s)"),
	    quote(&q, 0, w->name), q.b[1].data, buf);
	quotes_free(&q);
}

int
cl_engine_add_case(struct cl_engine *e, const struct cl_case *c)
{
	uint64_t h;
	size_t slot;
	long index = find_worker(e, c->worker, &h, &slot);
	struct worker_acc *w;
	uint32_t case_id = 0;
	struct pair_slot *pair = NULL;
	cl_dec worker_points, total_points;

	if (e->bulk)
		misuse("cl_engine_add_case", "after a file was counted without "
		    "its case ids (cl_source_read_fd_for_report)");
	if (index < 0)
		index = find_initials(e, c->worker);
	if (index < 0) {
		/* a row that cannot be counted adds no worker either */
		if (cl_dec_add(e->points, c->points, &total_points) != 0)
			return overflow(e, c);
		index = (long)add_worker(e, c->worker, h, slot, c->team,
		    CL_DEC(1), c->file, c->line);
		if (e->have_roster) {
			struct quotes q = { 0 };

			say_fmt(e, CL_WARNING, c->file, c->line, _("worker %s is "
			    "not on the roster; counted with the targets of 1 "
			    "FTE"), quote(&q, 0, c->worker));
			quotes_free(&q);
		}
	}
	w = &e->workers[index];
	check_spelling(e, w, c);

	if (c->case_id != NULL) {
		uint64_t key;

		case_id = intern_case(e, c->case_id);
		key = (uint64_t)case_id << 32 | (uint64_t)index;
		pair = pair_slot(e->pairs, e->pair_mask, key);
		if (pair->line != 0) {
			/* not counted, so it says nothing of the team either,
			 * as a row with an error does not */
			warn_repeat(e, c, pair);
			return CL_OK;
		}
		pair->key = key;
	}
	if (cl_dec_add(w->points, c->points, &worker_points) != 0 ||
	    cl_dec_add(e->points, c->points, &total_points) != 0) {
		if (pair != NULL)
			pair->key = 0;
		return overflow(e, c);
	}
	check_team(e, w, c);
	check_size(e, w, c);
	w->points = worker_points;
	e->points = total_points;
	w->cases++;
	if (pair != NULL) {
		if (!e->cases[case_id].counted) {
			e->cases[case_id].counted = 1;
			e->counted_cases++;
		}
		pair->line = c->line > 0 ? c->line : 1;
		pair->points = c->points;
		pair->file = file_index(e, c->file);
		if (++e->npairs * 2 > e->pair_mask)
			grow_pairs(e);
	} else {
		e->rows_without_id++;
		w->cases_without_id++;
	}
	if (c->followup != NULL)
		cl_fu_sum_add(&e->workers[index].fu, &e->due, (size_t)index, c);
	return CL_OK;
}

/* ---- pairs, for diffs ---- */

/* File order: pairs keep the file and the line of their row. */
struct ordered_pair {
	struct cl_pair pair;
	uint32_t file;
};

static int
by_file_order(const void *pa, const void *pb)
{
	const struct ordered_pair *a = pa, *b = pb;

	if (a->file != b->file)
		return a->file < b->file ? -1 : 1;
	return (a->pair.line > b->pair.line) - (a->pair.line < b->pair.line);
}

size_t
cl_engine_pairs(const struct cl_engine *e, struct cl_pair **out)
{
	const char **ids;
	struct ordered_pair *tmp;
	size_t n = 0;

	cl_engine_need_ids(e, "cl_engine_pairs");
	*out = NULL;
	if (e->npairs == 0)
		return 0;
	ids = cl_xmalloc(e->ncases * sizeof *ids);
	for (size_t i = 0; i < e->ncases; i++)
		ids[i] = e->cases[i].id;
	tmp = cl_xmalloc(e->npairs * sizeof *tmp);
	for (size_t i = 0; i <= e->pair_mask; i++) {
		const struct pair_slot *p = &e->pairs[i];

		if (p->line == 0)
			continue;
		tmp[n].pair.case_id = ids[p->key >> 32];
		tmp[n].pair.worker = e->workers[p->key & 0xffffffffu].name;
		tmp[n].pair.points = p->points;
		tmp[n].pair.line = p->line;
		tmp[n].file = p->file;
		n++;
	}
	qsort(tmp, n, sizeof *tmp, by_file_order);
	*out = cl_xmalloc(n * sizeof **out);
	for (size_t i = 0; i < n; i++)
		(*out)[i] = tmp[i].pair;
	free(tmp);
	free(ids);
	return n;
}

/* ---- whole files counted at once (fast_file.c) ---- */

void
cl_engine_report_only(struct cl_engine *e)
{
	e->report_only = 1;
}

void
cl_engine_need_ids(const struct cl_engine *e, const char *caller)
{
	if (e->report_only)
		misuse(caller, "on a report-only engine, which keeps no case "
		    "ids (cl_source_read_fd_for_report)");
}

void
cl_engine_msg_init(const struct cl_engine *e, struct cl_msg *m)
{
	memset(m, 0, sizeof *m);
	m->on_diag = e->msg.on_diag;
	m->ctx = e->msg.ctx;
}

int
cl_engine_has_rows(const struct cl_engine *e)
{
	return e->ncases > 0 || e->npairs > 0 || e->rows_without_id > 0 ||
	    e->bulk || e->points > 0;
}

enum cl_decline
cl_engine_bulk_decline(struct cl_engine *e, const struct cl_bulk *b,
    size_t n)
{
	struct key_table batch = { 0 };
	enum cl_decline why = CL_DECLINE_NONE;

	for (size_t i = 0; i < n && why == CL_DECLINE_NONE; i++) {
		uint64_t h;
		size_t slot;
		long index = find_worker(e, b[i].worker, &h, &slot);
		const char *team;

		if (b[i].spellings == 3) {
			why = CL_DECLINE_TWO_FORMS;
		} else if (index < 0 && find_initials(e, b[i].worker) >= 0) {
			why = CL_DECLINE_ROSTER_INITIALS;
		} else if (index < 0 && e->have_roster) {
			why = CL_DECLINE_NOT_ON_ROSTER;
		} else if (index >= 0) {
			team = e->workers[index].team;
			if (team != NULL && b[i].team != NULL &&
			    strcmp(team, b[i].team) != 0)
				why = CL_DECLINE_ROSTER_TEAM;
		} else {
			/* with the engine's workers or another of these */
			size_t k;

			cl_casefold(&e->fold, b[i].worker, strlen(b[i].worker));
			h = cl_hash(e->fold.data, e->fold.len);
			if (key_find(&e->folds, e->fold.data, h, &k) >= 0 ||
			    key_find(&batch, e->fold.data, h, &k) >= 0)
				why = CL_DECLINE_LETTER_CASE;
			else	/* k is batch's slot */
				key_put(&batch, k, e->fold.data, h, 0);
		}
	}
	key_table_free(&batch);
	return why;
}

cl_dec
cl_engine_case_limit(const struct cl_engine *e)
{
	return cl_config_least_points(e->config);
}

const char *
cl_engine_roster_team(struct cl_engine *e, const char *worker)
{
	uint64_t h;
	size_t slot;
	long index = find_worker(e, worker, &h, &slot);

	return index >= 0 ? e->workers[index].team : NULL;
}

void
cl_engine_add_bulk(struct cl_engine *e, const struct cl_bulk *b)
{
	uint64_t h;
	size_t slot;
	long index = find_worker(e, b->worker, &h, &slot);
	struct worker_acc *w;

	if (!e->report_only)
		misuse("cl_engine_add_bulk", "on an engine that keeps case ids");
	if (index < 0)
		index = (long)add_worker(e, b->worker, h, slot, b->team,
		    CL_DEC(1), NULL, 0);
	w = &e->workers[index];
	if (w->team == NULL && b->team != NULL)
		w->team = cl_xstrdup(b->team);
	w->spellings |= b->spellings;
	w->cases += b->with_id + b->without_id;
	w->cases_without_id += b->without_id;
	w->bulk_cases += b->with_id - b->team_shared;
	w->points += b->points;
	e->points += b->points;
	e->counted_cases += b->with_id - b->shared;
	e->rows_without_id += b->without_id;
	e->bulk = 1;
}

/* ---- report ---- */

/* Compares a.points / a.target with b.points / b.target exactly.  With
 * no target (a 100 % reduction), any case is an endless load, even one
 * of 0 points: such a worker is over and sorts first. */
static int
cmp_load(const struct cl_worker *a, const struct cl_worker *b)
{
	int endless_a = !a->has_load && (a->points > 0 || a->cases > 0);
	int endless_b = !b->has_load && (b->points > 0 || b->cases > 0);
	wide l, r;

	if (endless_a || endless_b)
		return endless_a - endless_b;
	l = (wide)a->points * (b->has_load ? b->points_target : 1);
	r = (wide)b->points * (a->has_load ? a->points_target : 1);
	return (l > r) - (l < r);
}

/* Names break every tie, so the order never depends on hashing. */
static int
by_name(const void *pa, const void *pb)
{
	const struct cl_worker *a = pa, *b = pb;

	return strcmp(a->name, b->name);
}

static int
by_load(const void *pa, const void *pb)
{
	int c = -cmp_load(pa, pb);

	return c != 0 ? c : by_name(pa, pb);
}

static int
status_rank(enum cl_load_status s)
{
	return s == CL_OVER ? 0 : s == CL_UNDER ? 1 : 2;
}

/* Over (highest load first), under (lowest first), then ok (highest). */
static int
by_status(const void *pa, const void *pb)
{
	const struct cl_worker *a = pa, *b = pb;
	int c = status_rank(a->status) - status_rank(b->status);

	if (c == 0)
		c = a->status == CL_UNDER ? cmp_load(a, b) : -cmp_load(a, b);
	return c != 0 ? c : by_name(a, b);
}

static int (*const comparators[])(const void *, const void *) = {
	[CL_SORT_STATUS] = by_status,
	[CL_SORT_LOAD] = by_load,
	[CL_SORT_NAME] = by_name,
};

/* base * fte * (1 - reduction / 100), rounded to millionths */
static cl_dec
scaled(cl_dec base, cl_dec fte, cl_dec reduction)
{
	const cl_dec hundred = CL_DEC(100);
	wide n = (wide)base * fte * (hundred - reduction);
	wide d = (wide)CL_DEC_SCALE * hundred;

	return (cl_dec)((n + d / 2) / d);
}

struct cl_targets
cl_engine_targets_of(const struct cl_engine *e, const char *team)
{
	return cl_config_team_targets(e->config, team);
}

void
cl_engine_classify(const struct cl_engine *e, struct cl_worker *w)
{
	struct cl_targets t = cl_engine_targets_of(e, w->team);

	w->points_target = scaled(t.points, w->fte, w->reduction);
	w->cases_target = scaled(t.cases, w->fte, w->reduction);
	w->has_load = w->points_target > 0;
	w->load_pct = w->has_load ? cl_dec_ratio(w->points, w->points_target,
	    1) : 0;
	if (w->points > w->points_target ||
	    (wide)w->cases * CL_DEC_SCALE > (wide)w->cases_target)
		w->status = CL_OVER;
	else if ((wide)w->points * 100 * CL_DEC_SCALE <
	    (wide)t.under_pct * w->points_target)
		w->status = CL_UNDER;
	else
		w->status = CL_OK_LOAD;
}

/* ---- teams ---- */

static int
same_team(const char *a, const char *b)
{
	return a == b || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

static int
by_team_name(const void *pa, const void *pb)
{
	const struct cl_team *a = pa, *b = pb;

	if (a->name == NULL || b->name == NULL)
		return (a->name == NULL) - (b->name == NULL);
	return strcmp(a->name, b->name);
}

/* Counts each team's distinct cases: a case shared by two workers of one
 * team is one case of that team. */
static void
count_team_cases(const struct cl_engine *e, struct cl_team *teams,
    const uint32_t *team_of)
{
	size_t mask = 63;
	uint64_t *seen;

	while (mask < 2 * e->npairs + 1)
		mask = mask * 2 + 1;
	seen = cl_xmalloc((mask + 1) * sizeof *seen);
	memset(seen, 0xff, (mask + 1) * sizeof *seen);
	for (size_t i = 0; i <= e->pair_mask; i++) {
		const struct pair_slot *p = &e->pairs[i];
		uint32_t team;
		uint64_t key;
		size_t j;

		if (p->line == 0)
			continue;
		team = team_of[p->key & 0xffffffffu];
		key = (p->key >> 32) << 32 | team;
		for (j = (size_t)cl_engine_mix(key) & mask; seen[j] != UINT64_MAX &&
		    seen[j] != key; j = (j + 1) & mask)
			;
		if (seen[j] == UINT64_MAX) {
			seen[j] = key;
			teams[team].cases++;
		}
	}
	free(seen);
}

static void
add_capped(cl_dec *sum, cl_dec v)
{
	if (cl_dec_add(*sum, v, sum) != 0)
		*sum = INT64_MAX;
}

/* Rolls the workers (still in engine order) up into teams. */
static void
rollup(struct cl_engine *e, struct cl_report *r)
{
	uint32_t *team_of = cl_xmalloc((r->nworkers + 1) * sizeof *team_of);

	r->teams = cl_xrealloc(r->teams, (r->nworkers + 1) * sizeof *r->teams);
	r->nteams = 0;
	for (size_t i = 0; i < r->nworkers; i++) {
		const struct cl_worker *w = &r->workers[i];
		struct cl_team *t;
		size_t k = 0;

		while (k < r->nteams && !same_team(r->teams[k].name, w->team))
			k++;
		t = &r->teams[k];
		if (k == r->nteams) {
			r->nteams++;
			memset(t, 0, sizeof *t);
			t->name = w->team;
		}
		team_of[i] = (uint32_t)k;
		t->workers++;
		t->fte += w->fte;
		t->cases += e->workers[i].cases_without_id +
		    e->workers[i].bulk_cases;
		t->points += w->points;
		add_capped(&t->points_target, w->points_target);
		t->over += w->status == CL_OVER;
		t->under += w->status == CL_UNDER;
		t->ok += w->status == CL_OK_LOAD;
	}
	count_team_cases(e, r->teams, team_of);
	for (size_t k = 0; k < r->nteams; k++) {
		struct cl_team *t = &r->teams[k];

		t->has_load = t->points_target > 0;
		t->load_pct = t->has_load ? cl_dec_ratio(t->points,
		    t->points_target, 1) : 0;
		t->fte_needed = cl_dec_ratio(t->points,
		    cl_engine_targets_of(e, t->name).points, 0);
	}
	qsort(r->teams, r->nteams, sizeof *r->teams, by_team_name);
	free(team_of);
}

void
cl_engine_worker(const struct cl_engine *e, size_t index,
    struct cl_worker *w)
{
	const struct worker_acc *a = &e->workers[index];

	memset(w, 0, sizeof *w);
	w->name = a->name;
	w->team = a->team;
	w->fte = a->fte;
	w->reduction = a->reduction;
	w->reason = a->reason;
	w->cases = a->cases;
	w->points = a->points;
	w->on_roster = a->on_roster;
	w->followups_per_month = cl_frac_hundredths(&a->fu.rate);
	cl_engine_classify(e, w);
}

const struct cl_report *
cl_engine_report(struct cl_engine *e, enum cl_sort sort)
{
	struct cl_report *r = &e->report;
	struct cl_summary *s = &r->summary;

	r->targets = e->config->targets;
	r->workers = cl_xrealloc(r->workers,
	    (e->nworkers ? e->nworkers : 1) * sizeof *r->workers);
	r->nworkers = e->nworkers;
	memset(s, 0, sizeof *s);
	for (size_t i = 0; i < e->nworkers; i++) {
		struct cl_worker *w = &r->workers[i];

		cl_engine_worker(e, i, w);
		s->fte += w->fte;
		s->over += w->status == CL_OVER;
		s->under += w->status == CL_UNDER;
		s->ok += w->status == CL_OK_LOAD;
	}
	s->workers = e->nworkers;
	s->cases = e->counted_cases + e->rows_without_id;
	s->points = e->points;
	s->fte_needed = cl_dec_ratio(e->points, e->config->targets.points, 0);
	r->has_followups = e->fu_seen;
	rollup(e, r);
	qsort(r->workers, r->nworkers, sizeof *r->workers, comparators[sort]);
	return r;
}
