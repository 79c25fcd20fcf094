"""Files of the literacy module made by the shared job layer (the jobs app): small ones in the request,
large ones in the worker with a progress bar (export_or_job). The name lists MC1 / MC2 of a commune
that misses the standard run to thousands of rows, and a PDF of them to dozens of pages."""

from django.utils.translation import gettext as _

from documents import OfficialDocument, render_official_pdf, table_to_xlsx
from documents.issuer import issuer_for
from jobs.registry import JobError
from jobs.runner import job_progress
from units.calendar import today
from units.models import Unit

from . import access, attainment, tables

NAME_LIST_KIND = "literacy.name_list"
# Rows answered in the request; above this the file is made in the background.
NAME_LIST_DIRECT_ROWS = {"xlsx": 3000, "pdf": 300}


def official_document(unit: Unit, title: str, excerpt: str) -> OfficialDocument:
    """A báo cáo of the unit whose figures these are (the office, or the commune's People's
    Committee), headed and signed from its identity (documents.issuer, Nghị định 30/2020, Phụ lục
    I); the number and day are left blank for the clerk, dated when signed."""
    doc = OfficialDocument.issued_by(
        issuer_for(unit), kind="BC", date=today(), blank_day=True, excerpt=excerpt, title=title or "Báo cáo"
    )
    return doc


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
    doc = official_document(unit, "Báo cáo", f"{table.title} — {unit.full_name}")
    doc.landscape = table.width > 9
    return f"{stem}.pdf", render_official_pdf("literacy/standard_pdf.html", {"doc": doc, "tables": [table]})
