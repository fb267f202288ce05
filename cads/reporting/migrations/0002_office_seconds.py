"""The SQL office-time function the dashboard's clocks use (cads.reporting.calendar)."""

from django.db import migrations

# The SQL as it stood when this migration was written, copied in so that editing the
# live module never changes what this migration does on a fresh install.
OFFICE_SECONDS_SQL = """
CREATE OR REPLACE FUNCTION cads_office_seconds(
    t timestamptz, opens time, closes time, tz text, holidays date[], as_end boolean
) RETURNS double precision LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
SELECT
    (
        ((t AT TIME ZONE tz)::date - DATE '2000-01-03') / 7 * 5
        + LEAST(((t AT TIME ZONE tz)::date - DATE '2000-01-03') % 7, 5)
        - width_bucket((t AT TIME ZONE tz)::date - 1, holidays)
    ) * extract(epoch FROM closes - opens)
    + CASE
        WHEN extract(isodow FROM (t AT TIME ZONE tz)::date) < 6
            AND width_bucket((t AT TIME ZONE tz)::date, holidays)
                = width_bucket((t AT TIME ZONE tz)::date - 1, holidays)
        THEN LEAST(
            GREATEST(extract(epoch FROM (t AT TIME ZONE tz)::time - opens), 0),
            extract(epoch FROM closes - opens)
        )
        + CASE
            WHEN as_end AND NOT (
                (t AT TIME ZONE tz)::time > opens AND (t AT TIME ZONE tz)::time <= closes
            ) THEN 0.001 ELSE 0 END
        ELSE CASE WHEN as_end THEN 0.001 ELSE 0 END
    END
$$;
"""
DROP_OFFICE_SECONDS_SQL = """DROP FUNCTION IF EXISTS cads_office_seconds(timestamptz, time, time, text, date[], boolean);"""


class Migration(migrations.Migration):
    dependencies = [("reporting", "0001_initial")]

    operations = [migrations.RunSQL(OFFICE_SECONDS_SQL, DROP_OFFICE_SECONDS_SQL)]
