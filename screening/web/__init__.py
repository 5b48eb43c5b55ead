"""The recruiter web UI: Jinja2 pages and small plain JavaScript, served by ``screening serve``.

Only this package and :mod:`screening.api` import FastAPI. Pages use the API's service layer
(:mod:`screening.api.service`) and the store: there is no second implementation of scoring or
storage. Every asset is served by the app itself (no CDN).
"""
