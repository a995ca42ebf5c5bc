/*
 * check_read_csv.c - the reader: bytes to records.
 *
 * Every run is turned into a transcript, one line per record ("LINE: f1|f2")
 * and per diagnostic ("#FILE:LINE: severity: message"), ending in the
 * status ("=> 0"), so that runs are compared as whole strings.
 */
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "suites.h"

#define S(literal) literal, sizeof literal - 1

struct capture {
	struct cl_buf out;
	int as_text;            /* fields through cl_reader_text */
	long stop_after;        /* ask to stop after this many records */
	long records;
};

/* Appends bytes with line breaks, tabs, NUL, '|' and '\' made visible. */
static void
put_visible(struct cl_buf *b, const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		switch (p[i]) {
		case '\r': cl_buf_append(b, "\\r", 2); break;
		case '\n': cl_buf_append(b, "\\n", 2); break;
		case '\t': cl_buf_append(b, "\\t", 2); break;
		case '\0': cl_buf_append(b, "\\0", 2); break;
		case '|': cl_buf_append(b, "\\|", 2); break;
		case '\\': cl_buf_append(b, "\\\\", 2); break;
		default: cl_buf_putc(b, p[i]);
		}
	}
}

/* The fields as text ("!why" when there is none), all fetched before any
 * is used, so a later call must not spoil an earlier text. */
static void
put_texts(struct cl_buf *line, struct cl_reader *r, const struct cl_field *f,
    size_t n)
{
	const char **texts = cl_xcalloc(n, sizeof *texts);
	const char **whys = cl_xcalloc(n, sizeof *whys);
	size_t *lens = cl_xcalloc(n, sizeof *lens);

	for (size_t i = 0; i < n; i++)
		texts[i] = cl_reader_text(r, f[i], &lens[i], &whys[i]);
	for (size_t i = 0; i < n; i++) {
		cl_buf_putc(line, i == 0 ? ' ' : '|');
		if (texts[i] == NULL) {
			ck_assert_ptr_nonnull(whys[i]);
			cl_buf_putc(line, '!');
			cl_buf_append(line, whys[i], strlen(whys[i]));
			continue;
		}
		ck_assert_uint_eq(strlen(texts[i]), lens[i]);
		put_visible(line, texts[i], lens[i]);
	}
	free(texts);
	free(whys);
	free(lens);
}

static int
on_record(void *ctx, struct cl_reader *r, long line,
    const struct cl_field *f, size_t n)
{
	struct capture *c = ctx;
	struct cl_buf text = { 0 };
	char head[32];

	/* Built apart, so a note the fields cause comes before the record. */
	snprintf(head, sizeof head, "%ld:", line);
	cl_buf_append(&text, head, strlen(head));
	if (c->as_text) {
		put_texts(&text, r, f, n);
	} else {
		for (size_t i = 0; i < n; i++) {
			cl_buf_putc(&text, i == 0 ? ' ' : '|');
			put_visible(&text, f[i].ptr, f[i].len);
		}
	}
	cl_buf_putc(&text, '\n');
	cl_buf_append(&c->out, text.data, text.len);
	cl_buf_free(&text);
	c->records++;
	return c->stop_after > 0 && c->records >= c->stop_after;
}

/* The note of a last line without a line break. */
#define NB(line) "#in.csv:" #line ": note: the file ends without a line " \
	"break: if it was still being written, it is cut here\n"

static void
on_diag(void *ctx, const struct cl_diag *d)
{
	static const char *const severity[] = { "note", "warning", "error" };
	struct capture *c = ctx;
	char *text = test_asprintf("#%s:%ld: %s: %s\n", d->file, d->line,
	    severity[d->severity], d->message);

	cl_buf_append(&c->out, text, strlen(text));
	free(text);
}

struct run {
	const struct cl_reader_options *options;
	int as_text;
	size_t chunk;           /* 0: all at once; else the (largest) size */
	uint64_t *rng;          /* random chunk sizes 0..chunk when set */
	int delimiter;          /* out: cl_reader_delimiter at the end */
};

/* Feeds in[0..len) as run says; returns the transcript (caller frees). */
static char *
transcript(const char *in, size_t len, struct run *run)
{
	struct capture c = { .as_text = run->as_text };
	struct cl_reader *r = cl_reader_new("in.csv", run->options,
	    on_record, on_diag, &c);
	size_t at = 0;
	int failed = CL_OK, rc;
	char end[32];

	while (at < len) {
		size_t n = run->chunk == 0 ? len - at : run->rng == NULL ?
		    run->chunk : test_random_between(run->rng, 0, run->chunk);

		if (n > len - at)
			n = len - at;
		rc = cl_reader_feed(r, in + at, n);
		if (failed != CL_OK)
			ck_assert_int_eq(rc, failed);	/* errors stick */
		failed = rc;
		at += n;
	}
	rc = cl_reader_finish(r);
	if (failed != CL_OK)
		ck_assert_int_eq(rc, failed);
	snprintf(end, sizeof end, "=> %d\n", rc);
	cl_buf_append(&c.out, end, strlen(end));
	run->delimiter = cl_reader_delimiter(r);
	cl_reader_free(r);
	return c.out.data;
}

