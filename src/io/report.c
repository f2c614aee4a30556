/* report.c -- self-contained HTML pages and RFC 4180 CSV. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ilrs/report.h"
#include "io/io_int.h"

#define MAX_IMAGE_BYTES (32u << 20)

struct ilrs_html {
    FILE *f;
    char *path, *tmp;
    int failed;
};

static void put_escaped(FILE *f, const char *s)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '&': fputs("&amp;", f); break;
        case '"': fputs("&quot;", f); break;
        default: fputc(*s, f);
        }
    }
}

static const char *style_sheet =
    "body{font-family:sans-serif;max-width:1100px;margin:2em auto;"
    "padding:0 1em;color:#222}"
    "table{border-collapse:collapse;margin:1em 0;font-size:0.92em}"
    "th,td{border:1px solid #bbb;padding:0.3em 0.6em;text-align:left}"
    "th{background:#eef2f7}tr:nth-child(even) td{background:#fafafa}"
    "figure{margin:1em 0}figure img{max-width:100%;border:1px solid #ddd}"
    "figcaption{color:#555;font-size:0.9em}"
    ".note{border-left:4px solid #4a7fb5;background:#eef4fb;padding:0.5em 1em}"
    ".warn{border-left:4px solid #c47f00;background:#fff6e0;padding:0.5em 1em}";

int ilrs_html_open(const char *path, const char *title, ilrs_html **out,
                   ilrs_error *err)
{
    *out = NULL;
    ilrs_html *h = calloc(1, sizeof *h);
    if (!h || !(h->path = strdup(path ? path : ""))) {
        free(h);
        return ilrs_error_set(err, ILRS_ENOMEM, "out of memory");
    }
    int st = ilrs__tmp_create(path, &h->tmp, err);
    if (st < 0 || !(h->f = fopen(h->tmp, "w"))) {
        if (st >= 0)
            st = ilrs_error_set(err, ILRS_EIO, "%s: cannot write", path);
        ilrs_html_discard(h);
        return st;
    }
    fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
          "<meta name=\"viewport\" content=\"width=device-width\"><title>",
          h->f);
    put_escaped(h->f, title);
    fprintf(h->f, "</title><style>%s</style></head>\n<body>\n<h1>",
            style_sheet);
    put_escaped(h->f, title);
    fputs("</h1>\n", h->f);
    *out = h;
    return ILRS_OK;
}

void ilrs_html_discard(ilrs_html *h)
{
    if (!h)
        return;
    if (h->f)
        fclose(h->f);
    if (h->tmp)
        remove(h->tmp);
    free(h->tmp);
    free(h->path);
    free(h);
}

int ilrs_html_close(ilrs_html *h, ilrs_error *err)
{
    if (!h)
        return ILRS_OK;
    fputs("</body></html>\n", h->f);
    int bad = h->failed || ferror(h->f);
    bad |= fclose(h->f) != 0;
    h->f = NULL;
    int st;
    if (bad) {
        remove(h->tmp);
        st = ilrs_error_set(err, ILRS_EIO, "%s: cannot write", h->path);
    } else {
        st = ilrs__tmp_commit(h->tmp, h->path, err);
    }
    free(h->tmp);
    h->tmp = NULL;
    ilrs_html_discard(h);
    return st;
}

void ilrs_html_heading(ilrs_html *h, int level, const char *text)
{
    if (level < 1 || level > 4)
        level = 2;
    fprintf(h->f, "<h%d>", level);
    put_escaped(h->f, text);
    fprintf(h->f, "</h%d>\n", level);
}

void ilrs_html_para(ilrs_html *h, const char *text)
{
    fputs("<p>", h->f);
    put_escaped(h->f, text);
    fputs("</p>\n", h->f);
}

void ilrs_html_note(ilrs_html *h, int warning, const char *text)
{
    fprintf(h->f, "<p class=\"%s\">", warning ? "warn" : "note");
    put_escaped(h->f, text);
    fputs("</p>\n", h->f);
}

void ilrs_html_table_begin(ilrs_html *h, const char *const *headers,
                           size_t n)
{
    fputs("<table><thead><tr>", h->f);
    for (size_t i = 0; i < n; i++) {
        fputs("<th>", h->f);
        put_escaped(h->f, headers[i]);
        fputs("</th>", h->f);
    }
    fputs("</tr></thead><tbody>\n", h->f);
}

void ilrs_html_table_row(ilrs_html *h, const char *const *cells, size_t n)
{
    fputs("<tr>", h->f);
    for (size_t i = 0; i < n; i++) {
        fputs("<td>", h->f);
        put_escaped(h->f, cells[i]);
        fputs("</td>", h->f);
    }
    fputs("</tr>\n", h->f);
}

void ilrs_html_table_end(ilrs_html *h)
{
    fputs("</tbody></table>\n", h->f);
}

static void put_base64(FILE *f, const unsigned char *d, size_t n)
{
    static const char b64[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (size_t i = 0; i < n; i += 3) {
        uint32_t v = (uint32_t)d[i] << 16;
        if (i + 1 < n)
            v |= (uint32_t)d[i + 1] << 8;
        if (i + 2 < n)
            v |= d[i + 2];
        fputc(b64[v >> 18 & 63], f);
        fputc(b64[v >> 12 & 63], f);
        fputc(i + 1 < n ? b64[v >> 6 & 63] : '=', f);
        fputc(i + 2 < n ? b64[v & 63] : '=', f);
    }
}

static int read_all(const char *path, unsigned char **data, size_t *n,
                    ilrs_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return ilrs_error_set(err, ILRS_EIO, "%s: cannot read", path);
    size_t cap = 1 << 16, len = 0;
    unsigned char *buf = malloc(cap);
    size_t got;
    while (buf && (got = fread(buf + len, 1, cap - len, f)) > 0) {
        len += got;
        if (len == cap) {
            if (cap >= MAX_IMAGE_BYTES) {
                free(buf);
                fclose(f);
                return ilrs_error_set(err, ILRS_ELIMIT,
                                      "%s: image larger than 32 MiB", path);
            }
            unsigned char *nb = realloc(buf, cap * 2);
            if (!nb)
                free(buf);
            buf = nb;
            cap *= 2;
        }
    }
    int bad = ferror(f);
    fclose(f);
    if (!buf)
        return ilrs_error_set(err, ILRS_ENOMEM, "out of memory");
    if (bad) {
        free(buf);
        return ilrs_error_set(err, ILRS_EIO, "%s: cannot read", path);
    }
    *data = buf;
    *n = len;
    return ILRS_OK;
}

int ilrs_html_image(ilrs_html *h, const char *path, const char *caption,
                    ilrs_error *err)
{
    const char *dot = path ? strrchr(path, '.') : NULL;
    const char *mime = !dot ? NULL
                     : strcasecmp(dot, ".png") == 0 ? "image/png"
                     : strcasecmp(dot, ".svg") == 0 ? "image/svg+xml" : NULL;
    if (!mime)
        return ilrs_error_set(err, ILRS_EINVAL,
                              "%s: only PNG and SVG images are embedded",
                              path ? path : "(null)");
    unsigned char *data = NULL;
    size_t n = 0;
    int st = read_all(path, &data, &n, err);
    if (st < 0)
        return st;
    fprintf(h->f, "<figure><img alt=\"");
    put_escaped(h->f, caption);
    fprintf(h->f, "\" src=\"data:%s;base64,", mime);
    put_base64(h->f, data, n);
    fputs("\"><figcaption>", h->f);
    put_escaped(h->f, caption);
    fputs("</figcaption></figure>\n", h->f);
    free(data);
    return ILRS_OK;
}

void ilrs_csv_write_field(FILE *f, const char *text)
{
    if (!text)
        return;
    if (!strpbrk(text, ",\"\r\n")) {
        fputs(text, f);
        return;
    }
    fputc('"', f);
    for (const char *s = text; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

void ilrs_csv_write_row(FILE *f, const char *const *fields, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (i)
            fputc(',', f);
        ilrs_csv_write_field(f, fields[i]);
    }
    fputs("\r\n", f);
}
