"""Every read of checks, scoped to the user: staff with the view permission see a
contact's checks; a MASH partner sees only requests addressed to their own organisation,
and only the question and the information shared for it (golden rule 6). Opening a check
or a contact's checks writes the access log."""

from __future__ import annotations

import datetime
import uuid

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from cads.accounts.models import Organisation, User
from cads.accounts.roles import AUTHORISE_WITHOUT_CONSENT, RESPOND_CHECKS, VIEW_CHECKS
from cads.audit.services import access_log_record
from cads.checks.models import (
    AuthorisationRequest,
    CheckRequest,
    ConsentOverride,
    InformationSharingRecord,
)
from cads.checks.workflow import OPEN_STATUSES, AuthorisationStatus
from cads.contacts.codes import Consent
from cads.contacts.models import Contact
from cads.people.restriction import RESTRICTED, people_shown


def outstanding_checks(contact: Contact) -> QuerySet[CheckRequest]:
    """Requests on `contact` neither completed nor cancelled (a contact cannot close while
    any are open: issue 5, decision rules)."""
    return CheckRequest.objects.filter(contact=contact, status__in=OPEN_STATUSES)


def consent_override_latest(contact: Contact) -> ConsentOverride | None:
    return (
        ConsentOverride.objects.filter(contact=contact)
        .select_related("authorised_by")
        .order_by("-created")
        .first()
    )


def consent_authorised(contact: Contact) -> bool:
    """True when the family consented, or a team manager authorised going ahead without
    consent (refused or not sought) with reasons."""
    if contact.consent == Consent.GIVEN:
        return True
    return ConsentOverride.objects.filter(contact=contact).exists()


def consent_status_text(contact: Contact) -> str:
    """The consent position in words, as the information-sharing record keeps it."""
    label = Consent(contact.consent).label if contact.consent else "Consent not recorded"
    if contact.consent == Consent.GIVEN:
        return label
    override = consent_override_latest(contact)
    if override is None:
        return label
    when = override.created.strftime("%d %B %Y")
    return f"{label}; authorised without consent by {override.authorised_by} on {when}"


def partner_organisations() -> QuerySet[Organisation]:
    """Active partner agencies a screener may ask (never the authority itself)."""
    return Organisation.objects.filter(is_active=True).exclude(kind="local_authority")


def checks_for_contact(*, user: User, contact: Contact) -> QuerySet[CheckRequest]:
    """A contact's checks for staff, soonest due first; partners get none this way."""
    if not user.has_perm(VIEW_CHECKS):
        return CheckRequest.objects.none()
    return (
        CheckRequest.objects.filter(contact=contact)
        .select_related("organisation", "requested_by", "responded_by")
        .prefetch_related("attachments")
        .order_by("due_at")
    )


def sharing_records_for_contact(
    *, user: User, contact: Contact
) -> QuerySet[InformationSharingRecord]:
    if not user.has_perm(VIEW_CHECKS):
        return InformationSharingRecord.objects.none()
    return contact.sharing_records.select_related("organisation", "decided_by")


def checks_for_partner(user: User) -> QuerySet[CheckRequest]:
    """Checks addressed to the user's own organisation, and nothing else."""
    if not user.has_perm(RESPOND_CHECKS) or user.organisation_id is None:
        return CheckRequest.objects.none()
    return (
        CheckRequest.objects.filter(organisation_id=user.organisation_id)
        .select_related("organisation", "contact")
        .order_by("due_at")
    )


def check_get_for_partner(*, request: HttpRequest, user: User, pk: uuid.UUID) -> CheckRequest:
    """One check addressed to the user's organisation (404 for anyone else's); logged."""
    check = get_object_or_404(checks_for_partner(user).prefetch_related("attachments"), pk=pk)
    access_log_record(request=request, subject=check)
    return check


def check_get_for_staff(*, user: User, pk: uuid.UUID) -> CheckRequest:
    """One check for staff who may see a contact's checks (404 for everyone else)."""
    if not user.has_perm(VIEW_CHECKS):
        raise Http404("No check found")
    return get_object_or_404(CheckRequest.objects.select_related("contact", "organisation"), pk=pk)


def check_get_for_staff_logged(*, request: HttpRequest, user: User, pk: uuid.UUID) -> CheckRequest:
    check = check_get_for_staff(user=user, pk=pk)
    access_log_record(request=request, subject=check)
    return check


