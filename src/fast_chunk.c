/*
 * fast_chunk.c - reads and counts one chunk of a case-list file for the
 * fast way (see fast.h): records, names, rows.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "fast.h"

/* Gives the task up for rule `why` of decline.h; -1 for the callers'
 * return. */
static int
decline(struct task *t, enum cl_decline why)
{
	/* text the reader read as UTF-8 in a Windows-1252 list: the general
	 * way warns about it (cl_reader_mixed) */
	if (why == CL_DECLINE_BAD_TEXT && cl_reader_mixed(t->reader) > 0)
		why = CL_DECLINE_MIXED_TEXT;
	t->declined = why;
	return -1;
}

/* The same, for a function that returns where the next record starts. */
static const char *
decline_record(struct task *t, enum cl_decline why)
{
	t->declined = why;
	return NULL;
}

/* ---- tables ---- */

static int
same_spelling(const void *entry, const void *key)
{
	const struct spelling *s = entry;
	const struct cl_field *f = key;
	size_t i = 0;

	if (s->len != f->len)
		return 0;
	if (f->len < 8)
		return memcmp(s->raw, f->ptr, f->len) == 0;
	for (;; i += 8) {
		uint64_t a, b;

		if (i + 8 > f->len)
			i = f->len - 8;	/* the last 8 bytes, overlapping */
		memcpy(&a, s->raw + i, 8);
		memcpy(&b, f->ptr + i, 8);
		if (a != b)
			return 0;
		if (i + 8 == f->len)
			return 1;
	}
}

/* A quick hash of a cell for the spelling table: its length and first
 * and last 8 bytes.  Names that share those just share a probe run. */
static uint64_t
spelling_hash(struct cl_field f)
{
	uint64_t a, b;

	if (f.len < 8)
		return cl_fingerprint(f.ptr, f.len);
	memcpy(&a, f.ptr, 8);
	memcpy(&b, f.ptr + f.len - 8, 8);
	{
		u128 p = (u128)(a ^ 0xa0761d6478bd642fu) *
		    (b ^ f.len ^ 0xe7037ed1a0b428dbu);

		return (uint64_t)(p >> 64) ^ (uint64_t)p;
	}
}

static void
free_spelling(void *entry)
{
	free(((struct spelling *)entry)->raw);
	free(entry);
}

/* ---- names ---- */

static struct name *
intern(struct task *t, const char *text, size_t len)
{
	uint64_t h = cl_fingerprint(text, len);
	size_t slot = cl_fast_table_find(&t->names, h, cl_fast_same_name, text);
	struct name *n = cl_fast_table_get(&t->names, slot);

	if (n != NULL)
		return n;
	n = cl_xmalloc(sizeof *n);
	n->hash = h;
	n->text = cl_xstrndup(text, len);
	n->worker = -1;
	cl_fast_table_put(&t->names, slot, h, n);
	return n;
}

/*
 * What cell f spells, as read_source.c's name_cell reads it: trimmed,
 * valid UTF-8, spaces made plain (cl_name_normal), in NFC.  NULL when the
 * text is not valid (the general path reports the row).
 */
static const struct spelling *
spelling_of(struct task *t, struct cl_field f)
{
	uint64_t h = spelling_hash(f);
	size_t slot;
	struct spelling *s;
	const char *why, *text;
	size_t len;

	/* the lookup of every row, written out for speed */
	if (t->spellings.index.slots != NULL) {
		const struct cl_hashtab *x = &t->spellings.index;

		for (size_t i = (size_t)h & x->mask; x->slots[i] != 0;
		    i = (i + 1) & x->mask) {
			if (x->hashes[i] != h)
				continue;
			s = t->spellings.items[x->slots[i] - 1];
			if (same_spelling(s, &f))
				return s;
		}
	}
	slot = cl_fast_table_find(&t->spellings, h, same_spelling, &f);
	text = cl_reader_text(t->reader, f, &len, &why);
	if (text == NULL || cl_reader_mixed(t->reader) > 0)
		return NULL;
	s = cl_xcalloc(1, sizeof *s);
	s->hash = h;
	s->raw = cl_xstrndup(f.ptr, f.len);
	s->len = f.len;
	s->worker = -1;
	if (len > 0 && !cl_name_is_plain(text, len)) {
		s->respelled = cl_name_normal(&t->nfc, &t->spaced, text, len);
		s->name = intern(t, t->nfc.data, t->nfc.len);
	} else if (len > 0) {
		s->name = intern(t, text, len);
	}
	s->total = s->name != NULL ? cl_total_word(s->name->text,
	    strlen(s->name->text)) : 0;
	if (s->name != NULL && t->layout->worker_header[0] != '\0') {
		struct cl_buf folded = { 0 };

		cl_fold_header(&folded, s->name->text, strlen(s->name->text));
		s->header = strcmp(folded.data, t->layout->worker_header) == 0;
		cl_buf_free(&folded);
	}
	cl_reader_forget_texts(t->reader);
	cl_fast_table_put(&t->spellings, slot, h, s);
	return s;
}

