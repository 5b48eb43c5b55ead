"""Training end to end against a real MLflow store: runs, registry versions, aliases, evaluate."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import mlflow
import pytest

from screening.features import featurize
from screening.lexicons import load_gazetteer
from screening.line_scorer import line_spans
from screening.model import model_input
from screening.parsing.pipeline import parse_pdf
from screening.parsing.resources import ParseResources
from screening.registry import CHALLENGER, CHAMPION, load_model, model_uri
from screening.settings import Settings
from training.dataset import load_records
from training.evidence_lines import line_labels
from training.examples import build_examples
from training.specs import load_specs
from training.splits import split_dataset
from training.text_source import ParsedPdfSource
from training.train import train

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("corpus")
    command = ["generate-corpus", "--n", "240", "--seed", "4", "--out", str(out), "--workers", "2"]
    subprocess.run(
        [sys.executable, "-m", "screening.cli", *command], check=True, capture_output=True, timeout=300
    )
    return out / "index.jsonl"


@pytest.fixture
def store(mlflow_store: str) -> str:
    return mlflow_store


def _quick(spec_name: str) -> list:  # type: ignore[type-arg]
    # One grid point and two folds keep the test short; the spec files stay as they are.
    specs = load_specs(spec_name)
    return [
        s.model_copy(update={"estimator": s.estimator.model_copy(update={"grid": {}, "cv_folds": 2})})
        for s in specs
    ]


def test_training_registers_a_version_per_model_and_sets_an_alias(
    corpus: Path, store: str, settings: Settings
) -> None:
    results = train(
        _quick("all"), [corpus], settings=settings, experiment="test", seed=1, echo=lambda _: None
    )
    client = mlflow.MlflowClient(tracking_uri=store)
    for result in results:
        assert result.version == "1"
        assert result.alias in (CHAMPION, CHALLENGER)
        assert str(client.get_model_version_by_alias(result.spec.name, result.alias).version) == "1"
        run = client.get_run(result.run_id)
        assert run.data.tags["parser_version"]
        assert run.data.tags["data_digest"]
        assert "test.macro_f1" in run.data.metrics
        assert "fairness.max_swap_change" in run.data.metrics
        artifacts = {a.path for a in client.list_artifacts(result.run_id, "report")}
        assert "report/model_card.md" in artifacts
        assert any(a.startswith("report/calibration_") for a in artifacts)
        assert any(a.startswith("report/top_features_") for a in artifacts)
        version = client.get_model_version(result.spec.name, "1")
        assert json.loads(version.tags["gates"]) == result.gates
        # The alias follows the gates: a version that fails one is never the champion.
        assert result.alias == (CHAMPION if all(result.gates.values()) else CHALLENGER)


def test_a_second_run_is_promoted_only_if_it_beats_the_champion(
    corpus: Path, store: str, settings: Settings
) -> None:
    first = train(
        _quick("background"), [corpus], settings=settings, experiment="test", seed=1, echo=lambda _: None
    )
    second = train(
        _quick("background"), [corpus], settings=settings, experiment="test", seed=1, echo=lambda _: None
    )
    assert second[0].version == "2"
    # Same data, same seed: the same score, which does not *beat* the first version.
    if first[0].alias == CHAMPION:
        assert second[0].alias == CHALLENGER
        assert (
            mlflow.MlflowClient(tracking_uri=store)
            .get_model_version_by_alias(first[0].spec.name, CHAMPION)
            .version
            == 1
        )


def test_registered_model_loads_by_alias_and_scores(corpus: Path, store: str, settings: Settings) -> None:
    results = train(
        _quick("aha"), [corpus], settings=settings, experiment="test", seed=2, echo=lambda _: None
    )
    loaded = load_model(model_uri(results[0].spec.name, results[0].alias or CHALLENGER))
    assert loaded.version == results[0].version
    assert set(loaded.bundle.labels) == {"adaptable", "high_potential", "ambitious"}


def test_evaluate_command_prints_metrics_json(
    corpus: Path, store: str, settings: Settings, tmp_path: Path
) -> None:
    results = train(
        _quick("background"), [corpus], settings=settings, experiment="test", seed=3, echo=lambda _: None
    )
    uri = f"models:/{results[0].spec.name}/{results[0].version}"
    out = tmp_path / "metrics.json"
    command = ["evaluate", "--data", str(corpus), "--model-uri", uri, "--out", str(out)]
    env = {**os.environ, "MLFLOW_TRACKING_URI": store}
    run = subprocess.run(
        [sys.executable, "-m", "screening.cli", *command],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env=env,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    body = json.loads(out.read_text())
    assert body["scored"] == 240
    model = body["models"]["screening-background"]
    assert 0.0 <= model["macro_f1"] <= 1.0
    assert set(model) >= {"tradfi", "web2", "web3", "macro_f1"}


@pytest.mark.mlflow_server
def test_training_against_a_real_mlflow_server_process(
    corpus: Path, settings: Settings, tmp_path: Path
) -> None:
    import socket
    import time
    import urllib.request

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "MLFLOW_SERVER_ENABLE_JOB_EXECUTION": "false"}
    store = ["--backend-store-uri", f"sqlite:///{tmp_path / 'server.db'}"]
    command = [*store, "--artifacts-destination", str(tmp_path / "artifacts"), "--workers", "1"]
    server = subprocess.Popen(
        [sys.executable, "-m", "mlflow", "server", *command, "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    uri = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(f"{uri}/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise
                time.sleep(0.5)
        os.environ["MLFLOW_TRACKING_URI"] = uri
        try:
            (result,) = train(
                _quick("background"), [corpus], settings=settings, experiment="srv", echo=lambda _: None
            )
        finally:
            del os.environ["MLFLOW_TRACKING_URI"]
        client = mlflow.MlflowClient(tracking_uri=uri)
        assert (
            str(client.get_model_version_by_alias(result.spec.name, result.alias or CHALLENGER).version)
            == "1"
        )
        assert "test.macro_f1" in client.get_run(result.run_id).data.metrics
    finally:
        server.terminate()
        server.wait(timeout=30)
        mlflow.set_tracking_uri(None)  # type: ignore[arg-type]


def _with_real_half(corpus: Path) -> tuple[Path, Path]:
    """The corpus as two data files: its last 120 records as generated, and its first 120
    without the generator's mark, so "real" (their quotes teach line scorers)."""
    lines = corpus.read_text(encoding="utf-8").splitlines()
    annotated, generated = corpus.parent / "annotated.jsonl", corpus.parent / "generated.jsonl"
    unmarked = [json.dumps({k: v for k, v in json.loads(x).items() if k != "source"}) for x in lines[:120]]
    annotated.write_text("\n".join(unmarked) + "\n", encoding="utf-8")
    generated.write_text("\n".join(lines[120:]) + "\n", encoding="utf-8")
    return generated, annotated


