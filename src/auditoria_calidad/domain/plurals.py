"""Spanish singular or plural after a count: «1 fila», «2 filas», «0 filas».

The one rule for every message of the window, the CLI and the documents; the formatting
of the number itself (1.500) belongs to whoever shows it.
"""

from __future__ import annotations


def noun(n: int, singular: str, plural: str) -> str:
    """``singular`` for exactly one, ``plural`` otherwise (zero included)."""
    return singular if n == 1 else plural


def counted(n: int, singular: str, plural: str) -> str:
    """«1 fila», «2 filas», «1500 filas» (no thousands separator: see the callers' own)."""
    return f"{n} {noun(n, singular, plural)}"
