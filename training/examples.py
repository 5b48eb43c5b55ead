"""Labelled records -> model inputs, label matrix and slice attributes, for training and evaluation.

A record with a ``pdf`` is read by the project's parser, exactly as in serving (through
:class:`~training.text_source.ParsedPdfSource` and its on-disk cache: only files not cached
are parsed, on the isolated parser pool); a record with only ``text`` is read by
:func:`screening.parsing.pipeline.parse_text`. Both then go through
:func:`screening.features.featurize` and :func:`screening.model.model_input`, the code that
serving runs. Records whose input cannot be read, or whose parse quality is not ``ok``,
are left out and listed in :attr:`Examples.skipped`.
"""

from __future__ import annotations

import importlib
import importlib.util
import multiprocessing
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, TypeVar, cast, overload

import numpy as np
import numpy.typing as npt

from screening.audit.proxy import proxy_marks
from screening.features import featurize
from screening.lexicons import Gazetteer, load_gazetteer
from screening.model import ModelInput, model_input
from screening.parsing.model import ParsedResume
from screening.parsing.pipeline import parse_text
from screening.parsing.resources import load_resources
from screening.settings import Settings
from training.dataset import LABELS, Dataset, LabelledResume
from training.text_source import ParsedPdfSource, PdfText

#: Extras keys copied into :attr:`Examples.extras` when a record has them (slices, fairness).
EXTRA_KEYS: tuple[str, ...] = ("lang", "layout", "demographics", "category", "evidence")

_T = TypeVar("_T")


@dataclass
class Examples:
    """Aligned model inputs, labels and attributes of the usable records, in dataset order.

    Attributes:
        ids: record ids.
        inputs: one :data:`~screening.model.ModelInput` per id.
        y: labels, shape ``(len(ids), len(labels))``: 1.0, 0.0, or ``nan`` for unknown (the
            training labels, strict confidence applied as the dataset was loaded).
        labels: the label names, the columns of ``y``.
        extras: per id: ``id``, ``source_file``, ``origin`` (``generated`` for the corpus
            generator's records, else ``real``), ``pdf`` (or ``None``), ``lang`` (the record's,
            else the parser's), and ``layout``, ``demographics``, ``category``, ``evidence``
            (label -> quotes) when the record has them.
        parsed: the parsed résumé per id (evidence, name-swap tests): a PDF's as read, a
            text's parsed again when asked for (:class:`ParsedResumes`).
        proxy_marks: per id, the positions of its proxy words among the tokens of its model
            text (:func:`screening.audit.proxy.proxy_marks`, for the bias audit's proxy
            check), found with the gazetteer of version ``proxy_gazetteer`` when the text was
            read; ``None`` (or a list too short) where not kept: :meth:`proxy_words` then
            finds them in ``parsed``.
        skipped: record id -> why it was left out (a parse error code such as ``not_pdf`` or
            ``unreadable_file``, or the parse quality: ``needs_ocr``, ``garbled``, ``suspicious``,
            or ``empty``).
    """

    ids: list[str] = field(default_factory=list)
    inputs: list[ModelInput] = field(default_factory=list)
    y: npt.NDArray[np.float64] = field(default_factory=lambda: np.zeros((0, 0)))
    labels: tuple[str, ...] = ()
    extras: list[dict[str, Any]] = field(default_factory=list)
    parsed: Sequence[ParsedResume] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)
    proxy_marks: list[tuple[int, ...] | None] = field(default_factory=list)
    proxy_gazetteer: str | None = None

    def __len__(self) -> int:
        return len(self.ids)

    def proxy_words(self, i: int, gazetteer: Gazetteer) -> tuple[int, ...]:
        """:func:`~screening.audit.proxy.proxy_marks` of example ``i`` with ``gazetteer``:
        as kept when its text was read, else from its parse."""
        kept = self.proxy_marks[i] if i < len(self.proxy_marks) else None
        if kept is not None and self.proxy_gazetteer == gazetteer.version:
            return kept
        return proxy_marks(self.parsed[i], gazetteer)


def label_matrix(records: Sequence[LabelledResume], labels: Sequence[str]) -> npt.NDArray[np.float64]:
    """The training labels of ``records`` as floats, ``nan`` where unknown.

    Raises:
        KeyError: a name in ``labels`` is not a label.
    """
    for name in labels:
        if name not in LABELS:
            raise KeyError(name)
    y = np.full((len(records), len(labels)), np.nan, dtype=np.float64)
    for i, record in enumerate(records):
        for j, name in enumerate(labels):
            value = record.label(name)
            if value is not None:
                y[i, j] = float(value)
    return y


