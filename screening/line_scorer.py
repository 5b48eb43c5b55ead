"""Evidence lines: a learned reader of one line of a résumé at a time, for one label.

Annotators quote the lines that made them give a label ("Launched the New Zealand market
in 2023…"). A :class:`LineScorer` learns from those quotes which single lines read like
evidence of its label: tf-idf of one line's word n-grams → logistic regression. A résumé's
value is the probability of its best line, and that line is the quote: the value enters a
:class:`~screening.model.ExplainableTextClassifier` as one more signal (:data:`LINE_SIGNAL`),
whose contribution stays exact and additive, and the evidence shown for it is the line.

Whole-text n-grams weigh every mention of "launched" or "market" in a résumé the same;
reading lines one by one weighs them where they stand together, as a reader does.

Scoring reads the text's tokens once (:class:`~screening.model.TokenIndex`) and encodes all
its lines together (:func:`encode_lines`); scorers fitted with one vectoriser (the heads of
one model) share that encoding through the index, and each adds only a product.

This class is serialised with registered models: keep it at this import path.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain, repeat
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt
from scipy import sparse  # type: ignore[import-untyped]
from sklearn.exceptions import NotFittedError
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

if TYPE_CHECKING:
    from screening.model import TokenIndex

#: The signal name of a line scorer's value in a model (``sig:evidence_line``).
LINE_SIGNAL = "evidence_line"

FloatArray = npt.NDArray[np.float64]


def line_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each line of ``text`` that holds a token, from its first token's
    start to its last token's end: the lines a scorer reads, as it reads them."""
    from screening.model import token_spans  # the model's tokens; model imports this module

    return _token_lines(text, token_spans(text))[0]


