"""gzip, decompressed in bounded memory.

A gzip file is inflated in chunks of at most 1 MiB of output; once the output passes the
limit the work stops and ``TooLarge`` is raised, so a small file that would inflate to
gigabytes (a decompression bomb) costs at most the limit in memory and the time to
produce it. Concatenated members (as in ``.warc.gz``) are all read.
"""

from __future__ import annotations

import zlib

from services.errors import TooLarge, UnsupportedFormat

__all__ = ["GZIP_MAGIC", "gunzip", "is_gzip"]

GZIP_MAGIC = b"\x1f\x8b"
_CHUNK = 1024 * 1024


def is_gzip(data: bytes) -> bool:
    return data[:3] == GZIP_MAGIC + b"\x08"


def gunzip(data: bytes, *, max_bytes: int) -> bytes:
    """The decompressed bytes of every gzip member; ``TooLarge`` past ``max_bytes``,
    ``UnsupportedFormat`` for a corrupt or truncated stream."""
    out = bytearray()
    pending = data
    while pending:
        inflater = zlib.decompressobj(wbits=31)
        try:
            while pending:
                room = max_bytes - len(out) + 1
                out += inflater.decompress(pending, min(_CHUNK, room))
                if len(out) > max_bytes:
                    raise TooLarge(f"the file inflates to more than {max_bytes} bytes "
                                   "when decompressed; refused as a possible decompression bomb")
                pending = inflater.unconsumed_tail
                if inflater.eof:
                    break
            if not inflater.eof:
                raise UnsupportedFormat("the gzip file is truncated")
        except zlib.error as exc:
            raise UnsupportedFormat(f"the gzip file is corrupt: {exc}") from exc
        pending = inflater.unused_data
        if pending and not is_gzip(pending):
            if pending.strip(b"\x00"):  # trailing NUL padding is common and harmless
                raise UnsupportedFormat("the gzip file has trailing data that is not gzip")
            break
    return bytes(out)
