"""Targets saved with an office's title settings before targets became dated data (issue 14 item 9).

The settings form used to start from Quyết định 281/QĐ-TTg's figures (for 2020), so an office that
saved its checker choices also saved those targets, and they would now override QĐ 387/QĐ-TTg's
targets for 2021–2030 in every year. A row still holding exactly the old pre-filled pair is taken as
"follows the programme" (0); any other figure is the office's own choice and is kept. The commune
learning community's old pre-filled 60/50 had no source at all."""

from django.db import migrations

OLD_PREFILLED = {
    "family": (70, 60),
    "clan": (50, 40),
    "hamlet_community": (60, 50),
    "learning_unit": (50, 50),
    "commune_community": (60, 50),
}


def follow_the_programme(apps, schema_editor):
    TitleSetting = apps.get_model("learning_society", "TitleSetting")
    for title, (target, difficult) in OLD_PREFILLED.items():
        TitleSetting.objects.filter(title=title, target_percent=target, target_percent_difficult=difficult).update(
            target_percent=0, target_percent_difficult=0
        )


class Migration(migrations.Migration):
    dependencies = [("learning_society", "0005_recognitions_valid_through_31_december")]

    operations = [migrations.RunPython(follow_the_programme, migrations.RunPython.noop)]
