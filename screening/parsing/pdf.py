"""PDF bytes -> positioned text runs, images and hidden text, page by page.

pypdf reads the file structure (xref, objects, filters, encryption) and the fonts
(encodings, ``ToUnicode`` maps, widths). The content streams are interpreted here
instead of through ``PageObject.extract_text``: a regular-expression tokenizer is
several times faster than pypdf's generic object reader on the glyph-per-operator
streams that résumé builders produce, and interpreting the operators ourselves gives
what layout analysis and hidden-text detection need — the extent of every run, its
font and size, its fill colour and render mode, and whether it lies on the page.
"""

from __future__ import annotations

import io
import logging
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, cast

from pypdf import PdfReader
from pypdf.errors import FileNotDecryptedError, LimitReachedError, PyPdfError
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    FloatObject,
    IndirectObject,
    NameObject,
    NumberObject,
    StreamObject,
)
from pypdf.generic._font import Font

from screening.parsing.errors import ErrorCode, ParseError
from screening.parsing.sniff import HEADER_WINDOW, not_pdf_reason

logger = logging.getLogger(__name__)

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)

#: Tokens interpreted per document before giving up (a guard for in-process use;
#: the isolated worker also has a wall-clock limit).
MAX_TOKENS_PER_DOCUMENT = 8_000_000
#: Operands of one operator, or items of one array (a TJ array of a long line has a few hundred).
MAX_OPERANDS = 100_000
#: Nesting of form XObjects followed.
MAX_FORM_DEPTH = 8
#: A fill colour at least this light is treated as invisible on the (white) page.
LIGHT_LUMINANCE = 0.92
#: A filled rectangle at most this light is a background that white text may sit on.
DARK_LUMINANCE = 0.75
#: Text smaller than this (points, after all transformations) cannot be read by a person.
MIN_VISIBLE_SIZE = 2.0


@dataclass(slots=True)
class TextRun:
    """One shown string: device-space start/end on the baseline, and its style."""

    text: str
    x0: float
    x1: float
    y: float
    size: float
    bold: bool
    upright: bool = True


@dataclass(slots=True)
class HiddenRun:
    """Text a reader of the page cannot see, kept out of the résumé text."""

    text: str
    reason: str  # invisible | white_text | tiny_font | off_page


@dataclass(slots=True)
class ImageBox:
    """An image drawn on the page, in device space."""

    x0: float
    y0: float
    x1: float
    y1: float


@dataclass(slots=True)
class PageContent:
    """Everything read from one page."""

    number: int
    width: float
    height: float
    runs: list[TextRun] = field(default_factory=list)
    hidden: list[HiddenRun] = field(default_factory=list)
    images: list[ImageBox] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    #: Horizontal rules drawn on the page (stroked lines, thin rectangles): ``(y, x0, x1)``.
    rules: list[tuple[float, float, float]] = field(default_factory=list)


@dataclass(slots=True)
class DocumentContent:
    """Everything read from a PDF."""

    pages: list[PageContent]
    page_count: int


# --------------------------------------------------------------------------------------------
# Opening


def open_pdf(data: bytes, *, max_bytes: int, max_pages: int) -> PdfReader:
    """Open ``data`` as a PDF within the limits.

    Raises:
        ParseError: ``not_pdf``, ``too_large``, ``encrypted``, ``too_many_pages`` or ``malformed``.
    """
    reason = not_pdf_reason(data[:HEADER_WINDOW])
    if reason is not None:
        raise ParseError("not_pdf", reason)
    if len(data) > max_bytes:
        raise ParseError("too_large", f"file is {len(data):,} bytes; the limit is {max_bytes:,}")
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                ok = reader.decrypt("")
            except (NotImplementedError, PyPdfError, ValueError) as exc:
                raise ParseError("encrypted", f"the PDF is encrypted and cannot be opened: {exc}") from exc
            if not ok:
                raise ParseError("encrypted", "the PDF is protected by a password")
        count = len(reader.pages)
    except ParseError:
        raise
    except FileNotDecryptedError as exc:
        raise ParseError("encrypted", "the PDF is protected by a password") from exc
    except NotImplementedError as exc:  # pypdf: an encryption handler other than /Standard
        code: ErrorCode = "encrypted" if b"/Encrypt" in data else "malformed"
        raise ParseError(code, f"the PDF uses an unsupported feature: {exc}") from exc
    except LimitReachedError as exc:
        raise ParseError("too_large", f"the PDF exceeds a structural limit: {exc}") from exc
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError) as exc:
        raise ParseError("malformed", f"the PDF structure cannot be read: {type(exc).__name__}") from exc
    if count > max_pages:
        raise ParseError("too_many_pages", f"the PDF has {count} pages; the limit is {max_pages}")
    if count == 0:
        raise ParseError("malformed", "the PDF has no pages")
    return reader


