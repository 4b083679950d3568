"""Any text from the database, made safe for a reportlab Paragraph or a canvas string.

Observations are typed by people and CRM exports carry anything: "<", "&", a stray
"<b>", emoji, control characters, 6,000-character paragraphs, 300-character "words".
Paragraph markup is escaped, characters the embedded font cannot draw become a visible
placeholder (never a blank box or a crash), and long texts can be cut into pieces that
each fit on a page.
"""

from __future__ import annotations

import re
import unicodedata
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph

from auditoria_calidad.reporting.fonts import supported_codepoints

PLACEHOLDER = "\u25a1"  # □ : a character the font cannot draw
ELLIPSIS = "…"

# Invisible characters that only make sense to a shaping engine reportlab does not have.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\ufe0e\ufe0f\u00ad"))
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SPACES = re.compile(r"[ \t]+")


def clean(text: object) -> str:
    """Plain text the fonts can draw: NFC, no control or invisible characters.

    Line breaks are kept as "\\n"; tabs become spaces; unsupported characters (most
    emoji) become ``PLACEHOLDER``. ``None`` gives "".
    """
    if text is None:
        return ""
    value = unicodedata.normalize("NFC", str(text))
    value = value.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    value = _CONTROL.sub("", value).translate(_INVISIBLE)
    supported = supported_codepoints()
    missing = {ch for ch in set(value) if ord(ch) not in supported and ch != "\n"}
    if missing:
        value = "".join(PLACEHOLDER if ch in missing else ch for ch in value)
        # Skin-tone modifiers and the like would leave runs of placeholders: keep one.
        value = re.sub(f"{PLACEHOLDER}{{2,}}", PLACEHOLDER, value)
    return value


def shorten(text: str, max_chars: int) -> str:
    """``text`` cut to at most ``max_chars`` characters, ending in "…" when cut."""
    if len(text) <= max_chars:
        return text
    return text[: max_chars - 1].rstrip() + ELLIPSIS


def fit_width(text: object, font: str, size: float, width: float) -> str:
    """One line of ``text`` (cleaned) cut with "…" so it is at most ``width`` points wide."""
    value = " ".join(clean(text).split())
    if stringWidth(value, font, size) <= width:
        return value
    value = value[: int(width / (size * 0.25)) + 1]  # never more than could fit
    while value and stringWidth(value + ELLIPSIS, font, size) > width:
        value = value[:-1]
    return value.rstrip() + ELLIPSIS


def markup(text: object, max_chars: int | None = None) -> str:
    """Paragraph markup that shows ``text`` literally (escaped, line breaks kept)."""
    value = clean(text).strip()
    if max_chars is not None:
        value = shorten(value, max_chars)
    lines = (_SPACES.sub(" ", line) for line in value.split("\n"))
    return "<br/>".join(escape(line) for line in lines)


def paragraph(text: object, style: ParagraphStyle, max_chars: int | None = None) -> Paragraph:
    """A Paragraph showing ``text`` literally; long words wrap inside the frame."""
    return Paragraph(markup(text, max_chars), style)


def pieces(text: object, size: int) -> list[str]:
    """``text`` (cleaned) cut into pieces of at most ``size`` characters.

    Cuts fall on a line break or a space near the end of each piece when there is one,
    so a long observation can be spread over several table rows, each shorter than a
    page; an unbroken run of characters is cut where it must be.
    """
    value = clean(text).strip()
    result: list[str] = []
    while len(value) > size:
        window = value[:size]
        cut = max(window.rfind("\n"), window.rfind(" "))
        if cut < size // 2:
            cut = size
        result.append(value[:cut].rstrip())
        value = value[cut:].lstrip()
    if value or not result:
        result.append(value)
    return result


def paragraphs(text: object) -> list[str]:
    """The paragraphs of a free text (split on blank lines), each cleaned, none empty."""
    blocks = re.split(r"\n\s*\n", clean(text).strip())
    return [block.strip() for block in blocks if block.strip()]
