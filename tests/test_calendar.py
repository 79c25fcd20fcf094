"""One calendar decides "which day" and "which year" (issue 14 item 6, units/calendar.py).

Today is the local date in Asia/Ho_Chi_Minh, never the server's UTC date; for a school year the
calendar says which literacy statistics year and which learning-society recognition year the
annual report counts, and both sections of one report are of the same year."""

import ast
import datetime
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from annual.services import annual_report_create, annual_report_freeze, report_blocks
from learning_society import services as ls_services
from learning_society.counts import refresh as refresh_ls_counts
from learning_society.models import Assessment, Subject, Title
from tests.literacy.fixtures import bulk_people, make_round
from units import calendar

ROOT = Path(__file__).resolve().parent.parent
SKIPPED_DIRS = {"tests", "migrations", "bench", ".venv", "node_modules", "static", "templates", ".git"}
CALENDAR_FILE = ROOT / "units" / "calendar.py"


def _dotted(node) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{_dotted(node.value)}.{node.attr}"
    return ""


def _offence(call: ast.Call) -> str | None:
    func = call.func
    if not isinstance(func, ast.Attribute):
        return None
    owner = _dotted(func.value)
    last = owner.rsplit(".", 1)[-1]
    if func.attr == "today" and last in {"date", "datetime"}:
        return f"{owner}.today()"
    if func.attr in {"now", "utcnow"} and last == "datetime":
        return f"{owner}.{func.attr}()"
    inner = func.value.func if isinstance(func.value, ast.Call) else None
    if func.attr == "date" and isinstance(inner, ast.Attribute) and inner.attr == "now":
        return f"{_dotted(func.value.func)}().date()"
    return None


def _project_files():
    for path in sorted(ROOT.rglob("*.py")):
        parts = set(path.relative_to(ROOT).parts[:-1])
        if parts & SKIPPED_DIRS or path == CALENDAR_FILE:
            continue
        yield path


def test_no_module_but_the_calendar_asks_the_server_for_the_date():
    offences = []
    for path in _project_files():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and (what := _offence(node)):
                offences.append(f"{path.relative_to(ROOT)}:{node.lineno}: {what} (use units.calendar.today()/now())")
    assert not offences, "\n".join(offences)


def test_the_scan_sees_every_forbidden_form():
    source = (
        "import datetime\nfrom datetime import date\nfrom django.utils import timezone\n"
        "date.today()\ndatetime.date.today()\ndatetime.datetime.now()\ndatetime.now()\n"
        "timezone.now().date()\ntimezone.now()\ntimezone.localdate()\n"
    )
    found = [_offence(n) for n in ast.walk(ast.parse(source)) if isinstance(n, ast.Call)]
    assert sorted(f for f in found if f) == sorted(
        ["date.today()", "datetime.date.today()", "datetime.datetime.now()", "datetime.now()", "timezone.now().date()"]
    )


def test_the_school_year_and_its_data_years():
    assert calendar.school_year_of(datetime.date(2026, 8, 31)) == 2025
    assert calendar.school_year_of(datetime.date(2026, 9, 1)) == 2026
    assert calendar.school_year_dates(2026) == (datetime.date(2026, 9, 1), datetime.date(2027, 8, 31))
    # the literacy and the learning-society figures of the 2026-2027 report are of the same year
    assert calendar.statistics_year(2026) == calendar.survey_year(2026) == calendar.recognition_year(2026) == 2026


def _freeze_clock(monkeypatch, utc: datetime.datetime):
    monkeypatch.setattr(timezone, "now", lambda: utc)


@pytest.mark.parametrize("year", [2026, 2099])
@pytest.mark.django_db
def test_before_7_in_the_morning_in_vietnam_today_is_already_the_local_date(world, monkeypatch, year):
    # 03:00 on 2 December in Vietnam is still 20:00 on 1 December in UTC
    _freeze_clock(monkeypatch, datetime.datetime(year, 12, 1, 20, 0, tzinfo=datetime.UTC))
    assert calendar.today() == datetime.date(year, 12, 2)
    assert calendar.current_school_year() == year
    draft = annual_report_create(actor=world.officer, office=world.office, school_year=year)
    frozen = annual_report_freeze(actor=world.officer, report=draft, on=datetime.date(year, 12, 2))
    assert frozen.frozen_on == datetime.date(year, 12, 2)
    with pytest.raises(ValidationError):  # tomorrow, in Vietnam, is still refused
        annual_report_freeze(actor=world.officer, report=draft, on=datetime.date(year, 12, 3))


def _block(blocks, key):
    return next(b for b in blocks if b["key"] == key)


def _row(block, first_cell_startswith):
    for row in block["table"]["rows"]:
        if str(row["cells"][0]["v"]).startswith(first_cell_startswith):
            return [c["v"] for c in row["cells"]]
    raise AssertionError(f"no row {first_cell_startswith!r}")


def _recognise(subjects, rubric, year):
    Assessment.objects.bulk_create(
        [
            Assessment(
                subject=s,
                year=year,
                rubric=rubric,
                status=Assessment.Status.RECOGNISED,
                passed=True,
                band="Tốt",
                recognised_on=datetime.date(year, 12, 1),
            )
            for s in subjects
        ]
    )
    refresh_ls_counts(area_ids={s.area_id for s in subjects})  # rows written around the services


@pytest.mark.django_db
def test_the_2026_2027_report_counts_literacy_and_learning_society_of_the_years_the_calendar_assigns(world):
    school_year = 2026
    literacy_year, ls_year = calendar.statistics_year(school_year), calendar.recognition_year(school_year)
    # literacy: the calendar's year has 9 of 10 literate; the next year's round says otherwise
    this_round = make_round(world.office, year=literacy_year, reference_date=datetime.date(literacy_year, 9, 30))
    bulk_people(this_round, world.hamlet, [{"birth_year": 2000, "grade": g} for g in [5] * 8 + [3, 0]])
    later = literacy_year + 1
    next_round = make_round(world.office, year=later, reference_date=datetime.date(later, 9, 30))
    bulk_people(next_round, world.hamlet, [{"birth_year": 2000, "grade": 0}] * 4)
    # learning society: one family recognised in the calendar's year, another the year after
    rubric = next(r for r in ls_services.rubrics_load_shipped(actor=None) if r.subject_kind == Title.FAMILY)
    families = Subject.objects.bulk_create(
        [Subject(area=world.hamlet, title=Title.FAMILY, name=f"Hộ số {i}") for i in range(4)]
    )
    _recognise(families[:1], rubric, ls_year)
    _recognise(families[1:2], rubric, ls_year + 1)

    report = annual_report_create(actor=world.officer, office=world.office, school_year=school_year)
    blocks = report_blocks(report)

    literacy = _block(blocks, "literacy.standard")
    assert f"năm thống kê {literacy_year}" in literacy["table"]["title"]
    assert _row(literacy, world.commune.name)[1:5] == [10, 0, 9, 90.0]
    society = _block(blocks, "learning_society.recognitions")
    assert str(ls_year) in society["table"]["title"]
    assert _row(society, "Gia đình học tập")[1:4] == [4, 0, 1]  # the one recognised in 2026
    assert literacy_year == ls_year == 2026
