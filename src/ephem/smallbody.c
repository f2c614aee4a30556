/*
 * smallbody.c -- MPCORB and JPL element lines, and elements written out,
 * to conics. Column layouts: MPC "Export Format for Minor-Planet Orbits"
 * (MPCORB); JPL SSD "ELEMENTS.COMET" header line; JPL SSD
 * "ELEMENTS.NUMBR" and "ELEMENTS.UNNUM" from the file's own line of
 * dashes under its header (JPL has widened columns over the years).
 */
#include "ilrs/smallbody.h"

#include <ctype.h>
#include <erfa.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ilrs/constants.h"
#include "ilrs/time.h"

#define MAX_LINE 512

/* Copy columns [from, to] (1-based, inclusive) of line, trimmed. */
static void field(const char *line, int from, int to, char *out, size_t n)
{
    size_t len = strlen(line), k = 0;
    for (int c = from; c <= to && (size_t)c <= len && k + 1 < n; c++)
        out[k++] = line[c - 1];
    out[k] = '\0';
    while (k && isspace((unsigned char)out[k - 1]))
        out[--k] = '\0';
    size_t lead = strspn(out, " \t");
    memmove(out, out + lead, k - lead + 1);
}

/* A number in columns [from, to]; 0 or -1. */
static int num(const char *line, int from, int to, double *v)
{
    char buf[64], *end;
    field(line, from, to, buf, sizeof buf);
    errno = 0;
    *v = strtod(buf, &end);
    return (*buf && *end == '\0' && errno == 0 && isfinite(*v)) ? 0 : -1;
}

/* MPC packed date digit: 1-9, A=10 ... V=31. */
static int packed_digit(char c)
{
    if (c >= '1' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'V')
        return c - 'A' + 10;
    return -1;
}

/* Packed epoch "K1972" -> TDB s past J2000 (TT taken as TDB). */
static int packed_epoch(const char *p, double *t)
{
    int century = p[0] == 'I' ? 18 : p[0] == 'J' ? 19 : p[0] == 'K' ? 20 : -1;
    if (century < 0 || !isdigit((unsigned char)p[1]) ||
        !isdigit((unsigned char)p[2]))
        return -1;
    int y = century * 100 + (p[1] - '0') * 10 + (p[2] - '0');
    int m = packed_digit(p[3]), d = packed_digit(p[4]);
    double djm0, djm;
    if (m < 1 || m > 12 || d < 1 || eraCal2jd(y, m, d, &djm0, &djm) != 0)
        return -1;
    *t = ((djm0 - ILRS_J2000_JD) + djm) * ILRS_DAY_S;
    return 0;
}

/* Ecliptic elements -> ICRF conic about the Sun, through the state at the
   epoch. Angles in degrees, q in au, tp and epoch in TDB s. */
static int make_conic(double q_au, double e, double i, double node,
                      double argp, double tp, double epoch, ilrs_conic *out,
                      ilrs_error *err)
{
    ilrs_conic ecl = {ILRS_GM_SUN, q_au * ILRS_AU_KM, e, i * ILRS_DEG,
                      node * ILRS_DEG, argp * ILRS_DEG, tp};
    double s[6];
    int st = ilrs_conic_state(&ecl, epoch, s, err);
    if (st < 0)
        return st;
    double c = cos(ILRS_OBLIQUITY_J2000), sn = sin(ILRS_OBLIQUITY_J2000);
    for (int k = 0; k < 6; k += 3) {
        double y = c * s[k + 1] - sn * s[k + 2], z = sn * s[k + 1] + c * s[k + 2];
        s[k + 1] = y;
        s[k + 2] = z;
    }
    return ilrs_conic_from_state(s, epoch, ILRS_GM_SUN, out, err);
}

/* Time of perihelion (TDB s) of an ellipse of semimajor axis a_au with
   mean anomaly m_deg at epoch, with n from the Sun's GM. */
static double perihelion_time(double a_au, double m_deg, double epoch)
{
    double a_km = a_au * ILRS_AU_KM, n = sqrt(ILRS_GM_SUN / (a_km * a_km * a_km));
    double mr = remainder(m_deg * ILRS_DEG, 2.0 * ILRS_PI);
    return epoch - mr / n;
}

static int bad(ilrs_error *err, long line_no, const char *what)
{
    return ilrs_error_set(err, ILRS_EFORMAT, "line %ld: %s", line_no, what);
}

