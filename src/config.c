/*
 * config.c - the JSON configuration: targets, categories, teams and
 * reductions, read with cJSON.
 *
 * cJSON says only where parsing stopped, so when it fails a small
 * validator walks the text again to say what was expected there.  Numbers
 * become exact decimals; a key that is not known is reported with the
 * nearest known one.
 */
#include <cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* Borås's follow-up schedules, the default. */
static const struct default_schedule {
	const char *name;
	const char *aliases[8];
	struct cl_phase phases[4];
} boras[] = {
	{ "foster family", { "plejefamilie", "familiepleje",
	    "netværksplejefamilie", "familiehem", "familjehem", "jourhem",
	    NULL },
	    { { CL_PHASE_ONCE, 14, 0 }, { CL_PHASE_MONTHS, 1, 6 },
	    { CL_PHASE_MONTHS, 3, 0 }, { CL_PHASE_ONCE, 0, 0 } } },
	{ "institution", { "døgninstitution", "opholdssted", "hvb",
	    "hvb-hem", "institution", NULL },
	    { { CL_PHASE_MONTHS, 1, 12 }, { CL_PHASE_WEEKS, 6, 0 },
	    { CL_PHASE_ONCE, 0, 0 } } },
};

static void
add_default_schedules(struct cl_config *c)
{
	size_t n = sizeof boras / sizeof *boras;

	c->schedules = cl_xcalloc(n, sizeof *c->schedules);
	c->nschedules = n;
	for (size_t i = 0; i < n; i++) {
		struct cl_schedule *s = &c->schedules[i];

		s->name = cl_xstrdup(boras[i].name);
		while (boras[i].aliases[s->naliases] != NULL)
			s->naliases++;
		s->aliases = cl_xcalloc(s->naliases, sizeof *s->aliases);
		for (size_t k = 0; k < s->naliases; k++)
			s->aliases[k] = cl_xstrdup(boras[i].aliases[k]);
		/* a phase of 0 ends the list */
		while (boras[i].phases[s->nphases].n > 0)
			s->nphases++;
		s->phases = cl_xcalloc(s->nphases, sizeof *s->phases);
		for (size_t k = 0; k < s->nphases; k++)
			s->phases[k] = boras[i].phases[k];
	}
}

struct cl_config *
cl_config_new(void)
{
	struct cl_config *c = cl_xcalloc(1, sizeof *c);

	cl_targets_default(&c->targets);
	add_default_schedules(c);
	return c;
}

static void
free_schedules(struct cl_schedule *list, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(list[i].name);
		for (size_t k = 0; k < list[i].naliases; k++)
			free(list[i].aliases[k]);
		free(list[i].aliases);
		free(list[i].phases);
	}
	free(list);
}

static void
free_named(struct cl_named *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(list[i].name);
	free(list);
}

void
cl_config_free(struct cl_config *c)
{
	if (c == NULL)
		return;
	free(c->file);
	free_named(c->categories, c->ncategories);
	free_named(c->reductions, c->nreductions);
	for (size_t i = 0; i < c->nteams; i++)
		free(c->teams[i].name);
	free(c->teams);
	free_schedules(c->schedules, c->nschedules);
	for (size_t i = 0; i < c->ncolumns; i++) {
		free(c->columns[i].role);
		free(c->columns[i].header);
	}
	free(c->columns);
	free(c);
}

const char *const cl_column_roles[] = { "worker", "case_id", "points",
	"category", "team", NULL };

int
cl_config_set_column(struct cl_config *c, const char *role,
    const char *header)
{
	size_t i = 0;

	while (cl_column_roles[i] != NULL &&
	    strcmp(cl_column_roles[i], role) != 0)
		i++;
	if (cl_column_roles[i] == NULL)
		return -1;
	for (i = 0; i < c->ncolumns; i++)
		if (strcmp(c->columns[i].role, role) == 0)
			break;
	if (i == c->ncolumns) {
		c->columns = cl_xrealloc(c->columns, (c->ncolumns + 1) *
		    sizeof *c->columns);
		c->columns[c->ncolumns++].role = cl_xstrdup(role);
	} else {
		free(c->columns[i].header);
	}
	c->columns[i].header = cl_xstrdup(header);
	return 0;
}

/* ---- names ---- */

const struct cl_named *
cl_named_find(const struct cl_named *list, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (cl_same_name(list[i].name, name))
			return &list[i];
	return NULL;
}

/* Optimal string alignment distance: edits, with swaps of neighbours. */
static size_t
distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), d;
	size_t *row = cl_xcalloc((la + 1) * (lb + 1), sizeof *row);

