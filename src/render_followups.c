/*
 * render_followups.c - the follow-ups result (caseload followups) as a
 * table, CSV, TSV or JSON.
 *
 * It is one file on purpose: its columns are listed once below (name for
 * CSV and JSON, label for the table, type), and each format walks them,
 * so that it moves easily onto the shared result description when the
 * renderers get one.  Until then it keeps its own small copies of the
 * table's alignment, the CSV quoting and the JSON diagnostics.
 */
#include <cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

enum type { T_TEXT, T_COUNT, T_RATE, T_DATE, T_STATUS };

/* A cell's value; `none` is an absent one (no team, no target, ...). */
struct value {
	enum type type;
	int none;
	const char *text;
	long count;
	cl_dec dec;
	cl_date date;
};

struct column {
	const char *name;       /* CSV and JSON */
	const char *label;      /* table */
	int left;
};

static const struct column worker_columns[] = {
	{ "worker", "Worker", 1 }, { "team", "Team", 1 },
	{ "cases", "Cases", 0 }, { "overdue", "Overdue", 0 },
	{ "due", "Due", 0 }, { "followups_per_month", "F/month", 0 },
	{ "followups_target", "Max", 0 }, { "status", "Status", 1 },
};
#define NWORKER_COLUMNS (sizeof worker_columns / sizeof *worker_columns)

static const struct column case_columns[] = {
	{ "case_id", "Case", 1 }, { "worker", "Worker", 1 },
	{ "placement", "Placement", 1 }, { "placed", "Placed", 1 },
	{ "last_followup", "Last follow-up", 1 }, { "next_due", "Next due", 1 },
	{ "days_overdue", "Days overdue", 0 },
};
#define NCASE_COLUMNS (sizeof case_columns / sizeof *case_columns)

static struct value
text_value(const char *s)
{
	struct value v = { T_TEXT, s == NULL, s, 0, 0, 0 };

	return v;
}

static struct value
count_value(long n)
{
	struct value v = { T_COUNT, 0, NULL, n, 0, 0 };

	return v;
}

static void
worker_values(const struct cl_fu_worker *w, struct value *v)
{
	v[0] = text_value(w->worker);
	v[1] = text_value(w->team);
	v[2] = count_value(w->cases);
	v[3] = count_value(w->overdue);
	v[4] = count_value(w->due);
	v[5] = (struct value){ T_RATE, 0, NULL, 0, w->per_month, 0 };
	v[6] = (struct value){ T_RATE, !w->has_target, NULL, 0, w->target, 0 };
	v[7] = text_value(w->over ? "over" : "ok");
	v[7].type = T_STATUS;
}

static void
case_values(const struct cl_fu_case *c, struct value *v)
{
	v[0] = text_value(c->case_id);
	v[1] = text_value(c->worker);
	v[2] = text_value(c->placement);
	v[3] = (struct value){ T_DATE, 0, NULL, 0, 0, c->placed };
	v[4] = (struct value){ T_DATE, !c->has_last, NULL, 0, 0, c->last };
	v[5] = (struct value){ T_DATE, 0, NULL, 0, 0, c->next_due };
	v[6] = count_value(c->days_overdue);
}

/* A value as text; NULL for an absent one.  buf holds 48 bytes. */
static const char *
format(const struct value *v, char sep, char *buf)
{
	if (v->none)
		return NULL;
	switch (v->type) {
	case T_COUNT:
		snprintf(buf, 48, "%ld", v->count);
		return buf;
	case T_RATE:
		return cl_dec_format(v->dec, 2, sep, buf);
	case T_DATE:
		return cl_date_format(v->date, buf);
	default:
		return v->text;
	}
}

/* ---- table ---- */

struct grid {
	size_t ncols, nrows;
	char **text;            /* escaped for the terminal */
	size_t *width;
};

static void
grid_row(struct grid *g, const struct column *cols, const struct value *v,
    char sep)
{
	g->text = cl_xrealloc(g->text, (g->nrows + 1) * g->ncols *
	    sizeof *g->text);
	g->width = cl_xrealloc(g->width, (g->nrows + 1) * g->ncols *
	    sizeof *g->width);
	for (size_t c = 0; c < g->ncols; c++) {
		char buf[48];
		const char *t = cols != NULL ? cols[c].label
		    : format(&v[c], sep, buf);
		size_t i = g->nrows * g->ncols + c;
		struct cl_buf b = { 0 };

		cl_buf_append(&b, "", 0);
		g->width[i] = cl_text_for_terminal(&b, t != NULL ? t : "-");
		g->text[i] = b.data;
	}
	g->nrows++;
}

