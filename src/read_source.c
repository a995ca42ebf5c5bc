/*
 * read_source.c - records to cases: find the columns by header name, turn
 * each row into a case (or a roster entry) and hand it to the engine.
 *
 * Every row is either counted or reported with its line and what is wrong.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

enum role { COL_WORKER, COL_POINTS, COL_CASE, COL_TEAM, COL_FTE,
	COL_CATEGORY, COL_REDUCTION, COL_REASON, NROLES };

/* Aliases as cl_fold_header writes them; the first is the canonical name. */
static const char *const worker_names[] = { "worker", "caseworker",
	"sagsbehandler", "socialrådgiver", "rådgiver", "handläggare",
	"handlaggare", NULL };
static const char *const points_names[] = { "points", "point", "poäng",
	"poang", "score", "severity", "weight", "vægt", NULL };
static const char *const case_names[] = { "case_id", "case", "sag",
	"sagsnr", "sagsnummer", "ärende", "ärendenr", "ärendenummer", NULL };
static const char *const team_names[] = { "team", "gruppe", "grupp",
	"enhed", "enhet", NULL };
static const char *const fte_names[] = { "fte", "årsværk", NULL };
static const char *const category_names[] = { "category", "kategori",
	"sagstype", "type", "ärendetyp", NULL };
static const char *const reduction_names[] = { "reduction", "reduktion",
	"nedsættelse", "nedsättning", NULL };
static const char *const reason_names[] = { "reason", "årsag",
	"begrundelse", "orsak", "anledning", NULL };

static const char *const *const role_names[NROLES] = {
	[COL_WORKER] = worker_names, [COL_POINTS] = points_names,
	[COL_CASE] = case_names, [COL_TEAM] = team_names,
	[COL_FTE] = fte_names, [COL_CATEGORY] = category_names,
	[COL_REDUCTION] = reduction_names, [COL_REASON] = reason_names,
};

/* Which columns each kind of file reads. */
static const int case_roles[NROLES] = { [COL_WORKER] = 1, [COL_POINTS] = 1,
	[COL_CASE] = 1, [COL_TEAM] = 1, [COL_CATEGORY] = 1 };
static const int roster_roles[NROLES] = { [COL_WORKER] = 1, [COL_TEAM] = 1,
	[COL_FTE] = 1, [COL_REDUCTION] = 1, [COL_REASON] = 1 };

const char *const *
cl_column_aliases(const char *column)
{
	for (int r = 0; r < NROLES; r++)
		if (strcmp(role_names[r][0], column) == 0)
			return role_names[r];
	return NULL;
}

enum kind { CASES, ROSTER };

/*
 * Names repeat on every row of a worker, and normalising one to NFC costs
 * more than the rest of the row, so each source remembers the forms it has
 * made: raw text -> NFC.  Past NFC_CACHE_MAX names it starts afresh, but
 * only between rows, so a row's names stay valid while it is read.  The
 * table has room for the names of the row that crosses the limit.
 */
#define NFC_CACHE_MAX 4096

struct nfc_entry {
	uint64_t hash;
	char *raw;              /* NULL: empty slot */
	char *nfc;
	int respelled;
};

struct nfc_cache {
	struct nfc_entry *slots;
	size_t mask, n;
};

struct cl_source {
	enum kind kind;
	struct cl_engine *engine;
	struct cl_reader *reader;
	cl_diag_fn on_diag;
	void *ctx;
	int col[NROLES];        /* column index, or -1 */
	size_t ncols;
	int have_header;
	int fatal;
	long row_errors;
	struct cl_buf msg;
	struct cl_buf fold;
	struct cl_buf worker, team;     /* names in NFC, for the current row */
	struct nfc_cache nfc;
};

static void
say(struct cl_source *s, long line, enum cl_severity sev)
{
	struct cl_diag d = { cl_reader_name(s->reader), line, sev,
		s->msg.data };

	if (s->on_diag != NULL)
		s->on_diag(s->ctx, &d);
	s->msg.len = 0;
}

