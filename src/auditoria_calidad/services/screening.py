"""The automatic screening of every answer of an audit's population, stored per record.

``screen_audit`` reads the whole population (not only the sample), screens it with the
rules of ``domain.screening`` and the settings of the audit's scheme and of the entity
(its name, its word list, the plain-language and protocol settings of
``services.office_settings``), and replaces the stored results in one transaction, each
with ``RULES_VERSION``. The audit's creation and "Actualizar población" screen through
``screen_in_session`` inside their own transaction.

The window and the command line read the results with ``alerts_for_audit`` (every record
of the population), ``alerts_for_record`` (the F182 form) and ``screening_summary`` (the
reports: counts per alert and per agent, and how often the auditors agreed with the
proposals kept in ``evaluations.proposals``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from auditoria_calidad.domain.roles import Permission
from auditoria_calidad.domain.screening import (
    ALERT_CODES,
    ALERT_LABELS,
    RULES_VERSION,
    Alert,
    ScreeningCancelled,
    ScreeningInput,
    ScreeningSettings,
    screen_population,
)
from auditoria_calidad.domain.screening.protocol import entity_identifiers
from auditoria_calidad.domain.spelling import SpellChecker, SpellingDictionaryError
from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.audits import load_audit
from auditoria_calidad.services.connection import Database
from auditoria_calidad.services.entity_words import SETTING_KEY as ENTITY_WORDS_KEY
from auditoria_calidad.services.errors import InvalidInput, NotFound, ServiceError
from auditoria_calidad.services.office_settings import SETTINGS
from auditoria_calidad.services.schemes import scheme_of
from auditoria_calidad.services.screening_dtos import (
    AgentAlertCounts,
    AlertInfo,
    AuditAlerts,
    ProposalAgreement,
    RecordAlerts,
    ScreeningCounts,
    ScreeningSummary,
)
from auditoria_calidad.storage.models import Audit, AuditState
from auditoria_calidad.storage.queries.audits import audit_by_number
from auditoria_calidad.storage.queries.screening import (
    PopulationResultRow,
    complete_evaluation_proposals,
    delete_screening_results,
    insert_screening_results,
    population_results,
    population_to_screen,
    record_result,
    setting_values,
)

__all__ = [
    "ALERT_CODES",
    "ALERT_LABELS",
    "RULES_VERSION",
    "ScreeningCancelled",
    "alerts_for_audit",
    "alerts_for_record",
    "parse_codes",
    "screen_audit",
    "screen_in_session",
    "screening_summary",
]

Progress = Callable[[int, int], None]
AuditRef = int | str
_DEFAULTS = {spec.key: spec.default for spec in SETTINGS}


# --- Settings ----------------------------------------------------------------------------


def _stored_settings(session: Session) -> dict[str, Any]:
    keys = [*_DEFAULTS, ENTITY_WORDS_KEY]
    return {**_DEFAULTS, **setting_values(session, keys)}


def _phrases(value: Any, default: Any) -> tuple[str, ...]:
    items = value if isinstance(value, list) else default
    return tuple(str(p) for p in items if str(p).strip())


def entity_settings(session: Session) -> ScreeningSettings:
    """The entity's part of the screening settings (before the scheme's limits)."""
    values = _stored_settings(session)
    name = str(values.get("entity_name") or "").strip()
    # The placeholder name of a fresh database identifies no entity: not checked then.
    names = entity_identifiers(name) if name and name != _DEFAULTS["entity_name"] else ()
    words = values.get(ENTITY_WORDS_KEY)
    threshold = values["screening_readability_threshold"]
    return ScreeningSettings(
        entity_names=names,
        entity_words=tuple(str(w) for w in words) if isinstance(words, list) else (),
        legalisms=_phrases(values["screening_legalisms"], _DEFAULTS["screening_legalisms"]),
        readability_threshold=float(threshold),
        greeting_phrases=_phrases(values["screening_greetings"], _DEFAULTS["screening_greetings"]),
        closing_phrases=_phrases(values["screening_closings"], _DEFAULTS["screening_closings"]),
        signature_phrases=_phrases(
            values["screening_signatures"], _DEFAULTS["screening_signatures"]
        ),
    )


# --- Screening ---------------------------------------------------------------------------


def _inputs(session: Session, audit_id: int) -> tuple[list[ScreeningInput], dict[str, int]]:
    inputs, ids = [], {}
    for (
        record_id,
        key,
        channel,
        request_type,
        service,
        request_text,
        answer_text,
        received_at,
        answered_at,
        wait_seconds,
        registered_in_crm,
        requester_name,
        agent,
        answer_days_only,
    ) in population_to_screen(session, audit_id):
        ids[key] = record_id
        inputs.append(
            ScreeningInput(
                key=key,
                channel=channel,
                request_type=request_type,
                service=service,
                request_text=request_text,
                answer_text=answer_text,
                received_at=received_at,
                answered_at=answered_at,
                wait_seconds=wait_seconds,
                registered_in_crm=registered_in_crm,
                requester_name=requester_name,
                agent=agent,
                answered_day_only=answer_days_only and answered_at is not None,
            )
        )
    return inputs, ids


def _stored(alert: Alert) -> dict[str, Any]:
    return {
        "code": alert.code,
        "criterion": alert.criterion,
        "evidence": alert.evidence,
        "words": list(alert.words),
        "proposed": alert.proposed,
    }


def screen_in_session(
    session: Session,
    actor: Actor,
    audit: Audit,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ScreeningCounts:
    """Screen the audit's whole population and replace its stored results, inside the
    caller's transaction (a cancellation or a failure leaves the previous results)."""
    inputs, ids = _inputs(session, audit.id)
    settings = entity_settings(session).for_scheme(scheme_of(audit.scheme))
    try:
        checker = SpellChecker.load()
    except SpellingDictionaryError as exc:
        raise ServiceError(str(exc)) from exc
    n = len(inputs)

    def records_done(done: int, total: int) -> None:
        # The engine counts its passes; the user is told records.
        if progress is not None:
            progress(done * n // total if total else n, n)

    found = screen_population(
        inputs, settings, progress=records_done, cancelled=cancelled, checker=checker
    )
    now = datetime.now().replace(microsecond=0)
    delete_screening_results(session, audit.id)
    rows = [
        {
            "audit_id": audit.id,
            "record_id": ids[key],
            "rules_version": RULES_VERSION,
            "alerts": [_stored(a) for a in alerts],
            "screened_at": now,
        }
        for key, alerts in found.items()
    ]
    insert_screening_results(session, rows)
    by_code = Counter(a.code for alerts in found.values() for a in alerts)
    counts = ScreeningCounts(
        audit_id=audit.id,
        number=audit.number,
        rules_version=RULES_VERSION,
        records=len(found),
        records_with_alerts=sum(1 for alerts in found.values() if alerts),
        by_code={code: by_code[code] for code in ALERT_CODES if by_code[code]},
    )
    return counts


def _find(session: Session, actor: Actor, audit: AuditRef) -> Audit:
    """The audit by id (int) or by number or id written as text, after the read checks."""
    row: Audit | None = None
    if isinstance(audit, int):
        row = session.get(Audit, audit)
    else:
        text = audit.strip()
        row = audit_by_number(session, text)
        if row is None and text.isdigit():
            row = session.get(Audit, int(text))
    if row is None:
        raise NotFound(f"No existe la auditoría «{audit}».")
    return load_audit(session, actor, row.id)


def screen_audit(
    db: Database,
    actor: Actor,
    audit_code: AuditRef,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ScreeningCounts:
    """Screen every record of the audit's population again and store the results.

    ``progress(done, total)`` is called now and then; when ``cancelled()`` returns True,
    ``ScreeningCancelled`` is raised and the stored results stay as they were.
    """
    actor.require(Permission.MANAGE_AUDITS)
    with db.transaction() as session:
        audit = _find(session, actor, audit_code)
        if audit.state is AuditState.ANNULLED:
            raise InvalidInput(f"La auditoría {audit.number} está anulada.")
        return screen_in_session(session, actor, audit, progress, cancelled)


# --- Reading -----------------------------------------------------------------------------


def parse_codes(codes: Iterable[str]) -> tuple[str, ...]:
    """Alert codes as written by a user (``plazo_24h``, ``ortografia``...), checked."""
    chosen = tuple(dict.fromkeys(c.strip().lower() for c in codes if c.strip()))
    if not chosen:
        raise InvalidInput("Indique al menos un código de alerta.")
    unknown = [c for c in chosen if c not in ALERT_CODES]
    if unknown:
        raise InvalidInput(
            f"Código de alerta desconocido: {', '.join(unknown)}. Los códigos son: "
            f"{', '.join(ALERT_CODES)}."
        )
    return chosen


def _record_alerts(
    key: str, agent: str, stored: list[Any] | None, code: str | None = None
) -> RecordAlerts:
    alerts = tuple(AlertInfo.from_stored(a) for a in stored or ())
    if code is not None:
        alerts = tuple(a for a in alerts if a.code == code)
    return RecordAlerts(key, agent, alerts, screened=stored is not None)


def alerts_for_audit(
    db: Database, actor: Actor, audit: AuditRef, code: str | None = None
) -> AuditAlerts:
    """Every record of the audit's population with its stored alerts, by key.

    With ``code``, only the records with that alert, each with only its alerts of that code.
    """
    actor.require(Permission.READ_RECORDS)
    wanted = parse_codes([code])[0] if code is not None else None
    with db.sessions() as session:
        row = _find(session, actor, audit)
        results = population_results(session, row.id)
    versions = {version for *_, version, _at in results if version is not None}
    records = [
        _record_alerts(key, agent, alerts, wanted) for _id, key, agent, alerts, *_ in results
    ]
    if wanted is not None:
        records = [r for r in records if r.alerts]
    return AuditAlerts(
        audit_id=row.id,
        number=row.number,
        # One screening replaces every result: the versions differ only if ever mixed.
        rules_version=min(versions) if len(versions) == 1 else (None if not versions else "*"),
        screened_at=max((at for *_, at in results if at is not None), default=None),
        records=tuple(records),
        unscreened=sum(1 for _i, _k, _a, alerts, *_ in results if alerts is None),
    )


def alerts_for_record(db: Database, actor: Actor, audit: AuditRef, key: str) -> RecordAlerts:
    """One record's alerts, for the F182 form (``screened`` False: not screened yet)."""
    actor.require(Permission.READ_RECORDS)
    with db.sessions() as session:
        row = _find(session, actor, audit)
        found = record_result(session, row.id, key.strip())
        if found is None:
            raise NotFound(
                f"El registro «{key}» no pertenece a la población de la auditoría {row.number}."
            )
        return _record_alerts(found[1], found[2], found[3])


def _agreement(
    session: Session, audit_id: int, proposals_of: dict[int, dict[str, str]]
) -> tuple[ProposalAgreement, ...]:
    """Per criterion: proposals shown in evaluated records and how many the auditor's final
    value equals. The form's record of what it showed (``evaluations.proposals``) is used;
    an evaluation without it counts the stored screening's proposals."""
    shown: Counter[str] = Counter()
    agreed: Counter[str] = Counter()
    rows = complete_evaluation_proposals(session, audit_id)
    for record_id, answers, proposals in rows:
        offered: dict[str, str] = {}
        if isinstance(proposals, dict) and proposals:
            for criterion, entry in proposals.items():
                value = entry.get("proposed") if isinstance(entry, dict) else entry
                if value is not None:
                    offered[str(criterion)] = str(value)
        else:
            offered = proposals_of.get(record_id, {})
        for criterion, value in offered.items():
            shown[criterion] += 1
            if (answers or {}).get(criterion) == value:
                agreed[criterion] += 1
    return tuple(ProposalAgreement(c, shown[c], agreed[c]) for c in sorted(shown))


def screening_summary(db: Database, actor: Actor, audit: AuditRef) -> ScreeningSummary:
    """The screening of the whole population: records per alert, per agent, and how often
    the auditors agreed with the proposals."""
    actor.require(Permission.READ_RECORDS)
    with db.sessions() as session:
        row = _find(session, actor, audit)
        results: list[PopulationResultRow] = population_results(session, row.id)
        by_code: Counter[str] = Counter()
        agents: dict[str, list[int]] = {}
        agent_codes: dict[str, Counter[str]] = {}
        proposals_of: dict[int, dict[str, str]] = {}
        versions: set[str] = set()
        screened_at: datetime | None = None
        for record_id, _key, agent, alerts, version, at in results:
            totals = agents.setdefault(agent, [0, 0])
            totals[0] += 1
            if alerts is None:
                continue
            assert version is not None and at is not None  # both stored with the alerts
            versions.add(version)
            screened_at = at if screened_at is None else max(screened_at, at)
            codes = {a["code"] for a in alerts}
            by_code.update(codes)
            agent_codes.setdefault(agent, Counter()).update(codes)
            totals[1] += 1 if codes else 0
            proposals_of[record_id] = {
                a["criterion"]: a["proposed"] for a in alerts if a.get("proposed") is not None
            }
        agreement = _agreement(session, row.id, proposals_of)
    return ScreeningSummary(
        audit_id=row.id,
        number=row.number,
        rules_version=min(versions) if len(versions) == 1 else (None if not versions else "*"),
        screened_at=screened_at,
        population=len(results),
        screened=sum(1 for *_, alerts, _v, _at in results if alerts is not None),
        records_with_alerts=sum(t[1] for t in agents.values()),
        by_code=tuple((c, ALERT_LABELS[c], by_code[c]) for c in ALERT_CODES),
        by_agent=tuple(
            AgentAlertCounts(
                agent,
                agents[agent][0],
                agents[agent][1],
                {c: n for c in ALERT_CODES if (n := agent_codes.get(agent, Counter())[c])},
            )
            for agent in sorted(agents)
        ),
        agreement=agreement,
    )
