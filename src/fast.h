/*
 * fast.h - what fast_chunk.c, fast_file.c, fast_table.c, fast_rows.c and
 * diff_fast.c share; not installed.
 *
 * Together they count whole case lists with every core, for a plain
 * report: a file, or several files, or a pipe (fast_pipe.c keeps its
 * bytes in memory as they come, and the tasks count them as they come,
 * reading them with memcpy where they read a file with pread).  The
 * general path (read_csv.c -> read_source.c -> engine.c) handles any input one row at a time and
 * remembers every case id.  A large export is almost all plain rows that
 * say nothing, and these files count those fast:
 *
 *   - fast_file.c cuts files (after their headers) into chunks at line
 *     breaks, up to four a thread, which the threads take in turn, and
 *     adds up what they counted; a task takes the records that start in
 *     its chunk, and one that started inside quotes (the cut fell in a
 *     quoted line break) is read again from where the task before it
 *     ended;
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
 * A title above the header is read the general way (read_whole.c feeds
 * the source lines until it has found the header, and it says where),
 * and the fast way starts after the header.  Total rows ("I alt",
 * "Summa", a sum without a label) are found in a chunk by read_totals.c's
 * rules (cl_total_word, cl_total_value) and recorded with their offset,
 * their line in the chunk and the points since the total row before them
 * in the chunk; fast_file.c's check_totals meets them in order with the
 * same cl_totals the general way keeps, decides which unlabelled rows
 * are sums (cl_totals_is_sum), writes what they say (cl_totals_say) and
 * says it only once everything is counted.  A line is a CR or an LF not
 * after one, inside quotes too, as read_csv.c counts.  Text is UTF-8, or
 * Windows-1252 when the header (or a title) showed it already or the
 * user said so (cl_layout.encoding).
 *
 * Several case lists given at once are counted as one input of several
 * files.  Each header is read through a source on an engine of its own
 * (read_whole.c), and what it says (a title, the encoding) is kept in
 * cl_fast_input.before; once all is counted, say_totals says, list by
 * list, what its header said and then its total rows, in the order the
 * general way reads them.  A decline says nothing of it.
 *
 * Footer lines below the table ("Udskrevet 01-12-2026 af XY") are found
 * in a chunk by read_footer.c's rule (cl_footer_cell), only where the
 * row would else decline, and recorded like total rows; below one, a
 * task takes only blank lines and more footers, and check_totals makes
 * sure no later chunk of the file counted a row, then says them after
 * the file's total rows.  A footer with a row below it is that row
 * (FOOTER_ABOVE_ROW): the general way says what is wrong with it.
 *
 * A list whose title and header are ASCII has not shown its encoding
 * (cl_layout.encoding CL_ENC_AUTO): each task's reader then decides at
 * its chunk's first cell that is not ASCII, as the general way's reader
 * does at the list's, and notes where (task->decided).  fast_file.c's
 * check_text meets the chunks in order: the first decision holds, and
 * a note that the list is Windows-1252 is said on its line, among the
 * total rows; a chunk that is not UTF-8 after one that was declines
 * (BAD_TEXT: the general way says where); a chunk that read as UTF-8
 * what the general way reads as Windows-1252 (such text can be both)
 * makes the count start again with that list read as Windows-1252.  A
 * diff's rows are read again later (diff_fast.c), so there the tasks
 * read UTF-8 until the header shows otherwise, as before.
 *
 * A UTF-16 case list with a byte-order mark, read by a source that
 * decides the encoding itself and hashes nothing, is decoded first
 * (read_whole.c, cl_utf16_decode: a block at a time, as the reader
 * decodes it) into a file in memory, never on a disk (read_whole.c
 * memory_file; Linux only, so elsewhere and in the WebAssembly page a
 * UTF-16 list goes row by row), as UTF-8 after a UTF-8 byte-order
 * mark, and that is fed to the source and counted as a file is: the
 * reader reads the same records, lines and text from it, so a decline
 * says what reading the UTF-16 says.  Anything the decoder would turn
 * into a byte that is not UTF-8 (an unpaired surrogate, an odd byte)
 * leaves the file to the general way from its start.
 *
 * What still goes row by row, although the general way says nothing or
 * only what the fast way could say (the rules of kind LIMIT in
 * decline.h, and): UTF-16 without a byte-order mark, or read with
 * --encoding utf-16le/be, or given with other lists at once (FIRST_LINE;
 * each is then counted on its own), or on a side of a diff; in a diff,
 * a Windows-1252 file whose first byte that is not ASCII comes after the
 * header (BAD_TEXT).
 *
 * Nothing else here reports anything.  A row that the general path would
 * warn or complain about (or a case listed twice for one worker, too many
 * shared case ids, a read error) makes the task decline, the engine
 * stays untouched, and the caller reads the input the general way, which
 * says what is wrong.  So both ways give the same report, messages and
 * exit status; tests/unit/check_read_fast.c and tests/fuzz/fuzz_fast.c
 * compare them.  Every decline names its rule from the one list in
 * decline.h (CASELOAD_STAGES=1 prints the rule of the last one).
 *
 * How to add a rule.  When read_csv.c, read_source.c, read_header.c,
 * read_totals.c or engine.c learns a new message about the rows of a case
 * list (or about a whole file after its header):
 *   1. add a row to CL_DECLINE_RULES in decline.h: its id, SAYS, and what
 *      the general way says;
 *   2. make the fast way decline with it where it would be said:
 *      `return decline(t, CL_DECLINE_ID)` in fast_chunk.c's count_row (a
 *      row's check; keep it off the path of a plain row), a worker's
 *      totals in engine.c's cl_engine_bulk_decline, the merge in
 *      fast_file.c, or a file-wide check at the top of fast_file.c's
 *      cl_fast_count or in read_source.c's cl_source_layout;
 *   3. add a smallest case list that makes the general way say it to
 *      decline_samples in tests/differential.h.
 * The unit test fails while a rule of kind SAYS has no sample, and for a
 * sample that the general way says nothing about, that the fast way
 * counts, or declines for another rule; fuzz_fast checks the same before
 * it starts, and both compare the two ways.  So forgetting step 2 or 3
 * fails the tests; a message with no rule in the list is a message the
 * fast way may silently lose.  Something the fast way does not do while
 * the general way says nothing (follow-ups, a read error) is a rule of
 * kind LIMIT.
 *
 * Pipes, and why they are kept whole.  A pipe cannot be read again, and
 * the general way may need any earlier row to say what a late row needs:
 * "case X of W repeats line N with other points (P here, Q there)" needs
 * the line and points of the first row of every (case id, worker) pair,
 * and a team's case count needs every id of the team.  The fast way
 * keeps 8 bytes a row (a fingerprint), which cannot say that.  So the
 * pipe's bytes are kept (one byte a byte, against about four for the
 * general way), and a decline, or the second pass for shared case ids,
 * reads them as it reads a file: the output is exactly the file's.
 *
 * A pipe alone is counted while it comes: fast_pipe.c reads it on a
 * thread of its own into 4 MiB blocks that never move, and the counting
 * threads cut the next chunk themselves (fast_file.c, next_chunk) once
 * its bytes and a margin have come, at a line break, as plan_tasks cuts
 * a file; a task that reads past what has come waits for it (t->eof
 * stays UINT64_MAX until the pipe ends).  Once it has ended, the tasks
 * are a file's: the same alignment, second pass and merge.  The cost
 * left is memory that grows with the pipe (about 700 MiB at 10 M rows,
 * where the file takes 86 MiB) and the kernel's time to give the
 * process those pages (about 0.3 s of system time at 10 M rows, on the
 * thread that reads the pipe, which every other waits for; a reused
 * buffer would drain the same pipe in about a third of the time).
 * Measured at 10 M rows (620 MB): `cat FILE | cat >/dev/null` takes 0.7
 * s here (64 KiB pipe writes), a reader with a 1 MiB pipe and a reused
 * 1 MiB buffer 0.2 to 0.27 s, caseload's pipe 0.57 to 0.9 s with 0.4 to
 * 0.5 s of system time.  Asking for huge pages for the blocks
 * (MADV_HUGEPAGE, then MADV_POPULATE_WRITE) cut that to 0.2 s in good
 * runs, but where the kernel compacts memory on request (defrag
 * "madvise", as here) some runs stalled 1.5 to 2 s: not used.
 *
 * Bounding the memory, two designs, neither built:
 *   - a hand-over: count the pipe in a ring of reused blocks, and at a
 *     decline seed a general-way engine with the counted totals plus,
 *     for every row with an id before it, its fingerprint (8 bytes),
 *     worker (4), line (4) and points (8): 24 bytes a row, 240 MB at
 *     10 M rows (a 620 MB list), so a third of the bytes, not the file's
 *     86 MiB.  Exact but for fingerprint collisions, which a file's
 *     second pass rules out and a pipe's cannot (keeping the id's text
 *     instead, about 12 more bytes a row, makes it exact, and serves the
 *     second pass for shared ids too).  engine.c would need: an id set
 *     keyed by fingerprint for the seeded rows (cl_engine_seed_row),
 *     with "repeats line N with other points" said from a seed, team
 *     case counts over seeds and rows alike, and the reader's state
 *     handed over too (the line, the delimiter, the text's encoding,
 *     read_totals.c's cl_totals since the last total row).  Every
 *     message the general way can give about a row would have to be
 *     checked against a seeded engine: that is what tests/differential.h
 *     would compare, a decline in every block.
 *   - a spill: keep the bytes in an unlinked temporary file (O_TMPFILE)
 *     instead of memory, and read them back with pread as a file's.
 *     Exact, and the process's memory is the file's, but the list (names
 *     of citizens' caseworkers and case ids) is written to disk, the
 *     page cache still holds it, and a full or slow disk becomes a new
 *     decline rule: a choice for the project, not for this file.
 */
