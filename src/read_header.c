/*
 * read_header.c - the header row of a case list or roster: the names
 * each column goes by, the columns the user names (--column), and the
 * search for the header below a title.
 */
#include <stdlib.h>
#include <string.h>

#include "source.h"

/* Aliases as cl_fold_header writes them; the first is the canonical name. */
static const char *const worker_names[] = { "worker", "caseworker",
	"sagsbehandler", "socialrådgiver", "rådgiver", "handläggare",
	"handlaggare", "ansvarlig", "ansvarlig_sagsbehandler", "sagsbeh",
	"medarbejder", "ansvarig", "ansvarig_handläggare",
	"socialsekreterare", "case_worker", "assigned_to", NULL };
/* In a roster only: in a case list "Navn" may be the child's name. */
static const char *const roster_worker_names[] = { "navn", "namn", NULL };
static const char *const points_names[] = { "points", "point", "poäng",
	"poang", "score", "severity", "weight", "vægt", "sagsvægt", "tyngd",
	"vikt", NULL };
static const char *const case_names[] = { "case_id", "case", "sag",
	"sagsnr", "sagsnummer", "ärende", "ärendenr", "ärendenummer",
	"sags_id", "journalnummer", "journalnr", "j_nr", "dnr", "diarienummer",
	"ärende_id", "case_number", "case_no", "arende", "arendenr",
	"arendenummer", "arende_id", NULL };
static const char *const team_names[] = { "team", "gruppe", "grupp",
	"enhed", "enhet", NULL };
static const char *const fte_names[] = { "fte", "årsværk", "årsarbetare",
	NULL };
static const char *const category_names[] = { "category", "kategori",
	"sagstype", "type", "ärendetyp", "foranstaltning", "indsats",
	"insats", "insatstyp", NULL };
static const char *const reduction_names[] = { "reduction", "reduktion",
	"nedsættelse", "nedsättning", NULL };
static const char *const reason_names[] = { "reason", "årsag",
	"begrundelse", "orsak", "anledning", NULL };
static const char *const initials_names[] = { "initials", "initialer",
	"signatur", "forkortelse", "alias", NULL };
static const char *const hours_names[] = { "hours", "timer",
	"timer_pr_uge", "ugentlige_timer", "timmar", "timmar_per_vecka",
	"veckotimmar", "arbejdstid", "ugentlig_arbejdstid", "arbetstid",
	"veckoarbetstid", NULL };

static const char *const placed_names[] = { "placed", "placement_date",
	"anbragt", "anbringelsesdato", "placeret", "placeringsdatum",
	"placerad", "start_date", "startdato", NULL };
static const char *const placement_names[] = { "placement",
	"placement_type", "anbringelsessted", "anbringelsestype",
	"anbringelsesform", "placeringsform", "placering", NULL };
static const char *const last_names[] = { "last_followup",
	"last_follow_up", "last_visit", "seneste_opfølgning",
	"senaste_uppföljning", "senaste_besök", NULL };

const char *const *const cl_role_names[NROLES] = {
	[COL_WORKER] = worker_names, [COL_POINTS] = points_names,
	[COL_CASE] = case_names, [COL_TEAM] = team_names,
	[COL_FTE] = fte_names, [COL_CATEGORY] = category_names,
	[COL_REDUCTION] = reduction_names, [COL_REASON] = reason_names,
	[COL_INITIALS] = initials_names, [COL_HOURS] = hours_names,
	[COL_PLACED] = placed_names, [COL_PLACEMENT] = placement_names,
	[COL_LAST] = last_names,
};

/* Which columns each kind of file reads. */
static const int case_roles[NROLES] = { [COL_WORKER] = 1, [COL_POINTS] = 1,
	[COL_CASE] = 1, [COL_TEAM] = 1, [COL_CATEGORY] = 1, [COL_PLACED] = 1,
	[COL_PLACEMENT] = 1, [COL_LAST] = 1 };
static const int roster_roles[NROLES] = { [COL_WORKER] = 1, [COL_TEAM] = 1,
	[COL_FTE] = 1, [COL_REDUCTION] = 1, [COL_REASON] = 1,
	[COL_INITIALS] = 1, [COL_HOURS] = 1 };

