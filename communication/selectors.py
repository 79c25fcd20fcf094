"""Reads for communication, scoped to the user through units.selectors and aggregated in SQL: the
list runs the same number of queries whatever the number of items."""

import datetime

from django.db.models import Count, Q, QuerySet, Sum

from units.models import Unit
from units.selectors import units_visible_to

from .models import NEWS_CHANNELS, Channel, NewsItem, Topic


def items_visible_to(user) -> QuerySet[NewsItem]:
    return NewsItem.objects.filter(unit__in=units_visible_to(user))


def item_list(user, *, start=None, end=None, channel="", topic="", unit: Unit | None = None) -> QuerySet[NewsItem]:
    items = items_visible_to(user)
    if start:
        items = items.filter(date__gte=start)
    if end:
        items = items.filter(date__lte=end)
    if channel in Channel.values:
        items = items.filter(channel=channel)
    if topic in Topic.values:
        items = items.filter(topic=topic)
    if unit is not None:
        items = items.filter(unit__path__startswith=unit.path)
    return items.select_related("unit").order_by("-date", "-id")


def totals(items: QuerySet[NewsItem]) -> dict:
    """Items and counts of the filtered list, news apart (one query)."""
    figures = items.order_by().aggregate(
        n_items=Count("id"),
        n_total=Sum("count"),
        n_news=Sum("count", filter=Q(channel__in=NEWS_CHANNELS)),
    )
    return {"items": figures["n_items"] or 0, "count": figures["n_total"] or 0, "news": figures["n_news"] or 0}


def by_channel(root: Unit, start: datetime.date, end: datetime.date) -> list[dict]:
    """The subtree's items and counts by channel over the dates (one query), every channel listed."""
    rows = {
        r["channel"]: r
        for r in NewsItem.objects.filter(unit__path__startswith=root.path, date__gte=start, date__lte=end)
        .order_by()
        .values("channel")
        .annotate(n_items=Count("id"), n_total=Sum("count"))
    }
    return [
        {
            "channel": c,
            "label": label,
            "items": rows.get(c, {}).get("n_items", 0),
            "count": rows.get(c, {}).get("n_total") or 0,
        }
        for c, label in Channel.choices
    ]
