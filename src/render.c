/*
 * render.c - what all formats share: the table of formats and the filters.
 */
#include <errno.h>
#include <string.h>

#include "internal.h"

/*
 * A format is a row here, and its file (render_NAME.c) writes any result:
 * adding a format is that file and this row.
 */
static const struct cl_format formats[] = {
	{ "table", CL_FOR_PEOPLE, CL_FORMAT_DECIMAL_COMMA, cl_render_table },
	{ "csv", CL_FOR_SHEET, CL_FORMAT_EXCEL | CL_FORMAT_DECIMAL_COMMA,
	    cl_render_csv },
	{ "tsv", CL_FOR_SHEET, CL_FORMAT_EXCEL | CL_FORMAT_DECIMAL_COMMA,
	    cl_render_tsv },
	{ "json", CL_FOR_TREE, CL_FORMAT_DIAGNOSTICS, cl_render_json },
	{ "html", CL_FOR_PEOPLE, CL_FORMAT_DECIMAL_COMMA |
	    CL_FORMAT_DIAGNOSTICS, cl_render_html },
	{ "xlsx", CL_FOR_PEOPLE, CL_FORMAT_DIAGNOSTICS | CL_FORMAT_NEEDS_FILE,
	    cl_render_xlsx },
};

const struct cl_format *
cl_formats(size_t *n)
{
	*n = sizeof formats / sizeof *formats;
	return formats;
}

const struct cl_format *
cl_format_find(const char *name)
{
	for (size_t i = 0; i < sizeof formats / sizeof *formats; i++)
		if (strcmp(formats[i].name, name) == 0)
			return &formats[i];
	return NULL;
}

int
cl_render(const struct cl_result *result, const char *name,
    const struct cl_render_options *options, FILE *out)
{
	const struct cl_format *f = cl_format_find(name);

	if (f == NULL) {
		errno = EINVAL;
		return -1;
	}
	return f->render(result, options, out);
}

void
cl_render_options_default(struct cl_render_options *o)
{
	memset(o, 0, sizeof *o);
	o->only = CL_ONLY_ALL;
	o->delimiter = ',';
	o->decimal_sep = '.';
	o->percent = "%";
	o->newline = "\n";
}

static const char *const only_names[] = {
	[CL_ONLY_ALL] = "all", [CL_ONLY_OVER] = "over",
	[CL_ONLY_UNDER] = "under", [CL_ONLY_FLAGGED] = "flagged",
	[CL_ONLY_OK] = "ok", [CL_ONLY_CHANGED] = "changed",
};

int
cl_only_parse(const char *name)
{
	for (size_t i = 0; i < sizeof only_names / sizeof *only_names; i++)
		if (strcmp(only_names[i], name) == 0)
			return (int)i;
	return -1;
}

int
cl_only_matches(enum cl_only only, enum cl_load_status s)
{
	switch (only) {
	case CL_ONLY_OVER:
		return s == CL_OVER;
	case CL_ONLY_UNDER:
		return s == CL_UNDER;
	case CL_ONLY_FLAGGED:
		return s != CL_OK_LOAD;
	case CL_ONLY_OK:
		return s == CL_OK_LOAD;
	default:
		return 1;
	}
}
