/*
 * read_source.c - records to cases: each row after the header
 * (read_header.c finds it) becomes a case or a roster entry for the
 * engine, unless it is a total row (read_totals.c).
 *
 * Every row is either counted or reported with its line and what is wrong.
 */
#include <stdlib.h>
#include <string.h>

#include "source.h"

__extension__ typedef __int128 wide;

/* ---- rows ---- */

/* Reports a row whose cell in column `role` is wrong: `why` (marked with
 * N_()) says what is wrong: points "7,5,1" has more than one decimal
 * separator. */
static void
bad_value(struct cl_source *s, long line, int role,
    const struct cl_field *field, const char *why)
{
	struct cl_buf q = { 0 };

	/* TRANSLATORS: a column's name, its value and what is wrong with it:
	 * points "abc" is not a number */
	msg_printf(s, _("%s %s %s"), cl_column_label(cl_role_names[role][0]),
	    quoted_field(&q, field->ptr, field->len), _(why));
	cl_buf_free(&q);
	row_error(s, line);
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
		bad_value(s, line, role, &f[s->col[role]], why);
		return NULL;
	}
	return t;
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
	if (cl_name_is_plain(t, len)) {
		*respelled = 0;
		return t;	/* plain ASCII is its own normal form */
	}
	e = cl_nfc_cache_get(&s->nfc, t, len, nfc, &s->spaced);
	*respelled = e->respelled;
	return e->nfc;
}

static int
number(struct cl_source *s, long line, const struct cl_field *f, int role,
    cl_dec *out)
{
	const struct cl_field *field = &f[s->col[role]];
	const char *why = cl_dec_parse(field->ptr, field->len, out);
	struct cl_field shown = *field;

	if (why == NULL)
		return 0;
	/* A Windows-1252 "fæm" is quoted as the file's text, not its bytes:
	 * the value is decoded as the other cells are. */
	if (cl_has_non_ascii(field->ptr, field->len)) {
		const char *text_why;
		size_t len;
		const char *text = cl_reader_text(s->reader, *field, &len,
		    &text_why);

		if (text != NULL) {
			shown.ptr = text;
			shown.len = len;
		}
	}
	bad_value(s, line, role, &shown, why);
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
	struct cl_buf q = { 0 }, q2 = { 0 };
	int category = strcmp(what, "category") == 0;

	quoted_field(&q, value, strlen(value));
	if (n == 0) {
		msg_printf(s, category
		    ? _("category %s is not in the configuration (it has no "
		    "categories)") : _("reduction %s is not in the "
		    "configuration (it has no reductions)"), q.data);
	} else if (near != NULL) {
		msg_printf(s, category ? _("category %s is not in the "
		    "configuration; did you mean %s?") : _("reduction %s is not "
		    "in the configuration; did you mean %s?"), q.data,
		    quoted_field(&q2, near, strlen(near)));
	} else {
		/* nothing near: name them all (the first ten) */
		for (size_t i = 0; i < n && i < 10; i++) {
			struct cl_buf one = { 0 };

			if (i > 0)
				cl_buf_append(&q2, ", ", 2);
			quoted_field(&one, list[i].name, strlen(list[i].name));
			cl_buf_append(&q2, one.data, one.len);
			cl_buf_free(&one);
		}
		if (n > 10)
			cl_buf_append(&q2, ", ...", 5);
		msg_printf(s, category ? _("category %s is not in the "
		    "configuration; it has %s") : _("reduction %s is not in the "
		    "configuration; it has %s"), q.data, q2.data);
	}
	cl_buf_free(&q);
	cl_buf_free(&q2);
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
		    ? _("points and category are both empty")
		    : _("category is empty"));
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

/* Whether the columns a row cannot do without (the worker's, and a case
 * list's points and category) are among its first n. */
static int
needed_within(const struct cl_source *s, size_t n)
{
	static const int needed[] = { COL_WORKER, COL_POINTS, COL_CATEGORY };

	for (size_t i = 0; i < sizeof needed / sizeof *needed; i++)
		if (s->col[needed[i]] >= 0 && (size_t)s->col[needed[i]] >= n)
			return 0;
	return 1;
}

/*
 * A row's fields as many as the header's.  Excel may leave out the
 * empty cells at the end of rows (when the last column has empty cells,
 * for blocks of rows): a row with fewer fields, that has the worker's
 * and the points' (needed_within), gets them back empty, and one with
 * more, all of them empty, loses those; either is said once a file.  Any
 * other row is an error (a name alone on a line above a worker's rows).
 * Returns 0 when the row is not to be read, else 1 with *f and *n the
 * fields to read.
 */
