"""Targets are dated data with their source (issue 14 item 9): QĐ 281/QĐ-TTg for 2014–2020, QĐ
387/QĐ-TTg for 2021–2030, an office's own target over both, "chưa đặt" (cần xác minh) where no source
gives a number; and `learning_society_stats` prints the statistics page's own figures."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils.html import escape
from lxml import html

from learning_society.models import Checker, Title, TitleSetting
from learning_society.targets import target_for

from .conftest import YEAR
from .test_rates import _families

QD_387 = "Quyết định số 387/QĐ-TTg ngày 25/03/2022"
QD_281 = "Quyết định số 281/QĐ-TTg ngày 20/02/2014"


def test_2026_targets_come_from_qd_387_and_2019_from_qd_281(world, db):
    percent, citation, by = target_for(Title.FAMILY, 2026, world.commune)
    assert (percent, by) == (70, None) and QD_387 in citation
    percent, citation, _by = target_for(Title.CLAN, 2026, world.commune)
    assert percent == 65 and QD_387 in citation  # 50 under QĐ 281
    assert target_for(Title.LEARNING_UNIT, 2026, world.commune)[0] == 80
    percent, citation, _by = target_for(Title.CLAN, 2019, world.commune)
    assert percent == 50 and QD_281 in citation
    percent, citation, _by = target_for(Title.FAMILY, 2019, world.difficult_commune)
    assert percent == 60 and QD_281 in citation  # difficult areas, QĐ 281
    # No source gives the commune learning community a number: a setting, not a default.
    assert target_for(Title.COMMUNE_COMMUNITY, 2026, world.commune) == (None, "(cần xác minh)", None)


def test_an_office_target_wins_and_is_shown_as_the_offices(world, login):
    TitleSetting.objects.create(
        office=world.office,
        title=Title.FAMILY,
        checker=Checker.ASSOCIATION,
        recogniser=Checker.COMMUNE,
        target_percent=75,
        target_percent_difficult=0,
    )
    percent, citation, by = target_for(Title.FAMILY, 2026, world.commune)
    assert (percent, by) == (75, world.office.full_name)
    assert world.office.full_name in citation and "387" not in citation
    # the clan still follows the programme
    assert target_for(Title.CLAN, 2026, world.commune)[0] == 65
    page = login(world.officer).get(reverse("learning_society:stats") + "?nam=2026").content.decode()
    assert escape(f"Chỉ tiêu do {world.office.full_name} đặt") in page


def test_the_statistics_page_and_pdf_print_the_citation(world, login):
    client = login(world.officer)
    page = client.get(reverse("learning_society:stats") + "?nam=2026").content.decode()
    assert QD_387 in page and "chưa đặt" in page and "(cần xác minh)" in page
    assert "281/QĐ-TTg" not in page
    page = client.get(reverse("learning_society:stats") + "?nam=2019").content.decode()
    assert QD_281 in page and "387/QĐ-TTg" not in page


def _met(cell) -> bool | None:
    """Green: met; red: not met; no colour: no target or nothing to count."""
    classes = " ".join(cell.xpath(".//span/@class"))
    return True if "text-success" in classes else False if "text-danger" in classes else None


def _page_total_table(page: str) -> dict[str, dict]:
    """The statistics page's "Toàn đơn vị" table, as the user reads it."""
    tree = html.fromstring(page)
    table = tree.xpath("//div[contains(@class,'card-header') and normalize-space()='Toàn đơn vị']/following::table[1]")[
        0
    ]
    rows = {}
    for tr in table.xpath(".//tbody/tr"):
        cells = tr.xpath("./td")
        target_cell = cells[6]
        source = target_cell.xpath(".//div[contains(@class,'target-source')]")[0]
        rows[cells[0].text_content().strip()] = {
            "eligible": int(cells[1].text_content()),
            "recognised": int(cells[4].text_content()),
            "share_text": cells[5].text_content().strip(),
            "target": (target_cell.text or "").strip(),
            "target_source": source.text_content().strip(),
            "met": _met(cells[5]),
        }
    return rows


@pytest.mark.parametrize("recognised", [7, 6])
def test_the_command_json_equals_the_statistics_page(world, shipped, login, recognised):
    _families(world, shipped, recognised, 10)  # recognised in 2025 (QĐ 387's years)
    out = StringIO()
    call_command("learning_society_stats", unit=world.office.code, year=YEAR, json=True, stdout=out)
    data = json.loads(out.getvalue())
    page = _page_total_table(
        login(world.officer).get(reverse("learning_society:stats") + f"?nam={YEAR}").content.decode()
    )
    assert [r["label"] for r in data["titles"]] == list(page)
    for row in data["titles"]:
        shown = page[row["label"]]
        assert row["eligible"] == shown["eligible"]
        assert row["recognised"] == shown["recognised"]
        assert (row["share_text"] or "—") == shown["share_text"]
        assert (f"{row['target']}%" if row["target"] is not None else "chưa đặt") == shown["target"]
        assert row["target_source"] == shown["target_source"]
        assert row["meets_target"] == shown["met"]
    family = next(r for r in data["titles"] if r["title"] == Title.FAMILY)
    assert family["recognised"] == recognised and family["share"] == f"{recognised}/10"
    assert family["share_text"] == f"{recognised}0,0%" and family["rate_exact"] == f"{recognised * 10}/1"
    assert family["target"] == 70 and QD_387 in family["target_source"]
    assert family["meets_target"] is (recognised >= 7)


def test_the_command_prints_a_vietnamese_table(world, shipped):
    _families(world, shipped, 7, 10)
    out = StringIO()
    call_command("learning_society_stats", unit=world.commune.code, year=YEAR, stdout=out)
    text = out.getvalue()
    assert "Gia đình học tập" in text and "70,0%" in text and QD_387 in text and "chưa đặt" in text


def test_the_command_refuses_an_unknown_or_unusable_unit(world):
    with pytest.raises(CommandError, match="Không tìm thấy đơn vị có mã “KHONGCO”"):
        call_command("learning_society_stats", unit="KHONGCO", year=2026)
    with pytest.raises(CommandError, match="chỉ thống kê được cho phòng giáo dục hoặc xã"):
        call_command("learning_society_stats", unit=world.hamlet.code, year=2026)


def test_targets_saved_as_the_old_form_prefilled_them_follow_the_programme_again(world, db):
    """Migration learning_society 0006: a row still holding QĐ 281's pre-filled pair (70/60 for
    families) is an office that never chose a target, so QĐ 387 applies in 2026; 75 is a choice."""
    import importlib

    from django.apps import apps

    def setting(title, target, difficult):
        return TitleSetting.objects.create(
            office=world.office,
            title=title,
            checker=Checker.ASSOCIATION,
            recogniser=Checker.COMMUNE,
            target_percent=target,
            target_percent_difficult=difficult,
        )

    prefilled, chosen = setting(Title.FAMILY, 70, 60), setting(Title.CLAN, 75, 40)
    assert target_for(Title.FAMILY, 2026, world.commune)[2] == world.office.full_name  # overrides QĐ 387
    importlib.import_module(
        "learning_society.migrations.0006_title_settings_follow_the_programme"
    ).follow_the_programme(apps, None)
    prefilled.refresh_from_db()
    chosen.refresh_from_db()
    assert (prefilled.target_percent, prefilled.target_percent_difficult) == (0, 0)
    assert (chosen.target_percent, chosen.target_percent_difficult) == (75, 40)
    percent, citation, by = target_for(Title.FAMILY, 2026, world.commune)
    assert (percent, by) == (70, None) and QD_387 in citation
