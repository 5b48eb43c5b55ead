"""Untrusted files: every one gets a result or a stable error code, never a crash or a hang."""

from __future__ import annotations

import time

import pytest

from screening.parsing.errors import ParseError
from screening.parsing.isolation import ParserPool
from screening.parsing.model import ParsedResume, ParseFailure
from screening.parsing.pipeline import parse_pdf
from screening.parsing.resources import ParseResources
from screening.settings import ParseLimits, Settings
from tests import pdf_builders as pdfs

RESUME = [
    "Priya Raman",
    "Experience",
    "Risk Analyst, Harbour Bank, 2018 - 2022",
    "Built credit scorecards for small-business loans across three markets.",
    "Education",
    "BSc Economics, University of Leeds",
]


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "not_pdf"),
        (b"GIF89a\x01\x00\x01\x00", "not_pdf"),
        (b"%PDF-1.7\n" + b"\x00garbage" * 50, "malformed"),
        (pdfs.one_column(RESUME)[:300], "malformed"),
        (pdfs.encrypted(pdfs.one_column(RESUME), "s3cret"), "encrypted"),
        (pdfs.many_pages(31), "too_many_pages"),
        (pdfs.decompression_bomb(120), "too_large"),
    ],
    ids=["empty", "gif", "garbage-after-header", "truncated", "encrypted", "31-pages", "decompression-bomb"],
)
def test_parse_rejects_bad_files_with_a_stable_code(
    resources: ParseResources, data: bytes, code: str
) -> None:
    with pytest.raises(ParseError) as caught:
        parse_pdf(data, resources, ParseLimits())
    assert caught.value.code == code
    assert caught.value.message


def test_parse_rejects_files_over_the_size_limit_before_reading_them(resources: ParseResources) -> None:
    with pytest.raises(ParseError) as caught:
        parse_pdf(pdfs.one_column(RESUME), resources, ParseLimits(max_bytes=500))
    assert caught.value.code == "too_large"


def test_encrypted_pdf_without_a_user_password_opens(resources: ParseResources) -> None:
    parsed = parse_pdf(pdfs.encrypted(pdfs.one_column(RESUME), ""), resources)
    assert "Harbour Bank" in parsed.text


def test_broken_cross_reference_table_is_recovered(resources: ParseResources) -> None:
    parsed = parse_pdf(pdfs.broken_xref(pdfs.one_column(RESUME)), resources)
    assert "Risk Analyst, Harbour Bank" in parsed.text


def test_five_hundred_page_file_is_refused_quickly(resources: ParseResources) -> None:
    data = pdfs.many_pages(500)
    started = time.perf_counter()
    with pytest.raises(ParseError) as caught:
        parse_pdf(data, resources)
    assert caught.value.code == "too_many_pages"
    assert time.perf_counter() - started < 5


def test_pool_returns_errors_as_outcomes_and_keeps_going(pool: ParserPool) -> None:
    items = [
        ("cv.pdf", pdfs.one_column(RESUME)),
        ("photo.pdf", b"\xff\xd8\xff\xe0 not a pdf"),
        ("locked.pdf", pdfs.encrypted(pdfs.one_column(RESUME), "pw")),
        ("cv2.pdf", pdfs.one_column(RESUME)),
    ]
    outcomes = list(pool.parse_many(items))
    assert [o.file for o in outcomes] == [name for name, _ in items]
    assert isinstance(outcomes[0], ParsedResume)
    assert isinstance(outcomes[1], ParseFailure)
    assert outcomes[1].error.code == "not_pdf"
    assert isinstance(outcomes[2], ParseFailure)
    assert outcomes[2].error.code == "encrypted"
    assert isinstance(outcomes[3], ParsedResume)
    assert outcomes[0].sha256 == outcomes[3].sha256


@pytest.mark.slow
def test_a_file_that_runs_past_the_time_limit_gets_timeout_and_the_pool_recovers(settings: Settings) -> None:
    limits = ParseLimits(timeout_s=1.0)
    with ParserPool(settings.model_copy(update={"parse": limits}), workers=1) as pool:
        assert isinstance(pool.parse(pdfs.one_column(RESUME), "warm-up.pdf"), ParsedResume)
        started = time.perf_counter()
        outcome = pool.parse(pdfs.slow_to_interpret(1_500_000), "slow.pdf")
        assert time.perf_counter() - started < 3.0
        assert isinstance(outcome, ParseFailure)
        assert outcome.error.code == "timeout"
        after = pool.parse(pdfs.one_column(RESUME), "after.pdf")
        assert isinstance(after, ParsedResume)


def test_an_endless_array_in_a_content_stream_is_refused(resources: ParseResources) -> None:
    data = pdfs.text_stream_pdf(b"BT /F1 10 Tf 50 800 Td [" + b"(a) 1 " * 200_000 + b"] TJ ET")
    with pytest.raises(ParseError) as caught:
        parse_pdf(data, resources)
    assert caught.value.code == "too_large"
