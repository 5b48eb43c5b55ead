"""Fonts of names and numbers only are built once per process and shared by every document:
the parse of a document is the same whether its fonts were shared or built for it."""

from __future__ import annotations

import pytest

from screening.parsing import pdf
from screening.parsing.pipeline import parse_pdf
from screening.parsing.resources import ParseResources
from tests import pdf_builders
from tests.data.helpers import RESUME_LINES
from training.corpus.generate import generate_example


def _documents() -> list[bytes]:
    half = len(RESUME_LINES) // 2
    return [
        pdf_builders.one_column(RESUME_LINES),
        pdf_builders.two_columns(RESUME_LINES[:half], RESUME_LINES[half:]),
        *(generate_example(41, i)[1] for i in range(6)),
    ]


def test_shared_fonts_change_no_parse(resources: ParseResources, monkeypatch: pytest.MonkeyPatch) -> None:
    documents = _documents()
    monkeypatch.setattr(pdf, "_SHARED_FONTS", {})
    monkeypatch.setattr(pdf, "_SHARED_FONTS_MAX", 0)  # every font built for its document
    alone = [parse_pdf(d, resources).model_dump_json() for d in documents]
    monkeypatch.setattr(pdf, "_SHARED_FONTS_MAX", 256)
    first = [parse_pdf(d, resources).model_dump_json() for d in documents]
    assert pdf._SHARED_FONTS, "the standard fonts of these documents are shared"
    again = [parse_pdf(d, resources).model_dump_json() for d in documents]  # all from the cache
    assert first == alone
    assert again == alone


def test_only_fonts_of_names_and_numbers_are_shared() -> None:
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject, NumberObject

    simple = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
            NameObject("/FirstChar"): NumberObject(32),
        }
    )
    assert pdf._shared_key(simple) is not None
    with_widths = DictionaryObject({**simple, NameObject("/Widths"): ArrayObject([NumberObject(500)])})
    assert pdf._shared_key(with_widths) is None
    assert pdf._shared_key(NameObject("/Helvetica")) is None
