"""The scoring estimator: one calibrated, exactly explainable binary classifier per label.

Each label (``tradfi``, ``adaptable``, …) gets its own :class:`ExplainableTextClassifier`.
Its input is a sequence of :data:`ModelInput` pairs ``(model_text, signals)``: the redacted
text of :class:`screening.features.RedactedText` and the values of
:meth:`screening.features.ResumeFeatures.signal_vector` (see :func:`model_input`). Plain
tuples of ``str`` and floats pickle and skops-serialise without custom types, and a wrapper
(MLflow ``PythonModel``) can build them from a two-column frame.

The model is linear in its features and its calibration is a monotone *affine* map of the
logit, so a prediction decomposes exactly::

    logit = bias + Σ_i contribution_i,    probability = sigmoid(logit)

over the n-grams present in the text and the named signals. :meth:`explain` returns those
contributions, with the character offsets of each n-gram in the model text.

This class is serialised with registered models: keep it (and :func:`tokenize`, which its
vectoriser references) at this import path.
"""

from __future__ import annotations

import copy
import functools
import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

import numpy as np
import numpy.typing as npt
from scipy import sparse  # type: ignore[import-untyped]
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler
from sklearn.utils.validation import check_is_fitted

from screening.features import SIGNAL_NAMES
from screening.line_scorer import LINE_SIGNAL, LineScorer

if TYPE_CHECKING:
    from screening.features import ResumeFeatures

#: One model input: the redacted model text and the signal values (``SIGNAL_NAMES`` order).
ModelInput = tuple[str, Sequence[float]]

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
#: A token is one CJK ideograph, or a run of two or more other word characters. Unlike
#: scikit-learn's default ``\b\w\w+\b`` this splits Chinese (written without spaces) into
#: characters, so that word n-grams over it are character n-grams, and keeps a Latin word
#: glued to Chinese ("AML合规") apart from it. The redaction placeholder is no token.
TOKEN_PATTERN = re.compile(rf"[{_CJK}]|[^\W{_CJK}]{{2,}}")
_NGRAM = "ngram:"
_SIG = "sig:"

FloatArray = npt.NDArray[np.float64]
_Index = npt.NDArray[np.intp]


def token_spans(text: str) -> list[tuple[int, int]]:
    """Character spans ``[start, end)`` of the tokens of ``text``, in order.

    The vectoriser's tokens are exactly ``text[start:end].lower()`` for these spans (see
    :func:`tokenize`), so the offsets of an n-gram are exact even where lower-casing would
    change a string's length.
    """
    return [m.span() for m in TOKEN_PATTERN.finditer(text)]


def tokenize(text: str) -> list[str]:
    """The lower-cased tokens of ``text``: the tokenizer of every fitted vectoriser."""
    return [m.group().lower() for m in TOKEN_PATTERN.finditer(text)]


def ngram_spans(text: str, ngram: str) -> list[tuple[int, int]]:
    """Spans of ``text`` holding every occurrence of ``ngram`` (tokens joined by one space),
    from the start of its first token to the end of its last."""
    return TokenIndex(text).find(ngram)


class TokenIndex:
    """The tokens of one text (one pass of :data:`TOKEN_PATTERN`), indexed by token to find
    many n-grams quickly, and counted as n-grams to encode the text (:class:`TextEncoder`):
    scoring tokenises a text once for both."""

    def __init__(self, text: str) -> None:
        self.text = text
        matches = list(TOKEN_PATTERN.finditer(text))
        self.spans = [m.span() for m in matches]
        self.tokens = [m.group().lower() for m in matches]  # exactly tokenize(text)
        self._starts: dict[str, list[int]] | None = None
        self._found: dict[str, tuple[tuple[int, int], ...]] = {}
        self._counts: dict[tuple[int, int], Counter[str]] = {}
        self._grams: dict[int, list[str]] = {}
        #: What others computed from these tokens, by key (line encodings, shared by the
        #: line scorers of one model).
        self.memo: dict[str, Any] = {}

    def find(self, ngram: str) -> list[tuple[int, int]]:
        """Spans of every occurrence of ``ngram`` (tokens joined by one space)."""
        return list(self.find_all(ngram))

    def find_all(self, ngram: str) -> tuple[tuple[int, int], ...]:
        """:meth:`find` as a tuple, remembered (several heads explain with the same n-grams)."""
        found = self._found.get(ngram)
        if found is None:
            if self._starts is None:
                self._starts = {}
                for i, token in enumerate(self.tokens):
                    self._starts.setdefault(token, []).append(i)
            wanted = ngram.split(" ")
            n = len(wanted)
            tokens, spans = self.tokens, self.spans
            found = self._found[ngram] = tuple(
                (spans[i][0], spans[i + n - 1][1])
                for i in self._starts.get(wanted[0], ())
                if tokens[i : i + n] == wanted
            )
        return found

    def ngrams(self, n: int) -> list[str]:
        """The ``n``-token n-gram starting at each token (tokens joined by one space), while
        ``n`` tokens remain."""
        grams = self._grams.get(n)
        if grams is None:
            tokens = self.tokens
            if n == 1:
                grams = tokens
            else:
                grams = list(map(" ".join, zip(*(tokens[i:] for i in range(n)), strict=False)))
            self._grams[n] = grams
        return grams

    def ngram_counts(self, min_n: int, max_n: int) -> Counter[str]:
        """How often each word n-gram (``min_n`` to ``max_n`` tokens, joined by one space)
        occurs: the n-grams scikit-learn's word analyser makes of :func:`tokenize`'s tokens."""
        key = (min_n, max_n)
        counts = self._counts.get(key)
        if counts is None:
            grams: list[str] = []
            for n in range(max(min_n, 1), max_n + 1):
                grams.extend(self.ngrams(n))
            counts = self._counts[key] = Counter(grams)
        return counts


