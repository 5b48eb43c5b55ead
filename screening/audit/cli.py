"""``screening audit``: the bias audit and the counterfactual check, a thin layer over
:mod:`screening.audit`.

::

    screening audit --scores scores.jsonl --demographics people.csv [--label NAME] [--format md|html|json]
    screening audit --decisions decisions.csv --demographics people.csv
    screening audit --demographics people.csv [--basis decisions|scores] [--role ROLE] [--since T] [--until T]
    screening audit counterfactual --data records.jsonl [--role ROLE] [--limit N] [--format md|json]

Exit status: 0 on success; 2 on bad input (missing ``id`` column, no matching ids, unreadable
files…), with the reason on stderr; the counterfactual check exits 1 when a probability
moves by more than the tolerance.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from screening.audit.stats import AuditReport, Demographics
    from screening.parsing.model import ParsedResume
    from screening.settings import Settings


def _fail(message: str) -> int:
    print(f"screening audit: {message}", file=sys.stderr)
    return 2


def _write(text: str, out: Path | None) -> None:
    if out is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    print(f"wrote {out}", file=sys.stderr)


def _pair(value: str | None) -> tuple[str, str] | None:
    from screening.audit.stats import DEFAULT_CATEGORIES, AuditError

    if value is None:
        return DEFAULT_CATEGORIES
    if value.strip().lower() == "none":
        return None
    parts = [p.strip() for p in value.split(",") if p.strip()]
    if len(parts) != 2:
        raise AuditError("invalid_request", "--intersection takes two category names: a,b (or none)")
    return parts[0], parts[1]


def _stored_report(args: argparse.Namespace, settings: Settings, demographics: Demographics) -> AuditReport:
    from screening.audit.outcomes import audit_decisions, audit_scores
    from screening.audit.stats import AuditError
    from screening.audit.stored import (
        StoredFilter,
        parse_time,
        screening_exists,
        stored_decisions,
        stored_scores,
    )
    from screening.store.db import database_url
    from screening.store.migrate import open_store

    where = StoredFilter(
        role=args.role,
        screening_id=args.screening,
        since=parse_time(args.since) if args.since else None,
        until=parse_time(args.until, end=True) if args.until else None,
    )
    engine, sessions = open_store(database_url(args.database_url or settings.database_url))
    try:
        with sessions() as session:
            if where.screening_id is not None and not screening_exists(session, where.screening_id):
                raise AuditError("not_found", f"no screening {where.screening_id}")
            if args.basis == "scores":
                rows = stored_scores(session, where, label=args.label)
                return audit_scores(
                    rows,
                    demographics,
                    label=args.label,
                    source=where.describe(),
                    categories=args.categories,
                    intersection=_pair(args.intersection),
                )
            decisions, versions = stored_decisions(session, where)
    finally:
        engine.dispose()
    return audit_decisions(
        decisions,
        demographics,
        source=where.describe(),
        categories=args.categories,
        intersection=_pair(args.intersection),
        versions=versions,
    )


def run_audit(args: argparse.Namespace) -> int:
    """``screening audit``: exit 0 with the report, 2 on bad input."""
    if getattr(args, "audit_command", None) == "counterfactual":
        return run_counterfactual(args)
    from screening.audit.inputs import read_decisions, read_demographics, read_scores
    from screening.audit.outcomes import audit_decisions, audit_scores
    from screening.audit.report import render
    from screening.audit.stats import AuditError
    from screening.settings import Settings

    if args.demographics is None:
        return _fail("--demographics FILE.csv is required")
    if args.scores and args.decisions:
        return _fail("give --scores or --decisions, not both")
    if (args.scores or args.decisions) and (args.role or args.screening or args.since or args.until):
        return _fail("--role, --screening, --since and --until select stored data: not with a file")
    if args.label is not None and args.decisions:
        return _fail("--label applies to scores, not decisions")
    try:
        demographics = read_demographics(Path(args.demographics))
        intersection = _pair(args.intersection)
        if args.scores:
            path = Path(args.scores)
            report = audit_scores(
                read_scores(path, label=args.label),
                demographics,
                label=args.label,
                source=path.name,
                categories=args.categories,
                intersection=intersection,
            )
        elif args.decisions:
            path = Path(args.decisions)
            report = audit_decisions(
                read_decisions(path),
                demographics,
                source=path.name,
                categories=args.categories,
                intersection=intersection,
            )
        else:
            if args.label is not None and args.basis != "scores":
                return _fail("--label applies to --basis scores")
            report = _stored_report(args, Settings(), demographics)
    except AuditError as exc:
        return _fail(f"{exc} [{exc.code}]")
    _write(render(report, args.format), args.out)
    return 0


# --- counterfactual -----------------------------------------------------------------------------


def _read_records(
    path: Path, settings: Settings, workers: int, limit: int | None = None
) -> list[tuple[str, ParsedResume | str]]:
    """``(id, parsed résumé or why not)`` of the first ``limit`` records of a labelled-résumé
    JSONL (``text``, or ``pdf`` relative to the file), or of PDF files and folders, in order."""
    from screening.audit.stats import AuditError
    from screening.parsing.cli import expand_inputs, read_input
    from screening.parsing.isolation import ParserPool
    from screening.parsing.model import ParsedResume
    from screening.parsing.pipeline import parse_text
    from screening.parsing.resources import load_resources

    texts: list[tuple[str, str]] = []
    pdfs: list[tuple[str, Path]] = []
    order: list[str] = []
    if path.is_file() and path.suffix.lower() == ".jsonl":
        with path.open(encoding="utf-8") as fh:
            for line, raw in enumerate(fh, start=1):
                if not raw.strip():
                    continue
                try:
                    record = json.loads(raw)
                except json.JSONDecodeError:
                    raise AuditError("invalid_data", f"{path.name}: line {line}: not JSON") from None
                if not isinstance(record, dict):
                    raise AuditError("invalid_data", f"{path.name}: line {line}: not a JSON object")
                if limit is not None and len(order) >= limit:
                    break
                rid = str(record.get("id") or f"line-{line}")
                if isinstance(record.get("pdf"), str) and record["pdf"]:
                    pdfs.append((rid, path.parent / record["pdf"]))
                elif isinstance(record.get("text"), str):
                    texts.append((rid, record["text"]))
                else:
                    raise AuditError("invalid_data", f"{path.name}: line {line}: neither 'pdf' nor 'text'")
                order.append(rid)
    else:
        pdfs = [(str(p), p) for p in itertools.islice(expand_inputs([str(path)]), limit)]
        order = [rid for rid, _ in pdfs]
    found: dict[str, ParsedResume | str] = {}
    resources = load_resources(settings.data_dir, settings.spacy_model)
    found.update((rid, parse_text(text, resources, file=rid)) for rid, text in texts)
    if pdfs:
        with ParserPool(settings, workers=max(1, min(workers, len(pdfs)))) as pool:
            items = [(str(p), read_input(p, settings.parse.max_bytes)) for _, p in pdfs]
            for (rid, _), outcome in zip(pdfs, pool.parse_many(items), strict=True):
                found[rid] = outcome if isinstance(outcome, ParsedResume) else outcome.error.code
    return [(rid, found[rid]) for rid in order]


def run_counterfactual(args: argparse.Namespace) -> int:
    """``screening audit counterfactual``: exit 0 when every change is within the tolerance, 1
    when one is not, 2 on bad input."""
    from screening.audit.counterfactual import counterfactual_check, render_markdown
    from screening.audit.stats import AuditError
    from screening.ranking import load_roles
    from screening.registry import configure, load_scoring_models
    from screening.scoring import Scorer
    from screening.settings import Settings

    settings = Settings()
    roles = load_roles(settings.data_dir)
    role_id = args.role or next(iter(roles))
    if role_id not in roles:
        return _fail(f"unknown role {role_id!r}; known: {', '.join(sorted(roles))}")
    data = Path(args.data)
    if not data.exists() and not any(c in args.data for c in "*?["):
        return _fail(f"no such file or folder: {data}")
    try:
        records = _read_records(data, settings, args.workers or settings.parse_workers, args.limit)
    except AuditError as exc:
        return _fail(f"{exc} [{exc.code}]")
    except OSError as exc:
        return _fail(f"cannot read {data}: {type(exc).__name__}")
    parsed = [(rid, p) for rid, p in records if not isinstance(p, str)]
    if not parsed:
        return _fail(f"no résumé could be read from {data}")
    configure()
    scorer = Scorer.from_settings(load_scoring_models(args.background_uri, args.aha_uri), settings)
    report = counterfactual_check(parsed, scorer, role=roles[role_id])
    skipped = {rid: p for rid, p in records if isinstance(p, str)}
    report = report.model_copy(update={"skipped": {**skipped, **report.skipped}})
    text = report.model_dump_json(indent=2) + "\n" if args.format == "json" else render_markdown(report)
    _write(text, args.out)
    return 0 if report.passed else 1


def _categories(value: str) -> list[str]:
    return [c.strip() for c in value.split(",") if c.strip()]


def add_audit_command(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``screening audit`` and ``screening audit counterfactual``."""
    p = subparsers.add_parser(
        "audit",
        help="bias audit of scores or decisions by demographic group (LL144 / four-fifths rule)",
        description=(
            "Selection or scoring rate per demographic group, impact ratios against the highest group "
            "(flagged below 0.80), unknowns, small groups (< 2 %), Fisher's exact test and bootstrap "
            "intervals, for each category and for sex × race_ethnicity. Without --scores or --decisions, "
            "the service's stored data (SCREENING_DATABASE_URL) is audited."
        ),
    )
    source = p.add_argument_group("what to audit")
    source.add_argument(
        "--scores", metavar="FILE", help="a `screening score` output: .jsonl, .csv or .parquet"
    )
    source.add_argument(
        "--decisions", metavar="FILE", help="decisions: .jsonl or .csv with id, decision[, at]"
    )
    source.add_argument(
        "--basis",
        choices=["decisions", "scores"],
        default="decisions",
        help="with stored data: recorded decisions (default) or scores",
    )
    source.add_argument("--role", help="stored data: screenings for this role")
    source.add_argument("--screening", metavar="ID", help="stored data: one screening")
    source.add_argument("--since", help="stored data: screenings created at or after (ISO date or time)")
    source.add_argument("--until", help="stored data: screenings created before (a date: up to its end)")
    source.add_argument("--database-url", help="stored data: the store (default: SCREENING_DATABASE_URL)")
    p.add_argument("--demographics", metavar="FILE.csv", help="CSV with id and one column per category")
    p.add_argument("--label", help="scores: audit this label's probability instead of the role fit score")
    p.add_argument("--categories", type=_categories, help="categories to report (default: every column)")
    p.add_argument(
        "--intersection",
        help="two categories to intersect, 'a,b' (default: sex,race_ethnicity when present), or none",
    )
    p.add_argument("--format", choices=["md", "html", "json"], default="md")
    p.add_argument("--out", type=Path, help="write the report here (default: stdout)")
    p.set_defaults(func=run_audit, audit_command=None)
    sub = p.add_subparsers(dest="audit_command", metavar="CHECK")
    c = sub.add_parser(
        "counterfactual",
        help="swap names, pronouns and gendered words (16 identities) and measure score and rank changes",
    )
    c.add_argument("--data", required=True, help="labelled-résumé JSONL (text or pdf), or PDF files/folder")
    c.add_argument("--role", help="role whose fit score ranks the résumés (default: the first role)")
    c.add_argument("--limit", type=int, help="only the first N résumés")
    c.add_argument("--workers", type=int, help="parser processes for PDFs (default: settings)")
    c.add_argument("--background-uri", help="default: models:/screening-background@champion")
    c.add_argument("--aha-uri", help="default: models:/screening-aha@champion")
    c.add_argument("--format", choices=["md", "json"], default="md")
    c.add_argument("--out", type=Path, help="write the report here (default: stdout)")
    c.set_defaults(func=run_counterfactual)
