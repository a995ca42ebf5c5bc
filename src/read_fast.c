/*
 * read_fast.c - counts a whole case-list file with every core.
 *
 * The general path (read_csv.c -> read_source.c -> engine.c) handles any
 * input one row at a time and remembers every case id.  A large export is
 * almost all plain rows that say nothing, and this file counts those fast:
 *
 *   - the file (after its header) is cut into one chunk per thread, at
 *     line breaks; each thread reads its chunk with pread into its own
 *     buffer, so memory does not grow with the file;
 *   - a record without a quote is split here, 16 bytes at a time; one
 *     with a quote is framed by quote parity, as read_csv.c frames it,
 *     and split by libcsv through cl_reader_split;
 *   - names are looked up by the bytes the file spells them with, so a
 *     worker's name is checked and normalised once per thread;
 *   - case ids are not kept: each one's 64-bit fingerprint is appended
 *     to a bucket (fingerprints.c), and at the end the buckets say
 *     whether any id repeats.
 *
 * It never reports anything.  A row that the general path would warn or
 * complain about (or a repeated id, a quoted line break at a chunk's
 * end, a read error) makes it decline, leaving the engine untouched, and
 * the caller reads the file the general way, which says what is wrong.
 * So both paths give the same report, the same messages and the same
 * exit status; tests/unit/check_read_fast.c compares them.
 */
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

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
	long worker;            /* name->worker, once looked up */
};

/* A name in NFC, once per thread, so equal names are equal pointers. */
struct name {
	uint64_t hash;
	char *text;
	long worker;            /* index in task.workers, or -1 */
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

/* An open-addressing table of pointers with their hashes beside them,
 * so that a probe reads an entry only when the hash matches. */
struct table {
	void **slots;           /* NULL: empty */
	uint64_t *hashes;
	size_t mask, n;
};

struct task {
	const struct cl_layout *layout;
	uint64_t from, to;              /* the chunk: bytes [from, to) */
	atomic_int *stop;               /* set when a task declines */
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
	struct cl_buf nfc;
};

/* ---- tables ---- */

/* The slot for hash h holding an entry that `same` accepts, or the empty
 * slot where it would go. */
static size_t
table_find(struct table *t, uint64_t h, int (*same)(const void *,
    const void *), const void *key)
{
	size_t i;

	if (t->slots == NULL) {
		t->mask = 255;
		t->slots = cl_xcalloc(t->mask + 1, sizeof *t->slots);
		t->hashes = cl_xcalloc(t->mask + 1, sizeof *t->hashes);
	}
	for (i = (size_t)h & t->mask; t->slots[i] != NULL;
	    i = (i + 1) & t->mask)
		if (t->hashes[i] == h && same(t->slots[i], key))
			break;
	return i;
}

static void
table_put(struct table *t, size_t slot, uint64_t h, void *entry)
{
	size_t mask = t->mask * 2 + 1;
	void **slots;
	uint64_t *hashes;

	t->slots[slot] = entry;
	t->hashes[slot] = h;
	if (++t->n * 2 <= t->mask)
		return;
	slots = cl_xcalloc(mask + 1, sizeof *slots);
	hashes = cl_xcalloc(mask + 1, sizeof *hashes);
	for (size_t i = 0; i <= t->mask; i++) {
		size_t j;

		if (t->slots[i] == NULL)
			continue;
		for (j = (size_t)t->hashes[i] & mask; slots[j] != NULL;
		    j = (j + 1) & mask)
			;
		slots[j] = t->slots[i];
		hashes[j] = t->hashes[i];
	}
	free(t->slots);
	free(t->hashes);
	t->slots = slots;
	t->hashes = hashes;
	t->mask = mask;
}

static void
table_free(struct table *t, void (*free_entry)(void *))
{
	for (size_t i = 0; t->slots != NULL && i <= t->mask; i++)
		if (t->slots[i] != NULL)
			free_entry(t->slots[i]);
	free(t->slots);
	free(t->hashes);
}

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

static int
same_name(const void *entry, const void *key)
{
	return strcmp(((const struct name *)entry)->text, key) == 0;
}

static void
free_spelling(void *entry)
{
	free(((struct spelling *)entry)->raw);
	free(entry);
}

static void
free_name(void *entry)
{
	free(((struct name *)entry)->text);
	free(entry);
}

/* ---- names ---- */

static struct name *
intern(struct task *t, const char *text, size_t len)
{
	uint64_t h = cl_fingerprint(text, len);
	size_t slot = table_find(&t->names, h, same_name, text);
	struct name *n = t->names.slots[slot];

	if (n != NULL)
		return n;
	n = cl_xmalloc(sizeof *n);
	n->hash = h;
	n->text = cl_xstrndup(text, len);
	n->worker = -1;
	table_put(&t->names, slot, h, n);
	return n;
}

/*
 * What cell f spells, as read_source.c's name_cell reads it: trimmed,
 * valid UTF-8, in NFC.  NULL when the text is not valid (the general path
 * reports the row).
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
	if (t->spellings.slots != NULL)
		for (size_t i = (size_t)h & t->spellings.mask;
		    (s = t->spellings.slots[i]) != NULL;
		    i = (i + 1) & t->spellings.mask)
			if (t->spellings.hashes[i] == h && same_spelling(s, &f))
				return s;
	slot = table_find(&t->spellings, h, same_spelling, &f);
	text = cl_reader_text(t->reader, f, &len, &why);
	if (text == NULL)
		return NULL;
	s = cl_xcalloc(1, sizeof *s);
	s->hash = h;
	s->raw = cl_xstrndup(f.ptr, f.len);
	s->len = f.len;
	s->worker = -1;
	if (len > 0 && cl_has_non_ascii(text, len)) {
		s->respelled = cl_nfc(&t->nfc, text, len);
		s->name = intern(t, t->nfc.data, t->nfc.len);
	} else if (len > 0) {
		s->name = intern(t, text, len);
	}
	cl_reader_forget_texts(t->reader);
	table_put(&t->spellings, slot, h, s);
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

/* A row's points, as read_source.c's case_points finds them. */
static int
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
		    points) == NULL ? 0 : -1;
	if (l->config == NULL)
		return -1;
	category = cl_reader_text(t->reader, f[l->category], &len, &why);
	hit = category != NULL && len > 0 ? cl_named_find(l->config->categories,
	    l->config->ncategories, category) : NULL;
	cl_reader_forget_texts(t->reader);
	if (hit == NULL)
		return -1;
	*points = hit->value;
	return 0;
}

