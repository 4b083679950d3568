"""An audit's sample: the seeded stratified draw, manual additions, removals with their
replacement, and "Actualizar población" (late records and the top-up of the sample).

The rules are in ``domain.sampling`` (see docs/sampling.md); this module feeds them the
audit's frozen population and stores what they decide, one transaction per use case.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction

from sqlalchemy.orm import Session

from auditoria_calidad.domain.fields import Channel
from auditoria_calidad.domain.plurals import counted
from auditoria_calidad.domain.roles import Permission
from auditoria_calidad.domain.sampling import (
    SamplingError,
    draw_sample,
    next_in_stratum,
    plan_strata,
    required_count,
    top_up,
)
from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.audit_trail import log_event
from auditoria_calidad.services.audits import (
    audit_counts,
    create_in_session,
    load_audit,
    sync_state,
    with_number_retry,
)
from auditoria_calidad.services.connection import Database
from auditoria_calidad.services.errors import InvalidInput, NotFound
from auditoria_calidad.services.sample_dtos import ORIGIN_LABELS as ORIGIN_LABELS
from auditoria_calidad.services.sample_dtos import DrawResult as DrawResult
from auditoria_calidad.services.sample_dtos import RefreshResult as RefreshResult
from auditoria_calidad.services.sample_dtos import RemovalResult as RemovalResult
from auditoria_calidad.services.sample_dtos import SampleItemInfo as SampleItemInfo
from auditoria_calidad.services.sample_dtos import SamplePlan as SamplePlan
from auditoria_calidad.services.sample_dtos import StratumResult as StratumResult
from auditoria_calidad.services.sample_inputs import DEFAULT_FRACTION as DEFAULT_FRACTION
from auditoria_calidad.services.sample_inputs import decimal_fraction
from auditoria_calidad.services.sample_inputs import parse_sample_fraction as parse_sample_fraction
from auditoria_calidad.services.sample_inputs import parse_seed as parse_seed
from auditoria_calidad.services.schemes import ensure_default_schemes
from auditoria_calidad.services.screening import parse_codes, screen_in_session
from auditoria_calidad.services.screening_dtos import DirectedAdditions as DirectedAdditions
from auditoria_calidad.storage.models import Audit, Record, SampleItem, SampleOrigin
from auditoria_calidad.storage.queries import sample as queries
from auditoria_calidad.storage.queries.sample import CHUNK as CHUNK

Progress = Callable[[int, int], None]


# --- Reading the audit's population and sample -------------------------------------------


@dataclass
class _Population:
    pairs: list[tuple[str, str]]  # (agent, key)
    record_id: dict[str, int]
    agent_of: dict[str, str]

    def stratum(self, agent: str) -> list[str]:
        return [k for a, k in self.pairs if a == agent]


def _population(session: Session, audit_id: int) -> _Population:
    pairs, ids, agents = [], {}, {}
    for agent, key, record_id in queries.population_rows(session, audit_id):
        pairs.append((agent, key))
        ids[key] = record_id
        agents[key] = agent
    return _Population(pairs, ids, agents)


def _items(session: Session, audit_id: int) -> list[tuple[SampleItem, str]]:
    """Every sample item of the audit (removed ones too) with its record key."""
    return queries.sample_items_with_keys(session, audit_id)


def _add_items(
    session: Session,
    actor: Actor,
    audit: Audit,
    population: _Population,
    keys: list[str],
    origin: SampleOrigin,
    progress: Progress | None = None,
) -> None:
    now = datetime.now().replace(microsecond=0)
    rows = [
        {
            "audit_id": audit.id,
            "record_id": population.record_id[k],
            "origin": origin,
            "added_by": actor.id,
            "added_at": now,
        }
        for k in keys
    ]
    queries.insert_sample_items(session, rows, progress)


# --- The draw ----------------------------------------------------------------------------


def _draw_in_session(
    session: Session,
    actor: Actor,
    audit: Audit,
    fraction: Fraction,
    seed: int | None,
    progress: Progress | None,
) -> DrawResult:
    evaluated = queries.count_evaluated_items(session, audit.id)
    if evaluated:
        raise InvalidInput(
            f"La auditoría {audit.number} ya tiene "
            f"{counted(evaluated, 'registro evaluado', 'registros evaluados')}: la muestra "
            "no se puede volver a sortear. Use «Retirar registro» o «Agregar registro»."
        )
    population = _population(session, audit.id)
    try:
        draw = draw_sample(population.pairs, fraction, seed)
    except SamplingError as exc:
        raise InvalidInput(str(exc)) from None
    if audit.seed is not None:
        log_event(
            session,
            actor,
            "audit",
            audit.id,
            "sample_redraw",
            old=f"semilla {audit.seed}, fracción {audit.fraction}",
        )
        queries.delete_sample_items(session, audit.id)
    audit.seed = draw.seed
    audit.fraction = decimal_fraction(draw.fraction)
    _add_items(session, actor, audit, population, draw.keys(), SampleOrigin.DRAWN, progress)
    log_event(
        session,
        actor,
        "audit",
        audit.id,
        "sample_draw",
        new=f"semilla {draw.seed}, fracción {audit.fraction}, {draw.size} de "
        f"{counted(draw.population_size, 'registro', 'registros')} de la población",
    )
    return DrawResult(
        audit_id=audit.id,
        number=audit.number,
        seed=draw.seed,
        fraction=audit.fraction,
        population=draw.population_size,
        strata=tuple(StratumResult(s.agent, s.population, len(s.drawn)) for s in draw.strata),
        record_keys=tuple(draw.keys()),
    )


def draw_audit_sample(
    db: Database,
    actor: Actor,
    audit_id: int,
    fraction: Fraction | Decimal | float | str | None = DEFAULT_FRACTION,
    seed: int | str | None = None,
    progress: Progress | None = None,
) -> DrawResult:
    """Draw (or, while nothing is evaluated, draw again) the audit's stratified sample.

    ``fraction`` ≥ 0,5 (the procedure's minimum); without ``seed`` a random one is taken
    and stored with the audit, so the draw can be recomputed by anyone.
    """
    f, s = parse_sample_fraction(fraction), parse_seed(seed)
    with db.transaction() as session:
        audit = load_audit(session, actor, audit_id, write=True)
        return _draw_in_session(session, actor, audit, f, s, progress)


def create_audit_and_draw(
    db: Database,
    actor: Actor,
    channel: Channel | str,
    provider_id: int,
    start: date,
    end: date,
    fraction: Fraction | Decimal | float | str | None = DEFAULT_FRACTION,
    seed: int | str | None = None,
    progress: Progress | None = None,
) -> DrawResult:
    """Create the audit and draw its sample in one transaction: both happen, or neither."""
    actor.require(Permission.MANAGE_AUDITS)
    f, s = parse_sample_fraction(fraction), parse_seed(seed)
    ensure_default_schemes(db)

    def work() -> DrawResult:
        with db.transaction() as session:
            audit = create_in_session(
                session, actor, Channel(channel), provider_id, start, end, progress
            )
            return _draw_in_session(session, actor, audit, f, s, progress)

    return with_number_retry(work)


# --- Changing the sample by hand ---------------------------------------------------------


def _require_drawn(audit: Audit) -> int:
    if audit.seed is None:
        raise InvalidInput(f"Sortee primero la muestra de la auditoría {audit.number}.")
    return audit.seed


def add_manual(db: Database, actor: Actor, audit_id: int, key: str) -> SampleItemInfo:
    """Add a record of the population to the sample by hand (origin «manual»)."""
    key = key.strip()
    if not key:
        raise InvalidInput("Escriba la clave (radicado o id. del chat) del registro a agregar.")
    with db.transaction() as session:
        audit = load_audit(session, actor, audit_id, write=True)
        _require_drawn(audit)
        population = _population(session, audit.id)
        if key not in population.record_id:
            raise NotFound(
                f"El registro «{key}» no pertenece a la población de la auditoría {audit.number}."
            )
        now = datetime.now().replace(microsecond=0)
        item = queries.sample_item_of_record(session, audit.id, population.record_id[key])
        if item is not None and item.removed_at is None:
            raise InvalidInput(f"El registro «{key}» ya está en la muestra.")
        if item is None:
            item = SampleItem(
                audit_id=audit.id,
                record_id=population.record_id[key],
                origin=SampleOrigin.MANUAL,
                added_by=actor.id,
                added_at=now,
            )
            session.add(item)
        else:  # removed before: the removal stays in the log, the record comes back by hand
            item.origin, item.added_by, item.added_at = SampleOrigin.MANUAL, actor.id, now
            item.removed_at = item.removed_by = item.removal_reason = None
        session.flush()
        log_event(
            session,
            actor,
            "audit",
            audit.id,
            "sample_add_manual",
            field=key,
            new=population.agent_of[key],
        )
        return _item_info(session, item, key, population.agent_of[key])


def add_records_with_alerts(
    db: Database, actor: Actor, audit_id: int, codes: Iterable[str], reason: str
) -> DirectedAdditions:
    """Add to the sample every record of the population with one of the screening alerts
    ``codes``, as directed additions with ``reason``. The random part and its seed are not
    touched; records already in the sample stay as they are, and records the auditor
    removed before are not brought back."""
    chosen, reason = parse_codes(codes), " ".join(reason.split())
    if not reason:
        raise InvalidInput("Escriba el motivo por el que agrega los registros con esas alertas.")
    with db.transaction() as session:
        audit = load_audit(session, actor, audit_id, write=True)
        _require_drawn(audit)
        results = queries.screened_population(session, audit.id)
        if not results:
            raise InvalidInput(
                f"La población de la auditoría {audit.number} no tiene análisis automático: "
                "analícela antes de agregar registros por sus alertas."
            )
        wanted = set(chosen)
        found = sorted(key for _, alerts, key in results if wanted & {a["code"] for a in alerts})
        items = {k: i for i, k in _items(session, audit.id)}
        fresh = [k for k in found if k not in items]
        already = sum(1 for k in found if k in items and items[k].removed_at is None)
        if fresh:
            now = datetime.now().replace(microsecond=0)
            ids = {key: record_id for record_id, _, key in results}
            rows = [
                {
                    "audit_id": audit.id,
                    "record_id": ids[k],
                    "origin": SampleOrigin.DIRECTED,
                    "added_by": actor.id,
                    "added_at": now,
                    "addition_reason": reason,
                }
                for k in fresh
            ]
            queries.insert_sample_items(session, rows)
            log_event(
                session,
                actor,
                "audit",
                audit.id,
                "sample_add_directed",
                field=", ".join(chosen),
                new=f"{counted(len(fresh), 'registro', 'registros')}: {reason}",
            )
        return DirectedAdditions(
            audit.id, audit.number, chosen, reason, tuple(fresh), already, len(found)
        )


def remove_from_sample(
    db: Database, actor: Actor, audit_id: int, key: str, reason: str
) -> RemovalResult:
    """Take a record out of the sample, with a written reason, and draw its replacement.

    A drawn (or replacement) record is replaced by the next record of its agent in priority
    order never taken before; a manual one only when the agent falls below ceil(f × n).
    """
    key, reason = key.strip(), reason.strip()
    if not reason:
        raise InvalidInput("Escriba el motivo por el que retira el registro de la muestra.")
    with db.transaction() as session:
        audit = load_audit(session, actor, audit_id, write=True)
        seed = _require_drawn(audit)
        items = _items(session, audit.id)
        item = next((i for i, k in items if k == key and i.removed_at is None), None)
        if item is None:
            raise NotFound(
                f"El registro «{key}» no está en la muestra de la auditoría {audit.number}."
            )
        if queries.evaluation_id_of_item(session, item.id):
            raise InvalidInput(f"El registro «{key}» ya fue evaluado: no se puede retirar.")
        population = _population(session, audit.id)
        agent = population.agent_of[key]
        item.removed_at = datetime.now().replace(microsecond=0)
        item.removed_by = actor.id
        item.removal_reason = reason
        log_event(session, actor, "audit", audit.id, "sample_remove", field=key, new=reason)
        stratum = population.stratum(agent)
        active = sum(
            1 for i, k in items if i.removed_at is None and population.agent_of[k] == agent
        )
        below = active < required_count(len(stratum), audit.fraction or DEFAULT_FRACTION)
        replacement = None
        if item.origin not in (SampleOrigin.MANUAL, SampleOrigin.DIRECTED) or below:
            # Removed records are "taken" too, so that they are never drawn again.
            replacement = next_in_stratum(stratum, agent, seed, [k for _, k in items])
        if replacement is not None:
            _add_items(session, actor, audit, population, [replacement], SampleOrigin.REPLACEMENT)
            log_event(
                session, actor, "audit", audit.id, "sample_replace", field=key, new=replacement
            )
        return RemovalResult(key, agent, replacement)


# --- Actualizar población ----------------------------------------------------------------


def refresh_population(
    db: Database, actor: Actor, audit_id: int, progress: Progress | None = None
) -> RefreshResult:
    """Add to the population the records of the audit's scope imported since, top up the
    sample so that every agent still has at least ceil(f × n) records in it, and screen the
    whole population again (``progress``: of the screening)."""
    with db.transaction() as session:
        audit = load_audit(session, actor, audit_id, write=True)
        now = datetime.now().replace(microsecond=0)
        before = audit_counts(session, [audit.id])[audit.id].population
        queries.add_scope_records_to_population(
            session,
            audit.id,
            audit.channel,
            audit.provider_id,
            audit.period_start,
            audit.period_end,
            now,
        )
        population = _population(session, audit.id)
        new_keys: list[str] = []
        if audit.seed is not None and audit.fraction is not None:
            items = _items(session, audit.id)
            # Directed additions are on top of the random part: they do not fill it.
            active = [
                k
                for i, k in items
                if i.removed_at is None and i.origin is not SampleOrigin.DIRECTED
            ]
            taken = {k for _, k in items}
            additions = top_up(population.pairs, audit.fraction, audit.seed, {"": active})
            for agent, keys in additions.items():
                for key in keys:
                    # top_up does not know the removed records: never bring one back.
                    chosen = (
                        key
                        if key not in taken
                        else next_in_stratum(population.stratum(agent), agent, audit.seed, taken)
                    )
                    if chosen is not None:
                        taken.add(chosen)
                        new_keys.append(chosen)
            _add_items(session, actor, audit, population, new_keys, SampleOrigin.DRAWN)
        log_event(
            session,
            actor,
            "audit",
            audit.id,
            "refresh_population",
            new=f"{counted(len(population.pairs) - before, 'registro nuevo', 'registros nuevos')}"
            f" en la población, {len(new_keys)} en la muestra",
        )
        screen_in_session(session, actor, audit, progress)
        sync_state(session, actor, audit)
        return RefreshResult(len(population.pairs) - before, len(population.pairs), tuple(new_keys))


# --- Reading -----------------------------------------------------------------------------


def _item_info(session: Session, item: SampleItem, key: str, agent: str) -> SampleItemInfo:
    record = session.get(Record, item.record_id)
    evaluated = queries.evaluation_complete_of_item(session, item.id)
    return SampleItemInfo(
        key,
        agent,
        item.origin.value,
        record.received_at if record else item.added_at,
        item.added_at,
        item.removed_at,
        item.removal_reason,
        bool(evaluated),
        item.addition_reason,
    )


def sample_items(
    db: Database, actor: Actor, audit_id: int, *, include_removed: bool = True
) -> list[SampleItemInfo]:
    """The audit's sample, by agent and key; removed records (with their reason) included."""
    actor.require(Permission.READ_RECORDS)
    with db.sessions() as session:
        audit = load_audit(session, actor, audit_id)
        rows = queries.sample_listing(session, audit.id)
        return [
            SampleItemInfo(
                key,
                agent,
                item.origin.value,
                received,
                item.added_at,
                item.removed_at,
                item.removal_reason,
                bool(complete),
                item.addition_reason,
            )
            for item, key, received, agent, complete in rows
            if include_removed or item.removed_at is None
        ]


def plan_in_session(session: Session, audit: Audit) -> SamplePlan:
    population = _population(session, audit.id)
    rows = queries.active_items_state(session, audit.id)
    drawn: Counter[str] = Counter()
    manual: Counter[str] = Counter()
    evaluated: Counter[str] = Counter()
    for key, origin, complete in rows:
        agent = population.agent_of[key]
        # Manual and directed additions are not random: never counted as drawn.
        (drawn if origin in (SampleOrigin.DRAWN, SampleOrigin.REPLACEMENT) else manual)[agent] += 1
        if complete:
            evaluated[agent] += 1
    counts = audit_counts(session, [audit.id])[audit.id]
    strata = plan_strata(
        Counter(a for a, _ in population.pairs),
        audit.fraction or DEFAULT_FRACTION,
        drawn,
        manual,
        evaluated,
    )
    reasons = queries.directed_reasons(session, audit.id)
    return SamplePlan(
        audit.id,
        audit.number,
        audit.seed,
        audit.fraction,
        counts.population,
        counts.sampled,
        counts.evaluated,
        tuple(strata),
        tuple((reason or "", n) for reason, n in reasons),
    )


def sample_plan(db: Database, actor: Actor, audit_id: int) -> SamplePlan:
    """Per agent: population, required, drawn (replacements included), manual, evaluated."""
    actor.require(Permission.READ_RECORDS)
    with db.sessions() as session:
        return plan_in_session(session, load_audit(session, actor, audit_id))


def unsampled_keys(db: Database, actor: Actor, audit_id: int) -> list[str]:
    """Keys of the population not in the sample now: what «Agregar registro» may take."""
    actor.require(Permission.READ_RECORDS)
    with db.sessions() as session:
        audit = load_audit(session, actor, audit_id)
        return queries.unsampled_population_keys(session, audit.id)


def population_pairs(db: Database, actor: Actor, audit_id: int) -> list[tuple[str, str]]:
    """The audit's population as (agent, key) pairs: what anyone needs to verify the draw."""
    actor.require(Permission.READ_RECORDS)
    with db.sessions() as session:
        audit = load_audit(session, actor, audit_id)
        return sorted(_population(session, audit.id).pairs)
