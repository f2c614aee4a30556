/*
 * ilrs/constants.h -- physical constants, each with its unit and source.
 * Inside the library: km, km/s, s, rad. Epochs: TDB seconds past J2000.
 */
#ifndef ILRS_CONSTANTS_H
#define ILRS_CONSTANTS_H

/* Astronomical unit (km, IAU 2012 Resolution B2) */
#define ILRS_AU_KM 149597870.700
/* Seconds per day (s, SI day of 86400 SI seconds) */
#define ILRS_DAY_S 86400.0
/* Julian date of J2000.0 (2000-01-01 12:00 TT/TDB) */
#define ILRS_J2000_JD 2451545.0
/* Days per Julian century */
#define ILRS_JULIAN_CENTURY_D 36525.0
/* Modified Julian date offset (d): MJD = JD - 2400000.5 */
#define ILRS_MJD_OFFSET 2400000.5

/* Gravitational parameters (km^3/s^2, JPL DE440, gm_de440.tpc) */
#define ILRS_GM_SUN     132712440041.279419
#define ILRS_GM_MERCURY 22031.868551
#define ILRS_GM_VENUS   324858.592000
#define ILRS_GM_EARTH   398600.435507
#define ILRS_GM_MOON    4902.800118
#define ILRS_GM_MARS_SYS    42828.375816
#define ILRS_GM_JUPITER_SYS 126712764.100000
#define ILRS_GM_SATURN_SYS  37940584.841800
#define ILRS_GM_URANUS_SYS  5794556.400000
#define ILRS_GM_NEPTUNE_SYS 6836527.100580
#define ILRS_GM_PLUTO_SYS   975.500000

/* Earth-Moon mass ratio (dimensionless, JPL DE440, gm_de440.tpc ratio of
   BODY399_GM to BODY301_GM) */
#define ILRS_EMRAT (ILRS_GM_EARTH / ILRS_GM_MOON)

/* WGS84 ellipsoid: equatorial radius (km) and flattening (NIMA TR8350.2) */
#define ILRS_WGS84_A_KM 6378.137
#define ILRS_WGS84_F (1.0 / 298.257223563)

/* Moon mean radius (km, LOLA reference sphere; IAU WGCCRE 2015) */
#define ILRS_MOON_RADIUS_KM 1737.4

/* Obliquity of the ecliptic at J2000 (rad): 84381.448 arcsec, the value
   of the IAU 1976 system that SPICE's ECLIPJ2000 frame uses */
#define ILRS_OBLIQUITY_J2000 (84381.448 / 3600.0 * 0.017453292519943295)

/* Angle conversions */
#define ILRS_PI 3.14159265358979323846
#define ILRS_DEG (ILRS_PI / 180.0)        /* radians per degree */
#define ILRS_ARCSEC (ILRS_DEG / 3600.0)   /* radians per arcsecond */

#endif
