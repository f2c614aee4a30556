/*
 * ilrs/core.h -- status codes, error detail, small vector math, threading.
 *
 * Every libilrs function that can fail returns an int status:
 *   0             ILRS_OK
 *   < 0           an ILRS_E... error; outputs are unspecified
 *   > 0           an ILRS_W... warning; outputs are valid
 * Detail (file, line, field, value) goes to an ilrs_error the caller passes;
 * a NULL ilrs_error pointer is allowed everywhere and means "no detail".
 * The library never prints, exits or aborts, and has no global mutable state.
 */
#ifndef ILRS_CORE_H
#define ILRS_CORE_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Status codes. */
#define ILRS_OK           0
#define ILRS_EINVAL      -1  /* invalid argument */
#define ILRS_ENOMEM      -2  /* out of memory */
#define ILRS_EIO         -3  /* file cannot be opened or read */
#define ILRS_EFORMAT     -4  /* file or text is malformed */
#define ILRS_ERANGE      -5  /* epoch or value outside the data's coverage */
#define ILRS_ENOTFOUND   -6  /* unknown body, frame or name */
#define ILRS_ENOCONV     -7  /* iteration did not converge */
#define ILRS_EUNSUPPORTED -8 /* valid input this version cannot handle */
#define ILRS_ELIMIT      -9  /* input exceeds a stated size limit */

#define ILRS_WDUBIOUS     1  /* result valid but its accuracy is doubtful
                                (e.g. UTC beyond the leap-second table) */

/* Error detail. Fill with ilrs_error_set; read msg for one line of text. */
typedef struct ilrs_error {
    int code;        /* the status that was returned */
    char msg[512];   /* what was wrong and where; "" when none */
} ilrs_error;

/*
 * ilrs_strerror -- fixed text for a status code ("invalid argument").
 * ilrs_err_name -- its symbol ("ILRS_EINVAL").
 * Both return static strings; unknown codes give "unknown status".
 */
const char *ilrs_strerror(int code);
const char *ilrs_err_name(int code);

/*
 * ilrs_error_set -- record code and a printf-style message in err (if not
 * NULL) and return code, so callers can write
 *     return ilrs_error_set(err, ILRS_EFORMAT, "%s: bad record %d", f, n);
 */
int ilrs_error_set(ilrs_error *err, int code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* ilrs_error_clear -- reset err (if not NULL) to code 0, empty message. */
void ilrs_error_clear(ilrs_error *err);

/*
 * ilrs_parallel_for -- run fn(ctx, begin, end) over [0, n) split into
 * contiguous chunks on nthreads threads (nthreads <= 0: all online cores;
 * the calling thread does one chunk). Small n runs on the calling thread.
 * Returns: ILRS_OK, or the first nonzero status any fn returned, or
 * ILRS_ENOMEM if threads cannot be started (the work is then done serially).
 */
typedef int (*ilrs_range_fn)(void *ctx, size_t begin, size_t end);
int ilrs_parallel_for(size_t n, int nthreads, ilrs_range_fn fn, void *ctx);

/* ilrs_ncpu -- number of online cores (>= 1). */
int ilrs_ncpu(void);

#ifdef __cplusplus
}
#endif
#endif
