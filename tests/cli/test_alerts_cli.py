"""`alerts AUDIT [--code CODE] [--json]` and `sample AUDIT --add-alerts CODES --reason TEXT`:
the JSON shape (every record of the population), the Spanish table and the exit codes."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from audit_data import OCTOBER, PASSWORD, first_admin, provider, record, store, user
from auditoria_calidad import cli
from auditoria_calidad.demo import texts as t
from auditoria_calidad.domain.roles import Role
from auditoria_calidad.domain.screening import RULES_VERSION
from auditoria_calidad.services.connection import open_database
from auditoria_calidad.services.office_settings import update_settings

PROVIDER = "Contacto Total S.A.S."
REUSED = (
    "Hemos verificado que su solicitud se encuentra en revisión por parte del área encargada, "
    "la cual le dará respuesta de fondo dentro de los términos de ley. Le recordamos que puede "
    "consultar el estado de su caso en la página web con su número de documento."
)
SUBJECTS = ("Condonación", "Legalización", "Extractos y pagos")
AGENTS = ("Diana Rojas", "Ana Mejía", "Luis Pérez")


def _answer(body: str, name: str, agent: str) -> str:
    return (
        f"Respetada señora {name}:\n\nReciba un cordial saludo del ICETEX.\n\n{body}\n\n"
        "Quedamos atentos a cualquier inquietud adicional.\n\nCordialmente,\n\n"
        f"{agent}\nAsesor de Atención al Usuario\nICETEX"
    )


def _rows() -> list:  # type: ignore[type-arg]
    rows = []
    for i in range(12):
        service, agent = SUBJECTS[i % 3], AGENTS[i % 3]
        bodies = t.ANSWER_BODIES[service]
        body = " ".join(bodies[(i + j) % len(bodies)] for j in range(3)).format(
            fondo="Fondo EPM",
            monto="$ 100.000",
            monto2="$ 200.000",
            fecha="01/10/2026",
            fecha_limite="30 de octubre de 2026",
            periodo="2026-2",
            pais="España",
            banco="Bancolombia",
        )
        if i == 4:  # misspellings that begin with a capital
            body += " La Univresidad revisará su Credito."
        rows.append(
            record(
                agent,
                f"R-{i:02d}",
                OCTOBER + timedelta(hours=i),
                service=service,
                request_text=t.REQUEST_ISSUES[service][0],
                answer_text=_answer(body, "Laura Gómez", agent),
                requester_name="Laura Gómez",
            )
        )
    rows.append(record("Luis Pérez", "R-99", OCTOBER, service="Condonación"))  # no answer text
    for n, service in enumerate(("Condonación", "Legalización", "Condonación")):
        rows.append(
            record(
                AGENTS[n],
                f"U-{n + 1}",
                OCTOBER + timedelta(days=1, hours=n),
                service=service,
                request_text=t.REQUEST_ISSUES[service][0],
                answer_text=_answer(REUSED, f"Usuaria {n}", AGENTS[n]),
                requester_name=f"Usuaria {n}",
            )
        )
    return rows


@pytest.fixture
def setup(tmp_path_factory, monkeypatch):  # type: ignore[no-untyped-def]
    url = f"sqlite:///{(tmp_path_factory.mktemp('cli') / 'test.db').as_posix()}"
    db = open_database(url)
    admin = first_admin(db)
    store(db, admin, provider(db, admin, PROVIDER), _rows())
    update_settings(db, admin, {"entity_name": "ICETEX"})  # its name is no unexplained acronym
    auditor = user(db, admin, Role.AUDITOR)
    db.close()
    monkeypatch.setenv("AUDITORIA_DB_URL", url)
    monkeypatch.setenv("AUDITORIA_USER", auditor.username)
    monkeypatch.setenv("AUDITORIA_PASSWORD", PASSWORD)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = cli.main(list(argv))
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def _json(capsys, *argv: str) -> dict:  # type: ignore[no-untyped-def, type-arg]
    code, out, err = run(capsys, *argv, "--json")
    assert code == 0, err
    return json.loads(out)


def _create(capsys) -> str:  # type: ignore[no-untyped-def]
    created = _json(
        capsys, "audit", "create", "--channel", "virtual", "--provider", PROVIDER,
        "--month", "2026-10",
    )  # fmt: skip
    return str(created["number"])


def test_alerts_json_lists_every_record_of_the_population(capsys, setup) -> None:
    number = _create(capsys)

    out = _json(capsys, "alerts", number)

    assert set(out) == {"audit", "rules_version", "records"}
    assert (out["audit"], out["rules_version"]) == (number, RULES_VERSION)
    assert [r["key"] for r in out["records"]] == sorted(r.key for r in _rows())
    by_key = {}
    for entry in out["records"]:
        assert set(entry) == {"key", "alerts"} and isinstance(entry["alerts"], list)
        for alert in entry["alerts"]:
            assert {"code", "criterion", "evidence"} <= set(alert)
            assert set(alert) <= {"code", "criterion", "evidence", "words", "proposed"}
            assert isinstance(alert["evidence"], str) and alert["evidence"]
            assert ("words" in alert) == (alert["code"] == "ortografia")
        by_key[entry["key"]] = {a["code"]: a for a in entry["alerts"]}
    assert by_key["R-99"] == {}  # records without alerts are listed
    assert all("ICETEX" not in a["evidence"] for alerts in by_key.values() for a in alerts.values())
    spelling = by_key["R-04"]["ortografia"]
    assert {"Univresidad", "Credito"} <= set(spelling["words"])  # as written in the answer
    assert spelling["criterion"] == "redaccion_ortografia"
    reuse = {k for k, alerts in by_key.items() if "respuesta_reutilizada" in alerts}
    assert reuse == {"U-1", "U-2", "U-3"}
    assert by_key["U-2"]["respuesta_reutilizada"]["proposed"] == "no_cumple"
    assert "proposed" not in by_key["U-1"]["respuesta_reutilizada"]


def test_alerts_by_code_and_as_a_spanish_table(capsys, setup) -> None:
    number = _create(capsys)

    only = _json(capsys, "alerts", number, "--code", "respuesta_reutilizada")
    code, out, _ = run(capsys, "alerts", number, "--code", "respuesta_reutilizada")

    assert [r["key"] for r in only["records"]] == ["U-1", "U-2", "U-3"]
    assert all(
        [a["code"] for a in r["alerts"]] == ["respuesta_reutilizada"] for r in only["records"]
    )
    assert code == 0
    assert f"Auditoría {number}" in out and "Alerta «respuesta_reutilizada»: 3 registros." in out
    assert "Clave" in out and "Evidencia" in out and "U-2" in out and "No cumple" in out


def test_an_unknown_code_exits_with_3_and_names_the_codes(capsys, setup) -> None:
    number = _create(capsys)
    code, out, err = run(capsys, "alerts", number, "--code", "reusada", "--json")
    assert code == 3
    assert json.loads(out)["ok"] is False
    assert "Código de alerta desconocido: reusada" in err and "respuesta_reutilizada" in err


def test_sample_add_alerts_adds_directed_records_with_the_reason(capsys, setup) -> None:
    number = _create(capsys)
    drawn = _json(capsys, "sample", number, "--seed", "42")

    added = _json(
        capsys, "sample", number, "--add-alerts", "respuesta_reutilizada,incongruente",
        "--reason", "Respuestas reutilizadas",
    )  # fmt: skip

    reused = {"U-1", "U-2", "U-3"}
    assert added["codes"] == ["respuesta_reutilizada", "incongruente"]
    assert reused - set(drawn["record_keys"]) <= set(added["added"])
    items = {i["key"]: i for i in _json(capsys, "sample", "list", number)["items"]}
    assert {k for k, i in items.items() if i["origin"] == "drawn"} == set(drawn["record_keys"])
    assert all(items[k]["origin"] == "directed" for k in added["added"])
    plan = _json(capsys, "sample", "plan", number)
    assert plan["directed"] == [
        {"reason": "Respuestas reutilizadas", "records": len(added["added"])}
    ]
    code, _, err = run(capsys, "sample", number, "--add-alerts", "ortografia")
    assert code == 2 and "--reason" in err