static void
expect_run(const char *in, size_t len, struct run *run, const char *expected)
{
	char *got = transcript(in, len, run);

	ck_assert_str_eq(got, expected);
	free(got);
}

/* Whole, then byte by byte: both must give `expected`. */
static void
expect_opts(const char *in, size_t len, const struct cl_reader_options *o,
    int as_text, const char *expected)
{
	struct run whole = { o, as_text, 0, NULL, 0 };
	struct run bytes = { o, as_text, 1, NULL, 0 };

	expect_run(in, len, &whole, expected);
	expect_run(in, len, &bytes, expected);
}

static void
expect(const char *in, size_t len, const char *expected)
{
	expect_opts(in, len, NULL, 0, expected);
}

static void
expect_text(const char *in, size_t len, const char *expected)
{
	expect_opts(in, len, NULL, 1, expected);
}

START_TEST(line_ends)
{
	expect(S("a,b\r\nc,d\r\n"), "1: a|b\n2: c|d\n=> 0\n");
	expect(S("a,b\nc,d\n"), "1: a|b\n2: c|d\n=> 0\n");
	expect(S("a,b\rc,d\r"), "1: a|b\n2: c|d\n=> 0\n");
	expect(S("a\r\nb\nc\rd\n\re"),
	    "1: a\n2: b\n3: c\n4: d\n6: e\n" NB(6) "=> 0\n");
}
END_TEST

START_TEST(blank_lines_are_skipped_but_counted)
{
	expect(S("\n\na,b\n\n\r\n\rc,d\n\n"), "3: a|b\n7: c|d\n=> 0\n");
	expect(S("\r\n\r\n"), "=> 0\n");
	expect(S(""), "=> 0\n");
}
END_TEST

START_TEST(last_record_without_line_break)
{
	expect(S("a,b\nc,d"), "1: a|b\n2: c|d\n" NB(2) "=> 0\n");
	expect(S("a,b\r"), "1: a|b\n=> 0\n");
	expect(S("a\n\"b\""), "1: a\n2: b\n" NB(2) "=> 0\n");
	expect(S("a"), "1: a\n" NB(1) "=> 0\n");
	expect(S("ab"), "1: ab\n" NB(1) "=> 0\n");
	expect(S("a,"), "1: a|\n" NB(1) "=> 0\n");
}
END_TEST

START_TEST(last_record_waits_for_finish)
{
	struct capture c = { 0 };
	struct cl_reader *r = cl_reader_new("in.csv", NULL, on_record,
	    on_diag, &c);

	ck_assert_int_eq(cl_reader_feed(r, S("a,b\nc,d")), CL_OK);
	ck_assert_int_eq(c.records, 1);
	ck_assert_int_eq(cl_reader_finish(r), CL_OK);
	ck_assert_int_eq(c.records, 2);
	ck_assert_str_eq(c.out.data, "1: a|b\n2: c|d\n" NB(2));
	ck_assert_str_eq(cl_reader_name(r), "in.csv");
	cl_reader_free(r);
	cl_buf_free(&c.out);
	cl_reader_free(NULL);
}
END_TEST

START_TEST(quoted_fields)
{
	expect(S("\"a,b\",\"say \"\"hi\"\"\",c\n\"\",x,\"\"\n"),
	    "1: a,b|say \"hi\"|c\n2: |x|\n=> 0\n");
	expect(S("\"\"\"\"\n\"\"\n"), "1: \"\n2: \n=> 0\n");
	expect(S("plain,\"q\"\r\n"), "1: plain|q\n=> 0\n");
}
END_TEST

START_TEST(line_breaks_inside_quotes_count)
{
	expect(S("h1,h2\n\"x\ny\",1\nnext,2\n\"p\r\nq\",3\r\nr,4\r\n"
	    "\"s\rt\",5\rlast,6"),
	    "1: h1|h2\n2: x\\ny|1\n4: next|2\n5: p\\r\\nq|3\n7: r|4\n"
	    "8: s\\rt|5\n10: last|6\n" NB(10) "=> 0\n");
	expect(S("\"a\n\nb\",c\nd,e"),
	    "1: a\\n\\nb|c\n4: d|e\n" NB(4) "=> 0\n");
	expect(S("\"a\r\n\r\n\",b\r\n\r\nc"),
	    "1: a\\r\\n\\r\\n|b\n5: c\n" NB(5) "=> 0\n");
}
END_TEST

START_TEST(stops_when_asked)
{
	struct capture c = { .stop_after = 1 };
	struct cl_reader *r = cl_reader_new("in.csv", NULL, on_record,
	    on_diag, &c);

	ck_assert_int_eq(cl_reader_feed(r, S("a\nb\n")), CL_OK);
	ck_assert_int_eq(cl_reader_feed(r, S("c\nd")), CL_OK);
	ck_assert_int_eq(cl_reader_finish(r), CL_OK);
	ck_assert_str_eq(c.out.data, "1: a\n");
	cl_reader_free(r);
	cl_buf_free(&c.out);
}
END_TEST

