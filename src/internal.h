/*
 * internal.h - helpers shared by the library's modules; not installed.
 */
#ifndef CL_INTERNAL_H
#define CL_INTERNAL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <libintl.h>

#include "caseload.h"
#include "decline.h"

/*
 * Messages and people's words are translated with GNU gettext (po/).  The
 * library looks them up in its own text domain with dgettext, so it works
 * whatever text domain the program using it has; the program binds the
 * domain to a folder and chooses the language (main.c).  Machine names
 * (CSV columns, JSON keys, status values) are never translated.
 *
 *   _("text")                 translated now
 *   N_("text")                marked for xgettext, translated later with _()
 *   P_("one", "many", n)      the plural form for n
 *   C_("context", "text")     a short word whose meaning needs a context
 *   NC_("context", "text")    the same marked, looked up later
 */
#define CL_TEXTDOMAIN "caseload"
#define _(s) dgettext(CL_TEXTDOMAIN, s)
#define N_(s) s
#define P_(one, many, n) dngettext(CL_TEXTDOMAIN, one, many, \
	(unsigned long)(n))
#define C_(context, s) cl_pgettext(context "\004" s, s)
/* C_() marked for later: the msgid and the text, to give cl_pgettext */
#define NC_(context, s) context "\004" s, s

/* The translation of msgid (context EOT text), or `text` when there is
 * none: what C_() calls. */
const char *cl_pgettext(const char *msgid, const char *text);

/* The language the messages are in, as a tag for HTML's lang="...":
 * "da", "sv" or "en" (the catalogue's header says which; none is "en"). */
const char *cl_language_tag(void);

/* A case list's column (a role: "points", "worker", ...) as messages
 * name it in the language in use. */
const char *cl_column_label(const char *role);

/* A load status's people's word ("over", "under", "ok" in English) for a
 * status value's machine name; other texts as they are. */
const char *cl_status_label(const char *name);

/* A follow-up schedule's name as people read it: a built-in schedule's
 * in the language in use, any other as the configuration has it. */
const char *cl_schedule_label(const char *name);

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

/* printf-style text in a new string (the caller frees it); aborts when
 * memory runs out. */
char *cl_xvasprintf(const char *fmt, va_list ap)
    __attribute__((format(printf, 1, 0)));

/* Appends printf-style text to b. */
void cl_buf_printf(struct cl_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void cl_buf_vprintf(struct cl_buf *b, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));

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

/*
 * hashtab.c: finds entries of the caller's array by hash.  A zeroed
 * struct is an empty table.  cl_hashtab_find returns the slot that holds
 * the entry `same` accepts for key (cl_hashtab_entry gives its number), or
 * the empty slot where it would go (cl_hashtab_entry is -1), which
 * cl_hashtab_put fills; a put may grow the table, so a slot is good only
 * until the next put.  At most UINT32_MAX - 1 entries.
 */
struct cl_hashtab {
	uint32_t *slots;        /* entry number + 1; 0: empty */
	uint64_t *hashes;
	size_t mask, n;
};

/* Whether entry number `entry` of the caller's array (ctx) is key. */
typedef int (*cl_hashtab_same_fn)(const void *ctx, size_t entry,
    const void *key);

size_t cl_hashtab_find(struct cl_hashtab *t, uint64_t hash,
    cl_hashtab_same_fn same, const void *ctx, const void *key);
long cl_hashtab_entry(const struct cl_hashtab *t, size_t slot);
/* The number of the entry `same` accepts for key, or -1; never grows or
 * allocates, so it takes a const table. */
long cl_hashtab_lookup(const struct cl_hashtab *t, uint64_t hash,
    cl_hashtab_same_fn same, const void *ctx, const void *key);
void cl_hashtab_put(struct cl_hashtab *t, size_t slot, uint64_t hash,
    size_t entry);
/* Empties the table (the caller's entries are its own). */
void cl_hashtab_clear(struct cl_hashtab *t);
void cl_hashtab_free(struct cl_hashtab *t);

/*
 * message.c: a diagnostic built piece by piece.  Set on_diag and ctx (a
 * NULL on_diag drops messages), append the pieces, then cl_msg_send hands
 * the text to on_diag and empties it for the next message.
 */