def test_the_splits_benchmark_gives_the_held_out_figures_of_training(
    corpus: Path, store: str, settings: Settings
) -> None:
    """``make bench-splits`` fits the heads as ``screening train`` does: for the same split
    seed, its real held-out F1 of every label is the one training logged."""
    from benchmarks.model_splits import split_figures

    data = list(_with_real_half(corpus))
    specs = _quick("aha")
    (result,) = train(specs, data, settings=settings, experiment="splits", seed=2, echo=lambda _: None)
    logged = mlflow.MlflowClient(tracking_uri=store).get_run(result.run_id).data.metrics
    source = ParsedPdfSource(settings, workers=1)
    dataset = load_records(data, text_source=source)
    examples = build_examples(dataset, settings=settings, labels=specs[0].labels, workers=1, source=source)
    figures = split_figures(specs, dataset, examples, seeds=[2], workers=1)
    for label in specs[0].labels:
        ((f1, auc),) = figures["screening-aha"][label]
        assert f1 == pytest.approx(logged[f"slice.origin_real.{label}.f1"], abs=1e-12)
        assert auc == pytest.approx(logged[f"slice.origin_real.{label}.roc_auc"], abs=1e-12)


def test_annotated_quotes_teach_line_scorers_that_are_registered_and_quote_lines(
    corpus: Path, store: str, settings: Settings, resources: ParseResources
) -> None:
    generated, annotated = _with_real_half(corpus)
    records = [json.loads(line) for line in annotated.read_text(encoding="utf-8").splitlines()]
    results = train(
        _quick("all"),
        [generated, annotated],
        settings=settings,
        experiment="lines",
        seed=1,
        echo=lambda _: None,
    )
    client = mlflow.MlflowClient(tracking_uri=store)
    scorers, heads = {}, {}
    for result in results:  # both models: families and AHA signals read lines
        run = client.get_run(result.run_id)
        loaded = load_model(model_uri(result.spec.name, result.alias or CHALLENGER))
        for label in result.spec.labels:
            assert run.data.metrics[f"{label}.evidence_lines"] > 0
            head = loaded.bundle.heads[label]
            assert head.line_scorer is not None
            assert head.signal_names_[-1] == "evidence_line"
            scorers[label] = head.line_scorer
            heads[label] = head
    assert set(scorers) == {"tradfi", "web2", "web3", "adaptable", "high_potential", "ambitious"}
    # The two models learned their line vocabulary from the same résumés with the same
    # settings: scoring encodes a résumé's lines once for all six heads.
    assert len({s.encoding_ for s in scorers.values()}) == 1
    # For most résumés with quotes, the registered scorer's best line is a quoted one, and the
    # explanation of the line signal points at that line when it raised the label.
    head = heads["ambitious"]
    gazetteer = load_gazetteer(settings.data_dir)
    quoted = [r for r in records if r.get("ambitious") == 1 and r["evidence"].get("ambitious")][:12]
    hits = cited = 0
    for record in quoted:
        parsed = parse_pdf((corpus.parent / record["pdf"]).read_bytes(), resources)
        x = model_input(featurize(parsed, gazetteer))
        _, span = head.line_scorer.best_line(x[0])
        assert span is not None
        found = line_labels(x[0], 1.0, record["evidence"], "ambitious")
        hits += found is not None and bool(found[line_spans(x[0]).index(span)] == 1)
        explanation = head.explain(x, top=len(head.coef_))
        line = next(
            e for e in (*explanation.positive, *explanation.negative) if e.feature == "sig:evidence_line"
        )
        # The line is cited when it raised the label (a lower value cites none).
        assert line.spans == ((span,) if line.contribution > 0 else ())
        cited += line.contribution > 0
    assert len(quoted) >= 6
    assert cited >= len(quoted) // 2
    assert hits >= len(quoted) // 2


