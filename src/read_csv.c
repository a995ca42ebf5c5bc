/*
 * read_csv.c - bytes to records.
 *
 * Three stages, each fed whatever the caller has, so any chunking of the
 * input gives the same records:
 *
 *   decode  byte-order mark, UTF-16 to UTF-8, refusing UTF-32;
 *   frame   find where records end: a CR, LF or CRLF outside quotes, while
 *           counting physical lines (line breaks inside quotes count too);
 *   split   a record without any quote is split on the delimiter directly;
 *           a record with a quote goes through libcsv in strict mode, which
 *           is the parser of record for every quoting question.
 *
 * libcsv is fed exactly one record at a time and finished after it, so its
 * missing line tracking and its trap of swallowing the rest of a file after
 * an unterminated quote cannot lose rows: framing already knows the lines,
 * and an unterminated quote is caught by CSV_STRICT_FINI at the end.
 */
#include <ctype.h>
#include <csv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "internal.h"

enum decode_state { DEC_START, DEC_BYTES, DEC_UTF16LE, DEC_UTF16BE };

struct cl_reader {
	char *name;
	struct cl_reader_options opt;
	cl_record_fn on_record;
	long empty_lines;       /* skipped, as records are read */
	cl_diag_fn on_diag;
	void *ctx;
	int status;             /* CL_EDATA once an error stopped reading */
	int stopped;            /* the record callback asked to stop */

	/* decode */
	enum decode_state dec;
	unsigned char head[4];  /* first bytes, held back to read the BOM */
	size_t nhead;
	unsigned char unit[2];  /* half of a UTF-16 code unit */
	size_t nunit;
	uint32_t high;          /* pending high surrogate, 0 if none */
	int past_first_unit;    /* a UTF-16 code unit was read */
	struct cl_buf utf8;     /* UTF-16 input converted, one feed at a time */
	enum cl_encoding text;  /* AUTO until a non-ASCII field decides */
	long mixed;             /* UTF-8 cells read in a Windows-1252 text */
	long mixed_line;        /* the record last warned about them */

	/* frame */
	struct cl_buf rec;      /* an unfinished record carried between feeds */
	int carrying;
	int in_quotes, has_quote;
	int overflow;           /* the record passed the limit: scan, don't keep */
	long quote_line;        /* where the open quote was opened */
	unsigned char last;     /* the byte before the current one */
	long line;              /* physical line of the current byte */
	long rec_line;          /* line where the current record starts */
	long records;           /* records delivered, the header included */

	/* split */
	int delim;
	struct csv_parser csv;
	struct cl_field *fields;
	size_t nfields, cap_fields;
	struct cl_buf quoted;   /* field bytes libcsv handed back */
	struct cl_buf unformula;        /* a record with ="..." cells as "..." */
	long formulas;          /* ="..." cells read as their text */
	size_t *offsets;        /* where each of those fields starts in quoted */
	int too_many_fields;

	struct cl_arena texts;  /* cl_reader_text results for one record */
	struct cl_buf scratch;
};

static void
report(struct cl_reader *r, long line, enum cl_severity sev,
    const char *message)
{
	/* the messages are marked N_() where they are written */
	struct cl_diag d = { r->name, line, sev, _(message) };

	if (r->on_diag != NULL)
		r->on_diag(r->ctx, &d);
}

static void
fail(struct cl_reader *r, long line, const char *message)
{
	report(r, line, CL_ERROR, message);
	r->status = CL_EDATA;
}

static int
never_space(unsigned char c)
{
	(void)c;
	return 0;
}

int
cl_encoding_parse(const char *name)
{
	static const struct {
		const char *name;
		enum cl_encoding enc;
	} names[] = {
		{ "auto", CL_ENC_AUTO }, { "utf-8", CL_ENC_UTF8 },
		{ "utf8", CL_ENC_UTF8 }, { "windows-1252", CL_ENC_WINDOWS_1252 },
		{ "cp1252", CL_ENC_WINDOWS_1252 },
		/* as the WHATWG Encoding Standard does, Latin-1 means 1252 */
		{ "latin1", CL_ENC_WINDOWS_1252 },
		{ "iso-8859-1", CL_ENC_WINDOWS_1252 },
		{ "utf-16le", CL_ENC_UTF16LE }, { "utf-16be", CL_ENC_UTF16BE },
	};

	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if (strcasecmp(name, names[i].name) == 0)
			return (int)names[i].enc;
	return -1;
}

