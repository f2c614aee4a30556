/* catalog.c -- look-ups in the bundled catalog of mission targets. */
#include "ilrs/catalog.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "ephem/catalog_int.h"
#include "ilrs/constants.h"
#include "ilrs/kepler.h"

size_t ilrs_catalog_count(void)
{
    return ilrs__catalog_n;
}

const ilrs_catalog_entry *ilrs_catalog_get(size_t i)
{
    return i < ilrs__catalog_n ? &ilrs__catalog[i] : NULL;
}

/* Lower-case letters and digits only (drops `, ', spaces, punctuation). */
static void squash(const char *s, size_t len, char *out, size_t n)
{
    size_t k = 0;
    for (size_t j = 0; j < len && s[j] && k + 1 < n; j++)
        if (isalnum((unsigned char)s[j]))
            out[k++] = (char)tolower((unsigned char)s[j]);
    out[k] = '\0';
}

static int same(const char *a, size_t alen, const char *q)
{
    char x[96];
    squash(a, alen, x, sizeof x);
    return x[0] && strcmp(x, q) == 0;
}

static int entry_matches(const ilrs_catalog_entry *c, const char *q)
{
    if (same(c->name, strlen(c->name), q) ||
        same(c->designation, strlen(c->designation), q))
        return 1;
    /* "311P/PANSTARRS" also answers to "311P" (done by the designation) */
    for (const char *p = c->aliases; p && *p;) {
        const char *bar = strchr(p, '|');
        size_t len = bar ? (size_t)(bar - p) : strlen(p);
        if (same(p, len, q))
            return 1;
        p = bar ? bar + 1 : p + len;
    }
    return 0;
}

/* J2000 ecliptic elements -> ICRF conic about the Sun, through the state
   at the epoch (as the element-file readers do). */
static int to_conic(const ilrs_catalog_entry *c, double epoch,
                    ilrs_conic *out, ilrs_error *err)
{
    double q_km, tp;
    if (c->comet) {
        q_km = c->a_or_q_au * ILRS_AU_KM;
        tp = (c->m_deg_or_tp_jd - ILRS_J2000_JD) * ILRS_DAY_S;
    } else {
        double a_km = c->a_or_q_au * ILRS_AU_KM;
        double n = sqrt(ILRS_GM_SUN / (a_km * a_km * a_km));
        q_km = a_km * (1.0 - c->e);
        tp = epoch - remainder(c->m_deg_or_tp_jd * ILRS_DEG, 2.0 * ILRS_PI) / n;
    }
    ilrs_conic ecl = {ILRS_GM_SUN,        q_km,
                      c->e,               c->i_deg * ILRS_DEG,
                      c->node_deg * ILRS_DEG, c->argp_deg * ILRS_DEG,
                      tp};
    double s[6];
    int st = ilrs_conic_state(&ecl, epoch, s, err);
    if (st < 0)
        return st;
    double co = cos(ILRS_OBLIQUITY_J2000), si = sin(ILRS_OBLIQUITY_J2000);
    for (int k = 0; k < 6; k += 3) {
        double y = co * s[k + 1] - si * s[k + 2];
        double z = si * s[k + 1] + co * s[k + 2];
        s[k + 1] = y;
        s[k + 2] = z;
    }
    return ilrs_conic_from_state(s, epoch, ILRS_GM_SUN, out, err);
}

int ilrs_catalog_body(size_t i, ilrs_smallbody *out, ilrs_error *err)
{
    const ilrs_catalog_entry *c = ilrs_catalog_get(i);
    if (!c)
        return ilrs_error_set(err, ILRS_ENOTFOUND, "catalog entry %zu", i);
    memset(out, 0, sizeof *out);
    snprintf(out->name, sizeof out->name, "%s", c->name);
    snprintf(out->designation, sizeof out->designation, "%s",
             c->designation);
    out->number = c->number;
    out->id = c->number > 0 ? (int)(2000000 + c->number)
                            : (int)(95000000 + i);
    out->epoch = (c->epoch_jd - ILRS_J2000_JD) * ILRS_DAY_S;
    return to_conic(c, out->epoch, &out->conic, err);
}

int ilrs_catalog_find(const char *query, ilrs_smallbody *out,
                      const ilrs_catalog_entry **entry, ilrs_error *err)
{
    char q[96];
    squash(query ? query : "", query ? strlen(query) : 0, q, sizeof q);
    for (size_t i = 0; q[0] && i < ilrs__catalog_n; i++)
        if (entry_matches(&ilrs__catalog[i], q)) {
            if (entry)
                *entry = &ilrs__catalog[i];
            return ilrs_catalog_body(i, out, err);
        }
    return ilrs_error_set(err, ILRS_ENOTFOUND,
                          "'%s' is not in the bundled catalog of targets",
                          query ? query : "");
}
