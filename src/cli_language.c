/*
 * cli_language.c - which language the program speaks.
 *
 * gettext chooses it from LANGUAGE, LC_ALL, LC_MESSAGES and LANG, but only
 * when LC_MESSAGES is a locale the system has installed and that is not
 * "C": glibc ignores LANGUAGE in the C locale.  Team leads' machines and
 * containers often lack da_DK and sv_SE, so when the locale the
 * environment names cannot be set, and for --lang, the messages' locale
 * becomes C.UTF-8 (always there in glibc 2.35 and later) and LANGUAGE
 * names the language: gettext then reads caseload's catalogue without any
 * Danish or Swedish locale installed.
 *
 * The page (web/, built with emscripten) speaks English only: it carries
 * no catalogue, and emscripten's C library cannot read one (its
 * __map_file stub fails with -1, which gettext takes for a mapped
 * catalogue and reads out of bounds as soon as the browser's language,
 * which emscripten puts in LANG, is not C).  There the text domain is
 * never bound, so every dgettext hands back its English msgid.
 */
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

#ifndef LOCALEDIR
#define LOCALEDIR "/usr/local/share/locale"
#endif

#ifdef __EMSCRIPTEN__

/* Whether the note below was said in this run (the page runs main again
 * and again in one instance). */
static int said_english_only;

void
cli_language_set(const char *lang)
{
	if (strcmp(lang, "en") != 0 && !said_english_only) {
		said_english_only = 1;
		fprintf(stderr, "caseload: note: --lang %s: this build has no "
		    "translations and speaks English\n", lang);
	}
}

void
cli_language_init(const char *lang)
{
	said_english_only = 0;
	if (lang != NULL)
		cli_language_set(lang);
}

#else

static int
is_c_locale(const char *name)
{
	return name == NULL || *name == '\0' || strcmp(name, "C") == 0 ||
	    strcmp(name, "POSIX") == 0;
}

/* What gettext reads for messages: LC_ALL, LC_MESSAGES, else LANG. */
static const char *
environment_locale(void)
{
	static const char *const vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };

	for (size_t i = 0; i < sizeof vars / sizeof *vars; i++) {
		const char *v = getenv(vars[i]);

		if (v != NULL && *v != '\0')
			return v;
	}
	return NULL;
}

/*
 * Makes the messages' locale one in which gettext reads LANGUAGE.  Setting
 * a locale also makes gettext forget the translations it has looked up.
 */
static void
messages_follow_language(void)
{
	static const char *const fallbacks[] = { "C.UTF-8", "C.utf8",
		"en_US.UTF-8" };
	const char *now = setlocale(LC_MESSAGES, NULL);
	char keep[256];

	if (!is_c_locale(now) && (size_t)snprintf(keep, sizeof keep, "%s",
	    now) < sizeof keep) {
		setlocale(LC_MESSAGES, keep);
		return;
	}
	for (size_t i = 0; i < sizeof fallbacks / sizeof *fallbacks; i++)
		if (setlocale(LC_MESSAGES, fallbacks[i]) != NULL)
			return;
}

void
cli_language_set(const char *lang)
{
	setenv("LANGUAGE", lang, 1);
	messages_follow_language();
}

/*
 * Binds the text domain to where the catalogues are: $CASELOAD_LOCALEDIR; else a folder "locale"
 * next to the program when it has one (a build tree: make puts the .mo
 * files in build/locale); else where make install put them.
 */
static void
bind_catalogues(void)
{
	const char *env = getenv("CASELOAD_LOCALEDIR");
	/* PATH_MAX bytes twice: on the heap, not the stack */
	char *exe, *dir;
	struct stat st;
	ssize_t n;

	if (env != NULL && *env != '\0') {
		bindtextdomain(CL_TEXTDOMAIN, env);
		return;
	}
	exe = cl_xmalloc(PATH_MAX);
	dir = cl_xmalloc(PATH_MAX);
	n = readlink("/proc/self/exe", exe, PATH_MAX - 1);
	if (n > 0) {
		char *slash;

		exe[n] = '\0';
		slash = strrchr(exe, '/');
		if (slash != NULL) {
			*slash = '\0';
			if ((size_t)snprintf(dir, PATH_MAX, "%s/locale", exe) <
			    PATH_MAX && stat(dir, &st) == 0 && S_ISDIR(st.st_mode))
				env = dir;
		}
	}
	/* gettext keeps its own copy of the folder's name */
	bindtextdomain(CL_TEXTDOMAIN, env != NULL ? env : LOCALEDIR);
	free(dir);
	free(exe);
}

void
cli_language_init(const char *lang)
{
	if (setlocale(LC_MESSAGES, "") == NULL) {
		/* named but not installed: speak its language anyway */
		const char *env = environment_locale();
		const char *language = getenv("LANGUAGE");

		if (!is_c_locale(env)) {
			if (language == NULL || *language == '\0')
				setenv("LANGUAGE", env, 1);
			messages_follow_language();
		}
	}
	if (lang != NULL)
		cli_language_set(lang);
	bind_catalogues();
	/* the program writes UTF-8 whatever the locale's character set */
	bind_textdomain_codeset(CL_TEXTDOMAIN, "UTF-8");
	/* and so do the C library's own messages (strerror: "Ingen sådan
	 * fil"), not "s?dan" in a C or POSIX character set */
	bind_textdomain_codeset("libc", "UTF-8");
	textdomain(CL_TEXTDOMAIN);
}

#endif

int
cli_language_uses_comma(void)
{
	/* the catalogue's header says its language; English has none */
	const char *none = "";	/* the empty msgid: the header */
	const char *header = dgettext(CL_TEXTDOMAIN, none);
	const char *at = strstr(header, "Language: ");

	if (at == NULL)
		return 0;
	at += strlen("Language: ");
	return strncmp(at, "da", 2) == 0 || strncmp(at, "sv", 2) == 0;
}
