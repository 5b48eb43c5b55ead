"""Careers as trajectories of facts, sampled from realistic transitions between functions.

A :class:`Career` holds only *abstract* facts (function, employer kind, level, dates, country
slot, events such as a launch or a merger): everything the labels depend on, and nothing about
how the résumé is worded, which names are printed or which language it is written in. The
labels (:mod:`training.corpus.labels`) are a pure function of a career; wording
(:mod:`training.corpus.wording`) turns it into printed sentences.

Months are counted as ``year * 12 + month - 1``.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Literal

from training.corpus.catalogue import EMPLOYER_KINDS, FUNCTIONS, Function

NOW_MONTH = 2025 * 12 + 5  # June 2025: a fixed "today" keeps the output independent of the day

#: Job events that are AHA evidence, by the label and strength they support.
ADAPTABLE_STRONG = ("multinational_team", "merger", "reorganisation", "migration", "crisis", "market_launch")
ADAPTABLE_MODERATE = ("cross_functional", "learned_fast")
HIGH_POTENTIAL_STRONG = ("scope_growth", "top_ranked", "selective_programme")
HIGH_POTENTIAL_MODERATE = ("peer_rank", "early_responsibility")
AMBITIOUS_STRONG = ("product_launch", "market_launch", "initiative", "stretch_target")
AMBITIOUS_MODERATE = ("leads_programme", "mentoring", "volunteered_harder")
EVENT_KINDS = tuple(
    dict.fromkeys(
        ADAPTABLE_STRONG
        + ADAPTABLE_MODERATE
        + HIGH_POTENTIAL_STRONG
        + HIGH_POTENTIAL_MODERATE
        + AMBITIOUS_STRONG
        + AMBITIOUS_MODERATE
    )
)
# Probability per job of each event (before the per-job cap).
_EVENT_RATES: dict[str, float] = {
    "multinational_team": 0.035,
    "merger": 0.015,
    "reorganisation": 0.015,
    "migration": 0.02,
    "crisis": 0.012,
    "market_launch": 0.015,
    "cross_functional": 0.05,
    "learned_fast": 0.035,
    "scope_growth": 0.03,
    "top_ranked": 0.025,
    "selective_programme": 0.012,
    "peer_rank": 0.035,
    "early_responsibility": 0.03,
    "product_launch": 0.03,
    "initiative": 0.03,
    "stretch_target": 0.04,
    "leads_programme": 0.04,
    "mentoring": 0.05,
    "volunteered_harder": 0.025,
}

Level = Literal[0, 1, 2, 3]
DegreeLevel = Literal["diploma", "associate", "bachelor", "master", "phd"]
LanguageLevel = Literal["native", "fluent", "professional", "intermediate", "basic"]
WORKING_LEVELS: tuple[LanguageLevel, ...] = ("native", "fluent", "professional")

# Start families: most real résumés belong to none of the three.
_START_FAMILY = (("none", 43), ("tradfi", 26), ("web2", 18), ("web3", 13))
_NONE_WEIGHTS = {
    "nursing": 5,
    "teaching": 6,
    "chef": 5,
    "hospitality": 4,
    "retail": 5,
    "hr": 5,
    "sales": 6,
    "operations": 4,
    "it_support": 8,
    "sysadmin": 7,
    "graphic_design": 6,
    "interior_design": 4,
    "fashion_design": 4,
    "construction": 4,
    "engineering": 4,
    "admin": 5,
    "customer_service": 4,
    "media_production": 4,
    "public_relations": 3,
    "legal": 3,
    "fitness": 3,
    "aviation": 3,
    "agriculture": 2,
    "consulting": 3,
    "business_analyst": 3,
    "project_manager": 3,
    "purchasing": 3,
    "real_estate": 2,
    "medical_assistant": 3,
    "mechanic": 2,
    "social_work": 3,
    "events": 2,
    "marketing": 3,
}
# Start weights within tradfi and web2: the careers real résumés show most (accountants, bookkeepers,
# tellers, analysts; corporate developers, web developers, digital marketing and media). Others: 1.
_FAMILY_WEIGHTS = {
    "accounting": 4,
    "bookkeeping": 3,
    "fin_analysis": 3,
    "retail_banking": 3,
    "audit": 2,
    "bank_ops": 2,
    "mortgage": 2,
    "credit": 2,
    "relationship": 2,
    "compliance": 2,
    "insurance": 2,
    "backend": 2,
    "product": 2,
    "data": 2,
    "growth": 2,
    "web_dev": 3,
    "app_dev": 3,
    "it_pm": 2,
    "social_media": 3,
    "ecommerce": 2,
    "seo_sem": 2,
    "digital_media": 3,
}


@dataclass(frozen=True, slots=True)
class Job:
    """One position: what, where, at which level, when, and what happened there.

    ``country`` is a slot (0 is the first country worked in), so that wording can choose
    actual places per language without touching the labels. ``context`` says whether a
    sentence describing the employer's industry is printed; ``promotion_stated`` whether the
    promotion is spelled out (otherwise it shows only as two titles at the same employer).
    """

    function: str
    employer_kind: str
    level: Level
    start: int
    end: int | None
    country: int
    same_employer: bool = False
    promoted: bool = False
    promotion_stated: bool = False
    founded: bool = False
    failed: bool = False
    part_time: bool = False
    internship: bool = False
    context: bool = False
    gap_before: int = 0
    events: tuple[str, ...] = ()

    @property
    def months(self) -> int:
        """Length of the job in months (to today when current)."""
        return (NOW_MONTH if self.end is None else self.end) - self.start

    @property
    def spec(self) -> Function:
        """The job's :class:`~training.corpus.catalogue.Function`."""
        return FUNCTIONS[self.function]


