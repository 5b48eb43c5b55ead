"""The UI's view logic: evidence and masking segments, shortlist order and filters."""

from __future__ import annotations

import pytest

from screening.parsing.model import Page, ParsedResume, Pii
from screening.schema import CandidateResult, EvidenceItem
from screening.web import views

TEXT = "Mei Chen\nmei.chen@example.com\nLed KYC reviews at HSBC.\nChen built the desk.\n"


def _parsed(text: str, pii: list[Pii]) -> ParsedResume:
    page = Page(number=1, start=0, end=len(text), width=595.0, height=842.0)
    return ParsedResume(sha256="0" * 64, quality="ok", lang="en", text=text, pages=[page], pii=pii)


def _ev(start: int, end: int, weight: float, text: str = TEXT) -> EvidenceItem:
    return EvidenceItem(
        text=text[start:end], start=start, end=end, page=1, weight=weight, feature="ngram:kyc"
    )


def test_masked_spans_cover_pii_and_every_repeat_of_the_name() -> None:
    email = TEXT.index("mei.chen@")
    parsed = _parsed(
        TEXT,
        [
            Pii(kind="name", start=0, end=8),
            Pii(kind="email", start=email, end=email + len("mei.chen@example.com")),
        ],
    )
    spans = views.masked_spans(parsed)
    shown = views.mask_text(TEXT, spans)
    for hidden in ("Mei", "Chen", "@"):
        assert hidden not in shown
    assert "Led KYC reviews at HSBC." in shown
    assert shown.count(views.MASK) == 3  # the header name, the e-mail, "Chen" in the last line


def test_segments_cover_the_text_in_order_and_masking_wins() -> None:
    start = TEXT.index("Led")
    end = TEXT.index("\n", start)
    last = TEXT.index("Chen built")
    evidence = [_ev(start, end, 0.8), _ev(last, last + 20, -0.3)]
    parsed = _parsed(TEXT, [Pii(kind="name", start=0, end=8)])
    segments = views.segments(TEXT, evidence, views.masked_spans(parsed))
    kinds = [(s.kind, s.text) for s in segments]
    assert ("evidence", "Led KYC reviews at HSBC.") in kinds
    assert ("masked", views.MASK) in kinds
    assert all("Chen" not in s.text for s in segments)
    negative = [s for s in segments if s.kind == "evidence" and s.weight < 0]
    assert [(s.index, s.text) for s in negative] == [(2, " built the desk.")]
    unmasked = views.segments(TEXT, evidence, [])
    assert "".join(s.text for s in unmasked) == TEXT


def _row(cid: str, rank: int | None, fit: float, decision: str | None, web3: float) -> views.ShortlistRow:
    labels = {
        "web3": {"probability": web3, "predicted": web3 > 0.5, "threshold": 0.5, "evidence": []},
    }
    fit_json = {"role": "r", "score": fit, "components": [], "must_have": {"met": [], "missing": []}}
    result = CandidateResult.model_validate(
        {"file": None, "sha256": None, "status": "scored", "labels": labels, "fit": fit_json, "rank": rank}
    )
    return views.ShortlistRow(id=cid, rank=rank, file=cid, result=result, decision=decision)


ROWS = [
    _row("a", 1, 0.9, "advance", 0.2),
    _row("b", 2, 0.7, None, 0.9),
    _row("c", 3, 0.7, "reject", 0.6),
]


@pytest.mark.parametrize(
    ("key", "descending", "expected"),
    [
        ("rank", False, ["a", "b", "c"]),
        ("fit", True, ["a", "b", "c"]),  # b and c tie at 0.7: rank breaks the tie
        ("fit", False, ["b", "c", "a"]),
        ("web3", True, ["b", "c", "a"]),
        ("decision", False, ["b", "a", "c"]),  # undecided first, then alphabetical
    ],
)
def test_rows_sort_deterministically(key: str, descending: bool, expected: list[str]) -> None:
    assert [r.id for r in views.sort_rows(ROWS, key, descending=descending)] == expected


def test_rows_filter_by_latest_decision() -> None:
    assert [r.id for r in views.filter_rows(ROWS, "none")] == ["b"]
    assert [r.id for r in views.filter_rows(ROWS, "reject")] == ["c"]
    assert len(views.filter_rows(ROWS, "all")) == 3
    with pytest.raises(ValueError, match="unknown decision filter"):
        views.filter_rows(ROWS, "maybe")
    with pytest.raises(ValueError, match="unknown sort key"):
        views.sort_rows(ROWS, "name", descending=False)


def test_blind_names_never_show_the_file_name() -> None:
    assert views.display_name("Mei_Chen_CV.pdf", 2, 5, masked=True) == "Candidate 2"
    assert views.display_name("Mei_Chen_CV.pdf", None, 5, masked=True) == "Unranked candidate 5"
    assert views.display_name("Mei_Chen_CV.pdf", 2, 5, masked=False) == "Mei_Chen_CV.pdf"
