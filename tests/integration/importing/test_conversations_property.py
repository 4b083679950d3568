"""Property: a chat log's messages joined into conversations give, whatever the order of
its rows, one record per conversation whose values are those of its messages: the first
message's time, the agent who wrote most, the user's name, the wait to the agent's first
answer, every message in the transcript in time order, and the row of the conversation's
first row in the file. The same holds for a log that gives each message's direction
(«Entrante», «Saliente») instead of its sender's role."""

from __future__ import annotations

import csv
import tempfile
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auditoria_calidad.domain.fields import Channel
from auditoria_calidad.importing import read_export

HEADERS = ["Id conversación", "Fecha y hora", "Tipo de remitente", "Nombre", "Mensaje"]
AGENTS = ["Yuliana Cárdenas", "Jhon Muñoz", "Luz Quiñones"]
START = datetime(2026, 10, 2, 8, 0, 0)

_message = st.tuples(
    st.sampled_from(["Cliente", "Agente", "Bot"]),
    st.sampled_from(AGENTS),
    st.text(alphabet="abcdefghijklmnñopqrstuvwxyzáéíóú ¿?,.$", min_size=1, max_size=30),
)
_conversation = st.lists(_message, min_size=1, max_size=6).map(
    lambda said: [("Cliente", "", "Hola, necesito ayuda"), *said]  # the user writes first
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    conversations=st.lists(_conversation, min_size=2, max_size=5),
    order=st.randoms(),
    directed=st.booleans(),
)
def test_joined_conversations_keep_their_messages_whatever_the_row_order(
    conversations: list[list[tuple[str, str, str]]], order: object, directed: bool
) -> None:
    rows: list[tuple[str, datetime, str, str, str]] = []
    second = 0
    for n, said in enumerate(conversations):
        citizen = f"Usuario Número {n}"
        for role, agent, text in said:
            second += 7  # every message at its own time
            name = {"Cliente": citizen, "Agente": agent, "Bot": "Chatbot Entidad"}[role]
            rows.append((f"C-{n}", START + timedelta(seconds=second), role, name, text.strip()))
    order.shuffle(rows)  # type: ignore[attr-defined]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "mensajes.csv"
        with path.open("w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out, delimiter=";")
            writer.writerow([*HEADERS[:2], "Dirección" if directed else HEADERS[2], *HEADERS[3:]])
            for key, at, role, name, text in rows:
                sender = ("Entrante" if role == "Cliente" else "Saliente") if directed else role
                writer.writerow([key, f"{at:%Y-%m-%d %H:%M:%S}", sender, name, text])

        result = read_export(path, Channel.CHAT)

    by_key = {r.key: r for r in result.records}
    # No agent message: no answer to audit, set aside at the row of its first message
    set_aside = {r.row: r.reason for r in result.set_aside}
    assert result.rejected == []
    for n in range(len(conversations)):
        key = f"C-{n}"
        mine = sorted((r for r in rows if r[0] == key), key=lambda r: r[1])
        agents = [r for r in mine if r[2] == "Agente"]
        first_row = 1 + min(i for i, r in enumerate(rows, 1) if r[0] == key)
        if not agents:
            assert key not in by_key and set_aside[first_row].startswith("Ningún agente")
            continue
        record = by_key[key]
        count = Counter(r[3] for r in agents)
        first_of = {name: i for i, name in reversed(list(enumerate(r[3] for r in agents)))}
        assert record.agent == max(count, key=lambda a: (count[a], -first_of[a]))
        assert record.received_at == mine[0][1]
        assert record.requester_name == f"Usuario Número {n}"
        assert record.wait_seconds == round((agents[0][1] - mine[0][1]).total_seconds())
        role = {"Cliente": "Usuario", "Agente": "Agente", "Bot": "Bot"}
        assert record.answer_text == "\n".join(
            f"[{at:%H:%M:%S}] {role[r]} ({name}): {text}" for _k, at, r, name, text in mine
        )
        assert record.source_row == first_row
