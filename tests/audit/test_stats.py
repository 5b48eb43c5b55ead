"""The audit statistics against tables computed by hand (see tests/audit/builders.py)."""

from __future__ import annotations

import pytest

from screening.audit import stats
from screening.audit.stats import AuditError, Demographics, Outcome
from tests.audit.builders import population


def _demographics() -> Demographics:
    rows = {
        cid: {"sex": sex or None, "race_ethnicity": race or None}
        for cid, sex, race, _ in population()
        if sex is not None
    }
    return Demographics(categories=("sex", "race_ethnicity"), by_id=rows)


def _report() -> stats.AuditReport:
    outcomes = [Outcome((cid,), selected) for cid, _, _, selected in population()]
    return stats.audit(outcomes, _demographics(), basis="decisions")


def test_sex_table_by_hand() -> None:
    table = _report().categories[0]
    assert table.category == "sex"
    assert table.total == 100
    female, male = table.group("female"), table.group("male")
    # female: 20 + 20 + 4 candidates, 10 + 6 + 2 selected; male: 25 + 25 + 1, 15 + 10 + 1.
    assert (female.n, female.selected, male.n, male.selected) == (44, 18, 51, 26)
    assert female.rate == pytest.approx(18 / 44)
    assert male.rate == pytest.approx(26 / 51)
    assert table.reference_group == "male"
    assert male.impact_ratio == 1.0
    # (18/44) / (26/51) = 918/1144 = 0.8024: just above the four-fifths line, not flagged.
    assert female.impact_ratio == pytest.approx(918 / 1144)
    assert not female.flag
    assert table.flagged == []
    # Unknown sex: 3 with an empty value and 2 without a demographics row; 1 + 1 selected.
    assert table.unknown.model_dump() == {"n": 5, "selected": 2, "rate": pytest.approx(0.4)}
    assert female.share == pytest.approx(0.44)


def test_race_table_by_hand_with_the_two_percent_rule() -> None:
    table = _report().categories[1]
    assert table.category == "race_ethnicity"
    asian, black, hispanic = table.group("Asian"), table.group("Black"), table.group("Hispanic")
    assert (asian.n, asian.selected) == (48, 26)
    assert (black.n, black.selected) == (45, 16)
    # One Hispanic candidate of 100 (1 % < 2 %): reported, marked small, never the reference
    # even with the highest rate (1.0), and left out of the minimum.
    assert (hispanic.n, hispanic.selected, hispanic.small) == (1, 1, True)
    assert table.reference_group == "Asian"
    assert hispanic.impact_ratio == pytest.approx(48 / 26)
    assert not hispanic.flag
    # (16/45) / (26/48) = 768/1170 = 0.6564: flagged.
    assert black.impact_ratio == pytest.approx(768 / 1170)
    assert black.flag
    assert table.flagged == ["Black"]
    assert table.min_impact_ratio == pytest.approx(768 / 1170)
    # Unknown race: 4 empty values (2 selected) and 2 without a row (1 selected).
    assert table.unknown.model_dump() == {"n": 6, "selected": 3, "rate": pytest.approx(0.5)}


def test_intersection_sex_by_race_by_hand() -> None:
    table = _report().categories[2]
    assert table.category == "sex × race_ethnicity"
    rates = {g.group: (g.n, g.selected) for g in table.groups}
    assert rates == {
        "female × Asian": (20, 10),
        "female × Black": (20, 6),
        "male × Asian": (25, 15),
        "male × Black": (25, 10),
        "male × Hispanic": (1, 1),
    }
    assert table.reference_group == "male × Asian"
    ratios = {g.group: g.impact_ratio for g in table.groups}
    assert ratios == pytest.approx(
        {"female × Asian": 0.5 / 0.6, "female × Black": 0.3 / 0.6, "male × Asian": 1.0,
         "male × Black": 0.4 / 0.6, "male × Hispanic": 1.0 / 0.6}
    )  # fmt: skip
    assert table.flagged == ["female × Black", "male × Black"]
    assert table.group("male × Hispanic").small
    assert table.min_impact_ratio == pytest.approx(0.5)
    # Unknown when either part is: 4 (race empty) + 3 (sex empty) + 2 (no row); 2 + 1 + 1 selected.
    assert table.unknown.model_dump() == {"n": 9, "selected": 4, "rate": pytest.approx(4 / 9)}


def test_two_percent_boundary() -> None:
    groups = ["A"] * 60 + ["B"] * 38 + ["C"] * 2
    selected = [True] * 30 + [False] * 30 + [True] * 19 + [False] * 19 + [True, True]
    table = stats.category_table("x", selected, groups)
    # 2 of 100 is not under 2 %: C is a full group and, with rate 1.0, the reference.
    assert not table.group("C").small
    assert table.reference_group == "C"
    assert table.min_impact_ratio == pytest.approx(0.5)
    one_less = stats.category_table("x", selected[:-1], groups[:-1])  # C: 1 of 99
    assert one_less.group("C").small
    assert one_less.reference_group == "A"


def test_reference_ties_go_to_the_larger_group_then_the_name() -> None:
    table = stats.category_table("x", [True, False] * 10 + [True, False] * 20, ["B"] * 20 + ["A"] * 40)
    assert table.reference_group == "A"
    same = stats.category_table("x", [True, False] * 20, ["B"] * 20 + ["A"] * 20)
    assert same.reference_group == "A"


