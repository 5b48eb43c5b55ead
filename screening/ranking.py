"""Role profiles, the fit score of a candidate for a role, and the ranking of candidates.

A role profile (``data/roles/<id>.yaml``, documented in ``data/roles/README.md``) names the
backgrounds and AHA signals a role looks for, its must-have and nice-to-have skills (taxonomy
entries) and the weights of the four components of the fit score:

==================  ==================================================================
component           value (each in [0, 1])
==================  ==================================================================
``background``      weighted mean of the ``tradfi``/``web2``/``web3`` probabilities,
                    weighted by the role's ``backgrounds``
``aha``             weighted mean of the ``adaptable``/``high_potential``/``ambitious``
                    probabilities, weighted by the role's ``aha``
``must_have``       share of the role's must-have skills found in the résumé
``nice_to_have``    share of the role's nice-to-have skills found in the résumé
==================  ==================================================================

Each component contributes ``contribution = weight * value`` and the score is the sum of the
four contributions, computed as ``sum(c.contribution for c in components)`` so that the
output's identity ``score == sum(contributions)`` holds exactly. Values are rounded to
:data:`VALUE_DIGITS` decimals before the product (so that the last bits of the models'
floating-point arithmetic never show). Component weights must sum to 1 (within
:data:`WEIGHT_TOLERANCE`, so that a typo is an error rather than silently rescaled); they are
then divided by their sum, which keeps the score within [0, 1].

A skill is found when the parser located its taxonomy entry (by name or any alias) in the
résumé text (:attr:`ParsedResume.skills`). Its evidence is up to
:data:`MAX_SPANS_PER_SKILL` occurrences, quoted exactly; an occurrence overlapping any
personal-data span (:attr:`ParsedResume.pii`) is never quoted nor counted.

The fit is advice for a recruiter: nothing here rejects a candidate.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Annotated, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from screening.lexicons import Taxonomy, load_taxonomy
from screening.parsing.model import ParsedResume
from screening.schema import CandidateResult, Fit, FitComponent, MustHave, SkillEvidence, SpanRef

#: The fit score's components, in output order.
COMPONENTS: tuple[str, ...] = ("background", "aha", "must_have", "nice_to_have")
#: How far the component weights of a role file may sum from 1.
WEIGHT_TOLERANCE = 1e-9
#: Decimals of a component's value.
VALUE_DIGITS = 6
#: Occurrences quoted per found skill (the earliest in the text).
MAX_SPANS_PER_SKILL = 3
#: Order of the unranked rows after the ranked ones.
_UNRANKED_ORDER = {"needs_review": 0, "error": 1}

Family = Literal["tradfi", "web2", "web3"]
AhaSignal = Literal["adaptable", "high_potential", "ambitious"]
Weight = Annotated[float, Field(strict=True, ge=0.0, allow_inf_nan=False)]
SkillName = Annotated[str, Field(min_length=1)]


class RoleError(ValueError):
    """A role file is missing, malformed, or names a skill the taxonomy does not know."""


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class ComponentWeights(_Frozen):
    """Weights of the fit score's components: non-negative, summing to 1 (± 1e-9)."""

    background: Weight
    aha: Weight
    must_have: Weight
    nice_to_have: Weight

    @model_validator(mode="after")
    def _sum_to_one(self) -> ComponentWeights:
        total = sum(self.as_tuple())
        if abs(total - 1.0) > WEIGHT_TOLERANCE:
            raise ValueError(f"component weights must sum to 1, they sum to {total!r}")
        return self

    def as_tuple(self) -> tuple[float, float, float, float]:
        """The weights in :data:`COMPONENTS` order."""
        return (self.background, self.aha, self.must_have, self.nice_to_have)


def _normalised(weights: ComponentWeights) -> ComponentWeights:
    """The weights divided by their sum, nudged down by an ulp where rounding left the sum above 1.

    With every value in [0, 1], each ``weight * value`` is at most its weight, so the score
    (their sum) cannot exceed the sum of the weights, which this makes at most 1.
    """
    raw = weights.as_tuple()
    total = sum(raw)
    scaled = [w / total for w in raw]
    while sum(scaled) > 1.0:
        i = max(range(len(scaled)), key=scaled.__getitem__)
        scaled[i] = math.nextafter(scaled[i], 0.0)
    background, aha, must_have, nice_to_have = scaled
    return ComponentWeights.model_construct(
        background=background, aha=aha, must_have=must_have, nice_to_have=nice_to_have
    )


