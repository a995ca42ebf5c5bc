/*
 * history.c - the history database: open and check it, create and upgrade
 * its schema, record and forget snapshots.  The only file (with
 * history_read.c) that includes <sqlite3.h>.
 *
 * A history is told from any other SQLite file by PRAGMA application_id;
 * PRAGMA user_version is its schema version.  Every change is one
 * BEGIN IMMEDIATE transaction, so a killed process or a full disk leaves
 * the database as it was, and two recording processes take turns (the
 * busy timeout makes the second one wait).
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdarg.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "history.h"

/* The busy timeout: how long a recording waits for another one. */
#define BUSY_MS 30000

/*
 * The schema, one step per version: steps[v] takes a database from
 * version v to v + 1.  A new version appends a step (ALTER TABLE ...,
 * CREATE TABLE ...); an old database runs the steps it lacks, all in the
 * transaction of the change that found it old.
 */
static const char *const steps[CL_HISTORY_VERSION] = {
	"CREATE TABLE snapshot ("
	" as_of TEXT PRIMARY KEY NOT NULL,"
	" points_target REAL NOT NULL, cases_target REAL NOT NULL,"
	" under_pct REAL NOT NULL,"
	" workers INTEGER NOT NULL, cases INTEGER NOT NULL,"
	" points REAL NOT NULL, fte REAL NOT NULL, fte_needed REAL NOT NULL,"
	" over INTEGER NOT NULL, under INTEGER NOT NULL, ok INTEGER NOT NULL);"
	"CREATE TABLE input ("
	" as_of TEXT NOT NULL REFERENCES snapshot(as_of),"
	" position INTEGER NOT NULL, name TEXT NOT NULL,"
	" sha256 TEXT NOT NULL, PRIMARY KEY (as_of, position));"
	"CREATE TABLE worker ("
	" as_of TEXT NOT NULL REFERENCES snapshot(as_of),"
	" worker TEXT NOT NULL, team TEXT,"
	" fte REAL NOT NULL, reduction REAL NOT NULL,"
	" cases INTEGER NOT NULL, points REAL NOT NULL,"
	" points_target REAL NOT NULL, cases_target REAL NOT NULL,"
	" load_pct REAL,"
	" status TEXT NOT NULL CHECK (status IN ('over', 'under', 'ok')),"
	" PRIMARY KEY (as_of, worker));"
	"CREATE TABLE team ("
	" as_of TEXT NOT NULL REFERENCES snapshot(as_of),"
	" team TEXT, workers INTEGER NOT NULL, fte REAL NOT NULL,"
	" cases INTEGER NOT NULL, points REAL NOT NULL,"
	" points_target REAL NOT NULL, load_pct REAL,"
	" over INTEGER NOT NULL, under INTEGER NOT NULL, ok INTEGER NOT NULL,"
	" fte_needed REAL NOT NULL);"
	"CREATE INDEX team_by_date ON team(as_of);",
};

/* How many tables the schema has: snapshot, input, worker and team. */
#define NTABLES 4

static void
append(struct cl_buf *b, const char *s)
{
	cl_buf_append(b, s, strlen(s));
}

/* Says "PATH: text" as an error and returns status. */
int
cl_history_fail(struct cl_history *h, int status, const char *text)
{
	struct cl_diag d = { h->path, 0, CL_ERROR, text };

	if (h->on_diag != NULL)
		h->on_diag(h->ctx, &d);
	return status;
}

/* The status for an SQLite error: damaged is data, the rest `other`. */
int
cl_history_status(int rc, int other)
{
	switch (rc & 0xff) {
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
	case SQLITE_ERROR:      /* a table or column missing: not ours */
	case SQLITE_MISMATCH:
	case SQLITE_CONSTRAINT:
	case SQLITE_RANGE:
	case SQLITE_TOOBIG:
		return CL_EDATA;
	default:
		return other;
	}
}

