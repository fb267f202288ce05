"""RagLevel and ClockConfiguration now belong to cads.deadlines (deadlines 0001): their
state leaves screening; their tables and rows stay where they are."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("screening", "0003_referrer_acknowledgement"),
        ("deadlines", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="RagLevel"),
                migrations.DeleteModel(name="ClockConfiguration"),
            ],
            database_operations=[],
        )
    ]
