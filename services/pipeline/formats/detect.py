"""Format detection: content first, file name second.

``sniff_binary`` looks at raw bytes for formats copydesk does not read (PDF, archives,
images, office files, executables). ``detect_format`` looks at decoded text; the file
name only settles cases the content leaves open (an HTML fragment in ``.txt`` is read
as text unless it is clearly markup).
"""

from __future__ import annotations

import re
from pathlib import PurePath
from typing import Literal

__all__ = ["Format", "detect_format", "looks_binary", "sniff_binary"]

Format = Literal["html", "text", "json", "xml"]

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF"),
    (b"PK\x03\x04", "ZIP archive (or DOCX/EPUB/ODT)"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"RIFF", "RIFF media (WebP, WAV, AVI)"),
    (b"ID3", "MP3 audio"),
    (b"OggS", "Ogg media"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "legacy Office document"),
    (b"\x7fELF", "ELF executable"),
    (b"MZ", "Windows executable"),
    (b"{\\rtf", "RTF document"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"\x00\x00\x00\x18ftyp", "MP4 video"),
    (b"\x00\x00\x00\x20ftyp", "MP4 video"),
)
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))

_HTML_START = re.compile(r"\A\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
                         re.IGNORECASE | re.DOTALL)
_XML_START = re.compile(r"\A\s*<\?xml\b", re.IGNORECASE)
# A feed's root element needs no XML declaration to be a feed.
_FEED_START = re.compile(r"\A\s*(?:<!--.*?-->\s*)*<(?:rss|feed|rdf:RDF)\b", re.DOTALL)
_XHTML = re.compile(r"<html(?=[\s>])|<!doctype\s+html", re.IGNORECASE)
_BLOCK_TAG = re.compile(r"</?(?:p|div|article|section|br|h[1-6]|span|a\s+href|meta|title|"
                        r"script|ul|li|table|main|header|footer|nav)\b[^<>]*>", re.IGNORECASE)
_HTML_NAMES = {".html", ".htm", ".xhtml", ".shtml", ".php", ".asp", ".aspx", ".jsp"}


def sniff_binary(data: bytes) -> str | None:
    """The name of a known binary format the bytes start with, else None."""
    for magic, name in _MAGIC:
        if data.startswith(magic):
            if magic == b"MZ" and len(data) < 64:
                continue  # "MZ" can open a short text file
            return name
    return None


def looks_binary(data: bytes) -> bool:
    """Many control bytes (not NUL-padded UTF-16 text) in the first 8 KB."""
    sample = data[:8192]
    if not sample or sample.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")):
        return False  # a UTF-16/32 byte-order mark: the decoder decides
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    nuls = sample.count(0)
    if nuls > len(sample) * 0.3:  # UTF-16/32 text is checked by the decoder
        controls -= nuls
    return controls > len(sample) * 0.1


def _suffix(filename: str) -> str:
    return PurePath(filename).suffix.lower() if filename else ""


def detect_format(text: str, *, filename: str = "") -> Format:
    head = text[:8192]
    suffix = _suffix(filename)
    if _XML_START.match(head):
        return "html" if _XHTML.search(head) else "xml"
    if _HTML_START.match(head):
        return "html"
    if _FEED_START.match(head):
        return "xml"
    stripped = head.lstrip()
    if stripped[:1] in ("{", "[") and (suffix in ("", ".json", ".jsonl", ".txt")):
        tail = text.rstrip()[-1:]
        if (stripped[0], tail) in (("{", "}"), ("[", "]")):
            return "json"
    tags = len(_BLOCK_TAG.findall(head))
    if stripped.startswith("<") and tags >= 2:
        return "html"
    if tags >= 3 and (suffix in _HTML_NAMES or tags >= 10):
        return "html"
    if suffix == ".json" and stripped[:1] in ("{", "["):
        return "json"
    if suffix in (".xml", ".rss", ".atom") and stripped.startswith("<"):
        return "xml"
    return "text"
