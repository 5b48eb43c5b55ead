"""Model quality over several train/test splits: real held-out F1 and ROC-AUC per label.

    python -m benchmarks.model_splits --data var/corpus/index.jsonl \\
        --data ../shared/datasets/livecareer/records.jsonl \\
        --data ../shared/datasets/written/records.jsonl [--labels FILE] [--model all] [--seeds 0 1 2 3 4]

One split holds some 80 real résumés: its F1 moves by ±0.07–0.12 from one draw to the next,
more than most changes to a model. This script fits every head of the specs in ``models/``
exactly as ``screening train --seed S`` does (:func:`training.train.fit_heads`), for each
split seed, without MLflow, and prints per label the F1 at the head's threshold and the
ROC-AUC on the held-out résumés whose origin is ``real`` (the annotated ones), per split and
as the mean over the splits, with each model's macro-F1. Seed 0 gives the figures of the
reference run. Every PDF is parsed once (the parse cache); the splits then take about
30 s each on 2 cores for both models.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from training.dataset import Dataset
    from training.examples import Examples
    from training.specs import ModelSpec


Figures = dict[str, dict[str, list[tuple[float, float]]]]


def split_figures(
    specs: Sequence[ModelSpec], dataset: Dataset, examples: Examples, seeds: Sequence[int], workers: int = 2
) -> Figures:
    """For each spec, label and split seed: the F1 at the head's threshold and the ROC-AUC
    (nan with one class) on the split's held-out résumés of origin ``real``."""
    from training.evidence_lines import LineCache
    from training.examples import label_matrix
    from training.metrics import evaluate_labels
    from training.splits import split_dataset
    from training.train import Encoded, fit_heads

    index = {rid: i for i, rid in enumerate(examples.ids)}
    out: Figures = {s.name: {x: [] for x in s.labels} for s in specs}
    for seed in seeds:
        split = split_dataset(dataset, seed=seed)
        train_rows = [index[r.id] for r in split.train if r.id in index]
        test = [r for r in split.test if r.id in index and examples.extras[index[r.id]]["origin"] == "real"]
        real = [index[r.id] for r in test]
        encode_cache: dict[tuple[object, ...], Encoded] = {}
        line_cache = LineCache()
        for spec in specs:
            started = time.perf_counter()
            fitted = fit_heads(
                spec, examples, train_rows, seed=seed, groups=split.group_of, workers=workers,
                encode_cache=encode_cache, line_cache=line_cache, echo=lambda _: None,
            )  # fmt: skip
            bundle = fitted.bundle(spec)
            proba = bundle.probabilities([examples.inputs[i] for i in real], spec.labels)
            y = label_matrix(test, spec.labels)  # their own labels, as training evaluates
            # The metrics training logs for the held-out real slice (training.metrics).
            found = evaluate_labels(y, proba, bundle.thresholds, spec.labels)
            shown = []
            for label in spec.labels:
                f1, auc = float(found[label]["f1"]), float(found[label]["roc_auc"])
                out[spec.name][label].append((f1, auc))
                shown.append(f"{label} {f1:.3f} ({auc:.3f})")
            took = time.perf_counter() - started
            print(f"split {seed} · {spec.name}: " + " · ".join(shown) + f"  [{took:.0f} s]", flush=True)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, action="append", required=True, help="labelled JSONL (repeatable)")
    ap.add_argument("--labels", type=Path, action="append", default=[], help="label file (repeatable)")
    ap.add_argument("--model", choices=["background", "aha", "all"], default="all")
    ap.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2, 3, 4])
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args(argv)

    from screening.settings import Settings
    from training.dataset import load_records
    from training.examples import build_examples
    from training.specs import load_specs
    from training.text_source import ParsedPdfSource

    started = time.perf_counter()
    settings = Settings()
    specs = load_specs(args.model)
    source = ParsedPdfSource(settings, workers=args.workers)
    dataset = load_records(args.data, labels=args.labels, text_source=source)
    labels = sorted({label for spec in specs for label in spec.labels})
    examples = build_examples(dataset, settings=settings, labels=labels, workers=args.workers, source=source)
    print(f"{len(examples.ids)} résumés ready in {time.perf_counter() - started:.0f} s", flush=True)
    results = split_figures(specs, dataset, examples, args.seeds, args.workers)

    print(f"\nreal held-out résumés, splits {' '.join(map(str, args.seeds))}: F1 at the threshold (ROC-AUC)")
    for spec in specs:
        for label in spec.labels:
            f1s = [f for f, _ in results[spec.name][label]]
            aucs = [a for _, a in results[spec.name][label]]
            per_split = " · ".join(f"{f:.3f}" for f in f1s)
            mean = f"mean {np.mean(f1s):.3f} ({np.nanmean(aucs):.3f})"
            print(f"  {spec.name:<21} {label:<15} {per_split}   {mean}")
        macro = [
            float(np.mean([results[spec.name][x][k][0] for x in spec.labels])) for k in range(len(args.seeds))
        ]
        print(
            f"  {spec.name:<21} {'macro-F1':<15} "
            + " · ".join(f"{m:.3f}" for m in macro)
            + f"   mean {np.mean(macro):.3f}"
        )
    print(f"done in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
