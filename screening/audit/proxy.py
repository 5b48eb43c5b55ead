"""Proxy check: how much of a model's score flows through features that may stand in for a
protected attribute, and how that part relates to the attributes.

Names, pronouns, gender words, nationality and contact details are redacted before any
feature is computed, but other words can still carry origin or gender: where someone lived
and worked, which school they went to, which languages they speak. The check isolates that
part of each score exactly, through the model's additive explanation:

* **proxy words** of a résumé (:func:`proxy_marks`): the locations of its positions, its
  schools (education institutions), its languages (the languages section), and every place
  or language name of the gazetteer (``data/gazetteer``, ``data/lexicon/languages.csv``)
  found in its text (names of four letters or more, shorter ones only in capitals such as
  "UK" or "NYC"; US state abbreviations are left out: "IN", "OR" and "ME" are words);
* **proxy n-grams** (:func:`proxy_ngrams`): the model's n-grams with at least one token
  inside a proxy word (common English function words such as "of" in "University of Lagos"
  do not count);
* **proxy contribution**: the sum of the exact contributions (to the calibrated logit) of the
  résumé's proxy n-grams and of the signals computed from proxy words
  (:data:`PROXY_SIGNALS`: countries worked in, languages).

For each declared attribute (gender, name origin…), :func:`proxy_check` reports the
**correlation ratio** η of the proxy contribution with the attribute's groups:
η² = between-group sum of squares / total sum of squares, from 0 (the proxy part is the same
on average in every group) to 1 (it tells the groups apart). With two groups η equals the
absolute point-biserial correlation; with more it is the point-biserial's generalisation to a
categorical variable (as Cramér's V generalises φ). Its p-value comes from a seeded
permutation test (group labels shuffled), since η is above 0 by chance with many small
groups. For context the same η is given for the whole calibrated logit, and the scoring-rate
impact ratio (above the median) with and without the proxy contributions.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt
from pydantic import BaseModel, ConfigDict
from scipy import sparse  # type: ignore[import-untyped]
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from screening.audit.stats import SMALL_SHARE, category_table
from screening.features import RedactedText, redact
from screening.lexicons import Gazetteer
from screening.model import ExplainableTextClassifier, ModelInput, token_spans, tokenize
from screening.parsing.model import ParsedResume

#: Signals computed from proxy words: countries from positions' locations, spoken languages.
PROXY_SIGNALS: tuple[str, ...] = ("countries_worked", "languages")
PERMUTATIONS = 999
PERMUTATION_SEED = 7
_SHORT = 3  # place names this short count only in capitals ("UK", "NYC")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ProxyAttribute(_Model):
    """One declared attribute against one label's proxy contribution."""

    attribute: str
    #: Résumés with a known value of the attribute.
    n: int
    #: Correlation ratio of the proxy contribution with the attribute's groups.
    eta: float
    #: Permutation p-value of ``eta``.
    p_value: float
    #: The same correlation ratio for the whole calibrated logit.
    score_eta: float
    #: Mean proxy contribution per group (calibrated-logit units).
    group_means: dict[str, float]
    #: Lowest scoring-rate impact ratio (groups not small) of the probability, as it is and
    #: with the proxy contributions taken out of the logit.
    min_impact_ratio: float | None
    min_impact_ratio_without_proxies: float | None


class ProxyCheck(_Model):
    """The proxy check of one label."""

    label: str
    resumes: int
    #: Résumés with at least one proxy n-gram in the model's vocabulary.
    with_proxy_ngrams: int
    #: Mean absolute proxy contribution, and mean absolute calibrated logit, for scale.
    mean_abs_proxy: float
    mean_abs_logit: float
    attributes: list[ProxyAttribute]


#: Gazetteer names by their first token: ``{token: [(name tokens, needs capitals)]}``.
_Keys = dict[str, list[tuple[tuple[str, ...], bool]]]
#: Gazetteer keys per gazetteer version (built on first use).
_KEYS: dict[str, _Keys] = {}


