"""A corpus of hostile PDFs for reliability testing: mutated résumés and crafted attacks.

``screening generate-hostile --out DIR --n 1000 --seed 1 [--from FOLDER]`` writes
``DIR/files/<nnnnn>-<category>.pdf`` and ``DIR/index.jsonl`` (one record per file: its
category, variant, base, size, SHA-256 and, for crafted files, the outcomes accepted for it).

Two kinds of files:

- **crafted** (:data:`CRAFTED`): one or more variants of every attack the parser must
  survive: not a PDF at all, encryption with and without a user password, decompression
  bombs (a few KB on disk that expand to GBs), deep nesting, reference loops, huge page
  counts, endless or huge content streams, broken cross-reference tables, JavaScript and
  embedded files, image-only pages, hidden text, absurd values, oversized files;
- **mutations** of real résumés: generated ones (:func:`training.corpus.generate.generate_example`)
  and, with ``--from``, any folder of PDFs (read by path, never copied anywhere but ``DIR``):
  bit flips, overwritten, deleted, duplicated or inserted byte ranges, PDF tokens spliced in,
  truncations, structural edits (lengths, counts, references, filters, ``startxref``) and
  token-level edits of the decoded content streams.

Everything is deterministic for a seed (and the same ``--from`` files). Files with
``"expect": null`` may end in any outcome but a crash or a hang; crafted files list the
outcomes they may have: ``ok`` (parsed: scored or sent to review), ``needs_review``, or
parse error codes.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import logging
import random
import re
import sys
import zipfile
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache, partial
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

#: Outcome names an index record's ``expect`` may hold besides the parse error codes.
OK, NEEDS_REVIEW = "ok", "needs_review"

RESUME_LINES = (
    "Priya Raman",
    "Summary",
    "Risk analyst moving from banking to digital assets.",
    "Experience",
    "Risk Analyst, Harbour Bank, London, 2018 - 2022",
    "Built credit scorecards for small-business loans across three markets.",
    "Led the migration of the risk engine to a new data platform.",
    "Analyst, Northwind Capital, 2015 - 2018",
    "Education",
    "BSc Economics, University of Leeds, 2015",
    "Skills",
    "Python, SQL, Basel III, credit risk, stress testing",
)


@dataclass(frozen=True)
class HostileFile:
    """One file of the corpus and what it is."""

    kind: str  # "crafted" or "mutation"
    category: str
    variant: str
    data: bytes
    base: str | None = None
    expect: tuple[str, ...] | None = None

    def record(self, index: int, path: str) -> dict[str, Any]:
        """The file's ``index.jsonl`` record."""
        return {
            "id": index,
            "file": path,
            "kind": self.kind,
            "category": self.category,
            "variant": self.variant,
            "base": self.base,
            "expect": list(self.expect) if self.expect is not None else None,
            "bytes": len(self.data),
            "sha256": hashlib.sha256(self.data).hexdigest(),
        }


# --------------------------------------------------------------------------------------------
# Raw PDF writing


def _escape(text: str) -> bytes:
    raw = text.encode("cp1252", "replace")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def text_ops(lines: Sequence[str], top: int = 800) -> bytes:
    """Content-stream operators drawing ``lines`` in /F1, top to bottom."""
    ops = [f"BT /F1 10 Tf 14 TL 50 {top} Td".encode()]
    ops += [b"(" + _escape(line) + b") Tj T*" for line in lines]
    ops.append(b"ET")
    return b"\n".join(ops)


def stream(
    data: bytes, filters: Sequence[str] = (), extra: bytes = b"", length: bytes | None = None
) -> bytes:
    """A stream object's body: ``data`` encoded with Flate once per entry of ``filters``."""
    for name in reversed(filters):
        if name != "FlateDecode":
            raise ValueError(f"unsupported filter {name}")
        data = zlib.compress(data, 9)
    filt = b""
    if len(filters) == 1:
        filt = b"/Filter /" + filters[0].encode() + b" "
    elif filters:
        filt = b"/Filter [" + b" ".join(b"/" + f.encode() for f in filters) + b"] "
    size = length if length is not None else str(len(data)).encode()
    return b"<< " + filt + extra + b"/Length " + size + b" >>\nstream\n" + data + b"\nendstream"


def assemble(
    objects: Sequence[bytes],
    *,
    trailer: bytes = b"/Root 1 0 R",
    header: bytes = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
    xref: bool = True,
) -> bytes:
    """A PDF of ``objects`` (object ``i + 1`` is ``objects[i]``) with a valid xref table."""
    out = io.BytesIO()
    out.write(header)
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    if not xref:
        out.write(b"trailer\n<< " + trailer + b" >>\n%%EOF\n")
        return out.getvalue()
    start = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    size = f"/Size {len(objects) + 1} ".encode()
    out.write(b"trailer\n<< " + size + trailer + b" >>\nstartxref\n" + str(start).encode() + b"\n%%EOF\n")
    return out.getvalue()


FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
RESOURCES = b"<< /Font << /F1 5 0 R >> >>"
PAGE = (
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources " + RESOURCES + b" >>"
)
CATALOG = b"<< /Type /Catalog /Pages 2 0 R >>"
PAGES = b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"


