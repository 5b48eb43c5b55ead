"""Properties (Hypothesis) of text normalisation, text assembly, date parsing and section
detection on arbitrary input: they never raise, keep their offsets exact, and stay in range.

``test_text_units.py`` holds the examples and the round trip of formatted dates; these are the
properties over any text, including what hostile PDFs produce (control characters, lone
surrogates, private-use glyphs, very long lines).
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from screening.lexicons import Headings, load_headings
from screening.parsing.dates import find_date_ranges
from screening.parsing.model import SECTION_NAMES
from screening.parsing.normalize import normalize_line
from screening.parsing.sections import find_sections, heading_name
from screening.parsing.text import TextLine, assemble_plain_text
from screening.settings import DEFAULT_DATA_DIR

#: Any code point, lone surrogates and controls included (what a broken font map can yield).
ANY_TEXT = st.text(alphabet=st.characters(codec=None), max_size=200)
#: Résumé-like text: words, digits, dates, punctuation and separators.
RESUME_TEXT = st.lists(
    st.sampled_from(
        [
            *"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,:;/-–—~()'年月至今",
            *(" 2019", " 2021", " Jan ", " Present", " to ", "\n", "\t", "•", "Experience\n", "SKILLS\n"),
        ]
    ),
    max_size=120,
).map("".join)
_DATE = re.compile(r"^(19[5-9]\d|20[0-3]\d)(-(0[1-9]|1[0-2]))?$")
_BROKEN = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u200b\ufeff\u00ad]")


# --- normalisation ------------------------------------------------------------------------------


@given(ANY_TEXT.map(lambda t: t.replace("\n", " ").replace("\r", " ")))
@settings(max_examples=400, deadline=None)
def test_normalize_line_cleans_any_text_idempotently(text: str) -> None:
    once = normalize_line(text)
    assert normalize_line(once) == once
    assert not _BROKEN.search(once)  # no controls, lone surrogates or invisible characters left
    once.encode("utf-8")  # always encodable (spaCy, JSON, the database)
    assert "\n" not in once
    assert once == once.strip(" \t")


@given(st.lists(st.from_regex(r"[A-Za-z0-9][A-Za-z0-9,'()/]{0,15}", fullmatch=True), max_size=12))
@settings(max_examples=200, deadline=None)
def test_normalize_line_keeps_plain_words_as_they_are(words: list[str]) -> None:
    text = " ".join(words)
    assert normalize_line(f"  {text}  ") == text


# --- assembled text: offsets ---------------------------------------------------------------------


@given(st.one_of(ANY_TEXT, RESUME_TEXT))
@settings(max_examples=300, deadline=None)
def test_assembled_lines_are_exact_slices_of_the_text_in_order(text: str) -> None:
    assembled = assemble_plain_text(text)
    joined = assembled.text
    previous_end = -1
    for line in assembled.lines:
        assert joined[line.start : line.end] == line.text
        assert line.text
        assert line.start > previous_end
        previous_end = line.end
    assert joined == "\n".join(line.text for line in assembled.lines)
    (page,) = assembled.pages
    assert (page.start, page.end) == (0, len(joined))


# --- dates ----------------------------------------------------------------------------------------


@given(st.one_of(RESUME_TEXT, ANY_TEXT), st.data())
@settings(max_examples=400, deadline=None)
def test_date_ranges_are_ordered_in_range_and_inside_the_window(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)), label="start")
    end = data.draw(st.integers(start, len(text)), label="end")
    ranges = find_date_ranges(text, start, end)
    last_end = start
    for r in ranges:
        assert last_end <= r.start < r.end <= end  # inside the window, in order, not overlapping
        last_end = r.end
        assert _DATE.match(r.start_date), r
        assert r.end_date is None or r.end_date == "present" or _DATE.match(r.end_date), r
        if r.end_date not in (None, "present"):
            assert r.end_date >= r.start_date[: len(r.end_date)]  # never reversed
    # A window ending at ``end`` reads the text as if it stopped there (offsets into the text).
    assert find_date_ranges(text, 0, end) == find_date_ranges(text[:end])


@given(st.integers(1950, 2039), st.integers(1, 12), st.booleans(), st.text(alphabet="xyz ", max_size=20))
@settings(max_examples=200, deadline=None)
def test_a_date_with_an_open_end_parses_to_present(year: int, month: int, chinese: bool, filler: str) -> None:
    text = f"{filler}{year}年{month}月 – 至今" if chinese else f"{filler}{month:02d}/{year} - Present"
    (found,) = find_date_ranges(text)
    assert (found.start_date, found.end_date) == (f"{year}-{month:02d}", "present")
    assert text[found.start : found.end].startswith(str(year) if chinese else f"{month:02d}/")


# --- sections -------------------------------------------------------------------------------------


def _headings() -> Headings:
    # Not the ``resources`` fixture: Hypothesis prints every argument of a failing example.
    return load_headings(DEFAULT_DATA_DIR)


@given(ANY_TEXT, st.booleans(), st.floats(1, 40), st.floats(0, 60))
@settings(max_examples=300, deadline=None)
def test_heading_name_never_raises_and_names_a_known_section(
    text: str, bold: bool, size: float, gap: float
) -> None:
    line = TextLine(text, 0, len(text), 1, 50.0, 300.0, 700.0, size, bold, gap)
    assert heading_name(line, _headings(), 10.0, 12.0) in (*SECTION_NAMES, None)


@given(st.one_of(ANY_TEXT, RESUME_TEXT))
@settings(max_examples=300, deadline=None)
def test_sections_tile_the_text_from_their_first_heading(text: str) -> None:
    assembled = assemble_plain_text(text)
    sections = find_sections(assembled.lines, len(assembled.text), _headings())
    starts = {line.start for line in assembled.lines}
    for i, section in enumerate(sections):
        following = sections[i + 1] if i + 1 < len(sections) else None
        assert section.name in SECTION_NAMES
        assert section.start in starts  # a section opens at a line
        assert section.end == (following.start if following else len(assembled.text))
        assert section.start < section.end or following is None
        assert section.heading.strip()
        assert section.heading in assembled.text[section.start : section.end]


_BODY = st.lists(
    st.from_regex(r"[a-z][a-z ,.]{0,50}", fullmatch=True).map(str.strip).filter(bool), min_size=1, max_size=4
)


_HEADING = st.sampled_from(["EXPERIENCE", "Education", "SKILLS", "Work History", "工作经历"])


@given(
    st.lists(st.tuples(_HEADING, _BODY), min_size=1, max_size=5),
    st.lists(_BODY.map(lambda b: b[0]), max_size=3),
)
@settings(max_examples=200, deadline=None)
def test_headings_between_body_lines_open_exactly_their_sections(
    blocks: list[tuple[str, list[str]]], preamble: list[str]
) -> None:
    # Body lines start in lower case, which no heading does: the headings are the only sections.
    lines = [*preamble]
    for heading, body in blocks:
        lines += [heading, *body]
    assembled = assemble_plain_text("\n".join(lines))
    sections = find_sections(assembled.lines, len(assembled.text), _headings())
    assert [s.heading for s in sections] == [heading for heading, _ in blocks]
    expected = [_headings().by_text[heading.lower()] for heading, _ in blocks]
    assert [s.name for s in sections] == expected
    for section in sections:
        assert assembled.text[section.start :].startswith(section.heading)
