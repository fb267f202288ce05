"""The SQL office-time function the dashboard's clocks use (cads.reporting.calendar)."""

from django.db import migrations

from cads.reporting.calendar import DROP_OFFICE_SECONDS_SQL, OFFICE_SECONDS_SQL


class Migration(migrations.Migration):
    dependencies = [("reporting", "0001_initial")]

    operations = [migrations.RunSQL(OFFICE_SECONDS_SQL, DROP_OFFICE_SECONDS_SQL)]
