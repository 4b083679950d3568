"""Table models of the committee page: sessions, attendees, commitments, and the audits in
committee with what keeps each from closing."""

from __future__ import annotations

from typing import Any

from auditoria_calidad.services.committee import AttendeeInfo, CommitmentInfo, SessionInfo
from auditoria_calidad.services.findings import AuditFindingsStatus
from auditoria_calidad.ui import locale_format
from auditoria_calidad.ui.table_models import Column, RowTableModel, RowTableView


class SessionsModel(RowTableModel[SessionInfo]):
    COLUMNS = (
        Column[SessionInfo]("Acta", lambda s: s.acta_number),
        Column[SessionInfo]("Fecha", lambda s: locale_format.day(s.held_on), lambda s: s.held_on),
        Column[SessionInfo]("Lugar", lambda s: s.place),
        Column[SessionInfo]("Estado", lambda s: s.state_label),
        Column[SessionInfo]("Auditorías", lambda s: ", ".join(s.audit_numbers)),
        Column[SessionInfo](
            "Asistentes", lambda s: str(s.attendees), lambda s: s.attendees, numeric=True
        ),
        Column[SessionInfo](
            "Decisiones", lambda s: f"{s.decided}/{s.findings}", lambda s: s.decided, numeric=True
        ),
        Column[SessionInfo](
            "Compromisos", lambda s: str(s.commitments), lambda s: s.commitments, numeric=True
        ),
    )


class AttendeesModel(RowTableModel[AttendeeInfo]):
    COLUMNS = (
        Column[AttendeeInfo]("Nombre", lambda a: a.name),
        Column[AttendeeInfo]("Cargo", lambda a: a.position),
        Column[AttendeeInfo]("Entidad / dependencia", lambda a: a.organization),
        Column[AttendeeInfo]("Asistencia", lambda a: "Presente" if a.present else "Ausente"),
    )


def _due(c: CommitmentInfo) -> str:
    text = locale_format.day(c.due_date)
    return f"{text} (vencido)" if c.overdue() else text


class CommitmentsModel(RowTableModel[CommitmentInfo]):
    COLUMNS = (
        Column[CommitmentInfo]("N.º", lambda c: str(c.id), lambda c: c.id, numeric=True),
        Column[CommitmentInfo]("Compromiso", lambda c: " ".join(c.action.split())),
        Column[CommitmentInfo]("Responsable", lambda c: c.responsible),
        Column[CommitmentInfo]("Fecha límite", _due, lambda c: c.due_date),
        Column[CommitmentInfo](
            "Estado",
            lambda c: c.state_label + (f" (acta {c.closed_in_acta})" if c.closed_in_acta else ""),
        ),
        Column[CommitmentInfo]("Referencia", lambda c: c.reference or "General"),
        Column[CommitmentInfo]("Acordado en", lambda c: c.acta_number),
        Column[CommitmentInfo]("Entidad / dependencia", lambda c: c.organization),
    )


# An audit in committee and what still keeps it from closing.
Closable = tuple[AuditFindingsStatus, str]


class ClosableModel(RowTableModel[Closable]):
    COLUMNS = (
        Column[Closable]("Auditoría", lambda r: r[0].number),
        Column[Closable]("Proveedor", lambda r: r[0].provider),
        Column[Closable](
            "Decididas",
            lambda r: f"{r[0].decided}/{r[0].findings}",
            lambda r: r[0].decided,
            numeric=True,
        ),
        Column[Closable](
            "En seguimiento", lambda r: str(r[0].follow_up), lambda r: r[0].follow_up, numeric=True
        ),
        Column[Closable]("Para cerrar falta", lambda r: r[1] or "Nada: se puede cerrar"),
    )


COMMITMENT_CAPS = {1: 380, 2: 200, 4: 170}


def named_table(model: RowTableModel[Any], name: str) -> RowTableView:
    view = RowTableView(model)
    view.setObjectName(name)
    return view
