"""Deterministic sets of rendered synthetic résumés for parser evaluation and training."""

from __future__ import annotations

import random
from collections.abc import Iterator

from training.corpus.render import LAYOUTS, RenderedResume, render_resume
from training.corpus.sample import sample_resume

# Indices (mod 40) rendered in Chinese: 6 of 40 = 15 %, spread over all four layouts.
_ZH_SLOTS = frozenset({1, 6, 15, 20, 27, 36})


def fixture_id(seed: int, index: int) -> str:
    """Return the id of the ``index``-th résumé of the set generated with ``seed``."""
    return f"syn-{seed}-{index:05d}"


def render_fixture(seed: int, index: int) -> tuple[str, RenderedResume]:
    """Render the ``index``-th résumé of the set for ``seed``, independently of the others.

    Args:
        seed: the set's seed.
        index: position in the set (0-based); layouts cycle through :data:`LAYOUTS`.

    Returns:
        ``(id, rendered résumé)``; the same arguments always give byte-identical PDFs.
    """
    rng = random.Random(f"aha-corpus:{seed}:{index}")
    lang = "zh" if index % 40 in _ZH_SLOTS else "en"
    resume = sample_resume(rng, lang)
    return fixture_id(seed, index), render_resume(resume, rng, LAYOUTS[index % len(LAYOUTS)])


def generate_fixtures(n: int, seed: int) -> Iterator[tuple[str, RenderedResume]]:
    """Yield ``n`` rendered résumés, deterministic per ``seed``.

    Args:
        n: how many résumés.
        seed: any integer; the same seed gives the same ids and byte-identical PDFs.

    Returns:
        An iterator of ``(id, rendered résumé)`` covering all four layouts in turn, about 15 %
        Chinese, and a mix of fonts.
    """
    for index in range(n):
        yield render_fixture(seed, index)
