"""Positioned text runs -> lines in reading order.

Runs on one baseline are merged into *segments* (split where the horizontal gap is
wide), segments on one baseline form a *line*. A page is then read top to bottom,
except in *column regions*: a maximal band of lines that a vertical gutter (a strip no
segment crosses) divides, with at least two lines on each side. A column region is
read left side first, then right side, each side recursively (a sidebar can hold a
two-column list). Two exceptions keep tables in row order: when nearly every line on
one side has a partner on the same baseline on the other (a grid of label/value
lines), and when the left side is made of blocks each starting level with a block on
the right (a table whose rows hold several lines, e.g. dates | job).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from screening.parsing.pdf import PageContent, TextRun

#: Gap between runs (in font sizes) above which a line is split into segments.
SEGMENT_GAP = 0.9
#: Gap between runs (in font sizes) above which a space is inserted.
SPACE_GAP = 0.15
_DATE_HINT = re.compile(r"(?:19|20)\d\d")
#: Narrowest gutter (points) that separates columns.
MIN_GUTTER = 7.0


#: Horizontal rules of a page: ``(y, x0, x1)``.
Rules = Sequence[tuple[float, float, float]]


@dataclass(slots=True)
class Segment:
    """Adjacent runs on one baseline."""

    text: str
    x0: float
    x1: float
    y: float
    size: float
    bold: bool


@dataclass(slots=True)
class Line:
    """Segments sharing a baseline, left to right."""

    segments: list[Segment]
    y: float
    size: float
    page: int = 0
    gap_before: float = 0.0

    @property
    def x0(self) -> float:
        return self.segments[0].x0

    @property
    def x1(self) -> float:
        return self.segments[-1].x1

    @property
    def text(self) -> str:
        return "\t".join(s.text for s in self.segments)

    @property
    def bold(self) -> bool:
        return all(s.bold for s in self.segments)


@dataclass(slots=True)
class _Region:
    first: int
    last: int
    gutter: tuple[float, float]
    table_rows: list[int] | None = field(default=None)


def _merge_runs(runs: list[TextRun]) -> list[Segment]:
    """Merge the runs of one baseline (sorted by x) into segments."""
    segments: list[Segment] = []
    parts: list[str] = []
    cur: Segment | None = None
    last_text = ""
    for run in runs:
        if cur is not None:
            gap = run.x0 - cur.x1
            size = max(cur.size, run.size, 1.0)
            if gap <= SEGMENT_GAP * size:
                # Fake bold: the same glyphs drawn again a hair to the right.
                if run.text == last_text and run.x0 < cur.x1 - 0.3 * size and run.x1 <= cur.x1 + 0.3 * size:
                    continue
                if gap > SPACE_GAP * size and parts and not parts[-1].endswith(" ") and run.text[:1] != " ":
                    parts.append(" ")
                parts.append(run.text)
                last_text = run.text
                cur.x1 = max(cur.x1, run.x1)
                cur.size = max(cur.size, run.size)
                cur.bold = cur.bold and run.bold
                continue
            cur.text = "".join(parts)
            segments.append(cur)
        cur = Segment("", run.x0, run.x1, run.y, run.size, run.bold)
        parts = [run.text]
        last_text = run.text
    if cur is not None:
        cur.text = "".join(parts)
        segments.append(cur)
    return [s for s in segments if s.text.strip()]


def build_lines(page: PageContent) -> list[Line]:
    """Group a page's upright runs into lines, top to bottom."""
    runs = [r for r in page.runs if r.upright]
    runs.sort(key=lambda r: -r.y)
    lines: list[Line] = []
    group: list[TextRun] = []
    base = 0.0
    for run in runs:
        if group and abs(run.y - base) > max(1.0, 0.3 * min(run.size, group[0].size)):
            lines.extend(_line_from(group))
            group = []
        if not group:
            base = run.y
        group.append(run)
    if group:
        lines.extend(_line_from(group))
    # Rotated text (a vertical sidebar label) keeps its own line at its position.
    for run in page.runs:
        if not run.upright and run.text.strip():
            lines.append(
                Line([Segment(run.text, run.x0, run.x1, run.y, run.size, run.bold)], run.y, run.size)
            )
    lines.sort(key=lambda ln: -ln.y)
    for ln in lines:
        ln.page = page.number
    return lines


