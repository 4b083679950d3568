"""One name per audit state: the window, the CLI and the PDFs read one table."""

from __future__ import annotations

import re
from pathlib import Path

from auditoria_calidad.domain.audit_states import AUDIT_STATE_LABELS, audit_state_label
from auditoria_calidad.services.audits import STATE_LABELS, AuditState

SRC = Path(__file__).resolve().parents[2] / "src" / "auditoria_calidad"


def test_every_stored_state_has_exactly_one_distinct_name() -> None:
    assert set(AUDIT_STATE_LABELS) == {s.value for s in AuditState}
    assert len(set(AUDIT_STATE_LABELS.values())) == len(AUDIT_STATE_LABELS)
    assert {s: audit_state_label(s.value) for s in AuditState} == STATE_LABELS


def test_no_other_module_names_an_audit_state_with_its_own_words() -> None:
    """The PDFs and the CLI once said «Borrador» of an audit «En revisión»."""
    labels = "|".join(re.escape(label) for label in AUDIT_STATE_LABELS.values())
    quoted = re.compile(rf"[\"']({labels})[\"' (,]")
    offenders = []
    # The window reads STATE_LABELS; the documents and the command line must not re-word it.
    for path in [*SRC.glob("reporting/*.py"), *SRC.glob("cli/*.py")]:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if quoted.search(line):
                offenders.append(f"{path.relative_to(SRC)}:{number}: {line.strip()}")
    assert offenders == []


def test_the_report_cover_names_the_state_as_the_window_does() -> None:
    from auditoria_calidad.reporting.audit_report import report_state

    class Data:  # the two fields report_state reads
        draft = True
        state = "in_review"

    assert report_state(Data()) == "En revisión (informe sin aprobar)"  # type: ignore[arg-type]
    Data.draft, Data.state = False, "sent"
    assert report_state(Data()) == "Enviada al proveedor (informe emitido)"  # type: ignore[arg-type]
