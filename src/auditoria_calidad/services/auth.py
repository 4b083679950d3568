"""First administrator, login with protection against guessing, and password hashing (argon2).

After `FAILED_BEFORE_DELAY` failed logins in a row under one typed name, the next attempt is
not even checked until a delay has passed (1, 2, 4, 8, 16 s); after `FAILED_BEFORE_LOCK` the
name is locked until an administrator unlocks it. Names that are no user are counted, delayed
and locked the same way, so that no answer tells whether a name exists.
"""

from __future__ import annotations

import contextlib
import functools
import math
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session

from auditoria_calidad.domain.roles import Permission, Role
from auditoria_calidad.services.actor import SYSTEM, Actor
from auditoria_calidad.services.audit_trail import log_event
from auditoria_calidad.services.errors import AuthenticationFailed, InvalidInput, NotFound
from auditoria_calidad.storage.database import Database
from auditoria_calidad.storage.faults import is_read_only
from auditoria_calidad.storage.models import UnknownLoginName, User
from auditoria_calidad.storage.queries.administration import (
    count_users,
    unknown_login_name,
    user_named,
)

if TYPE_CHECKING:
    from argon2 import PasswordHasher


@functools.cache
def _hasher() -> PasswordHasher:
    """argon2id with the OWASP parameters (19 MiB, 2 passes, 1 lane): about 30 ms a check, so
    a command-line call that logs in stays fast. Hashes made with other parameters keep
    verifying with their own (stored in the hash) and are rehashed at the next login.
    argon2 is loaded when a password is first hashed or checked, not at start."""
    from argon2 import PasswordHasher

    return PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1)


@functools.cache
def _dummy_hash() -> str:
    return _hasher().hash("contraseña-que-nadie-usa")


MIN_PASSWORD_LENGTH = 8
# Verified against when the user does not exist, so that the time taken does not tell.
LOGIN_FAILED = "Usuario o contraseña incorrectos."
LOGIN_LOCKED = (
    "Demasiados intentos fallidos: el ingreso con este nombre de usuario quedó bloqueado. "
    "Pida a un administrador que lo desbloquee."
)
FAILED_BEFORE_DELAY = 5
FAILED_BEFORE_LOCK = 10
_NAME_LENGTH = 80  # users.username, unknown_login_names.username and audit_log.username


class LoginDelayed(AuthenticationFailed):
    """Too many failures in a row: the next attempt is not checked before ``seconds``."""

    def __init__(self, message: str, seconds: int) -> None:
        super().__init__(message)
        self.seconds = seconds


class LoginLocked(AuthenticationFailed):
    """Too many failures in a row: only an administrator can lift the lock."""


def hash_password(password: str) -> str:
    check_password_rules(password)
    return _hasher().hash(password)


