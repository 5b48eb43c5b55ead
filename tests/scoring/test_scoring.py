"""Scoring and evidence: every quote is the résumé's own text, nothing identifying is quoted,
and the same input and versions give the same output."""

from __future__ import annotations

import json

import pytest

from screening.bundle import ScoringModels
from screening.features import featurize
from screening.lexicons import load_taxonomy
from screening.parsing.model import ErrorInfo, ParsedResume, ParseFailure
from screening.parsing.pipeline import parse_pdf, parse_text
from screening.parsing.resources import ParseResources
from screening.schema import LABEL_NAMES
from screening.scoring import Scorer
from screening.settings import Settings
from tests import pdf_builders
from tests.data.helpers import RESUME_LINES
from training.corpus.generate import generate_text_example


@pytest.fixture(scope="module")
def scorer(scoring_models: ScoringModels, resources: ParseResources, settings: Settings) -> Scorer:
    return Scorer(scoring_models, resources, load_taxonomy(settings.data_dir))


@pytest.fixture(scope="module")
def fixture_set(resources: ParseResources) -> list[ParsedResume]:
    """Résumés the models never saw: generated ones (EN and ZH) and PDFs of two layouts."""
    texts = [generate_text_example(2027, i, noise=0.0, zh_share=0.3)["text"] for i in range(30)]
    parsed = [parse_text(t, resources, file=f"gen-{i}") for i, t in enumerate(texts)]
    parsed.append(parse_pdf(pdf_builders.one_column(RESUME_LINES), resources, file="one.pdf"))
    half = len(RESUME_LINES) // 2
    parsed.append(
        parse_pdf(
            pdf_builders.two_columns(RESUME_LINES[:half], RESUME_LINES[half:]), resources, file="two.pdf"
        )
    )
    return parsed


def test_every_label_is_scored_with_evidence_quoted_exactly(
    scorer: Scorer, fixture_set: list[ParsedResume]
) -> None:
    for parsed in fixture_set:
        result = scorer.score(parsed)
        assert result.status == "scored"
        assert list(result.labels) == list(LABEL_NAMES)
        pages = {p.number for p in parsed.pages}
        for label, score in result.labels.items():
            assert 0.0 <= score.probability <= 1.0
            assert (
                score.predicted == (score.probability >= score.threshold)
                or abs(score.probability - score.threshold) < 1e-6
            )
            for item in score.evidence:
                assert item.text == parsed.text[item.start : item.end], (parsed.file, label, item)
                assert item.text.strip()
                assert item.page in pages
                assert item.feature in item.features
                for span in item.spans:
                    assert span.text == parsed.text[span.start : span.end]


def test_evidence_has_both_directions_and_is_ordered(scorer: Scorer, fixture_set: list[ParsedResume]) -> None:
    seen_up = seen_down = False
    for parsed in fixture_set:
        for score in scorer.score(parsed).labels.values():
            weights = [e.weight for e in score.evidence]
            ups = [w for w in weights if w > 0]
            downs = [w for w in weights if w < 0]
            assert weights == ups + downs  # raised first, then lowered
            assert ups == sorted(ups, reverse=True)
            assert downs == sorted(downs)
            seen_up |= bool(ups)
            seen_down |= bool(downs)
    assert seen_up
    assert seen_down


def test_evidence_never_quotes_personal_data(scorer: Scorer, fixture_set: list[ParsedResume]) -> None:
    for parsed in fixture_set:
        protected = [(p.start, p.end) for p in parsed.pii if p.kind != "photo"]
        result = scorer.score(parsed)
        for score in result.labels.values():
            for item in score.evidence:
                for start, end in [(item.start, item.end), *((s.start, s.end) for s in item.spans)]:
                    overlapping = [(s, e) for s, e in protected if s < end and start < e]
                    assert not overlapping, (
                        parsed.file,
                        item.text,
                        [parsed.text[s:e] for s, e in overlapping],
                    )


