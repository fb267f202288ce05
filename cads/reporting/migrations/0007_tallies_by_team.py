from django.db import migrations, models

# Worker rows become team rows: the old rows are dropped with the key, so the next refresh
# counts every day again.
RECOUNT = ["DELETE FROM reporting_daytally", "DELETE FROM reporting_tallyclocks"]


class Migration(migrations.Migration):

    dependencies = [
        ("reporting", "0006_check_bands"),
    ]

    operations = [
        migrations.RunSQL(RECOUNT, migrations.RunSQL.noop),
        migrations.RenameField(model_name="daytally", old_name="worker_key", new_name="team_key"),
        migrations.RemoveConstraint(model_name="daytally", name="reporting_tally_key"),
        migrations.AddConstraint(
            model_name="daytally",
            constraint=models.UniqueConstraint(
                fields=("team_key", "day"), name="reporting_tally_key"
            ),
        ),
    ]
