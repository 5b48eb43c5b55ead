"""Fairness checks: impact ratios across groups and counterfactual name/pronoun-swap invariance.

* :func:`impact_ratios` is a bias audit in the style of NYC Local Law 144 and the four-fifths
  rule: selection rate per group, impact ratio against the highest-rate group, unknowns counted
  separately, small groups (< 2 % of candidates) disclosed and left out of the minimum.
* :func:`swap_invariance` summarises how far probabilities move when a résumé's identity (name,
  pronouns, titles) is swapped for one of :data:`NAME_GROUPS` with :func:`swap_identity`.

Demographic groups are supplied separately (here: the generated corpus's metadata) and are
never used for scoring.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping, Sequence
from typing import Any, TypedDict

import numpy as np

#: An impact ratio below this is flagged (the four-fifths rule).
FLAG_BELOW = 0.80
#: Gate of the training pipeline on the minimum impact ratio over non-small groups.
MIN_IMPACT_RATIO_GATE = 0.90
#: Gate on the largest absolute change of any probability under an identity swap.
SWAP_TOLERANCE = 0.01


class Identity(TypedDict):
    """One counterfactual identity for swaps."""

    #: Unique key of the variant, e.g. ``"chinese-female"``.
    group: str
    culture: str
    gender: str
    name: str
    #: (subject, object, possessive determiner), e.g. ("she", "her", "her").
    pronouns: tuple[str, str, str]
    #: Other gendered forms: ``title`` (Mr/Ms), ``possessive_pronoun`` (his/hers), ``reflexive``.
    gender_words: dict[str, str]


_FEMALE_WORDS = {"title": "Ms", "possessive_pronoun": "hers", "reflexive": "herself"}
_MALE_WORDS = {"title": "Mr", "possessive_pronoun": "his", "reflexive": "himself"}


def _identity(culture: str, gender: str, name: str) -> Identity:
    female = gender == "female"
    return Identity(
        group=f"{culture}-{gender}",
        culture=culture,
        gender=gender,
        name=name,
        pronouns=("she", "her", "her") if female else ("he", "him", "his"),
        gender_words=dict(_FEMALE_WORDS if female else _MALE_WORDS),
    )


#: Identity variants for counterfactual swaps: eight cultures, a woman and a man each; ``group``
#: is unique per variant.
NAME_GROUPS: tuple[Identity, ...] = (
    _identity("english", "female", "Emily Clarke"),
    _identity("english", "male", "James Whitaker"),
    _identity("chinese", "female", "Wang Fang"),
    _identity("chinese", "male", "Li Wei"),
    _identity("indian", "female", "Priya Sharma"),
    _identity("indian", "male", "Arjun Patel"),
    _identity("arabic", "female", "Fatima Al-Hassan"),
    _identity("arabic", "male", "Omar Haddad"),
    _identity("nigerian", "female", "Chiamaka Okafor"),
    _identity("nigerian", "male", "Oluwaseun Adeyemi"),
    _identity("hispanic", "female", "María González"),
    _identity("hispanic", "male", "Alejandro Ramírez"),
    _identity("malay", "female", "Nurul Aisyah binti Ahmad"),
    _identity("malay", "male", "Muhammad Hafiz bin Ismail"),
    _identity("korean", "female", "Kim Ji-yeon"),
    _identity("korean", "male", "Park Min-jun"),
)

# Words after which "her" is an object pronoun ("told her the plan") and "his" stands alone
# ("the idea was his, and ..."); before anything else they are possessive determiners.
_FUNCTION_WORDS = frozenset(
    "a an the and or but nor so yet to in on at for with by from of as than that this these those "
    "it its is was were be been about into onto up out over under after before during through "
    "again also too when while if because who which what".split()
)
_PRONOUN = re.compile(r"\b(he|she|him|her|his|hers|himself|herself)\b", re.IGNORECASE)
# Titles only in title case, or upper case followed by a period, and only before a name:
# "MS Excel", "miss a deadline" and "MS in Finance" are left alone.
_TITLE = re.compile(r"\b(?:(Mr|Mrs|Ms|Miss|Mx)(?=\.?\s+[A-Z])|(MR|MRS|MS|MISS|MX)(?=\.\s*[A-Z]))\b")
_NEXT_WORD = re.compile(r"\s*([A-Za-z]+)?")


def _match_case(template: str, word: str) -> str:
    if len(template) > 1 and template.isupper():
        return word.upper()
    if template[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def _stands_alone(text: str, end: int) -> bool:
    """Whether the word ending at ``end`` is followed by punctuation, the end or a function word."""
    rest = text[end:]
    if not rest.strip() or not rest.lstrip()[:1].isalpha():
        return True
    m = _NEXT_WORD.match(rest)
    nxt = m.group(1) if m else None
    return nxt is None or nxt.lower() in _FUNCTION_WORDS


def _swap_gendered(text: str, identity: Identity) -> str:
    subject, obj, possessive = identity["pronouns"]
    words = identity["gender_words"]

    def pronoun(m: re.Match[str]) -> str:
        old = m.group(0)
        low = old.lower()
        if low in ("he", "she"):
            new = subject
        elif low == "him":
            new = obj
        elif low == "hers":
            new = words["possessive_pronoun"]
        elif low in ("himself", "herself"):
            new = words["reflexive"]
        elif low == "her":
            new = obj if _stands_alone(text, m.end()) else possessive
        else:  # his
            new = words["possessive_pronoun"] if _stands_alone(text, m.end()) else possessive
        return _match_case(old, new)

    def title(m: re.Match[str]) -> str:
        return _match_case(m.group(0), words["title"])

    return _TITLE.sub(title, _PRONOUN.sub(pronoun, text))


def swap_identity(text: str, name_spans: Sequence[tuple[int, int]], new_identity: Identity) -> str:
    """``text`` with every ``(start, end)`` name span replaced by ``new_identity``'s full name and
    gendered pronouns and titles (he/she/him/her/his/hers/himself/herself, Mr/Ms/Mrs/Miss/Mx)
    outside the spans replaced by the identity's, keeping the case of each replaced word (an
    all-caps name span gets an all-caps name). Everything else is left byte for byte.

    "her" becomes object ("him") before punctuation or a function word and possessive ("his")
    otherwise; "his" likewise becomes "hers" or "her". Spans must not overlap.
    """
    spans = sorted((max(0, s), min(len(text), e)) for s, e in name_spans if e > s)
    for (_, e1), (s2, _) in itertools.pairwise(spans):
        if s2 < e1:
            raise ValueError(f"overlapping name spans: {spans}")
    parts: list[str] = []
    pos = 0
    for start, end in spans:
        parts.append(_swap_gendered(text[pos:start], new_identity))
        original = text[start:end]
        name = new_identity["name"]
        parts.append(name.upper() if original.isupper() else name)
        pos = end
    parts.append(_swap_gendered(text[pos:], new_identity))
    return "".join(parts)


def impact_ratios(
    predicted: Sequence[bool],
    groups: Sequence[str | None],
    *,
    min_share: float = 0.02,
    flag_below: float = FLAG_BELOW,
) -> dict[str, Any]:
    """Selection rate and impact ratio per group.

    Returns ``{"groups": {group: {n, selected, rate, impact_ratio, small, flag}}, "unknown":
    {n, selected, rate}, "total", "reference_group", "min_impact_ratio"}``.

    * Unknown group (None or "") is counted under ``"unknown"`` and left out of the ratios.
    * ``small``: the group is under ``min_share`` of all candidates (unknowns included).
    * ``impact_ratio`` = rate / highest rate among non-small groups (among all known groups if
      every group is small); None when that rate is 0 (nobody selected).
    * ``flag``: impact ratio below ``flag_below`` (four-fifths rule).
    * ``min_impact_ratio``: over non-small groups; None if there are none or nobody was selected.
    * ``rate`` of an empty unknown group is None.
    """
    if len(predicted) != len(groups):
        raise ValueError(f"{len(predicted)} predictions for {len(groups)} group values")
    total = len(predicted)
    counts: dict[str, list[int]] = {}
    unknown = [0, 0]
    for pred, group in zip(predicted, groups, strict=True):
        cell = counts.setdefault(group, [0, 0]) if group else unknown
        cell[0] += 1
        cell[1] += int(bool(pred))

    def rate(n: int, selected: int) -> float | None:
        return selected / n if n else None

    rows: dict[str, dict[str, Any]] = {}
    for group in sorted(counts):
        n, selected = counts[group]
        rows[group] = {
            "n": n,
            "selected": selected,
            "rate": rate(n, selected),
            "small": n < min_share * total,
        }
    large = [g for g, r in rows.items() if not r["small"]]
    pool = large or list(rows)
    reference = max(pool, key=lambda g: (rows[g]["rate"], -len(g), g)) if pool else None
    top = rows[reference]["rate"] if reference is not None else None
    for r in rows.values():
        ratio = r["rate"] / top if top else None
        r["impact_ratio"] = ratio
        r["flag"] = ratio is not None and ratio < flag_below
    ratios = [rows[g]["impact_ratio"] for g in large if rows[g]["impact_ratio"] is not None]
    return {
        "groups": rows,
        "unknown": {"n": unknown[0], "selected": unknown[1], "rate": rate(*unknown)},
        "total": total,
        "reference_group": reference,
        "min_impact_ratio": min(ratios) if ratios else None,
    }


def swap_invariance(
    prob_original: np.ndarray[Any, Any],
    prob_swapped: Mapping[str, np.ndarray[Any, Any]],
    *,
    tolerance: float = SWAP_TOLERANCE,
) -> dict[str, Any]:
    """Largest absolute change of any probability under each identity swap.

    ``prob_original`` is ``(n,)`` or ``(n, n_labels)``; each swapped array has the same shape.
    Returns ``{"max_abs_change", "max_change" (the same), "worst_variant", "per_variant":
    {variant: max change}, "mean_abs_change", "tolerance", "passed"}``; no variants: 0.0.
    """
    base = np.asarray(prob_original, dtype=np.float64)
    per_variant: dict[str, float] = {}
    means: list[float] = []
    for variant, swapped in prob_swapped.items():
        other = np.asarray(swapped, dtype=np.float64)
        if other.shape != base.shape:
            raise ValueError(f"variant {variant!r} has shape {other.shape}, original {base.shape}")
        diff = np.abs(other - base)
        per_variant[variant] = float(diff.max()) if diff.size else 0.0
        if diff.size:
            means.append(float(diff.mean()))
    worst = max(per_variant, key=lambda v: per_variant[v]) if per_variant else None
    max_change = per_variant[worst] if worst is not None else 0.0
    return {
        "max_abs_change": max_change,
        "max_change": max_change,
        "worst_variant": worst,
        "per_variant": per_variant,
        "mean_abs_change": float(np.mean(means)) if means else 0.0,
        "tolerance": tolerance,
        "passed": bool(max_change <= tolerance),
    }