static struct tally *
tally_of(struct task *t, struct name *n)
{
	struct tally *w;

	if (n->worker >= 0)
		return &t->tallies[n->worker];
	if (t->ntallies == t->cap_tallies) {
		t->cap_tallies = t->cap_tallies ? 2 * t->cap_tallies : 64;
		t->tallies = cl_xrealloc(t->tallies,
		    t->cap_tallies * sizeof *t->tallies);
	}
	n->worker = (long)t->ntallies;
	w = &t->tallies[t->ntallies++];
	memset(w, 0, sizeof *w);
	w->name = n;
	return w;
}

/* ---- rows ---- */

static int
blank_field(struct cl_field f)
{
	for (size_t i = 0; i < f.len; i++)
		if (f.ptr[i] != ' ' && f.ptr[i] != '\t')
			return 0;
	return 1;
}

static int
blank_row(const struct cl_field *f, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!blank_field(f[i]))
			return 0;
	return 1;
}

/*
 * The usual points, "7" or "7.5": 1 to 9 digits, and a '.' or ',' with 1
 * to 6 more.  Returns 0 for anything else, which cl_dec_parse reads.
 */
static int
plain_points(struct cl_field f, cl_dec *points)
{
	const char *p = f.ptr, *end = f.ptr + f.len;
	uint64_t units = 0, frac = 0;
	int digits = 0, decimals = 0;

	for (; p < end && *p >= '0' && *p <= '9' && digits < 9; p++, digits++)
		units = units * 10 + (uint64_t)(*p - '0');
	if (digits == 0)
		return 0;
	if (p < end && (*p == '.' || *p == ',')) {
		for (p++; p < end && *p >= '0' && *p <= '9' && decimals < 6;
		    p++, decimals++)
			frac = frac * 10 + (uint64_t)(*p - '0');
		if (decimals == 0)
			return 0;
	}
	if (p != end)
		return 0;
	for (; decimals < 6; decimals++)
		frac *= 10;
	*points = (cl_dec)(units * CL_DEC_SCALE + frac);
	return 1;
}

/* A row's points, as read_source.c's case_points finds them: 0, or the
 * rule to decline for. */
static enum cl_decline
row_points(struct task *t, const struct cl_field *f, cl_dec *points)
{
	const struct cl_layout *l = t->layout;
	const struct cl_named *hit;
	const char *why, *category;
	size_t len;

	if (l->points >= 0 && (l->category < 0 ||
	    !blank_field(f[l->points])))
		return plain_points(f[l->points], points) ||
		    cl_dec_parse(f[l->points].ptr, f[l->points].len,
		    points) == NULL ? CL_DECLINE_NONE : CL_DECLINE_BAD_POINTS;
	if (l->config == NULL)
		return CL_DECLINE_UNKNOWN_CATEGORY;
	category = cl_reader_text(t->reader, f[l->category], &len, &why);
	if (category == NULL || cl_reader_mixed(t->reader) > 0)
		return CL_DECLINE_BAD_TEXT;	/* decline() tells them apart */
	hit = len > 0 ? cl_named_find(l->config->categories,
	    l->config->ncategories, category) : NULL;
	cl_reader_forget_texts(t->reader);
	if (hit == NULL)
		return CL_DECLINE_UNKNOWN_CATEGORY;
	*points = hit->value;
	return CL_DECLINE_NONE;
}

/* Whether none of the 8 bytes in w is NUL or above 0x7f. */
static int
ascii8(uint64_t w)
{
	const uint64_t ones = 0x0101010101010101u, highs = ones << 7;

	return ((w | ((w - ones) & ~w)) & highs) == 0;
}

/*
 * A row's case id as read_source.c reads it, in *text and *len: 1, 0 for
 * no id, -1 for bad text.  The text lives until cl_reader_forget_texts.
 */
static int
case_text(struct task *t, struct cl_field f, const char **text, size_t *len)
{
	const unsigned char *p = (const unsigned char *)f.ptr;
	const char *why;
	size_t i;

	/* The common id needs no copy: ASCII, no NUL, nothing to trim. */
	if (f.len >= 8 && f.len <= 16) {
		uint64_t a, b;

		memcpy(&a, p, 8);
		memcpy(&b, p + f.len - 8, 8);
		i = ascii8(a) && ascii8(b) ? f.len : 0;
	} else {
		for (i = 0; i < f.len && p[i] - 1u < 0x7fu; i++)
			;
	}
	if (i == f.len && f.len > 0 && p[0] != ' ' && p[0] != '\t' &&
	    p[i - 1] != ' ' && p[i - 1] != '\t') {
		*text = f.ptr;
		*len = f.len;
		return 1;
	}
	if ((*text = cl_reader_text(t->reader, f, len, &why)) == NULL ||
	    cl_reader_mixed(t->reader) > 0)
		return -1;
	if (cl_has_non_ascii(*text, *len)) {
		/* ids are compared in NFC, as read_source.c does */
		cl_nfc(&t->id, *text, *len);
		*text = t->id.data;
		*len = t->id.len;
	}
	return *len > 0;
}

