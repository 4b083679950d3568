"""ui layer: the PySide6 window. It talks to `auditoria_calidad.services` only."""

from auditoria_calidad.ui.signal_refcount import protect_booleans

# Before any screen emits a signal: see signal_refcount for the PySide6 defect.
protect_booleans()
