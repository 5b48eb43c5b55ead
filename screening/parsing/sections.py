"""Section headings -> section spans.

A line is a heading when its text (case, punctuation and a trailing colon aside) is a
known spelling from ``data/parsing/headings.yaml`` *and* it looks like one: bold, upper
case, larger than the body, set off by space, or ended by a colon. A known heading
followed by a colon and text on the same line (``Languages: English, Malay``) opens
a section too.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from statistics import median
from typing import cast

from screening.lexicons import Headings, heading_key
from screening.parsing.model import Section, SectionName
from screening.parsing.text import TextLine

_INLINE = re.compile(r"^\s*([^\W\d_][^:：\t]{0,40}?)\s*[:：]\s*\S")
_CJK = re.compile(r"[\u4e00-\u9fff]")
MAX_HEADING_CHARS = 60
#: Sections that résumés often open on the same line as their heading ("Languages: English").
_INLINE_SECTIONS = frozenset({"skills", "languages", "certifications"})
#: Headings so unlikely as a line of body text that no heading style is required of them.
#: Other single words ("Work", "Training", "Tools", "Research") must look like headings.
_UNAMBIGUOUS = frozenset(
    [
        "summary",
        "experience",
        "education",
        "skills",
        "certifications",
        "certificates",
        "languages",
        "awards",
        "projects",
        "publications",
        "objective",
        "profile",
        "employment",
        "honors",
        "honours",
        "accomplishments",
        "achievements",
        "interests",
        "references",
        "competencies",
        "qualifications",
        "highlights",
        "affiliations",
        "hobbies",
    ]
)


def _unambiguous(key: str) -> bool:
    return " " in key or key in _UNAMBIGUOUS or bool(_CJK.search(key))


def _looks_like_heading(line: TextLine, body_size: float, body_gap: float) -> bool:
    text = line.text.strip()
    letters = [c for c in text if c.isalpha()]
    upper = bool(letters) and all(c.isupper() for c in letters if c.isascii())
    return (
        line.bold
        or (upper and any(c.isascii() for c in letters))
        or line.size >= body_size * 1.08
        or line.gap_before >= body_gap * 1.25
        or text.endswith((":", "："))
        or bool(_CJK.search(text))
    )


def heading_name(line: TextLine, headings: Headings, body_size: float, body_gap: float) -> str | None:
    """The canonical section a heading line opens, or None."""
    text = line.text.strip()
    if text.endswith(".") or text[:1].islower():  # the end of a sentence ("...communication / skills.")
        return None
    if len(text) <= MAX_HEADING_CHARS:
        key = heading_key(text)
        section = headings.by_text.get(key)
        if section and (_unambiguous(key) or _looks_like_heading(line, body_size, body_gap)):
            return section
    inline = _INLINE.match(text)
    if inline:
        section = headings.by_text.get(heading_key(inline.group(1)))
        if section in _INLINE_SECTIONS:
            return section
    return None


def find_sections(lines: Sequence[TextLine], text_length: int, headings: Headings) -> list[Section]:
    """Sections in reading order, each running to the next heading (or the end)."""
    if not lines:
        return []
    body_size = median(ln.size for ln in lines)
    gaps = [ln.gap_before for ln in lines if ln.gap_before > 0]
    body_gap = median(gaps) if gaps else 12.0
    found: list[tuple[SectionName, str, int]] = []
    skip = False
    for i, line in enumerate(lines):
        if skip:
            skip = False
            continue
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if nxt is not None and nxt.page == line.page and len(line.text) + len(nxt.text) < MAX_HEADING_CHARS:
            # A heading wrapped in a narrow column: "EDUCATION AND" / "TRAINING".
            key = heading_key(f"{line.text} {nxt.text}")
            joined = headings.by_text.get(key)
            dangling = line.text.rstrip().lower().endswith(("&", " and", ",", "/"))
            if joined and " " in key and (dangling or headings.by_text.get(heading_key(line.text)) is None):
                found.append(
                    (cast(SectionName, joined), f"{line.text.strip()} {nxt.text.strip()}", line.start)
                )
                skip = True
                continue
        name = heading_name(line, headings, body_size, body_gap)
        if name is not None:
            heading = line.text.strip()
            inline = _INLINE.match(heading)
            if inline and headings.by_text.get(heading_key(heading)) is None:
                heading = inline.group(1)
            found.append((cast(SectionName, name), heading, line.start))
    sections: list[Section] = []
    for i, (name, heading, start) in enumerate(found):
        end = found[i + 1][2] if i + 1 < len(found) else text_length
        sections.append(Section(name=name, heading=heading, start=start, end=end))
    return sections
