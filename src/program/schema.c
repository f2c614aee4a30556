/* schema.c -- the fields of each kind of entity, their units, and reading
   one value from the document into its canonical form. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ilrs/time.h"
#include "program/program_int.h"

/* ---- units -------------------------------------------------------------- */

typedef struct {
    const char *name;
    double factor; /* canonical units per one of these */
} unit;

/* Mass (canonical kg). */
static const unit u_mass[] = {{"kg", 1.0}, {"g", 1e-3}, {"t", 1e3}, {0, 0}};
/* Power (canonical W). */
static const unit u_power[] = {{"W", 1.0}, {"kW", 1e3}, {"mW", 1e-3}, {0, 0}};
/* Data volume per day (canonical MB/day, MB = 10^6 bytes, bit = 1/8 byte). */
static const unit u_data[] = {{"MB", 1.0},      {"GB", 1e3},
                              {"TB", 1e6},      {"kB", 1e-3},
                              {"Mbit", 0.125},  {"Gbit", 125.0},
                              {"kbit", 1.25e-4}, {0, 0}};
/* Volume (canonical L = dm^3). */
static const unit u_volume[] = {{"L", 1.0},     {"mL", 1e-3}, {"cm3", 1e-3},
                                {"dm3", 1.0},   {"m3", 1e3},  {0, 0}};
/* Length (canonical m). */
static const unit u_length[] = {{"m", 1.0}, {"mm", 1e-3}, {"cm", 1e-2},
                                {"km", 1e3}, {0, 0}};
static const unit u_deg[] = {{"deg", 1.0}, {"\xc2\xb0", 1.0}, {0, 0}};
/* Launch energy C3 (canonical km^2/s^2). */
static const unit u_c3[] = {{"km2/s2", 1.0}, {"km^2/s^2", 1.0}, {0, 0}};
static const unit u_none[] = {{0, 0}};

static const unit *units_of(udim d)
{
    switch (d) {
    case UD_MASS: return u_mass;
    case UD_POWER: return u_power;
    case UD_DATA: return u_data;
    case UD_VOLUME: return u_volume;
    case UD_LENGTH: return u_length;
    case UD_LAT: case UD_LON: return u_deg;
    case UD_C3: return u_c3;
    default: return u_none;
    }
}

const char *ilrs__unit_name(udim d)
{
    static const char *const names[] = {"",  "kg", "W",   "MB/day", "L",
                                        "m", "deg", "deg", "km2/s2"};
    return names[d];
}

const char *ilrs__unit_choices(udim d)
{
    static const char *const c[] = {
        "",
        "kg, g or t",
        "W, kW or mW",
        "MB, GB, TB, kB, Mbit, Gbit or kbit, optionally '/day'",
        "L, mL, cm3, dm3 or m3",
        "m, mm, cm or km",
        "deg, or N/S after the number",
        "deg, or E/W after the number",
        "km2/s2"};
    return c[d];
}

static const char *dim_word(udim d)
{
    static const char *const w[] = {"a number", "a mass", "a power",
                                    "a data volume per day", "a volume",
                                    "a length", "a latitude", "a longitude",
                                    "a launch energy C3"};
    return w[d];
}

/* ---- the schema --------------------------------------------------------- */

#define BIG 1e300
static const char *const e_partner_kind[] = {
    "agency", "company", "university", "institute", "government",
    "organisation", NULL};
static const char *const e_mission_type[] = {
    "orbiter", "lander", "rover", "hopper", "sample-return", "relay",
    "flyby", "impactor", NULL};
static const char *const e_mission_status[] = {
    "proposed", "approved", "in-development", "launched", "operating",
    "completed", "failed", "cancelled", NULL};
static const char *const e_accommodation[] = {"surface", "orbit", "both",
                                              NULL};
static const char *const e_needs[] = {"surface", "orbit", "any", NULL};
static const char *const e_pl_illum[] = {"any", "sunlit", "shadowed", NULL};
static const char *const e_site_illum[] = {"sunlit", "shadowed", "mixed",
                                           NULL};
static const char *const e_pl_status[] = {
    "proposed", "selected", "accepted", "flown", "rejected", "withdrawn",
    NULL};
static const char *const e_vehicle_status[] = {
    "operational", "in-development", "retired", NULL};

