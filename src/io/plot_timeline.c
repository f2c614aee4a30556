/* plot_timeline.c -- the program timeline: phases as shaded bands, one row
   per mission (a bar over its launch date or window, coloured by status),
   on a date axis. Drawn with ilrs/plot.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ilrs/plot.h"
#include "ilrs/time.h"
#include "ilrs/timeline.h"

typedef struct {
    const char *id;
    char label[96];
    char status[32];
    double t0, t1;  /* launch date or window (TDB s) */
} row;

/* Status colours: flown, in work, planned, lost. */
static const ilrs_plot_style st_done = {{0.10, 0.45, 0.75}, 1, 0, 0};
static const ilrs_plot_style st_work = {{0.90, 0.50, 0.05}, 1, 0, 0};
static const ilrs_plot_style st_plan = {{0.55, 0.55, 0.55}, 1, 0, 0};
static const ilrs_plot_style st_lost = {{0.80, 0.15, 0.15}, 1, 0, 0};

static const ilrs_plot_style *status_style(const char *s)
{
    if (!strcmp(s, "launched") || !strcmp(s, "operating") ||
        !strcmp(s, "completed"))
        return &st_done;
    if (!strcmp(s, "approved") || !strcmp(s, "in-development"))
        return &st_work;
    if (!strcmp(s, "failed") || !strcmp(s, "cancelled"))
        return &st_lost;
    return &st_plan;
}

static int by_t0(const void *a, const void *b)
{
    const row *x = a, *y = b;
    return x->t0 < y->t0 ? -1 : x->t0 > y->t0 ? 1 : strcmp(x->id, y->id);
}

static double year_start(int y)
{
    char buf[32];
    double t = 0.0;
    snprintf(buf, sizeof buf, "%04d-01-01", y < 1 ? 1 : y > 9999 ? 9999 : y);
    ilrs_time_parse_tdb(buf, &t, NULL);
    return t;
}

/* Missions with a launch, sorted by date; returns the count. */
static size_t collect(const ilrs_program *p, row *r)
{
    size_t n = 0;
    for (size_t i = 0; i < ilrs_program_count(p, ILRS_PK_MISSION); i++) {
        const char *id = ilrs_program_id(p, ILRS_PK_MISSION, i);
        if (ilrs_program_launch(p, id, &r[n].t0, &r[n].t1) != ILRS_OK)
            continue;
        char name[80] = "";
        ilrs_program_field(p, id, "name", name, sizeof name);
        snprintf(r[n].label, sizeof r[n].label, "%.40s", name[0] ? name : id);
        if (ilrs_program_field(p, id, "status", r[n].status,
                               sizeof r[n].status) != ILRS_OK)
            r[n].status[0] = '\0';
        r[n].id = id;
        n++;
    }
    qsort(r, n, sizeof *r, by_t0);
    return n;
}

static void draw_phases(ilrs_plot *p, const ilrs_program *prog, double bot,
                        double top)
{
    static const double shade[3][3] = {
        {0.80, 0.88, 1.00}, {1.00, 0.90, 0.75}, {0.85, 0.95, 0.85}};
    char a[32], b[32], name[96];
    for (size_t i = 0; i < ilrs_program_count(prog, ILRS_PK_PHASE); i++) {
        const char *id = ilrs_program_id(prog, ILRS_PK_PHASE, i);
        if (ilrs_program_field(prog, id, "from", a, sizeof a) ||
            ilrs_program_field(prog, id, "to", b, sizeof b))
            continue;
        double t0 = year_start(atoi(a)), t1 = year_start(atoi(b) + 1);
        ilrs_plot_style s = {{shade[i % 3][0], shade[i % 3][1],
                              shade[i % 3][2]}, 1, 0, 0.55};
        ilrs_plot_rect(p, t0, bot, t1, top, &s);
        if (ilrs_program_field(prog, id, "name", name, sizeof name))
            snprintf(name, sizeof name, "%s", id);
        ilrs_plot_style ink = {{0.25, 0.25, 0.25}, 1, 0, 0};
        ilrs_plot_text(p, 0.5 * (t0 + t1), bot + 0.35, name, 9,
                       ILRS_ANCHOR_CENTER, &ink);
    }
}

