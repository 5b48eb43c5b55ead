"""Positions (jobs) from the lines of experience sections.

Lines are *bullets* (a bullet glyph, or a long sentence) or *header lines* (short).
A run of header lines is one position's header when it holds one date range; a run
holding several is split into equal parts anchored on its date lines (positions with
no bullets between them). Inside a header, the date text is removed and the rest is
cut at separators (tab, ``|``, spaced dashes, commas, ``at``, ``@``) into fragments,
which are assigned to location (gazetteer), employer and title (marker words, taxonomy
matches), with the printed order as the tie-breaker (title before employer).
Bullets up to the next header belong to the position.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from screening.lexicons import Gazetteer, PositionWords
from screening.parsing.dates import DateRange, find_date_ranges
from screening.parsing.model import Position, Span
from screening.parsing.nlp import Match
from screening.parsing.normalize import BULLET
from screening.parsing.text import TextLine

MAX_HEADER_WORDS = 16
_WORD = re.compile(r"[\w+#&'.-]+|[\u4e00-\u9fff]", re.UNICODE)
_SEPARATORS = re.compile(
    r"(?<=[\u4e00-\u9fff)）A-Za-z.])\s+(?=[\u4e00-\u9fff(（])"  # Latin or CJK, then CJK
    r"|(?<=[\u4e00-\u9fff)）])\s+(?=[A-Z])"  # CJK, then a Latin name
    r"|\t|\s+[|｜/]\s+|\s+[—–-]\s+|\s*[|｜]\s*|,\s+|，|、|\s+@\s+|\s+at\s+|\s*·\s*|\s+•\s+"
)
_TRIM = " \t,;:|｜-–—·()（）"
_CJK = re.compile(r"[\u4e00-\u9fff]")
_DIGIT = re.compile(r"\d")
_FUNCTION_WORDS = frozenset(
    "the and to for with by a an from on across into that which per than our their its".split()
)
_FIGURE = re.compile(r"\d+(?:[.,]\d+)?\s*(?:%|k\b|m\b|bn\b|x\b)|[$€£¥]\s?\d")
#: Company legal forms: stronger evidence of an employer than words like "Capital".
_LEGAL_FORMS = frozenset(
    (
        "ltd limited inc incorporated llc llp lp plc corp corporation pte pty gmbh ag sa nv bv srl spa kk bhd"
    ).split()
)


#: How a line that ends a sentence ends: a lower-case line after it starts something new.
_SENTENCE_END = (".", "!", "?", ";", ":", "。", "！", "？", "；", "：")


def _starts_with_lower_word(text: str) -> bool:
    """Whether ``text``'s first word is in lower case ("efficiently…"; not "iOS", "eBay")."""
    words = text.split(maxsplit=1)
    return bool(words) and words[0].islower()


@dataclass(slots=True)
class _Fragment:
    text: str
    start: int
    end: int
    index: int
    after: str = ""  # the separator printed before it ("at", "|", ","...)


def _is_bullet(line: TextLine) -> bool:
    text = line.text
    if text.startswith(BULLET):
        return True
    if any(d.end_date for d in find_date_ranges(text)):
        return False
    words = len(_WORD.findall(text))
    if _CJK.search(text):
        return len(text) > 40
    if words > MAX_HEADER_WORDS or (words > 5 and text.rstrip().endswith(".")):
        return True
    # A sentence wrapped over lines, without its bullet glyph: function words, or figures.
    lowered = text.lower().split()
    function_words = sum(1 for w in lowered if w in _FUNCTION_WORDS)
    return words >= 8 and (function_words >= 2 or bool(_FIGURE.search(text)))


def _dated(line: TextLine, found: Sequence[DateRange]) -> DateRange | None:
    """The date range heading a position on this header line, if any."""
    here = [d for d in found if line.start <= d.start < line.end]
    ranges = [d for d in here if d.end_date is not None]
    if ranges:
        return ranges[0]
    if here and len(_WORD.findall(line.text)) <= 10:
        return here[0]
    return None