int ilrs_smallbody_parse_mpc(const char *line, long line_no,
                             ilrs_smallbody *out, ilrs_error *err)
{
    if (!line || strlen(line) > MAX_LINE)
        return bad(err, line_no, "missing or longer than 512 characters");
    if (strlen(line) < 103)
        return bad(err, line_no, "MPCORB line shorter than 103 columns");
    memset(out, 0, sizeof *out);
    double m, w, node, inc, e, a;
    if (packed_epoch(line + 20, &out->epoch))
        return bad(err, line_no, "columns 21-25: bad packed epoch");
    if (num(line, 27, 35, &m))
        return bad(err, line_no, "columns 27-35: mean anomaly is not a number");
    if (num(line, 38, 46, &w) || num(line, 49, 57, &node) ||
        num(line, 60, 68, &inc))
        return bad(err, line_no, "columns 38-68: bad angles (peri, node, incl)");
    if (num(line, 71, 79, &e) || !(e >= 0.0 && e < 1.0))
        return bad(err, line_no, "columns 71-79: eccentricity not in [0, 1)");
    if (num(line, 93, 103, &a) || !(a > 0.0))
        return bad(err, line_no, "columns 93-103: semimajor axis not > 0");
    double tp = perihelion_time(a, m, out->epoch);
    char readable[64];
    field(line, 167, 194, readable, sizeof readable);
    if (readable[0] == '(') {
        out->number = strtol(readable + 1, NULL, 10);
        const char *close = strchr(readable, ')');
        snprintf(out->name, sizeof out->name, "%s", close ? close + 1 : "");
        memmove(out->name, out->name + strspn(out->name, " "),
                strlen(out->name + strspn(out->name, " ")) + 1);
        snprintf(out->designation, sizeof out->designation, "%ld",
                 out->number);
    } else {
        snprintf(out->designation, sizeof out->designation, "%.31s", readable);
        snprintf(out->name, sizeof out->name, "%s", readable);
    }
    if (!out->name[0])
        snprintf(out->name, sizeof out->name, "%s", out->designation);
    out->id = out->number > 0 && out->number < 10000000
                  ? (int)(2000000 + out->number)
                  : (int)(90000000 + (line_no % 9999999));
    return make_conic(a * (1.0 - e), e, inc, node, w, tp, out->epoch,
                      &out->conic, err);
}

int ilrs_smallbody_parse_jpl_comet(const char *line, long line_no,
                                   ilrs_smallbody *out, ilrs_error *err)
{
    if (!line || strlen(line) > MAX_LINE)
        return bad(err, line_no, "missing or longer than 512 characters");
    if (strlen(line) < 119)
        return bad(err, line_no, "ELEMENTS.COMET line shorter than 119 columns");
    memset(out, 0, sizeof *out);
    double mjd, q, e, i, w, node, tpd;
    field(line, 1, 44, out->name, sizeof out->name);
    if (num(line, 45, 51, &mjd))
        return bad(err, line_no, "columns 45-51: epoch (MJD) is not a number");
    if (num(line, 53, 63, &q) || !(q > 0.0))
        return bad(err, line_no, "columns 53-63: q is not a positive number");
    if (num(line, 65, 74, &e) || !(e >= 0.0))
        return bad(err, line_no, "columns 65-74: e is not a number >= 0");
    if (num(line, 76, 84, &i) || num(line, 86, 94, &w) ||
        num(line, 96, 104, &node))
        return bad(err, line_no, "columns 76-104: bad angles (i, w, Node)");
    if (num(line, 106, 119, &tpd) || tpd < 10000101.0 || tpd > 99991231.99)
        return bad(err, line_no, "columns 106-119: Tp is not YYYYMMDD.ddd");
    int y = (int)(tpd / 10000), mo = (int)fmod(tpd / 100, 100);
    double day = fmod(tpd, 100.0), djm0, djm;
    if (eraCal2jd(y, mo, (int)day, &djm0, &djm) != 0)
        return bad(err, line_no, "columns 106-119: Tp is not a date");
    double tp = ((djm0 - ILRS_J2000_JD) + djm + (day - floor(day))) *
                ILRS_DAY_S;
    out->epoch = (mjd + ILRS_MJD_OFFSET - ILRS_J2000_JD) * ILRS_DAY_S;
    const char *slash = strchr(out->name, '/');
    size_t dl = slash ? (size_t)(slash - out->name) : strlen(out->name);
    snprintf(out->designation, sizeof out->designation, "%.*s", (int)dl,
             out->name);
    out->id = (int)(90000000 + (line_no % 9999999));
    return make_conic(q, e, i, node, w, tp, out->epoch, &out->conic, err);
}

