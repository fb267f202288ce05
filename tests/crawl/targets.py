"""Every URL pattern with the real ids from the crawl's world: for each route name, the
variants to request (a label and the URL's arguments). A route missing here fails the crawl,
so a new page is crawled from the day it is added."""

from __future__ import annotations

import uuid
from typing import Any

from cads.alerts.models import Alert
from tests.crawl.world import World

Variants = dict[str, dict[str, Any]]


def _people(world: World) -> Variants:
    return {
        "restricted": {"pk": world.restricted.pk},
        "mother": {"pk": world.mother.pk},
        "brother": {"pk": world.brother.pk},
    }


def _letters(world: World) -> Variants:
    letters = world.ids["letters"]
    return {
        "shared-acknowledgement": {"pk": letters[world.contacts["shared"].pk]},
        "other-family-acknowledgement": {"pk": letters[world.contacts["other-family"].pk]},
    }


def targets(world: World) -> dict[str, Variants]:
    c, ids = world.contacts, world.ids
    people = _people(world)
    draft = {"pk": c["draft"].pk}
    shared = {"pk": c["shared"].pk}
    consultation = {"pk": c["consultation"].pk}
    alert = Alert.objects.filter(recipient=world.users["team-manager"]).first()
    t: dict[str, Variants] = {
        "core:health": {"": {}},
        "accounts:home": {"": {}},
        "accounts:sign-in": {"": {}},
        "accounts:two-factor": {"": {}},
        "accounts:two-factor-set-up": {"": {}},
        "accounts:sign-out": {"": {}},
        "session:session-remaining": {"": {}},
        "session:session-keep-alive": {"": {}},
        "people:person-search": {"": {}, "hartley": {"?": "family_name=Hartley"}},
        "people:person-create": {"": {}},
        "people:duplicate-queue": {"": {}},
        "people:duplicate-pair": {"": {"pk": ids["duplicate"]}},
        "people:duplicate-not-same": {"": {"pk": ids["duplicate"]}},
        "people:duplicate-merge": {"": {"pk": ids["duplicate"]}},
        "people:duplicate-merge-record": {"none": {"pk": uuid.uuid4()}},
        "people:duplicate-merge-undo": {"none": {"pk": uuid.uuid4()}},
        "people:break-glass-list": {"": {}},
        "people:person-detail": people,
        "people:person-edit": people,
        "people:address-change": people,
        "people:family-find": people
        | {"hartley": {"pk": world.other_child.pk, "?": "family_name=Hartley"}},
        "people:family-link": {
            "brother-to-restricted": {"pk": world.brother.pk, "other": world.restricted.pk},
            "other-child-to-restricted": {"pk": world.other_child.pk, "other": world.restricted.pk},
            "restricted-to-brother": {"pk": world.restricted.pk, "other": world.brother.pk},
        },
        "people:restriction": people,
        "people:break-glass": people,
        "contacts:attachments": {"shared": shared},
        "contacts:attachment-download": {
            "shared": {"pk": c["shared"].pk, "attachment_pk": ids["attachment"]}
        },
        "contacts:contact-start": {"": {}},
        "contacts:drafts": {"": {}},
        "contacts:queue": {"": {}},
        "contacts:record": {
            "shared": shared,
            "draft": draft,
            "other-family": {"pk": c["other-family"].pk},
        },
        "contacts:task-list": {"draft": draft},
        "contacts:immediate-risk": {"draft": draft},
        "contacts:act-now": {"draft": draft},
        "contacts:check-answers": {"draft": draft},
        "contacts:confirmation": {"shared": shared},
        "contacts:children": {"draft": draft},
        "contacts:subject-search": {
            "draft": draft,
            "hartley": draft | {"?": "family_name=Hartley"},
        },
        "contacts:subject-create": {"draft": draft},
        "contacts:subject-role": {"draft": {"pk": c["draft"].pk, "person": world.restricted.pk}},
        "contacts:subject-remove": {"draft": {"pk": c["draft"].pk, "person": world.restricted.pk}},
        "contacts:follow-up": {"early-help": {"pk": c["early-help"].pk}},
        "contacts:section": {
            "concern": {"pk": c["draft"].pk, "section": "concern"},
            "referrer": {"pk": c["draft"].pk, "section": "referrer"},
        },
        "contacts:consultation-list": {"": {}},
        "contacts:consultation-start": {"": {}},
        "contacts:consultation-task": {"": consultation},
        "contacts:consultation-recorded": {"": consultation},
        "contacts:consultation-convert": {"": consultation},
        "screening:tray": {"": {}},
        "screening:team": {"": {}},
        "screening:out-of-hours": {"": {}},
        "screening:out-of-hours-actions": {"shared": shared},
        "decisions:decision-record": {"shared": shared},
        "decisions:sign-off-list": {"": {}},
        "decisions:early-help-list": {"": {}},
        "decisions:early-help-detail": {"": {"pk": ids["early-help"]}},
        "decisions:early-help-accept": {"": {"pk": ids["early-help"]}},
        "decisions:early-help-return": {"": {"pk": ids["early-help"]}},
        "decisions:early-help-assessment": {"": {"pk": ids["early-help"]}},
        "decisions:early-help-returned": {"not-sent-back": {"pk": ids["early-help"]}},
        "decisions:decision-detail": {
            "sign-off": {"pk": world.decisions["sign-off"].pk},
            "early-help": {"pk": world.decisions["early-help"].pk},
        },
        "decisions:sign-off": {"": {"pk": world.decisions["sign-off"].pk}},
        "decisions:action-add": {"": {"pk": world.decisions["early-help"].pk}},
        "decisions:acknowledgement": {"": {"pk": world.decisions["early-help"].pk}},
        "referrals:yours": {"": {}},
        "referrals:unallocated": {"": {}},
        "referrals:referral-detail": {"": {"pk": ids["referral"]}},
        "referrals:allocate": {"": {"pk": ids["referral"]}},
        **{
            f"referrals:{name}": {"": {"pk": ids["referral"]}}
            for name in (
                "assessment-start",
                "assessment-complete",
                "section-47",
                "nfa",
                "close",
                "upn-unknown",
            )
        },
        "checks:contact-checks": {"shared": shared},
        "checks:request-new": {"shared": shared},
        "checks:not-shared": {"shared": shared},
        "checks:consent-override": {"shared": shared},
        "checks:cancel": {"school": {"pk": world.checks["school"].pk}},
        "checks:on-behalf": {"school": {"pk": world.checks["school"].pk}},
        "checks:file": {"police": {"pk": world.checks["police"].pk, "file_pk": ids["check-file"]}},
        "checks:partner-tray": {"": {}},
        "checks:ask-a-manager": {"no-consent": {"pk": c["no-consent"].pk}},
        "checks:authorisations": {"": {}},
        "checks:authorisation-answer": {"": {"pk": ids["authorisation"]}},
        "letters:owed": {"": {}},
        "letters:preview": {
            kind: {"pk": c["shared"].pk, "kind": kind}
            for kind in ("acknowledgement", "instructions", "family")
        }
        | {"outcome": {"pk": c["early-help"].pk, "kind": "outcome"}},
        "letters:prepare": _letters(world),
        "letters:pdf": _letters(world),
        "letters:resend": _letters(world),
        "letters:receipt": _letters(world),
        "letters:unconfirmed-check": _letters(world),
        "letters:acknowledge": {"not-a-token": {"token": "not-a-token"}},
        "alerts:list": {"": {}},
        "alerts:read": {"manager": {"pk": alert.pk if alert else uuid.uuid4()}},
        "reporting:dashboard": {"": {}},
        "reporting:figure-csv": {"contacts-by-source": {"slug": "contacts-by-source"}},
        "reporting:backlog-csv": {"": {}},
        "reporting:data-quality": {"": {}},
        "reporting:data-quality-csv": {
            slug: {"slug": slug} for slug in ("missing-ethnicity", "missing-nhs-number")
        },
        "returns:index": {"": {}},
        "returns:cin-census": {"": {}},
        "returns:annex-a": {"": {}},
        "oversight:access-log": {"": {}},
        "oversight:who-viewed": {
            "restricted": {"record_type": "person", "record_id": str(world.restricted.pk)},
            "mother": {"record_type": "person", "record_id": str(world.mother.pk)},
            "shared": {"record_type": "contact", "record_id": str(c["shared"].pk)},
        },
        "authority:configuration": {"": {}},
        "referrers:contacts": {"": {}},
        "referrers:letter": _letters(world),
    }
    named = {"pk": c["shared"].pk, "named": ids["named"]["shared"]}
    t |= {
        "contacts:open-contact": {"draft": draft},
        "contacts:subject-name": {"draft": draft},
        "contacts:named-remove": {"draft": {"pk": c["draft"].pk, "named": ids["named"]["draft"]}},
        "screening:open-contact": {"shared": shared},
        "screening:named-find": {"shared": named, "hartley": named | {"?": "family_name=Hartley"}},
        "screening:named-create": {"shared": named},
        "screening:named-cannot": {"shared": named},
        "screening:named-choose": {
            "restricted": {"named": ids["named"]["shared"], "person": world.restricted.pk}
        },
    }
    for name in ("history", "screen", "rerate", "consent", "acknowledge", "threshold", "reassign"):
        t[f"screening:{name}"] = {"shared": shared}
    for name in ("partner-check", "partner-upload", "partner-complete"):
        t[f"checks:{name}"] = {key: {"pk": world.checks[key].pk} for key in world.checks}
    t["checks:partner-file"] = {
        "police": {"pk": world.checks["police"].pk, "file_pk": ids["check-file"]}
    }
    online = (
        "start",
        "immediate-risk",
        "emergency",
        "who-are-you",
        "children",
        "parents",
        "worry",
        "today",
        "family-told",
        "consent",
        "relationship",
        "anonymous",
        "your-details",
        "confirm-email",
        "enter-code",
        "check-answers",
        "confirmation",
    )
    t |= {f"online:{name}": {"": {}} for name in online}
    for name in ("child", "child-remove", "parent", "parent-remove"):
        t[f"online:{name}"] = {"1": {"number": 1}}
    return t
