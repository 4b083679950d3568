"""Understanding a file: which column holds which field, from its header and its values.

Every column is scored for every field of the channel: how well its header names the
field (synonyms, SQL-style and related-field labels, see :mod:`synonyms`) times how well
its sampled values agree (see :mod:`column_evidence`). A column whose values contradict
a field (a 0/1 checkbox for a date, dates for an agent, 13-digit ids for a cédula) drops
out. A field is *certain* only when its best column scores high and no other column comes
close; only certain fields are imported unattended, the rest are shown with candidates.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace

from auditoria_calidad.domain.fields import FIELDS_BY_NAME, Channel, FieldKind, fields_for
from auditoria_calidad.domain.plurals import counted
from auditoria_calidad.importing.column_evidence import (
    SHAPE_LABELS,
    ColumnProfile,
    ValueShape,
    profile_columns,
)
from auditoria_calidad.importing.date_order import (
    DateOrders,
    decide_date_orders,
    describe_date_question,
    undecided_date_fields,
)
from auditoria_calidad.importing.errors import ImportFileError
from auditoria_calidad.importing.mapping import ColumnMapping, MappedColumn, halves_of
from auditoria_calidad.importing.synonyms import (
    HeaderForm,
    HeaderMatch,
    header_form,
    header_matches,
    normalize_header,
)
from auditoria_calidad.importing.values import Cell

CERTAIN = 0.7  # a field is imported unattended from this confidence on…
MARGIN = 0.15  # …when no other column scores within this of it
CHOSEN = 0.5  # below this a column is only shown as a candidate
VALUE_ONLY = 0.3  # the weight of a column whose header does not name the field
MAX_CANDIDATES = 5

S = ValueShape
_DATES = (S.DATETIME, S.DATE)
_NUMBERS = (S.ZERO_ONE, S.SMALL_INTEGER, S.IDENTITY, S.LONG_NUMBER, S.DECIMAL, S.FRACTION)
_NOT_TEXT = (*_DATES, S.TIME, S.DURATION, *_NUMBERS, S.YES_NO)
_NOT_DATE = (S.TIME, S.FRACTION, S.DURATION, S.YES_NO, S.ZERO_ONE, S.SMALL_INTEGER,
             S.IDENTITY, S.LONG_NUMBER, S.DECIMAL, S.PERSON_NAME, S.LONG_TEXT, S.RATING_WORD)  # fmt: skip


@dataclass(frozen=True)
class _Evidence:
    """Value shapes that agree with a field (full or half weight) and that contradict it."""

    fits: tuple[ValueShape, ...]
    contradicts: tuple[ValueShape, ...]
    half_fits: tuple[ValueShape, ...] = ()


_DATETIME_EVIDENCE = _Evidence((S.DATETIME,), _NOT_DATE, half_fits=(S.DATE,))
_DATE_EVIDENCE = _Evidence((S.DATE,), _NOT_DATE, half_fits=(S.DATETIME,))
_TIME_EVIDENCE = _Evidence(
    (S.TIME, S.FRACTION),
    (*_DATES, S.YES_NO, S.ZERO_ONE, S.IDENTITY, S.LONG_NUMBER, S.PERSON_NAME, S.LONG_TEXT),
)
_EVIDENCE: dict[str, _Evidence] = {
    "key": _Evidence(
        (S.CODE, S.IDENTITY, S.LONG_NUMBER, S.SMALL_INTEGER, S.TEXT),
        (
            *_DATES,
            S.TIME,
            S.FRACTION,
            S.YES_NO,
            S.DECIMAL,
            S.PERSON_NAME,
            S.LONG_TEXT,
            S.RATING_WORD,
        ),
    ),
    "identity_number": _Evidence(
        (S.IDENTITY,),
        (
            *_DATES,
            S.TIME,
            S.LONG_NUMBER,
            S.CODE,
            S.PERSON_NAME,
            S.LONG_TEXT,
            S.YES_NO,
            S.ZERO_ONE,
            S.DECIMAL,
            S.FRACTION,
        ),
    ),
    "agent": _Evidence((S.PERSON_NAME, S.TEXT), (*_NOT_TEXT, S.LONG_TEXT, S.RATING_WORD)),
    "requester_name": _Evidence((S.PERSON_NAME, S.TEXT), (*_NOT_TEXT, S.LONG_TEXT)),
    "request_type": _Evidence((S.TEXT, S.PERSON_NAME), (*_NOT_TEXT, S.LONG_TEXT)),
    "service": _Evidence((S.TEXT, S.PERSON_NAME), (*_NOT_TEXT, S.LONG_TEXT)),
    "request_text": _Evidence((S.LONG_TEXT, S.TEXT), _NOT_TEXT),
    "answer_text": _Evidence((S.LONG_TEXT, S.TEXT), _NOT_TEXT),
    "crm_registrations": _Evidence(
        (S.SMALL_INTEGER, S.ZERO_ONE),
        (*_DATES, S.TIME, S.IDENTITY, S.LONG_NUMBER, S.PERSON_NAME, S.LONG_TEXT, S.TEXT),
    ),
    "wait_seconds": _Evidence(
        (S.SMALL_INTEGER, S.ZERO_ONE, S.TIME, S.DURATION, S.DECIMAL, S.FRACTION, S.IDENTITY),
        (*_DATES, S.YES_NO, S.PERSON_NAME, S.LONG_TEXT, S.RATING_WORD),
    ),
    "registered_in_crm": _Evidence(
        (S.YES_NO, S.ZERO_ONE),
        (*_DATES, S.TIME, S.SMALL_INTEGER, S.IDENTITY, S.PERSON_NAME, S.LONG_TEXT),
    ),
    # Ratings in words (Excelente, good/bad) are read on the survey's scale.
    "user_rating": _Evidence(
        (S.SMALL_INTEGER, S.ZERO_ONE, S.DECIMAL, S.RATING_WORD),
        (*_DATES, S.TIME, S.PERSON_NAME, S.LONG_TEXT, S.IDENTITY, S.LONG_NUMBER),
    ),
}


def _evidence_for(name: str) -> _Evidence:
    kind = FIELDS_BY_NAME[name].kind
    if kind is FieldKind.DATETIME:
        return _DATETIME_EVIDENCE
    if kind is FieldKind.DATE:
        return _DATE_EVIDENCE
    if kind is FieldKind.TIME:
        return _TIME_EVIDENCE
    return _EVIDENCE[name]


@dataclass(frozen=True)
class ColumnCandidate:
    """A column that may hold a field, how likely and why."""

    index: int  # 0-based column of the file
    header: str
    score: float  # 0..1
    reasons: tuple[str, ...]  # Spanish
    samples: tuple[str, ...]  # up to 5 non-blank sample values, as text


@dataclass(frozen=True)
class FieldGuess:
    """The column chosen for one field, with the confidence and the other candidates."""

    field: str
    column: MappedColumn | None  # None when no column is good enough
    confidence: float  # 0..1, of the chosen column (0 when none)
    candidates: tuple[ColumnCandidate, ...]  # best first, the chosen one included
    certain: bool  # confident and no competitor close to it

    @property
    def label(self) -> str:
        return FIELDS_BY_NAME[self.field].label


@dataclass
class MappingGuess:
    """What the file seems to hold: the mapping to import and every field's guess."""

    mapping: ColumnMapping  # certain columns only
    fields: dict[str, FieldGuess]  # every field of the channel, mapped or not
    channel: Channel = Channel.VIRTUAL
    samples: dict[int, tuple[str, ...]] = field(default_factory=dict)  # column → samples
    # The order of each column's numeric text dates (day or month first), and the columns
    # nothing decides: a mapped date field there is a question for the user.
    date_orders: DateOrders | None = None
    hidden: frozenset[int] = frozenset()  # columns hidden in the workbook: never guessed

    def undecided_dates(self) -> list[tuple[str, MappedColumn]]:
        """Mapped date fields (name, column) whose text dates may be day or month first."""
        return undecided_date_fields(self.mapping, self.date_orders)

    def needs_answer(self) -> bool:
        """True when the import cannot go on unattended (a column or a date order)."""
        return bool(self.uncertain_required() or self.undecided_dates())

    def uncertain_required(self) -> list[FieldGuess]:
        """Required fields missing or not certain (a certain DATE+TIME pair counts)."""
        out = []
        for spec in fields_for(self.channel):
            if not spec.required or spec.name in self.mapping:
                continue
            halves = halves_of(spec.name)
            if halves and all(half in self.mapping for half in halves):
                continue
            out.append(self.fields[spec.name])
        return out

    def describe_uncertain(self, file_name: str) -> str:
        """Spanish: per uncertain required field its candidates, why, and the --map option."""
        uncertain = self.uncertain_required()
        if not uncertain:
            question = describe_date_question(self.mapping, self.date_orders)
            if not question:
                return ""
            return "\n".join(
                [f"{file_name}: falta elegir el orden de las fechas. No se importó nada.",
                 *question]
            )  # fmt: skip
        missing = [g for g in uncertain if not any(c.score > 0 for c in g.candidates)]
        doubtful = [g for g in uncertain if g not in missing]
        sentences = []
        if missing:
            sentences.append(f"falta asignar una columna para {_fields_phrase(missing)}")
        if doubtful:
            sentences.append(
                f"no se sabe con certeza qué columna corresponde {_fields_phrase(doubtful, 'a')}"
            )
        lines = [f"{file_name}: {'; '.join(sentences)}. No se importó nada."]
        for guess in uncertain:
            lines.append(f"• «{guess.label}» ({guess.field}):")
            shown = [c for c in guess.candidates if c.score > 0]
            if not shown:
                lines.append("    ninguna columna del archivo parece contenerlo.")
            for candidate in shown:
                why = "; ".join(candidate.reasons)
                examples = ", ".join(candidate.samples[:3])
                lines.append(
                    f"    – «{candidate.header}» (confianza {round(candidate.score * 100)} %): "
                    f"{why}." + (f" Ejemplos: {examples}." if examples else "")
                )
            header = shown[0].header if shown else "ENCABEZADO"
            option = f'--map {guess.field}="{header}"'
            halves = halves_of(guess.field)
            if halves:
                option += (
                    f' (o --map {halves[0]}="ENCABEZADO" --map {halves[1]}="ENCABEZADO" '
                    "si la fecha y la hora están en columnas separadas)"
                )
            lines.append(f"    Para elegir una columna: {option}")
        lines.extend(describe_date_question(self.mapping, self.date_orders))
        return "\n".join(lines)


