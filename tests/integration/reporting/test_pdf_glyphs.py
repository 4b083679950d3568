"""Characters that the embedded font lacks are written out in the PDF, never an empty box.

DejaVu Sans draws Spanish, most symbols and a few emoji faces; other emoji and Chinese,
Japanese or Korean become «[emoji]» or their code points. Reading the PDF back, a
character drawn with the font's empty glyph shows up as NUL: there must be none.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from PIL import Image
from reading import flat, page_texts
from report_builders import build_audit

from auditoria_calidad.reporting.audit_report import write_audit_report
from auditoria_calidad.reporting.data import Letterhead
from auditoria_calidad.reporting.fonts import supported_codepoints
from auditoria_calidad.reporting.minutes_report import (
    MinutesAnswer,
    MinutesAttendee,
    MinutesAudit,
    MinutesData,
    MinutesFinding,
    write_minutes,
)
from auditoria_calidad.reporting.pdf_text import EMOJI_SUBSTITUTE, clean, fit_width, markup

# Symbols the font draws, and what it lacks: emoji with skin tones and joiners, a flag,
# Chinese and Korean, the bitcoin sign.
DRAWN = "✓ ☎ → € ★ ⚠ ¿Ñandú?"
HOSTILE = f"Gracias {DRAWN} 👍🏾 🙏 👨‍👩‍👧 🇨🇴 ✅ 📞 你好世界 한국어 ₿ 🤷🏽‍♀️ fin de la observación"


def _missing(text: str) -> set[str]:
    supported = supported_codepoints()
    return {ch for ch in text if ord(ch) not in supported and ch not in "\n"}


def test_what_the_font_lacks_is_written_out_and_what_it_has_is_kept() -> None:
    assert {ord(ch) for ch in DRAWN} <= supported_codepoints()
    assert _missing(HOSTILE)  # the test text does reach outside the font
    text = clean(HOSTILE)
    assert _missing(text) == set()
    assert text.startswith(f"Gracias {DRAWN} ")
    assert text.count(EMOJI_SUBSTITUTE) == 7
    assert "[U+4F60 U+597D U+4E16 U+754C]" in text and "[U+D55C U+AD6D U+C5B4]" in text
    assert "[U+20BF]" in text
    assert "□" not in text
    assert _missing(markup(HOSTILE)) == set()
    assert _missing(fit_width(HOSTILE, "DejaVuSans", 8, 200)) == set()


def test_long_runs_of_other_scripts_are_counted() -> None:
    assert clean("你好世界你好世界") == "[U+4F60 U+597D U+4E16 U+754C … y 4 más]"
    assert clean("🤷\u200d") == EMOJI_SUBSTITUTE
    assert clean("❤️ y ★️") == "❤ y ★"  # drawn; the variation selector dropped


def _assert_written_out(pdf: bytes) -> str:
    texts = page_texts(pdf)
    whole = "\n".join(texts)
    assert "\x00" not in whole  # no character was drawn with the empty glyph
    assert "□" not in whole
    flat_text = flat(whole)
    assert flat(EMOJI_SUBSTITUTE) in flat_text
    assert flat("[U+4F60 U+597D U+4E16 U+754C]") in flat_text
    assert flat("✓ ☎ → € ★ ⚠") in flat_text
    return whole


def test_an_audit_report_with_emoji_and_cjk_shows_them_written_out(tmp_path: Path) -> None:
    data = build_audit(records=12, agents=3)
    first = data.inconsistencies[0]
    data = replace(
        data,
        letterhead=Letterhead("Entidad 🏛️ de prueba", "Oficina ☎ 📞"),
        provider="Proveedor 🚀 S.A.S.",
        inconsistencies=(
            replace(first, agent="Agente 😊👍🏾", observation=HOSTILE),
            *data.inconsistencies[1:],
        ),
        conclusions=HOSTILE,
    )
    pdf = write_audit_report(data)
    _assert_written_out(pdf)
    out = tmp_path / "informe.pdf"
    out.write_bytes(pdf)
    _render_first_pages(out)


def test_an_acta_with_emoji_and_cjk_shows_them_written_out(tmp_path: Path) -> None:
    finding = MinutesFinding(
        1,
        "2026-10-100007",
        "Agente 👍🏾",
        "Coherencia",
        HOSTILE,
        MinutesAnswer(HOSTILE, "Capacitar 🙏", "Coordinación 📞", date(2026, 12, 1)),
        "accepted",
        "Respuesta aceptada",
        "Aceptada ✅",
    )
    data = MinutesData(
        letterhead=Letterhead("Entidad de prueba", "Oficina"),
        acta_number="ACTA-2026-12",
        held_on=date(2026, 12, 2),
        place="Sala 3 🏢",
        attendees=(MinutesAttendee("Ana 👩‍💼 Torres", "Jefe de Oficina", "Entidad"),),
        agenda=("Revisión de hallazgos 📋", HOSTILE),
        audits=(
            MinutesAudit(
                "AUD-2026-10",
                "Virtual",
                "Proveedor 🚀",
                date(2026, 10, 1),
                date(2026, 10, 31),
                Decimal("81.5"),
                Decimal("90"),
                60,
                240,
                findings=(finding,),
            ),
        ),
        conclusions=HOSTILE,
    )
    pdf = write_minutes(data)
    _assert_written_out(pdf)
    out = tmp_path / "acta.pdf"
    out.write_bytes(pdf)
    _render_first_pages(out)


def _render_first_pages(pdf: Path) -> None:
    """Render the first page to PNG as a reader would see it (when pdftoppm is there)."""
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm no está instalado")
    prefix = pdf.with_suffix("")
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "2", str(pdf), str(prefix)],
        check=True,
        timeout=120,
    )
    pages = sorted(pdf.parent.glob(f"{prefix.name}-*.png"))
    assert pages
    with Image.open(pages[0]) as image:
        assert image.width > 400
