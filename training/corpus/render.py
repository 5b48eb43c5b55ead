"""Render a :class:`~training.corpus.resume.Resume` to a PDF that looks like a real résumé.

The renderer lays every page out first into a display list (so the two columns of a
sidebar layout can flow independently onto later pages and the footer can say
"Page 1 of 2"), then draws it with reportlab's canvas in one pass. Each document picks
its own font, heading spellings, date format, position-header pattern and so on from
the random generator, and records in ``truth`` exactly what was printed.
"""

from __future__ import annotations

import dataclasses
import functools
import io
import random
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import reportlab
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from screening.parsing.model import SECTION_NAMES
from training.corpus.resume import Education, Lang, Position, Resume

__all__ = [
    "LANGUAGE_FORMATS",
    "LAYOUTS",
    "SECTION_NAMES",
    "DateStyle",
    "RenderedResume",
    "choose_date_style",
    "choose_headings",
    "contact_items",
    "degree_text",
    "format_date",
    "format_range",
    "languages_text",
    "render_resume",
    "skills_separator",
]

LAYOUTS = ("one_column", "two_column", "table", "compact")
MAX_PAGES = 3

_HEADINGS_EN: dict[str, tuple[str, ...]] = {
    "summary": ("Summary", "Professional Summary", "Profile", "About Me"),
    "experience": (
        "Experience",
        "Work Experience",
        "Professional Experience",
        "Work History",
        "Employment History",
        "Employment",
        "Career History",
    ),
    "education": ("Education", "Education and Training", "Academic Background"),
    "skills": ("Skills", "Core Skills", "Technical Skills", "Skills & Tools"),
    "certifications": ("Certifications", "Licenses & Certifications"),
    "languages": ("Languages",),
    "awards": ("Awards", "Honors & Awards"),
    "projects": ("Projects", "Selected Projects", "Personal Projects"),
    "publications": ("Publications",),
    "other": ("Contact", "Contact Details"),
}
_HEADINGS_ZH: dict[str, tuple[str, ...]] = {
    "summary": ("个人简介", "自我评价"),
    "experience": ("工作经历", "工作经验"),
    "education": ("教育背景", "教育经历"),
    "skills": ("专业技能", "技能"),
    "certifications": ("证书", "资格证书"),
    "languages": ("语言能力",),
    "awards": ("获奖情况", "荣誉奖项"),
    "projects": ("项目经历",),
    "publications": ("发表论文",),
    "other": ("联系方式",),
}
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_DATE_FORMATS_EN = ("mon", "mon", "month", "mm/yyyy", "yyyy-mm", "yyyy.mm", "m/yyyy", "year")
_DATE_FORMATS_ZH = ("zh", "zh", "yyyy.mm", "yyyy.mm", "yyyy/mm", "yyyy-mm", "zh_year")
_PATTERNS_EN = (
    "title_comma",
    "title_dash",
    "pipes",
    "stacked",
    "title_at",
    "employer_stacked",
    "employer_dash",
)
_PATTERNS_ZH = ("pipes", "stacked", "employer_stacked", "spaced", "employer_dash")
#: How a language and its level are joined in English: ``English (native)``, ``– native``, ``: native``.
LANGUAGE_FORMATS = ("paren", "dash", "colon")
_ACCENTS = (
    (0.12, 0.23, 0.37),
    (0.06, 0.43, 0.43),
    (0.55, 0.12, 0.12),
    (0.0, 0.0, 0.0),
    (0.2, 0.2, 0.2),
    (0.14, 0.34, 0.65),
    (0.25, 0.18, 0.45),
)
_A4 = (595.2756, 841.8898)
_LETTER = (612.0, 792.0)
_CJK = "\u2e80-\u9fff\u3000-\u303f\uff00-\uffef"
_TOKEN = re.compile(rf"[{_CJK}]|[^\s{_CJK}]+\s*|\s+")

Color = tuple[float, float, float]


@dataclass(frozen=True, slots=True)
class RenderedResume:
    """A rendered résumé: the PDF bytes, the layout and body font used, and the ground truth."""

    pdf: bytes
    layout: str
    font: str
    truth: dict[str, Any]


@dataclass(frozen=True, slots=True)
class _Family:
    name: str
    regular: str
    bold: str
    italic: str
    cid: bool = False


_FAMILIES = {
    "Helvetica": _Family("Helvetica", "Helvetica", "Helvetica-Bold", "Helvetica-Oblique"),
    "Times-Roman": _Family("Times-Roman", "Times-Roman", "Times-Bold", "Times-Italic"),
    "Courier": _Family("Courier", "Courier", "Courier-Bold", "Courier-Oblique"),
    "Vera": _Family("Vera", "Vera", "VeraBd", "VeraIt"),
    "STSong-Light": _Family("STSong-Light", "STSong-Light", "STSong-Light", "STSong-Light", cid=True),
}
_EN_FAMILY_WEIGHTS = (("Helvetica", 35), ("Times-Roman", 25), ("Vera", 30), ("Courier", 10))


@dataclass(frozen=True, slots=True)
class _TS:
    """A text style: font name, size, colour, and whether to fake bold by stroking the glyphs."""

    font: str
    size: float
    color: Color = (0.0, 0.0, 0.0)
    fake_bold: bool = False


Run = tuple[str, _TS]
# Display-list operations, with y relative to the top of their line until placed:
# ("t", x, y, text, style) | ("l", x1, y1, x2, y2, width, colour) | ("r", x, y, w, h, colour) filled
# | ("R", x, y, w, h, colour, width) outlined | ("sq", x, y, side, colour) a square bullet.
Op = tuple[Any, ...]


@dataclass(slots=True)
class _Line:
    """A unit of vertical space that is never split across pages."""

    height: float
    ops: list[Op] = field(default_factory=list)
    marks: list[tuple[str, int]] = field(default_factory=list)


@dataclass(slots=True)
class _Doc:
    width: float
    height: float
    pages: list[list[Op]] = field(default_factory=list)
    marks: list[tuple[str, int, int, float, float]] = field(default_factory=list)  # kind, idx, page, x, y

    def page(self, index: int) -> list[Op]:
        while len(self.pages) <= index:
            self.pages.append([])
        return self.pages[index]


