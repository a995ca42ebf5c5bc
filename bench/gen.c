/*
 * gen.c - a deterministic generator of synthetic case lists for the
 * benchmark, and of the exact per-worker totals they must add up to.
 *
 *   gen --rows N [--workers N] [--seed S] [--delimiter C] [--decimal-comma]
 *       [--quote-rate P] [--dup-rate P] [--out FILE] [--totals FILE]
 *
 * Columns: case_id,worker,team,category,points,opened.  Every row is a new
 * case unless it is one of the --dup-rate rows, which repeat the case id and
 * worker of an earlier row (with other points: the first row is counted).
 * A row is described by its case number alone (see case_row), so a repeat
 * needs no memory of earlier rows and the output of a seed never changes.
 *
 * The totals (worker,cases,points, sorted by worker in byte order) are
 * summed in tenths of a point as integers, so they are exact.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const first_names[] = {
	"Søren", "Mette", "Lærke", "Mikkel", "Åse", "Jens", "Birgitte",
	"Anders", "Freja", "Kasper", "Signe", "Rasmus", "Ida", "Frederik",
	"Maja", "Jørgen", "Bodil", "Asger", "Trine", "Ove",
};
static const char *const last_names[] = {
	"Ærø", "Østergård", "Bøgh", "Møller", "Holm", "Kjær", "Dahl",
	"Nygaard", "Sørensen", "Jørgensen", "Lund", "Bæk", "Strøm", "Ravn",
	"Krogh", "Winther", "Dalgaard", "Husum", "Friis", "Skovgaard",
};
static const char *const nicknames[] = {
	"Sø", "Bo", "Lille", "Store", "Kis", "Mulle", "Fie",
};
static const char *const teams[] = {
	"Børn Nord", "Børn Syd", "Unge Øst", "Familie Vest", "Handicap Midt",
	"Udsatte Voksne",
};

#define NELEM(a) (sizeof (a) / sizeof *(a))

struct options {
	uint64_t rows, workers, seed;
	char delim;
	int decimal_comma;
	double quote_rate, dup_rate;
	const char *out, *totals;
};

struct worker {
	char *name;             /* as the worker column holds it, unquoted */
	const char *team;
	int quoted;             /* the name has a comma and a quote */
	uint64_t cases;
	uint64_t tenths;
};

struct row {
	uint64_t worker;
	unsigned category;
	unsigned tenths;
	unsigned year, month, day;
};

/* Output is built in a large buffer; every write is checked. */
struct out {
	FILE *f;
	const char *name;
	char buf[1 << 16];
	size_t len;
};

static void
die(const char *what, const char *detail)
{
	fprintf(stderr, "gen: %s%s%s\n", what, detail ? ": " : "",
	    detail ? detail : "");
	exit(1);
}

static void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		die("out of memory", NULL);
	return p;
}

