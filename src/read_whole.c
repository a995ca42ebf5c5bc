/*
 * read_whole.c - reading a whole input through a source: a regular file,
 * or several, handed to the fast way (fast_file.c) when it can count
 * them, else fed to the source row by row.  A pipe, for a report, is kept
 * in memory as it comes (fast_pipe.c, read on a thread of its own), so
 * that the fast way can count its bytes while they come and the general
 * way can still read them from the start when the fast way declines.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#ifdef __linux__
#include <sys/mman.h>
#endif
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

/*
 * The same for a pipe's bytes, of which the first block is looked at, as
 * feed_header reads a file's, line by line as they come: a line is fed
 * once its line break has come (the same line break the whole block
 * would show first), the block only when it ends the pipe or is whole.
 */
static size_t
feed_header_spool(struct cl_source *s, struct cl_spool *sp)
{
	size_t len = 0;
	uint64_t want = 1;

	for (;;) {
		uint64_t eof = cl_spool_until(sp, want);
		uint64_t have = eof != UINT64_MAX ? eof :
		    cl_spool_wait(sp, want);
		size_t n = have < READ_BYTES ? (size_t)have : READ_BYTES;
		int whole = eof != UINT64_MAX || n == READ_BYTES;
		const char *p, *nl;

		if (n == 0 || cl_spool_span(sp, 0, n, &p) != n)
			return len;	/* an empty pipe (a block is larger
					 * than READ_BYTES) */
		nl = len < n ? memchr(p + len, '\n', n - len) : NULL;
		if (nl == NULL && !whole) {
			want = (uint64_t)n + 1;	/* wait for more */
			continue;
		}
		if (nl == NULL && len > 0)
			return len;	/* a title longer than the block */
		cl_source_feed(s, p + len, nl != NULL ? (size_t)(nl - p) + 1 -
		    len : n - len);
		len = nl != NULL ? (size_t)(nl - p) + 1 : n;
		if (!cl_source_wants_header(s) || (whole && len >= n))
			return len;
	}
}

/* Whether the fast way counted bytes [from, to) of fd (or of a pipe's
 * spool, when not NULL, to its end), after the header that s has read
 * (saying total rows as s would); cl_fast_stages.declined says why not. */
static int
count_rest(struct cl_source *s, int fd, struct cl_spool *spool,
    struct cl_layout *l, uint64_t from, uint64_t to,
    const struct cl_fast_tuning *tune, struct cl_fast_rows *rows)
{
	enum cl_decline why = cl_source_layout(s, l);
	struct cl_fast_input in = { l, fd, from, to, NULL, NULL, 0, spool,
	    NULL, 0 };

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
	uint64_t at = 0;
	const char *p;
	size_t n;
	int error;

	if (tune != NULL && cl_spool_wait(sp, 1) > 0) {
		at = feed_header_spool(s, sp);
		if (cl_spool_wait(sp, at + 1) > at && (*fast = count_rest(s,
		    -1, sp, &l, at, UINT64_MAX, tune, NULL))) {
			while ((n = cl_spool_span(sp, at, READ_BYTES,
			    &p)) > 0) {
				cl_source_hash_bytes(s, p, n);
				at += n;
			}
		}
	}
	while ((n = cl_spool_span(sp, at, READ_BYTES, &p)) > 0) {
		if (cl_source_feed(s, p, n) != CL_OK)
			return 0;
		at += n;
		cl_spool_forget(sp, at);
	}
	cl_spool_length(sp, &error);
	errno = error;
	return error != 0 ? -1 : 0;
}

/*
 * A file that lives in memory only, never on a disk: the decoded text of
 * a case list is about children and must not be left anywhere (a
 * tmpfile(3) in /tmp could be read by others while it exists, and outlive
 * a crash or sit on a disk that is not wiped).  On Linux an anonymous
 * memory file (memfd_create); elsewhere none, and the UTF-16 is read row
 * by row.  That includes the WebAssembly build, whose tmpfile(3) the fast
 * way could not read back as a file (the page said "No such file or
 * directory" of a UTF-16 list).  NULL when there is none.
 */
