"""The quality committee on the command line: its sessions, attendees, decisions and acta.

    committee create | update | list | show | attendee | decide | commitment | commitment-edit |
              close-commitment | commitments | preview | minutes | verify-minutes

The commitment actions are in ``commitment_commands``; ``register`` adds them here, in
their place.
"""

from __future__ import annotations

import argparse
from datetime import datetime, time
from typing import Any

from auditoria_calidad.cli.commitment_commands import add_commitment_actions, commitment_json
from auditoria_calidad.cli.common import Invocation, UsageError, emit, shortened, table
from auditoria_calidad.cli.cycle_common import (
    FINDING_HELP,
    SESSION_HELP,
    Sub,
    add_action,
    command_group,
    dmy,
    finding_json,
    optional_day,
    resolve_audit,
    resolve_finding,
    resolve_provider,
    resolve_session,
    write_file,
)
from auditoria_calidad.domain.plurals import counted
from auditoria_calidad.services import audits, committee, findings
from auditoria_calidad.services import committee_minutes as minutes
from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.committee import SessionDetail, SessionInfo
from auditoria_calidad.services.committee_conflicts import NO_DECISION, DecisionStamp
from auditoria_calidad.services.findings import DECISION_LABELS


def register(sub: Sub, common: argparse.ArgumentParser) -> None:
    _register_committee(
        command_group(sub, common, "committee", "comité de calidad: sesiones, decisiones, actas"),
        common,
    )


def _register_committee(group: Sub, common: argparse.ArgumentParser) -> None:
    p = add_action(
        group,
        common,
        "create",
        cmd_committee_create,
        "abrir una sesión del comité",
        "Las auditorías con inconsistencias en seguimiento o compromisos abiertos se agregan "
        "solas. Fechas dd/mm/aaaa o aaaa-mm-dd.",
    )
    p.add_argument("--date", required=True, metavar="FECHA", help="fecha de la sesión")
    p.add_argument("--audits", default="", metavar="A,B", help="auditorías revisadas")
    p.add_argument("--place", default="", metavar="LUGAR")
    p.add_argument("--acta", metavar="N", help="número de acta (por defecto ACTA-AAAA-NNN)")
    p.add_argument("--agenda", metavar="TEXTO", help="orden del día (una línea por punto)")
    _details_arguments(p)
    p = add_action(
        group,
        common,
        "update",
        cmd_committee_update,
        "registrar los datos de la reunión que recoge el acta",
        "Hora de inicio y de finalización, quién preside, quién actúa como secretario, "
        "quórum y conclusiones del comité. Solo cambia lo que se indique; la sesión debe "
        "estar sin emitir.",
    )
    p.add_argument("session", metavar="SESIÓN", help=SESSION_HELP)
    p.add_argument("--date", metavar="FECHA", help="fecha de la sesión")
    p.add_argument("--place", metavar="LUGAR")
    p.add_argument("--agenda", metavar="TEXTO", help="orden del día (una línea por punto)")
    _details_arguments(p)
    p = add_action(group, common, "list", cmd_committee_list, "sesiones del comité")
    p.add_argument("--provider", metavar="PROVEEDOR")
    p = add_action(group, common, "show", cmd_committee_show, "detalle de una sesión")
    p.add_argument("session", metavar="SESIÓN", help=SESSION_HELP)
    p = add_action(group, common, "attendee", cmd_committee_attendee, "registrar un asistente")
    p.add_argument("session", metavar="SESIÓN", help=SESSION_HELP)
    p.add_argument("--name", required=True, metavar="NOMBRE")
    p.add_argument("--position", default="", metavar="CARGO")
    p.add_argument("--organization", default="", metavar="ENTIDAD")
    p.add_argument("--absent", action="store_true", help="registrar como ausente")
    p = add_action(
        group,
        common,
        "decide",
        cmd_committee_decide,
        "decisión sobre una o varias inconsistencias",
        "Registra la decisión del comité sobre los hallazgos nombrados, o con --all sobre "
        "todas las inconsistencias de la sesión que el proveedor respondió y que aún no "
        "tienen decisión en ella. Todas se registran en una sola transacción, o ninguna.",
    )
    p.add_argument("session", metavar="SESIÓN", help=SESSION_HELP)
    p.add_argument("finding", metavar="HALLAZGO", nargs="*", help=FINDING_HELP)
    p.add_argument(
        "--all",
        action="store_true",
        help="todas las respondidas por el proveedor y sin decisión en esta sesión",
    )
    p.add_argument(
        "--decision", required=True, choices=sorted(committee.DECISION_WORDS), help="decisión"
    )
    p.add_argument("--observation", default="", metavar="TEXTO", help="observación del comité")
    p.add_argument(
        "--expected",
        choices=["ninguna", *sorted(committee.DECISION_WORDS)],
        help="decisión que usted vio en la sesión; si otro la cambió, no se registra (código 5)",
    )
    add_commitment_actions(group, common)
    p = add_action(
        group, common, "preview", cmd_committee_preview, "borrador del acta en PDF (sin emitir)"
    )
    p.add_argument("session", metavar="SESIÓN", help=SESSION_HELP)
    p.add_argument("--pdf", required=True, metavar="SALIDA.pdf")
    p = add_action(
        group,
        common,
        "minutes",
        cmd_committee_minutes,
        "emitir el acta (PDF con huella; la sesión queda de solo lectura)",
    )
    p.add_argument("session", metavar="SESIÓN", help=SESSION_HELP)
    p.add_argument("--pdf", required=True, metavar="SALIDA.pdf")
    p.add_argument(
        "--provider",
        metavar="PROVEEDOR",
        help="escribir lo que recibe ese proveedor: el extracto del acta con solo sus "
        "inconsistencias, respuestas y compromisos (emite el acta si aún no lo está)",
    )
    p = add_action(
        group,
        common,
        "verify-minutes",
        cmd_committee_verify_minutes,
        "verificar un acta (o el extracto de un proveedor) contra su huella SHA-256",
    )
    p.add_argument("session", metavar="SESIÓN", help=SESSION_HELP)
    p.add_argument("file", metavar="ARCHIVO.pdf", help="el PDF a verificar")
    p.add_argument("--provider", metavar="PROVEEDOR", help="verificar el extracto de ese proveedor")


