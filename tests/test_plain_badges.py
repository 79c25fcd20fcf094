"""Issue 17, small things a person reads wrongly: the month badge "TH 3" reads as Thứ 3 (Tuesday),
and an approved report showed "Đã duyệt" twice side by side."""

import datetime

from django.template.loader import render_to_string
from django.urls import reverse

from reports import services
from tests.reports.helpers import fill_and_submit, open_period, submission_of


def test_the_milestone_badge_names_the_month():
    milestone = {
        "start": datetime.date(2026, 3, 8),
        "end": datetime.date(2026, 3, 8),
        "title": "Ngày Quốc tế Phụ nữ",
        "source": "",
        "ongoing": False,
        "days_left": 5,
    }
    html = render_to_string("home/_milestones.html", {"milestones": [milestone]})
    assert '<span class="m">Tháng 3</span>' in html
    assert ">Th 3<" not in html


def test_the_month_is_not_printed_in_capitals(settings):
    css = (settings.BASE_DIR / "static" / "css" / "portal.css").read_text(encoding="utf-8")
    rule = next(line for line in css.splitlines() if line.startswith(".milestone-date .m "))
    assert "uppercase" not in rule


def test_an_approved_report_says_approved_once(world, login):
    sub = fill_and_submit(submission_of(open_period(world), world.school), world.principal, {"R01.TS": "10"})
    services.submission_approve(actor=world.officer, submission=sub)
    for user in (world.principal, world.officer):
        html = login(user).get(reverse("reports:submission", args=[sub.pk])).content.decode()
        start = html.index('<p class="mb-0">', html.index("<h1"))
        header = html[start : html.index("</p>", start)]
        assert header.count("Đã duyệt") == 1
        assert "Đã nộp đúng hạn" in header
    inbox = login(world.principal).get(reverse("reports:inbox")).content.decode()
    assert inbox.count("Đã duyệt") == 1