struct cl_reader *
cl_reader_new(const char *name, const struct cl_reader_options *options,
    cl_record_fn on_record, cl_diag_fn on_diag, void *ctx)
{
	struct cl_reader *r = cl_xcalloc(1, sizeof *r);

	r->name = cl_xstrdup(name);
	if (options != NULL)
		r->opt = *options;
	if (r->opt.max_record_bytes == 0)
		r->opt.max_record_bytes = CL_MAX_RECORD_BYTES;
	if (r->opt.max_fields == 0)
		r->opt.max_fields = CL_MAX_FIELDS;
	r->on_record = on_record;
	r->on_diag = on_diag;
	r->ctx = ctx;
	r->line = r->rec_line = 1;
	r->delim = r->opt.delimiter;
	r->text = r->opt.encoding;
	switch (r->opt.encoding) {
	case CL_ENC_UTF16LE:
		r->dec = DEC_UTF16LE;
		r->text = CL_ENC_UTF8;
		break;
	case CL_ENC_UTF16BE:
		r->dec = DEC_UTF16BE;
		r->text = CL_ENC_UTF8;
		break;
	default:
		r->dec = DEC_START;
	}
	if (csv_init(&r->csv, CSV_STRICT | CSV_STRICT_FINI) != 0)
		abort();
	csv_set_space_func(&r->csv, never_space);
	if (r->delim != 0)
		csv_set_delim(&r->csv, (unsigned char)r->delim);
	return r;
}

void
cl_reader_free(struct cl_reader *r)
{
	if (r == NULL)
		return;
	csv_free(&r->csv);
	free(r->name);
	cl_buf_free(&r->utf8);
	cl_buf_free(&r->rec);
	cl_buf_free(&r->quoted);
	cl_buf_free(&r->unformula);
	cl_buf_free(&r->scratch);
	cl_arena_free(&r->texts);
	free(r->fields);
	free(r->offsets);
	free(r);
}

int
cl_reader_delimiter(const struct cl_reader *r)
{
	return r->delim;
}

const char *
cl_reader_name(const struct cl_reader *r)
{
	return r->name;
}

/* ---- split ---- */

static int
add_field(struct cl_reader *r, const char *p, size_t len)
{
	if (r->nfields == r->opt.max_fields)
		return -1;
	if (r->nfields == r->cap_fields) {
		r->cap_fields = r->cap_fields ? 2 * r->cap_fields : 16;
		r->fields = cl_xrealloc(r->fields,
		    r->cap_fields * sizeof *r->fields);
		r->offsets = cl_xrealloc(r->offsets,
		    r->cap_fields * sizeof *r->offsets);
	}
	r->fields[r->nfields].ptr = p;
	r->fields[r->nfields].len = len;
	r->nfields++;
	return 0;
}

static void
on_csv_field(void *bytes, size_t len, void *data)
{
	struct cl_reader *r = data;
	size_t at = r->quoted.len;

	/* Pointers come later: the buffer may move while fields arrive. */
	if (add_field(r, NULL, len) != 0) {
		r->too_many_fields = 1;
		return;
	}
	r->offsets[r->nfields - 1] = at;
	cl_buf_append(&r->quoted, bytes, len);
}

static void
on_csv_row(int terminator, void *data)
{
	(void)terminator;
	(void)data;
}

/* The physical line of offset `at` in a record that starts on `line`. */
static long
line_at(const char *rec, size_t at, long line)
{
	for (size_t i = 0; i < at; i++)
		if (rec[i] == '\r' || (rec[i] == '\n' && (i == 0 ||
		    rec[i - 1] != '\r')))
			line++;
	return line;
}