/* The fields of a JPL layout line: runs of '-' (1-based columns). */
#define JPL_FIELDS_MAX 16
typedef struct {
    int n, from[JPL_FIELDS_MAX], to[JPL_FIELDS_MAX];
} jpl_layout;

static int layout_of(const char *dashes, jpl_layout *l)
{
    l->n = 0;
    for (int c = 0; dashes[c];) {
        if (dashes[c] != '-') {
            if (dashes[c] != ' ')
                return -1;
            c++;
            continue;
        }
        if (l->n == JPL_FIELDS_MAX)
            return -1;
        l->from[l->n] = c + 1;
        while (dashes[c] == '-')
            c++;
        l->to[l->n++] = c;
    }
    /* Epoch, a, e, i, w, Node, M, H, G, Ref after one or two name fields */
    return l->n == 11 || l->n == 12 ? 0 : -1;
}

int ilrs_smallbody_parse_jpl_asteroid(const char *line, const char *layout,
                                      long line_no, ilrs_smallbody *out,
                                      ilrs_error *err)
{
    jpl_layout l;
    if (!layout || strlen(layout) > MAX_LINE || layout_of(layout, &l))
        return bad(err, line_no, "the JPL header's line of dashes does not "
                   "give 11 (ELEMENTS.UNNUM) or 12 (ELEMENTS.NUMBR) fields");
    if (!line || strlen(line) > MAX_LINE)
        return bad(err, line_no, "missing or longer than 512 characters");
    int f = l.n - 10;  /* the epoch's field; fields before it name the body */
    if (strlen(line) < (size_t)l.to[f + 6])
        return bad(err, line_no, "JPL asteroid line shorter than its header's "
                   "columns up to M");
    memset(out, 0, sizeof *out);
    static const char *const what[7] = {
        "epoch (MJD)", "a (au)", "e", "i (deg)", "w (deg)", "Node (deg)",
        "M (deg)"};
    double v[7];
    for (int k = 0; k < 7; k++)
        if (num(line, l.from[f + k], l.to[f + k], &v[k])) {
            char msg[96];
            snprintf(msg, sizeof msg, "columns %d-%d: %s is not a number",
                     l.from[f + k], l.to[f + k], what[k]);
            return bad(err, line_no, msg);
        }
    if (!(v[1] > 0.0))
        return bad(err, line_no, "a (au) must be > 0");
    if (!(v[2] >= 0.0 && v[2] < 1.0))
        return bad(err, line_no, "e must be in [0, 1) with a and M");
    char first[64];
    field(line, l.from[0], l.to[0], first, sizeof first);
    if (f == 2) {  /* NUMBR: Num, Name */
        char *end;
        errno = 0;
        out->number = strtol(first, &end, 10);
        if (*end || out->number <= 0 || errno)
            return bad(err, line_no, "Num is not a positive integer");
        field(line, l.from[1], l.to[1], out->name, sizeof out->name);
        snprintf(out->designation, sizeof out->designation, "%ld",
                 out->number);
        if (!out->name[0])
            snprintf(out->name, sizeof out->name, "%ld", out->number);
    } else {       /* UNNUM: the designation */
        if (!first[0])
            return bad(err, line_no, "no designation");
        snprintf(out->designation, sizeof out->designation, "%.31s", first);
        snprintf(out->name, sizeof out->name, "%s", first);
    }
    out->epoch = (v[0] + ILRS_MJD_OFFSET - ILRS_J2000_JD) * ILRS_DAY_S;
    out->id = out->number > 0 && out->number < 10000000
                  ? (int)(2000000 + out->number)
                  : (int)(90000000 + (line_no % 9999999));
    double tp = perihelion_time(v[1], v[6], out->epoch);
    return make_conic(v[1] * (1.0 - v[2]), v[2], v[3], v[5], v[4], tp,
                      out->epoch, &out->conic, err);
}

/* Elements written out: "key=value" pairs joined by ','. */
enum { IN_A, IN_Q, IN_E, IN_I, IN_NODE, IN_ARGP, IN_M, IN_EPOCH, IN_TP,
       IN_NAME, IN_KEYS };

static int inline_bad(ilrs_error *err, const char *fmt, const char *what)
{
    return ilrs_error_set(err, ILRS_EFORMAT, "elements: %s%s", fmt, what);
}

