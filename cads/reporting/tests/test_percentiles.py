"""Partner-check percentiles from the tallied bands (cads.reporting.percentiles) give what
PostgreSQL's PERCENTILE_CONT gives over every response time: ties, times on a band's limit,
one check, none completed, a team and a date range."""

from __future__ import annotations

import datetime
import random
import uuid
from typing import Any

import pytest
from django.db import connection
from django.db.models import Aggregate, Count, F, FloatField, Q

from cads.accounts.models import Organisation, OrganisationKind
from cads.authority.selectors import office_hours
from cads.core.clocks import LONDON
from cads.reporting import percentiles, tallies
from cads.reporting.bands import BAND_LIMITS, BAND_SQL
from cads.reporting.models import CheckFact, StaleDay
from cads.reporting.scope import Scope

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 11, 2)


class PercentileCont(Aggregate):
    function = "PERCENTILE_CONT"
    template = "%(function)s(%(fraction)s) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()

    def __init__(self, expression: Any, fraction: float, **extra: Any) -> None:
        super().__init__(expression, fraction=float(fraction), **extra)


def _times(rng: random.Random) -> list[float | None]:
    limits = [float(x) for x in rng.sample(BAND_LIMITS, 20)]
    spread = [rng.lognormvariate(10, 1.2) for _ in range(300)]
    ties = [3600.0] * 25
    return [*limits, *spread, *ties, 0.0, 45.5, None, None, None]


def _checks(agency: Organisation, times: list[float | None], workers: list[int]) -> None:
    rows = []
    for i, took in enumerate(times):
        received = datetime.datetime.combine(
            DAY + datetime.timedelta(days=i % 3), datetime.time(10), LONDON
        )
        done = None if took is None else received + datetime.timedelta(seconds=took)
        rows.append(CheckFact(
            check_request_id=uuid.uuid4(), contact_id=uuid.uuid4(), received_at=received,
            worker_id=workers[i % len(workers)], organisation=agency, requested_at=received,
            completed_at=done,
        ))  # fmt: skip
    CheckFact.objects.bulk_create(rows)


@pytest.fixture
def agencies(make_user) -> tuple[list[int], list[Organisation]]:
    rng = random.Random(20261204)
    workers = [make_user("CADS social worker", username=f"worker-{i}").pk for i in range(3)]
    police = Organisation.objects.create(name="Police", kind=OrganisationKind.POLICE)
    health = Organisation.objects.create(name="Health", kind=OrganisationKind.HEALTH)
    school = Organisation.objects.create(name="School", kind=OrganisationKind.EDUCATION)
    _checks(police, _times(rng), workers)
    _checks(health, [7200.0], workers)
    _checks(school, [None, None], workers)
    took = "extract(epoch FROM completed_at - requested_at)"
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE reporting_checkfact SET took_s = {took}, "  # noqa: S608 (constants)
            f"took_band = {BAND_SQL.format(took)}"
        )
    StaleDay.objects.bulk_create([StaleDay(day=DAY + datetime.timedelta(days=d)) for d in range(3)])
    tallies.count_days(office_hours())
    return workers, [police, health, school]


def expected(scope: Scope) -> dict[int, tuple[int, int, float | None, float | None]]:
    took = F("took_s")
    found = (
        scope.check_facts()
        .values("organisation_id")
        .annotate(
            requested=Count("pk"),
            completed=Count("pk", filter=Q(completed_at__isnull=False)),
            median=PercentileCont(took, 0.5),
            p90=PercentileCont(took, 0.9),
        )
    )
    return {
        r["organisation_id"]: (r["requested"], r["completed"], r["median"], r["p90"]) for r in found
    }


def computed(scope: Scope) -> dict[int, tuple[int, int, float | None, float | None]]:
    found = percentiles.agencies(scope.tallies().total)
    values = percentiles.percentiles(scope, found, (0.5, 0.9))
    return {a: (c.requested, c.completed, *values[a]) for a, c in found.items()}  # type: ignore[misc]


def close(a: dict[int, Any], b: dict[int, Any]) -> bool:
    assert a.keys() == b.keys()
    return all(
        x[:2] == y[:2]
        and all(p == q or abs(p - q) < 1e-6 for p, q in zip(x[2:], y[2:], strict=True))
        for x, y in ((a[k], b[k]) for k in a)
    )


@pytest.mark.parametrize("days", [(0, 2), (1, 1)])
def test_percentiles_are_postgresqls_percentile_cont(agencies, days) -> None:
    start, end = (DAY + datetime.timedelta(days=d) for d in days)
    scope = Scope(start=start, end=end)
    assert close(computed(scope), expected(scope))


def test_one_teams_percentiles(agencies, make_user) -> None:
    from cads.reporting.models import Team

    workers, _ = agencies
    team = Team.objects.create(name="CADS North")
    team.members.add(*workers[:2])
    # These check facts have no contact facts, so their days are queued here (a change of
    # members queues the days of every contact fact).
    StaleDay.objects.bulk_create([StaleDay(day=DAY + datetime.timedelta(days=d)) for d in range(3)])
    scope = Scope(start=DAY, end=DAY + datetime.timedelta(days=2), team=team)
    assert close(computed(scope), expected(scope))


def test_an_agency_with_one_or_no_completed_checks(agencies) -> None:
    _, (police, health, school) = agencies
    found = computed(Scope(start=DAY, end=DAY + datetime.timedelta(days=2)))
    assert found[health.pk] == (1, 1, 7200.0, 7200.0)
    assert found[school.pk] == (2, 0, None, None)
    assert found[police.pk][:2] == (350, 347)
