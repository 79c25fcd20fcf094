"""One list of date forms and one amount reading for every input of the portal (issue 14 items 13
and 14): 20.05.2026, 20/05/2026, 20-05-2026 and 20052026 are the same day in every date field of
every form and in the household importer; 5.000.000 and 5 000 000 are five million đồng."""

import datetime
import importlib
import inspect
import io
import pkgutil
from decimal import Decimal

import pytest
from django import forms

from literacy import household_import
from literacy.models import Person
from tests.literacy.fixtures import make_round, row, workbook_bytes
from units.forms import AmountField, PortalDateField

DAY = datetime.date(2026, 5, 20)
TYPED = ["20.05.2026", "20/05/2026", "20-05-2026", "20052026", " 20/05/2026 "]
APPS = ["units", "centers", "literacy", "learning_society", "reports"]


def _date_fields():
    found = []
    for app in APPS:
        package = importlib.import_module(app)
        for info in pkgutil.walk_packages(package.__path__, app + "."):
            if ".migrations" in info.name or ".management" in info.name:
                continue
            module = importlib.import_module(info.name)
            for name, cls in vars(module).items():
                if inspect.isclass(cls) and issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__:
                    for field_name, field in cls.base_fields.items():
                        if isinstance(field, forms.DateField):
                            found.append((f"{module.__name__}.{name}.{field_name}", field))
    return found


def test_every_date_field_of_every_form_reads_the_same_forms():
    fields = _date_fields()
    names = {name.split(".")[0] for name, _f in fields}
    assert {"centers", "literacy", "learning_society", "reports", "units"} <= names
    for name, field in fields:
        assert isinstance(field, PortalDateField), name
        for text in TYPED:
            assert field.clean(text) == DAY, (name, text)
        assert field.clean("30112026") == datetime.date(2026, 11, 30), name
        for wrong in ("1112026", "31022026", "2026"):
            with pytest.raises(forms.ValidationError) as refused:
                field.clean(wrong)
            assert "ngày" in refused.value.messages[0].lower(), (name, wrong)


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["20.05.1990", "20/05/1990", "20-05-1990", "20051990"])
def test_the_household_importer_reads_the_same_date_forms(world, typed):
    survey_round = make_round(world.office)
    plan = household_import.check(
        io.BytesIO(workbook_bytes([row(name="Ngày Sinh", birth=typed)])),
        survey_round=survey_round,
        commune=world.commune,
    )
    assert plan.ok, plan.errors[:2]
    household_import.apply(plan, actor=world.officer, survey_round=survey_round, commune=world.commune)
    assert Person.objects.get(full_name="Ngày Sinh").birth_date == datetime.date(1990, 5, 20)


@pytest.mark.parametrize("typed", ["5000000", "5.000.000", "5 000 000", "5\u00a0000\u00a0000"])
def test_an_amount_is_read_as_people_write_it(typed):
    assert AmountField().clean(typed) == Decimal(5000000)


@pytest.mark.parametrize("typed", ["5.00.000", "5,5", "năm triệu", "5.000 000"])
def test_a_wrong_amount_is_refused_in_plain_words(typed):
    with pytest.raises(forms.ValidationError) as refused:
        AmountField().clean(typed)
    assert "Số tiền không hợp lệ" in refused.value.messages[0]


def test_the_centre_funding_and_plan_forms_take_dotted_amounts():
    from centers.forms import FundingForm, PlanForm

    assert FundingForm.base_fields["amount"].clean("5.000.000") == Decimal(5000000)
    assert PlanForm.base_fields["planned_budget"].clean("12 500 000") == Decimal(12500000)


def test_a_date_that_is_not_in_the_calendar_is_called_that_not_a_wrong_form():
    """Issue 17: "31/02/2012" was answered "type the date as dd/mm/yyyy"."""
    from units.forms import date_field

    field = date_field("Ngày sinh")
    for typed, shown in (
        ("31/02/2012", "31/02/2012"),
        ("31-02-2012", "31/02/2012"),
        ("31022012", "31/02/2012"),
        ("29/02/2025", "29/02/2025"),
    ):
        with pytest.raises(forms.ValidationError) as info:
            field.clean(typed)
        assert info.value.messages == [f"Ngày {shown} không có trong lịch."]
    with pytest.raises(forms.ValidationError) as info:
        field.clean("ngày mai")
    assert "không có trong lịch" not in info.value.messages[0]
    assert field.clean("29/02/2024").isoformat() == "2024-02-29"
