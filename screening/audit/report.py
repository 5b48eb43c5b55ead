"""An :class:`~screening.audit.stats.AuditReport` as Markdown, HTML or JSON.

The HTML page is self-contained (inline style, no script, no external resource) and every
value in it is escaped. JSON is the report's own schema (``AuditReport``), as the API
answers it.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Literal

from screening.audit.stats import AuditReport, CategoryTable, GroupRow

Format = Literal["md", "html", "json"]
FORMATS: tuple[Format, ...] = ("md", "html", "json")
MEDIA_TYPES: dict[Format, str] = {
    "md": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "json": "application/json",
}


def _num(value: float | None, digits: int = 3) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def _ci(value: float | None, ci: tuple[float, float] | None) -> str:
    if value is None:
        return "—"
    if ci is None:
        return _num(value)
    return f"{value:.3f} [{ci[0]:.3f}, {ci[1]:.3f}]"


def _p(value: float | None) -> str:
    if value is None:
        return "—"
    return "< 0.001" if value < 0.001 else f"{value:.3f}"


def _cells(row: GroupRow, reference: str | None, report: AuditReport) -> list[str]:
    ratio = "1.000 (reference)" if row.group == reference else _ci(row.impact_ratio, row.impact_ratio_ci)
    return [
        row.group,
        str(row.n),
        f"{row.share:.1%}",
        str(row.selected),
        _ci(row.rate, row.rate_ci),
        ratio,
        _p(row.p_value),
        f"small (< {report.small_share:.0%})" if row.small else "",
        f"**below {report.flag_below:.2f}**" if row.flag else "",
    ]


def _header(report: AuditReport) -> list[str]:
    rate = report.rate_name
    return ["group", "candidates", "share", "selected", f"{rate} [95 % CI]", "impact ratio [95 % CI]", "p"]


def _summary(table: CategoryTable, flag_below: float) -> str:
    flagged = ", ".join(table.flagged) if table.flagged else "none"
    return (
        f"Reference group: {table.reference_group or '—'}; lowest impact ratio (groups not small): "
        f"{_num(table.min_impact_ratio)}; flagged (below {flag_below:.2f}): {flagged}; "
        f"unknown: {table.unknown.n} of {table.total}."
    )


def _intro(report: AuditReport) -> list[str]:
    what = f"{report.rate_name} of {report.score}" if report.score else report.rate_name
    lines = [
        f"Basis: {report.basis} ({what}). Source: {report.source or '—'}.",
        f"Candidates audited: {report.candidates} ({report.selected} selected); found in the demographics: "
        f"{report.matched}; left out (no score or no decision): {report.excluded}.",
    ]
    if report.median is not None:
        lines.append(
            f"Median score of all audited candidates: {report.median:.6f} (selected: strictly above)."
        )
    lines.append(f"Model versions: {', '.join(report.versions) if report.versions else 'not recorded'}.")
    return lines


def _md_escape(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _md_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(_md_escape(c) for c in row) + " |" for row in rows]
    return out


def render_markdown(report: AuditReport, *, title: str | None = None, level: int = 2) -> str:
    """The report as Markdown: a section per category with its table, then the definitions.

    Args:
        report: the audit.
        title: the heading (default: "Bias audit: <rate> of <score>").
        level: the heading level of the title (category headings are one deeper).
    """
    h = "#" * level
    what = f"{report.rate_name} of {report.score}" if report.score else report.rate_name
    out = [f"{h} {title or f'Bias audit: {what}'}", "", *[f"{line}  " for line in _intro(report)], ""]
    header = [*_header(report), "small", "flag"]
    for table in report.categories:
        rows = [_cells(r, table.reference_group, report) for r in table.groups]
        unknown = table.unknown
        rows.append(["unknown", str(unknown.n), f"{unknown.n / table.total:.1%}" if table.total else "—",
                     str(unknown.selected), _num(unknown.rate), "—", "—", "", ""])  # fmt: skip
        out += [
            f"{h}# {table.category}",
            "",
            _summary(table, report.flag_below),
            "",
            *_md_table(header, rows),
            "",
        ]
    out += [f"{h}# Definitions", "", *[f"- {d}" for d in report.definitions], ""]
    return "\n".join(out)


_STYLE = (
    "body{font-family:system-ui,sans-serif;margin:2rem;color:#222;max-width:75rem}"
    "table{border-collapse:collapse;margin:.5rem 0 1.5rem}"
    "th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:right}"
    "th:first-child,td:first-child{text-align:left}"
    "tr.flag td{background:#fde2e2}tr.small td{color:#666;font-style:italic}"
    "tr.unknown td{color:#666}"
)


def render_html(report: AuditReport, *, title: str | None = None) -> str:
    """The report as one self-contained HTML page (inline style, no script, all values escaped)."""
    what = f"{report.rate_name} of {report.score}" if report.score else report.rate_name
    heading = escape(title or f"Bias audit: {what}")
    parts = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{heading}</title><style>{_STYLE}</style></head><body>",
        f"<h1>{heading}</h1>",
        *[f"<p>{escape(line)}</p>" for line in _intro(report)],
    ]
    header = [*_header(report), "small", "flag"]
    for table in report.categories:
        parts += [
            f"<h2>{escape(table.category)}</h2>",
            f"<p>{escape(_summary(table, report.flag_below))}</p>",
        ]
        parts.append(
            "<table><thead><tr>" + "".join(f"<th>{escape(h)}</th>" for h in header) + "</tr></thead><tbody>"
        )
        for row in table.groups:
            css = " ".join(c for c, on in (("flag", row.flag), ("small", row.small)) if on)
            cells = [c.replace("**", "") for c in _cells(row, table.reference_group, report)]
            attr = f' class="{css}"' if css else ""
            parts.append(f"<tr{attr}>" + "".join(f"<td>{escape(c)}</td>" for c in cells) + "</tr>")
        unknown = table.unknown
        cells = ["unknown", str(unknown.n), "", str(unknown.selected), _num(unknown.rate), "—", "—", "", ""]
        parts.append('<tr class="unknown">' + "".join(f"<td>{escape(c)}</td>" for c in cells) + "</tr>")
        parts.append("</tbody></table>")
    parts.append("<h2>Definitions</h2><ul>")
    parts += [f"<li>{escape(d)}</li>" for d in report.definitions]
    parts.append("</ul></body></html>")
    return "\n".join(parts) + "\n"


def render_json(report: AuditReport) -> str:
    """The report as indented JSON (the ``AuditReport`` schema)."""
    return report.model_dump_json(indent=2) + "\n"


def render(report: AuditReport, fmt: Format) -> str:
    """The report in ``fmt`` (``md``, ``html`` or ``json``)."""
    if fmt == "md":
        return render_markdown(report)
    if fmt == "html":
        return render_html(report)
    return render_json(report)
