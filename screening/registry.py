"""The MLflow side of serving: the pyfunc wrapper of a scoring bundle, and loading by alias.

With ``training``, the only module that imports MLflow. A registered model version holds
one artifact, ``bundle.skops`` (a :class:`~screening.bundle.ScoringBundle`); the pyfunc
wrapper scores a frame with columns ``text`` (redacted model text) and ``signals`` (the
named-signal vector), so batch engines (Spark UDFs) can use the same version.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import mlflow
import pandas as pd
from mlflow.pyfunc import PythonModel, PythonModelContext

from screening.bundle import ScoringBundle

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