def one_page(
    content: bytes,
    *,
    page_extra: bytes = b"",
    catalog_extra: bytes = b"",
    resources: bytes = RESOURCES,
    contents: bytes = b"4 0 R",
    media_box: bytes = b"[0 0 595 842]",
    extra: Sequence[bytes] = (),
    trailer: bytes = b"/Root 1 0 R",
) -> bytes:
    """A one-page PDF: catalog 1, pages 2, page 3, content stream 4 (``content`` is the whole
    stream object), font 5, then ``extra`` objects from 6 on."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R " + catalog_extra + b">>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox " + media_box + b" /Contents " + contents
        + b" /Resources " + resources + b" " + page_extra + b">>",
        content,
        FONT,
        *extra,
    ]  # fmt: skip
    return assemble(objects, trailer=trailer)


def text_page(lines: Sequence[str] = RESUME_LINES, **kwargs: Any) -> bytes:
    """A one-page PDF showing ``lines`` (see :func:`one_page` for the keywords)."""
    return one_page(stream(text_ops(lines), ("FlateDecode",)), **kwargs)


@lru_cache(maxsize=4)
def deflated_spaces(mebibytes: int) -> bytes:
    """``mebibytes`` MiB of spaces, deflated (1 GiB gives about 1 MB; computed once)."""
    comp = zlib.compressobj(9)
    chunk = b" " * (1024 * 1024)
    return b"".join(comp.compress(chunk) for _ in range(mebibytes)) + comp.flush()


def _bomb_stream(mebibytes: int, layers: int, extra: bytes = b"") -> bytes:
    """A stream object whose data inflates to ``mebibytes`` MiB of spaces through ``layers``
    Flate filters (two layers: 1 GiB is under 2 KB on disk)."""
    data = deflated_spaces(mebibytes)
    for _ in range(layers - 1):
        data = zlib.compress(data, 9)
    filters = b"/Filter [" + b"/FlateDecode " * layers + b"] "
    return (
        b"<< "
        + filters
        + extra
        + b"/Length "
        + str(len(data)).encode()
        + b" >>\nstream\n"
        + data
        + (b"\nendstream")
    )


# --------------------------------------------------------------------------------------------
# Crafted files


def _reportlab_pdf(
    pages: Sequence[Sequence[str]], draw: Callable[[Any, int], None] | None = None, font_size: float = 10
) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    for number, lines in enumerate(pages):
        c.setFont("Helvetica", font_size)
        for i, line in enumerate(lines):
            c.drawString(50, 800 - 14 * i, line)
        if draw is not None:
            draw(c, number)
        c.showPage()
    c.save()
    return buf.getvalue()


def _resume_pdf() -> bytes:
    return _reportlab_pdf([RESUME_LINES])


def _encrypted(build: Callable[[], bytes], user_password: str, algorithm: str) -> bytes:
    import secrets
    from unittest import mock

    from pypdf import PdfReader, PdfWriter

    # pypdf draws salts, keys, IVs and the file ID from ``secrets``: seeded here so that the
    # corpus stays byte-identical for a seed.
    rng = random.Random(f"hostile-encrypt:{algorithm}:{user_password}")
    with mock.patch.object(secrets, "token_bytes", lambda n=None: rng.randbytes(32 if n is None else n)):
        writer = PdfWriter(clone_from=PdfReader(io.BytesIO(build())))
        writer.encrypt(user_password=user_password, owner_password="owner-" + algorithm, algorithm=algorithm)
        out = io.BytesIO()
        writer.write(out)
    return out.getvalue()


def _with_writer(data: bytes, change: Callable[[Any], None]) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    change(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _hidden(how: str) -> bytes:
    stuffing = "blockchain solidity defi smart contracts web3 rust consensus " * 6

    def draw(c: Any, _: int) -> None:
        if how == "white":
            c.setFillColorRGB(1, 1, 1)
            c.drawString(50, 300, stuffing)
        elif how == "tiny":
            c.setFont("Helvetica", 0.5)
            c.drawString(50, 300, stuffing)
        elif how == "off_page":
            c.drawString(50, -500, stuffing)
        elif how == "invisible":
            t = c.beginText(50, 300)
            t.setTextRenderMode(3)
            t.textLine(stuffing)
            c.drawText(t)

    return _reportlab_pdf([RESUME_LINES], draw)


def _image_only(pages: int, jpeg: bool) -> bytes:
    from PIL import Image
    from reportlab.lib.utils import ImageReader

    scan = Image.new("L", (120, 160), color=210)
    for y in range(20, 150, 8):  # grey bars, like lines of a scanned page
        scan.paste(90, (10, y, 110, y + 3))
    if jpeg:
        buf = io.BytesIO()
        scan.save(buf, format="JPEG", quality=60)
        buf.seek(0)
        scan = Image.open(buf)

    def draw(c: Any, _: int) -> None:
        c.drawImage(ImageReader(scan), 40, 40, width=500, height=750)

    return _reportlab_pdf([[] for _ in range(pages)], draw)


def _ocr_layer() -> bytes:
    from PIL import Image
    from reportlab.lib.utils import ImageReader

    def draw(c: Any, _: int) -> None:
        c.drawImage(ImageReader(Image.new("L", (60, 80), color=230)), 30, 30, width=530, height=780)
        t = c.beginText(50, 780)
        t.setFont("Helvetica", 10)
        t.setTextRenderMode(3)
        for line in RESUME_LINES:
            t.textLine(line)
        c.drawText(t)

    return _reportlab_pdf([[]], draw)


def _zip_of(name: str, data: bytes, method: int) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=method) as zf:
        info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
        zf.writestr(info, data, compress_type=method)
    return buf.getvalue()


def _page_tree(kids: int, distinct: bool) -> bytes:
    """A page tree of ``kids`` pages: distinct page objects, or one page listed ``kids`` times."""
    content = stream(text_ops(["Page"]))
    if not distinct:
        kid_refs = b" ".join([b"3 0 R"] * kids)
        objects = [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [" + kid_refs + b"] /Count " + str(kids).encode() + b" >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources "
            + RESOURCES + b" >>",
            content,
            FONT,
        ]  # fmt: skip
        return assemble(objects)
    return _distinct_pages(kids, content)


def _distinct_pages(pages: int, content: bytes) -> bytes:
    """A document of ``pages`` distinct page objects sharing one content stream."""
    first = 6
    refs = b" ".join(f"{first + i} 0 R".encode() for i in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + refs + b"] /Count " + str(pages).encode() + b" >>",
        b"<< /Producer (hostile) >>",
        content,
        FONT,
    ]
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources " + RESOURCES
    objects += [page + b" >>"] * pages
    return assemble(objects)


def _deep_page_tree(depth: int) -> bytes:
    # 1 catalog, 2..depth+1 Pages nodes each with one kid, then the page, content, font.
    page_no, content_no, font_no = depth + 2, depth + 3, depth + 4
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    for level in range(depth):
        number = 2 + level
        kid = number + 1
        parent = f"/Parent {number - 1} 0 R " if level else ""
        objects.append(f"<< /Type /Pages {parent}/Kids [{kid} 0 R] /Count 1 >>".encode())
    objects.append(
        f"<< /Type /Page /Parent {page_no - 1} 0 R /MediaBox [0 0 595 842] /Contents {content_no} 0 R "
        f"/Resources << /Font << /F1 {font_no} 0 R >> >> >>".encode()
    )
    objects.append(stream(text_ops(RESUME_LINES)))
    objects.append(FONT)
    return assemble(objects)


def _form_chain(depth: int, loop: bool) -> bytes:
    """Form XObjects 6, 7, … each drawing the next (or the last drawing the first: a loop)."""
    forms = []
    for i in range(depth):
        nxt = 6 + (i + 1) % depth if loop else 6 + i + 1
        draws = i + 1 < depth or loop
        body = (f"q /X{nxt} Do Q " if draws else "").encode() + text_ops(["in the form"])
        res = f"<< /XObject << /X{nxt} {nxt} 0 R >> /Font << /F1 5 0 R >> >>" if draws else "<< >>"
        head = b"/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources " + res.encode() + b" "
        forms.append(stream(body, extra=head))
    return one_page(
        stream(b"q /X6 Do Q " + text_ops(RESUME_LINES)),
        resources=b"<< /XObject << /X6 6 0 R >> /Font << /F1 5 0 R >> >>",
        extra=forms,
    )


def _incremental_prev_loop(data: bytes) -> bytes:
    """``data`` plus an incremental update whose trailer's /Prev points at itself."""
    start = len(data)
    update = (
        b"xref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 6 /Root 1 0 R /Prev "
        + str(start).encode() + b" >>\nstartxref\n" + str(start).encode() + b"\n%%EOF\n"
    )  # fmt: skip
    return data + update


