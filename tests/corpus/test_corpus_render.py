"""Rendering synthetic résumés to PDF, and the ground truth that comes with them."""

from __future__ import annotations

import dataclasses
import io
import json
import random
import re
from typing import Any, Literal

import pypdf
import pytest

from training.corpus import render
from training.corpus.render import LAYOUTS, SECTION_NAMES, RenderedResume, render_resume
from training.corpus.sample import sample_resume

_TRUTH_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2]))?$")
_SHIPPED_FONTS = re.compile(
    r"^(Helvetica|Times|Courier|BitstreamVeraSans|STSong-Light)"  # standard 14, reportlab's Vera, CID
)


def _render(seed: int, lang: str, layout: str | None) -> RenderedResume:
    rng = random.Random(seed)
    return render_resume(sample_resume(rng, lang), rng, layout)


def _text(pdf: bytes) -> str:
    return "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_render_is_deterministic_for_a_seed() -> None:
    for layout in LAYOUTS:
        assert _render(5, "en", layout).pdf == _render(5, "en", layout).pdf
    assert _render(5, "zh", None).pdf == _render(5, "zh", None).pdf
    assert _render(5, "en", "one_column").pdf != _render(6, "en", "one_column").pdf


@pytest.mark.parametrize("layout", LAYOUTS)
def test_every_layout_renders_within_three_pages(layout: str) -> None:
    for seed in range(6):
        for lang in ("en", "zh"):
            rendered = _render(seed, lang, layout)
            pages = len(pypdf.PdfReader(io.BytesIO(rendered.pdf)).pages)
            assert 1 <= pages <= 3
            assert rendered.truth["pages"] == pages
            assert rendered.layout == rendered.truth["layout"] == layout


def test_overlong_resume_is_kept_within_three_pages() -> None:
    resume = sample_resume(random.Random(3))
    long_bullet = (
        "Delivered a multi-year programme across many teams and countries with measurable results. " * 3
    )
    position = dataclasses.replace(resume.positions[0], bullets=(long_bullet,) * 6)
    resume = dataclasses.replace(resume, positions=(position,) * 6)
    rendered = render_resume(resume, random.Random(0), "two_column")
    assert rendered.truth["pages"] <= 3


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_truth_strings_appear_in_pdf_text(layout: str, lang: str) -> None:
    for seed in range(3):
        rendered = _render(seed, lang, layout)
        text = _squash(_text(rendered.pdf))
        truth = rendered.truth
        expected = [truth["name"], truth["email"], truth["phone"], *truth["skills"]]
        expected += [section["heading"] for section in truth["sections"]]
        for position in truth["positions"]:
            expected += [position["title"], position["employer"]]
            expected += [v for v in (position["location"], position["dates_text"]) if v]
        for string in expected:
            assert _squash(string) in text, string


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_truth_dates_are_normalised_and_match_the_printed_dates(lang: str) -> None:
    for seed in range(40):
        truth = _render(seed, lang, LAYOUTS[seed % 4]).truth
        for position in truth["positions"]:
            start, end, printed = position["start_date"], position["end_date"], position["dates_text"]
            assert start is None or _TRUTH_DATE.match(start)
            assert end is None or end == "present" or _TRUTH_DATE.match(end)
            assert (printed is None) == (start is None and end is None)
            for value in (start, end):
                if value and value != "present":
                    assert value[:4] in printed


def test_truth_is_json_serialisable_with_canonical_section_names() -> None:
    for seed in range(8):
        rendered = _render(seed, "zh" if seed % 3 == 0 else "en", LAYOUTS[seed % 4])
        truth = json.loads(json.dumps(rendered.truth))
        assert truth["lang"] in ("en", "zh")
        assert truth["font"] == rendered.font
        assert {s["name"] for s in truth["sections"]} <= set(SECTION_NAMES)
        assert "experience" in {s["name"] for s in truth["sections"]}
        assert all(1 <= s["page"] <= truth["pages"] for s in truth["sections"])
        assert len(truth["positions"]) >= 1


def test_pdf_uses_only_fonts_shipped_with_reportlab() -> None:
    for seed in range(12):
        rendered = _render(seed, "zh" if seed % 4 == 0 else "en", None)
        for page in pypdf.PdfReader(io.BytesIO(rendered.pdf)).pages:
            resources: Any = page["/Resources"]
            fonts = resources["/Font"]
            for ref in fonts.values():
                base = str(ref.get_object()["/BaseFont"]).lstrip("/")
                assert _SHIPPED_FONTS.match(base.split("+")[-1]), base


def test_rendered_text_never_overlaps_or_leaves_the_margins() -> None:
    # Checked on the display list, where every string's box is known exactly.
    for seed in range(40):
        rng = random.Random(seed)
        lang: Literal["en", "zh"] = "zh" if seed % 5 == 0 else "en"
        resume = sample_resume(rng, lang)
        style = render._choose_style(rng, lang, LAYOUTS[seed % 4])
        doc, _ = render._layout(resume, style)
        width, height = style.pagesize
        for ops in doc.pages:
            boxes = []
            for op in ops:
                if op[0] == "t" and op[3].strip():
                    ts = op[4]
                    box = (op[1], op[2] - ts.size * 0.2, op[1] + render._w(op[3], ts), op[2] + ts.size * 0.75)
                    assert box[0] >= style.margin_x - 8, op[3]
                    assert box[2] <= width - style.margin_x + 8, op[3]
                    assert box[1] >= style.margin_bottom - 1, op[3]
                    assert box[3] <= height - style.margin_top + 10, op[3]
                    boxes.append(box)
            boxes.sort(key=lambda b: b[1])
            for i, a in enumerate(boxes):
                for b in boxes[i + 1 :]:
                    if b[1] >= a[3] - 0.5:
                        break
                    overlap = a[0] < b[2] - 0.5 and b[0] < a[2] - 0.5
                    assert not overlap, (seed, a, b)


def test_unknown_layout_is_rejected() -> None:
    with pytest.raises(ValueError, match="unknown layout"):
        render_resume(sample_resume(random.Random(0)), random.Random(0), "three_column")
