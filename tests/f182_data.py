"""A small audit with a sample, for the tests of the F182 form, workbook and command line.

Records go in through the same store the importer uses and the audit is created by
`services.audits`; the sample takes every record (fraction 1), so each test starts from a
known list of sampled records.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from auditoria_calidad.domain.fields import Channel, RecordData
from auditoria_calidad.domain.roles import Role
from auditoria_calidad.services import administration, audits, evaluations, sample
from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.auth import login
from auditoria_calidad.services.connection import Database
from auditoria_calidad.services.record_store import store_records
from auditoria_calidad.storage.models import ImportBatch

PASSWORD = "clave-auditora-1"
AGENTS = ("Ana María Gómez", "Luis Fernando Pérez", "Sandra Milena Ruiz")
ANSWER = (
    "Buenos días, señora Rodríguez. En atención a su solicitud le informamos que el "
    "certificado fue generado y enviado a su correo electrónico registrado. Si necesita "
    "información adicional puede comunicarse con nuestra línea de atención. Cordialmente."
)
MISSPELLED = (
    "Buenos dias, le informamos que su solisitud fue recivida y sera atendida en los "
    "proximos dias habiles por el area encargada. Cordialmente."
)


@dataclass(frozen=True)
class F182Audit:
    audit_id: int
    number: str
    auditor: Actor
    items: list[int]  # sample item ids, in list order (by date of receipt)
    keys: list[str]


def _virtual(i: int, start: datetime) -> RecordData:
    received = start + timedelta(hours=7 * i)
    return RecordData(
        channel=Channel.VIRTUAL,
        key=f"2026-ER-{100 + i:06d}",
        agent=AGENTS[i % len(AGENTS)],
        received_at=received,
        # Every third answer is late (30 h), the others within 24 h.
        answered_at=received + timedelta(hours=30 if i % 3 == 2 else 5, minutes=30),
        identity_number=f"10203{i:05d}",
        requester_name="Marta Rodríguez",
        request_type="Petición" if i % 2 else "Queja",
        service="Certificados",
        crm_registrations=2 if i % 4 == 3 else 1,
        request_text=('=HYPERLINK("http://x")' if i == 1 else f"Solicito el certificado {i}."),
        answer_text=MISSPELLED if i % 2 else ANSWER,
        source_row=i + 2,
    )


def _chat(i: int, start: datetime) -> RecordData:
    received = start + timedelta(hours=5 * i)
    transcript = "\n".join(
        [
            f"[{received:%H:%M:%S}] Usuario: Hola, necesito el certificado.",
            f"[{received:%H:%M:%S}] Agente (Ana): Buenos dias, con gusto le ayudo.",
            f"[{received:%H:%M:%S}] Usuario: Gracias.",
            f"[{received:%H:%M:%S}] Agente (Ana): Su certificado fue enviado a su correo.",
        ]
    )
    return RecordData(
        channel=Channel.CHAT,
        key=f"CHAT-2026-{500 + i:06d}",
        agent=AGENTS[i % len(AGENTS)],
        received_at=received,
        identity_number=f"52{i:08d}",
        request_type="Consulta",
        service="Certificados",
        request_text="Hola, necesito el certificado.",
        answer_text=transcript,
        wait_seconds=30 if i % 2 else 95,
        registered_in_crm=bool(i % 3),
        user_rating=None if i % 2 else 4.0,
        source_row=i + 2,
    )


def build_audit(
    db: Database,
    admin: Actor,
    *,
    count: int = 6,
    channel: Channel = Channel.VIRTUAL,
    auditor_name: str = "auditora",
) -> F182Audit:
    """A provider, ``count`` records of one channel, an audit of October 2026 sampling all."""
    provider = administration.add_provider(db, admin, "Contacto Total S.A.S.")
    administration.add_user(
        db, admin, auditor_name, PASSWORD, Role.AUDITOR, full_name="Auditora de Pruebas"
    )
    auditor = login(db, auditor_name, PASSWORD)
    start = datetime(2026, 10, 5, 8, 0)
    make = _virtual if channel is Channel.VIRTUAL else _chat
    records = [make(i, start) for i in range(count)]
    with db.transaction() as session:
        batch = ImportBatch(
            provider_id=provider.id,
            channel=channel,
            file_name="prueba.xlsx",
            file_sha256="0" * 64,
            sheet="Hoja1",
            header_row=1,
            mapping={},
            user_id=auditor.id,
            started_at=start,
            total_rows=count,
        )
        session.add(batch)
        session.flush()
        store_records(
            session,
            provider_id=provider.id,
            channel=channel,
            batch_id=batch.id,
            source_file="prueba.xlsx",
            records=records,
        )
    info = audits.create_audit(
        db, auditor, channel, provider.id, start.date(), start.date() + timedelta(days=20)
    )
    sample.draw_audit_sample(db, auditor, info.id, fraction="1", seed=7)
    rows = evaluations.list_sample(db, auditor, info.id)
    return F182Audit(
        info.id, info.number, auditor, [r.sample_item_id for r in rows], [r.key for r in rows]
    )


def all_met(scheme_keys: list[str], level_key: str = "redaccion_ortografia") -> dict[str, str]:
    """Answers meeting every judged criterion, spelling level «alto»."""
    return {k: ("alto" if k == level_key else "cumple") for k in scheme_keys}
