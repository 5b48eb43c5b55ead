"""The bias audit and proxy check of a trained model, on the corpus's declared demographics.

For every label of a model version: the scoring-rate audit of ``screening audit`` (share of
each group scored strictly above the median probability; impact ratios, unknowns, small
groups, Fisher's exact test, bootstrap intervals) by gender, by name origin and by their
intersection, over every résumé whose demographics the corpus records; beside it the same
groups' *label* rates (selection = labelled positive), which show how far the groups differ
in the data itself; and the proxy check (:mod:`screening.audit.proxy`).

Beside it, the **matched panel** (:func:`build_matched_panel`, :func:`run_matched_audit`), the
design of résumé correspondence studies: a sample of the generated English résumés, each
written again by the corpus generator under every identity group (2 genders × 15 name origins)
with the same career, wording and labels, read as serving reads it and scored. Every group then
holds the same résumés, so scoring rates can differ between groups only through the model's
response to the identity. In the observational audit they also differ through the careers each
group happened to draw.

:func:`log_bias_audit` logs the observational audit to the active MLflow run:
``audit/impact_ratios.json`` and ``.md``, ``audit/proxy.json`` and ``.md``, and metrics
``audit.<label>.<category>.min_impact_ratio``, ``audit.min_impact_ratio`` and
``proxy.<label>.<attribute>.eta``; :func:`log_matched_audit` the matched panel's:
``audit/matched_impact_ratios.json`` and ``.md``, metrics
``audit_matched.<label>.<category>.min_impact_ratio`` and ``audit_matched.min_impact_ratio``.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

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
from screening.bundle import BundleReading, ScoringBundle
from screening.features import featurize
from screening.lexicons import Gazetteer
from screening.model import ModelInput, model_input
from screening.parsing.model import ParsedResume
from screening.parsing.pipeline import parse_text
from screening.parsing.resources import ParseResources
from screening.settings import Settings
from training.corpus.generate import draft_example, generate_text_example, parse_example_id
from training.corpus.identity import GENDERS, IDENTITY_GROUPS, NAME_ORIGINS, IdentityGroup
from training.examples import Examples, text_inputs

#: The corpus's declared attributes that are audited, and intersected.
ATTRIBUTES: tuple[str, str] = ("gender", "name_origin")
#: Résumés of the matched panel, each written under every one of the 30 identity groups: 3,000
#: texts to generate, parse and featurise once per training run (about 12 s on one core, 8 s in
#: two processes); each name-origin group holds 200 of them, each gender 1,500.
MATCHED_PANEL_SIZE = 100


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
    grams_cache: dict[tuple[Any, ...], list[Any]] | None = None,
    reading: BundleReading | None = None,
) -> BiasAudit:
    """Audit ``bundle`` on the examples ``rows`` (see the module's description).

    Args:
        bundle: the trained heads.
        examples: the encoded data; ``rows`` index it and must carry demographics.
        label_columns: each label's column in ``examples.y``.
        gazetteer: place and language names for the proxy check.
        source: what the résumés are, for the report.
        version: the model's name and version, for the report.
        grams_cache: the proxy n-grams of the résumés depend only on them: models audited on
            the same rows share them through this mapping.
        reading: ``bundle.read`` of the rows' inputs when the caller has it (training scores
            the same résumés for its impact ratios), else read here.

    Raises:
        ValueError: ``reading`` is not a reading of the rows' inputs, in their order.
    """
    demographics = _demographics(examples, rows)
    inputs = [examples.inputs[i] for i in rows]
    keys = [(examples.ids[i],) for i in rows]
    declared = {a: [demographics.by_id[examples.ids[i]][a] for i in rows] for a in ATTRIBUTES}
    reports: dict[str, AuditReport] = {}
    label_ratios: dict[str, dict[str, float | None]] = {}
    # Each text read once for every head: its tokens, n-gram rows, evidence lines, scores.
    if reading is None:
        reading = bundle.read(inputs)
    elif not reading.is_of(inputs):
        raise ValueError("reading must be a reading of the audited rows' inputs, in their order")
    matrices, lines = reading.matrices, reading.line_values

    for label in bundle.labels:
        scores = reading.probabilities[label]
        reports[label] = _scoring_audit(label, keys, scores.tolist(), demographics, version, source)
        truth = examples.y[list(rows), label_columns[label]]
        known = [k for k, t in enumerate(truth) if not math.isnan(t)]
        positive = [bool(truth[k]) for k in known]
        groups = {a: [declared[a][k] for k in known] for a in ATTRIBUTES}
        groups[intersection_name(*ATTRIBUTES)] = intersect(groups[ATTRIBUTES[0]], groups[ATTRIBUTES[1]])
        label_ratios[label] = {
            name: category_table(name, positive, values, resamples=0, significance=False).min_impact_ratio
            for name, values in groups.items()
        }
    grams_key = (gazetteer.version, _max_n(bundle), *rows)
    grams = grams_cache.get(grams_key) if grams_cache is not None else None
    if grams is None:
        n = _max_n(bundle)
        # The proxy words kept when the texts were read, else found in the parses.
        grams = [
            proxy.marked_ngrams(examples.inputs[i][0], examples.proxy_words(i, gazetteer), n) for i in rows
        ]
        if grams_cache is not None:
            grams_cache[grams_key] = grams
    checks = [
        proxy.proxy_check(
            label,
            bundle.heads[label],
            inputs,
            grams,
            declared,
            matrix=matrices[label],
            line_values=lines[label],
        )
        for label in bundle.labels
    ]
    return BiasAudit(reports, label_ratios, checks)


def _scoring_audit(
    label: str,
    keys: Sequence[tuple[str, ...]],
    scores: Sequence[float],
    demographics: Demographics,
    version: str,
    source: str,
) -> AuditReport:
    """The scoring-rate audit of one label's probabilities (share above the median of all)."""
    outcomes, median = score_outcomes(list(zip(keys, scores, strict=True)))
    return audit(
        outcomes,
        demographics,
        basis="scores",
        score=f"{label} probability",
        median=median,
        intersection=ATTRIBUTES,
        versions=[version],
        source=source,
    )