def same_encoding(a: Any, b: Any) -> bool:
    """Whether two fitted tf-idf vectorisers encode every text identically (heads trained
    together share one; after a model is loaded each head holds its own copy)."""
    if a is b:
        return True
    return bool(
        a.get_params() == b.get_params() and a.vocabulary_ == b.vocabulary_ and np.array_equal(a.idf_, b.idf_)
    )


def distinct_encodings(vectorizers: Sequence[Any]) -> tuple[list[Any], list[int]]:
    """The vectorisers that encode differently (first of each kind, in order) and, for each
    of ``vectorizers``, the index of its kind: heads trained together encode a text once."""
    distinct: list[Any] = []
    kind: list[int] = []
    for vectorizer in vectorizers:
        for j, known in enumerate(distinct):
            if same_encoding(known, vectorizer):
                kind.append(j)
                break
        else:
            kind.append(len(distinct))
            distinct.append(vectorizer)
    return distinct, kind


@dataclass(frozen=True, slots=True)
class EncodedText:
    """One text's tf-idf row: its columns in ascending order and their values (what
    ``vectorizer.transform([text])`` holds in ``indices`` and ``data``)."""

    indices: npt.NDArray[np.int32]
    data: FloatArray


class TextEncoder:
    """A fitted vectoriser's ``transform`` of one text, computed from a :class:`TokenIndex`.

    scikit-learn's ``TfidfVectorizer.transform`` tokenises the text again and validates its
    input at every call (a quarter of the time of scoring a résumé). For the vectorisers this
    module makes (:meth:`ExplainableTextClassifier.make_vectorizer`: :func:`tokenize`, word
    n-grams, no stop words, tf-idf with or without sublinear tf, l2 or no norm), this encoder
    does the same arithmetic in the same order on the index's tokens: counts, ``log(tf) + 1``,
    times idf, then each value divided by the square root of the sum of squares accumulated
    in column order, as scikit-learn's sparse row normaliser does. It checks itself against
    ``transform`` on a probe text when built and falls back to ``transform`` for any other
    vectoriser or on any difference, so its output is always bit-identical.
    """

    def __init__(self, vectorizer: Any) -> None:
        self.vectorizer = vectorizer
        self.vocabulary: dict[str, int] = vectorizer.vocabulary_
        self.min_n, self.max_n = (int(n) for n in vectorizer.ngram_range)
        self.exact = False
        if self._supported(vectorizer):
            self.idf: FloatArray = np.asarray(vectorizer.idf_, dtype=np.float64)
            self.sublinear = bool(vectorizer.sublinear_tf)
            self.l2 = vectorizer.norm == "l2"
            self.exact = self._agrees_on(self._probe_text())

    @staticmethod
    def _supported(v: Any) -> bool:
        return bool(
            isinstance(v, TfidfVectorizer)
            and v.analyzer == "word"
            and v.tokenizer is tokenize
            and v.preprocessor is None
            and not v.lowercase
            and v.strip_accents is None
            and v.stop_words is None
            and v.input == "content"
            and not v.binary
            and v.use_idf
            and v.norm in ("l2", None)
            and np.dtype(v.dtype) == np.float64
            and isinstance(v.vocabulary_, dict)
            and 1 <= v.ngram_range[0] <= v.ngram_range[1]
        )

    def _probe_text(self) -> str:
        """Vocabulary terms, some repeated: many columns and counts above one."""
        terms = sorted(self.vocabulary, key=self.vocabulary.__getitem__)[:400]
        return " . ".join(terms + terms[:60] + terms[:7]) + " zzzunseen 合规"

    def _agrees_on(self, text: str) -> bool:
        expected = self.vectorizer.transform([text])
        ours = self._encode(TokenIndex(text))
        return bool(
            np.array_equal(np.asarray(expected.indices), ours.indices)
            and np.asarray(expected.data).tobytes() == ours.data.tobytes()
        )

    def encode(self, index: TokenIndex) -> EncodedText:
        """The row of ``index.text``."""
        if not self.exact:
            row = self.vectorizer.transform([index.text])
            return EncodedText(
                np.asarray(row.indices, dtype=np.int32), np.asarray(row.data, dtype=np.float64)
            )
        return self._encode(index)

    def _encode(self, index: TokenIndex) -> EncodedText:
        counts = index.ngram_counts(self.min_n, self.max_n)
        vocabulary = self.vocabulary
        present = list(counts.keys() & vocabulary.keys())
        n = len(present)
        columns = np.array([vocabulary[g] for g in present], dtype=np.int64).reshape(n)
        tf = np.array([counts[g] for g in present], dtype=np.float64).reshape(n)
        order = np.argsort(columns, kind="stable")
        columns = columns[order]
        data = tf[order]
        if self.sublinear:
            np.log(data, data)
            data += 1.0
        data *= self.idf[columns]
        if self.l2 and n:
            squares = np.cumsum(data * data)  # accumulated left to right, as the C loop does
            total = float(squares[-1])
            if total != 0.0:
                data /= math.sqrt(total)
        return EncodedText(columns.astype(np.int32), data)


