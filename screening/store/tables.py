"""The stored tables: SQLAlchemy 2 typed declarative models.

The schema is created and changed only by the Alembic migrations in
``screening/store/migrations`` (``tests/store`` checks that they match these models).
Every timestamp is stored in UTC and read back timezone-aware (:class:`UtcDateTime`), on
SQLite as on PostgreSQL.

``audit_events`` is append-only: this module and :mod:`screening.store.repo` hold no update or
delete path for it, the ORM refuses to flush one (:func:`_refuse_audit_change`), and the
migration installs a trigger raising on ``UPDATE``/``DELETE`` on both databases.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any, ClassVar, Literal, get_args

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    SmallInteger,
    String,
    Text,
    event,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, Mapper, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

from screening.schema import LABEL_NAMES

Role = Literal["recruiter", "auditor", "admin"]
ROLES: tuple[Role, ...] = get_args(Role)
DecisionValue = Literal["advance", "hold", "reject"]
DECISIONS: tuple[DecisionValue, ...] = get_args(DecisionValue)
ScreeningStatus = Literal["pending", "processing", "ranked", "failed"]
SCREENING_STATUSES: tuple[ScreeningStatus, ...] = get_args(ScreeningStatus)
#: Candidate statuses are :data:`screening.schema.Status`.
CANDIDATE_STATUSES: tuple[str, ...] = ("scored", "needs_review", "error")

#: Constraint names fixed by convention, so the migration and the models name them alike.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

#: JSON on SQLite, JSONB on PostgreSQL (indexable, compact).
JsonType = JSON().with_variant(JSONB(), "postgresql")
#: A 64-bit auto-increment key on PostgreSQL; SQLite needs ``INTEGER PRIMARY KEY`` to autoincrement.
BigIntKey = BigInteger().with_variant(Integer(), "sqlite")


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def new_id() -> str:
    """A new random identifier (UUID4, as a 36-character string)."""
    return str(uuid.uuid4())


def utcnow() -> datetime:
    """The current time, timezone-aware UTC."""
    return datetime.now(UTC)


class UtcDateTime(TypeDecorator[datetime]):
    """A timestamp stored in UTC and always read back timezone-aware.

    PostgreSQL keeps the zone (``timestamptz``); SQLite keeps none, so values are converted to
    UTC before they are written and marked UTC when read.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: pass a timezone-aware value")
        utc = value.astimezone(UTC)
        return utc.replace(tzinfo=None) if dialect.name == "sqlite" else utc

    def process_result_value(self, value: datetime | None, _dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: UtcDateTime(), dict[str, Any]: JsonType}