static void
msg_text(struct cl_source *s, const char *text)
{
	cl_buf_append(&s->msg, text, strlen(text));
}

static void
msg_quoted(struct cl_source *s, const char *value, size_t len)
{
	cl_buf_putc(&s->msg, '"');
	cl_text_for_message(&s->msg, value, len);
	cl_buf_putc(&s->msg, '"');
}

/* Reports a row that is not counted. */
static void
row_error(struct cl_source *s, long line)
{
	say(s, line, CL_ERROR);
	s->row_errors++;
}

/* ---- header ---- */

/* Whether a folded header names an alias, '_' (for ' ', '-', '_') being
 * no letter at all: "Case ID", "case_id" and "CaseID" are one name. */
static int
same_name(const char *folded, const char *alias)
{
	for (;;) {
		while (*folded == '_')
			folded++;
		while (*alias == '_')
			alias++;
		if (*folded != *alias)
			return 0;
		if (*folded == '\0')
			return 1;
		folded++;
		alias++;
	}
}

static int
role_of(const char *folded)
{
	for (int r = 0; r < NROLES; r++)
		for (const char *const *n = role_names[r]; *n != NULL; n++)
			if (same_name(folded, *n))
				return r;
	return -1;
}

static int
wanted(const struct cl_source *s, int role)
{
	return (s->kind == CASES ? case_roles : roster_roles)[role];
}

/* A case list needs a worker column, and points or a category column. */
static int
required(const struct cl_source *s, int role)
{
	return role == COL_WORKER || (s->kind == CASES && role == COL_POINTS &&
	    s->col[COL_CATEGORY] < 0);
}

static const char *
header_text(struct cl_source *s, const struct cl_field *f, size_t *len)
{
	const char *why, *t = cl_reader_text(s->reader, *f, len, &why);

	if (t == NULL) {
		t = "";
		*len = 0;
	}
	return t;
}

static void
list_headers(struct cl_source *s, const struct cl_field *f, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		size_t len;
		const char *t = header_text(s, &f[i], &len);

		msg_text(s, i ? ", " : "");
		msg_quoted(s, t, len);
	}
}

static void
list_aliases(struct cl_source *s, int role)
{
	msg_text(s, " (a ");
	msg_text(s, role_names[role][0]);
	msg_text(s, " column is called");
	for (const char *const *a = role_names[role]; *a != NULL; a++) {
		msg_text(s, a == role_names[role] ? " " : ", ");
		msg_text(s, *a);
	}
	msg_text(s, ")");
}

static int
read_header(struct cl_source *s, long line, const struct cl_field *f,
    size_t n)
{
	for (int r = 0; r < NROLES; r++)
		s->col[r] = -1;
	s->ncols = n;
	for (size_t i = 0; i < n; i++) {
		size_t len;
		const char *t = header_text(s, &f[i], &len);
		int role;

		cl_fold_header(&s->fold, t, len);
		role = role_of(s->fold.data);
		if (role < 0 || !wanted(s, role))
			continue;
		if (s->col[role] >= 0) {
			size_t first_len;
			const char *first = header_text(s, &f[s->col[role]],
			    &first_len);

			msg_text(s, "columns ");
			msg_quoted(s, first, first_len);
			msg_text(s, " and ");
			msg_quoted(s, t, len);
			msg_text(s, " both name the ");
			msg_text(s, role_names[role][0]);
			msg_text(s, " column");
			say(s, line, CL_ERROR);
			s->fatal = 1;
			return 1;
		}
		s->col[role] = (int)i;
	}
	for (int r = 0; r < NROLES; r++) {
		if (s->col[r] >= 0 || !required(s, r))
			continue;
		msg_text(s, "no ");
		msg_text(s, role_names[r][0]);
		if (r == COL_POINTS)
			msg_text(s, " or category");
		msg_text(s, " column; the header has ");
		list_headers(s, f, n);
		list_aliases(s, r);
		if (r == COL_POINTS)
			list_aliases(s, COL_CATEGORY);
		say(s, line, CL_ERROR);
		s->fatal = 1;
		return 1;
	}
	s->have_header = 1;
	return 0;
}

