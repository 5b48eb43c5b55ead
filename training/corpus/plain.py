"""A :class:`~training.corpus.resume.Resume` as plain text, as a candidate pastes it into a text box.

No layout and no wrapping: name, headline and contact details, then each section under its
heading, one position header per job with its dates on the next line, and bullets as
``"• "`` lines. Headings, dates, degrees, languages and contact details are worded by the
same helpers as the PDF renderer (:mod:`training.corpus.render`), so a Chinese résumé gets
Chinese headings and dates. Every string of the résumé is printed verbatim on one line.
"""

from __future__ import annotations

import random

from training.corpus.render import (
    LANGUAGE_FORMATS,
    DateStyle,
    choose_date_style,
    choose_headings,
    contact_items,
    degree_text,
    format_range,
    languages_text,
    skills_separator,
)
from training.corpus.resume import Education, Position, Resume

__all__ = ["BULLET", "resume_text"]

BULLET = "• "
# Position headers; those marked (loc) print the location, the others put it on the dates line.
_PATTERNS_EN = (
    "title_dash",  # Title — Employer — Location (loc)
    "title_dash",
    "title_comma",  # Title, Employer, Location (loc)
    "pipes",  # Title | Employer | Location (loc)
    "title_at",  # Title at Employer
    "stacked",  # Title / Employer, Location (loc)
    "employer_dash",  # Employer — Title
)
_PATTERNS_ZH = ("pipes", "title_dash", "spaced", "stacked", "employer_dash")


def resume_text(resume: Resume, rng: random.Random) -> str:
    """Write ``resume`` as plain text, with every presentation choice drawn from ``rng``.

    Args:
        resume: the content.
        rng: chooses headings, date format, position-header pattern, separators and spacing;
            the text is a pure function of ``resume`` and the generator's state.

    Returns:
        The text, lines separated by ``"\\n"`` and ending with one.
    """
    zh = resume.lang == "zh"
    headings = choose_headings(rng, resume.lang)
    dates = choose_date_style(rng, resume.lang)
    pattern = rng.choice(_PATTERNS_ZH if zh else _PATTERNS_EN)
    contact_sep = rng.choice((" | ", " · ", " • ", "  "))
    contact_stacked = rng.random() < 0.25
    skills_style = rng.choice(("comma", "dot", "pipes", "bullets"))
    lang_fmt = rng.choice(LANGUAGE_FORMATS)
    languages_inline = rng.random() < 0.4
    edu_stacked = rng.random() < 0.5
    edu_first = rng.random() < 0.15
    summary_heading = rng.random() < 0.8
    blank = "" if rng.random() < 0.85 else None  # the blank line between blocks, or none at all

    blocks: list[list[str]] = []
    contact = contact_items(resume, contact_stacked)
    header = [resume.name, resume.headline]
    header += contact if contact_stacked else [contact_sep.join(contact)]
    blocks.append(header)

    def section(name: str, lines: list[str]) -> None:
        blocks.append([headings[name], *lines])

    if resume.summary:
        if summary_heading:
            section("summary", [resume.summary])
        else:
            blocks[0] = [*blocks[0], *([] if blank is None else [blank]), resume.summary]
    order = ["education", "experience"] if edu_first else ["experience", "education"]
    for name in order:
        if name == "experience" and resume.positions:
            jobs = [_position_lines(p, pattern, dates, zh) for p in resume.positions]
            section(name, _join(jobs, blank))
        elif name == "education" and resume.education:
            schools = [_education_lines(e, edu_stacked, dates, zh) for e in resume.education]
            section(name, _join(schools, blank))
    if resume.skills:
        if skills_style == "bullets":
            section("skills", [BULLET + s for s in resume.skills])
        else:
            section("skills", [skills_separator(skills_style, resume.lang).join(resume.skills)])
    if resume.certifications:
        section("certifications", [BULLET + c for c in resume.certifications])
    if resume.languages:
        items = languages_text(resume.languages, resume.lang, lang_fmt)
        section("languages", [("、" if zh else ", ").join(items)] if languages_inline else items)
    for name, entries in (
        ("projects", resume.projects),
        ("awards", resume.awards),
        ("publications", resume.publications),
    ):
        if entries:
            section(name, [BULLET + entry for entry in entries])
    return "\n".join(_join(blocks, blank)) + "\n"


def _join(blocks: list[list[str]], blank: str | None) -> list[str]:
    """Concatenate blocks of lines, with a blank line between them unless ``blank`` is None."""
    out: list[str] = []
    for block in blocks:
        if out and blank is not None:
            out.append(blank)
        out.extend(block)
    return out


def _position_lines(p: Position, pattern: str, dates: DateStyle, zh: bool) -> list[str]:
    loc = p.location
    sep = "  " if zh else " | "
    if pattern == "title_dash":
        head = [" — ".join(x for x in (p.title, p.employer, loc) if x)]
    elif pattern == "title_comma":
        head = [", ".join(x for x in (p.title, p.employer, loc) if x)]
    elif pattern == "pipes":
        head = [" | ".join(x for x in (p.title, p.employer, loc) if x)]
    elif pattern == "stacked":
        head = [p.title, p.employer + (("，" if zh else ", ") + loc if loc else "")]
    elif pattern == "title_at":
        head = [f"{p.title} at {p.employer}"]
    elif pattern == "spaced":
        head = [f"{p.employer}    {p.title}"]
    else:  # employer_dash
        head = [f"{p.employer} — {p.title}"]
    loc_printed = pattern in ("title_dash", "title_comma", "pipes", "stacked")
    when = format_range(p.start, p.end, dates)[0]
    tail = [x for x in (when, None if loc_printed else loc) if x]
    lines = [*head, sep.join(tail)] if tail else head
    return lines + [BULLET + b for b in p.bullets]


def _education_lines(e: Education, stacked: bool, dates: DateStyle, zh: bool) -> list[str]:
    degree = degree_text(e, "zh" if zh else "en")
    when = format_range(e.start, e.end, dates)[0]
    if stacked:
        lines = [e.institution + (("，" if zh else ", ") + e.location if e.location else ""), degree]
    elif zh:
        lines = [f"{e.institution}  {degree}"] + ([e.location] if e.location else [])
    else:
        lines = [f"{degree} — {e.institution}" + (f", {e.location}" if e.location else "")]
    if when:
        lines.append(when)
    return lines + [BULLET + note for note in e.notes]
