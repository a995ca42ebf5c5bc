/*
 * decline.c - the rows of decline.h's list, for tests and CASELOAD_STAGES.
 */
#include "decline.h"

static const struct cl_decline_rule rules[] = {
	{ "NONE", CL_DECLINE_LIMIT, "counted" },
#define CL_DECLINE_ROW(id, kind, says) { #id, CL_DECLINE_##kind, says },
	CL_DECLINE_RULES(CL_DECLINE_ROW)
#undef CL_DECLINE_ROW
};

const struct cl_decline_rule *
cl_decline_rule(enum cl_decline id)
{
	return &rules[(unsigned)id < CL_DECLINE_END ? id : CL_DECLINE_NONE];
}
