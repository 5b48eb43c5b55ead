"""Offline package: datasets, the résumé corpus generator, training and evaluation.

May import :mod:`screening` (parsing and features are shared); never the other way round.
"""