def test_a_label_files_labels_train_and_the_held_out_records_keep_their_own(
    corpus: Path, store: str, settings: Settings
) -> None:
    """Half the real records' AHA labels come from a label file instead of their own file:
    training reads them, and the held-out real records are judged on their own labels only,
    the same set the split makes without the label file."""
    generated, annotated = _with_real_half(corpus)
    rows = [json.loads(line) for line in annotated.read_text(encoding="utf-8").splitlines()]
    aha = ("adaptable", "high_potential", "ambitious")
    moved = {r["id"] for r in rows[::2]}
    data, labels = corpus.parent / "half-labelled.jsonl", corpus.parent / "labels.jsonl"
    data.write_text(
        "".join(
            json.dumps({k: v for k, v in r.items() if r["id"] not in moved or k not in aha}) + "\n"
            for r in rows
        ),
        encoding="utf-8",
    )
    labels.write_text(
        "".join(
            json.dumps({"id": r["id"], **{k: r[k] for k in aha}}) + "\n" for r in rows if r["id"] in moved
        ),
        encoding="utf-8",
    )
    (result,) = train(
        _quick("aha"), [generated, data], label_files=[labels], settings=settings, experiment="labels",
        seed=3, echo=lambda _: None,
    )  # fmt: skip
    run = mlflow.MlflowClient(tracking_uri=store).get_run(result.run_id)
    own = load_records([generated, data], text_source=ParsedPdfSource(settings, workers=1))
    with_labels = load_records(
        [generated, data], labels=[labels], text_source=ParsedPdfSource(settings, workers=1)
    )
    split = split_dataset(own, seed=3)
    real_test = [r for r in split.test if r.extras.get("source") != "generated"]
    trained = [r for r in split_dataset(with_labels, seed=3).train if r.added_labels]
    assert trained  # labels from the file reached the training side
    assert int(run.data.params["n_train"]) == len(split.train)
    for label in aha:
        judged = [r for r in real_test if r.label(label) is not None]
        assert run.data.metrics[f"slice.origin_real.{label}.support"] == len(judged)
        assert run.data.metrics[f"slice.origin_real.{label}.positives"] == sum(
            r.label(label) == 1 for r in judged
        )
    assert labels.name in run.inputs.dataset_inputs[0].dataset.source
