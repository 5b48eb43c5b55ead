"""The MLflow side of serving: the pyfunc wrapper of a scoring bundle, and loading by alias.

With ``training``, the only module that imports MLflow. A registered model version holds
one artifact, ``bundle.skops`` (a :class:`~screening.bundle.ScoringBundle`); the pyfunc
wrapper scores a frame with columns ``text`` (redacted model text) and ``signals`` (the
named-signal vector), so batch engines (Spark UDFs) can use the same version.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import mlflow
import pandas as pd
from mlflow.pyfunc import PythonModel, PythonModelContext

from screening.bundle import ScoringBundle, ScoringModels

#: The embedded store of a source checkout: ``mlflow/`` beside the package.
DEFAULT_STORE = Path(__file__).resolve().parent.parent / "mlflow"

CHAMPION = "champion"
CHALLENGER = "challenger"
#: The artifact key (and file name) of the bundle inside a logged model.
BUNDLE_ARTIFACT = "bundle"


class BundleModel(PythonModel):
    """pyfunc wrapper: ``predict(frame[text, signals]) -> frame[label probabilities]``."""

    def load_context(self, context: PythonModelContext) -> None:
        self.bundle = ScoringBundle.load(Path(context.artifacts[BUNDLE_ARTIFACT]))

    def predict(
        self,
        context: PythonModelContext,  # noqa: ARG002 - MLflow's signature
        model_input: pd.DataFrame,
        params: dict[str, str] | None = None,  # noqa: ARG002
    ) -> pd.DataFrame:
        inputs = [
            (str(t), [float(v) for v in s])
            for t, s in zip(model_input["text"], model_input["signals"], strict=True)
        ]
        return pd.DataFrame(self.bundle.predict_proba(inputs))


@dataclass(frozen=True)
class LoadedModel:
    """A bundle with the registry coordinates it came from."""

    bundle: ScoringBundle
    name: str
    version: str
    uri: str


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


def model_uri(name: str, alias: str = CHAMPION) -> str:
    """``models:/<name>@<alias>``."""
    return f"models:/{name}@{alias}"


def load_model(uri: str) -> LoadedModel:
    """Load a registered version (``models:/name@alias``, ``models:/name/3``) or a run's model.

    Raises:
        mlflow.exceptions.MlflowException: the model or alias does not exist.
    """
    name, version = "", ""
    if uri.startswith("models:/"):
        ref = uri.removeprefix("models:/")
        client = mlflow.MlflowClient()
        if "@" in ref:
            name, alias = ref.split("@", 1)
            version = str(client.get_model_version_by_alias(name, alias).version)
        else:
            name, version = ref.rsplit("/", 1)
        uri = f"models:/{name}/{version}"
    pyfunc = mlflow.pyfunc.load_model(uri)
    model = pyfunc.unwrap_python_model()
    if not isinstance(model, BundleModel):
        raise TypeError(f"{uri} is not a screening bundle model")
    return LoadedModel(model.bundle, name or model.bundle.name, version, uri)


#: The registered model names of the two bundles a :class:`~screening.scoring.Scorer` needs.
BACKGROUND_MODEL = "screening-background"
AHA_MODEL = "screening-aha"


def load_scoring_models(background_uri: str | None = None, aha_uri: str | None = None) -> ScoringModels:
    """The champions of ``screening-background`` and ``screening-aha`` (or the given URIs),
    with their versions recorded as ``name/version``.

    Raises:
        mlflow.exceptions.MlflowException: a model or alias does not exist.
    """
    background = load_model(background_uri or model_uri(BACKGROUND_MODEL))
    aha = load_model(aha_uri or model_uri(AHA_MODEL))
    return ScoringModels(
        background=background.bundle,
        aha=aha.bundle,
        background_version=f"{background.name}/{background.version}",
        aha_version=f"{aha.name}/{aha.version}",
    )
