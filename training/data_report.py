"""The validation report of labelled résumé files: issues, counts, duplicates, leakage.

Plain pydantic models (so the report is JSON as is) and a renderer to readable text tables.
The report holds identifiers, counts and codes only: never résumé text.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Literal

from pydantic import BaseModel, Field

Severity = Literal["error", "warning"]


class Issue(BaseModel):
    """One problem found while loading, located by file and line.

    ``error`` issues are schema problems: the record is left out of the dataset. ``warning``
    issues (an unreadable PDF, a ``swap_of`` to an unknown id) keep the record.
    """

    severity: Severity
    code: str = Field(description="stable code, e.g. invalid_json, bad_label, missing_pdf, unreadable_pdf")
    source: str = Field(description="the JSONL file as given")
    line: int | None = Field(None, description="1-based line number in the file")
    record_id: str | None = None
    message: str
    detail: str | None = Field(None, description="a sub-code, e.g. the parse error code of a PDF")

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line is not None else self.source
        rid = f" id={self.record_id}" if self.record_id is not None else ""
        return f"{where}: {self.severity} [{self.code}]{rid}: {self.message}"


class LabelCounts(BaseModel):
    """How one label is distributed: positives, negatives and unknowns (unknown is not negative)."""

    positive: int = 0
    negative: int = 0
    unknown: int = 0
    low_confidence_positive: int = Field(
        0,
        description="1s given at confidence < 2: counted as unknown under strict confidence, "
        "as positive otherwise",
    )

    @property
    def known(self) -> int:
        """Records with a 0 or a 1."""
        return self.positive + self.negative

    @property
    def positive_rate(self) -> float | None:
        """Positives among known labels, or ``None`` when none is known."""
        return self.positive / self.known if self.known else None


class SourceSummary(BaseModel):
    """Counts for one JSONL file (or for all of them)."""

    file: str
    lines: int = 0
    records: int = Field(0, description="records that passed validation")
    errors: int = 0
    warnings: int = 0
    pdf_records: int = 0
    text_only_records: int = 0
    readable: int = Field(0, description="records with a usable input text")
    unlabelled: int = Field(0, description="records with every label unknown")
    labels: dict[str, LabelCounts] = Field(default_factory=dict)
    families: dict[str, int] = Field(
        default_factory=dict, description="background as written: 'tradfi+web2', 'other' ([]), 'unknown'"
    )


class LabelFileSummary(BaseModel):
    """What one label file added (:mod:`training.label_files`)."""

    file: str
    lines: int = Field(0, description="valid lines")
    records_labelled: int = Field(0, description="records given at least one label")
    errors: int = 0
    warnings: int = 0
    labels: dict[str, LabelCounts] = Field(default_factory=dict, description="the labels added")


class DuplicateGroup(BaseModel):
    """Records that are one résumé: same normalised text, near-identical text, or name swaps."""

    kind: Literal["exact", "near", "swap"]
    ids: list[str]
    sources: list[str] = Field(description="the files the members come from")
    min_jaccard: float | None = Field(None, description="near: the lowest confirmed pair similarity")


class LeakItem(BaseModel):
    """One résumé on both sides of a split."""

    kind: Literal["same_id", "exact", "near", "swap"]
    train_ids: list[str]
    test_ids: list[str]


class LeakageReport(BaseModel):
    """Records of one side that are the same résumé as records of the other side."""

    name: str
    train: int
    test: int
    leaks: list[LeakItem] = Field(default_factory=list)

    @property
    def ok(self) -> bool:
        """No leak found."""
        return not self.leaks


class SplitSummary(BaseModel):
    """A train/test split: sizes, label balance on each side and its leakage check."""

    test_size: float
    seed: int
    groups: int
    train_labels: dict[str, LabelCounts]
    test_labels: dict[str, LabelCounts]
    leakage: LeakageReport


class ValidationReport(BaseModel):
    """Everything found while loading labelled résumé files."""

    strict_confidence: bool
    sources: list[SourceSummary] = Field(default_factory=list)
    total: SourceSummary = Field(default_factory=lambda: SourceSummary(file="all"))
    label_files: list[LabelFileSummary] = Field(default_factory=list)
    issues: list[Issue] = Field(default_factory=list)
    duplicates: list[DuplicateGroup] = Field(default_factory=list)
    unreadable: dict[str, list[str]] = Field(
        default_factory=dict, description="PDF problem code -> record ids (suspicious files keep their text)"
    )
    leakage: list[LeakageReport] = Field(default_factory=list, description="between declared splits")
    split: SplitSummary | None = None

    @property
    def errors(self) -> list[Issue]:
        """The schema errors (each left a record out)."""
        return [i for i in self.issues if i.severity == "error"]

    @property
    def has_errors(self) -> bool:
        """Whether any schema error was found."""
        return any(i.severity == "error" for i in self.issues)

    def to_text(self, max_issues: int = 40) -> str:
        """The report as readable text tables (``max_issues`` issues listed in full)."""
        return render_text(self, max_issues=max_issues)


def _table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> list[str]:
    cells = [[str(c) for c in header], *[[_cell(c) for c in row] for row in rows]]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    out = []
    for n, row in enumerate(cells):
        parts = [row[0].ljust(widths[0]), *(c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True))]
        out.append("  " + "  ".join(parts).rstrip())
        if n == 0:
            out.append("  " + "  ".join("-" * w for w in widths))
    return out


def _cell(value: object) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


def _label_rows(labels: dict[str, LabelCounts]) -> list[list[object]]:
    return [
        [name, c.positive, c.negative, c.unknown, c.low_confidence_positive, c.positive_rate]
        for name, c in labels.items()
    ]


_LABEL_HEADER = ("label", "positive", "negative", "unknown", "low-conf 1s", "pos. rate")


def render_text(report: ValidationReport, max_issues: int = 40) -> str:
    """Render ``report`` as text: sources, labels, families, duplicates, PDFs, split, issues."""
    lines: list[str] = []
    strict = (
        "on: a 1 given at confidence < 2 counts as unknown"
        if report.strict_confidence
        else "off: labels as written"
    )
    lines += ["Labelled résumés: validation report", f"strict confidence {strict}", ""]
    lines.append("Sources")
    lines += _table(
        ("file", "lines", "records", "errors", "warnings", "pdf", "text only", "readable", "unlabelled"),
        [
            [s.file, s.lines, s.records, s.errors, s.warnings, s.pdf_records, s.text_only_records,
             s.readable, s.unlabelled]
            for s in [*report.sources, *([report.total] if len(report.sources) > 1 else [])]
        ],
    )  # fmt: skip
    for summary in [*report.sources, *([report.total] if len(report.sources) > 1 else [])]:
        lines += ["", f"Labels: {summary.file} ({summary.records} records; unknown is not negative)"]
        lines += _table(_LABEL_HEADER, _label_rows(summary.labels))
    for added in report.label_files:
        lines += [
            "",
            f"Labels added by {added.file} ({added.records_labelled} records of {added.lines} lines, "
            f"{added.errors} errors, {added.warnings} warnings; they train, never held out)",
        ]
        lines += _table(_LABEL_HEADER, _label_rows(added.labels))
    lines += ["", "Background families as written ('other' = none of the three, 'unknown' = not labelled)"]
    families = report.total.families
    lines += _table(
        ("families", "records"), [[k, families[k]] for k in sorted(families, key=lambda k: (-families[k], k))]
    )
    lines += ["", "Duplicates (one résumé several times; grouped so that they never straddle a split)"]
    by_kind = {k: [g for g in report.duplicates if g.kind == k] for k in ("exact", "near", "swap")}
    lines += _table(
        ("kind", "groups", "records", "across files"),
        [
            [kind, len(groups), sum(len(g.ids) for g in groups), sum(len(set(g.sources)) > 1 for g in groups)]
            for kind, groups in by_kind.items()
        ],
    )
    for group in report.duplicates[:15]:
        sim = f" (Jaccard ≥ {group.min_jaccard:.2f})" if group.min_jaccard is not None else ""
        lines.append(f"  {group.kind}{sim}: {', '.join(group.ids)}")
    if len(report.duplicates) > 15:
        lines.append(f"  … and {len(report.duplicates) - 15} more groups (see --json)")
    lines += ["", "PDFs not read cleanly (by code; 'suspicious' files keep their visible text)"]
    if report.unreadable:
        lines += _table(
            ("code", "records", "ids"),
            [
                [code, len(ids), ", ".join(ids[:6]) + (" …" if len(ids) > 6 else "")]
                for code, ids in sorted(report.unreadable.items())
            ],
        )
    else:
        lines.append("  none")
    if report.split is not None:
        split = report.split
        lines += [
            "",
            f"Split (test_size={split.test_size:g}, seed={split.seed}): {split.leakage.train} train, "
            f"{split.leakage.test} test, {split.groups} groups",
        ]
        lines += _table(
            ("label", "train pos", "train known", "train rate", "test pos", "test known", "test rate"),
            [
                [name, tr.positive, tr.known, tr.positive_rate, te.positive, te.known, te.positive_rate]
                for name, tr in split.train_labels.items()
                for te in [split.test_labels[name]]
            ],
        )
    for leak in [*report.leakage, *([report.split.leakage] if report.split is not None else [])]:
        status = "none" if leak.ok else f"{len(leak.leaks)} résumés on both sides"
        lines += ["", f"Leakage, {leak.name}: {status}"]
        for item in leak.leaks[:10]:
            lines.append(
                f"  {item.kind}: train {', '.join(item.train_ids)} / test {', '.join(item.test_ids)}"
            )
    errors = len(report.errors)
    lines += ["", f"Issues: {errors} errors, {len(report.issues) - errors} warnings"]
    by_code: dict[tuple[str, str], int] = {}
    for issue in report.issues:
        by_code[(issue.severity, issue.code)] = by_code.get((issue.severity, issue.code), 0) + 1
    if by_code:
        lines += _table(("severity", "code", "count"), [[s, c, n] for (s, c), n in sorted(by_code.items())])
    ordered = sorted(report.issues, key=lambda i: i.severity != "error")
    for issue in ordered[:max_issues]:
        lines.append(f"  {issue}")
    if len(ordered) > max_issues:
        lines.append(f"  … and {len(ordered) - max_issues} more (see --json)")
    return "\n".join(lines) + "\n"
