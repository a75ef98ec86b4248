from django.db import migrations

from saima.projects.choices import FUNDING_CHANNELS


def seed(apps, schema_editor):
    FundingChannel = apps.get_model("projects", "FundingChannel")
    for order, name in enumerate(FUNDING_CHANNELS):
        FundingChannel.objects.get_or_create(name=name, defaults={"order": order})


class Migration(migrations.Migration):
    dependencies = [("projects", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
