"""``screening train``: fit, evaluate, audit, register and promote the screening models.

One MLflow run per model spec, as named, logged steps:
load + validate data -> log the dataset -> split -> search hyper-parameters (CV) -> fit
-> evaluate on held-out data -> fairness checks -> log metrics, plots, model card
-> register a version -> promote (``champion`` moves only when every gate passes and the new
version beats the current champion on the same held-out data; else ``challenger``).
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import tempfile
import time
import warnings
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import mlflow
import numpy as np
import pandas as pd
from mlflow.data.pandas_dataset import from_pandas
from sklearn.base import clone
from sklearn.model_selection import StratifiedKFold
from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]

from screening.audit.proxy import render_markdown as render_proxy_markdown
from screening.bundle import ScoringBundle
from screening.lexicons import load_gazetteer, load_taxonomy
from screening.model import ExplainableTextClassifier, ModelInput
from screening.parsing.model import PARSER_VERSION
from screening.registry import BUNDLE_ARTIFACT, CHALLENGER, CHAMPION, BundleModel, load_model, model_uri
from screening.settings import Settings
from training import fairness, metrics, plots
from training.bias_audit import (
    MATCHED_PANEL_SIZE,
    MatchedAudit,
    MatchedPanel,
    build_matched_panel,
    log_bias_audit,
    log_matched_audit,
    matched_panel_sources,
    run_bias_audit,
    run_matched_audit,
    summary_markdown,
)
from training.corpus.identity import IDENTITY_GROUPS
from training.dataset import Dataset, load_records
from training.evidence_lines import LineCache, LineTraining, fit_line_scorer, shared_vectorizer
from training.examples import Examples, build_examples, label_matrix
from training.model_card import render_model_card
from training.specs import ModelSpec
from training.splits import split_dataset
from training.text_source import ParsedPdfSource
from training.tracking import configure, ensure_experiment, git_commit
from training.weighting import language_of, language_weights, source_weights, weighting_group

logger = logging.getLogger(__name__)

#: Requirements recorded with every model (inferring them costs seconds and gets them wrong).
PIP_REQUIREMENTS = ["scikit-learn>=1.7", "skops>=0.10", "numpy>=2.0", "pandas>=2.0", "mlflow>=3.5"]


@dataclass
class HeadResult:
    label: str
    model: ExplainableTextClassifier
    params: dict[str, Any]
    threshold: float
    cv_score: float


@dataclass
class ModelResult:
    """What one spec's run produced."""

    spec: ModelSpec
    run_id: str
    metrics: dict[str, Any]
    gates: dict[str, bool]
    version: str | None = None
    alias: str | None = None
    champion_score: float | None = None
    notes: list[str] = field(default_factory=list)
    #: :func:`training.metrics.slice_metrics` of the test set, keyed ``"origin=real"`` etc.
    slices: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Encoded:
    """The training résumés encoded once for every head and fold of a spec.

    ``rows`` are example indices; ``text`` is the shared vectoriser's tf-idf matrix of their
    texts (fitted on those texts alone, without labels) and ``signals`` their signal values,
    both in ``rows`` order; ``weights`` the per-row sample weight of the spec's weighting
    and ``languages`` each row's language (each head balances its labels across them).
    """

    rows: list[int]
    vectorizer: Any
    text: Any
    signals: np.ndarray
    weights: np.ndarray
    languages: list[str]


def encode(
    base: ExplainableTextClassifier, examples: Examples, rows: Sequence[int], weighting: str
) -> Encoded:
    """Fit the shared vectoriser on the texts of ``rows`` and encode them (see :class:`Encoded`)."""
    texts = [examples.inputs[i][0] for i in rows]
    vectorizer = base.make_vectorizer()
    matrix = vectorizer.fit_transform(texts).tocsr()
    signals = np.asarray([examples.inputs[i][1] for i in rows], dtype=np.float64)
    groups = [weighting_group(examples.extras[i], weighting) for i in rows]
    languages = [language_of(examples.extras[i]) for i in rows]
    return Encoded(list(rows), vectorizer, matrix, signals, source_weights(groups, weighting), languages)


