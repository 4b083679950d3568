"""An agent column's cells that name no agent of the provider.

«Sin asignar», «Unassigned», «N/A», «-» are not a person: stored, such a value would
become an agent of the provider, drawn in the sample and scored. The row is rejected
instead, naming the value, as a row without an agent is.

«Chatbot PQRSD», «Respuesta automática»: the record was answered by a bot, not by an
agent. It is set aside with that reason (`AnsweredByBot`), as a chat log's conversation
in which no agent wrote is.
"""

from __future__ import annotations

from collections.abc import Callable

from auditoria_calidad.domain.agent_names import names_a_bot, names_no_one
from auditoria_calidad.importing.values import Cell, ValueProblem


class AnsweredByBot(ValueProblem):
    """The agent cell names a bot or an automatic answer: the row is set aside."""


def named_agent(parse: Callable[[Cell], object]) -> Callable[[Cell], object]:
    """``parse``, refusing a value that says the record has no agent (each distinct value
    is judged once: a file repeats a few dozen agents over its rows)."""
    judged: dict[str, str] = {}  # value -> "" (an agent), "none" or "bot"

    def parse_agent(cell: Cell) -> object:
        value = parse(cell)
        if isinstance(value, str):
            verdict = judged.get(value)
            if verdict is None:
                verdict = judged[value] = (
                    "none" if names_no_one(value) else "bot" if names_a_bot(value) else ""
                )
            if verdict == "none":
                raise ValueProblem(f"«{value}» no es un agente: la fila no dice quién respondió")
            if verdict == "bot":
                raise AnsweredByBot(
                    f"La atendió «{value}», un bot o una respuesta automática, no un agente "
                    "del proveedor"
                )
        return value

    return parse_agent
