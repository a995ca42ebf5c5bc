/*
 * dbcheck.c - for tests/history/run.sh: runs PRAGMA integrity_check on a
 * history and prints, per snapshot, its date, the worker count it claims,
 * the worker rows it has and the sum of their points, so a test can tell
 * a whole snapshot from a torn one.  It opens the file read-write, as
 * caseload does, so that the journal of a killed recording is rolled back.
 * usage: dbcheck DB
 */
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

int
main(int argc, char **argv)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	int ok = 1;

	if (argc != 2 || sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READWRITE,
	    NULL) != SQLITE_OK) {
		fprintf(stderr, "usage: dbcheck DB\n");
		return 2;
	}
	sqlite3_busy_timeout(db, 30000);
	if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, NULL) !=
	    SQLITE_OK)
		return fprintf(stderr, "%s\n", sqlite3_errmsg(db)), 1;
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *r = (const char *)sqlite3_column_text(st, 0);

		printf("integrity_check: %s\n", r != NULL ? r : "(null)");
		ok &= r != NULL && strcmp(r, "ok") == 0;
	}
	sqlite3_finalize(st);
	if (sqlite3_prepare_v2(db, "SELECT s.as_of, s.workers, "
	    "(SELECT count(*) FROM worker w WHERE w.as_of = s.as_of), "
	    "(SELECT printf('%.2f', total(w.points)) FROM worker w "
	    "WHERE w.as_of = s.as_of) FROM snapshot s ORDER BY s.as_of", -1,
	    &st, NULL) != SQLITE_OK)
		return fprintf(stderr, "%s\n", sqlite3_errmsg(db)), 1;
	while (sqlite3_step(st) == SQLITE_ROW)
		printf("%s %lld %lld %s\n", sqlite3_column_text(st, 0),
		    sqlite3_column_int64(st, 1), sqlite3_column_int64(st, 2),
		    sqlite3_column_text(st, 3));
	sqlite3_finalize(st);
	sqlite3_close(db);
	return ok ? 0 : 1;
}
