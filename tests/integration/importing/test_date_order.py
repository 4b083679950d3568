"""Text dates day first or month first: decided per column from its values, asked when
nothing decides, and never swapped without a word."""

from __future__ import annotations

import csv
import json
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from audit_data import PASSWORD, first_admin, provider, user
from auditoria_calidad import cli
from auditoria_calidad.domain.fields import Channel
from auditoria_calidad.domain.roles import Role
from auditoria_calidad.importing import (
    ColumnMapping,
    MappedColumn,
    UncertainMappingError,
    read_export,
)
from auditoria_calidad.importing.date_order import decide_date_orders
from auditoria_calidad.importing.values import (
    DateOrder,
    ValueProblem,
    parse_datetime,
    parse_datetime_month_first,
)
from auditoria_calidad.services.connection import open_database
from auditoria_calidad.storage.models import Record
from integration.importing.real_exports import write_salesforce_us

PROVIDER = "Contacto Total S.A.S."


def _by_key(result) -> dict[str, object]:  # type: ignore[no-untyped-def]
    return {r.key: r for r in result.records}


# -- the parsers ---------------------------------------------------------------------


def test_month_first_parser_reads_us_date_times() -> None:
    assert parse_datetime_month_first("10/1/2026 8:15 AM") == datetime(2026, 10, 1, 8, 15)
    assert parse_datetime_month_first("10/13/2026 5:30 PM") == datetime(2026, 10, 13, 17, 30)
    assert parse_datetime_month_first("2026-10-01 08:15:00") == datetime(2026, 10, 1, 8, 15)
    assert parse_datetime_month_first(datetime(2026, 10, 1, 8)) == datetime(2026, 10, 1, 8)
    assert parse_datetime("10/1/2026 8:15 AM") == datetime(2026, 1, 10, 8, 15)


def test_a_date_contradicting_the_order_is_a_problem_that_names_the_order() -> None:
    with pytest.raises(ValueProblem, match="orden mes/día/año"):
        parse_datetime_month_first("25/10/2026 08:00")
    with pytest.raises(ValueProblem, match="orden día/mes/año"):
        parse_datetime("10/25/2026 08:00")


# -- deciding per column ----------------------------------------------------------------


def test_each_column_gets_its_order_from_its_values_or_from_the_others() -> None:
    headers = ["Opened", "Closed", "Fecha de cierre", "Other", "Both"]
    rows = [
        ["10/13/2026 8:15 AM", "10/2/2026", "3/4/2026", "1/2/2026", "13/10/2026"],
        ["10/1/2026 9:00 AM", "10/3/2026", "5/6/2026", "2/3/2026", "10/14/2026"],
    ]
    orders = decide_date_orders(headers, rows)

    assert orders.orders[0] is DateOrder.MONTH_FIRST  # 13 in the second part
    assert orders.orders[1] is DateOrder.MONTH_FIRST  # undecided, like the file's others
    assert orders.orders[2] is DateOrder.DAY_FIRST  # undecided, Spanish header
    assert 4 in orders.undecided and orders.inconsistent == (4,)  # one vote each way
    assert orders.orders[3] is DateOrder.MONTH_FIRST


def test_nothing_decides_when_the_file_has_both_orders_elsewhere() -> None:
    rows = [["13/10/2026", "10/13/2026", "1/2/2026"]]
    orders = decide_date_orders(["A", "B", "C"], rows)
    assert list(orders.undecided) == [2]


def test_spanish_a_m_p_m_decides_day_first() -> None:
    orders = decide_date_orders(["Opened"], [["1/10/2026 8:15 a. m."], ["2/10/2026 3:05 p. m."]])
    assert orders.orders == {0: DateOrder.DAY_FIRST}


# -- importing ---------------------------------------------------------------------------


def test_a_decisive_us_column_is_read_month_first(tmp_path: Path) -> None:
    path, expected = write_salesforce_us(tmp_path)

    result = read_export(path, Channel.VIRTUAL)

    assert result.rejected == []
    stored = _by_key(result)
    for wanted in expected:
        record = stored[wanted["key"]]
        assert record.received_at == wanted["received_at"]  # type: ignore[attr-defined]
        assert record.answered_at == wanted["answered_at"]  # type: ignore[attr-defined]
    # 10/1/2026 is the first of October, not the tenth of January.
    assert stored["00077101"].received_at == datetime(2026, 10, 1, 8, 15)  # type: ignore[attr-defined]


def test_an_undecidable_column_stops_and_asks_for_the_order(tmp_path: Path) -> None:
    path, _expected = write_salesforce_us(tmp_path, decisive=False)

    with pytest.raises(UncertainMappingError) as raised:
        read_export(path, Channel.VIRTUAL)

    message = raised.value.message
    assert "falta elegir el orden de las fechas" in message
    assert "«Date/Time Opened»" in message and "10/1/2026 8:15 AM" in message
    assert "--date-order dmy (día/mes/año) o --date-order mdy (mes/día/año)" in message
    asked = [col.header for _name, col in raised.value.guess.undecided_dates()]
    assert asked == ["Date/Time Opened", "Date/Time Closed"]


