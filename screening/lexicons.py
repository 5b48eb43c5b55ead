"""Reference data read from ``data/``: the skills taxonomy, gazetteers and section headings.

Everything is loaded on first use and cached per data directory; nothing is read at import.
Each collection carries a ``version`` (a digest of its files) recorded with every score.
"""

from __future__ import annotations

import csv
import hashlib
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

FAMILIES = ("tradfi", "web2", "web3")
KINDS = ("skill", "tool", "certification", "employer", "title")


class LexiconError(ValueError):
    """A reference data file is missing or invalid."""


@dataclass(frozen=True, slots=True)
class TaxonomyEntry:
    """One skill, tool, certification, employer or title of a background family."""

    name: str
    family: str
    kind: str
    aliases: tuple[str, ...]
    source: str

    @property
    def phrases(self) -> tuple[str, ...]:
        """The name and every alias."""
        return (self.name, *self.aliases)


@dataclass(frozen=True, slots=True)
class Taxonomy:
    entries: tuple[TaxonomyEntry, ...]
    version: str

    def by_family(self, family: str) -> list[TaxonomyEntry]:
        return [e for e in self.entries if e.family == family]


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """Place and language names, lower-cased, for locations and language lines."""

    countries: dict[str, str]  # alias (lower) -> canonical country
    regions: dict[str, str]  # canonical country -> region
    cities: dict[str, str]  # alias (lower) -> country
    us_states: dict[str, str]  # abbreviation or name (lower) -> state
    languages: dict[str, str]  # alias (lower) -> canonical language
    version: str


@dataclass(frozen=True, slots=True)
class Headings:
    """Section heading spellings: normalised heading -> canonical section name."""

    by_text: dict[str, str]
    version: str
    keywords: dict[str, str] = field(default_factory=dict)


def _digest(paths: list[Path]) -> str:
    h = hashlib.sha256()
    for p in sorted(paths):
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()[:12]


def _read_csv(path: Path, columns: tuple[str, ...]) -> list[dict[str, str]]:
    if not path.is_file():
        raise LexiconError(f"missing reference file {path}")
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in columns if c not in (reader.fieldnames or [])]
        if missing:
            raise LexiconError(f"{path}: missing columns {missing}")
        return [{k: (v or "").strip() for k, v in row.items() if k} for row in reader]


def _split_aliases(value: str) -> tuple[str, ...]:
    return tuple(a.strip() for a in value.split("|") if a.strip())


@cache
def load_taxonomy(data_dir: Path) -> Taxonomy:
    """Read ``data/taxonomy/<family>.csv`` (columns name, kind, aliases, source).

    Raises:
        LexiconError: a file is missing, a column is missing, or a kind is unknown.
    """
    paths = [data_dir / "taxonomy" / f"{family}.csv" for family in FAMILIES]
    entries: list[TaxonomyEntry] = []
    for family, path in zip(FAMILIES, paths, strict=True):
        for n, row in enumerate(_read_csv(path, ("name", "kind", "aliases", "source")), start=2):
            if not row["name"]:
                continue
            if row["kind"] not in KINDS:
                raise LexiconError(f"{path}:{n}: unknown kind {row['kind']!r}")
            entries.append(
                TaxonomyEntry(row["name"], family, row["kind"], _split_aliases(row["aliases"]), row["source"])
            )
    return Taxonomy(tuple(entries), _digest(paths))


@cache
def load_gazetteer(data_dir: Path) -> Gazetteer:
    """Read countries, cities, US states and languages from ``data/gazetteer`` and ``data/lexicon``."""
    gdir = data_dir / "gazetteer"
    paths = [
        gdir / "countries.csv",
        gdir / "cities.csv",
        gdir / "us_states.csv",
        data_dir / "lexicon" / "languages.csv",
    ]
    countries: dict[str, str] = {}
    regions: dict[str, str] = {}
    for row in _read_csv(paths[0], ("name", "aliases", "region")):
        regions[row["name"]] = row["region"]
        for alias in (row["name"], *_split_aliases(row["aliases"])):
            countries.setdefault(alias.lower(), row["name"])
    cities: dict[str, str] = {}
    for row in _read_csv(paths[1], ("name", "country", "aliases")):
        for alias in (row["name"], *_split_aliases(row["aliases"])):
            cities.setdefault(alias.lower(), row["country"])
    states: dict[str, str] = {}
    for row in _read_csv(paths[2], ("name", "abbreviation")):
        states[row["name"].lower()] = row["name"]
        states[row["abbreviation"].lower()] = row["name"]
    languages: dict[str, str] = {}
    for row in _read_csv(paths[3], ("name", "aliases")):
        for alias in (row["name"], *_split_aliases(row["aliases"])):
            languages.setdefault(alias.lower(), row["name"])
    return Gazetteer(countries, regions, cities, states, languages, _digest(paths))


_HEADING_NOISE = re.compile(r"[\s:：•|/&,._\-–—()（）]+")


def heading_key(text: str) -> str:
    """Normalise a heading for lookup: lower case, ``&``/``and`` and punctuation removed."""
    lowered = text.lower().replace(" and ", " ")
    return _HEADING_NOISE.sub(" ", lowered).strip()


@cache
def load_headings(data_dir: Path) -> Headings:
    """Read ``data/parsing/headings.yaml`` (canonical section -> spellings)."""
    path = data_dir / "parsing" / "headings.yaml"
    if not path.is_file():
        raise LexiconError(f"missing reference file {path}")
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(raw, dict):
        raise LexiconError(f"{path}: expected a mapping of section -> headings")
    by_text: dict[str, str] = {}
    for section, spellings in raw.items():
        for spelling in spellings or []:
            by_text[heading_key(str(spelling))] = str(section)
    return Headings(by_text, _digest([path]))


@dataclass(frozen=True, slots=True)
class PositionWords:
    """Words that mark titles and employers in position headers, and anonymisation placeholders."""

    title_words: frozenset[str]
    employer_words: frozenset[str]
    employer_placeholders: tuple[str, ...]
    location_placeholders: tuple[str, ...]
    remote_words: frozenset[str]
    version: str


@cache
def load_position_words(data_dir: Path) -> PositionWords:
    """Read ``data/parsing/positions.yaml``."""
    path = data_dir / "parsing" / "positions.yaml"
    if not path.is_file():
        raise LexiconError(f"missing reference file {path}")
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}

    def words(key: str) -> list[str]:
        return [str(w).lower() for w in raw.get(key) or []]

    return PositionWords(
        frozenset(words("title_words")),
        frozenset(words("employer_words")),
        tuple(str(w) for w in raw.get("employer_placeholders") or []),
        tuple(str(w) for w in raw.get("location_placeholders") or []),
        frozenset(words("remote_words")),
        _digest([path]),
    )
