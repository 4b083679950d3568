"""auditoria-calidad: quality audits of a contact centre's virtual and chat answers (F182)."""

from __future__ import annotations


def __getattr__(name: str) -> str:
    # `__version__` is read from the installed metadata when first asked for: reading it
    # costs more than the rest of `auditoria-calidad --help`.
    if name != "__version__":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("auditoria-calidad")
    except PackageNotFoundError:  # running from a source tree that is not installed
        return "0.0.0"
