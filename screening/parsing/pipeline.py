"""PDF bytes -> :class:`ParsedResume`, in the calling process (see ``isolation`` for the safe way)."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

from screening.parsing.entities import (
    read_certifications,
    read_education,
    read_languages,
    read_links,
    skills_from_matches,
)
from screening.parsing.model import HiddenText, ParsedResume, Position, Section
from screening.parsing.pdf import DocumentContent, ImageBox, open_pdf, read_document
from screening.parsing.pii import find_pii
from screening.parsing.positions import PositionReader, without_repeats
from screening.parsing.quality import assess_quality
from screening.parsing.resources import ParseResources
from screening.parsing.sections import find_sections
from screening.parsing.text import AssembledText, TextLine, assemble_plain_text, assemble_text
from screening.settings import ParseLimits

_CJK = re.compile(r"[\u4e00-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")
#: Sections that never hold positions (used when no experience heading was found).
_NOT_EXPERIENCE = {"education", "skills", "certifications", "languages", "awards", "publications", "summary"}


def detect_lang(text: str) -> str:
    """``zh`` when Chinese characters make up a third or more of the letters, else ``en``."""
    if not _CJK.search(text):
        return "en"
    cjk = len(_CJK.findall(text))
    latin = len(_LATIN.findall(text))
    return "zh" if cjk and cjk * 3 >= (cjk + latin / 4) else "en"


def _hidden(doc: DocumentContent) -> list[HiddenText]:
    out: list[HiddenText] = []
    for page in doc.pages:
        by_reason: dict[str, list[str]] = {}
        for run in page.hidden:
            by_reason.setdefault(run.reason, []).append(run.text)
        for reason, texts in sorted(by_reason.items()):
            joined = re.sub(r"\s+", " ", "".join(texts)).strip()
            chars = sum(1 for c in joined if not c.isspace())
            if chars:
                out.append(HiddenText(page=page.number, reason=reason, chars=chars, text=joined[:2000]))
    return out


def _experience_lines(lines: Sequence[TextLine], sections: Sequence[Section]) -> list[list[TextLine]]:
    groups: list[list[TextLine]] = []
    experience = [s for s in sections if s.name == "experience"]
    if experience:
        for s in experience:
            groups.append([ln for ln in lines if s.start < ln.start < s.end])
        return groups
    # No experience heading: look everywhere except in sections that cannot hold jobs.
    excluded = [s for s in sections if s.name in _NOT_EXPERIENCE]
    body_start = sections[0].start if sections else 0  # the contact block above holds no jobs
    groups.append(
        [
            ln
            for ln in lines
            if ln.start >= body_start and not any(s.start <= ln.start < s.end for s in excluded)
        ]
    )
    return groups


def parse_document(
    doc: DocumentContent, sha256: str, resources: ParseResources, file: str | None = None
) -> ParsedResume:
    """Build the parsed résumé from interpreted PDF content."""
    hidden = _hidden(doc)
    return _parse_assembled(
        assemble_text(doc),
        sha256,
        resources,
        file,
        page_count=doc.page_count,
        hidden=hidden,
        images=[(p.number, box, p.width, p.height) for p in doc.pages for box in p.images],
        link_targets=[url for p in doc.pages for url in p.links],
    )


def parse_text(text: str, resources: ParseResources, file: str | None = None) -> ParsedResume:
    """Parse a résumé given as plain text (labelled records without a PDF).

    The text is split into lines laid out on one page (see :func:`assemble_plain_text`),
    then read exactly as a PDF's text is. ``sha256`` is the SHA-256 of the UTF-8 text.
    """
    sha256 = hashlib.sha256(text.encode("utf-8")).hexdigest()
    assembled = assemble_plain_text(text)
    return _parse_assembled(
        assembled,
        sha256,
        resources,
        file,
        page_count=len(assembled.pages),
        hidden=[],
        images=[],
        link_targets=[],
    )


def _parse_assembled(
    assembled: AssembledText,
    sha256: str,
    resources: ParseResources,
    file: str | None,
    *,
    page_count: int,
    hidden: list[HiddenText],
    images: list[tuple[int, ImageBox, float, float]],
    link_targets: list[str],
) -> ParsedResume:
    """Every step after the text is assembled, shared by PDF and plain-text input."""
    text, lines = assembled.text, assembled.lines
    nlp_doc = resources.nlp.doc(text)
    matches = resources.nlp.match_taxonomy(nlp_doc)
    sections = find_sections(lines, len(text), resources.headings)
    reader = PositionReader(resources.gazetteer, resources.position_words)
    positions: list[Position] = []
    for group in _experience_lines(lines, sections):
        positions.extend(reader.read(text, group, matches))
    positions = without_repeats(positions)
    quality, reasons = assess_quality(text, page_count, len(images), hidden)
    links = read_links(text, link_targets)
    return ParsedResume(
        file=file,
        sha256=sha256,
        quality=quality,
        quality_reasons=reasons,
        lang=detect_lang(text),
        text=text,
        pages=assembled.pages,
        lines=[ln.box() for ln in lines],
        sections=sections,
        positions=positions,
        education=read_education(text, lines, sections),
        skills=skills_from_matches(matches),
        languages=read_languages(text, lines, sections, resources.gazetteer),
        certifications=read_certifications(text, lines, sections, matches),
        links=links,
        pii=find_pii(text, lines, sections, assembled.pages, images, reader, nlp_doc, links),
        hidden_text=hidden,
        images=len(images),
    )


def parse_pdf(
    data: bytes, resources: ParseResources, limits: ParseLimits | None = None, file: str | None = None
) -> ParsedResume:
    """Parse PDF bytes in this process. No time limit: use ``isolation.ParserPool`` for untrusted input.

    Raises:
        ParseError: with a stable code (``not_pdf``, ``encrypted``, ``too_large``,
            ``too_many_pages``, ``malformed``).
    """
    limits = limits or ParseLimits()
    sha256 = hashlib.sha256(data).hexdigest()
    reader = open_pdf(data, max_bytes=limits.max_bytes, max_pages=limits.max_pages)
    doc = read_document(reader)
    return parse_document(doc, sha256, resources, file)