class ParsedResumes(Sequence[ParsedResume]):
    """The parsed résumé of each example. A PDF's is kept as it was read; a text résumé's is
    parsed again from its text when asked for (parsing is deterministic: the same parse).

    The worker processes that parse and featurise text résumés do not send the parses back:
    unpickling 10,000 of them in the training process cost about a tenth of training on them,
    and training needs only a held-out sample's (the identity swaps) and their proxy words,
    which the workers send instead (:attr:`Examples.proxy_marks`). Reading every item parses
    every text résumé again, one at a time, and keeps the parses.
    """

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._items: list[ParsedResume | tuple[str, str]] = []
        self._again: dict[int, ParsedResume] = {}

    def append(self, item: ParsedResume | tuple[str, str]) -> None:
        """Add a parsed résumé, or the ``(text, file label)`` to parse when asked for."""
        self._items.append(item)

    def __len__(self) -> int:
        return len(self._items)

    @overload
    def __getitem__(self, index: int) -> ParsedResume: ...

    @overload
    def __getitem__(self, index: slice) -> list[ParsedResume]: ...

    def __getitem__(self, index: int | slice) -> ParsedResume | list[ParsedResume]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        item = self._items[index]
        if isinstance(item, ParsedResume):
            return item
        at = index % len(self._items)
        found = self._again.get(at)
        if found is None:
            found = self._again[at] = _parse(item, self._settings)[0]
        return found


def _extras(record: LabelledResume, lang: str | None) -> dict[str, Any]:
    out: dict[str, Any] = {"id": record.id, "source_file": str(record.source_file), "pdf": record.pdf}
    for key in EXTRA_KEYS:
        if key in record.extras:
            out[key] = record.extras[key]
    out.setdefault("lang", lang)
    # Generated or real: the slice the reference figures are reported on.
    out["origin"] = "generated" if record.extras.get("source") == "generated" else "real"
    return out


def _progress(items: Iterable[_T], enabled: bool, total: int, desc: str) -> Iterator[_T]:
    """``items``, with a ``tqdm`` bar on stderr when enabled and tqdm is installed."""
    if enabled and importlib.util.find_spec("tqdm") is not None:
        tqdm = importlib.import_module("tqdm").tqdm
        yield from cast(Iterable[_T], tqdm(items, total=total, desc=desc, leave=False))
    else:
        yield from items


#: Below this many texts, parsing in the calling process beats starting workers.
_PARALLEL_TEXTS = 400
_worker_settings: Settings | None = None


def _init_text_worker(settings: Settings) -> None:
    global _worker_settings  # noqa: PLW0603 - one per worker process
    _worker_settings = settings


def _in_worker(step: Callable[[tuple[str, str], Settings], _T], job: tuple[str, str]) -> _T:
    assert _worker_settings is not None
    return step(job, _worker_settings)


@dataclass(frozen=True, slots=True)
class TextReading:
    """What training keeps of a text résumé it parsed (in a worker process when there are
    many): its parse's quality, language and proxy words, and its model input; not the parse
    itself (see :class:`ParsedResumes`)."""

    lang: str
    proxy_marks: tuple[int, ...]
    model_input: ModelInput
    #: Why the résumé is left out (:func:`_skip_reason` of the parse), or None.
    skipped: str | None


def _parse(job: tuple[str, str], settings: Settings) -> tuple[ParsedResume, Gazetteer]:
    resources = load_resources(settings.data_dir, settings.spacy_model)
    return parse_text(job[0], resources, file=job[1]), resources.gazetteer


def _read_text(job: tuple[str, str], settings: Settings) -> TextReading:
    parsed, gazetteer = _parse(job, settings)
    features = featurize(parsed, gazetteer)
    return TextReading(
        lang=parsed.lang,
        proxy_marks=proxy_marks(parsed, gazetteer, features.text),
        model_input=model_input(features),
        skipped=_skip_reason(parsed),
    )


def _input_of(job: tuple[str, str], settings: Settings) -> ModelInput:
    return model_input(featurize(*_parse(job, settings)))


