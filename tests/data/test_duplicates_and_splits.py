"""Duplicates, grouped and stratified splits, and the leakage check."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from tests.data.helpers import change_words, random_text, synthetic_records, write_jsonl
from training.dataset import LABELS, LabelledResume, count_labels, load_records
from training.duplicates import near_duplicate_pairs, normalise_text, text_hash
from training.splits import check_leakage, split_dataset


def test_normalised_hash_ignores_case_spacing_and_punctuation() -> None:
    assert normalise_text("  Senior Analyst,\n\tEXAMPLE Bank — 2019!") == "senior analyst example bank 2019"
    assert text_hash("Grew revenue: $1M -> $5M") == text_hash("grew revenue 1m 5m")
    assert text_hash("Grew revenue") != text_hash("Grew revenues")


def test_exact_and_near_duplicates_are_found_and_grouped(tmp_path: Path) -> None:
    rng = random.Random(1)
    base, other = random_text(rng), random_text(rng)
    path = write_jsonl(
        tmp_path / "r.jsonl",
        [
            {"id": "base", "text": base},
            {"id": "copy", "text": base.upper().replace(" ", "  ") + "."},  # exact after normalising
            {"id": "near", "text": change_words(base)},  # a few words changed
            {"id": "other", "text": other},
        ],
    )
    dataset = load_records(path)
    assert dataset.duplicates.exact == [["base", "copy"]]
    [(near_ids, similarity)] = dataset.duplicates.near
    assert near_ids == ["base", "copy", "near"]
    assert 0.85 <= similarity < 1.0
    group = dataset.duplicates.group_of
    assert group["base"] == group["copy"] == group["near"] != group["other"]
    kinds = [g.kind for g in dataset.report.duplicates]
    assert kinds == ["exact", "near"]


def test_near_duplicates_below_the_threshold_are_not_grouped() -> None:
    rng = random.Random(2)
    base = random_text(rng, 200)
    far = change_words(base, every=8)  # about half the 5-grams change
    assert near_duplicate_pairs([base, far]) == []
    assert [(p.a, p.b) for p in near_duplicate_pairs([base, far, change_words(base, 100)])] == [(0, 2)]


def test_near_duplicate_search_scales_to_thousands_of_records() -> None:
    rng = random.Random(3)
    texts: list[str | None] = [random_text(rng, 150) for _ in range(3000)]
    for i in range(20):
        texts[2000 + i] = change_words(texts[i] or "", 75)
    texts[2999] = None
    pairs = near_duplicate_pairs(texts)
    assert [(p.a, p.b) for p in pairs] == [(i, 2000 + i) for i in range(20)]


def test_swap_variants_are_grouped_with_their_original(tmp_path: Path) -> None:
    rng = random.Random(4)
    path = write_jsonl(
        tmp_path / "r.jsonl",
        [
            {"id": "orig", "text": random_text(rng)},
            {"id": "swap", "text": random_text(rng), "swap_of": "orig"},
            {"id": "dangling", "text": random_text(rng), "swap_of": "nobody"},
        ],
    )
    dataset = load_records(path)
    assert dataset.duplicates.swap == [["orig", "swap"]]
    assert dataset.duplicates.group_of["swap"] == "orig"
    assert [(i.code, i.record_id, i.severity) for i in dataset.report.issues] == [
        ("unknown_swap_of", "dangling", "warning")
    ]


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> list[LabelledResume]:
    rows = synthetic_records(1000, seed=7)
    rng = random.Random(8)
    # Groups to keep together: ten name-swap pairs and ten near-duplicate pairs.
    for i in range(10):
        rows[100 + i]["swap_of"] = rows[i]["id"]
        rows[200 + i]["text"] = change_words(str(rows[10 + i]["text"]))
    rng.shuffle(rows)
    path = write_jsonl(tmp_path_factory.mktemp("synthetic") / "r.jsonl", rows)
    dataset = load_records(path)
    assert not dataset.report.issues
    return list(dataset.records)


def test_split_is_deterministic_and_independent_of_record_order(synthetic: list[LabelledResume]) -> None:
    first = split_dataset(synthetic, seed=3)
    again = split_dataset(list(reversed(synthetic)), seed=3)
    assert {r.id for r in first.test} == {r.id for r in again.test}
    other = split_dataset(synthetic, seed=4)
    assert {r.id for r in other.test} != {r.id for r in first.test}


def test_split_keeps_swaps_and_near_duplicates_on_one_side(synthetic: list[LabelledResume]) -> None:
    split = split_dataset(synthetic, seed=0)
    test_ids = {r.id for r in split.test}
    for i in range(10):
        assert (f"r{i:05d}" in test_ids) == (f"r{100 + i:05d}" in test_ids)  # swap_of
        assert (f"r{10 + i:05d}" in test_ids) == (f"r{200 + i:05d}" in test_ids)  # near-duplicate
    assert check_leakage(split.train, split.test).ok


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_split_is_stratified_on_every_label_and_unknowns(synthetic: list[LabelledResume], seed: int) -> None:
    split = split_dataset(synthetic, test_size=0.2, seed=seed)
    assert len(split.test) == pytest.approx(200, abs=5)
    train, test = count_labels(split.train), count_labels(split.test)
    for name in LABELS:
        assert train[name].positive_rate == pytest.approx(test[name].positive_rate, abs=0.03), name
        unknown_train = train[name].unknown / len(split.train)
        unknown_test = test[name].unknown / len(split.test)
        assert unknown_train == pytest.approx(unknown_test, abs=0.03), name


def test_split_rejects_a_test_size_outside_zero_one(synthetic: list[LabelledResume]) -> None:
    with pytest.raises(ValueError, match="test_size"):
        split_dataset(synthetic, test_size=1.0)


def test_leakage_check_catches_planted_leaks(synthetic: list[LabelledResume]) -> None:
    split = split_dataset(synthetic, seed=0)
    victim, swapped, near_victim = split.train[0], split.train[1], split.train[2]
    assert near_victim.input_text is not None
    planted = [
        victim.model_copy(update={"id": "copy-of-victim"}),  # same normalised text
        _text_record("near-copy", change_words(near_victim.input_text)),
        _text_record("swap-variant", "a different name", swap_of=swapped.id),
        split.train[3],  # the same record on both sides
    ]
    report = check_leakage(split.train, [*split.test, *planted])
    found = {(leak.kind, tuple(leak.train_ids), tuple(leak.test_ids)) for leak in report.leaks}
    assert found == {
        ("same_id", (split.train[3].id,), (split.train[3].id,)),
        ("exact", (victim.id,), ("copy-of-victim",)),
        ("near", (near_victim.id,), ("near-copy",)),
        ("swap", (swapped.id,), ("swap-variant",)),
    }
    assert not report.ok


def _text_record(rid: str, text: str, swap_of: str | None = None) -> LabelledResume:
    return LabelledResume(
        id=rid, text=text, swap_of=swap_of, source_file=Path("x"), input_text=text, text_hash=text_hash(text)
    )


def test_declared_splits_that_share_a_resume_are_reported_on_load(tmp_path: Path) -> None:
    rng = random.Random(5)
    shared = random_text(rng)
    path = write_jsonl(
        tmp_path / "r.jsonl",
        [
            {"id": "a", "text": shared, "split": "train"},
            {"id": "b", "text": random_text(rng), "split": "train"},
            {"id": "c", "text": shared + " ", "split": "test"},
        ],
    )
    [leakage] = load_records(path).report.leakage
    assert leakage.name == "declared split train vs test"
    assert [(x.kind, x.train_ids, x.test_ids) for x in leakage.leaks] == [("exact", ["a"], ["c"])]
