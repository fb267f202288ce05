"""Information-sharing decisions that are not check requests: a decision not to share,
and a team manager's authority to go ahead without consent. One audit event each."""

from __future__ import annotations

from django.db import transaction

from cads.accounts.models import Organisation, User
from cads.audit.services import case_event_record
from cads.checks.models import ConsentOverride, InformationSharingRecord
from cads.checks.selectors import consent_status_text
from cads.checks.services import CheckRefusedError
from cads.checks.services_authorisation import waiting_requests_answer
from cads.contacts.codes import Consent
from cads.contacts.models import Contact


@transaction.atomic
def sharing_decline_record(
    *,
    actor: User,
    contact: Contact,
    organisation: Organisation,
    information: str,
    reasons: str,
) -> InformationSharingRecord:
    """Golden rule 7: record the reasons for an information-sharing decision whether or
    not you share. This records a decision NOT to share, the same way as a disclosure."""
    if not reasons.strip():
        raise CheckRefusedError("Enter why you decided not to share")
    record = InformationSharingRecord.objects.create(
        contact=contact,
        organisation=organisation,
        shared=False,
        information=information,
        consent_status=consent_status_text(contact),
        decided_by=actor,
        reasons=reasons,
    )
    case_event_record(
        subject=contact,
        actor=actor,
        kind="checks.not_shared",
        new={"record": record.pk, "organisation": organisation.name},
        reason=reasons,
    )
    return record


@transaction.atomic
def consent_override_authorise(*, actor: User, contact: Contact, reasons: str) -> ConsentOverride:
    """A team manager authorises seeking partner information without the family's consent
    (refused or not sought), with reasons (sussexchildprotection 4.1.6; bedfordscb §1)."""
    if contact.consent == Consent.GIVEN:
        raise CheckRefusedError("The family gave consent: no authorisation is needed")
    if not reasons.strip():
        raise CheckRefusedError("Enter why checks should go ahead without consent")
    override = ConsentOverride.objects.create(contact=contact, authorised_by=actor, reasons=reasons)
    # A worker's request waiting on this contact is answered by this authorisation.
    answered = waiting_requests_answer(actor=actor, override=override)
    case_event_record(
        subject=contact,
        actor=actor,
        kind="checks.consent_overridden",
        old={"consent": contact.consent},
        new={"override": override.pk, "requests_answered": [str(r.pk) for r in answered]},
        reason=reasons,
    )
    return override
