"""Bytes to text: BOMs, UTF-8, UTF-16/32, then legacy single-byte encodings.

Order: a byte-order mark wins; then BOM-less UTF-16 (a NUL in every other byte); then
strict UTF-8; then an encoding the document declares (``<meta charset>``, the XML
declaration); then charset-normalizer, overruled in favour of cp1252 for mostly-ASCII
text, where its guesses between Latin code pages are unreliable. latin-1 is the last
resort, since it decodes any byte string.

NUL characters: text never holds them, binary data is full of them. A few stray NULs in
otherwise clean text (a corrupted transfer, a padded write) are dropped, and ``Decoded``
says how many (``nul_bytes_removed:N``), when both hold:

* they are at most 1% of the file (of its bytes; of its characters once a UTF-16/32
  file is decoded, where every other byte is legitimately a zero), and
* the file holds no other C0 control character but tab, newline, form feed, carriage
  return and escape (ISO-2022 text uses escape), the same set ``detect.looks_binary``
  tolerates.

BOM-less UTF-16 (half its bytes zero) is recognised before the rule is applied. Anything
else with NULs is still ``Undecodable``. In ASCII-compatible encodings a zero byte is
always a character of its own, so dropping zero bytes before guessing the encoding is
the same as dropping NUL characters after it, and keeps them out of the guess.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from services.errors import Undecodable

__all__ = ["Decoded", "declared_encoding", "decode", "decode_text"]

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_DECLARED = re.compile(
    # [^<>]: a tag's run never holds the "<" a search restarts at (no rescans).
    rb"""<meta[^<>]+charset\s*=\s*(?:["']\s*)?([a-zA-Z0-9_.:\-]+)"""
    rb"""|<\?xml[^<>]+encoding\s*=\s*["']([a-zA-Z0-9_.:\-]+)""",
    re.IGNORECASE,
)
# Encodings charset-normalizer often picks for short Western text written in cp1252.
_LATIN_SIBLINGS = {
    "cp1250", "cp1252", "cp1254", "cp1257", "latin_1", "iso8859_1", "iso8859_2",
    "iso8859_9", "iso8859_15", "mac_roman", "mac_latin2", "mac_iceland", "mac_turkish",
    "cp850", "cp437", "cp858", "hp_roman8", "utf_16_be", "utf_16_le", "utf_32",
}
# Stray NULs are dropped when they are at most this share of the file (see above).
MAX_STRAY_NUL_SHARE = 0.01
# C0 controls other than NUL that text does not hold: tab, LF, FF, CR and ESC are allowed.
_OTHER_CONTROLS = re.compile(r"[\x01-\x08\x0b\x0e-\x1a\x1c-\x1f]")
_OTHER_CONTROL_BYTES = re.compile(rb"[\x01-\x08\x0b\x0e-\x1a\x1c-\x1f]")


@dataclass(frozen=True, slots=True)
class Decoded:
    """Decoded text and what decoding had to do to it (``nul_bytes_removed:N``)."""

    text: str
    notes: tuple[str, ...] = ()


def declared_encoding(data: bytes) -> str | None:
    """The charset a document declares in its first 4 KB, if Python knows it."""
    match = _DECLARED.search(data[:4096])
    if not match:
        return None
    name = (match.group(1) or match.group(2)).decode("ascii", "ignore")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _bomless_utf16(data: bytes) -> str | None:
    sample = data[:4096]
    if len(sample) < 8:
        return None
    even = sample[0::2].count(0) / (len(sample) / 2)
    odd = sample[1::2].count(0) / (len(sample) / 2)
    if odd > 0.9 and even < 0.1:
        return "utf-16-le"
    if even > 0.9 and odd < 0.1:
        return "utf-16-be"
    return None


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _truncated_utf8(data: bytes) -> str | None:
    """UTF-8 cut inside its last character; only trusted if other non-ASCII text decoded."""
    try:
        text = codecs.getincrementaldecoder("utf-8")().decode(data, final=False)
    except UnicodeDecodeError:
        return None
    return text if not text.isascii() else None


def _legacy(data: bytes) -> str:
    non_ascii = sum(1 for b in data[:65536] if b > 0x7F) / max(1, min(len(data), 65536))
    if non_ascii < 0.05:
        text = _strict(data, "cp1252")
        if text is not None:
            return text
    from charset_normalizer import from_bytes  # heavy: imported only when needed

    best = from_bytes(data[:262144]).best()
    if best is not None and best.encoding not in _LATIN_SIBLINGS:
        text = _strict(data, best.encoding)
        if text is not None:
            return text
    text = _strict(data, "cp1252")
    return text if text is not None else data.decode("latin-1")


def _stray(nuls: int, size: int, other_controls: bool) -> bool:
    """May ``nuls`` NULs in a file of ``size`` bytes (or characters) be dropped?"""
    return 0 < nuls <= size * MAX_STRAY_NUL_SHARE and not other_controls


def _nul_note(nuls: int) -> tuple[str, ...]:
    return (f"nul_bytes_removed:{nuls}",)


def decode(data: bytes) -> Decoded:
    """Decode a text file, dropping a few stray NULs (see the module docstring); raise
    ``Undecodable`` if NULs remain, or a byte-order mark does not match the bytes."""
    text: str | None = None
    notes: tuple[str, ...] = ()
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = _strict(data[len(bom):], encoding)
            if text is None:
                raise Undecodable(f"the file starts with a {encoding} byte-order mark "
                                  f"but is not valid {encoding}")
            break
    if text is None and b"\x00" in data[:4096]:
        utf16 = _bomless_utf16(data)
        if utf16:
            text = _strict(data[: len(data) // 2 * 2], utf16)
    if text is None:
        nuls = data.count(0)
        # (the scan for other control bytes only when there are NULs to drop: it reads
        # the whole file)
        if nuls and _stray(nuls, len(data), bool(_OTHER_CONTROL_BYTES.search(data))):
            data, notes = data.replace(b"\x00", b""), _nul_note(nuls)
        text = _strict(data, "utf-8")
    if text is None:
        text = _truncated_utf8(data)
    if text is None:
        declared = declared_encoding(data)
        if declared and not declared.startswith("utf"):
            text = _strict(data, declared)
    if text is None:
        text = _legacy(data)
    if "\x00" in text:
        nuls = text.count("\x00")
        if not _stray(nuls, len(text), bool(_OTHER_CONTROLS.search(text))):
            raise Undecodable("the file holds NUL bytes: it is binary or a corrupted text file")
        text, notes = text.replace("\x00", ""), _nul_note(nuls)
    return Decoded(text, notes)


def decode_text(data: bytes) -> str:
    """``decode(data).text``."""
    return decode(data).text
