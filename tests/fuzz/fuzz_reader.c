/*
 * fuzz_reader.c - bytes -> records.
 *
 * The first byte picks a chunk size; the rest is the input.  Feeding it in
 * chunks must give the same records, lines and diagnostics as feeding it
 * whole.  Then, as a differential check of the two splitting paths, the
 * input's first line (without quotes) is read once as it is, which takes
 * the fast path, and once with every field quoted, which takes libcsv: the
 * fields must be identical.
 */
#include "fuzz.h"

static void
read_all(struct transcript *t, const uint8_t *data, size_t size,
    size_t chunk, int delimiter)
{
	struct cl_reader_options opt = { 0 };
	struct cl_reader *r;

	opt.max_record_bytes = 4096;
	opt.max_fields = 64;
	opt.delimiter = delimiter;
	r = cl_reader_new("fuzz", &opt, transcript_record, transcript_diag, t);
	if (chunk == 0)
		chunk = size ? size : 1;
	for (size_t i = 0; i < size; i += chunk)
		cl_reader_feed(r, data + i, size - i < chunk ? size - i : chunk);
	cl_reader_finish(r);
	cl_reader_free(r);
}

static void
check_chunking(const uint8_t *data, size_t size, size_t chunk)
{
	struct transcript whole = { 0 }, parts = { 0 };

	read_all(&whole, data, size, 0, 0);
	read_all(&parts, data, size, chunk, 0);
	if (!transcript_equal(&whole, &parts))
		abort();
	transcript_free(&whole);
	transcript_free(&parts);
}

static void
check_paths_agree(const uint8_t *data, size_t size, char delim)
{
	struct transcript plain = { 0 }, quoted = { 0 };
	struct cl_buf q = { 0 };
	char sep[3] = { '"', delim, '"' };
	size_t len = 0;

	/* "x," first keeps a BOM or UTF-16 look-alike out of the record */
	while (len < size && len < 1000 && data[len] != '\n' &&
	    data[len] != '\r' && data[len] != '"')
		len++;
	cl_buf_append(&q, "\"x", 2);
	cl_buf_append(&q, sep, 3);
	for (size_t i = 0; i < len; i++) {
		if (data[i] == (uint8_t)delim)
			cl_buf_append(&q, sep, 3);
		else
			cl_buf_putc(&q, (char)data[i]);
	}
	cl_buf_putc(&q, '"');
	{
		struct cl_buf p = { 0 };

		cl_buf_putc(&p, 'x');
		cl_buf_putc(&p, delim);
		cl_buf_append(&p, data, len);
		read_all(&plain, (const uint8_t *)p.data, p.len, 0, delim);
		cl_buf_free(&p);
	}
	read_all(&quoted, (const uint8_t *)q.data, q.len, 0, delim);
	if (!transcript_equal(&plain, &quoted))
		abort();
	transcript_free(&plain);
	transcript_free(&quoted);
	cl_buf_free(&q);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	check_chunking(data + 1, size - 1, 1 + data[0] % 64);
	check_paths_agree(data + 1, size - 1, ",;\t|"[data[0] >> 6]);
	return 0;
}
