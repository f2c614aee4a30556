/*
 * check.h -- named, bounded, sourced checks for the C tests.
 *
 *   check_close("lambert v1x", got, want, 1e-6, "Vallado ex. 7-5");
 *   check_int("status", st, ILRS_ERANGE, "epoch outside coverage");
 *   return check_done();
 *
 * Every check prints one line (PASS/FAIL, name, values, source);
 * check_done() prints "N passed, M failed" and returns the exit code.
 */
#ifndef ILRS_TEST_CHECK_H
#define ILRS_TEST_CHECK_H

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int check_npass, check_nfail;

static inline int check_true(const char *name, int ok, const char *source)
{
    if (ok)
        check_npass++;
    else
        check_nfail++;
    printf("%s %s (%s)\n", ok ? "PASS" : "FAIL", name, source);
    return ok;
}

static inline int check_close(const char *name, double got, double want,
                              double tol, const char *source)
{
    int ok = isfinite(got) && fabs(got - want) <= tol;
    if (ok)
        check_npass++;
    else
        check_nfail++;
    printf("%s %s: got %.15g want %.15g |diff| %.3g tol %.3g (%s)\n",
           ok ? "PASS" : "FAIL", name, got, want, fabs(got - want), tol,
           source);
    return ok;
}

static inline int check_int(const char *name, long got, long want,
                            const char *source)
{
    int ok = got == want;
    if (ok)
        check_npass++;
    else
        check_nfail++;
    printf("%s %s: got %ld want %ld (%s)\n", ok ? "PASS" : "FAIL", name, got,
           want, source);
    return ok;
}

static inline int check_str(const char *name, const char *got,
                            const char *want, const char *source)
{
    int ok = got && want && strcmp(got, want) == 0;
    if (ok)
        check_npass++;
    else
        check_nfail++;
    printf("%s %s: got \"%s\" want \"%s\" (%s)\n", ok ? "PASS" : "FAIL", name,
           got ? got : "(null)", want ? want : "(null)", source);
    return ok;
}

/* check_contains: `got` contains `needle` (for error messages). */
static inline int check_contains(const char *name, const char *got,
                                 const char *needle, const char *source)
{
    int ok = got && needle && strstr(got, needle) != NULL;
    if (ok)
        check_npass++;
    else
        check_nfail++;
    printf("%s %s: \"%s\" contains \"%s\" (%s)\n", ok ? "PASS" : "FAIL", name,
           got ? got : "(null)", needle ? needle : "(null)", source);
    return ok;
}

static inline int check_done(void)
{
    printf("%d passed, %d failed\n", check_npass, check_nfail);
    return check_nfail ? 1 : 0;
}

/* The path of a reference file under $ILRS_DATA (set by ctest;
   ../shared/data when run by hand), written into buf. */
static inline const char *check_data(char *buf, size_t size, const char *rel)
{
    const char *data = getenv("ILRS_DATA");
    snprintf(buf, size, "%s/%s", data ? data : "../shared/data", rel);
    return buf;
}

#endif
