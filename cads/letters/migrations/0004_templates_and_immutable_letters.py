"""Templates for instructions and family letters; new versions of the outcome letter (a
brief summary of the concerns, the actions agreed, why the case does not meet the
threshold and what other support may help) and of the consultation record (the
conversation and the advice agreed). Version 1 of each stays as it was.

A made letter never changes: a trigger refuses any change to its text, PDF, hash,
recipient or contact once the hash is set, and refuses deleting it (issue 6: every sent
letter is stored immutably)."""

from typing import Any

from django.db import migrations

SIGN_OFF = """Yours sincerely,

{{ service_name }}
{{ authority_name }}"""

OUTCOME = (
    """Dear {{ recipient_name }},

Thank you for contacting {{ service_name }} on {{ received_date }} about {{ children_first_names }} (reference {{ reference }}).
{% if concerns_summary %}
You told us: {{ concerns_summary }}
{% endif %}
We have looked at what you told us, with anything we already know, and decided: {{ outcome_labels }}.
{% if reasons_summary %}
In brief, this is why: {{ reasons_summary }}
{% endif %}{% if actions_agreed %}
The actions agreed:
{{ actions_agreed }}
{% endif %}{% if threshold_reason %}
The needs we found do not meet the threshold for a statutory social work response: {{ threshold_reason }}
{% endif %}{% if other_support %}
{{ other_support }}
{% endif %}
If you think this decision is wrong, or something changes, call us on {{ authority_phone }} and quote {{ reference }}. If you are worried about the children again, please contact us again: a new concern is always looked at afresh.

"""
    + SIGN_OFF
)

CONSULTATION_RECORD = (
    """Dear {{ recipient_name }},

This is our record of your consultation with {{ service_name }} on {{ received_date }} (reference {{ reference }}).

What you told us: {{ consultation_overview }}

The advice we agreed: {{ advice_given }}

Please keep this record with your own notes. If the situation changes, or you are more worried, call us on {{ authority_phone }}: if a child may need help or protection, make a contact.

"""
    + SIGN_OFF
)

INSTRUCTIONS = (
    """Dear {{ recipient_name }},

Following the contact about {{ children_first_names }} received on {{ received_date }} (reference {{ reference }}), {{ service_name }} needs you to do the following. You have a duty to follow these instructions (Children Act 2004, section 11, and Working Together to Safeguard Children 2023).

{{ instructions }}

Please confirm you have received these instructions by opening this link: {{ acknowledge_link }}

If you cannot do any of this, call us straight away on {{ authority_phone }}.

"""
    + SIGN_OFF
)

FAMILY = (
    """Dear {{ recipient_name }},

We are writing about {{ children_first_names }}. {{ service_name }} received information on {{ received_date }} and has looked at it, together with anything we already know (reference {{ reference }}).
{% if outcome_labels %}
We decided: {{ outcome_labels }}.
{% endif %}{% if reasons_summary %}
This is why: {{ reasons_summary }}
{% endif %}{% if other_support %}
{{ other_support }}
{% endif %}
If you would like to talk about this letter, call us on {{ authority_phone }} and quote {{ reference }}.

"""
    + SIGN_OFF
)

NEW = [
    ("outcome", "What we decided", OUTCOME),
    ("consultation_record", "Record of your consultation", CONSULTATION_RECORD),
    ("instructions", "What you need to do next", INSTRUCTIONS),
    ("family", "About your child", FAMILY),
]

FUNCTION = """
CREATE OR REPLACE FUNCTION cads_letter_immutable() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.sha256 = '' THEN
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
    END IF;
    IF TG_OP = 'DELETE'
       OR NEW.text IS DISTINCT FROM OLD.text
       OR NEW.pdf IS DISTINCT FROM OLD.pdf
       OR NEW.sha256 IS DISTINCT FROM OLD.sha256
       OR NEW.recipient_name IS DISTINCT FROM OLD.recipient_name
       OR NEW.recipient_email IS DISTINCT FROM OLD.recipient_email
       OR NEW.recipient_address IS DISTINCT FROM OLD.recipient_address
       OR NEW.contact_id IS DISTINCT FROM OLD.contact_id
       OR NEW.kind IS DISTINCT FROM OLD.kind THEN
        RAISE EXCEPTION 'a made letter cannot be changed or deleted: send a new one'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END;
$$;
"""
TRIGGER = (
    "CREATE TRIGGER letters_letter_immutable BEFORE UPDATE OR DELETE ON letters_letter "
    "FOR EACH ROW EXECUTE FUNCTION cads_letter_immutable();"
)


def seed(apps: Any, schema_editor: Any) -> None:
    LetterTemplate = apps.get_model("letters", "LetterTemplate")
    for kind, title, body in NEW:
        latest = LetterTemplate.objects.filter(kind=kind).order_by("-version").first()
        version = latest.version + 1 if latest else 1
        if latest is None or latest.created_by_id is None:  # never replace an admin's edit
            LetterTemplate.objects.create(kind=kind, version=version, title=title, body=body)


class Migration(migrations.Migration):
    dependencies = [("letters", "0003_owed_letters_delivery_and_settings")]

    operations = [
        migrations.RunPython(seed, migrations.RunPython.noop),
        migrations.RunSQL(FUNCTION, "DROP FUNCTION IF EXISTS cads_letter_immutable();"),
        migrations.RunSQL(
            TRIGGER, "DROP TRIGGER IF EXISTS letters_letter_immutable ON letters_letter;"
        ),
    ]
