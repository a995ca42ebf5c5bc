/*
 * output.c - writing the report without ever leaving half of it behind.
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"
#include "output.h"

/* The temporary file to remove if a signal ends the run mid-write. */
static volatile sig_atomic_t have_temp;
static char temp_path[PATH_MAX + 32];

static void
remove_temp_and_die(int sig)
{
	if (have_temp)
		unlink(temp_path);
	signal(sig, SIG_DFL);
	raise(sig);
}

static const int guarded[] = { SIGINT, SIGTERM, SIGHUP, SIGPIPE, SIGQUIT,
	SIGUSR1, SIGUSR2, SIGALRM, SIGXFSZ, SIGXCPU };
static struct sigaction before[sizeof guarded / sizeof *guarded];

/*
 * While a temporary file exists, a signal that would end the run removes
 * it first.  A signal the caller ignores (nohup, trap '' XFSZ) stays
 * ignored, and afterwards every signal is as it was.
 */
static void
guard_signals(int on)
{
	for (size_t i = 0; i < sizeof guarded / sizeof *guarded; i++) {
		if (on) {
			struct sigaction sa;

			memset(&sa, 0, sizeof sa);
			sa.sa_handler = remove_temp_and_die;
			sigemptyset(&sa.sa_mask);
			sigaction(guarded[i], NULL, &before[i]);
			if (before[i].sa_handler != SIG_IGN)
				sigaction(guarded[i], &sa, NULL);
		} else {
			sigaction(guarded[i], &before[i], NULL);
		}
	}
}

static mode_t
new_file_mode(void)
{
	mode_t mask = umask(0);

	umask(mask);
	return 0666 & ~mask;
}

/* Frees what output_open took, keeping errno; returns -1. */
static int
give_up(struct output *o)
{
	int saved = errno;

	free(o->target);
	o->target = NULL;
	errno = saved;
	return -1;
}

int
output_open(struct output *o, const char *path)
{
	struct stat st;
	char *dir_copy;
	int fd, exists;
	mode_t mode;

	memset(o, 0, sizeof *o);
	if (path == NULL || strcmp(path, "-") == 0) {
		o->fp = stdout;
		return 0;
	}
	/* Write through a symbolic link, as the shell's > does. */
	o->target = realpath(path, NULL);
	if (o->target == NULL)
		o->target = cl_xstrdup(path);
	exists = stat(o->target, &st) == 0;
	if (exists && !S_ISREG(st.st_mode)) {
		o->fp = fopen(o->target, "w");
		return o->fp != NULL ? 0 : give_up(o);
	}
	mode = exists ? st.st_mode & 07777 : new_file_mode();
	dir_copy = cl_xstrdup(o->target);
	if (strlen(dir_copy) > PATH_MAX) {
		free(dir_copy);
		errno = ENAMETOOLONG;
		return give_up(o);
	}
	snprintf(temp_path, sizeof temp_path, "%s/.caseload-XXXXXX",
	    dirname(dir_copy));
	free(dir_copy);
	guard_signals(1);
	fd = mkstemp(temp_path);
	if (fd < 0) {
		guard_signals(0);
		return give_up(o);
	}
	have_temp = 1;
	o->temp = cl_xstrdup(temp_path);
	if (fchmod(fd, mode) != 0 || (o->fp = fdopen(fd, "w")) == NULL) {
		int saved = errno;

		close(fd);
		output_close(o, 0);
		errno = saved;
		return -1;
	}
	return 0;
}

int
output_close(struct output *o, int keep)
{
	int failed = 0, saved = 0;

	if (o->fp != NULL) {
		if (fflush(o->fp) != 0 || ferror(o->fp))
			failed = 1, saved = errno;
		if (o->temp != NULL && !failed && keep &&
		    fsync(fileno(o->fp)) != 0)
			failed = 1, saved = errno;
		if (o->fp != stdout && fclose(o->fp) != 0 && !failed)
			failed = 1, saved = errno;
	}
	if (o->temp != NULL) {
		if (keep && !failed && rename(o->temp, o->target) != 0)
			failed = 1, saved = errno;
		if (!keep || failed)
			unlink(o->temp);
		have_temp = 0;
		guard_signals(0);
	}
	free(o->temp);
	free(o->target);
	memset(o, 0, sizeof *o);
	if (failed && saved == 0)
		saved = EIO;
	errno = saved;
	return failed ? -1 : 0;
}
