/*
 * history_read.c - reading a history: the list of snapshots and the
 * figures a trend needs.  Every value is checked as it is read (a date,
 * a decimal, a status), so a damaged or hand-edited database is an error,
 * never a wrong trend.
 */
#include <limits.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "history.h"

/* A failure while reading: says so (what SQLite said, or `why`). */
struct reading {
	struct cl_history *h;
	sqlite3_stmt *st;
	int rc;                 /* an SQLite error, or SQLITE_OK */
	const char *bad;        /* what is wrong with a value, or NULL */
};

static int
prepare(struct reading *r, const char *sql)
{
	r->rc = sqlite3_prepare_v2(r->h->db, sql, -1, &r->st, NULL);
	return r->rc == SQLITE_OK;
}

/* The next row: 1, or 0 at the end or on an error (r->rc). */
static int
next_row(struct reading *r)
{
	int rc;

	if (r->rc != SQLITE_OK || r->bad != NULL)
		return 0;
	rc = sqlite3_step(r->st);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc != SQLITE_DONE)
		r->rc = rc;
	return 0;
}

static void
finish_query(struct reading *r)
{
	sqlite3_finalize(r->st);
	r->st = NULL;
}

static const char *
text_at(struct reading *r, int col, int null_ok)
{
	const char *s = (const char *)sqlite3_column_text(r->st, col);

	if (s == NULL && sqlite3_errcode(r->h->db) == SQLITE_NOMEM)
		cl_out_of_memory();
	if (s == NULL && !null_ok && r->bad == NULL)
		r->bad = N_("a value is missing");
	if (s != NULL && strlen(s) != (size_t)sqlite3_column_bytes(r->st,
	    col) && r->bad == NULL)
		r->bad = N_("a text holds a NUL byte");
	return s;
}

static void
date_at(struct reading *r, int col, char date[CL_DATE_SIZE])
{
	const char *s = text_at(r, col, 0);

	if (s != NULL && cl_date_valid(s))
		memcpy(date, s, CL_DATE_SIZE);
	else if (r->bad == NULL)
		r->bad = N_("a snapshot date is not YYYY-MM-DD");
}

/* A non-negative decimal; with *has, NULL is allowed (*has = 0). */
static cl_dec
dec_at(struct reading *r, int col, int *has)
{
	const char *s;
	cl_dec v = 0;
	int type = sqlite3_column_type(r->st, col);

	if (has != NULL)
		*has = type != SQLITE_NULL;
	if (type == SQLITE_NULL && has != NULL)
		return 0;
	if (type != SQLITE_INTEGER && type != SQLITE_FLOAT) {
		if (r->bad == NULL)
			r->bad = N_("a number is not a number");
		return 0;
	}
	s = text_at(r, col, 0);
	/* REAL values read back as "7.0" or "109.58"; nothing else fits */
	if (s != NULL && cl_dec_parse(s, strlen(s), &v) != NULL &&
	    r->bad == NULL)
		r->bad = N_("a number is out of range");
	return v;
}

static long
count_at(struct reading *r, int col)
{
	long long v = sqlite3_column_int64(r->st, col);

	if ((sqlite3_column_type(r->st, col) != SQLITE_INTEGER || v < 0 ||
	    v > (long long)(LONG_MAX / 2)) && r->bad == NULL)
		r->bad = N_("a count is not a whole number");
	return (long)v;
}

/* Ends a read: says what went wrong, rolls the read transaction back. */
static int
end_reading(struct reading *r)
{
	int status = CL_OK;

	finish_query(r);
	if (r->rc != SQLITE_OK)
		status = cl_history_sql_fail(r->h, r->rc, CL_ENOINPUT,
		    _("cannot read the database"));
	else if (r->bad != NULL) {
		struct cl_buf msg = { 0 };

		/* TRANSLATORS: the %s is a problem such as "a value is
		 * missing" */
		cl_buf_printf(&msg, _("the database is damaged or not a "
		    "caseload history: %s"), _(r->bad));
		status = cl_history_fail(r->h, CL_EDATA, msg.data);
		cl_buf_free(&msg);
	}
	sqlite3_exec(r->h->db, "COMMIT", NULL, NULL, NULL);
	return status;
}

