/*
 * main.c - the caseload command: options, configuration, inputs, exit.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

int
main(int argc, char **argv)
{
	struct options o;
	struct input *inputs, roster = { NULL, -1 };
	struct cl_config *config;
	struct cl_history *history = NULL;
	struct run history_run = { 0 };     /* what the history says */
	size_t ninputs;
	int status, stdin_used = 0;

	cli_language_init(cli_lang_option(argc, argv));
	if ((status = cli_parse_options(&o, argc, argv)) >= 0) {
		free(o.columns);
		return status;
	}
	if (o.cmd->run_history != NULL) {
		status = argc - optind != 1 ? cli_usage_error("%s needs one "
		    "database: %s [options] DB", o.cmd->called, o.cmd->called)
		    : cli_check_output(&o, argv[optind], NULL, 0);
		if (status == CL_OK)
			status = o.cmd->run_history(&o, argv[optind]);
		free(o.columns);
		return status;
	}
	/* Nothing is read when the report would replace what it reads. */
	if ((status = cli_check_output(&o, NULL, argv + optind,
	    (size_t)(argc - optind))) != CL_OK) {
		free(o.columns);
		return status;
	}
	/* The configuration comes first: if it is wrong, read no input. */
	config = cl_config_new();
	if ((status = cli_load_config(&o, config)) != CL_OK || o.print_config) {
		if (status == CL_OK)
			status = cli_print_config(&o, config);
		cl_config_free(config);
		free(o.columns);
		return status;
	}
	ninputs = optind < argc ? (size_t)(argc - optind) : 1;
	inputs = cl_xcalloc(ninputs, sizeof *inputs);
	status = CL_OK;
	/* Open everything first: if one input is missing, report nothing. */
	if (o.roster != NULL && cli_open_input(&roster, o.roster) != 0)
		status = CL_ENOINPUT;
	stdin_used = o.roster != NULL && strcmp(o.roster, "-") == 0;
	for (size_t i = 0; i < ninputs; i++) {
		const char *path = optind < argc ? argv[optind + (int)i] : "-";

		inputs[i].fd = -1;
		if (strcmp(path, "-") == 0 && stdin_used++) {
			status = cli_max_status(status,
			    cli_usage_error("%s", _("stdin (-) is named twice")));
			continue;
		}
		if (cli_open_input(&inputs[i], path) != 0)
			status = cli_max_status(status, CL_ENOINPUT);
	}
	if (status == CL_OK && optind >= argc && !o.quiet &&
	    isatty(STDIN_FILENO))
		fprintf(stderr, "caseload: %s%s\n", _("note: "), _("reading a "
		    "case list from standard input; end it with Ctrl-D, or name "
		    "a FILE (see caseload --help)"));
	/* The history is checked before anything is read or printed. */
	if (status == CL_OK && o.record != NULL)
		status = cl_history_open(o.record, CL_HISTORY_RECORD,
		    cli_print_diag, &history_run, &history);
	if (status == CL_OK)
		status = cli_run(&o, config, inputs, ninputs, &roster, history);
	cl_history_close(history);
	for (size_t i = 0; i < ninputs; i++)
		cli_close_input(&inputs[i]);
	cli_close_input(&roster);
	free(inputs);
	free(o.columns);
	cl_config_free(config);
	return status;
}