# --------------------------------------------------------------------------------------------
# Content-stream tokenizer

_TOKEN = re.compile(
    rb"""
     (\((?:[^()\\]|\\.)*\))              # 1 literal string without nested parentheses
    |(<[0-9A-Fa-f\s]*>)                  # 2 hex string
    |([+-]?(?:\d+\.?\d*|\.\d+))          # 3 number
    |(/[^\s/\[\]()<>{}%]*)               # 4 name
    |(\[|\]|<<|>>)                       # 5 array and dictionary delimiters
    |(%[^\r\n]*)                         # 6 comment
    |(\()                                # 7 literal string with nested parentheses
    |([^\s/\[\]()<>{}%]+)                # 8 operator or keyword
    """,
    re.VERBOSE | re.DOTALL,
)
_ESCAPE = re.compile(rb"\\([0-7]{1,3}|\r\n|[\s\S])")
_ESCAPES = {
    b"n": b"\n",
    b"r": b"\r",
    b"t": b"\t",
    b"b": b"\b",
    b"f": b"\f",
    b"\r\n": b"",
    b"\n": b"",
    b"\r": b"",
}
_END_OF_INLINE_IMAGE = re.compile(rb"\sEI(?=[\s/\[<(]|$)")
#: Lone UTF-16 surrogates (from broken ToUnicode maps): not text, and unencodable downstream
#: (spaCy, JSON, PostgreSQL), so they become U+FFFD like any other undecodable glyph.
_SURROGATE = re.compile("[\ud800-\udfff]")
_NOT_HEX = re.compile(rb"[^0-9A-Fa-f]")


def _unescape(match: re.Match[bytes]) -> bytes:
    code = match.group(1)
    if code[:1].isdigit() and code[:1] not in (b"8", b"9"):
        return bytes((int(code, 8) & 0xFF,))
    return _ESCAPES.get(code, code)


def _literal(raw: bytes) -> bytes:
    body = raw[1:-1]
    return _ESCAPE.sub(_unescape, body) if b"\\" in body else body


def _hex(raw: bytes) -> bytes:
    digits = _NOT_HEX.sub(b"", raw[1:-1])
    if len(digits) % 2:
        digits += b"0"
    return bytes.fromhex(digits.decode("ascii"))


def _nested_literal_end(data: bytes, start: int) -> int:
    """Index just past the literal string opening at ``start`` (balanced parentheses)."""
    depth = 0
    i = start
    n = len(data)
    while i < n:
        c = data[i]
        if c == 0x5C:  # backslash
            i += 2
            continue
        if c == 0x28:
            depth += 1
        elif c == 0x29:
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return n


class _Budget:
    __slots__ = ("remaining",)

    def __init__(self, tokens: int) -> None:
        self.remaining = tokens


