"""Evidence lines: the line scorer, the model signal it gives, and its training from quotes."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError

from screening.bundle import ScoringBundle
from screening.features import SIGNAL_NAMES
from screening.line_scorer import LINE_SIGNAL, LineScorer, line_spans, make_line_vectorizer
from screening.model import ExplainableTextClassifier, ModelInput, TokenIndex
from training.evidence_lines import (
    LineCache,
    fit_line_scorer,
    labelled_lines,
    line_labels,
    shared_vectorizer,
)
from training.examples import Examples
from training.specs import EvidenceLines

_PLACES = ["Kenya", "Peru", "Norway", "Chile", "Vietnam", "Ghana", "Poland", "Canada"]
_FILLER = [
    "Prepared monthly reports for the regional team.",
    "Answered customer questions by phone and email.",
    "Maintained the market price database.",
    "Launched weekly status calls with vendors.",
    "Reviewed invoices and filed records.",
    "Trained new staff on the ordering system.",
]


def _resume(rng: np.random.Generator, positive: bool) -> tuple[str, str | None]:
    """A résumé of filler lines; a positive one has one line launching a market (the quote).
    Negatives use "launched" and "market" too, on separate lines."""
    lines = [str(x) for x in rng.choice(_FILLER, 6)]
    quote = None
    if positive:
        quote = f"Launched the {rng.choice(_PLACES)} market in 2021 with {int(rng.integers(2, 40))} partners."
        lines.insert(int(rng.integers(0, len(lines))), quote)
    return "Experience\n" + "\n".join(f"• {line}" for line in lines) + "\n", quote


def _examples(n: int, seed: int, origin: str = "real") -> Examples:
    rng = np.random.default_rng(seed)
    ids, inputs, y, extras = [], [], [], []
    for k in range(n):
        positive = bool(k % 2)
        text, quote = _resume(rng, positive)
        ids.append(f"r{k}")
        inputs.append((normalise_digits(text), [0.0] * len(SIGNAL_NAMES)))
        y.append([1.0 if positive else 0.0])
        extras.append({"origin": origin, "evidence": {"ambitious": [quote]} if quote else {}})
    return Examples(ids=ids, inputs=inputs, y=np.array(y), labels=("ambitious",), extras=extras)


def normalise_digits(text: str) -> str:
    """As the model text masks digits."""
    return "".join("0" if c.isdigit() else c for c in text)


# -- the scorer ----------------------------------------------------------------------------


def test_line_spans_are_exact_offsets_of_the_readable_lines() -> None:
    text = "  Summary  \n•\n\nLed a team of 4\n  Built the app  "
    spans = line_spans(text)
    # From each line's first token to its last (a token: a CJK character or 2+ word characters).
    assert [text[s:e] for s, e in spans] == ["Summary", "Led a team of", "Built the app"]
    assert line_spans("合规审查\n• x\n") == [(0, 4)]


@pytest.fixture(scope="module")
def scorer() -> LineScorer:
    data = _examples(200, seed=3)
    lines, ys = [], []
    for (text, _), label, extras in zip(data.inputs, data.y[:, 0], data.extras, strict=True):
        found = line_labels(text, float(label), extras["evidence"], "ambitious")
        assert found is not None
        lines += [text[s:e] for s, e in line_spans(text)]
        ys += found.tolist()
    return LineScorer().fit(lines, ys)


def test_the_best_line_is_the_one_that_reads_like_evidence(scorer: LineScorer) -> None:
    text = "Experience\n• Launched weekly status calls with vendors.\n• Launched the Chile market in 0000.\n"
    p, span = scorer.best_line(text)
    assert span is not None
    assert text[span[0] : span[1]] == "Launched the Chile market in 0000"
    assert p > 0.5
    quiet = "• Launched weekly status calls with vendors.\n• Maintained the market price database."
    assert scorer.best_line(quiet)[0] < 0.5


def test_lines_are_encoded_as_the_vectoriser_encodes_each_line_alone() -> None:
    lines = [
        "Launched the Peru market",
        "launched THE peru market market",
        "Reviewed invoices",
        "合规 审查 合规",
    ]
    vectorizer = make_line_vectorizer(min_df=1).fit(lines)
    scorer = LineScorer().fit(lines, [1, 1, 0, 0], vectorizer)
    text = (
        "  Launched the Peru market  \n•\n\nlaunched THE peru market market\n"
        "Reviewed invoices, unseen words\n合规 审查 合规"
    )
    rows = scorer.encode(text)
    assert [text[s:e] for s, e in rows.spans] == [*lines[:2], "Reviewed invoices, unseen words", lines[3]]
    expected = vectorizer.transform([text[s:e] for s, e in rows.spans]).toarray()
    ours = np.zeros_like(expected)
    ours[rows.line, rows.column] = rows.value
    assert np.allclose(ours, expected, rtol=0, atol=1e-12)


def test_scorers_with_one_vectoriser_share_a_texts_encoding() -> None:
    lines = ["Launched the Peru market", "Reviewed invoices", "Led the team", "Filed records"]
    vectorizer = make_line_vectorizer(min_df=1).fit(lines)
    first = LineScorer().fit(lines, [1, 0, 0, 0], vectorizer)
    second = LineScorer().fit(lines, [0, 0, 1, 0], vectorizer)
    other = LineScorer().fit(lines, [0, 0, 1, 0])  # its own vectoriser: min_df 2, another vocabulary
    text = "Launched the Peru market\nLed the team"
    index = TokenIndex(text)
    assert first.encode(text, index) is second.encode(text, index)
    assert other.encode(text, index) is not first.encode(text, index)
    assert first.best_line(text, index)[1] == (0, 24)
    assert second.best_line(text, index)[1] == (25, 37)


def test_values_are_each_texts_best_line_and_zero_without_lines(scorer: LineScorer) -> None:
    texts = ["Launched the Peru market.\nReviewed invoices.", "", "•\n-", "Answered customer questions."]
    values = scorer.values(texts)
    assert values.tolist() == [scorer.best_line(t)[0] for t in texts]
    assert values[1] == values[2] == 0.0


def test_a_line_scorer_needs_both_kinds_of_line_and_a_fit() -> None:
    with pytest.raises(ValueError, match="evidence lines"):
        LineScorer().fit(["a line", "another line"], [0, 0])
    with pytest.raises(ValueError, match="same length"):
        LineScorer().fit(["a line"], [0, 1])
    with pytest.raises(NotFittedError):
        LineScorer().best_line("Launched the Peru market.")


# -- the model's line signal ---------------------------------------------------------------


@pytest.fixture(scope="module")
def line_model(scorer: LineScorer) -> tuple[ExplainableTextClassifier, list[ModelInput], np.ndarray]:
    data = _examples(300, seed=5)
    model = ExplainableTextClassifier(min_df=1, line_scorer=scorer).fit(data.inputs, data.y[:, 0].astype(int))
    return model, data.inputs, data.y[:, 0].astype(int)


def test_the_line_signal_is_named_and_weighs_for_the_label(
    line_model: tuple[ExplainableTextClassifier, list[ModelInput], np.ndarray],
) -> None:
    model, _, _ = line_model
    assert model.signal_names_[-1] == LINE_SIGNAL
    assert model.n_signals_ == len(SIGNAL_NAMES) + 1
    assert model.coef_[-1] > 0


def test_the_explanation_stays_exact_and_quotes_the_best_line(
    line_model: tuple[ExplainableTextClassifier, list[ModelInput], np.ndarray],
) -> None:
    model, inputs, y = line_model
    x = inputs[int(np.flatnonzero(y == 1)[0])]
    explanation = model.explain(x, top=50)
    total = explanation.bias + sum(explanation.contributions.values())
    assert math.isclose(total, explanation.logit, abs_tol=1e-9)
    assert math.isclose(explanation.probability, float(model.predict_proba([x])[0, 1]), abs_tol=1e-12)
    line = next(e for e in explanation.positive if e.feature == f"sig:{LINE_SIGNAL}")
    # A value that lowers the label cites no line: the lack of a better line lowered it.
    quiet = inputs[int(np.flatnonzero(y == 0)[0])]
    lowered = [e for e in model.explain(quiet, top=50).negative if e.feature == f"sig:{LINE_SIGNAL}"]
    assert lowered
    assert lowered[0].spans == ()
    ((start, end),) = line.spans
    assert x[0][start:end] == x[0][slice(*model.line_scorer.best_line(x[0])[1])]
    assert "Launched the" in x[0][start:end]


def test_encoded_scoring_with_split_inputs_gives_predict_proba(
    line_model: tuple[ExplainableTextClassifier, list[ModelInput], np.ndarray],
) -> None:
    model, inputs, _ = line_model
    texts, signals = model.split_inputs(inputs[:20])
    assert signals.shape == (20, len(SIGNAL_NAMES) + 1)
    encoded = model.predict_proba_encoded(model.vectorizer_.transform(texts), signals)
    assert np.allclose(encoded, model.predict_proba(inputs[:20])[:, 1], rtol=0, atol=1e-12)
    raw = np.asarray([s for _, s in inputs[:20]])
    with pytest.raises(ValueError, match="evidence-line value last"):
        model.predict_proba_encoded(model.vectorizer_.transform(texts), raw)


def test_clone_keeps_the_fitted_line_scorer(
    line_model: tuple[ExplainableTextClassifier, list[ModelInput], np.ndarray],
) -> None:
    model, inputs, y = line_model
    twin = clone(model).fit(inputs, y)
    assert twin.line_scorer is not model.line_scorer
    assert np.array_equal(twin.predict_proba(inputs), model.predict_proba(inputs))


def test_a_bundle_with_a_line_scorer_saves_and_loads_with_the_same_probabilities(
    line_model: tuple[ExplainableTextClassifier, list[ModelInput], np.ndarray], tmp_path: Path
) -> None:
    model, inputs, _ = line_model
    bundle = ScoringBundle(name="screening-aha", labels=["ambitious"], heads={"ambitious": model},
                           thresholds={"ambitious": 0.5})  # fmt: skip
    loaded = ScoringBundle.load(bundle.save(tmp_path / "bundle.skops"))
    assert np.array_equal(loaded.probabilities(inputs), bundle.probabilities(inputs))
    assert np.allclose(bundle.probabilities(inputs)[:, 0], model.predict_proba(inputs)[:, 1], atol=1e-12)


# -- training from quotes ------------------------------------------------------------------


def test_quoted_lines_are_positives_with_digits_and_spaces_normalised() -> None:
    text = "Experience\n• Launched the Peru market in 0000 with 00 partners.\n• Reviewed invoices daily.\n"
    quote = ["Launched the Peru  market in 2021 with 12 partners."]
    assert line_labels(text, 1.0, {"ambitious": quote}, "ambitious").tolist() == [0, 1, 0]
    # A quote wrapped over two lines of the PDF matches each of its lines.
    wrapped = "• Launched the Peru market in 0000\nwith 00 partners and a new office.\n• Other work.\n"
    quote = ["Launched the Peru market in 2021\nwith 12 partners and a new office."]
    found = line_labels(wrapped, 1.0, {"ambitious": quote}, "ambitious")
    assert found is not None
    assert found.tolist() == [1, 1, 0]


def test_unlabelled_unmatched_and_unsure_quotes_are_left_out() -> None:
    text = "• Launched the Peru market in 0000.\n• Reviewed invoices daily.\n"
    quote = {"ambitious": ["Launched the Peru market in 2021."]}
    assert line_labels(text, math.nan, quote, "ambitious") is None
    # A positive whose quote matches no line teaches nothing.
    assert line_labels(text, 1.0, {"ambitious": ["Founded a company"]}, "ambitious") is None
    assert line_labels(text, 0.0, quote, "ambitious").tolist() == [-1, 0]  # an unsure 1, made 0
    assert line_labels(text, 0.0, {}, "ambitious").tolist() == [0, 0]


def test_training_values_are_cross_fitted_and_deterministic() -> None:
    data = _examples(120, seed=7)
    rows = list(range(len(data.ids)))
    config = EvidenceLines(folds=4)
    first = fit_line_scorer(data, rows, "ambitious", config, seed=0)
    again = fit_line_scorer(data, rows, "ambitious", config, seed=0)
    assert first is not None
    assert again is not None
    assert np.array_equal(first.values, again.values)
    assert (first.resumes, first.evidence_lines) == (120, 60)
    in_sample = first.scorer.values([t for t, _ in data.inputs])
    assert np.all(first.values != in_sample)  # no row got the value of a scorer that saw it
    positive = data.y[:, 0] == 1
    assert first.values[positive].mean() > first.values[~positive].mean()


def test_copies_of_a_resume_are_cross_fitted_together() -> None:
    data = _examples(60, seed=4)
    # Every résumé twice (as an identity swap or a copy would be): ids r0…r59 and c0…c59.
    twin = Examples(
        ids=data.ids + [f"c{k}" for k in range(60)],
        inputs=data.inputs + data.inputs,
        y=np.vstack([data.y, data.y]),
        labels=data.labels,
        extras=data.extras + data.extras,
    )
    rows = list(range(120))
    groups = {**{f"r{k}": f"r{k}" for k in range(60)}, **{f"c{k}": f"r{k}" for k in range(60)}}
    grouped = fit_line_scorer(twin, rows, "ambitious", EvidenceLines(folds=3), seed=0, groups=groups)
    assert grouped is not None
    # A copy's value never comes from a scorer that learned its twin's lines: twins match.
    assert np.array_equal(grouped.values[:60], grouped.values[60:])
    loose = fit_line_scorer(twin, rows, "ambitious", EvidenceLines(folds=3), seed=0)
    assert loose is not None
    assert not np.array_equal(loose.values[:60], loose.values[60:])


def test_a_model_saved_before_line_scorers_loads_and_scores_the_same() -> None:
    data = _examples(120, seed=6)
    model = ExplainableTextClassifier(min_df=1).fit(data.inputs, data.y[:, 0].astype(int))
    state = model.__getstate__()
    state.pop("line_scorer")  # as pickled or skops-saved before the parameter existed
    old = ExplainableTextClassifier.__new__(ExplainableTextClassifier)
    old.__setstate__(state)
    assert old.line_scorer is None
    assert np.array_equal(old.predict_proba(data.inputs), model.predict_proba(data.inputs))


def test_generated_quotes_teach_only_when_the_spec_says_all() -> None:
    data = _examples(40, seed=9, origin="generated")
    rows = list(range(len(data.ids)))
    assert fit_line_scorer(data, rows, "ambitious", EvidenceLines(sources="real"), seed=0) is None
    assert fit_line_scorer(data, rows, "ambitious", EvidenceLines(sources="all"), seed=0) is not None


def test_no_term_of_the_line_vocabulary_comes_from_one_resume_alone() -> None:
    data = _examples(40, seed=8)
    text, signals = data.inputs[0]
    # Twice in one résumé (on two lines): still one résumé, so not read and not saved.
    data.inputs[0] = (text + "Zzunique ledger work\nZzunique ledger audit\n", signals)
    found = fit_line_scorer(data, list(range(40)), "ambitious", EvidenceLines(folds=4), seed=0)
    assert found is not None
    terms = set(found.scorer.terms_.split("\n"))
    assert "zzunique" not in terms
    assert {"launched", "market", "launched the"} <= terms


def test_lines_encoded_once_teach_exactly_what_the_lines_teach() -> None:
    """Training transforms each résumé's lines once for every fold and head (``LineCache``):
    the scorer is the one fitted on the lines themselves, bit for bit, and sharing the cache
    between labels and calls changes nothing."""
    data = _examples(80, seed=11)
    rows = list(range(len(data.ids)))
    config = EvidenceLines(folds=4)
    vectorizer = shared_vectorizer(data, rows, config)
    assert vectorizer is not None
    cache = LineCache()
    cached = fit_line_scorer(data, rows, "ambitious", config, seed=0, vectorizer=vectorizer, cache=cache)
    alone = fit_line_scorer(data, rows, "ambitious", config, seed=0, vectorizer=vectorizer)
    assert cached is not None
    assert alone is not None
    assert len(cache.lines) == len(data.ids)  # every teaching résumé's lines, once
    assert cached.values.tobytes() == alone.values.tobytes()
    lines: list[str] = []
    ys: list[int] = []
    col = data.labels.index("ambitious")
    for i in rows:
        found = line_labels(
            data.inputs[i][0], float(data.y[i, col]), data.extras[i].get("evidence"), "ambitious"
        )
        assert found is not None
        taught, labels = labelled_lines(data.inputs[i][0], found)
        lines += taught
        ys += labels
    direct = LineScorer().fit(lines, ys, vectorizer)
    assert cached.scorer.coef_.tobytes() == direct.coef_.tobytes()
    assert cached.scorer.encoding_ == direct.encoding_
    again = fit_line_scorer(data, rows, "ambitious", config, seed=0, vectorizer=vectorizer, cache=cache)
    assert again is not None
    assert again.values.tobytes() == cached.values.tobytes()


def test_encoded_lines_must_match_their_labels_and_vocabulary() -> None:
    vectorizer = make_line_vectorizer(min_df=1).fit(["launched the market", "reviewed invoices"])
    matrix = vectorizer.transform(["launched the market", "reviewed invoices"])
    with pytest.raises(ValueError, match="same length"):
        LineScorer().fit_encoded(matrix, [1], vectorizer)
    with pytest.raises(ValueError, match="one column per term"):
        LineScorer().fit_encoded(matrix[:, :2], [1, 0], vectorizer)
    with pytest.raises(ValueError, match="evidence lines"):
        LineScorer().fit_encoded(matrix, [0, 0], vectorizer)


def _with_language(data: Examples, start: int, marker: str, language: str) -> Examples:
    """``data`` with résumés from ``start`` on written in another language: every line ends
    with ``marker``, and the record says ``language``."""
    inputs = list(data.inputs)
    extras = [dict(e) for e in data.extras]
    for k in range(start, len(inputs)):
        text, signals = inputs[k]
        inputs[k] = ("\n".join(f"{line} {marker}" if line else line for line in text.split("\n")), signals)
        extras[k]["lang"] = language
    for e in extras[:start]:
        e["lang"] = "en"
    return Examples(ids=data.ids, inputs=inputs, y=data.y, labels=data.labels, extras=extras)


def test_a_language_whose_resumes_are_mostly_positive_is_not_learnt_as_evidence() -> None:
    """The few Chinese résumés of the real sets are mostly Web3: a scorer must learn their
    evidence phrases, not that a line written in Chinese is evidence."""
    base = _examples(160, seed=12)
    # The last 40 résumés are "Chinese": 36 positives, 4 negatives (the others: half and half).
    y = base.y.copy()
    y[120:, 0] = [1.0] * 36 + [0.0] * 4
    rng = np.random.default_rng(3)
    inputs, extras = list(base.inputs), [dict(e) for e in base.extras]
    for k in range(120, 160):
        # Short résumés, quoted at length (as the written ones are): most of their lines are evidence.
        lines = [str(x) for x in rng.choice(_FILLER, 2)]
        quotes = (
            [
                f"Launched the {place} market with {n} partners."
                for place, n in zip(
                    rng.choice(_PLACES, 3, replace=False), rng.integers(2, 40, 3), strict=True
                )
            ]
            if y[k, 0]
            else []
        )
        text = "Experience\n" + "\n".join(f"• {line}" for line in lines + quotes) + "\n"
        inputs[k] = (normalise_digits(text), inputs[k][1])
        extras[k]["evidence"] = {"ambitious": quotes} if quotes else {}
    data = _with_language(
        Examples(ids=base.ids, inputs=inputs, y=y, labels=base.labels, extras=extras), 120, "中文", "zh"
    )
    found = fit_line_scorer(data, list(range(160)), "ambitious", EvidenceLines(folds=4, min_df=1), seed=0)
    assert found is not None
    negative = _resume(np.random.default_rng(99), False)[0]
    in_chinese = _with_language(
        Examples(ids=["x"], inputs=[(negative, [])], y=np.zeros((1, 1)), labels=("ambitious",), extras=[{}]),
        0,
        "中文",
        "zh",
    ).inputs[0][0]
    plain, marked = found.scorer.values([negative, in_chinese])
    # The same lines, in the "language", read as hardly more evidence (on the logit scale;
    # learnt from the language's share of positives, the gap is about 0.7).
    assert math.log(marked / (1 - marked)) - math.log(plain / (1 - plain)) < 0.35
    positive = _resume(np.random.default_rng(5), True)[0]
    assert found.scorer.values([positive])[0] > marked + 0.3  # its evidence phrases still are
