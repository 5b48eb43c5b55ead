"""Where a labelled résumé's input text comes from: its PDF, parsed by the project's parser.

The text the models see for a record with a ``pdf`` is the parser's text, exactly as in
serving, so training and serving cannot drift. Parsing the real sets takes minutes (LiveCareer
PDFs are slow to read), so successful parses are cached on disk by the PDF's SHA-256 under a
folder named for a fingerprint of the parser (version and code) and its reference data: a
parser or reference-data change starts a fresh cache instead of serving stale parses. Failures are
never cached (a timeout or a limit may not recur).
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import logging
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from screening.lexicons import load_gazetteer, load_headings, load_position_words, load_taxonomy
from screening.parsing.isolation import ParserPool
from screening.parsing.model import PARSER_VERSION, ParsedResume, ParseFailure
from screening.settings import Settings

logger = logging.getLogger(__name__)

#: The default cache folder: ``.cache/parsed/`` in the source checkout (ignored by git).
DEFAULT_CACHE_DIR = Path(__file__).resolve().parent.parent / ".cache" / "parsed"

#: Parse qualities whose text must not be used (the design: never score empty or garbled text).
UNUSABLE_QUALITIES = frozenset({"needs_ocr", "garbled"})


@dataclass(frozen=True, slots=True)
class PdfText:
    """The outcome of reading one PDF for its text.

    Attributes:
        text: the parsed text, or ``None`` when the file could not be read or its text is
            unusable (no text layer, garbled, empty).
        sha256: SHA-256 of the file's bytes (``None`` only when the file could not be read).
        problem: ``None`` when the text is clean; else a stable code: a parse error code
            (``not_pdf``, ``encrypted``, ``too_large``, ``too_many_pages``, ``timeout``,
            ``malformed``), ``unreadable_file`` (I/O error), ``empty`` (no text), or a non-ok
            quality (``needs_ocr``, ``garbled``, ``suspicious``; a suspicious file keeps its
            visible text, its hidden text is already left out by the parser).
        message: a human explanation of ``problem`` (never résumé text).
    """

    text: str | None
    sha256: str | None
    problem: str | None = None
    message: str = ""


class TextSource(Protocol):
    """Reads the input text of PDFs (one :class:`PdfText` per path, in order)."""

    def read(self, pdfs: Sequence[Path]) -> list[PdfText]:
        """Read every PDF in ``pdfs``."""
        ...


def resources_fingerprint(settings: Settings) -> str:
    """A short digest of everything that determines a parse besides the PDF.

    The parser version, the source of :mod:`screening.parsing` (a parser change that forgot to
    bump the version still invalidates the cache), the versions of the reference data the
    parser reads (taxonomy, gazetteer, headings, position words) and the spaCy model.
    """
    import screening.parsing

    h = hashlib.sha256(f"{PARSER_VERSION}\0{settings.spacy_model or ''}\0".encode())
    data_dir = Path(settings.data_dir)
    for version in (
        load_taxonomy(data_dir).version,
        load_gazetteer(data_dir).version,
        load_headings(data_dir).version,
        load_position_words(data_dir).version,
    ):
        h.update(version.encode() + b"\0")
    package = Path(screening.parsing.__file__).parent
    for path in sorted(package.rglob("*.py")):
        h.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()[:16]


class ParseCache:
    """Parsed résumés on disk, ``<root>/<fingerprint>/<sha[:2]>/<sha>.json.gz``."""

    def __init__(self, root: Path, fingerprint: str) -> None:
        self.dir = Path(root) / fingerprint

    def _path(self, sha256: str) -> Path:
        return self.dir / sha256[:2] / f"{sha256}.json.gz"

    def get(self, sha256: str) -> ParsedResume | None:
        """The cached parse of the file with this SHA-256, or ``None``."""
        path = self._path(sha256)
        try:
            return ParsedResume.model_validate_json(gzip.decompress(path.read_bytes()))
        except FileNotFoundError:
            return None
        except (OSError, ValueError):  # a torn or stale entry: parse again
            logger.warning("ignoring an unreadable cache entry", extra={"sha256": sha256})
            return None

    def put(self, parsed: ParsedResume) -> None:
        """Store a successful parse (atomically: readers never see a partial file)."""
        path = self._path(parsed.sha256)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(gzip.compress(parsed.model_dump_json().encode("utf-8"), compresslevel=6))
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise


def pdf_text_of(outcome: ParsedResume | ParseFailure) -> PdfText:
    """The :class:`PdfText` of a parse outcome (see :class:`PdfText` for the problem codes)."""
    if isinstance(outcome, ParseFailure):
        return PdfText(None, outcome.sha256, outcome.error.code, outcome.error.message)
    if outcome.quality in UNUSABLE_QUALITIES:
        reasons = "; ".join(outcome.quality_reasons) or outcome.quality
        return PdfText(None, outcome.sha256, outcome.quality, reasons)
    if not outcome.text.strip():
        return PdfText(None, outcome.sha256, "empty", "the PDF holds no text")
    if outcome.quality != "ok":
        reasons = "; ".join(outcome.quality_reasons) or outcome.quality
        return PdfText(outcome.text, outcome.sha256, outcome.quality, reasons)
    return PdfText(outcome.text, outcome.sha256)


class ParsedPdfSource:
    """A :class:`TextSource` that parses PDFs in an isolated :class:`ParserPool`, with a disk cache.

    The pool is started only when some file is not in the cache (a cached run starts no
    worker). ``parsed`` and ``cached`` count the files parsed and read from the cache.

    Args:
        settings: runtime settings (parse limits, ``data/``); default: the pool's, else ``Settings()``.
        workers: parser processes of a pool started here (default: ``settings.parse_workers``).
        cache_dir: the cache root, or ``None`` for no cache.
        pool: an existing pool to parse with (it is then not closed here).
    """

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        workers: int | None = None,
        cache_dir: Path | None = DEFAULT_CACHE_DIR,
        pool: ParserPool | None = None,
    ) -> None:
        self.settings = settings or (pool.settings if pool is not None else Settings())
        self.workers = workers
        self.pool = pool
        self.cache = (
            ParseCache(cache_dir, resources_fingerprint(self.settings)) if cache_dir is not None else None
        )
        self.parsed = 0
        self.cached = 0
        # Reads already made, by path: loading a dataset and featurising it read the same
        # PDFs, and the second read costs nothing (no file read, no cache decompression).
        self._seen: dict[Path, ParsedResume | PdfText] = {}

    def parsed_resume(self, sha256: str) -> ParsedResume | None:
        """The cached parse of a PDF read earlier (for featurisation), or ``None``."""
        return self.cache.get(sha256) if self.cache is not None else None

    def read(self, pdfs: Sequence[Path]) -> list[PdfText]:
        """Read every PDF: cached parses first, the rest on the parser pool.

        Args:
            pdfs: paths of PDF files (the same file may appear several times).

        Returns:
            One :class:`PdfText` per path, in order.
        """
        return [got if isinstance(got, PdfText) else pdf_text_of(got) for got in self.read_parsed(pdfs)]

    def read_parsed(self, pdfs: Sequence[Path]) -> list[ParsedResume | PdfText]:
        """Parse every PDF (cached parses first, the rest on the parser pool), keeping the parses.

        Args:
            pdfs: paths of PDF files (the same file may appear several times).

        Returns:
            One item per path, in order: the :class:`ParsedResume` (whatever its quality), or a
            :class:`PdfText` with the problem when the file could not be read or parsed.
        """
        results: dict[int, ParsedResume | PdfText] = {}
        todo: dict[str, tuple[bytes, list[int]]] = {}
        max_bytes = self.settings.parse.max_bytes
        for i, path in enumerate(pdfs):
            seen = self._seen.get(path)
            if seen is not None:
                results[i] = seen
                continue
            try:
                size = path.stat().st_size
                if size > max_bytes:
                    results[i] = PdfText(
                        None, None, "too_large", f"file is {size:,} bytes; the limit is {max_bytes:,}"
                    )
                    continue
                data = path.read_bytes()
            except OSError as exc:
                results[i] = PdfText(None, None, "unreadable_file", f"cannot read the file ({exc.strerror})")
                continue
            sha = hashlib.sha256(data).hexdigest()
            if sha in todo:
                todo[sha][1].append(i)
                continue
            cached = self.cache.get(sha) if self.cache is not None else None
            if cached is not None:
                self.cached += 1
                results[i] = cached
            else:
                todo[sha] = (data, [i])
        if todo:
            self._parse(todo, results, [pdfs[idx[0]] for _, idx in todo.values()])
        self._seen.update((path, results[i]) for i, path in enumerate(pdfs))
        return [results[i] for i in range(len(pdfs))]

    def _parse(
        self,
        todo: dict[str, tuple[bytes, list[int]]],
        results: dict[int, ParsedResume | PdfText],
        names: list[Path],
    ) -> None:
        logger.info("parsing PDFs", extra={"files": len(todo)})
        items = [(path.name, data) for path, (data, _) in zip(names, todo.values(), strict=True)]
        own = self.pool is None
        pool = self.pool if self.pool is not None else ParserPool(self.settings, workers=self.workers)
        try:
            for (_, indices), outcome in zip(todo.values(), pool.parse_many(items), strict=True):
                self.parsed += 1
                if isinstance(outcome, ParsedResume) and self.cache is not None:
                    self.cache.put(outcome)
                got = outcome if isinstance(outcome, ParsedResume) else pdf_text_of(outcome)
                for i in indices:
                    results[i] = got
        finally:
            if own:
                pool.close()