/* The fingerprint of a row's case id (for a diff, its key in t->key
 * instead): 1, 0 for no id, -1 for bad text, 2 for a total word alone
 * (the row is a total row, as read_totals.c's id_total_label finds), 3
 * for a number Excel shortened (read_source.c warns). */
static int
case_print(struct task *t, struct cl_field f, uint64_t *fp)
{
	const char *text;
	size_t len;
	int rc = case_text(t, f, &text, &len);

	if (rc > 0 && cl_total_word_may(text, len) &&
	    cl_total_word(text, len) == CL_TOTAL_WORD) {
		if (text != f.ptr)
			cl_reader_forget_texts(t->reader);
		return 2;
	}
	if (rc > 0 && memchr(text, '+', len) != NULL &&
	    cl_excel_shortened(text, len)) {
		if (text != f.ptr)
			cl_reader_forget_texts(t->reader);
		return 3;
	}
	/* a diff keeps the id itself, and its fingerprint only when long */
	if (rc > 0 && t->layout->rows != NULL)
		cl_fast_row_key(t, text, len, len > 15 ?
		    cl_fingerprint(text, len) : 0);
	else if (rc > 0)
		*fp = cl_fingerprint(text, len);
	if (text != f.ptr)
		cl_reader_forget_texts(t->reader);
	return rc;
}

static int
wanted(const struct fpset *set, uint64_t fp)
{
	uint64_t v = fp ? fp : 1;

	for (size_t i = (size_t)v & set->mask; set->v[i] != 0;
	    i = (i + 1) & set->mask)
		if (set->v[i] == v)
			return 1;
	return 0;
}

/* The second pass: keeps the rows whose case id's fingerprint repeats
 * (the first pass found every row fine). */
static int
collect_row(struct task *t, const struct cl_field *f)
{
	const struct cl_layout *l = t->layout;
	const struct spelling *worker;
	struct shared_row *r;
	const char *text;
	size_t len;
	int rc;

	if (l->case_id < 0 || (rc = case_text(t, f[l->case_id], &text,
	    &len)) == 0)
		return 0;
	if (rc < 0)
		return decline(t, CL_DECLINE_BAD_TEXT);
	t->seen_ids++;
	if (!wanted(t->wanted, cl_fingerprint(text, len))) {
		cl_reader_forget_texts(t->reader);
		return 0;
	}
	if (t->nrows == MAX_SHARED_ROWS)
		return decline(t, CL_DECLINE_SHARED_IDS);
	if (t->nrows == t->cap_rows) {
		t->cap_rows = t->cap_rows ? 2 * t->cap_rows : 64;
		t->rows = cl_xrealloc(t->rows, t->cap_rows * sizeof *t->rows);
	}
	r = &t->rows[t->nrows++];
	memset(r, 0, sizeof *r);
	r->order = (uint64_t)t->index << 48 | (uint64_t)t->seen_ids;
	r->id = cl_xstrndup(text, len);	/* before spelling_of forgets it */
	cl_reader_forget_texts(t->reader);
	worker = spelling_of(t, f[l->worker]);
	if (worker == NULL)
		return decline(t, CL_DECLINE_BAD_TEXT);
	if (worker->name == NULL)
		return decline(t, CL_DECLINE_EMPTY_WORKER);
	r->worker = worker->name->text;
	return 0;
}

/*
 * A footer line below the table, as read_footer.c finds one: recorded
 * with its offset, its line in the chunk and its cell, for fast_file.c
 * to say once it knows that only blank lines and footers follow it.
 * Returns 1, or 0 when the row is none.
 */
static int
footer_row(struct task *t, const char *rec, const struct cl_field *f,
    size_t n)
{
	const struct cl_layout *l = t->layout;
	struct footer_row *r;
	const char *text;
	size_t len;
	int c = cl_footer_cell(t->reader, l->worker, l->points, f, n, &text,
	    &len);

	if (c >= 0) {
		cl_name_normal(&t->nfc, &t->spaced, text, len);
		if (cl_total_word(t->nfc.data, t->nfc.len) ||
		    cl_reader_mixed(t->reader) > 0)
			c = -1;	/* a total row (read_totals.c), or a warning */
	}
	if (c < 0) {
		cl_reader_forget_texts(t->reader);
		return 0;
	}
	if (t->nfooters == t->cap_footers) {
		t->cap_footers = t->cap_footers ? 2 * t->cap_footers : 4;
		t->footers = cl_xrealloc(t->footers,
		    t->cap_footers * sizeof *t->footers);
	}
	r = &t->footers[t->nfooters++];
	r->at = t->pos + (uint64_t)(rec - t->base);
	r->line = t->lines;
	r->text = cl_xstrndup(text, len);
	r->len = len;
	cl_reader_forget_texts(t->reader);
	return 1;
}

/* A blank row, skipped: 0. */
static int
blank(struct task *t)
{
	t->blank_seen = 1;
	return 0;
}