def iter_operations(data: bytes, budget: _Budget) -> Iterator[tuple[bytes, list[Any]]]:
    """Yield ``(operator, operands)`` from a content stream.

    Operands are kept cheap: numbers stay ``bytes`` (converted by the operators that need
    them), strings are ``bytearray`` (decoded bytes), names ``str``, arrays ``list``.
    """
    operands: list[Any] = []
    target = operands  # the list the next operand goes to (an open array, or the operands)
    stack: list[list[Any]] = []
    pos = 0
    n = len(data)
    finditer = _TOKEN.finditer
    while pos < n:
        restart = n
        for m in finditer(data, pos):
            kind = m.lastindex or 0
            token = m[kind]
            if kind == 3:
                target.append(token)
                if len(target) > MAX_OPERANDS:
                    raise ParseError("too_large", "a content stream holds an array too long to process")
            elif kind == 8:
                if stack:  # keywords such as true/false/null inside arrays or dictionaries
                    target.append(token)
                    continue
                budget.remaining -= len(operands) + 1
                if budget.remaining < 0:
                    raise ParseError("too_large", "the PDF's content streams exceed the processing limit")
                if token == b"BI":
                    image_end = _END_OF_INLINE_IMAGE.search(data, m.end())
                    restart = image_end.end() if image_end else n
                    yield b"BI", []
                    operands = target = []
                    break
                yield token, operands
                operands = target = []
            elif kind == 1:
                target.append(bytearray(_literal(token)))
                if len(target) > MAX_OPERANDS:
                    raise ParseError("too_large", "a content stream holds an array too long to process")
            elif kind == 4:
                target.append(token.decode("latin-1"))
            elif kind == 2:
                target.append(bytearray(_hex(token)))
            elif kind == 5:
                if token in {b"[", b"<<"}:
                    target = []
                    stack.append(target)
                elif stack:
                    done = stack.pop()
                    target = stack[-1] if stack else operands
                    target.append(done)
                    budget.remaining -= len(done)
            elif kind == 7:
                end = _nested_literal_end(data, m.start())
                target.append(bytearray(_literal(data[m.start() : end])))
                restart = end
                break
            # comments (6) are skipped
        pos = restart


# --------------------------------------------------------------------------------------------
# Interpretation


_HYPHENS = frozenset("-\u2010\u2011\u00ad")


def _simplify_mapping(mapped: str) -> str:
    """One glyph mapped to several characters that mean one (word processors map the space
    glyph to "\\t\\r \\xa0" and the hyphen to "-\u2010"): keep the meaning once."""
    if mapped.isspace():
        return " "
    if all(c in _HYPHENS for c in mapped):
        return "-"
    return mapped


def _mul(m1: Matrix, m2: Matrix) -> Matrix:
    a, b, c, d, e, f = m1
    a2, b2, c2, d2, e2, f2 = m2
    return (
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    )


def _num(value: Any, default: float = 0.0) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return default


def _luminance(values: list[Any]) -> float | None:
    """Luminance of a colour given by 1 (gray), 3 (RGB) or 4 (CMYK) components."""
    nums = [_num(v, -1.0) for v in values if isinstance(v, (bytes, int, float))]
    if any(v < 0 for v in nums):
        return None
    if len(nums) == 1:
        return nums[0]
    if len(nums) == 3:
        r, g, b = nums
        return 0.299 * r + 0.587 * g + 0.114 * b
    if len(nums) == 4:
        c, m, y, k = nums
        return 0.299 * (1 - c) * (1 - k) + 0.587 * (1 - m) * (1 - k) + 0.114 * (1 - y) * (1 - k)
    return None


@dataclass(slots=True)
class _GraphicsState:
    ctm: Matrix = IDENTITY
    fill: float | None = 0.0
    stroke: float | None = 0.0
    font: _FontEntry | None = None
    size: float = 0.0
    char_spacing: float = 0.0
    word_spacing: float = 0.0
    scale: float = 1.0
    leading: float = 0.0
    rise: float = 0.0
    render: int = 0

    def copy(self) -> _GraphicsState:
        return _GraphicsState(
            self.ctm,
            self.fill,
            self.stroke,
            self.font,
            self.size,
            self.char_spacing,
            self.word_spacing,
            self.scale,
            self.leading,
            self.rise,
            self.render,
        )


_BOLD_NAME = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)


