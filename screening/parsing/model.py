"""The parsed résumé: the contract between parsing and everything after it.

Every located field carries ``start``/``end``: character offsets into ``text`` such that
``text[start:end]`` is exactly what the field was read from. ``pages`` maps offsets to
pages and ``lines`` to positions on the page, so any span can be shown where it stands.
"""

from __future__ import annotations

from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field

from screening.parsing.errors import ErrorCode

#: Bumped whenever a change can alter any parse output (stored with every score).
PARSER_VERSION = "1.2.0"

Quality = Literal["ok", "needs_ocr", "garbled", "suspicious"]
SectionName = Literal[
    "summary",
    "experience",
    "education",
    "skills",
    "certifications",
    "languages",
    "awards",
    "projects",
    "publications",
    "other",
]
SECTION_NAMES: tuple[SectionName, ...] = get_args(SectionName)
PiiKind = Literal[
    "name", "email", "phone", "address", "date_of_birth", "photo", "gender", "marital_status",
    "nationality", "age", "url",
]  # fmt: skip


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Span(_Model):
    """A located piece of text."""

    start: int
    end: int


class Page(_Model):
    number: int = Field(description="1-based page number")
    start: int
    end: int
    width: float
    height: float


class LineBox(_Model):
    """One line of ``text`` and where it stands on its page (PDF points, origin bottom-left)."""

    start: int
    end: int
    page: int
    x0: float
    x1: float
    y: float
    size: float


class Section(_Model):
    name: SectionName
    heading: str = Field(description="the heading as printed")
    start: int = Field(description="offset of the heading")
    end: int = Field(description="offset where the next section starts")


class Position(_Model):
    title: str | None
    employer: str | None
    location: str | None
    start_date: str | None = Field(description='"YYYY-MM", "YYYY" or null')
    end_date: str | None = Field(description='"YYYY-MM", "YYYY", "present" or null')
    start: int
    end: int
    title_span: Span | None = None
    employer_span: Span | None = None
    location_span: Span | None = None
    dates_span: Span | None = None
    bullets: list[Span] = Field(default_factory=list)


class Education(_Model):
    degree: str | None
    institution: str | None
    field_of_study: str | None = None
    start_date: str | None = None
    end_date: str | None = None
    start: int
    end: int
    degree_span: Span | None = None
    institution_span: Span | None = None


class Skill(_Model):
    name: str = Field(description="canonical name from the taxonomy")
    family: str = Field(description="tradfi, web2, web3 or general")
    kind: str = Field(description="skill, tool, certification, employer or title")
    start: int
    end: int


class Language(_Model):
    name: str
    level: str | None = None
    start: int
    end: int


class Certification(_Model):
    name: str
    family: str | None = None
    start: int
    end: int


class Link(_Model):
    url: str
    kind: str = Field(description="linkedin, github, email, web or other")
    start: int | None = Field(None, description="null when the link exists only as a PDF annotation")
    end: int | None = None


class Pii(_Model):
    kind: PiiKind
    start: int
    end: int
    page: int | None = None


class HiddenText(_Model):
    """Text present in the file that a reader of the page cannot see (kept out of ``text``)."""

    page: int
    reason: Literal["invisible", "white_text", "tiny_font", "off_page"]
    chars: int
    text: str


class ParsedResume(_Model):
    """A résumé read from a PDF. Core fields are stable; others may be added."""

    file: str | None = None
    sha256: str
    status: Literal["ok"] = "ok"
    quality: Quality
    quality_reasons: list[str] = Field(default_factory=list)
    parser_version: str = PARSER_VERSION
    lang: str = Field(description="en or zh (main script of the text)")
    text: str
    pages: list[Page]
    lines: list[LineBox] = Field(default_factory=list)
    sections: list[Section] = Field(default_factory=list)
    positions: list[Position] = Field(default_factory=list)
    education: list[Education] = Field(default_factory=list)
    skills: list[Skill] = Field(default_factory=list)
    languages: list[Language] = Field(default_factory=list)
    certifications: list[Certification] = Field(default_factory=list)
    links: list[Link] = Field(default_factory=list)
    pii: list[Pii] = Field(default_factory=list)
    hidden_text: list[HiddenText] = Field(default_factory=list)
    images: int = Field(0, description="images drawn on the pages")

    def page_of(self, offset: int) -> int:
        """The page number holding character ``offset``."""
        for page in self.pages:
            if page.start <= offset < page.end:
                return page.number
        return self.pages[-1].number if self.pages else 1

    def section_at(self, offset: int) -> Section | None:
        """The section containing ``offset``, if any."""
        for section in self.sections:
            if section.start <= offset < section.end:
                return section
        return None


class ParseFailure(_Model):
    """A file that could not be parsed."""

    file: str | None = None
    sha256: str | None = None
    status: Literal["error"] = "error"
    error: ErrorInfo


class ErrorInfo(_Model):
    code: ErrorCode
    message: str


ParseFailure.model_rebuild()
