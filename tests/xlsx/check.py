#!/usr/bin/env python3
"""Checks the workbooks of --format xlsx by reading their XML.

usage: python3 tests/xlsx/check.py BIN

Writes the sample report (data/) and the hostile-name sample as xlsx and,
against the CSV format of the same run, checks: the sheets and their order,
every cell's type (text a string, numbers numbers, never a formula), the
number formats (percent for load), the status colour rules, the frozen and
filtered header row, column widths, and the chart part with its 100 % line.
The workbook in Swedish and Danish: its sheets, headers, statuses and
their colour rules.  With LibreOffice installed, the workbook is also
converted to CSV by it.
"""
import csv
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
import xml.etree.ElementTree as ET

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL " + msg)


def run(args, ok=(0,)):
    p = subprocess.run(args, capture_output=True)
    if p.returncode not in ok:
        fail("%s exited %d: %s" % (" ".join(args), p.returncode,
                                   p.stderr.decode()))
    return p.stdout.decode()


class Book:
    def __init__(self, path):
        self.zip = zipfile.ZipFile(path)
        self.names = self.zip.namelist()
        self.strings = [
            "".join(t.text or "" for t in si.iter("{%s}t" % NS["m"]))
            for si in self.xml("xl/sharedStrings.xml").findall("m:si", NS)]
        styles = self.xml("xl/styles.xml")
        fmts = {int(f.get("numFmtId")): f.get("formatCode")
                for f in styles.iter("{%s}numFmt" % NS["m"])}
        fmts.update({0: "General", 1: "0", 10: "0.00%", 49: "@"})
        self.xf = [fmts.get(int(x.get("numFmtId", 0)), "?") for x in
                   styles.find("m:cellXfs", NS).findall("m:xf", NS)]
        wb = self.xml("xl/workbook.xml")
        self.sheets = [s.get("name") for s in wb.iter("{%s}sheet" % NS["m"])]

    def xml(self, name):
        return ET.fromstring(self.zip.read(name))

    def raw(self, name):
        return self.zip.read(name).decode()

    def rows(self, n):
        """Sheet n (1-based) as rows of (type, value, number format)."""
        out = []
        for row in self.xml("xl/worksheets/sheet%d.xml" % n).iter(
                "{%s}row" % NS["m"]):
            cells = []
            for c in row.findall("m:c", NS):
                col = re.match(r"[A-Z]+", c.get("r")).group(0)
                idx = 0
                for ch in col:
                    idx = idx * 26 + ord(ch) - 64
                while len(cells) < idx - 1:
                    cells.append(("empty", None, None))
                v = c.find("m:v", NS)
                kind = c.get("t", "n")
                if c.find("m:f", NS) is not None:
                    kind = "formula"
                value = None if v is None else v.text
                if kind == "s":
                    value = self.strings[int(value)]
                cells.append((kind, value, self.xf[int(c.get("s", 0))]))
            out.append(cells)
        return out


def num(text):
    return float(text) if text != "" else None


