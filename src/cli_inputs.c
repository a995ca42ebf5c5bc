/*
 * cli_inputs.c - opening and reading what the command line names: case
 * lists, the roster, the configuration, the --keep list.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

int
cli_open_input(struct input *in, const char *path)
{
	struct stat st;

	if (strcmp(path, "-") == 0) {
		in->name = "<stdin>";
		in->fd = STDIN_FILENO;
	} else {
		in->name = path;
		in->fd = open(path, O_RDONLY);
		if (in->fd < 0) {
			fprintf(stderr, "caseload: %s: %s\n", path,
			    strerror(errno));
			return -1;
		}
	}
	/* `caseload - < folder` says what `caseload folder` says */
	if (fstat(in->fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		fprintf(stderr, "caseload: %s: %s\n", in->name,
		    _("is a directory"));
		if (in->fd != STDIN_FILENO)
			close(in->fd);
		in->fd = -1;
		return -1;
	}
	return 0;
}

/* Whether path ("-": standard input) is the regular file `out`. */
static int
same_file(const char *path, const struct stat *out)
{
	struct stat st;

	if ((strcmp(path, "-") == 0 ? fstat(STDIN_FILENO, &st) :
	    stat(path, &st)) != 0)
		return 0;
	return st.st_dev == out->st_dev && st.st_ino == out->st_ino;
}

int
cli_check_output(const struct options *o, const char *db,
    char *const *lists, size_t nlists)
{
	const char *env = getenv("CASELOAD_CONFIG");
	const char *named[] = { o->config != NULL ? o->config :
	    env != NULL && *env != '\0' ? env : NULL, o->roster, o->keep_file,
	    o->record, db };
	const char *hit = NULL;
	struct stat out;

	/* Nothing the run reads may become its report: a case list, a
	 * roster, a configuration or a history turned into a report is
	 * lost, and a weekly script with a typo loses the export the next
	 * week's diff needs. */
	if (o->output == NULL || strcmp(o->output, "-") == 0 ||
	    stat(o->output, &out) != 0 || !S_ISREG(out.st_mode))
		return CL_OK;
	for (size_t i = 0; i < sizeof named / sizeof *named && !hit; i++)
		if (named[i] != NULL && same_file(named[i], &out))
			hit = named[i];
	for (size_t i = 0; i < nlists && !hit; i++)
		if (same_file(lists[i], &out))
			hit = lists[i];
	/* no case list named: the report reads standard input */
	if (!hit && nlists == 0 && db == NULL && same_file("-", &out))
		hit = "-";
	if (hit == NULL)
		return CL_OK;
	return cli_usage_error(_("-o %s would replace %s, which this run "
	    "reads: name another file for the report"), o->output,
	    strcmp(hit, "-") == 0 ? "<stdin>" : hit);
}

void
cli_close_input(struct input *in)
{
	if (in->fd > STDIN_FILENO)
		close(in->fd);
	in->fd = -1;
}

int
cli_read_input(struct cl_source *src, struct input *in, int report_only,
    int *fatal)
{
	int status = report_only ?
	    cl_source_read_fd_for_report(src, in->fd, fatal) :
	    cl_source_read_fd(src, in->fd, fatal);

	if (status == CL_ENOINPUT)
		fprintf(stderr, "caseload: %s: %s\n", in->name,
		    strerror(errno));
	return status;
}

#define MAX_CONFIG_BYTES ((size_t)16 << 20)

/* Reads a whole configuration file into *text; returns CL_OK, or
 * CL_ENOINPUT / CL_ECONFIG with the message printed. */
static int
slurp(const char *path, char **text, size_t *len)
{
	struct input in;
	struct cl_buf b = { 0 };
	char chunk[65536];
	ssize_t n;

	if (cli_open_input(&in, path) != 0)
		return CL_ENOINPUT;
	while ((n = read(in.fd, chunk, sizeof chunk)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 || b.len + (size_t)n > MAX_CONFIG_BYTES) {
			fprintf(stderr, "caseload: %s: %s\n", in.name, n < 0
			    ? strerror(errno) : _("larger than 16 MiB: not a "
			    "configuration file"));
			cli_close_input(&in);
			cl_buf_free(&b);
			return n < 0 ? CL_ENOINPUT : CL_ECONFIG;
		}
		cl_buf_append(&b, chunk, (size_t)n);
	}
	cli_close_input(&in);
	cl_buf_append(&b, "", 0);
	*len = b.len;
	*text = b.data;
	return CL_OK;
}

