"""Make the audit tables append-only in PostgreSQL itself: any UPDATE or DELETE, from
Django or from a psql session, raises an error. TRUNCATE is left to the database owner
(the test runner uses it to reset tables); production runs the app as a role without
TRUNCATE on these tables (docs/adr/0006-append-only-audit.md)."""

from django.db import migrations

TABLES = ["audit_caseevent", "audit_accesslog"]

FUNCTION = """
CREATE OR REPLACE FUNCTION cads_audit_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit rows are append-only: % on % is not allowed', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END;
$$;
"""


def _trigger(table: str) -> str:
    return (
        f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
        "FOR EACH ROW EXECUTE FUNCTION cads_audit_append_only();"
    )


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [
        migrations.RunSQL(FUNCTION, "DROP FUNCTION IF EXISTS cads_audit_append_only();"),
        *[
            migrations.RunSQL(_trigger(t), f"DROP TRIGGER IF EXISTS {t}_append_only ON {t};")
            for t in TABLES
        ],
    ]