/* Where the quote that is still open at the end of rec was opened. */
static size_t
open_quote_at(const char *rec, size_t len)
{
	size_t open = 0;
	int in = 0;

	for (size_t i = 0; i < len; i++)
		if (rec[i] == '"') {
			in = !in;
			if (in)
				open = i;
		}
	return open;
}

/* The end of the quoted field that starts at rec[i] (on its closing
 * quote), or len when it never closes. */
static size_t
quoted_end(const char *rec, size_t len, size_t i)
{
	for (i++; i < len; i++)
		if (rec[i] == '"') {
			if (i + 1 < len && rec[i + 1] == '"')
				i++;
			else
				return i;
		}
	return len;
}

#define NOTE_FORMULA N_("a cell written =\"...\" (a spreadsheet's way to " \
	"keep text such as 00123) is read as the text in the quotes")

int
cl_formula_cell(struct cl_field *f)
{
	const char *p = f->ptr;

	if (f->len < 3 || p[0] != '=' || p[1] != '"' || p[f->len - 1] != '"' ||
	    memchr(p + 2, '"', f->len - 3) != NULL)
		return 0;
	f->ptr += 2;
	f->len -= 3;
	return 1;
}

/*
 * A cell that is all of ="..." is how exports keep a case number such as
 * 00123 as text for Excel; libcsv would stop the file at its quote.  When
 * rec has such cells, *rec and *len become a copy with each one's '='
 * left out, and the first in a file is noted.
 */
static void
unformula(struct cl_reader *r, const char **rec, size_t *len, long line)
{
	const char *p = *rec;
	size_t n = *len, from = 0, found = 0;

	for (size_t i = 0; i < n;) {
		size_t end = i;

		if (p[i] == '"') {
			end = quoted_end(p, n, i) + 1;
		} else if (p[i] == '=' && i + 1 < n && p[i + 1] == '"') {
			end = quoted_end(p, n, i + 1) + 1;
			if (end <= n && (end == n || p[end] == r->delim)) {
				if (found++ == 0)
					r->unformula.len = 0;
				cl_buf_append(&r->unformula, p + from, i - from);
				from = i + 1;
			}
		}
		/* to the next field */
		while (end < n && p[end] != r->delim)
			end++;
		i = end + 1;
	}
	if (found == 0)
		return;
	cl_buf_append(&r->unformula, p + from, n - from);
	if (r->formulas == 0)
		report(r, line, CL_NOTE, NOTE_FORMULA);
	r->formulas += (long)found;
	*rec = r->unformula.data;
	*len = r->unformula.len;
}

static int
split_quoted(struct cl_reader *r, const char *rec, size_t len, long line)
{
	size_t done;

	unformula(r, &rec, &len, line);
	r->quoted.len = 0;
	r->too_many_fields = 0;
	done = csv_parse(&r->csv, rec, len, on_csv_field, on_csv_row, r);
	if (done < len || csv_error(&r->csv) != CSV_SUCCESS) {
		char msg[128];

		snprintf(msg, sizeof msg, _("%s (column %zu of the record)"),
		    done < len && rec[done] == '"' ?
		    _("quote inside an unquoted field") :
		    _("text after a closing quote"), r->nfields + 1);
		fail(r, line, msg);	/* where the record starts */
		return -1;
	}
	if (csv_fini(&r->csv, on_csv_field, on_csv_row, r) != 0) {
		fail(r, line_at(rec, open_quote_at(rec, len), line),
		    N_("quoted field is never closed"));
		return -1;
	}
	if (r->too_many_fields)
		return -1;
	for (size_t i = 0; i < r->nfields; i++) {
		r->fields[i].ptr = r->quoted.data + r->offsets[i];
		/* "=""00123""", as CSV libraries quote the cell ="00123" */
		if (cl_formula_cell(&r->fields[i]) && r->formulas++ == 0)
			report(r, line, CL_NOTE, NOTE_FORMULA);
	}
	return 0;
}