/* The delimiter sniffed from in (fed whole), and the transcript. */
static int
sniffed(const char *in, size_t len, const char *expected)
{
	struct run whole = { NULL, 0, 0, NULL, 0 };

	expect_run(in, len, &whole, expected);
	return whole.delimiter;
}

START_TEST(delimiter_is_sniffed_from_the_header)
{
	ck_assert_int_eq(sniffed(S("a;b;c\n1;2;3\n"),
	    "1: a|b|c\n2: 1|2|3\n=> 0\n"), ';');
	ck_assert_int_eq(sniffed(S("a\tb\n1\t2\n"), "1: a|b\n2: 1|2\n=> 0\n"),
	    '\t');
	ck_assert_int_eq(sniffed(S("a|b\n1|2\n"), "1: a|b\n2: 1|2\n=> 0\n"),
	    '|');
	ck_assert_int_eq(sniffed(S("a,b\n1,2\n"), "1: a|b\n2: 1|2\n=> 0\n"),
	    ',');
	ck_assert_int_eq(sniffed(S("solo\n1,5\n"), "1: solo\n2: 1|5\n=> 0\n"),
	    ',');
	ck_assert_int_eq(sniffed(S("a;b,c;d\n"), "1: a|b,c|d\n=> 0\n"), ';');
	/* delimiters inside quotes do not count */
	ck_assert_int_eq(sniffed(S("\"x;y;z\",a,b\n"), "1: x;y;z|a|b\n=> 0\n"),
	    ',');
}
END_TEST

START_TEST(delimiter_can_be_forced)
{
	struct cl_reader_options o = { .delimiter = ';' };
	struct run whole = { &o, 0, 0, NULL, 0 };

	expect_opts(S("a,b;c\n1,5;2\n"), &o, 0, "1: a,b|c\n2: 1,5|2\n=> 0\n");
	expect_run(S("a,b;c\n"), &whole, "1: a,b|c\n=> 0\n");
	ck_assert_int_eq(whole.delimiter, ';');
	o.delimiter = '\t';
	expect_opts(S("a;b\tc\n"), &o, 0, "1: a;b|c\n=> 0\n");
}
END_TEST

START_TEST(quoted_fields_use_the_delimiter_in_force)
{
	struct cl_reader_options o = { .delimiter = '|' };

	expect(S("a;b\n\"x;y\";z\n\"q\"\"\";\"\"\n"),
	    "1: a|b\n2: x;y|z\n3: q\"|\n=> 0\n");
	expect(S("a\tb\n\"x\ty\"\t\"1,5\"\n"), "1: a|b\n2: x\\ty|1,5\n=> 0\n");
	expect_opts(S("a,b|\"c|d\"\n"), &o, 0, "1: a,b|c\\|d\n=> 0\n");
}
END_TEST

START_TEST(utf8_bom_is_stripped)
{
	expect(S("\xef\xbb\xbfworker,points\nA,1\n"),
	    "1: worker|points\n2: A|1\n=> 0\n");
	expect(S("\xef\xbb\xbf\"worker\",points\n"), "1: worker|points\n=> 0\n");
	expect(S("\xef\xbb\xbf"), "=> 0\n");
	expect_text(S("\xef\xbb\xbfn\xc3\xa6vn\n"), "1: n\xc3\xa6vn\n=> 0\n");
}
END_TEST

/* utf8 as UTF-16 (with iconv, independent of the library), BOM first if
 * asked; the caller frees. */
static char *
utf16(const char *utf8, int big_endian, int bom, size_t *len)
{
	iconv_t cd = iconv_open(big_endian ? "UTF-16BE" : "UTF-16LE", "UTF-8");
	size_t in_left = strlen(utf8), cap = 4 * in_left + 4, out_left;
	char *out = cl_xmalloc(cap), *op = out, *ip = (char *)utf8;

	ck_assert(cd != (iconv_t)-1);
	if (bom) {
		*op++ = big_endian ? '\xfe' : '\xff';
		*op++ = big_endian ? '\xff' : '\xfe';
	}
	out_left = cap - (size_t)(op - out);
	ck_assert(iconv(cd, &ip, &in_left, &op, &out_left) != (size_t)-1);
	ck_assert_uint_eq(in_left, 0);
	iconv_close(cd);
	*len = (size_t)(op - out);
	return out;
}

static const char excel_unicode_text[] =
    "worker\tpoints\r\nS\xc3\xb8ren \xf0\x9f\x98\x80\t7,5\r\n\r\n"
    "\xe4\xb8\xad\xe6\x96\x87\t1\r\n";
static const char excel_unicode_records[] =
    "1: worker|points\n2: S\xc3\xb8ren \xf0\x9f\x98\x80|7,5\n"
    "4: \xe4\xb8\xad\xe6\x96\x87|1\n=> 0\n";

static void
expect_utf16(int big_endian, int bom, const char *expected)
{
	size_t len;
	char *in = utf16(excel_unicode_text, big_endian, bom, &len);

	expect(in, len, expected);
	expect_text(in, len, expected);
	free(in);
}