def _max_n(bundle: ScoringBundle) -> int:
    return max(int(bundle.heads[label].ngram_range[1]) for label in bundle.labels)


class PanelScorer(Protocol):
    """What the matched panel audit scores with: a :class:`~screening.bundle.ScoringBundle`."""

    @property
    def labels(self) -> list[str]: ...

    def predict_proba(self, inputs: Sequence[ModelInput]) -> Mapping[str, Sequence[float]]: ...


@dataclass(frozen=True)
class MatchedPanel:
    """Generated résumés, each written under every identity group and read as serving reads it.

    Row ``k`` of :attr:`keys`, :attr:`groups` and :attr:`inputs` is the résumé
    ``sources[k // len(IDENTITY_GROUPS)]`` under the group ``groups[k]``.
    """

    #: The corpus ids of the résumés, in panel order.
    sources: tuple[str, ...]
    #: One key per row: ``<corpus id>|<gender>|<name origin>``.
    keys: tuple[str, ...]
    groups: tuple[IdentityGroup, ...]
    inputs: tuple[ModelInput, ...]


@dataclass(frozen=True)
class MatchedAudit:
    """The scoring-rate audit of one model version on a :class:`MatchedPanel`, per label."""

    reports: dict[str, AuditReport]
    #: The corpus ids of the panel's résumés.
    sources: tuple[str, ...]


def matched_panel_sources(
    examples: Examples, rows: Sequence[int], *, size: int = MATCHED_PANEL_SIZE, seed: int = 0
) -> list[tuple[str, int, int]]:
    """Up to ``size`` résumés of ``rows`` for the matched panel, as ``(id, corpus seed, index)``.

    Eligible: English records whose id was made by :func:`training.corpus.generate.example_id`
    and whose declared gender and name origin are those the generator draws for that seed and
    index (so that the generator writes that very résumé again); an id met twice counts once.
    They are sorted by ``(corpus seed, index)`` and shuffled with ``random.Random(seed)``, so the
    choice does not depend on the order of the data files; the first ``size`` are kept.
    """
    found_at: dict[tuple[int, int], int] = {}
    for i in rows:
        found = parse_example_id(examples.ids[i])
        if found is not None and found not in found_at and examples.extras[i].get("lang") == "en":
            found_at[found] = i
    eligible = sorted((corpus_seed, index, i) for (corpus_seed, index), i in found_at.items())
    random.Random(seed).shuffle(eligible)
    out: list[tuple[str, int, int]] = []
    for corpus_seed, index, i in eligible:
        if len(out) >= size:
            break
        declared = examples.extras[i].get("demographics") or {}
        drawn = draft_example(corpus_seed, index, zh_share=0.0).identity
        if declared.get("gender") == drawn.gender and declared.get("name_origin") == drawn.name_origin:
            out.append((examples.ids[i], corpus_seed, index))
    return out


