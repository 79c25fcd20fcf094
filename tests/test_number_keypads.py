"""On a phone, number, amount and date boxes open the keypad for what they hold (issue 17: the
centre's forms opened the full keyboard for "Số thành viên", "Số người")."""

import re

from django import forms
from django.urls import reverse

from units.forms import AmountField, date_field


def _input(html: str, name: str) -> str:
    return re.search(rf'<input[^>]*name="{name}"[^>]*>', html).group(0)


def test_every_number_field_of_the_portal_opens_a_numeric_keypad():
    assert forms.IntegerField().widget.attrs["inputmode"] == "numeric"
    assert forms.DecimalField().widget.attrs["inputmode"] == "decimal"
    assert AmountField().widget.attrs["inputmode"] == "numeric"
    assert date_field("Ngày").widget.attrs["inputmode"] == "numeric"
    own = forms.IntegerField(widget=forms.NumberInput(attrs={"inputmode": "decimal"}))
    assert own.widget.attrs["inputmode"] == "decimal"  # a field giving its own widget keeps it


def test_the_club_form_asks_for_members_and_dates_with_the_numeric_keypad(world, client):
    client.force_login(world.director)
    html = client.get(reverse("centers:club_add", args=[world.centre.pk])).content.decode()
    assert 'inputmode="numeric"' in _input(html, "members")
    assert 'inputmode="numeric"' in _input(html, "founded_on")


def test_the_needs_form_asks_for_people_with_the_numeric_keypad(world, client):
    client.force_login(world.director)
    html = client.get(reverse("centers:need_add", args=[world.centre.pk])).content.decode()
    assert 'inputmode="numeric"' in _input(html, "people")
