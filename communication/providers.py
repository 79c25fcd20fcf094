"""Indicator providers (reports.providers): the communication figures a report-form cell or the
annual report takes, for any units over a date range, summed over each unit's subtree:

- communication.news: tin, bài on the website, press, commune radio and social networks (the sum of
  their counts) — the news rows of the lifelong-learning week report (HTSD-TUAN H08) and of the
  school's GDTX report (TRUONG-GDTX R12);
- communication.posters: pano, áp phích, băng rôn (HTSD-TUAN H09);
- communication.events: conferences and events;
- communication.items: every line logged; communication.channel.<c>: the count on one channel.

One query whatever the number of units.
"""

import datetime

from django.db.models import Count, Sum

from reports.providers import register_provider, roll_up, subtree_q

from .models import NEWS_CHANNELS, Channel, NewsItem

SOURCE = "Sổ tin, bài tuyên truyền (phân hệ Truyền thông)"


def _sum(channels=None, *, lines: bool = False):
    def provider(units, start: datetime.date, end: datetime.date) -> dict:
        units = list(units.only("id", "path"))
        rows = NewsItem.objects.filter(subtree_q("unit__path", units), date__gte=start, date__lte=end)
        if channels is not None:
            rows = rows.filter(channel__in=channels)
        figure = Count("id") if lines else Sum("count")
        rows = rows.order_by().values("unit__path").annotate(n=figure)
        return roll_up(units, {r["unit__path"]: r["n"] or 0 for r in rows})

    return provider


PROVIDERS = {
    "communication.news": (
        "Tin, bài tuyên truyền (cổng thông tin, báo chí, truyền thanh, mạng xã hội)",
        _sum(NEWS_CHANNELS),
    ),
    "communication.posters": ("Pano, áp phích, băng rôn tuyên truyền", _sum([Channel.POSTER])),
    "communication.events": ("Hội nghị, sự kiện tuyên truyền", _sum([Channel.EVENT])),
    "communication.items": ("Số lần tuyên truyền đã ghi sổ", _sum(lines=True)),
}
CHANNEL_KEYS = [f"communication.channel.{c}" for c in Channel.values]


def register() -> None:
    for key, (label, func) in PROVIDERS.items():
        register_provider(key, label, func, source=SOURCE)
    for channel, label in Channel.choices:
        register_provider(f"communication.channel.{channel}", f"Tuyên truyền: {label}", _sum([channel]), source=SOURCE)
