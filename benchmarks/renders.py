"""Text renderings ("text dumps") of HTML pages, made the way crawlers flatten pages.

Each tool turns one page (raw bytes) into text; ``TOOLS`` holds them in a fixed order:

``lynx``
    ``lynx -dump`` at 80 columns: numbered link markers (``[12]link``) in the text and a
    ``References`` list of every link at the end, as a crawler gets it. Lynx reads the
    page from stdin, so it fetches nothing; it resolves relative links against a
    temporary file of its own with a random name, rewritten to ``file:///`` (the page
    itself to ``file:///page.html``) so that the output is the same on every run.
``w3m``
    ``w3m -dump`` at 80 columns, page from stdin (no link list).
``html2text``
    The html2text package with its defaults: Markdown, links as ``[text](url)``, ``*``
    bullets, ``#`` headings, lines wrapped at its default width.
``inscriptis``
    ``inscriptis.get_text``: a layout-aware plain-text rendering.
``bs4``
    The common scraper recipe: BeautifulSoup with lxml, ``script``/``style``/
    ``noscript``/``template`` removed, ``get_text("\\n")``, runs of blank lines collapsed to
    one blank line.

The bytes are decoded once, independently of copydesk's own decoder (see
``detect_charset``): lynx and w3m get the raw bytes and the detected charset, the Python
tools the decoded text. Lynx still honours a ``<meta charset>`` the page declares, as it
would for a crawler; w3m's ``-I`` overrides it.

Tools the text-dump scorer is never trained on (``UNSEEN_TOOLS``, Debian packages
``links`` and ``elinks``; ``eval_textdump --renders --tools unseen``): a check of the
method on layouts it has not seen, since every tool of ``TOOLS`` is in the training set.

``links``
    ``links -dump`` at 80 columns: no link markers, tables laid out.
``elinks``
    ``elinks -dump`` at 80 columns: numbered link markers (``[12]link``) and a
    ``References`` list of its own layout (a titled link's address on the next line).
``elinks-nolist``
    ``elinks -dump`` at 100 columns without link numbers or references.

Both read the page from a file (``page.html`` in a private temporary folder, its path
written back to ``file:///`` in the output so that it is the same on every run).

``render_dev_pages(data_dir, cache_dir)`` renders every benchmark page with every tool
available on the machine and caches each render as
``<cache_dir>/<tool>/<stamp>/<id>.txt``, where ``stamp`` hashes the tool's version and
options, so that a new tool version or a changed option never reuses a stale render.

    python -m benchmarks.renders [--data DIR] [--cache DIR] [--show ID]
"""

from __future__ import annotations

import argparse
import codecs
import gzip
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from importlib import metadata
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repo importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.eval_extraction import DEFAULT_DATA

__all__ = ["DEFAULT_CACHE", "DEFAULT_TOOLS", "TOOLS", "UNSEEN_TOOLS", "RenderError", "available",
           "detect_charset",
           "load_pages", "render_dev_pages", "tool_stamp"]

Renderer = Callable[[bytes], str]

DEFAULT_CACHE = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") \
    / "copydesk/renders"
TIMEOUT_S = 60
# Bump when a renderer's own post-processing changes: it is part of every cache stamp.
RENDER_REVISION = "2"

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:\-]+)""",
                           re.IGNORECASE)
# Python codec names -> the MIME names lynx and w3m understand.
_MIME_NAMES = {"utf-8": "utf-8", "ascii": "us-ascii", "latin-1": "iso-8859-1",
               "iso8859-1": "iso-8859-1", "utf-16": "utf-16", "utf-32": "utf-32"}
# Lynx reads stdin into a temporary file (``/tmp/lynxXXXX<random>/L<pid>-<n>TMP.html``)
# and resolves relative links, ``href=""`` and ``#fragment`` links against it.
_LYNX_TMP_BASE = re.compile(r"file://(?:localhost)?/\S*?/lynx\w+/")
_LYNX_TMP_PAGE = re.compile(r"file:///L\d+-\d+TMP\.html")
_BLANK_RUN = re.compile(r"\n\s*\n")
_BS4_DROPPED = ("script", "style", "noscript", "template")

LYNX_ARGS = ("-dump", "-force_html", "-display_charset=utf-8", "-width=80", "-stdin")
W3M_ARGS = ("-dump", "-T", "text/html", "-O", "UTF-8", "-cols", "80")
LYNX_NOLIST_ARGS = ("-dump", "-force_html", "-display_charset=utf-8", "-width=100", "-nolist",
                    "-stdin")
W3M_WIDE_ARGS = ("-dump", "-T", "text/html", "-O", "UTF-8", "-cols", "120")


class RenderError(RuntimeError):
    """A tool failed or timed out on one page."""


# --- decoding ------------------------------------------------------------------------


def _codec(name: str) -> str | None:
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def detect_charset(data: bytes) -> str:
    """The page's encoding as a Python codec name.

    A byte-order mark wins; then strict UTF-8 (which almost never decodes text written
    in another encoding, while pages that declare a Latin code page but are UTF-8 are
    common); then the ``<meta charset>`` the page declares, if the bytes decode with
    it; then charset-normalizer's guess; cp1252 as the last resort.
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    if _decodes(data, "utf-8"):
        return "utf-8"
    match = _META_CHARSET.search(data[:8192])
    declared = _codec(match.group(1).decode("ascii", "ignore")) if match else None
    if declared and _decodes(data, declared):
        return declared
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    guessed = _codec(best.encoding) if best is not None else None
    return guessed or "cp1252"


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return False
    return True


