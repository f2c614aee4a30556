/* transfer.c -- objectives, the best Lambert arc between two states, and
   resolving bodies by name for design. */
#include "ilrs/design.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "design/design_int.h"
#include "ilrs/catalog.h"
#include "ilrs/constants.h"
#include "ilrs/orbit.h"
#include "ilrs/smallbody.h"

static const char *const objective_names[] = {"c3", "dv", "dv-depart",
                                              "vinf-arr"};

int ilrs_objective_parse(const char *name, ilrs_objective *out)
{
    for (int k = 0; k < 4; k++)
        if (name && strcmp(name, objective_names[k]) == 0) {
            *out = (ilrs_objective)k;
            return ILRS_OK;
        }
    return ILRS_ENOTFOUND;
}

const char *ilrs_objective_name(ilrs_objective o)
{
    return (int)o >= 0 && (int)o < 4 ? objective_names[o] : "unknown";
}

double ilrs_transfer_cost(const ilrs_transfer *t, ilrs_objective o)
{
    switch (o) {
    case ILRS_OBJ_C3:
        return t->c3;
    case ILRS_OBJ_DV:
        return t->dv_total;
    case ILRS_OBJ_DV_DEPART:
        return t->dv_depart;
    case ILRS_OBJ_VINF_ARR:
        return t->vinf_arr_kms;
    }
    return NAN;
}

void ilrs__transfer_nan(ilrs_transfer *t, double t_dep, double t_arr)
{
    double n = NAN;
    *t = (ilrs_transfer){t_dep, t_arr, {n, n, n}, {n, n, n}, n, n, n, n, n,
                         n, n, n, -1};
}

int ilrs_transfer_best(const double dep_state[6], const double arr_state[6],
                       double t_dep, double t_arr, int max_revs,
                       ilrs_objective obj, const ilrs_budget *b,
                       ilrs_transfer *out)
{
    ilrs_lambert_solution sol[1 + 2 * ILRS__MAX_REVS];
    size_t n = 0;
    ilrs__transfer_nan(out, t_dep, t_arr);
    if (!(t_arr > t_dep) || max_revs < 0 || max_revs > ILRS__MAX_REVS)
        return ILRS_EINVAL;
    int st = ilrs_lambert_solve(dep_state, arr_state, t_arr - t_dep,
                                ILRS_GM_SUN, max_revs, 0, sol,
                                (size_t)(1 + 2 * max_revs), &n, NULL);
    if (st < 0 || n == 0)
        return ILRS_ENOCONV;
    double best = INFINITY;
    for (size_t k = 0; k < n; k++) {
        ilrs_transfer t;
        if (ilrs_conics_transfer(dep_state, arr_state, sol[k].v1, sol[k].v2,
                                 t_dep, t_arr, b, &t) != ILRS_OK)
            continue;
        double c = ilrs_transfer_cost(&t, obj);
        if (c < best) {
            best = c;
            t.revs = sol[k].revs;
            *out = t;
        }
    }
    return best < INFINITY ? ILRS_OK : ILRS_ENOCONV;
}

/* A planet's centre where the ephemeris covers it at `near`, else its
   system barycentre. */
static int planet_or_barycentre(const ilrs_ephem *e, int id, double near,
                                int *use, ilrs_error *err)
{
    double t0, t1;
    int st = ilrs_ephem_coverage(e, id, 10, near, &t0, &t1, err);
    if (st >= 0 || id < 199 || id > 999 || id % 100 != 99) {
        *use = id;
        return st;
    }
    ilrs_error e2 = {0, ""};
    if (ilrs_ephem_coverage(e, id / 100, 10, near, &t0, &t1, &e2) >= 0) {
        *use = id / 100;
        ilrs_error_clear(err);
        return ILRS_OK;
    }
    *use = id;
    return st;
}

static int is_small_body_text(const char *name)
{
    size_t k = 0;
    while (name[k] && isdigit((unsigned char)name[k]))
        k++;
    if (name[k] != '\0')
        return 0;  /* not all digits: try the built-in names first */
    return atol(name) >= 1000;
}

static int from_ephemeris(ilrs_ephem *e, const char *name, double near,
                          ilrs_target *out, ilrs_error *err)
{
    int id;
    if (ilrs_ephem_body_id(e, name, &id, NULL) != ILRS_OK)
        return 1;  /* not a name the ephemeris knows */
    int st = planet_or_barycentre(e, id, near, &out->id, err);
    if (st < 0)
        return st;
    const char *n = ilrs_ephem_body_name(e, out->id);
    snprintf(out->name, sizeof out->name, "%s", n ? n : name);
    out->planet = ilrs_planet_constants(out->id, &out->gm,
                                        &out->radius_km) == ILRS_OK &&
                  out->id != 301;
    out->source = "ephemeris";
    return ILRS_OK;
}

static int add_small(ilrs_ephem *e, const ilrs_smallbody *b,
                     const char *source, ilrs_target *out, ilrs_error *err)
{
    int st = ilrs_ephem_add_conic(e, b->id, b->name, 10, &b->conic, err);
    if (st < 0)
        return st;
    out->id = b->id;
    snprintf(out->name, sizeof out->name, "%s", b->name);
    out->source = source;
    return ILRS_OK;
}

int ilrs_target_resolve(ilrs_ephem *e, const char *name, const char *elements,
                        double near, ilrs_target *out, ilrs_error *err)
{
    memset(out, 0, sizeof *out);
    if (!name || !name[0])
        return ilrs_error_set(err, ILRS_EINVAL, "empty body name");
    ilrs_smallbody b;
    if (strchr(name, '=')) {  /* elements written out */
        int st = ilrs_smallbody_parse_inline(name, &b, err);
        return st < 0 ? st : add_small(e, &b, "inline elements", out, err);
    }
    if (!is_small_body_text(name)) {
        int st = from_ephemeris(e, name, near, out, err);
        if (st <= 0)
            return st;
    }
    if (elements) {
        int st = ilrs_smallbody_find(elements, name, &b, err);
        if (st == ILRS_OK)
            return add_small(e, &b, "elements file", out, err);
        if (st != ILRS_ENOTFOUND)
            return st;
    }
    if (ilrs_catalog_find(name, &b, NULL, NULL) == ILRS_OK)
        return add_small(e, &b, "bundled catalog", out, err);
    return ilrs_error_set(err, ILRS_ENOTFOUND,
                          "unknown body '%s': not a planet or NAIF id the "
                          "ephemeris has%s, nor in the bundled catalog",
                          name, elements ? ", not in the elements file" : "");
}
