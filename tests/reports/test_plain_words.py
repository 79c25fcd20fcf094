"""Issue 17, raw identifiers shown to people: a report's warnings and its history name the row and
the column as the form prints them, never a code such as "[R07.TS]"."""

from django.urls import reverse

from .helpers import open_period, save, submission_of


def test_a_warning_names_the_row_and_column_not_the_cell_code(world, login):
    sub = submission_of(open_period(world), world.school)
    data = {"version": sub.version, "action": "submit", "v:R01.TS": "5", "v:R05.TS": "2000000"}
    response = login(world.principal).post(reverse("reports:submission", args=[sub.pk]), data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "<strong>Kinh phí — Tổng số</strong>: Kinh phí lớn bất thường." in html
    assert "[R05.TS]" not in html


def test_the_history_names_the_row_and_column(world, login):
    sub = save(submission_of(open_period(world), world.school), world.principal, {"R01.TS": "5"})
    html = login(world.principal).get(reverse("reports:submission", args=[sub.pk])).content.decode()
    assert "Lớp pháp luật — Tổng số" in html
    assert "[R01.TS]" not in html
