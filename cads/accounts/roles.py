"""Roles are Django groups with permissions; this table is the single source of truth.

`sync_roles()` makes the groups match the table. It runs after every `migrate`, so a new
deployment and a test database both get the same roles without a separate step.
"""

from __future__ import annotations

from typing import Any, Final

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.db import transaction

USE_SERVICE = "accounts.use_service"
VIEW_PERSON = "people.view_person"
ADD_PERSON = "people.add_person"
CHANGE_PERSON = "people.change_person"
# Restricting a record and choosing its access list is a manager's decision.
RESTRICT_PERSON = "people.add_recordaccess"
MERGE_PEOPLE = "people.add_merge"
VIEW_CONTACT = "contacts.view_contact"
ADD_CONTACT = "contacts.add_contact"
REVIEW_DUPLICATES = "people.change_duplicatecandidate"
VIEW_ACCESS_LOG = "audit.view_accesslog"
CHANGE_AUTHORITY = "authority.change_authorityconfiguration"
# Screening (issue 5): the work tray and history-first screening; managers oversee the tray.
VIEW_SCREENING = "screening.view_screening"
SCREEN_CONTACT = "screening.change_screening"
MANAGE_TRAY = "screening.manage_tray"
SCREENING_WORK: Final = (VIEW_SCREENING, SCREEN_CONTACT)
# The out-of-hours service's own tray and its record of immediate actions (ADR 0030).
VIEW_OUT_OF_HOURS = "screening.view_outofhoursrecord"
RECORD_OUT_OF_HOURS = "screening.add_outofhoursrecord"
OUT_OF_HOURS_WORK: Final = (VIEW_OUT_OF_HOURS, RECORD_OUT_OF_HOURS)
# A draft contact is changed only by the person recording it and by the managers who oversee
# the tray (they may take over a draft when its author is off sick or the call was passed on).
EDIT_ANY_DRAFT = MANAGE_TRAY
# MASH checks (issue 5): screeners ask partners; managers authorise going ahead without
# consent and cancel checks; partners only answer checks addressed to their organisation.
VIEW_CHECKS = "checks.view_checkrequest"
REQUEST_CHECKS = "checks.add_checkrequest"
RECORD_SHARING_DECISION = "checks.add_informationsharingrecord"
CANCEL_CHECKS = "checks.cancel_checkrequest"
AUTHORISE_WITHOUT_CONSENT = "checks.add_consentoverride"
RESPOND_CHECKS = "checks.respond_checkrequest"
CHECKS_WORK: Final = (VIEW_CHECKS, REQUEST_CHECKS, RECORD_SHARING_DECISION)
# Decisions and referrals (issue 5): CADS social workers decide; a team manager signs off
# decisions that need management oversight and allocates referrals; Early Help pathway
# advisors receive step-downs; assessment social workers work their allocated referrals.
ADD_DECISION = "decisions.add_decision"
VIEW_DECISION = "decisions.view_decision"
SIGN_OFF_DECISION = "decisions.sign_off_decision"
VIEW_EARLY_HELP_REQUEST = "decisions.view_earlyhelprequest"
ACCEPT_EARLY_HELP_REQUEST = "decisions.change_earlyhelprequest"
VIEW_REFERRAL = "referrals.view_referral"
CHANGE_REFERRAL = "referrals.change_referral"
ALLOCATE_REFERRAL = "referrals.allocate_referral"
DECISION_WORK: Final = (ADD_DECISION, VIEW_DECISION, VIEW_REFERRAL)
# Letters (issue 6): CADS social workers and team managers preview, send and open letters.
VIEW_LETTER = "letters.view_letter"
SEND_LETTER = "letters.add_letter"
LETTER_WORK: Final = (VIEW_LETTER, SEND_LETTER)
# Staff alerts (issue 6): the in-app list of alerts raised for the user (ADR 0014).
VIEW_ALERT = "alerts.view_alert"
# Statutory returns (issue 7): team managers and heads of service export the CIN census and
# Ofsted Annex A (each export is recorded with its SHA-256 and audited).
EXPORT_RETURNS = "returns.export_returns"
# A referrer follows the contacts they raised (cads.referrers, ADR 0032).
FOLLOW_OWN_CONTACTS = "contacts.follow_own_contact"
# Management information (issue 7): the dashboard, the live backlog and data quality.
VIEW_DASHBOARD = "reporting.view_dashboard"

STAFF_CASEWORK: Final = (
    USE_SERVICE,
    VIEW_PERSON,
    ADD_PERSON,
    CHANGE_PERSON,
    VIEW_CONTACT,
    ADD_CONTACT,
)


class Role:
    """Role (group) names as users see them."""

    CALL_HANDLER = "Call handler"
    CADS_SOCIAL_WORKER = "CADS social worker"
    TEAM_MANAGER = "Team manager"
    MASH_PARTNER = "MASH partner"
    EARLY_HELP_ADVISOR = "Early Help pathway advisor"
    ASSESSMENT_SOCIAL_WORKER = "Assessment team social worker"
    OUT_OF_HOURS_WORKER = "Out-of-hours worker"
    REFERRER = "Referrer"
    HEAD_OF_SERVICE = "Head of service"
    ADMINISTRATOR = "Administrator"


