"""The recruiter's journey in a real browser: Debian's Chromium, headless, driven by Playwright,
against the real app served by uvicorn (real models, SQLite store, parser pool).

Screenshots of every page, at 1280×800 and 390×844, are saved under
``test-artifacts/screenshots/`` for a person to look at; each page is also checked for
horizontal overflow (nothing wider than the viewport)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from screening.bundle import ScoringModels
from screening.settings import Settings
from training.corpus.generate import generate_example

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
ROLE = "risk-analyst"
VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def server(
    settings: Settings, scoring_models: ScoringModels, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Any]:
    """The app on a free loopback port, in a thread of this process (stopped after the module)."""
    import uvicorn

    from screening.api.app import create_app

    folder = tmp_path_factory.mktemp("browser")
    app = create_app(
        settings.model_copy(update={"database_url": f"sqlite:///{folder / 'ui.db'}", "parse_workers": 1}),
        models=scoring_models,
    )
    port = _free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    instance = uvicorn.Server(config)
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not instance.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the server did not start")
        time.sleep(0.05)
    app.state.base_url = f"http://127.0.0.1:{port}"
    yield app
    instance.should_exit = True
    thread.join(timeout=30)


@pytest.fixture(scope="module")
def recruiter_key(server: Any) -> str:
    from screening.store.repo import create_api_key

    with server.state.sessions.begin() as session:
        _, secret = create_api_key(session, "recruiter", "browser test")
    return secret


@pytest.fixture(scope="module")
def pdf_files(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[Path, dict[str, Any]]]:
    """Three generated English résumés, saved as files named after the candidate."""
    folder = tmp_path_factory.mktemp("pdfs")
    out = []
    for i in range(3):
        record, pdf = generate_example(41, i, zh_share=0.0)
        path = folder / f"{record['truth']['name'].replace(' ', '_')}_CV.pdf"
        path.write_bytes(pdf)
        out.append((path, record))
    return out


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium package (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=["--no-sandbox"])
        yield instance
        instance.close()


def _shot(page: Any, name: str, viewport: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}-{viewport}.png"), full_page=True)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"{name} at {viewport} is {overflow}px wider than the viewport"


def _sign_in(page: Any, base: str, key: str) -> None:
    page.goto(base + "/")
    assert "/sign-in" in page.url
    page.get_by_label("API key").fill(key)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(base + "/screenings")


def test_a_recruiter_uploads_ranks_reads_evidence_and_decides(
    server: Any, browser: Any, recruiter_key: str, pdf_files: list[tuple[Path, dict[str, Any]]]
) -> None:
    base = server.state.base_url
    context = browser.new_context(viewport=VIEWPORTS["desktop"])
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(base + "/sign-in")
    _shot(page, "01-sign-in", "desktop")
    _sign_in(page, base, recruiter_key)

    # New screening: a role, three PDFs, per-file progress and outcome.
    page.get_by_role("link", name="New screening").first.click()
    page.get_by_label("Risk Analyst", exact=False).check()
    page.set_input_files("#files", [str(path) for path, _ in pdf_files])
    assert page.locator("#file-list li").count() == 3
    _shot(page, "02-new-screening", "desktop")
    page.get_by_role("button", name="Upload and rank").click()
    page.wait_for_selector("#open-shortlist", timeout=60_000)
    states = page.locator("#file-list .state").all_inner_texts()
    assert len(states) == 3
    assert all(s.startswith("scored") for s in states), states
    _shot(page, "03-uploaded", "desktop")

    # The ranked shortlist, blind: no names or file names.
    page.locator("#open-shortlist").click()
    page.wait_for_selector("#shortlist")
    rows = page.locator("#shortlist tbody tr[data-candidate]")
    assert rows.count() == 3
    assert page.locator("#shortlist tbody tr td.num").all_inner_texts()[:3] == ["1", "2", "3"]
    names = [record["truth"]["name"] for _, record in pdf_files]
    content = page.content()
    assert not any(name in content for name in names)
    _shot(page, "04-shortlist", "desktop")
    shortlist_url = page.url

    # A candidate: evidence highlighted in place for a chosen label, identity masked.
    rows.first.get_by_role("link").click()
    page.wait_for_selector("#resume-text")
    chosen = None
    for tab in page.locator(".label-tabs a").all():
        label = tab.get_attribute("data-label")
        tab.click()
        page.wait_for_selector(f'.label-tabs a[data-label="{label}"][aria-current="true"]')
        if page.locator("#resume-text mark.ev").count():
            chosen = label
            break
    assert chosen is not None, "no label has highlighted evidence"
    mark = page.locator("#resume-text mark.ev").first
    assert "weight" in (mark.get_attribute("title") or "")
    mark.hover()
    assert page.locator("ol.evidence li").count() >= 1
    masked = page.locator("#resume-text .masked")
    assert masked.count() >= 1
    text = page.locator("#resume-text").inner_text()
    assert not any(name in text for name in names), "blind review shows a name from the PDF"
    assert not any(name in page.content() for name in names)
    _shot(page, "05-candidate-blind", "desktop")
    candidate_url = page.url

    # A decision needs a reason; it is recorded and still there after a reload.
    page.get_by_label("Advance").check()
    page.get_by_label("Reason (required, kept in the audit log)").fill("Strong risk modelling evidence.")
    page.get_by_role("button", name="Record decision").click()
    page.wait_for_url(candidate_url)
    page.reload()
    history = page.locator("#decision-history")
    assert "Strong risk modelling evidence." in history.inner_text()
    assert "ADVANCE" in history.inner_text().upper()
    assert page.locator("#resume-text .masked").count() == 0
    assert any(name in page.locator("#resume-text").inner_text() for name in names)
    _shot(page, "06-candidate-decided", "desktop")

    page.goto(shortlist_url + "?decision=advance")
    assert page.locator("#shortlist tbody tr[data-candidate]").count() == 1
    page.goto(base + "/models")
    _shot(page, "07-models", "desktop")
    page.goto(base + "/screenings")
    _shot(page, "08-screenings", "desktop")

    # The same pages on a phone-sized screen.
    phone = browser.new_context(viewport=VIEWPORTS["phone"], is_mobile=True, has_touch=True)
    small = phone.new_page()
    small.goto(base + "/sign-in")
    _shot(small, "01-sign-in", "phone")
    _sign_in(small, base, recruiter_key)
    for name, url in (
        ("02-new-screening", base + "/screenings/new"),
        ("04-shortlist", shortlist_url),
        ("06-candidate-decided", candidate_url),
        ("07-models", base + "/models"),
        ("08-screenings", base + "/screenings"),
    ):
        small.goto(url)
        _shot(small, name, "phone")
    phone.close()
    context.close()
    assert errors == [], f"script errors: {errors}"


def test_an_auditor_sees_impact_ratios_as_a_table_and_a_chart(
    server: Any, browser: Any, pdf_files: list[tuple[Path, dict[str, Any]]], tmp_path: Path
) -> None:
    import hashlib

    from screening.store.repo import create_api_key

    with server.state.sessions.begin() as session:
        _, auditor = create_api_key(session, "auditor", "browser auditor")
    demographics = tmp_path / "demographics.csv"
    rows = ["id,sex,race_ethnicity"]
    for (path, _), (sex, race) in zip(
        pdf_files, [("female", "asian"), ("male", "white"), ("female", "")], strict=True
    ):
        rows.append(f"{hashlib.sha256(path.read_bytes()).hexdigest()},{sex},{race}")
    demographics.write_text("\n".join(rows) + "\n", encoding="utf-8")
    base = server.state.base_url
    for viewport, size in VIEWPORTS.items():
        context = browser.new_context(viewport=size)
        page = context.new_page()
        _sign_in(page, base, auditor)
        page.get_by_role("link", name="Audit").click()
        page.get_by_label("Basis").select_option("scores")
        page.set_input_files("#audit-demographics", str(demographics))
        page.get_by_role("button", name="Run the audit").click()
        page.wait_for_selector("#audit-result")
        assert page.locator("table.audit-table").count() >= 2
        assert page.locator("svg.chart rect.barfill").count() >= 2
        _shot(page, "09-audit", viewport)
        context.close()
