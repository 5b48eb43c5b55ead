"""Where MLflow keeps runs and models: an embedded SQLite store under ``mlflow/`` by default."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import mlflow

#: The repository root of a source checkout.
REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_STORE = REPO_ROOT / "mlflow"


def tracking_uri(store: Path = DEFAULT_STORE) -> str:
    """``MLFLOW_TRACKING_URI`` when set, else ``sqlite:///<store>/mlflow.db``."""
    return os.environ.get("MLFLOW_TRACKING_URI") or f"sqlite:///{store / 'mlflow.db'}"


def configure(store: Path = DEFAULT_STORE) -> str:
    """Point MLflow at the tracking store (and the registry at the same place)."""
    uri = tracking_uri(store)
    if uri.startswith("sqlite:///"):
        Path(uri.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    mlflow.set_tracking_uri(uri)
    mlflow.set_registry_uri(uri)
    return uri


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