def test_a_saved_mapping_does_not_skip_the_question(tmp_path: Path) -> None:
    path, _expected = write_salesforce_us(tmp_path, decisive=False)
    mapping = ColumnMapping({
        "key": MappedColumn(0, "Case Number"), "agent": MappedColumn(1, "Case Owner"),
        "received_at": MappedColumn(7, "Date/Time Opened"),
    })  # fmt: skip

    with pytest.raises(UncertainMappingError, match="--date-order"):
        read_export(path, Channel.VIRTUAL, mapping=mapping)


def test_the_chosen_order_is_the_one_read(tmp_path: Path) -> None:
    path, expected = write_salesforce_us(tmp_path, decisive=False)

    result = read_export(path, Channel.VIRTUAL, date_order=DateOrder.MONTH_FIRST)

    assert result.rejected == []
    stored = _by_key(result)
    for wanted in expected:
        assert stored[wanted["key"]].received_at == wanted["received_at"]  # type: ignore[attr-defined]
        assert stored[wanted["key"]].answered_at == wanted["answered_at"]  # type: ignore[attr-defined]
    # Day first when the user says so (10/1/2026 is then the tenth of January).
    result = read_export(path, Channel.VIRTUAL, date_order=DateOrder.DAY_FIRST)
    assert _by_key(result)["00077101"].received_at == datetime(2026, 1, 10, 8, 15)  # type: ignore[attr-defined]


def _write(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    return path


def test_a_row_contradicting_the_chosen_order_is_rejected_naming_row_and_column(
    tmp_path: Path,
) -> None:
    path, _expected = write_salesforce_us(tmp_path, decisive=False)
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    rows.insert(3, ["00077199", "Felipe Torres", "Ana Ruiz", "Loan", "Question", "Closed",
                    "Medium", "25/10/2026 8:00", "10/26/2026 9:00 AM"])  # fmt: skip
    _write(path, rows)

    result = read_export(path, Channel.VIRTUAL, date_order=DateOrder.MONTH_FIRST)

    assert [r.key for r in result.records] == ["00077101", "00077102", "00077105"]
    (rejected,) = result.rejected
    assert rejected.row == 4
    assert rejected.column == "Date/Time Opened"
    assert "25/10/2026 8:00" in rejected.reason and "mes/día/año" in rejected.reason
    assert rejected.describe(path.name).startswith(
        f"{path.name}, fila 4, columna «Date/Time Opened»: La fecha 25/10/2026 8:00"
    )


def test_rows_after_the_sample_that_contradict_the_column_are_rejected(tmp_path: Path) -> None:
    header = ["ID Chat", "Asesor", "Fecha de ingreso"]
    rows = [header] + [[f"R-{i}", "Ana Gómez", f"{1 + i % 28}/10/2026 08:00"] for i in range(600)]
    rows.append(["R-late", "Ana Gómez", "10/25/2026 08:00"])  # row 602, past the sample
    path = _write(tmp_path / "largo.csv", rows)

    result = read_export(path, Channel.CHAT)

    assert len(result.records) == 600
    (rejected,) = result.rejected
    assert (rejected.row, rejected.column) == (602, "Fecha de ingreso")
    assert "orden día/mes/año" in rejected.reason
    assert _by_key(result)["R-12"].received_at == datetime(2026, 10, 13, 8)  # type: ignore[attr-defined]


def test_an_inconsistent_column_rejects_the_rows_against_its_order(tmp_path: Path) -> None:
    header = ["ID Chat", "Asesor", "Created at"]
    rows = [header, ["A", "Ana Gómez", "13/10/2026 08:00"], ["B", "Ana Gómez", "14/10/2026"],
            ["C", "Ana Gómez", "10/15/2026 08:00"]]  # fmt: skip
    path = _write(tmp_path / "mezcla.csv", rows)

    result = read_export(path, Channel.CHAT)

    assert [r.key for r in result.records] == ["A", "B"]
    assert [(r.row, r.column) for r in result.rejected] == [(4, "Created at")]


# -- the command line --------------------------------------------------------------------


@pytest.fixture
def cli_db(tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    url = f"sqlite:///{(tmp_path / 'cli.db').as_posix()}"
    db = open_database(url)
    admin = first_admin(db)
    provider(db, admin, PROVIDER)
    auditor = user(db, admin, Role.AUDITOR)
    monkeypatch.setenv("AUDITORIA_DB_URL", url)
    monkeypatch.setenv("AUDITORIA_USER", auditor.username)
    monkeypatch.setenv("AUDITORIA_PASSWORD", PASSWORD)
    yield db
    db.close()


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = cli.main(list(argv))
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_asks_for_the_order_and_date_order_mdy_imports_right(
    cli_db, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, expected = write_salesforce_us(tmp_path, decisive=False)
    argv = ["import", str(path), "--channel", "virtual", "--provider", PROVIDER]

    code, _out, err = _run(capsys, *argv)
    assert code == 3
    assert "falta elegir el orden de las fechas" in err and "--date-order mdy" in err
    with cli_db.sessions() as session:
        assert session.scalars(select(Record)).all() == []

    code, out, err = _run(capsys, *argv, "--date-order", "mdy", "--json")
    assert code == 0, err
    assert json.loads(out)["imported"] == 3
    with cli_db.sessions() as session:
        stored = {r.key: r.received_at for r in session.scalars(select(Record))}
    assert stored == {e["key"]: e["received_at"] for e in expected}
