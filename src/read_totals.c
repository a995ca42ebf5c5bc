/*
 * read_totals.c - total rows in exports: "I alt", "Summa", "Total Team
 * Syd", a sum without a label.  They are never workers and never row
 * errors; each is checked against the rows counted above it and left out.
 * fast_file.c checks and says the total rows it finds with the same
 * cl_totals functions, so that both ways say them alike.
 */
#include <stdlib.h>
#include <string.h>

#include "source.h"

/*
 * A total's value written with spaces between groups of three digits
 * ("9 999,5", "1 209"): the number without them, or -1 when it has no
 * such space or they do not group the whole part in threes.  Only a
 * total row's value is read so; a case's points stay plain numbers.
 */
static int
grouped_value(const char *p, size_t len, cl_dec *value)
{
	char plain[64];
	size_t i = 0, n = 0, group = 0;
	int groups = 0, decimals = 0;

	while (len > 0 && p[len - 1] == ' ')
		len--;
	while (i < len && p[i] == ' ')
		i++;
	while (i < len && n < sizeof plain - 1) {
		size_t sp = decimals ? 0 : cl_space_len(p + i, len - i);

		/* a no-break space in Windows-1252 text, which the points
		 * cell is read as raw bytes in */
		if (!decimals && sp == 0 && (unsigned char)p[i] == 0xa0 &&
		    (i == 0 || (unsigned char)p[i - 1] != 0xc2))
			sp = 1;

		if (sp > 0) {
			if (group == 0 || (groups > 0 && group != 3) ||
			    (groups == 0 && group > 3))
				return -1;
			groups++;
			group = 0;
			i += sp;
			continue;
		}
		if (p[i] == ',' || p[i] == '.') {
			if (groups > 0 && group != 3)
				return -1;
			decimals = 1;
		} else if (p[i] >= '0' && p[i] <= '9' && !decimals) {
			group++;
		}
		plain[n++] = p[i++];
	}
	if (i < len || groups == 0 || (!decimals && group != 3))
		return -1;
	return cl_dec_parse(plain, n, value) == NULL ? 0 : -1;
}

/*
 * A whole number grouped in threes by one separator, '.' or ',', as
 * Danish Excel shows a sum: "1.209", "1.234.567".  Returns how many
 * times the separator is used, with the number in *value, or -1 for any
 * other text.  Used twice or more it is never a decimal; once, "1.209"
 * is also 1.209 (cl_totals_pick chooses).
 */
static int
dot_grouped(const char *p, size_t len, cl_dec *value)
{
	char sep = 0;
	size_t group = 0;
	int groups = 0;
	cl_dec v = 0;

	while (len > 0 && (p[len - 1] == ' ' || p[len - 1] == '\t'))
		len--;
	while (len > 0 && (*p == ' ' || *p == '\t')) {
		p++;
		len--;
	}
	for (size_t i = 0; i < len; i++) {
		if (p[i] == '.' || p[i] == ',') {
			if ((sep != 0 && p[i] != sep) || group == 0 ||
			    (groups > 0 && group != 3) || group > 3)
				return -1;
			sep = p[i];
			groups++;
			group = 0;
		} else if (p[i] >= '0' && p[i] <= '9') {
			if (v > INT64_MAX / CL_DEC_SCALE / 10)
				return -1;
			v = v * 10 + (p[i] - '0');
			group++;
		} else {
			return -1;
		}
	}
	if (groups == 0 || group != 3)
		return -1;
	*value = CL_DEC(v);
	return groups;
}

int
cl_total_value(int c, const struct cl_field *f, size_t n, cl_dec *value,
    cl_dec *alt)
{
	if (c < 0 || (size_t)c >= n || all_blank(&f[c], 1))
		return -1;
	if (cl_dec_parse(f[c].ptr, f[c].len, value) == NULL) {
		if (dot_grouped(f[c].ptr, f[c].len, alt) != 1)
			*alt = *value;
		return 0;
	}
	if (grouped_value(f[c].ptr, f[c].len, value) != 0 &&
	    dot_grouped(f[c].ptr, f[c].len, value) < 2)
		return 1;
	*alt = *value;
	return 0;
}

