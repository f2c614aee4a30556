/* lunar_int.h -- internals shared by the lunar module's files. */
#ifndef ILRS_LUNAR_INT_H
#define ILRS_LUNAR_INT_H

#include "ilrs/lunar.h"

struct ilrs_dem {
    ilrs_dem_info info;
    float *h;          /* heights (m above the sphere), row-major */
    char *path;
    char *wkt;         /* the file's projection, for writing maps */
    double wrap_cols;  /* columns in 360 deg of longitude, 0 if not global */
    double r_m;        /* sphere radius (m) */
    double s0, c0;     /* sin, cos of the central meridian */
};

/* Continuous pixel coordinates of a unit vector (Moon ME). Returns 0, or
   -1 where the projection has no image. */
int ilrs__dem_unit_to_pixel(const ilrs_dem *d, const double q[3],
                            double *col, double *row);

/* Bilinear height (m) at continuous pixel coordinates; 0 inside, -1 off
   the raster. */
int ilrs__dem_sample(const ilrs_dem *d, double col, double row, double *h_m);

/* ilrs_horizon_at on a float profile. */
double ilrs__horizon_at_f(const float *elev, int naz, double az);

/* CR3BP relays (relay_cr3bp.c): "queqiao" and "l2halo,..." (matched 0
   for any other text), and the position at t. */
int ilrs__relay_parse_halo(const char *text, ilrs_relay *out, ilrs_error *err,
                           int *matched);
int ilrs__relay_position_cr3bp(const ilrs_ephem *e, const ilrs_relay *r,
                               double t, double pos[3], ilrs_error *err);

#endif
