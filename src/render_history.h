/*
 * render_history.h - the renderers of trends (caseload history) and
 * snapshot lists (caseload history --list); not installed.
 */
#ifndef CL_RENDER_HISTORY_H
#define CL_RENDER_HISTORY_H

#include "internal.h"

int cl_render_trend_table(const struct cl_trend *,
    const struct cl_render_options *, FILE *);
int cl_render_trend_csv(const struct cl_trend *,
    const struct cl_render_options *, FILE *);
int cl_render_trend_tsv(const struct cl_trend *,
    const struct cl_render_options *, FILE *);
int cl_render_trend_json(const struct cl_trend *,
    const struct cl_render_options *, FILE *);
int cl_render_list_table(const struct cl_snapshot_list *,
    const struct cl_render_options *, FILE *);
int cl_render_list_csv(const struct cl_snapshot_list *,
    const struct cl_render_options *, FILE *);
int cl_render_list_tsv(const struct cl_snapshot_list *,
    const struct cl_render_options *, FILE *);
int cl_render_list_json(const struct cl_snapshot_list *,
    const struct cl_render_options *, FILE *);

/* Whether --only shows the worker: by its latest status; a worker not in
 * the latest snapshot only with all. */
int cl_trend_shows(const struct cl_trend_worker *w, enum cl_only only);

/* The highest load in the trend (workers and teams): the sparkline's
 * top, one scale for every row so bars compare. */
cl_dec cl_trend_top(const struct cl_trend *t);

/* The sparkline level 0..7 of a load on the scale 0..top. */
int cl_spark_level(cl_dec load, cl_dec top);

#endif