def _fallback_font() -> Font:
    """Helvetica's metrics, for text shown before any font is selected or with a broken font."""
    return Font.from_core_font_name("/Helvetica")


_UNICODE_CMAP = re.compile(r"^/Uni(?:GB|CNS|JIS|KS)-(?:UCS2|UTF16)-[HV]$")


def _fix_unicode_cmap_widths(font: Font, font_dict: DictionaryObject) -> None:
    """Key a CJK font's widths by character, not CID, for its ASCII range.

    Fonts with a predefined Unicode CMap (``UniGB-UCS2-H``...) show Unicode codes, but
    their ``/W`` widths are keyed by CID. In every Adobe CJK collection CIDs 1-95 are
    the printable ASCII characters, so ``width(ch) = W[ord(ch) - 31]``; without this, Latin
    text in a Chinese résumé measures twice its width and spills into the next column.
    """
    encoding = font_dict.get("/Encoding")
    if not isinstance(encoding, str) or not _UNICODE_CMAP.match(encoding):
        return
    by_cid = font.character_widths
    fixed = {"default": by_cid.get("default", 1000)}
    for code in range(0x20, 0x7F):
        fixed[chr(code)] = by_cid.get(chr(code - 31), 500)
    font.character_widths = fixed


#: A font, whether it is bold, and its decoded-character cache (code -> text, width).
_FontEntry = tuple[Font, bool, dict[str, tuple[str, float]]]


#: Fonts whose dictionary holds only names and numbers (the standard 14 with a named
#: encoding, as most generators write them), by that content, shared by every document a
#: process reads, with their decoded-character caches: such a font is the same wherever it
#: appears (building it again cost 2-4 % of parsing a short generated résumé). Nothing else
#: goes in (bounded; fonts with embedded data or references are built per document).
_SHARED_FONTS: dict[tuple[tuple[str, str, str], ...], _FontEntry] = {}
_SHARED_FONTS_MAX = 256
_SIMPLE_VALUES = (NameObject, NumberObject, FloatObject)


def _shared_key(font_dict: Any) -> tuple[tuple[str, str, str], ...] | None:
    """The content of a font dictionary of names and numbers only, else None."""
    if not isinstance(font_dict, DictionaryObject):
        return None
    items = []
    for key, value in font_dict.items():
        if not isinstance(value, _SIMPLE_VALUES):
            return None
        items.append((str(key), type(value).__name__, str(value)))
    return tuple(sorted(items))


def _font_entry(ref: Any) -> _FontEntry:
    shared: tuple[tuple[str, str, str], ...] | None = None
    try:
        font_dict = cast(DictionaryObject, ref.get_object())
        shared = _shared_key(font_dict)
        if shared is not None and (found := _SHARED_FONTS.get(shared)) is not None:
            return found
        font = Font.from_font_resource(font_dict)
        if font.character_widths.get(font.space_char, 0) == 0:
            font.space_width = 250
        _fix_unicode_cmap_widths(font, font_dict)
    except (PyPdfError, AttributeError, TypeError, KeyError, ValueError, IndexError):
        font = _fallback_font()
    bold = bool(_BOLD_NAME.search(font.name)) or bool(font.font_descriptor.flags & (1 << 18))
    entry: _FontEntry = (font, bold, {})
    if shared is not None and len(_SHARED_FONTS) < _SHARED_FONTS_MAX:
        _SHARED_FONTS[shared] = entry  # nothing mutates an entry's font after this point
    return entry


class _FontCache:
    """Fonts of a document, by the identity of their dictionary, built once."""

    def __init__(self) -> None:
        self._fonts: dict[int, _FontEntry] = {}
        self._fallback: _FontEntry | None = None

    def fallback(self) -> _FontEntry:
        """Helvetica, for text shown before any font was selected."""
        if self._fallback is None:
            self._fallback = (_fallback_font(), False, {})
        return self._fallback

    def get(self, ref: Any) -> _FontEntry:
        key = ref.idnum if isinstance(ref, IndirectObject) else id(ref)
        cached = self._fonts.get(key)
        if cached is None:
            cached = self._fonts[key] = _font_entry(ref)
        return cached


