"""Scoring scheme of form F182 as versioned data: criteria, weights and thresholds.

A scheme is read from a plain dict (TOML for the defaults, JSON in the database),
validated as a whole (every problem is reported, in Spanish, with where it is), and
written back to a dict that reads back to an equal scheme. An audit keeps the scheme
version it was scored with, so old reports can be reproduced.
"""

from __future__ import annotations

import enum
import hashlib
import itertools
import json
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from importlib import resources
from typing import Any

from auditoria_calidad.domain.fields import FIELDS_BY_NAME, Channel
from auditoria_calidad.domain.timeliness import Clock, TimelinessError, WorkingCalendar

# "na" is the N.A. answer of every criterion, so no level may be called that.
NOT_APPLICABLE = "na"


class SchemeError(ValueError):
    """An invalid scheme; ``problems`` lists every problem found (Spanish)."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("El esquema de calificación no es válido:\n- " + "\n- ".join(problems))


class CriterionKind(enum.StrEnum):
    COMPUTED = "computed"  # yes/no from the record's data (e.g. answered within 24 h)
    JUDGED = "judged"  # the auditor answers Cumple / No cumple / N.A.
    LEVEL = "level"  # the auditor picks a level (e.g. spelling Alto/Medio/Bajo)


class CriticalMode(enum.StrEnum):
    ZERO = "zero"  # a failed critical criterion sets the record's score to 0
    FLAG = "flag"  # it is only flagged


class ComputedSource(enum.StrEnum):
    """Where a computed criterion takes its yes/no from."""

    TIMELINESS = "timeliness"  # answered within thresholds.hours_allowed
    WAIT_TIME = "wait_time"  # chat wait within thresholds.chat_wait_limit_seconds
    REGISTERED_IN_CRM = "registered_in_crm"  # the chat's "Registrado en CRM" field
    CRM_REGISTRATIONS = "crm_registrations"  # 1 <= times registered <= max_crm_registrations


# The record field each source reads: a source is only valid for channels that have it.
_SOURCE_FIELD = {
    ComputedSource.TIMELINESS: "answered_at",
    ComputedSource.WAIT_TIME: "wait_seconds",
    ComputedSource.REGISTERED_IN_CRM: "registered_in_crm",
    ComputedSource.CRM_REGISTRATIONS: "crm_registrations",
}


@dataclass(frozen=True)
class Level:
    key: str
    label: str
    credit: Decimal  # share of the criterion's weight earned, 0..1


@dataclass(frozen=True)
class Criterion:
    key: str
    label: str
    kind: CriterionKind
    weight: Decimal
    critical: bool = False
    critical_mode: CriticalMode = CriticalMode.ZERO
    source: ComputedSource | None = None
    levels: tuple[Level, ...] = ()
    help: str = ""

    def level(self, key: str) -> Level | None:
        return next((lv for lv in self.levels if lv.key == key), None)


@dataclass(frozen=True)
class SpellingBand:
    """Level given when suspect words per 100 words are <= ``max_per_100`` (None: any)."""

    level: str
    max_per_100: Decimal | None


@dataclass(frozen=True)
class Thresholds:
    hours_allowed: Decimal = Decimal(24)
    clock: Clock = Clock.CALENDAR
    calendar: WorkingCalendar = field(default_factory=WorkingCalendar)
    chat_wait_limit_seconds: int = 60
    max_crm_registrations: int = 1
    target_score: Decimal = Decimal(90)
    spelling_criterion: str | None = None
    spelling_bands: tuple[SpellingBand, ...] = ()

    def spelling_level(self, suspects_per_100: Decimal | float) -> str | None:
        """Level key proposed for a text with this rate of suspect words (None: no bands)."""
        rate = Decimal(str(suspects_per_100))
        for band in self.spelling_bands:
            if band.max_per_100 is None or rate <= band.max_per_100:
                return band.level
        return None


@dataclass(frozen=True)
class ScoringScheme:
    name: str
    channel: Channel
    version: int
    criteria: tuple[Criterion, ...]
    thresholds: Thresholds = field(default_factory=Thresholds)
    description: str = ""

    def criterion(self, key: str) -> Criterion:
        for criterion in self.criteria:
            if criterion.key == key:
                return criterion
        raise KeyError(key)

    @property
    def total_weight(self) -> Decimal:
        return sum((c.weight for c in self.criteria), Decimal(0))


# ---------------------------------------------------------------------------
# Reading and validating

_KEY_PATTERN = re.compile(r"[a-z][a-z0-9_]*")
_TOP_KEYS = {"name", "channel", "version", "description", "criteria", "thresholds"}
_CRITERION_KEYS = {"key", "label", "kind", "weight", "critical", "critical_mode", "source"}
_CRITERION_KEYS |= {"levels", "help"}
_THRESHOLD_KEYS = {"hours_allowed", "clock", "calendar", "chat_wait_limit_seconds"}
_THRESHOLD_KEYS |= {"max_crm_registrations", "target_score", "spelling"}


class _Reader:
    """Collects problems instead of stopping at the first, so an admin fixes all at once."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def table(self, value: object, where: str) -> Mapping[str, Any]:
        if isinstance(value, Mapping):
            return value
        self.problems.append(f"{where}: debe ser una tabla (clave = valor).")
        return {}

    def unknown(self, data: Mapping[str, Any], allowed: set[str], where: str) -> None:
        for key in sorted(set(data) - allowed):
            self.problems.append(f"{where}: campo desconocido '{key}'.")

    def text(
        self, data: Mapping[str, Any], key: str, where: str, default: str | None = None
    ) -> str:
        value = data.get(key, default)
        if value is None:
            self.problems.append(f"{where}: falta el campo '{key}'.")
            return ""
        if not isinstance(value, str) or (default is None and not value.strip()):
            self.problems.append(f"{where}: '{key}' debe ser un texto no vacío.")
            return ""
        return value.strip()

    def number(
        self, data: Mapping[str, Any], key: str, where: str, default: Decimal | None = None
    ) -> Decimal:
        value = data.get(key, default)
        if value is None:
            self.problems.append(f"{where}: falta el campo '{key}'.")
            return Decimal(0)
        try:
            if isinstance(value, bool):
                raise InvalidOperation
            number = Decimal(repr(value) if isinstance(value, float) else str(value))
            if not number.is_finite():
                raise InvalidOperation
        except InvalidOperation:
            self.problems.append(f"{where}: '{key}' debe ser un número; se recibió {value!r}.")
            return Decimal(0)
        return number

    def integer(
        self, data: Mapping[str, Any], key: str, where: str, default: int, minimum: int
    ) -> int:
        value = data.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            self.problems.append(f"{where}: '{key}' debe ser un entero >= {minimum}.")
            return default
        return value

    def choice(
        self, data: Mapping[str, Any], key: str, where: str, enum_type: type[Any], default: Any
    ) -> Any:
        value = data.get(key, default)
        if value is None:
            self.problems.append(f"{where}: falta el campo '{key}'.")
            return None
        try:
            return enum_type(value)
        except ValueError:
            options = ", ".join(f"'{m.value}'" for m in enum_type)
            self.problems.append(f"{where}: '{key}' = {value!r} no es válido (use {options}).")
            return None