# --- helpers ------------------------------------------------------------------------------


def _details_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--start", metavar="HH:MM", help="hora de inicio (24 h)")
    p.add_argument("--end", metavar="HH:MM", help="hora de finalización (24 h)")
    p.add_argument("--chair", metavar="NOMBRE", help="quién preside la sesión")
    p.add_argument("--secretary", metavar="NOMBRE", help="quién actúa como secretario")
    quorum = p.add_mutually_exclusive_group()
    quorum.add_argument(
        "--quorum", dest="quorum", action="store_const", const=True, help="hubo quórum"
    )
    quorum.add_argument(
        "--no-quorum", dest="quorum", action="store_const", const=False, help="no hubo quórum"
    )
    p.add_argument("--conclusions", metavar="TEXTO", help="conclusiones del comité")


def _clock(text: str | None, option: str) -> time | None:
    if text is None:
        return None
    try:
        return datetime.strptime(text.strip(), "%H:%M").time()
    except ValueError:
        raise UsageError(
            f"{option}: «{text}» no es una hora; escríbala como HH:MM (24 h)."
        ) from None


def _details(inv: Invocation) -> committee.SessionDetails:
    a = inv.args
    return committee.SessionDetails(
        starts_at=_clock(a.start, "--start"),
        ends_at=_clock(a.end, "--end"),
        chair=a.chair,
        secretary=a.secretary,
        quorum=a.quorum,
        conclusions=a.conclusions.replace("\\n", "\n") if a.conclusions else a.conclusions,
    )


