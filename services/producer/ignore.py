"""Which inbox entries the producer never takes.

Defaults (``DEFAULT_IGNORE``): dotfiles (``.name``), partial downloads and editor or
copy temporaries (``*.tmp``, ``*.part``, ``*.crdownload``, ``*~``), and the
``.error.json`` notes copydesk itself writes. Directories are never taken (the
producer watches the inbox itself, not its sub-folders) and symlinks are never
followed: the claim refuses them.
"""

from __future__ import annotations

import fnmatch

DEFAULT_IGNORE: tuple[str, ...] = (".*", "*.tmp", "*.part", "*.crdownload", "*~", "*.error.json")


def is_ignored(name: str, *, patterns: tuple[str, ...] = DEFAULT_IGNORE) -> bool:
    """True when a file called ``name`` (no directory part) must be left alone."""
    return any(fnmatch.fnmatchcase(name, pattern) for pattern in patterns)
