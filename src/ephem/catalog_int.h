/* catalog_int.h -- the bundled catalog's table (private). */
#ifndef ILRS_EPHEM_CATALOG_INT_H
#define ILRS_EPHEM_CATALOG_INT_H

#include <stddef.h>

#include "ilrs/catalog.h"

extern const ilrs_catalog_entry ilrs__catalog[];
extern const size_t ilrs__catalog_n;

#endif
