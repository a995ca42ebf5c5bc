/*
 * timeit.c - runs a command once and prints its wall time (seconds, from
 * a monotonic clock around fork and wait), its peak resident memory (KiB,
 * from wait4) and its exit status:
 *
 *   timeit [-i FILE] OUT ERR CMD [ARG...]    ->   "0.004312 5120 0"
 *
 * The command's standard output goes to OUT and its standard error to
 * ERR.  bench/run.sh uses it instead of date(1) around /usr/bin/time,
 * whose own start-up (a few milliseconds) would swamp a 1,000-row run.
 *
 * With -i FILE the command's standard input is a pipe that cat(1) writes
 * FILE into, as `cat FILE | CMD` runs it but without a shell between: a
 * shell's own start (about a millisecond here) is no part of reading a
 * pipe, and the same run of a file has none.  The time is until both
 * have ended; the memory and the status are the command's (cat stopped
 * by SIGPIPE, when the command stops reading, is not an error).
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* cat FILE into a new pipe; returns the pipe's reading end. */
static int
feed(const char *file, pid_t *cat)
{
	int fd[2];

	if (pipe(fd) != 0) {
		perror("timeit: pipe");
		exit(2);
	}
	*cat = fork();
	if (*cat < 0) {
		perror("timeit: fork");
		exit(2);
	}
	if (*cat == 0) {
		close(fd[0]);
		if (dup2(fd[1], 1) < 0)
			_exit(127);
		close(fd[1]);
		execlp("cat", "cat", file, (char *)NULL);
		_exit(127);
	}
	close(fd[1]);
	return fd[0];
}

int
main(int argc, char **argv)
{
	struct rusage ru;
	double start, end;
	const char *input = NULL;
	pid_t pid, cat = -1;
	int status, in = -1;

	if (argc > 2 && strcmp(argv[1], "-i") == 0) {
		input = argv[2];
		argv += 2;
		argc -= 2;
	}
	if (argc < 4) {
		fprintf(stderr, "usage: timeit [-i FILE] OUT ERR CMD [ARG...]\n");
		return 2;
	}
	start = now();
	if (input != NULL)
		in = feed(input, &cat);
	pid = fork();
	if (pid < 0) {
		perror("timeit: fork");
		return 2;
	}
	if (pid == 0) {
		int out = open(argv[1], O_WRONLY | O_CREAT | O_TRUNC, 0644);
		int err = open(argv[2], O_WRONLY | O_CREAT | O_TRUNC, 0644);

		if (out < 0 || err < 0 || dup2(out, 1) < 0 || dup2(err, 2) < 0)
			_exit(127);
		if (in >= 0 && (dup2(in, 0) < 0 || close(in) != 0))
			_exit(127);
		execvp(argv[3], argv + 3);
		_exit(127);
	}
	if (in >= 0)
		close(in);
	if (wait4(pid, &status, 0, &ru) < 0) {
		perror("timeit: wait4");
		return 2;
	}
	if (cat > 0) {
		int cat_status;

		/* killed by SIGPIPE is the command's doing, as in a shell */
		if (waitpid(cat, &cat_status, 0) < 0 ||
		    (WIFEXITED(cat_status) && WEXITSTATUS(cat_status) != 0)) {
			fprintf(stderr, "timeit: cat %s failed\n", input);
			return 2;
		}
	}
	end = now();
	printf("%.6f %ld %d\n", end - start, ru.ru_maxrss,
	    WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
	return 0;
}
