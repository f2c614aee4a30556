/* frames_int.h -- frames internals shared with the ephem module. */
#ifndef ILRS_FRAMES_INT_H
#define ILRS_FRAMES_INT_H

#include "ilrs/frames.h"

/* One periodic term of an IAU rotation model: angle = a0 + a1 T + a2 T^2
   (deg, T in Julian centuries TDB from J2000); RA += ra sin(angle),
   Dec += dec cos(angle), W += pm sin(angle) (deg). */
typedef struct {
    double a0, a1, a2;
    double ra, dec, pm;
} ilrs__iau_term;

/* An IAU WGCCRE rotation model (pck00011.tpc). */
typedef struct {
    int body;                  /* NAIF id */
    const char *frame;         /* "IAU_MARS" */
    double ra0, ra1;           /* pole RA (deg, deg/century) */
    double dec0, dec1;         /* pole Dec (deg, deg/century) */
    double pm0, pm1, pm2;      /* prime meridian (deg, deg/day, deg/day^2) */
    const ilrs__iau_term *terms;
    int nterms;
} ilrs__iau_model;

/* The model of a body, or NULL (frames_data.c). */
const ilrs__iau_model *ilrs__iau_model_find(int body);
const ilrs__iau_model *ilrs__iau_model_by_name(const char *frame);

/* The constant rotation ME = m PA of a lunar solution whose NAIF frame
   kernel defines ME relative to PA by TK angles (arcsec) about axes 3, 2,
   1 (TKFRAME_..._ANGLES = (z, y, x)); checked against skyfield's reading
   of moon_080317.tf in tests/peer/test_moon_frames.py. */
void ilrs__pa_to_me(double z_as, double y_as, double x_as, double m[3][3]);

/* Constant rotation from the Moon's PA frame to its ME frame for the DE421
   lunar solution (moon_080317.tf, TKFRAME_31007): ME = m * PA. */
void ilrs__moon_pa_to_me_de421(double m[3][3]);

#endif
