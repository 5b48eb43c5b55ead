"""A hand-made population with known audit tables, and the files that describe it.

100 candidates (sex, race_ethnicity, how many, how many selected):

=========  ==============  ===  ========
sex        race_ethnicity  n    selected
=========  ==============  ===  ========
female     Asian           20   10
female     Black           20   6
male       Asian           25   15
male       Black           25   10
male       Hispanic        1    1        (under 2 %: small)
female     (empty)         4    2
(empty)    Asian           3    1
(no demographics row)      2    1
=========  ==============  ===  ========
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

from screening.schema import LABEL_NAMES, CandidateResult, Fit, FitComponent, LabelScore, MustHave, Versions

CELLS: tuple[tuple[str | None, str | None, int, int], ...] = (
    ("female", "Asian", 20, 10),
    ("female", "Black", 20, 6),
    ("male", "Asian", 25, 15),
    ("male", "Black", 25, 10),
    ("male", "Hispanic", 1, 1),
    ("female", "", 4, 2),
    ("", "Asian", 3, 1),
    (None, None, 2, 1),  # None: no row in the demographics file
)
VERSIONS = Versions(background="screening-background/7", aha="screening-aha/4", parser="p1", taxonomy="t1")


def population() -> list[tuple[str, str | None, str | None, bool]]:
    """``(id, sex, race_ethnicity, selected)`` for the 100 candidates; sex None: no demographics row."""
    out = []
    for sex, race, n, selected in CELLS:
        for k in range(n):
            out.append((f"c{len(out):03d}", sex, race, k < selected))
    return out


def sha(cid: str) -> str:
    """A fake SHA-256 per candidate id (64 hex characters)."""
    return cid.encode().hex().ljust(64, "0")


def write_demographics(path: Path, *, key: str = "id", by_sha: bool = False) -> Path:
    """The demographics CSV of :func:`population` (candidates with sex None are left out)."""
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow([key, "sex", "race_ethnicity"])
        for cid, sex, race, _ in population():
            if sex is not None:
                writer.writerow([sha(cid) if by_sha else cid, sex, race])
    return path


def write_decisions(path: Path) -> Path:
    """Decisions for :func:`population`: each selected candidate's latest decision is ``advance``.

    Some candidates change their mind: c000 (selected) was first rejected, c011 (not selected,
    female Asian) was first advanced and then held. Times are given (``at``), out of file order.
    """
    rows: list[dict[str, str]] = []
    for i, (cid, _, _, selected) in enumerate(population()):
        rows.append(
            {
                "id": cid,
                "decision": "advance" if selected else "reject",
                "at": f"2026-03-02T10:{i % 60:02d}:00Z",
            }
        )
    rows.insert(0, {"id": "c000", "decision": "reject", "at": "2026-03-01T09:00:00Z"})
    rows.append({"id": "c011", "decision": "advance", "at": "2026-03-01T09:30:00Z"})  # earlier: overridden
    if path.suffix == ".jsonl":
        path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    else:
        with path.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=["id", "decision", "at"])
            writer.writeheader()
            writer.writerows(rows)
    return path


def result(cid: str, score: float | None, *, status: str = "scored") -> CandidateResult:
    """A batch-scoring result for a candidate whose file's SHA-256 is :func:`sha` of its id."""
    if status != "scored" or score is None:
        return CandidateResult(file=f"{cid}.pdf", sha256=sha(cid), status="needs_review", versions=VERSIONS)
    labels = {
        name: LabelScore(probability=round(score / 2, 6), predicted=score > 0.5, threshold=0.5, evidence=[])
        for name in LABEL_NAMES
    }
    fit = Fit(
        role="risk-analyst",
        score=score,
        components=[FitComponent(name="background", weight=1.0, value=score, contribution=score)],
        must_have=MustHave(met=[], missing=[]),
    )
    return CandidateResult(
        file=f"{cid}.pdf", sha256=sha(cid), status="scored", labels=labels, fit=fit, versions=VERSIONS
    )


def scored_population() -> list[CandidateResult]:
    """Results whose fit score is above the median exactly for the selected candidates.

    Selected candidates score 0.9, the others 0.2 or, for six of them, exactly the median
    (0.5): ties at the median are not above it. Two more rows were not scored.
    """
    people = population()
    out = []
    ties = 0
    for cid, _, _, selected in people:
        if selected:
            out.append(result(cid, 0.9))
        elif ties < 6:
            out.append(result(cid, 0.5))
            ties += 1
        else:
            out.append(result(cid, 0.2))
    out.append(result("x-review", None, status="needs_review"))
    out.append(result("x-review2", None, status="needs_review"))
    return out