def input_texts(X: Sequence[ModelInput]) -> list[str]:  # noqa: N803
    """The texts of ``(model_text, signals)`` pairs, each pair checked.

    Raises:
        TypeError: ``X`` is one text.
        ValueError: an item is not such a pair.
    """
    if isinstance(cast(object, X), str):
        raise TypeError("X must be a sequence of (model_text, signals) pairs, not one text")
    texts: list[str] = []
    for i, row in enumerate(X):
        if len(row) != 2 or not isinstance(row[0], str):
            raise ValueError(f"X[{i}] is not a (model_text, signals) pair")
        texts.append(row[0])
    return texts


@dataclass(frozen=True, slots=True)
class EncodedTexts:
    """Texts read for several heads (:func:`encode_texts`), one entry per head: ``matrices``
    its vectoriser's tf-idf rows of the texts (one shared object for heads that encode
    alike) and ``line_values`` its line scorer's value of each text (``None`` without one)."""

    matrices: list[sparse.csr_matrix]
    line_values: list[FloatArray | None]


def encode_texts(heads: Sequence[ExplainableTextClassifier], texts: Sequence[str]) -> EncodedTexts:
    """What ``heads`` read of ``texts``, each text tokenised once for them all
    (:class:`TokenIndex`): each vectoriser's rows (:class:`TextEncoder`, bit-identical to its
    ``transform``) and each line scorer's values (scorers with the same ``encoding_`` share
    the line encoding). One text is held at a time."""
    vectorizers, kinds = distinct_encodings([head.vectorizer_ for head in heads])
    encoders = [TextEncoder(v) for v in vectorizers]
    scorers = [head.line_scorer for head in heads]
    indptr = [np.zeros(len(texts) + 1, dtype=np.int64) for _ in encoders]
    indices: list[list[npt.NDArray[np.int32]]] = [[] for _ in encoders]
    data: list[list[FloatArray]] = [[] for _ in encoders]
    values = [np.zeros(len(texts)) if scorer is not None else None for scorer in scorers]
    for i, text in enumerate(texts):
        index = TokenIndex(text)
        for k, encoder in enumerate(encoders):
            row = encoder.encode(index)
            indices[k].append(row.indices)
            data[k].append(row.data)
            indptr[k][i + 1] = indptr[k][i] + len(row.indices)
        for scorer, out in zip(scorers, values, strict=True):
            if scorer is not None and out is not None:
                out[i] = scorer.best_line(text, index)[0]
    matrices = [
        sparse.csr_matrix(
            (
                np.concatenate(data[k]) if texts else np.zeros(0),
                np.concatenate(indices[k]) if texts else np.zeros(0, dtype=np.int32),
                indptr[k],
            ),
            shape=(len(texts), len(vectorizers[k].vocabulary_)),
        )
        for k in range(len(encoders))
    ]
    return EncodedTexts([matrices[k] for k in kinds], values)


def model_input(features: ResumeFeatures) -> ModelInput:
    """The model input of one featurised résumé."""
    return features.text.text, features.signal_vector()


@dataclass(frozen=True, slots=True)
class Evidence:
    """One feature's additive part of a calibrated logit.

    ``value`` is the feature's value as the model saw it (tf-idf weight of an n-gram, or the
    standardised signal); ``spans`` are, for an n-gram, the offsets of each of its
    occurrences in the model text (empty for signals: their spans are on the
    :class:`screening.features.Signal`; but ``sig:evidence_line`` carries the span of its
    line in the model text).
    """

    feature: str
    value: float
    contribution: float
    spans: tuple[tuple[int, int], ...] = ()

    @property
    def is_signal(self) -> bool:
        """Whether the feature is a named signal (``sig:…``) rather than an n-gram."""
        return self.feature.startswith(_SIG)


@dataclass(frozen=True, slots=True)
class Explanation:
    """An exact decomposition of one prediction.

    ``logit == bias + sum(contributions.values())`` (to floating-point rounding) and
    ``probability == sigmoid(logit)``. ``contributions`` holds every active feature (each
    n-gram present in the text and every signal); ``positive`` and ``negative`` the largest
    ones of each sign, strongest first, with their evidence spans.
    """

    logit: float
    probability: float
    bias: float
    contributions: Mapping[str, float]
    positive: tuple[Evidence, ...]
    negative: tuple[Evidence, ...]


def _sigmoid(z: FloatArray) -> FloatArray:
    out: FloatArray = 0.5 * (1.0 + np.tanh(0.5 * z))  # stable for large |z|
    return out


def fit_platt(
    z: FloatArray,
    y: npt.NDArray[np.bool_],
    max_iter: int = 100,
    sample_weight: FloatArray | None = None,
) -> tuple[float, float]:
    """Platt's sigmoid ``p = sigmoid(a * z + b)`` fitted to scores ``z`` and labels ``y``.

    Newton's method with backtracking on Platt's regularised targets (Lin, Lin & Weng 2007),
    deterministic and without any optimiser tolerances to tune. ``sample_weight`` weighs
    each example's term of the log-loss (default: all 1).

    Returns:
        ``(a, b)``.
    """
    n_pos = float(y.sum())
    n_neg = float(len(y) - n_pos)
    t = np.where(y, (n_pos + 1.0) / (n_pos + 2.0), 1.0 / (n_neg + 2.0))
    sw = np.ones(len(z)) if sample_weight is None else np.asarray(sample_weight, dtype=np.float64)

    def loss(a: float, b: float) -> float:
        f = a * z + b
        # -[t log p + (1 - t) log(1 - p)] with p = sigmoid(f), written stably.
        return float(np.sum(sw * (np.logaddexp(0.0, f) - t * f)))

    a, b = 1.0, math.log((n_pos + 1.0) / (n_neg + 1.0))
    current = loss(a, b)
    for _ in range(max_iter):
        p = _sigmoid(a * z + b)
        g = sw * (p - t)
        w = sw * p * (1.0 - p) + 1e-12
        grad = np.array([np.dot(g, z), g.sum()])
        hess = np.array([[np.dot(w * z, z), np.dot(w, z)], [np.dot(w, z), w.sum()]]) + 1e-12 * np.eye(2)
        step = np.linalg.solve(hess, grad)
        if float(np.abs(grad).max()) < 1e-10:
            break
        scale = 1.0
        while scale > 1e-10:
            na, nb = a - scale * float(step[0]), b - scale * float(step[1])
            new = loss(na, nb)
            if new <= current + 1e-4 * scale * float(np.dot(grad, -step)):
                break
            scale /= 2.0
        else:
            break
        a, b, current = na, nb, new
    return a, b


