"""The TrueType fonts embedded in every PDF (DejaVu Sans: every Spanish glyph and more).

Reportlab's built-in Helvetica has no "ñ"-safe embedding and no glyphs beyond Latin-1,
so every PDF of the project uses these two faces, registered once per process.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"

_FILES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf"}


@cache
def register_fonts() -> tuple[str, str]:
    """Register DejaVu Sans (regular and bold) with reportlab; return their names.

    The bold face is registered as the family's bold so that ``<b>`` in a Paragraph
    uses it. Italic falls back to the regular face (DejaVu Sans Oblique is not shipped).
    """
    folder = resources.files("auditoria_calidad") / "resources" / "fonts"
    for name, filename in _FILES.items():
        with resources.as_file(folder / filename) as path:
            pdfmetrics.registerFont(TTFont(name, str(path)))
    pdfmetrics.registerFontFamily(
        REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD
    )
    return REGULAR, BOLD


@cache
def supported_codepoints() -> frozenset[int]:
    """Code points that both faces can draw, read from the fonts' own character maps.

    DejaVu Sans has Latin, Greek, Cyrillic, Hebrew, Arabic digits, most symbols and arrows
    (✓ ☎ → € ★ ⚠) and a few emoji faces (😀 😊), but not most emoji nor Chinese, Japanese
    or Korean: `pdf_text.clean` writes those out («[emoji]», «[U+4F60]») instead of letting
    the font draw its empty box.
    """
    register_fonts()
    regular = pdfmetrics.getFont(REGULAR).face.charToGlyph
    bold = pdfmetrics.getFont(BOLD).face.charToGlyph
    return frozenset(regular.keys() & bold.keys())
