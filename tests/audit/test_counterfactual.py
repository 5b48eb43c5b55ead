"""Identity swaps and the counterfactual check: on real (small) models, and as a command."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from screening.audit.counterfactual import NAME_GROUPS, Identity, counterfactual_check, swap_identity
from screening.bundle import ScoringModels
from screening.parsing.pipeline import parse_text
from screening.parsing.resources import ParseResources
from screening.ranking import load_roles
from screening.scoring import Scorer
from screening.settings import Settings
from training.corpus.generate import generate_example, generate_text_example


def _identity(group: str) -> Identity:
    return next(g for g in NAME_GROUPS if g["group"] == group)


def test_gendered_words_follow_the_identity() -> None:
    text = "Jane Doe\nHer husband; Chairwoman of the board; Women in Finance; a businesswoman. Humane."
    to_male = swap_identity(text, [(0, 8)], _identity("indian-male"))
    # Every gendered word takes the identity's gender (as pronouns do): the parser redacts them
    # all, so none may move a score whichever way it goes.
    assert (
        to_male == "Arjun Patel\nHis husband; Chairman of the board; Men in Finance; a businessman. Humane."
    )
    back = swap_identity(to_male, [(0, 11)], _identity("english-female"))
    assert (
        back == "Emily Clarke\nHer wife; Chairwoman of the board; Women in Finance; a businesswoman. Humane."
    )
    # Words merely containing a gendered word are left alone.
    assert swap_identity("Manager, Mandarin, human, Omen", [], _identity("korean-female")) == (
        "Manager, Mandarin, human, Omen"
    )


def test_name_groups_cover_eight_cultures_and_both_genders() -> None:
    assert len(NAME_GROUPS) == 16
    assert len({g["culture"] for g in NAME_GROUPS}) == 8
    assert {g["gender"] for g in NAME_GROUPS} == {"female", "male"}


@pytest.fixture(scope="module")
def scorer(scoring_models: ScoringModels, settings: Settings) -> Scorer:
    return Scorer.from_settings(scoring_models, settings)


@pytest.fixture(scope="module")
def resumes(resources: ParseResources) -> list[tuple[str, object]]:
    records = [generate_text_example(41, i, noise=0.0, zh_share=0.0) for i in range(6)]
    return [(f"r{i}", parse_text(r["text"], resources, file=f"r{i}")) for i, r in enumerate(records)]


def test_identity_swaps_do_not_move_scores_or_ranks(
    scorer: Scorer, resumes: list, settings: Settings
) -> None:
    role = load_roles(settings.data_dir)["risk-analyst"]
    report = counterfactual_check(resumes, scorer, role=role)
    assert report.resumes == 6
    assert report.without_name == 0
    assert len(report.identities) == 16
    assert set(report.labels) == {"tradfi", "web2", "web3", "adaptable", "high_potential", "ambitious"}
    assert report.max_probability_change <= 0.01
    assert report.passed
    assert report.max_fit_change is not None
    assert report.max_fit_change <= 0.01
    assert report.max_rank_change == 0
    assert report.rank_changes == 0
    assert report.worst is not None
    assert report.worst.identity in report.identities


def test_the_check_sees_an_identity_that_leaks_into_the_text(
    scorer: Scorer, resumes: list, settings: Settings
) -> None:
    # A "name" the parser does not take for a name reaches the model: the check must show it.
    leaky = Identity(
        group="leaky",
        culture="none",
        gender="male",
        name="Solidity Smart Contracts DeFi Ethereum Blockchain Engineer",
        pronouns=("he", "him", "his"),
        gender_words={"title": "Mr", "possessive_pronoun": "his", "reflexive": "himself"},
    )
    role = load_roles(settings.data_dir)["smart-contract-engineer"]
    report = counterfactual_check(resumes, scorer, role=role, identities=[leaky])
    assert report.max_probability_change > 0.01
    assert not report.passed
    assert report.per_identity["leaky"] == report.max_probability_change
    assert report.max_fit_change is not None
    assert report.max_fit_change > 0


def test_without_a_role_there_is_no_fit_or_rank(scorer: Scorer, resumes: list) -> None:
    report = counterfactual_check(resumes[:2], scorer, role=None, identities=NAME_GROUPS[:2])
    assert report.max_fit_change is None
    assert report.max_rank_change is None
    assert report.role is None


# --- the command --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def model_uris(
    scoring_models: ScoringModels, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, str]]:
    """The test bundles logged as runs' models in a throw-away MLflow store."""
    import os

    import mlflow

    from screening.registry import BUNDLE_ARTIFACT, BundleModel

    folder = tmp_path_factory.mktemp("mlflow")
    uri = f"sqlite:///{folder / 'mlflow.db'}"
    previous = os.environ.get("MLFLOW_TRACKING_URI")
    os.environ["MLFLOW_TRACKING_URI"] = uri
    mlflow.set_tracking_uri(uri)
    mlflow.set_experiment(
        experiment_id=mlflow.create_experiment("audit", artifact_location=str(folder / "art"))
    )
    uris = []
    for bundle in (scoring_models.background, scoring_models.aha):
        path = bundle.save(folder / f"{bundle.name}.skops")
        with mlflow.start_run() as run:
            mlflow.pyfunc.log_model(
                name="model", python_model=BundleModel(), artifacts={BUNDLE_ARTIFACT: str(path)},
                pip_requirements=["scikit-learn"],
            )  # fmt: skip
        uris.append(f"runs:/{run.info.run_id}/model")
    yield uris[0], uris[1]
    mlflow.set_tracking_uri(None)  # type: ignore[arg-type]
    if previous is None:
        os.environ.pop("MLFLOW_TRACKING_URI", None)
    else:
        os.environ["MLFLOW_TRACKING_URI"] = previous


