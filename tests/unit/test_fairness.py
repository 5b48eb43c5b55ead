"""Fairness checks (impact ratios, swap invariance, identity swaps) and the model card."""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pytest

from training import fairness, metrics
from training.model_card import render_model_card


def _audit_input() -> tuple[list[bool], list[str | None]]:
    # 100 candidates: A 50 (30 selected), B 40 (18), C 1 (1, small), unknown 9 (3).
    predicted: list[bool] = []
    groups: list[str | None] = []
    for group, n, selected in (("A", 50, 30), ("B", 40, 18), ("C", 1, 1), (None, 5, 2), ("", 4, 1)):
        predicted += [True] * selected + [False] * (n - selected)
        groups += [group] * n
    return predicted, groups


def test_impact_ratios_by_hand() -> None:
    out = fairness.impact_ratios(*_audit_input())
    assert out["total"] == 100
    assert out["reference_group"] == "A"
    a, b, c = out["groups"]["A"], out["groups"]["B"], out["groups"]["C"]
    assert (a["n"], a["selected"], a["rate"], a["impact_ratio"]) == (50, 30, 0.6, 1.0)
    assert b["rate"] == pytest.approx(0.45)
    assert b["impact_ratio"] == pytest.approx(0.75)
    assert b["flag"] is True
    assert a["flag"] is False
    # C is under 2 % of candidates: disclosed, not the reference despite its rate of 1, not gated.
    assert c["small"] is True
    assert c["impact_ratio"] == pytest.approx(1 / 0.6)
    assert not a["small"]
    assert not b["small"]
    # None and "" are both unknown, counted apart and out of the ratios.
    assert out["unknown"] == {"n": 9, "selected": 3, "rate": pytest.approx(1 / 3)}
    assert set(out["groups"]) == {"A", "B", "C"}
    assert out["min_impact_ratio"] == pytest.approx(0.75)


def test_impact_ratios_degenerate() -> None:
    nobody = fairness.impact_ratios([False] * 4, ["A", "A", "B", "B"])
    assert nobody["min_impact_ratio"] is None
    assert nobody["groups"]["A"]["impact_ratio"] is None
    assert nobody["groups"]["A"]["flag"] is False
    assert nobody["unknown"] == {"n": 0, "selected": 0, "rate": None}
    with pytest.raises(ValueError, match="predictions"):
        fairness.impact_ratios([True], ["A", "B"])


def test_swap_invariance() -> None:
    base = np.array([[0.1, 0.5], [0.9, 0.2]])
    out = fairness.swap_invariance(
        base, {"x": base + np.array([[0.0, 0.005], [0.0, 0.0]]), "y": base - np.array([[0, 0], [0.02, 0]])}
    )
    assert out["max_abs_change"] == pytest.approx(0.02)
    assert out["max_change"] == out["max_abs_change"]
    assert out["worst_variant"] == "y"
    assert out["per_variant"]["x"] == pytest.approx(0.005)
    assert out["passed"] is False
    assert fairness.swap_invariance(base, {"x": base})["passed"] is True
    with pytest.raises(ValueError, match="shape"):
        fairness.swap_invariance(base, {"x": base[0]})


def test_name_groups_cover_cultures_and_genders() -> None:
    groups = fairness.NAME_GROUPS
    assert len(groups) >= 8
    assert len({g["group"] for g in groups}) == len(groups)
    assert len({g["culture"] for g in groups}) >= 6
    assert {g["gender"] for g in groups} == {"female", "male"}
    for g in groups:
        assert len(g["pronouns"]) == 3
        assert g["name"].strip()
        assert g["gender_words"]["title"] in ("Mr", "Ms")


def _identity(group: str) -> fairness.Identity:
    return next(g for g in fairness.NAME_GROUPS if g["group"] == group)


def test_swap_identity_to_male_keeps_case_and_other_text() -> None:
    text = (
        "Jane Doe\nShe led her team. He thanked her. Ms. Smith said HER idea was hers.\n"
        "MS in Finance; MS Excel; I never miss deadlines. The theme is here, whereas others shed."
    )
    out = fairness.swap_identity(text, [(0, 8)], _identity("chinese-male"))
    assert out == (
        "Li Wei\nHe led his team. He thanked him. Mr. Smith said HIS idea was his.\n"
        "MS in Finance; MS Excel; I never miss deadlines. The theme is here, whereas others shed."
    )


def test_swap_identity_to_female_with_caps_name() -> None:
    text = "JOHN SMITH\nHe said his plan was his. Mr Smith told him about himself. MR. SMITH agreed."
    out = fairness.swap_identity(text, [(0, 10)], _identity("english-female"))
    assert out == (
        "EMILY CLARKE\nShe said her plan was hers. Ms Smith told her about herself. MS. SMITH agreed."
    )