def build_matched_panel(
    sources: Sequence[tuple[str, int, int]],
    resources: ParseResources,
    *,
    featurise: Callable[[ParsedResume], ModelInput] | None = None,
    settings: Settings | None = None,
    workers: int = 1,
) -> MatchedPanel:
    """Write each ``(id, corpus seed, index)`` under every group of
    :data:`~training.corpus.identity.IDENTITY_GROUPS` as plain text
    (:func:`~training.corpus.generate.generate_text_example` with ``group``), parse it with
    :func:`~screening.parsing.pipeline.parse_text` and turn it into a model input.

    Args:
        sources: the résumés (see :func:`matched_panel_sources`).
        resources: the parse resources.
        featurise: parsed résumé -> model input; default the serving path,
            :func:`~screening.features.featurize` then :func:`~screening.model.model_input`.
        settings: with ``workers`` > 1 and the default ``featurise``, the texts are parsed
            and featurised in ``workers`` processes (:func:`training.examples.text_inputs`).
        workers: processes for parsing.
    """

    def serving(parsed: ParsedResume) -> ModelInput:
        return model_input(featurize(parsed, resources.gazetteer))

    keys: list[str] = []
    groups: list[IdentityGroup] = []
    texts: list[str] = []
    for rid, corpus_seed, index in sources:
        for group in IDENTITY_GROUPS:
            texts.append(generate_text_example(corpus_seed, index, zh_share=0.0, group=group)["text"])
            keys.append(f"{rid}|{group.gender}|{group.name_origin}")
            groups.append(group)
    if featurise is None and settings is not None and workers > 1:
        jobs = list(zip(texts, keys, strict=True))
        inputs = list(text_inputs(jobs, settings, workers))
    else:
        to_input = featurise or serving
        inputs = [to_input(parse_text(text, resources)) for text in texts]
    return MatchedPanel(tuple(rid for rid, _, _ in sources), tuple(keys), tuple(groups), tuple(inputs))


def run_matched_audit(scorer: PanelScorer, panel: MatchedPanel, *, version: str) -> MatchedAudit:
    """The scoring-rate audit of each label of ``scorer`` on ``panel``, by gender, name origin
    and their intersection; the median is that of every row of the panel.

    Rows with the same model input (text and signals) are scored once.

    Raises:
        screening.audit.stats.AuditError: the panel is empty.
    """
    unique: dict[tuple[str, tuple[float, ...]], int] = {}
    slot = [unique.setdefault((text, tuple(signals)), len(unique)) for text, signals in panel.inputs]
    distinct = [(text, list(signals)) for text, signals in unique]
    scores = scorer.predict_proba(distinct) if distinct else {}
    by_key = {
        key: {"gender": group.gender, "name_origin": group.name_origin}
        for key, group in zip(panel.keys, panel.groups, strict=True)
    }
    demographics = Demographics(categories=ATTRIBUTES, by_id=by_key)
    n = len(panel.sources)
    source = (
        f"matched panel: {n} generated English résumés, each written under the {len(IDENTITY_GROUPS)} "
        f"identity groups of the corpus ({len(panel.keys)} scored copies). Bootstrap intervals and "
        "Fisher's test treat the groups as independent samples; here they hold the same résumés."
    )
    reports: dict[str, AuditReport] = {}
    for label in scorer.labels:
        values = [float(scores[label][k]) for k in slot]
        keys = [(key,) for key in panel.keys]
        reports[label] = _scoring_audit(label, keys, values, demographics, version, source)
    return MatchedAudit(reports, panel.sources)


def _ratio_metrics(reports: Mapping[str, AuditReport], prefix: str) -> dict[str, float]:
    """``<prefix>.<label>.<category>.min_impact_ratio`` for every defined ratio of ``reports``,
    and ``<prefix>.min_impact_ratio``, the lowest of all."""
    out: dict[str, float] = {}
    for label, report in reports.items():
        for table in report.categories:
            if table.min_impact_ratio is not None:
                key = f"{prefix}.{label}.{metric_key(table.category)}.min_impact_ratio"
                out[key] = table.min_impact_ratio
    lowest = [r for r in (min_ratio(report) for report in reports.values()) if r is not None]
    if lowest:
        out[f"{prefix}.min_impact_ratio"] = min(lowest)
    return out


def matched_metrics(result: MatchedAudit) -> dict[str, float]:
    """The matched panel's MLflow metrics (only defined ratios)."""
    return _ratio_metrics(result.reports, "audit_matched")


def log_matched_audit(result: MatchedAudit) -> dict[str, float]:
    """Log the matched panel's audit to the active MLflow run (``audit/matched_impact_ratios.json``
    and ``.md``) and return its metrics."""
    body = {
        "resumes": list(result.sources),
        "groups": [list(group) for group in IDENTITY_GROUPS],
        "reports": {label: report.model_dump(mode="json") for label, report in result.reports.items()},
    }
    mlflow.log_dict(body, "audit/matched_impact_ratios.json")
    markdown = [
        render_markdown(report, title=f"Matched panel: scoring rate of {label}", level=2)
        for label, report in result.reports.items()
    ]
    mlflow.log_text("\n".join(markdown), "audit/matched_impact_ratios.md")
    metrics = matched_metrics(result)
    mlflow.log_metrics({k: float(v) for k, v in metrics.items() if np.isfinite(v)})
    return metrics


