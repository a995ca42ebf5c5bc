/*
 * output.h - where the report goes: stdout, or a file given with -o.
 */
#ifndef CL_OUTPUT_H
#define CL_OUTPUT_H

#include <stdio.h>

struct output {
	FILE *fp;
	char *target;   /* the file -o names, resolved; NULL for stdout */
	char *temp;     /* the temporary file renamed onto target, or NULL */
};

/*
 * Opens the output.  A regular file (or a name that does not exist yet) is
 * written to a temporary file in the same folder and renamed into place by
 * output_close, so readers never see half a report; anything else (a
 * device, a FIFO) is written directly and never replaced.  Returns 0, or
 * -1 with errno set.
 */
int output_open(struct output *o, const char *path);

/*
 * Flushes and closes; with `keep` the report is put in place, else the
 * temporary file is removed.  Returns 0, or -1 with errno set when any
 * write failed (the temporary file is removed then too).
 */
int output_close(struct output *o, int keep);

#endif