/* Declines for rule `why`, unless the row is a footer line (read the
 * general way, it would be held back, not said): 0 then. */
static int
footer_or_decline(struct task *t, const char *rec, const struct cl_field *f,
    size_t n, enum cl_decline why)
{
	return footer_row(t, rec, f, n) ? 0 : decline(t, why);
}

/* Whether a row whose worker spelling is w is a total row for that
 * (cl_total_worker, as read_totals.c asks it). */
static int
total_worker(const struct spelling *w, const struct cl_layout *l,
    const struct cl_field *f, size_t n)
{
	return cl_total_worker(w->total, l->case_id < 0 ||
	    (size_t)l->case_id >= n || blank_field(f[l->case_id]));
}

/*
 * A row that is no case, as read_totals.c's cl_source_total_row finds
 * total rows: its worker cell a total word; or, with the worker cell
 * empty, its case id cell one; or neither a worker nor a case id, which
 * is a sum row if its points match the rows above it (fast_file.c checks
 * that: the chunk does not know them).  Records it for fast_file.c to
 * check and say; -1 (decline) when it is no total row, for what the
 * general way then says about it.
 */
static int
total_row(struct task *t, const char *rec, const struct cl_field *f,
    size_t n)
{
	const struct cl_layout *l = t->layout;
	const struct spelling *worker, *id;
	struct total_row *r;
	const char *label = NULL;
	cl_dec value = 0, alt = 0;
	int rc = cl_total_value(l->points, f, n, &value, &alt);
	int has_value = rc == 0;

	if ((size_t)l->worker >= n)
		return footer_or_decline(t, rec, f, n, CL_DECLINE_FIELD_COUNT);
	if ((worker = spelling_of(t, f[l->worker])) == NULL)
		return decline(t, CL_DECLINE_BAD_TEXT);
	if (total_worker(worker, l, f, n)) {
		label = worker->name->text;
	} else if (n != l->ncols) {
		return footer_or_decline(t, rec, f, n, CL_DECLINE_FIELD_COUNT);
	} else if (l->case_id >= 0 && !blank_field(f[l->case_id])) {
		if ((id = spelling_of(t, f[l->case_id])) == NULL || !id->total)
			return footer_or_decline(t, rec, f, n,
			    CL_DECLINE_EMPTY_WORKER);
		label = id->name->text;
	} else if (l->team >= 0 && !blank_field(f[l->team]) &&
	    ((id = spelling_of(t, f[l->team])) == NULL || id->total)) {
		/* Excel's Subtotal at each change of team: "Syd I alt" */
		if (id == NULL)
			return decline(t, CL_DECLINE_BAD_TEXT);
		label = id->name->text;
	} else if (!has_value) {
		/* no sum row */
		return footer_or_decline(t, rec, f, n, CL_DECLINE_EMPTY_WORKER);
	}
	if (t->ntotals == t->cap_totals) {
		t->cap_totals = t->cap_totals ? 2 * t->cap_totals : 16;
		t->totals = cl_xrealloc(t->totals,
		    t->cap_totals * sizeof *t->totals);
	}
	r = &t->totals[t->ntotals++];
	r->at = t->pos + (uint64_t)(rec - t->base);
	r->line = t->lines;
	r->label = label;
	r->maybe_sum = label == NULL;
	r->has_value = has_value;
	r->value = value;
	r->alt = alt;
	r->unread = rc > 0 ? cl_xstrndup(f[l->points].ptr, f[l->points].len) :
	    NULL;
	r->sum = t->sum_since;
	r->rows = t->rows_since;
	t->sum_since = 0;
	t->rows_since = 0;
	return 0;
}

/*
 * Counts one record, which starts at rec in the buffer; -1 (decline) when
 * the general path would say something that the fast way cannot.
 */