static int
split_plain(struct cl_reader *r, const char *rec, size_t len)
{
	const char *p = rec, *end = rec + len, *d;

	while ((d = memchr(p, r->delim, (size_t)(end - p))) != NULL) {
		if (add_field(r, p, (size_t)(d - p)) != 0)
			return -1;
		p = d + 1;
	}
	return add_field(r, p, (size_t)(end - p));
}

/*
 * For fast_chunk.c, which frames records itself: splits one whole record
 * (without its line break) the way deliver does.  Returns 0, or -1 when
 * the record is wrong (reported through on_diag) or has too many fields.
 */
int
cl_reader_split(struct cl_reader *r, const char *rec, size_t len,
    const struct cl_field **fields, size_t *n)
{
	int rc;

	r->nfields = 0;
	cl_arena_reset(&r->texts);
	if (memchr(rec, '"', len) != NULL)
		rc = split_quoted(r, rec, len, r->line);
	else
		rc = split_plain(r, rec, len);
	if (rc != 0 || r->status != CL_OK)
		return -1;
	*fields = r->fields;
	*n = r->nfields;
	return 0;
}

void
cl_reader_sniff_again(struct cl_reader *r)
{
	if (r->opt.delimiter == 0)
		r->delim = 0;
}

/* Forgets the texts cl_reader_text made (fast_chunk.c, per row). */
void
cl_reader_forget_texts(struct cl_reader *r)
{
	cl_arena_reset(&r->texts);
}

/*
 * Whether the rest of the input can be read by fast_file.c: bytes as they
 * are (no UTF-16), UTF-8 or not yet decided, and exactly the header read,
 * with nothing of the next record held back.
 */
int
cl_reader_at_plain_record(const struct cl_reader *r)
{
	return r->status == CL_OK && !r->stopped && r->dec == DEC_BYTES &&
	    (r->text == CL_ENC_AUTO || r->text == CL_ENC_UTF8 ||
	    r->text == CL_ENC_WINDOWS_1252) &&
	    r->records >= 1 && !r->carrying && !r->in_quotes &&
	    !r->has_quote && !r->overflow && r->last == '\n';
}

long
cl_reader_line(const struct cl_reader *r)
{
	return r->line;
}

enum cl_encoding
cl_reader_text_encoding(const struct cl_reader *r)
{
	return r->text;
}

const char *
cl_reader_formula_note(void)
{
	return _(NOTE_FORMULA);
}

long
cl_reader_empty_lines(const struct cl_reader *r)
{
	return r->empty_lines;
}

long
cl_reader_formulas(const struct cl_reader *r)
{
	return r->formulas;
}

long
cl_reader_mixed(const struct cl_reader *r)
{
	return r->mixed;
}

int
cl_reader_encoding_given(const struct cl_reader *r)
{
	return r->opt.encoding_given;
}

/* The limits on a record's bytes and fields in use. */
size_t
cl_reader_max_record(const struct cl_reader *r)
{
	return r->opt.max_record_bytes;
}

size_t
cl_reader_max_fields(const struct cl_reader *r)
{
	return r->opt.max_fields;
}

/* ---- the first record: what kind of file is this? ---- */

static int
starts_with_ci(const char *s, size_t len, const char *prefix)
{
	size_t n = strlen(prefix);

	return len >= n && strncasecmp(s, prefix, n) == 0;
}

static const char *
not_text(const char *rec, size_t len)
{
	size_t i = 0;

	if (len >= 4 && memcmp(rec, "PK\3\4", 4) == 0)
		return N_("is a zip archive (an Excel .xlsx workbook?), not CSV "
		    "text: save it from Excel as CSV");
	if (len >= 4 && memcmp(rec, "\x89PNG", 4) == 0)
		return N_("is a PNG image, not CSV text");
	if (len >= 3 && memcmp(rec, "\xff\xd8\xff", 3) == 0)
		return N_("is a JPEG image, not CSV text");
	if (len >= 5 && memcmp(rec, "%PDF-", 5) == 0)
		return N_("is a PDF document, not CSV text");
	if (len >= 8 && memcmp(rec, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8) == 0)
		return N_("is an old Excel .xls workbook, not CSV text: save it "
		    "from Excel as CSV");
	while (i < len && isspace((unsigned char)rec[i]))
		i++;
	if (starts_with_ci(rec + i, len - i, "<!doctype html") ||
	    starts_with_ci(rec + i, len - i, "<html") ||
	    starts_with_ci(rec + i, len - i, "<?xml"))
		return N_("is an HTML or XML page, not CSV text");
	if (memchr(rec, '\0', len) != NULL)
		return N_("holds NUL bytes in its first line: a binary file, not "
		    "CSV text");
	return NULL;
}

