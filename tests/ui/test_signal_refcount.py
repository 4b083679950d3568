"""Emitting signals from Python never exhausts the references to True (PySide6 6.12.0)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal

from auditoria_calidad.ui.signal_refcount import emit_drops_a_reference

# Importing auditoria_calidad.ui (done above) has applied the protection.


class Emitter(QObject):
    fired = Signal()


def test_true_outlives_any_number_of_emits():
    if not emit_drops_a_reference():
        return  # this PySide6 has no defect to protect against
    emitter = Emitter()
    emitter.fired.connect(lambda: None)
    before = sys.getrefcount(True)
    for _ in range(5000):
        emitter.fired.emit()
    # Each emit still drops a reference, but True holds far more than a session can use.
    assert sys.getrefcount(True) >= before - 5000 > 1 << 39
