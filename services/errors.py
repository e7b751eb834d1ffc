"""copydesk's one error hierarchy.

Third-party errors are translated at the adapter that meets them
(``raise StorageUnavailable(...) from exc``), so callers and retry policies name
only these types::

    CopydeskError
    ├── InputError              bad input: the job is rejected, never retried
    │   ├── EmptyInput              code "empty"
    │   ├── UnsupportedFormat       code "unsupported_format"
    │   ├── Undecodable             code "undecodable"
    │   ├── TooLarge                code "too_large"
    │   ├── ParseTimeout            code "too_slow"
    │   ├── MalformedJSON           code "malformed_json"
    │   ├── MalformedXML            code "malformed_xml"
    │   ├── MalformedWARC           code "malformed_warc"
    │   ├── NoArticleText           code "no_article_text"
    │   ├── TooManyRecords          code "too_many_records"
    │   ├── TooDeep                 code "too_deep"
    │   └── Unclaimable             code given per case ("symlink", "not_a_file", ...):
    │                               an inbox entry copydesk does not read
    ├── TransientError          the world is briefly broken: retried with backoff
    │   ├── StorageUnavailable      Postgres unreachable, restarting, or failing over
    │   └── BrokerUnavailable       Redis unreachable
    ├── JobNotFound             a task names a job id that has no row
    ├── ConfigError             a COPYDESK_* setting is missing or malformed
    ├── UnsafeFolder            a drop folder is a symlink, not a directory, or not ours:
    │                           the producer claims nothing until a person fixes it
    └── EmbeddedServerError     an embedded Postgres or Redis could not be found,
                                started or stopped (`copydesk up`, the tests)

``TooLarge`` also covers a parse that ran out of its memory budget (``MemoryError``
under ``COPYDESK_PARSE_MEMORY_MB``) and ``ParseTimeout`` one that used up its CPU budget
(``COPYDESK_PARSE_TIMEOUT_S``); see ``services.budget``. Both are rejections: the same
bytes would cost the same again, so they are never retried.

Each ``InputError`` carries a stable ``code`` (stored on the job as
``error_code``) and a message a person can act on.
"""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "BrokerUnavailable",
    "ConfigError",
    "CopydeskError",
    "EmbeddedServerError",
    "EmptyInput",
    "InputError",
    "JobNotFound",
    "MalformedJSON",
    "MalformedWARC",
    "MalformedXML",
    "NoArticleText",
    "ParseTimeout",
    "StorageUnavailable",
    "TooDeep",
    "TooLarge",
    "TooManyRecords",
    "TransientError",
    "Unclaimable",
    "Undecodable",
    "UnsafeFolder",
    "UnsupportedFormat",
]


class CopydeskError(Exception):
    """Base of every error copydesk raises on purpose."""


class InputError(CopydeskError):
    """The file itself is unusable. ``code`` is stable; the message is for people."""

    code = "bad_input"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code

    @property
    def message(self) -> str:
        return str(self)


class EmptyInput(InputError):
    code = "empty"


class UnsupportedFormat(InputError):
    code = "unsupported_format"


class Undecodable(InputError):
    code = "undecodable"


class TooLarge(InputError):
    code = "too_large"


class ParseTimeout(InputError):
    """The file (or one enrichment step) used up its CPU-time budget."""

    code = "too_slow"


class MalformedJSON(InputError):
    code = "malformed_json"


class MalformedXML(InputError):
    code = "malformed_xml"


class MalformedWARC(InputError):
    code = "malformed_warc"


class NoArticleText(InputError):
    code = "no_article_text"


class TooManyRecords(InputError):
    code = "too_many_records"


class TooDeep(InputError):
    code = "too_deep"


class Unclaimable(InputError):
    """The inbox entry is not something copydesk reads (symlink, device, vanished...)."""


class TransientError(CopydeskError):
    """Worth retrying: the failure is in a dependency, not in the input."""


class StorageUnavailable(TransientError):
    pass


class BrokerUnavailable(TransientError):
    pass


class JobNotFound(CopydeskError):
    pass


class ConfigError(CopydeskError):
    pass


class UnsafeFolder(CopydeskError):
    """A folder the producer writes to is a symlink, not a directory, or not its own."""

    def __init__(self, folder: Path, reason: str) -> None:
        super().__init__(f"{folder}: {reason}; copydesk will not use it")
        self.folder = folder
        self.reason = reason


class EmbeddedServerError(CopydeskError):
    """An embedded Postgres or Redis could not be found, started or stopped."""