def check_sample(bin_, tmp, root):
    xlsx = os.path.join(tmp, "sample.xlsx")
    args = ["--roster", os.path.join(root, "data/roster.csv"),
            os.path.join(root, "data/cases.csv")]
    run([bin_, "-f", "xlsx", "-o", xlsx] + args)
    table = list(csv.DictReader(io.StringIO(run([bin_, "-f", "csv"] + args))))
    teams = list(csv.DictReader(io.StringIO(
        run([bin_, "-f", "csv", "--by", "team"] + args))))
    b = Book(xlsx)
    if b.sheets != ["Workers", "Teams", "Diagnostics", "About",
                    "Load per worker", "Load per team"]:
        fail("sample: sheets are %s" % b.sheets)
    rows = b.rows(1)
    header = [v for _, v, _ in rows[0]]
    if header != ["Worker", "Team", "FTE", "Cases", "Max (Cases)", "Points",
                  "Max (Points)", "Load", "Status"]:
        fail("sample: Workers header is %s" % header)
    if len(rows) - 1 != len(table):
        fail("sample: %d worker rows, the CSV has %d" % (len(rows) - 1,
                                                           len(table)))
    for cells, want in zip(rows[1:], table):
        kinds = [k for k, _, _ in cells]
        if kinds != ["s", "s"] + ["n"] * 6 + ["s"]:
            fail("sample: %s: cell types %s" % (want["worker"], kinds))
            continue
        got = {"worker": cells[0][1], "team": cells[1][1],
               "fte": float(cells[2][1]), "cases": float(cells[3][1]),
               "cases_target": float(cells[4][1]),
               "points": float(cells[5][1]),
               "points_target": float(cells[6][1]),
               "load": float(cells[7][1]), "status": cells[8][1]}
        for key in ("worker", "team", "status"):
            if got[key] != want[key]:
                fail("sample: %s is %r, CSV %r" % (key, got[key], want[key]))
        for key in ("fte", "cases", "cases_target", "points",
                    "points_target"):
            if abs(got[key] - num(want[key])) > 1e-9:
                fail("sample: %s %s is %s, CSV %s" % (want["worker"], key,
                                                      got[key], want[key]))
        if abs(got["load"] * 100 - num(want["load_pct"])) > 1e-9:
            fail("sample: %s load %s is not %s %%" % (want["worker"],
                                                      got["load"],
                                                      want["load_pct"]))
        formats = [f for _, _, f in cells]
        if formats[7] != "0.00%":
            fail("sample: load is not a percent: %s" % formats)
        if formats[3] != "0" or formats[0] != "@":
            fail("sample: cases/worker formats are %s" % formats)
    trows = b.rows(2)
    if len(trows) - 1 != len(teams):
        fail("sample: %d team rows, the CSV has %d" % (len(trows) - 1,
                                                        len(teams)))
    for cells, want in zip(trows[1:], teams):
        if cells[0][1] != want["team"] or float(cells[4][1]) != num(
                want["points"]):
            fail("sample: team row %s is not %s" % (cells[:5], want))
    sheet = b.raw("xl/worksheets/sheet1.xml")
    last = len(table) + 1
    for needle, what in (
            ('<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" '
             'state="frozen"/>', "a frozen header row"),
            ('<autoFilter ref="A1:I%d"/>' % last, "a filter on the header"),
            ('<conditionalFormatting sqref="I2:I%d">' % last,
             "status colours by rule"),
            ("<formula>\"over\"</formula>", "a rule for over"),
            ("<formula>\"under\"</formula>", "a rule for under"),
            ('text="over ("', "a rule for over with a note"),
            ('customWidth="1"', "fitted column widths")):
        if needle not in sheet:
            fail("sample: Workers has no %s" % what)
    for n in (1, 2, 3, 4):
        if "<f>" in b.raw("xl/worksheets/sheet%d.xml" % n):
            fail("sample: sheet %d holds a formula" % n)
    if "xl/chartsheets/sheet2.xml" not in b.names:
        fail("sample: no chart sheets for workers and teams")
    chart = b.raw("xl/charts/chart1.xml")
    for needle, what in (
            ('<c:barDir val="bar"/>', "horizontal bars"),
            ("<c:f>Workers!$A$2:$A$%d</c:f>" % last, "worker names"),
            ("<c:f>Workers!$H$2:$H$%d</c:f>" % last, "load values"),
            ("<c:majorUnit val=\"1\"/>", "a major unit of 100 %"),
            ("<c:majorGridlines>", "the 100 % line"),
            ('<c:dPt>', "bars coloured by status")):
        if needle not in chart:
            fail("sample: the chart has no %s" % what)
    return xlsx


def check_hostile(bin_, tmp, root):
    xlsx = os.path.join(tmp, "hostile.xlsx")
    run([bin_, "-f", "xlsx", "-o", xlsx,
         os.path.join(root, "tests/samples/hostile.csv")], ok=(65,))
    b = Book(xlsx)
    names = {cells[0][1]: cells[0][0] for cells in b.rows(1)[1:]}
    for name in ("<script>document.title='pwned'</script>",
                 '=HYPERLINK("http://example.invalid","click")',
                 "@SUM(1+1)"):
        if names.get(name) != "s":
            fail("hostile: %r is not a string cell: %s" % (name, names))
    for n in (1, 2, 3, 4):
        if "<f>" in b.raw("xl/worksheets/sheet%d.xml" % n):
            fail("hostile: sheet %d holds a formula" % n)
    diags = b.rows(3)
    if len(diags) != 2 or diags[1][1] != ("n", "7", "0") or \
            diags[1][3][1] != 'points "abc<script>" is not a number':
        fail("hostile: Diagnostics is %s" % diags)


