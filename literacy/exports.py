"""Files of the literacy module made by the shared job layer (the jobs app): small ones in the request,
large ones in the worker with a progress bar (export_or_job). The name lists MC1 / MC2 of a commune
that misses the standard run to thousands of rows, and a PDF of them to dozens of pages."""

from django.utils.translation import gettext as _

from documents import OfficialDocument, Signer, render_official_pdf, table_to_xlsx
from jobs.registry import JobError
from jobs.runner import job_progress
from units.calendar import today
from units.models import Unit

from . import access, attainment, selectors, tables

NAME_LIST_KIND = "literacy.name_list"
# Rows answered in the request; above this the file is made in the background.
NAME_LIST_DIRECT_ROWS = {"xlsx": 3000, "pdf": 300}


def official_document(unit: Unit, title: str, excerpt: str) -> OfficialDocument:
    """The office's report header (Nghị định 30/2020/NĐ-CP, Phụ lục I); the number is left blank for
    the clerk and the signer's name is written when signed."""
    office = selectors.office_of(unit) or unit
    return OfficialDocument(
        parent_agency=office.parent.full_name if office.parent else "UBND",
        agency=office.name,
        agency_code="PGDĐT",
        type_code="BC",
        date=today(),
        blank_day=True,
        title=title,
        excerpt=excerpt,
        recipients=["Sở GD&ĐT (để b/c);", "UBND huyện (để b/c);", "BCĐ PCGD-XMC các xã;"],
        archive="VT, GDTX.",
        signer=Signer(authority="KT. TRƯỞNG PHÒNG", position="PHÓ TRƯỞNG PHÒNG"),
    )


def name_list_file(job, *, commune: int, level: int, year: int, fmt: str):
    """MC1 / MC2 as XLSX or an official PDF. Access is checked again as the job's owner."""
    unit = access.get_standard_unit_for_user(job.owner, commune)
    names = attainment.name_list_for(unit, year, level)
    if names.survey_round is None:
        raise JobError(_("Chưa có đợt điều tra nào của năm %(y)d.") % {"y": year})
    persons = names.persons
    total = persons.count()
    rows = []
    for done, person in enumerate(persons.iterator(chunk_size=2000), 1):
        rows.append(person)
        if done % 500 == 0:
            job_progress(job, done, total * 2, _("Đang đọc danh sách"))
    table = tables.name_list_table(names, rows)
    job_progress(job, total, total * 2, _("Đang tạo tệp"))
    stem = f"MC{level}-{unit.code}-{year}"
    if fmt == "xlsx":
        return f"{stem}.xlsx", table_to_xlsx(table, heading_lines=[unit.full_name])
    doc = official_document(unit, "DANH SÁCH", table.title)
    return f"{stem}.pdf", render_official_pdf("literacy/standard_pdf.html", {"doc": doc, "tables": [table]})
