/*
 * fast_pipe.c - a case list on a pipe for the fast way (see fast.h): the
 * pipe's bytes are kept in blocks, read on a thread of their own, and
 * fast_file.c counts them as they come, as it counts a file, reading them
 * with memcpy where a file is read with pread.  When the fast way
 * declines, or must read the rows of shared case ids again, the bytes are
 * still there: the general way then reads them from the start, and says
 * exactly what it says of the file.
 *
 * Why the whole pipe.  A decline may come at any row, and the general
 * way's message for it may need any row before (a case that repeats
 * says the line and points of its first row; a team's case count needs
 * every id of the team).  The fast way keeps none of that, and a pipe
 * cannot be read again, so only its bytes let the general way start
 * over.  They cost one byte a byte, where the general way keeps about
 * four (2.4 GB for a 620 MB list); fast.h says what bounded memory would
 * take.
 *
 * Blocks, not one growing buffer: a task may read bytes while more come,
 * so what has come never moves.  A block is mapped with its pages
 * already there (MAP_POPULATE), one system call for what would be a page
 * fault every 4 KiB.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fast.h"

#define BLOCK_SHIFT 22                          /* 4 MiB blocks */
#define BLOCK_BYTES ((size_t)1 << BLOCK_SHIFT)
#define READ_MOST ((size_t)1 << 20)             /* a pipe's size asked for */

struct cl_spool {
	int fd;
	pthread_mutex_t lock;
	pthread_cond_t came;            /* more bytes, or the end */
	/* under lock, but for the reader's own use of len and blocks */
	char **blocks;
	size_t nblocks, cap_blocks;
	uint64_t len;
	int ended, error;
	int waiting;                    /* threads waiting in came */
	/* of the general way's reading, on one thread */
	size_t forgotten;               /* blocks given back */
	pthread_t reader;
	int behind;                     /* reader runs */
};

ssize_t
cl_fast_read_at(int fd, struct cl_spool *spool, uint64_t size, void *buf,
    size_t want, uint64_t at)
{
	if (spool == NULL)
		return pread(fd, buf, want, (off_t)at);
	if (at >= size)
		return 0;
	if (want > size - at)
		want = (size_t)(size - at);
	return (ssize_t)cl_spool_copy(spool, buf, want, at);
}

int
cl_fd_is_pipe(int fd)
{
	struct stat st;

	return fstat(fd, &st) == 0 && (S_ISFIFO(st.st_mode) ||
	    S_ISSOCK(st.st_mode));
}

struct cl_spool *
cl_spool_new(int fd)
{
	struct cl_spool *sp = cl_xcalloc(1, sizeof *sp);

	sp->fd = fd;
	pthread_mutex_init(&sp->lock, NULL);
	pthread_cond_init(&sp->came, NULL);
	return sp;
}

/* The first block is left to fault its pages in as they are written, so
 * that a short list does not pay for 4 MiB. */
static char *
new_block(int populate)
{
#ifdef MAP_ANONYMOUS
	int flags = MAP_PRIVATE | MAP_ANONYMOUS;
	void *p;

#ifdef MAP_POPULATE
	if (populate)
		flags |= MAP_POPULATE;
#else
	(void)populate;
#endif
	p = mmap(NULL, BLOCK_BYTES, PROT_READ | PROT_WRITE, flags, -1, 0);
	if (p == MAP_FAILED)
		cl_out_of_memory();
	return p;
#else
	(void)populate;
	return cl_xmalloc(BLOCK_BYTES);
#endif
}

static void
free_block(char *p)
{
#ifdef MAP_ANONYMOUS
	(void)munmap(p, BLOCK_BYTES);
#else
	free(p);
#endif
}

/* One read into the last block; 0 at the end of the pipe. */
static int
read_some(struct cl_spool *sp)
{
	size_t off = (size_t)(sp->len & (BLOCK_BYTES - 1));
	size_t block = (size_t)(sp->len >> BLOCK_SHIFT);
	ssize_t n;

	if (block == sp->nblocks) {
		char *p = new_block(sp->nblocks > 0);

		pthread_mutex_lock(&sp->lock);
		if (sp->nblocks == sp->cap_blocks) {
			sp->cap_blocks = sp->cap_blocks ? 2 * sp->cap_blocks :
			    64;
			sp->blocks = cl_xrealloc(sp->blocks,
			    sp->cap_blocks * sizeof *sp->blocks);
		}
		sp->blocks[sp->nblocks++] = p;
		pthread_mutex_unlock(&sp->lock);
	}
	do
		n = read(sp->fd, sp->blocks[block] + off, BLOCK_BYTES - off);
	while (n < 0 && errno == EINTR);
	pthread_mutex_lock(&sp->lock);
	if (n > 0)
		sp->len += (uint64_t)n;
	else
		sp->ended = 1;
	if (n < 0)
		sp->error = errno;
	if (sp->waiting)
		pthread_cond_broadcast(&sp->came);
	pthread_mutex_unlock(&sp->lock);
	return n > 0;
}

