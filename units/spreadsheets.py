"""Limits on an uploaded spreadsheet, checked BEFORE a reader (python-calamine) opens it.

A 1.6 KB .xlsx holding only cells A1 and XFD150000 makes calamine allocate the whole rectangle
(about 78 GB) and the process dies: a gunicorn worker aborts in the request, the task worker dies in
a job and dies again at "Chạy lại". So every reader of an uploaded workbook calls `guard()` first:

- the zip itself: at most SPREADSHEET_MAX_ZIP_MEMBERS members, at most
  SPREADSHEET_MAX_UNCOMPRESSED_BYTES once unpacked, and no member (above 1 MB) that unpacks more than
  SPREADSHEET_MAX_COMPRESSION_RATIO times its packed size (a zip bomb). Read from the zip's
  directory only, so a bomb costs nothing to refuse;
- every XML part: no DOCTYPE and no ENTITY (the "billion laughs" expansion), refused by a streaming
  expat parser at the declaration, before any entity is expanded;
- every worksheet (xl/worksheets/*.xml of .xlsx/.xlsm, content.xml of .ods): its declared
  <dimension ref=...> and the furthest row and column of any cell (formatting-only cells too; ODS
  repeats counted, trailing empty repeats not), streamed, within SPREADSHEET_MAX_ROWS rows,
  SPREADSHEET_MAX_COLUMNS columns and SPREADSHEET_MAX_CELLS cells (rows × columns: the rectangle
  the reader allocates). An .xlsb (binary sheets) renamed .xlsx is refused.

An old .xls (not a zip) is bounded by its own format (65,536 × 256); `check_extent()` checks the
sheet calamine has read before it is turned into Python rows, for every format.

The defaults come from the household import (literacy.household_import): a commune's file has up to about
100,000 rows of 15 columns; a 150,000-row template file is 10 MB packed, 118 MB unpacked (ratio 12).
"""

from __future__ import annotations

import io
import operator
import re
import zipfile
import zlib
from dataclasses import dataclass
from xml.parsers import expat

from django.conf import settings
from django.utils.translation import gettext as _

DEFAULTS = {
    "SPREADSHEET_MAX_ROWS": 200_000,
    "SPREADSHEET_MAX_COLUMNS": 200,
    "SPREADSHEET_MAX_CELLS": 6_000_000,
    "SPREADSHEET_MAX_UNCOMPRESSED_BYTES": 1_000_000_000,
    "SPREADSHEET_MAX_COMPRESSION_RATIO": 100,
    "SPREADSHEET_MAX_ZIP_MEMBERS": 1000,
}
RATIO_CHECKED_ABOVE = 1_000_000  # bytes unpacked: tiny parts (styles, rels) may pack very well
CHUNK = 1 << 20
# What reading a damaged or encrypted zip raises (a bad CRC, a truncated member, bad deflate data).
BROKEN = (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, OSError, RuntimeError, zlib.error)


def limit(name: str) -> int:
    return int(getattr(settings, name, DEFAULTS[name]))


class SpreadsheetRefused(Exception):
    """The file is refused before it is read; str() is a Vietnamese message for the user."""