def _read_levels(reader: _Reader, raw: object, where: str) -> tuple[Level, ...]:
    if not isinstance(raw, list) or len(raw) < 2:
        reader.problems.append(
            f"{where}: un criterio de nivel necesita 'levels' con 2 o más niveles."
        )
        return ()
    levels = []
    for i, item in enumerate(raw, start=1):
        spot = f"{where}, nivel {i}"
        data = reader.table(item, spot)
        reader.unknown(data, {"key", "label", "credit"}, spot)
        key = reader.text(data, "key", spot)
        if key and (not _KEY_PATTERN.fullmatch(key) or key == NOT_APPLICABLE):
            reader.problems.append(
                f"{spot}: la clave '{key}' debe usar minúsculas, dígitos y '_' y no ser 'na'."
            )
        credit = reader.number(data, "credit", spot)
        if not Decimal(0) <= credit <= Decimal(1):
            reader.problems.append(f"{spot}: 'credit' debe estar entre 0 y 1.")
        levels.append(Level(key, reader.text(data, "label", spot), credit))
    keys = [lv.key for lv in levels]
    for key in sorted({k for k in keys if keys.count(k) > 1}):
        reader.problems.append(f"{where}: el nivel '{key}' está repetido.")
    if levels and max(lv.credit for lv in levels) != 1:
        reader.problems.append(f"{where}: el mejor nivel debe otorgar 'credit' = 1.")
    return tuple(levels)


