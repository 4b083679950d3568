"""A calibration session of three evaluators over an audit's records, for the tests of the
session screen, the calibration report and the monthly report.

Ana (auditor, creator and reference), Beto (auditor) and Carla (head of office) judge
four records; Carla fails «Solución del problema» of the first and Beto gives a medium
writing level to the second: two records in disagreement, the first the widest.
"""

from __future__ import annotations

from dataclasses import dataclass

from auditoria_calidad.domain.roles import Role
from auditoria_calidad.services import administration
from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.auth import login
from auditoria_calidad.services.calibration import (
    create_calibration,
    list_records,
    save_judgement,
    submit_calibration,
)
from auditoria_calidad.services.calibration_dtos import CalibrationSummary, JudgementDraft
from auditoria_calidad.services.connection import Database
from f182_data import PASSWORD, build_audit

ALL_MET = {
    "coherencia": "cumple",
    "pertinencia": "cumple",
    "solucion": "cumple",
    "redaccion_ortografia": "alto",
}
NOTE = "La respuesta no resuelve lo que el usuario pidió."


@dataclass
class CalibrationOffice:
    audit_id: int
    number: str
    ana: Actor
    beto: Actor
    carla: Actor
    summary: CalibrationSummary

    @property
    def first(self) -> str:
        return self.summary.record_keys[0]

    @property
    def second(self) -> str:
        return self.summary.record_keys[1]


def judge(
    db: Database, actor: Actor, cal_id: int, changes: dict[str, dict[str, str]] | None = None
) -> None:
    """Judge every record: all met, except ``changes`` (record key → answers)."""
    for row in list_records(db, actor, cal_id):
        answers = ALL_MET | (changes or {}).get(row.key, {})
        failed = "no_cumple" in answers.values() or answers["redaccion_ortografia"] == "bajo"
        save_judgement(
            db,
            actor,
            cal_id,
            row.record_id,
            JudgementDraft(answers, NOTE if failed else ""),
            expected_version=row.version,
        )


def open_session(db: Database, admin: Actor) -> CalibrationOffice:
    """An open session of four records (seed 11), nobody has judged yet."""
    built = build_audit(db, admin, count=6, auditor_name="ana")
    actors = {}
    for name, role, full in (
        ("beto", Role.AUDITOR, "Beto Ramírez"),
        ("carla", Role.HEAD, "Carla Méndez"),
    ):
        administration.add_user(db, admin, name, PASSWORD, role, full_name=full)
        actors[name] = login(db, name, PASSWORD)
    summary = create_calibration(
        db,
        built.auditor,
        built.audit_id,
        evaluators=["ana", "beto", "carla"],
        size=4,
        seed=11,
        reference="ana",
    )
    return CalibrationOffice(
        built.audit_id, built.number, built.auditor, actors["beto"], actors["carla"], summary
    )


def revealed_session(db: Database, admin: Actor) -> CalibrationOffice:
    """The session above, judged by all three and revealed."""
    office = open_session(db, admin)
    cal = office.summary.id
    judge(db, office.ana, cal)
    judge(db, office.beto, cal, {office.second: {"redaccion_ortografia": "medio"}})
    judge(db, office.carla, cal, {office.first: {"solucion": "no_cumple"}})
    for actor in (office.ana, office.beto, office.carla):
        office.summary = submit_calibration(db, actor, cal)
    return office