/* ---- rows ---- */

static int
all_blank(const struct cl_field *f, size_t n)
{
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < f[i].len; k++)
			if (f[i].ptr[k] != ' ' && f[i].ptr[k] != '\t')
				return 0;
	return 1;
}

/* The text of column `role`, or NULL (with the row reported) if it is not
 * valid text.  An absent column or an empty cell gives "". */
static const char *
cell(struct cl_source *s, long line, const struct cl_field *f, int role)
{
	const char *why, *t;
	size_t len;

	if (s->col[role] < 0)
		return "";
	t = cl_reader_text(s->reader, f[s->col[role]], &len, &why);
	if (t == NULL) {
		msg_text(s, role_names[role][0]);
		cl_buf_putc(&s->msg, ' ');
		msg_quoted(s, f[s->col[role]].ptr, f[s->col[role]].len);
		cl_buf_putc(&s->msg, ' ');
		msg_text(s, why);
		row_error(s, line);
	}
	return t;
}

static void
nfc_cache_clear(struct nfc_cache *c)
{
	for (size_t i = 0; c->slots != NULL && i <= c->mask; i++) {
		free(c->slots[i].raw);
		free(c->slots[i].nfc);
	}
	free(c->slots);
	memset(c, 0, sizeof *c);
}

/* The NFC form of non-ASCII text t, made once per distinct text. */
static const struct nfc_entry *
nfc_of(struct nfc_cache *c, const char *t, size_t len, struct cl_buf *tmp)
{
	uint64_t h = cl_hash(t, len);
	struct nfc_entry *e;
	size_t i;

	if (c->slots == NULL) {
		c->mask = 2 * NFC_CACHE_MAX - 1;
		c->slots = cl_xcalloc(c->mask + 1, sizeof *c->slots);
	}
	for (i = (size_t)h & c->mask; c->slots[i].raw != NULL;
	    i = (i + 1) & c->mask)
		if (c->slots[i].hash == h && strcmp(c->slots[i].raw, t) == 0)
			return &c->slots[i];
	e = &c->slots[i];
	e->hash = h;
	e->raw = cl_xstrndup(t, len);
	e->respelled = cl_nfc(tmp, t, len);
	e->nfc = cl_xstrndup(tmp->data, tmp->len);
	c->n++;
	return e;
}

/* A name cell in Unicode NFC; *respelled tells whether the file used
 * another form.  NULL, reported, when the cell is not valid text. */
static const char *
name_cell(struct cl_source *s, long line, const struct cl_field *f, int role,
    struct cl_buf *nfc, int *respelled)
{
	const char *t = cell(s, line, f, role);
	const struct nfc_entry *e;
	size_t len;

	if (t == NULL)
		return NULL;
	len = strlen(t);
	if (!cl_has_non_ascii(t, len)) {
		*respelled = 0;
		return t;	/* ASCII is its own NFC */
	}
	e = nfc_of(&s->nfc, t, len, nfc);
	*respelled = e->respelled;
	return e->nfc;
}

static int
number(struct cl_source *s, long line, const struct cl_field *f, int role,
    cl_dec *out)
{
	const struct cl_field *field = &f[s->col[role]];
	const char *why = cl_dec_parse(field->ptr, field->len, out);

	if (why == NULL)
		return 0;
	msg_text(s, role_names[role][0]);
	cl_buf_putc(&s->msg, ' ');
	msg_quoted(s, field->ptr, field->len);
	cl_buf_putc(&s->msg, ' ');
	msg_text(s, why);
	row_error(s, line);
	return -1;
}

