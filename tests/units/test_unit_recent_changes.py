"""A unit page's 'Thao tác gần đây' names what each action was about, never a bare '— —'."""

import re

from django.urls import reverse

from units import audit


def _recent(html: str) -> str:
    block = html.split("Thao tác gần đây", 1)[1].split("</ul>", 1)[0]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", block))


def test_recent_changes_show_the_subject_and_who(world, login):
    audit.record(actor=None, action="learning_society.recognise", obj=world.school, unit=world.commune)
    audit.record(actor=world.officer, action="unit.update", unit=world.commune)
    text = _recent(login(world.officer).get(reverse("units:detail", args=[world.commune.pk])).content.decode())
    assert "Công nhận danh hiệu: Trường THCS Đống Đa" in text
    assert "Hệ thống ·" in text
    assert "Sửa thông tin đơn vị Nguyễn Văn Chuyên ·" in text  # no subject recorded: no dashes either
    assert "—" not in text
