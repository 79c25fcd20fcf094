"""Demo data of the learning society: families, clans, hamlet and commune communities and learning
units across the demo communes; the 2025 cycle recognised in full and the 2026 one under way.

Idempotent: when the office already has learning-society subjects nothing is added. Everything goes
through the services, as a user would create it."""

import datetime
import random

from django.db import transaction

from rubrics.selectors import rubric_criteria
from units.models import Unit, UnitKind
from units.planner import analyze

from . import services
from .counts import deferred as counts_deferred
from .counts import refresh as refresh_counts
from .models import Assessment, Registration, Subject, Title

SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"]
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Thanh", "Hữu", "Ngọc", "Quang"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Hà", "Hải", "Hạnh", "Hòa", "Hùng", "Lan", "Long", "Mai", "Nam", "Phúc",
         "Quân", "Sơn", "Tâm", "Thảo", "Trung", "Tuấn", "Việt", "Xuân", "Yến"]  # fmt: skip


def _family_name(rng: random.Random) -> str:
    middle = rng.choice(MIDDLE)
    head = "bà" if middle == "Thị" else "ông"
    return f"Hộ {head} {rng.choice(SURNAMES)} {middle} {rng.choice(GIVEN)}"


def _points(rng: random.Random, criteria, quality: float) -> dict:
    """Plausible scores: most families score well, a few fall short (quality 0–1)."""
    values = {}
    for c in criteria:
        share = min(1.0, max(0.0, rng.gauss(quality, 0.12)))
        values[c.pk] = str(round(float(c.max_points) * share * 2) / 2)
    return values


@transaction.atomic
def seed(*, office: Unit, stdout=None) -> None:
    # The kept counts of each area are recomputed once at the end, not after each of the services' calls.
    with counts_deferred():
        _seed(office=office, stdout=stdout)


def _seed(*, office: Unit, stdout=None) -> None:
    services.rubrics_load_shipped(actor=None)
    if Subject.objects.filter(area__path__startswith=office.path).exists():
        if stdout:
            stdout.write("  Xã hội học tập: đã có dữ liệu mẫu, không tạo thêm.")
        return
    rng = random.Random(2025)
    communes = list(Unit.objects.subtree_of(office).filter(kind=UnitKind.COMMUNE).active_on().order_by("code"))
    hamlets = list(Unit.objects.subtree_of(office).filter(kind=UnitKind.HAMLET).active_on().order_by("code"))
    schools = list(Unit.objects.subtree_of(office).filter(kind=UnitKind.SCHOOL).active_on().order_by("code"))
    counts = {"families": 0, "decisions": 0}
    for hamlet in hamlets:
        # Families come from the literacy register's households where the hamlet has them.
        if services.households_available(hamlet):
            imported = services.families_import_from_register(actor=None, hamlet=hamlet)
            if imported:
                counts["families"] += imported
                services.subject_create(
                    actor=None, area=hamlet, title=Title.HAMLET_COMMUNITY, name=f"Cộng đồng {hamlet.full_name}",
                    unit=hamlet, is_demo=True,
                )  # fmt: skip
                continue
        names = {_family_name(rng) for _ in range(rng.randint(15, 30))}
        Subject.objects.bulk_create(
            [
                Subject(
                    area=hamlet,
                    title=Title.FAMILY,
                    name=name,
                    head_name=name.split(" ", 2)[2],  # "Hộ bà Đỗ Thị Hùng" → "Đỗ Thị Hùng"
                    members=rng.randint(2, 7),
                    is_demo=True,
                )
                for name in sorted(names)
            ]
        )
        refresh_counts(area_ids=[hamlet.pk])
        counts["families"] += len(names)
        services.subject_create(
            actor=None, area=hamlet, title=Title.HAMLET_COMMUNITY, name=f"Cộng đồng {hamlet.full_name}", unit=hamlet,
            is_demo=True,
        )  # fmt: skip
    for commune in communes:
        first = next((h for h in hamlets if h.parent_id == commune.pk), None)
        if first is not None:
            for surname in rng.sample(SURNAMES, 3):
                services.subject_create(
                    actor=None, area=first, title=Title.CLAN, name=f"Dòng họ {surname} {commune.name}", is_demo=True
                )
        services.subject_create(
            actor=None, area=commune, title=Title.COMMUNE_COMMUNITY, name=f"Cộng đồng {commune.full_name}",
            unit=commune, is_demo=True,
        )  # fmt: skip
    for school in schools:
        services.subject_create(
            actor=None, area=school, title=Title.LEARNING_UNIT, name=school.name, unit=school, unit_type="school",
            is_demo=True,
        )  # fmt: skip

    # 2025: the whole cycle; 2026: registered, mostly assessed, some communes already recognised.
    for year, signed_on, share_recognised in (
        (2025, datetime.date(2025, 12, 15), 1.0),
        (2026, datetime.date(2026, 11, 10), 0.5),
    ):
        for title in (Title.FAMILY, Title.CLAN):
            rubric = services.rubric_or_error(title, year)
            criteria = rubric_criteria(rubric)
            for hamlet in hamlets:
                subjects = list(Subject.objects.filter(area=hamlet, title=title))
                if not subjects:
                    continue
                services.registrations_create(actor=None, subjects=subjects, year=year, on=datetime.date(year, 3, 15))
                # Not every registered family is assessed, and some hamlets lag behind.
                scored = subjects[: max(1, int(len(subjects) * rng.uniform(0.7, 0.95 if year == 2025 else 0.8)))]
                quality = rng.uniform(0.55, 0.88)
                services.grid_save(
                    actor=None,
                    area=hamlet,
                    title=title,
                    year=year,
                    points={s.pk: _points(rng, criteria, quality) for s in scored},
                    check=True,
                )
        _hamlet_communities(rng, hamlets, year)
        # Thousands of rows written in this transaction: without fresh statistics PostgreSQL plans
        # the recognitions' query below as nested loops (10–17 s per commune instead of 0.01 s).
        analyze(Subject, Registration, Assessment, Unit)
        for i, commune in enumerate(communes):
            if year == 2026 and i >= len(communes) * share_recognised:
                continue
            for title in (Title.FAMILY, Title.CLAN, Title.HAMLET_COMMUNITY):
                ids = list(
                    Assessment.objects.filter(
                        subject__area__parent=commune, subject__title=title, year=year,
                        status=Assessment.Status.CHECKED, passed=True,
                    ).values_list("pk", flat=True)
                )  # fmt: skip
                if not ids:
                    continue
                counts["decisions"] += 1
                services.recognise(
                    actor=None,
                    assessment_ids=ids,
                    issuer=commune,
                    title=title,
                    year=year,
                    number=f"{100 + counts['decisions']}/QĐ-UBND",
                    signed_on=signed_on,
                    signer_name=f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}",
                    signer_position="Chủ tịch",
                    place=commune.name,
                )
    _learning_units(rng, office, schools, counts)
    if stdout:
        stdout.write(
            f"  Xã hội học tập: {counts['families']} gia đình, {len(schools)} đơn vị học tập, "
            f"{counts['decisions']} quyết định công nhận."
        )


