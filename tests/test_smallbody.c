/* test_smallbody.c -- element lines: a real MPCORB line and a JPL comet
   line (facts: MPC NEA file of 2019-07-02 and JPL ELEMENTS.COMET), the
   same Kamo`oalewa elements in JPL's ELEMENTS.NUMBR layout and written
   out as text (they must give the same conic), and malformed lines and
   texts that must name the line, field or key. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "ilrs/constants.h"
#include "ilrs/smallbody.h"

static const char kamo[] =
    "k9219   24.3   0.15 K1972 267.37483  306.43834   66.24561    7.78189  "
    "0.1034391  0.98367504   1.0013094  1 MPO450484   307   9 2004-2018 0.16 "
    "M-v 3Eh MPCLINUX   0803 (469219) Kamo`oalewa        20180413";
static const char comet[] =
    "311P/PANSTARRS                                57818  1.93554019 "
    "0.11569268   4.96639 144.00415 279.26214 20170710.69913 JPL 38";

int main(void)
{
    ilrs_smallbody b;
    ilrs_error err = {0, ""};
    int st = ilrs_smallbody_parse_mpc(kamo, 19349, &b, &err);
    check_int("Kamo`oalewa parses", st, ILRS_OK, err.msg);
    check_str("Kamo`oalewa name", b.name, "Kamo`oalewa", "readable column");
    check_int("Kamo`oalewa number", b.number, 469219, "(469219)");
    check_int("Kamo`oalewa id", b.id, 2469219, "NAIF 2000000 + number");
    /* q = a (1 - e): 1.0013094 au x (1 - 0.1034391) */
    check_close("Kamo`oalewa q (km)", b.conic.q,
                1.0013094 * (1 - 0.1034391) * ILRS_AU_KM, 1e-3,
                "MPC a and e; rounding of the ICRF round trip");
    check_close("Kamo`oalewa e", b.conic.e, 0.1034391, 1e-12, "MPC e");
    check_close("Kamo`oalewa epoch (s)", b.epoch,
                (2458666.5 - ILRS_J2000_JD) * 86400.0, 1e-6,
                "packed epoch K1972 = 2019-07-02.0");
    st = ilrs_smallbody_parse_jpl_comet(comet, 395, &b, &err);
    check_int("311P parses", st, ILRS_OK, err.msg);
    check_str("311P designation", b.designation, "311P", "before the '/'");
    check_close("311P q (km)", b.conic.q, 1.93554019 * ILRS_AU_KM, 1e-3,
                "JPL q");
    char line[512];
    strcpy(line, kamo);
    memcpy(line + 20, "Z1972", 5);
    check_int("bad packed epoch", ilrs_smallbody_parse_mpc(line, 7, &b, &err),
              ILRS_EFORMAT, "century letter Z");
    check_contains("bad epoch message", err.msg, "line 7", "names the line");
    check_contains("bad epoch field", err.msg, "21-25", "names the columns");
    strcpy(line, kamo);
    memcpy(line + 70, "  1.50000", 9);
    check_int("e >= 1 in MPCORB", ilrs_smallbody_parse_mpc(line, 8, &b, &err),
              ILRS_EFORMAT, "MPCORB orbits are elliptic");
    check_contains("e message", err.msg, "eccentricity", "names the field");
    check_int("short line", ilrs_smallbody_parse_mpc("00433 11.16", 9, &b,
              &err), ILRS_EFORMAT, "too short");
    strcpy(line, comet);
    memcpy(line + 105, "2017XX10.69913", 14);
    check_int("bad Tp", ilrs_smallbody_parse_jpl_comet(line, 10, &b, &err),
              ILRS_EFORMAT, "Tp not a number");
    check_contains("bad Tp message", err.msg, "Tp", "names the field");
    /* The MPC line's elements in JPL's NUMBR layout and written out. */
    static const char dashes[] =
        "------ ----------------- ----- ---------- ---------- --------- "
        "--------- --------- ----------- ----- ----- ----------";
    static const char numbr[] =
        "469219 Kamo`oalewa       58666  1.0013094 0.10343910   7.78189 "
        "306.43834  66.24561 267.3748300 24.30  0.15 MPC";
    ilrs_smallbody mpc = b, jpl, txt;
    ilrs_smallbody_parse_mpc(kamo, 19349, &mpc, &err);
    st = ilrs_smallbody_parse_jpl_asteroid(numbr, dashes, 3, &jpl, &err);
    check_int("Kamo`oalewa in the NUMBR layout parses", st, ILRS_OK, err.msg);
    check_str("NUMBR name", jpl.name, "Kamo`oalewa", "Name column");
    check_int("NUMBR id", jpl.id, 2469219, "NAIF 2000000 + number");
    st = ilrs_smallbody_parse_inline("a=1.0013094,e=0.1034391,i=7.78189,"
                                     "node=66.24561,argp=306.43834,"
                                     "M=267.37483,epoch=MJD 58666,name=K",
                                     &txt, &err);
    check_int("Kamo`oalewa written out parses", st, ILRS_OK, err.msg);
    double dq = 0.0, dt = 0.0;
    const ilrs_smallbody *v[2] = {&jpl, &txt};
    for (int k = 0; k < 2; k++) {
        dq = fmax(dq, fabs(v[k]->conic.q - mpc.conic.q));
        dt = fmax(dt, fabs(v[k]->conic.tp - mpc.conic.tp) +
                      fabs(v[k]->conic.node - mpc.conic.node) * 1e9);
    }
    check_close("NUMBR and text give the MPC conic: q (km)", dq, 0.0, 1e-6,
                "same numbers, same conversion");
    check_close("NUMBR and text give the MPC conic: tp (s), node", dt, 0.0,
                1e-6, "same numbers, same conversion");
    check_int("a layout of 10 fields is refused",
              ilrs_smallbody_parse_jpl_asteroid(numbr, "--- --- --- --- --- "
                                                "--- --- --- --- ---", 3,
                                                &jpl, &err),
              ILRS_EFORMAT, "neither NUMBR (12) nor UNNUM (11)");
    check_contains("layout message", err.msg, "dashes", "names the header");
    strcpy(line, numbr);
    memcpy(line + 43, "1.10343910", 10);
    check_int("NUMBR e >= 1", ilrs_smallbody_parse_jpl_asteroid(line, dashes,
              4, &jpl, &err), ILRS_EFORMAT, "a and M need an ellipse");
    check_contains("NUMBR e message", err.msg, "line 4", "names the line");
    check_int("text without epoch for M", ilrs_smallbody_parse_inline(
              "a=1,e=0.1,i=1,node=1,argp=1,M=1", &txt, &err), ILRS_EFORMAT,
              "M holds at an epoch");
    check_contains("text message", err.msg, "epoch", "names the key");
    st = ilrs_smallbody_find("no/such/file.txt", "Apophis", &b, &err);
    check_int("missing file", st, ILRS_EIO, "cannot open");
    return check_done();
}
