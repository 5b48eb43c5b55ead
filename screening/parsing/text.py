"""Ordered lines of every page -> one normalised text with page and line offsets."""

from __future__ import annotations

from dataclasses import dataclass

from screening.parsing.layout import Line, page_lines
from screening.parsing.model import LineBox, Page
from screening.parsing.normalize import normalize_line
from screening.parsing.pdf import DocumentContent


@dataclass(slots=True)
class TextLine:
    """A normalised line of the résumé text and what layout knew of it."""

    text: str
    start: int
    end: int
    page: int
    x0: float
    x1: float
    y: float
    size: float
    bold: bool
    gap_before: float

    def box(self) -> LineBox:
        # Built from values this module computed: no validation needed on the hot path.
        return LineBox.model_construct(
            start=self.start,
            end=self.end,
            page=self.page,
            x0=round(self.x0, 1),
            x1=round(self.x1, 1),
            y=round(self.y, 1),
            size=round(self.size, 1),
        )


@dataclass(slots=True)
class AssembledText:
    text: str
    pages: list[Page]
    lines: list[TextLine]


def assemble_text(doc: DocumentContent) -> AssembledText:
    """Lay out and normalise every page; lines are joined by ``\\n``, pages too."""
    parts: list[str] = []
    pages: list[Page] = []
    lines: list[TextLine] = []
    offset = 0
    for page in doc.pages:
        page_start = offset
        raw_lines: list[Line] = page_lines(page)
        for raw in raw_lines:
            text = normalize_line(raw.text)
            if not text:
                continue
            if parts:
                parts.append("\n")
                offset += 1
            lines.append(
                TextLine(
                    text,
                    offset,
                    offset + len(text),
                    page.number,
                    raw.x0,
                    raw.x1,
                    raw.y,
                    raw.size,
                    raw.bold,
                    raw.gap_before,
                )
            )
            parts.append(text)
            offset += len(text)
        pages.append(
            Page(number=page.number, start=page_start, end=offset, width=page.width, height=page.height)
        )
    # A page's range runs up to the next page's first character (the joining newline included).
    fixed: list[Page] = []
    for i, p in enumerate(pages):
        end = pages[i + 1].start if i + 1 < len(pages) else offset
        fixed.append(p.model_copy(update={"end": max(end, p.start)}))
    return AssembledText("".join(parts), fixed, lines)


#: How :func:`assemble_plain_text` lays plain text out: a 10 pt font, a constant leading,
#: an average glyph width, and an A4 page (taller when the text needs it).
PLAIN_SIZE = 10.0
PLAIN_LEADING = 12.0
PLAIN_CHAR_WIDTH = 5.0
PLAIN_MARGIN = 40.0
_A4 = (595.0, 842.0)


def assemble_plain_text(text: str) -> AssembledText:
    """Plain text as one page of lines, as if printed in one column (for résumés without a PDF).

    Each line is normalised like a PDF's line (empty ones are dropped); it starts at ``x0=0``,
    is as wide as its length, and lines go down the page at a constant leading, in a 10 pt
    regular font with the same gap before each (but the first).
    """
    normalised = [t for t in (normalize_line(raw) for raw in text.splitlines()) if t]
    height = max(_A4[1], 2 * PLAIN_MARGIN + PLAIN_LEADING * len(normalised))
    width = max([_A4[0], *(len(t) * PLAIN_CHAR_WIDTH for t in normalised)])
    lines: list[TextLine] = []
    offset = 0
    for i, line in enumerate(normalised):
        if i:
            offset += 1  # the joining newline
        y = height - PLAIN_MARGIN - i * PLAIN_LEADING
        lines.append(
            TextLine(
                line,
                offset,
                offset + len(line),
                1,
                0.0,
                len(line) * PLAIN_CHAR_WIDTH,
                y,
                PLAIN_SIZE,
                False,
                PLAIN_LEADING if i else 0.0,
            )
        )
        offset += len(line)
    page = Page(number=1, start=0, end=offset, width=width, height=height)
    return AssembledText("\n".join(normalised), [page], lines)