def _hamlet_communities(rng, hamlets, year):
    rubric = services.rubric_or_error(Title.HAMLET_COMMUNITY, year)
    criteria = rubric_criteria(rubric)
    for hamlet in hamlets:
        community = Subject.objects.filter(area=hamlet, title=Title.HAMLET_COMMUNITY).first()
        if community is None:
            continue
        services.grid_save(
            actor=None,
            area=hamlet,
            title=Title.HAMLET_COMMUNITY,
            year=year,
            points={community.pk: _points(rng, criteria, rng.uniform(0.65, 0.92))},
            check=True,
        )


def _learning_units(rng, office, schools, counts):
    """Thông tư 24/2023: level 1 in March 2024 (so some expire within months of today's demo date),
    level 2 requested a year later by the best schools."""
    for i, school in enumerate(schools):
        subject = Subject.objects.get(area=school, title=Title.LEARNING_UNIT)
        rubric = services.rubric_or_error(Title.LEARNING_UNIT, 2024)
        level1 = [c for c in rubric_criteria(rubric) if c.required_for_level == 1]
        if i % 3 == 2:
            continue  # not every school takes part
        a = services.assessment_save(
            actor=None, subject=subject, year=2024, met={c.pk for c in level1},
            evidence={c.pk: "Kế hoạch, biên bản đánh giá năm 2024" for c in level1}, submit=True,
            on=datetime.date(2024, 2, 20),
        )  # fmt: skip
        services.assessments_check(actor=None, assessment_ids=[a.pk])
        counts["decisions"] += 1
        services.recognise(
            actor=None, assessment_ids=[a.pk], issuer=office, title=Title.LEARNING_UNIT, year=2024,
            number=f"{200 + counts['decisions']}/QĐ-UBND", signed_on=datetime.date(2024, 3, 15),
            signer_name="Lò Văn Thành",  # Chủ tịch UBND huyện: learning units (TT 24/2023, authority default)
        )  # fmt: skip
