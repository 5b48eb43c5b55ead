"""Evaluation metrics per label, per slice, threshold choice and flattening for MLflow.

Pure functions over NumPy arrays: nothing here logs, reads or writes. Every function copes with
degenerate input (no positives, one class, an empty slice) by returning NaN where a metric is
undefined, never by raising or warning (the test suite turns warnings into errors).

Conventions:

* ``y`` is a matrix ``(n_records, n_labels)`` of 0/1 with NaN for "unknown"; unknown cells are
  left out of that label's metrics (``mask_unknown=True``) or counted as negatives.
* ``proba`` is the matching matrix of calibrated probabilities of the positive class.
* A record is predicted positive when ``proba >= threshold``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray
from sklearn.metrics import average_precision_score, roc_auc_score

#: Number of equal-width bins of the expected calibration error.
ECE_BINS = 10
#: Fewer known positives than this and :func:`choose_threshold` keeps 0.5.
MIN_POSITIVES_FOR_THRESHOLD = 5
#: Bootstrap draws behind the F1 intervals that training and evaluation report.
BOOTSTRAP_DRAWS = 1000
#: Fewer known records than this give no interval (a percentile bootstrap of a handful of
#: records is narrow for no reason: two correct records give [1, 1]).
MIN_BOOTSTRAP_RECORDS = 10
#: Draws handled at once (memory: a few arrays of this many rows by the records).
_BOOTSTRAP_CHUNK = 100
#: Key of the macro-averaged F1 in :func:`evaluate_labels`' result.
MACRO_F1 = "macro_f1"

_NAN = float("nan")
_UNSAFE = re.compile(r"[^A-Za-z0-9_\-. /]")


def _as_1d(values: ArrayLike) -> NDArray[np.float64]:
    return np.asarray(values, dtype=np.float64).reshape(-1)


def expected_calibration_error(y_true: ArrayLike, proba: ArrayLike, n_bins: int = ECE_BINS) -> float:
    """ECE over ``n_bins`` equal-width bins of [0, 1], each weighted by its share of records.

    ``sum_b n_b / n * |mean(y in b) - mean(p in b)|``; a probability of exactly 1.0 falls in the
    last bin. NaN for no records.
    """
    y = _as_1d(y_true)
    p = _as_1d(proba)
    if y.size == 0:
        return _NAN
    bins = np.minimum((np.clip(p, 0.0, 1.0) * n_bins).astype(np.int64), n_bins - 1)
    total = 0.0
    for b in range(n_bins):
        in_bin = bins == b
        count = int(in_bin.sum())
        if count:
            total += count / y.size * abs(float(y[in_bin].mean()) - float(p[in_bin].mean()))
    return total


def label_metrics(y_true: ArrayLike, proba: ArrayLike, threshold: float) -> dict[str, float]:
    """Metrics of one binary label: precision, recall, F1, ROC-AUC, PR-AUC, Brier, ECE, counts.

    ``y_true`` must be 0/1 (no NaN; see :func:`evaluate_labels` for masking). Precision, recall
    and F1 are 0.0 when their denominator is 0; ``roc_auc`` and ``pr_auc`` (average precision)
    are NaN unless both classes are present; everything but the counts is NaN for no records.
    """
    y = _as_1d(y_true)
    p = _as_1d(proba)
    if y.shape != p.shape:
        raise ValueError(f"y_true has {y.size} values, proba {p.size}")
    n = int(y.size)
    positives = int((y == 1).sum())
    if n == 0:
        return {
            "precision": _NAN,
            "recall": _NAN,
            "f1": _NAN,
            "roc_auc": _NAN,
            "pr_auc": _NAN,
            "brier": _NAN,
            "ece": _NAN,
            "support": 0.0,
            "positives": 0.0,
        }
    pred = p >= threshold
    truth = y == 1
    tp = int((pred & truth).sum())
    fp = int((pred & ~truth).sum())
    fn = int((~pred & truth).sum())
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0
    both = 0 < positives < n
    return {
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "roc_auc": float(roc_auc_score(truth, p)) if both else _NAN,
        "pr_auc": float(average_precision_score(truth, p)) if both else _NAN,
        "brier": float(np.mean((p - y) ** 2)),
        "ece": expected_calibration_error(y, p),
        "support": float(n),
        "positives": float(positives),
    }


def _threshold_of(thresholds: Mapping[str, float] | Sequence[float], labels: Sequence[str], j: int) -> float:
    if isinstance(thresholds, Mapping):
        return float(thresholds.get(labels[j], 0.5))
    return float(thresholds[j])


def _matrix(values: ArrayLike, n_labels: int) -> NDArray[np.float64]:
    m = np.asarray(values, dtype=np.float64)
    if m.ndim == 1 and n_labels == 1:
        m = m.reshape(-1, 1)
    if m.ndim != 2 or m.shape[1] != n_labels:
        raise ValueError(f"expected a matrix with {n_labels} columns, got shape {m.shape}")
    return m


def _label_matrices(
    y: ArrayLike, proba: ArrayLike, labels: Sequence[str]
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """``y`` and ``proba`` as matrices of one column per label, of the same shape."""
    ym = _matrix(y, len(labels))
    pm = _matrix(proba, len(labels))
    if ym.shape != pm.shape:
        raise ValueError(f"y has shape {ym.shape}, proba {pm.shape}")
    return ym, pm


def evaluate_labels(
    y: ArrayLike,
    proba: ArrayLike,
    thresholds: Mapping[str, float] | Sequence[float],
    labels: Sequence[str],
    mask_unknown: bool = True,
    n_boot: int = 0,
) -> dict[str, Any]:
    """:func:`label_metrics` for every label, plus ``macro_f1`` and the record count ``n``.

    Returns ``{label: {metric: value}, ..., "macro_f1": float, "n": float}``. Unknown (NaN)
    cells of ``y`` are excluded from their label (``mask_unknown``) or counted as negatives.
    ``macro_f1`` averages F1 over the labels with at least one positive record (NaN if none);
    ``labelled`` counts the records with at least one known label.
    ``thresholds`` maps label to threshold (missing: 0.5) or lists them in label order.
    With ``n_boot`` > 0 (and unknowns masked), each label also gets ``f1_ci_low`` and
    ``f1_ci_high``, and the result ``macro_f1_ci_low`` and ``macro_f1_ci_high``: the 95 %
    bootstrap interval of :func:`f1_intervals`.
    """
    ym, pm = _label_matrices(y, proba, labels)
    out: dict[str, Any] = {}
    f1s: list[float] = []
    for j, label in enumerate(labels):
        col = ym[:, j]
        known = ~np.isnan(col)
        if mask_unknown:
            yt, pt = col[known], pm[known, j]
        else:
            yt, pt = np.where(known, col, 0.0), pm[:, j]
        m = label_metrics(yt, pt, _threshold_of(thresholds, labels, j))
        out[label] = m
        if m["positives"] > 0:  # F1 is undefined for a label with no positive record
            f1s.append(m["f1"])
    out[MACRO_F1] = float(np.mean(f1s)) if f1s else _NAN
    out["n"] = float(ym.shape[0])
    out["labelled"] = float((~np.isnan(ym)).any(axis=1).sum()) if mask_unknown else float(ym.shape[0])
    if n_boot > 0 and mask_unknown:
        intervals = f1_intervals(ym, pm, thresholds, labels, n_boot=n_boot)
        for label in labels:
            out[label]["f1_ci_low"], out[label]["f1_ci_high"] = intervals[label]
        out[f"{MACRO_F1}_ci_low"], out[f"{MACRO_F1}_ci_high"] = intervals[MACRO_F1]
    return out


def interval_of(metrics: Mapping[str, Any], key: str) -> tuple[float, float] | None:
    """The bootstrap interval recorded for ``key`` in ``metrics`` (``<key>_ci_low`` and
    ``<key>_ci_high``, as :func:`evaluate_labels` stores them), or None when there is none."""
    low, high = metrics.get(f"{key}_ci_low"), metrics.get(f"{key}_ci_high")
    if not isinstance(low, float) or not isinstance(high, float) or math.isnan(low) or math.isnan(high):
        return None
    return low, high


def f1_intervals(
    y: ArrayLike,
    proba: ArrayLike,
    thresholds: Mapping[str, float] | Sequence[float],
    labels: Sequence[str],
    *,
    n_boot: int = 1000,
    level: float = 0.95,
    seed: int = 0,
) -> dict[str, tuple[float, float]]:
    """Percentile-bootstrap intervals of each label's F1 and of macro-F1.

    The records are drawn with replacement ``n_boot`` times (the same draws for every
    label, so the macro interval accounts for labels moving together); in each draw, F1 is
    computed as :func:`evaluate_labels` does (unknown cells left out; a label with no
    positive record in a draw has no F1 there, so its interval is that of the draws with a
    positive, and macro-F1 averages the labels that have one). Returns
    ``{label: (low, high), ..., "macro_f1": (low, high)}`` at ``level``; NaN for a label
    with fewer than :data:`MIN_BOOTSTRAP_RECORDS` known records or no draw with a positive
    (and for macro-F1 when no label has an interval). Deterministic for a ``seed``. A small
    held-out set (tens of real résumés) gives wide intervals: they say how far its figures
    can be trusted.
    """
    if not 0.0 < level < 1.0:
        raise ValueError(f"level must be in (0, 1), got {level}")
    ym, pm = _label_matrices(y, proba, labels)
    n = ym.shape[0]
    tails = (100 * (1 - level) / 2, 100 * (1 + level) / 2)
    nan = (_NAN, _NAN)
    enough = (~np.isnan(ym)).sum(axis=0) >= MIN_BOOTSTRAP_RECORDS
    if n == 0 or n_boot <= 0 or not enough.any():
        return {**dict.fromkeys(labels, nan), MACRO_F1: nan}
    rng = np.random.default_rng(seed)
    per_label = np.full((n_boot, len(labels)), np.nan)
    predicted = np.column_stack(
        [pm[:, j] >= _threshold_of(thresholds, labels, j) for j in range(len(labels))]
    )
    for first in range(0, n_boot, _BOOTSTRAP_CHUNK):
        draws = rng.integers(0, n, size=(min(_BOOTSTRAP_CHUNK, n_boot - first), n))
        for col_index in np.flatnonzero(enough):
            col = ym[draws, col_index]
            known = ~np.isnan(col)
            truth = known & (col == 1)
            pred = known & predicted[draws, col_index]
            tp = (truth & pred).sum(axis=1)
            wrong = (pred & ~truth).sum(axis=1) + (truth & ~pred).sum(axis=1)
            positives = truth.sum(axis=1)
            with np.errstate(invalid="ignore", divide="ignore"):
                per_label[first : first + len(draws), col_index] = np.where(
                    positives > 0, 2 * tp / (2 * tp + wrong), np.nan
                )
    out: dict[str, tuple[float, float]] = {}

    def interval(values: NDArray[np.float64]) -> tuple[float, float]:
        values = values[~np.isnan(values)]
        if values.size == 0:
            return nan
        low, high = np.percentile(values, tails)
        return float(low), float(high)

    for j, label in enumerate(labels):
        out[label] = interval(per_label[:, j])
    has_any = ~np.isnan(per_label).all(axis=1)
    macro = np.full(n_boot, np.nan)
    macro[has_any] = np.nanmean(per_label[has_any], axis=1)
    out[MACRO_F1] = interval(macro)
    return out


def slice_metrics(
    y: ArrayLike,
    proba: ArrayLike,
    thresholds: Mapping[str, float] | Sequence[float],
    labels: Sequence[str],
    slices: Sequence[str | None],
    n_boot: int = 0,
) -> dict[str, dict[str, Any]]:
    """:func:`evaluate_labels` on each value of one slicing variable (source, language, layout).

    ``slices`` gives each record's value; None or "" become ``"unknown"``. Keys are sorted.
    ``n_boot``: as for :func:`evaluate_labels` (bootstrap intervals of F1 per slice).
    """
    ym = _matrix(y, len(labels))
    pm = _matrix(proba, len(labels))
    if len(slices) != ym.shape[0]:
        raise ValueError(f"{len(slices)} slice values for {ym.shape[0]} records")
    values = np.array([s if s else "unknown" for s in slices], dtype=object)
    return {
        str(v): evaluate_labels(ym[values == v], pm[values == v], thresholds, labels, n_boot=n_boot)
        for v in sorted(set(values.tolist()))
    }


def choose_threshold(y_true: ArrayLike, proba: ArrayLike, sample_weight: ArrayLike | None = None) -> float:
    """The threshold maximising F1 of ``proba >= t`` on held-out data.

    Candidates are the distinct probabilities and 0.5 itself; among candidates with the same
    F1 (to 1e-12) the one closest to 0.5 wins, so 0.5 is kept whenever it is optimal. NaN
    labels are ignored; with fewer than :data:`MIN_POSITIVES_FOR_THRESHOLD` positives, 0.5.
    With ``sample_weight``, F1 counts weighted examples (the weights training used).
    """
    y = _as_1d(y_true)
    p = _as_1d(proba)
    w = np.ones(len(y)) if sample_weight is None else _as_1d(sample_weight)
    keep = ~np.isnan(y)
    y, p, w = y[keep], p[keep], w[keep]
    truth = y == 1
    if int(truth.sum()) < MIN_POSITIVES_FOR_THRESHOLD:
        return 0.5
    # Sweep every candidate at once: sorted by probability, the examples at or above a
    # threshold are a prefix, so true positives and predicted positives are cumulative sums.
    order = np.argsort(-p, kind="stable")
    ps, ws, ts = p[order], w[order], truth[order]
    tp = np.cumsum(ws * ts)
    predicted = np.cumsum(ws)
    positives = float((w * truth).sum())
    # The last index of each distinct probability: thresholds at that value select the prefix.
    last = np.r_[np.nonzero(np.diff(ps))[0], len(ps) - 1]
    f1 = 2 * tp[last] / (predicted[last] + positives)
    candidates = ps[last]
    at_half = p >= 0.5
    f1_half = 2 * float((w * truth)[at_half].sum()) / (float(w[at_half].sum()) + positives)
    best_t, best_f1 = 0.5, f1_half
    for t, f in sorted(
        zip(candidates.tolist(), f1.tolist(), strict=True), key=lambda c: (abs(c[0] - 0.5), c[0])
    ):
        if f > best_f1 + 1e-12:
            best_t, best_f1 = float(t), f
    return best_t


def _safe(part: str) -> str:
    cleaned = _UNSAFE.sub("_", part).strip()
    return cleaned.strip(".") or "_"


def flatten_for_logging(metrics: Mapping[str, Any], prefix: str = "") -> dict[str, float]:
    """Nested metric dicts to flat, MLflow-safe ``{"prefix.key.sub": value}``.

    Each key part has every character outside ``[A-Za-z0-9_-. /]`` replaced by ``_`` (so
    ``"lang=zh"`` becomes ``"lang_zh"``); numeric leaves become floats, NaN/inf and non-numeric
    leaves are dropped.
    """
    out: dict[str, float] = {}

    def walk(node: Mapping[str, Any], path: list[str]) -> None:
        for key, value in node.items():
            here = [*path, _safe(str(key))]
            if isinstance(value, Mapping):
                walk(value, here)
            elif isinstance(value, int | float | np.integer | np.floating) and not isinstance(value, bool):
                number = float(value)
                if math.isfinite(number):
                    out[".".join(here)] = number

    walk(metrics, [_safe(prefix)] if prefix else [])
    return out