class _Flow:
    """A column that fills top to bottom and continues on the next page when full."""

    def __init__(
        self, doc: _Doc, x: float, width: float, *, top_first: float, top_rest: float, bottom: float
    ):
        self.doc, self.x, self.width = doc, x, width
        self.top_rest, self.bottom = top_rest, bottom
        self.page, self.y = 0, top_first
        doc.page(0)

    def new_page(self) -> None:
        self.page += 1
        self.y = self.top_rest
        self.doc.page(self.page)

    def need(self, height: float) -> None:
        """Break the page unless ``height`` fits below the cursor (and could fit on a fresh page)."""
        if self.y - height < self.bottom and height <= self.top_rest - self.bottom:
            self.new_page()

    def put(self, line: _Line) -> None:
        if self.y - line.height < self.bottom - 0.01:
            self.new_page()
        ops = self.doc.page(self.page)
        y = self.y
        for op in line.ops:
            ops.append(_shift(op, y))
        for kind, idx in line.marks:
            self.doc.marks.append((kind, idx, self.page, self.x, y))
        self.y -= line.height

    def put_block(self, lines: list[_Line], keep: int = 10_000) -> None:
        """Place lines, keeping the first ``keep`` of them on one page."""
        if lines:
            self.need(sum(line.height for line in lines[:keep]))
        for line in lines:
            self.put(line)

    def space(self, height: float) -> None:
        self.y -= height


def _shift(op: Op, y: float) -> Op:
    kind = op[0]
    if kind == "t":
        return ("t", op[1], op[2] + y, op[3], op[4])
    if kind == "l":
        return ("l", op[1], op[2] + y, op[3], op[4] + y, op[5], op[6])
    if kind in ("r", "R"):
        return (kind, op[1], op[2] + y, *op[3:])
    return ("sq", op[1], op[2] + y, op[3], op[4])


@functools.cache
def _register_fonts() -> None:
    """Register the TrueType and CID fonts shipped inside reportlab (once, on first use)."""
    font_dir = Path(reportlab.__file__).parent / "fonts"
    for name in ("Vera", "VeraBd", "VeraIt", "VeraBI"):
        pdfmetrics.registerFont(TTFont(name, str(font_dir / f"{name}.ttf")))
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))


@functools.lru_cache(maxsize=65536)
def _width(text: str, font: str, size: float) -> float:
    return float(pdfmetrics.stringWidth(text, font, size))


def _w(text: str, ts: _TS) -> float:
    return _width(text, ts.font, ts.size)


# ----------------------------------------------------------------------------------------- wording


def choose_headings(rng: random.Random, lang: Lang) -> dict[str, str]:
    """Pick the printed heading of every section (see :data:`SECTION_NAMES`) for one résumé.

    A spelling from the language's pool for each section, then (English only) sometimes all in
    capitals, and sometimes every heading followed by a colon. Shared by the PDF renderer and
    :mod:`training.corpus.plain`, so both print the same headings.
    """
    zh = lang == "zh"
    pool = _HEADINGS_ZH if zh else _HEADINGS_EN
    headings = {name: rng.choice(options) for name, options in pool.items()}
    upper = not zh and rng.random() < 0.45
    colon = rng.random() < 0.2
    for name, spelling in headings.items():
        text = spelling.upper() if upper else spelling
        headings[name] = text + ("：" if zh else ":") if colon else text
    return headings


@dataclass(frozen=True, slots=True)
class DateStyle:
    """How one résumé prints dates: a format name, the range separator and the word for "present"."""

    fmt: str
    sep: str
    present: str


def choose_date_style(rng: random.Random, lang: Lang) -> DateStyle:
    """Pick the date format, range separator and "present" of one résumé in ``lang``."""
    if lang == "zh":
        fmt = rng.choice(_DATE_FORMATS_ZH)
        sep = rng.choice((" – ", " - ", " 至 ", "～", " — "))
        present = rng.choice(("至今", "至今", "今", "现在"))
    else:
        fmt = rng.choice(_DATE_FORMATS_EN)
        sep = rng.choice((" – ", " – ", " - ", " to ", " — ", "–"))
        present = rng.choice(("Present", "Present", "Current", "Now", "Today", "present"))
    return DateStyle(fmt, sep, present)


def format_date(value: str | None, style: DateStyle) -> tuple[str, str | None]:
    """Return (printed text, normalised truth) for one date (see :mod:`training.corpus.resume`)."""
    if value is None:
        return "", None
    if value == "present":
        return style.present, "present"
    year = value[:4]
    month = int(value[5:7]) if len(value) >= 7 else None
    fmt = style.fmt
    if month is None or fmt in ("year", "zh_year"):
        return (f"{year}年" if fmt in ("zh", "zh_year") else year), year
    norm = f"{year}-{month:02d}"
    text = {
        "mon": f"{_MONTHS[month - 1][:3]} {year}",
        "month": f"{_MONTHS[month - 1]} {year}",
        "mm/yyyy": f"{month:02d}/{year}",
        "m/yyyy": f"{month}/{year}",
        "yyyy-mm": f"{year}-{month:02d}",
        "yyyy.mm": f"{year}.{month:02d}",
        "yyyy/mm": f"{year}/{month:02d}",
        "zh": f"{year}年{month}月",
    }[fmt]
    return text, norm


def format_range(start: str | None, end: str | None, style: DateStyle) -> tuple[str, str | None, str | None]:
    """Return (printed text, normalised start, normalised end) for a date range."""
    s_text, s_norm = format_date(start, style)
    e_text, e_norm = format_date(end, style)
    if s_text and e_text:
        return f"{s_text}{style.sep}{e_text}", s_norm, e_norm
    return s_text or e_text, s_norm, e_norm


def degree_text(e: Education, lang: Lang) -> str:
    """The degree as printed: ``"Master of Science in Finance"``, ``"金融 硕士"``."""
    if lang == "zh":
        return f"{e.field} {e.degree}" if e.field else e.degree
    return f"{e.degree} {'in ' if len(e.degree) > 5 else ''}{e.field}" if e.field else e.degree


