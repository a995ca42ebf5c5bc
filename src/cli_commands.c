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

/* diff: two case lists, and no rows per team. */
static int
check_diff(const struct options *o)
{
	if (o->render_opt.by_team)
		return cli_usage_error("%s", _("--by team goes with the report, "
		    "not with caseload diff"));
	if (o->nfiles != 2)
		return cli_usage_error("%s", _("caseload diff needs two case "
		    "lists: caseload diff [options] OLD NEW"));
	return -1;
}

static const struct subcommand subcommands[] = {
	{ NULL, "caseload", NULL, "", 0, 1, NULL, 0, NULL, cli_run_report },
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
	    TAKES_FILL | TAKES_ACROSS_TEAMS | TAKES_KEEP, 0, NULL, 0, NULL,
	    cli_run_rebalance },
	{ "assign", "caseload assign",
	    N_("assign --points N | --category C [--team T]\n"
	    "                [options] [FILE...]\n"),
	    N_("assign: rank workers for a new case\n"
	    "  --points N             the new case's points\n"
	    "  --category C           or its category, from the "
	    "configuration\n"
	    "  --team T               only workers of team T\n"),
	    TAKES_POINTS | TAKES_CATEGORY | TAKES_TEAM, 0, check_assign, 0,
	    NULL, cli_run_assign },
	{ "diff", "caseload diff",
	    N_("diff [--cases] [--only changed|all|...]\n"
	    "                [--fail-on newly-over|changed|...] [options] "
	    "OLD NEW\n"),
	    N_("diff: what changed from case list OLD to case list NEW, per "
	    "worker and case\n"
	    "  --only WHICH           changed (default), all, or over, under, "
	    "flagged,\n"
	    "                         ok (by NEW)\n"
	    "  --cases                every case change (table); csv/tsv: a "
	    "row per case\n"
	    "  --fail-on WHICH        also newly-over, or changed (any worker "
	    "or case)\n"),
	    TAKES_CASES, 0, check_diff, 1, cli_run_diff, NULL },
};

const struct subcommand *
cli_subcommands(size_t *n)
{
	*n = sizeof subcommands / sizeof *subcommands;
	return subcommands;
}
