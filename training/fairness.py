"""Fairness checks: impact ratios across groups and counterfactual name/pronoun-swap invariance.

* :func:`impact_ratios` is a bias audit in the style of NYC Local Law 144 and the four-fifths
  rule: selection rate per group, impact ratio against the highest-rate group, unknowns counted
  separately, small groups (< 2 % of candidates) disclosed and left out of the minimum. It is
  :func:`screening.audit.stats.category_table` (the one implementation, shared with
  ``screening audit``) in the dictionary form the training logs and model card use.
* :func:`swap_invariance` summarises how far probabilities move when a résumé's identity (name,
  pronouns, titles, gendered words) is swapped for one of :data:`NAME_GROUPS` with
  :func:`swap_identity` (both from :mod:`screening.audit.counterfactual`).

Demographic groups are supplied separately (here: the generated corpus's metadata) and are
never used for scoring.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from screening.audit.counterfactual import NAME_GROUPS, SWAP_TOLERANCE, Identity, swap_identity
from screening.audit.stats import FLAG_BELOW, SMALL_SHARE, category_table

__all__ = [
    "FLAG_BELOW",
    "MIN_IMPACT_RATIO_GATE",
    "NAME_GROUPS",
    "SWAP_TOLERANCE",
    "Identity",
    "impact_ratios",
    "swap_identity",
    "swap_invariance",
]

#: Gate of the training pipeline on the minimum impact ratio over non-small groups.
MIN_IMPACT_RATIO_GATE = 0.90


def impact_ratios(
    predicted: Sequence[bool],
    groups: Sequence[str | None],
    *,
    min_share: float = SMALL_SHARE,
    flag_below: float = FLAG_BELOW,
) -> dict[str, Any]:
    """Selection rate and impact ratio per group.

    Returns ``{"groups": {group: {n, selected, rate, impact_ratio, small, flag}}, "unknown":
    {n, selected, rate}, "total", "reference_group", "min_impact_ratio"}``.

    * Unknown group (None or "") is counted under ``"unknown"`` and left out of the ratios.
    * ``small``: the group is under ``min_share`` of all candidates (unknowns included).
    * ``impact_ratio`` = rate / highest rate among non-small groups (among all known groups if
      every group is small); None when that rate is 0 (nobody selected).
    * ``flag``: impact ratio below ``flag_below`` (four-fifths rule).
    * ``min_impact_ratio``: over non-small groups; None if there are none or nobody was selected.
    * ``rate`` of an empty unknown group is None.
    """
    if len(predicted) != len(groups):
        raise ValueError(f"{len(predicted)} predictions for {len(groups)} group values")
    table = category_table(
        "group",
        predicted,
        groups,
        min_share=min_share,
        flag_below=flag_below,
        resamples=0,
        significance=False,
    )
    rows = {
        r.group: {
            "n": r.n,
            "selected": r.selected,
            "rate": r.rate,
            "impact_ratio": r.impact_ratio,
            "small": r.small,
            "flag": r.flag,
        }
        for r in table.groups
    }
    return {
        "groups": rows,
        "unknown": table.unknown.model_dump(),
        "total": table.total,
        "reference_group": table.reference_group,
        "min_impact_ratio": table.min_impact_ratio,
    }


def swap_invariance(
    prob_original: np.ndarray[Any, Any],
    prob_swapped: Mapping[str, np.ndarray[Any, Any]],
    *,
    tolerance: float = SWAP_TOLERANCE,
) -> dict[str, Any]:
    """Largest absolute change of any probability under each identity swap.

    ``prob_original`` is ``(n,)`` or ``(n, n_labels)``; each swapped array has the same shape.
    Returns ``{"max_abs_change", "max_change" (the same), "worst_variant", "per_variant":
    {variant: max change}, "mean_abs_change", "tolerance", "passed"}``; no variants: 0.0.
    """
    base = np.asarray(prob_original, dtype=np.float64)
    per_variant: dict[str, float] = {}
    means: list[float] = []
    for variant, swapped in prob_swapped.items():
        other = np.asarray(swapped, dtype=np.float64)
        if other.shape != base.shape:
            raise ValueError(f"variant {variant!r} has shape {other.shape}, original {base.shape}")
        diff = np.abs(other - base)
        per_variant[variant] = float(diff.max()) if diff.size else 0.0
        if diff.size:
            means.append(float(diff.mean()))
    worst = max(per_variant, key=lambda v: per_variant[v]) if per_variant else None
    max_change = per_variant[worst] if worst is not None else 0.0
    return {
        "max_abs_change": max_change,
        "max_change": max_change,
        "worst_variant": worst,
        "per_variant": per_variant,
        "mean_abs_change": float(np.mean(means)) if means else 0.0,
        "tolerance": tolerance,
        "passed": bool(max_change <= tolerance),
    }
