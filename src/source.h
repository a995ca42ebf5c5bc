/*
 * source.h - what read_source.c (rows), read_header.c (finding the
 * header and its columns) and read_totals.c (total rows) share; not
 * installed.
 */
#ifndef CL_SOURCE_H
#define CL_SOURCE_H

#include <string.h>

#include "internal.h"

enum role { COL_WORKER, COL_POINTS, COL_CASE, COL_TEAM, COL_FTE,
	COL_CATEGORY, COL_REDUCTION, COL_REASON, COL_INITIALS, COL_HOURS,
	COL_PLACED, COL_PLACEMENT, COL_LAST, NROLES };

/* The names of each role's column, the canonical one first (read_header.c). */
extern const char *const *const cl_role_names[NROLES];

enum kind { CASES, ROSTER };

/*
 * Names repeat on every row of a worker, and normalising one to NFC costs
 * more than the rest of the row, so each source remembers the forms it has
 * made: raw text -> NFC (read_names.c).  Past NFC_CACHE_MAX names it starts
 * afresh, but only between rows, so a row's names stay valid while it is
 * read.
 */
#define NFC_CACHE_MAX 4096

struct nfc_entry {
	char *raw;
	char *nfc;
	int respelled;
};

struct nfc_cache {
	struct cl_hashtab index;
	struct nfc_entry *entries;
	size_t n, cap;
};

/* A line held back as a possible footer (read_footer.c): its fields'
 * bytes one after another, and where each starts. */
struct cl_held {
	long line;
	size_t cell;                    /* its one cell of words */
	int title_only;                 /* a title above a repeated header,
					 * else a row (read_footer.c) */
	size_t n, len;
	size_t *spans;
	char *bytes;
};

struct cl_source {
	enum kind kind;
	struct cl_engine *engine;
	struct cl_reader *reader;
	cl_diag_fn on_diag;
	void *ctx;
	int col[NROLES];        /* column index, or -1 */
	size_t ncols;
	int have_header;
	long header_line;
	struct cl_buf header_cells;     /* folded (cl_fold_header), each ends in
					 * '\0', for rows that repeat it */
	size_t *header_at;              /* where each of them starts */

	/* the row to say what is missing of, while the header is looked
	 * for below it: the first, or the first with a worker column */
	long first_line, looked_to;
	struct cl_buf first;    /* its fields' bytes */
	struct cl_field *first_fields;
	size_t nfirst;
	int missing;            /* the required role the first row lacks */
	int first_missing;      /* what the row kept in `first` lacks */
	struct cl_field *pad;   /* a short row's fields, and empty ones */
	size_t npad;
	int said_fields;        /* the note on a row short of them (1), and
				 * on one long of them (2) */
	int said_shortened;     /* the warning on an id Excel shortened */
	int blank_above;        /* a blank line below the header was read */
	long empty_lines;       /* cl_reader_empty_lines at the last record */
	int said_no_id;         /* the warning on a row without a case id
				 * below one */

	struct cl_totals totals;        /* for total rows (read_totals.c) */
	struct cl_held *held;           /* possible footers (read_footer.c) */
	size_t nheld, held_cap;
	int replaying;                  /* reading held lines as rows */
	struct cl_diag *later;          /* the reader's messages while lines
					 * are held, said in line order with
					 * them (read_footer.c) */
	size_t nlater, later_cap;
	int past_header;                /* a record came after the header */

	int fatal;
	long row_errors;
	struct cl_msg msg;
	struct cl_buf fold;
	struct cl_buf worker, team;     /* names in NFC, for the current row */
	struct cl_buf spaced, case_id;
	struct nfc_cache nfc;
	struct cl_sha256 *hash;         /* what is fed also goes here */

	int fu_needed;          /* cl_source_followups: follow-ups or bust */
	int fu;                 /* this file's follow-ups are read */
	struct cl_tally *unscheduled;
};

/* ---- messages ---- */

/* Sends the message built in s->msg about line `line` of the source. */
static inline void
say(struct cl_source *s, long line, enum cl_severity sev)
{
	cl_msg_send(&s->msg, cl_reader_name(s->reader), line, sev);
}

static inline void
msg_text(struct cl_source *s, const char *text)
{
	cl_msg_text(&s->msg, text);
}

/* Appends a whole sentence made of fmt (translated) and its values. */
#define msg_printf(s, ...) cl_msg_printf(&(s)->msg, __VA_ARGS__)