/*
 * The configuration in effect: defaults, then the file (--config, else
 * $CASELOAD_CONFIG), then the target flags.  Returns CL_OK, CL_ENOINPUT
 * or CL_ECONFIG.
 */
int
cli_load_config(const struct options *o, struct cl_config *config)
{
	const char *path = o->config, *env = getenv("CASELOAD_CONFIG");
	struct run run = { 0 };

	if (path == NULL && env != NULL && *env != '\0')
		path = env;
	if (path != NULL) {
		char *text;
		size_t len;
		int status;

		if ((status = slurp(path, &text, &len)) != CL_OK)
			return status;
		status = cl_config_read(config, path, text, len, cli_print_diag,
		    &run);
		free(text);
		if (status != CL_OK)
			return status;
	}
	/* --column beats the configuration's "columns" */
	for (size_t i = 0; i < o->ncolumns; i++) {
		char *eq = strchr(o->columns[i], '=');

		*eq = '\0';
		cl_config_set_column(config, o->columns[i], eq + 1);
		*eq = '=';
	}
	if (o->flags_set & CL_SET_POINTS)
		config->targets.points = o->targets.points;
	if (o->flags_set & CL_SET_CASES)
		config->targets.cases = o->targets.cases;
	if (o->flags_set & CL_SET_UNDER)
		config->targets.under_pct = o->targets.under_pct;
	return CL_OK;
}

/* A --keep file in UTF-16 (Excel's and Notepad's "Unicode text"), as
 * the UTF-8 it stands for; the file's own text when it is none, or not
 * valid UTF-16 (its ids then match no case, and are said so). */
static void
keep_as_utf8(char **text, size_t *len)
{
	int mark = cl_utf16_mark((const unsigned char *)*text, *len);
	struct cl_buf utf8 = { 0 };

	if (mark == 0 || (*len - 2) % 2 != 0 ||
	    cl_utf16_decode(&utf8, (const unsigned char *)*text + 2, *len - 2,
	    mark == 1, 1) < 0) {
		cl_buf_free(&utf8);
		return;
	}
	cl_buf_append(&utf8, "", 0);
	free(*text);
	*text = utf8.data;
	*len = utf8.len;
}

/* An id as a spreadsheet may save it: ="00123" or "00123" is 00123. */
static char *
keep_unquoted(char *id, char *end)
{
	if (end - id >= 3 && id[0] == '=' && id[1] == '"' && end[-1] == '"' &&
	    memchr(id + 2, '"', (size_t)(end - id - 3)) == NULL) {
		end[-1] = '\0';
		return id + 2;
	}
	if (end - id >= 2 && id[0] == '"' && end[-1] == '"' &&
	    memchr(id + 1, '"', (size_t)(end - id - 2)) == NULL) {
		end[-1] = '\0';
		return id + 1;
	}
	return id;
}

/* The case ids of a --keep file: one a line; blank lines and lines
 * starting with # are skipped.  The strings point into *text; (*lines)[i]
 * is the line of (*ids)[i]. */
int
cli_read_keep(const char *path, char **text, const char ***ids, long **lines,
    size_t *n)
{
	size_t len;
	int status = slurp(path, text, &len);
	char *p, *end;
	long line = 0;

	*ids = NULL;
	*lines = NULL;
	*n = 0;
	if (status != CL_OK)
		return status == CL_ECONFIG ? CL_ENOINPUT : status;
	keep_as_utf8(text, &len);
	p = *text;
	end = p + len;
	/* Notepad and Excel start a UTF-8 file with a byte-order mark */
	if (len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	while (p < end) {
		char *eol = p, *id = p, *last;

		while (eol < end && *eol != '\n' && *eol != '\r')
			eol++;
		line++;
		last = eol;
		/* CRLF, LF or CR ends a line */
		p = eol + (eol + 1 < end && eol[0] == '\r' && eol[1] == '\n' ?
		    2 : 1);
		*eol = '\0';
		while (*id == ' ' || *id == '\t')
			id++;
		while (last > id && (last[-1] == ' ' || last[-1] == '\t'))
			*--last = '\0';
		if (*id == '\0' || *id == '#')
			continue;
		*ids = cl_xrealloc(*ids, (*n + 1) * sizeof **ids);
		*lines = cl_xrealloc(*lines, (*n + 1) * sizeof **lines);
		(*lines)[*n] = line;
		(*ids)[(*n)++] = keep_unquoted(id, last);
	}
	return CL_OK;
}

