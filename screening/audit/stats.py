"""Bias-audit statistics in the style of NYC Local Law 144 and the four-fifths rule.

For one category (``sex``, ``race_ethnicity``, or an intersection such as
``sex × race_ethnicity``) and one outcome per candidate (*selected* or not):

* **rate** per group: selected / candidates of the group. With decisions, the *selection
  rate* (advanced / assessed); with scores, the *scoring rate*: the share of the group whose
  score is strictly **above the median of all candidates** (:func:`above_median`; a score
  equal to the median does not count as above, as Local Law 144 words it).
* **impact ratio**: a group's rate divided by the rate of the **reference group**, the
  highest-rate group among groups that are not small (ties: the larger group, then the first
  name in sort order). Flagged below :data:`FLAG_BELOW` (0.80, the four-fifths rule).
* **unknown**: candidates whose category is missing (no demographics row, or an empty
  value) are counted apart and left out of every rate comparison.
* **small groups**: a group under :data:`SMALL_SHARE` (2 %) of all candidates (unknowns
  included) is reported and marked, but never the reference and not in the minimum ratio.
* **significance**: Fisher's exact test (two-sided) of each group's 2×2 table (selected,
  not selected) against the reference group's.
* **confidence intervals**: percentile bootstrap with a fixed seed, so reports are
  reproducible. Each group's candidates are resampled within the group (group sizes fixed,
  which for a yes/no outcome is a binomial draw at the group's observed rate); the impact
  ratio's interval divides each resampled rate by the reference group's resampled rate.
  With scores, the median is held at its observed value.

Everything here is pure: no files, no database, no models.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Literal

import numpy as np
from pydantic import BaseModel, ConfigDict

#: Impact ratios below this are flagged (the four-fifths rule).
FLAG_BELOW = 0.80
#: Groups under this share of all candidates are "small": reported, marked, not compared.
SMALL_SHARE = 0.02
#: The default category columns of a demographics file, and of the intersection.
DEFAULT_CATEGORIES: tuple[str, str] = ("sex", "race_ethnicity")
#: Bootstrap resamples, seed and confidence level of every interval.
BOOTSTRAP_RESAMPLES = 2000
BOOTSTRAP_SEED = 20230705  # Local Law 144's enforcement date: any fixed number would do
CONFIDENCE = 0.95
#: How the intersection of two categories is named, and its groups.
INTERSECTION_SEPARATOR = " × "

Basis = Literal["scores", "decisions"]


class AuditError(ValueError):
    """An audit that cannot be computed from its inputs; ``code`` is stable for clients."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class GroupRow(_Model):
    """One group of a category."""

    group: str
    n: int
    #: Share of all candidates of the audit (unknowns included).
    share: float
    selected: int
    rate: float
    #: rate / the reference group's rate; None when nobody in the reference group was selected.
    impact_ratio: float | None
    small: bool
    #: The impact ratio is below the flag threshold (four-fifths rule).
    flag: bool
    #: Fisher's exact test (two-sided) against the reference group; None for the reference.
    p_value: float | None
    rate_ci: tuple[float, float] | None
    impact_ratio_ci: tuple[float, float] | None


class UnknownRow(_Model):
    """Candidates whose category is unknown (no demographics, or an empty value)."""

    n: int
    selected: int
    rate: float | None


class CategoryTable(_Model):
    """The audit table of one category (or intersection of two)."""

    category: str
    total: int
    groups: list[GroupRow]
    unknown: UnknownRow
    reference_group: str | None
    #: Lowest impact ratio over groups that are not small; None if there is none.
    min_impact_ratio: float | None
    #: Groups whose impact ratio is below the flag threshold.
    flagged: list[str]

    def group(self, name: str) -> GroupRow:
        """The row of group ``name``.

        Raises:
            KeyError: no such group.
        """
        for row in self.groups:
            if row.group == name:
                return row
        raise KeyError(name)


class BootstrapSettings(_Model):
    resamples: int
    seed: int
    confidence: float


