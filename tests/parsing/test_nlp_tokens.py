"""The parse pipeline's tokenizers give exactly the stock spaCy tokenizers' tokens.

``screening.parsing.nlp`` drops the special cases that only restate a whitespace token so
that spaCy's chunk cache keeps working; no token may change (text, offset, trailing space,
norm, lower case), whatever the whitespace, punctuation, special cases and scripts.
"""

from __future__ import annotations

import itertools
from typing import Any

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from screening.parsing.nlp import _HAS_CJK, _make_blank
from screening.parsing.resources import ParseResources
from tests.data.helpers import RESUME_LINES
from training.corpus.generate import generate_text_example

_WHITESPACE = [
    " ",
    "  ",
    "\n",
    "\n\n",
    " \n",
    "\n ",
    "\t",
    " \t ",
    "\r\n",
    "\xa0",
    "\u3000",
    "\u2028",
    "\x0c",
]
_WORDS = [
    "Led",
    "Inc.",
    "(e.g.",
    "U.S.",
    "don't",
    ":)",
    "合规经理",
    "—",
    "\\n",
    "a.m.",
    "2019-2021",
    "x@y.io",
    "",
]


def _tokens(doc: Any) -> list[tuple[str, int, str, str, str]]:
    return [(t.orth_, t.idx, t.whitespace_, t.norm_, t.lower_) for t in doc]


@pytest.fixture(scope="module")
def stock() -> tuple[Any, Any]:
    """The tokenizers as spaCy builds them: CJK-aware blank pipeline, and plain English."""
    return _make_blank().tokenizer, spacy.blank("en").tokenizer


def _stock_tokens(stock: tuple[Any, Any], text: str) -> list[tuple[str, int, str, str, str]]:
    cjk, plain = stock
    return _tokens(cjk(text) if _HAS_CJK.search(text) else plain(text))


def _texts() -> list[str]:
    texts = ["\n".join(RESUME_LINES), "", " ", "\n", " \n ", "\xa0", "Led\xa0teams"]
    for ws_a, ws_b in itertools.product(_WHITESPACE, repeat=2):
        for a, b in itertools.pairwise(_WORDS):
            texts.append(f"{ws_a}{a}{ws_b}{b}{ws_a}")
    texts += [generate_text_example(2031, i, noise=0.1, zh_share=0.3)["text"] for i in range(40)]
    return texts


def test_tokens_equal_the_stock_tokenizers(resources: ParseResources, stock: tuple[Any, Any]) -> None:
    for text in _texts():
        # Twice: the second run goes through the tokenizer's cache.
        for _ in range(2):
            assert _tokens(resources.nlp.doc(text)) == _stock_tokens(stock, text), repr(text)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(st.sampled_from(_WHITESPACE), st.sampled_from(_WORDS), st.text(max_size=6)),
        max_size=12,
    )
)
def test_tokens_equal_the_stock_tokenizers_on_any_text(
    resources: ParseResources, stock: tuple[Any, Any], parts: list[str]
) -> None:
    text = "".join(parts)
    assert _tokens(resources.nlp.doc(text)) == _stock_tokens(stock, text)