def decode_page(data: bytes) -> str:
    """The page as text, with its detected charset (undecodable bytes replaced)."""
    return data.decode(detect_charset(data), errors="replace").lstrip("\ufeff")


def mime_charset(codec: str) -> str:
    """The MIME name of a Python codec (``cp1252`` -> ``windows-1252``)."""
    if codec in _MIME_NAMES:
        return _MIME_NAMES[codec]
    if match := re.fullmatch(r"cp(125\d)", codec):
        return f"windows-{match.group(1)}"
    if match := re.fullmatch(r"iso8859-(\d+)", codec):
        return f"iso-8859-{match.group(1)}"
    return codec.replace("_", "-")


# --- the tools -----------------------------------------------------------------------


def _run(argv: list[str], data: bytes) -> str:
    """Run a converter with the page on stdin, in / (so no relative path leaks in)."""
    try:
        done = subprocess.run(argv, input=data, capture_output=True, timeout=TIMEOUT_S,
                              cwd="/", check=False, env={**os.environ, "LANG": "C.UTF-8"})
    except subprocess.TimeoutExpired as exc:
        raise RenderError(f"{argv[0]} timed out after {TIMEOUT_S} s") from exc
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip()[:200]
        raise RenderError(f"{argv[0]} exited with {done.returncode}: {message}")
    return done.stdout.decode("utf-8", "replace")


def render_lynx(data: bytes) -> str:
    """``lynx -dump`` with link numbers and the References list."""
    charset = mime_charset(detect_charset(data))
    text = _run(["lynx", *LYNX_ARGS, f"-assume_charset={charset}"], data)
    return _LYNX_TMP_PAGE.sub("file:///page.html", _LYNX_TMP_BASE.sub("file:///", text))


def render_w3m(data: bytes) -> str:
    """``w3m -dump`` of the page read as the detected charset."""
    charset = mime_charset(detect_charset(data))
    return _run(["w3m", *W3M_ARGS, "-I", charset], data)


def render_html2text(data: bytes) -> str:
    """html2text's Markdown with its default options."""
    import html2text

    return html2text.html2text(decode_page(data))


def render_inscriptis(data: bytes) -> str:
    """inscriptis' plain-text rendering with its default options."""
    from inscriptis import get_text

    return str(get_text(decode_page(data)))


def render_bs4(data: bytes) -> str:
    """The scraper recipe: scripts and styles dropped, ``get_text("\\n")``, blank runs
    collapsed to one blank line."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(decode_page(data), "lxml")
    for tag in soup.find_all(_BS4_DROPPED):
        tag.decompose()
    return _BLANK_RUN.sub("\n\n", soup.get_text("\n")).strip() + "\n"


def render_lynx_nolist(data: bytes) -> str:
    """``lynx -dump -nolist`` at 100 columns: no link numbers, no References."""
    charset = mime_charset(detect_charset(data))
    return _run(["lynx", *LYNX_NOLIST_ARGS, f"-assume_charset={charset}"], data)


def render_w3m_wide(data: bytes) -> str:
    """``w3m -dump`` at 120 columns."""
    charset = mime_charset(detect_charset(data))
    return _run(["w3m", *W3M_WIDE_ARGS, "-I", charset], data)


def render_html2text_nowrap(data: bytes) -> str:
    """html2text with ``body_width = 0`` (no wrapping) and images ignored."""
    import html2text

    converter = html2text.HTML2Text()
    converter.body_width = 0
    converter.ignore_images = True
    return str(converter.handle(decode_page(data)))


def _soup_text(data: bytes, *args: str, **options: bool) -> str:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(decode_page(data), "lxml")
    for tag in soup.find_all(_BS4_DROPPED):
        tag.decompose()
    return str(soup.get_text(*args, **options))


def render_bs4_plain(data: bytes) -> str:
    """``get_text()`` with no separator: the page's own whitespace, nothing added."""
    return _soup_text(data)


