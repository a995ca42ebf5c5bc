/*
 * fuzz_followups.c - dates and schedules: bytes -> (configuration with
 * schedules) -> follow-up case list -> engine -> every follow-ups and
 * report format; no crash, leak or hang, and the results keep their
 * invariants.
 *
 * The input is a JSON configuration and a case list separated by a NUL
 * byte (no NUL: all of it is the case list, with Borås's schedules).  Its
 * first line is also parsed as a date, which must format back to itself.
 */
#include "fuzz.h"

static void
ignore(void *ctx, const struct cl_diag *d)
{
	(void)ctx;
	(void)d;
}

static void
check_date(const uint8_t *data, size_t size)
{
	const char *nl = memchr(data, '\n', size);
	size_t len = nl != NULL ? (size_t)((const uint8_t *)nl - data) : size;
	char buf[CL_DATE_BUFSIZE];
	cl_date d, again;

	if (cl_date_parse((const char *)data, len, 0, &d) != NULL)
		return;
	cl_date_format(d, buf);
	if (cl_date_parse(buf, strlen(buf), 1, &again) != NULL || again != d)
		abort();
	/* months counted from the start never go back, nor past a month */
	for (long k = 0; k < 40; k++)
		if (cl_date_add_months(d, k + 1) <= cl_date_add_months(d, k) ||
		    cl_date_add_months(d, k + 1) - cl_date_add_months(d, k) > 31)
			abort();
}

static void
check_result(const struct cl_followups *f)
{
	long overdue = 0, due = 0;

	for (size_t i = 0; i < f->nworkers; i++) {
		overdue += f->workers[i].overdue;
		due += f->workers[i].due;
		if (f->workers[i].per_month < 0 || f->workers[i].overdue +
		    f->workers[i].due > f->workers[i].cases)
			abort();
	}
	if (overdue != f->overdue || due != f->due ||
	    (size_t)(overdue + due) != f->ncases)
		abort();
	for (size_t i = 0; i < f->ncases; i++) {
		const struct cl_fu_case *c = &f->cases[i];

		if (c->next_due <= c->placed || (c->has_last &&
		    c->next_due <= c->last) || c->days_overdue < 0 ||
		    (c->days_overdue > 0) != (c->next_due < f->as_of) ||
		    (i > 0 && f->cases[i - 1].next_due > c->next_due))
			abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const formats[] = { "table", "csv", "tsv", "json" };
	const uint8_t *nul = memchr(data, '\0', size);
	struct cl_config *config = cl_config_new();
	struct cl_reader_options ropt = { 0 };
	struct cl_render_options opt;
	struct cl_engine *e;
	struct cl_source *src;
	struct cl_followups *f;
	FILE *out = fopen("/dev/null", "w");
	cl_date as_of;
	int fatal;

	check_date(data, size);
	if (nul != NULL) {
		size_t clen = (size_t)(nul - data);

		if (cl_config_read(config, "fuzz.json", (const char *)data, clen,
		    ignore, NULL) != CL_OK)
			goto out;
		size -= clen + 1;
		data = nul + 1;
	}
	cl_date_from_ymd(2026, 3, 2, &as_of);
	e = cl_engine_new(&config->targets, ignore, NULL);
	cl_engine_use_config(e, config);
	cl_engine_use_followups(e, as_of + (size > 0 ? data[0] % 64 : 0),
	    size > 1 ? 1 + data[1] % 60 : 28);
	ropt.max_record_bytes = 8192;
	src = size % 2 ? cl_source_followups(e, "cases", &ropt, ignore, NULL)
	    : cl_source_cases(e, "cases", &ropt, ignore, NULL);
	cl_source_feed(src, data, size);
	cl_source_finish(src, &fatal);
	cl_source_free(src);
	f = cl_engine_followups(e);
	check_result(f);
	cl_render_options_default(&opt);
	for (size_t i = 0; i < 4; i++) {
		struct cl_result *r;

		for (opt.list = 0; opt.list <= 1; opt.list++) {
			r = cl_result_followups(f, &opt);
			if (cl_render(r, formats[i], &opt, out) != 0)
				abort();
			cl_result_free(r);
		}
		r = cl_result_report(cl_engine_report(e, CL_SORT_STATUS), &opt);
		if (cl_render(r, formats[i], &opt, out) != 0)
			abort();
		cl_result_free(r);
	}
	cl_followups_free(f);
	cl_engine_free(e);
out:
	fclose(out);
	cl_config_free(config);
	return 0;
}
