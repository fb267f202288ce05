"""What the assessment social worker records on a CIN episode, and what is refused because
the DfE's census would reject it: the assessment's dates and factors, the section 47 path,
no further action, the closure, the UPN reason; and a second referral while the child's
episode is open (ADR 0028). Every record is an audited event."""

from __future__ import annotations

import datetime
import importlib
import re
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.urls import reverse

from cads.accounts.roles import Role
from cads.audit.models import CaseEvent
from cads.decisions.codes import Outcome
from cads.decisions.services import decision_record
from cads.decisions.tests.helpers import submitted_contact
from cads.people.models import PersonStatus, StatusKind
from cads.referrals.models import AssessmentTeam, Referral
from cads.referrals.services import EpisodeOpenError, referral_allocate
from cads.referrals.services_episode import (
    AssessmentOutcome,
    EpisodeError,
    Section47,
    referral_assessment_complete,
    referral_assessment_start,
    referral_close,
    referral_no_further_action,
    referral_section_47_record,
    referral_upn_unknown_record,
)
from cads.referrals.workflow import ReferralStatus, ReferralTransitionError
from conftest import signed_in_client

pytestmark = pytest.mark.django_db
D = datetime.date
LONDON = ZoneInfo("Europe/London")
MONDAY = datetime.datetime(2026, 3, 2, 10, tzinfo=LONDON)  # referral date 2 March 2026


@pytest.fixture
def people(make_user):
    return {
        "front door": make_user(Role.CADS_SOCIAL_WORKER),
        "manager": make_user(Role.TEAM_MANAGER),
        "assessor": make_user(Role.ASSESSMENT_SOCIAL_WORKER),
    }


def referred(people, outcomes=(Outcome.ASSESSMENT,), received=MONDAY) -> Referral:
    contact = submitted_contact(people["front door"], received_at=received)
    decision = decision_record(
        actor=people["front door"], contact=contact, outcomes=list(outcomes), reasons="Concern"
    )
    referral = Referral.objects.get(decision=decision)
    # Seeded by a migration, which a browser test's flush empties: made again if so.
    team = AssessmentTeam.objects.get_or_create(name="Assessment team North")[0]
    return referral_allocate(
        actor=people["manager"], referral=referral, team=team, social_worker=people["assessor"]
    )


def test_an_assessment_recorded_start_to_finish_is_audited(people):
    assessor = people["assessor"]
    referral = referral_assessment_start(
        actor=assessor, referral=referred(people), started_on=D(2026, 3, 4)
    )
    done = referral_assessment_complete(
        actor=assessor, referral=referral, completed_on=D(2026, 4, 20),
        factors=["16A", "4B", "16A"], outcome=AssessmentOutcome("N1"),
    )  # fmt: skip
    assert done.status == ReferralStatus.ASSESSMENT_COMPLETE
    assert done.assessment_factors == ["16A", "4B"]  # a code once (DfE 8898)
    assert done.is_open  # further action: the episode stays open
    kinds = set(CaseEvent.objects.filter(subject_id=str(done.pk)).values_list("kind", flat=True))
    assert {"referral.assessment_started", "referral.assessment_completed"} <= kinds


@pytest.mark.parametrize(
    ("completed", "factors", "message"),
    [
        (D(2026, 3, 3), ["16A"], "after the date the assessment started"),  # DfE 8608
        (D(2026, 3, 20), [], "Select the factors"),
        (D(2026, 3, 20), ["21", "16A"], "cannot be selected with other factors"),  # 8869
        (D(2026, 3, 20), ["99Z"], "Not a DfE assessment factor"),
    ],
)
def test_a_completion_the_dfe_would_reject_is_refused(people, completed, factors, message):
    referral = referral_assessment_start(
        actor=people["assessor"], referral=referred(people), started_on=D(2026, 3, 4)
    )
    with pytest.raises(EpisodeError, match=message):
        referral_assessment_complete(
            actor=people["assessor"], referral=referral, completed_on=completed,
            factors=factors, outcome=AssessmentOutcome("N1"),
        )  # fmt: skip


def test_an_assessment_cannot_start_before_the_referral(people):
    with pytest.raises(EpisodeError, match="after the referral date"):  # DfE 1103
        referral_assessment_start(
            actor=people["assessor"], referral=referred(people), started_on=D(2026, 2, 27)
        )


def test_no_further_action_after_the_assessment_closes_the_episode_as_rc8(people):
    referral = referral_assessment_start(
        actor=people["assessor"], referral=referred(people), started_on=D(2026, 3, 3)
    )
    done = referral_assessment_complete(
        actor=people["assessor"], referral=referral, completed_on=D(2026, 3, 20),
        factors=["21"], outcome=AssessmentOutcome("N0", "RC8"),
    )  # fmt: skip
    assert (done.status, done.closed_on, done.closure_reason) == ("closed", D(2026, 3, 20), "RC8")


def test_the_section_47_path_and_its_refusals(people):
    referral = referred(people, outcomes=(Outcome.ASSESSMENT, Outcome.STRATEGY_DISCUSSION))
    record = {"actor": people["assessor"], "referral": referral}
    with pytest.raises(EpisodeError, match="after the referral date"):  # DfE 2889
        referral_section_47_record(**record, s47=Section47(D(2026, 2, 27), D(2026, 3, 2)))
    with pytest.raises(EpisodeError, match="not both"):
        referral_section_47_record(**record, s47=Section47(
            D(2026, 3, 2), D(2026, 3, 3), icpc_on=D(2026, 3, 16), icpc_not_required=True
        ))  # fmt: skip
    with pytest.raises(EpisodeError, match="after the section 47 start"):  # DfE 8615
        referral_section_47_record(**record, s47=Section47(
            D(2026, 3, 2), D(2026, 3, 3), icpc_on=D(2026, 3, 2)
        ))  # fmt: skip
    done = referral_section_47_record(**record, s47=Section47(
        D(2026, 3, 2), D(2026, 3, 3), outcome="conference", icpc_on=D(2026, 3, 20)
    ))  # fmt: skip
    assert done.icpc_due == D(2026, 3, 23)  # 15 working days from the strategy discussion
    assert done.has_section_47