#define F_ID {"id", "id", FT_STR, 1, UD_NONE, 0, 0, NULL, 0, NULL, \
              "unique id across the whole program: letters, digits, . _ -"}
#define F_NAME {"name", "name", FT_STR, 1, UD_NONE, 0, 0, NULL, 0, NULL, \
                "full name"}
#define F_NOTES {"notes", "notes", FT_STR, 0, UD_NONE, 0, 0, NULL, 0, NULL, \
                 "free text: sources, caveats, which numbers are estimates"}
#define F_END {NULL, NULL, FT_STR, 0, UD_NONE, 0, 0, NULL, 0, NULL, NULL}

static const fdef s_program[] = {
    F_ID, F_NAME,
    {"description", "description", FT_STR, 0, UD_NONE, 0, 0, NULL, 0, NULL,
     "what the program is"},
    F_NOTES, F_END};

static const fdef s_phase[] = {
    F_ID, F_NAME,
    {"from", "from", FT_YEAR, 1, UD_NONE, 1957, 2200, NULL, 0, NULL,
     "first year of the phase"},
    {"to", "to", FT_YEAR, 1, UD_NONE, 1957, 2200, NULL, 0, NULL,
     "last year of the phase (>= from)"},
    F_NOTES, F_END};

static const fdef s_partner[] = {
    F_ID, F_NAME,
    {"country", "country", FT_STR, 1, UD_NONE, 0, 0, NULL, 0, NULL,
     "country (or 'international' for an organisation of several)"},
    {"kind", "kind", FT_ENUM, 1, UD_NONE, 0, 0, e_partner_kind, 0, NULL,
     "agency, company, university, institute, government or organisation"},
    F_NOTES, F_END};

static const fdef s_vehicle[] = {
    F_ID, F_NAME,
    {"partner", "partner", FT_REF, 0, UD_NONE, 0, 0, NULL, ILRS_PK_PARTNER,
     NULL, "the partner that builds or operates it"},
    {"status", "status", FT_ENUM, 1, UD_NONE, 0, 0, e_vehicle_status, 0, NULL,
     "operational, in-development or retired"},
    {"fairing_diameter", "fairing_diameter", FT_NUM, 0, UD_LENGTH, 0, 100,
     NULL, 0, NULL, "usable fairing diameter (m)"},
    {"fairing_height", "fairing_height", FT_NUM, 0, UD_LENGTH, 0, 200, NULL,
     0, NULL, "usable fairing height (m)"},
    {"performance", "performance", FT_C3TABLE, 0, UD_NONE, 0, 0, NULL, 0,
     NULL, "payload mass (kg) against launch energy C3 (km2/s2), C3 "
     "increasing"},
    F_NOTES, F_END};

static const fdef s_launch_site[] = {
    F_ID, F_NAME,
    {"country", "country", FT_STR, 0, UD_NONE, 0, 0, NULL, 0, NULL,
     "country"},
    {"lat", "lat", FT_NUM, 1, UD_LAT, -90, 90, NULL, 0, NULL,
     "geodetic latitude (deg, north positive)"},
    {"lon", "lon", FT_NUM, 1, UD_LON, -180, 360, NULL, 0, NULL,
     "longitude (deg, east positive)"},
    F_NOTES, F_END};

static const fdef s_landing_site[] = {
    F_ID, F_NAME,
    {"lat", "lat", FT_NUM, 1, UD_LAT, -90, 90, NULL, 0, NULL,
     "selenographic latitude (deg, north positive, Moon ME frame)"},
    {"lon", "lon", FT_NUM, 1, UD_LON, -180, 360, NULL, 0, NULL,
     "selenographic longitude (deg, east positive)"},
    {"region", "region", FT_STR, 0, UD_NONE, 0, 0, NULL, 0, NULL,
     "region payloads may ask for (e.g. south-pole, far-side)"},
    {"illumination", "illumination", FT_ENUM, 0, UD_NONE, 0, 0,
     e_site_illum, 0, NULL, "sunlit, shadowed or mixed"},
    {"dem", "dem", FT_STR, 0, UD_NONE, 0, 0, NULL, 0, NULL,
     "terrain: a DEM file GDAL reads (path relative to the program file)"},
    F_NOTES, F_END};

