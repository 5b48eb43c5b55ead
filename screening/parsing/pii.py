"""Spans of personal data, found so that later steps can redact them.

Identity and protected attributes: the name (at the top, then everywhere it recurs),
e-mail addresses, phone numbers, URLs, the postal address and home location of the
contact block, dates of birth, age, gender words and titles, marital status,
nationality, and a photo (an image near the top of page one).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from typing import Any

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from screening.lexicons import PositionWords
from screening.parsing.model import Link, Page, Pii, PiiKind, Section, Span
from screening.parsing.pdf import ImageBox
from screening.parsing.positions import PositionReader
from screening.parsing.text import TextLine

_PHONE = re.compile(
    r"(?<![\w+/.-])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,4}\)[\s.-]?)?\d{2,5}(?:[\s.-]\d{2,5}){1,4}(?![\w/.-]*\d)"
)
_LABELLED = {
    "date_of_birth": re.compile(
        r"(?:date\s+of\s+birth|d\.?o\.?b\.?|birth\s*date|born(?:\s+on)?|出生日期|出生年月|生日)\s*[:：]?\s*"
        r"([^\n\t|,，]{2,40})",
        re.IGNORECASE,
    ),
    "age": re.compile(
        r"(?:\bage\s*[:：]\s*|年龄\s*[:：]?\s*)(\d{2}(?:\s*(?:years?|岁))?)"
        r"|\b(\d{2}\s+years\s+old)\b",
        re.IGNORECASE,
    ),
    "gender": re.compile(r"(?:\bgender|\bsex|性别)\s*[:：]\s*([^\n\t|,，]{1,20})", re.IGNORECASE),
    "marital_status": re.compile(
        r"(?:marital\s+status|civil\s+status|婚姻状况|婚否)\s*[:：]\s*([^\n\t|,，]{1,20})", re.IGNORECASE
    ),
    "nationality": re.compile(r"(?:nationality|citizenship|citizen\s+of|国籍)\s*[:：]?\s*([^\n\t|,，]{2,40})",
                              re.IGNORECASE),
    "address": re.compile(r"(?:\baddress|地址|住址)\s*[:：]\s*([^\n\t|]{4,80})", re.IGNORECASE),
}  # fmt: skip
#: Gender words and titles, matched on spaCy tokens (lower case); Chinese ones as substrings.
GENDER_WORDS = frozenset(
    "he she him her his hers himself herself mr mrs ms miss mx male female man woman father mother husband "
    "wife son daughter brother sister boyfriend girlfriend gentleman lady businessman businesswoman chairman "
    "chairwoman spokesman spokeswoman".split()
)
_GENDER_CJK = re.compile(r"先生|女士|男性|女性")
#: A labelled attribute is looked for only when one of its cue words is in the text.
_CUES = {
    "date_of_birth": ("birth", "dob", "d.o.b", "born", "出生", "生日"),
    "age": ("age", "years old", "年龄"),
    "gender": ("gender", "sex", "性别"),
    "marital_status": ("marital", "civil status", "婚"),
    "nationality": ("nationality", "citizen", "国籍"),
    "address": ("address", "地址", "住址"),
}
_STREET = re.compile(
    r"\b\d{1,5}[A-Za-z]?\s+(?:[A-Z][\w.'-]*\s+){1,4}(?:Street|St|Road|Rd|Avenue|Ave|Boulevard|Blvd|Lane|Ln|Drive|Dr|"
    r"Way|Court|Ct|Place|Pl|Terrace|Crescent|Highway|Hwy|Parkway|Square|Sq)\b\.?(?:[^\n\t|]{0,60}\b\d{4,6}\b)?"
)
# A capitalised word in any alphabet ("María", "Ngũgĩ", "O'Neil"), an all-caps word, or a particle.
_NAME_TOKEN = re.compile(
    r"^(?=[^\W\d_])(?=\w*[^\W\d_])[^\W\d_][^\W\d]*(?:['’.-][^\W\d]+)*\.?$"
    r"|^(?:bin|binti|van|von|de|da|del|der|la|le|al|el)$"
)
_PARTICLES = frozenset("bin binti van von de da del der la le al el".split())
_CJK_ANY = re.compile(r"[\u4e00-\u9fff]")
_CJK_NAME = re.compile(r"^[\u4e00-\u9fff]{2,4}$")
_NAME_LABEL = re.compile(r"(?:^|\s)(?:name|姓名)\s*[:：]\s*([^\n\t|,，]{2,40})", re.IGNORECASE)
HEADER_LINES = 6


def _token_hits(doc: Any, words: frozenset[str]) -> list[tuple[int, int]]:
    """Character spans of the tokens whose lower-case form is in ``words``."""
    matcher = _word_matcher(doc.vocab, words)
    return [(doc[s].idx, doc[e - 1].idx + len(doc[e - 1])) for _, s, e in matcher(doc)]


@cache
def _word_matcher(vocab: Any, words: frozenset[str]) -> Any:
    matcher = PhraseMatcher(vocab, attr="LOWER")
    matcher.add("WORD", [Doc(vocab, words=[w]) for w in sorted(words)])
    return matcher


def _find_name(lines: Sequence[TextLine], header_end: int, words: PositionWords) -> TextLine | None:
    for ln in lines[:HEADER_LINES]:
        if ln.start >= header_end:
            break
        text = ln.text.strip()
        if _CJK_NAME.match(text):
            return ln
        tokens = text.replace(",", " ").split()
        if not 2 <= len(tokens) <= 5 or any(ch.isdigit() or ch == "@" for ch in text):
            continue
        if any(t.lower().strip(".") in words.title_words for t in tokens):
            continue
        if all(_NAME_TOKEN.match(t) and (t[0].isupper() or t in _PARTICLES) for t in tokens):
            return ln
    return None


def find_pii(
    text: str,
    lines: Sequence[TextLine],
    sections: Sequence[Section],
    pages: Sequence[Page],
    images: Sequence[tuple[int, ImageBox, float, float]],
    positions: PositionReader,
    doc: Any,
    links: Sequence[Link],
) -> list[Pii]:
    """All personal-data spans, sorted, overlapping spans kept (redaction merges them)."""
    found: list[tuple[PiiKind, int, int]] = []
    header_end = sections[0].start if sections and sections[0].start > 0 else (
        lines[min(len(lines), HEADER_LINES) - 1].end if lines else 0
    )  # fmt: skip
    name_line = _find_name(lines, header_end, positions.words)
    label = _NAME_LABEL.search(text, 0, max(header_end, lines[min(len(lines), 12) - 1].end if lines else 0))
    name_tokens: list[str] = []
    if name_line is not None:
        found.append(("name", name_line.start, name_line.end))
        name_tokens = [t for t in re.split(r"[\s,]+", name_line.text) if len(t) >= 2]
    elif label:
        found.append(("name", label.start(1), label.end(1)))
        name_tokens = [t for t in re.split(r"[\s,]+", label.group(1)) if len(t) >= 2]
    # Every other occurrence of a name token (in a signature, a URL, a repeated header).
    # The whole name wherever it recurs (a footer "Nurul binti Rahman – 1"), then each of its words.
    if name_tokens:
        full = r"\s+".join(re.escape(t) for t in name_tokens)
        for m in re.finditer(rf"(?<![\w]){full}(?![\w])", text, re.IGNORECASE):
            found.append(("name", m.start(), m.end()))
    for token in name_tokens:
        if token.lower() in _PARTICLES:
            continue
        pattern = re.escape(token) if _CJK_NAME.match(token) else rf"(?<![\w]){re.escape(token)}(?![\w])"
        for m in re.finditer(pattern, text, re.IGNORECASE):
            found.append(("name", m.start(), m.end()))
    for link in links:
        if link.start is not None and link.end is not None:
            found.append(("email" if link.kind == "email" else "url", link.start, link.end))
    for m in _PHONE.finditer(text):
        digits = sum(c.isdigit() for c in m.group(0))
        if 8 <= digits <= 15 and not re.fullmatch(
            r"[\d\s.-]*(?:19|20)\d\d\s*[-–]\s*(?:19|20)\d\d", m.group(0)
        ):
            found.append(("phone", m.start(), m.end()))
    lowered = text.lower()
    for kind, regex in _LABELLED.items():
        if not any(cue in lowered for cue in _CUES[kind]):
            continue
        for m in regex.finditer(text):
            group = next((g for g in range(1, (regex.groups or 0) + 1) if m.group(g)), 0)
            value = m.group(group).rstrip(" .;")
            found.append((kind, m.start(group), m.start(group) + len(value)))  # type: ignore[arg-type]
    for m in _STREET.finditer(text):
        found.append(("address", m.start(), m.end()))
    # The home location in the contact block ("Singapore", "Dubai, UAE").
    for ln in lines[:HEADER_LINES]:
        if ln.start >= header_end:
            break
        pos = ln.start
        for part in [*re.finditer(r"\s*[|•·\t]\s*", text[ln.start : ln.end]), None]:
            stop = ln.start + part.start() if part else ln.end
            chunk = text[pos:stop].strip()
            if chunk and positions.is_location(chunk):
                begin = text.index(chunk, pos)
                found.append(("address", begin, begin + len(chunk)))
            if part is None:
                break
            pos = ln.start + part.end()
    for start, end in _token_hits(doc, GENDER_WORDS):
        found.append(("gender", start, end))
    if _CJK_ANY.search(text):
        for m in _GENDER_CJK.finditer(text):
            found.append(("gender", m.start(), m.end()))
    pii = [Pii(kind=k, start=s, end=e) for k, s, e in found if e > s]
    for page_number, box, page_width, page_height in images:
        if page_number != 1:
            continue
        w, h = box.x1 - box.x0, box.y1 - box.y0
        area = (w * h) / max(page_width * page_height, 1.0)
        if h > 0 and 0.55 <= w / h <= 1.4 and 0.004 <= area <= 0.2 and box.y0 > page_height * 0.45:
            page = pages[0]
            pii.append(Pii(kind="photo", start=page.start, end=page.start, page=1))
            break
    unique = {(p.kind, p.start, p.end): p for p in pii}
    return sorted(unique.values(), key=lambda p: (p.start, p.end, p.kind))


def spans_of(pii: Sequence[Pii]) -> list[Span]:
    """Merged character spans of all personal data."""
    merged: list[Span] = []
    for p in sorted(pii, key=lambda x: x.start):
        if p.end <= p.start:
            continue
        if merged and p.start <= merged[-1].end:
            if p.end > merged[-1].end:
                merged[-1] = Span(start=merged[-1].start, end=p.end)
        else:
            merged.append(Span(start=p.start, end=p.end))
    return merged
