"""What referrals adds to a child's file (registered in ReferralsConfig.ready()): each
referral with its assessment dates (Child and Family Assessment within 45 working days)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.dateformat import format as date_format

from cads.accounts.models import User
from cads.accounts.roles import VIEW_REFERRAL
from cads.people import timeline
from cads.people.models import Person
from cads.people.timeline import TimelineEntry, at_start_of
from cads.referrals.models import Referral


def _details(referral: Referral) -> list[str]:
    details = [referral.get_status_display(), f"Contact {referral.contact}"]
    if referral.assessment_completed_on:
        completed = date_format(referral.assessment_completed_on, "j F Y")
        details.append(f"Assessment completed {completed}")
    else:
        due = date_format(referral.assessment_due, "j F Y")
        late = " (overdue)" if referral.assessment_overdue else ""
        details.append(f"Assessment due {due}{late}")
    if referral.closed_on:
        closed = date_format(referral.closed_on, "j F Y")
        details.append(f"Episode closed {closed} ({referral.get_closure_reason_display()})")
    if referral.is_re_referral:
        details.append("Re-referral within 12 months")
    return details


def referral_entries(viewer: User, person: Person) -> list[TimelineEntry]:
    if not viewer.has_perm(VIEW_REFERRAL):
        return []
    referrals = Referral.objects.filter(child=person).select_related("contact")
    return [
        TimelineEntry(
            when=at_start_of(referral.referral_date),
            kind="Referral",
            title="Child and Family Assessment",
            key=f"referral:{referral.pk}",
            url=reverse("referrals:referral-detail", args=[referral.pk]),
            details=_details(referral),
            open=referral.closed_on is None,  # the CIN episode, until it is closed
            day_only=True,
        )
        for referral in referrals
    ]


def register() -> None:
    timeline.register(referral_entries, by="referrals: referrals")
