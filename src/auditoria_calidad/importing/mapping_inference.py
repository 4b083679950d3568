"""Understanding a file: which column holds which field, from its header and its values.

Every column is scored for every field of the channel: how well its header names the
field (synonyms, SQL-style and related-field labels, see :mod:`synonyms`) times how well
its sampled values agree (see :mod:`column_evidence`). A column whose values contradict
a field (a 0/1 checkbox for a date, dates for an agent, 13-digit ids for a cédula) drops
out. A field is *certain* only when its best column scores high and no other column comes
close; only certain fields are imported unattended, the rest are shown with candidates.

Values outweigh a header that names the field: a request or answer text must be free
text (several words, varied; never «Done» repeated or a code such as «2026EE052001»),
an agent must vary from row to row and be a name rather than an e-mail, a rating whose
header states another scale («(0 a 10)», «NPS») or whose numbers pass 5 is not the 1–5
rating. Between columns that both name the key, the case number («Número», «Radicado»,
«Issue key») wins over an internal id or GUID. A generic «Fecha» + «Hora» pair, or one
generic date-time beside columns that name an end («End Date»), is the receipt. The
candidates of a field are ordered by this evidence, so that the first one, which the
refusal's ``--map`` hint names, is the best.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace

from auditoria_calidad.domain.fields import (
    FIELDS_BY_NAME,
    Channel,
    FieldKind,
    fields_for,
    name_rivals,
    parts_of,
)
from auditoria_calidad.importing.candidate_preferences import (
    CHOSEN,
    TYPED,
    ColumnCandidate,
    prefer_arrival,
    prefer_case_number,
    prefer_first_of_twins,
    prefer_handler,
    prefer_names_to_logins,
    prefer_request_types,
)
from auditoria_calidad.importing.column_evidence import (
    DAYS_ONLY_REASON,
    ColumnProfile,
    ValueShape,
    days_only,
    profile_columns,
    value_agreement,
)
from auditoria_calidad.importing.column_pairs import same_moments
from auditoria_calidad.importing.date_order import (
    DateOrders,
    decide_date_orders,
    undecided_date_fields,
)
from auditoria_calidad.importing.errors import ImportFileError, describe_uncertain
from auditoria_calidad.importing.header import (
    header_reason,
    header_weights,
    named_elsewhere,
    names_another_moment,
)
from auditoria_calidad.importing.mapping import ColumnMapping, MappedColumn, halves_of
from auditoria_calidad.importing.name_parts import settle_name_parts, without_half_names
from auditoria_calidad.importing.synonyms import (
    HeaderForm,
    HeaderMatch,
    generic_field,
    header_form,
    normalize_header,
    other_scale_reason,
    rating_scale,
    utc_columns,
)
from auditoria_calidad.importing.transcripts import TRANSCRIPTS, transcript_share
from auditoria_calidad.importing.values import Cell

CERTAIN = 0.7  # a field is imported unattended from this confidence on…
MARGIN = 0.15  # …when no other column scores within this of it
VALUE_ONLY = 0.3  # the weight of a column whose header does not name the field
TYPED_VALUES = 0.8  # the weight of such a column when its header names something else
MAX_CANDIDATES = 5

S = ValueShape
_DATE_KINDS = (FieldKind.DATETIME, FieldKind.DATE)
# The fields of the later moment: among equal candidates the later column comes first.
_LATER = frozenset({"answered_at", "answered_date", "answered_time"})
INFERRED = 0.8  # the confidence of a receipt read from a generic «Fecha» + «Hora» pair


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
    # Columns whose header says their date-times are in UTC («Fecha inicio (UTC)»): a
    # value there without an offset of its own is UTC, 5 hours ahead of Colombia.
    utc_columns: frozenset[int] = frozenset()

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
        """Spanish: per uncertain required field its candidates, why, and the --map option
        (see :func:`~auditoria_calidad.importing.errors.describe_uncertain`)."""
        return describe_uncertain(self, file_name)


# -- scoring ------------------------------------------------------------------------------


def _score_all(
    headers: Sequence[str],
    forms: Sequence[HeaderForm],
    profiles: Sequence[ColumnProfile],
    channel: Channel,
    sample_rows: int,
    hidden: frozenset[int],
    weights: Sequence[dict[str, HeaderMatch]],
    rows: Sequence[Sequence[Cell]] = (),
) -> dict[str, list[ColumnCandidate]]:
    scored: dict[str, list[ColumnCandidate]] = {}
    # A chat's transcript, whatever its header says («Body», «Mensajes»)
    transcripts = (
        {i for i in range(len(headers)) if transcript_share(rows, i) >= TRANSCRIPTS}
        if channel is Channel.CHAT
        else set()
    )
    for spec in fields_for(channel):
        candidates = []
        for index, (form, profile) in enumerate(zip(forms, profiles, strict=True)):
            if form.internal or index in hidden:
                continue
            match = weights[index].get(spec.name)
            factor, value_reasons, contradicted = value_agreement(
                profile, spec.name, sample_rows, named=match is not None
            )
            if match is not None:
                score = match.weight * factor
                reasons = (header_reason(form, match, spec.name), *value_reasons)
                scale = rating_scale(form.text) if spec.name == "user_rating" else None
                if scale is not None and scale != (1, 5):
                    score = 0.0
                    reasons = (*reasons, other_scale_reason(scale))
                if spec.name == "request_text" and index in transcripts:
                    score *= 0.6
                    reasons = (*reasons, "es la transcripción de todo el chat, no el mensaje "
                               "del usuario")  # fmt: skip
            elif spec.name == "answer_text" and index in transcripts and not contradicted:
                score = TYPED_VALUES * factor
                reasons = ("sus valores son transcripciones de chat (turnos «Nombre: texto» de "
                           "varias personas)", *value_reasons)  # fmt: skip
            elif spec.required and not contradicted and profile.values >= 3 and factor >= 0.97:
                score = VALUE_ONLY * factor
                reasons = ("el encabezado no lo nombra", *value_reasons)
                other = named_elsewhere(weights[index], spec.name)
                if other is not None:
                    # «visitor.name», «Cliente»: a person, but the requester, not the agent.
                    score *= 0.5
                    reasons = (*reasons, f"el encabezado corresponde más bien a «{other}»")
            elif (
                spec.name == "request_type"
                and not contradicted
                and profile.values >= 3
                and profile.request_types >= TYPED
            ):
                # «Categoría: PQRSD > Petición»: the values are request types, whatever
                # the header names.
                score = TYPED_VALUES * factor
                reasons = ("sus valores son tipos de solicitud (Petición, Queja…)", *value_reasons)
            else:
                continue
            if form.utc and spec.kind in (*_DATE_KINDS, FieldKind.TIME):
                reasons = (*reasons, "el encabezado indica que las horas están en UTC")
            candidates.append(
                ColumnCandidate(index, headers[index], round(score, 3), reasons, profile.samples)
            )
        if spec.name == "key":
            candidates = prefer_case_number(candidates, forms, profiles)
        elif spec.name == "request_type":
            candidates = prefer_request_types(candidates, profiles)
        elif spec.name == "received_at":
            candidates = prefer_arrival(candidates, forms, rows)
        elif spec.name == "agent":
            candidates = prefer_names_to_logins(prefer_handler(candidates, forms), profiles)
        elif spec.name == "requester_name":  # inConcert: «Usuario» (logins) and «Cliente»
            candidates = prefer_names_to_logins(candidates, profiles)
        candidates = prefer_first_of_twins(candidates, rows)
        rank = _ranking(spec.name, profiles)
        candidates.sort(key=rank)
        scored[spec.name] = candidates
    return scored


def _ranking(
    name: str, profiles: Sequence[ColumnProfile]
) -> Callable[[ColumnCandidate], tuple[float, float, int]]:
    """The sort key of ``name``'s candidates: best first; among equal scores the receipt
    takes the earlier dates (and column), the answer the later ones: «Fecha» is the
    receipt's, «Fecha (2)» the answer's."""
    later = name in _LATER

    def rank(candidate: ColumnCandidate) -> tuple[float, float, int]:
        when = profiles[candidate.index].median_date
        moment = _NONE if when is None else when.timestamp() * (-1 if later else 1)
        return (-candidate.score, moment, -candidate.index if later else candidate.index)

    return rank


_NONE = float("inf")  # a column without dates ranks after those with dates


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


def _generic_receipt(
    chosen: dict[str, ColumnCandidate],
    scored: Mapping[str, Sequence[ColumnCandidate]],
    forms: Sequence[HeaderForm],
    profiles: Sequence[ColumnProfile],
    weights: Sequence[Mapping[str, HeaderMatch]],
    hidden: frozenset[int] = frozenset(),
    rows: Sequence[Sequence[Cell]] = (),
) -> None:
    """The receipt read from generic headers when nothing else can be it.

    A file whose only date column and only time column are a generic «Fecha»/«Date»
    and «Hora»/«Time» holds the date and time of receipt there. Likewise a lone generic
    date-time («Date», «timestamp») when every other date column names a later moment
    («End Date», «Fecha de finalización»), or when the only other ones are a «DATE» and
    a «TIME» that say the same moment in every row. Not when a header names the
    receipt, nor when two generic columns say different things (then the user chooses).
    """
    names = ("received_at", "received_date", "received_time")
    if not all(name in scored for name in names):
        return
    for name in names:
        for c in scored[name]:
            if c.score >= CHOSEN and generic_field(forms[c.index]) is None:
                return  # a header names the receipt: the usual choice applies
    days, clocks, moments, others = [], [], [], []
    for index, (form, profile) in enumerate(zip(forms, profiles, strict=True)):
        if form.internal or index in hidden or profile.values == 0:
            continue
        generic = generic_field(form)
        dated = profile.share(S.DATE, S.DATETIME) >= 0.5 or profile.serial_dates >= 0.9
        if generic == "received_at" and profile.share(S.DATETIME) >= 0.9:
            moments.append(index)
        elif generic == "received_at" and (
            profile.share(S.DATE) >= 0.9 or profile.serial_dates >= 0.9
        ):
            days.append(index)
        elif generic == "received_time" and profile.share(S.TIME, S.FRACTION) >= 0.9:
            clocks.append(index)
        elif dated and not names_another_moment(form, weights[index]):
            others.append(index)
    if others:
        return
    if len(days) == 1 and len(clocks) == 1 and not moments:
        (day,), (clock,) = days, clocks
        pair = f"«{forms[day].text}» y «{forms[clock].text}» son la única fecha y la única hora"
        reason = f"{pair} del archivo: la fecha y la hora de ingreso"
        _choose(chosen, "received_date", _candidate(scored["received_date"], day, reason))
        _choose(chosen, "received_time", _candidate(scored["received_time"], clock, reason))
        chosen.pop("received_at", None)
    elif len(moments) == 1 and (
        (not days and not clocks)
        or (
            len(days) == 1
            and len(clocks) == 1
            and same_moments(rows, moments[0], days[0], clocks[0])
        )
    ):
        (moment,) = moments
        reason = (
            f"«{forms[moment].text}» es la única fecha y hora que no nombra un final, un "
            "cierre o una modificación: la fecha de ingreso"
        )
        _choose(chosen, "received_at", _candidate(scored["received_at"], moment, reason))
        chosen.pop("received_date", None)
        chosen.pop("received_time", None)


def _candidate(
    candidates: Sequence[ColumnCandidate], index: int, reason: str
) -> ColumnCandidate | None:
    """The candidate of column ``index`` raised to :data:`INFERRED`, with ``reason``."""
    for c in candidates:
        if c.index == index:
            return replace(c, score=max(c.score, INFERRED), reasons=(*c.reasons, reason))
    return None


def _choose(
    chosen: dict[str, ColumnCandidate], name: str, candidate: ColumnCandidate | None
) -> None:
    """Gives ``candidate``'s column to ``name``, taking it from a weaker field."""
    if candidate is None:
        return
    for other, c in list(chosen.items()):
        if c.index == candidate.index and other != name:
            if c.score > candidate.score:
                return
            del chosen[other]
    chosen[name] = candidate


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
        if whole is not None and day and clock and min(day.score, clock.score) > whole.score:
            # «Fecha de recibido» + «Hora de recibido» rather than a weaker «Marca temporal»
            chosen.pop(spec.name)
        elif whole is not None:
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
        if pick.score - other.score < MARGIN - 1e-9:  # 0.95 - 0.8 is 0.1499…
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
    weights = header_weights(forms, channel)
    scored = _score_all(headers, forms, profiles, channel, sample_rows, hidden, weights, rows)
    chosen = _assign(scored)
    _generic_receipt(chosen, scored, forms, profiles, weights, hidden, rows)
    _resolve_date_time_pairs(chosen, scored, channel)
    settle_name_parts(chosen, rows)
    fields: dict[str, FieldGuess] = {}
    for spec in fields_for(channel):
        pick = chosen.get(spec.name)
        candidates = list(scored[spec.name])
        certain = pick is not None and _is_certain(spec.name, pick, scored, chosen)
        if certain and spec.name == "answered_at" and days_only(profiles[pick.index]):
            certain, pick = False, replace(pick, reasons=(*pick.reasons, DAYS_ONLY_REASON))
        if pick is not None and (certain or not candidates or pick.score >= candidates[0].score):
            candidates = [pick, *(c for c in candidates if c.index != pick.index)]
        fields[spec.name] = FieldGuess(
            field=spec.name,
            column=MappedColumn(pick.index, pick.header) if pick else None,
            confidence=pick.score if pick else 0.0,
            candidates=tuple(candidates[:MAX_CANDIDATES]),
            certain=certain,
        )
    without_half_names(fields, forms)  # the user chooses, or no half name is read
    samples = {i: p.samples for i, p in enumerate(profiles)}
    utc = frozenset(utc_columns(headers))
    return _with_mapping(fields, channel, samples, date_orders, hidden, utc)


