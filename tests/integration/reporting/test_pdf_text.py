"""Text made safe for a PDF paragraph: escaped, drawable, cut into page-sized pieces."""

from __future__ import annotations

from auditoria_calidad.reporting.pdf_text import EMOJI_SUBSTITUTE, clean, markup, pieces


def test_markup_escapes_what_reportlab_would_parse() -> None:
    assert markup("a < b & <b>c") == "a &lt; b &amp; &lt;b&gt;c"
    assert markup("línea 1\nlínea 2") == "línea 1<br/>línea 2"


def test_characters_the_font_lacks_are_written_out() -> None:
    assert clean("listo 🤷🏽‍♀️ ya") == f"listo {EMOJI_SUBSTITUTE} ya"
    assert clean("con\x00trol\x07") == "control"
    assert clean("Ñandú árbol") == "Ñandú árbol"


def test_pieces_cut_on_spaces_and_force_cut_unbroken_runs() -> None:
    text = "palabra " * 300
    parts = pieces(text, 100)
    assert all(len(p) <= 100 for p in parts)
    assert " ".join(parts).split() == text.split()
    word = "x" * 250
    assert pieces(word, 100) == ["x" * 100, "x" * 100, "x" * 50]
    assert pieces("", 100) == [""]