def _token_lines(
    text: str, tokens: Sequence[tuple[int, int]]
) -> tuple[list[tuple[int, int]], npt.NDArray[np.intp]]:
    """:func:`line_spans` from the text's token spans, and the line of each token."""
    if not tokens:
        return [], np.zeros(0, dtype=np.intp)
    bounds = np.fromiter(chain.from_iterable(tokens), dtype=np.intp, count=2 * len(tokens)).reshape(-1, 2)
    newlines = np.flatnonzero(np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4") == 10)
    raw = np.searchsorted(newlines, bounds[:, 0])  # line number: newlines before the token
    first = np.empty(len(raw), dtype=bool)
    first[0] = True
    np.not_equal(raw[1:], raw[:-1], out=first[1:])
    token_line = np.cumsum(first) - 1  # tokens never hold a newline: lines come in order
    heads = np.flatnonzero(first)
    tails = np.append(heads[1:] - 1, len(raw) - 1)
    spans = list(zip(bounds[heads, 0].tolist(), bounds[tails, 1].tolist(), strict=True))
    return spans, token_line


def make_line_vectorizer(
    ngram_range: tuple[int, int] = (1, 2), min_df: int = 2, vocabulary: Sequence[str] | None = None
) -> TfidfVectorizer:
    """The vectoriser of lines: the model's tokens, word n-grams, sublinear tf, l2 norm;
    ``vocabulary``: fixed terms (``min_df`` then has no effect)."""
    from screening.model import tokenize

    return TfidfVectorizer(
        tokenizer=tokenize,
        token_pattern=None,
        lowercase=False,  # tokenize lower-cases
        ngram_range=ngram_range,
        min_df=min_df,
        vocabulary=vocabulary,
        sublinear_tf=True,
        dtype=np.float64,
    )


def encoding_of(vectorizer: TfidfVectorizer) -> str:
    """A digest of a fitted line vectoriser's n-gram range, vocabulary and idf: the
    ``encoding_`` of the scorers fitted with it (equal digests encode every text alike)."""
    return _digest(*_encoding_parts(vectorizer))


def _encoding_parts(vectorizer: TfidfVectorizer) -> tuple[tuple[int, int], str, FloatArray]:
    """A fitted vectoriser's n-gram range, terms (one per line, in column order) and idf."""
    ngram_range = (int(vectorizer.ngram_range[0]), int(vectorizer.ngram_range[1]))
    terms = "\n".join(sorted(vectorizer.vocabulary_, key=vectorizer.vocabulary_.__getitem__))
    return ngram_range, terms, np.asarray(vectorizer.idf_, dtype=np.float64)


def _digest(ngram_range: tuple[int, int], terms: str, idf: FloatArray) -> str:
    digest = hashlib.sha256(f"{ngram_range}\n{terms}".encode())
    digest.update(idf.tobytes())
    return digest.hexdigest()


@dataclass(frozen=True, slots=True)
class LineRows:
    """The tf-idf rows of a text's lines, as ``(line, column, value)`` entries."""

    spans: list[tuple[int, int]]
    line: npt.NDArray[np.intp]
    column: npt.NDArray[np.intp]
    value: FloatArray


class LineScorer:
    """Probability that one line is evidence of a label.

    Not a scikit-learn estimator on purpose (no ``get_params``): a fitted scorer is a
    *parameter* of the model that reads its value, and cloning that model must keep it
    fitted (``sklearn.clone`` deep-copies a parameter that is no estimator).

    Parameters:
        C: inverse L2 strength of the logistic regression.

    Fitted attributes: ``ngram_range_``, ``terms_`` (the vocabulary, one term per line, in
    column order), ``idf_``, ``coef_``, ``intercept_``, ``encoding_`` (a digest of the
    vocabulary and idf: scorers with the same one encode a text the same way).
    """

    def __init__(self, C: float = 1.0) -> None:  # noqa: N803
        self.C = C

    def fit(
        self,
        lines: Sequence[str],
        y: Sequence[int] | npt.ArrayLike,
        vectorizer: TfidfVectorizer | None = None,
    ) -> LineScorer:
        """Fit on lines labelled 1 (quoted as evidence) or 0 (a line of a résumé read for the
        label and not quoted), classes balanced. ``vectorizer``: a fitted
        :func:`make_line_vectorizer` (scorers fitted with the same one share encodings);
        by default one is fitted on ``lines``.

        Raises:
            ValueError: ``lines`` and ``y`` differ in length, or ``y`` has one class only
                (checked before any vectoriser is fitted).
        """
        labels = np.asarray(y, dtype=int)
        if len(lines) != len(labels):
            raise ValueError("lines and y must have the same length")
        if set(labels.tolist()) != {0, 1}:
            raise ValueError("a line scorer needs evidence lines (1) and other lines (0)")
        if vectorizer is None:
            vectorizer = make_line_vectorizer().fit(list(lines))
        return self.fit_encoded(vectorizer.transform(list(lines)), labels, vectorizer)

    def fit_encoded(
        self,
        matrix: sparse.spmatrix,
        y: Sequence[int] | npt.ArrayLike,
        vectorizer: TfidfVectorizer,
        sample_weight: npt.ArrayLike | None = None,
    ) -> LineScorer:
        """:meth:`fit` on lines already encoded: ``matrix`` holds ``vectorizer.transform`` of
        them (a fitted :func:`make_line_vectorizer`), one row per line; ``sample_weight``: a
        positive weight per line, on top of the balanced classes.

        Raises:
            ValueError: ``matrix`` and ``y`` differ in length, ``matrix`` is not as wide as
                the vocabulary, or ``y`` has one class only.
        """
        labels = np.asarray(y, dtype=int)
        if matrix.shape[0] != len(labels):
            raise ValueError("lines and y must have the same length")
        if matrix.shape[1] != len(vectorizer.vocabulary_):
            raise ValueError("the matrix must have one column per term of the vectoriser")
        if set(labels.tolist()) != {0, 1}:
            raise ValueError("a line scorer needs evidence lines (1) and other lines (0)")
        classifier = LogisticRegression(C=self.C, class_weight="balanced", solver="lbfgs", max_iter=2000)
        classifier.fit(matrix, labels, sample_weight=sample_weight)
        # Terms one per line: tokens hold no newline, and one string saves fast.
        self.ngram_range_, self.terms_, self.idf_ = _encoding_parts(vectorizer)
        self.coef_ = np.ascontiguousarray(classifier.coef_[0], dtype=np.float64)
        self.intercept_ = float(classifier.intercept_[0])
        self.encoding_ = _digest(self.ngram_range_, self.terms_, self.idf_)
        return self

    def _vocabulary(self) -> dict[str, int]:
        vocabulary: dict[str, int] | None = self.__dict__.get("_vocabulary_cache")
        if vocabulary is None:
            if not hasattr(self, "coef_"):
                raise NotFittedError("this LineScorer is not fitted yet: call fit first")
            vocabulary = {t: i for i, t in enumerate(self.terms_.split("\n"))}
            self.__dict__["_vocabulary_cache"] = vocabulary
        return vocabulary

    def encode(self, text: str, index: TokenIndex | None = None) -> LineRows:
        """The tf-idf rows of ``text``'s lines (:func:`line_spans`), as the vectoriser fitted
        with would give them for each line alone; remembered on ``index`` for scorers with
        the same encoding."""
        from screening.model import TokenIndex

        vocabulary = self._vocabulary()
        if index is None or index.text is not text:
            index = TokenIndex(text)
        found: LineRows | None = index.memo.get(self.encoding_)
        if found is None:
            found = index.memo[self.encoding_] = encode_lines(index, vocabulary, self.idf_, self.ngram_range_)
        return found

    def line_probabilities(self, rows: LineRows) -> FloatArray:
        """The probability of each line of ``rows`` being evidence."""
        z = np.bincount(rows.line, weights=rows.value * self.coef_[rows.column], minlength=len(rows.spans))
        out: FloatArray = 1.0 / (1.0 + np.exp(-(z + self.intercept_)))
        return out

    def best_line(self, text: str, index: TokenIndex | None = None) -> tuple[float, tuple[int, int] | None]:
        """The probability of ``text``'s best line and its span; ``(0.0, None)`` for a text
        with no line to read. ``index``: ``TokenIndex(text)``, when at hand."""
        return self.best(self.encode(text, index))

    def best(self, rows: LineRows) -> tuple[float, tuple[int, int] | None]:
        """:meth:`best_line` of a text's :meth:`encode`."""
        if not rows.spans:
            return 0.0, None
        p = self.line_probabilities(rows)
        best = int(np.argmax(p))  # the first of equal lines
        return float(p[best]), rows.spans[best]

    def values(self, texts: Sequence[str]) -> FloatArray:
        """:meth:`best_line`'s probability for each text."""
        return np.asarray([self.best_line(t)[0] for t in texts], dtype=np.float64)

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state.pop("_vocabulary_cache", None)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)

    def __repr__(self) -> str:
        return f"LineScorer(C={self.C!r})"


