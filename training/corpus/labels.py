"""The labelling guide, applied literally to a :class:`~training.corpus.career.Career`.

Background families come from *work* only: a job, an internship of substance (three months or
more) or a founded venture, through what the job was (its function) or where it was (its
employer's industry). Courses, interests, skills lists and adjectives never count. Each AHA
label is 1 when the career holds at least one strong item or two moderate items; every item
is a stated fact (a move, a promotion, an event, a dated certification...), never years of
experience, age or self-description.

Each label comes with the :class:`Reason` items that justified it; a reason names the facts
(:class:`FactRef`) whose printed sentences are the label's evidence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from training.corpus.career import (
    ADAPTABLE_MODERATE,
    ADAPTABLE_STRONG,
    AMBITIOUS_MODERATE,
    AMBITIOUS_STRONG,
    HIGH_POTENTIAL_MODERATE,
    HIGH_POTENTIAL_STRONG,
    WORKING_LEVELS,
    Career,
    Job,
)
from training.corpus.catalogue import EMPLOYER_KINDS, FAMILIES, FUNCTIONS, Family

AHA_LABELS = ("adaptable", "high_potential", "ambitious")
Strength = Literal["strong", "moderate", "work"]
#: Kinds of printed fact a reason can point to.
RefKind = Literal[
    "title",
    "context",
    "promotion",
    "location",
    "event",
    "move",
    "degree",
    "cert",
    "award",
    "language",
    "project",
]
MIN_INTERNSHIP_MONTHS = 3


@dataclass(frozen=True, slots=True)
class FactRef:
    """A printed fact: ``kind`` and the index of the job (or degree, certification...) it belongs to.

    ``sub`` is the event's index within its job for ``kind == "event"``, else 0.
    """

    kind: RefKind
    index: int
    sub: int = 0


@dataclass(frozen=True, slots=True)
class Reason:
    """One item of evidence for a label: what it is, how strong, and the facts that show it."""

    item: str
    strength: Strength
    refs: tuple[FactRef, ...]


@dataclass(frozen=True, slots=True)
class Labels:
    """The labels of a career and the reasons behind each positive one."""

    background: tuple[Family, ...]
    adaptable: int
    high_potential: int
    ambitious: int
    reasons: dict[str, tuple[Reason, ...]] = field(default_factory=dict)

    def value(self, name: str) -> int:
        """Return the 0/1 value of an AHA label or a family (``"tradfi"``, ``"web2"``, ``"web3"``)."""
        if name in FAMILIES:
            return int(name in self.background)
        if name in AHA_LABELS:
            return int(getattr(self, name))
        raise KeyError(name)


def job_families(job: Job) -> set[Family]:
    """Families a job brings: its function's and its employer's, if the work counts at all."""
    if job.internship and job.months < MIN_INTERNSHIP_MONTHS:
        return set()
    found: set[Family] = set()
    function_family = FUNCTIONS[job.function].family
    employer_family = EMPLOYER_KINDS[job.employer_kind].family
    if function_family is not None:
        found.add(function_family)
    if employer_family is not None:
        found.add(employer_family)
    return found


def _background(career: Career) -> tuple[tuple[Family, ...], dict[str, tuple[Reason, ...]]]:
    reasons: dict[str, list[Reason]] = {}
    for i, job in enumerate(career.jobs):
        for family in sorted(job_families(job)):
            refs = [FactRef("title", i)]
            if EMPLOYER_KINDS[job.employer_kind].family == family and job.context:
                refs.append(FactRef("context", i))
            reasons.setdefault(family, []).append(Reason("work", "work", tuple(refs)))
    families = tuple(f for f in FAMILIES if f in reasons)
    return families, {k: tuple(v) for k, v in reasons.items()}


def _industry(job: Job) -> str:
    return EMPLOYER_KINDS[job.employer_kind].industry


def qualifying_moves(career: Career) -> list[int]:
    """Indices of jobs entered by a move to another industry or function that kept or grew responsibility.

    Short or part-time jobs, internships and promotions at the same employer are not such moves.
    """
    out: list[int] = []
    jobs = career.jobs
    for i in range(1, len(jobs)):
        prev, job = jobs[i - 1], jobs[i]
        if prev.internship or job.internship or job.part_time or job.same_employer:
            continue
        distinct = (
            _industry(prev) != _industry(job)
            or FUNCTIONS[prev.function].group != FUNCTIONS[job.function].group
        )
        kept = job.level >= max(1, prev.level)
        lasted = job.end is None or job.months >= 12
        if distinct and kept and lasted:
            out.append(i)
    return out


def _moves(career: Career) -> list[Reason]:
    out: list[Reason] = []
    for i in qualifying_moves(career):
        refs = [FactRef("title", i - 1), FactRef("title", i)]
        if career.jobs[i].context:
            refs.append(FactRef("context", i))
        if career.move_stated:
            refs.append(FactRef("move", i))
        out.append(Reason("cross_move", "strong", tuple(refs)))
    return out


def _countries(career: Career) -> list[Reason]:
    slots = {job.country for job in career.jobs}
    if len(slots) < 2:
        return []
    firsts: dict[int, int] = {}
    for i, job in enumerate(career.jobs):
        firsts.setdefault(job.country, i)
    return [Reason("countries", "strong", tuple(FactRef("location", i) for i in sorted(firsts.values())))]


def _events(career: Career, kinds: tuple[str, ...], strength: Strength) -> list[Reason]:
    return [
        Reason(event, strength, (FactRef("event", i, j),))
        for i, job in enumerate(career.jobs)
        for j, event in enumerate(job.events)
        if event in kinds
    ]


def _first_work_year(career: Career) -> int:
    working = [j.start for j in career.jobs if not j.internship]
    return min(working or [career.jobs[0].start]) // 12


def _adaptable(career: Career) -> list[Reason]:
    reasons = _moves(career) + _countries(career) + _events(career, ADAPTABLE_STRONG, "strong")
    reasons += _events(career, ADAPTABLE_MODERATE, "moderate")
    working = [i for i, lang in enumerate(career.languages) if lang.level in WORKING_LEVELS]
    if len(working) >= 2:
        refs = tuple(FactRef("language", i) for i in working)
        reasons.append(Reason("languages", "moderate", refs))
    return reasons


def _high_potential(career: Career) -> list[Reason]:
    reasons = [
        Reason("promotion", "strong", (FactRef("title", i - 1), FactRef("title", i), FactRef("promotion", i)))
        for i, job in enumerate(career.jobs)
        if job.promoted
    ]
    reasons += _events(career, HIGH_POTENTIAL_STRONG, "strong")
    reasons += [
        Reason("distinction", "strong", (FactRef("award", i),))
        for i, award in enumerate(career.awards)
        if award.kind == "distinction"
    ]
    reasons += [
        Reason("honours", "strong", (FactRef("degree", i),))
        for i, d in enumerate(career.degrees)
        if d.honours
    ]
    reasons += _events(career, HIGH_POTENTIAL_MODERATE, "moderate")
    first_year = _first_work_year(career)
    reasons += [
        Reason("certified_while_working", "moderate", (FactRef("cert", i),))
        for i, cert in enumerate(career.certifications)
        if not cert.in_progress and cert.year is not None and cert.year > first_year
    ]
    reasons += [
        Reason("degree_while_working", "moderate", (FactRef("degree", i),))
        for i, d in enumerate(career.degrees)
        if d.while_working and d.end_year is not None and d.start_year >= first_year
    ]
    return reasons


def _ambitious(career: Career) -> list[Reason]:
    reasons = [
        Reason("founded", "strong", (FactRef("title", i), FactRef("context", i)))
        for i, job in enumerate(career.jobs)
        if job.founded
    ]
    reasons += _events(career, AMBITIOUS_STRONG, "strong")
    reasons += [
        Reason("competitive_win", "strong", (FactRef("award", i),))
        for i, award in enumerate(career.awards)
        if award.kind == "competitive"
    ]
    reasons += _events(career, AMBITIOUS_MODERATE, "moderate")
    reasons += [
        Reason(p.kind, "moderate", (FactRef("project", i),))
        for i, p in enumerate(career.projects)
        if p.kind in ("side_project", "open_source")
    ]
    reasons += [
        Reason("pursuing_qualification", "moderate", (FactRef("cert", i),))
        for i, cert in enumerate(career.certifications)
        if cert.in_progress
    ]
    reasons += [
        Reason("pursuing_qualification", "moderate", (FactRef("degree", i),))
        for i, d in enumerate(career.degrees)
        if d.end_year is None and d.level in ("master", "phd")
    ]
    return reasons


def _decide(reasons: list[Reason]) -> int:
    strong = sum(r.strength == "strong" for r in reasons)
    moderate = sum(r.strength == "moderate" for r in reasons)
    return int(strong >= 1 or moderate >= 2)


def label_resume(career: Career) -> Labels:
    """Label a career by the labelling guide.

    Args:
        career: the facts of one résumé.

    Returns:
        :class:`Labels`: the background families (from work facts only) and the three AHA labels
        (1 on one strong or two moderate items). ``reasons`` maps each positive label or family to
        the items that justified it; negative AHA labels have no entry.
    """
    background, reasons = _background(career)
    result: dict[str, tuple[Reason, ...]] = dict(reasons)
    values: dict[str, int] = {}
    for name, found in (
        ("adaptable", _adaptable(career)),
        ("high_potential", _high_potential(career)),
        ("ambitious", _ambitious(career)),
    ):
        values[name] = _decide(found)
        if values[name]:
            result[name] = tuple(found)
    return Labels(
        background=background,
        adaptable=values["adaptable"],
        high_potential=values["high_potential"],
        ambitious=values["ambitious"],
        reasons=result,
    )
