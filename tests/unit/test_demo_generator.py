"""The demo-data generator: determinism, shape of the month, texts and CRM-like exports."""

from __future__ import annotations

import csv
import itertools
import re
from collections import Counter
from datetime import timedelta
from pathlib import Path

import openpyxl
import pytest

from auditoria_calidad.demo import (
    MISSPELLINGS,
    MISSPELT_WORDS,
    REQUEST_TYPE_KINDS,
    DemoMonth,
    generate_month,
    texts,
)
from auditoria_calidad.demo.export_files import (
    BANNER_ROWS,
    CHAT_COLUMNS,
    VIRTUAL_COLUMNS,
    write_crm_export_csv,
    write_crm_export_xlsx,
    write_demo_exports,
)
from auditoria_calidad.domain.fields import Channel

TURN_RE = re.compile(r"^\[(\d\d):(\d\d):(\d\d)\] (Usuario|Agente \([^)]+\)): (.+)$")
WORD_RE = re.compile(r"[^\W\d_]+")


@pytest.fixture(scope="module")
def month() -> DemoMonth:
    return generate_month()


def _hashes(m: DemoMonth) -> list[tuple[str, str]]:
    return [(r.key, r.content_hash()) for r in m.virtual + m.chat]


def test_same_seed_gives_the_same_records(month: DemoMonth) -> None:
    again = generate_month()
    assert _hashes(again) == _hashes(month)
    assert again.misspellings == month.misspellings
    assert again.agents == month.agents


def test_different_seed_gives_different_records(month: DemoMonth) -> None:
    other = generate_month(seed=7)
    assert {h for _, h in _hashes(other)}.isdisjoint({h for _, h in _hashes(month)})


def test_default_counts_period_and_agents(month: DemoMonth) -> None:
    assert len(month.virtual) == 1500
    assert len(month.chat) == 800
    assert len(month.agents) == len(set(month.agents)) == 10
    assert (month.period_start.isoformat(), month.period_end.isoformat()) == (
        "2026-10-01",
        "2026-10-31",
    )
    for channel in Channel:
        per_agent = Counter(r.agent for r in month.records(channel))
        assert set(per_agent) == set(month.agents)
        # Uneven workload: the busiest agent has several times the records of the quietest.
        assert max(per_agent.values()) >= 3 * min(per_agent.values())
    for name in month.agents:
        assert 3 <= len(name.split()) <= 4


def test_small_month_with_other_arguments() -> None:
    m = generate_month(3, year=2025, month=2, virtual_count=40, chat_count=12, agent_count=12)
    assert (len(m.virtual), len(m.chat), len(m.agents)) == (40, 12, 12)
    assert {r.agent for r in m.chat} == set(m.agents)
    assert all(r.received_at.year == 2025 and r.received_at.month == 2 for r in m.virtual)
    assert m.period_end.day == 28
    with pytest.raises(ValueError):
        generate_month(month=13)


def test_keys_are_unique_and_well_formed(month: DemoMonth) -> None:
    keys = [r.key for r in month.virtual + month.chat]
    assert len(keys) == len(set(keys))
    assert all(re.fullmatch(r"2026-ER-\d{7}", r.key) for r in month.virtual)
    assert all(re.fullmatch(r"CHAT-2026-\d{6}", r.key) for r in month.chat)
    assert [r.source_row for r in month.virtual[:3]] == [2, 3, 4]
    assert all(r.source_sheet == "Demo" for r in month.virtual + month.chat)


def test_virtual_fields(month: DemoMonth) -> None:
    for r in month.virtual:
        assert r.channel is Channel.VIRTUAL
        assert r.answered_at is not None and r.answered_at >= r.received_at
        assert r.identity_number and r.identity_number.isdigit()
        assert 6 <= len(r.identity_number) <= 10
        assert r.requester_name and r.request_type in REQUEST_TYPE_KINDS
        assert r.service in {s for s, _, _ in texts.SERVICES}
        assert r.crm_registrations in (1, 2, 3)
        assert r.wait_seconds is None and r.user_rating is None
    assert Counter(r.crm_registrations for r in month.virtual).most_common(1)[0][0] == 1
    # One person per identity number; some people write more than once.
    names: dict[str, set[str]] = {}
    for r in month.virtual + month.chat:
        names.setdefault(r.identity_number or "", set()).add(r.requester_name or "")
    assert all(len(n) == 1 for n in names.values())
    assert len(names) < len(month.virtual) + len(month.chat)
    assert any(r.received_at.weekday() >= 5 for r in month.virtual)
    assert any(r.received_at.hour < 7 or r.received_at.hour >= 19 for r in month.virtual)


