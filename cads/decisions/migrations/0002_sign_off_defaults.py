"""Issue 5 defaults: no further action, and any decision made without consent, wait for a
team manager's sign-off. Other outcomes are listed so the administrator can switch them on."""

from django.db import migrations

TRIGGERS = {
    "nfa": True,
    "advice": False,
    "signpost": False,
    "early_help": False,
    "mash_checks": False,
    "assessment": False,
    "strategy": False,
    "open_case": False,
    "without_consent": True,
}


def seed(apps, schema_editor):
    rule = apps.get_model("decisions", "SignOffRule")
    for trigger, needs in TRIGGERS.items():
        rule.objects.get_or_create(trigger=trigger, defaults={"needs_sign_off": needs})


class Migration(migrations.Migration):
    dependencies = [("decisions", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
