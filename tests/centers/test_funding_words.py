""" "Thu" (income) is a Vietnamese word, but also the English msgid of Thursday that Django's own
Vietnamese catalogue translates as "Thứ 5": every place the word appears must say "Thu"."""

import io

from django.urls import reverse
from openpyxl import load_workbook

from centers.models import FundingEntry
from tests.centers import helpers

THURSDAY = "Thứ 5"


def test_the_funding_form_offers_thu_and_chi(world, login):
    html = login(world.director).get(reverse("centers:funding_add", args=[world.centre.pk])).content.decode()
    text = " ".join(html.split())
    assert '<label for="id_kind_1" class="form-check-label"> Thu </label>' in text
    assert '<label for="id_kind_2" class="form-check-label"> Chi </label>' in text
    assert THURSDAY not in html


def test_the_funding_list_and_message_say_thu(world, login):
    client = login(world.director)
    response = client.post(
        reverse("centers:funding_add", args=[world.centre.pk]),
        {"kind": "receipt", "date": helpers.today().isoformat(), "source": "state_budget", "amount": "20000000"},
        follow=True,
    )
    html = response.content.decode()
    assert FundingEntry.objects.filter(centre=world.centre).count() == 1
    assert "Đã ghi khoản thu." in html
    assert '<span class="badge tint-green">Thu</span>' in html
    assert THURSDAY not in html and THURSDAY.lower() not in html
    assert str(FundingEntry.objects.get()).startswith("Thu ")


def test_the_centre_table_and_its_excel_say_thu(world, login):
    helpers.make_funding(world.centre, amount=20_000_000)
    client = login(world.officer)
    html = client.get(reverse("centers:index")).content.decode()
    assert "Thu (đồng)" in html and THURSDAY not in html
    response = client.post(reverse("centers:overview_xlsx"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [cell for row in sheet.iter_rows(values_only=True) for cell in row if cell is not None]
    assert "Thu" in values and "Chi" in values
    assert not any(THURSDAY in str(v) for v in values)
