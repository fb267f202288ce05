"""Two fictional assessment teams so a new authority can allocate at once (renamed or
added to in the admin)."""

from django.db import migrations

TEAMS = ("Assessment team North", "Assessment team South")


def seed(apps, schema_editor):
    team = apps.get_model("referrals", "AssessmentTeam")
    for name in TEAMS:
        team.objects.get_or_create(name=name)


class Migration(migrations.Migration):
    dependencies = [("referrals", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
