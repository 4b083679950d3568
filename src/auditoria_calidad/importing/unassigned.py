"""An agent column's cells that name no agent of the provider.

«Sin asignar», «Unassigned», «N/A», «-» are not a person: stored, such a value would
become an agent of the provider, drawn in the sample and scored. The row is rejected
instead, naming the value, as a row without an agent is.

«Chatbot PQRSD», «Respuesta automática»: the record was answered by a bot, not by an
agent. It is set aside with that reason (`AnsweredByBot`), as a chat log's conversation
in which no agent wrote is.

«Marcela Peña Rincón, Sebastián Arias Toro» (a chat transferred between agents): stored
whole it would be one agent who does not exist; the row is rejected, naming the agents.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from auditoria_calidad.domain.agent_names import agent_key, names_a_bot, names_no_one
from auditoria_calidad.importing.values import Cell, ValueProblem


class AnsweredByBot(ValueProblem):
    """The agent cell names a bot or an automatic answer: the row is set aside."""


# Separators no single name holds: «Ana Gómez; Luis Peña», «Ana Gómez | Luis Peña».
_LIST_SEPARATORS = re.compile(r"\s*(?:;|\||\s/\s|\n|\s&\s)\s*")
# Headers that announce several agents per cell: «Agent name(s)», «Agents involved».
_PLURAL_HEADER = re.compile(
    r"\((?:s|es)\)|\b(?:agents|agentes|asesores|involved|interactuados|interacted|participantes)\b",
    re.IGNORECASE,
)


class AgentReader:
    """An agent column's parser: it refuses a value that names no one, sets aside a
    record a bot answered, and refuses a cell that names several agents (a chat
    transferred between agents: «Marcela Peña Rincón, Sebastián Arias Toro»), which
    stored whole would be one made-up agent. A comma alone also separates a surname
    from a name («Peña Rincón, Marcela»), so it lists agents only when one of its parts
    is an agent of the column's own or the header announces several («Agent name(s)»).

    Each distinct value is judged once: a file repeats a few dozen agents over its rows.
    """

    def __init__(self, parse: Callable[[Cell], object], header: str = "") -> None:
        self._parse = parse
        self._plural = bool(_PLURAL_HEADER.search(header))
        self._known: set[str] = set()  # the keys of the names seen alone in the column
        self._judged: dict[str, tuple[str, list[str]]] = {}  # value -> (verdict, names)

    def learn(self, cells: Sequence[Cell]) -> None:
        """The names the column's first rows hold alone (see the class)."""
        for cell in cells:
            if isinstance(cell, str) and "," not in cell and not _LIST_SEPARATORS.search(cell):
                self._known.add(agent_key(cell))
        self._judged.clear()

    def __call__(self, cell: Cell) -> object:
        value = self._parse(cell)
        if not isinstance(value, str):
            return value
        judged = self._judged.get(value)
        if judged is None:
            judged = self._judged[value] = self._judge(value)
        verdict, names = judged
        if verdict == "none":
            raise ValueProblem(f"«{value}» no es un agente: la fila no dice quién respondió")
        if verdict == "bot":
            raise AnsweredByBot(
                f"La atendió «{value}», un bot o una respuesta automática, no un agente "
                "del proveedor"
            )
        if verdict == "several":
            listed = ", ".join(f"«{name}»" for name in names)
            raise ValueProblem(
                f"La celda nombra a varios agentes ({listed}): cada registro se audita con un "
                "solo funcionario responsable; deje en la celda el que respondió"
            )
        return value

    def _judge(self, value: str) -> tuple[str, list[str]]:
        if names_no_one(value):
            return "none", []
        names = self._several(value)
        if names:
            return "several", names
        return ("bot" if names_a_bot(value) else ""), []

    def _several(self, value: str) -> list[str]:
        parts = [p.strip() for p in _LIST_SEPARATORS.split(value) if p.strip()]
        if len(parts) > 1 and all(any(c.isalpha() for c in p) for p in parts):
            return parts
        parts = [p.strip() for p in value.split(",") if p.strip()]
        if len(parts) < 2 or not all(any(c.isalpha() for c in p) for p in parts):
            return []
        if any(agent_key(p) in self._known for p in parts):
            return parts
        if self._plural and all(len(p.split()) > 1 for p in parts):
            return parts
        return []


def named_agent(parse: Callable[[Cell], object], header: str = "") -> AgentReader:
    """The `AgentReader` of an agent column read by ``parse``, headed ``header``."""
    return AgentReader(parse, header)