/* Whether v matches the rows since the last total or all rows above. */
static int
matches(const struct cl_totals *t, cl_dec v)
{
	return !t->sums_overflow && (v == t->since_total || v == t->all_rows);
}

cl_dec
cl_totals_pick(const struct cl_totals *t, cl_dec value, cl_dec alt)
{
	return alt != value && !matches(t, value) && matches(t, alt) ? alt :
	    value;
}

/* Column c's total value, read as cl_totals_pick chooses; returns as
 * cl_total_value. */
static int
picked_value(const struct cl_source *s, int c, const struct cl_field *f,
    size_t n, cl_dec *value)
{
	cl_dec alt;
	int rc = cl_total_value(c, f, n, value, &alt);

	if (rc == 0)
		*value = cl_totals_pick(&s->totals, *value, alt);
	return rc;
}

static int
total_value(const struct cl_source *s, const struct cl_field *f, size_t n,
    cl_dec *value)
{
	return picked_value(s, s->col[COL_POINTS], f, n, value);
}

enum cl_severity
cl_totals_say(struct cl_totals *t, struct cl_msg *m, long line,
    const char *label, const cl_dec *value, const char *unread)
{
	int since = t->last_total > 0;
	/* only exactly 1 is "1 point"; 0.5 and 1.5 are "points" */
	unsigned long n = value != NULL && *value == CL_DEC(1) ? 1 : 2;
	enum cl_severity sev = CL_NOTE;
	struct cl_buf who = { 0 }, q = { 0 };
	char v[CL_DEC_BUFSIZE], sum[CL_DEC_BUFSIZE], all[CL_DEC_BUFSIZE];

	if (label != NULL)
		/* TRANSLATORS: a row such as "I alt" or "Summa" */
		cl_buf_printf(&who, _("total row %s"),
		    quoted_field(&q, label, strlen(label)));
	else
		cl_buf_printf(&who, "%s", _("sum row without a label"));
	cl_msg_figure(value != NULL ? *value : 0, v);
	cl_msg_figure(t->since_total, sum);
	cl_msg_figure(t->all_rows, all);
	if (label != NULL && cl_total_counts(label, strlen(label))) {
		/* TRANSLATORS: %s is "total row "Mette Hansen Count"" */
		cl_msg_printf(m, _("%s left out: a count or an average, not "
		    "points (not checked)"), who.data);
	} else if (value == NULL && unread != NULL) {
		sev = CL_WARNING;
		cl_buf_free(&q);
		cl_msg_printf(m, _("%s left out, not checked: its points %s are "
		    "no number"), who.data, quoted_field(&q, unread,
		    strlen(unread)));
	} else if (value == NULL) {
		cl_msg_printf(m, _("%s left out (it has no points to check)"),
		    who.data);
	} else if (!t->sums_overflow && *value == t->since_total) {
		if (since)
			cl_msg_printf(m, P_("%s (%s point) left out; it matches "
			    "the rows since the total on line %ld", "%s (%s points) "
			    "left out; it matches the rows since the total on line "
			    "%ld", n), who.data, v,
			    t->last_total);
		else
			cl_msg_printf(m, P_("%s (%s point) left out; it matches "
			    "the rows above it", "%s (%s points) left out; it "
			    "matches the rows above it", n), who.data, v);
	} else if (!t->sums_overflow && since && *value == t->all_rows) {
		cl_msg_printf(m, P_("%s (%s point) left out; it matches all "
		    "rows above it (a grand total)", "%s (%s points) left out; "
		    "it matches all rows above it (a grand total)", n),
		    who.data, v);
	} else {
		sev = CL_WARNING;
		/* one figure when both are the same (no points above the
		 * total before it): "the rows above it" says it then */
		int both = since && (t->sums_overflow ||
		    t->since_total != t->all_rows);

		/* rows with errors above it explain the gap; else rows are
		 * most likely missing from the export */
		if (both && t->errors_since > 0)
			cl_msg_printf(m, P_("%s says %s point, but the rows since "
			    "the total on line %ld add up to %s and all rows "
			    "above it to %s; left out (rows with errors since "
			    "that total are not counted)", "%s says %s points, "
			    "but the rows since the total on line %ld add up to "
			    "%s and all rows above it to %s; left out (rows with "
			    "errors since that total are not counted)", n),
			    who.data, v, t->last_total, sum, all);
		else if (both)
			cl_msg_printf(m, P_("%s says %s point, but the rows since "
			    "the total on line %ld add up to %s and all rows "
			    "above it to %s; left out (is the export filtered or "
			    "cut?)", "%s says %s points, but the rows since the "
			    "total on line %ld add up to %s and all rows above it "
			    "to %s; left out (is the export filtered or cut?)", n),
			    who.data, v, t->last_total, sum, all);
		else if (t->errors_since > 0)
			cl_msg_printf(m, P_("%s says %s point, but the rows above "
			    "it add up to %s; left out (rows with errors above it "
			    "are not counted)", "%s says %s points, but the rows "
			    "above it add up to %s; left out (rows with errors "
			    "above it are not counted)", n), who.data, v, sum);
		else
			cl_msg_printf(m, P_("%s says %s point, but the rows above "
			    "it add up to %s; left out (is the export filtered "
			    "or cut?)", "%s says %s points, but the rows above it "
			    "add up to %s; left out (is the export filtered or "
			    "cut?)", n), who.data, v, sum);
	}
	cl_buf_free(&who);
	cl_buf_free(&q);
	t->since_total = 0;
	t->rows_since = 0;
	t->errors_since = 0;
	t->last_total = line;
	return sev;
}

