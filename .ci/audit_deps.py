"""Audit the installed dependencies for known vulnerabilities (``make audit-deps``).

Runs ``pip-audit`` on the virtualenv's installed distributions (the project itself, installed
editable, is skipped) against PyPI's vulnerability data, and fails when

- a dependency has a known vulnerability not listed in ``.ci/audit-ignore.txt`` (one
  ``ID  # why it does not apply, and until when`` per line), or
- nothing could be audited: pip-audit reports "No known vulnerabilities found" even when
  every lookup failed (no access to PyPI's per-version JSON API), which must not pass for a
  clean audit.

    .venv/bin/python .ci/audit_deps.py [--service pypi|osv]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
IGNORE_FILE = HERE / "audit-ignore.txt"


def ignored_ids() -> list[str]:
    """Vulnerability ids accepted after review (``.ci/audit-ignore.txt``)."""
    if not IGNORE_FILE.is_file():
        return []
    ids = []
    for line in IGNORE_FILE.read_text(encoding="utf-8").splitlines():
        entry = line.split("#", 1)[0].strip()
        if entry:
            ids.append(entry)
    return ids


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--service", choices=("pypi", "osv"), default="pypi", help="vulnerability data source")
    args = ap.parse_args(argv)
    pip_audit = Path(sys.executable).with_name("pip-audit")
    with tempfile.TemporaryDirectory() as tmp:
        report_path = Path(tmp) / "audit.json"
        command = [str(pip_audit), "--local", "--skip-editable", "--progress-spinner", "off", "-f", "json"]
        command += ["-o", str(report_path), "-s", args.service, "--desc", "on"]
        for vuln in ignored_ids():
            command += ["--ignore-vuln", vuln]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if not report_path.is_file():
            last = (done.stderr or done.stdout).strip().splitlines()[-1:]
            print(f"audit-deps: pip-audit produced no report ({''.join(last)})", file=sys.stderr)
            return 2
        report = json.loads(report_path.read_text(encoding="utf-8"))
    dependencies = report.get("dependencies", [])
    skipped = [d for d in dependencies if "skip_reason" in d]
    audited = [d for d in dependencies if "skip_reason" not in d]
    vulnerable = [d for d in audited if d.get("vulns")]
    counts = f"{len(audited)} distributions audited, {len(skipped)} skipped, {len(vulnerable)} vulnerable"
    print(f"audit-deps: {counts}")
    for dep in vulnerable:
        for vuln in dep["vulns"]:
            fixes = ", ".join(vuln.get("fix_versions") or []) or "no fix yet"
            print(f"  {dep['name']} {dep['version']}: {vuln['id']} (fixed in {fixes})")
    unaudited = [d for d in skipped if d.get("skip_reason") != "distribution marked as editable"]
    if not audited:
        print(
            f"audit-deps: no distribution could be audited ({len(unaudited)} lookups failed, e.g. "
            f"{unaudited[0]['skip_reason'] if unaudited else 'none'}): the vulnerability service is "
            "unreachable from here; this is not a clean audit",
            file=sys.stderr,
        )
        return 2
    if unaudited:
        print(f"audit-deps: not audited: {', '.join(d['name'] for d in unaudited)}", file=sys.stderr)
    return 1 if vulnerable else 0


if __name__ == "__main__":
    raise SystemExit(main())