#define D(i, j) row[(i) * (lb + 1) + (j)]
	for (size_t i = 0; i <= la; i++)
		D(i, 0) = i;
	for (size_t j = 0; j <= lb; j++)
		D(0, j) = j;
	for (size_t i = 1; i <= la; i++)
		for (size_t j = 1; j <= lb; j++) {
			size_t cost = a[i - 1] != b[j - 1];
			size_t best = D(i - 1, j) + 1;

			if (D(i, j - 1) + 1 < best)
				best = D(i, j - 1) + 1;
			if (D(i - 1, j - 1) + cost < best)
				best = D(i - 1, j - 1) + cost;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && D(i - 2, j - 2) + 1 < best)
				best = D(i - 2, j - 2) + 1;
			D(i, j) = best;
		}
	d = D(la, lb);
#undef D
	free(row);
	return d;
}

const char *
cl_nearest(const char *word, const char *const *names, size_t n)
{
	const char *best = NULL;
	size_t best_d = (size_t)-1, len = strlen(word);
	size_t limit = len < 6 ? 1 : len / 3;

	for (size_t i = 0; i < n; i++) {
		size_t d = distance(word, names[i]);

		if (d < best_d) {
			best_d = d;
			best = names[i];
		}
	}
	return best_d <= limit ? best : NULL;
}

/* ---- syntax errors ---- */

struct scan {
	const char *p, *end;
	const char *at;         /* where the error is */
	const char *expected;
	int depth;
};

static int
expect(struct scan *s, const char *what)
{
	s->at = s->p;
	s->expected = what;
	return -1;
}

static void
skip_space(struct scan *s)
{
	while (s->p < s->end && strchr(" \t\r\n", *s->p) != NULL && *s->p)
		s->p++;
}

static int
at(const struct scan *s, char c)
{
	return s->p < s->end && *s->p == c;
}

static int scan_value(struct scan *s);

static int
scan_string(struct scan *s)
{
	s->p++;
	while (s->p < s->end) {
		unsigned char c = (unsigned char)*s->p;

		if (c == '"') {
			s->p++;
			return 0;
		}
		if (c < 0x20)
			return expect(s, N_("'\"' to close the string"));
		if (c == '\\') {
			s->p++;
			if (s->p >= s->end || strchr("\"\\/bfnrtu", *s->p) == NULL
			    || *s->p == '\0')
				return expect(s, N_("an escape such as \\n or \\\""));
		}
		s->p++;
	}
	return expect(s, N_("'\"' to close the string"));
}

static int
scan_digits(struct scan *s)
{
	const char *start = s->p;

	while (s->p < s->end && *s->p >= '0' && *s->p <= '9')
		s->p++;
	return s->p > start ? 0 : expect(s, N_("a digit"));
}

static int
scan_number(struct scan *s)
{
	if (at(s, '-'))
		s->p++;
	if (at(s, '0'))
		s->p++;		/* "01" then fails where the 1 is */
	else if (scan_digits(s) != 0)
		return -1;
	if (at(s, '.')) {
		s->p++;
		if (scan_digits(s) != 0)
			return -1;
	}
	if (at(s, 'e') || at(s, 'E')) {
		s->p++;
		if (at(s, '+') || at(s, '-'))
			s->p++;
		if (scan_digits(s) != 0)
			return -1;
	}
	return 0;
}

static int
scan_word(struct scan *s, const char *word)
{
	size_t n = strlen(word);

	if ((size_t)(s->end - s->p) < n || memcmp(s->p, word, n) != 0)
		return expect(s, N_("a value"));
	s->p += n;
	return 0;
}

static int
scan_members(struct scan *s, char close)
{
	int is_object = close == '}';

	s->p++;
	skip_space(s);
	if (at(s, close)) {
		s->p++;
		return 0;
	}
	for (;;) {
		if (is_object) {
			if (!at(s, '"'))
				return expect(s, N_("a key in double quotes"));
			if (scan_string(s) != 0)
				return -1;
			skip_space(s);
			if (!at(s, ':'))
				return expect(s, N_("':'"));
			s->p++;
		}
		if (scan_value(s) != 0)
			return -1;
		skip_space(s);
		if (at(s, ',')) {
			s->p++;
			skip_space(s);
			continue;
		}
		if (at(s, close)) {
			s->p++;
			return 0;
		}
		return expect(s, is_object ? N_("',' or '}'") : N_("',' or ']'"));
	}
}