@pytest.mark.slow
def test_counterfactual_command_on_text_and_pdf_records(
    tmp_path: Path, model_uris: tuple[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    from screening.cli import main

    records = [generate_text_example(43, i, noise=0.0, zh_share=0.0) for i in range(3)]
    _, pdf = generate_example(43, 9, zh_share=0.0)
    (tmp_path / "cv.pdf").write_bytes(pdf)
    lines = [json.dumps({"id": f"t{i}", "text": r["text"]}) for i, r in enumerate(records)]
    lines.append(json.dumps({"id": "p0", "pdf": "cv.pdf"}))
    lines.append(json.dumps({"id": "p1", "pdf": "missing.pdf"}))
    data = tmp_path / "records.jsonl"
    data.write_text("\n".join(lines) + "\n", encoding="utf-8")
    background, aha = model_uris
    args = ["audit", "counterfactual", "--data", str(data), "--background-uri", background, "--aha-uri", aha]
    code = main([*args, "--format", "json", "--role", "risk-analyst", "--workers", "1"])
    out = capsys.readouterr()
    assert code == 0, out.err
    body = json.loads(out.out)
    assert body["resumes"] == 4
    assert body["skipped"] == {"p1": "not_pdf"}
    assert body["max_probability_change"] <= 0.01
    assert body["max_rank_change"] == 0
    assert len(body["identities"]) == 16
    code = main([*args, "--limit", "2", "--out", str(tmp_path / "cf.md"), "--workers", "1"])
    assert code == 0
    md = (tmp_path / "cf.md").read_text(encoding="utf-8")
    assert "Largest change of any probability" in md
    assert "Résumés: 2" in md


def test_counterfactual_command_refuses_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from screening.cli import main

    assert main(["audit", "counterfactual", "--data", str(tmp_path / "none.jsonl")]) == 2
    assert "no such file" in capsys.readouterr().err
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x"}\n', encoding="utf-8")
    assert main(["audit", "counterfactual", "--data", str(bad)]) == 2
    assert "neither 'pdf' nor 'text'" in capsys.readouterr().err
    assert main(["audit", "counterfactual", "--data", str(bad), "--role", "astronaut"]) == 2
    assert "unknown role" in capsys.readouterr().err