static const fdef s_budget[] = {
    {"budget.mass", "mass", FT_NUM, 0, UD_MASS, 0, 1e7, NULL, 0, NULL,
     "payload mass offered (kg)"},
    {"budget.power_avg", "power_avg", FT_NUM, 0, UD_POWER, 0, 1e8, NULL, 0,
     NULL, "average power offered (W)"},
    {"budget.power_peak", "power_peak", FT_NUM, 0, UD_POWER, 0, 1e8, NULL, 0,
     NULL, "peak power offered (W, >= power_avg)"},
    {"budget.data", "data", FT_NUM, 0, UD_DATA, 0, 1e12, NULL, 0, NULL,
     "data volume returned per day (MB/day)"},
    {"budget.volume", "volume", FT_NUM, 0, UD_VOLUME, 0, 1e7, NULL, 0, NULL,
     "payload volume offered (L)"},
    {"budget.accommodation", "accommodation", FT_ENUM, 1, UD_NONE, 0, 0,
     e_accommodation, 0, NULL, "where payloads ride: surface, orbit or both"},
    {"budget.night_survival", "night_survival", FT_BOOL, 0, UD_NONE, 0, 0,
     NULL, 0, NULL, "payloads are kept alive through the lunar night"},
    {"budget.estimate", "estimate", FT_BOOL, 0, UD_NONE, 0, 0, NULL, 0, NULL,
     "true: these numbers are estimates, not published figures"},
    F_END};

static const fdef s_lunar_orbit[] = {
    {"lunar_orbit.peri_km", "peri_km", FT_NUM, 0, UD_NONE, 10, 20000, NULL,
     0, NULL, "perilune altitude (km above 1737.4 km, default 100)"},
    {"lunar_orbit.apo_km", "apo_km", FT_NUM, 0, UD_NONE, 10, 20000, NULL, 0,
     NULL, "apolune altitude (km, >= peri_km, default peri_km or 100)"},
    {"lunar_orbit.inc_deg", "inc_deg", FT_NUM, 0, UD_NONE, 0, 180, NULL, 0,
     NULL, "inclination to the Moon's mean equator (deg, default 90)"},
    F_END};

static const fdef s_mission[] = {
    F_ID, F_NAME,
    {"lead", "lead", FT_REF, 1, UD_NONE, 0, 0, NULL, ILRS_PK_PARTNER, NULL,
     "the partner leading the mission"},
    {"phase", "phase", FT_REF, 0, UD_NONE, 0, 0, NULL, ILRS_PK_PHASE, NULL,
     "the program phase it belongs to"},
    {"type", "type", FT_ENUM, 1, UD_NONE, 1, 0, e_mission_type, 0, NULL,
     "one or a list of: orbiter, lander, rover, hopper, sample-return, "
     "relay, flyby, impactor"},
    {"target", "target", FT_STR, 1, UD_NONE, 0, 0, NULL, 0, NULL,
     "destination body (Moon, Mars, 469219 Kamo`oalewa, ...)"},
    {"vehicle", "vehicle", FT_REF, 0, UD_NONE, 0, 0, NULL, ILRS_PK_VEHICLE,
     NULL, "launch vehicle"},
    {"launch_site", "launch_site", FT_REF, 0, UD_NONE, 0, 0, NULL,
     ILRS_PK_LAUNCH_SITE, NULL, "launch site"},
    {"launch", "launch", FT_WINDOW, 1, UD_NONE, 0, 0, NULL, 0, NULL,
     "launch date (YYYY, YYYY-MM, YYYY-MM-DD, ISO time) or window "
     "{from, to} (UTC)"},
    {"landing_site", "landing_site", FT_REF, 0, UD_NONE, 0, 0, NULL,
     ILRS_PK_LANDING_SITE, NULL, "lunar landing site"},
    {"launch_mass", "launch_mass", FT_NUM, 0, UD_MASS, 0, 1e7, NULL, 0, NULL,
     "mass the launch vehicle lifts to the departure orbit (kg)"},
    {"status", "status", FT_ENUM, 1, UD_NONE, 0, 0, e_mission_status, 0,
     NULL, "proposed, approved, in-development, launched, operating, "
     "completed, failed or cancelled"},
    {"budget", "budget", FT_GROUP, 0, UD_NONE, 0, 0, NULL, 0, s_budget,
     "what the mission offers to payloads (see below)"},
    {"lunar_orbit", "lunar_orbit", FT_GROUP, 0, UD_NONE, 0, 0, NULL, 0,
     s_lunar_orbit, "Moon missions: the lunar orbit the transfer ends in "
     "(see below)"},
    F_NOTES, F_END};

