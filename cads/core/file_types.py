"""What a file really is, read from its content, never its name or the browser's claim.

Front-door attachments are Early Help assessments, chronologies and photographs of
injuries, so the list is short: PDF, JPEG, PNG, HEIC/HEIF, Word (DOCX), Excel (XLSX),
OpenDocument text (ODT) and plain text. Executables are refused outright, whatever else
they might also look like, and so is text that is really a web page, an SVG image, an HTML
application (HTA) or a script (`is_active_text`): saved from a download and opened, it would
run. Plain text is stored and named `.txt` whatever the sender called it. Images and PDF
are recognised by `puremagic`; the office formats are zip files, so their inner parts are
checked here (OOXML `[Content_Types].xml` with `word/` or `xl/`, ODF's `mimetype` entry),
and macro-enabled documents are refused.
"""

from __future__ import annotations

import io
import re
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


# Markup a browser, Windows (mshta) or an image viewer would act on: HTML and XHTML, SVG,
# HTA, XML with a stylesheet, and the elements that load or run something.
_MARKUP = re.compile(
    rb"<\s*(?:!doctype|\?xml|html|head|body|script|svg|iframe|frame|frameset|object|embed|"
    rb"applet|style|link|meta|base|form|input|button|img|a|area|math|template|video|audio|"
    rb"source|hta:application|xsl:\w+|div|span|table|p|br)[\s/>:]",
    re.IGNORECASE,
)
# Scripting a worker's PC would run if the file were saved as .vbs, .js, .bat, .ps1 or
# similar: Windows Script Host and ActiveX, PowerShell, batch files, script URLs.
_SCRIPT = re.compile(
    rb"wscript\.|\bcscript\b|createobject\s*\(|activexobject|shell\.application|"
    rb"powershell|invoke-expression|\biex\s*\(|frombase64string|@echo\s+off|"
    rb"javascript:|vbscript:|document\.write|\beval\s*\(",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class FileType:
    content_type: str
    extension: str


# Extensions a sender may have used for each type we accept; any other is replaced.
NAME_EXTENSIONS: Final = {
    "application/pdf": {"pdf"},
    "image/png": {"png"},
    "image/jpeg": {"jpg", "jpeg", "jpe"},
    "image/heic": {"heic"},
    "image/heif": {"heif", "heic"},
    DOCX: {"docx"},
    XLSX: {"xlsx"},
    ODT: {"odt"},
    TEXT: {"txt", "text"},
}


def extension_for(content_type: str) -> str | None:
    """The extension CADS stores a file of `content_type` under."""
    known = {**MAGIC_TYPES, DOCX: "docx", XLSX: "xlsx", ODT: "odt", TEXT: "txt"}
    return known.get(content_type)


def is_active_text(data: bytes) -> bool:
    """Text holding markup or script that could run once saved and opened (an `.html`, an
    `.hta`, an `.svg` with a script, a `.vbs`): refused, whatever the file is called."""
    return bool(_MARKUP.search(data) or _SCRIPT.search(data))


def name_for(name: str, kind: FileType) -> str:
    """The sender's file name with an extension that matches the content: kept when it
    does ("Photo.JPEG"), otherwise replaced ("evil.hta" holding plain text is "evil.txt")."""
    stem, dot, extension = name.rpartition(".")
    if dot and stem and extension.lower() in NAME_EXTENSIONS.get(kind.content_type, set()):
        return name
    return f"{stem if dot and stem else name}.{kind.extension}"


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
