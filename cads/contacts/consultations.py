"""Professional consultations: a professional talks a worry through, named or anonymous;
the advice is recorded, and a concerning consultation becomes a named contact in one step
keeping everything already recorded (incumbents §5.3, Devon's consultation line)."""

from __future__ import annotations

import uuid

from django.db import transaction
from django.utils import timezone

from cads.accounts.models import User
from cads.audit.services import case_event_record
from cads.contacts.codes import ContactKind
from cads.contacts.drafts import check_may_change
from cads.contacts.models import Contact
from cads.contacts.moments import ContactEvent, consultation_recorded
from cads.contacts.sections import missing_for_submit
from cads.contacts.services import IncompleteContactError, next_reference, submission_claim
from cads.contacts.workflow import Status, check_transition


@transaction.atomic
def consultation_record(*, actor: User, contact: Contact, submission_key: uuid.UUID) -> Contact:
    """Close a consultation with the advice given; it gets a reference so the consultation
    record sent to the professional can quote it. Idempotent on the submission key."""
    done = submission_claim(submission_key)
    if done is not None:
        return done
    locked = Contact.objects.select_for_update().get(pk=contact.pk)
    if locked.status == Status.CONSULTATION_RECORDED:
        return locked
    check_may_change(actor, locked)
    missing = missing_for_submit(locked)
    if missing:
        raise IncompleteContactError(missing)
    check_transition(locked.status, Status.CONSULTATION_RECORDED)
    locked.status = Status.CONSULTATION_RECORDED
    locked.submitted_at = timezone.now()
    locked.reference = locked.reference or next_reference(locked.received_at)
    locked.submission_key = submission_key
    locked.version += 1
    locked.save()
    case_event_record(
        subject=locked,
        actor=actor,
        kind="consultation.recorded",
        new={"reference": locked.reference, "advice_given": locked.advice_given},
    )
    # The consultation record is owed to the professional from now (letters registers).
    consultation_recorded.publish(ContactEvent(contact=locked, actor=actor))
    return locked


@transaction.atomic
def consultation_convert(*, actor: User, contact: Contact, reason: str) -> Contact:
    """Turn a consultation into a named contact draft. The overview becomes the start of
    the concern; the referrer, the received time and the reference are kept."""
    locked = Contact.objects.select_for_update().get(pk=contact.pk)
    if locked.kind != ContactKind.CONSULTATION:
        return locked
    check_may_change(actor, locked)
    if locked.status != Status.DRAFT:
        check_transition(locked.status, Status.DRAFT)
    # Whoever converts it records the contact from here (a recorded consultation may be
    # converted by a colleague), so the new draft is theirs to change.
    locked.created_by = actor
    locked.kind = ContactKind.CONTACT
    locked.status = Status.DRAFT
    locked.converted_from_consultation_at = timezone.now()
    if not locked.concern:
        locked.concern = locked.consultation_overview
    locked.submission_key = None
    # "No immediate risk" was the answer about the consultation; what made it a concern may
    # change that, so the intake asks again. A "yes" stands: the contact stays red.
    if locked.immediate_risk is False:
        locked.immediate_risk = None
    locked.sections_done = ["referrer"] if locked.referral_source else []
    locked.version += 1
    locked.save()
    case_event_record(
        subject=locked,
        actor=actor,
        kind="consultation.converted",
        new={"kind": ContactKind.CONTACT},
        reason=reason,
    )
    return locked


@transaction.atomic
def contact_discard(*, actor: User, contact: Contact, reason: str) -> Contact:
    """Discard a draft started by mistake; it stays on the record, marked discarded."""
    locked = Contact.objects.select_for_update().get(pk=contact.pk)
    check_may_change(actor, locked)
    check_transition(locked.status, Status.DISCARDED)
    locked.status = Status.DISCARDED
    locked.version += 1
    locked.save()
    case_event_record(subject=locked, actor=actor, kind="contact.discarded", reason=reason)
    return locked
