"""``screening train`` and ``screening evaluate``: thin wrappers over :mod:`training.train`."""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from training.train import ModelResult


def _run_train(args: argparse.Namespace) -> int:
    from screening.settings import Settings
    from training.specs import load_specs
    from training.train import train

    specs = load_specs(args.model)
    results = train(
        specs,
        [Path(p) for p in args.data],
        settings=Settings(),
        experiment=args.experiment,
        seed=args.seed,
        register=not args.no_register,
        workers=args.workers,
        label_files=[Path(p) for p in args.labels],
        progress=True,
        echo=print,
    )
    print()
    for line in summary_lines(results):
        print(line)
    return 0


def summary_lines(results: Sequence[ModelResult]) -> list[str]:
    """The table printed at the end of ``screening train``: per model its macro-F1, the
    champion's, the version and alias and the gates; per label the held-out figures with
    their bootstrap interval; per origin (generated, real) the held-out macro-F1."""
    out = [f"{'model':<22} {'macro-F1':>8} {'champion':>9} {'version':>8} {'alias':>11}  gates"]
    for r in results:
        champ = "-" if r.champion_score is None else f"{r.champion_score:.3f}"
        failed = [k for k, ok in r.gates.items() if not ok]
        out.append(
            f"{r.spec.name:<22} {r.metrics['macro_f1']:>8.3f} {champ:>9} {r.version or '-':>8} "
            f"{r.alias or '-':>11}  {'all pass' if not failed else 'FAILED: ' + ', '.join(failed)}"
        )
        for label in r.spec.labels:
            m = r.metrics[label]
            out.append(f"    {label:<16} F1 {m['f1']:.3f}{_interval(m, 'f1')}  P {m['precision']:.3f}  "
                       f"R {m['recall']:.3f}  AUC {m['roc_auc']:.3f}  ECE {m['ece']:.3f}  "
                       f"n={m['support']:.0f}")  # fmt: skip
        for name, m in sorted(r.slices.items()):
            if name.startswith("origin="):
                labels = [lb for lb in r.spec.labels if m[lb]["positives"]]
                per_label = " · ".join(f"{lb} {m[lb]['f1']:.3f}" for lb in labels)
                labelled = m["labelled"]
                out.append(f"    held-out {name[7:]:<7} macro-F1 {m['macro_f1']:.3f}"
                           f"{_interval(m, 'macro_f1')} ({per_label}), {labelled:.0f} labelled")  # fmt: skip
        for note in r.notes:
            out.append(f"    note: {note}")
    return out


def _interval(metrics: dict[str, Any], key: str) -> str:
    """`` [low–high]``: the 95 % bootstrap interval of ``key`` in ``metrics``, if recorded."""
    from training.metrics import interval_of

    found = interval_of(metrics, key)
    return "" if found is None else f" [{found[0]:.2f}–{found[1]:.2f}]"


def _run_evaluate(args: argparse.Namespace) -> int:
    from screening.settings import Settings
    from training.evaluate import evaluate

    out = evaluate(
        [Path(p) for p in args.data], model=args.model, model_uri=args.model_uri, settings=Settings()
    )
    text = json.dumps(out, indent=2, sort_keys=True, default=float)
    if args.out:
        Path(args.out).write_text(text + "\n", encoding="utf-8")
    print(text)
    return 0


def register_train(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``screening train``."""
    p = subparsers.add_parser("train", help="train, evaluate and register the screening models (MLflow)")
    p.add_argument("--data", action="append", required=True, help="labelled JSONL (repeatable)")
    p.add_argument(
        "--labels",
        action="append",
        default=[],
        metavar="PATH",
        help="label file adding labels to --data records by id (repeatable; they train, never held out)",
    )
    p.add_argument("--model", choices=["background", "aha", "all"], default="all")
    p.add_argument("--experiment", default="screening", help="MLflow experiment name")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--workers", type=int, default=2, help="parser processes for PDFs not yet parsed")
    p.add_argument("--no-register", action="store_true", help="log the runs but register no model version")
    p.set_defaults(func=_run_train)


def register_evaluate(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``screening evaluate``."""
    p = subparsers.add_parser("evaluate", help="evaluate the champions (or a model URI) on labelled data")
    p.add_argument("--data", action="append", required=True, help="labelled JSONL (repeatable)")
    p.add_argument("--model", choices=["background", "aha", "all"], default="all")
    p.add_argument("--model-uri", help="e.g. models:/screening-aha/3 (default: the champion)")
    p.add_argument("--out", help="also write the metrics JSON here")
    p.set_defaults(func=_run_evaluate)