def encode_lines(
    index: TokenIndex, vocabulary: dict[str, int], idf: FloatArray, ngram_range: tuple[int, int]
) -> LineRows:
    """Each line's tf-idf row (word n-grams within the line, ``1 + log(tf)`` times idf, l2
    norm), computed from the text's tokens in one pass."""
    spans, token_line = _token_lines(index.text, index.spans)
    if not spans:
        empty = np.zeros(0, dtype=np.intp)
        return LineRows(spans, empty, empty, np.zeros(0))
    # Every n-gram position of every length at once: its column (-1 when out of the
    # vocabulary) and its first and last token's lines (an n-gram counts within one line).
    lo, hi = ngram_range
    grams: list[str] = []
    firsts: list[npt.NDArray[np.intp]] = []
    lasts: list[npt.NDArray[np.intp]] = []
    for n in range(lo, hi + 1):
        found = index.ngrams(n)  # shared with the model's own encoding of the text
        if not found:
            break
        grams += found
        firsts.append(token_line[: len(found)])
        lasts.append(token_line[n - 1 : n - 1 + len(found)])
    if not grams:
        empty = np.zeros(0, dtype=np.intp)
        return LineRows(spans, empty, empty, np.zeros(0))
    columns = np.fromiter(map(vocabulary.get, grams, repeat(-1)), dtype=np.intp, count=len(grams))
    first = np.concatenate(firsts)
    keep = (columns >= 0) & (first == np.concatenate(lasts))
    lines, columns = first[keep], columns[keep]
    if not len(columns):
        empty = np.zeros(0, dtype=np.intp)
        return LineRows(spans, empty, empty, np.zeros(0))
    keys = lines.astype(np.int64) * len(idf) + columns.astype(np.int64)
    unique, counts = np.unique(keys, return_counts=True)
    line_of = (unique // len(idf)).astype(np.intp)
    column_of = (unique % len(idf)).astype(np.intp)
    value = (np.log(counts.astype(np.float64)) + 1.0) * idf[column_of]
    norms = np.sqrt(np.bincount(line_of, weights=value * value, minlength=len(spans)))
    value /= norms[line_of]
    return LineRows(spans, line_of, column_of, value)