def _fields_phrase(guesses: Sequence[FieldGuess], preposition: str = "") -> str:
    """«el campo obligatorio «X»» / «a los campos obligatorios «X», «Y»»."""
    labels = ", ".join(f"«{g.label}»" for g in guesses)
    if len(guesses) > 1:
        return f"{preposition + ' ' if preposition else ''}los campos obligatorios {labels}"
    return f"{'al' if preposition else 'el'} campo obligatorio {labels}"


# -- scoring ------------------------------------------------------------------------------


def _pct(share: float) -> str:
    return f"{round(share * 100)} %"


def _value_factor(
    profile: ColumnProfile, name: str, sample_rows: int
) -> tuple[float, tuple[str, ...], bool]:
    """How well the values agree with field ``name``: factor, reasons, contradicted."""
    if profile.values == 0:
        if sample_rows == 0:
            return 0.9, (), False
        return 0.85, ("la columna está vacía en las primeras filas",), False
    evidence = _evidence_for(name)
    n = profile.values
    weight = min(1.0, n / 10)
    fit = profile.share(*evidence.fits) + 0.5 * profile.share(*evidence.half_fits)
    contra = profile.share(*evidence.contradicts)
    against = max(0.0, (contra - 0.3) / 0.7) * weight
    factor = (0.9 + 0.1 * fit * weight) * (1 - against)
    reasons = []
    dominant = profile.dominant()
    if dominant is not None:
        shape, share = dominant
        reasons.append(
            f"{_pct(share)} de {counted(n, 'valor', 'valores')} son {SHAPE_LABELS[shape]}"
        )
    if name == "key" and profile.counter:
        factor *= 0.6
        reasons.append("los valores cuentan 1, 2, 3… (numeración de filas, no un radicado)")
    elif name == "key" and n >= 10 and profile.unique < 0.6:
        factor *= 0.5
        reasons.append(
            f"solo {counted(profile.distinct, 'valor distinto', 'valores distintos')} de {n}"
        )
    contradicted = against >= 0.5
    if contradicted:
        reasons.append(f"esos valores no corresponden a «{FIELDS_BY_NAME[name].label}»")
    return factor, tuple(reasons), contradicted


