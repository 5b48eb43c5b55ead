"""The scoring estimator: scikit-learn's contract, calibration, exact explanations."""

from __future__ import annotations

import math
import pickle

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError
from sklearn.feature_extraction.text import TfidfVectorizer

from screening.features import SIGNAL_NAMES
from screening.model import (
    ExplainableTextClassifier,
    ModelInput,
    TextEncoder,
    TokenIndex,
    ngram_spans,
    token_spans,
    tokenize,
)

_FILLER = [f"filler{i}" for i in range(300)]
#: Informative phrases and their weight on the true logit.
_PHRASES = {"trade finance": 1.0, "blockchain": -0.8, "合规": 0.7}


def _synthetic(n: int, seed: int) -> tuple[list[ModelInput], np.ndarray]:
    """Random word bags with a few informative phrases; labels drawn from a known sigmoid."""
    rng = np.random.default_rng(seed)
    xs: list[ModelInput] = []
    y: list[int] = []
    for _ in range(n):
        words = [str(w) for w in rng.choice(_FILLER, 40)]
        counts = rng.integers(0, 3, len(_PHRASES))
        for phrase, c in zip(_PHRASES, counts, strict=True):
            words += [phrase] * int(c)
        rng.shuffle(words)
        signals = rng.poisson(1.0, len(SIGNAL_NAMES)).astype(float)
        z = -1.5 + float(np.dot(list(_PHRASES.values()), counts)) + 0.5 * (signals[0] - 1.0)
        y.append(int(rng.random() < 1.0 / (1.0 + math.exp(-z))))
        xs.append((" ".join(words), signals.tolist()))
    return xs, np.array(y)


@pytest.fixture(scope="module")
def data() -> tuple[list[ModelInput], np.ndarray]:
    return _synthetic(4000, seed=1)


@pytest.fixture(scope="module")
def model(data: tuple[list[ModelInput], np.ndarray]) -> ExplainableTextClassifier:
    xs, y = data
    return ExplainableTextClassifier(max_features=20000).fit(xs, y)


def test_init_only_stores_params_and_clone_round_trips() -> None:
    est = ExplainableTextClassifier(ngram_range=(1, 3), min_df=1, C=0.5, random_state=7)
    assert not [k for k in vars(est) if k.endswith("_")]
    params = est.get_params()
    assert params["ngram_range"] == (1, 3)
    assert params["C"] == 0.5
    twin = clone(est)
    assert twin.get_params() == params
    assert ExplainableTextClassifier(**params).get_params() == params
    assert est.set_params(C=2.0) is est
    assert est.C == 2.0


def test_fit_returns_self_and_learns_underscore_attributes() -> None:
    xs, y = _synthetic(300, seed=2)
    est = ExplainableTextClassifier()
    with pytest.raises(NotFittedError):
        est.predict(xs)
    assert est.fit(xs, y) is est
    for attr in ("classes_", "vectorizer_", "scaler_", "coef_", "calibration_", "threshold_"):
        assert hasattr(est, attr)
    assert len(est.coef_) == len(est.feature_names_out_) == len(est.get_feature_names())
    assert est.get_feature_names()[-len(SIGNAL_NAMES) :] == [f"sig:{n}" for n in SIGNAL_NAMES]
    assert list(est.classes_) == [0, 1]
    signals = np.array([s for _, s in xs[:20]])
    assert np.array_equal(est._standardise(signals), est.scaler_.transform(signals))


def test_fit_is_deterministic_for_a_random_state() -> None:
    xs, y = _synthetic(400, seed=3)
    a = ExplainableTextClassifier(random_state=5).fit(xs, y)
    b = ExplainableTextClassifier(random_state=5).fit(xs, y)
    c = ExplainableTextClassifier(random_state=6).fit(xs, y)
    assert np.array_equal(a.coef_, b.coef_)
    assert a.calibration_ == b.calibration_
    assert np.array_equal(a.decision_function(xs), b.decision_function(xs))
    assert a.calibration_ != c.calibration_  # another seed holds out other rows


