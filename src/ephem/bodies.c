/* bodies.c -- NAIF ids and names of the bodies the tool knows by name. */
#include "ephem/ephem_int.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* NAIF integer ids (NAIF "Integer ID codes" required reading). The first
   name of each id is its canonical name. */
static const struct {
    int id;
    const char *name;
} body_names[] = {
    {0, "SOLAR SYSTEM BARYCENTER"}, {0, "SSB"},
    {1, "MERCURY BARYCENTER"},      {2, "VENUS BARYCENTER"},
    {3, "EARTH-MOON BARYCENTER"},   {3, "EARTH BARYCENTER"},
    {3, "EMB"},                     {4, "MARS BARYCENTER"},
    {5, "JUPITER BARYCENTER"},      {6, "SATURN BARYCENTER"},
    {7, "URANUS BARYCENTER"},       {8, "NEPTUNE BARYCENTER"},
    {9, "PLUTO BARYCENTER"},        {10, "SUN"},
    {199, "MERCURY"},               {299, "VENUS"},
    {399, "EARTH"},                 {301, "MOON"},
    {499, "MARS"},                  {401, "PHOBOS"},
    {402, "DEIMOS"},                {599, "JUPITER"},
    {699, "SATURN"},                {799, "URANUS"},
    {899, "NEPTUNE"},               {999, "PLUTO"},
};

/* Case-insensitive equality that treats '_' and ' ' alike. */
static int name_eq(const char *a, const char *b)
{
    for (; *a && *b; a++, b++) {
        int ca = toupper((unsigned char)(*a == '_' ? ' ' : *a));
        int cb = toupper((unsigned char)(*b == '_' ? ' ' : *b));
        if (ca != cb)
            return 0;
    }
    return *a == *b;
}

int ilrs__body_builtin_id(const char *name, int *id)
{
    for (size_t i = 0; i < sizeof body_names / sizeof body_names[0]; i++)
        if (name_eq(name, body_names[i].name)) {
            *id = body_names[i].id;
            return ILRS_OK;
        }
    /* A NAIF id written as an integer. */
    char *end;
    errno = 0;
    long v = strtol(name, &end, 10);
    if (end != name && *end == '\0' && errno == 0 && v >= -2147483647L &&
        v <= 2147483647L) {
        *id = (int)v;
        return ILRS_OK;
    }
    return ILRS_ENOTFOUND;
}

const char *ilrs__body_builtin_name(int id)
{
    for (size_t i = 0; i < sizeof body_names / sizeof body_names[0]; i++)
        if (body_names[i].id == id)
            return body_names[i].name;
    return NULL;
}
