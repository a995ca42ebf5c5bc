/*
 * internal.h - helpers shared by the library's modules; not installed.
 */
#ifndef CL_INTERNAL_H
#define CL_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "caseload.h"

/* Says "out of memory" and aborts; the only place that handles it. */
_Noreturn void cl_out_of_memory(void);

/* Allocation that aborts the process when memory runs out. */
void *cl_xmalloc(size_t size);
void *cl_xcalloc(size_t n, size_t size);
void *cl_xrealloc(void *p, size_t size);
char *cl_xstrdup(const char *s);
char *cl_xstrndup(const char *s, size_t len);

/* A growable byte buffer; zero-initialised is empty. */
struct cl_buf {
	char *data;
	size_t len, cap;
};

void cl_buf_reserve(struct cl_buf *b, size_t extra);
void cl_buf_append(struct cl_buf *b, const void *bytes, size_t len);
void cl_buf_putc(struct cl_buf *b, char c);
void cl_buf_free(struct cl_buf *b);

/*
 * An arena for short-lived strings: what it hands out never moves, and
 * cl_arena_reset makes all of it reusable at once.
 */
struct cl_arena_block;
struct cl_arena {
	struct cl_arena_block *head, *cur;
};

char *cl_arena_strndup(struct cl_arena *a, const char *s, size_t len);
void cl_arena_reset(struct cl_arena *a);
void cl_arena_free(struct cl_arena *a);

/* A 64-bit hash of len bytes (FNV-1a, then mixed). */
uint64_t cl_hash(const void *bytes, size_t len);

/* ---- result.c: building a cl_result (see caseload.h) ---- */

/* An empty result; the caller frees it with cl_result_free. */
struct cl_result *cl_result_new(const char *kind, const char *title);

/* n zeroed elements of `size` bytes that the result owns and frees. */
void *cl_result_alloc(struct cl_result *r, size_t n, size_t size);

/* Appends a table section and returns the table to fill in (owned by r). */
struct cl_table *cl_result_add_table(struct cl_result *r, const char *name,
    const char *label, unsigned audiences);

/* Appends a group of n figures and returns them to fill in. */
struct cl_figure *cl_result_add_figures(struct cl_result *r,
    const char *name, const char *label, unsigned audiences, size_t n);

/* Appends a line for people: before the sections with `lead`, else after
 * them.  Text as it reads; each format escapes it. */