def _fit_head(
    spec: ModelSpec,
    label: str,
    enc: Encoded,
    keep: np.ndarray,
    y: np.ndarray,
    seed: int,
    threads: int = 2,
    line: LineTraining | None = None,
) -> HeadResult:
    """Grid search with stratified CV (log-loss), then a final fit; threshold from out-of-fold F1.

    ``keep`` selects the rows of ``enc`` labelled for this head and ``y`` holds their labels.
    The heads and folds share ``enc``'s encoding: the vocabulary and document frequencies
    come from every training résumé's text (never a label, never a test résumé). ``line``:
    the head's line scorer and the cross-fitted values of the kept rows (their last signal).
    """
    scorer = line.scorer if line is not None else None
    base = ExplainableTextClassifier(**spec.estimator_params(label), random_state=seed, line_scorer=scorer)
    grid = spec.estimator.grid or {}
    keys = sorted(grid)
    combos: list[dict[str, Any]] = [{}]
    for key in keys:
        combos = [{**c, key: v} for c in combos for v in grid[key]]
    text, signals, weights = enc.text[keep], enc.signals[keep], enc.weights[keep]
    # No language carries the label's prior (the real sets' few Chinese résumés are mostly
    # Web3): within each language, positives weigh their overall share.
    weights = weights * language_weights(y, [enc.languages[k] for k in np.flatnonzero(keep)], weights)
    if line is not None:
        signals = np.column_stack([signals, line.values])
    splitter = StratifiedKFold(n_splits=spec.estimator.cv_folds, shuffle=True, random_state=seed)
    folds = list(splitter.split(text, y))

    def out_of_fold(job: tuple[int, int]) -> np.ndarray:
        params, (tr, va) = combos[job[0]], folds[job[1]]
        est = clone(base).set_params(**params)
        est.fit_encoded(enc.vectorizer, text[tr], signals[tr], y[tr], sample_weight=weights[tr])
        out: np.ndarray = est.predict_proba_encoded(text[va], signals[va])
        return out

    # Every (grid point, fold) fit is independent: threads overlap them (the solver's
    # sparse products release the GIL), and the result does not depend on their order.
    jobs = [(c, f) for c in range(len(combos)) for f in range(len(folds))]
    # One BLAS thread per fit: BLAS pools in each of our threads would fight for the cores.
    with threadpool_limits(limits=1), ThreadPoolExecutor(max_workers=max(1, threads)) as pool:
        predicted = dict(zip(jobs, pool.map(out_of_fold, jobs), strict=True))
    best: tuple[float, dict[str, Any], np.ndarray] | None = None
    for c, params in enumerate(combos):
        oof = np.zeros(len(y))
        loss = 0.0
        for f, (_, va) in enumerate(folds):
            p = predicted[(c, f)]
            oof[va] = p
            p = np.clip(p, 1e-6, 1 - 1e-6)
            loss += float(-np.sum(weights[va] * (y[va] * np.log(p) + (1 - y[va]) * np.log(1 - p))))
        score = loss / float(weights.sum())
        if best is None or score < best[0]:
            best = (score, params, oof)
    assert best is not None
    score, params, oof = best
    threshold = metrics.choose_threshold(y, oof, weights) if spec.threshold == "f1" else 0.5
    model = clone(base).set_params(**params)
    model.fit_encoded(enc.vectorizer, text, signals, y, sample_weight=weights)
    model.set_threshold(threshold)
    return HeadResult(label, model, params, threshold, score)


def _swap_variants(
    examples: Examples, rows: Sequence[int], settings: Settings
) -> tuple[list[ModelInput], dict[str, list[ModelInput]]]:
    """Held-out résumés as they are, and with each identity of ``fairness.NAME_GROUPS`` injected."""
    from screening.audit.counterfactual import name_spans
    from screening.features import featurize
    from screening.model import model_input
    from screening.parsing.pipeline import parse_text
    from screening.parsing.resources import load_resources

    resources = load_resources(settings.data_dir, settings.spacy_model)
    originals: list[ModelInput] = []
    variants: dict[str, list[ModelInput]] = {g["group"]: [] for g in fairness.NAME_GROUPS}
    for i in rows:
        parsed = examples.parsed[i]
        base = parse_text(parsed.text, resources)
        originals.append(model_input(featurize(base, resources.gazetteer)))
        names = name_spans(parsed)
        for identity in fairness.NAME_GROUPS:
            variant = parse_text(fairness.swap_identity(parsed.text, names, identity), resources)
            variants[identity["group"]].append(model_input(featurize(variant, resources.gazetteer)))
    return originals, variants


