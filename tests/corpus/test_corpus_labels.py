"""The labelling guide applied to hand-built trajectories."""

from __future__ import annotations

from typing import Any

from training.corpus.career import Award, Career, Certification, Job, Language, Project
from training.corpus.labels import label_resume


def _job(function: str, kind: str, level: int, start_year: int, months: int, **facts: Any) -> Job:
    start = start_year * 12
    return Job(function, kind, level, start, start + months, facts.pop("country", 0), **facts)  # type: ignore[arg-type]


def _career(*jobs: Job, **facts: Any) -> Career:
    return Career(jobs=jobs, **facts)


def test_bank_to_exchange_compliance_is_tradfi_and_web3_and_adaptable() -> None:
    labels = label_resume(
        _career(_job("compliance", "bank", 1, 2015, 40), _job("crypto_compliance", "crypto", 2, 2019, 30))
    )
    assert labels.background == ("tradfi", "web3")
    assert labels.adaptable == 1
    assert [r.item for r in labels.reasons["adaptable"]] == ["cross_move"]


def test_it_help_desk_at_a_hospital_is_not_web2() -> None:
    labels = label_resume(_career(_job("it_support", "hospital", 1, 2016, 60)))
    assert labels.background == ()


def test_graphic_interior_and_fashion_design_are_not_web2_but_ux_design_is() -> None:
    for function, kind in (
        ("graphic_design", "design_studio"),
        ("interior_design", "design_studio"),
        ("fashion_design", "fashion"),
    ):
        assert label_resume(_career(_job(function, kind, 1, 2018, 40))).background == ()
    assert label_resume(_career(_job("ux_design", "tech", 1, 2018, 40))).background == ("web2",)


def test_a_finance_function_at_any_employer_is_tradfi() -> None:
    assert label_resume(_career(_job("accounting", "hospital", 1, 2018, 40))).background == ("tradfi",)
    assert label_resume(_career(_job("accounting", "crypto", 1, 2018, 40))).background == ("tradfi", "web3")


def test_any_job_at_a_bank_or_a_crypto_exchange_brings_its_family() -> None:
    assert label_resume(_career(_job("hr", "bank", 1, 2018, 40, context=True))).background == ("tradfi",)
    assert label_resume(_career(_job("hr", "crypto", 1, 2018, 40, context=True))).background == ("web3",)


def test_courses_certifications_interests_and_projects_never_make_a_family() -> None:
    career = _career(
        _job("retail", "retail", 1, 2018, 40),
        certifications=(Certification("smart_contract", 0, 2021), Certification("accounting", 0, None)),
        projects=(Project("open_source"), Project("side_project")),
    )
    assert label_resume(career).background == ()


def test_short_internship_is_not_a_family_but_a_substantial_one_is() -> None:
    short = _job("backend", "tech", 0, 2017, 2, internship=True)
    long = _job("backend", "tech", 0, 2017, 6, internship=True)
    nurse = _job("nursing", "hospital", 1, 2018, 40)
    assert label_resume(_career(short, nurse)).background == ()
    assert label_resume(_career(long, nurse)).background == ("web2",)


def test_adjectives_alone_never_make_a_label() -> None:
    # Twenty years in one function with no stated facts: long experience is not evidence either.
    career = _career(_job("teaching", "school", 1, 2004, 120), _job("teaching", "school", 1, 2014, 120))
    labels = label_resume(career)
    assert (labels.adaptable, labels.high_potential, labels.ambitious) == (0, 0, 0)
    assert labels.background == ()


def test_promotion_within_two_years_is_high_potential() -> None:
    career = _career(
        _job("credit", "bank", 0, 2019, 18),
        _job("credit", "bank", 1, 2020, 30, same_employer=True, promoted=True),
    )
    labels = label_resume(career)
    assert labels.high_potential == 1
    assert labels.reasons["high_potential"][0].item == "promotion"
    assert labels.adaptable == 0  # a promotion at the same employer is not a move


def test_founded_venture_is_ambitious_even_when_it_failed() -> None:
    career = _career(
        _job("backend", "tech", 1, 2016, 30),
        _job("backend", "tech", 3, 2019, 24, founded=True, failed=True, context=True),
    )
    labels = label_resume(career)
    assert labels.ambitious == 1
    assert labels.reasons["ambitious"][0].item == "founded"


def test_one_moderate_item_is_not_enough_but_two_are() -> None:
    one = _career(_job("nursing", "hospital", 1, 2016, 60, events=("mentoring",)))
    two = _career(
        _job("nursing", "hospital", 1, 2016, 60, events=("mentoring",)), projects=(Project("side_project"),)
    )
    assert label_resume(one).ambitious == 0
    assert label_resume(two).ambitious == 1


def test_stretch_target_launch_and_competitive_win_are_strong_ambition() -> None:
    for career in (
        _career(_job("sales", "manufacturer", 1, 2016, 60, events=("stretch_target",))),
        _career(_job("product", "tech", 1, 2016, 60, events=("product_launch",))),
        _career(_job("chef", "restaurant", 1, 2016, 60), awards=(Award("competitive", 2018),)),
    ):
        assert label_resume(career).ambitious == 1


def test_working_in_two_countries_is_adaptable() -> None:
    career = _career(
        _job("audit", "audit_firm", 1, 2015, 40), _job("audit", "audit_firm", 1, 2019, 40, country=1)
    )
    labels = label_resume(career)
    assert labels.adaptable == 1
    assert labels.reasons["adaptable"][0].item == "countries"


def test_many_entry_level_jobs_without_progression_are_not_adaptable() -> None:
    career = _career(
        _job("retail", "retail", 0, 2016, 10),
        _job("hospitality", "restaurant", 0, 2017, 10),
        _job("customer_service", "call_centre", 0, 2018, 10),
        _job("retail", "retail", 0, 2019, 10),
    )
    assert label_resume(career).adaptable == 0


def test_two_working_languages_are_only_a_moderate_item() -> None:
    fluent = (Language("English", "native"), Language("Spanish", "fluent"))
    assert label_resume(_career(_job("hr", "school", 1, 2016, 60), languages=fluent)).adaptable == 0
    labels = label_resume(
        _career(_job("hr", "school", 1, 2016, 60, events=("cross_functional",)), languages=fluent)
    )
    assert labels.adaptable == 1


def test_certification_earned_while_working_and_distinction_count_for_high_potential() -> None:
    cert = _career(
        _job("accounting", "manufacturer", 1, 2015, 60, events=("peer_rank",)),
        certifications=(Certification("accounting", 0, 2018),),
    )
    before = _career(
        _job("accounting", "manufacturer", 1, 2015, 60, events=("peer_rank",)),
        certifications=(Certification("accounting", 0, 2014),),
    )
    award = _career(_job("nursing", "hospital", 1, 2015, 60), awards=(Award("distinction", 2019),))
    assert label_resume(cert).high_potential == 1
    assert label_resume(before).high_potential == 0
    assert label_resume(award).high_potential == 1