def _session_dict(s: SessionInfo) -> dict[str, Any]:
    return {
        "session_id": s.id,
        "acta": s.acta_number,
        "date": s.held_on.isoformat(),
        "place": s.place,
        "state": s.state.value,
        "audits": list(s.audit_numbers),
        "attendees": s.attendees,
        "findings": s.findings,
        "decided": s.decided,
        "commitments": s.commitments,
        "minutes_sha256": s.minutes_sha256,
        "starts_at": s.starts_at.strftime("%H:%M") if s.starts_at else None,
        "ends_at": s.ends_at.strftime("%H:%M") if s.ends_at else None,
        "chair": s.chair,
        "secretary": s.secretary,
        "quorum": s.quorum,
        "conclusions": s.conclusions,
    }


def cmd_committee_create(inv: Invocation) -> None:
    held_on = audits.parse_day(inv.args.date)
    actor = inv.actor()
    ids = [resolve_audit(inv, actor, a) for a in inv.args.audits.split(",") if a.strip()]
    info = committee.create_session(
        inv.db,
        actor,
        held_on,
        ids,
        place=inv.args.place,
        acta_number=inv.args.acta,
        agenda=inv.args.agenda.replace("\\n", "\n") if inv.args.agenda else None,
        details=_details(inv),
    )
    emit(
        inv,
        {"ok": True, **_session_dict(info)},
        f"Sesión {info.acta_number} del {dmy(info.held_on)} creada; revisa "
        + ", ".join(info.audit_numbers)
        + ".",
    )


def cmd_committee_update(inv: Invocation) -> None:
    held_on = optional_day(inv.args.date)
    details = _details(inv)
    actor = inv.actor()
    info = committee.update_session(
        inv.db,
        actor,
        resolve_session(inv, actor, inv.args.session),
        held_on=held_on,
        place=inv.args.place,
        agenda=inv.args.agenda.replace("\\n", "\n") if inv.args.agenda else None,
        details=details,
    )
    emit(inv, {"ok": True, **_session_dict(info)}, f"Sesión {info.acta_number} actualizada.")


def cmd_committee_list(inv: Invocation) -> None:
    actor = inv.actor()
    rows = committee.list_sessions(
        inv.db, actor, provider_id=resolve_provider(inv, actor, inv.args.provider)
    )
    emit(
        inv,
        {"ok": True, "sessions": [_session_dict(s) for s in rows]},
        lambda: table(
            [
                [
                    s.acta_number,
                    dmy(s.held_on),
                    s.place,
                    s.state_label,
                    ", ".join(s.audit_numbers),
                    f"{s.decided}/{s.findings}",
                ]
                for s in rows
            ],
            ["Acta", "Fecha", "Lugar", "Estado", "Auditorías", "Decididas"],
        ),
    )


def _detail_text(d: SessionDetail) -> str:
    i = d.info
    hours = " a ".join(t.strftime("%H:%M") for t in (i.starts_at, i.ends_at) if t is not None)
    quorum = {None: "sin registrar", True: "sí", False: "no"}[i.quorum]
    lines = [
        f"Acta {i.acta_number} — {dmy(i.held_on)} — {i.place or 'sin lugar'}",
        f"Estado: {i.state_label}",
        f"Hora: {hours or 'sin registrar'} · Preside: {i.chair or 'sin registrar'} · "
        f"Secretario: {i.secretary or 'sin registrar'} · Quórum: {quorum}",
        "",
        "Orden del día:",
        *(f"  {line}" for line in d.agenda.splitlines()),
        "",
        "Asistentes:",
        *(
            f"  {a.name} — {a.position} — {a.organization}" + ("" if a.present else " (ausente)")
            for a in d.attendees
        ),
    ]
    for view in d.audits:
        lines += ["", f"Auditoría {view.number} ({view.provider}, {view.state_label}):"]
        for f in view.findings:
            decided = view.decisions.get(f.id)
            label = findings.DECISION_LABELS[decided[0]] if decided else "sin decisión aquí"
            lines.append(
                f"  N.º {f.number:>4}  {f.key}  {shortened(f.criterion_label, 40)}  → {label}"
            )
    for title, items in (("Compromisos", d.commitments), ("Seguimiento", d.follow_up)):
        lines += ["", f"{title}:"]
        lines += [
            f"  {c.id:>4}  {shortened(c.action, 60)} — {c.responsible} — {dmy(c.due_date)} — {c.state_label}"
            for c in items
        ] or ["  (ninguno)"]
    return "\n".join(lines)