#ifndef CL_FAST_H
#define CL_FAST_H

#include <pthread.h>
#include <stdatomic.h>
#include <sys/types.h>

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
	int total;              /* cl_total_word: 0, CL_TOTAL_WORD(S) */
	int header;             /* folds to the header's worker cell */
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

/* A total row a chunk met (read_totals.c's rules), for fast_file.c to
 * check against the rows around it and say. */
struct total_row {
	uint64_t at;            /* the file offset where its record starts */
	long line;              /* line breaks in the chunk before it */
	const char *label;      /* its total word (the task owns it), or NULL */
	int maybe_sum;          /* no label: a sum row if the sums match */
	int has_value;
	cl_dec value, alt;      /* its two readings (cl_total_value) */
	char *unread;           /* a points cell that is no number, or NULL */
	u128 sum;               /* points of the rows counted after the
				 * total row before it in the chunk (or the
				 * chunk's start) */
	long rows;              /* how many such rows */
};

/* A footer line below the table a chunk met (read_footer.c's rule), for
 * fast_file.c to say when nothing but blank lines and footers follow it
 * in its file. */
struct footer_row {
	uint64_t at;            /* the file offset where its record starts */
	long line;              /* line breaks in the chunk before it */
	char *text;             /* its cell, read */
	size_t len;
};

