"""Model specs: the signals a spec names reach the estimator in the order of the rows."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from screening.features import SIGNAL_NAMES
from training.specs import Features, load_specs


def test_named_signals_are_put_in_the_rows_order() -> None:
    named = Features(signals=[SIGNAL_NAMES[7], SIGNAL_NAMES[2], SIGNAL_NAMES[30]])
    assert named.signals == [SIGNAL_NAMES[2], SIGNAL_NAMES[7], SIGNAL_NAMES[30]]


@pytest.mark.parametrize("signals", [["no_such_signal"], [], [SIGNAL_NAMES[0], SIGNAL_NAMES[0]]])
def test_unknown_empty_or_repeated_signals_are_refused(signals: list[str]) -> None:
    with pytest.raises(ValidationError, match="distinct names"):
        Features(signals=signals)


def test_the_shipped_specs_name_known_signals_the_estimator_accepts() -> None:
    for spec in load_specs("all"):
        params = spec.estimator_params()
        names = params.get("signal_names")
        assert names is not None
        assert list(names) == sorted(names, key=SIGNAL_NAMES.index)