def languages_text(languages: tuple[tuple[str, str], ...], lang: Lang, fmt: str) -> list[str]:
    """Each ``(language, proficiency)`` as printed; ``fmt`` is one of :data:`LANGUAGE_FORMATS`."""
    if lang == "zh":
        return [f"{n}（{lvl}）" for n, lvl in languages]
    template = {"paren": "{} ({})", "dash": "{} – {}", "colon": "{}: {}"}[fmt]
    return [template.format(n, lvl) for n, lvl in languages]


def skills_separator(style: str, lang: Lang) -> str:
    """What joins skills listed on one line: ``style`` is ``comma``, ``dot`` or ``pipes``."""
    if lang == "zh" and style == "comma":
        return "、"
    return {"comma": ", ", "dot": " · ", "pipes": " | "}[style]


def contact_items(r: Resume, stacked: bool) -> list[str]:
    """E-mail, phone, location and links; a Chinese résumé labels them when ``stacked`` (one per line)."""
    if r.lang == "zh" and stacked:
        return [f"邮箱：{r.email}", f"电话：{r.phone}", f"现居：{r.location}", *r.links]
    return [r.email, r.phone, r.location, *r.links]


# ----------------------------------------------------------------------------------------- style


@dataclass(frozen=True, slots=True)
class _Style:
    lang: Literal["en", "zh"]
    layout: str
    family: _Family
    head_family: _Family
    size: float
    lead: float
    pagesize: tuple[float, float]
    margin_x: float
    margin_top: float
    margin_bottom: float
    accent: Color
    text: Color
    muted: Color
    heading_rule: str
    heading_scale: float
    headings: dict[str, str]
    bullet: str
    dates: DateStyle
    pattern: str
    dates_place: str
    title_upper: bool
    employer_upper: bool
    skills_style: str
    contact_sep: str
    contact_stacked: bool
    name_center: bool
    name_upper: bool
    name_scale: float
    footer: str
    lang_fmt: str
    table_style: str
    sidebar_left: bool
    sidebar_fill: bool
    leaders: bool
    edu_first: bool

    def ts(self, kind: str = "body", scale: float = 1.0, color: Color | None = None) -> _TS:
        fam = self.head_family if kind in ("head", "name") else self.family
        size = self.size * scale
        col = self.text if color is None else color
        if kind in ("bold", "head", "name"):
            return _TS(fam.bold, size, col, fam.cid)
        if kind == "italic":
            return _TS(fam.italic, size, col)
        return _TS(fam.regular, size, col)


def _choose_style(rng: random.Random, lang: Literal["en", "zh"], layout: str) -> _Style:
    zh = lang == "zh"
    _register_fonts()
    if zh:
        family = head_family = _FAMILIES["STSong-Light"]
    else:
        names = [name for name, _ in _EN_FAMILY_WEIGHTS]
        family = _FAMILIES[rng.choices(names, [weight for _, weight in _EN_FAMILY_WEIGHTS])[0]]
        head_family = family
        if rng.random() < 0.25:
            head_family = _FAMILIES[rng.choice(("Helvetica", "Times-Roman", "Vera"))]
    compact = layout == "compact"
    size = rng.choice((8.0, 8.5, 9.0)) if compact else rng.choice((9.5, 10.0, 10.0, 10.5, 11.0))
    if family.name == "Courier" and not compact:
        size -= 0.5
    headings = choose_headings(rng, lang)
    accent = rng.choice(_ACCENTS)
    bullet = rng.choice(("●", "■", "·", "-", "•") if zh else ("•", "•", "–", "▪", "-"))
    dates = choose_date_style(rng, lang)
    pattern = rng.choice(_PATTERNS_ZH if zh else _PATTERNS_EN)
    if compact:
        dates_place = "right"
    elif zh:
        dates_place = rng.choice(("right", "own_line", "prefix"))
    else:
        dates_place = rng.choice(("right", "right", "own_line", "prefix"))
    narrow = 50.0 if compact else rng.choice((40.0, 50.0, 54.0, 60.0, 72.0))
    return _Style(
        lang=lang,
        layout=layout,
        family=family,
        head_family=head_family,
        size=size,
        lead=rng.choice((1.15, 1.2, 1.25)) if compact else rng.choice((1.25, 1.3, 1.35, 1.4)),
        pagesize=_A4 if zh or rng.random() < 0.6 else _LETTER,
        margin_x=36.0 if compact else narrow,
        margin_top=rng.choice((36.0, 44.0, 54.0)),
        margin_bottom=rng.choice((40.0, 48.0)),
        accent=accent,
        text=rng.choice(((0.0, 0.0, 0.0), (0.13, 0.13, 0.13))),
        muted=(0.33, 0.33, 0.33),
        heading_rule=rng.choice(("none", "below", "below", "above", "band")) if not compact else "below",
        heading_scale=rng.choice((1.1, 1.2, 1.3)),
        headings=headings,
        bullet=bullet,
        dates=dates,
        pattern=pattern,
        dates_place=dates_place,
        title_upper=not zh and rng.random() < 0.1,
        employer_upper=not zh and rng.random() < 0.1,
        skills_style=rng.choice(("comma", "dot", "pipes", "bullets", "grid")),
        contact_sep=rng.choice((" | ", " · ", " • ", "  |  ", "   ")),
        contact_stacked=rng.random() < 0.25,
        name_center=rng.random() < 0.35,
        name_upper=not zh and rng.random() < 0.25,
        name_scale=rng.choice((1.8, 2.0, 2.2, 2.4)),
        footer=rng.choice(("none", "none", "page_of", "num", "name_page")),
        lang_fmt=rng.choice(LANGUAGE_FORMATS),
        table_style=rng.choice(("grid", "rules", "shaded")),
        sidebar_left=rng.random() < 0.8,
        sidebar_fill=rng.random() < 0.5,
        leaders=rng.random() < 0.4,
        edu_first=rng.random() < 0.15,
    )


