"""The audit report PDF read back as text: figures, masking, pages, inconsistencies."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from decimal import Decimal

import pytest
from PIL import Image
from reading import flat, page_texts
from report_builders import HOSTILE, LONG_WORD, build_audit

from auditoria_calidad.domain.fields import Channel
from auditoria_calidad.reporting import spanish_format as fmt
from auditoria_calidad.reporting.audit_report import write_audit_report
from auditoria_calidad.reporting.data import AuditIndicators, AuditReportData, Letterhead


@pytest.fixture(scope="module")
def audit() -> AuditReportData:
    return build_audit(records=60, agents=6)


@pytest.fixture(scope="module")
def pdf(audit: AuditReportData) -> bytes:
    return write_audit_report(audit)


@pytest.fixture(scope="module")
def texts(pdf: bytes) -> list[str]:
    return page_texts(pdf)


def test_cover_identifies_the_visit(audit: AuditReportData, texts: list[str]) -> None:
    cover = texts[0]
    for expected in (
        audit.letterhead.entity.split(" ")[0],
        "Formato de visita de Calidad Atención Virtual y Chat (F182)",
        "Informe N.º",
        audit.report_number,
        "07/06/2024",
        "Virtual",
        audit.provider,
        "01/05/2024 a 31/05/2024",
        audit.auditor,
    ):
        assert expected in cover


def test_scope_gives_sample_share_with_decimal_comma(
    audit: AuditReportData, texts: list[str]
) -> None:
    whole = "\n".join(texts).replace("\u00a0", " ")
    share = Decimal(100) * audit.sample_size / audit.population
    assert f"{fmt.decimal(share, 1)} %" in whole  # e.g. "51,3 %"
    assert "," in fmt.decimal(share, 1)
    assert audit.seed in whole
    assert "Algoritmo de muestreo" in whole  # in the annex
    assert f"versión {audit.scheme.version}" in whole
    for stratum in audit.strata:
        assert stratum.agent in whole


def test_results_show_score_target_and_criteria(audit: AuditReportData, texts: list[str]) -> None:
    whole = "\n".join(texts).replace("\u00a0", " ")
    ind = audit.indicators
    assert fmt.decimal(ind.audit_score, 2) in whole
    assert fmt.decimal(ind.target_score, 1) in whole
    assert fmt.percent(ind.within_limit_pct).replace("\u00a0", " ") in whole
    for criterion in ind.criteria:
        assert fmt.percent(criterion.percent).replace("\u00a0", " ") in whole
    assert "Plazos legales (Ley 1755 de 2015)" in whole


def test_agents_are_listed_worst_first(audit: AuditReportData, texts: list[str]) -> None:
    whole = "\n".join(texts[1:])  # the cover lists the sections too
    body = whole.split("4. Resultados por agente", 1)[1].split("Gráfica 2", 1)[0]
    expected = sorted(audit.indicators.by_agent, key=lambda a: a.score)
    positions = [body.index(a.agent) for a in expected]
    assert positions == sorted(positions)


def test_page_count_is_on_every_page(texts: list[str]) -> None:
    total = len(texts)
    assert f"Página 1 de {total}" in texts[0]
    for number, text in enumerate(texts, start=1):
        assert f"Página {number} de {total}" in text


def test_identity_numbers_are_masked_to_the_last_four_digits(
    audit: AuditReportData, texts: list[str]
) -> None:
    whole = flat("\n".join(texts))
    for issue in audit.inconsistencies:
        number = issue.identity_number
        assert number and number not in whole
        assert number[-4:] in whole
    assert "*" * (len(audit.inconsistencies[0].identity_number) - 4) in whole


def test_full_identity_shown_only_when_the_reader_may_see_it(audit: AuditReportData) -> None:
    allowed = replace(audit, show_full_identity=True)
    whole = flat("\n".join(page_texts(write_audit_report(allowed))))
    assert audit.inconsistencies[0].identity_number in whole


def test_every_inconsistency_is_listed(audit: AuditReportData, texts: list[str]) -> None:
    whole = flat("\n".join(texts))
    assert audit.inconsistencies
    for issue in audit.inconsistencies:
        assert flat(issue.key) in whole
        assert flat(issue.observation) in whole
    assert f"Seencontraron{len(audit.inconsistencies)}inconsistencias" in whole


def test_signature_blocks_and_closing_text(audit: AuditReportData, texts: list[str]) -> None:
    signed = next(t for t in reversed(texts) if "7. Firmas" in t)
    for role in ("Elaborado por", "Revisado por", "Aprobado por"):
        assert role in signed
    whole = "\n".join(texts)
    assert "Conclusiones" in whole and "Recomendaciones" in whole
    assert flat("Reforzar con el equipo del proveedor") in flat(whole)


def test_same_data_gives_the_same_bytes(audit: AuditReportData, pdf: bytes, tmp_path) -> None:
    again = write_audit_report(audit)
    assert again == pdf
    path = tmp_path / "informe.pdf"
    stream = io.BytesIO()
    write_audit_report(audit, path)
    write_audit_report(audit, stream)
    assert path.read_bytes() == pdf == stream.getvalue()
    assert b"D:20240607163000-05'00'" in pdf


def test_hostile_text_renders_and_stays_visible() -> None:
    data = build_audit(records=12, agents=3, hostile=True)
    hostile_name = "Agente <b>Pérez & Cía 🤷 " + "X" * 120
    first = data.inconsistencies[0]
    data = replace(
        data,
        letterhead=Letterhead("Entidad <b> & 😀 " + "Ñ" * 200, "Oficina <i>", b"not a png"),
        provider="Proveedor <script>&",
        inconsistencies=(
            replace(first, agent=hostile_name, criterion="<b>Criterio", key="=1+1<RAD>"),
            *data.inconsistencies[1:],
        ),
        conclusions="Conclusión con <b> y & y 😀\n\n" + LONG_WORD,
        recommendations="-" * 6000,
    )
    pdf = write_audit_report(data)
    texts = page_texts(pdf)
    whole = flat("\n".join(texts))
    visible = HOSTILE.split("😀")[0]
    assert flat(visible) in whole  # "<menor que>", "&", "<b> etiqueta sin cerrar"
    assert LONG_WORD in whole
    assert flat("=1+1<RAD>") in whole
    assert flat("<b>Criterio") in whole
    assert whole.count("Observaciónextensa.") >= 250  # the 6,000-character observation
    assert f"Página1de{len(texts)}" in whole


def test_empty_audit_says_so_instead_of_empty_tables(audit: AuditReportData) -> None:
    empty = replace(
        audit,
        strata=(),
        records=(),
        inconsistencies=(),
        indicators=AuditIndicators(evaluated=0, audit_score=None, target_score=Decimal(90)),
        conclusions="",
        recommendations="",
        signatories=(),
    )
    whole = "\n".join(page_texts(write_audit_report(empty)))
    assert "No se encontraron inconsistencias en los registros evaluados." in whole
    assert "No hay agentes con registros evaluados." in whole
    assert "Sin registrar." in whole


def test_logo_is_drawn_and_chat_channel_works() -> None:
    buffer = io.BytesIO()
    Image.new("RGB", (240, 120), (31, 58, 95)).save(buffer, "PNG")
    data = build_audit(channel=Channel.CHAT, records=20, agents=4)
    data = replace(
        data, letterhead=replace(data.letterhead, logo_png=buffer.getvalue()), draft=True
    )
    pdf = write_audit_report(data)
    assert b"/Subtype /Image" in pdf
    whole = "\n".join(page_texts(pdf))
    assert "Canal Chat" in whole
    assert re.search(r"Tiempo de espera máximo del chat", whole)


def test_the_sampling_detail_is_an_annex_at_the_end(
    audit: AuditReportData, texts: list[str]
) -> None:
    # The last page naming it (the first, the cover, lists it among the contents).
    annex_start = max(i for i, t in enumerate(texts) if "Anexo A. Detalle técnico" in t)
    annex = flat("\n".join(texts[annex_start:]))
    body = flat("\n".join(texts[:annex_start]))
    assert annex_start > next(i for i, t in enumerate(texts) if "7. Firmas" in t)
    assert flat(f"Semilla del sorteo {audit.seed}") in annex
    algorithm = flat(audit.sampling_algorithm.split("\n\n")[-1])[:60]
    assert flat("Muestra por agente (estratos)") in annex and algorithm in annex
    assert all(flat(s.agent) in annex for s in audit.strata)
    assert flat("está en el Anexo A") in body and algorithm not in body


def test_carta_by_default_a4_on_request_and_the_code_in_every_header(
    audit: AuditReportData,
) -> None:
    from pypdf import PdfReader

    def size(data: bytes) -> tuple[int, int]:
        box = PdfReader(io.BytesIO(data)).pages[0].mediabox
        return round(float(box.width)), round(float(box.height))

    assert size(write_audit_report(audit)) == (612, 792)  # Carta
    head = replace(audit.letterhead, paper="a4", document_code="Código: M5-1-01-F01 Versión 2")
    a4 = write_audit_report(replace(audit, letterhead=head))
    assert size(a4) == (595, 842)
    pages = page_texts(a4)
    assert all(flat("Código: M5-1-01-F01 Versión 2") in flat(t) for t in pages)
    assert all(flat(audit.letterhead.entity[:30]) in flat(t) for t in pages)
