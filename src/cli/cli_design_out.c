/* cli_design_out.c -- plot and OEM output of the design commands. */
#include "cli_design.h"

int design_plot(const char *path, const ilrs_porkchop *p,
                const ilrs_porkchop_spec *s, const char *from, const char *to)
{
    (void)p, (void)s, (void)from, (void)to;
    return cli_fail("porkchop", CLI_EXIT_FAIL, "--plot %s: plots are not "
                    "available in this build", path);
}

int design_oem(const char *path, const ilrs_ephem *e,
               const ilrs_window_spec *s, const ilrs_transfer *t,
               const char *target)
{
    (void)e, (void)s, (void)t, (void)target;
    return cli_fail("window", CLI_EXIT_FAIL, "--oem %s: OEM output is not "
                    "available in this build", path);
}
