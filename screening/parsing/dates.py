"""Dates and date ranges as résumés write them, normalised to ``YYYY-MM`` / ``YYYY`` / ``present``.

Understood: ``Jan 2019``, ``Summer 2019`` (year precision), ``January 2019``, ``Sept. 2019``,
``01/2019``, ``1/2019``,
``2019-01``, ``2019/01``, ``2019.01``, ``01.2019``, ``2019年1月``, ``2019年``, ``2019``;
ranges joined by ``-``, ``–``, ``—``, ``~``, ``to``, ``until``, ``through``, ``至``; open ends
``Present``, ``Current``, ``Now``, ``Today``, ``Ongoing``, ``to date``, ``至今``, ``现在``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
    "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}  # fmt: skip

_YEAR = r"(?:19[5-9]\d|20[0-3]\d)"
_MONTH_NAME = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_MM = r"(?:0?[1-9]|1[0-2])"
_DATE = rf"""
    (?P<{{p}}mname>{_MONTH_NAME})\.?,?\s*(?:'|’)?(?P<{{p}}y1>{_YEAR})\b
  | (?:spring|summer|fall|autumn|winter)\s+(?P<{{p}}y6>{_YEAR})\b
  | (?<![\d/.-])(?P<{{p}}m2>{_MM})\s*[/.]\s*(?P<{{p}}y2>{_YEAR})\b
  | (?<![\d/.])(?P<{{p}}y3>{_YEAR})\s*[-/.]\s*(?P<{{p}}m3>0[1-9]|1[0-2]|[1-9](?![\d]))(?![\d])
  | (?P<{{p}}y4>{_YEAR})\s*年\s*(?:(?P<{{p}}m4>{_MM})\s*月)?
  | (?<![\d/.$€£¥])(?P<{{p}}y5>{_YEAR})(?![\d%])
"""
_PRESENT = r"(?:present|current(?:ly)?|now|today|ongoing|to\s+date|date|至今|现在|今)"
_SEP = r"(?:\s*(?:-|–|—|~|～|−|‐|to|until|till|through|thru|至)\s*)"

DATE_RE = re.compile(_DATE.format(p="a"), re.IGNORECASE | re.VERBOSE)
RANGE_RE = re.compile(
    rf"""(?:(?:since|from|自)\s+)?(?:{_DATE.format(p="a")})
    (?:{_SEP}(?:(?P<present>{_PRESENT})\b|(?:{_DATE.format(p="b")})))?""",
    re.IGNORECASE | re.VERBOSE,
)
_SINCE = re.compile(r"^(?:since|from)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class DateRange:
    """A date or range found in text; ``start``/``end`` are offsets of the whole match."""

    start_date: str
    end_date: str | None
    start: int
    end: int


def _normalise(groups: dict[str, str | None], p: str) -> str | None:
    name = groups.get(f"{p}mname")
    if name:
        month = MONTHS.get(name.lower().rstrip("."), MONTHS.get(name.lower()[:3], 0))
        return f"{groups[p + 'y1']}-{month:02d}"
    for year_key, month_key in (("y2", "m2"), ("y3", "m3"), ("y4", "m4")):
        year = groups.get(p + year_key)
        if year:
            month_text = groups.get(p + month_key)
            return f"{year}-{int(month_text):02d}" if month_text else year
    year = groups.get(p + "y5") or groups.get(p + "y6")
    return year or None


def find_date_ranges(text: str, start: int = 0, end: int | None = None) -> list[DateRange]:
    """All dates and date ranges in ``text[start:end]`` (offsets are into ``text``)."""
    out: list[DateRange] = []
    for m in RANGE_RE.finditer(text, start, len(text) if end is None else end):
        groups = m.groupdict()
        first = _normalise(groups, "a")
        if first is None:
            continue
        last: str | None
        if groups.get("present"):
            last = "present"
        else:
            last = _normalise(groups, "b")
            if last is None and _SINCE.match(m.group(0)):
                last = "present"
        if last not in (None, "present") and last < first[: len(last)]:  # reversed: not a range
            last = None
        out.append(DateRange(first, last, m.start(), m.end()))
    return out