def _short(value: object) -> str:
    """A slice value: ``livecareer/records.jsonl`` for a data file (its folder tells sets apart)."""
    if value is None or value == "":
        return "unknown"
    path = Path(str(value))
    return f"{path.parent.name}/{path.name}" if path.suffix == ".jsonl" else str(value)


def _data_frame(examples: Examples) -> pd.DataFrame:
    """Every record's id, source file, labels and quotes: the training data as logged."""
    return pd.DataFrame(
        {
            "id": examples.ids,
            "source": [str(e.get("source_file", "")) for e in examples.extras],
            **{f"label.{name}": examples.y[:, j] for j, name in enumerate(examples.labels)},
            "evidence": [
                json.dumps(e.get("evidence"), sort_keys=True, ensure_ascii=False) for e in examples.extras
            ],
        }
    )


def _digest(frame: pd.DataFrame) -> str:
    return hashlib.sha256(pd.util.hash_pandas_object(frame, index=False).to_numpy().tobytes()).hexdigest()[
        :16
    ]


def data_digest(examples: Examples) -> str:
    """The digest of the training data (the ``data_digest`` tag of a run): of every record's
    id, source file, labels and quotes, so that a relabelled record, a label file or a changed
    quote changes it (MLflow's own dataset digest reads only the first 10,000 rows)."""
    return _digest(_data_frame(examples))


def _log_dataset(examples: Examples, paths: Sequence[Path]) -> str:
    """Log the training data as an MLflow dataset; return :func:`data_digest`."""
    frame = _data_frame(examples)
    with warnings.catch_warnings():
        # MLflow registers the local-artifact source class twice and warns that a local path
        # "can be interpreted in multiple ways" (both ways are the same class).
        warnings.filterwarnings(
            "ignore", message="The specified dataset source can be interpreted", category=UserWarning
        )
        ds = from_pandas(
            frame, source=",".join(str(Path(p).resolve()) for p in paths), name="labelled-resumes"
        )
    mlflow.log_input(ds, context="training")
    return _digest(frame)


@dataclass
class FittedHeads:
    """What :func:`fit_heads` gives: each label's fitted head and its line scorer's training
    (``None`` for a label without one)."""

    heads: dict[str, HeadResult]
    lines: dict[str, LineTraining | None]

    def bundle(self, spec: ModelSpec, versions: dict[str, str] | None = None) -> ScoringBundle:
        """The heads as ``spec``'s scoring bundle, each with the threshold chosen for it."""
        return ScoringBundle(
            name=spec.name,
            labels=list(spec.labels),
            heads={label: h.model for label, h in self.heads.items()},
            thresholds={label: h.threshold for label, h in self.heads.items()},
            versions=dict(versions or {}),
        )


