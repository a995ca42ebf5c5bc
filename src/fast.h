/*
 * fast.h - what fast_chunk.c and fast_file.c share; not installed.
 *
 * Together they count a whole case-list file with every core, for a plain
 * report.  The general path (read_csv.c -> read_source.c -> engine.c)
 * handles any input one row at a time and remembers every case id.  A
 * large export is almost all plain rows that say nothing, and these two
 * files count those fast:
 *
 *   - fast_file.c cuts the file (after its header) into one chunk per
 *     thread, at line breaks, runs a task on each and adds up what they
 *     counted; a task takes the records that start in its chunk, and one
 *     that started inside quotes (the cut fell in a quoted line break) is
 *     read again from where the task before it ended;
 *   - fast_chunk.c reads a chunk with pread into the task's own buffer,
 *     so memory does not grow with the file; splits a record without a
 *     quote itself, 64 bytes at a time, and frames one with a quote by
 *     quote parity, as read_csv.c does, for libcsv (cl_reader_split);
 *     looks names up by the bytes the file spells them with, so a name is
 *     checked and normalised once per thread; and keeps of each case id
 *     only its 64-bit fingerprint (fingerprints.c);
 *   - when some fingerprints repeat (a case of two workers), a second pass
 *     collects just those rows, and fast_file.c works out exactly what
 *     the summary and team totals must lose for them.
 *
 * Nothing here reports anything.  A row that the general path would warn
 * or complain about (or a case listed twice for one worker, too many
 * shared case ids, a read error) makes the task decline, the engine
 * stays untouched, and the caller reads the file the general way, which
 * says what is wrong.  So both ways give the same report, messages and
 * exit status; tests/unit/check_read_fast.c and tests/fuzz/fuzz_fast.c
 * compare them.
 *
 * How to add a rule.  Every message the general way gives about the rows
 * of a case list is a row of decline_rules in tests/differential.h: what
 * it says, where the fast way declines for it, and a smallest case list
 * that makes the general way say it.  When read_source.c, read_header.c,
 * read_totals.c or engine.c learns a new message about rows:
 *   1. make the fast way decline where it would be said: a row's check in
 *      fast_chunk.c's count_row (return -1), a check of a worker's
 *      totals in engine.c's cl_engine_bulk_is_quiet, or a file-wide check
 *      at the top of fast_file.c's cl_fast_count or in read_source.c's
 *      fast_layout;
 *   2. add its row to decline_rules.  The unit test then checks that the
 *      sample makes the general way say something and the fast way
 *      decline, and fuzz_fast checks the same before it starts, and both
 *      compare the two ways.
 * Forgetting step 1 fails the test of step 2; a message with no row in
 * the list is a message the fast way may silently lose.
 */
#ifndef CL_FAST_H
#define CL_FAST_H

#include <stdatomic.h>

#include "internal.h"

__extension__ typedef unsigned __int128 u128;

#define BUF_BYTES ((size_t)256 << 10)  /* to start with; fits in cache */
#define BUF_SLACK 64            /* bytes a 16-byte load may pass the end */
#define MAX_THREADS 8

/* A name as the file spells it, and what it stands for. */
struct spelling {
	uint64_t hash;
	char *raw;
	size_t len;
	struct name *name;      /* NULL: the cell is empty */
	int respelled;          /* the NFC form differs from raw */
	int total;              /* a total word (cl_total_word) */
	long worker;            /* name->worker, once looked up */
};

/* A name in NFC, once per thread, so equal names are equal pointers. */
struct name {
	uint64_t hash;
	char *text;
	long worker;            /* its tally (in fast_file.c merge: its
				 * cl_bulk), or -1 */
};

/* What a thread has counted for one worker. */
struct tally {
	struct name *name;
	struct name *team;      /* the first team of its rows, or NULL */
	const struct spelling *team_spelling;   /* its first row's team cell */
	unsigned spellings;
	long with_id, without_id;
	u128 points;
};

/* A table of pointers, found through cl_hashtab (which keeps the hashes
 * beside the slots, so that a probe reads an entry only when the hash
 * matches). */
struct table {
	struct cl_hashtab index;
	void **items;
	size_t n, cap;
};

/* A set of fingerprints (0 kept as 1), open addressing, 0 empty. */
struct fpset {
	uint64_t *v;
	size_t mask;
};

/* A row whose case id's fingerprint is not the only one of its kind. */
struct shared_row {
	uint64_t order;         /* task << 48 | its number among rows with ids */
	const char *worker;     /* NFC, owned by the task */
	char *id;
	const char *team;       /* the worker's team in the report, or NULL */
	size_t bulk;            /* the worker's cl_bulk */
};

/* At most this many such rows; a file with more is read the general way. */
#define MAX_SHARED_ROWS ((size_t)1 << 18)

struct task {
	const struct cl_layout *layout;
	uint64_t from, to;              /* the records that start in [from, to) */
	uint64_t eof;                   /* the file's size */
	uint64_t end;                   /* after the last of them */
	atomic_int *stop;               /* set when the first task declines */
	int fd;
	int declined;

	struct cl_reader *reader;       /* splits quoted records, checks text */
	char *buf;
	size_t cap;                     /* buf holds cap + BUF_SLACK bytes */
	struct cl_field *fields;        /* ncols + 1 of them */
	struct table spellings, names;
	struct tally *tallies;
	size_t ntallies, cap_tallies;
	struct cl_prints prints;
	struct cl_buf nfc, spaced, id;
	unsigned index;                 /* the chunk's place in the file */
	long ids;                       /* rows with a case id */

	/* the second pass, only when some fingerprint repeats */
	const struct fpset *wanted;
	long seen_ids;
	struct shared_row *rows;
	size_t nrows, cap_rows;
};

/* ---- fast_chunk.c ---- */

/* The slot for hash h holding an entry that `same` accepts, or the empty
 * slot where it would go; table_put fills that slot. */
size_t cl_fast_table_find(struct table *t, uint64_t h,
    int (*same)(const void *, const void *), const void *key);
void cl_fast_table_put(struct table *t, size_t slot, uint64_t h,
    void *entry);
/* The entry in a slot that table_find returned, or NULL for an empty one. */
void *cl_fast_table_get(const struct table *t, size_t slot);
void cl_fast_table_free(struct table *t, void (*free_entry)(void *));

/* Entry comparison and freeing for tables of struct name. */
int cl_fast_same_name(const void *entry, const void *key);
void cl_fast_free_name(void *entry);

/*
 * Reads and counts the records that start in a task's chunk (a pthread
 * start routine), reading on past its end for the last one; sets
 * task->end after it.  Sets task->declined when it gives up, and for the
 * first task *task->stop (a later one may have started inside quotes: it
 * may be wrong only because of that).
 */
void *cl_fast_run_task(void *task);

void cl_fast_task_free(struct task *t);

#endif
