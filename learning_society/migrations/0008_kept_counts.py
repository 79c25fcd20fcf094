# Kept counts of the learning society (issue 20, learning_society.counts): the cells the statistics,
# the index, the home panel, the annual report and the providers read, filled from the raw rows;
# and the indexes that let the recognised list read a page in index order.
import django.db.models.deletion
from django.db import migrations, models


def fill(apps, schema_editor):
    from learning_society import counts

    names = ("Subject", "Registration", "Assessment", "KeptCount")
    counts.rebuild(models=tuple(apps.get_model("learning_society", name) for name in names))


class Migration(migrations.Migration):
    dependencies = [("learning_society", "0007_recognition_authority")]

    operations = [
        migrations.CreateModel(
            name="KeptCount",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "title",
                    models.CharField(
                        choices=[
                            ("family", "Gia đình học tập"),
                            ("clan", "Dòng họ học tập"),
                            ("hamlet_community", "Cộng đồng học tập cấp thôn"),
                            ("learning_unit", "Đơn vị học tập"),
                            ("commune_community", "Cộng đồng học tập cấp xã"),
                            ("citizen", "Công dân học tập"),
                        ],
                        max_length=30,
                    ),
                ),
                (
                    "measure",
                    models.CharField(
                        choices=[
                            ("active", "Đang theo dõi"),
                            ("registered", "Đăng ký"),
                            ("assessed", "Đã đánh giá"),
                            ("held", "Giữ danh hiệu trong năm"),
                            ("decided", "Được công nhận trong ngày"),
                        ],
                        max_length=12,
                    ),
                ),
                ("year", models.PositiveSmallIntegerField(default=0)),
                ("level", models.PositiveSmallIntegerField(default=0)),
                ("band", models.CharField(blank=True, max_length=40)),
                ("day", models.DateField(blank=True, null=True)),
                ("until", models.DateField(blank=True, null=True)),
                ("n", models.PositiveIntegerField()),
                (
                    "area",
                    models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+", to="units.unit"),
                ),
            ],
            options={
                "verbose_name": "số liệu giữ sẵn",
                "verbose_name_plural": "số liệu giữ sẵn",
                "indexes": [
                    models.Index(fields=["year", "measure"], name="ls_kept_year_measure"),
                    models.Index(fields=["area", "measure"], name="ls_kept_area_measure"),
                ],
            },
        ),
        migrations.AddIndex(
            model_name="assessment",
            index=models.Index(
                condition=models.Q(("status", "recognised")), fields=["-year", "-id"], name="ls_recognised_order"
            ),
        ),
        migrations.AddIndex(
            model_name="assessment",
            index=models.Index(
                condition=models.Q(("status", "recognised")),
                fields=["expires_on", "id"],
                name="ls_recognised_expires",
            ),
        ),
        migrations.AddIndex(
            model_name="subject",
            index=models.Index(
                condition=models.Q(("is_active", True)),
                fields=["title", "area", "name", "id"],
                name="ls_subject_list_order",
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