def cmd_committee_show(inv: Invocation) -> None:
    actor = inv.actor()
    detail = committee.get_session(inv.db, actor, resolve_session(inv, actor, inv.args.session))
    payload = {
        "ok": True,
        **_session_dict(detail.info),
        "agenda": detail.agenda,
        "attendee_list": [
            {
                "name": a.name,
                "position": a.position,
                "organization": a.organization,
                "present": a.present,
            }
            for a in detail.attendees
        ],
        "findings": [
            {
                **finding_json(f),
                "session_decision": v.decisions[f.id][0].value if f.id in v.decisions else None,
            }
            for v in detail.audits
            for f in v.findings
        ],
        "commitment_list": [commitment_json(c) for c in detail.commitments],
        "follow_up": [commitment_json(c) for c in detail.follow_up],
    }
    emit(inv, payload, lambda: _detail_text(detail))


def cmd_committee_attendee(inv: Invocation) -> None:
    actor = inv.actor()
    attendee = committee.add_attendee(
        inv.db,
        actor,
        resolve_session(inv, actor, inv.args.session),
        inv.args.name,
        inv.args.position,
        inv.args.organization,
        present=not inv.args.absent,
    )
    emit(
        inv,
        {
            "ok": True,
            "attendee_id": attendee.id,
            "name": attendee.name,
            "present": attendee.present,
        },
        f"Asistente registrado: {attendee.name}" + ("" if attendee.present else " (ausente)."),
    )


def _expected_decision(word: str | None) -> DecisionStamp | None:
    if word is None:
        return None
    return NO_DECISION if word == "ninguna" else DecisionStamp(committee.parse_decision(word))


def cmd_committee_decide(inv: Invocation) -> None:
    a = inv.args
    if a.all and a.finding:
        raise UsageError("Use --all o nombre los hallazgos, no las dos cosas a la vez.")
    if not a.all and not a.finding:
        raise UsageError("Nombre al menos un hallazgo (AUDITORÍA/N.º) o use --all.")
    if a.all or len(a.finding) > 1:
        _decide_many(inv)
        return
    actor = inv.actor()
    finding = committee.record_decision(
        inv.db,
        actor,
        resolve_session(inv, actor, inv.args.session),
        resolve_finding(inv, actor, inv.args.finding[0]),
        inv.args.decision,
        inv.args.observation,
        expected=_expected_decision(inv.args.expected),
    )
    emit(
        inv,
        {
            "ok": True,
            "finding": finding.id,
            "number": finding.number,
            "audit": finding.audit_number,
            "decision": finding.committee_state,
        },
        f"Hallazgo N.º {finding.number} de {finding.audit_number} ({finding.key}): "
        f"{finding.decision_label}.",
    )


