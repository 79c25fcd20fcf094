# Issue 19: the learning resources a centre used in an activity (resources/ is a shared app).
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("centers", "0007_learner_sex_unknown_and_funding_region"),
        ("resources", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="activity",
            name="resources",
            field=models.ManyToManyField(
                blank=True, related_name="+", to="resources.resource", verbose_name="học liệu sử dụng"
            ),
        ),
    ]
