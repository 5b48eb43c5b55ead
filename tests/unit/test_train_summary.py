"""The summary table at the end of ``screening train``."""

from __future__ import annotations

import numpy as np

from training import metrics
from training.specs import DEFAULT_SPEC_DIR, load_spec
from training.train import ModelResult
from training.train_cli import summary_lines


def test_the_summary_gives_each_figure_its_interval_and_the_real_slice_its_labelled_count() -> None:
    spec = load_spec(DEFAULT_SPEC_DIR / "background.yaml")
    rng = np.random.default_rng(0)
    y = rng.integers(0, 2, size=(60, 3)).astype(float)
    y[40:, 2] = np.nan  # the real records have no Web3 label here
    p = np.clip(0.6 * y + rng.uniform(0, 0.5, size=y.shape), 0, 1)
    p = np.nan_to_num(p, nan=0.3)
    thresholds = dict.fromkeys(spec.labels, 0.5)
    results = metrics.evaluate_labels(y, p, thresholds, spec.labels, n_boot=200)
    origins = ["origin=generated"] * 40 + ["origin=real"] * 20
    slices = metrics.slice_metrics(y, p, thresholds, spec.labels, origins, n_boot=200)
    result = ModelResult(spec, "run", results, {"min_macro_f1": True}, "3", "champion", 0.7, slices=slices)
    lines = summary_lines([result])
    assert lines[1].startswith("screening-background")
    assert lines[1].endswith("all pass")
    tradfi = next(line for line in lines if line.strip().startswith("tradfi"))
    low, high = results["tradfi"]["f1_ci_low"], results["tradfi"]["f1_ci_high"]
    assert f"F1 {results['tradfi']['f1']:.3f} [{low:.2f}–{high:.2f}]" in tradfi
    real = next(line for line in lines if "held-out real" in line)
    assert f"macro-F1 {slices['origin=real']['macro_f1']:.3f} [" in real
    assert real.endswith("20 labelled")
    assert "web3" not in real  # no positive there: no F1 to show