/*
 * Says a total row, which is left out: it should match the rows counted
 * since the total before it (a subtotal) or all rows counted above it (a
 * grand total after subtotals).  When it matches neither, rows are most
 * likely missing from the export, and that is a warning.  `label` is the
 * worker cell, or NULL for a sum row without one.
 */
static void
total_row(struct cl_source *s, long line, const char *label,
    const struct cl_field *f, size_t n)
{
	cl_dec value = 0;
	int rc = total_value(s, f, n, &value);
	char *unread = rc > 0 ? cl_xstrndup(f[s->col[COL_POINTS]].ptr,
	    f[s->col[COL_POINTS]].len) : NULL;

	say(s, line, cl_totals_say(&s->totals, &s->msg, line, label,
	    rc == 0 ? &value : NULL, unread));
	free(unread);
}

int
cl_totals_is_sum(const struct cl_totals *t, cl_dec value)
{
	return t->rows_all > 0 && !t->sums_overflow &&
	    ((t->rows_since > 0 && value == t->since_total) ||
	    (t->last_total > 0 && value == t->all_rows));
}

/* Whether a row whose worker cell is empty is a sum row: no case id
 * either, and points equal to the rows above it (since a total, or all). */
static int
sum_row(struct cl_source *s, const struct cl_field *f, size_t n,
    cl_dec *value)
{
	int c = s->col[COL_CASE];

	if ((c >= 0 && !all_blank(&f[c], 1)) ||
	    total_value(s, f, n, value) != 0)
		return 0;
	return cl_totals_is_sum(&s->totals, *value);
}

void
cl_totals_error(struct cl_totals *t)
{
	t->errors_since++;
}

void
cl_totals_count(struct cl_totals *t, cl_dec points)
{
	if (cl_dec_add(t->since_total, points, &t->since_total) != 0 ||
	    cl_dec_add(t->all_rows, points, &t->all_rows) != 0)
		t->sums_overflow = 1;
	t->rows_since++;
	t->rows_all++;
}

void
cl_source_count_for_totals(struct cl_source *s, cl_dec points)
{
	cl_totals_count(&s->totals, points);
}

/* Whether worker, a row's worker cell, makes it a total row: a total
 * word alone, or with more words when the row has no case id ("Sum Li"
 * with a case number is a worker's case). */
