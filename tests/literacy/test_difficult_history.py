"""Issue 14 item 11: the especially difficult status is dated (DOMAIN.md §3, Nghị định 20/2014/NĐ-CP
Điều 20–21): clearing it today leaves a past year's standard as it was computed with the old status."""

import datetime
import importlib

import pytest
from django.apps import apps as global_apps
from django.urls import reverse

from literacy import attainment
from tests.factories import make_unit
from tests.literacy.fixtures import bulk_people, make_round
from units import services
from units.models import AuditEntry, UnitKind, UnitStatusPeriod, today
from units.status import is_especially_difficult

pytestmark = pytest.mark.django_db


def _people(year, n, *, age, grade):
    return [{"birth_year": year - age, "grade": grade} for _ in range(n)]


def _flagged_commune_with_rounds(world):
    """Nậm Pồ (ĐBKK since 2000) in 2024 and 2026: ten people aged 30 who finished primary school
    (level 2) and five aged 50 who did not. Level 2 is met in the ĐBKK band 15–35 (10 of 10) and not
    in the ordinary band 15–60 (10 of 15)."""
    hamlet = make_unit(UnitKind.HAMLET, parent=world.difficult_commune)
    for year in (2024, today().year):
        survey_round = make_round(world.office, year=year, reference_date=datetime.date(year, 9, 30), carry_over=False)
        bulk_people(survey_round, hamlet, _people(year, 10, age=30, grade=5) + _people(year, 5, age=50, grade=0))


def _level2(commune, year):
    result, _round, _conf = attainment.commune_standard(commune, year)
    level2 = result.level2
    return result.especially_difficult, level2.age_to, level2.literate, level2.denominator, level2.met


def test_clearing_the_flag_today_keeps_the_2024_level_two_and_changes_2026(world, client):
    now = today()
    _flagged_commune_with_rounds(world)
    assert _level2(world.difficult_commune, 2024) == (True, 35, 10, 10, True)
    assert _level2(world.difficult_commune, now.year) == (True, 35, 10, 10, True)

    client.force_login(world.officer)
    response = client.post(
        reverse("units:edit", args=[world.difficult_commune.pk]),
        {
            "code": world.difficult_commune.code,
            "name": world.difficult_commune.name,
            "level_label": "Xã",
            "valid_from": "01/01/2000",
            # The officer dates the change from the new list (1 January): this year's round is judged
            # on its reference date (30/9), so it takes the new status.
            "status_from": f"{datetime.date(now.year, 1, 1):%d/%m/%Y}",
            "status_source": "Quyết định số 612/QĐ-UBDT",
        },
    )
    assert response.status_code == 302
    world.difficult_commune.refresh_from_db()
    assert not world.difficult_commune.especially_difficult

    # 2024 is judged with the status it had in 2024; the current year with the new one.
    assert _level2(world.difficult_commune, 2024) == (True, 35, 10, 10, True)
    assert _level2(world.difficult_commune, now.year) == (False, 60, 10, 15, False)
    office = attainment.office_standard(world.office, 2024)
    nam_po = next(c for c in office.communes if c.commune == world.difficult_commune)
    assert nam_po.level2.met and nam_po.especially_difficult
    assert attainment.name_list_for(world.difficult_commune, 2024, 2).band.age_to == 35

    period = UnitStatusPeriod.objects.get(unit=world.difficult_commune)
    assert (period.valid_from, period.valid_to) == (datetime.date(2000, 1, 1), datetime.date(now.year - 1, 12, 31))
    entry = AuditEntry.objects.get(action="unit.status", unit=world.difficult_commune)
    assert entry.changes["source"] == ["", "Quyết định số 612/QĐ-UBDT"]


def test_setting_the_flag_opens_a_period_from_the_day_entered(world):
    services.unit_update(
        actor=world.officer,
        unit=world.commune,
        especially_difficult=True,
        status_from=datetime.date(2025, 7, 1),
        status_source="Quyết định số 1/QĐ-TTg",
    )
    assert not is_especially_difficult(world.commune, datetime.date(2025, 6, 30))
    assert is_especially_difficult(world.commune, datetime.date(2025, 7, 1))
    assert UnitStatusPeriod.objects.get(unit=world.commune).source == "Quyết định số 1/QĐ-TTg"


def test_a_change_dated_before_the_current_period_is_refused_in_vietnamese(world, client):
    client.force_login(world.officer)
    response = client.post(
        reverse("units:edit", args=[world.difficult_commune.pk]),
        {
            "code": world.difficult_commune.code,
            "name": world.difficult_commune.name,
            "level_label": "Xã",
            "valid_from": "01/01/2000",
            "status_from": "01/01/1999",
        },
    )
    assert response.status_code == 200
    assert "Ngày thay đổi phải sau ngày 01/01/2000" in response.content.decode()
    world.difficult_commune.refresh_from_db()
    assert world.difficult_commune.especially_difficult


def test_the_data_migration_turns_todays_flag_into_a_period(world):
    UnitStatusPeriod.objects.all().delete()
    migration = importlib.import_module("units.migrations.0004_especially_difficult_periods")
    migration.forwards(global_apps, None)
    period = UnitStatusPeriod.objects.get()
    assert (period.unit, period.valid_from, period.valid_to) == (
        world.difficult_commune,
        datetime.date(2000, 1, 1),
        None,
    )