static const fdef s_payload[] = {
    F_ID, F_NAME,
    {"partner", "partner", FT_REF, 1, UD_NONE, 0, 0, NULL, ILRS_PK_PARTNER,
     NULL, "the proposing partner"},
    {"mass", "mass", FT_NUM, 1, UD_MASS, 0, 1e7, NULL, 0, NULL, "mass (kg)"},
    {"power_avg", "power_avg", FT_NUM, 0, UD_POWER, 0, 1e8, NULL, 0, NULL,
     "average power (W)"},
    {"power_peak", "power_peak", FT_NUM, 0, UD_POWER, 0, 1e8, NULL, 0, NULL,
     "peak power (W, >= power_avg)"},
    {"data", "data", FT_NUM, 0, UD_DATA, 0, 1e12, NULL, 0, NULL,
     "data volume per day (MB/day)"},
    {"volume", "volume", FT_NUM, 0, UD_VOLUME, 0, 1e7, NULL, 0, NULL,
     "volume (L)"},
    {"needs", "needs", FT_ENUM, 1, UD_NONE, 0, 0, e_needs, 0, NULL,
     "where it works: surface, orbit or any"},
    {"region", "region", FT_STR, 0, UD_NONE, 0, 0, NULL, 0, NULL,
     "landing-site region it needs (matches the site's region)"},
    {"night_survival", "night_survival", FT_BOOL, 0, UD_NONE, 0, 0, NULL, 0,
     NULL, "must survive the lunar night"},
    {"illumination", "illumination", FT_ENUM, 0, UD_NONE, 0, 0, e_pl_illum,
     0, NULL, "any, sunlit or shadowed ground"},
    {"preferred", "preferred", FT_REFLIST, 0, UD_NONE, 0, 0, NULL,
     ILRS_PK_MISSION, NULL, "missions it may fly on (none: any)"},
    {"priority", "priority", FT_NUM, 0, UD_NONE, 0, 1e6, NULL, 0, NULL,
     "weight of its score (default 1)"},
    {"score", "score", FT_NUM, 0, UD_NONE, 0, 1e6, NULL, 0, NULL,
     "science score (default 1); value = priority x score"},
    {"status", "status", FT_ENUM, 1, UD_NONE, 0, 0, e_pl_status, 0, NULL,
     "proposed, selected, accepted, flown, rejected or withdrawn"},
    {"contact", "contact", FT_STR, 0, UD_NONE, 0, 0, NULL, 0, NULL,
     "who to ask"},
    {"assigned", "assigned", FT_REF, 0, UD_NONE, 0, 0, NULL, ILRS_PK_MISSION,
     NULL, "the mission it is assigned to"},
    F_NOTES, F_END};

const fdef *ilrs__schema(ilrs_program_kind k)
{
    static const fdef *const all[ILRS_PK_COUNT] = {
        s_program, s_phase, s_partner, s_vehicle, s_launch_site,
        s_landing_site, s_mission, s_payload};
    return (unsigned)k < ILRS_PK_COUNT ? all[k] : NULL;
}

const fdef *ilrs__schema_field(ilrs_program_kind k, const char *name)
{
    for (const fdef *f = ilrs__schema(k); f && f->name; f++) {
        if (strcmp(f->name, name) == 0)
            return f;
        if (f->type == FT_GROUP)
            for (const fdef *g = f->sub; g->name; g++)
                if (strcmp(g->name, name) == 0)
                    return g;
    }
    return NULL;
}

/* ---- reading values ----------------------------------------------------- */

double ilrs__round15(double x)
{
    char buf[40];
    if (!isfinite(x) || x == 0.0)
        return x == 0.0 ? 0.0 : x;
    snprintf(buf, sizeof buf, "%.15g", x);
    return strtod(buf, NULL);
}

static const char *node_word(const pnode *n)
{
    return n->kind == PN_MAP ? "a map" : n->kind == PN_SEQ ? "a list"
                                                           : "a value";
}

static void found(char *why, size_t size, const char *expected,
                  const pnode *n)
{
    if (n->kind == PN_SCALAR)
        snprintf(why, size, "expected %s; found '%.80s'", expected, n->text);
    else
        snprintf(why, size, "expected %s; found %s", expected, node_word(n));
}

