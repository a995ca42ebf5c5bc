/*
 * read_whole.c - reading a whole input through a source: a regular file,
 * or several, handed to the fast way (fast_file.c) when it can count
 * them, else fed to the source row by row.  A pipe, for a report, is read
 * to its end first (fast_pipe.c), so that the fast way can count its
 * bytes and the general way can still read them from the start when the
 * fast way declines.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"

#define READ_BYTES ((size_t)1 << 20)
#define FAST_MIN_CHUNK ((uint64_t)1 << 20)     /* bytes a thread gets */

/* Feeds fd from its current offset to its end; 0, or -1 on a read error. */
static int
feed_rest(struct cl_source *s, int fd, char *buf)
{
	for (;;) {
		ssize_t n = read(fd, buf, READ_BYTES);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0 || cl_source_feed(s, buf, (size_t)n) != CL_OK)
			return 0;	/* the end, or a structural error */
	}
}

/*
 * Feeds the first line (the header, in every file fast_file.c can take),
 * and the lines after it while the source looks for the header below a
 * title and they are in the first block (buf, n bytes); returns the
 * offset after them.  When the block holds no line break, it is fed
 * whole.
 */
static size_t
feed_header_bytes(struct cl_source *s, const char *buf, size_t n)
{
	const char *nl;
	size_t len = 0;

	do {
		nl = memchr(buf + len, '\n', n - len);
		if (nl == NULL && len > 0)
			break;	/* a title longer than the block: as before */
		cl_source_feed(s, buf + len, nl != NULL ? (size_t)(nl - buf) + 1 -
		    len : n);
		len = nl != NULL ? (size_t)(nl - buf) + 1 : n;
	} while (len < n && cl_source_wants_header(s));
	return len;
}

/* The same for fd: reads its first block into buf; the offset after the
 * header, or -1 on a read error. */
static long long
feed_header(struct cl_source *s, int fd, char *buf)
{
	ssize_t n;

	do
		n = read(fd, buf, READ_BYTES);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return -1;
	return (long long)feed_header_bytes(s, buf, (size_t)n);
}

/* The same for a pipe's bytes, of which the first block is looked at, as
 * feed_header reads a file's. */
static size_t
feed_header_spool(struct cl_source *s, const struct cl_spool *sp)
{
	return feed_header_bytes(s, sp->data, sp->len < READ_BYTES ? sp->len :
	    READ_BYTES);
}

/* Whether the fast way counted bytes [from, to) of fd (or of mem, a
 * pipe's bytes, when not NULL), after the header that s has read (saying
 * total rows as s would); cl_fast_stages.declined says why not. */
static int
count_rest(struct cl_source *s, int fd, const char *mem, struct cl_layout *l,
    uint64_t from, uint64_t to, const struct cl_fast_tuning *tune,
    struct cl_fast_rows *rows)
{
	enum cl_decline why = cl_source_layout(s, l);
	struct cl_fast_input in = { l, fd, from, to, NULL, NULL, 0, mem, NULL,
	    0 };

	l->rows = rows;
	cl_source_fast_input(s, &in);
	if (!why)
		why = cl_fast_count(cl_source_engine(s), &in, 1, tune->threads,
		    tune->min_chunk);
	cl_fast_stages.declined = why;
	return !why;
}

/*
 * Feeds a pipe's bytes, counted by the fast way after the header when
 * `tune` allows and it can; 0, or -1 with errno set when the pipe ended
 * with a read error (as feed_rest: not after a structural error, which
 * stops the reading).
 */
