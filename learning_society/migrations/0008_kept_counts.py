# Placeholder so that parallel work gets distinct migration numbers; filled by the work it names.
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("learning_society", "0007_recognition_authority")]

    operations = []
