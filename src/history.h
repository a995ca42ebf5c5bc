/*
 * history.h - what history.c and history_read.c share; not installed.
 */
#ifndef CL_HISTORY_H
#define CL_HISTORY_H

#include "internal.h"

/* PRAGMA application_id of a caseload history: "CSLD" in ASCII. */
#define CL_HISTORY_APP_ID 0x43534c44
#define CL_HISTORY_APP_ID_TEXT "1129532484"

struct sqlite3;

struct cl_history {
	char *path;
	enum cl_history_mode mode;
	cl_diag_fn on_diag;
	void *ctx;
	struct sqlite3 *db;     /* NULL while a file to record into is
	                           missing */
	int missing;            /* the file did not exist when opened */
	int empty;              /* an SQLite database with nothing in it */
	int version;            /* its schema version */
};

/* Says "PATH: text" as an error through on_diag; returns status. */
int cl_history_fail(struct cl_history *h, int status, const char *text);

/* The status of an SQLite result code: CL_EDATA for a damaged database
 * or one that is not a history, else `other`. */
int cl_history_status(int rc, int other);

/* Says `what` and SQLite's reason; returns cl_history_status(rc, other). */
int cl_history_sql_fail(struct cl_history *h, int rc, int other,
    const char *what);

/* Runs a query of one integer into *v; returns an SQLite result code. */
int cl_history_int(struct cl_history *h, const char *sql, long long *v);

#endif