def _feature_names(vocabulary: Sequence[str] | npt.NDArray[Any], signals: Sequence[str]) -> npt.NDArray[Any]:
    """``ngram:<term>`` for each column of the vocabulary, then ``sig:<name>``."""
    return np.array([_NGRAM + str(t) for t in vocabulary] + [_SIG + n for n in signals], dtype=object)


@functools.lru_cache(maxsize=64)
def _signal_columns(names: tuple[str, ...]) -> list[int] | None:
    """Where ``names`` sit in today's ``SIGNAL_NAMES`` (None when one is unknown); computed
    once per list of names, not on every scored résumé."""
    index = {name: i for i, name in enumerate(SIGNAL_NAMES)}
    return [index[n] for n in names] if all(n in index for n in names) else None


class ExplainableTextClassifier(ClassifierMixin, BaseEstimator):  # type: ignore[misc]
    """Word n-gram tf-idf + standardised signals → logistic regression → Platt calibration.

    One binary label. ``fit`` holds out a stratified, seeded ``calibration_fraction`` of the
    data, fits the vectoriser, the scaler and the logistic regression on the rest, and fits
    ``p = sigmoid(a * z + b)`` on the held-out decision values ``z``. Only sigmoid
    calibration is offered: isotonic regression is a step function of ``z``, which would
    break the exact additive explanation (a contribution would no longer have a fixed
    effect on the calibrated logit).

    Parameters:
        ngram_range: word n-gram lengths (tokens as in :func:`tokenize`).
        min_df: minimum document count of an n-gram (on the fitting part).
        max_features: vocabulary cap (most frequent n-grams).
        C: inverse L2 strength of the logistic regression (the intercept is not penalised).
        class_weight: passed to the logistic regression; calibration undoes its shift of
            the base rate.
        calibration: must be ``"sigmoid"``.
        calibration_fraction: share of the data held out to fit the calibration.
        random_state: seed of the calibration split.
        signal_names: names of the signals the model uses; ``None`` means all of
            :data:`screening.features.SIGNAL_NAMES`. Given rows of all of them, a model named
            some uses those alone.
        signal_transform: ``"none"``, or ``"log1p"``: each signal count ``v`` enters as
            ``log(1 + v)`` before standardising, so that the first award or promotion weighs
            more than the fifth (the contribution stays ``a * coef * standardised value``).
        line_scorer: a fitted :class:`~screening.line_scorer.LineScorer`, or ``None``. With
            one, the model reads one more signal, ``evidence_line``: the probability of the
            text's best line (computed from the text wherever the model is given texts; to
            :meth:`fit_encoded` and :meth:`predict_proba_encoded`, which see no text, the
            caller passes it as the last column of the signal rows). Its evidence is the
            line itself.

    A model reads rows of the current :data:`~screening.features.SIGNAL_NAMES` even when it
    was trained before signals were added: it takes the signals it knows, by name.

    Fitted attributes: ``classes_``, ``vectorizer_``, ``scaler_``, ``classifier_``,
    ``coef_`` (text coefficients then signal coefficients), ``intercept_``,
    ``calibration_`` (``(a, b)``), ``threshold_``, ``n_signals_``, ``signal_names_``,
    ``feature_names_out_``.
    """

    def __init__(
        self,
        ngram_range: tuple[int, int] = (1, 2),
        min_df: int | float = 2,
        max_features: int | None = 50000,
        C: float = 1.0,  # noqa: N803 - scikit-learn's name
        class_weight: str | dict[Any, float] | None = "balanced",
        calibration: str = "sigmoid",
        calibration_fraction: float = 0.2,
        random_state: int | None = 0,
        signal_names: Sequence[str] | None = None,
        signal_transform: str = "none",
        line_scorer: LineScorer | None = None,
    ) -> None:
        self.ngram_range = ngram_range
        self.min_df = min_df
        self.max_features = max_features
        self.C = C
        self.class_weight = class_weight
        self.calibration = calibration
        self.calibration_fraction = calibration_fraction
        self.random_state = random_state
        self.signal_names = signal_names
        self.signal_transform = signal_transform
        self.line_scorer = line_scorer

    # -- inputs ---------------------------------------------------------------------------

    def _split_inputs(self, X: Sequence[ModelInput], n_signals: int | None) -> tuple[list[str], FloatArray]:  # noqa: N803
        texts = input_texts(X)
        rows: list[Sequence[float]] = [row[1] for row in X]
        width = n_signals if n_signals is not None else (len(rows[0]) if rows else 0)
        if width != len(SIGNAL_NAMES) and rows and all(len(r) == len(SIGNAL_NAMES) for r in rows):
            width = len(SIGNAL_NAMES)  # today's signals for an older model: it picks its own
        if any(len(r) != width for r in rows):
            raise ValueError(f"every row needs {width} signal values")
        signals = np.asarray(rows, dtype=np.float64).reshape(len(rows), width)
        if not np.isfinite(signals).all():
            raise ValueError("signal values must be finite")
        return texts, signals

    # -- fitting --------------------------------------------------------------------------

    def fit(
        self,
        X: Sequence[ModelInput],  # noqa: N803
        y: Sequence[Any] | npt.ArrayLike,
        sample_weight: Sequence[float] | npt.ArrayLike | None = None,
    ) -> ExplainableTextClassifier:
        """Fit the model and its calibration.

        Args:
            X: ``(model_text, signals)`` pairs.
            y: binary labels (two distinct values; the larger is the positive class).
            sample_weight: optional positive weight per row, used by the logistic regression
                (on top of ``class_weight``) and by the calibration; the vocabulary and the
                scaling of the signals are unweighted.

        Returns:
            self.

        Raises:
            ValueError: bad parameters, ragged or non-finite inputs, not exactly two
                classes, or too few examples of a class to hold some out for calibration.
        """
        self._check_params()
        texts, signals = self._split_inputs(X, None)
        signals = self.with_line_signal(texts, signals)
        labels = np.asarray(y)
        if labels.ndim != 1 or len(labels) != len(texts):
            raise ValueError("y must be one label per row of X")
        classes, positive, weights, fit_idx, cal_idx = self._prepare(labels, sample_weight)
        vectorizer = self.make_vectorizer().fit([texts[i] for i in fit_idx])
        return self._fit_parts(
            vectorizer, vectorizer.transform(texts), signals, classes, positive, weights, fit_idx, cal_idx
        )

    def make_vectorizer(self) -> TfidfVectorizer:
        """A new, unfitted tf-idf vectoriser with this estimator's text settings."""
        return TfidfVectorizer(
            tokenizer=tokenize,
            token_pattern=None,
            lowercase=False,  # tokenize lower-cases each token, keeping offsets exact
            ngram_range=tuple(self.ngram_range),
            min_df=self.min_df,
            max_features=self.max_features,
            sublinear_tf=True,
            dtype=np.float64,
        )

    def fit_encoded(
        self,
        vectorizer: TfidfVectorizer,
        text_matrix: sparse.csr_matrix,
        signals: npt.ArrayLike,
        y: Sequence[Any] | npt.ArrayLike,
        sample_weight: Sequence[float] | npt.ArrayLike | None = None,
    ) -> ExplainableTextClassifier:
        """Fit on texts already encoded by a fitted vectoriser, instead of fitting one.

        Training many heads and cross-validation folds on the same résumés encodes them once:
        ``vectorizer`` (from :meth:`make_vectorizer`, fitted on texts without their labels)
        and its ``text_matrix = vectorizer.transform(texts)``. The result is the same kind
        of model as :meth:`fit` gives, except that the vocabulary and document frequencies
        come from the texts the vectoriser was fitted on.

        Args:
            vectorizer: the fitted vectoriser; the model keeps it for scoring.
            text_matrix: its transform of the texts, one row per example.
            signals: the signal values, shape ``(n, n_signals)``.
            y: binary labels, as for :meth:`fit`.
            sample_weight: as for :meth:`fit`.

        Raises:
            ValueError: as :meth:`fit`, or the parts do not line up.
        """
        self._check_params()
        matrix = sparse.csr_matrix(text_matrix)
        values = np.asarray(signals, dtype=np.float64)
        labels = np.asarray(y)
        if values.ndim != 2 or not (matrix.shape[0] == len(values) == len(labels)):
            raise ValueError("text_matrix, signals and y must have one row per example")
        if matrix.shape[1] != len(vectorizer.vocabulary_):
            raise ValueError("text_matrix does not come from this vectorizer")
        if not np.isfinite(values).all():
            raise ValueError("signal values must be finite")
        classes, positive, weights, fit_idx, cal_idx = self._prepare(labels, sample_weight)
        return self._fit_parts(vectorizer, matrix, values, classes, positive, weights, fit_idx, cal_idx)

    def _check_params(self) -> None:
        if self.calibration != "sigmoid":
            raise ValueError("calibration must be 'sigmoid' (isotonic would break exact explanations)")
        if self.signal_transform not in ("none", "log1p"):
            raise ValueError("signal_transform must be 'none' or 'log1p'")
        if self.signal_names is not None and set(self.signal_names) <= set(SIGNAL_NAMES):
            order = sorted(self.signal_names, key=SIGNAL_NAMES.index)
            if list(self.signal_names) != order:  # rows come in SIGNAL_NAMES order: so must the names
                raise ValueError(f"signal_names must follow the order of SIGNAL_NAMES: {order}")
        if not 0.0 < self.calibration_fraction < 1.0:
            raise ValueError("calibration_fraction must be in (0, 1)")

    def _prepare(
        self, labels: npt.NDArray[Any], sample_weight: Sequence[float] | npt.ArrayLike | None
    ) -> tuple[
        npt.NDArray[Any], npt.NDArray[np.bool_], FloatArray, npt.NDArray[np.intp], npt.NDArray[np.intp]
    ]:
        """The classes, the positive mask, the weights and the calibration split of ``labels``."""
        classes = np.unique(labels)
        if len(classes) != 2:
            raise ValueError(f"y must hold exactly two classes, got {len(classes)}")
        positive = labels == classes[1]
        weights = self._check_weights(sample_weight, len(labels))
        fit_idx, cal_idx = self._calibration_split(positive)
        return classes, positive, weights, fit_idx, cal_idx

    @staticmethod
    def _check_weights(sample_weight: Sequence[float] | npt.ArrayLike | None, n: int) -> FloatArray:
        if sample_weight is None:
            return np.ones(n)
        weights = np.asarray(sample_weight, dtype=np.float64)
        if weights.shape != (n,) or not np.isfinite(weights).all() or (weights <= 0).any():
            raise ValueError("sample_weight must be one finite, positive weight per row of X")
        return weights

    def _calibration_split(
        self, positive: npt.NDArray[np.bool_]
    ) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.intp]]:
        try:
            fit_idx, cal_idx = train_test_split(
                np.arange(len(positive)),
                test_size=self.calibration_fraction,
                stratify=positive,
                random_state=self.random_state,
            )
        except ValueError as exc:
            raise ValueError(f"too few examples of a class to hold out for calibration: {exc}") from exc
        return fit_idx, cal_idx

    def _fit_parts(
        self,
        vectorizer: TfidfVectorizer,
        text_matrix: sparse.csr_matrix,
        signals: FloatArray,
        classes: npt.NDArray[Any],
        positive: npt.NDArray[np.bool_],
        weights: FloatArray,
        fit_idx: npt.NDArray[np.intp],
        cal_idx: npt.NDArray[np.intp],
    ) -> ExplainableTextClassifier:
        names = tuple(self.signal_names) if self.signal_names is not None else SIGNAL_NAMES
        line = int(self.line_scorer is not None)
        if len(names) < signals.shape[1] - line == len(SIGNAL_NAMES) and set(names) <= set(SIGNAL_NAMES):
            picked = [SIGNAL_NAMES.index(n) for n in names]  # the named ones of today's
            signals = signals[:, picked + ([signals.shape[1] - 1] if line else [])]
        if line:
            names = (*names, LINE_SIGNAL)
        if len(names) != signals.shape[1]:
            raise ValueError(f"X has {signals.shape[1]} signals, expected {len(names)} ({names[:3]}…)")
        scaler = StandardScaler()
        sig_fit = scaler.fit_transform(self._transform(signals[fit_idx]))
        classifier = LogisticRegression(
            C=self.C,
            class_weight=self.class_weight,
            solver="lbfgs",
            max_iter=2000,
            random_state=self.random_state,
        )
        classifier.fit(
            sparse.hstack([text_matrix[fit_idx], sparse.csr_matrix(sig_fit)], format="csr"),
            positive[fit_idx],
            sample_weight=weights[fit_idx],
        )
        self.classes_ = classes
        self.vectorizer_ = vectorizer
        self.scaler_ = scaler
        self.classifier_ = classifier
        self.coef_ = np.ascontiguousarray(classifier.coef_[0], dtype=np.float64)
        self.intercept_ = float(classifier.intercept_[0])
        self.n_signals_ = signals.shape[1]
        self.signal_names_ = names
        self.feature_names_out_ = _feature_names(vectorizer.get_feature_names_out(), names)
        n_text = text_matrix.shape[1]
        z_cal = (
            text_matrix[cal_idx] @ self.coef_[:n_text]
            + self._standardise(signals[cal_idx]) @ self.coef_[n_text:]
            + self.intercept_
        )
        a, b = fit_platt(
            np.asarray(z_cal, dtype=np.float64), positive[cal_idx], sample_weight=weights[cal_idx]
        )
        self.calibration_ = (a, b)
        self.threshold_ = 0.5
        return self

    def set_threshold(self, threshold: float) -> ExplainableTextClassifier:
        """Set the probability at or above which :meth:`predict` answers the positive class.

        Raises:
            ValueError: ``threshold`` outside ``[0, 1]``.
        """
        check_is_fitted(self, "calibration_")
        if not 0.0 <= threshold <= 1.0:
            raise ValueError("threshold must be in [0, 1]")
        self.threshold_ = float(threshold)
        return self

    # -- scoring --------------------------------------------------------------------------

    def _raw_scores(self, texts: list[str], signals: FloatArray) -> FloatArray:
        n_text = len(self.vectorizer_.vocabulary_)
        tfidf = self.vectorizer_.transform(texts)
        standard = self._standardise(signals)
        z: FloatArray = tfidf @ self.coef_[:n_text] + standard @ self.coef_[n_text:] + self.intercept_
        return z

    def split_inputs(
        self,
        X: Sequence[ModelInput],  # noqa: N803
        line_values: npt.ArrayLike | None = None,
    ) -> tuple[list[str], FloatArray]:
        """The texts and the signal rows of ``X``, checked as :meth:`predict_proba` checks them:
        ``vectorizer_.transform(texts)`` and the rows are what :meth:`predict_proba_encoded`
        takes (heads sharing a vectoriser encode the texts once). ``line_values``: see
        :meth:`with_line_signal`."""
        check_is_fitted(self, "calibration_")
        texts, signals = self._split_inputs(X, self._input_width())
        return texts, self.with_line_signal(texts, signals, line_values)

    def _reads_lines(self) -> bool:
        return self.line_scorer is not None  # None for models saved before (__setstate__)

    def _input_width(self) -> int:
        """The width of this model's own signal rows as callers give them (without the
        evidence-line value, which the model computes from the text)."""
        return int(self.n_signals_) - int(self._reads_lines())

    def with_line_signal(
        self, texts: Sequence[str], signals: FloatArray, line_values: npt.ArrayLike | None = None
    ) -> FloatArray:
        """``signals`` with the evidence-line value of each text as a last column (as they
        are when the model has no line scorer). ``line_values``: those values, when already
        computed (:func:`encode_texts` reads each text once for several heads)."""
        if self.line_scorer is None:
            return signals
        if line_values is None:
            line_values = self.line_scorer.values(texts)
        values = np.asarray(line_values, dtype=np.float64)
        if values.shape != (len(texts),):
            raise ValueError(f"expected one line value per text ({len(texts)}), got shape {values.shape}")
        return np.column_stack([signals, values])

    def predict_proba_encoded(self, text_matrix: sparse.csr_matrix, signals: npt.ArrayLike) -> FloatArray:
        """Positive-class probabilities of rows encoded by this model's vectoriser (as given
        to :meth:`fit_encoded`); one value per row."""
        check_is_fitted(self, "calibration_")
        a, b = self.calibration_
        n_text = len(self.vectorizer_.vocabulary_)
        values = np.asarray(signals, dtype=np.float64)
        z = (
            text_matrix @ self.coef_[:n_text]
            + self._standardise(values) @ self.coef_[n_text:]
            + self.intercept_
        )
        return _sigmoid(a * np.asarray(z, dtype=np.float64) + b)

    def _transform(self, signals: FloatArray) -> FloatArray:
        """The signal values as the scaler sees them (``signal_transform``)."""
        if self.signal_transform == "log1p":
            out: FloatArray = np.log1p(np.maximum(signals, 0.0))
            return out
        return signals

    def _own_signals(self, signals: FloatArray) -> FloatArray:
        """This model's columns of rows of today's ``SIGNAL_NAMES`` (a model trained before
        signals were added)."""
        line = int(self._reads_lines())
        names = tuple(self.signal_names_)
        columns = _signal_columns(names[: len(names) - line])
        if signals.shape[1] != len(SIGNAL_NAMES) + line or columns is None:
            raise ValueError(
                f"expected {self.n_signals_} signal values"
                + (" (the evidence-line value last)" if line else "")
                + f", got {signals.shape[1]}"
            )
        out: FloatArray = signals[:, [*columns, signals.shape[1] - 1]] if line else signals[:, columns]
        return out

    def standardised_signals(self, signals: npt.ArrayLike) -> FloatArray:
        """The signal values as this model's coefficients weigh them, one row per input (raw
        values in ``SIGNAL_NAMES`` order in, the model's own signals transformed and
        standardised out): a signal's contribution is ``a * coef * value``."""
        check_is_fitted(self, "calibration_")
        return self._standardise(np.atleast_2d(np.asarray(signals, dtype=np.float64)))

    def _standardise(self, signals: FloatArray) -> FloatArray:
        # What StandardScaler.transform computes, without its per-call validation (a third
        # of the time of scoring one résumé).
        if signals.shape[1] != self.n_signals_:
            signals = self._own_signals(signals)
        out: FloatArray = (self._transform(signals) - self.scaler_.mean_) / self.scaler_.scale_
        return out

    def decision_function(self, X: Sequence[ModelInput]) -> FloatArray:  # noqa: N803
        """Calibrated logits, one per row: ``sigmoid`` of them is the positive probability."""
        check_is_fitted(self, "calibration_")
        texts, signals = self.split_inputs(X)
        a, b = self.calibration_
        out: FloatArray = a * self._raw_scores(texts, signals) + b
        return out

    def predict_proba(self, X: Sequence[ModelInput]) -> FloatArray:  # noqa: N803
        """Calibrated probabilities, shape ``(n, 2)``, columns in ``classes_`` order."""
        p = _sigmoid(self.decision_function(X))
        return np.column_stack([1.0 - p, p])

    def predict(self, X: Sequence[ModelInput]) -> npt.NDArray[Any]:  # noqa: N803
        """The positive class where its probability reaches ``threshold_``, else the other."""
        p = _sigmoid(self.decision_function(X))
        out: npt.NDArray[Any] = np.where(p >= self.threshold_, self.classes_[1], self.classes_[0])
        return out

    # -- explaining -----------------------------------------------------------------------

    def explain(self, x: ModelInput, top: int = 5) -> Explanation:
        """The exact additive decomposition of the calibrated logit of one input.

        ``contribution_i = a * coef_i * value_i`` for each n-gram present (``value_i`` its
        tf-idf weight) and each signal (its standardised value); ``bias = a * intercept +
        b``. N-gram evidence carries the offsets of every occurrence in the model text.

        Args:
            x: one ``(model_text, signals)`` pair.
            top: how many contributions of each sign to return as evidence.

        Returns:
            The explanation.
        """
        check_is_fitted(self, "calibration_")
        texts, signals = self._split_inputs([x], self._input_width())
        return self.explain_encoded(texts[0], self.vectorizer_.transform(texts), signals[0], top=top)

    def explain_encoded(
        self,
        text: str,
        row: sparse.csr_matrix | EncodedText,
        signals: npt.ArrayLike,
        top: int = 5,
        index: TokenIndex | None = None,
        all_contributions: bool = True,
    ) -> Explanation:
        """:meth:`explain` for a text already encoded by this model's vectoriser.

        Scoring one résumé with several heads that share a vocabulary encodes it once
        (``row = vectorizer_.transform([text])``, or :meth:`TextEncoder.encode` of the
        text's :class:`TokenIndex`) and indexes its tokens once (``index``).

        Args:
            text: the model text.
            row: its encoding, shape ``(1, n_terms)``: a sparse row or an
                :class:`EncodedText` (column indices in ascending order).
            signals: the raw signal values (``SIGNAL_NAMES`` order).
            top: how many contributions of each sign to return as evidence.
            index: ``TokenIndex(text)``, built here when not given.
            all_contributions: fill :attr:`Explanation.contributions` with every active
                feature (else it is empty: scoring needs only the strongest ones).
        """
        if not hasattr(self, "calibration_"):  # check_is_fitted's cost on every call, only when needed
            check_is_fitted(self, "calibration_")
        a, b = self.calibration_
        n_text = len(self.vectorizer_.vocabulary_)
        raw = np.asarray(signals, dtype=np.float64).reshape(1, -1)
        line_span: tuple[int, int] | None = None
        if self.line_scorer is not None:
            if index is None:
                index = TokenIndex(text)
            value, line_span = self.line_scorer.best_line(text, index)
            raw = np.column_stack([raw, [[value]]])
        cols = row.indices
        values = np.concatenate([row.data, self._standardise(raw)[0]])
        columns = np.concatenate([cols, n_text + np.arange(self.n_signals_)])
        coef = self.coef_[columns]
        contrib = a * coef * values
        bias = a * self.intercept_ + b
        logit = float(a * (float(np.dot(coef, values)) + self.intercept_) + b)
        feature_names = self.feature_names_out_

        order = np.argsort(-contrib, kind="stable")
        pos = [int(i) for i in order[:top] if contrib[i] > 0]
        neg = [int(i) for i in order[::-1][:top] if contrib[i] < 0]
        if index is None and (pos or neg):
            index = TokenIndex(text)

        def evidence(i: int) -> Evidence:
            name = str(feature_names[columns[i]])
            spans = index.find_all(name[len(_NGRAM) :]) if index and name.startswith(_NGRAM) else ()
            if name == _SIG + LINE_SIGNAL and line_span is not None and contrib[i] > 0:
                # The best line raised the label; when the value lowers it, what lowers it is
                # the lack of a better line, and no line is cited.
                spans = (line_span,)
            return Evidence(name, float(values[i]), float(contrib[i]), spans)

        contributions: dict[str, float] = {}
        if all_contributions:
            contributions = {str(n): float(c) for n, c in zip(feature_names[columns], contrib, strict=True)}
        return Explanation(
            logit=logit,
            probability=float(_sigmoid(np.array([logit]))[0]),
            bias=float(bias),
            contributions=contributions,
            positive=tuple(evidence(i) for i in pos),
            negative=tuple(evidence(i) for i in neg),
        )

    # -- serialisation --------------------------------------------------------------------

    def __getstate__(self) -> dict[str, Any]:
        # skops writes a dict or an object array one JSON node per item: a 50,000-term
        # vocabulary took 38 s to save, 7 s to load and 50 MB. The terms travel as one
        # string instead, and the vocabulary dict and feature names are rebuilt on load.
        state: dict[str, Any] = dict(super().__getstate__())
        vectorizer = state.get("vectorizer_")
        if vectorizer is not None and hasattr(vectorizer, "vocabulary_"):
            slim = copy.copy(vectorizer)
            del slim.vocabulary_
            terms = sorted(vectorizer.vocabulary_, key=vectorizer.vocabulary_.__getitem__)
            state["vectorizer_"] = slim
            state["vocabulary_terms_"] = "\n".join(terms)  # tokens hold no newline
            state.pop("feature_names_out_", None)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        state = dict(state)
        state.setdefault("signal_transform", "none")  # models saved before the parameter
        state.setdefault("line_scorer", None)
        terms = state.pop("vocabulary_terms_", None)
        super().__setstate__(state)
        if terms is not None:
            vocab = terms.split("\n")
            self.vectorizer_.vocabulary_ = {t: i for i, t in enumerate(vocab)}
            self.feature_names_out_ = _feature_names(vocab, self.signal_names_)

    # -- feature names --------------------------------------------------------------------

    def top_features(self, n: int = 30) -> list[dict[str, Any]]:
        """The ``n`` features with the largest positive and negative weights (calibrated-logit
        scale), for review: ``[{"feature", "weight", "direction"}]``."""
        check_is_fitted(self, "coef_")
        weights = self.calibration_[0] * self.coef_
        order = np.argsort(weights)
        names = self.feature_names_out_
        rows = [
            {"feature": str(names[i]), "weight": float(weights[i]), "direction": "raises"}
            for i in order[::-1][:n]
        ]
        rows += [
            {"feature": str(names[i]), "weight": float(weights[i]), "direction": "lowers"} for i in order[:n]
        ]
        return rows

    def get_feature_names(self) -> list[str]:
        """Feature names in coefficient order: ``ngram:<tokens>`` then ``sig:<name>``."""
        check_is_fitted(self, "feature_names_out_")
        return [str(n) for n in self.feature_names_out_]

    def get_feature_names_out(self, input_features: Any = None) -> npt.NDArray[Any]:  # noqa: ARG002
        """scikit-learn spelling of :meth:`get_feature_names` (``input_features`` is ignored)."""
        check_is_fitted(self, "feature_names_out_")
        out: npt.NDArray[Any] = self.feature_names_out_.copy()
        return out
