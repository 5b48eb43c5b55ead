"""What a file is, from its first bytes (before any limit on its size is applied)."""

from __future__ import annotations

#: Where a PDF's header (``%PDF-``) must appear: within its first 1,024 bytes.
HEADER_WINDOW = 1024


def not_pdf_reason(head: bytes) -> str | None:
    """Why a file whose first bytes are ``head`` is not a PDF, or None when it has a PDF header.

    Checked before the size limit, so that a large file that is no PDF is reported as
    ``not_pdf`` (what the file is) rather than ``too_large``.
    """
    if b"%PDF-" in head[:HEADER_WINDOW]:
        return None
    return "the upload is " + ("an empty file" if not head else "not a PDF (no %PDF- header)")
