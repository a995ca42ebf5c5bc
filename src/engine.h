/*
 * engine.h - the engine's tables, shared by engine.c (sums) and
 * rebalance.c (plans); not installed.
 */
#ifndef CL_ENGINE_H
#define CL_ENGINE_H

#include "followup_sums.h"
#include "internal.h"

struct worker_acc {
	char *name;
	char *team;
	char *reason;
	cl_dec fte;
	cl_dec reduction;
	long cases;
	long cases_without_id;
	long bulk_cases;        /* cases of cl_engine_add_bulk, as a team counts */
	cl_dec points;
	int on_roster;
	int team_from_roster;
	int team_warned;
	unsigned spellings;     /* bit 0: NFC seen, bit 1: another form seen */
	struct fu_sum fu;      /* follow-ups (followup_sums.c) */
	uint32_t first_file;    /* where the name was first met */
	long first_line;
	char *initials;         /* from the roster, or NULL */
};

/* A name met only in a different letter case, or a roster's initials:
 * a key (case-folded name, or initials) and the worker it belongs to. */
struct key_entry {
	char *key;
	uint32_t worker;
};

struct key_table {
	struct cl_hashtab index;
	struct key_entry *entries;
	size_t n, cap;
};

/* A case id, numbered in the order they first appear. */
struct case_entry {
	const char *id;
	int counted;            /* some row of it was counted */
};

struct pair_slot {
	uint64_t key;           /* case index << 32 | worker index */
	long line;              /* 0: empty slot; else where it was counted */
	cl_dec points;
	uint32_t file;
};

struct cl_engine {
	/* The targets, categories and teams in effect: the caller's
	 * (cl_engine_use_config), else `defaults`, which holds just the
	 * targets given to cl_engine_new.  Never NULL. */
	const struct cl_config *config;
	struct cl_config defaults;
	int have_roster;

	struct worker_acc *workers;
	size_t nworkers, cap_workers;
	struct cl_hashtab worker_index;     /* by name */

	struct case_entry *cases;
	size_t ncases, cap_cases;
	struct cl_hashtab case_index;       /* by id */
	struct cl_arena case_ids;   /* never reset: entries point into it */

	struct pair_slot *pairs;
	size_t npairs, pair_mask;

	char **files;               /* names for "repeats FILE:LINE", one
				     * per input (a name given twice is two) */
	size_t nfiles;
	uint32_t input;             /* files[input] is the input being read */
	int new_input;              /* cl_engine_begin_input was called */

	struct key_table folds;     /* case-folded name -> first worker */
	struct key_table initials;  /* roster initials -> worker */
	struct cl_buf fold;

	long rows_without_id;
	int bulk;                   /* cl_engine_add_bulk was called */
	int report_only;            /* cl_engine_report_only was called */
	long counted_cases;         /* distinct case ids with a counted row */
	cl_dec points;

	struct cl_report report;
	struct cl_msg msg;          /* with the caller's on_diag and ctx */

	int fu_on;                  /* cl_engine_use_followups was called */
	int fu_seen;                /* a case list had the columns */
	cl_date as_of;
	long window;
	struct due_list due;
};

/* Computes w's targets, load and status from its team, fte, reduction,
 * cases and points. */
void cl_engine_classify(const struct cl_engine *e, struct cl_worker *w);

/* Worker `index` (in the engine's order) as a report row, classified. */
void cl_engine_worker(const struct cl_engine *e, size_t index,
    struct cl_worker *w);

/* The per-FTE targets of a team (NULL for none). */
struct cl_targets cl_engine_targets_of(const struct cl_engine *e,
    const char *team);

/* Spreads a 64-bit key over a table's slots. */
uint64_t cl_engine_mix(uint64_t key);

#endif
