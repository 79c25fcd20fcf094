"""Issue 17, raw identifiers shown to people: a family taken from the survey register shows neither
the register's internal reference ("HH-8b4606d6-…") nor its household code ("(X02-0125)")."""

from django.urls import reverse

from learning_society import services
from learning_society.models import Subject, Title
from tests.literacy.fixtures import make_household, make_person, make_round

from .conftest import YEAR
from .test_views import _recognised


def test_a_family_from_the_register_is_named_by_its_head_without_codes(world, login):
    household = make_household(make_round(world.office), world.hamlet, code="X02-0125", head="Lò Văn Páo")
    make_person(household)
    services.families_import_from_register(actor=world.officer, hamlet=world.hamlet)
    family = Subject.objects.get(area=world.hamlet, title=Title.FAMILY)
    assert family.name == "Hộ Lò Văn Páo" and family.head_name == "Lò Văn Páo"

    client = login(world.officer)
    area = client.get(reverse("learning_society:area", args=[world.hamlet.pk])).content.decode()
    detail = client.get(reverse("learning_society:subject", args=[family.pk])).content.decode()
    for html in (area, detail):
        assert "Hộ Lò Văn Páo" in html
        assert "HH-" not in html and family.source_ref not in html and "X02-0125" not in html
    assert "Từ sổ điều tra hộ" in area


def test_the_decision_list_leaves_out_a_code_an_older_family_still_carries(world, login, shipped):
    family = services.subject_create(
        actor=world.officer, area=world.hamlet, title=Title.FAMILY, name="Hộ Lò Văn Páo (X02-0125)"
    )
    decision = _recognised(world, [family], login)
    client = login(world.officer)
    for url in (
        reverse("learning_society:decision", args=[decision.pk]),
        reverse("learning_society:recognised") + f"?nam={YEAR}",
    ):
        html = client.get(url).content.decode()
        assert "Hộ Lò Văn Páo" in html
        assert "X02-0125" not in html