class RoleProfile(_Frozen):
    """One role: what it looks for and how the fit score weighs it.

    ``must_have`` and ``nice_to_have`` hold taxonomy names or aliases; :func:`load_roles`
    returns them resolved to canonical names. ``weights`` are stored normalised (see the
    module docstring).
    """

    id: str = Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", description="file name stem, kebab-case")
    title: str = Field(min_length=1)
    description: str = Field(min_length=1)
    backgrounds: dict[Family, Weight] = Field(description="weight of each target background family")
    aha: dict[AhaSignal, Weight] = Field(description="weight of each AHA signal")
    must_have: tuple[SkillName, ...] = ()
    nice_to_have: tuple[SkillName, ...] = ()
    weights: ComponentWeights

    @field_validator("weights")
    @classmethod
    def _normalise(cls, weights: ComponentWeights) -> ComponentWeights:
        return _normalised(weights)

    @model_validator(mode="after")
    def _consistent(self) -> RoleProfile:
        for component, parts in (("background", self.backgrounds), ("aha", self.aha)):
            if getattr(self.weights, component) > 0 and not any(w > 0 for w in parts.values()):
                raise ValueError(f"weights.{component} is positive but every {component} weight is 0")
        for component, skills in (("must_have", self.must_have), ("nice_to_have", self.nice_to_have)):
            if getattr(self.weights, component) > 0 and not skills:
                raise ValueError(f"weights.{component} is positive but the role lists no {component} skill")
        _check_distinct(self.must_have, self.nice_to_have)
        return self


def _check_distinct(must_have: Sequence[str], nice_to_have: Sequence[str]) -> None:
    seen: dict[str, str] = {}
    for field, skills in (("must_have", must_have), ("nice_to_have", nice_to_have)):
        for skill in skills:
            key = skill.casefold()
            if key in seen:
                raise ValueError(f"skill {skill!r} is listed twice ({seen[key]} and {field})")
            seen[key] = field


# --- skills through the taxonomy -------------------------------------------------------------


def _skill_index(taxonomy: Taxonomy) -> tuple[frozenset[str], dict[str, str]]:
    """Canonical names, and every name and alias case-folded -> canonical name.

    The taxonomy keeps every case-folded phrase unique across its files (its README), so
    the case-insensitive lookup is unambiguous. Cached by the taxonomy's version (a digest
    of its files): hashing the taxonomy itself cost half a millisecond per scored résumé.
    """
    return _skill_index_of(taxonomy.version, taxonomy)


_INDEXES: dict[str, tuple[frozenset[str], dict[str, str]]] = {}


def _skill_index_of(version: str, taxonomy: Taxonomy) -> tuple[frozenset[str], dict[str, str]]:
    found = _INDEXES.get(version)
    if found is not None:
        return found
    by_phrase: dict[str, str] = {}
    for entry in taxonomy.entries:
        for phrase in entry.phrases:
            by_phrase.setdefault(phrase.casefold(), entry.name)
    index = (frozenset(e.name for e in taxonomy.entries), by_phrase)
    _INDEXES[version] = index
    return index


def canonical_skill(skill: str, taxonomy: Taxonomy) -> str | None:
    """The canonical taxonomy name of ``skill`` (a name or alias, any case), or None."""
    return _canonical(skill, _skill_index(taxonomy))


def _canonical(skill: str, index: tuple[frozenset[str], dict[str, str]]) -> str | None:
    names, by_phrase = index
    if skill in names:
        return skill
    return by_phrase.get(skill.strip().casefold())