def _xref_stream_corrupt() -> bytes:
    base = text_page()
    head, _, _ = base.rpartition(b"xref\n")
    offset = len(head)
    junk = zlib.compress(b"\x01\x00\x00\x00\xff" * 7)[:-6] + b"\x00\x01garbage"
    xref_obj = (
        b"6 0 obj\n<< /Type /XRef /Size 7 /W [1 4 2] /Root 1 0 R /Filter /FlateDecode /Length "
        + str(len(junk)).encode() + b" >>\nstream\n" + junk + b"\nendstream\nendobj\n"
    )  # fmt: skip
    return head + xref_obj + b"startxref\n" + str(offset).encode() + b"\n%%EOF\n"


def _cmap(ranges: bytes) -> bytes:
    return (
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Hostile def "
        b"1 begincodespacerange <00> <FF> endcodespacerange " + ranges + b" endcmap CMapName currentdict "
        b"/CMap defineresource pop end end"
    )


def _font_with(extra: bytes) -> bytes:
    return b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica " + extra + b">>"


def _many_objects(count: int) -> bytes:
    base = [CATALOG, PAGES, PAGE, stream(text_ops(RESUME_LINES), ("FlateDecode",)), FONT]
    return assemble(base + [b"<< /N %d >>" % i for i in range(count)])


def _padded(data: bytes, size: int) -> bytes:
    """``data`` grown to ``size`` bytes by a comment before the final ``%%EOF`` section."""
    head, sep, tail = data.rpartition(b"startxref")
    pad = size - len(data) - 2
    return head + b"%" + b"x" * max(0, pad) + b"\n" + sep + tail


ANY = None  # any outcome but a crash or a hang
REFUSED_BIG = ("too_large", "malformed", "timeout")
BIG_PAGE_COUNT = ("too_many_pages", "too_large", "malformed", "timeout")
SLOW = ("too_large", "timeout")


@dataclass(frozen=True)
class Crafted:
    """One crafted case: how to build it and the outcomes accepted for it (None: any)."""

    category: str
    variant: str
    build: Callable[[], bytes]
    expect: tuple[str, ...] | None


def _font_page(font: bytes, *extra: bytes) -> bytes:
    """The résumé page drawn with ``font`` (object 6); ``extra`` objects from 7 on."""
    return one_page(
        stream(text_ops(RESUME_LINES)), resources=b"<< /Font << /F1 6 0 R >> >>", extra=[font, *extra]
    )


def _content_page(content: bytes, compress: bool = True) -> bytes:
    return one_page(stream(content, ("FlateDecode",) if compress else ()))


def _image_bomb() -> bytes:
    image = _bomb_stream(
        1024,
        2,
        b"/Type /XObject /Subtype /Image /Width 32768 /Height 32768 /ColorSpace /DeviceGray "
        b"/BitsPerComponent 8 ",
    )
    return one_page(
        stream(b"q 100 0 0 100 50 50 cm /Im1 Do Q " + text_ops(RESUME_LINES)),
        resources=b"<< /Font << /F1 5 0 R >> /XObject << /Im1 6 0 R >> >>",
        extra=[image],
    )


def _font_file_bomb() -> bytes:
    descriptor = b"<< /Type /FontDescriptor /FontName /Hostile /Flags 32 /FontFile2 8 0 R >>"
    return _font_page(_font_with(b"/FontDescriptor 7 0 R "), descriptor, _bomb_stream(1024, 2))


def _pages_cycle(self_kid: bool) -> bytes:
    if self_kid:
        pages = b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>"
        return assemble([CATALOG, pages, PAGE, stream(text_ops(RESUME_LINES)), FONT])
    return assemble(
        [
            CATALOG,
            b"<< /Type /Pages /Kids [6 0 R] /Count 1 /Parent 6 0 R >>",
            PAGE.replace(b"/Parent 2 0 R", b"/Parent 6 0 R"),
            stream(text_ops(RESUME_LINES)),
            FONT,
            b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 1 /Parent 2 0 R >>",
        ]
    )


def _outline_loop() -> bytes:
    return text_page(
        catalog_extra=b"/Outlines 6 0 R ",
        extra=[
            b"<< /Type /Outlines /First 7 0 R /Last 7 0 R /Count 2 >>",
            b"<< /Title (a) /Parent 6 0 R /Next 8 0 R /First 8 0 R >>",
            b"<< /Title (b) /Parent 7 0 R /Next 7 0 R /First 7 0 R >>",
        ],
    )


