"""An agent column's cells that name no agent: «Sin asignar», «Unassigned», «N/A», «-».

Such a value is not a person: stored, it would become an agent of the provider, drawn
in the sample and scored. The row is rejected instead, naming the value, as a row
without an agent is.
"""

from __future__ import annotations

from collections.abc import Callable

from auditoria_calidad.domain.agent_names import names_no_one
from auditoria_calidad.importing.values import Cell, ValueProblem


def named_agent(parse: Callable[[Cell], object]) -> Callable[[Cell], object]:
    """``parse``, refusing a value that says the record has no agent (each distinct value
    is judged once: a file repeats a few dozen agents over its rows)."""
    judged: dict[str, bool] = {}

    def parse_agent(cell: Cell) -> object:
        value = parse(cell)
        if isinstance(value, str):
            none = judged.get(value)
            if none is None:
                none = judged[value] = names_no_one(value)
            if none:
                raise ValueProblem(f"«{value}» no es un agente: la fila no dice quién respondió")
        return value

    return parse_agent
