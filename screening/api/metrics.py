"""Prometheus metrics of one app (its own registry, so several apps in one process never clash)."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable

from fastapi import FastAPI, Request, Response
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest


class Metrics:
    """Request counts and latency by route template and status; screenings and files scored."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self.requests = Counter(
            "screening_http_requests",
            "HTTP requests by method, route template and status",
            ("method", "route", "status"),
            registry=self.registry,
        )
        self.latency = Histogram(
            "screening_http_request_duration_seconds",
            "HTTP request latency by method and route template",
            ("method", "route"),
            registry=self.registry,
        )
        self.screenings = Counter(
            "screening_screenings_created", "screenings created", registry=self.registry
        )
        self.files = Counter(
            "screening_files_scored", "uploaded files by outcome status", ("status",), registry=self.registry
        )

    def render(self) -> Response:
        """The Prometheus text exposition of every metric."""
        return Response(generate_latest(self.registry), media_type=CONTENT_TYPE_LATEST)


def _route_of(request: Request) -> str:
    # The route template (``/v1/screenings/{screening_id}``), never the raw path: ids would make
    # one time series per screening.
    route = request.scope.get("route")
    path = getattr(route, "path", None)
    return path if isinstance(path, str) else "unmatched"


def install_metrics(app: FastAPI, metrics: Metrics) -> None:
    """Count and time every request."""

    @app.middleware("http")
    async def measure(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        started = time.perf_counter()
        status = 500
        try:
            response = await call_next(request)
            status = response.status_code
            return response
        finally:
            route = _route_of(request)
            metrics.requests.labels(request.method, route, str(status)).inc()
            metrics.latency.labels(request.method, route).observe(time.perf_counter() - started)
