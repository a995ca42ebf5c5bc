/*
 * targets.c - the targets in one place: their defaults, and the targets
 * of a team (the global ones, overridden by its own entry).  Both the
 * configuration (config.c) and the engine (engine.c) use these, and
 * neither calls the other for them.
 */
#include "internal.h"

void
cl_targets_default(struct cl_targets *t)
{
	t->points = CL_DEC(120);
	t->cases = CL_DEC(25);
	t->under_pct = CL_DEC(80);
	t->followups = 0;
	t->full_time_hours = CL_DEC(37);
}

struct cl_targets
cl_config_team_targets(const struct cl_config *c, const char *team)
{
	struct cl_targets t = c->targets;

	if (team == NULL)
		return t;
	for (size_t i = 0; i < c->nteams; i++) {
		const struct cl_team_config *tc = &c->teams[i];

		if (!cl_same_name(tc->name, team))
			continue;
		if (tc->set & CL_SET_POINTS)
			t.points = tc->targets.points;
		if (tc->set & CL_SET_CASES)
			t.cases = tc->targets.cases;
		if (tc->set & CL_SET_UNDER)
			t.under_pct = tc->targets.under_pct;
		if (tc->set & CL_SET_FOLLOWUPS)
			t.followups = tc->targets.followups;
		if (tc->set & CL_SET_HOURS)
			t.full_time_hours = tc->targets.full_time_hours;
		break;
	}
	return t;
}

cl_dec
cl_config_least_points(const struct cl_config *c)
{
	cl_dec least = c->targets.points;

	for (size_t i = 0; i < c->nteams; i++) {
		cl_dec t = cl_config_team_targets(c, c->teams[i].name).points;

		if (t < least)
			least = t;
	}
	return least;
}
