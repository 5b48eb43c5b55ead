"""ParsedResume -> model inputs: redacted text and named, interpretable signals.

Shared by training and serving, so the two cannot drift. Two rules hold everywhere:

* Identity and protected attributes never reach a model: every PII span found by the
  parser (name, contact details, home location, birth date, age, gender words, marital
  status, nationality) is replaced by a neutral placeholder *before* any feature is
  computed, and each placeholder is the same whatever it replaced.
* No feature encodes age, graduation year, career-gap length or total years of
  experience: signals count facts (countries, moves, promotions, ventures, outcomes,
  certifications, skills by family), never durations or dates.

Every signal keeps the character spans (into the parsed text) it was computed from, so
that an explanation can quote them.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from screening.lexicons import FAMILIES, Gazetteer
from screening.parsing.model import ParsedResume, Position, Span
from screening.parsing.pii import spans_of

#: The placeholder every redacted span becomes (one token, same for every kind).
REDACTED = " ▯ "
#: Kinds of personal data that are redacted. URLs go too (profile links carry names).
REDACTED_KINDS = frozenset(
    {
        "name",
        "email",
        "phone",
        "address",
        "date_of_birth",
        "age",
        "gender",
        "marital_status",
        "nationality",
        "url",
    }
)

# The phrase rules behind the named signals follow the labelling guide's items
# (``labelling-guide.md``), in the idioms of English and Chinese résumés. Each counts matches.
_NUMBER = re.compile(
    r"(?:[$€£¥]|us\$|hk\$|s\$|aed\s?)\s?\d|\d+(?:[.,]\d+)?\s?(?:%|x\b|k\b|m\b|bn\b|million|billion)"
    r"|\bfrom\s+(?:[$€£¥]\s?)?\d[\d,.]*\s*\w*\s+(?:\w+\s+)?to\s+(?:over\s+|more than\s+)?(?:[$€£¥]\s?)?\d"
    r"|\b(?:by|of)\s+\d+(?:[.,]\d+)?\s?(?:percent|per cent)\b",
    re.IGNORECASE,
)
_FOUNDER = re.compile(
    r"\b(?:co-?founder|founder|founding|owner|sole proprietor(?:ship)?|self-employed)\b"
    r"|创始人|联合创始人|创业",
    re.IGNORECASE,
)
_DIGIT = re.compile(r"\d")
_LEAD = re.compile(
    r"\b(?:led|lead|leading|managed|mentored|mentoring|mentor|coached|supervised|headed|directed|"
    r"oversaw|trained \w+ (?:new )?(?:staff|employees|hires|members))\b|带领|管理|负责",
    re.IGNORECASE,
)
_LAUNCH = re.compile(
    r"\b(?:launched|launch of|founded|started|opened|built from scratch|created|established|initiated|"
    r"pioneered|spearheaded|introduced|first-ever|from the ground up|from scratch|proposed|"
    r"expanded into|rolled out)\b|创办|推出|上线|开拓|首创",
    re.IGNORECASE,
)
_AWARD = re.compile(
    r"\b(?:awards?|awarded|winner|won|1st|first place|finalist|scholarships?|fellowship|honou?rs?|"
    r"honou?r society|cum laude|magna|summa|dean'?s list|medal|distinction|recogni[sz]ed (?:as|for)|"
    r"of the (?:month|year|quarter)|president'?s club|top \d+%?)\b|获奖|一等奖|奖学金|荣誉|优秀员工",
    re.IGNORECASE,
)
_PROMOTION = re.compile(
    r"\b(?:promoted|promotion to|promotions|advanced to|elevated to|selected (?:for|to|as)|"
    r"fast[- ]tracked|graduate programme|graduate program|leadership (?:program|programme)|"
    r"management trainee)\b|晋升|升任|提拔|管培生",
    re.IGNORECASE,
)
_OUTPERFORM = re.compile(
    r"\b(?:ranked|ranking|top \d+|#\s?\d\b|number one|no\. ?\d\b|out of \d+|exceeded|surpassed|"
    r"outperformed|beat (?:the )?(?:target|quota|goal))|排名第|名列前",
    re.IGNORECASE,
)
_INTERNATIONAL = re.compile(
    r"\b(?:international|internationally|global|globally|multinational|cross-cultural|overseas|abroad|"
    r"worldwide|offshore|expatriate|relocated|emea|apac|latam|asia[- ]pacific|multi-country|"
    r"\d+ countries|distributed teams?|remote teams?)\b|海外|跨国|国际|全球",
    re.IGNORECASE,
)
_CHANGE = re.compile(
    r"\b(?:merger|mergers|acquisition|acquisitions|reorgani[sz]ation|restructuring|migration|migrated|"
    r"transition|transitioned|turnaround|integration|conversion|consolidation|new market|"
    r"change management|transformation|crisis|pivot(?:ed)?)\b|并购|重组|迁移|转型",
    re.IGNORECASE,
)
_CROSS_FUNCTIONAL = re.compile(
    r"\b(?:cross[- ]functional|interdepartmental|cross[- ]department(?:al)?|multi-disciplinary|"
    r"multidisciplinary|liaison|liaised|stakeholders?|bilingual|trilingual|multilingual|diverse industr\w+|"
    r"various industr\w+|multiple industr\w+)\b|跨部门|协调",
    re.IGNORECASE,
)
_PURSUING = re.compile(
    r"\b(?:pursuing|working towards?|currently enrolled|in progress|expected|candidate|level [i123]+ "
    r"(?:candidate|passed)|part-time (?:mba|master)|evening (?:mba|program))\b|在读|备考",
    re.IGNORECASE,
)

#: Named signals, in a fixed order (the model's feature names are ``sig:<name>``).
SIGNAL_NAMES: tuple[str, ...] = (
    "countries_worked",
    "cross_family_moves",
    "promotions_same_employer",
    "founded_ventures",
    "quantified_outcomes",
    "leadership_statements",
    "launches",
    "awards",
    "promotion_statements",
    "outperformance",
    "international_scope",
    "change_delivery",
    "cross_functional",
    "pursuing_qualifications",
    "languages",
    *(f"certifications_{f}" for f in FAMILIES),
    *(f"skills_{f}" for f in FAMILIES),
    *(f"employers_{f}" for f in FAMILIES),
    *(f"titles_{f}" for f in FAMILIES),
)


@dataclass(frozen=True, slots=True)
class Signal:
    """One named signal: its value and the spans of the parsed text it was computed from."""

    name: str
    value: float
    spans: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class RedactedText:
    """The text a model sees, and how to map its offsets back to the parsed text.

    Personal data is replaced by the placeholder and every digit by ``0`` (same length, so
    offsets still map): years, dates and tenures ("24 years", "2016") reach no model, while
    "grew sales 40%" still reads as a quantified outcome.
    """

    text: str
    #: ``(redacted_start, original_start, length)`` of each kept stretch, in order.
    pieces: tuple[tuple[int, int, int], ...]

    def to_original(self, start: int, end: int) -> tuple[int, int] | None:
        """Map ``[start, end)`` of the redacted text to the parsed text, or None if it
        touches a placeholder (evidence is never taken from redacted spans)."""
        starts = [p[0] for p in self.pieces]
        i = bisect_right(starts, start) - 1
        if i < 0:
            return None
        r0, o0, n = self.pieces[i]
        if end > r0 + n:
            return None
        return o0 + (start - r0), o0 + (end - r0)


@dataclass(frozen=True, slots=True)
class ResumeFeatures:
    """All a model needs from one résumé (and nothing identifying)."""

    text: RedactedText
    signals: tuple[Signal, ...] = field(default_factory=tuple)

    def signal_vector(self) -> list[float]:
        """Signal values in ``SIGNAL_NAMES`` order."""
        by_name = {s.name: s.value for s in self.signals}
        return [by_name.get(name, 0.0) for name in SIGNAL_NAMES]


def redact(parsed: ParsedResume) -> RedactedText:
    """Replace every personal-data span of ``parsed.text`` with the neutral placeholder."""
    spans: list[Span] = []
    for span in spans_of([p for p in parsed.pii if p.kind in REDACTED_KINDS]):
        # Spans separated by nothing but spaces or punctuation become one placeholder, so
        # that a three-word name and a two-word name leave the same text.
        if spans and not any(c.isalnum() for c in parsed.text[spans[-1].end : span.start]):
            spans[-1] = Span(start=spans[-1].start, end=span.end)
        else:
            spans.append(span)
    out: list[str] = []
    pieces: list[tuple[int, int, int]] = []
    pos = 0
    length = 0
    for span in spans:
        if span.start > pos:
            chunk = parsed.text[pos : span.start]
            pieces.append((length, pos, len(chunk)))
            out.append(chunk)
            length += len(chunk)
        out.append(REDACTED)
        length += len(REDACTED)
        pos = max(pos, span.end)
    if pos < len(parsed.text):
        chunk = parsed.text[pos:]
        pieces.append((length, pos, len(chunk)))
        out.append(chunk)
    return RedactedText(_DIGIT.sub("0", "".join(out)), tuple(pieces))


def _position_family(parsed: ParsedResume, position: Position) -> str | None:
    """The family whose employer or title (or, failing that, skills) appear in the position."""
    counts: dict[str, float] = {}
    for skill in parsed.skills:
        if position.start <= skill.start < position.end:
            weight = 3.0 if skill.kind in ("employer", "title") else 1.0
            counts[skill.family] = counts.get(skill.family, 0.0) + weight
    if not counts:
        return None
    return max(sorted(counts), key=lambda f: counts[f])


def _country(location: str | None, gaz: Gazetteer) -> str | None:
    if not location:
        return None
    parts = [p.strip().lower() for p in re.split(r"[,，\n]", location) if p.strip()]
    for part in reversed(parts):
        if part in gaz.countries:
            return gaz.countries[part]
        if part in gaz.us_states:
            return "United States"
        if part in gaz.cities:
            return gaz.cities[part]
    return None


def _span(position: Position, attr: str) -> tuple[Span, ...]:
    value = getattr(position, attr)
    return (value,) if value is not None else ()


@cache
def _case_sensitive(regex: re.Pattern[str]) -> re.Pattern[str]:
    """``regex`` without IGNORECASE, for lower-cased text (its patterns are written in lower
    case): matching is the same and twice as fast."""
    return re.compile(regex.pattern, regex.flags & ~re.IGNORECASE)


def _count_matches(text: str, lowered: str | None, regex: re.Pattern[str], within: Sequence[Span]) -> Signal:
    """Matches of ``regex`` in the ``within`` stretches of ``text``; ``lowered`` is
    ``text.lower()`` when that keeps every offset (then the faster case-sensitive pattern
    runs on it), else None."""
    spans: list[Span] = []
    target, rx = (lowered, _case_sensitive(regex)) if lowered is not None else (text, regex)
    for area in within:
        for m in rx.finditer(target, area.start, area.end):
            spans.append(Span(start=m.start(), end=m.end()))
    return Signal("", float(len(spans)), tuple(spans))


def compute_signals(parsed: ParsedResume, gaz: Gazetteer) -> tuple[Signal, ...]:
    """The named signals of a parsed résumé, each with its source spans."""
    signals: list[Signal] = []
    # Lower-cased text keeps every offset except for a few characters ("İ"): then the
    # case-blind rules run on the text itself.
    lowered_text = parsed.text.lower()
    lowered = lowered_text if len(lowered_text) == len(parsed.text) else None
    positions = sorted(parsed.positions, key=lambda p: p.start)
    # Countries worked in, from the positions' locations.
    seen: dict[str, Span] = {}
    for p in positions:
        country = _country(p.location, gaz)
        if country and country not in seen and p.location_span is not None:
            seen[country] = p.location_span
    signals.append(Signal("countries_worked", float(len(seen)), tuple(seen.values())))
    # Moves between families, and promotions at the same employer (consecutive positions).
    families = [_position_family(parsed, p) for p in positions]
    moves: list[Span] = []
    promotions: list[Span] = []
    for (a, fa), (b, fb) in zip(
        zip(positions, families, strict=True), zip(positions[1:], families[1:], strict=True), strict=False
    ):
        if fa and fb and fa != fb:
            moves.extend([*_span(a, "title_span"), *_span(b, "title_span")])
        same_employer = a.employer and b.employer and a.employer.casefold() == b.employer.casefold()
        if same_employer and a.title and b.title and a.title.casefold() != b.title.casefold():
            promotions.extend([*_span(a, "title_span"), *_span(b, "title_span")])
    signals.append(Signal("cross_family_moves", float(len(moves) // 2), tuple(moves)))
    signals.append(Signal("promotions_same_employer", float(len(promotions) // 2), tuple(promotions)))
    founders = [p.title_span for p in positions if p.title and p.title_span and _FOUNDER.search(p.title)]
    signals.append(Signal("founded_ventures", float(len(founders)), tuple(s for s in founders if s)))
    bullets = [b for p in positions for b in p.bullets] or [Span(start=0, end=len(parsed.text))]
    for name, regex in (
        ("quantified_outcomes", _NUMBER),
        ("leadership_statements", _LEAD),
        ("launches", _LAUNCH),
    ):
        found = _count_matches(parsed.text, lowered, regex, bullets)
        signals.append(Signal(name, found.value, found.spans))
    whole = [Span(start=0, end=len(parsed.text))]
    for name, regex in (
        ("awards", _AWARD),
        ("promotion_statements", _PROMOTION),
        ("outperformance", _OUTPERFORM),
        ("international_scope", _INTERNATIONAL),
        ("change_delivery", _CHANGE),
        ("cross_functional", _CROSS_FUNCTIONAL),
        ("pursuing_qualifications", _PURSUING),
    ):
        found = _count_matches(parsed.text, lowered, regex, whole)
        signals.append(Signal(name, found.value, found.spans))
    signals.append(
        Signal(
            "languages",
            float(len(parsed.languages)),
            tuple(Span(start=x.start, end=x.end) for x in parsed.languages),
        )
    )
    for kind, prefix in (
        ("certification", "certifications"),
        ("skill", "skills"),
        ("employer", "employers"),
        ("title", "titles"),
    ):
        for family in FAMILIES:
            spans: list[Span] = []
            names: set[str] = set()
            for s in parsed.skills:
                wanted = s.kind in ("skill", "tool") if kind == "skill" else s.kind == kind
                if s.family == family and wanted and s.name not in names:  # distinct entries only
                    names.add(s.name)
                    spans.append(Span(start=s.start, end=s.end))
            signals.append(Signal(f"{prefix}_{family}", float(len(names)), tuple(spans)))
    by_name = {s.name: s for s in signals}
    return tuple(by_name[name] for name in SIGNAL_NAMES)


def featurize(parsed: ParsedResume, gaz: Gazetteer) -> ResumeFeatures:
    """Redacted text and signals of a parsed résumé."""
    return ResumeFeatures(redact(parsed), compute_signals(parsed, gaz))