def _header_reason(form: HeaderForm, match: HeaderMatch, name: str) -> str:
    label = FIELDS_BY_NAME[name].label
    if match.how == "genérico":
        return f"encabezado «{form.text}» (genérico: solo dice que es una fecha u hora)"
    if match.how == "contiene":
        return f"encabezado «{form.text}» (contiene un sinónimo de {label})"
    if match.how == "hora":
        return f"encabezado «{form.text}» (nombra la hora, pero la columna trae fecha y hora)"
    return f"encabezado «{form.text}» (sinónimo de {label})"


def _header_weights(forms: Sequence[HeaderForm], channel: Channel) -> list[dict[str, HeaderMatch]]:
    """Per column, the fields its header names; a time header also names its date-time."""
    names = [spec.name for spec in fields_for(channel)]
    out = []
    for form in forms:
        matches = header_matches(form, names)
        for name in list(matches):
            spec = FIELDS_BY_NAME[name]
            target = spec.combines_into
            if spec.kind is FieldKind.TIME and target:
                # "Created time" may hold whole date-times: then it is the date-time.
                weight = matches[name].weight * 0.9
                if weight > matches.get(target, HeaderMatch(0.0, "")).weight:
                    matches[target] = HeaderMatch(weight, "hora")
            if spec.kind is FieldKind.DATETIME:
                halves = halves_of(name)
                if halves and matches[name].how != "hora":
                    matches.setdefault(halves[0], matches[name])
        out.append(matches)
    return out


