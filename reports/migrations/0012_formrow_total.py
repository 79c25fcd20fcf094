"""FormRow.total: the form marks its total rows (issue 15: "total rows marked as such by the form,
never found by reading the label"). Rows of existing forms labelled as the old rule read them
("Cộng", "Tổng cộng" ...) are marked once here, so no printed report changes."""

from django.db import migrations, models

# The rule the portal used until this migration (reports.models.TOTAL_ROW_LABELS).
OLD_TOTAL_LABELS = {"cộng", "tổng", "tổng cộng", "tổng số", "cộng chung"}


def mark_totals(apps, schema_editor):
    FormRow = apps.get_model("reports", "FormRow")
    ids = [pk for pk, label in FormRow.objects.values_list("pk", "label") if label.strip().lower() in OLD_TOTAL_LABELS]
    FormRow.objects.filter(pk__in=ids).update(total=True)


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0011_submission_resubmit_due"),
    ]

    operations = [
        migrations.AddField(
            model_name="formrow",
            name="total",
            field=models.BooleanField(
                default=False,
                help_text="Dòng cộng của phần: in đậm, tô nền trong Excel và bản in.",
                verbose_name="dòng cộng",
            ),
        ),
        migrations.RunPython(mark_totals, migrations.RunPython.noop),
    ]