def test_swap_identity_several_spans_and_no_spans() -> None:
    text = "Ana Lopez (Ana) — she"
    out = fairness.swap_identity(text, [(11, 14), (0, 9)], _identity("korean-male"))
    assert out == "Park Min-jun (Park Min-jun) — he"
    assert fairness.swap_identity("no pronouns here", [], _identity("korean-male")) == "no pronouns here"
    with pytest.raises(ValueError, match="overlapping"):
        fairness.swap_identity(text, [(0, 5), (3, 9)], _identity("korean-male"))


def _card(slices: dict[str, Any], spec: dict[str, Any] | None = None) -> str:
    y = np.array([[1, 0], [0, 1], [1, 1], [0, 0]], dtype=float)
    p = np.array([[0.8, 0.3], [0.3, 0.7], [0.6, 0.4], [0.1, 0.2]])
    labels = ["tradfi", "web3"]
    results = metrics.evaluate_labels(y, p, {"tradfi": 0.5, "web3": 0.5}, labels, n_boot=100)
    slices = slices or {
        "lang": metrics.slice_metrics(y, p, [0.5, 0.5], labels, ["en", "en", "zh", "zh"], n_boot=100),
    }
    return render_model_card(
        model_name="aha-screening",
        version="3",
        spec=spec or {"estimator": "logistic regression", "C": 1.0, "versions": {"scikit-learn": "1.9"}},
        data_summary={"records": 4, "sources": "generated corpus"},
        metrics=results,
        slices=slices,
        fairness={
            "swap_invariance": fairness.swap_invariance(p, {"english-female": p + 0.001}),
            "impact_ratios": {"tradfi.gender": fairness.impact_ratios(*_audit_input())},
            "gates": {"min_impact_ratio": False},
        },
        thresholds={"tradfi": 0.5, "web3": 0.45},
        limitations=["Trained mostly on generated résumés."],
        created="2025-01-01T00:00:00+00:00",
    )


def test_model_card_says_when_the_model_reads_evidence_lines() -> None:
    assert "Evidence lines" not in _card({})
    card = _card(
        {}, spec={"estimator": "logistic regression", "evidence_lines": {"sources": "real", "folds": 5}}
    )
    assert "sig:evidence_line" in card
    assert "Settings: {'sources': 'real', 'folds': 5}." in card


def test_model_card_has_every_section() -> None:
    card = _card({})
    for section in (
        "## Intended use",
        "## Model",
        "## Data",
        "## Metrics",
        "## Slices",
        "## Fairness",
        "## Thresholds",
        "## Limitations",
        "## Versions",
    ):
        assert section in card
    assert "never be used for automated rejection" in card
    assert "logistic regression" in card
    assert "### tradfi" in card
    assert "### By lang" in card
    assert "| zh |" in card
    # Four records are too few for an interval: none is shown rather than a falsely narrow one.
    assert "Test set: 4 records; macro-F1 0.833." in card
    assert "| en | 2 | 1 | 1 | 1 |" in card
    assert "english-female" in card
    assert "#### tradfi.gender" in card
    assert "0.750" in card
    assert "swapped: 0.0010" in card
    assert "**FAIL**" in card
    assert "Trained mostly on generated résumés." in card
    assert "scikit-learn" in card
    assert "| web3 | 0.450 |" in card


def test_model_card_gives_figures_their_bootstrap_interval() -> None:
    rng = np.random.default_rng(3)
    y = rng.integers(0, 2, size=(60, 2)).astype(float)
    p = np.clip(0.5 * y + rng.uniform(0, 0.6, size=y.shape), 0, 1)
    labels = ["tradfi", "web3"]
    results = metrics.evaluate_labels(y, p, [0.5, 0.5], labels, n_boot=200)
    slices = {
        "origin": metrics.slice_metrics(
            y, p, [0.5, 0.5], labels, ["real"] * 30 + ["generated"] * 30, n_boot=200
        )
    }
    card = render_model_card(
        model_name="screening-background", version="1", spec={}, data_summary={}, metrics=results,
        slices=slices, fairness={}, thresholds={"tradfi": 0.5, "web3": 0.5}, limitations=[],
        created="2025-01-01T00:00:00+00:00",
    )  # fmt: skip
    macro = results["macro_f1"]
    low, high = results["macro_f1_ci_low"], results["macro_f1_ci_high"]
    assert low < macro < high
    assert f"Test set: 60 records; macro-F1 {macro:.3f} [{low:.3f}–{high:.3f}]." in card
    assert "bootstrap intervals" in card
    assert "| f1_ci_low |" in card
    real = slices["origin"]["real"]
    assert re.search(rf"\| real \| 30 \| {real['macro_f1']:.3f} \[\d\.\d{{3}}–\d\.\d{{3}}\] \|", card)


def test_model_card_accepts_flat_slices() -> None:
    y = np.array([[1.0], [0.0]])
    p = np.array([[0.9], [0.2]])
    flat = metrics.slice_metrics(y, p, [0.5], ["tradfi"], ["layout=two-column", "lang=en"])
    card = _card(flat)
    assert "### By layout" in card
    assert "### By lang" in card
    assert "| two-column |" in card
