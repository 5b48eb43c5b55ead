"""Training logs the bias audit and the proxy check of every registered version (MLflow)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import mlflow
import pytest

from screening.settings import Settings
from training.specs import load_specs
from training.train import train

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("corpus")
    command = ["generate-corpus", "--n", "300", "--seed", "8", "--out", str(out), "--format", "text"]
    subprocess.run(
        [sys.executable, "-m", "screening.cli", *command], check=True, capture_output=True, timeout=300
    )
    return out / "index.jsonl"


@pytest.fixture
def store(mlflow_store: str) -> str:
    return mlflow_store


def test_training_logs_the_audit_of_the_registered_version(
    corpus: Path, store: str, settings: Settings
) -> None:
    specs = [
        s.model_copy(update={"estimator": s.estimator.model_copy(update={"grid": {}, "cv_folds": 2})})
        for s in load_specs("aha")
    ]
    lines: list[str] = []
    (result,) = train(
        specs,
        [corpus],
        settings=settings,
        experiment="audit",
        seed=1,
        matched_panel_size=20,
        echo=lines.append,
    )
    assert result.version == "1"
    client = mlflow.MlflowClient(tracking_uri=store)
    artifacts = {a.path for a in client.list_artifacts(result.run_id, "audit")}
    assert artifacts == {
        "audit/impact_ratios.json",
        "audit/impact_ratios.md",
        "audit/matched_impact_ratios.json",
        "audit/matched_impact_ratios.md",
        "audit/proxy.json",
        "audit/proxy.md",
    }
    assert any("matched panel audit, 20 résumés × 30 identity groups" in line for line in lines)
    folder = Path(
        mlflow.artifacts.download_artifacts(run_id=result.run_id, artifact_path="audit", tracking_uri=store)
    )
    body = json.loads((folder / "impact_ratios.json").read_text(encoding="utf-8"))
    assert set(body["reports"]) == {"adaptable", "high_potential", "ambitious"}
    report = body["reports"]["ambitious"]
    assert report["basis"] == "scores"
    assert report["candidates"] == 300
    assert [t["category"] for t in report["categories"]] == ["gender", "name_origin", "gender × name_origin"]
    gender = {g["group"]: g for g in report["categories"][0]["groups"]}
    assert gender["female"]["n"] + gender["male"]["n"] == 300
    assert all(g["rate_ci"] is not None for g in gender.values())
    # Selected: strictly above the median probability, about half of the résumés.
    assert 100 <= report["selected"] <= 150
    assert set(body["label_min_impact_ratios"]["ambitious"]) == {
        "gender",
        "name_origin",
        "gender × name_origin",
    }
    md = (folder / "impact_ratios.md").read_text(encoding="utf-8")
    assert "## Bias audit: scoring rate of ambitious" in md
    proxy = json.loads((folder / "proxy.json").read_text(encoding="utf-8"))["labels"]
    assert [c["label"] for c in proxy] == ["adaptable", "high_potential", "ambitious"]
    assert {a["attribute"] for a in proxy[0]["attributes"]} == {"gender", "name_origin"}

    matched = json.loads((folder / "matched_impact_ratios.json").read_text(encoding="utf-8"))
    assert len(matched["resumes"]) == len(set(matched["resumes"])) == 20
    assert all(rid.startswith("gen-8-") for rid in matched["resumes"])
    assert len(matched["groups"]) == 30
    panel = matched["reports"]["ambitious"]
    assert panel["candidates"] == 600
    assert [t["category"] for t in panel["categories"]] == ["gender", "name_origin", "gender × name_origin"]
    assert {g["group"]: g["n"] for g in panel["categories"][0]["groups"]} == {"female": 300, "male": 300}
    assert "## Matched panel: scoring rate of ambitious" in (folder / "matched_impact_ratios.md").read_text(
        encoding="utf-8"
    )

    metrics = client.get_run(result.run_id).data.metrics
    for label in ("adaptable", "high_potential", "ambitious"):
        for category in ("gender", "name_origin", "gender_x_name_origin"):
            value = metrics[f"audit.{label}.{category}.min_impact_ratio"]
            assert 0.0 <= value <= 1.0
            # The model never sees the identity: the same résumés score alike under every name.
            assert metrics[f"audit_matched.{label}.{category}.min_impact_ratio"] == pytest.approx(1.0)
        assert 0.0 <= metrics[f"proxy.{label}.gender.eta"] <= 1.0
    assert metrics["audit_matched.min_impact_ratio"] == pytest.approx(1.0)
    assert metrics["audit.min_impact_ratio"] == min(
        v
        for k, v in metrics.items()
        if k.startswith("audit.") and k.endswith(".min_impact_ratio") and k.count(".") == 3
    )
    card_path = mlflow.artifacts.download_artifacts(
        run_id=result.run_id, artifact_path="report/model_card.md", tracking_uri=store
    )
    card = Path(card_path).read_text(encoding="utf-8")
    assert "### Bias audit (scoring rates)" in card
    assert card.index("#### Matched panel (audit of record)") < card.index("#### Observational")
    assert card.count("##### name_origin") == 2
    assert "labels' own lowest" in card
    assert "### Proxy check" in card
    assert "#### ambitious" in card
