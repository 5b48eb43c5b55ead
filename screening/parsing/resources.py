"""Everything a parse reads besides the PDF, loaded once per process."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from screening.lexicons import (
    Gazetteer,
    Headings,
    PositionWords,
    load_gazetteer,
    load_headings,
    load_position_words,
)
from screening.parsing.nlp import ResumeNlp, get_nlp


@dataclass(frozen=True)
class ParseResources:
    headings: Headings
    gazetteer: Gazetteer
    position_words: PositionWords
    nlp: ResumeNlp

    @property
    def version(self) -> str:
        """Digest of all reference data a parse depends on."""
        parts = (
            self.headings.version,
            self.gazetteer.version,
            self.position_words.version,
            self.nlp.taxonomy_version,
        )
        return hashlib.sha256("/".join(parts).encode()).hexdigest()[:12]


@cache
def load_resources(data_dir: Path, spacy_model: str | None = None) -> ParseResources:
    """Load (once per process and directory) the reference data and the spaCy pipeline."""
    return ParseResources(
        headings=load_headings(data_dir),
        gazetteer=load_gazetteer(data_dir),
        position_words=load_position_words(data_dir),
        nlp=get_nlp(data_dir, spacy_model),
    )
