"""Plain-English default letters (version 1 of each kind). An administrator changes them in
Django admin, which saves a new version."""

from typing import Any

from django.db import migrations

ACKNOWLEDGEMENT = """Dear {{ referrer_name }},

Thank you for contacting {{ service_name }} on {{ received_date }} about {{ children_first_names }}. Your contact has the reference {{ reference }}. Please quote it if you get in touch with us about this.

A social worker is looking at what you told us, together with anything we already know. We will decide what happens next within one working day and write to you again to tell you.

If you have more information, or you are worried that things have got worse, call us on {{ authority_phone }}.

Yours sincerely,

{{ service_name }}
{{ authority_name }}"""

OUTCOME = """Dear {{ referrer_name }},

Thank you for contacting {{ service_name }} on {{ received_date }} about {{ children_first_names }} (reference {{ reference }}).

We have looked at what you told us, with anything we already know, and decided: {{ outcome_labels }}.
{% if reasons_summary %}
In brief, this is why: {{ reasons_summary }}
{% endif %}
If you think this decision is wrong, or something changes, call us on {{ authority_phone }} and quote {{ reference }}. If you are worried about the children again, please contact us again: a new concern is always looked at afresh.

Yours sincerely,

{{ service_name }}
{{ authority_name }}"""

CONSULTATION_RECORD = """Dear {{ referrer_name }},

This is our record of your consultation with {{ service_name }} on {{ received_date }} (reference {{ reference }}).
{% if outcome_labels %}
What was agreed: {{ outcome_labels }}.
{% endif %}{% if reasons_summary %}
The advice we gave: {{ reasons_summary }}
{% endif %}
Please keep this record with your own notes. If the situation changes, or you are more worried, call us on {{ authority_phone }}.

Yours sincerely,

{{ service_name }}
{{ authority_name }}"""

DEFAULTS = [
    ("acknowledgement", "We have received your contact", ACKNOWLEDGEMENT),
    ("outcome", "What we decided", OUTCOME),
    ("consultation_record", "Record of your consultation", CONSULTATION_RECORD),
]


def seed(apps: Any, schema_editor: Any) -> None:
    LetterTemplate = apps.get_model("letters", "LetterTemplate")
    for kind, title, body in DEFAULTS:
        if not LetterTemplate.objects.filter(kind=kind).exists():
            LetterTemplate.objects.create(kind=kind, version=1, title=title, body=body)


class Migration(migrations.Migration):
    dependencies = [("letters", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