def check_languages(bin_, tmp, root):
    """The workbook in Swedish and Danish: sheets, headers, the levels of
    the diagnostics, the statuses and their colour rules, the charts."""
    cases = os.path.join(tmp, "lang.csv")
    with open(cases, "w") as f:
        f.write("case_id,worker,points\nA1,Anne,100\nA2,Anne,30\n"
                "A3,Bo,abc\nA4,Bo,50\nA4,Bo,50\n")
    want = {
        "sv": (["Handläggare", "Meddelanden", "Om",
                "Belastning per handläggare"],
               ["Fil", "Rad", "Nivå", "Meddelande"], "varning", "över",
               "Belastning (fet linje: 100 %)"),
        "da": (["Sagsbehandlere", "Meddelelser", "Om",
                "Belastning pr. sagsbehandler"],
               ["Fil", "Linje", "Niveau", "Meddelelse"], "advarsel", "over",
               "Belastning (fed linje: 100 %)"),
    }
    for lang, (sheets, diag_header, warning, over, axis) in want.items():
        xlsx = os.path.join(tmp, "lang-%s.xlsx" % lang)
        run([bin_, "--lang", lang, "-f", "xlsx", "-o", xlsx, cases],
            ok=(65,))
        b = Book(xlsx)
        if b.sheets != sheets:
            fail("%s: sheets are %s, not %s" % (lang, b.sheets, sheets))
        workers = b.rows(1)
        statuses = [cells[-1][1] for cells in workers[1:]]
        if over not in statuses:
            fail("%s: no status %r in %s" % (lang, over, statuses))
        if "<formula>\"%s\"</formula>" % over not in b.raw(
                "xl/worksheets/sheet1.xml"):
            fail("%s: no colour rule for %r" % (lang, over))
        diags = b.rows(2)
        if [v for _, v, _ in diags[0]] != diag_header:
            fail("%s: Diagnostics header is %s" % (lang, diags[0]))
        if warning not in [cells[2][1] for cells in diags[1:]]:
            fail("%s: no level %r in %s" % (lang, warning, diags[1:]))
        charts = [n for n in b.names if n.startswith("xl/charts/chart")]
        if not charts or axis not in b.raw(charts[0]):
            fail("%s: the chart's axis is not %r" % (lang, axis))


def check_reproducible(bin_, tmp, root):
    """With SOURCE_DATE_EPOCH the workbook says it was made then, so two
    runs a second apart write the same bytes."""
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")
    paths = []
    for k in range(2):
        path = os.path.join(tmp, "same%d.xlsx" % k)
        subprocess.run([bin_, "-q", "-f", "xlsx", "-o", path,
                        os.path.join(root, "data", "cases.csv")],
                       env=env, check=True)
        paths.append(path)
        if k == 0:
            time.sleep(1.1)
    core = zipfile.ZipFile(paths[0]).read("docProps/core.xml").decode()
    if "2023-11-14T22:13:20Z" not in core:
        fail("SOURCE_DATE_EPOCH not the workbook's created time: " + core)
    with open(paths[0], "rb") as a, open(paths[1], "rb") as b:
        if a.read() != b.read():
            fail("two runs with SOURCE_DATE_EPOCH wrote different workbooks")


def check_libreoffice(xlsx, tmp):
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        print("xlsx-test: LibreOffice not installed, XML checks only")
        return
    # the CSV filter's options: ',' (44), '"' (34), UTF-8 (76); without
    # them LibreOffice writes the system's 8-bit character set
    subprocess.run([office, "--headless", "--convert-to",
                    "csv:Text - txt - csv (StarCalc):44,34,76",
                    "--outdir", tmp, xlsx], capture_output=True, timeout=300)
    out = os.path.join(tmp, "sample.csv")
    if not os.path.exists(out):
        fail("LibreOffice could not convert the workbook")
        return
    with open(out, encoding="utf-8") as f:
        rows = list(csv.reader(f))
    if rows[0][0] != "Worker" or rows[1][7] not in ("109.58%", "109,58%"):
        fail("LibreOffice reads %s" % rows[:2])


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: python3 tests/xlsx/check.py BIN")
    bin_ = os.path.abspath(sys.argv[1])
    root = os.path.dirname(os.path.dirname(os.path.dirname(
        os.path.abspath(__file__))))
    with tempfile.TemporaryDirectory(prefix="caseload-xlsx.") as tmp:
        xlsx = check_sample(bin_, tmp, root)
        check_hostile(bin_, tmp, root)
        check_languages(bin_, tmp, root)
        check_reproducible(bin_, tmp, root)
        check_libreoffice(xlsx, tmp)
    if failures:
        sys.exit("xlsx-test: %d failed" % len(failures))
    print("xlsx-test: sample, hostile and Swedish and Danish workbooks passed")


main()
