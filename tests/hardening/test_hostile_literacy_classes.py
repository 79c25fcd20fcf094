"""Hostile input on the literacy class operations (issue 19): the term-results grid, attendance and
dropouts. Whatever is typed: a page, never a 500; the grid stores all cells or none."""

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from literacy.results_grid import parse
from tests.hardening.strategies import EXAMPLES, case_url, hostile_text, sweep
from tests.literacy.fixtures import fresh_enrolment, literacy_world
from tests.literacy.matrix import CASES

pytestmark = pytest.mark.django_db

PAGES = [
    ("literacy:results_grid", "director"),
    ("literacy:attendance", "director"),
    ("literacy:dropout", "director"),
]


@pytest.mark.parametrize(("case_id", "who"), PAGES)
@EXAMPLES
@given(data=st.data())
def test_every_class_operations_form_survives_hostile_input(world, case_id, who, data):
    literacy_world(world)
    client = Client()
    client.force_login(getattr(world, who))
    sweep(client, case_url(CASES, case_id, world), data)


cell = st.one_of(st.sampled_from(["", "t", "H", " c ", "HTT", "CHT", "HT"]), hostile_text)


@EXAMPLES
@given(values=st.lists(cell, min_size=4, max_size=4))
def test_the_results_grid_stores_every_cell_or_none(world, values):
    lit = literacy_world(world)
    second = lit.literacy_class.enrolments.exclude(pk=lit.enrolment.pk).first() or fresh_enrolment(world)
    names = [f"r-{lit.enrolment.pk}-1", f"r-{lit.enrolment.pk}-2", f"r-{second.pk}-1", f"r-{second.pk}-3"]
    results = lambda: sorted(  # noqa: E731
        (r.enrolment_id, r.term, r.result) for e in (lit.enrolment, second) for r in e.results.all()
    )
    before = results()
    client = Client()
    client.force_login(world.director)
    response = client.post(
        reverse("literacy:results_grid", kwargs={"pk": lit.literacy_class.pk}), dict(zip(names, values, strict=True))
    )
    assert response.status_code in (302, 400)
    if response.status_code == 400:
        assert results() == before, "a refused grid stored some cells"
        return

    stored = {(pk, term): result for pk, term, result in results()}
    for name, value in zip(names, values, strict=True):
        _r, pk, term = name.split("-")
        # A saved grid holds exactly what was typed: a code's result, or nothing for an empty cell.
        assert stored.get((int(pk), int(term))) == parse(value)
