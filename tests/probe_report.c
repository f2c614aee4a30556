/* probe_report.c -- writes an HTML page and a CSV file for
   tests/peer/test_report.py.
   usage: probe_report OUT.html OUT.csv IMAGE.png|-   */
#include <stdio.h>
#include <string.h>

#include "ilrs/report.h"

int main(int argc, char **argv)
{
    if (argc != 4)
        return 2;
    ilrs_html *h;
    ilrs_error err;
    if (ilrs_html_open(argv[1], "Plan <test> & \"quotes\"", &h, &err)) {
        fprintf(stderr, "probe_report: %s\n", err.msg);
        return 1;
    }
    const char *head[3] = {"Mission", "Launch", "C3 (km\xc2\xb2/s\xc2\xb2)"};
    const char *row1[3] = {"Chang'e-7", "2026-08-01", "-1.9"};
    const char *row2[3] = {"<script>alert(1)</script>", "a & b", "x\"y"};
    ilrs_html_heading(h, 2, "Missions");
    ilrs_html_table_begin(h, head, 3);
    ilrs_html_table_row(h, row1, 3);
    ilrs_html_table_row(h, row2, 3);
    ilrs_html_table_end(h);
    ilrs_html_note(h, 1, "budget exceeded on <CE-8>");
    int st = 0;
    if (strcmp(argv[3], "-") != 0)
        st = ilrs_html_image(h, argv[3], "a plot", &err);
    if (st) {
        fprintf(stderr, "probe_report: %s\n", err.msg);
        ilrs_html_discard(h);
        return 1;
    }
    if (ilrs_html_close(h, &err)) {
        fprintf(stderr, "probe_report: %s\n", err.msg);
        return 1;
    }
    FILE *f = fopen(argv[2], "w");
    if (!f)
        return 1;
    ilrs_csv_write_row(f, head, 3);
    ilrs_csv_write_row(f, row1, 3);
    ilrs_csv_write_row(f, row2, 3);
    const char *row3[3] = {"line\nbreak", "comma, inside", NULL};
    ilrs_csv_write_row(f, row3, 3);
    return fclose(f) ? 1 : 0;
}