static json_t *read_num(const fdef *d, const pnode *n, char *why, size_t sz)
{
    char expected[200];
    if (d->dim == UD_NONE)
        snprintf(expected, sizeof expected, "a number from %g to %g", d->min,
                 d->max);
    else
        snprintf(expected, sizeof expected,
                 "%s: a number in %s, or 'NUMBER UNIT' with UNIT %s",
                 dim_word(d->dim), ilrs__unit_name(d->dim),
                 ilrs__unit_choices(d->dim));
    if (n->kind != PN_SCALAR || !n->text[0]) {
        found(why, sz, expected, n);
        return NULL;
    }
    char *end;
    double v = strtod(n->text, &end);
    if (end == n->text || !isfinite(v)) {
        found(why, sz, expected, n);
        return NULL;
    }
    while (*end == ' ')
        end++;
    double factor = 1.0;
    if (*end) {
        size_t ul = strlen(end);
        const char *per[] = {"/day", "/d", " per day"};
        if (d->dim == UD_DATA)
            for (int k = 0; k < 3; k++) {
                size_t pl = strlen(per[k]);
                if (ul > pl && strcmp(end + ul - pl, per[k]) == 0) {
                    ul -= pl;
                    break;
                }
            }
        int ok = 0;
        if ((d->dim == UD_LAT || d->dim == UD_LON) && ul == 1) {
            char c = (char)toupper((unsigned char)*end);
            if ((d->dim == UD_LAT && (c == 'N' || c == 'S')) ||
                (d->dim == UD_LON && (c == 'E' || c == 'W'))) {
                ok = 1;
                factor = (c == 'S' || c == 'W') ? -1.0 : 1.0;
                if (v < 0) {
                    found(why, sz, expected, n);
                    return NULL;
                }
            }
        }
        for (const unit *u = units_of(d->dim); !ok && u->name; u++)
            if (strlen(u->name) == ul && strncmp(u->name, end, ul) == 0) {
                factor = u->factor;
                ok = 1;
            }
        if (!ok) {
            if (d->dim == UD_NONE)
                snprintf(why, sz, "expected a plain number; found '%.80s'",
                         n->text);
            else
                snprintf(why, sz, "unknown unit '%.*s' for %s: use %s",
                         (int)(ul > 20 ? 20 : ul), end, dim_word(d->dim),
                         ilrs__unit_choices(d->dim));
            return NULL;
        }
    }
    v *= factor;
    if (v < d->min || v > d->max) {
        snprintf(why, sz, "expected %s from %g to %g %s; found '%.80s'",
                 dim_word(d->dim), d->min, d->max, ilrs__unit_name(d->dim),
                 n->text);
        return NULL;
    }
    if (d->dim == UD_LON && v > 180.0)
        v -= 360.0;
    return json_real(ilrs__round15(v));
}

/* A date of precision year, month or day (or an ISO time): its first
   instant as TDB seconds. Returns 0 OK, -1 bad. */
static int date_start(const char *s, double *t)
{
    int y, m = 1, d = 1, k = 0;
    char buf[80];
    size_t len = strlen(s);
    if (len >= 60)
        return -1;
    if (len == 4 && sscanf(s, "%4d%n", &y, &k) == 1 && k == 4)
        ;
    else if (len == 7 && sscanf(s, "%4d-%2d%n", &y, &m, &k) == 2 && k == 7)
        ;
    else {
        ilrs_epoch e;
        if (len < 10 || !isdigit((unsigned char)s[0]) ||
            ilrs_time_parse(s, ILRS_UTC, &e, NULL) < 0)
            return -1;
        if (sscanf(s, "%4d", &y) != 1 || y < 1957 || y > 2200)
            return -1;
        ilrs_time_to_tdb(&e, t, NULL);
        return 0;
    }
    if (y < 1957 || y > 2200 || m < 1 || m > 12)
        return -1;
    snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
    ilrs_epoch e;
    if (ilrs_time_parse(buf, ILRS_UTC, &e, NULL) < 0)
        return -1;
    ilrs_time_to_tdb(&e, t, NULL);
    return 0;
}

