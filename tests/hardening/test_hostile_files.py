"""Hostile spreadsheets (issue 12, item 3): a file built to exhaust the server is refused with a
clear message before any reader opens it, in the request and in the background job alike.

The files are built by hand with zipfile: a sheet whose only cells are A1 and XFD150000 (1.6 KB
that made python-calamine allocate ~78 GB and kill the process), a zip bomb, "billion laughs"."""

import functools
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from jobs.models import Job
from literacy import household_import, import_batches
from literacy.models import ImportBatch, Person
from tests.literacy.fixtures import literacy_world, row, workbook_bytes
from units import spreadsheets
from units.spreadsheets import SpreadsheetRefused

pytestmark = pytest.mark.django_db

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
)
TEXT = 't="inlineStr"><is><t>x</t></is></c>'


def xlsx(
    sheet_data: str, *, dimension: str = "", prolog: str = "", extra: dict | None = None, raw_sheet: str = ""
) -> bytes:
    """A minimal workbook whose first sheet holds `sheet_data` (the <sheetData> content)."""
    sheet = raw_sheet or (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{prolog}'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        + (f'<dimension ref="{dimension}"/>' if dimension else "")
        + f"<sheetData>{sheet_data}</sheetData></worksheet>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
        for name, content in (extra or {}).items():
            archive.writestr(name, content)
    return buffer.getvalue()


def far_cell_file() -> bytes:
    """The file of the report: only A1 and XFD150000 (16,384 columns × 150,000 rows)."""
    return xlsx(f'<row r="1"><c r="A1" {TEXT}</row><row r="150000"><c r="XFD150000" {TEXT}</row>')


@functools.cache
def zip_bomb() -> bytes:
    """A member that unpacks to 210 MB of zeros from about 200 KB."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            zeros = bytes(1 << 20)
            for _ in range(210):
                member.write(zeros)
    return buffer.getvalue()


BILLION_LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">' for i in range(1, 10))
    + "]>"
)


def ods(table: str) -> bytes:
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body>'
        f'<office:spreadsheet><table:table table:name="Hộ">{table}</table:table></office:spreadsheet>'
        "</office:body></office:document-content>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content)
    return buffer.getvalue()


def refusal(content: bytes) -> str:
    with pytest.raises(SpreadsheetRefused) as refused:
        spreadsheets.guard(content)
    return str(refused.value)


# The guard ------------------------------------------------------------------------------------------


def test_a_tiny_file_with_cells_a1_and_xfd150000_is_refused_before_it_is_read():
    content = far_cell_file()
    assert len(content) < 2000
    message = refusal(content)
    assert "150.000 dòng × 16.384 cột" in message
    assert "Hãy xoá các ô thừa" in message


def test_a_declared_dimension_beyond_the_limits_is_refused():
    message = refusal(xlsx(f'<row r="1"><c r="A1" {TEXT}</row>', dimension="A1:XFD150000"))
    assert "150.000 dòng × 16.384 cột" in message


def test_cells_written_without_a_reference_are_counted_where_the_reader_puts_them():
    # 300 cells in one row, none with r="..": the reader places them in columns 1..300.
    message = refusal(xlsx('<row r="7">' + "<c><v>1</v></c>" * 300 + "</row>"))
    assert "7 dòng × 300 cột" in message


def test_a_far_cell_hidden_behind_a_namespace_prefix_is_found():
    sheet = (
        '<?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<x:sheetData><x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c><x:c r="XFD150000"><x:v>1</x:v></x:c></x:row>'
        "</x:sheetData></x:worksheet>"
    )
    assert "150.000 dòng × 16.384 cột" in refusal(xlsx("", raw_sheet=sheet))


def test_the_portal_template_and_a_large_real_file_pass():
    spreadsheets.guard(workbook_bytes([row(code=f"H{i:05d}", name=f"Người {i}") for i in range(2000)]))


def test_a_zip_bomb_is_refused_from_the_zip_directory_alone(monkeypatch):
    content = zip_bomb()
    assert len(content) < 1_000_000
    opened = []
    monkeypatch.setattr(zipfile.ZipFile, "open", lambda *args, **kwargs: opened.append(args) or 1 / 0)
    message = refusal(content)
    assert "bom nén" in message
    assert opened == []  # not one byte was unpacked


def test_a_file_that_unpacks_beyond_the_size_limit_is_refused(settings, monkeypatch):
    settings.SPREADSHEET_MAX_UNCOMPRESSED_BYTES = 100_000_000
    settings.SPREADSHEET_MAX_COMPRESSION_RATIO = 10_000
    content = zip_bomb()
    monkeypatch.setattr(zipfile.ZipFile, "open", lambda *args, **kwargs: 1 / 0)
    assert "khi giải nén lớn 220 MB, vượt giới hạn 100 MB" in refusal(content)


def test_too_many_zip_members_are_refused():
    content = xlsx("", extra={f"xl/media/image{i}.png": b"x" for i in range(1200)})
    assert "1.205 phần bên trong" in refusal(content)


def test_billion_laughs_in_the_sheet_is_refused_without_expanding_anything():
    sheet = '<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>'
    message = refusal(xlsx(sheet, prolog=BILLION_LAUGHS))
    assert "DOCTYPE/ENTITY" in message and "sheet1.xml" in message


def test_billion_laughs_in_the_shared_strings_is_refused():
    strings = (
        f'<?xml version="1.0"?>{BILLION_LAUGHS}<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/'
        'main" count="1" uniqueCount="1"><si><t>&lol9;</t></si></sst>'
    )
    message = refusal(xlsx('<row r="1"><c r="A1" t="s"><v>0</v></c></row>', extra={"xl/sharedStrings.xml": strings}))
    assert "DOCTYPE/ENTITY" in message and "sharedStrings.xml" in message


def test_an_ods_whose_repeated_cells_fill_a_huge_rectangle_is_refused():
    table = (
        '<table:table-row table:number-rows-repeated="100000"><table:table-cell '
        'table:number-columns-repeated="16384" office:value-type="string"><text:p>x</text:p>'
        "</table:table-cell></table:table-row>"
    )
    assert "100.000 dòng × 16.384 cột" in refusal(ods(table))


def test_an_ods_with_trailing_empty_repeats_as_libreoffice_saves_it_passes():
    cell = '<table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell>'
    table = (
        f'<table:table-row>{cell}{cell}<table:table-cell table:number-columns-repeated="16382"/></table:table-row>'
        '<table:table-row table:number-rows-repeated="1048575"><table:table-cell '
        'table:number-columns-repeated="16384"/></table:table-row>'
    )
    spreadsheets.guard(ods(table))


# The household import: in the request and as a job ------------------------------------------------

HOSTILE = {
    "far cell": (far_cell_file, "150.000 dòng × 16.384 cột"),
    "zip bomb": (zip_bomb, "bom nén"),
    "billion laughs": (
        lambda: xlsx('<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>', prolog=BILLION_LAUGHS),
        "DOCTYPE/ENTITY",
    ),
}


def _upload(client, world, lit, content: bytes):
    return client.post(
        reverse("literacy:import_start"),
        {"round": lit.round.pk, "commune": world.commune.pk, "file": SimpleUploadedFile("ho.xlsx", content)},
    )


@pytest.mark.parametrize("kind", HOSTILE)
def test_a_hostile_file_checked_in_the_request_is_refused_with_its_reason(world, login, kind):
    build, reason = HOSTILE[kind]
    lit = literacy_world(world)
    client = login(world.officer)
    before = Person.objects.count()
    response = _upload(client, world, lit, build())
    assert response.status_code == 302
    batch = ImportBatch.objects.latest("created_at")
    assert batch.job is None  # small enough to be checked in the request
    assert batch.status == ImportBatch.Status.INVALID
    page = client.get(response["Location"]).content.decode()
    assert reason in page
    assert Person.objects.count() == before


@pytest.mark.parametrize("kind", HOSTILE)
def test_a_hostile_file_checked_as_a_job_is_refused_and_running_it_again_refuses_again(world, login, monkeypatch, kind):
    build, reason = HOSTILE[kind]
    monkeypatch.setattr(import_batches, "LARGE_FILE_BYTES", 0)  # every file goes to the worker
    lit = literacy_world(world)
    client = login(world.officer)
    response = _upload(client, world, lit, build())
    batch = ImportBatch.objects.latest("created_at")
    assert batch.job is not None and batch.job.status == Job.Status.DONE
    assert batch.status == ImportBatch.Status.INVALID
    assert reason in client.get(response["Location"]).content.decode()

    # A worker that died on such a file before this fix left the job failed ("Chạy lại") and the
    # batch pending: running it again now ends in the same clear refusal.
    ImportBatch.objects.filter(pk=batch.pk).update(status=ImportBatch.Status.PENDING, errors=[])
    Job.objects.filter(pk=batch.job.pk).update(status=Job.Status.FAILED, message="gián đoạn")
    retry = client.post(reverse("jobs:retry", kwargs={"pk": batch.job.pk}))
    assert retry.status_code == 302
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.INVALID
    assert reason in batch.errors[0][2]
    again = Job.objects.filter(kind=import_batches.CHECK_KIND).exclude(pk=batch.job_id).get()
    assert again.status == Job.Status.DONE


def test_the_reader_refuses_an_oversized_sheet_before_turning_it_into_python_rows(settings, monkeypatch):
    """An .xls is not a zip: the sheet calamine has read is measured before its rows become Python."""
    settings.SPREADSHEET_MAX_CELLS = 100
    monkeypatch.setattr(spreadsheets, "guard", lambda source: None)
    content = workbook_bytes([row(code=f"H{i:03d}") for i in range(20)])  # 21 rows × every template column
    with pytest.raises(household_import.FileProblem, match=r"21 dòng × \d+ cột"):
        household_import.read_sheet(io.BytesIO(content))


def test_a_reference_beyond_the_last_excel_row_is_measured_not_ignored():
    message = refusal(xlsx('<row r="1"><c r="A1"><v>1</v></c><c r="B99999999"><v>1</v></c></row>'))
    assert "99.999.999 dòng" in message


def test_a_binary_xlsb_renamed_xlsx_is_refused():
    assert ".xlsb" in refusal(xlsx("", extra={"xl/worksheets/sheet2.bin": b"\x00" * 10}))
