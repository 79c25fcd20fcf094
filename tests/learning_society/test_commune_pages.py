"""The index and the statistics at province size (issue 20): a page of communes with a pager that
keeps the year and the unit in its links, the office's total over every commune on every page, the
PDF with every commune, and the same queries for 5 communes as for 40."""

import io

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from learning_society.models import Title
from learning_society.views import COMMUNES_PER_PAGE
from tests.factories import make_unit
from units.models import Unit, UnitKind

from .conftest import YEAR, make_families


def _add_communes(world, n, *, families=1):
    """n more communes of the office, "Xã Thêm 00" …, each with one hamlet of `families` families."""
    start = Unit.objects.filter(kind=UnitKind.COMMUNE, name__startswith="Xã Thêm").count()
    communes = []
    for i in range(start, start + n):
        commune = make_unit(UnitKind.COMMUNE, parent=world.office, name=f"Xã Thêm {i:02d}")
        make_families(make_unit(UnitKind.HAMLET, parent=commune, name=f"Thôn Thêm {i:02d}"), families)
        communes.append(commune)
    return communes


def _names(response) -> list[str]:
    return [r.unit.name for r in response.context["rows"]]


def _stats(world, extra=""):
    return reverse("learning_society:stats") + f"?nam={YEAR}&don_vi={world.office.pk}{extra}"


def _all_communes(world) -> list[str]:
    return [u.name for u in Unit.objects.filter(kind=UnitKind.COMMUNE, path__startswith=world.office.path)]


def test_the_statistics_page_shows_a_page_of_communes_with_a_pager_that_keeps_the_year(world, shipped, login):
    _add_communes(world, 40)
    n = len(_all_communes(world))  # the 40 and the world's own
    client = login(world.officer)
    first = client.get(_stats(world))
    html = first.content.decode()
    assert len(_names(first)) == COMMUNES_PER_PAGE
    assert f"Hiển thị 1–{COMMUNES_PER_PAGE} trên {n}" in html
    # The "Sau" link goes to page 2 of the same year and the same unit.
    assert f"?nam={YEAR}&amp;don_vi={world.office.pk}&amp;page=2" in html
    second = client.get(_stats(world, "&page=2"))
    assert len(_names(second)) == n - COMMUNES_PER_PAGE
    assert f"Hiển thị {COMMUNES_PER_PAGE + 1}–{n} trên {n}" in second.content.decode()
    assert sorted(_names(first) + _names(second)) == sorted(_all_communes(world))


def test_the_index_shows_a_page_of_communes_with_a_pager_that_keeps_the_year(world, shipped, login):
    _add_communes(world, 40)
    client = login(world.officer)
    url = reverse("learning_society:index") + f"?nam={YEAR}"
    first = client.get(url)
    assert len(_names(first)) == COMMUNES_PER_PAGE
    assert f"?nam={YEAR}&amp;page=2" in first.content.decode()
    assert len(_names(client.get(url + "&page=2"))) == len(_all_communes(world)) - COMMUNES_PER_PAGE


def test_the_total_row_counts_every_commune_of_the_office_on_every_page(world, shipped, login):
    _add_communes(world, 40, families=2)
    client = login(world.officer)
    for page in ("", "&page=2"):
        response = client.get(_stats(world, page))
        total = response.context["total"].titles[Title.FAMILY]
        assert total.total == 80  # 40 communes × 2 families, not the communes on this page
        assert total.title == Title.FAMILY
        # Communities: every commune of the office, whichever page is shown.
        assert response.context["total"].titles[Title.COMMUNE_COMMUNITY].total == len(_all_communes(world))
        assert sum(r.titles[Title.FAMILY].total for r in response.context["rows"]) < 80
    index = client.get(reverse("learning_society:index") + f"?nam={YEAR}&page=2")
    assert index.context["total"].titles[Title.FAMILY].total == 80


def test_the_statistics_pdf_holds_every_commune(world, shipped, login):
    _add_communes(world, COMMUNES_PER_PAGE + 5)
    client = login(world.officer)
    response = client.get(reverse("learning_society:stats_pdf") + f"?nam={YEAR}&don_vi={world.office.pk}")
    assert response["Content-Type"] == "application/pdf"
    data = b"".join(response.streaming_content) if response.streaming else response.content
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).split())
    for i in range(COMMUNES_PER_PAGE + 5):
        assert f"Xã Thêm {i:02d}" in text


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_the_index_and_the_statistics_run_the_same_queries_for_5_and_40_communes(world, shipped, login):
    client = login(world.officer)
    urls = [reverse("learning_society:index") + f"?nam={YEAR}", _stats(world), _stats(world, "&page=2")]
    _add_communes(world, 5)
    few = [_queries(client, u) for u in urls]
    _add_communes(world, 35)
    assert [_queries(client, u) for u in urls] == few