/* The delimiter the header uses most, outside quotes; ',' if none. */
static int
sniff_delimiter(const char *rec, size_t len)
{
	static const char candidates[] = { ',', ';', '\t', '|' };
	size_t count[4] = { 0 }, best = 0;
	int in = 0;

	for (size_t i = 0; i < len; i++) {
		if (rec[i] == '"')
			in = !in;
		else if (!in)
			for (size_t k = 0; k < 4; k++)
				count[k] += rec[i] == candidates[k];
	}
	for (size_t k = 1; k < 4; k++)
		if (count[k] > count[best])
			best = k;
	return candidates[best];
}

static void
record_too_long(struct cl_reader *r)
{
	char msg[160];

	snprintf(msg, sizeof msg, _("record is longer than %zu bytes "
	    "(raise the limit with --max-record-size)"),
	    r->opt.max_record_bytes);
	fail(r, r->rec_line, msg);
}

static void
deliver(struct cl_reader *r, const char *rec, size_t len, int has_quote)
{
	long line = r->rec_line;
	int rc;

	if (r->status != CL_OK || r->stopped)
		return;
	if (len == 0) {
		r->empty_lines++;	/* skipped, but counted */
		return;
	}
	if (len > r->opt.max_record_bytes) {
		record_too_long(r);
		return;
	}
	if (r->records == 0) {
		const char *why = not_text(rec, len);

		if (why != NULL) {
			fail(r, 0, why);
			return;
		}
	}
	if (r->delim == 0) {
		r->delim = sniff_delimiter(rec, len);
		csv_set_delim(&r->csv, (unsigned char)r->delim);
	}
	r->nfields = 0;
	if (has_quote)
		rc = split_quoted(r, rec, len, line);
	else
		rc = split_plain(r, rec, len);
	if (r->status != CL_OK)
		return;
	if (rc != 0) {
		char msg[160];

		snprintf(msg, sizeof msg, _("record has more than %zu fields "
		    "(raise the limit with --max-fields)"), r->opt.max_fields);
		fail(r, line, msg);
		return;
	}
	r->records++;
	cl_arena_reset(&r->texts);
	if (r->on_record(r->ctx, r, line, r->fields, r->nfields) != 0)
		r->stopped = 1;
}

/* ---- frame ---- */

static const unsigned char special[256] = {
	['"'] = 1, ['\r'] = 1, ['\n'] = 1,
};

/*
 * Keeps the start of an unfinished record.  Past the limit the bytes are
 * no longer kept but still scanned, so that a quote never closed is named
 * as such at the end, rather than as a long record.
 */
static void
carry(struct cl_reader *r, const char *p, size_t len)
{
	if (len == 0 || r->overflow)
		return;
	if (r->rec.len + len > r->opt.max_record_bytes) {
		r->overflow = 1;
		r->rec.len = 0;
		return;
	}
	cl_buf_append(&r->rec, p, len);
	r->carrying = 1;
}

static void
end_record(struct cl_reader *r, const char *p, size_t len)
{
	if (r->overflow) {
		record_too_long(r);
		return;
	}
	if (r->carrying) {
		carry(r, p, len);
		if (r->overflow)
			record_too_long(r);
		else if (r->status == CL_OK)
			deliver(r, r->rec.data, r->rec.len, r->has_quote);
		r->rec.len = 0;
		r->carrying = 0;
	} else {
		deliver(r, p, len, r->has_quote);
	}
	r->has_quote = 0;
}