def fit_heads(
    spec: ModelSpec,
    examples: Examples,
    train_rows: Sequence[int],
    *,
    seed: int,
    groups: Mapping[str, str] | None = None,
    workers: int = 2,
    encode_cache: dict[tuple[Any, ...], Encoded] | None = None,
    line_cache: LineCache | None = None,
    echo: Callable[[str], None] = logger.info,
) -> FittedHeads:
    """Fit every head of ``spec`` on the training résumés ``train_rows`` (example indices), as
    :func:`train_model` does, without MLflow: encode them once (``encode_cache`` shares the
    encoding between specs), then per label the line scorer (cross-fitted, ``groups`` keeping
    copies of a résumé in one fold) and the head (grid search, final fit, threshold).

    Raises:
        ValueError: a label has one class only among the training résumés.
    """
    cols = [examples.labels.index(label) for label in spec.labels]
    started = time.perf_counter()
    labelled = [i for i in train_rows if any(not math.isnan(examples.y[i, c]) for c in cols)]
    base = ExplainableTextClassifier(**spec.estimator_params(), random_state=seed)
    # Specs with the same text settings, rows and weighting share one encoding.
    enc_key = (tuple(labelled), repr(base.make_vectorizer().get_params()), spec.source_weighting)
    if encode_cache is not None and enc_key in encode_cache:
        enc = encode_cache[enc_key]
    else:
        enc = encode(base, examples, labelled, spec.source_weighting)
        if encode_cache is not None:
            encode_cache[enc_key] = enc
    echo(f"  encoded {len(labelled)} training résumés ({time.perf_counter() - started:5.1f} s, "
         f"{enc.text.shape[1]} n-grams)")  # fmt: skip
    # One line vectoriser for the model's heads: their scorers encode a text once.
    line_vectorizer = (
        shared_vectorizer(examples, enc.rows, spec.evidence_lines) if spec.evidence_lines else None
    )
    heads: dict[str, HeadResult] = {}
    lines: dict[str, LineTraining | None] = {}
    for label, col in zip(spec.labels, cols, strict=True):
        keep = ~np.isnan(examples.y[enc.rows, col])
        y = examples.y[enc.rows, col][keep].astype(int)
        if len(set(y.tolist())) < 2:
            raise ValueError(f"{spec.name}: label {label!r} has one class only in the training data")
        started = time.perf_counter()
        line = None
        if spec.evidence_lines is not None:
            kept = [enc.rows[k] for k in np.flatnonzero(keep)]
            line = fit_line_scorer(
                examples, kept, label, spec.evidence_lines, seed,
                vectorizer=line_vectorizer, groups=groups, cache=line_cache,
            )  # fmt: skip
        lines[label] = line
        head = heads[label] = _fit_head(spec, label, enc, keep, y, seed, threads=workers, line=line)
        taught = f", {line.evidence_lines} evidence lines of {line.resumes}" if line else ""
        echo(f"  {label:<15} fit on {len(y):>5} ({time.perf_counter() - started:5.1f} s), "
             f"C={head.params.get('C')}, threshold={head.threshold:.2f}{taught}")  # fmt: skip
    return FittedHeads(heads, lines)


