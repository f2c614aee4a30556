/* main.c -- the ilrs command: dispatch to subcommands. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const struct {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} commands[] = {
    {"ephem", cmd_ephem, "where the Sun, Moon, planets and small bodies are"},
    {"time", cmd_time, "convert an epoch between UTC, TAI, TT and TDB"},
    {"site", cmd_site, "Sun, Earth and relay visibility at a lunar site"},
    {"illum", cmd_illum, "illumination and Earth-visibility maps over a DEM"},
    {"porkchop", cmd_porkchop,
     "departure x arrival grids of C3, v-infinity and dv (Lambert)"},
    {"window", cmd_window,
     "launch window and optimum transfer for a departure period"},
    {"lambert", cmd_lambert, "transfer arcs between two positions in a "
                             "given time"},
    {"lunar-transfer", cmd_lunar_transfer,
     "Earth-Moon transfers from a launch site, day by day"},
    {"cr3bp", cmd_cr3bp,
     "Earth-Moon three-body orbits: Lyapunov, halo, NRHO, DRO"},
    {"program", cmd_program, "the ILRS program: registry, budgets, payload "
                             "allocation"},
};

static void usage(FILE *f)
{
    fprintf(f, "usage: ilrs COMMAND [OPTIONS]   (ilrs COMMAND --help for "
               "each)\n\nILRS Planner: mission planning for the International "
               "Lunar Research Station\nand the Chang'e and Tianwen "
               "missions.\n\ncommands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(f, "  %-14s %s\n", commands[i].name, commands[i].summary);
    fprintf(f, "\nenvironment:\n  ILRS_EPHEMERIS  default ephemeris "
               "(analytic, de405, or SPK file paths joined by ',')\n"
               "  ILRS_REGISTRY   default program registry (else "
               "./ilrs-registry.db)\n");
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return CLI_EXIT_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0) {
        usage(stdout);
        return 0;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("ilrs 0.1.0\n");
        return 0;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(argv[1], commands[i].name) == 0)
            return commands[i].run(argc - 2, argv + 2);
    fprintf(stderr, "ilrs: unknown command '%s' (see 'ilrs --help')\n",
            argv[1]);
    return CLI_EXIT_USAGE;
}