/* Whether none of the 8 bytes in w is NUL or above 0x7f. */
static int
ascii8(uint64_t w)
{
	const uint64_t ones = 0x0101010101010101u, highs = ones << 7;

	return ((w | ((w - ones) & ~w)) & highs) == 0;
}

/* The fingerprint of a row's case id: 1, 0 for no id, -1 for bad text. */
static int
case_print(struct task *t, struct cl_field f, uint64_t *fp)
{
	const unsigned char *p = (const unsigned char *)f.ptr;
	const char *why, *text;
	size_t i, len;

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
		*fp = cl_fingerprint(f.ptr, f.len);
		return 1;
	}
	if ((text = cl_reader_text(t->reader, f, &len, &why)) == NULL)
		return -1;
	*fp = cl_fingerprint(text, len);
	cl_reader_forget_texts(t->reader);
	return len > 0;
}

/* Counts one record; -1 when the general path would say something. */
static int
count_row(struct task *t, const struct cl_field *f, size_t n)
{
	const struct cl_layout *l = t->layout;
	const struct spelling *worker, *team = NULL;
	struct tally *w;
	cl_dec points;
	uint64_t fp = 0;
	int has_id = 0;

	if (blank_row(f, n))
		return 0;
	if (n != l->ncols)
		return -1;
	worker = spelling_of(t, f[l->worker]);
	if (worker == NULL || worker->name == NULL)
		return -1;
	if (worker->worker < 0)
		((struct spelling *)worker)->worker = tally_of(t,
		    worker->name) - t->tallies;
	if (row_points(t, f, &points) != 0)
		return -1;
	if (l->case_id >= 0 && (has_id = case_print(t, f[l->case_id],
	    &fp)) < 0)
		return -1;
	w = &t->tallies[worker->worker];
	if (l->team >= 0) {
		struct cl_field tf = f[l->team];

		/* a worker's rows mostly name the team of its first row */
		team = w->team_spelling;
		if ((team == NULL || !same_spelling(team, &tf)) &&
		    (team = spelling_of(t, tf)) == NULL)
			return -1;
		if (w->team_spelling == NULL)
			w->team_spelling = team;
	}

	w->spellings |= worker->respelled ? 2u : 1u;
	if (w->spellings == 3)
		return -1;
	if (team != NULL && team->name != NULL) {
		if (w->team == NULL)
			w->team = team->name;
		else if (w->team != team->name)
			return -1;
	}
	w->points += (u128)points;
	if (has_id) {
		w->with_id++;
		cl_prints_add(&t->prints, fp);
	} else {
		w->without_id++;
	}
	return 0;
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
	size_t n;

	for (q = p; q < end; q++) {
		if (*q == '"')
			in_quotes = !in_quotes;
		else if (!in_quotes && (*q == '\n' || *q == '\r'))
			break;
	}
	if (q == end) {
		if (!last)
			return p;
		if (in_quotes)
			return NULL;	/* never closed, or cut at a chunk */
		next = end;
	} else if (*q == '\n') {
		next = q + 1;
	} else if (q + 1 < end && q[1] == '\n') {
		next = q + 2;
	} else {
		return q + 1 == end && !last ? p : NULL;  /* CR alone */
	}
	if ((size_t)(q - p) > t->layout->max_record ||
	    cl_reader_split(t->reader, p, (size_t)(q - p), &f, &n) != 0 ||
	    count_row(t, f, n) != 0)
		return NULL;
	return next;
}

