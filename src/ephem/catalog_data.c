/* catalog_data.c -- the bundled mission targets (see ilrs/catalog.h).
 *
 * Asteroids: the Minor Planet Center's NEA file (MPCORB format) of
 * 2019-07-02, epoch K1972 = 2019-07-02.0 TT = JD 2458666.5: columns M,
 * Peri., Node, Incl., e, a of each body's line, copied as published.
 * Comet 311P/PANSTARRS: JPL Solar System Dynamics ELEMENTS.COMET, epoch
 * MJD 57818 (JD 2457818.5), q, e, i, w, Node, Tp = 2017-07-10.69913 TT.
 */
#include "ephem/catalog_int.h"

const ilrs_catalog_entry ilrs__catalog[] = {
    {"Kamo`oalewa", "469219", "2016 HO3|Kamooalewa|HO3", 469219, 0,
     2458666.5, 1.0013094, 0.1034391, 7.78189, 66.24561, 306.43834,
     267.37483, "Tianwen-2 asteroid target (quasi-satellite of the Earth)",
     "MPC NEA file 2019-07-02 (MPCORB), epoch 2019-07-02.0 TT"},
    {"311P/PANSTARRS", "311P", "P/2013 P5|PANSTARRS", 0, 1, 2457818.5,
     1.93554019, 0.11569268, 4.96639, 279.26214, 144.00415,
     2457945.19913, "Tianwen-2 comet target (main-belt comet)",
     "JPL SSD ELEMENTS.COMET, epoch MJD 57818 TT"},
    {"Apophis", "99942", "2004 MN4", 99942, 0, 2458666.5, 0.9225169,
     0.1914724, 3.33690, 204.05444, 126.67983, 236.64021,
     "OSIRIS-APEX target; Earth flyby 2029-04-13",
     "MPC NEA file 2019-07-02 (MPCORB), epoch 2019-07-02.0 TT"},
    {"Bennu", "101955", "1999 RQ36", 101955, 0, 2458666.5, 1.1259265,
     0.2036965, 6.03414, 2.01624, 66.30949, 142.08581,
     "OSIRIS-REx sample-return target",
     "MPC NEA file 2019-07-02 (MPCORB), epoch 2019-07-02.0 TT"},
    {"Ryugu", "162173", "1999 JU3", 162173, 0, 2458666.5, 1.1895745,
     0.1903764, 5.88422, 251.58732, 211.45109, 299.95388,
     "Hayabusa2 sample-return target",
     "MPC NEA file 2019-07-02 (MPCORB), epoch 2019-07-02.0 TT"},
};

const size_t ilrs__catalog_n = sizeof ilrs__catalog / sizeof ilrs__catalog[0];