static int
fields_match(struct cl_source *s, long line, const struct cl_field **f,
    size_t *n)
{
	size_t had = *n;

	if (had == s->ncols)
		return 1;
	if ((had > s->ncols && !all_blank(*f + s->ncols, had - s->ncols)) ||
	    (had < s->ncols && !needed_within(s, had))) {
		msg_printf(s, P_("row has %zu field, the header has %zu",
		    "row has %zu fields, the header has %zu", had), had,
		    s->ncols);
		row_error(s, line);
		return 0;
	}
	if (had < s->ncols) {
		if (s->npad < s->ncols) {
			s->npad = s->ncols;
			s->pad = cl_xrealloc(s->pad, s->npad * sizeof *s->pad);
		}
		memcpy(s->pad, *f, had * sizeof *s->pad);
		for (size_t i = had; i < s->ncols; i++)
			s->pad[i] = (struct cl_field){ "", 0 };
		*f = s->pad;
	}
	*n = s->ncols;
	if (!(s->said_fields & (had < s->ncols ? 1 : 2))) {
		s->said_fields |= had < s->ncols ? 1 : 2;
		/* TRANSLATORS: said for the first such row of a file */
		msg_printf(s, had < s->ncols ? P_("row has %zu field, the header "
		    "has %zu: the cells missing at its end are read as empty "
		    "(said for the first such row of the file only)", "row has "
		    "%zu fields, the header has %zu: the cells missing at its "
		    "end are read as empty (said for the first such row of the "
		    "file only)", had) : P_("row has %zu field, the header has "
		    "%zu: the empty cells at its end are left out (said for the "
		    "first such row of the file only)", "row has %zu fields, the "
		    "header has %zu: the empty cells at its end are left out "
		    "(said for the first such row of the file only)", had), had,
		    s->ncols);
		say(s, line, CL_NOTE);
	}
	return 1;
}

/* A followups row's points, which it does not count, for checking total
 * rows as read_totals.c reads theirs: 0 when there is no number. */
static cl_dec
points_for_totals(const struct cl_source *s, const struct cl_field *f)
{
	int c = s->col[COL_POINTS];
	cl_dec v;

	return c >= 0 && cl_dec_parse(f[c].ptr, f[c].len, &v) == NULL ? v : 0;
}

/*
 * A row's follow-up: *fu filled and c->followup set, or left NULL when
 * the placement has no schedule.  What is wrong is a row error under
 * cl_source_followups (-1: the row is not counted) and a warning in a
 * report, where the case's points still count.
 */
static int
case_followup(struct cl_source *s, long line, const struct cl_field *f,
    struct cl_case *c, struct cl_followup *fu)
{
	const char *placement, *placed, *last;

	if ((placement = cell(s, line, f, COL_PLACEMENT)) == NULL ||
	    (placed = cell(s, line, f, COL_PLACED)) == NULL ||
	    (last = cell(s, line, f, COL_LAST)) == NULL)
		return -1;
	if (cl_followup_read(s->engine, placement, placed, last, fu,
	    &s->msg.text) != 0) {
		if (s->fu_needed) {
			/* a row error, but the export's total row counts it,
			 * as the report does, so it is no gap in the sum */
			say(s, line, CL_ERROR);
			s->row_errors++;
			cl_source_count_for_totals(s, points_for_totals(s, f));
			return -1;
		}
		cl_msg_text(&s->msg, "; its follow-ups are not counted");
		say(s, line, CL_WARNING);
		return 0;
	}
	if (fu->schedule != NULL)
		c->followup = fu;
	else if (*placement != '\0')
		cl_tally_add(&s->unscheduled, placement);
	return 0;
}

/* ---- case rows ---- */

/* A row's case id in NFC, "" when it has none; NULL, reported, when the
 * cell is not valid text. */
static const char *
case_cell(struct cl_source *s, long line, const struct cl_field *f)
{
	const char *t = cell(s, line, f, COL_CASE);

	if (t == NULL || !cl_has_non_ascii(t, strlen(t)))
		return t;
	cl_nfc(&s->case_id, t, strlen(t));
	return s->case_id.data;
}

