"""Literacy data on top of tests.factories.World, built through the services."""

import datetime
import io
import itertools
from types import SimpleNamespace

from openpyxl import Workbook

from literacy import household_import, services
from literacy.models import Household, Person, PersonStatus, SurveyRound
from tests.factories import make_unit
from units.models import UnitKind

_seq = itertools.count(1)
YEAR = 2026
REF = datetime.date(2026, 9, 30)


def make_round(office, *, year=YEAR, number=1, reference_date=REF, carry_over=True) -> SurveyRound:
    return services.round_create(
        actor=None, office=office, year=year, number=number, reference_date=reference_date, carry_over=carry_over
    )


def make_household(survey_round, hamlet, *, code=None, head="Nguyễn Văn Chủ") -> Household:
    return services.household_create(
        actor=None, survey_round=survey_round, hamlet=hamlet, code=code or f"H{next(_seq):05d}", head_name=head
    )


def make_person(household, *, name=None, birth_year=1990, sex="M", grade=0, stage=0, **fields) -> Person:
    return services.person_create(
        actor=None,
        household=household,
        full_name=name or f"Người {next(_seq)}",
        birth_year=birth_year,
        sex=sex,
        grade=grade,
        stage=stage,
        **fields,
    )


def bulk_people(survey_round, hamlet, specs: list[dict]) -> list[Person]:
    """Many people quickly: one household per call, derived columns through services.prepare_person."""
    household = make_household(survey_round, hamlet)
    people = []
    for spec in specs:
        spec = {"full_name": f"Người {next(_seq)}", "sex": "M", "grade": 0, "stage": 0, **spec}
        person = Person(round=survey_round, household=household, commune_id=household.commune_id, **spec)
        people.append(services.prepare_person(person))
    return Person.objects.bulk_create(people)


def literacy_world(world) -> SimpleNamespace:
    """One round of office A, TH1 assigned to SCH1, a second hamlet assigned to TT1, a household
    with two people in TH1, a stage-1 class run by TT1 with one learner, and a checked import."""
    cached = getattr(world, "_literacy", None)
    if cached is not None:
        return cached
    lit = SimpleNamespace()
    lit.round = make_round(world.office)
    lit.centre_hamlet = make_unit(UnitKind.HAMLET, parent=world.commune, name="Thôn Tây", code="TH2")
    services.assignment_set(actor=None, survey_round=lit.round, hamlet=world.hamlet, unit=world.school)
    services.assignment_set(actor=None, survey_round=lit.round, hamlet=lit.centre_hamlet, unit=world.centre)
    lit.household = make_household(lit.round, world.hamlet, code="HO001")
    lit.person = make_person(lit.household, name="Lò Văn Pằng", birth_year=1990)
    lit.other_person = make_person(lit.household, name="Lò Thị Mai", birth_year=1995, sex="F")
    lit.literacy_class = services.class_create(
        actor=None, run_by=world.centre, name="Lớp XMC thôn Đông", stage="1", start_date=datetime.date(2026, 10, 1)
    )
    services.enrol(actor=None, literacy_class=lit.literacy_class, persons=[lit.person])
    lit.enrolment = lit.literacy_class.enrolments.get()
    from literacy.import_batches import batch_check, batch_create

    upload = excel_upload([row(code="HO900", name="Phạm Văn Nhập")])
    lit.batch = batch_check(
        batch_create(actor=world.officer, survey_round=lit.round, commune=world.commune, upload=upload)
    )
    world._literacy = lit
    return lit


def fresh_assignment(world):
    lit = literacy_world(world)
    hamlet = make_unit(UnitKind.HAMLET, parent=world.commune)
    return services.assignment_set(actor=None, survey_round=lit.round, hamlet=hamlet, unit=world.school)


def fresh_enrolment(world):
    lit = literacy_world(world)
    person = make_person(lit.household)
    services.enrol(actor=None, literacy_class=lit.literacy_class, persons=[person])
    return lit.literacy_class.enrolments.get(person=person)


# Excel files ----------------------------------------------------------------------------------

HEADERS = [c.header for c in household_import.COLUMNS]


def row(
    *,
    code="HO100",
    hamlet="Thôn Đông",
    house="12",
    head="Nguyễn Văn Chủ",
    name="Nguyễn Văn An",
    birth="05/03/1990",
    sex="Nam",
    ethnicity="Kinh",
    relation="Con",
    grade=9,
    stage="",
    disability="",
    exempt="",
    residence="Thường trú",
    status="",
) -> list:
    return [
        code,
        hamlet,
        house,
        head,
        name,
        birth,
        sex,
        ethnicity,
        relation,
        grade,
        stage,
        disability,
        exempt,
        residence,
        status,
    ]


def workbook_bytes(
    rows: list[list], headers: list[str] | None = None, *, before: list[list] | None = None, merge: str | None = None
) -> bytes:
    wb = Workbook()
    ws = wb.active
    for line in before or []:
        ws.append(line)
    ws.append(headers if headers is not None else HEADERS)
    for line in rows:
        ws.append(line)
    if merge:
        ws.merge_cells(merge)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def excel_upload(rows, name="ho.xlsx", **kwargs):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(
        name,
        workbook_bytes(rows, **kwargs),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


__all__ = ["PersonStatus"]
