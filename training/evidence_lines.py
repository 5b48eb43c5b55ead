"""Line scorers from annotators' evidence quotes, and their cross-fitted training values.

A labelled record may quote, per label, the résumé lines that justify it
(``"evidence": {"ambitious": ["Launched the New Zealand market in 2023…"]}``). For one label:

- a line of a training résumé labelled 1 is a positive when a quote of that label covers it
  or lies inside it (compared lower-cased, digits as ``0`` and spaces collapsed, as the model
  text masks digits); its other lines are negatives. A positive résumé whose quotes match
  no line teaches nothing and is left out;
- every line of a résumé labelled 0 is a negative, except lines quoted for that label
  anyway (an annotator's unsure 1, made 0 by strict confidence), which are left out;
- résumés unlabelled for the label are left out.

:func:`fit_line_scorer` fits the :class:`~screening.line_scorer.LineScorer` on all of them
and gives every training résumé its value *cross-fitted*: a résumé whose lines taught the
scorer gets the value of a scorer fitted on the other folds, so the head learns how far to
trust the value on résumés the scorer has not seen, as in serving.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
from scipy import sparse  # type: ignore[import-untyped]
from sklearn.feature_extraction.text import TfidfVectorizer

from screening.line_scorer import LineRows, LineScorer, encoding_of, line_spans, make_line_vectorizer
from training.examples import Examples
from training.specs import EvidenceLines
from training.weighting import language_of, language_weights

#: Quotes (or quote lines) shorter than this, normalised, are not matched: too many lines
#: would contain them.
MIN_QUOTE_CHARS = 10
_DIGIT = re.compile(r"\d")
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Lower case, digits as ``0``, runs of white space as one space, stripped."""
    return _SPACE.sub(" ", _DIGIT.sub("0", text.lower())).strip()


def _quotes(evidence: object, label: str) -> list[str]:
    if not isinstance(evidence, dict):
        return []
    quoted = evidence.get(label) or []
    out: list[str] = []
    for quote in quoted if isinstance(quoted, list) else []:
        if isinstance(quote, str):
            # A quote spanning lines also matches line by line.
            for part in (quote, *quote.split("\n")):
                norm = normalise(part)
                if len(norm) >= MIN_QUOTE_CHARS:
                    out.append(norm)
    return out


def line_labels(text: str, label_value: float, evidence: object, label: str) -> npt.NDArray[np.int8] | None:
    """Per line of :func:`~screening.line_scorer.line_spans` of ``text``: 1 (evidence), 0
    (not), -1 (left out); ``None`` when the résumé teaches nothing for ``label`` (unlabelled,
    or labelled 1 with no quote found in its lines)."""
    if math.isnan(label_value):
        return None
    quotes = _quotes(evidence, label)
    lines = [normalise(text[s:e]) for s, e in line_spans(text)]
    hit = np.array(
        [any(q in line or (len(line) >= MIN_QUOTE_CHARS and line in q) for q in quotes) for line in lines],
        dtype=bool,
    )
    if label_value == 1:
        return hit.astype(np.int8) if hit.any() else None
    return np.where(hit, -1, 0).astype(np.int8)


@dataclass
class LineTraining:
    """What :func:`fit_line_scorer` gives: the scorer fitted on every teaching résumé, the
    training rows' cross-fitted values (in ``rows`` order) and how many résumés and evidence
    lines taught it."""

    scorer: LineScorer
    values: npt.NDArray[np.float64]
    resumes: int
    evidence_lines: int


@dataclass
class LineCache:
    """What line scorers fitted with the same vectoriser (every fold and head of a model,
    and the other model when it learns the same one) compute once between them, by the
    vectoriser's :func:`~screening.line_scorer.encoding_of` and the example index:
    ``rows``, a résumé's :meth:`~screening.line_scorer.LineScorer.encode` (for its best
    line), and ``lines``, the vectoriser's ``transform`` of its lines (to teach)."""

    rows: dict[tuple[str, int], LineRows] = field(default_factory=dict)
    lines: dict[tuple[str, int], sparse.csr_matrix] = field(default_factory=dict)


def _teaching_rows(
    examples: Examples,
    rows: Sequence[int],
    labels: dict[int, npt.NDArray[np.int8]],
    vectorizer: TfidfVectorizer,
    encoding: str,
    cache: LineCache,
) -> tuple[sparse.csr_matrix, list[int], list[str]]:
    """The encoded lines of the résumés ``rows`` that teach (:func:`line_labels` 1 and 0, in
    order), their labels and their résumés' languages; each résumé's lines are transformed
    once per vectoriser."""
    blocks: list[sparse.csr_matrix] = []
    ys: list[int] = []
    languages: list[str] = []
    for i in rows:
        key = (encoding, i)
        encoded = cache.lines.get(key)
        if encoded is None:
            text = examples.inputs[i][0]
            encoded = cache.lines[key] = vectorizer.transform(
                [text[s:e] for s, e in line_spans(text)]
            ).tocsr()
        kept = np.flatnonzero(labels[i] >= 0)
        blocks.append(encoded[kept])
        ys += labels[i][kept].astype(int).tolist()
        languages += [language_of(examples.extras[i])] * len(kept)
    return sparse.vstack(blocks, format="csr"), ys, languages


def labelled_lines(text: str, labels: npt.NDArray[np.int8]) -> tuple[list[str], list[int]]:
    """The lines of ``text`` that teach, with their labels (:func:`line_labels`' 1 and 0;
    lines left out, -1, are dropped)."""
    kept = [(span, int(v)) for span, v in zip(line_spans(text), labels, strict=True) if v >= 0]
    return [text[s:e] for (s, e), _ in kept], [v for _, v in kept]


