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
 * Where the catalogues are: $CASELOAD_LOCALEDIR; else a folder "locale"
 * next to the program when it has one (a build tree: make puts the .mo
 * files in build/locale); else where make install put them.
 */
static const char *
catalogue_dir(char *buf, size_t size)
{
	const char *env = getenv("CASELOAD_LOCALEDIR");
	char exe[PATH_MAX];
	struct stat st;
	ssize_t n;

	if (env != NULL && *env != '\0')
		return env;
	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		char *slash;

		exe[n] = '\0';
		slash = strrchr(exe, '/');
		if (slash != NULL) {
			*slash = '\0';
			if ((size_t)snprintf(buf, size, "%s/locale", exe) < size &&
			    stat(buf, &st) == 0 && S_ISDIR(st.st_mode))
				return buf;
		}
	}
	return LOCALEDIR;
}

void
cli_language_init(const char *lang)
{
	char dir[PATH_MAX];

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
	bindtextdomain(CL_TEXTDOMAIN, catalogue_dir(dir, sizeof dir));
	/* the program writes UTF-8 whatever the locale's character set */
	bind_textdomain_codeset(CL_TEXTDOMAIN, "UTF-8");
	/* and so do the C library's own messages (strerror: "Ingen sådan
	 * fil"), not "s?dan" in a C or POSIX character set */
	bind_textdomain_codeset("libc", "UTF-8");
	textdomain(CL_TEXTDOMAIN);
}

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