START_TEST(utf16_with_bom)
{
	expect_utf16(0, 1, excel_unicode_records);
	expect_utf16(1, 1, excel_unicode_records);
}
END_TEST

START_TEST(utf16_without_bom_is_read_with_a_note)
{
	char *le = test_asprintf("#in.csv:0: note: no byte-order mark, but the "
	    "text looks like UTF-16LE; reading it as such\n%s",
	    excel_unicode_records);
	char *be = test_asprintf("#in.csv:0: note: no byte-order mark, but the "
	    "text looks like UTF-16BE; reading it as such\n%s",
	    excel_unicode_records);

	expect_utf16(0, 0, le);
	expect_utf16(1, 0, be);
	free(le);
	free(be);
}
END_TEST

START_TEST(utf16_unpaired_surrogate_is_not_text)
{
	/* "a,<D83D>b\n" in UTF-16LE */
	expect_text(S("\xff\xfe" "a\0,\0\x3d\xd8" "b\0\n\0"),
	    "1: a|!is not valid UTF-16 (an unpaired surrogate)\n=> 0\n");
}
END_TEST

START_TEST(utf32_is_refused)
{
	expect(S("\xff\xfe\0\0w\0\0\0\n\0\0\0"),
	    "#in.csv:0: error: is UTF-32 text, which caseload does not read: "
	    "save it as UTF-8 or UTF-16\n=> 65\n");
	expect(S("\0\0\xfe\xff\0\0\0w\0\0\0\n"),
	    "#in.csv:0: error: is UTF-32 text, which caseload does not read: "
	    "save it as UTF-8 or UTF-16\n=> 65\n");
}
END_TEST

START_TEST(unterminated_quote)
{
	expect(S("a,b\nc,\"open\n"),
	    "1: a|b\n#in.csv:2: error: quoted field is never closed\n=> 65\n");
	expect(S("w,p\nA,1\nB,\"2\nC,3\nD,4\n"), "1: w|p\n2: A|1\n"
	    "#in.csv:3: error: quoted field is never closed\n=> 65\n");
	/* the record starts on line 2, the quote that never closes on 3 */
	expect(S("w,p\n\"multi\nline\",\"open\nrest\n"),
	    "1: w|p\n#in.csv:3: error: quoted field is never closed\n=> 65\n");
}
END_TEST

START_TEST(unterminated_quote_in_a_long_file)
{
	/* the quote on line 3 swallows more than the record limit */
	struct cl_reader_options o = { .max_record_bytes = 64 };
	struct cl_buf in = { 0 };

	cl_buf_append(&in, S("w,p\nA,1\nB,\"2\n"));
	for (int i = 0; i < 40; i++)
		cl_buf_append(&in, S("W,1\n"));
	expect_opts(in.data, in.len, &o, 0, "1: w|p\n2: A|1\n"
	    "#in.csv:3: error: quoted field is never closed\n=> 65\n");
	cl_buf_free(&in);
}
END_TEST

START_TEST(text_after_closing_quote)
{
	expect(S("w,p\nA,\"1\"x\nB,2\n"), "1: w|p\n#in.csv:2: error: text "
	    "after a closing quote (column 2 of the record)\n=> 65\n");
	/* a record over two lines: the line where it starts */
	expect(S("w,p\n\"a\nb\"x,1\nB,2\n"), "1: w|p\n#in.csv:2: error: text "
	    "after a closing quote (column 1 of the record)\n=> 65\n");
	expect(S("\"a\" ,b\n"), "#in.csv:1: error: text after a closing quote "
	    "(column 1 of the record)\n=> 65\n");
}
END_TEST

START_TEST(quote_inside_unquoted_field)
{
	expect(S("w,p\nA,5\" screen\nB,2\n"), "1: w|p\n#in.csv:2: error: "
	    "quote inside an unquoted field (column 2 of the record)\n=> 65\n");
	expect(S("w,p\nA,\"x\"\nab\"c\"d,1\n"), "1: w|p\n2: A|x\n#in.csv:3: "
	    "error: quote inside an unquoted field (column 1 of the record)\n"
	    "=> 65\n");
}
END_TEST