static int
feed_spool(struct cl_source *s, struct cl_spool *sp,
    const struct cl_fast_tuning *tune, int *fast)
{
	struct cl_layout l;
	size_t at = 0;

	if (tune != NULL && sp->len > 0) {
		at = feed_header_spool(s, sp);
		if (at < sp->len && (*fast = count_rest(s, -1, sp->data, &l, at,
		    sp->len, tune, NULL))) {
			cl_source_hash_bytes(s, sp->data + at, sp->len - at);
			at = sp->len;
		}
	}
	while (at < sp->len) {
		size_t n = sp->len - at < READ_BYTES ? sp->len - at : READ_BYTES;

		if (cl_source_feed(s, sp->data + at, n) != CL_OK)
			return 0;
		at += n;
		cl_spool_forget(sp, at);
	}
	errno = sp->error;
	return sp->error != 0 ? -1 : 0;
}

/*
 * Decodes a UTF-16 input with its byte-order mark, in[0..len) and then
 * what is left in fd (-1: nothing), into out as the UTF-8, after a UTF-8
 * byte-order mark, that a reader would decode: fed to a source, that
 * reads the same records, lines and text.  0, or -1 when it is anything
 * else (an odd byte, an unpaired surrogate, a read error), which the
 * reader of the UTF-16 reports in its own words.
 */
static int
utf16_decode(struct cl_buf *out, const unsigned char *in, size_t len,
    int fd)
{
	int le = cl_utf16_mark(in, len) == 1;
	unsigned char *buf = NULL;
	size_t have = len, at = 2;
	int rc = 0;

	cl_buf_append(out, "\xef\xbb\xbf", 3);
	/* the reader's: a mark right after the mark is no text either */
	if (len >= 4 && (le ? in[2] | in[3] << 8 : in[2] << 8 | in[3]) == 0xfeff)
		at = 4;
	if (fd >= 0) {
		buf = cl_xmalloc(READ_BYTES);
		memcpy(buf, in, len);
		in = buf;
	}
	for (;;) {
		ssize_t n = 0;
		size_t whole;
		long used;

		if (fd >= 0) {
			do
				n = read(fd, buf + have, READ_BYTES - have);
			while (n < 0 && errno == EINTR);
			if (n < 0) {
				rc = -1;
				break;
			}
			have += (size_t)n;
		}
		whole = n == 0 ? have - at : (have - at) & ~(size_t)1;
		used = cl_utf16_decode(out, in + at, whole, le, n == 0);
		if (used < 0) {
			rc = -1;
			break;
		}
		if (n == 0)
			break;
		memmove(buf, buf + at + (size_t)used, have - at - (size_t)used);
		have -= at + (size_t)used;
		at = 0;
	}
	free(buf);
	return rc;
}

/* A UTF-16 case list from a pipe (its bytes in sp): the UTF-8 that s's
 * reader would decode, for the fast way to count (fast_file.c reads
 * UTF-8).  Leaves sp as it was when it cannot, or s may not take it. */
static void
utf16_as_utf8(struct cl_source *s, struct cl_spool *sp)
{
	struct cl_buf b = { 0 };

	if (sp->error != 0 ||
	    !cl_utf16_mark((const unsigned char *)sp->data, sp->len) ||
	    !cl_source_takes_utf8_for_utf16(s))
		return;
	if (utf16_decode(&b, (const unsigned char *)sp->data, sp->len,
	    -1) != 0) {
		cl_buf_free(&b);
		return;
	}
	cl_spool_free(sp);
	sp->data = b.data;
	sp->len = b.len;
}

/* The same for fd, a regular file that starts a UTF-16 case list at
 * `start`, read and decoded a block at a time: 1 with *sp holding it,
 * else 0 with fd back at start (-1 when it cannot be put back). */
static int
utf16_file(struct cl_source *s, int fd, off_t start, struct cl_spool *sp)
{
	unsigned char head[4];
	struct cl_buf b = { 0 };
	ssize_t n;

	memset(sp, 0, sizeof *sp);
	do
		n = read(fd, head, sizeof head);
	while (n < 0 && errno == EINTR);
	if (n > 0 && cl_utf16_mark(head, (size_t)n) &&
	    cl_source_takes_utf8_for_utf16(s) &&
	    utf16_decode(&b, head, (size_t)n, fd) == 0) {
		sp->data = b.data;
		sp->len = b.len;
		return 1;
	}
	cl_buf_free(&b);
	return lseek(fd, start, SEEK_SET) == start ? 0 : -1;
}

