# The national default rubrics of Quyết định 448/QĐ-KHVN were written for 2016–2020 (DOMAIN.md §4,
# issue 14) but shipped with no end year, so they were applied to every later year as if sourced.
# Their end year becomes 2020. For the years from 2021, for which no source was found, each gets a
# sample copy marked "cần xác minh" (the same criteria, all of them samples already), which an office
# replaces by its province's rubric: the same rows learning_society/rubrics/*-mau-2021.json ship.
# Office copies are the offices' own settings and are left as they are; assessments keep the rubric
# they were scored with.
from django.db import migrations

QD_448 = {
    "GDHT-448-2015": "GDHT-MAU-2021",
    "DHHT-448-2015": "DHHT-MAU-2021",
    "CDHT-THON-448-2015": "CDHT-THON-MAU-2021",
}
SAMPLE_BASIS = (
    "Chưa có căn cứ cho các năm từ 2021 (cần xác minh): bộ mẫu theo nội dung Quyết định 448/QĐ-KHVN "
    "(giai đoạn 2016–2020); phòng thay bằng bộ tiêu chí của tỉnh."
)
LAST_YEAR = 2020


def end_448_in_2020(apps, schema_editor):
    Rubric = apps.get_model("rubrics", "Rubric")
    RubricGroup = apps.get_model("rubrics", "RubricGroup")
    RubricCriterion = apps.get_model("rubrics", "RubricCriterion")
    for code, sample_code in QD_448.items():
        old = Rubric.objects.filter(code=code, owner__isnull=True, is_active=True, year_to__isnull=True).first()
        if old is None:
            continue
        old.year_to = LAST_YEAR
        old.save(update_fields=["year_to"])
        if Rubric.objects.filter(code=sample_code, owner__isnull=True, is_active=True).exists():
            continue
        sample = Rubric.objects.create(
            code=sample_code,
            title=old.title.split(" (")[0] + " (bộ mẫu từ 2021, cần xác minh)",
            subject_kind=old.subject_kind,
            regime=old.regime,
            year_from=LAST_YEAR + 1,
            year_to=None,
            legal_basis=SAMPLE_BASIS,
            bands=old.bands,
            level2_wait_months=old.level2_wait_months,
            validity_months=old.validity_months,
            is_sample=True,
        )
        for group in RubricGroup.objects.filter(rubric=old).order_by("order", "id"):
            criteria = list(RubricCriterion.objects.filter(group=group).order_by("order", "id"))
            new_group = RubricGroup.objects.create(rubric=sample, order=group.order, code=group.code, title=group.title)
            RubricCriterion.objects.bulk_create(
                RubricCriterion(
                    group=new_group,
                    order=c.order,
                    code=c.code,
                    text=c.text,
                    max_points=c.max_points,
                    required_for_level=c.required_for_level,
                    evidence_required=c.evidence_required,
                    is_sample=c.is_sample,
                )
                for c in criteria
            )


def reopen_448(apps, schema_editor):
    """Back: the QĐ 448 defaults have no end year again; the sample copies stay (they may be in use)."""
    Rubric = apps.get_model("rubrics", "Rubric")
    Rubric.objects.filter(code__in=list(QD_448), owner__isnull=True, year_to=LAST_YEAR).update(year_to=None)


class Migration(migrations.Migration):
    dependencies = [("rubrics", "0001_initial")]

    operations = [migrations.RunPython(end_448_in_2020, reopen_448)]
