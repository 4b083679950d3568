"""What the minutes (acta) of a committee session and each provider's extract read."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import select
from sqlalchemy.orm import Session

from auditoria_calidad.storage.models import (
    Audit,
    CommitteeDecision,
    Decision,
    Finding,
    MinutesExtract,
    Provider,
)


def undecided_finding_numbers(
    session: Session, audit_ids: Collection[int]
) -> list[tuple[str, int | None]]:
    """(audit number, finding number) of the audits' findings never decided, in that order."""
    return list(
        session.execute(
            select(Audit.number, Finding.number)
            .join(Audit, Audit.id == Finding.audit_id)
            .where(Finding.audit_id.in_(audit_ids), Finding.committee_state.is_(None))
            .order_by(Audit.number, Finding.number, Finding.id)
        ).all()
    )


def findings_followed_before(session: Session, session_id: int) -> set[int]:
    """Ids of the findings an earlier session left under follow-up."""
    return set(
        session.scalars(
            select(CommitteeDecision.finding_id).where(
                CommitteeDecision.session_id < session_id,
                CommitteeDecision.decision == Decision.FOLLOW_UP,
            )
        )
    )


def provider_names(session: Session) -> list[str]:
    """Every provider's name."""
    return list(session.scalars(select(Provider.name)))


def providers_of_audits(session: Session, audit_ids: Collection[int]) -> list[tuple[int, str]]:
    """(id, name) of the providers of these audits, by name."""
    return list(
        session.execute(
            select(Provider.id, Provider.name)
            .where(Provider.id.in_(select(Audit.provider_id).where(Audit.id.in_(audit_ids))))
            .order_by(Provider.name)
        ).all()
    )


def extract_pdf(session: Session, session_id: int, provider_id: int) -> bytes | None:
    """The stored PDF of the provider's extract of the session's acta."""
    return session.scalar(
        select(MinutesExtract.pdf).where(
            MinutesExtract.session_id == session_id, MinutesExtract.provider_id == provider_id
        )
    )


def extract_sha256(session: Session, session_id: int, provider_id: int) -> str | None:
    """The SHA-256 recorded for the provider's extract of the session's acta."""
    return session.scalar(
        select(MinutesExtract.sha256).where(
            MinutesExtract.session_id == session_id, MinutesExtract.provider_id == provider_id
        )
    )
