"""The handover rule in SQL (cads.reporting.calendar.CLOCK_START_SQL, ADR 0030): each fact
keeps the moment its daytime clocks start, so red contacts received out of hours are counted
from the next opening, as the work tray and the backlog count them. The facts are worked out
again on the next refresh (the calendar key names the rule)."""

from django.db import migrations, models

# The SQL as it stood when this migration was written (see 0002).
CLOCK_START_SQL = """
CREATE OR REPLACE FUNCTION cads_clock_start(
    t timestamptz, opens time, closes time, tz text, holidays date[]
) RETURNS timestamptz LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
SELECT CASE
    WHEN extract(isodow FROM (t AT TIME ZONE tz)::date) < 6
        AND NOT (t AT TIME ZONE tz)::date = ANY(holidays)
        AND (t AT TIME ZONE tz)::time >= opens AND (t AT TIME ZONE tz)::time < closes
    THEN t
    ELSE (
        SELECT (g.day::date + opens) AT TIME ZONE tz
        FROM generate_series(
            (t AT TIME ZONE tz)::date, (t AT TIME ZONE tz)::date + 14, interval '1 day'
        ) AS g(day)
        WHERE extract(isodow FROM g.day) < 6 AND NOT g.day::date = ANY(holidays)
            AND (g.day::date > (t AT TIME ZONE tz)::date OR (t AT TIME ZONE tz)::time < opens)
        ORDER BY g.day LIMIT 1
    )
END
$$;
"""
DROP_CLOCK_START_SQL = (
    "DROP FUNCTION IF EXISTS cads_clock_start(timestamptz, time, time, text, date[]);"
)


class Migration(migrations.Migration):
    dependencies = [("reporting", "0007_tallies_by_team")]

    operations = [
        migrations.RunSQL(CLOCK_START_SQL, DROP_CLOCK_START_SQL),
        migrations.AddField(
            model_name="contactfact",
            name="clock_from",
            field=models.DateTimeField(null=True),
        ),
    ]
