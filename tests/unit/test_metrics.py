"""Evaluation metrics, threshold choice, flattening for MLflow and the PNG figures."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

from training import metrics, plots

# A tiny confusion matrix at threshold 0.5: predictions [1, 1, 0, 1, 0, 0] -> TP 2, FP 1, FN 1.
_Y = [1, 1, 1, 0, 0, 0]
_P = [0.9, 0.8, 0.3, 0.6, 0.2, 0.1]


def test_label_metrics_by_hand() -> None:
    m = metrics.label_metrics(_Y, _P, 0.5)
    assert m["precision"] == pytest.approx(2 / 3)
    assert m["recall"] == pytest.approx(2 / 3)
    assert m["f1"] == pytest.approx(2 / 3)
    # 8 of the 9 (positive, negative) pairs are ranked correctly: only 0.3 < 0.6.
    assert m["roc_auc"] == pytest.approx(8 / 9)
    # Ranked: + + - + -> precision at each positive 1, 1, 3/4.
    assert m["pr_auc"] == pytest.approx((1 + 1 + 0.75) / 3)
    assert m["brier"] == pytest.approx((0.01 + 0.04 + 0.49 + 0.36 + 0.04 + 0.01) / 6)
    assert m["support"] == 6
    assert m["positives"] == 3


def test_threshold_is_inclusive_and_empty_denominators_are_zero() -> None:
    m = metrics.label_metrics([1, 0], [0.5, 0.2], 0.5)
    assert m["precision"] == m["recall"] == m["f1"] == 1.0
    none_predicted = metrics.label_metrics([1, 0], [0.2, 0.1], 0.5)
    assert none_predicted["precision"] == 0.0
    assert none_predicted["f1"] == 0.0


def test_ece_by_hand() -> None:
    # Bins: 0.05 -> [0, .1), 0.15 and 0.15 -> [.1, .2), 0.95 -> [.9, 1].
    # ECE = 1/4 * |0 - .05| + 2/4 * |.5 - .15| + 1/4 * |1 - .95| = 0.0125 + 0.175 + 0.0125
    assert metrics.expected_calibration_error([0, 1, 0, 1], [0.05, 0.15, 0.15, 0.95]) == pytest.approx(0.2)
    # A probability of exactly 1.0 falls in the last bin; perfectly calibrated extremes give 0.
    assert metrics.expected_calibration_error([1, 0], [1.0, 0.0]) == pytest.approx(0.0)
    assert metrics.label_metrics([0, 1, 0, 1], [0.05, 0.15, 0.15, 0.95], 0.5)["ece"] == pytest.approx(0.2)


def test_one_class_and_empty_give_nan_never_raise() -> None:
    one_class = metrics.label_metrics([0, 0, 0], [0.1, 0.7, 0.2], 0.5)
    assert math.isnan(one_class["roc_auc"])
    assert math.isnan(one_class["pr_auc"])
    assert one_class["precision"] == 0.0
    assert one_class["brier"] == pytest.approx((0.01 + 0.49 + 0.04) / 3)
    empty = metrics.label_metrics([], [], 0.5)
    assert empty["support"] == 0
    assert all(math.isnan(empty[k]) for k in ("precision", "f1", "roc_auc", "brier", "ece"))


def test_evaluate_labels_masks_unknown_and_macro_averages_labels_with_support() -> None:
    nan = float("nan")
    y = np.array([[1, nan, 0], [0, nan, 0], [1, nan, nan], [0, nan, 1]], dtype=float)
    p = np.array([[0.9, 0.5, 0.2], [0.2, 0.5, 0.1], [0.4, 0.5, 0.9], [0.6, 0.5, 0.8]])
    out = metrics.evaluate_labels(y, p, {"a": 0.5, "b": 0.5, "c": 0.5}, ["a", "b", "c"])
    # a: preds [1, 0, 0, 1] vs [1, 0, 1, 0] -> TP 1, FP 1, FN 1 -> F1 0.5.
    assert out["a"]["f1"] == pytest.approx(0.5)
    assert out["a"]["support"] == 4
    # b: every value unknown -> no support, NaN metrics, left out of macro-F1.
    assert out["b"]["support"] == 0
    assert math.isnan(out["b"]["f1"])
    # c: the unknown third record is dropped -> [0, 0, 1] vs preds [0, 0, 1] -> F1 1.
    assert out["c"]["support"] == 3
    assert out["c"]["f1"] == pytest.approx(1.0)
    assert out["macro_f1"] == pytest.approx(0.75)
    assert out["n"] == 4
    # Unknown as negative instead: c becomes [0, 0, 0, 1] vs [0, 0, 1, 1] -> F1 2/3.
    unmasked = metrics.evaluate_labels(y, p, [0.5, 0.5, 0.5], ["a", "b", "c"], mask_unknown=False)
    assert unmasked["c"]["f1"] == pytest.approx(2 / 3)
    assert unmasked["b"]["support"] == 4


def test_slice_metrics_per_value_with_unknown() -> None:
    y = np.array([[1], [0], [1], [0]], dtype=float)
    p = np.array([[0.9], [0.1], [0.2], [0.7]])
    out = metrics.slice_metrics(y, p, {"a": 0.5}, ["a"], ["lang=en", "lang=en", "lang=zh", None])
    assert list(out) == ["lang=en", "lang=zh", "unknown"]
    assert out["lang=en"]["a"]["f1"] == pytest.approx(1.0)
    assert out["lang=zh"]["a"]["f1"] == 0.0
    assert out["unknown"]["n"] == 1


def test_choose_threshold_maximises_f1() -> None:
    y = [1] * 5 + [0] * 5
    p = [0.9, 0.8, 0.7, 0.6, 0.3, 0.65, 0.4, 0.2, 0.1, 0.05]
    # t = 0.3 predicts 7 positives, all 5 true ones -> F1 10/12, better than 0.5/0.6 (8/10).
    assert metrics.choose_threshold(y, p) == pytest.approx(0.3)


def test_choose_threshold_ties_go_to_closest_to_half() -> None:
    y = [1] * 5 + [0] * 5
    # Separable: any t in (0.4, 0.55] gives F1 1, and 0.5 is one of them.
    assert metrics.choose_threshold(y, [0.9, 0.8, 0.7, 0.6, 0.55, 0.4, 0.3, 0.2, 0.1, 0.05]) == 0.5
    # Separable above 0.5: the best interval is (0.6, 0.65]; its closest candidate to 0.5 is 0.65.
    assert metrics.choose_threshold(y, [0.9, 0.8, 0.75, 0.7, 0.65, 0.6, 0.3, 0.2, 0.1, 0.05]) == 0.65
    # Unknown labels are ignored.
    assert (
        metrics.choose_threshold([*y, float("nan")], [0.9, 0.8, 0.7, 0.6, 0.55, 0.4, 0.3, 0.2, 0.1, 0.05, 1])
        == 0.5
    )


def test_choose_threshold_falls_back_with_few_positives() -> None:
    assert metrics.choose_threshold([1, 1, 1, 1, 0, 0], [0.9, 0.8, 0.2, 0.1, 0.05, 0.01]) == 0.5


def test_flatten_for_logging_keys_are_mlflow_safe_and_nan_dropped() -> None:
    out = metrics.evaluate_labels(np.array([[1.0], [0.0]]), np.array([[0.9], [0.2]]), [0.5], ["tradfi"])
    flat = metrics.flatten_for_logging(out, "test")
    assert flat["test.tradfi.f1"] == 1.0
    assert flat["test.macro_f1"] == 1.0
    assert flat["test.n"] == 2.0
    one_class = metrics.evaluate_labels(np.array([[1.0]]), np.array([[0.9]]), [0.5], ["tradfi"])
    assert "test.tradfi.roc_auc" not in metrics.flatten_for_logging(one_class, "test")
    sliced = metrics.flatten_for_logging({"web3/defi?": {"f1": 0.5, "note": "text"}}, "slice.lang=zh")
    assert sliced == {"slice.lang_zh.web3/defi_.f1": 0.5}
    assert metrics.flatten_for_logging({"a": {"b": 1}}) == {"a.b": 1.0}


def _is_small_png(path: Path) -> bool:
    data = path.read_bytes()
    return data.startswith(b"\x89PNG") and 0 < len(data) <= 100_000


def test_confusion_matrix_png(tmp_path: Path) -> None:
    out = plots.confusion_matrix_png(_Y, np.array(_P) >= 0.5, "tradfi", tmp_path / "cm.png")
    assert out == tmp_path / "cm.png"
    assert _is_small_png(out)


def test_calibration_curve_png(tmp_path: Path) -> None:
    rng = np.random.default_rng(0)
    p = rng.random(200)
    y = (rng.random(200) < p).astype(float)
    y[:5] = np.nan
    out = plots.calibration_curve_png(y, p, "web3", str(tmp_path / "cal.png"))
    assert out == tmp_path / "cal.png"
    assert _is_small_png(out)


def test_macro_f1_leaves_out_a_label_with_no_positive_record() -> None:
    # LiveCareer has no Web3 résumé: an F1 of 0 there would say nothing about the model.
    y = np.array([[1.0, 0.0], [0.0, 0.0], [1.0, 0.0]])
    proba = np.array([[0.9, 0.6], [0.1, 0.2], [0.8, 0.1]])
    out = metrics.evaluate_labels(y, proba, {"tradfi": 0.5, "web3": 0.5}, ["tradfi", "web3"])
    assert out["tradfi"]["f1"] == 1.0
    assert out["web3"]["f1"] == 0.0
    assert out["macro_f1"] == 1.0


def _noisy(n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 2, size=(n, 2)).astype(float)
    p = np.clip(0.5 * y + rng.uniform(0, 0.6, size=(n, 2)), 0, 1)
    return y, p


def test_f1_intervals_hold_the_figure_and_narrow_with_more_records() -> None:
    labels = ["adaptable", "ambitious"]
    y, p = _noisy(80, 1)
    point = metrics.evaluate_labels(y, p, [0.5, 0.5], labels)
    small = metrics.f1_intervals(y, p, [0.5, 0.5], labels, n_boot=500)
    for key in (*labels, "macro_f1"):
        figure = point["macro_f1"] if key == "macro_f1" else point[key]["f1"]
        low, high = small[key]
        assert 0.0 <= low <= figure <= high <= 1.0
        assert high - low > 0.05  # 80 noisy records cannot pin F1 down
    # The same records ten times over: the same figure, known far more tightly.
    large = metrics.f1_intervals(np.tile(y, (10, 1)), np.tile(p, (10, 1)), [0.5, 0.5], labels, n_boot=500)
    for key in (*labels, "macro_f1"):
        assert large[key][1] - large[key][0] < 0.6 * (small[key][1] - small[key][0])


def test_f1_intervals_are_deterministic_and_exact_for_perfect_predictions() -> None:
    labels = ["tradfi", "web2"]
    y, p = _noisy(50, 2)
    first = metrics.f1_intervals(y, p, {"tradfi": 0.5, "web2": 0.6}, labels, seed=3)
    assert first == metrics.f1_intervals(y, p, {"tradfi": 0.5, "web2": 0.6}, labels, seed=3)
    assert first != metrics.f1_intervals(y, p, {"tradfi": 0.5, "web2": 0.6}, labels, seed=4)
    perfect = metrics.f1_intervals(y, y, [0.5, 0.5], labels)
    assert perfect == {"tradfi": (1.0, 1.0), "web2": (1.0, 1.0), "macro_f1": (1.0, 1.0)}


def test_f1_intervals_leave_unknown_cells_out() -> None:
    labels = ["tradfi", "web2"]
    y = np.tile(np.array([[1, np.nan], [0, np.nan], [1, np.nan], [0, np.nan]]), (3, 1))
    p = np.tile(np.array([[0.9, 0.9], [0.1, 0.9], [0.8, 0.1], [0.2, 0.1]]), (3, 1))
    got = metrics.f1_intervals(y, p, [0.5, 0.5], labels)
    assert got["tradfi"] == (1.0, 1.0)
    assert all(math.isnan(v) for v in got["web2"])  # no known cell: no interval
    assert got["macro_f1"] == (1.0, 1.0)  # the macro of the labels that have an F1


def test_too_few_records_give_no_interval_rather_than_a_narrow_one() -> None:
    labels = ["tradfi"]
    y, p = np.array([[1.0], [0.0]] * 4), np.array([[0.9], [0.1]] * 4)  # 8 records, all right
    assert all(math.isnan(v) for v in metrics.f1_intervals(y, p, [0.5], labels)["tradfi"])
    y10, p10 = np.array([[1.0], [0.0]] * 5), np.array([[0.9], [0.1]] * 5)
    assert metrics.f1_intervals(y10, p10, [0.5], labels)["tradfi"] == (1.0, 1.0)


def test_evaluate_labels_adds_intervals_only_when_asked() -> None:
    labels = ["adaptable", "ambitious"]
    y, p = _noisy(40, 5)
    plain = metrics.evaluate_labels(y, p, [0.5, 0.5], labels)
    assert "macro_f1_ci_low" not in plain
    assert "f1_ci_low" not in plain["adaptable"]
    with_ci = metrics.evaluate_labels(y, p, [0.5, 0.5], labels, n_boot=200)
    assert with_ci["macro_f1_ci_low"] <= with_ci["macro_f1"] <= with_ci["macro_f1_ci_high"]
    assert (
        with_ci["adaptable"]["f1_ci_low"] <= with_ci["adaptable"]["f1"] <= with_ci["adaptable"]["f1_ci_high"]
    )
    sliced = metrics.slice_metrics(y, p, [0.5, 0.5], labels, ["a"] * 20 + ["b"] * 20, n_boot=200)
    assert all("macro_f1_ci_high" in sliced[v] for v in ("a", "b"))
    # Logged to MLflow as plain metrics.
    assert "test.adaptable.f1_ci_low" in metrics.flatten_for_logging(with_ci, "test")
    # Without masking (unknown counted as negative) no interval is computed.
    assert "macro_f1_ci_low" not in metrics.evaluate_labels(y, p, [0.5, 0.5], labels, False, n_boot=200)


def test_labelled_counts_records_with_any_known_label() -> None:
    y = np.array([[1, np.nan], [np.nan, 0], [np.nan, np.nan], [0, 1]])
    p = np.full((4, 2), 0.5)
    assert metrics.evaluate_labels(y, p, [0.5, 0.5], ["tradfi", "web2"])["labelled"] == 3
