"""``screening keys``: create, list and revoke API keys of the service's store."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session, sessionmaker

#: The roles of :data:`screening.store.tables.ROLES`, written out so that building the CLI does
#: not import SQLAlchemy (the store checks the role again).
ROLES = ("recruiter", "auditor", "admin")


def _sessions() -> tuple[Engine, sessionmaker[Session]]:
    """The store's engine and session factory, its schema brought to head first."""
    from screening.settings import Settings
    from screening.store.db import database_url
    from screening.store.migrate import open_store

    return open_store(database_url(Settings().database_url))


def run_create(args: argparse.Namespace) -> int:
    """Create a key and print its secret once (stdout); the secret cannot be shown again."""
    from screening.store.repo import InvalidValueError, create_api_key

    engine, sessions = _sessions()
    try:
        with sessions.begin() as session:
            key, secret = create_api_key(session, args.role, args.name or f"{args.role} key")
    except InvalidValueError as exc:
        print(f"screening keys create: {exc}", file=sys.stderr)
        return 2
    finally:
        engine.dispose()
    print(f"created {key.role} key {key.id} ({key.prefix}…); the secret is shown once:", file=sys.stderr)
    print(secret)
    return 0


def run_list(_args: argparse.Namespace) -> int:
    """Print every key: id, role, name, prefix, created, revoked (never a secret)."""
    from screening.store.repo import list_api_keys

    engine, sessions = _sessions()
    try:
        with sessions() as session:
            keys = list_api_keys(session)
    finally:
        engine.dispose()
    for key in keys:
        revoked = key.revoked_at.isoformat() if key.revoked_at else "-"
        print(f"{key.id}\t{key.role}\t{key.name}\t{key.prefix}\t{key.created_at.isoformat()}\t{revoked}")
    return 0


def run_revoke(args: argparse.Namespace) -> int:
    """Revoke a key by id, for good."""
    from screening.store.repo import SYSTEM_ACTOR, NotFoundError, revoke_api_key

    engine, sessions = _sessions()
    try:
        with sessions.begin() as session:
            revoke_api_key(session, args.key_id, actor=SYSTEM_ACTOR)
    except NotFoundError as exc:
        print(f"screening keys revoke: {exc}", file=sys.stderr)
        return 2
    finally:
        engine.dispose()
    print(f"revoked {args.key_id}", file=sys.stderr)
    return 0


def add_keys_command(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``screening keys {create,list,revoke}`` (uses ``SCREENING_DATABASE_URL``)."""
    p = subparsers.add_parser(
        "keys",
        help="manage API keys",
        description="Manage the service's API keys (migrates the store first).",
    )
    sub = p.add_subparsers(dest="keys_command", metavar="ACTION", required=True)
    create = sub.add_parser("create", help="create a key and print its secret once")
    create.add_argument("--role", required=True, choices=ROLES)
    create.add_argument("--name", help="who or what holds the key")
    create.set_defaults(func=run_create)
    listing = sub.add_parser("list", help="list keys (no secrets)")
    listing.set_defaults(func=run_list)
    revoke = sub.add_parser("revoke", help="revoke a key")
    revoke.add_argument("key_id")
    revoke.set_defaults(func=run_revoke)