def train_model(
    spec: ModelSpec,
    dataset: Dataset,
    examples: Examples,
    *,
    paths: Sequence[Path],
    settings: Settings,
    seed: int,
    register: bool,
    swap_sample: int = 60,
    matched_panel_size: int = MATCHED_PANEL_SIZE,
    workers: int = 2,
    swap_cache: dict[tuple[int, ...], Any] | None = None,
    panel_cache: dict[tuple[int, ...], MatchedPanel] | None = None,
    grams_cache: dict[tuple[Any, ...], list[Any]] | None = None,
    encode_cache: dict[tuple[Any, ...], Encoded] | None = None,
    line_cache: LineCache | None = None,
    echo: Callable[[str], None] = logger.info,
) -> ModelResult:
    """Train, evaluate, audit and (optionally) register and promote one model.

    ``matched_panel_size`` résumés make the matched panel of the bias audit
    (:func:`training.bias_audit.build_matched_panel`); 0 leaves it out. Models trained on the
    same data share the panel through ``panel_cache``, the proxy check's n-grams through
    ``grams_cache``, and their line scorers' encodings of the résumés through ``line_cache``.
    """
    split = split_dataset(dataset, seed=seed)
    index = {rid: i for i, rid in enumerate(examples.ids)}
    train_rows = [index[r.id] for r in split.train if r.id in index]
    test_rows = [index[r.id] for r in split.test if r.id in index]
    cols = [examples.labels.index(label) for label in spec.labels]
    taxonomy = load_taxonomy(settings.data_dir)
    with mlflow.start_run(run_name=f"{spec.name}-{datetime.now(UTC):%Y%m%dT%H%M%S}") as run:
        digest = _log_dataset(examples, paths)
        mlflow.set_tags(
            {"git_commit": git_commit(), "data_digest": digest, "parser_version": PARSER_VERSION,
             "taxonomy_version": taxonomy.version, "model_name": spec.name}
        )  # fmt: skip
        params = {f"estimator.{k}": v for k, v in spec.estimator_params().items()}
        if isinstance(spec.features.signals, dict):
            params.update({f"estimator.{x}.signal_names": tuple(n) for x, n in spec.features.signals.items()})
        mlflow.log_params(
            {
                "seed": seed,
                "labels": ",".join(spec.labels),
                "n_train": len(train_rows),
                "n_test": len(test_rows),
                **params,
            }
        )
        fitted = fit_heads(
            spec, examples, train_rows, seed=seed, groups=split.group_of, workers=workers,
            encode_cache=encode_cache, line_cache=line_cache, echo=echo,
        )  # fmt: skip
        heads = fitted.heads
        for label, head in heads.items():
            line = fitted.lines.get(label)
            if spec.evidence_lines is not None:
                mlflow.log_metrics(
                    {f"{label}.evidence_lines": line.evidence_lines if line else 0,
                     f"{label}.evidence_line_resumes": line.resumes if line else 0}
                )  # fmt: skip
            mlflow.log_params({f"{label}.{k}": v for k, v in head.params.items()})
            mlflow.log_metric(f"cv.{label}.log_loss", head.cv_score)
        bundle = fitted.bundle(
            spec, {"parser": PARSER_VERSION, "taxonomy": taxonomy.version, "git_commit": git_commit()}
        )
        # Evaluate on held-out data. The held-out résumés and those with declared demographics
        # (the impact ratios and the bias audit below) are read once, together.
        demo_rows = [i for i, e in enumerate(examples.extras) if e.get("demographics")]
        read_rows = list(dict.fromkeys([*test_rows, *demo_rows]))
        at = {row: k for k, row in enumerate(read_rows)}
        reading = bundle.read([examples.inputs[i] for i in read_rows])
        test_inputs = [examples.inputs[i] for i in test_rows]
        # The held-out records' own labels (a label file's added labels train, never judge).
        y_test = label_matrix([r for r in split.test if r.id in index], spec.labels)
        proba = reading.take([at[i] for i in test_rows]).stacked(spec.labels)
        draws = metrics.BOOTSTRAP_DRAWS
        results = metrics.evaluate_labels(y_test, proba, bundle.thresholds, spec.labels, n_boot=draws)
        slices: dict[str, Any] = {}
        for key in ("origin", "source_file", "lang", "layout"):
            values = [f"{key}={_short(examples.extras[i].get(key))}" for i in test_rows]
            slices.update(
                metrics.slice_metrics(y_test, proba, bundle.thresholds, spec.labels, values, n_boot=draws)
            )
        mlflow.log_metrics(metrics.flatten_for_logging(results, "test"))
        for name, values in slices.items():
            mlflow.log_metrics(metrics.flatten_for_logging(values, f"slice.{name}"))
        # Fairness: identity swaps on held-out résumés; impact ratios across demographic groups.
        sample = test_rows[:swap_sample]
        # The identity-swapped inputs depend only on the résumés, not on the model: models
        # trained on the same split share them (``swap_cache``) instead of re-parsing.
        sample_key = tuple(sample)
        if swap_cache is not None and sample_key in swap_cache:
            originals, variants = swap_cache[sample_key]
        else:
            originals, variants = _swap_variants(examples, sample, settings)
            if swap_cache is not None:
                swap_cache[sample_key] = (originals, variants)
        base_p = bundle.probabilities(originals, spec.labels)
        swapped_p = {group: bundle.probabilities(v, spec.labels) for group, v in variants.items()}
        swap = fairness.swap_invariance(base_p, swapped_p)
        # Counterfactual panel: the same held-out résumés under every identity; selection rates
        # per gender and per culture, so any gap is the model's doing, not the sample's.
        panel: dict[str, Any] = {}
        identities = {g["group"]: g for g in fairness.NAME_GROUPS}
        for j, label in enumerate(spec.labels):
            for attribute in ("gender", "culture"):
                selected: list[bool] = []
                groups_of: list[str] = []
                for group, probs in swapped_p.items():
                    selected.extend(bool(p >= bundle.thresholds[label]) for p in probs[:, j])
                    groups_of.extend([str(identities[group][attribute])] * len(probs))
                panel[f"{label}.{attribute}"] = fairness.impact_ratios(selected, groups_of)
        panel_ratio = min(
            (float(r["min_impact_ratio"]) for r in panel.values() if r.get("min_impact_ratio") is not None),
            default=1.0,
        )
        # Impact ratios over every résumé whose demographics are known (the generated corpus):
        # selection rates need the larger groups; names never reach the model either way.
        ratios: dict[str, Any] = {}
        excess: dict[str, float] = {}
        demo_read = reading.take([at[i] for i in demo_rows])
        demo_p = demo_read.stacked(spec.labels)
        for j, (label, col) in enumerate(zip(spec.labels, cols, strict=True)):
            if not demo_rows:
                break
            scores = demo_p[:, j]
            predicted = [bool(p >= bundle.thresholds[label]) for p in scores]
            truth = examples.y[demo_rows, col]
            for attribute in ("gender", "name_origin"):
                groups = [(examples.extras[i].get("demographics") or {}).get(attribute) for i in demo_rows]
                if not any(groups):
                    continue
                key = f"{label}.{attribute}"
                ratios[key] = fairness.impact_ratios(predicted, groups)
                known_rows = [k for k, t in enumerate(truth) if not math.isnan(t)]
                label_ratios = fairness.impact_ratios(
                    [bool(truth[k]) for k in known_rows], [groups[k] for k in known_rows]
                )
                excess[key] = _excess_ratio(ratios[key], label_ratios)
        min_ratio = min(
            (r["min_impact_ratio"] for r in ratios.values() if r.get("min_impact_ratio") is not None),
            default=1.0,
        )
        min_excess = min(excess.values(), default=1.0)
        mlflow.log_metrics(
            {
                "fairness.max_swap_change": float(swap["max_change"]),
                "fairness.min_impact_ratio": float(min_ratio),
                "fairness.min_impact_ratio_vs_labels": float(min_excess),
                "fairness.min_impact_ratio_counterfactual": panel_ratio,
            }
        )
        macro_f1 = float(results["macro_f1"])
        max_ece = max(float(results[label]["ece"]) for label in spec.labels)
        gates = {
            "min_macro_f1": macro_f1 >= spec.gates.min_macro_f1,
            "max_ece": max_ece <= spec.gates.max_ece,
            "max_swap_change": float(swap["max_change"]) <= spec.gates.max_swap_change,
            "min_impact_ratio": panel_ratio >= spec.gates.min_impact_ratio,
        }
        # The bias audit of this version (scoring rates by gender, name origin and both, with
        # significance and intervals) and the proxy check, logged under audit/.
        bias = None
        matched: MatchedAudit | None = None
        if demo_rows:
            started = time.perf_counter()
            bias = run_bias_audit(
                bundle, examples, demo_rows, label_columns=dict(zip(spec.labels, cols, strict=True)),
                gazetteer=load_gazetteer(settings.data_dir), version=f"{spec.name} (run {run.info.run_id})",
                source=f"{len(demo_rows)} résumés of the training data with declared demographics",
                grams_cache=grams_cache, reading=demo_read,
            )  # fmt: skip
            log_bias_audit(bias)
            echo(f"  bias audit and proxy check ({time.perf_counter() - started:5.1f} s)")
            started = time.perf_counter()
            matched = _matched_audit(
                bundle, examples, demo_rows, settings=settings, size=matched_panel_size, seed=seed,
                version=f"{spec.name} (run {run.info.run_id})", cache=panel_cache, workers=workers,
            )  # fmt: skip
            if matched is not None:
                echo(f"  matched panel audit, {len(matched.sources)} résumés × {len(IDENTITY_GROUPS)} "
                     f"identity groups ({time.perf_counter() - started:5.1f} s)")  # fmt: skip
        mlflow.log_dict(
            {
                "gates": gates,
                "swap": swap,
                "impact_ratios_counterfactual": panel,
                "impact_ratios": ratios,
                "impact_ratio_vs_labels": excess,
            },
            "fairness.json",
        )
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp)
            for label, col in zip(spec.labels, range(len(spec.labels)), strict=True):
                known = ~np.isnan(y_test[:, col])
                yt = y_test[known, col].astype(int)
                pp = proba[known, col]
                plots.confusion_matrix_png(
                    yt, pp >= bundle.thresholds[label], label, out / f"confusion_{label}.png"
                )
                plots.calibration_curve_png(yt, pp, label, out / f"calibration_{label}.png")
                pd.DataFrame(bundle.heads[label].top_features(30)).to_csv(
                    out / f"top_features_{label}.csv", index=False
                )
            card = render_model_card(
                model_name=spec.name, version="(this run)", spec=spec.model_dump(by_alias=True),
                data_summary={"records": len(examples.ids), "train": len(train_rows), "test": len(test_rows),
                              "skipped": len(examples.skipped), "sources": [str(p) for p in paths]},
                metrics=results, slices=slices,
                fairness={
                    "swap": swap,
                    "impact_ratios": {**{f"counterfactual {k}": v for k, v in panel.items()}, **ratios},
                    "gates": gates,
                },
                bias_audit=summary_markdown(bias, matched=matched, level=4) if bias else None,
                proxy_check=render_proxy_markdown(bias.proxy, level=4) if bias else None,
                thresholds=bundle.thresholds, limitations=_LIMITATIONS,
                created=datetime.now(UTC).isoformat(timespec="seconds"),
            )  # fmt: skip
            (out / "model_card.md").write_text(card, encoding="utf-8")
            bundle_path = bundle.save(out / "bundle.skops")
            mlflow.log_artifacts(str(out), artifact_path="report")
            result = ModelResult(spec, run.info.run_id, results, gates, slices=slices)
            if register:
                _register(spec, bundle_path, test_inputs, result, y_test)
    return result


