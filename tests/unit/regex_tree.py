"""Regular expressions as small trees, for ``regex_audit``'s checks.

A pattern is parsed with Python's own parser (``re._parser``, formerly ``sre_parse``)
and rebuilt as ``Node`` objects: ``Char`` (one character from a set), ``Seq``, ``Alt``,
``Group`` (atomic groups opaque from outside), ``Repeat``, ``Zero`` (anchors and
lookarounds) and ``Backref``. Each node knows whether it can match the empty string,
which characters it can start with, and which unbounded repeats can take its first and
its last character (``leading``, ``trailing``): what the checks compare.

Character sets are masks, one bit per code point, computed by the regex engine itself
(each set item is matched over every code point, with the pattern's flags), so ``\\w``,
``[^\\]\\n]``, ``.`` and ``re.IGNORECASE`` mean exactly what they mean when matching.
``tree(source, flags)`` builds the tree; ``example(mask)`` names a character of a mask.
"""

from __future__ import annotations

import re
import re._constants as sre_constants  # the parser re itself uses (sre_parse before 3.11)
import re._parser as sre_parse
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

__all__ = ["Alt", "Backref", "Char", "Group", "Node", "Repeat", "Seq", "Zero", "example",
           "tree"]

_UNBOUNDED = sre_constants.MAXREPEAT


# --- character sets: one bit per code point -------------------------------------------


@cache
def _alphabet(size: int) -> str:
    return "".join(map(chr, range(size)))


@cache
def _cased() -> str:
    """Every code point that has another case: the only ones IGNORECASE can add."""
    return "".join(c for c in _alphabet(sys.maxunicode + 1) if c.lower() != c or c.upper() != c)


def _mask_from_runs(pattern: re.Pattern[str], text: str) -> int:
    """Mask of the characters of ``text`` that ``pattern`` matches (a short text)."""
    mask = 0
    for match in pattern.finditer(text):
        for char in match.group():
            mask |= 1 << ord(char)
    return mask


@cache
def _scan(source: str, flags: int, size: int) -> int:
    """Mask of the code points ``source`` (one character) matches, by the engine itself."""
    pattern = re.compile(f"(?:{source})+", flags)
    hits = bytearray(size)  # one byte per code point, then one bit
    for match in pattern.finditer(_alphabet(size)):
        start, end = match.span()
        hits[start:end] = b"\1" * (end - start)
    digits = hits.translate(bytes.maketrans(b"\0\1", b"01"))[::-1]
    return int(digits, 2) if digits else 0


@dataclass(frozen=True, slots=True)
class Context:
    flags: int
    size: int  # code points in the alphabet: 256 for bytes patterns


def _esc(code: int) -> str:
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 \
        else f"\\U{code:08x}"


_NAMED_ESCAPES = {"\n": r"\n", "\t": r"\t", "\r": r"\r"}


def _show_char(code: int, specials: str = "\\^-[]") -> str:
    """One character as a regex shows it (inside a class by default)."""
    char = chr(code)
    if char in specials:
        return "\\" + char
    if char in _NAMED_ESCAPES:
        return _NAMED_ESCAPES[char]
    return char if char.isprintable() else _esc(code)


_CATEGORY_SOURCE = {
    sre_constants.CATEGORY_DIGIT: r"\d", sre_constants.CATEGORY_NOT_DIGIT: r"\D",
    sre_constants.CATEGORY_SPACE: r"\s", sre_constants.CATEGORY_NOT_SPACE: r"\S",
    sre_constants.CATEGORY_WORD: r"\w", sre_constants.CATEGORY_NOT_WORD: r"\W",
}


def _class_source(items: list[tuple[Any, Any]], *, shown: bool) -> str:
    """``[...]`` for one IN item; escaped for compiling, readable for showing."""
    show = _show_char if shown else _esc
    parts: list[str] = []
    for op, av in items:
        if op is sre_constants.NEGATE:
            parts.insert(0, "^")
        elif op is sre_constants.LITERAL:
            parts.append(show(av))
        elif op is sre_constants.RANGE:
            parts.append(f"{show(av[0])}-{show(av[1])}")
        elif op is sre_constants.CATEGORY:
            parts.append(_CATEGORY_SOURCE[av])
        else:  # pragma: no cover - the parser emits only the above inside a class
            raise ValueError(f"unexpected class item {op}")
    body = "".join(parts)
    if shown and len(items) == 1 and items[0][0] is sre_constants.CATEGORY:
        return body  # \w rather than [\w]
    return f"[{body}]"


@cache
def _all_chars(size: int) -> int:
    return (1 << size) - 1


@cache
def _literal(code: int, flags: int, size: int) -> int:
    """Mask of one literal character, its other cases included under IGNORECASE."""
    if not flags & re.IGNORECASE:
        return 1 << code
    if size <= 256:
        return _scan(_esc(code), flags, size)
    return (1 << code) | _mask_from_runs(re.compile(_esc(code), flags), _cased())


