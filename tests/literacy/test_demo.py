"""The demo register: some communes meet the standard and some miss it; running it twice adds nothing."""

import io

import pytest

from literacy import attainment, demo, selectors
from literacy.models import Person, SurveyRound
from tests.factories import make_unit
from units.models import UnitKind

pytestmark = pytest.mark.django_db


def test_demo_register_has_communes_on_both_sides_of_the_standard_and_is_idempotent(world, monkeypatch):
    monkeypatch.setattr(demo, "TARGET_PEOPLE", 2400)
    for i in range(2):
        commune = make_unit(UnitKind.COMMUNE, parent=world.office, name=f"Mẫu {i}")
        make_unit(UnitKind.HAMLET, parent=commune)
        make_unit(UnitKind.CENTRE, parent=commune)
    make_unit(UnitKind.HAMLET, parent=world.difficult_commune)
    out = io.StringIO()
    demo.seed(office=world.office, stdout=out)
    rounds = SurveyRound.objects.filter(office=world.office).order_by("number")
    assert [r.number for r in rounds] == [1, 2]
    count = Person.objects.count()
    assert count > 4000
    standard = attainment.office_standard(world.office, demo.YEAR)
    met = [c.level1.met for c in standard.communes]
    assert any(met) and not all(met), [(c.commune.code, c.level1.rate, c.level2.rate) for c in standard.communes]
    assert selectors.relapses(world.officer, rounds[1]).exists()
    assert selectors.duplicate_groups(world.officer, rounds[1]).exists()
    demo.seed(office=world.office, stdout=out)
    assert Person.objects.count() == count
    # Issue 18: one commune that meets level 1 has its recognition dossier waiting for the office.
    from literacy.models import RecognitionDossier

    dossier = RecognitionDossier.objects.get()
    assert dossier.status == "submitted" and dossier.level == 1
    assert next(c for c in standard.communes if c.commune == dossier.commune).level1.met
    # Issue 19: the demo classes have their sessions' attendance, and one learner left a class.
    from literacy.models import Attendance, ClassSession, Dropout

    assert ClassSession.objects.count() == 16 and Attendance.objects.filter(present=True).exists()
    assert Dropout.objects.count() == 1
