"""How to read the agreement figures of a calibration (Krippendorff 2004, §12.4).

Krippendorff's thresholds for alpha: at least 0.800 the evaluators' judgements can be
relied on; between 0.667 and 0.800 only tentative conclusions; below 0.667 the
evaluators do not judge alike. Gwet's AC1 is read on the same scale here: it is the
figure to trust when nearly every judgement is «Cumple», where alpha drops even though
the evaluators agree (the "kappa paradox").
"""

from __future__ import annotations

ALPHA_RELIABLE = 0.800
ALPHA_TENTATIVE = 0.667

RELIABLE = "fiable"
TENTATIVE = "provisional"
UNRELIABLE = "insuficiente"
UNDEFINED = "sin datos"


def reliability(value: float | None) -> str:
    """«fiable», «provisional», «insuficiente» for an alpha or AC1; «sin datos» for None."""
    if value is None:
        return UNDEFINED
    if value >= ALPHA_RELIABLE:
        return RELIABLE
    if value >= ALPHA_TENTATIVE:
        return TENTATIVE
    return UNRELIABLE