static void
frame(struct cl_reader *r, const char *p, size_t len)
{
	size_t i = 0, start = 0;

	while (i < len && r->status == CL_OK && !r->stopped) {
		unsigned char c, prev;

		while (i < len && !special[(unsigned char)p[i]])
			i++;
		if (i == len)
			break;
		c = (unsigned char)p[i];
		prev = i > 0 ? (unsigned char)p[i - 1] : r->last;
		if (c == '"') {
			r->in_quotes = !r->in_quotes;
			r->has_quote = 1;
			if (r->in_quotes)
				r->quote_line = r->line;
		} else if (c == '\r' || prev != '\r') {
			/* a line break: CR, or LF not right after a CR */
			if (!r->in_quotes) {
				end_record(r, p + start, i - start);
				start = i + 1;
			}
			r->line++;
			if (!r->in_quotes)
				r->rec_line = r->line;
		} else if (!r->in_quotes) {
			start = i + 1;	/* the LF of a CRLF */
		}
		i++;
	}
	if (i > 0)
		r->last = (unsigned char)p[i - 1];
	if (r->status == CL_OK && !r->stopped && start < len)
		carry(r, p + start, len - start);
}

/* ---- decode ---- */

static void
put_utf16(struct cl_reader *r, unsigned u)
{
	/* With --encoding utf-16le/be the mark is not read by read_bom, and
	 * a byte-order mark is no text, wherever it is detected. */
	if (!r->past_first_unit) {
		r->past_first_unit = 1;
		if (u == 0xfeff)
			return;
	}
	/* An unpaired surrogate becomes the byte 0xff, which is never
	 * valid UTF-8, so the field holding it is reported where it is. */
	if (r->high != 0) {
		if (u >= 0xdc00 && u <= 0xdfff) {
			cl_utf8_encode(&r->utf8, 0x10000 +
			    ((r->high - 0xd800) << 10) + (u - 0xdc00));
			r->high = 0;
			return;
		}
		cl_buf_putc(&r->utf8, (char)0xff);
		r->high = 0;
	}
	if (u >= 0xd800 && u <= 0xdbff)
		r->high = u;
	else if (u >= 0xdc00 && u <= 0xdfff)
		cl_buf_putc(&r->utf8, (char)0xff);
	else
		cl_utf8_encode(&r->utf8, u);
}

static void
decode_utf16(struct cl_reader *r, const unsigned char *p, size_t len)
{
	int le = r->dec == DEC_UTF16LE;

	r->utf8.len = 0;
	for (size_t i = 0; i < len; i++) {
		r->unit[r->nunit++] = p[i];
		if (r->nunit == 2) {
			put_utf16(r, le ? (unsigned)(r->unit[0] | r->unit[1] << 8)
			    : (unsigned)(r->unit[0] << 8 | r->unit[1]));
			r->nunit = 0;
		}
	}
	frame(r, r->utf8.data, r->utf8.len);
}

static void
pass(struct cl_reader *r, const unsigned char *p, size_t len)
{
	if (r->dec == DEC_BYTES)
		frame(r, (const char *)p, len);
	else
		decode_utf16(r, p, len);
}

int
cl_utf16_mark(const unsigned char *p, size_t len)
{
	if (len >= 2 && p[0] == 0xff && p[1] == 0xfe)
		/* not UTF-32's mark, as read_bom reads it */
		return len >= 4 && p[2] == 0 && p[3] == 0 ? 0 : 1;
	return len >= 2 && p[0] == 0xfe && p[1] == 0xff ? 2 : 0;
}

