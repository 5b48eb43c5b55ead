"""The reference data in data/: taxonomy, gazetteer, headings."""

from __future__ import annotations

from collections import Counter

from screening.lexicons import FAMILIES, KINDS, load_gazetteer, load_headings, load_taxonomy
from screening.parsing.model import SECTION_NAMES
from screening.settings import Settings


def test_taxonomy_has_at_least_300_entries_per_family_with_sources(settings: Settings) -> None:
    taxonomy = load_taxonomy(settings.data_dir)
    per_family = Counter(e.family for e in taxonomy.entries)
    assert all(per_family[f] >= 300 for f in FAMILIES), per_family
    assert all(e.source for e in taxonomy.entries)
    assert {e.kind for e in taxonomy.entries} == set(KINDS)


def test_taxonomy_aliases_are_unique_across_families(settings: Settings) -> None:
    owners: dict[str, set[str]] = {}
    for entry in load_taxonomy(settings.data_dir).entries:
        for phrase in entry.phrases:
            owners.setdefault(phrase.lower(), set()).add(entry.family)
    shared = {p: f for p, f in owners.items() if len(f) > 1}
    assert shared == {}


def test_gazetteer_knows_the_hubs_in_english_and_chinese(settings: Settings) -> None:
    gaz = load_gazetteer(settings.data_dir)
    for city in ("singapore", "hong kong", "dubai", "zug", "london", "香港", "上海"):
        assert city in gaz.cities, city
    assert gaz.countries["uae"] == "United Arab Emirates"
    assert gaz.us_states["ny"] == "New York"
    assert gaz.languages["普通话"] == "Mandarin"


def test_headings_map_only_to_known_sections(settings: Settings) -> None:
    assert set(load_headings(settings.data_dir).by_text.values()) <= set(SECTION_NAMES)