def _score_all(
    headers: Sequence[str],
    forms: Sequence[HeaderForm],
    profiles: Sequence[ColumnProfile],
    channel: Channel,
    sample_rows: int,
    hidden: frozenset[int] = frozenset(),
) -> dict[str, list[ColumnCandidate]]:
    weights = _header_weights(forms, channel)
    scored: dict[str, list[ColumnCandidate]] = {}
    for spec in fields_for(channel):
        candidates = []
        for index, (form, profile) in enumerate(zip(forms, profiles, strict=True)):
            if form.internal or index in hidden:
                continue
            factor, value_reasons, contradicted = _value_factor(profile, spec.name, sample_rows)
            match = weights[index].get(spec.name)
            if match is not None:
                score = match.weight * factor
                reasons = (_header_reason(form, match, spec.name), *value_reasons)
            elif spec.required and not contradicted and profile.values >= 3 and factor >= 0.97:
                score = VALUE_ONLY * factor
                reasons = ("el encabezado no lo nombra", *value_reasons)
            else:
                continue
            candidates.append(
                ColumnCandidate(index, headers[index], round(score, 3), reasons, profile.samples)
            )
        candidates.sort(key=lambda c: (-c.score, c.index))
        scored[spec.name] = candidates
    return scored


# -- choosing -----------------------------------------------------------------------------


def _assign(scored: dict[str, list[ColumnCandidate]]) -> dict[str, ColumnCandidate]:
    """Best pairs first; a field gets one column and a column one field."""
    pairs = sorted(
        ((c.score, name, c) for name, cands in scored.items() for c in cands if c.score >= CHOSEN),
        key=lambda p: (-p[0], p[2].index, p[1]),
    )
    chosen: dict[str, ColumnCandidate] = {}
    used: set[int] = set()
    for _score, name, candidate in pairs:
        if name not in chosen and candidate.index not in used:
            chosen[name] = candidate
            used.add(candidate.index)
    return chosen