static int
scan_value(struct scan *s)
{
	int rc;

	skip_space(s);
	if (s->p >= s->end)
		return expect(s, N_("a value"));
	switch (*s->p) {
	case '{':
	case '[':
		if (++s->depth > 500)
			return expect(s, N_("less nesting"));
		rc = scan_members(s, *s->p == '{' ? '}' : ']');
		s->depth--;
		return rc;
	case '"':
		return scan_string(s);
	case 't':
		return scan_word(s, "true");
	case 'f':
		return scan_word(s, "false");
	case 'n':
		return scan_word(s, "null");
	default:
		if (*s->p == '-' || (*s->p >= '0' && *s->p <= '9'))
			return scan_number(s);
		return expect(s, N_("a value"));
	}
}

/*
 * Where the JSON text is broken and what was expected there, or NULL if it
 * is JSON.  It runs before cJSON, which accepts a little more than JSON
 * (01, 1.) and stops quietly after the first value.
 */
static const char *
syntax_error(const char *text, size_t len, size_t *offset)
{
	struct scan s = { text, text + len, NULL, NULL, 0 };

	if (scan_value(&s) == 0) {
		skip_space(&s);
		if (s.p == s.end)
			return NULL;
		expect(&s, N_("the end of the file"));
	}
	*offset = (size_t)(s.at - text);
	return s.expected;
}

/* ---- values ---- */

struct reading {
	struct cl_config *c;
	const char *name;
	struct cl_msg msg;
	int failed;
};

/* Sends the error built in r->msg. */
static void
report(struct reading *r, long line)
{
	cl_msg_send(&r->msg, r->name, line, CL_ERROR);
	r->failed = 1;
}

static void
say(struct reading *r, const char *text)
{
	cl_msg_text(&r->msg, text);
}

/* "path.key" into b, or "key" at the top. */
static const char *
join(struct cl_buf *b, const char *path, const char *key)
{
	b->len = 0;
	cl_buf_append(b, "", 0);
	if (path != NULL && *path != '\0') {
		cl_buf_append(b, path, strlen(path));
		cl_buf_putc(b, '.');
	}
	cl_buf_append(b, key, strlen(key));
	return b->data;
}

/* A path for a message into out: escaped, cut and masked as every
 * quoted value. */
static void
say_path(struct cl_buf *out, const char *path, const char *key)
{
	struct cl_buf b = { 0 };

	join(&b, path, key);
	cl_text_for_message(out, b.data, b.len);
	cl_buf_append(out, "", 0);
	cl_buf_free(&b);
}

/* A value in a message: a string in quotes, anything else as JSON;
 * escaped, cut and masked as every quoted value.  Into b (cleared). */
static const char *
value_text(struct cl_buf *b, const cJSON *item)
{
	char *text;

	b->len = 0;
	cl_buf_append(b, "", 0);
	if (cJSON_IsString(item))
		return cl_quoted(b, item->valuestring);
	if (cJSON_IsNumber(item) && !(item->valuedouble < 1e300 &&
	    item->valuedouble > -1e300)) {
		cl_buf_printf(b, "%s", _("a number too large"));
		return b->data;
	}
	text = cJSON_PrintUnformatted(item);
	cl_text_for_message_unquoted(b, text, strlen(text));
	free(text);
	return b->data;
}

/* Appends a value as value_text writes it. */
static void
say_value(struct reading *r, const cJSON *item)
{
	struct cl_buf b = { 0 };

	value_text(&b, item);
	cl_buf_append(&r->msg.text, b.data, b.len);
	cl_buf_free(&b);
}

/* Says "PATH: expected WHAT, got VALUE"; `expected` is marked N_(). */
static void
say_expected(struct reading *r, const char *path, const char *expected,
    const cJSON *item)
{
	struct cl_buf where = { 0 }, value = { 0 };

	cl_text_for_message(&where, path, strlen(path));
	cl_buf_append(&where, "", 0);
	/* TRANSLATORS: "targets.points: expected a positive number, got
	 * "x"" */
	cl_buf_printf(&r->msg.text, _("%s: expected %s, got %s"), where.data,
	    _(expected), value_text(&value, item));
	cl_buf_free(&where);
	cl_buf_free(&value);
	report(r, 0);
}

