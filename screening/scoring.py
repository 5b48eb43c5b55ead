"""Parsed résumé -> scored, explained candidate (the scoring issue's output schema).

:class:`Scorer` holds the two scoring bundles (background families and AHA signals) with
the registry versions they came from, and the reference data. For a parsed résumé it
redacts and featurises (:func:`screening.features.featurize`, the code training ran), asks
every head for its calibrated probability and exact explanation, turns the explanation
into evidence (:func:`screening.explain.label_evidence`) and, given a role, composes the
fit score (:func:`screening.ranking.fit_role`). A résumé whose parse quality is not
``ok`` is not scored: it comes back as ``needs_review`` with the reasons. No MLflow here:
:func:`screening.registry.load_scorer_models` loads the bundles.

Output is deterministic: the same parse and versions give the same result, field for
field (probabilities and weights are rounded to :data:`~screening.explain.WEIGHT_DIGITS`
digits so that the last bits of floating-point arithmetic never show).
"""

from __future__ import annotations

from screening.bundle import ScoringModels
from screening.explain import WEIGHT_DIGITS, PassageIndex, label_evidence
from screening.features import featurize
from screening.lexicons import Taxonomy, load_taxonomy
from screening.model import TextEncoder, TokenIndex, distinct_encodings, model_input
from screening.parsing.model import PARSER_VERSION, ParsedResume, ParseFailure
from screening.parsing.resources import ParseResources, load_resources
from screening.ranking import RoleProfile, fit_role
from screening.schema import LABEL_NAMES, CandidateResult, ErrorOut, LabelScore, Versions
from screening.settings import Settings

#: How many features of each sign an explanation lists before passages are formed.
EXPLAIN_FEATURES = 12


class Scorer:
    """Scores parsed résumés with fixed models and reference data (thread-safe: read-only)."""

    def __init__(self, models: ScoringModels, resources: ParseResources, taxonomy: Taxonomy) -> None:
        self.models = models
        self.resources = resources
        self.taxonomy = taxonomy
        self.bundles = (models.background, models.aha)
        # Heads trained together share one vocabulary (training encodes once): encode a
        # résumé once per distinct vectoriser, not once per head, from its one tokenisation.
        heads = [(i, label) for i, bundle in enumerate(self.bundles) for label in bundle.labels]
        vectorizers, kinds = distinct_encodings(
            [self.bundles[i].heads[label].vectorizer_ for i, label in heads]
        )
        self._encoder_of: dict[tuple[int, str], int] = dict(zip(heads, kinds, strict=True))
        self._encoders = [TextEncoder(v) for v in vectorizers]
        missing = [label for label in LABEL_NAMES if not any(label in b.labels for b in self.bundles)]
        if missing:
            raise ValueError(f"the models do not predict {missing}")

    @classmethod
    def from_settings(cls, models: ScoringModels, settings: Settings) -> Scorer:
        """A scorer over ``models`` with the reference data of ``settings.data_dir``."""
        return cls(
            models, load_resources(settings.data_dir, settings.spacy_model), load_taxonomy(settings.data_dir)
        )

    @property
    def versions(self) -> Versions:
        """The versions recorded with every result."""
        return Versions(
            background=self.models.background_version,
            aha=self.models.aha_version,
            parser=PARSER_VERSION,
            taxonomy=self.taxonomy.version,
        )

    def score(self, parsed: ParsedResume | ParseFailure, role: RoleProfile | None = None) -> CandidateResult:
        """One result: ``scored``, ``needs_review`` (parse quality not ok) or ``error``."""
        versions = self.versions
        if isinstance(parsed, ParseFailure):
            return CandidateResult(
                file=parsed.file,
                sha256=parsed.sha256,
                status="error",
                error=ErrorOut(code=parsed.error.code, message=parsed.error.message),
                versions=versions,
            )
        if parsed.quality != "ok" or not parsed.text.strip():
            reasons = "; ".join(parsed.quality_reasons) or "no text"
            quality = parsed.quality if parsed.quality != "ok" else "empty"
            return CandidateResult(
                file=parsed.file,
                sha256=parsed.sha256,
                status="needs_review",
                error=ErrorOut(code=quality, message=f"not scored: parse quality {quality} ({reasons})"),
                versions=versions,
            )
        features = featurize(parsed, self.resources.gazetteer)
        text, signals = model_input(features)
        index = TokenIndex(text)
        rows = [encoder.encode(index) for encoder in self._encoders]
        passages = PassageIndex(parsed)
        labels: dict[str, LabelScore] = {}
        probabilities: dict[str, float] = {}
        for i, bundle in enumerate(self.bundles):
            for label in bundle.labels:
                head = bundle.heads[label]
                row = rows[self._encoder_of[(i, label)]]
                explanation = head.explain_encoded(
                    text, row, signals, top=EXPLAIN_FEATURES, index=index, all_contributions=False
                )
                threshold = bundle.thresholds[label]
                probabilities[label] = explanation.probability
                labels[label] = LabelScore(
                    probability=round(explanation.probability, WEIGHT_DIGITS),
                    predicted=explanation.probability >= threshold,
                    threshold=round(threshold, WEIGHT_DIGITS),
                    evidence=label_evidence(parsed, features, explanation, passages_of=passages),
                )
        ordered = {name: labels[name] for name in LABEL_NAMES if name in labels}
        fit = fit_role(role, probabilities, parsed, self.taxonomy) if role is not None else None
        return CandidateResult(
            file=parsed.file,
            sha256=parsed.sha256,
            status="scored",
            labels=ordered,
            fit=fit,
            versions=versions,
        )
