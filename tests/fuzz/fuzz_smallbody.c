/* fuzz_smallbody.c -- the MPCORB, JPL comet and JPL asteroid line
   parsers and elements written out, on arbitrary text; whatever parses
   is propagated once. The JPL asteroid parser gets the input once with
   ELEMENTS.NUMBR's layout and once split at its first newline into a
   layout of its own and a line. */
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
    static const char numbr[] =
        "------ ----------------- ----- ---------- ---------- --------- "
        "--------- --------- ----------- ----- ----- ----------";
    if (ilrs_smallbody_parse_jpl_asteroid(line, numbr, 1, &b, NULL) >= 0)
        ilrs_conic_state(&b.conic, b.epoch + 3e8, s, NULL);
    if (ilrs_smallbody_parse_inline(line, &b, NULL) >= 0)
        ilrs_conic_state(&b.conic, b.epoch + 1e7, s, NULL);
    char *nl = strchr(line, '\n');
    if (nl) {
        *nl = '\0';
        if (ilrs_smallbody_parse_jpl_asteroid(nl + 1, line, 2, &b, NULL) >= 0)
            ilrs_conic_state(&b.conic, b.epoch, s, NULL);
    }
    free(line);
    return 0;
}
