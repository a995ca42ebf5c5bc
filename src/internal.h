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

#endif