def _allowed(examples: Examples, i: int, config: EvidenceLines) -> bool:
    return config.sources == "all" or examples.extras[i].get("origin") == "real"


def line_vectorizer(
    texts: Sequence[str], ngram_range: tuple[int, int] = (1, 2), min_df: int = 2
) -> TfidfVectorizer:
    """The line vectoriser of ``texts``' lines: n-grams found in at least ``min_df`` résumés
    (not lines: no term is kept from one résumé alone), idf over the lines."""
    analyse = make_line_vectorizer(ngram_range).build_analyzer()
    lines: list[str] = []
    resumes: Counter[str] = Counter()
    for text in texts:
        own = [text[s:e] for s, e in line_spans(text)]
        lines += own
        resumes.update({gram for line in own for gram in analyse(line)})
    terms = sorted(g for g, n in resumes.items() if n >= min_df)
    return make_line_vectorizer(ngram_range, vocabulary=terms).fit(lines)


def shared_vectorizer(
    examples: Examples, rows: Sequence[int], config: EvidenceLines
) -> TfidfVectorizer | None:
    """One line vectoriser for every head of a model: :func:`line_vectorizer` of the résumés
    of ``rows`` that ``config`` lets teach (no labels read), or None when there are none.
    Scorers fitted with it encode a text once between them."""
    texts = [examples.inputs[i][0] for i in rows if _allowed(examples, i, config)]
    return line_vectorizer(texts, config.ngram_range, config.min_df) if texts else None


def _group_folds(keys: Sequence[str], folds: int, seed: int) -> npt.NDArray[np.intp]:
    """The fold of each item: groups dealt to the folds in turn, in a seeded random order."""
    unique = sorted(set(keys))
    rank = np.random.default_rng(seed).permutation(len(unique))
    fold_of = {g: int(rank[k]) % folds for k, g in enumerate(unique)}
    return np.asarray([fold_of[k] for k in keys], dtype=np.intp)


def fit_line_scorer(
    examples: Examples,
    rows: Sequence[int],
    label: str,
    config: EvidenceLines,
    seed: int,
    vectorizer: TfidfVectorizer | None = None,
    groups: Mapping[str, str] | None = None,
    cache: LineCache | None = None,
) -> LineTraining | None:
    """Fit ``label``'s line scorer on the training ``rows`` (example indices) and cross-fit
    their values; ``None`` when they hold no evidence line of ``label`` (or none of a
    labelled 0 résumé) from the sources ``config`` allows, or too few to cross-fit.

    ``vectorizer``: the model's :func:`shared_vectorizer` (by default, that of ``rows``).

    ``groups``: record id -> group (copies, near-duplicates and identity-swapped variants of
    one résumé share one, as in the train/test split): a group's résumés fall in one fold,
    so that none gets its value from a scorer that learned its copy's lines. Without it each
    résumé is its own group.

    ``cache``: what scorers fitted with one vectoriser (every fold and head of a model, and
    the other model when it learns the same one) compute once between them (:class:`LineCache`)."""
    col = examples.labels.index(label)
    teaching: dict[int, npt.NDArray[np.int8]] = {}
    for i in rows:
        extras = examples.extras[i]
        if not _allowed(examples, i, config):
            continue
        found = line_labels(examples.inputs[i][0], float(examples.y[i, col]), extras.get("evidence"), label)
        if found is not None and len(found):
            teaching[i] = found
    taught = sorted(teaching)
    positives = sum(int((teaching[i] == 1).sum()) for i in taught)
    lines = sum(int((teaching[i] >= 0).sum()) for i in taught)
    if positives in {0, lines} or len(taught) < config.folds:
        return None

    if vectorizer is None:
        vectorizer = shared_vectorizer(examples, rows, config)
        if vectorizer is None:  # cannot happen: résumés taught, so some were allowed
            return None
    encoding = encoding_of(vectorizer)
    shared = LineCache() if cache is None else cache

    def fitted_on(indices: Sequence[int]) -> LineScorer | None:
        matrix, ys, languages = _teaching_rows(examples, indices, teaching, vectorizer, encoding, shared)
        if len(set(ys)) < 2:
            return None
        weights = language_weights(ys, languages)
        return LineScorer(C=config.C).fit_encoded(matrix, ys, vectorizer, sample_weight=weights)

    def best_values(fitted: LineScorer, indices: Sequence[int]) -> npt.NDArray[np.float64]:
        out = np.zeros(len(indices))
        for k, i in enumerate(indices):
            key = (fitted.encoding_, i)
            found = shared.rows.get(key)
            if found is None:
                found = shared.rows[key] = fitted.encode(examples.inputs[i][0])
            out[k] = fitted.best(found)[0]
        return out

    scorer = fitted_on(taught)
    if scorer is None:  # cannot happen: both classes are taught
        return None
    values = best_values(scorer, rows)
    position = {i: k for k, i in enumerate(rows)}
    order = np.asarray(taught)
    fold = _group_folds(
        [(groups or {}).get(examples.ids[i], examples.ids[i]) for i in taught], config.folds, seed
    )
    for k in range(config.folds):
        fit_part, held_out = np.flatnonzero(fold != k), np.flatnonzero(fold == k)
        if not len(held_out):
            continue
        unseen = fitted_on(order[fit_part].tolist())
        if unseen is None:
            return None  # too few quotes to cross-fit: no value the head could trust
        out = order[held_out].tolist()
        values[[position[i] for i in out]] = best_values(unseen, out)
    return LineTraining(scorer, values, len(taught), positives)