/* Starts reading in one transaction, so a concurrent recording is seen
 * whole or not at all. */
static int
begin_reading(struct cl_history *h, struct reading *r)
{
	memset(r, 0, sizeof *r);
	r->h = h;
	if (h->db == NULL)
		return 0;
	r->rc = sqlite3_exec(h->db, "BEGIN", NULL, NULL, NULL);
	return r->rc == SQLITE_OK;
}

/* The index in base[0..n) (elements of `stride` bytes, each starting with
 * its date; sorted by it) of the one dated `date`, or n. */
static size_t
find_date(const void *base, size_t stride, size_t n, const char *date)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp((const char *)base + mid * stride, date);

		if (c == 0)
			return mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return n;
}

int
cl_history_list(struct cl_history *h, struct cl_snapshot_list **out)
{
	struct cl_snapshot_list *l = cl_xcalloc(1, sizeof *l);
	struct reading r;
	int status;

	*out = NULL;
	if (h->db == NULL) {
		*out = l;
		return CL_OK;
	}
	if (begin_reading(h, &r) && prepare(&r, "SELECT as_of, workers, cases, "
	    "points FROM snapshot ORDER BY as_of")) {
		size_t cap = 0;

		while (next_row(&r)) {
			struct cl_snapshot_info *s;

			if (l->n == cap) {
				cap = cap ? 2 * cap : 16;
				l->snapshots = cl_xrealloc(l->snapshots,
				    cap * sizeof *l->snapshots);
			}
			s = &l->snapshots[l->n++];
			memset(s, 0, sizeof *s);
			date_at(&r, 0, s->date);
			s->workers = count_at(&r, 1);
			s->cases = count_at(&r, 2);
			s->points = dec_at(&r, 3, NULL);
		}
		finish_query(&r);
	}
	if (r.rc == SQLITE_OK && r.bad == NULL && prepare(&r, "SELECT as_of, "
	    "name, sha256 FROM input ORDER BY as_of, position")) {
		while (next_row(&r)) {
			char date[CL_DATE_SIZE] = "";
			const char *name = text_at(&r, 1, 0);
			const char *sha = text_at(&r, 2, 0);
			size_t i;
			struct cl_snapshot_info *s;

			date_at(&r, 0, date);
			i = find_date(l->snapshots, sizeof *l->snapshots,
			    l->n, date);
			if (r.bad != NULL)
				break;
			if (i == l->n) {
				r.bad = N_("a case list of no snapshot");
				break;
			}
			s = &l->snapshots[i];
			s->files = cl_xrealloc(s->files, (s->nfiles + 1) *
			    sizeof *s->files);
			s->sha256 = cl_xrealloc(s->sha256, (s->nfiles + 1) *
			    sizeof *s->sha256);
			s->files[s->nfiles] = cl_xstrdup(name);
			s->sha256[s->nfiles++] = cl_xstrdup(sha);
		}
	}
	if ((status = end_reading(&r)) != CL_OK) {
		cl_snapshot_list_free(l);
		return status;
	}
	*out = l;
	return CL_OK;
}

void
cl_snapshot_list_free(struct cl_snapshot_list *l)
{
	if (l == NULL)
		return;
	for (size_t i = 0; i < l->n; i++) {
		for (size_t k = 0; k < l->snapshots[i].nfiles; k++) {
			free(l->snapshots[i].files[k]);
			free(l->snapshots[i].sha256[k]);
		}
		free(l->snapshots[i].files);
		free(l->snapshots[i].sha256);
	}
	free(l->snapshots);
	free(l);
}

/* ---- trends ---- */

static int
status_parse(const char *s, enum cl_load_status *out)
{
	static const enum cl_load_status all[] = { CL_UNDER, CL_OK_LOAD,
		CL_OVER };

	for (size_t i = 0; s != NULL && i < 3; i++)
		if (strcmp(s, cl_load_status_name(all[i])) == 0) {
			*out = all[i];
			return 1;
		}
	return 0;
}

