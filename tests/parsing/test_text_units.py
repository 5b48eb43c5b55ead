"""Normalisation, dates and section headings: units and properties (Hypothesis)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from screening.lexicons import Headings
from screening.parsing.dates import find_date_ranges
from screening.parsing.normalize import normalize_line
from screening.parsing.resources import ParseResources
from screening.parsing.sections import heading_name
from screening.parsing.text import TextLine


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Ofﬁce manager", "Office manager"),
        ("ef\ufb02uent", "effluent"),
        ("co\u00adordinated", "coordinated"),
        ("Managerâ€™s award", "Manager’s award"),
        ("Zürich â€“ Geneva", "Zürich – Geneva"),
        ("Ã©quipe", "équipe"),
        ("Skills\u00c2\u00a0and tools", "Skills and tools"),
        ("\uf0b7 Led the audit", "• Led the audit"),
        ("● Led the audit", "• Led the audit"),
        ("- Led the audit", "• Led the audit"),
        ("Company Name ï¼\u200b City , State", "Company Name , City , State"),
        ("Analyst . . . . . . . . 2019 – 2021", "Analyst\t2019 – 2021"),
        ("a\u200b\u200bb   c", "ab c"),
        ("Ｒｉｓｋ　Ａｎａｌｙｓｔ", "Risk Analyst"),
    ],
)
def test_normalize_line_fixes_what_pdfs_produce(raw: str, clean: str) -> None:
    assert normalize_line(raw) == clean


@given(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\n\r"), max_size=80)
)
@settings(max_examples=300, deadline=None)
def test_normalize_line_is_idempotent_and_single_line(text: str) -> None:
    once = normalize_line(text)
    assert normalize_line(once) == once
    assert "\n" not in once
    assert "  " not in once
    assert once == once.strip(" \t")


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("Jan 2019 – Present", "2019-01", "present"),
        ("January 2019 - Current", "2019-01", "present"),
        ("01/2019 - 05/2020", "2019-01", "2020-05"),
        ("2019-01 to 2020-03", "2019-01", "2020-03"),
        ("2017 – 2019", "2017", "2019"),
        ("July 2011 to November 2012", "2011-07", "2012-11"),
        ("Sept. 2015 - Oct 2016", "2015-09", "2016-10"),
        ("2019.03 - 2021.06", "2019-03", "2021-06"),
        ("2019年3月 – 至今", "2019-03", "present"),
        ("2020.11 至 现在", "2020-11", "present"),
        ("09/2013 to Current", "2013-09", "present"),
        ("Since 2018", "2018", "present"),
        ("Summer 2013 – Spring 2014", "2013", "2014"),
    ],
)
def test_date_ranges_in_many_formats(text: str, start: str, end: str) -> None:
    (found,) = find_date_ranges(text)
    assert (found.start_date, found.end_date) == (start, end)
    assert text[found.start : found.end].strip() == text.strip()


def test_dates_ignore_money_and_percentages() -> None:
    assert find_date_ranges("grew revenue to $2019 and 2020% margin") == []


_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
_FORMATS = [
    lambda y, m: f"{_MONTHS[m - 1]} {y}",
    lambda y, m: f"{m:02d}/{y}",
    lambda y, m: f"{y}-{m:02d}",
    lambda y, m: f"{y}.{m:02d}",
    lambda y, m: f"{y}年{m}月",
]


@given(
    st.integers(1960, 2035), st.integers(1, 12), st.integers(1960, 2035), st.integers(1, 12),
    st.sampled_from(_FORMATS), st.sampled_from([" – ", " - ", " to ", "—", " ~ "]),
)  # fmt: skip
@settings(max_examples=300, deadline=None)
def test_any_formatted_range_round_trips(y1: int, m1: int, y2: int, m2: int, fmt: object, sep: str) -> None:
    (y1, m1), (y2, m2) = sorted([(y1, m1), (y2, m2)])
    text = f"Analyst, Acme Bank {fmt(y1, m1)}{sep}{fmt(y2, m2)} London"  # type: ignore[operator]
    ranges = find_date_ranges(text)
    assert [(r.start_date, r.end_date) for r in ranges] == [(f"{y1}-{m1:02d}", f"{y2}-{m2:02d}")]


def _line(text: str, *, bold: bool = False, size: float = 10.0, gap: float = 12.0) -> TextLine:
    return TextLine(text, 0, len(text), 1, 50.0, 300.0, 700.0, size, bold, gap)


@pytest.mark.parametrize(
    ("heading", "section"),
    [
        ("Work History", "experience"),
        ("PROFESSIONAL EXPERIENCE", "experience"),
        ("EMPLOYMENT:", "experience"),
        ("Education & Training", "education"),
        ("Licenses & Certifications", "certifications"),
        ("Honors and Awards", "awards"),
        ("工作经历", "experience"),
        ("教育背景", "education"),
        ("专业技能", "skills"),
        ("个人简介", "summary"),
        ("语言能力", "languages"),
        ("Interests", "other"),
        ("Languages: English, Malay", "languages"),
    ],
)
def test_headings_in_many_spellings(resources: ParseResources, heading: str, section: str) -> None:
    assert heading_name(_line(heading), resources.headings, 10.0, 12.0) == section


def test_ambiguous_single_words_need_heading_style(resources: ParseResources) -> None:
    headings: Headings = resources.headings
    assert heading_name(_line("Training"), headings, 10.0, 12.0) is None
    assert heading_name(_line("Training", bold=True), headings, 10.0, 12.0) == "education"
    assert heading_name(_line("Highlights: launched the staking product"), headings, 10.0, 12.0) is None
    # The last word of a wrapped sentence is not a heading, even a heading word.
    assert heading_name(_line("skills."), headings, 10.0, 12.0) is None


_HEADINGS = st.sampled_from(["Work Experience", "Skills", "Education", "Projects", "Publications"])


@given(_HEADINGS, st.sampled_from(["", ":", " :"]), st.booleans())
@settings(max_examples=60, deadline=None)
def test_heading_case_and_colon_do_not_matter(
    resources: ParseResources, heading: str, colon: str, upper: bool
) -> None:
    text = (heading.upper() if upper else heading) + colon
    assert heading_name(_line(text, bold=True), resources.headings, 10.0, 12.0) is not None
