"""A static audit of regular expressions for super-linear backtracking.

Each pattern is parsed with Python's own parser (``re._parser``, formerly ``sre_parse``)
and checked for the three shapes that make a backtracking engine slower than linear:

``nested``
    An unbounded repeat (``*``, ``+``, ``{n,}``) inside another repeat that can run more
    than once, where the inner repeat can end an iteration of the outer one and its next
    character could equally start the outer's next iteration: ``(a+)+``, ``(\\w+\\s?)+``.
    Each way of splitting a run between the two loops is tried: exponential.
``adjacent``
    Two unbounded repeats in sequence, separated only by optional or zero-width items,
    where the first could take the characters the second starts with: ``.*.*x``,
    ``\\s*\\s*``, ``\\w+\\s?\\w+``. Every split point is tried: quadratic per start.
``rescan``
    A pattern used to search (no ``^``/``\\A`` anchor, not only called with ``match``)
    whose unbounded repeat runs over characters the pattern can start with, followed by
    something that can fail: ``\\[[^\\]]*\\]`` on ``[[[[…``, ``\\s+$`` on spaces. Every
    start inside the run scans to its end again: quadratic per line.

Bounded repeats (``{0,500}``) are never flagged: they cap the work per start. Possessive
repeats and atomic groups are opaque to backtracking from outside them.

Character sets are computed by the regex engine itself (see ``regex_tree``), so ``\\w``,
``[^\\]\\n]``, ``.`` and ``re.IGNORECASE`` mean exactly what they mean when matching.

``audit(pattern)`` returns findings for one pattern; ``audit_module(module)`` walks a
module's globals (patterns held in tuples, lists and dicts included) and the literal
patterns passed to ``re.search(...)``-style calls in its source.
"""

from __future__ import annotations

import ast
import inspect
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

from tests.unit.regex_tree import Alt, Backref, Char, Group, Node, Repeat, Seq, Zero, example, tree

__all__ = ["Finding", "audit", "audit_module", "module_source", "patterns_in"]

_ANCHORED = ("match", "fullmatch")


# --- the checks ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Finding:
    """One super-linear shape in one pattern."""

    kind: str  # "nested", "adjacent" or "rescan"
    subpattern: str
    detail: str
    module: str = ""
    name: str = ""

    def __str__(self) -> str:
        where = f"{self.module}.{self.name}: " if self.module or self.name else ""
        return f"{where}[{self.kind}] {_clip(self.subpattern)}  -- {self.detail}"