/* Date range: every launch and phase, a year's margin each side. */
static void date_range(const ilrs_program *prog, const row *r, size_t n,
                       double *lo, double *hi)
{
    char a[32], b[32];
    *lo = r[0].t0;
    *hi = r[0].t1;
    for (size_t i = 0; i < n; i++) {
        *lo = r[i].t0 < *lo ? r[i].t0 : *lo;
        *hi = r[i].t1 > *hi ? r[i].t1 : *hi;
    }
    for (size_t i = 0; i < ilrs_program_count(prog, ILRS_PK_PHASE); i++) {
        const char *id = ilrs_program_id(prog, ILRS_PK_PHASE, i);
        if (ilrs_program_field(prog, id, "from", a, sizeof a) ||
            ilrs_program_field(prog, id, "to", b, sizeof b))
            continue;
        double t0 = year_start(atoi(a)), t1 = year_start(atoi(b) + 1);
        *lo = t0 < *lo ? t0 : *lo;
        *hi = t1 > *hi ? t1 : *hi;
    }
    *lo -= 365.25 * 86400.0;
    *hi += 365.25 * 86400.0;
}

int ilrs_timeline_plot(const ilrs_program *prog, const char *path,
                       ilrs_error *err)
{
    size_t nm = ilrs_program_count(prog, ILRS_PK_MISSION);
    row *r = calloc(nm + 1, sizeof *r);
    const char **cats = calloc(nm + 1, sizeof *cats);
    if (!r || !cats) {
        free(r);
        free(cats);
        return ilrs_error_set(err, ILRS_ENOMEM, "out of memory");
    }
    size_t n = collect(prog, r);
    if (n == 0) {
        free(r);
        free(cats);
        return ilrs_error_set(err, ILRS_EINVAL, "%s: no mission has a launch "
                              "date to draw", path);
    }
    /* Earliest launch at the top: row i sits at y = n - 1 - i. */
    for (size_t i = 0; i < n; i++)
        cats[n - 1 - i] = r[i].label;
    ilrs_plot *p;
    int st = ilrs_plot_open(path, 1000, 160 + 28.0 * (double)n, &p, err);
    if (st) {
        free(r);
        free(cats);
        return st;
    }
    /* A strip under the rows for the phase names. */
    double lo, hi, top = (double)n - 0.4, bot = -1.2;
    date_range(prog, r, n, &lo, &hi);
    char title[128] = "Program timeline", pname[96];
    const char *pid = ilrs_program_id(prog, ILRS_PK_PROGRAM, 0);
    if (pid && !ilrs_program_field(prog, pid, "name", pname, sizeof pname))
        snprintf(title, sizeof title, "%.90s: timeline", pname);
    ilrs_plot_title(p, title, "phases (bands) and missions by launch date or "
                              "window (UTC)");
    ilrs_plot_axis x = {lo, hi, ILRS_AXIS_DATE, "Launch (UTC)", NULL, 0};
    ilrs_plot_axis y = {bot, top, ILRS_AXIS_CATEGORY, NULL, cats, n};
    ilrs_plot_axes(p, &x, &y);
    draw_phases(p, prog, bot, top);
    /* A bar at least ~3 weeks wide, so single days show. */
    double minw = (hi - lo) / 250.0;
    for (size_t i = 0; i < n; i++) {
        double yy = (double)(n - 1 - i), t1 = r[i].t1;
        if (t1 - r[i].t0 < minw)
            t1 = r[i].t0 + minw;
        ilrs_plot_rect(p, r[i].t0, yy - 0.28, t1, yy + 0.28,
                       status_style(r[i].status));
        char tag[64];
        snprintf(tag, sizeof tag, "%s (%s)", r[i].id, r[i].status);
        ilrs_plot_text(p, t1 + minw, yy, tag, 8, ILRS_ANCHOR_LEFT, NULL);
    }
    static const char *const labels[4] = {
        "launched, operating or completed", "approved or in development",
        "proposed", "failed or cancelled"};
    ilrs_plot_style leg[4] = {st_done, st_work, st_plan, st_lost};
    for (int i = 0; i < 4; i++)
        leg[i].width = 6;
    ilrs_plot_legend(p, labels, leg, 4);
    free(cats);
    st = ilrs_plot_close(p, err);
    free(r);
    return st;
}
