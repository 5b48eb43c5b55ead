"""Evidence lines: a learned reader of one line of a résumé at a time, for one label.

Annotators quote the lines that made them give a label ("Launched the New Zealand market
in 2023…"). A :class:`LineScorer` learns from those quotes which single lines read like
evidence of its label: word n-grams of one line → logistic regression. A résumé's value is
the probability of its best line, and that line is the quote: the value enters a
:class:`~screening.model.ExplainableTextClassifier` as one more signal
(:data:`LINE_SIGNAL`), whose contribution stays exact and additive, and the evidence shown
for it is the line itself.

Whole-text n-grams weigh every mention of "launched" or "market" in a résumé the same;
reading lines one by one weighs them where they stand together, as a reader does.

This class is serialised with registered models: keep it at this import path.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
from sklearn.exceptions import NotFittedError
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

#: The signal name of a line scorer's value in a model (``sig:evidence_line``).
LINE_SIGNAL = "evidence_line"
#: Lines with fewer word characters than this are not read (bullets, page furniture).
MIN_LINE_CHARS = 3
_WORD = re.compile(r"\w")


def line_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each line of ``text`` worth reading (at least
    :data:`MIN_LINE_CHARS` word characters), without its line break or surrounding spaces."""
    spans: list[tuple[int, int]] = []
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        stripped = line.strip()
        if len(_WORD.findall(stripped)) >= MIN_LINE_CHARS:
            left = start + (len(line) - len(line.lstrip()))
            spans.append((left, left + len(stripped)))
        start = end + 1
    return spans


class LineScorer:
    """Probability that one line is evidence of a label: tf-idf of the line's word n-grams
    (tokens as :func:`screening.model.tokenize`) → logistic regression.

    Not a scikit-learn estimator on purpose (no ``get_params``): a fitted scorer is a
    *parameter* of the model that reads its value, and cloning that model must keep it
    fitted (``sklearn.clone`` deep-copies a parameter that is no estimator).

    Parameters:
        ngram_range: word n-gram lengths.
        min_df: minimum number of lines an n-gram must occur in.
        C: inverse L2 strength of the logistic regression.

    Fitted attributes: ``vectorizer_``, ``coef_``, ``intercept_``.
    """

    def __init__(self, ngram_range: tuple[int, int] = (1, 2), min_df: int = 2, C: float = 1.0) -> None:  # noqa: N803
        self.ngram_range = ngram_range
        self.min_df = min_df
        self.C = C

    def fit(
        self,
        lines: Sequence[str],
        y: Sequence[int] | npt.ArrayLike,
        sample_weight: Sequence[float] | npt.ArrayLike | None = None,
    ) -> LineScorer:
        """Fit on lines labelled 1 (quoted as evidence) or 0 (a line of a résumé that was
        read for the label and not quoted). Classes are balanced.

        Raises:
            ValueError: ``lines`` and ``y`` differ in length, or ``y`` has one class only.
        """
        from screening.model import tokenize  # the model's tokens; model imports this module

        labels = np.asarray(y, dtype=int)
        if len(lines) != len(labels):
            raise ValueError("lines and y must have the same length")
        if set(labels.tolist()) != {0, 1}:
            raise ValueError("a line scorer needs evidence lines (1) and other lines (0)")
        vectorizer = TfidfVectorizer(
            tokenizer=tokenize,
            token_pattern=None,
            lowercase=False,  # tokenize lower-cases
            ngram_range=self.ngram_range,
            min_df=self.min_df,
            sublinear_tf=True,
            dtype=np.float64,
        )
        matrix = vectorizer.fit_transform(list(lines))
        classifier = LogisticRegression(C=self.C, class_weight="balanced", solver="lbfgs", max_iter=2000)
        classifier.fit(matrix, labels, sample_weight=sample_weight)
        self.vectorizer_ = vectorizer
        self.coef_ = np.ascontiguousarray(classifier.coef_[0], dtype=np.float64)
        self.intercept_ = float(classifier.intercept_[0])
        return self

    def line_probabilities(self, lines: Sequence[str]) -> npt.NDArray[np.float64]:
        """The probability of each line being evidence."""
        if not hasattr(self, "coef_"):
            raise NotFittedError("this LineScorer is not fitted yet: call fit first")
        if not lines:
            return np.zeros(0)
        z = self.vectorizer_.transform(list(lines)) @ self.coef_ + self.intercept_
        out: npt.NDArray[np.float64] = 1.0 / (1.0 + np.exp(-np.asarray(z, dtype=np.float64)))
        return out

    def best_line(self, text: str) -> tuple[float, tuple[int, int] | None]:
        """The probability of ``text``'s best line and its span; ``(0.0, None)`` for a text
        with no line worth reading."""
        spans = line_spans(text)
        if not spans:
            return 0.0, None
        p = self.line_probabilities([text[s:e] for s, e in spans])
        best = int(np.argmax(p))  # the first of equal lines
        return float(p[best]), spans[best]

    def values(self, texts: Sequence[str]) -> npt.NDArray[np.float64]:
        """:meth:`best_line`'s probability for each text (0.0 for a text with no line worth
        reading); the lines of all texts are encoded together."""
        lines: list[str] = []
        ends: list[int] = []
        for text in texts:
            lines.extend(text[s:e] for s, e in line_spans(text))
            ends.append(len(lines))
        p = self.line_probabilities(lines)
        out = np.zeros(len(ends))
        start = 0
        for k, end in enumerate(ends):
            if end > start:
                out[k] = p[start:end].max()
            start = end
        return out

    def __repr__(self) -> str:
        return f"LineScorer(ngram_range={self.ngram_range!r}, min_df={self.min_df!r}, C={self.C!r})"
