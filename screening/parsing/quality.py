"""Is the text good enough to score? ``ok``, ``needs_ocr``, ``garbled`` or ``suspicious``."""

from __future__ import annotations

import re
from collections.abc import Sequence

from screening.parsing.model import HiddenText, Quality

#: Fewer visible non-space characters than this per page means there is no usable text layer.
MIN_CHARS_PER_PAGE = 40
MIN_CHARS = 80
#: Share of undecodable characters (replacement, private use, control) that makes text garbled.
MAX_BAD_CHAR_RATIO = 0.03
#: Share of Latin words with no vowel (``Xkqz``-style output of broken font maps) that makes text garbled.
MAX_NONSENSE_WORD_RATIO = 0.35
#: Hidden characters at or above which the file is flagged for review.
MIN_HIDDEN_CHARS = 12

_SPACE = re.compile(r"\s+")
_BAD = re.compile(r"[\ufffd\ue000-\uf8ff\x00-\x08\x0e-\x1f]")
_LATIN_WORD = re.compile(r"\b[A-Za-z]{4,}\b")
_VOWEL = re.compile(r"[aeiouyAEIOUY]")


def assess_quality(
    text: str, page_count: int, image_count: int, hidden: Sequence[HiddenText]
) -> tuple[Quality, list[str]]:
    """The quality verdict and the reasons for it (empty when ``ok``)."""
    visible = len(_SPACE.sub("", text))
    if visible < MIN_CHARS or visible < MIN_CHARS_PER_PAGE * page_count * 0.5:
        reason = (
            "no text layer" if visible == 0 else f"only {visible} characters of text on {page_count} page(s)"
        )
        if image_count:
            reason += f"; {image_count} image(s) drawn"
        return "needs_ocr", [reason]
    bad = len(_BAD.findall(text)) if _BAD.search(text) else 0
    if bad / visible > MAX_BAD_CHAR_RATIO:
        return "garbled", [f"{bad} undecodable characters ({bad / visible:.0%} of the text)"]
    words = _LATIN_WORD.findall(text)
    if len(words) >= 20:
        nonsense = sum(1 for w in words if not _VOWEL.search(w))
        if nonsense / len(words) > MAX_NONSENSE_WORD_RATIO:
            return "garbled", [f"{nonsense} of {len(words)} words have no vowel"]
    hidden_chars = sum(h.chars for h in hidden)
    if hidden_chars >= MIN_HIDDEN_CHARS:
        reasons = sorted({h.reason for h in hidden})
        return "suspicious", [f"{hidden_chars} hidden characters ({', '.join(reasons)})"]
    return "ok", []