def _gazetteer_keys(gazetteer: Gazetteer) -> _Keys:
    """Place and language names as token tuples, by first token; short Latin names (UK, NYC)
    count only in capitals, and the US states' two-letter codes not at all."""
    cached = _KEYS.get(gazetteer.version)
    if cached is not None:
        return cached
    names = [*gazetteer.countries, *gazetteer.cities, *gazetteer.languages]
    names += [n for n in gazetteer.us_states if len(n) > 2]  # names, not the two-letter codes
    found: set[tuple[tuple[str, ...], bool]] = set()
    for name in names:
        tokens = tuple(tokenize(name))
        if not tokens or (not name.isascii() and len(name) < 2):  # CJK names: two characters or more
            continue
        found.add((tokens, name.isascii() and len(name) <= _SHORT))
    keys: _Keys = {}
    for tokens, short in sorted(found):
        keys.setdefault(tokens[0], []).append((tokens, short))
    _KEYS[gazetteer.version] = keys
    return keys


def _to_model(pieces: Sequence[tuple[int, int, int]], start: int, end: int) -> list[tuple[int, int]]:
    """``[start, end)`` of the parsed text as stretches of the redacted model text."""
    out = []
    for r0, o0, n in pieces:
        lo, hi = max(start, o0), min(end, o0 + n)
        if lo < hi:
            out.append((r0 + lo - o0, r0 + hi - o0))
    return out


def proxy_ngrams(parsed: ParsedResume, gazetteer: Gazetteer, max_n: int = 2) -> frozenset[str]:
    """The n-grams (up to ``max_n`` tokens, as the vectoriser writes them) of the résumé's
    model text that touch a proxy word (see the module's definition)."""
    redacted = redact(parsed)
    return marked_ngrams(redacted.text, proxy_marks(parsed, gazetteer, redacted), max_n)


def proxy_marks(
    parsed: ParsedResume, gazetteer: Gazetteer, redacted: RedactedText | None = None
) -> tuple[int, ...]:
    """The positions, among the tokens of the résumé's model text (:func:`redact`, read by
    :func:`~screening.model.token_spans`), of its proxy words: what :func:`proxy_ngrams`
    needs of the parse, small enough to keep for thousands of résumés. ``redacted``:
    ``redact(parsed)`` when at hand (featurising made it)."""
    if redacted is None:
        redacted = redact(parsed)
    text = redacted.text
    spans = token_spans(text)
    tokens = [text[s:e].lower() for s, e in spans]
    marked = [False] * len(tokens)
    areas: list[tuple[int, int]] = []
    for position in parsed.positions:
        if position.location_span is not None:
            areas += _to_model(redacted.pieces, position.location_span.start, position.location_span.end)
    for entry in parsed.education:
        if entry.institution_span is not None:
            areas += _to_model(redacted.pieces, entry.institution_span.start, entry.institution_span.end)
    for language in parsed.languages:
        areas += _to_model(redacted.pieces, language.start, language.end)
    ends = [e for _, e in spans]
    for lo, hi in areas:
        # Tokens overlapping [lo, hi): from the first ending after lo while they start before hi.
        for i in range(bisect_right(ends, lo), len(spans)):
            if spans[i][0] >= hi:
                break
            marked[i] = marked[i] or tokens[i] not in ENGLISH_STOP_WORDS
    keys = _gazetteer_keys(gazetteer)
    for i, token in enumerate(tokens):
        for name, short in keys.get(token, ()):
            n = len(name)
            if tuple(tokens[i : i + n]) != name:
                continue
            if short and not all(text[s:e].isupper() for s, e in spans[i : i + n]):
                continue
            for k in range(i, i + n):
                marked[k] = True
    return tuple(k for k, on in enumerate(marked) if on)


