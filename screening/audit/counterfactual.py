"""Counterfactual identity swaps: does changing who a résumé belongs to change its scores?

* :data:`NAME_GROUPS`: sixteen identities, eight cultures, a woman and a man each.
* :func:`swap_identity`: a résumé's text with its name replaced by an identity's, and its
  pronouns, titles and gendered words (husband/wife, chairman/chairwoman…) by that identity's
  gender (every gendered word takes the identity's gender, as pronouns do; the parser redacts
  them all). Everything else is left byte for byte.
* :func:`counterfactual_check`: every résumé re-read under every identity and scored with the
  same models: the largest change of any label probability, of the role fit score and of the
  résumé's rank among the others (:class:`CounterfactualReport`).

Used by ``screening audit counterfactual`` and by training's swap-invariance gate.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from typing import TypedDict

import numpy as np
from pydantic import BaseModel, ConfigDict

from screening.features import featurize
from screening.model import ModelInput, model_input
from screening.parsing.model import ParsedResume
from screening.parsing.pii import spans_of
from screening.parsing.pipeline import parse_text
from screening.ranking import RoleProfile, fit_role
from screening.scoring import Scorer

#: Largest accepted change of any probability under an identity swap.
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
#: Gendered nouns and adjectives (the parser's gender words), male form -> female form.
GENDERED_WORDS: dict[str, str] = {
    "man": "woman",
    "men": "women",
    "male": "female",
    "father": "mother",
    "husband": "wife",
    "son": "daughter",
    "brother": "sister",
    "boyfriend": "girlfriend",
    "gentleman": "lady",
    "gentlemen": "ladies",
    "businessman": "businesswoman",
    "businessmen": "businesswomen",
    "chairman": "chairwoman",
    "spokesman": "spokeswoman",
}
_TO_MALE = {female: male for male, female in GENDERED_WORDS.items()}
_GENDERED = re.compile(
    r"\b(" + "|".join(sorted({*GENDERED_WORDS, *_TO_MALE}, key=len, reverse=True)) + r")\b", re.I
)


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
    table = GENDERED_WORDS if identity["gender"] == "female" else _TO_MALE

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

    def gendered(m: re.Match[str]) -> str:
        old = m.group(0)
        return _match_case(old, table.get(old.lower(), old.lower()))

    return _GENDERED.sub(gendered, _TITLE.sub(title, _PRONOUN.sub(pronoun, text)))


def swap_identity(text: str, name_spans: Sequence[tuple[int, int]], new_identity: Identity) -> str:
    """``text`` with every ``(start, end)`` name span replaced by ``new_identity``'s full name and
    gendered pronouns, titles and words outside the spans replaced by the identity's gender's
    (he/she/him/her/his/hers/himself/herself, Mr/Ms/Mrs/Miss/Mx, and :data:`GENDERED_WORDS`
    such as husband/wife or chairman/chairwoman), keeping the case of each replaced word (an
    all-caps name span gets an all-caps name). Everything else is left byte for byte.

    "her" becomes object ("him") before punctuation or a function word and possessive ("his")
    otherwise; "his" likewise becomes "hers" or "her". Spans must not overlap.

    Raises:
        ValueError: overlapping spans.
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


def name_spans(parsed: ParsedResume) -> list[tuple[int, int]]:
    """Where the candidate's name stands as a name (the header line, signatures), not inside an
    e-mail address or a URL, which are redacted whatever they hold."""
    contact = [p for p in parsed.pii if p.kind in ("email", "url")]
    return [
        (s.start, s.end)
        for s in spans_of([p for p in parsed.pii if p.kind == "name"])
        if not any(c.start <= s.start < c.end for c in contact)
    ]


# --- the check ----------------------------------------------------------------------------------


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class WorstSwap(_Model):
    """Where the largest probability change happened."""

    resume: str
    identity: str
    label: str
    original: float
    swapped: float


