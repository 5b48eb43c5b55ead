"""The fit score and the ranking (screening.ranking): exact composition, quoted evidence,
nothing personal cited, and an order that never depends on the input's."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from screening.lexicons import Taxonomy, load_taxonomy
from screening.parsing.model import ParsedResume
from screening.parsing.pipeline import parse_text
from screening.parsing.resources import ParseResources
from screening.ranking import (
    MAX_SPANS_PER_SKILL,
    RoleError,
    RoleProfile,
    fit_role,
    load_roles,
    rank,
    resolve_role,
)
from screening.schema import CandidateResult, ErrorOut, Fit, MustHave
from screening.settings import Settings

COMPLIANCE_CV = """Summary
Compliance manager moving from banking to virtual assets.
Experience
Compliance Manager, Example Bank, London, 2019 - 2024
- Ran AML and KYC reviews for 300 corporate clients.
- Implemented the Travel Rule for transfers to other providers.
- Filed suspicious activity reports and tuned transaction monitoring alerts.
- Trained 40 staff on AML controls; AML audit passed with no findings.
Skills
AML, KYC, sanctions screening
"""

ENGINEER_CV = """Summary
Backend engineer.
Experience
Software Engineer, Example Ltd, Berlin, 2018 - 2024
- Built Python services and React.js dashboards for a retail shop.
Skills
Python, SQL, Docker
"""

PROBABILITIES = {
    "tradfi": 0.9,
    "web2": 0.1,
    "web3": 0.4,
    "adaptable": 0.7,
    "high_potential": 0.5,
    "ambitious": 0.3,
}


def _role(**changes: Any) -> RoleProfile:
    raw: dict[str, Any] = {
        "id": "test-role",
        "title": "Test role",
        "description": "A role for tests.",
        "backgrounds": {"tradfi": 0.5, "web3": 0.5},
        "aha": {"adaptable": 1.0, "high_potential": 1.0, "ambitious": 2.0},
        "must_have": ["Anti-Money Laundering", "Know Your Customer", "Travel Rule", "VASP Licensing"],
        "nice_to_have": ["Sanctions Screening", "Solidity"],
        "weights": {"background": 0.25, "aha": 0.15, "must_have": 0.4, "nice_to_have": 0.2},
    }
    raw.update(changes)
    return RoleProfile.model_validate(raw)


@pytest.fixture(scope="module")
def taxonomy(settings: Settings) -> Taxonomy:
    return load_taxonomy(settings.data_dir)


@pytest.fixture(scope="module")
def compliance_cv(resources: ParseResources) -> ParsedResume:
    return parse_text(COMPLIANCE_CV, resources, file="compliance.txt")


@pytest.fixture(scope="module")
def engineer_cv(resources: ParseResources) -> ParsedResume:
    return parse_text(ENGINEER_CV, resources, file="engineer.txt")


# --- the fit score -----------------------------------------------------------------------------


def test_contributions_are_weight_times_value_and_sum_exactly_to_the_score(
    settings: Settings, taxonomy: Taxonomy, compliance_cv: ParsedResume, engineer_cv: ParsedResume
) -> None:
    for role in load_roles(settings.data_dir).values():
        for parsed in (compliance_cv, engineer_cv):
            fit = fit_role(role, PROBABILITIES, parsed, taxonomy)
            assert [c.name for c in fit.components] == ["background", "aha", "must_have", "nice_to_have"]
            assert all(c.contribution == c.weight * c.value for c in fit.components)
            assert fit.score == sum(c.contribution for c in fit.components)
            assert 0.0 <= fit.score <= 1.0
            assert fit.role == role.id


def test_the_formula_gives_the_documented_values(taxonomy: Taxonomy, compliance_cv: ParsedResume) -> None:
    fit = fit_role(_role(), PROBABILITIES, compliance_cv, taxonomy)
    values = {c.name: c.value for c in fit.components}
    assert values["background"] == pytest.approx((0.5 * 0.9 + 0.5 * 0.4) / 1.0)  # web2 has no weight
    assert values["aha"] == pytest.approx((0.7 + 0.5 + 2 * 0.3) / 4)
    assert values["must_have"] == 0.75  # VASP Licensing is not in the text
    assert values["nice_to_have"] == 0.5  # sanctions screening, not Solidity


def test_a_missing_must_have_is_reported_and_a_present_one_is_met_with_quoted_evidence(
    taxonomy: Taxonomy, compliance_cv: ParsedResume
) -> None:
    fit = fit_role(_role(), PROBABILITIES, compliance_cv, taxonomy)
    assert fit.must_have.missing == ["VASP Licensing"]
    met = {m.skill: m.evidence for m in fit.must_have.met}
    assert list(met) == ["Anti-Money Laundering", "Know Your Customer", "Travel Rule"]
    assert [e.text for e in met["Travel Rule"]] == ["Travel Rule"]
    for evidence in met.values():
        for span in evidence:
            assert span.text == compliance_cv.text[span.start : span.end]
            assert span.page == compliance_cv.page_of(span.start) == 1
    assert fit.nice_to_have is not None
    assert fit.nice_to_have.missing == ["Solidity"]
    assert [m.skill for m in fit.nice_to_have.met] == ["Sanctions Screening"]


def test_evidence_is_the_first_three_distinct_occurrences(
    taxonomy: Taxonomy, compliance_cv: ParsedResume
) -> None:
    fit = fit_role(_role(), PROBABILITIES, compliance_cv, taxonomy)
    aml = next(m for m in fit.must_have.met if m.skill == "Anti-Money Laundering")
    occurrences = sorted(
        {(s.start, s.end) for s in compliance_cv.skills if s.name == "Anti-Money Laundering"}
    )
    assert len(occurrences) > MAX_SPANS_PER_SKILL  # the text writes AML five times
    assert [(e.start, e.end) for e in aml.evidence] == occurrences[:MAX_SPANS_PER_SKILL]
    assert all(e.text == "AML" for e in aml.evidence)


def test_a_skill_inside_personal_data_is_never_cited(resources: ParseResources, taxonomy: Taxonomy) -> None:
    text = (
        "Anna Lee\nAddress: 1 Python Street, 7 Solidity Road, London\n"
        "Experience\nEngineer, Example Ltd, 2019 - 2024\n- Wrote Python services.\n"
    )
    parsed = parse_text(text, resources)
    pii = [(p.start, p.end) for p in parsed.pii]
    in_address = [s for s in parsed.skills if any(s.start < e and b < s.end for b, e in pii)]
    assert {s.name for s in in_address} == {"Python", "Solidity"}  # the parser did match inside the address
    role = _role(must_have=["Python", "Solidity"], nice_to_have=["KYC"])
    fit = fit_role(role, PROBABILITIES, parsed, taxonomy)
    python = fit.must_have.met[0]
    assert python.skill == "Python"
    assert [e.text for e in python.evidence] == ["Python"]
    assert all(not (e.start < end and start < e.end) for e in python.evidence for start, end in pii)
    assert fit.must_have.missing == ["Solidity"]  # written only in the address: not evidence


def test_adding_a_missing_must_have_never_lowers_the_fit(
    resources: ParseResources, taxonomy: Taxonomy
) -> None:
    role = _role()
    before = fit_role(role, PROBABILITIES, parse_text(COMPLIANCE_CV, resources), taxonomy)
    with_vasp = COMPLIANCE_CV + "Licensing\nPrepared the VASP licence application.\n"
    after = fit_role(role, PROBABILITIES, parse_text(with_vasp, resources), taxonomy)
    assert before.must_have.missing == ["VASP Licensing"]
    assert after.must_have.missing == []
    assert after.score > before.score


def test_role_skills_given_as_aliases_resolve_to_canonical_names(
    taxonomy: Taxonomy, compliance_cv: ParsedResume
) -> None:
    role = _role(must_have=["AML", "know-your-customer", "fatf travel rule"], nice_to_have=["OFAC screening"])
    resolved = resolve_role(role, taxonomy)
    assert resolved.must_have == ("Anti-Money Laundering", "Know Your Customer", "Travel Rule")
    assert resolved.nice_to_have == ("Sanctions Screening",)
    fit = fit_role(role, PROBABILITIES, compliance_cv, taxonomy)
    assert [m.skill for m in fit.must_have.met] == list(resolved.must_have)


def test_an_unknown_skill_given_to_fit_role_is_a_clear_error(
    taxonomy: Taxonomy, compliance_cv: ParsedResume
) -> None:
    with pytest.raises(RoleError, match=r"unknown skill 'Underwater Basket Weaving' in must_have"):
        fit_role(_role(must_have=["Underwater Basket Weaving"]), PROBABILITIES, compliance_cv, taxonomy)


def test_a_role_without_nice_to_haves_has_no_nice_to_have_block(
    taxonomy: Taxonomy, compliance_cv: ParsedResume
) -> None:
    role = _role(
        nice_to_have=[], weights={"background": 0.3, "aha": 0.2, "must_have": 0.5, "nice_to_have": 0}
    )
    fit = fit_role(role, PROBABILITIES, compliance_cv, taxonomy)
    assert fit.nice_to_have is None
    assert fit.components[-1].contribution == 0.0


@pytest.mark.parametrize(
    ("probabilities", "message"),
    [
        ({k: v for k, v in PROBABILITIES.items() if k != "web3"}, "no probability for 'web3'"),
        ({**PROBABILITIES, "ambitious": 1.5}, "'ambitious' must be a number in"),
        ({**PROBABILITIES, "tradfi": float("nan")}, "'tradfi' must be a number in"),
    ],
)
def test_missing_or_invalid_probabilities_are_refused(
    probabilities: dict[str, float], message: str, taxonomy: Taxonomy, compliance_cv: ParsedResume
) -> None:
    with pytest.raises(ValueError, match=message):
        fit_role(_role(), probabilities, compliance_cv, taxonomy)


def test_a_label_without_weight_needs_no_probability(taxonomy: Taxonomy, compliance_cv: ParsedResume) -> None:
    probabilities = {k: v for k, v in PROBABILITIES.items() if k != "web2"}  # the role weighs no web2
    assert fit_role(_role(), probabilities, compliance_cv, taxonomy).score > 0


def test_weights_summing_above_one_by_rounding_cannot_push_a_perfect_fit_above_one(
    taxonomy: Taxonomy, compliance_cv: ParsedResume
) -> None:
    raw = {"background": 0.15, "aha": 0.55, "must_have": 0.2, "nice_to_have": 0.1}
    assert sum(raw.values()) > 1.0  # 1.0000000000000002 in floating point
    role = _role(weights=raw, must_have=["AML"], nice_to_have=["KYC"])
    assert sum(role.weights.as_tuple()) <= 1.0
    fit = fit_role(role, dict.fromkeys(PROBABILITIES, 1.0), compliance_cv, taxonomy)
    assert fit.score == sum(c.contribution for c in fit.components)
    assert fit.score == pytest.approx(1.0)
    assert fit.score <= 1.0


_unit = st.floats(min_value=0.0, max_value=1.0, allow_nan=False)
_parts = st.lists(st.integers(min_value=0, max_value=1000), min_size=3, max_size=3).filter(any)


@given(
    component_parts=st.lists(st.integers(min_value=0, max_value=10**6), min_size=4, max_size=4).filter(any),
    families=_parts,
    signals=_parts,
    probabilities=st.lists(_unit, min_size=6, max_size=6),
)
@hsettings(max_examples=200, deadline=None)
def test_the_score_is_the_exact_sum_of_contributions_and_stays_in_0_1(
    component_parts: list[int],
    families: list[int],
    signals: list[int],
    probabilities: list[float],
    taxonomy: Taxonomy,
    compliance_cv: ParsedResume,
) -> None:
    total = sum(component_parts)
    weights = dict(
        zip(
            ("background", "aha", "must_have", "nice_to_have"),
            (p / total for p in component_parts),
            strict=True,
        )
    )
    role = _role(
        weights=weights,
        backgrounds=dict(zip(("tradfi", "web2", "web3"), map(float, families), strict=True)),
        aha=dict(zip(("adaptable", "high_potential", "ambitious"), map(float, signals), strict=True)),
    )
    labels = ("tradfi", "web2", "web3", "adaptable", "high_potential", "ambitious")
    fit = fit_role(role, dict(zip(labels, probabilities, strict=True)), compliance_cv, taxonomy)
    assert fit.score == sum(c.contribution for c in fit.components)
    assert 0.0 <= fit.score <= 1.0
    assert all(0.0 <= c.value <= 1.0 and c.contribution == c.weight * c.value for c in fit.components)


# --- role validation ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"weights": {"background": 0.3, "aha": 0.3, "must_have": 0.3, "nice_to_have": 0.3}}, "sum to 1"),
        (
            {"weights": {"background": 0.5, "aha": 0.2, "must_have": 0.4, "nice_to_have": -0.1}},
            "greater than",
        ),
        ({"weights": {"background": 0.5, "aha": 0.2, "must_have": 0.3}}, "nice_to_have"),
        ({"backgrounds": {"tradfi": -1.0}}, "greater than"),
        ({"backgrounds": {"defi": 1.0}}, "backgrounds.defi"),
        ({"backgrounds": {"tradfi": 0.0}}, "every background weight is 0"),
        ({"aha": {"adaptable": "high"}}, "valid number"),
        ({"must_have": []}, "lists no must_have skill"),
        ({"nice_to_have": ["KYC", "Python"], "must_have": ["kyc"]}, "listed twice"),
        ({"id": "Compliance Officer"}, "pattern"),
        ({"salary": 100}, "Extra inputs"),
    ],
)
def test_invalid_role_profiles_are_refused(changes: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        _role(**changes)


def test_a_name_and_its_alias_are_the_same_skill(taxonomy: Taxonomy) -> None:
    with pytest.raises(RoleError, match="listed twice"):
        resolve_role(_role(must_have=["AML", "Anti-Money Laundering"]), taxonomy)


# --- ranking -----------------------------------------------------------------------------------


def _scored(score: float, sha: str, file: str, role: str = "test-role") -> CandidateResult:
    fit = Fit(role=role, score=score, components=[], must_have=MustHave(met=[], missing=[]))
    return CandidateResult(file=file, sha256=sha, status="scored", fit=fit)


def _unscored(status: str, sha: str | None, file: str | None) -> CandidateResult:
    return CandidateResult.model_validate(
        {"file": file, "sha256": sha, "status": status, "error": ErrorOut(code="x", message="not scored")}
    )


def _order(results: list[CandidateResult]) -> list[tuple[str | None, int | None]]:
    return [(r.file, r.rank) for r in results]


def test_rank_orders_by_score_then_sha256_then_file_and_puts_unscored_last() -> None:
    results = [
        _unscored("error", "e1", "broken.pdf"),
        _scored(0.5, "bb", "b.pdf"),
        _unscored("needs_review", "n1", "scan.pdf"),
        _scored(0.9, "zz", "best.pdf"),
        _scored(0.5, "aa", "z.pdf"),
        _scored(0.5, "aa", "y.pdf"),
        _scored(0.1, "cc", "worst.pdf"),
        _unscored("error", None, None),
    ]
    expected = [
        ("best.pdf", 1),
        ("y.pdf", 2),  # same score and sha256 as z.pdf: by file
        ("z.pdf", 3),
        ("b.pdf", 4),  # same score, later sha256
        ("worst.pdf", 5),
        ("scan.pdf", None),
        ("broken.pdf", None),
        (None, None),
    ]
    assert _order(rank(results)) == expected
    for permutation in itertools.islice(itertools.permutations(results), 0, None, 997):
        assert _order(rank(list(permutation))) == expected


def test_rank_returns_copies_and_leaves_its_input_alone() -> None:
    results = [_scored(0.2, "a", "a.pdf"), _scored(0.8, "b", "b.pdf")]
    ranked = rank(results)
    assert [r.rank for r in results] == [None, None]
    assert [(r.file, r.rank) for r in ranked] == [("b.pdf", 1), ("a.pdf", 2)]
    assert ranked[0].model_dump(exclude={"rank"}) == results[1].model_dump(exclude={"rank"})
    stale = _unscored("needs_review", "c", "c.pdf").model_copy(update={"rank": 7})
    assert rank([stale])[0].rank is None
    assert rank([]) == []


def test_rank_refuses_results_scored_without_a_role_or_for_different_roles() -> None:
    no_fit = CandidateResult(file="a.pdf", sha256="a", status="scored")
    with pytest.raises(ValueError, match="without a role"):
        rank([no_fit])
    with pytest.raises(ValueError, match="different roles"):
        rank([_scored(0.5, "a", "a.pdf", role="risk-analyst"), _scored(0.5, "b", "b.pdf")])


def test_a_compliance_cv_outranks_an_engineer_cv_for_the_compliance_role(
    settings: Settings, taxonomy: Taxonomy, compliance_cv: ParsedResume, engineer_cv: ParsedResume
) -> None:
    role = load_roles(settings.data_dir)["compliance-officer"]
    same_probabilities = dict.fromkeys(PROBABILITIES, 0.5)  # only the skills differ
    results = [
        CandidateResult(
            file=parsed.file,
            sha256=parsed.sha256,
            status="scored",
            fit=fit_role(role, same_probabilities, parsed, taxonomy),
        )
        for parsed in (engineer_cv, compliance_cv)
    ]
    assert [r.file for r in rank(results)] == ["compliance.txt", "engineer.txt"]
