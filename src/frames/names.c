/* names.c -- frame names, and WGS84 geodetic coordinates (ERFA). */
#include "frames/frames_int.h"

#include <erfa.h>
#include <math.h>
#include <strings.h>

#include "ilrs/constants.h"

static const struct {
    const char *name;
    ilrs_frame_kind kind;
} aliases[] = {
    {"ICRF", ILRS_FRAME_ICRF},          {"J2000", ILRS_FRAME_ICRF},
    {"EME2000", ILRS_FRAME_ICRF},       {"ECLIPJ2000", ILRS_FRAME_ECLIPJ2000},
    {"ECLIPTIC", ILRS_FRAME_ECLIPJ2000}, {"ITRF", ILRS_FRAME_ITRF},
    {"ITRF93", ILRS_FRAME_ITRF},        {"EARTH-FIXED", ILRS_FRAME_ITRF},
    {"MOON_PA", ILRS_FRAME_MOON_PA},    {"MOON_ME", ILRS_FRAME_MOON_ME},
};

int ilrs_frame_parse(const char *name, ilrs_frame *out, ilrs_error *err)
{
    if (!name || !out)
        return ilrs_error_set(err, ILRS_EINVAL, "null argument");
    *out = (ilrs_frame){ILRS_FRAME_ICRF, 0, 0.0};
    for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
        if (strcasecmp(name, aliases[i].name) == 0) {
            out->kind = aliases[i].kind;
            return ILRS_OK;
        }
    const ilrs__iau_model *m = ilrs__iau_model_by_name(name);
    if (m) {
        out->kind = ILRS_FRAME_IAU;
        out->body = m->body;
        return ILRS_OK;
    }
    return ilrs_error_set(err, ILRS_ENOTFOUND,
                          "unknown frame '%s' (ICRF, J2000, EME2000, "
                          "ECLIPJ2000, ITRF, MOON_PA, MOON_ME, IAU_SUN, "
                          "IAU_MERCURY ... IAU_NEPTUNE, IAU_MOON)",
                          name);
}

const char *ilrs_frame_name(const ilrs_frame *f)
{
    const ilrs__iau_model *m;
    switch (f->kind) {
    case ILRS_FRAME_ICRF:
        return "ICRF";
    case ILRS_FRAME_ECLIPJ2000:
        return "ECLIPJ2000";
    case ILRS_FRAME_ITRF:
        return "ITRF";
    case ILRS_FRAME_MOON_PA:
        return "MOON_PA";
    case ILRS_FRAME_MOON_ME:
        return "MOON_ME";
    case ILRS_FRAME_IAU:
        m = ilrs__iau_model_find(f->body);
        return m ? m->frame : "IAU_?";
    }
    return "?";
}

int ilrs_geodetic_to_fixed(double lat, double lon, double h_km, double r[3],
                           ilrs_error *err)
{
    if (!isfinite(lat) || !isfinite(lon) || !isfinite(h_km) ||
        fabs(lat) > ILRS_PI / 2)
        return ilrs_error_set(err, ILRS_EINVAL,
                              "geodetic latitude must be within +-90 deg "
                              "and all values finite (got %g deg)",
                              lat / ILRS_DEG);
    double xyz[3];
    if (eraGd2gc(1, lon, lat, h_km * 1000.0, xyz) != 0)
        return ilrs_error_set(err, ILRS_EINVAL, "geodetic conversion failed");
    for (int k = 0; k < 3; k++)
        r[k] = xyz[k] / 1000.0;
    return ILRS_OK;
}

int ilrs_fixed_to_geodetic(const double r[3], double *lat, double *lon,
                           double *h_km, ilrs_error *err)
{
    double xyz[3] = {r[0] * 1000.0, r[1] * 1000.0, r[2] * 1000.0}, h;
    if (!isfinite(xyz[0]) || !isfinite(xyz[1]) || !isfinite(xyz[2]) ||
        eraGc2gd(1, xyz, lon, lat, &h) != 0)
        return ilrs_error_set(err, ILRS_EINVAL,
                              "cannot convert position to geodetic");
    *h_km = h / 1000.0;
    return ILRS_OK;
}
