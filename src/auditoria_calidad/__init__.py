"""auditoria-calidad: quality audits of a contact centre's virtual and chat answers (F182)."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("auditoria-calidad")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0"