ROLE_PERMISSIONS: Final[dict[str, tuple[str, ...]]] = {
    Role.CALL_HANDLER: STAFF_CASEWORK,
    Role.CADS_SOCIAL_WORKER: (
        *STAFF_CASEWORK,
        MERGE_PEOPLE,
        REVIEW_DUPLICATES,
        *SCREENING_WORK,
        *CHECKS_WORK,
        *DECISION_WORK,
        *LETTER_WORK,
        VIEW_ALERT,
    ),
    Role.TEAM_MANAGER: (
        *STAFF_CASEWORK,
        VIEW_ACCESS_LOG,
        RESTRICT_PERSON,
        MERGE_PEOPLE,
        REVIEW_DUPLICATES,
        *SCREENING_WORK,
        MANAGE_TRAY,
        *CHECKS_WORK,
        CANCEL_CHECKS,
        AUTHORISE_WITHOUT_CONSENT,
        *DECISION_WORK,
        SIGN_OFF_DECISION,
        VIEW_EARLY_HELP_REQUEST,
        CHANGE_REFERRAL,
        ALLOCATE_REFERRAL,
        *LETTER_WORK,
        VIEW_ALERT,
        EXPORT_RETURNS,
        VIEW_DASHBOARD,
    ),
    # Partners see only what is shared with their organisation; no direct record access.
    Role.MASH_PARTNER: (USE_SERVICE, RESPOND_CHECKS),
    Role.EARLY_HELP_ADVISOR: (*STAFF_CASEWORK, VIEW_EARLY_HELP_REQUEST, ACCEPT_EARLY_HELP_REQUEST),
    Role.ASSESSMENT_SOCIAL_WORKER: (*STAFF_CASEWORK, VIEW_REFERRAL, CHANGE_REFERRAL),
    # The out-of-hours service screens what comes in at night and records what it did; the
    # daytime front door decides after the handover (ADR 0030).
    Role.OUT_OF_HOURS_WORKER: (*STAFF_CASEWORK, *SCREENING_WORK, *OUT_OF_HOURS_WORK),
    Role.REFERRER: (USE_SERVICE, FOLLOW_OWN_CONTACTS),
    # Leaders read the front door's figures and statutory returns (issue 7); they may open the
    # contacts and children behind a figure but do not screen, decide or do casework.
    Role.HEAD_OF_SERVICE: (
        USE_SERVICE,
        VIEW_PERSON,
        VIEW_CONTACT,
        EXPORT_RETURNS,
        VIEW_DASHBOARD,
    ),
    Role.ADMINISTRATOR: (
        USE_SERVICE,
        VIEW_ACCESS_LOG,
        # Alerts about the service itself: a background worker that stopped (ADR 0024),
        # and its heartbeats in administration.
        VIEW_ALERT,
        "core.view_workerheartbeat",
        CHANGE_AUTHORITY,
        "authority.view_authorityconfiguration",
        # Which outcomes need sign-off, and the assessment teams, are configuration too.
        "decisions.view_signoffrule",
        "decisions.change_signoffrule",
        "referrals.view_assessmentteam",
        "referrals.add_assessmentteam",
        "referrals.change_assessmentteam",
        # Front-door teams for the dashboard's team filter (cads.reporting, ADR 0015).
        "reporting.view_team",
        "reporting.add_team",
        "reporting.change_team",
        # Letter templates: editing one saves a new version (cads.letters.admin).
        "letters.view_lettertemplate",
        "letters.add_lettertemplate",
        "letters.change_lettertemplate",
        # Letter settings: the schools' same-day feedback time, other support (issue 6).
        "letters.view_lettersettings",
        "letters.add_lettersettings",
        "letters.change_lettersettings",
        # Clocks (cads.deadlines) and thresholds are configuration the administrator edits
        # in Django admin.
        "deadlines.view_raglevel",
        "deadlines.add_raglevel",
        "deadlines.change_raglevel",
        "deadlines.view_clockconfiguration",
        "deadlines.change_clockconfiguration",
        "screening.view_thresholdlevel",
        "screening.add_thresholdlevel",
        "screening.change_thresholdlevel",
        "screening.view_thresholddomain",
        "screening.add_thresholddomain",
        "screening.change_thresholddomain",
        "screening.view_thresholdindicator",
        "screening.add_thresholdindicator",
        "screening.change_thresholdindicator",
        "accounts.view_user",
        "accounts.add_user",
        "accounts.change_user",
        "accounts.view_organisation",
        "accounts.add_organisation",
        "accounts.change_organisation",
        "auth.view_group",
        "axes.view_accessattempt",
        "axes.delete_accessattempt",
        "axes.view_accessfailurelog",
        # No authenticator device permissions: nobody sees another user's secret or QR code;
        # "Reset two-factor" on a user deletes their device instead (ADR 0019).
    ),
}

# Roles that see or decide more than casework (the access log, restriction, sign-off, the
# whole service's figures, configuration and users): given only on the server with
# `manage.py grant_role`, never in the admin site, so an administrator cannot promote
# themselves or a friend unseen (ADR 0019).
PRIVILEGED_ROLES: Final = frozenset({Role.TEAM_MANAGER, Role.HEAD_OF_SERVICE, Role.ADMINISTRATOR})

# Roles whose users must belong to a partner organisation (never the authority itself).
PARTNER_ROLES: Final = frozenset({Role.MASH_PARTNER})


def _permission(dotted: str) -> Permission:
    app_label, codename = dotted.split(".", 1)
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


@transaction.atomic
def sync_roles() -> None:
    """Create or update every role group so its permissions equal ROLE_PERMISSIONS."""
    for name, dotted in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set([_permission(p) for p in dotted])


def sync_roles_after_migrate(sender: Any, **kwargs: Any) -> None:
    """post_migrate hook: make sure every app's permissions exist, then sync the roles."""
    if getattr(sender, "label", None) != "accounts":
        return
    using = kwargs.get("using", "default")
    for app_config in global_apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using)
    sync_roles()
