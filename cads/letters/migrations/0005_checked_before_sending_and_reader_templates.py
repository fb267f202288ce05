"""Letters written for their reader (ADR 0023): new versions of every template that print
only the summary the worker wrote for the referrer (never the internal reasons, screening
notes or partner answers), the outcome in plain English, and every phone number, team name
and address from the authority settings (no "number below"). Settings for which kinds a
person checks before sending; the "other support" text no longer points at a number that
is not there. Earlier versions stay as they were; an administrator's own edit is never
replaced."""

from typing import Any

from django.db import migrations, models

SIGN_OFF = """Yours sincerely,

{{ service_name }}
{{ authority_name }}"""

CALL_US = "call us on {{ cads_phone }} and quote {{ reference }}"
OPEN = "Our lines are open {{ opening_hours }}."

ACKNOWLEDGEMENT = (
    """Dear {{ recipient_name }},

Thank you for contacting {{ service_name }} on {{ received_date }} about {{ children_first_names }}. Your reference is {{ reference }}. Please quote it if you get in touch with us about this.

A social worker is looking at what you told us, together with anything we already know. We will decide what happens next within one working day and write to you again to tell you.

If you have more information, or you are worried that things have got worse, """
    + CALL_US
    + ". "
    + OPEN
    + """ Out of hours, call {{ out_of_hours_phone }}.

"""
    + SIGN_OFF
)

OUTCOME = (
    """Dear {{ recipient_name }},

Thank you for contacting {{ service_name }} on {{ received_date }} about {{ children_first_names }}. This letter tells you what we decided.
{% if what_you_told_us %}
What you told us: {{ what_you_told_us }}
{% endif %}
What we decided: {{ what_we_decided }}

What happens now: {{ what_happens_now }}
{% if what_we_ask %}
What we ask you to do:

{{ what_we_ask }}
{% endif %}{% if other_support %}
{{ other_support }}{% if early_help_phone %} You can call the {{ early_help_team }} on {{ early_help_phone }}.{% endif %}
{% endif %}
If something changes, or you are worried about the children again, """
    + CALL_US
    + ". "
    + OPEN
    + """ A new concern is always looked at afresh.

"""
    + SIGN_OFF
)

CONSULTATION_RECORD = (
    """Dear {{ recipient_name }},

This is our record of your consultation with {{ service_name }} on {{ received_date }} (reference {{ reference }}).

What you told us: {{ consultation_overview }}

The advice we agreed: {{ advice_given }}

Please keep this record with your own notes. If the situation changes, or you are more worried, """
    + CALL_US
    + """: if a child may need help or protection, make a contact.

"""
    + SIGN_OFF
)

INSTRUCTIONS = (
    """Dear {{ recipient_name }},

Following the contact about {{ children_first_names }} received on {{ received_date }} (reference {{ reference }}), {{ service_name }} needs you to do the following. You have a duty to follow these instructions (Children Act 2004, section 11, and Working Together to Safeguard Children 2023).

{{ instructions }}

Please confirm you have received these instructions by opening this link: {{ acknowledge_link }}

If you cannot do any of this, call us straight away on {{ cads_phone }}. Out of hours, call {{ out_of_hours_phone }}.

"""
    + SIGN_OFF
)

FAMILY = (
    """Dear {{ recipient_name }},

We are writing about {{ children_first_names }}. {{ service_name }} received information on {{ received_date }} and has looked at it, together with anything we already know (reference {{ reference }}).
{% if what_we_decided %}
What we decided: {{ what_we_decided }}
{% endif %}{% if what_happens_now %}
What happens now: {{ what_happens_now }}
{% endif %}{% if other_support %}
{{ other_support }}{% if early_help_phone %} You can call the {{ early_help_team }} on {{ early_help_phone }}.{% endif %}
{% endif %}
If you would like to talk about this letter, """
    + CALL_US
    + ". "
    + OPEN
    + """

"""
    + SIGN_OFF
)

NEW = [
    ("acknowledgement", "We have received your contact", ACKNOWLEDGEMENT),
    ("outcome", "What we decided", OUTCOME),
    ("consultation_record", "Record of your consultation", CONSULTATION_RECORD),
    ("instructions", "What you need to do next", INSTRUCTIONS),
    ("family", "About your child", FAMILY),
]
OLD_OTHER_SUPPORT = (
    "Support may be available from your school, GP, health visitor or school nurse, "
    "and from the Early Help team on the number below."
)
OTHER_SUPPORT = (
    "Support may be available from your school, GP, health visitor or school nurse, and "
    "from Early Help."
)


def seed(apps: Any, schema_editor: Any) -> None:
    LetterTemplate = apps.get_model("letters", "LetterTemplate")
    for kind, title, body in NEW:
        latest = LetterTemplate.objects.filter(kind=kind).order_by("-version").first()
        version = latest.version + 1 if latest else 1
        if latest is None or latest.created_by_id is None:  # never replace an admin's edit
            LetterTemplate.objects.create(kind=kind, version=version, title=title, body=body)
    LetterSettings = apps.get_model("letters", "LetterSettings")
    LetterSettings.objects.filter(other_support=OLD_OTHER_SUPPORT).update(
        other_support=OTHER_SUPPORT
    )



class Migration(migrations.Migration):

    dependencies = [
        ('letters', '0004_templates_and_immutable_letters'),
    ]

    operations = [
        migrations.AddField(
            model_name='lettersettings',
            name='acknowledgement_checked',
            field=models.BooleanField(default=False, help_text='Unticked, acknowledgements are sent automatically when a contact arrives.', verbose_name='Acknowledgements: check before sending'),
        ),
        migrations.AddField(
            model_name='lettersettings',
            name='consultation_record_checked',
            field=models.BooleanField(default=True, verbose_name='Consultation records: check before sending'),
        ),
        migrations.AddField(
            model_name='lettersettings',
            name='outcome_checked',
            field=models.BooleanField(default=True, help_text='Ticked, the worker (or the manager who signs off) checks and sends each one.', verbose_name='Outcome letters: check before sending'),
        ),
        migrations.AlterField(
            model_name='lettersettings',
            name='other_support',
            field=models.TextField(default='Support may be available from your school, GP, health visitor or school nurse, and from Early Help.', help_text='Printed in outcome letters when the case does not meet the threshold. Give no phone number here: the letter template adds the Early Help line from the authority settings.'),
        ),
        migrations.RunPython(seed, migrations.RunPython.noop),
    ]
