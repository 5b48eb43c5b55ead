"""Text normalisation applied to every line before offsets are fixed.

Compatibility forms (ligatures, full-width Latin letters) are folded with NFKC,
mojibake from UTF-8 read as Windows-1252 is repaired, bullets become ``•``, soft
hyphens and zero-width characters go, and runs of spaces collapse to one. Tabs
stay: they separate the parts of a line that stand far apart on the page.
"""

from __future__ import annotations

import re
import unicodedata

BULLET = "•"

# Glyphs that producers use as list bullets, including Symbol/Wingdings private-use codes.
_BULLET_CHARS = "•●▪■◦○◆◇►▸▹➢➤✓✔❖⦁∙·\uf0b7\uf0a7\uf076\uf0d8\uf0fc\uf0a8\uf06e\uf075\uf0e0\x7f\x95"
_LEADING_BULLET = re.compile(rf"^[\s]*(?:[{re.escape(_BULLET_CHARS)}]|[-–*](?=\s+\S))\s*")
_STRAY_BULLET = re.compile(r"[\uf0b7\uf0a7\uf076\uf0d8\uf0fc\uf0a8\uf06e\uf075\uf0e0]")
# Windows-1252 renderings of UTF-8 lead bytes followed by continuation bytes.
_CP1252_CONT = "\x80-\xbf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
_MOJIBAKE = re.compile(rf"[ÂÃÄÅÆÇÐÑÖ×Øâãäåæçèéêëìíîï][{_CP1252_CONT}]{{1,3}}")
# A full-width comma whose last UTF-8 byte was lost before the PDF was made ("Company ï¼ City").
_BROKEN_FULLWIDTH_COMMA = re.compile(r"ï¼[\u200b\x81-\x9f]?")
_STRAY_A = re.compile(r"Â(?=[\s\u00a0·°±²³´µ¶»¼½¾]|$)")
_INVISIBLE = re.compile(r"[\u00ad\u200b\u200c\u200d\u2060\ufeff\u00a0\u2000-\u200a\u202f\u205f\u3000]")
# Lone surrogates (\ud800-\udfff) are not text and cannot be encoded (spaCy, JSON, databases).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
_CONTROL_NOT_BULLET = re.compile(r"[\x00-\x08\x0b-\x1f\x80-\x94\x96-\x9f\ufffe\uffff\ud800-\udfff]")
_SPACES = re.compile(r" {2,}")
_TAB_RUN = re.compile(r" *\t[ \t]*")
# Dot or underscore leaders between a title and a right-aligned date become a tab.
_LEADERS = re.compile(r"\s*(?:(?:\.\s?){4,}|…{2,}|_{4,}|·{4,})\s*")
_CID = re.compile(r"\(cid:\d+\)")


def _fix_mojibake(match: re.Match[str]) -> str:
    chunk = match.group(0)
    # The longest prefix that decodes: "Ð¡¸" is "Ð¡" (one character) followed by "¸".
    for n in range(len(chunk), 1, -1):
        try:
            return chunk[:n].encode("cp1252").decode("utf-8") + chunk[n:]
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
    return chunk


#: Passes of :func:`normalize_line` at most (the second and later ones run only on lines the
#: previous pass changed, and end as soon as a pass changes nothing).
_MAX_PASSES = 4


def normalize_line(text: str) -> str:
    """Normalise one line of extracted text (no newlines in, none out); idempotent.

    A repair can uncover another (mojibake encoded twice, a stray ``Â`` left before a glyph
    that a later step removed), so a changed line is normalised again until it is stable.
    """
    for _ in range(_MAX_PASSES):
        normal = _normalize_once(text)
        if normal == text:
            break
        text = normal
    return text


def _normalize_once(text: str) -> str:
    if not text:
        return ""
    if not text.isprintable():
        text = _CONTROL_NOT_BULLET.sub("", text)
    bullet = _LEADING_BULLET.match(text)
    if bullet:  # before DEL and 0x95 go: they are bullets in some fonts
        text = BULLET + " " + text[bullet.end() :]
    if not text.isprintable():
        text = _CONTROL.sub("", text)
    if not text.isascii():
        text = _BROKEN_FULLWIDTH_COMMA.sub(",", text)
        text = _MOJIBAKE.sub(_fix_mojibake, text)
        text = _INVISIBLE.sub(
            lambda m: "" if m.group(0) in "\u00ad\u200b\u200c\u200d\u2060\ufeff" else " ", text
        )
        text = unicodedata.normalize("NFKC", text)
        text = _CONTROL.sub("", text)
        text = _STRAY_A.sub("", text)
        text = _STRAY_BULLET.sub(" ", text)
        bullet = _LEADING_BULLET.match(text)
        if bullet:
            text = BULLET + " " + text[bullet.end() :]
    # The substitutions below are skipped when their trigger is absent (most lines).
    if ". ." in text or "...." in text or "…" in text or "__" in text or "··" in text:
        text = _LEADERS.sub("\t", text)
    if "(cid:" in text:
        text = _CID.sub("\ufffd", text)
    if "\t" in text:
        text = _TAB_RUN.sub("\t", text)
    if "  " in text:
        text = _SPACES.sub(" ", text)
    return text.strip(" \t")
