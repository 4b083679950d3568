"""Keys written with their leading zeros («000392») in a column where Excel turned a few
into numbers (392): read alone, the same case would be stored twice under two keys.

The column's own text keys show the width: when all of them (at least half the keys) are
digits of one length and some begin with a zero, a shorter key of digits is that key
without its zeros. It is
completed to the column's width, and the summary says how many were.
"""

from __future__ import annotations

from collections.abc import Sequence

from auditoria_calidad.domain.plurals import counted
from auditoria_calidad.importing.values import Cell, cell_text

_MOST = 0.5  # share of the sampled keys that must be zero-padded digits of one width


class KeyWidth:
    """Completes the keys of one column to the width its zero-padded keys show."""

    def __init__(self) -> None:
        self.width = 0  # 0: the column's keys have no fixed width
        self.padded = 0
        self._example = ("", "")

    def learn(self, cells: Sequence[Cell]) -> None:
        """The width, from the first rows' keys (see the module)."""
        keys = [cell for cell in cells if cell_text(cell).strip()]
        texts = [k.strip() for k in keys if isinstance(k, str)]  # as written, zeros kept
        digits = [k for k in texts if k.isascii() and k.isdigit()]
        widths = {len(k) for k in digits}
        zeros = any(k.startswith("0") for k in digits)
        if (
            len(widths) == 1
            and zeros
            and len(digits) == len(texts)  # every key written as text is of that form
            and len(digits) >= max(3, _MOST * len(keys))
        ):
            self.width = widths.pop()

    def __call__(self, key: str | None) -> str | None:
        if key is None or len(key) >= self.width or not (key.isascii() and key.isdigit()):
            return key
        full = key.zfill(self.width)
        self.padded += 1
        if not self._example[0]:
            self._example = (key, full)
        return full

    def note(self, header: str) -> str | None:
        """The summary's sentence, when keys were completed."""
        if not self.padded:
            return None
        short, full = self._example
        return (
            f"En «{header}», {counted(self.padded, 'clave venía', 'claves venían')} sin los "
            f"ceros a la izquierda que tienen las demás (Excel las volvió números, p. ej. "
            f"{short}): se completaron a {self.width} cifras ({full})."
        )