def render_bs4_strip(data: bytes) -> str:
    """``get_text("\\n", strip=True)``: every text node on a line of its own."""
    return _soup_text(data, "\n", strip=True)


def _run_on_file(argv: list[str], data: bytes) -> str:
    """Run a converter that reads the page from a file (``page.html`` in a private
    temporary folder, whose path is written back to ``file:///`` in the output)."""
    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / "page.html"
        page.write_bytes(data)
        text = _run([*argv, str(page)], b"")
    return text.replace(f"file://{folder}/", "file:///")


LINKS_ARGS = ("links", "-dump", "-width", "80", "-codepage", "utf-8")
ELINKS_ARGS = ("elinks", "-dump", "-dump-width", "80", "-dump-charset", "utf-8", "-no-home", "1",
               "-no-connect", "1")
ELINKS_NOLIST_ARGS = ("elinks", "-dump", "-dump-width", "100", "-dump-charset", "utf-8",
                      "-no-home", "1", "-no-connect", "1", "-no-references", "-no-numbering")


def render_links(data: bytes) -> str:
    """``links -dump`` at 80 columns."""
    return _run_on_file(list(LINKS_ARGS), data)


def render_elinks(data: bytes) -> str:
    """``elinks -dump`` at 80 columns, link numbers and References."""
    return _run_on_file(list(ELINKS_ARGS), data)


def render_elinks_nolist(data: bytes) -> str:
    """``elinks -dump`` at 100 columns, no link numbers, no References."""
    return _run_on_file(list(ELINKS_NOLIST_ARGS), data)


TOOLS: dict[str, Renderer] = {
    "lynx": render_lynx,
    "w3m": render_w3m,
    "html2text": render_html2text,
    "inscriptis": render_inscriptis,
    "bs4": render_bs4,
    # Other options of the same tools, as crawlers also run them: used for training and
    # shown by ``eval_textdump --renders --tools all``.
    "lynx-nolist": render_lynx_nolist,
    "w3m-wide": render_w3m_wide,
    "html2text-nowrap": render_html2text_nowrap,
    "bs4-plain": render_bs4_plain,
    "bs4-strip": render_bs4_strip,
}
DEFAULT_TOOLS = ("lynx", "w3m", "html2text", "inscriptis", "bs4")
# Never in the training set (``benchmarks.train_textdump`` renders ``TOOLS``): scored by
# ``eval_textdump --renders --tools unseen``.
UNSEEN_TOOLS: dict[str, Renderer] = {
    "links": render_links,
    "elinks": render_elinks,
    "elinks-nolist": render_elinks_nolist,
}
_RENDERERS = {**TOOLS, **UNSEEN_TOOLS}
_BINARIES = {"lynx": "lynx", "w3m": "w3m", "lynx-nolist": "lynx", "w3m-wide": "w3m",
             "links": "links", "elinks": "elinks", "elinks-nolist": "elinks"}
_PACKAGES = {"html2text": ("html2text",), "inscriptis": ("inscriptis",),
             "bs4": ("beautifulsoup4", "lxml"), "html2text-nowrap": ("html2text",),
             "bs4-plain": ("beautifulsoup4", "lxml"), "bs4-strip": ("beautifulsoup4", "lxml")}
_OPTIONS = {"lynx": " ".join(LYNX_ARGS), "w3m": " ".join(W3M_ARGS),
            "html2text": "defaults", "inscriptis": "defaults",
            "bs4": f"lxml; drop {','.join(_BS4_DROPPED)}; get_text('\\n'); blank runs -> 1",
            "lynx-nolist": " ".join(LYNX_NOLIST_ARGS), "w3m-wide": " ".join(W3M_WIDE_ARGS),
            "html2text-nowrap": "body_width=0 ignore_images",
            "bs4-plain": f"lxml; drop {','.join(_BS4_DROPPED)}; get_text()",
            "bs4-strip": f"lxml; drop {','.join(_BS4_DROPPED)}; get_text('\\n', strip=True)",
            "links": " ".join(LINKS_ARGS), "elinks": " ".join(ELINKS_ARGS),
            "elinks-nolist": " ".join(ELINKS_NOLIST_ARGS)}