int
cl_source_read_fd(struct cl_source *s, int fd, int *fatal)
{
	struct cl_fast_tuning tune = { 0, FAST_MIN_CHUNK };
	int fast;

	return cl_source_read_fd_with(s, fd, &tune, &fast, fatal);
}

/*
 * The threads a whole-input count may use.  CL_NO_THREADS (defined by the
 * WebAssembly build, make web, which has no pthreads) counts on this
 * thread alone: with one thread, fast_file.c never starts another.
 */
static unsigned
count_threads(void)
{
#ifdef CL_NO_THREADS
	return 1;
#else
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);

	return cpus > 0 ? (unsigned)cpus : 1;
#endif
}

struct cl_fast_tuning
cl_fast_tuning_for_report(void)
{
	struct cl_fast_tuning tune = { count_threads(), FAST_MIN_CHUNK };

	return tune;
}

int
cl_source_read_fd_for_report(struct cl_source *s, int fd, int *fatal)
{
	struct cl_fast_tuning tune = { count_threads(), FAST_MIN_CHUNK };
	int fast;

	return cl_source_read_fd_with(s, fd, &tune, &fast, fatal);
}

int
cl_source_read_fd_with(struct cl_source *s, int fd,
    const struct cl_fast_tuning *tune, int *fast, int *fatal)
{
	unsigned threads = tune->threads;
	char *buf = cl_xmalloc(READ_BYTES);
	struct cl_spool sp;
	struct stat st;
	struct cl_layout l;
	off_t start;
	int rc = 0, utf16;

	*fast = 0;
	cl_fast_stages.declined = CL_DECLINE_NONE;
	if (threads > 0 && cl_source_is_cases(s))
		cl_engine_report_only(cl_source_engine(s));
	if (cl_spool_take(fd, &sp)) {
		/* read ahead by cl_sources_count_fast, which did not count it */
		rc = feed_spool(s, &sp, NULL, fast);
		cl_spool_free(&sp);
		free(buf);
		buf = NULL;
	} else if (threads > 0 && cl_source_is_cases(s) && cl_fd_is_pipe(fd)) {
		cl_spool_fill(&sp, fd);
		utf16_as_utf8(s, &sp);
		rc = feed_spool(s, &sp, tune, fast);
		cl_spool_free(&sp);
		free(buf);
		buf = NULL;
	} else if (threads > 0 && cl_source_is_cases(s) && fstat(fd, &st) == 0 &&
	    /* a regular file, read from where fd stands (`< file` may be
	     * past the start) */
	    S_ISREG(st.st_mode) && (start = lseek(fd, 0, SEEK_CUR)) >= 0 &&
	    start < st.st_size && (utf16 = utf16_file(s, fd, start, &sp)) != 0) {
		/* UTF-16, read into memory as the UTF-8 it stands for */
		rc = utf16 < 0 ? -1 : feed_spool(s, &sp, tune, fast);
		cl_spool_free(&sp);
		free(buf);
		buf = NULL;
	} else if (threads > 0 && cl_source_is_cases(s) && fstat(fd, &st) == 0 &&
	    S_ISREG(st.st_mode) && (start = lseek(fd, 0, SEEK_CUR)) >= 0 &&
	    start < st.st_size) {
		long long len = feed_header(s, fd, buf);
		off_t at = start + (off_t)len;

		if (len >= 0 && at < st.st_size)
			*fast = count_rest(s, fd, NULL, &l, (uint64_t)at,
			    (uint64_t)st.st_size, tune, NULL);
		if (len < 0)
			rc = -1;
		else if (*fast)
			rc = lseek(fd, 0, SEEK_END) < 0 ? -1 : 0;
		else
			rc = lseek(fd, at, SEEK_SET) < 0 ? -1 : 0;
	}
	if (rc == 0 && buf != NULL)
		rc = feed_rest(s, fd, buf);
	free(buf);
	if (rc != 0) {
		int saved = errno;

		*fatal = 1;
		errno = saved;
		return CL_ENOINPUT;
	}
	return cl_source_finish(s, fatal);
}