def marked_ngrams(text: str, marks: Sequence[int], max_n: int = 2) -> frozenset[str]:
    """The n-grams (up to ``max_n`` tokens) of the model text ``text`` that hold a token of
    ``marks`` (:func:`proxy_marks` of the résumé whose model text it is)."""
    tokens = [text[s:e].lower() for s, e in token_spans(text)]
    grams: set[str] = set()
    count = len(tokens)
    for k in marks:
        for n in range(1, max_n + 1):  # every n-gram holding token k
            for i in range(max(0, k - n + 1), min(k, count - n) + 1):
                grams.add(" ".join(tokens[i : i + n]))
    return frozenset(grams)


def proxy_contributions(
    head: ExplainableTextClassifier,
    inputs: Sequence[ModelInput],
    grams: Sequence[frozenset[str]],
    *,
    matrix: Any = None,
    line_values: npt.ArrayLike | None = None,
) -> tuple[np.ndarray, np.ndarray, int]:
    """Each input's calibrated logit, its proxy contribution (the exact sum of the contributions
    of its proxy n-grams and :data:`PROXY_SIGNALS`), and how many inputs have a proxy n-gram
    in the model's vocabulary.

    ``matrix`` is the inputs' texts encoded by the head's vectoriser, when already at hand
    (heads trained together share one), and ``line_values`` the head's evidence-line values
    of the inputs (:func:`screening.model.encode_texts`), when already computed.
    """
    a, b = head.calibration_
    vocabulary = head.vectorizer_.vocabulary_
    n_text = len(vocabulary)
    signals = np.asarray([s for _, s in inputs], dtype=np.float64).reshape(len(inputs), -1)
    # A line scorer's value, if any (``line_values``: already computed).
    signals = head.with_line_signal([t for t, _ in inputs], signals, line_values)
    if matrix is None:
        matrix = head.vectorizer_.transform([t for t, _ in inputs])
    matrix = sparse.csr_matrix(matrix)
    rows: list[int] = []
    cols: list[int] = []
    for i, found in enumerate(grams):
        for gram in found:
            j = vocabulary.get(gram)
            if j is not None:
                rows.append(i)
                cols.append(j)
    mask = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=matrix.shape)
    coef = np.asarray(head.coef_, dtype=np.float64)
    text_part = np.asarray(matrix.multiply(mask) @ coef[:n_text]).ravel()
    standard = head.standardised_signals(signals)  # the model's own signals, transformed as it does
    names = list(head.signal_names_)
    idx = np.asarray([names.index(s) for s in PROXY_SIGNALS if s in names], dtype=int)
    signal_part = standard[:, idx] @ coef[n_text + idx] if idx.size else np.zeros(len(inputs))
    proxy = a * (text_part + signal_part)
    raw = np.asarray(matrix @ coef[:n_text]).ravel() + standard @ coef[n_text:] + head.intercept_
    logit = a * raw + b
    return np.asarray(logit, dtype=np.float64), np.asarray(proxy, dtype=np.float64), len(set(rows))


def correlation_ratio(values: Sequence[float] | np.ndarray, groups: Sequence[str]) -> float:
    """η: sqrt(between-group sum of squares / total sum of squares); 0 when nothing varies."""
    x = np.asarray(values, dtype=np.float64)
    _, codes = np.unique(np.asarray(groups, dtype=object).astype(str), return_inverse=True)
    return _eta(x, codes)


def _eta(x: np.ndarray, codes: np.ndarray) -> float:
    total = float(((x - x.mean()) ** 2).sum())
    if total <= 0:
        return 0.0
    counts = np.bincount(codes)
    sums = np.bincount(codes, weights=x)
    present = counts > 0
    between = float((sums[present] ** 2 / counts[present]).sum() - x.sum() ** 2 / len(x))
    return float(np.sqrt(max(0.0, min(1.0, between / total))))


def _permutation_p(x: np.ndarray, codes: np.ndarray, observed: float, permutations: int, seed: int) -> float:
    rng = np.random.default_rng(seed)
    hits = sum(_eta(x, rng.permutation(codes)) >= observed - 1e-12 for _ in range(permutations))
    return (1 + hits) / (permutations + 1)