class AuditReport(_Model):
    """A whole audit: how the outcome was defined, who was counted, and one table per category."""

    basis: Basis
    #: ``selection rate`` (decisions) or ``scoring rate`` (scores).
    rate_name: str
    #: The score audited (``fit.score``, ``tradfi probability``…); None for decisions.
    score: str | None
    #: The median of every audited candidate's score (scores only).
    median: float | None
    #: Candidates audited (with an outcome), and how many of them were selected.
    candidates: int
    selected: int
    #: Candidates found in the demographics file.
    matched: int
    #: Rows left out: without a score (not scored: needs review or failed), or without a decision.
    excluded: int
    categories: list[CategoryTable]
    flag_below: float
    small_share: float
    test: str
    bootstrap: BootstrapSettings
    #: Model versions the scores or decisions were made with, as recorded with them.
    versions: list[str]
    #: Where the outcomes came from (a file name, or the stored data's filters).
    source: str
    #: How rates, ties, unknowns and small groups are defined, in words.
    definitions: list[str]


@dataclass(frozen=True, slots=True)
class Outcome:
    """One audited candidate: the ids it may be known by in the demographics, and its outcome."""

    keys: tuple[str, ...]
    selected: bool


@dataclass(frozen=True)
class Demographics:
    """Demographic categories per candidate id (``None``: unknown). Never stored, never scored."""

    categories: tuple[str, ...]
    by_id: Mapping[str, Mapping[str, str | None]]

    def lookup(self, keys: Iterable[str]) -> Mapping[str, str | None] | None:
        """The row of the first of ``keys`` found, else None."""
        for key in keys:
            row = self.by_id.get(key)
            if row is not None:
                return row
        return None


# --- single tables ------------------------------------------------------------------------------


def _known(value: str | None) -> str | None:
    if value is None:
        return None
    stripped = value.strip()
    return stripped or None


def fisher_exact(a: int, b: int, c: int, d: int) -> float:
    """Two-sided p-value of Fisher's exact test of the 2×2 table ``[[a, b], [c, d]]``: the
    probability, under the hypergeometric law of the table's margins, of every table at most
    as likely as the observed one."""
    from scipy.stats import fisher_exact as scipy_fisher_exact  # type: ignore[import-untyped]

    result = scipy_fisher_exact([[a, b], [c, d]], alternative="two-sided")
    return float(min(1.0, result.pvalue))


def _interval(draws: np.ndarray, confidence: float) -> tuple[float, float] | None:
    finite = draws[np.isfinite(draws)]
    if finite.size == 0:
        return None
    tail = (1.0 - confidence) / 2.0
    low, high = np.quantile(finite, [tail, 1.0 - tail])
    return float(low), float(high)


def category_table(
    category: str,
    selected: Sequence[bool],
    groups: Sequence[str | None],
    *,
    min_share: float = SMALL_SHARE,
    flag_below: float = FLAG_BELOW,
    resamples: int = BOOTSTRAP_RESAMPLES,
    seed: int = BOOTSTRAP_SEED,
    confidence: float = CONFIDENCE,
    significance: bool = True,
) -> CategoryTable:
    """The audit table of one category (see the module's definitions).

    Args:
        category: the category's name (a column of the demographics).
        selected: each candidate's outcome.
        groups: each candidate's group; None or blank is unknown.
        min_share: groups under this share of all candidates are small.
        flag_below: impact ratios under this are flagged.
        resamples: bootstrap resamples for the intervals (0: no intervals).
        seed: the bootstrap's seed.
        confidence: the intervals' level.
        significance: run Fisher's exact test against the reference group.

    Returns:
        The table, groups in sort order.

    Raises:
        ValueError: ``selected`` and ``groups`` differ in length.
    """
    if len(selected) != len(groups):
        raise ValueError(f"{len(selected)} outcomes for {len(groups)} group values")
    total = len(selected)
    counts: dict[str, list[int]] = {}
    unknown = [0, 0]
    for outcome, raw in zip(selected, groups, strict=True):
        group = _known(raw)
        cell = counts.setdefault(group, [0, 0]) if group is not None else unknown
        cell[0] += 1
        cell[1] += int(bool(outcome))
    names = sorted(counts)
    small = {g: counts[g][0] < min_share * total for g in names}
    rate = {g: counts[g][1] / counts[g][0] for g in names}
    pool = [g for g in names if not small[g]] or names
    # max() keeps the first of equal keys: the larger group, then the first name.
    reference = max(pool, key=lambda g: (rate[g], counts[g][0])) if pool else None
    top = rate[reference] if reference is not None else 0.0

    rate_draws: dict[str, np.ndarray] = {}
    if resamples > 0:
        rng = np.random.default_rng(seed)
        for g in names:  # sorted: the draws do not depend on input order
            n, k = counts[g]
            rate_draws[g] = rng.binomial(n, k / n, size=resamples) / n
    rows: list[GroupRow] = []
    for g in names:
        n, k = counts[g]
        ratio = rate[g] / top if top > 0 else None
        p_value: float | None = None
        if significance and reference is not None and g != reference:
            ref_n, ref_k = counts[reference]
            p_value = fisher_exact(k, n - k, ref_k, ref_n - ref_k)
        rate_ci = ratio_ci = None
        if resamples > 0:
            rate_ci = _interval(rate_draws[g], confidence)
            if reference is not None and top > 0:
                with np.errstate(divide="ignore", invalid="ignore"):
                    ratio_draws = rate_draws[g] / rate_draws[reference]
                ratio_draws[~np.isfinite(ratio_draws)] = np.nan
                ratio_ci = _interval(ratio_draws, confidence)
        rows.append(
            GroupRow(
                group=g,
                n=n,
                share=n / total,
                selected=k,
                rate=rate[g],
                impact_ratio=ratio,
                small=small[g],
                flag=ratio is not None and ratio < flag_below,
                p_value=p_value,
                rate_ci=rate_ci,
                impact_ratio_ci=ratio_ci,
            )
        )
    ratios = [r.impact_ratio for r in rows if not r.small and r.impact_ratio is not None]
    return CategoryTable(
        category=category,
        total=total,
        groups=rows,
        unknown=UnknownRow(
            n=unknown[0], selected=unknown[1], rate=unknown[1] / unknown[0] if unknown[0] else None
        ),
        reference_group=reference,
        min_impact_ratio=min(ratios) if ratios else None,
        flagged=[r.group for r in rows if r.flag],
    )


