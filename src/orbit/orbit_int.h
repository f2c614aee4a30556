/* orbit_int.h -- internals shared by the orbit module's files. */
#ifndef ILRS_ORBIT_INT_H
#define ILRS_ORBIT_INT_H

/* ilrs__gsl_errors_off -- turn GSL's default error handler (which aborts)
   off, once per process (pthread_once): GSL's solvers then return their
   status codes, which the callers turn into ILRS_ statuses. */
void ilrs__gsl_errors_off(void);

#endif
