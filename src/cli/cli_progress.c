/* cli_progress.c -- a progress bar on stderr for long steps, drawn only
   when stderr is a terminal. */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

void cli_progress_start(cli_progress *p, double total, int quiet)
{
    memset(p, 0, sizeof *p);
    p->on = !quiet && isatty(fileno(stderr));
    p->total = total > 0 ? total : 1;
    p->t0 = now_s();
}

static void draw(cli_progress *p)
{
    if (!p->on)
        return;
    double f = p->done / p->total;
    if (f > 1)
        f = 1;
    int width = 30, fill = (int)(f * width + 0.5);
    char bar[32];
    for (int i = 0; i < width; i++)
        bar[i] = i < fill ? '#' : '.';
    bar[width] = '\0';
    fprintf(stderr, "\r\033[K[%s] %3.0f%% %5.1fs  %.60s", bar, 100 * f,
            now_s() - p->t0, p->what);
    fflush(stderr);
}

void cli_progress_label(cli_progress *p, const char *what)
{
    snprintf(p->what, sizeof p->what, "%s", what);
    draw(p);
}

void cli_progress_add(cli_progress *p, double n)
{
    p->done += n;
    draw(p);
}

double cli_progress_end(cli_progress *p)
{
    if (p->on) {
        fprintf(stderr, "\r\033[K");
        fflush(stderr);
    }
    return now_s() - p->t0;
}
