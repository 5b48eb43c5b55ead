"""What the recruiter pages show, computed from stored results (no FastAPI, no templates).

* :func:`masked_spans` and :func:`segments` turn a parsed résumé into text segments: plain,
  evidence (with its weight and feature) or masked (an identity span in blind review).
* :func:`shortlist_rows` orders and filters a screening's candidates for the ranked table.

Blind review masks every detected identity span (names, contact details, addresses, dates of
birth, ...), and every other place where a detected name occurs again (a footer, an e-mail
signature), until a decision on the candidate has been recorded.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from screening.parsing.model import ParsedResume
from screening.schema import LABEL_NAMES, CandidateResult, EvidenceItem

BACKGROUND_LABELS: tuple[str, ...] = ("tradfi", "web2", "web3")
AHA_LABELS: tuple[str, ...] = ("adaptable", "high_potential", "ambitious")
LABEL_TITLES: dict[str, str] = {
    "tradfi": "TradFi",
    "web2": "Web2",
    "web3": "Web3",
    "adaptable": "Adaptable",
    "high_potential": "High potential",
    "ambitious": "Ambitious",
}
DECISIONS: tuple[str, ...] = ("advance", "hold", "reject")
#: Sort keys of the shortlist: rank, fit score, a label's probability, or the decision.
SORT_KEYS: tuple[str, ...] = ("rank", "fit", *LABEL_NAMES, "decision")
#: Decision filters of the shortlist (``none``: no decision yet).
DECISION_FILTERS: tuple[str, ...] = ("all", "none", *DECISIONS)
#: Shown in place of a masked identity span.
MASK = "█████"


@dataclass(frozen=True)
class Segment:
    """A stretch of the résumé text as shown: ``kind`` says how."""

    text: str
    kind: Literal["plain", "evidence", "masked"]
    weight: float = 0.0
    feature: str = ""
    #: 1-based position of the evidence item in the label's list (for the legend).
    index: int = 0


def _merge(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(s for s in spans if s[1] > s[0]):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def masked_spans(parsed: ParsedResume) -> list[tuple[int, int]]:
    """Every stretch of ``parsed.text`` that blind review hides, merged and sorted.

    The detected identity spans, plus each further occurrence of a detected name (and of each
    of its words of 3+ letters, so "Chen" in "Chen's portfolio" is hidden too).
    """
    text = parsed.text
    spans = [(p.start, p.end) for p in parsed.pii if 0 <= p.start < p.end <= len(text)]
    words: set[str] = set()
    for p in parsed.pii:
        if p.kind == "name":
            name = text[p.start : p.end].strip()
            if name:
                words.add(name)
                words.update(w for w in re.findall(r"\w{3,}", name))
    for word in sorted(words, key=len, reverse=True):
        for m in re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", text, flags=re.IGNORECASE):
            spans.append((m.start(), m.end()))
    return _merge(spans)


def mask_text(text: str, spans: Sequence[tuple[int, int]], offset: int = 0) -> str:
    """``text`` (which starts at ``offset`` of the résumé) with the masked ``spans`` replaced."""
    out: list[str] = []
    pos = 0
    for start, end in spans:
        s, e = max(start - offset, 0), min(end - offset, len(text))
        if e <= s or s >= len(text):
            continue
        out.append(text[pos:s])
        out.append(MASK)
        pos = e
    out.append(text[pos:])
    return "".join(out)


def segments(text: str, evidence: Sequence[EvidenceItem], masked: Sequence[tuple[int, int]]) -> list[Segment]:
    """``text`` cut into plain, evidence and masked segments, in order, covering all of it.

    Masking wins over evidence (evidence never quotes identity spans, but a repeated name may
    sit inside a passage). Overlapping evidence passages keep the earlier-listed (stronger) one.
    """
    owner: list[int] = [0] * (len(text) + 1)  # 0: plain, -1: masked, k: evidence item k (1-based)
    for k, item in enumerate(evidence, start=1):
        for i in range(max(item.start, 0), min(item.end, len(text))):
            if owner[i] == 0:
                owner[i] = k
    for start, end in masked:
        for i in range(max(start, 0), min(end, len(text))):
            owner[i] = -1
    out: list[Segment] = []
    pos = 0
    while pos < len(text):
        kind_of = owner[pos]
        end = pos + 1
        while end < len(text) and owner[end] == kind_of:
            end += 1
        if kind_of == -1:
            out.append(Segment(MASK, "masked"))
        elif kind_of == 0:
            out.append(Segment(text[pos:end], "plain"))
        else:
            item = evidence[kind_of - 1]
            out.append(Segment(text[pos:end], "evidence", item.weight, item.feature, kind_of))
        pos = end
    return out


@dataclass(frozen=True)
class ShortlistRow:
    """One candidate of a screening as the ranked table shows it."""

    id: str
    rank: int | None
    file: str
    result: CandidateResult
    decision: str | None

    def probability(self, label: str) -> float:
        score = self.result.labels.get(label)
        return score.probability if score is not None else 0.0


def display_name(file: str | None, rank: int | None, position: int, *, masked: bool) -> str:
    """What a row calls the candidate: the file name, or in blind review a neutral label (file
    names often carry the candidate's name)."""
    if masked or not file:
        return f"Candidate {rank}" if rank is not None else f"Unranked candidate {position}"
    return file


def sort_rows(rows: Sequence[ShortlistRow], key: str, *, descending: bool) -> list[ShortlistRow]:
    """Rows ordered by ``key`` (see :data:`SORT_KEYS`); ties by rank then id, so the order is
    deterministic. Raises ``ValueError`` for an unknown key."""
    if key not in SORT_KEYS:
        raise ValueError(f"unknown sort key {key!r}")

    def value(row: ShortlistRow) -> float | str:
        if key == "rank":
            return row.rank if row.rank is not None else 10**9
        if key == "fit":
            return row.result.fit.score if row.result.fit is not None else -1.0
        if key == "decision":
            return row.decision or ""
        return row.probability(key)

    tie = sorted(rows, key=lambda r: (r.rank if r.rank is not None else 10**9, r.id))
    return sorted(tie, key=value, reverse=descending)


def filter_rows(rows: Sequence[ShortlistRow], decision: str) -> list[ShortlistRow]:
    """Rows whose latest decision is ``decision`` (``all``: every row; ``none``: undecided)."""
    if decision not in DECISION_FILTERS:
        raise ValueError(f"unknown decision filter {decision!r}")
    if decision == "all":
        return list(rows)
    if decision == "none":
        return [r for r in rows if r.decision is None]
    return [r for r in rows if r.decision == decision]
