"""`manage.py run_worker`: the background worker, restarted after it loses the database
(cads.core.worker, ADR 0024). Use it instead of `manage.py procrastinate worker`."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from cads.core.worker import WorkerSupervisor


class Command(BaseCommand):
    help = "Run the background worker; it reconnects after a database restart."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--queue", action="append", dest="queues", help="A queue to take jobs from (repeat)"
        )
        parser.add_argument("--concurrency", type=int, help="Jobs run at once")

    def handle(self, *args: Any, **options: Any) -> None:
        supervisor = WorkerSupervisor(queues=options["queues"], concurrency=options["concurrency"])
        sys.exit(supervisor.run())
