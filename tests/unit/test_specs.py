"""Model specs: the signals a spec names reach the estimator in the order of the rows."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from screening.features import SIGNAL_NAMES
from training.specs import Features, ModelSpec, load_specs


def test_named_signals_are_put_in_the_rows_order() -> None:
    named = Features(signals=[SIGNAL_NAMES[7], SIGNAL_NAMES[2], SIGNAL_NAMES[30]])
    assert named.signals == [SIGNAL_NAMES[2], SIGNAL_NAMES[7], SIGNAL_NAMES[30]]


@pytest.mark.parametrize("signals", [["no_such_signal"], [], [SIGNAL_NAMES[0], SIGNAL_NAMES[0]]])
def test_unknown_empty_or_repeated_signals_are_refused(signals: list[str]) -> None:
    with pytest.raises(ValidationError, match="distinct names"):
        Features(signals=signals)


def test_the_shipped_specs_name_known_signals_the_estimator_accepts() -> None:
    for spec in load_specs("all"):
        for label in spec.labels:
            names = spec.estimator_params(label).get("signal_names")
            assert names is not None
            assert list(names) == sorted(names, key=SIGNAL_NAMES.index)


def test_each_shipped_head_reads_its_own_evidence_only() -> None:
    """A family's head reads its own family's taxonomy signals (and moves between families);
    an AHA head reads its label's items of the labelling guide, never a family's skills."""
    background, aha = load_specs("all")
    for family in background.labels:
        names = background.estimator_params(family)["signal_names"]
        assert "cross_family_moves" in names
        assert all(n == "cross_family_moves" or n.endswith(f"_{family}") for n in names)
    by_label = {label: set(aha.estimator_params(label)["signal_names"]) for label in aha.labels}
    assert "countries_worked" in by_label["adaptable"]
    assert "countries_worked" not in by_label["ambitious"] | by_label["high_potential"]
    assert "founded_ventures" in by_label["ambitious"]
    assert "promotions_same_employer" in by_label["high_potential"]
    assert not any(n.endswith(("_tradfi", "_web2", "_web3")) for names in by_label.values() for n in names)


def _spec(signals: object) -> ModelSpec:
    return ModelSpec.model_validate(
        {
            "name": "screening-aha",
            "labels": ["adaptable", "ambitious"],
            "features": {"signals": signals},
            "estimator": {"class": "screening.model.ExplainableTextClassifier"},
        }
    )


def test_signals_by_label_reach_each_head_in_the_rows_order() -> None:
    spec = _spec({"adaptable": [SIGNAL_NAMES[5], SIGNAL_NAMES[1]], "ambitious": [SIGNAL_NAMES[3]]})
    assert spec.estimator_params("adaptable")["signal_names"] == (SIGNAL_NAMES[1], SIGNAL_NAMES[5])
    assert spec.estimator_params("ambitious")["signal_names"] == (SIGNAL_NAMES[3],)
    assert "signal_names" not in spec.estimator_params()  # no single list shared by the heads
    shared = _spec([SIGNAL_NAMES[4]])
    assert shared.estimator_params()["signal_names"] == shared.estimator_params("ambitious")["signal_names"]
    assert "signal_names" not in _spec("all").estimator_params("adaptable")
    with pytest.raises(ValueError, match="no label 'web3'"):
        spec.estimator_params("web3")


@pytest.mark.parametrize(
    ("signals", "message"),
    [
        ({"adaptable": [SIGNAL_NAMES[0]]}, "each label once"),
        (
            {"adaptable": [SIGNAL_NAMES[0]], "ambitious": [SIGNAL_NAMES[0]], "web3": [SIGNAL_NAMES[0]]},
            "each label",
        ),
        ({"adaptable": [SIGNAL_NAMES[0]], "ambitious": ["no_such_signal"]}, "distinct names"),
        ({"adaptable": [SIGNAL_NAMES[0]], "ambitious": []}, "distinct names"),
        ("none", "signals"),
    ],
)
def test_signals_by_label_must_be_known_and_name_every_label(signals: object, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        _spec(signals)
