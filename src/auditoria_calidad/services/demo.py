"""Loading the demonstration: a provider, its agents, three months of records and one user
per role, with passwords made up here and shown once.

The two earlier months (August and September 2026, virtual channel) went through the whole
cycle: approved audits, the provider's answers, a committee session with its acta issued.
The current month (October, both channels) has its audits open with part of the virtual
sample evaluated. The entity's name and document codes are set (Configuración › Entidad).
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from auditoria_calidad.domain.fields import Channel
from auditoria_calidad.domain.roles import Role
from auditoria_calidad.services.actor import SYSTEM, Actor
from auditoria_calidad.services.administration import get_or_create_provider
from auditoria_calidad.services.audit_trail import log_event
from auditoria_calidad.services.auth import actor_of, hash_password
from auditoria_calidad.services.connection import Database
from auditoria_calidad.services.entity_words import SETTING_KEY as ENTITY_WORDS_KEY
from auditoria_calidad.services.entity_words import sorted_words
from auditoria_calidad.services.errors import InvalidInput
from auditoria_calidad.services.overview import database_has_data
from auditoria_calidad.services.record_store import store_records
from auditoria_calidad.storage.models import ImportBatch, Setting, User
from auditoria_calidad.storage.queries.administration import user_named
from auditoria_calidad.storage.queries.imports import first_user

if TYPE_CHECKING:
    from auditoria_calidad.demo.generator import DemoMonth

DEMO_SEED = 2024

# The entity and the codes its documents carry, as an office would set them.
DEMO_SETTINGS: dict[str, str] = {
    "entity_name": "ICETEX (entidad de demostración)",
    "audit_report_code": "Código: M5-1-01-F182 · Versión 3",
    "minutes_code": "Código: M5-1-01-F183 · Versión 2",
    "monthly_report_code": "Código: M5-1-01-F184 · Versión 1",
}
# Earlier months, virtual channel only: (month, records, first radicado number).
EARLIER_MONTHS: tuple[tuple[int, int, int], ...] = ((8, 150, 340_000), (9, 200, 350_000))

# username, full name, role
DEMO_USERS: tuple[tuple[str, str, Role], ...] = (
    ("auditor", "María Fernanda Rojas Pardo", Role.AUDITOR),
    ("jefe", "Carlos Andrés Méndez Ortiz", Role.HEAD),
    ("gerente", "Diana Patricia Salazar Vega", Role.PROVIDER_MANAGER),
    ("comite", "Jorge Enrique Castillo Ríos", Role.COMMITTEE),
    ("admin", "Administrador del sistema", Role.ADMIN),
)


@dataclass
class DemoUser:
    username: str
    full_name: str
    role: Role
    password: str


@dataclass
class DemoResult:
    provider: str
    agents: int
    virtual_records: int
    chat_records: int
    users: list[DemoUser] = field(default_factory=list)
    skipped_users: list[str] = field(default_factory=list)
    audits: list[str] = field(default_factory=list)  # numbers of the open demo audits
    evaluated: int = 0
    months: list[str] = field(default_factory=list)  # «08/2026», … with records
    approved: list[str] = field(default_factory=list)  # audits approved and answered
    closed: list[str] = field(default_factory=list)  # of those, closed after the committee
    acta: str = ""  # the committee session's issued acta
    findings: int = 0  # inconsistencies of the approved audits


def _password() -> str:
    # Readable, 12 characters, no look-alike characters.
    alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(12))


def load_demo(
    db: Database,
    *,
    seed: int = DEMO_SEED,
    progress: Callable[[int, int], None] | None = None,
    actor: Actor = SYSTEM,
    with_audits: bool = True,
) -> DemoResult:
    """Fill an empty database with the demo month; refused when it already holds data.

    With ``with_audits`` the demo auditor also opens the month's audit of each channel,
    draws the 50 % samples and evaluates part of the virtual one, so that every screen has
    something to show and something left to do.
    """
    if database_has_data(db):
        raise InvalidInput(
            "La base de datos ya tiene registros; la demostración solo se carga en una base vacía."
        )
    *earlier, month = demo_months(seed)
    now = datetime.now().replace(microsecond=0)
    with db.transaction() as session:
        provider = get_or_create_provider(session, actor, month.provider)
        result = DemoResult(
            provider=provider.name,
            agents=len(month.agents),
            virtual_records=sum(len(m.virtual) for m in (*earlier, month)),
            chat_records=sum(len(m.chat) for m in (*earlier, month)),
            months=[f"{m.period_start:%m/%Y}" for m in (*earlier, month)],
        )
        for key, value in DEMO_SETTINGS.items():
            if session.get(Setting, key) is None:
                session.add(Setting(key=key, value=value))
        if session.get(Setting, ENTITY_WORDS_KEY) is None:
            from auditoria_calidad.demo.texts import ENTITY_WORDS

            # The entity's own words (its acronyms, banks, universities), as an office
            # would list them: not suspect in spelling, acronyms not «sin explicar».
            session.add(Setting(key=ENTITY_WORDS_KEY, value=sorted_words(ENTITY_WORDS)))
        creators: list[User] = []
        for username, full_name, role in DEMO_USERS:
            if user_named(session, username):
                result.skipped_users.append(username)
                continue
            password = _password()
            user = User(
                username=username,
                full_name=full_name,
                role=role,
                provider_id=provider.id if role is Role.PROVIDER_MANAGER else None,
                password_hash=hash_password(password),
                active=True,
                created_at=now,
            )
            session.add(user)
            session.flush()
            log_event(session, actor, "user", user.id, "create_demo", new=username)
            result.users.append(DemoUser(username, full_name, role, password))
            creators.append(user)
        owner = next((u for u in creators if u.role is Role.AUDITOR), None) or first_user(session)
        assert owner is not None
        loads = [(m, c, m.records(c)) for m in (*earlier, month) for c in Channel]
        loads = [(m, c, records) for m, c, records in loads if records]
        total = sum(len(records) for _m, _c, records in loads)
        done = 0
        for loaded, channel, records in loads:
            batch = ImportBatch(
                provider_id=provider.id,
                channel=channel,
                file_name=f"demostracion-{channel.value}-{loaded.period_start:%Y-%m}.xlsx",
                file_sha256="0" * 64,
                sheet="Demo",
                header_row=1,
                mapping={},
                user_id=owner.id,
                started_at=now,
                total_rows=len(records),
            )
            session.add(batch)
            session.flush()

            def relay(n: int, _total: int, offset: int = done) -> None:
                if progress:
                    progress(offset + n, total)

            counts = store_records(
                session,
                provider_id=provider.id,
                channel=channel,
                batch_id=batch.id,
                source_file=batch.file_name,
                records=records,
                progress=relay,
            )
            batch.imported = counts.imported
            batch.finished_at = now
            done += len(records)
        log_event(session, actor, "database", None, "load_demo", new=f"seed {seed}")
        provider_id = provider.id
    if with_audits:
        from auditoria_calidad.services.demo_cycle import close_demo_months

        cycle = close_demo_months(
            db,
            provider_id,
            [((m.period_start, m.period_end), dict(m.misspellings)) for m in earlier],
            seed,
            now,
        )
        result.approved, result.closed = cycle.approved, cycle.closed
        result.acta, result.findings = cycle.acta, cycle.findings
        _open_demo_audits(db, month, provider_id, seed, result)
    return result


# Share of the virtual sample the demo auditor has already evaluated: under the 50 % of the
# population that approval needs, so the user can carry on where the demo left off.
DEMO_EVALUATED_SHARE = 0.4


def _open_demo_audits(
    db: Database, month: DemoMonth, provider_id: int, seed: int, result: DemoResult
) -> None:
    from auditoria_calidad.demo.evaluations import demo_verdicts
    from auditoria_calidad.services import evaluations, sample

    with db.sessions() as session:
        user = user_named(session, "auditor")
    if user is None or user.role is not Role.AUDITOR or not user.active:
        return
    auditor = actor_of(user)
    draws = {
        channel: sample.create_audit_and_draw(
            db,
            auditor,
            channel,
            provider_id,
            month.period_start,
            month.period_end,
            fraction="0.5",
            seed=seed,
        )
        for channel in (Channel.VIRTUAL, Channel.CHAT)
    }
    result.audits = [draw.number for draw in draws.values()]
    items = sorted(
        evaluations.list_sample(db, auditor, draws[Channel.VIRTUAL].audit_id),
        key=lambda row: (row.received_at, row.key),
    )
    chosen = items[: int(len(items) * DEMO_EVALUATED_SHARE)]
    verdicts = demo_verdicts([row.key for row in chosen], month.misspellings, seed)
    with db.transaction() as session:
        for index, row in enumerate(chosen):
            verdict = verdicts[row.key]
            evaluations.save_in_session(
                session,
                auditor,
                row.sample_item_id,
                evaluations.EvaluationDraft(verdict.answers, verdict.observations),
                expected_version=None,
                sync_audit=index == len(chosen) - 1,
            )
    result.evaluated = len(chosen)


def demo_months(seed: int = DEMO_SEED) -> list[DemoMonth]:
    """The demo's months, earliest first: the same data ``load_demo`` stores."""
    from auditoria_calidad.demo.generator import generate_month

    earlier = [
        generate_month(seed, month=number, virtual_count=count, chat_count=0, first_number=first)
        for number, count, first in EARLIER_MONTHS
    ]
    return [*earlier, generate_month(seed)]


def export_demo_files(directory: str | Path, seed: int = DEMO_SEED) -> list[Path]:
    """Write the demo's CRM export files (xlsx and CSV per month and channel) into
    ``directory``, as a provider's CRM would deliver them; return their paths."""
    from auditoria_calidad.demo.export_files import write_demo_exports

    target = Path(directory)
    try:
        target.mkdir(parents=True, exist_ok=True)
        written: list[Path] = []
        for month in demo_months(seed):
            written += sorted(write_demo_exports(month, target).values())
    except OSError as exc:
        raise InvalidInput(
            f"No se pudieron escribir los archivos en {target}: {exc.strerror or exc}."
        ) from exc
    return written