/* A JSON number as an exact decimal from `min` to `max`. */
static int
number(struct reading *r, const char *path, const cJSON *item, cl_dec min,
    cl_dec max, const char *expected, cl_dec *out)
{
	if (cJSON_IsNumber(item)) {
		double d = item->valuedouble;
		char text[64];
		cl_dec v;

		/* exact only if the decimal reads back as the same double */
		snprintf(text, sizeof text, "%.6f", d);
		if (d >= 0 && d < 9e12 &&
		    cl_dec_parse(text, strlen(text), &v) == NULL &&
		    (double)v / CL_DEC_SCALE == d && v >= min && v <= max) {
			*out = v;
			return 0;
		}
	}
	say_expected(r, path, expected, item);
	return -1;
}

static void
unknown_key(struct reading *r, const char *path, const char *key,
    const char *const *known, size_t n)
{
	const char *near = cl_nearest(key, known, n);

	struct cl_buf where = { 0 }, keys = { 0 };

	say_path(&where, path, key);
	if (near != NULL) {
		cl_buf_printf(&r->msg.text, _("%s: unknown key; did you mean %s?"),
		    where.data, near);
	} else {
		for (size_t i = 0; i < n; i++) {
			if (i > 0)
				cl_buf_append(&keys, ", ", 2);
			cl_buf_append(&keys, known[i], strlen(known[i]));
		}
		cl_buf_append(&keys, "", 0);
		cl_buf_printf(&r->msg.text, _("%s: unknown key; known keys: %s"),
		    where.data, keys.data);
	}
	cl_buf_free(&where);
	cl_buf_free(&keys);
	report(r, 0);
}

/* Checks that `obj` is an object whose keys appear once. */
static int
object(struct reading *r, const char *path, const cJSON *obj)
{
	if (!cJSON_IsObject(obj)) {
		say_expected(r, path, N_("an object"), obj);
		return -1;
	}
	for (const cJSON *a = obj->child; a != NULL; a = a->next)
		for (const cJSON *b = obj->child; b != a; b = b->next)
			if (cl_same_name(a->string, b->string)) {
				struct cl_buf where = { 0 };

				say_path(&where, path, a->string);
				cl_buf_printf(&r->msg.text, _("%s: given twice"),
				    where.data);
				cl_buf_free(&where);
				report(r, 0);
				return -1;
			}
	return 0;
}

#define MAX_TARGET CL_DEC(1000000000)

static unsigned
targets(struct reading *r, const char *path, const cJSON *obj,
    struct cl_targets *t)
{
	static const char *const keys[] = { "points", "cases", "under_pct",
		"full_time_hours", "followups_per_month", "comment" };
	unsigned set = 0;
	struct cl_buf where = { 0 };

	if (object(r, path, obj) != 0)
		return 0;
	for (const cJSON *item = obj->child; item != NULL; item = item->next) {
		join(&where, path, item->string);
		if (strcmp(item->string, "points") == 0) {
			if (number(r, where.data, item, 1, MAX_TARGET,
			    N_("a positive number"), &t->points) == 0)
				set |= CL_SET_POINTS;
		} else if (strcmp(item->string, "cases") == 0) {
			if (number(r, where.data, item, 1, MAX_TARGET,
			    N_("a positive number"), &t->cases) == 0)
				set |= CL_SET_CASES;
		} else if (strcmp(item->string, "under_pct") == 0) {
			if (number(r, where.data, item, 0, CL_DEC(100),
			    N_("a number from 0 to 100"), &t->under_pct) == 0)
				set |= CL_SET_UNDER;
		} else if (strcmp(item->string, "full_time_hours") == 0) {
			if (number(r, where.data, item, 1, CL_DEC(168),
			    N_("a positive number of hours, at most 168"),
			    &t->full_time_hours) == 0)
				set |= CL_SET_HOURS;
		} else if (strcmp(item->string, "followups_per_month") == 0) {
			if (number(r, where.data, item, 1, MAX_TARGET,
			    N_("a positive number"), &t->followups) == 0)
				set |= CL_SET_FOLLOWUPS;
		} else if (strcmp(item->string, "comment") != 0) {
			unknown_key(r, path, item->string, keys, 6);
		}
	}
	cl_buf_free(&where);
	return set;
}

static void
named_list(struct reading *r, const char *path, const cJSON *obj,
    cl_dec max, const char *expected, struct cl_named **list, size_t *n)
{
	struct cl_buf where = { 0 };

	if (object(r, path, obj) != 0)
		return;
	for (const cJSON *item = obj->child; item != NULL; item = item->next) {
		cl_dec v;

		join(&where, path, item->string);
		if (number(r, where.data, item, 0, max, expected, &v) != 0)
			continue;
		*list = cl_xrealloc(*list, (*n + 1) * sizeof **list);
		(*list)[*n].name = cl_xstrdup(item->string);
		(*list)[*n].value = v;
		(*n)++;
	}
	cl_buf_free(&where);
}