@dataclass(frozen=True, slots=True)
class Degree:
    """A degree; ``end_year`` is ``None`` while in progress; ``while_working`` for a part-time degree."""

    level: DegreeLevel
    function: str
    start_year: int
    end_year: int | None
    while_working: bool = False
    honours: str | None = None


@dataclass(frozen=True, slots=True)
class Certification:
    """A certification from a function's pool; ``year`` printed when known; ``in_progress`` if pursued."""

    function: str
    index: int
    year: int | None
    in_progress: bool = False


@dataclass(frozen=True, slots=True)
class Award:
    """``kind`` is ``"competitive"`` (a hackathon, pitch or case competition won) or ``"distinction"``."""

    kind: Literal["competitive", "distinction"]
    year: int


@dataclass(frozen=True, slots=True)
class Language:
    """A language spoken and how well."""

    name: str
    level: LanguageLevel


@dataclass(frozen=True, slots=True)
class Project:
    """A project outside the jobs: ``side_project`` and ``open_source`` count, ``volunteer`` does not."""

    kind: Literal["side_project", "open_source", "volunteer"]


@dataclass(frozen=True, slots=True)
class Career:
    """A whole trajectory: jobs oldest first, and the facts outside the jobs."""

    jobs: tuple[Job, ...]
    degrees: tuple[Degree, ...] = ()
    certifications: tuple[Certification, ...] = ()
    awards: tuple[Award, ...] = ()
    languages: tuple[Language, ...] = ()
    projects: tuple[Project, ...] = ()
    move_stated: bool = False
    countries: int = field(default=1)


def _pick(rng: random.Random, weighted: tuple[tuple[str, int], ...] | list[tuple[str, int]]) -> str:
    keys = [k for k, _ in weighted]
    return rng.choices(keys, [w for _, w in weighted])[0]


def _start_function(rng: random.Random) -> str:
    family = _pick(rng, _START_FAMILY)
    if family == "none":
        return _pick(rng, list(_NONE_WEIGHTS.items()))
    keys = [f.key for f in FUNCTIONS.values() if f.family == family]
    return rng.choices(keys, [_FAMILY_WEIGHTS.get(k, 1) for k in keys])[0]


_LEVELS: tuple[Level, ...] = (0, 1, 2, 3)


def _clip(level: int) -> Level:
    return _LEVELS[max(0, min(3, level))]