/* At most this many such rows; a file with more is read the general way. */
#define MAX_SHARED_ROWS ((size_t)1 << 18)

struct task {
	const struct cl_layout *layout;
	uint64_t from, to;              /* the records that start in [from, to) */
	uint64_t eof;                   /* the file's size */
	uint64_t end;                   /* after the last of them */
	atomic_int *stop;               /* set when a task declines for sure */
	int fd;
	struct cl_spool *spool;         /* not NULL: a pipe's bytes (then
					 * eof is UINT64_MAX until it ends) */
	enum cl_decline declined;       /* NONE, or why it gave up */
	int first;                      /* starts at its file's first record */
	int split_only;                 /* see cl_fast_stages */

	struct cl_reader *reader;       /* splits quoted records, checks text */
	char *buf;
	size_t cap;                     /* buf holds cap + BUF_SLACK bytes */
	struct cl_field *fields;        /* ncols + 1 of them */
	struct table spellings, names;
	struct tally *tallies;
	size_t ntallies, cap_tallies;
	struct cl_prints *prints;       /* of the thread that runs it */
	struct cl_buf nfc, spaced, id;
	struct cl_buf unquoted;         /* the fields of a quoted record */
	unsigned index;                 /* the chunk's place in the input */
	long ids;                       /* rows with a case id */

