"""Seed the default RAG levels, clocks and continuum of need.

The data as it stood when this migration was written, copied in so that editing the live
seed modules (cads.deadlines.seed, cads.screening.seed) never changes what it does on a fresh
install. The clock models' state lived in screening then (they moved to cads.deadlines over
the same tables)."""

from typing import Any

from django.db import migrations

RAG_LEVELS = [
    # Local RAG rule (Oxfordshire, Luton): red 4 hours and worked past office hours.
    ("red", "Red", 4, "working_hours", True, 0),
    ("amber", "Amber", 1, "working_days", False, 1),
    ("green", "Green", 3, "working_days", False, 2),
]

LEVELS = [
    (1, "Universal", "Needs met by universal services: schools, GPs, health visitors."),
    (2, "Early help", "Additional or emerging needs met by a single agency or early help."),
    (3, "Targeted or complex", "Complex needs: a targeted early help plan or child in need."),
    (4, "Specialist or statutory", "Significant harm or acute need: assessment or section 47."),
]

DOMAINS = ["Child's development", "Parenting capacity", "Family and environment"]

INDICATORS = {
    1: [
        (0, "Healthy, developing as expected, attending school"),
        (1, "Parents meet the child's needs with universal support"),
        (2, "Stable housing and a supportive network"),
    ],
    2: [
        (0, "Attendance or health appointments slipping"),
        (1, "Parents struggling with routines or boundaries"),
        (2, "Family under stress: debt, housing worries, isolation"),
    ],
    3: [
        (0, "Persistent absence, or development delayed and not improving"),
        (1, "Parental substance misuse, mental ill health or domestic abuse affecting care"),
        (2, "Overcrowded or unsafe housing, or a family in crisis"),
    ],
    4: [
        (0, "Injury or disclosure suggesting significant harm"),
        (1, "Parent unable or unwilling to keep the child safe"),
        (2, "Child at risk of exploitation or missing from home"),
    ],
}


def seed(apps: Any, schema_editor: Any) -> None:
    RagLevel = apps.get_model("screening", "RagLevel")
    ClockConfiguration = apps.get_model("screening", "ClockConfiguration")
    for code, label, amount, unit, runs, order in RAG_LEVELS:
        RagLevel.objects.get_or_create(
            code=code,
            defaults={
                "label": label,
                "duration_amount": amount,
                "duration_unit": unit,
                "runs_outside_office_hours": runs,
                "order": order,
            },
        )
    ClockConfiguration.objects.get_or_create(singleton=True)
    ThresholdLevel = apps.get_model("screening", "ThresholdLevel")
    ThresholdDomain = apps.get_model("screening", "ThresholdDomain")
    ThresholdIndicator = apps.get_model("screening", "ThresholdIndicator")
    levels = {}
    for number, label, description in LEVELS:
        levels[number], _ = ThresholdLevel.objects.get_or_create(
            number=number, defaults={"label": label, "description": description}
        )
    domains = [
        ThresholdDomain.objects.get_or_create(name=name, defaults={"order": i})[0]
        for i, name in enumerate(DOMAINS)
    ]
    for number, rows in INDICATORS.items():
        for domain_index, text in rows:
            ThresholdIndicator.objects.get_or_create(
                level=levels[number], domain=domains[domain_index], text=text
            )


class Migration(migrations.Migration):
    dependencies = [("screening", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
