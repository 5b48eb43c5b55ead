"""Exact, faster ``finditer`` for the phrase rules of :mod:`screening.features`.

A rule such as ``\\b(?:led|managed|mentored|…)\\b`` gives Python's ``re`` no literal prefix
to scan for, so a search tries the whole pattern at every character of the text: on a long
résumé the rules cost about 3 ms. Yet every match of such a rule begins with one of a few
literal strings, its *anchors* (``led``, ``managed``, …), read off the pattern itself.
:class:`AnchoredPattern` finds where the anchors occur and tries the pattern only there.

The result is the same as ``regex.finditer``, match for match: a match can only start
where an anchor occurs, every such position is tried in order with ``regex.match`` (the
same pattern, the same alternation order), and the next try starts where the last match
ended, as in ``finditer``. A pattern whose anchors cannot be read (a match could start with
any letter) is searched with plain ``finditer``.

Anchors behind a word boundary (``\\b``) and starting with a word character can only occur
at the start of a word: they are looked up in an index of the text's words by their first
three characters (:class:`PhraseText`, built once per text and shared by every rule), instead
of scanning the text once per anchor.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, NamedTuple

try:  # the parser behind ``re.compile``; private, so its absence only costs speed
    from re import _constants as _sre  # type: ignore[attr-defined]
    from re import _parser as _sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - a Python without them searches plainly
    _sre = _sre_parse = None

#: Anchors longer than this are cut: a shorter anchor finds the same positions and more.
_MAX_ANCHOR = 8
#: Character classes of at most this many characters give one anchor per character.
_MAX_CLASS = 16
#: Words are indexed by their first three characters; shorter anchors are searched for.
_KEY = 3
_WORD_CHAR = re.compile(r"\w")
_WORD_RUN = re.compile(r"\w+")
_DIGIT = re.compile(r"\d")


class Anchor(NamedTuple):
    """A string every match of some branch of a pattern starts with.

    ``text`` empty means "a digit" (``\\d``: any Unicode decimal digit). ``word_start``:
    the branch starts with a word boundary and ``text`` with a word character, so the
    anchor can only occur at the start of a word.
    """

    text: str
    word_start: bool = False


class _UnboundedError(Exception):
    """A match could start with too many different characters to list."""


def _seq_anchors(items: list[tuple[Any, Any]], bounded: bool) -> set[Anchor]:
    i = 0
    while i < len(items) and items[i][0] in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT):
        op, av = items[i]
        if op is _sre.AT and av is _sre.AT_BOUNDARY:
            bounded = True
        i += 1
    if i == len(items):
        raise _UnboundedError  # only zero-width items: an empty match is possible
    op, av = items[i]
    if op is _sre.LITERAL:
        chars = ""
        while i < len(items) and items[i][0] is _sre.LITERAL and len(chars) < _MAX_ANCHOR:
            chars += chr(items[i][1])
            i += 1
        return {Anchor(chars, bounded and _WORD_CHAR.match(chars) is not None)}
    if op is _sre.SUBPATTERN:
        if av[1] & (re.IGNORECASE | re.ASCII):  # (?i:…) or (?a:…): other cases or word boundaries
            raise _UnboundedError
        return _seq_anchors(list(av[-1]), bounded)
    if op is _sre.BRANCH:
        found: set[Anchor] = set()
        for branch in av[1]:
            found |= _seq_anchors(list(branch), bounded)
        return found
    if op is _sre.IN:
        found = set()
        for kind, value in av:
            if kind is _sre.LITERAL:
                found.add(Anchor(chr(value)))
            elif kind is _sre.RANGE and value[1] - value[0] < _MAX_CLASS:
                found.update(Anchor(chr(c)) for c in range(value[0], value[1] + 1))
            elif kind is _sre.CATEGORY and value is _sre.CATEGORY_DIGIT:
                found.add(Anchor(""))
            else:
                raise _UnboundedError
        return found
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT) and av[0] >= 1:
        return _seq_anchors(list(av[2]), bounded)
    raise _UnboundedError


def anchors_of(regex: re.Pattern[str]) -> tuple[Anchor, ...] | None:
    """The anchors of ``regex`` (see the module's text), or None when they cannot be read:
    a case-blind or ASCII-only pattern, a match that may start with any of many
    characters, or a match that may be empty."""
    if _sre_parse is None or regex.flags & (re.IGNORECASE | re.ASCII):
        return None
    try:
        found = _seq_anchors(list(_sre_parse.parse(regex.pattern, regex.flags)), False)
    except (_UnboundedError, re.error):
        return None
    # An anchor that another one starts (and that is at least as often searched) adds no
    # position: keep the shorter one.
    kept: list[Anchor] = []
    for a in sorted(found, key=lambda a: (len(a.text), a.text, a.word_start)):
        if not a.text or not any(
            k.text and a.text.startswith(k.text) and (not k.word_start or a.word_start) for k in kept
        ):
            kept.append(a)
    return tuple(kept)


@dataclass(slots=True)
class PhraseText:
    """One text to search with several :class:`AnchoredPattern`: the index of its words by
    their first three characters, its set of characters and each anchor's positions are
    built once and shared."""

    text: str
    _words: dict[str, list[int]] | None = None
    _chars: frozenset[str] | None = None
    _found: dict[str, list[int]] = field(default_factory=dict)
    _candidates: dict[AnchoredPattern, list[int]] = field(default_factory=dict)

    def candidates(self, pattern: AnchoredPattern) -> list[int]:
        """Every position where one of ``pattern``'s anchors occurs, in order (remembered:
        a rule searched in many stretches of the text looks its anchors up once)."""
        got = self._candidates.get(pattern)
        if got is None:
            got = self._candidates[pattern] = sorted(self._positions(pattern))
        return got

    def _positions(self, pattern: AnchoredPattern) -> set[int]:
        text = self.text
        found: set[int] = set()
        words = self._word_starts()
        for key, longer in pattern.keyed.items():
            starts = words.get(key)
            if starts is None:
                continue
            if not longer:
                found.update(starts)
            else:
                found.update(p for p in starts if text.startswith(longer, p))
        if pattern.searched:
            if self._chars is None:
                self._chars = frozenset(text)
            for anchor in pattern.searched:
                if anchor[0] in self._chars:
                    found.update(self._find(anchor))
        if pattern.digit:
            found.update(self._find(""))
        return found

    def _word_starts(self) -> dict[str, list[int]]:
        """The starts of the text's words by their first :data:`_KEY` characters (the
        text's characters from there: a shorter word's key runs past its end)."""
        if self._words is None:
            words: dict[str, list[int]] = {}
            text, add = self.text, words.setdefault
            for start in [m.start() for m in _WORD_RUN.finditer(text)]:
                add(text[start : start + _KEY], []).append(start)
            self._words = words
        return self._words

    def _find(self, anchor: str) -> list[int]:
        """Every position of ``anchor`` in the text ("" for any digit), in order."""
        got = self._found.get(anchor)
        if got is None:
            if not anchor:
                got = [m.start() for m in _DIGIT.finditer(self.text)]
            else:
                got = []
                at = self.text.find(anchor)
                while at >= 0:
                    got.append(at)
                    at = self.text.find(anchor, at + 1)
            self._found[anchor] = got
        return got


class AnchoredPattern:
    """A compiled pattern searched from its anchors; :meth:`finditer` equals
    ``regex.finditer`` (see the module's text).

    Its anchors, sorted by how they are found: ``keyed`` maps the first :data:`_KEY`
    characters of word-start anchors to the longer anchors with that start (empty: the key
    is an anchor itself, any word starting with it counts); ``searched`` are looked for
    anywhere; ``digit``: any digit starts a match.
    """

    __slots__ = ("anchors", "digit", "keyed", "regex", "searched")

    def __init__(self, regex: re.Pattern[str]) -> None:
        self.regex = regex
        self.anchors = anchors_of(regex)
        keyed: dict[str, set[str]] = {}
        whole: set[str] = set()
        searched: list[str] = []
        for anchor in self.anchors or ():
            if anchor.word_start and len(anchor.text) >= _KEY:
                key = anchor.text[:_KEY]
                keyed.setdefault(key, set())
                if len(anchor.text) == _KEY:
                    whole.add(key)
                else:
                    keyed[key].add(anchor.text)
            elif anchor.text:
                searched.append(anchor.text)
        self.keyed = {key: () if key in whole else tuple(sorted(longer)) for key, longer in keyed.items()}
        self.searched = tuple(searched)
        self.digit = any(not a.text for a in self.anchors or ())

    def finditer(self, text: PhraseText, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match[str]]:
        """``self.regex.finditer(text.text, pos, endpos)``, faster."""
        end = len(text.text) if endpos is None else min(endpos, len(text.text))
        if self.anchors is None:
            yield from self.regex.finditer(text.text, pos, end)
            return
        candidates = text.candidates(self)
        match = self.regex.match
        subject = text.text
        for i in range(bisect_left(candidates, pos), bisect_left(candidates, end)):
            at = candidates[i]
            if at < pos:
                continue
            found = match(subject, at, end)
            if found is not None:
                yield found
                pos = max(found.end(), at + 1)
