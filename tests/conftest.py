"""One conftest for the whole suite: settings, parse resources, the parser pool, scoring models,
databases (SQLite and PostgreSQL) and the API service.

PostgreSQL: one database with a random name per test session (created through the
``postgres`` database, dropped at the end), and one schema per test or test module
(``search_path`` in the URL), so every test starts from an empty database on both engines.
The PostgreSQL variants are marked ``postgres`` and skipped when no server answers on
127.0.0.1:5432.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from screening.bundle import ScoringModels
from screening.parsing.isolation import ParserPool
from screening.parsing.resources import ParseResources, load_resources
from screening.settings import DEFAULT_DATA_DIR, ParseLimits, Settings

REPO = Path(__file__).resolve().parent.parent
#: ``../shared/datasets`` beside the checkout, when present (development and CI machines).
SHARED_DATASETS = REPO.parent / "shared" / "datasets"


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings(_env_file=None, data_dir=DEFAULT_DATA_DIR)  # type: ignore[call-arg]


@pytest.fixture(scope="session")
def resources(settings: Settings) -> ParseResources:
    return load_resources(settings.data_dir, settings.spacy_model)


@pytest.fixture(scope="session")
def pool(settings: Settings) -> Iterator[ParserPool]:
    """Two parser workers with a short time limit, shared by the tests that need isolation."""
    limits = ParseLimits(timeout_s=4.0, max_pages=30, max_bytes=10 * 1024 * 1024, max_memory_mb=768)
    with ParserPool(settings.model_copy(update={"parse": limits}), workers=2) as p:
        yield p


@pytest.fixture(scope="session")
def scoring_models(resources: ParseResources) -> ScoringModels:
    """Real (small) background and AHA bundles, trained on 240 generated text résumés.

    The real estimator and bundle code, fitted in a few seconds, so that scoring, evidence,
    ranking and batch tests run without a registry; the training tests cover the registry.
    """
    from training.small_models import small_scoring_models

    return small_scoring_models(resources)


@pytest.fixture
def mlflow_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A new, empty SQLite MLflow store for one test (``MLFLOW_TRACKING_URI``): its URI."""
    import mlflow

    uri = f"sqlite:///{tmp_path / 'mlflow.db'}"
    monkeypatch.setenv("MLFLOW_TRACKING_URI", uri)
    yield uri
    mlflow.set_tracking_uri(None)  # type: ignore[arg-type]


PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
PG_HOST = "postgresql+psycopg://postgres@127.0.0.1:5432"
DB_PARAMS = [pytest.param("sqlite"), pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.fixture(scope="session")
def postgres_database() -> Iterator[str]:
    """A new, empty PostgreSQL database for this test session: its name."""
    import psycopg

    try:
        admin = psycopg.connect(PG_ADMIN, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as exc:
        pytest.skip(f"PostgreSQL not reachable on 127.0.0.1:5432 as postgres: {exc}".strip())
    name = f"screening_test_{secrets.token_hex(6)}"
    with admin:
        admin.execute(f'CREATE DATABASE "{name}"')
        try:
            yield name
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _database_url(request: pytest.FixtureRequest, folder: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{folder / 'screening.db'}"
    database: str = request.getfixturevalue("postgres_database")
    import psycopg

    schema = f"t_{secrets.token_hex(6)}"
    with psycopg.connect(f"postgresql://postgres@127.0.0.1:5432/{database}", autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    return f"{PG_HOST}/{database}?options=-csearch_path%3D{schema}"


@pytest.fixture(params=DB_PARAMS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of an empty database (not migrated), on each engine."""
    return _database_url(request, tmp_path)


@pytest.fixture(scope="module", params=DB_PARAMS)
def module_db_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The URL of an empty database shared by one test module, on each engine (the API tests
    start one app per module and engine: starting the parser workers is the slow part)."""
    return _database_url(request, tmp_path_factory.mktemp("db"))


# --- the API service -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def service_settings(settings: Settings, module_db_url: str) -> Settings:
    """Settings of a test service: one parser worker, the module's database, small uploads."""
    return settings.model_copy(
        update={"database_url": module_db_url, "parse_workers": 1, "max_files_per_request": 5}
    )


@pytest.fixture(scope="module")
def app(service_settings: Settings, scoring_models: ScoringModels) -> FastAPI:
    """The service, serving the test models (its lifespan runs in ``client``)."""
    from screening.api.app import create_app

    return create_app(service_settings, models=scoring_models)


@pytest.fixture(scope="module")
def client(app: FastAPI) -> Iterator[TestClient]:
    """A client of ``app`` inside its lifespan (migrations, parser pool and scorer started)."""
    from fastapi.testclient import TestClient

    with TestClient(app) as c:
        yield c


@pytest.fixture(scope="module")
def api_keys(client: TestClient, app: FastAPI) -> dict[str, str]:
    """A fresh secret per role: ``{"recruiter": ..., "auditor": ..., "admin": ...}``."""
    from screening.store.repo import create_api_key

    secrets_by_role = {}
    with app.state.sessions.begin() as session:
        for role in ("recruiter", "auditor", "admin"):
            _, secret = create_api_key(session, role, f"test {role}")
            secrets_by_role[role] = secret
    return secrets_by_role


@pytest.fixture(scope="module")
def auth(api_keys: dict[str, str]) -> dict[str, dict[str, str]]:
    """``Authorization`` headers per role: ``client.get(url, headers=auth["recruiter"])``."""
    return {role: {"Authorization": f"Bearer {secret}"} for role, secret in api_keys.items()}