static int
count_row(struct task *t, const char *rec, const struct cl_field *f,
    size_t n)
{
	const struct cl_layout *l = t->layout;
	const struct spelling *worker, *team = NULL;
	struct tally *w;
	cl_dec points;
	uint64_t fp = 0;
	int has_id = 0;
	enum cl_decline why;

	/* the second pass skips the total rows and footers the first one
	 * found */
	if (t->wanted != NULL && t->next_total < t->ntotals &&
	    t->pos + (uint64_t)(rec - t->base) == t->totals[t->next_total].at) {
		t->next_total++;
		return 0;
	}
	if (t->wanted != NULL && t->next_footer < t->nfooters &&
	    t->pos + (uint64_t)(rec - t->base) ==
	    t->footers[t->next_footer].at) {
		t->next_footer++;
		return 0;
	}
	/* below a footer line, only blank lines and more of them */
	if (t->nfooters > 0 && t->wanted == NULL)
		return blank_row(f, n) || footer_row(t, rec, f, n) ? 0 :
		    decline(t, CL_DECLINE_FOOTER_ABOVE_ROW);
	/* a blank row (skipped) has no worker, so only then is it looked for */
	if (n != l->ncols && blank_row(f, n))
		return blank(t);
	if (n != l->ncols)
		return t->wanted != NULL ? decline(t, CL_DECLINE_FIELD_COUNT) :
		    total_row(t, rec, f, n);
	if (t->wanted != NULL)
		return collect_row(t, f);	/* a blank row has no id */
	worker = spelling_of(t, f[l->worker]);
	if (worker == NULL)
		return decline(t, CL_DECLINE_BAD_TEXT);
	if (worker->name == NULL)
		return blank_row(f, n) ? blank(t) : total_row(t, rec, f, n);
	if (total_worker(worker, l, f, n))
		return total_row(t, rec, f, n);
	if (worker->header)	/* the general way skips a repeated header */
		return decline(t, CL_DECLINE_REPEATED_HEADER);
	/* a footer in the worker column ("Udskrevet 01-12-2026 af XY") has
	 * no points: no tally for it */
	if ((why = row_points(t, f, &points)) != CL_DECLINE_NONE)
		return footer_or_decline(t, rec, f, n, why);
	if (points > l->case_limit)
		return decline(t, CL_DECLINE_BIG_CASE);
	if (l->case_id >= 0 && (has_id = case_print(t, f[l->case_id],
	    &fp)) < 0)
		return decline(t, CL_DECLINE_BAD_TEXT);
	if (has_id == 2)
		return total_row(t, rec, f, n);
	if (has_id == 3)
		return decline(t, CL_DECLINE_SHORTENED_ID);
	if (has_id == 0 && l->case_id >= 0) {
		if (t->blank_seen)
			return decline(t, CL_DECLINE_NO_ID_BELOW_BLANK);
		t->no_id_first = 1;
	}
	if (worker->worker < 0)
		((struct spelling *)worker)->worker = tally_of(t,
		    worker->name) - t->tallies;
	w = &t->tallies[worker->worker];
	if (l->team >= 0) {
		struct cl_field tf = f[l->team];

		/* a worker's rows mostly name the team of its first row */
		team = w->team_spelling;
		if ((team == NULL || !same_spelling(team, &tf)) &&
		    (team = spelling_of(t, tf)) == NULL)
			return decline(t, CL_DECLINE_BAD_TEXT);
		if (w->team_spelling == NULL)
			w->team_spelling = team;
	}

	w->spellings |= worker->respelled ? 2u : 1u;
	if (w->spellings == 3)
		return decline(t, CL_DECLINE_TWO_FORMS);
	if (team != NULL && team->name != NULL) {
		if (w->team == NULL)
			w->team = team->name;
		else if (w->team != team->name)
			return decline(t, CL_DECLINE_TEAM_CHANGES);
	}
	if (has_id && l->rows != NULL &&
	    cl_fast_keep_row(t, rec, (size_t)worker->worker, points) != 0)
		return decline(t, CL_DECLINE_DIFF_ROWS);
	w->points += (u128)points;
	t->sum_since += (u128)points;
	t->rows_since++;
	if (has_id) {
		w->with_id++;
		t->ids++;
		if (l->rows == NULL)	/* a diff finds repeats in its rows */
			cl_prints_add(t->prints, fp);
	} else {
		w->without_id++;
	}
	return 0;
}

/* Notes what the chunk's first cell that is not ASCII decided, once the
 * record that holds it is counted (a task of a list whose encoding is
 * undecided, CL_ENC_AUTO: its reader decides as the general way's). */
static inline void
note_text(struct task *t)
{
	if (t->undecided &&
	    cl_reader_text_encoding(t->reader) != CL_ENC_AUTO) {
		t->undecided = 0;
		t->decided = cl_reader_text_encoding(t->reader);
		t->decided_line = t->lines;
	}
}

/* ---- records ---- */

/*
 * Finds the delimiters, quotes, CRs and LFs of a buffer 64 bytes at a
 * time, as a bit mask, and hands them out in order.
 */
struct scanner {
	const char *base, *end;
	uint64_t bits;          /* of base[0..63] not handed out yet */
	int delim;
};

/* Bit i is set when p[i] is special.  Reads 64 bytes, maybe past the
 * end of the data: the buffer has BUF_SLACK bytes of room for that. */
static uint64_t
specials64(const char *p, int delim)
{
#ifdef __SSE2__
	const __m128i d = _mm_set1_epi8((char)delim);
	const __m128i q = _mm_set1_epi8('"');
	const __m128i cr = _mm_set1_epi8('\r');
	const __m128i lf = _mm_set1_epi8('\n');
	uint64_t bits = 0;

	for (int i = 0; i < 64; i += 16) {
		__m128i x = _mm_loadu_si128((const __m128i *)(const void *)
		    (p + i));
		__m128i hit = _mm_or_si128(
		    _mm_or_si128(_mm_cmpeq_epi8(x, d), _mm_cmpeq_epi8(x, q)),
		    _mm_or_si128(_mm_cmpeq_epi8(x, cr), _mm_cmpeq_epi8(x, lf)));

		bits |= (uint64_t)(unsigned)_mm_movemask_epi8(hit) << i;
	}
	return bits;
#else
	uint64_t bits = 0;

	for (int i = 0; i < 64; i++)
		if (p[i] == delim || p[i] == '"' || p[i] == '\r' ||
		    p[i] == '\n')
			bits |= (uint64_t)1 << i;
	return bits;
#endif
}