long
cl_utf16_decode(struct cl_buf *out, const unsigned char *p, size_t len,
    int le, int last)
{
	size_t i = 0;
	char *o;

	if (len % 2 != 0)
		return -1;
	cl_buf_reserve(out, len / 2 * 3 + 4);
	o = out->data + out->len;
	for (; i < len; i += 2) {
		unsigned u = le ? (unsigned)(p[i] | p[i + 1] << 8) :
		    (unsigned)(p[i] << 8 | p[i + 1]);

		if (u < 0x80) {
			*o++ = (char)u;
		} else if (u < 0x800) {
			*o++ = (char)(0xc0 | u >> 6);
			*o++ = (char)(0x80 | (u & 0x3f));
		} else if (u < 0xd800 || u > 0xdfff) {
			*o++ = (char)(0xe0 | u >> 12);
			*o++ = (char)(0x80 | (u >> 6 & 0x3f));
			*o++ = (char)(0x80 | (u & 0x3f));
		} else if (u <= 0xdbff && i + 2 < len) {
			unsigned v = le ? (unsigned)(p[i + 2] | p[i + 3] << 8) :
			    (unsigned)(p[i + 2] << 8 | p[i + 3]);
			uint32_t c = 0x10000 + ((u - 0xd800) << 10) + (v - 0xdc00);

			if (v < 0xdc00 || v > 0xdfff)
				return -1;	/* unpaired: the reader says where */
			*o++ = (char)(0xf0 | c >> 18);
			*o++ = (char)(0x80 | (c >> 12 & 0x3f));
			*o++ = (char)(0x80 | (c >> 6 & 0x3f));
			*o++ = (char)(0x80 | (c & 0x3f));
			i += 2;
		} else if (u <= 0xdbff && !last) {
			break;	/* its pair comes with the next bytes */
		} else {
			return -1;
		}
	}
	out->len = (size_t)(o - out->data);
	return (long)i;
}

/* Reads the byte-order mark from the first bytes (all four, or fewer at
 * the end of the input) and sets the decoder; returns how many to skip. */
static size_t
read_bom(struct cl_reader *r)
{
	const unsigned char *h = r->head;
	size_t n = r->nhead;
	int forced = r->opt.encoding != CL_ENC_AUTO;

	if (n >= 3 && h[0] == 0xef && h[1] == 0xbb && h[2] == 0xbf) {
		r->dec = DEC_BYTES;
		if (!forced)
			r->text = CL_ENC_UTF8;
		return 3;
	}
	r->dec = DEC_BYTES;
	if (forced)
		return 0;
	if (n == 4 && ((h[0] == 0xff && h[1] == 0xfe && !h[2] && !h[3]) ||
	    (!h[0] && !h[1] && h[2] == 0xfe && h[3] == 0xff))) {
		fail(r, 0, N_("is UTF-32 text, which caseload does not read: "
		    "save it as UTF-8 or UTF-16"));
		return n;
	}
	if (n == 4 && ((h[0] && !h[1] && !h[2] && !h[3]) ||
	    (!h[0] && !h[1] && !h[2] && h[3]))) {
		fail(r, 0, N_("looks like UTF-32 text (no byte-order mark), which "
		    "caseload does not read: save it as UTF-8 or UTF-16"));
		return n;
	}
	if (n >= 2 && ((h[0] == 0xff && h[1] == 0xfe) ||
	    (h[0] == 0xfe && h[1] == 0xff))) {
		r->dec = h[0] == 0xff ? DEC_UTF16LE : DEC_UTF16BE;
		r->text = CL_ENC_UTF8;
		return 2;
	}
	if (n == 4 && ((h[0] && !h[1] && h[2] && !h[3]) ||
	    (!h[0] && h[1] && !h[2] && h[3]))) {
		r->dec = h[0] ? DEC_UTF16LE : DEC_UTF16BE;
		r->text = CL_ENC_UTF8;
		report(r, 0, CL_NOTE, r->dec == DEC_UTF16LE
		    ? N_("no byte-order mark, but the text looks like UTF-16LE; "
		      "reading it as such")
		    : N_("no byte-order mark, but the text looks like UTF-16BE; "
		      "reading it as such"));
	}
	return 0;
}

int
cl_reader_feed(struct cl_reader *r, const void *bytes, size_t len)
{
	const unsigned char *p = bytes;

	if (r->status != CL_OK || r->stopped)
		return r->status;
	if (r->dec == DEC_START) {
		while (len > 0 && r->nhead < sizeof r->head) {
			r->head[r->nhead++] = *p++;
			len--;
		}
		if (r->nhead < sizeof r->head)
			return CL_OK;
		{
			size_t skip = read_bom(r);

			if (r->status != CL_OK)
				return r->status;
			pass(r, r->head + skip, r->nhead - skip);
		}
	}
	if (r->status == CL_OK && !r->stopped)
		pass(r, p, len);
	return r->status;
}

