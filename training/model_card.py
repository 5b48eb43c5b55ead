"""The model card: one Markdown document per trained model version.

:func:`render_model_card` only formats what it is given (metrics from
:mod:`training.metrics`, fairness results from :mod:`training.fairness`); it reads and writes
nothing.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

from training.fairness import MIN_IMPACT_RATIO_GATE, SWAP_TOLERANCE
from training.metrics import interval_of

_METRIC_COLUMNS = (
    "precision", "recall", "f1", "f1_ci_low", "f1_ci_high", "roc_auc", "pr_auc", "brier", "ece", "support",
    "positives",
)  # fmt: skip
_NEVER_FEATURES = (
    "name, contact details, photo, address",
    "gender words and pronouns, age and birth dates, marital status, nationality",
    "graduation years, career gaps and total years of experience",
)


def _with_interval(metrics: Mapping[str, Any], key: str) -> str:
    """``0.855 [0.780–0.920]``: a metric and its bootstrap interval (``<key>_ci_low``/``_high``)
    when recorded."""
    value = metrics.get(key)
    found = interval_of(metrics, key)
    if isinstance(value, float) and found is not None:
        return f"{value:.3f} [{found[0]:.3f}–{found[1]:.3f}]"
    return _fmt(value)


def _fmt(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "n/a"
        return str(int(value)) if value.is_integer() else f"{value:.3f}"
    return str(value).replace("|", "\\|").replace("\n", " ")


def _table(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(_fmt(c) for c in row) + " |" for row in rows]
    return lines


def _label_rows(metrics: Mapping[str, Any]) -> list[tuple[str, Mapping[str, Any]]]:
    return [(k, v) for k, v in metrics.items() if isinstance(v, Mapping)]


def _key_values(items: Mapping[str, Any]) -> list[str]:
    if not items:
        return ["_Not recorded._"]
    return [f"- **{k}**: {_fmt(v)}" for k, v in items.items()]


def _verdict(passed: bool) -> str:
    return "**pass**" if passed else "**FAIL**"


def _is_evaluation(node: Any) -> bool:
    return isinstance(node, Mapping) and "macro_f1" in node


def _group_slices(slices: Mapping[str, Any]) -> dict[str, dict[str, Mapping[str, Any]]]:
    """``{dimension: {value: evaluation}}`` from either that shape or a flat
    ``{"dimension=value": evaluation}`` (as :func:`training.metrics.slice_metrics` gives when the
    slice values carry their dimension)."""
    grouped: dict[str, dict[str, Mapping[str, Any]]] = {}
    for key, node in slices.items():
        if _is_evaluation(node):
            dimension, _, value = key.partition("=") if "=" in key else ("slice", "", key)
            grouped.setdefault(dimension, {})[value] = node
        elif isinstance(node, Mapping):
            grouped.setdefault(key, {}).update({str(v): ev for v, ev in node.items() if _is_evaluation(ev)})
    return grouped


def _impact_table(name: str, impact: Mapping[str, Any], gate: float) -> list[str]:
    low = impact.get("min_impact_ratio")
    passed = low is not None and not math.isnan(float(low)) and float(low) >= gate
    rows = [
        (g, r["n"], r["selected"], r["rate"], r["impact_ratio"], r["small"], r["flag"])
        for g, r in impact["groups"].items()
    ]
    unknown = impact.get("unknown", {})
    rows.append(("unknown", unknown.get("n"), unknown.get("selected"), unknown.get("rate"), None, None, None))
    return [
        f"#### {name}",
        "",
        f"Reference (highest-rate) group: {_fmt(impact.get('reference_group'))}; minimum impact ratio "
        f"over non-small groups: {_fmt(low)} (gate ≥ {gate}) — {_verdict(passed)}.",
        "",
        *_table(["group", "n", "selected", "rate", "impact ratio", "small", "flag"], rows),
        "",
    ]


def _fairness_section(
    fairness: Mapping[str, Any], bias_audit: str | None = None, proxy_check: str | None = None
) -> list[str]:
    out = ["## Fairness", ""]
    tolerance = float(fairness.get("swap_tolerance", SWAP_TOLERANCE))
    gate = float(fairness.get("min_impact_ratio_gate", MIN_IMPACT_RATIO_GATE))
    swap = fairness.get("swap_invariance") or fairness.get("swap")
    out += ["### Name/pronoun-swap invariance", ""]
    if swap:
        change = float(swap.get("max_abs_change", swap.get("max_change", math.nan)))
        out.append(
            "Largest change of any probability when the name, pronouns and titles of held-out "
            f"résumés are swapped: {change:.4f} (worst variant: {_fmt(swap.get('worst_variant'))}; "
            f"gate ≤ {tolerance}) — {_verdict(change <= tolerance)}."
        )
        out += ["", *_table(["variant", "max abs change"], list(swap.get("per_variant", {}).items()))]
    else:
        out.append("_Not run._")
    out += [
        "",
        "### Impact ratios",
        "",
        "Rate of positive predictions per demographic group of the generated corpus against the "
        "highest-rate group. Ratios below 0.80 are flagged (four-fifths rule); groups under 2 % of "
        "candidates are disclosed as small and not gated; unknowns are counted separately. "
        "Demographics are never used for scoring.",
        "",
    ]
    impact = fairness.get("impact_ratios")
    if isinstance(impact, Mapping) and "groups" in impact:
        out += _impact_table("all", impact, gate)
    elif isinstance(impact, Mapping) and impact:
        for name, one in impact.items():
            if isinstance(one, Mapping) and "groups" in one:
                out += _impact_table(str(name), one, gate)
    else:
        out += ["_Not run._", ""]
    out += [
        "### Bias audit (scoring rates)",
        "",
        *(
            [bias_audit.rstrip("\n"), ""]
            if bias_audit
            else ["_Not run: no résumé with declared demographics._", ""]
        ),
        "### Proxy check",
        "",
        "How much of each score flows through words that can stand in for origin or gender: "
        "locations, schools and languages (place and language names of the gazetteer, the "
        "positions' locations, education institutions, the languages section) and the signals "
        "computed from them (countries worked in, languages). η is the correlation ratio of that "
        "part of the calibrated logit with each declared attribute (0: the same on average in every "
        "group; with two groups, the absolute point-biserial correlation), with a permutation "
        "p-value; the last columns give the lowest scoring-rate impact ratio with and without it.",
        "",
        *([proxy_check.rstrip("\n"), ""] if proxy_check else ["_Not run._", ""]),
    ]
    gates = fairness.get("gates")
    if isinstance(gates, Mapping) and gates:
        out += ["### Gates", "", *_table(["gate", "passed"], list(gates.items())), ""]
    return out


def render_model_card(
    *,
    model_name: str,
    version: str,
    spec: dict[str, Any],
    data_summary: dict[str, Any],
    metrics: dict[str, Any],
    slices: dict[str, Any],
    fairness: dict[str, Any],
    thresholds: dict[str, float],
    limitations: list[str],
    created: str,
    bias_audit: str | None = None,
    proxy_check: str | None = None,
) -> str:
    """Markdown model card.

    ``metrics`` is :func:`training.metrics.evaluate_labels`' result on the test set; ``slices``
    maps a slicing variable (``"source"``, ``"lang"``, ``"layout"``) to
    :func:`training.metrics.slice_metrics`' result; ``fairness`` may hold ``"swap_invariance"``
    (:func:`training.fairness.swap_invariance`) and ``"impact_ratios"``
    (:func:`training.fairness.impact_ratios`) and optionally the gates ``"swap_tolerance"`` and
    ``"min_impact_ratio_gate"``. ``bias_audit`` and ``proxy_check`` are Markdown sections
    (:func:`training.bias_audit.summary_markdown`, :func:`screening.audit.proxy.render_markdown`)
    shown under "Fairness" (headings at level 4). ``spec`` describes the model (``estimator``,
    ``features``, and anything else, e.g. ``versions``: a mapping of library versions).
    """
    out: list[str] = [f"# Model card: {model_name} {version}", "", f"Created {created}.", ""]

    out += [
        "## Intended use",
        "",
        "Scores résumés against the AHA hiring profile (TradFi, Web2, Web3) to **advise human "
        "reviewers**. Scores and explanations are advice only: every decision is made by a person, "
        "with a reason, and logged. The model must **never be used for automated rejection** or "
        "any decision without human review.",
        "",
    ]

    estimator = spec.get("estimator", "not recorded")
    features = spec.get("features", "redacted text n-grams and named signals")
    out += ["## Model", "", f"- **Estimator**: {_fmt(estimator)}", f"- **Features**: {_fmt(features)}"]
    out.append(
        "- Features are computed from **redacted** résumé text (word n-grams) plus **named signals**; "
        "identity and protected attributes are detected and redacted before featurization."
    )
    out.append(
        "- **Languages**: each head (and line scorer) weighs its training résumés so that within "
        "every language the positives make up their overall share: no language carries a "
        "label's prior (the few Chinese résumés of the real sets are mostly Web3)."
    )
    lines = spec.get("evidence_lines")
    if isinstance(lines, Mapping):
        out.append(
            "- **Evidence lines**: per label, a line scorer learned from the lines annotators quoted "
            "as evidence reads the résumé line by line; the probability of its best line is one more "
            "signal (`sig:evidence_line`), and that line is the evidence shown for it. Training "
            f"résumés get values from scorers that never saw them. Settings: {_fmt(dict(lines))}."
        )
    out.append("- **Never a feature**: " + "; ".join(_NEVER_FEATURES) + ".")
    out += [
        f"- **{k}**: {_fmt(v)}"
        for k, v in spec.items()
        if k not in ("estimator", "features", "versions") and not isinstance(v, Mapping)
    ]
    out.append("")

    out += ["## Data", "", *_key_values(data_summary), ""]

    out += ["## Metrics", ""]
    out.append(
        f"Test set: {_fmt(metrics.get('n'))} records; macro-F1 {_with_interval(metrics, 'macro_f1')}. "
        "Brackets give 95 % bootstrap intervals of F1 (the test records drawn again with replacement): "
        "with tens of records in a slice they are wide, and say how far its figures can be trusted."
    )
    out.append("")
    for label, m in _label_rows(metrics):
        rows = [(c, m.get(c)) for c in _METRIC_COLUMNS]
        out += [f"### {label}", "", *_table(["metric", "value"], rows), ""]

    out += ["## Slices", ""]
    grouped = _group_slices(slices)
    if not grouped:
        out += ["_No slices recorded._", ""]
    for dimension, by_value in grouped.items():
        labels = list(dict.fromkeys(label for ev in by_value.values() for label, _ in _label_rows(ev)))
        slice_rows: list[tuple[Any, ...]] = [
            (
                value,
                ev.get("n"),
                _with_interval(ev, "macro_f1"),
                *(_with_interval(ev.get(lb, {}), "f1") for lb in labels),
            )
            for value, ev in by_value.items()
        ]
        header = [dimension, "n", "macro-F1", *(f"{lb} F1" for lb in labels)]
        out += [f"### By {dimension}", "", *_table(header, slice_rows), ""]

    out += _fairness_section(fairness, bias_audit, proxy_check)

    out += ["## Thresholds", ""]
    out.append("A label is suggested when its calibrated probability is at least its threshold.")
    out += ["", *_table(["label", "threshold"], list(thresholds.items())), ""]

    out += ["## Limitations", ""]
    out += [f"- {item}" for item in limitations] or ["_None recorded._"]
    out.append("")

    versions: dict[str, Any] = {"model": model_name, "version": version, "created": created}
    extra = spec.get("versions")
    if isinstance(extra, Mapping):
        versions.update(extra)
    out += ["## Versions", "", *_key_values(versions), ""]
    return "\n".join(out)
