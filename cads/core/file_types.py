"""What a file really is, read from its content, never its name or the browser's claim.

Front-door attachments are Early Help assessments, chronologies and photographs of
injuries, so the list is short: PDF, JPEG, PNG, HEIC/HEIF, Word (DOCX), Excel (XLSX),
OpenDocument text (ODT) and plain text. Executables are refused outright, whatever else
they might also look like. Images and PDF are recognised by `puremagic`; the office
formats are zip files, so their inner parts are checked here (OOXML `[Content_Types].xml`
with `word/` or `xl/`, ODF's `mimetype` entry), and macro-enabled documents are refused.
"""

from __future__ import annotations

import io
import unicodedata
import zipfile
from dataclasses import dataclass
from typing import Final

import puremagic

DOCX: Final = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX: Final = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ODT: Final = "application/vnd.oasis.opendocument.text"
TEXT: Final = "text/plain"

# Content types recognised by puremagic that we accept, with the extension to store.
MAGIC_TYPES: Final = {
    "application/pdf": "pdf",
    "image/png": "png",
    "image/jpeg": "jpg",
    "image/heic": "heic",
    "image/heif": "heif",
}
# Windows PE ("MZ"), ELF, Mach-O (both byte orders, 32/64-bit, fat) and script shebangs.
EXECUTABLE_HEADERS: Final = (
    b"MZ",
    b"\x7fELF",
    b"\xfe\xed\xfa\xce",
    b"\xfe\xed\xfa\xcf",
    b"\xce\xfa\xed\xfe",
    b"\xcf\xfa\xed\xfe",
    b"\xca\xfe\xba\xbe",
    b"#!",
)
ZIP_HEADER: Final = b"PK\x03\x04"
# Read at most this much of ODF's `mimetype` entry: a zip bomb cannot make us inflate more.
MIMETYPE_READ: Final = 100


@dataclass(frozen=True)
class FileType:
    content_type: str
    extension: str


def is_executable(data: bytes) -> bool:
    return data.startswith(EXECUTABLE_HEADERS)


def _odf_type(archive: zipfile.ZipFile) -> FileType | None:
    with archive.open("mimetype") as entry:
        mimetype = entry.read(MIMETYPE_READ).decode("ascii", "replace").strip()
    return FileType(ODT, "odt") if mimetype == ODT else None


def _ooxml_type(names: set[str]) -> FileType | None:
    if "[Content_Types].xml" not in names:
        return None
    # Macros travel in vbaProject.bin; a document with them is refused (docm/xlsm).
    if any(name.endswith("vbaProject.bin") for name in names):
        return None
    if any(name.startswith("word/") for name in names):
        return FileType(DOCX, "docx")
    if any(name.startswith("xl/") for name in names):
        return FileType(XLSX, "xlsx")
    return None


def _office_type(data: bytes) -> FileType | None:
    """DOCX, XLSX or ODT, told apart by the parts inside the zip; any other zip is refused."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
        return _odf_type(archive) if "mimetype" in names else _ooxml_type(names)
    except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError):
        return None


def _magic_type(data: bytes) -> FileType | None:
    try:
        matches = puremagic.magic_string(data)
    except (puremagic.PureError, ValueError):
        return None
    if not matches:
        return None
    best = max(match.confidence for match in matches)
    for match in matches:
        if match.confidence == best and match.mime_type in MAGIC_TYPES:
            return FileType(match.mime_type, MAGIC_TYPES[match.mime_type])
    return None


def _is_text(data: bytes) -> bool:
    """UTF-8 (or plain ASCII) with no control characters other than tabs and line breaks."""
    if b"\0" in data:
        return False
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    return all(unicodedata.category(ch) != "Cc" or ch in "\t\r\n\f" for ch in text)


def detect(data: bytes) -> FileType | None:
    """The accepted type of `data`, or None when it is not one we accept."""
    if not data or is_executable(data):
        return None
    if data.startswith(ZIP_HEADER):
        return _office_type(data)
    found = _magic_type(data)
    if found is not None:
        return found
    return FileType(TEXT, "txt") if _is_text(data) else None
