"""A default four-level continuum of need (fictional wording, shaped like typical local
threshold documents: incumbents-and-practice.md §4 and §6). Migration 0002 carries its own
copy; this is used again after a flush when the tables are empty. The default clocks are
cads.deadlines.seed."""

from typing import Any

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


def seed_thresholds(apps: Any) -> None:
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
