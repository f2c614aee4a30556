/*
 * frames.c -- rotations from ICRF to the ecliptic, Earth-fixed, IAU body
 * and lunar frames, with their time derivatives.
 */
#include "frames/frames_int.h"

#include <erfa.h>
#include <math.h>
#include <string.h>
#include <strings.h>

#include "ilrs/constants.h"
#include "ilrs/time.h"
#include "ilrs/vec.h"

/* Earth rotation rate (rad/s of UT1): ERA advances 1.00273781191135448
   revolutions per UT1 day (IERS Conventions 2010, eq. 5.15). */
#define EARTH_RATE (1.00273781191135448 * 2.0 * ILRS_PI / ILRS_DAY_S)

/* Passive rotation about axis (0 x, 1 y, 2 z) by a, and its derivative
   with respect to a. */
static void axis_rot(int axis, double a, double r[3][3], double d[3][3])
{
    double c = cos(a), s = sin(a);
    int i = (axis + 1) % 3, j = (axis + 2) % 3;
    memset(r, 0, 9 * sizeof(double));
    memset(d, 0, 9 * sizeof(double));
    r[axis][axis] = 1.0;
    r[i][i] = c;
    r[i][j] = s;
    r[j][i] = -s;
    r[j][j] = c;
    d[i][i] = -s;
    d[i][j] = c;
    d[j][i] = -c;
    d[j][j] = -s;
}

void ilrs_rotation_euler313(double phi, double delta, double w, double dphi,
                            double ddelta, double dw, ilrs_rotation *out)
{
    double a[3][3], da[3][3], b[3][3], db[3][3], c[3][3], dc[3][3];
    double ab[3][3], t1[3][3], t2[3][3], t3[3][3];
    axis_rot(2, w, a, da);
    axis_rot(0, delta, b, db);
    axis_rot(2, phi, c, dc);
    ilrs_mat3_mul(a, b, ab);
    ilrs_mat3_mul(ab, c, out->r);
    /* d(ABC) = dA B C w' + A dB C delta' + A B dC phi' */
    ilrs_mat3_mul(da, b, t1);
    ilrs_mat3_mul(t1, c, t2);
    ilrs_mat3_mul(a, db, t1);
    ilrs_mat3_mul(t1, c, t3);
    ilrs_mat3_mul(ab, dc, t1);
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++)
            out->dr[i][j] = t2[i][j] * dw + t3[i][j] * ddelta +
                            t1[i][j] * dphi;
}

void ilrs_rotation_apply(const ilrs_rotation *rot, const double in[6],
                         double out[6])
{
    double r[3], v[3];
    for (int i = 0; i < 3; i++) {
        r[i] = rot->r[i][0] * in[0] + rot->r[i][1] * in[1] +
               rot->r[i][2] * in[2];
        v[i] = rot->r[i][0] * in[3] + rot->r[i][1] * in[4] +
               rot->r[i][2] * in[5] + rot->dr[i][0] * in[0] +
               rot->dr[i][1] * in[1] + rot->dr[i][2] * in[2];
    }
    memcpy(out, r, sizeof r);
    memcpy(out + 3, v, sizeof v);
}

void ilrs_rotation_apply_inv(const ilrs_rotation *rot, const double in[6],
                             double out[6])
{
    /* x = R^T y;  v = R^T (w - dR x) */
    double r[3], w[3], v[3];
    for (int i = 0; i < 3; i++)
        r[i] = rot->r[0][i] * in[0] + rot->r[1][i] * in[1] +
               rot->r[2][i] * in[2];
    for (int i = 0; i < 3; i++)
        w[i] = in[3 + i] - (rot->dr[i][0] * r[0] + rot->dr[i][1] * r[1] +
                            rot->dr[i][2] * r[2]);
    for (int i = 0; i < 3; i++)
        v[i] = rot->r[0][i] * w[0] + rot->r[1][i] * w[1] +
               rot->r[2][i] * w[2];
    memcpy(out, r, sizeof r);
    memcpy(out + 3, v, sizeof v);
}

void ilrs_rotation_compose(const ilrs_rotation *a, const ilrs_rotation *b,
                           ilrs_rotation *out)
{
    ilrs_rotation x = *a, y = *b, o;
    double t1[3][3], t2[3][3];
    ilrs_mat3_mul(x.r, y.r, o.r);
    ilrs_mat3_mul(x.dr, y.r, t1);
    ilrs_mat3_mul(x.r, y.dr, t2);
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++)
            o.dr[i][j] = t1[i][j] + t2[i][j];
    *out = o;
}

/* ---- the individual frames ---------------------------------------------- */

static void constant(double m[3][3], ilrs_rotation *out)
{
    memcpy(out->r, m, sizeof out->r);
    memset(out->dr, 0, sizeof out->dr);
}

static void eclip(ilrs_rotation *out)
{
    double r[3][3], d[3][3];
    axis_rot(0, ILRS_OBLIQUITY_J2000, r, d);
    constant(r, out);
}