static void
teams(struct reading *r, const cJSON *obj)
{
	struct cl_config *c = r->c;
	struct cl_buf where = { 0 };

	if (object(r, "teams", obj) != 0)
		return;
	for (const cJSON *item = obj->child; item != NULL; item = item->next) {
		struct cl_team_config t = { 0 };

		t.set = targets(r, join(&where, "teams", item->string), item,
		    &t.targets);
		t.name = cl_xstrdup(item->string);
		c->teams = cl_xrealloc(c->teams, (c->nteams + 1) *
		    sizeof *c->teams);
		c->teams[c->nteams++] = t;
	}
	cl_buf_free(&where);
}

/* ---- schedules ---- */

/* "path[i]" into b. */
static const char *
join_index(struct cl_buf *b, const char *path, size_t i)
{
	char index[32];

	snprintf(index, sizeof index, "[%zu]", i);
	b->len = 0;
	cl_buf_append(b, path, strlen(path));
	cl_buf_append(b, index, strlen(index) + 1);
	b->len--;
	return b->data;
}

/*
 * A path and a complaint about it.  Schedule paths are made with the
 * schedule's name already escaped and cut (schedules_path), so they are
 * written whole: the key that is wrong comes at their end.
 */
static void
complain(struct reading *r, const char *path, const char *text)
{
	say(r, path);
	say(r, text);
	report(r, 0);
}

/* A whole number from 1 to CL_PHASE_MAX. */
static int
whole(struct reading *r, const char *path, const cJSON *item, long *out)
{
	double d = cJSON_IsNumber(item) ? item->valuedouble : 0;

	if (d >= 1 && d <= CL_PHASE_MAX && d == (double)(long)d) {
		*out = (long)d;
		return 0;
	}
	say(r, path);
	say(r, ": expected a whole number from 1 to 9999, got ");
	say_value(r, item);
	report(r, 0);
	return -1;
}

static const char *const phase_keys[] = { "within_days", "every_days",
	"every_weeks", "every_months", "until_months", "comment" };

/* One phase object; returns 0 with *p filled, or -1 (reported). */
static int
phase(struct reading *r, const char *path, const cJSON *obj,
    struct cl_phase *p)
{
	static const enum cl_phase_kind kinds[] = { CL_PHASE_ONCE,
		CL_PHASE_DAYS, CL_PHASE_WEEKS, CL_PHASE_MONTHS };
	struct cl_buf where = { 0 };
	const char *kind_key = NULL;
	const cJSON *until = NULL;
	int failed = r->failed;

	r->failed = 0;
	memset(p, 0, sizeof *p);
	if (object(r, path, obj) != 0)
		goto out;
	for (const cJSON *item = obj->child; item != NULL; item = item->next) {
		size_t k = 0;

		while (k < 6 && strcmp(item->string, phase_keys[k]) != 0)
			k++;
		join(&where, path, item->string);
		if (k == 6) {
			unknown_key(r, path, item->string, phase_keys, 6);
		} else if (k == 4) {
			until = item;
			if (whole(r, where.data, item, &p->until_months) != 0)
				p->until_months = 0;
		} else if (k < 4 && kind_key != NULL) {
			say(r, path);
			say(r, ": ");
			say(r, kind_key);
			say(r, " and ");
			say(r, item->string);
			say(r, " both given; a phase is one of them");
			report(r, 0);
		} else if (k < 4) {
			kind_key = phase_keys[k];
			p->kind = kinds[k];
			whole(r, where.data, item, &p->n);
		}
	}
	if (!r->failed && kind_key == NULL)
		complain(r, path, ": expected one of within_days, every_days, "
		    "every_weeks or every_months");
	if (!r->failed && until != NULL && p->kind == CL_PHASE_ONCE)
		complain(r, join(&where, path, "until_months"), ": goes with "
		    "every_days, every_weeks or every_months, not within_days");
out:
	cl_buf_free(&where);
	if (r->failed)
		return -1;
	r->failed = failed;
	return 0;
}

