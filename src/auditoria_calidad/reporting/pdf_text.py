"""Any text from the database, made safe for a reportlab Paragraph or a canvas string.

Observations are typed by people and CRM exports carry anything: "<", "&", a stray
"<b>", emoji, control characters, 6,000-character paragraphs, 300-character "words".
Paragraph markup is escaped, characters the embedded font cannot draw become a visible
text (never an empty box or a crash), and long texts can be cut into pieces that each fit
on a page.

DejaVu Sans draws every Spanish letter and most symbols (✓ ☎ → € ★ ⚠ and even some
faces such as 😀), but not most emoji nor Chinese, Japanese or Korean. What it lacks is
written out: an emoji (with its skin tone and joined parts) becomes «[emoji]», any other
character its code point, «[U+4F60 U+597D]», so the reader knows something was there
and what.
"""

from __future__ import annotations

import re
import unicodedata
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph

from auditoria_calidad.reporting.fonts import supported_codepoints

EMOJI_SUBSTITUTE = "[emoji]"  # one or more emoji the font cannot draw
ELLIPSIS = "…"
_MAX_CODE_POINTS = 4  # listed in one substitute; more are counted

# Invisible characters that only make sense to a shaping engine reportlab does not have.
_INVISIBLE_CHARS = "\u200b\u200c\u200d\u2060\ufeff\ufe0e\ufe0f\u00ad"
_INVISIBLE = dict.fromkeys(map(ord, _INVISIBLE_CHARS))
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SPACES = re.compile(r"[ \t]+")
# What follows a character and belongs to it: variation selectors, skin tones, the keycap,
# tag characters (flags of regions); and further characters joined by ZERO WIDTH JOINER.
_MODIFIERS = "\ufe0e\ufe0f\u20e3\U0001f3fb-\U0001f3ff\U000e0020-\U000e007f"
_CLUSTER = re.compile(
    f"[^\\s\u200d][{_MODIFIERS}]*(?:\u200d[^\\s\u200d][{_MODIFIERS}]*)*|\\s|\u200d"
)


def _is_emoji(cluster: str) -> bool:
    first = ord(cluster[0])
    return (
        first >= 0x1F000
        or 0x2190 <= first <= 0x2BFF  # arrows, technical, dingbats, symbols
        or unicodedata.category(cluster[0]) == "So"
        or (len(cluster) > 1 and cluster[1] in "\u20e3\ufe0f\u200d")
    )


def _substitute(clusters: list[str]) -> str:
    """The visible text for a run of characters that the font cannot draw."""
    if all(_is_emoji(cluster) for cluster in clusters):
        return EMOJI_SUBSTITUTE
    points = [ord(ch) for ch in "".join(clusters) if ch not in _INVISIBLE_CHARS]
    listed = " ".join(f"U+{point:04X}" for point in points[:_MAX_CODE_POINTS])
    more = len(points) - _MAX_CODE_POINTS
    return f"[{listed} … y {more} más]" if more > 0 else f"[{listed}]"


def _written_out(value: str, supported: frozenset[int]) -> str:
    """``value`` with each run of clusters the font cannot draw replaced by its substitute."""
    out: list[str] = []
    missing: list[str] = []
    for cluster in _CLUSTER.findall(value):
        drawable = all(
            ord(ch) in supported or ch in _INVISIBLE_CHARS or ch == "\n" for ch in cluster
        )
        if drawable:
            if missing:
                out.append(_substitute(missing))
                missing = []
            out.append(cluster)
        else:
            missing.append(cluster)
    if missing:
        out.append(_substitute(missing))
    return "".join(out)


def clean(text: object) -> str:
    """Plain text the fonts can draw: NFC, no control or invisible characters.

    Line breaks are kept as "\\n"; tabs become spaces; characters the font lacks are
    written out («[emoji]», «[U+4F60]»). ``None`` gives "".
    """
    if text is None:
        return ""
    value = unicodedata.normalize("NFC", str(text))
    value = value.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    value = _CONTROL.sub("", value)
    supported = supported_codepoints()
    if any(ord(ch) not in supported and ch != "\n" for ch in value):
        value = _written_out(value, supported)
    return value.translate(_INVISIBLE)


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
