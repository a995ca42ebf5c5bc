/*
 * compare.c - does a tool's per-worker output match the generator's totals?
 *
 *   compare [--worker COL] [--cases COL] [--points COL] TOTALS OUTPUT
 *
 * Both files are CSV (RFC 4180 quoting, ',' or ';' as the header row says)
 * with a header row; the columns are found by name (defaults worker, cases,
 * points).  Prints one line and exits:
 *
 *   0  "yes": every worker has the same cases and exactly the same points;
 *      "yes (float noise in N)": N sums were printed with binary floating
 *      point noise (e.g. 2075.1000000000004) but round to the exact value;
 *   1  "no (N of M workers differ)": N of the M workers in either file are
 *      missing from the other or have other cases or points;
 *   2  an unreadable file or a missing column (with a message).
 *
 * Points are compared as exact decimals in millionths; a decimal comma is
 * read like a decimal point.
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SCALE 1000000

struct total {
	char *worker;
	long long cases;
	long long points;       /* millionths */
	int exact;              /* points were a plain decimal, not a float */
	int ok;                 /* cases and points parsed */
	int matched;
};

struct table {
	struct total *rows;
	size_t n, cap;
};

/* A whole file in memory, read from the front: outputs are small, and a
 * pipe cannot be read twice. */
struct text {
	char *data;
	size_t len, at;
};

struct field {
	char *text;
	size_t len, cap;
};

static void
die(const char *what, const char *detail)
{
	fprintf(stderr, "compare: %s%s%s\n", what, detail ? ": " : "",
	    detail ? detail : "");
	exit(2);
}

static void *
xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (p == NULL)
		die("out of memory", NULL);
	return p;
}

static char *
xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;

	return memcpy(xrealloc(NULL, n), s, n);
}

static int
next_char(struct text *t)
{
	return t->at < t->len ? (unsigned char)t->data[t->at++] : EOF;
}

static void
read_all(const char *path, struct text *t)
{
	FILE *in = fopen(path, "rb");
	size_t cap = 1 << 16;

	if (in == NULL)
		die("cannot open", path);
	t->data = xrealloc(NULL, cap);
	t->len = t->at = 0;
	for (;;) {
		size_t n = fread(t->data + t->len, 1, cap - t->len, in);

		t->len += n;
		if (t->len < cap)
			break;
		cap *= 2;
		t->data = xrealloc(t->data, cap);
	}
	if (ferror(in))
		die("cannot read", path);
	fclose(in);
	if (t->len >= 3 && memcmp(t->data, "\xef\xbb\xbf", 3) == 0)
		t->at = 3;
}

static void
field_putc(struct field *f, int c)
{
	if (f->len + 1 >= f->cap) {
		f->cap = f->cap ? 2 * f->cap : 64;
		f->text = xrealloc(f->text, f->cap);
	}
	f->text[f->len++] = (char)c;
	f->text[f->len] = '\0';
}

/* Reads one record into fields; returns the number of fields, 0 at the
 * end of the file. */
static size_t
read_record(struct text *in, int delim, struct field **fields, size_t *cap)
{
	size_t n = 0;
	int c, quoted = 0, any = 0;

	for (;;) {
		if (n == *cap) {
			*cap = *cap ? 2 * *cap : 16;
			*fields = xrealloc(*fields, *cap * sizeof **fields);
			memset(*fields + n, 0, (*cap - n) * sizeof **fields);
		}
		(*fields)[n].len = 0;
		field_putc(&(*fields)[n], 0);
		(*fields)[n].len = 0;
		for (;;) {
			c = next_char(in);
			if (c == EOF)
				return any ? n + 1 : 0;
			any = 1;
			if (quoted) {
				if (c == '"') {
					if (in->at < in->len &&
					    in->data[in->at] == '"') {
						in->at++;
					} else {
						quoted = 0;
						continue;
					}
				}
				field_putc(&(*fields)[n], c);
			} else if (c == '"') {
				quoted = 1;
			} else if (c == delim) {
				break;
			} else if (c == '\n') {
				return n + 1;
			} else if (c != '\r') {
				field_putc(&(*fields)[n], c);
			}
		}
		n++;
	}
}

/* An exact decimal ("2075.1", "2075,100000", "12") in millionths; else
 * a number in any float syntax, rounded to millionths, with *exact 0. */
static int
parse_points(const char *s, long long *out, int *exact)
{
	long long units = 0, frac = 0;
	int digits = 0, frac_digits = 0;
	const char *p = s;
	char *end, buf[64];
	double v;

	while (isdigit((unsigned char)*p) && digits < 15) {
		units = units * 10 + (*p++ - '0');
		digits++;
	}
	if (digits > 0 && (*p == '.' || *p == ',')) {
		p++;
		while (isdigit((unsigned char)*p) && frac_digits < 6) {
			frac = frac * 10 + (*p++ - '0');
			frac_digits++;
		}
		while (*p == '0')
			p++;
	}
	if (digits > 0 && *p == '\0') {
		while (frac_digits++ < 6)
			frac *= 10;
		*out = units * SCALE + frac;
		*exact = 1;
		return 0;
	}
	snprintf(buf, sizeof buf, "%s", s);
	for (char *c = buf; *c != '\0'; c++)
		if (*c == ',')
			*c = '.';
	errno = 0;
	v = strtod(buf, &end);
	if (end == buf || *end != '\0' || errno != 0 || !isfinite(v) ||
	    fabs(v) > 9e12)
		return -1;
	*out = llround(v * SCALE);
	*exact = 0;
	return 0;
}