# ----------------------------------------------------------------------------------------- text


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def _wrap(runs: list[Run], width: float) -> list[list[Run]]:
    """Greedy word wrap of styled runs; CJK characters may break anywhere."""
    lines: list[list[Run]] = []
    cur: list[Run] = []
    used = 0.0
    for text, ts in runs:
        for tok in _tokens(text):
            if tok.isspace() and not cur:
                continue
            tw = _w(tok, ts)
            if cur and used + _w(tok.rstrip(), ts) > width:
                lines.append(cur)
                cur, used = [], 0.0
                if tok.isspace():
                    continue
            piece = tok
            if not cur and tw > width:  # a single over-long token (a URL): break it by characters
                piece = ""
                for ch in tok:
                    if piece and _w(piece + ch, ts) > width:
                        lines.append([(piece, ts)])
                        piece = ""
                    piece += ch
                tw = _w(piece, ts)
            cur.append((piece, ts))
            used += tw
    if cur:
        lines.append(cur)
    return [_merge(line) for line in lines]


def _merge(line: list[Run]) -> list[Run]:
    out: list[Run] = []
    for text, ts in line:
        if out and out[-1][1] == ts:
            out[-1] = (out[-1][0] + text, ts)
        else:
            out.append((text, ts))
    if out:
        out[-1] = (out[-1][0].rstrip(), out[-1][1])
    return [r for r in out if r[0]]


def _runs_width(runs: list[Run]) -> float:
    return sum(_w(t, ts) for t, ts in runs)


def _line_height(runs: list[Run], st: _Style, lead: float | None = None) -> float:
    size = max((ts.size for _, ts in runs), default=st.size)
    return size * (lead or st.lead)


def _draw_runs(runs: list[Run], x: float, baseline: float) -> list[Op]:
    ops: list[Op] = []
    for text, ts in runs:
        ops.append(("t", x, baseline, text, ts))
        x += _w(text, ts)
    return ops


def _para(
    runs: list[Run],
    x: float,
    width: float,
    st: _Style,
    *,
    indent_first: float = 0.0,
    lead: float | None = None,
) -> list[_Line]:
    """Wrap ``runs`` into lines of ``width`` starting at ``x``."""
    out: list[_Line] = []
    for i, line in enumerate(_wrap(runs, width - (indent_first if not out else 0.0))):
        h = _line_height(line, st, lead)
        dx = indent_first if i == 0 else 0.0
        out.append(_Line(h, _draw_runs(line, x + dx, -h * 0.78)))
    return out


def _bullet_item(text: str, x: float, width: float, st: _Style, ts: _TS | None = None) -> list[_Line]:
    ts = ts or st.ts()
    indent = ts.size * 1.1
    lines = _para([(text, ts)], x + indent, width - indent, st, lead=st.lead * 0.95)
    if lines:
        first = lines[0]
        baseline = -first.height * 0.78
        if st.bullet == "▪" and not st.family.cid:
            side = ts.size * 0.32
            first.ops.append(("sq", x + ts.size * 0.15, baseline + ts.size * 0.22, side, ts.color))
        else:
            first.ops.append(("t", x + ts.size * 0.1, baseline, st.bullet, ts))
    return lines


def _right(runs: list[Run], right: float, baseline: float) -> list[Op]:
    return _draw_runs(runs, right - _runs_width(runs), baseline)


# ----------------------------------------------------------------------------------------- blocks


@dataclass(slots=True)
class _Truth:
    sections: list[dict[str, Any]] = field(default_factory=list)
    positions: list[dict[str, Any]] = field(default_factory=list)
    education: list[dict[str, Any]] = field(default_factory=list)
    skills: list[str] = field(default_factory=list)


def _heading(name: str, x: float, width: float, st: _Style, truth: _Truth) -> list[_Line]:
    text = st.headings[name]
    ts = st.ts("head", st.heading_scale, st.accent)
    idx = len(truth.sections)
    truth.sections.append({"name": name, "heading": text})
    lines = _para([(text, ts)], x, width, st, lead=1.3)
    gap = _Line(st.size * 0.35)
    if st.heading_rule == "below":
        gap.ops.append(("l", x, -1.0, x + width, -1.0, 0.7, st.accent))
        gap.height = st.size * 0.6
    elif st.heading_rule == "above":
        lines[0].ops.append(("l", x, -1.0, x + width, -1.0, 0.5, st.muted))
    elif st.heading_rule == "band":
        h = lines[0].height
        band = (
            min(1.0, st.accent[0] * 0.15 + 0.85),
            min(1.0, st.accent[1] * 0.15 + 0.85),
            min(1.0, st.accent[2] * 0.15 + 0.85),
        )
        lines[0].ops.insert(0, ("r", x - 3, -h - 1, width + 3, h + 1, band))
    lines[0].marks.append(("section", idx))
    return [_Line(st.size * 0.8), *lines, gap]


def _position_truth(p: Position, st: _Style) -> tuple[str, str, str | None, str, str | None, str | None]:
    title = p.title.upper() if st.title_upper else p.title
    employer = p.employer.upper() if st.employer_upper else p.employer
    dates, start, end = format_range(p.start, p.end, st.dates)
    return title, employer, p.location, dates, start, end


def _header_runs(
    title: str, employer: str, loc: str | None, st: _Style, compact: bool = False
) -> tuple[list[list[Run]], bool]:
    """The position header as lines of runs, and whether the location was printed in them."""
    bold, body, ital = st.ts("bold"), st.ts(), st.ts("italic")
    pattern = "title_comma" if compact and st.pattern in ("stacked", "employer_stacked") else st.pattern
    if pattern == "title_comma":
        return [[(title, bold), (", ", body), (employer, body)]], False
    if pattern == "title_dash":
        tail = [(", " + loc, body)] if loc else []
        return [[(title, bold), (" — ", body), (employer, body), *tail]], True
    if pattern == "pipes":
        tail = [(" | ", body), (loc, body)] if loc else []
        return [[(title, bold), (" | ", body), (employer, body), *tail]], True
    if pattern == "stacked":
        tail = [(", " + loc, ital)] if loc and st.dates_place != "right" else []
        return [[(title, bold)], [(employer, ital), *tail]], bool(tail)
    if pattern == "title_at":
        return [[(title, bold), (" at ", body), (employer, bold)]], False
    if pattern == "employer_stacked":
        tail = [(", " + loc, body)] if loc and st.dates_place != "right" else []
        return [[(employer, bold), *tail], [(title, ital)]], bool(tail)
    if pattern == "spaced":
        return [[(employer, bold), ("    ", body), (title, bold)]], False
    # employer_dash
    return [[(employer, bold), (" — ", body), (title, body)]], False


