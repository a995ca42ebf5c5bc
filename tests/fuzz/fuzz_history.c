/*
 * fuzz_history.c - bytes as a history database file -> open and check ->
 * list, trend of every length and sort -> every renderer, then forgetting
 * a snapshot; no crash, leak or hang, and a file that is refused is left
 * as it was.
 */
#include <fcntl.h>
#include <unistd.h>

#include "fuzz.h"

static void
ignore(void *ctx, const struct cl_diag *d)
{
	(void)ctx;
	(void)d;
}

static char path[4096];

static void
write_db(const uint8_t *data, size_t size)
{
	int fd;

	if (path[0] == '\0') {
		/* make fuzz sets TMPDIR inside build/: a killed run leaves
		 * its database there, not in /tmp */
		const char *dir = getenv("TMPDIR");

		snprintf(path, sizeof path, "%s/caseload-fuzz-%d.db",
		    dir != NULL && *dir != '\0' ? dir : "/tmp", (int)getpid());
	}
	unlink(path);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0 || (size > 0 && write(fd, data, size) != (ssize_t)size))
		abort();
	close(fd);
}

/* Whether the file still holds exactly data[0..size). */
static int
unchanged(const uint8_t *data, size_t size)
{
	uint8_t *buf = cl_xmalloc(size + 1);
	int fd = open(path, O_RDONLY);
	ssize_t n = fd >= 0 ? read(fd, buf, size + 1) : -1;
	int same = n == (ssize_t)size && memcmp(buf, data, size) == 0;

	if (fd >= 0)
		close(fd);
	free(buf);
	return same;
}

static void
render_all(const struct cl_trend *t, const struct cl_snapshot_list *l)
{
	FILE *out = fopen("/dev/null", "w");
	struct cl_render_options o;
	size_t n;
	const struct cl_format *f = cl_formats(&n);

	cl_render_options_default(&o);
	for (size_t i = 0; i < n; i++) {
		struct cl_result *res;

		o.ascii = (int)i & 1;
		o.by_team = i == 2;
		res = t != NULL ? cl_result_trend(t, &o)
		    : cl_result_snapshots(l, &o);
		if (f[i].render(res, &o, out) != 0)
			abort();
		cl_result_free(res);
	}
	fclose(out);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cl_history *h;
	int status;

	write_db(data, size);
	status = cl_history_open(path, CL_HISTORY_READ, ignore, NULL, &h);
	if (status != CL_OK) {
		if (h != NULL || !unchanged(data, size))
			abort();
		return 0;
	}
	{
		struct cl_snapshot_list *l = NULL;
		struct cl_trend *t = NULL;

		if (cl_history_list(h, &l) == CL_OK)
			render_all(NULL, l);
		for (size_t weeks = 1; weeks <= 9; weeks += 4)
			if (cl_history_trend(h, weeks, (enum cl_sort)(weeks % 3),
			    &t) == CL_OK) {
				render_all(t, NULL);
				cl_trend_free(t);
			}
		cl_history_close(h);
		if (l != NULL && l->n > 0 && cl_history_open(path,
		    CL_HISTORY_CHANGE, ignore, NULL, &h) == CL_OK) {
			cl_history_forget(h, l->snapshots[0].date);
			cl_history_close(h);
		}
		cl_snapshot_list_free(l);
	}
	return 0;
}
