"""The HTML form of a candidate's explanation (``Accept: text/html``): escaped, no scripts."""

from __future__ import annotations

from html import escape
from typing import Any

LABEL_TITLES = {
    "tradfi": "Traditional finance background",
    "web2": "Web2 background",
    "web3": "Web3 background",
    "adaptable": "Adaptable",
    "high_potential": "High potential",
    "ambitious": "Ambitious",
}


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def explanation_html(data: dict[str, Any]) -> str:
    """Render :func:`screening.api.service.explanation` as a small standalone page."""
    role = data["role"]
    parts = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        "<title>Screening explanation</title></head><body>",
        f"<h1>Why this résumé was ranked as it was for {_e(role['title'] or role['id'])}</h1>",
        "<p><strong>This is advice to a recruiter. A person decides.</strong></p>",
        f"<h2>What was assessed</h2><p>{_e(data['assessed'])}</p>",
    ]
    fit = data["fit"]
    if fit is None:
        parts.append(f"<h2>Not scored</h2><p>{_e(data['not_scored_because'] or 'not scored')}</p>")
    else:
        parts.append(f"<h2>Fit for the role: {fit['score']:.2f}</h2><ul>")
        parts.extend(
            f"<li>{_e(c['name'])}: {c['value']:.2f} × weight {c['weight']:.2f} = {c['contribution']:.2f}</li>"
            for c in fit["components"]
        )
        parts.append("</ul>")
        met = ", ".join(fit["must_have_met"]) or "none"
        missing = ", ".join(fit["must_have_missing"]) or "none"
        parts.append(f"<p>Must-have skills found: {_e(met)}. Not found: {_e(missing)}.</p>")
    if data["labels"]:
        parts.append("<h2>Main elements</h2>")
        for name, label in data["labels"].items():
            verdict = "yes" if label["predicted"] else "no"
            parts.append(
                f"<h3>{_e(LABEL_TITLES.get(name, name))}: {verdict} "
                f"(probability {label['probability']:.2f})</h3><ul>"
            )
            parts.extend(
                f"<li>“{_e(ev['text'])}” (page {_e(ev['page'])}, "
                f"{'for' if ev['weight'] > 0 else 'against'})</li>"
                for ev in label["evidence"]
            )
            parts.append("</ul>")
    versions = data["model_versions"] or {}
    parts.append("<h2>Versions</h2><ul>")
    parts.extend(f"<li>{_e(k)}: {_e(v)}</li>" for k, v in versions.items())
    parts.append("</ul>")
    parts.append(f"<h2>How to contest</h2><p>{_e(data['how_to_contest'])}</p>")
    parts.append(
        f"<p>Screening {_e(data['screening_id'])}, candidate {_e(data['candidate_id'])}.</p></body></html>"
    )
    return "\n".join(parts)