	/* each counted row with a case id, when layout->rows (diff_fast.c):
	 * bin b (the top `top` bits of key_hash) is recs[b * bin_cap ..
	 * b * bin_cap + bin_n[b]) */
	struct cl_row_key *recs;
	size_t nrecs, bin_cap, *bin_n;
	unsigned top;
	/* after cl_fast_sort_rows, bucket B (of layout->rows->bits bits) is
	 * recs[rec_start[B] .. rec_start[nb + B]), nb buckets */
	size_t *rec_start;
	uint64_t key[2];                /* of the row being counted */
	/* total rows, and what is needed to check and place them */
	const char *base;               /* the buffer being counted ... */
	uint64_t pos;                   /* ... and its file offset */
	long lines;                     /* line breaks read */
	u128 sum_since;                 /* points since the last total row */
	long rows_since;                /* rows counted since it */
	struct total_row *totals;
	size_t ntotals, cap_totals;
	size_t next_total;              /* the second pass skips them */
	/* a list whose header did not show its encoding (CL_ENC_AUTO), read
	 * by the task's reader as the general way's reads it: what the
	 * chunk's first cell that is not ASCII decided (UTF-8, or
	 * Windows-1252 when it was not valid UTF-8), and on which of its
	 * lines; CL_ENC_AUTO while nothing decided */
	int undecided;                  /* its reader has yet to decide */
	enum cl_encoding decided;
	long decided_line;
	/* on which of its lines the chunk's first ="..." cell is (read as
	 * the text in its quotes), when `formula` */
	int formula;
	long formula_line;
	/* a blank line in the chunk was read (a row without a case id
	 * below one declines: the general way warns); a row without a
	 * case id came before any (fast_file.c declines when a chunk
	 * before had one) */
	int blank_seen, no_id_first;
	/* footer lines; after one, a row that is none makes it decline */
	struct footer_row *footers;
	size_t nfooters, cap_footers;
	size_t next_footer;             /* the second pass skips them */

	/* the second pass, only when some fingerprint repeats */
	const struct fpset *wanted;
	long seen_ids;
	struct shared_row *rows;
	size_t nrows, cap_rows;
};

/* ---- fast_table.c ---- */

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
 * Reads and counts the records that start in a task's chunk, reading on
 * past its end for the last one; sets task->end after it.  Sets
 * task->declined to the rule when it gives up, and for a task that starts at its
 * file's first record *task->stop (a later one may have started inside
 * quotes: it may be wrong only because of that).
 */
void cl_fast_run_task(struct task *task);

/*
 * Counts the records that are complete in [buf, buf + len) and start
 * before buf + stop; with `last`, the bytes end the input.  buf has
 * BUF_SLACK bytes after len that the scanner may read.  Returns how many
 * bytes it used, or -1 to decline.
 */
long cl_fast_count_records(struct task *t, const char *buf, size_t len,
    size_t stop, int last);

/* A task's reader and field array for `layout` (the rest zeroed). */
void cl_fast_task_init(struct task *t, const struct cl_layout *layout);
/* Makes the task's reader read all text as Windows-1252. */
void cl_fast_task_1252(struct task *t);

/* ---- fast_pipe.c ---- */

/* pread, or from a pipe's spool (its first `size` bytes) when spool is
 * not NULL, waiting for bytes that have not come yet. */
ssize_t cl_fast_read_at(int fd, struct cl_spool *spool, uint64_t size,
    void *buf, size_t want, uint64_t at);

/* ---- fast_file.c ---- */

/*
 * The set of fingerprints that occur more than once across the sets,
 * checked with a thread per set; or, when tasks is not NULL (a diff's,
 * which kept their rows, sorted), across their records.  Returns 0, or
 * -1 when there are too many for a second pass.
 */
int cl_fast_find_repeats(struct cl_prints *const *sets, size_t nsets,
    const struct task *tasks, size_t ntasks, struct fpset *repeats);

/*
 * Adds the tasks' tallies to the engine, with what the rows they collected
 * in a second pass (repeats) say about shared case ids.  Returns
 * CL_DECLINE_NONE, or the rule it declines for with the engine untouched
 * when that would not be silent.
 */
enum cl_decline cl_fast_add_tallies(struct cl_engine *engine, struct task *tasks,
    size_t ntasks, int repeats);

void cl_fast_task_free(struct task *t);

/* ---- fast_rows.c: the rows a diff keeps (diff_fast.c matches them) ---- */