def overdue_checks(at: datetime.datetime) -> QuerySet[CheckRequest]:
    """Open checks past their deadline not yet escalated (for the escalation sweep)."""
    return CheckRequest.objects.filter(
        status__in=OPEN_STATUSES, due_at__lt=at, escalated_at__isnull=True
    ).select_related("contact", "organisation")


def time_left_in_words(due_at: datetime.datetime, now: datetime.datetime) -> str:
    """ "Overdue by 3 hours" or "Due in 2 days": overdue in words, not only colour."""
    delta = due_at - now
    overdue = delta.total_seconds() < 0
    seconds = abs(int(delta.total_seconds()))
    if seconds >= 86400:
        amount, unit = seconds // 86400, "day"
    elif seconds >= 3600:
        amount, unit = seconds // 3600, "hour"
    else:
        amount, unit = max(seconds // 60, 1), "minute"
    span = f"{amount} {unit}{'' if amount == 1 else 's'}"
    return f"Overdue by {span}" if overdue else f"Due in {span}"


def information_to_share_default(contact: Contact, viewer: User | None = None) -> str:
    """A starting point for what a partner needs: who the check is about, nothing more
    (golden rule 6). The screener edits it for each agency. A restricted person the
    screener may not see is not written in: only someone on their access list shares who
    they are (cads.people.restriction, ADR 0025)."""
    subjects = list(contact.subjects.select_related("person").order_by("role", "pk"))
    shown = (
        people_shown(request=None, viewer=viewer, people=[s.person for s in subjects])
        if viewer is not None
        else {}
    )
    lines = []
    for subject in subjects:
        person, role = subject.person, subject.get_role_display().lower()
        if person.pk in shown and not shown[person.pk].visible:
            lines.append(f"{RESTRICTED} ({role}): only someone on its access list may share it")
            continue
        born = f", born {person.date_of_birth:%d %B %Y}" if person.date_of_birth else ""
        lines.append(f"{person.full_name}{born} ({role})")
    return "\n".join(lines)


def previous_checks_by_person(person_ids: list[uuid.UUID]) -> dict[uuid.UUID, list[str]]:
    """For the history-first screen (screening.history): the partner checks made on each
    person's earlier (and current) contacts, in words: agency, date and status. The answers
    themselves stay on the contact's checks page, where reading them is logged."""
    found: dict[uuid.UUID, list[str]] = {}
    checks = (
        CheckRequest.objects.filter(contact__subjects__person_id__in=person_ids)
        .select_related("organisation", "contact")
        .prefetch_related("contact__subjects")
        .order_by("-requested_at")
        .distinct()
    )
    for check in checks:
        text = (
            f"{check.organisation.name}, {check.requested_at:%-d %b %Y} "
            f"({check.contact.reference}): {check.get_status_display().lower()}"
        )
        for subject in check.contact.subjects.all():
            if subject.person_id in person_ids:
                found.setdefault(subject.person_id, []).append(text)
    return found


def authorisations_waiting(user: User) -> QuerySet[AuthorisationRequest]:
    """The managers' list: requests to authorise checks without consent, oldest first."""
    if not user.has_perm(AUTHORISE_WITHOUT_CONSENT):
        return AuthorisationRequest.objects.none()
    return (
        AuthorisationRequest.objects.filter(status=AuthorisationStatus.WAITING)
        .select_related("contact", "requested_by")
        .order_by("requested_at")
    )


def authorisation_get_for_view(
    *, request: HttpRequest, user: User, pk: uuid.UUID
) -> AuthorisationRequest:
    """One request for a manager who may answer it; opening it is a view of the contact."""
    if not user.has_perm(AUTHORISE_WITHOUT_CONSENT):
        raise Http404("No request found")
    item = get_object_or_404(
        AuthorisationRequest.objects.select_related("contact", "requested_by", "answered_by"),
        pk=pk,
    )
    access_log_record(request=request, subject=item.contact)
    return item


def authorisation_latest(contact: Contact) -> AuthorisationRequest | None:
    """The latest request on a contact, answered or not, for the worker's pages."""
    return (
        AuthorisationRequest.objects.filter(contact=contact)
        .select_related("requested_by", "answered_by")
        .order_by("-requested_at")
        .first()
    )