def _matched_audit(
    bundle: ScoringBundle,
    examples: Examples,
    rows: Sequence[int],
    *,
    settings: Settings,
    size: int,
    seed: int,
    version: str,
    cache: dict[tuple[int, ...], MatchedPanel] | None,
    workers: int = 1,
) -> MatchedAudit | None:
    """Build (or take from ``cache``) the matched panel of ``rows``, audit ``bundle`` on it and
    log the audit; None when the panel is empty (no generated English résumé, or ``size`` 0)."""
    from screening.parsing.resources import load_resources

    key = (size, seed, *rows)
    panel = cache.get(key) if cache is not None else None
    if panel is None:
        sources = matched_panel_sources(examples, rows, size=size, seed=seed)
        resources = load_resources(settings.data_dir, settings.spacy_model)
        panel = build_matched_panel(sources, resources, settings=settings, workers=workers)
        if cache is not None:
            cache[key] = panel
    if not panel.sources:
        return None
    matched = run_matched_audit(bundle, panel, version=version)
    log_matched_audit(matched)
    return matched


def _excess_ratio(predicted: dict[str, Any], labels: dict[str, Any]) -> float:
    """The smallest, over groups, of the predicted impact ratio divided by the labels' own
    impact ratio (both against the predicted reference group): how much *less* often the
    model selects a group than its labels warrant. 1.0 means no disparity added by the model.

    Identity in the generated corpus is drawn independently of every label, yet with many
    groups of a few hundred résumés the labels themselves differ between groups by chance
    (which careers each group drew), and so do the model's errors. Both corpus ratios are
    logged for the audit; the gate uses the counterfactual panel (same résumés, every identity).
    """
    ref = predicted.get("reference_group")
    pred_groups, label_groups = predicted.get("groups", {}), labels.get("groups", {})
    if ref is None or ref not in label_groups or not label_groups[ref].get("rate"):
        return 1.0
    worst = 1.0
    for name, g in pred_groups.items():
        lg = label_groups.get(name)
        if g.get("small") or g.get("impact_ratio") is None or not lg or not lg.get("rate"):
            continue
        label_ratio = lg["rate"] / label_groups[ref]["rate"]
        worst = min(worst, float(g["impact_ratio"]) / label_ratio)
    return worst