def resolve_role(role: RoleProfile, taxonomy: Taxonomy) -> RoleProfile:
    """A copy of ``role`` whose skills are canonical taxonomy names.

    Raises:
        RoleError: a skill is neither a taxonomy name nor an alias, or two listed skills are
            the same entry.
    """
    index = _skill_index(taxonomy)  # hashing the taxonomy costs ~0.2 ms: once per role
    resolved: dict[str, tuple[str, ...]] = {}
    for field in ("must_have", "nice_to_have"):
        names: list[str] = []
        for skill in getattr(role, field):
            name = _canonical(skill, index)
            if name is None:
                raise RoleError(
                    f"role {role.id!r}: unknown skill {skill!r} in {field}: "
                    "not a name or alias of the taxonomy (data/taxonomy/*.csv)"
                )
            names.append(name)
        resolved[field] = tuple(names)
    try:
        _check_distinct(resolved["must_have"], resolved["nice_to_have"])
    except ValueError as exc:
        raise RoleError(f"role {role.id!r}: {exc} (after resolving aliases)") from None
    return role.model_copy(update=resolved)


# --- role files --------------------------------------------------------------------------------


def _describe(exc: ValidationError) -> str:
    parts = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err["loc"])
        parts.append(f"{where}: {err['msg']}" if where else str(err["msg"]))
    return "; ".join(parts)


def read_role(path: Path, taxonomy: Taxonomy) -> RoleProfile:
    """Read and validate one role file, its skills resolved to canonical taxonomy names.

    Raises:
        RoleError: the file cannot be read, is not valid YAML, fails validation, its ``id``
            is not its file name, or it names an unknown skill (the message names the file).
    """
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise RoleError(f"{path}: cannot read the role file: {exc}") from None
    if not isinstance(raw, dict):
        raise RoleError(f"{path}: expected a mapping of role fields, got {type(raw).__name__}")
    try:
        role = RoleProfile.model_validate(raw)
    except ValidationError as exc:
        raise RoleError(f"{path}: {_describe(exc)}") from None
    if role.id != path.stem:
        raise RoleError(f"{path}: id {role.id!r} differs from the file name {path.stem!r}")
    try:
        return resolve_role(role, taxonomy)
    except RoleError as exc:
        raise RoleError(f"{path}: {exc}") from None


@cache
def _role_files(data_dir: Path) -> tuple[RoleProfile, ...]:
    folder = data_dir / "roles"
    paths = sorted(folder.glob("*.yaml"))
    if not paths:
        raise RoleError(f"no role files (*.yaml) in {folder}")
    taxonomy = load_taxonomy(data_dir)
    return tuple(read_role(p, taxonomy) for p in paths)


def load_roles(data_dir: Path) -> dict[str, RoleProfile]:
    """Every role of ``data_dir/roles/*.yaml`` by id, skills resolved through the taxonomy.

    Files are read once per data directory and cached; each call returns a new dict of the
    same (immutable) profiles.

    Raises:
        RoleError: no role file, or a file is invalid (see :func:`read_role`).
        LexiconError: the taxonomy cannot be read.
    """
    return {role.id: role for role in _role_files(data_dir)}


# --- the fit score -------------------------------------------------------------------------------


def _probability(probabilities: Mapping[str, float], label: str) -> float:
    if label not in probabilities:
        raise ValueError(f"no probability for {label!r}")
    p = probabilities[label]
    if isinstance(p, bool) or not isinstance(p, int | float) or not 0.0 <= p <= 1.0:
        raise ValueError(f"probability of {label!r} must be a number in [0, 1], got {p!r}")
    return float(p)


def _weighted_mean(weights: Iterable[tuple[str, float]], probabilities: Mapping[str, float]) -> float:
    """Mean of the probabilities of the labels with a positive weight, weighted; 0 when none."""
    used = [(w, _probability(probabilities, label)) for label, w in sorted(weights) if w > 0]
    total = sum(w for w, _ in used)
    if not total:
        return 0.0
    return sum(w * p for w, p in used) / total


def _value(x: float) -> float:
    return min(1.0, max(0.0, round(x, VALUE_DIGITS)))