def _with_mapping(
    fields: dict[str, FieldGuess],
    channel: Channel,
    samples: dict[int, tuple[str, ...]],
    date_orders: DateOrders | None = None,
    hidden: frozenset[int] = frozenset(),
    utc: frozenset[int] = frozenset(),
) -> MappingGuess:
    """The guess whose mapping holds its certain fields (DATE/TIME halves only in pairs)."""
    columns = {name: g.column for name, g in fields.items() if g.certain and g.column is not None}
    for spec in fields_for(channel):
        halves = halves_of(spec.name)
        if halves and not all(h in columns for h in halves):
            for half in halves:
                columns.pop(half, None)
    ordered = dict(sorted(columns.items(), key=lambda item: item[1].index))
    return MappingGuess(ColumnMapping(ordered), fields, channel, samples, date_orders, hidden, utc)


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
    utc = frozenset(c.index for c in mapping.columns.values() if utc_columns([c.header]))
    return _with_mapping(fields, Channel(channel), dict(samples), date_orders, utc=utc)


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
    utc = guess.utc_columns | frozenset(utc_columns(headers))
    return _with_mapping(fields, guess.channel, guess.samples, guess.date_orders, guess.hidden, utc)


def _exclusive_with(name: str) -> tuple[str, ...]:
    """Fields that cannot be mapped together with ``name`` (a date-time and its halves, a
    name and its parts)."""
    halves = halves_of(name)
    if halves:
        return halves
    if FIELDS_BY_NAME[name].part_of or parts_of(name):
        return name_rivals(name)
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