/* The first instant after a date of year, month or day precision. */
static int date_end(const char *s, double *t)
{
    int y, m, d;
    char buf[40];
    size_t len = strlen(s);
    if (date_start(s, t))
        return -1;
    if (len == 4 && sscanf(s, "%4d", &y) == 1)
        snprintf(buf, sizeof buf, "%04d-01-01", y + 1);
    else if (len == 7 && sscanf(s, "%4d-%2d", &y, &m) == 2)
        snprintf(buf, sizeof buf, "%04d-%02d-01", m == 12 ? y + 1 : y,
                 m == 12 ? 1 : m + 1);
    else if (len == 10 && sscanf(s, "%4d-%2d-%2d", &y, &m, &d) == 3) {
        *t += 86400.0;
        return 0;
    } else
        return 0; /* a time: an instant */
    return date_start(buf, t);
}

int ilrs__window_range(const json_t *v, double *t0, double *t1)
{
    char buf[128];
    const char *s = json_string_value(v);
    if (!s)
        return -1;
    snprintf(buf, sizeof buf, "%s", s);
    char *slash = strchr(buf, '/');
    if (slash)
        *slash = '\0';
    if (date_start(buf, t0) || date_end(slash ? slash + 1 : buf, t1))
        return -1;
    return 0;
}

double ilrs__window_start(const json_t *v)
{
    char buf[128];
    double t = 0.0;
    const char *s = json_string_value(v);
    if (!s)
        return 0.0;
    snprintf(buf, sizeof buf, "%s", s);
    char *slash = strchr(buf, '/');
    if (slash)
        *slash = '\0';
    if (date_start(buf, &t))
        return 0.0;
    return t;
}

static json_t *read_window(const pnode *n, char *why, size_t sz)
{
    static const char expected[] =
        "a date YYYY, YYYY-MM or YYYY-MM-DD (year 1957-2200), an ISO time, "
        "or a window {from: DATE, to: DATE}";
    char from[64], to[64];
    to[0] = '\0';
    if (n->kind == PN_MAP) {
        const pnode *f = NULL, *t = NULL;
        for (size_t i = 0; i < n->n; i++) {
            if (strcmp(n->keys[i]->text, "from") == 0)
                f = n->kids[i];
            else if (strcmp(n->keys[i]->text, "to") == 0)
                t = n->kids[i];
            else {
                snprintf(why, sz, "unknown key '%.40s' in a window: expected "
                                  "from and to", n->keys[i]->text);
                return NULL;
            }
        }
        if (!f || !t || f->kind != PN_SCALAR || t->kind != PN_SCALAR ||
            strlen(f->text) >= 60 || strlen(t->text) >= 60) {
            found(why, sz, expected, n);
            return NULL;
        }
        snprintf(from, sizeof from, "%s", f->text);
        snprintf(to, sizeof to, "%s", t->text);
    } else if (n->kind == PN_SCALAR && strlen(n->text) < 60) {
        snprintf(from, sizeof from, "%s", n->text);
        char *slash = strchr(from, '/');
        if (slash) {
            *slash = '\0';
            snprintf(to, sizeof to, "%s", slash + 1);
        }
    } else {
        found(why, sz, expected, n);
        return NULL;
    }
    double t0, t1;
    if (date_start(from, &t0) || (to[0] && date_start(to, &t1))) {
        snprintf(why, sz, "expected %s; found '%.60s' (no such date)",
                 expected, to[0] && !date_start(from, &t0) ? to : from);
        return NULL;
    }
    if (to[0] && t1 < t0) {
        snprintf(why, sz, "window ends (%s) before it starts (%s)", to, from);
        return NULL;
    }
    char out[130];
    snprintf(out, sizeof out, "%s%s%s", from, to[0] ? "/" : "", to);
    return json_string(out);
}

static int plain_bool(const pnode *n, int *b)
{
    static const char *const t[] = {"true", "True", "TRUE", "yes", "Yes",
                                    "on", NULL};
    static const char *const f[] = {"false", "False", "FALSE", "no", "No",
                                    "off", NULL};
    if (n->kind != PN_SCALAR || n->quoted)
        return -1;
    for (int i = 0; t[i]; i++)
        if (strcmp(n->text, t[i]) == 0)
            return *b = 1, 0;
    for (int i = 0; f[i]; i++)
        if (strcmp(n->text, f[i]) == 0)
            return *b = 0, 0;
    return -1;
}

