/* fuzz_smallbody.c -- the MPCORB and JPL comet line parsers on arbitrary
   text; whatever parses is propagated once. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ilrs/smallbody.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *line = malloc(size + 1);
    if (!line)
        return 0;
    memcpy(line, data, size);
    line[size] = '\0';
    ilrs_smallbody b;
    double s[6];
    if (ilrs_smallbody_parse_mpc(line, 1, &b, NULL) >= 0)
        ilrs_conic_state(&b.conic, b.epoch + 1e8, s, NULL);
    if (ilrs_smallbody_parse_jpl_comet(line, 1, &b, NULL) >= 0)
        ilrs_conic_state(&b.conic, b.epoch - 1e9, s, NULL);
    free(line);
    return 0;
}