/* The periodic phases' order: each ends later, the last never. */
static void
check_phases(struct reading *r, const char *path, struct cl_phase *phases,
    size_t n)
{
	struct cl_buf where = { 0 };
	long before = 0;
	size_t last = n;

	for (size_t i = 0; i < n; i++)
		if (phases[i].kind != CL_PHASE_ONCE)
			last = i;
	if (last == n) {
		complain(r, path, ": expected at least one periodic phase "
		    "(every_days, every_weeks or every_months)");
		return;
	}
	for (size_t i = 0; i < n; i++) {
		const struct cl_phase *p = &phases[i];
		char text[96];

		if (p->kind == CL_PHASE_ONCE)
			continue;
		join_index(&where, path, i);
		if (i == last && p->until_months > 0) {
			cl_buf_append(&where, ".until_months", 14);
			complain(r, where.data, ": the last periodic phase runs "
			    "for good and has no until_months");
		} else if (i < last && p->until_months == 0) {
			complain(r, where.data, ": expected until_months: only the "
			    "last periodic phase runs for good");
		} else if (i < last && p->until_months <= before) {
			cl_buf_append(&where, ".until_months", 14);
			snprintf(text, sizeof text, ": expected more than %ld, "
			    "the until_months of the phase before", before);
			complain(r, where.data, text);
		}
		before = p->until_months;
	}
	cl_buf_free(&where);
}

/* Whether `name` is already a name or alias of a schedule of r's list,
 * and which; reports it. */
static int
taken(struct reading *r, const char *path, const char *name)
{
	const struct cl_config *c = r->c;

	for (size_t i = 0; i < c->nschedules; i++) {
		int same = cl_same_name(c->schedules[i].name, name);

		for (size_t k = 0; !same && k < c->schedules[i].naliases; k++)
			same = cl_same_name(c->schedules[i].aliases[k], name);
		if (!same)
			continue;
		say(r, path);
		say(r, ": ");
		cl_msg_quote(&r->msg, name);
		say(r, " already names the schedule ");
		cl_msg_quote(&r->msg, c->schedules[i].name);
		report(r, 0);
		return 1;
	}
	return 0;
}

static void
aliases(struct reading *r, const char *path, const cJSON *arr,
    struct cl_schedule *s)
{
	struct cl_buf where = { 0 };
	size_t i = 0;

	if (!cJSON_IsArray(arr)) {
		say(r, path);
		say(r, ": expected an array of names, got ");
		say_value(r, arr);
		report(r, 0);
		return;
	}
	for (const cJSON *a = arr->child; a != NULL; a = a->next, i++) {
		join_index(&where, path, i);
		if (!cJSON_IsString(a) || *a->valuestring == '\0') {
			say(r, where.data);
			say(r, ": expected a name, got ");
			say_value(r, a);
			report(r, 0);
			continue;
		}
		if (taken(r, where.data, a->valuestring))
			continue;
		s->aliases = cl_xrealloc(s->aliases, (s->naliases + 1) *
		    sizeof *s->aliases);
		s->aliases[s->naliases++] = cl_xstrdup(a->valuestring);
	}
	cl_buf_free(&where);
}

static void
phases(struct reading *r, const char *path, const cJSON *arr,
    struct cl_schedule *s)
{
	struct cl_buf where = { 0 };
	size_t i = 0;
	int ok = 1;

	if (!cJSON_IsArray(arr) || arr->child == NULL) {
		say(r, path);
		say(r, ": expected an array of phases, got ");
		say_value(r, arr);
		report(r, 0);
		return;
	}
	for (const cJSON *p = arr->child; p != NULL; p = p->next, i++) {
		s->phases = cl_xrealloc(s->phases, (i + 1) *
		    sizeof *s->phases);
		if (phase(r, join_index(&where, path, i), p,
		    &s->phases[i]) != 0)
			ok = 0;
	}
	s->nphases = i;
	if (ok)
		check_phases(r, path, s->phases, s->nphases);
	cl_buf_free(&where);
}

static void
schedule(struct reading *r, const char *path, const cJSON *obj,
    struct cl_schedule *s)
{
	static const char *const keys[] = { "aliases", "phases", "comment" };
	struct cl_buf where = { 0 };
	int have_phases = 0;

	if (object(r, path, obj) != 0)
		return;
	for (const cJSON *item = obj->child; item != NULL; item = item->next) {
		join(&where, path, item->string);
		if (strcmp(item->string, "aliases") == 0) {
			aliases(r, where.data, item, s);
		} else if (strcmp(item->string, "phases") == 0) {
			have_phases = 1;
			phases(r, where.data, item, s);
		} else if (strcmp(item->string, "comment") != 0) {
			unknown_key(r, path, item->string, keys, 3);
		}
	}
	if (!have_phases)
		complain(r, path, ": expected phases, an array of phases");
	cl_buf_free(&where);
}

