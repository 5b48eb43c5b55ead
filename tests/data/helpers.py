"""Builders of small labelled-résumé files for the data tests."""

from __future__ import annotations

import json
import random
from collections.abc import Sequence
from pathlib import Path
from typing import Any

_VOCABULARY = [f"{a}{b}{c}" for a in "bcdfghjklm" for b in "aeiou" for c in "nprstvxz"] + [
    f"{a}{b}" for a in "npqrstvwyz" for b in "aeiouy"
]


#: A short, readable résumé for tests that need one real PDF.
RESUME_LINES = [
    "Jane Doe",
    "Experience",
    "Senior Analyst, Example Bank, London, 2019 - 2021",
    "Reconciled the general ledger across four business units every month",
    "Led the migration of the treasury reporting to a new platform on time",
    "Analyst, Example Insurance, Zurich, 2016 - 2019",
    "Built credit risk dashboards used by the underwriting committee",
    "Education",
    "BSc Economics, Example University, 2012 - 2016",
]


def write_jsonl(path: Path, rows: Sequence[dict[str, Any] | str]) -> Path:
    """Write rows (objects, or raw strings written as they are) as JSON lines."""
    path.write_text(
        "".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in rows),
        encoding="utf-8",
    )
    return path


def random_text(rng: random.Random, words: int = 120) -> str:
    """A résumé-length text of random words (two of them share almost no 5-gram)."""
    return " ".join(rng.choice(_VOCABULARY) for _ in range(words))


def change_words(text: str, every: int = 80) -> str:
    """``text`` with one word in ``every`` replaced, from the first.

    Each replaced word changes up to five 5-gram shingles: on a 120-word text the default
    changes 6 of 116, a near-duplicate (Jaccard ≈ 0.90).
    """
    toks = text.split()
    for i in range(0, len(toks), every):
        toks[i] = "changed"
    return " ".join(toks)


def synthetic_records(n: int, seed: int = 0) -> list[dict[str, Any]]:
    """``n`` text records with random labels, unknowns included, and unrelated texts."""
    rng = random.Random(seed)
    rows: list[dict[str, Any]] = []
    for i in range(n):
        row: dict[str, Any] = {"id": f"r{i:05d}", "text": random_text(rng)}
        if rng.random() < 0.8:
            row["background"] = [
                f for f, p in (("tradfi", 0.4), ("web2", 0.3), ("web3", 0.15)) if rng.random() < p
            ]
        else:
            row["background"] = None
        for name, p in (("adaptable", 0.5), ("high_potential", 0.3), ("ambitious", 0.15)):
            draw = rng.random()
            if draw < 0.25:
                continue  # a missing key: unknown
            row[name] = 1 if rng.random() < p else 0
        rows.append(row)
    return rows
