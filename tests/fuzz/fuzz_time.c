/* fuzz_time.c -- the epoch parser on arbitrary text, then conversion and
   printing of whatever parses. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ilrs/time.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    ilrs_epoch e, c;
    if (ilrs_time_parse(text, ILRS_UTC, &e, NULL) >= 0)
        for (int s = 0; s < 4; s++)
            if (ilrs_time_convert(&e, (ilrs_scale)s, &c, NULL) >= 0) {
                char buf[64];
                double t;
                ilrs_time_format(&c, ILRS_TIME_ISO, 9, buf, sizeof buf, NULL);
                ilrs_time_format(&c, ILRS_TIME_MJD, 9, buf, sizeof buf, NULL);
                ilrs_time_to_tdb(&c, &t, NULL);
            }
    free(text);
    return 0;
}