/* Names a list's entries for "did you mean". */
static const char *
nearest_named(const struct cl_named *list, size_t n, const char *word)
{
	const char **names = cl_xcalloc(n + 1, sizeof *names);
	const char *near;

	for (size_t i = 0; i < n; i++)
		names[i] = list[i].name;
	near = cl_nearest(word, names, n);
	free(names);
	return near;
}

/* Reports a name that is not in the configuration's `list`. */
static void
not_configured(struct cl_source *s, long line, const char *what,
    const char *value, const struct cl_named *list, size_t n)
{
	const char *near = nearest_named(list, n, value);

	msg_text(s, what);
	cl_buf_putc(&s->msg, ' ');
	msg_quoted(s, value, strlen(value));
	msg_text(s, " is not in the configuration");
	if (n == 0) {
		msg_text(s, " (it has no ");
		msg_text(s, strcmp(what, "category") == 0 ? "categories"
		    : "reductions");
		msg_text(s, ")");
	} else if (near != NULL) {
		msg_text(s, "; did you mean ");
		msg_quoted(s, near, strlen(near));
		msg_text(s, "?");
	} else {
		/* nothing near: name them all (the first ten) */
		msg_text(s, "; it has ");
		for (size_t i = 0; i < n && i < 10; i++) {
			msg_text(s, i ? ", " : "");
			msg_quoted(s, list[i].name, strlen(list[i].name));
		}
		if (n > 10)
			msg_text(s, ", ...");
	}
	row_error(s, line);
}

/* A row's points: its points cell, or when that is empty or absent, the
 * points of its category in the configuration. */
static int
case_points(struct cl_source *s, long line, const struct cl_field *f,
    cl_dec *points)
{
	const struct cl_config *cfg = cl_engine_config(s->engine);
	const struct cl_named *hit;
	const char *category;

	if (s->col[COL_POINTS] >= 0 && (s->col[COL_CATEGORY] < 0 ||
	    !all_blank(&f[s->col[COL_POINTS]], 1)))
		return number(s, line, f, COL_POINTS, points);
	if ((category = cell(s, line, f, COL_CATEGORY)) == NULL)
		return -1;
	if (*category == '\0') {
		msg_text(s, s->col[COL_POINTS] >= 0
		    ? "points and category are both empty"
		    : "category is empty");
		row_error(s, line);
		return -1;
	}
	hit = cfg != NULL ? cl_named_find(cfg->categories, cfg->ncategories,
	    category) : NULL;
	if (hit == NULL) {
		not_configured(s, line, "category", category,
		    cfg != NULL ? cfg->categories : NULL,
		    cfg != NULL ? cfg->ncategories : 0);
		return -1;
	}
	*points = hit->value;
	return 0;
}

static int
fields_match(struct cl_source *s, long line, size_t n)
{
	char text[96];

	if (n == s->ncols)
		return 1;
	snprintf(text, sizeof text, "row has %zu field%s, the header has %zu",
	    n, n == 1 ? "" : "s", s->ncols);
	msg_text(s, text);
	row_error(s, line);
	return 0;
}

static void
read_case(struct cl_source *s, long line, const struct cl_field *f,
    size_t n)
{
	struct cl_case c = { 0 };
	int team_respelled;

	if (!fields_match(s, line, n))
		return;
	c.worker = name_cell(s, line, f, COL_WORKER, &s->worker, &c.respelled);
	if (c.worker == NULL)
		return;
	if (*c.worker == '\0') {
		msg_text(s, "worker is empty");
		row_error(s, line);
		return;
	}
	if (case_points(s, line, f, &c.points) != 0)
		return;
	if ((c.case_id = cell(s, line, f, COL_CASE)) == NULL)
		return;
	c.team = name_cell(s, line, f, COL_TEAM, &s->team, &team_respelled);
	if (c.team == NULL)
		return;
	if (*c.case_id == '\0')
		c.case_id = NULL;
	if (*c.team == '\0')
		c.team = NULL;
	c.file = cl_reader_name(s->reader);
	c.line = line;
	if (cl_engine_add_case(s->engine, &c) != CL_OK)
		s->row_errors++;
}