static void
grid_print(struct grid *g, const struct column *cols, FILE *out)
{
	size_t *widths = cl_xcalloc(g->ncols, sizeof *widths);

	for (size_t i = 0; i < g->nrows * g->ncols; i++)
		if (g->width[i] > widths[i % g->ncols])
			widths[i % g->ncols] = g->width[i];
	for (size_t r = 0; r < g->nrows; r++) {
		for (size_t c = 0; c < g->ncols; c++) {
			size_t i = r * g->ncols + c;
			size_t gap = widths[c] - g->width[i];

			if (c > 0)
				fputs("  ", out);
			while (!cols[c].left && gap > 0 && gap--)
				putc(' ', out);
			fputs(g->text[i], out);
			while (c < g->ncols - 1 && cols[c].left && gap-- > 0)
				putc(' ', out);
			free(g->text[i]);
		}
		putc('\n', out);
	}
	free(widths);
	free(g->text);
	free(g->width);
}

static void
summary_line(const struct cl_followups *f, char sep, FILE *out)
{
	char as_of[CL_DATE_BUFSIZE], rate[CL_DEC_BUFSIZE];

	fprintf(out, "As of %s: %ld case%s with a follow-up schedule, %ld "
	    "overdue, %ld due within %ld day%s; %s follow-up%s a month.\n",
	    cl_date_format(f->as_of, as_of), f->cases_total,
	    f->cases_total == 1 ? "" : "s", f->overdue, f->due, f->window,
	    f->window == 1 ? "" : "s", cl_dec_format(f->per_month, 2, sep,
	    rate), f->per_month == CL_DEC(1) ? "" : "s");
}

static int
render_table(const struct cl_followups *f, int list,
    const struct cl_render_options *opt, FILE *out)
{
	const struct column *cols = list ? case_columns : worker_columns;
	struct grid g = { list ? NCASE_COLUMNS : NWORKER_COLUMNS, 0, NULL,
		NULL };
	size_t n = list ? f->ncases : f->nworkers;

	if (n == 0) {
		fputs(list ? "No case is due or overdue.\n\n" : "No workers.\n\n",
		    out);
	} else {
		grid_row(&g, cols, NULL, opt->decimal_sep);
		for (size_t i = 0; i < n; i++) {
			struct value v[NWORKER_COLUMNS];

			if (list)
				case_values(&f->cases[i], v);
			else
				worker_values(&f->workers[i], v);
			grid_row(&g, NULL, v, opt->decimal_sep);
		}
		grid_print(&g, cols, out);
		putc('\n', out);
	}
	summary_line(f, opt->decimal_sep, out);
	return ferror(out) ? -1 : 0;
}

/* ---- CSV and TSV ---- */

static void
csv_cell(FILE *out, const char *text, char delim, int first, int guard)
{
	int quote = strchr(text, delim) != NULL || strpbrk(text, "\"\r\n");

	if (!first)
		putc(delim, out);
	if (quote)
		putc('"', out);
	/* a text a spreadsheet would run as a formula */
	if (guard && text[0] != '\0' && strchr("=+-@\t\r\n", text[0]) != NULL)
		putc('\'', out);
	for (const char *p = text; *p != '\0'; p++) {
		if (*p == '"')
			putc('"', out);
		putc(*p, out);
	}
	if (quote)
		putc('"', out);
}

static int
render_sheet(const struct cl_followups *f, int list,
    const struct cl_render_options *opt, FILE *out, char delim)
{
	const struct column *cols = list ? case_columns : worker_columns;
	size_t ncols = list ? NCASE_COLUMNS : NWORKER_COLUMNS;
	size_t n = list ? f->ncases : f->nworkers;
	struct value v[NWORKER_COLUMNS];

	if (opt->bom)
		fputs("\xef\xbb\xbf", out);
	for (size_t c = 0; c < ncols; c++)
		csv_cell(out, cols[c].name, delim, c == 0, 0);
	fputs(opt->newline, out);
	for (size_t i = 0; i < n; i++) {
		if (list)
			case_values(&f->cases[i], v);
		else
			worker_values(&f->workers[i], v);
		for (size_t c = 0; c < ncols; c++) {
			char buf[48];
			const char *t = format(&v[c], opt->decimal_sep, buf);

			csv_cell(out, t != NULL ? t : "", delim, c == 0,
			    v[c].type == T_TEXT);
		}
		fputs(opt->newline, out);
	}
	return ferror(out) ? -1 : 0;
}