/* A file's schedules replace the defaults whole. */
static void
schedules(struct reading *r, const cJSON *obj)
{
	struct cl_config *c = r->c;
	struct cl_buf where = { 0 };

	free_schedules(c->schedules, c->nschedules);
	c->schedules = NULL;
	c->nschedules = 0;
	if (object(r, "schedules", obj) != 0)
		return;
	for (const cJSON *item = obj->child; item != NULL; item = item->next) {
		struct cl_schedule s = { 0 };

		/* the name escaped and cut once; the keys after it whole */
		cl_buf_free(&where);
		cl_buf_append(&where, "schedules.", 10);
		cl_text_for_message(&where, item->string, strlen(item->string));
		cl_buf_putc(&where, '\0');
		if (taken(r, where.data, item->string))
			continue;
		s.name = cl_xstrdup(item->string);
		schedule(r, where.data, item, &s);
		c->schedules = cl_xrealloc(c->schedules, (c->nschedules + 1) *
		    sizeof *c->schedules);
		c->schedules[c->nschedules++] = s;
	}
	cl_buf_free(&where);
}

/* "columns": {"worker": "Ansvarlig", ...}, as --column. */
static void
columns(struct reading *r, const cJSON *obj)
{
	struct cl_buf where = { 0 };

	if (object(r, "columns", obj) != 0)
		return;
	for (const cJSON *item = obj->child; item != NULL; item = item->next) {
		join(&where, "columns", item->string);
		if (!cJSON_IsString(item) || item->valuestring[0] == '\0') {
			say_expected(r, where.data, N_("the header of a column"),
			    item);
		} else if (cl_config_set_column(r->c, item->string,
		    item->valuestring) != 0) {
			unknown_key(r, "columns", item->string, cl_column_roles,
			    5);
		}
	}
	cl_buf_free(&where);
}

static void
top_level(struct reading *r, const cJSON *root)
{
	static const char *const keys[] = { "targets", "categories", "teams",
		"reductions", "schedules", "columns", "comment" };
	struct cl_config *c = r->c;

	if (!cJSON_IsObject(root)) {
		struct cl_buf value = { 0 };

		cl_buf_printf(&r->msg.text, _("expected a JSON object at the top, got "
		    "%s"), value_text(&value, root));
		cl_buf_free(&value);
		report(r, 0);
		return;
	}
	if (object(r, "", root) != 0)
		return;
	for (const cJSON *item = root->child; item != NULL;
	    item = item->next) {
		const char *key = item->string;

		if (strcmp(key, "targets") == 0)
			targets(r, "targets", item, &c->targets);
		else if (strcmp(key, "categories") == 0)
			named_list(r, "categories", item, CL_DEC(1000000000),
			    N_("a number from 0"), &c->categories,
			    &c->ncategories);
		else if (strcmp(key, "teams") == 0)
			teams(r, item);
		else if (strcmp(key, "reductions") == 0)
			named_list(r, "reductions", item, CL_DEC(100),
			    N_("a percentage from 0 to 100"), &c->reductions,
			    &c->nreductions);
		else if (strcmp(key, "schedules") == 0)
			schedules(r, item);
		else if (strcmp(key, "columns") == 0)
			columns(r, item);
		else if (strcmp(key, "comment") != 0)
			unknown_key(r, "", key, keys, 7);
	}
}

/* The line of offset: CRLF, LF and CR each end one. */
static long
line_of(const char *text, size_t offset)
{
	long line = 1;

	for (size_t i = 0; i < offset; i++)
		line += text[i] == '\r' || (text[i] == '\n' &&
		    (i == 0 || text[i - 1] != '\r'));
	return line;
}

int
cl_config_read(struct cl_config *config, const char *name, const char *text,
    size_t len, cl_diag_fn on_diag, void *ctx)
{
	static cJSON_Hooks hooks = { cl_xmalloc, free };
	struct cl_config *fresh = cl_config_new();
	struct reading r = { fresh, name, { on_diag, ctx, { 0 } }, 0 };
	const char *expected;
	size_t offset = 0;
	cJSON *root;

	cJSON_InitHooks(&hooks);
	fresh->targets = config->targets;
	/* Notepad and Excel save UTF-8 with a byte-order mark */
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0) {
		text += 3;
		len -= 3;
	}
	expected = syntax_error(text, len, &offset);
	root = expected == NULL ? cJSON_ParseWithLength(text, len) : NULL;
	if (expected != NULL) {
		/* TRANSLATORS: "expected ':'", "expected a value" */
		cl_buf_printf(&r.msg.text, _("expected %s"), _(expected));
		report(&r, line_of(text, offset));
	} else if (root == NULL) {
		/* cJSON's own limits, such as its nesting depth */
		say(&r, _("not JSON that caseload can read"));
		report(&r, line_of(text, (size_t)(cJSON_GetErrorPtr() - text)));
	} else {
		top_level(&r, root);
		cJSON_Delete(root);
	}
	cl_msg_free(&r.msg);
	if (r.failed) {
		cl_config_free(fresh);
		return CL_ECONFIG;
	}
	/* replace what the config held with what the file says */
	fresh->file = cl_xstrdup(name);
	{
		struct cl_config old = *config;

		*config = *fresh;
		*fresh = old;
	}
	cl_config_free(fresh);
	return CL_OK;
}