def _resolve_date_time_pairs(
    chosen: dict[str, ColumnCandidate], scored: dict[str, list[ColumnCandidate]], channel: Channel
) -> None:
    """A date-time field is one column, or a date column plus a time column, never both."""
    for spec in fields_for(channel):
        halves = halves_of(spec.name)
        if spec.kind is not FieldKind.DATETIME or halves is None:
            continue
        date_name, time_name = halves
        clock = chosen.get(time_name)
        if clock is not None and clock.score >= CERTAIN:
            whole, day = chosen.get(spec.name), chosen.get(date_name)
            if (whole is None or whole.score < CERTAIN) and (day is None or day.score < CERTAIN):
                # A lone generic "Fecha" next to "Hora Ingreso" is the date of that time.
                lone = _lone_date_column(
                    scored[spec.name], scored[date_name], chosen, clock, (spec.name, date_name)
                )
                if lone is not None:
                    chosen.pop(spec.name, None)
                    chosen[date_name] = lone
        whole, day, clock = (chosen.get(n) for n in (spec.name, date_name, time_name))
        if whole is not None:
            chosen.pop(date_name, None)
            chosen.pop(time_name, None)
        elif day is not None and clock is None:
            chosen[spec.name] = chosen.pop(date_name)
        elif day is None and clock is not None:
            chosen.pop(time_name)


def _lone_date_column(
    whole: Sequence[ColumnCandidate],
    day: Sequence[ColumnCandidate],
    chosen: Mapping[str, ColumnCandidate],
    clock: ColumnCandidate,
    family: tuple[str, str],
) -> ColumnCandidate | None:
    """The only date column free beside a certain time column, as that time's date."""
    used = {c.index for name, c in chosen.items() if name not in family}
    free: dict[int, ColumnCandidate] = {}
    for candidate in (*day, *whole):
        if candidate.index not in used and candidate.score >= 0.4:
            free.setdefault(candidate.index, candidate)
    if len(free) != 1:
        return None
    (only,) = free.values()
    reason = f"la única columna de fechas junto a «{clock.header}»: es la fecha de esa hora"
    return replace(only, score=clock.score, reasons=(*only.reasons, reason))


def _is_certain(
    name: str,
    pick: ColumnCandidate,
    scored: dict[str, list[ColumnCandidate]],
    chosen: dict[str, ColumnCandidate],
) -> bool:
    if pick.score < CERTAIN:
        return False
    elsewhere = {c.index: (n, c.score) for n, c in chosen.items() if n != name}
    related = {name, *(halves_of(name) or ())}
    spec = FIELDS_BY_NAME[name]
    if spec.combines_into:
        related.add(spec.combines_into)
    for other in scored[name]:
        if other.index == pick.index or other.score < CHOSEN:
            continue
        taken = elsewhere.get(other.index)
        if taken is not None and (taken[0] in related or taken[1] >= other.score):
            continue
        if pick.score - other.score < MARGIN:
            return False
    return True


def infer_mapping(
    headers: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    channel: Channel,
    *,
    hidden: Collection[int] = (),
    date_orders: DateOrders | None = None,
) -> MappingGuess:
    """The mapping of a file from its headers and the first data rows (up to ~500).

    Only certain fields are in ``mapping``; every field of the channel has a
    :class:`FieldGuess` with its candidates. Columns in ``hidden`` (hidden in the
    workbook) are never guessed. ``date_orders`` (by default decided from ``rows``)
    says how each column's text dates are read.
    """
    hidden = frozenset(hidden)
    if date_orders is None:
        date_orders = decide_date_orders(headers, rows)
    channel = Channel(channel)
    forms = [header_form(h) for h in headers]
    profiles = profile_columns(rows, len(headers))
    sample_rows = sum(1 for row in rows if any(c not in (None, "") for c in row))
    scored = _score_all(headers, forms, profiles, channel, sample_rows, hidden)
    chosen = _assign(scored)
    _resolve_date_time_pairs(chosen, scored, channel)
    fields: dict[str, FieldGuess] = {}
    for spec in fields_for(channel):
        pick = chosen.get(spec.name)
        candidates = list(scored[spec.name])
        if pick is not None:
            candidates = [pick, *(c for c in candidates if c.index != pick.index)]
        certain = pick is not None and _is_certain(spec.name, pick, scored, chosen)
        fields[spec.name] = FieldGuess(
            field=spec.name,
            column=MappedColumn(pick.index, pick.header) if pick else None,
            confidence=pick.score if pick else 0.0,
            candidates=tuple(candidates[:MAX_CANDIDATES]),
            certain=certain,
        )
    samples = {i: p.samples for i, p in enumerate(profiles)}
    return _with_mapping(fields, channel, samples, date_orders, hidden)