def _char_mask(op: Any, av: Any, ctx: Context) -> tuple[int, str]:
    """(mask, readable source) of a one-character item."""
    size = ctx.size
    everything = _all_chars(size)
    ignore = ctx.flags & re.IGNORECASE
    if op is sre_constants.ANY:
        dotall = ctx.flags & re.DOTALL
        return (everything if dotall else everything & ~(1 << 10)), "."
    if op in (sre_constants.LITERAL, sre_constants.NOT_LITERAL):
        mask = _literal(av, ctx.flags & (re.IGNORECASE | re.ASCII), size)
        shown = _show_char(av, specials=".^$*+?{}[]\\|()")
        if op is sre_constants.NOT_LITERAL:
            return everything & ~mask, f"[^{_show_char(av)}]"
        return mask, shown
    if op is sre_constants.IN:
        source = _class_source(av, shown=False)
        shown = _class_source(av, shown=True)
        plain = all(item[0] in (sre_constants.LITERAL, sre_constants.RANGE) for item in av)
        if not plain or size <= 256:
            return _scan(source, ctx.flags & ~re.DOTALL, size), shown
        mask = 0
        for item_op, item_av in av:
            if item_op is sre_constants.LITERAL:
                mask |= 1 << item_av
            else:
                mask |= ((1 << (item_av[1] - item_av[0] + 1)) - 1) << item_av[0]
        if ignore:
            mask |= _mask_from_runs(re.compile(source, ctx.flags), _cased())
        return mask, shown
    raise ValueError(f"not a one-character item: {op}")  # pragma: no cover


def example(mask: int) -> str:
    """A readable character from a non-empty mask (the lowest printable one if any)."""
    low = (mask & -mask).bit_length() - 1
    probe = mask
    for _ in range(200):  # prefer a printable example
        code = (probe & -probe).bit_length() - 1
        if code < 0:
            break
        if chr(code).isprintable():
            return repr(chr(code))
        probe &= probe - 1
    return repr(chr(low))


# --- the pattern as a small tree -------------------------------------------------------


class Node:
    nullable: bool = False
    first: int = 0  # characters that can be consumed first
    can_fail: bool = True
    leading: tuple[Repeat, ...] = ()  # unbounded repeats that can consume the first char
    trailing: tuple[Repeat, ...] = ()  # ... and the last char

    def show(self) -> str:
        raise NotImplementedError

    def children(self) -> tuple[Node, ...]:
        return ()

    def within(self, mask: int) -> bool:
        """Can this match a non-empty string made only of characters in ``mask``?"""
        return False


class Char(Node):
    def __init__(self, mask: int, source: str, size: int) -> None:
        self.mask, self.source = mask, source
        self.first = mask
        self.every = mask == _all_chars(size)  # matches any character at all

    def show(self) -> str:
        return self.source

    def within(self, mask: int) -> bool:
        return bool(self.mask & mask)


class Zero(Node):
    """A zero-width item: an anchor, ``\\b``, a lookaround (its inner pattern kept)."""

    def __init__(self, source: str, inner: Node | None = None) -> None:
        self.source, self.inner = source, inner
        self.nullable = True

    def show(self) -> str:
        return self.source

    def children(self) -> tuple[Node, ...]:
        return (self.inner,) if self.inner else ()


class Backref(Node):
    def __init__(self, source: str, size: int) -> None:
        self.source = source
        self.nullable, self.first = True, (1 << size) - 1

    def show(self) -> str:
        return self.source

    def within(self, mask: int) -> bool:
        return True


class Seq(Node):
    def __init__(self, items: list[Node]) -> None:
        self.items = tuple(items)
        self.nullable = all(i.nullable for i in items)
        self.can_fail = any(i.can_fail for i in items)
        first, leading = 0, list[Repeat]()
        for item in items:
            first |= item.first
            leading.extend(item.leading)
            if not item.nullable:
                break
        trailing = list[Repeat]()
        for item in reversed(items):
            trailing.extend(item.trailing)
            if not item.nullable:
                break
        self.first, self.leading, self.trailing = first, tuple(leading), tuple(trailing)

    def show(self) -> str:
        return "".join(_wrapped(i) if isinstance(i, Alt) else i.show() for i in self.items)

    def children(self) -> tuple[Node, ...]:
        return self.items

    def within(self, mask: int) -> bool:
        return all(i.nullable or i.within(mask) for i in self.items) \
            and any(i.within(mask) for i in self.items)


class Alt(Node):
    def __init__(self, branches: list[Node]) -> None:
        self.branches = tuple(branches)
        self.nullable = any(b.nullable for b in branches)
        self.can_fail = all(b.can_fail for b in branches)
        for branch in branches:
            self.first |= branch.first
        self.leading = tuple(r for b in branches for r in b.leading)
        self.trailing = tuple(r for b in branches for r in b.trailing)

    def show(self) -> str:
        return "|".join(b.show() for b in self.branches)

    def children(self) -> tuple[Node, ...]:
        return self.branches

    def within(self, mask: int) -> bool:
        return any(b.within(mask) for b in self.branches)


