"""Persistence of the screening service: screenings, candidates, decisions, audit events.

- :mod:`screening.store.tables`: the SQLAlchemy models.
- :mod:`screening.store.db`: URLs, engines and sessions.
- :mod:`screening.store.migrate`: run the Alembic migrations (``upgrade(url)``).
- :mod:`screening.store.repo`: the functions reading and writing, each write audited.
"""