def _position_block(
    p: Position, x: float, width: float, st: _Style, truth: _Truth, *, compact: bool = False
) -> list[_Line]:
    title, employer, loc, dates, start, end = _position_truth(p, st)
    header, loc_done = _header_runs(title, employer, loc, st, compact)
    body, ital, muted = st.ts(), st.ts("italic"), st.ts("italic", color=st.muted)
    if st.family.cid:
        muted = st.ts(color=st.muted)
    place = st.dates_place
    lines: list[_Line] = []
    date_runs: list[Run] = [(dates, muted if not compact else body)] if dates else []
    if place == "prefix" and dates:
        header[0] = [(dates, body), ("    ", body), *header[0]]
    if place == "prefix" and loc and not loc_done:
        header[-1] = [*header[-1], (", " if st.lang == "en" else "  ", body), (loc, body)]
        loc_done = True
    for i, runs in enumerate(header):
        reserve = 0.0
        if i == 0 and place == "right" and date_runs:
            reserve = _runs_width(date_runs) + st.size * 1.5
            if reserve > width * 0.5:  # too wide to share the line: dates go on their own line
                place, reserve = "own_line", 0.0
        wrapped = _para(runs, x, width - reserve, st)
        if i == 0 and reserve:
            # Drawn after the wrapped header lines, so that text extraction keeps the header in one piece.
            first, last = wrapped[0], wrapped[-1]
            base = -first.height * 0.78 + sum(line.height for line in wrapped[:-1])
            last.ops.extend(_right(date_runs, x + width, base))
            base = -first.height * 0.78
            if compact and st.leaders:
                used = _runs_width(_wrap(runs, width - reserve)[0])
                gap_from, gap_to = (
                    x + used + st.size * 0.5,
                    x + width - _runs_width(date_runs) - st.size * 0.5,
                )
                n = int((gap_to - gap_from) / max(_w(". ", body), 0.1))
                leader = " ".join("." * n)
                while n > 0 and _w(leader, body) > gap_to - gap_from:
                    n -= 1
                    leader = " ".join("." * n)
                if n > 2:
                    first.ops.insert(0, ("t", gap_to - _w(leader, body), base, leader, body))
        if i == 0:
            first_line = wrapped[0]
            first_line.marks.append(("position", len(truth.positions)))
        lines.extend(wrapped)
    if place == "own_line" and (dates or (loc and not loc_done)):
        runs_: list[Run] = [(dates, muted)] if dates else []
        if loc and not loc_done:
            runs_ += (
                [(" | " if dates else "", muted), (loc, muted)]
                if st.lang == "en"
                else [("  ", muted), (loc, muted)]
            )
            loc_done = True
        lines.extend(_para([r for r in runs_ if r[0]], x, width, st))
    elif loc and not loc_done:
        # Dates on the title line (or none): the location goes right-aligned beneath them.
        line = _Line(st.size * st.lead)
        line.ops.extend(
            _right([(loc, ital if not st.family.cid else body)], x + width, -st.size * st.lead * 0.78)
        )
        if len(header) > 1 and _runs_width(header[1]) + _w(loc, ital) + st.size * 2 < width:
            lines[-1].ops.extend(
                _right([(loc, ital if not st.family.cid else body)], x + width, -lines[-1].height * 0.78)
            )
        else:
            lines.append(line)
        loc_done = True
    truth.positions.append(
        {
            "title": title,
            "employer": employer,
            "location": loc if loc_done else None,
            "start_date": start,
            "end_date": end,
            "dates_text": dates or None,
        }
    )
    for b in p.bullets:
        lines.extend(_bullet_item(b, x + (0 if compact else st.size * 0.2), width - st.size * 0.2, st))
    return lines


def _education_block(
    e: Education, x: float, width: float, st: _Style, truth: _Truth, *, narrow: bool = False
) -> list[_Line]:
    bold, body, ital = st.ts("bold"), st.ts(), st.ts("italic")
    dates, start, end = format_range(e.start, e.end, st.dates)
    zh = st.lang == "zh"
    degree = degree_text(e, st.lang)
    truth.education.append(
        {
            "degree": e.degree,
            "field": e.field,
            "institution": e.institution,
            "start_date": start,
            "end_date": end,
        }
    )
    lines: list[_Line] = []
    if narrow or st.dates_place == "own_line":
        lines += _para([(degree, bold)], x, width, st)
        inst = e.institution + (f", {e.location}" if e.location and not narrow else "")
        lines += _para([(inst, ital if not zh else body)], x, width, st)
        if dates:
            lines += _para([(dates, body)], x, width, st)
    else:
        head: list[Run] = [(e.institution, bold), ("  " if zh else ", ", body), (degree, body)]
        if st.dates_place == "prefix" and dates:
            head = [(dates, body), ("    ", body), *head]
        reserve = _w(dates, body) + st.size * 1.5 if dates and st.dates_place == "right" else 0.0
        wrapped = _para(head, x, width - reserve, st)
        if reserve:
            wrapped[0].ops.extend(_right([(dates, body)], x + width, -wrapped[0].height * 0.78))
        lines += wrapped
        if e.location:
            lines += _para([(e.location, ital if not zh else body)], x, width, st)
    for note in e.notes:
        lines += _bullet_item(note, x, width, st)
    lines.append(_Line(st.size * 0.3))
    return lines


