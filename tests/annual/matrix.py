"""Every URL of the annual report once (tests/permission_matrix.py): the office reads, officers
write; principals, directors and associations get 403 on the pages and 404 on a report."""

from reports.annual_models import AnnualReport
from reports.annual_services import annual_report_create
from tests.permission_matrix import EVERYONE, OFFICE, OFFICER, UrlCase

NON_OFFICE = EVERYONE - OFFICE


def draft_of(world) -> AnnualReport:
    report = AnnualReport.objects.filter(office=world.office, status=AnnualReport.Status.DRAFT).first()
    return report or annual_report_create(actor=world.officer, office=world.office, school_year=2025)


def _pk(world):
    return {"pk": draft_of(world).pk}


CASES = [
    UrlCase("reports:annual_list", ok=OFFICE, outsider=200),
    UrlCase(
        "reports:annual_create",
        method="post",
        data=lambda w: {"office": w.office.pk, "school_year": 2024},
        ok=OFFICER,
        outsider=200,
    ),
    UrlCase("reports:annual_detail", kwargs=_pk, ok=OFFICE, hidden=NON_OFFICE),
    UrlCase(
        "reports:annual_detail",
        label="save",
        kwargs=_pk,
        method="post",
        data=lambda w: {"text_situation": "Tình hình chung", "place": "Hạ Long", "recipients": "Sở GD&ĐT;"},
        ok=OFFICER,
        hidden=NON_OFFICE,
    ),
    UrlCase(
        "reports:annual_freeze",
        kwargs=_pk,
        method="post",
        data=lambda w: {"frozen_on": "30/06/2026"},
        ok=OFFICER,
        hidden=NON_OFFICE,
    ),
    UrlCase("reports:annual_document", kwargs=_pk, ok=OFFICE, hidden=NON_OFFICE),
    UrlCase("reports:annual_pdf", kwargs=_pk, method="post", ok=OFFICE, hidden=NON_OFFICE),
    UrlCase("reports:annual_xlsx", kwargs=_pk, ok=OFFICE, hidden=NON_OFFICE),
]