def _line_from(group: list[TextRun]) -> list[Line]:
    group.sort(key=lambda r: r.x0)
    segments = _merge_runs(group)
    if not segments:
        return []
    y = max(group, key=lambda r: len(r.text)).y
    return [Line(segments, y, max(s.size for s in segments))]


def _free(line: Line, gx0: float, gx1: float) -> tuple[float, float] | None:
    """Shrink the gutter ``[gx0, gx1]`` to the part no segment of ``line`` covers."""
    for s in line.segments:
        if s.x1 <= gx0 or s.x0 >= gx1:
            continue
        if s.x0 <= gx0 and s.x1 >= gx1:
            return None
        # The segment covers one end of the interval: keep the larger free part.
        left = (gx0, s.x0) if s.x0 > gx0 else None
        right = (s.x1, gx1) if s.x1 < gx1 else None
        best = max((p for p in (left, right) if p), key=lambda p: p[1] - p[0], default=None)
        if best is None:
            return None
        gx0, gx1 = best
    if gx1 - gx0 < MIN_GUTTER:
        return None
    return gx0, gx1


def _sides(line: Line, gx0: float, gx1: float) -> tuple[bool, bool]:
    mid = (gx0 + gx1) / 2
    return any(s.x1 <= mid for s in line.segments), any(s.x0 >= mid for s in line.segments)


def _candidates(lines: Sequence[Line], taken: list[bool]) -> list[tuple[int, tuple[float, float]]]:
    """Seeds for gutters: gaps inside a line, and left edges that several lines share."""
    seeds: list[tuple[int, tuple[float, float]]] = []
    edges: dict[int, list[int]] = {}
    page_left = min(ln.x0 for ln in lines)
    for i, line in enumerate(lines):
        if taken[i]:
            continue
        for left, right in zip(line.segments, line.segments[1:], strict=False):
            if right.x0 - left.x1 >= MIN_GUTTER:
                seeds.append((i, (left.x1, right.x0)))
        for seg in line.segments:
            if seg.x0 > page_left + 3 * MIN_GUTTER:
                edges.setdefault(round(seg.x0), []).append(i)
    for x, idxs in edges.items():
        if len(idxs) >= 3:
            seeds.append((idxs[0], (x - 4 * MIN_GUTTER, x - 0.5)))
    return seeds


#: One-sided lines at the top or bottom of a region that are left out of it (a section
#: heading above or below a table is not part of its left column).
MAX_LOOSE_ENDS = 2


def _trim(lines: Sequence[Line], first: int, last: int, g: tuple[float, float]) -> tuple[int, int]:
    """Leave out of a region the one-sided lines beyond the other side's extent.

    At the top, up to ``MAX_LOOSE_ENDS`` lines (a section heading above a table). At the
    bottom, left-only lines when the left side is the sparse one (the sections after a
    table whose left cells hold dates); a long left sidebar keeps its tail, and so does the
    right side (a table row's bullets run on below its left cell).
    """
    sides = [_sides(lines[k], *g) for k in range(first, last + 1)]
    lefts = [k for k, (has_l, _) in enumerate(sides) if has_l]
    rights = [k for k, (_, has_r) in enumerate(sides) if has_r]
    if not lefts or not rights:
        return first, last
    head = max(lefts[0], rights[0])
    tail_start = min(lefts[-1], rights[-1]) + 1
    tail = len(sides) - tail_start
    if 0 < head <= MAX_LOOSE_ENDS:
        first += head
    if tail > 0 and lefts[-1] > rights[-1]:
        zone_left = sum(1 for k in lefts if k < tail_start)
        zone_right = sum(1 for k in rights if k < tail_start)
        if zone_left <= 0.5 * zone_right:
            last -= tail
    return first, last


