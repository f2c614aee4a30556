/* fuzz_program.c -- the program-file loader on arbitrary text (YAML, or
   JSON when it starts with '{'); whatever loads must export and load back
   to an equal program, and survive the budget check and a small
   allocation. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ilrs/program.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void round_trip(const ilrs_program *p, int json)
{
    char *text;
    size_t len;
    ilrs_program *q;
    if (ilrs_program_export(p, json, &text, &len, NULL))
        return;
    if (ilrs_program_parse(text, len, "export", json, &q, NULL, NULL) ||
        !ilrs_program_equal(p, q))
        __builtin_trap(); /* an export that does not load back equal */
    ilrs_program_free(q);
    free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ilrs_program *p;
    ilrs_diag d = {0};
    if (ilrs_program_parse((const char *)data, size, "fuzz", -1, &p, &d,
                           NULL) == ILRS_OK) {
        round_trip(p, 0);
        round_trip(p, 1);
        ilrs_program_view v;
        if (ilrs_program_view_make(p, &v, NULL) == ILRS_OK) {
            ilrs_diag c = {0};
            ilrs_program_check(&v, NULL, 1e-9, NULL, &c);
            ilrs_diag_free(&c);
            if (v.nmissions * v.npayloads <= 64) {
                ilrs_alloc_options o = {0.2, 0.0};
                ilrs_alloc_plan plan;
                if (ilrs_alloc_solve(&v, &o, &plan, NULL) >= 0) {
                    char why[512];
                    for (size_t i = 0; i < v.npayloads; i++)
                        if (plan.mission[i] < 0)
                            ilrs_alloc_reason(&v, &plan, i, why, sizeof why);
                    ilrs_alloc_plan_free(&plan);
                }
            }
            ilrs_program_view_free(&v);
        }
        ilrs_program_free(p);
    }
    ilrs_diag_free(&d);
    return 0;
}