int
cl_source_count_fast_file(struct cl_source *s, int fd,
    const struct cl_fast_tuning *tune, struct cl_fast_rows *rows)
{
	struct cl_layout l;
	struct stat st;
	off_t start;
	long long len;
	char *buf;
	int counted = 0;

	cl_fast_stages.declined = CL_DECLINE_NONE;
	if (tune->threads == 0 || !cl_source_is_cases(s) ||
	    fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
	    (start = lseek(fd, 0, SEEK_CUR)) < 0 || start >= st.st_size)
		return 0;
	cl_engine_report_only(cl_source_engine(s));
	buf = cl_xmalloc(READ_BYTES);
	len = feed_header(s, fd, buf);
	if (len >= 0 && start + (off_t)len < st.st_size)
		counted = count_rest(s, fd, NULL, &l, (uint64_t)(start + len),
		    (uint64_t)st.st_size, tune, rows);
	free(buf);
	return counted;
}

/* What a header said, kept to be said once its list is counted. */
struct heard {
	struct cl_diag *v;
	size_t n, cap;
};

static void
hear_diag(void *ctx, const struct cl_diag *d)
{
	struct heard *h = ctx;

	if (h->n == h->cap) {
		h->cap = h->cap ? 2 * h->cap : 4;
		h->v = cl_xrealloc(h->v, h->cap * sizeof *h->v);
	}
	h->v[h->n] = *d;
	h->v[h->n].file = d->file != NULL ? cl_xstrdup(d->file) : NULL;
	h->v[h->n++].message = cl_xstrdup(d->message);
}

static void
heard_free(struct heard *h)
{
	for (size_t i = 0; i < h->n; i++) {
		free((char *)h->v[i].file);
		free((char *)h->v[i].message);
	}
	free(h->v);
}

int
cl_sources_count_fast(struct cl_engine *engine, const char *const *names,
    const int *fds, size_t n, const struct cl_reader_options *options)
{
	struct cl_fast_tuning tune = { count_threads(), FAST_MIN_CHUNK };

	return cl_sources_count_fast_with(engine, names, fds, n, options,
	    &tune);
}

int
cl_sources_count_fast_with(struct cl_engine *engine,
    const char *const *names, const int *fds, size_t n,
    const struct cl_reader_options *options,
    const struct cl_fast_tuning *tune)
{
	return cl_sources_count_fast_rows(engine, names, fds, n, options,
	    tune, NULL);
}