static void
scan_at(struct scanner *s, const char *p)
{
	s->base = p;
	s->bits = p < s->end ? specials64(p, s->delim) : 0;
}

/* The next special byte, or end. */
static const char *
scan_next(struct scanner *s)
{
	const char *q;

	while (s->bits == 0) {
		s->base += 64;
		if (s->base >= s->end)
			return s->end;
		s->bits = specials64(s->base, s->delim);
	}
	q = s->base + __builtin_ctzll(s->bits);
	s->bits &= s->bits - 1;
	return q < s->end ? q : s->end;
}

/* Copies the quoted field at p (on its opening quote) to *out without
 * its quotes, "" as one; returns where it ends (end, or on the
 * delimiter), or NULL when it never closes or text follows it. */
static const char *
unquote(const char *p, const char *end, int delim, char **out)
{
	for (p++;; p++) {
		const char *q = memchr(p, '"', (size_t)(end - p));

		if (q == NULL)
			return NULL;
		memcpy(*out, p, (size_t)(q - p));
		*out += q - p;
		p = q + 1;
		if (p == end || *p != '"')
			break;
		*(*out)++ = '"';
	}
	return p < end && *p != delim ? NULL : p;
}

/*
 * Splits a record with quotes as libcsv does in strict mode (read_csv.c),
 * into t->unquoted: a field that starts with a quote runs to the quote
 * that closes it, "" standing for one quote.  Returns 0, or -1 for
 * anything else (a quote inside an unquoted field, text after a closing
 * quote, one that never closes, more fields than the header): libcsv then
 * splits the record, and says what is wrong.  libcsv took most of the
 * time of the 5 % of such rows in a typical export.  A cell that is all
 * of ="..." is its quoted text, as read_csv.c reads it; the first is
 * noted (t->formula_line).
 */
static int
split_quoted(struct task *t, const char *p, size_t len, size_t *nfields)
{
	const char *end = p + len;
	int delim = t->layout->delimiter;
	size_t n = 0;
	char *out;

	cl_buf_reserve(&t->unquoted, len);
	out = t->unquoted.data;
	for (;;) {
		char *start = out;
		/* ="00123", all of the cell: its text (read_csv.c) */
		int formula = end - p > 1 && p[0] == '=' && p[1] == '"';

		if (n > t->layout->ncols || n >= t->layout->max_fields)
			return -1;
		if (formula || (p < end && *p == '"')) {
			struct cl_field cell;

			if ((p = unquote(p + formula, end, delim, &out)) == NULL)
				return -1;
			/* "=""00123""", as CSV libraries quote ="00123" */
			cell.ptr = start;
			cell.len = (size_t)(out - start);
			if (!formula && cl_formula_cell(&cell)) {
				memmove(start, cell.ptr, cell.len);
				out = start + cell.len;
				formula = 1;
			}
			if (formula && !t->formula) {
				t->formula = 1;
				t->formula_line = t->lines;
			}
		} else {
			const char *q = p;

			while (q < end && *q != delim) {
				if (*q == '"')
					return -1;
				q++;
			}
			memcpy(out, p, (size_t)(q - p));
			out += q - p;
			p = q;
		}
		t->fields[n].ptr = start;
		t->fields[n++].len = (size_t)(out - start);
		if (p == end)
			break;
		p++;	/* the delimiter */
	}
	*nfields = n;
	return 0;
}

/*
 * Frames a record that has a quote the way read_csv.c does (a line break
 * inside quotes is no record end) and counts it.  Returns where the next
 * record starts, p when the record is not complete in [p, end) and more
 * is to come, or NULL to decline.
 */
static const char *
quoted_record(struct task *t, const char *p, const char *end, int last)
{
	const struct cl_field *f;
	const char *q, *next;
	int in_quotes = 0;
	long lines = 1;         /* the line break that ends it, and those in
				 * quotes: a CR, or an LF not after one, as
				 * read_csv.c counts */
	size_t n;

	for (q = p; q < end; q++) {
		if (*q == '"') {
			in_quotes = !in_quotes;
		} else if (*q == '\n' || *q == '\r') {
			if (!in_quotes)
				break;
			lines += *q == '\r' || q[-1] != '\r';	/* q > p */
		}
	}
	if (q == end) {
		if (!last)
			return p;
		if (in_quotes)	/* never closed, or cut at a chunk */
			return decline_record(t, CL_DECLINE_BAD_QUOTES);
		next = end;
	} else if (*q == '\n') {
		next = q + 1;
	} else if (q + 1 < end && q[1] == '\n') {
		next = q + 2;
	} else {
		return q + 1 == end && !last ? p :
		    decline_record(t, CL_DECLINE_LONE_CR);
	}
	if ((size_t)(q - p) > t->layout->max_record)
		return decline_record(t, CL_DECLINE_RECORD_TOO_LONG);
	if (split_quoted(t, p, (size_t)(q - p), &n) == 0)
		f = t->fields;
	else if (cl_reader_split(t->reader, p, (size_t)(q - p), &f, &n) != 0)
		return decline_record(t, CL_DECLINE_BAD_QUOTES);
	else if (cl_reader_formulas(t->reader) > 0)
		return decline_record(t, CL_DECLINE_FORMULA_TEXT);
	if (!t->split_only && count_row(t, p, f, n) != 0)
		return NULL;	/* count_row said why */
	note_text(t);
	t->lines += lines;
	return next;
}