static void
read_case(struct cl_source *s, long line, const struct cl_field *f,
    size_t n)
{
	struct cl_case c = { 0 };
	struct cl_followup fu;
	int team_respelled;

	if (n != s->ncols && cl_source_total_row(s, line, f, n, NULL))
		return;
	if (!fields_match(s, line, &f, &n))
		return;
	c.worker = name_cell(s, line, f, COL_WORKER, &s->worker, &c.respelled);
	if (c.worker == NULL)
		return;
	if (cl_source_total_row(s, line, f, n, c.worker))
		return;
	if (*c.worker == '\0') {
		msg_text(s, _("worker is empty"));
		row_error(s, line);
		return;
	}
	if (!s->fu_needed && case_points(s, line, f, &c.points) != 0)
		return;
	if (s->fu && case_followup(s, line, f, &c, &fu) != 0)
		return;
	if ((c.case_id = case_cell(s, line, f)) == NULL)
		return;
	c.team = name_cell(s, line, f, COL_TEAM, &s->team, &team_respelled);
	if (c.team == NULL)
		return;
	if (*c.case_id != '\0' && cl_excel_shortened(c.case_id,
	    strlen(c.case_id))) {
		/* "2,02612E+11": two such cases would be one */
		if (!s->said_shortened) {
			struct cl_buf q = { 0 };

			s->said_shortened = 1;
			msg_printf(s, _("case id %s is a number Excel shortened, "
			    "its digits lost: such rows count as cases without "
			    "an id (said for the first such row of the file "
			    "only; keep the column as text in Excel)"),
			    quoted_field(&q, c.case_id, strlen(c.case_id)));
			cl_buf_free(&q);
			say(s, line, CL_WARNING);
		}
		c.case_id = "";
	}
	if (*c.case_id == '\0')
		c.case_id = NULL;
	if (*c.team == '\0')
		c.team = NULL;
	c.file = cl_reader_name(s->reader);
	c.line = line;
	if (cl_engine_add_case(s->engine, &c) != CL_OK) {
		s->row_errors++;
		cl_totals_error(&s->totals);
		return;
	}
	cl_source_count_for_totals(s, s->fu_needed ? points_for_totals(s, f) :
	    c.points);
	if (c.case_id == NULL && s->col[COL_CASE] >= 0 && s->blank_above &&
	    !s->said_no_id) {
		/* a list with case numbers, and below a blank line rows
		 * without: most likely a second table, such as a summary of
		 * the rows above, counted again */
		s->said_no_id = 1;
		msg_text(s, _("a row without a case id below a blank line: a "
		    "second table, such as a summary? counted as a case (said "
		    "for the first such row of the file only)"));
		say(s, line, CL_WARNING);
	}
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
		struct cl_buf q = { 0 };

		msg_printf(s, _("reduction %s must be a percentage from 0 to "
		    "100"), quoted_field(&q, text, len));
		cl_buf_free(&q);
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

/* FTE from a roster's hours a week: hours / full_time_hours of the
 * worker's team (37 unless configured). */
static int
roster_hours(struct cl_source *s, long line, const struct cl_field *f,
    const char *team, cl_dec *fte, cl_dec *hours_out)
{
	const struct cl_config *cfg = cl_engine_config(s->engine);
	cl_dec full = cfg != NULL ? cl_config_team_targets(cfg,
	    team).full_time_hours : 0, hours;
	wide scaled;

	if (full <= 0)
		full = CL_DEC(37);
	if (number(s, line, f, COL_HOURS, &hours) != 0)
		return -1;
	*hours_out = hours;
	if (hours <= 0 || hours > 2 * full) {
		struct cl_buf q = { 0 };
		char most[CL_DEC_BUFSIZE], week[CL_DEC_BUFSIZE];

		msg_printf(s, _("hours %s must be above 0 and at most %s (2 FTE "
		    "of %s hours)"), quoted_field(&q, f[s->col[COL_HOURS]].ptr,
		    f[s->col[COL_HOURS]].len),
		    cl_msg_figure(2 * full, most),
		    cl_msg_figure(full, week));
		cl_buf_free(&q);
		row_error(s, line);
		return -1;
	}
	scaled = (wide)hours * CL_DEC_SCALE;
	*fte = (cl_dec)((scaled + full / 2) / full);
	return 0;
}

static void
read_roster_row(struct cl_source *s, long line, const struct cl_field *f,
    size_t n)
{
	struct cl_roster_entry entry = { 0 };
	const char *worker, *team;
	cl_dec fte = CL_DEC(1), hours = 0;
	int respelled;

	if (!fields_match(s, line, &f, &n))
		return;
	worker = name_cell(s, line, f, COL_WORKER, &s->worker, &respelled);
	if (worker == NULL)
		return;
	if (*worker == '\0') {
		msg_text(s, _("worker is empty"));
		row_error(s, line);
		return;
	}
	if (cl_source_roster_total_row(s, line, f, n, worker))
		return;
	team = name_cell(s, line, f, COL_TEAM, &s->team, &respelled);
	if (team == NULL)
		return;
	if (s->col[COL_FTE] >= 0 && !all_blank(&f[s->col[COL_FTE]], 1)) {
		if (number(s, line, f, COL_FTE, &fte) != 0)
			return;
		if (fte <= 0 || fte > CL_DEC(2)) {
			struct cl_buf q = { 0 };

			msg_printf(s, _("fte %s must be above 0 and at most 2"),
			    quoted_field(&q, f[s->col[COL_FTE]].ptr,
			    f[s->col[COL_FTE]].len));
			cl_buf_free(&q);
			row_error(s, line);
			return;
		}
	}
	if (s->col[COL_HOURS] >= 0 && !all_blank(&f[s->col[COL_HOURS]], 1) &&
	    roster_hours(s, line, f, *team != '\0' ? team : NULL, &fte,
	    &hours) != 0)
		return;
	if (s->col[COL_INITIALS] >= 0) {
		int initials_respelled;

		entry.initials = name_cell(s, line, f, COL_INITIALS, &s->case_id,
		    &initials_respelled);
		if (entry.initials == NULL)
			return;
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
	if (cl_engine_add_roster(s->engine, &entry) != CL_OK) {
		s->row_errors++;
		cl_totals_error(&s->totals);
	} else	/* a total row sums the column the roster has */
		cl_totals_count(&s->totals, s->col[COL_HOURS] >= 0 ? hours : fte);
}

static void
read_row(struct cl_source *s, long line, const struct cl_field *f, size_t n)
{
	if (s->kind == CASES)
		read_case(s, line, f, n);
	else
		read_roster_row(s, line, f, n);
}

static int
on_record(void *ctx, struct cl_reader *reader, long line,
    const struct cl_field *f, size_t n)
{
	struct cl_source *s = ctx;
	long empty = cl_reader_empty_lines(reader);

	if (s->nfc.n >= NFC_CACHE_MAX)
		cl_nfc_cache_clear(&s->nfc);
	s->past_header |= s->have_header;
	/* a blank line below the header: empty, or only delimiters and
	 * spaces (a row without a case id below one is warned about) */
	s->blank_above |= s->have_header && empty != s->empty_lines;
	s->empty_lines = empty;
	if (all_blank(f, n)) {
		s->blank_above |= s->have_header;
		return 0;
	}
	if (!s->have_header)
		return cl_source_find_header(s, line, f, n);
	if (cl_source_repeats_header(s, f, n)) {
		/* lines held above it are a page's footer or the title of
		 * the next export */
		cl_source_footer_say(s, 1, read_row);
		msg_text(s, _("repeats the header; skipped"));
		say(s, line, CL_NOTE);
		return 0;
	}
	if (cl_source_footer_hold(s, line, f, n))
		return 0;
	if (s->nheld > 0)
		cl_source_footer_release(s, read_row);
	read_row(s, line, f, n);
	return 0;
}

/* The reader calls back with the source; its messages go to the caller. */
static void
forward_diag(void *ctx, const struct cl_diag *d)
{
	struct cl_source *s = ctx;

	if (s->on_diag != NULL && !cl_source_footer_later(s, d))
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
	s->msg.on_diag = on_diag;
	s->msg.ctx = ctx;
	s->reader = cl_reader_new(name, options, on_record, forward_diag, s);
	cl_engine_begin_input(engine);
	return s;
}

struct cl_source *
cl_source_cases(struct cl_engine *engine, const char *name,
    const struct cl_reader_options *options, cl_diag_fn on_diag, void *ctx)
{
	return source_new(CASES, engine, name, options, on_diag, ctx);
}

struct cl_source *
cl_source_followups(struct cl_engine *engine, const char *name,
    const struct cl_reader_options *options, cl_diag_fn on_diag, void *ctx)
{
	struct cl_source *s = source_new(CASES, engine, name, options, on_diag,
	    ctx);

	s->fu_needed = 1;
	return s;
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
	if (s->hash != NULL)
		cl_sha256_update(s->hash, bytes, len);
	if (cl_reader_feed(s->reader, bytes, len) != CL_OK)
		s->fatal = 1;
	return s->fatal ? CL_EDATA : CL_OK;
}

void
cl_source_hash_into(struct cl_source *s, struct cl_sha256 *hash)
{
	s->hash = hash;
}

void
cl_source_hash_bytes(struct cl_source *s, const void *bytes, size_t len)
{
	if (s->hash != NULL)
		cl_sha256_update(s->hash, bytes, len);
}

int
cl_source_has_column(const struct cl_source *s, const char *column)
{
	for (int r = 0; r < NROLES; r++)
		if (strcmp(cl_role_names[r][0], column) == 0)
			return s->have_header && s->col[r] >= 0;
	return 0;
}

int
cl_source_finish(struct cl_source *s, int *fatal)
{
	if (!s->fatal && cl_reader_finish(s->reader) != CL_OK)
		s->fatal = 1;
	if (!s->fatal && !s->have_header && s->nfirst > 0)
		cl_source_no_header(s);
	if (!s->fatal && !s->have_header) {
		msg_text(s, _("no header row: the file is empty"));
		say(s, 0, CL_ERROR);
		s->fatal = 1;
	}
	if (s->fatal)
		cl_source_footer_release(s, read_row);
	else
		cl_source_footer_say(s, 0, read_row);
	if (s->kind == ROSTER && s->row_errors > 0)
		s->fatal = 1;
	if (!s->fatal && s->unscheduled != NULL) {
		cl_tally_say(s->unscheduled, &s->msg.text);
		say(s, 0, CL_NOTE);
	}
	*fatal = s->fatal;
	return s->fatal || s->row_errors > 0 ? CL_EDATA : CL_OK;
}

void
cl_source_free(struct cl_source *s)
{
	if (s == NULL)
		return;
	cl_reader_free(s->reader);
	cl_msg_free(&s->msg);
	cl_buf_free(&s->fold);
	cl_buf_free(&s->first);
	free(s->first_fields);
	free(s->pad);
	cl_buf_free(&s->header_cells);
	free(s->header_at);
	cl_buf_free(&s->worker);
	cl_buf_free(&s->team);
	cl_buf_free(&s->spaced);
	cl_buf_free(&s->case_id);
	cl_nfc_cache_clear(&s->nfc);
	cl_tally_free(s->unscheduled);
	cl_source_footer_free(s);
	free(s);
}

/* ---- for read_whole.c ---- */

enum cl_decline
cl_source_layout(struct cl_source *s, struct cl_layout *l)
{
	const char *worker;

	if (s->kind != CASES || cl_engine_has_rows(s->engine))
		return CL_DECLINE_ROWS_BEFORE;
	if (s->fatal)
		return CL_DECLINE_HEADER_SAYS;
	if (!s->have_header)
		return CL_DECLINE_HEADER_NOT_FIRST;
	/* the fast way counts points only: follow-ups go the general way */
	if (s->fu)
		return CL_DECLINE_FOLLOWUPS;
	if (s->row_errors > 0 || s->past_header ||
	    !cl_reader_at_plain_record(s->reader))
		return CL_DECLINE_FIRST_LINE;
	/* a ="..." cell above the header was noted, and the general way
	 * notes one a file */
	if (cl_reader_formulas(s->reader) > 0)
		return CL_DECLINE_FORMULA_TEXT;
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
	l->case_limit = cl_engine_case_limit(s->engine);
	l->encoding = cl_reader_text_encoding(s->reader);
	l->encoding_given = cl_reader_encoding_given(s->reader);
	l->rows = NULL;
	worker = cl_source_worker_header(s);
	l->worker_header[0] = '\0';
	if (worker != NULL && strlen(worker) < sizeof l->worker_header)
		memcpy(l->worker_header, worker, strlen(worker) + 1);
	return CL_DECLINE_NONE;
}

void
cl_source_fast_input(struct cl_source *s, struct cl_fast_input *in)
{
	in->msg = &s->msg;
	in->name = cl_reader_name(s->reader);
	in->line = cl_reader_line(s->reader);
}

int
cl_source_takes_utf8_for_utf16(const struct cl_source *s)
{
	return s->kind == CASES && s->hash == NULL &&
	    cl_reader_line(s->reader) == 1 &&
	    cl_reader_text_encoding(s->reader) == CL_ENC_AUTO;
}

int
cl_source_wants_header(const struct cl_source *s)
{
	return !s->have_header && !s->fatal;
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