@dataclass(slots=True)
class _PageBox:
    x0: float
    y0: float
    x1: float
    y1: float


def _page_box(page: Any) -> _PageBox:
    try:
        box = page.cropbox
        x0, y0, x1, y1 = float(box.left), float(box.bottom), float(box.right), float(box.top)
    except (PyPdfError, AttributeError, TypeError, ValueError, KeyError):
        x0, y0, x1, y1 = 0.0, 0.0, 612.0, 792.0
    if x1 - x0 < 10 or y1 - y0 < 10:
        x0, y0, x1, y1 = 0.0, 0.0, 612.0, 792.0
    return _PageBox(min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))


class _PageInterpreter:
    """Runs one page's content streams (and the form XObjects they draw)."""

    def __init__(self, page: PageContent, box: _PageBox, fonts: _FontCache, budget: _Budget) -> None:
        self.page = page
        self.box = box
        self.fonts = fonts
        self.budget = budget
        self.dark_rects: list[tuple[float, float, float, float]] = []
        self.seen_forms: set[int] = set()

    # -- text ----------------------------------------------------------------------------
    def _decode(self, font: Font, raw: bytes, cache: dict[str, tuple[str, float]]) -> tuple[str, float, int]:
        """Return (unicode text, width in glyph-space thousandths, number of single-byte spaces)."""
        encoding = font.encoding
        if isinstance(encoding, str):
            try:
                codes = raw.decode(encoding, "surrogatepass")
            except (UnicodeDecodeError, LookupError):
                codes = raw.decode("latin-1") if encoding != "utf-16-be" else raw.decode(encoding, "replace")
            spaces = 0
        else:
            codes = "".join([chr(b) for b in raw])
            spaces = raw.count(32)
        cmap = font.character_map
        widths = font.character_widths
        default_w = widths.get("default", 500)
        out = []
        width = 0.0
        for ch in codes:
            hit = cache.get(ch)
            if hit is None:
                mapped = ch if isinstance(encoding, str) else encoding.get(ord(ch), ch)
                mapped = cmap.get(mapped, mapped) if cmap else mapped
                if len(mapped) > 1:
                    mapped = _simplify_mapping(mapped)
                if _SURROGATE.search(mapped):
                    mapped = _SURROGATE.sub("\ufffd", mapped)
                hit = (mapped, float(widths.get(ch, default_w)))
                cache[ch] = hit
            out.append(hit[0])
            width += hit[1]
        return "".join(out), width, spaces

    def _show(self, gs: _GraphicsState, tm: list[float], raw: bytes) -> None:
        font, bold, cache = gs.font if gs.font is not None else self.fonts.fallback()
        text, glyph_width, spaces = self._decode(font, raw, cache)
        count = len(raw) if not isinstance(font.encoding, str) else len(text)
        advance = (
            glyph_width / 1000.0 * gs.size + gs.char_spacing * count + gs.word_spacing * spaces
        ) * gs.scale
        # Text rendering matrix = [size*scale 0 0 size 0 rise] x Tm x CTM (origin and axes only).
        a, b, c, d, e, f = _mul((tm[0], tm[1], tm[2], tm[3], tm[4], tm[5]), gs.ctm)
        x = e + gs.rise * c
        y = f + gs.rise * d
        x_end = x + advance * a
        tm[4] += advance * tm[0]
        tm[5] += advance * tm[1]
        if not text:
            return
        size = abs(gs.size) * math.hypot(c, d)
        upright = abs(b) <= 0.01 * max(abs(a), 1e-9) and a > 0 and d > 0
        reason = self._hidden_reason(gs, x, y, x_end, size)
        if reason is not None:
            self.page.hidden.append(HiddenRun(text, reason))
            return
        if upright:
            self.page.runs.append(TextRun(text, x, x_end, y, size, bold))
        else:
            self.page.runs.append(TextRun(text, min(x, x_end), max(x, x_end), y, size, bold, upright=False))

    def _hidden_reason(self, gs: _GraphicsState, x: float, y: float, x_end: float, size: float) -> str | None:
        if gs.render in (3, 7):
            # Invisible text over a scanned image is an OCR layer, meant to be read.
            mx = (x + x_end) / 2
            for img in self.page.images:
                if img.x0 <= mx <= img.x1 and img.y0 <= y <= img.y1:
                    return None
            return "invisible"
        if size < MIN_VISIBLE_SIZE:
            return "tiny_font"
        box = self.box
        margin = 2.0
        if (
            max(x, x_end) < box.x0 - margin
            or min(x, x_end) > box.x1 + margin
            or y < box.y0 - margin
            or y > box.y1 + margin
        ):
            return "off_page"
        colour = gs.stroke if gs.render in (1, 5) else gs.fill
        if colour is not None and colour >= LIGHT_LUMINANCE:
            mx, my = (x + x_end) / 2, y + size * 0.3
            for rx0, ry0, rx1, ry1 in self.dark_rects:
                if rx0 <= mx <= rx1 and ry0 <= my <= ry1:
                    return None
            return "white_text"
        return None

    # -- streams -------------------------------------------------------------------------
    def run(self, data: bytes, resources: Any, gs: _GraphicsState, depth: int = 0) -> None:
        font_dict: Any = None
        xobjects: Any = None
        if isinstance(resources, DictionaryObject):
            font_dict = resources.get("/Font")
            font_dict = font_dict.get_object() if font_dict is not None else None
            xobjects = resources.get("/XObject")
            xobjects = xobjects.get_object() if xobjects is not None else None
        stack: list[_GraphicsState] = []
        tm = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]
        tlm = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]
        pending_rects: list[tuple[float, float, float, float]] = []
        pending_lines: list[tuple[float, float, float, float]] = []
        point: tuple[float, float] | None = None
        for op, args in iter_operations(data, self.budget):
            if op == b"Tj":
                if args and isinstance(args[-1], bytearray):
                    self._show(gs, tm, bytes(args[-1]))
            elif op == b"TJ":
                if args and isinstance(args[-1], list):
                    for item in args[-1]:
                        if isinstance(item, bytearray):
                            self._show(gs, tm, bytes(item))
                        elif isinstance(item, bytes):
                            shift = -_num(item) / 1000.0 * gs.size * gs.scale
                            tm[4] += shift * tm[0]
                            tm[5] += shift * tm[1]
            elif op in {b"Td", b"TD"}:
                if len(args) >= 2:
                    tx, ty = _num(args[-2]), _num(args[-1])
                    if op == b"TD":
                        gs.leading = -ty
                    tlm = [
                        tlm[0],
                        tlm[1],
                        tlm[2],
                        tlm[3],
                        tx * tlm[0] + ty * tlm[2] + tlm[4],
                        tx * tlm[1] + ty * tlm[3] + tlm[5],
                    ]
                    tm = tlm.copy()
            elif op == b"Tm":
                if len(args) >= 6:
                    tlm = [_num(v) for v in args[-6:]]
                    tm = tlm.copy()
            elif op in {b"T*", b"'", b'"'}:
                if op == b'"' and len(args) >= 3:
                    gs.word_spacing = _num(args[0])
                    gs.char_spacing = _num(args[1])
                tlm = [
                    tlm[0],
                    tlm[1],
                    tlm[2],
                    tlm[3],
                    -gs.leading * tlm[2] + tlm[4],
                    -gs.leading * tlm[3] + tlm[5],
                ]
                tm = tlm.copy()
                if op != b"T*" and args and isinstance(args[-1], bytearray):
                    self._show(gs, tm, bytes(args[-1]))
            elif op == b"Tf":
                if len(args) >= 2:
                    gs.size = _num(args[-1], 0.0)
                    ref = font_dict.get(args[-2]) if isinstance(font_dict, DictionaryObject) else None
                    gs.font = self.fonts.get(ref) if ref is not None else None
            elif op == b"BT":
                tm = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]
                tlm = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]
            elif op == b"Tc":
                gs.char_spacing = _num(args[-1]) if args else 0.0
            elif op == b"Tw":
                gs.word_spacing = _num(args[-1]) if args else 0.0
            elif op == b"Tz":
                gs.scale = _num(args[-1], 100.0) / 100.0 if args else 1.0
            elif op == b"TL":
                gs.leading = _num(args[-1]) if args else 0.0
            elif op == b"Ts":
                gs.rise = _num(args[-1]) if args else 0.0
            elif op == b"Tr":
                gs.render = int(_num(args[-1])) if args else 0
            elif op == b"q":
                stack.append(gs.copy())
            elif op == b"Q":
                if stack:
                    gs = stack.pop()
            elif op == b"cm":
                if len(args) >= 6:
                    m = cast(Matrix, tuple(_num(v) for v in args[-6:]))
                    gs.ctm = _mul(m, gs.ctm)
            elif op in (b"g", b"rg", b"k", b"sc", b"scn"):
                gs.fill = _luminance(args)
            elif op in (b"G", b"RG", b"K", b"SC", b"SCN"):
                gs.stroke = _luminance(args)
            elif op == b"cs":
                gs.fill = 0.0
            elif op == b"CS":
                gs.stroke = 0.0
            elif op == b"re":
                if len(args) >= 4:
                    rx, ry, rw, rh = (_num(v) for v in args[-4:])
                    pending_rects.append(self._device_rect(gs.ctm, rx, ry, rx + rw, ry + rh))
            elif op == b"m":
                if len(args) >= 2:
                    point = (_num(args[-2]), _num(args[-1]))
            elif op == b"l":
                if len(args) >= 2:
                    nxt = (_num(args[-2]), _num(args[-1]))
                    if point is not None:
                        pending_lines.append(self._device_rect(gs.ctm, *point, *nxt))
                    point = nxt
            elif op in (b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*", b"S", b"s"):
                if (
                    op not in (b"S", b"s")
                    and pending_rects
                    and gs.fill is not None
                    and gs.fill <= DARK_LUMINANCE
                ):
                    self.dark_rects.extend(pending_rects)
                self._collect_rules(pending_rects, pending_lines)
                pending_rects, pending_lines, point = [], [], None
            elif op == b"n":
                pending_rects, pending_lines, point = [], [], None
            elif op == b"Do":
                if args and isinstance(xobjects, DictionaryObject):
                    self._draw_xobject(xobjects.get(args[-1]), resources, gs, depth)
            elif op == b"BI":
                self.page.images.append(_image_box(gs.ctm))

    def _collect_rules(
        self, rects: list[tuple[float, float, float, float]], lines: list[tuple[float, float, float, float]]
    ) -> None:
        """Keep painted horizontal rules, 40 pt or longer: flat line segments, thin rectangles,
        and the top and bottom edges of boxes (table cells, shaded bands)."""
        rules = self.page.rules
        if len(rules) > 2000:
            return
        for x0, y0, x1, y1 in lines:
            if y1 - y0 <= 2.5 and x1 - x0 >= 40:
                rules.append(((y0 + y1) / 2, x0, x1))
        for x0, y0, x1, y1 in rects:
            if x1 - x0 < 40:
                continue
            if y1 - y0 <= 2.5:
                rules.append(((y0 + y1) / 2, x0, x1))
            else:
                rules.extend(((y0, x0, x1), (y1, x0, x1)))

    @staticmethod
    def _device_rect(
        ctm: Matrix, x0: float, y0: float, x1: float, y1: float
    ) -> tuple[float, float, float, float]:
        a, b, c, d, e, f = ctm
        xs = [x * a + y * c + e for x, y in ((x0, y0), (x1, y1), (x0, y1), (x1, y0))]
        ys = [x * b + y * d + f for x, y in ((x0, y0), (x1, y1), (x0, y1), (x1, y0))]
        return (min(xs), min(ys), max(xs), max(ys))

    def _draw_xobject(self, ref: Any, resources: Any, gs: _GraphicsState, depth: int) -> None:
        if ref is None:
            return
        key = ref.idnum if isinstance(ref, IndirectObject) else id(ref)
        obj = ref.get_object()
        if not isinstance(obj, StreamObject):
            return
        subtype = obj.get("/Subtype")
        if subtype == "/Image":
            self.page.images.append(_image_box(gs.ctm))
            return
        if subtype != "/Form" or depth >= MAX_FORM_DEPTH or key in self.seen_forms:
            return
        self.seen_forms.add(key)
        try:
            matrix = obj.get("/Matrix")
            inner = gs.copy()
            if isinstance(matrix, ArrayObject) and len(matrix) == 6:
                inner.ctm = _mul(cast(Matrix, tuple(_num(v) for v in matrix)), gs.ctm)
            form_resources = obj.get("/Resources")
            form_resources = form_resources.get_object() if form_resources is not None else resources
            self.run(obj.get_data(), form_resources, inner, depth + 1)
        finally:
            self.seen_forms.discard(key)


def _image_box(ctm: Matrix) -> ImageBox:
    x0, y0, x1, y1 = _PageInterpreter._device_rect(ctm, 0.0, 0.0, 1.0, 1.0)
    return ImageBox(x0, y0, x1, y1)


def _content_bytes(page: Any) -> bytes:
    contents = page.get("/Contents")
    if contents is None:
        return b""
    contents = contents.get_object()
    if isinstance(contents, ArrayObject):
        parts = []
        for part in contents:
            obj = part.get_object()
            if isinstance(obj, StreamObject):
                parts.append(obj.get_data())
        return b"\n".join(parts)
    if isinstance(contents, StreamObject):
        return contents.get_data()
    return b""


def _page_links(page: Any) -> list[str]:
    links: list[str] = []
    annots = page.get("/Annots")
    if annots is None:
        return links
    annots = annots.get_object()
    if not isinstance(annots, ArrayObject):
        return links
    for annot in annots[:200]:
        obj = annot.get_object()
        if not isinstance(obj, DictionaryObject):
            continue
        action = obj.get("/A")
        action = action.get_object() if action is not None else None
        if isinstance(action, DictionaryObject) and action.get("/S") == "/URI":
            uri = action.get("/URI")
            if isinstance(uri, (str, bytes)):
                links.append(uri.decode("latin-1") if isinstance(uri, bytes) else str(uri))
    return links


def read_document(reader: PdfReader) -> DocumentContent:
    """Interpret every page of an opened PDF.

    Raises:
        ParseError: ``too_large`` when the content exceeds the processing budget or a
            decompression limit, ``malformed`` when a page cannot be read at all.
    """
    fonts = _FontCache()
    budget = _Budget(MAX_TOKENS_PER_DOCUMENT)
    pages: list[PageContent] = []
    failures = 0
    for number, page in enumerate(reader.pages, start=1):
        box = _page_box(page)
        content = PageContent(number=number, width=box.x1 - box.x0, height=box.y1 - box.y0)
        try:
            content.links = _page_links(page)
            resources = page.get("/Resources")
            resources = resources.get_object() if resources is not None else None
            interpreter = _PageInterpreter(content, box, fonts, budget)
            interpreter.run(_content_bytes(page), resources, _GraphicsState())
        except ParseError:
            raise
        except LimitReachedError as exc:
            raise ParseError("too_large", f"page {number} exceeds a decompression limit") from exc
        except (
            PyPdfError,
            ValueError,
            KeyError,
            TypeError,
            AttributeError,
            IndexError,
            RecursionError,
        ) as exc:
            failures += 1
            logger.info("page could not be read", extra={"page": number, "error": type(exc).__name__})
        pages.append(content)
    if failures == len(pages):
        raise ParseError("malformed", "no page of the PDF could be read")
    return DocumentContent(pages=pages, page_count=len(pages))
