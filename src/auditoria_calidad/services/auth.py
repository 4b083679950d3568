"""First administrator, login and password hashing (argon2)."""

from __future__ import annotations

import contextlib
from datetime import datetime

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import func, select

from auditoria_calidad.domain.roles import Role
from auditoria_calidad.services.actor import SYSTEM, Actor
from auditoria_calidad.services.audit_trail import log_event
from auditoria_calidad.services.errors import AuthenticationFailed, InvalidInput
from auditoria_calidad.storage.database import Database
from auditoria_calidad.storage.models import User

_hasher = PasswordHasher()
MIN_PASSWORD_LENGTH = 8
# Verified against when the user does not exist, so that the time taken does not tell.
_DUMMY_HASH = _hasher.hash("contraseña-que-nadie-usa")
LOGIN_FAILED = "Usuario o contraseña incorrectos."


def hash_password(password: str) -> str:
    check_password_rules(password)
    return _hasher.hash(password)


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
        return not session.scalar(select(func.count()).select_from(User))


def create_first_admin(db: Database, username: str, password: str, full_name: str = "") -> Actor:
    """Create the first administrator; refused once any user exists."""
    username = username.strip()
    if not username:
        raise InvalidInput("Escriba un nombre de usuario.")
    password_hash = hash_password(password)
    with db.transaction() as session:
        if session.scalar(select(func.count()).select_from(User)):
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


def login(db: Database, username: str, password: str) -> Actor:
    """The actor for valid credentials; one message for any failure, whatever its cause."""
    actor: Actor | None = None
    with db.transaction() as session:
        user = session.scalar(select(User).where(User.username == username.strip()))
        if user is None or not user.active:
            with contextlib.suppress(VerificationError):
                _hasher.verify(_DUMMY_HASH, password or "-")
        else:
            try:
                _hasher.verify(user.password_hash, password)
            except (VerifyMismatchError, VerificationError, InvalidHashError):
                # Committed with the transaction, so that failed attempts stay on record.
                log_event(session, actor_of(user), "user", user.id, "login_failed")
            else:
                if _hasher.check_needs_rehash(user.password_hash):
                    user.password_hash = _hasher.hash(password)
                user.last_login_at = datetime.now().replace(microsecond=0)
                actor = actor_of(user)
    if actor is None:
        raise AuthenticationFailed(LOGIN_FAILED)
    return actor
