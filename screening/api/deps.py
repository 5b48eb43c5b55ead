"""Dependencies shared by the routes: one function and one ``Annotated`` alias each."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from screening.parsing.isolation import ParserPool
from screening.settings import Settings


def get_pool(request: Request) -> ParserPool:
    """The parser worker pool created in the app's lifespan."""
    pool: ParserPool = request.app.state.pool
    return pool


def get_settings(request: Request) -> Settings:
    """The settings the app was built with."""
    settings: Settings = request.app.state.settings
    return settings


PoolDep = Annotated[ParserPool, Depends(get_pool)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