def _clip(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[: limit - 20] + " ... " + text[-15:]


def _competes(earlier: Repeat, later: Node) -> int:
    """Characters where ``earlier`` taking one more iteration competes with ``later``
    starting (0 if they never compete)."""
    body = earlier.body
    if isinstance(later, Repeat) and isinstance(later.body, Char):
        return body.first & later.body.mask if body.within(later.body.mask) else 0
    if isinstance(body, Char):
        return body.mask & later.first
    return body.first & later.first


def _walk(node: Node) -> Iterator[Node]:
    yield node
    for child in node.children():
        yield from _walk(child)


def _nested_and_adjacent(root: Node) -> list[Finding]:
    found: list[Finding] = []
    for node in _walk(root):
        if isinstance(node, Seq):
            items = node.items
            for i, left in enumerate(items):
                for j in range(i + 1, len(items)):
                    for early in left.trailing:
                        for late in items[j].leading:
                            shared = _competes(early, late)
                            if shared:
                                context = Seq(list(items[i:j + 1])).show()
                                found.append(Finding(
                                    "adjacent", context,
                                    f"{_clip(early.show(), 60)} then {_clip(late.show(), 60)}"
                                    f"{' (with optional items between)' if j > i + 1 else ''}"
                                    f" can both take {example(shared)}"))
                    if not items[j].nullable:
                        break
        elif isinstance(node, Repeat) and node.suffix != "+" \
                and (node.high is None or node.high > 1):
            for inner in node.body.trailing:
                shared = _competes(inner, node.body)
                if shared:
                    bound = "unbounded" if node.high is None else f"up to {node.high} times"
                    found.append(Finding(
                        "nested", node.show(),
                        f"{_clip(inner.show(), 60)} ends an iteration of the {bound} outer "
                        f"repeat and can also take {example(shared)}, which starts the next"))
    return found


def _restart_chars(branch: Node, flags: int) -> int:
    """Characters inside a run where a new search could start this branch (0: none)."""
    head = branch.items[0] if isinstance(branch, Seq) and branch.items else branch
    if isinstance(head, Zero) and head.source == r"\A":
        return 0
    if isinstance(head, Zero) and head.source == "^":
        return 1 << 10 if flags & re.MULTILINE else 0  # a start just after a newline
    return branch.first if not branch.nullable else -1  # -1: every character


def _branches(root: Node) -> tuple[Node, ...]:
    """The top-level alternatives: each is a search of its own at every start."""
    while isinstance(root, Group) and not root.opening.startswith("(?>"):
        root = root.body
    return root.branches if isinstance(root, Alt) else (root,)


def _rescans(root: Node, flags: int, anchored: bool) -> list[Finding]:
    if anchored:
        return []
    found: list[Finding] = []
    for branch in _branches(root):
        restart = _restart_chars(branch, flags)
        if restart:
            found += _branch_rescans(branch, restart)
    return found


def _reaches_end(repeat: Repeat, rest: list[Node]) -> bool:
    """A greedy repeat of every character followed only by ``$``/``\\Z``: the run ends
    at the end of the text, where the anchor holds; it cannot fail."""
    body = repeat.body
    return repeat.suffix == "" and isinstance(body, Char) and body.every \
        and all((isinstance(i, Zero) and i.source in ("$", r"\Z")) or not i.can_fail
                for i in rest)


def _branch_rescans(branch: Node, restart: int) -> list[Finding]:
    found: list[Finding] = []

    def visit(node: Node, rest: list[Node]) -> None:
        if isinstance(node, Seq):
            for index, item in enumerate(node.items):
                visit(item, list(node.items[index + 1:]) + rest)
        elif isinstance(node, Alt):
            for alternative in node.branches:
                visit(alternative, rest)
        elif isinstance(node, Group):
            visit(node.body, rest)
        elif isinstance(node, Zero) and node.inner is not None:
            visit(node.inner, [])
        elif isinstance(node, Repeat):
            if node.unbounded and node.suffix != "+":
                check(node, rest)
            visit(node.body, rest)

    def check(repeat: Repeat, rest: list[Node]) -> None:
        shared = _chars(repeat.body) & restart
        if not shared or not any(item.can_fail for item in rest) or _reaches_end(repeat, rest):
            return
        # ``\|.*\|``: any later start character is itself what the rest needs next.
        needed = [item for item in rest if not isinstance(item, Zero) or item.inner]
        if needed and isinstance(needed[0], Char) and restart != -1 \
                and restart & ~needed[0].mask == 0 and not any(i.can_fail for i in needed[1:]):
            return
        found.append(Finding(
            "rescan", repeat.show(),
            f"a search can restart inside its run (at {example(shared)}) and the rest "
            f"({_clip(Seq(rest).show(), 50)}) can fail, so each start rescans the run"))

    visit(branch, [])
    return found


def _chars(node: Node) -> int:
    """Every character a node can consume (anywhere, not only first)."""
    if isinstance(node, Char):
        return node.mask
    if isinstance(node, Backref):
        return node.first
    if isinstance(node, Zero):
        return 0
    mask = 0
    for child in node.children():
        mask |= _chars(child)
    return mask


def audit(pattern: re.Pattern[Any] | str, flags: int = 0, *, anchored: bool = False
          ) -> list[Finding]:
    """The super-linear shapes in one pattern. ``anchored``: the pattern is only used
    with ``match``/``fullmatch`` (no search restarts)."""
    if isinstance(pattern, re.Pattern):
        source, flags = pattern.pattern, pattern.flags
    else:
        source = pattern
        flags = re.compile(source, flags).flags
    size = 256 if isinstance(source, bytes) else sys.maxunicode + 1
    if isinstance(source, bytes):
        source = source.decode("latin-1")
    root, flags = tree(source, flags, size=size)
    findings = _nested_and_adjacent(root) + _rescans(root, flags, anchored)
    unique: dict[tuple[str, str, str], Finding] = {}
    for finding in findings:
        unique.setdefault((finding.kind, finding.subpattern, finding.detail), finding)
    return list(unique.values())


# --- walking modules -------------------------------------------------------------------


@dataclass(slots=True)
class _Found:
    name: str
    pattern: re.Pattern[Any]
    anchored: bool = False
    uses: set[str] = field(default_factory=set)


def _held(value: object, name: str, depth: int = 0) -> Iterator[tuple[str, re.Pattern[Any]]]:
    if isinstance(value, re.Pattern):
        yield name, value
    elif depth < 4 and isinstance(value, tuple | list | frozenset | set):
        for index, item in enumerate(value):
            yield from _held(item, f"{name}[{index}]", depth + 1)
    elif depth < 4 and isinstance(value, dict):
        for key, item in value.items():
            yield from _held(item, f"{name}[{key!r}]", depth + 1)


def _method_uses(tree: ast.AST) -> dict[str, set[str]]:
    """For each global name: how it is used (``match``, ``search``, ... or ``other``)."""
    uses: dict[str, set[str]] = {}
    called: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                and isinstance(node.func.value, ast.Name):
            uses.setdefault(node.func.value.id, set()).add(node.func.attr)
            called.add(id(node.func.value))
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load) \
                and id(node) not in called:
            uses.setdefault(node.id, set()).add("other")
    return uses