def _overlaps(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(start < s_end and s_start < end for s_start, s_end in spans)


def _occurrences(parsed: ParsedResume) -> dict[str, list[tuple[int, int]]]:
    """Canonical skill name -> its distinct located occurrences outside personal data, in order."""
    pii = [(p.start, p.end) for p in parsed.pii]
    found: dict[str, set[tuple[int, int]]] = {}
    for skill in parsed.skills:
        if skill.end > skill.start and not _overlaps(skill.start, skill.end, pii):
            found.setdefault(skill.name, set()).add((skill.start, skill.end))
    return {name: sorted(spans) for name, spans in found.items()}


def _check_skills(
    skills: Sequence[str], occurrences: Mapping[str, list[tuple[int, int]]], parsed: ParsedResume
) -> MustHave:
    met: list[SkillEvidence] = []
    missing: list[str] = []
    for skill in skills:
        spans = occurrences.get(skill)
        if not spans:
            missing.append(skill)
            continue
        evidence = [
            SpanRef(text=parsed.text[start:end], start=start, end=end, page=parsed.page_of(start))
            for start, end in spans[:MAX_SPANS_PER_SKILL]
        ]
        met.append(SkillEvidence(skill=skill, evidence=evidence))
    return MustHave(met=met, missing=missing)


def _share(check: MustHave) -> float:
    listed = len(check.met) + len(check.missing)
    return len(check.met) / listed if listed else 0.0


def fit_role(
    role: RoleProfile, probabilities: Mapping[str, float], parsed: ParsedResume, taxonomy: Taxonomy
) -> Fit:
    """How well a scored résumé fits ``role`` (formula in the module docstring).

    Args:
        role: the role profile (its skills may be names or aliases; they are resolved).
        probabilities: calibrated probability per label; every label the role weighs
            positively is needed.
        parsed: the parsed résumé the probabilities were computed from.
        taxonomy: the taxonomy the résumé was parsed with.

    Returns:
        The fit: score, its four components, and the must-have and nice-to-have skills met
        (with quoted evidence) and missing (canonical names). ``nice_to_have`` is None when
        the role lists none.

    Raises:
        RoleError: a role skill is not in ``taxonomy``.
        ValueError: a needed probability is missing or not in [0, 1].
    """
    role = resolve_role(role, taxonomy)
    occurrences = _occurrences(parsed)
    must_have = _check_skills(role.must_have, occurrences, parsed)
    nice_to_have = _check_skills(role.nice_to_have, occurrences, parsed)
    values = (
        _value(_weighted_mean(role.backgrounds.items(), probabilities)),
        _value(_weighted_mean(role.aha.items(), probabilities)),
        _value(_share(must_have)),
        _value(_share(nice_to_have)),
    )
    components = [
        FitComponent(name=name, weight=weight, value=value, contribution=weight * value)
        for name, weight, value in zip(COMPONENTS, role.weights.as_tuple(), values, strict=True)
    ]
    return Fit(
        role=role.id,
        score=sum(c.contribution for c in components),
        components=components,
        must_have=must_have,
        nice_to_have=nice_to_have if role.nice_to_have else None,
    )


# --- ranking -----------------------------------------------------------------------------------------


def _tie_break(result: CandidateResult) -> tuple[bool, str, bool, str]:
    return (result.sha256 is None, result.sha256 or "", result.file is None, result.file or "")


def _ranked_key(result: CandidateResult) -> tuple[float, tuple[bool, str, bool, str]]:
    score = result.fit.score if result.fit is not None else 0.0  # rank() refuses a missing fit
    return (-score, _tie_break(result))


def rank(results: Sequence[CandidateResult]) -> list[CandidateResult]:
    """Order candidates for a role: scored ones by fit score, best first, then the rest.

    Equal scores are ordered by SHA-256, then file name, so the order never depends on the
    input's. ``needs_review`` rows follow the scored ones, then ``error`` rows, each in the
    same tie-break order. Returns copies: scored rows get their 1-based ``rank``, the others
    ``rank=None``.

    Raises:
        ValueError: a scored result has no fit (scored without a role), or the results were
            scored for different roles.
    """
    scored = [r for r in results if r.status == "scored"]
    for r in scored:
        if r.fit is None:
            raise ValueError(f"cannot rank {r.file or r.sha256!r}: it was scored without a role")
    roles = sorted({r.fit.role for r in scored if r.fit is not None})
    if len(roles) > 1:
        raise ValueError(f"cannot rank results scored for different roles: {roles}")
    ranked = sorted(scored, key=_ranked_key)
    others = sorted(
        (r for r in results if r.status != "scored"),
        key=lambda r: (_UNRANKED_ORDER.get(r.status, len(_UNRANKED_ORDER)), _tie_break(r)),
    )
    return [r.model_copy(update={"rank": i}) for i, r in enumerate(ranked, start=1)] + [
        r.model_copy(update={"rank": None}) for r in others
    ]