class Group(Node):
    """A capturing or flag-scoping group, or an atomic group (opaque from outside)."""

    def __init__(self, body: Node, opening: str, *, atomic: bool = False) -> None:
        self.body, self.opening = body, opening
        self.nullable, self.first, self.can_fail = body.nullable, body.first, body.can_fail
        if not atomic:
            self.leading, self.trailing = body.leading, body.trailing

    def show(self) -> str:
        return f"{self.opening}{self.body.show()})"

    def children(self) -> tuple[Node, ...]:
        return (self.body,)

    def within(self, mask: int) -> bool:
        return self.body.within(mask)


class Repeat(Node):
    def __init__(self, low: int, high: int | None, body: Node, suffix: str) -> None:
        self.low, self.high, self.body, self.suffix = low, high, body, suffix
        self.nullable = low == 0 or body.nullable
        self.first = body.first
        self.can_fail = low > 0 and body.can_fail
        possessive = suffix == "+"
        if not possessive:
            own = (self,) if high is None else ()
            self.leading = own + body.leading
            self.trailing = own + body.trailing

    @property
    def unbounded(self) -> bool:
        return self.high is None

    def show(self) -> str:
        body = self.body
        inner = body.show()
        if not (isinstance(body, Char | Group | Backref)):
            inner = f"(?:{inner})"
        quantifier = {(0, None): "*", (1, None): "+", (0, 1): "?"}.get((self.low, self.high))
        if quantifier is None:
            high = "" if self.high is None else str(self.high)
            quantifier = f"{{{self.low}}}" if self.high == self.low \
                else f"{{{self.low},{high}}}"
        return inner + quantifier + self.suffix

    def children(self) -> tuple[Node, ...]:
        return (self.body,)

    def within(self, mask: int) -> bool:
        return self.high != 0 and self.body.within(mask)


def _wrapped(node: Node) -> str:
    return f"(?:{node.show()})"


_AT_SOURCE = {
    sre_constants.AT_BEGINNING: "^", sre_constants.AT_BEGINNING_STRING: r"\A",
    sre_constants.AT_END: "$", sre_constants.AT_END_STRING: r"\Z",
    sre_constants.AT_BOUNDARY: r"\b", sre_constants.AT_NON_BOUNDARY: r"\B",
}


def _build(parsed: Iterable[tuple[Any, Any]], ctx: Context) -> Node:
    items: list[Node] = []
    for op, av in parsed:
        items.append(_item(op, av, ctx))
    return items[0] if len(items) == 1 else Seq(items)


def _item(op: Any, av: Any, ctx: Context) -> Node:
    c = sre_constants
    if op in (c.LITERAL, c.NOT_LITERAL, c.ANY, c.IN):
        return Char(*_char_mask(op, av, ctx), ctx.size)
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
        low, high, body = av
        suffix = {c.MAX_REPEAT: "", c.MIN_REPEAT: "?", c.POSSESSIVE_REPEAT: "+"}[op]
        return Repeat(low, None if high is _UNBOUNDED else high, _build(body, ctx), suffix)
    if op is c.SUBPATTERN:
        group, add_flags, del_flags, body = av
        inner = Context((ctx.flags | add_flags) & ~del_flags, ctx.size)
        opening = "(" if group is not None else "(?:"
        if add_flags or del_flags:
            opening = f"(?{_flag_letters(add_flags)}-{_flag_letters(del_flags)}:".replace("-:", ":")
        return Group(_build(body, inner), opening)
    if op is c.ATOMIC_GROUP:
        return Group(_build(av, ctx), "(?>", atomic=True)
    if op is c.BRANCH:
        return Alt([_build(branch, ctx) for branch in av[1]])
    if op is c.GROUPREF_EXISTS:
        _, yes, no = av
        return Alt([_build(yes, ctx), _build(no, ctx) if no else Seq([])])
    if op is c.AT:
        return Zero(_AT_SOURCE.get(av, str(av)))
    if op in (c.ASSERT, c.ASSERT_NOT):
        direction, body = av
        opening = {(c.ASSERT, 1): "(?=", (c.ASSERT, -1): "(?<=", (c.ASSERT_NOT, 1): "(?!",
                   (c.ASSERT_NOT, -1): "(?<!"}[op, direction]
        looked = _build(body, ctx)
        return Zero(f"{opening}{looked.show()})", looked)
    if op is c.GROUPREF:
        return Backref(f"\\{av}", ctx.size)
    raise ValueError(f"unsupported regex item {op}")  # pragma: no cover


def _flag_letters(flags: int) -> str:
    return "".join(letter for letter, bit in (("a", re.ASCII), ("i", re.IGNORECASE),
                                             ("m", re.MULTILINE), ("s", re.DOTALL),
                                             ("x", re.VERBOSE)) if flags & bit)




def tree(source: str, flags: int = 0, *, size: int = sys.maxunicode + 1) -> tuple[Node, int]:
    """(the tree of ``source``, its flags with the inline ones such as ``(?i)`` added).
    ``size``: code points in the alphabet; 256 for a ``bytes`` pattern, whose source is
    passed decoded as latin-1."""
    parsed = sre_parse.parse(source, flags)
    flags |= parsed.state.flags
    return _build(parsed, Context(flags, size)), flags
