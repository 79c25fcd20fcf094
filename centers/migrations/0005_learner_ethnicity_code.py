"""A learner's ethnicity becomes the group's code of Quyết định 121-TCTK/PP (issue 14). Each stored
free-text value is mapped through units.ethnicity; one no group matches keeps its text in
ethnicity_note with a blank code (listed by `python manage.py ethnicity_unmapped`). Blank stays
blank. is_ethnic_minority is recomputed (Kinh under any of its names was counted as a minority), and
so is the minority count of every activity whose counts come from its learner list."""

from django.db import migrations, models


def to_codes(apps, schema_editor):
    from units import ethnicity

    Learner = apps.get_model("centers", "Learner")
    Activity = apps.get_model("centers", "Activity")
    values = Learner.objects.values_list("ethnicity", flat=True).distinct().order_by()
    # Blank first, so a value blanked below as unknown is never visited again.
    for value in sorted(values, key=lambda value: bool((value or "").strip())):
        if not (value or "").strip():
            Learner.objects.filter(ethnicity=value).update(ethnicity="", is_ethnic_minority=False)
            continue
        code = ethnicity.ethnic_group(value)
        learners = Learner.objects.filter(ethnicity=value)
        if code:
            learners.update(ethnicity=code, ethnicity_note="", is_ethnic_minority=ethnicity.is_minority(code))
        else:
            learners.update(ethnicity="", ethnicity_note=value[:40], is_ethnic_minority=False)
    counted = (
        Activity.objects.filter(has_learner_list=True)
        .annotate(minority=models.Count("learners", filter=models.Q(learners__is_ethnic_minority=True)))
        .exclude(ethnic_minority=models.F("minority"))
    )
    for activity in counted:
        Activity.objects.filter(pk=activity.pk).update(ethnic_minority=activity.minority)


def to_text(apps, schema_editor):
    from units import ethnicity

    Learner = apps.get_model("centers", "Learner")
    for code in Learner.objects.values_list("ethnicity", flat=True).distinct().order_by():
        if code:
            Learner.objects.filter(ethnicity=code).update(ethnicity=ethnicity.name(code) or code)
    Learner.objects.filter(ethnicity="").exclude(ethnicity_note="").update(ethnicity=models.F("ethnicity_note"))


class Migration(migrations.Migration):
    dependencies = [("centers", "0004_rubric_moves_to_rubrics_app")]

    operations = [
        migrations.AddField(
            model_name="learner",
            name="ethnicity_note",
            field=models.CharField(blank=True, max_length=40, verbose_name="dân tộc (ghi cũ, chưa xác định)"),
        ),
        migrations.RunPython(to_codes, to_text),
    ]
