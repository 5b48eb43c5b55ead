"""Bias audit: selection and scoring rates per demographic group, impact ratios, significance,
and the counterfactual (identity-swap) and proxy checks.

* :mod:`screening.audit.stats`: the statistics (rates, impact ratios, the four-fifths flag,
  unknowns, the 2 % small-group rule, intersections, Fisher's exact test, bootstrap
  intervals) and the report's typed form.
* :mod:`screening.audit.report`: the report as Markdown, HTML and JSON.
* :mod:`screening.audit.inputs`: batch score files, decisions files and the demographics CSV.
* :mod:`screening.audit.stored`: the service's stored screenings and decisions.
* :mod:`screening.audit.outcomes`: rows of scores or decisions -> one outcome per candidate
  -> the report.
* :mod:`screening.audit.counterfactual`: identity swaps and their effect on scores and ranks.
* :mod:`screening.audit.proxy`: how much of a model's score flows through proxy features.
* :mod:`screening.audit.cli`: ``screening audit``.

Demographics are supplied separately, read when an audit runs, never stored with résumés and
never used for scoring.
"""