/* splitmix64: a tiny, well-mixed generator, the same on every platform. */
static uint64_t
next_random(uint64_t *state)
{
	uint64_t z = (*state += UINT64_C(0x9e3779b97f4a7c15));

	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

static uint64_t
below(uint64_t *state, uint64_t n)
{
	return next_random(state) % n;
}

static double
unit_interval(uint64_t *state)
{
	return (double)(next_random(state) >> 11) * 0x1.0p-53;
}

/* ---- output ---- */

static void
out_flush(struct out *o)
{
	if (o->len > 0 && fwrite(o->buf, 1, o->len, o->f) != o->len)
		die("cannot write", o->name);
	o->len = 0;
}

static void
out_bytes(struct out *o, const char *p, size_t n)
{
	if (o->len + n > sizeof o->buf)
		out_flush(o);
	if (n > sizeof o->buf) {
		if (fwrite(p, 1, n, o->f) != n)
			die("cannot write", o->name);
		return;
	}
	memcpy(o->buf + o->len, p, n);
	o->len += n;
}

static void
out_str(struct out *o, const char *s)
{
	out_bytes(o, s, strlen(s));
}

static void
out_char(struct out *o, char c)
{
	out_bytes(o, &c, 1);
}

static void
out_uint(struct out *o, uint64_t v, int width)
{
	char digits[24];
	int n = 0;

	do {
		digits[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v > 0 || n < width);
	while (n > 0)
		out_char(o, digits[--n]);
}

/* A cell as RFC 4180 wants it: quoted when it holds a quote, the
 * delimiter, a comma or a line break; quotes doubled. */
static void
out_cell(struct out *o, const char *s, char delim)
{
	if (strpbrk(s, "\",\r\n") == NULL && strchr(s, delim) == NULL) {
		out_str(o, s);
		return;
	}
	out_char(o, '"');
	for (; *s != '\0'; s++) {
		if (*s == '"')
			out_char(o, '"');
		out_char(o, *s);
	}
	out_char(o, '"');
}

static void
out_tenths(struct out *o, uint64_t tenths, char sep)
{
	out_uint(o, tenths / 10, 1);
	if (tenths % 10 != 0) {
		out_char(o, sep);
		out_char(o, (char)('0' + tenths % 10));
	}
}

static void
out_open(struct out *o, const char *path)
{
	o->len = 0;
	o->name = path ? path : "<stdout>";
	o->f = path ? fopen(path, "wb") : stdout;
	if (o->f == NULL)
		die("cannot create", path);
}

static void
out_close(struct out *o)
{
	out_flush(o);
	if (fflush(o->f) != 0 || ferror(o->f) ||
	    (o->f != stdout && fclose(o->f) != 0))
		die("cannot write", o->name);
}

/* ---- the data ---- */

/* Workers 0..quoted-1 have names with a comma and a quote; the rest are
 * plain.  Names carry their number, so every worker is a different one. */
static struct worker *
make_workers(const struct options *opt, uint64_t nquoted)
{
	struct worker *w = xmalloc(opt->workers * sizeof *w);

	for (uint64_t i = 0; i < opt->workers; i++) {
		const char *first = first_names[i % NELEM(first_names)];
		const char *last = last_names[(i / NELEM(first_names)) %
		    NELEM(last_names)];
		char name[128];

		if (i < nquoted)
			snprintf(name, sizeof name, "%s, %s \"%s\" %" PRIu64,
			    last, first, nicknames[i % NELEM(nicknames)], i + 1);
		else
			snprintf(name, sizeof name, "%s %s %" PRIu64, first,
			    last, i + 1);
		w[i].name = xmalloc(strlen(name) + 1);
		strcpy(w[i].name, name);
		w[i].team = teams[(i * 7 + opt->seed) % NELEM(teams)];
		w[i].quoted = i < nquoted;
		w[i].cases = w[i].tenths = 0;
	}
	return w;
}

/* How many workers get quoted names: as near --quote-rate of them as can
 * be, and at least one of each kind when the rate is strictly between. */
static uint64_t
quoted_workers(const struct options *opt)
{
	uint64_t n = (uint64_t)(opt->quote_rate * (double)opt->workers + 0.5);

	if (opt->quote_rate > 0 && n == 0)
		n = 1;
	if (opt->quote_rate < 1 && n == opt->workers && n > 1)
		n--;
	return n;
}

/* Points in tenths for a category: simple 1-5, complex 5-10, very complex
 * 10-20; half of them whole, a third halves, the rest any tenth. */
static unsigned
points_for(uint64_t *rng, unsigned category)
{
	static const unsigned low[] = { 1, 5, 10 }, high[] = { 5, 10, 20 };
	uint64_t whole = low[category] + below(rng, high[category] -
	    low[category]);
	uint64_t kind = below(rng, 6);

	if (kind < 3)
		return (unsigned)(whole * 10);
	if (kind < 5)
		return (unsigned)(whole * 10 + 5);
	return (unsigned)(whole * 10 + 1 + below(rng, 9));
}

static unsigned
category_for(uint64_t *rng)
{
	uint64_t c = below(rng, 20);

	return c < 10 ? 0 : c < 17 ? 1 : 2;
}

/* Case number k, from the seed and k alone. */
static struct row
case_row(const struct options *opt, uint64_t nquoted, uint64_t k)
{
	uint64_t rng = opt->seed * UINT64_C(0x2545f4914f6cdd1d) ^
	    (k + 1) * UINT64_C(0x9e3779b97f4a7c15);
	int quoted = unit_interval(&rng) < opt->quote_rate;
	struct row r;

	if (nquoted == 0)
		quoted = 0;
	else if (nquoted == opt->workers)
		quoted = 1;
	r.worker = quoted ? below(&rng, nquoted)
	    : nquoted + below(&rng, opt->workers - nquoted);
	r.category = category_for(&rng);
	r.tenths = points_for(&rng, r.category);
	r.year = 2015 + (unsigned)below(&rng, 10);
	r.month = 1 + (unsigned)below(&rng, 12);
	r.day = 1 + (unsigned)below(&rng, 28);
	return r;
}

/* A case id from the case number: a bijection of 0..10^9-1, so ids do not
 * come sorted but never repeat. */
static uint64_t
case_id(const struct options *opt, uint64_t k)
{
	const uint64_t ids = UINT64_C(1000000000);

	return (k * UINT64_C(2654435761) % ids + opt->seed % ids * 7919 % ids) %
	    ids;
}

static void
write_row(struct out *o, const struct options *opt, const struct worker *w,
    uint64_t id, const struct row *r)
{
	static const char *const categories[] = { "simple", "complex",
		"very complex" };
	char sep = opt->decimal_comma ? ',' : '.';
	int quote_points = sep == opt->delim && r->tenths % 10 != 0;

	out_str(o, "SAG");
	out_uint(o, id, 9);
	out_char(o, opt->delim);
	out_cell(o, w->name, opt->delim);
	out_char(o, opt->delim);
	out_cell(o, w->team, opt->delim);
	out_char(o, opt->delim);
	out_str(o, categories[r->category]);
	out_char(o, opt->delim);
	if (quote_points)
		out_char(o, '"');
	out_tenths(o, r->tenths, sep);
	if (quote_points)
		out_char(o, '"');
	out_char(o, opt->delim);
	out_uint(o, r->year, 4);
	out_char(o, '-');
	out_uint(o, r->month, 2);
	out_char(o, '-');
	out_uint(o, r->day, 2);
	out_char(o, '\n');
}

static void
write_cases(const struct options *opt, struct worker *w, uint64_t nquoted)
{
	static const char *const header[] = { "case_id", "worker", "team",
		"category", "points", "opened" };
	static struct out o;
	uint64_t rng = opt->seed ^ UINT64_C(0x6a09e667f3bcc909);
	uint64_t ncases = 0;

	out_open(&o, opt->out);
	for (size_t i = 0; i < NELEM(header); i++) {
		if (i > 0)
			out_char(&o, opt->delim);
		out_str(&o, header[i]);
	}
	out_char(&o, '\n');
	for (uint64_t i = 0; i < opt->rows; i++) {
		struct row r;
		uint64_t k;

		if (ncases > 0 && opt->dup_rate > 0 &&
		    unit_interval(&rng) < opt->dup_rate) {
			k = below(&rng, ncases);
			r = case_row(opt, nquoted, k);
			r.category = category_for(&rng);
			r.tenths = points_for(&rng, r.category);
		} else {
			k = ncases++;
			r = case_row(opt, nquoted, k);
			w[r.worker].cases++;
			w[r.worker].tenths += r.tenths;
		}
		write_row(&o, opt, &w[r.worker], case_id(opt, k), &r);
	}
	out_close(&o);
}

static int
by_name(const void *a, const void *b)
{
	const struct worker *x = a, *y = b;

	return strcmp(x->name, y->name);
}

static void
write_totals(const struct options *opt, struct worker *w)
{
	static struct out o;

	qsort(w, opt->workers, sizeof *w, by_name);
	out_open(&o, opt->totals);
	out_str(&o, "worker,cases,points\n");
	for (uint64_t i = 0; i < opt->workers; i++) {
		if (w[i].cases == 0)
			continue;
		out_cell(&o, w[i].name, ',');
		out_char(&o, ',');
		out_uint(&o, w[i].cases, 1);
		out_char(&o, ',');
		out_tenths(&o, w[i].tenths, '.');
		out_char(&o, '\n');
	}
	out_close(&o);
}

/* ---- options ---- */

static uint64_t
parse_count(const char *opt, const char *s, uint64_t min)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(s, &end, 10);
	if (*s < '0' || *s > '9' || *end != '\0' || errno != 0 || v < min)
		die("bad number for", opt);
	return (uint64_t)v;
}

static double
parse_rate(const char *opt, const char *s)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (end == s || *end != '\0' || errno != 0 || !(v >= 0 && v <= 1))
		die("expected a fraction from 0 to 1 for", opt);
	return v;
}

