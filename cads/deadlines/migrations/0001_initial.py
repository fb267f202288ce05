"""RagLevel and ClockConfiguration move here from screening without moving data: the state
is created here (the tables stay screening_raglevel and screening_clockconfiguration) and
deleted from screening in screening 0004. The content types move too, so the permissions
already granted, the admin's history and the administrator group keep pointing at them."""

from typing import Any

from django.db import migrations, models

MODELS = ("raglevel", "clockconfiguration")


def _move_content_types(apps: Any, source: str, target: str) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MODELS:
        if not ContentType.objects.filter(app_label=target, model=model).exists():
            ContentType.objects.filter(app_label=source, model=model).update(app_label=target)


def forwards(apps: Any, schema_editor: Any) -> None:
    _move_content_types(apps, "screening", "deadlines")


def backwards(apps: Any, schema_editor: Any) -> None:
    _move_content_types(apps, "deadlines", "screening")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("screening", "0003_referrer_acknowledgement"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ClockConfiguration",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("singleton", models.BooleanField(default=True, editable=False, unique=True)),
                        ("decision_working_days", models.PositiveSmallIntegerField(default=1)),
                        ("acknowledgement_working_days", models.PositiveSmallIntegerField(default=1)),
                        ("updated_at", models.DateTimeField(auto_now=True)),
                    ],
                    options={
                        "verbose_name": "clock configuration",
                        "verbose_name_plural": "clock configuration",
                        "db_table": "screening_clockconfiguration",
                    },
                ),
                migrations.CreateModel(
                    name="RagLevel",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("code", models.SlugField(max_length=20, unique=True)),
                        ("label", models.CharField(max_length=60)),
                        ("duration_amount", models.PositiveIntegerField()),
                        (
                            "duration_unit",
                            models.CharField(
                                choices=[
                                    ("working_hours", "Working hours"),
                                    ("working_days", "Working days"),
                                ],
                                max_length=16,
                            ),
                        ),
                        (
                            "runs_outside_office_hours",
                            models.BooleanField(
                                default=False,
                                help_text=(
                                    "The clock counts real hours, evenings, weekends and bank "
                                    "holidays included."
                                ),
                            ),
                        ),
                        (
                            "order",
                            models.PositiveSmallIntegerField(
                                default=0, help_text="Most urgent first (0)."
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "RAG level",
                        "ordering": ["order", "code"],
                        "db_table": "screening_raglevel",
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(forwards, backwards),
    ]