def _read_criterion(reader: _Reader, raw: object, where: str, channel: Channel | None) -> Criterion:
    data = reader.table(raw, where)
    key = reader.text(data, "key", where)
    if key:
        where = f"{where} ('{key}')"
        if not _KEY_PATTERN.fullmatch(key):
            reader.problems.append(f"{where}: la clave debe usar minúsculas, dígitos y '_'.")
    reader.unknown(data, _CRITERION_KEYS, where)
    label = reader.text(data, "label", where)
    kind = reader.choice(data, "kind", where, CriterionKind, None)
    weight = reader.number(data, "weight", where)
    if weight <= 0:
        reader.problems.append(f"{where}: el peso ('weight') debe ser mayor que 0.")
    critical = data.get("critical", False)
    if not isinstance(critical, bool):
        reader.problems.append(f"{where}: 'critical' debe ser true o false.")
        critical = False
    mode = reader.choice(data, "critical_mode", where, CriticalMode, CriticalMode.ZERO)
    source = None
    if kind is CriterionKind.COMPUTED:
        source = reader.choice(data, "source", where, ComputedSource, None)
        field_spec = FIELDS_BY_NAME[_SOURCE_FIELD[source]] if source else None
        if field_spec and channel and channel not in field_spec.channels:
            reader.problems.append(
                f"{where}: el origen '{source.value}' no aplica al canal '{channel.value}'."
            )
    elif "source" in data:
        reader.problems.append(f"{where}: 'source' solo aplica a criterios 'computed'.")
    levels: tuple[Level, ...] = ()
    if kind is CriterionKind.LEVEL:
        levels = _read_levels(reader, data.get("levels"), where)
    elif "levels" in data:
        reader.problems.append(f"{where}: 'levels' solo aplica a criterios 'level'.")
    help_text = reader.text(data, "help", where, default="")
    return Criterion(key, label, kind, weight, critical, mode, source, levels, help_text)


def _read_spelling(
    reader: _Reader, raw: object, criteria: tuple[Criterion, ...]
) -> tuple[str | None, tuple[SpellingBand, ...]]:
    where = "umbrales de ortografía"
    data = reader.table(raw, where)
    reader.unknown(data, {"criterion", "bands"}, where)
    key = reader.text(data, "criterion", where)
    criterion = next((c for c in criteria if c.key == key), None)
    if key and (criterion is None or criterion.kind is not CriterionKind.LEVEL):
        reader.problems.append(f"{where}: '{key}' no es un criterio de nivel del esquema.")
    raw_bands = data.get("bands")
    if not isinstance(raw_bands, list) or not raw_bands:
        reader.problems.append(f"{where}: 'bands' debe ser una lista no vacía.")
        return key or None, ()
    bands = []
    for i, item in enumerate(raw_bands, start=1):
        spot = f"{where}, franja {i}"
        band = reader.table(item, spot)
        reader.unknown(band, {"level", "max_per_100"}, spot)
        level = reader.text(band, "level", spot)
        if criterion and level and criterion.level(level) is None:
            reader.problems.append(f"{spot}: '{level}' no es un nivel del criterio '{key}'.")
        last = i == len(raw_bands)
        if "max_per_100" in band:
            limit: Decimal | None = reader.number(band, "max_per_100", spot)
            if last:
                reader.problems.append(f"{spot}: la última franja no lleva 'max_per_100'.")
        else:
            limit = None
            if not last:
                reader.problems.append(f"{spot}: falta 'max_per_100' (solo la última lo omite).")
        bands.append(SpellingBand(level, limit))
    limits = [b.max_per_100 for b in bands if b.max_per_100 is not None]
    if any(a >= b for a, b in itertools.pairwise(limits)) or any(x < 0 for x in limits):
        reader.problems.append(f"{where}: los 'max_per_100' deben ser >= 0 y crecientes.")
    return key or None, tuple(bands)


def _read_thresholds(reader: _Reader, raw: object, criteria: tuple[Criterion, ...]) -> Thresholds:
    where = "umbrales"
    data = reader.table(raw, where)
    reader.unknown(data, _THRESHOLD_KEYS, where)
    d = Thresholds()
    hours = reader.number(data, "hours_allowed", where, d.hours_allowed)
    if hours <= 0:
        reader.problems.append(f"{where}: 'hours_allowed' debe ser mayor que 0.")
    target = reader.number(data, "target_score", where, d.target_score)
    if not Decimal(0) <= target <= Decimal(100):
        reader.problems.append(f"{where}: 'target_score' debe estar entre 0 y 100.")
    calendar = d.calendar
    if "calendar" in data:
        try:
            calendar = WorkingCalendar.from_dict(reader.table(data["calendar"], where))
        except TimelinessError as exc:
            reader.problems.append(f"{where}, calendario: {exc}")
    spelling: tuple[str | None, tuple[SpellingBand, ...]] = (None, ())
    if "spelling" in data:
        spelling = _read_spelling(reader, data["spelling"], criteria)
    return Thresholds(
        hours_allowed=hours,
        clock=reader.choice(data, "clock", where, Clock, d.clock) or d.clock,
        calendar=calendar,
        chat_wait_limit_seconds=reader.integer(
            data, "chat_wait_limit_seconds", where, d.chat_wait_limit_seconds, 1
        ),
        max_crm_registrations=reader.integer(
            data, "max_crm_registrations", where, d.max_crm_registrations, 1
        ),
        target_score=target,
        spelling_criterion=spelling[0],
        spelling_bands=spelling[1],
    )


