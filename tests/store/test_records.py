"""Parse cache, screenings, candidates, decisions and label corrections round-trip."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from screening.parsing.model import ParsedResume
from screening.store import repo
from screening.store.tables import ApiKey, ParsedDocument
from tests.store.helpers import VERSIONS, failed_result, scored_result
from training.dataset import load_records


def _reviewer(factory: sessionmaker[Session], role: str = "recruiter") -> ApiKey:
    with factory.begin() as session:
        key, _ = repo.create_api_key(session, role, f"{role} key")
    return key


def _other_resume(parsed: ParsedResume, marker: str) -> ParsedResume:
    """Another résumé: the same parse with an edited text (and so another sha256)."""
    text = parsed.text.replace("Jane Doe", marker.ljust(len("Jane Doe"))[: len("Jane Doe")])
    return parsed.model_copy(update={"text": text, "sha256": hashlib.sha256(text.encode()).hexdigest()})


def test_parsed_resume_round_trips_exactly(factory: sessionmaker[Session], parsed: ParsedResume) -> None:
    with factory.begin() as session:
        repo.put_parsed(session, parsed)
    with factory() as session:
        cached = repo.get_parsed(session, parsed.sha256)
    assert cached is not None
    assert cached.model_dump_json() == parsed.model_dump_json()
    assert cached == parsed


def test_parse_cache_misses_unknown_files_and_other_parser_versions(
    factory: sessionmaker[Session], parsed: ParsedResume
) -> None:
    with factory.begin() as session:
        repo.put_parsed(session, parsed)
    with factory() as session:
        assert repo.get_parsed(session, "0" * 64) is None
        assert repo.get_parsed(session, parsed.sha256, parser_version="0.0.1") is None


def test_putting_the_same_parse_twice_keeps_one_row_and_one_event(
    factory: sessionmaker[Session], parsed: ParsedResume
) -> None:
    with factory.begin() as session:
        repo.put_parsed(session, parsed)
    with factory.begin() as session:
        repo.put_parsed(session, parsed)
    with factory() as session:
        assert len(session.scalars(select(ParsedDocument)).all()) == 1
        assert [e.action for e in repo.list_audit(session)] == ["document.parsed"]


def test_a_new_parser_version_replaces_the_cached_parse(
    factory: sessionmaker[Session], parsed: ParsedResume
) -> None:
    with factory.begin() as session:
        repo.put_parsed(session, parsed.model_copy(update={"parser_version": "0.9.0"}))
    with factory.begin() as session:
        repo.put_parsed(session, parsed)
    with factory() as session:
        assert repo.get_parsed(session, parsed.sha256) == parsed
        assert [e.action for e in repo.list_audit(session)] == ["document.parsed", "document.reparsed"]


def test_pdf_bytes_are_kept_only_when_configured(
    factory: sessionmaker[Session], parsed: ParsedResume
) -> None:
    pdf = b"%PDF-1.7 not really a pdf"
    with_pdf = parsed.model_copy(update={"sha256": hashlib.sha256(pdf).hexdigest()})
    with factory.begin() as session:
        repo.put_parsed(session, with_pdf, pdf)  # store_pdfs defaults to False
        assert repo.get_pdf(session, with_pdf.sha256) is None
    with factory.begin() as session:
        repo.put_parsed(session, with_pdf, pdf, store_pdfs=True)
    with factory() as session:
        assert repo.get_pdf(session, with_pdf.sha256) == pdf
        with pytest.raises(repo.InvalidValueError, match="do not match"):
            repo.put_parsed(session, parsed, pdf, store_pdfs=True)


def test_screening_candidates_decisions_and_corrections_round_trip(
    factory: sessionmaker[Session], parsed: ParsedResume
) -> None:
    recruiter = _reviewer(factory)
    second = _other_resume(parsed, "John Roe")
    results = [
        scored_result(second, rank=2, fit_score=0.41, file="john.pdf"),
        failed_result("f" * 64),
        scored_result(parsed, rank=1, fit_score=0.83),
    ]
    with factory.begin() as session:
        repo.put_parsed(session, parsed, actor=recruiter.id)
        repo.put_parsed(session, second, actor=recruiter.id)
        screening = repo.create_screening(session, "smart-contract-engineer", actor=recruiter.id)
        candidates = repo.add_candidates(session, screening, results, actor=recruiter.id)
        repo.set_screening_status(session, screening.id, "ranked", actor=recruiter.id)
    best = candidates[2]
    with factory.begin() as session:
        repo.record_decision(session, best.id, "hold", "wait for references", reviewer=recruiter.id)
        repo.record_decision(
            session, best.id, "advance", "strong DeFi work", reviewer=recruiter.id, override=False
        )
        repo.add_label_correction(session, best.id, "web3", 1, reviewer=recruiter.id, note="DeFi protocol")

    with factory() as session:
        loaded = repo.get_screening(session, screening.id)
        assert loaded is not None
        assert (loaded.role_id, loaded.status, loaded.created_by) == (
            "smart-contract-engineer",
            "ranked",
            recruiter.id,
        )
        assert loaded.created_at.tzinfo == UTC
        # best rank first, unranked last
        assert [c.rank for c in loaded.candidates] == [1, 2, None]
        assert [c.fit_score for c in loaded.candidates] == [0.83, 0.41, None]
        assert [repo.candidate_result(c) for c in loaded.candidates] == [results[2], results[0], results[1]]

        candidate = repo.get_candidate(session, best.id)
        assert candidate is not None
        assert candidate.document is not None
        assert repo.get_parsed(session, candidate.document.sha256) == parsed
        assert candidate.versions == VERSIONS.model_dump()
        assert [(d.decision, d.reason, d.override) for d in candidate.decisions] == [
            ("hold", "wait for references", False),
            ("advance", "strong DeFi work", False),
        ]
        assert [(c.label, c.value, c.note) for c in candidate.label_corrections] == [
            ("web3", 1, "DeFi protocol")
        ]
        failed = repo.get_candidate(session, candidates[1].id)
        assert failed is not None
        assert (failed.status, failed.sha256, failed.document) == ("error", "f" * 64, None)


def test_screenings_list_newest_first_with_pages(factory: sessionmaker[Session]) -> None:
    recruiter = _reviewer(factory)
    ids = []
    for role in ("risk-analyst", "compliance-officer", "custody-operations"):
        with factory.begin() as session:
            ids.append(repo.create_screening(session, role, actor=recruiter.id).id)
    with factory() as session:
        assert [s.id for s in repo.list_screenings(session)] == ids[::-1]
        assert [s.id for s in repo.list_screenings(session, limit=2)] == ids[:0:-1]
        assert [s.id for s in repo.list_screenings(session, limit=2, offset=2)] == ids[:1]
        assert repo.list_screenings(session, created_by="nobody") == []
        with pytest.raises(repo.InvalidValueError):
            repo.list_screenings(session, limit=0)


def test_decisions_need_a_known_value_a_reason_and_an_active_reviewer(
    factory: sessionmaker[Session], parsed: ParsedResume
) -> None:
    recruiter = _reviewer(factory)
    with factory.begin() as session:
        screening = repo.create_screening(session, "risk-analyst", actor=recruiter.id)
        (candidate,) = repo.add_candidates(
            session, screening, [scored_result(parsed, rank=1, fit_score=0.5)], actor=recruiter.id
        )
    with factory() as session:
        with pytest.raises(repo.InvalidValueError, match="unknown decision"):
            repo.record_decision(session, candidate.id, "hire", "why not", reviewer=recruiter.id)
        with pytest.raises(repo.InvalidValueError, match="reason"):
            repo.record_decision(session, candidate.id, "reject", "  ", reviewer=recruiter.id)
        with pytest.raises(repo.InvalidValueError, match="reviewer"):
            repo.record_decision(session, candidate.id, "reject", "no", reviewer="not-a-key")
        with pytest.raises(repo.NotFoundError):
            repo.record_decision(session, "no-such-candidate", "reject", "no", reviewer=recruiter.id)
        with pytest.raises(repo.InvalidValueError, match="unknown label"):
            repo.add_label_correction(session, candidate.id, "senior", 1, reviewer=recruiter.id)
        with pytest.raises(repo.InvalidValueError, match="0 or 1"):
            repo.add_label_correction(session, candidate.id, "web3", 2, reviewer=recruiter.id)


def test_exported_labels_load_as_training_records(
    factory: sessionmaker[Session], parsed: ParsedResume, tmp_path: Path
) -> None:
    recruiter = _reviewer(factory)
    second = _other_resume(parsed, "John Roe")
    with factory.begin() as session:
        repo.put_parsed(session, parsed)
        repo.put_parsed(session, second)
        first_run = repo.create_screening(session, "smart-contract-engineer", actor=recruiter.id)
        other_run = repo.create_screening(session, "risk-analyst", actor=recruiter.id)
        a, b, broken = repo.add_candidates(
            session,
            first_run,
            [
                scored_result(parsed, rank=1, fit_score=0.9),
                scored_result(second, rank=2, fit_score=0.3),
                failed_result("e" * 64),
            ],
            actor=recruiter.id,
        )
        (a_again,) = repo.add_candidates(
            session, other_run, [scored_result(parsed, rank=1, fit_score=0.4)], actor=recruiter.id
        )
        # Jane: every family reviewed (across two screenings), one AHA head corrected twice.
        repo.add_label_correction(session, a.id, "tradfi", 1, reviewer=recruiter.id, note="bank analyst")
        repo.add_label_correction(session, a.id, "web3", 1, reviewer=recruiter.id)
        repo.add_label_correction(session, a_again.id, "web2", 0, reviewer=recruiter.id)
        repo.add_label_correction(session, a.id, "ambitious", 0, reviewer=recruiter.id)
        repo.add_label_correction(session, a_again.id, "ambitious", 1, reviewer=recruiter.id)
        # John: one family only, so background stays unknown.
        repo.add_label_correction(session, b.id, "web3", 0, reviewer=recruiter.id)
        repo.add_label_correction(session, b.id, "adaptable", 1, reviewer=recruiter.id)
        # A file that was never parsed has no text to train on.
        repo.add_label_correction(session, broken.id, "web2", 1, reviewer=recruiter.id)
    with factory.begin() as session:
        records = repo.export_labels(session, actor=recruiter.id)

    assert len(records) == 2
    jane = next(r for r in records if r["sha256"] == parsed.sha256)
    john = next(r for r in records if r["sha256"] == second.sha256)
    assert jane["text"] == parsed.text
    assert (jane["background"], jane["adaptable"], jane["high_potential"], jane["ambitious"]) == (
        ["tradfi", "web3"],
        None,
        None,
        1,
    )
    assert jane["source"] == "review"
    assert jane["notes"] == "bank analyst"
    assert sorted(jane["candidate_ids"]) == sorted([a.id, a_again.id])
    assert (john["background"], john["adaptable"], john["ambitious"]) == (None, 1, None)
    assert john["corrections"] == {"web3": 0, "adaptable": 1}

    path = tmp_path / "review.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    dataset = load_records(path)
    assert [i for i in dataset.report.issues if i.severity == "error"] == []
    loaded = dataset.by_id()
    assert set(loaded) == {jane["id"], john["id"]}
    assert loaded[jane["id"]].labels == {
        "tradfi": 1,
        "web2": 0,
        "web3": 1,
        "adaptable": None,
        "high_potential": None,
        "ambitious": 1,
    }
    assert loaded[john["id"]].labels == {
        "tradfi": None,
        "web2": None,
        "web3": None,
        "adaptable": 1,
        "high_potential": None,
        "ambitious": None,
    }
    assert loaded[jane["id"]].input_text == parsed.text


def test_restart_finds_everything(migrated_url: str, parsed: ParsedResume) -> None:
    from screening.store.db import make_engine, session_factory

    first = make_engine(migrated_url)
    with session_factory(first).begin() as session:
        key, secret = repo.create_api_key(session, "recruiter", "before restart")
        repo.put_parsed(session, parsed, actor=key.id)
        screening = repo.create_screening(session, "risk-analyst", actor=key.id)
        (candidate,) = repo.add_candidates(
            session, screening, [scored_result(parsed, rank=1, fit_score=0.7)], actor=key.id
        )
        repo.record_decision(session, candidate.id, "advance", "good fit", reviewer=key.id)
        events = len(repo.list_audit(session))
    first.dispose()

    second = make_engine(migrated_url)
    try:
        with session_factory(second)() as session:
            assert repo.authenticate(session, secret) is not None
            assert repo.get_parsed(session, parsed.sha256) == parsed
            loaded = repo.get_candidate(session, candidate.id)
            assert loaded is not None
            assert loaded.screening.id == screening.id
            assert [d.decision for d in loaded.decisions] == ["advance"]
            assert len(repo.list_audit(session)) == events
    finally:
        second.dispose()
