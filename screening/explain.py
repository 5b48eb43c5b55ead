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
  whose weight is its contribution and whose ``spans`` are its sources.

Items are ordered strongest first: those that raised the probability, then those that
lowered it. Hidden text is never in the parsed text, so it is never evidence.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

from screening.features import REDACTED_KINDS, ResumeFeatures
from screening.model import Explanation
from screening.parsing.model import ParsedResume
from screening.schema import EvidenceItem, SpanRef

#: Digits in a weight: enough to rank, few enough that float noise never changes output.
WEIGHT_DIGITS = 6
_TRIM = " \t\n•·-–—:;,|"


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

    Build it once per résumé and pass it to :func:`label_evidence` for every label.
    """

    def __init__(self, parsed: ParsedResume) -> None:
        self.parsed = parsed
        self.protected = _protected(parsed)
        self.bullets = sorted((b.start, b.end) for p in parsed.positions for b in p.bullets)
        self._bullet_starts = [b[0] for b in self.bullets]
        text = parsed.text
        self._newlines = [i for i, ch in enumerate(text) if ch == "\n"]
        self._memo: dict[tuple[int, int], tuple[int, int]] = {}
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


def _span_ref(parsed: ParsedResume, start: int, end: int) -> SpanRef:
    return SpanRef(text=parsed.text[start:end], start=start, end=end, page=parsed.page_of(start))


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
            signal = by_signal.get(ev.feature.removeprefix("sig:"))
            sources = [
                (s.start, s.end)
                for s in (signal.spans if signal else ())
                if s.end > s.start and not index.overlaps(s.start, s.end)
            ]
            if not sources:
                continue  # a signal with no source text (e.g. "no awards") cites nothing
            weight = round(ev.contribution, WEIGHT_DIGITS)
            candidates.append(
                (
                    weight,
                    sources[0][0],
                    ev.feature,
                    partial(_signal_item, parsed, ev.feature, weight, sources),
                )
            )
            continue
        originals = [o for o in (features.text.to_original(s, e) for s, e in ev.spans) if o is not None]
        originals = [o for o in originals if not index.overlaps(o[0], o[1])]
        if not originals:
            continue
        share = ev.contribution / len(originals)
        for start, end in originals:
            bounds = index.bounds(start, end)
            passage = passages.setdefault(bounds, _Passage(*bounds))
            passage.weight += share
            passage.features[ev.feature] = passage.features.get(ev.feature, 0.0) + share
    for p in passages.values():
        weight = round(p.weight, WEIGHT_DIGITS)
        top = min(p.features, key=lambda f: (-abs(p.features[f]), f))
        candidates.append((weight, p.start, top, partial(_passage_item, parsed, p, weight)))
    up = sorted((c for c in candidates if c[0] > 0), key=lambda c: (-c[0], c[1], c[2]))[:raised]
    down = sorted((c for c in candidates if c[0] < 0), key=lambda c: (c[0], c[1], c[2]))[:lowered]
    return [build() for *_, build in (*up, *down)]


def _signal_item(
    parsed: ParsedResume, feature: str, weight: float, sources: list[tuple[int, int]]
) -> EvidenceItem:
    spans = [_span_ref(parsed, start, end) for start, end in sources]
    first = spans[0]
    return EvidenceItem(
        text=first.text,
        start=first.start,
        end=first.end,
        page=first.page,
        weight=weight,
        feature=feature,
        features=[feature],
        spans=spans,
    )


def _passage_item(parsed: ParsedResume, p: _Passage, weight: float) -> EvidenceItem:
    names = sorted(p.features, key=lambda f: (-abs(p.features[f]), f))
    return EvidenceItem(
        text=parsed.text[p.start : p.end],
        start=p.start,
        end=p.end,
        page=parsed.page_of(p.start),
        weight=weight,
        feature=names[0],
        features=names,
    )