/* ---- printing ---- */

static void
add_dec(cJSON *obj, const char *key, cl_dec v)
{
	char buf[CL_DEC_BUFSIZE];

	cJSON_AddRawToObject(obj, key, cl_dec_format(v, CL_DEC_DIGITS, '.',
	    buf));
}

static cJSON *
targets_json(const struct cl_targets *t)
{
	cJSON *o = cJSON_CreateObject();

	add_dec(o, "points", t->points);
	add_dec(o, "cases", t->cases);
	add_dec(o, "under_pct", t->under_pct);
	add_dec(o, "full_time_hours", t->full_time_hours);
	if (t->followups > 0)
		add_dec(o, "followups_per_month", t->followups);
	return o;
}

static cJSON *
schedules_json(const struct cl_config *c)
{
	static const char *const kinds[] = { "within_days", "every_days",
		"every_weeks", "every_months" };
	cJSON *o = cJSON_CreateObject();

	for (size_t i = 0; i < c->nschedules; i++) {
		const struct cl_schedule *s = &c->schedules[i];
		cJSON *obj = cJSON_CreateObject();
		cJSON *names = cJSON_AddArrayToObject(obj, "aliases");
		cJSON *list = cJSON_AddArrayToObject(obj, "phases");

		for (size_t k = 0; k < s->naliases; k++)
			cJSON_AddItemToArray(names,
			    cJSON_CreateString(s->aliases[k]));
		for (size_t k = 0; k < s->nphases; k++) {
			cJSON *p = cJSON_CreateObject();

			cJSON_AddNumberToObject(p, kinds[s->phases[k].kind],
			    (double)s->phases[k].n);
			if (s->phases[k].until_months > 0)
				cJSON_AddNumberToObject(p, "until_months",
				    (double)s->phases[k].until_months);
			cJSON_AddItemToArray(list, p);
		}
		cJSON_AddItemToObject(o, s->name, obj);
	}
	return o;
}

static cJSON *
named_json(const struct cl_named *list, size_t n)
{
	cJSON *o = cJSON_CreateObject();

	for (size_t i = 0; i < n; i++)
		add_dec(o, list[i].name, list[i].value);
	return o;
}

int
cl_config_print(const struct cl_config *c, FILE *out)
{
	static cJSON_Hooks hooks = { cl_xmalloc, free };
	cJSON *root, *teams_obj;
	char *text;
	int rc;

	cJSON_InitHooks(&hooks);
	root = cJSON_CreateObject();
	cJSON_AddItemToObject(root, "targets", targets_json(&c->targets));
	cJSON_AddItemToObject(root, "categories",
	    named_json(c->categories, c->ncategories));
	teams_obj = cJSON_CreateObject();
	for (size_t i = 0; i < c->nteams; i++) {
		struct cl_targets t = cl_config_team_targets(c,
		    c->teams[i].name);

		cJSON_AddItemToObject(teams_obj, c->teams[i].name,
		    targets_json(&t));
	}
	cJSON_AddItemToObject(root, "teams", teams_obj);
	cJSON_AddItemToObject(root, "reductions",
	    named_json(c->reductions, c->nreductions));
	cJSON_AddItemToObject(root, "schedules", schedules_json(c));
	if (c->ncolumns > 0) {
		cJSON *cols = cJSON_CreateObject();

		for (size_t i = 0; i < c->ncolumns; i++)
			cJSON_AddStringToObject(cols, c->columns[i].role,
			    c->columns[i].header);
		cJSON_AddItemToObject(root, "columns", cols);
	}
	text = cJSON_Print(root);
	rc = fputs(text, out) < 0 || putc('\n', out) == EOF ? -1 : 0;
	free(text);
	cJSON_Delete(root);
	return rc || ferror(out) ? -1 : 0;
}
