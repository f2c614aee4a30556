/*
 * probe_lunar.c -- lets the Python tests ask the DEM reader questions.
 *
 *   probe_lunar DEM < queries
 *
 * Each input line is one query, answered by one output line:
 *   px COL ROW   -> LAT LON (deg) of continuous pixel coordinates
 *   ll LAT LON   -> COL ROW of a point (deg)
 *   h LAT LON    -> height (m above the sphere), bilinear, or "outside"
 *   info         -> NX NY PROJ RADIUS_KM PIXEL_KM
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "ilrs/lunar.h"

#define D2R (3.14159265358979323846 / 180.0)

int main(int argc, char **argv)
{
    ilrs_dem *d;
    ilrs_error err;
    if (argc != 2 || ilrs_dem_open(argv[1], &d, &err)) {
        fprintf(stderr, "probe_lunar: %s\n", argc == 2 ? err.msg : "usage");
        return 1;
    }
    char line[256], cmd[16];
    double a, b;
    while (fgets(line, sizeof line, stdin)) {
        int n = sscanf(line, "%15s %lf %lf", cmd, &a, &b);
        if (n >= 1 && strcmp(cmd, "info") == 0) {
            ilrs_dem_info in;
            ilrs_dem_get_info(d, &in);
            printf("%d %d %d %.17g %.17g\n", in.nx, in.ny, (int)in.proj,
                   in.radius_km, in.pixel_km);
        } else if (n == 3 && strcmp(cmd, "px") == 0) {
            double lat, lon;
            ilrs_dem_pixel_to_latlon(d, a, b, &lat, &lon);
            printf("%.17g %.17g\n", lat / D2R, lon / D2R);
        } else if (n == 3 && strcmp(cmd, "ll") == 0) {
            double col, row;
            ilrs_dem_latlon_to_pixel(d, a * D2R, b * D2R, &col, &row);
            printf("%.17g %.17g\n", col, row);
        } else if (n == 3 && strcmp(cmd, "h") == 0) {
            double h;
            if (ilrs_dem_height(d, a * D2R, b * D2R, &h, NULL))
                printf("outside\n");
            else
                printf("%.17g\n", h * 1000.0);
        } else {
            printf("bad query\n");
        }
    }
    ilrs_dem_close(d);
    return 0;
}
