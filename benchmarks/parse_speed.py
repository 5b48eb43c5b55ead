"""Parsing speed against raw pypdf text extraction on the same files, in the same run.

    python -m benchmarks.parse_speed FOLDER [--limit N] [--repeat R]

For every file (in one process, interleaved so that both see the same machine state):
``pypdf.PdfReader(...).pages[*].extract_text()`` versus our whole parse
(``screening.parsing.pipeline.parse_pdf``). Prints milliseconds per file, the ratio,
and where our time goes (open, content-stream interpretation, layout + normalisation,
spaCy matching, the rest).
"""

from __future__ import annotations

import argparse
import hashlib
import io
import statistics
import sys
import time
from pathlib import Path

import pypdf

from screening.parsing.pdf import open_pdf, read_document
from screening.parsing.pipeline import parse_document, parse_pdf
from screening.parsing.resources import load_resources
from screening.parsing.text import assemble_text
from screening.settings import Settings


def raw_pypdf(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--limit", type=int, default=300)
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args(argv)
    files = sorted(args.folder.rglob("*.pdf"))[: args.limit]
    if not files:
        print(f"no PDFs under {args.folder}", file=sys.stderr)
        return 2
    settings = Settings()
    resources = load_resources(settings.data_dir, settings.spacy_model)
    blobs = [f.read_bytes() for f in files]
    parse_pdf(blobs[0], resources)  # warm caches (spaCy vocab, fonts)
    raw_t: list[float] = []
    our_t: list[float] = []
    stages = {"open": 0.0, "interpret": 0.0, "layout+normalise": 0.0, "rest (nlp, sections, fields)": 0.0}
    for _ in range(args.repeat):
        for data in blobs:
            t0 = time.perf_counter()
            raw_pypdf(data)
            t1 = time.perf_counter()
            parse_pdf(data, resources)
            t2 = time.perf_counter()
            raw_t.append(t1 - t0)
            our_t.append(t2 - t1)
            # Stage breakdown on a separate pass (not counted in the ratio).
            s0 = time.perf_counter()
            reader = open_pdf(data, max_bytes=settings.parse.max_bytes, max_pages=settings.parse.max_pages)
            s1 = time.perf_counter()
            doc = read_document(reader)
            s2 = time.perf_counter()
            assemble_text(doc)
            s3 = time.perf_counter()
            parse_document(doc, hashlib.sha256(data).hexdigest(), resources)
            s4 = time.perf_counter()
            stages["open"] += s1 - s0
            stages["interpret"] += s2 - s1
            stages["layout+normalise"] += s3 - s2
            stages["rest (nlp, sections, fields)"] += (s4 - s3) - (s3 - s2)
    n = len(raw_t)
    raw_ms, our_ms = 1000 * sum(raw_t) / n, 1000 * sum(our_t) / n
    print(f"files: {len(files)} x {args.repeat} from {args.folder}")
    print(f"raw pypdf extract_text : {raw_ms:8.2f} ms/file (median {1000 * statistics.median(raw_t):.2f})")
    print(f"screening parse        : {our_ms:8.2f} ms/file (median {1000 * statistics.median(our_t):.2f})")
    print(f"ratio parse / raw      : {our_ms / raw_ms:8.3f}  (goal <= 1.15)")
    total = sum(stages.values())
    print("where our time goes:")
    for name, seconds in stages.items():
        print(f"  {name:<30} {1000 * seconds / n:8.2f} ms/file  {100 * seconds / total:5.1f} %")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
