/*
 * cli_commands.c - the subcommands, one row each.
 *
 * A subcommand is its row here and its runner (in cli_run.c): the usage
 * and help text, the "X goes with Y" errors and the dispatch all come
 * from this table.
 */
#include "cli.h"

/* assign: exactly one of --points and --category. */
static const char *
check_assign(const struct options *o)
{
	if (!(o->given & TAKES_POINTS) == !(o->given & TAKES_CATEGORY))
		return _("caseload assign needs --points N or --category C "
		    "(one of them, not both)");
	return NULL;
}

/* diff: two case lists, and no rows per team. */
static const char *
check_diff(const struct options *o)
{
	if (o->render_opt.by_team)
		return _("--by team goes with the report, not with caseload diff");
	if (o->nfiles != 2)
		return _("caseload diff needs two case lists: "
		    "caseload diff [options] OLD NEW");
	return NULL;
}

/* The options the report's result reads: a followups run has none of it. */
#define TAKES_REPORT_VIEW (TAKES_BY | TAKES_ONLY | TAKES_SORT)

static const struct fail_on_word load_words[] = {
	{ "over", CL_ONLY_OVER }, { "under", CL_ONLY_UNDER },
	{ "flagged", CL_ONLY_FLAGGED }, { NULL, 0 }
};

static const struct fail_on_word diff_words[] = {
	{ "newly-over", FAIL_ON_NEWLY_OVER }, { "changed", FAIL_ON_CHANGED },
	{ "over", CL_ONLY_OVER }, { "under", CL_ONLY_UNDER },
	{ "flagged", CL_ONLY_FLAGGED }, { NULL, 0 }
};

static const struct fail_on_word followup_words[] = {
	{ "overdue", FAIL_ON_OVERDUE }, { "over", CL_ONLY_OVER }, { NULL, 0 }
};

static const struct subcommand subcommands[] = {
	/* TRANSLATORS: in "--fill goes with caseload rebalance, not with the
	 * report" */
	{ NULL, N_("the report"), NULL, "", TAKES_REPORT_VIEW | TAKES_AS_OF |
	    TAKES_RECORD | TAKES_RECORD_PARTIAL, load_words, cl_source_cases, 1,
	    NULL, 0, NULL, cli_run_report, NULL },
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
	    TAKES_FILL | TAKES_ACROSS_TEAMS | TAKES_KEEP | TAKES_REPORT_VIEW,
	    load_words, cl_source_cases, 0, NULL, 0, NULL, cli_run_rebalance,
	    NULL },
	{ "assign", "caseload assign",
	    N_("assign --points N | --category C [--team T]\n"
	    "                [options] [FILE...]\n"),
	    N_("assign: rank workers for a new case\n"
	    "  --points N             the new case's points\n"
	    "  --category C           or its category, from the "
	    "configuration\n"
	    "  --team T               only workers of team T\n"),
	    TAKES_POINTS | TAKES_CATEGORY | TAKES_TEAM | TAKES_REPORT_VIEW,
	    load_words, cl_source_cases, 0, check_assign, 0, NULL,
	    cli_run_assign, NULL },
	{ "followups", "caseload followups",
	    N_("followups [--as-of DATE] [--days N] [--list]\n"
	    "                [--fail-on overdue|over] [options] [FILE...]\n"),
	    N_("followups: follow-up load, due and overdue visits (also F/month "
	    "in the report)\n"
	    "  --as-of DATE           the day to count on, YYYY-MM-DD "
	    "(default: today)\n"
	    "  --days N               due: within N days from --as-of "
	    "(default 28)\n"
	    "  --list                 a row per due or overdue case instead "
	    "of workers\n"
	    "  --fail-on overdue      exit 1 when a case is overdue\n"),
	    TAKES_AS_OF | TAKES_DAYS | TAKES_LIST, followup_words,
	    cl_source_followups, 0, NULL, 0, NULL, cli_run_followups,
	    NULL },
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
	    TAKES_CASES | TAKES_REPORT_VIEW, diff_words, cl_source_cases, 0,
	    check_diff, 1, cli_run_diff, NULL, NULL },
	{ "history", "caseload history",
	    N_("history [--weeks N] [--fail-on streak:N] [--ascii]\n"
	    "                [--only WHICH] [--sort ORDER] [-f FMT] [-o FILE] DB\n"
	    "       caseload history --list [-f FMT] [-o FILE] DB\n"
	    "       caseload history --forget YYYY-MM-DD DB\n"),
	    N_("history: the trend of the snapshots recorded in DB\n"
	    "  --weeks N              the last N snapshots (default 8)\n"
	    "  --fail-on streak:N     exit 1 when a worker has been over N "
	    "snapshots in a row\n"
	    "  --ascii                draw the loads without Unicode blocks\n"
	    "  --list                 list the snapshots instead\n"
	    "  --forget YYYY-MM-DD    delete the snapshot of that date\n"),
	    TAKES_WEEKS | TAKES_LIST | TAKES_FORGET | TAKES_ASCII |
	    TAKES_REPORT_VIEW, NULL, cl_source_cases, 0, cli_check_history, 0,
	    NULL, NULL, cli_run_history },
};

const struct subcommand *
cli_subcommands(size_t *n)
{
	*n = sizeof subcommands / sizeof *subcommands;
	return subcommands;
}