/* value quoted for a message (cl_text_for_message) into b, cleared;
 * returns b->data. */
static inline const char *
quoted_field(struct cl_buf *b, const char *value, size_t len)
{
	b->len = 0;
	cl_buf_putc(b, '"');
	cl_text_for_message(b, value, len);
	cl_buf_putc(b, '"');
	return b->data;
}

static inline void
msg_quoted(struct cl_source *s, const char *value, size_t len)
{
	cl_msg_quote_n(&s->msg, value, len);
}

/* Reports a row that is not counted. */
static inline void
row_error(struct cl_source *s, long line)
{
	say(s, line, CL_ERROR);
	s->row_errors++;
	s->totals.errors_since++;	/* as cl_totals_error */
}

static inline int
all_blank(const struct cl_field *f, size_t n)
{
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < f[i].len; k++)
			if (f[i].ptr[k] != ' ' && f[i].ptr[k] != '\t')
				return 0;
	return 1;
}

/* ---- read_header.c ---- */

/*
 * A row before the header: the header itself when it has the columns the
 * file needs, else a title above it, while the first lines last.  Sets
 * s->col, s->ncols and s->have_header.  Returns 0 to go on, 1 to stop
 * (a fatal error, said).
 */
int cl_source_find_header(struct cl_source *s, long line,
    const struct cl_field *f, size_t n);

/* Whether the row repeats the header: as many cells, each the same
 * after cl_fold_header (a page break printed it again, or two exports
 * were joined into one file). */
int cl_source_repeats_header(struct cl_source *s, const struct cl_field *f,
    size_t n);

/* The header's worker cell as cl_fold_header writes it, for the fast
 * way; NULL before the header.  Lives as long as s. */
const char *cl_source_worker_header(const struct cl_source *s);

/* At the end of a file whose header was not found below its first row:
 * says what that row lacks.  Returns 1. */
int cl_source_no_header(struct cl_source *s);

/* ---- read_totals.c ---- */

/*
 * Whether a case row is a total row (see cl_source_cases), which it then
 * says and leaves out.  `worker` is the row's worker cell in normal form,
 * or NULL when the row does not line up with the header.
 */
int cl_source_total_row(struct cl_source *s, long line,
    const struct cl_field *f, size_t n, const char *worker);

/*
 * Whether a roster row whose worker cell `worker` is a total word ("I alt",
 * "Summa") is a total row; if so, says it (checked against the FTE of the
 * roster rows above it, as case lists' total rows are against points) and
 * it is left out, never a worker.
 */
int cl_source_roster_total_row(struct cl_source *s, long line,
    const struct cl_field *f, size_t n, const char *worker);

/* Adds a counted row's points to the sums total rows are checked with. */
void cl_source_count_for_totals(struct cl_source *s, cl_dec points);

/* ---- read_footer.c ---- */

/* Whether the row is held back as a possible footer line (not while held
 * lines are read as rows). */
int cl_source_footer_hold(struct cl_source *s, long line,
    const struct cl_field *f, size_t n);

/* Reads the held lines through `row`, as the rows they turned out to be
 * (a row came after them). */
void cl_source_footer_release(struct cl_source *s,
    void (*row)(struct cl_source *, long, const struct cl_field *, size_t));

/* Says each held line as a footer left out (the file ended), or with
 * above_header, as a title above a repeated header; a line held only as
 * a title is read through `row` when the file ended. */
void cl_source_footer_say(struct cl_source *s, int above_header,
    void (*row)(struct cl_source *, long, const struct cl_field *, size_t));

/* Keeps a message of the reader's while lines are held, to be said in
 * line order with them; 0 when none is held (say it now). */
int cl_source_footer_later(struct cl_source *s, const struct cl_diag *d);

void cl_source_footer_free(struct cl_source *s);

/* ---- read_names.c ---- */

/* The normal form of name text t (cl_name_normal), made once per
 * distinct text; tmp and spaced are scratch.  The entry's strings live
 * until cl_nfc_cache_clear, the entry itself until the next call. */
const struct nfc_entry *cl_nfc_cache_get(struct nfc_cache *c,
    const char *t, size_t len, struct cl_buf *tmp, struct cl_buf *spaced);
void cl_nfc_cache_clear(struct nfc_cache *c);

/* The same through a source, kept while the current row is read. */
const char *cl_source_name_form(struct cl_source *s, const char *t,
    size_t len);

#endif