static char
parse_delimiter(const char *s)
{
	if (strcmp(s, "tab") == 0 || strcmp(s, "\\t") == 0)
		return '\t';
	if (strlen(s) == 1 && strchr(",;\t|", s[0]) != NULL)
		return s[0];
	die("the delimiter is one of , ; tab |, not", s);
	return 0;
}

static void
usage(FILE *f)
{
	fputs("usage: gen --rows N [--workers N] [--seed S] [--delimiter C]\n"
	    "           [--decimal-comma] [--quote-rate P] [--dup-rate P]\n"
	    "           [--out FILE] [--totals FILE]\n", f);
}

/* "--name value" or "--name=value"; returns the value or NULL. */
static const char *
option_value(int argc, char **argv, int *i, const char *name)
{
	size_t n = strlen(name);

	if (strncmp(argv[*i], name, n) != 0)
		return NULL;
	if (argv[*i][n] == '=')
		return argv[*i] + n + 1;
	if (argv[*i][n] != '\0')
		return NULL;
	if (*i + 1 >= argc)
		die("missing value for", name);
	return argv[++*i];
}

static void
parse_options(int argc, char **argv, struct options *opt)
{
	int have_rows = 0;

	*opt = (struct options){ .workers = 200, .seed = 1, .delim = ',',
		.quote_rate = 0.05 };
	for (int i = 1; i < argc; i++) {
		const char *v;

		if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
			usage(stdout);
			exit(0);
		} else if (strcmp(argv[i], "--decimal-comma") == 0) {
			opt->decimal_comma = 1;
		} else if ((v = option_value(argc, argv, &i, "--rows"))) {
			opt->rows = parse_count("--rows", v, 0);
			have_rows = 1;
		} else if ((v = option_value(argc, argv, &i, "--workers"))) {
			opt->workers = parse_count("--workers", v, 1);
		} else if ((v = option_value(argc, argv, &i, "--seed"))) {
			opt->seed = parse_count("--seed", v, 0);
		} else if ((v = option_value(argc, argv, &i, "--delimiter"))) {
			opt->delim = parse_delimiter(v);
		} else if ((v = option_value(argc, argv, &i, "--quote-rate"))) {
			opt->quote_rate = parse_rate("--quote-rate", v);
		} else if ((v = option_value(argc, argv, &i, "--dup-rate"))) {
			opt->dup_rate = parse_rate("--dup-rate", v);
		} else if ((v = option_value(argc, argv, &i, "--out"))) {
			opt->out = v;
		} else if ((v = option_value(argc, argv, &i, "--totals"))) {
			opt->totals = v;
		} else {
			usage(stderr);
			die("unknown option", argv[i]);
		}
	}
	if (!have_rows) {
		usage(stderr);
		die("--rows is required", NULL);
	}
	if (opt->rows > UINT64_C(1000000000))
		die("at most 1000000000 rows (case ids have 9 digits)", NULL);
	if (opt->workers > UINT64_C(10000000))
		die("at most 10000000 workers", NULL);
}

int
main(int argc, char **argv)
{
	struct options opt;
	struct worker *workers;
	uint64_t nquoted;

	parse_options(argc, argv, &opt);
	nquoted = quoted_workers(&opt);
	workers = make_workers(&opt, nquoted);
	write_cases(&opt, workers, nquoted);
	if (opt.totals != NULL)
		write_totals(&opt, workers);
	for (uint64_t i = 0; i < opt.workers; i++)
		free(workers[i].name);
	free(workers);
	return 0;
}