#define OFFSET_BITS 38
#define WORKER_BITS 24
#define WORKER_MASK (((uint64_t)1 << WORKER_BITS) - 1)
#define OFFSET_MASK (((uint64_t)1 << OFFSET_BITS) - 1)
#define LONG_ID 0xffu            /* k1's top byte: a fingerprint */
#define TOP_BITS 6               /* of the bins a task keeps records in */

/* A row kept for a diff: its case id (its bytes when short, else its
 * fingerprint), worker, points and place. */
struct cl_row_key {
	uint64_t k0, k1;
	cl_dec points;
	uint64_t at;    /* file offset << 24 | worker (the task's tally;
			 * as matched, both sides' own number) */
};

/* Both sides' workers: a name's `worker` is its number in items. */
struct cl_diff_names {
	struct table t;
	pthread_mutex_t lock;   /* the sides are counted at once */
};

/* A task's records, by bucket (the top `bits` bits of key_hash): bucket
 * b is v[start[b] .. end[b]); end points into start's allocation. */
struct part {
	struct cl_row_key *v;
	size_t *start;
	const size_t *end;
	size_t *number;         /* of each worker of v in both sides' table */
};

/* One side's kept rows; the tasks hand theirs over (cl_fast_take_rows). */
struct cl_fast_rows {
	struct cl_diff_names *names;
	unsigned bits;                  /* of the buckets: both sides' */
	struct cl_layout layout;        /* of the file, once taken */
	int fd, taken, declined;
	struct part *parts;             /* a task's each */
	size_t nparts, cap_parts;
	struct cl_row_key *differ;      /* the rows that differ, gathered */
	size_t ndiffer;
};

/* The id's length, or LONG_ID. */
static inline unsigned
key_length(const struct cl_row_key *r)
{
	return (unsigned)(r->k1 >> 56);
}

static inline uint64_t
key_mum(uint64_t a, uint64_t b)
{
	u128 p = (u128)a * b;

	return (uint64_t)(p >> 64) ^ (uint64_t)p;
}

static inline uint64_t
key_hash_of(uint64_t k0, uint64_t k1)
{
	return key_mum(k0 ^ 0xa0761d6478bd642fu, k1 ^ 0xe7037ed1a0b428dbu);
}

static inline uint64_t
key_hash(const struct cl_row_key *r)
{
	return key_hash_of(r->k0, r->k1);
}

static inline size_t
bucket_of(const struct cl_row_key *r, unsigned bits)
{
	return bits ? (size_t)(key_hash(r) >> (64 - bits)) : 0;
}

static inline size_t
worker_of(const struct cl_row_key *r)
{
	return (size_t)(r->at & WORKER_MASK);
}

static inline uint64_t
offset_of(const struct cl_row_key *r)
{
	return r->at >> WORKER_BITS & OFFSET_MASK;
}

/* t->key for a row's case id (text, its fingerprint fp). */
void cl_fast_row_key(struct task *t, const char *text, size_t len,
    uint64_t fp);
/* Keeps the row being counted, which starts at rec in t->base, of tally
 * `worker`; -1 to decline. */
int cl_fast_keep_row(struct task *t, const char *rec, size_t worker,
    cl_dec points);
/* Sorts the rows a task kept by bucket, on its thread, when it ends
 * (sets rec_start). */
void cl_fast_sort_rows(struct task *t);
/*
 * cl_prints_repeats from the sorted records of tasks[0..ntasks) instead
 * of fingerprint sets, for buckets [from, to) of layout->rows->bits: a
 * diff keeps every row's case id there anyway, and so adds no
 * fingerprints to sets.
 */
size_t cl_fast_row_repeats(const struct task *tasks, size_t ntasks,
    size_t from, size_t to, uint64_t **out, size_t most);
/* Prefetches records v[from .. to) into the cache. */
void cl_fast_prefetch_rows(const struct cl_row_key *v, size_t from, size_t to);
/* Takes the kept rows of counted tasks (before they are freed). */
void cl_fast_take_rows(struct task *tasks, size_t ntasks);


/* ---- fast_chunk.c ---- */

/* A row's case id as read_source.c reads it (see
 * case_text): 1, 0 for none, -1 for bad text. */
int cl_fast_case_text(struct task *t, struct cl_field f, const char **text,
    size_t *len);

#endif
