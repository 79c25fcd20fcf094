"""Objects the centre tests share, built through the services like a director would."""

import datetime
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from centers import services
from centers.models import ActivityKind, Field, FundingKind, FundingSource, PersonRole, school_year_of
from rubrics.models import RubricCriterion
from units.models import today

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
# ASCII only: the shared matrix test decodes every GET response as text.
PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def this_year() -> int:
    return school_year_of(today())


def pdf(name="bien-ban.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def png(name="anh.png", size=None) -> SimpleUploadedFile:
    content = PNG if size is None else PNG + b"\x00" * (size - len(PNG))
    return SimpleUploadedFile(name, content, content_type="image/png")


def make_activity(centre, actor=None, **fields):
    defaults = {
        "kind": ActivityKind.TOPIC,
        "field": Field.LAW,
        "title": "Chuyên đề Luật Giao thông",
        "start_date": today(),
        "end_date": today(),
        "sessions": 1,
        "place": "Nhà văn hóa thôn Đông",
        "lecturer": "Trần Văn Bình",
        "participants": 40,
        "women": 25,
        "ethnic_minority": 3,
        "elderly": 6,
    }
    return services.activity_create(actor=actor, centre=centre, **{**defaults, **fields})


def make_funding(centre, actor=None, **fields):
    defaults = {
        "kind": FundingKind.RECEIPT,
        "date": today(),
        "source": FundingSource.STATE_BUDGET,
        "purpose": "",
        "amount": Decimal(20_000_000),
        "description": "Hỗ trợ theo TT 96/2008",
    }
    return services.funding_create(actor=actor, centre=centre, **{**defaults, **fields})


def make_person(centre, actor=None, **fields):
    defaults = {
        "full_name": "Trần Văn Bình",
        "role": PersonRole.LECTURER,
        "origin": "commune",
        "origin_detail": "Tư pháp xã",
        "since": datetime.date(2024, 9, 1),
    }
    return services.person_add(actor=actor, centre=centre, **{**defaults, **fields})


def full_scores(assessment, fraction=1):
    criteria = RubricCriterion.objects.filter(group__rubric=assessment.rubric)
    return {c.pk: (c.max_points * Decimal(fraction), "") for c in criteria}


def make_assessment(centre, actor=None, *, year=None, submitted=False, fraction=1):
    assessment = services.assessment_start(actor=actor, centre=centre, school_year=year or this_year())
    if submitted:
        services.assessment_save_scores(actor=actor, assessment=assessment, scores=full_scores(assessment, fraction))
        assessment = services.assessment_submit(actor=actor, assessment=assessment)
    return assessment