def test_answer_times(month: DemoMonth) -> None:
    delays = [r.answered_at - r.received_at for r in month.virtual if r.answered_at]
    late = [d for d in delays if d > timedelta(hours=24)]
    assert 0.08 <= len(late) / len(delays) <= 0.18
    assert all(timedelta(hours=26) <= d <= timedelta(days=6) for d in late)
    assert any(d < timedelta(hours=1) for d in delays)


def test_answers_have_greeting_signature_and_varied_length(month: DemoMonth) -> None:
    lengths = [len(r.answer_text or "") for r in month.virtual]
    assert sum(n >= 6000 for n in lengths) >= 3
    assert min(lengths) < 400
    for r in month.virtual:
        answer = r.answer_text or ""
        assert r.agent in answer.splitlines()[-4:]
        assert "Atención al Usuario" in answer
        assert "{" not in answer and "}" not in answer


def test_requests_are_varied_and_include_hostile_texts(month: DemoMonth) -> None:
    requests = [r.request_text or "" for r in month.virtual]
    assert len(set(requests)) > 0.9 * len(requests)
    assert any("$ " in t and re.search(r"\$ \d{1,3}(\.\d{3})+", t) for t in requests)
    joined = "\n".join(requests + [r.request_text or "" for r in month.chat])
    for snippet in ("<b>", "&", "🙂"):
        assert snippet in joined
    assert any(line.startswith("=") for line in joined.splitlines())


def test_spelling_mistakes_are_injected_and_listed(month: DemoMonth) -> None:
    assert all(wrong not in texts_words() for wrong in MISSPELT_WORDS)
    assert all(correct != wrong for correct, wrong in MISSPELLINGS)
    virtual_bad = [r for r in month.virtual if r.key in month.misspellings]
    assert 0.10 <= len(virtual_bad) / len(month.virtual) <= 0.20
    chat_bad = [r for r in month.chat if r.key in month.misspellings]
    assert 0.08 <= len(chat_bad) / len(month.chat) <= 0.20
    for r in month.virtual + month.chat:
        words = set(WORD_RE.findall(r.answer_text or ""))
        injected = month.misspellings.get(r.key, ())
        assert 1 <= len(injected) <= 4 or r.key not in month.misspellings
        assert set(injected) <= words
        assert words & MISSPELT_WORDS == set(injected)


def texts_words() -> set[str]:
    """Every word of the phrase banks (which must be free of the injected mistakes)."""
    words: set[str] = set()
    for value in vars(texts).values():
        for text in _strings(value):
            words |= set(WORD_RE.findall(re.sub(r"\{\w+\}", " ", text)))
    return words


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, tuple | list):
        return [s for v in value for s in _strings(v)]
    return []


def test_chat_transcripts_alternate_speakers(month: DemoMonth) -> None:
    for r in month.chat:
        assert r.answered_at is None and r.crm_registrations is None
        assert r.wait_seconds is not None and 5 <= r.wait_seconds <= 900
        assert r.user_rating is None or r.user_rating in (1, 2, 3, 4, 5)
        lines = (r.answer_text or "").split("\n")
        assert 4 <= len(lines) <= 14
        matches = [TURN_RE.match(line) for line in lines]
        assert all(matches), r.answer_text
        speakers = [m.group(4) for m in matches if m]
        assert speakers[0] == "Usuario"
        assert all(a != b for a, b in itertools.pairwise(speakers))
        assert len({s for s in speakers if s != "Usuario"}) == 1
        assert matches[0] and matches[0].group(5) == r.request_text
    waits = [r.wait_seconds or 0 for r in month.chat]
    assert sum(w <= 120 for w in waits) / len(waits) > 0.7
    assert any(w >= 180 for w in waits)
    unrated = sum(r.user_rating is None for r in month.chat) / len(month.chat)
    assert 0.2 <= unrated <= 0.4
    registered = sum(bool(r.registered_in_crm) for r in month.chat) / len(month.chat)
    assert 0.8 <= registered <= 0.97