static int
parse_cases(const char *s, long long *out)
{
	char *end;

	errno = 0;
	*out = strtoll(s, &end, 10);
	/* a float count such as "331.0" or "331" */
	if (*end == '.') {
		for (end++; *end == '0'; end++)
			;
	}
	return end == s || *end != '\0' || errno != 0 ? -1 : 0;
}

static int
column(struct field *header, size_t n, const char *name, const char *path)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(header[i].text, name) == 0)
			return (int)i;
	fprintf(stderr, "compare: %s: no column \"%s\"\n", path, name);
	exit(2);
}

static int
header_delimiter(const struct text *in)
{
	int commas = 0, semis = 0, tabs = 0;

	for (size_t i = in->at; i < in->len && in->data[i] != '\n'; i++) {
		commas += in->data[i] == ',';
		semis += in->data[i] == ';';
		tabs += in->data[i] == '\t';
	}
	return tabs > commas && tabs > semis ? '\t' : semis > commas ? ';' : ',';
}

static void
load(const char *path, const char *names[3], struct table *t)
{
	struct text in;
	struct field *f = NULL;
	size_t cap = 0, n;
	int col[3], delim;

	read_all(path, &in);
	delim = header_delimiter(&in);
	n = read_record(&in, delim, &f, &cap);
	if (n == 0)
		die("empty file", path);
	for (int k = 0; k < 3; k++)
		col[k] = column(f, n, names[k], path);
	while ((n = read_record(&in, delim, &f, &cap)) > 0) {
		struct total *r;

		if (n == 1 && f[0].len == 0)
			continue;
		if (t->n == t->cap) {
			t->cap = t->cap ? 2 * t->cap : 256;
			t->rows = xrealloc(t->rows, t->cap * sizeof *t->rows);
		}
		r = &t->rows[t->n++];
		memset(r, 0, sizeof *r);
		r->worker = xstrdup((size_t)col[0] < n ? f[col[0]].text : "");
		r->ok = (size_t)col[1] < n && (size_t)col[2] < n &&
		    parse_cases(f[col[1]].text, &r->cases) == 0 &&
		    parse_points(f[col[2]].text, &r->points, &r->exact) == 0;
	}
	free(in.data);
	for (size_t i = 0; i < cap; i++)
		free(f[i].text);
	free(f);
}

static int
by_worker(const void *a, const void *b)
{
	return strcmp(((const struct total *)a)->worker,
	    ((const struct total *)b)->worker);
}

int
main(int argc, char **argv)
{
	const char *want[3] = { "worker", "cases", "points" };
	const char *got[3] = { "worker", "cases", "points" };
	struct table expected = { 0 }, actual = { 0 };
	size_t differ = 0, noisy = 0, workers;
	int i;

	for (i = 1; i + 1 < argc && strncmp(argv[i], "--", 2) == 0; i += 2) {
		if (strcmp(argv[i], "--worker") == 0)
			got[0] = argv[i + 1];
		else if (strcmp(argv[i], "--cases") == 0)
			got[1] = argv[i + 1];
		else if (strcmp(argv[i], "--points") == 0)
			got[2] = argv[i + 1];
		else
			die("unknown option", argv[i]);
	}
	if (argc - i != 2) {
		fputs("usage: compare [--worker COL] [--cases COL] "
		    "[--points COL] TOTALS OUTPUT\n", stderr);
		return 2;
	}
	load(argv[i], want, &expected);
	load(argv[i + 1], got, &actual);
	qsort(actual.rows, actual.n, sizeof *actual.rows, by_worker);
	workers = expected.n;
	for (size_t k = 0; k < expected.n; k++) {
		struct total *e = &expected.rows[k];
		struct total *a = bsearch(e, actual.rows, actual.n,
		    sizeof *actual.rows, by_worker);

		if (a == NULL || a->matched || !a->ok ||
		    a->cases != e->cases ||
		    llabs(a->points - e->points) > (a->exact ? 0 : 100)) {
			differ++;
		} else if (!a->exact) {
			noisy++;
		}
		if (a != NULL)
			a->matched = 1;
	}
	for (size_t k = 0; k < actual.n; k++)
		if (!actual.rows[k].matched) {
			differ++;
			workers++;
		}
	if (differ > 0) {
		printf("no (%zu of %zu workers differ)\n", differ, workers);
		return 1;
	}
	if (noisy > 0)
		printf("yes (float noise in %zu)\n", noisy);
	else
		printf("yes\n");
	return 0;
}
