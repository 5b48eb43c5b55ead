"""Small, exact PDFs built for tests: layouts with known reading order and crafted hostile files."""

from __future__ import annotations

import io
import zlib
from collections.abc import Sequence

from pypdf import PdfReader, PdfWriter
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas


def pdf_from_pages(
    pages: Sequence[Sequence[tuple[float, float, str]]], font: str = "Helvetica", size: float = 10
) -> bytes:
    """Each page is a list of ``(x, y, text)`` drawn in ``font``."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    for page in pages:
        c.setFont(font, size)
        for x, y, text in page:
            c.drawString(x, y, text)
        c.showPage()
    c.save()
    return buf.getvalue()


def one_column(lines: Sequence[str], top: float = 800, leading: float = 14, x: float = 50) -> bytes:
    """A page of lines, top to bottom."""
    return pdf_from_pages([[(x, top - i * leading, t) for i, t in enumerate(lines)]])


def two_columns(left: Sequence[str], right: Sequence[str], header: Sequence[str] = ()) -> bytes:
    """A full-width header, then a left sidebar and a main column with different leading."""
    items = [(50.0, 800 - i * 14.0, t) for i, t in enumerate(header)]
    top = 800 - 14.0 * len(header) - 20
    items += [(50.0, top - i * 13.0, t) for i, t in enumerate(left)]
    items += [(230.0, top - 2 - i * 14.5, t) for i, t in enumerate(right)]
    return pdf_from_pages([items])


def with_hidden_text(visible: Sequence[str], hidden: str, how: str) -> bytes:
    """Visible lines plus ``hidden`` drawn white, in a 1 pt font, off the page, or invisible."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    c.setFont("Helvetica", 10)
    for i, t in enumerate(visible):
        c.drawString(50, 800 - 14 * i, t)
    if how == "white":
        c.setFillColorRGB(1, 1, 1)
        c.drawString(50, 400, hidden)
    elif how == "tiny":
        c.setFont("Helvetica", 1)
        c.drawString(50, 400, hidden)
    elif how == "off_page":
        c.drawString(50, -300, hidden)
    elif how == "invisible":
        t = c.beginText(50, 400)
        t.setTextRenderMode(3)
        t.textLine(hidden)
        c.drawText(t)
    elif how == "white_on_dark":  # visible: white text on a dark banner
        c.setFillColorRGB(0.1, 0.1, 0.3)
        c.rect(40, 380, 500, 40, fill=1, stroke=0)
        c.setFillColorRGB(1, 1, 1)
        c.drawString(50, 400, hidden)
    c.showPage()
    c.save()
    return buf.getvalue()


def image_only(pages: int = 1) -> bytes:
    """Pages holding only a drawn image (a scan): no text layer."""
    from PIL import Image
    from reportlab.lib.utils import ImageReader

    scan = Image.new("L", (60, 80), color=200)
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    for _ in range(pages):
        c.drawImage(ImageReader(scan), 40, 40, width=500, height=750)
        c.showPage()
    c.save()
    return buf.getvalue()


def ocr_layer(lines: Sequence[str]) -> bytes:
    """A scanned page with an invisible (render mode 3) text layer over it, as OCR tools write."""
    from PIL import Image
    from reportlab.lib.utils import ImageReader

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    c.drawImage(ImageReader(Image.new("L", (60, 80), color=230)), 30, 30, width=530, height=780)
    t = c.beginText(50, 780)
    t.setFont("Helvetica", 10)
    t.setTextRenderMode(3)
    for line in lines:
        t.textLine(line)
    c.drawText(t)
    c.showPage()
    c.save()
    return buf.getvalue()


def encrypted(data: bytes, password: str) -> bytes:
    """``data`` encrypted with a user password ('' opens without asking, like owner-only protection)."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=password, owner_password="owner-secret", algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def many_pages(n: int) -> bytes:
    return pdf_from_pages([[(50, 800, f"Page {i + 1}")] for i in range(n)])


def _raw_pdf(content: bytes, filtered: bool) -> bytes:
    """A one-page PDF around ``content`` (Flate-compressed when ``filtered``), with a valid xref."""
    stream = zlib.compress(content, 9) if filtered else content
    filt = b"/Filter /FlateDecode " if filtered else b""
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< " + filt + b"/Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n")
    offsets = []
    for i, body in enumerate(objs, start=1):
        offsets.append(out.tell())
        out.write(f"{i} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode())
    for off in offsets:
        out.write(f"{off:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def text_stream_pdf(content: bytes) -> bytes:
    """A page whose (uncompressed) content stream is exactly ``content``."""
    return _raw_pdf(content, filtered=False)


def decompression_bomb(expanded_mb: int = 200) -> bytes:
    """A content stream of ``expanded_mb`` MB of spaces compressed to a few hundred KB."""
    comp = zlib.compressobj(9)
    chunk = b" " * (1024 * 1024)
    body = b"".join(comp.compress(chunk) for _ in range(expanded_mb)) + comp.flush()
    objs_stream = (
        b"<< /Filter /FlateDecode /Length "
        + str(len(body)).encode()
        + b" >>\nstream\n"
        + body
        + b"\nendstream"
    )
    pdf = _raw_pdf(b"BT /F1 10 Tf 50 800 Td (x) Tj ET", filtered=False)
    # Swap the small stream object for the bomb (offsets are rebuilt by pypdf's xref recovery).
    start = pdf.index(b"4 0 obj\n") + len(b"4 0 obj\n")
    end = pdf.index(b"\nendobj", start)
    return pdf[:start] + objs_stream + pdf[end:]


def slow_to_interpret(operations: int) -> bytes:
    """Valid text operators repeated ``operations`` times (compressed): many tokens, little text."""
    body = b"BT /F1 10 Tf 50 800 Td " + b"0 0 Td " * operations + b"(x) Tj ET"
    return _raw_pdf(body, filtered=True)


def broken_xref(data: bytes) -> bytes:
    """``data`` with a wrong ``startxref`` offset (readers must rebuild the cross-reference table)."""
    head, sep, _ = data.rpartition(b"startxref")
    return head + sep + b"\n12345\n%%EOF\n"
