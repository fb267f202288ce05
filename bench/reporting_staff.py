"""The staff, partner organisations and assessment teams of the reporting benchmark, made
once through the ordinary services (cads.accounts.services.user_create) and reused."""

from __future__ import annotations

from django_otp.plugins.otp_totp.models import TOTPDevice

from bench.reporting_data import Profile, Staff
from cads.accounts.models import Organisation, OrganisationKind, User
from cads.accounts.roles import Role
from cads.accounts.services import two_factor_device_create, user_create
from cads.referrals.models import AssessmentTeam
from cads.screening.models import ThresholdLevel

PASSWORD = "bench-password-not-secret"
AUTHORITY = "Wessex County Council Children's Services"
PARTNERS = {
    OrganisationKind.POLICE: "Wessex Police",
    OrganisationKind.HEALTH: "Wessex Community Health NHS Trust",
    OrganisationKind.EDUCATION: "Wessex Education Safeguarding Team",
    OrganisationKind.PROBATION: "Wessex Probation Delivery Unit",
    OrganisationKind.HOUSING: "Wessex Housing Options",
    OrganisationKind.ADULT_SOCIAL_CARE: "Wessex Adult Social Care",
}
TEAM_NAMES = ("North", "South", "East", "West", "Central", "Coast", "Vale", "Downs")
MEASURED_MANAGER = "bench-reporting-manager"


def _users(role: str, prefix: str, count: int, organisation: Organisation) -> list[int]:
    """Ids of `count` users with the role, made when missing."""
    ids = []
    for i in range(1, count + 1):
        username = f"bench-{prefix}-{i:03d}"
        user = User.objects.filter(username=username).first() or user_create(
            actor=None,
            username=username,
            password=PASSWORD,
            first_name=prefix.replace("-", " ").capitalize(),
            last_name=f"{i:03d}",
            role=role,
            organisation=organisation,
        )
        ids.append(user.pk)
    return ids


def _teams(count: int, workers: int, authority: Organisation) -> dict[int, list[int]]:
    teams = {}
    for i in range(count):
        suffix = TEAM_NAMES[i] if i < len(TEAM_NAMES) else str(i + 1)
        team, _ = AssessmentTeam.objects.get_or_create(name=f"Assessment team {suffix}")
        ids = _users(Role.ASSESSMENT_SOCIAL_WORKER, f"assess-{i + 1:02d}", workers, authority)
        teams[team.pk] = ids
    return teams


def _front_door_teams(screeners: list[int], count: int) -> None:
    """Screeners shared among front-door teams (the dashboard's team filter: a contact
    belongs to the team of the worker screening it). Skipped while the reporting app has
    no Team model."""
    try:
        from cads.reporting.models import Team
    except ImportError:
        return
    for i in range(count):
        team, _ = Team.objects.get_or_create(name=f"CADS {TEAM_NAMES[i % len(TEAM_NAMES)]}")
        team.members.add(*screeners[i::count])


def staff_ensure(profile: Profile) -> Staff:
    """Users, organisations and teams sized for the profile."""
    authority, _ = Organisation.objects.get_or_create(
        name=AUTHORITY, defaults={"kind": OrganisationKind.LOCAL_AUTHORITY}
    )
    partners = {}
    for kind, name in PARTNERS.items():
        org, _ = Organisation.objects.get_or_create(name=name, defaults={"kind": kind})
        partners[str(kind)] = (org.pk, _users(Role.MASH_PARTNER, f"partner-{kind}", 3, org))
    screeners = _users(Role.CADS_SOCIAL_WORKER, "screener", profile.screeners, authority)
    _front_door_teams(screeners, min(len(TEAM_NAMES), max(2, profile.screeners // 10)))
    return Staff(
        call_handlers=_users(Role.CALL_HANDLER, "call", max(2, profile.screeners // 2), authority),
        screeners=screeners,
        managers=_users(Role.TEAM_MANAGER, "manager", profile.managers, authority),
        advisors=_users(
            Role.EARLY_HELP_ADVISOR, "advisor", max(2, profile.screeners // 8), authority
        ),
        teams=_teams(profile.teams, max(3, profile.screeners // 4), authority),
        partners=partners,
        levels={level.number: level.pk for level in ThresholdLevel.objects.all()},
    )


def measured_manager() -> User:
    """The team manager whose signed-in requests the benchmark times, with a confirmed
    authenticator (the two-factor step is passed as conftest.signed_in_client does)."""
    authority, _ = Organisation.objects.get_or_create(
        name=AUTHORITY, defaults={"kind": OrganisationKind.LOCAL_AUTHORITY}
    )
    user = User.objects.filter(username=MEASURED_MANAGER).first() or user_create(
        actor=None,
        username=MEASURED_MANAGER,
        password=PASSWORD,
        first_name="Bench",
        last_name="Manager",
        role=Role.TEAM_MANAGER,
        organisation=authority,
    )
    if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        two_factor_device_create(user=user, confirmed=True)
    return user