static FILE *
memory_file(void)
{
#if defined(__linux__) && !defined(__EMSCRIPTEN__)
	int fd = memfd_create("caseload-utf8", MFD_CLOEXEC);
	FILE *f;

	if (fd < 0)
		return NULL;
	if ((f = fdopen(fd, "w+")) == NULL)
		close(fd);
	return f;
#else
	return NULL;
#endif
}

/*
 * A UTF-16 case list with a byte-order mark (from fd, a regular file at
 * its offset, or from sp, a pipe, fd -1), decoded a block at a time as a reader
 * decodes it into a file in memory (memory_file): the UTF-8 it stands for, after a
 * UTF-8 byte-order mark, from which a source reads the same records,
 * lines and text, and which the fast way counts as any other file.
 * Returns that file at its start; or NULL when s may not take
 * it (it decides the encoding itself and hashes nothing), or the input
 * is anything else (not UTF-16, an odd byte, an unpaired surrogate, a
 * read error: the reader of the UTF-16 says where): then the bytes of a
 * pipe are all still in sp, and a file's offset is to be put back.
 */
static FILE *
utf16_as_utf8(struct cl_source *s, int fd, struct cl_spool *sp)
{
	unsigned char *buf = cl_xmalloc(READ_BYTES);
	struct cl_buf out = { 0 };
	FILE *tmp = NULL;
	uint64_t pos = 0;
	size_t have = 0, at = 2;
	int le = 0, ok;

	for (;;) {
		/* the mark first: a list in UTF-8 is read no further */
		size_t want = tmp == NULL ? 4 : READ_BYTES - have, whole;
		ssize_t n;
		long used;

		if (sp != NULL)
			n = (ssize_t)cl_spool_copy(sp, buf + have, want, pos);
		else
			do
				n = read(fd, buf + have, want);
			while (n < 0 && errno == EINTR);
		if (n < 0)
			break;
		pos += (uint64_t)n;
		have += (size_t)n;
		if (tmp == NULL) {
			/* the first block: the mark, and whether s may */
			/* memory_file is NULL on systems without one, which
			 * is all cppcheck sees without __linux__ */
			if (!cl_utf16_mark(buf, have) ||
			    !cl_source_takes_utf8_for_utf16(s) ||
			    /* cppcheck-suppress knownConditionTrueFalse */
			    (tmp = memory_file()) == NULL)
				break;
			le = cl_utf16_mark(buf, have) == 1;
			/* the reader's: a mark right after it is no text */
			if (have >= 4 && (le ? buf[2] | buf[3] << 8 :
			    buf[2] << 8 | buf[3]) == 0xfeff)
				at = 4;
			cl_buf_append(&out, "\xef\xbb\xbf", 3);
		}
		whole = n == 0 ? have - at : (have - at) & ~(size_t)1;
		used = cl_utf16_decode(&out, buf + at, whole, le, n == 0);
		if (used < 0 || fwrite(out.data, 1, out.len, tmp) != out.len)
			break;
		out.len = 0;
		if (n == 0) {
			ok = fflush(tmp) == 0 && fseek(tmp, 0, SEEK_SET) == 0;
			free(buf);
			cl_buf_free(&out);
			if (ok)
				return tmp;
			fclose(tmp);
			return NULL;
		}
		memmove(buf, buf + at + (size_t)used, have - at - (size_t)used);
		have -= at + (size_t)used;
		at = 0;
	}
	free(buf);
	cl_buf_free(&out);
	if (tmp != NULL)
		fclose(tmp);
	return NULL;
}

/*
 * A regular file from offset start (fd there): its header fed to s, the
 * rest counted by the fast way when it can (*fast), else fed to s; 0, or
 * -1 with errno set on a read error.
 */