def _no_xref() -> bytes:
    return assemble([CATALOG, PAGES, PAGE, stream(text_ops(RESUME_LINES)), FONT], xref=False)


def _javascript_everywhere() -> bytes:
    return text_page(
        catalog_extra=b"/OpenAction << /S /JavaScript /JS (app.alert\\('hi'\\);) >> "
        b"/Names << /JavaScript << /Names [(x) 6 0 R] >> >> ",
        extra=[b"<< /S /JavaScript /JS (this.exportDataObject\\({cName: 'x', nLaunch: 2}\\);) >>"],
    )


def _launch_action() -> bytes:
    return text_page(
        catalog_extra=b"/OpenAction << /S /Launch /F (cmd.exe) /Win << /F (cmd.exe) /P (/c calc) >> >> "
    )


def _link_javascript() -> bytes:
    return text_page(
        page_extra=b"/Annots [6 0 R]",
        extra=[
            b"<< /Type /Annot /Subtype /Link /Rect [0 0 595 842] "
            b"/A << /S /JavaScript /JS (app.launchURL\\('http://evil.example'\\)) >> >>"
        ],
    )


def _attached_bomb() -> bytes:
    return text_page(
        catalog_extra=b"/Names << /EmbeddedFiles << /Names [(bomb.txt) 6 0 R] >> >> ",
        extra=[
            b"<< /Type /Filespec /F (bomb.txt) /EF << /F 7 0 R >> >>",
            _bomb_stream(1024, 2, b"/Type /EmbeddedFile "),
        ],
    )


def _huge_object_number() -> bytes:
    pdf = text_page().replace(b"4 0 obj", b"2147483647 0 obj")
    return pdf.replace(b"/Contents 4 0 R", b"/Contents 2147483647 0 R")


