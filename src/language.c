/*
 * language.c - the library's side of translations: words with a context
 * and the load statuses as people read them.  The program chooses the
 * language (main.c); the library only looks words up (internal.h).
 */
#include <string.h>

#include "internal.h"

const char *
cl_pgettext(const char *msgid, const char *text)
{
	const char *t = dgettext(CL_TEXTDOMAIN, msgid);

	/* no translation: gettext hands back msgid, context and all */
	return t == msgid ? text : t;
}

const char *
cl_language_tag(void)
{
	static const char *const tags[] = { "da", "sv" };
	const char *none = "";	/* the empty msgid: the catalogue's header */
	const char *header = dgettext(CL_TEXTDOMAIN, none);
	const char *at = strstr(header, "Language: ");

	if (at != NULL)
		for (size_t i = 0; i < sizeof tags / sizeof *tags; i++)
			if (strncmp(at + strlen("Language: "), tags[i], 2) == 0)
				return tags[i];
	return "en";
}

const char *
cl_status_label(const char *name)
{
	if (name == NULL)
		return NULL;
	/* TRANSLATORS: a load status in the table: points over the target */
	if (strcmp(name, "over") == 0)
		return C_("status", "over");
	/* TRANSLATORS: a load status: points under the lower limit */
	if (strcmp(name, "under") == 0)
		return C_("status", "under");
	/* TRANSLATORS: a load status: between the limit and the target */
	if (strcmp(name, "ok") == 0)
		return C_("status", "ok");
	return name;
}

const char *
cl_schedule_label(const char *name)
{
	if (name == NULL)
		return NULL;
	/* TRANSLATORS: the built-in follow-up schedule of a placement in a
	 * foster family, in the follow-up list (a word the file may use) */
	if (strcmp(name, "foster family") == 0)
		return C_("placement", "foster family");
	/* TRANSLATORS: the built-in schedule of a placement in an
	 * institution (Danish døgninstitution, Swedish HVB) */
	if (strcmp(name, "institution") == 0)
		return C_("placement", "institution");
	return name;
}

const char *
cl_column_label(const char *role)
{
	/* TRANSLATORS: the columns of a case list or roster, in messages
	 * such as: points "abc" is not a number */
	static const struct {
		const char *role, *msgid, *word;
	} words[] = {
		{ "worker", NC_("column", "worker") },
		{ "points", NC_("column", "points") },
		{ "case_id", NC_("column", "case_id") },
		{ "team", NC_("column", "team") },
		{ "fte", NC_("column", "fte") },
		{ "category", NC_("column", "category") },
		{ "reduction", NC_("column", "reduction") },
		{ "reason", NC_("column", "reason") },
		{ "initials", NC_("column", "initials") },
		{ "hours", NC_("column", "hours") },
	};

	for (size_t i = 0; i < sizeof words / sizeof *words; i++)
		if (strcmp(words[i].role, role) == 0)
			return cl_pgettext(words[i].msgid, words[i].word);
	return role;
}
