"""The HTTP service (the only package, with ``screening.web``, that imports FastAPI)."""