def _n(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def _mb(size: int) -> str:
    return _n(round(size / 1_000_000)) + " MB"


@dataclass
class Extent:
    rows: int = 0
    columns: int = 0

    def grow(self, row: int, column: int) -> None:
        self.rows = max(self.rows, row)
        self.columns = max(self.columns, column)


def check_extent(rows: int, columns: int, sheet: str = "") -> None:
    """Refuse a sheet of more rows, columns or cells than the limits, with what to do about it."""
    max_rows, max_columns = limit("SPREADSHEET_MAX_ROWS"), limit("SPREADSHEET_MAX_COLUMNS")
    max_cells = limit("SPREADSHEET_MAX_CELLS")
    if rows <= max_rows and columns <= max_columns and rows * columns <= max_cells:
        return
    where = _(" (trang tính “%(s)s”)") % {"s": sheet[:60]} if sheet else ""
    raise SpreadsheetRefused(
        _(
            "Tệp có %(rows)s dòng × %(cols)s cột%(where)s, vượt giới hạn %(max_rows)s dòng, %(max_cols)s cột "
            "và %(max_cells)s ô của một lần nhập. Hãy xoá các ô thừa ở cuối trang tính (kể cả ô chỉ có "
            "khoảng trắng hoặc định dạng ở dòng, cột xa), hoặc tách tệp theo thôn, tổ dân phố rồi nhập từng tệp."
        )
        % {
            "rows": _n(rows),
            "cols": _n(columns),
            "where": where,
            "max_rows": _n(max_rows),
            "max_cols": _n(max_columns),
            "max_cells": _n(max_cells),
        }
    )


# Zip directory -----------------------------------------------------------------------------------


def _check_directory(archive: zipfile.ZipFile) -> None:
    members = archive.infolist()
    if len(members) > limit("SPREADSHEET_MAX_ZIP_MEMBERS"):
        raise SpreadsheetRefused(
            _("Tệp gồm %(n)s phần bên trong, quá nhiều so với một bảng tính (tối đa %(max)s): tệp không hợp lệ.")
            % {"n": _n(len(members)), "max": _n(limit("SPREADSHEET_MAX_ZIP_MEMBERS"))}
        )
    total = sum(member.file_size for member in members)
    if total > limit("SPREADSHEET_MAX_UNCOMPRESSED_BYTES"):
        raise SpreadsheetRefused(
            _(
                "Tệp khi giải nén lớn %(size)s, vượt giới hạn %(max)s của một lần nhập. "
                "Hãy xoá các trang tính, hình ảnh không cần thiết hoặc tách tệp theo thôn rồi nhập từng tệp."
            )
            % {"size": _mb(total), "max": _mb(limit("SPREADSHEET_MAX_UNCOMPRESSED_BYTES"))}
        )
    ratio = limit("SPREADSHEET_MAX_COMPRESSION_RATIO")
    for member in members:
        if member.file_size > RATIO_CHECKED_ABOVE and member.file_size > ratio * max(member.compress_size, 1):
            raise SpreadsheetRefused(
                _(
                    "Tệp có phần “%(name)s” nén bất thường (giải nén lớn gấp %(r)s lần): đây không phải bảng tính "
                    "bình thường (có thể là “bom nén”), không nhập được."
                )
                % {"name": member.filename[:80], "r": _n(member.file_size // max(member.compress_size, 1))}
            )


# Streaming XML -------------------------------------------------------------------------------------


class _Forbidden(Exception):
    pass


# Wider than Excel's XFD1048576 on purpose: a reference beyond the sheet is measured (and refused),
# never mistaken for "no reference" and placed after the previous cell.
_REF = re.compile(r"^\$?([A-Za-z]{1,10})\$?(\d{1,15})$")


def _column_number(letters: str) -> int:
    number = 0
    for char in letters.upper():
        number = number * 26 + ord(char) - 64
    return number


def _ref(text: str) -> tuple[int, int] | None:
    """(row, column) of "XFD150000", None for anything else."""
    match = _REF.match(text.strip())
    return (int(match.group(2)), _column_number(match.group(1))) if match else None


def _local(name: str) -> str:
    return name.rpartition(":")[2]


class _XlsxSheet:
    """Last row and column holding a cell in an .xlsx worksheet, and its declared dimension, read by
    expat element by element. A cell without `r` follows the previous one, a row without `r` the
    previous row (as calamine reads them). Formatting-only cells count too: "delete the extra cells"
    is the advice either way. Slow (seconds per 100,000 rows): used when the fast scan cannot be sure."""

    def __init__(self):
        self.cells = Extent()
        self.declared = Extent()
        self.row = 0
        self.column = 0

    def start(self, name, attributes):
        name = _local(name)
        if name == "c":
            position = _ref(attributes["r"]) if "r" in attributes else None
            if position is None:
                position = (self.row or 1, self.column + 1)
            self.row, self.column = position
            self.cells.grow(*position)
        elif name == "row":
            number = attributes.get("r", "")
            self.row = int(number) if number.isdecimal() and len(number) <= 15 else self.row + 1
            self.column = 0
        elif name == "dimension":
            for part in attributes.get("ref", "").split(":"):
                position = _ref(part)
                if position:
                    self.declared.grow(*position)


# The fast scan of a worksheet as Excel, LibreOffice and openpyxl write it: every cell starts
# <c r="B12" with its reference first. Byte counts and one regular expression over the unpacked bytes
# find the furthest row and column at tens of MB/s; anything unusual (a cell without such a reference,
# a namespace prefix, a NUL byte of UTF-16, a tag longer than 4 MB) sends the sheet to the expat scan.
_CELL = re.compile(rb'<c[\s/>](?:r="([A-Z]{1,3})([0-9]{1,7})")?')
_PREFIXED_CELL = re.compile(rb":c[\s/>]")
_DIMENSION = re.compile(rb"<dimension\s[^>]*?\bref\s*=\s*[\"']([^\"']*)[\"']")
_DECLARATION = re.compile(rb"<!(?:DOCTYPE|ENTITY)")


_FIRST, _SECOND = operator.itemgetter(0), operator.itemgetter(1)


class _Unsure(Exception):
    pass


def _fast_sheet(stream) -> tuple[Extent, Extent]:
    cells, declared = Extent(), Extent()
    carry = b""
    while True:
        chunk = stream.read(CHUNK)
        buffer = carry + chunk
        if chunk:
            cut = buffer.rfind(b"<")
            if cut <= 0:
                if len(buffer) > 4 * CHUNK:
                    raise _Unsure  # a tag longer than 4 MB
                carry = buffer
                continue
            buffer, carry = buffer[:cut], buffer[cut:]
        if _DECLARATION.search(buffer):
            raise _Forbidden
        if b"\x00" in buffer:
            raise _Unsure
        refs = _CELL.findall(buffer)
        if _PREFIXED_CELL.search(buffer):
            raise _Unsure
        if refs:
            if (b"", b"") in refs:  # a cell without a plain r="B12" first
                raise _Unsure
            letters = set(map(_FIRST, refs))
            cells.grow(max(map(int, map(_SECOND, refs))), max(_column_number(x.decode()) for x in letters))
        for ref in _DIMENSION.findall(buffer):
            for part in ref.decode("ascii", "replace").split(":"):
                position = _ref(part)
                if position:
                    declared.grow(*position)
        if not chunk:
            return cells, declared


class _OdsSheets:
    """The same for the tables of an .ods content.xml: repeated rows and columns count, trailing
    empty ones (every sheet saved by LibreOffice ends with thousands of them) do not."""

    def __init__(self):
        self.extents: list[tuple[str, Extent]] = []
        self.row = 0
        self.row_repeat = 1
        self.column = 0
        self.cell: tuple[int, int] | None = None  # (first column, repeat) of the open cell
        self.cell_has_value = False
        self.row_last_column = 0

    def start(self, name, attributes):
        name = _local(name)
        if name == "table" and not self.cell:
            self.extents.append((attributes.get("table:name", ""), Extent()))
            self.row = 0
        elif name == "table-row":
            self.row_repeat = _repeat(attributes, "table:number-rows-repeated")
            self.column = 0
            self.row_last_column = 0
        elif name in ("table-cell", "covered-table-cell") and self.cell is None:
            repeat = _repeat(attributes, "table:number-columns-repeated")
            self.cell = (self.column, repeat)
            self.cell_has_value = any(_local(key) == "value-type" for key in attributes)
        elif self.cell is not None:
            self.cell_has_value = True  # any element inside a cell: text, a note, an image

    def end(self, name):
        name = _local(name)
        if name in ("table-cell", "covered-table-cell") and self.cell is not None:
            first, repeat = self.cell
            self.column = first + repeat
            if self.cell_has_value:
                self.row_last_column = self.column
            self.cell = None
        elif name == "table-row" and self.cell is None:
            first_row = self.row
            self.row += self.row_repeat
            if self.row_last_column and self.extents:
                self.extents[-1][1].grow(first_row + self.row_repeat, self.row_last_column)


def _repeat(attributes, key: str) -> int:
    value = attributes.get(key, "1")
    return min(int(value), 10**9) if value.isdecimal() and len(value) < 11 else 1


def _refuse_declarations(*_args):
    raise _Forbidden


def _parse(stream, handler=None) -> None:
    """Stream one XML part through expat; DOCTYPE and ENTITY declarations are refused where they
    appear, so nothing is ever expanded."""
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartDoctypeDeclHandler = _refuse_declarations
    parser.EntityDeclHandler = _refuse_declarations
    parser.ExternalEntityRefHandler = _refuse_declarations
    parser.buffer_text = True
    if handler is not None:
        parser.StartElementHandler = handler.start
        if hasattr(handler, "end"):
            parser.EndElementHandler = handler.end
    while chunk := stream.read(CHUNK):
        parser.Parse(chunk, False)
    parser.Parse(b"", True)


def _is_xml(name: str) -> bool:
    return name.lower().endswith((".xml", ".rels", ".vml"))


_BINARY_SHEET = re.compile(r"^xl/(worksheets|chartsheets|macrosheets|dialogsheets)/[^/]+\.bin$", re.I)


def _check_zip(archive: zipfile.ZipFile) -> None:
    _check_directory(archive)
    names = archive.namelist()
    if any(_BINARY_SHEET.match(name) for name in names):
        # An .xlsb renamed .xlsx: its binary sheets are not measured here, and the import takes .xlsx.
        raise SpreadsheetRefused(
            _("Tệp là bảng tính nhị phân Excel (.xlsb), không nhận. Hãy mở bằng Excel và lưu thành .xlsx.")
        )
    ods = "content.xml" in names and not any(n.startswith("xl/") for n in names)
    for name in names:
        if not _is_xml(name):
            continue
        is_sheet = (
            name == "content.xml"
            if ods
            else bool(re.match(r"^xl/(worksheets|chartsheets|dialogsheets|macrosheets)/[^/]+\.xml$", name, re.I))
        )
        try:
            if is_sheet and not ods:
                _check_xlsx_sheet(archive, name)
            elif is_sheet:
                handler = _OdsSheets()
                with archive.open(name) as stream:
                    _parse(stream, handler)
                for sheet, extent in handler.extents:
                    check_extent(extent.rows, extent.columns, sheet)
            else:
                with archive.open(name) as stream:
                    _parse(stream)
        except _Forbidden:
            raise SpreadsheetRefused(
                _(
                    "Tệp có khai báo DOCTYPE/ENTITY trong phần “%(name)s”: bảng tính thật không có khai báo này "
                    "(có thể là tệp độc hại), không nhập được."
                )
                % {"name": name[:80]}
            ) from None
        except (expat.ExpatError, ValueError, *BROKEN) as exc:
            # A part that is not well-formed XML or does not unpack as its header says: the rest of it
            # was not measured, and a lenient reader might still read on, so the file is refused.
            raise SpreadsheetRefused(
                _("Không đọc được tệp: phần “%(name)s” của bảng tính bị hỏng. Hãy mở tệp bằng Excel và lưu lại.")
                % {"name": name[:80]}
            ) from exc


def _check_xlsx_sheet(archive: zipfile.ZipFile, name: str) -> None:
    try:
        with archive.open(name) as stream:
            cells, declared = _fast_sheet(stream)
    except _Unsure:
        handler = _XlsxSheet()
        with archive.open(name) as stream:
            _parse(stream, handler)
        cells, declared = handler.cells, handler.declared
    sheet = name.rpartition("/")[2]
    check_extent(declared.rows, declared.columns, sheet)
    check_extent(cells.rows, cells.columns, sheet)


def guard(source) -> None:
    """Refuse (SpreadsheetRefused) a spreadsheet beyond the limits; call before any reader opens it.

    `source`: bytes, a path, or a seekable binary file (left at its start). A file that is not a
    zip (.xls, or not a spreadsheet at all) passes: the reader refuses broken files itself."""
    if isinstance(source, bytes | bytearray):
        source = io.BytesIO(source)
    position = source.tell() if hasattr(source, "tell") else None
    try:
        if not zipfile.is_zipfile(source):
            return
        if position is not None:
            source.seek(position)
        try:
            with zipfile.ZipFile(source) as archive:
                _check_zip(archive)
        except BROKEN:
            return  # a zip Python cannot open (encrypted, broken): the reader refuses it as broken
    finally:
        if position is not None:
            source.seek(position)
