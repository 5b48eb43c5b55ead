"""Contributions -> evidence: the résumé passages that raised or lowered a label.

A model's :class:`~screening.model.Explanation` gives the exact additive contribution of
every feature to the calibrated logit: word n-grams (with their offsets in the *redacted*
model text) and named signals (with the spans of the parsed text they were computed
from). This module turns them into passages a reviewer can read:

* an n-gram's occurrences are mapped back to the parsed text
  (:meth:`~screening.features.RedactedText.to_original`; an occurrence touching a redacted
  span has no original and is dropped) and its contribution is shared equally among them;
* each occurrence belongs to a *passage*: the bullet point holding it, else its line,
  trimmed so that it never includes a personal-data span;
* a passage's weight is the sum of the contributions it holds; a signal is one item
  whose weight is its contribution, whose ``spans`` are its sources and whose passage is
  the bullet or line of its first source (a reviewer reads "Won the regional sales award
  for new accounts", not "award" alone).

Items are ordered strongest first: those that raised the probability, then those that
lowered it. Hidden text is never in the parsed text, so it is never evidence.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

from screening.features import REDACTED_KINDS, RedactedText, ResumeFeatures, Signal
from screening.model import Explanation
from screening.parsing.model import ParsedResume
from screening.schema import EvidenceItem, SpanRef

#: Digits in a weight: enough to rank, few enough that float noise never changes output.
WEIGHT_DIGITS = 6
_TRIM = " \t\n•·-–—:;,|"
_NEWLINE = re.compile("\n")


@dataclass
class _Passage:
    start: int
    end: int
    weight: float = 0.0
    features: dict[str, float] = field(default_factory=dict)


def _protected(parsed: ParsedResume) -> list[tuple[int, int]]:
    return sorted((p.start, p.end) for p in parsed.pii if p.kind in REDACTED_KINDS)


class PassageIndex:
    """The passages of one parsed résumé (bullets, else lines), for many lookups.

    Build it once per résumé and pass it to :func:`label_evidence` for every label: the
    passages and quoted spans it finds are remembered for the other labels.
    """

    def __init__(self, parsed: ParsedResume) -> None:
        self.parsed = parsed
        self.protected = _protected(parsed)
        self.bullets = sorted((b.start, b.end) for p in parsed.positions for b in p.bullets)
        self._bullet_starts = [b[0] for b in self.bullets]
        text = parsed.text
        self._newlines = [m.start() for m in _NEWLINE.finditer(text)]
        self._memo: dict[tuple[int, int], tuple[int, int]] = {}
        self._refs: dict[tuple[int, int], SpanRef] = {}
        self._sources: dict[str, tuple[Signal, list[tuple[int, int]]]] = {}
        self._occurrences: dict[tuple[tuple[int, int], ...], list[tuple[int, int]]] = {}
        self._occurrences_of: RedactedText | None = None
        self._protected_starts = [s for s, _ in self.protected]
        self._reach: list[int] = []  # the furthest end among protected spans [0..i]
        for _, end in self.protected:
            self._reach.append(max(end, self._reach[-1]) if self._reach else end)

    def overlaps(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` touches a protected (personal-data) span."""
        i = bisect_left(self._protected_starts, end)  # spans starting before ``end``
        return i > 0 and self._reach[i - 1] > start

    def bounds(self, start: int, end: int) -> tuple[int, int]:
        """The passage around ``[start, end)``: its bullet point, else its line, without any
        protected (personal-data) span and without leading or trailing separators."""
        key = (start, end)
        found = self._memo.get(key)
        if found is None:
            found = self._memo[key] = self._bounds(start, end)
        return found

    def sources(self, signal: Signal) -> list[tuple[int, int]]:
        """The spans a signal was computed from that can be quoted (not empty, no personal data)."""
        found = self._sources.get(signal.name)
        if found is None or found[0] is not signal:
            spans = [
                (s.start, s.end)
                for s in signal.spans
                if s.end > s.start and not self.overlaps(s.start, s.end)
            ]
            found = self._sources[signal.name] = (signal, spans)
        return found[1]

    def occurrences(self, text: RedactedText, spans: tuple[tuple[int, int], ...]) -> list[tuple[int, int]]:
        """The passages of an n-gram's occurrences (``spans`` of the redacted ``text``), one per
        occurrence that maps back to the parsed text without touching personal data."""
        if text is not self._occurrences_of:
            self._occurrences_of = text
            self._occurrences.clear()
        found = self._occurrences.get(spans)
        if found is None:
            found = []
            to_original = text.to_original
            for s, e in spans:
                o = to_original(s, e)
                if o is not None and not self.overlaps(o[0], o[1]):
                    found.append(self.bounds(o[0], o[1]))
            self._occurrences[spans] = found
        return found

    def span_ref(self, start: int, end: int) -> SpanRef:
        """The quote of ``[start, end)``: its text and page."""
        key = (start, end)
        ref = self._refs.get(key)
        if ref is None:
            parsed = self.parsed
            ref = self._refs[key] = SpanRef(
                text=parsed.text[start:end], start=start, end=end, page=parsed.page_of(start)
            )
        return ref

    def _bounds(self, start: int, end: int) -> tuple[int, int]:
        text = self.parsed.text
        i = bisect_right(self._bullet_starts, start) - 1
        if i >= 0 and self.bullets[i][0] <= start and end <= self.bullets[i][1]:
            lo, hi = self.bullets[i]
        else:
            j = bisect_left(self._newlines, start)
            lo = self._newlines[j - 1] + 1 if j > 0 else 0
            k = bisect_left(self._newlines, end)
            hi = self._newlines[k] if k < len(self._newlines) else len(text)
        for p_start, p_end in self.protected:
            if lo < p_end <= start:
                lo = p_end
            elif end <= p_start < hi:
                hi = p_start
        while lo < start and text[lo] in _TRIM:
            lo += 1
        while hi > end and text[hi - 1] in _TRIM:
            hi -= 1
        return lo, hi