def test_explanation_is_exactly_additive_in_calibrated_logit_space(
    model: ExplainableTextClassifier, data: tuple[list[ModelInput], np.ndarray]
) -> None:
    xs, _ = data
    for x in xs[:25]:
        e = model.explain(x, top=5)
        logit = model.decision_function([x])[0]
        assert e.bias + sum(e.contributions.values()) == pytest.approx(logit, abs=1e-9)
        assert e.logit == pytest.approx(logit, abs=1e-9)
        assert 1.0 / (1.0 + math.exp(-e.logit)) == pytest.approx(model.predict_proba([x])[0, 1], abs=1e-12)
        assert all(ev.contribution > 0 for ev in e.positive)
        assert all(ev.contribution < 0 for ev in e.negative)
        assert [ev.contribution for ev in e.positive] == sorted(
            (ev.contribution for ev in e.positive), reverse=True
        )
        assert len(e.positive) <= 5
        assert len(e.negative) <= 5
        # Every signal takes part, as does every n-gram of the text that is in the vocabulary.
        assert {f"sig:{n}" for n in SIGNAL_NAMES} <= set(e.contributions)


def test_informative_phrases_carry_the_expected_signs(model: ExplainableTextClassifier) -> None:
    text = " ".join(["filler1", "trade finance", "filler2", "blockchain", "filler3"])
    e = model.explain((text, [1.0] * len(SIGNAL_NAMES)), top=10)
    assert e.contributions["ngram:trade finance"] > 0
    assert e.contributions["ngram:blockchain"] < 0


def test_probabilities_are_calibrated_on_a_sigmoid_generated_label(model: ExplainableTextClassifier) -> None:
    xs, y = _synthetic(4000, seed=11)
    p = model.predict_proba(xs)[:, 1]
    assert model.predict_proba(xs).shape == (4000, 2)
    bins = np.minimum((p * 10).astype(int), 9)
    ece = sum(abs(p[bins == b].mean() - y[bins == b].mean()) * (bins == b).mean() for b in np.unique(bins))
    assert ece < 0.08
    assert 0.05 < p.mean() < 0.95
    assert abs(p.mean() - y.mean()) < 0.03


def test_ngram_evidence_offsets_slice_the_model_text_to_the_ngram(model: ExplainableTextClassifier) -> None:
    text = "Led TRADE  Finance desk ▯ then trade finance again; 合规 lead, 合规."
    e = model.explain((text, [0.0] * len(SIGNAL_NAMES)), top=50)
    found = {ev.feature: ev for ev in (*e.positive, *e.negative)}
    tf = found["ngram:trade finance"]
    assert [text[s:t] for s, t in tf.spans] == ["TRADE  Finance", "trade finance"]
    assert [text[s:t] for s, t in found["ngram:合 规"].spans] == ["合规", "合规"]
    for ev in (*e.positive, *e.negative):
        if ev.is_signal:
            assert ev.spans == ()
            continue
        tokens = ev.feature.removeprefix("ngram:").split(" ")
        assert ev.spans
        for s, t in ev.spans:
            assert tokenize(text[s:t]) == tokens


def test_token_spans_match_the_tokens_even_where_lowercasing_changes_length() -> None:
    text = "İstanbul AML合规经理, ▯ grew 00% x"
    spans = token_spans(text)
    assert [text[s:e].lower() for s, e in spans] == tokenize(text)
    assert tokenize(text) == ["i̇stanbul", "aml", "合", "规", "经", "理", "grew", "00"]
    assert [text[s:e] for s, e in ngram_spans(text, "规 经")] == ["规经"]


def test_cjk_text_gets_tokens_and_ngrams(model: ExplainableTextClassifier) -> None:
    assert "ngram:合" in model.get_feature_names()
    assert "ngram:合 规" in model.get_feature_names()
    e = model.explain(("负责合规团队", [0.0] * len(SIGNAL_NAMES)))
    assert "ngram:合 规" in e.contributions


def test_unseen_words_and_empty_text_do_not_crash(model: ExplainableTextClassifier) -> None:
    for text in ("zzzunseen qqqnever", "", " ▯ "):
        x = (text, [0.0] * len(SIGNAL_NAMES))
        e = model.explain(x)
        assert all(name.startswith("sig:") for name in e.contributions)
        assert e.bias + sum(e.contributions.values()) == pytest.approx(
            model.decision_function([x])[0], abs=1e-9
        )


