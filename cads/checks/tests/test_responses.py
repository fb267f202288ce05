"""The partner records a response (text and files) and completes the check; the
screener sees the answer on the contact's checks."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cads.audit.models import CaseEvent
from cads.checks.models import CheckRequest
from cads.checks.tests.conftest import ask
from cads.checks.workflow import Status
from cads.contacts.tests.intake_helpers import error_summary
from conftest import signed_in_client

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def attachment_root(settings, tmp_path):
    settings.CADS_ATTACHMENT_ROOT = tmp_path
    settings.CADS_CLAMD = ""


def test_partner_responds_then_completes(orgs, screener, contact, partner_client):
    (check,) = ask(contact, screener, orgs["police"])
    police = partner_client("police")
    url = f"/checks/partner/{check.pk}/"
    assert error_summary(police.post(url, {"response": ""})) == ["Enter your response"]
    response = police.post(url, {"response": "Two call-outs to the address in May 2026."})
    assert response.status_code == 302
    assert CheckRequest.objects.get(pk=check.pk).status == Status.RESPONDED
    assert police.post(f"{url}complete/").status_code == 302
    done = CheckRequest.objects.get(pk=check.pk)
    assert done.status == Status.COMPLETED
    assert done.completed_at is not None
    kinds = set(CaseEvent.objects.filter(subject_id=str(contact.pk)).values_list("kind", flat=True))
    assert {"checks.requested", "checks.responded", "checks.completed"} <= kinds
    staff_page = signed_in_client(screener).get(f"/checks/contact/{contact.pk}/")
    assert "Two call-outs to the address in May 2026." in staff_page.content.decode()
    # A completed check is final: a second response is refused.
    assert police.post(url, {"response": "Changed"}).status_code == 200
    assert CheckRequest.objects.get(pk=check.pk).response.startswith("Two call-outs")


def test_a_check_cannot_be_completed_without_a_response(orgs, screener, contact, partner_client):
    (check,) = ask(contact, screener, orgs["police"])
    page = partner_client("police").post(f"/checks/partner/{check.pk}/complete/")
    assert "Record your response before you complete the check" in page.content.decode()
    assert CheckRequest.objects.get(pk=check.pk).status == Status.REQUESTED


def test_partner_attaches_a_file_the_screener_downloads(orgs, screener, contact, partner_client):
    (check,) = ask(contact, screener, orgs["police"])
    police = partner_client("police")
    upload = SimpleUploadedFile("log.pdf", PDF, content_type="application/pdf")
    response = police.post(f"/checks/partner/{check.pk}/files/", {"file": upload})
    assert response.status_code == 302
    attachment = check.attachments.get()
    assert attachment.content_type == "application/pdf"
    download = signed_in_client(screener).get(f"/checks/{check.pk}/files/{attachment.pk}/")
    assert download.status_code == 200
    assert download.content == PDF
    assert download["Content-Disposition"].startswith("attachment")


def test_a_file_of_the_wrong_type_is_refused(orgs, screener, contact, partner_client):
    (check,) = ask(contact, screener, orgs["police"])
    upload = SimpleUploadedFile("run.pdf", b"MZ\x90\x00binary", content_type="application/pdf")
    response = partner_client("police").post(f"/checks/partner/{check.pk}/files/", {"file": upload})
    assert error_summary(response) == [
        "The selected file must be a PDF, JPG, PNG, Word or Excel document"
    ]
    assert not check.attachments.exists()


def test_a_web_page_from_a_partner_is_refused(orgs, screener, contact, partner_client):
    (check,) = ask(contact, screener, orgs["police"])
    page = b"<html><body><script>alert(1)</script></body></html>"
    upload = SimpleUploadedFile("log.pdf", page, content_type="application/pdf")
    response = partner_client("police").post(f"/checks/partner/{check.pk}/files/", {"file": upload})
    assert error_summary(response)[0].startswith("The selected file contains web page or script")
    assert not check.attachments.exists()