def _skills_lines(
    skills: tuple[str, ...], x: float, width: float, st: _Style, truth: _Truth, *, force_list: bool = False
) -> list[_Line]:
    truth.skills.extend(skills)
    style = "bullets" if force_list else st.skills_style
    body = st.ts()
    if style == "bullets":
        return [line for s in skills for line in _bullet_item(s, x, width, st)]
    if style == "grid":
        cols = 3 if width > 380 else 2
        col_w = width / cols
        out: list[_Line] = []
        for row in range(0, len(skills), cols):
            line = _Line(st.size * st.lead)
            for c, s in enumerate(skills[row : row + cols]):
                text = s
                while _w(text, body) > col_w - st.size * 1.6 and len(text) > 4:
                    text = text[:-1]
                if text != s:  # too long for a grid cell: fall back to a list for everything
                    truth.skills[-len(skills) :] = []
                    return _skills_lines(skills, x, width, st, truth, force_list=True)
                line.ops += _bullet_item(s, x + c * col_w, col_w, st)[0].ops
            out.append(line)
        return out
    return _para([(skills_separator(style, st.lang).join(skills), body)], x, width, st)


def _languages_text(languages: tuple[tuple[str, str], ...], st: _Style) -> list[str]:
    return languages_text(languages, st.lang, st.lang_fmt)


def _list_lines(items: list[str], x: float, width: float, st: _Style, bullets: bool = True) -> list[_Line]:
    out: list[_Line] = []
    for item in items:
        out += _bullet_item(item, x, width, st) if bullets else _para([(item, st.ts())], x, width, st)
    return out


# ----------------------------------------------------------------------------------------- header


def _contact_items(r: Resume, st: _Style) -> list[str]:
    return contact_items(r, st.contact_stacked)


def _header(r: Resume, flow: _Flow, st: _Style, with_contact: bool) -> None:
    name = r.name.upper() if st.name_upper and st.lang == "en" else r.name
    x, width = flow.x, flow.width
    name_ts = st.ts("name", st.name_scale, st.accent if st.heading_rule == "band" else st.text)
    lines: list[_Line] = []
    for runs in _wrap([(name, name_ts)], width):
        h = name_ts.size * 1.2
        dx = (width - _runs_width(runs)) / 2 if st.name_center else 0.0
        lines.append(_Line(h, _draw_runs(runs, x + dx, -h * 0.8)))
    sub_ts = st.ts(scale=1.1, color=st.accent)
    lines += _centered(_para([(r.headline, sub_ts)], x, width, st), x, width, st.name_center)
    if with_contact:
        small = st.ts(scale=0.95)
        items = _contact_items(r, st)
        if st.contact_stacked:
            for item in items:
                lines += _centered(_para([(item, small)], x, width, st, lead=1.2), x, width, st.name_center)
        else:
            lines += _centered(
                _para([(st.contact_sep.join(items), small)], x, width, st), x, width, st.name_center
            )
    for line in lines:
        flow.put(line)
    flow.space(st.size * 0.4)
    if st.heading_rule in ("none", "above"):
        rule = _Line(st.size * 0.6, [("l", x, -st.size * 0.3, x + width, -st.size * 0.3, 1.0, st.accent)])
        flow.put(rule)


def _centered(lines: list[_Line], x: float, width: float, center: bool) -> list[_Line]:
    if not center:
        return lines
    for line in lines:
        texts = [op for op in line.ops if op[0] == "t"]
        if texts:
            right = max(op[1] + _w(op[3], op[4]) for op in texts)
            dx = (x + width - right) / 2
            line.ops = [("t", op[1] + dx, *op[2:]) if op[0] == "t" else op for op in line.ops]
    return lines


# ----------------------------------------------------------------------------------------- layouts


def _section(
    flow: _Flow, name: str, body: list[list[_Line]], st: _Style, truth: _Truth, *, keep: int = 3
) -> None:
    """Place a heading and its blocks, keeping the heading with the first lines that follow it."""
    head = _heading(name, flow.x, flow.width, st, truth)
    first = body[0] if body else []
    flow.need(sum(line.height for line in head) + sum(line.height for line in first[:keep]))
    for line in head:
        flow.put(line)
    for i, block in enumerate(body):
        flow.put_block(block, keep=keep)
        if i < len(body) - 1:
            flow.space(st.size * (0.35 if st.layout == "compact" else 0.6))


def _main_sections(r: Resume, flow: _Flow, st: _Style, truth: _Truth, sidebar: bool) -> None:
    x, w = flow.x, flow.width
    compact = st.layout == "compact"
    order: list[str] = ["summary"]
    if not sidebar:
        order += ["education", "experience"] if st.edu_first else ["experience", "education"]
        order += ["skills", "certifications", "languages", "projects", "awards", "publications"]
    else:
        order += ["experience", "projects", "publications", "awards"]
    for name in order:
        if name == "summary" and r.summary:
            _section(flow, name, [_para([(r.summary, st.ts())], x, w, st)], st, truth)
        elif name == "experience" and r.positions:
            if st.layout == "table":
                _table_experience(r, flow, st, truth)
            else:
                blocks = [_position_block(p, x, w, st, truth, compact=compact) for p in r.positions]
                _section(flow, name, blocks, st, truth, keep=4)
        elif name == "education" and r.education:
            _section(flow, name, [_education_block(e, x, w, st, truth) for e in r.education], st, truth)
        elif name == "skills" and r.skills:
            _section(flow, name, [_skills_lines(r.skills, x, w, st, truth)], st, truth)
        elif name == "certifications" and r.certifications:
            _section(flow, name, [_list_lines(list(r.certifications), x, w, st)], st, truth)
        elif name == "languages" and r.languages:
            items = _languages_text(r.languages, st)
            body = (
                _para([(st.contact_sep.join(items), st.ts())], x, w, st)
                if len(items) > 1 and compact
                else _list_lines(items, x, w, st, bullets=False)
            )
            _section(flow, name, [body], st, truth)
        elif name == "projects" and r.projects:
            _section(flow, name, [_list_lines(list(r.projects), x, w, st)], st, truth)
        elif name == "awards" and r.awards:
            _section(flow, name, [_list_lines(list(r.awards), x, w, st)], st, truth)
        elif name == "publications" and r.publications:
            _section(flow, name, [_list_lines(list(r.publications), x, w, st)], st, truth)


