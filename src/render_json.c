/*
 * render_json.c - JSON for scripts, built with cJSON.
 *
 * Numbers go in as raw text from cl_dec_format, not as doubles, so a sum
 * like 1234567890.123456 prints exactly as it was added up.
 */
#include <cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static cJSON *
dec_json(cl_dec v, int decimals)
{
	char buf[CL_DEC_BUFSIZE];

	return cJSON_CreateRaw(cl_dec_format(v, decimals, '.', buf));
}

static cJSON *
count_json(long n)
{
	char buf[24];

	snprintf(buf, sizeof buf, "%ld", n);
	return cJSON_CreateRaw(buf);
}

static cJSON *
value_json(enum cl_type type, int decimals, const struct cl_value *v)
{
	char buf[CL_DATE_BUFSIZE];
	cJSON *list;

	if (v->null)
		return cJSON_CreateNull();
	switch (type) {
	case CL_TYPE_TEXT:
	case CL_TYPE_STATUS:
		return v->text != NULL ? cJSON_CreateString(v->text)
		    : cJSON_CreateNull();
	case CL_TYPE_INTEGER:
		return count_json(v->integer);
	case CL_TYPE_DECIMAL:
	case CL_TYPE_PERCENT:
		return dec_json(v->dec, decimals);
	case CL_TYPE_DATE:
		return cJSON_CreateString(cl_date_format(v->date, buf));
	case CL_TYPE_BOOL:
		return cJSON_CreateBool(v->yes);
	case CL_TYPE_TEXTS:
		list = cJSON_CreateArray();
		for (size_t i = 0; i < v->list.n; i++)
			cJSON_AddItemToArray(list,
			    cJSON_CreateString(v->list.texts[i]));
		return list;
	case CL_TYPE_NUMBERS:
		list = cJSON_CreateArray();
		for (size_t i = 0; i < v->list.n; i++)
			cJSON_AddItemToArray(list, v->list.known != NULL &&
			    !v->list.known[i] ? cJSON_CreateNull() :
			    dec_json(v->list.numbers[i], decimals));
		return list;
	}
	return cJSON_CreateNull();
}

/*
 * Where a value called `name` goes: for "a.b", the object a of `parent`
 * (made when missing) and key b; else `parent` and `name`.  *key points
 * into name or into tmp.
 */
static cJSON *
nest(cJSON *parent, const char *name, const char **key, struct cl_buf *tmp)
{
	const char *dot = strchr(name, '.');
	cJSON *o;

	if (dot == NULL) {
		*key = name;
		return parent;
	}
	tmp->len = 0;
	cl_buf_append(tmp, name, (size_t)(dot - name));
	if ((o = cJSON_GetObjectItemCaseSensitive(parent, tmp->data)) == NULL)
		o = cJSON_AddObjectToObject(parent, tmp->data);
	*key = dot + 1;
	return o;
}

/* An object nested by "a.b" names whose members are all null is null. */
static void
null_empty_groups(cJSON *o)
{
	cJSON *child = o->child;

	while (child != NULL) {
		cJSON *next = child->next, *m = child->child;

		if (cJSON_IsObject(child)) {
			while (m != NULL && cJSON_IsNull(m))
				m = m->next;
			if (m == NULL)	/* keeps its key */
				cJSON_ReplaceItemInObjectCaseSensitive(o,
				    child->string, cJSON_CreateNull());
		}
		child = next;
	}
}