static int
total_worker(const struct cl_source *s, const char *worker,
    const struct cl_field *f, size_t n)
{
	int c = s->col[COL_CASE];

	return cl_total_worker(cl_total_word(worker, strlen(worker)),
	    c < 0 || (size_t)c >= n || all_blank(&f[c], 1));
}

/* The worker cell of a row as a total word, or NULL; the row may have
 * too few fields. */
static const char *
total_label(struct cl_source *s, const struct cl_field *f, size_t n)
{
	const char *why, *worker;
	size_t len;

	if ((size_t)s->col[COL_WORKER] >= n || (worker = cl_reader_text(
	    s->reader, f[s->col[COL_WORKER]], &len, &why)) == NULL)
		return NULL;	/* fields_match reports the row */
	if (!cl_name_is_plain(worker, len))
		worker = cl_source_name_form(s, worker, len);
	return total_worker(s, worker, f, n) ? worker : NULL;
}

/* Column c of a row as a total word or phrase, or NULL. */
static const char *
cell_total_label(struct cl_source *s, const struct cl_field *f, size_t n,
    int c)
{
	const char *why, *t;
	size_t len;

	if (c < 0 || (size_t)c >= n || (t = cl_reader_text(s->reader, f[c],
	    &len, &why)) == NULL)
		return NULL;
	if (!cl_name_is_plain(t, len))
		t = cl_source_name_form(s, t, len);
	return cl_total_word(t, strlen(t)) ? t : NULL;
}

/* The label of a row without a worker: a total word in its case id cell
 * ("I alt" in the first column, when that is the case number's), or,
 * with no case id, in its team cell (Excel's Subtotal at each change of
 * team: "Syd I alt"); or NULL. */
static const char *
empty_worker_label(struct cl_source *s, const struct cl_field *f, size_t n)
{
	int c = s->col[COL_CASE];

	if (c >= 0 && (size_t)c < n && !all_blank(&f[c], 1))
		return cell_total_label(s, f, n, c);
	c = s->col[COL_TEAM];
	if (c < 0 || (size_t)c >= n || all_blank(&f[c], 1))
		return NULL;
	return cell_total_label(s, f, n, c);
}

/* A row's case id cell when it is a total word alone, or NULL: "I alt"
 * in the case number's column below a worker's rows, as a case system
 * writes a subtotal per worker, is no case of that worker.  Only ASCII
 * cells are read here (no total word is other text), so that reading
 * decides nothing about the list's encoding. */
static const char *
id_total_label(struct cl_source *s, const struct cl_field *f, size_t n)
{
	int c = s->col[COL_CASE];
	const char *why, *t;
	size_t len, from = 0, to;

	if (c < 0 || (size_t)c >= n)
		return NULL;
	/* the raw cell, without the quotes, '=' and blanks the reader takes
	 * off, first: this runs on every row with a worker */
	to = f[c].len;
	while (from < to && (f[c].ptr[from] == ' ' || f[c].ptr[from] == '\t' ||
	    f[c].ptr[from] == '"' || f[c].ptr[from] == '='))
		from++;
	while (to > from && (f[c].ptr[to - 1] == ' ' ||
	    f[c].ptr[to - 1] == '\t' || f[c].ptr[to - 1] == '"'))
		to--;
	if (!cl_total_word_may(f[c].ptr + from, to - from) ||
	    cl_has_non_ascii(f[c].ptr, f[c].len) ||
	    (t = cl_reader_text(s->reader, f[c], &len, &why)) == NULL)
		return NULL;
	return cl_total_word_may(t, len) && cl_total_word(t, len) ==
	    CL_TOTAL_WORD ? t : NULL;
}