def _sidebar_sections(r: Resume, flow: _Flow, st: _Style, truth: _Truth) -> None:
    x, w = flow.x, flow.width
    small = dataclasses.replace(st, size=st.size * 0.92)
    contact: list[_Line] = []
    for item in _contact_items(r, st):
        ts = small.ts()
        while _w(item, ts) > w and ts.size > 6.0:  # shrink a long e-mail or link rather than break it
            ts = dataclasses.replace(ts, size=ts.size - 0.25)
        contact += _para([(item, ts)], x, w, small)
    _section(flow, "other", [contact], small, truth)
    order = ["skills", "languages", "education", "certifications"]
    if st.edu_first:
        order = ["education", "skills", "languages", "certifications"]
    for name in order:
        if name == "skills" and r.skills:
            _section(flow, name, [_skills_lines(r.skills, x, w, small, truth, force_list=True)], small, truth)
        elif name == "languages" and r.languages:
            _section(
                flow, name, [_list_lines(_languages_text(r.languages, st), x, w, small, False)], small, truth
            )
        elif name == "education" and r.education:
            blocks = [_education_block(e, x, w, small, truth, narrow=True) for e in r.education]
            _section(flow, name, blocks, small, truth)
        elif name == "certifications" and r.certifications:
            _section(flow, name, [_list_lines(list(r.certifications), x, w, small)], small, truth)


def _table_experience(r: Resume, flow: _Flow, st: _Style, truth: _Truth) -> None:
    x, w = flow.x, flow.width
    left_w = w * 0.24
    pad = 4.0
    rows: list[list[_Line]] = []
    body, muted = st.ts(), st.ts(color=st.muted)
    for p in r.positions:
        title, employer, loc, dates, start, end = _position_truth(p, st)
        left: list[_Line] = []
        if dates:
            left += _para([(dates, body)], x + pad, left_w - 2 * pad, st)
        if loc:
            left += _para([(loc, muted)], x + pad, left_w - 2 * pad, st)
        rx, rw = x + left_w + pad, w - left_w - 2 * pad
        if st.pattern in ("stacked", "employer_stacked"):
            first, second = (title, employer) if st.pattern == "stacked" else (employer, title)
            right = _para([(first, st.ts("bold"))], rx, rw, st) + _para(
                [(second, st.ts("italic"))], rx, rw, st
            )
        else:
            right = _para(
                [
                    (title, st.ts("bold")),
                    (", " if st.lang == "en" else "  ", st.ts("bold")),
                    (employer, st.ts("bold")),
                ],
                rx,
                rw,
                st,
            )
        right[0].marks.append(("position", len(truth.positions)))
        truth.positions.append(
            {
                "title": title,
                "employer": employer,
                "location": loc,
                "start_date": start,
                "end_date": end,
                "dates_text": dates or None,
            }
        )
        for b in p.bullets:
            right += _bullet_item(b, rx, rw, st)
        rows.append(_merge_row(left, right, st, x=x, w=w, left_w=left_w, pad=pad))
    _section(flow, "experience", rows, st, truth, keep=1)


def _merge_row(
    left: list[_Line], right: list[_Line], st: _Style, *, x: float, w: float, left_w: float, pad: float
) -> list[_Line]:
    """Lay two cells side by side as one unsplittable line with the row's borders."""

    def stack(lines: list[_Line]) -> tuple[list[Op], float, list[tuple[str, int]]]:
        ops: list[Op] = []
        marks: list[tuple[str, int]] = []
        y = -pad
        for line in lines:
            ops += [_shift(op, y) for op in line.ops]
            marks += line.marks
            y -= line.height
        return ops, -y + pad, marks

    l_ops, l_h, _ = stack(left)
    r_ops, r_h, marks = stack(right)
    h = max(l_h, r_h)
    ops: list[Op] = []
    if st.table_style == "grid":
        ops += [("R", x, -h, w, h, st.muted, 0.6), ("l", x + left_w, 0.0, x + left_w, -h, 0.6, st.muted)]
    elif st.table_style == "rules":
        ops += [("l", x, 0.0, x + w, 0.0, 0.8, st.accent)]
    else:
        ops += [("r", x, -h, left_w, h, (0.93, 0.93, 0.93)), ("l", x, -h, x + w, -h, 0.4, st.muted)]
    return [_Line(h, ops + l_ops + r_ops, marks)]


def _layout(r: Resume, st: _Style) -> tuple[_Doc, _Truth]:
    pw, ph = st.pagesize
    doc = _Doc(pw, ph)
    truth = _Truth()
    top, bottom = ph - st.margin_top, st.margin_bottom + (14.0 if st.footer != "none" else 0.0)
    mx = st.margin_x
    if st.layout == "two_column":
        header = _Flow(doc, mx, pw - 2 * mx, top_first=top, top_rest=top, bottom=bottom)
        _header(r, header, st, with_contact=False)
        gutter = 18.0
        side_w = (pw - 2 * mx) * 0.31
        main_w = pw - 2 * mx - side_w - gutter
        side_x, main_x = (mx, mx + side_w + gutter) if st.sidebar_left else (mx + main_w + gutter, mx)
        side = _Flow(doc, side_x, side_w, top_first=header.y, top_rest=top, bottom=bottom)
        main = _Flow(doc, main_x, main_w, top_first=header.y, top_rest=top, bottom=bottom)
        _sidebar_sections(r, side, st, truth)
        _main_sections(r, main, st, truth, sidebar=True)
        if st.sidebar_fill:
            fill = (0.95, 0.95, 0.96)
            for i, ops in enumerate(doc.pages):
                y_top = header.y + 6 if i == 0 else ph - st.margin_top + 6
                ops.insert(0, ("r", side_x - 6, bottom - 6, side_w + 12, y_top - bottom + 6, fill))
        else:
            rule_x = (side_x + side_w + gutter / 2) if st.sidebar_left else (side_x - gutter / 2)
            for i, ops in enumerate(doc.pages):
                y_top = header.y if i == 0 else ph - st.margin_top
                ops.append(("l", rule_x, y_top, rule_x, bottom, 0.5, st.muted))
    else:
        flow = _Flow(doc, mx, pw - 2 * mx, top_first=top, top_rest=top, bottom=bottom)
        _header(r, flow, st, with_contact=True)
        _main_sections(r, flow, st, truth, sidebar=False)
    return doc, truth