/* Says what SQLite said, after `what`; returns the status for rc. */
int
cl_history_sql_fail(struct cl_history *h, int rc, int other,
    const char *what)
{
	struct cl_buf msg = { 0 };
	int status = cl_history_status(rc, other);
	const char *why = h->db != NULL && sqlite3_errcode(h->db) == rc ?
	    sqlite3_errmsg(h->db) : sqlite3_errstr(rc);

	/* damaged is what the user needs to hear, not what we were doing */
	if (rc == SQLITE_NOTADB)
		append(&msg, _("not a caseload history: not an SQLite database"));
	else if (status == CL_EDATA)
		append(&msg, _("the database is damaged or not a caseload "
		    "history"));
	else
		append(&msg, what);
	append(&msg, " (");
	append(&msg, why);
	cl_buf_append(&msg, ")", 2);	/* with its NUL */
	cl_history_fail(h, status, msg.data);
	cl_buf_free(&msg);
	return status;
}

/* Runs SQL that returns no rows. */
static int
exec(struct cl_history *h, const char *sql)
{
	return sqlite3_exec(h->db, sql, NULL, NULL, NULL);
}

/* The integer of a one-row, one-column query into *v. */
int
cl_history_int(struct cl_history *h, const char *sql, long long *v)
{
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(h->db, sql, -1, &st, NULL);

	if (rc != SQLITE_OK)
		return rc;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*v = sqlite3_column_int64(st, 0);
		rc = SQLITE_OK;
	} else if (rc == SQLITE_DONE) {
		rc = SQLITE_CORRUPT;
	}
	sqlite3_finalize(st);
	return rc;
}

/*
 * What the database is: its application id, version and whether it holds
 * any table.  Sets h->version, or h->empty for a database with nothing in
 * it; says what is wrong otherwise.
 */
static int
identify(struct cl_history *h, int other)
{
	long long app = 0, version = 0, objects = 0, ours = 0;
	int rc;

	if ((rc = cl_history_int(h, "PRAGMA application_id", &app)) != SQLITE_OK ||
	    (rc = cl_history_int(h, "PRAGMA user_version", &version)) != SQLITE_OK ||
	    (rc = cl_history_int(h, "SELECT count(*) FROM sqlite_master",
	    &objects)) != SQLITE_OK)
		return cl_history_sql_fail(h, rc, other,
		    _("cannot read the database"));
	h->empty = app == 0 && version == 0 && objects == 0;
	if (h->empty)
		return CL_OK;
	if (app != CL_HISTORY_APP_ID)
		return cl_history_fail(h, CL_EDATA, _("not a caseload history: "
		    "an SQLite database of another program"));
	if (version > CL_HISTORY_VERSION) {
		char msg[512];

		snprintf(msg, sizeof msg, _("written by a newer caseload (schema "
		    "version %lld; this one knows up to %d)"), version,
		    CL_HISTORY_VERSION);
		return cl_history_fail(h, CL_EDATA, msg);
	}
	if (version < 0)
		return cl_history_fail(h, CL_EDATA, _("not a caseload history: "
		    "a negative schema version"));
	h->version = (int)version;
	/* our tables must be tables: a view could make a read run forever */
	if ((rc = cl_history_int(h, "SELECT count(*) FROM sqlite_master WHERE "
	    "type = 'table' AND name IN ('snapshot', 'input', 'worker', "
	    "'team')", &ours)) != SQLITE_OK)
		return cl_history_sql_fail(h, rc, other,
		    _("cannot read the database"));
	if (h->version >= 1 && ours != NTABLES)
		return cl_history_fail(h, CL_EDATA, _("not a caseload history: "
		    "its tables are missing"));
	return CL_OK;
}

/* PRAGMA quick_check: "ok", or the first problem it finds. */
static int
quick_check(struct cl_history *h, int other)
{
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(h->db, "PRAGMA quick_check(1)", -1, &st,
	    NULL);
	int status = CL_OK;

	if (rc != SQLITE_OK)
		return cl_history_sql_fail(h, rc, other,
		    _("cannot check the database"));
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const char *text = (const char *)sqlite3_column_text(st, 0);

		if (text == NULL || strcmp(text, "ok") != 0) {
			struct cl_buf msg = { 0 }, said = { 0 };
			const char *at = text != NULL ? text : "";
			const char *head = "*** in database main ***\n";

			/* SQLite's words, on one line, its header skipped */
			if (strncmp(at, head, strlen(head)) == 0)
				at += strlen(head);
			for (size_t i = 0; i < 200 && at[i] != '\0'; i++) {
				if ((unsigned char)at[i] < ' ')
					cl_buf_putc(&said, ' ');
				else
					cl_buf_putc(&said, at[i]);
			}
			cl_buf_append(&said, "", 0);
			/* TRANSLATORS: %s is SQLite's own words (English) */
			cl_buf_printf(&msg, _("the database is damaged "
			    "(quick_check: %s)"), said.data);
			cl_buf_free(&said);
			status = cl_history_fail(h, CL_EDATA, msg.data);
			cl_buf_free(&msg);
		}
	} else {
		status = cl_history_sql_fail(h, rc, other,
		    _("cannot check the database"));
	}
	sqlite3_finalize(st);
	return status;
}