class ApiKey(Base):
    """An API key. Only the SHA-256 of the secret is stored; the secret is shown once.

    A plain, fast SHA-256 (no salt, no slow KDF) is the right hash here: secrets are 32 random
    bytes made by :func:`secrets.token_urlsafe`, so there is no dictionary to guess from and a
    brute force over 2**256 is out of reach whatever the hash's speed. Slow password hashes
    exist for low-entropy human passwords; they would only add latency to every request, and
    an unsalted digest lets :func:`screening.store.repo.authenticate` find the key by an
    indexed lookup. Configured admin tokens must be long for the same reason
    (:data:`screening.store.repo.MIN_TOKEN_LENGTH`).
    """

    __tablename__ = "api_keys"
    __table_args__ = (CheckConstraint(_in("role", ROLES), name="role"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(16))
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    prefix: Mapped[str] = mapped_column(String(16), doc="the secret's first characters, for display")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(default=None)

    @property
    def active(self) -> bool:
        """Whether the key is still valid (not revoked)."""
        return self.revoked_at is None


class Screening(Base):
    """One ranking run: CVs uploaded for a role."""

    __tablename__ = "screenings"
    __table_args__ = (
        CheckConstraint(_in("status", SCREENING_STATUSES), name="status"),
        Index(None, "created_at"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    role_id: Mapped[str] = mapped_column(String(200))
    created_by: Mapped[str | None] = mapped_column(
        String(36), ForeignKey("api_keys.id"), doc="the API key that created it; null for the system"
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    status: Mapped[str] = mapped_column(String(16), default="pending")

    candidates: Mapped[list[Candidate]] = relationship(
        back_populates="screening",
        order_by="(Candidate.rank.is_(None), Candidate.rank, Candidate.created_at, Candidate.id)",
    )


class ParsedDocument(Base):
    """The parse cache: one parsed résumé per distinct file content (its SHA-256)."""

    __tablename__ = "parsed_documents"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    parser_version: Mapped[str] = mapped_column(String(32))
    parsed_json: Mapped[str] = mapped_column(Text, doc="ParsedResume.model_dump_json(), exactly as parsed")
    pdf: Mapped[bytes | None] = mapped_column(LargeBinary, default=None, doc="kept only if configured")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Candidate(Base):
    """One résumé's outcome in a screening: the :class:`~screening.schema.CandidateResult` JSON.

    ``sha256`` is the uploaded file's hash (kept even when the file could not be parsed);
    ``document_sha256`` links the parse cache and is set only when the file was parsed.
    """

    __tablename__ = "candidates"
    __table_args__ = (CheckConstraint(_in("status", CANDIDATE_STATUSES), name="status"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    screening_id: Mapped[str] = mapped_column(String(36), ForeignKey("screenings.id"), index=True)
    sha256: Mapped[str | None] = mapped_column(String(64), index=True)
    document_sha256: Mapped[str | None] = mapped_column(
        String(64), ForeignKey("parsed_documents.sha256"), index=True
    )
    file_name: Mapped[str | None] = mapped_column(String(500))
    status: Mapped[str] = mapped_column(String(16))
    result_json: Mapped[dict[str, Any]]
    fit_score: Mapped[float | None] = mapped_column(Float)
    rank: Mapped[int | None] = mapped_column(Integer)
    versions: Mapped[dict[str, Any] | None] = mapped_column(JsonType)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    screening: Mapped[Screening] = relationship(back_populates="candidates")
    document: Mapped[ParsedDocument | None] = relationship()
    decisions: Mapped[list[Decision]] = relationship(
        back_populates="candidate", order_by="(Decision.created_at, Decision.id)"
    )
    label_corrections: Mapped[list[LabelCorrection]] = relationship(
        back_populates="candidate", order_by="(LabelCorrection.created_at, LabelCorrection.id)"
    )


class Decision(Base):
    """A reviewer's decision on a candidate. Decisions accumulate; the latest is current."""

    __tablename__ = "decisions"
    __table_args__ = (CheckConstraint(_in("decision", DECISIONS), name="decision"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    candidate_id: Mapped[str] = mapped_column(String(36), ForeignKey("candidates.id"), index=True)
    decision: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(Text)
    reviewer: Mapped[str] = mapped_column(String(36), ForeignKey("api_keys.id"))
    override: Mapped[bool] = mapped_column(
        Boolean, default=False, doc="the decision goes against the ranking's recommendation"
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    candidate: Mapped[Candidate] = relationship(back_populates="decisions")


class LabelCorrection(Base):
    """A reviewer's value for one label of a candidate's résumé (exported as training data)."""

    __tablename__ = "label_corrections"
    __table_args__ = (
        CheckConstraint(_in("label", LABEL_NAMES), name="label"),
        CheckConstraint("value IN (0, 1)", name="value"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    candidate_id: Mapped[str] = mapped_column(String(36), ForeignKey("candidates.id"), index=True)
    label: Mapped[str] = mapped_column(String(32))
    value: Mapped[int] = mapped_column(SmallInteger)
    note: Mapped[str | None] = mapped_column(Text)
    reviewer: Mapped[str] = mapped_column(String(36), ForeignKey("api_keys.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    candidate: Mapped[Candidate] = relationship(back_populates="label_corrections")


class AuditEvent(Base):
    """One event of the append-only audit log: who, when, what, with which versions and input."""

    __tablename__ = "audit_events"
    __table_args__ = (
        Index(None, "at"),
        Index(None, "screening_id"),
        Index(None, "candidate_id"),
    )

    id: Mapped[int] = mapped_column(BigIntKey, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    actor: Mapped[str] = mapped_column(String(64), doc='an API key id or "system"')
    action: Mapped[str] = mapped_column(String(64))
    # No foreign keys: the log must outlive and never block anything it mentions.
    screening_id: Mapped[str | None] = mapped_column(String(36))
    candidate_id: Mapped[str | None] = mapped_column(String(36))
    sha256: Mapped[str | None] = mapped_column(String(64))
    model_versions: Mapped[dict[str, Any] | None] = mapped_column(JsonType)
    parser_version: Mapped[str | None] = mapped_column(String(32))
    details: Mapped[dict[str, Any]] = mapped_column(default=dict)


IdempotentTarget = Literal["decision", "label_correction"]
IDEMPOTENT_TARGETS: tuple[IdempotentTarget, ...] = get_args(IdempotentTarget)


class IdempotencyKey(Base):
    """An ``Idempotency-Key`` a client sent with a write, and what that write stored.

    Unique per API key and key value (the primary key). Stored in the transaction of the
    write it names, so a crash keeps both or neither; a retry with the same key and request
    finds the stored row instead of writing a second one.
    """

    __tablename__ = "idempotency_keys"
    __table_args__ = (
        CheckConstraint(_in("target", IDEMPOTENT_TARGETS), name="target"),
        Index(None, "created_at"),
    )

    api_key_id: Mapped[str] = mapped_column(String(36), ForeignKey("api_keys.id"), primary_key=True)
    key: Mapped[str] = mapped_column(String(255), primary_key=True, doc="the header's value")
    request_sha256: Mapped[str] = mapped_column(
        String(64), doc="SHA-256 of the request (operation, path ids, validated body)"
    )
    target: Mapped[str] = mapped_column(String(32), doc="what the request wrote")
    target_id: Mapped[str] = mapped_column(String(36), doc="the id of the row it wrote")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class AppendOnlyError(RuntimeError):
    """An attempt to change or remove an audit event."""


@event.listens_for(AuditEvent, "before_update")
@event.listens_for(AuditEvent, "before_delete")
def _refuse_audit_change(_mapper: Mapper[AuditEvent], _connection: object, _target: AuditEvent) -> None:
    # The database triggers are the real guard; this stops an ORM change before it is sent.
    raise AppendOnlyError("audit_events is append-only")
