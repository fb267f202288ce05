"""Run the duplicate sweep now (the worker runs it nightly): `manage.py find_duplicates`."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from cads.people.duplicates import duplicate_sweep


class Command(BaseCommand):
    help = "Search the whole register for possible duplicate records and queue them for review"

    def handle(self, *args: Any, **options: Any) -> None:
        result = duplicate_sweep()
        self.stdout.write(
            f"Searched {result.people} people: {result.found} possible pairs, {result.new} new."
        )