/*
 * Counts the records that are complete in [buf, buf + len); with `last`,
 * the bytes end the chunk.  Returns how many bytes it used, or -1 to
 * decline.
 */
static long
count_records(struct task *t, const char *buf, size_t len, int last)
{
	const struct cl_layout *l = t->layout;
	const char *p = buf, *end = buf + len;
	struct scanner sc = { buf, end, 0, l->delimiter };

	scan_at(&sc, p);
	while (p < end) {
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
				return -1;
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
		} else {
			return -1;	/* a CR that is not part of a CRLF */
		}
		if (q > p) {	/* read_csv.c skips empty lines */
			if ((size_t)(q - p) > l->max_record ||
			    nfields > l->max_fields)
				return -1;
			t->fields[n].len = (size_t)(q - t->fields[n].ptr);
			if (nfields > l->ncols + 1) {
				/* too many fields: only a blank line is fine */
				for (const char *c = p; c < q; c++)
					if (*c != l->delimiter && *c != ' ' &&
					    *c != '\t')
						return -1;
			} else if (count_row(t, t->fields, nfields) != 0) {
				return -1;
			}
		}
		p = next;
	}
	return (long)(p - buf);
}

/* Reads and counts a task's chunk; sets t->declined when it gives up. */
static void *
run_task(void *arg)
{
	struct task *t = arg;
	uint64_t pos = t->from;         /* file offset of buf[0] */
	size_t have = 0;

	while (!atomic_load_explicit(t->stop, memory_order_relaxed)) {
		size_t want = t->cap - have;
		ssize_t got;
		long used;
		int last;

		if (want > t->to - pos - have)
			want = (size_t)(t->to - pos - have);
		got = pread(t->fd, t->buf + have, want, (off_t)(pos + have));
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0 || (got == 0 && want > 0))
			break;	/* a read error, or the file shrank */
		have += (size_t)got;
		/* what specials64 reads past the data: defined, and no special */
		memset(t->buf + have, 0, BUF_SLACK);
		last = pos + have == t->to;
		used = count_records(t, t->buf, have, last);
		if (used < 0)
			break;	/* a row to report */
		if (used == 0 && have == t->cap) {
			/* a long record: room for it, up to the limit */
			if (t->cap > t->layout->max_record)
				break;
			t->cap *= 2;
			t->buf = cl_xrealloc(t->buf, t->cap + BUF_SLACK);
			continue;
		}
		if (last) {
			t->declined = (size_t)used != have;
			return NULL;
		}
		memmove(t->buf, t->buf + used, have - (size_t)used);
		pos += (uint64_t)used;
		have -= (size_t)used;
	}
	t->declined = 1;
	atomic_store(t->stop, 1);
	return NULL;
}

