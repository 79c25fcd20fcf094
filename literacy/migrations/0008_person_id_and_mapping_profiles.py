# Placeholder placed first so that engineers working in parallel get distinct migration numbers;
# its owner replaces the operations below with the real ones.
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("literacy", "0007_exemption_help_cites_no_article")]

    operations = []