def _fragments(
    text: str, start: int, end: int, cut: DateRange | None, base: int, places: re.Pattern[str] | None = None
) -> list[_Fragment]:
    """Split ``text[start:end]`` (minus the date) into trimmed fragments with offsets. A match
    of ``places`` (an anonymised place such as "City , State") is one fragment of its own,
    however it is glued to its neighbours ("Company Name City , State Sales Lead")."""
    pieces: list[tuple[int, int]] = []
    if cut is not None and start <= cut.start < end:
        pieces = [(start, cut.start), (cut.end, end)]
    else:
        pieces = [(start, end)]
    whole: set[tuple[int, int]] = set()
    if places is not None:
        split: list[tuple[int, int]] = []
        for p_start, p_end in pieces:
            pos = p_start
            for m in places.finditer(text, p_start, p_end):
                split += [(pos, m.start()), (m.start(), m.end())]
                whole.add((m.start(), m.end()))
                pos = m.end()
            split.append((pos, p_end))
        pieces = [(a, b) for a, b in split if b > a]
    out: list[_Fragment] = []
    for p_start, p_end in pieces:
        if (p_start, p_end) in whole:
            out.append(_Fragment(text[p_start:p_end], p_start, p_end, 0, ""))
            continue
        pos = p_start
        sep = ""
        for m in _SEPARATORS.finditer(text, p_start, p_end):
            out.append(_Fragment(text[pos : m.start()], pos, m.start(), 0, sep))
            pos = m.end()
            sep = m.group(0).strip().lower()
        out.append(_Fragment(text[pos:p_end], pos, p_end, 0, sep))
    trimmed: list[_Fragment] = []
    for frag in out:
        raw = frag.text
        lead = len(raw) - len(raw.lstrip(_TRIM))
        tail = len(raw) - len(raw.rstrip(_TRIM))
        # Keep a closing parenthesis that belongs to the fragment, e.g. "Analyst (graduate hire)".
        if tail and raw.rstrip(_TRIM.replace(")", "").replace("）", "")) != raw.rstrip(_TRIM) and "(" in raw:
            tail = len(raw) - len(raw.rstrip(_TRIM.replace(")", "").replace("）", "")))
        s, e = frag.start + lead, frag.end - tail
        if e > s and any(c.isalnum() for c in text[s:e]):
            trimmed.append(_Fragment(text[s:e], s, e, base + len(trimmed), frag.after))
    return trimmed


@cache
def _glued_places(placeholders: tuple[str, ...]) -> re.Pattern[str] | None:
    """The anonymiser's places of more than one word, spaced as it prints them ("City ,
    State"), to be read as one fragment wherever they are glued; ``None`` if there are none.
    Not "City, State": real names read so ("Carson City, State of Nevada"). Built once per
    set of placeholders, not once per résumé."""
    glued = [p for p in placeholders if len(_WORD.findall(p)) > 1 and " ," in p]
    if not glued:
        return None
    return re.compile("|".join(r"\b" + r"\s+".join(map(re.escape, p.split())) + r"\b" for p in glued))


def without_repeats(positions: Sequence[Position]) -> list[Position]:
    """``positions`` without those that repeat an earlier one: the same title, employer and
    dates (at least one of them given). Some résumé builders print the work history twice (a
    second "Work History" after the education); the job is one job, listed once."""
    seen: set[tuple[str, str, str | None, str | None]] = set()
    kept: list[Position] = []
    for p in positions:
        if p.title and (p.start_date or p.end_date):
            key = (p.title.casefold(), (p.employer or "").casefold(), p.start_date, p.end_date)
            if key in seen:
                continue
            seen.add(key)
        kept.append(p)
    return kept