def _needs_context(function: str, kind: str, previous: Job | None) -> bool:
    """An industry sentence is printed whenever a label depends on the employer's industry."""
    employer_family = EMPLOYER_KINDS[kind].family
    if employer_family is not None and employer_family != FUNCTIONS[function].family:
        return True
    if previous is None:
        return False
    industry_changed = EMPLOYER_KINDS[previous.employer_kind].industry != EMPLOYER_KINDS[kind].industry
    return industry_changed and FUNCTIONS[previous.function].group == FUNCTIONS[function].group


def _events(rng: random.Random, room: int, level: int) -> tuple[str, ...]:
    found = [kind for kind, rate in _EVENT_RATES.items() if rng.random() < rate * (0.6 + 0.3 * level)]
    rng.shuffle(found)
    return tuple(found[: min(2, room)])


def sample_career(rng: random.Random) -> Career:
    """Draw one career trajectory with its education, certifications and other facts.

    Args:
        rng: the career stream; the result is a pure function of its state.

    Returns:
        A :class:`Career` with 1-6 jobs, oldest first, ending at or before the fixed today.
    """
    n_jobs = rng.choices((1, 2, 3, 4, 5, 6), weights=(10, 22, 26, 20, 14, 8))[0]
    mobile = rng.random() < 0.16
    durations = [rng.randint(8, 48) for _ in range(n_jobs)]
    gaps = [
        rng.randint(3, 18) if i and rng.random() < 0.1 else rng.choice((0, 0, 0, 1, 2)) for i in range(n_jobs)
    ]
    current = rng.random() < 0.75
    cursor = NOW_MONTH - (0 if current else rng.randint(1, 10)) - sum(durations) - sum(gaps[1:])
    jobs: list[Job] = []
    country, countries = 0, 1
    function = _start_function(rng)
    for i in range(n_jobs):
        prev = jobs[-1] if jobs else None
        cursor += gaps[i] if i else 0
        start = cursor
        length = durations[i]
        same_employer = promoted = founded = failed = internship = False
        if prev is None:
            kind = _pick(rng, FUNCTIONS[function].employers)
            level = _clip(rng.choice((0, 0, 0, 1)))
            internship = n_jobs > 1 and rng.random() < 0.12
            if internship:
                length = rng.choice((2, 3, 4, 6))
        else:
            roll = rng.random()
            can_promote = not prev.founded and not prev.internship and prev.level < 3
            if roll < 0.16 and can_promote:
                kind, level, same_employer, promoted = prev.employer_kind, _clip(prev.level + 1), True, True
            elif roll < 0.22:
                if rng.random() < 0.5:
                    function = (
                        _pick(rng, FUNCTIONS[function].moves) if FUNCTIONS[function].moves else function
                    )
                kind = _pick(rng, FUNCTIONS[function].employers)
                level, founded, failed = 3, True, rng.random() < 0.45
            elif roll < 0.45:
                moves = FUNCTIONS[function].moves
                function = _pick(rng, moves) if moves and rng.random() < 0.75 else _start_function(rng)
                kind = _pick(rng, FUNCTIONS[function].employers)
                level = _clip(prev.level + rng.choice((-1, 0, 0, 1)) if not prev.internship else 0)
            else:
                kind = _pick(rng, FUNCTIONS[function].employers)
                level = _clip(prev.level + rng.choice((0, 0, 1)) if not prev.founded else prev.level - 1)
            if mobile and not same_employer and countries < 3 and rng.random() < 0.5:
                country, countries = countries, countries + 1
            elif mobile and not same_employer and countries > 1 and rng.random() < 0.2:
                country = rng.randrange(countries)
        cursor = start + length
        end = None if i == n_jobs - 1 and current else cursor
        context = founded or _needs_context(function, kind, prev) or rng.random() < 0.3
        part_time = not (founded or internship) and rng.random() < 0.06
        room = 3 - int(context) - int(promoted)
        events = () if internship else _events(rng, room, level)
        jobs.append(
            Job(
                function=function,
                employer_kind=kind,
                level=level,
                start=start,
                end=end,
                country=country,
                same_employer=same_employer,
                promoted=promoted,
                promotion_stated=promoted and rng.random() < 0.55,
                founded=founded,
                failed=failed,
                part_time=part_time,
                internship=internship,
                context=context,
                gap_before=gaps[i] if i else 0,
                events=events,
            )
        )
    first_year = jobs[0].start // 12
    return Career(
        jobs=tuple(jobs),
        degrees=_degrees(rng, jobs[0].function, first_year),
        certifications=_certifications(rng, jobs, first_year),
        awards=_awards(rng, first_year),
        languages=_languages(rng),
        projects=_projects(rng),
        move_stated=rng.random() < 0.5,
        countries=countries,
    )