struct cl_msg {
	cl_diag_fn on_diag;
	void *ctx;
	struct cl_buf text;
};

void cl_msg_text(struct cl_msg *m, const char *s);
/* A whole sentence: fmt (already translated) and its values. */
void cl_msg_printf(struct cl_msg *m, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* A value from the input in double quotes: escaped, cut at 40
 * characters, CPR-shaped numbers masked (cl_text_for_message). */
void cl_msg_quote(struct cl_msg *m, const char *value);
void cl_msg_quote_n(struct cl_msg *m, const char *value, size_t len);
/* The same without the quotes (a path in a message). */
void cl_msg_escape_n(struct cl_msg *m, const char *value, size_t len);
/* Cut and masked, but quotes and backslashes left as they are (a JSON
 * value). */
void cl_msg_unquoted(struct cl_msg *m, const char *value, size_t len);
void cl_msg_dec(struct cl_msg *m, cl_dec v);

/* The decimal separator of figures in messages: '.' in English, ',' in
 * Danish and Swedish (a translation, so it follows the language). */
char cl_msg_decimal_sep(void);

/* v written into buf (CL_DEC_BUFSIZE) for a message, with that
 * separator; returns buf. */
char *cl_msg_figure(cl_dec v, char *buf);
void cl_msg_long(struct cl_msg *m, long v);
void cl_msg_send(struct cl_msg *m, const char *file, long line,
    enum cl_severity severity);
/* Empties the text without sending it. */
void cl_msg_drop(struct cl_msg *m);
void cl_msg_free(struct cl_msg *m);

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

/*
 * A copy of columns[0..n) that r owns, with labels and `none` texts
 * translated (they were marked with N_()); names stay as they are.
 */
const struct cl_column *cl_result_columns(struct cl_result *r,
    const struct cl_column *columns, size_t n);

/* The most decimals the table and HTML show of a column's numbers: 2
 * for a CL_COL_ROUNDED one. */
int cl_column_people_decimals(const struct cl_column *col);

/* The section added last, to set what only some sections have. */
struct cl_section *cl_result_last_section(struct cl_result *r);

/* printf into a string the result owns. */
char *cl_result_printf(struct cl_result *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Appends a line for people: before the sections with `lead`, else after
 * them.  Text as it reads; each format escapes it. */
void cl_result_add_line(struct cl_result *r, int lead, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* The columns audience `a` sees of t, in order, into cols (room for
 * t->ncolumns); returns how many. */
size_t cl_table_view(const struct cl_table *t, enum cl_audience a,
    size_t *cols);

/* ---- render_*.c: one entry point per format, rows of render.c's table */

int cl_render_table(const struct cl_result *, const struct cl_render_options *,
    FILE *);
int cl_render_csv(const struct cl_result *, const struct cl_render_options *,
    FILE *);
int cl_render_tsv(const struct cl_result *, const struct cl_render_options *,
    FILE *);
int cl_render_json(const struct cl_result *, const struct cl_render_options *,
    FILE *);
int cl_render_html(const struct cl_result *, const struct cl_render_options *,
    FILE *);
int cl_render_xlsx(const struct cl_result *, const struct cl_render_options *,
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

/* ---- names.c ---- */

/* Whether s is already a name in normal form: ASCII, no tab, no space at
 * either end, no two spaces in a row. */
int cl_name_is_plain(const char *s, size_t len);

/*
 * Writes the normal form of name s into b (cleared first, NUL-terminated):
 * every Unicode space (no-break space included) and tab a plain space,
 * runs of them one, both ends trimmed, then NFC.  tmp is scratch.
 * Returns 1 when the NFC step changed the text (another Unicode form).
 */
int cl_name_normal(struct cl_buf *b, struct cl_buf *tmp, const char *s,
    size_t len);

/* Writes s with letter case folded (Unicode case folding, NFC) into b
 * (cleared first, NUL-terminated): the key of "equal ignoring case". */
void cl_casefold(struct cl_buf *b, const char *s, size_t len);

/*
 * Whether a worker cell marks a total row: CL_TOTAL_WORD for "I alt",
 * "Ialt", "Total", "Totalt", "Totals", "Grand total", "Sum", "Summa",
 * "Samlet", "Subtotal", "Hovedtotal" or "Totalsumma" alone, in any letter
 * case, a trailing ':' or '.' ignored; CL_TOTAL_WORDS for one of them
 * with more words before or after it ("Total Team Syd", Excel's
 * Subtotal's "Mette Hansen I alt"), which could also be a name ("Sum
 * Li"), so a row with a case id is a case then; 0 for none.
 */
enum { CL_TOTAL_WORD = 1, CL_TOTAL_WORDS = 2 };
int cl_total_word(const char *s, size_t len);
/* Whether the label s of a total row (cl_total_word) is a count's or an
 * average's ("Mette Hansen Count", "Antal", "Middel"): its figure is no
 * sum of points, so it is left out unchecked. */
int cl_total_counts(const char *s, size_t len);
/* Whether cl_total_word(s, len) may be CL_TOTAL_WORD: a test of two
 * bytes, for a case id on every row (ids mostly end in a digit). */
static inline int
cl_total_word_may(const char *s, size_t len)
{
	int c;

	if (len < 3 || len > 24 || (s[len - 1] >= '0' && s[len - 1] <= '9'))
		return 0;
	c = s[0] | 0x20;
	return c == 'i' || c == 't' || c == 's' || c == 'g' || c == 'h' ||
	    c == 'd' || c == 'c' || c == 'a' || c == 'm';
}

/* Whether a row whose worker cell is of total-word `kind` (cl_total_word)
 * is a total row: a total word alone, or with more words when the row
 * has no case id (else "Sum Li" is a worker).  Both ways decide so. */
static inline int
cl_total_worker(int kind, int id_blank)
{
	return kind == CL_TOTAL_WORD || (kind == CL_TOTAL_WORDS && id_blank);
}

/* ---- read_footer.c: footer lines, for read_source.c and fast_chunk.c */

/*
 * Whether the n fields f (of a list whose worker and points columns are
 * `worker` and `points`, -1 for none) may be a footer line below the
 * table: its one cell that is not blank, in *text (read by r: it lives
 * until cl_reader_forget_texts) and *len, or -1.  The caller still
 * checks that the cell, in a name's normal form, is no total word.
 */
int cl_footer_cell(struct cl_reader *r, int worker, int points,
    const struct cl_field *f, size_t n, const char **text, size_t *len);
/* Writes into m the note on a footer line left out whose cell is text. */
void cl_footer_note(struct cl_msg *m, const char *text, size_t len);

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
/* Whether s is a number as Excel shows one too long for its cell,
 * "2,02612E+11" or "1E+15": the digits of a case number are lost. */
int cl_excel_shortened(const char *s, size_t len);

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
 * characters escaped, and digit runs shaped like a personal identity
 * number masked after the date: Danish CPR (DDMMYY-NNNN), Swedish
 * (YYMMDD-NNNN, YYYYMMDD-NNNN, YYYYMMDDNNNN).
 */
void cl_text_for_message(struct cl_buf *b, const char *s, size_t len);

/* Writes "s" into b (cleared first), s as cl_text_for_message makes it,
 * and returns b->data: a value to put in a translated message. */
const char *cl_quoted(struct cl_buf *b, const char *s);

/* The same for text that is not put in quotes, such as a JSON value:
 * quotes and backslashes stay as they are. */
void cl_text_for_message_unquoted(struct cl_buf *b, const char *s,
    size_t len);

/*
 * Folds a header name for comparison: in NFC, surrounding blanks
 * trimmed (spaces, tabs, line breaks, no-break spaces, a byte-order
 * mark), a trailing parenthesised remark ("Point (vægtet)") and trailing
 * '.', ':' and '%' dropped, letters lowered (ASCII and Latin-1, e.g. Æ to æ),
 * a run of blanks inside one '_', and ' ', '-', '_' and '.' all '_'.
 * Writes into b (cleared first), NUL-terminated.
 */
void cl_fold_header(struct cl_buf *b, const char *s, size_t len);

/* The length of a space at s[0..len) as spreadsheets write one: U+0020, a
 * no-break space (U+00A0) or a narrow one (U+202F); 0 for none. */
size_t cl_space_len(const char *s, size_t len);

/* ---- fraction.c ---- */

/* A sum of follow-up rates as a fraction; zero-initialised is 0.  Exact
 * while it fits in 64 bits, then rounded to billionths. */
struct cl_frac {
	int64_t num, den;
};

void cl_frac_add(struct cl_frac *sum, int64_t num, int64_t den);

/* -1, 0 or 1 as f is below, equal to or above the decimal v. */
int cl_frac_cmp_dec(const struct cl_frac *f, cl_dec v);

/* f rounded half away from zero to hundredths, as a cl_dec. */
cl_dec cl_frac_hundredths(const struct cl_frac *f);

/* -1, 0 or 1 as a is below, equal to or above b. */
int cl_frac_cmp(const struct cl_frac *a, const struct cl_frac *b);

/* ---- followups.c ---- */

/*
 * A case row's follow-up cells as UTF-8 text (an absent column is ""):
 * finds the schedule, checks the dates and evaluates the duty on the
 * engine's day.  Returns 0 with *out filled (out->schedule NULL when the
 * placement has no schedule: `placement` is then empty or unknown), or
 * -1 with what is wrong appended to msg.
 */
int cl_followup_read(const struct cl_engine *engine, const char *placement,
    const char *placed, const char *last, struct cl_followup *out,
    struct cl_buf *msg);

/* Tells the engine the rows that follow are of a new input (a source
 * calls it as it starts), so that a row of an earlier input is named
 * FILE:LINE even when both inputs have the same name (a.csv a.csv). */
void cl_engine_begin_input(struct cl_engine *engine);

/* Tells the engine a case list had the follow-up columns. */
void cl_engine_saw_followups(struct cl_engine *engine);

/* Names with counts, in the order first seen; NULL is empty. */
struct cl_tally;
void cl_tally_add(struct cl_tally **tally, const char *name);

/* Appends the note on placements without a schedule to msg. */
void cl_tally_say(const struct cl_tally *tally, struct cl_buf *msg);
void cl_tally_free(struct cl_tally *tally);

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
	cl_dec case_limit;      /* cl_engine_case_limit: decline above it */
	enum cl_encoding encoding;      /* of the text: UTF-8 or Windows-1252 */
	int encoding_given;             /* the user chose it (--encoding) */
	struct cl_fast_rows *rows;      /* NULL, or where the tasks keep each
					 * row with a case id (diff_fast.c) */
	/* the header's worker cell folded (cl_fold_header), copied: the
	 * source it comes from may be gone; "" when longer */
	char worker_header[128];
};

/* Bytes [from, to) of the regular file fd: records after a header that
 * gave `layout`.  Total rows in them are said with `msg` (the source's)
 * as file `name`, the record at `from` being on line `line`; without a
 * msg, a total row makes the fast way decline. */
struct cl_fast_input {
	const struct cl_layout *layout;
	int fd;
	uint64_t from, to;
	struct cl_msg *msg;
	const char *name;
	long line;
	struct cl_spool *spool; /* not NULL: the bytes are here, not in fd
				 * (a pipe, fast_pipe.c); `to` is then
				 * UINT64_MAX until it has ended */
	/* what its header said, to be said through msg before what the
	 * fast way says of its rows, once all is counted (several lists:
	 * their headers are read apart, and said only when counted) */
	const struct cl_diag *before;
	size_t nbefore;
};

/* ---- read_totals.c: checking total rows, for read_source.c and
 * fast_file.c alike ---- */

/* The points of the rows counted since the last total row, and of all
 * rows counted; zeroed to start. */
struct cl_totals {
	cl_dec since_total, all_rows;
	long rows_since, rows_all, last_total;	/* last_total: its line */
	long errors_since;              /* rows not counted since it */
	int sums_overflow;
};

/*
 * A total row's points: its points cell (column c of the n fields f) as
 * a number; 0, -1 when there is none (no column, not in the row, empty),
 * or 1 when its text is no number.  A value may group its digits in
 * threes with spaces ("1 209,5") or, when it is whole and has two groups
 * or more, with dots or commas ("1.234.567").  *alt is the other reading
 * of a number whose
 * one separator is followed by three digits: "1.209" is 1.209, or 1209
 * as Danish Excel shows a sum (cl_totals_pick chooses); else *value.
 */
int cl_total_value(int c, const struct cl_field *f, size_t n,
    cl_dec *value, cl_dec *alt);

/* Of a total's two readings (cl_total_value), alt when only it matches
 * the rows since the last total or all rows above it; else value. */
cl_dec cl_totals_pick(const struct cl_totals *t, cl_dec value, cl_dec alt);

/* Adds a counted row's points. */
void cl_totals_count(struct cl_totals *t, cl_dec points);

/* Notes a row that could not be counted (a row error): a total row below
 * it that does not match says so, rather than asking whether rows are
 * missing from the export. */
void cl_totals_error(struct cl_totals *t);

/*
 * Whether a row with an empty worker cell, no total word and no case id,
 * whose points cell holds `value`, is a sum row: its points equal the
 * rows counted since the last total row, or all rows above it.
 */
int cl_totals_is_sum(const struct cl_totals *t, cl_dec value);

/*
 * Writes into m what a total row on `line` says (the caller sends it) and
 * returns its severity: a note when it matches the rows since the total
 * before it or all rows above it, a warning with both figures when not.
 * `label` is its total word, NULL for a sum row; `value` its points, NULL
 * when it has none; then `unread` is the text of a points cell that is
 * no number (a warning: the total is not checked), or NULL for an empty
 * one (a note).  Starts the rows since it anew.
 */
enum cl_severity cl_totals_say(struct cl_totals *t, struct cl_msg *m,
    long line, const char *label, const cl_dec *value, const char *unread);

/*
 * Counts the records of the inputs into the engine, which holds no case
 * rows yet, with up to `threads` threads (each chunk at least `min_chunk`
 * bytes).  Returns CL_DECLINE_NONE when it counted them all, or the rule
 * of decline.h it declined for, with the engine untouched: some row would
 * make cl_engine_add_case or the source say anything (an error, a
 * warning, a case listed twice for one worker, ...), too many case ids
 * are shared, or a file cannot be read.  The caller then reads the same
 * bytes the general way, which says it.
 */
enum cl_decline cl_fast_count(struct cl_engine *engine, const struct cl_fast_input *in,
    size_t nin, unsigned threads, uint64_t min_chunk);

/* How the fast way may read an input. */
struct cl_fast_tuning {
	unsigned threads;       /* 0: the general way only */
	uint64_t min_chunk;     /* bytes of a file a thread gets at least */
};

/*
 * Where the last fast count's time went, in wall seconds, for `make
 * bench` (CASELOAD_STAGES, see cli_run.c); each thread has its own (the
 * one that counted, and set before on the one that counts).  With split_only set before,
 * the fast way frames and splits records but counts none of them, so
 * that reading and splitting can be timed alone.
 */
struct cl_fast_stages {
	double count;           /* reading, splitting and counting rows */
	double repeats;         /* finding case ids that occur twice */
	double second;          /* the second pass for them */
	double merge;           /* adding up the threads' tallies */
	int split_only;
	/* a diff cuts its rows into at least 2^diff_bits buckets (at most
	 * 4096), as it would for large files: tests set it, to have small
	 * lists go through every step of diff_fast.c and fast_rows.c */
	unsigned diff_bits;
	/* the rule the last try of the fast way declined for, NONE when it
	 * counted or did not try (read_whole.c); tests read it */
	enum cl_decline declined;
	/* the last count started on a pipe that was still coming, and
	 * counted it as it came (fast_file.c) */
	int streamed;
	/* set by tests: a pipe alone is counted the way it is while it
	 * comes even when it has all come */
	int stream_always;
};
extern _Thread_local struct cl_fast_stages cl_fast_stages;

/* Seconds on the monotonic clock. */
double cl_seconds(void);

/* ---- diff_fast.c ---- */

/* One side's rows for a diff, kept by the fast way's tasks. */
struct cl_fast_rows;
struct cl_diff_names;
struct cl_reaper;

/* The pairs of two sides that a diff needs, and what they point to. */
struct cl_diff_pairs {
	struct cl_pair *pairs[2];       /* in file order */
	size_t npairs[2];
	int has_case_ids[2];
	struct cl_buf text[2];          /* the case ids */
	struct cl_diff_names *names;    /* the workers */
	int status[2];                  /* cl_source_finish's, a side's */
	struct cl_reaper *reaper;       /* frees the kept rows meanwhile */
};

/*
 * Counts OLD and NEW (regular files, fds[0] and [1], read from where they
 * stand) into engines[0] and [1] with the fast way (each as
 * cl_source_count_fast_file, with tune, through a source that says what
 * it says to say(ctx): a title, total rows; out->status[s] is what the
 * source finished with; NEW is counted on another thread at the same
 * time, and what it says is said after all of OLD's), and finds the
 * (case id, worker)
 * pairs that a diff needs: out->pairs[s] holds, in file order, only side
 * s's pairs that are not on the other side with the same points.  The
 * pairs on both sides with the same points change nothing in
 * cl_diff_new, so it gives the same diff from these as from every pair.
 * Returns 1; or 0 when the fast way declined either side or could not
 * compare them exactly: then either engine may have been counted or made
 * report-only, and say(ctx) may have been told things the general way
 * will tell again (hold them until this returns 1; read both again the
 * general way, into new engines, from the start).  Free out with cl_diff_pairs_free after the diff.
 */
int cl_diff_count_fast(struct cl_engine *const *engines,
    const char *const *names, const int *fds,
    const struct cl_reader_options *options,
    const struct cl_fast_tuning *tune, cl_diag_fn say, void *ctx,
    struct cl_diff_pairs *out);
void cl_diff_pairs_free(struct cl_diff_pairs *p);

/* read_whole.c: how cl_source_read_fd_for_report reads: every core. */
struct cl_fast_tuning cl_fast_tuning_for_report(void);

/* ---- read_source.c: for read_whole.c ---- */

/* Whether the rest of a case list can go to the fast way, and how: the
 * header was read and said nothing, and the reader stands at a record.
 * Returns CL_DECLINE_NONE with *l filled in, else the rule it declines
 * for. */
enum cl_decline cl_source_layout(struct cl_source *s, struct cl_layout *l);
/* Sets in's msg, name and line: where the fast way says total rows. */
void cl_source_fast_input(struct cl_source *s, struct cl_fast_input *in);
/* Whether s, fed nothing yet, reads its encoding from the input and
 * hashes nothing: then a UTF-16 input may be fed to it as the UTF-8
 * that its reader would decode (cl_utf16_to_utf8). */
int cl_source_takes_utf8_for_utf16(const struct cl_source *s);
/* Whether the header is still looked for (below a title). */
int cl_source_wants_header(const struct cl_source *s);
struct cl_engine *cl_source_engine(const struct cl_source *s);
int cl_source_is_cases(const struct cl_source *s);

/* ---- read_whole.c ---- */

/*
 * cl_source_read_fd with the choice made (tests make chunks small):
 * tune->threads 0 reads the general way only; else, as
 * cl_source_read_fd_for_report, it makes the engine report-only and
 * fast_file.c may count a regular file with that many threads, each on
 * at least tune->min_chunk bytes.  *fast says whether it counted the
 * file.  cl_sources_count_fast_with is cl_sources_count_fast so chosen.
 */
int cl_source_read_fd_with(struct cl_source *s, int fd,
    const struct cl_fast_tuning *tune, int *fast, int *fatal);
int cl_sources_count_fast_with(struct cl_engine *engine,
    const char *const *names, const int *fds, size_t n,
    const struct cl_reader_options *options,
    const struct cl_fast_tuning *tune);
/* cl_sources_count_fast_with, the tasks keeping each row in `rows`
 * (cl_layout.rows). */
int cl_sources_count_fast_rows(struct cl_engine *engine,
    const char *const *names, const int *fds, size_t n,
    const struct cl_reader_options *options,
    const struct cl_fast_tuning *tune, struct cl_fast_rows *rows);
/*
 * A regular file, from where fd stands, read as the report reads one
 * (cl_source_read_fd_for_report): its header fed to s, which says what
 * it says of it (a title, say), then the rest counted by the fast way,
 * the tasks keeping each row in `rows` and total rows said through s.
 * Returns 1 when it was counted (then finish s); else 0, with s and its
 * engine not to be used again (read the file anew, from the start).
 */
int cl_source_count_fast_file(struct cl_source *s, int fd,
    const struct cl_fast_tuning *tune, struct cl_fast_rows *rows);

/* ---- fast_pipe.c ---- */

/* Whether fd is a pipe or a socket: read once, to its end. */
int cl_fd_is_pipe(int fd);

/*
 * The bytes of a pipe, kept in blocks that never move, read to its end
 * (or to a read error) on this thread (cl_spool_fill) or on a thread of
 * its own while the fast way counts what has come (cl_spool_fill_behind).
 * Every function may be called while that thread reads; cl_spool_free
 * waits for it.
 */
struct cl_spool;

/* A spool for fd, nothing read yet (cl_spool_free it). */
struct cl_spool *cl_spool_new(int fd);
/* Reads fd to its end, on this thread. */
void cl_spool_fill(struct cl_spool *sp);
/* Reads fd to its end on a thread of its own (on this one when no thread
 * can be started: then it returns after the end). */
void cl_spool_fill_behind(struct cl_spool *sp);
/* Waits until `upto` bytes have come or the pipe ended; returns how many
 * bytes have come. */
uint64_t cl_spool_wait(struct cl_spool *sp, uint64_t upto);
/* cl_spool_wait, then the pipe's length if it has ended, else UINT64_MAX
 * (at least `upto` bytes have come). */
uint64_t cl_spool_until(struct cl_spool *sp, uint64_t upto);
/* Waits for the end: the pipe's length, and in *error the errno of the
 * read error it ended with, or 0. */
uint64_t cl_spool_length(struct cl_spool *sp, int *error);
/* Waits for byte `at` (or the end); points *p at the bytes from `at` that
 * are contiguous and have come, at most `most`, and returns how many (0:
 * the pipe ended before `at`). */
size_t cl_spool_span(struct cl_spool *sp, uint64_t at, size_t most,
    const char **p);
/* Copies bytes [at, at + want) (waiting for them), fewer when the pipe
 * ends first; returns how many. */
size_t cl_spool_copy(struct cl_spool *sp, void *buf, size_t want,
    uint64_t at);
void cl_spool_free(struct cl_spool *sp);

/* Gives the blocks wholly before byte `upto` back to the system: the
 * general way, fed from a spool, keeps what it needs, so that the spool
 * and it do not both hold the input.  Those bytes must not be read
 * again. */
void cl_spool_forget(struct cl_spool *sp, uint64_t upto);

/*
 * The bytes cl_sources_count_fast read ahead from a pipe it did not count
 * in the end: it holds them (hold takes sp over), and cl_source_read_fd
 * on that fd takes them and reads them first (NULL: none held).
 * cl_spools_drop frees what no one took (after a fatal error).
 */
void cl_spool_hold(int fd, struct cl_spool *sp);
struct cl_spool *cl_spool_take(int fd);
void cl_spools_drop(void);

/* read_source.c: bytes the source is not fed but stand for its input
 * (counted by the fast way) go into its hash, if it has one. */
void cl_source_hash_bytes(struct cl_source *s, const void *bytes,
    size_t len);

/* ---- read_csv.c: for fast_file.c ---- */

int cl_reader_split(struct cl_reader *r, const char *rec, size_t len,
    const struct cl_field **fields, size_t *n);
void cl_reader_forget_texts(struct cl_reader *r);

/* For read_source.c while it looks for the header below a title: the
 * next record's delimiter is sniffed anew (unless it was given). */
void cl_reader_sniff_again(struct cl_reader *r);
/* Whether the reader stands between records, on bytes read as they are
 * (UTF-8 or Windows-1252, no UTF-16), the header (and maybe a title)
 * read. */
int cl_reader_at_plain_record(const struct cl_reader *r);
/* The physical line the next record starts on. */
long cl_reader_line(const struct cl_reader *r);
/* What its text is read as so far: CL_ENC_AUTO (only ASCII yet),
 * CL_ENC_UTF8 or CL_ENC_WINDOWS_1252. */
enum cl_encoding cl_reader_text_encoding(const struct cl_reader *r);
/* How many cells of a Windows-1252 text were valid UTF-8, and so read as
 * UTF-8 with a warning (cl_reader_text). */
long cl_reader_mixed(const struct cl_reader *r);
/* How many cells written ="..." were read as the text in their quotes
 * (noted once a file). */
long cl_reader_formulas(const struct cl_reader *r);
/* How many empty lines the reader has skipped so far. */
long cl_reader_empty_lines(const struct cl_reader *r);
/* Whether the text of a cell is ="..." with no quote inside (a CSV
 * library's "=""00123""" unquoted); then f becomes the text inside. */
int cl_formula_cell(struct cl_field *f);
/* The note a reader gives for a file's first ="..." cell (translated),
 * for the fast way to give it too. */
const char *cl_reader_formula_note(void);
/* Whether the user chose the encoding (cl_reader_options). */
int cl_reader_encoding_given(const struct cl_reader *r);
/*
 * UTF-16 as a reader decodes it, for the fast way (read_whole.c).
 * cl_utf16_mark: 1 for a little-endian byte-order mark at p, 2 for a
 * big-endian one, else 0 (UTF-32's little-endian mark too).
 * cl_utf16_decode: appends to out the UTF-8 of the units p[0..len) (len
 * even); returns how many bytes it used (a high surrogate at the end is
 * left for the next call, unless `last`), or -1 for an odd length or an
 * unpaired surrogate, which the reader reports in its own words.
 */
int cl_utf16_mark(const unsigned char *p, size_t len);
long cl_utf16_decode(struct cl_buf *out, const unsigned char *p, size_t len,
    int le, int last);
/* The note a reader gives where a file's text turns out to be
 * Windows-1252 (translated), for the fast way to give it too. */
const char *cl_reader_1252_note(void);
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

/*
 * The fence around engines that keep no case ids.  cl_engine_report_only
 * marks an engine whose case list may be counted by fast_file.c; from
 * then on cl_engine_need_ids(e, "cl_engine_rebalance") aborts, and so
 * does cl_engine_add_case once a file was counted (cl_engine_add_bulk).
 * cl_engine_add_bulk aborts on an engine not so marked.
 */
void cl_engine_report_only(struct cl_engine *e);
void cl_engine_need_ids(const struct cl_engine *e, const char *caller);

/* Whether the engine has counted (or tried to count) any case row. */
int cl_engine_has_rows(const struct cl_engine *e);

/* Sets m (its text empty) to say what it says where the engine does. */
void cl_engine_msg_init(const struct cl_engine *e, struct cl_msg *m);

/* CL_DECLINE_NONE when adding b[0..n) would be silent, else the rule of
 * what cl_engine_add_case would say: a worker not on the roster (or named
 * by roster initials), in another team than the roster's, spelled two
 * ways, or named as another worker but for letter case. */
enum cl_decline cl_engine_bulk_decline(struct cl_engine *e,
    const struct cl_bulk *b, size_t n);

/* The least full-time points target of any team: a case worth more may
 * be warned about (cl_engine_add_case). */
cl_dec cl_engine_case_limit(const struct cl_engine *e);

/* targets.c: the least full-time points target, globally or of any team
 * of the configuration. */
cl_dec cl_config_least_points(const struct cl_config *config);

/* The team of a worker on the roster, or NULL. */
const char *cl_engine_roster_team(struct cl_engine *e, const char *worker);

/* Adds b's totals; the sums must fit (fast_file.c checks them). */
void cl_engine_add_bulk(struct cl_engine *e, const struct cl_bulk *b);

/* ---- sha256.c ---- */

/* SHA-256 (FIPS 180-4), fed in pieces of any size. */
#define CL_SHA256_HEX 65        /* 64 hex digits and a NUL */
struct cl_sha256 {
	uint32_t h[8];
	uint64_t bytes;
	unsigned char block[64];
	size_t fill;
};

void cl_sha256_init(struct cl_sha256 *s);
void cl_sha256_update(struct cl_sha256 *s, const void *data, size_t len);

/* Writes the digest as lowercase hex; s must be initialised again after. */
void cl_sha256_final(struct cl_sha256 *s, char hex[CL_SHA256_HEX]);

/*
 * read_source.c: every byte the source is fed from now on also goes into
 * *hash (borrowed; NULL stops it).  For an input that cannot be read twice
 * (a pipe); a regular file is hashed on its own (it may be counted by
 * fast_file.c, whose bytes never pass through cl_source_feed).
 */
void cl_source_hash_into(struct cl_source *s, struct cl_sha256 *hash);

#endif
