#!/usr/bin/env python3
"""Writes the small .xlsx fixtures of tests/unit_fleet_xlsx.cpp beside this script, by hand: the
ZIP archive by Python's zipfile and the XML parts as text, so each case (date cells under two
number formats, shared and inline strings, booleans, cells skipped by their column letters, an
empty row, a second sheet) is exactly what the test says. Run it again after changing it; the
equivalent CSV files (fleet_cells.csv, fleet_cells_spares.csv) are kept by hand.

usage: make_xlsx_fixtures.py"""
import os
import zipfile
from datetime import date
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"


def serial(d):
    """Excel's 1900-system day number of a date (day 1 is 1900-01-01, with its false 1900-02-29)."""
    return (d - date(1899, 12, 30)).days


def letters(col):
    out = ""
    col += 1
    while col:
        col, rest = divmod(col - 1, 26)
        out = chr(ord("A") + rest) + out
    return out


class Strings:
    def __init__(self):
        self.items = []

    def index(self, text):
        if text not in self.items:
            self.items.append(text)
        return self.items.index(text)

    def xml(self):
        # One item as rich text in runs, with a phonetic run that must be left out.
        parts = []
        for s in self.items:
            if s == "Contoso Ltd":
                parts.append('<si><r><t>Contoso</t></r><r><rPr><b/></rPr><t xml:space="preserve"> Ltd</t></r>'
                             '<rPh sb="0" eb="1"><t>KONTOSO</t></rPh></si>')
            else:
                parts.append("<si><t>%s</t></si>" % escape(s))
        return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="%s" count="%d" '
                'uniqueCount="%d">%s</sst>' % (MAIN_NS, len(self.items), len(self.items), "".join(parts)))


# Cell styles: 0 general, 1 built-in date format 14 (m/d/yyyy), 2 a custom "dd.mm.yyyy".
STYLES = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="%s">'
          '<numFmts count="1"><numFmt numFmtId="164" formatCode="dd\\.mm\\.yyyy"/></numFmts>'
          '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
          '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
          '<borders count="1"><border/></borders>'
          '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
          '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
          '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
          '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
          '</styleSheet>' % MAIN_NS)


def cell(ref, value, strings):
    """One <c>: ('s', text) shared string, ('i', text) inline string, ('n', number), ('d', date,
    style), ('b', bool); a ref of None leaves the r attribute out (the next column is meant)."""
    kind = value[0]
    r = ' r="%s"' % ref if ref else ""
    if kind == "s":
        return '<c%s t="s"><v>%d</v></c>' % (r, strings.index(value[1]))
    if kind == "i":
        return '<c%s t="inlineStr"><is><t>%s</t></is></c>' % (r, escape(value[1]))
    if kind == "n":
        return "<c%s><v>%s</v></c>" % (r, value[1])
    if kind == "d":
        return '<c%s s="%d"><v>%d</v></c>' % (r, value[2], serial(value[1]))
    if kind == "b":
        return '<c%s t="b"><v>%d</v></c>' % (r, 1 if value[1] else 0)
    raise ValueError(kind)


def sheet_xml(rows, strings):
    """rows: (row number, [(column index or None, value), ...]); None: no r attribute."""
    out = []
    for number, cells in rows:
        body = "".join(cell(None if c is None else "%s%d" % (letters(c), number), v, strings) for c, v in cells)
        out.append('<row r="%d">%s</row>' % (number, body))
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="%s" xmlns:r="%s">'
            "<sheetData>%s</sheetData></worksheet>" % (MAIN_NS, REL_NS, "".join(out)))


def put(z, name, text):
    """A part with a fixed time stamp, so that running the script again gives the same bytes."""
    z.writestr(zipfile.ZipInfo(name, (2024, 1, 1, 0, 0, 0)), text, compress_type=zipfile.ZIP_DEFLATED)


def write_workbook(path, sheets, cut_sheet_at=None, edit_sheet=None):
    """sheets: [(name, rows)]; every part deflated, as Excel writes them. cut_sheet_at: the first
    sheet's XML ends after that many characters (a damaged file); edit_sheet: a function that
    changes the first sheet's XML."""
    strings = Strings()
    sheet_parts = [sheet_xml(rows, strings) for _, rows in sheets]
    if cut_sheet_at is not None:
        sheet_parts[0] = sheet_parts[0][:cut_sheet_at]
    if edit_sheet is not None:
        sheet_parts[0] = edit_sheet(sheet_parts[0])
    content_types = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                     '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                     '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                     '<Default Extension="xml" ContentType="application/xml"/>'
                     '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                     + "".join('<Override PartName="/xl/worksheets/sheet%d.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' % (i + 1) for i in range(len(sheets)))
                     + "</Types>")
    root_rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="%s">'
                 '<Relationship Id="rId1" Type="%sofficeDocument" Target="xl/workbook.xml"/></Relationships>'
                 % (PKG_REL_NS, DOC_REL))
    workbook = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="%s" xmlns:r="%s">'
                "<workbookPr/><sheets>%s</sheets></workbook>"
                % (MAIN_NS, REL_NS, "".join('<sheet name="%s" sheetId="%d" r:id="rId%d"/>' % (escape(n), i + 1, i + 1)
                                           for i, (n, _) in enumerate(sheets))))
    n = len(sheets)
    workbook_rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="%s">%s'
                     '<Relationship Id="rId%d" Type="%sstyles" Target="styles.xml"/>'
                     '<Relationship Id="rId%d" Type="%ssharedStrings" Target="sharedStrings.xml"/></Relationships>'
                     % (PKG_REL_NS,
                        "".join('<Relationship Id="rId%d" Type="%sworksheet" Target="worksheets/sheet%d.xml"/>'
                                % (i + 1, DOC_REL, i + 1) for i in range(n)),
                        n + 1, DOC_REL, n + 2, DOC_REL))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        put(z, "[Content_Types].xml", content_types)
        put(z, "_rels/.rels", root_rels)
        put(z, "xl/workbook.xml", workbook)
        put(z, "xl/_rels/workbook.xml.rels", workbook_rels)
        put(z, "xl/styles.xml", STYLES)
        put(z, "xl/sharedStrings.xml", strings.xml())
        for i, part in enumerate(sheet_parts):
            put(z, "xl/worksheets/sheet%d.xml" % (i + 1), part)