def _degrees(rng: random.Random, function: str, first_year: int) -> tuple[Degree, ...]:
    n = rng.choices((0, 1, 2), weights=(8, 62, 30))[0]
    if not n:
        return ()
    now_year = NOW_MONTH // 12
    end = first_year - rng.choice((0, 0, 1))
    first: DegreeLevel = rng.choices(("bachelor", "associate", "diploma"), weights=(80, 12, 8))[0]
    length = 4 if first == "bachelor" else 2
    honours = rng.choice(("scholarship", "first_class", "dean", "summa")) if rng.random() < 0.1 else None
    if n == 1:
        return (Degree(first, function, end - length, end, honours=honours),)
    level: DegreeLevel = "phd" if rng.random() < 0.08 else "master"
    if rng.random() < 0.35:  # a later degree, part-time while working, finished or still running
        start_year = min(first_year + rng.randint(1, 6), now_year - 1)
        end_year = None if rng.random() < 0.3 else min(now_year, start_year + 2)
        later = Degree(level, function, start_year, end_year, while_working=True)
        return (later, Degree(first, function, end - length, end, honours=honours))
    gap = rng.choice((1, 2))
    return (
        Degree(level, function, end - gap, end),
        Degree(first, function, end - gap - length, end - gap, honours=honours),
    )


def _certifications(rng: random.Random, jobs: list[Job], first_year: int) -> tuple[Certification, ...]:
    out: list[Certification] = []
    functions = list(dict.fromkeys(j.function for j in jobs))
    for _ in range(rng.choices((0, 1, 2, 3), weights=(45, 30, 17, 8))[0]):
        fn = rng.choice(functions)
        index = rng.randrange(len(FUNCTIONS[fn].certs))
        if any(c.function == fn and c.index == index for c in out):
            continue
        year = rng.randint(first_year - 1, NOW_MONTH // 12) if rng.random() < 0.6 else None
        out.append(Certification(fn, index, year))
    if rng.random() < 0.07:
        fn = rng.choice(functions)
        out.append(Certification(fn, rng.randrange(len(FUNCTIONS[fn].certs)), None, in_progress=True))
    return tuple(out)


def _awards(rng: random.Random, first_year: int) -> tuple[Award, ...]:
    out: list[Award] = []
    now_year = NOW_MONTH // 12
    if rng.random() < 0.1:
        out.append(Award("distinction", rng.randint(min(first_year, now_year), now_year)))
    if rng.random() < 0.06:
        out.append(Award("competitive", rng.randint(min(first_year - 2, now_year), now_year)))
    return tuple(out)


_LANGUAGE_NAMES = (
    "English",
    "Spanish",
    "Mandarin",
    "French",
    "Arabic",
    "Hindi",
    "Cantonese",
    "German",
    "Portuguese",
    "Malay",
    "Tagalog",
    "Japanese",
    "Korean",
    "Russian",
)


def _languages(rng: random.Random) -> tuple[Language, ...]:
    n = rng.choices((0, 1, 2, 3), weights=(40, 20, 28, 12))[0]
    names = rng.sample(_LANGUAGE_NAMES[1:], max(0, n - 1))
    out = [Language("English", "native" if rng.random() < 0.6 else "fluent")] if n else []
    for name in names:
        level: LanguageLevel = rng.choices(
            ("native", "fluent", "professional", "intermediate", "basic"), weights=(15, 25, 20, 20, 20)
        )[0]
        out.append(Language(name, level))
    return tuple(out)


def _projects(rng: random.Random) -> tuple[Project, ...]:
    out: list[Project] = []
    if rng.random() < 0.1:
        out.append(Project("side_project"))
    if rng.random() < 0.05:
        out.append(Project("open_source"))
    if rng.random() < 0.1:
        out.append(Project("volunteer"))
    return tuple(out)
