"""HTML pages and CSV tables read back by independent parsers: Python's
html.parser (structure, escaping, embedded image bytes) and csv module
(RFC 4180 quoting)."""
import base64
import csv
import os
import subprocess
import sys
import tempfile
from html.parser import HTMLParser

sys.path.insert(0, os.path.dirname(__file__))
import ilrs_check as chk  # noqa: E402

PROBE = os.path.join(os.environ["ILRS_BUILD"], "tests", "probe_report")


class Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.cells, self.imgs, self.title = [], [], [], ""
        self._stack, self._cell = [], None

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self._stack.append(tag)
        if tag in ("td", "th"):
            self._cell = ""
        if tag == "img":
            self.imgs.append(dict(attrs))

    def handle_endtag(self, tag):
        if self._stack and self._stack[-1] == tag:
            self._stack.pop()
        if tag in ("td", "th"):
            self.cells.append(self._cell)
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell += data
        if self._stack and self._stack[-1] == "title":
            self.title += data


def main():
    # A real PNG: 1x1, made by Pillow (python3-pil), independent of cairo.
    from PIL import Image
    with tempfile.TemporaryDirectory() as d:
        png = os.path.join(d, "p.png")
        Image.new("RGB", (3, 2), (10, 200, 30)).save(png)
        html, csvf = os.path.join(d, "a.html"), os.path.join(d, "a.csv")
        subprocess.run([PROBE, html, csvf, png], check=True)
        p = Page()
        p.feed(open(html, encoding="utf-8").read())
        chk.check_eq("title unescaped by the parser", p.title,
                     'Plan <test> & "quotes"', "html.parser")
        chk.check_true("no script element from cell text",
                       "script" not in p.tags, "escaping")
        chk.check_eq("table cells round trip", p.cells[3:9],
                     ["Chang'e-7", "2026-08-01", "-1.9",
                      "<script>alert(1)</script>", "a & b", 'x"y'],
                     "html.parser")
        src = p.imgs[0]["src"]
        head, data = src.split(",", 1)
        chk.check_eq("image data URI type", head, "data:image/png;base64",
                     "RFC 2397")
        chk.check_true("embedded image bytes equal the file",
                       base64.b64decode(data) == open(png, "rb").read(),
                       "base64 (RFC 4648) via Python")
        rows = list(csv.reader(open(csvf, newline="", encoding="utf-8")))
        chk.check_eq("csv rows", len(rows), 4, "csv module")
        chk.check_eq("csv quoting", rows[2], ["<script>alert(1)</script>",
                                              "a & b", 'x"y'], "RFC 4180")
        chk.check_eq("csv embedded newline and comma", rows[3],
                     ["line\nbreak", "comma, inside", ""], "RFC 4180")
        chk.check_true("csv lines end in CRLF",
                       open(csvf, "rb").read().endswith(b"\r\n"), "RFC 4180")
        bad = os.path.join(d, "b.html")
        r = subprocess.run([PROBE, bad, csvf, os.path.join(d, "none.png")],
                           capture_output=True, text=True)
        chk.check_true("missing image: error names the file",
                       r.returncode == 1 and "none.png" in r.stderr,
                       "error detail")
        chk.check_true("missing image: no page left", not os.path.exists(bad)
                       and not [f for f in os.listdir(d) if ".tmp" in f],
                       "atomic write")
    chk.done()


if __name__ == "__main__":
    main()