def _map_texts(
    step: Callable[[tuple[str, str], Settings], _T],
    jobs: Sequence[tuple[str, str]],
    settings: Settings,
    workers: int,
    chunksize: int,
) -> Iterator[_T]:
    """``step(job, settings)`` of each ``(text, file label)`` job, in order: in ``workers``
    processes when there are many.

    Text is not untrusted input the way a PDF is, so no isolation is needed, only speed.
    """
    if workers <= 1 or len(jobs) < _PARALLEL_TEXTS:
        for job in jobs:
            yield step(job, settings)
        return
    context = multiprocessing.get_context("spawn")  # no fork of a process holding threads
    with context.Pool(workers, initializer=_init_text_worker, initargs=(settings,)) as pool:
        yield from pool.imap(partial(_in_worker, step), jobs, chunksize=chunksize)


def _read_texts(jobs: Sequence[tuple[str, str]], settings: Settings, workers: int) -> Iterator[TextReading]:
    """The :class:`TextReading` of each ``(text, file label)`` job, in order."""
    return _map_texts(_read_text, jobs, settings, workers, chunksize=32)


def text_inputs(jobs: Sequence[tuple[str, str]], settings: Settings, workers: int) -> Iterator[ModelInput]:
    """The model input of each ``(text, file label)`` job, in order."""
    return _map_texts(_input_of, jobs, settings, workers, chunksize=64)


def _skip_reason(got: ParsedResume | PdfText | TextReading) -> str | None:
    if isinstance(got, TextReading):
        return got.skipped
    if isinstance(got, PdfText):
        return got.problem or "unreadable"
    if got.quality != "ok":
        return got.quality
    return "empty" if not got.text.strip() else None


def build_examples(
    dataset: Dataset,
    *,
    settings: Settings,
    labels: Sequence[str],
    workers: int = 2,
    progress: bool = False,
    source: ParsedPdfSource | None = None,
) -> Examples:
    """Parse and featurise every record of ``dataset``; align inputs, labels and attributes.

    Args:
        dataset: loaded records (see :func:`training.dataset.load_records`).
        settings: runtime settings (``data/``, spaCy model, parse limits).
        labels: the label names to return in ``y`` (families ``tradfi``, ``web2``, ``web3``
            and the AHA signals).
        workers: parser processes when PDFs must be parsed (ignored when ``source`` is given).
        progress: show a progress bar when ``tqdm`` is installed (nothing otherwise).
        source: where PDFs are read; default a :class:`ParsedPdfSource` with the default
            on-disk cache, so that the parses made when loading the dataset are reused.

    Returns:
        The examples, in dataset order, and the records left out with why.

    Raises:
        KeyError: a name in ``labels`` is not a label.
    """
    for name in labels:
        if name not in LABELS:
            raise KeyError(name)
    records = list(dataset.records)
    got: dict[str, ParsedResume | PdfText | TextReading] = {}
    pdf_records = [r for r in records if r.pdf_path is not None]
    if pdf_records:
        pdf_source = source if source is not None else ParsedPdfSource(settings, workers=workers)
        paths: list[Path] = [r.pdf_path for r in pdf_records if r.pdf_path is not None]
        got.update(zip((r.id for r in pdf_records), pdf_source.read_parsed(paths), strict=True))
    text_records = [r for r in records if r.pdf_path is None]
    for r in text_records:
        if r.text is None:
            got[r.id] = PdfText(None, None, "no_input", "neither pdf nor text")
    jobs = {r.id: (r.text, f"{r.source_file.name}:{r.line}") for r in text_records if r.text is not None}
    readings = _read_texts(list(jobs.values()), settings, workers)
    got.update(zip(jobs, _progress(readings, progress, len(jobs), "parsing texts"), strict=True))

    gazetteer = load_gazetteer(settings.data_dir)
    parsed = ParsedResumes(settings)
    out = Examples(labels=tuple(labels), parsed=parsed, proxy_gazetteer=gazetteer.version)
    kept: list[LabelledResume] = []
    for record in _progress(records, progress, len(records), "featurising"):
        outcome = got[record.id]
        reason = _skip_reason(outcome)
        if reason is not None or isinstance(outcome, PdfText):
            out.skipped[record.id] = reason or "unreadable"
            continue
        kept.append(record)
        out.ids.append(record.id)
        if isinstance(outcome, TextReading):
            x, marks = outcome.model_input, outcome.proxy_marks
            parsed.append(jobs[record.id])
        else:  # a PDF's proxy words are found from its parse if the audit needs them
            x, marks = model_input(featurize(outcome, gazetteer)), None
            parsed.append(outcome)
        out.inputs.append(x)
        out.extras.append(_extras(record, outcome.lang))
        out.proxy_marks.append(marks)
    out.y = label_matrix(kept, labels)
    return out