/* Split spec into the values of the keys; 0 or an error status. */
static int inline_split(const char *spec, char val[IN_KEYS][64],
                        ilrs_error *err)
{
    static const char *const keys[IN_KEYS] = {
        "a", "q", "e", "i", "node", "argp", "M", "epoch", "tp", "name"};
    char buf[MAX_LINE + 1];
    if (strlen(spec) > MAX_LINE)
        return inline_bad(err, "longer than 512 characters", "");
    snprintf(buf, sizeof buf, "%s", spec);
    for (char *save = NULL, *tok = strtok_r(buf, ",", &save); tok;
         tok = strtok_r(NULL, ",", &save)) {
        char *eq = strchr(tok, '=');
        if (!eq)
            return inline_bad(err, "expected key=value, got ", tok);
        *eq = '\0';
        char key[16];
        field(tok, 1, (int)strlen(tok), key, sizeof key);
        int k = 0;
        while (k < IN_KEYS && strcmp(key, keys[k]) != 0)
            k++;
        if (k == IN_KEYS)
            return inline_bad(err, "unknown key (a or q, e, i, node, argp, "
                              "M or tp, epoch, name): ", key);
        if (val[k][0])
            return inline_bad(err, "key given twice: ", key);
        field(eq + 1, 1, (int)strlen(eq + 1), val[k], sizeof val[k]);
        if (!val[k][0])
            return inline_bad(err, "no value for ", key);
    }
    return 0;
}

static int inline_num(const char *text, const char *key, double *v,
                      ilrs_error *err)
{
    char *end;
    errno = 0;
    *v = strtod(text, &end);
    if (!*text || *end || errno || !isfinite(*v))
        return inline_bad(err, "not a number: ", key);
    return 0;
}

/* An epoch, TDB unless it names its scale. */
static int epoch_tdb(const char *text, const char *key, double *t,
                     ilrs_error *err)
{
    ilrs_epoch ep;
    ilrs_error e2 = {0, ""};
    if (ilrs_time_parse(text, ILRS_TDB, &ep, &e2) < 0 ||
        ilrs_time_to_tdb(&ep, t, &e2) < 0)
        return ilrs_error_set(err, ILRS_EFORMAT, "elements: %s: %s", key,
                              e2.msg);
    return 0;
}

int ilrs_smallbody_parse_inline(const char *spec, ilrs_smallbody *out,
                                ilrs_error *err)
{
    char val[IN_KEYS][64] = {{0}};
    memset(out, 0, sizeof *out);
    if (!spec || inline_split(spec, val, err))
        return spec ? ILRS_EFORMAT : inline_bad(err, "missing", "");
    if ((val[IN_A][0] != 0) == (val[IN_Q][0] != 0))
        return inline_bad(err, "give one of a (au) and q (au)", "");
    if ((val[IN_M][0] != 0) == (val[IN_TP][0] != 0))
        return inline_bad(err, "give one of M (deg, with epoch) and tp "
                          "(perihelion time)", "");
    if (val[IN_M][0] && !val[IN_EPOCH][0])
        return inline_bad(err, "M needs the epoch it holds at (epoch=)", "");
    static const int need[4] = {IN_E, IN_I, IN_NODE, IN_ARGP};
    static const char *const nname[4] = {"e", "i", "node", "argp"};
    double x[4], aq, m = 0.0, tp;
    for (int k = 0; k < 4; k++) {
        if (!val[need[k]][0])
            return inline_bad(err, "missing key ", nname[k]);
        if (inline_num(val[need[k]], nname[k], &x[k], err))
            return ILRS_EFORMAT;
    }
    int has_a = val[IN_A][0] != 0;
    if (inline_num(val[has_a ? IN_A : IN_Q], has_a ? "a" : "q", &aq, err))
        return ILRS_EFORMAT;
    if (!(aq > 0.0))
        return inline_bad(err, has_a ? "a" : "q", " must be > 0 (au)");
    if (!(x[0] >= 0.0))
        return inline_bad(err, "e must be >= 0", "");
    if (has_a && !(x[0] < 1.0))
        return inline_bad(err, "a with e >= 1: give q for a parabola or "
                          "hyperbola", "");
    if (val[IN_M][0] && !(x[0] < 1.0))
        return inline_bad(err, "M with e >= 1: give tp", "");
    if (val[IN_EPOCH][0] &&
        epoch_tdb(val[IN_EPOCH], "epoch", &out->epoch, err))
        return ILRS_EFORMAT;
    if (val[IN_M][0]) {
        if (inline_num(val[IN_M], "M", &m, err))
            return ILRS_EFORMAT;
        double a = has_a ? aq : aq / (1.0 - x[0]);
        tp = perihelion_time(a, m, out->epoch);
    } else if (epoch_tdb(val[IN_TP], "tp", &tp, err)) {
        return ILRS_EFORMAT;
    }
    if (!val[IN_EPOCH][0])
        out->epoch = tp;
    double q = has_a ? aq * (1.0 - x[0]) : aq;
    snprintf(out->name, sizeof out->name, "%s",
             val[IN_NAME][0] ? val[IN_NAME] : "elements");
    snprintf(out->designation, sizeof out->designation, "%.31s", out->name);
    unsigned long h = 5381;  /* a local id from the text (djb2) */
    for (const char *c = spec; *c; c++)
        h = h * 33u + (unsigned char)*c;
    out->id = (int)(80000000 + h % 9999999);
    return make_conic(q, x[0], x[1], x[2], x[3], tp, out->epoch, &out->conic,
                      err);
}