/* A row as an object; a change is two keys, NAME_before and NAME_after. */
static cJSON *
row_json(const struct cl_table *t, const size_t *cols, size_t ncols,
    size_t row, struct cl_buf *key)
{
	cJSON *o = cJSON_CreateObject();
	struct cl_buf group = { 0 };

	for (size_t c = 0; c < ncols; c++) {
		const struct cl_column *col = &t->columns[cols[c]];
		struct cl_value v[2];
		const char *name;
		cJSON *parent = nest(o, col->name, &name, &group);

		memset(v, 0, sizeof v);
		t->cell(t, row, cols[c], v);
		if (!(col->flags & CL_COL_CHANGE)) {
			cJSON_AddItemToObject(parent, name,
			    value_json(col->type, col->decimals, &v[0]));
			continue;
		}
		for (int after = 0; after <= 1; after++) {
			key->len = 0;
			cl_buf_append(key, name, strlen(name));
			cl_buf_append(key, after ? "_after" : "_before",
			    after ? 7 : 8);
			cJSON_AddItemToObject(parent, key->data,
			    value_json(col->type, col->decimals, &v[after]));
		}
	}
	cl_buf_free(&group);
	null_empty_groups(o);
	return o;
}

static cJSON *
table_json(const struct cl_table *t)
{
	size_t *cols = cl_xcalloc(t->ncolumns ? t->ncolumns : 1, sizeof *cols);
	size_t ncols = cl_table_view(t, CL_FOR_TREE, cols);
	cJSON *rows = cJSON_CreateArray();
	struct cl_buf key = { 0 };

	for (size_t r = 0; r < t->nrows; r++)
		cJSON_AddItemToArray(rows, row_json(t, cols, ncols, r, &key));
	cl_buf_free(&key);
	free(cols);
	return rows;
}

static void
add_figures(cJSON *obj, const struct cl_section *s)
{
	for (size_t i = 0; i < s->nfigures; i++) {
		const struct cl_figure *f = &s->figures[i];

		cJSON_AddItemToObject(obj, f->name, value_json(f->type,
		    f->decimals, &f->value));
	}
}

static cJSON *
diag_json(const struct cl_diag *d)
{
	static const char *const severity[] = { "note", "warning", "error" };
	cJSON *o = cJSON_CreateObject();

	cJSON_AddItemToObject(o, "file", d->file != NULL
	    ? cJSON_CreateString(d->file) : cJSON_CreateNull());
	cJSON_AddItemToObject(o, "line", d->line > 0 ? count_json(d->line)
	    : cJSON_CreateNull());
	cJSON_AddStringToObject(o, "severity", severity[d->severity]);
	cJSON_AddStringToObject(o, "message", d->message);
	return o;
}

/* Every section for the tree in order, then the run's diagnostics. */
int
cl_render_json(const struct cl_result *res,
    const struct cl_render_options *opt, FILE *out)
{
	static cJSON_Hooks hooks = { cl_xmalloc, free };
	struct cl_buf path = { 0 };
	cJSON *root, *diags;
	char *text;
	int rc;

	(void)opt;	/* JSON numbers always have a decimal point */
	/* cJSON allocates through us, so it never returns NULL */
	cJSON_InitHooks(&hooks);
	root = cJSON_CreateObject();
	for (size_t i = 0; i < res->nsections; i++) {
		const struct cl_section *s = &res->sections[i];

		if (!(s->audiences & CL_SHOW(CL_FOR_TREE)))
			continue;
		const char *name = NULL;
		cJSON *parent = s->name != NULL ? nest(root, s->name, &name,
		    &path) : root;

		if (s->table != NULL) {
			cJSON_AddItemToObject(parent, name, table_json(s->table));
		} else if (s->name == NULL) {
			add_figures(root, s);
		} else {
			cJSON *group = cJSON_CreateObject();

			add_figures(group, s);
			cJSON_AddItemToObject(parent, name, group);
		}
	}
	cl_buf_free(&path);
	diags = cJSON_AddArrayToObject(root, "diagnostics");
	for (size_t i = 0; i < res->ndiags; i++)
		cJSON_AddItemToArray(diags, diag_json(&res->diags[i]));
	text = cJSON_Print(root);
	rc = fputs(text, out) < 0 || putc('\n', out) == EOF ? -1 : 0;
	free(text);
	cJSON_Delete(root);
	return rc || ferror(out) ? -1 : 0;
}