def available(tool: str) -> str | None:
    """None if the tool can run here, else why not."""
    if tool in _BINARIES:
        return None if shutil.which(_BINARIES[tool]) else f"no {_BINARIES[tool]} binary"
    missing = [p for p in _PACKAGES[tool] if not _installed(p)]
    return f"package(s) {', '.join(missing)} not installed" if missing else None


def _installed(package: str) -> bool:
    try:
        metadata.version(package)
    except metadata.PackageNotFoundError:
        return False
    return True


@cache
def _version(tool: str) -> str:
    """The tool's version string (binary's first version line, or package versions)."""
    if tool in _BINARIES:
        flag = "-version"
        done = subprocess.run([_BINARIES[tool], flag], capture_output=True, timeout=10,
                              check=False)
        return done.stdout.decode("utf-8", "replace").splitlines()[0] if done.stdout else ""
    return " ".join(f"{p}=={metadata.version(p)}" for p in _PACKAGES[tool])


def tool_stamp(tool: str) -> str:
    """A short hash of the tool's version, options and this module's revision."""
    key = f"{tool}\n{_version(tool)}\n{_OPTIONS[tool]}\n{RENDER_REVISION}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:12]


# --- rendering the benchmark pages, cached -------------------------------------------


def load_pages(data_dir: Path = DEFAULT_DATA) -> dict[str, bytes]:
    """Every page's HTML bytes by id, in sorted id order."""
    paths = sorted((data_dir / "html").glob("*.html.gz"))
    return {p.name.removesuffix(".html.gz"): gzip.decompress(p.read_bytes()) for p in paths}


def _write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, delete=False,
                                     suffix=".tmp") as handle:
        handle.write(text)
    os.replace(handle.name, path)


def _render_cached(tool: str, key: str, html: bytes, folder: Path) -> str:
    """The cached render if there is one, else render, cache and return it. A failed
    render is reported and returned as "" but not cached."""
    path = folder / f"{key}.txt"
    if path.exists():
        return path.read_text("utf-8")
    try:
        text = _RENDERERS[tool](html)
    except RenderError as exc:
        print(f"  {tool} {key}: {exc}; scored as an empty render", file=sys.stderr)
        return ""
    _write_atomic(path, text)
    return text


def render_tool(tool: str, pages: dict[str, bytes], cache_dir: Path = DEFAULT_CACHE
                ) -> dict[str, str]:
    """One tool's render of every page, by id (threads: the binaries run in parallel)."""
    folder = cache_dir / tool / tool_stamp(tool)
    workers = min(8, os.cpu_count() or 1) if tool in _BINARIES else 1
    with ThreadPoolExecutor(max_workers=workers) as pool:
        texts = pool.map(lambda item: _render_cached(tool, item[0], item[1], folder),
                         pages.items())
        return dict(zip(pages, texts, strict=True))


def render_dev_pages(data_dir: Path = DEFAULT_DATA, cache_dir: Path = DEFAULT_CACHE, *,
                     tools: list[str] | None = None, ids: set[str] | None = None
                     ) -> dict[str, dict[str, str]]:
    """``{tool: {page id: render}}`` for every available tool of ``tools`` (default: the
    five of ``DEFAULT_TOOLS``; in ``TOOLS`` order) and every page (or only ``ids``).
    Tools missing here are skipped with a printed note."""
    unknown = set(tools or ()) - set(_RENDERERS)
    if unknown:
        raise ValueError(f"unknown tool(s) {sorted(unknown)}; known: {list(_RENDERERS)}")
    pages = load_pages(data_dir)
    if ids is not None:
        pages = {key: html for key, html in pages.items() if key in ids}
    renders: dict[str, dict[str, str]] = {}
    wanted = DEFAULT_TOOLS if tools is None else tools
    for tool in _RENDERERS:
        if tool not in wanted:
            continue
        if reason := available(tool):
            print(f"note: skipping {tool}: {reason}", file=sys.stderr)
            continue
        renders[tool] = render_tool(tool, pages, cache_dir)
    return renders


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--show", metavar="ID", help="print each tool's render of one page")
    args = parser.parse_args(argv)
    renders = render_dev_pages(args.data, args.cache)
    for tool, texts in renders.items():
        folder = args.cache / tool / tool_stamp(tool)
        chars = sum(map(len, texts.values()))
        print(f"{tool:<11} {len(texts):3} pages  {chars:>9} chars  {folder}")
        if args.show:
            print(texts[args.show])


if __name__ == "__main__":
    main()
