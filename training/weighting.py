"""Sample weights of training rows: how much each origin or data file, and each language, counts.

- :func:`source_weights`: every group of rows carries the same total weight, so a few
  hundred real résumés are not drowned by thousands of generated ones. The spec's
  ``source_weighting`` names the groups (:func:`weighting_group`): ``origin``, generated and
  real résumés; ``balanced``, each ``--data`` file.
- :func:`language_weights`: within every language, a label's positives weigh the share they
  weigh overall, so that no language carries the label's prior.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt


def weighting_group(extras: Mapping[str, Any], weighting: str) -> str:
    """The group whose total weight a row shares (:func:`source_weights`): for ``origin``, the
    row's origin (``generated`` or ``real``), so that every real résumé weighs the same
    whichever file holds it (a file of 90 hand-written résumés does not weigh as much as 300
    annotated ones); else its data file."""
    return str(extras.get("origin" if weighting == "origin" else "source_file", ""))


def source_weights(groups: Sequence[str], weighting: str) -> np.ndarray:
    """Per-row sample weights: all 1 for ``none``; otherwise each group (``groups``: a row's
    :func:`weighting_group`) carries the same total weight (a small real set is not drowned
    by a large generated one), scaled to a mean of 1."""
    n = len(groups)
    if weighting == "none" or n == 0:
        return np.ones(n)
    counts = Counter(groups)
    w = np.array([n / (len(counts) * counts[g]) for g in groups], dtype=np.float64)
    out: np.ndarray = w / w.mean()
    return out


def language_of(extras: Mapping[str, Any]) -> str:
    """A résumé's language for :func:`language_weights`: the record's ``lang``, else the
    parser's (``training.examples`` fills it), ``""`` when neither is known."""
    return str(extras.get("lang") or "")


def language_weights(
    ys: Sequence[int] | npt.ArrayLike, languages: Sequence[str], weights: npt.ArrayLike | None = None
) -> npt.NDArray[np.float64]:
    """Per row, a factor for its weight (``weights``, default 1) that gives every language
    the same share of positives: within each language, positives and negatives are weighed
    so that positives make up the (weighted) share they make of all rows, and the language
    keeps its total weight. A language whose examples happen to be mostly positives (the few
    Chinese résumés of the real sets are mostly Web3) then teaches its specific phrases, not
    that anything written in it is evidence; a language with one class only keeps factor 1."""
    y = np.asarray(ys, dtype=np.float64)
    w = np.ones(len(y)) if weights is None else np.asarray(weights, dtype=np.float64)
    out = np.ones(len(y))
    if not len(y) or w.sum() <= 0:
        return out
    share = float(np.dot(w, y) / w.sum())
    language = np.asarray(languages, dtype=object)
    for value in set(language.tolist()):
        mine = language == value
        total = float(w[mine].sum())
        own = float(np.dot(w[mine], y[mine]) / total) if total > 0 else 0.0
        if 0.0 < own < 1.0:
            out[mine] = np.where(y[mine] == 1, share / own, (1.0 - share) / (1.0 - own))
    return out