START_TEST(spreadsheet_text_formula_cells)
{
	/* ="00123" is read as 00123, with one note a file, on its line;
	 * "" inside stays a quote, in any column, with ; too */
	expect(S("id,w\n=\"00123\",Bo\nS2,=\"I\"\"b\"\n=\"\",Al\n"),
	    "1: id|w\n#in.csv:2: note: a cell written =\"...\" (a "
	    "spreadsheet's way to keep text such as 00123) is read as the "
	    "text in the quotes\n2: 00123|Bo\n3: S2|I\"b\n4: |Al\n=> 0\n");
	expect(S("id;w;p\n=\"1;2\";\"x\";=\"7\"\n"),
	    "1: id|w|p\n#in.csv:2: note: a cell written =\"...\" (a "
	    "spreadsheet's way to keep text such as 00123) is read as the "
	    "text in the quotes\n2: 1;2|x|7\n=> 0\n");
	/* as CSV libraries write the cell ="00123": "=""00123""" */
	expect(S("id;w\nS1;Bo\n\"=\"\"00123\"\"\";\"=\"\"1;2\"\"\"\n"
	    "\"=\"\"a\"\"b\"\"\";Al\n"),
	    "1: id|w\n2: S1|Bo\n#in.csv:3: note: a cell written =\"...\" (a "
	    "spreadsheet's way to keep text such as 00123) is read as the "
	    "text in the quotes\n3: 00123|1;2\n4: =\"a\"b\"|Al\n=> 0\n");
	expect(S("id,w\nS1,\"=\"\"x\"\"\"\n"), "1: id|w\n#in.csv:2: note: a "
	    "cell written =\"...\" (a spreadsheet's way to keep text such as "
	    "00123) is read as the text in the quotes\n2: S1|x\n=> 0\n");
	/* not all of the cell, or a formula: the quote error it always was */
	expect(S("id,w\n=\"00123\"x,Bo\n"), "1: id|w\n#in.csv:2: error: "
	    "quote inside an unquoted field (column 1 of the record)\n"
	    "=> 65\n");
	expect(S("id,w\n=HYPERLINK(\"x\"),Bo\n"), "1: id|w\n#in.csv:2: "
	    "error: quote inside an unquoted field (column 1 of the record)\n"
	    "=> 65\n");
	expect(S("id,w\n=\"0012,Bo\n"), "1: id|w\n#in.csv:2: error: quote "
	    "inside an unquoted field (column 1 of the record)\n=> 65\n");
}
END_TEST

START_TEST(record_longer_than_the_limit)
{
	struct cl_reader_options o = { .max_record_bytes = 10 };

	expect_opts(S("0123456789\n01234567890\nok\n"), &o, 0,
	    "1: 0123456789\n#in.csv:2: error: record is longer than 10 bytes "
	    "(raise the limit with --max-record-size)\n=> 65\n");
	expect_opts(S("ok\n\"0123\n5678\"\nok\n"), &o, 0,
	    "1: ok\n#in.csv:2: error: record is longer than 10 bytes "
	    "(raise the limit with --max-record-size)\n=> 65\n");
	expect_opts(S("ok\r\n\"01\r\n5678\"\r\n"), &o, 0,
	    "1: ok\n2: 01\\r\\n5678\n=> 0\n");
}
END_TEST

START_TEST(record_with_too_many_fields)
{
	struct cl_reader_options o = { .max_fields = 3 };

	expect_opts(S("a,b,c\na,b,c,d\n"), &o, 0, "1: a|b|c\n#in.csv:2: error: "
	    "record has more than 3 fields (raise the limit with "
	    "--max-fields)\n=> 65\n");
	expect_opts(S("a,b,c\n\"a\",b,c,d\n"), &o, 0, "1: a|b|c\n#in.csv:2: "
	    "error: record has more than 3 fields (raise the limit with "
	    "--max-fields)\n=> 65\n");
	expect_opts(S("a,,\n\"\",\"\",\"\"\n"), &o, 0, "1: a||\n2: ||\n=> 0\n");
}
END_TEST

START_TEST(files_that_are_not_text_are_refused)
{
	expect(S("PK\x03\x04\x14\0\x06\0\x08\0\0\0!\0garbage\nmore\n"),
	    "#in.csv:0: error: is a zip archive (an Excel .xlsx workbook?), "
	    "not CSV text: save it from Excel as CSV\n=> 65\n");
	expect(S("<!DOCTYPE html>\n<html><body>x</body></html>\n"),
	    "#in.csv:0: error: is an HTML or XML page, not CSV text\n=> 65\n");
	expect(S("  <html lang=\"da\"><head>\n"),
	    "#in.csv:0: error: is an HTML or XML page, not CSV text\n=> 65\n");
	expect(S("worker\0,points\nA,1\n"), "#in.csv:0: error: holds NUL "
	    "bytes in its first line: a binary file, not CSV text\n=> 65\n");
	expect(S("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"),
	    "#in.csv:0: error: is a PDF document, not CSV text\n=> 65\n");
}
END_TEST

START_TEST(text_is_trimmed)
{
	expect_text(S("  a b\t,\t c ,   \n\" q \",x\n"),
	    "1: a b|c|\n2: q|x\n=> 0\n");
}
END_TEST

START_TEST(windows_1252_is_detected_once)
{
	expect_text(S("w,p\nS\xf8ren,1\nB\xe6k,2\n\xc5se,3\n"),
	    "1: w|p\n#in.csv:2: note: not valid UTF-8; reading the file as "
	    "Windows-1252 (say --encoding windows-1252 to skip this note)\n"
	    "2: S\xc3\xb8ren|1\n3: B\xc3\xa6k|2\n"
	    "4: \xc3\x85se|3\n=> 0\n");
	expect_text(S("w;p\r\nx;\x80 5\r\n"), "1: w|p\n#in.csv:2: note: not "
	    "valid UTF-8; reading the file as Windows-1252 (say --encoding "
	    "windows-1252 to skip this note)\n"
	    "2: x|\xe2\x82\xac 5\n=> 0\n");
}
END_TEST