def audit_metrics(result: BiasAudit) -> dict[str, float]:
    """The audit's MLflow metrics (only defined ratios) and the proxy check's."""
    out = _ratio_metrics(result.reports, "audit")
    for check in result.proxy:
        for attribute in check.attributes:
            out[f"proxy.{check.label}.{attribute.attribute}.eta"] = attribute.eta
    return out


def summary_markdown(result: BiasAudit, *, matched: MatchedAudit | None = None, level: int = 3) -> str:
    """For the model card: per category, each group's scoring-rate impact ratio under every
    label (flags in bold). With ``matched``, first the matched panel's tables (the audit of
    record), then the observational ones, each under its own heading; without it, the
    observational tables alone. The observational tables end with the lowest ratio of the model
    and the labels' own."""
    h = "#" * level
    first = next(iter(result.reports.values()), None)
    if first is None:
        return "_No résumé with declared demographics._\n"
    observational = [
        f"Scoring rate: share of each group's résumés whose probability is strictly above the median of "
        f"all {first.candidates} audited résumés (every résumé of the data with declared demographics). "
        f"Impact ratio against the highest-rate group that is not small; **bold** below "
        f"{first.flag_below:.2f}; _italic_: a small group (< {first.small_share:.0%}), not compared. "
        "Full tables with counts, Fisher's exact p-values and bootstrap intervals: "
        "`audit/impact_ratios.md`.",
        "",
    ]
    if matched is None:
        return "\n".join(observational + _ratio_tables(result.reports, result.label_ratios, h))
    out: list[str] = []
    panel = next(iter(matched.reports.values()), None)
    if panel is not None:
        resumes = len(matched.sources)
        out += [
            f"{h} Matched panel (audit of record)",
            "",
            f"{resumes} generated English résumés of the data, each written again by the corpus "
            f"generator, as plain text, under all {len(IDENTITY_GROUPS)} identity groups "
            f"({len(GENDERS)} genders × {len(NAME_ORIGINS)} name origins) with the same career, wording "
            f"and labels, parsed and featurised as in serving and scored ({panel.candidates} scored copies). "
            "Scoring rate: share of each group's copies strictly above the median of all copies. Every "
            "group holds the same résumés, so a gap between groups can only come from the model's "
            "response to the identity (name, contact details, nationality line). Full tables: "
            "`audit/matched_impact_ratios.md`.",
            "",
            *_ratio_tables(matched.reports, None, h + "#"),
        ]
    out += [
        f"{h} Observational (every résumé with declared demographics)",
        "",
        *observational,
        "The corpus draws identities independently of careers, but each group is a finite sample that "
        "drew different careers, so the labels' own rates differ between groups too (last row of each "
        "table); a model that follows the labels shows gaps of the same kind.",
        "",
        *_ratio_tables(result.reports, result.label_ratios, h + "#"),
    ]
    return "\n".join(out)


def _ratio_tables(
    reports: Mapping[str, AuditReport],
    label_ratios: Mapping[str, Mapping[str, float | None]] | None,
    h: str,
) -> list[str]:
    """One table per category: groups × labels of impact ratios, then the lowest (not small)
    ratio per label and, with ``label_ratios``, the labels' own lowest."""
    labels = list(reports)
    first = reports[labels[0]]
    out: list[str] = []
    for index, category in enumerate(t.category for t in first.categories):
        tables = {label: reports[label].categories[index] for label in labels}
        groups = sorted({g.group for t in tables.values() for g in t.groups})
        rows = []
        for group in groups:
            cells = [f"_{group}_" if any(t.group(group).small for t in tables.values()) else group]
            for label in labels:
                row = tables[label].group(group)
                text = "—" if row.impact_ratio is None else f"{row.impact_ratio:.3f}"
                cells.append(f"**{text}**" if row.flag and not row.small else text)
            rows.append(cells)
        rows.append(["lowest (not small)", *[_fmt(tables[label].min_impact_ratio) for label in labels]])
        if label_ratios is not None:
            own = [_fmt(label_ratios[label].get(category)) for label in labels]
            rows.append(["labels' own lowest", *own])
        out += [f"{h} {category}", "", "| group | " + " | ".join(labels) + " |"]
        out.append("|---|" + "---|" * len(labels))
        out += ["| " + " | ".join(r) + " |" for r in rows]
        out.append("")
    return out


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
