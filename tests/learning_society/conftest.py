import datetime

import pytest

from learning_society import services
from learning_society.models import Title

YEAR = 2025


@pytest.fixture
def shipped(db):
    return {r.code: r for r in services.rubrics_load_shipped(actor=None)}


@pytest.fixture
def families(world, shipped):
    """Three families of Thôn Đông, typed in."""
    return [
        services.subject_create(actor=world.officer, area=world.hamlet, title=Title.FAMILY, name=name, head_name=name)
        for name in ("Hộ ông Nguyễn Văn An", "Hộ bà Trần Thị Bình", "Hộ ông Lê Văn Cường")
    ]


def make_families(hamlet, n, *, actor=None):
    from learning_society.counts import refresh
    from learning_society.models import Subject

    Subject.objects.bulk_create(
        [Subject(area=hamlet, title=Title.FAMILY, name=f"Hộ gia đình số {i:04d}") for i in range(n)]
    )
    refresh(area_ids=[hamlet.pk])  # rows written around the services: the kept counts follow them
    return list(Subject.objects.filter(area=hamlet, title=Title.FAMILY).order_by("name"))


@pytest.fixture
def signed_on():
    return datetime.date(2025, 12, 15)