START_TEST(invalid_utf8_after_utf8_was_decided)
{
	expect_text(S("w,p\nS\xc3\xb8ren,1\nS\xf8ren,2\n"),
	    "1: w|p\n2: S\xc3\xb8ren|1\n3: !is not valid UTF-8|2\n=> 0\n");
	expect_text(S("\xef\xbb\xbfw,p\nS\xf8ren,2\n"),
	    "1: w|p\n2: !is not valid UTF-8|2\n=> 0\n");
}
END_TEST

START_TEST(nul_byte_is_not_text)
{
	expect_text(S("w,p\na\0b,1\n"), "1: w|p\n2: !contains a NUL byte|1\n"
	    "=> 0\n");
	expect(S("w,p\na\0b,1\n"), "1: w|p\n2: a\\0b|1\n=> 0\n");
}
END_TEST

START_TEST(forced_encodings)
{
	struct cl_reader_options o = { .encoding = CL_ENC_WINDOWS_1252,
		.encoding_given = 1 };

	expect_opts(S("w\nS\xc3\xb8ren\n"), &o, 1,
	    "1: w\n2: S\xc3\x83\xc2\xb8ren\n=> 0\n");
	o.encoding = CL_ENC_UTF8;
	expect_opts(S("w\nS\xf8ren\n"), &o, 1,
	    "1: w\n2: !is not valid UTF-8\n=> 0\n");
	o.encoding = CL_ENC_UTF16LE;
	expect_opts(S("w\0,\0p\0\n\0"), &o, 1, "1: w|p\n=> 0\n");
}
END_TEST

/* Windows-1252 the reader was not told by the user: a cell that is valid
 * UTF-8 is read as UTF-8 (a row saved by another program), with a
 * warning once per record; --encoding windows-1252 reads it as 1252. */
START_TEST(utf8_cells_in_windows_1252)
{
	struct cl_reader_options o = { .encoding = CL_ENC_WINDOWS_1252 };

	expect_opts(S("w,t\nS\xf8ren,B\xf8rn\nS\xc3\xb8ren,B\xc3\xb8rn\n"), &o, 1,
	    "1: w|t\n2: S\xc3\xb8ren|B\xc3\xb8rn\n#in.csv:3: warning: text that "
	    "is UTF-8 in a file read as Windows-1252 (rows added by another "
	    "program?); read as UTF-8\n3: S\xc3\xb8ren|B\xc3\xb8rn\n=> 0\n");
	o.encoding_given = 1;
	expect_opts(S("w\nS\xc3\xb8ren\n"), &o, 1,
	    "1: w\n2: S\xc3\x83\xc2\xb8ren\n=> 0\n");
}
END_TEST

START_TEST(texts_stay_valid_during_the_record)
{
	struct cl_buf in = { 0 }, expected = { 0 };

	/* three fields of 3000 bytes: more than one arena block */
	for (int f = 0; f < 3; f++) {
		for (int i = 0; i < 3000; i++)
			cl_buf_putc(&in, (char)('a' + f));
		cl_buf_putc(&in, f < 2 ? ',' : '\n');
	}
	cl_buf_append(&expected, "1: ", 3);
	for (int f = 0; f < 3; f++) {
		for (int i = 0; i < 3000; i++)
			cl_buf_putc(&expected, (char)('a' + f));
		cl_buf_putc(&expected, f < 2 ? '|' : '\n');
	}
	cl_buf_append(&expected, "=> 0\n", 5);
	expect_text(in.data, in.len, expected.data);
	cl_buf_free(&in);
	cl_buf_free(&expected);
}
END_TEST

START_TEST(encoding_names)
{
	ck_assert_int_eq(cl_encoding_parse("auto"), CL_ENC_AUTO);
	ck_assert_int_eq(cl_encoding_parse("UTF-8"), CL_ENC_UTF8);
	ck_assert_int_eq(cl_encoding_parse("utf8"), CL_ENC_UTF8);
	ck_assert_int_eq(cl_encoding_parse("cp1252"), CL_ENC_WINDOWS_1252);
	ck_assert_int_eq(cl_encoding_parse("Windows-1252"),
	    CL_ENC_WINDOWS_1252);
	ck_assert_int_eq(cl_encoding_parse("utf-16le"), CL_ENC_UTF16LE);
	ck_assert_int_eq(cl_encoding_parse("UTF-16BE"), CL_ENC_UTF16BE);
	ck_assert_int_eq(cl_encoding_parse("ebcdic"), -1);
	ck_assert_int_eq(cl_encoding_parse(""), -1);
}
END_TEST