def label_evidence(
    parsed: ParsedResume,
    features: ResumeFeatures,
    explanation: Explanation,
    *,
    raised: int = 5,
    lowered: int = 3,
    passages_of: PassageIndex | None = None,
) -> list[EvidenceItem]:
    """The passages and signals that moved one label most (``raised`` up, ``lowered`` down).

    ``explanation`` must be the model's explanation of ``features`` (of ``parsed``) and
    list enough features of each sign (``model.explain(x, top=...)``); ``passages_of`` is
    ``PassageIndex(parsed)``, built here when not given.
    """
    index = passages_of if passages_of is not None else PassageIndex(parsed)
    by_signal = {s.name: s for s in features.signals}
    passages: dict[tuple[int, int], _Passage] = {}
    # Candidates as (weight, start, feature, build): only the kept ones are built.
    candidates: list[tuple[float, int, str, Callable[[], EvidenceItem]]] = []
    for ev in (*explanation.positive, *explanation.negative):
        if ev.is_signal:
            if ev.spans:  # a line scorer's line, in the model text as an n-gram's spans are
                sources = index.occurrences(features.text, ev.spans)
            else:
                signal = by_signal.get(ev.feature.removeprefix("sig:"))
                sources = index.sources(signal) if signal else []
            if not sources:
                continue  # a signal with no source text (e.g. "no awards") cites nothing
            weight = round(ev.contribution, WEIGHT_DIGITS)
            candidates.append(
                (
                    weight,
                    sources[0][0],
                    ev.feature,
                    partial(_signal_item, index, ev.feature, weight, sources),
                )
            )
            continue
        occurrences = index.occurrences(features.text, ev.spans)
        if not occurrences:
            continue
        share = ev.contribution / len(occurrences)
        feature = ev.feature
        for bounds in occurrences:
            passage = passages.get(bounds)
            if passage is None:
                passage = passages[bounds] = _Passage(*bounds)
            passage.weight += share
            passage.features[feature] = passage.features.get(feature, 0.0) + share
    for p in passages.values():
        weight = round(p.weight, WEIGHT_DIGITS)
        found = p.features
        top = next(iter(found)) if len(found) == 1 else min(found, key=lambda f: (-abs(found[f]), f))
        candidates.append((weight, p.start, top, partial(_passage_item, index, p, weight)))
    up = sorted((c for c in candidates if c[0] > 0), key=lambda c: (-c[0], c[1], c[2]))[:raised]
    down = sorted((c for c in candidates if c[0] < 0), key=lambda c: (c[0], c[1], c[2]))[:lowered]
    return [build() for *_, build in (*up, *down)]


def _signal_item(
    index: PassageIndex, feature: str, weight: float, sources: list[tuple[int, int]]
) -> EvidenceItem:
    spans = [index.span_ref(start, end) for start, end in sources]
    passage = index.span_ref(*index.bounds(*sources[0]))
    return EvidenceItem(
        text=passage.text,
        start=passage.start,
        end=passage.end,
        page=passage.page,
        weight=weight,
        feature=feature,
        features=[feature],
        spans=spans,
    )


def _passage_item(index: PassageIndex, p: _Passage, weight: float) -> EvidenceItem:
    names = sorted(p.features, key=lambda f: (-abs(p.features[f]), f))
    ref = index.span_ref(p.start, p.end)
    return EvidenceItem(
        text=ref.text,
        start=p.start,
        end=p.end,
        page=ref.page,
        weight=weight,
        feature=names[0],
        features=names,
    )
