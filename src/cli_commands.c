/*
 * cli_commands.c - the subcommands, one row each.
 *
 * A subcommand is its row here and its runner (in cli_run.c): the usage
 * and help text, the "X goes with Y" errors and the dispatch all come
 * from this table.
 */
#include "cli.h"

/* assign: exactly one of --points and --category. */
static int
check_assign(const struct options *o)
{
	if (!(o->given & TAKES_POINTS) == !(o->given & TAKES_CATEGORY))
		return cli_usage_error("%s", _("caseload assign needs --points N "
		    "or --category C (one of them, not both)"));
	return -1;
}

static const struct subcommand subcommands[] = {
	{ NULL, "caseload", NULL, "", 0, 1, NULL, cli_run_report },
	{ "rebalance", "caseload rebalance",
	    /* TRANSLATORS: keep the second line under the first line's
	     * options, as "usage:" is wide */
	    N_("rebalance [--fill PCT] [--across-teams] [--keep FILE]\n"
	    "                [options] [FILE...]\n"),
	    /* xgettext:no-c-format */
	    N_("rebalance: propose moves of cases from workers over to workers "
	    "with room\n"
	    "  --fill PCT             fill receivers to at most PCT % of "
	    "target (100)\n"
	    "  --across-teams         allow moves between teams\n"
	    "  --keep FILE            case ids (one per line) that must not "
	    "move\n"),
	    TAKES_FILL | TAKES_ACROSS_TEAMS | TAKES_KEEP, 0, NULL,
	    cli_run_rebalance },
	{ "assign", "caseload assign",
	    N_("assign --points N | --category C [--team T]\n"
	    "                [options] [FILE...]\n"),
	    N_("assign: rank workers for a new case\n"
	    "  --points N             the new case's points\n"
	    "  --category C           or its category, from the "
	    "configuration\n"
	    "  --team T               only workers of team T\n"),
	    TAKES_POINTS | TAKES_CATEGORY | TAKES_TEAM, 0, check_assign,
	    cli_run_assign },
};

const struct subcommand *
cli_subcommands(size_t *n)
{
	*n = sizeof subcommands / sizeof *subcommands;
	return subcommands;
}
