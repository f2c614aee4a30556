/* plot_ticks.c -- tick positions and labels: "nice" numbers and calendar
   dates. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "ilrs/plot.h"
#include "ilrs/time.h"
#include "io/io_int.h"

/* The smallest of 1, 2, 2.5, 5 times a power of ten that is >= x. */
static double nice_step(double x)
{
    double e = pow(10.0, floor(log10(x)));
    double f = x / e;
    double m = f <= 1.0 ? 1.0 : f <= 2.0 ? 2.0 : f <= 2.5 ? 2.5
             : f <= 5.0 ? 5.0 : 10.0;
    return m * e;
}

void ilrs__ticks_linear(double lo, double hi, int max, plot_ticks *t)
{
    t->n = 0;
    if (!(hi > lo) || max < 2)
        return;
    if (max > PLOT_MAX_TICKS)
        max = PLOT_MAX_TICKS;
    double step = nice_step((hi - lo) / (max - 1));
    double first = ceil(lo / step - 1e-9) * step;
    for (double v = first; v <= hi + 1e-9 * step && t->n < (size_t)max;
         v += step) {
        double r = fabs(v) < 1e-12 * step ? 0.0 : v;
        t->v[t->n] = r;
        snprintf(t->label[t->n], sizeof t->label[0], "%g", r);
        t->n++;
    }
}

/* TDB seconds of 00:00 UTC on a calendar day (NaN if it cannot be made). */
static double day_tdb(int y, int m, int d)
{
    char buf[32];
    double t;
    snprintf(buf, sizeof buf, "%04d-%02d-%02dT00:00:00 UTC", y, m, d);
    return ilrs_time_parse_tdb(buf, &t, NULL) < 0 ? NAN : t;
}

static int utc_ymd(double t_tdb, int *y, int *m, int *d)
{
    char buf[40];
    ilrs_epoch e;
    if (ilrs_time_from_tdb(t_tdb, ILRS_UTC, &e, NULL) < 0 ||
        ilrs_time_format(&e, ILRS_TIME_ISO, 0, buf, sizeof buf, NULL) < 0)
        return -1;
    return sscanf(buf, "%d-%d-%d", y, m, d) == 3 ? 0 : -1;
}

static void push_tick(plot_ticks *t, double v, const char *label)
{
    if (t->n >= PLOT_MAX_TICKS)
        return;
    t->v[t->n] = v;
    snprintf(t->label[t->n], sizeof t->label[0], "%s", label);
    t->n++;
}

/* Ticks every `months` months (12k: years) from the month holding lo. */
static void ticks_months(double lo, double hi, int months, plot_ticks *t)
{
    int y, m, d;
    if (utc_ymd(lo, &y, &m, &d) < 0)
        return;
    int k = y * 12 + (m - 1);
    k -= ((k % months) + months) % months;
    for (; t->n < PLOT_MAX_TICKS; k += months) {
        double v = day_tdb(k / 12, k % 12 + 1, 1);
        if (!isfinite(v) || v > hi + 1.0)
            break;
        if (v < lo - 1.0)
            continue;
        char buf[32];
        if (months % 12 == 0)
            snprintf(buf, sizeof buf, "%d", k / 12);
        else
            snprintf(buf, sizeof buf, "%04d-%02d-01", k / 12, k % 12 + 1);
        push_tick(t, v, buf);
    }
}

/* Ticks every `days` days, aligned on whole UTC days. */
static void ticks_days(double lo, double hi, int days, plot_ticks *t)
{
    int y, m, d;
    if (utc_ymd(lo, &y, &m, &d) < 0)
        return;
    double v0 = day_tdb(y, m, d);
    for (double v = v0; v <= hi + 1.0 && t->n < PLOT_MAX_TICKS;
         v += days * 86400.0) {
        if (v < lo - 1.0)
            continue;
        char buf[32];
        ilrs_plot_format_date(v + 43200.0, 0, buf, sizeof buf);
        push_tick(t, v, buf);
    }
}

void ilrs__ticks_date(double lo, double hi, int max, plot_ticks *t)
{
    static const int month_steps[] = {1, 2, 3, 4, 6, 12, 24, 60, 120, 240};
    static const int day_steps[] = {1, 2, 5, 7, 10, 14};
    t->n = 0;
    if (!(hi > lo) || max < 2)
        return;
    double span_d = (hi - lo) / 86400.0;
    for (size_t i = 0; i < sizeof day_steps / sizeof day_steps[0]; i++)
        if (span_d / day_steps[i] <= max - 1) {
            ticks_days(lo, hi, day_steps[i], t);
            return;
        }
    for (size_t i = 0; i < sizeof month_steps / sizeof month_steps[0]; i++)
        if (span_d / (30.44 * month_steps[i]) <= max - 1) {
            ticks_months(lo, hi, month_steps[i], t);
            return;
        }
    ticks_months(lo, hi, 600, t);
}

void ilrs_plot_format_date(double t_tdb, int with_time, char *buf,
                           size_t size)
{
    char iso[40];
    ilrs_epoch e;
    if (size == 0)
        return;
    if (ilrs_time_from_tdb(t_tdb, ILRS_UTC, &e, NULL) < 0 ||
        ilrs_time_format(&e, ILRS_TIME_ISO, 0, iso, sizeof iso, NULL) < 0) {
        snprintf(buf, size, "?");
        return;
    }
    /* iso is "YYYY-MM-DDThh:mm:ss" */
    if (with_time) {
        iso[16] = '\0';
        iso[10] = ' ';
    } else {
        iso[10] = '\0';
    }
    snprintf(buf, size, "%s", iso);
}