static int itrf(const ilrs_frame *f, double t, ilrs_rotation *out,
                ilrs_error *err)
{
    ilrs_epoch tt, utc;
    int st = ilrs_time_from_tdb(t, ILRS_TT, &tt, err);
    int st2 = st < 0 ? st : ilrs_time_from_tdb(t, ILRS_UTC, &utc, err);
    if (st2 < 0)
        return st2;
    /* UT1 from UTC and UT1-UTC; eraUtcut1 handles the 86401-s days of
       UTC's quasi-JD around leap seconds. */
    double u1, u2;
    if (eraUtcut1(utc.jd1, utc.jd2, f->dut1_s, &u1, &u2) < 0)
        return ilrs_error_set(err, ILRS_ERANGE, "ITRF: cannot form UT1");
    eraC2t06a(tt.jd1, tt.jd2, u1, u2, 0.0, 0.0, out->r);
    double w[3][3] = {{0, EARTH_RATE, 0}, {-EARTH_RATE, 0, 0}, {0, 0, 0}};
    ilrs_mat3_mul(w, out->r, out->dr);
    return st > 0 ? st : st2;
}

/* The IAU model of a body at t: angles and rates, then R3(W) R1(90-d)
   R3(90+a). */
static void iau(const ilrs__iau_model *m, double t, ilrs_rotation *out)
{
    double cy = ILRS_JULIAN_CENTURY_D * ILRS_DAY_S;
    double T = t / cy, d = t / ILRS_DAY_S;
    double ra = m->ra0 + m->ra1 * T, dra = m->ra1 / cy;
    double dec = m->dec0 + m->dec1 * T, ddec = m->dec1 / cy;
    double pm = m->pm0 + m->pm1 * d + m->pm2 * d * d;
    double dpm = (m->pm1 + 2.0 * m->pm2 * d) / ILRS_DAY_S;
    for (int k = 0; k < m->nterms; k++) {
        const ilrs__iau_term *q = &m->terms[k];
        double a = (q->a0 + (q->a1 + q->a2 * T) * T) * ILRS_DEG;
        double da = (q->a1 + 2.0 * q->a2 * T) * ILRS_DEG / cy;
        double s = sin(a), c = cos(a);
        ra += q->ra * s;
        dra += q->ra * c * da;
        dec += q->dec * c;
        ddec -= q->dec * s * da;
        pm += q->pm * s;
        dpm += q->pm * c * da;
    }
    ilrs_rotation_euler313((90.0 + ra) * ILRS_DEG, (90.0 - dec) * ILRS_DEG,
                           fmod(pm, 360.0) * ILRS_DEG, dra * ILRS_DEG,
                           -ddec * ILRS_DEG, dpm * ILRS_DEG, out);
}

void ilrs__pa_to_me(double z_as, double y_as, double x_as, double m[3][3])
{
    /* NAIF's TK angles give the rotation from the defined frame (ME) to
       the RELATIVE frame (PA): PA = [z]_3 [y]_2 [x]_1 ME (frame
       rotations, NAIF Frames Required Reading), so
       ME = [-x]_1 [-y]_2 [-z]_3 PA. */
    eraIr(m);
    eraRz(-z_as * ILRS_ARCSEC, m);
    eraRy(-y_as * ILRS_ARCSEC, m);
    eraRx(-x_as * ILRS_ARCSEC, m);
}

void ilrs__moon_pa_to_me_de421(double m[3][3])
{
    /* moon_080317.tf, TKFRAME_31007: angles (67.92, 78.56, 0.30) arcsec
       about axes (3, 2, 1), MOON_ME_DE421 relative to MOON_PA_DE421. */
    ilrs__pa_to_me(67.92, 78.56, 0.30, m);
}

int ilrs_frame_rotation(const ilrs_frame *f, double t, ilrs_rotation *out,
                        ilrs_error *err)
{
    if (!f || !out || !isfinite(t))
        return ilrs_error_set(err, ILRS_EINVAL,
                              "frame rotation: bad argument");
    double id[3][3];
    const ilrs__iau_model *m;
    switch (f->kind) {
    case ILRS_FRAME_ICRF:
        eraIr(id);
        constant(id, out);
        return ILRS_OK;
    case ILRS_FRAME_ECLIPJ2000:
        eclip(out);
        return ILRS_OK;
    case ILRS_FRAME_ITRF:
        return itrf(f, t, out, err);
    case ILRS_FRAME_MOON_ME:
    case ILRS_FRAME_MOON_PA:
        iau(ilrs__iau_model_find(301), t, out);
        if (f->kind == ILRS_FRAME_MOON_PA) {
            /* PA = M^T ME */
            ilrs_rotation me = *out, inv;
            double m421[3][3];
            ilrs__moon_pa_to_me_de421(m421);
            for (int i = 0; i < 3; i++)
                for (int j = 0; j < 3; j++)
                    inv.r[i][j] = m421[j][i];
            memset(inv.dr, 0, sizeof inv.dr);
            ilrs_rotation_compose(&inv, &me, out);
        }
        return ILRS_OK;
    case ILRS_FRAME_IAU:
        m = ilrs__iau_model_find(f->body);
        if (!m)
            return ilrs_error_set(err, ILRS_ENOTFOUND,
                                  "no IAU rotation model for body %d",
                                  f->body);
        iau(m, t, out);
        return ILRS_OK;
    }
    return ilrs_error_set(err, ILRS_EINVAL, "unknown frame kind %d",
                          (int)f->kind);
}