class CounterfactualReport(_Model):
    """The identity-swap check of a set of résumés (see :func:`counterfactual_check`)."""

    resumes: int
    #: Résumés in which no name was found (only pronouns and gendered words were swapped).
    without_name: int
    #: Résumés left out: id -> why (not parsed, nothing to score).
    skipped: dict[str, str]
    identities: list[str]
    labels: list[str]
    role: str | None
    max_probability_change: float
    worst: WorstSwap | None
    per_label: dict[str, float]
    per_identity: dict[str, float]
    max_fit_change: float | None
    #: Largest change of a résumé's rank (1 = best fit) among the other résumés, as given.
    max_rank_change: int | None
    #: (résumé, identity) pairs whose rank changed.
    rank_changes: int
    tolerance: float
    passed: bool
    versions: dict[str, str]
    definitions: list[str]


def _inputs(parsed: ParsedResume, scorer: Scorer) -> tuple[ParsedResume, ModelInput]:
    features = featurize(parsed, scorer.resources.gazetteer)
    return parsed, model_input(features)


def _rank(score: float, index: int, others: Sequence[float]) -> int:
    """1 + how many résumés come before a résumé with ``score`` at ``index`` (ties: lower index)."""
    return 1 + sum(
        1 for j, s in enumerate(others) if j != index and (s > score or (s == score and j < index))
    )


def counterfactual_check(
    resumes: Sequence[tuple[str, ParsedResume]],
    scorer: Scorer,
    *,
    role: RoleProfile | None,
    identities: Sequence[Identity] = NAME_GROUPS,
    tolerance: float = SWAP_TOLERANCE,
) -> CounterfactualReport:
    """Swap every identity into every résumé and measure how far scores and ranks move.

    Each résumé's parsed text and each of its swapped texts are read by
    :func:`~screening.parsing.pipeline.parse_text` (so the original and its variants go
    through exactly the same reading) and scored by ``scorer``'s models. Probabilities are
    compared unrounded.

    Args:
        resumes: ``(id, parsed résumé)`` pairs.
        scorer: the models and reference data.
        role: the role whose fit score ranks the résumés (None: no fit, no rank).
        identities: the identities to swap in.
        tolerance: the largest acceptable probability change.

    Returns:
        The report.
    """
    labels = [label for bundle in scorer.bundles for label in bundle.labels]
    heads = {label: bundle.heads[label] for bundle in scorer.bundles for label in bundle.labels}
    resources = scorer.resources
    skipped: dict[str, str] = {}
    kept: list[str] = []
    base_probs: list[np.ndarray] = []
    swap_probs: list[np.ndarray] = []  # (identities, labels) per résumé
    base_fit: list[float] = []
    swap_fit: list[list[float]] = []
    without_name = 0
    for rid, parsed in resumes:
        if not parsed.text.strip():
            skipped[rid] = "empty"
            continue
        spans = name_spans(parsed)
        without_name += not spans
        variants = [parse_text(parsed.text, resources, file=parsed.file)]
        variants += [
            parse_text(swap_identity(parsed.text, spans, i), resources, file=parsed.file) for i in identities
        ]
        prepared = [_inputs(v, scorer) for v in variants]
        probs = np.column_stack(
            [heads[label].predict_proba([x for _, x in prepared])[:, 1] for label in labels]
        )
        kept.append(rid)
        base_probs.append(probs[0])
        swap_probs.append(probs[1:])
        if role is not None:
            fits = [
                fit_role(role, dict(zip(labels, row.tolist(), strict=True)), v, scorer.taxonomy).score
                for (v, _), row in zip(prepared, probs, strict=True)
            ]
            base_fit.append(fits[0])
            swap_fit.append(fits[1:])
    names = [i["group"] for i in identities]
    per_label = dict.fromkeys(labels, 0.0)
    per_identity = dict.fromkeys(names, 0.0)
    worst: WorstSwap | None = None
    best = -1.0
    for rid, base, swapped in zip(kept, base_probs, swap_probs, strict=True):
        diff = np.abs(swapped - base)
        for k, name in enumerate(names):
            per_identity[name] = max(per_identity[name], float(diff[k].max()))
        for j, label in enumerate(labels):
            per_label[label] = max(per_label[label], float(diff[:, j].max()))
        at, col = (int(v) for v in np.unravel_index(int(np.argmax(diff)), diff.shape))
        if float(diff[at, col]) > best:
            best = float(diff[at, col])
            worst = WorstSwap(
                resume=rid,
                identity=names[at],
                label=labels[col],
                original=float(base[col]),
                swapped=float(swapped[at, col]),
            )
    max_change = max(per_label.values(), default=0.0) if kept else 0.0
    max_fit = max_rank = None
    rank_changes = 0
    if role is not None and kept:
        max_fit = max(abs(f - base_fit[i]) for i, fits in enumerate(swap_fit) for f in fits)
        moves = [
            abs(_rank(f, i, base_fit) - _rank(base_fit[i], i, base_fit))
            for i, fits in enumerate(swap_fit)
            for f in fits
        ]
        max_rank = max(moves)
        rank_changes = sum(1 for m in moves if m)
    return CounterfactualReport(
        resumes=len(kept),
        without_name=without_name,
        skipped=skipped,
        identities=names,
        labels=labels,
        role=role.id if role is not None else None,
        max_probability_change=max_change,
        worst=worst if kept else None,
        per_label=per_label,
        per_identity=per_identity,
        max_fit_change=max_fit,
        max_rank_change=max_rank,
        rank_changes=rank_changes,
        tolerance=tolerance,
        passed=max_change <= tolerance,
        versions={k: str(v) for k, v in scorer.versions.model_dump().items()},
        definitions=[
            "Each résumé's name (where the parser found it, outside e-mail addresses and links) is "
            "replaced by each identity's, and pronouns, titles and gendered words by that identity's "
            "gender; the original and every variant are read from text the same way and scored by the "
            "same models.",
            "Probability change: the largest absolute difference of any label's calibrated probability "
            "between a résumé and any of its variants.",
            "Rank: a résumé's position (1 = best fit) among the given résumés by role fit score (ties: "
            "file order); rank change: how far a variant would move it among the unchanged others.",
        ],
    )


