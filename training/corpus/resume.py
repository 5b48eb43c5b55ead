"""The content of a résumé, independent of how it is rendered.

Dates are normalised strings: ``"YYYY-MM"`` (month precision), ``"YYYY"`` (year-only
precision) or, for an end date, ``"present"``; ``None`` when the résumé gives none.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Lang = Literal["en", "zh"]


@dataclass(frozen=True, slots=True)
class Position:
    """One job: title, employer, optional location and dates, and its bullet points."""

    title: str
    employer: str
    location: str | None
    start: str | None
    end: str | None
    bullets: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Education:
    """One degree or diploma with its institution, optional dates and notes."""

    degree: str
    field: str | None
    institution: str
    location: str | None
    start: str | None
    end: str | None
    notes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Resume:
    """A whole résumé: identity and contact header, career, education and optional sections.

    ``positions`` are in reverse-chronological order (most recent first);
    ``languages`` holds ``(language, proficiency)`` pairs.
    """

    lang: Lang
    name: str
    headline: str
    email: str
    phone: str
    location: str
    links: tuple[str, ...]
    summary: str
    positions: tuple[Position, ...]
    education: tuple[Education, ...]
    skills: tuple[str, ...]
    certifications: tuple[str, ...]
    languages: tuple[tuple[str, str], ...]
    awards: tuple[str, ...]
    projects: tuple[str, ...]
    publications: tuple[str, ...]
