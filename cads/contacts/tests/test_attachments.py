"""Attachments: type by content, size limit, storage outside the web root, permission-
checked and logged downloads, and the ClamAV hook against a fake clamd in a thread."""

from __future__ import annotations

import hashlib
import io
import socket
import struct
import threading
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from cads.accounts.models import User
from cads.accounts.roles import Role
from cads.audit.models import AccessLog, CaseEvent
from cads.contacts.attachments import attachment_add, attachment_path
from cads.contacts.models import Attachment, Contact
from cads.contacts.services import contact_start
from cads.core import file_types, scanning
from cads.core.uploads import AttachmentRefusedError, clean_name, human_size, too_large_message
from config.env import BASE_DIR

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 48 + b"This program"
OOXML = "[Content_Types].xml"
WRONG_TYPE = "The selected file must be a PDF, JPG, PNG, Word or Excel document"


def png() -> bytes:
    """A real 1x1 white PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack("!I", len(data)) + body + struct.pack("!I", zlib.crc32(body))

    header = struct.pack("!IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\xff\xff")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def zipped(entries: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in entries.items():
            archive.writestr(name, text)
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def attachment_root(settings: Any, tmp_path: Path) -> Path:
    settings.CADS_ATTACHMENT_ROOT = tmp_path / "attachments"
    settings.CADS_CLAMD = ""
    root: Path = settings.CADS_ATTACHMENT_ROOT
    return root


@pytest.fixture
def worker(client_for: Any) -> Client:
    client: Client = client_for(Role.CALL_HANDLER)
    return client


@pytest.fixture
def contact(worker: Client) -> Contact:
    # The call handler's own draft: only its author (or a manager) may add files to a draft.
    author = User.objects.get(username="call-handler")
    return contact_start(actor=author, received_at=timezone.now())


def upload(client: Client, contact: Contact, name: str, data: bytes, **extra: str) -> Any:
    url = reverse("contacts:attachments", args=[contact.pk])
    content_type = extra.pop("content_type", "application/octet-stream")
    file = SimpleUploadedFile(name, data, content_type=content_type)
    return client.post(url, {"file": file, "description": "Chronology"} | extra)


def errors(response: Any) -> list[str]:
    page = BeautifulSoup(response.content, "html.parser")
    return [a.get_text(strip=True) for a in page.select(".govuk-error-summary a")]


@pytest.mark.parametrize(
    ("name", "data", "content_type"),
    [("assessment.pdf", PDF, "application/pdf"), ("bruise.png", png(), "image/png")],
)
def test_pdf_and_png_are_accepted_and_stored_outside_the_web_root(
    worker: Client,
    contact: Contact,
    attachment_root: Path,
    *,
    name: str,
    data: bytes,
    content_type: str,
) -> None:
    response = upload(worker, contact, name, data)
    assert response["Location"] == reverse("contacts:attachments", args=[contact.pk])
    attachment = Attachment.objects.get(contact=contact)
    assert attachment.content_type == content_type
    assert attachment.original_name == name
    assert attachment.sha256 == hashlib.sha256(data).hexdigest()
    assert attachment.scan_result == scanning.NOT_SCANNED
    stored = attachment_path(attachment)
    assert stored.parent == attachment_root
    assert stored.read_bytes() == data
    assert name not in attachment.stored_name  # a random name, not the sender's
    assert stored.stat().st_mode & 0o077 == 0  # readable by the service only
    event = CaseEvent.objects.get(subject_id=str(contact.pk), kind="contact.attachment_added")
    assert event.data["new"]["sha256"] == attachment.sha256
    listing = worker.get(response["Location"])
    assert name in listing.content.decode()


def test_a_renamed_executable_is_refused(
    worker: Client, contact: Contact, attachment_root: Path
) -> None:
    response = upload(worker, contact, "photo.jpg", EXE, content_type="image/jpeg")
    assert errors(response) == [WRONG_TYPE]
    assert not Attachment.objects.exists()
    assert not any(attachment_root.glob("*")) if attachment_root.exists() else True
    page = BeautifulSoup(response.content, "html.parser")
    assert page.select_one(".govuk-error-summary a")["href"] == "#id_file"
    assert page.select_one("#id_description")["value"] == "Chronology"  # nothing typed lost


def test_oversize_is_refused_with_the_limit_in_the_message(
    settings: Any, worker: Client, contact: Contact
) -> None:
    settings.CADS_ATTACHMENT_MAX_BYTES = 1024
    response = upload(worker, contact, "big.pdf", PDF + b"0" * 2000)
    assert errors(response) == ["The selected file must be smaller than 1KB"]
    assert not Attachment.objects.exists()


def test_the_default_limit_is_20mb(settings: Any) -> None:
    settings.CADS_ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024
    assert too_large_message() == "The selected file must be smaller than 20MB"
    assert [human_size(n) for n in (900, 1536, 20 * 1024**2)] == ["900 bytes", "1.5KB", "20MB"]


def test_missing_file_and_description(worker: Client, contact: Contact) -> None:
    url = reverse("contacts:attachments", args=[contact.pk])
    assert errors(worker.post(url, {})) == ["Select a file", "Enter what the file is"]
    empty = upload(worker, contact, "empty.pdf", b"")
    assert errors(empty) == ["The selected file is empty"]


def test_the_same_file_sent_twice_is_stored_once(worker: Client, contact: Contact) -> None:
    upload(worker, contact, "assessment.pdf", PDF)
    upload(worker, contact, "assessment.pdf", PDF)
    assert Attachment.objects.filter(contact=contact).count() == 1


def test_download_needs_permission_and_is_logged(
    worker: Client, contact: Contact, client_for: Any
) -> None:
    upload(worker, contact, "assessment.pdf", PDF)
    attachment = Attachment.objects.get()
    url = reverse("contacts:attachment-download", args=[contact.pk, attachment.pk])

    partner = client_for(Role.MASH_PARTNER)
    assert partner.get(url).status_code == 403
    assert Client().get(url).status_code == 302  # to sign in
    assert not AccessLog.objects.filter(screen="contacts:attachment-download").exists()

    response = worker.get(url)
    assert response.status_code == 200
    assert response.content == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="assessment.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    assert "sandbox" in response["Content-Security-Policy"]
    log = AccessLog.objects.get(screen="contacts:attachment-download")
    assert log.subject_id == str(contact.pk)
    assert log.actor.username == "call-handler"


def test_download_of_another_contacts_file_is_not_found(worker: Client, contact: Contact) -> None:
    upload(worker, contact, "assessment.pdf", PDF)
    other = contact_start(actor=None, received_at=timezone.now())
    attachment = Attachment.objects.get()
    url = reverse("contacts:attachment-download", args=[other.pk, attachment.pk])
    assert worker.get(url).status_code == 404


def test_a_file_changed_on_disk_is_not_served(worker: Client, contact: Contact) -> None:
    upload(worker, contact, "assessment.pdf", PDF)
    attachment = Attachment.objects.get()
    attachment_path(attachment).write_bytes(EXE)
    url = reverse("contacts:attachment-download", args=[contact.pk, attachment.pk])
    assert worker.get(url).status_code == 404


def test_files_are_not_under_the_static_or_media_roots(worker: Client, contact: Contact) -> None:
    from config.settings import base

    default_root = Path(base.CADS_ATTACHMENT_ROOT).resolve()
    assert default_root == (BASE_DIR / ".cads" / "attachments").resolve()
    public = [Path(base.STATIC_ROOT), *map(Path, base.STATICFILES_DIRS)]
    if getattr(django_settings, "MEDIA_ROOT", ""):
        public.append(Path(django_settings.MEDIA_ROOT))
    for folder in public:
        assert not default_root.is_relative_to(folder.resolve())
    upload(worker, contact, "assessment.pdf", PDF)
    stored = Attachment.objects.get().stored_name
    for prefix in ("/static/", "/media/", "/"):
        assert worker.get(f"{prefix}{stored}").status_code == 404


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("a.docx", zipped({OOXML: "<Types/>", "word/document.xml": "<w/>"}), "docx"),
        ("a.xlsx", zipped({OOXML: "<Types/>", "xl/workbook.xml": "<w/>"}), "xlsx"),
        ("a.odt", zipped({"mimetype": file_types.ODT, "content.xml": "<x/>"}), "odt"),
        ("a.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 40, "jpg"),
        ("a.txt", "Chronology\n1 March: home visit\u00a0\u2013 seen\n".encode(), "txt"),
        ("a.docm", zipped({OOXML: "<T/>", "word/vbaProject.bin": "x"}), None),
        ("a.zip", zipped({"readme.txt": "hello"}), None),
        ("a.pdf", b"\x7fELF\x02\x01\x01" + b"\x00" * 60, None),
        ("a.png", b"#!/bin/sh\nrm -rf /\n", None),
        ("a.gif", b"GIF89a" + b"\x00" * 40, None),
        ("a.bin", bytes(range(256)), None),
    ],
)
def test_types_are_detected_from_content(name: str, data: bytes, expected: str | None) -> None:
    found = file_types.detect(data)
    assert (found.extension if found else None) == expected


def test_sender_file_names_are_cleaned_for_display() -> None:
    assert clean_name("C:\\Users\\dsl\\photo.jpg") == "photo.jpg"
    assert clean_name("../../etc/passwd") == "passwd"
    assert clean_name("a\u202egpj.exe") == "agpj.exe"  # no right-to-left override tricks
    assert clean_name("") == "file"


# --- ClamAV ------------------------------------------------------------------------------


class FakeClamd:
    """A clamd stand-in on the loopback: reads one INSTREAM, answers `reply`."""

    def __init__(self, reply: bytes, family: int = socket.AF_INET, path: str = "") -> None:
        self.reply = reply
        self.received = b""
        self.command = b""
        self.server = socket.socket(family, socket.SOCK_STREAM)
        self.server.bind(path or ("127.0.0.1", 0))
        self.server.listen(1)
        self.server.settimeout(0.1)
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    @property
    def address(self) -> str:
        name = self.server.getsockname()
        return name if isinstance(name, str) else f"tcp://{name[0]}:{name[1]}"

    def _read(self, conn: socket.socket, size: int) -> bytes:
        data = b""
        while len(data) < size:
            part = conn.recv(size - len(data))
            if not part:
                raise ConnectionError("closed early")
            data += part
        return data

    def _serve(self) -> None:
        while not self.stopping.is_set():
            try:
                conn, _ = self.server.accept()
            except TimeoutError:
                continue
            with conn:
                self.received = b""
                self.command = self._read(conn, len(b"zINSTREAM\0"))
                while size := struct.unpack("!L", self._read(conn, 4))[0]:
                    self.received += self._read(conn, size)
                conn.sendall(self.reply)

    def close(self) -> None:
        self.stopping.set()
        self.thread.join(timeout=5)
        self.server.close()


@pytest.fixture
def clamd(settings: Any) -> Iterator[Any]:
    servers: list[FakeClamd] = []

    def make(reply: bytes, **kwargs: Any) -> FakeClamd:
        server = FakeClamd(reply, **kwargs)
        servers.append(server)
        settings.CADS_CLAMD = server.address
        return server

    yield make
    for server in servers:
        server.close()


def test_a_clean_file_is_scanned_and_accepted(clamd: Any, worker: Client, contact: Contact) -> None:
    data = PDF + b"x" * 100_000  # more than one INSTREAM chunk
    server = clamd(b"stream: OK\0")
    upload(worker, contact, "assessment.pdf", data)
    server.close()
    assert server.command == b"zINSTREAM\0"
    assert server.received == data
    assert Attachment.objects.get().scan_result == scanning.CLEAN


def test_an_infected_file_is_refused(clamd: Any, worker: Client, contact: Contact) -> None:
    clamd(b"stream: Eicar-Test-Signature FOUND\0")
    response = upload(worker, contact, "assessment.pdf", PDF)
    assert errors(response) == [
        "The selected file contains a virus (Eicar-Test-Signature) and has not been saved. "
        "Do not open it; ask the sender for a clean copy."
    ]
    assert not Attachment.objects.exists()


def test_an_unreachable_scanner_refuses_the_upload(
    settings: Any, worker: Client, contact: Contact, attachment_root: Path
) -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.CADS_CLAMD = f"tcp://127.0.0.1:{port}"
    settings.CADS_CLAMD_TIMEOUT_SECONDS = 2
    response = upload(worker, contact, "assessment.pdf", PDF)
    assert errors(response) == ["The file could not be checked for viruses. Try again later."]
    assert not Attachment.objects.exists()
    assert not attachment_root.exists() or not any(attachment_root.iterdir())


def test_the_scanner_over_a_unix_socket(clamd: Any, tmp_path: Path) -> None:
    path = str(tmp_path / "clamd.sock")
    clamd(b"stream: OK\0", family=socket.AF_UNIX, path=path)
    assert scanning.scan(PDF) == scanning.ScanResult(status=scanning.CLEAN)


def test_an_unexpected_scanner_reply_fails_closed(clamd: Any, contact: Contact) -> None:
    clamd(b"INSTREAM size limit exceeded. ERROR\0")
    assert scanning.scan(PDF).status == scanning.ERROR
    with pytest.raises(AttachmentRefusedError, match="could not be checked for viruses"):
        attachment_add(
            actor=None,
            contact=contact,
            upload=SimpleUploadedFile("a.pdf", PDF),
            description="Assessment",
        )


def test_no_scanner_configured_means_not_scanned() -> None:
    assert scanning.scan(PDF) == scanning.ScanResult(status=scanning.NOT_SCANNED)


ACTIVE = (
    "The selected file contains web page or script code, which could run when it is opened. "
    "Save it as a PDF, or copy the text into a plain text file, and upload that"
)
HTA = b'<html><head><hta:application id="x"/></head><body><script>new ActiveXObject("WScript.Shell")</script></body></html>'  # noqa: E501
SVG = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("evil.hta", HTA),
        ("evil.html", b"<!DOCTYPE html><p>Hello</p>"),
        ("report.pdf", b"<html><body><a href='http://x.test'>Open</a></body></html>"),
        ("bruise.svg", SVG),
        ("notes.txt", b"Line one\n<script src=//x.test/a.js></script>\n"),
        ("run.vbs", b'Set shell = CreateObject("WScript.Shell")\nshell.Run "cmd"\n'),
        ("run.bat", b"@echo off\r\npowershell -enc AAAA\r\n"),
    ],
)
def test_web_pages_and_scripts_are_refused(
    worker: Client, contact: Contact, attachment_root: Path, name: str, data: bytes
) -> None:
    response = upload(worker, contact, name, data, content_type="text/plain")
    assert errors(response) == [ACTIVE]
    assert not Attachment.objects.exists()
    assert not any(attachment_root.glob("*")) if attachment_root.exists() else True


@pytest.mark.parametrize(
    ("name", "shown"),
    [("chronology.hta", "chronology.txt"), ("notes", "notes.txt"), ("log.TXT", "log.TXT")],
)
def test_plain_text_is_named_and_served_as_text(
    worker: Client, contact: Contact, name: str, shown: str
) -> None:
    text = "1 March: home visit, Amelia seen alone.\nMum <mum@example.org> called back.\n"
    upload(worker, contact, name, text.encode())
    attachment = Attachment.objects.get()
    assert attachment.original_name == shown
    assert attachment.stored_name.endswith(".txt")
    url = reverse("contacts:attachment-download", args=[contact.pk, attachment.pk])
    response = worker.get(url)
    assert response["Content-Type"].startswith("text/plain")
    assert response["Content-Disposition"] == f'attachment; filename="{shown}"'


def test_a_file_named_for_another_type_is_stored_under_its_real_type(
    worker: Client, contact: Contact
) -> None:
    upload(worker, contact, "photo.jpg", PDF)  # a PDF the sender called a photo
    attachment = Attachment.objects.get()
    assert attachment.content_type == "application/pdf"
    assert attachment.original_name == "photo.pdf"
    assert attachment.stored_name.endswith(".pdf")
