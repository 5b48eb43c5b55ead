"""Labelled résumés: the one record format used by training, evaluation and tests.

A labelled-résumé file is JSON lines, one object per résumé::

    {"id": "w1-001", "pdf": "w1-001.pdf", "background": ["web3"], "adaptable": 0,
     "high_potential": 1, "ambitious": null, "confidence": {"high_potential": 3}, "lang": "en"}

- ``id`` (required): a non-empty string, unique across every file loaded together.
- ``pdf``: a path relative to the JSONL file; when present, the PDF is the input and its
  text is read by the project's parser (exactly as in serving). ``text``: the résumé as text;
  the input when there is no ``pdf``, otherwise kept as the author's reference. At least one.
- ``background``: a list of families (``tradfi``, ``web2``, ``web3``; ``[]`` = none of them).
  ``adaptable``, ``high_potential``, ``ambitious``: ``0`` or ``1``. ``null`` or a missing key
  means *unknown*, which is not negative (see the labelling guide).
- ``confidence`` (optional): the annotator's 1 (unsure) to 3 (clear) per label, keyed
  ``background`` (or one family) and the AHA names. Under *strict confidence* (the default)
  a 1 given at confidence < 2 is not a confident positive and counts as unknown; a 0 keeps
  its value whatever its confidence, and a label without a confidence is taken as written.
- ``swap_of`` (optional): the id of the record this one is a counterfactual variant of (a
  name or identity swap); the two always land on the same side of a split.
- Any other key (``category``, ``lang``, ``demographics``, ``evidence``…) is kept in
  ``extras``, never used as a feature.
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError

from screening.lexicons import FAMILIES
from training.data_report import DuplicateGroup, Issue, LabelCounts, SourceSummary, ValidationReport
from training.duplicates import UnionFind, near_duplicate_pairs, text_hash
from training.text_source import ParsedPdfSource, PdfText, TextSource

logger = logging.getLogger(__name__)

Binary = Literal[0, 1]
AHA_LABELS: tuple[str, ...] = ("adaptable", "high_potential", "ambitious")
#: Every label a record can carry: the background families, then the AHA signals.
LABELS: tuple[str, ...] = (*FAMILIES, *AHA_LABELS)
#: Under strict confidence, a 1 counts only at this confidence or above.
STRICT_MIN_CONFIDENCE = 2
CONFIDENCE_KEYS: tuple[str, ...] = ("background", *LABELS)
#: Keys with a meaning in the format; every other key is kept in ``extras``.
KNOWN_KEYS = frozenset({"id", "pdf", "text", "background", *AHA_LABELS, "confidence", "swap_of"})


def label_field(key: str) -> str:
    """The record field that holds label or confidence key ``key`` (a family's is ``background``)."""
    return "background" if key in FAMILIES else key


def _check_binary(value: object) -> object:
    """An AHA label as written: 0, 1 or null (unknown); raises ``ValueError`` otherwise."""
    # JSON true/false and 1.0 would pass a plain Literal[0, 1]: labels are the integers 0 and 1.
    if value is None or (type(value) is int and value in (0, 1)):
        return value
    raise ValueError(f"must be 0, 1 or null (got {json.dumps(value)})")


def _check_background(value: object) -> object:
    """A ``background`` value as written: a list of distinct families, or null (unknown).

    Returns the families in their canonical order; raises ``ValueError`` otherwise."""
    if value is None:
        return None
    if not isinstance(value, list):
        raise ValueError(f"must be a list of families or null (got {json.dumps(value)})")
    for item in value:
        if item not in FAMILIES:
            raise ValueError(
                f"unknown background family {json.dumps(item)} (expected {', '.join(FAMILIES)}; "
                "[] for none of them)"
            )
    if len(set(value)) != len(value):
        raise ValueError("a family is listed twice")
    return tuple(f for f in FAMILIES if f in value)


def _check_confidence(value: object) -> object:
    """A ``confidence`` value as written: label -> 1, 2 or 3, or null; raises ``ValueError``."""
    if value is None:
        return None
    if not isinstance(value, dict):
        raise ValueError("must be an object of label -> 1, 2 or 3")
    for key, level in value.items():
        if key not in CONFIDENCE_KEYS:
            raise ValueError(f"unknown key {json.dumps(key)} (expected {', '.join(CONFIDENCE_KEYS)})")
        if type(level) is not int or not 1 <= level <= 3:
            raise ValueError(f"{key}: must be 1, 2 or 3 (got {json.dumps(level)})")
    return value


#: The label fields as written, validated alike wherever labels are read (records, label files).
BinaryLabel = Annotated[Binary | None, BeforeValidator(_check_binary)]
Background = Annotated[tuple[str, ...] | None, BeforeValidator(_check_background)]
Confidence = Annotated[dict[str, int] | None, BeforeValidator(_check_confidence)]


class LabelledResume(BaseModel):
    """One labelled résumé as written in its file, plus where it came from and its input text.

    The label fields hold the values as written; :meth:`label` and :attr:`labels` give the
    values to train and evaluate on (strict confidence applied when the record was loaded so).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(min_length=1)
    pdf: str | None = Field(None, min_length=1, description="path relative to the JSONL file")
    text: str | None = None
    background: Background = None
    adaptable: BinaryLabel = None
    high_potential: BinaryLabel = None
    ambitious: BinaryLabel = None
    confidence: Confidence = None
    swap_of: str | None = None
    extras: dict[str, Any] = Field(default_factory=dict)
    source_file: Path = Field(description="the JSONL file, absolute")
    line: int = Field(0, description="1-based line in source_file")
    pdf_path: Path | None = Field(None, description="the PDF, absolute")
    strict_confidence: bool = True
    input_text: str | None = Field(None, description="what the models read: the parsed PDF, else text")
    text_hash: str | None = Field(None, description="SHA-256 of the normalised input text")
    pdf_sha256: str | None = None
    read_problem: str | None = Field(None, description="why the PDF was not read cleanly (a code)")
    added_labels: dict[str, str] = Field(
        default_factory=dict,
        description="label field (background or an AHA name) -> the label file that gave it; "
        "such labels train but are never held out (see training.label_files)",
    )

    def raw_label(self, name: str) -> Binary | None:
        """The label ``name`` (a family or an AHA signal) as written, before strict confidence."""
        if name in FAMILIES:
            if self.background is None:
                return None
            return 1 if name in self.background else 0
        if name in AHA_LABELS:
            value: Binary | None = getattr(self, name)
            return value
        raise KeyError(name)

    def label_confidence(self, name: str) -> int | None:
        """The annotator's confidence in label ``name`` (a family falls back to ``background``)."""
        if self.confidence is None:
            return None
        if name in FAMILIES:
            return self.confidence.get(name, self.confidence.get("background"))
        return self.confidence.get(name)

    def is_low_confidence_positive(self, name: str) -> bool:
        """Whether ``name`` is a 1 given at confidence < 2."""
        conf = self.label_confidence(name)
        return self.raw_label(name) == 1 and conf is not None and conf < STRICT_MIN_CONFIDENCE

    def label(self, name: str) -> Binary | None:
        """The label ``name`` to train and evaluate on: 0, 1 or ``None`` (unknown).

        Raises:
            KeyError: ``name`` is not one of :data:`LABELS`.
        """
        if self.strict_confidence and self.is_low_confidence_positive(name):
            return None
        return self.raw_label(name)

    @property
    def labels(self) -> dict[str, Binary | None]:
        """Every label to train and evaluate on, by name (see :meth:`label`)."""
        return {name: self.label(name) for name in LABELS}

    def own(self) -> LabelledResume:
        """The record with only its own file's labels: those a label file added are unknown
        again, without their confidence and quotes (what a held-out record is evaluated on)."""
        if not self.added_labels:
            return self
        added = self.added_labels
        confidence = {k: v for k, v in (self.confidence or {}).items() if label_field(k) not in added}
        extras = dict(self.extras)
        if isinstance(extras.get("evidence"), dict):
            extras["evidence"] = {k: v for k, v in extras["evidence"].items() if label_field(k) not in added}
        return self.model_copy(
            update={
                **dict.fromkeys(added),
                "confidence": confidence or None,
                "extras": extras,
                "added_labels": {},
            }
        )

    def to_json(self) -> dict[str, Any]:
        """The record in the file format (``pdf`` as written, relative to its file)."""
        out: dict[str, Any] = {"id": self.id}
        for key in ("pdf", "text"):
            if getattr(self, key) is not None:
                out[key] = getattr(self, key)
        out["background"] = list(self.background) if self.background is not None else None
        for name in AHA_LABELS:
            out[name] = getattr(self, name)
        if self.confidence is not None:
            out["confidence"] = self.confidence
        if self.swap_of is not None:
            out["swap_of"] = self.swap_of
        out.update(self.extras)
        return out


@dataclass(frozen=True)
class Duplicates:
    """Records that are one résumé, and the split group of every record.

    Attributes:
        exact: ids sharing a normalised-text hash (or the same PDF file), groups of 2+.
        near: ids joined by confirmed near-duplicate pairs (Jaccard ≥ 0.85 on word 5-gram
            shingles) beyond exact copies, with the lowest pair similarity.
        swap: ids joined by ``swap_of`` links.
        group_of: record id -> group key (the smallest id of its connected group).
    """

    exact: list[list[str]] = field(default_factory=list)
    near: list[tuple[list[str], float]] = field(default_factory=list)
    swap: list[list[str]] = field(default_factory=list)
    group_of: dict[str, str] = field(default_factory=dict)


def find_duplicates(records: Sequence[LabelledResume]) -> Duplicates:
    """Exact duplicates, near-duplicates and ``swap_of`` pairs among ``records``; their groups.

    Records with the same normalised input text, or the same PDF bytes when the text is
    unavailable, are exact duplicates. Groups are the connected components of all three
    relations, so a résumé, its copies, its near-copies and its name swaps form one group.
    """
    ids = [r.id for r in records]
    uf: UnionFind[str] = UnionFind(ids)
    known = set(ids)
    by_key: dict[str, list[str]] = {}
    for r in records:
        key = r.text_hash or (f"pdf:{r.pdf_sha256}" if r.pdf_sha256 else None)
        if key is not None:
            by_key.setdefault(key, []).append(r.id)
    exact = [sorted(members) for members in by_key.values() if len(members) > 1]
    for members in exact:
        for other in members[1:]:
            uf.union(members[0], other)

    near_uf: UnionFind[str] = UnionFind()
    lowest: dict[tuple[str, str], float] = {}
    for pair in near_duplicate_pairs([r.input_text for r in records]):
        a, b = ids[pair.a], ids[pair.b]
        near_uf.union(a, b)
        uf.union(a, b)
        lowest[(a, b)] = pair.jaccard
    hash_of = {r.id: r.text_hash for r in records}
    near: list[tuple[list[str], float]] = []
    for members in near_uf.groups():
        member_set = set(members)
        sims = [s for (a, b), s in lowest.items() if a in member_set]
        # The LSH saw one copy of each exact duplicate: list the other copies in the group too.
        full = {m for x in members for m in by_key.get(hash_of[x] or "", [x])}
        near.append((sorted(full | member_set), min(sims)))

    swap_uf: UnionFind[str] = UnionFind()
    for r in records:
        if r.swap_of is not None and r.swap_of in known:
            swap_uf.union(r.swap_of, r.id)
            uf.union(r.swap_of, r.id)
    swap = [sorted(m) for m in swap_uf.groups() if len(m) > 1]

    group_of: dict[str, str] = {}
    for members in uf.groups():
        key = min(members)
        for m in members:
            group_of[m] = key
    return Duplicates(exact=sorted(exact), near=sorted(near), swap=sorted(swap), group_of=group_of)


@dataclass(frozen=True)
class Dataset:
    """Validated labelled résumés with their validation report and duplicate groups."""

    records: tuple[LabelledResume, ...]
    report: ValidationReport
    duplicates: Duplicates

    def __len__(self) -> int:
        return len(self.records)

    @property
    def readable(self) -> tuple[LabelledResume, ...]:
        """The records with a usable input text (what training and evaluation can use)."""
        return tuple(r for r in self.records if r.input_text is not None)

    def by_id(self) -> dict[str, LabelledResume]:
        """Records by id."""
        return {r.id: r for r in self.records}


def _error_code(field_name: str, message: str) -> str:
    if field_name in AHA_LABELS:
        return "bad_label"
    if field_name == "background":
        return "unknown_family" if "unknown background family" in message else "bad_label"
    if field_name == "confidence":
        return "bad_confidence"
    return "schema"


def validation_issues(exc: ValidationError, source: str, line: int, rid: str | None) -> list[Issue]:
    issues = []
    for err in exc.errors(include_url=False):
        field_name = ".".join(str(p) for p in err["loc"]) or "record"
        message = str(err["msg"]).removeprefix("Value error, ")
        issues.append(
            Issue(
                severity="error",
                code=_error_code(str(err["loc"][0]) if err["loc"] else "", message),
                source=source,
                line=line,
                record_id=rid,
                message=f"{field_name}: {message}",
            )
        )
    return issues


def _parse_line(
    obj: dict[str, Any], source: str, path: Path, line: int, strict_confidence: bool
) -> tuple[LabelledResume | None, list[Issue]]:
    def error(code: str, message: str, rid: str | None = None) -> tuple[None, list[Issue]]:
        return None, [
            Issue(severity="error", code=code, source=source, line=line, record_id=rid, message=message)
        ]

    rid = obj.get("id") if isinstance(obj.get("id"), str) else None
    if "id" not in obj:
        return error("schema", "id: missing")
    known = {k: v for k, v in obj.items() if k in KNOWN_KEYS}
    extras = {k: v for k, v in obj.items() if k not in KNOWN_KEYS}
    pdf = known.get("pdf")
    pdf_path = (path.parent / pdf).resolve() if isinstance(pdf, str) and pdf else None
    try:
        record = LabelledResume.model_validate(
            {
                **known,
                "extras": extras,
                "source_file": path.resolve(),
                "line": line,
                "pdf_path": pdf_path,
                "strict_confidence": strict_confidence,
            }
        )
    except ValidationError as exc:
        return None, validation_issues(exc, source, line, rid)
    if record.pdf is None:
        if record.text is None:
            return error("no_input", "neither pdf nor text: nothing to read", record.id)
        if not record.text.strip():
            return error("empty_text", "text is empty and there is no pdf", record.id)
    elif pdf_path is None or not pdf_path.is_file():
        return error("missing_pdf", f"pdf file not found: {record.pdf}", record.id)
    return record, []


def _read_file(
    path: Path, strict_confidence: bool, summary: SourceSummary, issues: list[Issue]
) -> list[LabelledResume]:
    records = []
    for n, obj in json_lines(path, issues):
        summary.lines += 1
        if obj is None:
            continue
        record, found = _parse_line(obj, str(path), path, n, strict_confidence)
        issues.extend(found)
        if record is not None:
            records.append(record)
    return records


def json_lines(path: Path, issues: list[Issue]) -> Iterator[tuple[int, dict[str, Any] | None]]:
    """Each non-blank line of the JSON-lines file ``path``, numbered from 1, as its object, or
    ``None`` when it is not one (an ``invalid_json`` or ``not_an_object`` error in ``issues``);
    a file that cannot be read is an ``unreadable_file`` error and yields nothing."""
    source = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "not UTF-8"
        issues.append(
            Issue(severity="error", code="unreadable_file", source=source, message=f"cannot read ({reason})")
        )
        return
    for n, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            obj = json.loads(raw)
        except json.JSONDecodeError as exc:
            message = f"not valid JSON ({exc.msg} at column {exc.colno})"
            issues.append(
                Issue(severity="error", code="invalid_json", source=source, line=n, message=message)
            )
            yield n, None
            continue
        if not isinstance(obj, dict):
            message = f"a line must be a JSON object, not {type(obj).__name__}"
            issues.append(
                Issue(severity="error", code="not_an_object", source=source, line=n, message=message)
            )
            yield n, None
            continue
        yield n, obj


def load_records(
    paths: Path | str | Iterable[Path | str],
    *,
    labels: Iterable[Path | str] = (),
    strict_confidence: bool = True,
    text_source: TextSource | None = None,
) -> Dataset:
    """Load and validate labelled-résumé JSONL files; read every input text.

    Every line is checked and every problem collected (nothing stops at the first): invalid
    JSON, schema errors, label values other than 0/1/null, unknown families, bad confidences,
    a missing PDF file, neither ``pdf`` nor ``text``, duplicate ids (errors: the record is
    left out); PDFs that cannot be read or hold no usable text, ``swap_of`` to an unknown id
    (warnings: the record is kept, without input text when its PDF is unusable). Exact and
    near-duplicate texts and ``swap_of`` links are grouped and reported.

    Args:
        paths: one or more JSONL files.
        labels: label files that add labels to these records by id
            (:mod:`training.label_files`; added labels train and are never held out).
        strict_confidence: count a 1 given at confidence < 2 as unknown (the default; the
            labelling guide's "strict" labels). ``False`` keeps the labels as written.
        text_source: reads the PDFs; by default the project parser in worker processes with
            the on-disk cache (:class:`~training.text_source.ParsedPdfSource`).

    Returns:
        The dataset: valid records in file order, the report and the duplicate groups.
    """
    path_list = [Path(paths)] if isinstance(paths, str | Path) else [Path(p) for p in paths]
    issues: list[Issue] = []
    summaries: list[SourceSummary] = []
    records: list[LabelledResume] = []
    first_seen: dict[str, LabelledResume] = {}
    for path in path_list:
        summary = SourceSummary(file=str(path))
        summaries.append(summary)
        for record in _read_file(path, strict_confidence, summary, issues):
            if record.id in first_seen:
                prior = first_seen[record.id]
                issues.append(
                    Issue(
                        severity="error",
                        code="duplicate_id",
                        source=str(path),
                        line=record.line,
                        record_id=record.id,
                        message=f"id already used at {prior.source_file.name}:{prior.line}; left out",
                    )
                )
                continue
            first_seen[record.id] = record
            records.append(record)

    from training.label_files import apply_label_files  # label files build on this module

    records, added = apply_label_files(records, [Path(p) for p in labels], issues)
    records = _read_texts(records, text_source, issues, path_list)
    for r in records:
        if r.swap_of is not None and r.swap_of not in first_seen:
            issues.append(
                Issue(
                    severity="warning",
                    code="unknown_swap_of",
                    source=_source_of(r, path_list),
                    line=r.line,
                    record_id=r.id,
                    message=f"swap_of names an id not loaded: {r.swap_of}",
                )
            )
    duplicates = find_duplicates(records)
    report = _build_report(records, issues, summaries, duplicates, strict_confidence, path_list)
    report.label_files = added
    from training.splits import check_declared_splits  # splits builds on this module

    report.leakage = check_declared_splits(records)
    logger.info(
        "loaded labelled résumés",
        extra={"records": len(records), "errors": len(report.errors), "files": len(path_list)},
    )
    return Dataset(records=tuple(records), report=report, duplicates=duplicates)


def _source_of(record: LabelledResume, paths: list[Path]) -> str:
    for p in paths:
        if p.resolve() == record.source_file:
            return str(p)
    return str(record.source_file)


def _read_texts(
    records: list[LabelledResume], text_source: TextSource | None, issues: list[Issue], paths: list[Path]
) -> list[LabelledResume]:
    pdf_records = [r for r in records if r.pdf_path is not None]
    read: dict[str, PdfText] = {}
    if pdf_records:
        source = text_source if text_source is not None else ParsedPdfSource()
        texts = source.read([r.pdf_path for r in pdf_records if r.pdf_path is not None])
        read = {r.id: t for r, t in zip(pdf_records, texts, strict=True)}
    out = []
    for r in records:
        if r.pdf_path is None:
            text = r.text
            out.append(r.model_copy(update={"input_text": text, "text_hash": text_hash(text or "")}))
            continue
        got = read[r.id]
        if got.problem is not None:
            kept = " (visible text kept)" if got.text is not None else ""
            issues.append(
                Issue(
                    severity="warning",
                    code="unreadable_pdf",
                    source=_source_of(r, paths),
                    line=r.line,
                    record_id=r.id,
                    message=f"{r.pdf}: {got.problem}: {got.message}{kept}",
                    detail=got.problem,
                )
            )
        update = {
            "input_text": got.text,
            "text_hash": text_hash(got.text) if got.text is not None else None,
            "pdf_sha256": got.sha256,
            "read_problem": got.problem,
        }
        out.append(r.model_copy(update=update))
    return out


def count_labels(
    records: Iterable[LabelledResume], counted: Callable[[LabelledResume, str], bool] | None = None
) -> dict[str, LabelCounts]:
    """Positives, negatives and unknowns per label (as the records say to train on); with
    ``counted``, only the (record, label) pairs it accepts."""
    counts = {name: LabelCounts() for name in LABELS}
    for r in records:
        for name in LABELS:
            if counted is not None and not counted(r, name):
                continue
            c = counts[name]
            value = r.label(name)
            if value == 1:
                c.positive += 1
            elif value == 0:
                c.negative += 1
            else:
                c.unknown += 1
            if r.is_low_confidence_positive(name):
                c.low_confidence_positive += 1
    return counts


def family_combination(record: LabelledResume) -> str:
    """The background as written: ``tradfi+web2``, ``other`` (none) or ``unknown`` (null)."""
    if record.background is None:
        return "unknown"
    return "+".join(record.background) or "other"


def _fill_summary(summary: SourceSummary, records: Sequence[LabelledResume]) -> None:
    # A file's own labels: what label files add is summarised apart (ValidationReport.label_files).
    records = [r.own() for r in records]
    summary.records = len(records)
    summary.pdf_records = sum(r.pdf is not None for r in records)
    summary.text_only_records = summary.records - summary.pdf_records
    summary.readable = sum(r.input_text is not None for r in records)
    summary.unlabelled = sum(all(v is None for v in r.labels.values()) for r in records)
    summary.labels = count_labels(records)
    summary.families = dict(Counter(family_combination(r) for r in records).most_common())


def _build_report(
    records: list[LabelledResume],
    issues: list[Issue],
    summaries: list[SourceSummary],
    duplicates: Duplicates,
    strict_confidence: bool,
    paths: list[Path],
) -> ValidationReport:
    for summary, path in zip(summaries, paths, strict=True):
        resolved = path.resolve()
        _fill_summary(summary, [r for r in records if r.source_file == resolved])
        summary.errors = sum(i.severity == "error" and i.source == summary.file for i in issues)
        summary.warnings = sum(i.severity == "warning" and i.source == summary.file for i in issues)
    total = SourceSummary(file="all")
    _fill_summary(total, records)
    total.lines = sum(s.lines for s in summaries)
    total.errors = sum(s.errors for s in summaries)
    total.warnings = sum(s.warnings for s in summaries)

    source_of = {r.id: _source_of(r, paths) for r in records}
    groups: list[DuplicateGroup] = []
    for ids in duplicates.exact:
        groups.append(DuplicateGroup(kind="exact", ids=ids, sources=sorted({source_of[i] for i in ids})))
    for ids, sim in duplicates.near:
        groups.append(
            DuplicateGroup(kind="near", ids=ids, sources=sorted({source_of[i] for i in ids}), min_jaccard=sim)
        )
    for ids in duplicates.swap:
        groups.append(DuplicateGroup(kind="swap", ids=ids, sources=sorted({source_of[i] for i in ids})))
    unreadable: dict[str, list[str]] = {}
    for r in records:
        if r.read_problem is not None:
            unreadable.setdefault(r.read_problem, []).append(r.id)
    issues.sort(key=lambda i: (i.source, i.line or 0))
    return ValidationReport(
        strict_confidence=strict_confidence,
        sources=summaries,
        total=total,
        issues=issues,
        duplicates=groups,
        unreadable=unreadable,
    )