def test_threshold_sets_the_decision(model: ExplainableTextClassifier) -> None:
    xs, _ = _synthetic(200, seed=4)
    p = model.predict_proba(xs)[:, 1]
    fresh = pickle.loads(pickle.dumps(model))
    assert np.array_equal(fresh.predict(xs), (p >= 0.5).astype(int))
    fresh.set_threshold(0.8)
    assert np.array_equal(fresh.predict(xs), (p >= 0.8).astype(int))
    with pytest.raises(ValueError, match="threshold"):
        fresh.set_threshold(1.5)


def test_pickle_and_skops_round_trips_give_identical_predictions(model: ExplainableTextClassifier) -> None:
    sio = pytest.importorskip("skops.io")
    xs, _ = _synthetic(200, seed=5)
    expected = model.predict_proba(xs)
    again = pickle.loads(pickle.dumps(model))
    assert np.array_equal(again.predict_proba(xs), expected)
    assert again.get_feature_names() == model.get_feature_names()
    blob = sio.dumps(model)
    untrusted = sio.get_untrusted_types(data=blob)
    assert set(untrusted) == {"screening.model.ExplainableTextClassifier", "screening.model.tokenize"}
    loaded = sio.loads(blob, trusted=untrusted)
    assert np.array_equal(loaded.predict_proba(xs), expected)
    assert loaded.explain(xs[0]) == model.explain(xs[0])


def test_fit_rejects_bad_inputs() -> None:
    xs, y = _synthetic(200, seed=6)
    with pytest.raises(ValueError, match="two classes"):
        ExplainableTextClassifier().fit(xs, np.zeros(len(xs)))
    with pytest.raises(ValueError, match="isotonic"):
        ExplainableTextClassifier(calibration="isotonic").fit(xs, y)
    with pytest.raises(ValueError, match="signals"):
        ExplainableTextClassifier().fit([(t, s[:3]) for t, s in xs], y)
    with pytest.raises(ValueError, match="signal values"):
        ExplainableTextClassifier().fit([*xs[:-1], (xs[-1][0], [1.0])], y)
    with pytest.raises(ValueError, match="calibration"):
        ExplainableTextClassifier().fit(xs[:4], [0, 1, 0, 1])
    fitted = ExplainableTextClassifier(signal_names=("a", "b")).fit([(t, s[:2]) for t, s in xs], y)
    assert fitted.get_feature_names()[-2:] == ["sig:a", "sig:b"]
    with pytest.raises(ValueError, match="signal values"):
        fitted.predict([("text", [1.0, 2.0, 3.0])])


_ENCODER_TEXTS = [
    "trade finance trade finance TRADE  Finance; filler1 filler2 filler1 filler1",
    "负责合规团队 合规 AML合规经理 trade finance",
    "",
    " ▯ zzzunseen qqqnever",
    "İstanbul blockchain blockchain blockchain 00% x filler299",
]


def _same_row(expected: object, ours: object) -> bool:
    return bool(
        np.array_equal(np.asarray(expected.indices), ours.indices)  # type: ignore[attr-defined]
        and np.asarray(expected.data).tobytes() == ours.data.tobytes()  # type: ignore[attr-defined]
    )


def test_text_encoder_gives_the_vectorizers_rows_bit_for_bit(
    model: ExplainableTextClassifier, data: tuple[list[ModelInput], np.ndarray]
) -> None:
    encoder = TextEncoder(model.vectorizer_)
    assert encoder.exact
    texts = _ENCODER_TEXTS + [x[0] for x in data[0][:300]]
    for text in texts:
        assert _same_row(model.vectorizer_.transform([text]), encoder.encode(TokenIndex(text))), text


def test_text_encoder_falls_back_to_transform_for_other_vectorizers() -> None:
    texts = [x[0] for x in _synthetic(200, seed=8)[0]] + _ENCODER_TEXTS
    for vectorizer in (
        TfidfVectorizer().fit(texts),  # scikit-learn's own tokens and lower-casing
        TfidfVectorizer(tokenizer=tokenize, token_pattern=None, lowercase=False, norm="l1").fit(texts),
    ):
        encoder = TextEncoder(vectorizer)
        assert not encoder.exact
        for text in texts[:20]:
            assert _same_row(vectorizer.transform([text]), encoder.encode(TokenIndex(text)))


def test_encoded_rows_explain_exactly_as_sparse_rows(model: ExplainableTextClassifier) -> None:
    encoder = TextEncoder(model.vectorizer_)
    signals = [1.0] * len(SIGNAL_NAMES)
    for text in _ENCODER_TEXTS:
        index = TokenIndex(text)
        sparse_row = model.explain_encoded(text, model.vectorizer_.transform([text]), signals, top=20)
        encoded = model.explain_encoded(text, encoder.encode(index), signals, top=20, index=index)
        assert encoded == sparse_row
        assert index.find("trade finance") == list(index.find_all("trade finance"))