/* Inputs that every split into feeds must read the same. */
static const struct sample {
	const char *bytes;
	size_t len;
	size_t max_record;
	int as_text;
} samples[] = {
	{ S("h1,h2\r\n\"x\ny\",1\n\nnext,2\r\"p\r\nq\",3\r\n\r\nl,\"\"\"4\"\"\""),
	  0, 0 },
	{ S("\xef\xbb\xbfworker;points\r\nS\xc3\xb8ren;7,5\r\nBo;2\r\n"), 0, 1 },
	{ S("worker;points\r\nS\xf8ren;7,5\r\n\xc6gir;1\r\nx\xc3\xb8;1"), 0, 1 },
	{ S("a|b\rc|d\r\re|f"), 0, 0 },
	{ S("a,b\nc,\"open\nd,e\n"), 0, 0 },
	{ S("w,p\n\"a\nb\"x,1\nB,2\n"), 0, 0 },
	{ S("w,p\nA,5\" screen\nB,2\n"), 0, 0 },
	{ S("0123456789\n\"01234\n56789\"\n01234567890\n"), 10, 0 },
	{ S("0123\n01234567890123\n"), 10, 0 },
	{ S("\xff\xfe" "a\0,\0\x3d\xd8\0\xde\n\0\r\0\n\0" "b\0"), 0, 1 },
	{ S("\xfe\xff\0a\0,\xd8\x3d\xde\0\0\r\0\r\0\n\0b"), 0, 1 },
	{ S("a\0b\0\r\0\n\0c\0,\0d\0"), 0, 1 },
	{ S("\xff\xfe\0\0a\0\0\0"), 0, 0 },
	{ S("PK\x03\x04\x14\0\x06\0garbage\r\n"), 0, 0 },
	{ S("w,p\na\0b,1\n"), 0, 1 },
	{ S("\xef\xbb"), 0, 0 },
	{ S("\r"), 0, 0 },
};

START_TEST(any_split_reads_the_same)
{
	const struct sample *s = &samples[_i];
	struct cl_reader_options o = { .max_record_bytes = s->max_record };
	struct run whole = { &o, s->as_text, 0, NULL, 0 };
	struct run bytes = { &o, s->as_text, 1, NULL, 0 };
	char *reference = transcript(s->bytes, s->len, &whole);
	uint64_t rng = 0x5eed0000u + (uint64_t)_i;

	expect_run(s->bytes, s->len, &bytes, reference);
	for (int trial = 0; trial < 300; trial++) {
		struct run random = { &o, s->as_text,
		    test_random_between(&rng, 2, trial % 3 ? 7 : 64), &rng, 0 };

		expect_run(s->bytes, s->len, &random, reference);
	}
	free(reference);
}
END_TEST

START_TEST(random_inputs_read_the_same_in_any_split)
{
	static const char alphabet[] = "a1,;\t|\"\"\r\n \xc3\xb8\xff";
	struct cl_buf in = { 0 };
	uint64_t rng = 4242;

	for (int trial = 0; trial < 2000; trial++) {
		struct cl_reader_options o = { .max_record_bytes = trial % 5
		    ? 0 : 16 };
		struct run whole = { &o, trial % 2, 0, NULL, 0 };
		struct run bytes = { &o, trial % 2, 1, NULL, 0 };
		struct run random = { &o, trial % 2, 5, &rng, 0 };
		size_t n = test_random_between(&rng, 0, 40);
		char *reference;

		in.len = 0;
		while (n-- > 0)
			cl_buf_putc(&in, alphabet[test_random_between(&rng, 0,
			    sizeof alphabet - 2)]);
		cl_buf_putc(&in, '\0');	/* keeps in.data non-NULL */
		in.len--;
		reference = transcript(in.data, in.len, &whole);
		expect_run(in.data, in.len, &bytes, reference);
		expect_run(in.data, in.len, &random, reference);
		free(reference);
	}
	cl_buf_free(&in);
}
END_TEST

/* A random field of up to four pieces, none starting with a byte in
 * `avoid`; never a quote or a line break. */
static void
random_field(uint64_t *rng, const char *avoid, struct cl_buf *field)
{
	static const char *const pieces[] = { "a", "b", "Z", "1", ".", " ",
		"\xc3\xb8", "-", ",", ";", "\t", "|" };
	size_t n = test_random_between(rng, 0, 4);

	field->len = 0;
	while (n > 0) {
		const char *p = pieces[test_random_between(rng, 0,
		    sizeof pieces / sizeof *pieces - 1)];

		if (strchr(avoid, p[0]) != NULL)
			continue;
		cl_buf_append(field, p, strlen(p));
		n--;
	}
}

/* The same random records twice: plain, and with every field quoted. */
static void
random_records(uint64_t *rng, char delim, const char *avoid,
    struct cl_buf *plain, struct cl_buf *quoted)
{
	static const char *const breaks[] = { "\n", "\r\n", "\r" };
	size_t nrecords = test_random_between(rng, 1, 6);
	struct cl_buf field = { 0 };