def _ruled(
    rules: Sequence[tuple[float, float, float]], upper: Line, lower: Line, g: tuple[float, float]
) -> bool:
    """A horizontal rule drawn between two lines across the whole gutter (a section or table-row
    border): a column region does not grow across it."""
    return any(lower.y < y < upper.y and x0 <= g[0] and x1 >= g[1] for y, x0, x1 in rules)


def _find_region(
    lines: Sequence[Line], taken: list[bool], rules: Sequence[tuple[float, float, float]] = ()
) -> _Region | None:
    """The column region covering the most lines, or None."""
    best: _Region | None = None
    best_size = 0
    grown: list[tuple[float, float, int, int]] = []  # gutters already grown, and their extent
    for i, seed in _candidates(lines, taken):
        g = _free(lines[i], *seed)
        if g is None:
            continue
        # A seed inside a region already grown from an overlapping gutter gives that region again.
        if any(a <= g[1] and g[0] <= b and lo <= i <= hi for a, b, lo, hi in grown):
            continue
        first = last = i
        # Grow upwards and downwards while the gutter stays open.
        j = i - 1
        while j >= 0 and not taken[j]:
            shrunk = _free(lines[j], *g)
            if shrunk is None or _ruled(rules, lines[j], lines[j + 1], shrunk):
                break
            g = shrunk
            first = j
            j -= 1
        j = i + 1
        while j < len(lines) and not taken[j]:
            shrunk = _free(lines[j], *g)
            if shrunk is None or _ruled(rules, lines[j - 1], lines[j], shrunk):
                break
            g = shrunk
            last = j
            j += 1
        grown.append((g[0], g[1], first, last))
        if last - first + 1 <= best_size or last == first:
            continue
        first, last = _trim(lines, first, last, g)
        n_left = n_right = 0
        for k in range(first, last + 1):
            has_l, has_r = _sides(lines[k], *g)
            n_left += has_l
            n_right += has_r
        if n_left >= 2 and n_right >= 2 and last - first + 1 > best_size:
            best = _Region(first, last, g)
            best_size = last - first + 1
    return best


def _split(line: Line, mid: float) -> tuple[Line | None, Line | None]:
    left = [s for s in line.segments if s.x1 <= mid]
    right = [s for s in line.segments if s.x0 >= mid]
    return _line_of(left, line), _line_of(right, line)


def _line_of(segments: list[Segment], like: Line) -> Line | None:
    return Line(segments, like.y, max(s.size for s in segments), like.page) if segments else None


def _aligned(a: float, others: Sequence[float], tol: float = 2.0) -> bool:
    return any(abs(a - b) <= tol for b in others)


