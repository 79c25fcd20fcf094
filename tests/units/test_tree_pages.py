"""The unit tree at province size (issue 20): it opens at the top level with a page of each node's
children; further pages and deeper levels load by htmx, each with the same number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import make_unit
from units import selectors
from units.models import UnitKind


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr(selectors, "TREE_PAGE", 5)


def _communes(world, n: int, start: int = 0) -> None:
    for i in range(start, start + n):
        make_unit(UnitKind.COMMUNE, parent=world.office, name=f"Nhiều {i:03d}")


def _get(client, url, **params):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    return response.content.decode(), len(ctx)


def test_the_tree_opens_with_a_page_of_children_and_a_button_for_the_rest(world, client, small_pages):
    _communes(world, 12)
    client.force_login(world.officer)
    html = client.get(reverse("units:tree")).content.decode()
    assert html.count('class="tree-node') == 5
    more = reverse("units:children", args=[world.office.pk]) + "?page=2"
    assert more in html and "Xem thêm (còn" in html
    assert "Thôn Đông" not in html  # a commune's hamlets load only when it is opened


def test_xem_them_adds_the_next_rows_and_the_last_page_has_no_button(world, client, small_pages):
    _communes(world, 7)  # with office A's own children: more than two pages of 5
    client.force_login(world.officer)
    url = reverse("units:children", args=[world.office.pk])
    total = len(selectors.tree_children(world.office, selectors.today()))
    shown = 5
    page = 2
    while True:
        html, _queries = _get(client, url, page=page)
        assert "<html" not in html and "<ul" not in html.split("tree-node")[0]  # rows for the open list
        rows = html.count('class="tree-node')
        shown += rows
        if f"page={page + 1}" not in html:
            break
        assert rows == 5
        page += 1
    assert shown == total


def test_each_page_of_a_large_node_runs_the_same_queries(world, client, small_pages):
    _communes(world, 12)
    client.force_login(world.officer)
    url = reverse("units:children", args=[world.office.pk])
    _get(client, url)  # warm: session, content types
    first, first_queries = _get(client, url)
    _second, second_queries = _get(client, url, page=2)
    _communes(world, 40, start=100)
    _third, later_queries = _get(client, url, page=9)
    assert first_queries == second_queries == later_queries
    assert "Xem thêm (còn" in first


def test_a_page_number_that_is_not_a_number_shows_the_first_page(world, client, small_pages):
    _communes(world, 6)
    client.force_login(world.officer)
    html, _ = _get(client, reverse("units:children", args=[world.office.pk]), page="abc")
    assert html.count('class="tree-node') == 5