def _crafted_specs() -> list[Crafted]:
    """Every crafted case, in category order."""
    resume = _resume_pdf
    lines = RESUME_LINES
    c = Crafted
    not_pdf = ("not_pdf",)
    return [
        # --- not a PDF at all (whatever the file is called) -------------------------------------
        c("not_pdf", "empty", lambda: b"", not_pdf),
        c("not_pdf", "png", lambda: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, not_pdf),
        c("not_pdf", "jpeg", lambda: b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 2000, not_pdf),
        c("not_pdf", "zip_deflated", lambda: _zip_of("cv.pdf", resume(), zipfile.ZIP_DEFLATED), not_pdf),
        c("not_pdf", "html", lambda: b"<!DOCTYPE html><html><body><script>alert(1)</script>", not_pdf),
        c("not_pdf", "text_resume", lambda: "\n".join(lines).encode(), not_pdf),
        c(
            "not_pdf",
            "windows_exe",
            lambda: b"MZ\x90\x00" + b"\x00" * 60 + b"This program cannot be run",
            not_pdf,
        ),
        c("not_pdf", "header_after_1k", lambda: b"\x00" * 2048 + resume(), not_pdf),
        c("not_pdf", "utf16_text", lambda: "\ufeffPriya Raman, Risk Analyst".encode("utf-16-le"), not_pdf),
        c("not_pdf", "pdf_header_only", lambda: b"%PDF-1.7\n", ("malformed",)),
        # --- polyglots: a PDF after another format's header (within the first 1 KB) ----------------
        c("polyglot", "zip_stored_pdf", lambda: _zip_of("cv.pdf", resume(), zipfile.ZIP_STORED), ANY),
        c("polyglot", "gif_then_pdf", lambda: b"GIF89a\x01\x00\x01\x00\x00\x00\x00;" + resume(), ANY),
        # --- encryption -------------------------------------------------------------------------
        *[
            c("encrypted", f"user_password_{alg}", partial(_encrypted, resume, "s3cret", alg), ("encrypted",))
            for alg in ("RC4-40", "RC4-128", "AES-128", "AES-256")
        ],
        *[
            c("encrypted", f"owner_only_{alg}", partial(_encrypted, resume, "", alg), (OK,))
            for alg in ("RC4-128", "AES-256")
        ],
        c(
            "encrypted",
            "unknown_filter",
            lambda: text_page(
                trailer=b"/Root 1 0 R /Encrypt 6 0 R /ID [<00112233445566778899aabbccddeeff> <00>]",
                extra=[b"<< /Filter /Hostile /V 9 /R 9 /Length 128 >>"],
            ),
            ("encrypted", "malformed"),
        ),
        c(
            "encrypted",
            "missing_keys",
            lambda: text_page(
                trailer=b"/Root 1 0 R /Encrypt 6 0 R", extra=[b"<< /Filter /Standard /V 2 /R 3 >>"]
            ),
            ("encrypted", "malformed"),
        ),
        # --- decompression bombs (small on disk) ---------------------------------------------------
        c("decompression_bomb", "content_256MiB", lambda: one_page(_bomb_stream(256, 1)), REFUSED_BIG),
        c(
            "decompression_bomb",
            "content_1GiB_two_layers",
            lambda: one_page(_bomb_stream(1024, 2)),
            REFUSED_BIG,
        ),
        c(
            "decompression_bomb",
            "content_4GiB_same_stream_4x",
            lambda: one_page(_bomb_stream(1024, 2), contents=b"[4 0 R 4 0 R 4 0 R 4 0 R]"),
            REFUSED_BIG,
        ),
        c("decompression_bomb", "image_xobject_1GiB", _image_bomb, ANY),
        c(
            "decompression_bomb",
            "tounicode_1GiB",
            lambda: _font_page(_font_with(b"/ToUnicode 7 0 R "), _bomb_stream(1024, 2)),
            ANY,
        ),
        c("decompression_bomb", "fontfile_1GiB", _font_file_bomb, ANY),
        c("decompression_bomb", "unreferenced_1GiB", lambda: text_page(extra=[_bomb_stream(1024, 2)]), (OK,)),
        c("decompression_bomb", "page_dict_in_object_stream", _bomb_in_object_stream, ANY),
        # --- deep nesting ---------------------------------------------------------------------------
        c(
            "deep_nesting",
            "array_100k",
            lambda: text_page(page_extra=b"/X " + b"[" * 100_000 + b"]" * 100_000),
            ANY,
        ),
        c(
            "deep_nesting",
            "dict_50k",
            lambda: text_page(page_extra=b"/X " + b"<< /A " * 50_000 + b"1" + b" >>" * 50_000),
            ANY,
        ),
        c("deep_nesting", "page_tree_3000", partial(_deep_page_tree, 3000), ANY),
        c("deep_nesting", "form_xobjects_400", partial(_form_chain, 400, loop=False), ANY),
        c("deep_nesting", "save_state_200k", lambda: _content_page(b"q " * 200_000 + text_ops(lines)), ANY),
        c(
            "deep_nesting",
            "content_arrays_100k",
            lambda: _content_page(
                text_ops(lines) + b" BT /F1 10 Tf " + b"[" * 100_000 + b"(x)" + b"]" * 100_000 + b" TJ ET"
            ),
            ANY,
        ),
        # --- reference loops ---------------------------------------------------------------------
        c("reference_loop", "pages_kid_is_itself", partial(_pages_cycle, self_kid=True), ANY),
        c("reference_loop", "pages_cycle", partial(_pages_cycle, self_kid=False), ANY),
        c("reference_loop", "form_draws_itself", partial(_form_chain, 1, loop=True), ANY),
        c("reference_loop", "forms_a_b_a", partial(_form_chain, 2, loop=True), ANY),
        c("reference_loop", "contents_self_reference", lambda: one_page(b"4 0 R"), ANY),
        c(
            "reference_loop",
            "resources_self_reference",
            lambda: one_page(
                stream(text_ops(lines)), resources=b"6 0 R", extra=[b"<< /Font 6 0 R /XObject 6 0 R >>"]
            ),
            ANY,
        ),
        c(
            "reference_loop",
            "length_self_reference",
            lambda: one_page(stream(text_ops(lines), length=b"4 0 R")),
            ANY,
        ),
        c("reference_loop", "xref_prev_loop", lambda: _incremental_prev_loop(text_page()), ANY),
        c("reference_loop", "outline_loop", _outline_loop, ANY),
        # --- huge page counts ---------------------------------------------------------------------
        c(
            "huge_page_count",
            "count_claims_2e9",
            lambda: text_page().replace(b"/Kids [3 0 R] /Count 1", b"/Kids [3 0 R] /Count 2147483647"),
            ANY,
        ),
        c(
            "huge_page_count",
            "same_page_100k_times",
            partial(_page_tree, 100_000, distinct=False),
            BIG_PAGE_COUNT,
        ),
        c(
            "huge_page_count",
            "distinct_pages_20k",
            partial(_page_tree, 20_000, distinct=True),
            BIG_PAGE_COUNT,
        ),
        c(
            "huge_page_count",
            "rendered_31_pages",
            lambda: _reportlab_pdf([[f"Page {i + 1}", *lines[:3]] for i in range(31)]),
            ("too_many_pages",),
        ),
        c(
            "huge_page_count",
            "rendered_600_pages",
            lambda: _reportlab_pdf([[f"Page {i + 1}"] for i in range(600)]),
            ("too_many_pages",),
        ),
        # --- endless or huge content streams -------------------------------------------------------
        c(
            "huge_content_stream",
            "ops_1_5M",
            lambda: _content_page(b"BT /F1 10 Tf 50 800 Td " + b"0 0 Td " * 1_500_000 + b"(x) Tj ET"),
            (*SLOW, NEEDS_REVIEW),
        ),
        c(
            "huge_content_stream",
            "ops_6M",
            lambda: _content_page(b"BT /F1 10 Tf 50 800 Td " + b"0 0 Td " * 6_000_000 + b"(x) Tj ET"),
            SLOW,
        ),
        c(
            "huge_content_stream",
            "tj_array_300k",
            lambda: _content_page(b"BT /F1 10 Tf 50 800 Td [" + b"(a) 1 " * 300_000 + b"] TJ ET"),
            SLOW,
        ),
        c(
            "huge_content_stream",
            "unterminated_string_4MB",
            lambda: _content_page(
                text_ops(lines) + b" BT /F1 10 Tf 50 400 Td (" + b"never closed " * 300_000
            ),
            ANY,
        ),
        c(
            "huge_content_stream",
            "unterminated_array_1M",
            lambda: _content_page(text_ops(lines) + b" BT /F1 10 Tf [" + b"1 " * 1_000_000),
            ANY,
        ),
        c(
            "huge_content_stream",
            "text_lines_200k",
            lambda: _content_page(text_ops([f"Led team {i} on project {i * 7}" for i in range(200_000)])),
            ANY,
        ),
        c(
            "huge_content_stream",
            "uncompressed_9MB",
            lambda: _content_page(
                b"BT /F1 10 Tf 50 800 Td " + b"(word) Tj 0 -1 Td " * 500_000 + b"ET", False
            ),
            ANY,
        ),
        c(
            "huge_content_stream",
            "length_past_end_no_endstream",
            lambda: (
                text_page().split(b"4 0 obj")[0]
                + b"4 0 obj\n<< /Length 999999999 >>\nstream\n"
                + text_ops(lines) * 50
            ),
            ANY,
        ),
        c(
            "huge_content_stream",
            "inline_image_without_end",
            lambda: _content_page(
                text_ops(lines) + b" BI /W 1000 /H 1000 /BPC 8 /CS /G ID " + bytes(range(256)) * 4000
            ),
            ANY,
        ),
        c(
            "huge_content_stream",
            "30_pages_of_200k_ops",
            partial(_pages_each, 30, b"0 0 Td " * 200_000),
            (*SLOW, "too_many_pages"),
        ),
        # --- broken cross-reference tables --------------------------------------------------------
        c("broken_xref", "wrong_startxref", lambda: _broken_startxref(resume(), b"12345"), (OK,)),
        c("broken_xref", "huge_startxref", lambda: _broken_startxref(resume(), b"99999999999999999999"), ANY),
        c("broken_xref", "negative_startxref", lambda: _broken_startxref(resume(), b"-40"), ANY),
        c("broken_xref", "no_xref_no_startxref", _no_xref, ANY),
        c(
            "broken_xref",
            "garbage_offsets",
            lambda: re.sub(rb"\d{10} 00000 n", b"0000000007 00000 n", text_page()),
            ANY,
        ),
        c("broken_xref", "trailer_without_root", lambda: text_page(trailer=b"/Info 5 0 R"), ANY),
        c("broken_xref", "corrupt_xref_stream", _xref_stream_corrupt, ANY),
        c(
            "broken_xref",
            "prev_past_end",
            lambda: _incremental_prev_loop(text_page()).replace(b"/Prev ", b"/Prev 9", 1),
            ANY,
        ),
        c("broken_xref", "no_obj_keywords", lambda: text_page().replace(b" 0 obj", b" 0 jbo"), ANY),
        # --- active content ----------------------------------------------------------------------
        c("javascript", "open_action_and_names", _javascript_everywhere, (OK,)),
        c(
            "javascript",
            "page_additional_action",
            lambda: text_page(
                page_extra=b"/AA << /O 6 0 R >>", extra=[b"<< /S /JavaScript /JS (while(true){}) >>"]
            ),
            (OK,),
        ),
        c("javascript", "launch_action", _launch_action, (OK,)),
        c("javascript", "link_annotation_js", _link_javascript, (OK,)),
        c(
            "embedded_file",
            "executable",
            lambda: _with_writer(resume(), lambda w: w.add_attachment("invoice.exe", b"MZ" + b"\x90" * 4000)),
            (OK,),
        ),
        c(
            "embedded_file",
            "nested_pdf",
            lambda: _with_writer(resume(), lambda w: w.add_attachment("other.pdf", resume())),
            (OK,),
        ),
        c("embedded_file", "attached_bomb", _attached_bomb, (OK,)),
        # --- what a text layer may hide -----------------------------------------------------------
        c("image_only", "one_scanned_page", partial(_image_only, 1, jpeg=False), (NEEDS_REVIEW,)),
        c("image_only", "three_jpeg_pages", partial(_image_only, 3, jpeg=True), (NEEDS_REVIEW,)),
        c("image_only", "ocr_text_layer", _ocr_layer, ANY),
        *[
            c("hidden_text", how, partial(_hidden, how), (NEEDS_REVIEW,))
            for how in ("white", "tiny", "off_page", "invisible")
        ],
        # --- absurd values ---------------------------------------------------------------------
        c("weird_values", "media_box_1e30", lambda: text_page(media_box=b"[0 0 1e30 1e30]"), ANY),
        c("weird_values", "media_box_negative_and_name", lambda: text_page(media_box=b"[0 0 -5 /Foo]"), ANY),
        c(
            "weird_values",
            "font_size_1e38",
            lambda: _content_page(text_ops(lines).replace(b"/F1 10 Tf", b"/F1 1e38 Tf 1e30 Tc 0 Tz"), False),
            ANY,
        ),
        c(
            "weird_values",
            "text_matrix_huge",
            lambda: _content_page(
                b"BT /F1 10 Tf 1e300 0 0 1e300 1e300 -1e300 Tm (x) Tj ET " + text_ops(lines)
            ),
            ANY,
        ),
        c(
            "weird_values",
            "missing_font",
            lambda: _content_page(text_ops(lines).replace(b"/F1", b"/F9")),
            ANY,
        ),
        c(
            "weird_values",
            "widths_1M",
            lambda: _font_page(
                _font_with(b"/FirstChar 0 /LastChar 999999 /Widths 7 0 R "), b"[" + b"500 " * 1_000_000 + b"]"
            ),
            ANY,
        ),
        c(
            "weird_values",
            "tounicode_range_4G",
            lambda: _font_page(
                _font_with(b"/ToUnicode 7 0 R "),
                stream(_cmap(b"1 beginbfrange <00000000> <FFFFFFFF> <0041> endbfrange")),
            ),
            ANY,
        ),
        c(
            "weird_values",
            "tounicode_lone_surrogates",
            lambda: _font_page(
                _font_with(b"/ToUnicode 7 0 R "),
                stream(_cmap(b"2 beginbfchar <41> <D800> <42> <DFFFD800> endbfchar")),
            ),
            (OK,),
        ),
        c(
            "weird_values",
            "fonts_20k",
            lambda: one_page(
                stream(text_ops(lines)),
                resources=b"<< /Font << " + b" ".join(b"/F%d 5 0 R" % i for i in range(20_000)) + b" >> >>",
            ),
            ANY,
        ),
        c("weird_values", "huge_object_number", _huge_object_number, ANY),
        c("many_objects", "unused_100k", partial(_many_objects, 100_000), ANY),
        # --- size limits ---------------------------------------------------------------------------
        c("oversized", "just_over_10MiB", lambda: _padded(resume(), 10 * 1024 * 1024 + 1024), ("too_large",)),
        c("oversized", "just_under_10MiB", lambda: _padded(resume(), 10 * 1024 * 1024 - 4096), (OK,)),
    ]


