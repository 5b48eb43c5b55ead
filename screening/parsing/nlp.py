"""The spaCy pipeline: tokens, sentences and taxonomy matching, with nothing downloaded.

A blank English pipeline whose tokenizer also splits CJK text into single characters
(so one pipeline serves English, Chinese and the mix of both), a sentencizer, and two
``PhraseMatcher`` s built from the taxonomy: acronyms (``AML``, ``ETH``) match by exact
case, every other phrase case-insensitively. A trained pipeline installed as a package
can be loaded instead by name (``SCREENING_SPACY_MODEL``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import spacy
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.util import compile_infix_regex, filter_spans

from screening.lexicons import TaxonomyEntry, load_taxonomy

_CJK_INFIX = r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]"
_HAS_CJK = re.compile(_CJK_INFIX)
_ACRONYM = re.compile(r"^[A-Z0-9][A-Z0-9&./+-]{0,5}$")


@dataclass(frozen=True, slots=True)
class Match:
    entry: TaxonomyEntry
    start: int
    end: int


@dataclass(frozen=True)
class ResumeNlp:
    """The pipeline and the taxonomy matchers, built once per process."""

    nlp: Language
    plain: Any  # the stock English tokenizer on the same vocabulary, for text with no CJK
    exact: PhraseMatcher
    folded: PhraseMatcher
    entries: tuple[TaxonomyEntry, ...]
    taxonomy_version: str

    def doc(self, text: str) -> Any:
        """Tokenise ``text`` (no other pipeline component runs)."""
        if _HAS_CJK.search(text):
            return self.nlp.make_doc(text)
        return self.plain(text)  # same tokens for Latin text, without the CJK affix rules

    def match_taxonomy(self, doc: Any) -> list[Match]:
        """Longest non-overlapping taxonomy matches, in text order."""
        spans = []
        for matcher in (self.exact, self.folded):
            for match_id, start, end in matcher(doc):
                span = doc[start:end]
                span.label = match_id
                spans.append(span)
        out: list[Match] = []
        strings = self.nlp.vocab.strings
        for span in filter_spans(spans):
            index = int(strings[span.label])
            out.append(Match(self.entries[index], span.start_char, span.end_char))
        return out


def _without_whitespace_specials(tokenizer: Any) -> None:
    """Drop the tokenizer's special cases that only restate a whitespace token (``"\\n"`` ->
    ``[{ORTH: "\\n"}]``), which change no token, to keep its cache working.

    spaCy's tokenizer caches how it split each whitespace-delimited chunk, but stops caching
    for the rest of a document once any special case has matched (the ``has_special`` flag
    of ``Tokenizer._tokenize_affixes`` is never reset), and the first line break of a résumé
    matched one: every later chunk went through the affix regular expressions again (about
    a fifth of the time of parsing a short résumé). Without these rules a whitespace chunk
    gets the same single token through the ordinary path (the affix rules never split
    whitespace; ``tests/parsing/test_nlp_tokens.py`` compares with the stock tokenizer).
    Rules that set anything else (``"\\xa0"`` sets a norm) are kept.
    """
    rules = tokenizer.rules or {}
    restating = {key for key, value in rules.items() if key.isspace() and value == [{ORTH: key}]}
    if restating:
        tokenizer.rules = {key: value for key, value in rules.items() if key not in restating}


def _make_blank() -> Language:
    nlp = spacy.blank("en")
    tokenizer: Any = nlp.tokenizer
    infixes = [*(nlp.Defaults.infixes or []), _CJK_INFIX]
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    prefixes = [*(nlp.Defaults.prefixes or []), _CJK_INFIX]
    tokenizer.prefix_search = spacy.util.compile_prefix_regex(prefixes).search
    suffixes = [*(nlp.Defaults.suffixes or []), _CJK_INFIX]
    tokenizer.suffix_search = spacy.util.compile_suffix_regex(suffixes).search
    nlp.add_pipe("sentencizer")
    return nlp


@cache
def get_nlp(data_dir: Path, model: str | None = None) -> ResumeNlp:
    """Build (once per process) the pipeline and the matchers for ``data_dir``'s taxonomy."""
    nlp = spacy.load(model) if model else _make_blank()
    taxonomy = load_taxonomy(data_dir)
    exact = PhraseMatcher(nlp.vocab, attr="ORTH")
    folded = PhraseMatcher(nlp.vocab, attr="LOWER")
    exact_patterns: dict[str, list[Any]] = {}
    folded_patterns: dict[str, list[Any]] = {}
    for index, entry in enumerate(taxonomy.entries):
        key = str(index)
        for phrase in entry.phrases:
            target = exact_patterns if _ACRONYM.match(phrase) else folded_patterns
            target.setdefault(key, []).append(nlp.make_doc(phrase))
    for key, docs in exact_patterns.items():
        exact.add(key, docs)
    for key, docs in folded_patterns.items():
        folded.add(key, docs)
    plain = spacy.blank("en", vocab=nlp.vocab).tokenizer if model is None else nlp.tokenizer
    for tokenizer in (nlp.tokenizer, plain):
        _without_whitespace_specials(tokenizer)
    return ResumeNlp(nlp, plain, exact, folded, taxonomy.entries, taxonomy.version)