def scheme_from_dict(data: Mapping[str, Any]) -> ScoringScheme:
    """Validate and build a scheme; raises ``SchemeError`` listing every problem."""
    if not isinstance(data, Mapping):
        raise SchemeError(["el esquema debe ser una tabla (clave = valor)."])
    reader = _Reader()
    reader.unknown(data, _TOP_KEYS, "esquema")
    name = reader.text(data, "name", "esquema")
    channel = reader.choice(data, "channel", "esquema", Channel, None)
    version = reader.integer(data, "version", "esquema", 0, 1) if "version" in data else 0
    if "version" not in data:
        reader.problems.append("esquema: falta el campo 'version'.")
    raw_criteria = data.get("criteria")
    criteria: tuple[Criterion, ...] = ()
    if not isinstance(raw_criteria, list) or not raw_criteria:
        reader.problems.append("esquema: 'criteria' debe ser una lista con al menos un criterio.")
    else:
        criteria = tuple(
            _read_criterion(reader, raw, f"criterio {i}", channel)
            for i, raw in enumerate(raw_criteria, start=1)
        )
    keys = [c.key for c in criteria if c.key]
    for key in sorted({k for k in keys if keys.count(k) > 1}):
        reader.problems.append(f"esquema: la clave de criterio '{key}' está repetida.")
    thresholds = _read_thresholds(reader, data.get("thresholds", {}), criteria)
    description = reader.text(data, "description", "esquema", default="")
    if reader.problems:
        raise SchemeError(reader.problems)
    return ScoringScheme(name, channel, version, criteria, thresholds, description)


# ---------------------------------------------------------------------------
# Writing back


def _plain(number: Decimal) -> int | float:
    # TOML and JSON have no decimal type; integral values stay integers.
    return int(number) if number == number.to_integral_value() else float(number)


def scheme_to_dict(scheme: ScoringScheme) -> dict[str, Any]:
    """Plain data (TOML/JSON-ready) that ``scheme_from_dict`` reads back to an equal scheme."""
    t = scheme.thresholds
    thresholds: dict[str, Any] = {
        "hours_allowed": _plain(t.hours_allowed),
        "clock": t.clock.value,
        "calendar": t.calendar.to_dict(),
        "chat_wait_limit_seconds": t.chat_wait_limit_seconds,
        "max_crm_registrations": t.max_crm_registrations,
        "target_score": _plain(t.target_score),
    }
    if t.spelling_criterion is not None:
        thresholds["spelling"] = {
            "criterion": t.spelling_criterion,
            "bands": [
                {"level": b.level}
                | ({} if b.max_per_100 is None else {"max_per_100": _plain(b.max_per_100)})
                for b in t.spelling_bands
            ],
        }
    criteria = []
    for c in scheme.criteria:
        item: dict[str, Any] = {
            "key": c.key,
            "label": c.label,
            "kind": c.kind.value,
            "weight": _plain(c.weight),
            "critical": c.critical,
            "critical_mode": c.critical_mode.value,
        }
        if c.source is not None:
            item["source"] = c.source.value
        if c.levels:
            item["levels"] = [
                {"key": lv.key, "label": lv.label, "credit": _plain(lv.credit)} for lv in c.levels
            ]
        if c.help:
            item["help"] = c.help
        criteria.append(item)
    return {
        "name": scheme.name,
        "channel": scheme.channel.value,
        "version": scheme.version,
        "description": scheme.description,
        "criteria": criteria,
        "thresholds": thresholds,
    }


def scheme_fingerprint(scheme: ScoringScheme) -> str:
    """SHA-256 of the scheme's canonical JSON: equal fingerprints, equal scoring rules."""
    payload = json.dumps(scheme_to_dict(scheme), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def scheme_from_toml(text: str) -> ScoringScheme:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SchemeError([f"el archivo TOML no es válido: {exc}"]) from exc
    return scheme_from_dict(data)


def load_default_scheme(channel: Channel | str) -> ScoringScheme:
    """The default F182 scheme shipped with the application for ``channel``."""
    name = Channel(channel).value
    path = resources.files("auditoria_calidad") / "resources" / "schemes" / f"{name}.toml"
    return scheme_from_toml(path.read_text(encoding="utf-8"))
