"""What status each viewer gets from each route: first what the view's declared access
(cads.core.access) and the viewer's permissions say, then the refusals and redirects a
permission alone does not decide, each listed below with its reason: a restricted record
(403 unless on its access list), another organisation's check (404), a page that needs a
search or a state first (302), and GET on a POST-only action (405)."""

from __future__ import annotations

from cads.accounts.models import User
from cads.core.access import access_of
from tests.architecture import Route
from tests.crawl.world import WITH_ACCESS

OK, FOUND, FORBIDDEN, NOT_FOUND, NOT_ALLOWED = 200, 302, 403, 404, 405

# Actions taken by POST only: a GET is refused before anything else is asked.
POST_ONLY = frozenset(
    {
        "session:session-keep-alive",
        "letters:resend",
        "letters:receipt",
        "letters:unconfirmed-check",
        "alerts:read",
    }
)
# Anyone, signed in or not: a link that is not a token; online-form pages that need the
# answers before them (they send the reporter back) or a child or parent to remove.
FOR_EVERYONE: dict[tuple[str, str], int] = {
    ("letters:acknowledge", "not-a-token"): NOT_FOUND,
    **{
        (f"online:{page}", ""): FOUND
        for page in (
            "children",
            "consent",
            "relationship",
            "anonymous",
            "your-details",
            "confirm-email",
            "enter-code",
            "check-answers",
            "confirmation",
        )
    },
    **{(f"online:{page}", "1"): NOT_FOUND for page in ("child-remove", "parent-remove")},
}
RECORD_PAGES = ("person-detail", "person-edit", "address-change", "family-find", "restriction")
LETTER_KINDS = ("acknowledgement", "instructions", "family", "outcome")
# The restricted child's own pages and every page that reads or writes her record: refused
# to everyone not on her access list (ADR 0010, ADR 0025).
RESTRICTED = frozenset(
    {
        *((f"people:{page}", "restricted") for page in RECORD_PAGES),
        ("people:family-link", "brother-to-restricted"),
        ("people:family-link", "other-child-to-restricted"),
        ("people:family-link", "restricted-to-brother"),
        ("people:duplicate-not-same", ""),
        ("people:duplicate-merge", ""),
        ("contacts:subject-role", "draft"),
        ("contacts:subject-remove", "draft"),
        ("screening:named-choose", "restricted"),
        *(("letters:preview", kind) for kind in LETTER_KINDS),
        ("letters:prepare", "shared-acknowledgement"),
        ("letters:pdf", "shared-acknowledgement"),
    }
)  # fmt: skip
# Pages a permission-holder is sent on from: create only after a search; a draft whose
# immediate-risk question is unanswered; a contact or consultation already past the page;
# break-glass for a record that is not restricted; a letter already sent.
REDIRECTED = frozenset(
    {
        ("people:person-create", ""),
        ("contacts:subject-create", "draft"),
        ("screening:named-create", "shared"),
        ("contacts:task-list", "draft"),
        ("contacts:confirmation", "shared"),
        ("contacts:consultation-task", ""),
        ("people:break-glass", "mother"),
        ("people:break-glass", "brother"),
        ("letters:prepare", "other-family-acknowledgement"),
    }
)
# A draft is changed only by its author (the call handler) or a manager; anyone else gets
# it read-only, "being recorded" by its author, in place of the page.
DRAFT_EDITORS = frozenset({"call-handler", "team-manager"})
BEING_RECORDED = frozenset(
    (f"contacts:{page}", "draft")
    for page in ("task-list", "subject-create", "subject-role", "subject-remove")
)
# Ids that name nothing: no merge has been made; a step-down Early Help has not sent back;
# a letter sent to someone other than the crawling referrer (the world's letters are to the
# referrers the contacts name, none of them a CADS user).
MISSING = frozenset(
    {
        ("people:duplicate-merge-record", "none"),
        ("people:duplicate-merge-undo", "none"),
        ("decisions:early-help-returned", "not-sent-back"),
        ("referrers:letter", "shared-acknowledgement"),
        ("referrers:letter", "other-family-acknowledgement"),
    }
)
# Each partner sees only the checks addressed to its own organisation.
PARTNER_PAGES = frozenset(
    {
        "checks:partner-check",
        "checks:partner-upload",
        "checks:partner-complete",
        "checks:partner-file",
    }
)
PARTNER_OF = {"police-partner": "police", "school-partner": "school"}
# A letter about her waits for someone with access to write it (ADR 0025): not yet made.
NOT_MADE = frozenset({("letters:pdf", "shared-acknowledgement")})


def declared_status(route: Route, crawler: str, user: User | None) -> int:
    """What the view's access declaration alone says."""
    access = access_of(route.view)
    assert access is not None, f"{route.name} declares no access"
    if access.kind == "public":
        return OK
    if crawler == "anonymous":
        return FOUND  # to sign in
    if crawler == "password-only":
        return OK if access.kind == "pre-two-factor" else FOUND  # to the code
    if access.kind == "pre-two-factor":
        return OK
    assert user is not None
    return OK if user.has_perms(access.permissions) else FORBIDDEN


def _signed_in(name: str, crawler: str) -> int | None:
    """The sign-in pages send a signed-in user on; sign-out sends the anonymous to sign in."""
    if name == "accounts:sign-in" and crawler not in ("anonymous", "password-only"):
        return FOUND
    if name == "accounts:two-factor-set-up" and crawler != "anonymous":
        return FOUND  # enrolled already: to the code, or home
    if name == "accounts:sign-out" and crawler == "anonymous":
        return FOUND
    return None


def _object_level(name: str, label: str, crawler: str) -> int:
    key = (name, label)
    if key in BEING_RECORDED and crawler not in DRAFT_EDITORS:
        return OK
    if key in RESTRICTED and crawler not in WITH_ACCESS:
        return FORBIDDEN
    if key in NOT_MADE or key in MISSING:
        return NOT_FOUND
    if key in REDIRECTED:
        return FOUND
    if name in PARTNER_PAGES and PARTNER_OF.get(crawler) != label:
        return NOT_FOUND
    return OK


def expected_status(route: Route, label: str, crawler: str, user: User | None) -> int:
    if route.name in POST_ONLY:
        return NOT_ALLOWED
    if (route.name, label) in FOR_EVERYONE:
        return FOR_EVERYONE[(route.name, label)]
    if (signed_in := _signed_in(route.name, crawler)) is not None:
        return signed_in
    status = declared_status(route, crawler, user)
    if status != OK or user is None:
        return status
    return _object_level(route.name, label, crawler)