def test_nobody_selected_gives_no_ratio() -> None:
    table = stats.category_table("x", [False] * 4, ["A", "A", "B", None])
    assert table.min_impact_ratio is None
    assert table.group("A").impact_ratio is None
    assert not table.group("A").flag
    assert table.unknown.n == 1
    empty_unknown = stats.category_table("x", [True], ["A"])
    assert empty_unknown.unknown.rate is None


def test_fisher_exact_against_hand_values() -> None:
    # Margins 4/4 of 8: P(k) = C(4,k)C(4,4-k)/70 = 1, 16, 36, 16, 1 (/70); k=3 is as likely as
    # k=1, and k=0, 4 less: p = 34/70.
    assert stats.fisher_exact(3, 1, 1, 3) == pytest.approx(34 / 70)
    # 5/0 against 0/5: the two extreme tables, 1/252 each.
    assert stats.fisher_exact(5, 0, 0, 5) == pytest.approx(2 / 252)
    assert stats.fisher_exact(1, 0, 0, 1) == pytest.approx(1.0)
    assert stats.fisher_exact(2, 2, 2, 2) == pytest.approx(1.0)


def test_table_p_values_test_each_group_against_the_reference() -> None:
    table = stats.category_table("x", [True] * 5 + [False] * 5, ["A"] * 5 + ["B"] * 5)
    assert table.reference_group == "A"
    assert table.group("A").p_value is None
    assert table.group("B").p_value == pytest.approx(2 / 252)
    skipped = stats.category_table("x", [True, False], ["A", "B"], significance=False)
    assert skipped.group("B").p_value is None


def test_bootstrap_intervals_are_seeded_and_contain_the_estimate() -> None:
    first = _report()
    second = _report()
    assert first == second
    for table in first.categories:
        for g in table.groups:
            assert g.rate_ci is not None
            assert g.rate_ci[0] <= g.rate <= g.rate_ci[1]
            assert g.impact_ratio is not None
            assert g.impact_ratio_ci is not None
            assert g.impact_ratio_ci[0] <= g.impact_ratio <= g.impact_ratio_ci[1]
        reference = table.group(table.reference_group or "")
        assert reference.impact_ratio_ci == (1.0, 1.0)
    black = first.categories[1].group("Black")
    assert black.rate_ci is not None
    assert black.rate_ci[0] < black.rate < black.rate_ci[1]  # 45 candidates: a real interval
    other_seed = stats.category_table("r", *_race_columns(), seed=1)
    assert other_seed.group("Black").impact_ratio_ci != black.impact_ratio_ci
    assert stats.category_table("r", *_race_columns(), resamples=0).group("Black").rate_ci is None


def _race_columns() -> tuple[list[bool], list[str | None]]:
    people = population()
    return [p[3] for p in people], [p[2] if p[1] is not None else None for p in people]


def test_scoring_rate_counts_only_scores_strictly_above_the_median() -> None:
    flags, median = stats.above_median([0.1, 0.2, 0.5, 0.5, 0.5, 0.9])
    assert median == 0.5
    assert flags == [False, False, False, False, False, True]
    flags, median = stats.above_median([1.0, 2.0, 3.0, 4.0])
    assert median == 2.5
    assert flags == [False, False, True, True]
    with pytest.raises(AuditError) as info:
        stats.above_median([])
    assert info.value.code == "no_candidates"


def test_audit_errors_have_codes() -> None:
    demographics = _demographics()
    with pytest.raises(AuditError) as info:
        stats.audit([], demographics, basis="decisions")
    assert info.value.code == "no_candidates"
    with pytest.raises(AuditError) as info:
        stats.audit([Outcome(("nobody",), True)], demographics, basis="decisions")
    assert info.value.code == "no_matching_ids"
    with pytest.raises(AuditError) as info:
        stats.audit([Outcome(("c000",), True)], demographics, basis="decisions", categories=["age"])
    assert info.value.code == "unknown_category"
    with pytest.raises(AuditError) as info:
        stats.audit([Outcome(("c000",), True)], demographics, basis="decisions", intersection=("sex", "age"))
    assert info.value.code == "unknown_category"


def test_default_intersection_is_skipped_when_a_column_is_missing() -> None:
    only_sex = Demographics(categories=("sex",), by_id={"a": {"sex": "female"}, "b": {"sex": "male"}})
    report = stats.audit([Outcome(("a",), True), Outcome(("b",), False)], only_sex, basis="decisions")
    assert [t.category for t in report.categories] == ["sex"]
    custom = Demographics(
        categories=("gender", "origin"),
        by_id={"a": {"gender": "f", "origin": "x"}, "b": {"gender": "m", "origin": "y"}},
    )
    report = stats.audit(
        [Outcome(("a",), True), Outcome(("b",), False)],
        custom,
        basis="decisions",
        intersection=("gender", "origin"),
    )
    assert [t.category for t in report.categories] == ["gender", "origin", "gender × origin"]
    assert report.categories[2].group("f × x").n == 1


def test_candidates_are_found_by_any_of_their_ids() -> None:
    demographics = Demographics(categories=("sex",), by_id={"sha-b": {"sex": "male"}, "a": {"sex": "female"}})
    report = stats.audit(
        [Outcome(("a", "sha-a"), True), Outcome(("b", "sha-b"), True), Outcome(("c",), False)],
        demographics,
        basis="decisions",
    )
    assert report.matched == 2
    table = report.categories[0]
    assert table.group("male").n == 1
    assert table.unknown.n == 1
