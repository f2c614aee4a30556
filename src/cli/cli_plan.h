/*
 * cli_plan.h -- `ilrs plan`: the pieces shared by cli_plan.c (options,
 * checks, the computation) and cli_plan_out.c (plan.json, CSV, HTML).
 */
#ifndef ILRS_CLI_PLAN_H
#define ILRS_CLI_PLAN_H

#include <jansson.h>

#include "cli.h"
#include "ilrs/design.h"
#include "ilrs/lunar.h"
#include "ilrs/lunar_transfer.h"
#include "ilrs/program.h"

#define PLAN_CMD "plan"

/* What plan designs for a mission. */
typedef enum { PK_NONE = 0, PK_LUNAR, PK_DEEP } plan_kind;

/* Lunar orbit (unless the mission's lunar_orbit says otherwise) and
   transfer settings of every lunar mission (the `ilrs lunar-transfer`
   defaults). */
#define PLAN_LUNAR_ORBIT_KM 100.0
#define PLAN_LUNAR_INC_DEG 90.0
#define PLAN_LUNAR_TOF_D 4.5
#define PLAN_PARK_ALT_KM 200.0
/* Site statistics: one year from the arrival of the first mission landing
   there (its cheapest transfer's LOI), hourly. */
#define PLAN_SITE_DAYS 365.0
#define PLAN_SITE_STEP_S 3600.0

typedef struct {
    const char *id;
    char name[160], target[160], vehicle[80], lsite[80], landing[80];
    char status[40], types[160], launch_text[80];
    plan_kind kind;
    int has_launch;
    double t0, t1;            /* launch window (TDB s) */
    int has_lsite;
    double lsite_lat, lsite_lon;   /* deg */
    double launch_mass;       /* kg, NaN: not given */
    int ntab;                 /* vehicle performance rows */
    double tab_c3[16], tab_mass[16];
    double c3_limit;          /* from the vehicle and launch_mass */
    double dla_limit;         /* rad, INFINITY: none */
    int lands;                /* lander, rover, hopper or sample return */
    double land_lat, land_lon;     /* deg */
    /* lunar */
    double lo_peri, lo_apo, lo_inc;  /* lunar orbit: km, km, deg */
    int lo_given;             /* 1: from the mission's lunar_orbit */
    ilrs_lunar_transfer_spec lsp;
    double day0;
    int ndays, best;
    ilrs_lunar_transfer *days;
    /* deep space */
    ilrs_target to;
    ilrs_window_spec ws;
    ilrs_window win;
    int dla_relaxed, c3_relaxed;
    ilrs_porkchop *pc;
    ilrs_porkchop_spec ps;
    /* results */
    int done;                 /* a transfer was found */
    double c3, dv_total;      /* km^2/s^2, km/s */
    double capacity;          /* vehicle mass at c3 (kg), NaN unknown */
    char plot[96], oem[96];   /* file names in the report, "" none */
    ilrs_diag warn;
} plan_mission;

typedef struct {
    const char *id;
    char name[160], dem_path[1024], missions[256], relay_name[80];
    double lat, lon;          /* deg */
    ilrs_dem *dem;
    int has_relay;
    int relay_l2;             /* the relay is the L2 halo preset */
    ilrs_relay relay;
    double t0, t1;            /* statistics period (TDB s) */
    char start_by[160];       /* what sets t0 */
    double *horizon;
    int naz;
    double terrain_km;
    ilrs_site_stats st;
    int status;               /* 0, or the library's error */
    ilrs_error err;
    char plot[96];
} plan_site;

typedef struct {
    const char *file, *outdir, *registry;
    char staging[1200], reg_path[1200];
    int threads, quiet;
    ilrs_program *p;
    ilrs_ephem *eph;
    ilrs_target earth;
    plan_mission *m;
    size_t nm;
    plan_site *s;
    size_t ns;
    ilrs_program_view v;
    int have_view;
    ilrs_alloc_plan alloc;
    int alloc_status;         /* ilrs_alloc_solve's status; 1: not run */
    char alloc_msg[512];
    ilrs_diag check;          /* budget check problems */
    ilrs_diag warn;           /* program-wide warnings */
    char timeline[96];
    double seconds;
    cli_progress bar;
} plan_run;

/* cli_plan_out.c */
int plan_write_json(plan_run *r);
int plan_write_csv(plan_run *r);
int plan_write_html(plan_run *r);
/* UTC date (YYYY-MM-DD) and time of a TDB epoch. */
void plan_date(double t, char *buf, size_t n);
void plan_utc(double t, char *buf, size_t n);
/* Vehicle mass at C3 by the performance table; NaN beyond it. */
double plan_capacity(const plan_mission *m, double c3);
/* The staging path of a report file. */
void plan_path(const plan_run *r, const char *name, char *buf, size_t n);

#endif