class PositionReader:
    """Reads positions; holds the lexicons it needs."""

    def __init__(self, gazetteer: Gazetteer, words: PositionWords) -> None:
        self.gaz = gazetteer
        self.words = words
        self._cjk_titles = tuple(w for w in words.title_words if len(w) > 1 and _CJK.match(w))
        self._cjk_employers = tuple(w for w in words.employer_words if _CJK.match(w))
        self._placeholders = tuple(p.lower() for p in words.employer_placeholders)
        self._places = _glued_places(words.location_placeholders)
        self._scores: dict[tuple[int, int, str], tuple[float, float]] = {}

    # -- classification of fragments -----------------------------------------------------
    def _tokens(self, text: str) -> list[str]:
        return [w.lower().strip(".") for w in _WORD.findall(text)]

    def is_location(self, text: str, strict: bool = False) -> bool:
        """A city, country, US state, "City, Country", a placeholder or a remote marker.

        With ``strict``, every part before the last must be a known place (not merely a
        capitalised name).
        """
        t = text.strip().lower().rstrip(".")
        if not t:
            return False
        if text.strip() in self.words.location_placeholders or t in self.words.remote_words:
            return True
        if t in self.gaz.cities or t in self.gaz.countries:
            return True
        if _CJK.match(t):  # "中国杭州": country then city, unseparated
            for n in range(2, min(6, len(t) - 1)):
                if t[:n] in self.gaz.countries and t[n:] in self.gaz.cities:
                    return True
        raw_parts = [p.strip() for p in re.split(r"\s*[,，]\s*", text.strip()) if p.strip()]
        if 2 <= len(raw_parts) <= 3:
            last = raw_parts[-1].lower().rstrip(".")
            if last in self.gaz.countries or last in self.gaz.us_states or last == "state":
                if strict:
                    return all(self._known_place(p) for p in raw_parts[:-1])
                return all(self._place_like(p) for p in raw_parts[:-1])
        return False

    def _known_place(self, part: str) -> bool:
        low = part.lower()
        return (
            low in self.gaz.cities or low in self.gaz.us_states or low in self.gaz.countries or part == "City"
        )

    def _place_like(self, part: str) -> bool:
        """A known city, or a capitalised name of at most three words with no title or employer word."""
        if self._known_place(part):
            return True
        tokens = part.split()
        return (
            1 <= len(tokens) <= 3
            and all(t[:1].isupper() for t in tokens)
            and not any(
                t.lower() in self.words.title_words or t.lower() in self.words.employer_words for t in tokens
            )
        )

    def _score(self, frag: _Fragment, matches: Sequence[Match]) -> tuple[float, float]:
        """(title score, employer score) of a fragment (memoised per document span)."""
        key = (frag.start, frag.end, frag.after)
        cached = self._scores.get(key)
        if cached is not None:
            return cached
        tokens = self._tokens(frag.text)
        title = sum(1.0 for t in tokens if t in self.words.title_words)
        employer = 2.5 if frag.after in ("at", "@") else 0.0
        employer += sum(2.0 if t in _LEGAL_FORMS else 1.0 for t in tokens if t in self.words.employer_words)
        lowered = frag.text.lower()
        employer += 3.0 * sum(1 for p in self._placeholders if p in lowered)
        if _CJK.search(frag.text):
            title += sum(1.0 for w in self._cjk_titles if w in frag.text)
            employer += sum(1.0 for w in self._cjk_employers if w in frag.text)
        for m in matches:
            if m.start >= frag.start and m.end <= frag.end:
                if m.entry.kind == "title":
                    title += 2.0
                elif m.entry.kind == "employer":
                    employer += 3.0
        self._scores[key] = (title, employer)
        return title, employer

    def _assign(
        self, text: str, frags: list[_Fragment], matches: Sequence[Match]
    ) -> tuple[_Fragment | None, _Fragment | None, _Fragment | None]:
        # Location: the last fragment, or two adjacent ones ("Dubai", "UAE"), naming a place.
        location: _Fragment | None = None
        rest = list(frags)
        for i in range(len(rest) - 1, -1, -1):
            if self._score(rest[i], matches)[1] > 0:
                continue
            # A run of up to three fragments ending here that names a place ("Cape Town",
            # "South" / "Africa" when a narrow cell wrapped it): known places first, longest first.
            for strict, k in ((True, 3), (True, 2), (True, 1), (False, 2), (False, 1)):
                if i - k + 1 < 0:
                    continue
                run = rest[i - k + 1 : i + 1]
                if any(self._score(f, matches)[1] > 0 for f in run):
                    continue
                value = text[run[0].start : run[-1].end]
                if len(run) > 1 and any(
                    _DIGIT.search(text[a.end : b.start]) for a, b in itertools.pairwise(run)
                ):
                    value = ", ".join(f.text for f in run)  # a date printed between the parts
                if self.is_location(re.sub(r"\s*\n\s*", " ", value), strict=strict):
                    location = _Fragment(value, run[0].start, run[-1].end, run[0].index)
                    del rest[i - k + 1 : i + 1]
                    break
            if location is not None:
                break
        title: _Fragment | None = None
        employer: _Fragment | None = None
        scored = [(f, *self._score(f, matches)) for f in rest]
        titles = sorted((s for s in scored if s[1] > s[2]), key=lambda s: (-s[1], s[0].index))
        if titles:
            title = titles[0][0]
            # A function printed right after the title, with the employer still to come, is
            # part of the title ("Team Head, Relationship Management, Santander").
            later = [f for f in rest if f.index > title.index]
            if (
                len(later) >= 2
                and later[0].index == title.index + 1
                and self._score(later[0], matches)[1] < 2.0
                and self._score(later[0], matches)[1] <= self._score(later[1], matches)[1]
                and "\n" not in text[title.start : later[1].end]
            ):
                title = _Fragment(text[title.start : later[0].end], title.start, later[0].end, title.index)
                rest = [f for f in rest if f is not later[0]]
                scored = [s for s in scored if s[0] is not later[0]]
        employers = sorted(
            (s for s in scored if s[2] > s[1] and s[0] is not title), key=lambda s: (-s[2], s[0].index)
        )
        if employers:
            employer = employers[0][0]
        leftovers = [f for f in rest if f is not title and f is not employer and f.start >= 0]
        if title is not None:
            leftovers = [f for f in leftovers if not (title.start <= f.start < title.end)]
        if title is None and leftovers:  # printed order decides: the first unclaimed fragment
            title = leftovers.pop(0)
        if employer is None and leftovers:
            employer = leftovers.pop(0)
        if title is not None and employer is not None:
            # Fragments printed between the two on the same line belong to the first
            # ("Senior Associate, Assurance, Whitfield & Rowe LLP").
            first, second = sorted((title, employer), key=lambda f: f.index)
            between = [f for f in leftovers if first.index < f.index < second.index]
            if between and "\n" not in text[first.start : between[-1].end]:
                merged = _Fragment(
                    text[first.start : between[-1].end], first.start, between[-1].end, first.index
                )
                title, employer = (merged, employer) if first is title else (title, merged)
        return title, employer, location

    # -- positions ------------------------------------------------------------------------
    def _undated_header(
        self,
        text: str,
        lines: Sequence[TextLine],
        kinds: Sequence[str],
        b_start: int,
        b_end: int,
        matches: Sequence[Match],
    ) -> bool:
        """A short header block with no dates that still reads as a job: bullets follow, and a
        title or employer marker (or a "Title — Employer" shape) is there."""
        if b_end - b_start > 3 or b_end >= len(lines) or kinds[b_end] not in ("bullet", "para"):
            return False
        if any(len(_WORD.findall(lines[k].text)) > 12 for k in range(b_start, b_end)):
            return False
        frags: list[_Fragment] = []
        for k in range(b_start, b_end):
            frags.extend(_fragments(text, lines[k].start, lines[k].end, None, len(frags), self._places))
        if len(frags) < 2:
            return False
        title = any(self._score(f, matches)[0] > 0 for f in frags)
        employer = any(self._score(f, matches)[1] > 0 for f in frags)
        return title and (employer or len(frags) >= 2)

    @staticmethod
    def _dated_lines(
        text: str, lines: Sequence[TextLine], b_start: int, b_end: int
    ) -> list[tuple[int, DateRange]]:
        # Ranges are searched over the whole block: a table cell may wrap "2019年4月 –" / "2020年10月".
        found = find_date_ranges(text, lines[b_start].start, lines[b_end - 1].end)
        return [(k, d) for k in range(b_start, b_end) if (d := _dated(lines[k], found)) is not None]

    @staticmethod
    def _kinds(lines: Sequence[TextLine]) -> list[str]:
        """``bullet``, ``cont`` (a bullet's wrapped continuation), ``para`` or ``header`` per line."""
        kinds: list[str] = []
        anchor: TextLine | None = None
        for ln in lines:
            first = ln.text[:1]
            if ln.text.startswith(BULLET):
                kind = "bullet"
                anchor = ln
            elif (
                anchor is not None
                and kinds
                and kinds[-1] in ("bullet", "cont")
                and (ln.x0 > anchor.x0 + 1.0 or first.islower() or first in "，。；、）)")
            ):
                kind = "cont"
            elif (
                kinds
                and kinds[-1] == "para"
                and (_starts_with_lower_word(ln.text) or first in "，。；、）)")
                and not lines[len(kinds) - 1].text.rstrip().endswith(_SENTENCE_END)
            ):
                # A paragraph's sentence wrapped onto this line ("...patients with limited
                # physical abilities to" / "efficiently handle basic needs."): more of the
                # paragraph, not a header. A header may start in lower case ("iOS Developer",
                # "eBay"), but not with a lower-case word.
                kind = "para"
                anchor = ln
            elif _is_bullet(ln):
                kind = "para"
                anchor = ln
            else:
                kind = "header"
                anchor = None
            kinds.append(kind)
        return kinds

    def read(self, text: str, lines: Sequence[TextLine], matches: Sequence[Match]) -> list[Position]:
        """Positions in the given lines (one experience section, heading excluded)."""
        kinds = self._kinds(lines)
        blocks: list[tuple[int, int]] = []  # [start, end) of header runs
        i = 0
        while i < len(lines):
            if kinds[i] == "header":
                j = i
                while j < len(lines) and kinds[j] == "header":
                    j += 1
                blocks.append((i, j))
                i = j
            else:
                i += 1
        headers: list[tuple[int, int, DateRange | None]] = []
        for b_start, b_end in blocks:
            dated = self._dated_lines(text, lines, b_start, b_end)
            if not dated:
                if self._undated_header(text, lines, kinds, b_start, b_end, matches):
                    headers.append((b_start, b_end, None))
                continue
            if len(dated) == 1:
                headers.append((b_start, b_end, dated[0][1]))
                continue
            offset = dated[0][0] - b_start
            cuts = [max(b_start, k - offset) for k, _ in dated]
            cuts[0] = b_start
            for n, (k0, (_, d)) in enumerate(zip(cuts, dated, strict=True)):
                k1 = cuts[n + 1] if n + 1 < len(cuts) else b_end
                if k1 > k0:
                    headers.append((k0, k1, d))
        positions: list[Position] = []
        for n, (h_start, h_end, dates) in enumerate(headers):
            next_start = headers[n + 1][0] if n + 1 < len(headers) else len(lines)
            frags: list[_Fragment] = []
            right_edge = max(ln.x1 for ln in lines)
            for k in range(h_start, h_end):
                ln = lines[k]
                start, end = ln.start, ln.end
                # A date that wrapped onto this line from the previous one is not a fragment.
                if dates is not None and dates.start < start < dates.end:
                    start = min(dates.end, end)
                new = _fragments(text, start, end, dates, len(frags), self._places)
                prev = lines[k - 1] if k > h_start else None
                if new and frags and prev is not None and new[0].start == start:
                    tail = text[frags[-1].end : prev.end]
                    if dates is not None and dates.start >= frags[-1].end and dates.end <= prev.end:
                        tail = text[frags[-1].end : dates.start] + text[dates.end : prev.end]
                    comma = tail.rstrip(" \t").endswith((",", "，"))
                    at_edge = prev.x1 >= right_edge - 0.2 * (right_edge - prev.x0)
                    place_next = self.is_location(new[0].text) or (
                        len(new) > 1 and self.is_location(f"{new[0].text}, {new[1].text}")
                    )
                    # A piece with no title or employer marker of its own is incomplete.
                    incomplete = self._score(frags[-1], matches) == (0.0, 0.0) or self._score(
                        new[0], matches
                    ) == (0.0, 0.0)
                    one_word = len(new) == 1 and len(new[0].text.split()) == 1
                    # The anonymiser's employer opens a field of its own: "OFFICE ASSISTANT ,"
                    # then "Company Name – City , State" is a title, then its employer.
                    placeholder_next = new[0].text.lower() in self._placeholders
                    if (comma and not place_next and not placeholder_next) or (
                        at_edge
                        and (incomplete or one_word)
                        and len(new) == 1
                        and not place_next
                        and not tail.strip(_TRIM + "\t").strip()
                    ):
                        # The previous line's last fragment wrapped ("Personal" / "Banker"),
                        # possibly around a right-aligned date.
                        head, first = frags.pop(), new.pop(0)
                        joined = text[head.start : first.end]
                        if _DIGIT.search(joined) and not _DIGIT.search(head.text + first.text):
                            joined = head.text + (", " if comma else " ") + first.text
                        new.insert(0, _Fragment(joined, head.start, first.end, head.index, head.after))
                frags.extend(new)
            frags = [_Fragment(f.text, f.start, f.end, n, f.after) for n, f in enumerate(frags)]
            title, employer, location = self._assign(text, frags, matches)
            bullets = [
                Span(start=lines[k].start, end=lines[k].end)
                for k in range(h_end, next_start)
                if kinds[k] in ("bullet", "para")
            ]
            last = lines[next_start - 1] if next_start > h_start else lines[h_end - 1]
            positions.append(
                Position(
                    title=title.text if title else None,
                    employer=employer.text if employer else None,
                    location=location.text if location else None,
                    start_date=dates.start_date if dates else None,
                    end_date=dates.end_date if dates else None,
                    start=lines[h_start].start,
                    end=last.end,
                    title_span=Span(start=title.start, end=title.end) if title else None,
                    employer_span=Span(start=employer.start, end=employer.end) if employer else None,
                    location_span=Span(start=location.start, end=location.end) if location else None,
                    dates_span=Span(start=dates.start, end=dates.end) if dates else None,
                    bullets=bullets,
                )
            )
        return positions