/* ---- chunks ---- */

/* Where the first line after offset `at` starts, or `to` if none does. */
static uint64_t
line_after(int fd, uint64_t at, uint64_t to)
{
	char window[65536];

	while (at < to) {
		size_t want = sizeof window;
		ssize_t got;
		const char *nl;

		if (want > to - at)
			want = (size_t)(to - at);
		got = pread(fd, window, want, (off_t)at);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			return to;
		if ((nl = memchr(window, '\n', (size_t)got)) != NULL)
			return at + (uint64_t)(nl - window) + 1;
		at += (uint64_t)got;
	}
	return to;
}

static void
task_free(struct task *t)
{
	cl_reader_free(t->reader);
	free(t->buf);
	free(t->fields);
	table_free(&t->spellings, free_spelling);
	table_free(&t->names, free_name);
	free(t->tallies);
	cl_prints_free(&t->prints);
	cl_buf_free(&t->nfc);
}

struct check {
	struct cl_prints **sets;
	size_t nsets, from, to;
	int repeat;
};

static void *
run_check(void *arg)
{
	struct check *c = arg;

	c->repeat = cl_prints_repeat(c->sets, c->nsets, c->from, c->to);
	return NULL;
}

/* Whether any case id repeats across the tasks, with n threads. */
static int
ids_repeat(struct task *tasks, size_t ntasks)
{
	struct cl_prints *sets[MAX_THREADS];
	struct check checks[MAX_THREADS];
	pthread_t threads[MAX_THREADS];
	size_t nbuckets = (size_t)1 << tasks[0].prints.bits;
	size_t n = ntasks < nbuckets ? ntasks : nbuckets;
	int started[MAX_THREADS] = { 0 }, repeat = 0;

	if (n == 0)
		return 0;
	for (size_t i = 0; i < ntasks; i++)
		sets[i] = &tasks[i].prints;
	for (size_t i = 0; i < n; i++) {
		checks[i] = (struct check){ sets, ntasks, nbuckets * i / n,
			nbuckets * (i + 1) / n, 0 };
		if (i > 0)
			started[i] = pthread_create(&threads[i], NULL,
			    run_check, &checks[i]) == 0;
		if (i > 0 && !started[i])
			run_check(&checks[i]);
	}
	run_check(&checks[0]);
	for (size_t i = 0; i < n; i++) {
		if (started[i])
			pthread_join(threads[i], NULL);
		repeat |= checks[i].repeat;
	}
	return repeat;
}