def _decide_many(inv: Invocation) -> None:
    """Several decisions in one transaction: the named findings, or --all answered ones."""
    a = inv.args
    actor = inv.actor()
    session_id = resolve_session(inv, actor, a.session)
    if a.all:
        if a.expected is not None:
            raise UsageError(
                "--expected no aplica con --all: se deciden solo las que no tienen decisión."
            )
        result = committee.decide_answered(inv.db, actor, session_id, a.decision, a.observation)
    else:
        ids = [resolve_finding(inv, actor, ref) for ref in a.finding]
        stamp = _expected_decision(a.expected)
        result = committee.record_decisions(
            inv.db,
            actor,
            session_id,
            [(fid, a.decision, a.observation) for fid in ids],
            expected=None if stamp is None else dict.fromkeys(ids, stamp),
        )
    label = DECISION_LABELS[committee.parse_decision(a.decision)]
    emit(
        inv,
        {
            "ok": True,
            "decided": result.recorded,
            "decision": committee.parse_decision(a.decision),
            "findings": list(result.references),
        },
        f"{label}: {counted(result.recorded, 'inconsistencia', 'inconsistencias')} "
        f"({', '.join(result.references[:20])}{'…' if result.recorded > 20 else ''}).",
    )


def cmd_committee_preview(inv: Invocation) -> None:
    actor = inv.actor()
    pdf = minutes.minutes_pdf(inv.db, actor, resolve_session(inv, actor, inv.args.session))
    target = write_file(inv.args.pdf, pdf)
    emit(inv, {"ok": True, "file": str(target)}, f"Acta escrita en {target}.")


def cmd_committee_minutes(inv: Invocation) -> None:
    actor = inv.actor()
    session_id = resolve_session(inv, actor, inv.args.session)
    if inv.args.provider is not None:
        _provider_minutes(inv, actor, session_id)
        return
    info, pdf = minutes.issue_minutes(inv.db, actor, session_id)
    target = write_file(inv.args.pdf, pdf)
    emit(
        inv,
        {"ok": True, **_session_dict(info), "file": str(target)},
        f"Acta {info.acta_number} emitida en {target}.\nSHA-256 {info.minutes_sha256}",
    )


def _provider_minutes(inv: Invocation, actor: Actor, session_id: int) -> None:
    """Write what one provider receives: its extract (issuing the acta first if needed)."""
    provider_id = resolve_provider(inv, actor, inv.args.provider)
    assert provider_id is not None
    info = committee.get_session(inv.db, actor, session_id).info
    issued_now = info.state is committee.SessionState.DRAFT
    if issued_now:
        info, _full = minutes.issue_minutes(inv.db, actor, session_id)
    pdf = minutes.provider_minutes_pdf(inv.db, actor, session_id, provider_id)
    check = minutes.verify_minutes(inv.db, actor, session_id, pdf, provider_id)
    target = write_file(inv.args.pdf, pdf)
    emit(
        inv,
        {
            "ok": True,
            **_session_dict(info),
            "provider": check.provider,
            "file": str(target),
            "extract_sha256": check.stored_sha256,
            "issued_now": issued_now,
        },
        (f"Acta {info.acta_number} emitida.\n" if issued_now else "")
        + f"Extracto del acta {info.acta_number} para {check.provider} escrito en {target}."
        + f"\nSHA-256 {check.stored_sha256}",
    )


def cmd_committee_verify_minutes(inv: Invocation) -> int:
    actor = inv.actor()
    session_id = resolve_session(inv, actor, inv.args.session)
    provider_id = resolve_provider(inv, actor, inv.args.provider)
    check = minutes.verify_minutes(inv.db, actor, session_id, inv.args.file, provider_id)
    what = (
        f"el extracto del acta {check.acta_number} para {check.provider}"
        if check.provider
        else f"el acta emitida {check.acta_number}"
    )
    emit(
        inv,
        {
            "ok": check.matches,
            "acta": check.acta_number,
            "provider": check.provider or None,
            "matches": check.matches,
            "stored_sha256": check.stored_sha256,
            "file_sha256": check.file_sha256,
        },
        (f"El archivo es {what}." if check.matches else f"El archivo NO coincide con {what}.")
        + f"\n  Huella registrada: {check.stored_sha256}\n  Huella del archivo: {check.file_sha256}",
    )
    return 0 if check.matches else 1