static int
read_file(struct cl_source *s, int fd, off_t start,
    const struct cl_fast_tuning *tune, int *fast, char *buf)
{
	struct cl_layout l;
	struct stat st;
	long long len;
	off_t at;

	if (fstat(fd, &st) != 0)
		return -1;
	len = feed_header(s, fd, buf);
	if (len < 0)
		return -1;
	at = start + (off_t)len;
	if (at < st.st_size)
		*fast = count_rest(s, fd, NULL, &l, (uint64_t)at,
		    (uint64_t)st.st_size, tune, NULL);
	if (*fast)
		return lseek(fd, 0, SEEK_END) < 0 ? -1 : 0;
	if (lseek(fd, at, SEEK_SET) < 0)
		return -1;
	return feed_rest(s, fd, buf);
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
	struct cl_spool *sp;
	struct stat st;
	off_t start;
	FILE *tmp;
	int rc = 0;

	*fast = 0;
	cl_fast_stages.declined = CL_DECLINE_NONE;
	cl_fast_stages.streamed = 0;
	if (threads > 0 && cl_source_is_cases(s))
		cl_engine_report_only(cl_source_engine(s));
	if ((sp = cl_spool_take(fd)) != NULL) {
		/* read ahead by cl_sources_count_fast, which did not count it */
		rc = feed_spool(s, sp, NULL, fast);
		cl_spool_free(sp);
		free(buf);
		buf = NULL;
	} else if (threads > 0 && cl_source_is_cases(s) && cl_fd_is_pipe(fd)) {
		/* read on a thread of its own while the fast way counts it */
		sp = cl_spool_new(fd);
		if (threads > 1)
			cl_spool_fill_behind(sp);
		else
			cl_spool_fill(sp);
		if ((tmp = utf16_as_utf8(s, -1, sp)) != NULL) {
			/* UTF-16, read as the UTF-8 it stands for */
			rc = read_file(s, fileno(tmp), 0, tune, fast, buf);
			fclose(tmp);
		} else {
			rc = feed_spool(s, sp, tune, fast);
		}
		cl_spool_free(sp);
		free(buf);
		buf = NULL;
	} else if (threads > 0 && cl_source_is_cases(s) && fstat(fd, &st) == 0 &&
	    /* a regular file, read from where fd stands (`< file` may be
	     * past the start) */
	    S_ISREG(st.st_mode) && (start = lseek(fd, 0, SEEK_CUR)) >= 0 &&
	    start < st.st_size) {
		if ((tmp = utf16_as_utf8(s, fd, NULL)) != NULL) {
			/* UTF-16, read as the UTF-8 it stands for */
			rc = read_file(s, fileno(tmp), 0, tune, fast, buf);
			fclose(tmp);
			if (rc == 0 && lseek(fd, 0, SEEK_END) < 0)
				rc = -1;
		} else if (lseek(fd, start, SEEK_SET) != start) {
			rc = -1;
		} else {
			rc = read_file(s, fd, start, tune, fast, buf);
		}
		free(buf);
		buf = NULL;
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
	struct cl_spool **spools = cl_xcalloc(n + 1,
	    sizeof(struct cl_spool *));
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
		struct stat st;
		long long len;
		int pipe = cl_fd_is_pipe(fds[i]);
		cl_date day;
		long days;

		if (pipe) {
			/* read to its end: it is counted from memory, or read
			 * from memory the general way (cl_spool_hold) */
			uint64_t got;
			int error;

			spools[i] = cl_spool_new(fds[i]);
			cl_spool_fill(spools[i]);
			touched = i + 1;
			got = cl_spool_length(spools[i], &error);
			if (got == 0 || error != 0) {
				if (error != 0)
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
			len = (long long)feed_header_spool(src, spools[i]);
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
				(uint64_t)len,
				cl_spool_wait(spools[i], UINT64_MAX),
				NULL, NULL, 0, spools[i], NULL, 0 };
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
		if (spools[i] != NULL) {
			cl_spool_hold(fds[i], spools[i]);
			spools[i] = NULL;
		} else if (lseek(fds[i], start[i], SEEK_SET) != start[i])
			abort();	/* a regular file that was just read */
	}
	for (size_t i = 0; i < n; i++) {
		cl_spool_free(spools[i]);
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