/* Opens the SQLite connection; SQLite itself never reads a URI here. */
static int
connect(struct cl_history *h, int flags)
{
	struct cl_buf name = { 0 };
	int rc;

	if (strncmp(h->path, "file:", 5) == 0)
		cl_buf_append(&name, "./", 2);
	cl_buf_append(&name, h->path, strlen(h->path));
	cl_buf_append(&name, "", 0);
	rc = sqlite3_open_v2(name.data, &h->db, flags, NULL);
	cl_buf_free(&name);
	if (rc != SQLITE_OK)
		return rc;
	sqlite3_extended_result_codes(h->db, 1);
	sqlite3_busy_timeout(h->db, BUSY_MS);
	sqlite3_db_config(h->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	sqlite3_db_config(h->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
	return SQLITE_OK;
}

/* Says why path cannot be opened (errno) and returns CL_ENOINPUT. */
static int
cannot_open(struct cl_history *h, const char *why)
{
	return cl_history_fail(h, CL_ENOINPUT, why);
}

int
cl_history_open(const char *path, enum cl_history_mode mode,
    cl_diag_fn on_diag, void *ctx, struct cl_history **out)
{
	struct cl_history *h = cl_xcalloc(1, sizeof *h);
	struct stat st;
	int status, rc, fd;

	*out = NULL;
	h->path = cl_xstrdup(path);
	h->mode = mode;
	h->on_diag = on_diag;
	h->ctx = ctx;
	if (stat(path, &st) != 0) {
		char *dir = cl_xstrdup(path);
		int missing = errno == ENOENT;
		struct stat dst;

		/* a recording creates it, if its folder is there */
		if (missing && mode == CL_HISTORY_RECORD &&
		    stat(dirname(dir), &dst) == 0 && S_ISDIR(dst.st_mode)) {
			free(dir);
			h->missing = 1;
			*out = h;
			return CL_OK;
		}
		free(dir);
		status = cannot_open(h, strerror(missing ? ENOENT : errno));
		cl_history_close(h);
		return status;
	}
	if (S_ISDIR(st.st_mode)) {
		status = cannot_open(h, _("is a directory"));
		cl_history_close(h);
		return status;
	}
	/* SQLite would fall back to reading only; say why instead */
	if ((fd = open(path, O_RDONLY)) < 0) {
		status = cannot_open(h, strerror(errno));
		cl_history_close(h);
		return status;
	}
	close(fd);
	/* read-write even to read: after a recording was killed, the next
	 * reader rolls its journal back (SQLite falls back to reading only
	 * when the file cannot be written, and writes nothing else) */
	rc = connect(h, SQLITE_OPEN_READWRITE);
	if (rc != SQLITE_OK) {
		status = cl_history_sql_fail(h, rc, CL_ENOINPUT,
		    _("cannot open the database"));
		cl_history_close(h);
		return status;
	}
	if ((status = identify(h, CL_ENOINPUT)) == CL_OK && h->empty &&
	    mode != CL_HISTORY_RECORD)
		status = cl_history_fail(h, CL_EDATA, _("not a caseload history: "
		    "an empty database"));
	if (status == CL_OK && !h->empty)
		status = quick_check(h, CL_ENOINPUT);
	if (status != CL_OK) {
		cl_history_close(h);
		return status;
	}
	*out = h;
	return CL_OK;
}

void
cl_history_close(struct cl_history *h)
{
	if (h == NULL)
		return;
	sqlite3_close(h->db);
	free(h->path);
	free(h);
}

/*
 * Starts a change: BEGIN IMMEDIATE (waiting for another writer), then
 * brings the schema to this version.  Returns CL_OK, or a status after
 * saying why (and rolling back).
 */
static int
begin_change(struct cl_history *h)
{
	int rc, status;

	if (h->db == NULL) {
		/* the file was missing: create it now, with the schema */
		rc = connect(h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
		if (rc != SQLITE_OK)
			return cl_history_sql_fail(h, rc, CL_EIO,
			    _("cannot create the database"));
	}
	if ((rc = exec(h, "BEGIN IMMEDIATE")) != SQLITE_OK)
		return cl_history_sql_fail(h, rc, CL_EIO,
		    _("cannot write the database"));
	/* another process may have created or upgraded it meanwhile */
	if ((status = identify(h, CL_EIO)) != CL_OK) {
		exec(h, "ROLLBACK");
		return status;
	}
	if (h->empty)
		h->version = 0;
	for (int v = h->version; v < CL_HISTORY_VERSION; v++) {
		char pragma[64];

		if ((rc = exec(h, steps[v])) != SQLITE_OK)
			goto fail;
		snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d",
		    v + 1);
		if ((rc = exec(h, pragma)) != SQLITE_OK)
			goto fail;
	}
	if (h->empty && (rc = exec(h, "PRAGMA application_id = "
	    CL_HISTORY_APP_ID_TEXT)) != SQLITE_OK)
		goto fail;
	return CL_OK;
fail:
	status = cl_history_sql_fail(h, rc, CL_EIO,
	    _("cannot write the database"));
	exec(h, "ROLLBACK");
	return status;
}

static int
commit(struct cl_history *h)
{
	int rc = exec(h, "COMMIT");

	if (rc == SQLITE_OK)
		return CL_OK;
	/* a failed COMMIT may leave the transaction open */
	if (!sqlite3_get_autocommit(h->db))
		exec(h, "ROLLBACK");
	return cl_history_sql_fail(h, rc, CL_EIO,
	    _("cannot write the database"));
}

/* A prepared statement with its parameters bound as the format says:
 * 't' text (NULL binds NULL), 'i' long long, 'd' cl_dec, 'l' a load
 * (int has, cl_dec load). */
static int
run(struct cl_history *h, const char *sql, const char *fmt, ...)
{
	sqlite3_stmt *st;
	va_list ap;
	int rc = sqlite3_prepare_v2(h->db, sql, -1, &st, NULL);

	if (rc != SQLITE_OK)
		return rc;
	/* clang-analyzer 14 misreads glibc's va_start as leaving ap unset */
	va_start(ap, fmt);
	for (int i = 1; rc == SQLITE_OK && *fmt != '\0'; fmt++, i++) {
		char buf[CL_DEC_BUFSIZE];
		const char *s;
		cl_dec v;
		int has;

		switch (*fmt) {
		case 't':
			s = va_arg(ap, const char *); /* NOLINT(clang-analyzer-valist.Uninitialized) */
			rc = s != NULL ? sqlite3_bind_text(st, i, s, -1,
			    SQLITE_TRANSIENT) : sqlite3_bind_null(st, i);
			break;
		case 'i':
			rc = sqlite3_bind_int64(st, i, va_arg(ap, long long)); /* NOLINT(clang-analyzer-valist.Uninitialized) */
			break;
		case 'l':
			has = va_arg(ap, int); /* NOLINT(clang-analyzer-valist.Uninitialized) */
			v = va_arg(ap, cl_dec); /* NOLINT(clang-analyzer-valist.Uninitialized) */
			rc = has ? sqlite3_bind_text(st, i,
			    cl_dec_format(v, CL_DEC_DIGITS, '.', buf), -1,
			    SQLITE_TRANSIENT) : sqlite3_bind_null(st, i);
			break;
		default:
			/* REAL affinity stores the exact text as a number */
			rc = sqlite3_bind_text(st, i, cl_dec_format(va_arg(ap, /* NOLINT(clang-analyzer-valist.Uninitialized) */
			    cl_dec), CL_DEC_DIGITS, '.', buf), -1,
			    SQLITE_TRANSIENT);
			break;
		}
	}
	va_end(ap);
	if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_DONE)
		rc = SQLITE_OK;
	sqlite3_finalize(st);
	return rc;
}

/* Deletes a date's rows, the snapshot row last (sqlite3_changes then
 * says whether there was one). */
static int
delete_snapshot(struct cl_history *h, const char *as_of)
{
	static const char *const deletes[] = {
		"DELETE FROM team WHERE as_of = ?",
		"DELETE FROM worker WHERE as_of = ?",
		"DELETE FROM input WHERE as_of = ?",
		"DELETE FROM snapshot WHERE as_of = ?",
	};
	int rc = SQLITE_OK;

	for (size_t i = 0; rc == SQLITE_OK && i < 4; i++)
		rc = run(h, deletes[i], "t", as_of);
	return rc;
}

static int
insert_snapshot(struct cl_history *h, const char *as_of,
    const struct cl_report *r, const struct cl_history_input *in,
    size_t nin)
{
	const struct cl_summary *s = &r->summary;
	int rc = run(h, "INSERT INTO snapshot VALUES "
	    "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", "tdddiidddiii", as_of,
	    r->targets.points, r->targets.cases, r->targets.under_pct,
	    (long long)s->workers, (long long)s->cases, s->points, s->fte,
	    s->fte_needed, (long long)s->over, (long long)s->under,
	    (long long)s->ok);

	for (size_t i = 0; rc == SQLITE_OK && i < nin; i++)
		rc = run(h, "INSERT INTO input VALUES (?, ?, ?, ?)", "titt",
		    as_of, (long long)i + 1, in[i].name, in[i].sha256);
	for (size_t i = 0; rc == SQLITE_OK && i < r->nworkers; i++) {
		const struct cl_worker *w = &r->workers[i];

		rc = run(h, "INSERT INTO worker VALUES "
		    "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", "tttddidddlt", as_of,
		    w->name, w->team, w->fte, w->reduction, (long long)w->cases,
		    w->points, w->points_target, w->cases_target, w->has_load,
		    w->load_pct, cl_load_status_name(w->status));
	}
	for (size_t i = 0; rc == SQLITE_OK && i < r->nteams; i++) {
		const struct cl_team *t = &r->teams[i];

		rc = run(h, "INSERT INTO team VALUES "
		    "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", "ttididdliiid",
		    as_of, t->name, (long long)t->workers, t->fte,
		    (long long)t->cases, t->points, t->points_target,
		    t->has_load, t->load_pct, (long long)t->over,
		    (long long)t->under, (long long)t->ok, t->fte_needed);
	}
	return rc;
}

int
cl_history_record(struct cl_history *h, const char *as_of,
    const struct cl_report *report, const struct cl_history_input *inputs,
    size_t ninputs)
{
	int status, rc;

	if (h->mode != CL_HISTORY_RECORD)
		return cl_history_fail(h, CL_EIO, _("opened only for reading"));
	if ((status = begin_change(h)) != CL_OK)
		return status;
	if ((rc = delete_snapshot(h, as_of)) != SQLITE_OK ||
	    (rc = insert_snapshot(h, as_of, report, inputs, ninputs)) !=
	    SQLITE_OK) {
		status = cl_history_sql_fail(h, rc, CL_EIO,
		    _("cannot record the snapshot"));
		exec(h, "ROLLBACK");
		return status;
	}
	return commit(h);
}

int
cl_history_forget(struct cl_history *h, const char *as_of)
{
	long long changes = 0;
	int status, rc;

	if (h->mode == CL_HISTORY_READ)
		return cl_history_fail(h, CL_EIO, _("opened only for reading"));
	if ((status = begin_change(h)) != CL_OK)
		return status;
	if ((rc = delete_snapshot(h, as_of)) != SQLITE_OK) {
		status = cl_history_sql_fail(h, rc, CL_EIO,
		    _("cannot forget the snapshot"));
		exec(h, "ROLLBACK");
		return status;
	}
	changes = sqlite3_changes(h->db);      /* of the last: snapshot */
	if (changes == 0) {
		char msg[256];

		exec(h, "ROLLBACK");
		snprintf(msg, sizeof msg, _("no snapshot of %s"), as_of);
		return cl_history_fail(h, CL_EDATA, msg);
	}
	return commit(h);
}
