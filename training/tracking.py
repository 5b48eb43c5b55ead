"""Where MLflow keeps runs and models: an embedded SQLite store under ``mlflow/`` by default."""

from __future__ import annotations

import subprocess
from pathlib import Path

import mlflow

from screening.registry import DEFAULT_STORE, configure, tracking_uri

#: The repository root of a source checkout.
REPO_ROOT = Path(__file__).resolve().parent.parent

__all__ = ["DEFAULT_STORE", "REPO_ROOT", "configure", "ensure_experiment", "git_commit", "tracking_uri"]


def ensure_experiment(name: str, store: Path = DEFAULT_STORE) -> str:
    """The experiment's id, creating it with artifacts under ``artifacts/`` beside a SQLite store."""
    found = mlflow.get_experiment_by_name(name)
    if found is not None:
        return str(found.experiment_id)
    location = None
    uri = tracking_uri(store)
    if uri.startswith("sqlite:///"):
        # Artifacts beside the database file, wherever it is (MLFLOW_TRACKING_URI included).
        db = Path(uri.removeprefix("sqlite:///"))
        location = (db.parent / "artifacts" / name).resolve().as_uri()
    return str(mlflow.create_experiment(name, artifact_location=location))


def git_commit() -> str:
    """The checkout's commit, or ``unknown`` outside git."""
    try:
        out = subprocess.run(
            ["git", "rev-parse", "HEAD"],
            cwd=REPO_ROOT,
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
        )
    except OSError:
        return "unknown"
    return out.stdout.strip() or "unknown"
