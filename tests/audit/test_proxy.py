"""The proxy check: which words count as proxies, exact proxy contributions, the correlation ratio."""

from __future__ import annotations

import numpy as np
import pytest

from screening.audit import proxy
from screening.bundle import ScoringModels
from screening.features import featurize
from screening.model import model_input
from screening.parsing.pipeline import parse_text
from screening.parsing.resources import ParseResources
from training.corpus.generate import generate_text_example

RESUME = """Alex Morgan
Risk Analyst
alex@example.com

EXPERIENCE
Risk Analyst | DBS Bank | Singapore
2019 - Present
- Built credit models in Python or R for clients in the UK and in Malaysia; me, in Indiana.

EDUCATION
BSc Finance, National University of Singapore, 2015

LANGUAGES
Mandarin (native), English (fluent)
"""


def test_proxy_words_are_places_schools_and_languages(resources: ParseResources) -> None:
    grams = proxy.proxy_ngrams(parse_text(RESUME, resources), resources.gazetteer)
    # The position's location, a school, languages, and gazetteer names in the text.
    for gram in ("singapore", "national university", "mandarin", "english", "malaysia", "uk", "indiana"):
        assert gram in grams
    assert "in malaysia" in grams  # a bigram with a proxy token
    # Not proxies: ordinary words, the US state codes "IN"/"ME", "or", lower-case "uk"-like words,
    # and function words inside a school's name.
    for gram in ("credit", "python", "risk", "in", "or", "me", "of", "analyst", "dbs"):
        assert gram not in grams
    assert max(len(g.split()) for g in grams) == 2
    assert (
        max(len(g.split()) for g in proxy.proxy_ngrams(parse_text(RESUME, resources), resources.gazetteer, 1))
        == 1
    )


def test_proxy_contribution_is_the_exact_sum_of_explained_contributions(
    scoring_models: ScoringModels, resources: ParseResources
) -> None:
    records = [generate_text_example(51, i, noise=0.0, zh_share=0.2) for i in range(8)]
    parsed = [parse_text(r["text"], resources) for r in [*records, {"text": RESUME}]]
    inputs = [model_input(featurize(p, resources.gazetteer)) for p in parsed]
    grams = [proxy.proxy_ngrams(p, resources.gazetteer) for p in parsed]
    head = scoring_models.background.heads["tradfi"]
    logit, part, with_proxy = proxy.proxy_contributions(head, inputs, grams)
    assert with_proxy >= 1
    for i, x in enumerate(inputs):
        explained = head.explain(x, top=0)
        wanted = sum(
            c for name, c in explained.contributions.items()
            if (name.startswith("ngram:") and name.removeprefix("ngram:") in grams[i])
            or name.removeprefix("sig:") in proxy.PROXY_SIGNALS
        )  # fmt: skip
        assert part[i] == pytest.approx(wanted, abs=1e-9)
        assert logit[i] == pytest.approx(explained.logit, abs=1e-9)
    assert np.any(part != 0)


def test_correlation_ratio_by_hand() -> None:
    assert proxy.correlation_ratio([1, 1, 3, 3], ["a", "a", "b", "b"]) == pytest.approx(1.0)
    assert proxy.correlation_ratio([1, 2, 1, 2], ["a", "a", "b", "b"]) == pytest.approx(0.0)
    assert proxy.correlation_ratio([5, 5, 5], ["a", "b", "c"]) == 0.0
    # Two groups: the absolute point-biserial correlation.
    x = np.array([0.3, 1.2, -0.4, 2.0, 0.9, 1.5, -1.0, 0.1])
    g = ["f", "m", "f", "m", "m", "m", "f", "f"]
    r = np.corrcoef(x, [1.0 if v == "m" else 0.0 for v in g])[0, 1]
    assert proxy.correlation_ratio(x, g) == pytest.approx(abs(r))
    # Three groups: eta^2 = SS_between / SS_total = 8 / 10 here.
    values = [1, 3, 4, 6, 2, 2]
    groups = ["a", "a", "b", "b", "c", "c"]  # means 2, 5, 2; grand mean 3
    # SS_between = 2*(1 + 4 + 1) = 12; SS_total = 4+0+1+9+1+1 = 16.
    assert proxy.correlation_ratio(values, groups) == pytest.approx(np.sqrt(12 / 16))


def test_proxy_check_reports_every_attribute(
    scoring_models: ScoringModels, resources: ParseResources
) -> None:
    records = [generate_text_example(52, i, noise=0.0, zh_share=0.3) for i in range(30)]
    parsed = [parse_text(r["text"], resources) for r in records]
    inputs = [model_input(featurize(p, resources.gazetteer)) for p in parsed]
    grams = [proxy.proxy_ngrams(p, resources.gazetteer) for p in parsed]
    attributes = {
        "gender": [r["demographics"]["gender"] for r in records],
        "name_origin": [r["demographics"]["name_origin"] for r in records],
        "nobody": [None] * len(records),
    }
    head = scoring_models.aha.heads["ambitious"]
    check = proxy.proxy_check("ambitious", head, inputs, grams, attributes, permutations=99)
    assert check == proxy.proxy_check("ambitious", head, inputs, grams, attributes, permutations=99)
    assert [a.attribute for a in check.attributes] == ["gender", "name_origin"]
    gender = check.attributes[0]
    assert gender.n == 30
    assert 0.0 <= gender.eta <= 1.0
    assert 0.01 <= gender.p_value <= 1.0
    assert set(gender.group_means) == {"female", "male"}
    _, part, _ = proxy.proxy_contributions(head, inputs, grams)
    women = [i for i, v in enumerate(attributes["gender"]) if v == "female"]
    assert gender.group_means["female"] == pytest.approx(float(np.mean(part[women])))
    assert check.resumes == 30
    md = proxy.render_markdown([check])
    assert "| gender | 30 |" in md