def test_xlsx_exports_reopen(month: DemoMonth, tmp_path: Path) -> None:
    path = write_crm_export_xlsx(
        month.virtual, tmp_path / "v.xlsx", channel=Channel.VIRTUAL, provider=month.provider
    )
    ws = openpyxl.load_workbook(path).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][0] == "ICETEX - Atención Virtual - Reporte de casos octubre 2026"
    assert list(rows[BANNER_ROWS]) == [h for h, _ in VIRTUAL_COLUMNS]
    data = rows[BANNER_ROWS + 1 :]
    assert len(data) == len(month.virtual)
    first = month.virtual[0]
    assert data[0][0] == first.key
    assert data[0][1] == first.received_at and data[0][7] == first.answered_at
    assert any(isinstance(v, str) and v.startswith("=") for row in data for v in row)
    assert all(c.data_type != "f" for col in ws.iter_cols() for c in col)

    plain = write_crm_export_xlsx(
        month.chat, tmp_path / "c.xlsx", channel=Channel.CHAT, banner=False
    )
    rows = list(openpyxl.load_workbook(plain).active.iter_rows(values_only=True))
    assert list(rows[0]) == [h for h, _ in CHAT_COLUMNS]
    assert len(rows) == 1 + len(month.chat)
    assert {row[8] for row in rows[1:]} == {"Sí", "No"}


def test_csv_exports_reopen(month: DemoMonth, tmp_path: Path) -> None:
    path = write_crm_export_csv(month.chat, tmp_path / "c.csv", channel=Channel.CHAT)
    raw = path.read_bytes()
    assert raw.startswith("ID Chat;".encode("cp1252")) and b"\r\n" in raw
    with path.open(encoding="cp1252", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    assert rows[0] == [h for h, _ in CHAT_COLUMNS]
    assert len(rows) == 1 + len(month.chat)
    assert re.fullmatch(r"\d\d/\d\d/2026 \d\d:\d\d", rows[1][1])
    assert rows[1][10] == (month.chat[0].request_text or "").replace("🙂", "?")

    utf8 = write_crm_export_csv(
        month.virtual,
        tmp_path / "v.csv",
        channel=Channel.VIRTUAL,
        encoding="utf-8",
        delimiter=",",
        banner=True,
    )
    with utf8.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][0].startswith("ICETEX - Atención Virtual")
    assert rows[BANNER_ROWS] == [h for h, _ in VIRTUAL_COLUMNS]
    assert len(rows) == BANNER_ROWS + 1 + len(month.virtual)
    assert "🙂" in utf8.read_text(encoding="utf-8")

    with pytest.raises(UnicodeEncodeError):
        write_crm_export_csv(
            month.virtual, tmp_path / "l.csv", channel=Channel.VIRTUAL, encoding="latin-1"
        )
    assert not (tmp_path / "l.csv").exists()


def test_write_demo_exports(tmp_path: Path) -> None:
    small = generate_month(5, virtual_count=30, chat_count=15, agent_count=3)
    paths = write_demo_exports(small, tmp_path / "out")
    assert sorted(paths) == ["chat_csv", "chat_xlsx", "virtual_csv", "virtual_xlsx"]
    assert all(p.exists() and p.stat().st_size > 0 for p in paths.values())


def test_earlier_months_keep_the_team_and_number_their_radicados_below(month: DemoMonth) -> None:
    august = generate_month(
        month.seed, month=8, virtual_count=150, chat_count=0, first_number=340_000
    )
    again = generate_month(
        month.seed, month=8, virtual_count=150, chat_count=0, first_number=340_000
    )
    assert [r.key for r in august.virtual] == [r.key for r in again.virtual]
    assert august.agents == month.agents  # the same provider's team
    assert august.period_start.month == 8 and not august.chat
    keys = [int(r.key.rsplit("-", 1)[1]) for r in august.virtual]
    assert min(keys) > 340_000 and max(keys) < min(
        int(r.key.rsplit("-", 1)[1]) for r in month.virtual
    )
    assert {r.requester_name for r in august.virtual} != {
        r.requester_name for r in month.virtual[:150]
    }