/*
 * A record with more fields than the header has and one more, which the
 * scanner does not split: only a blank line, or a footer line (split
 * here; the second pass skips those the first one found), is fine.
 * Returns 0, or -1 to decline.
 */
static int
wide_row(struct task *t, const char *p, size_t len)
{
	const struct cl_field *f;
	size_t n, i;

	for (i = 0; i < len; i++)
		if (p[i] != t->layout->delimiter && p[i] != ' ' && p[i] != '\t')
			break;
	if (i == len)
		return blank(t);
	if (t->split_only)
		return 0;
	if (t->wanted != NULL && t->next_footer < t->nfooters &&
	    t->pos + (uint64_t)(p - t->base) == t->footers[t->next_footer].at) {
		t->next_footer++;
		return 0;
	}
	if (t->wanted != NULL || cl_reader_split(t->reader, p, len, &f, &n) != 0)
		return decline(t, CL_DECLINE_FIELD_COUNT);
	if (cl_reader_formulas(t->reader) > 0)
		return decline(t, CL_DECLINE_FORMULA_TEXT);
	if (footer_or_decline(t, p, f, n, CL_DECLINE_FIELD_COUNT) != 0)
		return -1;
	note_text(t);
	return 0;
}

long
cl_fast_count_records(struct task *t, const char *buf, size_t len, size_t stop,
    int last)
{
	const struct cl_layout *l = t->layout;
	const char *p = buf, *end = buf + len;
	struct scanner sc = { buf, end, 0, l->delimiter };

	t->base = buf;
	scan_at(&sc, p);
	while (p < end && (size_t)(p - buf) < stop) {
		const char *q, *next;
		size_t n = 0, nfields = 1;

		t->fields[0].ptr = p;
		while ((q = scan_next(&sc)) < end && *q == l->delimiter) {
			if (n < l->ncols) {
				t->fields[n].len = (size_t)(q - t->fields[n].ptr);
				t->fields[++n].ptr = q + 1;
			}
			nfields++;
		}
		if (q < end && *q == '"') {
			next = quoted_record(t, p, end, last);
			if (next == NULL)
				return -1;	/* quoted_record said why */
			if (next == p)
				break;	/* wait for the rest of the record */
			scan_at(&sc, p = next);
			continue;
		}
		if (q == end) {
			if (!last)
				break;
			next = end;
		} else if (*q == '\n') {
			next = q + 1;
		} else if (q + 1 < end && q[1] == '\n') {
			next = scan_next(&sc) + 1;	/* the LF of the CRLF */
		} else if (q + 1 == end && !last) {
			break;
		} else {	/* a CR that is not part of a CRLF */
			return decline(t, CL_DECLINE_LONE_CR);
		}
		if (q == p) {	/* read_csv.c skips empty lines */
			t->blank_seen = 1;
		} else {
			if ((size_t)(q - p) > l->max_record)
				return decline(t, CL_DECLINE_RECORD_TOO_LONG);
			if (nfields > l->max_fields)
				return decline(t, CL_DECLINE_TOO_MANY_FIELDS);
			t->fields[n].len = (size_t)(q - t->fields[n].ptr);
			if (nfields > l->ncols + 1) {
				if (wide_row(t, p, (size_t)(q - p)) != 0)
					return -1;	/* wide_row said why */
			} else if (!t->split_only &&
			    count_row(t, p, t->fields, nfields) != 0) {
				return -1;	/* count_row said why */
			}
			note_text(t);
		}
		t->lines++;	/* an LF, or a CRLF */
		p = next;
	}
	return (long)(p - buf);
}

/*
 * Reads and counts the records that start in a task's chunk, reading on
 * past its end for the last one; sets t->end after it, or t->declined.
 */