def test_a_closure_needs_what_its_reason_means(people):
    referral = referred(people, outcomes=(Outcome.ASSESSMENT, Outcome.STRATEGY_DISCUSSION))
    assessor = people["assessor"]
    with pytest.raises(EpisodeError, match="closed after an assessment"):  # DfE 8825Q
        referral_close(actor=assessor, referral=referral, closed_on=D(2026, 3, 10), reason="RC8")
    with pytest.raises(EpisodeError, match="after the referral date"):  # DfE 8630
        referral_close(actor=assessor, referral=referral, closed_on=D(2026, 2, 1), reason="RC5")
    closed = referral_close(
        actor=assessor, referral=referral, closed_on=D(2026, 3, 10), reason="RC5"
    )
    assert (closed.closed_on, closed.closure_reason) == (D(2026, 3, 10), "RC5")
    with pytest.raises(ReferralTransitionError):
        referral_close(actor=assessor, referral=closed, closed_on=D(2026, 3, 11), reason="RC7")


def test_no_further_action_on_the_referral_and_a_missing_upn(people):
    referral = referred(people)
    done = referral_no_further_action(
        actor=people["assessor"], referral=referral, reason="Needs already met by the school"
    )
    assert done.referral_nfa
    assert (done.closed_on, done.closure_reason, done.primary_need) == (D(2026, 3, 2), "RC7", "")
    referral_upn_unknown_record(actor=people["assessor"], referral=done, reason="UN7")
    done.child.refresh_from_db()
    assert done.child.upn_unknown == "UN7"


def test_un7_is_refused_for_a_child_whose_referral_went_on(people):
    with pytest.raises(EpisodeError, match="UN7 is only"):  # DfE 8772
        referral_upn_unknown_record(
            actor=people["assessor"], referral=referred(people), reason="UN7"
        )


def test_a_new_referral_while_the_episode_is_open_is_refused_with_a_link(people):
    first = referred(people)
    again = submitted_contact(people["front door"], received_at=MONDAY + datetime.timedelta(1))
    again.subjects.update(person=first.child)
    with pytest.raises(EpisodeOpenError) as refused:
        decision_record(actor=people["front door"], contact=again,
                        outcomes=[Outcome.ASSESSMENT], reasons="New concern")  # fmt: skip
    assert reverse("referrals:referral-detail", args=[first.pk]) in str(refused.value)
    assert "2 March 2026" in str(refused.value)
    assert Referral.objects.filter(child=first.child).count() == 1
    referral_no_further_action(actor=people["assessor"], referral=first, reason="Met elsewhere")
    decision_record(actor=people["front door"], contact=again,
                    outcomes=[Outcome.ASSESSMENT], reasons="New concern")  # fmt: skip
    assert Referral.objects.filter(child=first.child).count() == 2


def test_the_social_worker_completes_an_assessment_from_the_page(people):
    referral = referral_assessment_start(
        actor=people["assessor"], referral=referred(people), started_on=D(2026, 3, 3)
    )
    client = signed_in_client(people["assessor"])
    url = reverse("referrals:assessment-complete", args=[referral.pk])
    posted = {
        "completed_on_day": "3", "completed_on_month": "2", "completed_on_year": "2026",
        "factors": ["16A", "3B"], "primary_need": "N1", "outcome": "",
    }  # fmt: skip
    response = client.post(url, posted)  # 3 February: before the referral
    page = response.content.decode()
    assert response.status_code == 200
    assert "The completion date must be the same as or after the referral date" in page
    assert re.search(r'value="16A" id="[^"]+" checked', page)  # nothing entered is lost
    response = client.post(url, posted | {"completed_on_day": "20", "completed_on_month": "3"})
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.assessment_factors == ["16A", "3B"]


def test_the_migration_closes_episodes_recorded_before_closures_were(people):
    """Episodes recorded before closures were keep the census's old reading (ADR 0016): RC8
    on an assessment that ended in no further action, RC7 when the child in need status that
    followed ended; the rest stay open."""
    migration = importlib.import_module(
        "cads.referrals.migrations.0004_referral_assessment_factors_and_more"
    )
    statements = [op.sql for op in migration.Migration.operations if hasattr(op, "sql")]
    # Three children (each contact is about a new child), one episode each.
    nfa, cin, still_open = (referred(people, received=MONDAY + datetime.timedelta(weeks=w))
                            for w in (0, 1, 2))  # fmt: skip
    Referral.objects.filter(pk=nfa.pk).update(nfa=True, assessment_completed_on=D(2026, 3, 20))
    cin.refresh_from_db()
    PersonStatus.objects.create(person=cin.child, kind=StatusKind.CHILD_IN_NEED,
                                start_date=D(2026, 4, 1), end_date=D(2026, 9, 1))  # fmt: skip
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
    closed = {r.pk: (r.status, r.closed_on, r.closure_reason) for r in Referral.objects.all()}
    assert closed[nfa.pk] == ("closed", D(2026, 3, 20), "RC8")
    assert closed[cin.pk] == ("closed", D(2026, 9, 1), "RC7")
    assert closed[still_open.pk] == ("allocated", None, "")