_LIMITATIONS = [
    "Advice for human review only: never use a score to reject a candidate automatically.",
    "Trained largely on generated résumés plus small real sets; the real LiveCareer set is US-centred "
    "and has no Web3.",
    "Scores the text of the résumé only; facts not written down cannot be seen.",
    "Identity and protected attributes are redacted before featurization; proxies may remain (see fairness).",
]


def _register(
    spec: ModelSpec, bundle_path: Path, test_inputs: list[ModelInput], result: ModelResult, y_test: np.ndarray
) -> None:
    frame = pd.DataFrame(
        {"text": [t for t, _ in test_inputs[:2]], "signals": [list(s) for _, s in test_inputs[:2]]}
    )
    info = mlflow.pyfunc.log_model(
        name="model",
        python_model=BundleModel(),
        artifacts={BUNDLE_ARTIFACT: str(bundle_path)},
        pip_requirements=PIP_REQUIREMENTS,
        input_example=frame,
        registered_model_name=spec.name,
    )
    version = str(info.registered_model_version)
    result.version = version
    client = mlflow.MlflowClient()
    challenger_score = float(result.metrics["macro_f1"])
    champion_score: float | None = None
    try:
        champion = load_model(model_uri(spec.name, CHAMPION))
        proba = champion.bundle.probabilities(test_inputs, spec.labels)
        champion_score = float(
            metrics.evaluate_labels(y_test, proba, champion.bundle.thresholds, spec.labels)["macro_f1"]
        )
    except mlflow.exceptions.MlflowException:
        champion_score = None
    result.champion_score = champion_score
    passes = all(result.gates.values())
    beats = champion_score is None or challenger_score > champion_score
    alias = CHAMPION if passes and beats else CHALLENGER
    client.set_registered_model_alias(spec.name, alias, version)
    client.set_model_version_tag(spec.name, version, "gates", json.dumps(result.gates))
    result.alias = alias
    if not passes:
        result.notes.append("gates failed: " + ", ".join(k for k, ok in result.gates.items() if not ok))
    elif not beats:
        result.notes.append(f"did not beat champion ({challenger_score:.3f} <= {champion_score:.3f})")


