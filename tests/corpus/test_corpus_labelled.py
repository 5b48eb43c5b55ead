"""The labelled corpus: determinism, identity independence, balance, evidence and noise."""

from __future__ import annotations

import io
import random
import re
from collections import Counter

import pypdf
import pytest

from training.corpus import phrases
from training.corpus.career import EVENT_KINDS
from training.corpus.generate import (
    LABEL_NAMES,
    Draft,
    draft_example,
    evidence,
    generate_example,
    noisy_labels,
)

N = 2000


@pytest.fixture(scope="module")
def drafts() -> list[Draft]:
    return [draft_example(11, i) for i in range(N)]


def _rate(drafts: list[Draft], name: str) -> float:
    return sum(d.labels.value(name) for d in drafts) / len(drafts)


def test_generate_example_is_deterministic_per_seed_and_index() -> None:
    for index in (0, 5, 6):
        assert generate_example(7, index) == generate_example(7, index)
    assert generate_example(7, 0)[1] != generate_example(8, 0)[1]


def test_same_career_with_another_identity_keeps_every_label() -> None:
    changed = 0
    for index in range(60):
        first = draft_example(3, index)
        other = draft_example(3, index, identity_seed=99)
        assert first.career == other.career
        assert first.labels == other.labels
        changed += first.identity.name != other.identity.name
    assert changed > 50


def test_label_rates_differ_by_less_than_five_points_between_genders(drafts: list[Draft]) -> None:
    by_gender = {g: [d for d in drafts if d.identity.gender == g] for g in ("female", "male")}
    assert min(len(group) for group in by_gender.values()) > N * 0.4
    for name in LABEL_NAMES:
        gap = abs(_rate(by_gender["female"], name) - _rate(by_gender["male"], name))
        assert gap < 0.05, (name, gap)


def test_label_balance_is_within_sane_bounds(drafts: list[Draft]) -> None:
    for name in ("adaptable", "high_potential", "ambitious"):
        assert 0.25 <= _rate(drafts, name) <= 0.65, name
    for family in ("tradfi", "web2", "web3"):
        assert 0.20 <= _rate(drafts, family) <= 0.60, family
    assert sum(not d.labels.background for d in drafts) / N >= 0.15


def test_corpus_has_non_tech_careers_and_the_guide_hard_cases(drafts: list[Draft]) -> None:
    functions = Counter(j.function for d in drafts for j in d.career.jobs)
    for function in (
        "nursing",
        "teaching",
        "chef",
        "hr",
        "sales",
        "it_support",
        "graphic_design",
        "interior_design",
    ):
        assert functions[function] > 20, function
    help_desk = [
        d
        for d in drafts
        if {j.employer_kind for j in d.career.jobs if j.function == "it_support"} == {"hospital"}
    ]
    assert help_desk
    assert all("web2" not in d.labels.background for d in help_desk if len(d.career.jobs) == 1)
    moves = Counter(
        (a.function, b.function)
        for d in drafts
        for a, b in zip(d.career.jobs, d.career.jobs[1:], strict=False)
    )
    assert moves[("compliance", "crypto_compliance")] > 0
    assert moves[("product", "crypto_product")] > 0
    assert Counter(d.lang for d in drafts)["zh"] > N * 0.08


def test_every_label_bearing_fact_has_at_least_five_phrasings() -> None:
    for kind in EVENT_KINDS:
        assert len(phrases.EVENTS[kind]) >= 5, kind
        assert len(phrases.EVENTS_ZH[kind]) >= 2, kind
    for pool in (
        phrases.CONTEXT,
        phrases.FOUNDED,
        phrases.PROMOTION,
        phrases.MOVE,
        phrases.DISTINCTIONS,
        phrases.COMPETITIVE,
        phrases.CERT_DATED,
        phrases.CERT_PURSUING,
        phrases.WHILE_WORKING,
        phrases.PROJECTS["side_project"],
        phrases.PROJECTS["open_source"],
    ):
        assert len(pool) >= 5, pool[0]


def test_label_zero_resumes_use_the_vocabulary_of_evidence(drafts: list[Draft]) -> None:
    def text(d: Draft) -> str:
        r = d.worded.resume
        return " ".join(
            [r.summary, *(b for p in r.positions for b in p.bullets), *r.projects, *r.certifications]
        )

    not_web3 = [text(d) for d in drafts if "web3" not in d.labels.background and d.lang == "en"]
    assert any(re.search(r"DeFi|Web3|Bitcoin|blockchain|ETH", t) for t in not_web3)
    not_ambitious = [text(d) for d in drafts if not d.labels.ambitious and d.lang == "en"]
    assert any(re.search(r"Ambitious|Driven|motivated", t) for t in not_ambitious)
    assert any("launch" in t for t in not_ambitious)
    not_high = [text(d) for d in drafts if not d.labels.high_potential and d.lang == "en"]
    assert any("Promoted" in t for t in not_high)
    not_adaptable = [text(d) for d in drafts if not d.labels.adaptable and d.lang == "en"]
    assert any("countries" in t or "Adaptable" in t or "adaptable" in t for t in not_adaptable)


def _squash(text: str) -> str:
    # Letters and digits only: whitespace, punctuation and bullet glyphs (drawn after a wrapped line's first
    # part) are dropped; case folded, as some styles print titles in capitals.
    return re.sub(r"[\W_]+", "", text).casefold()


def test_evidence_sentences_appear_verbatim_in_the_rendered_pdf() -> None:
    checked = 0
    for index in range(32):
        record, pdf = generate_example(5, index, zh_share=0.25)
        text = _squash("".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages))
        for label, sentences in record["evidence"].items():
            if label in record["noise"]:
                continue
            for sentence in sentences:
                assert _squash(sentence) in text, (record["id"], label, sentence)
                checked += 1
    assert checked > 60


def test_every_positive_label_has_evidence_unless_it_is_noise() -> None:
    for index in range(200):
        draft = draft_example(2, index)
        values = {name: draft.labels.value(name) for name in LABEL_NAMES}
        for name, found in evidence(draft, values).items():
            assert found, (index, name)


def test_noise_rate_is_close_to_the_configured_one(drafts: list[Draft]) -> None:
    rng = random.Random(0)
    flips = sum(len(noisy_labels(d.labels, rng, 0.1)[1]) for d in drafts)
    assert abs(flips / (N * len(LABEL_NAMES)) - 0.1) < 0.015
    assert all(not noisy_labels(d.labels, rng, 0.0)[1] for d in drafts[:200])
    values, flipped = noisy_labels(drafts[0].labels, random.Random(1), 1.0)
    assert sorted(flipped) == sorted(LABEL_NAMES)
    assert all(values[name] != drafts[0].labels.value(name) for name in LABEL_NAMES)
