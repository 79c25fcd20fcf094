"""Ethnicity becomes the group's code of Quyết định 121-TCTK/PP (issue 14): every free-text value
already stored is mapped through units.ethnicity (official name, other names, code, accents and case
ignored; blank is Kinh as on the survey form). A value that names no group keeps its text in
ethnicity_note with a blank code, is not counted as a minority, and is listed by
`python manage.py ethnicity_unmapped` for the office to fix. 0006 then narrows the column."""

from django.db import migrations, models


def to_codes(apps, schema_editor):
    from units import ethnicity

    Person = apps.get_model("literacy", "Person")
    values = Person.objects.values_list("ethnicity", flat=True).distinct().order_by()
    # Blank first: an unknown value is blanked below, and must not then be taken for Kinh.
    for value in sorted(values, key=lambda value: bool((value or "").strip())):
        code = ethnicity.ethnic_group(value) or ("" if (value or "").strip() else ethnicity.KINH)
        people = Person.objects.filter(ethnicity=value)
        if code:
            people.update(ethnicity=code, ethnicity_note="", ethnic_minority=ethnicity.is_minority(code))
        else:
            people.update(ethnicity="", ethnicity_note=value[:40], ethnic_minority=False)


def to_text(apps, schema_editor):
    from units import ethnicity

    Person = apps.get_model("literacy", "Person")
    for code in Person.objects.values_list("ethnicity", flat=True).distinct().order_by():
        if code:
            Person.objects.filter(ethnicity=code).update(ethnicity=ethnicity.name(code) or code)
    Person.objects.filter(ethnicity="").exclude(ethnicity_note="").update(ethnicity=models.F("ethnicity_note"))


class Migration(migrations.Migration):
    dependencies = [("literacy", "0004_import_batch_job_in_jobs_app")]

    operations = [
        migrations.AddField(
            model_name="person",
            name="ethnicity_note",
            field=models.CharField(
                blank=True, editable=False, max_length=40, verbose_name="dân tộc (ghi cũ, chưa xác định)"
            ),
        ),
        migrations.RunPython(to_codes, to_text),
    ]