void
cl_fast_run_task(struct task *t)
{
	uint64_t pos = t->from;         /* file offset of buf[0] */
	size_t have = 0;

	t->end = t->from;
	t->lines = 0;
	t->next_total = 0;
	t->next_footer = 0;
	/* only while it runs: a run of many files has many tasks */
	t->cap = BUF_BYTES;
	t->buf = cl_xmalloc(t->cap + BUF_SLACK);
	while (t->from < t->to &&
	    !atomic_load_explicit(t->stop, memory_order_relaxed)) {
		size_t want = t->cap - have;
		ssize_t got;
		long used;
		int last;

		if (t->spool != NULL && t->eof == UINT64_MAX)
			/* a pipe still coming: a buffer's worth, or its end */
			t->eof = cl_spool_until(t->spool, pos + t->cap);
		if (want > t->eof - pos - have)
			want = (size_t)(t->eof - pos - have);
		got = cl_fast_read_at(t->fd, t->spool, t->eof, t->buf + have,
		    want, pos + have);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0 || (got == 0 && want > 0)) {
			/* a read error, or the file shrank */
			decline(t, CL_DECLINE_READ);
			break;
		}
		have += (size_t)got;
		/* what specials64 reads past the data: defined, and no special */
		memset(t->buf + have, 0, BUF_SLACK);
		last = pos + have == t->eof;
		t->pos = pos;
		used = cl_fast_count_records(t, t->buf, have, (size_t)(t->to - pos),
		    last);
		if (used < 0)
			break;	/* a row to report: t->declined says which */
		if (pos + (uint64_t)used >= t->to ||
		    (last && (size_t)used == have)) {
			t->end = pos + (uint64_t)used;
			if (t->layout->rows != NULL && t->wanted == NULL)
				cl_fast_sort_rows(t);
			free(t->buf);
			t->buf = NULL;
			return;
		}
		if (last) {	/* a record that never ends */
			decline(t, CL_DECLINE_READ);
			break;
		}
		if (used == 0 && have == t->cap) {
			/* a long record: room for it, up to the limit */
			if (t->cap > t->layout->max_record) {
				decline(t, CL_DECLINE_RECORD_TOO_LONG);
				break;
			}
			t->cap *= 2;
			t->buf = cl_xrealloc(t->buf, t->cap + BUF_SLACK);
			continue;
		}
		memmove(t->buf, t->buf + used, have - (size_t)used);
		pos += (uint64_t)used;
		have -= (size_t)used;
	}
	free(t->buf);
	t->buf = NULL;
	if (t->from < t->to) {
		if (t->declined == CL_DECLINE_NONE)	/* t->stop was set */
			t->declined = CL_DECLINE_STOPPED;
		/* a chunk that may start inside quotes says nothing yet */
		if (t->first)
			atomic_store(t->stop, 1);
	}
}

void
cl_fast_task_init(struct task *t, const struct cl_layout *layout)
{
	struct cl_reader_options ropt = { 0 };

	memset(t, 0, sizeof *t);
	t->layout = layout;
	ropt.delimiter = layout->delimiter;
	/* as the general way reads the rest: once a cell was not UTF-8 (it
	 * said so), all text is Windows-1252; while the header has not
	 * shown it, the first cell that is not ASCII decides (fast_file.c
	 * checks that the chunks decided alike); a diff's rows are read
	 * again later, so there UTF-8 it is until the header shows it */
	ropt.encoding = layout->encoding == CL_ENC_WINDOWS_1252 ?
	    CL_ENC_WINDOWS_1252 : layout->encoding == CL_ENC_AUTO &&
	    layout->rows == NULL ? CL_ENC_AUTO : CL_ENC_UTF8;
	ropt.encoding_given = layout->encoding_given;
	ropt.max_record_bytes = layout->max_record;
	ropt.max_fields = layout->max_fields;
	t->reader = cl_reader_new("", &ropt, NULL, NULL, NULL);
	t->undecided = ropt.encoding == CL_ENC_AUTO;
	t->fields = cl_xcalloc(layout->ncols + 1, sizeof *t->fields);
	t->split_only = cl_fast_stages.split_only;
}

void
cl_fast_task_1252(struct task *t)
{
	struct cl_reader_options ropt = { 0 };

	ropt.delimiter = t->layout->delimiter;
	ropt.encoding = CL_ENC_WINDOWS_1252;
	ropt.max_record_bytes = t->layout->max_record;
	ropt.max_fields = t->layout->max_fields;
	cl_reader_free(t->reader);
	t->reader = cl_reader_new("", &ropt, NULL, NULL, NULL);
	t->undecided = 0;
}

void
cl_fast_task_free(struct task *t)
{
	cl_reader_free(t->reader);
	free(t->buf);
	free(t->fields);
	cl_fast_table_free(&t->spellings, free_spelling);
	cl_fast_table_free(&t->names, cl_fast_free_name);
	free(t->tallies);
	cl_buf_free(&t->nfc);
	cl_buf_free(&t->unquoted);
	cl_buf_free(&t->spaced);
	cl_buf_free(&t->id);
	for (size_t i = 0; i < t->nrows; i++)
		free(t->rows[i].id);
	free(t->rows);
	for (size_t i = 0; i < t->ntotals; i++)
		free(t->totals[i].unread);
	free(t->totals);
	for (size_t i = 0; i < t->nfooters; i++)
		free(t->footers[i].text);
	free(t->footers);
	free(t->recs);
	free(t->bin_n);
	free(t->rec_start);
}

int
cl_fast_case_text(struct task *t, struct cl_field f, const char **text,
    size_t *len)
{
	return case_text(t, f, text, len);
}