/* A roster row's reduction: empty for none, a percentage ("20" or "20%"),
 * or the name of one of the configuration's reductions. */
static int
roster_reduction(struct cl_source *s, long line, const struct cl_field *f,
    cl_dec *pct)
{
	const struct cl_config *cfg = cl_engine_config(s->engine);
	const struct cl_named *hit;
	const char *text;
	size_t len;

	*pct = 0;
	if ((text = cell(s, line, f, COL_REDUCTION)) == NULL)
		return -1;
	len = strlen(text);
	if (len == 0)
		return 0;
	if (strchr("0123456789+-.,", text[0]) != NULL) {
		/* a number, maybe with a percent sign */
		size_t digits = len - (text[len - 1] == '%');

		if (cl_dec_parse(text, digits, pct) == NULL &&
		    *pct <= CL_DEC(100))
			return 0;
		msg_text(s, "reduction ");
		msg_quoted(s, text, len);
		msg_text(s, " must be a percentage from 0 to 100");
		row_error(s, line);
		return -1;
	}
	hit = cfg != NULL ? cl_named_find(cfg->reductions, cfg->nreductions,
	    text) : NULL;
	if (hit == NULL) {
		not_configured(s, line, "reduction", text,
		    cfg != NULL ? cfg->reductions : NULL,
		    cfg != NULL ? cfg->nreductions : 0);
		return -1;
	}
	*pct = hit->value;
	return 0;
}

static void
read_roster_row(struct cl_source *s, long line, const struct cl_field *f,
    size_t n)
{
	struct cl_roster_entry entry = { 0 };
	const char *worker, *team;
	cl_dec fte = CL_DEC(1);
	int respelled;

	if (!fields_match(s, line, n))
		return;
	worker = name_cell(s, line, f, COL_WORKER, &s->worker, &respelled);
	if (worker == NULL)
		return;
	if (*worker == '\0') {
		msg_text(s, "worker is empty");
		row_error(s, line);
		return;
	}
	team = name_cell(s, line, f, COL_TEAM, &s->team, &respelled);
	if (team == NULL)
		return;
	if (s->col[COL_FTE] >= 0 && !all_blank(&f[s->col[COL_FTE]], 1)) {
		if (number(s, line, f, COL_FTE, &fte) != 0)
			return;
		if (fte <= 0 || fte > CL_DEC(2)) {
			msg_text(s, "fte ");
			msg_quoted(s, f[s->col[COL_FTE]].ptr,
			    f[s->col[COL_FTE]].len);
			msg_text(s, " must be above 0 and at most 2");
			row_error(s, line);
			return;
		}
	}
	if (roster_reduction(s, line, f, &entry.reduction) != 0)
		return;
	if ((entry.reason = cell(s, line, f, COL_REASON)) == NULL)
		return;
	entry.worker = worker;
	entry.fte = fte;
	entry.team = *team != '\0' ? team : NULL;
	entry.reason = *entry.reason != '\0' ? entry.reason : NULL;
	entry.file = cl_reader_name(s->reader);
	entry.line = line;
	if (cl_engine_add_roster(s->engine, &entry) != CL_OK)
		s->row_errors++;
}

static int
on_record(void *ctx, struct cl_reader *reader, long line,
    const struct cl_field *f, size_t n)
{
	struct cl_source *s = ctx;

	(void)reader;
	if (s->nfc.n >= NFC_CACHE_MAX)
		nfc_cache_clear(&s->nfc);
	if (all_blank(f, n))
		return 0;	/* blank, or only delimiters and spaces */
	if (!s->have_header)
		return read_header(s, line, f, n);
	if (s->kind == CASES)
		read_case(s, line, f, n);
	else
		read_roster_row(s, line, f, n);
	return 0;
}