/* Lower-case letters and digits only (drops `, ', spaces, punctuation). */
static void squash(const char *s, char *out, size_t n)
{
    size_t k = 0;
    for (; *s && k + 1 < n; s++)
        if (isalnum((unsigned char)*s))
            out[k++] = (char)tolower((unsigned char)*s);
    out[k] = '\0';
}

static int matches(const ilrs_smallbody *b, const char *q)
{
    char a[96], x[96];
    squash(q, x, sizeof x);
    if (!*x)
        return 0;
    const char *cands[3] = {b->name, b->designation, NULL};
    const char *slash = strchr(b->name, '/');
    if (slash)
        cands[2] = slash + 1;
    for (int i = 0; i < 3; i++) {
        if (!cands[i])
            continue;
        squash(cands[i], a, sizeof a);
        if (strcmp(a, x) == 0)
            return 1;
    }
    return 0;
}

int ilrs_smallbody_find(const char *path, const char *query,
                        ilrs_smallbody *out, ilrs_error *err)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return ilrs_error_set(err, ILRS_EIO, "cannot open '%s': %s", path,
                              strerror(errno));
    char line[MAX_LINE + 2], layout[MAX_LINE + 2] = "";
    long no = 0;
    /* format: -1 unknown yet, 0 MPCORB, 1 ELEMENTS.COMET, 2 ELEMENTS.NUMBR
       or ELEMENTS.UNNUM (its layout from the dashes under the header) */
    int format = -1, st = ILRS_ENOTFOUND;
    while (fgets(line, sizeof line, f)) {
        no++;
        size_t n = strcspn(line, "\r\n");
        if (line[n] == '\0' && !feof(f)) {  /* longer than MAX_LINE */
            int c;
            while ((c = fgetc(f)) != EOF && c != '\n')
                ;
            continue;
        }
        line[n] = '\0';
        if (format < 0 && strncmp(line, "Num  Name", 9) == 0)
            format = 1;
        if (format < 0 && (strncmp(line, " Num   Name", 11) == 0 ||
                           strncmp(line, "Designation", 11) == 0))
            format = 2;
        if (format == 2 && line[0] == '-' && !layout[0]) {
            snprintf(layout, sizeof layout, "%s", line);
            continue;
        }
        if (format == 2 && layout[0] == '\0')
            continue;  /* the header */
        if (format != 2 && (n < 103 || line[0] == '-' ||
                            strncmp(line, "Num", 3) == 0))
            continue;
        if (format < 0)
            format = 0;
        if (format == 2 && strspn(line, " ") == n)
            continue;
        ilrs_smallbody b;
        ilrs_error e2 = {0, ""};
        int r = format == 2
                    ? ilrs_smallbody_parse_jpl_asteroid(line, layout, no, &b,
                                                        &e2)
                : format == 1 ? ilrs_smallbody_parse_jpl_comet(line, no, &b,
                                                                &e2)
                              : ilrs_smallbody_parse_mpc(line, no, &b, &e2);
        if (r < 0) {
            /* Only a bad line that names the body matters here. */
            if (strstr(line, query)) {
                st = ilrs_error_set(err, r, "%s:%s", path, e2.msg + 0);
                break;
            }
            continue;
        }
        if (matches(&b, query)) {
            *out = b;
            st = ILRS_OK;
            break;
        }
    }
    fclose(f);
    if (st == ILRS_ENOTFOUND)
        ilrs_error_set(err, st, "no body '%s' in %s", query, path);
    return st;
}