def check_password_rules(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidInput(f"La contraseña debe tener al menos {MIN_PASSWORD_LENGTH} caracteres.")


def actor_of(user: User) -> Actor:
    return Actor(
        id=user.id,
        username=user.username,
        full_name=user.full_name,
        role=user.role,
        provider_id=user.provider_id,
    )


def needs_first_admin(db: Database) -> bool:
    """True on a new database: nobody can log in until an administrator exists."""
    with db.sessions() as session:
        return not count_users(session)


def create_first_admin(db: Database, username: str, password: str, full_name: str = "") -> Actor:
    """Create the first administrator; refused once any user exists."""
    username = username.strip()
    if not username:
        raise InvalidInput("Escriba un nombre de usuario.")
    password_hash = hash_password(password)
    with db.transaction() as session:
        if count_users(session):
            raise InvalidInput(
                "La base de datos ya tiene usuarios; el administrador inicial ya fue creado."
            )
        user = User(
            username=username,
            full_name=full_name or username,
            role=Role.ADMIN,
            password_hash=password_hash,
            active=True,
            created_at=datetime.now().replace(microsecond=0),
        )
        session.add(user)
        session.flush()
        log_event(session, SYSTEM, "user", user.id, "create_first_admin", new=username)
        return actor_of(user)


def delay_after(failed_logins: int) -> timedelta:
    """How long the next attempt waits after ``failed_logins`` failures in a row: none
    before the fifth, then 1, 2, 4, 8 and 16 seconds."""
    if failed_logins < FAILED_BEFORE_DELAY:
        return timedelta(0)
    return timedelta(seconds=2 ** (failed_logins - FAILED_BEFORE_DELAY))


def wait_message(seconds: int) -> str:
    unit = "segundo" if seconds == 1 else "segundos"
    return f"Espere {seconds} {unit} antes de volver a intentarlo."


def _attempt_actor(typed: str, user: User | None) -> Actor:
    """Who the log names for an attempt: the name as typed, never the password."""
    if user is not None:
        return Actor(user.id, typed, user.full_name, user.role, user.provider_id)
    return Actor(0, typed, "", Role.AUDITOR)


def _counter(session: Session, typed: str) -> tuple[User | None, User | UnknownLoginName]:
    """The user named ``typed`` and the row that counts its failures (the user itself, or a
    row of unknown_login_names created on the first failure); locked for update on
    PostgreSQL, so that two simultaneous attempts both count."""
    user = user_named(session, typed, for_update=True)
    if user is not None:
        return user, user
    unknown = unknown_login_name(session, typed, for_update=True)
    if unknown is None:
        unknown = UnknownLoginName(username=typed, failed_logins=0)
        session.add(unknown)
    return None, unknown


def _authenticated(user: User | None, password: str) -> User | None:
    """The user if the password is its own and it is active. Always one argon2
    verification, so that the time taken does not tell whether the user exists."""
    from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

    if user is None or not user.active:
        with contextlib.suppress(VerificationError):
            _hasher().verify(_dummy_hash(), password or "-")
        return None
    try:
        _hasher().verify(user.password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return None
    return user


def login(db: Database, username: str, password: str, *, now: datetime | None = None) -> Actor:
    """The actor for valid credentials, or AuthenticationFailed (LoginDelayed, LoginLocked).

    The messages are the same whether the name exists or not. Every attempt is written to
    the audit log with the name typed, whatever its outcome; ``now`` is the time of the
    attempt (the clock, unless given). On a read-only database nothing can be written: the
    credentials are checked all the same and ``db.read_only`` is set.
    """
    now = now or datetime.now()
    typed = username.strip()[:_NAME_LENGTH]
    try:
        return _attempt(db, typed, password, now)
    except IntegrityError:
        # Two first failures under the same unknown name at once: one of them is counted.
        raise AuthenticationFailed(LOGIN_FAILED) from None
    except DBAPIError as exc:
        if not is_read_only(exc):
            raise
    # A read-only database can still be consulted: the same checks, nothing recorded.
    db.read_only = True
    return _attempt_without_recording(db, typed, password)


def _attempt_without_recording(db: Database, typed: str, password: str) -> Actor:
    with db.sessions() as session:
        user = user_named(session, typed)
        counter = user or unknown_login_name(session, typed)
        if counter is not None and counter.locked_at is not None:
            raise LoginLocked(LOGIN_LOCKED)
        known = _authenticated(user, password)
        if known is None:
            raise AuthenticationFailed(LOGIN_FAILED)
        return actor_of(known)


def _attempt(db: Database, typed: str, password: str, now: datetime) -> Actor:
    actor: Actor | None = None
    refusal: AuthenticationFailed
    with db.transaction() as session:
        user, counter = _counter(session, typed)
        who = _attempt_actor(typed, user)
        entity_id = user.id if user is not None else None
        wait = (
            (counter.last_failed_login_at + delay_after(counter.failed_logins) - now)
            if counter.last_failed_login_at is not None
            else timedelta(0)
        )
        if counter.locked_at is not None:
            log_event(session, who, "user", entity_id, "login_locked")
            refusal = LoginLocked(LOGIN_LOCKED)
        elif wait > timedelta(0):
            seconds = math.ceil(wait.total_seconds())
            log_event(session, who, "user", entity_id, "login_delayed", new=f"{seconds} s")
            refusal = LoginDelayed(wait_message(seconds), seconds)
        elif (known := _authenticated(user, password)) is not None:
            if _hasher().check_needs_rehash(known.password_hash):
                known.password_hash = _hasher().hash(password)
            known.last_login_at = now.replace(microsecond=0)
            known.failed_logins = 0
            known.last_failed_login_at = None
            log_event(session, who, "user", entity_id, "login")
            actor = actor_of(known)
        else:
            # Committed with the transaction, so that failed attempts stay on record.
            counter.failed_logins = (counter.failed_logins or 0) + 1
            counter.last_failed_login_at = now
            log_event(
                session, who, "user", entity_id, "login_failed", new=str(counter.failed_logins)
            )
            if counter.failed_logins >= FAILED_BEFORE_LOCK:
                counter.locked_at = now.replace(microsecond=0)
                log_event(session, who, "user", entity_id, "lock")
                refusal = LoginLocked(f"{LOGIN_FAILED} {LOGIN_LOCKED}")
            elif counter.failed_logins >= FAILED_BEFORE_DELAY:
                seconds = int(delay_after(counter.failed_logins).total_seconds())
                refusal = LoginDelayed(f"{LOGIN_FAILED} {wait_message(seconds)}", seconds)
            else:
                refusal = AuthenticationFailed(LOGIN_FAILED)
    if actor is None:
        raise refusal
    return actor


def unlock_user(db: Database, actor: Actor, username: str) -> bool:
    """Lift the lock and forget the failures of one user (administrators only).

    Returns False when the user was not locked (nothing to lift, failures still forgotten).
    """
    actor.require(Permission.MANAGE_USERS)
    with db.transaction() as session:
        user = user_named(session, username.strip())
        if user is None:
            raise NotFound(f"No existe el usuario «{username.strip()}».")
        was_locked = user.locked_at is not None
        log_event(
            session,
            actor,
            "user",
            user.id,
            "unlock",
            old=f"{user.failed_logins} intentos fallidos",
            new="desbloqueado" if was_locked else None,
        )
        user.locked_at = None
        user.failed_logins = 0
        user.last_failed_login_at = None
        return was_locked
