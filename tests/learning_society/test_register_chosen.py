"""Issue 17: families are registered one at a time or a ticked few, not only a whole hamlet at once;
each registration is audited with the family's name and a second registration is refused by name."""

import pytest
from django.urls import reverse

from learning_society.models import Registration
from units.models import AuditEntry

from .conftest import YEAR

pytestmark = pytest.mark.django_db


def _url(world):
    return reverse("learning_society:register_chosen", args=[world.hamlet.pk]) + f"?danh_hieu=family&nam={YEAR}"


def test_one_family_is_registered_from_its_row(world, families, login):
    client = login(world.association_officer)
    page = client.get(_url(world)).content.decode()
    assert all(f.name in page for f in families)
    response = client.post(_url(world), {"nam": YEAR, "danh_hieu": "family", "one": families[1].pk}, follow=True)
    assert list(Registration.objects.values_list("subject_id", flat=True)) == [families[1].pk]
    assert "Đã đăng ký 1 đối tượng cho năm 2025: Hộ bà Trần Thị Bình." in response.content.decode()
    entry = AuditEntry.objects.get(action="learning_society.register")
    assert entry.actor == world.association_officer and entry.changes["subject"][1] == "Hộ bà Trần Thị Bình"


def test_ticked_families_are_registered_and_the_others_are_not(world, families, login):
    client = login(world.association_officer)
    client.post(_url(world), {"nam": YEAR, "danh_hieu": "family", "subject": [families[0].pk, families[2].pk]})
    assert set(Registration.objects.values_list("subject_id", flat=True)) == {families[0].pk, families[2].pk}
    assert AuditEntry.objects.filter(action="learning_society.register").count() == 2


def test_a_family_registered_twice_is_refused_by_name_and_nothing_is_written(world, families, login):
    client = login(world.association_officer)
    client.post(_url(world), {"nam": YEAR, "danh_hieu": "family", "one": families[0].pk})
    response = client.post(
        _url(world), {"nam": YEAR, "danh_hieu": "family", "subject": [families[0].pk, families[1].pk]}, follow=True
    )
    page = response.content.decode()
    assert "Hộ ông Nguyễn Văn An đã đăng ký năm 2025" in page and "không đăng ký lại" in page
    assert Registration.objects.count() == 1


def test_nothing_ticked_or_a_family_of_another_hamlet_is_refused_clearly(world, families, login):
    from learning_society import services
    from learning_society.models import Title
    from tests.factories import make_unit
    from units.models import UnitKind

    elsewhere = make_unit(UnitKind.HAMLET, parent=world.commune, name="Bắc", code="TH9")
    stranger = services.subject_create(actor=None, area=elsewhere, title=Title.FAMILY, name="Hộ ông Xa Lạ")
    client = login(world.association_officer)
    page = client.post(_url(world), {"nam": YEAR, "danh_hieu": "family"}, follow=True).content.decode()
    assert "Hãy đánh dấu ít nhất một đối tượng để đăng ký." in page
    page = client.post(_url(world), {"nam": YEAR, "subject": [stranger.pk]}, follow=True).content.decode()
    assert "không thuộc" in page and "Xa Lạ" not in page
    assert not Registration.objects.exists()


def test_the_family_page_registers_that_family(world, families, login):
    from learning_society.selectors import current_year

    client = login(world.association_officer)
    url = reverse("learning_society:subject", args=[families[0].pk])
    assert 'name="one"' in client.get(url).content.decode()
    page = client.post(
        reverse("learning_society:register_chosen", args=[world.hamlet.pk]),
        {"nam": current_year(), "danh_hieu": "family", "one": families[0].pk, "next": url},
        follow=True,
    ).content.decode()
    assert Registration.objects.get().subject == families[0]
    assert "đã đăng ký ngày" in page.split('id="registration"')[1].split("</dd>")[0]
