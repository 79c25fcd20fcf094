"""Demo data for communication: a month of news items of the demo district — the office's portal,
the commune radios, the centres' Zalo groups and pano, the schools' websites — on the month's
topics, through communication.services so the demo leaves the rows and audit trail a user would.
An office that already has items is left alone."""

import datetime

from units.models import Unit, UnitKind, today

from . import services
from .models import Channel, NewsItem, Topic

# (days ago, unit kind, nth unit of that kind, channel, topic, title, count, link)
LINES = [
    (
        1,
        UnitKind.OFFICE,
        0,
        Channel.WEBSITE,
        Topic.LIFELONG,
        "Phòng GD&ĐT phát động học tập suốt đời trong cán bộ, giáo viên",
        1,
        True,
    ),
    (2, UnitKind.CENTRE, 0, Channel.SOCIAL, Topic.READING, "Tủ sách cùng học thôn Đông đón 120 cuốn sách mới", 3, True),
    (
        3,
        UnitKind.COMMUNE,
        0,
        Channel.RADIO,
        Topic.LITERACY,
        "Loa truyền thanh xã vận động người dân đi học lớp xóa mù chữ",
        6,
        False,
    ),
    (4, UnitKind.SCHOOL, 0, Channel.WEBSITE, Topic.LEARNING_SOCIETY, "Trường đăng ký xây dựng Đơn vị học tập", 1, True),
    (
        5,
        UnitKind.CENTRE,
        1,
        Channel.POSTER,
        Topic.LIFELONG,
        "Pano “Cả nước trở thành một xã hội học tập” tại nhà văn hóa",
        2,
        False,
    ),
    (
        6,
        UnitKind.COMMUNE,
        1,
        Channel.RADIO,
        Topic.LEARNING_SOCIETY,
        "Chuyên mục “Gia đình học tập” trên đài truyền thanh",
        4,
        False,
    ),
    (
        8,
        UnitKind.SCHOOL,
        1,
        Channel.SOCIAL,
        Topic.READING,
        "Học sinh giới thiệu sách hay trên trang Facebook của trường",
        2,
        True,
    ),
    (9, UnitKind.CENTRE, 2, Channel.EVENT, Topic.LITERACY, "Hội nghị tổng kết lớp xóa mù chữ giai đoạn 1", 1, False),
    (10, UnitKind.OFFICE, 0, Channel.PRESS, Topic.LITERACY, "Báo tỉnh đưa tin kết quả xóa mù chữ của huyện", 1, True),
    (
        12,
        UnitKind.CENTRE,
        0,
        Channel.SOCIAL,
        Topic.LIFELONG,
        "Nhóm Zalo thôn chia sẻ lịch lớp tin học cho người lớn",
        5,
        False,
    ),
    (13, UnitKind.COMMUNE, 2, Channel.RADIO, Topic.LITERACY, "Bản tin xóa mù chữ bằng tiếng Mông", 8, False),
    (
        15,
        UnitKind.SCHOOL,
        2,
        Channel.POSTER,
        Topic.READING,
        "Áp phích Ngày Sách và Văn hóa đọc ở cổng trường",
        3,
        False,
    ),
    (
        16,
        UnitKind.CENTRE,
        1,
        Channel.WEBSITE,
        Topic.LEARNING_SOCIETY,
        "Trung tâm đưa tin lớp chuyển giao kỹ thuật trồng chè",
        1,
        True,
    ),
    (
        18,
        UnitKind.OFFICE,
        0,
        Channel.EVENT,
        Topic.LEARNING_SOCIETY,
        "Hội nghị triển khai xây dựng xã hội học tập năm học mới",
        1,
        False,
    ),
    (20, UnitKind.COMMUNE, 0, Channel.SOCIAL, Topic.WEEK, "Xã chuẩn bị Tuần lễ hưởng ứng học tập suốt đời", 2, True),
    (
        22,
        UnitKind.CENTRE,
        2,
        Channel.RADIO,
        Topic.LIFELONG,
        "Phát thanh lịch sinh hoạt câu lạc bộ của TTHTCĐ",
        4,
        False,
    ),
    (
        24,
        UnitKind.SCHOOL,
        0,
        Channel.SOCIAL,
        Topic.LITERACY,
        "Giáo viên nhà trường tham gia dạy lớp xóa mù chữ",
        1,
        True,
    ),
    (26, UnitKind.COMMUNE, 1, Channel.POSTER, Topic.WEEK, "Băng rôn hưởng ứng Tuần lễ học tập suốt đời", 6, False),
    (28, UnitKind.CENTRE, 0, Channel.WEBSITE, Topic.READING, "Ngày hội đọc sách ở TTHTCĐ", 1, True),
    (30, UnitKind.OFFICE, 0, Channel.WEBSITE, Topic.OTHER, "Hướng dẫn ghi sổ tin, bài tuyên truyền trên cổng", 1, True),
]


def seed(*, office: Unit, stdout=None) -> None:
    if NewsItem.objects.filter(unit__path__startswith=office.path).exists():
        return
    units = Unit.objects.subtree_of(office).active_on().order_by("path")
    by_kind: dict[str, list[Unit]] = {}
    for unit in units:
        by_kind.setdefault(unit.kind, []).append(unit)
    day = today()
    made = 0
    for n, (ago, kind, nth, channel, topic, title, count, link) in enumerate(LINES, 1):
        candidates = by_kind.get(kind) or [office]
        unit = candidates[nth % len(candidates)]
        services.item_create(
            actor=None,
            unit=unit,
            date=day - datetime.timedelta(days=ago),
            channel=channel,
            topic=topic,
            title=title,
            count=count,
            link=f"https://example.invalid/tin-bai/{n}" if link else "",
            notes="",
        )
        made += 1
    if stdout is not None:
        stdout.write(f"  Truyền thông: {made} tin, bài trong tháng qua.")
