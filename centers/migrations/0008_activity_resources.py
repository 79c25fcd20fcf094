# Placeholder so that parallel work gets distinct migration numbers; filled by the work it names.
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("centers", "0007_learner_sex_unknown_and_funding_region")]

    operations = []
