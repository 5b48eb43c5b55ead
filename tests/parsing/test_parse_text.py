"""Plain-text résumés (labelled records without a PDF) are read like a PDF's text."""

from __future__ import annotations

import hashlib

import pytest

from screening.parsing.pipeline import parse_pdf, parse_text
from screening.parsing.resources import ParseResources
from tests import pdf_builders as pdfs

RESUME = """Maria Gonzalez
maria.gonzalez@example.com | +44 20 7946 0958 | London, UK

Summary
She moved from a retail bank to a crypto exchange and leads the AML and KYC team.

Experience
Head of Compliance, Binance, Jan 2021 - Present
• Built the Travel Rule programme across 3 countries and trained 40 analysts.
Compliance Analyst, HSBC, Sep 2014 - Dec 2020
• Reviewed 200 high-risk accounts a month for sanctions exposure.

Education
MSc Finance, London School of Economics, 2012 - 2013

Skills
Python, SQL, Solidity
"""


def test_sections_positions_and_skills_are_found(resources: ParseResources) -> None:
    parsed = parse_text(RESUME, resources, file="maria.txt")
    assert parsed.file == "maria.txt"
    assert parsed.quality == "ok"
    assert parsed.sha256 == hashlib.sha256(RESUME.encode("utf-8")).hexdigest()
    assert [s.name for s in parsed.sections] == ["summary", "experience", "education", "skills"]
    assert [(p.title, p.employer, p.start_date, p.end_date) for p in parsed.positions] == [
        ("Head of Compliance", "Binance", "2021-01", "present"),
        ("Compliance Analyst", "HSBC", "2014-09", "2020-12"),
    ]
    by_name = {s.name: s for s in parsed.skills}
    assert by_name["Binance"].family == "web3"
    assert {"tradfi", "web3"} <= {s.family for s in parsed.skills}
    assert [p.number for p in parsed.pages] == [1]
    assert "\n\n" not in parsed.text  # blank lines are dropped, as in a PDF


def test_offsets_quote_the_text(resources: ParseResources) -> None:
    parsed = parse_text(RESUME, resources)
    for section in parsed.sections:
        assert parsed.text[section.start : section.end].startswith(section.heading)
    for position in parsed.positions:
        assert position.title_span is not None
        assert parsed.text[position.title_span.start : position.title_span.end] == position.title
    for skill in parsed.skills:
        assert parsed.text[skill.start : skill.end].strip()
    for line in parsed.lines:
        assert parsed.text[line.start : line.end] in RESUME
    emails = [parsed.text[p.start : p.end] for p in parsed.pii if p.kind == "email"]
    assert emails == ["maria.gonzalez@example.com"]


def test_same_result_twice_and_close_to_the_pdf_reading(resources: ParseResources) -> None:
    first = parse_text(RESUME, resources)
    assert parse_text(RESUME, resources).model_dump() == first.model_dump()
    from_pdf = parse_pdf(pdfs.one_column([ln for ln in RESUME.splitlines() if ln]), resources)
    assert first.text == from_pdf.text
    assert [s.name for s in first.sections] == [s.name for s in from_pdf.sections]
    assert [(p.title, p.employer) for p in first.positions] == [
        (p.title, p.employer) for p in from_pdf.positions
    ]


def test_a_paragraphs_wrapped_last_words_are_not_the_next_jobs_title(resources: ParseResources) -> None:
    # A résumé builder's layout (anonymised as LiveCareer's are): paragraphs without bullet
    # glyphs, and a sentence that wraps onto a short line just above the next job's header.
    # That line ends the sentence; it is no job title.
    text = """Experience
HOME CARE AIDE , 03/2016 to 08/2016
Company Name – City , State
Dressed, groomed and fed patients with limited physical abilities to help them
efficiently handle basic needs.
OFFICE ASSISTANT , 09/2017 to 09/2019
Company Name – City , State
Greeted visitors, answered phones and scheduled appointments for four dentists and
their hygienists.
"""
    parsed = parse_text(text, resources)
    assert [(p.title, p.employer, p.location) for p in parsed.positions] == [
        ("HOME CARE AIDE", "Company Name", "City , State"),
        ("OFFICE ASSISTANT", "Company Name", "City , State"),
    ]


@pytest.mark.parametrize(
    "header",
    ["iOS Developer, Appwise, Jan 2021 - Present", "eBay Marketplace Lead | eBay | 2020 - 2023"],
)
def test_a_job_header_in_lower_case_after_an_unfinished_paragraph_is_still_a_job(
    resources: ParseResources, header: str
) -> None:
    text = f"""Experience
Store Manager, Northwind Stores, Oct 2016 - Dec 2019
Opened the store every morning, trained new staff on the register and led the migration to
{header}
Shipped the booking feature of the company's iPhone app to the store.
"""
    parsed = parse_text(text, resources)
    assert len(parsed.positions) == 2
    assert parsed.text[parsed.positions[1].start :].startswith(header)


def test_an_anonymised_place_glued_to_a_title_is_read_as_the_place(resources: ParseResources) -> None:
    # "City , State" stands for a place; printed between the employer and the title it is
    # neither ("State Customer Service Lead").
    text = """Experience
Company Name City , State Customer Service Lead 04/2009 to 01/2011
Managed a team of twelve service agents across two shifts and their schedules.
"""
    [position] = parse_text(text, resources).positions
    assert (position.title, position.employer, position.location) == (
        "Customer Service Lead",
        "Company Name",
        "City , State",
    )


def test_a_real_place_that_reads_like_the_placeholder_is_left_alone(resources: ParseResources) -> None:
    text = """Experience
Policy Analyst, Carson City, State of Nevada, Jan 2015 - Dec 2018
Drafted briefs on water rights for the legislature and its committees every session.
"""
    [position] = parse_text(text, resources).positions
    assert position.employer == "State of Nevada"


def test_a_work_history_printed_twice_lists_each_job_once(resources: ParseResources) -> None:
    """Some résumé builders print the work history again after the education: the same jobs,
    read once. Two jobs with the same title at the same placeholder employer but different
    dates stay two."""
    history = """Work History
Carpenter Apprentice , 10/2017 to 09/2019
Company Name – City , State
Installed and repaired woodwork, millwork and cabinetry under supervision.
Cashier , 01/2015 to 06/2016
Company Name – City , State
Handled cash and card payments for a busy grocery store every day.
Cashier , 07/2013 to 12/2014
Company Name – City , State
Stocked shelves and served customers at the register of a pharmacy.
"""
    text = f"Skills\nCabinetry\n{history}Education\nHigh School Diploma : 04/2010\n{history}"
    parsed = parse_text(text, resources)
    assert [(p.title, p.start_date) for p in parsed.positions] == [
        ("Carpenter Apprentice", "2017-10"),
        ("Cashier", "2015-01"),
        ("Cashier", "2013-07"),
    ]
    assert all(p.end < text.index("Education") for p in parsed.positions)  # the first printing's
