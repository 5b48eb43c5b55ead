"""Skills, education, languages, certifications and links, each with its span."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from screening.lexicons import Gazetteer
from screening.parsing.dates import find_date_ranges
from screening.parsing.model import Certification, Education, Language, Link, Section, Skill, Span
from screening.parsing.nlp import Match
from screening.parsing.normalize import BULLET
from screening.parsing.text import TextLine

_DEGREE = re.compile(
    r"\b(?:Ph\.?\s?D\.?|Doctor(?:ate)?|D\.?Phil|M\.?B\.?A\.?|E\.?M\.?B\.?A|M\.?S\.?c?\.?|M\.?Sc|M\.?A\.?|M\.?Eng|"
    r"M\.?Phil|LL\.?[BM]\.?|J\.?D\.?|B\.?S\.?c?\.?|B\.?Sc|B\.?A\.?|B\.?Eng|B\.?Com|B\.?B\.?A|B\.?Tech|M\.?Tech|"
    r"Bachelor(?:'s|’s)?(?:\s+of\s+[A-Z][\w&]*(?:\s+(?:and|&|in)?\s*[A-Z][\w&]*)*)?|"
    r"Master(?:'s|’s)?(?:\s+of\s+[A-Z][\w&]*(?:\s+(?:and|&|in)?\s*[A-Z][\w&]*)*)?|"
    r"Associate(?:'s|’s)?\s+(?:Degree|of\s+\w+)|High\s+School\s+Diploma|Diploma|GED|"
    r"A-Levels?|HND|CPA|Certificate)"
    r"(?:\s*\((?:Hons?|Honours|Honors)\.?\))?(?![\w])"
    r"|博士|硕士|学士|本科|研究生|大专|专科|MBA",
)
_INSTITUTION = re.compile(
    r"(?:[A-Z][\w.&'’-]*\s+){0,6}(?:University|College|Institute|School|Academy|Polytechnic|Conservatory)"
    r"(?:\s+(?:of|for|de|in)\s+(?:[A-Z][\w.&'’-]*\s?){1,5})?"
    r"|[\u4e00-\u9fff]{2,12}(?:大学|学院|学校)",
)
_FIELD = re.compile(r"\b(?:in|of)\s+([A-Z][\w&]*(?:\s+(?:and|&)?\s*[A-Z][\w&]*){0,4})")
_URL = re.compile(
    r"(?:https?://|www\.)[^\s<>()\"'，、]+|"
    r"\b(?:linkedin\.com|github\.com|gitlab\.com|twitter\.com|x\.com|medium\.com|behance\.net|dribbble\.com|"
    r"code4rena\.com|kaggle\.com)/[^\s<>()\"'，、|]+",
    re.IGNORECASE,
)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_LANG_SPLIT = re.compile(r"[,;/|•、，；]|\s+-\s+|\t")
_LEVEL = re.compile(r"[(（:：\-–—]\s*([^()（）]{1,40}?)\s*[\)）]?$")


def skills_from_matches(matches: Sequence[Match]) -> list[Skill]:
    """Every taxonomy match as a located skill (tools, certifications, employers and titles too)."""
    return [
        Skill(name=m.entry.name, family=m.entry.family, kind=m.entry.kind, start=m.start, end=m.end)
        for m in matches
    ]


def _lines_in(lines: Sequence[TextLine], section: Section) -> list[TextLine]:
    return [ln for ln in lines if section.start <= ln.start < section.end]


def read_education(text: str, lines: Sequence[TextLine], sections: Sequence[Section]) -> list[Education]:
    """Degrees and institutions in education sections, grouped into entries."""
    out: list[Education] = []
    for section in sections:
        if section.name != "education":
            continue
        entry: dict[str, Any] = {}

        for ln in _lines_in(lines, section)[1:] if lines else []:
            line = ln.text
            degree = _DEGREE.search(line)
            inst = _INSTITUTION.search(line)
            if (degree and entry.get("degree_span")) or (inst and entry.get("institution_span")):
                _flush_education(entry, out)
            if degree:
                entry["degree"] = degree.group(0).strip()
                entry["degree_span"] = Span(start=ln.start + degree.start(), end=ln.start + degree.end())
                field = _FIELD.search(line, degree.end())
                if field and not (inst and inst.start() <= field.start(1) < inst.end()):
                    entry["field_of_study"] = field.group(1)
            if inst:
                entry["institution"] = inst.group(0).strip()
                entry["institution_span"] = Span(start=ln.start + inst.start(), end=ln.start + inst.end())
            if degree or inst:
                entry.setdefault("start", ln.start)
            if entry:
                entry["end"] = ln.end
                entry.setdefault("degree", None)
                entry.setdefault("institution", None)
                for found in find_date_ranges(text, ln.start, ln.end):
                    entry["start_date"] = found.start_date if found.end_date else None
                    entry["end_date"] = found.end_date if found.end_date else found.start_date
        _flush_education(entry, out)
    return out


def _flush_education(entry: dict[str, Any], out: list[Education]) -> None:
    if entry.get("degree_span") or entry.get("institution_span"):
        out.append(Education(**entry))
    entry.clear()


def read_languages(
    text: str, lines: Sequence[TextLine], sections: Sequence[Section], gaz: Gazetteer
) -> list[Language]:
    """Languages named in languages sections or on a ``Languages:`` line, with their level."""
    out: list[Language] = []
    candidates: list[TextLine] = []
    for section in sections:
        if section.name == "languages":
            candidates.extend(_lines_in(lines, section))
    for ln in candidates:
        body_start = ln.start
        head = re.match(r"^[^:：]{1,30}[:：]\s*", ln.text)
        if head:
            body_start += head.end()
        elif ln.start in {s.start for s in sections}:
            continue  # the heading line itself
        pos = body_start
        for m in [*_LANG_SPLIT.finditer(text, body_start, ln.end), None]:
            item_end = m.start() if m else ln.end
            item = text[pos:item_end]
            stripped = item.strip(" " + BULLET)
            if stripped:
                lead = item.index(stripped)
                start = pos + lead
                name_match = re.match(r"[^\W\d_]+(?:\s+[^\W\d_()（）]+)?", stripped)
                if name_match:
                    words = name_match.group(0)
                    canonical = gaz.languages.get(words.lower()) or gaz.languages.get(
                        words.split()[0].lower()
                    )
                    if canonical is None and re.match(r"[\u4e00-\u9fff]", words):
                        for alias, lang in gaz.languages.items():
                            if stripped.startswith(alias):
                                canonical = lang
                                break
                    if canonical:
                        level = _LEVEL.search(stripped)
                        out.append(
                            Language(
                                name=canonical,
                                level=level.group(1).strip() if level else None,
                                start=start,
                                end=start + len(stripped),
                            )
                        )
            if m is None:
                break
            pos = m.end()
    return out


def read_certifications(
    text: str, lines: Sequence[TextLine], sections: Sequence[Section], matches: Sequence[Match]
) -> list[Certification]:
    """Taxonomy certifications anywhere, plus every item listed under a certifications heading."""
    out: dict[tuple[int, int], Certification] = {}
    for m in matches:
        if m.entry.kind == "certification":
            out[(m.start, m.end)] = Certification(
                name=m.entry.name, family=m.entry.family, start=m.start, end=m.end
            )
    for section in sections:
        if section.name != "certifications":
            continue
        for ln in _lines_in(lines, section):
            if ln.start == section.start:
                continue
            start = ln.start + (2 if ln.text.startswith(BULLET + " ") else 0)
            if any(s <= start < e for s, e in out):
                continue
            end = ln.end
            for found in find_date_ranges(text, start, end):
                if found.end == end:
                    end = found.start
            item = text[start:end].rstrip(" ,–—-(|")
            if len(item) >= 2:
                out[(start, start + len(item))] = Certification(name=item, start=start, end=start + len(item))
    return sorted(out.values(), key=lambda c: c.start)


def _link_kind(url: str) -> str:
    low = url.lower()
    for host, kind in (("linkedin.", "linkedin"), ("github.", "github"), ("mailto:", "email")):
        if host in low:
            return kind
    return "web"


def read_links(text: str, annotation_urls: Sequence[str]) -> list[Link]:
    """URLs and e-mail addresses in the text, plus link targets found only in annotations."""
    out: list[Link] = []
    seen: set[str] = set()
    for m in _URL.finditer(text):
        url = m.group(0).rstrip(".,;:")
        out.append(Link(url=url, kind=_link_kind(url), start=m.start(), end=m.start() + len(url)))
        seen.add(url.lower().removeprefix("https://").removeprefix("http://").removeprefix("www."))
    for m in _EMAIL.finditer(text):
        out.append(Link(url=f"mailto:{m.group(0)}", kind="email", start=m.start(), end=m.end()))
        seen.add(f"mailto:{m.group(0)}".lower())
    for url in annotation_urls:
        key = url.lower().removeprefix("https://").removeprefix("http://").removeprefix("www.").rstrip("/")
        if key in seen or any(key.startswith(s.rstrip("/")) and s for s in seen):
            continue
        seen.add(key)
        out.append(Link(url=url, kind=_link_kind(url)))
    return sorted(out, key=lambda link: (link.start is None, link.start or 0))
