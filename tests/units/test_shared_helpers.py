"""Issue 13: each copied helper has one copy (units.forms, units.concurrency, units.text) and every
page that used a copy behaves as the one copy says: dates typed the same way everywhere, a year in
the address read the same way everywhere, one birth rule for the person form and its service."""

import pytest
from django.urls import reverse
from django.utils import timezone

from centers.models import Activity
from literacy.models import Person
from tests.centers.test_views import _activity_data
from tests.literacy.fixtures import literacy_world
from units.text import as_year

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("value", "year"),
    [("2025", 2025), (" 2024 ", 2024), ("1999", None), ("2101", None), ("-2025", None), ("+2025", None), ("", None)],
)
def test_a_year_in_the_address_is_four_digits_between_2000_and_2100(value, year):
    assert as_year(value) == year
    assert as_year(None) is None


def test_a_centre_date_typed_with_dots_is_read_as_everywhere_else(world, login):
    # The centres' own date field took dd/mm/yyyy, dd/mm/yy, dd-mm-yyyy and ISO only; the one date
    # field (units.forms.date_field) also takes 10.03.2026 as the reports' and units' pages do.
    response = login(world.director).post(
        reverse("centers:activity_add", args=[world.centre.pk]),
        _activity_data(start_date="10.03.2026", end_date="10.03.2026"),
    )
    assert response.status_code == 302
    assert Activity.objects.get().start_date.isoformat() == "2026-03-10"


def _person(**overrides):
    data = {
        "full_name": "Trần Thị Sinh",
        "sex": "F",
        "ethnicity": "Kinh",
        "grade": 5,
        "stage": 0,
        "residence": "permanent",
        "status": "present",
    }
    return {**data, **overrides}


def test_a_literacy_birth_date_typed_with_dots_is_read(world, login):
    lit = literacy_world(world)
    response = login(world.principal).post(
        reverse("literacy:person_create", kwargs={"pk": lit.household.pk}), _person(birth_date="05.04.1990")
    )
    assert response.status_code == 302
    person = Person.objects.get(full_name="Trần Thị Sinh")
    assert (person.birth_date.isoformat(), person.birth_year) == ("1990-04-05", 1990)


def test_a_birth_date_before_1900_gets_the_same_words_as_a_birth_year_before_1900(world, login):
    lit = literacy_world(world)
    client = login(world.principal)
    url = reverse("literacy:person_create", kwargs={"pk": lit.household.pk})
    expected = f"Năm sinh phải từ 1900 đến {timezone.localdate().year}."
    by_date = client.post(url, _person(birth_date="01/01/1850")).content.decode()
    by_year = client.post(url, _person(birth_year="1850")).content.decode()
    assert expected in by_date and expected in by_year
    assert not Person.objects.filter(full_name="Trần Thị Sinh").exists()


def test_a_service_error_goes_next_to_its_field_or_above_the_form_never_a_crash():
    from django import forms
    from django.core.exceptions import ValidationError

    from units.forms import apply_errors

    class Compose(forms.Form):
        title = forms.CharField(required=False)
        text_summary = forms.CharField(required=False)

    form = Compose({})
    form.is_valid()
    apply_errors(
        form, ValidationError({"summary": "Thiếu phần tóm tắt.", "office": "Không có phòng này."}), prefix="text_"
    )
    assert form.errors["text_summary"] == ["Thiếu phần tóm tắt."]
    assert form.non_field_errors() == ["Không có phòng này."]
    plain = Compose({})
    plain.is_valid()
    apply_errors(plain, ValidationError("Báo cáo năm này đã có."))
    assert plain.non_field_errors() == ["Báo cáo năm này đã có."]
