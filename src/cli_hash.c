/*
 * cli_hash.c - the SHA-256 of a case list that --record names, read on its
 * own so that the count may still take every core.
 */
#include <errno.h>
#include <unistd.h>

#include "cli.h"

int
cli_hash_file(int fd, char hex[CL_SHA256_HEX])
{
	static char buf[1 << 16];
	struct cl_sha256 sha;
	off_t at = lseek(fd, 0, SEEK_CUR);

	if (at < 0)
		return -1;
	cl_sha256_init(&sha);
	for (;;) {
		ssize_t n = pread(fd, buf, sizeof buf, at);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0)
			break;
		cl_sha256_update(&sha, buf, (size_t)n);
		at += n;
	}
	cl_sha256_final(&sha, hex);
	return 0;
}
