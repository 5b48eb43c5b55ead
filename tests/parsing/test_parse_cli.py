"""``screening parse``: JSON lines, one per file, errors in place, exit code."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

from tests import pdf_builders as pdfs

CORE = {
    "file",
    "sha256",
    "status",
    "quality",
    "parser_version",
    "text",
    "pages",
    "sections",
    "positions",
    "skills",
    "pii",
}


def test_parse_command_prints_one_json_line_per_file_and_goes_on(tmp_path: Path) -> None:
    good = tmp_path / "a.pdf"
    good.write_bytes(
        pdfs.one_column(
            ["Mia Wong", "Experience", "KYC Analyst, Binance, Jan 2021 - Present", "Skills", "Solidity, AML"]
        )
    )
    bad = tmp_path / "b.pdf"
    bad.write_bytes(b"this is not a pdf")
    locked = tmp_path / "c.pdf"
    locked.write_bytes(pdfs.encrypted(good.read_bytes(), "pw"))
    run = subprocess.run(
        [sys.executable, "-m", "screening.cli", "parse", str(tmp_path), "--workers", "1"],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert run.returncode == 2, run.stderr
    rows = [json.loads(line) for line in run.stdout.splitlines()]
    assert [Path(r["file"]).name for r in rows] == ["a.pdf", "b.pdf", "c.pdf"]
    ok, not_pdf, encrypted = rows
    assert ok.keys() >= CORE
    assert ok["status"] == "ok"
    assert ok["positions"][0] | {"start": 0, "end": 0} == ok["positions"][0] | {
        "title": "KYC Analyst", "employer": "Binance", "location": None, "start_date": "2021-01",
        "end_date": "present", "start": 0, "end": 0,
    }  # fmt: skip
    for field in ("sections", "positions", "skills", "pii"):
        for item in ok[field]:
            assert 0 <= item["start"] <= item["end"] <= len(ok["text"])
    assert {s["name"] for s in ok["skills"]} >= {"Binance", "Solidity"}
    assert not_pdf == {
        "file": str(bad),
        "sha256": hashlib.sha256(b"this is not a pdf").hexdigest(),
        "status": "error",
        "error": {"code": "not_pdf", "message": not_pdf["error"]["message"]},
    }
    assert encrypted["error"]["code"] == "encrypted"
