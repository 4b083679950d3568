"""ui layer: the PySide6 window. It talks to `auditoria_calidad.services` only."""