static void
free_snapshots(struct cl_snapshot *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		for (size_t k = 0; k < s[i].nworkers; k++) {
			free((char *)s[i].workers[k].name);
			free((char *)s[i].workers[k].team);
		}
		for (size_t k = 0; k < s[i].nteams; k++)
			free((char *)s[i].teams[k].name);
		free(s[i].workers);
		free(s[i].teams);
	}
	free(s);
}

static char *
dup_or_null(const char *s)
{
	return s != NULL ? cl_xstrdup(s) : NULL;
}

/* Reads every snapshot's workers and teams into *out (oldest first). */
static int
read_snapshots(struct cl_history *h, struct cl_snapshot **out, size_t *n)
{
	struct cl_snapshot *s = NULL;
	struct reading r;
	int status;

	*n = 0;
	if (begin_reading(h, &r) && prepare(&r, "SELECT as_of FROM snapshot "
	    "ORDER BY as_of")) {
		size_t cap = 0;

		while (next_row(&r)) {
			if (*n == cap) {
				cap = cap ? 2 * cap : 16;
				s = cl_xrealloc(s, cap * sizeof *s);
			}
			memset(&s[*n], 0, sizeof *s);
			date_at(&r, 0, s[(*n)++].date);
		}
		finish_query(&r);
	}
	if (r.rc == SQLITE_OK && r.bad == NULL && prepare(&r, "SELECT as_of, "
	    "worker, team, load_pct, status FROM worker ORDER BY as_of, "
	    "worker")) {
		while (next_row(&r)) {
			char date[CL_DATE_SIZE] = "";
			struct cl_snap_worker w;
			size_t i;

			date_at(&r, 0, date);
			memset(&w, 0, sizeof w);
			w.name = text_at(&r, 1, 0);
			w.team = text_at(&r, 2, 1);
			w.load = dec_at(&r, 3, &w.has_load);
			if (r.bad == NULL && !status_parse(text_at(&r, 4, 0),
			    &w.status))
				r.bad = N_("a status is not over, under or ok");
			if (r.bad != NULL)
				break;
			i = find_date(s, sizeof *s, *n, date);
			if (i == *n) {
				r.bad = N_("a worker of no snapshot");
				break;
			}
			w.name = cl_xstrdup(w.name);
			w.team = dup_or_null(w.team);
			s[i].workers = cl_xrealloc(s[i].workers,
			    (s[i].nworkers + 1) * sizeof *s[i].workers);
			s[i].workers[s[i].nworkers++] = w;
		}
		finish_query(&r);
	}
	if (r.rc == SQLITE_OK && r.bad == NULL && prepare(&r, "SELECT as_of, "
	    "team, load_pct FROM team ORDER BY as_of, team")) {
		while (next_row(&r)) {
			char date[CL_DATE_SIZE] = "";
			struct cl_snap_team t;
			size_t i;

			date_at(&r, 0, date);
			memset(&t, 0, sizeof t);
			t.name = text_at(&r, 1, 1);
			t.load = dec_at(&r, 2, &t.has_load);
			if (r.bad != NULL)
				break;
			i = find_date(s, sizeof *s, *n, date);
			if (i == *n) {
				r.bad = N_("a team of no snapshot");
				break;
			}
			t.name = dup_or_null(t.name);
			s[i].teams = cl_xrealloc(s[i].teams,
			    (s[i].nteams + 1) * sizeof *s[i].teams);
			s[i].teams[s[i].nteams++] = t;
		}
	}
	if ((status = end_reading(&r)) != CL_OK) {
		free_snapshots(s, *n);
		*n = 0;
		return status;
	}
	*out = s;
	return CL_OK;
}

int
cl_history_trend(struct cl_history *h, size_t weeks, enum cl_sort sort,
    struct cl_trend **out)
{
	struct cl_snapshot *s = NULL;
	size_t n = 0;
	int status;

	*out = NULL;
	if (h->db != NULL && (status = read_snapshots(h, &s, &n)) != CL_OK)
		return status;
	*out = cl_trend_build(s, n, weeks, sort);
	free_snapshots(s, n);
	return CL_OK;
}