int
cl_sources_count_fast_rows(struct cl_engine *engine,
    const char *const *names, const int *fds, size_t n,
    const struct cl_reader_options *options,
    const struct cl_fast_tuning *tune, struct cl_fast_rows *rows)
{
	struct cl_layout *layouts = cl_xcalloc(n + 1, sizeof *layouts);
	struct cl_fast_input *in = cl_xcalloc(n + 1, sizeof *in);
	struct cl_spool *spools = cl_xcalloc(n + 1, sizeof *spools);
	struct heard *heard = cl_xcalloc(n + 1, sizeof *heard);
	struct cl_msg *msgs = cl_xcalloc(n + 1, sizeof *msgs);
	off_t *start = cl_xcalloc(n + 1, sizeof *start);
	char *buf = cl_xmalloc(READ_BYTES);
	size_t touched = 0;
	enum cl_decline why = tune->threads == 0 ? CL_DECLINE_NONE :
	    cl_engine_has_rows(engine) ? CL_DECLINE_ROWS_BEFORE :
	    CL_DECLINE_NONE;
	int ok = tune->threads > 0 && !why;
	int counted = 0;

	/* as cl_source_read_fd_for_report, whether or not they are counted
	 * here */
	if (tune->threads > 0)
		cl_engine_report_only(engine);

	for (size_t i = 0; i < n && ok; i++) {
		const struct cl_targets targets = { 0 };
		struct cl_engine *scratch;
		struct cl_source *src;
		struct cl_spool *sp = &spools[i];
		struct stat st;
		long long len;
		int pipe = cl_fd_is_pipe(fds[i]);
		cl_date day;
		long days;

		if (pipe) {
			/* read to its end: it is counted from memory, or read
			 * from memory the general way (cl_spool_hold) */
			cl_spool_fill(sp, fds[i]);
			touched = i + 1;
			if (sp->len == 0 || sp->error != 0) {
				if (sp->error != 0)
					why = CL_DECLINE_READ;
				ok = 0;
				break;
			}
		} else if (fstat(fds[i], &st) != 0 || !S_ISREG(st.st_mode) ||
		    (start[i] = lseek(fds[i], 0, SEEK_CUR)) < 0 ||
		    start[i] >= st.st_size) {
			ok = 0;	/* not a file to try: no rule */
			break;
		}
		touched = i + 1;
		/* The header is read through a source on an engine of its
		 * own: the first line read may hold records too (ended by a
		 * CR), which must not reach this engine before the general
		 * way reads them again.  What the header says (a title, the
		 * encoding) is kept, and said in the order of the lists once
		 * all are counted; else the general way says it in its turn. */
		scratch = cl_engine_new(&targets, hear_diag, &heard[i]);
		if (cl_engine_config(engine) != NULL)
			cl_engine_use_config(scratch, cl_engine_config(engine));
		/* so that a header with follow-up columns says the fast way
		 * cannot count it (cl_source_layout) */
		if (cl_engine_followups_day(engine, &day, &days))
			cl_engine_use_followups(scratch, day, days);
		src = cl_source_cases(scratch, names[i], options, hear_diag,
		    &heard[i]);
		if (pipe)
			len = (long long)feed_header_spool(src, sp);
		else
			len = feed_header(src, fds[i], buf);
		why = len < 0 ? CL_DECLINE_READ : cl_source_layout(src,
		    &layouts[i]);
		ok = !why;
		layouts[i].config = cl_engine_config(engine);
		layouts[i].case_limit = cl_engine_case_limit(engine);
		layouts[i].rows = rows;
		/* total rows and footers are said where the engine says
		 * things, after the header's messages */
		cl_engine_msg_init(engine, &msgs[i]);
		if (pipe)
			in[i] = (struct cl_fast_input){ &layouts[i], -1,
				(uint64_t)len, sp->len, NULL, NULL, 0,
				sp->data, NULL, 0 };
		else
			in[i] = (struct cl_fast_input){ &layouts[i], fds[i],
				(uint64_t)(start[i] + len), (uint64_t)st.st_size,
				NULL, NULL, 0, NULL, NULL, 0 };
		cl_source_fast_input(src, &in[i]);
		in[i].msg = &msgs[i];
		in[i].name = names[i];
		in[i].before = heard[i].v;
		in[i].nbefore = heard[i].n;
		cl_source_free(src);
		cl_engine_free(scratch);
	}
	if (ok)
		counted = !(why = cl_fast_count(engine, in, n, tune->threads,
		    tune->min_chunk));
	cl_fast_stages.declined = why;
	for (size_t i = 0; i < touched && !counted; i++) {
		if (spools[i].data != NULL)
			cl_spool_hold(fds[i], &spools[i]);
		else if (lseek(fds[i], start[i], SEEK_SET) != start[i])
			abort();	/* a regular file that was just read */
	}
	for (size_t i = 0; i < n; i++) {
		cl_spool_free(&spools[i]);
		heard_free(&heard[i]);
		cl_msg_free(&msgs[i]);
	}
	free(heard);
	free(msgs);
	free(spools);
	free(layouts);
	free(in);
	free(start);
	free(buf);
	return counted;
}
