"""The demo data seeds a year of the cycle across the demo communes, once."""

import io

from learning_society import demo
from learning_society.models import Assessment, Decision, Subject, Title
from units import demo as units_demo


def test_the_demo_seeds_a_recognised_year_and_is_idempotent(db):
    office = units_demo.seed().office
    out = io.StringIO()
    demo.seed(office=office, stdout=out)
    families = Subject.objects.filter(title=Title.FAMILY).count()
    assert families > 100
    # The head of household is the whole name after "Hộ ông" / "Hộ bà" ("ỗ Thị Hùng" was cut short).
    for name, head in Subject.objects.filter(title=Title.FAMILY).values_list("name", "head_name"):
        assert name.endswith(f" {head}") and head[:1].isupper(), (name, head)
    recognised = Assessment.objects.filter(year=2025, status=Assessment.Status.RECOGNISED)
    assert recognised.filter(subject__title=Title.FAMILY).count() > families / 2
    assert Assessment.objects.filter(year=2026).exists()
    assert Assessment.objects.filter(subject__title=Title.LEARNING_UNIT, level=1).exists()
    decisions = Decision.objects.count()
    demo.seed(office=office, stdout=out)
    assert Decision.objects.count() == decisions
    assert Subject.objects.filter(title=Title.FAMILY).count() == families
    assert "không tạo thêm" in out.getvalue()
