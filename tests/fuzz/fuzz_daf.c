/* fuzz_daf.c -- the DAF/SPK/PCK reader on arbitrary bytes: load, then
   query every body and the Moon's frame at epochs inside what was found.
   Must never crash, leak or read out of bounds. */
#include <math.h>
#include <stddef.h>
#include <stdint.h>

#include "ephem/ephem_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ilrs_ephem *e;
    if (ilrs_ephem_new(&e, NULL) < 0)
        return 0;
    if (ilrs__daf_load_mem(e, "fuzz.bsp", data, size, NULL) >= 0) {
        int ids[64];
        size_t n = 0;
        ilrs_ephem_bodies(e, ids, 64, &n);
        for (size_t i = 0; i < n && i < 64; i++) {
            double t0, t1, s[6];
            if (ilrs_ephem_coverage(e, ids[i], 0, NAN, &t0, &t1, NULL) < 0)
                continue;
            double ts[3] = {t0, 0.5 * (t0 + t1), t1};
            for (int k = 0; k < 3; k++)
                ilrs_ephem_state(e, ids[i], 0, ts[k], s, NULL);
        }
        ilrs_frame pa = {ILRS_FRAME_MOON_PA, 0, 0.0};
        ilrs_rotation r;
        ilrs_ephem_rotation(e, &pa, 0.0, &r, NULL, NULL);
    }
    ilrs_ephem_free(e);
    return 0;
}
