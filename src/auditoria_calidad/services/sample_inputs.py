"""The sample's parameters as a user types them: the fraction (0,5 ≤ f ≤ 1) and the seed."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from auditoria_calidad.domain.sampling import SEED_LIMIT, SamplingError, parse_fraction
from auditoria_calidad.services.errors import InvalidInput

DEFAULT_FRACTION = Decimal("0.5")


def parse_sample_fraction(value: Fraction | Decimal | float | str | None) -> Fraction:
    """The fraction as the procedure allows it (0,5 ≤ f ≤ 1), with at most three decimals.

    A decimal comma is accepted. Three decimals is what the audit stores, so a stored
    fraction always recomputes the same sample.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        value = DEFAULT_FRACTION
    if isinstance(value, str):
        value = value.strip().replace(",", ".")
    try:
        fraction = parse_fraction(value)
    except SamplingError as exc:
        raise InvalidInput(str(exc)) from None
    if (fraction * 1000).denominator != 1:
        raise InvalidInput(
            f"La fracción de muestreo admite como máximo tres decimales; se recibió {value}."
        )
    return fraction


def parse_seed(value: int | str | None) -> int | None:
    """A seed 0 ≤ s < 2⁶³, or None for a new random one."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    text = str(value).strip()
    if not text.isdigit() or int(text) >= SEED_LIMIT:
        raise InvalidInput(
            f"La semilla debe ser un número entero entre 0 y {SEED_LIMIT - 1}; se recibió «{text}»."
        )
    return int(text)


def decimal_fraction(fraction: Fraction) -> Decimal:
    """The fraction as the audit stores it: three decimals."""
    return (Decimal(fraction.numerator) / Decimal(fraction.denominator)).quantize(Decimal("0.001"))