static json_t *read_enum1(const fdef *d, const pnode *n, char *why, size_t sz)
{
    char expected[200] = "one of:";
    for (int i = 0; d->choices[i]; i++) {
        strncat(expected, " ", sizeof expected - strlen(expected) - 1);
        strncat(expected, d->choices[i], sizeof expected - strlen(expected) - 1);
    }
    if (n->kind == PN_SCALAR)
        for (int i = 0; d->choices[i]; i++)
            if (strcmp(n->text, d->choices[i]) == 0)
                return json_string(d->choices[i]);
    found(why, sz, expected, n);
    return NULL;
}

/* Ids: 1-64 of letters, digits, '.', '_', '-', starting with a letter or
   digit. */
static int id_ok(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > 64 || !isalnum((unsigned char)s[0]))
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!isalnum((unsigned char)s[i]) && !strchr("._-", s[i]))
            return 0;
    return 1;
}

static json_t *read_ref1(const pnode *n, char *why, size_t sz)
{
    if (n->kind != PN_SCALAR || !id_ok(n->text)) {
        found(why, sz, "an id (1-64 letters, digits, '.', '_', '-')", n);
        return NULL;
    }
    return json_string(n->text);
}

/* A list: a sequence, or one scalar (split at commas when split). */
static json_t *read_list(const fdef *d, const pnode *n, char *why, size_t sz)
{
    json_t *a = json_array();
    if (!a)
        return NULL;
    if (n->kind == PN_SEQ) {
        for (size_t i = 0; i < n->n; i++) {
            json_t *v = d->type == FT_REFLIST ? read_ref1(n->kids[i], why, sz)
                                              : read_enum1(d, n->kids[i], why,
                                                           sz);
            if (!v || json_array_append_new(a, v)) {
                json_decref(a);
                return NULL;
            }
        }
        return a;
    }
    if (n->kind != PN_SCALAR) {
        found(why, sz, "a list", n);
        json_decref(a);
        return NULL;
    }
    char item[256];
    const char *s = n->text;
    while (*s) {
        size_t k = strcspn(s, ",");
        snprintf(item, sizeof item, "%.*s", (int)(k > 200 ? 200 : k), s);
        char *b = item, *e = item + strlen(item);
        while (*b == ' ')
            b++;
        while (e > b && e[-1] == ' ')
            *--e = '\0';
        pnode tmp = *n;
        tmp.text = b;
        json_t *v = d->type == FT_REFLIST ? read_ref1(&tmp, why, sz)
                                          : read_enum1(d, &tmp, why, sz);
        if (!v || json_array_append_new(a, v)) {
            json_decref(a);
            return NULL;
        }
        s += k;
        if (*s == ',')
            s++;
    }
    return a;
}

static json_t *read_c3table(const pnode *n, char *why, size_t sz)
{
    static const fdef c3 = {"c3", "c3", FT_NUM, 1, UD_C3, -200, 1000,
                            NULL, 0, NULL, NULL};
    static const fdef mass = {"mass", "mass", FT_NUM, 1, UD_MASS, 0, 1e7,
                              NULL, 0, NULL, NULL};
    if (n->kind != PN_SEQ || n->n == 0) {
        found(why, sz, "a list of {c3: km2/s2, mass: kg}", n);
        return NULL;
    }
    json_t *a = json_array();
    for (size_t i = 0; a && i < n->n; i++) {
        const pnode *r = n->kids[i], *pc = NULL, *pm = NULL;
        if (r->kind == PN_MAP)
            for (size_t k = 0; k < r->n; k++) {
                if (strcmp(r->keys[k]->text, "c3") == 0)
                    pc = r->kids[k];
                else if (strcmp(r->keys[k]->text, "mass") == 0)
                    pm = r->kids[k];
            }
        else if (r->kind == PN_SEQ && r->n == 2)
            pc = r->kids[0], pm = r->kids[1];
        char w[300];
        json_t *vc = pc ? read_num(&c3, pc, w, sizeof w) : NULL;
        json_t *vm = pm ? read_num(&mass, pm, w, sizeof w) : NULL;
        if (!pc || !pm || (r->kind == PN_MAP && r->n != 2))
            snprintf(w, sizeof w, "expected {c3: km2/s2, mass: kg} only");
        if (vc && vm && i > 0) {
            json_t *prev = json_array_get(a, i - 1);
            double pc3 = json_real_value(json_array_get(prev, 0));
            double pmass = json_real_value(json_array_get(prev, 1));
            if (json_real_value(vc) <= pc3)
                snprintf(w, sizeof w, "C3 must increase down the table: "
                                      "%g after %g km2/s2",
                         json_real_value(vc), pc3);
            else if (json_real_value(vm) > pmass)
                snprintf(w, sizeof w, "mass cannot grow with C3: %g kg at "
                                      "C3 %g after %g kg",
                         json_real_value(vm), json_real_value(vc), pmass);
            else
                w[0] = '\0';
        } else if (vc && vm) {
            w[0] = '\0';
        }
        if (!vc || !vm || w[0]) {
            snprintf(why, sz, "row %zu: %s", i + 1, w);
            json_decref(vc);
            json_decref(vm);
            json_decref(a);
            return NULL;
        }
        json_array_append_new(a, json_pack("[oo]", vc, vm));
    }
    return a;
}