static int
render_csv(const struct cl_followups *f, int list,
    const struct cl_render_options *opt, FILE *out)
{
	char delim = opt->delimiter;

	if (delim == '\0')
		delim = ',';
	return render_sheet(f, list, opt, out, delim);
}

static int
render_tsv(const struct cl_followups *f, int list,
    const struct cl_render_options *opt, FILE *out)
{
	return render_sheet(f, list, opt, out, '\t');
}

/* ---- JSON ---- */

static void
json_add(cJSON *o, const char *key, const struct value *v)
{
	char buf[48];
	const char *t = format(v, '.', buf);

	if (t == NULL)
		cJSON_AddNullToObject(o, key);
	else if (v->type == T_COUNT || v->type == T_RATE)
		cJSON_AddRawToObject(o, key, t);
	else
		cJSON_AddStringToObject(o, key, t);
}

static cJSON *
json_row(const struct column *cols, size_t ncols, const struct value *v)
{
	cJSON *o = cJSON_CreateObject();

	for (size_t c = 0; c < ncols; c++)
		json_add(o, cols[c].name, &v[c]);
	return o;
}

static cJSON *
json_diag(const struct cl_diag *d)
{
	static const char *const severity[] = { "note", "warning", "error" };
	cJSON *o = cJSON_CreateObject();
	struct value line = count_value(d->line);

	line.none = d->line <= 0;
	json_add(o, "file", &(struct value){ T_TEXT, d->file == NULL, d->file,
	    0, 0, 0 });
	json_add(o, "line", &line);
	cJSON_AddStringToObject(o, "severity", severity[d->severity]);
	cJSON_AddStringToObject(o, "message", d->message);
	return o;
}

static int
render_json(const struct cl_followups *f, int list,
    const struct cl_render_options *opt, FILE *out)
{
	static cJSON_Hooks hooks = { cl_xmalloc, free };
	struct value v[NWORKER_COLUMNS];
	cJSON *root, *arr, *summary;
	char *text;
	int rc;

	(void)list;	/* JSON always has both the workers and the cases */
	cJSON_InitHooks(&hooks);
	root = cJSON_CreateObject();
	json_add(root, "as_of", &(struct value){ T_DATE, 0, NULL, 0, 0,
	    f->as_of });
	arr = cJSON_AddArrayToObject(root, "workers");
	for (size_t i = 0; i < f->nworkers; i++) {
		worker_values(&f->workers[i], v);
		cJSON_AddItemToArray(arr, json_row(worker_columns,
		    NWORKER_COLUMNS, v));
	}
	arr = cJSON_AddArrayToObject(root, "cases");
	for (size_t i = 0; i < f->ncases; i++) {
		case_values(&f->cases[i], v);
		cJSON_AddItemToArray(arr, json_row(case_columns, NCASE_COLUMNS,
		    v));
	}
	summary = cJSON_AddObjectToObject(root, "summary");
	json_add(summary, "cases", &(struct value){ T_COUNT, 0, NULL,
	    f->cases_total, 0, 0 });
	json_add(summary, "overdue", &(struct value){ T_COUNT, 0, NULL,
	    f->overdue, 0, 0 });
	json_add(summary, "due", &(struct value){ T_COUNT, 0, NULL, f->due, 0,
	    0 });
	json_add(summary, "followups_per_month", &(struct value){ T_RATE, 0,
	    NULL, 0, f->per_month, 0 });
	arr = cJSON_AddArrayToObject(root, "diagnostics");
	for (size_t i = 0; i < opt->ndiags; i++)
		cJSON_AddItemToArray(arr, json_diag(&opt->diags[i]));
	text = cJSON_Print(root);
	rc = fputs(text, out) < 0 || putc('\n', out) == EOF ? -1 : 0;
	free(text);
	cJSON_Delete(root);
	return rc || ferror(out) ? -1 : 0;
}

static const struct {
	const char *name;
	cl_render_followups_fn render;
} formats[] = {
	{ "table", render_table }, { "csv", render_csv },
	{ "tsv", render_tsv }, { "json", render_json },
};

cl_render_followups_fn
cl_render_followups_lookup(const char *name)
{
	for (size_t i = 0; i < sizeof formats / sizeof *formats; i++)
		if (strcmp(formats[i].name, name) == 0)
			return formats[i].render;
	return NULL;
}