/* The reader calls back with the source; its messages go to the caller. */
static void
forward_diag(void *ctx, const struct cl_diag *d)
{
	struct cl_source *s = ctx;

	if (s->on_diag != NULL)
		s->on_diag(s->ctx, d);
}

static struct cl_source *
source_new(enum kind kind, struct cl_engine *engine, const char *name,
    const struct cl_reader_options *options, cl_diag_fn on_diag, void *ctx)
{
	struct cl_source *s = cl_xcalloc(1, sizeof *s);

	s->kind = kind;
	s->engine = engine;
	s->on_diag = on_diag;
	s->ctx = ctx;
	s->reader = cl_reader_new(name, options, on_record, forward_diag, s);
	return s;
}

struct cl_source *
cl_source_cases(struct cl_engine *engine, const char *name,
    const struct cl_reader_options *options, cl_diag_fn on_diag, void *ctx)
{
	return source_new(CASES, engine, name, options, on_diag, ctx);
}

struct cl_source *
cl_source_roster(struct cl_engine *engine, const char *name,
    const struct cl_reader_options *options, cl_diag_fn on_diag, void *ctx)
{
	cl_engine_use_roster(engine);
	return source_new(ROSTER, engine, name, options, on_diag, ctx);
}

int
cl_source_feed(struct cl_source *s, const void *bytes, size_t len)
{
	if (cl_reader_feed(s->reader, bytes, len) != CL_OK)
		s->fatal = 1;
	return s->fatal ? CL_EDATA : CL_OK;
}

int
cl_source_finish(struct cl_source *s, int *fatal)
{
	if (!s->fatal && cl_reader_finish(s->reader) != CL_OK)
		s->fatal = 1;
	if (!s->fatal && !s->have_header) {
		msg_text(s, "no header row: the file is empty");
		say(s, 0, CL_ERROR);
		s->fatal = 1;
	}
	if (s->kind == ROSTER && s->row_errors > 0)
		s->fatal = 1;
	*fatal = s->fatal;
	return s->fatal || s->row_errors > 0 ? CL_EDATA : CL_OK;
}

void
cl_source_free(struct cl_source *s)
{
	if (s == NULL)
		return;
	cl_reader_free(s->reader);
	cl_buf_free(&s->msg);
	cl_buf_free(&s->fold);
	cl_buf_free(&s->worker);
	cl_buf_free(&s->team);
	nfc_cache_clear(&s->nfc);
	free(s);
}

/* ---- for read_whole.c ---- */

int
cl_source_layout(struct cl_source *s, struct cl_layout *l)
{
	if (s->kind != CASES || !s->have_header || s->fatal ||
	    s->row_errors > 0 || !cl_reader_at_plain_record(s->reader) ||
	    cl_engine_has_rows(s->engine))
		return 0;
	l->delimiter = cl_reader_delimiter(s->reader);
	l->worker = s->col[COL_WORKER];
	l->points = s->col[COL_POINTS];
	l->case_id = s->col[COL_CASE];
	l->team = s->col[COL_TEAM];
	l->category = s->col[COL_CATEGORY];
	l->ncols = s->ncols;
	l->max_record = cl_reader_max_record(s->reader);
	l->max_fields = cl_reader_max_fields(s->reader);
	l->config = cl_engine_config(s->engine);
	return 1;
}

struct cl_engine *
cl_source_engine(const struct cl_source *s)
{
	return s->engine;
}

int
cl_source_is_cases(const struct cl_source *s)
{
	return s->kind == CASES;
}

void
cl_source_fail(struct cl_source *s, const char *message)
{
	msg_text(s, message);
	say(s, 0, CL_ERROR);
	s->fatal = 1;
}