def _with_mapping(
    fields: dict[str, FieldGuess],
    channel: Channel,
    samples: dict[int, tuple[str, ...]],
    date_orders: DateOrders | None = None,
    hidden: frozenset[int] = frozenset(),
) -> MappingGuess:
    """The guess whose mapping holds its certain fields (DATE/TIME halves only in pairs)."""
    columns = {name: g.column for name, g in fields.items() if g.certain and g.column is not None}
    for spec in fields_for(channel):
        halves = halves_of(spec.name)
        if halves and not all(h in columns for h in halves):
            for half in halves:
                columns.pop(half, None)
    ordered = dict(sorted(columns.items(), key=lambda item: item[1].index))
    return MappingGuess(ColumnMapping(ordered), fields, channel, samples, date_orders, hidden)


def guess_from_mapping(
    mapping: ColumnMapping,
    channel: Channel,
    samples: Mapping[int, tuple[str, ...]] = {},
    date_orders: DateOrders | None = None,
) -> MappingGuess:
    """A guess that is exactly ``mapping`` (a saved profile): every mapped field certain."""
    fields = {}
    for spec in fields_for(Channel(channel)):
        col = mapping.get(spec.name)
        candidates: tuple[ColumnCandidate, ...] = ()
        if col is not None:
            candidates = (
                ColumnCandidate(
                    col.index, col.header, 1.0, ("correspondencia guardada",),
                    tuple(samples.get(col.index, ())),
                ),
            )  # fmt: skip
        fields[spec.name] = FieldGuess(
            spec.name, col, 1.0 if col else 0.0, candidates, certain=col is not None
        )
    return _with_mapping(fields, Channel(channel), dict(samples), date_orders)


def apply_overrides(
    guess: MappingGuess, overrides: Mapping[str, str], headers: Sequence[str], file_name: str
) -> MappingGuess:
    """The guess with the user's choices (field name → header text): those become certain.

    A column taken by an override leaves any other field; choosing a date-time field
    drops its date and time halves and the other way round. An unknown field or header
    raises :class:`ImportFileError` with the valid names.
    """
    if not overrides:
        return guess
    valid = list(guess.fields)
    fields = dict(guess.fields)
    for name, header in overrides.items():
        if name not in fields:
            raise ImportFileError(
                f"{file_name}: «{name}» no es un campo del canal {guess.channel.label}. "
                f"Campos válidos: {', '.join(valid)}."
            )
        index = _header_index(header, headers, file_name)
        for other, g in list(fields.items()):
            if other != name and g.column is not None and g.column.index == index:
                fields[other] = replace(g, column=None, confidence=0.0, certain=False)
        for other in _exclusive_with(name):
            if other in fields and other not in overrides:
                g = fields[other]
                fields[other] = replace(g, column=None, confidence=0.0, certain=False)
        previous = fields[name]
        chosen = ColumnCandidate(
            index, headers[index], 1.0, ("elegida por el usuario",),
            tuple(guess.samples.get(index, ())),
        )  # fmt: skip
        rest = tuple(c for c in previous.candidates if c.index != index)
        fields[name] = FieldGuess(
            name, MappedColumn(index, headers[index]), 1.0, (chosen, *rest)[:MAX_CANDIDATES], True
        )
    return _with_mapping(fields, guess.channel, guess.samples, guess.date_orders, guess.hidden)


def _exclusive_with(name: str) -> tuple[str, ...]:
    """Fields that cannot be mapped together with ``name`` (a date-time and its halves)."""
    halves = halves_of(name)
    if halves:
        return halves
    target = FIELDS_BY_NAME[name].combines_into
    return (target,) if target else ()


def _header_index(header: str, headers: Sequence[str], file_name: str) -> int:
    if header in headers:
        return list(headers).index(header)
    wanted = normalize_header(header)
    matches = [i for i, h in enumerate(headers) if normalize_header(h) == wanted]
    if len(matches) == 1:
        return matches[0]
    listed = ", ".join(f"«{h}»" for h in headers)
    raise ImportFileError(
        f"{file_name}: no hay una columna «{header}». Columnas del archivo: {listed}."
    )
