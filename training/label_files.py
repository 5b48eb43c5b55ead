"""Label files: labels for records of a labelled-résumé file, kept apart from it.

A label file adds labels to records that other files hold, by id, without copying or editing
those files: a second annotation pass over a dataset's unlabelled records, say. It is JSON
lines, one object per record::

    {"id": "10554236", "adaptable": 1, "high_potential": 0, "ambitious": null,
     "confidence": {"adaptable": 2, "high_potential": 3}, "annotator": "pass-2"}

- ``id`` (required): a record loaded from a ``--data`` file.
- ``background``, ``adaptable``, ``high_potential``, ``ambitious``, ``confidence``: as in a
  record (:mod:`training.dataset`); ``null`` or a missing key adds nothing.
- ``evidence`` (optional): label -> quotes, as in a record (the line scorers learn from them).
- Any other key (``annotator``, ``note``…) is ignored.

A label file fills only labels the record leaves unknown as written (``null`` or absent): a
record's own label always wins, even a 1 that strict confidence counts as unknown (a
different value in a label file is a ``label_conflict`` warning), and of two label files the
first given wins. For a label it fills, the label file's confidence replaces the record's and
its quotes are added when the record has none of its own; strict confidence applies to added
labels as to a record's own.

**Added labels train; they are never held out.** The train/test split is made on the records'
own labels, exactly as without label files, and a held-out record is evaluated on its own
labels only (:meth:`~training.dataset.LabelledResume.own`): adding a label file never
changes which records are held out nor what they are judged on, so runs with and without
it, and a challenger and its champion, are compared on the same held-out labels. The labels
a file adds to held-out records are unused.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from training.data_report import Issue, LabelCounts, LabelFileSummary
from training.dataset import (
    AHA_LABELS,
    Background,
    BinaryLabel,
    Confidence,
    LabelledResume,
    count_labels,
    json_lines,
    label_field,
    validation_issues,
)

#: The record fields a label file can fill.
LABEL_FIELDS: tuple[str, ...] = ("background", *AHA_LABELS)


class LabelLine(BaseModel):
    """One line of a label file (its labels validated as a record's are)."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    id: str = Field(min_length=1)
    background: Background = None
    adaptable: BinaryLabel = None
    high_potential: BinaryLabel = None
    ambitious: BinaryLabel = None
    confidence: Confidence = None
    evidence: dict[str, list[str]] | None = None


def read_label_file(path: Path, issues: list[Issue]) -> list[tuple[int, LabelLine]]:
    """The valid lines of one label file with their line numbers; problems go to ``issues``
    (errors, each leaving its line out: ``unreadable_file``, ``invalid_json``,
    ``not_an_object``, ``schema``, ``bad_label``, ``unknown_family``, ``bad_confidence``,
    ``duplicate_id``; and the warning ``no_labels`` for a line that gives no label, a
    misspelt key say)."""
    source = str(path)
    out: list[tuple[int, LabelLine]] = []
    seen: dict[str, int] = {}
    for n, obj in json_lines(path, issues):
        if obj is None:
            continue
        rid = obj.get("id") if isinstance(obj.get("id"), str) else None
        try:
            line = LabelLine.model_validate(obj)
        except ValidationError as exc:
            issues.extend(validation_issues(exc, source, n, rid))
            continue
        if line.id in seen:
            issues.append(
                Issue(severity="error", code="duplicate_id", source=source, line=n, record_id=line.id,
                      message=f"id already labelled at line {seen[line.id]} of this file; left out")
            )  # fmt: skip
            continue
        seen[line.id] = n
        if all(getattr(line, name) is None for name in LABEL_FIELDS):
            issues.append(
                Issue(severity="warning", code="no_labels", source=source, line=n, record_id=line.id,
                      message=f"gives none of {', '.join(LABEL_FIELDS)}; line unused")
            )  # fmt: skip
            continue
        out.append((n, line))
    return out


def apply_label_files(
    records: Sequence[LabelledResume], paths: Sequence[Path], issues: list[Issue]
) -> tuple[list[LabelledResume], list[LabelFileSummary]]:
    """``records`` with the labels of the label files ``paths`` added (see the module's rules).

    Problems go to ``issues``: the errors of :func:`read_label_file`, and warnings that keep
    the rest of the line: ``unknown_label_id`` (no loaded record has the id) and
    ``label_conflict`` (the record, or an earlier label file, already gives another value).

    Returns:
        The records, in order, and a summary per label file.
    """
    out = list(records)
    at = {r.id: k for k, r in enumerate(out)}
    summaries: list[LabelFileSummary] = []
    for path in paths:
        summary = LabelFileSummary(file=str(path))
        summaries.append(summary)
        lines = read_label_file(path, issues)
        summary.lines = len(lines)
        labelled: set[str] = set()
        for n, line in lines:
            k = at.get(line.id)
            if k is None:
                issues.append(
                    Issue(severity="warning", code="unknown_label_id", source=str(path), line=n,
                          record_id=line.id, message="no loaded record has this id; line unused")
                )  # fmt: skip
                continue
            updated = _add(out[k], line, path, n, issues)
            if updated is not out[k]:
                labelled.add(line.id)
                out[k] = updated
        summary.records_labelled = len(labelled)
        summary.errors = sum(i.severity == "error" and i.source == str(path) for i in issues)
        summary.warnings = sum(i.severity == "warning" and i.source == str(path) for i in issues)
        summary.labels = _added_counts([out[at[i]] for i in sorted(labelled)], path)
    return out, summaries


def _add(record: LabelledResume, line: LabelLine, path: Path, n: int, issues: list[Issue]) -> LabelledResume:
    update: dict[str, Any] = {}
    for name in LABEL_FIELDS:
        value = getattr(line, name)
        if value is None:
            continue
        current = getattr(record, name)
        if current is None:
            update[name] = value
        elif current != value:
            whose = "an earlier label file's" if name in record.added_labels else "the record's own"
            issues.append(
                Issue(severity="warning", code="label_conflict", source=str(path), line=n, record_id=line.id,
                      message=f"{name}: kept {whose} {_shown(current)}, not {_shown(value)}")
            )  # fmt: skip
    if not update:
        return record
    confidence = {k: v for k, v in (record.confidence or {}).items() if label_field(k) not in update}
    confidence.update({k: v for k, v in (line.confidence or {}).items() if label_field(k) in update})
    extras = dict(record.extras)
    own_evidence = extras.get("evidence")
    evidence = dict(own_evidence) if isinstance(own_evidence, dict) else {}
    for key, quotes in (line.evidence or {}).items():
        if label_field(key) in update and key not in evidence:
            evidence[key] = list(quotes)
    if evidence:
        extras["evidence"] = evidence
    return record.model_copy(
        update={
            **update,
            "confidence": confidence or None,
            "extras": extras,
            "added_labels": {**record.added_labels, **dict.fromkeys(update, str(path))},
        }
    )


def _shown(value: object) -> str:
    return json.dumps(list(value) if isinstance(value, tuple) else value)


def _added_counts(records: Sequence[LabelledResume], path: Path) -> dict[str, LabelCounts]:
    """Per label, the positives and negatives that ``path`` added (strict confidence applied)."""
    return count_labels(records, lambda r, name: r.added_labels.get(label_field(name)) == str(path))
