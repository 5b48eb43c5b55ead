"""The MLflow side of serving: the pyfunc wrapper of a scoring bundle, and loading by alias.

With ``training``, the only module that imports MLflow. A registered model version holds
one artifact, ``bundle.skops`` (a :class:`~screening.bundle.ScoringBundle`); the pyfunc
wrapper scores a frame with columns ``text`` (redacted model text) and ``signals`` (the
named-signal vector), so batch engines (Spark UDFs) can use the same version.
"""

from __future__ import annotations

import os
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import mlflow
import pandas as pd
from mlflow.exceptions import MlflowException
from mlflow.pyfunc import PythonModel, PythonModelContext

from screening.bundle import ModelReport, ScoringBundle, ScoringModels

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
    #: The MLflow run that logged the version (None for a model loaded from a run URI).
    run_id: str | None = None


def tracking_uri(store: Path = DEFAULT_STORE) -> str:
    """``MLFLOW_TRACKING_URI`` when set, else ``sqlite:///<store>/mlflow.db``."""
    return os.environ.get("MLFLOW_TRACKING_URI") or f"sqlite:///{store / 'mlflow.db'}"


def configure(store: Path = DEFAULT_STORE) -> str:
    """Point MLflow at the tracking store (and the registry at the same place).

    MLflow's download progress bars are turned off unless the environment asks for them: they
    write raw text into the service's JSON log, and their monitor thread would keep the batch
    from forking its workers (:class:`~screening.parsing.isolation.ParserPool`).
    """
    os.environ.setdefault("MLFLOW_ENABLE_ARTIFACTS_PROGRESS_BAR", "false")
    uri = tracking_uri(store)
    if uri.startswith("sqlite:///"):
        Path(uri.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    mlflow.set_tracking_uri(uri)
    mlflow.set_registry_uri(uri)
    return uri


class RegistryUnreachableError(ConnectionError):
    """The tracking server holding the registry does not answer."""


def redact_uri(uri: str) -> str:
    """``uri`` with the password of its user info (``scheme://user:password@host``) masked."""
    parts = urlsplit(uri)
    if parts.password is None:
        return uri
    host = parts.hostname or ""
    if parts.port is not None:
        host = f"{host}:{parts.port}"
    return urlunsplit(parts._replace(netloc=f"{parts.username or ''}:***@{host}"))


def check_reachable(uri: str, timeout_s: float = 5.0) -> None:
    """For a tracking server (``http(s)://``), check that it answers at all (any HTTP status),
    within ``timeout_s``. MLflow's own client retries a refused connection for minutes; this
    says at once that the registry is not there. Other stores (``sqlite:``…) are not checked.

    Raises:
        RegistryUnreachableError: no HTTP answer (refused, timed out, name not resolved).
    """
    if not uri.startswith(("http://", "https://")):
        return
    parts = urlsplit(uri)
    # Without user info: any answer will do, and urllib does not take credentials in the URL.
    netloc = parts.netloc.rpartition("@")[2]
    probe = urlunsplit((parts.scheme, netloc, f"{parts.path.rstrip('/')}/health", "", ""))
    try:
        with urllib.request.urlopen(probe, timeout=timeout_s):
            return
    except urllib.error.HTTPError:
        return  # it answered: reachable (an auth proxy or another server may refuse /health)
    except (OSError, ValueError) as exc:
        reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
        raise RegistryUnreachableError(
            f"the model registry at {redact_uri(uri)} does not answer ({reason})"
        ) from None


def model_uri(name: str, alias: str = CHAMPION) -> str:
    """``models:/<name>@<alias>``."""
    return f"models:/{name}@{alias}"


def load_model(uri: str) -> LoadedModel:
    """Load a registered version (``models:/name@alias``, ``models:/name/3``) or a run's model.

    Raises:
        mlflow.exceptions.MlflowException: the model or alias does not exist.
    """
    name, version, run_id = "", "", None
    if uri.startswith("models:/"):
        ref = uri.removeprefix("models:/")
        client = mlflow.MlflowClient()
        if "@" in ref:
            name, alias = ref.split("@", 1)
            version = str(client.get_model_version_by_alias(name, alias).version)
        else:
            name, version = ref.rsplit("/", 1)
        uri = f"models:/{name}/{version}"
        run_id = client.get_model_version(name, version).run_id
    pyfunc = mlflow.pyfunc.load_model(uri)
    model = pyfunc.unwrap_python_model()
    if not isinstance(model, BundleModel):
        raise TypeError(f"{uri} is not a screening bundle model")
    return LoadedModel(model.bundle, name or model.bundle.name, version, uri, run_id)


#: Where training logs the model card inside its run (``training.train``).
MODEL_CARD_ARTIFACT = "report/model_card.md"


def load_report(model: LoadedModel) -> ModelReport:
    """The metrics and model card of the run that logged ``model`` (empty when unknown).

    A card that cannot be read (artifact store unreachable, an older run without one) is
    ``None``: the report is informative and never stops models from loading.
    """
    ref = f"{model.name}/{model.version}"
    if model.run_id is None:
        return ModelReport(version=ref)
    run = mlflow.MlflowClient().get_run(model.run_id)
    card: str | None
    try:
        card = mlflow.artifacts.load_text(f"runs:/{model.run_id}/{MODEL_CARD_ARTIFACT}")
    except (MlflowException, OSError):
        card = None
    return ModelReport(version=ref, metrics=dict(run.data.metrics), card=card)


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
        reports={"background": load_report(background), "aha": load_report(aha)},
    )
