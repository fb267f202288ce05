"""Sanity checks of the reporting benchmark's generated year (bench/reporting_data.py and
its modules), at a tiny size so they stay fast: the counts are the profile's, every row
points at rows that exist, and the rows obey the rules the services enforce."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.db import connection, models
from django.utils import timezone

from bench.reporting_activity import ActivityGenerator
from bench.reporting_data import (
    YEAR_END,
    YEAR_START,
    Staff,
    family_of,
    households,
    tiny_profile,
)
from bench.reporting_load import MODELS, activity_load
from cads.checks.models import CheckRequest, ConsentOverride
from cads.contacts.models import Contact, ContactSubject
from cads.core.clocks import OfficeHours
from cads.decisions.models import Decision
from cads.referrals.models import Referral

PROFILE = tiny_profile(children=400, contacts=150, referrals=45)


def fake_staff() -> Staff:
    return Staff(
        call_handlers=[1], screeners=[2, 3], managers=[4], advisors=[5], teams={1: [6]},
        partners={k: (1, [7]) for k in ("police", "health", "education", "probation",
                                         "housing", "adult_social_care")},
        levels={1: 1, 2: 2, 3: 3, 4: 4},
    )  # fmt: skip


def generated(seed: int) -> list[tuple[Any, ...]]:
    families = [family_of(h) for h in households(PROFILE, seed)]
    made = ActivityGenerator(
        seed=seed, profile=PROFILE, families=families, staff=fake_staff(), hours=OfficeHours()
    )
    return [
        (row["reference"], row["received_at"], row["status"])
        for chunk in made.chunks(50)
        for row in chunk["Contact"]
    ]


def test_same_seed_gives_the_same_year() -> None:
    assert generated(5) == generated(5)
    assert generated(5) != generated(6)


def test_register_has_exactly_the_children_asked_for() -> None:
    assert sum(len(h.children) for h in households(PROFILE, 3)) == PROFILE.children


# The load switches triggers off (replica mode), which only a superuser may (ADR 0018).
pytestmark = pytest.mark.db_owner


@pytest.fixture
def loaded(db: None) -> dict[str, Any]:
    return activity_load(profile=PROFILE, seed=11, log=lambda _: None)


def _dangling(model: type[models.Model]) -> int:
    """Rows of `model` whose foreign keys point at nothing (the load skips FK triggers)."""
    found = 0
    with connection.cursor() as cursor:
        for f in model._meta.concrete_fields:
            if not isinstance(f, models.ForeignKey):
                continue
            target = f.related_model._meta
            cursor.execute(
                f"SELECT count(*) FROM {model._meta.db_table} r LEFT JOIN {target.db_table} t "  # noqa: S608
                f'ON t."{target.pk.column}" = r."{f.column}" '
                f'WHERE r."{f.column}" IS NOT NULL AND t."{target.pk.column}" IS NULL'
            )
            found += cursor.fetchone()[0]
    return found


def test_counts_match_the_profile(loaded: dict[str, Any]) -> None:
    assert Contact.objects.count() == PROFILE.contacts
    assert Referral.objects.count() == PROFILE.referrals
    assert loaded["rows"]["Contact"] == PROFILE.contacts
    received = Contact.objects.values_list("received_at", flat=True)
    assert all(YEAR_START <= timezone.localdate(r) <= YEAR_END for r in received)


def test_every_reference_resolves(loaded: dict[str, Any]) -> None:
    assert {name: _dangling(model) for name, model in MODELS.items()} == dict.fromkeys(MODELS, 0)


def test_referrals_follow_the_rules(loaded: dict[str, Any]) -> None:
    for referral in Referral.objects.select_related("contact", "decision", "previous_referral"):
        contact, decision = referral.contact, referral.decision
        assert decision.contact_id == contact.pk
        assert decision.status == "agreed"
        assert {"assessment", "strategy"} & set(decision.outcomes)
        assert ContactSubject.objects.filter(
            contact=contact, person_id=referral.child_id, role="child"
        ).exists()
        assert referral.referral_date == timezone.localdate(contact.received_at)
        assert referral.assessment_due > referral.referral_date
        if contact.consent != "given":
            assert ConsentOverride.objects.filter(contact=contact).exists()
        earlier = referral.previous_referral
        if earlier is not None:
            assert earlier.child_id == referral.child_id
            assert referral.referral_date - earlier.referral_date <= datetime.timedelta(days=366)


def test_closed_contacts_have_a_final_decision_and_no_open_checks(
    loaded: dict[str, Any],
) -> None:
    closed = Contact.objects.filter(status="closed")
    assert closed.exists()
    for contact in closed:
        final = Decision.objects.filter(contact=contact, status="agreed").exclude(
            outcomes=["mash_checks"]
        )
        assert final.count() == 1
        assert not CheckRequest.objects.filter(
            contact=contact, status__in=("requested", "responded")
        ).exists()
    assert not Decision.objects.filter(status="awaiting_sign_off", contact__status="closed")