def test_signals_cite_their_source_spans(scorer: Scorer, fixture_set: list[ParsedResume]) -> None:
    cited = [
        item
        for parsed in fixture_set
        for score in scorer.score(parsed).labels.values()
        for item in score.evidence
        if item.feature.startswith("sig:")
    ]
    assert cited, "no named signal among the strongest evidence of 32 résumés"
    for item in cited:
        assert item.spans
        # The passage is the bullet or line holding the first source, so a reviewer reads
        # the words around a matched phrase ("Awarded" alone says little).
        first = item.spans[0]
        assert item.start <= first.start < first.end <= item.end
        assert first.text in item.text
    assert any(len(item.text) > len(item.spans[0].text) for item in cited)


def test_identical_runs_give_identical_output(
    scoring_models: ScoringModels,
    resources: ParseResources,
    settings: Settings,
    fixture_set: list[ParsedResume],
) -> None:
    first = Scorer(scoring_models, resources, load_taxonomy(settings.data_dir))
    second = Scorer(scoring_models, resources, load_taxonomy(settings.data_dir))
    # The same input parsed again from scratch, scored by another scorer with the same models.
    for i, parsed in enumerate(fixture_set[:8]):
        text = generate_text_example(2027, i, noise=0.0, zh_share=0.3)["text"]
        again = parse_text(text, resources, file=f"gen-{i}")
        assert first.score(parsed).model_dump_json() == second.score(again).model_dump_json()
    pdf = pdf_builders.one_column(RESUME_LINES)
    a = first.score(parse_pdf(pdf, resources, file="one.pdf"))
    b = second.score(parse_pdf(pdf, resources, file="one.pdf"))
    assert a.model_dump_json() == b.model_dump_json()


def test_versions_are_recorded(scorer: Scorer, fixture_set: list[ParsedResume]) -> None:
    result = scorer.score(fixture_set[0])
    assert result.versions is not None
    assert result.versions.background == "screening-background/test"
    assert result.versions.aha == "screening-aha/test"
    assert result.versions.parser
    assert result.versions.taxonomy


def test_a_scan_is_sent_to_review_not_scored(scorer: Scorer, resources: ParseResources) -> None:
    parsed = parse_pdf(pdf_builders.image_only(), resources, file="scan.pdf")
    result = scorer.score(parsed)
    assert result.status == "needs_review"
    assert result.error is not None
    assert result.error.code == "needs_ocr"
    assert result.labels == {}
    assert result.fit is None
    json.loads(result.model_dump_json())


def test_a_parse_failure_is_an_error_row(scorer: Scorer) -> None:
    failure = ParseFailure(
        file="x.pdf", sha256="ab" * 32, error=ErrorInfo(code="encrypted", message="locked")
    )
    result = scorer.score(failure)
    assert result.status == "error"
    assert result.error is not None
    assert result.error.code == "encrypted"
    assert result.sha256 == "ab" * 32


def test_the_aha_heads_quote_the_line_their_line_scorer_rated_best(
    scorer: Scorer, fixture_set: list[ParsedResume]
) -> None:
    quoted = 0
    for parsed in fixture_set:
        features = featurize(parsed, scorer.resources.gazetteer)
        for label in ("adaptable", "high_potential", "ambitious"):
            line_scorer = scorer.models.aha.heads[label].line_scorer
            assert line_scorer is not None
            _, best = line_scorer.best_line(features.text.text)
            for item in scorer.score(parsed).labels[label].evidence:
                if "sig:evidence_line" in item.features:
                    quoted += 1
                    assert item.weight > 0  # only a line that raised the label is cited
                    assert best is not None
                    found = features.text.to_original(*best)
                    assert found is not None
                    # The passage is the best line's bullet or line, and one line of the résumé.
                    assert item.start <= found[0] < found[1] <= item.end
                    assert "\n" not in item.text.strip()
    assert quoted >= 10