def _pages_each(pages: int, body: bytes) -> bytes:
    content = stream(b"BT /F1 10 Tf 50 800 Td " + body + b"(x) Tj ET", ("FlateDecode",))
    return _distinct_pages(pages, content)


def _broken_startxref(data: bytes, offset: bytes) -> bytes:
    head, sep, _ = data.rpartition(b"startxref")
    return head + sep + b"\n" + offset + b"\n%%EOF\n"


def _bomb_in_object_stream() -> bytes:
    """The page dictionary inside a compressed object stream that also inflates to 1 GiB."""
    page = (
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources "
        + RESOURCES
        + b" >>"
    )
    inner = b"3 0 " + page + b" " + b" " * (64 * 1024 * 1024)
    data = zlib.compress(zlib.compress(inner, 9), 9)
    objstm = (
        b"<< /Type /ObjStm /N 1 /First 4 /Filter [/FlateDecode /FlateDecode] /Length "
        + str(len(data)).encode() + b" >>\nstream\n" + data + b"\nendstream"
    )  # fmt: skip
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"null",
        stream(text_ops(RESUME_LINES)),
        FONT,
        objstm,
    ]
    pdf = assemble(objects)
    # Point object 3 at the object stream (a type-2 entry cannot be written in a classic table,
    # so the entry is dropped and readers must find it by scanning): a deliberately odd file.
    return pdf.replace(b"3 0 obj\nnull\nendobj\n", b"")


