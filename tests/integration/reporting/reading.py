"""Reading generated documents back the way a person would: text of each PDF page."""

from __future__ import annotations

import io
import logging
import re

from pypdf import PdfReader

# pypdf cannot map astral code points (emoji) of a subset font back to text and logs it.
logging.getLogger("pypdf").setLevel(logging.ERROR)


def page_texts(pdf: bytes) -> list[str]:
    reader = PdfReader(io.BytesIO(pdf))
    return [page.extract_text() or "" for page in reader.pages]


def flat(text: str) -> str:
    """Text without any whitespace, to find strings that a line break may have cut."""
    return re.sub(r"\s+", "", text)