	plain->len = quoted->len = 0;
	for (size_t r = 0; r < nrecords; r++) {
		size_t nfields = test_random_between(rng, r == 0 ? 2 : 1, 4);

		while (test_random_between(rng, 0, 3) == 0) {
			const char *br = breaks[test_random_between(rng, 0, 2)];

			cl_buf_append(plain, br, strlen(br));
			cl_buf_append(quoted, br, strlen(br));
		}
		for (size_t f = 0; f < nfields; f++) {
			if (f > 0) {
				cl_buf_putc(plain, delim);
				cl_buf_putc(quoted, delim);
			}
			random_field(rng, avoid, &field);
			if (nfields == 1 && field.len == 0)
				cl_buf_putc(&field, 'a');  /* not a blank line */
			cl_buf_append(plain, field.data, field.len);
			cl_buf_putc(quoted, '"');
			cl_buf_append(quoted, field.data, field.len);
			cl_buf_putc(quoted, '"');
		}
		if (r + 1 < nrecords || test_random_between(rng, 0, 1)) {
			const char *br = breaks[test_random_between(rng, 0, 2)];

			cl_buf_append(plain, br, strlen(br));
			cl_buf_append(quoted, br, strlen(br));
		}
	}
	cl_buf_free(&field);
}

START_TEST(fast_path_agrees_with_libcsv)
{
	static const char delims[] = { ',', ';', '\t', '|' };
	struct cl_buf plain = { 0 }, quoted = { 0 }, shown = { 0 };
	uint64_t rng = 20241123;

	for (int trial = 0; trial < 4000; trial++) {
		char delim = delims[trial % 4], avoid[2] = { delim, '\0' };
		int forced = trial / 4 % 2, as_text = trial / 8 % 2;
		struct cl_reader_options o = { .delimiter = forced ? delim : 0 };
		struct run whole = { &o, as_text, 0, NULL, 0 };
		struct run split = { &o, as_text, 9, &rng, 0 };
		char *a, *b;

		random_records(&rng, delim, forced ? avoid : ",;\t|", &plain,
		    &quoted);
		a = transcript(plain.data, plain.len, &whole);
		b = transcript(quoted.data, quoted.len, &split);
		shown.len = 0;
		put_visible(&shown, quoted.data, quoted.len);
		ck_assert_msg(strcmp(a, b) == 0, "trial %d, delimiter '%s' %s: "
		    "plain gives\n%squoted [%s] gives\n%s", trial,
		    delim == '\t' ? "\\t" : avoid, forced ? "forced" : "sniffed",
		    a, shown.data, b);
		free(a);
		free(b);
	}
	cl_buf_free(&plain);
	cl_buf_free(&quoted);
	cl_buf_free(&shown);
}
END_TEST

Suite *
read_csv_suite(void)
{
	Suite *s = suite_create("read_csv");
	TCase *frame = tcase_create("frame");
	TCase *split = tcase_create("split");
	TCase *decode = tcase_create("decode");
	TCase *errors = tcase_create("errors");
	TCase *text = tcase_create("text");
	TCase *chunks = tcase_create("chunks");

	tcase_add_test(frame, line_ends);
	tcase_add_test(frame, blank_lines_are_skipped_but_counted);
	tcase_add_test(frame, last_record_without_line_break);
	tcase_add_test(frame, last_record_waits_for_finish);
	tcase_add_test(frame, line_breaks_inside_quotes_count);
	tcase_add_test(frame, stops_when_asked);
	tcase_add_test(split, quoted_fields);
	tcase_add_test(split, delimiter_is_sniffed_from_the_header);
	tcase_add_test(split, delimiter_can_be_forced);
	tcase_add_test(split, quoted_fields_use_the_delimiter_in_force);
	tcase_add_test(decode, utf8_bom_is_stripped);
	tcase_add_test(decode, utf16_with_bom);
	tcase_add_test(decode, utf16_without_bom_is_read_with_a_note);
	tcase_add_test(decode, utf16_unpaired_surrogate_is_not_text);
	tcase_add_test(decode, utf32_is_refused);
	tcase_add_test(decode, encoding_names);
	tcase_add_test(errors, unterminated_quote);
	tcase_add_test(errors, unterminated_quote_in_a_long_file);
	tcase_add_test(errors, text_after_closing_quote);
	tcase_add_test(errors, quote_inside_unquoted_field);
	tcase_add_test(errors, spreadsheet_text_formula_cells);
	tcase_add_test(errors, record_longer_than_the_limit);
	tcase_add_test(errors, record_with_too_many_fields);
	tcase_add_test(errors, files_that_are_not_text_are_refused);
	tcase_add_test(text, text_is_trimmed);
	tcase_add_test(text, windows_1252_is_detected_once);
	tcase_add_test(text, invalid_utf8_after_utf8_was_decided);
	tcase_add_test(text, nul_byte_is_not_text);
	tcase_add_test(text, forced_encodings);
	tcase_add_test(text, utf8_cells_in_windows_1252);
	tcase_add_test(text, texts_stay_valid_during_the_record);
	tcase_set_timeout(chunks, SLOW_TEST_SECONDS);
	tcase_add_loop_test(chunks, any_split_reads_the_same, 0,
	    (int)(sizeof samples / sizeof *samples));
	tcase_add_test(chunks, random_inputs_read_the_same_in_any_split);
	tcase_add_test(chunks, fast_path_agrees_with_libcsv);
	suite_add_tcase(s, frame);
	suite_add_tcase(s, split);
	suite_add_tcase(s, decode);
	suite_add_tcase(s, errors);
	suite_add_tcase(s, text);
	suite_add_tcase(s, chunks);
	return s;
}
