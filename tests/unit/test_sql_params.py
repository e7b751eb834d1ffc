"""Array parameters go to Postgres in binary.

psycopg picks text for a Python list under ``%s``: its text array dumper escapes and
quotes every element (the producer's raw pages in a ``bytea[]`` among them), and the
server parses the text again (``array_in``, ``hex_decode``; README, *Throughput*).
``%b`` sends the list in binary; the statement's cast names the array type.
"""

from __future__ import annotations

import re
from pathlib import Path

SERVICES = Path(__file__).resolve().parents[2] / "services"
# A placeholder cast to an array type: "%s::bigint[]", "%(steps)s::text[]"
_ARRAY_CAST = re.compile(r"%(?:\(\w+\))?([sbt])::\w+(?: precision)?\[\]")


def test_every_array_parameter_is_sent_in_binary() -> None:
    text_casts = []
    binary = 0
    for path in sorted(SERVICES.rglob("*.py")):
        for match in _ARRAY_CAST.finditer(path.read_text(encoding="utf-8")):
            if match[1] == "b":
                binary += 1
            else:
                text_casts.append(f"{path.relative_to(SERVICES)}: {match[0]}")
    assert not text_casts, "array parameters sent as text:\n" + "\n".join(text_casts)
    assert binary >= 10  # the scan finds the statements it guards
