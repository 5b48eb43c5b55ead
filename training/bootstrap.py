"""First start: train the models into the embedded store when no champion is registered.

``make serve`` runs ``python -m training.bootstrap`` before starting the service, so a fresh
machine gets working models without a separate step. It generates a corpus under ``var/``
and trains both models on it; nothing happens when every model already has a champion.
"""

from __future__ import annotations

import subprocess
import sys

import mlflow
from mlflow.exceptions import MlflowException

from screening.registry import CHAMPION
from training.specs import load_specs
from training.tracking import REPO_ROOT, configure

CORPUS = REPO_ROOT / "var" / "corpus"
CORPUS_SIZE = 3000


def missing_champions() -> list[str]:
    """Names of the models that have no ``champion`` version."""
    configure()
    client = mlflow.MlflowClient()
    missing = []
    for spec in load_specs("all"):
        try:
            client.get_model_version_by_alias(spec.name, CHAMPION)
        except MlflowException:
            missing.append(spec.name)
    return missing


def _screening(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "screening.cli", *args], check=True)


def main() -> int:
    """Train when a champion is missing; exit 0 either way unless training itself fails."""
    missing = missing_champions()
    if not missing:
        print("models: every champion is registered")
        return 0
    print(f"models: no champion for {', '.join(missing)}; training a first version (a few minutes)")
    index = CORPUS / "index.jsonl"
    if not index.is_file():
        _screening(
            "generate-corpus", "--n", str(CORPUS_SIZE), "--seed", "1", "--out", str(CORPUS), "--workers", "2"
        )
    _screening("train", "--data", str(index), "--model", "all", "--experiment", "bootstrap")
    still = missing_champions()
    if still:
        print(f"models: {', '.join(still)} trained but not promoted (a gate failed); see `mlflow ui`")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