def _block_starts(lines: Sequence[Line], smallest: bool = False) -> list[int]:
    """Indexes of lines that start a block (a vertical gap wider than the usual leading).

    The usual leading is the lower-quartile gap, or the smallest one for sparse sides.
    """
    if not lines:
        return []
    gaps = [lines[k - 1].y - lines[k].y for k in range(1, len(lines))]
    if not gaps:
        return [0]
    # The lower quartile, not the median: in a table's left column the gaps between
    # cells can outnumber the gaps inside them.
    usual = min(gaps) if smallest else sorted(gaps)[len(gaps) // 4]
    starts = [0]
    for k, gap in enumerate(gaps, start=1):
        if gap > usual * 1.35 + 0.5:
            starts.append(k)
    return starts


def _order_region(lines: Sequence[Line], region: _Region, rules: Rules = ()) -> list[Line]:
    mid = (region.gutter[0] + region.gutter[1]) / 2
    lefts: list[Line] = []
    rights: list[Line] = []
    for line in lines[region.first : region.last + 1]:
        left, right = _split(line, mid)
        if left:
            lefts.append(left)
        if right:
            rights.append(right)
    left_ys = [ln.y for ln in lefts]
    right_ys = [ln.y for ln in rights]
    # A grid of label/value lines: keep it row by row.
    if sum(_aligned(y, right_ys) for y in left_ys) >= 0.9 * len(left_ys) and sum(
        _aligned(y, left_ys) for y in right_ys
    ) >= 0.9 * len(right_ys):
        return list(lines[region.first : region.last + 1])
    # A sparse side level with lines of the other side: annotations such as right-aligned
    # dates and places beside job titles. Keep them in row (top-to-bottom) order.
    # A right side of nothing but short date and place lines annotates the left side.
    if (
        rights
        and all(len(ln.text.split()) <= 5 for ln in rights)
        and sum(1 for ln in rights if _DATE_HINT.search(ln.text)) >= 0.3 * len(rights)
    ):
        return list(lines[region.first : region.last + 1])
    small_is_left = len(lefts) <= len(rights)
    small, big = (lefts, right_ys) if small_is_left else (rights, left_ys)
    n_region = region.last - region.first + 1
    aligned = sum(_aligned(ln.y, big) for ln in small)
    dated = sum(1 for ln in small if _DATE_HINT.search(ln.text))
    share = len(small) / n_region
    if small and (
        (share <= 0.35 and aligned >= 0.9 * len(small)) or (share <= 0.5 and dated >= 0.4 * len(small))
    ):
        if small_is_left:  # a table whose left cells (dates, place) head each row
            right_starts_y = [rights[k].y for k in _block_starts(rights)]
            starts = set(_block_starts(lefts, smallest=True))
            starts |= {k for k, ln in enumerate(lefts) if _aligned(ln.y, right_starts_y)}
            return _rows_by_left_blocks(lefts, rights, [lefts[k].y for k in sorted(starts)], rules)
        return list(lines[region.first : region.last + 1])
    # A table whose rows hold blocks: left blocks start level with right blocks.
    left_starts = [lefts[k].y for k in _block_starts(lefts)]
    right_starts = [rights[k].y for k in _block_starts(rights)]
    if len(left_starts) >= 2 and sum(_aligned(y, right_starts) for y in left_starts) >= 0.75 * len(
        left_starts
    ):
        return _rows_by_left_blocks(lefts, rights, left_starts, rules)
    return order_lines(lefts, rules) + order_lines(rights, rules)


def _rows_by_left_blocks(
    lefts: Sequence[Line], rights: Sequence[Line], left_starts: Sequence[float], rules: Rules = ()
) -> list[Line]:
    """Table rows, each read left cell first: a row runs from one left block to the next."""
    out: list[Line] = []
    bounds = [*left_starts[1:], float("-inf")]
    top = float("inf")
    for bound in bounds:
        out.extend(order_lines([ln for ln in lefts if bound + 2.0 < ln.y <= top + 2.0], rules))
        out.extend(order_lines([ln for ln in rights if bound + 2.0 < ln.y <= top + 2.0], rules))
        top = bound
    return out


def order_lines(lines: Sequence[Line], rules: Rules = ()) -> list[Line]:
    """Return ``lines`` (top to bottom) in reading order, columns resolved.

    ``rules`` are the page's horizontal rules ``(y, x0, x1)``; no column region crosses one.
    """
    if len(lines) < 4:
        return list(lines)
    taken = [False] * len(lines)
    regions: list[_Region] = []
    while True:
        region = _find_region(lines, taken, rules)
        if region is None:
            break
        regions.append(region)
        for k in range(region.first, region.last + 1):
            taken[k] = True
    if not regions:
        return list(lines)
    by_first = {r.first: r for r in regions}
    out: list[Line] = []
    i = 0
    while i < len(lines):
        region = by_first.get(i)
        if region is None:
            out.append(lines[i])
            i += 1
        else:
            out.extend(_order_region(lines, region, rules))
            i = region.last + 1
    return out


def page_lines(page: PageContent) -> list[Line]:
    """The page's lines in reading order, with the vertical gap before each."""
    ordered = order_lines(build_lines(page), page.rules)
    prev: Line | None = None
    for line in ordered:
        line.gap_before = (prev.y - line.y) if prev is not None and prev.y > line.y else 0.0
        prev = line
    return ordered
