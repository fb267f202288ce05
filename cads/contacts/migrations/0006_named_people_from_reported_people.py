"""Every person an online referrer named on an existing contact becomes a named person, not
yet identified (ADR 0021), so contacts decided before this change show, and the data
quality report lists, the children who were never linked to a record. Contacts whose
people already have rows are left alone, so running it again adds nothing."""

import datetime

from django.db import migrations

FIELDS = ("given_name", "family_name", "relationship", "address", "postcode", "school", "phone")
LIMITS = {"given_name": 100, "family_name": 100, "relationship": 100, "postcode": 10,
          "school": 200, "phone": 40}  # fmt: skip


def _born(value):
    try:
        return datetime.date.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None


def forwards(apps, schema_editor):
    Contact = apps.get_model("contacts", "Contact")
    NamedPerson = apps.get_model("contacts", "NamedPerson")
    contacts = Contact.objects.exclude(reported_people=[]).filter(named_people__isnull=True)
    for contact in contacts.iterator():
        rows = []
        for position, given in enumerate(contact.reported_people or []):
            values = {f: str(given.get(f) or "")[: LIMITS.get(f, 10_000)] for f in FIELDS}
            rows.append(
                NamedPerson(
                    contact=contact,
                    role=given.get("role") or "child",
                    position=position,
                    date_of_birth=_born(given.get("date_of_birth")),
                    **values,
                )
            )
        NamedPerson.objects.bulk_create(rows)


class Migration(migrations.Migration):
    dependencies = [("contacts", "0005_named_people_and_updates")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