def render_markdown(report: CounterfactualReport) -> str:
    """The check as Markdown."""
    verdict = "pass" if report.passed else "FAIL"
    out = [
        "## Counterfactual check: identity swaps",
        "",
        f"Résumés: {report.resumes} (no name found in {report.without_name}; skipped {len(report.skipped)}); "
        f"identities: {len(report.identities)}; role: {report.role or '—'}.  ",
        f"Models: {report.versions.get('background', '—')}, {report.versions.get('aha', '—')}.",
        "",
        f"- **Largest change of any probability: {report.max_probability_change:.4f}** "
        f"(tolerance {report.tolerance}) — {verdict}.",
    ]
    if report.worst is not None:
        w = report.worst
        out.append(
            f"- Where: résumé {w.resume}, identity {w.identity}, label {w.label} "
            f"({w.original:.4f} → {w.swapped:.4f})."
        )
    if report.max_fit_change is not None:
        out.append(f"- Largest change of the fit score: {report.max_fit_change:.4f}.")
        out.append(
            f"- Largest change of rank: {report.max_rank_change} "
            f"({report.rank_changes} of {report.resumes * len(report.identities)} variants moved)."
        )
    out += ["", "| label | max change |", "|---|---|"]
    out += [f"| {label} | {v:.4f} |" for label, v in report.per_label.items()]
    out += ["", "| identity | max change |", "|---|---|"]
    out += [f"| {name} | {v:.4f} |" for name, v in report.per_identity.items()]
    out += ["", "### Definitions", "", *[f"- {d}" for d in report.definitions], ""]
    return "\n".join(out)