# --------------------------------------------------------------------------------------------
# Mutations

_TOKENS = (
    b"<<", b">>", b"[", b"]", b"(", b")", b"obj", b"endobj", b"stream", b"endstream", b" R ", b"0 0 R",
    b"/Type /Pages", b"/Kids [", b"/Length 0", b"/Filter /FlateDecode", b"trailer", b"xref", b"%%EOF",
    b"9999999999", b"-1", b"1e308", b"\x00", b"\\", b"BT", b"ET", b"q", b"Q", b"Tj", b"TJ", b"Do", b"BI",
)  # fmt: skip
_STRUCTURE = re.compile(
    rb"/Length \d+|/Count \d+|\d+ 0 R|/FlateDecode|/ASCII85Decode|endstream|endobj|startxref\s+\d+|"
    rb"/Type\s*/\w+|/MediaBox\s*\[[^\]]*\]|/Kids\s*\[[^\]]*\]|/Size \d+"
)
_STRUCTURE_REPLACEMENTS = (
    b"/Length 2147483647", b"/Length -1", b"/Length 0", b"/Count 999999999", b"/Count -3", b"99999 0 R",
    b"1 0 R", b"3 0 R", b"/LZWDecode", b"/DCTDecode", b"/RunLengthDecode", b"/Crypt", b"", b"endobj",
    b"startxref\n0", b"/Type /Pages", b"/Type /Page", b"/MediaBox [0 0 0 0]", b"/Kids [1 0 R 2 0 R]",
    b"/Kids 3 0 R", b"/Size 0",
)  # fmt: skip
_CONTENT_TOKENS = re.compile(rb"-?\d+\.?\d*|/\w+|\w+|\([^)]*\)|<[0-9A-Fa-f]*>|[\[\]]")
_CONTENT_INSERTS = (
    b" q " * 5000, b" Q Q Q Q ", b" BT ", b" ET ", b" 1e308 ", b" -1e308 ", b" 99999999999999999999 ",
    b" /F9 12 Tf ", b" /Missing Do ", b" (", b" [", b" <<", b" BI /W 9999 /H 9999 ID ", b" 0 Tz ",
    b" 3 Tr ", b" 1 1 1 rg ", b" 0.1 Tf ", b" 1 0 0 1 0 -5000 cm ", b" \x00\xff ",
)  # fmt: skip


def _span(rng: random.Random, size: int, most: int) -> tuple[int, int]:
    start = rng.randrange(size)
    return start, min(size, start + rng.randint(1, most))