def train(
    specs: Sequence[ModelSpec],
    data: Sequence[Path],
    *,
    settings: Settings,
    experiment: str = "screening",
    seed: int = 0,
    register: bool = True,
    workers: int = 2,
    progress: bool = False,
    matched_panel_size: int = MATCHED_PANEL_SIZE,
    label_files: Sequence[Path] = (),
    echo: Callable[[str], None] = logger.info,
) -> list[ModelResult]:
    """Train every spec on the same data, each in its own MLflow run.

    ``label_files`` add labels to the records of ``data`` by id (:mod:`training.label_files`):
    they train, and are never held out.

    ``echo`` receives one progress line per step (the CLI prints them; the default logs them).
    ``matched_panel_size``: résumés of the bias audit's matched panel, built once and shared by
    every spec (see :func:`train_model`).
    """
    configure()
    mlflow.set_experiment(experiment_id=ensure_experiment(experiment))
    echo(f"loading {len(data)} data file(s)…")
    # One source for loading and featurising: each PDF is read and parsed once.
    source = ParsedPdfSource(settings, workers=workers)
    dataset = load_records(data, labels=label_files, text_source=source)
    for added in dataset.report.label_files:
        echo(f"{added.file}: labels for {added.records_labelled} records (they train, never held out)")
    labels = sorted({label for spec in specs for label in spec.labels})
    examples = build_examples(
        dataset, settings=settings, labels=labels, workers=workers, progress=progress, source=source
    )
    echo(f"{len(examples.ids)} résumés ready ({len(examples.skipped)} skipped)")
    results = []
    swap_cache: dict[tuple[int, ...], Any] = {}
    panel_cache: dict[tuple[int, ...], MatchedPanel] = {}
    grams_cache: dict[tuple[Any, ...], list[Any]] = {}
    encode_cache: dict[tuple[Any, ...], Encoded] = {}
    line_cache = LineCache()
    for spec in specs:
        echo(f"{spec.name}:")
        results.append(
            train_model(
                spec,
                dataset,
                examples,
                paths=[*data, *label_files],
                settings=settings,
                seed=seed,
                register=register,
                swap_cache=swap_cache,
                panel_cache=panel_cache,
                grams_cache=grams_cache,
                matched_panel_size=matched_panel_size,
                encode_cache=encode_cache,
                line_cache=line_cache,
                workers=workers,
                echo=echo,
            )
        )
    return results
