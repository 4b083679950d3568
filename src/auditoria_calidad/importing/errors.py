"""Errors of the import that concern a file as a whole (not one cell)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from auditoria_calidad.domain.fields import FieldSpec
    from auditoria_calidad.importing.candidate_preferences import ColumnCandidate
    from auditoria_calidad.importing.mapping_inference import FieldGuess, MappingGuess


class ImportFileError(Exception):
    """The file cannot be imported; ``str(error)`` is a Spanish message for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class MissingFieldsError(ImportFileError):
    """Required fields have no column mapped to them."""

    def __init__(self, file_name: str, fields: Sequence[FieldSpec]) -> None:
        self.fields = list(fields)
        labels = ", ".join(f"«{spec.label}»" for spec in self.fields)
        plural = "los campos obligatorios" if len(self.fields) > 1 else "el campo obligatorio"
        super().__init__(
            f"{file_name}: falta asignar una columna para {plural} {labels}. "
            "Revise la correspondencia de columnas."
        )


class UncertainMappingError(MissingFieldsError):
    """Required fields whose column is missing, uncertain or contested: nothing was read.

    ``guess`` holds every field's candidates, their sample values and why, so that the
    user can choose; ``str(error)`` lists them with the ``--map`` option to choose one.
    (A :class:`MissingFieldsError` too: a field without a sure column is not mapped.)
    """

    def __init__(self, file_name: str, guess: MappingGuess) -> None:
        from auditoria_calidad.domain.fields import FIELDS_BY_NAME

        self.guess = guess
        uncertain = guess.uncertain_required()
        super().__init__(file_name, [FIELDS_BY_NAME[g.field] for g in uncertain])
        self.message = guess.describe_uncertain(file_name)
        self.args = (self.message,)

    def __str__(self) -> str:
        return self.message


class ImportCancelled(Exception):
    """The user cancelled the import; nothing was read into the result."""


def describe_uncertain(guess: MappingGuess, file_name: str) -> str:
    """Spanish: per uncertain required field of ``guess`` its candidates (best first),
    why, and the ``--map`` option that chooses the best one; or the date-order question."""
    from auditoria_calidad.importing.date_order import describe_date_question

    uncertain = guess.uncertain_required()
    if not uncertain:
        question = describe_date_question(guess.mapping, guess.date_orders)
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
    for field in uncertain:
        lines.append(f"• «{field.label}» ({field.field}):")
        shown = [c for c in field.candidates if c.score > 0]
        if not shown:
            lines.append("    ninguna columna del archivo parece contenerlo.")
        for candidate in shown:
            why = "; ".join(candidate.reasons)
            examples = ", ".join(candidate.samples[:3])
            lines.append(
                f"    – «{candidate.header}» (confianza {round(candidate.score * 100)} %): "
                f"{why}." + (f" Ejemplos: {examples}." if examples else "")
            )
        lines.append(f"    Para elegir una columna: {_map_option(guess, field, shown)}")
    lines.extend(describe_date_question(guess.mapping, guess.date_orders))
    return "\n".join(lines)


def _map_option(guess: MappingGuess, field: FieldGuess, shown: Sequence[ColumnCandidate]) -> str:
    """The ``--map`` option that chooses the best candidate; for a date-time field
    whose best evidence is a date column beside a time column, that pair."""
    from auditoria_calidad.importing.mapping import halves_of

    header = shown[0].header if shown else "ENCABEZADO"
    option = f'--map {field.field}="{header}"'
    halves = halves_of(field.field)
    if not halves:
        return option
    pair = _best_pair(guess, halves)
    if pair is None:
        return option + (
            f' (o --map {halves[0]}="ENCABEZADO" --map {halves[1]}="ENCABEZADO" '
            "si la fecha y la hora están en columnas separadas)"
        )
    day, clock = pair
    pair_option = f'--map {halves[0]}="{day.header}" --map {halves[1]}="{clock.header}"'
    if not shown or clock.score >= shown[0].score:
        return f"{pair_option} (o {option} si una sola columna trae la fecha y la hora)"
    return f"{option} (o {pair_option} si la fecha y la hora están en columnas separadas)"


def _best_pair(
    guess: MappingGuess, halves: tuple[str, str]
) -> tuple[ColumnCandidate, ColumnCandidate] | None:
    """The best date column and the best time column of a date-time field, if any."""
    days = [c for c in guess.fields[halves[0]].candidates if c.score > 0]
    clocks = [c for c in guess.fields[halves[1]].candidates if c.score > 0]
    for clock in clocks:
        for day in days:
            if day.index != clock.index:
                return day, clock
    return None


def _fields_phrase(guesses: Sequence[FieldGuess], preposition: str = "") -> str:
    """«el campo obligatorio «X»» / «a los campos obligatorios «X», «Y»»."""
    labels = ", ".join(f"«{g.label}»" for g in guesses)
    if len(guesses) > 1:
        return f"{preposition + ' ' if preposition else ''}los campos obligatorios {labels}"
    return f"{'al' if preposition else 'el'} campo obligatorio {labels}"


def column_letter(index: int) -> str:
    """Spreadsheet letter of a 0-based column index: 0 → A, 27 → AB."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