def _footer(doc: _Doc, r: Resume, st: _Style) -> None:
    n = len(doc.pages)
    if st.footer == "none" or (n == 1 and st.footer != "name_page"):
        return
    ts = st.ts(scale=0.8, color=st.muted)
    for i, ops in enumerate(doc.pages):
        if st.footer == "page_of":
            text = f"第 {i + 1} 页，共 {n} 页" if st.lang == "zh" else f"Page {i + 1} of {n}"
        elif st.footer == "num":
            text = f"{i + 1} / {n}"
        else:
            text = f"{r.name} – {i + 1}" if st.lang == "en" else f"{r.name}  {i + 1}"
        ops.append(("t", (doc.width - _w(text, ts)) / 2, st.margin_bottom - 4, text, ts))


def _emit(doc: _Doc, title: str) -> bytes:
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=(doc.width, doc.height), invariant=1, pageCompression=1)
    c.setTitle(title)
    for ops in doc.pages:
        font: tuple[str, float] | None = None
        fill: Color | None = None
        for op in ops:
            kind = op[0]
            if kind == "t":
                ts: _TS = op[4]
                if ts.fake_bold:
                    t = c.beginText(op[1], op[2])
                    t.setFont(ts.font, ts.size)
                    t.setTextRenderMode(2)
                    c.setStrokeColorRGB(*ts.color)
                    c.setLineWidth(ts.size * 0.035)
                    c.setFillColorRGB(*ts.color)
                    t.textOut(op[3])
                    c.drawText(t)
                    font, fill = None, ts.color
                    continue
                if font != (ts.font, ts.size):
                    c.setFont(ts.font, ts.size)
                    font = (ts.font, ts.size)
                if fill != ts.color:
                    c.setFillColorRGB(*ts.color)
                    fill = ts.color
                c.drawString(op[1], op[2], op[3])
            elif kind == "l":
                c.setStrokeColorRGB(*op[6])
                c.setLineWidth(op[5])
                c.line(op[1], op[2], op[3], op[4])
            elif kind in ("r", "sq"):
                color = op[5] if kind == "r" else op[4]
                c.setFillColorRGB(*color)
                fill = color
                if kind == "r":
                    c.rect(op[1], op[2], op[3], op[4], stroke=0, fill=1)
                else:
                    c.rect(op[1], op[2], op[3], op[3], stroke=0, fill=1)
            elif kind == "R":
                c.setStrokeColorRGB(*op[5])
                c.setLineWidth(op[6])
                c.rect(op[1], op[2], op[3], op[4], stroke=1, fill=0)
        c.showPage()
    c.save()
    return buf.getvalue()


def render_resume(resume: Resume, rng: random.Random, layout: str | None = None) -> RenderedResume:
    """Render a résumé to PDF with a randomly chosen look, and record what was printed.

    Args:
        resume: the content to render.
        rng: the random generator choosing layout (unless given), font and every style choice;
            the output bytes are a pure function of ``resume`` and its state.
        layout: one of :data:`LAYOUTS`, or ``None`` to pick one at random.

    Returns:
        A :class:`RenderedResume` whose ``truth`` holds the layout, font, language, page count,
        section headings and positions (as printed, in printed order), skills, name, email and phone.
        Content that would run past :data:`MAX_PAGES` pages is set smaller, then trimmed of bullets.

    Raises:
        ValueError: if ``layout`` is not one of :data:`LAYOUTS`.
    """
    if layout is None:
        layout = rng.choice(LAYOUTS)
    if layout not in LAYOUTS:
        raise ValueError(f"unknown layout {layout!r}; expected one of {LAYOUTS}")
    st = _choose_style(rng, resume.lang, layout)
    doc, truth = _layout(resume, st)
    for _ in range(4):
        if len(doc.pages) <= MAX_PAGES:
            break
        if st.size > 8.0:
            st = dataclasses.replace(st, size=st.size - 0.5, lead=max(1.15, st.lead - 0.05))
        else:
            resume = dataclasses.replace(
                resume,
                positions=tuple(dataclasses.replace(p, bullets=p.bullets[:3]) for p in resume.positions),
            )
        doc, truth = _layout(resume, st)
    _footer(doc, resume, st)
    name = resume.name.upper() if st.name_upper and st.lang == "en" else resume.name
    title = f"{resume.name} 简历" if st.lang == "zh" else f"{resume.name} - Resume"
    return RenderedResume(
        pdf=_emit(doc, title),
        layout=layout,
        font=st.family.name,
        truth=_truth_dict(doc, truth, resume, st, name),
    )


def _truth_dict(doc: _Doc, truth: _Truth, r: Resume, st: _Style, name: str) -> dict[str, Any]:
    """Attach pages to sections and positions and order them as a reader would: by page, then column."""
    where: dict[tuple[str, int], tuple[int, float, float]] = {}
    for kind, idx, page, x, y in doc.marks:
        where.setdefault((kind, idx), (page, x, -y))
    sections = [dict(s, page=where[("section", i)][0] + 1) for i, s in enumerate(truth.sections)]
    order = sorted(range(len(sections)), key=lambda i: where[("section", i)])
    positions = [dict(p, page=where[("position", i)][0] + 1) for i, p in enumerate(truth.positions)]
    positions.sort(key=lambda p: p["page"])  # stable: printed order within a page is the résumé's order
    return {
        "layout": st.layout,
        "font": st.family.name,
        "lang": st.lang,
        "pages": len(doc.pages),
        "sections": [sections[i] for i in order],
        "positions": positions,
        "education": truth.education,
        "skills": truth.skills,
        "name": name,
        "email": r.email,
        "phone": r.phone,
    }
