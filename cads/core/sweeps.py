"""Periodic sweeps (deadline checks and the like) registered by later issues.

`register` a function taking the sweep time; the worker's periodic `deadline_sweep` task
runs every registered sweep every five minutes. A sweep must be idempotent: it may run
twice for the same moment after a retry.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable

logger = logging.getLogger(__name__)

Sweep = Callable[[datetime.datetime], int]
SWEEPS: dict[str, Sweep] = {}


def register(name: str) -> Callable[[Sweep], Sweep]:
    """Decorator: add a sweep under `name` (returns how many items it acted on)."""

    def decorator(func: Sweep) -> Sweep:
        SWEEPS[name] = func
        return func

    return decorator


def run_all(at: datetime.datetime) -> dict[str, int]:
    """Run every registered sweep once and report how many items each acted on."""
    results = {}
    for name, sweep in SWEEPS.items():
        results[name] = sweep(at)
        logger.info("sweep %s acted on %s item(s)", name, results[name])
    return results