/* The header may be below a title: it is looked for in these lines. */
#define HEADER_LINES 20

const char *const *
cl_column_aliases(const char *column)
{
	for (int r = 0; r < NROLES; r++)
		if (strcmp(cl_role_names[r][0], column) == 0)
			return cl_role_names[r];
	return NULL;
}

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

/* role_of: a roster's "Navn", its worker column unless another is. */
#define ROSTER_NAME NROLES

static int
role_of(const struct cl_source *s, const char *folded)
{
	for (int r = 0; r < NROLES; r++)
		for (const char *const *n = cl_role_names[r]; *n != NULL; n++)
			if (same_name(folded, *n))
				return r;
	if (s->kind == ROSTER)
		for (const char *const *n = roster_worker_names; *n != NULL; n++)
			if (same_name(folded, *n))
				return ROSTER_NAME;
	return -1;
}

static int
wanted(const struct cl_source *s, int role)
{
	return (s->kind == CASES ? case_roles : roster_roles)[role];
}

/* A case list needs a worker column, and points or a category column;
 * for follow-ups, placed and placement instead of points. */
static int
required(const struct cl_source *s, const int *col, int role)
{
	if (s->fu_needed)
		return role == COL_WORKER || role == COL_PLACED ||
		    role == COL_PLACEMENT;
	return role == COL_WORKER || (s->kind == CASES && role == COL_POINTS &&
	    col[COL_CATEGORY] < 0);
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

/* The row's headers, quoted and joined by ", ", into b (cleared). */
static const char *
list_headers(struct cl_source *s, const struct cl_field *f, size_t n,
    struct cl_buf *b)
{
	struct cl_buf q = { 0 };

	b->len = 0;
	cl_buf_append(b, "", 0);
	for (size_t i = 0; i < n; i++) {
		size_t len;
		const char *t = header_text(s, &f[i], &len);

		if (i > 0)
			cl_buf_append(b, ", ", 2);
		quoted_field(&q, t, len);
		cl_buf_append(b, q.data, q.len);
	}
	cl_buf_free(&q);
	return b->data;
}

/* Appends " (a ROLE column is called ROLE, alias, ...)". */
static void
list_aliases(struct cl_source *s, int role)
{
	struct cl_buf names = { 0 };

	for (const char *const *a = cl_role_names[role]; *a != NULL; a++) {
		if (a != cl_role_names[role])
			cl_buf_append(&names, ", ", 2);
		for (const char *c = *a; *c != '\0'; c++)	/* "j nr" */
			cl_buf_putc(&names, (char)(*c == '_' &&
			    a != cl_role_names[role] ? ' ' : *c));
	}
	if (role == COL_WORKER && s->kind == ROSTER)
		for (const char *const *a = roster_worker_names; *a != NULL; a++) {
			cl_buf_append(&names, ", ", 2);
			cl_buf_append(&names, *a, strlen(*a));
		}
	/* TRANSLATORS: " (a points column is called points, point, poäng,
	 * ...)"; the names are what headers may say, in every language */
	msg_printf(s, _(" (a %s column is called %s)"), cl_role_names[role][0],
	    names.data);
	cl_buf_free(&names);
}

/* The header the user named for `role` (--column, the configuration's
 * "columns"), or NULL; only case lists have such names. */
static const char *
named_column(const struct cl_source *s, int role)
{
	const struct cl_config *cfg = cl_engine_config(s->engine);

	if (s->kind != CASES || cfg == NULL)
		return NULL;
	for (size_t i = 0; i < cfg->ncolumns; i++)
		if (strcmp(cfg->columns[i].role, cl_role_names[role][0]) == 0)
			return cfg->columns[i].header;
	return NULL;
}

/* Says in s->msg that two columns name one role. */
static int
two_columns(struct cl_source *s, const struct cl_field *f, int first,
    size_t second, int role)
{
	size_t first_len, len;
	struct cl_buf qa = { 0 }, qb = { 0 };
	const char *a = header_text(s, &f[first], &first_len);
	const char *name = cl_role_names[role][0];

	quoted_field(&qa, a, first_len);
	a = header_text(s, &f[second], &len);
	quoted_field(&qb, a, len);
	if (role == COL_HOURS)
		msg_printf(s, _("columns %s and %s both give the working time "
		    "(fte and hours); keep one"), qa.data, qb.data);
	else if (s->kind == CASES)
		msg_printf(s, _("columns %s and %s both name the %s column; say "
		    "which with --column %s=HEADER"), qa.data, qb.data, name,
		    name);
	else
		msg_printf(s, _("columns %s and %s both name the %s column"),
		    qa.data, qb.data, name);
	cl_buf_free(&qa);
	cl_buf_free(&qb);
	return -2;
}

/*
 * Finds the columns of a header row into col[]: first those the user
 * named, then by alias.  Returns 0; -1 when the row is no header (a
 * column is missing), -2 when it is a header that is wrong (two columns
 * for one role); either way s->msg says what is wrong.
 */
/* The one column whose header is `want` as written (trimmed), or -1
 * (none, or several). */
static int
exact_column(struct cl_source *s, const struct cl_field *f, size_t n,
    const char *want)
{
	size_t wlen = strlen(want);
	int found = -1;

	for (size_t i = 0; i < n; i++) {
		size_t len;
		const char *t = header_text(s, &f[i], &len);

		if (len != wlen || memcmp(t, want, len) != 0)
			continue;
		if (found >= 0)
			return -1;
		found = (int)i;
	}
	return found;
}

static int
columns_of(struct cl_source *s, const struct cl_field *f, size_t n,
    int *col)
{
	int named[NROLES] = { 0 }, name_col = -1;

	s->missing = -1;
	for (int r = 0; r < NROLES; r++)
		col[r] = -1;
	for (int r = 0; r < NROLES; r++) {
		const char *want = named_column(s, r);
		struct cl_buf folded = { 0 };

		if (want == NULL)
			continue;
		named[r] = 1;
		/* a header spelt exactly so is the one meant, even when
		 * another folds to the same name ("Sagsbehandler" beside
		 * "Sagsbehandler (initialer)") */
		if ((col[r] = exact_column(s, f, n, want)) >= 0)
			continue;
		cl_fold_header(&folded, want, strlen(want));
		for (size_t i = 0; i < n; i++) {
			size_t len;
			const char *t = header_text(s, &f[i], &len);

			cl_fold_header(&s->fold, t, len);
			if (!same_name(s->fold.data, folded.data))
				continue;
			if (col[r] >= 0) {
				cl_buf_free(&folded);
				return two_columns(s, f, col[r], i, r);
			}
			col[r] = (int)i;
		}
		cl_buf_free(&folded);
		if (col[r] < 0) {
			struct cl_buf q = { 0 }, all = { 0 };

			msg_printf(s, _("no column %s (named for %s with --column "
			    "or the configuration's columns); the header has %s"),
			    quoted_field(&q, want, strlen(want)),
			    cl_role_names[r][0], list_headers(s, f, n, &all));
			cl_buf_free(&q);
			cl_buf_free(&all);
			return -1;
		}
	}
	for (size_t i = 0; i < n; i++) {
		size_t len;
		const char *t = header_text(s, &f[i], &len);
		int role, taken = 0;

		for (int r = 0; r < NROLES; r++)
			taken |= named[r] && col[r] == (int)i;
		cl_fold_header(&s->fold, t, len);
		role = role_of(s, s->fold.data);
		if (role == ROSTER_NAME && !taken) {
			if (name_col >= 0)
				return two_columns(s, f, name_col, i, COL_WORKER);
			name_col = (int)i;
			continue;
		}
		if (taken || role < 0 || !wanted(s, role) || named[role])
			continue;
		if (col[role] >= 0)
			return two_columns(s, f, col[role], i, role);
		col[role] = (int)i;
	}
	if (col[COL_WORKER] < 0)
		col[COL_WORKER] = name_col;
	if (col[COL_FTE] >= 0 && col[COL_HOURS] >= 0)
		return two_columns(s, f, col[COL_FTE], (size_t)col[COL_HOURS],
		    COL_HOURS);
	for (int r = 0; r < NROLES; r++) {
		struct cl_buf all = { 0 }, what = { 0 };
		int both = r == COL_PLACED && col[COL_PLACEMENT] < 0;

		if (col[r] >= 0 || !required(s, col, r))
			continue;
		list_headers(s, f, n, &all);
		if (r == COL_POINTS)
			cl_buf_printf(&what, "%s", _("no points or category column"));
		else if (both)
			cl_buf_printf(&what, "%s", _("no placed and no placement "
			    "column"));
		else
			cl_buf_printf(&what, _("no %s column"), cl_role_names[r][0]);
		/* TRANSLATORS: "no points column; the header has "a", "b"", with
		 * " (follow-ups need placed and placement)" between them */
		msg_printf(s, _("%s%s; the header has %s"), what.data,
		    s->fu_needed && r != COL_WORKER ? _(" (follow-ups need placed "
		    "and placement)") : "", all.data);
		cl_buf_free(&all);
		cl_buf_free(&what);
		list_aliases(s, r);
		if (r == COL_POINTS)
			list_aliases(s, COL_CATEGORY);
		if (both)
			list_aliases(s, COL_PLACEMENT);
		s->missing = r;
		return -1;
	}
	return 0;
}

/* "line 1" or "lines 1-3" into text. */
static const char *
line_range(char *text, size_t size, long from, long to)
{
	if (from == to)
		snprintf(text, size, _("line %ld"), from);
	else
		snprintf(text, size, _("lines %ld-%ld"), from, to);
	return text;
}

/* Takes row f as the header, or says why it cannot be one; returns 0,
 * or 1 (fatal) to stop. */
static int
use_header(struct cl_source *s, long line, size_t n, int rc)
{
	if (rc != 0) {
		say(s, line, CL_ERROR);
		s->fatal = 1;
		return 1;
	}
	s->ncols = n;
	s->have_header = 1;
	s->header_line = line;
	if (s->nfirst > 0) {
		char range[96];

		/* TRANSLATORS: "the header is on line 3; lines 1-2 (a title)
		 * were skipped" */
		msg_printf(s, P_("the header is on line %ld; %s (a title) was "
		    "skipped", "the header is on line %ld; %s (a title) were "
		    "skipped", line - 1), line,
		    line_range(range, sizeof range, 1, line - 1));
		say(s, line, CL_NOTE);
	}
	if (s->kind == CASES && s->col[COL_CASE] < 0) {
		msg_text(s, _("no case id column: each row counts as one case, "
		    "and repeated rows cannot be found"));
		say(s, line, CL_NOTE);
	}
	if (s->kind == ROSTER && s->col[COL_FTE] < 0 &&
	    s->col[COL_HOURS] < 0) {
		msg_text(s, _("no FTE or hours column: everyone on the roster "
		    "counts as full time (1 FTE)"));
		say(s, line, CL_NOTE);
	}
	/* follow-ups are read when the engine counts them and the file has
	 * both columns they need */
	if (s->kind == CASES && s->col[COL_PLACED] >= 0 &&
	    s->col[COL_PLACEMENT] >= 0 && cl_engine_followups_day(s->engine,
	    &(cl_date){ 0 }, &(long){ 0 })) {
		s->fu = 1;
		cl_engine_saw_followups(s->engine);
	}
	return 0;
}

/* No row in the first HEADER_LINES lines is a header: says what the kept
 * row lacks.  Returns 1 (fatal). */
int
cl_source_no_header(struct cl_source *s)
{
	int col[NROLES];

	cl_msg_drop(&s->msg);
	columns_of(s, s->first_fields, s->nfirst, col);
	if (s->looked_to > s->first_line) {
		char range[96];

		msg_printf(s, _("; looked for the header in %s"),
		    line_range(range, sizeof range, 1, s->looked_to));
	}
	/* --column names only a case list's worker, points and category */
	if (s->kind == CASES && (s->missing == COL_WORKER ||
	    s->missing == COL_POINTS))
		/* TRANSLATORS: both %s are "worker" or "points", as in "no
		 * %s column" and as the option takes it: never translated */
		msg_printf(s, _("; if the %s column has another header, name it "
		    "with --column %s=HEADER"), cl_role_names[s->missing][0],
		    cl_role_names[s->missing][0]);
	else if (s->missing == COL_WORKER)
		msg_text(s, _("; if the worker column has another header, "
		    "rename it worker"));
	say(s, s->first_line, CL_ERROR);
	s->fatal = 1;
	return 1;
}

static void
keep_first(struct cl_source *s, long line, const struct cl_field *f,
    size_t n)
{
	size_t at = 0;

	s->first_line = line;
	s->nfirst = n;
	s->first.len = 0;
	free(s->first_fields);
	for (size_t i = 0; i < n; i++)
		cl_buf_append(&s->first, f[i].ptr, f[i].len);
	cl_buf_putc(&s->first, '\0');
	s->first_fields = cl_xcalloc(n, sizeof *s->first_fields);
	for (size_t i = 0; i < n; i++) {
		s->first_fields[i].ptr = s->first.data + at;
		s->first_fields[i].len = f[i].len;
		at += f[i].len;
	}
}

/* Keeps the header's cells folded, for cl_source_repeats_header. */
static void
keep_header(struct cl_source *s, const struct cl_field *f, size_t n)
{
	s->header_cells.len = 0;
	cl_buf_append(&s->header_cells, "", 0);
	free(s->header_at);
	s->header_at = cl_xcalloc(n > 0 ? n : 1, sizeof *s->header_at);
	for (size_t i = 0; i < n; i++) {
		size_t len;
		const char *t = header_text(s, &f[i], &len);

		cl_fold_header(&s->fold, t, len);
		s->header_at[i] = s->header_cells.len;
		cl_buf_append(&s->header_cells, s->fold.data, s->fold.len);
		cl_buf_putc(&s->header_cells, '\0');
	}
}

int
cl_source_repeats_header(struct cl_source *s, const struct cl_field *f,
    size_t n)
{
	if (s->header_at == NULL || n != s->ncols)
		return 0;
	/* the worker cell first: on most rows it is a name, and that ends it */
	for (size_t k = 0; k <= n; k++) {
		size_t i = k == 0 ? (size_t)s->col[COL_WORKER] : k - 1, len;
		const char *t;

		if (k > 0 && i == (size_t)s->col[COL_WORKER])
			continue;
		t = header_text(s, &f[i], &len);
		cl_fold_header(&s->fold, t, len);
		if (strcmp(s->fold.data, s->header_cells.data +
		    s->header_at[i]) != 0)
			return 0;
	}
	return 1;
}

const char *
cl_source_worker_header(const struct cl_source *s)
{
	return s->header_at != NULL ? s->header_cells.data +
	    s->header_at[s->col[COL_WORKER]] : NULL;
}

/*
 * A row before the header: the header itself when it has the columns a
 * file needs, else a title above it, as long as the first HEADER_LINES
 * lines last.  Returns 0 to go on, 1 to stop.
 */
int
cl_source_find_header(struct cl_source *s, long line,
    const struct cl_field *f, size_t n)
{
	int rc;

	if (s->nfirst > 0 && line > HEADER_LINES)
		return cl_source_no_header(s);
	rc = columns_of(s, f, n, s->col);
	if (rc == -1) {
		cl_msg_drop(&s->msg);
		/* the row to say what is missing of: the first, or the first
		 * with a worker column below a title that has none (a header
		 * that lacks only, say, its placement column) */
		if (s->nfirst == 0 || (s->first_missing == COL_WORKER &&
		    s->missing != COL_WORKER)) {
			s->first_missing = s->missing;
			keep_first(s, line, f, n);
		}
		s->looked_to = line;
		cl_reader_sniff_again(s->reader);	/* a title's delimiter */
		return 0;
	}
	if (use_header(s, line, n, rc) != 0)
		return 1;
	keep_header(s, f, n);
	return 0;
}
