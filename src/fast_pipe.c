/*
 * fast_pipe.c - a case list on a pipe for the fast way (see fast.h): the
 * pipe is read to its end into memory, and fast_file.c counts those
 * bytes as it counts a file, reading them with memcpy where a file is
 * read with pread.  When the fast way declines, or must read the rows of
 * shared case ids again, the bytes are still there: the general way then
 * reads them from the start, and says exactly what it says today.
 *
 * Why the whole pipe.  A decline may come at any row, and the general
 * way's message for it may need any row before (a case that repeats
 * says the line and points of its first row; a team's case count needs
 * every id of the team).  The fast way keeps none of that, and a pipe
 * cannot be read again, so only its bytes let the general way start
 * over.  They cost one byte a byte, where the general way keeps about
 * four (2.4 GB for a 620 MB list); fast.h says what bounded memory would
 * take.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fast.h"

ssize_t
cl_fast_read_at(int fd, const char *mem, uint64_t size, void *buf,
    size_t want, uint64_t at)
{
	if (mem == NULL)
		return pread(fd, buf, want, (off_t)at);
	if (at >= size)
		return 0;
	if (want > size - at)
		want = (size_t)(size - at);
	memcpy(buf, mem + at, want);
	return (ssize_t)want;
}

int
cl_fd_is_pipe(int fd)
{
	struct stat st;

	return fstat(fd, &st) == 0 && (S_ISFIFO(st.st_mode) ||
	    S_ISSOCK(st.st_mode));
}

#define SPOOL_FIRST ((size_t)4 << 20)
#define SPOOL_READ ((size_t)1 << 20)

void
cl_spool_fill(struct cl_spool *sp, int fd)
{
	size_t cap = SPOOL_FIRST;

	memset(sp, 0, sizeof *sp);
#ifdef F_SETPIPE_SZ
	/* fewer, larger reads: a pipe holds 64 KiB unless asked (a failure
	 * only leaves it so) */
	(void)fcntl(fd, F_SETPIPE_SZ, (int)SPOOL_READ);
#endif
	sp->data = cl_xmalloc(cap);
	for (;;) {
		ssize_t n;

		if (cap - sp->len < SPOOL_READ) {
			/* glibc moves a block this large with mremap, no copy */
			cap *= 2;
			sp->data = cl_xrealloc(sp->data, cap);
		}
		n = read(fd, sp->data + sp->len, cap - sp->len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			sp->error = errno;
			break;
		}
		if (n == 0)
			break;
		sp->len += (size_t)n;
	}
}

void
cl_spool_forget(struct cl_spool *sp, size_t upto)
{
#ifdef MADV_DONTNEED
	long page = sysconf(_SC_PAGESIZE);
	uintptr_t from, to;

	if (page <= 0 || upto > sp->len)
		return;
	from = ((uintptr_t)sp->data + sp->forgotten + (uintptr_t)page - 1) &
	    ~((uintptr_t)page - 1);
	to = ((uintptr_t)sp->data + upto) & ~((uintptr_t)page - 1);
	/* the pages read already go back to the system, and would read as
	 * zeros; the block stays mapped until cl_spool_free */
	if (to > from && madvise((void *)from, to - from, MADV_DONTNEED) == 0)
		sp->forgotten = upto;
#else
	(void)sp;
	(void)upto;
#endif
}

void
cl_spool_free(struct cl_spool *sp)
{
	free(sp->data);
	memset(sp, 0, sizeof *sp);
}

/* ---- pipes read ahead by cl_sources_count_fast ---- */

static struct held {
	int fd;
	struct cl_spool spool;
} *held;
static size_t nheld, cap_held;

void
cl_spool_hold(int fd, struct cl_spool *sp)
{
	if (nheld == cap_held) {
		cap_held = cap_held ? 2 * cap_held : 8;
		held = cl_xrealloc(held, cap_held * sizeof *held);
	}
	held[nheld].fd = fd;
	held[nheld++].spool = *sp;
	memset(sp, 0, sizeof *sp);
}

int
cl_spool_take(int fd, struct cl_spool *sp)
{
	for (size_t i = 0; i < nheld; i++)
		if (held[i].fd == fd) {
			*sp = held[i].spool;
			held[i] = held[--nheld];
			return 1;
		}
	return 0;
}

void
cl_spools_drop(void)
{
	while (nheld > 0)
		cl_spool_free(&held[--nheld].spool);
	free(held);
	held = NULL;
	cap_held = 0;
}