/* The tasks' tallies, merged in order of first row; NULL to decline. */
static struct cl_bulk *
merge(struct task *tasks, size_t ntasks, size_t *nout)
{
	struct table seen = { 0 };
	struct cl_bulk *out = NULL;
	size_t n = 0, cap = 0;
	u128 total = 0;
	int ok = 1;

	for (size_t k = 0; k < ntasks && ok; k++)
		for (size_t i = 0; i < tasks[k].ntallies && ok; i++) {
			const struct tally *w = &tasks[k].tallies[i];
			const char *team = w->team ? w->team->text : NULL;
			size_t slot = table_find(&seen, w->name->hash,
			    same_name, w->name->text);
			struct cl_bulk *b;
			u128 points;

			if (seen.slots[slot] == NULL) {
				struct name *key;

				if (n == cap) {
					cap = cap ? 2 * cap : 64;
					out = cl_xrealloc(out, cap * sizeof *out);
				}
				b = &out[n];
				memset(b, 0, sizeof *b);
				b->worker = w->name->text;
				b->team = team;
				key = cl_xmalloc(sizeof *key);
				*key = *w->name;
				key->text = cl_xstrdup(w->name->text);
				key->worker = (long)n++;
				table_put(&seen, slot, key->hash, key);
			} else {
				b = &out[((struct name *)seen.slots[slot])->worker];
				if (b->team == NULL)
					b->team = team;
				else if (team != NULL && strcmp(b->team, team) != 0)
					ok = 0;
			}
			b->spellings |= w->spellings;
			b->with_id += w->with_id;
			b->without_id += w->without_id;
			points = (u128)(uint64_t)b->points + w->points;
			total += w->points;
			if (b->spellings == 3 || points > INT64_MAX ||
			    total > INT64_MAX)
				ok = 0;
			else
				b->points = (cl_dec)points;
		}
	table_free(&seen, free_name);
	if (!ok) {
		free(out);
		return NULL;
	}
	*nout = n;
	return out;
}

/* ---- the whole file ---- */

int
cl_fast_count(struct cl_engine *engine, const struct cl_layout *layout,
    int fd, uint64_t from, uint64_t to, unsigned threads, uint64_t min_chunk)
{
	struct task tasks[MAX_THREADS];
	pthread_t ids[MAX_THREADS];
	int started[MAX_THREADS] = { 0 };
	struct cl_reader_options ropt = { 0 };
	atomic_int stop = 0;
	size_t ntasks = 0, nbulk = 0;
	struct cl_bulk *bulk = NULL;
	int counted = 0, declined = 0;

	if (threads > MAX_THREADS)
		threads = MAX_THREADS;
	if (threads == 0)
		threads = 1;
	ropt.delimiter = layout->delimiter;
	ropt.encoding = CL_ENC_UTF8;
	ropt.max_record_bytes = layout->max_record;
	ropt.max_fields = layout->max_fields;
	memset(tasks, 0, sizeof tasks);
	for (uint64_t at = from; at < to && ntasks < threads; ntasks++) {
		struct task *t = &tasks[ntasks];
		uint64_t left = threads - ntasks, step = (to - at) / left;
		uint64_t end = to;

		if (left > 1 && step > 0 && step >= min_chunk)
			end = line_after(fd, at + step - 1, to);
		t->layout = layout;
		t->fd = fd;
		t->from = at;
		t->to = end;
		t->stop = &stop;
		t->reader = cl_reader_new("", &ropt, NULL, NULL, NULL);
		t->cap = BUF_BYTES;
		t->buf = cl_xmalloc(t->cap + BUF_SLACK);
		t->fields = cl_xcalloc(layout->ncols + 1, sizeof *t->fields);
		cl_prints_init(&t->prints, (to - from) / 48);
		at = end;
	}
	for (size_t i = 1; i < ntasks; i++)
		started[i] = pthread_create(&ids[i], NULL, run_task,
		    &tasks[i]) == 0;
	for (size_t i = 1; i < ntasks; i++)
		if (!started[i])
			run_task(&tasks[i]);
	if (ntasks > 0)
		run_task(&tasks[0]);
	for (size_t i = 0; i < ntasks; i++) {
		if (started[i])
			pthread_join(ids[i], NULL);
		declined |= tasks[i].declined;
	}
	if (!declined && (ntasks == 0 || !ids_repeat(tasks, ntasks)) &&
	    (bulk = merge(tasks, ntasks, &nbulk)) != NULL) {
		size_t i = 0;

		while (i < nbulk && cl_engine_bulk_is_quiet(engine, &bulk[i]))
			i++;
		if (i == nbulk) {
			for (i = 0; i < nbulk; i++)
				cl_engine_add_bulk(engine, &bulk[i]);
			counted = 1;
		}
	}
	free(bulk);
	for (size_t i = 0; i < ntasks; i++)
		task_free(&tasks[i]);
	return counted;
}
