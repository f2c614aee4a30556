/*
 * frames_data.c -- IAU WGCCRE rotation models, from NAIF's pck00011.tpc
 * (Archinal et al. 2018, "Report of the IAU Working Group on Cartographic
 * Coordinates and Rotational Elements: 2015"; Earth and Moon from the 2009
 * report, as pck00011 keeps them).
 *
 * Periodic terms: all of the Moon's (E1..E13) and Neptune's (N); Mars's
 * three long-period terms (0.42 deg in RA, 1.59 deg in Dec, 0.58 deg in W,
 * angles 15, 20, 25 of BODY4_NUT_PREC_ANGLES). Left out, each below
 * 0.011 deg: Mercury's libration terms in W (0.0107 deg and smaller),
 * Mars's short-period terms (< 0.00025 deg), Jupiter's (five terms of at
 * most 0.0022 deg each in RA and 0.0009 deg in Dec). Measured against the
 * full kernel in tests/peer/test_frames_peers.py.
 */
#include "frames/frames_int.h"

#include <string.h>
#include <strings.h>

/* Moon: BODY3_NUT_PREC_ANGLES E1..E13 with BODY301_NUT_PREC_RA/DEC/PM. */
static const ilrs__iau_term moon_terms[] = {
    {125.045, -1935.5364525, 0, -3.8787, 1.5419, 3.5610},
    {250.089, -3871.0729050, 0, -0.1204, 0.0239, 0.1208},
    {260.008, 475263.3328725, 0, 0.0700, -0.0278, -0.0642},
    {176.625, 487269.6299850, 0, -0.0172, 0.0068, 0.0158},
    {357.529, 35999.0509575, 0, 0.0, 0.0, 0.0252},
    {311.589, 964468.4993100, 0, 0.0072, -0.0029, -0.0066},
    {134.963, 477198.8693250, 0, 0.0, 0.0009, -0.0047},
    {276.617, 12006.3007650, 0, 0.0, 0.0, -0.0046},
    {34.226, 63863.5132425, 0, 0.0, 0.0, 0.0028},
    {15.134, -5806.6093575, 0, -0.0052, 0.0008, 0.0052},
    {119.743, 131.8406400, 0, 0.0, 0.0, 0.0040},
    {239.961, 6003.1503825, 0, 0.0, 0.0, 0.0019},
    {25.053, 473327.7964200, 0, 0.0043, -0.0009, -0.0044},
};

/* Mars: BODY4_NUT_PREC_ANGLES 15, 20, 25 with the matching amplitudes. */
static const ilrs__iau_term mars_terms[] = {
    {79.398797, 0.5042615, 0, 0.419057, 0.0, 0.0},
    {166.325722, 0.5042615, 0, 0.0, 1.591274, 0.0},
    {95.391654, 0.5042615, 0, 0.0, 0.0, 0.584542},
};

/* Neptune: BODY8_NUT_PREC_ANGLES N with BODY899_NUT_PREC_RA/DEC/PM. */
static const ilrs__iau_term neptune_terms[] = {
    {357.85, 52.316, 0, 0.70, -0.51, -0.48},
};

#define TERMS(t) t, (int)(sizeof t / sizeof t[0])

static const ilrs__iau_model models[] = {
    {10, "IAU_SUN", 286.13, 0, 63.87, 0, 84.176, 14.18440, 0, NULL, 0},
    {199, "IAU_MERCURY", 281.0103, -0.0328, 61.4155, -0.0049, 329.5988,
     6.1385108, 0, NULL, 0},
    {299, "IAU_VENUS", 272.76, 0, 67.16, 0, 160.20, -1.4813688, 0, NULL, 0},
    {399, "IAU_EARTH", 0.0, -0.641, 90.0, -0.557, 190.147, 360.9856235, 0,
     NULL, 0},
    {301, "IAU_MOON", 269.9949, 0.0031, 66.5392, 0.0130, 38.3213,
     13.17635815, -1.4e-12, TERMS(moon_terms)},
    {499, "IAU_MARS", 317.269202, -0.10927547, 54.432516, -0.05827105,
     176.049863, 350.891982443297, 0, TERMS(mars_terms)},
    {599, "IAU_JUPITER", 268.056595, -0.006499, 64.495303, 0.002413, 284.95,
     870.5360000, 0, NULL, 0},
    {699, "IAU_SATURN", 40.589, -0.036, 83.537, -0.004, 38.90, 810.7939024,
     0, NULL, 0},
    {799, "IAU_URANUS", 257.311, 0, -15.175, 0, 203.81, -501.1600928, 0,
     NULL, 0},
    {899, "IAU_NEPTUNE", 299.36, 0, 43.46, 0, 249.978, 541.1397757, 0,
     TERMS(neptune_terms)},
};

const ilrs__iau_model *ilrs__iau_model_find(int body)
{
    for (size_t i = 0; i < sizeof models / sizeof models[0]; i++)
        if (models[i].body == body)
            return &models[i];
    return NULL;
}

const ilrs__iau_model *ilrs__iau_model_by_name(const char *frame)
{
    for (size_t i = 0; i < sizeof models / sizeof models[0]; i++)
        if (strcasecmp(models[i].frame, frame) == 0)
            return &models[i];
    return NULL;
}
