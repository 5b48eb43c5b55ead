"""Field-level precision and recall of the parser against rendered résumés' ground truth.

Sections are compared as (canonical name, printed heading) pairs; positions are aligned
in printed order and compared field by field: ``title``, ``employer``, ``location``
(group *positions*) and ``start_date``, ``end_date`` (group *dates*). Values are compared
after case folding and whitespace/punctuation trimming. A predicted field that is set
but wrong counts against precision; a true field that is missing or wrong counts
against recall.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from screening.lexicons import heading_key
from screening.parsing.model import ParsedResume

POSITION_FIELDS = ("title", "employer", "location")
DATE_FIELDS = ("start_date", "end_date")
GROUPS = {"sections": ("section",), "positions": POSITION_FIELDS, "dates": DATE_FIELDS}


def _norm(value: Any) -> str | None:
    if value is None:
        return None
    # The parser's text is NFKC-normalised (full-width punctuation folded): compare likewise.
    text = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", str(value))).strip(" ,.;:|-–—").casefold()
    return text or None


@dataclass
class FieldCounts:
    tp: int = 0
    predicted: int = 0
    expected: int = 0

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.tp / self.expected if self.expected else 1.0


@dataclass
class ParseScores:
    fields: dict[str, FieldCounts] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    def add(self, name: str, predicted: str | None, expected: str | None) -> None:
        counts = self.fields.setdefault(name, FieldCounts())
        counts.predicted += predicted is not None
        counts.expected += expected is not None
        counts.tp += predicted is not None and predicted == expected

    def group(self, name: str) -> FieldCounts:
        total = FieldCounts()
        for f in GROUPS[name]:
            c = self.fields.get(f, FieldCounts())
            total.tp += c.tp
            total.predicted += c.predicted
            total.expected += c.expected
        return total


def _align(
    truth: list[Mapping[str, Any]], predicted: list[dict[str, Any]]
) -> list[tuple[int | None, int | None]]:
    """Align two position lists in order, pairing positions whose dates or title agree."""

    def similar(t: Mapping[str, Any], p: Mapping[str, Any]) -> int:
        score = 0
        for f in (*DATE_FIELDS, *POSITION_FIELDS):
            if _norm(t.get(f)) is not None and _norm(t.get(f)) == _norm(p.get(f)):
                score += 1
        return score

    n, m = len(truth), len(predicted)
    # Needleman-Wunsch style: maximise total similarity, gaps cost nothing.
    best = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            s = similar(truth[i], predicted[j])
            best[i][j] = max(best[i + 1][j], best[i][j + 1], best[i + 1][j + 1] + s if s > 0 else -1)
    pairs: list[tuple[int | None, int | None]] = []
    i = j = 0
    while i < n and j < m:
        s = similar(truth[i], predicted[j])
        if s > 0 and best[i][j] == best[i + 1][j + 1] + s:
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            pairs.append((i, None))
            i += 1
        else:
            pairs.append((None, j))
            j += 1
    pairs.extend((k, None) for k in range(i, n))
    pairs.extend((None, k) for k in range(j, m))
    return pairs


def score_parse(truth: Mapping[str, Any], parsed: ParsedResume, scores: ParseScores, rid: str = "") -> None:
    """Add one résumé's comparison to ``scores``."""
    expected_sections = Counter((s["name"], heading_key(s["heading"])) for s in truth.get("sections", []))
    found_sections = Counter((s.name, heading_key(s.heading)) for s in parsed.sections)
    counts = scores.fields.setdefault("section", FieldCounts())
    counts.tp += sum((expected_sections & found_sections).values())
    counts.predicted += sum(found_sections.values())
    counts.expected += sum(expected_sections.values())
    if expected_sections != found_sections:
        scores.errors.append(
            f"{rid} sections: missing {dict(expected_sections - found_sections)} "
            f"extra {dict(found_sections - expected_sections)}"
        )
    predicted = [p.model_dump() for p in parsed.positions]
    true_positions = list(truth.get("positions", []))
    for ti, pi in _align(true_positions, predicted):
        t = true_positions[ti] if ti is not None else {}
        p = predicted[pi] if pi is not None else {}
        for f in (*POSITION_FIELDS, *DATE_FIELDS):
            pv, tv = _norm(p.get(f)), _norm(t.get(f))
            scores.add(f, pv, tv)
            if pv != tv:
                scores.errors.append(f"{rid} {f}: expected {tv!r} got {pv!r}")


def summarise(scores: ParseScores) -> dict[str, dict[str, float]]:
    """Precision and recall per group and per field."""
    out: dict[str, dict[str, float]] = {}
    for name in GROUPS:
        g = scores.group(name)
        out[name] = {"precision": round(g.precision, 4), "recall": round(g.recall, 4), "support": g.expected}
    for name, c in scores.fields.items():
        out[f"field:{name}"] = {
            "precision": round(c.precision, 4),
            "recall": round(c.recall, 4),
            "support": c.expected,
        }
    return out


def evaluate(pairs: Iterable[tuple[str, Mapping[str, Any], ParsedResume]]) -> ParseScores:
    """Score ``(id, truth, parsed)`` triples."""
    scores = ParseScores()
    for rid, truth, parsed in pairs:
        score_parse(truth, parsed, scores, rid)
    return scores
