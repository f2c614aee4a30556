/*
 * ilrs/report.h -- self-contained HTML pages and CSV tables for reports.
 *
 * Usage:
 *     ilrs_html *h;
 *     ilrs_html_open("out/index.html", "ILRS program plan", &h, &err);
 *     ilrs_html_heading(h, 2, "Missions");
 *     const char *head[] = {"Mission", "Launch", "C3 (km²/s²)"};
 *     ilrs_html_table_begin(h, head, 3);
 *     ilrs_html_table_row(h, cells, 3);
 *     ilrs_html_table_end(h);
 *     ilrs_html_image(h, "out/porkchop.png", "Porkchop", &err);
 *     st = ilrs_html_close(h, &err);   // writes the page, frees h
 *
 * Pages need no network: styles are inline and images are embedded as
 * data: URIs. Every text argument is plain text and is escaped. Files are
 * written to a temporary name and renamed into place on close.
 */
#ifndef ILRS_REPORT_H
#define ILRS_REPORT_H

#include <stddef.h>
#include <stdio.h>

#include "ilrs/core.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ilrs_html ilrs_html;

/* ilrs_html_open -- start a page titled `title`. Returns ILRS_OK,
   ILRS_EIO or ILRS_ENOMEM. The caller ends it with ilrs_html_close or
   ilrs_html_discard. */
int ilrs_html_open(const char *path, const char *title, ilrs_html **out,
                   ilrs_error *err);
/* ilrs_html_close -- finish and write the page; frees h (NULL: OK).
   Returns ILRS_OK or ILRS_EIO (nothing is left at the path then). */
int ilrs_html_close(ilrs_html *h, ilrs_error *err);
void ilrs_html_discard(ilrs_html *h);

/* Headings (level 1..4), paragraphs, and notes in a highlighted box
   (warning = 1 for a warning, 0 for information). */
void ilrs_html_heading(ilrs_html *h, int level, const char *text);
void ilrs_html_para(ilrs_html *h, const char *text);
void ilrs_html_note(ilrs_html *h, int warning, const char *text);

/* Tables: a header row, then rows of n cells each. */
void ilrs_html_table_begin(ilrs_html *h, const char *const *headers,
                           size_t n);
void ilrs_html_table_row(ilrs_html *h, const char *const *cells, size_t n);
void ilrs_html_table_end(ilrs_html *h);

/* ilrs_html_image -- embed a PNG or SVG file (read now) as a figure with a
   caption. Returns ILRS_OK; ILRS_EIO if it cannot be read; ILRS_ELIMIT
   beyond 32 MiB; ILRS_EINVAL for another type. */
int ilrs_html_image(ilrs_html *h, const char *path, const char *caption,
                    ilrs_error *err);

/* ilrs_csv_write_field -- one CSV field (RFC 4180): quoted when it holds a
   comma, quote, CR or LF, with quotes doubled. NULL writes an empty field. */
void ilrs_csv_write_field(FILE *f, const char *text);
/* ilrs_csv_write_row -- n fields separated by commas, ended by CRLF as
   RFC 4180 specifies. */
void ilrs_csv_write_row(FILE *f, const char *const *fields, size_t n);

#ifdef __cplusplus
}
#endif
#endif