json_t *ilrs__value_read(const fdef *d, const pnode *n, char *why,
                         size_t size)
{
    int b;
    why[0] = '\0';
    switch (d->type) {
    case FT_STR:
        if (n->kind != PN_SCALAR) {
            found(why, size, "text", n);
            return NULL;
        }
        if (strcmp(d->name, "id") == 0 && !id_ok(n->text)) {
            found(why, size, "an id (1-64 letters, digits, '.', '_', '-')",
                  n);
            return NULL;
        } else {
            json_t *s = json_string(n->text);
            if (!s)
                snprintf(why, size, "expected UTF-8 text");
            return s;
        }
    case FT_NUM:
        return read_num(d, n, why, size);
    case FT_YEAR: {
        char *end;
        long y = n->kind == PN_SCALAR ? strtol(n->text, &end, 10) : 0;
        if (n->kind != PN_SCALAR || end == n->text || *end || y < d->min ||
            y > d->max) {
            found(why, size, "a year from 1957 to 2200", n);
            return NULL;
        }
        return json_integer(y);
    }
    case FT_BOOL:
        if (plain_bool(n, &b)) {
            found(why, size, "true or false", n);
            return NULL;
        }
        return json_boolean(b);
    case FT_WINDOW:
        return read_window(n, why, size);
    case FT_ENUM:
        return d->min > 0 ? read_list(d, n, why, size)
                          : read_enum1(d, n, why, size);
    case FT_REF:
        return read_ref1(n, why, size);
    case FT_REFLIST:
        return read_list(d, n, why, size);
    case FT_C3TABLE:
        return read_c3table(n, why, size);
    default:
        snprintf(why, size, "expected a map of sub-fields");
        return NULL;
    }
}

/* ---- values as text ----------------------------------------------------- */

void ilrs__value_text(const fdef *d, const json_t *v, char *buf, size_t size)
{
    size_t off = 0;
    buf[0] = '\0';
    switch (json_typeof(v)) {
    case JSON_STRING:
        snprintf(buf, size, "%s", json_string_value(v));
        break;
    case JSON_REAL:
        snprintf(buf, size, "%.15g%s%s", json_real_value(v),
                 d->dim ? " " : "", ilrs__unit_name(d->dim));
        break;
    case JSON_INTEGER:
        snprintf(buf, size, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
        break;
    case JSON_TRUE:
        snprintf(buf, size, "true");
        break;
    case JSON_FALSE:
        snprintf(buf, size, "false");
        break;
    case JSON_ARRAY:
        for (size_t i = 0; i < json_array_size(v) && off < size; i++) {
            json_t *x = json_array_get(v, i);
            int k;
            if (json_is_array(x))
                k = snprintf(buf + off, size - off,
                             "%sC3 %.15g km2/s2: %.15g kg", i ? "; " : "",
                             json_real_value(json_array_get(x, 0)),
                             json_real_value(json_array_get(x, 1)));
            else
                k = snprintf(buf + off, size - off, "%s%s", i ? ", " : "",
                             json_string_value(x));
            if (k < 0)
                break;
            off += (size_t)k;
        }
        break;
    default:
        break;
    }
}

char *ilrs__value_store(const json_t *v)
{
    return json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY |
                             JSON_REAL_PRECISION(15));
}

json_t *ilrs__value_unstore(const char *s)
{
    return json_loads(s, JSON_DECODE_ANY, NULL);
}