def _evaluate(node: ast.expr, scope: dict[str, Any]) -> Any:
    """A constant expression of string literals, module globals, ``re`` flags, ``+``, ``|``."""
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.Name) and node.id in scope:
        return scope[node.id]
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) \
            and node.value.id == "re":
        return getattr(re, node.attr)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.BitOr):
        left, right = _evaluate(node.left, scope), _evaluate(node.right, scope)
        if left is None or right is None:
            return None
        return left + right if isinstance(node.op, ast.Add) else left | right
    return None


_FLAG_POSITION = {"compile": 1, "match": 2, "fullmatch": 2, "search": 2, "findall": 2,
                  "finditer": 2, "split": 3, "sub": 4, "subn": 4}


def _inline_patterns(tree: ast.AST, scope: dict[str, Any]
                     ) -> Iterator[tuple[str, str, int, bool]]:
    """``(name, source, flags, anchored)`` of patterns written into ``re.xxx(...)`` calls
    inside functions."""
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef):
            continue
        for node in ast.walk(function):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and isinstance(node.func.value, ast.Name) and node.func.value.id == "re"
                    and node.func.attr in _FLAG_POSITION and node.args):
                continue
            source = _evaluate(node.args[0], scope)
            if not isinstance(source, str):
                continue
            position = _FLAG_POSITION[node.func.attr]
            flag_node = next((k.value for k in node.keywords if k.arg == "flags"),
                             node.args[position] if len(node.args) > position else None)
            flags = _evaluate(flag_node, scope) if flag_node is not None else 0
            yield (f"{function.name}():{node.lineno} re.{node.func.attr}", source,
                   int(flags or 0), node.func.attr in _ANCHORED)


def module_source(module: ModuleType) -> str:
    """The module's source, also when it runs compiled: the ``.py`` it was built from sits
    beside the extension (services/pipeline/formats/compiled.py). (Found from the package:
    a compiled module imported by another one can report a wrong ``__file__``.)"""
    if (module.__file__ or "").endswith(".py"):
        return inspect.getsource(module)
    package, _, short = module.__name__.rpartition(".")
    path = Path(sys.modules[package].__path__[0], f"{short}.py")
    return path.read_text("utf-8") if path.is_file() else inspect.getsource(module)


def patterns_in(module: ModuleType) -> list[tuple[str, re.Pattern[Any], bool]]:
    """``(name, pattern, anchored)`` for every pattern a module holds or writes inline.

    A global pattern counts as anchored when the module only ever calls ``match`` or
    ``fullmatch`` on it; inline patterns when the call is ``re.match``/``re.fullmatch``.
    """
    tree = ast.parse(module_source(module))
    uses = _method_uses(tree)
    seen: dict[int, _Found] = {}
    for name, value in vars(module).items():
        if isinstance(value, ModuleType) or (callable(value) and not isinstance(value, re.Pattern)):
            continue
        for path, pattern in _held(value, name):
            if id(pattern) in seen:
                continue
            how = uses.get(path, {"other"}) if path == name else {"other"}
            seen[id(pattern)] = _Found(path, pattern, anchored=how <= set(_ANCHORED))
    found = [(f.name, f.pattern, f.anchored) for f in seen.values()]
    known = {(p.pattern, p.flags) for _, p, _ in found}
    scope = {k: v for k, v in vars(module).items() if isinstance(v, str | int)}
    for name, source, flags, anchored in _inline_patterns(tree, scope):
        pattern = re.compile(source, flags)
        if (pattern.pattern, pattern.flags) not in known:
            known.add((pattern.pattern, pattern.flags))
            found.append((name, pattern, anchored))
    return found


def audit_module(module: ModuleType, *, kinds: Iterable[str] = ("nested", "adjacent", "rescan")
                 ) -> list[Finding]:
    """Findings of the given kinds for every pattern of ``module``, each named."""
    wanted = set(kinds)
    short = module.__name__.rsplit(".", 1)[-1]
    findings: list[Finding] = []
    for name, pattern, anchored in patterns_in(module):
        for finding in audit(pattern, anchored=anchored):
            if finding.kind in wanted:
                findings.append(Finding(finding.kind, finding.subpattern, finding.detail,
                                        module=short, name=name))
    return findings
