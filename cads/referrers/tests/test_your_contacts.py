"""A school's safeguarding lead follows the contacts they raised: reference, the child's
initials, the status in words, the instructions to acknowledge and the letters sent to
them, and nothing else; acknowledging instructions here is recorded as theirs."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cads.accounts.models import User
from cads.accounts.roles import Role
from cads.audit.models import AccessLog
from cads.contacts.codes import ReferralSource
from cads.contacts.tests.intake_helpers import page
from cads.letters.models import AcknowledgedHow, Letter, LetterKind
from cads.letters.tests.helpers import deliver_queued, named_contact, submit
from conftest import signed_in_client

pytestmark = pytest.mark.django_db

DSL = {
    "referrer_name": "Robin Teacher",
    "referrer_role": "Designated safeguarding lead",
    "referrer_organisation": "Oakfield Primary School",
    "referrer_email": "Robin.Teacher@example.org",
    "referral_source": ReferralSource.SCHOOLS,
}


@pytest.fixture
def dsl(make_user) -> User:
    user = make_user(Role.REFERRER, username="robin")
    User.objects.filter(pk=user.pk).update(email="robin.teacher@example.org")
    user.refresh_from_db()
    return user


def send_instructions(worker: User, contact) -> Letter:
    client = signed_in_client(worker)
    url = reverse("letters:preview", args=[contact.pk, LetterKind.INSTRUCTIONS])
    form = client.get(url).context["form"]
    data = {name: str(form.initial.get(name, "")) for name in form.fields}
    data["text"] = "Dear Robin,\n\nKeep Maisie in school today and ring us at 3pm."
    client.post(url, data)
    deliver_queued()
    return Letter.objects.get(kind=LetterKind.INSTRUCTIONS, contact=contact)


def test_the_dsl_sees_their_own_contacts_and_nothing_else(dsl, make_user):
    worker = make_user(Role.CADS_SOCIAL_WORKER)
    mine = submit(worker, named_contact(worker, **DSL))
    theirs = submit(worker, named_contact(worker))  # a neighbour's contact about Maisie
    letter = send_instructions(worker, mine)
    client = signed_in_client(dsl)

    shown = page(client.get(reverse("referrers:contacts")))
    rows = shown.select("#your-contacts tbody tr")
    assert [r["data-reference"] for r in rows] == [mine.reference]
    cells = [c.get_text(" ", strip=True) for c in rows[0].select("th, td")]
    assert cells[:3] == [mine.reference, "MP", "Received"]
    text = shown.get_text(" ")
    assert "Maisie" not in text
    assert "Pryce" not in text
    assert str(theirs.reference) not in text
    assert "Instructions for" in shown.select_one("#instructions-waiting").get_text()
    assert AccessLog.objects.filter(actor=dsl, subject_id=str(mine.pk)).exists()
    # Another referrer's letter, or a letter to someone else, is "not found".
    other = submit(worker, named_contact(worker))
    assert client.get(reverse("referrers:letter", args=[other.pk])).status_code == 404

    opened = client.get(reverse("referrers:letter", args=[letter.pk]))
    assert "Keep Maisie in school today" in opened.text  # their own letter, as sent
    done = client.post(reverse("referrers:letter", args=[letter.pk]), follow=True)
    letter.refresh_from_db()
    assert (letter.acknowledged_how, letter.acknowledged_by) == (AcknowledgedHow.SIGNED_IN, dsl)
    assert f"Instructions for {mine.reference} acknowledged" in done.text
    assert page(done).select_one("#instructions-waiting") is None


def test_only_referrers_follow_contacts(make_user):
    for role in (Role.CADS_SOCIAL_WORKER, Role.MASH_PARTNER, Role.ADMINISTRATOR):
        client = signed_in_client(make_user(role, username=f"u-{role[:5]}"))
        assert client.get(reverse("referrers:contacts")).status_code == 403