def main():
    S, I, N, D, B = "s", "i", "n", "d", "b"
    # The units of fleet_cells.csv. Columns: A serial, B mtm, C ship date (m/d/yyyy cells),
    # D purchase date (dd.mm.yyyy cells), E customer, F quantity, G covered (an extra column).
    units = [
        (1, [(0, (S, "Serial Number")), (1, (S, "Machine Type Model")), (2, (S, "Ship Date")),
             (3, (S, "Purchase Date")), (4, (S, "Customer")), (5, (S, "Qty")), (6, (S, "Covered"))]),
        (2, [(0, (S, "PF1XLS01")), (1, (S, "21HD")), (2, (D, date(2024, 5, 14), 1)),
             (3, (D, date(2024, 5, 20), 2)), (4, (S, "Contoso Ltd")), (5, (N, "2")), (6, (B, True))]),
        # Day and month both at most 12: a text file would have to ask; a date cell need not.
        (3, [(0, (I, "PF1XLS02")), (1, (I, "21HDCTO1WW")), (2, (D, date(2023, 3, 4), 1)),
             (4, (S, "Fabrikam")), (5, (N, "1")), (6, (B, False))]),  # no purchase date: D skipped
        (4, []),  # an empty row, as Excel leaves after deleting its cells
        # Cells without r attributes: each is the next column.
        (5, [(None, (S, "PF1XLS03")), (None, (S, "20XW")), (None, (D, date(2022, 12, 1), 1)),
             (None, (D, date(2022, 11, 30), 2)), (None, (I, "Northwind & Co")), (None, (N, "3"))]),
        (7, [(0, (S, "PF1XLS04")), (1, (S, "21HD")), (2, (D, date(2025, 1, 31), 1)),
             (4, (S, "Contoso Ltd")), (6, (B, True))]),  # row 6 absent, quantity left out
    ]
    # The second sheet: dates typed as text, day first (13.05.2024 shows the order).
    spares = [
        (1, [(0, (S, "serial")), (1, (S, "mtm")), (2, (S, "ship_date"))]),
        (2, [(0, (S, "SP-1")), (1, (S, "21HD")), (2, (S, "13.05.2024"))]),
        (3, [(0, (S, "SP-2")), (1, (S, "20XW")), (2, (S, "02.03.2024"))]),
    ]
    write_workbook(os.path.join(HERE, "fleet_cells.xlsx"), [("Installed base", units), ("Spares", spares)])
    # A sheet whose XML stops inside its third data row.
    units_rows = [(1, [(0, (I, "serial")), (1, (I, "mtm")), (2, (I, "ship_date"))])] + [
        (n, [(0, (I, "B%d" % n)), (1, (I, "21HD")), (2, (I, "2024-01-0%d" % n))]) for n in (2, 3, 4)]
    whole = sheet_xml(units_rows, Strings())
    write_workbook(os.path.join(HERE, "broken_sheet.xlsx"), [("Units", units_rows)],
                   cut_sheet_at=whole.index('<row r="4">') + len('<row r="4"><c r="A4" t="inlineStr"><is><t>B'))
    # Well-formed XML but a row inside row 3 (found by the fuzzer): rows would come out of order.
    nested = '<row r="1"><c r="A1" t="inlineStr"><is><t>X</t></is></c></row>'
    write_workbook(os.path.join(HERE, "nested_row.xlsx"), [("Units", units_rows)],
                   edit_sheet=lambda xml: xml.replace('</row><row r="4">', nested + '</row><row r="4">', 1))
    # A ZIP archive that is not a workbook (a word-processing file's first part).
    with zipfile.ZipFile(os.path.join(HERE, "not_a_workbook.xlsx"), "w", zipfile.ZIP_DEFLATED) as z:
        put(z, "word/document.xml", '<?xml version="1.0"?><document/>')


if __name__ == "__main__":
    main()