def intersect(first: Sequence[str | None], second: Sequence[str | None]) -> list[str | None]:
    """Intersection groups (``"female × Hispanic"``); unknown when either part is unknown."""
    out: list[str | None] = []
    for a, b in zip(first, second, strict=True):
        ka, kb = _known(a), _known(b)
        out.append(f"{ka}{INTERSECTION_SEPARATOR}{kb}" if ka is not None and kb is not None else None)
    return out


def intersection_name(first: str, second: str) -> str:
    """The name of the intersection of two categories: ``"sex × race_ethnicity"``."""
    return f"{first}{INTERSECTION_SEPARATOR}{second}"


def above_median(scores: Sequence[float]) -> tuple[list[bool], float]:
    """Which scores are strictly above the median of all of them, and that median.

    The scoring rate of Local Law 144: "the rate at which individuals in a category receive a
    score above the sample's median score". A score equal to the median is *not* above it,
    so with many tied scores fewer than half of the candidates count as selected.

    Raises:
        AuditError: ``no_candidates`` when there is no score.
    """
    if not scores:
        raise AuditError("no_candidates", "no scored candidate to audit")
    values = np.asarray(scores, dtype=np.float64)
    if not np.isfinite(values).all():
        raise AuditError("invalid_scores", "scores must be finite numbers")
    median = float(np.median(values))
    return [bool(v > median) for v in values], median


# --- whole audits -------------------------------------------------------------------------------


def _definitions(basis: Basis, score: str | None, min_share: float, flag_below: float) -> list[str]:
    if basis == "scores":
        rate = (
            f"Scoring rate: the share of a group's candidates whose {score} is strictly above the "
            "median score of all audited candidates (unknowns included); a score equal to the median "
            "does not count as above (NYC Local Law 144)."
        )
    else:
        rate = (
            "Selection rate: candidates advanced / candidates assessed, where a candidate is assessed "
            "when a decision was recorded for them and the latest decision counts (advanced: "
            "'advance'; 'hold' and 'reject' are not selected)."
        )
    return [
        rate,
        "Impact ratio: a group's rate divided by the rate of the reference group, the highest-rate "
        f"group that is not small; ratios below {flag_below:.2f} are flagged (four-fifths rule).",
        "Unknown: candidates without a demographics row or with an empty value for the category; "
        "counted separately and left out of the comparisons.",
        f"Small groups: under {min_share:.0%} of all audited candidates; reported and marked, never the "
        "reference group and not counted in the minimum impact ratio.",
        "p: Fisher's exact test (two-sided) of the group's selected / not selected counts against the "
        "reference group's; not adjusted for multiple comparisons, and the reference is the highest-rate "
        "group, so with many groups some p-values under 0.05 are expected by chance alone.",
        "Intervals: 95 % percentile bootstrap, resampling each group's candidates within the group "
        "(seeded, reproducible); with scores the median is held at its observed value.",
        "Demographics are supplied separately for the audit; they are never stored with résumés and "
        "never used for scoring.",
    ]