void cl_result_add_line(struct cl_result *r, int lead, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* The columns audience `a` sees of t, in order, into cols (room for
 * t->ncolumns); returns how many. */
size_t cl_table_view(const struct cl_table *t, enum cl_audience a,
    size_t *cols);

/* A CL_TYPE_DATE value as YYYY-MM-DD into buf (CL_DATE_BUFSIZE bytes). */
#define CL_DATE_BUFSIZE 32
char *cl_date_format(long days, char *buf);

/* ---- render_*.c: one entry point per format, rows of render.c's table */

int cl_render_table(const struct cl_result *, const struct cl_render_options *,
    FILE *);
int cl_render_csv(const struct cl_result *, const struct cl_render_options *,
    FILE *);
int cl_render_tsv(const struct cl_result *, const struct cl_render_options *,
    FILE *);
int cl_render_json(const struct cl_result *, const struct cl_render_options *,
    FILE *);

/* ---- text.c ---- */

/* Length of the valid UTF-8 prefix of s; equals len when all of it is. */
size_t cl_utf8_valid_prefix(const char *s, size_t len);

/*
 * Writes the Unicode NFC form of valid UTF-8 text s into b (cleared first,
 * NUL-terminated), so that "Åse" typed as A + combining ring and "Åse" as
 * one character compare equal.  Returns 1 when the form differs from s.
 */
int cl_nfc(struct cl_buf *b, const char *s, size_t len);

/* ---- plan.c: the rebalancing heuristic, on plain arrays ---- */

struct cl_pl_worker {
	cl_dec points, points_target, fill_cap;
	long cases;
	long cases_cap;             /* the most cases without being over */
	uint32_t group;             /* moves stay inside a group */
	uint32_t rank;              /* order of names, for ties */
};

struct cl_pl_item {
	uint32_t owner;
	uint32_t case_key;          /* equal for the shares of one case */
	cl_dec points;
	int pinned;
};

/* Whether worker w is over. */
int cl_pl_over(const struct cl_pl_worker *w);

/*
 * Chooses moves: to[i] is the worker item i moves to, or its owner when
 * it stays, and moved[] lists the moved items in the order chosen (both
 * arrays hold nitems).  Workers are updated to their state after the
 * moves.  Returns the number of moves.  See plan.c for the heuristic.
 */
size_t cl_pl_solve(struct cl_pl_worker *workers, size_t nworkers,
    const struct cl_pl_item *items, size_t nitems, uint32_t *to,
    uint32_t *moved);

/* Whether two names are the same, ignoring case and surrounding spaces. */
int cl_same_name(const char *a, const char *b);

/* Whether s holds a byte >= 0x80. */
int cl_has_non_ascii(const char *s, size_t len);

/* Appends Windows-1252 bytes to b as UTF-8. */
void cl_cp1252_to_utf8(struct cl_buf *b, const char *s, size_t len);

/*
 * Decodes the UTF-8 sequence at s (at most len bytes) into *cp and returns
 * its length; a byte that starts no valid sequence decodes as U+FFFD and
 * length 1.
 */
size_t cl_utf8_decode(const char *s, size_t len, uint32_t *cp);

/* Appends the UTF-8 encoding of cp. */
void cl_utf8_encode(struct cl_buf *b, uint32_t cp);

/* Columns a code point takes in a terminal: 0, 1 or 2. */
int cl_codepoint_width(uint32_t cp);

/*
 * Appends s to b for a terminal: control characters and escape sequences
 * become visible (\x1b), as do bidirectional overrides (\u202e).  Returns
 * the display width of what was appended.
 */
size_t cl_text_for_terminal(struct cl_buf *b, const char *s);

/*
 * Appends a value to quote in a message: at most 40 characters, control
 * characters escaped, and digit runs shaped like a Danish CPR number
 * (DDMMYY-NNNN) masked after the date.
 */
void cl_text_for_message(struct cl_buf *b, const char *s, size_t len);

/* The same for text that is not put in quotes, such as a JSON value:
 * quotes and backslashes stay as they are. */
void cl_text_for_message_unquoted(struct cl_buf *b, const char *s,
    size_t len);

/*
 * Folds a header name for comparison: surrounding spaces trimmed, letters
 * lowered (ASCII and Latin-1, e.g. Æ to æ), and ' ', '-' and '_' all '_'.
 * Writes into b (cleared first), NUL-terminated.
 */
void cl_fold_header(struct cl_buf *b, const char *s, size_t len);

/* ---- fingerprints.c ---- */

/* A 64-bit hash of len bytes, stronger than cl_hash: a fingerprint. */
uint64_t cl_fingerprint(const char *s, size_t len);

/* Fingerprints appended by one thread, in 2^bits buckets. */
struct cl_print_block;
struct cl_bucket {
	struct cl_print_block *head;    /* the block being filled */
};
struct cl_print_chunk;
struct cl_prints {
	unsigned bits;
	struct cl_bucket *heads;
	uint64_t count;
	struct cl_print_chunk *chunks;  /* where the blocks live */
	char *next;                     /* the next free block */
	size_t left;                    /* bytes from next to its chunk's end */
};

/* Sizes the buckets for about `expected` fingerprints; sets that are
 * checked together must be made with the same `expected`. */
void cl_prints_init(struct cl_prints *p, uint64_t expected);
void cl_prints_add(struct cl_prints *p, uint64_t fp);
void cl_prints_free(struct cl_prints *p);

/*
 * The fingerprints that occur more than once in buckets [from, to), into
 * *out (malloc'd; a fingerprint that occurs k times is there k - 1 times,
 * and 0 is given as 1).  Returns how many, or (size_t)-1, with *out NULL,
 * when there are more than `most`.
 */
size_t cl_prints_repeats(struct cl_prints *const *sets, size_t nsets,
    size_t from, size_t to, uint64_t **out, size_t most);

/* ---- fast_file.c ---- */

/* What the header of a case list said, for fast_file.c. */
struct cl_layout {
	int delimiter;
	int worker, points, case_id, team, category;    /* column, or -1 */
	size_t ncols;
	size_t max_record, max_fields;
	const struct cl_config *config;                 /* may be NULL */
};

/* Bytes [from, to) of the regular file fd: records after a header that
 * gave `layout`. */
struct cl_fast_input {
	const struct cl_layout *layout;
	int fd;
	uint64_t from, to;
};

/*
 * Counts the records of the inputs into the engine, which holds no case
 * rows yet, with up to `threads` threads (each chunk at least `min_chunk`
 * bytes).  Returns 1 when it counted them all, or 0, with the engine
 * untouched, when some row would make cl_engine_add_case or the source
 * say anything (an error, a warning, a case listed twice for one worker,
 * ...), when too many case ids are shared, or when a file cannot be read:
 * the caller then reads the same bytes the general way, which says it.
 */
int cl_fast_count(struct cl_engine *engine, const struct cl_fast_input *in,
    size_t nin, unsigned threads, uint64_t min_chunk);

/* How the fast way may read an input. */
struct cl_fast_tuning {
	unsigned threads;       /* 0: the general way only */
	uint64_t min_chunk;     /* bytes of a file a thread gets at least */
	size_t block;           /* bytes a pipe is read in at a time */
	size_t keep;            /* bytes of a pipe kept for the general way */
};

/*
 * Where the last fast count's time went, in wall seconds, for `make
 * bench` (CASELOAD_STAGES, see cli_run.c).  With split_only set before,
 * the fast way frames and splits records but counts none of them, so
 * that reading and splitting can be timed alone.
 */
struct cl_fast_stages {
	double count;           /* reading, splitting and counting rows */
	double repeats;         /* finding case ids that occur twice */
	double second;          /* the second pass for them */
	double merge;           /* adding up the threads' tallies */
	int split_only;
};
extern struct cl_fast_stages cl_fast_stages;

/* Seconds on the monotonic clock. */
double cl_seconds(void);

/* What cl_fast_pipe did. */
enum {
	CL_FAST_PIPE_COUNTED,   /* counted everything */
	CL_FAST_PIPE_DECLINED,  /* counted nothing; *kept holds every byte
				 * read, for the general way */
	CL_FAST_PIPE_LOST,      /* counted nothing, and bytes it needs for
				 * the general way are gone */
	CL_FAST_PIPE_READ_ERROR /* as DECLINED, and reading failed (errno) */
};

/*
 * Counts the records on the pipe fd, after `head` (what was read past the
 * header), into the engine, which holds no case rows yet, with
 * tune->threads threads, reading tune->block bytes at a time and keeping
 * the first tune->keep.  Returns a CL_FAST_PIPE_ value.  *kept is set either way; the
 * caller frees it.  See fast_pipe.c for what it keeps and why.
 */
int cl_fast_pipe(struct cl_engine *engine, const struct cl_layout *layout,
    int fd, const char *head, size_t head_len,
    const struct cl_fast_tuning *tune, struct cl_buf *kept);

/* ---- read_source.c: for read_whole.c ---- */

/* Whether the rest of a case list can go to the fast way, and how: the
 * header was read and said nothing, and the reader stands at a record. */
int cl_source_layout(struct cl_source *s, struct cl_layout *l);
struct cl_engine *cl_source_engine(const struct cl_source *s);
int cl_source_is_cases(const struct cl_source *s);
/* Says `message` about the source as an error without a line, and makes
 * it fatal. */
void cl_source_fail(struct cl_source *s, const char *message);

/* ---- read_whole.c ---- */

/*
 * cl_source_read_fd with the choice made (tests make
 * chunks and blocks small).  *fast says whether the fast way counted.
 */
int cl_source_read_fd_with(struct cl_source *s, int fd,
    const struct cl_fast_tuning *tune, int *fast, int *fatal);
int cl_sources_count_fast_with(struct cl_engine *engine,
    const char *const *names, const int *fds, size_t n,
    const struct cl_reader_options *options,
    const struct cl_fast_tuning *tune);

/* ---- read_csv.c: for fast_file.c ---- */

int cl_reader_split(struct cl_reader *r, const char *rec, size_t len,
    const struct cl_field **fields, size_t *n);
void cl_reader_forget_texts(struct cl_reader *r);
int cl_reader_at_plain_record(const struct cl_reader *r);
size_t cl_reader_max_record(const struct cl_reader *r);
size_t cl_reader_max_fields(const struct cl_reader *r);

/* ---- engine.c: totals of a whole file, for fast_file.c ---- */

/*
 * One worker's rows of a file counted by fast_file.c.  Every case id among
 * them is known to occur once in the file, except in the rows counted in
 * `shared` (another worker has the case too; the summary counts it once)
 * and `team_shared` (a worker of the same team has it; the team counts it
 * once), and the engine held no case rows before (cl_engine_has_rows), so
 * no id needs remembering.
 */
struct cl_bulk {
	const char *worker;     /* NFC */
	const char *team;       /* the team of its rows (never two), or NULL */
	unsigned spellings;     /* as worker_acc.spellings */
	long with_id, without_id;
	long shared;            /* rows whose case id another row has too */
	long team_shared;       /* ... where that row's worker is in its team */
	cl_dec points;
};

/* Whether the engine has counted (or tried to count) any case row. */
int cl_engine_has_rows(const struct cl_engine *e);

/* Whether adding b would be silent: cl_engine_add_case would warn about
 * a worker not on the roster, in another team than the roster's, or
 * spelled two ways. */
int cl_engine_bulk_is_quiet(struct cl_engine *e, const struct cl_bulk *b);

/* The team of a worker on the roster, or NULL. */
const char *cl_engine_roster_team(struct cl_engine *e, const char *worker);

/* Adds b's totals; the sums must fit (fast_file.c checks them). */
void cl_engine_add_bulk(struct cl_engine *e, const struct cl_bulk *b);

#endif
