/*
 * render_history_csv.c - trends and snapshot lists as CSV and TSV: a row
 * per worker (or per team with --by team) with a column per snapshot,
 * named by its date.  Quoting and the formula guard as in render_csv.c.
 */
#include <string.h>

#include "render_history.h"

struct sheet {
	FILE *out;
	const struct cl_render_options *opt;
	char delim;
	int first;
};

static void
separate(struct sheet *s)
{
	if (!s->first)
		putc(s->delim, s->out);
	s->first = 0;
}

static void
text_cell(struct sheet *s, const char *text)
{
	int quote = strchr(text, s->delim) != NULL || strpbrk(text, "\"\r\n");

	separate(s);
	if (quote)
		putc('"', s->out);
	if (text[0] != '\0' && strchr("=+-@\t\r\n", text[0]) != NULL)
		putc('\'', s->out);
	for (const char *p = text; *p != '\0'; p++) {
		if (*p == '"')
			putc('"', s->out);
		putc(*p, s->out);
	}
	if (quote)
		putc('"', s->out);
}

/* A number, or an empty cell when unknown; signed numbers stay plain. */
static void
number_cell(struct sheet *s, int known, cl_dec v, int decimals)
{
	char buf[CL_DEC_BUFSIZE];

	separate(s);
	if (!known)
		return;
	cl_dec_format(v, decimals, s->opt->decimal_sep, buf);
	if (strchr(buf, s->delim) != NULL)
		fprintf(s->out, "\"%s\"", buf);
	else
		fputs(buf, s->out);
}

static void
count_cell(struct sheet *s, long n)
{
	separate(s);
	fprintf(s->out, "%ld", n);
}

static void
end_row(struct sheet *s)
{
	fputs(s->opt->newline, s->out);
	s->first = 1;
}

static void
loads(struct sheet *s, const cl_dec *v, const unsigned char *known,
    size_t n)
{
	for (size_t i = 0; i < n; i++)
		number_cell(s, known[i], v[i], 2);
}

static int
render_trend(const struct cl_trend *t, const struct cl_render_options *o,
    FILE *out, char delim)
{
	struct sheet s = { out, o, delim, 1 };

	if (o->bom)
		fputs("\xef\xbb\xbf", out);
	text_cell(&s, o->by_team ? "team" : "worker");
	if (!o->by_team)
		text_cell(&s, "team");
	for (size_t i = 0; i < t->nsnapshots; i++)
		text_cell(&s, t->dates[i]);
	if (!o->by_team) {
		text_cell(&s, "status");
		text_cell(&s, "streak");
	}
	text_cell(&s, "average_load_pct");
	if (!o->by_team)
		text_cell(&s, "change_pct");
	end_row(&s);
	for (size_t i = 0; o->by_team && i < t->nteams; i++) {
		const struct cl_trend_team *team = &t->teams[i];

		text_cell(&s, team->team != NULL ? team->team : "");
		loads(&s, team->loads, team->known, t->nsnapshots);
		number_cell(&s, team->has_average, team->average_load, 2);
		end_row(&s);
	}
	for (size_t i = 0; !o->by_team && i < t->nworkers; i++) {
		const struct cl_trend_worker *w = &t->workers[i];

		if (!cl_trend_shows(w, o->only))
			continue;
		text_cell(&s, w->worker);
		text_cell(&s, w->team != NULL ? w->team : "");
		loads(&s, w->loads, w->known, t->nsnapshots);
		text_cell(&s, w->present ? cl_load_status_name(w->status) : "");
		count_cell(&s, w->streak);
		number_cell(&s, w->has_average, w->average_load, 2);
		number_cell(&s, w->has_change, w->change, 2);
		end_row(&s);
	}
	return ferror(out) ? -1 : 0;
}

static char
csv_delimiter(const struct cl_render_options *o)
{
	if (o->delimiter == '\0')
		return ',';
	return o->delimiter;
}

int
cl_render_trend_csv(const struct cl_trend *t,
    const struct cl_render_options *o, FILE *out)
{
	return render_trend(t, o, out, csv_delimiter(o));
}

int
cl_render_trend_tsv(const struct cl_trend *t,
    const struct cl_render_options *o, FILE *out)
{
	return render_trend(t, o, out, '\t');
}

static int
render_list(const struct cl_snapshot_list *l,
    const struct cl_render_options *o, FILE *out, char delim)
{
	static const char *const titles[] = { "date", "files", "workers",
		"cases", "points" };
	struct sheet s = { out, o, delim, 1 };

	if (o->bom)
		fputs("\xef\xbb\xbf", out);
	for (size_t c = 0; c < 5; c++)
		text_cell(&s, titles[c]);
	end_row(&s);
	for (size_t i = 0; i < l->n; i++) {
		const struct cl_snapshot_info *snap = &l->snapshots[i];
		struct cl_buf files = { 0 };

		/* names hold commas more often than semicolons */
		for (size_t k = 0; k < snap->nfiles; k++) {
			if (k > 0)
				cl_buf_append(&files, "; ", 2);
			cl_buf_append(&files, snap->files[k],
			    strlen(snap->files[k]));
		}
		cl_buf_append(&files, "", 0);
		text_cell(&s, snap->date);
		text_cell(&s, files.data);
		count_cell(&s, snap->workers);
		count_cell(&s, snap->cases);
		number_cell(&s, 1, snap->points, CL_DEC_DIGITS);
		end_row(&s);
		cl_buf_free(&files);
	}
	return ferror(out) ? -1 : 0;
}

int
cl_render_list_csv(const struct cl_snapshot_list *l,
    const struct cl_render_options *o, FILE *out)
{
	return render_list(l, o, out, csv_delimiter(o));
}

int
cl_render_list_tsv(const struct cl_snapshot_list *l,
    const struct cl_render_options *o, FILE *out)
{
	return render_list(l, o, out, '\t');
}
