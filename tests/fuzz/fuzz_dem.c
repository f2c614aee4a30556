/* fuzz_dem.c -- the DEM loader (GDAL open, projection and height checks,
   scale/offset, no-data fill) on arbitrary bytes written to a file; what
   opens is queried once for a height and a short horizon. Inputs are
   bounded to 128 KiB so GDAL's own parsers are exercised, not our limits. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ilrs/lunar.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_INPUT 131072

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > MAX_INPUT)
        return 0;
    char path[] = "/tmp/fuzz_dem_XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0)
        return 0;
    if (write(fd, data, size) != (ssize_t)size) {
        close(fd);
        unlink(path);
        return 0;
    }
    close(fd);
    ilrs_dem *d = NULL;
    ilrs_error err;
    if (ilrs_dem_open(path, &d, &err) == ILRS_OK) {
        ilrs_dem_info in;
        ilrs_dem_get_info(d, &in);
        double lat, lon, h, elev[8];
        if (ilrs_dem_pixel_to_latlon(d, in.nx / 2.0, in.ny / 2.0, &lat,
                                     &lon) == ILRS_OK &&
            ilrs_dem_height(d, lat, lon, &h, NULL) == ILRS_OK) {
            ilrs_horizon_opts o;
            ilrs_horizon_opts_default(&o);
            o.naz = 8;
            o.max_dist_km = 20.0 * in.pixel_km;
            ilrs_horizon_site(d, lat, lon, &o, elev, NULL, NULL);
        }
        ilrs_dem_close(d);
    }
    unlink(path);
    return 0;
}