int
cl_reader_finish(struct cl_reader *r)
{
	if (r->status != CL_OK || r->stopped)
		return r->status;
	if (r->dec == DEC_START) {
		size_t skip = read_bom(r);

		if (r->status != CL_OK)
			return r->status;
		pass(r, r->head + skip, r->nhead - skip);
	}
	if (r->dec == DEC_UTF16LE || r->dec == DEC_UTF16BE) {
		r->utf8.len = 0;
		if (r->high != 0 || r->nunit != 0)
			cl_buf_putc(&r->utf8, (char)0xff);
		r->high = 0;
		r->nunit = 0;
		frame(r, r->utf8.data, r->utf8.len);
	}
	if (r->status == CL_OK && !r->stopped && r->overflow) {
		if (r->in_quotes)
			fail(r, r->quote_line, N_("quoted field is never closed"));
		else
			record_too_long(r);
	} else if (r->status == CL_OK && !r->stopped && r->carrying) {
		/* the last record, without a line break after it */
		long line = r->rec_line;

		deliver(r, r->rec.data, r->rec.len, r->has_quote);
		if (r->status == CL_OK && !r->stopped)
			report(r, line, CL_NOTE, N_("the file ends without a line "
			    "break: if it was still being written, it is cut "
			    "here"));
		r->rec.len = 0;
		r->carrying = 0;
	}
	return r->status;
}

/* ---- text ---- */

#define NOTE_1252 N_("not valid UTF-8; reading the file as Windows-1252 " \
	"(say --encoding windows-1252 to skip this note)")
#define WARN_MIXED N_("text that is UTF-8 in a file read as Windows-1252 " \
	"(rows added by another program?); read as UTF-8")

const char *
cl_reader_1252_note(void)
{
	return _(NOTE_1252);
}

const char *
cl_reader_text(struct cl_reader *r, struct cl_field f, size_t *len,
    const char **why)
{
	const char *p = f.ptr;
	size_t n = f.len;

	while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t'))
		n--;
	while (n > 0 && (*p == ' ' || *p == '\t')) {
		p++;
		n--;
	}
	if (memchr(p, '\0', n) != NULL) {
		*why = N_("contains a NUL byte");
		return NULL;
	}
	if (cl_has_non_ascii(p, n)) {
		if (r->text == CL_ENC_AUTO) {
			if (cl_utf8_valid_prefix(p, n) == n) {
				r->text = CL_ENC_UTF8;
			} else {
				r->text = CL_ENC_WINDOWS_1252;
				report(r, r->rec_line, CL_NOTE, NOTE_1252);
			}
		}
		if (r->text == CL_ENC_WINDOWS_1252 && !r->opt.encoding_given &&
		    cl_utf8_valid_prefix(p, n) == n) {
			/* Windows-1252 text is almost never valid UTF-8 ("Ã¸"
			 * for "ø"): a row saved by a UTF-8 program, whose name
			 * would else be a second worker */
			r->mixed++;
			if (r->mixed_line != r->rec_line) {
				r->mixed_line = r->rec_line;
				report(r, r->rec_line, CL_WARNING, WARN_MIXED);
			}
		} else if (r->text == CL_ENC_WINDOWS_1252) {
			r->scratch.len = 0;
			cl_cp1252_to_utf8(&r->scratch, p, n);
			p = r->scratch.data;
			n = r->scratch.len;
		} else if (cl_utf8_valid_prefix(p, n) != n) {
			*why = r->dec == DEC_UTF16LE || r->dec == DEC_UTF16BE
			    ? N_("is not valid UTF-16 (an unpaired surrogate)")
			    : N_("is not valid UTF-8");
			return NULL;
		}
	}
	*len = n;
	return cl_arena_strndup(&r->texts, p, n);
}