void
cl_spool_fill(struct cl_spool *sp)
{
#ifdef F_SETPIPE_SZ
	/* fewer, larger reads: a pipe holds 64 KiB unless asked (a failure
	 * only leaves it so) */
	(void)fcntl(sp->fd, F_SETPIPE_SZ, (int)READ_MOST);
#endif
	while (read_some(sp))
		;
}

static void *
fill(void *arg)
{
	cl_spool_fill(arg);
	return NULL;
}

void
cl_spool_fill_behind(struct cl_spool *sp)
{
	if (pthread_create(&sp->reader, NULL, fill, sp) == 0)
		sp->behind = 1;
	else
		cl_spool_fill(sp);
}

uint64_t
cl_spool_wait(struct cl_spool *sp, uint64_t upto)
{
	uint64_t len;

	pthread_mutex_lock(&sp->lock);
	while (sp->len < upto && !sp->ended) {
		sp->waiting++;
		pthread_cond_wait(&sp->came, &sp->lock);
		sp->waiting--;
	}
	len = sp->len;
	pthread_mutex_unlock(&sp->lock);
	return len;
}

uint64_t
cl_spool_until(struct cl_spool *sp, uint64_t upto)
{
	uint64_t len;
	int ended;

	cl_spool_wait(sp, upto);
	pthread_mutex_lock(&sp->lock);
	len = sp->len;
	ended = sp->ended;
	pthread_mutex_unlock(&sp->lock);
	return ended ? len : UINT64_MAX;
}

uint64_t
cl_spool_length(struct cl_spool *sp, int *error)
{
	uint64_t len = cl_spool_wait(sp, UINT64_MAX);

	pthread_mutex_lock(&sp->lock);
	*error = sp->error;
	pthread_mutex_unlock(&sp->lock);
	return len;
}

size_t
cl_spool_span(struct cl_spool *sp, uint64_t at, size_t most,
    const char **p)
{
	uint64_t len = cl_spool_wait(sp, at + most);
	size_t off = (size_t)(at & (BLOCK_BYTES - 1)), n;

	if (len <= at) {
		*p = NULL;
		return 0;
	}
	n = BLOCK_BYTES - off;
	if (n > len - at)
		n = (size_t)(len - at);
	if (n > most)
		n = most;
	pthread_mutex_lock(&sp->lock);
	*p = sp->blocks[at >> BLOCK_SHIFT] + off;
	pthread_mutex_unlock(&sp->lock);
	return n;
}

size_t
cl_spool_copy(struct cl_spool *sp, void *buf, size_t want, uint64_t at)
{
	size_t done = 0;

	while (done < want) {
		const char *p;
		size_t n = cl_spool_span(sp, at + done, want - done, &p);

		if (n == 0)
			break;
		memcpy((char *)buf + done, p, n);
		done += n;
	}
	return done;
}

void
cl_spool_forget(struct cl_spool *sp, uint64_t upto)
{
	size_t whole = (size_t)(upto >> BLOCK_SHIFT);

	/* only the general way's reader forgets, and it reads what has
	 * come: the blocks before `upto` are not touched by the filler */
	pthread_mutex_lock(&sp->lock);
	for (; sp->forgotten < whole && sp->forgotten < sp->nblocks;
	    sp->forgotten++) {
		free_block(sp->blocks[sp->forgotten]);
		sp->blocks[sp->forgotten] = NULL;
	}
	pthread_mutex_unlock(&sp->lock);
}

void
cl_spool_free(struct cl_spool *sp)
{
	if (sp == NULL)
		return;
	if (sp->behind)
		pthread_join(sp->reader, NULL);
	for (size_t i = sp->forgotten; i < sp->nblocks; i++)
		free_block(sp->blocks[i]);
	free(sp->blocks);
	pthread_mutex_destroy(&sp->lock);
	pthread_cond_destroy(&sp->came);
	free(sp);
}

/* ---- pipes read ahead by cl_sources_count_fast ---- */

static struct held {
	int fd;
	struct cl_spool *spool;
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
	held[nheld++].spool = sp;
}

struct cl_spool *
cl_spool_take(int fd)
{
	for (size_t i = 0; i < nheld; i++)
		if (held[i].fd == fd) {
			struct cl_spool *sp = held[i].spool;

			held[i] = held[--nheld];
			return sp;
		}
	return NULL;
}

void
cl_spools_drop(void)
{
	while (nheld > 0)
		cl_spool_free(held[--nheld].spool);
	free(held);
	held = NULL;
	cap_held = 0;
}
