"""The labelled corpus: one rendered résumé (PDF or plain text) and its index record per (seed, index).

Each résumé draws from independent random streams, seeded by name, so that one part can be
held fixed while another changes:

- ``career``: the trajectory and every fact the labels depend on;
- ``identity``: name, gender, naming tradition, nationality, contact details;
- ``lang``: English or Chinese;
- ``surface``: wording, names of employers and places, distractors;
- ``render``: layout details and fonts (or, as plain text, headings, date format and separators);
- ``noise``: which labels are flipped (recorded in the record's ``noise``).
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from typing import Any

from training.corpus.career import Career, sample_career
from training.corpus.catalogue import FAMILIES
from training.corpus.identity import Identity, IdentityGroup, sample_identity
from training.corpus.labels import AHA_LABELS, Labels, label_resume
from training.corpus.plain import resume_text
from training.corpus.render import LAYOUTS, render_resume
from training.corpus.resume import Lang
from training.corpus.wording import Worded, word_career

DEFAULT_NOISE = 0.03
DEFAULT_ZH_SHARE = 0.15
LABEL_NAMES = (*FAMILIES, *AHA_LABELS)
_EXAMPLE_ID = re.compile(r"gen-(-?\d+)-(\d{5,})")


def example_id(seed: int, index: int) -> str:
    """Return the id of the ``index``-th résumé of the corpus generated with ``seed``."""
    return f"gen-{seed}-{index:05d}"


def parse_example_id(rid: str) -> tuple[int, int] | None:
    """The ``(seed, index)`` that :func:`example_id` turned into ``rid``, or None for any other id."""
    match = _EXAMPLE_ID.fullmatch(rid)
    if match is None:
        return None
    seed, index = int(match.group(1)), int(match.group(2))
    return (seed, index) if example_id(seed, index) == rid else None


def stream(seed: int, index: int, name: str) -> random.Random:
    """Return the named random stream of one résumé (``career``, ``identity``, ``lang``...)."""
    return random.Random(f"aha-labelled:{seed}:{index}:{name}")


@dataclass(frozen=True, slots=True)
class Draft:
    """Everything about one résumé before rendering: facts, labels, identity and wording."""

    career: Career
    labels: Labels
    identity: Identity
    lang: Lang
    worded: Worded


def draft_example(
    seed: int,
    index: int,
    *,
    zh_share: float = DEFAULT_ZH_SHARE,
    identity_seed: int | None = None,
    group: IdentityGroup | None = None,
) -> Draft:
    """Sample the facts, labels, identity and wording of one résumé, without rendering it.

    Args:
        seed: the corpus seed.
        index: the résumé's position in the corpus.
        zh_share: probability that the résumé is written in Chinese.
        identity_seed: draw the identity from this seed's stream instead (for invariance tests).
        group: give the résumé an identity of this gender and name origin (see
            :func:`training.corpus.identity.group_identity`); the career, language, wording and
            labels are those drawn without it.

    Returns:
        A :class:`Draft`.

    Raises:
        ValueError: ``group`` is given and the résumé is in Chinese (draw with ``zh_share=0.0``).
    """
    career = sample_career(stream(seed, index, "career"))
    lang: Lang = "zh" if stream(seed, index, "lang").random() < zh_share else "en"
    who = stream(seed if identity_seed is None else identity_seed, index, "identity")
    identity = sample_identity(who, lang, group)
    worded = word_career(career, identity, lang, stream(seed, index, "surface"))
    return Draft(career, label_resume(career), identity, lang, worded)


def noisy_labels(labels: Labels, rng: random.Random, rate: float) -> tuple[dict[str, int], list[str]]:
    """Flip each of the six labels with probability ``rate``.

    Returns:
        The (possibly flipped) 0/1 value of each label name and the names that were flipped.
    """
    values = {name: labels.value(name) for name in LABEL_NAMES}
    flipped = [name for name in LABEL_NAMES if rng.random() < rate]
    for name in flipped:
        values[name] = 1 - values[name]
    return values, flipped


def evidence(draft: Draft, values: dict[str, int]) -> dict[str, list[str]]:
    """The printed strings stating the facts behind every positive label, without repeats."""
    out: dict[str, list[str]] = {}
    for name in LABEL_NAMES:
        if not values[name]:
            continue
        found: list[str] = []
        for reason in draft.labels.reasons.get(name, ()):
            for ref in reason.refs:
                found.extend(draft.worded.sentences.get(ref, ()))
        out[name] = list(dict.fromkeys(found))
    return out


def record(draft: Draft, rid: str, values: dict[str, int], flipped: list[str]) -> dict[str, Any]:
    """The index record of a drafted résumé (without the rendering fields)."""
    return {
        "id": rid,
        "pdf": f"pdfs/{rid}.pdf",
        "text": None,
        "background": [f for f in FAMILIES if values[f]],
        "adaptable": values["adaptable"],
        "high_potential": values["high_potential"],
        "ambitious": values["ambitious"],
        "evidence": evidence(draft, values),
        "demographics": draft.identity.demographics(),
        "noise": flipped,
        "source": "generated",
    }


def generate_example(
    seed: int, index: int, *, noise: float = DEFAULT_NOISE, zh_share: float = DEFAULT_ZH_SHARE
) -> tuple[dict[str, Any], bytes]:
    """Generate, label and render one résumé.

    Args:
        seed: the corpus seed.
        index: the résumé's position; layouts cycle through :data:`~training.corpus.render.LAYOUTS`.
        noise: the rate at which each label is flipped.
        zh_share: probability of a Chinese résumé.

    Returns:
        ``(index record, PDF bytes)``; the same arguments always give the same record and bytes.
    """
    draft = draft_example(seed, index, zh_share=zh_share)
    values, flipped = noisy_labels(draft.labels, stream(seed, index, "noise"), noise)
    rid = example_id(seed, index)
    rendered = render_resume(
        draft.worded.resume, stream(seed, index, "render"), LAYOUTS[index % len(LAYOUTS)]
    )
    out = record(draft, rid, values, flipped)
    out.update(layout=rendered.layout, lang=draft.lang, font=rendered.font, truth=rendered.truth)
    return out, rendered.pdf


def generate_text_example(
    seed: int,
    index: int,
    *,
    noise: float = DEFAULT_NOISE,
    zh_share: float = DEFAULT_ZH_SHARE,
    group: IdentityGroup | None = None,
) -> dict[str, Any]:
    """Generate and label one résumé as plain text (see :mod:`training.corpus.plain`), without a PDF.

    The résumé, labels, evidence, noise and demographics are those of :func:`generate_example`
    for the same arguments; only the presentation differs.

    Args:
        seed: the corpus seed.
        index: the résumé's position in the corpus.
        noise: the rate at which each label is flipped.
        zh_share: probability of a Chinese résumé.
        group: write the same résumé under an identity of this gender and name origin (see
            :func:`draft_example`); its ``demographics`` are then the group's.

    Returns:
        The index record, with ``"pdf": None``, the résumé in ``"text"`` and ``"layout": "text"``;
        the same arguments always give the same record.

    Raises:
        ValueError: ``group`` is given and the résumé is in Chinese (draw with ``zh_share=0.0``).
    """
    draft = draft_example(seed, index, zh_share=zh_share, group=group)
    values, flipped = noisy_labels(draft.labels, stream(seed, index, "noise"), noise)
    out = record(draft, example_id(seed, index), values, flipped)
    text = resume_text(draft.worded.resume, stream(seed, index, "render"))
    out.update(pdf=None, text=text, layout="text", lang=draft.lang)
    return out
