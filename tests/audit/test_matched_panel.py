"""The matched panel of the bias audit: the same generated résumé under every identity group."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import zlib
from collections.abc import Mapping, Sequence

import pytest

from screening.bundle import ScoringModels
from screening.model import ModelInput
from screening.parsing.model import ParsedResume
from screening.parsing.resources import ParseResources
from screening.settings import Settings
from training.bias_audit import (
    BiasAudit,
    MatchedAudit,
    build_matched_panel,
    matched_metrics,
    matched_panel_sources,
    run_matched_audit,
    summary_markdown,
)
from training.corpus import pools
from training.corpus.generate import (
    draft_example,
    example_id,
    generate_text_example,
    parse_example_id,
)
from training.corpus.identity import GENDERS, IDENTITY_GROUPS, NAME_ORIGINS, IdentityGroup
from training.examples import Examples

#: SHA-256 of ``generate_text_example(7, i)`` for i in 0..11, as written before groups could be
#: forced: the generator's output without a group must not change.
UNFORCED_SHA256 = "70268060bbefe266f9deda93f4b448f5f207af4361d63050803e73d4e9562b89"
SAME_FIELDS = ("background", "adaptable", "high_potential", "ambitious", "evidence", "noise", "lang")


def _english(seed: int, count: int) -> list[int]:
    """The first ``count`` indices of corpus ``seed`` drawn in English (default share of Chinese)."""
    return [i for i in range(count * 3) if draft_example(seed, i).lang == "en"][:count]


def test_without_a_group_the_generator_writes_what_it_always_wrote() -> None:
    records = [generate_text_example(7, i) for i in range(12)]
    assert [generate_text_example(7, i, group=None) for i in range(12)] == records
    digest = hashlib.sha256(json.dumps(records, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
    assert digest == UNFORCED_SHA256
    assert records[1]["text"].startswith("Oluwaseun Mensah\n")


def test_forcing_a_group_changes_the_identity_and_nothing_else() -> None:
    for index in _english(5, 6):
        plain = draft_example(5, index)
        names: set[str] = set()
        for group in IDENTITY_GROUPS:
            draft = draft_example(5, index, zh_share=0.0, group=group)
            assert draft.career == plain.career
            assert draft.labels == plain.labels
            assert draft.worded.sentences == plain.worded.sentences
            # Identity fields blanked (name, contact details, nationality), the résumés are equal.
            blank = {"name": "", "email": "", "phone": "", "links": (), "location": ""}
            assert dataclasses.replace(draft.worded.resume, **blank) == dataclasses.replace(
                plain.worded.resume, **blank
            )
            home = draft.worded.resume.location.partition(" | Nationality:")[0]
            assert home == plain.worded.resume.location.partition(" | Nationality:")[0]
            assert (draft.identity.gender, draft.identity.name_origin) == group
            female, male, surnames = pools.NAME_POOLS[NAME_ORIGINS.index(group.name_origin)]
            written = {f"{first} {last}" for first in (female if group.gender == "female" else male)
                       for last in surnames}  # fmt: skip
            assert draft.identity.name in written
            names.add(draft.identity.name)

            record = generate_text_example(5, index, zh_share=0.0, group=group)
            assert record == generate_text_example(5, index, zh_share=0.0, group=group)
            assert record["demographics"]["gender"] == group.gender
            assert record["demographics"]["name_origin"] == group.name_origin
            assert record["text"].startswith(draft.identity.name + "\n")
            original = generate_text_example(5, index)
            assert {k: record[k] for k in SAME_FIELDS} == {k: original[k] for k in SAME_FIELDS}
        # Each group writes its own name (a few first names are shared between traditions).
        assert len(names) >= len(IDENTITY_GROUPS) - 2


def test_the_contact_details_keep_their_shape_in_every_group() -> None:
    (index,) = _english(9, 1)
    drafts = [draft_example(9, index, zh_share=0.0, group=g).identity for g in IDENTITY_GROUPS]
    assert len({d.phone for d in drafts}) == 1
    assert len({d.email.split("@")[1] for d in drafts}) == 1
    assert len({len(d.links) for d in drafts}) == 1
    assert len({d.show_nationality for d in drafts}) == 1


def test_a_group_cannot_be_forced_on_a_chinese_resume_or_an_unknown_group() -> None:
    zh = next(i for i in range(40) if draft_example(7, i).lang == "zh")
    with pytest.raises(ValueError, match="English résumés only"):
        generate_text_example(7, zh, group=IdentityGroup("female", "anglo"))
    assert generate_text_example(7, zh, zh_share=0.0, group=IdentityGroup("female", "anglo"))["lang"] == "en"
    with pytest.raises(ValueError, match="unknown identity group"):
        draft_example(7, 1, zh_share=0.0, group=IdentityGroup("female", "martian"))


def test_example_ids_give_back_their_seed_and_index() -> None:
    for seed, index in ((1, 0), (42, 2999), (-3, 123456)):
        assert parse_example_id(example_id(seed, index)) == (seed, index)
    for other in ("gen-1-5", "gen-01-00005", "hostile-1-00005", "gen-1-00005.pdf", ""):
        assert parse_example_id(other) is None


def _examples(entries: Sequence[tuple[str, str, Mapping[str, str] | None]]) -> Examples:
    return Examples(
        ids=[rid for rid, _, _ in entries],
        extras=[{"lang": lang, "demographics": demo} for _, lang, demo in entries],
    )


def test_panel_sources_are_the_generated_english_resumes_the_generator_can_write_again() -> None:
    english = _english(4, 8)
    entries: list[tuple[str, str, Mapping[str, str] | None]] = []
    for index in english:
        entries.append((example_id(4, index), "en", draft_example(4, index).identity.demographics()))
    zh = next(i for i in range(40) if draft_example(4, i).lang == "zh")
    entries.append((example_id(4, zh), "zh", draft_example(4, zh).identity.demographics()))
    entries.append(("livecareer-17", "en", {"gender": "female", "name_origin": "anglo"}))
    wrong = draft_example(4, english[0]).identity
    other_origin = next(o for o in NAME_ORIGINS if o != wrong.name_origin)
    entries[0] = (entries[0][0], "en", {"gender": wrong.gender, "name_origin": other_origin})
    entries.append(entries[1])  # the same record in a second data file
    examples = _examples(entries)
    rows = list(range(len(entries)))

    chosen = matched_panel_sources(examples, rows, size=100, seed=3)
    assert sorted(chosen) == sorted((example_id(4, i), 4, i) for i in english[1:])
    assert matched_panel_sources(examples, rows[::-1], size=100, seed=3) == chosen
    five = matched_panel_sources(examples, rows, size=5, seed=3)
    assert five == chosen[:5]
    assert matched_panel_sources(examples, rows, size=5, seed=4) != five
    assert matched_panel_sources(examples, rows, size=0, seed=3) == []


def test_an_identity_blind_model_scores_every_group_alike(
    scoring_models: ScoringModels, resources: ParseResources
) -> None:
    sources = [(example_id(21, i), 21, i) for i in _english(21, 12)]
    panel = build_matched_panel(sources, resources)
    assert len(panel.keys) == len(panel.inputs) == 12 * len(IDENTITY_GROUPS)
    result = run_matched_audit(scoring_models.aha, panel, version="aha/test")
    assert list(result.reports) == ["adaptable", "high_potential", "ambitious"]
    for report in result.reports.values():
        assert report.candidates == 360
        assert 0 < report.selected < 360
        gender, origin, both = report.categories
        assert [t.category for t in report.categories] == ["gender", "name_origin", "gender × name_origin"]
        assert {g.group: g.n for g in gender.groups} == dict.fromkeys(GENDERS, 180)
        assert {g.group: g.n for g in origin.groups} == dict.fromkeys(NAME_ORIGINS, 24)
        assert len(both.groups) == 30
        assert all(g.n == 12 and not g.small for g in both.groups)
        # The same résumés in every group, and the model never sees the identity: equal rates.
        for table in report.categories:
            assert table.min_impact_ratio == pytest.approx(1.0)
            assert not any(g.flag for g in table.groups)
    assert matched_metrics(result)["audit_matched.min_impact_ratio"] == pytest.approx(1.0)


class _Unredacted:
    """A parsed résumé as a model input with the personal data left in (no redaction)."""

    def __call__(self, parsed: ParsedResume) -> ModelInput:
        return parsed.text, []


class _PrefersMaleNames:
    """A head whose probability rises by 0.3 when the résumé's first line is a man's name of the
    corpus (a man's first name and a surname of the same tradition): a model that reacts to names."""

    def __init__(self) -> None:
        self.labels = ["ambitious"]
        self.male = {
            f"{first} {last}" for _, men, surnames in pools.NAME_POOLS for first in men for last in surnames
        }

    def predict_proba(self, inputs: Sequence[ModelInput]) -> Mapping[str, Sequence[float]]:
        out = []
        for text, _ in inputs:
            name, headline = text.split("\n")[:2]
            career = zlib.crc32(headline.encode()) % 1000 / 1000  # the same in every group
            out.append(0.5 * career + (0.3 if name in self.male else 0.0))
        return {"ambitious": out}


def test_a_model_that_reacts_to_names_is_flagged_on_the_matched_panel(resources: ParseResources) -> None:
    sources = [(example_id(21, i), 21, i) for i in _english(21, 12)]
    panel = build_matched_panel(sources, resources, featurise=_Unredacted())
    result = run_matched_audit(_PrefersMaleNames(), panel, version="biased/1")
    gender, origin, both = result.reports["ambitious"].categories
    female = gender.group("female")
    assert gender.group("male").impact_ratio == 1.0
    assert female.impact_ratio is not None
    assert female.impact_ratio < 0.80
    assert female.flag
    assert female.p_value is not None
    assert female.p_value < 0.001
    assert both.min_impact_ratio is not None
    assert both.min_impact_ratio < 0.80
    # Every name origin holds the same résumés under a woman's and a man's name: no gap by origin.
    assert origin.min_impact_ratio == 1.0
    metrics = matched_metrics(result)
    assert metrics["audit_matched.ambitious.gender.min_impact_ratio"] == female.impact_ratio
    assert metrics["audit_matched.min_impact_ratio"] == min(
        v for k, v in metrics.items() if k != "audit_matched.min_impact_ratio"
    )
    assert metrics["audit_matched.ambitious.name_origin.min_impact_ratio"] == 1.0


def test_the_model_card_summary_shows_the_matched_panel_before_the_observational_audit(
    resources: ParseResources,
) -> None:
    sources = [(example_id(21, i), 21, i) for i in _english(21, 4)]
    panel = build_matched_panel(sources, resources, featurise=_Unredacted())
    matched = run_matched_audit(_PrefersMaleNames(), panel, version="biased/1")
    observational = BiasAudit(reports=matched.reports, label_ratios={"ambitious": {}}, proxy=[])
    alone = summary_markdown(observational, level=4)
    assert "Matched panel" not in alone
    assert alone.count("#### gender\n") == 1
    both = summary_markdown(observational, matched=matched, level=4)
    assert both.index("#### Matched panel (audit of record)") < both.index("#### Observational")
    assert both.count("##### name_origin\n") == 2
    # The labels' own ratios are rows of the observational tables only (one per category).
    observational_part = both[both.index("#### Observational") :]
    assert both.count("| labels' own lowest |") == observational_part.count("| labels' own lowest |") == 3
    assert "4 generated English résumés" in both
    female_row = next(line for line in both.splitlines() if line.startswith("| female |"))
    assert "**" in female_row  # flagged
    assert isinstance(matched, MatchedAudit)


@pytest.mark.slow
def test_the_panel_built_in_two_processes_is_the_panel_built_in_one(
    settings: Settings, resources: ParseResources
) -> None:
    """Training builds the panel in its worker processes: the same rows, in the same order."""
    sources = [(example_id(23, i), 23, i) for i in _english(23, 14)]  # 420 texts: parsed in parallel
    serial = build_matched_panel(sources, resources)
    parallel = build_matched_panel(sources, resources, settings=settings, workers=2)
    assert len(parallel.inputs) == 14 * len(IDENTITY_GROUPS)
    assert parallel == serial
