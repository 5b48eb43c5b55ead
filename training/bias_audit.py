"""The bias audit and proxy check of a trained model, on the corpus's declared demographics.

For every label of a model version: the scoring-rate audit of ``screening audit`` (share of
each group scored strictly above the median probability; impact ratios, unknowns, small
groups, Fisher's exact test, bootstrap intervals) by gender, by name origin and by their
intersection, over every résumé whose demographics the corpus records; beside it the same
groups' *label* rates (selection = labelled positive), which show how far the groups differ
in the data itself; and the proxy check (:mod:`screening.audit.proxy`).

:func:`log_bias_audit` logs them to the active MLflow run: ``audit/impact_ratios.json`` and
``.md``, ``audit/proxy.json`` and ``.md``, and metrics ``audit.<label>.<category>.min_impact_ratio``,
``audit.min_impact_ratio`` and ``proxy.<label>.<attribute>.eta``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import mlflow
import numpy as np

from screening.audit import proxy
from screening.audit.report import render_markdown
from screening.audit.stats import (
    AuditReport,
    Demographics,
    audit,
    category_table,
    intersect,
    intersection_name,
    min_ratio,
    score_outcomes,
)
from screening.bundle import ScoringBundle
from screening.lexicons import Gazetteer
from training.examples import Examples

#: The corpus's declared attributes that are audited, and intersected.
ATTRIBUTES: tuple[str, str] = ("gender", "name_origin")


@dataclass(frozen=True)
class BiasAudit:
    """One model version's audit: a report per label, the labels' own rates, the proxy checks."""

    reports: dict[str, AuditReport]
    #: label -> category -> the lowest impact ratio of the *labels* (selection = positive).
    label_ratios: dict[str, dict[str, float | None]]
    proxy: list[proxy.ProxyCheck]


def demographic_rows(examples: Examples) -> list[int]:
    """Indices of the examples whose demographics the data records."""
    return [i for i, e in enumerate(examples.extras) if e.get("demographics")]


def _demographics(examples: Examples, rows: Sequence[int]) -> Demographics:
    by_id: dict[str, dict[str, str | None]] = {}
    for i in rows:
        declared = examples.extras[i].get("demographics") or {}
        by_id[examples.ids[i]] = {a: (str(declared[a]) if declared.get(a) else None) for a in ATTRIBUTES}
    return Demographics(categories=ATTRIBUTES, by_id=by_id)


def metric_key(category: str) -> str:
    """A category as MLflow accepts it in a metric name (``gender × name_origin`` ->
    ``gender_x_name_origin``)."""
    return category.replace(" × ", "_x_").replace(" ", "_")


def run_bias_audit(
    bundle: ScoringBundle,
    examples: Examples,
    rows: Sequence[int],
    *,
    label_columns: Mapping[str, int],
    gazetteer: Gazetteer,
    source: str,
    version: str,
) -> BiasAudit:
    """Audit ``bundle`` on the examples ``rows`` (see the module's description).

    Args:
        bundle: the trained heads.
        examples: the encoded data; ``rows`` index it and must carry demographics.
        label_columns: each label's column in ``examples.y``.
        gazetteer: place and language names for the proxy check.
        source: what the résumés are, for the report.
        version: the model's name and version, for the report.
    """
    demographics = _demographics(examples, rows)
    inputs = [examples.inputs[i] for i in rows]
    keys = [(examples.ids[i],) for i in rows]
    declared = {a: [demographics.by_id[examples.ids[i]][a] for i in rows] for a in ATTRIBUTES}
    reports: dict[str, AuditReport] = {}
    label_ratios: dict[str, dict[str, float | None]] = {}
    # Heads trained together share one vectoriser: encode the texts once per vectoriser.
    encoded: dict[int, Any] = {}
    for label in bundle.labels:
        vectorizer = bundle.heads[label].vectorizer_
        if id(vectorizer) not in encoded:
            encoded[id(vectorizer)] = vectorizer.transform([t for t, _ in inputs])
    signals = np.asarray([s for _, s in inputs], dtype=np.float64)

    def matrix(label: str) -> Any:
        return encoded[id(bundle.heads[label].vectorizer_)]

    for label in bundle.labels:
        scores = bundle.heads[label].predict_proba_encoded(matrix(label), signals)
        outcomes, median = score_outcomes(list(zip(keys, scores.tolist(), strict=True)))
        reports[label] = audit(
            outcomes,
            demographics,
            basis="scores",
            score=f"{label} probability",
            median=median,
            intersection=ATTRIBUTES,
            versions=[version],
            source=source,
        )
        truth = examples.y[list(rows), label_columns[label]]
        known = [k for k, t in enumerate(truth) if not math.isnan(t)]
        positive = [bool(truth[k]) for k in known]
        groups = {a: [declared[a][k] for k in known] for a in ATTRIBUTES}
        groups[intersection_name(*ATTRIBUTES)] = intersect(groups[ATTRIBUTES[0]], groups[ATTRIBUTES[1]])
        label_ratios[label] = {
            name: category_table(name, positive, values, resamples=0, significance=False).min_impact_ratio
            for name, values in groups.items()
        }
    grams = [proxy.proxy_ngrams(examples.parsed[i], gazetteer, max_n=_max_n(bundle)) for i in rows]
    checks = [
        proxy.proxy_check(label, bundle.heads[label], inputs, grams, declared, matrix=matrix(label))
        for label in bundle.labels
    ]
    return BiasAudit(reports, label_ratios, checks)


def _max_n(bundle: ScoringBundle) -> int:
    return max(int(bundle.heads[label].ngram_range[1]) for label in bundle.labels)


def audit_metrics(result: BiasAudit) -> dict[str, float]:
    """The audit's MLflow metrics (only defined ratios)."""
    out: dict[str, float] = {}
    for label, report in result.reports.items():
        for table in report.categories:
            if table.min_impact_ratio is not None:
                out[f"audit.{label}.{metric_key(table.category)}.min_impact_ratio"] = table.min_impact_ratio
    lowest = [r for r in (min_ratio(report) for report in result.reports.values()) if r is not None]
    if lowest:
        out["audit.min_impact_ratio"] = min(lowest)
    for check in result.proxy:
        for attribute in check.attributes:
            out[f"proxy.{check.label}.{attribute.attribute}.eta"] = attribute.eta
    return out


def summary_markdown(result: BiasAudit, *, level: int = 3) -> str:
    """Per category, each group's scoring-rate impact ratio under every label (flags in bold),
    and the lowest ratio of the model against the labels' own: for the model card."""
    h = "#" * level
    labels = list(result.reports)
    out: list[str] = []
    first = next(iter(result.reports.values()), None)
    if first is None:
        return "_No résumé with declared demographics._\n"
    out += [
        f"Scoring rate: share of each group's résumés whose probability is strictly above the median of "
        f"all {first.candidates} audited résumés (every résumé of the data with declared demographics). "
        f"Impact ratio against the highest-rate group that is not small; **bold** below "
        f"{first.flag_below:.2f}; _italic_: a small group (< {first.small_share:.0%}), not compared. "
        "Full tables with counts, Fisher's exact p-values and bootstrap intervals: "
        "`audit/impact_ratios.md`.",
        "",
    ]
    for index, category in enumerate(t.category for t in first.categories):
        tables = {label: result.reports[label].categories[index] for label in labels}
        groups = sorted({g.group for t in tables.values() for g in t.groups})
        rows = []
        for group in groups:
            cells = [f"_{group}_" if any(t.group(group).small for t in tables.values()) else group]
            for label in labels:
                row = tables[label].group(group)
                text = "—" if row.impact_ratio is None else f"{row.impact_ratio:.3f}"
                cells.append(f"**{text}**" if row.flag and not row.small else text)
            rows.append(cells)
        lows = ["lowest (not small)", *[_fmt(tables[label].min_impact_ratio) for label in labels]]
        truth = ["labels' own lowest", *[_fmt(result.label_ratios[label].get(category)) for label in labels]]
        out += [f"{h} {category}", "", "| group | " + " | ".join(labels) + " |"]
        out.append("|---|" + "---|" * len(labels))
        out += ["| " + " | ".join(r) + " |" for r in [*rows, lows, truth]]
        out.append("")
    return "\n".join(out)


def _fmt(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def log_bias_audit(result: BiasAudit) -> dict[str, float]:
    """Log the audit to the active MLflow run (artifacts under ``audit/``) and return its metrics."""
    reports: dict[str, Any] = {
        label: report.model_dump(mode="json") for label, report in result.reports.items()
    }
    body = {"reports": reports, "label_min_impact_ratios": result.label_ratios}
    mlflow.log_dict(body, "audit/impact_ratios.json")
    markdown = [
        render_markdown(report, title=f"Bias audit: scoring rate of {label}", level=2)
        for label, report in result.reports.items()
    ]
    mlflow.log_text("\n".join(markdown), "audit/impact_ratios.md")
    mlflow.log_dict({"labels": [c.model_dump(mode="json") for c in result.proxy]}, "audit/proxy.json")
    mlflow.log_text(proxy.render_markdown(result.proxy, level=2), "audit/proxy.md")
    metrics = audit_metrics(result)
    mlflow.log_metrics({k: float(v) for k, v in metrics.items() if np.isfinite(v)})
    return metrics
