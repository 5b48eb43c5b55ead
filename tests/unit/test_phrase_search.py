"""screening.phrase_search: anchored search finds exactly what ``re.finditer`` finds."""

from __future__ import annotations

import random
import re

import pytest

from screening import features
from screening.phrase_search import Anchor, AnchoredPattern, PhraseText, anchors_of


def _spans(matches: object) -> list[tuple[int, int]]:
    return [m.span() for m in matches]  # type: ignore[attr-defined]


def _check(regex: re.Pattern[str], text: str, pos: int = 0, endpos: int | None = None) -> None:
    pattern = AnchoredPattern(regex)
    end = len(text) if endpos is None else endpos
    assert _spans(pattern.finditer(PhraseText(text), pos, endpos)) == _spans(regex.finditer(text, pos, end))


# The phrase rules of the features, as they run: case-sensitive, on lower-cased text.
RULES = {
    name: re.compile(value.pattern, value.flags & ~re.IGNORECASE)
    for name, value in vars(features).items()
    if isinstance(value, re.Pattern) and value.flags & re.IGNORECASE
}

TEXT = (
    "Led a team of 12 analysts; promoted to VP after 18 months. Co-founded a fintech (seed $2M budget). "
    "Awarded 1st place, top 5% of 200 advisers; grew revenue from $1M to $5M (+400%). Coached new hires. "
    "Called, sledded, misled and pleaded: none is 'led'. Delivered a merger and system migration in APAC. "
    "带领10人团队，获奖，晋升为经理。Won the award; co-chair of the committee; CPA candidate; series 7. "
    "Bilingual; liaised with stakeholders; reduced costs by 15 percent; £3m budget; ٣ countries."
)


@pytest.mark.parametrize("name", sorted(RULES))
def test_every_phrase_rule_is_searched_from_anchors_and_finds_what_re_finds(name: str) -> None:
    regex = RULES[name]
    assert anchors_of(regex), f"{name} lost its anchors: it would be searched character by character"
    lowered = TEXT.lower()
    _check(regex, lowered)
    # Inside stretches of the text (the bullets of a position), boundaries included.
    for start, end in ((0, 40), (3, 120), (57, 58), (100, len(lowered)), (len(lowered), len(lowered))):
        _check(regex, lowered, start, end)


def test_one_text_serves_several_rules_and_stretches() -> None:
    text = PhraseText(TEXT.lower())
    for name, regex in sorted(RULES.items()):
        pattern = AnchoredPattern(regex)
        for start, end in ((0, 200), (150, 400), (0, len(text.text))):
            got = _spans(pattern.finditer(text, start, end))
            assert got == _spans(regex.finditer(text.text, start, end)), name


def test_word_boundaries_follow_unicode_letters_and_digits() -> None:
    regex = re.compile(r"\b(?:led|won)\b")
    for text in ("éled", "led", "x led", "_led", "3led", "led_", "ñwon won", "won\u00e9", "(led)"):
        _check(regex, text)


def test_a_digit_anchor_takes_any_unicode_digit() -> None:
    regex = re.compile(r"\d+ countries")
    assert Anchor("") in (anchors_of(regex) or ())
    _check(regex, "worked in ٣ countries and 4 countries")


def test_matches_do_not_overlap_as_with_finditer() -> None:
    regex = re.compile(r"\b(?:ab|abab|ba)")
    _check(regex, "abab ba baba abab")


@pytest.mark.parametrize(
    "pattern",
    [
        r"\w+ed",  # a match may start with any letter
        r"(?:x|)y",  # an empty branch: the anchor would be y or x
        r"a?b",  # optional first character
        r"(?i:led)",  # case-blind inside
        r"(?a:\bled)",  # ASCII word boundaries inside: "éled" holds one
        r"(?=a)",  # zero width only
        r"[^a]b",  # negated class
        r".b",
    ],
)
def test_patterns_without_readable_anchors_are_searched_plainly(pattern: str) -> None:
    regex = re.compile(pattern)
    assert anchors_of(regex) is None
    _check(regex, "a b ab xy y led LED ed bed éled")


def test_case_blind_and_ascii_patterns_are_searched_plainly() -> None:
    assert anchors_of(re.compile("led", re.IGNORECASE)) is None
    assert anchors_of(re.compile(r"\bled", re.ASCII)) is None


def test_random_texts_and_stretches_give_the_same_matches() -> None:
    rng = random.Random(7)
    vocabulary = [
        "led", "lead", "co-founded", "cofounder", "team", "of", "12", "٣", "$", "5m", "budget", "won",
        "award", "top", "5%", "é", "_", "-", ".", " ", "  ", "\n", "grew", "from", "to", "带领", "10人",
        "promoted", "promotion", "x", "ranked", "#1", "no.", "3", "staff", "ceo", "sr", "intern",
    ]  # fmt: skip
    for _ in range(300):
        words = [rng.choice(vocabulary) + rng.choice(["", " ", "  "]) for _ in range(rng.randint(0, 40))]
        text = "".join(words)
        start = rng.randint(0, len(text))
        end = rng.randint(start, len(text))
        for regex in RULES.values():
            _check(regex, text, start, end)


def test_generated_resumes_give_the_same_matches_rule_by_rule() -> None:
    """Résumés as the generator writes them (English and Chinese, every section), whole and
    in stretches: what the signals count is what plain ``finditer`` finds."""
    from training.corpus.generate import generate_text_example

    for i in range(60):
        text = generate_text_example(41, i)["text"].lower()
        shared = PhraseText(text)
        for name, regex in sorted(RULES.items()):
            pattern = AnchoredPattern(regex)
            for start, end in ((0, len(text)), (len(text) // 3, 2 * len(text) // 3)):
                got = _spans(pattern.finditer(shared, start, end))
                assert got == _spans(regex.finditer(text, start, end)), (i, name)
