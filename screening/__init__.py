"""AHA Screening: explainable résumé screening for human review."""

__version__ = "0.1.0"
