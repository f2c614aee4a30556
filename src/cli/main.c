/* main.c -- the ilrs command: dispatch to subcommands. */
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "--help") == 0) {
        printf("usage: ilrs COMMAND [OPTIONS]\n");
        return argc < 2 ? 2 : 0;
    }
    fprintf(stderr, "ilrs: unknown command '%s'\n", argv[1]);
    return 2;
}