def test_log1p_signals_keep_the_explanation_exact() -> None:
    xs, y = _synthetic(1500, seed=8)
    est = ExplainableTextClassifier(signal_transform="log1p").fit(xs, y)
    assert est.scaler_.mean_[0] == pytest.approx(np.mean(np.log1p([s[0] for _, s in xs])), rel=0.1)
    for x in xs[:10]:
        e = est.explain(x)
        assert e.bias + sum(e.contributions.values()) == pytest.approx(
            est.decision_function([x])[0], abs=1e-9
        )
        value = (math.log1p(x[1][0]) - est.scaler_.mean_[0]) / est.scaler_.scale_[0]
        a = est.calibration_[0]
        assert e.contributions[f"sig:{SIGNAL_NAMES[0]}"] == pytest.approx(
            a * est.coef_[-len(SIGNAL_NAMES)] * value
        )
    with pytest.raises(ValueError, match="signal_transform"):
        ExplainableTextClassifier(signal_transform="sqrt").fit(xs, y)


def test_a_model_trained_before_signals_were_added_reads_todays_rows_by_name() -> None:
    xs, y = _synthetic(1500, seed=9)
    older = [(t, s[:-3]) for t, s in xs]
    old = ExplainableTextClassifier(signal_names=SIGNAL_NAMES[:-3]).fit(older, y)
    assert np.allclose(old.predict_proba(xs[:50]), old.predict_proba(older[:50]), rtol=0, atol=1e-12)
    now, then = old.explain(xs[0]), old.explain(older[0])
    assert now.contributions == pytest.approx(then.contributions, abs=1e-12)
    assert [e.feature for e in now.positive] == [e.feature for e in then.positive]
    # A model saved before ``signal_transform`` existed loads with no transform.
    state = old.__getstate__()
    del state["signal_transform"]
    loaded = ExplainableTextClassifier.__new__(ExplainableTextClassifier)
    loaded.__setstate__(state)
    assert loaded.signal_transform == "none"
    assert np.allclose(loaded.predict_proba(xs[:50]), old.predict_proba(xs[:50]), rtol=0, atol=1e-12)


def test_a_model_named_some_signals_uses_those_alone() -> None:
    xs, y = _synthetic(1500, seed=10)
    subset = (SIGNAL_NAMES[0], SIGNAL_NAMES[5])
    est = ExplainableTextClassifier(signal_names=subset).fit(xs, y)
    assert est.get_feature_names()[-2:] == [f"sig:{n}" for n in subset]
    others_moved = [(t, [v if i in (0, 5) else v + 7.0 for i, v in enumerate(s)]) for t, s in xs[:20]]
    assert np.allclose(est.predict_proba(xs[:20]), est.predict_proba(others_moved), rtol=0, atol=1e-12)
    contributions = est.explain(xs[0]).contributions
    assert {f"sig:{n}" for n in subset} <= set(contributions)
    assert not {f"sig:{n}" for n in SIGNAL_NAMES[1:5]} & set(contributions)


def test_signal_names_out_of_the_rows_order_are_refused() -> None:
    """Rows carry the signals in SIGNAL_NAMES order: names in another order would label every
    column wrongly."""
    xs, y = _synthetic(300, seed=11)
    with pytest.raises(ValueError, match="order of SIGNAL_NAMES"):
        ExplainableTextClassifier(signal_names=tuple(reversed(SIGNAL_NAMES))).fit(xs, y)
    with pytest.raises(ValueError, match="order of SIGNAL_NAMES"):
        ExplainableTextClassifier(signal_names=(SIGNAL_NAMES[5], SIGNAL_NAMES[0])).fit(xs, y)


def test_standardised_signals_take_one_row_or_many() -> None:
    xs, y = _synthetic(600, seed=12)
    est = ExplainableTextClassifier().fit(xs, y)
    one = est.standardised_signals(xs[0][1])
    many = est.standardised_signals([xs[0][1], xs[1][1]])
    assert one.shape == (1, len(SIGNAL_NAMES))
    assert one[0].tobytes() == many[0].tobytes()