def _scoring_ratio(attribute: str, logits: np.ndarray, groups: Sequence[str | None]) -> float | None:
    median = float(np.median(logits))
    table = category_table(
        attribute,
        [bool(v > median) for v in logits],
        groups,
        resamples=0,
        significance=False,
        min_share=SMALL_SHARE,
    )
    return table.min_impact_ratio


def proxy_check(
    label: str,
    head: ExplainableTextClassifier,
    inputs: Sequence[ModelInput],
    grams: Sequence[frozenset[str]],
    attributes: Mapping[str, Sequence[str | None]],
    *,
    permutations: int = PERMUTATIONS,
    seed: int = PERMUTATION_SEED,
    matrix: Any = None,
    line_values: npt.ArrayLike | None = None,
) -> ProxyCheck:
    """The proxy check of one label's head (see the module's definitions).

    Args:
        label: the label's name.
        head: its fitted classifier.
        inputs: the model inputs of the audited résumés.
        grams: each résumé's proxy n-grams (:func:`proxy_ngrams`).
        attributes: declared attribute -> each résumé's group (None: unknown).
        permutations: shuffles for the p-value of η.
        seed: the shuffles' seed.
        matrix: the inputs' texts encoded by the head's vectoriser, if at hand.
        line_values: the head's evidence-line values of the inputs, if at hand.
    """
    logit, proxy, with_proxy = proxy_contributions(
        head, inputs, grams, matrix=matrix, line_values=line_values
    )
    rows: list[ProxyAttribute] = []
    for attribute, values in attributes.items():
        known = [i for i, v in enumerate(values) if v]
        names = [str(values[i]) for i in known]
        if len(set(names)) < 2:
            continue
        levels, codes = np.unique(np.asarray(names, dtype=object).astype(str), return_inverse=True)
        x = proxy[known]
        eta = _eta(x, codes)
        rows.append(
            ProxyAttribute(
                attribute=attribute,
                n=len(known),
                eta=eta,
                p_value=_permutation_p(x, codes, eta, permutations, seed),
                score_eta=_eta(logit[known], codes),
                group_means={str(g): float(x[codes == k].mean()) for k, g in enumerate(levels)},
                min_impact_ratio=_scoring_ratio(attribute, logit, values),
                min_impact_ratio_without_proxies=_scoring_ratio(attribute, logit - proxy, values),
            )
        )
    return ProxyCheck(
        label=label,
        resumes=len(inputs),
        with_proxy_ngrams=with_proxy,
        mean_abs_proxy=float(np.abs(proxy).mean()) if len(proxy) else 0.0,
        mean_abs_logit=float(np.abs(logit).mean()) if len(logit) else 0.0,
        attributes=rows,
    )


def render_markdown(checks: Sequence[ProxyCheck], *, level: int = 3) -> str:
    """The proxy checks as one Markdown table per label."""
    h = "#" * level
    out: list[str] = []
    for check in checks:
        out += [
            f"{h} {check.label}",
            "",
            f"{check.resumes} résumés, {check.with_proxy_ngrams} with proxy n-grams; mean |proxy "
            f"contribution| {check.mean_abs_proxy:.3f} against mean |logit| {check.mean_abs_logit:.3f}.",
            "",
            "| attribute | n | η proxy | p | η whole score | min impact ratio | without proxies |",
            "|---|---|---|---|---|---|---|",
        ]
        for a in check.attributes:
            cells = [a.attribute, str(a.n), f"{a.eta:.3f}", f"{a.p_value:.3f}", f"{a.score_eta:.3f}"]
            cells += [
                "—" if r is None else f"{r:.3f}"
                for r in (a.min_impact_ratio, a.min_impact_ratio_without_proxies)
            ]
            out.append("| " + " | ".join(cells) + " |")
        out.append("")
    return "\n".join(out)