def _mutate_bytes(data: bytes, rng: random.Random) -> tuple[str, bytes]:
    """One random byte-level mutation of ``data``: ``(its name, the result)``."""
    if not data:
        return "empty", data
    buf = bytearray(data)
    size = len(buf)
    op = rng.choice(
        ("bitflip", "overwrite", "delete", "duplicate", "insert_tokens", "truncate", "truncate", "structure")
    )
    if op == "bitflip":
        for _ in range(rng.randint(1, 64)):
            i = rng.randrange(size)
            buf[i] ^= 1 << rng.randrange(8)
    elif op == "overwrite":
        for _ in range(rng.randint(1, 8)):
            start, end = _span(rng, size, 256)
            buf[start:end] = rng.randbytes(end - start)
    elif op == "delete":
        for _ in range(rng.randint(1, 4)):
            if len(buf) < 2:
                break
            start, end = _span(rng, len(buf), max(1, len(buf) // 20))
            del buf[start:end]
    elif op == "duplicate":
        start, end = _span(rng, size, max(1, size // 4))
        at = rng.randrange(size)
        buf[at:at] = buf[start:end] * rng.randint(1, 5)
    elif op == "insert_tokens":
        for _ in range(rng.randint(1, 16)):
            at = rng.randrange(len(buf) + 1)
            buf[at:at] = rng.choice(_TOKENS) * rng.choice((1, 1, 1, 50, 2000))
    elif op == "truncate":
        # Everywhere, but more often near the start (the header) and the end (xref, trailer).
        where = rng.choice(("anywhere", "head", "tail"))
        if where == "head":
            cut = rng.randint(0, min(size, 2048))
        elif where == "tail":
            cut = rng.randint(max(0, size - 2048), size - 1)
        else:
            cut = rng.randrange(size)
        return f"truncate_{where}", bytes(buf[:cut])
    else:
        matches = list(_STRUCTURE.finditer(data))
        if not matches:
            return _mutate_bytes(data, rng)
        out = data
        for m in sorted(rng.sample(matches, min(len(matches), rng.randint(1, 6))), key=lambda m: -m.start()):
            out = out[: m.start()] + rng.choice(_STRUCTURE_REPLACEMENTS) + out[m.end() :]
        return "structure", out
    return op, bytes(buf)


def _mutate_content(data: bytes, rng: random.Random) -> tuple[str, bytes] | None:
    """Token-level edits of the decoded content streams, written back uncompressed (None when
    the base cannot be rewritten)."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.errors import PyPdfError
    from pypdf.generic import DecodedStreamObject, NameObject

    try:
        writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
        pages = list(writer.pages)
        if not pages:
            return None
        page = rng.choice(pages)
        contents = page.get_contents()
        if contents is None:
            return None
        raw = contents.get_data()
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError):
        return None
    tokens = [m.group(0) for m in _CONTENT_TOKENS.finditer(raw)]
    if not tokens:
        return None
    op = rng.choice(("numbers", "delete", "duplicate", "insert", "shuffle"))
    if op == "numbers":
        numeric = [i for i, t in enumerate(tokens) if t[:1].isdigit() or t[:1] == b"-"]
        for i in rng.sample(numeric, min(len(numeric), rng.randint(1, 20))):
            tokens[i] = rng.choice((b"1e308", b"-1e308", b"0", b"99999999999", b"-0.0001", b"nan", b"1.2.3"))
    elif op == "delete":
        for _ in range(rng.randint(1, 30)):
            if tokens:
                del tokens[rng.randrange(len(tokens))]
    elif op == "duplicate":
        start = rng.randrange(len(tokens))
        tokens[start:start] = tokens[start : start + rng.randint(1, 40)] * rng.randint(2, 2000)
    elif op == "insert":
        for _ in range(rng.randint(1, 10)):
            at = rng.randrange(len(tokens) + 1)
            tokens[at:at] = [rng.choice(_CONTENT_INSERTS)]
    else:
        start = rng.randrange(len(tokens))
        window = tokens[start : start + 60]
        rng.shuffle(window)
        tokens[start : start + 60] = window
    new = DecodedStreamObject()
    new.set_data(b" ".join(tokens))
    try:
        page[NameObject("/Contents")] = writer._add_object(new)
        out = io.BytesIO()
        writer.write(out)
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError):
        return None
    return f"content_{op}", out.getvalue()


def mutate(data: bytes, rng: random.Random) -> tuple[str, str, bytes]:
    """One mutation of a valid PDF: ``(category, variant, bytes)``; categories ``truncation``,
    ``byte_mutation`` (one or two byte-level edits) and ``content_mutation``."""
    if rng.random() < 0.3:
        content = _mutate_content(data, rng)
        if content is not None:
            return "content_mutation", content[0], content[1]
    name, out = _mutate_bytes(data, rng)
    if name.startswith("truncate"):
        return "truncation", name, out
    if rng.random() < 0.25:
        second, out = _mutate_bytes(out, rng)
        if not second.startswith("truncate"):
            name = f"{name}+{second}"
        else:
            return "truncation", f"{name}+{second}", out
    return "byte_mutation", name, out


# --------------------------------------------------------------------------------------------
# The corpus


def crafted_files(n: int | None = None) -> list[HostileFile]:
    """The crafted cases; with ``n``, a sample of ``n`` spread over every category (round
    robin in category order, so each category appears once before any appears twice)."""
    specs = _crafted_specs()
    if n is not None and n < len(specs):
        by_category: dict[str, list[int]] = {}
        for i, spec in enumerate(specs):
            by_category.setdefault(spec.category, []).append(i)
        order: list[int] = []
        depth = 0
        while len(order) < n:
            for indices in by_category.values():
                if depth < len(indices) and len(order) < n:
                    order.append(indices[depth])
            depth += 1
        specs = [specs[i] for i in sorted(order)]
    return [HostileFile("crafted", s.category, s.variant, s.build(), expect=s.expect) for s in specs]


def _real_bases(folder: Path | None, rng: random.Random, count: int) -> list[tuple[str, bytes]]:
    if folder is None or count <= 0:
        return []
    paths = sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() == ".pdf")
    chosen = rng.sample(paths, min(count, len(paths)))
    return [(f"{folder.name}:{p.name}", p.read_bytes()) for p in sorted(chosen)]


def generate_hostile(n: int, seed: int, sources: Path | None = None) -> Iterator[HostileFile]:
    """The corpus: crafted cases (all of them when ``n`` allows, else a quarter of ``n`` spread
    over every category) and mutations of résumés up to ``n`` files in all.

    Args:
        n: number of files.
        seed: the random seed; the same seed (and ``sources``) give the same files.
        sources: an optional folder of real PDFs to mutate as well (a third of the mutations).
    """
    from training.corpus.generate import generate_example

    rng = random.Random(f"hostile:{seed}")
    all_crafted = len(_crafted_specs())
    crafted_n = all_crafted if n >= 4 * all_crafted else min(n, max(n // 4, 1))
    yield from crafted_files(crafted_n)
    mutations = n - crafted_n
    if mutations <= 0:
        return
    real = _real_bases(sources, rng, min(60, max(1, mutations // 10)))
    generated_count = min(80, max(1, mutations // 8))
    indices = sorted(rng.sample(range(10_000), generated_count))
    generated = [(f"generated:{seed}:{i}", generate_example(seed, i, zh_share=0.15)[1]) for i in indices]
    for k in range(mutations):
        pool = real if real and k % 3 == 2 else generated
        base_name, base = pool[rng.randrange(len(pool))]
        category, variant, data = mutate(base, random.Random(f"hostile:{seed}:{k}"))
        yield HostileFile("mutation", category, variant, data, base=base_name)


def write_corpus(out: Path, n: int, seed: int, sources: Path | None = None) -> dict[str, int]:
    """Write the corpus to ``out/files`` and ``out/index.jsonl``; returns the count per category."""
    files = out / "files"
    files.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    with (out / "index.jsonl").open("w", encoding="utf-8") as index:
        for i, item in enumerate(generate_hostile(n, seed, sources)):
            name = f"files/{i:05d}-{item.category}.pdf"
            (out / name).write_bytes(item.data)
            index.write(json.dumps(item.record(i, name)) + "\n")
            counts[item.category] = counts.get(item.category, 0) + 1
    return counts


def register_generate_hostile(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``generate-hostile`` sub-command."""
    parser = subparsers.add_parser(
        "generate-hostile",
        help="generate hostile PDFs (mutated résumés and crafted attacks) for reliability tests",
        description=(__doc__ or "").split("\n\n")[0],
    )
    parser.add_argument("--out", type=Path, required=True, metavar="DIR", help="output folder")
    parser.add_argument("--n", type=int, default=1000, help="number of files (default: 1000)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default: 1)")
    parser.add_argument(
        "--from",
        dest="sources",
        type=Path,
        metavar="DIR",
        help="a folder of real PDFs to mutate too (read by path; nothing is copied but the mutants)",
    )
    parser.set_defaults(func=generate_hostile_command)


def generate_hostile_command(args: argparse.Namespace) -> int:
    """Handle ``generate-hostile``; exit 2 on bad arguments."""
    if args.n < 1 or (args.sources is not None and not args.sources.is_dir()):
        print("generate-hostile: --n must be >= 1 and --from an existing folder", file=sys.stderr)
        return 2
    counts = write_corpus(args.out, args.n, args.seed, args.sources)
    summary = ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
    print(f"wrote {sum(counts.values())} files to {args.out}: {summary}")
    return 0
