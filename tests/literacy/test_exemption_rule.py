"""One rule for the exemption (issue 14 item 13): only a disabled person may be exempt. The services
refuse it (they used to clear it silently), and the form and the importer show the same words, which
cite no article of Nghị định 20/2014 (DOMAIN.md §3)."""

import io

import pytest
from django.core.exceptions import ValidationError

from literacy import household_import, rules
from literacy.forms import PersonForm
from literacy.models import Person
from tests.literacy.fixtures import make_household, make_person, make_round, row, workbook_bytes

pytestmark = pytest.mark.django_db

WORDS = "Chỉ người khuyết tật mới được miễn (quy định của địa phương / hướng dẫn điều tra)."


def test_the_service_refuses_an_exemption_without_a_disability_on_create_and_update(world):
    household = make_household(make_round(world.office), world.hamlet)
    with pytest.raises(ValidationError) as refused:
        make_person(household, name="Không khuyết tật", exempt=True, disability=False)
    assert refused.value.message_dict == {"exempt": [WORDS]}
    assert not Person.objects.filter(full_name="Không khuyết tật").exists()

    from literacy import services

    person = make_person(household, name="Khuyết tật", exempt=True, disability=True)
    assert person.exempt is True
    with pytest.raises(ValidationError) as refused:
        services.person_update(actor=world.officer, person=person, disability=False)
    assert refused.value.message_dict == {"exempt": [WORDS]}
    person.refresh_from_db()
    assert (person.disability, person.exempt) == (True, True)


def test_the_form_and_the_importer_give_the_same_words(world):
    form = PersonForm(data={"full_name": "A", "birth_year": 1990, "sex": "M", "ethnicity": "Kinh", "exempt": "on"})
    assert not form.is_valid()
    assert form.errors["exempt"] == [WORDS]

    survey_round = make_round(world.office)
    plan = household_import.check(
        io.BytesIO(workbook_bytes([row(exempt="x")])), survey_round=survey_round, commune=world.commune
    )
    assert [e.message for e in plan.errors] == [WORDS]
    assert str(rules.EXEMPT_NEEDS_DISABILITY) == WORDS
    assert "Điều 20" not in WORDS
