/*
 * ilrs/vec.h -- small 3-vector and 3x3 matrix helpers (header-only).
 * Units are whatever the caller's are; nothing here allocates or fails.
 * Matrix parameters are not const-qualified: C11 does not convert
 * double (*)[3] to const double (*)[3] implicitly.
 */
#ifndef ILRS_VEC_H
#define ILRS_VEC_H

#include <math.h>

static inline double ilrs_vec3_dot(const double a[3], const double b[3])
{
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

static inline double ilrs_vec3_norm(const double a[3])
{
    return sqrt(ilrs_vec3_dot(a, a));
}

static inline void ilrs_vec3_cross(const double a[3], const double b[3],
                                   double out[3])
{
    double x = a[1] * b[2] - a[2] * b[1];
    double y = a[2] * b[0] - a[0] * b[2];
    double z = a[0] * b[1] - a[1] * b[0];
    out[0] = x;
    out[1] = y;
    out[2] = z;
}

/* out = m * v (out may alias v). */
static inline void ilrs_mat3_mul_vec(double m[3][3], const double v[3],
                                     double out[3])
{
    double x = m[0][0] * v[0] + m[0][1] * v[1] + m[0][2] * v[2];
    double y = m[1][0] * v[0] + m[1][1] * v[1] + m[1][2] * v[2];
    double z = m[2][0] * v[0] + m[2][1] * v[1] + m[2][2] * v[2];
    out[0] = x;
    out[1] = y;
    out[2] = z;
}

/* out = transpose(m) * v (out may alias v). */
static inline void ilrs_mat3_tmul_vec(double m[3][3], const double v[3],
                                      double out[3])
{
    double x = m[0][0] * v[0] + m[1][0] * v[1] + m[2][0] * v[2];
    double y = m[0][1] * v[0] + m[1][1] * v[1] + m[2][1] * v[2];
    double z = m[0][2] * v[0] + m[1][2] * v[1] + m[2][2] * v[2];
    out[0] = x;
    out[1] = y;
    out[2] = z;
}

/* out = a * b (out must not alias a or b). */
static inline void ilrs_mat3_mul(double a[3][3], double b[3][3],
                                 double out[3][3])
{
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++)
            out[i][j] = a[i][0] * b[0][j] + a[i][1] * b[1][j] +
                        a[i][2] * b[2][j];
}

#endif
