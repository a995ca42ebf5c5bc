/*
 * util.c - allocation that never returns NULL, buffers, hashing.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

void
cl_out_of_memory(void)
{
	fputs("caseload: out of memory\n", stderr);
	abort();
}

void *
cl_xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (p == NULL)
		cl_out_of_memory();
	return p;
}

void *
cl_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		cl_out_of_memory();
	return p;
}

void *
cl_xrealloc(void *p, size_t size)
{
	void *q = realloc(p, size ? size : 1);

	if (q == NULL)
		cl_out_of_memory();
	return q;
}

char *
cl_xstrndup(const char *s, size_t len)
{
	char *p = cl_xmalloc(len + 1);

	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *
cl_xstrdup(const char *s)
{
	return cl_xstrndup(s, strlen(s));
}

void
cl_buf_reserve(struct cl_buf *b, size_t extra)
{
	size_t need = b->len + extra + 1;

	if (need <= b->cap)
		return;
	if (need < b->len)
		cl_out_of_memory();
	b->cap = b->cap ? b->cap : 64;
	while (b->cap < need)
		b->cap *= 2;
	b->data = cl_xrealloc(b->data, b->cap);
}

void
cl_buf_append(struct cl_buf *b, const void *bytes, size_t len)
{
	cl_buf_reserve(b, len);
	if (len)
		memcpy(b->data + b->len, bytes, len);
	b->len += len;
	b->data[b->len] = '\0';
}

void
cl_buf_putc(struct cl_buf *b, char c)
{
	cl_buf_reserve(b, 1);
	b->data[b->len++] = c;
	b->data[b->len] = '\0';
}

char *
cl_xvasprintf(const char *fmt, va_list ap)
{
	char *text;

	/* clang-analyzer 14 misreads glibc's va_start as leaving ap unset */
	if (vasprintf(&text, fmt, ap) < 0) /* NOLINT(clang-analyzer-valist.Uninitialized) */
		cl_out_of_memory();
	return text;
}

void
cl_buf_vprintf(struct cl_buf *b, const char *fmt, va_list ap)
{
	char *text = cl_xvasprintf(fmt, ap);

	cl_buf_append(b, text, strlen(text));
	free(text);
}

void
cl_buf_printf(struct cl_buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cl_buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void
cl_buf_free(struct cl_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

uint64_t
cl_hash(const void *bytes, size_t len)
{
	const unsigned char *p = bytes;
	uint64_t h = 0xcbf29ce484222325u;

	while (len--) {
		h ^= *p++;
		h *= 0x100000001b3u;
	}
	/* FNV's low bits are weak; a final mix spreads them for masking. */
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdu;
	h ^= h >> 33;
	return h;
}

struct cl_arena_block {
	struct cl_arena_block *next;
	size_t used, size;
	char data[];
};

char *
cl_arena_strndup(struct cl_arena *a, const char *s, size_t len)
{
	struct cl_arena_block *b = a->cur;
	char *p;

	while (b != NULL && b->size - b->used < len + 1) {
		b = b->next;
		if (b != NULL)
			b->used = 0;
	}
	if (b == NULL) {
		size_t size = len + 1 > 4096 ? len + 1 : 4096;

		b = cl_xmalloc(sizeof *b + size);
		b->used = 0;
		b->size = size;
		b->next = NULL;
		if (a->cur == NULL)
			a->head = b;
		else {
			/* append after the last block so none is lost */
			struct cl_arena_block *last = a->cur;

			while (last->next != NULL)
				last = last->next;
			last->next = b;
		}
	}
	a->cur = b;
	p = b->data + b->used;
	memcpy(p, s, len);
	p[len] = '\0';
	b->used += len + 1;
	return p;
}

void
cl_arena_reset(struct cl_arena *a)
{
	a->cur = a->head;
	if (a->cur != NULL)
		a->cur->used = 0;
}

void
cl_arena_free(struct cl_arena *a)
{
	struct cl_arena_block *b = a->head, *next;

	for (; b != NULL; b = next) {
		next = b->next;
		free(b);
	}
	a->head = a->cur = NULL;
}