int
cl_source_total_row(struct cl_source *s, long line, const struct cl_field *f,
    size_t n, const char *worker)
{
	const char *label;
	cl_dec value;

	if (worker == NULL)
		label = total_label(s, f, n);
	else if (*worker != '\0')
		label = total_worker(s, worker, f, n) ? worker :
		    id_total_label(s, f, n);
	else
		label = empty_worker_label(s, f, n);
	if (label == NULL && (worker == NULL || *worker != '\0' ||
	    !sum_row(s, f, n, &value)))
		return 0;
	total_row(s, line, label, f, n);
	return 1;
}

/* A roster total row's hours, checked against the hours of the rows
 * above it (a roster has hours or FTE, never both); says it into s->msg
 * and returns its severity. */
static enum cl_severity
roster_total_hours(struct cl_source *s, const char *who,
    const struct cl_field *f, size_t n, const char *sum, const char *all)
{
	const struct cl_totals *t = &s->totals;
	char v[CL_DEC_BUFSIZE];
	cl_dec value;

	if (picked_value(s, s->col[COL_HOURS], f, n, &value) != 0) {
		msg_printf(s, _("%s left out of the roster (it has no hours to "
		    "check)"), who);
		return CL_NOTE;
	}
	cl_msg_figure(value, v);
	if (!t->sums_overflow && (value == t->since_total ||
	    value == t->all_rows)) {
		msg_printf(s, _("%s (%s hours) left out of the roster; it matches "
		    "the rows above it"), who, v);
		return CL_NOTE;
	}
	if (t->last_total > 0 && (t->sums_overflow ||
	    t->since_total != t->all_rows))
		msg_printf(s, _("%s says %s hours, but the roster's rows since "
		    "the total on line %ld add up to %s and all rows above it "
		    "to %s; left out"), who, v, t->last_total, sum, all);
	else
		msg_printf(s, _("%s says %s hours, but the roster's rows above "
		    "it add up to %s; left out"), who, v, sum);
	return CL_WARNING;
}

int
cl_source_roster_total_row(struct cl_source *s, long line,
    const struct cl_field *f, size_t n, const char *worker)
{
	struct cl_totals *t = &s->totals;
	enum cl_severity sev = CL_NOTE;
	struct cl_buf who = { 0 }, q = { 0 };
	char sum[CL_DEC_BUFSIZE], all[CL_DEC_BUFSIZE];
	cl_dec value;

	if (!cl_total_word(worker, strlen(worker)))
		return 0;
	cl_buf_printf(&who, _("total row %s"),
	    quoted_field(&q, worker, strlen(worker)));
	cl_msg_figure(t->since_total, sum);
	cl_msg_figure(t->all_rows, all);
	if (cl_total_counts(worker, strlen(worker))) {
		msg_printf(s, _("%s left out of the roster: a count or an "
		    "average (not checked)"), who.data);
	} else if (s->col[COL_HOURS] >= 0) {
		sev = roster_total_hours(s, who.data, f, n, sum, all);
	} else if (picked_value(s, s->col[COL_FTE], f, n, &value) != 0) {
		msg_printf(s, _("%s left out of the roster (it has no FTE to "
		    "check)"), who.data);
	} else {
		char v[CL_DEC_BUFSIZE];

		cl_msg_figure(value, v);
		if (!t->sums_overflow && (value == t->since_total ||
		    value == t->all_rows)) {
			msg_printf(s, _("%s (%s FTE) left out of the roster; it "
			    "matches the rows above it"), who.data, v);
		} else {
			sev = CL_WARNING;
			/* one figure when since and all are the same */
			if (t->last_total > 0 && (t->sums_overflow ||
			    t->since_total != t->all_rows))
				msg_printf(s, _("%s says %s FTE, but the roster's "
				    "rows since the total on line %ld add up to %s "
				    "and all rows above it to %s; left out"),
				    who.data, v, t->last_total, sum, all);
			else
				msg_printf(s, _("%s says %s FTE, but the roster's "
				    "rows above it add up to %s; left out"),
				    who.data, v, sum);
		}
	}
	say(s, line, sev);
	t->since_total = 0;
	t->rows_since = 0;
	t->last_total = line;
	cl_buf_free(&who);
	cl_buf_free(&q);
	return 1;
}