def audit(
    outcomes: Sequence[Outcome],
    demographics: Demographics,
    *,
    basis: Basis,
    score: str | None = None,
    median: float | None = None,
    categories: Sequence[str] | None = None,
    intersection: tuple[str, str] | None = DEFAULT_CATEGORIES,
    excluded: int = 0,
    versions: Iterable[str] = (),
    source: str = "",
    min_share: float = SMALL_SHARE,
    flag_below: float = FLAG_BELOW,
    resamples: int = BOOTSTRAP_RESAMPLES,
    seed: int = BOOTSTRAP_SEED,
    confidence: float = CONFIDENCE,
) -> AuditReport:
    """The audit of ``outcomes`` by every category of ``demographics`` and one intersection.

    Args:
        outcomes: one per audited candidate (see :func:`score_outcomes` for scores and
            :func:`screening.audit.inputs.current_decisions` for decisions).
        demographics: categories per candidate id; candidates not found are unknown.
        basis: ``scores`` (scoring rate) or ``decisions`` (selection rate).
        score: what was scored (``fit.score``…), for the report.
        median: the median score (scores), for the report.
        categories: the categories to report (default: every column of ``demographics``).
        intersection: two categories whose intersection is reported too, or None. It is
            left out (silently) when it is the default and either column is missing.
        excluded: rows left out before the audit (not scored, no decision), for the report.
        versions: model versions the outcomes were made with, for the report.
        source: where the outcomes came from, for the report.
        min_share, flag_below, resamples, seed, confidence: see :func:`category_table`.

    Raises:
        AuditError: ``no_candidates`` (no outcome), ``no_matching_ids`` (no candidate is in
            the demographics), ``unknown_category`` (a category or intersection column the
            demographics lack).
    """
    if not outcomes:
        raise AuditError("no_candidates", "no candidate to audit (no scored candidate or no decision)")
    chosen = tuple(categories) if categories else demographics.categories
    missing = [c for c in chosen if c not in demographics.categories]
    if intersection is not None:
        lacking = [c for c in intersection if c not in demographics.categories]
        if lacking and intersection == DEFAULT_CATEGORIES:
            intersection = None
        else:
            missing += lacking
    if missing:
        raise AuditError(
            "unknown_category",
            f"the demographics have no column {', '.join(sorted(set(missing)))}; "
            f"they have {', '.join(demographics.categories) or 'none'}",
        )
    rows = [demographics.lookup(o.keys) for o in outcomes]
    matched = sum(r is not None for r in rows)
    if matched == 0:
        raise AuditError(
            "no_matching_ids",
            f"none of the {len(outcomes)} candidates has an id in the demographics "
            "(ids are candidate ids or résumé SHA-256)",
        )
    selected = [o.selected for o in outcomes]
    values = {c: [r.get(c) if r is not None else None for r in rows] for c in demographics.categories}
    table = partial(
        category_table,
        min_share=min_share,
        flag_below=flag_below,
        resamples=resamples,
        seed=seed,
        confidence=confidence,
    )
    tables = [table(c, selected, values[c]) for c in chosen]
    if intersection is not None:
        a, b = intersection
        tables.append(table(intersection_name(a, b), selected, intersect(values[a], values[b])))
    return AuditReport(
        basis=basis,
        rate_name="scoring rate" if basis == "scores" else "selection rate",
        score=score,
        median=median,
        candidates=len(outcomes),
        selected=sum(selected),
        matched=matched,
        excluded=excluded,
        categories=tables,
        flag_below=flag_below,
        small_share=min_share,
        test="Fisher's exact test, two-sided, each group against the reference group",
        bootstrap=BootstrapSettings(resamples=resamples, seed=seed, confidence=confidence),
        versions=sorted(set(versions)),
        source=source,
        definitions=_definitions(basis, score, min_share, flag_below),
    )


def score_outcomes(
    scored: Sequence[tuple[tuple[str, ...], float]],
) -> tuple[list[Outcome], float]:
    """Outcomes of scored candidates ``(keys, score)``: selected when above the median."""
    flags, median = above_median([s for _, s in scored])
    return [Outcome(keys, flag) for (keys, _), flag in zip(scored, flags, strict=True)], median


def min_ratio(report: AuditReport) -> float | None:
    """The lowest impact ratio of any table of ``report`` (non-small groups), or None."""
    ratios = [t.min_impact_ratio for t in report.categories if t.min_impact_ratio is not None]
    return min(ratios) if ratios else None
