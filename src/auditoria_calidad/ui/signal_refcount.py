"""Protection against a reference-count defect of PySide6 6.12.0 on Python 3.11.

``SignalInstance.emit()`` and ``SignalInstance.disconnect()`` return a *borrowed* ``True``:
every call drops one reference to ``True``. On Python 3.11, where ``True`` is not yet
immortal (it is from 3.12 on), the interpreter aborts with "Fatal Python error:
bool_dealloc" once a few hundred signals have been emitted from Python — in a long
session, or at exit.

`protect_booleans()` probes the installed PySide6 once; only when the defect is there, it
gives ``True`` and ``False`` a reference count so large that no session can exhaust it,
which is what Python 3.12 does for them anyway. It runs when the `auditoria_calidad.ui`
package is imported, so every signal of every screen is covered, whoever emits it.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject, Signal

# Far more emits than any session can make; small enough never to overflow a Py_ssize_t.
_PIN = 1 << 40


class _Probe(QObject):
    fired = Signal()


def emit_drops_a_reference() -> bool:
    """True when this PySide6 loses a reference to ``True`` on every ``emit()``."""
    probe = _Probe()
    before = sys.getrefcount(True)
    result = probe.fired.emit()
    del result
    dropped = sys.getrefcount(True) < before
    if dropped:
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(True))  # give the probe's back
    return dropped


def _can_pin() -> bool:
    # ob_refcnt is the first field of an object in release builds of CPython < 3.12;
    # debug builds (sys.gettotalrefcount) put other fields before it.
    return (
        sys.implementation.name == "cpython"
        and sys.version_info < (3, 12)
        and not hasattr(sys, "gettotalrefcount")
    )


def protect_booleans() -> bool:
    """Pin ``True`` and ``False`` when the defect is present; returns whether it did."""
    if not _can_pin() or not emit_drops_a_reference():
        return False
    for value in (True, False):
        ctypes.c_ssize_t.from_address(id(value)).value += _PIN
    return True
